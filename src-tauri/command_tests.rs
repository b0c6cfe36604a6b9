//! Command-layer tests: commands invoked through Tauri's IPC handler and the
//! capability ACL on the mock runtime, against the reference portal over
//! loopback and a private Secret Service.

use portal_client::Core;
use serde_json::{Value, json};
use tauri::Manager;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

pub(crate) struct TestApp {
    _app: tauri::App<MockRuntime>,
    webview: tauri::WebviewWindow<MockRuntime>,
    _home: tempfile::TempDir,
}

impl TestApp {
    /// The app under test.
    pub(crate) fn app(&self) -> &tauri::App<MockRuntime> {
        &self._app
    }

    /// `app`, built over folders in `home`, with its window.
    pub(crate) fn over(app: tauri::App<MockRuntime>, home: tempfile::TempDir) -> TestApp {
        let webview = match app.get_webview_window("main") {
            Some(webview) => webview,
            None => tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
                .build()
                .unwrap(),
        };
        TestApp {
            _app: app,
            webview,
            _home: home,
        }
    }

    /// The folder the app keeps its data and downloads under.
    pub(crate) fn home(&self) -> std::path::PathBuf {
        self._home.path().to_path_buf()
    }

    /// Quits the app, keeping its folders for the next start.
    pub(crate) fn close(self) -> tempfile::TempDir {
        self._home
    }
}

pub(crate) fn app() -> TestApp {
    test_support::use_private_keyring();
    let home = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    let app = crate::build_app(mock_builder(), core).expect("the app builds");
    TestApp::over(app, home)
}

pub(crate) fn invoke(app: &TestApp, command: &str, args: Value) -> Result<Value, Value> {
    invoke_in(&app.webview, command, args)
}

/// The app's window, for invoking a command from another thread while
/// one is under way ([`invoke_in`]).
pub(crate) fn window_of(app: &TestApp) -> tauri::WebviewWindow<MockRuntime> {
    app.webview.clone()
}

/// Invokes `command` in `webview` (see [`invoke`]).
pub(crate) fn invoke_in(
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

/// Signs in as the demo's Dana to the portal at `url`.
pub(crate) fn sign_in_as_dana(app: &TestApp, url: &str) {
    invoke(
        app,
        "sign_in",
        json!({ "portal_url": url, "email": "dana@example.com", "password": "demo-password" }),
    )
    .unwrap();
}

/// Signs in as Ada (whose password is `PASSWORD` in every fixture here)
/// through the command; answers the session view.
pub(crate) fn sign_in_as_ada(app: &TestApp, portal: &TestPortal) -> Value {
    sign_in_as_ada_at(app, portal.url())
}

/// Signs in as Ada to the portal at `url` (a proxy in front of one).
pub(crate) fn sign_in_as_ada_at(app: &TestApp, url: &str) -> Value {
    invoke(
        app,
        "sign_in",
        json!({ "portal_url": url, "email": "ada@example.com", "password": PASSWORD }),
    )
    .unwrap()
}

#[test]
fn a_fresh_install_starts_on_the_sign_in_screen() {
    let app = app();
    assert_eq!(
        invoke(&app, "start_app", json!({})).unwrap(),
        json!({ "screen": "sign_in", "portal_url": "", "email": "", "notice": null })
    );
}

#[test]
fn sign_in_errors_reach_the_ui_as_code_message_and_fields() {
    let app = app();
    let error = invoke(
        &app,
        "sign_in",
        json!({ "portal_url": "http://portal.example.com", "email": "a@example.com", "password": "x" }),
    )
    .unwrap_err();
    assert_eq!(error["code"], "insecure_portal_url");
    assert_eq!(error["fields"]["portal_url"], error["message"]);
}

#[test]
fn sign_in_answers_the_profile_and_never_a_token() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let app = app();
    let session = sign_in_as_ada(&app, &portal);
    assert_eq!(session["account"]["display_name"], "Ada Lovelace");
    assert_eq!(session["profile"]["profile"]["first_name"], "Ada");
    assert_eq!(session["keyring_warning"], Value::Null);
    let text = session.to_string();
    assert!(
        !text.contains("token") && !text.contains(PASSWORD),
        "{text}"
    );

    let etag = session["profile"]["etag"].as_str().unwrap().to_owned();
    let saved = invoke(
        &app,
        "save_profile",
        json!({ "update": { "mobile_phone": "+44 7700 900444" }, "if_match": etag }),
    )
    .unwrap();
    assert_eq!(saved["profile"]["mobile_phone"], "+44 7700 900444");
    let stale = invoke(
        &app,
        "save_profile",
        json!({ "update": { "job_title": "CEO" }, "if_match": etag }),
    )
    .unwrap_err();
    assert_eq!(stale["code"], "conflict");

    assert!(invoke(&app, "sign_out", json!({})).is_ok());
    let start = invoke(&app, "start_app", json!({})).unwrap();
    assert_eq!(start["screen"], "sign_in");
    assert_eq!(
        start["email"], "ada@example.com",
        "the sign-in form is pre-filled"
    );
}

