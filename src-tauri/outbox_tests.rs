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
              "comments": [{ "author": "ada@example.com", "at": "2026-11-01T09:00:00Z", "text": "Smoke." }] },
            { "number": 502, "subject": "Scanner jams", "status": "resolved", "requester": "ada@example.com",
              "comments": [{ "author": "ada@example.com", "at": "2026-11-02T09:00:00Z", "text": "Jams." }] }
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
    let app = ada_signed_in(&portal);
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

/// The settings as the Settings tab sends them, with `frequency` and
/// `promotions` chosen.
fn settings_update(settings: &Value, frequency: &str, promotions: bool) -> Value {
    let mut update = json!({
        "attachment_name_format": settings["attachment_name_format"],
        "email": settings["email"],
        "digest": settings["digest"],
    });
    update["digest"]["frequency"] = json!(frequency);
    update["email"]["promotions"] = json!(promotions);
    update
}

#[test]
fn settings_saved_offline_wait_and_a_change_made_elsewhere_is_settled_setting_by_setting() {
    let mut portal = PortalProcess::spawn(&fixtures());
    let app = ada_signed_in(&portal);
    let online = invoke(&app, "load_settings", json!({})).unwrap();
    assert_eq!(online["waiting"], Value::Null);
    let version = online["etag"].as_str().unwrap().to_owned();

    portal.stop();
    let offline = invoke(&app, "load_settings", json!({})).unwrap();
    assert!(offline["cached_at"].is_i64(), "{offline}");
    assert_eq!(offline["etag"], version, "the copy's version, to wait on");
    let mine = settings_update(&online["settings"], "weekly", true);
    let saved = invoke(
        &app,
        "save_settings",
        json!({ "update": mine, "if_match": version }),
    )
    .unwrap();
    assert!(
        saved["queued"]
            .as_str()
            .unwrap()
            .starts_with("Saved in the outbox"),
        "{saved}"
    );
    assert_eq!(saved["waiting"]["state"], "waiting");
    assert_eq!(saved["waiting"]["update"]["digest"]["frequency"], "weekly");
    // Saved again offline: still one item, with the later choice.
    let later = settings_update(&online["settings"], "weekly", false);
    invoke(
        &app,
        "save_settings",
        json!({ "update": later, "if_match": version }),
    )
    .unwrap();
    let outbox = invoke(&app, "load_outbox", json!({})).unwrap();
    assert_eq!(titles(&outbox), ["Changes to Settings"]);

    // Back, but someone turned promotions on and the digest daily meanwhile.
    portal.restart();
    let elsewhere = ada_signed_in(&portal);
    let theirs = settings_update(&online["settings"], "daily", true);
    invoke(
        &elsewhere,
        "save_settings",
        json!({ "update": theirs, "if_match": version }),
    )
    .unwrap();
    let desk = app.app().state::<Desk>();
    assert_eq!(tauri::async_runtime::block_on(desk.send_shown_waiting()), 0);
    let conflict = invoke(&app, "load_settings", json!({})).unwrap();
    assert_eq!(conflict["waiting"]["state"], "conflict", "{conflict}");
    assert_eq!(conflict["settings"]["email"]["promotions"], true);
    assert_eq!(conflict["waiting"]["update"]["email"]["promotions"], false);

    // Mine for the digest, theirs for promotions.
    let chosen = settings_update(&online["settings"], "weekly", true);
    let settled = invoke(
        &app,
        "settle_waiting_settings",
        json!({ "id": conflict["waiting"]["id"], "chosen": chosen, "current": conflict["etag"] }),
    )
    .unwrap();
    assert_eq!(settled["waiting"], Value::Null);
    assert_eq!(settled["settings"]["digest"]["frequency"], "weekly");
    assert_eq!(settled["settings"]["email"]["promotions"], true);
    assert_eq!(
        invoke(&app, "load_outbox", json!({})).unwrap()["items"],
        json!([])
    );
    let seen_elsewhere = invoke(&elsewhere, "load_settings", json!({})).unwrap();
    assert_eq!(seen_elsewhere["settings"]["digest"]["frequency"], "weekly");
}

