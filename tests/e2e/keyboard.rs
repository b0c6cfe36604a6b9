//! The main flows by keyboard alone, with no click: sign in, save a profile
//! edit, reply to a ticket with a file, download a document, request a
//! contact change, switch accounts. Dialogs keep focus inside while open
//! and give it back when they close; the shown screen is announced.
#![cfg(target_os = "linux")]

use crate::support;

use std::time::{Duration, Instant};

use support::desktop::{APP_TIMEOUT, Desktop};
use support::keyboard::{
    ARROW_DOWN, ENTER, ESCAPE, SHIFT_TAB, SPACE, TAB, focus_matches, focused, move_focus_to,
    tab_to, tab_to_and_enter, wait_for_announcement,
};
use support::portal_view::PortalView;
use support::webdriver::WebDriver;
use support::{DANA, DEMO_PASSWORD, SHORT};
use test_support::PortalProcess;

const SELECT_ALL: &str = "\u{E009}a\u{E000}";

/// Types the sign-in form from the portal address on and submits it.
fn sign_in_by_keyboard(app: &WebDriver, url: &str, email: &str) {
    tab_to(app, "#portal-url");
    app.press(SELECT_ALL);
    app.press(url);
    app.press(TAB);
    assert!(focus_matches(app, "#email"), "{}", focused(app));
    app.press(SELECT_ALL);
    app.press(email);
    app.press(TAB);
    assert!(focus_matches(app, "#password"), "{}", focused(app));
    app.press(DEMO_PASSWORD);
    app.press(ENTER);
}

/// Presses Tab `times` times and checks focus stayed inside `dialog`.
fn focus_stays_inside(app: &WebDriver, dialog: &str, key: &str, times: usize) {
    for press in 0..times {
        app.press(key);
        assert!(
            focus_matches(app, &format!("{dialog} *")),
            "press {press}: focus left {dialog} for {}",
            focused(app)
        );
    }
}

