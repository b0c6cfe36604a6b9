//! Quotes and invoices over real HTTP: the lists with paging and filters,
//! who may see what, and the file answers (ETag, ranges, digest).

use base64::Engine;
use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_RANGES, AUTHORIZATION, CONTENT_DISPOSITION, CONTENT_RANGE, ETAG, IF_RANGE, RANGE,
};
use serde_json::Value;
use sha2::{Digest, Sha256};
use test_support::TestPortal;
use test_support::portal_api;

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;
const PASSWORD: &str = "demo-password";

async fn token(portal: &TestPortal, email: &str) -> String {
    portal_api::access_token(portal.url(), email, PASSWORD).await
}

async fn get_json(portal: &TestPortal, token: &str, path: &str) -> (StatusCode, Value) {
    portal_api::get_json(portal.url(), token, path).await
}

/// Every page of a list, following `next_cursor`.
async fn all_pages(portal: &TestPortal, token: &str, path: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    let separator = if path.contains('?') { '&' } else { '?' };
    loop {
        let url = match &cursor {
            Some(cursor) => format!("{path}{separator}limit=10&cursor={cursor}"),
            None => format!("{path}{separator}limit=10"),
        };
        let (status, page) = get_json(portal, token, &url).await;
        assert_eq!(status, StatusCode::OK, "{url}: {page}");
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return items,
        }
    }
}

#[tokio::test]
async fn my_documents_page_and_filter() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let all = all_pages(&portal, &dana, "/api/v1/me/documents").await;
    assert_eq!(all.len(), 22, "4 single documents and a series of 18");
    let mut ids: Vec<i64> = all.iter().map(|d| d["id"].as_i64().unwrap()).collect();
    let listed = ids.clone();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 22, "each document once across the pages");
    let mut order = all.clone();
    order.sort_by(|a, b| {
        (b["issued_on"].as_str(), b["id"].as_i64())
            .cmp(&(a["issued_on"].as_str(), a["id"].as_i64()))
    });
    let ordered: Vec<i64> = order.iter().map(|d| d["id"].as_i64().unwrap()).collect();
    assert_eq!(listed, ordered, "newest first, then the higher id");
    let (_, first) = get_json(&portal, &dana, "/api/v1/me/documents?limit=10").await;
    let cursor = first["next_cursor"].as_str().unwrap();
    assert!(
        cursor.starts_with('k'),
        "a later page starts after the last document, not after skipping rows: {cursor}"
    );
    assert!(all.iter().all(|d| d["recipient"]["type"] == "user"));
    let dates: Vec<&str> = all
        .iter()
        .map(|d| d["issued_on"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");

    let quotes = all_pages(&portal, &dana, "/api/v1/me/documents?kind=quote").await;
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0]["number"], "Q-2026-0117");
    assert_eq!(quotes[0]["amount"], "14820.00");
    assert_eq!(quotes[0]["currency"], "GBP");

    let today = portal.clock().today().to_string();
    let overdue = all_pages(&portal, &dana, "/api/v1/me/documents?status=overdue").await;
    assert!(!overdue.is_empty());
    assert!(
        overdue
            .iter()
            .all(|d| d["status"] == "overdue" && d["due_on"].as_str().unwrap() < today.as_str())
    );
    let unpaid = all_pages(&portal, &dana, "/api/v1/me/documents?status=unpaid").await;
    let later = unpaid
        .iter()
        .find(|d| d["number"] == "INV-2026-1044")
        .expect("due in 55 days: not yet overdue");
    assert!(later["due_on"].as_str().unwrap() >= today.as_str());
    let paid = all_pages(&portal, &dana, "/api/v1/me/documents?status=paid").await;
    assert_eq!(paid.len() + unpaid.len() + overdue.len(), 22);

    // Two months on (signed in again: the access token has expired), the
    // same unpaid invoice is overdue.
    portal.clock().advance(time::Duration::days(60));
    let dana = token(&portal, "dana@example.com").await;
    let overdue_later = all_pages(&portal, &dana, "/api/v1/me/documents?status=overdue").await;
    assert!(overdue_later.iter().any(|d| d["number"] == "INV-2026-1044"));
    assert!(overdue_later.len() > overdue.len());

    let in_2025 = all_pages(&portal, &dana, "/api/v1/me/documents?year=2025").await;
    assert!(!in_2025.is_empty());
    assert!(
        in_2025
            .iter()
            .all(|d| d["issued_on"].as_str().unwrap().starts_with("2025-"))
    );

    let found = all_pages(&portal, &dana, "/api/v1/me/documents?q=summit").await;
    assert_eq!(found.len(), 1, "text search ignores case");
    let wildcard = all_pages(&portal, &dana, "/api/v1/me/documents?q=%25").await;
    assert!(wildcard.is_empty(), "% is searched for, not a wildcard");

    for bad in [
        "kind=receipt",
        "status=late",
        "limit=0",
        "cursor=zz",
        "cursor=k",
        "cursor=k2026-01-01",
        "cursor=k2026-01-01~x",
        "cursor=k'%3B--~1",
        "year=twenty",
    ] {
        let (status, problem) =
            get_json(&portal, &dana, &format!("/api/v1/me/documents?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {problem}");
    }
}

