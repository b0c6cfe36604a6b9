//! Portal Desk in German: the system's language is followed, long German
//! words fit the smallest window, the choice in Settings switches the page
//! at once, and a right-to-left name reads correctly in an English page.
#![cfg(target_os = "linux")]

use crate::support;

use serde_json::json;
use support::accessibility::check_accessibility;
use support::desktop::{APP_TIMEOUT, Desktop};
use support::layout::nothing_cut_off_sideways;
use support::{DANA, DEMO_PASSWORD, SHORT, sign_in};
use test_support::PortalProcess;

#[test]
fn a_german_system_gets_german_words_that_fit_and_english_is_a_choice_away() {
    let portal = PortalProcess::demo();
    let mut desktop = Desktop::start_with(
        "german",
        &[("LANG", "de_DE.UTF-8"), ("LANGUAGE", "de_DE:de")],
    );
    let app = desktop.launch_app();
    app.wait_for_text("h1", APP_TIMEOUT, |text| {
        text == "Bei Ihrem Portal anmelden"
    });
    assert_eq!(
        app.execute("return document.documentElement.lang;", json!([])),
        "de"
    );
    app.click_on("#sign-in");
    app.wait_for_text("#email-error", SHORT, |text| {
        text == "Geben Sie Ihre E-Mail-Adresse ein."
    });
    check_accessibility(&app, "the sign-in form in German");
    desktop.screenshot("signin");

    sign_in(&app, portal.url(), DANA, DEMO_PASSWORD);
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    assert_eq!(
        app.text_of("#screen-payments-manager"),
        "Zahlungsverwaltung"
    );
    assert_eq!(app.text_of("#tab-my-details"), "Meine Daten");
    assert_eq!(
        app.execute("return document.title;", json!([])),
        "Mein Profil: Meine Daten – Portal Desk"
    );

    // The longest German words at the smallest window, on every tab.
    desktop.resize_app_window(720, 520);
    for tab in [
        "my-details",
        "my-payments",
        "settings",
        "portal-roles",
        "security",
    ] {
        app.click_on(&format!("#tab-{tab}"));
        nothing_cut_off_sideways(&app, &format!("the {tab} tab in German at 720×520"));
    }
    app.click_on("#tab-settings");
    app.wait_for_text("#language option[value=\"system\"]", SHORT, |text| {
        text == "Wie das System (Deutsch)"
    });
    check_accessibility(&app, "Settings in German");
    desktop.screenshot("settings-smallest-window");

    // English, chosen in Settings: the page changes at once.
    app.click_on("#language option[value=\"en\"]");
    app.wait_for_text("#tab-my-details", SHORT, |text| text == "My Details");
    assert_eq!(app.text_of("#screen-payments-manager"), "Payments Manager");
    app.wait_for_text("#display-status", SHORT, |text| {
        text == "Portal Desk is now shown in English."
    });
    assert_eq!(
        app.execute("return document.documentElement.lang;", json!([])),
        "en"
    );
    desktop.screenshot("english-chosen");
    app.quit();
}