#[test]
fn a_save_that_goes_through_withdraws_the_settings_it_carries_from_the_outbox() {
    let mut portal = PortalProcess::spawn(&fixtures());
    let app = ada_signed_in(&portal);
    let online = invoke(&app, "load_settings", json!({})).unwrap();
    portal.stop();
    invoke(
        &app,
        "save_settings",
        json!({ "update": settings_update(&online["settings"], "weekly", true), "if_match": online["etag"] }),
    )
    .unwrap();
    portal.restart();
    // The tab shows the waiting settings; the user changes one more and
    // saves before the watch sent them: one save, nothing left to go after.
    let saved = invoke(
        &app,
        "save_settings",
        json!({ "update": settings_update(&online["settings"], "daily", true), "if_match": online["etag"] }),
    )
    .unwrap();
    assert_eq!(saved["queued"], Value::Null);
    assert_eq!(saved["waiting"], Value::Null);
    assert_eq!(saved["settings"]["digest"]["frequency"], "daily");
    assert_eq!(
        invoke(&app, "load_outbox", json!({})).unwrap()["items"],
        json!([])
    );
}

/// An app signed in as Ada at `portal` (a second one is someone at
/// another computer).
fn ada_signed_in(portal: &PortalProcess) -> crate::command_tests::TestApp {
    app_signed_in_as(portal, "ada@example.com", PASSWORD)
}

/// An app signed in as `email` at `portal`.
fn app_signed_in_as(
    portal: &PortalProcess,
    email: &str,
    password: &str,
) -> crate::command_tests::TestApp {
    let other = app();
    invoke(
        &other,
        "sign_in",
        json!({ "portal_url": portal.url(), "email": email, "password": password }),
    )
    .unwrap();
    other
}

#[test]
fn a_contact_batch_made_offline_waits_and_one_held_by_a_change_elsewhere_shows_what_changed() {
    let mut portal = PortalProcess::demo();
    let app = app_signed_in_as(&portal, "dana@example.com", "demo-password");
    // Contoso Partners: Dana changes users directly.
    let contoso = invoke(&app, "load_contacts", json!({ "organization_id": 2 })).unwrap();
    let version = contoso["etag"].clone();

    portal.stop();
    let batch = json!([{ "action": "grant_role", "contact": "sofia@example.com", "role": "Notifications" }]);
    let queued = invoke(
        &app,
        "send_contact_changes",
        json!({ "organization_id": 2, "changes": batch, "etag": version }),
    )
    .unwrap();
    assert_eq!(queued["outcome"], "queued", "{queued}");
    assert!(
        queued["notice"]
            .as_str()
            .unwrap()
            .starts_with("Saved in the outbox")
    );
    assert!(queued["view"]["cached_at"].is_i64());
    assert_eq!(queued["view"]["waiting"][0]["changes"], batch);
    assert_eq!(queued["view"]["waiting"][0]["state"], "waiting");
    // A second batch for the same contacts is refused: one waits per list.
    let second = invoke(
        &app,
        "send_contact_changes",
        json!({ "organization_id": 2, "changes": batch, "etag": version }),
    )
    .unwrap_err();
    assert_eq!(second["code"], "validation_failed", "{second}");
    assert_eq!(
        titles(&invoke(&app, "load_outbox", json!({})).unwrap()),
        ["1 contact change"]
    );

    // Back; meanwhile someone changed Sofia's phone.
    portal.restart();
    let elsewhere = app_signed_in_as(&portal, "dana@example.com", "demo-password");
    let edited = invoke(
        &elsewhere,
        "send_contact_changes",
        json!({ "organization_id": 2, "etag": version, "changes": [
            { "action": "edit_contact", "contact": "sofia@example.com", "edit": { "office_phone": "+44 20 7946 0999" } }
        ] }),
    )
    .unwrap();
    assert_eq!(edited["outcome"], "applied", "{edited}");
    let desk = app.app().state::<Desk>();
    assert_eq!(tauri::async_runtime::block_on(desk.send_shown_waiting()), 0);
    let held = invoke(&app, "load_contacts", json!({ "organization_id": 2 })).unwrap();
    let waiting = &held["waiting"][0];
    assert_eq!(waiting["state"], "conflict", "{held}");
    let message = waiting["message"].as_str().unwrap();
    assert!(
        message.starts_with("The contact list changed since these changes were made.\n"),
        "{message}"
    );
    assert!(
        message.ends_with("\nSofia Lindqvist: contact details changed."),
        "what changed: {message}"
    );
    assert_eq!(waiting["changes"], batch, "the edits are kept");

    // Sent on the list as it is now: in effect, nothing left waiting.
    let sent = invoke(
        &app,
        "resend_contact_batch",
        json!({ "organization_id": 2, "id": waiting["id"] }),
    )
    .unwrap();
    assert_eq!(sent["waiting"], json!([]));
    let sofia = sent["directory"]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|contact| contact["email"] == "sofia@example.com")
        .unwrap()
        .clone();
    assert!(
        sofia["roles"]
            .as_array()
            .unwrap()
            .contains(&json!("Notifications")),
        "{sofia}"
    );
    assert_eq!(sofia["office_phone"], "+44 20 7946 0999");
    assert_eq!(
        invoke(&app, "load_outbox", json!({})).unwrap()["items"],
        json!([])
    );
}

