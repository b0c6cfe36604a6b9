//! Test helpers shared by the workspace's integration tests: the reference
//! portal on a random loopback port (in-process or as a spawned process),
//! and a private D-Bus session with a real Secret Service.
//!
//! Missing tools make these helpers panic with what to install: a test never
//! passes without having run.

#![warn(missing_docs)]

mod canned_http;
pub mod contract;
mod fault_proxy;
mod hostile_names;
pub mod images;
mod portal;
pub mod portal_api;
pub mod sso_browser;

pub use canned_http::CannedHttp;
pub use desktop_session::SecretService;
pub use fault_proxy::{Fault, FaultProxy, RequestHook, SeenApiRequest, SeenRequest};
pub use hostile_names::{hostile_documents_fixture, hostile_names, hostile_tickets_fixture};
pub use portal::{
    PortalProcess, TEST_CLOCK_START, TestPortal, TestPortalBuilder, workspace_binary,
};
pub use portal_server::Clock;
pub use portal_server::{LoadLimits, ThrottleConfig};

/// The password of every user in [`BASIC_FIXTURES`].
pub const PASSWORD: &str = "correct horse battery staple";

/// A small portal: one organization, two users (`ada@example.com` and
/// `bob@example.com`, password [`PASSWORD`]).
pub const BASIC_FIXTURES: &str = r#"{
  "organizations": [
    { "name": "Acme Corp", "policy": "review", "roles": [
      { "name": "Management", "description": "Runs things.", "grants": ["manage_contacts"] }
    ] }
  ],
  "users": [
    { "email": "ada@example.com", "password": "correct horse battery staple",
      "first_name": "Ada", "last_name": "Lovelace", "mobile_phone": "+44 7700 900001",
      "company": "Acme Corp", "job_title": "Analyst",
      "memberships": [ { "organization": "Acme Corp", "roles": ["Management"] } ] },
    { "email": "bob@example.com", "password": "correct horse battery staple",
      "first_name": "Bob", "last_name": "Builder" }
  ]
}"#;

/// Every file under `folder` whose bytes contain `needle`: used to prove that
/// no password or token was written to disk.
pub fn files_containing(folder: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a folder") {
            let path = entry.expect("read a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read a file");
                if String::from_utf8_lossy(&bytes).contains(needle) {
                    found.push(path);
                }
            }
        }
    }
    found
}

/// Set by `cargo xtask test` (and `cargo xtask with-keyring`) to the bus
/// address of the private Secret Service it started, beside
/// `DBUS_SESSION_BUS_ADDRESS`, before any test process starts.
pub const PRIVATE_KEYRING_ENV: &str = "PORTAL_DESK_PRIVATE_KEYRING";

/// Checks that this test process talks to the private Secret Service that
/// `cargo xtask` started for it, never the user's own keyring: the session
/// bus address must be the one xtask set. Call it first thing in every test
/// that touches the keyring in-process. (libdbus reads the address once per
/// process, and changing the environment while other test threads run is
/// unsound, so the address is set before the process starts.)
#[cfg(unix)]
pub fn use_private_keyring() {
    let private = std::env::var(PRIVATE_KEYRING_ENV).ok();
    let bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").ok();
    assert!(
        private.is_some() && private == bus,
        "This test uses the keyring and must never reach your own. Run it through \
         `cargo xtask test`, or `cargo xtask with-keyring cargo test …`, which start a \
         private Secret Service and point DBUS_SESSION_BUS_ADDRESS at it \
         ({PRIVATE_KEYRING_ENV}={private:?}, DBUS_SESSION_BUS_ADDRESS={bus:?})."
    );
}

/// The Windows twin: the Credential Manager needs no setting up.
#[cfg(windows)]
pub fn use_private_keyring() {}

/// Starts `command`. Under Wine, `CreateProcess` now and then answers
/// `ERROR_INTERNAL_ERROR` (1359) when many processes start at once, which
/// Windows itself does not do; the start is tried again a few times then.
pub fn spawn(command: &mut std::process::Command) -> std::process::Child {
    let mut attempts = 0;
    loop {
        match command.spawn() {
            Ok(child) => return child,
            Err(error) if cfg!(windows) && error.raw_os_error() == Some(1359) && attempts < 5 => {
                attempts += 1;
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Err(error) => panic!("cannot start {command:?}: {error}"),
        }
    }
}

/// Runs `command` to the end with its output captured, starting it with
/// [`spawn`].
pub fn output(command: &mut std::process::Command) -> std::process::Output {
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    spawn(command)
        .wait_with_output()
        .expect("wait for the program")
}

/// An HTTP client for talking to a test portal on the loopback: plain HTTP,
/// so it loads no root certificates (reading the system's store for every
/// client costs seconds under Wine, where the Windows tests run).
pub fn loopback_client() -> reqwest::Client {
    reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .build()
        .expect("an HTTP client")
}

/// The names of the entries of `folder`, sorted.
pub fn names_in(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("read the folder")
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !is_wine_stream_file(name))
        .collect();
    names.sort();
    names
}

/// Wine keeps a file's alternate data stream (`Invoice.pdf:Zone.Identifier`,
/// the downloaded-from-the-internet mark) as a file of that name beside it,
/// and lists it with the folder; Windows never lists streams, and no file
/// name on Windows holds a colon. Folder listings follow Windows.
fn is_wine_stream_file(name: &str) -> bool {
    cfg!(windows) && name.contains(':')
}

/// The SHA-256 of a file, lowercase hex.
pub fn sha256_hex(path: &std::path::Path) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(
        std::fs::read(path).expect("read the file"),
    ))
}
