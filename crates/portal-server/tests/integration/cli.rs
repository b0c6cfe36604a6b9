//! The `portal-server` executable: its start-up line, seeding, restarts and
//! failures.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::json;

fn portal_server() -> Command {
    Command::new(env!("CARGO_BIN_EXE_portal-server"))
}

/// Starts the server and answers the child and the URL it printed.
fn start(db: &std::path::Path, seed: &str) -> (std::process::Child, String) {
    let mut child = portal_server()
        .arg("--db")
        .arg(db)
        .args(["--listen", "127.0.0.1:0", "--seed", seed])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected line {line:?}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"));
    (child, url)
}

fn sign_in(url: &str, email: &str) -> reqwest::StatusCode {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        test_support::loopback_client()
            .post(format!("{url}/api/v1/auth/login"))
            .json(&json!({ "email": email, "password": "demo-password" }))
            .send()
            .await
            .unwrap()
            .status()
    })
}

#[test]
fn demo_seed_serves_the_demo_users_and_survives_a_restart() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("demo.db");
    let (mut child, url) = start(&db, "demo");
    assert_eq!(sign_in(&url, "dana@example.com"), reqwest::StatusCode::OK);
    assert_eq!(sign_in(&url, "lee@example.com"), reqwest::StatusCode::OK);
    child.kill().unwrap();
    child.wait().unwrap();

    let (mut child, url) = start(&db, "demo");
    assert_eq!(sign_in(&url, "dana@example.com"), reqwest::StatusCode::OK);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        user_count(&db),
        8,
        "the seed is applied once, not again on restart"
    );
}

fn user_count(db: &std::path::Path) -> i64 {
    let db = portal_server::Db::open(
        db,
        portal_server::Clock::starting_at(test_support::TEST_CLOCK_START),
    )
    .unwrap();
    db.run_blocking(|conn| {
        conn.query_row("SELECT COUNT(*) FROM users", [], |row| row.get(0))
            .unwrap()
    })
}

#[test]
fn a_bad_fixture_file_is_refused_with_its_reason() {
    let folder = tempfile::tempdir().unwrap();
    let fixtures = folder.path().join("bad.json");
    std::fs::write(&fixtures, r#"{"users": [{"email": "a@example.com"}]}"#).unwrap();
    let output = portal_server()
        .arg("--db")
        .arg(folder.path().join("x.db"))
        .args(["--listen", "127.0.0.1:0", "--seed"])
        .arg(&fixtures)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("fixture file is not valid"), "{stderr}");
    assert!(stderr.contains("missing field `password`"), "{stderr}");
    assert!(
        output.stdout.is_empty(),
        "no listening line when it does not listen"
    );

    let missing = portal_server()
        .arg("--db")
        .arg(folder.path().join("y.db"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--seed",
            "/nonexistent/fixtures.json",
        ])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read the fixture file"));
}

#[test]
fn a_busy_port_is_reported() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let folder = tempfile::tempdir().unwrap();
    let output = portal_server()
        .arg("--db")
        .arg(folder.path().join("z.db"))
        .args(["--listen", &address])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains(&format!("cannot listen on {address}"))
    );
}

#[test]
fn openapi_subcommand_prints_the_document() {
    let output = portal_server().arg("openapi").output().unwrap();
    assert!(output.status.success());
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["info"]["title"], "Portal Desk portal API");
}
