//! The outbox through the client core, against the reference portal as a
//! process that is stopped and started again: changes made while it is
//! down are kept (surviving a restart of the core), sent in order once it
//! is back, each exactly once, a stale one held as a conflict, a refused one
//! held for editing, and a file changed or lost after queueing handled.

use portal_api::contacts::{ContactChange, NewContact};
use portal_api::profile::ProfileUpdate;
use portal_api::settings::{DigestFrequency, SettingsUpdate};
use portal_client::outbox::{KeptFile, OutboxChange, OutboxState};
use portal_client::{Core, Secret, Session};
use serde_json::json;
use test_support::{PASSWORD, PortalProcess};

fn fixtures() -> String {
    json!({
        "organizations": [
            { "name": "Acme Corp", "policy": "review", "roles": [
                { "name": "Management", "description": "Runs things.", "grants": ["manage_contacts"] }
            ] }
        ],
        "users": [
            { "email": "ada@example.com", "password": PASSWORD, "first_name": "Ada", "last_name": "Lovelace",
              "company": "Acme Corp",
              "memberships": [ { "organization": "Acme Corp", "roles": ["Management"] } ] }
        ],
        "tickets": [
            { "number": 501, "subject": "Printer on fire", "status": "open", "requester": "ada@example.com",
              "comments": [{ "author": "ada@example.com", "at": "2026-11-01T09:00:00Z", "text": "Smoke." }] }
        ]
    })
    .to_string()
}

async fn signed_in(core: &Core, portal: &PortalProcess) -> Session {
    core.sign_in(portal.url(), "ada@example.com", Secret::new(PASSWORD))
        .await
        .unwrap()
        .signed_in()
        .unwrap()
        .session
}

