//! "Download all…" through the `download_documents` command: many listed
//! documents in one request, each saved as its own download, against the
//! reference portal over loopback and a private Secret Service.

use std::collections::HashSet;

use serde_json::{Value, json};
use test_support::{Fault, FaultProxy, PASSWORD, TestPortal};

use crate::command_tests::{app, invoke, invoke_in, sign_in_as_ada, sign_in_as_ada_at, window_of};

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

#[test]
fn cancel_all_stops_a_whole_batch_those_waiting_too_and_leaves_no_part_file() {
    const BATCH: usize = 8;
    let portal = TestPortal::for_client(&fixtures());
    // Every file drips, a byte every 100 ms: each download is still under
    // way (or waiting for one of the three slots) when Cancel all comes.
    let proxy = FaultProxy::start(portal.url());
    proxy.add_faults((0..BATCH).map(|_| Fault::Drip(100)));
    let app = app();
    sign_in_as_ada_at(&app, proxy.url());
    let listed = invoke(&app, "load_documents", json!({ "organization_id": null })).unwrap();
    let asked: Vec<Value> = listed["documents"].as_array().unwrap()[..BATCH]
        .iter()
        .enumerate()
        .map(|(n, document)| json!({ "id": document["id"], "download_id": format!("batch-{n}") }))
        .collect();
    let mut download_ids: Vec<Value> = asked
        .iter()
        .map(|asked| asked["download_id"].clone())
        .collect();
    download_ids.push(json!("never-started"));

    let ends = std::thread::scope(|scope| {
        let window = window_of(&app);
        let batch = scope.spawn(move || {
            invoke_in(
                &window,
                "download_documents",
                json!({ "documents": asked, "organization_id": null, "to_chosen_folder": false,
                        "on_event": "__CHANNEL__:22" }),
            )
        });
        // Every download of the batch is known before the first file is
        // asked for; three are asked for at once.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while proxy.file_requests().len() < 3 {
            assert!(
                std::time::Instant::now() < deadline,
                "the batch never started"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let cancelled = invoke(
            &app,
            "cancel_downloads",
            json!({ "download_ids": download_ids }),
        )
        .unwrap();
        assert_eq!(
            cancelled,
            json!(BATCH),
            "each of the batch, and not the one never started"
        );
        batch.join().unwrap().unwrap()
    });
    let ends = ends.as_array().unwrap();
    assert_eq!(ends.len(), BATCH);
    for end in ends {
        assert_eq!(end["event"], "failed", "{end}");
        assert_eq!(end["error"]["code"], "cancelled", "{end}");
    }
    let folder = app.home().join("Downloads").join("Portal Desk");
    let left: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        left.is_empty(),
        "nothing saved and no part file left: {left:?}"
    );
    assert_eq!(
        invoke(
            &app,
            "cancel_downloads",
            json!({ "download_ids": download_ids })
        )
        .unwrap(),
        json!(0),
        "all of them ended"
    );
}
