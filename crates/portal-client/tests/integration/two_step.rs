//! Two-step sign-in and the password-reset request through the client core,
//! against the reference portal over loopback with a private Secret Service.

use portal_client::{Core, Secret, SignInStep};
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

#[tokio::test]
async fn a_sign_in_with_two_steps_waits_for_the_code_and_survives_a_wrong_one() {
    test_support::use_private_keyring();
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let home = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    let session = core
        .sign_in(portal.url(), "ada@example.com", Secret::new(PASSWORD))
        .await
        .unwrap()
        .signed_in()
        .unwrap()
        .session;
    assert!(!session.mfa_status().await.unwrap().enabled);
    let setup = session.start_mfa_setup().await.unwrap();
    let secret = totp::base32_decode(setup.secret.expose()).unwrap();
    let step = totp::step_at(portal.clock().unix() as u64);
    let wrong = session
        .enable_mfa("000000", Secret::new(PASSWORD))
        .await
        .unwrap_err();
    assert!(wrong.fields().contains_key("code"), "{wrong:?}");
    let recovery = session
        .enable_mfa(&totp::code_for_step(&secret, step), Secret::new(PASSWORD))
        .await
        .unwrap();
    assert_eq!(recovery.len(), 10);
    assert_eq!(session.mfa_status().await.unwrap().recovery_codes_left, 10);

    let other_home = tempfile::tempdir().unwrap();
    let other = Core::under(other_home.path());
    let pending = match other
        .sign_in(portal.url(), "ada@example.com", Secret::new(PASSWORD))
        .await
    {
        Ok(SignInStep::NeedsCode(pending)) => pending,
        other => panic!("expected mfa_required, got {other:?}"),
    };
    assert!(!format!("{pending:?}").contains(&setup.secret.expose()[..8]));
    let error = other.finish_sign_in(&pending, "111111").await.unwrap_err();
    assert_eq!(error.code(), "validation_failed");
    assert!(error.fields().contains_key("code"));
    let outcome = other
        .finish_sign_in(&pending, &totp::code_for_step(&secret, step + 1))
        .await
        .expect("the same pending sign-in takes a right code after a wrong one");
    assert_eq!(outcome.profile.email, "ada@example.com");
    assert!(
        other.resume().await.is_ok(),
        "the session is kept in the keyring"
    );

    session
        .disable_mfa(&Secret::new(PASSWORD), recovery[0].expose())
        .await
        .unwrap();
    assert!(!session.mfa_status().await.unwrap().enabled);
}

#[tokio::test]
async fn a_reset_request_answers_the_same_for_any_address() {
    test_support::use_private_keyring();
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let home = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    let known = core
        .request_password_reset(portal.url(), "ada@example.com")
        .await
        .unwrap();
    let unknown = core
        .request_password_reset(portal.url(), "nobody@example.com")
        .await
        .unwrap();
    assert_eq!(known, unknown);
    assert!(known.contains("If an account uses that address"));
    let empty = core
        .request_password_reset(portal.url(), " ")
        .await
        .unwrap_err();
    assert!(empty.fields().contains_key("email"));
    assert_eq!(portal.query_i64("SELECT COUNT(*) FROM outbox"), 1);
}