fn count(portal: &PortalProcess, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(portal.db_path()).unwrap();
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

#[tokio::test]
async fn changes_made_offline_are_kept_and_sent_once_in_order_when_the_portal_is_back() {
    test_support::use_private_keyring();
    let mut portal = PortalProcess::spawn(&fixtures());
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    let session = signed_in(&core, &portal).await;
    let (_, profile_version) = session.profile().await.unwrap();
    let (settings, settings_version) = session.settings().await.unwrap();
    let (_, contacts_version) = session.contacts(1).await.unwrap();

    portal.stop();
    let phone = ProfileUpdate {
        mobile_phone: Some("+44 7700 900123".into()),
        ..ProfileUpdate::default()
    };
    let offline = session
        .update_profile(&phone, &profile_version)
        .await
        .unwrap_err();
    assert!(offline.is_offline(), "{offline:?}");

    let log = files.path().join("export.log");
    std::fs::write(&log, "the log as it was").unwrap();
    let mut weekly = SettingsUpdate {
        attachment_name_format: settings.attachment_name_format,
        email: settings.email.clone(),
        digest: settings.digest.clone(),
    };
    weekly.digest.frequency = DigestFrequency::Weekly;
    let changes = [
        OutboxChange::Profile {
            update: phone.clone(),
            based_on: profile_version.clone(),
        },
        OutboxChange::Settings {
            update: weekly,
            based_on: settings_version,
        },
        OutboxChange::Reply {
            number: 501,
            message: "Written on a train.".into(),
            files: vec![KeptFile::picked(&log)],
            reopen: false,
        },
        OutboxChange::NewTicket {
            subject: "Toner is out".into(),
            message: "Also from the train.".into(),
            organization_id: None,
            files: Vec::new(),
        },
        OutboxChange::ContactChanges {
            organization_id: 1,
            changes: vec![ContactChange::AddContact {
                details: NewContact {
                    email: "nia@example.com".into(),
                    first_name: "Nia".into(),
                    last_name: "Okafor".into(),
                    office_phone: None,
                    mobile_phone: None,
                },
                roles: vec!["Management".into()],
                customers: Vec::new(),
            }],
            based_on: contacts_version,
        },
    ];
    for change in changes {
        session.queue(change).unwrap();
    }
    // The file changes after it was queued: the copy taken then is sent.
    std::fs::write(&log, "the log, rewritten later").unwrap();
    drop(session);

    // The outbox outlives the app: a new core finds all five.
    let core = Core::under(home.path());
    let session = core.resume().await.unwrap();
    let waiting = session.outbox().unwrap();
    assert_eq!(
        waiting
            .iter()
            .map(|item| item.change.title())
            .collect::<Vec<_>>(),
        [
            "Changes to My Details",
            "Changes to Settings",
            "Reply to ticket #501",
            "New ticket \u{201c}Toner is out\u{201d}",
            "1 contact change",
        ]
    );
    assert!(
        waiting
            .iter()
            .all(|item| item.state == OutboxState::Waiting)
    );
    let still_offline = session.send_outbox().await.unwrap();
    assert!(still_offline.sent.is_empty());
    assert!(still_offline.stopped.as_ref().unwrap().is_offline());
    assert_eq!(session.outbox().unwrap().len(), 5);

    // The portal is back; meanwhile someone changed the same phone.
    portal.restart();
    let elsewhere = Core::under(tempfile::tempdir().unwrap().path());
    let other = signed_in(&elsewhere, &portal).await;
    let (_, now) = other.profile().await.unwrap();
    other
        .update_profile(
            &ProfileUpdate {
                mobile_phone: Some("+44 7700 900999".into()),
                ..ProfileUpdate::default()
            },
            &now,
        )
        .await
        .unwrap();

    let round = session.send_outbox().await.unwrap();
    assert!(round.stopped.is_none(), "{:?}", round.stopped);
    assert_eq!(round.sent.len(), 4, "held: {:?}", round.held);
    assert_eq!(
        round
            .sent
            .iter()
            .map(|sent| sent.title.as_str())
            .collect::<Vec<_>>(),
        [
            "Changes to Settings",
            "Reply to ticket #501",
            "New ticket \u{201c}Toner is out\u{201d}",
            "1 contact change",
        ]
    );
    assert_eq!(
        round.sent[1].notes,
        ["\u{201c}export.log\u{201d} changed after it was queued; the copy taken then was sent."]
    );
    assert_eq!(round.held.len(), 1);
    assert!(
        matches!(round.held[0].state, OutboxState::Conflict { .. }),
        "{:?}",
        round.held[0]
    );
    // On the portal: each once, the kept copy's bytes sent.
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'Written on a train.'"
        ),
        1
    );
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM ticket_attachments WHERE name = 'export.log' AND size = 17"
        ),
        1
    );
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM tickets WHERE subject = 'Toner is out'"
        ),
        1
    );
    assert_eq!(
        count(&portal, "SELECT COUNT(*) FROM contact_change_requests"),
        1
    );
    let (settings, _) = session.settings().await.unwrap();
    assert_eq!(settings.digest.frequency, DigestFrequency::Weekly);

    // "Mine": the change made again on the current version goes through.
    let held = &round.held[0];
    let (_, current) = session.profile().await.unwrap();
    session
        .edit_outbox_item(
            held.id,
            OutboxChange::Profile {
                update: phone,
                based_on: current,
            },
        )
        .unwrap();
    let last = session.send_outbox().await.unwrap();
    assert_eq!(last.sent.len(), 1);
    assert!(session.outbox().unwrap().is_empty());
    let (profile, _) = session.profile().await.unwrap();
    assert_eq!(profile.mobile_phone.as_deref(), Some("+44 7700 900123"));
    let kept = home.path().join("data/accounts");
    assert!(
        test_support::files_containing(&kept, "the log as it was").is_empty(),
        "no copy is left once sent"
    );
}

#[tokio::test]
async fn a_change_whose_answer_was_lost_is_done_once() {
    test_support::use_private_keyring();
    let portal = PortalProcess::spawn(&fixtures());
    let home = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    let session = signed_in(&core, &portal).await;
    let item = session
        .queue(OutboxChange::Reply {
            number: 501,
            message: "Sent once, answered once.".into(),
            files: Vec::new(),
            reopen: false,
        })
        .unwrap();
    // The first send reached the portal, but the app died before it heard
    // the answer: the item is still in the outbox.
    portal_client::idempotency::with_key(
        &item.idempotency_key,
        session.reply_to_ticket(501, "Sent once, answered once.", &[], None),
    )
    .await
    .unwrap();
    let round = session.send_outbox().await.unwrap();
    assert_eq!(round.sent.len(), 1);
    assert!(session.outbox().unwrap().is_empty());
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'Sent once, answered once.'"
        ),
        1
    );
}

