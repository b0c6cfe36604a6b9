//! `pdesk login --sso`: single sign-on in a browser, like other command-line
//! tools that sign in through one. pdesk prints the page's address, opens
//! the browser when there is one ([`portal_client::sso::open_in_browser`]),
//! and waits on the loopback port the page sends the browser back to (up
//! to [`portal_client::sso::BROWSER_WAIT`]).

use portal_client::{Core, Error, SignInOutcome};

/// Signs in to `portal` through its single sign-on `provider` (its first
/// when `None`).
pub async fn login_with_sso(
    core: &Core,
    portal: &str,
    provider: Option<&str>,
) -> Result<SignInOutcome, Error> {
    let sso = core.start_sso(portal, provider).await?;
    eprintln!(
        "Sign in with {} in your browser. If it does not open, open this page:\n\n    {}\n\nWaiting for the browser (Ctrl+C to stop)…",
        sso.provider_name(),
        sso.authorize_url()
    );
    // Opened beside the wait, not before it: a browser command may not
    // return until its page has been answered, which is the wait's doing.
    let address = sso.authorize_url().to_owned();
    tokio::task::spawn_blocking(move || {
        if let Err(error) = portal_client::sso::open_in_browser(&address) {
            tracing::info!("no browser was opened: {error}");
        }
    });
    core.finish_sso(sso).await
}
