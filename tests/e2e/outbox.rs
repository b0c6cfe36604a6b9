//! End to end, the outbox in the real app: with the portal stopped, a
//! reply is kept and said so where it was written, shown in the
//! conversation as waiting and counted on the Outbox button; the portal
//! started again, "Send now" sends it once.

use crate::support;

use support::desktop::{APP_TIMEOUT, Desktop};
use support::{SHORT, launch_as_dana};
use test_support::PortalProcess;

#[test]
fn a_reply_written_while_the_portal_is_down_waits_in_the_outbox_and_is_sent_once() {
    let mut portal = PortalProcess::demo();
    let mut desktop = Desktop::start_with("outbox", &[("PORTAL_DESK_TICKET_POLL_SECONDS", "600")]);
    let app = launch_as_dana(&desktop, portal.url());
    app.click_on("#screen-tickets");
    app.click_on(".ticket-row[data-number=\"1234\"]");
    app.wait_for_text("#ticket-title", APP_TIMEOUT, |text| {
        text.starts_with("#1234 ")
    });

    portal.stop();
    app.fill("#reply-text", "Written on the train.");
    app.click_on("#reply-send");
    let notice = app.wait_for_text("#ticket-notice", APP_TIMEOUT, |text| !text.is_empty());
    assert_eq!(
        notice,
        format!(
            "Saved in the outbox: it will be sent when {} is reachable.",
            portal.url()
        )
    );
    app.wait_for_text(".comment.waiting .comment-text", SHORT, |text| {
        text == "Written on the train."
    });
    assert_eq!(
        app.value_of("#reply-text"),
        "",
        "the text went into the outbox"
    );
    app.wait_for_text("#outbox-count", SHORT, |text| text == "1");
    desktop.screenshot("reply-waiting");

    app.click_on("#toggle-outbox");
    app.wait_for_text("#outbox-items .outbox-item", SHORT, |text| {
        text.contains("Reply to ticket #1234") && text.contains("Waiting to send")
    });
    app.click_on("#outbox-send");
    app.wait_for_text("#outbox-status", APP_TIMEOUT, |text| {
        text.starts_with("Not sent yet:")
    });
    desktop.screenshot("outbox-offline");

    portal.restart();
    app.click_on("#outbox-send");
    app.wait_for_text("#outbox-status", APP_TIMEOUT, |text| {
        text == "1 change was sent."
    });
    assert!(!app.exists("#outbox-items .outbox-item"));
    app.wait_for_text(
        ".comment.mine:not(.waiting):last-of-type .comment-text",
        APP_TIMEOUT,
        |text| text == "Written on the train.",
    );
    assert!(!app.exists(".comment.waiting"));
    desktop.screenshot("outbox-sent");
    let db = rusqlite::Connection::open(portal.db_path()).unwrap();
    let sent: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'Written on the train.'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(sent, 1);

    // Signing out with a change waiting asks: kept, it is there after the
    // next sign-in; discarded (confirmed), it is gone.
    portal.stop();
    app.fill("#reply-text", "Kept for next time.");
    app.click_on("#reply-send");
    app.wait_for_text("#outbox-count", APP_TIMEOUT, |text| text == "1");
    for (choice, after) in [("#signout-keep", "1"), ("#signout-discard", "")] {
        app.click_on("#sign-out");
        app.wait_for("#signout-question", SHORT);
        if choice == "#signout-discard" {
            app.click_on(choice);
            app.wait_for_text("#signout-ask", SHORT, |text| {
                text == "Discard 1 change for good? It is never sent."
            });
            desktop.screenshot("sign-out-discard");
            app.click_on("#signout-discard-confirm");
        } else {
            desktop.screenshot("sign-out-asks");
            app.click_on(choice);
        }
        app.wait_for("#sign-in", APP_TIMEOUT);
        portal.restart();
        support::sign_in(&app, portal.url(), support::DANA, support::DEMO_PASSWORD);
        app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
            name == "Dana Whitfield"
        });
        if after.is_empty() {
            assert_eq!(kept_in_outbox(&desktop), 0, "discarded: nothing waits");
            assert!(!app.exists("#outbox-count"));
        } else {
            app.wait_for_text("#outbox-count", APP_TIMEOUT, |text| text == after);
        }
        portal.stop();
    }
    portal.restart();
    let db = rusqlite::Connection::open(portal.db_path()).unwrap();
    let kept: i64 = db
        .query_row(
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'Kept for next time.'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(kept, 0, "nothing was sent of what was discarded");
}

/// Changes in the app's outboxes, read from the accounts' stores.
fn kept_in_outbox(desktop: &Desktop) -> i64 {
    let accounts = desktop.home().join("data/accounts");
    std::fs::read_dir(&accounts)
        .unwrap()
        .flatten()
        .map(|account| {
            let db = rusqlite::Connection::open(account.path().join("store.sqlite")).unwrap();
            db.query_row("SELECT COUNT(*) FROM outbox", [], |row| {
                row.get::<_, i64>(0)
            })
            .unwrap()
        })
        .sum()
}

#[test]
fn a_phone_changed_offline_meets_a_newer_one_side_by_side_and_mine_is_kept() {
    let mut portal = PortalProcess::demo();
    let mut desktop = Desktop::start_with(
        "outbox-profile",
        &[("PORTAL_DESK_TICKET_POLL_SECONDS", "600")],
    );
    let app = launch_as_dana(&desktop, portal.url());
    app.wait_until_gone("#synced", APP_TIMEOUT);

    portal.stop();
    app.fill("#field-mobile_phone", "+44 7700 900555");
    app.click_on("#save-changes");
    let said = app.wait_for_text("#save-status", APP_TIMEOUT, |text| !text.is_empty());
    assert!(said.starts_with("Saved in the outbox"), "{said}");
    app.wait_for("#waiting-mobile_phone", SHORT);
    assert_eq!(app.value_of("#field-mobile_phone"), "+44 7700 900555");
    assert!(!app.exists("#waiting-office_phone"));
    desktop.screenshot("phone-waiting");

    // Meanwhile the same phone is changed elsewhere.
    portal.restart();
    let elsewhere = support::portal_view::PortalView::sign_in(
        portal.url(),
        support::DANA,
        support::DEMO_PASSWORD,
    );
    elsewhere.patch_profile(&serde_json::json!({ "mobile_phone": "+44 7700 900999" }));

    app.click_on("#toggle-outbox");
    app.click_on("#outbox-send");
    app.wait_for_text("#outbox-status", APP_TIMEOUT, |text| {
        text.ends_with("change needs you; see below.")
    });
    app.click_on("#tab-my-details");
    app.wait_for("#conflict-panel", APP_TIMEOUT);
    let row = app.text_of("#conflict-panel tr[data-field=\"mobile_phone\"]");
    assert!(
        row.contains("+44 7700 900555") && row.contains("+44 7700 900999"),
        "mine and theirs side by side: {row}"
    );
    desktop.screenshot("phone-conflict");
    app.click_on("#keep-mine");
    app.wait_for_text("#save-status", APP_TIMEOUT, |text| {
        text == "Your changes were saved on the newer version."
    });
    assert_eq!(app.value_of("#field-mobile_phone"), "+44 7700 900555");
    assert!(!app.exists("#waiting-mobile_phone"));
    let on_portal = elsewhere.json("/api/v1/me");
    assert_eq!(on_portal["mobile_phone"], "+44 7700 900555");
}
