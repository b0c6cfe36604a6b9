//! Single sign-on (the portal as the OAuth authorization server of its own
//! users: authorization code with PKCE, loopback redirects), the ways of
//! signing in it offers, and first passwords, over real HTTP. A browser is
//! played by an HTTP client that does not follow redirects: each redirect
//! is read where the app's loopback listener would receive it.

use reqwest::StatusCode;
use reqwest::header::LOCATION;
use serde_json::{Value, json};
use test_support::portal_api;
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

const VERIFIER: &str = "a-verifier-of-at-least-forty-three-characters_0123456789";
const REDIRECT: &str = "http://127.0.0.1:53682/callback";

/// BASE64URL(SHA-256(verifier)), as the app computes it.
fn challenge_of(verifier: &str) -> String {
    portal_server::oauth::s256_challenge(verifier)
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn sso_portal() -> TestPortal {
    TestPortal::builder(BASIC_FIXTURES)
        .sso("Example SSO")
        .start()
}

/// The authorization request's fields, with `changes` over the good ones.
fn request(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("response_type", "code".to_owned()),
        ("client_id", "portal-desk".to_owned()),
        ("redirect_uri", REDIRECT.to_owned()),
        ("state", "state-42".to_owned()),
        ("code_challenge", challenge_of(VERIFIER)),
        ("code_challenge_method", "S256".to_owned()),
    ];
    for (name, value) in changes {
        fields.retain(|(field, _)| field != name);
        if !value.is_empty() {
            fields.push((name, (*value).to_owned()));
        }
    }
    fields
}

