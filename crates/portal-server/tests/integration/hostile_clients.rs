//! Clients that push: bursts of wrong passwords and codes in parallel, a
//! flood of sign-ins for addresses nobody has. The limits hold under
//! concurrency, and the portal's memory stays bounded.

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{Value, json};
use test_support::portal_api;
use test_support::{BASIC_FIXTURES, LoadLimits, PASSWORD, TestPortal, ThrottleConfig};

async fn statuses_of(responses: Vec<reqwest::Response>) -> Vec<StatusCode> {
    responses.iter().map(reqwest::Response::status).collect()
}

fn count(statuses: &[StatusCode], wanted: StatusCode) -> usize {
    statuses.iter().filter(|status| **status == wanted).count()
}

/// Turns Ada's two-step sign-in on, moves the clock to the next code, and
/// signs in with her password: answers her secret and the challenge that
/// waits for a code.
async fn two_step_sign_in_started(portal: &TestPortal) -> (Vec<u8>, String) {
    let access = portal_api::access_token(portal.url(), "ada@example.com", PASSWORD).await;
    let setup: Value = portal_api::post(
        portal.url(),
        Some(&access),
        "/api/v1/me/mfa/setup",
        json!({}),
    )
    .await
    .json()
    .await
    .unwrap();
    let secret = totp::base32_decode(setup["secret"].as_str().unwrap()).unwrap();
    let enabled = portal_api::post(
        portal.url(),
        Some(&access),
        "/api/v1/me/mfa/enable",
        json!({
            "code": totp::code_at(&secret, portal.clock().unix() as u64),
            "current_password": PASSWORD
        }),
    )
    .await;
    assert_eq!(enabled.status(), StatusCode::OK);
    // The next step, so the enabling code cannot be replayed.
    portal.clock().advance(time::Duration::seconds(31));
    let asked: Value = portal_api::login(portal.url(), "ada@example.com", PASSWORD)
        .await
        .json()
        .await
        .unwrap();
    let challenge = asked["mfa_challenge"].as_str().unwrap().to_owned();
    (secret, challenge)
}

#[tokio::test]
async fn a_burst_of_wrong_passwords_gets_no_more_tries_than_the_limit() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let burst = (0..20).map(|n| {
        let url = portal.url().to_owned();
        async move { portal_api::login(&url, "ada@example.com", &format!("wrong {n}")).await }
    });
    let statuses = statuses_of(join_all(burst).await).await;
    assert!(
        count(&statuses, StatusCode::UNAUTHORIZED) <= 5,
        "at most five passwords were checked: {statuses:?}"
    );
    assert!(
        statuses.iter().all(|status| [
            StatusCode::UNAUTHORIZED,
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::SERVICE_UNAVAILABLE
        ]
        .contains(status)),
        "{statuses:?}"
    );
    let right = portal_api::login(portal.url(), "ada@example.com", PASSWORD).await;
    assert_eq!(
        right.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits now"
    );
}

#[tokio::test]
async fn a_burst_of_wrong_codes_ends_the_sign_in() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let (secret, challenge) = two_step_sign_in_started(&portal).await;
    let code = || totp::code_at(&secret, portal.clock().unix() as u64);
    let burst = (0..20).map(|n| {
        let url = portal.url().to_owned();
        let challenge = challenge.clone();
        async move {
            portal_api::post(
                &url,
                None,
                "/api/v1/auth/mfa",
                json!({ "challenge": challenge, "code": format!("{:06}", 100_000 + n) }),
            )
            .await
        }
    });
    let statuses = statuses_of(join_all(burst).await).await;
    assert!(
        count(&statuses, StatusCode::UNPROCESSABLE_ENTITY) <= 5,
        "at most five codes were checked: {statuses:?}"
    );
    let right = portal_api::post(
        portal.url(),
        None,
        "/api/v1/auth/mfa",
        json!({ "challenge": challenge, "code": code() }),
    )
    .await;
    assert_ne!(
        right.status(),
        StatusCode::OK,
        "the challenge died with its fifth wrong code, or the account waits"
    );
}

#[tokio::test]
async fn five_wrong_codes_end_the_challenge() {
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .throttle(ThrottleConfig {
            per_account: 100,
            per_address: 100,
            ..ThrottleConfig::default()
        })
        .start();
    let (secret, challenge) = two_step_sign_in_started(&portal).await;
    let code = || totp::code_at(&secret, portal.clock().unix() as u64);
    for n in 0..5 {
        let wrong = portal_api::post(
            portal.url(),
            None,
            "/api/v1/auth/mfa",
            json!({ "challenge": challenge, "code": format!("{:06}", 100_000 + n) }),
        )
        .await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let right = portal_api::post(
        portal.url(),
        None,
        "/api/v1/auth/mfa",
        json!({ "challenge": challenge, "code": code() }),
    )
    .await;
    assert_eq!(right.status(), StatusCode::UNAUTHORIZED, "sign in again");
    let body: Value = right.json().await.unwrap();
    assert_eq!(body["code"], "session_expired");
}

#[tokio::test]
async fn a_flood_of_unknown_addresses_keeps_hashing_and_memory_bounded() {
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .load_limits(LoadLimits {
            concurrent_hashes: 1,
            queued_hashes: 2,
            concurrent_requests: 512,
        })
        .throttle(ThrottleConfig {
            per_address: 1_000,
            max_tracked: 64,
            ..ThrottleConfig::default()
        })
        .start();
    let flood = (0..100).map(|n| {
        let url = portal.url().to_owned();
        async move { portal_api::login(&url, &format!("nobody{n}@example.com"), "guess").await }
    });
    let responses = join_all(flood).await;
    for response in &responses {
        let status = response.status();
        assert!(
            status == StatusCode::UNAUTHORIZED || status == StatusCode::SERVICE_UNAVAILABLE,
            "{status}"
        );
        if status == StatusCode::SERVICE_UNAVAILABLE {
            assert!(response.headers().contains_key("retry-after"));
        }
    }
    assert_eq!(portal.password_hash_peak(), 1, "one hash at a time");
    assert!(
        portal.throttle_tracked() <= 64,
        "{}",
        portal.throttle_tracked()
    );
}
