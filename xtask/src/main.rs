//! Project tasks, run as `cargo xtask <task>`:
//!
//! - `run`: installs what is missing, builds and opens the app, whose sign-in
//!   screen offers the embedded demo portal.
//! - `test`: installs what is missing and runs every test: formatting,
//!   clippy, the UI's unit tests, the API contract checks (see
//!   [`contract`]), the whole workspace's test suites, end-to-end tests
//!   included, and the Windows build with its tests under Wine (see
//!   [`windows`]).
//! - `contract`: only the API contract checks.
//! - `with-keyring COMMAND…`: runs a command (say `cargo test -p
//!   portal-client`) against a private Secret Service, as `test` does.
//! - `cycles`: fails when modules of a crate import each other in a cycle
//!   (see [`module_cycles`]); `test` runs it too.
//! - `bundle [--debug]`: builds the installable packages this machine can
//!   build (the Linux `.deb` and `.rpm`, see [`linux_packages`], and the
//!   Windows installer, smoke-tested under Wine); `--debug` reuses the test
//!   run's debug build instead of a release build.
//! - `bench`: runs every benchmark below (`ui` for 10,000 and 100,000
//!   documents) and prints one table of their figures beside their goals
//!   (see [`bench_table`]).
//! - `bench startup [RUNS]`: prints start-up time and idle memory of the
//!   release app beside a bare Tauri window's, and the binary's size
//!   (figures, not pass/fail).
//! - `bench ui [DOCUMENTS]`: prints how fast the real app's webview answers
//!   on a list of DOCUMENTS quotes and invoices (10,000 unless told):
//!   keystrokes, sorts, re-sync, restart, memory (see `benches/ui`).
//! - `bench download`: prints pdesk's download throughput against curl's
//!   and its peak memory for 100 MiB and 1 GiB (figures, not pass/fail).

mod bench;
mod bench_table;
mod contract;
mod download_bench;
mod linux_packages;
mod module_cycles;
mod startup_bench;
mod system;
mod windows;
mod windows_installer;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run_app(),
        Some("test") => run_tests(&args[1..]),
        Some("bundle") => system::ensure(system::Purpose::Test)
            .and_then(|()| bundle(args.iter().any(|arg| arg == "--debug"))),
        Some("cycles") => module_cycles::check(&workspace_root()),
        Some("with-keyring") if args.len() > 1 => PrivateKeyring::start().and_then(|keyring| {
            let mut command = Command::new(&args[1]);
            command.args(&args[2..]);
            keyring.apply(&mut command);
            step(&args[1..].join(" "), &mut command)
        }),
        Some("contract") => system::ensure(system::Purpose::Test).and_then(|()| {
            step(
                "build the reference portal",
                cargo().args(["build", "--locked", "--package", "portal-server"]),
            )?;
            run_contract()
        }),
        Some("bench") => {
            system::ensure(system::Purpose::Test).and_then(|()| bench::run(&args[1..]))
        }
        _ => {
            eprintln!(
                "usage: cargo xtask run | cargo xtask test [-- extra cargo test arguments] \
                 | cargo xtask bundle [--debug] | cargo xtask contract | cargo xtask cycles \
                 | cargo xtask with-keyring COMMAND... \
                 | cargo xtask bench [startup [RUNS] | ui [DOCUMENTS] | download]"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn cargo_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// True in CI (`CI` set and not `false`/`0`).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| value != "false" && value != "0")
}

/// In CI every build starts from nothing and is never rebuilt, so
/// incremental compilation's caches would only cost time and disk.
fn without_incremental_in_ci(command: &mut Command) {
    if in_ci() {
        command.env("CARGO_INCREMENTAL", "0");
    }
}

/// In CI the Linux build links with mold (Debian's `mold`), several times
/// faster than the default linker over the test programs. Only there: the
/// flag is part of every crate's fingerprint, so a developer switching
/// between `cargo xtask test` and plain `cargo test` would rebuild it all.
fn linux_cargo_settings(command: &mut Command) {
    without_incremental_in_ci(command);
    if in_ci() {
        command.env(
            "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS",
            "-C link-arg=-fuse-ld=mold",
        );
    }
}

fn cargo() -> Command {
    let mut command = Command::new(cargo_program());
    command.current_dir(workspace_root());
    linux_cargo_settings(&mut command);
    command
}

/// When this task started, for the time each step reports.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Runs a command, failing with its description when it fails; says how
/// long it took and how far into the task it ended.
fn step(description: &str, command: &mut Command) -> Result<(), String> {
    let status = timed(description, || command.status())
        .map_err(|error| format!("{description}: cannot start: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{description} failed ({status})"))
    }
}

/// Runs `run`, saying what runs before it, and after it how long it took
/// and how far into the task it ended (for [`step`] and in-process steps).
fn timed<T, E>(description: &str, run: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let task_start = *STARTED.get_or_init(std::time::Instant::now);
    println!("\n==> {description}");
    let started = std::time::Instant::now();
    let outcome = run();
    println!(
        "==> {description}: {} s (at {} s)",
        started.elapsed().as_secs(),
        task_start.elapsed().as_secs()
    );
    outcome
}

