//! The Desk's side of My Payments, the Payments Manager, the Downloads
//! panel and the Library: document lists with an offline fallback,
//! downloads that can be cancelled by id, the remembered "Save to…" folder,
//! and local copies for viewing inside the app.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use portal_api::documents::{Document, DocumentFilter};
use portal_client::documents::{DocumentScope, document_source};
use portal_client::downloads::DownloadEvent;
use portal_client::library::{DownloadSource, LibraryEntry};
use portal_client::{Error, Result};
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::desk::Desk;

/// Media types shown inside the app; others open in the system's viewer.
pub const INLINE_MEDIA_TYPES: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "text/plain",
];

/// A document list for My Payments or the Payments Manager.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentsView {
    /// The documents, newest first.
    pub documents: Vec<Document>,
    /// Unix seconds when fetched, for a cached copy; `None` when fresh.
    pub cached_at: Option<i64>,
}

/// A local copy ready to show inside the app.
#[derive(Debug, Clone, Serialize)]
pub struct ViewableFile {
    /// The library row of the copy.
    pub entry_id: i64,
    /// The copy's SHA-256: the path under the `pdfile` scheme.
    pub sha256: String,
    /// What it is, for the viewer's title.
    pub title: String,
    /// Its media type.
    pub media_type: String,
    /// True when the app can show it; otherwise offer the system viewer.
    pub inline: bool,
}

/// Where downloads go.
#[derive(Debug, Clone, Serialize)]
pub struct DownloadFolders {
    /// Downloads/Portal Desk.
    pub default_folder: PathBuf,
    /// The folder last picked with "Save to…", if any.
    pub chosen_folder: Option<PathBuf>,
}

/// The app's own preferences file (no secrets).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Preferences {
    chosen_download_folder: Option<PathBuf>,
    #[serde(default)]
    ticket_poll_minutes: Option<u32>,
}

/// Cancellation handles of running downloads, by the id the UI gave them.
#[derive(Default)]
pub struct RunningDownloads(Mutex<HashMap<String, CancellationToken>>);

impl RunningDownloads {
    fn start(&self, id: &str) -> CancellationToken {
        let token = CancellationToken::new();
        self.lock().insert(id.to_owned(), token.clone());
        token
    }

    fn finish(&self, id: &str) {
        self.lock().remove(id);
    }

