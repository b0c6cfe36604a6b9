//! `Idempotency-Key` over real HTTP: a repeated reply, ticket or contact
//! change is answered once; a key goes back after a failure or when its
//! client went away mid-request; it is refused at another address, waits
//! while its first request runs, and is forgotten after a day (on the
//! portal's clock, moved by the test).

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::AUTHORIZATION;
use reqwest::multipart::Form;
use serde_json::{Value, json};
use test_support::BASIC_FIXTURES;
use test_support::TestPortal;
use test_support::portal_api;

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;
const PASSWORD: &str = "demo-password";
const KEY: &str = "3f0c9a5e-6b1d-4c8e-9d2f-7a1b2c3d4e5f";

/// Posts a reply to ticket 1234 as `token`, with `key` when given.
async fn reply(
    portal: &TestPortal,
    token: &str,
    key: Option<&str>,
    message: &str,
) -> reqwest::Response {
    let mut request = test_support::loopback_client()
        .post(format!("{}/api/v1/tickets/1234/comments", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .multipart(Form::new().text("message", message.to_owned()));
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    request.send().await.unwrap()
}

fn comments_saying(portal: &TestPortal, text: &str) -> i64 {
    portal.query_i64(&format!(
        "SELECT COUNT(*) FROM ticket_comments WHERE body = '{text}'"
    ))
}

#[tokio::test]
async fn a_repeated_reply_ticket_or_contact_change_is_answered_once() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = portal_api::access_token(portal.url(), "dana@example.com", PASSWORD).await;

    let first = reply(&portal, &dana, Some(KEY), "Sent from a train.").await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first_body: Value = first.json().await.unwrap();
    let again = reply(&portal, &dana, Some(KEY), "Sent from a train.").await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(
        again.headers()["content-type"],
        "application/json",
        "the kept answer keeps its type"
    );
    assert_eq!(again.json::<Value>().await.unwrap(), first_body);
    assert_eq!(comments_saying(&portal, "Sent from a train."), 1);

    // The key at another address is refused, not replayed.
    let moved = test_support::loopback_client()
        .post(format!("{}/api/v1/tickets", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {dana}"))
        .header("Idempotency-Key", KEY)
        .multipart(
            Form::new()
                .text("subject", "Another")
                .text("message", "Another one."),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = moved.json().await.unwrap();
    assert_eq!(problem["code"], "idempotency_key_reused");

    // A new ticket, sent twice with its own key, is raised once.
    let tickets_before = portal.query_i64("SELECT COUNT(*) FROM tickets");
    for _ in 0..2 {
        let raised = test_support::loopback_client()
            .post(format!("{}/api/v1/tickets", portal.url()))
            .header(AUTHORIZATION, format!("Bearer {dana}"))
            .header("Idempotency-Key", "ticket-key-1")
            .multipart(
                Form::new()
                    .text("subject", "Printer jam")
                    .text("message", "Jammed again."),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(raised.status(), StatusCode::CREATED);
    }
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM tickets"),
        tickets_before + 1
    );

    // Keys are per person: Lee's KEY is his own.
    let lee = portal_api::access_token(portal.url(), "lee@example.com", PASSWORD).await;
    let lees = reply(&portal, &lee, Some(KEY), "Lee was here.").await;
    assert_eq!(lees.status(), StatusCode::CREATED);
    assert_eq!(comments_saying(&portal, "Lee was here."), 1);

    // After a day the key is forgotten: the same key is a new request.
    portal.clock().advance(time::Duration::hours(24));
    let dana = portal_api::access_token(portal.url(), "dana@example.com", PASSWORD).await;
    let next_day = reply(&portal, &dana, Some(KEY), "Sent from a train.").await;
    assert_eq!(next_day.status(), StatusCode::CREATED);
    assert!(next_day.headers().get("idempotent-replayed").is_none());
    assert_eq!(comments_saying(&portal, "Sent from a train."), 2);
}

#[tokio::test]
async fn a_failed_request_gives_its_key_back_and_bad_keys_are_refused() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = portal_api::access_token(portal.url(), "dana@example.com", PASSWORD).await;

    let empty = reply(&portal, &dana, Some("retry-key"), "").await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fixed = reply(&portal, &dana, Some("retry-key"), "Now with words.").await;
    assert_eq!(
        fixed.status(),
        StatusCode::CREATED,
        "the key was given back"
    );
    assert!(fixed.headers().get("idempotent-replayed").is_none());

    for bad in ["", "has space", &"k".repeat(256), "caf\u{e9}"] {
        let refused = test_support::loopback_client()
            .post(format!("{}/api/v1/tickets/1234/comments", portal.url()))
            .header(AUTHORIZATION, format!("Bearer {dana}"))
            .header("Idempotency-Key", bad)
            .multipart(Form::new().text("message", "x"))
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{bad:?}");
    }
    assert_eq!(comments_saying(&portal, "x"), 0);

    // Not signed in: the key changes nothing, the answer is a 401.
    let nobody = reply(&portal, "not-a-token", Some("retry-key"), "Hi").await;
    assert_eq!(nobody.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_repeat_waits_while_the_first_runs_and_a_vanished_client_gives_the_key_back() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = portal_api::access_token(portal.url(), "dana@example.com", PASSWORD).await;
    let address = portal.url().trim_start_matches("http://").to_owned();

    // The first request: its headers and the start of its body, then
    // nothing (an app killed mid-send, its connection still open).
    let boundary = "XBOUNDARYX";
    let start =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhalf");
    let mut first = TcpStream::connect(&address).unwrap();
    write!(
        first,
        "POST /api/v1/tickets/1234/comments HTTP/1.1\r\nHost: {address}\r\n\
         Authorization: Bearer {dana}\r\nIdempotency-Key: {KEY}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\n\
         Content-Length: 100000\r\n\r\n{start}"
    )
    .unwrap();
    first.flush().unwrap();

    // Once the first holds the key, the repeat is told to wait.
    let deadline = Instant::now() + Duration::from_secs(10);
    while portal.query_i64(&format!(
        "SELECT COUNT(*) FROM idempotency_keys WHERE key = '{KEY}' AND status IS NULL"
    )) == 0
    {
        assert!(
            Instant::now() < deadline,
            "the first request never claimed its key"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let waiting = reply(&portal, &dana, Some(KEY), "Sent whole.").await;
    assert_eq!(waiting.status(), StatusCode::CONFLICT);
    assert_eq!(waiting.headers()["retry-after"], "1");
    let problem: Value = waiting.json().await.unwrap();
    assert_eq!(problem["code"], "idempotency_key_in_use");

    // The first client goes away: its key goes back, and the repeat is
    // answered once it asks again.
    drop(first);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let repeat = reply(&portal, &dana, Some(KEY), "Sent whole.").await;
        if repeat.status() == StatusCode::CREATED {
            break;
        }
        assert_eq!(repeat.status(), StatusCode::CONFLICT);
        assert!(
            Instant::now() < deadline,
            "the key never came back after the client went away"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(comments_saying(&portal, "Sent whole."), 1);
    assert_eq!(comments_saying(&portal, "half"), 0);
}

#[tokio::test]
async fn a_contact_change_batch_sent_twice_is_one_request() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let ada =
        portal_api::access_token(portal.url(), "ada@example.com", test_support::PASSWORD).await;
    let contacts = test_support::loopback_client()
        .get(format!("{}/api/v1/organizations/1/contacts", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {ada}"))
        .send()
        .await
        .unwrap();
    let etag = contacts.headers()["etag"].to_str().unwrap().to_owned();
    let batch = json!({ "changes": [{ "action": "add_contact",
        "details": { "email": "nia@example.com", "first_name": "Nia", "last_name": "Okafor" },
        "roles": ["Management"] }] });
    let send = |key: Option<&'static str>| {
        let mut request = test_support::loopback_client()
            .post(format!(
                "{}/api/v1/organizations/1/contact-changes",
                portal.url()
            ))
            .header(AUTHORIZATION, format!("Bearer {ada}"))
            .header("If-Match", etag.clone())
            .json(&batch);
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        request.send()
    };
    let first = send(Some("batch-key-1")).await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    let again = send(Some("batch-key-1")).await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM contact_change_requests"),
        1
    );
    // Without the key the repeat is a second batch, refused while the
    // first waits: the key is what makes sending again safe.
    let unkeyed = send(None).await.unwrap();
    assert_eq!(unkeyed.status(), StatusCode::CONFLICT);
}
