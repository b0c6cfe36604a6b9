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
    // The error reaches the accessibility tree as an alert, beside a field
    // a screen reader names in German.
    assert_eq!(app.computed_role("#email-error"), "alert");
    assert_eq!(app.computed_label("#email"), "E-Mail-Adresse");
    assert_eq!(
        app.attribute("#email", "aria-describedby").as_deref(),
        Some("email-error")
    );
    check_accessibility(&app, "the sign-in form in German");
    no_message_ids_shown(&app, "the sign-in form");
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
    no_message_ids_shown(&app, "My Details");
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
    // Every other screen too, with a conversation, in German words only:
    // no message id shows where a translation is missing.
    let screens: [(&str, &str, &str, &str); 6] = [
        ("tickets", "#new-ticket", "Neues Ticket", "Tickets"),
        (
            "payments-manager",
            "#payments-manager-note",
            "Angebote und Rechnungen an",
            "Zahlungsverwaltung",
        ),
        ("contacts", "#contacts-policy", " von ", "Kontakte"),
        ("library", "#library-search", "", "Bibliothek"),
        ("knowledge-base", "#kb-search", "", "Wissensdatenbank"),
        ("partner-kit", ".kit-tree", "", "Partner-Kit"),
    ];
    for (id, shown, german, what) in screens {
        app.click_on(&format!("#screen-{id}"));
        app.wait_for(shown, APP_TIMEOUT);
        if !german.is_empty() {
            app.wait_for_text(shown, SHORT, |text| text.contains(german));
        }
        no_message_ids_shown(&app, what);
        nothing_cut_off_sideways(&app, &format!("{what} in German at 720×520"));
        check_accessibility(&app, &format!("{what} in German"));
    }
    app.click_on("#screen-tickets");
    app.click_on(".ticket-row[data-number=\"1234\"]");
    app.wait_for_text("#reply-send", SHORT, |text| text == "Antwort senden");
    no_message_ids_shown(&app, "a conversation");
    nothing_cut_off_sideways(&app, "a conversation in German at 720×520");
    desktop.screenshot("conversation-smallest-window");
    app.click_on("#screen-profile");
    app.click_on("#tab-settings");
    app.wait_for_text("#language option[value=\"system\"]", SHORT, |text| {
        text == "Wie das System (Deutsch)"
    });
    check_accessibility(&app, "Settings in German");
    desktop.screenshot("settings-smallest-window");

    // English, chosen in Settings: the page changes at once, and stays
    // where it was scrolled to: the language's box is still in view. (The
    // Settings tab's button keeps the focus here, far above: given back to
    // it after the redraw, the focus had the page scrolled up to it.)
    let language_in_view = || {
        app.execute(
            "const box = document.getElementById('language').getBoundingClientRect();\
             return [Math.round(box.top), Math.round(box.bottom), window.innerHeight];",
            json!([]),
        )
    };
    app.execute(
        "document.getElementById('language').scrollIntoView({ block: 'center' })",
        json!([]),
    );
    let before = language_in_view();
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
    // Measured after the screenshot: frames have been drawn since.
    let after = language_in_view();
    assert!(
        after[0].as_i64() >= Some(0) && after[1].as_i64() <= after[2].as_i64(),
        "the language's box is still in view: {after} (before: {before})"
    );

    // A colleague writes a subject in Hebrew, ending in a question mark:
    // in the English page it keeps its own order, right to left, and the
    // ticket's number stays on its left.
    let subject = "החשבונית של מרץ שגויה?";
    let pdesk = support::pdesk::Pdesk::beside(&desktop);
    pdesk.login(portal.url(), DANA, DEMO_PASSWORD);
    let created = pdesk.run(
        &[
            "tickets",
            "create",
            "--subject",
            subject,
            "--message",
            "שלום",
            "--org",
            "1",
        ],
        None,
    );
    let number: String = created.chars().filter(char::is_ascii_digit).collect();
    app.click_on("#screen-tickets");
    let row = format!(".ticket-row[data-number=\"{number}\"]");
    app.wait_for(&row, APP_TIMEOUT);
    app.click_on(&row);
    app.wait_for_text("#ticket-subject", SHORT, |text| text == subject);
    let layout = app.execute(
        "const title = document.getElementById('ticket-title'); \
         const subject = document.getElementById('ticket-subject'); \
         const range = document.createRange(); range.selectNodeContents(title.firstChild); \
         const text = subject.firstChild; const last = text.length - 1; \
         const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect().left; }; \
         return { tag: subject.tagName, number: range.getBoundingClientRect().right, \
                  question_mark: at(last), first_letter: at(0), \
                  subject: subject.getBoundingClientRect().left, \
                  row: document.querySelector(arguments[0] + ' .ticket-subject').tagName };",
        json!([row]),
    );
    assert_eq!(layout["tag"], "BDI", "the subject is isolated: {layout}");
    assert_eq!(layout["row"], "BDI", "in the list too: {layout}");
    assert!(
        layout["number"].as_f64().unwrap() <= layout["subject"].as_f64().unwrap() + 1.0,
        "the number stays left of the subject: {layout}"
    );
    assert!(
        layout["question_mark"].as_f64().unwrap() < layout["first_letter"].as_f64().unwrap(),
        "read right to left, the question mark ends the subject on its left: {layout}"
    );
    check_accessibility(&app, "a right-to-left subject in an English page");
    desktop.screenshot("right-to-left-subject");
    app.quit();
}

/// Fails when the page holds one of the page catalogue's message ids
/// (`tickets-none-match`) instead of words: in its text, shown or hidden,
/// or in an element's name, title or placeholder.
fn no_message_ids_shown(app: &support::webdriver::WebDriver, what: &str) {
    // The ids, read from the catalogue once for the whole test.
    static IDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let ids = IDS.get_or_init(|| {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/locales/en");
        let mut ids = Vec::new();
        for file in std::fs::read_dir(folder).unwrap() {
            let source = std::fs::read_to_string(file.unwrap().path()).unwrap();
            ids.extend(
                source
                    .lines()
                    .filter_map(|line| line.split_once(" = ").map(|(id, _)| id))
                    .filter(|id| {
                        id.contains('-') && id.starts_with(|c: char| c.is_ascii_lowercase())
                    })
                    .map(str::to_owned),
            );
        }
        ids
    });
    // Every word the page holds, shown or not yet (a hidden panel, a
    // dialog's template) and in the names screen readers say.
    let shown = app.execute(
        "const ids = new Set(arguments[0]); \
         const names = ['aria-label', 'title', 'placeholder', 'alt', 'aria-roledescription']; \
         const named = [...document.querySelectorAll(names.map((name) => `[${name}]`).join(', '))] \
           .flatMap((element) => names.map((name) => element.getAttribute(name) ?? '')); \
         return [document.title, document.body.textContent, ...named].join(' ') \
           .split(/[^A-Za-z0-9_-]+/).filter((word) => ids.has(word));",
        json!([ids]),
    );
    assert_eq!(
        shown,
        json!([]),
        "{what}: message ids shown instead of words"
    );
}
