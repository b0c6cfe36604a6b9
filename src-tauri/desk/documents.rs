//! The Desk's side of My Payments, the Payments Manager, the Downloads
//! panel and the Library: document lists with an offline fallback,
//! downloads that can be cancelled by id, the remembered "Save to…" folder,
//! and local copies for viewing inside the app.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use portal_api::documents::Document;
use portal_client::documents::{DocumentScope, document_source, listed_documents_json};
use portal_client::downloads::DownloadEvent;
use portal_client::fresh_or_cached::{Answer, fresh_or_cached};
use portal_client::library::{DownloadSource, LibraryEntry};
use portal_client::local_store::{Cached, LIST_HEAD};
use portal_client::{Error, Result, Session};
use portal_i18n::text;
use serde::Serialize;
use serde_json::value::{RawValue, to_raw_value};

use crate::desk::Desk;
use crate::desk::batch_downloads::{each_download, log_failed};
use crate::desk::viewable::{ViewableFile, inline_media_type, viewable};

/// A document list for My Payments or the Payments Manager.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentsView {
    /// The documents, newest first (none when `unchanged`), as JSON text
    /// with the fields a list shows (see [`listed_documents_json`]): a
    /// kept list is trimmed as text, without being read into values and
    /// written out again (100,000 documents are 30 MB kept, 18 MB listed).
    pub documents: Box<RawValue>,
    /// Unix seconds when fetched, for a cached copy; `None` when fresh.
    pub cached_at: Option<i64>,
    /// The list's version, which the UI names to learn it is unchanged.
    pub version: Option<String>,
    /// The list is the version the UI named: it keeps what it shows.
    pub unchanged: bool,
    /// Only the list's first screen: the rest is asked for next. Its
    /// documents' `number_order` ranks them among themselves.
    pub partial: bool,
    /// How many documents the whole list has, when `partial`.
    pub total: Option<u64>,
}

/// An answer this long (1 MiB of JSON, a few thousand documents) left
/// buffers worth handing back to the system once it is sent.
const LARGE_ANSWER: usize = 1 << 20;

fn no_documents() -> Box<RawValue> {
    RawValue::from_string("[]".to_owned()).expect("[] is JSON")
}

/// The whole list as kept on this computer, trimmed for the list screen.
fn kept_view(cached: Cached<Box<RawValue>>) -> Result<DocumentsView> {
    Ok(DocumentsView {
        documents: listed_documents_json(&cached.value)?,
        cached_at: Some(cached.fetched_at),
        version: cached.etag,
        unchanged: false,
        partial: false,
        total: None,
    })
}

fn scope_of(organization_id: Option<i64>) -> DocumentScope {
    organization_id.map_or(DocumentScope::Mine, DocumentScope::Organization)
}

/// Document `id` is not in the list kept on this computer.
fn not_listed(id: i64) -> Error {
    Error::Download(text(
        "desk-document-not-listed",
        &[("id", id.to_string().into())],
    ))
}

impl Desk {
    /// The documents of My Payments (`None`) or of an organization, or the
    /// cached list when the portal cannot be reached. When the list is still
    /// `shown_version` (what the UI shows), it answers `unchanged` and no
    /// documents, so an unchanged list is neither sent nor drawn again.
    pub async fn documents(
        &self,
        organization_id: Option<i64>,
        shown_version: Option<&str>,
    ) -> Result<DocumentsView> {
        let session = self.session().await?;
        let scope = scope_of(organization_id);
        let fresh = session.refresh_documents(scope).await;
        let read_a_long_list = fresh
            .as_ref()
            .is_ok_and(|refresh| refresh.changed && refresh.documents.len() > LIST_HEAD);
        let view = match fresh_or_cached(fresh, || session.cached_documents_json(scope))? {
            Answer::Fresh(refresh) => {
                let version = session.kept_documents_version(scope)?;
                let unchanged = version.is_some() && version.as_deref() == shown_version;
                let documents = if unchanged {
                    no_documents()
                } else if refresh.changed {
                    listed_documents_json(
                        &to_raw_value(&refresh.documents).map_err(Error::local_source)?,
                    )?
                } else {
                    // Current, but the screen shows another copy.
                    match session.cached_documents_json(scope)? {
                        Some(kept) => listed_documents_json(&kept.value)?,
                        None => no_documents(),
                    }
                };
                DocumentsView {
                    documents,
                    cached_at: None,
                    version,
                    unchanged,
                    partial: false,
                    total: None,
                }
            }
            Answer::Cached(cached) => kept_view(cached)?,
        };
        Ok(self.sent(view, read_a_long_list))
    }

    /// `view`, after noting that it (or the sync behind it, `read_a_long_list`)
    /// was large enough for its buffers to be handed back once it is sent.
    fn sent(&self, view: DocumentsView, read_a_long_list: bool) -> DocumentsView {
        if read_a_long_list || view.documents.get().len() >= LARGE_ANSWER {
            self.freed_memory.release_after_large_answer();
        }
        view
    }

