//! End to end, the outbox in the real app: with the portal stopped, a
//! reply is kept and said so where it was written, shown in the
//! conversation as waiting and counted on the Outbox button; the portal
//! started again, "Send now" sends it once.

use crate::support;

use support::accessibility::check_accessibility;

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
    check_accessibility(&app, "the Outbox panel offline");
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
            check_accessibility(&app, "the sign-out question with changes waiting");
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
    let said = app.wait_for_text("#save-status", APP_TIMEOUT, |text| {
        !text.is_empty() && text != "Saving…"
    });
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
    check_accessibility(&app, "My Details: a waiting change side by side");
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

/// The titles the Outbox panel lists, in order.
fn outbox_titles(app: &support::webdriver::WebDriver) -> Vec<String> {
    app.texts_of_all("#outbox-items .outbox-title strong")
}

/// A day offline: with the portal stopped, a phone edit, a settings
/// change, a reply with a file, a new ticket and a role change all wait in
/// the outbox, survive a restart of the app, and go once each when the
/// portal is back; the phone, changed meanwhile through pdesk, is settled
/// side by side.
#[test]
fn five_kinds_of_change_made_offline_survive_a_restart_and_go_once_each() {
    let mut portal = PortalProcess::demo();
    let mut desktop =
        Desktop::start_with("outbox-day", &[("PORTAL_DESK_TICKET_POLL_SECONDS", "600")]);
    let app = launch_as_dana(&desktop, portal.url());
    app.wait_until_gone("#synced", APP_TIMEOUT);
    // What the changes are made on, synced while online.
    app.click_on("#tab-settings");
    app.wait_for("#settings-form", APP_TIMEOUT);
    app.click_on("#screen-contacts");
    app.click_on("#contacts-organization option[value=\"2\"]");
    app.wait_for("#contacts-table.direct", APP_TIMEOUT);
    app.click_on("#screen-tickets");
    app.click_on(".ticket-row[data-number=\"1234\"]");
    app.wait_for_text("#ticket-title", APP_TIMEOUT, |text| {
        text.starts_with("#1234 ")
    });

    portal.stop();
    // 1. A reply with a file.
    let picked = desktop.home().join("train notes.txt");
    std::fs::write(&picked, "platform 4, 08:12: the badge reader beeps red\n").unwrap();
    app.click_on("#reply-attach");
    desktop.answer_file_dialog("Attach files", &picked);
    app.wait_for_text("#reply-files-summary", SHORT, |text| {
        text.starts_with("1 file")
    });
    app.fill("#reply-text", "Notes from the train.");
    app.click_on("#reply-send");
    app.wait_for_text("#ticket-notice", APP_TIMEOUT, |text| {
        text.starts_with("Saved in the outbox")
    });
    // The file changes on disk later: what was picked is what is sent.
    std::fs::write(&picked, "rewritten after queueing").unwrap();
    // 2. A new ticket.
    app.click_on("#new-ticket");
    app.fill("#new-ticket-subject", "Badge reader at gate 2");
    app.fill("#new-ticket-text", "It beeps red for everyone since 8:00.");
    app.click_on("#new-ticket-send");
    app.wait_for_text("#ticket-notice", APP_TIMEOUT, |text| {
        text.starts_with("Saved in the outbox")
    });
    // 3. A role for Sofia (direct policy).
    app.click_on("#screen-contacts");
    app.wait_for("#contacts-offline", APP_TIMEOUT);
    app.click_on(
        "tr.contact-row[data-email=\"sofia@example.com\"] select.role-select option[value=\"Notifications\"]",
    );
    app.click_on("#contacts-send");
    app.wait_for_text("#contacts-notice", APP_TIMEOUT, |text| {
        text.starts_with("Saved in the outbox")
    });
    // 4. The phone.
    app.click_on("#screen-profile");
    app.click_on("#tab-my-details");
    app.fill("#field-mobile_phone", "+44 7700 900555");
    app.click_on("#save-changes");
    app.wait_for_text("#save-status", APP_TIMEOUT, |text| {
        text.starts_with("Saved in the outbox")
    });
    // 5. The digest.
    app.click_on("#tab-settings");
    app.click_on("#frequency-weekly");
    app.click_on("#settings-save");
    app.wait_for_text("#settings-status", APP_TIMEOUT, |text| {
        text.starts_with("Saved in the outbox")
    });
    app.wait_for("#settings-waiting", SHORT);
    app.wait_for_text("#outbox-count", SHORT, |text| text == "5");
    desktop.screenshot("five-waiting");
    app.quit();

    // Started again, still offline: all five are there.
    let app = desktop.launch_app();
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| {
        name == "Dana Whitfield"
    });
    app.wait_for_text("#outbox-count", APP_TIMEOUT, |text| text == "5");
    app.click_on("#toggle-outbox");
    app.wait_for("#outbox-items .outbox-item", SHORT);
    assert_eq!(
        outbox_titles(&app),
        [
            "Reply to ticket #1234",
            "New ticket \u{201c}Badge reader at gate 2\u{201d}",
            "2 contact changes",
            "Changes to My Details",
            "Changes to Settings",
        ]
    );
    desktop.screenshot("five-after-restart");

    // The portal is back; meanwhile the same phone was changed in pdesk.
    portal.restart();
    let pdesk = support::pdesk::Pdesk::beside(&desktop);
    pdesk.login(portal.url(), support::DANA, support::DEMO_PASSWORD);
    pdesk.run(
        &["profile", "set", "--mobile-phone", "+44 7700 900999"],
        None,
    );
    app.click_on("#outbox-send");
    let status = app.wait_for_text("#outbox-status", APP_TIMEOUT, |text| {
        text.starts_with("4 changes were sent.")
    });
    assert!(
        status.contains("1 change needs you")
            && status.contains(
                "\u{201c}train notes.txt\u{201d} changed after it was queued; the copy taken then was sent."
            ),
        "{status}"
    );
    assert_eq!(outbox_titles(&app), ["Changes to My Details"]);
    desktop.screenshot("four-sent");

    // On the portal: each once.
    let db = rusqlite::Connection::open(portal.db_path()).unwrap();
    let count = |sql: &str| -> i64 { db.query_row(sql, [], |row| row.get(0)).unwrap() };
    assert_eq!(
        count("SELECT COUNT(*) FROM ticket_comments WHERE body = 'Notes from the train.'"),
        1
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM tickets WHERE subject = 'Badge reader at gate 2'"),
        1
    );
    let server = support::portal_view::PortalView::sign_in(
        portal.url(),
        support::DANA,
        support::DEMO_PASSWORD,
    );
    let reply = server.last_comment(1234);
    assert_eq!(reply["text"], "Notes from the train.");
    assert_eq!(reply["attachments"][0]["name"], "train notes.txt");
    assert_eq!(
        reply["attachments"][0]["size"],
        "platform 4, 08:12: the badge reader beeps red\n".len(),
        "the copy kept when queued was sent"
    );
    assert_eq!(
        server.json("/api/v1/me/settings")["digest"]["frequency"],
        "weekly"
    );
    let contoso = server.json("/api/v1/organizations/2/contacts");
    let sofia = contoso["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|contact| contact["email"] == "sofia@example.com")
        .unwrap()
        .clone();
    assert_eq!(sofia["roles"], serde_json::json!(["Notifications"]));

    // The phone: mine and theirs side by side; mine is kept.
    app.click_on("#screen-profile");
    app.click_on("#tab-my-details");
    app.wait_for("#conflict-panel", APP_TIMEOUT);
    let row = app.text_of("#conflict-panel tr[data-field=\"mobile_phone\"]");
    assert!(
        row.contains("+44 7700 900555") && row.contains("+44 7700 900999"),
        "{row}"
    );
    desktop.screenshot("phone-both");
    app.click_on("#keep-mine");
    app.wait_for_text("#save-status", APP_TIMEOUT, |text| {
        text == "Your changes were saved on the newer version."
    });
    assert_eq!(server.json("/api/v1/me")["mobile_phone"], "+44 7700 900555");
    assert_eq!(kept_in_outbox(&desktop), 0, "the outbox is empty");
    app.wait_for_text("#outbox-count", APP_TIMEOUT, |text| text == "0");
    desktop.screenshot("outbox-empty");
    app.quit();
}

