//! A portal for a client's tests holds the client to the API document.

use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal, portal_api};

#[tokio::test]
#[should_panic(expected = "query parameter \"sort\" is not documented")]
async fn a_request_off_the_document_fails_the_test() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let token = portal_api::access_token(portal.url(), "ada@example.com", PASSWORD).await;
    portal_api::get(portal.url(), &token, "/api/v1/tickets?sort=newest").await;
    drop(portal);
}

#[tokio::test]
async fn documented_requests_and_declared_ones_pass() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let token = portal_api::access_token(portal.url(), "ada@example.com", PASSWORD).await;
    portal_api::get(portal.url(), &token, "/api/v1/tickets?limit=20&status=open").await;
    portal.sends_off_contract_on_purpose("GET /api/v1/tickets: query parameter \"sort\"");
    portal_api::get(portal.url(), &token, "/api/v1/tickets?sort=newest").await;
    assert_eq!(portal.contract_violations(), Vec::<String>::new());
}
