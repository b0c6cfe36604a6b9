//! A folder kept in sync with the Partner Kit, against the portal: files
//! arrive verified, an unchanged kit costs one request, an update replaces
//! only what the user left alone, a user's edit is kept with the kit's new
//! version beside it, removed files are reported and stay, hostile names
//! stay inside the folder, and a folder that is gone, a file that cannot
//! be written, a portal that lies about a digest and a role that lost the
//! kit each leave the user's files as they were.

use std::path::Path;

use portal_client::partner_kit::KitSyncReport;
use portal_client::{Error, Session};
use test_support::portal_api::{publish_kit_file, remove_kit_file};
use test_support::{FaultProxy, TestPortal};
use tokio_util::sync::CancellationToken;

use crate::ADA_PASSWORD as PASSWORD;

fn fixtures(kit: serde_json::Value) -> String {
    serde_json::json!({
        "organizations": [{ "name": "Contoso", "policy": "direct", "roles": [
            { "name": "Marketing", "description": "m", "grants": ["partner_kit"] },
            { "name": "User", "description": "u", "grants": [] }
        ]}],
        "users": [{ "email": "ada@example.com", "password": PASSWORD,
                    "first_name": "Ada", "last_name": "Lovelace",
                    "memberships": [{ "organization": "Contoso", "roles": ["Marketing"] }] }],
        "partner_kit": kit
    })
    .to_string()
}

async fn setup(kit: serde_json::Value) -> (TestPortal, FaultProxy, tempfile::TempDir, Session) {
    crate::ada_through_a_proxy(&fixtures(kit)).await
}

async fn sync(session: &Session, folder: &Path) -> Result<KitSyncReport, Error> {
    session
        .sync_kit_folder(folder, &CancellationToken::new(), &|_| {})
        .await
}

