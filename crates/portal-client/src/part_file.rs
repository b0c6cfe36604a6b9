//! The part file of one download: the hidden file the bytes go to, its
//! SHA-256 so far, the version of the file it holds (kept beside it, so a
//! later run resumes it), its lock against a second download of the same
//! file, and how it becomes the finished file.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use portal_i18n::text;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::dirs::write_atomically;
use crate::disk::{FileAction, io_error};
use crate::download_request::{DownloadRequest, Downloaded};
use crate::error::{Error, Result};
use crate::part_writer::{PartWriter, Written};
use crate::publish::{create_part, part_paths, publish, reopen_part};

/// Which version of which file a part file holds, kept beside it so a
/// later run can resume it.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct PartState {
    path: String,
    etag: String,
    /// When the state was written (Unix seconds, by this app's clock).
    #[serde(default)]
    saved_at: u64,
}

/// How long an abandoned part file is kept for a resume.
pub const STALE_PART_AGE: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// Runs [`remove_stale_parts`] on `folder` the first time this process
/// downloads into it, not on every download (a "Download all" of hundreds
/// would otherwise scan the folder hundreds of times).
fn clean_once(folder: &Path) {
    static CLEANED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    let mut cleaned = CLEANED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if !cleaned.iter().any(|done| done == folder) {
        cleaned.push(folder.to_path_buf());
        drop(cleaned);
        remove_stale_parts(folder, SystemTime::now());
    }
}

/// Removes this app's part files in `folder`, with their state files, that
/// no download is using (their lock is free) and that were last touched
/// more than [`STALE_PART_AGE`] before `now`: by the later of the file's
/// time and the time its state records, so a clock that runs apart from the
/// file system's never makes a fresh part look old. Answers how many part
/// files went; anything else in the folder is left alone.
pub(crate) fn remove_stale_parts(folder: &Path, now: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(".portal-desk-") && name.ends_with(".part")) {
            continue;
        }
        let path = entry.path();
        let state_path = path.with_extension("state");
        let stale = || {
            let modified = std::fs::symlink_metadata(&path)
                .and_then(|metadata| metadata.modified())
                .ok();
            let saved = std::fs::read(&state_path)
                .ok()
                .and_then(|bytes| serde_json::from_slice::<PartState>(&bytes).ok())
                .map(|state| SystemTime::UNIX_EPOCH + Duration::from_secs(state.saved_at));
            let touched = modified.max(saved).unwrap_or(now);
            now.duration_since(touched)
                .is_ok_and(|age| age > STALE_PART_AGE)
        };
        // Only an old part is locked (briefly) to make sure no download is
        // using it; fresh ones are never touched.
        if !stale() {
            continue;
        }
        let Ok(file) = reopen_part(&path) else {
            continue;
        };
        if file.try_lock().is_ok() && stale() && std::fs::remove_file(&path).is_ok() {
            let _ = std::fs::remove_file(&state_path);
            removed += 1;
        }
    }
    removed
}

/// The part file of one download, written (and hashed) by its own thread,
/// and the version of the file it holds.
pub(crate) struct PartFile {
    folder: PathBuf,
    path: PathBuf,
    state_path: PathBuf,
    /// The thread writing the file; `None` once a write failed (the
    /// download stops) and while it is replaced ([`PartFile::restart`]).
    writer: Option<PartWriter>,
    /// Bytes handed to the writer: on disk after [`PartFile::flush`].
    pub(crate) written: u64,
    /// The version of the file the part holds.
    pub(crate) etag: Option<String>,
}

