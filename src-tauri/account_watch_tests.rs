//! Accounts side by side, against the reference portal over loopback and a
//! private Secret Service: the ticket watch looks at the accounts that are
//! not shown (notices naming the account, unread counts in the list, only
//! the account whose session ended is let go of), an account already here
//! is not added twice, each account keeps its own "Save to…" folder, and a
//! reply started in one account finishes there after a switch.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use serde_json::{Value, json};
use tauri::Manager;
use test_support::{PASSWORD, TestPortal};

use crate::command_tests::{TestApp, app, invoke};
use crate::desk::Desk;
use crate::shell::ticket_notifications::TicketNotice;

/// Ada and Bob at one portal, each with a ticket of their own.
fn two_people() -> String {
    json!({
        "users": [
            { "email": "ada@example.com", "password": PASSWORD, "first_name": "Ada", "last_name": "Lovelace" },
            { "email": "bob@example.com", "password": PASSWORD, "first_name": "Bob", "last_name": "Builder" }
        ],
        "tickets": [
            { "number": 501, "subject": "Printer on fire", "status": "open",
              "requester": "ada@example.com",
              "comments": [{ "author": "ada@example.com", "at": "2026-11-01T09:00:00Z", "text": "Smoke." }] },
            { "number": 502, "subject": "Bob's own question", "status": "open",
              "requester": "bob@example.com",
              "comments": [{ "author": "bob@example.com", "at": "2026-11-01T10:00:00Z", "text": "Hello?" }] }
        ]
    })
    .to_string()
}

fn sign_in(app: &TestApp, portal: &TestPortal, email: &str, adding: bool) -> Result<Value, Value> {
    invoke(
        app,
        "sign_in",
        json!({ "portal_url": portal.url(), "email": email, "password": PASSWORD, "adding": adding }),
    )
}

fn desk(app: &TestApp) -> tauri::State<'_, Desk> {
    app.app().state::<Desk>()
}

/// The account list entry for `email`.
fn entry(app: &TestApp, email: &str) -> Value {
    let accounts = invoke(app, "list_accounts", json!({})).unwrap();
    accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["email"] == email)
        .cloned()
        .unwrap_or_else(|| panic!("{email} is not listed: {accounts}"))
}

