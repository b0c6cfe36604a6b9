//! Tickets over real HTTP: who sees which ticket, lists and filters,
//! conversations, ETag/304, replies with streamed uploads (limits,
//! interruptions, all-or-nothing), cancelling requests, attachment files
//! and the vendor's comments from the command line.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_DISPOSITION, ETAG, IF_NONE_MATCH, LOCATION, RANGE};
use reqwest::multipart::{Form, Part};
use serde_json::Value;
use sha2::{Digest, Sha256};
use test_support::TestPortal;
use test_support::portal_api;

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;
const PASSWORD: &str = "demo-password";

async fn token(portal: &TestPortal, email: &str) -> String {
    portal_api::access_token(portal.url(), email, PASSWORD).await
}

async fn get_json(portal: &TestPortal, token: &str, path: &str) -> (StatusCode, Value) {
    portal_api::get_json(portal.url(), token, path).await
}

fn numbers(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ticket| ticket["number"].as_i64().unwrap())
        .collect()
}

fn sorted(mut numbers: Vec<i64>) -> Vec<i64> {
    numbers.sort_unstable();
    numbers
}

/// A file part named the way the API expects: percent-encoded UTF-8.
fn attachment(name: &str, bytes: Vec<u8>) -> Part {
    Part::bytes(bytes)
        .file_name(utf8_percent_encode(name, NON_ALPHANUMERIC).to_string())
        .mime_str("text/plain")
        .unwrap()
}

