//! Raw HTTP calls to a reference portal for its own tests, and the vendor's
//! `portal-server admin` commands on its database.

use std::path::Path;
use std::process::Command;

use reqwest::header::AUTHORIZATION;
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

use crate::workspace_binary;

/// `POST /api/v1/auth/login` with e-mail and password.
pub async fn login(portal_url: &str, email: &str, password: &str) -> Response {
    crate::loopback_client()
        .post(format!("{portal_url}/api/v1/auth/login"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .expect("the portal answers")
}

/// Signs in and answers the access token; panics when sign-in fails.
pub async fn access_token(portal_url: &str, email: &str, password: &str) -> String {
    let response = login(portal_url, email, password).await;
    assert_eq!(response.status(), StatusCode::OK, "signing in as {email}");
    let body: Value = response.json().await.expect("a JSON answer");
    body["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned()
}

/// `GET path` with the access token.
pub async fn get(portal_url: &str, token: &str, path: &str) -> Response {
    crate::loopback_client()
        .get(format!("{portal_url}{path}"))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .send()
        .await
        .expect("the portal answers")
}

/// `GET path` with the access token: the status and the JSON answer.
pub async fn get_json(portal_url: &str, token: &str, path: &str) -> (StatusCode, Value) {
    let response = get(portal_url, token, path).await;
    let status = response.status();
    (status, response.json().await.expect("a JSON answer"))
}

/// `POST path` with a JSON body, and the access token when given.
pub async fn post(portal_url: &str, token: Option<&str>, path: &str, body: Value) -> Response {
    let mut request = crate::loopback_client()
        .post(format!("{portal_url}{path}"))
        .json(&body);
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    request.send().await.expect("the portal answers")
}

/// The `(field, code)` pairs of a 422 answer; panics on any other status.
pub async fn field_codes(response: Response) -> Vec<(String, String)> {
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.expect("a problem document");
    body["errors"]
        .as_array()
        .expect("field errors")
        .iter()
        .map(|error| {
            (
                error["field"].as_str().unwrap_or_default().to_owned(),
                error["code"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// Runs `portal-server admin approve-username-change TICKET --db DB`.
pub fn approve_username_change(db: &Path, ticket: i64) -> std::process::Output {
    Command::new(workspace_binary("portal-server"))
        .args([
            "admin",
            "approve-username-change",
            &ticket.to_string(),
            "--db",
        ])
        .arg(db)
        .output()
        .expect("run portal-server admin approve-username-change")
}

/// Runs `portal-server admin comment TICKET --text TEXT [--attach FILE]...
/// --db DB`: the vendor's team comments on a ticket.
pub fn vendor_comment(
    db: &Path,
    ticket: i64,
    text: &str,
    attach: &[&Path],
) -> std::process::Output {
    let mut command = Command::new(workspace_binary("portal-server"));
    command.args(["admin", "comment", &ticket.to_string(), "--text", text]);
    for path in attach {
        command.arg("--attach").arg(path);
    }
    command
        .arg("--db")
        .arg(db)
        .output()
        .expect("run portal-server admin comment")
}

/// The e-mail the portal at `db` has queued (`portal-server admin outbox`).
pub fn outbox(db: &Path) -> Vec<Value> {
    let output = Command::new(workspace_binary("portal-server"))
        .args(["admin", "outbox", "--db"])
        .arg(db)
        .output()
        .expect("run portal-server admin outbox");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON message a line"))
        .collect()
}

/// Runs `portal-server admin apply-contact-change TICKET --db DB`: the
/// vendor applies a contact change request.
pub fn apply_contact_change(db: &Path, ticket: i64) -> std::process::Output {
    Command::new(workspace_binary("portal-server"))
        .args(["admin", "apply-contact-change", &ticket.to_string(), "--db"])
        .arg(db)
        .output()
        .expect("run portal-server admin apply-contact-change")
}

/// The one-use link in the latest outbox message to `to` whose subject
/// contains `subject`.
pub fn link_in_latest_mail(db: &Path, to: &str, subject: &str) -> String {
    let message = outbox(db)
        .into_iter()
        .rev()
        .find(|message| {
            message["to"] == to
                && message["subject"]
                    .as_str()
                    .unwrap_or_default()
                    .contains(subject)
        })
        .unwrap_or_else(|| panic!("no e-mail to {to} about {subject:?}"));
    message["body"]
        .as_str()
        .unwrap_or_default()
        .split_whitespace()
        .find(|word| word.starts_with("http"))
        .unwrap_or_else(|| panic!("no link in {message}"))
        .to_owned()
}

/// The vendor publishes `bytes` at `path` in the Partner Kit of the portal
/// at `db` (a new file, or the next version of the one there); answers
/// the file's id.
pub fn publish_kit_file(db: &Path, path: &str, bytes: &[u8]) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open the portal database");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("busy timeout");
    let files = portal_server::files::FileStore::beside(db);
    let at = crate::TEST_CLOCK_START.unix_timestamp();
    portal_server::partner_kit::put_kit_file(
        &conn,
        &files,
        path,
        "application/octet-stream",
        bytes,
        at,
    )
    .expect("publish a kit file")
}

/// The vendor takes the file at `path` out of the Partner Kit.
pub fn remove_kit_file(db: &Path, path: &str) {
    let conn = rusqlite::Connection::open(db).expect("open the portal database");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .expect("busy timeout");
    assert!(
        portal_server::partner_kit::remove_kit_file(&conn, path).expect("remove a kit file"),
        "{path} is not in the kit"
    );
}
