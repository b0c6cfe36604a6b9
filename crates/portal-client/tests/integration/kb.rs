//! The knowledge base kept in the account's store, against the portal:
//! synced whole, an unchanged base re-synced with one 304, images checked
//! before they are kept (a script dressed as a PNG is not), and searched
//! offline with the portal's matching rules.

use base64::Engine;
use portal_client::Session;
use test_support::{FaultProxy, TestPortal};

use crate::ADA_PASSWORD as PASSWORD;

fn fixtures() -> String {
    let svg = base64::engine::general_purpose::STANDARD
        .encode("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>");
    serde_json::json!({
        "users": [{ "email": "ada@example.com", "password": PASSWORD,
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "knowledge_base": [
            { "name": "Getting started", "sections": [{ "name": "Signing in", "articles": [
                { "title": "Resetting your password", "tags": ["password", "sign-in"],
                  "body": "Choose **Forgot password?**.\n\n![The form](form.png)\n\n![Hidden](evil.png)\n",
                  "images": [{ "name": "form.png" },
                             { "name": "evil.png", "media_type": "image/png", "base64": svg }] },
                { "title": "Ärger mit der Anmeldung", "tags": ["sign-in"],
                  "body": "Prüfen Sie die Uhrzeit Ihres Telefons.\n" }
            ]}]},
            { "name": "Billing", "sections": [{ "name": "Invoices", "articles": [
                { "title": "Why is my invoice overdue?", "tags": ["invoices"],
                  "body": "An invoice is overdue the day after its due date.\n" }
            ]}]}
        ]
    })
    .to_string()
}

async fn setup() -> (TestPortal, FaultProxy, tempfile::TempDir, Session) {
    crate::ada_through_a_proxy(&fixtures()).await
}

fn titles(hits: &[portal_api::kb::KbHit]) -> Vec<&str> {
    hits.iter().map(|hit| hit.title.as_str()).collect()
}

#[tokio::test]
async fn the_base_is_kept_with_checked_images_and_an_unchanged_one_costs_a_304() {
    let (portal, proxy, _home, session) = setup().await;
    assert_eq!(
        session.kept_kb_categories().unwrap(),
        None,
        "nothing kept yet"
    );

    let sync = session.sync_knowledge_base().await.unwrap();
    assert!(sync.changed);
    assert_eq!(sync.articles, 3);
    assert_eq!(sync.images_fetched, 1);
    assert_eq!(sync.images_refused.len(), 1, "{:?}", sync.images_refused);
    assert!(
        sync.images_refused[0].starts_with(
            "evil.png in \"Resetting your password\": not a PNG, JPEG, GIF or WebP image"
        ),
        "{:?}",
        sync.images_refused
    );
    let categories = session.kept_kb_categories().unwrap().unwrap();
    assert_eq!(categories.len(), 2);
    assert_eq!(categories[0].sections[0].name, "Signing in");

    let found = session.search_kept_kb("passw", None, None).unwrap();
    assert_eq!(titles(&found), ["Resetting your password"]);
    let article = session.kept_kb_article(found[0].id).unwrap().unwrap();
    let form = article
        .images
        .iter()
        .find(|image| image.name == "form.png")
        .unwrap();
    let kept = session.kept_kb_image(&form.sha256).unwrap().unwrap();
    assert_eq!(kept.media_type, "image/png");
    assert_eq!(kept.bytes.len() as i64, form.size);
    let evil = article
        .images
        .iter()
        .find(|image| image.name == "evil.png")
        .unwrap();
    assert_eq!(session.kept_kb_image(&evil.sha256).unwrap(), None);

    // Unchanged: one request, answered 304.
    let again = session.sync_knowledge_base().await.unwrap();
    assert!(!again.changed);
    assert_eq!(again.articles, 3);
    let requests = proxy.api_requests_to("/api/v1/kb/articles");
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(requests[1].status, 304);
    assert!(requests[1].if_none_match.is_some());

    // An article removed on the portal goes, and so does its image.
    portal.execute("DELETE FROM kb_articles WHERE title = 'Resetting your password'");
    let changed = session.sync_knowledge_base().await.unwrap();
    assert!(changed.changed);
    assert_eq!(changed.articles, 2);
    assert_eq!(session.kept_kb_image(&form.sha256).unwrap(), None);
    assert!(
        session
            .search_kept_kb("password", None, None)
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_kept_copy_is_searched_like_the_portal_by_word_starts_diacritics_category_and_tag() {
    let (_portal, _proxy, _home, session) = setup().await;
    session.sync_knowledge_base().await.unwrap();

    assert_eq!(
        titles(&session.search_kept_kb("arger anmeld", None, None).unwrap()),
        ["Ärger mit der Anmeldung"],
        "without diacritics, by the start of a word"
    );
    let everything = session.search_kept_kb("", None, None).unwrap();
    assert_eq!(everything.len(), 3, "no words: every article");
    let billing = session.kept_kb_categories().unwrap().unwrap()[1].id;
    assert_eq!(
        titles(&session.search_kept_kb("", Some(billing), None).unwrap()),
        ["Why is my invoice overdue?"]
    );
    assert_eq!(
        session
            .search_kept_kb("", None, Some("sign-in"))
            .unwrap()
            .len(),
        2
    );
    for hostile in [
        "\"",
        "NEAR(",
        "* OR",
        "title:",
        "'); DROP TABLE kb_articles; --",
    ] {
        session
            .search_kept_kb(hostile, None, None)
            .unwrap_or_else(|error| panic!("{hostile}: {error}"));
    }
    let suggested = session.suggest_kept_kb("My invoice is overdue").unwrap();
    assert_eq!(titles(&suggested)[0], "Why is my invoice overdue?");
    assert!(suggested[0].snippet.contains("overdue"));
    assert!(session.suggest_kept_kb("a b").unwrap().is_empty());
}

#[tokio::test]
async fn answers_to_was_this_helpful_order_the_suggestions_and_wait_in_the_outbox_offline() {
    let (portal, proxy, _home, session) = setup().await;
    session.sync_knowledge_base().await.unwrap();
    let found = session.search_kept_kb("", None, None).unwrap();
    let id_of = |title: &str| found.iter().find(|hit| hit.title == title).unwrap().id;
    let (password, anmeldung) = (
        id_of("Resetting your password"),
        id_of("Ärger mit der Anmeldung"),
    );
    let subject = "Anmeldung password";
    assert_eq!(
        titles(&session.suggest_kept_kb(subject).unwrap()),
        ["Resetting your password", "Ärger mit der Anmeldung"]
    );

    let counts = session.vote_kb_article(anmeldung, true).await.unwrap();
    assert_eq!((counts.helpful_count, counts.not_helpful_count), (1, 0));
    assert_eq!(session.kept_kb_vote(anmeldung).unwrap(), Some(true));
    assert_eq!(
        titles(&session.suggest_kept_kb(subject).unwrap()),
        ["Ärger mit der Anmeldung", "Resetting your password"],
        "an article the user found helpful comes first"
    );

    // Offline: the answer is kept in the outbox and on this computer.
    let address = proxy.url().to_owned();
    drop(proxy);
    let offline = session.vote_kb_article(password, false).await.unwrap_err();
    assert!(offline.is_offline(), "{offline}");
    session
        .queue(portal_client::outbox::OutboxChange::KbVote {
            article_id: password,
            title: "Resetting your password".into(),
            helpful: false,
        })
        .unwrap();
    session.record_kb_vote(password, false).unwrap();
    assert_eq!(
        titles(&session.suggest_kept_kb(subject).unwrap()),
        ["Ärger mit der Anmeldung"],
        "an article the user said did not help is not suggested again"
    );
    // A vote for an article taken down meanwhile is let go of.
    session
        .queue(portal_client::outbox::OutboxChange::KbVote {
            article_id: 999,
            title: "Gone".into(),
            helpful: true,
        })
        .unwrap();

    let _back = FaultProxy::start_at(&address, portal.url());
    let round = session.send_outbox().await.unwrap();
    assert!(round.stopped.is_none(), "{:?}", round.stopped);
    assert_eq!(round.sent.len(), 2);
    assert!(session.outbox().unwrap().is_empty());
    assert_eq!(
        portal.query_i64(&format!(
            "SELECT helpful FROM kb_votes WHERE article_id = {password}"
        )),
        0
    );
}
