//! `pdesk kb` end to end: the real binary against a portal process, which
//! is then stopped: the kept copy still answers.

use crate::support;

use support::{World, succeeded, text};

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;

#[test]
fn the_knowledge_base_is_searched_shown_and_still_answers_offline() {
    let mut world = World::new(DEMO);
    world.login(world.portal.url(), "dana@example.com", "demo-password");

    let synced = succeeded(&world.run(&["kb", "sync"]));
    assert_eq!(
        synced.lines().next(),
        Some("60 articles kept; 5 images fetched."),
        "{synced}"
    );
    assert_eq!(
        succeeded(&world.run(&["kb", "sync"])).trim(),
        "Up to date: 60 articles."
    );

    let found = succeeded(&world.run(&["kb", "search", "invoice pdf"]));
    let first = found.lines().next().unwrap();
    assert!(
        first.ends_with("Downloading an invoice as a PDF  (Billing and payments)"),
        "{found}"
    );
    let hits: serde_json::Value = serde_json::from_str(&succeeded(&world.run(&[
        "kb",
        "search",
        "--category",
        "partner program",
        "--tag",
        "partner kit",
        "--json",
    ])))
    .unwrap();
    let titles: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"What is in the Partner Kit"), "{titles:?}");
    assert!(
        !titles.contains(&"The Marketing role and the Partner Kit"),
        "another category: {titles:?}"
    );

    let id = first.split_whitespace().next().unwrap().to_owned();
    let shown = succeeded(&world.run(&["kb", "show", &id]));
    let mut lines = shown.lines();
    assert_eq!(lines.next(), Some("Downloading an invoice as a PDF"));
    assert_eq!(lines.next(), Some("Billing and payments \u{203a} Invoices"));
    assert_eq!(lines.next(), Some("Tags: invoices, pdf, downloads"));
    assert!(shown.contains("![The invoice list with its Download button](invoice-list.png)"));

    let unknown = world.run(&["kb", "search", "--category", "Recipes"]);
    assert!(!unknown.status.success());
    assert!(
        text(&unknown.stderr).contains("No category \"Recipes\"; there are: Getting started, "),
        "{}",
        text(&unknown.stderr)
    );

    world.portal.stop();
    let offline = world.run(&["kb", "search", "forgot password"]);
    assert!(offline.status.success(), "{}", text(&offline.stderr));
    assert!(
        text(&offline.stderr).starts_with("Offline: "),
        "{}",
        text(&offline.stderr)
    );
    assert!(text(&offline.stdout).contains("I forgot my password"));
}
