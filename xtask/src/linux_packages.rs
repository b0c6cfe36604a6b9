//! The Linux packages: a `.deb` and an `.rpm` made by the Tauri CLI's
//! bundler (`tauri bundle`, from npm, pinned in `packaging/package.json`)
//! from an existing build, so making them compiles nothing. Beside the app
//! they carry pdesk, its man page and its shell completions (written by
//! `pdesk generate`), the `.desktop` entry and the icon in every size.
//!
//! The smoke test installs the `.deb` on this machine (`dpkg -i`), drives
//! the installed `/usr/bin/portal-desk` under Xvfb (`tests/e2e_installed.rs`),
//! runs the installed pdesk, removes the package and checks that only the
//! user's data is left.
//!
//! An AppImage is not made: the bundler fetches `linuxdeploy` and its
//! plugins as prebuilt programs from outside the package registries, which
//! this project's build may not reach.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The Debian package's name (the bundler's, from the app's binary name).
const DEB_PACKAGE: &str = "portal-desk";

/// The packages made by [`build`].
pub struct LinuxPackages {
    /// The Debian package.
    pub deb: PathBuf,
    /// The RPM package.
    pub rpm: PathBuf,
}

/// Files the packages carry beside what the bundler adds itself: where
/// each is installed, and its name in the staging folder.
const EXTRA_FILES: [(&str, &str); 6] = [
    ("/usr/bin/pdesk", "pdesk"),
    ("/usr/share/man/man1/pdesk.1.gz", "pdesk.1.gz"),
    ("/usr/share/bash-completion/completions/pdesk", "pdesk.bash"),
    ("/usr/share/zsh/vendor-completions/_pdesk", "_pdesk"),
    (
        "/usr/share/fish/vendor_completions.d/pdesk.fish",
        "pdesk.fish",
    ),
    ("/usr/share/powershell/Modules/pdesk/pdesk.ps1", "pdesk.ps1"),
];

/// Makes the `.deb` and `.rpm` from the build in `target/<profile>`
/// (`debug` or `release`, already built).
pub fn build(root: &Path, target: &Path, profile: &str) -> Result<LinuxPackages, String> {
    let tauri = crate::system::ensure_tauri_cli(root)?;
    let build = target.join(profile);
    // The bundler reads the program from `<target dir>/<profile>`: a
    // staging target folder gets stripped copies (the build keeps its
    // symbols, and the bundler's in-place marking of the bundle type
    // leaves the tested program alone).
    let staging = target.join("bundle").join("linux-target");
    let programs = staging.join(profile);
    let extra = staging.join("extra");
    for folder in [&programs, &extra] {
        create_dir(folder)?;
    }
    let _ = std::fs::remove_dir_all(programs.join("bundle"));
    for name in ["portal-desk", "pdesk"] {
        crate::step(
            &format!("Linux packages: strip {name}"),
            Command::new("strip")
                .arg("-o")
                .arg(programs.join(name))
                .arg(build.join(name)),
        )?;
    }
    let pdesk = programs.join("pdesk");
    write_generated(&pdesk, &["generate", "man"], &extra.join("pdesk.1"))?;
    crate::step(
        "Linux packages: compress the man page",
        Command::new("gzip")
            .args(["-9nf"])
            .arg(extra.join("pdesk.1")),
    )?;
    for (shell, name) in [
        ("bash", "pdesk.bash"),
        ("zsh", "_pdesk"),
        ("fish", "pdesk.fish"),
        ("powershell", "pdesk.ps1"),
    ] {
        write_generated(
            &pdesk,
            &["generate", "completions", shell],
            &extra.join(name),
        )?;
    }
    let files: serde_json::Map<String, serde_json::Value> = EXTRA_FILES
        .iter()
        .map(|(installed, staged)| {
            let source = if *staged == "pdesk" {
                pdesk.clone()
            } else {
                extra.join(staged)
            };
            ((*installed).to_owned(), source.display().to_string().into())
        })
        .collect();
    let overlay = serde_json::json!({
        "bundle": { "linux": {
            "deb": { "files": files.clone() },
            "rpm": { "files": files },
        }}
    });
    let overlay_path = staging.join("linux-packages.json");
    std::fs::write(&overlay_path, overlay.to_string())
        .map_err(|error| format!("cannot write {}: {error}", overlay_path.display()))?;
    let mut bundle = Command::new(tauri);
    bundle
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &staging)
        .args(["bundle", "--bundles", "deb,rpm", "--config"])
        .arg(&overlay_path);
    if profile == "debug" {
        bundle.arg("--debug");
    }
    crate::step("Linux packages: tauri bundle (deb, rpm)", &mut bundle)?;
    let out = programs.join("bundle");
    Ok(LinuxPackages {
        deb: only_file(&out.join("deb"), ".deb")?,
        rpm: only_file(&out.join("rpm"), ".rpm")?,
    })
}

