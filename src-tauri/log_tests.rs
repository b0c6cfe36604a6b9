//! No secret reaches the log: a session that signs in, refreshes, sets up
//! two-step sign-in, signs in again with a code and fails a download, with
//! everything logged (`trace`, every crate's), then the log file is read
//! back and searched for each secret the session saw, and for anything
//! shaped like a token.

use portal_client::Vault;
use serde_json::json;
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

use crate::command_tests::{app, invoke};

/// The log says this last, so the test knows the file has everything.
const LAST_LINE: &str = "log-redaction test: done";

/// Runs of letters, digits, `-` and `_` at least this long look like tokens
/// (the portal's tokens are 43 characters of base64url).
const TOKEN_LIKE_CHARS: usize = 32;

#[test]
fn the_log_holds_no_secret_after_sign_in_refresh_two_step_and_a_failed_download() {
    let logs = tempfile::tempdir().unwrap();
    // Everything, but the HTML parser's trace of each article it cleans
    // (tests running beside this one show articles; their image addresses
    // are digests, which look like tokens; the app logs it at warn).
    crate::shell::logs::start_with_filter(
        logs.path(),
        tracing_subscriber::EnvFilter::new("trace,html5ever=info"),
    )
    .expect("logging starts");
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let app = app();
    let sign_in =
        json!({ "portal_url": portal.url(), "email": "ada@example.com", "password": PASSWORD });
    let session = invoke(&app, "sign_in", sign_in.clone()).unwrap();

    // The access token is lost on the portal: the next call refreshes.
    portal.execute("DELETE FROM access_tokens;");
    invoke(&app, "refresh_profile", json!({})).expect("refreshed and answered");

    let setup = invoke(&app, "start_mfa_setup", json!({})).unwrap();
    let typed_secret = setup["secret"].as_str().unwrap().to_owned();
    let secret = totp::base32_decode(&typed_secret).unwrap();
    let step = totp::step_at(portal.clock().unix() as u64);
    let setup_code = totp::code_for_step(&secret, step);
    let recovery = invoke(
        &app,
        "enable_mfa",
        json!({ "code": setup_code, "current_password": PASSWORD }),
    )
    .unwrap();
    let recovery: Vec<String> = recovery
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code.as_str().unwrap().to_owned())
        .collect();
    invoke(&app, "sign_out", json!({})).unwrap();
    assert_eq!(
        invoke(&app, "sign_in", sign_in).unwrap_err()["code"],
        "mfa_required"
    );
    invoke(&app, "sign_in_with_code", json!({ "code": recovery[0] })).unwrap();
    let failed = invoke(
        &app,
        "download_document",
        json!({ "document_id": 999, "organization_id": null, "to_chosen_folder": false,
                "download_id": "gone", "on_event": "__CHANNEL__:40" }),
    )
    .unwrap_err();
    assert_eq!(failed["code"], "download_failed");

    let entry = format!(
        "ada@example.com|{}",
        session["account"]["portal"].as_str().unwrap()
    );
    let refresh_token = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(Vault::for_app().load(&entry))
        .unwrap()
        .expect("the session's refresh token is in the keyring");
    tracing::info!("{LAST_LINE}");
    let log = read_log_until(logs.path(), LAST_LINE);

    assert!(log.contains("signed in"), "the log records the session");
    assert!(log.contains("session refreshed"), "and the refresh");
    assert!(
        log.contains("document download failed"),
        "and the failed download"
    );
    let mut secrets = vec![
        ("the password", PASSWORD.to_owned()),
        ("the two-step secret", typed_secret.replace(' ', "")),
        ("the setup code", setup_code),
        ("the refresh token", refresh_token.expose().to_owned()),
    ];
    secrets.extend(
        recovery
            .iter()
            .map(|code| ("a recovery code", code.clone())),
    );
    for (what, secret) in &secrets {
        assert!(!log.contains(secret.as_str()), "{what} is in the log");
    }
    let token_like: Vec<&str> = log
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|run| run.len() >= TOKEN_LIKE_CHARS)
        .collect();
    let lines: Vec<&str> = log
        .lines()
        .filter(|line| token_like.iter().any(|run| line.contains(run)))
        .collect();
    assert!(
        token_like.is_empty(),
        "token-like text in the log: {token_like:?}, in {lines:#?}"
    );
}

/// Every log file's text once `marker` has been written (the writer runs in
/// the background).
fn read_log_until(folder: &std::path::Path, marker: &str) -> String {
    for _ in 0..200 {
        let mut text = String::new();
        for entry in std::fs::read_dir(folder).unwrap().flatten() {
            text.push_str(&String::from_utf8_lossy(
                &std::fs::read(entry.path()).unwrap(),
            ));
        }
        if text.contains(marker) {
            return text;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the log never said {marker:?}");
}
