//! End to end, the dark theme: with the desktop asking for dark colours
//! (GTK's dark variant, which the webview reports as
//! `prefers-color-scheme: dark`), the main screens keep WCAG 2.1 AA
//! contrast and the rest of axe-core's checks.

use crate::support;

use support::accessibility::check_accessibility;
use support::desktop::{APP_TIMEOUT, Desktop};
use support::{SHORT, launch_demo};

#[test]
fn the_main_screens_hold_their_contrast_in_the_dark_theme() {
    let mut desktop = Desktop::start_with(
        "dark-theme",
        &[
            ("GTK_THEME", "Adwaita:dark"),
            ("PORTAL_DESK_TICKET_POLL_SECONDS", "600"),
        ],
    );
    let app = launch_demo(&desktop);
    assert_eq!(
        app.execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches;",
            serde_json::json!([])
        ),
        true,
        "the webview follows the desktop's dark theme"
    );
    check_accessibility(&app, "My Details, dark");
    desktop.screenshot("my-details");

    app.click_on("#screen-tickets");
    app.wait_for(".ticket-row[data-number=\"1234\"]", APP_TIMEOUT);
    app.click_on(".ticket-row[data-number=\"1234\"]");
    app.wait_for(".comment-text", SHORT);
    check_accessibility(&app, "a ticket conversation, dark");
    desktop.screenshot("ticket");

    app.click_on("#screen-payments-manager");
    app.wait_for_text("#payments-manager-count", APP_TIMEOUT, |text| {
        text.contains("documents")
    });
    check_accessibility(&app, "the Payments Manager, dark");

    app.click_on("#screen-contacts");
    app.wait_for(".contact-row", APP_TIMEOUT);
    check_accessibility(&app, "Contacts, dark");

    app.click_on("#screen-knowledge-base");
    app.wait_for("#kb-hits .kb-hit", APP_TIMEOUT);
    app.click_on("#kb-hits li:first-child .kb-hit");
    app.wait_for("#kb-article-title", SHORT);
    check_accessibility(&app, "a Knowledge Base article, dark");

    app.click_on("#screen-partner-kit");
    app.wait_for("#kit-files .kit-file", APP_TIMEOUT);
    check_accessibility(&app, "the Partner Kit, dark");
    desktop.screenshot("partner-kit");

    app.click_on("#toggle-downloads");
    app.wait_for("#close-downloads", SHORT);
    check_accessibility(&app, "the Downloads panel, dark");
}
