//! Driving the app by keyboard alone: WebDriver key codes and moving focus
//! with Tab (or the arrow keys) until it reaches a control, as a person
//! who does not use a mouse would.

use serde_json::json;

use super::webdriver::WebDriver;

/// Tab.
pub const TAB: &str = "\u{E004}";
/// Shift+Tab (Shift stays down until the end of the keys sent).
pub const SHIFT_TAB: &str = "\u{E008}\u{E004}";
/// Enter.
pub const ENTER: &str = "\u{E007}";
/// Escape.
pub const ESCAPE: &str = "\u{E00C}";
/// The space bar.
pub const SPACE: &str = " ";
/// The down arrow.
pub const ARROW_DOWN: &str = "\u{E015}";
/// Ctrl with `=`: one text size larger.
pub const CTRL_PLUS: &str = "\u{E009}=";
/// Ctrl with `0`: the text size back to 100%.
pub const CTRL_ZERO: &str = "\u{E009}0";

/// How many key presses a control may be away before the test gives up.
const MOST_PRESSES: usize = 80;

/// Whether the element with keyboard focus matches `css`.
pub fn focus_matches(app: &WebDriver, css: &str) -> bool {
    app.execute(
        "return !!document.activeElement && document.activeElement.matches(arguments[0]);",
        json!([css]),
    )
    .as_bool()
    .unwrap_or(false)
}

/// The element with keyboard focus, described for a failure message.
pub fn focused(app: &WebDriver) -> String {
    app.execute(
        "const e = document.activeElement; \
         if (!e) return '(nothing)'; \
         return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + \
           (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + \
           ' \"' + (e.innerText || e.value || '').trim().slice(0, 40) + '\"';",
        json!([]),
    )
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Presses `key` (Tab, Shift+Tab, an arrow) until the focused element
/// matches `css`, and panics with the path focus took if it never does.
pub fn move_focus_to(app: &WebDriver, key: &str, css: &str) {
    let mut path = Vec::new();
    for _ in 0..MOST_PRESSES {
        if focus_matches(app, css) {
            return;
        }
        path.push(focused(app));
        app.press(key);
    }
    assert!(
        focus_matches(app, css),
        "{css} never got focus; focus went {}",
        path.join(" → ")
    );
}

/// Tabs forward until `css` has focus.
pub fn tab_to(app: &WebDriver, css: &str) {
    move_focus_to(app, TAB, css);
}

/// Tabs forward to `css` and presses Enter on it.
pub fn tab_to_and_enter(app: &WebDriver, css: &str) {
    tab_to(app, css);
    app.press(ENTER);
}

/// Waits until the page's announcer (read by screen readers, not shown)
/// says `expected`.
pub fn wait_for_announcement(app: &WebDriver, expected: &str) {
    let deadline = std::time::Instant::now() + super::SHORT;
    loop {
        let said = app.execute(
            "return document.getElementById('announcer')?.textContent ?? null;",
            json!([]),
        );
        if said == expected {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the announcer said {said}, not {expected:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