fn vendor_reply(portal: &TestPortal, ticket: i64, text: &str) {
    let output = test_support::portal_api::vendor_comment(portal.db_path(), ticket, text, &[]);
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn the_accounts_not_shown_are_watched_named_counted_and_let_go_of_alone() {
    let portal = TestPortal::for_client(&two_people());
    let app = app();
    let ada = sign_in(&app, &portal, "ada@example.com", false).unwrap();
    let ada_id = ada["account"]["id"].as_str().unwrap().to_owned();
    sign_in(&app, &portal, "bob@example.com", true).unwrap();

    // Adding an account that is here and signed in is refused.
    let again = sign_in(&app, &portal, "ADA@example.com", true).unwrap_err();
    assert_eq!(again["code"], "validation_failed", "{again}");
    assert!(
        again["fields"]["email"]
            .as_str()
            .unwrap()
            .starts_with("ada@example.com at http://127.0.0.1:"),
        "{again}"
    );
    assert_eq!(
        tauri::async_runtime::block_on(desk(&app).account())
            .unwrap()
            .email,
        "bob@example.com",
        "Bob is still shown"
    );

    // The first look learns Ada's list; a reply after it is news.
    let first = tauri::async_runtime::block_on(desk(&app).look_at_other_accounts());
    assert!(
        first.notices.is_empty() && first.ended.is_empty(),
        "{first:?}"
    );
    assert_eq!(first.unread, 0);
    vendor_reply(&portal, 501, "We sent a fire extinguisher.");
    let news = tauri::async_runtime::block_on(desk(&app).look_at_other_accounts());
    assert_eq!(
        news.notices,
        [TicketNotice {
            account_id: ada_id.clone(),
            number: 501,
            title: "Ticket #501: Printer on fire".into(),
            body: format!(
                "Support team: We sent a fire extinguisher.\nada@example.com · {}",
                portal.url().trim_end_matches('/')
            ),
        }]
    );
    assert_eq!(news.unread, 1);
    assert_eq!(entry(&app, "ada@example.com")["unread"], 1);
    assert_eq!(entry(&app, "bob@example.com")["unread"], 0);
    // What waits in an outbox is counted per account, for the removal
    // question.
    assert_eq!(entry(&app, "bob@example.com")["waiting"], 0);
    let shown = tauri::async_runtime::block_on(desk(&app).session()).unwrap();
    shown
        .queue(portal_client::outbox::OutboxChange::CancelTicket { number: 502 })
        .unwrap();
    assert_eq!(entry(&app, "bob@example.com")["waiting"], 1);
    assert_eq!(entry(&app, "ada@example.com")["waiting"], 0);

    // The shown account sees only its own tickets.
    let shown = invoke(&app, "load_tickets", json!({})).unwrap();
    let numbers: Vec<_> = shown["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ticket| ticket["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [502]);

    // The portal ends Ada's session: only Ada's account is let go of.
    portal.execute(
        "UPDATE token_families SET revoked_at = 1 WHERE user_id = (SELECT id FROM users WHERE email = 'ada@example.com');
         DELETE FROM access_tokens WHERE user_id = (SELECT id FROM users WHERE email = 'ada@example.com');",
    );
    vendor_reply(&portal, 501, "Is it out?");
    let ended = tauri::async_runtime::block_on(desk(&app).look_at_other_accounts());
    assert!(ended.notices.is_empty(), "{ended:?}");
    assert_eq!(
        ended
            .ended
            .iter()
            .map(|account| account.email.as_str())
            .collect::<Vec<_>>(),
        ["ada@example.com"]
    );
    assert_eq!(entry(&app, "ada@example.com")["signed_in"], false);
    assert_eq!(entry(&app, "bob@example.com")["signed_in"], true);
    let profile = invoke(&app, "refresh_profile", json!({})).unwrap();
    assert_eq!(
        profile["profile"]["email"], "bob@example.com",
        "Bob works on"
    );
    let later = tauri::async_runtime::block_on(desk(&app).look_at_other_accounts());
    assert!(
        later.ended.is_empty(),
        "an ended session is reported once: {later:?}"
    );

    // Signed out, Ada may be added again.
    sign_in(&app, &portal, "ada@example.com", true).unwrap();
}

#[test]
fn each_account_keeps_its_own_save_to_folder() {
    let portal = TestPortal::for_client(&two_people());
    let app = app();
    let ada = sign_in(&app, &portal, "ada@example.com", false).unwrap();
    let ada_id = ada["account"]["id"].as_str().unwrap().to_owned();
    let folders = tempfile::tempdir().unwrap();
    let adas_folder = folders.path().join("Ada's customers");
    std::fs::create_dir(&adas_folder).unwrap();
    tauri::async_runtime::block_on(desk(&app).remember_download_folder(&adas_folder)).unwrap();

    sign_in(&app, &portal, "bob@example.com", true).unwrap();
    let bobs = invoke(&app, "load_download_folders", json!({})).unwrap();
    assert_eq!(bobs["chosen_folder"], Value::Null, "{bobs}");

    invoke(&app, "switch_account", json!({ "account_id": ada_id })).unwrap();
    let adas = invoke(&app, "load_download_folders", json!({})).unwrap();
    assert_eq!(
        PathBuf::from(adas["chosen_folder"].as_str().unwrap()),
        adas_folder
    );
}

#[test]
fn a_reply_started_in_one_account_finishes_there_after_a_switch() {
    let portal = TestPortal::for_client(&two_people());
    let app = app();
    let bob = sign_in(&app, &portal, "bob@example.com", false).unwrap();
    let bob_id = bob["account"]["id"].as_str().unwrap().to_owned();
    sign_in(&app, &portal, "ada@example.com", true).unwrap();
    invoke(&app, "open_ticket", json!({ "number": 501 })).unwrap();
    let files = tempfile::tempdir().unwrap();
    let photo = files.path().join("smoke.txt");
    std::fs::write(&photo, vec![b's'; 256 * 1024]).unwrap();
    desk(&app).accept_picked(vec![photo.clone()]);

    // The upload reports its start, then waits until Bob is shown.
    let (started, on_start) = mpsc::channel::<()>();
    let (go, on_go) = mpsc::channel::<()>();
    let waiting = Mutex::new(Some((started, on_go)));
    let progress: portal_client::uploads::ProgressSink = Arc::new(move |_| {
        let first = waiting.lock().unwrap().take();
        if let Some((started, on_go)) = first {
            started.send(()).unwrap();
            on_go
                .recv_timeout(Duration::from_secs(30))
                .expect("the switch happened");
        }
    });
    let handle = app.app().handle().clone();
    let reply = tauri::async_runtime::spawn(async move {
        handle
            .state::<Desk>()
            .reply_to_ticket(501, "It is out now.", &[photo], progress)
            .await
    });
    on_start
        .recv_timeout(Duration::from_secs(30))
        .expect("the upload started");
    tauri::async_runtime::block_on(desk(&app).switch_account(&bob_id)).unwrap();
    go.send(()).unwrap();

    let view = tauri::async_runtime::block_on(reply).unwrap().unwrap();
    assert_eq!(view.ticket.summary.number, 501);
    assert_eq!(view.ticket.summary.subject, "Printer on fire");
    let last = view.ticket.comments.last().unwrap();
    assert_eq!(last.text, "It is out now.");
    assert_eq!(last.author.name, "Ada Lovelace");
    assert_eq!(
        tauri::async_runtime::block_on(desk(&app).account())
            .unwrap()
            .email,
        "bob@example.com",
        "Bob is shown, and the answer was Ada's"
    );
}
