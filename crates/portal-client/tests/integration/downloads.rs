//! The download engine against the reference portal over loopback, with a
//! fault proxy in between: resume with the exact range, restarts on a 200
//! or a new version, damaged and cut bodies, 503 with Retry-After, cancel,
//! an unwritable folder, three at a time, and 50 hostile names; answers
//! without a length, that never end or that drip; and a list whose pages
//! never end.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use portal_api::documents::{Document, DocumentFilter};
use portal_client::documents::{DocumentScope, document_source};
use portal_client::downloads::{DownloadEvent, DownloadRequest, StallRule};
use portal_client::safe_names::invariant_violations;
use portal_client::{Core, Error, Secret, Session};
use test_support::{
    Fault, FaultProxy, TestPortal, hostile_documents_fixture, names_in, sha256_hex,
};
use tokio_util::sync::CancellationToken;

const PASSWORD: &str = "correct horse battery staple";
const BIG: u64 = 30 * 1024 * 1024;
const THREE_MB: u64 = 3 * 1024 * 1024;

fn fixtures() -> String {
    serde_json::json!({
        "users": [{ "email": "ada@example.com", "password": PASSWORD,
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "documents": (1..=5).map(|n| serde_json::json!({
            "number": format!("BIG-{n}"), "kind": "invoice", "issued_on": format!("2026-01-0{n}"),
            "amount": "10.00", "currency": "EUR", "user": "ada@example.com",
            "file_name": format!("Big {n}.bin"), "media_type": "application/octet-stream",
            "generated_bytes": BIG
        })).collect::<Vec<_>>()
    })
    .to_string()
}

struct Setup {
    portal: TestPortal,
    proxy: FaultProxy,
    session: Session,
    /// The waits before retries, the HTTP layer's and the download
    /// engine's (recorded, not slept).
    waits: Arc<Mutex<Vec<Duration>>>,
    _home: tempfile::TempDir,
    folder: tempfile::TempDir,
}

async fn setup(fixtures: &str) -> Setup {
    test_support::use_private_keyring();
    let portal = TestPortal::for_client(fixtures);
    let proxy = FaultProxy::start(portal.url());
    let home = tempfile::tempdir().unwrap();
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorded = waits.clone();
    let session = Core::under(home.path())
        .with_pause(Arc::new(move |wait| {
            recorded.lock().unwrap().push(wait);
            Box::pin(async {})
        }))
        .sign_in(proxy.url(), "ada@example.com", Secret::new(PASSWORD))
        .await
        .unwrap()
        .signed_in()
        .unwrap()
        .session;
    Setup {
        portal,
        proxy,
        session,
        waits,
        _home: home,
        folder: tempfile::tempdir().unwrap(),
    }
}

async fn document(session: &Session, number: &str) -> Document {
    let documents = session
        .documents(DocumentScope::Mine, &DocumentFilter::default())
        .await
        .unwrap();
    documents
        .into_iter()
        .find(|document| document.number == number)
        .unwrap()
}

fn request(document: &Document, folder: &Path) -> DownloadRequest {
    let source = document_source(document);
    DownloadRequest {
        path: source.api_path,
        folder: folder.to_path_buf(),
        file_name: source.file_name,
        expected_size: Some(document.size),
        expected_sha256: Some(document.sha256.clone()),
        stall: StallRule::default(),
    }
}

fn ignore(_: DownloadEvent) {}

/// Downloads `document` into the test's folder, without events or cancel.
async fn fetch(
    setup: &Setup,
    document: &Document,
) -> Result<portal_client::downloads::Downloaded, Error> {
    setup
        .session
        .download(
            &request(document, setup.folder.path()),
            &CancellationToken::new(),
            &ignore,
        )
        .await
}

#[tokio::test]
async fn a_dropped_connection_resumes_with_exactly_the_missing_range() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-1").await;
    setup.proxy.add_faults([Fault::DropAfter(THREE_MB)]);
    let events = Mutex::new(Vec::new());
    let downloaded = setup
        .session
        .download(
            &request(&big, setup.folder.path()),
            &CancellationToken::new(),
            &|event| events.lock().unwrap().push(event),
        )
        .await
        .unwrap();

    assert_eq!(sha256_hex(&downloaded.path), big.sha256);
    assert_eq!(downloaded.size, BIG);
    assert_eq!(
        names_in(setup.folder.path()),
        ["Big 1.bin"],
        "no part file is left"
    );
    let seen = setup.proxy.file_requests();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].range, None);
    assert_eq!(seen[1].range.as_deref(), Some("bytes=3145728-"));
    assert_eq!(seen[1].if_range, Some(format!("\"{}\"", big.sha256)));
    let events = events.into_inner().unwrap();
    assert!(events.contains(&DownloadEvent::Started {
        total: BIG,
        resumed_from: THREE_MB
    }));
    assert!(
        matches!(events.iter().find(|e| matches!(e, DownloadEvent::Retrying { .. })),
        Some(DownloadEvent::Retrying { attempt: 2, reason, .. }) if reason.contains("connection"))
    );
    let progress = events
        .iter()
        .filter(|event| matches!(event, DownloadEvent::Progress { .. }))
        .count();
    assert!(
        progress < 100,
        "progress is paced, not one event per chunk ({progress})"
    );
    assert!(
        matches!(events.last(), Some(DownloadEvent::Progress { done, total, .. }) if done == total)
    );
}

