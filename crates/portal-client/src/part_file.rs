//! The part file of one download: the hidden file the bytes go to, its
//! SHA-256 so far, the version of the file it holds (kept beside it, so a
//! later run resumes it), its lock against a second download of the same
//! file, and how it becomes the finished file.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::dirs::write_atomically;
use crate::downloads::{DownloadRequest, Downloaded};
use crate::error::{Error, Result};
use crate::publish::{create_part, io_error, part_paths, publish, reopen_part};

/// Bytes gathered before a write to the part file: small enough to stay in
/// the CPU cache between hashing and writing (bigger buffers measured
/// slower), big enough to keep system calls few.
pub(crate) const WRITE_BUFFER: usize = 16 * 1024;

/// Bytes written between two requests to start writeback.
const WRITEBACK_STEP: u64 = 16 * 1024 * 1024;

/// Which version of which file a part file holds, kept beside it so a
/// later run can resume it.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct PartState {
    path: String,
    etag: String,
}

/// The part file of one download, its hash so far, and the version of the
/// file it holds.
pub(crate) struct PartFile {
    folder: PathBuf,
    path: PathBuf,
    state_path: PathBuf,
    writer: std::io::BufWriter<std::fs::File>,
    hasher: Sha256,
    /// Bytes on disk.
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
            return Err(Error::Destination(format!(
                "the folder {} does not exist",
                folder.display()
            )));
        }
        crate::publish::remove_stale_parts(folder, std::time::SystemTime::now());
        let key = download_key(request);
        let (path, state_path) = part_paths(folder, &key);
        let busy = || {
            Error::Download(format!(
                "This file is already being downloaded into {}; wait for that download to finish.",
                folder.display()
            ))
        };
        let fresh = |file: std::fs::File| Self {
            folder: folder.clone(),
            path: path.clone(),
            state_path: state_path.clone(),
            writer: std::io::BufWriter::with_capacity(WRITE_BUFFER, file),
            hasher: Sha256::new(),
            written: 0,
            etag: None,
        };
        if std::fs::symlink_metadata(&path).is_err() {
            // A new download: the part file is created exclusively and
            // locked, so no other download (here or in another process)
            // touches it.
            let file =
                create_part(&path).map_err(|error| if path.exists() { busy() } else { error })?;
            lock_part(&file).map_err(|()| busy())?;
            remove_if_there(&state_path)
                .map_err(|error| io_error("cannot remove", &state_path, &error))?;
            return Ok(fresh(file));
        }
        // An earlier run's part file: locked first, so a running download
        // is never taken over; then resumed if its state names this file,
        // else emptied (never unlinked, which a running download would not
        // notice).
        let mut file =
            reopen_part(&path).map_err(|error| io_error("cannot open", &path, &error))?;
        lock_part(&file).map_err(|()| busy())?;
        let state: Option<PartState> = std::fs::read(&state_path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .filter(|state: &PartState| state.path == request.path);
        match state {
            Some(state) => {
                let mut hasher = Sha256::new();
                let written = hash_from_start(&mut file, &mut hasher)
                    .map_err(|error| io_error("cannot read", &path, &error))?;
                Ok(Self {
                    hasher,
                    written,
                    etag: Some(state.etag),
                    ..fresh(file)
                })
            }
            None => {
                file.set_len(0)
                    .map_err(|error| io_error("cannot write", &path, &error))?;
                remove_if_there(&state_path)
                    .map_err(|error| io_error("cannot remove", &state_path, &error))?;
                Ok(fresh(file))
            }
        }
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) -> Result<()> {
        // Piece by piece, so each piece is still in the CPU cache when it is
        // written after being hashed.
        for piece in bytes.chunks(WRITE_BUFFER) {
            self.hasher.update(piece);
            self.writer
                .write_all(piece)
                .map_err(|error| io_error("cannot write", &self.folder, &error))?;
        }
        let before = self.written;
        self.written += bytes.len() as u64;
        if before / WRITEBACK_STEP != self.written / WRITEBACK_STEP {
            self.start_writeback();
        }
        Ok(())
    }

    /// Asks the system to start writing what is on disk so far, so the
    /// flush before publishing has little left to do and dirty pages do
    /// not pile up (Linux; elsewhere the final flush does it all).
    fn start_writeback(&self) {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: a valid open descriptor; the call only schedules I/O.
            unsafe {
                libc::sync_file_range(
                    self.writer.get_ref().as_raw_fd(),
                    0,
                    0,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
            }
        }
    }

    pub(crate) fn flush(&mut self) -> Result<()> {
        self.writer
            .flush()
            .map_err(|error| io_error("cannot write", &self.folder, &error))
    }

    /// Empties the part file: the portal is sending the file from the start.
    pub(crate) fn restart(&mut self) -> Result<()> {
        self.flush()?;
        let file = self.writer.get_mut();
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .map_err(|error| io_error("cannot write", &self.path, &error))?;
        self.hasher = Sha256::new();
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
                })
                .map_err(Error::local)?,
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
            self.flush()?;
            let sha256 = crate::lowercase_hex(&std::mem::take(&mut self.hasher).finalize());
            let expected = portal_digest.or_else(|| request.expected_sha256.clone());
            if expected.is_some_and(|expected| !expected.eq_ignore_ascii_case(&sha256)) {
                return Err(Error::Download(
                    "The file arrived damaged: its SHA-256 does not match the one the portal gave. Nothing was saved; try again."
                        .into(),
                ));
            }
            self.writer
                .get_ref()
                .sync_all()
                .map_err(|error| io_error("cannot write", &self.path, &error))?;
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
    crate::lowercase_hex(&digest[..8])
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
            stall: crate::downloads::StallRule::default(),
        };
        let key = download_key(&request("/a", "x.pdf"));
        assert_eq!(key.len(), 16);
        assert_eq!(key, download_key(&request("/a", "x.pdf")));
        assert_ne!(key, download_key(&request("/b", "x.pdf")));
        assert_ne!(key, download_key(&request("/a", "y.pdf")));
    }
}
