//! One isolated desktop per test: an Xvfb display, a private D-Bus session
//! with GNOME Keyring, tauri-driver (with WebKitWebDriver) on free ports, and
//! a home folder for Portal Desk. Missing tools fail the test with what to
//! install; nothing is skipped.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use desktop_session::{SecretService, VirtualDisplay, desktop_env, on_path};

use super::webdriver::WebDriver;

/// WebKit is heavy: run one desktop at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// How long the app may take to show something.
pub const APP_TIMEOUT: Duration = Duration::from_secs(30);

/// An isolated desktop session for the app.
pub struct Desktop {
    home: PathBuf,
    /// The home folder when the desktop made it (removed with the desktop).
    _own_home: Option<tempfile::TempDir>,
    /// The app program that is launched.
    app: PathBuf,
    /// The private keyring.
    pub keyring: SecretService,
    display: VirtualDisplay,
    driver: Child,
    driver_url: String,
    test_name: String,
    shots: usize,
    _keyring_home: tempfile::TempDir,
    runtime_dir: tempfile::TempDir,
    _serial: MutexGuard<'static, ()>,
    extra_env: Vec<(String, String)>,
}

impl Desktop {
    /// Starts Xvfb, the keyring and tauri-driver for the test `test_name`.
    pub fn start(test_name: &str) -> Self {
        Self::start_with(test_name, &[])
    }

    /// Like [`Desktop::start`], with extra environment for the app.
    pub fn start_with(test_name: &str, extra_env: &[(&str, &str)]) -> Self {
        let home = tempfile::tempdir().unwrap();
        let mut desktop = Self::start_for(
            test_name,
            Path::new(env!("CARGO_BIN_EXE_portal-desk")),
            home.path(),
            extra_env,
        );
        desktop._own_home = Some(home);
        desktop
    }