#[tokio::test]
async fn organization_documents_need_a_role_that_grants_them() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let lee = token(&portal, "lee@example.com").await;
    let priya = token(&portal, "priya@example.com").await;
    let northwind =
        portal.query_i64("SELECT id FROM organizations WHERE name = 'Northwind Traders'");
    let path = format!("/api/v1/organizations/{northwind}/documents");

    let documents = all_pages(&portal, &dana, &path).await;
    assert_eq!(documents.len(), 105, "80 invoices and 25 quotes");
    assert!(
        documents
            .iter()
            .all(|d| d["recipient"]["organization"] == "Northwind Traders")
    );
    let by_accounts_payable = all_pages(&portal, &priya, &path).await;
    assert_eq!(by_accounts_payable.len(), 105);

    let (status, problem) = get_json(&portal, &lee, &path).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a Technical Contact: {problem}"
    );
    assert_eq!(problem["code"], "forbidden");
    let contoso = portal.query_i64("SELECT id FROM organizations WHERE name = 'Contoso Partners'");
    let (status, _) = get_json(
        &portal,
        &priya,
        &format!("/api/v1/organizations/{contoso}/documents"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "not a contact there at all");

    let total = portal.query_i64("SELECT COUNT(*) FROM documents");
    assert!(total >= 200, "the demo has {total} documents");
}

