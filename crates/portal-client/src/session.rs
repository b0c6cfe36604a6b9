//! Sign-in, sessions with transparent token refresh, and sign-out.
//!
//! Only the refresh token is kept, in the OS keyring; the access token lives
//! in memory. A 401 triggers one refresh and one retry; a refused refresh
//! ends the session with a clear "sign in again", losing nothing else.

use portal_api::Secret;
use portal_api::auth::{RefreshRequest, TokenResponse};
use portal_api::paths;
use portal_api::profile::{Profile, ProfileUpdate};
use portal_api::roles::PortalRole;
use portal_api::settings::{Settings, SettingsUpdate};
use portal_i18n::text;
use reqwest::header::IF_MATCH;
use reqwest::{Method, Response, StatusCode};
use std::sync::Arc;

use tokio::sync::{Mutex, Semaphore};

use crate::accounts::{Account, AccountBook, AccountPlace};
use crate::dirs::AppDirs;
use crate::download_request::MAX_CONCURRENT_DOWNLOADS;
use crate::error::{Error, Result};
use crate::http::{ApiRequest, Pause, PortalHttp, sleeping_pause};
use crate::local_store::{Cached, CachedProfile, LocalStore};
use crate::portal_url::PortalUrl;
use crate::vault::Vault;

/// The entry point: local folders plus the keyring.
#[derive(Clone)]
pub struct Core {
    pub(crate) dirs: AppDirs,
    pub(crate) vault: Vault,
    pause: Pause,
    /// The download slots every session of this core shares (see
    /// [`crate::downloads::MAX_CONCURRENT_DOWNLOADS`]).
    download_slots: Arc<Semaphore>,
}

/// What signing in produced.
#[derive(Debug)]
pub struct SignInOutcome {
    /// The new session.
    pub session: Session,
    /// The user's profile, as just fetched.
    pub profile: Profile,
    /// The profile's ETag.
    pub etag: String,
    /// Why the session could not be kept in the keyring, if it could not:
    /// then it lasts only as long as this process.
    pub keyring_problem: Option<Error>,
}

/// What signing out did.
#[derive(Debug)]
pub struct SignOutOutcome {
    /// False when the portal could not be told; the local session is gone
    /// either way.
    pub portal_notified: bool,
    /// Why the portal could not be told.
    pub note: Option<String>,
}

impl std::fmt::Debug for Core {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core")
            .field("dirs", &self.dirs)
            .field("vault", &self.vault)
            .finish_non_exhaustive()
    }
}

impl Core {
    /// A core over the given folders and vault.
    pub fn new(dirs: AppDirs, vault: Vault) -> Self {
        Self {
            dirs,
            vault,
            pause: sleeping_pause(),
            download_slots: Arc::new(Semaphore::new(MAX_CONCURRENT_DOWNLOADS)),
        }
    }

    /// The same core, whose sessions wait before retries with `pause`
    /// (tests record the waits instead of sleeping through them).
    pub fn with_pause(mut self, pause: Pause) -> Self {
        self.pause = pause;
        self
    }

    /// An HTTP client for `portal` that waits with this core's pause.
    pub(crate) fn http_for(&self, portal: PortalUrl) -> Result<PortalHttp> {
        Ok(PortalHttp::new(portal)?.with_pause(self.pause.clone()))
    }

    /// Folders from `PORTAL_DESK_HOME` or the platform; the app's keyring
    /// service.
    pub fn from_env() -> Result<Self> {
        Ok(Self::new(AppDirs::from_env()?, Vault::for_app()))
    }

    /// All folders under `home` (as with `PORTAL_DESK_HOME=home`); the app's
    /// keyring service.
    pub fn under(home: &std::path::Path) -> Self {
        Self::new(AppDirs::under(home), Vault::for_app())
    }

    /// The folders in use.
    pub fn dirs(&self) -> &AppDirs {
        &self.dirs
    }

    /// The account list.
    pub fn accounts(&self) -> Result<AccountBook> {
        AccountBook::load(&self.dirs)
    }

