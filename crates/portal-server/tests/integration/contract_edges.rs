//! What the contract fuzzer found, kept as fast tests: every kind of bad
//! input is answered with a documented 4xx problem (or page), never plain
//! text, a 5xx or a silent success; and what the document allows, the
//! portal takes.

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, IF_MATCH};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use test_support::portal_api;
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

/// Sends `method path` as ada with `headers`, and a JSON `body` if any;
/// answers the status, the content type and the body.
async fn send(
    portal: &TestPortal,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> (StatusCode, String, String) {
    let token = portal_api::access_token(portal.url(), "ada@example.com", PASSWORD).await;
    let mut request = test_support::loopback_client()
        .request(method, format!("{}{path}", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if let Some(body) = body {
        request = request
            .header(CONTENT_TYPE, "application/json")
            .body(body.to_owned());
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.text().await.unwrap())
}

/// Asserts a problem document with `status` and `code`.
fn assert_problem(answer: &(StatusCode, String, String), status: StatusCode, code: &str) {
    let (got, content_type, body) = answer;
    assert_eq!(*got, status, "{body}");
    assert_eq!(content_type, "application/problem+json", "{body}");
    let problem: Value = serde_json::from_str(body).unwrap();
    assert_eq!(problem["code"], code, "{body}");
}

#[tokio::test]
async fn ids_and_parameters_out_of_range_are_problems() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    for path in [
        "/api/v1/documents/9223372036854775808/file",
        "/api/v1/tickets/9223372036854775808",
        "/api/v1/tickets/1/attachments/99999999999999999999",
        "/api/v1/organizations/9223372036854775808/contacts",
        "/api/v1/me/documents?year=10000",
        "/api/v1/me/documents?year=0",
        "/api/v1/me/documents?kind=receipt",
        "/api/v1/me/roles?limit=201",
        "/api/v1/me/roles?limit=0",
        "/api/v1/tickets?kind=complaint",
        "/api/v1/tickets?status=",
        "/api/v1/tickets?status=open,,resolved",
        "/api/v1/tickets?cursor=o-1",
    ] {
        let answer = send(&portal, Method::GET, path, &[], None).await;
        assert_problem(&answer, StatusCode::BAD_REQUEST, "invalid_request");
    }
    let long = format!("/api/v1/tickets?q={}", "a".repeat(200));
    assert_eq!(
        send(&portal, Method::GET, &long, &[], None).await.0,
        StatusCode::OK
    );
    let too_long = format!("/api/v1/tickets?q=%20{}", "a".repeat(200));
    let answer = send(&portal, Method::GET, &too_long, &[], None).await;
    assert_problem(&answer, StatusCode::BAD_REQUEST, "invalid_request");
}

#[tokio::test]
async fn writes_name_a_strong_version_and_take_only_json() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    for if_match in [None, Some(""), Some("*"), Some("W/\"1\""), Some("\"1\", *")] {
        let headers: Vec<(&str, &str)> = if_match
            .map(|tag| vec![("if-match", tag)])
            .unwrap_or_default();
        let answer = send(&portal, Method::PATCH, "/api/v1/me", &headers, Some("{}")).await;
        assert_problem(
            &answer,
            StatusCode::PRECONDITION_REQUIRED,
            "precondition_required",
        );
    }
    let answer = send(
        &portal,
        Method::PATCH,
        "/api/v1/me",
        &[("if-match", "\"not,current\"")],
        Some("{}"),
    )
    .await;
    assert_problem(
        &answer,
        StatusCode::PRECONDITION_FAILED,
        "precondition_failed",
    );
    let token = portal_api::access_token(portal.url(), "ada@example.com", PASSWORD).await;
    let no_body = test_support::loopback_client()
        .patch(format!("{}/api/v1/me", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .header(IF_MATCH, "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(no_body.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(no_body.headers()[CONTENT_TYPE], "application/problem+json");
}

#[tokio::test]
async fn text_fields_count_what_was_sent_and_refuse_controls() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (_, _, me) = send(&portal, Method::GET, "/api/v1/me", &[], None).await;
    let token = portal_api::access_token(portal.url(), "ada@example.com", PASSWORD).await;
    let etag = test_support::loopback_client()
        .get(format!("{}/api/v1/me", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await
        .unwrap()
        .headers()["etag"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(me.contains("ada@example.com"));
    for (body, field, code) in [
        (
            r#"{"job_title":"a\u0007b"}"#,
            "job_title",
            "invalid_characters",
        ),
        (r#"{"first_name":" \t "}"#, "first_name", "required"),
        (r#"{"mobile_phone":"12"}"#, "mobile_phone", "too_short"),
        (
            r#"{"mobile_phone":"12 ext"}"#,
            "mobile_phone",
            "invalid_characters",
        ),
    ] {
        let answer = send(
            &portal,
            Method::PATCH,
            "/api/v1/me",
            &[("if-match", &etag)],
            Some(body),
        )
        .await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        );
        let problem: Value = serde_json::from_str(&answer.2).unwrap();
        assert_eq!(problem["errors"][0]["field"], field, "{body}");
        assert_eq!(problem["errors"][0]["code"], code, "{body}");
    }
    // A limit counts the value as sent (as `maxLength` does); what is
    // stored is trimmed.
    let padded = |letters: usize| format!(r#"{{"last_name":" {} "}}"#, "L".repeat(letters));
    let answer = send(
        &portal,
        Method::PATCH,
        "/api/v1/me",
        &[("if-match", &etag)],
        Some(&padded(99)),
    )
    .await;
    assert_problem(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    );
    assert!(answer.2.contains("too_long"), "{}", answer.2);
    let answer = send(
        &portal,
        Method::PATCH,
        "/api/v1/me",
        &[("if-match", &etag)],
        Some(&padded(98)),
    )
    .await;
    assert_eq!(answer.0, StatusCode::OK, "{}", answer.2);
    assert!(
        answer
            .2
            .contains(&format!("\"last_name\":\"{}\"", "L".repeat(98)))
    );
}

#[tokio::test]
async fn link_pages_answer_pages_for_any_token_or_form() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let client = test_support::loopback_client();
    for (path, status) in [
        ("/reset-password", StatusCode::BAD_REQUEST),
        ("/reset-password?token=short", StatusCode::BAD_REQUEST),
        ("/invitations?token=&token=x", StatusCode::BAD_REQUEST),
        (
            &*format!("/invitations?token={}", "A".repeat(43)),
            StatusCode::NOT_FOUND,
        ),
        (
            &*format!("/reset-password?token={}", "A".repeat(43)),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let response = client
            .get(format!("{}{path}", portal.url()))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert!(
            response.headers()[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    }
    for (content_type, body, status) in [
        (None, "", StatusCode::UNSUPPORTED_MEDIA_TYPE),
        (
            Some("application/json"),
            "{}",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            Some("application/x-www-form-urlencoded"),
            "",
            StatusCode::BAD_REQUEST,
        ),
        (
            Some("application/x-www-form-urlencoded"),
            &*format!("token={}&answer=maybe", "A".repeat(43)),
            StatusCode::BAD_REQUEST,
        ),
        (
            Some("application/x-www-form-urlencoded"),
            &*format!("token={}&answer=accept", "A".repeat(43)),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let mut request = client
            .post(format!("{}/invitations", portal.url()))
            .body(body.to_owned());
        if let Some(content_type) = content_type {
            request = request.header(CONTENT_TYPE, content_type);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), status, "{content_type:?} {body}");
        assert!(
            response.headers()[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
    }
}
