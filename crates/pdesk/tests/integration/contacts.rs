//! `pdesk contacts` end to end: the real binary against a spawned portal —
//! list, the waiting request shown and cancelled, a batch requested under
//! the review policy and applied under the direct one, and a bad batch
//! refused with each problem named by the flag that caused it.

use crate::support;

use support::{World, succeeded, text};
use test_support::portal_api::outbox;

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;

fn failed(output: &std::process::Output) -> String {
    assert!(!output.status.success(), "{}", text(&output.stdout));
    text(&output.stderr)
}

#[test]
fn contacts_are_listed_requested_cancelled_and_applied() {
    let world = World::new(DEMO);
    world.login(world.portal.url(), "dana@example.com", "demo-password");

    let listed = succeeded(&world.run(&["contacts", "list", "--org", "2"]));
    assert!(
        listed.starts_with("Contoso Partners (direct policy"),
        "{listed}"
    );
    assert!(
        listed.contains(
            "Marco Rossi <marco@example.com>  User  customers: Acme Retail, Cedar Health"
        ),
        "{listed}"
    );
    assert!(
        listed.contains("<dana@example.com>  Admin  (you)"),
        "{listed}"
    );
    let json: serde_json::Value = serde_json::from_str(&succeeded(
        &world.run(&["contacts", "list", "--org", "2", "--json"]),
    ))
    .unwrap();
    assert_eq!(json["contacts"].as_array().unwrap().len(), 4);

    // Northwind's demo request waits: shown, blocks a second, cancelled.
    let pending = succeeded(&world.run(&["contacts", "pending", "--org", "1"]));
    assert!(
        pending.contains("(ticket #1235) by Dana Whitfield"),
        "{pending}"
    );
    assert!(
        pending.contains("Grant Cust. Admin. to lee@example.com"),
        "{pending}"
    );
    let refused = failed(&world.run(&[
        "contacts",
        "change",
        "--org",
        "1",
        "--grant",
        "priya@example.com:Management",
    ]));
    assert!(refused.contains("ticket #1235"), "{refused}");
    let cancelled = succeeded(&world.run(&["contacts", "cancel", "--org", "1"]));
    assert!(cancelled.contains("(ticket #1235)."), "{cancelled}");
    let none = failed(&world.run(&["contacts", "cancel", "--org", "1"]));
    assert!(
        none.contains("No change request waits for Northwind Traders."),
        "{none}"
    );

    let requested = succeeded(&world.run(&[
        "contacts",
        "change",
        "--org",
        "1",
        "--grant",
        "lee@example.com:Management",
        "--add",
        "nina.park@example.com:Technical Contact",
        "--remove",
        "priya@example.com",
    ]));
    assert!(
        requested.starts_with("Requested as ticket #"),
        "{requested}"
    );
    let pending = succeeded(&world.run(&["contacts", "pending", "--org", "1"]));
    for line in [
        "Grant Management to lee@example.com",
        "Add Nina Park <nina.park@example.com> as Technical Contact",
        "Remove priya@example.com",
        "Nina Park <nina.park@example.com>  Technical Contact  (not activated yet)",
    ] {
        assert!(pending.contains(line), "{line} in {pending}");
    }

    // A bad batch: every problem, by its flag; nothing changed.
    let refused = failed(&world.run(&[
        "contacts",
        "change",
        "--org",
        "2",
        "--grant",
        "marco@example.com:Owner",
        "--remove",
        "dana@example.com",
    ]));
    assert!(
        refused.contains(
            "--grant marco@example.com:Owner: Contoso Partners has no role named \"Owner\""
        ),
        "{refused}"
    );
    assert!(
        refused.contains(
            "--remove dana@example.com: You are the last active Admin of Contoso Partners"
        ),
        "{refused}"
    );

    // Direct: applied at once; removal e-mails the removed user.
    let applied = succeeded(&world.run(&[
        "contacts",
        "change",
        "--org",
        "2",
        "--add",
        "Uma Reyes <uma@example.com>:User",
    ]));
    assert_eq!(applied.trim(), "Applied 1 change(s).");
    succeeded(&world.run(&[
        "contacts",
        "change",
        "--org",
        "2",
        "--remove",
        "uma@example.com",
    ]));
    let mail = outbox(world.portal.db_path());
    assert!(mail.iter().any(|message| message["to"] == "uma@example.com"
        && message["subject"] == "Your access to Contoso Partners has been revoked"));

    // Someone without a managing role is told why.
    world.login(world.portal.url(), "lee@example.com", "demo-password");
    let refused = failed(&world.run(&["contacts", "list", "--org", "1"]));
    assert!(
        refused.contains("Only contacts with the role Management or Cust. Admin. can manage the contacts of Northwind Traders."),
        "{refused}"
    );
}