    /// Fetches the profile with new tokens, records the account and keeps
    /// the refresh token in the keyring.
    pub(crate) async fn complete_sign_in(
        &self,
        http: PortalHttp,
        place: AccountPlace,
        tokens: TokenResponse,
    ) -> Result<SignInOutcome> {
        let mut request = ApiRequest::new(Method::GET, paths::ME);
        request.bearer = Some(&tokens.access_token);
        let response = http.send(&request).await?;
        let (profile, etag): (Profile, String) = read_with_etag(&http, response).await?;

        let mut book = self.accounts()?;
        let account = book.upsert_current(&place, &profile.email, &profile.display_name())?;
        book.save(&self.dirs)?;
        let store = self.local_store(&account)?;
        store.save_profile(&profile, &etag)?;

        let keyring_problem = self
            .vault
            .save(&account.vault_entry(), &tokens.refresh_token)
            .await
            .err();
        tracing::info!(portal = %account.origin, kept_in_keyring = keyring_problem.is_none(), "signed in");
        if let Some(problem) = &keyring_problem {
            tracing::warn!(code = problem.code(), "the session is not kept: {problem}");
        }
        let session = Session {
            http,
            account: std::sync::RwLock::new(account),
            dirs: self.dirs.clone(),
            vault: self.vault.clone(),
            store,
            tokens: Mutex::new(Tokens {
                access: Some(tokens.access_token),
                refresh: Some(tokens.refresh_token),
            }),
            in_keyring: keyring_problem.is_none(),
            download_slots: self.download_slots.clone(),
        };
        Ok(SignInOutcome {
            session,
            profile,
            etag,
            keyring_problem,
        })
    }

    /// The current account's session, restored from the keyring without a
    /// password.
    pub async fn resume(&self) -> Result<Session> {
        let book = self.accounts()?;
        let account = book
            .current()
            .cloned()
            .ok_or_else(|| Error::NotSignedIn(text("session-not-signed-in", &[])))?;
        self.resume_account(account).await
    }

    /// A given account's session, restored from the keyring. The embedded
    /// demo's account needs [`Core::resume_embedded_demo`] instead.
    pub async fn resume_account(&self, account: Account) -> Result<Session> {
        if account.demo {
            return Err(Error::NotSignedIn(text("session-not-signed-in-demo", &[])));
        }
        let portal = PortalUrl::parse(&account.portal_url)?;
        self.resume_at(account, portal).await
    }

    /// The embedded demo account's session, with the demo portal listening at
    /// `live_url` this run.
    pub async fn resume_embedded_demo(&self, account: Account, live_url: &str) -> Result<Session> {
        let portal = PortalUrl::parse(live_url)?;
        self.resume_at(account, portal).await
    }

    fn local_store(&self, account: &Account) -> Result<LocalStore> {
        LocalStore::open(&self.dirs.account_data(&account.id))
    }

    /// `account`'s store on this computer, without a session, for what a
    /// list of accounts shows; `None` when it has none here (none is made).
    pub(crate) fn kept_store(&self, account: &Account) -> Result<Option<LocalStore>> {
        let folder = self.dirs.account_data(&account.id);
        if !folder.join(crate::local_store::STORE_FILE).exists() {
            return Ok(None);
        }
        LocalStore::open(&folder).map(Some)
    }

    async fn resume_at(&self, account: Account, portal: PortalUrl) -> Result<Session> {
        let refresh = self
            .vault
            .load(&account.vault_entry())
            .await?
            .ok_or_else(|| {
                Error::NotSignedIn(text(
                    "session-not-signed-in-to-as",
                    &[
                        ("portal", (&account.origin).into()),
                        ("email", (&account.email).into()),
                    ],
                ))
            })?;
        let store = self.local_store(&account)?;
        Ok(Session {
            http: self.http_for(portal)?,
            account: std::sync::RwLock::new(account),
            dirs: self.dirs.clone(),
            vault: self.vault.clone(),
            store,
            tokens: Mutex::new(Tokens {
                access: None,
                refresh: Some(refresh),
            }),
            in_keyring: true,
            download_slots: self.download_slots.clone(),
        })
    }
}

struct Tokens {
    access: Option<Secret>,
    refresh: Option<Secret>,
}