#[test]
fn a_user_name_request_made_offline_waits_and_is_sent_with_the_kept_password() {
    let mut portal = PortalProcess::spawn(&fixtures());
    let app = ada_signed_in(&portal);
    invoke(&app, "refresh_profile", json!({})).unwrap();
    portal.stop();
    let request = json!({ "new_email": "ada.byron@example.com", "current_password": PASSWORD, "reason": "Married" });
    let queued = invoke(&app, "request_username_change", request.clone()).unwrap();
    assert!(
        queued["queued"]
            .as_str()
            .unwrap()
            .starts_with("Saved in the outbox"),
        "{queued}"
    );
    assert_eq!(queued["profile"]["pending_username_change"], Value::Null);
    let waiting = invoke(&app, "load_waiting_username", json!({})).unwrap();
    assert_eq!(waiting["new_email"], "ada.byron@example.com");
    assert_eq!(waiting["state"], "waiting");
    let again = invoke(&app, "request_username_change", request).unwrap_err();
    assert_eq!(again["code"], "validation_failed", "{again}");

    portal.restart();
    let desk = app.app().state::<Desk>();
    assert_eq!(tauri::async_runtime::block_on(desk.send_shown_waiting()), 1);
    assert_eq!(
        invoke(&app, "load_waiting_username", json!({})).unwrap(),
        Value::Null
    );
    let profile = invoke(&app, "refresh_profile", json!({})).unwrap();
    assert_eq!(
        profile["profile"]["pending_username_change"]["new_email"],
        "ada.byron@example.com"
    );
}

#[test]
fn the_words_of_a_waiting_reply_or_ticket_can_be_edited_until_sent() {
    let mut portal = PortalProcess::spawn(&fixtures());
    let app = ada_signed_in(&portal);
    invoke(&app, "open_ticket", json!({ "number": 501 })).unwrap();
    portal.stop();
    let desk = app.app().state::<Desk>();
    let progress: portal_client::uploads::ProgressSink = std::sync::Arc::new(|_| {});
    tauri::async_runtime::block_on(desk.reply_to_ticket(
        501,
        "Frist draft.",
        &[],
        progress.clone(),
    ))
    .unwrap();
    tauri::async_runtime::block_on(desk.create_ticket("Toner", "Out.", None, &[], progress))
        .unwrap();
    let outbox = invoke(&app, "load_outbox", json!({})).unwrap();
    let reply = outbox["items"][0]["id"].clone();
    let ticket = outbox["items"][1]["id"].clone();
    assert_eq!(outbox["items"][1]["subject"], "Toner");

    let empty = invoke(
        &app,
        "edit_outbox_text",
        json!({ "id": reply, "text": "  " }),
    )
    .unwrap_err();
    assert_eq!(empty["fields"]["message"], "Write something to send.");
    let long = invoke(
        &app,
        "edit_outbox_text",
        json!({ "id": ticket, "text": "Out.", "subject": "x".repeat(201) }),
    )
    .unwrap_err();
    assert_eq!(long["fields"]["subject"], "Use at most 200 characters.");
    invoke(
        &app,
        "edit_outbox_text",
        json!({ "id": reply, "text": "First draft, corrected." }),
    )
    .unwrap();
    let edited = invoke(
        &app,
        "edit_outbox_text",
        json!({ "id": ticket, "text": "Out of toner on floor 3.", "subject": "Toner is out" }),
    )
    .unwrap();
    assert_eq!(
        titles(&edited),
        [
            "Reply to ticket #501",
            "New ticket \u{201c}Toner is out\u{201d}"
        ]
    );
    assert_eq!(edited["items"][0]["text"], "First draft, corrected.");

    portal.restart();
    assert_eq!(tauri::async_runtime::block_on(desk.send_shown_waiting()), 2);
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'First draft, corrected.'"
        ),
        1
    );
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'Frist draft.'"
        ),
        0
    );
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM tickets WHERE subject = 'Toner is out'"
        ),
        1
    );
}

