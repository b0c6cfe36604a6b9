//! Project tasks, run as `cargo xtask <task>`:
//!
//! - `run`: installs what is missing, builds, and starts the demo portal
//!   with instructions for using `pdesk` against it.
//! - `test`: installs what is missing and runs every test: formatting,
//!   clippy, and the whole workspace's test suites.

mod system;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run_demo(),
        Some("test") => run_tests(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask run | cargo xtask test [-- extra cargo test arguments]");
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

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(workspace_root());
    command
}

/// Runs a command, failing with its description when it fails.
fn step(description: &str, command: &mut Command) -> Result<(), String> {
    println!("\n==> {description}");
    let status = command
        .status()
        .map_err(|error| format!("{description}: cannot start: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{description} failed ({status})"))
    }
}

fn run_tests(extra: &[String]) -> Result<(), String> {
    system::ensure(system::Purpose::Test)?;
    step(
        "cargo fmt --check",
        cargo().args(["fmt", "--all", "--", "--check"]),
    )?;
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
    // `cargo test --workspace` also builds every binary the tests spawn.
    let mut test = cargo();
    test.args(["test", "--workspace", "--locked"]);
    let passthrough: Vec<&String> = extra.iter().skip_while(|arg| *arg == "--").collect();
    if !passthrough.is_empty() {
        test.arg("--").args(passthrough);
    }
    step("cargo test --workspace", &mut test)?;
    println!("\nAll tests passed.");
    Ok(())
}

fn run_demo() -> Result<(), String> {
    system::ensure(system::Purpose::Run)?;
    step(
        "build the portal and pdesk",
        cargo().args(["build", "--workspace", "--bins", "--locked"]),
    )?;
    let root = workspace_root();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let demo = target.join("demo");
    std::fs::create_dir_all(&demo)
        .map_err(|error| format!("cannot create {}: {error}", demo.display()))?;
    let bin = target.join("debug");
    let listen = if std::net::TcpListener::bind("127.0.0.1:8080").is_ok() {
        "127.0.0.1:8080"
    } else {
        "127.0.0.1:0"
    };
    println!(
        "\n==> Starting the demo portal (data in {}).\n\
         Demo users: dana@example.com (an organization admin) and lee@example.com,\n\
         both with the password demo-password.\n\
         In another terminal, with the address printed below as URL:\n\
         \n  export PORTAL_DESK_HOME={home}\n  \
         echo demo-password | {pdesk} --portal URL login --email dana@example.com --password-stdin\n  \
         {pdesk} profile show\n  \
         {pdesk} profile set --mobile-phone '+44 7700 900456'\n  \
         {pdesk} logout\n\
         \nPress Ctrl+C to stop the portal.\n",
        demo.display(),
        home = demo.join("home").display(),
        pdesk = bin.join("pdesk").display(),
    );
    step(
        "demo portal",
        Command::new(bin.join("portal-server"))
            .arg("--db")
            .arg(demo.join("portal.db"))
            .args(["--listen", listen, "--seed", "demo"]),
    )
}
