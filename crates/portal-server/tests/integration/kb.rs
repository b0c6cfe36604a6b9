//! The knowledge base over real HTTP: categories, articles in versioned
//! pages (one 304 for an unchanged base), images, search with filters,
//! suggestions for a subject, and votes; typed text is never query syntax.

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, ETAG, IF_NONE_MATCH, X_CONTENT_TYPE_OPTIONS};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use test_support::TestPortal;
use test_support::portal_api;

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;
const PASSWORD: &str = "demo-password";

async fn dana(portal: &TestPortal) -> String {
    portal_api::access_token(portal.url(), "dana@example.com", PASSWORD).await
}

async fn get_json(portal: &TestPortal, token: &str, path: &str) -> (StatusCode, Value) {
    portal_api::get_json(portal.url(), token, path).await
}

fn titles(hits: &Value) -> Vec<&str> {
    hits.as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["title"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_demo_base_is_read_whole_in_pages_and_an_unchanged_one_costs_a_304() {
    let portal = TestPortal::with_fixtures(DEMO);
    let token = dana(&portal).await;
    let (status, categories) = get_json(&portal, &token, "/api/v1/kb/categories").await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = categories
        .as_array()
        .unwrap()
        .iter()
        .map(|category| category["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names[..3],
        ["Getting started", "Billing and payments", "Support tickets"]
    );
    assert_eq!(categories[0]["sections"][0]["name"], "Signing in");

    let client = reqwest::Client::new();
    let mut articles: Vec<Value> = Vec::new();
    let mut cursor: Option<String> = None;
    let mut versions = Vec::new();
    loop {
        let url = match &cursor {
            Some(cursor) => format!(
                "{}/api/v1/kb/articles?limit=25&cursor={cursor}",
                portal.url()
            ),
            None => format!("{}/api/v1/kb/articles?limit=25", portal.url()),
        };
        let answer = client.get(&url).bearer_auth(&token).send().await.unwrap();
        assert_eq!(answer.status(), StatusCode::OK);
        versions.push(answer.headers()[ETAG].to_str().unwrap().to_owned());
        let page: Value = answer.json().await.unwrap();
        articles.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(articles.len(), 60);
    assert!(
        versions.windows(2).all(|pair| pair[0] == pair[1]),
        "{versions:?}"
    );
    let with_image = articles
        .iter()
        .find(|article| article["title"] == "Downloading an invoice as a PDF")
        .unwrap();
    assert!(
        with_image["body"]
            .as_str()
            .unwrap()
            .contains("](invoice-list.png)")
    );
    assert_eq!(with_image["tags"], json!(["invoices", "pdf", "downloads"]));
    let image = &with_image["images"][0];
    assert_eq!(image["name"], "invoice-list.png");

    // The image: its bytes match the listed digest and size.
    let answer = client
        .get(format!("{}/api/v1/kb/images/{}", portal.url(), image["id"]))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.headers()[CONTENT_TYPE], "image/png");
    assert_eq!(answer.headers()[X_CONTENT_TYPE_OPTIONS], "nosniff");
    let bytes = answer.bytes().await.unwrap();
    assert_eq!(bytes.len() as i64, image["size"].as_i64().unwrap());
    assert_eq!(
        hex::encode(Sha256::digest(&bytes)),
        image["sha256"].as_str().unwrap()
    );

    // Unchanged: one 304.
    let unchanged = client
        .get(format!("{}/api/v1/kb/articles?limit=200", portal.url()))
        .bearer_auth(&token)
        .header(IF_NONE_MATCH, &versions[0])
        .send()
        .await
        .unwrap();
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);

    // An article edited on the portal moves the version.
    portal.execute("UPDATE kb_articles SET title = title || ' (updated)' WHERE id = 1");
    let changed = client
        .get(format!("{}/api/v1/kb/articles?limit=200", portal.url()))
        .bearer_auth(&token)
        .header(IF_NONE_MATCH, &versions[0])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(changed.headers()[ETAG].to_str().unwrap(), versions[0]);
}

#[tokio::test]
async fn search_ranks_titles_first_matches_word_starts_and_filters_by_category_and_tag() {
    let portal = TestPortal::with_fixtures(DEMO);
    let token = dana(&portal).await;
    let (status, hits) = get_json(&portal, &token, "/api/v1/kb/search?q=invoice%20pdf").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&hits)[0], "Downloading an invoice as a PDF");
    assert!(!hits[0]["snippet"].as_str().unwrap().contains("**"));

    // "passw" finds "password" (a word's start), without diacritics too.
    let (_, hits) = get_json(&portal, &token, "/api/v1/kb/search?q=passw").await;
    assert!(titles(&hits).contains(&"I forgot my password"), "{hits}");

    // Filters: category 1 (Getting started) and a tag.
    let (_, hits) = get_json(&portal, &token, "/api/v1/kb/search?q=password&category=1").await;
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .all(|hit| hit["category_id"] == 1),
        "{hits}"
    );
    let (_, hits) = get_json(&portal, &token, "/api/v1/kb/search?tag=partner%20kit").await;
    assert!(
        titles(&hits).contains(&"What is in the Partner Kit"),
        "{hits}"
    );
    assert!(
        hits.as_array().unwrap().iter().all(|hit| hit["tags"]
            .as_array()
            .unwrap()
            .contains(&json!("partner kit"))),
        "{hits}"
    );
}

