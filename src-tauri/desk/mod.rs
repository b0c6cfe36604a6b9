//! The app's use cases over the client core, with no Tauri in them: start-up
//! (restore a session, show the cached profile), sign-in, the embedded demo
//! portal, My Details, sign-out. Each Tauri command calls one method here.

pub mod account;
pub mod account_switch;
pub mod batch_downloads;
pub mod contacts;
pub mod documents;
pub mod freed_memory;
pub mod held_sessions;
pub mod help;
pub mod kb;
pub mod kept_screen;
pub mod other_accounts;
pub mod outbox;
pub mod partner_kit;
pub mod picked_files;
pub mod preferences;
pub mod restore_ahead;
pub mod running_downloads;
pub mod security;
pub mod settings;
pub mod shared_read;
pub mod single_sign_on;
pub mod tickets;
pub mod viewable;

use std::sync::Arc;

use portal_client::fresh_or_cached::{Answer, fresh_or_cached};
use portal_client::outbox::OutboxChange;
use portal_client::role_screens::RoleScreens;
use portal_client::{
    Account, AccountBook, Core, Error, PendingSignIn, PortalRole, Profile, ProfileUpdate, Result,
    Secret, Session, SignInOutcome, SignInStep,
};
use portal_i18n::text;
use serde::Serialize;
use tokio::sync::RwLock;

use crate::desk::freed_memory::FreedMemory;
use crate::desk::held_sessions::HeldSessions;
use crate::desk::kept_screen::forget_kept_screen;
use crate::desk::picked_files::PickedFiles;
use crate::desk::restore_ahead::RestoredAhead;
use crate::desk::running_downloads::RunningDownloads;
use crate::desk::shared_read::SharedRead;
use crate::desk::single_sign_on::SsoWait;
use crate::shell::demo::EmbeddedDemo;

/// The demo user "Open the demo portal" signs in as.
pub const DEMO_EMAIL: &str = "dana@example.com";
/// Every demo user's password (the demo is public).
pub const DEMO_PASSWORD: &str = "demo-password";

/// The account, as the UI shows it. No secrets.
#[derive(Debug, Clone, Serialize)]
pub struct AccountView {
    /// The account's stable id on this computer.
    pub id: String,
    /// The user name.
    pub email: String,
    /// "First Last".
    pub display_name: String,
    /// The portal's address, or "Demo portal".
    pub portal: String,
    /// True for the embedded demo portal.
    pub demo: bool,
}

impl From<&Account> for AccountView {
    fn from(account: &Account) -> Self {
        Self {
            id: account.id.clone(),
            email: account.email.clone(),
            display_name: account.display_name.clone(),
            portal: if account.demo {
                "Demo portal".into()
            } else {
                account.origin.clone()
            },
            demo: account.demo,
        }
    }
}

/// A profile with its version and when it was fetched.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileView {
    /// The profile.
    pub profile: Profile,
    /// Its ETag, sent back as `If-Match` when saving.
    pub etag: String,
    /// Unix seconds when fetched, for a cached copy; `None` when fresh.
    pub cached_at: Option<i64>,
    /// Set when the change just asked for was kept in the outbox (the
    /// portal could not be reached): what to tell the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queued: Option<String>,
}

/// A signed-in session, as the UI sees it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    /// Who is signed in where.
    pub account: AccountView,
    /// The profile, cached or fresh; `None` before the first fetch.
    pub profile: Option<ProfileView>,
    /// Set when the session cannot be kept in the keyring.
    pub keyring_warning: Option<String>,
    /// The screens the account's roles opened when last read on this
    /// computer (`None` before the first read): the navigation shows them
    /// from the first screen on instead of growing under the pointer once
    /// the roles are read again.
    pub kept_role_screens: Option<RoleScreens>,
}

/// What the app shows first.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "screen", rename_all = "snake_case")]
pub enum StartView {
    /// The sign-in form, pre-filled from the last account.
    SignIn {
        /// The last portal address (empty for none or the demo).
        portal_url: String,
        /// The last e-mail address.
        email: String,
        /// Why the stored session could not be restored, if it could not.
        notice: Option<String>,
    },
    /// Signed in: the profile screen.
    Profile(Box<SessionView>),
}

