//! The Desk's side of single sign-on: the ways of signing in a portal
//! offers, and a sign-in in the system browser that the user can cancel
//! from the app while it waits.

use portal_api::auth::AuthOptions;
use portal_client::sso::SsoSignIn;
use portal_client::{Error, Result};
use tokio::sync::oneshot;

use crate::desk::{Desk, SessionView};

/// Where a single sign-on happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsoPortal<'a> {
    /// A portal at this address.
    At(&'a str),
    /// The demo portal inside the app ("Demo SSO").
    EmbeddedDemo,
}

/// The sign-in in the browser being waited for, which Cancel stops.
#[derive(Default)]
pub struct SsoWait {
    cancel: tokio::sync::Mutex<Option<oneshot::Sender<()>>>,
}

impl Desk {
    /// The ways of signing in the portal at `portal_url` offers.
    pub async fn sign_in_options(&self, portal_url: &str) -> Result<AuthOptions> {
        self.core.sign_in_options(portal_url).await
    }

    /// Signs in through the portal's single sign-on: opens its sign-in page
    /// in the system browser and waits for the browser to come back (until
    /// [`Desk::cancel_sso`]). A second sign-in started meanwhile replaces
    /// the first.
    pub async fn sign_in_with_sso(&self, portal: SsoPortal<'_>) -> Result<SessionView> {
        let sso = match portal {
            SsoPortal::At(url) => self.core.start_sso(url, None).await?,
            SsoPortal::EmbeddedDemo => {
                let url = self.demo.url().await?;
                self.core.start_sso_at_embedded_demo(&url).await?
            }
        };
        let (cancel, cancelled) = oneshot::channel();
        *self.sso_wait.cancel.lock().await = Some(cancel);
        open_in_browser(&sso);
        let outcome = tokio::select! {
            outcome = self.core.finish_sso(sso) => outcome,
            _ = cancelled => Err(Error::Cancelled),
        };
        *self.pending_sign_in.lock().await = None;
        Ok(self.adopt(outcome?).await)
    }

    /// Stops waiting for the browser; the sign-in answers `cancelled`.
    pub async fn cancel_sso(&self) {
        if let Some(cancel) = self.sso_wait.cancel.lock().await.take() {
            let _ = cancel.send(());
        }
    }
}

/// Opens the sign-in page in the browser (see
/// [`portal_client::sso::open_in_browser`]), beside the wait: a browser
/// command may not return until its page is answered.
fn open_in_browser(sso: &SsoSignIn) {
    let address = sso.authorize_url().to_owned();
    tokio::task::spawn_blocking(move || {
        if let Err(error) = portal_client::sso::open_in_browser(&address) {
            tracing::warn!("single sign-on: the browser did not open: {error}");
        }
    });
}