#[tokio::test]
async fn typed_query_syntax_is_taken_as_words_and_long_text_is_refused() {
    let portal = TestPortal::with_fixtures(DEMO);
    let token = dana(&portal).await;
    for hostile in [
        "\"unbalanced",
        "NEAR(a b)",
        "title:password",
        "* OR *",
        "password)",
        "'; DROP TABLE kb_articles; --",
    ] {
        let path = format!("/api/v1/kb/search?q={}", urlencoding(hostile));
        let (status, _) = get_json(&portal, &token, &path).await;
        assert_eq!(status, StatusCode::OK, "{hostile}");
    }
    let (_, hits) = get_json(&portal, &token, "/api/v1/kb/search?q=%22password%29%2A").await;
    assert!(titles(&hits).contains(&"I forgot my password"), "{hits}");
    let long = "a".repeat(201);
    let (status, problem) = get_json(&portal, &token, &format!("/api/v1/kb/search?q={long}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem["code"], "invalid_request");
    let (_, hits) = get_json(&portal, &token, "/api/v1/kb/articles?limit=200").await;
    assert_eq!(
        hits["items"].as_array().unwrap().len(),
        60,
        "nothing was dropped"
    );
}

fn urlencoding(text: &str) -> String {
    text.bytes().map(|byte| format!("%{byte:02X}")).collect()
}

#[tokio::test]
async fn a_subject_gets_up_to_five_related_articles_and_short_words_get_none() {
    let portal = TestPortal::with_fixtures(DEMO);
    let token = dana(&portal).await;
    let (status, hits) = get_json(
        &portal,
        &token,
        "/api/v1/kb/suggestions?subject=My%20invoice%20is%20marked%20overdue",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(hits.as_array().unwrap().len() <= 5);
    assert_eq!(titles(&hits)[0], "Why is my invoice marked overdue?");
    let (_, none) = get_json(&portal, &token, "/api/v1/kb/suggestions?subject=a%20b%20to").await;
    assert_eq!(none, json!([]));
}

#[tokio::test]
async fn a_vote_is_counted_once_per_user_and_can_change() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = dana(&portal).await;
    let marco = portal_api::access_token(portal.url(), "marco@example.com", PASSWORD).await;
    let client = reqwest::Client::new();
    let vote = |token: &str, helpful: bool| {
        client
            .put(format!("{}/api/v1/kb/articles/3/vote", portal.url()))
            .bearer_auth(token)
            .json(&json!({ "helpful": helpful }))
            .send()
    };
    let counts: Value = vote(&dana, true).await.unwrap().json().await.unwrap();
    assert_eq!(
        counts,
        json!({"helpful": true, "helpful_count": 1, "not_helpful_count": 0})
    );
    let counts: Value = vote(&dana, true).await.unwrap().json().await.unwrap();
    assert_eq!(
        counts["helpful_count"], 1,
        "the same answer again counts once"
    );
    let counts: Value = vote(&marco, false).await.unwrap().json().await.unwrap();
    assert_eq!(
        counts,
        json!({"helpful": false, "helpful_count": 1, "not_helpful_count": 1})
    );
    let counts: Value = vote(&dana, false).await.unwrap().json().await.unwrap();
    assert_eq!(
        counts,
        json!({"helpful": false, "helpful_count": 0, "not_helpful_count": 2})
    );

    let missing = client
        .put(format!("{}/api/v1/kb/articles/9999/vote", portal.url()))
        .bearer_auth(&dana)
        .json(&json!({ "helpful": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let anonymous = client
        .get(format!("{}/api/v1/kb/articles", portal.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}
