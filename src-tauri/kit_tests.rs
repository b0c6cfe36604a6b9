//! The Partner Kit through the commands and the desk, against the demo
//! portal as a process: listed, a file previewed and downloaded alone or
//! with its folder, a folder kept in sync at each update check (a user's
//! edit kept, the kit's new version beside it), the kept listing offline,
//! and a role that lost the kit: the screen goes, the files stay.

use serde_json::{Value, json};
use tauri::Manager;
use test_support::PortalProcess;
use test_support::portal_api::publish_kit_file;

use crate::command_tests::{app, invoke, sign_in_as_dana};
use crate::desk::Desk;

fn id_of(kit: &Value, path: &str) -> Value {
    kit["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|file| {
            file["path"]
                .as_array()
                .unwrap()
                .iter()
                .map(|part| part.as_str().unwrap())
                .collect::<Vec<_>>()
                .join("/")
                == path
        })
        .unwrap_or_else(|| panic!("{path} in {kit}"))["id"]
        .clone()
}

#[test]
fn the_kit_is_listed_previewed_downloaded_and_kept_in_sync_with_a_folder() {
    let mut portal = PortalProcess::demo();
    let app = app();
    sign_in_as_dana(&app, portal.url());
    assert_eq!(
        invoke(&app, "partner_kit_available", json!({})).unwrap(),
        true
    );
    let kit = invoke(&app, "load_partner_kit", json!({})).unwrap();
    assert_eq!(kit["files"].as_array().unwrap().len(), 8);
    assert_eq!(kit["offline"], Value::Null);
    assert_eq!(kit["sync_folder"], Value::Null);
    let logo = id_of(&kit, "Logos/Contoso Partner logo.png");
    assert_eq!(kit["files"][0]["previewable"], true);

    // A preview, from the app's cache.
    let viewed = invoke(
        &app,
        "view_kit_file",
        json!({ "id": logo, "download_id": "k1", "on_event": "__CHANNEL__:41" }),
    )
    .unwrap();
    assert_eq!(viewed["media_type"], "image/png");
    assert_eq!(viewed["inline"], true);

    // A file alone, then its folder twice: nothing replaced.
    let downloads = app.home().join("Downloads/Portal Desk");
    let alone = invoke(
        &app,
        "download_kit_file",
        json!({ "id": logo, "under": null, "to_chosen_folder": false, "download_id": "k2", "on_event": "__CHANNEL__:42" }),
    )
    .unwrap();
    assert_eq!(
        alone["path"],
        json!(downloads.join("Contoso Partner logo.png"))
    );
    for (round, expected) in [
        (0, "Logos/Contoso Partner logo.png"),
        (1, "Logos/Contoso Partner logo (1).png"),
    ] {
        let in_folder = invoke(
            &app,
            "download_kit_file",
            json!({ "id": logo, "under": ["Logos"], "to_chosen_folder": false,
                    "download_id": format!("k3-{round}"), "on_event": format!("__CHANNEL__:{}", 43 + round) }),
        )
        .unwrap();
        assert_eq!(in_folder["path"], json!(downloads.join(expected)));
    }
    let outside = invoke(
        &app,
        "download_kit_file",
        json!({ "id": logo, "under": ["Brochures"], "to_chosen_folder": false, "download_id": "k4", "on_event": "__CHANNEL__:45" }),
    )
    .unwrap_err();
    assert_eq!(outside["code"], "validation_failed", "{outside}");

    // A folder at once: the kept kit read once; a file outside the folder
    // and one the kit does not hold end on their own, the others saved.
    let overview = id_of(&kit, "Brochures/Portal Desk overview.pdf");
    let plans = id_of(&kit, "Brochures/Support plans 2026.pdf");
    let ends = invoke(
        &app,
        "download_kit_files",
        json!({ "files": [{ "id": overview, "download_id": "b1" }, { "id": logo, "download_id": "b2" },
                          { "id": 987_654, "download_id": "b3" }, { "id": plans, "download_id": "b4" }],
                "under": ["Brochures"], "to_chosen_folder": false, "on_event": "__CHANNEL__:46" }),
    )
    .unwrap();
    let ends = ends.as_array().unwrap();
    let events: Vec<(&str, &str)> = ends
        .iter()
        .map(|end| {
            (
                end["download_id"].as_str().unwrap(),
                end["event"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            ("b1", "finished"),
            ("b2", "failed"),
            ("b3", "failed"),
            ("b4", "finished")
        ]
    );
    assert_eq!(ends[1]["error"]["code"], "validation_failed");
    assert_eq!(ends[2]["error"]["code"], "local_data", "{}", ends[2]);
    for (end, name) in [
        (&ends[0], "Brochures/Portal Desk overview.pdf"),
        (&ends[3], "Brochures/Support plans 2026.pdf"),
    ] {
        assert_eq!(end["entry"]["path"], json!(downloads.join(name)));
        assert!(downloads.join(name).is_file());
    }

    // A folder kept in sync: synced at once, then at each update check.
    let desk = app.app().state::<Desk>();
    let folder = app.home().join("Partner Kit");
    std::fs::create_dir(&folder).unwrap();
    let first =
        tauri::async_runtime::block_on(desk.keep_kit_folder_in_sync(&folder, &|_| {})).unwrap();
    assert_eq!(first.added.len(), 8);
    let quiet = tauri::async_runtime::block_on(desk.sync_kit_in_background())
        .unwrap()
        .unwrap();
    assert!(quiet.is_quiet());
    let colours = folder.join("Brand guidelines/Colours and fonts.txt");
    std::fs::write(&colours, "ours\n").unwrap();
    publish_kit_file(
        portal.db_path(),
        "Brand guidelines/Colours and fonts.txt",
        b"theirs\n",
    );
    publish_kit_file(
        portal.db_path(),
        "Logos/Contoso Partner logo.png",
        b"\x89PNG new logo",
    );
    let checked = tauri::async_runtime::block_on(desk.sync_kit_in_background())
        .unwrap()
        .unwrap();
    assert_eq!(checked.updated, ["Logos/Contoso Partner logo.png"]);
    assert_eq!(
        checked.kept_beside[0].kits,
        "Brand guidelines/Colours and fonts (kit version 2).txt"
    );
    assert_eq!(std::fs::read_to_string(&colours).unwrap(), "ours\n");
    let kit = invoke(&app, "load_partner_kit", json!({})).unwrap();
    assert_eq!(kit["sync_folder"], json!(folder));
    assert_eq!(
        kit["history"].as_array().unwrap().len(),
        2,
        "{}",
        kit["history"]
    );

    // Offline: the kept listing, marked.
    portal.stop();
    let offline = invoke(&app, "load_partner_kit", json!({})).unwrap();
    assert!(
        offline["offline"]
            .as_str()
            .unwrap()
            .contains("cannot be reached"),
        "{offline}"
    );
    assert_eq!(offline["files"].as_array().unwrap().len(), 8);
    portal.restart();

    // The role loses the kit: the screen goes, the folder stays.
    portal.execute("UPDATE roles SET grants = '[\"manage_contacts\"]' WHERE name = 'Admin'");
    assert_eq!(
        invoke(&app, "partner_kit_available", json!({})).unwrap(),
        false
    );
    let refused = invoke(&app, "load_partner_kit", json!({})).unwrap_err();
    assert_eq!(refused["code"], "portal_error", "{refused}");
    let failed = tauri::async_runtime::block_on(desk.sync_kit_in_background())
        .unwrap()
        .unwrap_err();
    assert!(failed.to_string().contains("stay there"), "{failed}");
    assert_eq!(std::fs::read_to_string(&colours).unwrap(), "ours\n");
    invoke(&app, "stop_kit_sync", json!({})).unwrap();
    assert!(tauri::async_runtime::block_on(desk.sync_kit_in_background()).is_none());
}
