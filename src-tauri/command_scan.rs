// Finds the app's commands: every `#[tauri::command]` function in the files
// of `src-tauri/commands/`. Included by `build.rs`, which makes the app
// manifest, the main window's capability and the `generate_handler!` list
// from what it finds, and by `command_list_tests.rs`.

/// A `#[tauri::command]` function: its module under `commands/` and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCommand {
    /// The file's module name (`tickets` for `commands/tickets.rs`).
    pub module: String,
    /// The function's name, which is the command's name.
    pub name: String,
}

/// The commands in one file's text, in the order they are written.
pub fn commands_in(module: &str, text: &str) -> Vec<FoundCommand> {
    let mut found = Vec::new();
    let mut after_attribute = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with("#[tauri::command") {
            after_attribute = true;
            continue;
        }
        if !after_attribute || line.is_empty() || line.starts_with("#[") || line.starts_with("//") {
            continue;
        }
        let rest = line.strip_prefix("pub ").unwrap_or(line);
        let rest = rest.strip_prefix("async ").unwrap_or(rest);
        if let Some(rest) = rest.strip_prefix("fn ") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            found.push(FoundCommand {
                module: module.to_owned(),
                name,
            });
        }
        after_attribute = false;
    }
    found
}

/// Every command of the `.rs` files in `dir` (not `mod.rs`), the files in
/// name order.
pub fn scan_command_files(dir: &std::path::Path) -> std::io::Result<Vec<FoundCommand>> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension().is_some_and(|extension| extension == "rs")
                && path.file_name().is_some_and(|name| name != "mod.rs")
        })
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for file in files {
        let module = file
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        commands.extend(commands_in(&module, &std::fs::read_to_string(&file)?));
    }
    Ok(commands)
}

/// `allow-sign-in` for `sign_in`: the permission the app manifest makes.
pub fn permission_of(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}