async fn post_form(
    portal: &TestPortal,
    token: &str,
    path: &str,
    form: Form,
) -> (StatusCode, Value) {
    let response = test_support::loopback_client()
        .post(format!("{}{path}", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

fn stored_file_count(portal: &TestPortal) -> usize {
    let mut folder = portal.db_path().as_os_str().to_owned();
    folder.push(".files");
    std::fs::read_dir(Path::new(&folder)).unwrap().count()
}

fn comment_count(portal: &TestPortal) -> i64 {
    portal.query_i64("SELECT COUNT(*) FROM ticket_comments")
}

#[tokio::test]
async fn each_user_sees_their_own_and_their_organizations_tickets() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let (status, page) = get_json(&portal, &dana, "/api/v1/tickets").await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(
        sorted(numbers(&page)),
        [1234, 1235, 1236, 1237, 1238, 1240],
        "her own, Lee's Northwind ticket, Marco's Contoso ticket; not Fabrikam's"
    );
    let updated: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|ticket| ticket["updated_at"].as_str().unwrap())
        .collect();
    let mut newest_first = updated.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, newest_first);

    let lee = token(&portal, "lee@example.com").await;
    let (_, page) = get_json(&portal, &lee, "/api/v1/tickets").await;
    assert_eq!(
        sorted(numbers(&page)),
        [1234, 1235, 1236, 1237],
        "Technical Contact grants Northwind's tickets; Dana's personal 1240 stays hers"
    );

    let priya = token(&portal, "priya@example.com").await;
    let (_, page) = get_json(&portal, &priya, "/api/v1/tickets").await;
    assert!(
        numbers(&page).is_empty(),
        "Accounts Payable grants no tickets"
    );
    let (status, problem) = get_json(&portal, &priya, "/api/v1/tickets/1234").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(problem["code"], "forbidden");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("Northwind Traders")
    );
    let (status, problem) = get_json(&portal, &priya, "/api/v1/tickets/1239").await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "not a Fabrikam contact: {problem}"
    );
    let (status, _) = get_json(&portal, &dana, "/api/v1/tickets/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn lists_filter_by_status_kind_and_text_and_page() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let (_, page) = get_json(&portal, &dana, "/api/v1/tickets?status=awaiting_customer").await;
    assert_eq!(sorted(numbers(&page)), [1234, 1238]);
    let (_, page) = get_json(
        &portal,
        &dana,
        "/api/v1/tickets?status=open,awaiting_customer",
    )
    .await;
    assert_eq!(sorted(numbers(&page)), [1234, 1235, 1237, 1238]);
    let (_, page) = get_json(&portal, &dana, "/api/v1/tickets?kind=contact_change").await;
    assert_eq!(numbers(&page), [1235]);
    let (_, page) = get_json(&portal, &dana, "/api/v1/tickets?q=quota").await;
    assert_eq!(numbers(&page), [1234], "text in a comment");
    let (_, page) = get_json(&portal, &dana, "/api/v1/tickets?q=%231236").await;
    assert_eq!(numbers(&page), [1236], "the number");
    let (_, page) = get_json(&portal, &dana, "/api/v1/tickets?q=Gold%20plan").await;
    assert!(numbers(&page).is_empty(), "internal notes are not searched");
    let (_, page) = get_json(&portal, &dana, "/api/v1/tickets?q=100%25").await;
    assert!(numbers(&page).is_empty(), "% is not a wildcard");

    let mut seen = Vec::new();
    let mut path = "/api/v1/tickets?limit=4".to_owned();
    loop {
        let (status, page) = get_json(&portal, &dana, &path).await;
        assert_eq!(status, StatusCode::OK);
        seen.extend(numbers(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/tickets?limit=4&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(sorted(seen), [1234, 1235, 1236, 1237, 1238, 1240]);

    let (status, problem) = get_json(&portal, &dana, "/api/v1/tickets?status=closed").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        problem["detail"].as_str().unwrap().contains("\"closed\""),
        "{problem}"
    );
    let (status, _) = get_json(&portal, &dana, "/api/v1/tickets?kind=nope").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_conversation_hides_internal_notes_and_marks_who_wrote_what() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let (status, ticket) = get_json(&portal, &dana, "/api/v1/tickets/1234").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ticket["number"], 1234);
    assert_eq!(ticket["status"], "awaiting_customer");
    assert_eq!(ticket["kind"], "support");
    assert_eq!(ticket["organization"]["name"], "Northwind Traders");
    assert_eq!(ticket["requested_by_you"], true);
    assert_eq!(ticket["can_cancel"], false, "a support ticket");
    let comments = ticket["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 4, "the internal note is not shown");
    assert_eq!(ticket["comment_count"], 4);
    assert!(comments.iter().all(|c| c["public"] == true));
    assert!(!ticket.to_string().contains("Gold plan"));
    assert_eq!(comments[0]["author"]["you"], true);
    assert_eq!(comments[1]["author"]["vendor"], true);
    assert_eq!(comments[1]["author"]["name"], "Priya at Support");
    assert_eq!(
        ticket["last_reply_id"], comments[3]["id"],
        "the newest comment by someone else"
    );
    let names: Vec<&str> = comments
        .iter()
        .flat_map(|c| c["attachments"].as_array().unwrap())
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "export.log",
            "job settings (final) v2.csv",
            "Runbook – splitting the nightly export.pdf",
            "export.log",
            "../../etc/passwd",
            "CON.txt",
            "naïve café – notes.txt"
        ]
    );
    assert_eq!(ticket["attachment_count"], 7);
    assert!(
        comments[3]["text"]
            .as_str()
            .unwrap()
            .contains("<script>alert('x')</script>"),
        "text is kept as written; clients show it as text"
    );

    let lee = token(&portal, "lee@example.com").await;
    let (_, seen_by_lee) = get_json(&portal, &lee, "/api/v1/tickets/1234").await;
    assert_eq!(seen_by_lee["requested_by_you"], false);
    assert_eq!(seen_by_lee["comments"][0]["author"]["you"], false);
}

#[tokio::test]
async fn lists_and_tickets_answer_304_until_something_changes() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let client = test_support::loopback_client();
    let get = |path: &str, etag: Option<&str>| {
        let mut request = client
            .get(format!("{}{path}", portal.url()))
            .header(AUTHORIZATION, format!("Bearer {dana}"));
        if let Some(etag) = etag {
            request = request.header(IF_NONE_MATCH, etag.to_owned());
        }
        request.send()
    };
    let first = get("/api/v1/tickets", None).await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let list_etag = first.headers()[ETAG].to_str().unwrap().to_owned();
    let before: Value = first.json().await.unwrap();
    let detail = get("/api/v1/tickets/1234", None).await.unwrap();
    let detail_etag = detail.headers()[ETAG].to_str().unwrap().to_owned();
    assert_ne!(list_etag, detail_etag);

    let again = get("/api/v1/tickets", Some(&list_etag)).await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[ETAG].to_str().unwrap(), list_etag);
    assert!(again.bytes().await.unwrap().is_empty());
    let again = get("/api/v1/tickets/1234", Some(&detail_etag))
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    let note = tempfile::NamedTempFile::with_suffix(".txt").unwrap();
    std::fs::write(note.path(), b"steps to check the quota").unwrap();
    let output = portal_api::vendor_comment(
        portal.db_path(),
        1236,
        "Reopening: one more check.",
        &[note.path()],
    );
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("ticket #1236: comment"));

    let changed = get("/api/v1/tickets", Some(&list_etag)).await.unwrap();
    assert_eq!(
        changed.status(),
        StatusCode::OK,
        "a vendor comment changes the list"
    );
    let after: Value = changed.json().await.unwrap();
    let find = |page: &Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["number"] == 1236)
            .unwrap()
            .clone()
    };
    assert_eq!(find(&before)["status"], "resolved");
    let ticket = find(&after);
    assert_eq!(ticket["status"], "awaiting_customer");
    assert!(ticket["last_reply_id"].as_i64() > find(&before)["last_reply_id"].as_i64());
    assert_eq!(
        after["items"][0]["number"], 1236,
        "most recently updated first"
    );
    let unchanged = get("/api/v1/tickets/1234", Some(&detail_etag))
        .await
        .unwrap();
    assert_eq!(
        unchanged.status(),
        StatusCode::NOT_MODIFIED,
        "another ticket's comment"
    );

    let mail = portal_api::outbox(portal.db_path());
    let last = mail.last().unwrap();
    assert_eq!(last["to"], "dana@example.com");
    assert!(
        last["subject"].as_str().unwrap().contains("#1236"),
        "{last}"
    );

    let output = portal_api::vendor_comment(portal.db_path(), 99999, "nobody", &[]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no ticket #99999"));
}