/// The portal lists (and sends as `Repr-Digest`) another digest than the
/// bytes of the kit file at `path` have.
fn lie_about_digest(portal: &TestPortal, path: &str) {
    let real = portal.query_text(&format!(
        "SELECT sha256 FROM kit_files WHERE path = '{path}'"
    ));
    let fake = format!(
        "{}{}",
        if real.starts_with('a') { "b" } else { "a" },
        &real[1..]
    );
    let files = portal_server::files::FileStore::beside(portal.db_path());
    std::fs::copy(files.path_of(&real), files.path_of(&fake)).unwrap();
    portal.execute(&format!(
        "UPDATE kit_files SET sha256 = '{fake}' WHERE path = '{path}'"
    ));
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[tokio::test]
async fn a_folder_follows_the_kit_and_never_loses_what_the_user_changed() {
    let (portal, proxy, home, session) = setup(serde_json::json!([
        { "path": "Logos/Logo.png" },
        { "path": "Brochures/Overview.txt", "text": "Overview v1\n" },
        { "path": "Brochures/Plans.txt", "text": "Plans v1\n" },
        { "path": "Templates/Invite.txt", "text": "Invite\n" },
        { "path": "Templates/Old.txt", "text": "Old\n" }
    ]))
    .await;
    let folder = home.path().join("Kit");
    std::fs::create_dir(&folder).unwrap();

    let first = sync(&session, &folder).await.unwrap();
    assert_eq!(first.added.len(), 5, "{first:?}");
    assert!(read(folder.join("Brochures/Overview.txt")) == "Overview v1\n");
    assert!(
        std::fs::read(folder.join("Logos/Logo.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    assert!(
        !folder.join(".portal-desk-kit").exists(),
        "no staging left behind"
    );
    assert_eq!(session.kit_history(10).unwrap()[0].added.len(), 5);

    // Unchanged: one request, answered 304, and nothing downloaded.
    let (lists, files) = (
        proxy.api_requests_to("/api/v1/partner-kit").len(),
        proxy.file_requests().len(),
    );
    let quiet = sync(&session, &folder).await.unwrap();
    assert!(quiet.is_quiet(), "{quiet:?}");
    let asked = &proxy.api_requests_to("/api/v1/partner-kit")[lists..];
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0].status, 304);
    assert_eq!(proxy.file_requests().len(), files);
    assert_eq!(
        session.kit_history(10).unwrap().len(),
        1,
        "a quiet sync is not history"
    );

    // The user edits one file and deletes another; the vendor updates both
    // edited and untouched files, removes one and adds one.
    std::fs::write(folder.join("Brochures/Plans.txt"), "my own notes\n").unwrap();
    std::fs::remove_file(folder.join("Templates/Invite.txt")).unwrap();
    publish_kit_file(portal.db_path(), "Brochures/Overview.txt", b"Overview v2\n");
    publish_kit_file(portal.db_path(), "Brochures/Plans.txt", b"Plans v2\n");
    publish_kit_file(portal.db_path(), "Brochures/New.txt", b"New\n");
    remove_kit_file(portal.db_path(), "Templates/Old.txt");
    let second = sync(&session, &folder).await.unwrap();
    assert_eq!(second.updated, ["Brochures/Overview.txt"]);
    assert_eq!(second.added, ["Brochures/New.txt"]);
    assert_eq!(second.restored, ["Templates/Invite.txt"]);
    assert_eq!(second.removed, ["Templates/Old.txt"]);
    assert_eq!(second.kept_beside.len(), 1);
    assert_eq!(second.kept_beside[0].yours, "Brochures/Plans.txt");
    assert_eq!(
        second.kept_beside[0].kits,
        "Brochures/Plans (kit version 2).txt"
    );
    assert_eq!(read(folder.join("Brochures/Overview.txt")), "Overview v2\n");
    assert_eq!(read(folder.join("Brochures/Plans.txt")), "my own notes\n");
    assert_eq!(
        read(folder.join("Brochures/Plans (kit version 2).txt")),
        "Plans v2\n"
    );
    assert_eq!(
        read(folder.join("Templates/Old.txt")),
        "Old\n",
        "a removed file stays"
    );
    assert_eq!(read(folder.join("Templates/Invite.txt")), "Invite\n");
    assert_eq!(session.kit_history(10).unwrap()[0], second);

    // The next update of that file replaces the copy beside, not the
    // user's file.
    publish_kit_file(portal.db_path(), "Brochures/Plans.txt", b"Plans v3\n");
    let third = sync(&session, &folder).await.unwrap();
    assert_eq!(third.updated, ["Brochures/Plans (kit version 2).txt"]);
    assert_eq!(
        read(folder.join("Brochures/Plans (kit version 2).txt")),
        "Plans v3\n"
    );
    assert_eq!(read(folder.join("Brochures/Plans.txt")), "my own notes\n");

    // A portal that lies about a file's digest: nothing of it is placed,
    // the rest goes on, and the next sync tries again.
    publish_kit_file(portal.db_path(), "Brochures/Lie.txt", b"the truth\n");
    lie_about_digest(&portal, "Brochures/Lie.txt");
    publish_kit_file(portal.db_path(), "Brochures/Fine.txt", b"fine\n");
    let lied = sync(&session, &folder).await.unwrap();
    assert_eq!(lied.added, ["Brochures/Fine.txt"]);
    assert_eq!(lied.failed.len(), 1, "{lied:?}");
    assert!(
        lied.failed[0].starts_with("Brochures/Lie.txt: "),
        "{lied:?}"
    );
    assert!(lied.failed[0].contains("SHA-256"), "{lied:?}");
    assert!(!folder.join("Brochures/Lie.txt").exists());
    assert!(!folder.join(".portal-desk-kit").exists());

    // The folder is removed: the sync stops before writing anything.
    let moved = home.path().join("Kit moved");
    std::fs::rename(&folder, &moved).unwrap();
    let gone = sync(&session, &folder).await.unwrap_err();
    assert!(matches!(gone, Error::Destination(_)), "{gone:?}");
    assert!(gone.to_string().contains("is not there any more"), "{gone}");
    assert!(!folder.exists(), "the folder is not made again");
    std::fs::rename(&moved, &folder).unwrap();

    // The role no longer grants the kit: refused, the files stay.
    portal.execute("UPDATE contact_roles SET role_id = (SELECT id FROM roles WHERE name = 'User')");
    let refused = sync(&session, &folder).await.unwrap_err();
    assert!(
        matches!(refused, Error::Portal { status: 403, .. }),
        "{refused:?}"
    );
    assert_eq!(session.kept_partner_kit().unwrap(), None);
    assert_eq!(read(folder.join("Brochures/Overview.txt")), "Overview v2\n");
}

#[tokio::test]
async fn hostile_and_colliding_names_stay_inside_the_folder_each_its_own_file() {
    let (_portal, _proxy, home, session) = setup(serde_json::json!([
        { "path": "../../escaped.txt", "text": "one\n" },
        { "path": "Logos/a:b.txt", "text": "two\n" },
        { "path": "Logos/a|b.txt", "text": "three\n" },
        { "path": "CON/NUL.txt", "text": "four\n" },
        { "path": "logos/case.txt", "text": "five\n" },
        { "path": "Bidi/invoice\u{202e}fdp.exe", "text": "six\n" }
    ]))
    .await;
    let folder = home.path().join("Kit");
    std::fs::create_dir(&folder).unwrap();
    let report = sync(&session, &folder).await.unwrap();
    assert_eq!(report.added.len(), 6, "{report:?}");
    assert!(report.failed.is_empty(), "{report:?}");
    let mut contents = Vec::new();
    for path in &report.added {
        assert!(
            !path.split('/').any(|part| part == ".." || part.is_empty()),
            "{path}"
        );
        for part in path.split('/') {
            assert!(
                portal_client::safe_names::invariant_violations(part).is_empty(),
                "{path}"
            );
        }
        contents.push(read(folder.join(path)));
    }
    contents.sort();
    assert_eq!(
        contents,
        ["five\n", "four\n", "one\n", "six\n", "three\n", "two\n"]
    );
    assert!(!home.path().join("escaped.txt").exists());
}

/// Makes `folder` refuse new files (`writable`: and accept them again):
/// by its permission bits, or for root, whom those do not stop, by the
/// file system's immutable attribute.
#[cfg(unix)]
fn set_writable(folder: &Path, writable: bool) {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        let status = std::process::Command::new("chattr")
            .arg(if writable { "-i" } else { "+i" })
            .arg(folder)
            .status()
            .expect("running as root, this test needs chattr (e2fsprogs)");
        assert!(
            status.success(),
            "chattr on {} (the file system must support it)",
            folder.display()
        );
    } else {
        let mode = if writable { 0o755 } else { 0o555 };
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

#[cfg(unix)]
#[tokio::test]
async fn a_folder_made_read_only_is_reported_and_caught_up_once_writable() {
    let (portal, _proxy, home, session) = setup(serde_json::json!([
        { "path": "Logos/One.txt", "text": "one\n" },
        { "path": "Brochures/Two.txt", "text": "two\n" }
    ]))
    .await;
    let folder = home.path().join("Kit");
    std::fs::create_dir(&folder).unwrap();
    sync(&session, &folder).await.unwrap();
    let logos = folder.join("Logos");
    set_writable(&logos, false);
    publish_kit_file(portal.db_path(), "Logos/Three.txt", b"three\n");
    publish_kit_file(portal.db_path(), "Brochures/Four.txt", b"four\n");
    let blocked = sync(&session, &folder).await.unwrap();
    assert_eq!(blocked.added, ["Brochures/Four.txt"]);
    assert_eq!(blocked.failed.len(), 1, "{blocked:?}");
    assert!(
        blocked.failed[0].starts_with("Logos/Three.txt: "),
        "{blocked:?}"
    );
    assert!(blocked.failed[0].contains("permission"), "{blocked:?}");
    set_writable(&logos, true);
    let caught_up = sync(&session, &folder).await.unwrap();
    assert_eq!(caught_up.added, ["Logos/Three.txt"]);

    // The whole folder read-only: one clear refusal, nothing changed.
    publish_kit_file(portal.db_path(), "Logos/Five.txt", b"five\n");
    set_writable(&folder, false);
    let refused = sync(&session, &folder).await;
    set_writable(&folder, true);
    let refused = refused.unwrap_err();
    assert!(refused.to_string().contains("cannot write in"), "{refused}");
}

#[tokio::test]
async fn ten_thousand_unchanged_files_cost_one_request() {
    let (_portal, proxy, home, session) =
        setup(serde_json::json!([{ "path": "Many", "many": 10000 }])).await;
    // The kit's files are already here (copied from a colleague, say): the
    // first sync takes them as they are, without downloading them.
    let folder = home.path().join("Kit");
    std::fs::create_dir_all(folder.join("Many")).unwrap();
    for n in 1..=10_000 {
        std::fs::write(
            folder.join(format!("Many/file-{n:05}.txt")),
            portal_server::kit_seed::MANY_FILES_TEXT,
        )
        .unwrap();
    }
    let first = sync(&session, &folder).await.unwrap();
    assert_eq!(first.unchanged, 10_000, "{:?}", first.failed.first());
    assert_eq!(proxy.file_requests().len(), 0);
    let before = proxy.api_requests().len();
    let files_before = proxy.file_requests().len();
    let again = sync(&session, &folder).await.unwrap();
    assert!(again.is_quiet());
    assert_eq!(again.unchanged, 10_000);
    let asked = &proxy.api_requests()[before..];
    assert_eq!(asked.len(), 1, "{asked:?}");
    assert_eq!(asked[0].status, 304);
    assert!(asked[0].wire_bytes < 1024, "{asked:?}");
    assert_eq!(proxy.file_requests().len(), files_before);
}