#[tokio::test]
async fn bad_changes_are_held_with_a_reason_and_nothing_half_kept() {
    test_support::use_private_keyring();
    let portal = PortalProcess::spawn(&fixtures());
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    let session = signed_in(&core, &portal).await;

    // A file that is not there: nothing is queued, and the error says so.
    let missing = session
        .queue(OutboxChange::Reply {
            number: 501,
            message: "With a file that is gone.".into(),
            files: vec![KeptFile::picked(files.path().join("gone.pdf"))],
            reopen: false,
        })
        .unwrap_err();
    assert!(missing.to_string().contains("gone.pdf"), "{missing}");
    assert!(session.outbox().unwrap().is_empty());

    // The kept copy lost (a cleaner tool, a damaged disk): held, not sent.
    let notes = files.path().join("notes.txt");
    std::fs::write(&notes, "notes, kept aside").unwrap();
    let lost = session
        .queue(OutboxChange::Reply {
            number: 501,
            message: "With notes.".into(),
            files: vec![KeptFile::picked(&notes)],
            reopen: false,
        })
        .unwrap();
    std::fs::remove_file(lost.change.files()[0].kept.as_ref().unwrap()).unwrap();

    // One the portal refuses: a subject longer than it takes.
    session
        .queue(OutboxChange::NewTicket {
            subject: "x".repeat(500),
            message: "Too long a subject.".into(),
            organization_id: None,
            files: Vec::new(),
        })
        .unwrap();
    // A ticket that does not exist.
    session
        .queue(OutboxChange::CancelTicket { number: 999 })
        .unwrap();

    let round = session.send_outbox().await.unwrap();
    assert!(round.sent.is_empty(), "{round:?}");
    let states: Vec<_> = round.held.iter().map(|item| &item.state).collect();
    assert_eq!(states.len(), 3, "{states:?}");
    match states[0] {
        OutboxState::Refused { message, fields } => {
            assert!(message.contains("notes.txt"), "{message}");
            assert!(fields.contains_key("attachments"));
        }
        other => panic!("{other:?}"),
    }
    match states[1] {
        OutboxState::Refused { fields, .. } => assert!(fields.contains_key("subject")),
        other => panic!("{other:?}"),
    }
    assert!(matches!(states[2], OutboxState::Refused { .. }));
    assert_eq!(session.outbox().unwrap().len(), 3, "kept for editing");
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'With notes.'"
        ),
        0
    );

    // Withdrawn, an item and its copies are gone.
    for item in session.outbox().unwrap() {
        session.drop_outbox_item(item.id).unwrap();
    }
    assert!(session.outbox().unwrap().is_empty());
    assert!(
        test_support::files_containing(&home.path().join("data"), "notes, kept aside").is_empty(),
        "no copy is left"
    );
}

#[tokio::test]
async fn a_reply_to_a_ticket_cancelled_meanwhile_is_held_then_raised_as_a_new_ticket() {
    test_support::use_private_keyring();
    let portal = PortalProcess::spawn(&fixtures());
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    let session = signed_in(&core, &portal).await;
    session.ticket(501).await.unwrap();
    let photo = files.path().join("burnt.txt");
    std::fs::write(&photo, "what is left of the printer").unwrap();
    let item = session
        .queue(OutboxChange::Reply {
            number: 501,
            message: "It is out, but the printer is gone.".into(),
            files: vec![KeptFile::picked(&photo)],
            reopen: false,
        })
        .unwrap();
    let conn = rusqlite::Connection::open(portal.db_path()).unwrap();
    conn.execute("UPDATE tickets SET status = 'cancelled' WHERE id = 501", [])
        .unwrap();

    let round = session.send_outbox().await.unwrap();
    assert!(round.sent.is_empty());
    match &round.held[0].state {
        OutboxState::Conflict { message } => {
            assert!(message.contains("was cancelled"), "{message}")
        }
        other => panic!("{other:?}"),
    }

    let again = session.reply_as_new_ticket(item.id).unwrap();
    assert_eq!(
        again.change.title(),
        "New ticket \u{201c}Follow-up to #501: Printer on fire\u{201d}"
    );
    let round = session.send_outbox().await.unwrap();
    assert_eq!(round.sent.len(), 1, "{:?}", round.held);
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM tickets WHERE subject = 'Follow-up to #501: Printer on fire'"
        ),
        1
    );
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM ticket_attachments WHERE name = 'burnt.txt'"
        ),
        1
    );
    assert!(session.outbox().unwrap().is_empty());
}