impl PartFile {
    /// Finds the part file of an interrupted run of the same download and
    /// continues it (re-hashing what it holds), or starts a new one.
    pub(crate) fn open(request: &DownloadRequest) -> Result<Self> {
        let folder = &request.folder;
        if !folder.is_dir() {
            return Err(Error::Destination(text(
                "folder-missing",
                &[("path", folder.display().to_string().into())],
            )));
        }
        clean_once(folder);
        let key = download_key(request);
        let (path, state_path) = part_paths(folder, &key);
        let busy = || {
            Error::Download(text(
                "download-already-running",
                &[("folder", folder.display().to_string().into())],
            ))
        };
        let start = |file: std::fs::File, hasher: Sha256, written: u64, etag: Option<String>| {
            Ok(Self {
                folder: folder.clone(),
                writer: Some(
                    PartWriter::start(file, hasher, written)
                        .map_err(|error| io_error(FileAction::Write, &path, &error))?,
                ),
                path: path.clone(),
                state_path: state_path.clone(),
                written,
                etag,
            })
        };
        let fresh = |file: std::fs::File| start(file, Sha256::new(), 0, None);
        if std::fs::symlink_metadata(&path).is_err() {
            // A new download: the part file is created exclusively and
            // locked, so no other download (here or in another process)
            // touches it.
            let file =
                create_part(&path).map_err(|error| if path.exists() { busy() } else { error })?;
            // Created just now by this download, so only a clean-up checking
            // the folder can hold it, for a moment: wait that out.
            lock_new_part(&file).map_err(|()| busy())?;
            remove_if_there(&state_path)
                .map_err(|error| io_error(FileAction::Remove, &state_path, &error))?;
            return fresh(file);
        }
        // An earlier run's part file: locked first, so a running download
        // is never taken over; then resumed if its state names this file,
        // else emptied (never unlinked, which a running download would not
        // notice).
        let mut file =
            reopen_part(&path).map_err(|error| io_error(FileAction::Open, &path, &error))?;
        lock_part(&file).map_err(|()| busy())?;
        let state: Option<PartState> = std::fs::read(&state_path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .filter(|state: &PartState| state.path == request.path);
        match state {
            Some(state) => {
                let mut hasher = Sha256::new();
                let written = hash_from_start(&mut file, &mut hasher)
                    .map_err(|error| io_error(FileAction::Read, &path, &error))?;
                start(file, hasher, written, Some(state.etag))
            }
            None => {
                file.set_len(0)
                    .map_err(|error| io_error(FileAction::Write, &path, &error))?;
                remove_if_there(&state_path)
                    .map_err(|error| io_error(FileAction::Remove, &state_path, &error))?;
                fresh(file)
            }
        }
    }

    /// The writer thread; gone once a write failed (the download stops).
    fn writer(&mut self) -> Result<&mut PartWriter> {
        self.writer
            .as_mut()
            .ok_or_else(|| io_error(FileAction::Write, &self.folder, &stopped()))
    }

    /// Ends the writer thread and answers what it wrote, or the error
    /// that stopped it.
    fn finish_writer(&mut self) -> Result<Written> {
        let Some(writer) = self.writer.take() else {
            return Err(io_error(FileAction::Write, &self.folder, &stopped()));
        };
        let mut written = writer.finish();
        match written.error.take() {
            Some(error) => Err(io_error(FileAction::Write, &self.folder, &error)),
            None => written
                .file
                .flush()
                .map(|()| written)
                .map_err(|error| io_error(FileAction::Write, &self.folder, &error)),
        }
    }

    /// Hashes `bytes` and hands them to the writer thread (waiting while it
    /// is behind).
    pub(crate) async fn write(&mut self, bytes: Bytes) -> Result<()> {
        let length = bytes.len() as u64;
        if self.writer()?.write(bytes).await.is_err() {
            return Err(self
                .finish_writer()
                .err()
                .unwrap_or_else(|| io_error(FileAction::Write, &self.folder, &stopped())));
        }
        self.written += length;
        Ok(())
    }

    /// Waits until every byte handed over is in the file.
    pub(crate) async fn flush(&mut self) -> Result<()> {
        if self.writer()?.flush().await.is_err() {
            return Err(self
                .finish_writer()
                .err()
                .unwrap_or_else(|| io_error(FileAction::Write, &self.folder, &stopped())));
        }
        Ok(())
    }

    /// Empties the part file: the portal is sending the file from the start.
    pub(crate) fn restart(&mut self) -> Result<()> {
        let written = self.finish_writer()?;
        let mut file = written
            .file
            .into_inner()
            .map_err(|error| io_error(FileAction::Write, &self.path, error.error()))?;
        file.set_len(0)
            .and_then(|_| file.seek(SeekFrom::Start(0)))
            .map_err(|error| io_error(FileAction::Write, &self.path, &error))?;
        self.writer = Some(
            PartWriter::start(file, Sha256::new(), 0)
                .map_err(|error| io_error(FileAction::Write, &self.path, &error))?,
        );
        self.written = 0;
        self.etag = None;
        let _ = std::fs::remove_file(&self.state_path);
        Ok(())
    }

    /// Records which version the part holds, so a later run can resume it
    /// with `If-Range` (a file without an ETag cannot be resumed).
    pub(crate) fn remember(&mut self, path: &str, etag: Option<&str>) -> Result<()> {
        if self.etag.as_deref() == etag {
            return Ok(());
        }
        self.etag = etag.map(str::to_owned);
        match etag {
            Some(etag) => write_atomically(
                &self.state_path,
                &serde_json::to_vec(&PartState {
                    path: path.to_owned(),
                    etag: etag.to_owned(),
                    saved_at: SystemTime::now()
                        .duration_since(SystemTime::UNIX_EPOCH)
                        .map_or(0, |elapsed| elapsed.as_secs()),
                })
                .map_err(Error::local_source)?,
            ),
            None => {
                let _ = std::fs::remove_file(&self.state_path);
                Ok(())
            }
        }
    }

    /// Checks the digest and puts the file in place under a free name.
    pub(crate) fn publish(
        mut self,
        request: &DownloadRequest,
        portal_digest: Option<String>,
    ) -> Result<Downloaded> {
        let outcome = (|| {
            let written = self.finish_writer()?;
            let sha256 = hex::encode(written.hasher.finalize());
            let expected = portal_digest.or_else(|| request.expected_sha256.clone());
            if expected.is_some_and(|expected| !expected.eq_ignore_ascii_case(&sha256)) {
                return Err(Error::Download(text("download-damaged", &[])));
            }
            written
                .file
                .get_ref()
                .sync_all()
                .map_err(|error| io_error(FileAction::Write, &self.path, &error))?;
            let path = publish(&self.path, &self.folder, &request.file_name)?;
            Ok(Downloaded {
                path,
                size: self.written,
                sha256,
            })
        })();
        match outcome {
            Ok(downloaded) => {
                let _ = std::fs::remove_file(&self.state_path);
                Ok(downloaded)
            }
            Err(error) => {
                self.discard();
                Err(error)
            }
        }
    }

    pub(crate) fn discard(&self) {
        let _ = std::fs::remove_file(&self.path);
        let _ = std::fs::remove_file(&self.state_path);
    }
}

/// Why a part file whose writer stopped is not written any more.
fn stopped() -> std::io::Error {
    std::io::Error::other("an earlier write to this file failed")
}

/// Locks a part file this download has just created, waiting out a
/// clean-up that checks it at the same moment.
fn lock_new_part(file: &std::fs::File) -> std::result::Result<(), ()> {
    for _ in 0..50 {
        if lock_part(file).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Err(())
}

/// Takes the part file's advisory lock; `Err` when another download holds
/// it. File systems without locks are used without one.
fn lock_part(file: &std::fs::File) -> std::result::Result<(), ()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(()),
        Err(std::fs::TryLockError::Error(_)) => Ok(()),
    }
}

