//! Single sign-on through the client core: the portal's options, the
//! authorize page opened by a stand-in browser that signs in on its form,
//! the redirect to the core's loopback port, the code exchanged with its
//! verifier, and the session kept in a private Secret Service — against the
//! reference portal over loopback.

use portal_client::Core;
use test_support::sso_browser::{BrowserAction, visit};
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

fn sso_portal() -> TestPortal {
    TestPortal::builder(BASIC_FIXTURES)
        .checking_contract()
        .sso("Example SSO")
        .start()
}

/// A portal offering single sign-on, and a core in a fresh home with a
/// private keyring.
fn sso_world() -> (TestPortal, tempfile::TempDir, Core) {
    test_support::use_private_keyring();
    let home = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    (sso_portal(), home, core)
}

#[tokio::test]
async fn signing_in_in_the_browser_gives_a_session_kept_like_a_password_sign_in() {
    let (portal, home, core) = sso_world();
    let options = core.sign_in_options(portal.url()).await.unwrap();
    assert!(options.password && options.first_password);
    assert_eq!(options.sso.len(), 1);
    assert_eq!(options.sso[0].name, "Example SSO");

    let sso = core.start_sso(portal.url(), None).await.unwrap();
    assert_eq!(sso.provider_name(), "Example SSO");
    let address = sso.authorize_url().to_owned();
    assert!(
        address.starts_with(&format!("{}/oauth/authorize?", portal.url())),
        "{address}"
    );
    for field in [
        "code_challenge_method=S256",
        "client_id=portal-desk",
        "redirect_uri=http%3A%2F%2F127.0.0.1%3A",
    ] {
        assert!(address.contains(field), "{field} in {address}");
    }
    // A spare connection the browser opened and never used, and a stray
    // request with another state, hold nothing up.
    let back_to = url::Url::parse(&address)
        .unwrap()
        .query_pairs()
        .find(|(name, _)| name == "redirect_uri")
        .map(|(_, value)| url::Url::parse(&value).unwrap())
        .unwrap();
    let port = back_to.port().unwrap();
    let _idle = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let stray = async {
        let mut wrong = back_to.clone();
        wrong.set_query(Some("code=stolen&state=not-this-one"));
        let answer = reqwest::get(wrong).await.unwrap();
        assert_eq!(answer.status(), reqwest::StatusCode::NOT_FOUND);
    };
    let browser = async {
        stray.await;
        visit(
            &address,
            BrowserAction::SignIn {
                email: "ada@example.com",
                password: PASSWORD,
                code: None,
            },
        )
        .await
    };
    let (outcome, seen) = tokio::join!(core.finish_sso(sso), browser);
    assert!(seen.returned_to_app, "{seen:?}");
    assert!(seen.page.contains("You can close this tab"), "{seen:?}");
    let outcome = outcome.unwrap();
    assert_eq!(outcome.profile.email, "ada@example.com");
    assert!(outcome.keyring_problem.is_none(), "kept in the keyring");

    // The session comes back after a restart, without the browser.
    let again = Core::under(home.path());
    let resumed = again.resume().await.expect("kept in the keyring");
    assert_eq!(resumed.account().email, "ada@example.com");
    assert!(resumed.profile().await.is_ok(), "the refresh token works");
}

#[tokio::test]
async fn a_wrong_password_keeps_the_page_and_cancel_ends_the_wait_with_a_reason() {
    let (portal, _home, core) = sso_world();

    let sso = core.start_sso(portal.url(), None).await.unwrap();
    let address = sso.authorize_url().to_owned();
    let wrong = visit(
        &address,
        BrowserAction::SignIn {
            email: "ada@example.com",
            password: "not the password",
            code: None,
        },
    )
    .await;
    assert!(!wrong.returned_to_app);
    assert!(
        wrong
            .page
            .contains("The e-mail address or password is not correct.")
    );
    let cancel = visit(&address, BrowserAction::Cancel);
    let (outcome, seen) = tokio::join!(core.finish_sso(sso), cancel);
    assert!(
        seen.returned_to_app && seen.page.contains("Signing in did not finish"),
        "{seen:?}"
    );
    let error = outcome.unwrap_err();
    assert_eq!(error.code(), "sso_failed");
    assert_eq!(
        error.to_string(),
        "Signing in was cancelled in the browser."
    );
    assert!(core.resume().await.is_err(), "nobody is signed in");
}

#[tokio::test]
async fn a_portal_without_single_sign_on_says_so() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let home = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    let options = core.sign_in_options(portal.url()).await.unwrap();
    assert!(options.sso.is_empty());
    let error = core.start_sso(portal.url(), None).await.unwrap_err();
    assert_eq!(error.code(), "sso_failed");
    assert!(
        error.to_string().contains("does not offer single sign-on"),
        "{error}"
    );
}

#[tokio::test]
async fn two_step_sign_in_is_asked_on_the_portal_page_and_a_wrong_code_keeps_it() {
    let (portal, _home, core) = sso_world();
    // Ada turns on two-step sign-in with a password session.
    let session = core
        .sign_in(
            portal.url(),
            "ada@example.com",
            portal_client::Secret::new(PASSWORD),
        )
        .await
        .unwrap()
        .signed_in()
        .unwrap()
        .session;
    let setup = session.start_mfa_setup().await.unwrap();
    let secret = totp::base32_decode(setup.secret.expose()).unwrap();
    let step = totp::step_at(portal.clock().unix() as u64);
    session
        .enable_mfa(
            &totp::code_for_step(&secret, step),
            portal_client::Secret::new(PASSWORD),
        )
        .await
        .unwrap();

    let sso = core.start_sso(portal.url(), None).await.unwrap();
    let address = sso.authorize_url().to_owned();
    let wrong = visit(
        &address,
        BrowserAction::SignIn {
            email: "ada@example.com",
            password: PASSWORD,
            code: Some("000000".into()),
        },
    )
    .await;
    assert!(!wrong.returned_to_app, "{wrong:?}");
    assert_eq!(wrong.status, reqwest::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.page.contains("name=\"mfa_challenge\""),
        "the code page stays: {}",
        wrong.page
    );
    let right = visit(
        &address,
        BrowserAction::SignIn {
            email: "ada@example.com",
            password: PASSWORD,
            code: Some(totp::code_for_step(&secret, step + 1)),
        },
    );
    let (outcome, seen) = tokio::join!(core.finish_sso(sso), right);
    assert!(seen.returned_to_app, "{seen:?}");
    let outcome = outcome.unwrap();
    assert_eq!(outcome.profile.email, "ada@example.com");
}

#[tokio::test]
async fn a_browser_that_never_comes_back_ends_the_wait_after_ten_minutes() {
    let (portal, _home, core) = sso_world();
    let sso = core.start_sso(portal.url(), None).await.unwrap();
    // Nobody signs in; the clock, not the test, waits the ten minutes.
    tokio::time::pause();
    let started = tokio::time::Instant::now();
    let error = core.finish_sso(sso).await.unwrap_err();
    assert_eq!(error.code(), "sso_failed");
    assert_eq!(
        error.to_string(),
        "No sign-in came back from the browser within 10 minutes. Start it again."
    );
    let waited = started.elapsed();
    assert!(
        waited >= portal_client::sso::BROWSER_WAIT
            && waited < portal_client::sso::BROWSER_WAIT + std::time::Duration::from_secs(1),
        "it gave up at the limit, not before: {waited:?}"
    );
    assert!(
        core.resume().await.is_err(),
        "no session was kept: {:?}",
        core.accounts().unwrap().accounts
    );
}
