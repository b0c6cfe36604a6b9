//! The document and ticket lists against the portal: a list is read whole
//! at one version, kept with that version, and refreshed with one request
//! answered 304 while it is unchanged; a list that changes between two
//! pages is read again from its start, never stitched from two versions.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use portal_api::documents::DocumentFilter;
use portal_client::Session;
use portal_client::documents::DocumentScope;
use test_support::{FaultProxy, TestPortal};

use crate::ADA_PASSWORD as PASSWORD;
/// Three pages of 200.
const DOCUMENTS: usize = 450;
/// Three pages of 200 too.
const TICKETS: usize = 420;

fn fixtures() -> String {
    serde_json::json!({
        "users": [{ "email": "ada@example.com", "password": PASSWORD,
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "documents": (1..=DOCUMENTS).map(|n| serde_json::json!({
            "number": format!("INV-{n}"), "kind": "invoice",
            "issued_on": format!("2026-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
            "amount": "10.00", "currency": "EUR", "user": "ada@example.com",
            "content": "x"
        })).collect::<Vec<_>>(),
        "tickets": (1..=TICKETS).map(|n| serde_json::json!({
            "subject": format!("Question {n}"), "kind": "support", "status": "open",
            "requester": "ada@example.com",
            "comments": [{ "author": "ada@example.com",
                           "at": format!("2026-01-01T00:{:02}:{:02}Z", n / 60, n % 60),
                           "text": "Details." }]
        })).collect::<Vec<_>>()
    })
    .to_string()
}

/// The portal with the documents, a proxy that records the requests in
/// front of it, and Ada signed in through the proxy.
async fn setup() -> (TestPortal, FaultProxy, tempfile::TempDir, Session) {
    crate::ada_through_a_proxy(&fixtures()).await
}

/// Runs `sql` on the portal's database from inside the proxy's hook.
fn run_sql(db: &std::path::Path, sql: &str) {
    rusqlite::Connection::open(db)
        .unwrap()
        .execute(sql, [])
        .unwrap();
}

fn list_requests(proxy: &FaultProxy) -> Vec<test_support::SeenApiRequest> {
    proxy.api_requests_to("/api/v1/me/documents")
}

#[tokio::test]
async fn an_unchanged_list_is_refreshed_with_one_request_answered_304() {
    let (portal, proxy, _home, session) = setup().await;
    let all = DocumentFilter::default();

    let first = session.documents(DocumentScope::Mine, &all).await.unwrap();
    assert_eq!(first.len(), DOCUMENTS);
    assert_eq!(list_requests(&proxy).len(), 3, "three pages of 200");

    let again = session.documents(DocumentScope::Mine, &all).await.unwrap();
    assert_eq!(again, first, "the kept copy, as it was");
    let requests = list_requests(&proxy);
    assert_eq!(requests.len(), 4, "one more request: {requests:?}");
    let refresh = &requests[3];
    assert_eq!(refresh.status, 304);
    assert_eq!(refresh.body_bytes, 0);
    assert!(
        refresh.if_none_match.is_some(),
        "it named the version it had"
    );

    portal.execute("UPDATE documents SET title = 'Renamed' WHERE number = 'INV-7'");
    let changed = session.documents(DocumentScope::Mine, &all).await.unwrap();
    assert_eq!(changed.len(), DOCUMENTS);
    assert!(changed.iter().any(|document| document.title == "Renamed"));
    assert_eq!(
        list_requests(&proxy).len(),
        7,
        "a changed list is read whole again"
    );
}

#[tokio::test]
async fn a_list_that_changes_between_two_pages_is_read_again_from_its_start() {
    let (portal, proxy, _home, session) = setup().await;
    // While the second page is asked for, the vendor adds a document that
    // sorts first: stitched pages would repeat the last item of page one.
    let db = portal.db_path().to_owned();
    let changes = Arc::new(AtomicUsize::new(0));
    let counted = changes.clone();
    proxy.before_api_request(move |path| {
        if path.starts_with("/api/v1/me/documents")
            && path.contains("cursor=")
            && counted.fetch_add(1, Ordering::SeqCst) == 0
        {
            run_sql(
                &db,
                "INSERT INTO documents (number, kind, title, issued_on, amount, currency, paid,
                    user_id, file_name, media_type, size, sha256)
                 SELECT 'INV-NEW', kind, 'Added while reading', '2099-01-01', amount, currency,
                    paid, user_id, 'INV-NEW.pdf', media_type, size, sha256
                 FROM documents WHERE number = 'INV-1'",
            );
        }
    });

    let documents = session
        .documents(DocumentScope::Mine, &DocumentFilter::default())
        .await
        .unwrap();
    assert_eq!(
        documents.len(),
        DOCUMENTS + 1,
        "every document once, the new one too"
    );
    let mut ids: Vec<i64> = documents.iter().map(|document| document.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), DOCUMENTS + 1, "no document twice");
    assert_eq!(documents[0].number, "INV-NEW");
    let paths: Vec<String> = list_requests(&proxy)
        .into_iter()
        .map(|request| request.path)
        .collect();
    assert_eq!(
        paths.len(),
        5,
        "page 1, page 2 (changed), then pages 1 to 3: {paths:?}"
    );
    assert!(
        !paths[2].contains("cursor="),
        "read again from the start: {paths:?}"
    );
}

#[tokio::test]
async fn a_list_that_changes_on_every_read_is_given_up_with_a_reason() {
    let (portal, proxy, _home, session) = setup().await;
    let db = portal.db_path().to_owned();
    proxy.before_api_request(move |path| {
        if path.starts_with("/api/v1/me/documents") && path.contains("cursor=") {
            run_sql(
                &db,
                "UPDATE documents SET title = title || '.' WHERE number = 'INV-3'",
            );
        }
    });
    let error = session
        .documents(DocumentScope::Mine, &DocumentFilter::default())
        .await
        .unwrap_err();
    assert_eq!(error.code(), "not_a_portal");
    assert!(
        error.to_string().contains("changed every time it was read"),
        "{error}"
    );
    assert_eq!(
        list_requests(&proxy).len(),
        6,
        "three tries of two pages each"
    );
}

#[tokio::test]
async fn an_unchanged_ticket_list_of_several_pages_is_refreshed_with_one_request_answered_304() {
    let (portal, proxy, _home, session) = setup().await;
    let ticket_requests = || proxy.api_requests_to("/api/v1/tickets?");
    let first = session.refresh_tickets().await.unwrap();
    assert!(first.changed);
    assert_eq!(first.tickets.len(), TICKETS);
    assert_eq!(ticket_requests().len(), 3, "three pages of 200");

    let again = session.refresh_tickets().await.unwrap();
    assert!(!again.changed, "nothing changed");
    assert!(again.tickets.is_empty(), "the kept copy is not read");
    assert_eq!(
        session.cached_tickets().unwrap().unwrap().value,
        first.tickets
    );
    let requests = ticket_requests();
    assert_eq!(requests.len(), 4, "one more request: {requests:?}");
    assert_eq!((requests[3].status, requests[3].body_bytes), (304, 0));
    assert!(
        requests[3].wire_bytes < 1024,
        "an idle check costs under 1 KB: {}",
        requests[3].wire_bytes
    );

    // A change on the last page only (the oldest ticket's subject) is seen.
    portal
        .execute("UPDATE tickets SET subject = 'Renamed' WHERE id = (SELECT min(id) FROM tickets)");
    let changed = session.refresh_tickets().await.unwrap();
    assert!(changed.changed);
    assert_eq!(changed.tickets.len(), TICKETS);
    assert_eq!(changed.tickets.last().unwrap().subject, "Renamed");
    assert_eq!(
        ticket_requests().len(),
        7,
        "a changed list is read whole again"
    );
}

/// Sets every document's title to its number and `chars` more characters.
fn long_titles(portal: &TestPortal, chars: usize) {
    portal.execute(&format!(
        "UPDATE documents SET title = number || ' ' || replace(hex(zeroblob({})), '0', 'T')",
        chars / 2
    ));
}

#[tokio::test]
async fn five_megabytes_of_titles_are_kept_whole_and_a_page_too_large_for_any_answer_keeps_them() {
    let (portal, proxy, _home, session) = setup().await;
    let all = DocumentFilter::default();
    // 450 titles of 11,200 characters: 5 MB, in pages of 2.2 MB.
    long_titles(&portal, 11_200);
    let listed = session.documents(DocumentScope::Mine, &all).await.unwrap();
    assert_eq!(listed.len(), DOCUMENTS);
    let title_bytes: usize = listed.iter().map(|document| document.title.len()).sum();
    assert!(title_bytes > 5_000_000, "{title_bytes} bytes of titles");
    assert!(
        listed
            .iter()
            .all(|document| document.title.starts_with(&document.number))
    );
    let kept = session
        .cached_documents_json(DocumentScope::Mine)
        .unwrap()
        .unwrap()
        .value;
    let shown = portal_client::documents::listed_documents_json(&kept).unwrap();
    let shown: Vec<serde_json::Value> = serde_json::from_str(shown.get()).unwrap();
    assert_eq!(shown.len(), DOCUMENTS);
    assert_eq!(
        shown[0]["title"].as_str().unwrap().len(),
        listed[0].title.len()
    );
    let again = session.documents(DocumentScope::Mine, &all).await.unwrap();
    assert_eq!(again, listed);
    assert_eq!(list_requests(&proxy).last().unwrap().status, 304);

    // Titles of 25,000 characters make a page of 5 MB, more than any API
    // answer: the sync stops with a reason, and the kept list stays.
    long_titles(&portal, 25_000);
    let error = session
        .documents(DocumentScope::Mine, &all)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "not_a_portal", "{error}");
    assert!(
        error.to_string().contains("larger than any API answer"),
        "{error}"
    );
    let still_kept = session
        .cached_documents(DocumentScope::Mine)
        .unwrap()
        .unwrap()
        .value;
    assert_eq!(still_kept, listed, "the kept list is as it was");
}
