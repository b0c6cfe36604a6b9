//! Portal Desk's client core, with no Tauri in it: the HTTP client, sign-in
//! and token refresh, the keyring, accounts and the per-account local store.
//! The desktop app and `pdesk` are thin layers over [`Core`] and [`Session`].

#![warn(missing_docs)]

pub mod account_changes;
pub mod account_list;
pub mod accounts;
pub mod contacts;
pub mod diagnostics;
pub mod dirs;
pub mod disk;
pub mod documents;
pub mod download_request;
pub mod downloads;
pub mod error;
pub mod file_marks;
pub mod file_names;
pub mod fresh_or_cached;
pub mod http;
pub mod idempotency;
pub mod kb;
pub mod kb_export;
pub mod kb_html;
pub mod kb_store;
pub mod kit_store;
pub mod library;
pub mod local_store;
pub mod open_policy;
pub mod outbox;
pub mod outbox_secrets;
pub mod outbox_send;
pub mod own_copies;
mod pages;
/// The part file of one download (used by [`downloads`]).
mod part_file;
mod part_writer;
pub mod partner_kit;
pub mod photo;
pub mod polling;
pub mod portal_url;
pub mod progress_pace;
pub mod publish;
pub mod role_screens;
pub mod safe_names;
pub mod session;
pub mod sign_in;
pub mod sso;
pub mod ticket_state;
pub mod tickets;
pub mod transport;
pub mod two_step;
pub mod updates;
pub mod uploads;
pub mod vault;

pub use accounts::{Account, AccountBook, AccountPlace};
pub use dirs::AppDirs;
pub use error::{Error, ErrorPayload, Result};
pub use local_store::{CachedFile, CachedProfile, LocalStore};
pub use portal_api::Secret;
pub use portal_api::account::PendingUsernameChange;
pub use portal_api::profile::{Profile, ProfileUpdate};
pub use portal_api::roles::PortalRole;
pub use portal_api::settings::{AttachmentNameFormat, Settings, SettingsUpdate};
pub use portal_url::PortalUrl;
pub use session::{Core, Session, SignInOutcome, SignOutOutcome};
pub use sign_in::{PendingSignIn, SignInStep};
pub use vault::Vault;

/// The app identifier: the keyring service name and the Tauri identifier.
pub const APP_IDENTIFIER: &str = "app.portaldesk.desktop";
