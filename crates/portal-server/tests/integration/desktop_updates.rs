//! The desktop app's update feed over HTTP: what a published release looks
//! like to each version and platform, and what is never served.

use reqwest::StatusCode;
use serde_json::{Value, json};
use test_support::{BASIC_FIXTURES, TestPortal};

const PACKAGE: &[u8] = b"!<arch>\ndebian-binary   the package bytes";

/// A releases folder publishing 0.2.0 for `linux-x86_64-deb`.
fn published(releases: &Value) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("releases.json"), releases.to_string()).unwrap();
    std::fs::write(folder.path().join("portal-desk_0.2.0_amd64.deb"), PACKAGE).unwrap();
    std::fs::write(
        folder.path().join("portal-desk_0.2.0_amd64.deb.sig"),
        "c2lnbmF0dXJl\n",
    )
    .unwrap();
    folder
}

fn release() -> Value {
    json!({
        "version": "0.2.0",
        "notes": "Faster downloads.",
        "pub_date": "2026-12-01T09:00:00Z",
        "platforms": {"linux-x86_64-deb": {"file": "portal-desk_0.2.0_amd64.deb"}}
    })
}

async fn get(portal: &TestPortal, path: &str) -> reqwest::Response {
    test_support::loopback_client()
        .get(format!("{}{path}", portal.url()))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_newer_release_is_offered_with_its_signature_and_package() {
    let folder = published(&release());
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .desktop_releases(folder.path())
        .start();
    let answer = get(&portal, "/api/v1/desktop/updates/linux-x86_64-deb/0.1.0").await;
    assert_eq!(answer.status(), StatusCode::OK);
    let offered: Value = answer.json().await.unwrap();
    assert_eq!(offered["version"], "0.2.0");
    assert_eq!(offered["notes"], "Faster downloads.");
    assert_eq!(offered["pub_date"], "2026-12-01T09:00:00Z");
    assert_eq!(
        offered["signature"], "c2lnbmF0dXJl",
        "the .sig file, trimmed"
    );
    let url = offered["url"].as_str().unwrap();
    assert_eq!(
        url,
        format!(
            "{}/api/v1/desktop/releases/0.2.0/linux-x86_64-deb",
            portal.url()
        )
    );
    let package = test_support::loopback_client()
        .get(url)
        .send()
        .await
        .unwrap();
    assert_eq!(package.status(), StatusCode::OK);
    assert_eq!(
        package.headers()["content-type"],
        "application/octet-stream"
    );
    assert_eq!(package.bytes().await.unwrap().as_ref(), PACKAGE);
}

#[tokio::test]
async fn nothing_newer_for_this_version_or_platform_is_204() {
    let folder = published(&release());
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .desktop_releases(folder.path())
        .start();
    for path in [
        "/api/v1/desktop/updates/linux-x86_64-deb/0.2.0",
        "/api/v1/desktop/updates/linux-x86_64-deb/1.0.0",
        "/api/v1/desktop/updates/linux-x86_64-rpm/0.1.0",
        "/api/v1/desktop/updates/windows-x86_64-nsis/0.1.0",
    ] {
        let answer = get(&portal, path).await;
        assert_eq!(answer.status(), StatusCode::NO_CONTENT, "{path}");
        assert!(answer.bytes().await.unwrap().is_empty());
    }
    let unpublished = TestPortal::with_fixtures(BASIC_FIXTURES);
    let answer = get(
        &unpublished,
        "/api/v1/desktop/updates/linux-x86_64-deb/0.1.0",
    )
    .await;
    assert_eq!(
        answer.status(),
        StatusCode::NO_CONTENT,
        "no releases folder"
    );
}

#[tokio::test]
async fn invalid_versions_and_platforms_are_400_and_unknown_packages_404() {
    let folder = published(&release());
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .desktop_releases(folder.path())
        .start();
    for path in [
        "/api/v1/desktop/updates/linux-x86_64-deb/latest",
        "/api/v1/desktop/updates/Linux-x86_64/0.1.0",
        "/api/v1/desktop/updates/linux/0.1.0",
        "/api/v1/desktop/releases/newest/linux-x86_64-deb",
    ] {
        let answer = get(&portal, path).await;
        assert_eq!(answer.status(), StatusCode::BAD_REQUEST, "{path}");
        let problem: Value = answer.json().await.unwrap();
        assert_eq!(problem["code"], "invalid_request", "{path}");
    }
    for path in [
        "/api/v1/desktop/releases/0.1.0/linux-x86_64-deb",
        "/api/v1/desktop/releases/0.2.0/linux-x86_64-rpm",
    ] {
        let answer = get(&portal, path).await;
        assert_eq!(answer.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn a_release_naming_a_file_outside_its_folder_is_not_served() {
    let mut escaping = release();
    escaping["platforms"]["linux-x86_64-deb"]["file"] = json!("../portal.db");
    let folder = published(&escaping);
    let portal = TestPortal::builder(BASIC_FIXTURES)
        .desktop_releases(folder.path())
        .start();
    let answer = get(&portal, "/api/v1/desktop/releases/0.2.0/linux-x86_64-deb").await;
    assert_eq!(answer.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = answer.text().await.unwrap();
    assert!(!body.contains("SQLite"), "no database bytes: {body}");
}