#[tokio::test]
async fn a_user_name_request_made_offline_keeps_its_password_in_the_keyring_only() {
    test_support::use_private_keyring();
    let mut portal = PortalProcess::spawn(&fixtures());
    let home = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    let session = signed_in(&core, &portal).await;
    session.profile().await.unwrap();
    let vault = portal_client::Vault::for_app();
    let entry_of = |item: &portal_client::outbox::OutboxItem| match &item.change {
        OutboxChange::UsernameChange { password_entry, .. } => password_entry.clone(),
        other => panic!("{other:?}"),
    };

    portal.stop();
    // One made with a mistyped password: the portal refuses it, and says why.
    let wrong = session
        .queue_username_change(
            "ada.l@example.com",
            &Secret::new("not the password"),
            "Typo",
        )
        .await
        .unwrap();
    let offline = session
        .request_username_change("ada.byron@example.com", &Secret::new(PASSWORD), "Married")
        .await
        .unwrap_err();
    assert!(offline.is_offline(), "{offline:?}");
    let item = session
        .queue_username_change("ada.byron@example.com", &Secret::new(PASSWORD), "Married")
        .await
        .unwrap();
    assert_eq!(
        item.change.title(),
        "Change the user name to ada.byron@example.com"
    );
    let entry = entry_of(&item);
    assert_eq!(
        vault.load(&entry).await.unwrap().unwrap().expose(),
        PASSWORD
    );
    assert!(
        test_support::files_containing(home.path(), PASSWORD).is_empty(),
        "the password is in no file"
    );

    portal.restart();
    let round = session.send_outbox().await.unwrap();
    assert_eq!(round.sent.len(), 1, "{round:?}");
    assert_eq!(
        round.sent[0].title,
        "Change the user name to ada.byron@example.com"
    );
    let (profile, _) = session.profile().await.unwrap();
    assert_eq!(
        profile.pending_username_change.unwrap().new_email,
        "ada.byron@example.com"
    );
    assert!(
        vault.load(&entry).await.unwrap().is_none(),
        "sent, forgotten"
    );
    match &round.held[0].state {
        OutboxState::Refused { message, fields } => {
            assert!(
                fields.contains_key("current_password"),
                "{message} {fields:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    let wrong_entry = entry_of(&wrong);
    assert!(vault.load(&wrong_entry).await.unwrap().is_some());
    session.drop_outbox_item(wrong.id).unwrap();
    assert!(
        vault.load(&wrong_entry).await.unwrap().is_none(),
        "withdrawn, forgotten"
    );

    // An account removed with its data takes its waiting secrets along.
    portal.stop();
    let waiting = session
        .queue_username_change("ada.k@example.com", &Secret::new(PASSWORD), "Again")
        .await
        .unwrap();
    // As the app does: the session (and its open store) goes first, so
    // Windows lets the account's folder be deleted.
    let account = session.account();
    drop(session);
    core.remove_account(&account, true).await.unwrap();
    assert!(vault.load(&entry_of(&waiting)).await.unwrap().is_none());
}

#[tokio::test]
async fn what_waits_outlives_an_ended_session_and_a_removal_that_kept_the_data() {
    test_support::use_private_keyring();
    let mut portal = PortalProcess::spawn(&fixtures());
    let home = tempfile::tempdir().unwrap();
    let core = Core::under(home.path());
    let session = signed_in(&core, &portal).await;
    portal.stop();
    session
        .queue(OutboxChange::Reply {
            number: 501,
            message: "Sent after signing in again.".into(),
            files: Vec::new(),
            reopen: false,
        })
        .unwrap();

    // The app quits; while the portal was down, the password was changed
    // elsewhere, which ended this session. Started again, the app finds
    // the session kept here refused: sending stops and keeps the item.
    drop(session);
    let session = core.resume().await.unwrap();
    portal.restart();
    // Another computer: its own folders and keyring entries.
    let other_home = tempfile::tempdir().unwrap();
    let elsewhere = Core::new(
        portal_client::AppDirs::under(other_home.path()),
        portal_client::Vault::new("another computer"),
    );
    signed_in(&elsewhere, &portal)
        .await
        .change_password(
            &Secret::new(PASSWORD),
            &Secret::new("a brand new passphrase 42"),
        )
        .await
        .unwrap();
    let round = session.send_outbox().await.unwrap();
    assert!(round.sent.is_empty(), "{round:?}");
    assert!(
        round.stopped.as_ref().unwrap().needs_sign_in(),
        "{:?}",
        round.stopped
    );
    assert_eq!(session.outbox().unwrap().len(), 1);

    // Removed from this computer with its data kept, then added again: the
    // item is there, and goes once.
    drop(session);
    let account = core.accounts().unwrap().current().unwrap().clone();
    core.remove_account(&account, false).await.unwrap();
    let again = core
        .sign_in(
            portal.url(),
            "ada@example.com",
            Secret::new("a brand new passphrase 42"),
        )
        .await
        .unwrap()
        .signed_in()
        .unwrap()
        .session;
    assert_eq!(again.account().id, account.id, "its data taken back");
    let round = again.send_outbox().await.unwrap();
    assert_eq!(round.sent.len(), 1, "{round:?}");
    assert_eq!(
        count(
            &portal,
            "SELECT COUNT(*) FROM ticket_comments WHERE body = 'Sent after signing in again.'"
        ),
        1
    );
}
