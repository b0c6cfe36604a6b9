//! End to end: the real app binary under Xvfb, driven through tauri-driver
//! and WebKitWebDriver. Screenshots go to `target/e2e-screenshots/`.
//!
//! Linux only: the app is driven through WebKitWebDriver. On Windows the
//! webview is WebView2, whose driver (Edge WebDriver) does not run here.
#![cfg(target_os = "linux")]

use crate::support;

use support::accessibility::check_accessibility;

use std::process::Stdio;

use support::desktop::{APP_TIMEOUT, Desktop};
use support::{SHORT, sign_in, signed_in_as_ada};
use test_support::{BASIC_FIXTURES, PASSWORD, PortalProcess};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";

#[test]
fn demo_sign_in_edit_quit_and_restart_still_signed_in() {
    let mut desktop = Desktop::start("demo-restart");
    let app = desktop.launch_app();
    app.wait_for("#open-demo", APP_TIMEOUT);
    check_accessibility(&app, "the sign-in screen");
    desktop.screenshot("sign-in");

    app.click_on("#open-demo");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    assert_eq!(app.value_of("#field-mobile_phone"), "+44 7700 900123");
    assert!(
        !app.is_enabled("#save-changes"),
        "Save is disabled until something changed"
    );
    check_accessibility(&app, "My Profile: My Details");
    desktop.screenshot("my-details");

    app.fill("#field-mobile_phone", "+44 7700 900555");
    assert!(app.is_enabled("#save-changes"));
    app.click_on("#save-changes");
    app.wait_for_text("#save-status", SHORT, |status| status == "Saved.");
    assert!(!app.is_enabled("#save-changes"));
    desktop.screenshot("saved");
    app.quit();

    let app = desktop.launch_app();
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    assert!(!app.exists("#password"), "no password was asked for");
    assert_eq!(app.value_of("#field-mobile_phone"), "+44 7700 900555");
    app.wait_for_text("#save-status", SHORT, |status| status.is_empty());
    // "Last synced …; refreshing…" goes once the portal's copy is shown.
    app.wait_until_gone("#synced", SHORT);
    assert_eq!(
        app.value_of("#field-mobile_phone"),
        "+44 7700 900555",
        "the refreshed profile from the restarted demo portal has the change"
    );
    desktop.screenshot("after-restart");

    // The demo plays the support team: the waiting contact change request
    // (#1235) is applied from the Contacts screen.
    app.click_on("#screen-contacts");
    app.wait_for("#contacts-organization", APP_TIMEOUT);
    app.click_on("#contacts-organization option[value=\"1\"]");
    app.click_on("#contacts-demo-apply");
    app.wait_for_text("#contacts-notice", APP_TIMEOUT, |text| {
        text == "The support team applied the request (demo)."
    });
    assert!(app.exists("tr.contact-row[data-email=\"nina@example.com\"]"));
    assert_eq!(
        app.attribute(
            "tr.contact-row[data-email=\"lee@example.com\"] input[data-role=\"Cust. Admin.\"]",
            "checked"
        )
        .as_deref(),
        Some("true")
    );
    desktop.screenshot("contact-request-applied");
    app.quit();

    let output = desktop
        .app_command()
        .env("PORTAL_DESK_EXIT_AFTER_FIRST_SCREEN", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find(|line| line.starts_with("first_screen_ms "))
        .unwrap_or_else(|| panic!("no first_screen_ms line in {stdout:?}"));
    line["first_screen_ms ".len()..]
        .parse::<u64>()
        .expect("first_screen_ms is a whole number of milliseconds");
}

#[test]
fn a_wrong_password_is_shown_beside_the_field() {
    let portal = PortalProcess::spawn(BASIC_FIXTURES);
    let mut desktop = Desktop::start("wrong-password");
    let app = desktop.launch_app();
    app.wait_for("#sign-in", APP_TIMEOUT);
    // Keyboard only: the form starts in the portal address, Tab walks the
    // fields in order, Enter submits.
    assert_eq!(app.focused_id(), "portal-url");
    app.press(portal.url());
    app.press(TAB);
    assert_eq!(app.focused_id(), "email");
    app.press("ada@example.com");
    app.press(TAB);
    assert_eq!(app.focused_id(), "password");
    app.press("not the password");
    app.press(ENTER);
    app.wait_for_text("#password-error", SHORT, |text| {
        text == "The e-mail address or password is not correct."
    });
    assert_eq!(
        app.value_of("#email"),
        "ada@example.com",
        "the form is kept"
    );
    assert_eq!(app.value_of("#portal-url"), portal.url());
    assert!(
        !app.exists("#form-banner"),
        "the message is beside the field, not a banner"
    );
    check_accessibility(&app, "sign-in with an error beside the password");
    desktop.screenshot("error-beside-password");
}

#[test]
fn bad_addresses_and_a_missing_portal_keep_the_form() {
    let mut desktop = Desktop::start("bad-address");
    let app = desktop.launch_app();
    app.wait_for("#sign-in", APP_TIMEOUT);

    sign_in(
        &app,
        "http://portal.example.com",
        "ada@example.com",
        PASSWORD,
    );
    let message = app.wait_for_text("#portal-url-error", SHORT, |text| !text.is_empty());
    assert!(
        message.contains("only connects to portals over https://"),
        "{message}"
    );
    desktop.screenshot("insecure-url");

    sign_in(&app, "not a web address", "ada@example.com", PASSWORD);
    app.wait_for_text("#portal-url-error", SHORT, |text| {
        text.contains("is not a web address")
    });

    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    sign_in(&app, &url, "ada@example.com", PASSWORD);
    let banner = app.wait_for_text("#form-banner", SHORT, |text| text.contains("Cannot reach"));
    assert!(banner.contains(&url), "{banner}");
    assert!(app.exists("#banner-retry"), "a retry button is offered");
    assert_eq!(app.value_of("#portal-url"), url, "the form is kept");
    assert_eq!(app.value_of("#email"), "ada@example.com");
    assert_eq!(app.value_of("#password"), PASSWORD);
    desktop.screenshot("unreachable");
}

#[test]
fn a_profile_changed_through_pdesk_meanwhile_shows_both_versions() {
    let (portal, mut desktop, app) = signed_in_as_ada("conflict");

    let pdesk = support::pdesk::Pdesk::beside(&desktop);
    pdesk.login(portal.url(), "ada@example.com", PASSWORD);
    pdesk.run(
        &[
            "profile",
            "set",
            "--mobile-phone",
            "+44 7700 900222",
            "--job-title",
            "Chief Analyst",
        ],
        None,
    );

    app.fill("#field-mobile_phone", "+44 7700 900111");
    app.click_on("#save-changes");
    app.wait_for("#conflict-panel", SHORT);
    let mine = app.text_of("#conflict-panel tr[data-field=mobile_phone] td.mine");
    let theirs = app.text_of("#conflict-panel tr[data-field=mobile_phone] td.theirs");
    assert_eq!(
        (mine.as_str(), theirs.as_str()),
        ("+44 7700 900111", "+44 7700 900222")
    );
    let title = app.text_of("#conflict-panel tr[data-field=job_title] td.theirs");
    assert_eq!(title, "Chief Analyst");
    assert_eq!(
        app.value_of("#field-mobile_phone"),
        "+44 7700 900111",
        "my edit is kept"
    );
    check_accessibility(&app, "My Details: mine and theirs side by side");
    desktop.screenshot("both-versions");

    app.click_on("#keep-mine");
    assert_eq!(app.value_of("#field-mobile_phone"), "+44 7700 900111");
    assert_eq!(app.value_of("#field-job_title"), "Chief Analyst");
    app.click_on("#save-changes");
    app.wait_for_text("#save-status", SHORT, |status| status == "Saved.");
    desktop.screenshot("kept-mine-saved");
}

#[test]
fn a_rejected_field_shows_its_message_and_keeps_the_edit() {
    let (_portal, mut desktop, app) = signed_in_as_ada("rejected-field");
    app.fill("#field-mobile_phone", "call me maybe");
    app.click_on("#save-changes");
    app.wait_for_text("#error-mobile_phone", SHORT, |text| {
        text == "Use digits, spaces and + - ( ) . / only."
    });
    assert_eq!(app.value_of("#field-mobile_phone"), "call me maybe");
    assert!(
        app.is_enabled("#save-changes"),
        "the edit can be corrected and saved"
    );
    desktop.screenshot("field-rejected");
}

#[test]
fn an_expired_session_while_editing_signs_in_again_and_keeps_the_edit() {
    let (portal, mut desktop, app) = signed_in_as_ada("expired-session");
    app.fill("#field-job_title", "Senior Analyst");

    let db = portal_server::Db::open(portal.db_path(), portal.clock().clone()).unwrap();
    db.run_blocking(|conn| {
        conn.execute_batch("UPDATE token_families SET revoked_at = 1; DELETE FROM access_tokens;")
            .unwrap()
    });
    app.click_on("#save-changes");
    app.wait_for("#reauth", SHORT);
    assert_eq!(app.value_of("#field-job_title"), "Senior Analyst");
    check_accessibility(&app, "the sign-in-again dialog");
    desktop.screenshot("sign-in-again");

    app.fill("#reauth-password", PASSWORD);
    app.click_on("#reauth-submit");
    app.wait_for_text("#save-status", SHORT, |status| {
        status.contains("Your changes are still here")
    });
    assert!(!app.exists("#reauth"));
    assert_eq!(app.value_of("#field-job_title"), "Senior Analyst");
    app.click_on("#save-changes");
    app.wait_for_text("#save-status", SHORT, |status| status == "Saved.");
    desktop.screenshot("saved-after-sign-in");
}

#[test]
fn settings_and_portal_roles_tabs_follow_the_portal_across_a_restart() {
    let mut desktop = Desktop::start("settings-roles");
    let app = desktop.launch_app();
    app.wait_for("#open-demo", APP_TIMEOUT);
    app.click_on("#open-demo");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });

    app.click_on("#tab-settings");
    app.wait_for("#format-file_name", SHORT);
    assert!(
        !app.is_enabled("#settings-save"),
        "Save is disabled until something changed"
    );
    assert!(
        !app.is_enabled("#email-security_alerts"),
        "security alerts are always on"
    );
    app.click_on("#format-ticket_bracket_prefix");
    assert_eq!(
        app.text_of("#format-preview"),
        "[Ticket 1234] Installation Guide.pdf",
        "the preview follows the choice at once"
    );
    app.click_on("#frequency-weekly");
    // Below the fold: a keyboard user focuses it and presses Space.
    app.type_text(&app.find("#category-payments"), " ");
    app.type_text(&app.find("#settings-save"), ENTER);
    app.wait_for_text("#settings-status", SHORT, |status| {
        status.starts_with("Saved.")
    });
    check_accessibility(&app, "My Profile: Settings");
    desktop.screenshot("settings-saved");

    app.type_text(&app.find("#tab-portal-roles"), ENTER);
    app.wait_for("#roles-table", SHORT);
    let admin = app.text(
        &app.find("#roles-table tr[data-organization='Contoso Partners'][data-role='Admin']"),
    );
    assert!(admin.contains("Manage contacts and roles"), "{admin}");
    assert!(app.exists(
        "#roles-table tr[data-organization='Northwind Traders'][data-role='Cust. Admin.']"
    ));
    check_accessibility(&app, "My Profile: Portal Roles");
    desktop.screenshot("portal-roles");
    app.quit();

    let app = desktop.launch_app();
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    app.click_on("#tab-settings");
    app.wait_for("#format-ticket_bracket_prefix", SHORT);
    assert_eq!(
        app.text_of("#format-preview"),
        "[Ticket 1234] Installation Guide.pdf",
        "the saved format is read back from the portal after a restart"
    );
    let summary = app.text_of("#digest-summary");
    assert!(summary.contains("every Monday morning"), "{summary}");
    desktop.screenshot("settings-after-restart");
}

