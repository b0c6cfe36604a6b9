//! End to end, My Details' account parts: the user-name change request and
//! its pending state (approved through the demo's vendor control), the
//! password change with the portal's verdict beside each field, and the
//! profile photo picked in the native file dialog.
//!
//! Linux only: the app is driven through WebKitWebDriver. On Windows the
//! webview is WebView2, whose driver (Edge WebDriver) does not run here.
#![cfg(target_os = "linux")]

use crate::support;

use support::accessibility::check_accessibility;

use support::desktop::{APP_TIMEOUT, Desktop};
use support::webdriver::WebDriver;
use support::{SHORT, launch_demo, signed_in_as_ada};
use test_support::PASSWORD;
use test_support::images::{encoded_image, png};

const ENTER: &str = "\u{E007}";

fn send_username_request(app: &WebDriver, email: &str, password: &str, reason: &str) {
    app.fill("#username-new-email", email);
    app.fill("#username-current-password", password);
    app.fill("#username-reason", reason);
    app.click_on("#username-submit");
}

#[test]
fn a_user_name_change_is_requested_shown_pending_and_followed_once_approved() {
    let mut desktop = Desktop::start("username-change");
    let app = launch_demo(&desktop);
    assert_eq!(app.text_of("#username"), "dana@example.com");
    desktop.screenshot("my-details");

    app.click_on("#change-username");
    app.wait_for("#username-dialog", SHORT);
    assert_eq!(app.focused_id(), "username-new-email");
    send_username_request(&app, "dana", "demo-password", "Married");
    app.wait_for_text("#username-error-new_email", SHORT, |text| {
        text == "Enter an e-mail address such as name@example.com."
    });
    send_username_request(
        &app,
        "dana.whitfield@example.org",
        "not my password",
        "Married",
    );
    app.wait_for_text("#username-error-current_password", SHORT, |text| {
        text == "That is not your current password."
    });
    assert_eq!(
        app.value_of("#username-new-email"),
        "dana.whitfield@example.org"
    );
    check_accessibility(&app, "the user-name change dialog with an error");
    desktop.screenshot("username-dialog-wrong-password");
    send_username_request(
        &app,
        "dana.whitfield@example.org",
        "demo-password",
        "Married",
    );
    let pending = app.wait_for_text("#username-pending", SHORT, |text| {
        text.contains("Change to dana.whitfield@example.org requested — ticket #")
    });
    assert!(
        pending.contains("keep signing in as dana@example.com"),
        "{pending}"
    );
    assert!(!app.exists("#username-dialog"));
    assert_eq!(app.text_of("#username"), "dana@example.com");
    desktop.screenshot("username-pending");

    app.click_on("#change-username");
    app.wait_for("#username-dialog", SHORT);
    send_username_request(&app, "dana.w@example.org", "demo-password", "Typo");
    let refused = app.wait_for_text("#username-banner", SHORT, |text| {
        text.contains("You already asked for the user name dana.whitfield@example.org")
    });
    assert!(refused.contains("See ticket #"), "{refused}");
    desktop.screenshot("username-second-request-refused");
    app.click_on("#username-see-pending");
    assert!(!app.exists("#username-dialog"));
    assert_eq!(app.focused_id(), "username-pending");

    app.click_on("#demo-approve");
    app.wait_for_text("#username", SHORT, |text| {
        text == "dana.whitfield@example.org"
    });
    assert!(!app.exists("#username-pending"));
    desktop.screenshot("username-approved");
    app.quit();

    let app = desktop.launch_app();
    app.wait_for_text("#username", APP_TIMEOUT, |text| {
        text == "dana.whitfield@example.org"
    });
    assert!(
        !app.exists("#password"),
        "the moved keyring entry restores the session without a password"
    );
}

