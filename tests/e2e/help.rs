//! End to end, the Help dialog: the version, "Open log folder" (handed to
//! the system's file manager) and "Copy diagnostics", whose text lands on
//! the clipboard with the last log lines and no e-mail address.

use crate::support;

use support::accessibility::check_accessibility;

use support::desktop::Desktop;
use support::{SHORT, launch_demo};

#[test]
fn help_shows_the_version_opens_the_log_folder_and_copies_redacted_diagnostics() {
    let mut desktop = Desktop::start("help");
    let app = launch_demo(&desktop);

    app.click_on("#help-button");
    let version = app.wait_for_text("#help-version", SHORT, |text| !text.is_empty());
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    let folder = app.wait_for_text("#help-log-folder", SHORT, |text| !text.is_empty());
    assert!(
        folder.ends_with("/data/logs") && folder.starts_with(&desktop.home().display().to_string()),
        "the log folder is in the app's data folder: {folder}"
    );
    let logs: Vec<_> = std::fs::read_dir(&folder)
        .expect("the log folder exists")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        logs.iter()
            .any(|name| name.starts_with("portal-desk.") && name.ends_with(".log")),
        "a log file of today: {logs:?}"
    );

    app.click_on("#help-open-logs");
    let deadline = std::time::Instant::now() + SHORT;
    while !desktop.opened_with_system().contains(&folder) {
        assert!(
            std::time::Instant::now() < deadline,
            "the log folder was not handed to the file manager: {:?}",
            desktop.opened_with_system()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    app.click_on("#help-copy");
    let shown = app.wait_for_text("#help-diagnostics", SHORT, |text| {
        text.starts_with("Portal Desk ")
    });
    assert!(
        shown.starts_with(&format!("Portal Desk {version}\n")),
        "{shown}"
    );
    assert!(shown.contains("\nSystem: linux "), "{shown}");
    assert!(
        !shown.contains("(not signed in)"),
        "the demo portal is named: {shown}"
    );
    assert!(
        shown.contains("Last log lines:") && shown.contains("signed in"),
        "{shown}"
    );
    assert!(
        !shown.contains("dana@example.com"),
        "no e-mail address: {shown}"
    );
    assert_eq!(
        desktop.clipboard_text().trim_end(),
        shown.trim_end(),
        "what the dialog shows is what the clipboard holds"
    );
    app.wait_for_text("#help-status", SHORT, |text| text.starts_with("Copied"));
    check_accessibility(&app, "the Help dialog");
    desktop.screenshot("help-diagnostics");

    app.press("\u{E00C}");
    app.wait_until_gone("#help-dialog", SHORT);
    assert_eq!(
        app.focused_id(),
        "help-button",
        "focus returns to the Help button"
    );
}
