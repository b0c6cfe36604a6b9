//! Quotes and invoices: the lists of My Payments and the Payments Manager
//! (cached for offline use), saving them to folders and fetching them for
//! viewing, all through the download engine and the library.

use std::path::{Path, PathBuf};

use portal_api::documents::{Document, DocumentFilter, DocumentKind, organization_documents_path};
use portal_api::paths;
use portal_i18n::text;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use tokio_util::sync::CancellationToken;

use crate::downloads::{DownloadEvent, DownloadRequest};
use crate::error::{Error, Result};
use crate::library::{DownloadOutcome, DownloadSource, LibraryEntry};
use crate::local_store::{Cached, ListHead};
use crate::pages::{ListRead, search_text};
use crate::safe_names::safe_file_name;
use crate::session::Session;

/// Which list of documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentScope {
    /// Sent to the user personally (My Payments).
    Mine,
    /// Sent to an organization (the Payments Manager).
    Organization(i64),
}

impl DocumentScope {
    fn path(self) -> String {
        match self {
            Self::Mine => paths::ME_DOCUMENTS.to_owned(),
            Self::Organization(id) => organization_documents_path(id),
        }
    }

    fn cache_key(self) -> String {
        match self {
            Self::Mine => "documents:me".to_owned(),
            Self::Organization(id) => format!("documents:organization:{id}"),
        }
    }
}

/// The name a document is saved under: the portal's name made safe, or
/// `Invoice NUMBER.pdf` when nothing of it survives.
pub fn document_file_name(document: &Document) -> String {
    let kind = document.kind.label();
    let fallback = safe_file_name(&format!("{kind} {}.pdf", document.number), "document.pdf");
    safe_file_name(&document.file_name, &fallback)
}

/// What the library records for a document.
pub fn document_source(document: &Document) -> DownloadSource {
    let kind = text(
        match document.kind {
            DocumentKind::Quote => "document-kind-quote",
            DocumentKind::Invoice => "document-kind-invoice",
        },
        &[],
    );
    DownloadSource {
        source: format!("document:{}", document.id),
        title: text(
            "library-document-title",
            &[("kind", kind.into()), ("number", (&document.number).into())],
        ),
        api_path: portal_api::documents::document_file_path(document.id),
        file_name: document_file_name(document),
        media_type: document.media_type.clone(),
        size: document.size,
        sha256: document.sha256.to_ascii_lowercase(),
    }
}

/// The list with each document once, where it is first listed: a portal
/// that lists one twice does not get it shown (or downloaded) twice.
fn each_once(documents: Vec<Document>) -> Vec<Document> {
    let mut seen = std::collections::HashSet::new();
    documents
        .into_iter()
        .filter(|document| seen.insert(document.id))
        .collect()
}

/// Documents asked for per page (the portal's largest page).
const PAGE_LIMIT: &str = "200";

/// What [`Session::refresh_documents`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentsRefresh {
    /// The whole list, newest first; empty when not `changed`.
    pub documents: Vec<Document>,
    /// False when the kept copy is current (the portal answered 304).
    pub changed: bool,
}

impl Session {
    /// Every document of `scope` matching `filter`, newest first (all
    /// pages). The unfiltered list is cached for offline use.
    pub async fn documents(
        &self,
        scope: DocumentScope,
        filter: &DocumentFilter,
    ) -> Result<Vec<Document>> {
        let query = [
            ("limit", PAGE_LIMIT.to_owned()),
            (
                "kind",
                filter
                    .kind
                    .map(|kind| kind.as_str().into())
                    .unwrap_or_default(),
            ),
            (
                "status",
                filter
                    .status
                    .map(|status| status.as_str().into())
                    .unwrap_or_default(),
            ),
            (
                "year",
                filter.year.map(|year| year.to_string()).unwrap_or_default(),
            ),
            ("q", search_text(filter.text.as_deref())),
        ];
        if *filter != DocumentFilter::default() {
            return Ok(each_once(self.all_pages(&scope.path(), &query).await?));
        }
        let refresh = self.refresh_documents(scope).await?;
        if refresh.changed {
            return Ok(refresh.documents);
        }
        Ok(self
            .cached_documents(scope)?
            .map(|kept| kept.value)
            .unwrap_or_default())
    }

