//! The first screen kept for the next start, through the commands and the
//! page the next start serves, against the reference portal and a private
//! Secret Service.

use portal_client::Core;
use serde_json::json;
use test_support::{BASIC_FIXTURES, TestPortal};

use crate::command_tests::{TestApp, app, invoke, sign_in_as_ada};
use crate::desk::kept_screen::{MAX_KEPT_MARKUP_BYTES, kept_first_screen};
use crate::start_tests::app_again;

/// The page the app serves first, as the webview gets it.
fn served_page(app: &TestApp) -> String {
    let page = app
        .app()
        .asset_resolver()
        .get("index.html".into())
        .expect("the app serves its page");
    String::from_utf8(page.bytes).unwrap()
}

#[test]
fn the_next_start_serves_the_kept_screen_cleaned_once_and_sign_out_forgets_it() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let first = app();
    let session = sign_in_as_ada(&first, &portal);
    let account_id = session["account"]["id"].as_str().unwrap().to_owned();
    let markup = concat!(
        r#"<header class="top-bar"><span id="top-user-name">Ada Lovelace</span></header>"#,
        r#"<main><input id="field-first_name" value="Ada"><script>alert(1)</script>"#,
        r#"<img src="x" onerror="alert(2)"><input type="password" value="typed-pw"></main>"#,
    );
    invoke(
        &first,
        "keep_first_screen",
        json!({ "account_id": account_id, "markup": markup }),
    )
    .unwrap();
    // Asked for while another account was shown: not kept over it.
    invoke(
        &first,
        "keep_first_screen",
        json!({ "account_id": "someone-else", "markup": "<p>Mallory</p>" }),
    )
    .unwrap();
    let too_large = "x".repeat(MAX_KEPT_MARKUP_BYTES + 1);
    let refused = invoke(
        &first,
        "keep_first_screen",
        json!({ "account_id": account_id, "markup": too_large }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "validation_failed", "{refused}");

    let kept = kept_first_screen(&Core::under(&first.home())).expect("a kept first screen");
    assert!(kept.markup.contains(r#"<input value="Ada">"#), "{kept:?}");
    for gone in ["<script", "alert(", "onerror", "typed-pw", "Mallory"] {
        assert!(
            !kept.markup.contains(gone),
            "{gone} is not kept: {}",
            kept.markup
        );
    }

    let again = app_again(first.close());
    let page = served_page(&again);
    assert!(
        page.contains(r#"<div id="app" inert="" data-kept-screen=""><header class="top-bar">"#),
        "the first page load paints the kept screen, inert: {page}"
    );
    assert!(
        page.contains(&format!(r#"<html lang="{}""#, kept.language)),
        "{page}"
    );
    assert!(!page.contains("alert("), "{page}");
    assert!(
        !served_page(&again).contains("Ada Lovelace"),
        "a later page load (after signing out) is the page as built"
    );

    // A start in another language does not show it in this one.
    let other = if kept.language == "de" { "en" } else { "de" };
    invoke(&again, "set_language", json!({ "choice": other })).unwrap();
    assert!(kept_first_screen(&Core::under(&again.home())).is_none());
    invoke(&again, "set_language", json!({ "choice": kept.language })).unwrap();
    assert!(kept_first_screen(&Core::under(&again.home())).is_some());

    let start = invoke(&again, "start_app", json!({})).unwrap();
    assert_eq!(start["screen"], "profile");
    invoke(&again, "sign_out", json!({})).unwrap();
    assert!(
        kept_first_screen(&Core::under(&again.home())).is_none(),
        "signing out forgets the kept screen"
    );
    let after_sign_out = app_again(again.close());
    assert!(!served_page(&after_sign_out).contains("data-kept-screen=\"\""));
}
