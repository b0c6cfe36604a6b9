//! The portal API over real HTTP on 127.0.0.1: every endpoint, auth
//! failures, 428/412, throttling and token-family revocation.

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, ETAG, IF_MATCH, IF_NONE_MATCH, RETRY_AFTER};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

fn client() -> reqwest::Client {
    test_support::loopback_client()
}

async fn login(portal: &TestPortal, email: &str, password: &str) -> Response {
    client()
        .post(format!("{}/api/v1/auth/login", portal.url()))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

async fn tokens(portal: &TestPortal) -> (String, String) {
    let response = login(portal, "ada@example.com", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    (
        body["access_token"].as_str().unwrap().to_owned(),
        body["refresh_token"].as_str().unwrap().to_owned(),
    )
}

async fn get_me(portal: &TestPortal, access: &str) -> Response {
    client()
        .get(format!("{}/api/v1/me", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {access}"))
        .send()
        .await
        .unwrap()
}

async fn patch_me(
    portal: &TestPortal,
    access: &str,
    if_match: Option<&str>,
    body: Value,
) -> Response {
    let mut request = client()
        .patch(format!("{}/api/v1/me", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {access}"))
        .json(&body);
    if let Some(etag) = if_match {
        request = request.header(IF_MATCH, etag);
    }
    request.send().await.unwrap()
}

async fn refresh(portal: &TestPortal, refresh_token: &str) -> Response {
    client()
        .post(format!("{}/api/v1/auth/refresh", portal.url()))
        .json(&json!({ "refresh_token": refresh_token }))
        .send()
        .await
        .unwrap()
}

async fn problem(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "application/problem+json",
        "errors are problem documents"
    );
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn sign_in_then_read_the_profile_with_etag_and_304() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let response = login(&portal, "ADA@example.com ", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    let access = body["access_token"].as_str().unwrap();
    assert_ne!(access, body["refresh_token"].as_str().unwrap());

    let response = get_me(&portal, access).await;
    assert_eq!(response.status(), StatusCode::OK);
    let etag = response.headers()[ETAG].to_str().unwrap().to_owned();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "strong ETag: {etag}"
    );
    let me: Value = response.json().await.unwrap();
    assert_eq!(me["email"], "ada@example.com");
    assert_eq!(me["first_name"], "Ada");
    assert_eq!(me["mobile_phone"], "+44 7700 900001");
    assert_eq!(me["office_phone"], Value::Null);
    assert!(
        me["updated_at"].as_str().unwrap().ends_with('Z'),
        "UTC RFC 3339"
    );

    let cached = client()
        .get(format!("{}/api/v1/me", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {access}"))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(cached.status(), StatusCode::NOT_MODIFIED);
}

#[tokio::test]
async fn wrong_password_and_unknown_email_answer_exactly_alike() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let wrong = problem(login(&portal, "ada@example.com", "not the password").await).await;
    let unknown = problem(login(&portal, "nobody@example.com", "not the password").await).await;
    assert_eq!(wrong.0, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.1["code"], "invalid_credentials");
}

#[tokio::test]
async fn bad_sign_in_bodies_get_field_errors_or_400() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (status, body) = problem(login(&portal, "  ", "").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email", "password"]);

    let long = format!("{}@example.com", "a".repeat(300));
    let (status, body) = problem(login(&portal, &long, "x").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["code"], "too_long");

    let (status, body) = problem(login(&portal, "ada@example.com\u{7}", "x").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errors"][0]["code"], "invalid_characters");

    let url = format!("{}/api/v1/auth/login", portal.url());
    let not_json = client().post(&url).body("email=ada").send().await.unwrap();
    assert_eq!(
        problem(not_json).await.0,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let broken = client()
        .post(&url)
        .header(CONTENT_TYPE, "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(problem(broken).await.0, StatusCode::BAD_REQUEST);
    let huge = client()
        .post(&url)
        .header(CONTENT_TYPE, "application/json")
        .body(format!(
            "{{\"email\": \"{}\", \"password\": \"x\"}}",
            "a".repeat(100_000)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(problem(huge).await.0, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn protected_endpoints_need_a_live_access_token() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let anonymous = client()
        .get(format!("{}/api/v1/me", portal.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.headers()["www-authenticate"], "Bearer");
    let (status, body) = problem(anonymous).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthorized"))
    );
    assert_eq!(
        get_me(&portal, "made-up-token").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let (_, refresh_token) = tokens(&portal).await;
    assert_eq!(
        get_me(&portal, &refresh_token).await.status(),
        StatusCode::UNAUTHORIZED,
        "a refresh token is not an access token"
    );
    let (status, body) = problem(
        client()
            .get(format!("{}/api/v1/nothing-here", portal.url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
}

#[tokio::test]
async fn access_tokens_expire() {
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .access_token_secs(60)
        .start();
    let (access, refresh_token) = tokens(&portal).await;
    assert_eq!(get_me(&portal, &access).await.status(), StatusCode::OK);
    portal.clock().advance(time::Duration::seconds(61));
    assert_eq!(
        get_me(&portal, &access).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let fresh: Value = refresh(&portal, &refresh_token).await.json().await.unwrap();
    let access = fresh["access_token"].as_str().unwrap();
    assert_eq!(get_me(&portal, access).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn patch_needs_if_match_refuses_stale_versions_and_saves_fresh_ones() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (access, _) = tokens(&portal).await;
    let etag = get_me(&portal, &access).await.headers()[ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    let change = json!({ "mobile_phone": "+44 7700 900999", "job_title": "" });

    let (status, body) = problem(patch_me(&portal, &access, None, change.clone()).await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (
            StatusCode::PRECONDITION_REQUIRED,
            Some("precondition_required")
        )
    );
    for not_a_version in ["*", "W/\"profile-1-v1\""] {
        let (status, _) =
            problem(patch_me(&portal, &access, Some(not_a_version), change.clone()).await).await;
        assert_eq!(status, StatusCode::PRECONDITION_REQUIRED, "{not_a_version}");
    }

    let saved = patch_me(&portal, &access, Some(&etag), change.clone()).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let new_etag = saved.headers()[ETAG].to_str().unwrap().to_owned();
    assert_ne!(new_etag, etag);
    let me: Value = saved.json().await.unwrap();
    assert_eq!(me["mobile_phone"], "+44 7700 900999");
    assert_eq!(
        me["job_title"],
        Value::Null,
        "an empty string clears an optional field"
    );
    assert_eq!(me["first_name"], "Ada", "absent fields stay as they were");

    let stale = patch_me(
        &portal,
        &access,
        Some(&etag),
        json!({ "first_name": "Augusta" }),
    )
    .await;
    assert_eq!(
        stale.headers()[ETAG].to_str().unwrap(),
        new_etag,
        "412 names the current version"
    );
    let (status, body) = problem(stale).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::PRECONDITION_FAILED, Some("precondition_failed"))
    );
    let me: Value = get_me(&portal, &access).await.json().await.unwrap();
    assert_eq!(me["first_name"], "Ada", "a stale write changes nothing");

    let unchanged = patch_me(
        &portal,
        &access,
        Some(&new_etag),
        json!({ "first_name": " Ada " }),
    )
    .await;
    assert_eq!(
        unchanged.headers()[ETAG].to_str().unwrap(),
        new_etag,
        "no change, no new version"
    );
}

#[tokio::test]
async fn patch_reports_every_invalid_field_and_refuses_unknown_ones() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (access, _) = tokens(&portal).await;
    let etag = get_me(&portal, &access).await.headers()[ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    let bad = json!({
        "first_name": "x".repeat(101),
        "last_name": "Love\u{0}lace",
        "mobile_phone": "call me maybe",
        "company": "Acme\nCorp",
    });
    let (status, body) = problem(patch_me(&portal, &access, Some(&etag), bad).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors: Vec<(String, String)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().into(),
                e["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("first_name".to_string(), "too_long".to_string()),
            ("last_name".into(), "invalid_characters".into()),
            ("mobile_phone".into(), "invalid_characters".into()),
            ("company".into(), "invalid_characters".into()),
        ]
    );
    let (status, body) = problem(
        patch_me(
            &portal,
            &access,
            Some(&etag),
            json!({ "email": "evil@example.com" }),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("unknown field `email`")
    );
    let me: Value = get_me(&portal, &access).await.json().await.unwrap();
    assert_eq!(me["email"], "ada@example.com");
    assert_eq!(me["last_name"], "Lovelace");
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_token_revokes_the_whole_family() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (first_access, first_refresh) = tokens(&portal).await;
    let (_, other_session_refresh) = tokens(&portal).await;

    let rotated: Value = refresh(&portal, &first_refresh).await.json().await.unwrap();
    let second_access = rotated["access_token"].as_str().unwrap().to_owned();
    let second_refresh = rotated["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second_refresh, first_refresh);
    assert_eq!(
        get_me(&portal, &second_access).await.status(),
        StatusCode::OK
    );

    let (status, body) = problem(refresh(&portal, &first_refresh).await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("session_expired"))
    );
    assert!(body["detail"].as_str().unwrap().contains("used twice"));
    assert_eq!(
        refresh(&portal, &second_refresh).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_me(&portal, &second_access).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_me(&portal, &first_access).await.status(),
        StatusCode::UNAUTHORIZED
    );

    assert_eq!(
        refresh(&portal, &other_session_refresh).await.status(),
        StatusCode::OK,
        "other sign-ins of the same user are separate families"
    );
}

#[tokio::test]
async fn expired_refresh_tokens_are_refused() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (_, refresh_token) = tokens(&portal).await;
    portal.clock().advance(time::Duration::days(31));
    let (status, body) = problem(refresh(&portal, &refresh_token).await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("session_expired"))
    );
    assert!(body["detail"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn logout_revokes_the_session_and_is_idempotent() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (access, refresh_token) = tokens(&portal).await;
    let url = format!("{}/api/v1/auth/logout", portal.url());
    for _ in 0..2 {
        let response = client()
            .post(&url)
            .json(&json!({ "refresh_token": refresh_token }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }
    assert_eq!(
        get_me(&portal, &access).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let (_, body) = problem(refresh(&portal, &refresh_token).await).await;
    assert!(body["detail"].as_str().unwrap().contains("signed out"));
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM refresh_tokens WHERE token_hash LIKE '%' || 'x' || '%' AND length(token_hash) != 64"),
        0,
        "tokens are stored only as SHA-256 hashes"
    );
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_account_without_revealing_accounts() {
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .throttle(portal_server::ThrottleConfig {
            per_account: 3,
            per_address: 100,
            window: Duration::from_secs(600),
            ..Default::default()
        })
        .start();
    for email in ["ada@example.com", "ghost@example.com"] {
        for _ in 0..3 {
            assert_eq!(
                login(&portal, email, "wrong").await.status(),
                StatusCode::UNAUTHORIZED
            );
        }
    }
    let known = login(&portal, "ada@example.com", PASSWORD).await;
    let wait: u64 = known.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((590..=600).contains(&wait), "Retry-After {wait}");
    let (status, known) = problem(known).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let (_, unknown) = problem(login(&portal, "ghost@example.com", "wrong").await).await;
    // The test clock runs on between the two answers, so their waits may
    // differ by a second; everything else is the same.
    let without_wait = |mut problem: serde_json::Value| {
        let wait = problem["retry_after"].take().as_u64().unwrap();
        assert!((590..=600).contains(&wait), "retry_after {wait}");
        problem
    };
    assert_eq!(
        without_wait(known.clone()),
        without_wait(unknown),
        "a throttled unknown address looks like a known one"
    );
    assert_eq!(known["code"], "rate_limited");
    assert_eq!(
        login(&portal, "bob@example.com", PASSWORD).await.status(),
        StatusCode::OK,
        "other accounts are not affected"
    );
    portal.clock().advance(time::Duration::seconds(601));
    assert_eq!(
        login(&portal, "ada@example.com", PASSWORD).await.status(),
        StatusCode::OK,
        "the window passed"
    );
}

#[tokio::test]
async fn failed_sign_ins_are_throttled_per_client_address() {
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .throttle(portal_server::ThrottleConfig {
            per_account: 100,
            per_address: 4,
            window: Duration::from_secs(600),
            ..Default::default()
        })
        .start();
    for n in 0..4 {
        let email = format!("guess{n}@example.com");
        assert_eq!(
            login(&portal, &email, "wrong").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let response = login(&portal, "ada@example.com", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key(RETRY_AFTER));
}
