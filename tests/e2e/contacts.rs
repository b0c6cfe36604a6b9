//! End to end, the Contacts screen under both policies, as Dana (Management
//! and Cust. Admin. of Northwind Traders, which reviews changes; Admin of
//! Contoso Partners, which changes directly):
//! review — the demo's waiting request cancelled, a role granted and a
//! contact added in one request, the read-only active-vs-requested view
//! and its ticket, the request cancelled after confirming;
//! direct — a User added with two assigned customers, their role changed
//! (with another user's customers and notifications in the same save),
//! the last Admin's controls locked with the reason, a save on a list
//! changed elsewhere refused with what changed, an address already
//! taken refused beside its row, the user removed after
//! confirming and their access-revoked e-mail in the outbox;
//! offline — the list read from the cache, sending disabled with the reason.
//!
//! Linux only: the app is driven through WebKitWebDriver. On Windows the
//! webview is WebView2, whose driver (Edge WebDriver) does not run here.
#![cfg(target_os = "linux")]

use crate::support;

use support::accessibility::check_accessibility;

use serde_json::Value;
use support::desktop::{APP_TIMEOUT, Desktop};
use support::portal_view::PortalView;
use support::webdriver::WebDriver;
use support::{DANA, DEMO_PASSWORD, SHORT, launch_as_dana};
use test_support::{PortalProcess, portal_api as vendor};

const NORTHWIND: i64 = 1;
const CONTOSO: i64 = 2;

/// The CSS selector of the table row of `email`.
fn row(email: &str) -> String {
    format!("tr.contact-row[data-email=\"{email}\"]")
}

