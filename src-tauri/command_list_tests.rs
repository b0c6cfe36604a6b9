//! Each command is named once, in its `#[tauri::command]` function: the
//! build script finds them (`command_scan.rs`) and makes the app manifest,
//! the main window's capability and the `generate_handler!` list from them.
//! These tests hold the finder to the source and the capability to the
//! commands.

use std::collections::BTreeSet;

include!("command_scan.rs");

/// The folder the build script reads the commands from.
fn commands_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/commands")
}

#[test]
fn a_command_is_found_after_its_attributes_and_docs_and_nothing_else_is() {
    let text = r#"
/// Signs in.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_in(desk: State<'_, Desk>) -> CommandResult<()> {
    helper()
}

fn helper() {}

#[tauri::command]
// a note
pub fn load_about() {}
"#;
    let names: Vec<String> = commands_in("session", text)
        .into_iter()
        .map(|command| format!("{}::{}", command.module, command.name))
        .collect();
    assert_eq!(names, ["session::sign_in", "session::load_about"]);
    assert_eq!(permission_of("sign_in_again"), "allow-sign-in-again");
}

#[test]
fn every_command_attribute_in_the_source_is_found_once() {
    let dir = commands_dir();
    let found = scan_command_files(&dir).unwrap();
    let mut attributes = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        attributes += text
            .lines()
            .filter(|line| line.trim().starts_with("#[tauri::command"))
            .count();
    }
    assert!(found.len() > 50, "the commands were read: {found:?}");
    assert_eq!(found.len(), attributes, "a command the finder missed");
    let names: BTreeSet<&str> = found.iter().map(|command| command.name.as_str()).collect();
    assert_eq!(names.len(), found.len(), "command names are unique");
}

#[test]
fn the_main_window_may_call_exactly_the_apps_commands() {
    let expected: BTreeSet<String> = scan_command_files(&commands_dir())
        .unwrap()
        .iter()
        .map(|command| permission_of(&command.name))
        .collect();
    let capability: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("OUT_DIR"),
        "/capabilities/main.json"
    )))
    .expect("the generated capability is JSON");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .expect("a permission list")
        .iter()
        .map(|permission| permission.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(granted, expected, "only the app's own allow- permissions");
}