/// Installs the `.deb`, drives the installed app through the end-to-end
/// test `installed_app_opens_the_demo_portal`, runs the installed pdesk,
/// checks the `.rpm`'s contents, removes the `.deb` and checks that nothing
/// but the user's data is left.
pub fn smoke_test(packages: &LinuxPackages, target: &Path) -> Result<(), String> {
    let version = env!("CARGO_PKG_VERSION");
    crate::step(
        "Linux packages: install the .deb (dpkg -i)",
        Command::new("dpkg").arg("-i").arg(&packages.deb),
    )?;
    let installed = output("dpkg", &["-L", DEB_PACKAGE])?;
    let installed: Vec<&str> = installed.lines().collect();
    for (path, _) in EXTRA_FILES {
        if !installed.contains(&path) {
            return Err(format!("the .deb did not install {path}"));
        }
    }
    for path in [
        "/usr/bin/portal-desk",
        "/usr/share/applications/Portal Desk.desktop",
        "/usr/share/icons/hicolor/16x16/apps/portal-desk.png",
        "/usr/share/icons/hicolor/512x512/apps/portal-desk.png",
    ] {
        if !Path::new(path).is_file() {
            return Err(format!("the .deb did not install {path}"));
        }
    }
    let reported = output("/usr/bin/pdesk", &["--version"])?;
    if reported.trim() != format!("pdesk {version}") {
        return Err(format!(
            "the installed pdesk --version said {reported:?}, not pdesk {version}"
        ));
    }
    println!("installed pdesk --version: {}", reported.trim());

    let home = target.join("bundle").join("installed-home");
    let _ = std::fs::remove_dir_all(&home);
    crate::step(
        "Linux packages: the installed app under Xvfb (demo sign-in)",
        crate::cargo()
            // `--workspace`, as the test run, so the features match and
            // nothing is compiled again.
            .args([
                "test",
                "--workspace",
                "--locked",
                "--test",
                "e2e_installed",
                "--",
                "--ignored",
            ])
            .env("PORTAL_DESK_INSTALLED_APP", "/usr/bin/portal-desk")
            .env("PORTAL_DESK_INSTALLED_HOME", &home),
    )?;

    let rpm_files = output("rpm", &["-qpl", &packages.rpm.display().to_string()])?;
    for (path, _) in EXTRA_FILES.iter().chain(&[("/usr/bin/portal-desk", "")]) {
        if !rpm_files.lines().any(|line| line == *path) {
            return Err(format!("the .rpm does not carry {path}"));
        }
    }

    crate::step(
        "Linux packages: remove the .deb (dpkg -r)",
        Command::new("dpkg").args(["-r", DEB_PACKAGE]),
    )?;
    let left: Vec<&&str> = installed
        .iter()
        .filter(|path| {
            let path = Path::new(path);
            // Shared folders such as /usr/share stay; the package's files go.
            path.symlink_metadata()
                .is_ok_and(|metadata| !metadata.is_dir())
        })
        .collect();
    if !left.is_empty() {
        return Err(format!("removing the .deb left files behind: {left:?}"));
    }
    if !home.join("data").is_dir() {
        return Err("removing the .deb took the user's data with it".into());
    }
    println!("removed: no file of the package is left; the user's data is kept");
    Ok(())
}

/// Writes the standard output of `program args` to `file`.
fn write_generated(program: &Path, args: &[&str], file: &Path) -> Result<(), String> {
    let answer = Command::new(program)
        .args(args)
        .output()
        .map_err(|error| format!("cannot run {}: {error}", program.display()))?;
    if !answer.status.success() || answer.stdout.is_empty() {
        return Err(format!(
            "{} {} failed: {}",
            program.display(),
            args.join(" "),
            String::from_utf8_lossy(&answer.stderr)
        ));
    }
    std::fs::write(file, answer.stdout)
        .map_err(|error| format!("cannot write {}: {error}", file.display()))
}

/// The standard output of a command that must succeed.
fn output(program: &str, args: &[&str]) -> Result<String, String> {
    let answer = Command::new(program)
        .args(args)
        .output()
        .map_err(|error| format!("cannot run {program}: {error}"))?;
    if !answer.status.success() {
        return Err(format!(
            "{program} {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&answer.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&answer.stdout).into_owned())
}

/// The one file in `folder` whose name ends with `suffix`.
fn only_file(folder: &Path, suffix: &str) -> Result<PathBuf, String> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|error| format!("cannot read {}: {error}", folder.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.to_string_lossy().ends_with(suffix))
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        count => Err(format!(
            "expected one {suffix} in {}, found {count}",
            folder.display()
        )),
    }
}

fn create_dir(folder: &Path) -> Result<(), String> {
    std::fs::create_dir_all(folder)
        .map_err(|error| format!("cannot create {}: {error}", folder.display()))
}
