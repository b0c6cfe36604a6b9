use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

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
/// a restart with the same home finds the secrets stored before.
pub struct SecretService {
    session: Child,
    stdin: Option<ChildStdin>,
    address: String,
    keyring_pid: Option<u32>,
    home: PathBuf,
    _config: tempfile::TempDir,
}

impl SecretService {
    /// A session bus with an unlocked GNOME Keyring whose files live under
    /// `home`.
    pub fn start(home: &Path) -> Self {
        Self::launch(home, true)
    }

    /// A session bus on which no Secret Service runs.
    pub fn bus_without_keyring(home: &Path) -> Self {
        Self::launch(home, false)
    }

    /// The bus address, for `DBUS_SESSION_BUS_ADDRESS`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Stops the keyring and the bus and starts both again on the same home
    /// folder, as after a log-out and log-in.
    pub fn restart(self) -> Self {
        let home = self.home.clone();
        let with_keyring = self.keyring_pid.is_some();
        drop(self);
        Self::launch(&home, with_keyring)
    }

    fn launch(home: &Path, with_keyring: bool) -> Self {
        require_tool(
            "dbus-run-session",
            "dbus-bin (Debian/Ubuntu: apt-get install dbus-bin)",
        );
        require_tool(
            "dbus-send",
            "dbus-bin (Debian/Ubuntu: apt-get install dbus-bin)",
        );
        if with_keyring {
            require_tool(
                "gnome-keyring-daemon",
                "gnome-keyring (Debian/Ubuntu: apt-get install gnome-keyring)",
            );
        }
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
        let keyring_line = if with_keyring {
            "printf '%s' \"$PD_KEYRING_PASSWORD\" | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &\n\
             echo \"keyring $!\"\n"
        } else {
            ""
        };
        let script = format!(
            "{keyring_line}echo \"address $DBUS_SESSION_BUS_ADDRESS\"\nexec cat >/dev/null\n"
        );
        let mut session = Command::new("dbus-run-session")
            .arg("--config-file")
            .arg(&config_path)
            .args(["--", "sh", "-c", &script])
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_RUNTIME_DIR", &runtime_dir)
            .env("PD_KEYRING_PASSWORD", KEYRING_PASSWORD)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dbus-run-session");
        let stdin = session.stdin.take();
        let stdout = session.stdout.take().expect("piped stdout");
        let (line_tx, line_rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line_tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut address = None;
        let mut keyring_pid = None;
        while address.is_none() {
            let line = line_rx
                .recv_timeout(Duration::from_secs(20))
                .expect("dbus-run-session printed the bus address in time");
            if let Some(value) = line.strip_prefix("address ") {
                address = Some(value.to_owned());
            } else if let Some(pid) = line.strip_prefix("keyring ") {
                keyring_pid = pid.trim().parse().ok();
            }
        }
        let service = Self {
            session,
            stdin,
            address: address.unwrap_or_default(),
            keyring_pid,
            home: home.to_path_buf(),
            _config: config,
        };
        if with_keyring {
            service.wait_for_secret_service();
        }
        service
    }

    fn wait_for_secret_service(&self) {
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
            if String::from_utf8_lossy(&output.stdout).contains("boolean true") {
                // The login keyring is created right after the name is
                // taken; give it a moment.
                std::thread::sleep(Duration::from_millis(300));
                return;
            }
            assert!(
                Instant::now() < deadline,
                "gnome-keyring-daemon did not take org.freedesktop.secrets on the test bus"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for SecretService {
    fn drop(&mut self) {
        if let Some(pid) = self.keyring_pid {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
        if let Some(mut stdin) = self.stdin.take() {
            let _ = stdin.flush();
        }
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

fn require_tool(tool: &str, package: &str) {
    let found = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "{tool} is not installed; it comes with {package}. `cargo xtask test` installs it."
    );
}
