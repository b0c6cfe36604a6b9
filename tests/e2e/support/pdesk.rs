//! pdesk beside the app, as someone at another computer: its own home
//! folder, the desktop's Secret Service.

use std::io::Write;
use std::process::{Command, Stdio};

use test_support::workspace_binary;

use super::desktop::Desktop;

/// pdesk with a home of its own.
pub struct Pdesk {
    home: tempfile::TempDir,
    keyring_address: String,
}

impl Pdesk {
    /// pdesk on `desktop`'s keyring, signed in to nothing yet.
    pub fn beside(desktop: &Desktop) -> Self {
        Self {
            home: tempfile::tempdir().unwrap(),
            keyring_address: desktop.keyring.address().to_owned(),
        }
    }

    /// Signs in as `email` at `url`.
    pub fn login(&self, url: &str, email: &str, password: &str) {
        self.run(
            &[
                "--portal",
                url,
                "login",
                "--email",
                email,
                "--password-stdin",
            ],
            Some(password),
        );
    }

    /// Runs pdesk to the end (with `stdin` on its standard input); panics
    /// with what it said when it fails. Answers its standard output.
    pub fn run(&self, args: &[&str], stdin: Option<&str>) -> String {
        let mut child = Command::new(workspace_binary("pdesk"))
            .args(args)
            .env("PORTAL_DESK_HOME", self.home.path())
            .env("DBUS_SESSION_BUS_ADDRESS", &self.keyring_address)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(text) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        drop(child.stdin.take());
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "pdesk {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }
}
