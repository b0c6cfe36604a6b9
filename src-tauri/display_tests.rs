//! The page size the user chooses: offered sizes only, kept for every
//! account across a restart.

use serde_json::json;

use crate::command_tests::{app, invoke};
use crate::start_tests::app_again;

#[test]
fn the_chosen_text_size_is_kept_across_a_restart_and_only_offered_sizes_are_taken() {
    let first = app();
    let size = invoke(&first, "text_size", json!({})).unwrap();
    assert_eq!(size["percent"], 100, "the webview's own size at first");
    assert_eq!(size["choices"], json!([100, 125, 150, 175, 200]));

    invoke(&first, "set_text_size", json!({ "percent": 175 })).unwrap();
    let refused = invoke(&first, "set_text_size", json!({ "percent": 300 })).unwrap_err();
    assert_eq!(refused["code"], "validation_failed");
    assert_eq!(
        invoke(&first, "text_size", json!({})).unwrap()["percent"],
        175,
        "a refused size changes nothing"
    );

    let again = app_again(first.close());
    assert_eq!(
        invoke(&again, "text_size", json!({})).unwrap()["percent"],
        175,
        "kept when the app starts again, before anyone signs in"
    );
}
