//! The Windows run of the core, on Linux: portal-client, pdesk and
//! portal-server built for `x86_64-pc-windows-gnu` and their tests run under
//! Wine; the app and pdesk built for Windows too (the app cannot open a
//! window under Wine, which has no WebView2).
//!
//! How, with Debian's packages and crates.io alone:
//! - Debian's `rustc-web`/`cargo-web` and the exactly matching standard
//!   library source `rust-web-src` build the standard library for Windows
//!   (`-Zbuild-std`, allowed on a stable compiler by `RUSTC_BOOTSTRAP=1`);
//!   no rustup target is involved, so `/usr/bin` comes first in `PATH`.
//! - mingw-w64 links (see `.cargo/config.toml`, which also makes Wine the
//!   runner of Windows test programs).
//! - Wine 8 lacks `bcryptprimitives.dll`, from which Rust's standard library
//!   takes its random numbers: `xtask/wine/process_prng.c` is built into a
//!   stand-in and copied into the test prefix (never shipped).
//! - The tests run through cargo-nextest, many at once: under Wine they wait
//!   far more than they compute. The whole run goes on beside the Linux
//!   steps of `cargo xtask test` (see [`Background`]).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The Rust target of the Windows build.
pub const TARGET: &str = "x86_64-pc-windows-gnu";

/// Tests at once under Wine (they mostly wait on Wine's server).
const TEST_THREADS: &str = "6";

/// What the Windows run builds, in one build so shared crates compile once.
const PACKAGES: [&str; 10] = [
    "--package",
    "portal-client",
    // Its stand-in browser (sso-browser) for the single sign-on tests.
    "--package",
    "test-support",
    "--package",
    "pdesk",
    "--package",
    "portal-server",
    "--package",
    "portal-desk",
];

/// `cargo xtask bundle`'s Windows part: the app and pdesk built for
/// Windows (release; or the test run's debug build, reused, with
/// `debug`), the installer made from them and smoke-tested under Wine.
pub fn bundle(root: &Path, target: &Path, debug: bool) -> Result<PathBuf, String> {
    let runner = Runner::foreground();
    let prefix = wine_prefix(&runner, root, target)?;
    let mut command = windows_cargo(root, target, &prefix);
    if debug {
        command
            .args(["test", "--no-run", "--target", TARGET, "--locked"])
            .args(PACKAGES);
    } else {
        command.args([
            "build",
            "--release",
            "--target",
            TARGET,
            "--locked",
            "--package",
            "portal-desk",
            "--package",
            "pdesk",
        ]);
    }
    runner.step("Windows: build the app and pdesk", &mut command)?;
    let profile = if debug { "debug" } else { "release" };
    installer_checked(&runner, root, target, &prefix, profile, debug)
}

/// Makes the installer from the Windows build of `profile` and smoke-tests
/// it under Wine; answers its path.
fn installer_checked(
    runner: &Runner,
    root: &Path,
    target: &Path,
    prefix: &Path,
    profile: &str,
    quick: bool,
) -> Result<PathBuf, String> {
    let build = windows_target_dir(target).join(TARGET).join(profile);
    let step = |description: &str, command: &mut Command| runner.step(description, command);
    let version = env!("CARGO_PKG_VERSION");
    let installer = crate::windows_installer::build(
        &step,
        root,
        &build,
        &target.join("bundle"),
        version,
        quick,
    )?;
    crate::windows_installer::smoke_test(&step, &installer, prefix, &wine_env(prefix), version)?;
    Ok(installer)
}

/// The Windows build and its tests, running beside the Linux steps: under
/// Wine the tests mostly wait, and the Linux end-to-end and contract runs
/// leave a core idle much of the time, so the two overlap well. It runs at
/// a lower priority, so the Linux steps keep the CPU when they want it; its
/// output goes to a log file, printed when it ends.
pub struct Background {
    thread: std::thread::JoinHandle<Result<(), String>>,
    running: Arc<Mutex<Option<Child>>>,
    stop: Arc<AtomicBool>,
    log: PathBuf,
}