fn run_tests(extra: &[String]) -> Result<(), String> {
    system::ensure(system::Purpose::Test)?;
    system::ensure_node()?;
    system::ensure_e2e_tools(&workspace_root())?;
    system::ensure_tauri_driver(&cargo_program())?;
    system::ensure_nextest(&cargo_program())?;
    let windows = windows::Background::start(&workspace_root(), &target_dir())?;
    let linux = run_linux_tests(extra);
    match linux {
        Ok(()) => windows.finish()?,
        Err(error) => {
            windows.cancel();
            return Err(error);
        }
    }
    println!("\nAll tests passed.");
    Ok(())
}

/// Every Linux step of `cargo xtask test`.
fn run_linux_tests(extra: &[String]) -> Result<(), String> {
    step(
        "UI unit tests (node --test)",
        Command::new("node")
            .args(["--test", "ui/tests/"])
            .current_dir(workspace_root()),
    )?;
    step(
        "cargo fmt --check",
        cargo().args(["fmt", "--all", "--", "--check"]),
    )?;
    let cycles = "import cycles between modules (cargo xtask cycles)";
    timed(cycles, || module_cycles::check(&workspace_root()))
        .map_err(|error| format!("{cycles} failed: {error}"))?;
    step(
        "cargo clippy (warnings are errors)",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    // `cargo test --workspace` also builds every binary the tests spawn;
    // the contract checks run the portal it built (a build of the portal
    // alone would unify other features and compile its dependencies twice).
    step(
        "build the tests (cargo test --workspace --no-run)",
        cargo().args(["test", "--workspace", "--locked", "--no-run"]),
    )?;
    run_contract()?;
    let mut test = cargo();
    test.args(["test", "--workspace", "--locked"]);
    let passthrough: Vec<&String> = extra.iter().skip_while(|arg| *arg == "--").collect();
    if !passthrough.is_empty() {
        test.arg("--").args(passthrough);
    }
    // The keyring tests talk to this private Secret Service, never the
    // user's own; the address is set before any test process starts.
    let keyring = PrivateKeyring::start()?;
    keyring.apply(&mut test);
    // The tests read English messages: the app follows the system's
    // language, so the tests' system speaks English whatever this machine
    // does (the German tests choose German themselves).
    test.env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE");
    step("cargo test --workspace", &mut test)?;
    // The test run built the debug app and pdesk the packages carry.
    let packages = linux_packages::build(&workspace_root(), &target_dir(), "debug")?;
    linux_packages::smoke_test(&workspace_root(), &packages, &target_dir())
}

/// `cargo xtask bundle`: the Linux packages and the Windows installer.
fn bundle(debug: bool) -> Result<(), String> {
    let profile = if debug { "debug" } else { "release" };
    let mut build = cargo();
    build.args([
        "build",
        "--locked",
        "--package",
        "portal-desk",
        "--package",
        "pdesk",
    ]);
    if !debug {
        build.arg("--release");
    }
    step("build the app and pdesk for Linux", &mut build)?;
    let linux = linux_packages::build(&workspace_root(), &target_dir(), profile)?;
    let installer = windows::bundle(&workspace_root(), &target_dir(), debug)?;
    println!(
        "\nThe packages:\n  {}\n  {}\n  {}",
        linux.deb.display(),
        linux.rpm.display(),
        installer.display()
    );
    Ok(())
}

/// Runs the API contract checks against the reference portal that the
/// test build made.
fn run_contract() -> Result<(), String> {
    contract::check(
        &workspace_root(),
        &target_dir(),
        &target_dir().join("debug").join("portal-server"),
    )
}

fn run_app() -> Result<(), String> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(
            "there is no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set). \
             Run this in a desktop session, or under a virtual display: xvfb-run cargo xtask run"
                .into(),
        );
    }
    system::ensure(system::Purpose::Run)?;
    let binary = build_app(false)?;
    println!(
        "\n==> Opening Portal Desk. Click \u{201c}Open the demo portal\u{201d} to sign in to the demo\n\
         portal that runs inside the app (demo users dana@example.com and lee@example.com,\n\
         password demo-password)."
    );
    step("Portal Desk", &mut Command::new(binary))
}

/// Builds the app binary (release or debug) and answers its path.
fn build_app(release: bool) -> Result<PathBuf, String> {
    let mut command = cargo();
    command.args([
        "build",
        "--locked",
        "--package",
        "portal-desk",
        "--bin",
        "portal-desk",
    ]);
    if release {
        command.arg("--release");
    }
    step(
        if release {
            "build the release app"
        } else {
            "build Portal Desk"
        },
        &mut command,
    )?;
    let profile = if release { "release" } else { "debug" };
    Ok(target_dir().join(profile).join("portal-desk"))
}

/// A private Secret Service (GNOME Keyring on its own D-Bus session) for
/// the tests, stopped when dropped.
struct PrivateKeyring {
    service: desktop_session::SecretService,
    _home: tempfile::TempDir,
}

impl PrivateKeyring {
    fn start() -> Result<Self, String> {
        let home = tempfile::tempdir()
            .map_err(|error| format!("cannot make a folder for the test keyring: {error}"))?;
        Ok(Self {
            service: desktop_session::SecretService::start(home.path()),
            _home: home,
        })
    }

    /// Points `command` at this keyring (see
    /// `test_support::use_private_keyring`).
    fn apply(&self, command: &mut Command) {
        command
            .env("DBUS_SESSION_BUS_ADDRESS", self.service.address())
            .env("PORTAL_DESK_PRIVATE_KEYRING", self.service.address());
    }
}

/// Where `cargo` puts build output.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}
