//! Every command is named in three places that must agree: the app
//! manifest in `build.rs` (which makes its `allow-…` permission),
//! `generate_handler!` in `lib.rs`, and the main window's capability. A
//! command missing from one is either unreachable or unguarded.

use std::collections::BTreeSet;

/// The comma-separated items of `source` between `start` and `end`,
/// each cut to a name by `name`.
fn listed(source: &str, start: &str, end: &str, name: fn(&str) -> &str) -> BTreeSet<String> {
    let list = source
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(list, _)| list)
        .unwrap_or_else(|| panic!("no list after {start}"));
    list.split(',')
        .map(|item| name(item.trim()))
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The quoted names in `build.rs`'s `.commands(&[…])` list.
fn manifest_commands() -> BTreeSet<String> {
    listed(include_str!("build.rs"), ".commands(&[", "])", |item| {
        item.trim_matches('"')
    })
}

/// The last path segment of each entry of `generate_handler![…]`.
fn handled_commands() -> BTreeSet<String> {
    listed(include_str!("lib.rs"), "generate_handler![", "]", |item| {
        item.rsplit("::").next().unwrap_or_default()
    })
}

/// The commands the main window's capability allows (`allow-sign-in` is
/// `sign_in`).
fn allowed_commands() -> BTreeSet<String> {
    let capability: serde_json::Value =
        serde_json::from_str(include_str!("capabilities/main.json")).expect("valid JSON");
    capability["permissions"]
        .as_array()
        .expect("a permission list")
        .iter()
        .map(|permission| {
            let permission = permission.as_str().expect("permissions by name");
            permission
                .strip_prefix("allow-")
                .unwrap_or_else(|| panic!("only the app's own allow- permissions: {permission}"))
                .replace('-', "_")
        })
        .collect()
}

#[test]
fn each_command_is_in_the_manifest_the_handler_and_the_capability() {
    let manifest = manifest_commands();
    assert!(
        manifest.len() > 50,
        "the manifest list was read: {manifest:?}"
    );
    let handled = handled_commands();
    let allowed = allowed_commands();
    let difference = |a: &BTreeSet<String>, b: &BTreeSet<String>| -> Vec<String> {
        a.difference(b).cloned().collect()
    };
    assert!(
        manifest == handled,
        "build.rs and generate_handler! differ: only in build.rs {:?}, only in lib.rs {:?}",
        difference(&manifest, &handled),
        difference(&handled, &manifest)
    );
    assert!(
        manifest == allowed,
        "build.rs and capabilities/main.json differ: not allowed {:?}, allowed but unknown {:?}",
        difference(&manifest, &allowed),
        difference(&allowed, &manifest)
    );
}
