//! The Linux packages: a `.deb` and an `.rpm` made by the Tauri CLI's
//! bundler (`tauri bundle`, from npm, pinned in `packaging/package.json`)
//! from an existing build, so making them compiles nothing. Beside the app
//! they carry pdesk, its man page and its bash, zsh and fish completions (written by
//! `pdesk generate`), the `.desktop` entry and the icon in every size.
//!
//! The smoke test installs the `.deb` on this machine (`dpkg -i`), drives
//! the installed `/usr/bin/portal-desk` under Xvfb (`tests/e2e/installed.rs`),
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
    /// The bundler's overlay of `tauri.conf.json` (the extra files).
    overlay: serde_json::Value,
    /// The staging target folder the bundler reads and writes.
    staging: PathBuf,
    /// `debug` or `release`.
    profile: String,
}

/// Files the packages carry beside what the bundler adds itself: where
/// each is installed, and its name in the staging folder.
const EXTRA_FILES: [(&str, &str); 5] = [
    ("/usr/bin/pdesk", "pdesk"),
    ("/usr/share/man/man1/pdesk.1.gz", "pdesk.1.gz"),
    ("/usr/share/bash-completion/completions/pdesk", "pdesk.bash"),
    ("/usr/share/zsh/vendor-completions/_pdesk", "_pdesk"),
    (
        "/usr/share/fish/vendor_completions.d/pdesk.fish",
        "pdesk.fish",
    ),
];

/// Makes the `.deb` and `.rpm` from the build in `target/<profile>`
/// (`debug` or `release`, already built).
pub fn build(root: &Path, target: &Path, profile: &str) -> Result<LinuxPackages, String> {
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
    bundle(root, &staging, profile, "deb,rpm", &overlay)?;
    let out = programs.join("bundle");
    Ok(LinuxPackages {
        deb: only_file(&out.join("deb"), ".deb")?,
        rpm: only_file(&out.join("rpm"), ".rpm")?,
        overlay,
        staging,
        profile: profile.to_owned(),
    })
}

/// Runs the bundler for `bundles` over the staging folder with `overlay`.
fn bundle(
    root: &Path,
    staging: &Path,
    profile: &str,
    bundles: &str,
    overlay: &serde_json::Value,
) -> Result<(), String> {
    let tauri = crate::system::ensure_tauri_cli(root)?;
    let overlay_path = staging.join("linux-packages.json");
    std::fs::write(&overlay_path, overlay.to_string())
        .map_err(|error| format!("cannot write {}: {error}", overlay_path.display()))?;
    let mut command = Command::new(tauri);
    command
        .current_dir(root)
        .env("CARGO_TARGET_DIR", staging)
        .args(["bundle", "--bundles", bundles, "--config"])
        .arg(&overlay_path);
    if profile == "debug" {
        command.arg("--debug");
    }
    crate::step(
        &format!("Linux packages: tauri bundle ({bundles})"),
        &mut command,
    )
}

/// The version after `version` (its patch number plus one).
fn next_version(version: &str) -> Result<String, String> {
    let mut parts: Vec<u64> = version
        .split('.')
        .map(|part| part.parse().map_err(|_| format!("{version} is not x.y.z")))
        .collect::<Result<_, _>>()?;
    if parts.len() != 3 {
        return Err(format!("{version} is not x.y.z"));
    }
    parts[2] += 1;
    Ok(parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join("."))
}