/// The contact `email` in the portal's list of `organization`.
fn contact_on_portal(server: &PortalView, organization: i64, email: &str) -> Option<Value> {
    let list = server.json(&format!("/api/v1/organizations/{organization}/contacts"));
    list["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|contact| contact["email"] == email)
        .cloned()
}

/// Sends a batch to `organization` from outside the app (someone else at
/// another computer), on the list's current version.
fn change_elsewhere(server: &PortalView, organization: i64, changes: Value) {
    let path = format!("/api/v1/organizations/{organization}/contacts");
    let etag = server.get(&path).headers()["etag"]
        .to_str()
        .unwrap()
        .to_owned();
    let answer = server.post(
        &format!("/api/v1/organizations/{organization}/contact-changes"),
        &serde_json::json!({ "changes": changes }),
        Some(&etag),
    );
    assert!(answer.status().is_success(), "{answer:?}");
}

/// Opens the Contacts screen on `organization`, waiting for `shown`.
fn open_contacts_of(app: &WebDriver, organization: i64, shown: &str) {
    app.click_on("#screen-contacts");
    app.wait_for("#contacts-organization", APP_TIMEOUT);
    app.click_on(&format!(
        "#contacts-organization option[value=\"{organization}\"]"
    ));
    app.wait_for(shown, APP_TIMEOUT);
}

/// The lines of the pending-changes summary.
fn summary(app: &WebDriver) -> Vec<String> {
    app.texts_of_all("#contacts-changes li")
}

#[test]
fn contacts_under_review_and_direct_policies() {
    let mut portal = PortalProcess::demo();
    let mut desktop = Desktop::start("contacts");
    let app = launch_as_dana(&desktop, portal.url());
    let server = PortalView::sign_in(portal.url(), DANA, DEMO_PASSWORD);

    // Review: the demo's request (#1235) waits, shown read-only.
    app.click_on("#screen-contacts");
    app.wait_for("#contacts-organization", APP_TIMEOUT);
    let mut options = app.texts_of_all("#contacts-organization option");
    options.sort();
    assert_eq!(options, ["Contoso Partners", "Northwind Traders"]);
    open_contacts_of(&app, NORTHWIND, "#contacts-pending");
    assert_eq!(
        app.texts_of_all("tr.compare-row[data-email=\"lee@example.com\"] td"),
        [
            "Technical Contact",
            "Cust. Admin., Technical Contact",
            "Changed"
        ]
    );
    assert_eq!(
        app.texts_of_all("tr.compare-row[data-email=\"nina@example.com\"] td"),
        ["—", "Technical Contact", "Added"]
    );
    assert!(!app.exists("#contacts-table"), "no editing while it waits");
    desktop.screenshot("demo-request-waiting");
    app.click_on("#contacts-cancel-request");
    app.wait_for("#cancel-request-dialog", SHORT);
    app.click_on("#cancel-request-dialog-confirm");
    app.wait_for_text("#contacts-notice", APP_TIMEOUT, |text| {
        text == "The change request was cancelled."
    });
    app.wait_for("#contacts-table.review", SHORT);

    // Dana is the last Management or Cust. Admin.: dropping one of her two
    // managing roles locks the other, with the reason.
    let dana = row(DANA);
    app.click_on(&format!("{dana} input[data-role=\"Management\"]"));
    assert!(!app.is_enabled(&format!("{dana} input[data-role=\"Cust. Admin.\"]")));
    app.wait_for_text(&format!("{dana} .lock-reason"), SHORT, |text| {
        text == "You are the last active Management or Cust. Admin. of Northwind Traders; make someone else Management or Cust. Admin. first."
    });
    app.click_on(&format!("{dana} input[data-role=\"Management\"]"));
    assert!(
        app.exists("#contacts-no-changes"),
        "ticking back is no change"
    );

    // Grant a role and add a contact (after the form refuses bad input).
    app.click_on(&format!(
        "{} input[data-role=\"Accounts Payable\"]",
        row("lee@example.com")
    ));
    app.click_on("#contacts-add");
    app.click_on("#new-contact-submit");
    app.wait_for_text("#new-contact-first_name-error", SHORT, |text| {
        text == "Enter a first name."
    });
    app.wait_for_text("#new-contact-roles-error", SHORT, |text| {
        text == "Choose at least one role."
    });
    app.fill("#new-contact-first_name", "Omar");
    app.fill("#new-contact-last_name", "Haddad");
    app.fill("#new-contact-email", "Lee@Example.com");
    app.click_on("#new-contact-role-2");
    app.click_on("#new-contact-submit");
    app.wait_for_text("#new-contact-email-error", SHORT, |text| {
        text == "Lee@Example.com is a contact of Northwind Traders already."
    });
    app.fill("#new-contact-email", "omar@example.com");
    app.fill("#new-contact-office_phone", "+44 20 7946 0302");
    app.click_on("#new-contact-submit");
    app.wait_for(&row("omar@example.com"), SHORT);
    assert_eq!(
        summary(&app),
        [
            "Grant Accounts Payable to lee@example.com",
            "Add Omar Haddad <omar@example.com> as Technical Contact"
        ]
    );
    check_accessibility(&app, "Contacts (review policy) with changes");
    desktop.screenshot("review-changes");

    // Request them: a ticket, and the read-only view.
    app.click_on("#contacts-send");
    let confirmation = app.wait_for_text("#contacts-requested", APP_TIMEOUT, |text| {
        text.starts_with("Your request was sent to the support team as ticket #")
    });
    let on_portal = server.json(&format!("/api/v1/organizations/{NORTHWIND}/contacts"));
    let ticket = on_portal["pending"]["ticket_id"].as_i64().unwrap();
    assert!(
        confirmation.contains(&format!("ticket #{ticket}.")),
        "{confirmation}"
    );
    assert_eq!(on_portal["pending"]["changes"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.texts_of_all("tr.compare-row[data-email=\"lee@example.com\"] td"),
        [
            "Technical Contact",
            "Technical Contact, Accounts Payable",
            "Changed"
        ]
    );
    assert_eq!(
        app.texts_of_all("tr.compare-row[data-email=\"omar@example.com\"] td"),
        ["—", "Technical Contact", "Added"]
    );
    assert_eq!(
        app.texts_of_all("#contacts-pending-changes li"),
        [
            "Grant Accounts Payable to lee@example.com",
            "Add Omar Haddad <omar@example.com> as Technical Contact"
        ]
    );
    desktop.screenshot("review-requested");
    let on_ticket = server.json(&format!("/api/v1/tickets/{ticket}"));
    assert_eq!(on_ticket["kind"], "contact_change");
    app.click_on("#contacts-open-ticket");
    app.wait_for_text("#ticket-title", APP_TIMEOUT, |text| {
        text.starts_with(&format!("#{ticket} "))
    });
    desktop.screenshot("request-ticket");

    // Cancel it, after confirming.
    app.click_on("#screen-contacts");
    app.wait_for("#contacts-pending", APP_TIMEOUT);
    app.click_on("#contacts-cancel-request");
    app.wait_for_text("#cancel-request-dialog-text", SHORT, |text| {
        text.contains(&format!("ticket #{ticket} is closed as cancelled"))
    });
    check_accessibility(&app, "the cancel-request dialog");
    desktop.screenshot("cancel-dialog");
    app.click_on("#cancel-request-dialog-confirm");
    app.wait_for_text("#contacts-notice", APP_TIMEOUT, |text| {
        text == "The change request was cancelled."
    });
    let on_portal = server.json(&format!("/api/v1/organizations/{NORTHWIND}/contacts"));
    assert!(on_portal["pending"].is_null());
    assert_eq!(
        server.json(&format!("/api/v1/tickets/{ticket}"))["status"],
        "cancelled"
    );
    assert!(contact_on_portal(&server, NORTHWIND, "omar@example.com").is_none());

    // Direct: add a User with two assigned customers.
    app.click_on(&format!(
        "#contacts-organization option[value=\"{CONTOSO}\"]"
    ));
    app.wait_for("#contacts-table.direct", APP_TIMEOUT);
    app.click_on("#contacts-add");
    app.fill("#new-contact-first_name", "Tomas");
    app.fill("#new-contact-last_name", "Berg");
    app.fill("#new-contact-email", "tomas@example.com");
    app.click_on("#new-contact-role-1");
    app.click_on("#new-contact-customer-2");
    app.click_on("#new-contact-customer-4");
    check_accessibility(&app, "the add-user dialog");
    desktop.screenshot("direct-add-user");
    app.click_on("#new-contact-submit");
    let tomas = row("tomas@example.com");
    app.wait_for_text(&format!("{tomas} .customers-cell"), SHORT, |text| {
        text == "Blue Yonder Foods, Delta Freight"
    });
    app.click_on("#contacts-send");
    app.wait_for_text("#contacts-notice", APP_TIMEOUT, |text| {
        text == "Saved: 1 change is in effect."
    });
    let added = contact_on_portal(&server, CONTOSO, "tomas@example.com").unwrap();
    assert_eq!(added["roles"], serde_json::json!(["User"]));
    assert_eq!(added["customers"], serde_json::json!([2, 4]));
    assert_eq!(added["active"], false, "until they follow the welcome link");

    // Change their role; in the same save, Marco's customers and the
    // notifications of alerts@.
    app.click_on(&format!(
        "{tomas} select.role-select option[value=\"Marketing\"]"
    ));
    app.click_on(&format!(
        "{} button[id$=\"-customers\"]",
        row("marco@example.com")
    ));
    app.wait_for("#customers-dialog", SHORT);
    app.click_on("#customers-dialog-2");
    app.wait_for_text("#customers-dialog-count", SHORT, |text| {
        text == "3 of 5 selected"
    });
    app.click_on("#customers-dialog-confirm");
    app.click_on(&format!(
        "{} button[id$=\"-notifications\"]",
        row("alerts@example.com")
    ));
    app.wait_for("#notifications-dialog", SHORT);
    app.click_on("#notifications-dialog-weekly");
    app.click_on("#notifications-dialog-payments");
    app.wait_for_text("#notifications-dialog-summary", SHORT, |text| {
        text == "A summary of their outstanding tasks comes every Monday morning."
    });
    app.click_on("#notifications-dialog-apply");
    assert_eq!(
        summary(&app),
        [
            "Send alerts@example.com a weekly (Monday) digest of tickets, contact changes, documents",
            "Grant Marketing to tomas@example.com",
            "Revoke User from tomas@example.com",
            "Assign marco@example.com to Acme Retail, Blue Yonder Foods, Cedar Health"
        ]
    );
    // Dana is the only Admin: her role and removal are locked, with why.
    let dana = row(DANA);
    assert!(!app.is_enabled(&format!("{dana} select.role-select")));
    assert!(!app.is_enabled(&format!("{dana} button[id$=\"-remove\"]")));
    app.wait_for_text(&format!("{dana} .lock-reason"), SHORT, |text| {
        text == "You are the last active Admin of Contoso Partners; make someone else Admin first."
    });
    check_accessibility(&app, "Contacts (direct policy) with changes");
    desktop.screenshot("direct-changes");

    // Meanwhile Sofia's phone is changed elsewhere: the save is refused as
    // stale, says what changed, and keeps the edits for a second try.
    change_elsewhere(
        &server,
        CONTOSO,
        serde_json::json!([{ "action": "edit_contact", "contact": "sofia@example.com",
            "edit": { "mobile_phone": "+46 70 123 45 67" } }]),
    );
    app.click_on("#contacts-send");
    app.wait_for_text("#contacts-stale li", APP_TIMEOUT, |text| {
        text == "Sofia Lindqvist: contact details changed."
    });
    assert_eq!(summary(&app).len(), 4, "the edits are kept");
    assert!(
        contact_on_portal(&server, CONTOSO, "marco@example.com").unwrap()["customers"]
            == serde_json::json!([1, 3])
    );
    desktop.screenshot("direct-stale");
    app.click_on("#contacts-send");
    app.wait_for_text("#contacts-notice", APP_TIMEOUT, |text| {
        text == "Saved: 4 changes are in effect."
    });
    let changed = contact_on_portal(&server, CONTOSO, "tomas@example.com").unwrap();
    assert_eq!(changed["roles"], serde_json::json!(["Marketing"]));
    let marco = contact_on_portal(&server, CONTOSO, "marco@example.com").unwrap();
    assert_eq!(marco["customers"], serde_json::json!([1, 2, 3]));
    let alerts = contact_on_portal(&server, CONTOSO, "alerts@example.com").unwrap();
    assert_eq!(alerts["notifications"]["frequency"], "weekly");
    assert_eq!(
        alerts["notifications"]["categories"],
        serde_json::json!(["tickets", "contact_changes", "documents"])
    );

    // An address someone else has is refused beside the row, nothing saved,
    // and the edit kept.
    let sofia = row("sofia@example.com");
    app.click_on(&format!("{sofia} button[id$=\"-edit\"]"));
    let sofia_email = "tr.contact-details[data-email=\"sofia@example.com\"] input[id$=\"-email\"]";
    app.fill(sofia_email, "marco@example.com");
    app.wait_for_text("#contacts-changes", SHORT, |text| {
        text == "Edit sofia@example.com: e-mail → marco@example.com"
    });
    app.click_on("#contacts-send");
    app.wait_for_text(
        "tr.contact-errors[data-email=\"sofia@example.com\"]",
        APP_TIMEOUT,
        |text| text == "Another user of this portal has the address marco@example.com.",
    );
    assert_eq!(app.value_of(sofia_email), "marco@example.com");
    assert!(contact_on_portal(&server, CONTOSO, "sofia@example.com").is_some());
    desktop.screenshot("direct-refused-edit");
    app.click_on("#contacts-discard");
    app.wait_for("#contacts-no-changes", SHORT);

    // Remove them, after confirming; they are told by e-mail.
    app.click_on(&format!("{tomas} button[id$=\"-remove\"]"));
    app.wait_for_text("#remove-dialog-title", SHORT, |text| {
        text == "Remove Tomas Berg?"
    });
    check_accessibility(&app, "the remove-contact dialog");
    desktop.screenshot("remove-dialog");
    app.click_on("#remove-dialog-confirm");
    app.wait_for_text("#contacts-notice", APP_TIMEOUT, |text| {
        text == "Tomas Berg was removed and told by e-mail that their access was revoked."
    });
    assert!(!app.exists(&tomas));
    assert!(contact_on_portal(&server, CONTOSO, "tomas@example.com").is_none());
    let mail = vendor::outbox(portal.db_path());
    assert!(
        mail.iter()
            .any(|message| message["to"] == "tomas@example.com"
                && message["subject"] == "Your access to Contoso Partners has been revoked"),
        "{mail:?}"
    );
    desktop.screenshot("direct-removed");

    // Offline: the lists come from the cache; a batch waits in the outbox,
    // shown on the page, and is requested once the portal is back.
    portal.stop();
    app.click_on(&format!(
        "#contacts-organization option[value=\"{NORTHWIND}\"]"
    ));
    app.wait_for_text("#contacts-offline", APP_TIMEOUT, |text| {
        text.starts_with("Offline: showing the contacts as last synced")
    });
    app.click_on(&format!(
        "{} input[data-role=\"Accounts Payable\"]",
        row("lee@example.com")
    ));
    app.click_on("#contacts-send");
    app.wait_for_text("#contacts-notice", APP_TIMEOUT, |text| {
        text.starts_with("Saved in the outbox: it will be sent when")
    });
    app.wait_for_text("#contacts-waiting", SHORT, |text| {
        text.contains("Waiting to send")
            && text.contains("Grant Accounts Payable to lee@example.com")
    });
    app.wait_for_text("#outbox-count", SHORT, |text| text == "1");
    desktop.screenshot("offline-queued");
    portal.restart();
    app.click_on("#toggle-outbox");
    app.click_on("#outbox-send");
    app.wait_for_text("#outbox-status", APP_TIMEOUT, |text| {
        text == "1 change was sent."
    });
    app.wait_until_gone("#contacts-waiting", APP_TIMEOUT);
    app.wait_for_text("#contacts-pending", APP_TIMEOUT, |text| {
        text.contains("Grant Accounts Payable to lee@example.com")
    });
    desktop.screenshot("offline-sent");
    app.quit();
}

#[test]
fn an_admin_changing_their_own_address_signs_in_again_with_it() {
    let portal = PortalProcess::demo();
    let mut desktop = Desktop::start("contacts-own-address");
    let app = launch_as_dana(&desktop, portal.url());
    open_contacts_of(&app, CONTOSO, "#contacts-table.direct");
    app.click_on(&format!("{} button[id$=\"-edit\"]", row(DANA)));
    let own_email = "tr.contact-details[data-email=\"dana@example.com\"] input[id$=\"-email\"]";
    app.fill(own_email, "dana.whitfield@example.com");
    app.wait_for_text("p[id$=\"-own-address\"]", SHORT, |text| {
        text == "Changing your own e-mail address signs you out; you then sign in with the new address."
    });
    app.click_on("#contacts-send");
    app.wait_for_text("#form-banner", APP_TIMEOUT, |text| {
        text == "Your own e-mail address changed, so you were signed out. Sign in again with the new address."
    });
    desktop.screenshot("signed-out");
    support::sign_in(
        &app,
        portal.url(),
        "dana.whitfield@example.com",
        DEMO_PASSWORD,
    );
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    app.quit();
}
