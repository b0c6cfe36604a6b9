//! The language setting through the app's commands, in a process of its
//! own (the language shown is the whole process's, so a German answer here
//! never reaches the English assertions of other tests).

use portal_client::Core;
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;

fn app_over(
    home: &std::path::Path,
) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    let app = portal_desk::build_app(mock_builder(), Core::under(home)).expect("the app builds");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, webview)
}

fn invoke(
    webview: &tauri::WebviewWindow<MockRuntime>,
    command: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: command.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn german_chosen_in_settings_gives_the_page_and_the_core_german_words_and_is_kept() {
    test_support::use_private_keyring();
    let home = tempfile::tempdir().unwrap();
    let (app, webview) = app_over(home.path());
    let first = invoke(&webview, "language", json!({})).unwrap();
    assert_eq!(
        first["choice"], "system",
        "the system's language until one is chosen"
    );
    assert_eq!(
        first["choices"],
        json!([{ "code": "en", "name": "English" }, { "code": "de", "name": "Deutsch" }])
    );

    let german = invoke(&webview, "set_language", json!({ "choice": "de" })).unwrap();
    assert_eq!(
        (&german["language"], &german["choice"]),
        (&json!("de"), &json!("de"))
    );
    assert!(
        german["catalogue"]
            .as_str()
            .unwrap()
            .contains("screen-profile = Mein Profil"),
        "the page's German catalogue"
    );
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let refused = invoke(
        &webview,
        "sign_in",
        json!({ "portal_url": url, "email": "ada@example.com", "password": "not needed" }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "portal_unreachable");
    assert_eq!(
        refused["message"],
        format!("{url} ist nicht erreichbar: dort antwortet nichts (Verbindung abgelehnt).")
    );
    let unknown = invoke(&webview, "set_language", json!({ "choice": "xx" })).unwrap_err();
    assert_eq!(unknown["code"], "validation_failed");
    assert_eq!(
        unknown["message"],
        "Portal Desk gibt es nicht in der Sprache „xx“."
    );
    // The client's and the desk's own messages come in German too.
    let insecure = invoke(
        &webview,
        "sign_in",
        json!({ "portal_url": "http://portal.example.com", "email": "ada@example.com", "password": "x" }),
    )
    .unwrap_err();
    assert!(
        insecure["message"]
            .as_str()
            .unwrap()
            .starts_with("Portal Desk verbindet sich mit Portalen nur über https://"),
        "{insecure}"
    );
    let no_code_step =
        invoke(&webview, "sign_in_with_code", json!({ "code": "123456" })).unwrap_err();
    assert_eq!(
        no_code_step["message"],
        "Diese Anmeldung ist abgelaufen. Geben Sie Ihr Passwort erneut ein."
    );
    drop((webview, app));

    let (app, webview) = app_over(home.path());
    let again = invoke(&webview, "language", json!({})).unwrap();
    assert_eq!(
        (&again["language"], &again["choice"]),
        (&json!("de"), &json!("de")),
        "kept across a restart"
    );
    let system = invoke(&webview, "set_language", json!({ "choice": "system" })).unwrap();
    assert_eq!(system["choice"], "system");
    assert_eq!(
        system["language"], system["system"],
        "the system's language again"
    );
    drop((webview, app));
}