/// Posts the sign-in page's form: the request, then `answer`.
async fn submit(
    portal: &TestPortal,
    request: &[(&'static str, String)],
    answer: &[(&'static str, &str)],
) -> reqwest::Response {
    let mut form: Vec<(&str, String)> = request.to_vec();
    form.extend(
        answer
            .iter()
            .map(|(name, value)| (*name, (*value).to_owned())),
    );
    browser()
        .post(format!("{}/oauth/authorize", portal.url()))
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// The query of a 303 back to the app, as its loopback listener gets it.
fn back_at_app(response: &reqwest::Response) -> Vec<(String, String)> {
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[LOCATION].to_str().unwrap();
    assert!(location.starts_with(REDIRECT), "{location}");
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(field, _)| field == name)
        .map_or("", |(_, value)| value.as_str())
}

async fn exchange(
    portal: &TestPortal,
    code: &str,
    verifier: &str,
    redirect: &str,
) -> (StatusCode, Value) {
    let response = browser()
        .post(format!("{}/api/v1/auth/oauth/token", portal.url()))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect),
            ("client_id", "portal-desk"),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

/// Signs in on the page as Ada; the code the app receives.
async fn code_for_ada(portal: &TestPortal) -> String {
    let back = submit(
        portal,
        &request(&[]),
        &[("email", "ada@example.com"), ("password", PASSWORD)],
    )
    .await;
    let pairs = back_at_app(&back);
    assert_eq!(field(&pairs, "state"), "state-42");
    field(&pairs, "code").to_owned()
}

#[tokio::test]
async fn the_portal_says_how_one_signs_in() {
    let plain = TestPortal::with_fixtures(BASIC_FIXTURES);
    let response = browser()
        .get(format!("{}/api/v1/auth/options", plain.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let options: Value = response.json().await.unwrap();
    assert_eq!(
        options,
        json!({ "password": true, "first_password": true, "sso": [] })
    );

    let portal = sso_portal();
    let options: Value = browser()
        .get(format!("{}/api/v1/auth/options", portal.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        options["sso"],
        json!([{
            "id": "portal",
            "name": "Example SSO",
            "authorization_endpoint": format!("{}/oauth/authorize", portal.url()),
            "token_endpoint": format!("{}/api/v1/auth/oauth/token", portal.url()),
            "client_id": "portal-desk",
        }])
    );
}

#[tokio::test]
async fn a_browser_signs_in_on_the_page_and_the_code_is_exchanged_once_with_its_verifier() {
    let portal = sso_portal();
    let page = browser()
        .get(format!("{}/oauth/authorize", portal.url()))
        .query(&request(&[]))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(
        policy.contains("form-action 'self' http://127.0.0.1:*"),
        "{policy}"
    );
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Sign in to Portal Desk") && html.contains("port 53682"),
        "{html}"
    );

    // A wrong password: the page again, with the reason and the address.
    let wrong = submit(
        &portal,
        &request(&[]),
        &[
            ("email", "ada@example.com"),
            ("password", "not the password"),
        ],
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let html = wrong.text().await.unwrap();
    assert!(
        html.contains("The e-mail address or password is not correct."),
        "{html}"
    );
    assert!(html.contains("value=\"ada@example.com\""), "{html}");

    // A verifier that does not match uses the code up.
    let code = code_for_ada(&portal).await;
    let (status, error) = exchange(&portal, &code, &format!("{VERIFIER}x"), REDIRECT).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error["error"], "invalid_grant", "{error}");
    let (status, error) = exchange(&portal, &code, VERIFIER, REDIRECT).await;
    assert_eq!(
        (status, error["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );

    // The right verifier: the portal's own tokens.
    let code = code_for_ada(&portal).await;
    let (status, tokens) = exchange(&portal, &code, VERIFIER, REDIRECT).await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let (status, me) = portal_api::get_json(portal.url(), &access, "/api/v1/me").await;
    assert_eq!(
        (status, me["email"].as_str()),
        (StatusCode::OK, Some("ada@example.com"))
    );
    let refreshed = portal_api::post(
        portal.url(),
        None,
        "/api/v1/auth/refresh",
        json!({ "refresh_token": tokens["refresh_token"] }),
    )
    .await;
    assert_eq!(
        refreshed.status(),
        StatusCode::OK,
        "refreshed like any session"
    );
    let refreshed: Value = refreshed.json().await.unwrap();

    // The same code again: refused, and the session it gave ends.
    let (status, error) = exchange(&portal, &code, VERIFIER, REDIRECT).await;
    assert_eq!(
        (status, error["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    let after = portal_api::get(
        portal.url(),
        refreshed["access_token"].as_str().unwrap(),
        "/api/v1/me",
    )
    .await;
    assert_eq!(after.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_code_works_for_a_minute_for_its_own_redirect_and_cancel_goes_back() {
    let portal = sso_portal();
    let code = code_for_ada(&portal).await;
    let (status, error) = exchange(&portal, &code, VERIFIER, "http://127.0.0.1:1/callback").await;
    assert_eq!(
        (status, error["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );

    let code = code_for_ada(&portal).await;
    portal.clock().advance(time::Duration::seconds(61));
    let (status, error) = exchange(&portal, &code, VERIFIER, REDIRECT).await;
    assert_eq!(
        (status, error["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    assert!(
        error["error_description"]
            .as_str()
            .unwrap()
            .contains("expired"),
        "{error}"
    );

    let cancelled = submit(&portal, &request(&[]), &[("action", "cancel")]).await;
    let pairs = back_at_app(&cancelled);
    assert_eq!(field(&pairs, "error"), "access_denied");
    assert_eq!(field(&pairs, "state"), "state-42");
    assert_eq!(field(&pairs, "code"), "");
}

#[tokio::test]
async fn too_many_wrong_passwords_on_the_page_say_when_to_try_in_words_and_in_retry_after() {
    let portal = sso_portal();
    let wrong = [
        ("email", "ada@example.com"),
        ("password", "not the password"),
    ];
    for attempt in 1..=5 {
        let response = submit(&portal, &request(&[]), &wrong).await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
        assert!(response.headers().get("retry-after").is_none());
    }
    let held = submit(&portal, &request(&[]), &wrong).await;
    assert_eq!(held.status(), StatusCode::TOO_MANY_REQUESTS);
    let seconds: u64 = held.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    // At most the failures' window (15 minutes), less the moments the
    // attempts took on a slow machine.
    assert!((1..=15 * 60).contains(&seconds), "Retry-After: {seconds}");
    let html = held.text().await.unwrap();
    assert!(html.contains("Too many failed sign-in attempts."), "{html}");
    assert!(html.contains("name=\"password\""), "the form again: {html}");
}

#[tokio::test]
async fn requests_that_are_not_the_apps_are_refused_on_the_page_or_sent_back() {
    let portal = sso_portal();
    let get = |fields: Vec<(&'static str, String)>| {
        browser()
            .get(format!("{}/oauth/authorize", portal.url()))
            .query(&fields)
            .send()
    };
    // Never redirected: an unknown client, or a redirect off this computer.
    for changes in [
        vec![("client_id", "someone-else")],
        vec![("client_id", "")],
        vec![("redirect_uri", "http://example.com:8080/callback")],
        vec![("redirect_uri", "http://localhost:53682/callback")],
        vec![("redirect_uri", "https://127.0.0.1:53682/callback")],
        vec![("redirect_uri", "http://127.0.0.1/callback")],
        vec![("redirect_uri", "http://user@127.0.0.1:53682/callback")],
        vec![("redirect_uri", "")],
    ] {
        let response = get(request(&changes)).await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{changes:?}");
        assert!(response.headers().get(LOCATION).is_none(), "{changes:?}");
    }
    // Sent back to the app with the reason.
    for (changes, error) in [
        (
            vec![("response_type", "token")],
            "unsupported_response_type",
        ),
        (vec![("code_challenge", "")], "invalid_request"),
        (vec![("code_challenge_method", "plain")], "invalid_request"),
        (vec![("code_challenge", "too-short")], "invalid_request"),
    ] {
        let response = get(request(&changes)).await.unwrap();
        let pairs = back_at_app(&response);
        assert_eq!(field(&pairs, "error"), error, "{changes:?}");
        assert_eq!(field(&pairs, "state"), "state-42");
    }
    // The form is checked again when posted: its hidden fields are the
    // browser's to change.
    let posted = submit(
        &portal,
        &request(&[("redirect_uri", "http://example.com:1/")]),
        &[("email", "ada@example.com"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(posted.status(), StatusCode::BAD_REQUEST);

    // The token endpoint answers in RFC 6749's words.
    let token = |form: Vec<(&'static str, &'static str)>| {
        browser()
            .post(format!("{}/api/v1/auth/oauth/token", portal.url()))
            .form(&form)
            .send()
    };
    let cases = [
        (
            vec![("grant_type", "password")],
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
        ),
        (
            vec![("grant_type", "authorization_code"), ("client_id", "other")],
            StatusCode::UNAUTHORIZED,
            "invalid_client",
        ),
        (
            vec![
                ("grant_type", "authorization_code"),
                ("client_id", "portal-desk"),
                ("code", "x"),
            ],
            StatusCode::BAD_REQUEST,
            "invalid_request",
        ),
        (
            vec![
                ("grant_type", "authorization_code"),
                ("client_id", "portal-desk"),
                ("code", "never-issued"),
                ("redirect_uri", REDIRECT),
                ("code_verifier", VERIFIER),
            ],
            StatusCode::BAD_REQUEST,
            "invalid_grant",
        ),
    ];
    for (form, status, error) in cases {
        let response = token(form.clone()).await.unwrap();
        assert_eq!(response.status(), status, "{form:?}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"], error, "{form:?}");
    }
    let json_body = browser()
        .post(format!("{}/api/v1/auth/oauth/token", portal.url()))
        .json(&json!({ "grant_type": "authorization_code" }))
        .send()
        .await
        .unwrap();
    assert_eq!(json_body.status(), StatusCode::BAD_REQUEST);
    let body: Value = json_body.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
}

#[tokio::test]
async fn an_account_without_a_password_gets_a_first_one_by_e_mail() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    portal.execute("UPDATE users SET password_hash = '!' WHERE email = 'bob@example.com'");
    let ask = |email: &'static str| {
        portal_api::post(
            portal.url(),
            None,
            "/api/v1/auth/first-password",
            json!({ "email": email }),
        )
    };
    let mut answers = Vec::new();
    for email in ["nobody@example.com", "bob@example.com", "ada@example.com"] {
        let response = ask(email).await;
        assert_eq!(response.status(), StatusCode::ACCEPTED, "{email}");
        answers.push(response.json::<Value>().await.unwrap());
    }
    assert!(
        answers.windows(2).all(|pair| pair[0] == pair[1]),
        "the answer never says whether the address has an account or a password: {answers:?}"
    );
    let mail = portal_api::outbox(portal.db_path());
    let subjects: Vec<(&str, &str)> = mail
        .iter()
        .map(|m| (m["to"].as_str().unwrap(), m["subject"].as_str().unwrap()))
        .collect();
    assert_eq!(
        subjects,
        [
            ("bob@example.com", "Choose your password"),
            ("ada@example.com", "You already have a password"),
        ]
    );
    let link = portal_api::link_in_latest_mail(
        portal.db_path(),
        "bob@example.com",
        "Choose your password",
    );
    let token = link.split("token=").nth(1).unwrap();
    let chosen = browser()
        .post(format!("{}/reset-password", portal.url()))
        .form(&[
            ("token", token),
            ("password", "a first password of my own"),
            ("password_again", "a first password of my own"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(chosen.status(), StatusCode::OK);
    let signed_in = portal_api::login(
        portal.url(),
        "bob@example.com",
        "a first password of my own",
    )
    .await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let ada = portal_api::login(portal.url(), "ada@example.com", PASSWORD).await;
    assert_eq!(
        ada.status(),
        StatusCode::OK,
        "a password is never replaced by this"
    );
}
