//! Tauri commands for the Security tab and the second step of sign-in. Each
//! is one call into [`Desk`]; saving recovery codes asks where with an rfd
//! dialog built on the main thread with the window as its parent.

use portal_client::{Error, Secret};
use portal_i18n::text;
use tauri::{Runtime, State, WebviewWindow};

use crate::commands::CommandResult;
use crate::desk::security::{MfaSetupView, MfaView, RecoveryCodesView, write_recovery_codes};
use crate::desk::{Desk, SessionView};
use crate::shell::dialogs::choose_path;

/// Finishes a sign-in that asked for a code.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_in_with_code(desk: State<'_, Desk>, code: String) -> CommandResult<SessionView> {
    desk.sign_in_with_code(&code).await
}

/// Whether two-step sign-in is on (Security tab).
#[tauri::command(rename_all = "snake_case")]
pub async fn load_mfa(desk: State<'_, Desk>) -> CommandResult<MfaView> {
    desk.mfa().await
}

/// Starts setting up two-step sign-in: secret and QR code.
#[tauri::command(rename_all = "snake_case")]
pub async fn start_mfa_setup(desk: State<'_, Desk>) -> CommandResult<MfaSetupView> {
    desk.start_mfa_setup().await
}

/// Confirms the setup with a code and the password; answers the recovery
/// codes.
#[tauri::command(rename_all = "snake_case")]
pub async fn enable_mfa(
    desk: State<'_, Desk>,
    code: String,
    current_password: Secret,
) -> CommandResult<RecoveryCodesView> {
    desk.enable_mfa(&code, current_password).await
}

/// Turns two-step sign-in off with the password and a code.
#[tauri::command(rename_all = "snake_case")]
pub async fn disable_mfa(
    desk: State<'_, Desk>,
    current_password: String,
    code: String,
) -> CommandResult<MfaView> {
    desk.disable_mfa(Secret::new(current_password), &code).await
}

/// Asks the portal for a password-reset e-mail.
#[tauri::command(rename_all = "snake_case")]
pub async fn request_password_reset(
    desk: State<'_, Desk>,
    portal_url: String,
    email: String,
) -> CommandResult<String> {
    desk.request_password_reset(&portal_url, &email).await
}

/// Asks the portal to e-mail a link to choose a first password (for an
/// account someone else created); answers what happens next.
#[tauri::command(rename_all = "snake_case")]
pub async fn request_first_password(
    desk: State<'_, Desk>,
    portal_url: String,
    email: String,
) -> CommandResult<String> {
    desk.request_first_password(&portal_url, &email).await
}

/// Asks where to save the recovery codes and saves them there; `None` when
/// the dialog was cancelled, otherwise the file's path.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_recovery_codes<R: Runtime>(
    window: WebviewWindow<R>,
    desk: State<'_, Desk>,
    codes: Vec<Secret>,
) -> CommandResult<Option<String>> {
    let account = desk.account().await?;
    let chosen = choose_path(window, |dialog| {
        Box::pin(
            dialog
                .set_title(text("desk-dialog-recovery-codes", &[]))
                .set_file_name("recovery-codes.txt")
                .add_filter(text("desk-dialog-text-files", &[]), &["txt"])
                .save_file(),
        )
    });
    let Some(path) = chosen.await? else {
        return Ok(None);
    };
    let target = path.clone();
    tokio::task::spawn_blocking(move || {
        write_recovery_codes(&target, &account.portal, &account.email, &codes)
    })
    .await
    .map_err(|error| Error::local_because(text("desk-saving-failed", &[]), error))??;
    Ok(Some(path.display().to_string()))
}