#[test]
fn a_password_change_shows_the_rules_and_the_portals_verdict_beside_each_field() {
    let (portal, mut desktop, app) = signed_in_as_ada("password-change");

    let rules = app.text_of("#password-rules");
    assert!(rules.contains("At least 12 characters."), "{rules}");
    assert!(
        rules.contains("Not one of the most common passwords."),
        "{rules}"
    );
    let attempt = |current: &str, new: &str, again: &str| {
        app.fill("#password-current-password", current);
        app.fill("#password-new-password", new);
        app.fill("#password-new-password-again", again);
        app.type_text(&app.find("#password-new-password-again"), ENTER);
    };

    attempt("not my password", "short", "short");
    app.wait_for_text("#password-error-new_password", SHORT, |text| {
        text == "Use at least 12 characters."
    });
    attempt(
        "not my password",
        "marmalade lighthouse 42",
        "marmalade lighthouse 4",
    );
    app.wait_for_text("#password-error-new_password_again", SHORT, |text| {
        text == "This does not match the new password."
    });
    attempt(
        "not my password",
        "marmalade lighthouse 42",
        "marmalade lighthouse 42",
    );
    app.wait_for_text("#password-error-current_password", SHORT, |text| {
        text == "That is not your current password."
    });
    attempt(PASSWORD, "qwerty123456", "qwerty123456");
    app.wait_for_text("#password-error-new_password", SHORT, |text| {
        text.contains("one of the most common passwords")
    });
    check_accessibility(&app, "the password change with an error");
    desktop.screenshot("password-too-common");
    attempt(
        PASSWORD,
        "marmalade lighthouse 42",
        "marmalade lighthouse 42",
    );
    app.wait_for_text("#password-status", SHORT, |text| {
        text.starts_with("Password changed.")
    });
    assert_eq!(app.value_of("#password-current-password"), "");
    desktop.screenshot("password-changed");

    let login = |password: &str| {
        reqwest::blocking::Client::new()
            .post(format!("{}/api/v1/auth/login", portal.url()))
            .json(&serde_json::json!({ "email": "ada@example.com", "password": password }))
            .send()
            .unwrap()
            .status()
    };
    assert_eq!(login(PASSWORD), reqwest::StatusCode::UNAUTHORIZED);
    assert_eq!(login("marmalade lighthouse 42"), reqwest::StatusCode::OK);
}

#[test]
fn a_photo_is_picked_in_the_file_dialog_checked_and_shown() {
    let mut desktop = Desktop::start("profile-photo");
    let app = launch_demo(&desktop);
    assert_eq!(app.text_of("#top-avatar"), "DW", "initials before a photo");
    let files = tempfile::tempdir().unwrap();
    let tiny = files.path().join("tiny.png");
    std::fs::write(&tiny, png(40, 40)).unwrap();
    let photo = files.path().join("holiday.jpg");
    std::fs::write(&photo, encoded_image(640, 480, image::ImageFormat::Jpeg)).unwrap();

    app.click_on("#choose-photo");
    desktop.answer_file_dialog("Choose a profile photo", &tiny);
    app.wait_for_text("#error-photo", SHORT, |text| {
        text == "The image is 40×40 pixels; a profile photo needs at least 80×80."
    });
    desktop.screenshot("photo-too-small");

    app.click_on("#choose-photo");
    desktop.answer_file_dialog("Choose a profile photo", &photo);
    app.wait_for_text("#photo-status", APP_TIMEOUT, |text| {
        text == "Photo updated."
    });
    for avatar in ["img#top-avatar", "img#details-photo"] {
        let source = app.attribute(avatar, "src").unwrap_or_default();
        assert!(
            source.starts_with("data:image/png;base64,"),
            "{avatar}: {source:.40}"
        );
    }
    assert_eq!(app.text_of("#error-photo"), "");
    check_accessibility(&app, "My Details with a photo");
    desktop.screenshot("photo-shown");
    app.quit();

    let app = desktop.launch_app();
    app.wait_for("img#top-avatar", APP_TIMEOUT);
    // The portal's copy is in (as a person waits for the page to settle).
    app.wait_until_gone("#synced", APP_TIMEOUT);
    app.click_on("#remove-photo");
    app.wait_for_text("#photo-status", APP_TIMEOUT, |text| {
        text == "Photo removed."
    });
    assert_eq!(app.text_of("#top-avatar"), "DW");
}