#[test]
fn settings_and_roles_fall_back_to_the_cached_copy_offline() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let app = app();
    sign_in_as_ada(&app, &portal);
    let online = invoke(&app, "load_settings", json!({})).unwrap();
    assert_eq!(online["cached_at"], Value::Null);
    assert!(online["etag"].is_string());
    let labels: Vec<&str> = online["format_options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|option| option["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "File Name.txt",
            "#1234 \u{2013} File Name.txt",
            "[Ticket 1234] File Name.txt"
        ]
    );
    let roles = invoke(&app, "load_roles", json!({})).unwrap();
    assert_eq!(roles["roles"][0]["role"], "Management");

    drop(portal);
    let offline = invoke(&app, "load_settings", json!({})).unwrap();
    assert!(offline["cached_at"].is_i64(), "{offline}");
    assert_eq!(
        offline["etag"], online["etag"],
        "a save made offline waits on the copy's version"
    );
    assert_eq!(offline["settings"], online["settings"]);
    let roles = invoke(&app, "load_roles", json!({})).unwrap();
    assert!(roles["cached_at"].is_i64());
    assert_eq!(roles["roles"][0]["organization"], "Acme Corp");
}

#[test]
fn two_step_sign_in_goes_through_the_commands_without_exposing_the_challenge() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let app = app();
    let sign_in =
        json!({ "portal_url": portal.url(), "email": "ada@example.com", "password": PASSWORD });
    invoke(&app, "sign_in", sign_in.clone()).unwrap();
    assert_eq!(
        invoke(&app, "load_mfa", json!({})).unwrap(),
        json!({ "enabled": false, "recovery_codes_left": 0 })
    );
    let setup = invoke(&app, "start_mfa_setup", json!({})).unwrap();
    assert!(
        setup["qr_code"]
            .as_str()
            .unwrap()
            .starts_with("data:image/svg+xml;base64,")
    );
    let secret = totp::base32_decode(setup["secret"].as_str().unwrap()).unwrap();
    let step = totp::step_at(portal.clock().unix() as u64);
    let codes = invoke(
        &app,
        "enable_mfa",
        json!({ "code": totp::code_for_step(&secret, step), "current_password": PASSWORD }),
    )
    .unwrap();
    assert_eq!(codes.as_array().unwrap().len(), 10);

    invoke(&app, "sign_out", json!({})).unwrap();
    let asked = invoke(&app, "sign_in", sign_in).unwrap_err();
    assert_eq!(asked["code"], "mfa_required");
    assert_eq!(
        asked.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["code", "message", "needs_sign_in", "retryable"],
        "the challenge stays in Rust"
    );
    let wrong = invoke(&app, "sign_in_with_code", json!({ "code": "000000" })).unwrap_err();
    assert!(
        wrong["fields"]["code"]
            .as_str()
            .unwrap()
            .starts_with("That code is not right.")
    );
    let session = invoke(
        &app,
        "sign_in_with_code",
        json!({ "code": totp::code_for_step(&secret, step + 1) }),
    )
    .unwrap();
    assert_eq!(session["account"]["email"], "ada@example.com");
    let reset = invoke(
        &app,
        "request_password_reset",
        json!({ "portal_url": portal.url(), "email": "ada@example.com" }),
    )
    .unwrap();
    assert!(
        reset
            .as_str()
            .unwrap()
            .starts_with("If an account uses that address")
    );
}