impl Background {
    /// Starts the Windows build and tests.
    pub fn start(root: &Path, target: &Path) -> Result<Self, String> {
        let log = target.join("windows-tests.log");
        std::fs::create_dir_all(target)
            .map_err(|error| format!("cannot create {}: {error}", target.display()))?;
        let file = File::create(&log)
            .map_err(|error| format!("cannot create {}: {error}", log.display()))?;
        println!(
            "\n==> Windows build and tests under Wine: started beside the Linux steps (log: {})",
            log.display()
        );
        let running = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let (root, target) = (root.to_path_buf(), target.to_path_buf());
        let thread = {
            let (running, stop) = (running.clone(), stop.clone());
            std::thread::spawn(move || {
                let runner = Runner {
                    log: Some(file),
                    running,
                    stop,
                };
                run_all(&runner, &root, &target)
            })
        };
        Ok(Self {
            thread,
            running,
            stop,
            log,
        })
    }

    /// Waits for the Windows run to end, prints its log and answers its
    /// outcome.
    pub fn finish(self) -> Result<(), String> {
        println!("\n==> Waiting for the Windows build and tests under Wine");
        let outcome = self
            .thread
            .join()
            .unwrap_or_else(|_| Err("the Windows run stopped unexpectedly".into()));
        println!("\n==> The Windows run's log ({})", self.log.display());
        if let Ok(text) = std::fs::read_to_string(&self.log) {
            print!("{text}");
        }
        outcome
    }

    /// Stops the Windows run (a Linux step failed).
    pub fn cancel(self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(child) = self.running.lock().expect("not poisoned").as_mut() {
            let _ = child.kill();
        }
        let _ = self.thread.join();
    }
}

/// Runs the Windows steps one after another, each logged to a file (in
/// the background) or shown (in the foreground).
struct Runner {
    log: Option<File>,
    running: Arc<Mutex<Option<Child>>>,
    stop: Arc<AtomicBool>,
}

impl Runner {
    /// A runner whose steps show their output as they go.
    fn foreground() -> Self {
        Self {
            log: None,
            running: Arc::new(Mutex::new(None)),
            stop: Arc::new(AtomicBool::new(false)),
        }
    }

    fn step(&self, description: &str, command: &mut Command) -> Result<(), String> {
        let Some(log) = &self.log else {
            return crate::step(description, command);
        };
        if self.stop.load(Ordering::SeqCst) {
            return Err("stopped".into());
        }
        let mut log = log;
        let _ = writeln!(log, "\n==> {description}");
        let started = Instant::now();
        let output = |file: &File| {
            file.try_clone()
                .map(Stdio::from)
                .map_err(|error| format!("{description}: cannot log: {error}"))
        };
        let child = command
            .stdin(Stdio::null())
            .stdout(output(log)?)
            .stderr(output(log)?)
            .spawn()
            .map_err(|error| format!("{description}: cannot start: {error}"))?;
        *self.running.lock().expect("not poisoned") = Some(child);
        let status = loop {
            let mut running = self.running.lock().expect("not poisoned");
            let child = running.as_mut().expect("the child started above");
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) => {}
                Err(error) => break Err(format!("{description}: {error}")),
            }
            drop(running);
            std::thread::sleep(Duration::from_millis(200));
        };
        *self.running.lock().expect("not poisoned") = None;
        let status = status?;
        let _ = writeln!(
            log,
            "==> {description}: {status} after {} s",
            started.elapsed().as_secs()
        );
        if status.success() {
            Ok(())
        } else {
            Err(format!(
                "{description} failed ({status}); see its log above"
            ))
        }
    }
}

/// The Windows steps: the Wine prefix, then one build of the core, pdesk,
/// the portal and the app (one build, so shared crates compile once), with
/// the tests of all but the app run under Wine.
fn run_all(runner: &Runner, root: &Path, target: &Path) -> Result<(), String> {
    let prefix = wine_prefix(runner, root, target)?;
    let mut command = windows_cargo(root, target, &prefix);
    command
        .args([
            "nextest",
            "run",
            "--target",
            TARGET,
            "--locked",
            "--no-fail-fast",
            "--test-threads",
            TEST_THREADS,
        ])
        .args(PACKAGES)
        // The app is built (its binary is what the Windows installer
        // carries) but its tests are not run: Wine has no WebView2.
        .args(["-E", "not package(portal-desk)"]);
    runner.step(
        "Windows: build the core, pdesk, the portal and the app; run the tests under Wine",
        &mut command,
    )?;
    installer_checked(runner, root, target, &prefix, "debug", true).map(|_| ())
}