/// Removes `path` if it exists (a link is removed, never followed).
fn remove_if_there(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

fn hash_from_start(file: &mut std::fs::File, hasher: &mut Sha256) -> std::io::Result<u64> {
    file.seek(SeekFrom::Start(0))?;
    let mut buffer = vec![0u8; 1 << 20];
    let mut total = 0;
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            return Ok(total);
        }
        hasher.update(&buffer[..read]);
        total += read as u64;
    }
}

/// Names a download by what it fetches and the name it saves under, so an
/// interrupted one is found again and two different ones never share a
/// part file.
pub(crate) fn download_key(request: &DownloadRequest) -> String {
    let digest = Sha256::digest(format!("{}\n{}", request.path, request.file_name));
    hex::encode(&digest[..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_by_source_and_name() {
        let request = |path: &str, name: &str| DownloadRequest {
            path: path.into(),
            folder: PathBuf::from("."),
            file_name: name.into(),
            expected_size: None,
            expected_sha256: None,
            stall: crate::download_request::StallRule::default(),
        };
        let key = download_key(&request("/a", "x.pdf"));
        assert_eq!(key.len(), 16);
        assert_eq!(key, download_key(&request("/a", "x.pdf")));
        assert_ne!(key, download_key(&request("/b", "x.pdf")));
        assert_ne!(key, download_key(&request("/a", "y.pdf")));
    }

    #[test]
    fn part_files_given_up_a_week_ago_are_removed_and_nothing_else() {
        let folder = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let eight_days_ago = now - Duration::from_secs(8 * 24 * 60 * 60);
        let write = |name: &str, modified: SystemTime| {
            let file = std::fs::File::create(folder.path().join(name)).unwrap();
            file.set_modified(modified).unwrap();
            file
        };
        let state = |saved_at: SystemTime| {
            serde_json::to_vec(&PartState {
                path: "/api/v1/documents/1/file".into(),
                etag: "\"v1\"".into(),
                saved_at: saved_at
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .unwrap()
                    .as_secs(),
            })
            .unwrap()
        };
        // Given up long ago: goes, with its state.
        write(".portal-desk-old.part", eight_days_ago);
        std::fs::write(
            folder.path().join(".portal-desk-old.state"),
            state(eight_days_ago),
        )
        .unwrap();
        // Old on disk but saved recently by this app's clock (a clock that
        // runs apart from the file system's): stays.
        write(".portal-desk-skewed.part", eight_days_ago);
        std::fs::write(folder.path().join(".portal-desk-skewed.state"), state(now)).unwrap();
        // Old, but a download holds it: stays.
        let busy = write(".portal-desk-busy.part", eight_days_ago);
        busy.lock().unwrap();
        write(".portal-desk-new.part", now);
        write("Invoice.pdf", eight_days_ago);
        write(".portal-desk-notes.txt", eight_days_ago);
        assert_eq!(remove_stale_parts(folder.path(), now), 1);
        let mut left: Vec<_> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".portal-desk-busy.part",
                ".portal-desk-new.part",
                ".portal-desk-notes.txt",
                ".portal-desk-skewed.part",
                ".portal-desk-skewed.state",
                "Invoice.pdf"
            ]
        );
        drop(busy);
    }
}
