//! Tickets through the client core against the reference portal over
//! loopback: refresh with 304s and new-reply detection, unread markers,
//! offline copies, replies with streamed uploads and their failures
//! (too large, vanished, unreadable, changed on the way, closed or foreign
//! tickets), cancelling, drafts across sessions, and attachments saved in
//! the user's file-name format, hostile names included.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use portal_api::settings::AttachmentNameFormat;
use portal_api::tickets::{ATTACHMENT_MAX_BYTES, Ticket, TicketFilter, TicketStatus};
use portal_client::downloads::DownloadEvent;
use portal_client::safe_names::invariant_violations;
use portal_client::ticket_state::{Draft, reply_draft_key};
use portal_client::tickets::attachment_source;
use portal_client::uploads::{ATTACHMENTS_FIELD, UploadProgress};
use portal_client::{Core, Error, Secret, Session};
use test_support::{TestPortal, hostile_tickets_fixture, names_in, portal_api as vendor};
use tokio_util::sync::CancellationToken;

const DEMO: &str = portal_server::seed::DEMO_FIXTURES;
const DEMO_PASSWORD: &str = "demo-password";
const PASSWORD: &str = "correct horse battery staple";

async fn sign_in(portal: &TestPortal, home: &Path, email: &str, password: &str) -> Session {
    test_support::use_private_keyring();
    Core::under(home)
        .sign_in(portal.url(), email, Secret::new(password))
        .await
        .unwrap()
        .signed_in()
        .unwrap()
        .session
}

fn ignore(_: DownloadEvent) {}

fn comment_count(portal: &TestPortal) -> i64 {
    portal.query_i64("SELECT COUNT(*) FROM ticket_comments")
}

fn validation_code(error: &Error) -> String {
    match error {
        Error::Validation { fields, .. } => {
            assert_eq!(fields[0].field, ATTACHMENTS_FIELD);
            fields[0].code.clone()
        }
        other => panic!("not a validation error: {other:?}"),
    }
}

#[tokio::test]
async fn a_vendor_reply_is_news_once_and_unread_until_opened() {
    let portal = TestPortal::for_client(DEMO);
    let home = tempfile::tempdir().unwrap();
    let dana = sign_in(&portal, home.path(), "dana@example.com", DEMO_PASSWORD).await;
    let first = dana.refresh_tickets().await.unwrap();
    assert!(first.changed);
    assert_eq!(first.tickets.len(), 6);
    assert!(
        first.new_replies.is_empty(),
        "the first look is the baseline"
    );
    assert!(dana.unread_tickets(&first.tickets).unwrap().is_empty());

    let again = dana.refresh_tickets().await.unwrap();
    assert!(!again.changed, "an unchanged list is a 304");
    assert!(again.tickets.is_empty(), "the kept copy is not read");
    assert_eq!(dana.cached_tickets().unwrap().unwrap().value, first.tickets);

    let output = vendor::vendor_comment(
        portal.db_path(),
        1237,
        "Which API version do you call?",
        &[],
    );
    assert!(output.status.success(), "{output:?}");
    let news = dana.refresh_tickets().await.unwrap();
    assert!(news.changed);
    let numbers: Vec<i64> = news.new_replies.iter().map(|t| t.number).collect();
    assert_eq!(numbers, [1237]);
    assert_eq!(news.new_replies[0].status, TicketStatus::AwaitingCustomer);
    assert_eq!(dana.unread_tickets(&news.tickets).unwrap(), [1237]);
    assert!(
        dana.refresh_tickets().await.unwrap().new_replies.is_empty(),
        "news only once"
    );
    assert_eq!(
        dana.unread_tickets(&news.tickets).unwrap(),
        [1237],
        "still unread"
    );

    let ticket = dana.ticket(1237).await.unwrap();
    assert_eq!(
        ticket.comments.last().unwrap().text,
        "Which API version do you call?"
    );
    dana.mark_ticket_seen(&ticket.summary).unwrap();
    assert!(dana.unread_tickets(&news.tickets).unwrap().is_empty());
    assert_eq!(
        dana.ticket(1237).await.unwrap(),
        ticket,
        "a 304 answers the cached copy"
    );

    let awaiting = dana
        .search_tickets(&TicketFilter {
            statuses: vec![TicketStatus::AwaitingCustomer],
            ..TicketFilter::default()
        })
        .await
        .unwrap();
    let mut numbers: Vec<i64> = awaiting.iter().map(|t| t.number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, [1234, 1237, 1238]);
    drop(portal);
    let offline = dana.refresh_tickets().await.unwrap_err();
    assert!(offline.is_offline(), "{offline:?}");
    assert_eq!(dana.cached_tickets().unwrap().unwrap().value.len(), 6);
    assert_eq!(dana.cached_ticket(1237).unwrap().unwrap().value, ticket);
}

