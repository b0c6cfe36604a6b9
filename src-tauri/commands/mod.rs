//! The command boundary: every `#[tauri::command]` the webview may call.
//! Each is one call into [`crate::desk::Desk`] (or, for a dialog, the
//! dialog and then one call); errors cross as `{code, message, fields?}`.

pub mod account;
pub mod contacts;
pub mod documents;
pub mod progress;
pub mod security;
pub mod session;
pub mod tickets;
pub mod updates;

use portal_client::ErrorPayload;

/// The result every command answers to the webview.
pub type CommandResult<T> = Result<T, ErrorPayload>;

/// Maps a core error to what the webview receives.
pub fn payload(error: portal_client::Error) -> ErrorPayload {
    error.payload()
}