#[test]
fn a_reply_to_a_ticket_resolved_meanwhile_asks_before_opening_it_again() {
    let mut portal = PortalProcess::spawn(&fixtures());
    let app = ada_signed_in(&portal);
    invoke(&app, "open_ticket", json!({ "number": 501 })).unwrap();
    invoke(&app, "open_ticket", json!({ "number": 502 })).unwrap();
    portal.stop();
    let desk = app.app().state::<Desk>();
    let progress: portal_client::uploads::ProgressSink = std::sync::Arc::new(|_| {});
    for (number, text) in [(501, "Still smoking."), (502, "It jams again.")] {
        tauri::async_runtime::block_on(desk.reply_to_ticket(number, text, &[], progress.clone()))
            .unwrap();
    }
    // Meanwhile support resolved #501; #502 was resolved when Ada wrote.
    portal.restart();
    rusqlite::Connection::open(portal.db_path())
        .unwrap()
        .execute("UPDATE tickets SET status = 'resolved' WHERE id = 501", [])
        .unwrap();
    assert_eq!(tauri::async_runtime::block_on(desk.send_shown_waiting()), 1);
    let status = |number: i64| -> String {
        rusqlite::Connection::open(portal.db_path())
            .unwrap()
            .query_row(
                "SELECT status FROM tickets WHERE id = ?1",
                [number],
                |row| row.get(0),
            )
            .unwrap()
    };
    assert_eq!(
        status(502),
        "open",
        "written to a resolved ticket: it opens"
    );
    assert_eq!(status(501), "resolved", "not opened without asking");
    let held = invoke(&app, "load_outbox", json!({})).unwrap();
    let item = &held["items"][0];
    assert_eq!(item["state"], "conflict");
    assert_eq!(
        item["message"],
        "Ticket #501 was resolved meanwhile: sending this reply opens it again."
    );
    assert_eq!(item["can_reopen"], true);

    let sent = invoke(&app, "reopen_with_reply", json!({ "id": item["id"] })).unwrap();
    assert_eq!(sent["sent"].as_array().unwrap().len(), 1, "{sent}");
    assert_eq!(sent["outbox"]["items"], json!([]));
    assert_eq!(status(501), "open");
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'Still smoking.'"
        ),
        1
    );
}

#[test]
fn cancelling_a_request_offline_is_shown_on_the_ticket_until_sent() {
    let mut portal = PortalProcess::demo();
    let app = app_signed_in_as(&portal, "dana@example.com", "demo-password");
    let before = invoke(&app, "open_ticket", json!({ "number": 1235 })).unwrap();
    assert_eq!(before["ticket"]["can_cancel"], true);
    portal.stop();
    let cancelled = invoke(&app, "cancel_ticket", json!({ "number": 1235 })).unwrap();
    assert!(
        cancelled["queued"]
            .as_str()
            .unwrap()
            .starts_with("Saved in the outbox"),
        "{cancelled}"
    );
    assert_eq!(cancelled["waiting"][0]["kind"], "cancel_ticket");
    let shown = invoke(&app, "open_ticket", json!({ "number": 1235 })).unwrap();
    assert_eq!(shown["waiting"][0]["kind"], "cancel_ticket", "{shown}");

    portal.restart();
    let desk = app.app().state::<Desk>();
    assert_eq!(tauri::async_runtime::block_on(desk.send_shown_waiting()), 1);
    let after = invoke(&app, "open_ticket", json!({ "number": 1235 })).unwrap();
    assert_eq!(after["waiting"], json!([]));
    assert_eq!(after["ticket"]["status"], "cancelled");
}
