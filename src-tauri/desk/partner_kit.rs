//! The Partner Kit screen's use cases: the kit listed (the kept listing,
//! marked, when the portal cannot be reached), a file previewed in the
//! viewer or downloaded, a folder of the kit downloaded, and a local
//! folder kept in sync (by the user, and at each update check).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use portal_api::partner_kit::KitFile;
use portal_client::downloads::DownloadEvent;
use portal_client::library::LibraryEntry;
use portal_client::partner_kit::{KitSyncEvent, KitSyncReport, kit_download_source, local_names};
use portal_client::role_screens::RoleScreens;
use portal_client::{Error, Result, Session};
use portal_i18n::text;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::desk::Desk;
use crate::desk::batch_downloads::{each_download, log_failed};
use crate::desk::viewable::{INLINE_MEDIA_TYPES, ViewableFile, inline_media_type};

/// How many syncs the screen's history shows.
const HISTORY_SHOWN: usize = 10;

/// The Partner Kit screen.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerKitView {
    /// The kit's files, by id.
    pub files: Vec<KitFileView>,
    /// Set when the portal could not be reached and the kept listing is
    /// shown.
    pub offline: Option<String>,
    /// The folder kept in sync, if one is.
    pub sync_folder: Option<PathBuf>,
    /// The latest syncs that did something, newest first.
    pub history: Vec<KitSyncReport>,
}

/// A kit file as the screen lists it.
#[derive(Debug, Clone, Serialize)]
pub struct KitFileView {
    /// The file.
    #[serde(flatten)]
    pub file: KitFile,
    /// True when the app can show it (an image, a PDF, text).
    pub previewable: bool,
}

impl Desk {
    /// True when one of the shown account's roles grants the Partner Kit
    /// (from the roles as last read when the portal cannot be reached).
    pub async fn partner_kit_available(&self) -> Result<bool> {
        Ok(RoleScreens::of(&self.roles().await?.roles).partner_kit)
    }

    /// The kit, read again when it changed; offline, the listing kept on
    /// this computer with a word saying so.
    pub async fn partner_kit(&self) -> Result<PartnerKitView> {
        let session = self.session().await?;
        let (files, offline) = match session.partner_kit().await {
            Ok(files) => (files, None),
            Err(error) if error.is_offline() => match session.kept_partner_kit()? {
                Some(kept) => (
                    kept,
                    Some(text(
                        "desk-kit-offline",
                        &[("portal", (&session.account().portal_url).into())],
                    )),
                ),
                None => return Err(error),
            },
            Err(error) => return Err(error),
        };
        Ok(PartnerKitView {
            files: files
                .into_iter()
                .map(|file| KitFileView {
                    previewable: INLINE_MEDIA_TYPES
                        .contains(&inline_media_type(&file.media_type).as_str()),
                    file,
                })
                .collect(),
            offline,
            sync_folder: Self::kit_sync_folder(&session),
            history: session.kit_history(HISTORY_SHOWN)?,
        })
    }

