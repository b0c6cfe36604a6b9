//! Password change, user-name change (with the account and keyring entry
//! following the approved name) and the profile photo, against the
//! reference portal over loopback with a private Secret Service.

use portal_client::photo::prepare_photo_file;
use portal_client::{AccountBook, Core, Error, Secret, Vault};
use test_support::images::{encoded_image, png};
use test_support::{BASIC_FIXTURES, PASSWORD, TestPortal};

fn home() -> tempfile::TempDir {
    test_support::use_private_keyring();
    tempfile::tempdir().unwrap()
}

async fn sign_in(
    core: &Core,
    portal: &TestPortal,
    email: &str,
    password: &str,
) -> portal_client::Session {
    core.sign_in(portal.url(), email, Secret::new(password))
        .await
        .unwrap()
        .signed_in()
        .unwrap()
        .session
}

fn field_of(error: &Error) -> Vec<String> {
    error.fields().into_keys().collect()
}

#[tokio::test]
async fn changing_the_password_keeps_this_session_and_ends_the_others() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let (here_home, there_home) = (home(), home());
    let here = sign_in(
        &Core::under(here_home.path()),
        &portal,
        "ada@example.com",
        PASSWORD,
    )
    .await;
    let there = sign_in(
        &Core::under(there_home.path()),
        &portal,
        "ada@example.com",
        PASSWORD,
    )
    .await;

    let wrong = here
        .change_password(
            &Secret::new("not my password"),
            &Secret::new("marmalade lighthouse 42"),
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&wrong), ["current_password"]);
    let common = here
        .change_password(&Secret::new(PASSWORD), &Secret::new("qwerty123456"))
        .await
        .unwrap_err();
    assert_eq!(field_of(&common), ["new_password"]);
    assert!(
        common.fields()["new_password"].contains("most common"),
        "{common:?}"
    );

    here.change_password(
        &Secret::new(PASSWORD),
        &Secret::new("marmalade lighthouse 42"),
    )
    .await
    .unwrap();
    here.profile().await.expect("this session stays signed in");
    let ended = there.profile().await.unwrap_err();
    assert_eq!(ended.code(), "session_ended", "{ended:?}");
}

#[tokio::test]
async fn an_approved_user_name_moves_the_account_and_its_keyring_entry() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let home = home();
    let core = Core::under(home.path());
    let session = sign_in(&core, &portal, "ada@example.com", PASSWORD).await;
    let old_entry = session.account().vault_entry();

    let taken = session
        .request_username_change("bob@example.com", &Secret::new(PASSWORD), "New job")
        .await
        .unwrap_err();
    assert_eq!(field_of(&taken), ["new_email"]);
    let pending = session
        .request_username_change(" ada@new.example ", &Secret::new(PASSWORD), "Married")
        .await
        .unwrap();
    assert_eq!(pending.new_email, "ada@new.example");
    let second = session
        .request_username_change("ada@other.example", &Secret::new(PASSWORD), "Oops")
        .await
        .unwrap_err();
    match &second {
        Error::ChangePending { ticket_id, .. } => assert_eq!(*ticket_id, Some(pending.ticket_id)),
        other => panic!("expected change_pending, got {other:?}"),
    }
    let (profile, _) = session.profile().await.unwrap();
    assert_eq!(profile.pending_username_change.as_ref(), Some(&pending));
    assert_eq!(session.account().email, "ada@example.com");

    let approved =
        test_support::portal_api::approve_username_change(portal.db_path(), pending.ticket_id);
    assert!(approved.status.success(), "{approved:?}");

    let (profile, _) = session.profile().await.expect("still signed in");
    assert_eq!(profile.email, "ada@new.example");
    assert_eq!(session.account().email, "ada@new.example");
    let book = AccountBook::load(core.dirs()).unwrap();
    assert_eq!(book.accounts.len(), 1);
    assert_eq!(book.current().unwrap().email, "ada@new.example");
    let vault = Vault::for_app();
    assert!(
        vault.load(&old_entry).await.unwrap().is_none(),
        "the old entry is gone"
    );
    assert!(
        vault
            .load(&session.account().vault_entry())
            .await
            .unwrap()
            .is_some(),
        "the refresh token moved to the new entry"
    );

    let resumed = Core::under(home.path())
        .resume()
        .await
        .expect("a restart finds the session");
    assert_eq!(resumed.profile().await.unwrap().0.email, "ada@new.example");
}

#[tokio::test]
async fn a_photo_is_prepared_here_uploaded_and_served_to_other_computers() {
    let portal = TestPortal::for_client(BASIC_FIXTURES);
    let (home_a, home_b) = (home(), home());
    let session = sign_in(
        &Core::under(home_a.path()),
        &portal,
        "ada@example.com",
        PASSWORD,
    )
    .await;
    let files = tempfile::tempdir().unwrap();

    let text = files.path().join("notes.png");
    std::fs::write(&text, "not an image").unwrap();
    let tiny = files.path().join("tiny.png");
    std::fs::write(&tiny, png(40, 40)).unwrap();
    let lying = files.path().join("lying.png");
    std::fs::write(&lying, test_support::images::png_claiming(50_000, 50_000)).unwrap();
    let huge = files.path().join("huge.png");
    let mut bytes = png(100, 100);
    bytes.resize(20 * 1024 * 1024, 0);
    std::fs::write(&huge, bytes).unwrap();
    for (path, expected) in [
        (&text, "not a PNG, JPEG or WebP"),
        (&tiny, "40×40 pixels"),
        (&huge, "20.0 MB"),
        (&lying, "50000×50000 pixels"),
    ] {
        let error = prepare_photo_file(path).unwrap_err();
        assert_eq!(error.code(), "invalid_photo");
        assert!(error.to_string().contains(expected), "{error}");
        assert!(error.fields().contains_key("photo"));
    }

    let picked = files.path().join("holiday.jpg");
    std::fs::write(&picked, encoded_image(640, 480, image::ImageFormat::Jpeg)).unwrap();
    let prepared = prepare_photo_file(&picked).unwrap();
    session.upload_photo(prepared.clone()).await.unwrap();
    let (profile, _) = session.profile().await.unwrap();
    let etag = profile
        .photo_etag
        .clone()
        .expect("the profile names the photo");
    let here = session.photo(Some(&etag)).await.unwrap().unwrap();
    assert_eq!(here.bytes, prepared);

    let elsewhere = sign_in(
        &Core::under(home_b.path()),
        &portal,
        "ada@example.com",
        PASSWORD,
    )
    .await;
    assert!(elsewhere.cached_photo().unwrap().is_none());
    let fetched = elsewhere.photo(Some(&etag)).await.unwrap().unwrap();
    assert_eq!(fetched.bytes, prepared);
    assert_eq!(fetched.media_type, "image/png");
    let decoded = image::load_from_memory(&fetched.bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (256, 256));
    assert_eq!(elsewhere.cached_photo().unwrap().unwrap().bytes, prepared);

    session.remove_photo().await.unwrap();
    let (profile, _) = session.profile().await.unwrap();
    assert_eq!(profile.photo_etag, None);
    assert!(session.photo(None).await.unwrap().is_none());
    assert!(session.cached_photo().unwrap().is_none());
}