const DOCUMENT_FIXTURES: &str = r#"{
  "users": [{ "email": "ada@example.com", "password": "correct horse battery staple",
              "first_name": "Ada", "last_name": "Lovelace" }],
  "documents": [
    { "number": "INV-1", "kind": "invoice", "issued_on": "2026-03-01", "amount": "250.00",
      "currency": "EUR", "user": "ada@example.com", "file_name": "../../Invoice 1.pdf" },
    { "number": "INV-2", "kind": "invoice", "issued_on": "2026-04-01", "amount": "12.00",
      "currency": "EUR", "user": "ada@example.com", "file_name": "page.html",
      "media_type": "text/html", "content": "<script>alert(1)</script>" }
  ]
}"#;

#[test]
fn documents_download_view_and_the_library_go_through_the_commands() {
    let portal = TestPortal::for_client(DOCUMENT_FIXTURES);
    let app = app();
    sign_in_as_ada(&app, &portal);
    let nothing_kept = invoke(
        &app,
        "load_kept_documents",
        json!({ "organization_id": null }),
    )
    .unwrap();
    assert_eq!(
        nothing_kept,
        Value::Null,
        "nothing kept before the first listing"
    );
    let listed = invoke(&app, "load_documents", json!({ "organization_id": null })).unwrap();
    assert_eq!(listed["cached_at"], Value::Null);
    assert_eq!(listed["unchanged"], false);
    let version = listed["version"].as_str().unwrap().to_owned();
    let kept = invoke(
        &app,
        "load_kept_documents",
        json!({ "organization_id": null }),
    )
    .unwrap();
    assert_eq!(
        kept["documents"], listed["documents"],
        "the kept copy, at once"
    );
    assert_eq!(kept["version"], version.as_str());
    assert_eq!(kept["partial"], false);
    let first_screen = invoke(
        &app,
        "load_kept_documents",
        json!({ "organization_id": null, "first_screen": true }),
    )
    .unwrap();
    assert_eq!(
        (&first_screen["partial"], &first_screen["documents"]),
        (&json!(false), &listed["documents"]),
        "a list as short as a first screen is sent whole"
    );
    let unchanged = invoke(
        &app,
        "load_documents",
        json!({ "organization_id": null, "shown_version": version }),
    )
    .unwrap();
    assert_eq!(unchanged["unchanged"], true, "{unchanged}");
    assert_eq!(
        unchanged["documents"],
        json!([]),
        "an unchanged list is not sent again"
    );
    let documents = listed["documents"].as_array().unwrap();
    let mut fields: Vec<&str> = documents[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "amount",
            "currency",
            "due_on",
            "file_name",
            "id",
            "issued_on",
            "kind",
            "number",
            "number_order",
            "status",
            "title"
        ],
        "a listed document holds what the list shows and its number's rank, not its digest, size or recipient"
    );
    let id_of = |number: &str| {
        documents
            .iter()
            .find(|document| document["number"] == number)
            .unwrap()["id"]
            .clone()
    };

    let entry = invoke(
        &app,
        "download_document",
        json!({ "document_id": id_of("INV-1"), "organization_id": null, "to_chosen_folder": false,
                "download_id": "d1", "on_event": "__CHANNEL__:7" }),
    )
    .unwrap();
    let saved = std::path::PathBuf::from(entry["path"].as_str().unwrap());
    assert_eq!(
        saved,
        app._home
            .path()
            .join("Downloads/Portal Desk/_.._Invoice 1.pdf"),
        "the portal's name made safe, in the default folder"
    );
    assert!(std::fs::read(&saved).unwrap().starts_with(b"%PDF-"));
    let chosen = invoke(
        &app,
        "download_document",
        json!({ "document_id": id_of("INV-1"), "organization_id": null, "to_chosen_folder": true,
                "download_id": "d2", "on_event": "__CHANNEL__:8" }),
    )
    .unwrap_err();
    assert_eq!(chosen["code"], "destination_failed", "no folder chosen yet");

    let viewed = invoke(
        &app,
        "view_document",
        json!({ "document_id": id_of("INV-2"), "organization_id": null, "download_id": "v1",
                "on_event": "__CHANNEL__:9" }),
    )
    .unwrap();
    assert_eq!(viewed["media_type"], "text/plain", "HTML is shown as text");
    assert_eq!(viewed["inline"], true);
    // The pdfile scheme serves that copy, as text, under its own policy,
    // and nothing else.
    let sha256 = viewed["sha256"].as_str().unwrap().to_owned();
    let desk = app._app.state::<crate::desk::Desk>();
    let served = tauri::async_runtime::block_on(crate::shell::cached_files::answer(
        &desk,
        &format!("/{sha256}"),
    ));
    assert_eq!(served.status(), 200);
    assert_eq!(
        served.headers()["content-type"],
        "text/plain; charset=utf-8"
    );
    assert!(
        served.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    for refused in [
        "/../../etc/passwd".to_owned(),
        format!("/{sha256}/../x"),
        format!("/%2e%2e%2f{sha256}"),
        format!("/{sha256}0"),
        format!("/{}", "a".repeat(64)),
        format!("/{}", "f".repeat(100_000)),
        "/".to_owned(),
    ] {
        let answer =
            tauri::async_runtime::block_on(crate::shell::cached_files::answer(&desk, &refused));
        assert_eq!(answer.status(), 404, "{:.80}", refused);
    }
    let library = invoke(&app, "load_library", json!({ "text": null })).unwrap();
    assert_eq!(library.as_array().unwrap().len(), 2);
    let history = invoke(&app, "load_download_history", json!({})).unwrap();
    assert_eq!(
        history.as_array().unwrap().len(),
        1,
        "the saved file; viewing is not a download, and nothing started without a folder"
    );
    assert_eq!(
        invoke(&app, "cancel_download", json!({ "download_id": "gone" })).unwrap(),
        json!(false)
    );
    let unknown = invoke(
        &app,
        "download_document",
        json!({ "document_id": 999, "organization_id": null, "to_chosen_folder": false,
                "download_id": "d3", "on_event": "__CHANNEL__:10" }),
    )
    .unwrap_err();
    assert_eq!(unknown["code"], "download_failed");

    drop(portal);
    let offline = invoke(&app, "load_documents", json!({ "organization_id": null })).unwrap();
    assert!(offline["cached_at"].is_i64());
    assert_eq!(offline["documents"], listed["documents"]);
    let pdf_entry = library
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["title"] == "Invoice INV-1")
        .unwrap()["id"]
        .clone();
    let offline_view =
        invoke(&app, "view_library_entry", json!({ "entry_id": pdf_entry })).unwrap();
    assert_eq!(offline_view["media_type"], "application/pdf");
    std::fs::remove_file(&saved).unwrap();
    let missing = invoke(&app, "load_library", json!({ "text": "INV-1" })).unwrap();
    assert_eq!(missing[0]["missing"], true);
}

