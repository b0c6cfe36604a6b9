//! The command boundary: every `#[tauri::command]` the webview may call.
//! Each is one call into [`crate::desk::Desk`] (or, for a dialog, the
//! dialog and then one call); errors cross as `{code, message, fields?}`.

pub mod account;
pub mod contacts;
pub mod display;
pub mod documents;
pub mod help;
pub mod kb;
pub mod outbox;
pub mod partner_kit;
pub mod progress;
pub mod security;
pub mod session;
pub mod tickets;
pub mod updates;

/// The result every command answers to the webview: a core error crosses
/// as its `{code, message, fields?, retryable, needs_sign_in}` payload (see
/// `portal_client::Error`'s `Serialize`), so commands use `?`.
pub type CommandResult<T> = Result<T, portal_client::Error>;
