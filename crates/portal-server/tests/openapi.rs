//! The checked-in OpenAPI document matches what the code generates.
//! Regenerate with `UPDATE_OPENAPI=1 cargo test -p portal-server --test openapi`.

use std::path::PathBuf;

#[test]
fn checked_in_openapi_document_is_current() {
    let generated = format!(
        "{}\n",
        serde_json::to_string_pretty(&portal_server::openapi()).expect("the document serializes")
    );
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../api/openapi.json");
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).expect("write api/openapi.json");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "api/openapi.json differs from the generated document; regenerate it with \
         `UPDATE_OPENAPI=1 cargo test -p portal-server --test openapi` and review the diff"
    );
    let document: serde_json::Value = serde_json::from_str(&generated).unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/me/settings",
        "/api/v1/me/roles",
    ] {
        assert!(document["paths"][path].is_object(), "{path} is documented");
    }
    assert!(document["paths"]["/api/v1/me"]["patch"].is_object());
    assert!(document["paths"]["/api/v1/me/settings"]["put"].is_object());
    assert!(document["components"]["schemas"]["Problem"].is_object());
}