/// Publishes the next version's `.deb` (the same build, packaged as the
/// next version) the way a vendor would: signed with the test key
/// (`tests/fixtures/updates/`) for that version, in a releases folder the
/// reference portal serves. Answers the folder.
fn publish_update(root: &Path, packages: &LinuxPackages, target: &Path) -> Result<PathBuf, String> {
    let version = next_version(env!("CARGO_PKG_VERSION"))?;
    let mut overlay = packages.overlay.clone();
    overlay["version"] = version.clone().into();
    bundle(root, &packages.staging, &packages.profile, "deb", &overlay)?;
    let built = packages
        .staging
        .join(&packages.profile)
        .join("bundle")
        .join("deb")
        .join(format!("Portal Desk_{version}_amd64.deb"));
    let releases = target.join("bundle").join("update-feed");
    let _ = std::fs::remove_dir_all(&releases);
    create_dir(&releases)?;
    let file = format!("portal-desk_{version}_amd64.deb");
    std::fs::copy(&built, releases.join(&file))
        .map_err(|error| format!("cannot publish {}: {error}", built.display()))?;
    let key = root
        .join("tests")
        .join("fixtures")
        .join("updates")
        .join("signing.key");
    crate::step(
        "Linux packages: sign the update (tauri signer sign)",
        Command::new(crate::system::ensure_tauri_cli(root)?)
            .args([
                "signer",
                "sign",
                "--password",
                "test-fixture-only",
                "--app-version",
            ])
            .arg(&version)
            .arg("--private-key-path")
            .arg(&key)
            .arg(releases.join(&file)),
    )?;
    let release = serde_json::json!({
        "version": version,
        "notes": "The same Portal Desk, packaged as the next version by the test run.",
        "pub_date": "2026-12-01T09:00:00Z",
        "platforms": { "linux-x86_64-deb": { "file": file } }
    });
    std::fs::write(releases.join("releases.json"), release.to_string())
        .map_err(|error| format!("cannot write releases.json: {error}"))?;
    Ok(releases)
}

/// Installs the `.deb`, drives the installed app through the end-to-end
/// test `installed_app_opens_the_demo_portal`, runs the installed pdesk,
/// publishes the next version on a reference portal's update feed and lets
/// the installed app update itself (`dpkg -i` through the updater, as root
/// here), checks the `.rpm`'s contents, removes the `.deb` and checks that
/// nothing but the user's data is left.
pub fn smoke_test(root: &Path, packages: &LinuxPackages, target: &Path) -> Result<(), String> {
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
    let installed_test = |name: &str| {
        let mut command = crate::cargo();
        // `--workspace`, as the test run, so the features match and
        // nothing is compiled again.
        command
            .args(["test", "--workspace", "--locked", "--test", "e2e"])
            .args(["--", "--ignored", "--exact", &format!("installed::{name}")])
            .env("PORTAL_DESK_INSTALLED_APP", "/usr/bin/portal-desk")
            .env("PORTAL_DESK_INSTALLED_HOME", &home);
        command
    };
    crate::step(
        "Linux packages: the installed app under Xvfb (demo sign-in)",
        &mut installed_test("installed_app_opens_the_demo_portal"),
    )?;
    let releases = publish_update(root, packages, target)?;
    crate::step(
        "Linux packages: the installed app updates itself from the portal's feed",
        installed_test("installed_app_updates_itself_from_the_portal_and_keeps_the_session")
            .env("PORTAL_DESK_UPDATE_RELEASES", &releases),
    )?;
    let updated = output("dpkg-query", &["-W", "-f=${Version}", DEB_PACKAGE])?;
    let expected = next_version(version)?;
    if updated != expected {
        return Err(format!(
            "after the update dpkg has {updated}, not {expected}"
        ));
    }
    println!("updated in place: dpkg has portal-desk {updated}");

    let rpm_files = output("rpm", &["-qpl", &packages.rpm.display().to_string()])?;
    for (path, _) in EXTRA_FILES.iter().chain(&[("/usr/bin/portal-desk", "")]) {
        if !rpm_files.lines().any(|line| line == *path) {
            return Err(format!("the .rpm does not carry {path}"));
        }
    }

    // apt-get waits for the lock: the updater's dpkg may still be running
    // its triggers (man-db, the icon cache) after the new version shows.
    crate::step(
        "Linux packages: remove the package (apt-get remove)",
        Command::new("apt-get")
            .args([
                "remove",
                "--yes",
                "--quiet",
                "-o",
                "DPkg::Lock::Timeout=300",
            ])
            .arg(DEB_PACKAGE)
            .env("DEBIAN_FRONTEND", "noninteractive"),
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

#[cfg(test)]
mod tests {
    use super::next_version;

    #[test]
    fn the_next_version_raises_the_patch_number() {
        assert_eq!(next_version("0.1.0").unwrap(), "0.1.1");
        assert_eq!(next_version("2.9.9").unwrap(), "2.9.10");
        assert!(next_version("1.2").is_err());
        assert!(next_version("1.2.x").is_err());
    }
}