    /// Reads the whole list of `scope` again unless the kept copy is still
    /// its current version, which costs one request answered 304 (and the
    /// kept copy is not even read). The list read is kept with its version.
    pub async fn refresh_documents(&self, scope: DocumentScope) -> Result<DocumentsRefresh> {
        let key = scope.cache_key();
        let known = self.store.cached_etag(&key)?;
        let query = [("limit", PAGE_LIMIT.to_owned())];
        match self
            .versioned_pages(&scope.path(), &query, known.as_deref())
            .await?
        {
            ListRead::Unchanged => {
                self.store.mark_cached_current(&key)?;
                Ok(DocumentsRefresh {
                    documents: Vec::new(),
                    changed: false,
                })
            }
            ListRead::Read { items, version } => {
                let documents = each_once(items);
                self.store
                    .save_cached_list(&key, &documents, version.as_deref())?;
                Ok(DocumentsRefresh {
                    documents,
                    changed: true,
                })
            }
        }
    }

    /// The unfiltered list of `scope` as last fetched.
    pub fn cached_documents(&self, scope: DocumentScope) -> Result<Option<Cached<Vec<Document>>>> {
        self.store.cached(&scope.cache_key())
    }

    /// The unfiltered list of `scope` as last fetched, as the JSON text kept
    /// (a long list handed on without being read into values and written
    /// out again).
    pub fn cached_documents_json(
        &self,
        scope: DocumentScope,
    ) -> Result<Option<Cached<Box<serde_json::value::RawValue>>>> {
        self.store.cached_json(&scope.cache_key())
    }

    /// The first screen of the list of `scope` kept on this computer (see
    /// [`LocalStore::cached_head`](crate::local_store::LocalStore::cached_head)).
    pub fn cached_documents_head(&self, scope: DocumentScope) -> Result<Option<Cached<ListHead>>> {
        self.store.cached_head(&scope.cache_key())
    }

    /// The version (the portal's list ETag) of the list of `scope` kept on
    /// this computer, if the portal named one.
    pub fn kept_documents_version(&self, scope: DocumentScope) -> Result<Option<String>> {
        self.store.cached_etag(&scope.cache_key())
    }