#[tokio::test]
async fn a_portal_that_ignores_range_restarts_the_file_from_zero() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-2").await;
    setup
        .proxy
        .add_faults([Fault::DropAfter(THREE_MB), Fault::IgnoreRange]);
    let downloaded = fetch(&setup, &big).await.unwrap();
    assert_eq!(sha256_hex(&downloaded.path), big.sha256);
    assert_eq!(std::fs::metadata(&downloaded.path).unwrap().len(), BIG);
    let seen = setup.proxy.file_requests();
    assert_eq!(
        seen[1].range.as_deref(),
        Some("bytes=3145728-"),
        "asked to resume"
    );
    assert_eq!(names_in(setup.folder.path()), ["Big 2.bin"]);
}

#[tokio::test]
async fn a_new_version_between_attempts_restarts_with_the_new_file() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-3").await;
    setup.proxy.add_faults([Fault::DropAfter(10 * 1024 * 1024)]);
    let reissued = b"the vendor reissued this document".to_vec();
    let replaced = AtomicBool::new(false);
    let db_path = setup.portal.db_path().to_path_buf();
    let downloaded = setup
        .session
        .download(
            &request(&big, setup.folder.path()),
            &CancellationToken::new(),
            &|event| {
                // Between the two attempts, the vendor reissues it.
                if matches!(event, DownloadEvent::Retrying { .. })
                    && !replaced.swap(true, Ordering::SeqCst)
                {
                    let db =
                        portal_server::Db::open(&db_path, setup.portal.clock().clone()).unwrap();
                    portal_server::documents::replace_file(
                        &db,
                        &portal_server::files::FileStore::beside(&db_path),
                        big.id,
                        &reissued,
                    )
                    .unwrap();
                }
            },
        )
        .await
        .unwrap();
    assert!(replaced.load(Ordering::SeqCst));
    assert!(
        std::fs::read(&downloaded.path).unwrap() == reissued,
        "the new version, whole"
    );
    let seen = setup.proxy.file_requests();
    assert_eq!(seen.len(), 2);
    assert!(
        seen[1].range.is_some(),
        "it asked to resume the old version"
    );
    assert_eq!(names_in(setup.folder.path()), ["Big 3.bin"]);
}

#[tokio::test]
async fn a_damaged_file_is_never_published() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-4").await;
    setup.proxy.add_faults([Fault::CorruptByte(12_345)]);
    let error = fetch(&setup, &big).await.unwrap_err();
    assert!(matches!(error, Error::Download(_)), "{error:?}");
    assert!(error.to_string().contains("does not match"), "{error}");
    assert!(
        names_in(setup.folder.path()).is_empty(),
        "no file, no part file"
    );
}

#[tokio::test]
async fn a_body_cut_short_of_its_length_is_resumed() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-5").await;
    setup
        .proxy
        .add_faults([Fault::TruncateAfter(5 * 1024 * 1024)]);
    let downloaded = fetch(&setup, &big).await.unwrap();
    assert_eq!(sha256_hex(&downloaded.path), big.sha256);
    let seen = setup.proxy.file_requests();
    assert_eq!(seen[1].range.as_deref(), Some("bytes=5242880-"));
}

