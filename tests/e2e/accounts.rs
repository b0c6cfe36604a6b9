//! Several accounts side by side in the real app: two addresses at one
//! portal and the embedded demo beside them, added from the avatar menu,
//! switched with a click (each showing only its own data), signed out of
//! one at a time, and removed from the computer; and a reply in an account
//! not shown, notified by its name, counted on the avatar and in the menu,
//! and opened in its own account from the notification.

use crate::support;

use support::accessibility::check_accessibility;

use support::desktop::{APP_TIMEOUT, Desktop};
use support::notifications::NotificationService;
use support::{DANA, DEMO_PASSWORD, SHORT, launch_as_ada, launch_as_dana, sign_in};
use test_support::{BASIC_FIXTURES, PASSWORD, PortalProcess};

const ESCAPE: &str = "\u{E00C}";

/// The names of the accounts the avatar menu lists, in order.
fn menu_accounts(app: &support::webdriver::WebDriver) -> Vec<String> {
    app.click_on("#account-menu-button");
    app.wait_for("#account-menu .account-item", SHORT);
    app.texts_of_all("#account-menu .account-item .account-name")
}

#[test]
fn accounts_are_added_switched_signed_out_and_removed_from_the_avatar_menu() {
    let portal = PortalProcess::spawn(BASIC_FIXTURES);
    let mut desktop = Desktop::start("accounts");
    let app = launch_as_ada(&desktop, portal.url());
    assert_eq!(menu_accounts(&app), ["Ada Lovelace"]);
    assert_eq!(
        app.attribute("#account-menu-button", "aria-expanded")
            .as_deref(),
        Some("true")
    );

    // A second address at the same portal.
    app.click_on("#add-account");
    app.wait_for_text("#sign-in-back", SHORT, |text| {
        text == "Back to Ada Lovelace"
    });
    check_accessibility(&app, "adding an account");
    desktop.screenshot("add-account");
    sign_in(&app, portal.url(), "bob@example.com", PASSWORD);
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Bob Builder");
    assert_eq!(app.value_of("#field-first_name"), "Bob");

    // The embedded demo beside them.
    assert_eq!(menu_accounts(&app), ["Ada Lovelace", "Bob Builder"]);
    app.click_on("#add-account");
    app.wait_for("#open-demo", SHORT);
    app.click_on("#open-demo");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });

    // Switching shows the other account's own data, nothing of this one's.
    let names = menu_accounts(&app);
    assert_eq!(names, ["Ada Lovelace", "Bob Builder", "Dana Whitfield"]);
    check_accessibility(&app, "the account menu");
    desktop.screenshot("menu");
    let ada = app
        .attribute("#account-menu .account-item:nth-child(1)", "id")
        .unwrap();
    app.click_on(&format!("#{ada}"));
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Ada Lovelace");
    assert_eq!(app.value_of("#field-first_name"), "Ada");
    assert_eq!(app.value_of("#field-last_name"), "Lovelace");
    assert!(!app.exists("#account-menu"), "choosing closes the menu");

    // Signing out of one shows the next account that is signed in.
    app.click_on("#account-menu-button");
    app.click_on("#menu-sign-out");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Bob Builder");
    let listed = menu_accounts(&app);
    assert_eq!(listed, ["Ada Lovelace", "Bob Builder", "Dana Whitfield"]);
    let signed_out = app.texts_of_all("#account-menu .account-item");
    assert!(signed_out[0].contains("Signed out"), "{signed_out:?}");
    // A signed-out account opens the sign-in form filled in for it.
    app.click_on(&format!("#{ada}"));
    app.wait_for("#sign-in", APP_TIMEOUT);
    assert_eq!(app.value_of("#email"), "ada@example.com");
    app.fill("#password", PASSWORD);
    app.click_on("#sign-in");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Ada Lovelace");

    // Removing this account asks about its data, then shows another.
    app.click_on("#account-menu-button");
    app.click_on("#menu-remove-account");
    app.wait_for("#remove-account-question", SHORT);
    desktop.screenshot("remove-asks");
    app.click_on("#remove-account-delete");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name != "Ada Lovelace");
    assert_eq!(menu_accounts(&app), ["Bob Builder", "Dana Whitfield"]);
    app.press(ESCAPE);
    app.wait_until_gone("#account-menu", SHORT);
    assert_eq!(
        app.focused_id(),
        "account-menu-button",
        "Escape returns to the button"
    );
}