/// A signed-in session with one portal account.
pub struct Session {
    pub(crate) http: PortalHttp,
    account: std::sync::RwLock<Account>,
    dirs: AppDirs,
    pub(crate) vault: Vault,
    pub(crate) store: LocalStore,
    tokens: Mutex<Tokens>,
    in_keyring: bool,
    /// The core's download slots.
    pub(crate) download_slots: Arc<Semaphore>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("account", &self.account())
            .field("in_keyring", &self.in_keyring)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// The account this session belongs to.
    pub fn account(&self) -> Account {
        self.account
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The folders the app writes to.
    pub fn dirs(&self) -> &AppDirs {
        &self.dirs
    }

    /// Whether the session survives a restart (its refresh token is in the
    /// keyring).
    pub fn is_kept_in_keyring(&self) -> bool {
        self.in_keyring
    }

    /// The profile as last fetched, without the network.
    pub fn cached_profile(&self) -> Result<Option<CachedProfile>> {
        self.store.cached_profile()
    }

    /// Fetches the profile and its ETag, and caches them.
    pub async fn profile(&self) -> Result<(Profile, String)> {
        let response = self
            .send_authorized(|| Ok(ApiRequest::new(Method::GET, paths::ME)))
            .await?;
        let (profile, etag): (Profile, String) = read_with_etag(&self.http, response).await?;
        self.store.save_profile(&profile, &etag)?;
        self.follow_user_name(&profile).await?;
        Ok((profile, etag))
    }

    /// When the portal now knows the user under another name (an approved
    /// user-name change), moves the keyring entry and the account entry to
    /// it. The session stays signed in; the new entry is written before the
    /// old one is removed, so a failure part-way loses nothing.
    async fn follow_user_name(&self, profile: &Profile) -> Result<()> {
        let before = self.account();
        if before.email == profile.email {
            return Ok(());
        }
        let tokens = self.tokens.lock().await;
        let mut after = before.clone();
        after.email = profile.email.clone();
        after.display_name = profile.display_name();
        if self.in_keyring
            && let Some(refresh) = &tokens.refresh
        {
            self.vault.save(&after.vault_entry(), refresh).await?;
        }
        let mut book = AccountBook::load(&self.dirs)?;
        book.rename(&before.id, &profile.email, &after.display_name);
        book.save(&self.dirs)?;
        *self
            .account
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = after;
        if self.in_keyring {
            self.vault.delete(&before.vault_entry()).await?;
        }
        Ok(())
    }

    /// Changes profile fields, based on the version named by `if_match`.
    /// A stale version is [`Error::Conflict`]; nothing is overwritten.
    pub async fn update_profile(
        &self,
        update: &ProfileUpdate,
        if_match: &str,
    ) -> Result<(Profile, String)> {
        let response = self
            .send_authorized(|| {
                ApiRequest::new(Method::PATCH, paths::ME)
                    .json(update)?
                    .header(IF_MATCH, if_match)
            })
            .await?;
        let (profile, etag): (Profile, String) = read_with_etag(&self.http, response).await?;
        self.store.save_profile(&profile, &etag)?;
        self.follow_user_name(&profile).await?;
        Ok((profile, etag))
    }

    /// Fetches the personal settings and their ETag, and caches them.
    pub async fn settings(&self) -> Result<(Settings, String)> {
        let response = self
            .send_authorized(|| Ok(ApiRequest::new(Method::GET, paths::ME_SETTINGS)))
            .await?;
        let (settings, etag) = read_with_etag(&self.http, response).await?;
        self.store
            .save_cached(SETTINGS_KEY, &settings, Some(&etag))?;
        Ok((settings, etag))
    }

    /// The settings as last fetched, without the network.
    pub fn cached_settings(&self) -> Result<Option<Cached<Settings>>> {
        self.store.cached(SETTINGS_KEY)
    }

    /// Replaces the settings, based on the version named by `if_match`.
    pub async fn update_settings(
        &self,
        update: &SettingsUpdate,
        if_match: &str,
    ) -> Result<(Settings, String)> {
        let response = self
            .send_authorized(|| {
                ApiRequest::new(Method::PUT, paths::ME_SETTINGS)
                    .json(update)?
                    .header(IF_MATCH, if_match)
            })
            .await?;
        let (settings, etag) = read_with_etag(&self.http, response).await?;
        self.store
            .save_cached(SETTINGS_KEY, &settings, Some(&etag))?;
        Ok((settings, etag))
    }

    /// Every role of the user in every organization (all pages), cached.
    pub async fn roles(&self) -> Result<Vec<PortalRole>> {
        let roles: Vec<PortalRole> = self
            .all_pages(paths::ME_ROLES, &[("limit", "200".to_owned())])
            .await?;
        self.store.save_cached(ROLES_KEY, &roles, None)?;
        Ok(roles)
    }

    /// The roles as last fetched, without the network.
    pub fn cached_roles(&self) -> Result<Option<Cached<Vec<PortalRole>>>> {
        self.store.cached(ROLES_KEY)
    }

    /// Signs out: the portal revokes the session, and the keyring entry is
    /// deleted. Works offline too (then only locally).
    pub async fn sign_out(&self) -> Result<SignOutOutcome> {
        let refresh = self.tokens.lock().await.refresh.take();
        let mut outcome = SignOutOutcome {
            portal_notified: true,
            note: None,
        };
        if let Some(refresh_token) = refresh {
            let request = ApiRequest::new(Method::POST, paths::AUTH_LOGOUT)
                .json(&RefreshRequest { refresh_token })?;
            let result = match self.http.send(&request).await {
                Ok(response) if response.status().is_success() => Ok(()),
                Ok(response) => Err(self.http.error_from(response).await),
                Err(error) => Err(error),
            };
            if let Err(error) = result {
                outcome.portal_notified = false;
                outcome.note = Some(text(
                    "signout-portal-not-told",
                    &[("reason", error.to_string().into())],
                ));
            }
        }
        if self.in_keyring {
            self.vault.delete(&self.account().vault_entry()).await?;
        }
        Ok(outcome)
    }

    /// Sends a request with the access token; on 401 refreshes once and
    /// sends it again.
    pub(crate) async fn send_authorized<'p>(
        &self,
        make: impl Fn() -> Result<ApiRequest<'p>>,
    ) -> Result<Response> {
        let access = self.access_token().await?;
        let response = self.send_with(&make, &access).await?;
        if response.status() != StatusCode::UNAUTHORIZED {
            return Ok(response);
        }
        let access = self.refresh_after_rejection(&access).await?;
        let response = self.send_with(&make, &access).await?;
        if response.status() == StatusCode::UNAUTHORIZED {
            return Err(Error::SessionEnded(text("session-not-accepted", &[])));
        }
        Ok(response)
    }

