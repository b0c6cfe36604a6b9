//! `cargo xtask cycles`: finds import cycles between the modules of each
//! crate in the workspace, from the `crate::…`, `super::…` and `self::…`
//! paths in its source files (comments are skipped).
//!
//! A module is a source file (a folder's `mod.rs` stands for the folder).
//! The crate root is only wiring (it declares and re-exports), so paths that
//! end at the root are not edges; neither are paths from a module into its
//! own descendants, which is how a folder module declares and re-exports its
//! parts. Every other path that names a module makes an edge; a strongly
//! connected group of two or more modules is a cycle, and the task fails.
//!
//! Why not a crate: `cargo-modules` draws the graph but needs rust-analyzer
//! and a full build, minutes for this workspace; this check reads the
//! sources in well under a second, and petgraph finds the cycles.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use petgraph::graph::{DiGraph, NodeIndex};

/// One crate to check: where its root file is.
struct CrateRoot {
    name: String,
    root_file: PathBuf,
}

/// A path from one module to another, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    from: Vec<String>,
    to: Vec<String>,
    file: PathBuf,
    line: usize,
}

/// Checks every crate of the workspace; fails with the cycles it finds.
pub fn check(workspace: &Path) -> Result<(), String> {
    let mut report = String::new();
    let roots = crate_roots(workspace)?;
    let mut modules_seen = 0;
    for root in &roots {
        let modules = module_files(&root.root_file)?;
        modules_seen += modules.len();
        let edges = module_edges(&modules)?;
        for cycle in cycles(&edges) {
            report.push_str(&describe_cycle(&root.name, &cycle, &edges, workspace));
        }
    }
    if report.is_empty() {
        println!(
            "No import cycles among {modules_seen} modules in {} crates.",
            roots.len()
        );
        Ok(())
    } else {
        Err(format!("import cycles between modules:\n{report}"))
    }
}

/// The library and binary roots of every workspace member.
fn crate_roots(workspace: &Path) -> Result<Vec<CrateRoot>, String> {
    let mut roots = vec![CrateRoot {
        name: "portal-desk (src-tauri)".into(),
        root_file: workspace.join("src-tauri").join("lib.rs"),
    }];
    let mut members = vec![workspace.join("xtask")];
    let crates = std::fs::read_dir(workspace.join("crates"))
        .map_err(|error| format!("cannot list crates/: {error}"))?;
    for entry in crates.flatten() {
        members.push(entry.path());
    }
    members.sort();
    for member in members {
        let name = member
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        for root in ["lib.rs", "main.rs"] {
            let file = member.join("src").join(root);
            if file.is_file() {
                roots.push(CrateRoot {
                    name: format!("{name} ({root})"),
                    root_file: file,
                });
            }
        }
    }
    Ok(roots)
}

/// Every module file reachable from a crate root by `mod name;`, keyed by
/// module path (the root is the empty path).
fn module_files(root_file: &Path) -> Result<BTreeMap<Vec<String>, PathBuf>, String> {
    let mut modules = BTreeMap::new();
    let mut pending = vec![(Vec::<String>::new(), root_file.to_path_buf(), true)];
    while let Some((path, file, owns_folder)) = pending.pop() {
        let text = std::fs::read_to_string(&file)
            .map_err(|error| format!("cannot read {}: {error}", file.display()))?;
        // A root or `mod.rs` keeps its children beside it; `a.rs` in `a/`.
        let folder = if owns_folder {
            file.parent().map(Path::to_path_buf)
        } else {
            file.with_extension("").into()
        }
        .unwrap_or_default();
        for declared in declared_modules(&text) {
            let mut child_path = path.clone();
            child_path.push(declared.name.clone());
            let (child_file, child_owns_folder) = match declared.path_attribute {
                Some(explicit) => (file.parent().unwrap_or(Path::new("")).join(explicit), false),
                None => {
                    let flat = folder.join(format!("{}.rs", declared.name));
                    if flat.is_file() {
                        (flat, false)
                    } else {
                        (folder.join(&declared.name).join("mod.rs"), true)
                    }
                }
            };
            if child_file.is_file() {
                pending.push((child_path, child_file, child_owns_folder));
            }
        }
        modules.insert(path, file);
    }
    Ok(modules)
}

/// A `mod name;` declaration, with its `#[path = "…"]` if it has one.
struct DeclaredModule {
    name: String,
    path_attribute: Option<String>,
}

