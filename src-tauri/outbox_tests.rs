//! The outbox through the commands, against a portal process that is
//! stopped and started again: a reply, a new ticket and a cancel made
//! while it is down are kept and said so, shown in place and in the
//! Outbox, and sent once when it is back (by "Send now" or by the watch).

use serde_json::{Value, json};
use tauri::Manager;
use test_support::{PASSWORD, PortalProcess};

use crate::command_tests::{app, invoke};
use crate::desk::Desk;

fn fixtures() -> String {
    json!({
        "users": [{ "email": "ada@example.com", "password": PASSWORD, "first_name": "Ada", "last_name": "Lovelace" }],
        "tickets": [
            { "number": 501, "subject": "Printer on fire", "status": "open", "requester": "ada@example.com",
              "comments": [{ "author": "ada@example.com", "at": "2026-11-01T09:00:00Z", "text": "Smoke." }] }
        ]
    })
    .to_string()
}

fn count(portal: &PortalProcess, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(portal.db_path()).unwrap();
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

fn titles(outbox: &Value) -> Vec<String> {
    outbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["title"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn changes_made_while_the_portal_is_down_wait_in_the_outbox_and_go_once_it_is_back() {
    let mut portal = PortalProcess::spawn(&fixtures());
    let app = app();
    invoke(
        &app,
        "sign_in",
        json!({ "portal_url": portal.url(), "email": "ada@example.com", "password": PASSWORD }),
    )
    .unwrap();
    invoke(&app, "open_ticket", json!({ "number": 501 })).unwrap();
    let files = tempfile::tempdir().unwrap();
    let log = files.path().join("smoke.log");
    std::fs::write(&log, "smoke at 02:14").unwrap();
    app.app().state::<Desk>().accept_picked(vec![log.clone()]);

    portal.stop();
    let desk = app.app().state::<Desk>();
    let progress: portal_client::uploads::ProgressSink = std::sync::Arc::new(|_| {});
    let replied = tauri::async_runtime::block_on(desk.reply_to_ticket(
        501,
        "Written offline.",
        std::slice::from_ref(&log),
        progress.clone(),
    ))
    .unwrap();
    assert_eq!(
        replied.queued.as_deref(),
        Some(
            format!(
                "Saved in the outbox: it will be sent when {} is reachable.",
                portal.url()
            )
            .as_str()
        )
    );
    assert_eq!(replied.waiting.len(), 1, "the reply is shown in place");
    assert_eq!(replied.waiting[0].text.as_deref(), Some("Written offline."));
    assert_eq!(replied.waiting[0].files, ["smoke.log"]);
    let created = tauri::async_runtime::block_on(desk.create_ticket(
        "Toner is out",
        "Also offline.",
        None,
        &[],
        progress,
    ))
    .unwrap();
    assert!(
        matches!(created, crate::desk::tickets::CreatedTicket::Queued(_)),
        "{created:?}"
    );
    let outbox = invoke(&app, "load_outbox", json!({})).unwrap();
    assert_eq!(
        titles(&outbox),
        [
            "Reply to ticket #501",
            "New ticket \u{201c}Toner is out\u{201d}"
        ]
    );
    assert_eq!(outbox["items"][0]["state"], "waiting");
    let not_yet = invoke(&app, "send_outbox", json!({})).unwrap();
    assert!(not_yet["stopped"].is_string(), "{not_yet}");
    assert_eq!(titles(&not_yet["outbox"]).len(), 2);

    // Withdrawn, the new ticket is not sent.
    let new_ticket = outbox["items"][1]["id"].as_i64().unwrap();
    let left = invoke(&app, "drop_outbox_item", json!({ "id": new_ticket })).unwrap();
    assert_eq!(titles(&left), ["Reply to ticket #501"]);

    // Back: the watch sends what waits, once.
    portal.restart();
    assert_eq!(tauri::async_runtime::block_on(desk.send_shown_waiting()), 1);
    assert_eq!(tauri::async_runtime::block_on(desk.send_shown_waiting()), 0);
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'Written offline.'"
        ),
        1
    );
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM tickets WHERE subject = 'Toner is out'"
        ),
        0
    );
    let ticket = invoke(&app, "open_ticket", json!({ "number": 501 })).unwrap();
    assert_eq!(ticket["waiting"], json!([]));
    assert_eq!(
        ticket["ticket"]["comments"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["text"],
        "Written offline."
    );
    assert_eq!(
        invoke(&app, "load_outbox", json!({})).unwrap()["items"],
        json!([])
    );
}