#[test]
fn a_reply_in_another_account_is_notified_by_name_counted_and_opened_there() {
    let portal = PortalProcess::demo();
    let mut desktop = Desktop::start_with(
        "accounts-watch",
        &[("PORTAL_DESK_TICKET_POLL_SECONDS", "2")],
    );
    let notifications = NotificationService::start(desktop.keyring.address());
    let app = launch_as_dana(&desktop, portal.url());
    // Dana's list is known here before another account is shown.
    app.click_on("#screen-tickets");
    app.wait_for_text("#tickets-count", APP_TIMEOUT, |text| {
        text.ends_with("tickets")
    });

    // Marco, of another organization, beside her.
    app.click_on("#account-menu-button");
    app.click_on("#add-account");
    sign_in(&app, portal.url(), "marco@example.com", DEMO_PASSWORD);
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Marco Rossi");

    // Dana's account is here and signed in: adding it again is refused.
    app.click_on("#account-menu-button");
    app.click_on("#add-account");
    sign_in(&app, portal.url(), DANA, DEMO_PASSWORD);
    let refused = app.wait_for_text("#email-error", APP_TIMEOUT, |text| !text.is_empty());
    assert!(
        refused.starts_with("dana@example.com at http://127.0.0.1:")
            && refused.ends_with(
                "is already on this computer and signed in: choose it in the account menu."
            ),
        "{refused}"
    );
    desktop.screenshot("already-here");
    app.click_on("#sign-in-back");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Marco Rossi");

    // The vendor answers Dana while Marco is shown.
    let output = test_support::portal_api::vendor_comment(
        portal.db_path(),
        1234,
        "The quota is raised; try the export again.",
        &[],
    );
    assert!(output.status.success(), "{output:?}");
    let raised = notifications.wait_for("#1234", APP_TIMEOUT);
    assert_eq!(
        raised.summary,
        "Ticket #1234: Nightly export fails with “disk quota exceeded”"
    );
    assert!(
        raised.body.starts_with("Support team: The quota is raised; try the export again.\ndana@example.com · http://127.0.0.1:"),
        "the notification names Dana's account: {:?}",
        raised.body
    );
    app.wait_for("#other-accounts-unread", APP_TIMEOUT);
    assert_eq!(
        app.attribute("#other-accounts-unread", "title").as_deref(),
        Some("1 ticket with new replies in your other accounts")
    );
    app.click_on("#account-menu-button");
    app.wait_for("#account-menu .account-item", SHORT);
    let dana = app
        .attribute("#account-menu .account-item:nth-child(1)", "id")
        .unwrap();
    assert!(
        app.exists(&format!("#{dana} .badge")),
        "Dana's unread ticket is counted in the menu"
    );
    desktop.screenshot("other-account-unread");
    app.press(ESCAPE);

    // A click on the notification shows Dana, with the ticket open.
    notifications.click(raised.id);
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    app.wait_for_text("#ticket-title", APP_TIMEOUT, |text| {
        text.starts_with("#1234 ")
    });
    let deadline = std::time::Instant::now() + SHORT;
    while !app
        .texts_of_all(".comment-text")
        .last()
        .is_some_and(|text| text.starts_with("The quota is raised"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the reply is not shown: {:?}",
            app.texts_of_all(".comment-text")
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    desktop.screenshot("opened-in-its-account");
}