/// The app is killed while a waiting reply is on its way (the portal gets
/// it, the answer never comes back); started again, it sends the reply
/// again under the same key, and the portal keeps one.
#[test]
fn an_app_killed_while_a_change_is_on_the_way_sends_it_once_after_a_restart() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};

    let portal = PortalProcess::demo();
    let proxy = test_support::FaultProxy::start(portal.url());
    let address = proxy.url().to_owned();
    let desktop = Desktop::start_with("outbox-kill", &[("PORTAL_DESK_TICKET_POLL_SECONDS", "2")]);
    let app = launch_as_dana(&desktop, &address);
    app.click_on("#screen-tickets");
    app.click_on(".ticket-row[data-number=\"1234\"]");
    app.wait_for_text("#ticket-title", APP_TIMEOUT, |text| {
        text.starts_with("#1234 ")
    });
    // The portal cannot be reached: the reply waits.
    drop(proxy);
    app.fill("#reply-text", "Sent exactly once.");
    app.click_on("#reply-send");
    app.wait_for_text("#ticket-notice", APP_TIMEOUT, |text| {
        text.starts_with("Saved in the outbox")
    });
    app.quit();

    // Back; the app is started directly, and killed the moment its reply
    // reaches the portal, before any answer.
    let proxy = test_support::FaultProxy::start_at(&address, portal.url());
    let running = Arc::new(Mutex::new(None::<std::process::Child>));
    let killed = Arc::new(AtomicBool::new(false));
    {
        let running = running.clone();
        let killed = killed.clone();
        proxy.before_api_request(move |path| {
            if path.starts_with("/api/v1/tickets/1234/comments")
                && !killed.swap(true, Ordering::SeqCst)
                && let Some(mut app) = running.lock().unwrap().take()
            {
                let _ = app.kill();
                let _ = app.wait();
            }
        });
    }
    let start = || {
        desktop
            .app_command()
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    *running.lock().unwrap() = Some(start());
    let comments = || -> i64 {
        rusqlite::Connection::open(portal.db_path())
            .unwrap()
            .query_row(
                "SELECT COUNT(*) FROM ticket_comments WHERE body = 'Sent exactly once.'",
                [],
                |row| row.get(0),
            )
            .unwrap()
    };
    wait_until("the portal got the reply and the app was killed", || {
        killed.load(Ordering::SeqCst) && comments() == 1
    });
    assert_eq!(
        kept_in_outbox(&desktop),
        1,
        "no answer came: it still waits"
    );

    let mut again = start();
    wait_until("the restarted app emptied its outbox", || {
        kept_in_outbox(&desktop) == 0
    });
    let _ = again.kill();
    let _ = again.wait();
    assert_eq!(comments(), 1, "sent exactly once");
    // The proxy records a request once its answer is passed back: the
    // first send's never was (the app was gone). The restart's send was
    // answered as a success, and the portal still holds one reply: it was
    // the first one's answer, replayed.
    let answered = proxy.api_requests_to("/api/v1/tickets/1234/comments");
    assert_eq!(answered.len(), 1, "{answered:?}");
    assert!(answered[0].status < 300, "{answered:?}");
}

