//! What the pdesk end-to-end tests share: a home folder, a private Secret
//! Service and a spawned portal, and helpers to run the real binary.

#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use test_support::{PortalProcess, SecretService};

/// A pdesk home, a private Secret Service and a spawned portal.
pub struct World {
    /// The folder pdesk keeps its accounts in.
    pub home: tempfile::TempDir,
    _keyring_home: tempfile::TempDir,
    /// The test's keyring.
    pub keyring: SecretService,
    /// The portal.
    pub portal: PortalProcess,
}

impl World {
    /// A world whose portal is loaded with `fixtures`.
    pub fn new(fixtures: &str) -> Self {
        Self::with_portal(PortalProcess::spawn(fixtures))
    }

    fn with_portal(portal: PortalProcess) -> Self {
        let keyring_home = tempfile::tempdir().unwrap();
        let keyring = SecretService::start(keyring_home.path());
        World {
            home: tempfile::tempdir().unwrap(),
            _keyring_home: keyring_home,
            keyring,
            portal,
        }
    }

    /// A world whose portal, loaded with `fixtures`, offers single sign-on
    /// as "Example SSO".
    pub fn offering_sso(fixtures: &str) -> Self {
        Self::with_portal(PortalProcess::spawn_offering_sso(fixtures, "Example SSO"))
    }

    /// pdesk with `args`, its stdio piped.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pdesk"));
        command
            .args(args)
            .env("PORTAL_DESK_HOME", self.home.path())
            .env("DBUS_SESSION_BUS_ADDRESS", self.keyring.address())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    /// Runs pdesk to the end.
    pub fn run(&self, args: &[&str]) -> Output {
        test_support::output(self.command(args).stdin(Stdio::null()))
    }

    /// Runs pdesk to the end with `input` on its standard input.
    pub fn run_with_input(&self, args: &[&str], input: &str) -> Output {
        let mut child = test_support::spawn(&mut self.command(args));
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Signs in; panics when that fails.
    pub fn login(&self, portal_url: &str, email: &str, password: &str) {
        let mut child = self.command(&[
            "--portal",
            portal_url,
            "login",
            "--email",
            email,
            "--password-stdin",
        ]);
        let mut child = test_support::spawn(&mut child);
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// stdout of a run that must have succeeded.
pub fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

/// Makes `command` run as on a disk with `bytes` left for any one file:
/// a write past it fails (`EFBIG`, its signal ignored), as a full disk
/// fails a write. Unix only: Windows has no per-process file-size limit.
#[cfg(unix)]
pub fn limit_file_size(command: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}