    /// Saves `source` into `folder` (created if it is the default
    /// downloads folder) and records the outcome in the download history.
    pub async fn save_download(
        &self,
        source: &DownloadSource,
        folder: &Path,
        cancel: &CancellationToken,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<LibraryEntry> {
        if folder == self.dirs().downloads {
            std::fs::create_dir_all(folder).map_err(|error| {
                crate::disk::io_error(crate::disk::FileAction::Create, folder, &error)
            })?;
        }
        let request = DownloadRequest {
            path: source.api_path.clone(),
            folder: folder.to_path_buf(),
            file_name: source.file_name.clone(),
            expected_size: Some(source.size),
            expected_sha256: Some(source.sha256.clone()),
            stall: crate::downloads::StallRule::default(),
        };
        match self.download(&request, cancel, on_event).await {
            Ok(downloaded) => {
                let mut source = source.clone();
                source.sha256 = downloaded.sha256;
                source.size = downloaded.size;
                self.store
                    .record_download(&source, folder, Ok(&downloaded.path), false)
            }
            Err(error) => {
                let outcome = if matches!(error, Error::Cancelled) {
                    DownloadOutcome::Cancelled
                } else {
                    DownloadOutcome::Failed
                };
                self.store.record_download(
                    source,
                    folder,
                    Err((outcome, &error.to_string())),
                    false,
                )?;
                Err(error)
            }
        }
    }

    /// A local copy of `source` for viewing inside the app, in the app's
    /// cache (`CACHE/accounts/ID/files/SHA256`): an existing copy when
    /// one is present, else fetched from the portal.
    pub async fn viewable_copy(
        &self,
        source: &DownloadSource,
        cancel: &CancellationToken,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<LibraryEntry> {
        if let Some(present) = self.local_viewable_copy(source)? {
            return Ok(present);
        }
        let files = self.view_cache();
        let request = DownloadRequest {
            path: source.api_path.clone(),
            folder: files.clone(),
            file_name: format!("{}.incoming", source.sha256),
            expected_size: Some(source.size),
            expected_sha256: Some(source.sha256.clone()),
            stall: crate::downloads::StallRule::default(),
        };
        let downloaded = self.download(&request, cancel, on_event).await?;
        let final_path = files.join(&downloaded.sha256);
        std::fs::rename(&downloaded.path, &final_path).map_err(|error| {
            Error::local_because(format!("cannot keep {}", final_path.display()), error)
        })?;
        let mut source = source.clone();
        source.sha256 = downloaded.sha256;
        source.size = downloaded.size;
        self.store
            .record_download(&source, &files, Ok(&final_path), true)
    }

    /// A copy of `source` for viewing, without the network: the cached
    /// copy, or a saved download copied into the cache after its digest was
    /// checked; `None` when neither is on disk.
    pub fn local_viewable_copy(&self, source: &DownloadSource) -> Result<Option<LibraryEntry>> {
        let files = self.view_cache();
        std::fs::create_dir_all(&files).map_err(|error| {
            Error::local_because(format!("cannot create {}", files.display()), error)
        })?;
        let Some(present) = self.store.present_copy(&source.sha256)? else {
            return Ok(None);
        };
        if present.in_cache {
            return Ok(Some(present));
        }
        let Some(path) = &present.path else {
            return Ok(None);
        };
        match copy_into_cache(path, &files, &source.sha256) {
            Ok(copied) => self
                .store
                .record_download(source, &files, Ok(&copied), true)
                .map(Some),
            Err(_) => Ok(None),
        }
    }

    /// The copy of the file with this SHA-256 in the view cache, if it is
    /// there (only that file's rows are looked at).
    pub fn cached_copy(&self, sha256: &str) -> Result<Option<LibraryEntry>> {
        Ok(self
            .store
            .present_copy(sha256)?
            .filter(|entry| entry.in_cache))
    }

    /// The folder of files fetched for viewing: content-addressed, so a
    /// name there is always the SHA-256 of what it holds.
    pub fn view_cache(&self) -> PathBuf {
        self.dirs()
            .cache
            .join("accounts")
            .join(&self.account().id)
            .join("files")
    }

    /// The library (see [`crate::library`]).
    pub fn library(&self, text: Option<&str>) -> Result<Vec<LibraryEntry>> {
        self.store.library(text)
    }

    /// The latest downloads into folders.
    pub fn download_history(&self) -> Result<Vec<LibraryEntry>> {
        self.store.download_history(200)
    }

    /// One library or history row.
    pub fn library_entry(&self, id: i64) -> Result<LibraryEntry> {
        self.store
            .library_entry(id)?
            .ok_or_else(|| Error::local(format!("there is no download {id}")))
    }
}

/// Copies a saved file into the view cache under its digest, checking the
/// digest on the way.
fn copy_into_cache(path: &Path, files: &Path, sha256: &str) -> std::io::Result<PathBuf> {
    let (target, _, digest) = crate::disk::copy_aside(path, files)?;
    if digest != sha256 {
        return Err(std::io::Error::other(
            "the saved file changed since it was downloaded",
        ));
    }
    let final_path = files.join(sha256);
    target.persist(&final_path).map_err(|error| error.error)?;
    Ok(final_path)
}

/// A document as a list screen holds it: what it shows, sorts, filters
/// and searches by, and its place in the natural order of numbers. The
/// file's type, size and digest and the recipient stay in the kept copy,
/// which downloads read; each field is passed on as the JSON text it was
/// kept as (a kept list of 100,000 documents is trimmed by slicing; only
/// the numbers are read).
#[derive(Deserialize, Serialize)]
struct ListedDocument<'a> {
    #[serde(borrow)]
    id: &'a RawValue,
    #[serde(borrow)]
    number: &'a RawValue,
    #[serde(borrow)]
    kind: &'a RawValue,
    #[serde(borrow)]
    title: &'a RawValue,
    #[serde(borrow)]
    issued_on: &'a RawValue,
    #[serde(borrow, default)]
    due_on: Option<&'a RawValue>,
    #[serde(borrow)]
    amount: &'a RawValue,
    #[serde(borrow)]
    currency: &'a RawValue,
    #[serde(borrow)]
    status: &'a RawValue,
    #[serde(borrow)]
    file_name: &'a RawValue,
    /// Rank of the number in natural order ("INV-9" before "INV-10",
    /// case ignored); equal numbers share a rank.
    #[serde(skip_deserializing)]
    number_order: u32,
}

/// A document list (JSON text of [`Document`]s) as a list screen holds
/// it: each document with only the fields it shows, sorts, filters and
/// searches by, in the same order, and `number_order`, its number's rank
/// in natural order (a webview sorting 100,000 numbers naturally took a
/// third of a second; here it is a sort of integers). A webview holding
/// 100,000 documents holds two fifths less.
pub fn listed_documents_json(documents: &RawValue) -> Result<Box<RawValue>> {
    let mut listed: Vec<ListedDocument<'_>> =
        serde_json::from_str(documents.get()).map_err(Error::local_source)?;
    let keys = listed
        .iter()
        .map(|document| {
            serde_json::from_str::<std::borrow::Cow<'_, str>>(document.number.get())
                .map(|number| natural_key(&number))
        })
        .collect::<serde_json::Result<Vec<Vec<u16>>>>()
        .map_err(Error::local_source)?;
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
    let mut rank = 0;
    for (place, position) in order.iter().enumerate() {
        if place > 0 && keys[order[place - 1]] != keys[*position] {
            rank = place as u32;
        }
        listed[*position].number_order = rank;
    }
    serde_json::value::to_raw_value(&listed).map_err(Error::local_source)
}

/// Zeros a digit run is padded to, so that text order is number order.
const NATURAL_DIGITS: usize = 16;

/// `text` lower-cased with each run of ASCII digits padded with zeros to
/// [`NATURAL_DIGITS`], as UTF-16 code units: ordering these orders the
/// texts naturally ("inv-9" before "INV-10"), as a webview orders text.
fn natural_key(text: &str) -> Vec<u16> {
    let lower = text.to_lowercase();
    let mut key = Vec::with_capacity(lower.len() + NATURAL_DIGITS);
    let mut rest = lower.as_str();
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        key.extend(rest[..start].encode_utf16());
        let digits = &rest[start..];
        let end = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        key.extend(std::iter::repeat_n(
            u16::from(b'0'),
            NATURAL_DIGITS.saturating_sub(end),
        ));
        key.extend(digits[..end].encode_utf16());
        rest = &digits[end..];
    }
    key.extend(rest.encode_utf16());
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(id: i64, number: &str) -> Document {
        serde_json::from_value(serde_json::json!({
            "id": id, "number": number, "kind": "invoice", "title": number,
            "issued_on": "2026-01-01", "due_on": null, "amount": "1.00", "currency": "EUR",
            "status": "paid", "recipient": { "type": "user" }, "file_name": "f.pdf",
            "media_type": "application/pdf", "size": 1, "sha256": "00"
        }))
        .unwrap()
    }

