//! Builds the app's access control from its commands, so each is named
//! once: every `#[tauri::command]` function in `src-tauri/commands/`
//! becomes (1) a command of the app manifest, which makes its `allow-…`
//! permission, (2) a permission of the main window's capability, which
//! grants exactly those and nothing from plugins, and (3) an entry of the
//! `generate_handler!` list that `lib.rs` includes. Adding a command is
//! writing its desk method and its command function.

use std::path::{Path, PathBuf};

include!("command_scan.rs");

/// Joins the page's modules into one file (`ui/bundle.mjs`, esbuild) in
/// the folder tauri.conf.json serves (`build.frontendDist`), which the app
/// embeds; the build runs again when a file the page is made from changes.
fn bundle_ui() {
    let config: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tauri.conf.json").expect("tauri.conf.json is readable"),
    )
    .expect("tauri.conf.json is JSON");
    let served = config["build"]["frontendDist"]
        .as_str()
        .expect("tauri.conf.json names the folder it serves (build.frontendDist)");
    let output = std::process::Command::new("node")
        .arg("ui/bundle.mjs")
        .arg(served)
        .stderr(std::process::Stdio::inherit())
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run node, which joins the UI's modules (install Node.js 18 or newer): {error}")
        });
    assert!(
        output.status.success(),
        "ui/bundle.mjs could not join the UI's modules (see above)"
    );
    for input in String::from_utf8_lossy(&output.stdout).lines() {
        println!("cargo:rerun-if-changed={input}");
    }
    println!(
        "cargo:rustc-env=PORTAL_DESK_PAGE_BUILD={}",
        page_build(Path::new(served))
    );
}

/// Names this build of the page (its HTML, script and styles): a first
/// screen kept by another build is not shown by this one.
fn page_build(served: &Path) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for name in ["index.html", "app.js", "styles.css"] {
        std::fs::read(served.join(name))
            .unwrap_or_else(|error| panic!("cannot read the joined page's {name}: {error}"))
            .hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

fn main() {
    bundle_ui();
    let commands_dir = Path::new("src-tauri/commands");
    println!("cargo:rerun-if-changed={}", commands_dir.display());
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let commands = scan_command_files(commands_dir).expect("src-tauri/commands is readable");
    assert!(
        !commands.is_empty(),
        "no #[tauri::command] found in src-tauri/commands"
    );

    let handlers: Vec<String> = commands
        .iter()
        .map(|command| format!("crate::commands::{}::{}", command.module, command.name))
        .collect();
    std::fs::write(
        out_dir.join("command_handler.rs"),
        format!("tauri::generate_handler![{}]\n", handlers.join(",\n")),
    )
    .expect("OUT_DIR is writable");

    let capabilities = out_dir.join("capabilities");
    std::fs::create_dir_all(&capabilities).expect("OUT_DIR is writable");
    let permissions: Vec<String> = commands
        .iter()
        .map(|command| format!("    \"{}\"", permission_of(&command.name)))
        .collect();
    std::fs::write(
        capabilities.join("main.json"),
        format!(
            "{{\n  \"identifier\": \"main-window\",\n  \"description\": \"What the main window may call: Portal Desk's own commands and nothing from plugins.\",\n  \"windows\": [\"main\"],\n  \"permissions\": [\n{}\n  ]\n}}\n",
            permissions.join(",\n")
        ),
    )
    .expect("OUT_DIR is writable");

    // tauri-build takes 'static strings; a build script ends right after.
    let pattern: &'static str =
        Box::leak(format!("{}/*.json", capabilities.display()).into_boxed_str());
    let names: &'static [&'static str] = Box::leak(
        commands
            .into_iter()
            .map(|command| &*Box::leak(command.name.into_boxed_str()))
            .collect::<Vec<&'static str>>()
            .into_boxed_slice(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern(pattern)
            .app_manifest(tauri_build::AppManifest::new().commands(names)),
    )
    .expect("tauri-build failed");
}
