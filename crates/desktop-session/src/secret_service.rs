use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::require_tool;

/// A session bus configuration with no service activation, so nothing but
/// what a test starts itself answers on the bus.
const BUS_CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

const KEYRING_PASSWORD: &str = "test-keyring-password";

/// A private D-Bus session bus made with `dbus-run-session`, optionally with
/// `gnome-keyring-daemon --unlock --components=secrets` serving the Secret
/// Service on it. The keyring's files live under the given home folder, so
/// restarting the daemon finds the secrets stored before.
///
/// libdbus remembers the session bus address for the life of a process, so
/// a process keeps one bus; the keyring daemon on it can be restarted or
/// stopped.
pub struct SecretService {
    session: Child,
    stdin: Option<ChildStdin>,
    address: String,
    keyring: Option<Child>,
    home: PathBuf,
    runtime_dir: PathBuf,
    _config: tempfile::TempDir,
}

impl SecretService {
    /// A session bus with an unlocked GNOME Keyring whose files live under
    /// `home`.
    pub fn start(home: &Path) -> Self {
        let mut service = Self::bus_without_keyring(home);
        service.start_keyring();
        service
    }

    /// A session bus on which no Secret Service runs.
    pub fn bus_without_keyring(home: &Path) -> Self {
        require_tool(
            "dbus-run-session",
            "dbus-bin (Debian/Ubuntu: apt-get install dbus-bin)",
        );
        require_tool(
            "dbus-send",
            "dbus-bin (Debian/Ubuntu: apt-get install dbus-bin)",
        );
        let config = tempfile::tempdir().expect("temporary folder");
        let config_path = config.path().join("session.conf");
        std::fs::write(&config_path, BUS_CONFIG).expect("write bus configuration");
        let runtime_dir = config.path().join("runtime");
        std::fs::create_dir_all(&runtime_dir).expect("runtime folder");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&runtime_dir, std::fs::Permissions::from_mode(0o700))
                .expect("runtime folder permissions");
        }
        let mut session = Command::new("dbus-run-session")
            .arg("--config-file")
            .arg(&config_path)
            .args([
                "--",
                "sh",
                "-c",
                "echo \"$DBUS_SESSION_BUS_ADDRESS\"; exec cat >/dev/null",
            ])
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-run-session");
        let stdin = session.stdin.take();
        let stdout = session.stdout.take().expect("piped stdout");
        let (line_tx, line_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = line_tx.send(line);
        });
        let address = line_rx
            .recv_timeout(Duration::from_secs(20))
            .expect("dbus-run-session printed the bus address in time")
            .trim()
            .to_owned();
        assert!(
            !address.is_empty(),
            "dbus-run-session printed no bus address"
        );
        Self {
            session,
            stdin,
            address,
            keyring: None,
            home: home.to_path_buf(),
            runtime_dir,
            _config: config,
        }
    }

    /// The bus address, for `DBUS_SESSION_BUS_ADDRESS`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Stops the keyring daemon and starts it again on the same bus and
    /// home folder, as after a log-out and log-in.
    pub fn restart_keyring(&mut self) {
        self.stop_keyring();
        self.start_keyring();
    }

    /// Stops the keyring daemon; the bus stays, with no Secret Service on it.
    pub fn stop_keyring(&mut self) {
        if let Some(mut keyring) = self.keyring.take() {
            let _ = keyring.kill();
            let _ = keyring.wait();
        }
        self.wait_for_secret_service(false);
    }

    fn start_keyring(&mut self) {
        require_tool(
            "gnome-keyring-daemon",
            "gnome-keyring (Debian/Ubuntu: apt-get install gnome-keyring)",
        );
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_RUNTIME_DIR", &self.runtime_dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start gnome-keyring-daemon");
        if let Some(mut stdin) = keyring.stdin.take() {
            stdin
                .write_all(KEYRING_PASSWORD.as_bytes())
                .expect("give gnome-keyring-daemon its password");
        }
        self.keyring = Some(keyring);
        self.wait_for_secret_service(true);
    }

    fn wait_for_secret_service(&self, present: bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let output = Command::new("dbus-send")
                .arg(format!("--bus={}", self.address))
                .args([
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .output()
                .expect("run dbus-send");
            let owned = String::from_utf8_lossy(&output.stdout).contains("boolean true");
            if owned == present {
                if present {
                    // The login keyring is unlocked right after the name is
                    // taken; give it a moment.
                    std::thread::sleep(Duration::from_millis(300));
                }
                return;
            }
            assert!(
                Instant::now() < deadline,
                "org.freedesktop.secrets did not {} on the test bus",
                if present { "appear" } else { "go away" }
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for SecretService {
    fn drop(&mut self) {
        if let Some(mut keyring) = self.keyring.take() {
            let _ = keyring.kill();
            let _ = keyring.wait();
        }
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.session.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.session.kill();
        let _ = self.session.wait();
    }
}