#[tokio::test]
async fn a_reply_streams_its_files_with_progress_and_arrives_whole() {
    let portal = TestPortal::for_client(DEMO);
    let home = tempfile::tempdir().unwrap();
    let dana = sign_in(&portal, home.path(), "dana@example.com", DEMO_PASSWORD).await;
    let files = tempfile::tempdir().unwrap();
    let log = files.path().join("tonight.log");
    std::fs::write(&log, "split jobs ran\n".repeat(200_000)).unwrap();
    let notes = files.path().join("naïve – notes.txt");
    std::fs::write(&notes, "two\n").unwrap();
    dana.save_draft(
        &reply_draft_key(1234),
        &Draft {
            text: "Both ran".into(),
            ..Draft::default()
        },
    )
    .unwrap();
    let seen: Arc<Mutex<Vec<UploadProgress>>> = Arc::default();
    let record = seen.clone();
    let ticket = dana
        .reply_to_ticket(
            1234,
            "Both split jobs ran twice.",
            &[log.clone(), notes.clone()],
            Some(Arc::new(move |progress| {
                record.lock().unwrap().push(progress)
            })),
        )
        .await
        .unwrap();
    let progress = seen.lock().unwrap().clone();
    let total = std::fs::metadata(&log).unwrap().len() + 4;
    assert_eq!(progress.first().unwrap().sent, 0);
    assert_eq!(
        *progress.last().unwrap(),
        UploadProgress { sent: total, total }
    );
    assert!(progress.windows(2).all(|pair| pair[0].sent <= pair[1].sent));
    assert!(
        progress.len() > 3,
        "progress while sending: {}",
        progress.len()
    );
    assert_eq!(ticket.summary.status, TicketStatus::Open);
    let reply = ticket.comments.last().unwrap();
    assert_eq!(reply.text, "Both split jobs ran twice.");
    let names: Vec<&str> = reply.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["tonight.log", "naïve – notes.txt"]);
    assert_eq!(reply.attachments[0].media_type, "text/plain");
    assert_eq!(
        dana.draft("reply:1234").unwrap(),
        None,
        "the sent draft is gone"
    );

    let folder = tempfile::tempdir().unwrap();
    let source = attachment_source(
        &ticket.summary,
        &reply.attachments[0],
        AttachmentNameFormat::FileName,
    );
    let saved = dana
        .save_download(&source, folder.path(), &CancellationToken::new(), &ignore)
        .await
        .unwrap();
    assert_eq!(
        std::fs::read(saved.path.unwrap()).unwrap(),
        std::fs::read(&log).unwrap()
    );
}

#[tokio::test]
async fn bad_attachments_are_refused_before_anything_is_posted() {
    let portal = TestPortal::for_client(DEMO);
    let home = tempfile::tempdir().unwrap();
    let dana = sign_in(&portal, home.path(), "dana@example.com", DEMO_PASSWORD).await;
    let files = tempfile::tempdir().unwrap();
    let comments = comment_count(&portal);

    let huge = files.path().join("huge.bin");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(ATTACHMENT_MAX_BYTES + 1)
        .unwrap();
    let error = dana
        .reply_to_ticket(1234, "big", &[huge], None)
        .await
        .unwrap_err();
    assert_eq!(validation_code(&error), "too_large");
    assert!(
        error.to_string().contains("at most 50 MB per file"),
        "{error}"
    );

    let picked = files.path().join("picked then deleted.pdf");
    std::fs::write(&picked, b"%PDF").unwrap();
    std::fs::remove_file(&picked).unwrap();
    let error = dana
        .reply_to_ticket(1234, "gone", &[picked], None)
        .await
        .unwrap_err();
    assert_eq!(validation_code(&error), "missing");
    assert!(
        error
            .to_string()
            .contains("“picked then deleted.pdf” is no longer at"),
        "{error}"
    );

    let (unreadable, _holder) = unreadable_file(files.path());
    let error = dana
        .reply_to_ticket(1234, "locked", &[unreadable], None)
        .await
        .unwrap_err();
    assert_eq!(validation_code(&error), "unreadable");
    assert!(error.to_string().contains("cannot be read"), "{error}");
    assert_eq!(comment_count(&portal), comments, "nothing was posted");
}

