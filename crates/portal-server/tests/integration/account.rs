//! Password change, user-name change requests (with the vendor's approval
//! through the `portal-server admin` command) and the profile photo, over
//! real HTTP.

use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use serde_json::{Value, json};
use test_support::images::{encoded_image, png, png_claiming};
use test_support::portal_api::{self, field_codes};
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

async fn login(portal: &TestPortal, email: &str, password: &str) -> reqwest::Response {
    portal_api::login(portal.url(), email, password).await
}

async fn access_token(portal: &TestPortal, email: &str, password: &str) -> String {
    portal_api::access_token(portal.url(), email, password).await
}

async fn post(portal: &TestPortal, token: &str, path: &str, body: Value) -> reqwest::Response {
    portal_api::post(portal.url(), Some(token), path, body).await
}

async fn get(portal: &TestPortal, token: &str, path: &str) -> reqwest::Response {
    portal_api::get(portal.url(), token, path).await
}

fn pair(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), code.to_owned())]
}

#[tokio::test]
async fn a_password_change_checks_the_rules_and_signs_out_only_the_other_sessions() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let here = access_token(&portal, "ada@example.com", PASSWORD).await;
    let elsewhere = access_token(&portal, "ada@example.com", PASSWORD).await;
    let change =
        |current: &str, new: &str| json!({ "current_password": current, "new_password": new });

    for (body, expected) in [
        (
            change("wrong password here", "marmalade lighthouse 42"),
            pair("current_password", "incorrect"),
        ),
        (
            change(PASSWORD, "too short"),
            pair("new_password", "too_short"),
        ),
        (
            change(PASSWORD, "Ada@Example.com"),
            pair("new_password", "same_as_email"),
        ),
        (
            change(PASSWORD, "qwerty123456"),
            pair("new_password", "too_common"),
        ),
        (
            change(PASSWORD, PASSWORD),
            pair("new_password", "unchanged"),
        ),
    ] {
        let response = post(&portal, &here, "/api/v1/me/password", body).await;
        assert_eq!(field_codes(response).await, expected);
    }
    assert_eq!(
        get(&portal, &elsewhere, "/api/v1/me").await.status(),
        StatusCode::OK,
        "refused changes end no session"
    );

    let response = post(
        &portal,
        &here,
        "/api/v1/me/password",
        change(PASSWORD, "marmalade lighthouse 42"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        get(&portal, &here, "/api/v1/me").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        get(&portal, &elsewhere, "/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&portal, "ada@example.com", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    access_token(&portal, "ada@example.com", "marmalade lighthouse 42").await;
}

fn approve(portal: &TestPortal, ticket: i64) -> std::process::Output {
    portal_api::approve_username_change(portal.db_path(), ticket)
}

fn outbox(portal: &TestPortal) -> Vec<Value> {
    portal_api::outbox(portal.db_path())
}

#[tokio::test]
async fn a_user_name_change_waits_for_the_vendor_then_switches_the_name() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let token = access_token(&portal, "ada@example.com", PASSWORD).await;
    let request = |email: &str, password: &str, reason: &str| json!({ "new_email": email, "current_password": password, "reason": reason });
    let path = "/api/v1/me/username-change";
    for (body, expected) in [
        (
            request("not-an-address", PASSWORD, "New job"),
            pair("new_email", "invalid"),
        ),
        (
            request("ADA@example.com", PASSWORD, "New job"),
            pair("new_email", "unchanged"),
        ),
        (
            request("bob@example.com", PASSWORD, "New job"),
            pair("new_email", "taken"),
        ),
        (
            request("ada@new.example", "wrong password here", "New job"),
            pair("current_password", "incorrect"),
        ),
        (
            request("ada@new.example", PASSWORD, "  "),
            pair("reason", "required"),
        ),
    ] {
        assert_eq!(
            field_codes(post(&portal, &token, path, body).await).await,
            expected
        );
    }

    let response = post(
        &portal,
        &token,
        path,
        request("ada@new.example", PASSWORD, "Married"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let pending: Value = response.json().await.unwrap();
    let ticket = pending["ticket_id"].as_i64().unwrap();
    assert_eq!(pending["new_email"], "ada@new.example");
    assert_eq!(
        portal.query_i64(&format!(
            "SELECT COUNT(*) FROM tickets WHERE id = {ticket} AND kind = 'username_change' AND status = 'open'"
        )),
        1
    );
    let profile: Value = get(&portal, &token, "/api/v1/me")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile["email"], "ada@example.com");
    assert_eq!(profile["pending_username_change"]["ticket_id"], ticket);
    assert!(
        outbox(&portal).is_empty(),
        "nobody is e-mailed before approval"
    );

    let second = post(
        &portal,
        &token,
        path,
        request("ada@other.example", PASSWORD, "Oops"),
    )
    .await;
    assert_eq!(second.status(), StatusCode::CONFLICT);
    let problem: Value = second.json().await.unwrap();
    assert_eq!(problem["code"], "change_pending");
    assert_eq!(problem["ticket_id"], ticket);

    access_token(&portal, "ada@example.com", PASSWORD).await;
    let approved = approve(&portal, ticket);
    assert!(approved.status.success(), "{approved:?}");
    assert!(String::from_utf8_lossy(&approved.stdout).contains("ada@new.example"));
    let again = approve(&portal, ticket);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("approved already"));
    let unknown = approve(&portal, 9999);
    assert!(!unknown.status.success());

    let profile: Value = get(&portal, &token, "/api/v1/me")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        profile["email"], "ada@new.example",
        "the session stays signed in"
    );
    assert_eq!(profile["pending_username_change"], Value::Null);
    let mail = outbox(&portal);
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["to"], "ada@new.example");
    assert!(
        mail[0]["body"]
            .as_str()
            .unwrap()
            .contains(&format!("#{ticket}"))
    );
    assert_eq!(
        login(&portal, "ada@example.com", PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    access_token(&portal, "ada@new.example", PASSWORD).await;
}

async fn put_photo(portal: &TestPortal, token: &str, bytes: Vec<u8>) -> reqwest::Response {
    test_support::loopback_client()
        .put(format!("{}/api/v1/me/photo", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .header(CONTENT_TYPE, "image/png")
        .body(bytes)
        .send()
        .await
        .unwrap()
}

/// Starts a photo upload announcing `length` bytes, sends only the first
/// 64 KiB, and reads the answer: the portal must refuse by the announced
/// length without waiting for (or reading) the rest.
async fn upload_announcing(portal: &TestPortal, token: &str, length: usize) -> (String, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = portal.url().trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "PUT /api/v1/me/photo HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nContent-Type: image/png\r\nContent-Length: {length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut start = png(100, 100);
    start.resize(64 * 1024, 0);
    stream.write_all(&start).await.unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let read =
            tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut buffer))
                .await
                .expect("the portal answers before the body is complete")
                .unwrap_or(0);
        if read == 0 {
            break;
        }
        answer.extend_from_slice(&buffer[..read]);
        if String::from_utf8_lossy(&answer).contains("}") {
            break;
        }
    }
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.lines().next().unwrap_or_default().to_owned();
    (status, answer)
}

