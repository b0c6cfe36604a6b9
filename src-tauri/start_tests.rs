//! The first restore begun while the window opens, as the real app does,
//! against the reference portal and a private Secret Service.

use portal_client::Core;
use serde_json::json;
use tauri::Manager;
use tauri::test::mock_builder;
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

use crate::command_tests::{TestApp, app, invoke};

/// The app as started again on `home`'s folders.
pub(crate) fn app_again(home: tempfile::TempDir) -> TestApp {
    let core = Core::under(home.path());
    TestApp::over(
        crate::build_app(mock_builder(), core).expect("the app builds"),
        home,
    )
}

#[test]
fn the_session_restored_while_the_window_opens_is_what_the_page_gets_once() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let first = app();
    invoke(
        &first,
        "sign_in",
        json!({ "portal_url": portal.url(), "email": "ada@example.com", "password": PASSWORD }),
    )
    .unwrap();
    let again = app_again(first.close());

    crate::restore_session_ahead(again.app());
    let desk = again.app().state::<crate::desk::Desk>();
    let start = invoke(&again, "start_app", json!({})).unwrap();
    assert_eq!(start["screen"], "profile");
    assert_eq!(start["account"]["display_name"], "Ada Lovelace");
    assert_eq!(
        start["profile"]["profile"]["first_name"], "Ada",
        "the profile kept from the last run"
    );
    assert!(
        desk.reserve_restore_ahead().is_some(),
        "the answer was taken, the slot is free again"
    );

    // Signed out since: a later start restores afresh rather than
    // answering what was restored ahead.
    invoke(&again, "sign_out", json!({})).unwrap();
    let start = invoke(&again, "start_app", json!({})).unwrap();
    assert_eq!(start["screen"], "sign_in");
    assert_eq!(start["email"], "ada@example.com");
}

#[test]
fn a_restore_begun_twice_is_done_once() {
    let app = app();
    let desk = app.app().state::<crate::desk::Desk>();
    let slot = desk.reserve_restore_ahead().expect("the first reservation");
    assert!(
        desk.reserve_restore_ahead().is_none(),
        "a second restore is not begun while one is on its way"
    );
    tauri::async_runtime::block_on(desk.restore_ahead(slot));
    assert!(
        desk.reserve_restore_ahead().is_none(),
        "nor while its answer waits to be taken"
    );
    assert_eq!(
        invoke(&app, "start_app", json!({})).unwrap()["screen"],
        "sign_in"
    );
}

/// Once the page says its first screen is painted, start-up's freed
/// memory is to go back to the system (where the allocator keeps it).
#[test]
fn the_first_screen_shown_hands_start_up_memory_back() {
    let app = app();
    let desk = app.app().state::<crate::desk::Desk>();
    assert_eq!(desk.freed_memory.releases_asked(), 0);
    let answer = invoke(
        &app,
        "first_screen_shown",
        json!({ "page_marks": { "first_frame": 1.0 } }),
    );
    assert_eq!(answer, Ok(serde_json::Value::Null));
    let expected = u64::from(cfg!(all(target_os = "linux", target_env = "gnu")));
    assert_eq!(desk.freed_memory.releases_asked(), expected);
}

/// The navigation's role-given screens are known from the first screen
/// on: the start answer carries them as the roles last read here opened
/// them (none before any read), so the page need not wait for the portal.
#[test]
fn the_start_answer_carries_the_screens_the_kept_roles_open() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let first = app();
    let signed_in = invoke(
        &first,
        "sign_in",
        json!({ "portal_url": portal.url(), "email": "ada@example.com", "password": PASSWORD }),
    )
    .unwrap();
    assert_eq!(
        signed_in["kept_role_screens"],
        serde_json::Value::Null,
        "no roles read on this computer yet"
    );
    invoke(&first, "load_roles", json!({})).unwrap();

    let again = app_again(first.close());
    let start = invoke(&again, "start_app", json!({})).unwrap();
    assert_eq!(start["screen"], "profile");
    assert_eq!(
        start["kept_role_screens"],
        json!({ "payments_manager": false, "contacts": true, "partner_kit": false }),
        "Ada's Management role opens Contacts"
    );
}

/// At start three screens ask for the roles at once (the Payments
/// Manager's organizations, Contacts' and the Partner Kit's); the portal
/// is asked once. Asked again afterwards, it is asked again.
#[test]
fn the_screens_asking_for_the_roles_at_start_share_one_request() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let app = app();
    crate::command_tests::sign_in_as_ada(&app, &portal);
    let roles_requests = || {
        portal
            .received()
            .iter()
            .filter(|request| request.path == portal_api::paths::ME_ROLES)
            .count()
    };
    let before = roles_requests();
    let desk = app.app().state::<crate::desk::Desk>();
    let (organizations, contacts, kit) = tauri::async_runtime::block_on(async {
        futures_util::join!(
            desk.roles(),
            desk.contact_organizations(),
            desk.partner_kit_available(),
        )
    });
    assert!(organizations.is_ok() && contacts.is_ok() && kit.is_ok());
    assert_eq!(roles_requests() - before, 1, "one request for the three");
    invoke(&app, "load_roles", json!({})).unwrap();
    assert_eq!(
        roles_requests() - before,
        2,
        "asked again later: read again"
    );
}
