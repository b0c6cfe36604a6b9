//! The first screen kept for the next start: the next start's page begins
//! with it (painted before the page's script runs) and the live screen
//! takes its place; no typed password is ever kept, every element and
//! attribute of the screen survives the cleaning, and signing out forgets
//! it.

use serde_json::json;

use crate::support::SHORT;
use crate::support::desktop::{APP_TIMEOUT, Desktop};
use crate::support::webdriver::{WebDriver, poll};

/// The kept first screen's markup in the one account's store, if any.
fn kept_markup(desktop: &Desktop) -> Option<String> {
    let accounts = desktop.home().join("data/accounts");
    std::fs::read_dir(&accounts)
        .ok()?
        .flatten()
        .find_map(|account| {
            let db = rusqlite::Connection::open(account.path().join("store.sqlite")).ok()?;
            let json: String = db
                .query_row(
                    "SELECT json FROM cached_texts WHERE key = 'kept_first_screen'",
                    [],
                    |row| row.get(0),
                )
                .ok()?;
            let kept: serde_json::Value = serde_json::from_str(&json).unwrap();
            Some(kept["markup"].as_str().unwrap().to_owned())
        })
}

/// How often the page began with the kept screen and handed over to the
/// live one (0 or 1).
fn kept_screen_replaced(app: &WebDriver) -> i64 {
    app.execute(
        "return performance.getEntriesByName('kept-screen-replaced').length;",
        json!([]),
    )
    .as_i64()
    .unwrap()
}

#[test]
fn the_next_start_begins_with_the_kept_first_screen_and_sign_out_forgets_it() {
    let mut desktop = Desktop::start("kept-screen");
    let app = desktop.launch_app();
    app.wait_for("#open-demo", APP_TIMEOUT);
    assert_eq!(
        kept_screen_replaced(&app),
        0,
        "nothing kept before the first sign-in"
    );
    app.click_on("#open-demo");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });

    // A password typed, and a change saved: the screen is kept again with
    // the saved phone and without the password.
    app.fill("#password-current-password", "Typed-never-kept-1");
    app.fill("#field-mobile_phone", "+44 7700 900777");
    app.click_on("#save-changes");
    app.wait_for_text("#save-status", SHORT, |status| status == "Saved.");
    let kept = poll(SHORT, || {
        kept_markup(&desktop).filter(|markup| markup.contains("+44 7700 900777"))
    })
    .expect("the first screen is kept with the saved phone");
    assert!(kept.contains("Dana Whitfield"), "{kept}");
    assert!(
        !kept.contains("Typed-never-kept-1"),
        "no typed password is kept"
    );

    // Every element and attribute the live screen has outside what a
    // start does not show (live regions' words, layers, side panels) is
    // in the kept copy: the cleaning drops nothing the page draws.
    let shown = app.execute(
        "const names = new Set(); const attributes = new Set();
         for (const element of document.querySelectorAll('#app *')) {
           if (element.closest('.layer, .notices, .downloads-panel, [role=dialog], [role=menu]')) continue;
           names.add(element.localName);
           for (const attribute of element.attributes) attributes.add(attribute.name);
         }
         return [[...names], [...attributes]];",
        json!([]),
    );
    for name in shown[0].as_array().unwrap() {
        let name = name.as_str().unwrap();
        assert!(
            kept.contains(&format!("<{name}")),
            "<{name}> is kept: {kept}"
        );
    }
    for attribute in shown[1].as_array().unwrap() {
        let attribute = attribute.as_str().unwrap();
        if attribute == "id" {
            assert!(!kept.contains(" id="), "no id is kept: {kept}");
        } else {
            assert!(
                kept.contains(&format!(" {attribute}=")),
                "{attribute}= is kept"
            );
        }
    }
    app.quit();

    let app = desktop.launch_app();
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    assert_eq!(
        kept_screen_replaced(&app),
        1,
        "the page began with the kept screen"
    );
    let marked = app.execute(
        "const app = document.getElementById('app');
         return app.inert || app.hasAttribute('inert') || app.hasAttribute('data-kept-screen');",
        json!([]),
    );
    assert_eq!(marked, json!(false), "the live screen answers, unmarked");
    assert_eq!(app.value_of("#field-mobile_phone"), "+44 7700 900777");
    assert_eq!(app.value_of("#password-current-password"), "");
    app.fill("#field-job_title", "Typed after the start");
    assert_eq!(app.value_of("#field-job_title"), "Typed after the start");
    desktop.screenshot("live-screen-after-kept");

    app.click_on("#sign-out");
    app.wait_for("#sign-in", APP_TIMEOUT);
    assert_eq!(
        kept_markup(&desktop),
        None,
        "signing out forgets the kept screen"
    );
    app.quit();

    let app = desktop.launch_app();
    app.wait_for("#sign-in", APP_TIMEOUT);
    assert_eq!(
        kept_screen_replaced(&app),
        0,
        "signed out: the page begins as built"
    );
    assert!(!app.exists("#top-user-name"));
    app.quit();
}
