//! End to end, tickets: a demo ticket's attachment saved under the chosen
//! file-name format (`[Ticket 1234] File Name.txt`) with the right bytes;
//! a reply with a file picked in the native dialog arrives on the portal;
//! a vendor comment made with `portal-server admin comment` raises an OS
//! notification (seen by a notification service on the test's D-Bus) and
//! the unread marker, and clicking the notification opens the ticket.
//!
//! Linux only: the app is driven through WebKitWebDriver. On Windows the
//! webview is WebView2, whose driver (Edge WebDriver) does not run here.
#![cfg(target_os = "linux")]

use crate::support;

use support::accessibility::check_accessibility;

use support::desktop::{APP_TIMEOUT, Desktop};
use support::notifications::NotificationService;
use support::portal_view::PortalView;
use support::{DANA, DEMO_PASSWORD, SHORT, launch_as_dana, wait_for_file};
use test_support::{PortalProcess, portal_api as vendor};

/// The bytes of attachment `id` of ticket `number`, as the portal has them.
fn attachment(server: &PortalView, number: i64, id: &serde_json::Value) -> Vec<u8> {
    server
        .get(&format!("/api/v1/tickets/{number}/attachments/{id}"))
        .bytes()
        .unwrap()
        .to_vec()
}

#[test]
fn an_attachment_in_the_chosen_format_a_reply_and_a_notified_vendor_comment() {
    let portal = PortalProcess::demo();
    let mut desktop = Desktop::start_with("tickets", &[("PORTAL_DESK_TICKET_POLL_SECONDS", "2")]);
    let notifications = NotificationService::start(desktop.keyring.address());
    let app = launch_as_dana(&desktop, portal.url());
    let server = PortalView::sign_in(portal.url(), DANA, DEMO_PASSWORD);

    // The attachment file-name format is a portal setting.
    app.click_on("#tab-settings");
    app.click_on("#format-ticket_bracket_prefix");
    app.click_on("#settings-save");
    app.wait_for_text("#settings-status", SHORT, |text| text.contains("Saved"));

    app.click_on("#screen-tickets");
    app.wait_for_text("#tickets-count", APP_TIMEOUT, |text| {
        text == "4 of 6 tickets"
    });
    check_accessibility(&app, "Tickets");
    desktop.screenshot("tickets-list");
    app.click_on(".ticket-row[data-number=\"1234\"]");
    app.wait_for_text("#ticket-title", SHORT, |text| {
        text == "#1234 Nightly export fails with “disk quota exceeded”"
    });
    let texts = app.texts_of_all(".comment-text");
    assert_eq!(texts.len(), 4, "the internal note is not shown: {texts:?}");
    assert!(
        texts[3].contains("<script>alert('x')</script>"),
        "a tag in a comment is shown as text: {:?}",
        texts[3]
    );
    assert!(
        !app.exists(".comment-text script"),
        "and never becomes an element"
    );
    let saved_as = app.texts_of_all("li.attachment[data-name=\"export.log\"] .saved-name");
    assert_eq!(saved_as[0], "[Ticket 1234] export.log");

    app.click_on("li.attachment[data-name=\"export.log\"] button[data-action=\"download\"]");
    let saved = desktop
        .home()
        .join("Downloads")
        .join("Portal Desk")
        .join("[Ticket 1234] export.log");
    wait_for_file(&saved);
    let on_portal = server.json("/api/v1/tickets/1234");
    let first_log = on_portal["comments"][0]["attachments"][0].clone();
    assert_eq!(first_log["name"], "export.log");
    assert_eq!(
        std::fs::read(&saved).unwrap(),
        attachment(&server, 1234, &first_log["id"]),
        "the file on disk has the portal's bytes"
    );
    app.wait_for(".download.finished", SHORT);
    check_accessibility(&app, "a ticket conversation");
    desktop.screenshot("ticket-conversation");

    // Reply with a file picked in the native dialog.
    let picked = desktop.home().join("tonight's run.log");
    std::fs::write(&picked, "both split jobs ran\n".repeat(5000)).unwrap();
    app.click_on("#reply-attach");
    desktop.answer_file_dialog("Attach files", &picked);
    app.wait_for_text("#reply-files-summary", SHORT, |text| {
        text == "1 file, 98 KB"
    });
    app.fill(
        "#reply-text",
        "Both split jobs ran twice; tonight's log is attached.",
    );
    check_accessibility(&app, "the reply composer with a file");
    desktop.screenshot("ticket-reply-ready");
    app.click_on("#reply-send");
    app.wait_for_text("#ticket-notice", APP_TIMEOUT, |text| {
        text == "Your reply was sent."
    });
    let on_portal = server.json("/api/v1/tickets/1234");
    let reply = on_portal["comments"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        reply["text"],
        "Both split jobs ran twice; tonight's log is attached."
    );
    assert_eq!(reply["attachments"][0]["name"], "tonight's run.log");
    assert_eq!(
        attachment(&server, 1234, &reply["attachments"][0]["id"]),
        std::fs::read(&picked).unwrap(),
        "the portal has the file"
    );
    assert_eq!(on_portal["status"], "open", "a reply opens it again");
    app.wait_for_text("#ticket-status", SHORT, |text| text == "Open");
    desktop.screenshot("ticket-reply-sent");

    // The vendor answers on another ticket; the app notices at its next look.
    let output = vendor::vendor_comment(
        portal.db_path(),
        1237,
        "Which API version do you call? <b>Please</b> attach a request.",
        &[],
    );
    assert!(output.status.success(), "{output:?}");
    let raised = notifications.wait_for("#1237", APP_TIMEOUT);
    assert_eq!(raised.app_name, "Portal Desk");
    assert_eq!(
        raised.summary,
        "Ticket #1237: API returns 502 for large orders"
    );
    assert_eq!(
        raised.body,
        "Support team: Which API version do you call? &lt;b&gt;Please&lt;/b&gt; attach a request."
    );
    assert!(
        raised.actions.contains(&"default".to_owned()),
        "{:?}",
        raised.actions
    );
    app.wait_for(".ticket-row.unread[data-number=\"1237\"]", SHORT);
    app.wait_for_text("#tickets-unread", SHORT, |text| text == "1");
    assert!(!app.exists(".ticket-row.unread[data-number=\"1234\"]"));
    desktop.screenshot("ticket-unread");

    // Clicking the notification opens the ticket, which is then read.
    notifications.click(raised.id);
    app.wait_for_text("#ticket-title", SHORT, |text| text.starts_with("#1237 "));
    app.wait_for_text(".comment.vendor .comment-text", SHORT, |text| {
        text.starts_with("Which API version do you call?")
    });
    let deadline = std::time::Instant::now() + SHORT;
    while app.exists(".ticket-row.unread[data-number=\"1237\"]") {
        assert!(
            std::time::Instant::now() < deadline,
            "still marked unread after opening"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(
        notifications.raised().len(),
        1,
        "one reply, one notification"
    );
    desktop.screenshot("ticket-opened-from-notification");
    app.quit();
}