    /// The list kept on this computer, as it was last fetched, without
    /// asking the portal: what a screen shows at once while it asks. With
    /// `first_screen`, only its first documents and its length (a long list
    /// shows before the whole of it is read), when the store has them.
    pub async fn kept_documents(
        &self,
        organization_id: Option<i64>,
        first_screen: bool,
    ) -> Result<Option<DocumentsView>> {
        let session = self.session().await?;
        let scope = scope_of(organization_id);
        // A list no longer than its first screen is sent whole.
        if first_screen
            && let Some(head) = session.cached_documents_head(scope)?
            && head.value.count > LIST_HEAD as u64
        {
            return Ok(Some(DocumentsView {
                documents: listed_documents_json(&head.value.items)?,
                cached_at: Some(head.fetched_at),
                version: head.etag,
                unchanged: false,
                partial: true,
                total: Some(head.value.count),
            }));
        }
        session
            .cached_documents_json(scope)?
            .map(|cached| Ok(self.sent(kept_view(cached)?, false)))
            .transpose()
    }

    /// The document `id` as last listed (the UI names documents by id; all
    /// else comes from the portal's answer, never from the webview).
    fn listed_document(
        session: &Session,
        id: i64,
        organization_id: Option<i64>,
    ) -> Result<Document> {
        session
            .cached_documents(scope_of(organization_id))?
            .and_then(|cached| cached.value.into_iter().find(|document| document.id == id))
            .ok_or_else(|| not_listed(id))
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
        let outcome = async {
            let session = self.session().await?;
            let document = Self::listed_document(&session, id, organization_id)?;
            let folder = self.download_folder(&session, to_chosen_folder)?;
            self.save(
                &session,
                &document_source(&document),
                &folder,
                download_id,
                on_event,
            )
            .await
        }
        .await;
        log_failed("document", id, &outcome);
        outcome
    }

    /// Downloads listed documents at once ("Download all…"), each under
    /// its own download id (`requests`: document id and download id), as
    /// [`Self::download_document`] would one by one, but reading the kept
    /// list once for all of them: thousands asked for one by one read it
    /// thousands of times. `on_event` hears each one's engine events with
    /// its download id, `on_end` how each ended; the session's download
    /// slots bound how many run together. Fails as a whole only when
    /// there is no session or no folder.
    pub async fn download_documents(
        &self,
        requests: &[(i64, String)],
        organization_id: Option<i64>,
        to_chosen_folder: bool,
        on_event: &(dyn Fn(&str, DownloadEvent) + Send + Sync),
        on_end: &(dyn Fn(&str, &Result<LibraryEntry>) + Send + Sync),
    ) -> Result<Vec<Result<LibraryEntry>>> {
        let session = self.session().await?;
        let folder = self.download_folder(&session, to_chosen_folder)?;
        let wanted: HashSet<i64> = requests.iter().map(|(id, _)| *id).collect();
        let listed: HashMap<i64, Document> = session
            .cached_documents(scope_of(organization_id))?
            .map(|cached| cached.value)
            .unwrap_or_default()
            .into_iter()
            .filter(|document| wanted.contains(&document.id))
            .map(|document| (document.id, document))
            .collect();
        let (session, folder, listed) = (&session, &folder, &listed);
        Ok(
            each_download("document", requests, on_end, |id, download_id| async move {
                match listed.get(&id) {
                    Some(document) => {
                        self.save(
                            session,
                            &document_source(document),
                            folder,
                            download_id,
                            &|event| on_event(download_id, event),
                        )
                        .await
                    }
                    None => Err(not_listed(id)),
                }
            })
            .await,
        )
    }

    /// Downloads a history row again, into the folder it was meant for.
    pub async fn retry_download(
        &self,
        entry_id: i64,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<LibraryEntry> {
        let session = self.session().await?;
        let entry = session.library_entry(entry_id)?;
        let folder = if entry.in_cache {
            self.core.dirs().downloads.clone()
        } else {
            entry.folder.clone()
        };
        self.save(&session, &entry.source, &folder, download_id, on_event)
            .await
    }

    /// Saves `source` into `folder` for `session`'s account: a download
    /// started for one account finishes under it, whichever is shown by
    /// then.
    pub(crate) async fn save(
        &self,
        session: &Session,
        source: &DownloadSource,
        folder: &Path,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<LibraryEntry> {
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

    /// Cancels each of `download_ids` that has not ended; answers how many
    /// that were.
    pub fn cancel_downloads(&self, download_ids: &[String]) -> usize {
        download_ids
            .iter()
            .filter(|id| self.running_downloads.cancel(id))
            .count()
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
        let session = self.session().await?;
        let document = Self::listed_document(&session, id, organization_id)?;
        self.view_copy(&session, &document_source(&document), download_id, on_event)
            .await
    }

    /// A local copy of `source` for the viewer, fetched into the app's
    /// cache unless one is there.
    pub(crate) async fn view_copy(
        &self,
        session: &Session,
        source: &DownloadSource,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<ViewableFile> {
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
        let session = self.session().await?;
        let entry = session.library_entry(entry_id)?;
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
}

fn missing(entry: &LibraryEntry) -> Error {
    let place = entry.path.as_deref().unwrap_or(entry.folder.as_path());
    Error::Download(text(
        "desk-file-missing",
        &[
            ("name", (&entry.source.file_name).into()),
            ("place", place.display().to_string().into()),
        ],
    ))
}
