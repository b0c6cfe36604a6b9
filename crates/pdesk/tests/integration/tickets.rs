//! `pdesk tickets` and `pdesk attachments` end to end: the real binary
//! against a spawned portal — list with filters and unread markers, show
//! (portal text made safe for the terminal), reply with files, create,
//! cancel, and attachments saved in each file-name format.

use crate::support;

use support::{World, succeeded, text};
use test_support::{names_in, portal_api as vendor};

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;

fn failed(output: &std::process::Output) -> String {
    assert!(!output.status.success(), "{}", text(&output.stdout));
    text(&output.stderr)
}

#[test]
fn tickets_are_listed_shown_replied_to_created_and_cancelled() {
    let world = World::new(DEMO);
    world.login(world.portal.url(), "dana@example.com", "demo-password");

    let listed = succeeded(&world.run(&["tickets", "list"]));
    for number in ["#1234", "#1235", "#1236", "#1237", "#1238", "#1240"] {
        assert!(listed.contains(number), "{number} in {listed}");
    }
    assert!(!listed.contains("#1239"), "not a Fabrikam contact");
    let awaiting = succeeded(&world.run(&["tickets", "list", "--status", "awaiting-customer"]));
    assert_eq!(awaiting.lines().count(), 2, "{awaiting}");
    let json: serde_json::Value = serde_json::from_str(&succeeded(&world.run(&[
        "tickets",
        "list",
        "--status",
        "open,awaiting-customer",
        "--kind",
        "support",
        "--json",
    ])))
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 3);

    let shown = succeeded(&world.run(&["tickets", "show", "1234"]));
    assert!(
        shown.starts_with("Ticket #1234: Nightly export fails"),
        "{shown}"
    );
    assert!(shown.contains("Awaiting your reply"), "{shown}");
    assert!(shown.contains("Priya at Support (support team)"), "{shown}");
    assert!(shown.contains("] export.log ("), "{shown}");
    assert!(
        shown.contains("<script>alert('x')</script>"),
        "text stays text: {shown}"
    );
    assert!(!shown.contains("Gold plan"), "internal notes stay internal");

    let output = vendor::vendor_comment(
        world.portal.db_path(),
        1237,
        "\u{1b}[2J\u{1b}[31mRed alert\u{202e}",
        &[],
    );
    assert!(output.status.success(), "{output:?}");
    let listed = succeeded(&world.run(&["tickets", "list", "--text", "502"]));
    assert!(
        listed.contains("new"),
        "a reply Dana has not seen: {listed}"
    );
    let shown = succeeded(&world.run(&["tickets", "show", "1237"]));
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown:?}"
    );
    assert!(
        shown.contains("\u{fffd}[2J\u{fffd}[31mRed alert\u{fffd}"),
        "{shown:?}"
    );
    let listed = succeeded(&world.run(&["tickets", "list", "--text", "502"]));
    assert!(!listed.contains("new"), "seen once shown: {listed}");

    let files = tempfile::tempdir().unwrap();
    let log = files.path().join("tonight.log");
    std::fs::write(&log, b"both jobs ran\n").unwrap();
    let replied = succeeded(&world.run(&[
        "tickets",
        "reply",
        "1234",
        "--message",
        "Done, log attached.",
        "--attach",
        log.to_str().unwrap(),
    ]));
    assert_eq!(
        replied.trim(),
        "Replied to ticket #1234 with 1 attachment(s); it is now open."
    );
    let json: serde_json::Value = serde_json::from_str(&succeeded(
        &world.run(&["tickets", "show", "1234", "--json"]),
    ))
    .unwrap();
    let last = json["comments"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["attachments"][0]["name"], "tonight.log");

    let missing = files.path().join("gone.txt");
    let error = failed(&world.run(&[
        "tickets",
        "reply",
        "1234",
        "--message",
        "x",
        "--attach",
        missing.to_str().unwrap(),
    ]));
    assert!(
        error.contains("--attach: “gone.txt” is no longer at"),
        "{error}"
    );

    let created = succeeded(&world.run(&[
        "tickets",
        "create",
        "--subject",
        "Label printer",
        "--message",
        "Which driver?",
        "--org",
        "1",
    ]));
    assert!(created.starts_with("Raised ticket #"), "{created}");

    assert_eq!(
        succeeded(&world.run(&["tickets", "cancel", "1235"])).trim(),
        "Cancelled request #1235."
    );
    let error = failed(&world.run(&["tickets", "cancel", "1235"]));
    assert!(
        error.contains("Request #1235 was cancelled already."),
        "{error}"
    );
    let error = failed(&world.run(&["tickets", "reply", "1235", "--message", "after all"]));
    assert!(
        error.contains("was cancelled, so it takes no more comments"),
        "{error}"
    );
    let error = failed(&world.run(&["tickets", "show", "1239"]));
    assert!(error.contains("There is no ticket #1239"), "{error}");
}

#[test]
fn attachments_are_saved_in_the_setting_or_the_format_asked_for() {
    let world = World::new(DEMO);
    world.login(world.portal.url(), "dana@example.com", "demo-password");
    let folder = tempfile::tempdir().unwrap();
    let to = folder.path().to_str().unwrap();

    let saved = succeeded(&world.run(&["attachments", "download", "--ticket", "1234", "--to", to]));
    assert_eq!(saved.lines().count(), 7, "{saved}");
    let mut names = names_in(folder.path());
    names.sort();
    assert_eq!(
        names,
        [
            "Runbook – splitting the nightly export.pdf",
            "_.._etc_passwd",
            "_CON.txt",
            "export (1).log",
            "export.log",
            "job settings (final) v2.csv",
            "naïve café – notes.txt",
        ],
        "the default setting is the plain name; both export.log kept"
    );

    succeeded(&world.run(&[
        "settings",
        "set",
        "--attachment-format",
        "ticket-bracket-prefix",
    ]));
    let second = tempfile::tempdir().unwrap();
    let json: serde_json::Value = serde_json::from_str(&succeeded(
        &world.run(&["tickets", "show", "1236", "--json"]),
    ))
    .unwrap();
    let id = json["comments"][1]["attachments"][0]["id"].to_string();
    let saved = succeeded(&world.run(&[
        "attachments",
        "download",
        "--ticket",
        "1236",
        "--attachment",
        &id,
        "--to",
        second.path().to_str().unwrap(),
    ]));
    assert!(
        saved.starts_with("INV-2026-0042 (corrected).pdf -> "),
        "{saved}"
    );
    assert_eq!(
        names_in(second.path()),
        ["[Ticket 1236] INV-2026-0042 (corrected).pdf"]
    );
    let bytes = std::fs::read(
        second
            .path()
            .join("[Ticket 1236] INV-2026-0042 (corrected).pdf"),
    )
    .unwrap();
    assert!(bytes.starts_with(b"%PDF-"));

    let third = tempfile::tempdir().unwrap();
    succeeded(&world.run(&[
        "attachments",
        "download",
        "--ticket",
        "1236",
        "--attachment",
        &id,
        "--format",
        "number",
        "--to",
        third.path().to_str().unwrap(),
    ]));
    assert_eq!(
        names_in(third.path()),
        ["#1236 – INV-2026-0042 (corrected).pdf"]
    );

    let error = failed(&world.run(&[
        "attachments",
        "download",
        "--ticket",
        "1236",
        "--attachment",
        "999999",
        "--to",
        to,
    ]));
    assert!(
        error.contains("Ticket #1236 has no attachment 999999; its attachments are "),
        "{error}"
    );
}