#[tokio::test]
async fn attachments_are_served_like_documents() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let (_, ticket) = get_json(&portal, &dana, "/api/v1/tickets/1234").await;
    let log = &ticket["comments"][0]["attachments"][0];
    let path = format!("/api/v1/tickets/1234/attachments/{}", log["id"]);
    let response = portal_api::get(portal.url(), &dana, &path).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[ETAG].to_str().unwrap(),
        format!("\"{}\"", log["sha256"].as_str().unwrap())
    );
    assert!(response.headers().contains_key("repr-digest"));
    assert!(
        response.headers()[CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''export.log")
    );
    let bytes = response.bytes().await.unwrap();
    assert_eq!(bytes.len() as u64, log["size"].as_u64().unwrap());
    assert_eq!(
        format!("{:x}", Sha256::digest(&bytes)),
        log["sha256"].as_str().unwrap()
    );
    let partial = test_support::loopback_client()
        .get(format!("{}{path}", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {dana}"))
        .header(RANGE, "bytes=10-")
        .send()
        .await
        .unwrap();
    assert_eq!(partial.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(partial.bytes().await.unwrap(), bytes.slice(10..));

    let (_, other) = get_json(&portal, &dana, "/api/v1/tickets/1237").await;
    let foreign = other["comments"][0]["attachments"][0]["id"].clone();
    let (status, _) = get_json(
        &portal,
        &dana,
        &format!("/api/v1/tickets/1234/attachments/{foreign}"),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "an attachment of another ticket"
    );
    let priya = token(&portal, "priya@example.com").await;
    let response = portal_api::get(portal.url(), &priya, &path).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_reply_with_attachments_arrives_whole_and_reopens_the_ticket() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let names = test_support::hostile_names();
    let mut form = Form::new().text("message", "Both split jobs ran twice. <b>Thanks</b>!");
    let mut sent = Vec::new();
    for (index, name) in names.iter().take(10).enumerate() {
        let content = format!("content of upload {index}").into_bytes();
        sent.push((name.clone(), content.clone()));
        form = form.part("attachment", attachment(name, content));
    }
    let (status, ticket) = post_form(&portal, &dana, "/api/v1/tickets/1234/comments", form).await;
    assert_eq!(status, StatusCode::CREATED, "{ticket}");
    assert_eq!(
        ticket["status"], "open",
        "a reply to a ticket awaiting the customer"
    );
    let reply = ticket["comments"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(reply["text"], "Both split jobs ran twice. <b>Thanks</b>!");
    assert_eq!(reply["author"]["you"], true);
    let uploaded = reply["attachments"].as_array().unwrap();
    assert_eq!(uploaded.len(), 10);
    for ((name, content), attachment) in sent.iter().zip(uploaded) {
        assert_eq!(
            attachment["name"].as_str().unwrap(),
            name,
            "names arrive exactly"
        );
        let response = portal_api::get(
            portal.url(),
            &dana,
            &format!("/api/v1/tickets/1234/attachments/{}", attachment["id"]),
        )
        .await;
        assert_eq!(response.bytes().await.unwrap().as_ref(), content.as_slice());
    }
    assert_eq!(
        ticket["last_reply_id"], ticket["comments"][3]["id"],
        "her own reply is not unread for her"
    );

    let lee = token(&portal, "lee@example.com").await;
    let (status, ticket) = post_form(
        &portal,
        &lee,
        "/api/v1/tickets/1234/comments",
        Form::new().text("message", "Lee here: confirmed on our side."),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "a grant to the organization's tickets: {ticket}"
    );
    assert_eq!(ticket["requested_by_you"], false);

    let (status, problem) = post_form(
        &portal,
        &dana,
        "/api/v1/tickets/1234/comments",
        Form::new().text("message", "   "),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "message");

    let mut eleven = Form::new().text("message", "too many");
    for index in 0..11 {
        eleven = eleven.part(
            "attachment",
            attachment(&format!("f{index}.txt"), b"x".to_vec()),
        );
    }
    let files_before = stored_file_count(&portal);
    let (status, problem) =
        post_form(&portal, &dana, "/api/v1/tickets/1234/comments", eleven).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["code"], "too_many");
    assert_eq!(stored_file_count(&portal), files_before, "nothing stored");
}

#[tokio::test]
async fn replies_to_closed_or_foreign_tickets_are_refused_with_the_reason() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let priya = token(&portal, "priya@example.com").await;
    let comments = comment_count(&portal);
    let (status, problem) = post_form(
        &portal,
        &priya,
        "/api/v1/tickets/1234/comments",
        Form::new().text("message", "not mine"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{problem}");
    let (status, _) = post_form(
        &portal,
        &dana,
        "/api/v1/tickets/1239/comments",
        Form::new().text("message", "not mine either"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let response = test_support::loopback_client()
        .post(format!("{}/api/v1/tickets/1235/cancel", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {dana}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (status, problem) = post_form(
        &portal,
        &dana,
        "/api/v1/tickets/1235/comments",
        Form::new()
            .text("message", "after all")
            .part("attachment", attachment("late.txt", b"late".to_vec())),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(problem["code"], "ticket_closed");
    assert!(
        problem["detail"].as_str().unwrap().contains("cancelled"),
        "{problem}"
    );
    assert_eq!(comment_count(&portal), comments, "no comment was stored");

    let response = test_support::loopback_client()
        .post(format!("{}/api/v1/tickets/1234/comments", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {dana}"))
        .json(&serde_json::json!({"message": "json"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn an_attachment_over_50_mb_is_refused_and_leaves_nothing() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let comments = comment_count(&portal);
    let files = stored_file_count(&portal);
    let limit = ::portal_api::tickets::ATTACHMENT_MAX_BYTES;
    let form = Form::new()
        .text("message", "two files, the second too large")
        .part("attachment", attachment("small.txt", b"small".to_vec()))
        .part(
            "attachment",
            attachment("huge.bin", vec![7u8; limit as usize + 1]),
        );
    let (status, problem) = post_form(&portal, &dana, "/api/v1/tickets/1234/comments", form).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(problem["code"], "payload_too_large");
    assert_eq!(
        problem["detail"],
        "\u{201c}huge.bin\u{201d} is larger than 50 MB, the most one attachment may be."
    );
    assert_eq!(comment_count(&portal), comments);
    assert_eq!(
        stored_file_count(&portal),
        files,
        "the small file was removed again"
    );

    let exactly = Form::new().part(
        "attachment",
        attachment("exact.bin", vec![1u8; limit as usize]),
    );
    let (status, ticket) =
        post_form(&portal, &dana, "/api/v1/tickets/1234/comments", exactly).await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "exactly 50 MB is allowed: {ticket}"
    );
}

#[tokio::test]
async fn an_interrupted_upload_leaves_no_half_comment() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let comments = comment_count(&portal);
    let files = stored_file_count(&portal);
    let address = portal.url().trim_start_matches("http://").to_owned();
    let boundary = "XBOUNDARYX";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nhalf\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"one.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nfirst file, complete\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"two.bin\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend(std::iter::repeat_n(b'z', 200_000));
    let send = |body: Vec<u8>, declared: usize, complete: bool| {
        let address = address.clone();
        let token = dana.clone();
        tokio::task::spawn_blocking(move || {
            let mut stream = TcpStream::connect(&address).unwrap();
            write!(
                stream,
                "POST /api/v1/tickets/1234/comments HTTP/1.1\r\nHost: {address}\r\n\
                 Authorization: Bearer {token}\r\nConnection: close\r\n\
                 Content-Type: multipart/form-data; boundary={boundary}\r\n\
                 Content-Length: {declared}\r\n\r\n"
            )
            .unwrap();
            stream.write_all(&body).unwrap();
            stream.flush().unwrap();
            if !complete {
                // The body ends mid-file; the answer still comes back.
                stream.shutdown(std::net::Shutdown::Write).unwrap();
            }
            let mut answer = Vec::new();
            let _ = stream.read_to_end(&mut answer);
            String::from_utf8_lossy(&answer).into_owned()
        })
    };
    let answer = send(body.clone(), body.len() + 1_000_000, false)
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("interrupted"), "{answer}");
    assert_eq!(comment_count(&portal), comments, "no comment");
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM ticket_attachments WHERE name = 'one.txt'"),
        0
    );
    assert_eq!(
        stored_file_count(&portal),
        files,
        "no stored or temporary file left"
    );

    // The same request sent whole is a good one: the interruption was the
    // only thing wrong with it.
    let mut whole = body;
    whole.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let answer = send(whole.clone(), whole.len(), true).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert_eq!(comment_count(&portal), comments + 1);
}

#[tokio::test]
async fn only_the_requester_cancels_a_request_once() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let lee = token(&portal, "lee@example.com").await;
    let cancel = |token: String, number: i64| {
        let url = format!("{}/api/v1/tickets/{number}/cancel", portal.url());
        async move {
            let response = test_support::loopback_client()
                .post(url)
                .header(AUTHORIZATION, format!("Bearer {token}"))
                .send()
                .await
                .unwrap();
            let status = response.status();
            (status, response.json::<Value>().await.unwrap())
        }
    };
    let (_, before) = get_json(&portal, &dana, "/api/v1/tickets/1235").await;
    assert_eq!(before["can_cancel"], true);
    let (status, problem) = cancel(lee.clone(), 1235).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(problem["code"], "not_cancellable");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("Dana Whitfield")
    );
    let (status, problem) = cancel(dana.clone(), 1234).await;
    assert_eq!(status, StatusCode::CONFLICT, "a support ticket");
    assert_eq!(problem["code"], "not_cancellable");

    let (status, ticket) = cancel(dana.clone(), 1235).await;
    assert_eq!(status, StatusCode::OK, "{ticket}");
    assert_eq!(ticket["status"], "cancelled");
    assert_eq!(ticket["can_cancel"], false);
    let (status, problem) = cancel(dana.clone(), 1235).await;
    assert_eq!(status, StatusCode::CONFLICT, "twice");
    assert_eq!(problem["code"], "ticket_closed");
    assert_eq!(problem["detail"], "Request #1235 was cancelled already.");
}

#[tokio::test]
async fn cancelling_a_username_change_ends_the_pending_request() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let request = serde_json::json!({
        "new_email": "dana.whitfield@example.com",
        "reason": "Married",
        "current_password": PASSWORD,
    });
    let response = portal_api::post(
        portal.url(),
        Some(&dana),
        "/api/v1/me/username-change",
        request.clone(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let pending: Value = response.json().await.unwrap();
    let number = pending["ticket_id"].as_i64().unwrap();
    let (_, ticket) = get_json(&portal, &dana, &format!("/api/v1/tickets/{number}")).await;
    assert_eq!(ticket["kind"], "username_change");
    assert_eq!(ticket["comments"][0]["text"], "Married");
    assert_eq!(ticket["can_cancel"], true);
    let (_, me) = get_json(&portal, &dana, "/api/v1/me").await;
    assert_eq!(me["pending_username_change"]["ticket_id"], number);

    let response = test_support::loopback_client()
        .post(format!("{}/api/v1/tickets/{number}/cancel", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {dana}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (_, me) = get_json(&portal, &dana, "/api/v1/me").await;
    assert!(me["pending_username_change"].is_null(), "{me}");
    let output = portal_api::approve_username_change(portal.db_path(), number);
    assert!(
        !output.status.success(),
        "a cancelled request cannot be approved"
    );

    let response = portal_api::post(
        portal.url(),
        Some(&dana),
        "/api/v1/me/username-change",
        request,
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "a new request may follow"
    );
    let pending: Value = response.json().await.unwrap();
    let output = portal_api::approve_username_change(
        portal.db_path(),
        pending["ticket_id"].as_i64().unwrap(),
    );
    assert!(output.status.success(), "{output:?}");
    let (_, ticket) = get_json(
        &portal,
        &dana,
        &format!("/api/v1/tickets/{}", pending["ticket_id"]),
    )
    .await;
    assert_eq!(ticket["status"], "resolved");
    assert_eq!(ticket["comments"][1]["author"]["vendor"], true, "{ticket}");
    let response = test_support::loopback_client()
        .post(format!(
            "{}/api/v1/tickets/{}/cancel",
            portal.url(),
            pending["ticket_id"]
        ))
        .header(AUTHORIZATION, format!("Bearer {dana}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let problem: Value = response.json().await.unwrap();
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("completed already"),
        "{problem}"
    );
}

#[tokio::test]
async fn a_new_ticket_is_created_with_its_files() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let response = test_support::loopback_client()
        .post(format!("{}/api/v1/tickets", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {dana}"))
        .multipart(
            Form::new()
                .text("subject", "Printer driver for the new labels")
                .text("message", "Which driver do the new labels need?")
                .text("organization_id", "1")
                .part(
                    "attachment",
                    attachment("label sample.txt", b"LABEL".to_vec()),
                ),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()[LOCATION].to_str().unwrap().to_owned();
    let ticket: Value = response.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/tickets/{}", ticket["number"]));
    assert!(ticket["number"].as_i64().unwrap() > 1240);
    assert_eq!(ticket["status"], "open");
    assert_eq!(ticket["organization"]["name"], "Northwind Traders");
    assert_eq!(
        ticket["comments"][0]["attachments"][0]["name"],
        "label sample.txt"
    );

    let (status, problem) = post_form(
        &portal,
        &dana,
        "/api/v1/tickets",
        Form::new()
            .text("subject", "")
            .text("message", "x")
            .text("organization_id", "3"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "subject");
    let (status, problem) = post_form(
        &portal,
        &dana,
        "/api/v1/tickets",
        Form::new()
            .text("subject", "Fabrikam")
            .text("message", "x")
            .text("organization_id", "3"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "not a Fabrikam contact");
    assert_eq!(problem["code"], "forbidden");
    let (status, _) = post_form(
        &portal,
        &dana,
        "/api/v1/tickets",
        Form::new()
            .text("subject", "s")
            .text("message", "m")
            .text("priority", "urgent"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "an unknown field");
}

#[tokio::test]
async fn a_ticket_list_has_one_version_on_every_page_that_any_change_it_shows_moves() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let client = test_support::loopback_client();
    let get = |path: String, etag: Option<String>| {
        let mut request = client
            .get(format!("{}{path}", portal.url()))
            .header(AUTHORIZATION, format!("Bearer {dana}"));
        if let Some(etag) = etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        async move {
            let response = request.send().await.unwrap();
            let status = response.status();
            let etag = response.headers()[ETAG].to_str().unwrap().to_owned();
            let body = response.bytes().await.unwrap();
            let page: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
            (status, etag, page)
        }
    };
    let first = "/api/v1/tickets?limit=2".to_owned();
    let (_, version, page) = get(first.clone(), None).await;
    let mut cursor = page["next_cursor"].as_str().map(str::to_owned);
    let mut pages = 1;
    while let Some(next) = cursor {
        let (status, page_version, page) = get(format!("{first}&cursor={next}"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            page_version, version,
            "page {pages} carries the list's version"
        );
        cursor = page["next_cursor"].as_str().map(str::to_owned);
        pages += 1;
    }
    assert!(pages >= 3, "a list of several pages ({pages})");
    let (status, _, _) = get(first.clone(), Some(version.clone())).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);

    // Changes that leave the first page's tickets as they were move the
    // version too: the oldest ticket's subject, a requester's or an
    // organization's new name, and what the user may see.
    let changes = [
        "UPDATE tickets SET subject = subject || '.' WHERE id = (SELECT min(id) FROM tickets)",
        "UPDATE users SET last_name = last_name || 's' WHERE email = 'dana@example.com'",
        "UPDATE organizations SET name = name || ' Ltd'",
        "UPDATE roles SET grants = '[]'",
    ];
    let mut known = version;
    for change in changes {
        portal.execute(change);
        let (status, changed, _) = get(first.clone(), Some(known.clone())).await;
        assert_eq!(status, StatusCode::OK, "after {change}");
        assert_ne!(changed, known, "after {change}");
        let (status, _, _) = get(first.clone(), Some(changed.clone())).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "then unchanged again");
        known = changed;
    }
    let (status, _, _) = get(
        "/api/v1/tickets?limit=2&status=open".to_owned(),
        Some(known),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "another filter is another list");
}