#[tokio::test]
async fn retry_after_is_honoured_and_a_long_one_stops_with_a_reason() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-1").await;
    setup.proxy.add_faults([Fault::Unavailable {
        retry_after_secs: 1,
    }]);
    let downloaded = fetch(&setup, &big).await.unwrap();
    assert_eq!(
        *setup.waits.lock().unwrap(),
        [Duration::from_secs(1)],
        "waited as asked"
    );
    assert_eq!(sha256_hex(&downloaded.path), big.sha256);
    assert_eq!(setup.proxy.file_requests().len(), 2);

    setup.proxy.add_faults([Fault::Unavailable {
        retry_after_secs: 3600,
    }]);
    let error = fetch(&setup, &big).await.unwrap_err();
    assert!(error.to_string().contains("60 minute"), "{error}");
    assert_eq!(
        names_in(setup.folder.path()),
        ["Big 1.bin"],
        "only the first download"
    );
}

#[tokio::test]
async fn cancel_removes_the_part_file() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-2").await;
    let cancel = CancellationToken::new();
    let error = setup
        .session
        .download(&request(&big, setup.folder.path()), &cancel, &|event| {
            if matches!(event, DownloadEvent::Started { .. }) {
                cancel.cancel();
            }
        })
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Cancelled), "{error:?}");
    assert!(names_in(setup.folder.path()).is_empty());
}

/// A folder the kernel refuses to create files in, for this user.
#[cfg(unix)]
fn unwritable_folder() -> (std::path::PathBuf, Option<tempfile::TempDir>) {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        // Permission bits do not stop root; sysfs refuses new files to
        // everyone.
        (std::path::PathBuf::from("/sys"), None)
    } else {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        (folder.path().to_path_buf(), Some(folder))
    }
}

// Windows' refusals (access denied, a file in use, a full disk) are put in
// words by the same `io_error`; its unit tests check each Windows code.
#[cfg(unix)]
#[tokio::test]
async fn an_unwritable_folder_is_reported_before_anything_is_fetched() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-3").await;
    let (folder, _keep) = unwritable_folder();
    let error = setup
        .session
        .download(&request(&big, &folder), &CancellationToken::new(), &ignore)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Destination(_)), "{error:?}");
    assert!(error.to_string().contains("permission denied"), "{error}");
    assert!(setup.proxy.file_requests().is_empty());
    let missing = setup
        .session
        .download(
            &request(&big, &setup.folder.path().join("gone")),
            &CancellationToken::new(),
            &ignore,
        )
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("does not exist"), "{missing}");
}

#[tokio::test]
async fn at_most_three_downloads_run_at_once() {
    let setup = setup(&fixtures()).await;
    let documents = setup
        .session
        .documents(DocumentScope::Mine, &DocumentFilter::default())
        .await
        .unwrap();
    assert_eq!(documents.len(), 5);
    let running = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let downloads = documents.iter().map(|document| {
        let (running, most) = (running.clone(), most.clone());
        let request = request(document, setup.folder.path());
        let session = &setup.session;
        async move {
            let started = AtomicBool::new(false);
            let result = session
                .download(&request, &CancellationToken::new(), &|event| {
                    if matches!(event, DownloadEvent::Started { .. })
                        && !started.swap(true, Ordering::SeqCst)
                    {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                    }
                })
                .await;
            running.fetch_sub(1, Ordering::SeqCst);
            result
        }
    });
    let results = futures_util::future::join_all(downloads).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(most.load(Ordering::SeqCst), 3);
    assert_eq!(names_in(setup.folder.path()).len(), 5);
}

