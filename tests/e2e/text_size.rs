//! Twice the text size: every screen reflows into the narrower page with
//! nothing cut off sideways, at the default window size and at the
//! smallest the window allows; the size is kept across a restart.
#![cfg(target_os = "linux")]

use crate::support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::accessibility::check_accessibility;
use support::desktop::{APP_TIMEOUT, Desktop};
use support::keyboard::{CTRL_PLUS, CTRL_ZERO, ENTER};
use support::layout::nothing_cut_off_sideways;
use support::webdriver::WebDriver;
use support::{SHORT, launch_as_dana};
use test_support::PortalProcess;

/// The page's width in CSS pixels.
fn page_width(app: &WebDriver) -> f64 {
    app.execute("return window.innerWidth;", json!([]))
        .as_f64()
        .unwrap()
}

/// Waits until the page is `expected` CSS pixels wide (give or take one).
fn wait_for_page_width(app: &WebDriver, expected: f64) {
    let deadline = Instant::now() + SHORT;
    while (page_width(app) - expected).abs() > 1.5 {
        assert!(
            Instant::now() < deadline,
            "the page stayed {} px wide, not {expected}",
            page_width(app)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Focuses the control `css` and presses Enter on it. (WebKitWebDriver
/// clicks at the wrong place in a zoomed page; a person's click lands.)
fn activate(app: &WebDriver, css: &str) {
    app.wait_for(css, APP_TIMEOUT);
    app.execute(
        "document.querySelector(arguments[0]).focus();",
        json!([css]),
    );
    app.press(ENTER);
}

/// Opens screen `id` from the navigation and waits for `shown`.
fn open_screen(app: &WebDriver, id: &str, shown: &str) {
    activate(app, &format!("#screen-{id}"));
    app.wait_for(shown, APP_TIMEOUT);
}

#[test]
fn every_screen_reflows_at_twice_the_text_size_and_the_size_is_kept() {
    let portal = PortalProcess::demo();
    let mut desktop = Desktop::start("text-size");
    let app = launch_as_dana(&desktop, portal.url());
    let normal = page_width(&app);

    // Ctrl and + four times: 125, 150, 175, 200%.
    for _ in 0..4 {
        app.press(CTRL_PLUS);
    }
    wait_for_page_width(&app, normal / 2.0);
    // Told where the user is (My Details), for a screen reader too.
    app.wait_for_spoken("#announcer", SHORT, |text| text == "Text size: 200%.");
    activate(&app, "#tab-settings");
    app.wait_for_text("#display-status", SHORT, |text| text == "Text size: 200%.");
    assert_eq!(app.value_of("#text-size"), "200");
    nothing_cut_off_sideways(&app, "Settings");
    app.execute(
        "document.getElementById('display-card').scrollIntoView();",
        json!([]),
    );
    desktop.screenshot("settings-at-200");

    let screens: [(&str, &str, &str); 8] = [
        ("profile", "#tab-my-details", "My Profile"),
        ("tickets", ".ticket-row", "Tickets"),
        (
            "payments-manager",
            "#payments-manager-count",
            "Payments Manager",
        ),
        ("contacts", "#contacts-table", "Contacts"),
        ("library", "#library-search", "Library"),
        ("knowledge-base", "#kb-search", "Knowledge Base"),
        ("partner-kit", ".kit-tree", "Partner Kit"),
        ("profile", "#tab-my-details", "My Profile again"),
    ];
    for (size, (width, height)) in [("default", (1100, 760)), ("smallest", (720, 520))] {
        desktop.resize_app_window(width, height);
        wait_for_page_width(&app, f64::from(width) / 2.0);
        for (id, shown, what) in screens {
            open_screen(&app, id, shown);
            nothing_cut_off_sideways(&app, &format!("{what}, {size} window at 200%"));
        }
        activate(&app, "#tab-my-payments");
        app.wait_for("#my-payments-count", APP_TIMEOUT);
        nothing_cut_off_sideways(&app, &format!("My Payments, {size} window at 200%"));
        desktop.screenshot(&format!("my-payments-{size}-window"));
        open_screen(&app, "tickets", ".ticket-row");
        activate(&app, ".ticket-row[data-number=\"1234\"]");
        app.wait_for("#reply-text", SHORT);
        nothing_cut_off_sideways(&app, &format!("a conversation, {size} window at 200%"));
        desktop.screenshot(&format!("conversation-{size}-window"));
    }
    check_accessibility(&app, "a conversation at 200% in the smallest window");

    // Started again, the page opens at the size chosen; Ctrl and 0 resets.
    app.quit();
    let app = desktop.launch_app();
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    let restarted = page_width(&app);
    assert!(
        (restarted - 1100.0 / 2.0).abs() <= 1.5,
        "the page opened {restarted} px wide, not at 200%"
    );
    app.press(CTRL_ZERO);
    wait_for_page_width(&app, 1100.0);
    app.quit();
}

/// How tall the signed-in name's line is, as a share of the page's width:
/// larger when the text is larger, whether the webview zooms the page or
/// only its text.
fn text_to_width(app: &WebDriver) -> f64 {
    app.execute(
        "const line = document.getElementById('top-user-name').getBoundingClientRect().height; \
         return line / window.innerWidth;",
        json!([]),
    )
    .as_f64()
    .unwrap()
}

/// Launches the app on `desktop` and signs in as Dana by keyboard (a
/// pointer's click lands in the wrong place in a scaled page).
fn launch_as_dana_by_keyboard(desktop: &Desktop, url: &str) -> WebDriver {
    let app = desktop.launch_app();
    app.wait_for("#sign-in", APP_TIMEOUT);
    app.fill("#portal-url", url);
    app.fill("#email", support::DANA);
    app.fill("#password", support::DEMO_PASSWORD);
    app.press(ENTER);
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    app
}

#[test]
fn the_systems_larger_text_is_followed() {
    let portal = PortalProcess::demo();
    let normal = {
        let desktop = Desktop::start("system-text-size");
        let app = launch_as_dana_by_keyboard(&desktop, portal.url());
        let normal = text_to_width(&app);
        app.quit();
        normal
    };
    // The system's text size reaches a GTK program as the font resolution
    // (GNOME's Large Text and KDE's font DPI through XSETTINGS); here GTK's
    // own scale of it, GDK_DPI_SCALE, sets it to 150%.
    let mut desktop = Desktop::start_with("system-text-size-larger", &[("GDK_DPI_SCALE", "1.5")]);
    let app = launch_as_dana_by_keyboard(&desktop, portal.url());
    let larger = text_to_width(&app);
    println!(
        "the system's 150% text: {:.2}× the normal size",
        larger / normal
    );
    assert!(
        larger > normal * 1.35,
        "text at the system's 150% is {:.2}× the normal size",
        larger / normal
    );
    nothing_cut_off_sideways(&app, "My Profile at the system's 150% text");
    desktop.screenshot("system-text-150");
    app.quit();
}