    /// A desktop for the app program `app` (an installed one, say) whose
    /// home folder `home` outlives the desktop.
    pub fn start_for(test_name: &str, app: &Path, home: &Path, extra_env: &[(&str, &str)]) -> Self {
        let serial = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (tool, package) in [("Xvfb", "xvfb"), ("WebKitWebDriver", "webkit2gtk-driver")] {
            assert!(
                on_path(tool),
                "{tool} is not installed (Debian/Ubuntu package {package}); `cargo xtask test` installs it"
            );
        }
        let tauri_driver = find_tauri_driver();
        let display = VirtualDisplay::start();
        let keyring_home = tempfile::tempdir().unwrap();
        let keyring = SecretService::start(keyring_home.path());
        std::fs::create_dir_all(home).unwrap();
        let runtime_dir = tempfile::tempdir().unwrap();
        let stub_bin = install_opener_stub(home);
        let port = free_port();
        let native_port = free_port();
        let mut driver = Command::new(tauri_driver);
        driver.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ]);
        desktop_env(
            &mut driver,
            display.name(),
            keyring.address(),
            home,
            runtime_dir.path(),
        );
        driver.env("PATH", path_with(&stub_bin));
        driver.envs(extra_env.iter().copied());
        let driver = driver
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tauri-driver");
        let driver_url = format!("http://127.0.0.1:{port}");
        wait_for_driver(&driver_url);
        Self {
            home: home.to_path_buf(),
            _own_home: None,
            app: app.to_path_buf(),
            keyring,
            display,
            driver,
            driver_url,
            test_name: test_name.to_owned(),
            shots: 0,
            _keyring_home: keyring_home,
            runtime_dir,
            _serial: serial,
            extra_env: extra_env
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect(),
        }
    }

    /// Launches the app (a new process) in a new WebDriver session.
    pub fn launch_app(&self) -> WebDriver {
        WebDriver::launch(&self.driver_url, &self.app)
    }

    /// The process id of tauri-driver, whose descendants are the app and
    /// its WebKit processes while a session is open.
    pub fn driver_pid(&self) -> u32 {
        self.driver.id()
    }

    /// A command that starts the app directly (not through WebDriver) on
    /// this desktop, with the same environment.
    pub fn app_command(&self) -> Command {
        let mut command = Command::new(&self.app);
        desktop_env(
            &mut command,
            self.display.name(),
            self.keyring.address(),
            &self.home,
            self.runtime_dir.path(),
        );
        command.env("PATH", path_with(&self.home.join("bin")));
        command.envs(self.extra_env.iter().map(|(name, value)| (name, value)));
        command
    }

    /// Answers the native file dialog titled `title` the way a person
    /// would: waits for it, focuses it, types the file's path in its
    /// location field and presses Enter.
    pub fn answer_file_dialog(&self, title: &str, file: &Path) {
        self.type_path_into_dialog(title, file, "ctrl+l");
    }

    /// Answers the native save dialog titled `title` the way a person
    /// would: replaces the suggested name with the whole path and presses
    /// Enter.
    pub fn answer_save_dialog(&self, title: &str, file: &Path) {
        self.type_path_into_dialog(title, file, "ctrl+a");
    }

    /// Types `file`'s path into the dialog and presses Enter, as a person
    /// would; a busy machine can lose keystrokes, so while the dialog stays
    /// open the path is typed again over what is there (three tries).
    fn type_path_into_dialog(&self, title: &str, file: &Path, focus_keys: &str) {
        let window = self.wait_for_window(title);
        // Let the dialog finish mapping before typing into it.
        std::thread::sleep(Duration::from_millis(500));
        let path = file.to_str().expect("a UTF-8 path");
        for attempt in 0..3 {
            let mut steps = vec![
                vec!["windowfocus", "--sync", window.as_str()],
                vec!["key", "--clearmodifiers", focus_keys],
            ];
            if attempt > 0 {
                steps.push(vec!["key", "--clearmodifiers", "ctrl+a"]);
            }
            steps.push(vec!["type", "--delay", "15", path]);
            steps.push(vec!["key", "Return"]);
            for args in steps {
                self.xdotool_ok(&args);
                std::thread::sleep(Duration::from_millis(200));
            }
            if self.window_closes(&window, Duration::from_secs(5)) {
                return;
            }
        }
        panic!("the dialog {title:?} stayed open after {path:?} was typed into it three times");
    }

    /// Whether the window `id` is gone (or hidden) within `timeout`.
    fn window_closes(&self, id: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let visible = self.xdotool(&["search", "--onlyvisible", "--name", "."]);
            if !String::from_utf8_lossy(&visible.stdout)
                .lines()
                .any(|line| line.trim() == id)
            {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn xdotool(&self, args: &[&str]) -> std::process::Output {
        assert!(
            on_path("xdotool"),
            "xdotool is not installed (Debian/Ubuntu package xdotool); `cargo xtask test` installs it"
        );
        Command::new("xdotool")
            .args(args)
            .env("DISPLAY", self.display.name())
            .output()
            .expect("run xdotool")
    }

    /// Resizes the app's window to `width`×`height` pixels, as a person
    /// dragging its corner would.
    pub fn resize_app_window(&self, width: u32, height: u32) {
        let id = self.wait_for_window("^Portal Desk$");
        self.xdotool_ok(&["windowsize", &id, &width.to_string(), &height.to_string()]);
    }

    fn xdotool_ok(&self, args: &[&str]) {
        let output = self.xdotool(args);
        assert!(output.status.success(), "xdotool {args:?}: {output:?}");
    }

    /// The id of the visible window whose title matches `title` (a regular
    /// expression), waiting up to 20 seconds for it.
    fn wait_for_window(&self, title: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let found = self.xdotool(&["search", "--onlyvisible", "--name", title]);
            let ids = String::from_utf8_lossy(&found.stdout);
            if let Some(id) = ids.lines().next().filter(|id| !id.trim().is_empty()) {
                return id.trim().to_owned();
            }
            if Instant::now() >= deadline {
                let all = self.xdotool(&["search", "--onlyvisible", "--name", "."]);
                let names: Vec<String> = String::from_utf8_lossy(&all.stdout)
                    .lines()
                    .map(|id| {
                        let name = self.xdotool(&["getwindowname", id.trim()]);
                        String::from_utf8_lossy(&name.stdout).trim().to_owned()
                    })
                    .collect();
                panic!("no window titled {title:?} appeared; visible windows: {names:?}");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// The text on this display's clipboard, read with `xclip`.
    pub fn clipboard_text(&self) -> String {
        assert!(
            on_path("xclip"),
            "xclip is not installed (Debian/Ubuntu package xclip); `cargo xtask test` installs it"
        );
        let output = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .env("DISPLAY", self.display.name())
            .output()
            .expect("xclip runs");
        assert!(
            output.status.success(),
            "xclip: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// The app's home folder (`PORTAL_DESK_HOME` and `HOME`).
    pub fn home(&self) -> &Path {
        &self.home
    }

    /// What the app asked the system to open with `xdg-open`, one argument
    /// per call (the desktop's `xdg-open` records instead of opening).
    pub fn opened_with_system(&self) -> Vec<String> {
        std::fs::read_to_string(self.home.join("xdg-open.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Saves a screenshot of the whole display, as a person would see it,
    /// as `target/e2e-screenshots/TEST-NN-NAME.png`.
    pub fn screenshot(&mut self, name: &str) -> PathBuf {
        self.shots += 1;
        let folder = screenshot_dir();
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join(format!("{}-{:02}-{name}.png", self.test_name, self.shots));
        let status = Command::new("import")
            .args(["-display", self.display.name(), "-window", "root"])
            .arg(&path)
            .status()
            .expect("run ImageMagick's import");
        assert!(
            status.success(),
            "import could not capture {}",
            self.display.name()
        );
        path
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Puts an `xdg-open` in `HOME/bin` that records its argument in
/// `HOME/xdg-open.log` (the system viewer a person would see is out of
/// scope; that the app asked for the right file is not).
fn install_opener_stub(home: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let stub = bin.join("xdg-open");
    std::fs::write(
        &stub,
        "#!/bin/sh\nprintf '%s\\n' \"$1\" >> \"$HOME/xdg-open.log\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// `PATH` with `first` in front.
fn path_with(first: &Path) -> std::ffi::OsString {
    let mut paths = vec![first.to_path_buf()];
    if let Some(path) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(paths).expect("a valid PATH")
}

/// Where screenshots go: `target/e2e-screenshots`.
pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("e2e-screenshots")
}

fn find_tauri_driver() -> PathBuf {
    let mut candidates: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join("tauri-driver"))
                .collect()
        })
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        candidates.push(PathBuf::from(home).join("bin/tauri-driver"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(PathBuf::from(home).join(".cargo/bin/tauri-driver"));
    }
    candidates
        .into_iter()
        .find(|path| path.is_file())
        .expect("tauri-driver is not installed: `cargo install tauri-driver --locked` (`cargo xtask test` does)")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_driver(url: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if reqwest::blocking::get(format!("{url}/status")).is_ok_and(|r| r.status().is_success()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("tauri-driver did not answer at {url}");
}
