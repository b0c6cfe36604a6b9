//! The library and download history of one account: every file the app
//! saved to a folder or fetched for viewing, and every download that
//! failed or was cancelled (so it can be retried after a restart).

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::local_store::LocalStore;

/// How a download ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DownloadOutcome {
    /// Saved and verified.
    Finished,
    /// Stopped by an error.
    Failed,
    /// Stopped by the user.
    Cancelled,
}

impl DownloadOutcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Finished => "finished",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "finished" => Self::Finished,
            "cancelled" => Self::Cancelled,
            _ => Self::Failed,
        }
    }
}

/// What a download fetched and where it was meant to go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DownloadSource {
    /// What it is, e.g. `document:42`.
    pub source: String,
    /// A title for people, e.g. `Invoice INV-2026-0042`.
    pub title: String,
    /// The file's API path.
    pub api_path: String,
    /// The safe name it is saved under.
    pub file_name: String,
    /// Its media type.
    pub media_type: String,
    /// Its size as listed.
    pub size: u64,
    /// Its SHA-256 as listed (hex).
    pub sha256: String,
}

/// One row of the library or the download history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LibraryEntry {
    /// Row id.
    pub id: i64,
    /// What was fetched.
    #[serde(flatten)]
    pub source: DownloadSource,
    /// The folder it was saved into.
    pub folder: PathBuf,
    /// Where the file is (finished downloads).
    pub path: Option<PathBuf>,
    /// How it ended.
    pub outcome: DownloadOutcome,
    /// Why it failed.
    pub message: Option<String>,
    /// Fetched for viewing into the app's cache, not saved by the user.
    pub in_cache: bool,
    /// When (Unix seconds).
    pub at: i64,
    /// The file is no longer where it was saved (moved, deleted or changed
    /// size).
    pub missing: bool,
    /// Why "Open" is not offered for this saved file (its type could run
    /// a program; see [`crate::open_policy`]); `None` when it is.
    pub open_refusal: Option<String>,
}

const COLUMNS: &str = "id, source, title, api_path, file_name, media_type, size, sha256, folder, path, status, message, in_cache, at";