/// The out-of-line modules a file declares.
fn declared_modules(text: &str) -> Vec<DeclaredModule> {
    let mut declared = Vec::new();
    let mut path_attribute = None;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("#[path = \"") {
            path_attribute = rest.split('"').next().map(str::to_string);
            continue;
        }
        let without_visibility = line
            .strip_prefix("pub(crate) ")
            .or_else(|| line.strip_prefix("pub "))
            .unwrap_or(line);
        if let Some(rest) = without_visibility.strip_prefix("mod ")
            && let Some(name) = rest.strip_suffix(';')
        {
            declared.push(DeclaredModule {
                name: name.trim().to_string(),
                path_attribute: path_attribute.take(),
            });
        } else if !line.starts_with("#[") {
            path_attribute = None;
        }
    }
    declared
}

/// The module-to-module edges of one crate.
fn module_edges(modules: &BTreeMap<Vec<String>, PathBuf>) -> Result<Vec<Edge>, String> {
    let mut edges = BTreeSet::new();
    for (module, file) in modules {
        if module.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(file)
            .map_err(|error| format!("cannot read {}: {error}", file.display()))?;
        let code = without_comments(&text);
        // Inside an inline `mod name { … }`, `super` is this file's module.
        let inline_module_starts = code
            .match_indices("\nmod ")
            .chain(code.match_indices("\npub mod "))
            .filter(|(at, _)| {
                code[*at..]
                    .lines()
                    .nth(1)
                    .is_some_and(|line| line.trim_end().ends_with('{'))
            })
            .map(|(at, _)| at)
            .min()
            .unwrap_or(code.len());
        for (offset, written) in module_paths(&code) {
            let inline_depth = usize::from(offset > inline_module_starts);
            let Some(absolute) = resolve(module, &written, inline_depth) else {
                continue;
            };
            let Some(target) = longest_module_prefix(modules, &absolute) else {
                continue;
            };
            let into_descendant = target.len() > module.len() && target.starts_with(module);
            if target.is_empty() || &target == module || into_descendant {
                continue;
            }
            edges.insert(Edge {
                from: module.clone(),
                to: target,
                file: file.clone(),
                line: code[..offset].matches('\n').count() + 1,
            });
        }
    }
    Ok(edges.into_iter().collect())
}

/// The text with `//` and `/* */` comments blanked (newlines kept, so line
/// numbers stay) and string literals emptied.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        out.push('\n');
                    }
                    if previous == '*' && skipped == '/' {
                        break;
                    }
                    previous = skipped;
                }
            }
            '"' => {
                out.push('"');
                let mut escaped = false;
                for skipped in chars.by_ref() {
                    if skipped == '\n' {
                        out.push('\n');
                    }
                    if !escaped && skipped == '"' {
                        break;
                    }
                    escaped = !escaped && skipped == '\\';
                }
                out.push('"');
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path that starts with `crate`, `super` or `self`, with use-tree
/// groups (`crate::{a, b::{c, d}}`) expanded; each with its byte offset.
fn module_paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    for keyword in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(keyword) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let first = keyword.trim_end_matches(':').to_string();
            let mut parser = UseTree {
                rest: &code[at + keyword.len()..],
            };
            for path in parser.paths(vec![first]) {
                found.push((at, path));
            }
        }
    }
    found
}

/// A tiny parser for the tail of a path or use tree.
struct UseTree<'a> {
    rest: &'a str,
}

impl UseTree<'_> {
    fn skip_space(&mut self) {
        self.rest = self.rest.trim_start();
    }

    fn identifier(&mut self) -> Option<String> {
        self.skip_space();
        let end = self
            .rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.rest.len());
        if end == 0 {
            return None;
        }
        let identifier = self.rest[..end].to_string();
        self.rest = &self.rest[end..];
        Some(identifier)
    }

    /// The paths under `prefix` (the segments already read).
    fn paths(&mut self, mut prefix: Vec<String>) -> Vec<Vec<String>> {
        loop {
            self.skip_space();
            if let Some(group) = self.rest.strip_prefix('{') {
                self.rest = group;
                let mut paths = Vec::new();
                loop {
                    self.skip_space();
                    if let Some(after) = self.rest.strip_prefix('}') {
                        self.rest = after;
                        return paths;
                    }
                    let before = self.rest.len();
                    paths.extend(self.paths(prefix.clone()));
                    self.skip_space();
                    if let Some(after) = self.rest.strip_prefix(',') {
                        self.rest = after;
                    } else if self.rest.len() == before || !self.rest.starts_with('}') {
                        return paths;
                    }
                }
            }
            match self.identifier() {
                Some(segment) => prefix.push(segment),
                None => return vec![prefix],
            }
            self.skip_space();
            match self.rest.strip_prefix("::") {
                Some(after) => self.rest = after,
                None => return vec![prefix],
            }
        }
    }
}

