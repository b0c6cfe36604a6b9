//! The Knowledge Base through the commands, against the demo portal as a
//! process that is then stopped: synced, searched, articles shown as
//! sanitised HTML with their images from the kept copies through the
//! `pdfile` scheme, suggestions for a subject, and all of it offline.

use serde_json::{Value, json};
use tauri::Manager;
use test_support::PortalProcess;

use crate::command_tests::{app, invoke, sign_in_as_dana};
use crate::desk::Desk;

/// An article with everything a hostile author could put in one.
const HOSTILE_BODY: &str = "Read this.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n\
    [run](javascript:alert(3)) [help](https://example.com/help)\n\n![remote](https://tracker.example/p.png)\n";

fn titles(hits: &Value) -> Vec<&str> {
    hits.as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["title"].as_str().unwrap())
        .collect()
}

#[test]
fn the_knowledge_base_is_synced_searched_shown_safely_and_still_answers_offline() {
    let mut portal = PortalProcess::demo();
    let db = rusqlite::Connection::open(portal.db_path()).unwrap();
    db.execute(
        "INSERT INTO kb_articles (section_id, title, body, tags, updated_at) VALUES (1, 'Hostile article', ?1, '[\"test\"]', 0)",
        [HOSTILE_BODY],
    )
    .unwrap();
    let app = app();
    sign_in_as_dana(&app, portal.url());

    let base = invoke(&app, "load_knowledge_base", json!({})).unwrap();
    assert_eq!(base["articles"], 61);
    assert_eq!(base["offline"], Value::Null);
    assert_eq!(base["categories"][1]["name"], "Billing and payments");

    let hits = invoke(
        &app,
        "search_knowledge_base",
        json!({ "text": "invoice pdf" }),
    )
    .unwrap();
    assert_eq!(titles(&hits)[0], "Downloading an invoice as a PDF");
    let article = invoke(&app, "open_kb_article", json!({ "id": hits[0]["id"] })).unwrap();
    assert_eq!(article["place"], "Billing and payments \u{203a} Invoices");
    let html = article["html"].as_str().unwrap();
    let src = html
        .split("<img src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("an image: {html}"));
    let sha256 = src
        .strip_prefix("pdfile://localhost/kb/")
        .unwrap_or_else(|| panic!("{src}"));

    // The image is served by the app's scheme from the kept copy.
    let desk = app.app().state::<Desk>();
    let served = tauri::async_runtime::block_on(crate::shell::cached_files::answer(
        &desk,
        &format!("/kb/{sha256}"),
    ));
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert!(served.body().starts_with(b"\x89PNG"));
    let unknown = tauri::async_runtime::block_on(crate::shell::cached_files::answer(
        &desk,
        &format!("/kb/{}", "0".repeat(64)),
    ));
    assert_eq!(unknown.status(), 404);

    // The hostile article is shown harmless.
    let hostile = invoke(&app, "search_knowledge_base", json!({ "text": "hostile" })).unwrap();
    let shown = invoke(&app, "open_kb_article", json!({ "id": hostile[0]["id"] })).unwrap();
    let html = shown["html"].as_str().unwrap();
    assert!(
        !html.contains("<script") && !html.contains("onerror=\"") && !html.contains("javascript:"),
        "{html}"
    );
    assert!(!html.contains("<img"), "no remote image: {html}");
    assert!(html.contains("href=\"https://example.com/help\""), "{html}");

    let suggested = invoke(
        &app,
        "suggest_kb_articles",
        json!({ "subject": "Two-step codes are not accepted" }),
    )
    .unwrap();
    assert_eq!(titles(&suggested)[0], "Two-step codes are not accepted");
    assert!(suggested.as_array().unwrap().len() <= 5);

    // Offline: the kept copy answers, and says so.
    portal.stop();
    let offline = invoke(&app, "load_knowledge_base", json!({})).unwrap();
    assert_eq!(offline["articles"], 61);
    assert!(
        offline["offline"]
            .as_str()
            .unwrap()
            .ends_with("cannot be reached: these are the articles kept on this computer."),
        "{offline}"
    );
    let hits = invoke(
        &app,
        "search_knowledge_base",
        json!({ "text": "overdue", "category": 2 }),
    )
    .unwrap();
    assert_eq!(titles(&hits)[0], "Why is my invoice marked overdue?");
}

#[test]
fn a_first_look_at_the_knowledge_base_offline_says_why_there_is_nothing() {
    let mut portal = PortalProcess::demo();
    let app = app();
    sign_in_as_dana(&app, portal.url());
    portal.stop();
    let error = invoke(&app, "load_knowledge_base", json!({})).unwrap_err();
    assert_eq!(error["code"], "portal_unreachable", "{error}");
    assert_eq!(error["retryable"], true);
}

#[test]
fn was_this_helpful_is_sent_or_waits_in_the_outbox_and_is_shown_on_the_article() {
    let mut portal = PortalProcess::demo();
    let app = app();
    sign_in_as_dana(&app, portal.url());
    invoke(&app, "load_knowledge_base", json!({})).unwrap();
    let hits = invoke(
        &app,
        "search_knowledge_base",
        json!({ "text": "invoice pdf" }),
    )
    .unwrap();
    let id = hits[0]["id"].clone();
    let article = invoke(&app, "open_kb_article", json!({ "id": id })).unwrap();
    assert_eq!(
        (article["vote"].clone(), article["vote_waiting"].clone()),
        (Value::Null, json!(false))
    );

    let voted = invoke(
        &app,
        "vote_kb_article",
        json!({ "id": id, "helpful": true }),
    )
    .unwrap();
    assert_eq!(voted["helpful_count"], 1);
    assert_eq!(voted["queued"], Value::Null);
    assert_eq!(
        invoke(&app, "open_kb_article", json!({ "id": id })).unwrap()["vote"],
        true
    );

    portal.stop();
    let kept = invoke(
        &app,
        "vote_kb_article",
        json!({ "id": id, "helpful": false }),
    )
    .unwrap();
    assert!(
        kept["queued"]
            .as_str()
            .unwrap()
            .starts_with("Saved in the outbox"),
        "{kept}"
    );
    // A second answer replaces the first one waiting.
    invoke(
        &app,
        "vote_kb_article",
        json!({ "id": id, "helpful": false }),
    )
    .unwrap();
    let article = invoke(&app, "open_kb_article", json!({ "id": id })).unwrap();
    assert_eq!(
        (article["vote"].clone(), article["vote_waiting"].clone()),
        (json!(false), json!(true))
    );
    let outbox = invoke(&app, "load_outbox", json!({})).unwrap();
    let items = outbox["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{outbox}");
    assert_eq!(items[0]["kind"], "kb_vote");
    assert_eq!(
        items[0]["title"],
        "\u{201c}Downloading an invoice as a PDF\u{201d} was not helpful"
    );

    portal.restart();
    let sent = invoke(&app, "send_outbox", json!({})).unwrap();
    assert_eq!(sent["sent"].as_array().unwrap().len(), 1, "{sent}");
    let article = invoke(&app, "open_kb_article", json!({ "id": id })).unwrap();
    assert_eq!(
        (article["vote"].clone(), article["vote_waiting"].clone()),
        (json!(false), json!(false))
    );
    assert_eq!(
        portal.query_i64(&format!(
            "SELECT helpful FROM kb_votes WHERE article_id = {id}"
        )),
        0
    );
}
