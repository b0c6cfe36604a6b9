//! The API contract check of `cargo xtask test`. `api/openapi.json` is
//! what vendors implement, so two tools that are not ours check it:
//! `openapi-spec-validator` reads the document itself, and Schemathesis
//! tests the reference portal against it, each run on a freshly seeded demo
//! portal with its clock fixed:
//!
//! - once as Dana and once as Lee (a plain user): every check, every phase
//!   (examples, coverage, fuzzing, stateful), a fixed seed, 50 examples per
//!   operation; the operations that would end the session are left out;
//! - then those operations (sign-in, refresh, two-step, sign-out, password
//!   and user-name changes), each case with a session of its own
//!   (`api/contract/auth_hooks.py`), again as Dana and as Lee.
//!
//! The tools come from PyPI, pinned in `api/contract/requirements.txt`, in
//! a virtual environment under the target folder.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::step;

/// The demo users the runs sign in as, and their password.
const USERS: [&str; 2] = ["dana@example.com", "lee@example.com"];
const DEMO_PASSWORD: &str = "demo-password";
/// The portal's clock at the start of every run, so every run sees the
/// same data.
const PORTAL_NOW: &str = "2026-11-24T09:00:00Z";
/// The operations that sign in or out, or change what a session rests on.
const SESSION_OPERATIONS: [&str; 14] = [
    "login",
    "refresh",
    "logout",
    "mfa_sign_in",
    "authorize_page",
    "authorize_submit",
    "token",
    "request_password_reset",
    "request_first_password",
    "change_password",
    "setup_mfa",
    "enable_mfa",
    "disable_mfa",
    "request_username_change",
];

/// Runs every contract check; `portal_server` is the built binary.
pub fn check(root: &Path, target: &Path, portal_server: &Path) -> Result<(), String> {
    let contract = root.join("api/contract");
    let document = root.join("api/openapi.json");
    let venv = python_tools(
        &contract.join("requirements.txt"),
        &target.join("contract-venv"),
    )?;
    step(
        "openapi-spec-validator api/openapi.json",
        Command::new(venv.join("bin/openapi-spec-validator")).arg(&document),
    )?;
    let work = target.join("contract-runs");
    for user in USERS {
        let portal = DemoPortal::start(portal_server, &work.join("session"))?;
        let mut run = schemathesis(
            &venv,
            &contract,
            "schemathesis.toml",
            "hooks",
            &portal,
            user,
        );
        run.arg(&document);
        for operation in SESSION_OPERATIONS {
            run.args(["--exclude-operation-id", operation]);
        }
        step(&format!("Schemathesis: the portal as {user}"), &mut run)?;
    }
    for user in USERS {
        let portal = DemoPortal::start(portal_server, &work.join("sign-in"))?;
        let mut run = schemathesis(
            &venv,
            &contract,
            "sign-in.toml",
            "auth_hooks",
            &portal,
            user,
        );
        run.arg(&document);
        for operation in SESSION_OPERATIONS {
            run.args(["--include-operation-id", operation]);
        }
        step(
            &format!("Schemathesis: sign-in and session operations as {user}"),
            &mut run,
        )?;
    }
    Ok(())
}

/// A Schemathesis command with `config`, the hooks module `hooks`, and the
/// portal and user the configuration reads from the environment.
fn schemathesis(
    venv: &Path,
    contract: &Path,
    config: &str,
    hooks: &str,
    portal: &DemoPortal,
    user: &str,
) -> Command {
    let mut command = Command::new(venv.join("bin/st"));
    command
        .arg("--config-file")
        .arg(contract.join(config))
        .arg("run")
        .current_dir(&portal.folder)
        .env("PYTHONPATH", contract)
        .env("SCHEMATHESIS_HOOKS", hooks)
        .env("CONTRACT_PORTAL", &portal.url)
        .env("CONTRACT_EMAIL", user)
        .env("CONTRACT_PASSWORD", DEMO_PASSWORD)
        .stdin(Stdio::null());
    command
}

/// The virtual environment with the pinned tools, made or remade when the
/// pins changed; answers its folder.
fn python_tools(requirements: &Path, venv: &Path) -> Result<PathBuf, String> {
    let wanted = std::fs::read_to_string(requirements)
        .map_err(|error| format!("cannot read {}: {error}", requirements.display()))?;
    let installed = venv.join("requirements.txt");
    if std::fs::read_to_string(&installed).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(venv.to_path_buf());
    }
    step(
        "create the contract tools' Python environment",
        Command::new("python3")
            .args(["-m", "venv", "--clear"])
            .arg(venv),
    )
    .map_err(|error| {
        format!("{error}: Python 3 with its venv module is needed (Debian: python3-venv)")
    })?;
    step(
        "install Schemathesis and openapi-spec-validator from PyPI",
        Command::new(venv.join("bin/pip"))
            .args([
                "install",
                "--disable-pip-version-check",
                "--no-input",
                "--quiet",
                "--requirement",
            ])
            .arg(requirements)
            .stdin(Stdio::null()),
    )
    .map_err(|error| format!("{error}: PyPI must be reachable to install them"))?;
    std::fs::write(&installed, wanted)
        .map_err(|error| format!("cannot write {}: {error}", installed.display()))?;
    Ok(venv.to_path_buf())
}

/// A reference portal on a free loopback port with a freshly seeded demo
/// database; stopped when dropped.
struct DemoPortal {
    url: String,
    folder: PathBuf,
    process: Child,
}

impl DemoPortal {
    fn start(portal_server: &Path, folder: &Path) -> Result<Self, String> {
        let _ = std::fs::remove_dir_all(folder);
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("cannot make {}: {error}", folder.display()))?;
        let mut process = Command::new(portal_server)
            .arg("--db")
            .arg(folder.join("portal.db"))
            .args([
                "--seed",
                "demo",
                "--listen",
                "127.0.0.1:0",
                "--now",
                PORTAL_NOW,
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", portal_server.display()))?;
        let mut stdout = BufReader::new(process.stdout.take().expect("stdout is piped"));
        let mut url = None;
        let mut line = String::new();
        while url.is_none() && stdout.read_line(&mut line).is_ok_and(|read| read > 0) {
            url = line.trim().strip_prefix("listening on ").map(str::to_owned);
            line.clear();
        }
        // Whatever it prints later is read and dropped, so that it never
        // writes into a closed pipe.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        match url {
            Some(url) => Ok(Self {
                url,
                folder: folder.to_path_buf(),
                process,
            }),
            None => {
                let _ = process.kill();
                let _ = process.wait();
                Err("the demo portal for the contract run stopped before it listened".into())
            }
        }
    }
}

impl Drop for DemoPortal {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
