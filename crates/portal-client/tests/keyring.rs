//! The refresh token against a real Secret Service (GNOME Keyring on a
//! private D-Bus session): kept across a keyring restart, never on disk, and
//! no plaintext fallback when no keyring answers.
//!
//! One test function, because libdbus keeps one session bus per process:
//! the keyring daemon on it is restarted and stopped instead.
//!
//! On Windows the twin runs against the Credential Manager (Wine's, in CI):
//! kept across a new client core, never on disk, deleted at sign-out.

use portal_client::{Core, Secret, Vault};
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal, files_containing};

#[cfg(unix)]
fn use_bus(address: &str) {
    // SAFETY: this binary has a single test, which sets the variable before
    // anything reads the environment.
    unsafe { std::env::set_var("DBUS_SESSION_BUS_ADDRESS", address) };
}

#[cfg(unix)]
#[tokio::test]
async fn refresh_token_lives_in_the_secret_service_only() {
    use test_support::SecretService;

    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let keyring_home = tempfile::tempdir().unwrap();
    let app_home = tempfile::tempdir().unwrap();
    let core = Core::under(app_home.path());
    let vault = Vault::for_app();

    // Signed in with a keyring: the token is there and nowhere on disk.
    let mut keyring = SecretService::start(keyring_home.path());
    use_bus(keyring.address());
    let outcome = core
        .sign_in(portal.url(), "ada@example.com", Secret::new(PASSWORD))
        .await
        .unwrap()
        .signed_in()
        .unwrap();
    assert!(
        outcome.keyring_problem.is_none(),
        "{:?}",
        outcome.keyring_problem
    );
    assert!(outcome.session.is_kept_in_keyring());
    let entry = outcome.session.account().vault_entry();
    assert_eq!(entry, format!("ada@example.com|{}", portal.url()));
    drop(outcome);
    let token = vault
        .load(&entry)
        .await
        .unwrap()
        .expect("the refresh token is in the keyring");
    assert!(files_containing(app_home.path(), token.expose()).is_empty());
    assert!(files_containing(app_home.path(), PASSWORD).is_empty());

    // The keyring daemon restarts (log out, log in): the session is still
    // there, read back from the keyring's files.
    keyring.restart_keyring();
    let session = core
        .resume()
        .await
        .expect("the session survives a keyring restart");
    let (profile, _) = session.profile().await.unwrap();
    assert_eq!(profile.first_name, "Ada");
    let rotated = vault.load(&entry).await.unwrap().unwrap();
    assert_ne!(
        rotated, token,
        "the rotated refresh token replaced the old one"
    );
    assert!(files_containing(app_home.path(), rotated.expose()).is_empty());

    // Signing out deletes the entry.
    session.sign_out().await.unwrap();
    assert!(vault.load(&entry).await.unwrap().is_none());

    // A session bus without a Secret Service: told plainly, nothing on disk.
    keyring.stop_keyring();
    let outcome = core
        .sign_in(portal.url(), "bob@example.com", Secret::new(PASSWORD))
        .await
        .unwrap()
        .signed_in()
        .unwrap();
    let problem = outcome
        .keyring_problem
        .expect("the missing keyring is reported");
    assert_eq!(problem.code(), "keyring_unavailable");
    assert!(
        problem.to_string().contains("only until the app quits"),
        "{problem}"
    );
    assert!(!outcome.session.is_kept_in_keyring());
    let (profile, _) = outcome
        .session
        .profile()
        .await
        .expect("the session works in memory");
    assert_eq!(profile.first_name, "Bob");
    let error = core.resume().await.unwrap_err();
    assert_eq!(error.code(), "keyring_unavailable");
    assert!(files_containing(app_home.path(), PASSWORD).is_empty());
    let signed_out = outcome
        .session
        .sign_out()
        .await
        .expect("a session kept only in memory signs out without a keyring");
    assert!(signed_out.portal_notified);

    // No session bus at all: the same.
    drop(keyring);
    let error = core.resume().await.unwrap_err();
    assert_eq!(error.code(), "keyring_unavailable", "{error}");
}

#[cfg(windows)]
#[tokio::test]
async fn refresh_token_lives_in_the_credential_manager_only() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let app_home = tempfile::tempdir().unwrap();
    let vault = Vault::for_app();

    let outcome = Core::under(app_home.path())
        .sign_in(portal.url(), "ada@example.com", Secret::new(PASSWORD))
        .await
        .unwrap()
        .signed_in()
        .unwrap();
    assert!(
        outcome.keyring_problem.is_none(),
        "{:?}",
        outcome.keyring_problem
    );
    assert!(outcome.session.is_kept_in_keyring());
    let entry = outcome.session.account().vault_entry();
    drop(outcome);
    let token = vault
        .load(&entry)
        .await
        .unwrap()
        .expect("the refresh token is in the Credential Manager");
    assert!(files_containing(app_home.path(), token.expose()).is_empty());
    assert!(files_containing(app_home.path(), PASSWORD).is_empty());

    // A new core (as after a restart of the app) finds the session there.
    let session = Core::under(app_home.path())
        .resume()
        .await
        .expect("the session is read back from the Credential Manager");
    let (profile, _) = session.profile().await.unwrap();
    assert_eq!(profile.first_name, "Ada");
    let rotated = vault.load(&entry).await.unwrap().unwrap();
    assert_ne!(
        rotated, token,
        "the rotated refresh token replaced the old one"
    );
    assert!(files_containing(app_home.path(), rotated.expose()).is_empty());

    session.sign_out().await.unwrap();
    assert!(vault.load(&entry).await.unwrap().is_none());
}
