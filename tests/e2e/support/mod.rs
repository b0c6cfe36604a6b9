//! Support for the end-to-end tests. Each end-to-end test binary compiles
//! this module and uses only part of it, hence the allowance below.

#![allow(dead_code)]

pub mod accessibility;
pub mod desktop;
pub mod keyboard;
pub mod layout;
pub mod notifications;
pub mod pdesk;
pub mod portal_view;
pub mod webdriver;

use std::time::Duration;

use desktop::{APP_TIMEOUT, Desktop};
use test_support::{BASIC_FIXTURES, PASSWORD, PortalProcess};
use webdriver::WebDriver;

/// Fills in the sign-in form and submits it with the mouse.
pub fn sign_in(app: &WebDriver, url: &str, email: &str, password: &str) {
    app.fill("#portal-url", url);
    app.fill("#email", email);
    app.fill("#password", password);
    app.click_on("#sign-in");
}

/// Launches the app, signs in to the portal at `url` and waits until
/// `display_name` shows in the top bar.
pub fn launch_signed_in(
    desktop: &Desktop,
    url: &str,
    email: &str,
    password: &str,
    display_name: &str,
) -> WebDriver {
    let app = desktop.launch_app();
    app.wait_for("#sign-in", APP_TIMEOUT);
    sign_in(&app, url, email, password);
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == display_name);
    app
}

/// The demo portal's user with the most roles, and the demo password.
pub const DANA: &str = "dana@example.com";
/// Every demo user's password.
pub const DEMO_PASSWORD: &str = "demo-password";

/// Launches the app and signs in to the (demo-seeded) portal at `url` as
/// Dana.
pub fn launch_as_dana(desktop: &Desktop, url: &str) -> WebDriver {
    launch_signed_in(desktop, url, DANA, DEMO_PASSWORD, "Dana Whitfield")
}

/// Launches the app and signs in to the portal at `url` (with
/// [`BASIC_FIXTURES`]) as Ada.
pub fn launch_as_ada(desktop: &Desktop, url: &str) -> WebDriver {
    launch_signed_in(desktop, url, "ada@example.com", PASSWORD, "Ada Lovelace")
}

/// A portal with Ada, a desktop for `test_name`, and the app signed in to
/// the portal as Ada.
pub fn signed_in_as_ada(test_name: &str) -> (PortalProcess, Desktop, WebDriver) {
    let portal = PortalProcess::spawn(BASIC_FIXTURES);
    let desktop = Desktop::start(test_name);
    let app = launch_as_ada(&desktop, portal.url());
    (portal, desktop, app)
}

/// Launches the app and opens the embedded demo portal as Dana.
pub fn launch_demo(desktop: &Desktop) -> WebDriver {
    let app = desktop.launch_app();
    app.wait_for("#open-demo", APP_TIMEOUT);
    app.click_on("#open-demo");
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    app
}

/// Waits (up to [`SHORT`]) for a file to appear.
pub fn wait_for_file(path: &std::path::Path) {
    let deadline = std::time::Instant::now() + SHORT;
    while !path.is_file() {
        assert!(
            std::time::Instant::now() < deadline,
            "{path:?} never appeared"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// How long a step inside a running app may take.
pub const SHORT: Duration = Duration::from_secs(10);
