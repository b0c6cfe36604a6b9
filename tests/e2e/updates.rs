//! End to end: Portal Desk's own updates as a person meets them. The app
//! here is the test build, which no package installed, so the feed is
//! asked for the `linux-x86_64-unknown` platform; installing a real
//! package is tested against the installed `.deb` (`e2e_installed.rs`).
#![cfg(target_os = "linux")]

use crate::support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;

use serde_json::json;
use support::desktop::{APP_TIMEOUT, Desktop};
use support::{SHORT, launch_as_ada, launch_demo};
use test_support::{BASIC_FIXTURES, PortalProcess};

/// The platform the test build asks for.
const PLATFORM: &str = "linux-x86_64-unknown";

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/updates")
        .join(name)
}

/// A releases folder offering 9.0.0, whose package carries `signature`.
fn releases_with_signature(signature: &str) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let release = json!({
        "version": "9.0.0",
        "notes": "Attachments open in the app.\nFaster downloads of large invoices.",
        "pub_date": "2026-12-01T09:00:00Z",
        "platforms": { PLATFORM: {"file": "portal-desk_9.0.0_amd64.deb"} }
    });
    std::fs::write(folder.path().join("releases.json"), release.to_string()).unwrap();
    std::fs::copy(
        fixture("stand-in-package.deb"),
        folder.path().join("portal-desk_9.0.0_amd64.deb"),
    )
    .unwrap();
    std::fs::copy(
        fixture(signature),
        folder.path().join("portal-desk_9.0.0_amd64.deb.sig"),
    )
    .unwrap();
    folder
}

#[test]
fn a_newer_version_is_offered_and_a_package_signed_by_another_key_is_refused() {
    let releases = releases_with_signature("stand-in-package.deb.other-key.sig");
    let portal = PortalProcess::spawn_with_releases(BASIC_FIXTURES, releases.path());
    let mut desktop = Desktop::start("update-offered");
    let app = launch_as_ada(&desktop, portal.url());
    app.wait_for_text("#update-title", APP_TIMEOUT, |title| {
        title == "Portal Desk 9.0.0 is available"
    });
    app.click_on("#update-whats-new");
    app.wait_for_text("#update-notes", SHORT, |notes| {
        notes.contains("Attachments open in the app.") && notes.contains("Faster downloads")
    });
    desktop.screenshot("offered");

    app.click_on("#update-install");
    app.wait_for_text("#update-error", APP_TIMEOUT, |error| {
        error.starts_with(
            "Portal Desk 9.0.0 was downloaded but not installed: its signature does not match",
        )
    });
    assert_eq!(
        app.text_of("#update-install"),
        "Try again",
        "the banner stays, with the way to try again"
    );
    desktop.screenshot("bad-signature");

    app.click_on("#update-later");
    app.wait_until_gone("#update-banner", SHORT);
}

/// A server that answers every request with a web page, like a proxy's
/// sign-in page in front of the portal; stops when the test ends.
fn html_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(20) {
            let Ok(mut stream) = stream else { continue };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let page = "<!doctype html><html><body><h1>Sign in to the network</h1></body></html>";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    url
}

/// A loopback port that refuses every connection for as long as the
/// returned socket lives: bound, so nothing else can take it (a port freed
/// and named later may be bound again by another test meanwhile), and not
/// listening. Returns the socket and a feed URL on the port.
fn refusing_port() -> (socket2::Socket, String) {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    socket
        .bind(&std::net::SocketAddr::from(([127, 0, 0, 1], 0)).into())
        .unwrap();
    let port = socket.local_addr().unwrap().as_socket().unwrap().port();
    (socket, format!("http://127.0.0.1:{port}/feed"))
}

#[test]
fn a_feed_answering_html_is_quiet_at_start_and_explained_when_asked() {
    let feed = html_server();
    let mut desktop = Desktop::start_with("update-html", &[("PORTAL_DESK_UPDATE_FEED", &feed)]);
    let app = launch_demo(&desktop);
    app.click_on("#tab-settings");
    app.wait_for("#check-updates", APP_TIMEOUT);
    assert!(
        !app.exists("#update-banner") && !app.exists("#update-check-status"),
        "the start-up check says nothing about a broken feed"
    );
    app.click_on("#check-updates");
    app.wait_for_text("#update-check-status", APP_TIMEOUT, |status| {
        status.starts_with("The portal's update feed answered with something that is not an update")
    });
    assert!(!app.exists("#update-banner"), "nothing is offered");
    desktop.screenshot("html-feed");
}

#[test]
fn an_unreachable_feed_is_quiet_at_start_and_explained_when_asked() {
    let (_refusing, feed) = refusing_port();
    let mut desktop =
        Desktop::start_with("update-unreachable", &[("PORTAL_DESK_UPDATE_FEED", &feed)]);
    let app = launch_demo(&desktop);
    app.click_on("#tab-settings");
    app.wait_for("#check-updates", APP_TIMEOUT);
    assert!(!app.exists("#update-banner"));
    app.click_on("#check-updates");
    app.wait_for_text("#update-check-status", APP_TIMEOUT, |status| {
        status.starts_with("Cannot reach the update feed")
    });
    desktop.screenshot("unreachable-feed");
}
