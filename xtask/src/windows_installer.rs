//! The Windows installer: built with makensis (Debian's `nsis`) from
//! `packaging/windows/installer.nsi` and the Windows build, then installed
//! silently under Wine and checked the way a user's computer would see it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs one logged step; the Windows run passes its own.
pub type Step<'a> = &'a dyn Fn(&str, &mut Command) -> Result<(), String>;

/// The files the installer carries, from the Windows build folder.
const CARRIED: [&str; 3] = ["portal-desk.exe", "pdesk.exe", "WebView2Loader.dll"];

/// Builds the installer from the (debug or release) Windows build in
/// `build`, answering its path. `quick` trades size for speed (CI).
pub fn build(
    step: Step,
    root: &Path,
    build: &Path,
    out: &Path,
    version: &str,
    quick: bool,
) -> Result<PathBuf, String> {
    let staging = out.join("windows-staging");
    std::fs::create_dir_all(&staging)
        .map_err(|error| format!("cannot create {}: {error}", staging.display()))?;
    for name in CARRIED {
        let staged = staging.join(name);
        if name.ends_with(".exe") {
            // Symbols stay in the build; users get the program.
            step(
                &format!("Windows installer: strip {name}"),
                Command::new("x86_64-w64-mingw32-strip")
                    .arg("-o")
                    .arg(&staged)
                    .arg(build.join(name)),
            )?;
        } else {
            std::fs::copy(build.join(name), &staged)
                .map_err(|error| format!("cannot stage {name}: {error}"))?;
        }
    }
    let installer = out.join(format!("portal-desk-{version}-windows-x64-setup.exe"));
    let define = |name: &str, value: &Path| format!("-D{name}={}", value.display());
    let mut makensis = Command::new("makensis");
    makensis
        .arg("-V2")
        .arg(format!("-DVERSION={version}"))
        .arg(define("APP_EXE", &staging.join("portal-desk.exe")))
        .arg(define("PDESK_EXE", &staging.join("pdesk.exe")))
        .arg(define(
            "WEBVIEW2_LOADER",
            &staging.join("WebView2Loader.dll"),
        ))
        .arg(define("ICON", &root.join("icons").join("icon.ico")))
        .arg(define("OUTFILE", &installer));
    if quick {
        makensis.arg("-DQUICK");
    }
    makensis.arg(root.join("packaging").join("windows").join("installer.nsi"));
    step("Windows installer: makensis", &mut makensis)?;
    Ok(installer)
}

/// Installs `installer` silently under Wine (per user, no administrator),
/// checks the files, the Start-menu entry, the "Installed apps" entry and
/// the installed pdesk; installs it again over itself as an upgrade would,
/// checking that the user's data stays; uninstalls (data kept), and
/// finally installs and uninstalls with /PURGE (data gone).
pub fn smoke_test(
    step: Step,
    installer: &Path,
    prefix: &Path,
    wine_env: &[(&'static str, std::ffi::OsString)],
    version: &str,
) -> Result<(), String> {
    let wine = |program: &Path| {
        let mut command = Command::new("wine");
        command.arg(program).envs(wine_env.iter().cloned());
        command
    };
    let settle = || {
        let mut command = Command::new("wineserver");
        command.arg("--wait").envs(wine_env.iter().cloned());
        command
    };
    let user = prefix.join("drive_c/users").join(wine_user(prefix)?);
    let installed = user.join("AppData/Local/Programs/Portal Desk");
    let shortcut =
        user.join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Portal Desk.lnk");
    let data = user.join("AppData/Roaming/Portal Desk/Portal Desk/data");
    let uninstall_key = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\PortalDesk";

    step(
        "Windows installer: install silently under Wine",
        wine(installer).arg("/S"),
    )?;
    step("Windows installer: let Wine settle", &mut settle())?;
    for name in CARRIED.iter().chain(&["portal-desk.ico", "uninstall.exe"]) {
        if !installed.join(name).is_file() {
            return Err(format!(
                "the installer did not install {name} in {}",
                installed.display()
            ));
        }
    }
    if !shortcut.is_file() {
        return Err(format!("no Start-menu entry at {}", shortcut.display()));
    }
    let entry = registry_entry(wine_env, uninstall_key)?;
    for expected in [
        "DisplayName    REG_SZ    Portal Desk".to_owned(),
        format!("DisplayVersion    REG_SZ    {version}"),
        "QuietUninstallString".to_owned(),
    ] {
        if !entry.contains(&expected) {
            return Err(format!("the uninstall entry lacks {expected:?}:\n{entry}"));
        }
    }
    let output = wine(&installed.join("pdesk.exe"))
        .arg("--version")
        .output()
        .map_err(|error| format!("cannot run the installed pdesk.exe: {error}"))?;
    let said = String::from_utf8_lossy(&output.stdout);
    if said.trim() != format!("pdesk {version}") {
        return Err(format!("the installed pdesk.exe --version said {said:?}"));
    }
    println!("installed pdesk.exe --version: {}", said.trim());

    // The user's data, as the app would have left it.
    std::fs::create_dir_all(&data)
        .map_err(|error| format!("cannot create {}: {error}", data.display()))?;
    std::fs::write(data.join("accounts.json"), b"[]").map_err(|error| error.to_string())?;
    step(
        "Windows installer: install over the installed copy",
        wine(installer).arg("/S"),
    )?;
    step("Windows installer: let Wine settle", &mut settle())?;
    if !data.join("accounts.json").is_file() {
        return Err("installing over an installed copy removed the user's data".into());
    }

    let uninstaller = installed.join("uninstall.exe");
    step(
        "Windows installer: uninstall silently",
        wine(&uninstaller).arg("/S"),
    )?;
    // The uninstaller copies itself away and runs from there: wait for it.
    step("Windows installer: let Wine settle", &mut settle())?;
    if installed.exists() || shortcut.exists() {
        return Err(format!(
            "uninstalling left {} or the Start-menu entry",
            installed.display()
        ));
    }
    if registry_entry(wine_env, uninstall_key).is_ok() {
        return Err("uninstalling left the uninstall entry".into());
    }
    if !data.join("accounts.json").is_file() {
        return Err("uninstalling removed the user's data without being asked".into());
    }

    step(
        "Windows installer: install again",
        wine(installer).arg("/S"),
    )?;
    step("Windows installer: let Wine settle", &mut settle())?;
    step(
        "Windows installer: uninstall with /PURGE",
        wine(&uninstaller).args(["/S", "/PURGE"]),
    )?;
    step("Windows installer: let Wine settle", &mut settle())?;
    if data.exists() || installed.exists() {
        return Err("uninstalling with /PURGE left the user's data or the program".into());
    }
    Ok(())
}

/// The Windows user name Wine gave the prefix (the Unix user's).
fn wine_user(prefix: &Path) -> Result<String, String> {
    let users = prefix.join("drive_c/users");
    std::fs::read_dir(&users)
        .map_err(|error| format!("cannot read {}: {error}", users.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name != "Public")
        .ok_or_else(|| format!("no user folder in {}", users.display()))
}

/// `reg query KEY` under Wine; `Err` when the key is not there.
fn registry_entry(
    wine_env: &[(&'static str, std::ffi::OsString)],
    key: &str,
) -> Result<String, String> {
    let output = Command::new("wine")
        .args(["reg", "query", key])
        .envs(wine_env.iter().cloned())
        .output()
        .map_err(|error| format!("cannot run wine reg: {error}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!("{key} is not in the registry"))
    }
}