    #[test]
    fn a_document_listed_twice_is_kept_once_where_first_listed() {
        let listed = vec![
            document(1, "A"),
            document(2, "B"),
            document(1, "A again"),
            document(3, "C"),
        ];
        let numbers: Vec<String> = each_once(listed)
            .into_iter()
            .map(|document| document.number)
            .collect();
        assert_eq!(numbers, ["A", "B", "C"]);
    }

    #[test]
    fn a_listed_document_keeps_what_a_list_shows_as_it_was_kept() {
        let mut second = document(2, "Q-\"2\" \u{e9}");
        second.due_on = Some("2026-02-01".into());
        let kept = serde_json::value::to_raw_value(&vec![document(1, "INV-1"), second]).unwrap();
        let listed = listed_documents_json(&kept).unwrap();
        let listed: serde_json::Value = serde_json::from_str(listed.get()).unwrap();
        assert_eq!(
            listed,
            serde_json::json!([
                { "id": 1, "number": "INV-1", "kind": "invoice", "title": "INV-1",
                  "issued_on": "2026-01-01", "due_on": null, "amount": "1.00", "currency": "EUR",
                  "status": "paid", "file_name": "f.pdf", "number_order": 0 },
                { "id": 2, "number": "Q-\"2\" \u{e9}", "kind": "invoice", "title": "Q-\"2\" \u{e9}",
                  "issued_on": "2026-01-01", "due_on": "2026-02-01", "amount": "1.00", "currency": "EUR",
                  "status": "paid", "file_name": "f.pdf", "number_order": 1 }
            ])
        );
        let empty = serde_json::value::to_raw_value(&Vec::<Document>::new()).unwrap();
        assert_eq!(listed_documents_json(&empty).unwrap().get(), "[]");
        let not_a_list = RawValue::from_string("{\"id\": 1}".into()).unwrap();
        assert!(listed_documents_json(&not_a_list).is_err());
    }