/// A file the system refuses to read for this user; what it returns is kept
/// alive for as long as the file must stay unreadable.
#[cfg(unix)]
fn unreadable_file(folder: &Path) -> (PathBuf, Option<std::fs::File>) {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        // Permission bits do not stop root; sysfs refuses to read
        // write-only attributes to everyone.
        let candidate = PathBuf::from("/sys/bus/pci/rescan");
        assert!(
            candidate.is_file(),
            "running as root, this test needs a write-only sysfs file such as {}",
            candidate.display()
        );
        (candidate, None)
    } else {
        use std::os::unix::fs::PermissionsExt;
        let path = folder.join("locked.txt");
        std::fs::write(&path, b"secret").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        (path, None)
    }
}

/// The Windows twin: a file another program holds open without sharing it
/// (as office programs do with the document they edit), which Windows
/// refuses to open for anyone else while that handle lives.
#[cfg(windows)]
fn unreadable_file(folder: &Path) -> (PathBuf, Option<std::fs::File>) {
    use std::os::windows::fs::OpenOptionsExt;
    let path = folder.join("locked.txt");
    std::fs::write(&path, b"secret").unwrap();
    let holder = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .share_mode(0)
        .open(&path)
        .unwrap();
    (path, Some(holder))
}

#[tokio::test]
async fn a_file_that_changes_while_it_is_sent_leaves_no_half_comment() {
    let portal = TestPortal::for_client(DEMO);
    let home = tempfile::tempdir().unwrap();
    let dana = sign_in(&portal, home.path(), "dana@example.com", DEMO_PASSWORD).await;
    let files = tempfile::tempdir().unwrap();
    let first = files.path().join("complete.txt");
    std::fs::write(&first, b"this one is whole").unwrap();
    let shrinking = files.path().join("capture.bin");
    std::fs::write(&shrinking, vec![9u8; 8 * 1024 * 1024]).unwrap();
    let comments = comment_count(&portal);
    let truncate = shrinking.clone();
    let error = dana
        .reply_to_ticket(
            1234,
            "two files",
            &[first, shrinking],
            Some(Arc::new(move |progress: UploadProgress| {
                // Another program rewrites the capture once sending began.
                if progress.sent > 1024 * 1024 {
                    let _ = std::fs::OpenOptions::new()
                        .write(true)
                        .open(&truncate)
                        .and_then(|file| file.set_len(1024));
                }
            })),
        )
        .await
        .unwrap_err();
    assert_eq!(validation_code(&error), "changed", "{error}");
    assert!(
        error
            .to_string()
            .contains("“capture.bin” changed while it was being sent; nothing was posted")
    );
    portal.wait_until_idle(std::time::Duration::from_secs(30));
    assert_eq!(
        comment_count(&portal),
        comments,
        "no half comment on the portal"
    );
    assert_eq!(
        portal.query_i64("SELECT COUNT(*) FROM ticket_attachments WHERE name = 'complete.txt'"),
        0
    );
}

#[tokio::test]
async fn closed_and_foreign_tickets_refuse_replies_and_cancels_with_the_reason() {
    let portal = TestPortal::for_client(DEMO);
    let home = tempfile::tempdir().unwrap();
    let dana = sign_in(&portal, home.path(), "dana@example.com", DEMO_PASSWORD).await;
    let cancelled = dana.cancel_ticket(1235).await.unwrap();
    assert_eq!(cancelled.summary.status, TicketStatus::Cancelled);
    let twice = dana.cancel_ticket(1235).await.unwrap_err();
    assert_eq!(twice.to_string(), "Request #1235 was cancelled already.");
    let support = dana.cancel_ticket(1234).await.unwrap_err();
    assert!(
        support.to_string().contains("is a support ticket"),
        "{support}"
    );

    let files = tempfile::tempdir().unwrap();
    let note = files.path().join("note.txt");
    std::fs::write(&note, b"late").unwrap();
    let closed = dana
        .reply_to_ticket(1235, "one more thing", std::slice::from_ref(&note), None)
        .await
        .unwrap_err();
    assert!(
        closed
            .to_string()
            .contains("was cancelled, so it takes no more comments"),
        "{closed}"
    );
    match &closed {
        Error::Portal { status, code, .. } => {
            assert_eq!((*status, code.as_str()), (409, "ticket_closed"))
        }
        other => panic!("{other:?}"),
    }

    let priya_home = tempfile::tempdir().unwrap();
    let priya = sign_in(
        &portal,
        priya_home.path(),
        "priya@example.com",
        DEMO_PASSWORD,
    )
    .await;
    let foreign = priya
        .reply_to_ticket(1234, "mine?", &[note], None)
        .await
        .unwrap_err();
    assert!(
        foreign.to_string().contains("none of your roles there"),
        "{foreign}"
    );
    let hidden = priya.ticket(1239).await.unwrap_err();
    assert!(
        hidden.to_string().contains("There is no ticket #1239"),
        "{hidden}"
    );
}

