//! Tauri commands for My Payments, the Payments Manager, the Downloads
//! panel and the Library. Each is one call into [`Desk`]; progress goes to
//! the webview through a typed channel; folder picking is an rfd dialog on
//! the main thread; Open and Show in folder hand the saved file to the
//! system, from Rust (the webview gets no opener or file-system access).

use std::path::PathBuf;

use portal_client::Error;
use portal_client::library::LibraryEntry;
use portal_i18n::text;
use tauri::ipc::Channel;
use tauri::{Runtime, State, WebviewWindow};

use crate::commands::CommandResult;
use crate::commands::progress::{
    BatchDownloadProgress, BatchDownloadReporter, DownloadProgress, DownloadReporter,
    ItemToDownload, download_ends, download_requests,
};
use crate::desk::Desk;
use crate::desk::documents::DocumentsView;
use crate::desk::preferences::DownloadFolders;
use crate::desk::viewable::ViewableFile;
use crate::shell::dialogs::choose_path;

/// The documents of My Payments (no organization) or of an organization
/// (Payments Manager); the cached list when offline; `unchanged` (and no
/// documents) when the list is still `shown_version`.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_documents(
    desk: State<'_, Desk>,
    organization_id: Option<i64>,
    shown_version: Option<String>,
) -> CommandResult<DocumentsView> {
    desk.documents(organization_id, shown_version.as_deref())
        .await
}

/// The list of My Payments or of an organization as kept on this computer
/// (null when there is none), without asking the portal; with
/// `first_screen`, its first documents and its length (`partial`).
#[tauri::command(rename_all = "snake_case")]
pub async fn load_kept_documents(
    desk: State<'_, Desk>,
    organization_id: Option<i64>,
    first_screen: Option<bool>,
) -> CommandResult<Option<DocumentsView>> {
    desk.kept_documents(organization_id, first_screen.unwrap_or(false))
        .await
}

/// Downloads a listed document into Downloads/Portal Desk, or into the
/// folder last chosen with "Save to…".
#[tauri::command(rename_all = "snake_case")]
pub async fn download_document(
    desk: State<'_, Desk>,
    document_id: i64,
    organization_id: Option<i64>,
    to_chosen_folder: bool,
    download_id: String,
    on_event: Channel<DownloadProgress>,
) -> CommandResult<LibraryEntry> {
    let reporter = DownloadReporter::new(on_event);
    let outcome = desk
        .download_document(
            document_id,
            organization_id,
            to_chosen_folder,
            &download_id,
            &|event| reporter.event(event),
        )
        .await;
    reporter.finish(outcome)
}

/// Downloads listed documents at once ("Download all…") into
/// Downloads/Portal Desk or the folder last chosen; each one's events and
/// end go to the channel named by its download id, and the answer holds
/// every end, in the order asked.
#[tauri::command(rename_all = "snake_case")]
pub async fn download_documents(
    desk: State<'_, Desk>,
    documents: Vec<ItemToDownload>,
    organization_id: Option<i64>,
    to_chosen_folder: bool,
    on_event: Channel<BatchDownloadProgress>,
) -> CommandResult<Vec<BatchDownloadProgress>> {
    let reporter = BatchDownloadReporter::new(on_event);
    let requests = download_requests(documents);
    let outcomes = desk
        .download_documents(
            &requests,
            organization_id,
            to_chosen_folder,
            &|download_id, event| reporter.event(download_id, event),
            &|download_id, outcome| reporter.end(download_id, outcome),
        )
        .await?;
    Ok(download_ends(&requests, &outcomes))
}

/// Downloads a history or library row again (retry, or re-download of a
/// file that went missing).
#[tauri::command(rename_all = "snake_case")]
pub async fn retry_download(
    desk: State<'_, Desk>,
    entry_id: i64,
    download_id: String,
    on_event: Channel<DownloadProgress>,
) -> CommandResult<LibraryEntry> {
    let reporter = DownloadReporter::new(on_event);
    let outcome = desk
        .retry_download(entry_id, &download_id, &|event| reporter.event(event))
        .await;
    reporter.finish(outcome)
}