#[test]
fn a_long_kept_list_comes_first_screen_first_then_whole() {
    let documents: Vec<Value> = (1..=150)
        .map(|n| {
            json!({ "number": format!("INV-{n}"), "kind": "invoice",
                    "issued_on": format!("2026-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
                    "amount": "1.00", "currency": "EUR", "user": "ada@example.com", "content": "x" })
        })
        .collect();
    let fixtures = json!({
        "users": [{ "email": "ada@example.com", "password": "correct horse battery staple",
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "documents": documents,
    });
    let portal = TestPortal::for_client(&fixtures.to_string());
    let app = app();
    sign_in_as_ada(&app, &portal);
    let listed = invoke(&app, "load_documents", json!({ "organization_id": null })).unwrap();
    let all = listed["documents"].as_array().unwrap();
    assert_eq!(all.len(), 150);
    let first_screen = invoke(
        &app,
        "load_kept_documents",
        json!({ "organization_id": null, "first_screen": true }),
    )
    .unwrap();
    assert_eq!(first_screen["partial"], true, "{first_screen}");
    assert_eq!(first_screen["total"], 150);
    let without_rank = |documents: &[Value]| -> Vec<Value> {
        documents
            .iter()
            .map(|document| {
                let mut document = document.clone();
                document.as_object_mut().unwrap().remove("number_order");
                document
            })
            .collect()
    };
    let shown = first_screen["documents"].as_array().unwrap();
    assert_eq!(
        without_rank(shown),
        without_rank(&all[..100]),
        "the first hundred, in the list's order"
    );
    // Ranks on the first screen are among its own documents, in the same
    // order as the whole list's ranks.
    let by_rank = |documents: &[Value]| -> Vec<String> {
        let mut ranked: Vec<(u64, String)> = documents
            .iter()
            .map(|document| {
                (
                    document["number_order"].as_u64().unwrap(),
                    document["number"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        ranked.sort();
        ranked.into_iter().map(|(_, number)| number).collect()
    };
    assert_eq!(by_rank(shown), by_rank(&all[..100]));
    let numbers: Vec<u32> = by_rank(shown)
        .iter()
        .map(|number| number.trim_start_matches("INV-").parse().unwrap())
        .collect();
    assert!(
        numbers.windows(2).all(|pair| pair[0] < pair[1]),
        "natural order: {numbers:?}"
    );
    assert_eq!(first_screen["version"], listed["version"]);
    let whole = invoke(
        &app,
        "load_kept_documents",
        json!({ "organization_id": null }),
    )
    .unwrap();
    assert_eq!(
        (&whole["partial"], &whole["documents"]),
        (&json!(false), &listed["documents"])
    );
}

#[test]
fn tickets_go_through_the_commands_and_only_picked_files_are_uploaded() {
    let portal = TestPortal::for_client(&test_support::hostile_tickets_fixture(PASSWORD));
    let app = app();
    sign_in_as_ada(&app, &portal);
    let nothing_kept = invoke(&app, "load_kept_tickets", json!({})).unwrap();
    assert_eq!(
        nothing_kept,
        Value::Null,
        "nothing kept before the first sync"
    );
    let listed = invoke(&app, "load_tickets", json!({})).unwrap();
    assert_eq!(listed["tickets"][0]["number"], 4321);
    assert_eq!(
        listed["unread"],
        json!([]),
        "the first look is the baseline"
    );
    assert_eq!(listed["poll_minutes"], 2);
    assert_eq!(listed["unchanged"], false);
    let version = listed["version"].as_str().unwrap().to_owned();
    let kept = invoke(&app, "load_kept_tickets", json!({})).unwrap();
    assert_eq!(
        (&kept["tickets"], &kept["version"]),
        (&listed["tickets"], &listed["version"]),
        "the kept copy, at once, with its version"
    );
    assert!(kept["cached_at"].is_i64());
    let unchanged = invoke(&app, "load_tickets", json!({ "shown_version": version })).unwrap();
    assert_eq!(
        (&unchanged["unchanged"], &unchanged["tickets"]),
        (&json!(true), &json!([])),
        "an unchanged list is not sent again"
    );
    let other = invoke(
        &app,
        "load_tickets",
        json!({ "shown_version": "\"an older one\"" }),
    )
    .unwrap();
    assert_eq!(
        other["tickets"], listed["tickets"],
        "a screen showing another version gets the list"
    );

    let opened = invoke(&app, "open_ticket", json!({ "number": 4321 })).unwrap();
    assert_eq!(opened["name_format"], "file_name");
    let reports: Vec<_> = opened["ticket"]["comments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|comment| comment["attachments"].as_array().unwrap().clone())
        .filter(|attachment| attachment["name"] == "report.txt")
        .collect();
    assert_eq!(reports.len(), 2);
    assert_eq!(
        opened["saved_names"][reports[0]["id"].to_string()],
        "report.txt"
    );
    for (index, report) in reports.iter().enumerate() {
        let entry = invoke(
            &app,
            "download_attachment",
            json!({ "number": 4321, "attachment_id": report["id"], "to_chosen_folder": false,
                    "download_id": format!("a{index}"), "on_event": format!("__CHANNEL__:{}", 20 + index) }),
        )
        .unwrap();
        assert!(entry["path"].as_str().unwrap().ends_with(if index == 0 {
            "Portal Desk/report.txt"
        } else {
            "Portal Desk/report (1).txt"
        }));
    }
    let folder = app._home.path().join("Downloads/Portal Desk");
    assert_eq!(
        std::fs::read(folder.join("report.txt")).unwrap(),
        b"first report"
    );
    assert_eq!(
        std::fs::read(folder.join("report (1).txt")).unwrap(),
        b"second report"
    );
    let viewed = invoke(
        &app,
        "view_attachment",
        json!({ "number": 4321, "attachment_id": reports[1]["id"], "download_id": "v",
                "on_event": "__CHANNEL__:30" }),
    )
    .unwrap();
    assert_eq!(viewed["media_type"], "text/plain");

    // A stranger's program is saved, but never handed to the system to run.
    let program = opened["ticket"]["comments"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|comment| comment["attachments"].as_array().unwrap().clone())
        .find(|attachment| attachment["name"] == "invoice\u{202e}fdp.exe")
        .unwrap();
    let saved = invoke(
        &app,
        "download_attachment",
        json!({ "number": 4321, "attachment_id": program["id"], "to_chosen_folder": false,
                "download_id": "exe", "on_event": "__CHANNEL__:31" }),
    )
    .unwrap();
    assert!(saved["path"].as_str().unwrap().ends_with("invoicefdp.exe"));
    assert!(
        saved["open_refusal"]
            .as_str()
            .unwrap()
            .contains(".exe files: they can run programs")
    );
    let refused = invoke(
        &app,
        "open_downloaded_file",
        json!({ "entry_id": saved["id"] }),
    )
    .unwrap_err();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("open it from its folder"),
        "{refused}"
    );
    let not_demo = invoke(&app, "reply_as_vendor_in_demo", json!({ "number": 4321 })).unwrap_err();
    assert_eq!(
        not_demo["message"],
        "Only the portal's support staff can reply as the vendor."
    );

    // A path the webview names but the user never picked is not read.
    let secret = app._home.path().join("secret.txt");
    std::fs::write(&secret, b"not for the portal").unwrap();
    let refused = invoke(
        &app,
        "reply_to_ticket",
        json!({ "number": 4321, "message": "here", "attachments": [secret],
                "on_progress": "__CHANNEL__:31" }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "validation_failed");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("was not picked in the file dialog")
    );
    invoke(
        &app,
        "save_draft",
        json!({ "key": "reply:4321", "draft": { "text": "half", "attachments": [secret] } }),
    )
    .unwrap();
    let draft = invoke(&app, "load_draft", json!({ "key": "reply:4321" })).unwrap();
    assert_eq!(
        draft,
        json!({ "subject": "", "text": "half", "attachments": [] })
    );

    let replied = invoke(
        &app,
        "reply_to_ticket",
        json!({ "number": 4321, "message": "Thanks, <b>all</b> here.", "attachments": [],
                "on_progress": "__CHANNEL__:32" }),
    )
    .unwrap();
    assert_eq!(replied["ticket"]["status"], "open");
    assert_eq!(replied["draft"], Value::Null, "the sent draft is gone");
    assert_eq!(
        portal.query_i64(
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'Thanks, <b>all</b> here.'"
        ),
        1
    );
    let cancel = invoke(&app, "cancel_ticket", json!({ "number": 4321 })).unwrap_err();
    assert!(
        cancel["message"]
            .as_str()
            .unwrap()
            .contains("is a support ticket")
    );

    drop(portal);
    let offline = invoke(&app, "load_tickets", json!({})).unwrap();
    assert!(offline["cached_at"].is_i64());
    let offline_ticket = invoke(&app, "open_ticket", json!({ "number": 4321 })).unwrap();
    assert!(offline_ticket["cached_at"].is_i64());
    assert_eq!(
        offline_ticket["ticket"]["comments"]
            .as_array()
            .unwrap()
            .len(),
        4,
        "the conversation as last seen, the reply included"
    );
}

#[test]
fn a_poll_notifies_about_new_replies_only_when_ticket_updates_are_on() {
    let portal = TestPortal::for_client(&test_support::hostile_tickets_fixture(PASSWORD));
    let app = app();
    sign_in_as_ada(&app, &portal);
    let desk = app._app.state::<crate::desk::Desk>();
    let first = tauri::async_runtime::block_on(desk.poll_tickets()).unwrap();
    assert!(
        first.changed.is_some() && first.notices.is_empty(),
        "the baseline"
    );
    let quiet = tauri::async_runtime::block_on(desk.poll_tickets()).unwrap();
    assert!(quiet.changed.is_none(), "a 304: nothing to report");

    let output = test_support::portal_api::vendor_comment(
        portal.db_path(),
        4321,
        "Did the files arrive? <i>All</i> of them?",
        &[],
    );
    assert!(output.status.success(), "{output:?}");
    let news = tauri::async_runtime::block_on(desk.poll_tickets()).unwrap();
    assert_eq!(
        news.notices,
        [crate::shell::ticket_notifications::TicketNotice {
            account_id: tauri::async_runtime::block_on(desk.account()).unwrap().id,
            number: 4321,
            title: "Ticket #4321: Files with awkward names".into(),
            body: "Support team: Did the files arrive? <i>All</i> of them?".into(),
        }]
    );
    assert_eq!(news.changed.unwrap().unread, [4321]);

    // With "Ticket updates" off, the list still changes but nothing pops up.
    let settings = invoke(&app, "load_settings", json!({})).unwrap();
    let mut update = settings["settings"].clone();
    update["email"]["ticket_updates"] = json!(false);
    let update = json!({
        "attachment_name_format": update["attachment_name_format"],
        "email": update["email"],
        "digest": update["digest"],
    });
    invoke(
        &app,
        "save_settings",
        json!({ "update": update, "if_match": settings["etag"] }),
    )
    .unwrap();
    let output = test_support::portal_api::vendor_comment(portal.db_path(), 4321, "Any news?", &[]);
    assert!(output.status.success(), "{output:?}");
    let muted = tauri::async_runtime::block_on(desk.poll_tickets()).unwrap();
    assert!(muted.changed.is_some());
    assert!(muted.notices.is_empty(), "{:?}", muted.notices);
}

#[test]
fn contacts_go_through_the_commands_under_both_policies() {
    let mut portal = Some(TestPortal::for_client(portal_server::seed::DEMO_FIXTURES));
    let url = portal.as_ref().unwrap().url().to_owned();
    let app = app();
    invoke(
        &app,
        "sign_in",
        json!({ "portal_url": url, "email": "dana@example.com", "password": "demo-password" }),
    )
    .unwrap();
    let organizations = invoke(&app, "load_contact_organizations", json!({})).unwrap();
    assert_eq!(
        organizations,
        json!([
            { "id": 2, "name": "Contoso Partners", "policy": "direct" },
            { "id": 1, "name": "Northwind Traders", "policy": "review" }
        ])
    );
    let northwind = invoke(&app, "load_contacts", json!({ "organization_id": 1 })).unwrap();
    assert_eq!(northwind["directory"]["pending"]["ticket_id"], 1235);
    assert!(northwind["cached_at"].is_null());
    let refused = invoke(
        &app,
        "apply_contact_request_in_demo",
        json!({ "organization_id": 1, "ticket": 1235 }),
    )
    .unwrap_err();
    assert_eq!(refused["code"], "portal_error");
    let request_id = northwind["directory"]["pending"]["id"].clone();
    let cancelled = invoke(
        &app,
        "cancel_contact_request",
        json!({ "organization_id": 1, "request_id": request_id }),
    )
    .unwrap();
    assert!(cancelled["directory"]["pending"].is_null());

    let contoso = invoke(&app, "load_contacts", json!({ "organization_id": 2 })).unwrap();
    let etag = contoso["etag"].as_str().unwrap().to_owned();
    // Someone else adds Uma on the portal meanwhile.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let status = runtime.block_on(async {
        let token =
            test_support::portal_api::access_token(&url, "dana@example.com", "demo-password").await;
        reqwest::Client::new()
            .post(format!("{url}/api/v1/organizations/2/contact-changes"))
            .bearer_auth(token)
            .header("If-Match", &etag)
            .json(&json!({ "changes": [
                { "action": "add_contact", "details": { "email": "uma@example.com",
                  "first_name": "Uma", "last_name": "Reyes" }, "roles": ["User"] }
            ] }))
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 200);
    // A batch built on the list before that: stale, with what changed.
    let stale = invoke(
        &app,
        "send_contact_changes",
        json!({ "organization_id": 2, "etag": etag, "changes": [
            { "action": "grant_role", "contact": "sofia@example.com", "role": "User" }
        ] }),
    )
    .unwrap();
    assert_eq!(stale["outcome"], "stale");
    assert_eq!(
        stale["what_changed"],
        json!(["Uma Reyes (uma@example.com) was added as User."])
    );
    let current = stale["view"]["etag"].clone();
    let applied = invoke(
        &app,
        "send_contact_changes",
        json!({ "organization_id": 2, "etag": current, "changes": [
            { "action": "set_customers", "contact": "uma@example.com", "customers": [1, 3] }
        ] }),
    )
    .unwrap();
    assert_eq!(applied["outcome"], "applied");
    let uma = applied["view"]["directory"]["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|contact| contact["email"] == "uma@example.com")
        .cloned()
        .unwrap();
    assert_eq!(uma["customers"], json!([1, 3]));
    let current = applied["view"]["etag"].clone();
    // Per-change errors reach the UI by field.
    let invalid = invoke(
        &app,
        "send_contact_changes",
        json!({ "organization_id": 2, "etag": current, "changes": [
            { "action": "remove_contact", "contact": "dana@example.com" }
        ] }),
    )
    .unwrap_err();
    assert_eq!(invalid["code"], "validation_failed");
    assert_eq!(
        invalid["fields"]["changes[0].contact"],
        "You are the last active Admin of Contoso Partners; make someone else Admin first."
    );
    let reset = invoke(
        &app,
        "reset_contact_password",
        json!({ "organization_id": 2, "email": "marco@example.com" }),
    )
    .unwrap();
    assert_eq!(reset["signed_out"], false);

    // Offline: the cached list, marked as such.
    drop(portal.take());
    let offline = invoke(&app, "load_contacts", json!({ "organization_id": 2 })).unwrap();
    assert!(offline["cached_at"].is_i64());
    assert_eq!(
        offline["directory"]["contacts"].as_array().unwrap().len(),
        5
    );
}
