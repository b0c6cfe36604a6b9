//! End to end against the installed package: `cargo xtask test` installs
//! the `.deb` it built (`dpkg -i`) and then runs this test with
//! `--ignored`, naming the installed program in `PORTAL_DESK_INSTALLED_APP`
//! and a home folder that outlives the test in `PORTAL_DESK_INSTALLED_HOME`
//! (it checks after removing the package that the user's data is still
//! there). Run by hand, without the package, the test fails and says so.
#![cfg(target_os = "linux")]

use crate::support;

use std::path::PathBuf;

use support::desktop::{APP_TIMEOUT, Desktop};

/// The installed program and the home folder, from `cargo xtask test`.
fn installed() -> (PathBuf, PathBuf) {
    let variable = |name: &str| {
        std::env::var_os(name).map(PathBuf::from).unwrap_or_else(|| {
            panic!("{name} is not set: this test is run by `cargo xtask test` after it installs the package")
        })
    };
    let app = variable("PORTAL_DESK_INSTALLED_APP");
    assert!(
        app.is_file(),
        "{} is not installed: install the package first",
        app.display()
    );
    (app, variable("PORTAL_DESK_INSTALLED_HOME"))
}

#[test]
#[ignore = "needs the installed package: run by `cargo xtask test` after `dpkg -i`"]
fn installed_app_opens_the_demo_portal() {
    let (app, home) = installed();
    let mut desktop = Desktop::start_for("installed", &app, &home, &[]);
    let window = desktop.launch_app();
    window.wait_for("#open-demo", APP_TIMEOUT);
    desktop.screenshot("sign-in");

    window.click_on("#open-demo");
    window.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    assert_eq!(
        window.value_of("#field-mobile_phone"),
        "+44 7700 900123",
        "the installed app shows the demo portal's profile"
    );
    desktop.screenshot("my-details");
    window.quit();
    assert!(
        home.join("data").is_dir(),
        "the installed app keeps its data under PORTAL_DESK_HOME"
    );
}

/// How long installing the update (download, verify, `dpkg -i`) may take.
const INSTALL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(180);

/// The version of the installed package, as dpkg says.
fn installed_version() -> String {
    let answer = std::process::Command::new("dpkg-query")
        .args(["-W", "-f=${Version}", "portal-desk"])
        .output()
        .expect("run dpkg-query");
    String::from_utf8_lossy(&answer.stdout).trim().to_owned()
}

#[test]
#[ignore = "needs the installed package and a published update: run by `cargo xtask test`"]
fn installed_app_updates_itself_from_the_portal_and_keeps_the_session() {
    let (app, home) = installed();
    let releases = std::env::var_os("PORTAL_DESK_UPDATE_RELEASES")
        .map(PathBuf::from)
        .expect("PORTAL_DESK_UPDATE_RELEASES names the published update");
    let release: serde_json::Value =
        serde_json::from_slice(&std::fs::read(releases.join("releases.json")).unwrap()).unwrap();
    let version = release["version"].as_str().unwrap().to_owned();
    let before = installed_version();
    assert_ne!(
        before, version,
        "the published update is newer than what is installed"
    );

    let portal =
        test_support::PortalProcess::spawn_with_releases(test_support::BASIC_FIXTURES, &releases);
    let mut desktop = Desktop::start_for("installed-update", &app, &home.join("updating"), &[]);
    let window = support::launch_as_ada(&desktop, portal.url());
    window.wait_for_text("#update-title", APP_TIMEOUT, |title| {
        title == format!("Portal Desk {version} is available")
    });
    desktop.screenshot("offered");
    window.click_on("#update-install");

    // Downloaded, verified and installed with dpkg; then the app restarts
    // (out of this WebDriver session's reach).
    let start = std::time::Instant::now();
    while installed_version() != version {
        assert!(
            start.elapsed() < INSTALL_TIMEOUT,
            "the update to {version} was not installed (dpkg has {})",
            installed_version()
        );
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    drop(window);

    // Started again after the update: the account, its keyring entry and
    // its data are still there, so no password is asked for. (The test
    // run packages the same build as the next version, so the program
    // still calls itself by the old version and is offered the update
    // again; a real release's program carries its own version.)
    let window = desktop.launch_app();
    window.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Ada Lovelace");
    assert!(!window.exists("#password"), "no password was asked for");
    desktop.screenshot("after-update");
    window.quit();
}