impl LocalStore {
    /// Records how a download ended.
    pub fn record_download(
        &self,
        source: &DownloadSource,
        folder: &Path,
        outcome: std::result::Result<&Path, (DownloadOutcome, &str)>,
        in_cache: bool,
    ) -> Result<LibraryEntry> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let (path, status, message) = match outcome {
            Ok(path) => (
                Some(path.to_string_lossy().into_owned()),
                DownloadOutcome::Finished,
                None,
            ),
            Err((status, message)) => (None, status, Some(message.to_owned())),
        };
        let id = {
            let conn = self.lock();
            conn.execute(
                "INSERT INTO library (source, title, api_path, file_name, media_type, size, sha256,
                 folder, path, status, message, in_cache, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    source.source,
                    source.title,
                    source.api_path,
                    source.file_name,
                    source.media_type,
                    source.size as i64,
                    source.sha256,
                    folder.to_string_lossy(),
                    path,
                    status.as_str(),
                    message,
                    in_cache,
                    now
                ],
            )
            .map_err(Error::local_source)?;
            conn.last_insert_rowid()
        };
        self.library_entry(id)?
            .ok_or_else(|| Error::local("a library row vanished as it was written"))
    }

    /// One row by id.
    pub fn library_entry(&self, id: i64) -> Result<Option<LibraryEntry>> {
        self.lock()
            .query_row(
                &format!("SELECT {COLUMNS} FROM library WHERE id = ?1"),
                [id],
                entry_from_row,
            )
            .optional()
            .map_err(Error::local_source)
    }

    /// Every file the app has saved or fetched for viewing, newest first,
    /// optionally only those whose title or name contains `text`: one row
    /// per saved file (the latest download to that path), and one per
    /// document only ever viewed (its cached copy).
    pub fn library(&self, text: Option<&str>) -> Result<Vec<LibraryEntry>> {
        let pattern = format!(
            "%{}%",
            text.unwrap_or("")
                .trim()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let conn = self.lock();
        let mut statement = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM library
                 WHERE status = 'finished' AND (title || ' ' || file_name) LIKE ?1 ESCAPE '\\'
                   AND id IN (
                     SELECT MAX(id) FROM library
                     WHERE status = 'finished' AND in_cache = 0 GROUP BY path
                     UNION
                     SELECT MAX(id) FROM library AS viewed
                     WHERE status = 'finished' AND in_cache = 1 AND NOT EXISTS (
                       SELECT 1 FROM library AS saved WHERE saved.source = viewed.source
                         AND saved.status = 'finished' AND saved.in_cache = 0)
                     GROUP BY source)
                 ORDER BY at DESC, id DESC"
            ))
            .map_err(Error::local_source)?;
        statement
            .query_map([pattern], entry_from_row)
            .and_then(Iterator::collect)
            .map_err(Error::local_source)
    }

    /// The latest downloads into folders (not views), newest first.
    pub fn download_history(&self, limit: u32) -> Result<Vec<LibraryEntry>> {
        let conn = self.lock();
        let mut statement = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM library WHERE in_cache = 0 ORDER BY at DESC, id DESC LIMIT ?1"
            ))
            .map_err(Error::local_source)?;
        statement
            .query_map([limit], entry_from_row)
            .and_then(Iterator::collect)
            .map_err(Error::local_source)
    }

    /// A finished copy of the file with this SHA-256 that is still where it
    /// was saved, if any.
    pub fn present_copy(&self, sha256: &str) -> Result<Option<LibraryEntry>> {
        let conn = self.lock();
        let mut statement = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM library WHERE status = 'finished' AND sha256 = ?1
                 ORDER BY in_cache DESC, at DESC"
            ))
            .map_err(Error::local_source)?;
        let entries: Vec<LibraryEntry> = statement
            .query_map([sha256], entry_from_row)
            .and_then(Iterator::collect)
            .map_err(Error::local_source)?;
        Ok(entries.into_iter().find(|entry| !entry.missing))
    }
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<LibraryEntry> {
    let path: Option<String> = row.get(9)?;
    let size = row.get::<_, i64>(6)? as u64;
    let outcome = DownloadOutcome::parse(&row.get::<_, String>(10)?);
    let missing = outcome == DownloadOutcome::Finished
        && !path
            .as_deref()
            .and_then(|path| std::fs::symlink_metadata(path).ok())
            .is_some_and(|metadata| metadata.is_file() && metadata.len() == size);
    let open_refusal = path
        .as_deref()
        .map(Path::new)
        .and_then(Path::file_name)
        .and_then(|name| crate::open_policy::open_refusal(&name.to_string_lossy()));
    Ok(LibraryEntry {
        id: row.get(0)?,
        source: DownloadSource {
            source: row.get(1)?,
            title: row.get(2)?,
            api_path: row.get(3)?,
            file_name: row.get(4)?,
            media_type: row.get(5)?,
            size,
            sha256: row.get(7)?,
        },
        folder: PathBuf::from(row.get::<_, String>(8)?),
        path: path.map(PathBuf::from),
        outcome,
        message: row.get(11)?,
        in_cache: row.get(12)?,
        at: row.get(13)?,
        missing,
        open_refusal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, sha: &str) -> DownloadSource {
        DownloadSource {
            source: "document:1".into(),
            title: format!("Invoice {name}"),
            api_path: "/api/v1/documents/1/file".into(),
            file_name: format!("{name}.pdf"),
            media_type: "application/pdf".into(),
            size: 3,
            sha256: sha.into(),
        }
    }

    #[test]
    fn library_tracks_files_and_notices_missing_ones() {
        let folder = tempfile::tempdir().unwrap();
        let store = LocalStore::open(&folder.path().join("store")).unwrap();
        let saved = folder.path().join("A-1.pdf");
        std::fs::write(&saved, b"abc").unwrap();
        let entry = store
            .record_download(&source("A-1", "aa"), folder.path(), Ok(&saved), false)
            .unwrap();
        assert!(!entry.missing);
        store
            .record_download(
                &source("B_2", "bb"),
                folder.path(),
                Err((DownloadOutcome::Failed, "the connection broke")),
                false,
            )
            .unwrap();
        assert_eq!(
            store.library(None).unwrap().len(),
            1,
            "failures are history, not library"
        );
        assert_eq!(store.download_history(10).unwrap().len(), 2);
        assert_eq!(store.library(Some("a-1")).unwrap().len(), 1);
        assert!(store.library(Some("%")).unwrap().is_empty(), "% is literal");
        assert_eq!(store.present_copy("aa").unwrap().unwrap().id, entry.id);
        let cached = folder.path().join("aa");
        std::fs::write(&cached, b"abc").unwrap();
        store
            .record_download(&source("A-1", "aa"), folder.path(), Ok(&cached), true)
            .unwrap();
        let listed = store.library(None).unwrap();
        assert_eq!(
            listed.len(),
            1,
            "a viewed copy of a saved file is not listed twice"
        );
        assert!(!listed[0].in_cache);
        std::fs::remove_file(&cached).unwrap();

        std::fs::remove_file(&saved).unwrap();
        assert!(store.library(None).unwrap()[0].missing);
        assert_eq!(store.present_copy("aa").unwrap(), None);
    }
}
