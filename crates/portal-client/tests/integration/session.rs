//! The client core against the reference portal over loopback: sign-in,
//! transparent refresh, conflicts, field errors, sign-out, and every way a
//! portal address can be wrong. The keyring is a private Secret Service.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use portal_client::http::{ApiRequest, Pause, PortalHttp};
use portal_client::{Core, Error, PortalUrl, ProfileUpdate, Secret};
use reqwest::Method;
use test_support::{BASIC_FIXTURES, CannedHttp, PASSWORD, TestPortal};

struct Fixture {
    core: Core,
    home: tempfile::TempDir,
}

fn core() -> Fixture {
    test_support::use_private_keyring();
    let home = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    Fixture { core, home }
}

impl Fixture {
    /// Ada's session on `portal`.
    async fn signed_in(&self, portal: &TestPortal) -> portal_client::Session {
        self.core
            .sign_in(portal.url(), "ada@example.com", password())
            .await
            .unwrap()
            .signed_in()
            .unwrap()
            .session
    }

    /// The error of signing in as Ada at `url`.
    async fn sign_in_error(&self, url: &str) -> Error {
        self.core
            .sign_in(url, "ada@example.com", password())
            .await
            .unwrap_err()
    }
}

fn password() -> Secret {
    Secret::new(PASSWORD)
}

#[tokio::test]
async fn sign_in_records_the_account_and_a_restored_session_works() {
    let fixture = core();
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let outcome = fixture
        .core
        .sign_in(portal.url(), "  ADA@example.com", password())
        .await
        .unwrap()
        .signed_in()
        .unwrap();
    assert!(
        outcome.keyring_problem.is_none(),
        "{:?}",
        outcome.keyring_problem
    );
    assert_eq!(outcome.profile.email, "ada@example.com");
    let account = outcome.session.account().clone();
    assert_eq!(
        account.email, "ada@example.com",
        "the portal's spelling is kept"
    );
    assert_eq!(account.display_name, "Ada Lovelace");
    assert_eq!(account.origin, portal.url());
    drop(outcome);

    let book = fixture.core.accounts().unwrap();
    assert_eq!(book.current(), Some(&account));
    let session = fixture.core.resume().await.unwrap();
    let (profile, etag) = session.profile().await.unwrap();
    assert_eq!(profile.first_name, "Ada");
    assert_eq!(session.cached_profile().unwrap().unwrap().etag, etag);
}

#[tokio::test]
async fn every_request_says_which_language_to_answer_in() {
    let fixture = core();
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .checking_contract()
        .start();
    let session = fixture.signed_in(&portal).await;
    session.profile().await.unwrap();
    let received = portal.received();
    assert!(received.len() >= 2, "{received:?}");
    for request in received {
        let language = request
            .headers
            .iter()
            .find(|(name, _)| name == "accept-language")
            .map(|(_, value)| value.as_str());
        assert_eq!(language, Some("en"), "{} {}", request.method, request.path);
    }
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_once_transparently() {
    let fixture = core();
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .checking_contract()
        .access_token_secs(60)
        .start();
    let session = fixture.signed_in(&portal).await;
    portal.clock().advance(time::Duration::seconds(61));
    let (profile, _) = session.profile().await.unwrap();
    assert_eq!(profile.email, "ada@example.com");
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM refresh_tokens WHERE used_at IS NOT NULL"),
        1
    );
    drop(session);

    let resumed = fixture.core.resume().await.unwrap();
    resumed
        .profile()
        .await
        .expect("the rotated refresh token was stored in the keyring");
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM token_families WHERE revoked_at IS NOT NULL"),
        0,
        "no refresh token was ever used twice"
    );
}

#[tokio::test]
async fn a_revoked_session_says_sign_in_again_and_keeps_local_data() {
    let fixture = core();
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    fixture
        .core
        .sign_in(portal.url(), "ada@example.com", password())
        .await
        .unwrap()
        .signed_in()
        .unwrap();
    portal.execute("UPDATE token_families SET revoked_at = 1; DELETE FROM access_tokens;");

    let session = fixture.core.resume().await.unwrap();
    let error = session.profile().await.unwrap_err();
    assert!(matches!(error, Error::SessionEnded(_)), "{error:?}");
    assert_eq!(error.code(), "session_ended");
    assert!(error.to_string().contains("Sign in again"), "{error}");

    let cached = session
        .cached_profile()
        .unwrap()
        .expect("the cached profile is kept");
    assert_eq!(cached.profile.first_name, "Ada");
    assert!(
        fixture.core.accounts().unwrap().current().is_some(),
        "the account is kept"
    );
    let again = fixture.core.resume().await.unwrap_err();
    assert_eq!(
        again.code(),
        "not_signed_in",
        "the dead token left the keyring"
    );
}

