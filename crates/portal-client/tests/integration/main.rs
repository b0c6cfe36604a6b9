//! The client core's integration tests in one binary (one link, one process),
//! a module per area, against the reference portal on the loopback. The
//! keyring tests use the private Secret Service whose address `cargo xtask`
//! sets before the process starts. `keyring` stays a binary of its own: it
//! restarts and stops its keyring daemon, on a bus of its own.

mod account_changes;
mod contacts;
mod downloads;
mod file_marks;
mod kb;
mod outbox;
mod partner_kit;
mod safe_names_property;
mod session;
mod sso;
mod tickets;
mod two_step;
mod versioned_lists;

/// Ada's password in the fixtures of [`ada_through_a_proxy`].
pub const ADA_PASSWORD: &str = "correct horse battery staple";

/// A portal loaded with `fixtures` (which have Ada, her password
/// [`ADA_PASSWORD`]), a proxy that records the requests in front of it,
/// and Ada signed in through the proxy, her data in the folder answered.
pub async fn ada_through_a_proxy(
    fixtures: &str,
) -> (
    test_support::TestPortal,
    test_support::FaultProxy,
    tempfile::TempDir,
    portal_client::Session,
) {
    test_support::use_private_keyring();
    let portal = test_support::TestPortal::for_client(fixtures);
    let proxy = test_support::FaultProxy::start(portal.url());
    let home = tempfile::tempdir().unwrap();
    let session = portal_client::Core::under(home.path())
        .sign_in(
            proxy.url(),
            "ada@example.com",
            portal_client::Secret::new(ADA_PASSWORD),
        )
        .await
        .unwrap()
        .signed_in()
        .unwrap()
        .session;
    (portal, proxy, home, session)
}
