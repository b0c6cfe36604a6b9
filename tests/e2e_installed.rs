//! End to end against the installed package: `cargo xtask test` installs
//! the `.deb` it built (`dpkg -i`) and then runs this test with
//! `--ignored`, naming the installed program in `PORTAL_DESK_INSTALLED_APP`
//! and a home folder that outlives the test in `PORTAL_DESK_INSTALLED_HOME`
//! (it checks after removing the package that the user's data is still
//! there). Run by hand, without the package, the test fails and says so.
#![cfg(target_os = "linux")]

mod support;

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