/// Where the Windows build puts its output: apart from the Linux build,
/// whose compiler is another.
pub fn windows_target_dir(target: &Path) -> PathBuf {
    target.join("windows")
}

/// Debian's cargo set up for the Windows build: its compiler, the standard
/// library built from source, no debug info (a third of the disk, a quarter
/// of the time), warnings as errors in this workspace's code, and Wine's
/// prefix for running what it builds.
fn windows_cargo(root: &Path, target: &Path, prefix: &Path) -> Command {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut path_dirs = vec![PathBuf::from("/usr/bin")];
    path_dirs.extend(std::env::split_paths(&path));
    let mut command = Command::new("nice");
    command
        .args(["-n", "10", "/usr/bin/cargo"])
        .current_dir(root)
        .env(
            "PATH",
            std::env::join_paths(path_dirs).expect("PATH entries without separators"),
        )
        // The rustup toolchain that runs xtask must not leak into this build.
        .env_remove("RUSTC")
        .env_remove("RUSTDOC")
        .env_remove("RUSTC_WRAPPER")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO")
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
        .env("CARGO_UNSTABLE_WARNINGS", "true")
        .env("CARGO_BUILD_WARNINGS", "deny")
        .env("CARGO_TARGET_DIR", windows_target_dir(target))
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_PROFILE_TEST_DEBUG", "0")
        .envs(wine_env(prefix));
    crate::without_incremental_in_ci(&mut command);
    if crate::in_ci() {
        // LLVM's linker in its MinGW mode, much faster than GNU ld over the
        // large Windows test programs (CI only, as for the Linux build's
        // mold: the flag is part of every crate's fingerprint).
        command.env(
            "CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS",
            "-C link-arg=-fuse-ld=lld",
        );
    }
    command
}

/// The environment Wine needs to run quietly in the test prefix: no debug
/// chatter, and no offer to install Mono or Gecko (nothing here needs them).
pub fn wine_env(prefix: &Path) -> Vec<(&'static str, std::ffi::OsString)> {
    vec![
        ("WINEPREFIX", prefix.as_os_str().to_owned()),
        ("WINEDEBUG", "-all".into()),
        ("WINEDLLOVERRIDES", "mscoree,mshtml=".into()),
    ]
}

/// The test Wine prefix (made on first use), with the `ProcessPrng`
/// stand-in in its `system32`.
fn wine_prefix(runner: &Runner, root: &Path, target: &Path) -> Result<PathBuf, String> {
    let prefix = target.join("wine-prefix");
    let dll = target.join("wine").join("bcryptprimitives.dll");
    std::fs::create_dir_all(dll.parent().expect("a parent"))
        .map_err(|error| format!("cannot create {}: {error}", dll.display()))?;
    let source = root.join("xtask").join("wine");
    runner.step(
        "Windows: build the ProcessPrng stand-in for Wine",
        Command::new("x86_64-w64-mingw32-gcc")
            .args(["-O2", "-shared", "-o"])
            .arg(&dll)
            .arg(source.join("process_prng.c"))
            .arg(source.join("process_prng.def"))
            .arg("-lbcrypt"),
    )?;
    if !prefix.join("system.reg").is_file() {
        runner.step(
            "Windows: create the test Wine prefix",
            Command::new("wineboot")
                .arg("--init")
                .envs(wine_env(&prefix)),
        )?;
        runner.step(
            "Windows: wait for Wine to settle",
            Command::new("wineserver")
                .arg("--wait")
                .envs(wine_env(&prefix)),
        )?;
    }
    let system32 = prefix.join("drive_c/windows/system32");
    std::fs::copy(&dll, system32.join("bcryptprimitives.dll")).map_err(|error| {
        format!(
            "cannot copy the ProcessPrng stand-in into {}: {error}",
            system32.display()
        )
    })?;
    Ok(prefix)
}
