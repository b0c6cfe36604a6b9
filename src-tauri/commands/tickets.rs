//! Tauri commands for the Tickets screen. Each is one call into [`Desk`];
//! upload progress and ticket updates reach the webview through typed
//! channels; files are picked with an rfd dialog, and the desk uploads only
//! picked files (or those of a draft made of picked files), whatever paths
//! the webview names.

use std::path::PathBuf;

use portal_client::ticket_state::Draft;
use portal_i18n::text;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State, WebviewWindow};

use crate::commands::CommandResult;
use crate::commands::progress::{DownloadProgress, DownloadReporter, UploadEvent, UploadReporter};
use crate::desk::Desk;
use crate::desk::tickets::{CreatedTicket, PickedAttachment, TicketView, TicketsView};
use crate::desk::viewable::ViewableFile;
use crate::shell::dialogs::choose;
use crate::shell::ticket_watch::{TicketWatch, TicketsEvent};

/// The ticket list (the cached one when offline); `unchanged` (and no
/// tickets) when the list is still `shown_version`.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_tickets(
    desk: State<'_, Desk>,
    shown_version: Option<String>,
) -> CommandResult<TicketsView> {
    desk.tickets(shown_version.as_deref()).await
}

/// The ticket list kept on this computer (null before the first sync),
/// without asking the portal.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_kept_tickets(desk: State<'_, Desk>) -> CommandResult<Option<TicketsView>> {
    desk.kept_tickets().await
}

/// One ticket with its conversation, marked read.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_ticket(desk: State<'_, Desk>, number: i64) -> CommandResult<TicketView> {
    desk.ticket(number).await
}

/// Replies to a ticket; upload progress goes to `on_progress`.
#[tauri::command(rename_all = "snake_case")]
pub async fn reply_to_ticket(
    desk: State<'_, Desk>,
    number: i64,
    message: String,
    attachments: Vec<PathBuf>,
    on_progress: Channel<UploadEvent>,
) -> CommandResult<TicketView> {
    let reporter = UploadReporter::new(on_progress);
    let outcome = desk
        .reply_to_ticket(number, &message, &attachments, reporter.sink())
        .await;
    reporter.finish(outcome)
}

/// Raises a support ticket; upload progress goes to `on_progress`.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_ticket(
    desk: State<'_, Desk>,
    subject: String,
    message: String,
    organization_id: Option<i64>,
    attachments: Vec<PathBuf>,
    on_progress: Channel<UploadEvent>,
) -> CommandResult<CreatedTicket> {
    let reporter = UploadReporter::new(on_progress);
    let outcome = desk
        .create_ticket(
            &subject,
            &message,
            organization_id,
            &attachments,
            reporter.sink(),
        )
        .await;
    reporter.finish(outcome)
}

/// Cancels a request ticket.
#[tauri::command(rename_all = "snake_case")]
pub async fn cancel_ticket(desk: State<'_, Desk>, number: i64) -> CommandResult<TicketView> {
    desk.cancel_ticket(number).await
}

/// Saves an attachment, named in the user's format, into the default or
/// the chosen folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn download_attachment(
    desk: State<'_, Desk>,
    number: i64,
    attachment_id: i64,
    to_chosen_folder: bool,
    download_id: String,
    on_event: Channel<DownloadProgress>,
) -> CommandResult<portal_client::library::LibraryEntry> {
    let reporter = DownloadReporter::new(on_event);
    let outcome = desk
        .download_attachment(
            number,
            attachment_id,
            to_chosen_folder,
            &download_id,
            &|event| reporter.event(event),
        )
        .await;
    reporter.finish(outcome)
}

/// Fetches an attachment into the app's cache and answers how to show it.
#[tauri::command(rename_all = "snake_case")]
pub async fn view_attachment(
    desk: State<'_, Desk>,
    number: i64,
    attachment_id: i64,
    download_id: String,
    on_event: Channel<DownloadProgress>,
) -> CommandResult<ViewableFile> {
    let reporter = DownloadReporter::new(on_event);
    desk.view_attachment(number, attachment_id, &download_id, &|event| {
        reporter.event(event)
    })
    .await
}

/// "Attach files…": the files picked, each with its size or the reason
/// it cannot be sent; empty when the dialog was cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn pick_attachments<R: Runtime>(
    window: WebviewWindow<R>,
    desk: State<'_, Desk>,
) -> CommandResult<Vec<PickedAttachment>> {
    let files = choose(window, |dialog| {
        Box::pin(
            dialog
                .set_title(text("desk-dialog-attach", &[]))
                .pick_files(),
        )
    })
    .await?
    .unwrap_or_default();
    let paths = files.iter().map(|file| file.path().to_path_buf()).collect();
    Ok(desk.accept_picked(paths))
}

/// Checks picked files again (a restored draft's), with sizes or reasons.
#[tauri::command(rename_all = "snake_case")]
pub fn check_attachments(
    desk: State<'_, Desk>,
    paths: Vec<PathBuf>,
) -> CommandResult<Vec<PickedAttachment>> {
    desk.check_picked(&paths)
}

/// Saves a draft as the user types; attachments not picked in the file
/// dialog are left out.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_draft(desk: State<'_, Desk>, key: String, draft: Draft) -> CommandResult<()> {
    desk.save_draft(&key, draft).await
}

/// The draft under `key` (the new-ticket form's), if any.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_draft(desk: State<'_, Desk>, key: String) -> CommandResult<Option<Draft>> {
    desk.draft(&key).await
}

/// How often to look for ticket updates, in minutes (1, 2, 5 or 15).
#[tauri::command(rename_all = "snake_case")]
pub fn set_ticket_poll_minutes(desk: State<'_, Desk>, minutes: u32) -> CommandResult<()> {
    desk.set_poll_minutes(minutes)
}

/// The demo's stand-in for the vendor's team: a reply on ticket `number`.
#[tauri::command(rename_all = "snake_case")]
pub async fn reply_as_vendor_in_demo(desk: State<'_, Desk>, number: i64) -> CommandResult<()> {
    desk.reply_as_vendor_in_demo(number).await
}

/// Starts (or restarts) the ticket watch: looks for updates every few
/// minutes (longer while offline), reports a changed list on `on_event`,
/// raises a notification per new reply, and reports clicks on them.
#[tauri::command(rename_all = "snake_case")]
pub fn watch_tickets<R: Runtime>(
    app: AppHandle<R>,
    watch: State<'_, TicketWatch>,
    on_event: Channel<TicketsEvent>,
) {
    watch.start(app, on_event);
}
