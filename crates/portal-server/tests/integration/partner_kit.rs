//! The Partner Kit over real HTTP: only for roles granting `partner_kit`,
//! listed whole in versioned pages (one 304 when unchanged, a new version
//! after the vendor publishes or removes a file), file bytes with ranges
//! and digests.

use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_NONE_MATCH, RANGE};
use serde_json::Value;
use sha2::{Digest, Sha256};
use test_support::TestPortal;
use test_support::portal_api;

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;
const PASSWORD: &str = "demo-password";

async fn list(portal: &TestPortal, token: &str, etag: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .get(format!("{}/api/v1/partner-kit/files?limit=5", portal.url()))
        .bearer_auth(token);
    if let Some(etag) = etag {
        request = request.header(IF_NONE_MATCH, etag);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn the_kit_is_listed_in_versioned_pages_served_with_digests_and_only_to_its_roles() {
    let portal = TestPortal::with_fixtures(DEMO);
    let lee = portal_api::access_token(portal.url(), "lee@example.com", PASSWORD).await;
    let (status, refused) =
        portal_api::get_json(portal.url(), &lee, "/api/v1/partner-kit/files").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(refused["code"], "forbidden");
    assert!(
        refused["detail"].as_str().unwrap().contains("Partner Kit"),
        "{refused}"
    );

    let sofia = portal_api::access_token(portal.url(), "sofia@example.com", PASSWORD).await;
    let first = list(&portal, &sofia, None).await;
    assert_eq!(first.status(), StatusCode::OK);
    let version = first.headers()[ETAG].to_str().unwrap().to_owned();
    let page: Value = first.json().await.unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 5);
    let logo = &page["items"][0];
    assert_eq!(
        logo["path"],
        serde_json::json!(["Logos", "Contoso Partner logo.png"])
    );
    assert_eq!(logo["media_type"], "image/png");
    assert_eq!(logo["version"], 1);
    let cursor = page["next_cursor"].as_str().unwrap();
    let (_, rest) = portal_api::get_json(
        portal.url(),
        &sofia,
        &format!("/api/v1/partner-kit/files?limit=5&cursor={cursor}"),
    )
    .await;
    assert_eq!(rest["items"].as_array().unwrap().len(), 3);
    assert_eq!(rest["next_cursor"], Value::Null);

    let unchanged = list(&portal, &sofia, Some(&version)).await;
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);

    // The bytes: whole with their digest, or a range.
    let content = format!("/api/v1/partner-kit/files/{}/content", logo["id"]);
    let whole = portal_api::get(portal.url(), &sofia, &content).await;
    assert_eq!(whole.status(), StatusCode::OK);
    assert!(
        whole.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("Contoso Partner logo.png")
    );
    let bytes = whole.bytes().await.unwrap();
    assert_eq!(bytes.len() as u64, logo["size"].as_u64().unwrap());
    assert_eq!(
        hex::encode(Sha256::digest(&bytes)),
        logo["sha256"].as_str().unwrap()
    );
    let part = reqwest::Client::new()
        .get(format!("{}{content}", portal.url()))
        .bearer_auth(&sofia)
        .header(RANGE, "bytes=8-15")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.bytes().await.unwrap(), bytes[8..16]);

    // The vendor updates a file: same id, next version, a new kit version.
    let id = portal_api::publish_kit_file(
        portal.db_path(),
        "Logos/Contoso Partner logo.png",
        b"new logo",
    );
    assert_eq!(Some(id), logo["id"].as_i64());
    let changed = list(&portal, &sofia, Some(&version)).await;
    assert_eq!(changed.status(), StatusCode::OK);
    let newer = changed.headers()[ETAG].to_str().unwrap().to_owned();
    assert_ne!(newer, version);
    let page: Value = changed.json().await.unwrap();
    assert_eq!(page["items"][0]["version"], 2);
    assert_eq!(page["items"][0]["size"], 8);
    portal_api::remove_kit_file(portal.db_path(), "Templates/Webinar invitation.txt");
    assert_eq!(
        list(&portal, &sofia, Some(&newer)).await.status(),
        StatusCode::OK
    );

    // A role that loses the grant loses the kit.
    portal.execute("UPDATE roles SET grants = '[]' WHERE name = 'Marketing'");
    assert_eq!(
        list(&portal, &sofia, None).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        portal_api::get(portal.url(), &sofia, &content)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}