    #[test]
    fn numbers_are_ranked_in_natural_order_whatever_their_case_and_equal_ones_together() {
        let numbers = [
            "inv-10", "INV-9", "Q-1", "inv-9a", "INV-100", "inv-9", "", "Ünï 7", "1.5.10", "1.5.9",
        ];
        let kept = serde_json::value::to_raw_value(
            &numbers
                .iter()
                .enumerate()
                .map(|(id, number)| document(id as i64, number))
                .collect::<Vec<_>>(),
        )
        .unwrap();
        let listed: Vec<serde_json::Value> =
            serde_json::from_str(listed_documents_json(&kept).unwrap().get()).unwrap();
        let mut ranked: Vec<(u64, &str)> = listed
            .iter()
            .zip(numbers)
            .map(|(document, number)| (document["number_order"].as_u64().unwrap(), number))
            .collect();
        ranked.sort();
        assert_eq!(
            ranked,
            [
                (0, ""),
                (1, "1.5.9"),
                (2, "1.5.10"),
                (3, "INV-9"),
                (3, "inv-9"),
                (5, "inv-9a"),
                (6, "inv-10"),
                (7, "INV-100"),
                (8, "Q-1"),
                (9, "Ünï 7"),
            ]
        );
    }

    #[test]
    fn natural_keys_pad_every_digit_run_and_compare_as_utf16() {
        let text = |key: Vec<u16>| String::from_utf16(&key).unwrap();
        assert_eq!(text(natural_key("INV-000123")), "inv-0000000000000123");
        assert_eq!(
            text(natural_key("a1b22")),
            "a0000000000000001b0000000000000022"
        );
        assert_eq!(
            text(natural_key("x12345678901234567890y")),
            "x12345678901234567890y",
            "a run longer than the padding stays as it is"
        );
        assert!(
            natural_key("\u{1f600}") < natural_key("\u{ff61}"),
            "as a webview compares text (by UTF-16 code units), not by code point"
        );
    }
}
