//! Commands for the Help dialog: the version and system, "Open log folder"
//! and "Copy diagnostics" (copied by Rust, so the webview needs no
//! clipboard permission).

use portal_client::Error;
use portal_i18n::text;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::commands::CommandResult;
use crate::desk::Desk;
use crate::desk::help::AboutView;

/// Version, system and log folder.
#[tauri::command(rename_all = "snake_case")]
pub fn load_about(desk: State<'_, Desk>) -> AboutView {
    desk.about()
}

/// Opens the folder of the log files in the file manager.
#[tauri::command(rename_all = "snake_case")]
pub fn open_log_folder(desk: State<'_, Desk>) -> CommandResult<()> {
    let folder = desk.log_folder();
    tauri_plugin_opener::open_path(&folder, None::<&str>).map_err(|error| {
        Error::Desktop(text(
            "desk-file-manager-not-opened",
            &[
                ("path", folder.display().to_string().into()),
                ("reason", error.to_string().into()),
            ],
        ))
    })
}

/// Copies the diagnostics to the clipboard and answers them, so the dialog
/// shows what was copied.
#[tauri::command(rename_all = "snake_case")]
pub async fn copy_diagnostics<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
) -> CommandResult<String> {
    let diagnostics = desk.diagnostics().await;
    app.clipboard()
        .write_text(diagnostics.clone())
        .map_err(|error| {
            Error::Desktop(text(
                "desk-clipboard-failed",
                &[("reason", error.to_string().into())],
            ))
        })?;
    Ok(diagnostics)
}
