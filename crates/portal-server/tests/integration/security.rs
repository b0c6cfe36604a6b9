//! Two-step sign-in (TOTP and recovery codes) and the forgotten-password
//! reset, over real HTTP.

use reqwest::StatusCode;
use reqwest::header::AUTHORIZATION;
use serde_json::{Value, json};
use test_support::portal_api;
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

async fn post(
    portal: &TestPortal,
    token: Option<&str>,
    path: &str,
    body: Value,
) -> reqwest::Response {
    portal_api::post(portal.url(), token, path, body).await
}

async fn login(portal: &TestPortal, password: &str) -> (StatusCode, Value) {
    let response = portal_api::login(portal.url(), "ada@example.com", password).await;
    (response.status(), response.json().await.unwrap())
}

async fn second_step(portal: &TestPortal, challenge: &Value, code: &str) -> (StatusCode, Value) {
    let response = post(
        portal,
        None,
        "/api/v1/auth/mfa",
        json!({ "challenge": challenge, "code": code }),
    )
    .await;
    (response.status(), response.json().await.unwrap())
}

fn field_code(body: &Value) -> &str {
    body["errors"][0]["code"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn two_step_sign_in_takes_each_code_once() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (_, tokens) = login(&portal, PASSWORD).await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let token = Some(access.as_str());

    let early = post(
        &portal,
        token,
        "/api/v1/me/mfa/enable",
        json!({ "code": "123456", "current_password": PASSWORD }),
    )
    .await;
    assert_eq!(early.status(), StatusCode::CONFLICT, "no setup started yet");
    let setup: Value = post(&portal, token, "/api/v1/me/mfa/setup", json!({}))
        .await
        .json()
        .await
        .unwrap();
    let uri = setup["otpauth_uri"].as_str().unwrap();
    assert!(
        uri.starts_with("otpauth://totp/Customer%20Portal:ada@example.com?secret="),
        "{uri}"
    );
    let secret = totp::base32_decode(setup["secret"].as_str().unwrap()).unwrap();

    let wrong = post(
        &portal,
        token,
        "/api/v1/me/mfa/enable",
        json!({ "code": "000000", "current_password": PASSWORD }),
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let step = totp::step_at(portal.clock().unix() as u64);
    let first_code = totp::code_for_step(&secret, step);
    let enabled = post(
        &portal,
        token,
        "/api/v1/me/mfa/enable",
        json!({ "code": first_code, "current_password": PASSWORD }),
    )
    .await;
    assert_eq!(enabled.status(), StatusCode::OK);
    let recovery: Vec<String> = enabled.json::<Value>().await.unwrap()["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(recovery.len(), 10);
    let status: Value = test_support::loopback_client()
        .get(format!("{}/api/v1/me/mfa", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {access}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        status,
        json!({ "enabled": true, "recovery_codes_left": 10 })
    );

    let (status, wrong_password) = login(&portal, "not the password").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong_password["code"], "invalid_credentials",
        "no hint that MFA is on"
    );
    let (status, asked) = login(&portal, PASSWORD).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(asked["code"], "mfa_required");
    assert!(asked.get("access_token").is_none());
    let challenge = asked["mfa_challenge"].clone();

    let (status, body) = second_step(&portal, &challenge, "999999").await;
    assert_eq!(
        (status, field_code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "incorrect")
    );
    let expired = totp::code_for_step(&secret, step - 3);
    let (status, body) = second_step(&portal, &challenge, &expired).await;
    assert_eq!(
        (status, field_code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "incorrect")
    );
    let (status, body) = second_step(&portal, &challenge, &first_code).await;
    assert_eq!(
        (status, field_code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "already_used")
    );
    let next_code = totp::code_for_step(&secret, step + 1);
    let (status, signed_in) = second_step(&portal, &challenge, &next_code).await;
    assert_eq!(status, StatusCode::OK, "{signed_in}");
    assert!(signed_in["access_token"].is_string());
    let (status, body) = second_step(&portal, &challenge, &next_code).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("session_expired")),
        "a challenge works once"
    );

    let (_, asked) = login(&portal, PASSWORD).await;
    let (status, body) = second_step(&portal, &asked["mfa_challenge"], &next_code).await;
    assert_eq!(
        (status, field_code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "already_used")
    );
    let (status, _) = second_step(
        &portal,
        &asked["mfa_challenge"],
        &recovery[0].to_uppercase(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "recovery codes ignore case");
    let (_, asked) = login(&portal, PASSWORD).await;
    let (status, body) = second_step(&portal, &asked["mfa_challenge"], &recovery[0]).await;
    assert_eq!(
        (status, field_code(&body)),
        (StatusCode::UNPROCESSABLE_ENTITY, "already_used")
    );

    let disable = |password: &str, code: &str| {
        post(
            &portal,
            token,
            "/api/v1/me/mfa/disable",
            json!({ "current_password": password, "code": code }),
        )
    };
    let refused: Value = disable("not the password", &recovery[1])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(refused["errors"][0]["field"], "current_password");
    let refused: Value = disable(PASSWORD, "000000").await.json().await.unwrap();
    assert_eq!(field_code(&refused), "incorrect");
    assert_eq!(
        disable(PASSWORD, &recovery[1]).await.status(),
        StatusCode::NO_CONTENT
    );
    let (status, tokens) = login(&portal, PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert!(tokens["access_token"].is_string());
}

fn outbox(portal: &TestPortal) -> Vec<Value> {
    portal_api::outbox(portal.db_path())
}

async fn submit_reset(
    portal: &TestPortal,
    token: &str,
    password: &str,
    again: &str,
) -> (StatusCode, String) {
    let response = test_support::loopback_client()
        .post(format!("{}/reset-password", portal.url()))
        .form(&[
            ("token", token),
            ("password", password),
            ("password_again", again),
        ])
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_a_single_use_link() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (_, tokens) = login(&portal, PASSWORD).await;
    let old_session = tokens["access_token"].as_str().unwrap().to_owned();

    let ask = |email: &str| {
        post(
            &portal,
            None,
            "/api/v1/auth/password-reset",
            json!({ "email": email }),
        )
    };
    let unknown = ask("nobody@example.com").await;
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    let unknown: Value = unknown.json().await.unwrap();
    let known = test_support::loopback_client()
        .post(format!("{}/api/v1/auth/password-reset", portal.url()))
        .header(reqwest::header::HOST, "attacker.example")
        .json(&json!({ "email": "ada@example.com" }))
        .send()
        .await
        .unwrap();
    assert_eq!(known.status(), StatusCode::ACCEPTED);
    let known: Value = known.json().await.unwrap();
    assert_eq!(
        unknown, known,
        "the answer never says whether the address has an account"
    );

    let mail = outbox(&portal);
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0]["to"], "ada@example.com");
    let body = mail[0]["body"].as_str().unwrap();
    let link = body
        .split_whitespace()
        .find(|word| word.contains("/reset-password?token="))
        .unwrap();
    assert!(
        link.starts_with(&format!("{}/reset-password?token=", portal.url())),
        "the link points at the portal, never at the Host a request names: {link}"
    );
    let token = link.split("token=").nth(1).unwrap();

    let page = test_support::loopback_client()
        .get(link)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'")
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("ada@example.com") && html.contains("name=\"password_again\""));

    let (status, html) = submit_reset(
        &portal,
        token,
        "marmalade lighthouse 42",
        "marmalade lighthouse 24",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("not the same"));
    let (status, html) = submit_reset(&portal, token, "password1234", "password1234").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("most common passwords"));
    let (status, html) = submit_reset(
        &portal,
        token,
        "marmalade lighthouse 42",
        "marmalade lighthouse 42",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Password changed"));
    let (status, _) = submit_reset(
        &portal,
        token,
        "another good password",
        "another good password",
    )
    .await;
    assert_eq!(status, StatusCode::GONE, "the link works once");
    let (status, _) = submit_reset(
        &portal,
        "made-up-token",
        "another good password",
        "another good password",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "not the shape of a token");
    let (status, _) = submit_reset(
        &portal,
        &"A".repeat(43),
        "another good password",
        "another good password",
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a token the portal never gave"
    );

    let me = test_support::loopback_client()
        .get(format!("{}/api/v1/me", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {old_session}"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED, "every session ended");
    assert_eq!(login(&portal, PASSWORD).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        login(&portal, "marmalade lighthouse 42").await.0,
        StatusCode::OK
    );

    ask("ada@example.com").await;
    let mail = outbox(&portal);
    let link = mail[1]["body"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .find(|word| word.contains("token="))
        .unwrap()
        .to_owned();
    portal.clock().advance(time::Duration::hours(25));
    let expired = test_support::loopback_client()
        .get(&link)
        .send()
        .await
        .unwrap();
    assert_eq!(
        expired.status(),
        StatusCode::GONE,
        "an expired link is refused"
    );
}

#[tokio::test]
async fn reset_requests_are_throttled_and_only_the_newest_link_works() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let ask = |email: &'static str| {
        let url = portal.url().to_owned();
        async move {
            portal_api::post(
                &url,
                None,
                "/api/v1/auth/password-reset",
                json!({ "email": email }),
            )
            .await
            .status()
        }
    };
    for _ in 0..3 {
        assert_eq!(ask("ada@example.com").await, StatusCode::ACCEPTED);
    }
    assert_eq!(ask("ada@example.com").await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        ask("nobody@example.com").await,
        StatusCode::ACCEPTED,
        "another address is its own count"
    );
    for _ in 0..2 {
        ask("nobody@example.com").await;
    }
    assert_eq!(
        ask("nobody@example.com").await,
        StatusCode::TOO_MANY_REQUESTS,
        "an unknown address is throttled like a known one"
    );
    let links: Vec<String> = portal_api::outbox(portal.db_path())
        .iter()
        .filter(|mail| mail["to"] == "ada@example.com")
        .map(|mail| {
            mail["body"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .find(|word| word.contains("token="))
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(links.len(), 3, "three e-mails, not four");
    for old in &links[..2] {
        let status = test_support::loopback_client()
            .get(old)
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, StatusCode::NOT_FOUND, "an older link ended");
    }
    let newest = test_support::loopback_client()
        .get(&links[2])
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(newest, StatusCode::OK);
    // An hour later the address may ask again.
    portal.clock().advance(time::Duration::minutes(61));
    assert_eq!(ask("ada@example.com").await, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn turning_two_step_on_needs_the_password_and_stores_no_secret_in_the_clear() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (_, tokens) = login(&portal, PASSWORD).await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let token = Some(access.as_str());
    let setup: Value = post(&portal, token, "/api/v1/me/mfa/setup", json!({}))
        .await
        .json()
        .await
        .unwrap();
    let shown = setup["secret"].as_str().unwrap().to_owned();
    let secret = totp::base32_decode(&shown).unwrap();
    let code = totp::code_at(&secret, portal.clock().unix() as u64);
    let without = post(
        &portal,
        token,
        "/api/v1/me/mfa/enable",
        json!({ "code": code, "current_password": "not my password" }),
    )
    .await;
    assert_eq!(without.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = without.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "current_password");
    let status: Value = portal_api::get_json(portal.url(), &access, "/api/v1/me/mfa")
        .await
        .1;
    assert_eq!(
        status["enabled"], false,
        "a session alone cannot turn it on"
    );

    let enabled = post(
        &portal,
        token,
        "/api/v1/me/mfa/enable",
        json!({ "code": code, "current_password": PASSWORD }),
    )
    .await;
    assert_eq!(enabled.status(), StatusCode::OK);
    let recovery: Value = enabled.json().await.unwrap();
    let first_code = recovery["recovery_codes"][0]
        .as_str()
        .unwrap()
        .replace('-', "");

    // The database alone gives nothing away: the secret is sealed with the
    // key beside it, and recovery codes are keyed digests.
    let stored = portal.query_text("SELECT secret FROM user_mfa");
    assert!(
        stored.starts_with("s1:") && !stored.contains(&shown),
        "{stored}"
    );
    let bare = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(first_code.as_bytes()))
    };
    assert_eq!(
        portal.query_i64(&format!(
            "SELECT COUNT(*) FROM recovery_codes WHERE code_hash = '{bare}' OR code_hash NOT LIKE 'h1:%'"
        )),
        0
    );
    assert!(portal_server::server_key::key_path(portal.db_path()).is_file());

    // And the stored forms still work: a recovery code signs in.
    let (_, asked) = login(&portal, PASSWORD).await;
    let (status, _) = second_step(&portal, &asked["mfa_challenge"], &first_code).await;
    assert_eq!(status, StatusCode::OK);
}
