//! Tauri commands for the account parts of My Details: password, user-name
//! change request, profile photo. Each is one call into [`Desk`]; the photo
//! picker is an rfd dialog built on the main thread with the window as its
//! parent.

use portal_client::Secret;
use portal_i18n::text;
use tauri::{Runtime, State, WebviewWindow};

use crate::commands::CommandResult;
use crate::desk::account::{PhotoChange, PhotoView, WaitingUsername};
use crate::desk::{Desk, ProfileView};
use crate::shell::dialogs::choose_path;

/// Changes the password (current and new, each typed once here).
#[tauri::command(rename_all = "snake_case")]
pub async fn change_password(
    desk: State<'_, Desk>,
    current_password: String,
    new_password: String,
) -> CommandResult<()> {
    desk.change_password(Secret::new(current_password), Secret::new(new_password))
        .await
}

/// Asks for a new user name; answers the profile with the request pending.
#[tauri::command(rename_all = "snake_case")]
pub async fn request_username_change(
    desk: State<'_, Desk>,
    new_email: String,
    current_password: String,
    reason: String,
) -> CommandResult<ProfileView> {
    desk.request_username_change(&new_email, Secret::new(current_password), &reason)
        .await
}

/// The user-name change request waiting in the outbox, if any.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_waiting_username(
    desk: State<'_, Desk>,
) -> CommandResult<Option<WaitingUsername>> {
    desk.waiting_username().await
}

/// The embedded demo's stand-in for the vendor: approves the request.
#[tauri::command(rename_all = "snake_case")]
pub async fn approve_username_change_in_demo(
    desk: State<'_, Desk>,
    ticket_id: i64,
) -> CommandResult<ProfileView> {
    desk.approve_username_change_in_demo(ticket_id).await
}

/// Lets the user pick a picture and makes it the profile photo; `None` when
/// the dialog was cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_photo<R: Runtime>(
    window: WebviewWindow<R>,
    desk: State<'_, Desk>,
) -> CommandResult<Option<PhotoChange>> {
    let picked = choose_path(window, |dialog| {
        Box::pin(
            dialog
                .set_title(text("desk-dialog-photo", &[]))
                .add_filter(
                    text("desk-dialog-pictures", &[]),
                    &["png", "jpg", "jpeg", "webp"],
                )
                .pick_file(),
        )
    });
    let Some(path) = picked.await? else {
        return Ok(None);
    };
    desk.set_photo_from_file(path).await.map(Some)
}

/// Removes the profile photo.
#[tauri::command(rename_all = "snake_case")]
pub async fn remove_photo(desk: State<'_, Desk>) -> CommandResult<PhotoChange> {
    desk.remove_photo().await
}

/// The photo the profile names by `etag` (`None` for no photo).
#[tauri::command(rename_all = "snake_case")]
pub async fn load_photo(desk: State<'_, Desk>, etag: Option<String>) -> CommandResult<PhotoView> {
    desk.photo(etag).await
}
