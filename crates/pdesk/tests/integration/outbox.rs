//! `pdesk outbox` and `--queue` end to end: the real binary against a
//! portal process that is stopped and started again.

use crate::support;

use support::{World, succeeded, text};

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;

#[test]
fn changes_queued_while_the_portal_is_down_are_listed_sent_once_and_dropped() {
    let mut world = World::new(DEMO);
    world.login(world.portal.url(), "dana@example.com", "demo-password");
    // What the changes are made on is known here before the portal goes.
    succeeded(&world.run(&["profile", "show"]));
    succeeded(&world.run(&["settings", "show"]));
    let files = tempfile::tempdir().unwrap();
    let log = files.path().join("tonight.log");
    std::fs::write(&log, "export finished at 02:14").unwrap();
    let log = log.to_string_lossy().into_owned();

    world.portal.stop();
    // Without --queue a change fails, and says why.
    let refused = world.run(&["profile", "set", "--mobile-phone", "+44 7700 900123"]);
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("reach"),
        "{}",
        text(&refused.stderr)
    );
    for args in [
        vec![
            "--queue",
            "profile",
            "set",
            "--mobile-phone",
            "+44 7700 900456",
        ],
        vec!["--queue", "settings", "set", "--digest-frequency", "weekly"],
        vec![
            "--queue",
            "tickets",
            "reply",
            "1234",
            "--message",
            "Tonight's log.",
            "--attach",
            &log,
        ],
        vec![
            "--queue",
            "tickets",
            "create",
            "--subject",
            "Toner is out",
            "--message",
            "Again.",
        ],
    ] {
        let queued = succeeded(&world.run(&args));
        assert!(queued.starts_with("Queued as #"), "{queued}");
        assert!(queued.contains("pdesk outbox send"), "{queued}");
    }
    // A user-name request: its password goes to the keyring, not the store.
    let requested = succeeded(&world.run_with_input(
        &[
            "--queue",
            "username",
            "request",
            "--new-email",
            "dana.w@example.com",
            "--reason",
            "New address",
        ],
        "demo-password\n",
    ));
    assert!(
        requested.starts_with("Queued as #5: Change the user name to dana.w@example.com."),
        "{requested}"
    );
    assert!(test_support::files_containing(world.home.path(), "demo-password").is_empty());
    let listed = succeeded(&world.run(&["outbox"]));
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(
        lines,
        [
            "#1  Changes to My Details  (waiting)",
            "#2  Changes to Settings  (waiting)",
            "#3  Reply to ticket #1234  (waiting)",
            "    with tonight.log",
            "#4  New ticket \u{201c}Toner is out\u{201d}  (waiting)",
            "#5  Change the user name to dana.w@example.com  (waiting)",
        ]
    );
    let not_yet = world.run(&["outbox", "send"]);
    assert!(!not_yet.status.success());
    assert!(
        text(&not_yet.stderr).contains("5 change(s) still wait"),
        "{}",
        text(&not_yet.stderr)
    );

    // Withdrawn, a change is not sent.
    let dropped = succeeded(&world.run(&["outbox", "drop", "4"]));
    assert_eq!(
        dropped.trim(),
        "Withdrew #4: New ticket \u{201c}Toner is out\u{201d}."
    );

    // Signing out keeps what waits, and says so.
    let signed_out = world.run(&["logout"]);
    assert!(
        text(&signed_out.stderr)
            .contains("4 change(s) in the outbox are kept for the next sign-in here"),
        "{}",
        text(&signed_out.stderr)
    );

    world.portal.restart();
    world.login(world.portal.url(), "dana@example.com", "demo-password");
    let sent = succeeded(&world.run(&["outbox", "send"]));
    assert_eq!(
        sent.lines().collect::<Vec<_>>(),
        [
            "Sent #1: Changes to My Details.",
            "Sent #2: Changes to Settings.",
            "Sent #3: Reply to ticket #1234.",
            "Sent #5: Change the user name to dana.w@example.com.",
        ]
    );
    assert_eq!(
        succeeded(&world.run(&["outbox"])).trim(),
        "Nothing waits to be sent."
    );
    let db = rusqlite::Connection::open(world.portal.db_path()).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert_eq!(
        count("SELECT COUNT(*) FROM ticket_comments WHERE body = 'Tonight''s log.'"),
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM tickets WHERE subject = 'Toner is out'"),
        0
    );
    let profile = succeeded(&world.run(&["profile", "show"]));
    assert!(profile.contains("+44 7700 900456"), "{profile}");
    assert!(
        profile.contains("dana.w@example.com"),
        "the request waits for support: {profile}"
    );
    let settings = succeeded(&world.run(&["settings", "show"]));
    assert!(settings.to_lowercase().contains("weekly"), "{settings}");
}

// Unix only: Windows has no per-process file-size limit; its "disk full"
// and "file too large" codes are put in words by the same `io_error`, whose
// unit tests check them.
#[cfg(unix)]
#[test]
fn a_disk_that_fills_while_a_change_is_queued_keeps_nothing_half_written() {
    let mut world = World::new(DEMO);
    world.login(world.portal.url(), "dana@example.com", "demo-password");
    succeeded(&world.run(&["tickets", "show", "1234"]));
    let files = tempfile::tempdir().unwrap();
    let big = files.path().join("capture.pcap");
    std::fs::write(&big, vec![b'x'; 6 * 1024 * 1024]).unwrap();
    world.portal.stop();
    let mut command = world.command(&[
        "--queue",
        "tickets",
        "reply",
        "1234",
        "--message",
        "The capture.",
        "--attach",
        big.to_str().unwrap(),
    ]);
    command.stdin(std::process::Stdio::null());
    support::limit_file_size(&mut command, 2 * 1024 * 1024);
    let output = test_support::output(&mut command);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("capture.pcap")
            && stderr.contains("larger than this file system or a limit allows"),
        "{stderr}"
    );
    assert_eq!(
        succeeded(&world.run(&["outbox"])).trim(),
        "Nothing waits to be sent."
    );
    assert!(
        test_support::files_containing(world.home.path(), &"x".repeat(4096)).is_empty(),
        "no copy, whole or half, is left"
    );
}