/// Started again while the portal is slow to answer the roles, the
/// navigation already holds the screens Dana's roles opened last time, and
/// the Downloads button stays where it is once the roles come: nothing moves
/// under the pointer. A screen opened meanwhile says it is loading and
/// shows its list once the roles come.
#[test]
fn the_navigation_is_whole_at_the_first_screen_and_stays_put() {
    let portal = PortalProcess::demo();
    let proxy = test_support::FaultProxy::start(portal.url());
    let mut desktop = Desktop::start("navigation-kept");
    let app = support::launch_as_dana(&desktop, proxy.url());
    app.wait_for("#screen-partner-kit", APP_TIMEOUT);
    app.quit();

    proxy.hold_api_requests(portal_api::paths::ME_ROLES);
    let app = desktop.launch_app();
    app.wait_for("#tab-my-details", APP_TIMEOUT);
    let links = || {
        app.execute(
        "return [...document.querySelectorAll('nav.screens .screen-link')].map((link) => link.id)",
        serde_json::json!([]),
    )
    };
    let expected = serde_json::json!([
        "screen-profile",
        "screen-tickets",
        "screen-payments-manager",
        "screen-contacts",
        "screen-library",
        "screen-knowledge-base",
        "screen-partner-kit",
    ]);
    assert_eq!(
        links(),
        expected,
        "the kept roles' screens, before the portal answers"
    );
    let downloads_left = || {
        app.execute(
            "return document.getElementById('toggle-downloads').getBoundingClientRect().left",
            serde_json::json!([]),
        )
    };
    let left_before = downloads_left();
    app.click_on("#screen-contacts");
    app.wait_for("#contacts-loading", SHORT);
    desktop.screenshot("navigation-kept-roles-held");

    proxy.release_api_requests();
    app.wait_for("#contacts-table", APP_TIMEOUT);
    app.wait_for_text("#screen-partner-kit", APP_TIMEOUT, |text| !text.is_empty());
    assert!(
        !proxy
            .api_requests_to(portal_api::paths::ME_ROLES)
            .is_empty(),
        "the roles were read again"
    );
    assert_eq!(
        links(),
        expected,
        "the same screens once the portal answered"
    );
    assert_eq!(
        downloads_left(),
        left_before,
        "the Downloads button did not move"
    );
    app.quit();
}