/// Cancels a running download (its part file is removed).
#[tauri::command(rename_all = "snake_case")]
pub fn cancel_download(desk: State<'_, Desk>, download_id: String) -> bool {
    desk.cancel_download(&download_id)
}

/// Cancels several downloads at once (the Downloads panel's Cancel all);
/// answers how many were still under way or waiting.
#[tauri::command(rename_all = "snake_case")]
pub fn cancel_downloads(desk: State<'_, Desk>, download_ids: Vec<String>) -> usize {
    desk.cancel_downloads(&download_ids)
}

/// Fetches a listed document into the app's cache (unless a copy is there)
/// and answers how to show it.
#[tauri::command(rename_all = "snake_case")]
pub async fn view_document(
    desk: State<'_, Desk>,
    document_id: i64,
    organization_id: Option<i64>,
    download_id: String,
    on_event: Channel<DownloadProgress>,
) -> CommandResult<ViewableFile> {
    let reporter = DownloadReporter::new(on_event);
    desk.view_document(document_id, organization_id, &download_id, &|event| {
        reporter.event(event)
    })
    .await
}

/// A library file for the viewer, from disk only (works offline).
#[tauri::command(rename_all = "snake_case")]
pub async fn view_library_entry(
    desk: State<'_, Desk>,
    entry_id: i64,
) -> CommandResult<ViewableFile> {
    desk.view_library_entry(entry_id).await
}

/// The library, optionally searched.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_library(
    desk: State<'_, Desk>,
    text: Option<String>,
) -> CommandResult<Vec<LibraryEntry>> {
    desk.library(text.as_deref()).await
}

/// The latest downloads into folders.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_download_history(desk: State<'_, Desk>) -> CommandResult<Vec<LibraryEntry>> {
    desk.download_history().await
}

/// The default and the chosen download folders.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_download_folders(desk: State<'_, Desk>) -> CommandResult<DownloadFolders> {
    desk.download_folders().await
}

/// "Save to…": lets the user pick a folder (starting at the last one) and
/// remembers it; `None` when the dialog was cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_download_folder<R: Runtime>(
    window: WebviewWindow<R>,
    desk: State<'_, Desk>,
) -> CommandResult<Option<PathBuf>> {
    let folders = desk.download_folders().await?;
    let start = folders
        .chosen_folder
        .filter(|folder| folder.is_dir())
        .unwrap_or(folders.default_folder);
    let picked = choose_path(window, |dialog| {
        Box::pin(
            dialog
                .set_title(text("desk-dialog-save-downloads", &[]))
                .set_directory(start)
                .pick_folder(),
        )
    });
    let Some(folder) = picked.await? else {
        return Ok(None);
    };
    desk.remember_download_folder(&folder).await?;
    Ok(Some(folder))
}

/// Opens a saved file with the system's viewer for its type, when its
/// type is one that cannot run anything (see `portal_client::open_policy`).
#[tauri::command(rename_all = "snake_case")]
pub async fn open_downloaded_file(desk: State<'_, Desk>, entry_id: i64) -> CommandResult<()> {
    let path = desk.file_to_open(entry_id).await?;
    tauri_plugin_opener::open_path(&path, None::<&str>).map_err(|error| {
        Error::Desktop(text(
            "desk-no-program-opened",
            &[
                ("path", path.display().to_string().into()),
                ("reason", error.to_string().into()),
            ],
        ))
    })
}

/// Shows a saved file in the system's file manager.
#[tauri::command(rename_all = "snake_case")]
pub async fn show_in_folder(desk: State<'_, Desk>, entry_id: i64) -> CommandResult<()> {
    let path = desk.saved_file(entry_id).await?;
    tauri_plugin_opener::reveal_item_in_dir(&path).map_err(|error| {
        Error::Desktop(text(
            "desk-file-manager-not-shown",
            &[
                ("path", path.display().to_string().into()),
                ("reason", error.to_string().into()),
            ],
        ))
    })
}
