//! `pdesk login --sso` end to end: the real binary opens "the browser" (a
//! stand-in program named by `PORTAL_DESK_BROWSER`, the program sign-in
//! pages open with) at the portal's sign-in page, the stand-in signs in on its form and follows the
//! redirect to pdesk's loopback port, and pdesk keeps the session.

use std::process::Stdio;

use crate::support;

use support::{World, succeeded, text};
use test_support::{BASIC_FIXTURES, PASSWORD, workspace_binary};

fn login_with_browser(world: &World, browser_env: &[(&str, &str)]) -> std::process::Output {
    let mut command = world.command(&["--portal", world.portal.url(), "login", "--sso"]);
    command
        .env(
            portal_client::sso::BROWSER_ENV,
            workspace_binary("sso-browser"),
        )
        .stdin(Stdio::null());
    for (name, value) in browser_env {
        command.env(name, value);
    }
    test_support::output(&mut command)
}

#[test]
fn login_with_sso_signs_in_through_the_browser_and_keeps_the_session() {
    let world = World::offering_sso(BASIC_FIXTURES);
    let output = login_with_browser(
        &world,
        &[
            ("SSO_BROWSER_EMAIL", "ada@example.com"),
            ("SSO_BROWSER_PASSWORD", PASSWORD),
        ],
    );
    let said = succeeded(&output);
    assert!(
        said.contains("Signed in to") && said.contains("<ada@example.com>"),
        "{said}"
    );
    let asked = text(&output.stderr);
    assert!(
        asked.contains("Sign in with Example SSO in your browser"),
        "{asked}"
    );
    assert!(
        asked.contains(&format!("{}/oauth/authorize?", world.portal.url())),
        "{asked}"
    );
    let profile = succeeded(&world.run(&["profile", "show"]));
    assert!(
        profile.contains("ada@example.com"),
        "the session is kept: {profile}"
    );
}

#[test]
fn a_cancelled_browser_sign_in_fails_with_the_reason() {
    let world = World::offering_sso(BASIC_FIXTURES);
    let output = login_with_browser(&world, &[("SSO_BROWSER_CANCEL", "1")]);
    assert!(!output.status.success());
    let said = text(&output.stderr);
    assert!(
        said.contains("Signing in was cancelled in the browser."),
        "{said}"
    );
    assert!(
        !world.run(&["profile", "show"]).status.success(),
        "nobody is signed in"
    );
}

#[test]
fn login_with_sso_at_a_portal_without_it_says_so() {
    let world = World::new(BASIC_FIXTURES);
    let output = login_with_browser(&world, &[]);
    assert!(!output.status.success());
    let said = text(&output.stderr);
    assert!(said.contains("does not offer single sign-on"), "{said}");
}