#[tokio::test]
async fn photos_are_checked_by_content_size_and_dimensions() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let token = access_token(&portal, "ada@example.com", PASSWORD).await;
    assert_eq!(
        get(&portal, &token, "/api/v1/me/photo").await.status(),
        StatusCode::NOT_FOUND
    );

    let text = put_photo(
        &portal,
        &token,
        b"just some notes, renamed to .png\n".to_vec(),
    )
    .await;
    assert_eq!(text.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        field_codes(put_photo(&portal, &token, png(40, 40)).await).await,
        pair("photo", "too_small")
    );
    assert_eq!(
        field_codes(put_photo(&portal, &token, png_claiming(50_000, 50_000)).await).await,
        pair("photo", "too_large")
    );
    let mut truncated = png(300, 300);
    truncated.truncate(truncated.len() / 2);
    assert_eq!(
        field_codes(put_photo(&portal, &token, truncated).await).await,
        pair("photo", "damaged")
    );
    let (status, problem) = upload_announcing(&portal, &token, 20 * 1024 * 1024).await;
    assert!(status.starts_with("HTTP/1.1 413"), "{status}");
    assert!(problem.contains("payload_too_large"), "{problem}");

    let jpeg = encoded_image(256, 256, image::ImageFormat::Jpeg);
    let stored = put_photo(&portal, &token, jpeg.clone()).await;
    assert_eq!(stored.status(), StatusCode::NO_CONTENT);
    let etag = stored.headers()[ETAG].to_str().unwrap().to_owned();
    let profile: Value = get(&portal, &token, "/api/v1/me")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile["photo_etag"], etag.as_str());

    let served = get(&portal, &token, "/api/v1/me/photo").await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(
        served.headers()[CONTENT_TYPE],
        "image/jpeg",
        "the type comes from the content"
    );
    assert_eq!(served.headers()[ETAG].to_str().unwrap(), etag);
    assert_eq!(served.bytes().await.unwrap().as_ref(), jpeg.as_slice());
    let cached = test_support::loopback_client()
        .get(format!("{}/api/v1/me/photo", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(cached.status(), StatusCode::NOT_MODIFIED);

    let removed = test_support::loopback_client()
        .delete(format!("{}/api/v1/me/photo", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        get(&portal, &token, "/api/v1/me/photo").await.status(),
        StatusCode::NOT_FOUND
    );
    let profile: Value = get(&portal, &token, "/api/v1/me")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(profile["photo_etag"], Value::Null);
}