/// Waits until `folder` holds a file with bytes in it, and names it.
fn wait_for_a_file_in(folder: &std::path::Path) -> String {
    let deadline = Instant::now() + SHORT;
    loop {
        let found = std::fs::read_dir(folder).ok().and_then(|entries| {
            entries.flatten().find(|entry| {
                entry
                    .metadata()
                    .map(|m| m.is_file() && m.len() > 0)
                    .unwrap_or(false)
                    && !entry.file_name().to_string_lossy().starts_with('.')
            })
        });
        if let Some(entry) = found {
            return entry.file_name().to_string_lossy().into_owned();
        }
        assert!(Instant::now() < deadline, "nothing was saved in {folder:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_main_flows_work_from_the_keyboard_alone() {
    let portal = PortalProcess::demo();
    let mut desktop = Desktop::start("keyboard");
    let server = PortalView::sign_in(portal.url(), DANA, DEMO_PASSWORD);
    let app = desktop.launch_app();
    app.wait_for("#sign-in", APP_TIMEOUT);

    // Sign in.
    sign_in_by_keyboard(&app, portal.url(), DANA);
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    wait_for_announcement(&app, "My Profile: My Details");

    // Save a profile edit.
    tab_to(&app, "#field-mobile_phone");
    app.press(SELECT_ALL);
    app.press("+44 7700 900555");
    tab_to_and_enter(&app, "#save-changes");
    app.wait_for_text("#save-status", SHORT, |text| text == "Saved.");
    assert_eq!(server.json("/api/v1/me")["mobile_phone"], "+44 7700 900555");

    // A dialog keeps focus inside and gives it back: Help.
    tab_to_and_enter(&app, "#help-button");
    app.wait_for("#help-dialog", SHORT);
    assert!(focus_matches(&app, "#help-dialog *"), "{}", focused(&app));
    focus_stays_inside(&app, "#help-dialog", TAB, 25);
    focus_stays_inside(&app, "#help-dialog", SHIFT_TAB, 25);
    app.press(ESCAPE);
    app.wait_until_gone("#help-dialog", SHORT);
    assert_eq!(
        app.focused_id(),
        "help-button",
        "focus is back on the opener"
    );

    // Open a ticket and reply with a file.
    tab_to_and_enter(&app, "#screen-tickets");
    wait_for_announcement(&app, "Tickets");
    app.wait_for(".ticket-row[data-number=\"1234\"]", APP_TIMEOUT);
    tab_to_and_enter(&app, ".ticket-row[data-number=\"1234\"]");
    app.wait_for_text("#ticket-title", SHORT, |text| text.starts_with("#1234 "));
    tab_to(&app, "#reply-text");
    app.press("Sent without a mouse; the log is attached.");
    let picked = desktop.home().join("keyboard.log");
    std::fs::write(&picked, "typed, not clicked\n").unwrap();
    tab_to_and_enter(&app, "#reply-attach");
    desktop.answer_file_dialog("Attach files", &picked);
    app.wait_for_text("#reply-files-summary", SHORT, |text| {
        text.starts_with("1 file")
    });
    tab_to_and_enter(&app, "#reply-send");
    app.wait_for_text("#ticket-notice", APP_TIMEOUT, |text| {
        text == "Your reply was sent."
    });
    let reply = server.last_comment(1234);
    assert_eq!(reply["text"], "Sent without a mouse; the log is attached.");
    assert_eq!(reply["attachments"][0]["name"], "keyboard.log");

    // Download a document from My Payments.
    tab_to_and_enter(&app, "#screen-profile");
    tab_to_and_enter(&app, "#tab-my-payments");
    wait_for_announcement(&app, "My Profile: My Payments");
    app.wait_for("#my-payments-count", APP_TIMEOUT);
    tab_to_and_enter(&app, "button[data-action=\"download\"]");
    let saved = wait_for_a_file_in(&desktop.home().join("Downloads").join("Portal Desk"));
    app.wait_for("#downloads-now li.download[data-state=\"finished\"]", SHORT);
    desktop.screenshot("01-downloaded");

    // Request a contact change: add a user at Contoso (where Dana's
    // changes take effect at once) in the add-user dialog, then save.
    tab_to_and_enter(&app, "#screen-contacts");
    app.wait_for("#contacts-table.direct", APP_TIMEOUT);
    tab_to_and_enter(&app, "#contacts-add");
    app.wait_for("#new-contact", SHORT);
    assert!(
        focus_matches(&app, "#new-contact-first_name"),
        "the form opens at its first field, not {}",
        focused(&app)
    );
    app.press("Tomas");
    app.press(TAB);
    app.press("Berg");
    tab_to(&app, "#new-contact-email");
    app.press("tomas@example.com");
    // One Tab stop for the group of roles; the arrows choose among them.
    tab_to(&app, "#new-contact-role-0");
    move_focus_to(&app, ARROW_DOWN, "#new-contact-role-1");
    app.wait_for("#new-contact-role-1:checked", SHORT);
    tab_to(&app, "#new-contact-customer-2");
    app.press(SPACE);
    tab_to_and_enter(&app, "#new-contact-submit");
    app.wait_for("tr.contact-row[data-email=\"tomas@example.com\"]", SHORT);
    tab_to_and_enter(&app, "#contacts-send");
    app.wait_for_text("#contacts-notice", APP_TIMEOUT, |text| {
        text == "Saved: 1 change is in effect."
    });
    let contacts = server.json("/api/v1/organizations/2/contacts");
    let tomas = contacts["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|contact| contact["email"] == "tomas@example.com")
        .cloned()
        .expect("Tomas is a contact of Contoso");
    assert_eq!(tomas["customers"], serde_json::json!([2]));

    // Switch accounts: add Sofia from the account menu, then back to Dana.
    tab_to_and_enter(&app, "#account-menu-button");
    app.wait_for("#account-menu", SHORT);
    move_focus_to(&app, ARROW_DOWN, "#add-account");
    app.press(ENTER);
    app.wait_for("#sign-in", SHORT);
    sign_in_by_keyboard(&app, portal.url(), "sofia@example.com");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Sofia Lindqvist"
    });
    tab_to_and_enter(&app, "#account-menu-button");
    app.wait_for("#account-menu", SHORT);
    move_focus_to(&app, ARROW_DOWN, ".account-item[aria-checked=\"false\"]");
    app.press(ENTER);
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    assert_eq!(app.value_of("#field-mobile_phone"), "+44 7700 900555");
    desktop.screenshot("02-switched-back");
    assert!(!saved.is_empty());
    app.quit();
}
