//! Accessibility checks inside the real webview: axe-core (installed from
//! npm by `cargo xtask test`, pinned in `tests/e2e/tools`) runs on the
//! page as it is shown, against WCAG 2.1 A and AA; any violation fails the
//! test with what and where. Each check prints what it looked at.

use serde_json::{Value, json};

use super::webdriver::WebDriver;

/// The rules' tags a check runs: WCAG 2.0 and 2.1, levels A and AA.
const WCAG_21_AA: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// axe-core's source, read once per test process.
fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/e2e/tools/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!(
                "axe-core is not installed at {} ({error}); `cargo xtask test` installs it (npm ci in tests/e2e/tools)",
                path.display()
            )
        })
    })
}

/// Checks the page as shown now, `what` naming it in the output and in a
/// failure: no WCAG 2.1 AA violation anywhere in the document.
pub fn check_accessibility(app: &WebDriver, what: &str) {
    let loaded = app.execute("return typeof window.axe === 'object';", json!([]));
    if loaded != Value::Bool(true) {
        app.execute(&format!("{}\n;return true;", axe_source()), json!([]));
    }
    let result = app.execute(
        "return window.axe.run(document, { runOnly: { type: 'tag', values: arguments[0] } })
            .then((result) => ({
                passes: result.passes.length,
                nodes: result.passes.reduce((count, rule) => count + rule.nodes.length, 0),
                violations: result.violations.map((violation) => ({
                    id: violation.id,
                    impact: violation.impact,
                    help: violation.help,
                    nodes: violation.nodes.slice(0, 5).map((node) => ({ target: node.target.join(' '), summary: node.failureSummary })),
                })),
            }));",
        json!([WCAG_21_AA]),
    );
    let violations = result["violations"].as_array().cloned().unwrap_or_default();
    if !violations.is_empty() {
        let described: Vec<String> = violations
            .iter()
            .map(|violation| {
                let nodes: Vec<String> = violation["nodes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|node| format!("    at {}: {}", node["target"], node["summary"]))
                    .collect();
                format!(
                    "  {} ({}): {}\n{}",
                    violation["id"],
                    violation["impact"],
                    violation["help"],
                    nodes.join("\n")
                )
            })
            .collect();
        panic!(
            "accessibility: {what}: {} WCAG 2.1 AA violation(s):\n{}",
            violations.len(),
            described.join("\n")
        );
    }
    println!(
        "accessibility (axe-core, WCAG 2.1 A and AA): {what}: {} rules passed on {} elements, no violation",
        result["passes"], result["nodes"]
    );
}