/// The Portal Roles tab.
#[derive(Debug, Clone, Serialize)]
pub struct RolesView {
    /// Every role in every organization.
    pub roles: Vec<PortalRole>,
    /// Unix seconds when fetched, for a cached copy; `None` when fresh.
    pub cached_at: Option<i64>,
}

/// What signing out did.
#[derive(Debug, Clone, Serialize)]
pub struct SignOutView {
    /// Shown when the portal could not be told.
    pub note: Option<String>,
}

/// The app's state: the core, the current session and the embedded demo.
pub struct Desk {
    pub(crate) core: Core,
    /// The shown account's session and the other signed-in ones.
    pub(crate) sessions: RwLock<HeldSessions>,
    pub(crate) demo: EmbeddedDemo,
    /// A sign-in waiting for its code (two-step sign-in).
    pub(crate) pending_sign_in: tokio::sync::Mutex<Option<PendingSignIn>>,
    /// Downloads that can be cancelled, by the UI's id.
    pub(crate) running_downloads: RunningDownloads,
    /// The files the user picked, the only ones uploads may read.
    pub(crate) picked_files: PickedFiles,
    /// Hands memory back to the system after large answers (long lists).
    pub(crate) freed_memory: FreedMemory,
    /// The single sign-on waiting for the browser, if one is.
    pub(crate) sso_wait: SsoWait,
    /// The first restore, when it was begun while the window opened.
    pub(crate) restored_ahead: RestoredAhead,
    /// Held while a folder is synced with the Partner Kit: one sync at a
    /// time (the user's and the update check's).
    pub(crate) kit_sync: tokio::sync::Mutex<()>,
    /// The roles, read once for the screens that ask at the same time.
    pub(crate) roles_read: SharedRead<RolesView>,
}

impl Desk {
    /// A desk over `core`; the embedded demo keeps its data in the core's
    /// data folder.
    pub fn new(core: Core) -> Self {
        let demo = EmbeddedDemo::new(core.dirs().data.join("demo-portal"));
        let desk = Self {
            core,
            sessions: RwLock::new(HeldSessions::default()),
            demo,
            pending_sign_in: tokio::sync::Mutex::new(None),
            running_downloads: RunningDownloads::default(),
            picked_files: PickedFiles::default(),
            kit_sync: tokio::sync::Mutex::new(()),
            freed_memory: FreedMemory::default(),
            sso_wait: SsoWait::default(),
            restored_ahead: RestoredAhead::default(),
            roles_read: SharedRead::default(),
        };
        portal_i18n::set_current(desk.language_setting().shown);
        desk
    }

    /// The first screen is painted: what start-up read and built and then
    /// let go of (the store's first reads, the catalogue, the first
    /// answers, about 3 MiB) goes back to the system once start-up's
    /// answers have stopped, as after a large answer.
    pub fn first_screen_shown(&self) {
        self.freed_memory.release_after_large_answer();
    }

    /// Restores the current account's session from the keyring, without a
    /// password and without waiting for the network; answers the cached
    /// profile when there is one. With no session and `open_demo`, signs in
    /// to the embedded demo portal instead of showing the sign-in form.
    /// The first time, takes what [`Desk::restore_ahead`] restored.
    pub async fn start(&self, open_demo: bool) -> Result<StartView> {
        let view = match self.restored_ahead.take().await {
            Some(restored) => restored?,
            None => self.restore().await?,
        };
        match view {
            StartView::SignIn { .. } if open_demo => {
                Ok(StartView::Profile(Box::new(self.open_demo().await?)))
            }
            view => Ok(view),
        }
    }

