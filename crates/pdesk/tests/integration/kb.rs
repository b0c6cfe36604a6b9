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

#[test]
fn votes_wait_offline_and_an_export_never_replaces_a_file() {
    let fixtures = serde_json::json!({
        "users": [{ "email": "ada@example.com", "password": "demo-password",
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "knowledge_base": [
            { "name": "Getting started", "sections": [{ "name": "Signing in", "articles": [
                { "title": "Resetting your password", "tags": ["password"],
                  "body": "Choose **Forgot password?**.\n\n![The form](form.png)\n",
                  "images": [{ "name": "form.png" }] },
                { "title": "Invoices: a guide", "tags": [], "body": "One.\n" },
                { "title": "Invoices| a guide", "tags": [], "body": "Two.\n" },
                { "title": "../../CON", "tags": [], "body": "Three.\n" }
            ]}]}
        ]
    })
    .to_string();
    let mut world = World::new(&fixtures);
    world.login(world.portal.url(), "ada@example.com", "demo-password");
    let hits: serde_json::Value = serde_json::from_str(&succeeded(
        &world.run(&["kb", "search", "password", "--json"]),
    ))
    .unwrap();
    let id = hits[0]["id"].as_i64().unwrap().to_string();

    let voted = succeeded(&world.run(&["kb", "vote", &id, "--helpful"]));
    assert_eq!(
        voted.trim(),
        "Thanks: 1 of 1 found \u{201c}Resetting your password\u{201d} helpful."
    );
    let neither = world.run(&["kb", "vote", &id]);
    assert!(!neither.status.success(), "an answer is required");

    world.portal.stop();
    let refused = world.run(&["kb", "vote", &id, "--not-helpful"]);
    assert!(
        !refused.status.success(),
        "without --queue an offline vote fails"
    );
    let queued = succeeded(&world.run(&["kb", "vote", &id, "--not-helpful", "--queue"]));
    assert!(
        queued
            .starts_with("Queued as #1: \u{201c}Resetting your password\u{201d} was not helpful."),
        "{queued}"
    );
    world.portal.restart();
    let sent = succeeded(&world.run(&["outbox", "send"]));
    assert!(sent.contains("Sent #1"), "{sent}");
    assert_eq!(
        world.portal.query_i64(&format!(
            "SELECT helpful FROM kb_votes WHERE article_id = {id}"
        )),
        0
    );

    let to = world.home.path().join("Exported knowledge base");
    let first = succeeded(&world.run(&["kb", "export", "--to", to.to_str().unwrap()]));
    assert!(
        first.ends_with(
            "5 files written, 0 already there and the same, 0 saved beside a different file.\n"
        ),
        "{first}"
    );
    let section = to.join("Getting started").join("Signing in");
    let article = std::fs::read_to_string(section.join("Resetting your password.md")).unwrap();
    assert!(article.starts_with("# Resetting your password\n\n_Getting started \u{203a} Signing in · tags: password · updated "), "{article}");
    assert!(
        article.contains("![The form](images/form.png)"),
        "{article}"
    );
    assert!(
        std::fs::read(section.join("images").join("form.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    let mut names: Vec<String> = std::fs::read_dir(&section)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(
        names
            .iter()
            .all(|name| !name.contains(['/', '\\', ':', '|'])),
        "{names:?}"
    );
    assert!(
        names.iter().any(|name| name.ends_with(" (1).md")),
        "the two guides kept apart: {names:?}"
    );
    assert!(!to.join("CON.md").exists() && !world.home.path().join("CON.md").exists());

    let again = succeeded(&world.run(&["kb", "export", "--to", to.to_str().unwrap()]));
    assert!(
        again.ends_with(
            "0 files written, 5 already there and the same, 0 saved beside a different file.\n"
        ),
        "{again}"
    );

    std::fs::write(section.join("Resetting your password.md"), "my own notes\n").unwrap();
    let edited = succeeded(&world.run(&["kb", "export", "--to", to.to_str().unwrap()]));
    assert!(edited.contains("Kept "), "{edited}");
    assert_eq!(
        std::fs::read_to_string(section.join("Resetting your password.md")).unwrap(),
        "my own notes\n"
    );
    assert_eq!(
        std::fs::read_to_string(section.join("Resetting your password (1).md")).unwrap(),
        article
    );
}