#[tokio::test]
async fn fifty_hostile_names_land_inside_the_folder_and_overwrite_nothing() {
    let setup = setup(&hostile_documents_fixture(PASSWORD)).await;
    let documents = setup
        .session
        .documents(DocumentScope::Mine, &DocumentFilter::default())
        .await
        .unwrap();
    assert!(documents.len() >= 50);
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("Downloads");
    std::fs::create_dir(&folder).unwrap();
    for document in &documents {
        let entry = setup
            .session
            .save_download(
                &document_source(document),
                &folder,
                &CancellationToken::new(),
                &ignore,
            )
            .await
            .unwrap();
        let path = entry.path.unwrap();
        assert_eq!(path.parent().unwrap(), folder, "{path:?}");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            invariant_violations(name).is_empty(),
            "{name:?}: {:?}",
            invariant_violations(name)
        );
    }
    let names = names_in(&folder);
    assert_eq!(names.len(), documents.len(), "one file each, none replaced");
    let mut contents: Vec<Vec<u8>> = names
        .iter()
        .map(|name| std::fs::read(folder.join(name)).unwrap())
        .collect();
    contents.sort();
    contents.dedup();
    assert_eq!(
        contents.len(),
        documents.len(),
        "every document's own content survived"
    );
    assert_eq!(names_in(parent.path()), ["Downloads"], "nothing escaped");
    assert_eq!(setup.session.library(None).unwrap().len(), documents.len());
}

#[tokio::test]
async fn the_same_file_twice_at_once_never_mixes_the_two() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-4").await;
    setup.proxy.add_faults([Fault::Slow(40 * 1024 * 1024)]);
    let request = request(&big, setup.folder.path());
    let cancel = CancellationToken::new();
    let (first, second) = tokio::join!(setup.session.download(&request, &cancel, &ignore), async {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        setup.session.download(&request, &cancel, &ignore).await
    });
    assert!(first.is_ok(), "{first:?}");
    // The first is slowed to about 0.75 s, so the second starts while it runs.
    let refused = second.unwrap_err();
    assert!(
        refused.to_string().contains("already being downloaded"),
        "{refused}"
    );
    assert_eq!(names_in(setup.folder.path()), ["Big 4.bin"]);
    for name in names_in(setup.folder.path()) {
        assert!(!name.starts_with('.'), "no part file is left: {name}");
        assert_eq!(
            sha256_hex(&setup.folder.path().join(&name)),
            big.sha256,
            "{name}"
        );
    }
    assert_eq!(sha256_hex(&first.unwrap().path), big.sha256);
}

#[tokio::test]
async fn a_chunked_answer_is_read_up_to_the_listed_size() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-1").await;
    setup.proxy.add_faults([Fault::Chunked]);
    let downloaded = fetch(&setup, &big).await.unwrap();
    assert_eq!(sha256_hex(&downloaded.path), big.sha256);
}

#[tokio::test]
async fn an_endless_answer_is_stopped_past_the_listed_size_and_nothing_is_kept() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-1").await;
    setup.proxy.add_faults([Fault::Endless]);
    let error = fetch(&setup, &big).await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains(&format!("more than the {} bytes", big.size)),
        "{error}"
    );
    assert!(
        names_in(setup.folder.path()).is_empty(),
        "no file, no part file"
    );
}

#[tokio::test]
async fn a_dripping_portal_counts_as_stalled_and_the_next_attempt_finishes() {
    let setup = setup(&fixtures()).await;
    let big = document(&setup.session, "BIG-1").await;
    setup.proxy.add_faults([Fault::Drip(100)]);
    let mut request = request(&big, setup.folder.path());
    request.stall = StallRule {
        window: Duration::from_secs(2),
        min_bytes: 1024,
    };
    let events = Mutex::new(Vec::new());
    let downloaded = setup
        .session
        .download(&request, &CancellationToken::new(), &|event| {
            events.lock().unwrap().push(event)
        })
        .await
        .unwrap();
    assert_eq!(sha256_hex(&downloaded.path), big.sha256);
    let reasons: Vec<String> = events
        .lock()
        .unwrap()
        .iter()
        .filter_map(|event| match event {
            DownloadEvent::Retrying { reason, .. } => Some(reason.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(reasons[0].contains("stalled"), "{reasons:?}");
}

#[tokio::test]
async fn a_list_that_never_ends_is_stopped_with_a_reason() {
    let setup = setup(&fixtures()).await;
    setup.proxy.make_list_endless("/api/v1/me/roles");
    let error = setup.session.roles().await.unwrap_err();
    assert!(
        error.to_string().contains("did not end after 2000 pages"),
        "{error}"
    );
    assert_eq!(setup.proxy.endless_pages_served(), 2001);
}