#[tokio::test]
async fn drafts_survive_a_new_session_and_a_created_ticket_clears_its_own() {
    let portal = TestPortal::for_client(DEMO);
    let home = tempfile::tempdir().unwrap();
    let dana = sign_in(&portal, home.path(), "dana@example.com", DEMO_PASSWORD).await;
    let draft = Draft {
        subject: String::new(),
        text: "The labels still print twice when".into(),
        attachments: vec![PathBuf::from("/home/dana/label.png")],
    };
    dana.save_draft(&reply_draft_key(1237), &draft).unwrap();
    drop(dana);
    let again = Core::under(home.path()).resume().await.unwrap();
    assert_eq!(again.draft("reply:1237").unwrap(), Some(draft));

    again
        .save_draft(
            portal_client::ticket_state::NEW_TICKET_DRAFT_KEY,
            &Draft {
                subject: "Driver".into(),
                ..Draft::default()
            },
        )
        .unwrap();
    let created: Ticket = again
        .create_ticket("Printer driver", "Which driver?", Some(1), &[], None)
        .await
        .unwrap();
    assert_eq!(
        created.summary.organization.as_ref().unwrap().name,
        "Northwind Traders"
    );
    assert_eq!(again.draft("new-ticket").unwrap(), None);
    let refused = again
        .create_ticket("", "no subject", None, &[], None)
        .await
        .unwrap_err();
    assert_eq!(refused.fields().keys().collect::<Vec<_>>(), ["subject"]);
}

#[tokio::test]
async fn attachments_are_saved_in_the_chosen_format_and_none_is_lost() {
    let portal = TestPortal::for_client(&hostile_tickets_fixture(PASSWORD));
    let home = tempfile::tempdir().unwrap();
    let ada = sign_in(&portal, home.path(), "ada@example.com", PASSWORD).await;
    let ticket = ada.ticket(4321).await.unwrap();
    let attachments: Vec<_> = ticket.attachments().cloned().collect();
    assert!(attachments.len() >= 58);
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("Tickets");
    std::fs::create_dir(&folder).unwrap();
    for attachment in &attachments {
        let source = attachment_source(
            &ticket.summary,
            attachment,
            AttachmentNameFormat::TicketBracketPrefix,
        );
        let saved = ada
            .save_download(&source, &folder, &CancellationToken::new(), &ignore)
            .await
            .unwrap();
        let path = saved.path.unwrap();
        assert_eq!(path.parent().unwrap(), folder, "{path:?}");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(name.starts_with("[Ticket 4321] "), "{name:?}");
        assert!(
            invariant_violations(name).is_empty(),
            "{name:?}: {:?}",
            invariant_violations(name)
        );
    }
    let names = names_in(&folder);
    assert_eq!(
        names.len(),
        attachments.len(),
        "one file each, none replaced"
    );
    assert!(names.contains(&"[Ticket 4321] report.txt".to_owned()));
    assert!(
        names.contains(&"[Ticket 4321] report (1).txt".to_owned()),
        "{names:?}"
    );
    let mut contents: Vec<Vec<u8>> = names
        .iter()
        .map(|name| std::fs::read(folder.join(name)).unwrap())
        .collect();
    contents.sort();
    contents.dedup();
    assert_eq!(
        contents.len(),
        attachments.len(),
        "every attachment's own content"
    );
    assert_eq!(names_in(parent.path()), ["Tickets"], "nothing escaped");
    let library = ada.library(None).unwrap();
    assert_eq!(library.len(), attachments.len());
    assert!(
        library
            .iter()
            .all(|entry| entry.source.title.starts_with("Ticket #4321 · "))
    );
}
