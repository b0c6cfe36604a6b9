//! `pdesk accounts` and `--account` end to end: two addresses at one portal
//! and the same person at another, side by side — each command goes to the
//! account named, nothing of one shows under another, and removing one
//! takes its session and (when asked) its local data.

use crate::support;

use support::{World, succeeded, text};
use test_support::{BASIC_FIXTURES, PASSWORD, PortalProcess};

fn origin(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}

#[test]
fn accounts_side_by_side_are_listed_chosen_used_and_removed() {
    let world = World::new(BASIC_FIXTURES);
    let other = PortalProcess::spawn(BASIC_FIXTURES);
    let one = origin(world.portal.url());
    let two = origin(other.url());
    world.login(&one, "ada@example.com", PASSWORD);
    world.login(&one, "bob@example.com", PASSWORD);
    world.login(&two, "ada@example.com", PASSWORD);

    let listed = succeeded(&world.run(&["accounts"]));
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 3, "{listed}");
    assert!(
        lines[0].starts_with(&format!("  ada@example.com@{one}  ")),
        "{listed}"
    );
    assert!(
        lines[1].starts_with(&format!("  bob@example.com@{one}  ")),
        "{listed}"
    );
    assert!(
        lines[2].starts_with(&format!("* ada@example.com@{two}  ")),
        "the last sign-in is current: {listed}"
    );
    assert!(
        lines.iter().all(|line| line.ends_with("(signed in)")),
        "{listed}"
    );

    // Each command goes to the account named.
    let ada_one = format!("ada@example.com@{one}");
    succeeded(&world.run(&[
        "--account",
        &ada_one,
        "profile",
        "set",
        "--office-phone",
        "+44 20 7946 0001",
    ]));
    let at_one = succeeded(&world.run(&["--account", &ada_one, "profile", "show"]));
    assert!(at_one.contains("+44 20 7946 0001"), "{at_one}");
    let at_two = succeeded(&world.run(&["profile", "show"]));
    assert!(at_two.contains("ada@example.com"), "{at_two}");
    assert!(
        !at_two.contains("+44 20 7946 0001"),
        "the other portal's Ada is another account: {at_two}"
    );
    let bob = succeeded(&world.run(&["--account", "bob@example.com", "profile", "show"]));
    assert!(
        bob.contains("bob@example.com"),
        "an e-mail only one account has names it: {bob}"
    );
    let ambiguous = world.run(&["--account", "ada@example.com", "profile", "show"]);
    assert!(!ambiguous.status.success());
    assert!(
        text(&ambiguous.stderr).contains("EMAIL@ORIGIN"),
        "{}",
        text(&ambiguous.stderr)
    );
    let unknown = world.run(&["--account", "lee@example.com", "profile", "show"]);
    assert!(!unknown.status.success());
    assert!(
        text(&unknown.stderr).contains("pdesk accounts"),
        "{}",
        text(&unknown.stderr)
    );

    // Choosing one makes it the default.
    let chose = succeeded(&world.run(&["accounts", "use", "bob@example.com"]));
    assert!(
        chose.contains(&format!("<bob@example.com> at {one}")),
        "{chose}"
    );
    let default = succeeded(&world.run(&["profile", "show"]));
    assert!(default.contains("bob@example.com"), "{default}");

    // Signing out of one leaves the others signed in.
    succeeded(&world.run(&["--account", &ada_one, "logout"]));
    let listed = succeeded(&world.run(&["accounts"]));
    assert!(
        listed.contains(&format!(
            "ada@example.com@{one}  Ada Lovelace  (signed out)"
        )),
        "{listed}"
    );
    assert!(
        listed.contains(&format!(
            "* bob@example.com@{one}  Bob Builder  (signed in)"
        )),
        "{listed}"
    );

    // Removing one takes its session and, when asked, its local data.
    let ada_two = format!("ada@example.com@{two}");
    let data = world.home.path().join("data").join("accounts");
    let folders_before = std::fs::read_dir(&data).unwrap().count();
    let removed = succeeded(&world.run(&["accounts", "remove", &ada_two, "--delete-data"]));
    assert!(
        removed.starts_with(&format!("Removed {ada_two}")),
        "{removed}"
    );
    assert_eq!(
        std::fs::read_dir(&data).unwrap().count(),
        folders_before - 1
    );
    let listed = succeeded(&world.run(&["accounts"]));
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(!listed.contains(&two), "{listed}");
    let gone = world.run(&["--account", &ada_two, "profile", "show"]);
    assert!(!gone.status.success(), "no session is left for it");
    let signed_in_again =
        succeeded(&world.run(&["--account", "bob@example.com", "profile", "show"]));
    assert!(signed_in_again.contains("bob@example.com"));
}