    /// Kit file `id` into the download folder (the chosen one with
    /// `to_chosen_folder`), through the download engine and its history;
    /// never replacing a file there. When it is downloaded as part of the
    /// kit's folder `under`, it goes into a folder of that name, with the
    /// kit's folders below it.
    pub async fn download_kit_file(
        &self,
        id: i64,
        under: Option<&[String]>,
        to_chosen_folder: bool,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<LibraryEntry> {
        let session = self.session().await?;
        let files = kept_kit(&session)?;
        kit_file(&files, id)?;
        let plan = self.kit_downloads(&session, &files, under, to_chosen_folder)?;
        let outcome = self
            .download_planned_kit_file(&plan, id, download_id, on_event)
            .await;
        log_failed("kit file", id, &outcome);
        outcome
    }

    /// Kit files at once (a folder of the kit), each under its own
    /// download id (`requests`: file id and download id), as
    /// [`Self::download_kit_file`] would one by one, but reading the kept
    /// kit and naming its files once for all of them. `on_event` hears
    /// each one's engine events with its download id, `on_end` how each
    /// ended. Fails as a whole only when there is no session, no kept
    /// kit or no folder.
    pub async fn download_kit_files(
        &self,
        requests: &[(i64, String)],
        under: Option<&[String]>,
        to_chosen_folder: bool,
        on_event: &(dyn Fn(&str, DownloadEvent) + Send + Sync),
        on_end: &(dyn Fn(&str, &Result<LibraryEntry>) + Send + Sync),
    ) -> Result<Vec<Result<LibraryEntry>>> {
        let session = self.session().await?;
        let files = kept_kit(&session)?;
        let plan = &self.kit_downloads(&session, &files, under, to_chosen_folder)?;
        Ok(
            each_download("kit file", requests, on_end, |id, download_id| async move {
                self.download_planned_kit_file(plan, id, download_id, &|event| {
                    on_event(download_id, event)
                })
                .await
            })
            .await,
        )
    }

    /// What downloads of the kept kit's `files` share.
    fn kit_downloads<'a>(
        &self,
        session: &'a Session,
        files: &'a [KitFile],
        under: Option<&'a [String]>,
        to_chosen_folder: bool,
    ) -> Result<KitDownloads<'a>> {
        Ok(KitDownloads {
            names: local_names(files),
            base: self.download_folder(session, to_chosen_folder)?,
            session,
            files,
            under,
        })
    }

    async fn download_planned_kit_file(
        &self,
        plan: &KitDownloads<'_>,
        id: i64,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<LibraryEntry> {
        let file = kit_file(plan.files, id)?;
        let local = plan
            .names
            .get(&id)
            .ok_or_else(|| Error::local(text("desk-kit-file-nameless", &[])))?;
        let (name, folders) = local
            .split_last()
            .ok_or_else(|| Error::local(text("desk-kit-file-nameless", &[])))?;
        let kept_folders = match plan.under {
            Some(under) if file.path.starts_with(under) && !under.is_empty() => {
                &folders[under.len() - 1..]
            }
            Some(_) => {
                return Err(Error::Validation {
                    message: text(
                        "desk-kit-not-in-folder",
                        &[("file", file.path_line().into())],
                    ),
                    fields: Vec::new(),
                });
            }
            None => &[],
        };
        let folder = kept_folders
            .iter()
            .fold(plan.base.clone(), |path, part| path.join(part));
        std::fs::create_dir_all(&folder).map_err(|error| {
            portal_client::disk::io_error(portal_client::disk::FileAction::Create, &folder, &error)
        })?;
        self.save(
            plan.session,
            &kit_download_source(file, name),
            &folder,
            download_id,
            on_event,
        )
        .await
    }

    /// Kit file `id` in the app's cache, for the viewer.
    pub async fn view_kit_file(
        &self,
        id: i64,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<ViewableFile> {
        let session = self.session().await?;
        let files = kept_kit(&session)?;
        let file = kit_file(&files, id)?;
        let name = local_names(&files)[&id].last().cloned().unwrap_or_default();
        self.view_copy(
            &session,
            &kit_download_source(file, &name),
            download_id,
            on_event,
        )
        .await
    }

    /// Keeps `folder` in sync with the kit from now on (it must exist),
    /// and syncs it at once.
    pub async fn keep_kit_folder_in_sync(
        &self,
        folder: &Path,
        on_event: &(dyn Fn(KitSyncEvent) + Send + Sync),
    ) -> Result<KitSyncReport> {
        let session = self.session().await?;
        if !folder.is_dir() {
            return Err(Error::Destination(text(
                "desk-not-a-folder",
                &[("path", folder.display().to_string().into())],
            )));
        }
        Self::set_kit_sync_folder(&session, Some(folder))?;
        self.sync_kit_folder(on_event).await
    }

    /// Stops keeping a folder in sync (its files stay as they are).
    pub async fn stop_kit_sync(&self) -> Result<()> {
        let session = self.session().await?;
        Self::set_kit_sync_folder(&session, None)
    }

    /// Syncs the shown account's folder with the kit now.
    pub async fn sync_kit_folder(
        &self,
        on_event: &(dyn Fn(KitSyncEvent) + Send + Sync),
    ) -> Result<KitSyncReport> {
        let session = self.session().await?;
        let folder = Self::kit_sync_folder(&session)
            .ok_or_else(|| Error::Destination(text("desk-no-kit-folder", &[])))?;
        let _one_at_a_time = self.kit_sync.lock().await;
        session
            .sync_kit_folder(&folder, &CancellationToken::new(), on_event)
            .await
    }

    /// The update check's sync: the shown account's folder, when it keeps
    /// one and its roles grant the kit; `None` when there is nothing to do.
    pub async fn sync_kit_in_background(&self) -> Option<Result<KitSyncReport>> {
        let session = self.session().await.ok()?;
        Self::kit_sync_folder(&session)?;
        let synced = self.sync_kit_folder(&|_| {}).await;
        if let Err(error) = &synced {
            tracing::info!(code = error.code(), "partner kit not synced: {error}");
        }
        Some(synced)
    }
}

/// The kit as last read.
/// What downloads of kit files share: the kept kit, its files' names on
/// this computer, the download folder, and the kit's folder they are
/// downloaded as part of, if any.
struct KitDownloads<'a> {
    session: &'a Session,
    files: &'a [KitFile],
    names: HashMap<i64, Vec<String>>,
    base: PathBuf,
    under: Option<&'a [String]>,
}

fn kept_kit(session: &Session) -> Result<Vec<KitFile>> {
    session
        .kept_partner_kit()?
        .ok_or_else(|| Error::local(text("desk-kit-never-read", &[])))
}

fn kit_file(files: &[KitFile], id: i64) -> Result<&KitFile> {
    files.iter().find(|file| file.id == id).ok_or_else(|| {
        Error::local(text(
            "desk-kit-file-not-listed",
            &[("id", id.to_string().into())],
        ))
    })
}
