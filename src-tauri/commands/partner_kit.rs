//! Commands of the Partner Kit screen: the kit, a file previewed or
//! downloaded (with the engine's progress), and a folder kept in sync
//! (picked with the system's folder dialog, never named by the page;
//! progress on a channel).

use portal_client::partner_kit::{KitSyncEvent, KitSyncReport};
use portal_i18n::text;
use tauri::ipc::Channel;
use tauri::{Runtime, State, WebviewWindow};

use crate::commands::CommandResult;
use crate::commands::progress::{
    BatchDownloadProgress, BatchDownloadReporter, DownloadProgress, DownloadReporter,
    ItemToDownload, download_ends, download_requests,
};
use crate::desk::Desk;
use crate::desk::partner_kit::PartnerKitView;
use crate::desk::viewable::ViewableFile;
use crate::shell::dialogs::choose_path;

/// True when one of the user's roles grants the Partner Kit.
#[tauri::command(rename_all = "snake_case")]
pub async fn partner_kit_available(desk: State<'_, Desk>) -> CommandResult<bool> {
    desk.partner_kit_available().await
}

/// The kit (the kept listing, marked, when the portal cannot be reached),
/// the folder kept in sync and the latest syncs.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_partner_kit(desk: State<'_, Desk>) -> CommandResult<PartnerKitView> {
    desk.partner_kit().await
}

/// Downloads a kit file into the download folder (or the chosen one); as
/// part of the kit's folder `under`, into a folder of that name.
#[tauri::command(rename_all = "snake_case")]
pub async fn download_kit_file(
    desk: State<'_, Desk>,
    id: i64,
    under: Option<Vec<String>>,
    to_chosen_folder: bool,
    download_id: String,
    on_event: Channel<DownloadProgress>,
) -> CommandResult<portal_client::library::LibraryEntry> {
    let reporter = DownloadReporter::new(on_event);
    let outcome = desk
        .download_kit_file(
            id,
            under.as_deref(),
            to_chosen_folder,
            &download_id,
            &|event| reporter.event(event),
        )
        .await;
    reporter.finish(outcome)
}

/// Downloads kit files at once (a folder of the kit, `under`) into the
/// download folder (or the chosen one); each one's events and end go to
/// the channel named by its download id, and the answer holds every end,
/// in the order asked.
#[tauri::command(rename_all = "snake_case")]
pub async fn download_kit_files(
    desk: State<'_, Desk>,
    files: Vec<ItemToDownload>,
    under: Option<Vec<String>>,
    to_chosen_folder: bool,
    on_event: Channel<BatchDownloadProgress>,
) -> CommandResult<Vec<BatchDownloadProgress>> {
    let reporter = BatchDownloadReporter::new(on_event);
    let requests = download_requests(files);
    let outcomes = desk
        .download_kit_files(
            &requests,
            under.as_deref(),
            to_chosen_folder,
            &|download_id, event| reporter.event(download_id, event),
            &|download_id, outcome| reporter.end(download_id, outcome),
        )
        .await?;
    Ok(download_ends(&requests, &outcomes))
}

/// A kit file in the app's cache, for the viewer.
#[tauri::command(rename_all = "snake_case")]
pub async fn view_kit_file(
    desk: State<'_, Desk>,
    id: i64,
    download_id: String,
    on_event: Channel<DownloadProgress>,
) -> CommandResult<ViewableFile> {
    let reporter = DownloadReporter::new(on_event);
    desk.view_kit_file(id, &download_id, &|event| reporter.event(event))
        .await
}

/// "Keep a folder in sync": the user picks a folder, which is synced at
/// once and at each update check; `None` when the dialog was cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_kit_sync_folder<R: Runtime>(
    window: WebviewWindow<R>,
    desk: State<'_, Desk>,
    on_event: Channel<KitSyncEvent>,
) -> CommandResult<Option<KitSyncReport>> {
    let start = desk.download_folders().await?.default_folder;
    let picked = choose_path(window, |dialog| {
        Box::pin(
            dialog
                .set_title(text("desk-dialog-kit-folder", &[]))
                .set_directory(start)
                .pick_folder(),
        )
    });
    let Some(folder) = picked.await? else {
        return Ok(None);
    };
    desk.keep_kit_folder_in_sync(&folder, &|event| {
        let _ = on_event.send(event);
    })
    .await
    .map(Some)
}

/// Syncs the folder kept in sync now.
#[tauri::command(rename_all = "snake_case")]
pub async fn sync_kit_folder(
    desk: State<'_, Desk>,
    on_event: Channel<KitSyncEvent>,
) -> CommandResult<KitSyncReport> {
    desk.sync_kit_folder(&|event| {
        let _ = on_event.send(event);
    })
    .await
}

/// Stops keeping a folder in sync (its files stay).
#[tauri::command(rename_all = "snake_case")]
pub async fn stop_kit_sync(desk: State<'_, Desk>) -> CommandResult<()> {
    desk.stop_kit_sync().await
}