/// Waits (up to two minutes) until `done`, checking twice a second.
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !done() {
        assert!(std::time::Instant::now() < deadline, "timed out: {what}");
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
}

/// Settings saved offline meet settings changed elsewhere meanwhile: the
/// Settings tab shows each differing setting side by side and saves the
/// user's pick of each.
#[test]
fn settings_saved_offline_are_settled_setting_by_setting() {
    let mut portal = PortalProcess::demo();
    let mut desktop = Desktop::start_with(
        "outbox-settings",
        &[("PORTAL_DESK_TICKET_POLL_SECONDS", "600")],
    );
    let app = launch_as_dana(&desktop, portal.url());
    app.click_on("#tab-settings");
    app.wait_for("#settings-form", APP_TIMEOUT);

    portal.stop();
    app.click_on("#frequency-weekly");
    app.click_on("#format-ticket_bracket_prefix");
    app.click_on("#settings-save");
    app.wait_for("#settings-waiting", APP_TIMEOUT);

    // Meanwhile, elsewhere: the digest stays daily but promotions go on.
    portal.restart();
    let pdesk = support::pdesk::Pdesk::beside(&desktop);
    pdesk.login(portal.url(), support::DANA, support::DEMO_PASSWORD);
    pdesk.run(&["settings", "set", "--promotions", "on"], None);
    app.click_on("#toggle-outbox");
    app.click_on("#outbox-send");
    app.wait_for_text("#outbox-status", APP_TIMEOUT, |text| {
        text.ends_with("change needs you; see below.")
    });
    app.wait_for_text("#outbox-items .state-line", SHORT, |text| {
        text == "Changed on the portal meanwhile. Choose, setting by setting, in My Profile \u{2192} Settings."
    });
    app.click_on("#close-outbox");
    app.click_on("#tab-my-details");
    app.click_on("#tab-settings");
    app.wait_for("#settings-conflict", APP_TIMEOUT);
    let rows = app.texts_of_all("#settings-conflict tbody tr th");
    assert_eq!(
        rows,
        [
            "Attachment file name format",
            "E-mail: Promotions and offers",
            "Digest frequency"
        ]
    );
    check_accessibility(&app, "Settings: waiting settings side by side");
    desktop.screenshot("settings-side-by-side");
    // Mine for the format and the digest; theirs for promotions.
    app.click_on("#pick-theirs-email-promotions");
    app.click_on("#settings-keep-chosen");
    app.wait_for_text("#settings-status", APP_TIMEOUT, |text| {
        text == "Your choices were saved on the newer version."
    });
    assert!(!app.exists("#settings-conflict"));
    let server = support::portal_view::PortalView::sign_in(
        portal.url(),
        support::DANA,
        support::DEMO_PASSWORD,
    );
    let settings = server.json("/api/v1/me/settings");
    assert_eq!(settings["digest"]["frequency"], "weekly");
    assert_eq!(settings["attachment_name_format"], "ticket_bracket_prefix");
    assert_eq!(settings["email"]["promotions"], true);
    desktop.screenshot("settings-settled");
    app.quit();
}
