//! Installs the system packages the build and the tests need, on Debian and
//! Ubuntu; elsewhere says what to install.

use std::io::IsTerminal;
use std::process::{Command, Stdio};

/// What the packages are needed for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Building and running the app.
    Run,
    /// Running every test.
    Test,
}

/// A Debian package and the thing it provides that we check for.
struct Requirement {
    package: &'static str,
    provides: Provides,
    why: &'static str,
}

enum Provides {
    /// A program on PATH.
    Program(&'static str),
    /// A pkg-config module.
    PkgConfig(&'static str),
    /// A module `python3` can import.
    PythonModule(&'static str),
    /// A file at a fixed place (a program that must be Debian's own, not
    /// the first on PATH).
    File(&'static str),
}

fn requirements(purpose: Purpose) -> Vec<Requirement> {
    let mut list = vec![
        Requirement {
            package: "pkg-config",
            provides: Provides::Program("pkg-config"),
            why: "finds the system libraries",
        },
        Requirement {
            package: "build-essential",
            provides: Provides::Program("cc"),
            why: "compiles the bundled SQLite",
        },
        Requirement {
            package: "libwebkit2gtk-4.1-dev",
            provides: Provides::PkgConfig("webkit2gtk-4.1"),
            why: "the desktop app's webview",
        },
        Requirement {
            package: "libdbus-1-dev",
            provides: Provides::PkgConfig("dbus-1"),
            why: "talks to the Secret Service keyring",
        },
    ];
    if purpose == Purpose::Test {
        list.extend([
            Requirement {
                package: "dbus",
                provides: Provides::Program("dbus-run-session"),
                why: "private D-Bus sessions for the keyring tests",
            },
            Requirement {
                package: "gnome-keyring",
                provides: Provides::Program("gnome-keyring-daemon"),
                why: "a real Secret Service for the keyring tests",
            },
            Requirement {
                package: "xvfb",
                provides: Provides::Program("Xvfb"),
                why: "a virtual display for the end-to-end tests",
            },
            Requirement {
                package: "webkit2gtk-driver",
                provides: Provides::Program("WebKitWebDriver"),
                why: "drives the app's webview in the end-to-end tests",
            },
            Requirement {
                package: "poppler-utils",
                provides: Provides::Program("pdftotext"),
                why: "reads the generated PDF documents back in the tests",
            },
            Requirement {
                package: "curl",
                provides: Provides::Program("curl"),
                why: "the download benchmark compares pdesk with it",
            },
            Requirement {
                package: "xdotool",
                provides: Provides::Program("xdotool"),
                why: "types into the native file dialogs in the end-to-end tests",
            },
            Requirement {
                package: "xclip",
                provides: Provides::Program("xclip"),
                why: "reads the clipboard in the end-to-end test of \"Copy diagnostics\"",
            },
            Requirement {
                package: "python3",
                provides: Provides::Program("python3"),
                why: "runs the API contract tools (Schemathesis, openapi-spec-validator)",
            },
            Requirement {
                package: "python3-venv",
                provides: Provides::PythonModule("ensurepip"),
                why: "a virtual environment for the API contract tools",
            },
            Requirement {
                package: "imagemagick",
                provides: Provides::Program("import"),
                why: "captures the end-to-end screenshots",
            },
            Requirement {
                package: "rustc-web",
                provides: Provides::File("/usr/bin/rustc"),
                why: "the compiler of the Windows build (its standard library source matches it)",
            },
            Requirement {
                package: "cargo-web",
                provides: Provides::File("/usr/bin/cargo"),
                why: "runs the Windows build",
            },
            Requirement {
                package: "rust-web-src",
                provides: Provides::File("/usr/lib/rustlib/src/rust/library/std/Cargo.toml"),
                why: "the standard library's source, built for Windows",
            },
            Requirement {
                package: "gcc-mingw-w64-x86-64-win32",
                provides: Provides::Program("x86_64-w64-mingw32-gcc"),
                why: "links the Windows build",
            },
            Requirement {
                package: "sudo",
                provides: Provides::Program("sudo"),
                why: "the updater installs the .deb update through it in the tests",
            },
            Requirement {
                package: "rpm",
                provides: Provides::Program("rpm"),
                why: "reads back the .rpm package the tests make",
            },
            Requirement {
                package: "mold",
                provides: Provides::Program("ld.mold"),
                why: "links the Linux test build in CI",
            },
            Requirement {
                package: "lld",
                provides: Provides::Program("ld.lld"),
                why: "links the Windows test build in CI",
            },
            Requirement {
                package: "nsis",
                provides: Provides::Program("makensis"),
                why: "builds the Windows installer",
            },
            Requirement {
                package: "wine",
                provides: Provides::Program("wine"),
                why: "runs the Windows tests",
            },
            Requirement {
                package: "wine64",
                provides: Provides::File("/usr/lib/wine/wine64"),
                why: "runs 64-bit Windows programs",
            },
        ]);
    }
    list
}

fn is_present(requirement: &Requirement) -> bool {
    match requirement.provides {
        Provides::Program(program) => on_path(program),
        Provides::PkgConfig(module) => {
            on_path("pkg-config")
                && Command::new("pkg-config")
                    .args(["--exists", module])
                    .status()
                    .is_ok_and(|status| status.success())
        }
        Provides::File(path) => std::path::Path::new(path).is_file(),
        Provides::PythonModule(module) => {
            on_path("python3")
                && Command::new("python3")
                    .args(["-c", &format!("import {module}")])
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|status| status.success())
        }
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

/// Makes sure everything `purpose` needs is installed, installing missing
/// Debian packages with apt-get where possible, and the UI's bundler (every
/// build of the app joins the page's modules with it).
pub fn ensure(purpose: Purpose) -> Result<(), String> {
    ensure_system_packages(purpose)?;
    ensure_ui_bundler(&crate::workspace_root())
}

fn ensure_system_packages(purpose: Purpose) -> Result<(), String> {
    let missing: Vec<Requirement> = requirements(purpose)
        .into_iter()
        .filter(|requirement| !is_present(requirement))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let packages: Vec<&str> = missing
        .iter()
        .map(|requirement| requirement.package)
        .collect();
    let reasons: Vec<String> = missing
        .iter()
        .map(|requirement| format!("  {} ({})", requirement.package, requirement.why))
        .collect();
    println!("==> Missing system packages:\n{}", reasons.join("\n"));
    if !on_path("apt-get") {
        return Err(format!(
            "this is not a Debian or Ubuntu system, so the missing packages cannot be installed \
             automatically. Install the equivalents of: {} (see README.md), then run this again.",
            packages.join(" ")
        ));
    }
    let privilege = privilege()?;
    let apt = |args: &[&str]| -> Result<(), String> {
        let mut command = match privilege {
            Some(sudo) => {
                let mut command = Command::new("sudo");
                if sudo == Sudo::NonInteractive {
                    command.arg("-n");
                }
                command.arg("apt-get");
                command
            }
            None => Command::new("apt-get"),
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        if privilege != Some(Sudo::MayPrompt) {
            command.stdin(Stdio::null());
        }
        let status = command
            .status()
            .map_err(|error| format!("cannot run apt-get: {error}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!(
                "apt-get {} failed ({status}). Install the packages by hand: \
                 sudo apt-get install {}",
                args.join(" "),
                packages.join(" ")
            ))
        }
    };
    apt(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend(&packages);
    apt(&install)?;
    let still_missing: Vec<&str> = requirements(purpose)
        .iter()
        .filter(|requirement| !is_present(requirement))
        .map(|requirement| requirement.package)
        .collect();
    if still_missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "after installing, these are still missing: {}",
            still_missing.join(" ")
        ))
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sudo {
    NonInteractive,
    MayPrompt,
}

/// `None` when running as root, else how to use sudo.
fn privilege() -> Result<Option<Sudo>, String> {
    let uid = Command::new("id")
        .arg("-u")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_default();
    if uid == "0" {
        return Ok(None);
    }
    if !on_path("sudo") {
        return Err(
            "installing packages needs root, and sudo is not available: run this as root \
             or install the packages listed above by hand"
                .into(),
        );
    }
    let passwordless = Command::new("sudo")
        .args(["-n", "true"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if passwordless {
        Ok(Some(Sudo::NonInteractive))
    } else if std::io::stdin().is_terminal() && std::env::var_os("CI").is_none() {
        println!("==> sudo will ask for your password to install them.");
        Ok(Some(Sudo::MayPrompt))
    } else {
        Err(
            "installing packages needs sudo, which wants a password, and there is no terminal \
             to type it: install the packages listed above by hand"
                .into(),
        )
    }
}

/// The tauri-driver version the end-to-end tests are written against.
pub const TAURI_DRIVER_VERSION: &str = "2.1.0";

/// The cargo-nextest version installed when none is there (it runs the
/// Windows tests under Wine, many at once).
pub const NEXTEST_VERSION: &str = "0.9.143";

/// Installs tauri-driver from crates.io when it is missing.
pub fn ensure_tauri_driver(cargo: &str) -> Result<(), String> {
    ensure_cargo_install(cargo, "tauri-driver", TAURI_DRIVER_VERSION)
}

/// Installs the Tauri CLI (the bundler of the Linux packages) from npm,
/// at the version pinned in `packaging/package-lock.json`, when it is
/// missing; answers the program's path.
pub fn ensure_tauri_cli(root: &std::path::Path) -> Result<std::path::PathBuf, String> {
    let packaging = root.join("packaging");
    let program = packaging.join("node_modules").join(".bin").join("tauri");
    if program.is_file() {
        return Ok(program);
    }
    npm_ci(&packaging, "the Tauri CLI", &[&program])?;
    Ok(program)
}

/// Installs esbuild, which the app's build script runs to join the page's
/// modules (`ui/bundle.mjs`), from npm at the version pinned in
/// `ui/package-lock.json`, when it is missing.
fn ensure_ui_bundler(root: &std::path::Path) -> Result<(), String> {
    let ui = root.join("ui");
    let esbuild = ui.join("node_modules").join("esbuild").join("package.json");
    if esbuild.is_file() {
        return Ok(());
    }
    npm_ci(&ui, "esbuild (it joins the UI's modules)", &[&esbuild])
}

/// Installs the tools the end-to-end tests run inside the webview
/// (axe-core), and the Fluent runtime the UI vendors (to check its copy),
/// from npm, at the versions pinned in
/// `tests/e2e/tools/package-lock.json`, when they are missing.
pub fn ensure_e2e_tools(root: &std::path::Path) -> Result<(), String> {
    let tools = root.join("tests").join("e2e").join("tools");
    let axe = tools
        .join("node_modules")
        .join("axe-core")
        .join("axe.min.js");
    let fluent = tools
        .join("node_modules")
        .join("@fluent")
        .join("bundle")
        .join("esm")
        .join("index.js");
    if axe.is_file() && fluent.is_file() {
        return Ok(());
    }
    npm_ci(&tools, "axe-core and @fluent/bundle", &[&axe, &fluent])
}

/// `npm ci` in `folder` (the versions its package-lock.json pins), which
/// installs `what`; an error unless every file of `installed` is then there.
fn npm_ci(
    folder: &std::path::Path,
    what: &str,
    installed: &[&std::path::Path],
) -> Result<(), String> {
    ensure_node()?;
    println!(
        "==> Installing {what} from npm ({}/package-lock.json)",
        folder.display()
    );
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(folder)
        .status()
        .map_err(|error| format!("cannot run npm (it comes with Node.js): {error}"))?;
    if !status.success() || !installed.iter().all(|file| file.is_file()) {
        return Err(format!("npm could not install {what} (see above)"));
    }
    Ok(())
}

/// Installs cargo-nextest from crates.io when it is missing.
pub fn ensure_nextest(cargo: &str) -> Result<(), String> {
    ensure_cargo_install(cargo, "cargo-nextest", NEXTEST_VERSION)
}

/// Installs the program `name` (a crate of the same name) from crates.io
/// when it is neither on PATH nor in cargo's bin folder.
fn ensure_cargo_install(cargo: &str, name: &str, version: &str) -> Result<(), String> {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| std::path::PathBuf::from(home).join(".cargo"))
        })
        .map(|home| home.join("bin").join(name));
    if on_path(name) || cargo_bin.is_some_and(|path| path.is_file()) {
        return Ok(());
    }
    println!("==> Installing {name} {version} from crates.io");
    let status = Command::new(cargo)
        .args(["install", name, "--locked", "--version", version])
        .status()
        .map_err(|error| format!("cannot run cargo install: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo install {name} failed ({status}); install it by hand: \
             cargo install {name} --locked --version {version}"
        ))
    }
}

/// Checks that Node.js (18 or newer) is there for the UI's unit tests.
pub fn ensure_node() -> Result<(), String> {
    let output = Command::new("node")
        .arg("--version")
        .output()
        .map_err(|_| {
            "Node.js is not installed; building the app joins the UI's modules with it, and the UI's unit tests run with `node --test`. \
         Install Node.js 18 or newer (https://nodejs.org or your package manager)."
                .to_owned()
        })?;
    let version = String::from_utf8_lossy(&output.stdout);
    let major: u32 = version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|major| major.parse().ok())
        .unwrap_or(0);
    if major >= 18 {
        Ok(())
    } else {
        Err(format!(
            "Node.js {} is too old for `node --test`; install 18 or newer",
            version.trim()
        ))
    }
}