#[tokio::test]
async fn a_stale_edit_is_a_conflict_and_overwrites_nothing() {
    let fixture = core();
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let session = fixture.signed_in(&portal).await;
    let (_, old_etag) = session.profile().await.unwrap();
    let elsewhere = ProfileUpdate {
        mobile_phone: Some("+44 7700 900222".into()),
        ..Default::default()
    };
    let (_, current_etag) = session.update_profile(&elsewhere, &old_etag).await.unwrap();

    let mine = ProfileUpdate {
        mobile_phone: Some("+44 7700 900333".into()),
        ..Default::default()
    };
    let error = session.update_profile(&mine, &old_etag).await.unwrap_err();
    match &error {
        Error::Conflict {
            current_etag: named,
            ..
        } => {
            assert_eq!(named.as_deref(), Some(current_etag.as_str()))
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert!(error.to_string().contains("changed elsewhere"));
    let (profile, _) = session.profile().await.unwrap();
    assert_eq!(profile.mobile_phone.as_deref(), Some("+44 7700 900222"));
}

#[tokio::test]
async fn invalid_fields_come_back_per_field() {
    let fixture = core();
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    // The values break the document's rules, to see the portal's messages.
    portal.sends_off_contract_on_purpose("PATCH /api/v1/me: body");
    let session = fixture.signed_in(&portal).await;
    let (_, etag) = session.profile().await.unwrap();
    let update = ProfileUpdate {
        first_name: Some("A".repeat(5000)),
        job_title: Some("Chief\u{1b}[31m Officer".into()),
        ..Default::default()
    };
    let error = session.update_profile(&update, &etag).await.unwrap_err();
    assert_eq!(error.code(), "validation_failed");
    let fields = error.fields();
    assert_eq!(fields["first_name"], "Use at most 100 characters.");
    assert!(fields["job_title"].contains("control characters"));
    let payload = serde_json::to_value(error.payload()).unwrap();
    assert_eq!(
        payload["fields"]["first_name"],
        "Use at most 100 characters."
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_email_are_the_same_error() {
    let fixture = core();
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let wrong = fixture
        .core
        .sign_in(portal.url(), "ada@example.com", Secret::new("nope"))
        .await
        .unwrap_err();
    let unknown = fixture
        .core
        .sign_in(portal.url(), "nobody@example.com", Secret::new("nope"))
        .await
        .unwrap_err();
    assert_eq!(wrong.payload(), unknown.payload());
    assert_eq!(wrong.code(), "invalid_credentials");
    assert_eq!(
        wrong.fields()["password"],
        "The e-mail address or password is not correct."
    );
    assert!(
        fixture.core.accounts().unwrap().accounts.is_empty(),
        "no account is recorded"
    );
}

#[tokio::test]
async fn throttled_sign_in_reports_the_wait() {
    let fixture = core();
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .checking_contract()
        .throttle(test_support::ThrottleConfig {
            per_account: 2,
            per_address: 100,
            window: Duration::from_secs(300),
            ..Default::default()
        })
        .start();
    for _ in 0..2 {
        let error = fixture
            .core
            .sign_in(portal.url(), "ada@example.com", Secret::new("nope"))
            .await
            .unwrap_err();
        assert_eq!(error.code(), "invalid_credentials");
    }
    // A wait this long is the user's to take (the HTTP layer's test shows it
    // is not waited out): it comes back with the reason.
    let error = fixture.sign_in_error(portal.url()).await;
    match error {
        Error::RateLimited {
            retry_after,
            message,
        } => {
            assert!((290..=300).contains(&retry_after), "{retry_after}");
            assert!(message.contains("Try again in 5 minutes"), "{message}");
        }
        other => panic!("expected rate limiting, got {other:?}"),
    }
}

#[tokio::test]
async fn bad_portal_addresses_are_refused_before_connecting() {
    let fixture = core();
    for (input, code) in [
        ("", "invalid_portal_url"),
        ("not a url at all", "invalid_portal_url"),
        ("http://portal.example.com", "insecure_portal_url"),
        ("http://192.168.1.10:8080", "insecure_portal_url"),
    ] {
        let error = fixture.sign_in_error(input).await;
        assert_eq!(error.code(), code, "{input:?}");
        assert!(error.fields().contains_key("portal_url"));
    }
}

#[tokio::test]
async fn a_portal_that_is_not_running_cannot_be_reached() {
    let fixture = core();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let error = fixture.sign_in_error(&url).await;
    assert_eq!(error.code(), "portal_unreachable");
    assert_eq!(
        error.to_string(),
        format!("Cannot reach {url}: nothing is answering there (connection refused).")
    );
}

#[tokio::test]
async fn html_or_garbage_instead_of_json_is_not_a_portal() {
    let fixture = core();
    let page = CannedHttp::start(
        "200 OK",
        "text/html",
        "<html><body>Welcome!</body></html>",
        &[],
    );
    let error = fixture.sign_in_error(page.url()).await;
    assert_eq!(error.code(), "not_a_portal");
    assert!(
        error
            .to_string()
            .contains("a web page instead of the portal API"),
        "{error}"
    );

    let garbage = CannedHttp::start("200 OK", "application/json", "{\"token\": [1, 2", &[]);
    let error = fixture.sign_in_error(garbage.url()).await;
    assert_eq!(error.code(), "not_a_portal");

    let missing = CannedHttp::start("404 Not Found", "text/html", "<h1>Not Found</h1>", &[]);
    let error = fixture.sign_in_error(missing.url()).await;
    assert_eq!(error.code(), "not_a_portal");

    let broken = CannedHttp::start("502 Bad Gateway", "text/plain", "upstream down", &[]);
    let error = fixture.sign_in_error(broken.url()).await;
    assert_eq!(error.code(), "portal_error");
    assert!(error.to_string().contains("502"), "{error}");
}

#[tokio::test]
async fn authorization_never_follows_a_redirect_to_another_origin() {
    test_support::use_private_keyring();
    let elsewhere = CannedHttp::start("200 OK", "application/json", "{}", &[]);
    let redirecting = CannedHttp::start(
        "302 Found",
        "text/plain",
        "",
        &[format!("Location: {}/api/v1/me", elsewhere.url())],
    );
    let http = PortalHttp::new(PortalUrl::parse(redirecting.url()).unwrap()).unwrap();
    let token = Secret::new("access-token-that-must-not-leak");
    let mut request = ApiRequest::new(Method::GET, "/api/v1/me");
    request.bearer = Some(&token);
    let error = http.send(&request).await.unwrap_err();
    assert_eq!(error.code(), "not_a_portal");
    assert!(error.to_string().contains("another site"), "{error}");
    assert!(
        elsewhere.requests().is_empty(),
        "the other origin was never contacted"
    );
    let seen = redirecting.requests();
    assert_eq!(seen.len(), 1);
    assert!(
        seen[0]
            .to_ascii_lowercase()
            .contains("authorization: bearer")
    );
}

#[tokio::test]
async fn retry_after_is_honoured_when_short_and_reported_when_long() {
    test_support::use_private_keyring();
    let busy = CannedHttp::start(
        "503 Service Unavailable",
        "application/problem+json",
        r#"{"type":"urn:portal:problem:busy","title":"Busy","status":503,"detail":"Maintenance.","code":"busy"}"#,
        &["Retry-After: 1".to_owned()],
    );
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorded = waits.clone();
    let pause: Pause = Arc::new(move |wait| {
        recorded.lock().unwrap().push(wait);
        Box::pin(async {})
    });
    let http = PortalHttp::new(PortalUrl::parse(busy.url()).unwrap())
        .unwrap()
        .with_pause(pause.clone());
    let response = http
        .send(&ApiRequest::new(Method::GET, "/api/v1/me"))
        .await
        .unwrap();
    assert_eq!(
        *waits.lock().unwrap(),
        [Duration::from_secs(1), Duration::from_secs(1)],
        "waited out Retry-After twice"
    );
    assert_eq!(busy.requests().len(), 3, "one request and two retries");
    let error = http.error_from(response).await;
    assert_eq!(error.to_string(), "Maintenance.");

    let limited = CannedHttp::start(
        "429 Too Many Requests",
        "application/problem+json",
        r#"{"type":"urn:portal:problem:rate_limited","title":"Too many requests","status":429,"detail":"Slow down.","code":"rate_limited"}"#,
        &["Retry-After: 120".to_owned()],
    );
    let http = PortalHttp::new(PortalUrl::parse(limited.url()).unwrap())
        .unwrap()
        .with_pause(pause);
    waits.lock().unwrap().clear();
    let response = http
        .send(&ApiRequest::new(Method::GET, "/api/v1/me"))
        .await
        .unwrap();
    assert_eq!(
        limited.requests().len(),
        1,
        "a long wait is left to the user"
    );
    assert!(waits.lock().unwrap().is_empty(), "and not waited out");
    match http.error_from(response).await {
        Error::RateLimited { retry_after, .. } => assert_eq!(retry_after, 120),
        other => panic!("expected rate limiting, got {other:?}"),
    }
}

#[tokio::test]
async fn sign_out_revokes_on_the_portal_and_forgets_locally() {
    let fixture = core();
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let session = fixture.signed_in(&portal).await;
    let outcome = session.sign_out().await.unwrap();
    assert!(outcome.portal_notified);
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM token_families WHERE revoked_at IS NULL"),
        0
    );
    assert_eq!(
        fixture.core.resume().await.unwrap_err().code(),
        "not_signed_in"
    );
    assert!(fixture.home.path().join("config/accounts.json").exists());
}

#[tokio::test]
async fn sign_out_while_the_portal_is_down_still_forgets_locally() {
    let fixture = core();
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    fixture
        .core
        .sign_in(portal.url(), "ada@example.com", password())
        .await
        .unwrap()
        .signed_in()
        .unwrap();
    drop(portal);
    let session = fixture.core.resume().await.unwrap();
    let outcome = session.sign_out().await.unwrap();
    assert!(!outcome.portal_notified);
    assert!(outcome.note.unwrap().contains("could not be told"));
    assert_eq!(
        fixture.core.resume().await.unwrap_err().code(),
        "not_signed_in"
    );
}
