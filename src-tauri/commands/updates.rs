//! Tauri commands for Portal Desk's own updates: each is one call into
//! [`UpdateDesk`], with the signed-in portal as the feed's home.

use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::commands::CommandResult;
use crate::desk::Desk;
use crate::shell::updates::{OfferedUpdate, UpdateDesk, UpdateProgress};

/// Looks for a newer Portal Desk: `manual` when the user asked (always
/// runs, says what failed), otherwise the start-up and daily check (runs
/// when due, quiet when the feed fails).
#[tauri::command(rename_all = "snake_case")]
pub async fn check_for_update<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    updates: State<'_, UpdateDesk>,
    manual: bool,
) -> CommandResult<Option<OfferedUpdate>> {
    let portal_url = desk.update_portal_url().await;
    updates.check(&app, portal_url.as_deref(), manual).await
}

/// Downloads, verifies and installs the offered update, then restarts.
#[tauri::command(rename_all = "snake_case")]
pub async fn install_update<R: Runtime>(
    app: AppHandle<R>,
    updates: State<'_, UpdateDesk>,
    on_event: Channel<UpdateProgress>,
) -> CommandResult<()> {
    updates.install(&app, on_event).await
}