async fn get_file(
    portal: &TestPortal,
    token: &str,
    id: i64,
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = test_support::loopback_client()
        .get(format!("{}/api/v1/documents/{id}/file", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn files_are_served_with_etag_ranges_and_digest() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let id = portal.query_i64("SELECT id FROM documents WHERE number = 'Q-2026-0117'");

    let response = get_file(&portal, &dana, id, &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    let body = response.bytes().await.unwrap();
    assert!(body.starts_with(b"%PDF-1."));
    let digest = Sha256::digest(&body);
    let sha256 = hex::encode(digest);
    assert_eq!(headers[ETAG], format!("\"{sha256}\"").as_str());
    assert_eq!(
        headers["repr-digest"],
        format!(
            "sha-256=:{}:",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
        .as_str()
    );
    assert_eq!(headers[ACCEPT_RANGES], "bytes");
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        headers[CONTENT_DISPOSITION],
        "attachment; filename=\"Quote Q-2026-0117.pdf\"; filename*=UTF-8''Quote%20Q-2026-0117.pdf"
    );
    let (_, listed) = get_json(&portal, &dana, "/api/v1/me/documents?kind=quote").await;
    assert_eq!(listed["items"][0]["sha256"], sha256.as_str());
    assert_eq!(listed["items"][0]["size"], body.len() as u64);

    let etag = headers[ETAG].to_str().unwrap().to_owned();
    let part = get_file(
        &portal,
        &dana,
        id,
        &[("range", "bytes=100-"), ("if-range", &etag)],
    )
    .await;
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        part.headers()[CONTENT_RANGE],
        format!("bytes 100-{}/{}", body.len() - 1, body.len()).as_str()
    );
    assert_eq!(part.bytes().await.unwrap(), body[100..]);

    let stale = get_file(
        &portal,
        &dana,
        id,
        &[
            (RANGE.as_str(), "bytes=100-"),
            (IF_RANGE.as_str(), "\"old\""),
        ],
    )
    .await;
    assert_eq!(
        stale.status(),
        StatusCode::OK,
        "a changed file is sent whole"
    );
    assert_eq!(stale.bytes().await.unwrap(), body);

    let past = get_file(
        &portal,
        &dana,
        id,
        &[("range", &format!("bytes={}-", body.len()))],
    )
    .await;
    assert_eq!(past.status(), StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(
        past.headers()[CONTENT_RANGE],
        format!("bytes */{}", body.len()).as_str()
    );
}

#[tokio::test]
async fn files_are_only_for_those_who_may_see_the_document() {
    let portal = TestPortal::with_fixtures(DEMO);
    let lee = token(&portal, "lee@example.com").await;
    let kenji = token(&portal, "kenji@example.com").await;
    let priya = token(&portal, "priya@example.com").await;
    let personal = portal.query_i64("SELECT id FROM documents WHERE number = 'Q-2026-0117'");
    let northwind = portal.query_i64("SELECT id FROM documents WHERE number = 'NW-INV-0001'");

    assert_eq!(
        get_file(&portal, &lee, personal, &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_file(&portal, &priya, personal, &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_file(&portal, &lee, northwind, &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get_file(&portal, &kenji, northwind, &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_file(&portal, &priya, northwind, &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        get_file(&portal, &priya, 999_999, &[]).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn reissuing_a_document_changes_its_etag() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let id = portal.query_i64("SELECT id FROM documents WHERE number = 'INV-2026-0981'");
    let before = get_file(&portal, &dana, id, &[]).await.headers()[ETAG].clone();
    let new_file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(new_file.path(), b"reissued").unwrap();
    let output = std::process::Command::new(test_support::workspace_binary("portal-server"))
        .args(["admin", "replace-document-file", &id.to_string(), "--file"])
        .arg(new_file.path())
        .arg("--db")
        .arg(portal.db_path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let after = get_file(&portal, &dana, id, &[]).await;
    assert_ne!(after.headers()[ETAG], before);
    assert_eq!(after.bytes().await.unwrap().as_ref(), b"reissued");
}

/// A GET with the bearer and, when given, `If-None-Match`: the status, the
/// `ETag` and the body's length.
async fn get_versioned(
    portal: &TestPortal,
    token: &str,
    path: &str,
    if_none_match: Option<&str>,
) -> (StatusCode, String, usize) {
    let mut request = test_support::loopback_client()
        .get(format!("{}{path}", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"));
    if let Some(version) = if_none_match {
        request = request.header(reqwest::header::IF_NONE_MATCH, version);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let etag = response.headers()[ETAG].to_str().unwrap().to_owned();
    (status, etag, response.bytes().await.unwrap().len())
}

#[tokio::test]
async fn a_document_list_answers_its_version_and_304_while_unchanged() {
    let portal = TestPortal::with_fixtures(DEMO);
    let dana = token(&portal, "dana@example.com").await;
    let first = "/api/v1/me/documents?limit=10";
    let (status, version, bytes) = get_versioned(&portal, &dana, first, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes > 1000);
    let (_, page) = get_json(&portal, &dana, first).await;
    let next = page["next_cursor"].as_str().unwrap();
    let second = format!("{first}&cursor={next}");
    let (_, second_version, _) = get_versioned(&portal, &dana, &second, None).await;
    assert_eq!(
        second_version, version,
        "every page carries the list's version"
    );

    let (status, same, bytes) = get_versioned(&portal, &dana, first, Some(&version)).await;
    assert_eq!(
        (status, bytes),
        (StatusCode::NOT_MODIFIED, 0),
        "unchanged: 304, no body"
    );
    assert_eq!(same, version);
    let (status, _, _) = get_versioned(&portal, &dana, &second, Some(&version)).await;
    assert_eq!(status, StatusCode::OK, "only the first page answers 304");
    let (status, _, _) = get_versioned(
        &portal,
        &dana,
        "/api/v1/me/documents?limit=10&kind=quote",
        Some(&version),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "another filter is another list");

    // Any change to a document moves the version.
    portal.execute(
        "UPDATE documents SET title = title || ' (reissued)' WHERE id = (SELECT min(id) FROM documents)",
    );
    let (status, changed, _) = get_versioned(&portal, &dana, first, Some(&version)).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(changed, version);

    // So does midnight: a document can fall overdue without any write.
    portal.clock().advance(time::Duration::days(1));
    let dana = token(&portal, "dana@example.com").await;
    let (status, next_day, _) = get_versioned(&portal, &dana, first, Some(&changed)).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(next_day, changed);
}