    async fn send_with<'p>(
        &self,
        make: &impl Fn() -> Result<ApiRequest<'p>>,
        access: &Secret,
    ) -> Result<Response> {
        let request = make()?;
        let request = ApiRequest {
            bearer: Some(access),
            ..request
        };
        self.http.send(&request).await
    }

    async fn access_token(&self) -> Result<Secret> {
        let mut tokens = self.tokens.lock().await;
        if let Some(access) = &tokens.access {
            return Ok(access.clone());
        }
        self.refresh(&mut tokens).await
    }

    async fn refresh_after_rejection(&self, rejected: &Secret) -> Result<Secret> {
        let mut tokens = self.tokens.lock().await;
        match &tokens.access {
            Some(current) if current != rejected => Ok(current.clone()),
            _ => self.refresh(&mut tokens).await,
        }
    }

    /// Trades the refresh token for new tokens. A session kept in the
    /// keyring may be shared with other processes on this computer (the app
    /// and pdesk): the refresh runs under the account's lock file, and
    /// starts from the token in the keyring, which another process may have
    /// rotated meanwhile. Otherwise both would present the same token and
    /// the portal's reuse detection would end the session.
    async fn refresh(&self, tokens: &mut Tokens) -> Result<Secret> {
        let _lock = if self.in_keyring && tokens.refresh.is_some() {
            let lock = self.refresh_lock().await?;
            if let Some(stored) = self.vault.load(&self.account().vault_entry()).await? {
                tokens.refresh = Some(stored);
            }
            Some(lock)
        } else {
            None
        };
        let refresh_token = tokens
            .refresh
            .clone()
            .ok_or_else(|| Error::SessionEnded(text("session-signed-out", &[])))?;
        let request = ApiRequest::new(Method::POST, paths::AUTH_REFRESH)
            .json(&RefreshRequest { refresh_token })?;
        let response = self.http.send(&request).await?;
        if !response.status().is_success() {
            let error = self.http.error_from(response).await;
            tracing::warn!(
                code = error.code(),
                "refreshing the session failed: {error}"
            );
            if let Error::SessionEnded(_) = error {
                tokens.access = None;
                tokens.refresh = None;
                if self.in_keyring {
                    let _ = self.vault.delete(&self.account().vault_entry()).await;
                }
            }
            return Err(error);
        }
        let fresh: TokenResponse = self.http.read_json(response).await?;
        tracing::debug!("session refreshed");
        tokens.access = Some(fresh.access_token.clone());
        tokens.refresh = Some(fresh.refresh_token.clone());
        if self.in_keyring {
            self.vault
                .save(&self.account().vault_entry(), &fresh.refresh_token)
                .await?;
        }
        Ok(fresh.access_token)
    }
}

impl Session {
    /// Waits for the account's refresh lock (a file lock, so it holds
    /// across processes); it is released when the file is dropped.
    async fn refresh_lock(&self) -> Result<std::fs::File> {
        let path = self
            .dirs
            .account_data(&self.account().id)
            .join("refresh.lock");
        tokio::task::spawn_blocking(move || {
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder)?;
            }
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)?;
            file.lock()?;
            Ok::<_, std::io::Error>(file)
        })
        .await
        .map_err(|error| Error::local_because("the refresh lock", error))?
        .map_err(|error| Error::local_because("cannot lock the session for a refresh", error))
    }
}

const SETTINGS_KEY: &str = "settings";
const ROLES_KEY: &str = "roles";

/// Reads a JSON answer that must carry a strong ETag.
async fn read_with_etag<T: serde::de::DeserializeOwned>(
    http: &PortalHttp,
    response: Response,
) -> Result<(T, String)> {
    let etag = crate::http::etag_of(&response);
    let value: T = http.read_json(response).await?;
    let etag = etag.ok_or_else(|| Error::NotAPortal {
        origin: http.portal().origin(),
        what: "an editable resource without an ETag".into(),
    })?;
    Ok((value, etag))
}