    pub(crate) async fn restore(&self) -> Result<StartView> {
        let book = self.core.accounts()?;
        let Some(account) = book.current().cloned() else {
            return Ok(sign_in_view(None, None));
        };
        let held = self.sessions.write().await.take_other(&account.id);
        let resumed = if let Some(held) = held {
            Ok(held)
        } else if account.demo {
            match self.demo.url().await {
                Ok(url) => self
                    .core
                    .resume_embedded_demo(account.clone(), &url)
                    .await
                    .map(Arc::new),
                Err(error) => Err(error),
            }
        } else {
            self.core
                .resume_account(account.clone())
                .await
                .map(Arc::new)
        };
        match resumed {
            Ok(session) => {
                let cached = session.cached_profile()?;
                let view = SessionView {
                    account: AccountView::from(&session.account()),
                    profile: cached.map(|cached| ProfileView {
                        profile: cached.profile,
                        etag: cached.etag,
                        cached_at: Some(cached.fetched_at),
                        queued: None,
                    }),
                    keyring_warning: None,
                    kept_role_screens: kept_role_screens(&session),
                };
                self.sessions.write().await.show(session);
                Ok(StartView::Profile(Box::new(view)))
            }
            // Its data is not shown first next time either.
            Err(Error::NotSignedIn(_)) => {
                forget_kept_screen(&self.core, &account);
                Ok(sign_in_view(Some(&account), None))
            }
            Err(error) => {
                forget_kept_screen(&self.core, &account);
                Ok(sign_in_view(Some(&account), Some(error.to_string())))
            }
        }
    }

    /// Signs in to a portal with e-mail and password. When `adding` an
    /// account beside the others, one already here and signed in is
    /// refused (it is a click away in the account menu).
    pub async fn sign_in(
        &self,
        portal_url: &str,
        email: &str,
        password: Secret,
        adding: bool,
    ) -> Result<SessionView> {
        if adding {
            self.refuse_account_already_here(portal_url, email).await?;
        }
        let outcome = self.core.sign_in(portal_url, email, password).await;
        self.adopt_or_wait_for_code(outcome).await
    }

    /// Starts the embedded demo portal (if it is not running) and signs in
    /// as the demo user.
    pub async fn open_demo(&self) -> Result<SessionView> {
        let url = self.demo.url().await?;
        let outcome = self
            .core
            .sign_in_to_embedded_demo(&url, DEMO_EMAIL, Secret::new(DEMO_PASSWORD))
            .await;
        self.adopt_or_wait_for_code(outcome).await
    }

    /// Signs in again to the current account after its session ended, with
    /// only the password.
    pub async fn sign_in_again(&self, password: Secret) -> Result<SessionView> {
        let book: AccountBook = self.core.accounts()?;
        let account = book
            .current()
            .cloned()
            .ok_or_else(|| Error::NotSignedIn(String::new()))?;
        let outcome = if account.demo {
            let url = self.demo.url().await?;
            self.core
                .sign_in_to_embedded_demo(&url, &account.email, password)
                .await
        } else {
            self.core
                .sign_in(&account.portal_url, &account.email, password)
                .await
        };
        self.adopt_or_wait_for_code(outcome).await
    }

    /// Fetches the profile from the portal.
    pub async fn refresh_profile(&self) -> Result<ProfileView> {
        let session = self.session().await?;
        let (profile, etag) = session.profile().await?;
        Ok(ProfileView {
            profile,
            etag,
            cached_at: None,
            queued: None,
        })
    }

    /// Saves changed fields, based on the version `if_match`.
    pub async fn save_profile(
        &self,
        update: &ProfileUpdate,
        if_match: &str,
    ) -> Result<ProfileView> {
        let session = self.session().await?;
        match session.update_profile(update, if_match).await {
            Ok((profile, etag)) => {
                outbox::withdraw_superseded(&session, |change| {
                    matches!(change, OutboxChange::Profile { .. })
                })?;
                Ok(ProfileView {
                    profile,
                    etag,
                    cached_at: None,
                    queued: None,
                })
            }
            Err(error) if error.is_offline() => self.queue_profile(&session, update, if_match),
            Err(error) => Err(error),
        }
    }

    /// The user's roles in every organization, or the cached copy when the
    /// portal cannot be reached.
    ///
    /// Screens that ask at the same time (at start: the Payments Manager,
    /// Contacts, the Partner Kit) share one read.
    pub async fn roles(&self) -> Result<RolesView> {
        let session = self.session().await?;
        let account = session.account().id;
        self.roles_read.read(&account, || roles_of(&session)).await
    }

    /// Signs out of the current session.
    pub async fn sign_out(&self) -> Result<SignOutView> {
        *self.pending_sign_in.lock().await = None;
        // The next user of this app picks their own files.
        self.picked_files.forget_all();
        let session = self.sessions.write().await.take_shown();
        let Some(session) = session else {
            return Ok(SignOutView { note: None });
        };
        forget_kept_screen(&self.core, &session.account());
        let outcome = session.sign_out().await?;
        tracing::info!(portal_notified = outcome.portal_notified, "signed out");
        self.move_on_from(&session.account()).await?;
        Ok(SignOutView { note: outcome.note })
    }

