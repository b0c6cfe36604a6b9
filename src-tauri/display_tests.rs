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

#[test]
fn the_pages_catalogue_holds_every_file_of_its_language() {
    use portal_i18n::Language;
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/locales");
    for language in Language::ALL {
        let catalogue = crate::commands::display::page_catalogue(language);
        let files = std::fs::read_dir(folder.join(language.code())).unwrap();
        let mut read = 0;
        for file in files.map(|entry| entry.unwrap().path()) {
            let source = std::fs::read_to_string(&file).unwrap();
            assert!(
                catalogue.contains(&source),
                "{} is not in the catalogue",
                file.display()
            );
            read += 1;
        }
        assert!(read >= 3, "{read} files for {}", language.code());
    }
}