/// The absolute module path a written path names, from inside `module`.
fn resolve(module: &[String], written: &[String], inline_depth: usize) -> Option<Vec<String>> {
    let (first, rest) = written.split_first()?;
    match first.as_str() {
        "crate" => Some(rest.to_vec()),
        "self" => {
            let mut base = module.to_vec();
            base.extend(rest.iter().cloned());
            Some(base)
        }
        "super" => {
            let mut base = module.to_vec();
            let mut segments = written;
            let mut depth = inline_depth;
            while let Some(("super", tail)) = segments
                .split_first()
                .map(|(head, tail)| (head.as_str(), tail))
            {
                if depth > 0 {
                    depth -= 1;
                } else {
                    base.pop()?;
                }
                segments = tail;
            }
            base.extend(segments.iter().cloned());
            Some(base)
        }
        _ => None,
    }
}

/// The longest prefix of `path` that is a module of the crate.
fn longest_module_prefix(
    modules: &BTreeMap<Vec<String>, PathBuf>,
    path: &[String],
) -> Option<Vec<String>> {
    (0..=path.len())
        .rev()
        .map(|length| path[..length].to_vec())
        .find(|prefix| modules.contains_key(prefix))
}

/// The groups of two or more modules that reach each other.
fn cycles(edges: &[Edge]) -> Vec<Vec<Vec<String>>> {
    let mut graph = DiGraph::<Vec<String>, ()>::new();
    let mut nodes: BTreeMap<Vec<String>, NodeIndex> = BTreeMap::new();
    let mut node = |graph: &mut DiGraph<Vec<String>, ()>, module: &Vec<String>| {
        *nodes
            .entry(module.clone())
            .or_insert_with(|| graph.add_node(module.clone()))
    };
    for edge in edges {
        let from = node(&mut graph, &edge.from);
        let to = node(&mut graph, &edge.to);
        graph.update_edge(from, to, ());
    }
    petgraph::algo::tarjan_scc(&graph)
        .into_iter()
        .filter(|group| group.len() > 1)
        .map(|group| {
            let mut modules: Vec<Vec<String>> = group
                .into_iter()
                .map(|index| graph[index].clone())
                .collect();
            modules.sort();
            modules
        })
        .collect()
}

/// One cycle, with the lines that make its edges.
fn describe_cycle(
    crate_name: &str,
    cycle: &[Vec<String>],
    edges: &[Edge],
    workspace: &Path,
) -> String {
    let names: Vec<String> = cycle.iter().map(|module| module.join("::")).collect();
    let mut text = format!(
        "\n{crate_name}: {} modules reach each other: {}\n",
        cycle.len(),
        names.join(", ")
    );
    let mut shown = BTreeSet::new();
    for edge in edges {
        if cycle.contains(&edge.from)
            && cycle.contains(&edge.to)
            && shown.insert((&edge.from, &edge.to))
        {
            let file = edge.file.strip_prefix(workspace).unwrap_or(&edge.file);
            text.push_str(&format!(
                "  {} -> {}  ({}:{})\n",
                edge.from.join("::"),
                edge.to.join("::"),
                file.display(),
                edge.line
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(path: &[&str]) -> Vec<String> {
        path.iter().map(|segment| segment.to_string()).collect()
    }

    #[test]
    fn use_tree_groups_expand_to_every_path() {
        let paths: Vec<Vec<String>> = module_paths("use crate::{a::{B, c::D}, e};\n")
            .into_iter()
            .map(|(_, path)| path)
            .collect();
        assert_eq!(
            paths,
            vec![
                strings(&["crate", "a", "B"]),
                strings(&["crate", "a", "c", "D"]),
                strings(&["crate", "e"]),
            ]
        );
    }

    #[test]
    fn comments_and_strings_hold_no_paths() {
        let code = without_comments("// crate::a\n/* crate::b */ let s = \"crate::c\";\n");
        assert!(module_paths(&code).is_empty(), "{code}");
        assert_eq!(code.lines().count(), 2);
    }

    #[test]
    fn a_cycle_of_two_is_found_and_a_chain_is_not() {
        let edge = |from: &str, to: &str| Edge {
            from: strings(&[from]),
            to: strings(&[to]),
            file: PathBuf::new(),
            line: 1,
        };
        assert!(cycles(&[edge("a", "b"), edge("b", "c")]).is_empty());
        assert_eq!(
            cycles(&[edge("a", "b"), edge("b", "c"), edge("c", "a")]),
            vec![vec![strings(&["a"]), strings(&["b"]), strings(&["c"])]]
        );
    }

    #[test]
    fn super_in_an_inline_test_module_is_the_file_itself() {
        let module = strings(&["desk", "tickets"]);
        assert_eq!(
            resolve(&module, &strings(&["super", "Thing"]), 1),
            Some(strings(&["desk", "tickets", "Thing"]))
        );
        assert_eq!(
            resolve(&module, &strings(&["super", "Thing"]), 0),
            Some(strings(&["desk", "Thing"]))
        );
    }
}
