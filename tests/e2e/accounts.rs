//! Several accounts side by side in the real app: two addresses at one
//! portal and the embedded demo beside them, added from the avatar menu,
//! switched with a click (each showing only its own data), signed out of
//! one at a time, and removed from the computer.

use crate::support;

use support::desktop::{APP_TIMEOUT, Desktop};
use support::{SHORT, launch_as_ada, sign_in};
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
