//! `pdesk documents` end to end: the real binary against a spawned portal,
//! listing, downloading by id and all at once, resuming after SIGKILL, and
//! a file-size limit hit mid-write.

use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use crate::support;

use support::{World, succeeded, text};
use test_support::{Fault, FaultProxy, names_in, sha256_hex};

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;
const BIG: u64 = 30 * 1024 * 1024;

#[test]
fn documents_are_listed_and_downloaded_by_id_and_all_at_once() {
    let world = World::new(DEMO);
    world.login(world.portal.url(), "dana@example.com", "demo-password");

    let listed = succeeded(&world.run(&["documents", "list"]));
    assert!(listed.contains("Q-2026-0117"), "{listed}");
    assert!(listed.contains("14820.00 GBP"), "{listed}");
    let quotes: serde_json::Value = serde_json::from_str(&succeeded(&world.run(&[
        "documents",
        "list",
        "--kind",
        "quote",
        "--json",
    ])))
    .unwrap();
    assert_eq!(quotes.as_array().unwrap().len(), 1);
    let quote_id = quotes[0]["id"].as_i64().unwrap().to_string();

    let northwind = portal_server::Db::open(world.portal.db_path(), world.portal.clock().clone())
        .unwrap()
        .run_blocking(|conn| {
            conn.query_row(
                "SELECT id FROM organizations WHERE name = 'Northwind Traders'",
                [],
                |row| row.get::<_, i64>(0),
            )
        })
        .unwrap()
        .to_string();
    let organization: serde_json::Value = serde_json::from_str(&succeeded(&world.run(&[
        "documents",
        "list",
        "--org",
        &northwind,
        "--json",
    ])))
    .unwrap();
    assert_eq!(organization.as_array().unwrap().len(), 105);

    let folder = tempfile::tempdir().unwrap();
    let to = folder.path().to_str().unwrap();
    let first = succeeded(&world.run(&["documents", "download", &quote_id, "--to", to]));
    let expected = folder.path().join("Quote Q-2026-0117.pdf");
    assert_eq!(
        first.trim(),
        format!("Q-2026-0117 -> {}", expected.display())
    );
    assert_eq!(sha256_hex(&expected), quotes[0]["sha256"].as_str().unwrap());
    let second = succeeded(&world.run(&["documents", "download", &quote_id, "--to", to]));
    assert!(
        second.contains("Quote Q-2026-0117 (1).pdf"),
        "never overwritten: {second}"
    );

    let all = tempfile::tempdir().unwrap();
    let printed = succeeded(&world.run(&[
        "documents",
        "download",
        "--all",
        "--org",
        &northwind,
        "--kind",
        "quote",
        "--year",
        "2025",
        "--to",
        all.path().to_str().unwrap(),
    ]));
    let saved = names_in(all.path());
    assert!(saved.len() >= 10, "{saved:?}");
    assert_eq!(printed.lines().count(), saved.len(), "{printed}");
    assert!(
        saved
            .iter()
            .all(|name| name.starts_with("Quote NW-Q-") && name.ends_with(".pdf"))
    );

    let unknown = world.run(&["documents", "download", "999999", "--to", to]);
    assert!(!unknown.status.success());
    assert!(
        text(&unknown.stderr).contains("no document 999999"),
        "{}",
        text(&unknown.stderr)
    );

    let lee = World::new(DEMO);
    lee.login(lee.portal.url(), "lee@example.com", "demo-password");
    let refused = lee.run(&["documents", "list", "--org", &northwind]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("None of your roles in this organization"),
        "{}",
        text(&refused.stderr)
    );
}

fn big_fixture() -> String {
    serde_json::json!({
        "users": [{ "email": "ada@example.com", "password": "correct horse battery staple",
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "documents": [{
            "number": "BIG-1", "kind": "invoice", "issued_on": "2026-01-01",
            "amount": "10.00", "currency": "EUR", "user": "ada@example.com",
            "file_name": "Big.bin", "media_type": "application/octet-stream",
            "generated_bytes": BIG
        }]
    })
    .to_string()
}

fn part_file(folder: &Path) -> Option<PathBuf> {
    std::fs::read_dir(folder)
        .ok()?
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "part"))
}

fn big_document(world: &World) -> serde_json::Value {
    let listed: serde_json::Value =
        serde_json::from_str(&succeeded(&world.run(&["documents", "list", "--json"]))).unwrap();
    listed[0].clone()
}

#[test]
fn a_download_killed_with_sigkill_resumes_on_the_next_run() {
    let world = World::new(&big_fixture());
    let proxy = FaultProxy::start(world.portal.url());
    world.login(
        proxy.url(),
        "ada@example.com",
        "correct horse battery staple",
    );
    let document = big_document(&world);
    let id = document["id"].as_i64().unwrap().to_string();
    let folder = tempfile::tempdir().unwrap();
    let to = folder.path().to_str().unwrap();

    proxy.add_faults([Fault::Slow(4 * 1024 * 1024)]);
    let mut child: Child = world
        .command(&["documents", "download", &id, "--to", to])
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let part = loop {
        if let Some(part) = part_file(folder.path())
            && std::fs::metadata(&part).unwrap().len() >= 3 * 1024 * 1024
        {
            break part;
        }
        assert!(Instant::now() < deadline, "the download never got going");
        assert!(child.try_wait().unwrap().is_none(), "pdesk ended early");
        std::thread::sleep(Duration::from_millis(20));
    };
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let kept = std::fs::metadata(&part).unwrap().len();
    assert!(kept > 0 && kept < BIG);

    let output = succeeded(&world.run(&["documents", "download", &id, "--to", to]));
    let saved = folder.path().join("Big.bin");
    assert_eq!(output.trim(), format!("BIG-1 -> {}", saved.display()));
    assert_eq!(sha256_hex(&saved), document["sha256"].as_str().unwrap());
    assert_eq!(
        names_in(folder.path()),
        ["Big.bin"],
        "no stray part or state file"
    );
    let seen = proxy.file_requests();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[1].range, Some(format!("bytes={kept}-")));
}

// Unix only: Windows has no per-process file-size limit; its "disk full"
// and "file too large" codes are put in words by the same `io_error`, whose
// unit tests check them.
#[cfg(unix)]
#[test]
fn a_file_size_limit_hit_mid_write_fails_clearly_and_publishes_nothing() {
    let world = World::new(&big_fixture());
    world.login(
        world.portal.url(),
        "ada@example.com",
        "correct horse battery staple",
    );
    let id = big_document(&world)["id"].as_i64().unwrap().to_string();
    let folder = tempfile::tempdir().unwrap();
    let mut command = world.command(&[
        "documents",
        "download",
        &id,
        "--to",
        folder.path().to_str().unwrap(),
    ]);
    support::limit_file_size(&mut command, 4 * 1024 * 1024);
    let output = command.output().unwrap();
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("larger than this file system or a limit allows"),
        "{stderr}"
    );
    assert_eq!(
        names_in(folder.path()),
        Vec::<String>::new(),
        "no partial file published or left"
    );
}