    fn cancel(&self, id: &str) -> bool {
        self.lock().remove(id).map(|token| token.cancel()).is_some()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, CancellationToken>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn scope_of(organization_id: Option<i64>) -> DocumentScope {
    organization_id.map_or(DocumentScope::Mine, DocumentScope::Organization)
}

impl Desk {
    /// The documents of My Payments (`None`) or of an organization, or the
    /// cached list when the portal cannot be reached.
    pub async fn documents(&self, organization_id: Option<i64>) -> Result<DocumentsView> {
        let session = self.session().await?;
        let scope = scope_of(organization_id);
        match session.documents(scope, &DocumentFilter::default()).await {
            Ok(documents) => Ok(DocumentsView {
                documents,
                cached_at: None,
            }),
            Err(error) if error.is_offline() => match session.cached_documents(scope)? {
                Some(cached) => Ok(DocumentsView {
                    documents: cached.value,
                    cached_at: Some(cached.fetched_at),
                }),
                None => Err(error),
            },
            Err(error) => Err(error),
        }
    }

    /// The document `id` as last listed (the UI names documents by id; all
    /// else comes from the portal's answer, never from the webview).
    async fn listed_document(&self, id: i64, organization_id: Option<i64>) -> Result<Document> {
        let session = self.session().await?;
        session
            .cached_documents(scope_of(organization_id))?
            .and_then(|cached| cached.value.into_iter().find(|document| document.id == id))
            .ok_or_else(|| {
                Error::Download(format!(
                    "Document {id} is not in the list; refresh it and try again."
                ))
            })
    }

    /// Downloads a listed document into the default folder or the folder
    /// last chosen with "Save to…".
    pub async fn download_document(
        &self,
        id: i64,
        organization_id: Option<i64>,
        to_chosen_folder: bool,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<LibraryEntry> {
        let document = self.listed_document(id, organization_id).await?;
        let folder = self.download_folder(to_chosen_folder)?;
        self.save(&document_source(&document), &folder, download_id, on_event)
            .await
    }

    /// Downloads a history row again, into the folder it was meant for.
    pub async fn retry_download(
        &self,
        entry_id: i64,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<LibraryEntry> {
        let entry = self.session().await?.library_entry(entry_id)?;
        let folder = if entry.in_cache {
            self.core.dirs().downloads.clone()
        } else {
            entry.folder.clone()
        };
        self.save(&entry.source, &folder, download_id, on_event)
            .await
    }

    pub(crate) async fn save(
        &self,
        source: &DownloadSource,
        folder: &Path,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<LibraryEntry> {
        let session = self.session().await?;
        let cancel = self.running_downloads.start(download_id);
        let outcome = session
            .save_download(source, folder, &cancel, on_event)
            .await;
        self.running_downloads.finish(download_id);
        outcome
    }

    /// Cancels a running download; false when it already ended.
    pub fn cancel_download(&self, download_id: &str) -> bool {
        self.running_downloads.cancel(download_id)
    }

    /// A local copy of a listed document for the viewer (fetched into the
    /// app's cache unless a copy is already there).
    pub async fn view_document(
        &self,
        id: i64,
        organization_id: Option<i64>,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<ViewableFile> {
        let document = self.listed_document(id, organization_id).await?;
        self.view_copy(&document_source(&document), download_id, on_event)
            .await
    }

    /// A local copy of `source` for the viewer, fetched into the app's
    /// cache unless one is there.
    pub(crate) async fn view_copy(
        &self,
        source: &DownloadSource,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<ViewableFile> {
        let session = self.session().await?;
        let cancel = self.running_downloads.start(download_id);
        let outcome = session.viewable_copy(source, &cancel, on_event).await;
        self.running_downloads.finish(download_id);
        Ok(viewable(outcome?))
    }

    /// A library file for the viewer, from disk only: the cached copy, or
    /// the saved file copied into the cache after checking its digest.
    pub async fn view_library_entry(&self, entry_id: i64) -> Result<ViewableFile> {
        let session = self.session().await?;
        let entry = session.library_entry(entry_id)?;
        let copy = session
            .local_viewable_copy(&entry.source)?
            .ok_or_else(|| missing(&entry))?;
        Ok(viewable(copy))
    }

    /// The library, optionally searched.
    pub async fn library(&self, text: Option<&str>) -> Result<Vec<LibraryEntry>> {
        self.session().await?.library(text)
    }

    /// The latest downloads into folders.
    pub async fn download_history(&self) -> Result<Vec<LibraryEntry>> {
        self.session().await?.download_history()
    }

    /// The saved file of a finished download, when it is still there.
    pub async fn file_to_open(&self, entry_id: i64) -> Result<PathBuf> {
        let path = self.saved_file(entry_id).await?;
        match portal_client::open_policy::open_refusal_for_file(&path) {
            None => Ok(path),
            Some(refusal) => Err(Error::Desktop(refusal)),
        }
    }

    /// The saved file of library entry `entry_id`, if it is still there.
    pub async fn saved_file(&self, entry_id: i64) -> Result<PathBuf> {
        let entry = self.session().await?.library_entry(entry_id)?;
        match (&entry.path, entry.missing) {
            (Some(path), false) => Ok(path.clone()),
            _ => Err(missing(&entry)),
        }
    }

    /// The cached copy named by its digest, with its media type, for the
    /// `pdfile` scheme; `None` for anything else.
    pub async fn cached_file(&self, sha256: &str) -> Option<(PathBuf, String)> {
        if sha256.len() != 64
            || !sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return None;
        }
        let session = self.session().await.ok()?;
        let entry = session.cached_copy(sha256).ok()??;
        let path = session.view_cache().join(sha256);
        (entry.path.as_deref() == Some(path.as_path()))
            .then(|| (path, inline_media_type(&entry.source.media_type)))
    }

    /// The default and the chosen download folders.
    pub fn download_folders(&self) -> DownloadFolders {
        DownloadFolders {
            default_folder: self.core.dirs().downloads.clone(),
            chosen_folder: self.preferences().chosen_download_folder,
        }
    }

    /// Remembers the folder picked with "Save to…".
    pub fn remember_download_folder(&self, folder: &Path) -> Result<()> {
        let mut preferences = self.preferences();
        preferences.chosen_download_folder = Some(folder.to_path_buf());
        self.save_preferences(&preferences)
    }

    /// Minutes between ticket update checks (the user's choice).
    pub fn poll_minutes(&self) -> u32 {
        self.preferences()
            .ticket_poll_minutes
            .filter(|minutes| crate::tickets_desk::POLL_CHOICES_MINUTES.contains(minutes))
            .unwrap_or(crate::tickets_desk::DEFAULT_POLL_MINUTES)
    }

    /// Remembers how often to check for ticket updates.
    pub fn set_poll_minutes(&self, minutes: u32) -> Result<()> {
        if !crate::tickets_desk::POLL_CHOICES_MINUTES.contains(&minutes) {
            return Err(Error::Validation {
                message: "Choose 1, 2, 5 or 15 minutes.".into(),
                fields: Vec::new(),
            });
        }
        let mut preferences = self.preferences();
        preferences.ticket_poll_minutes = Some(minutes);
        self.save_preferences(&preferences)
    }

    fn save_preferences(&self, preferences: &Preferences) -> Result<()> {
        let json = serde_json::to_vec_pretty(preferences)
            .map_err(|error| Error::LocalData(error.to_string()))?;
        portal_client::dirs::write_atomically(&self.preferences_path(), &json)
    }

    pub(crate) fn download_folder(&self, chosen: bool) -> Result<PathBuf> {
        if !chosen {
            return Ok(self.core.dirs().downloads.clone());
        }
        self.preferences().chosen_download_folder.ok_or_else(|| {
            Error::Destination("no folder was chosen; use \u{201c}Save to…\u{201d} first".into())
        })
    }

    fn preferences_path(&self) -> PathBuf {
        self.core.dirs().config.join("preferences.json")
    }

    fn preferences(&self) -> Preferences {
        std::fs::read(self.preferences_path())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }
}

fn missing(entry: &LibraryEntry) -> Error {
    Error::Download(format!(
        "{} is no longer at {}: it was moved or deleted. Download it again to get it back.",
        entry.source.file_name,
        entry
            .path
            .as_deref()
            .unwrap_or(entry.folder.as_path())
            .display()
    ))
}

fn viewable(entry: LibraryEntry) -> ViewableFile {
    let media_type = inline_media_type(&entry.source.media_type);
    ViewableFile {
        entry_id: entry.id,
        sha256: entry.source.sha256,
        title: entry.source.title,
        inline: INLINE_MEDIA_TYPES.contains(&media_type.as_str()),
        media_type,
    }
}

/// The media type a cached file is served with: text of any kind as plain
/// text (never HTML or script), images and PDF as themselves, anything
/// else as bytes to save.
pub fn inline_media_type(listed: &str) -> String {
    let essence = listed
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence.starts_with("text/") {
        "text/plain".into()
    } else if INLINE_MEDIA_TYPES.contains(&essence.as_str()) {
        essence
    } else {
        "application/octet-stream".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_types_are_served_as_themselves() {
        assert_eq!(inline_media_type("application/pdf"), "application/pdf");
        assert_eq!(inline_media_type("Image/PNG"), "image/png");
        assert_eq!(inline_media_type("text/html; charset=utf-8"), "text/plain");
        assert_eq!(
            inline_media_type("image/svg+xml"),
            "application/octet-stream"
        );
        assert_eq!(
            inline_media_type("application/x-msdownload"),
            "application/octet-stream"
        );
    }
}
