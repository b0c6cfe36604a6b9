//! `/api/v1/me/settings` and `/api/v1/me/roles` over real HTTP.

use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, ETAG, IF_MATCH};
use serde_json::{Value, json};
use test_support::portal_api;
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

async fn access_token(portal: &TestPortal, email: &str, password: &str) -> String {
    portal_api::access_token(portal.url(), email, password).await
}

async fn get(portal: &TestPortal, token: &str, path: &str) -> reqwest::Response {
    portal_api::get(portal.url(), token, path).await
}

async fn put_settings(
    portal: &TestPortal,
    token: &str,
    etag: Option<&str>,
    body: Value,
) -> reqwest::Response {
    let mut request = test_support::loopback_client()
        .put(format!("{}/api/v1/me/settings", portal.url()))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .json(&body);
    if let Some(etag) = etag {
        request = request.header(IF_MATCH, etag);
    }
    request.send().await.unwrap()
}

fn changed_settings() -> Value {
    json!({
        "attachment_name_format": "ticket_bracket_prefix",
        "email": { "promotions": true, "ticket_updates": false, "new_features": false,
                   "invoices_and_payments": true, "security_alerts": true },
        "digest": { "frequency": "weekly", "categories": ["documents", "tickets"] }
    })
}

#[tokio::test]
async fn settings_start_as_defaults_and_are_replaced_with_if_match() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let token = access_token(&portal, "ada@example.com", PASSWORD).await;
    let response = get(&portal, &token, "/api/v1/me/settings").await;
    assert_eq!(response.status(), StatusCode::OK);
    let first_etag = response.headers()[ETAG].to_str().unwrap().to_owned();
    let defaults: Value = response.json().await.unwrap();
    assert_eq!(defaults["attachment_name_format"], "file_name");
    assert_eq!(defaults["email"]["security_alerts"], true);
    assert_eq!(defaults["digest"]["frequency"], "daily");
    assert_eq!(defaults["updated_at"], Value::Null);

    let missing = put_settings(&portal, &token, None, changed_settings()).await;
    assert_eq!(missing.status(), StatusCode::PRECONDITION_REQUIRED);

    let saved = put_settings(&portal, &token, Some(&first_etag), changed_settings()).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let second_etag = saved.headers()[ETAG].to_str().unwrap().to_owned();
    assert_ne!(second_etag, first_etag);
    let body: Value = saved.json().await.unwrap();
    assert_eq!(body["attachment_name_format"], "ticket_bracket_prefix");
    assert_eq!(
        body["digest"]["categories"],
        json!(["documents", "tickets"])
    );
    assert!(body["updated_at"].as_str().unwrap().ends_with('Z'));

    let again: Value = get(&portal, &token, "/api/v1/me/settings")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again, body, "the settings are kept on the portal");

    let stale = put_settings(&portal, &token, Some(&first_etag), changed_settings()).await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(stale.headers()[ETAG].to_str().unwrap(), second_etag);

    let mut no_digest = changed_settings();
    no_digest["digest"]["categories"] = json!([]);
    let saved = put_settings(&portal, &token, Some(&second_etag), no_digest).await;
    assert_eq!(
        saved.status(),
        StatusCode::OK,
        "no category means no digest"
    );
}

#[tokio::test]
async fn security_alerts_stay_on_and_bad_values_are_refused() {
    let portal = TestPortal::with_fixtures(BASIC_FIXTURES);
    let token = access_token(&portal, "ada@example.com", PASSWORD).await;
    let etag = get(&portal, &token, "/api/v1/me/settings").await.headers()[ETAG]
        .to_str()
        .unwrap()
        .to_owned();

    let mut off = changed_settings();
    off["email"]["security_alerts"] = json!(false);
    off["digest"]["categories"] = json!(["tickets", "tickets"]);
    let refused = put_settings(&portal, &token, Some(&etag), off).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem: Value = refused.json().await.unwrap();
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["email.security_alerts", "digest.categories"]);

    let mut unknown = changed_settings();
    unknown["attachment_name_format"] = json!("ticket_suffix");
    let refused = put_settings(&portal, &token, Some(&etag), unknown).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let settings: Value = get(&portal, &token, "/api/v1/me/settings")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        settings["attachment_name_format"], "file_name",
        "nothing was saved"
    );
}

#[tokio::test]
async fn roles_list_every_organization_with_grants_in_pages() {
    let portal = TestPortal::with_fixtures(portal_server::seed::DEMO_FIXTURES);
    let token = access_token(&portal, "dana@example.com", "demo-password").await;
    let page: Value = get(&portal, &token, "/api/v1/me/roles?limit=2")
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<(String, String)> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|role| {
            (
                role["organization"].as_str().unwrap().into(),
                role["role"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Contoso Partners".to_string(), "Admin".to_string()),
            ("Northwind Traders".into(), "Cust. Admin.".into()),
        ]
    );
    assert_eq!(page["items"][0]["policy"], "direct");
    assert!(
        page["items"][0]["grants"]
            .as_array()
            .unwrap()
            .contains(&json!("manage_contacts"))
    );
    let cursor = page["next_cursor"].as_str().unwrap();
    let last: Value = get(
        &portal,
        &token,
        &format!("/api/v1/me/roles?limit=2&cursor={cursor}"),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(last["items"][0]["role"], "Management");
    assert_eq!(last["next_cursor"], Value::Null);

    for bad in ["?limit=0", "?limit=500", "?cursor=abc", "?cursor=o-5"] {
        let response = get(&portal, &token, &format!("/api/v1/me/roles{bad}")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let plain = access_token(&portal, "lee@example.com", "demo-password").await;
    let lee: Value = get(&portal, &plain, "/api/v1/me/roles")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(lee["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        get(&portal, "nope", "/api/v1/me/roles").await.status(),
        StatusCode::UNAUTHORIZED
    );
}
