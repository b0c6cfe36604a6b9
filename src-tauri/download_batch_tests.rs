//! "Download all…" through the `download_documents` command: many listed
//! documents in one request, each saved as its own download, against the
//! reference portal over loopback and a private Secret Service.

use std::collections::HashSet;

use serde_json::{Value, json};
use test_support::{PASSWORD, TestPortal};

use crate::command_tests::{app, invoke, sign_in_as_ada};

/// Documents in Ada's list.
const LISTED: usize = 40;

fn fixtures() -> String {
    let documents: Vec<Value> = (1..=LISTED)
        .map(|n| {
            json!({
                "number": format!("INV-{n}"), "kind": "invoice", "issued_on": "2026-03-01",
                "amount": format!("{n}.00"), "currency": "EUR", "user": "ada@example.com",
                "file_name": format!("Invoice {n}.pdf")
            })
        })
        .collect();
    json!({
        "users": [{ "email": "ada@example.com", "password": PASSWORD,
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "documents": documents,
    })
    .to_string()
}

#[test]
fn download_all_saves_every_listed_document_once_and_says_how_each_ended() {
    let portal = TestPortal::for_client(&fixtures());
    let app = app();

    // Signed out, the whole request fails, and nothing is saved.
    let signed_out = invoke(
        &app,
        "download_documents",
        json!({ "documents": [{ "id": 1, "download_id": "early" }], "organization_id": null,
                "to_chosen_folder": false, "on_event": "__CHANNEL__:20" }),
    )
    .unwrap_err();
    assert_eq!(signed_out["code"], "not_signed_in", "{signed_out}");

    sign_in_as_ada(&app, &portal);
    let listed = invoke(&app, "load_documents", json!({ "organization_id": null })).unwrap();
    let ids: Vec<Value> = listed["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|document| document["id"].clone())
        .collect();
    assert_eq!(ids.len(), LISTED);

    // Every listed document, the first of them asked for twice, and one
    // the list does not hold.
    let mut asked: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(n, id)| json!({ "id": id, "download_id": format!("all-{n}") }))
        .collect();
    asked.push(json!({ "id": ids[0], "download_id": "again" }));
    asked.push(json!({ "id": 987_654, "download_id": "stranger" }));
    let ends = invoke(
        &app,
        "download_documents",
        json!({ "documents": asked, "organization_id": null, "to_chosen_folder": false,
                "on_event": "__CHANNEL__:21" }),
    )
    .unwrap();
    let ends = ends.as_array().unwrap();
    assert_eq!(
        ends.len(),
        LISTED + 2,
        "an end for each, in the order asked"
    );
    for (end, asked) in ends.iter().zip(&asked) {
        assert_eq!(end["download_id"], asked["download_id"]);
    }
    let stranger = &ends[LISTED + 1];
    assert_eq!(stranger["event"], "failed");
    assert_eq!(stranger["error"]["code"], "download_failed");

    let saved: Vec<std::path::PathBuf> = ends[..=LISTED]
        .iter()
        .map(|end| {
            assert_eq!(end["event"], "finished", "{end}");
            std::path::PathBuf::from(end["entry"]["path"].as_str().unwrap())
        })
        .collect();
    let distinct: HashSet<&std::path::PathBuf> = saved.iter().collect();
    assert_eq!(
        distinct.len(),
        LISTED + 1,
        "the document asked for twice is saved beside the first, never over it"
    );
    let folder = app.home().join("Downloads").join("Portal Desk");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), LISTED + 1, "no part file left: {names:?}");
    for path in &saved {
        assert!(path.starts_with(&folder), "{}", path.display());
        assert!(std::fs::read(path).unwrap().starts_with(b"%PDF-"));
    }
    assert!(names.contains(&"Invoice 40.pdf".to_owned()), "{names:?}");
}
