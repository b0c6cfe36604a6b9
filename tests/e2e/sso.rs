//! Single sign-on in the real app: "Sign in with NAME" appears when the
//! portal typed offers it; the app opens "the system browser" (a stand-in
//! program named by `PORTAL_DESK_BROWSER`, the program sign-in pages open
//! with) at the portal's own sign-in page; the stand-in signs in on its form and follows the
//! redirect to the app's loopback port; the app is signed in. Also: Cancel
//! while waiting, a sign-in cancelled in the browser, the demo's "Demo
//! SSO", and "First time here? Get a password".

use std::os::unix::fs::PermissionsExt;

use crate::support;

use support::desktop::{APP_TIMEOUT, Desktop};
use support::{DEMO_PASSWORD, SHORT};
use test_support::portal_api::outbox;
use test_support::{BASIC_FIXTURES, PASSWORD, PortalProcess, workspace_binary};

fn browser() -> String {
    workspace_binary("sso-browser")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn sign_in_with_the_portals_sso_in_the_browser() {
    let portal = PortalProcess::spawn_offering_sso(BASIC_FIXTURES, "Example SSO");
    let log = tempfile::NamedTempFile::new().unwrap();
    let log_path = log.path().to_string_lossy().into_owned();
    let browser = browser();
    let mut desktop = Desktop::start_with(
        "sso",
        &[
            ("PORTAL_DESK_BROWSER", &browser),
            ("SSO_BROWSER_EMAIL", "ada@example.com"),
            ("SSO_BROWSER_PASSWORD", PASSWORD),
            ("SSO_BROWSER_LOG", &log_path),
        ],
    );
    let app = desktop.launch_app();
    app.wait_for("#sign-in", APP_TIMEOUT);
    assert!(
        !app.exists("#sso-sign-in"),
        "no portal typed, no single sign-on"
    );
    app.fill("#portal-url", portal.url());
    app.click_on("#email"); // leaving the address asks the portal
    app.wait_for_text("#sso-sign-in", SHORT, |text| {
        text == "Sign in with Example SSO"
    });
    desktop.screenshot("offered");

    app.click_on("#sso-sign-in");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Ada Lovelace");
    let seen = std::fs::read_to_string(log.path()).unwrap();
    assert!(seen.contains("back to the app: true"), "{seen}");
    assert!(seen.contains("You can close this tab"), "{seen}");
    desktop.screenshot("signed-in");
    drop(app);

    // Kept like a password sign-in: the next start is signed in.
    let again = desktop.launch_app();
    again.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Ada Lovelace");
}

#[test]
fn waiting_for_the_browser_can_be_cancelled_and_a_cancel_there_is_explained() {
    let portal = PortalProcess::spawn_offering_sso(BASIC_FIXTURES, "Example SSO");
    // A browser that never comes back: it only notes the page it was given.
    let folder = tempfile::tempdir().unwrap();
    let silent = folder.path().join("silent-browser");
    let asked = folder.path().join("asked.txt");
    std::fs::write(
        &silent,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            asked.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&silent, std::fs::Permissions::from_mode(0o755)).unwrap();
    let silent = silent.to_string_lossy().into_owned();
    let mut desktop = Desktop::start_with("sso-cancel", &[("PORTAL_DESK_BROWSER", &silent)]);
    let app = desktop.launch_app();
    app.wait_for("#sign-in", APP_TIMEOUT);
    app.fill("#portal-url", portal.url());
    app.click_on("#email");
    app.click_on("#sso-sign-in");
    app.wait_for_text("#sso-wait h1", SHORT, |text| {
        text == "Sign in with Example SSO"
    });
    support::wait_for_file(&asked);
    let page = std::fs::read_to_string(&asked).unwrap();
    assert!(
        page.starts_with(&format!("{}/oauth/authorize?", portal.url())),
        "{page}"
    );
    desktop.screenshot("waiting");
    app.click_on("#sso-cancel");
    app.wait_for("#sign-in", SHORT);
    assert_eq!(
        app.value_of("#portal-url"),
        portal.url(),
        "the form is kept"
    );
    assert!(
        !app.exists(".banner"),
        "cancelling here needs no explanation"
    );
}

#[test]
fn a_sign_in_cancelled_in_the_browser_is_explained() {
    let browser = browser();
    let mut desktop = Desktop::start_with(
        "sso-cancelled-there",
        &[
            ("PORTAL_DESK_BROWSER", &browser),
            ("SSO_BROWSER_CANCEL", "1"),
        ],
    );
    let app = desktop.launch_app();
    app.wait_for("#open-demo-sso", APP_TIMEOUT);
    app.click_on("#open-demo-sso");
    app.wait_for_text(".banner", APP_TIMEOUT, |text| {
        text.contains("Signing in was cancelled in the browser.")
    });
    desktop.screenshot("cancelled-in-browser");
}

#[test]
fn the_demo_portal_offers_demo_sso() {
    let browser = browser();
    let desktop = Desktop::start_with(
        "sso-demo",
        &[
            ("PORTAL_DESK_BROWSER", &browser),
            ("SSO_BROWSER_EMAIL", "lee@example.com"),
            ("SSO_BROWSER_PASSWORD", DEMO_PASSWORD),
        ],
    );
    let app = desktop.launch_app();
    app.wait_for("#open-demo-sso", APP_TIMEOUT);
    app.click_on("#open-demo-sso");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Lee Okafor");
}

#[test]
fn a_first_password_is_asked_for_from_the_sign_in_screen() {
    let portal = PortalProcess::spawn(BASIC_FIXTURES);
    let mut desktop = Desktop::start("first-password");
    let app = desktop.launch_app();
    app.wait_for("#sign-in", APP_TIMEOUT);
    app.fill("#portal-url", portal.url());
    app.fill("#email", "bob@example.com");
    app.click_on("#first-password");
    app.wait_for_text(".banner", SHORT, |text| {
        text.starts_with("If an account uses that address and has no password yet")
    });
    desktop.screenshot("first-password-asked");
    let mail = outbox(portal.db_path());
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0]["to"], "bob@example.com");
    assert_eq!(mail[0]["subject"], "You already have a password");
}