    /// Drops the session here after the portal ended it (its keyring entry
    /// is gone already).
    pub(crate) async fn forget_session(&self) {
        self.sessions.write().await.take_shown();
    }

    /// The signed-in account, as the UI shows it.
    pub async fn account(&self) -> Result<AccountView> {
        Ok(AccountView::from(&self.session().await?.account()))
    }

    /// The portal whose update feed the app asks: the signed-in one's,
    /// unless it is the embedded demo (updates come from a real portal).
    pub async fn update_portal_url(&self) -> Option<String> {
        let session = self.session().await.ok()?;
        let account = session.account();
        (!account.demo).then_some(account.portal_url)
    }

    /// Stops the embedded demo portal, if it runs.
    pub async fn shut_down(&self) {
        self.demo.stop().await;
    }

    /// The session, when it is the embedded demo's: the demo's stand-ins
    /// for the vendor's staff act only there. `staff_only` says what only
    /// the real portal's staff can do.
    pub(crate) async fn demo_session(&self, staff_only: &str) -> Result<Arc<Session>> {
        let session = self.session().await?;
        if !session.account().demo {
            return Err(Error::Portal {
                status: 403,
                code: "not_demo".into(),
                message: text("desk-staff-only", &[("what", staff_only.into())]),
            });
        }
        Ok(session)
    }

    pub(crate) async fn session(&self) -> Result<Arc<Session>> {
        self.sessions
            .read()
            .await
            .shown()
            .ok_or_else(|| Error::NotSignedIn(String::new()))
    }

    /// Adopts a finished sign-in; one that waits for a code is kept for
    /// [`Desk::sign_in_with_code`] and answered as `mfa_required`.
    pub(crate) async fn adopt_or_wait_for_code(
        &self,
        step: Result<SignInStep>,
    ) -> Result<SessionView> {
        match step? {
            SignInStep::SignedIn(outcome) => {
                *self.pending_sign_in.lock().await = None;
                Ok(self.adopt(*outcome).await)
            }
            SignInStep::NeedsCode(pending) => {
                *self.pending_sign_in.lock().await = Some(pending);
                Err(Error::MfaRequired)
            }
        }
    }

    pub(crate) async fn adopt(&self, outcome: SignInOutcome) -> SessionView {
        let SignInOutcome {
            session,
            profile,
            etag,
            keyring_problem,
        } = outcome;
        let view = SessionView {
            account: AccountView::from(&session.account()),
            profile: Some(ProfileView {
                profile,
                etag,
                cached_at: None,
                queued: None,
            }),
            keyring_warning: keyring_problem.map(|problem| problem.to_string()),
            kept_role_screens: kept_role_screens(&session),
        };
        self.sessions.write().await.show(Arc::new(session));
        view
    }
}

/// The role-given screens as the roles kept on this computer open them (a
/// kept copy that cannot be read counts as none: the roles are read again
/// just after).
/// The user's roles from the portal, or the copy kept here when it cannot
/// be reached.
async fn roles_of(session: &Session) -> Result<RolesView> {
    Ok(
        match fresh_or_cached(session.roles().await, || session.cached_roles())? {
            Answer::Fresh(roles) => RolesView {
                roles,
                cached_at: None,
            },
            Answer::Cached(cached) => RolesView {
                roles: cached.value,
                cached_at: Some(cached.fetched_at),
            },
        },
    )
}

fn kept_role_screens(session: &Session) -> Option<RoleScreens> {
    match session.cached_roles() {
        Ok(kept) => kept.map(|kept| RoleScreens::of(&kept.value)),
        Err(error) => {
            tracing::warn!(%error, "the kept roles could not be read");
            None
        }
    }
}

fn sign_in_view(account: Option<&Account>, notice: Option<String>) -> StartView {
    StartView::SignIn {
        portal_url: account
            .filter(|account| !account.demo)
            .map(|account| account.portal_url.clone())
            .unwrap_or_default(),
        email: account
            .filter(|account| !account.demo)
            .map(|account| account.email.clone())
            .unwrap_or_default(),
        notice,
    }
}
