//! The download engine every feature uses (documents now, ticket
//! attachments later): streams to a hidden part file beside the destination
//! while computing SHA-256, resumes with `Range` + `If-Range` (also after
//! the process was killed), restarts cleanly when the portal sends the
//! whole file or a new version, honours `Retry-After`, retries transient
//! failures with backoff, checks the portal's `Repr-Digest` and publishes
//! under a free name without replacing anything. At most
//! [`MAX_CONCURRENT_DOWNLOADS`] run at once in a process.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine;
use reqwest::header::{ACCEPT, CONTENT_LENGTH, CONTENT_RANGE, ETAG, IF_RANGE, RANGE};
use reqwest::{Method, Response, StatusCode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use crate::dirs::write_atomically;
use crate::error::{Error, Result};
use crate::http::{ApiRequest, retry_after};
use crate::publish::{create_part, ensure_free_space, io_error, part_paths, publish, reopen_part};
use crate::session::Session;

/// How many downloads run at once; more wait for a slot.
pub const MAX_CONCURRENT_DOWNLOADS: usize = 3;
/// Attempts per download before it stops (and can be resumed later).
pub const MAX_ATTEMPTS: u32 = 6;
/// The longest `Retry-After` waited for; a longer one stops the download.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(60);
/// Least time between two progress events of one download.
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// Bytes gathered before a write to the part file: small enough to stay in
/// the CPU cache between hashing and writing (bigger buffers measured
/// slower), big enough to keep system calls few.
const WRITE_BUFFER: usize = 16 * 1024;

/// Bytes written between two requests to start writeback.
const WRITEBACK_STEP: u64 = 16 * 1024 * 1024;

static SLOTS: Semaphore = Semaphore::const_new(MAX_CONCURRENT_DOWNLOADS);

/// What to download and where to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadRequest {
    /// The file's API path, e.g. `/api/v1/documents/7/file`.
    pub path: String,
    /// The folder to save into (it must exist).
    pub folder: PathBuf,
    /// The name to save under: one safe path component (see
    /// [`crate::safe_names`]); a taken name gets ` (1)`, ` (2)`, ...
    pub file_name: String,
    /// The size the portal listed, for the free-space check before asking.
    pub expected_size: Option<u64>,
    /// The SHA-256 the portal listed (lowercase hex); checked when the
    /// answer carries no `Repr-Digest`.
    pub expected_sha256: Option<String>,
}

/// A finished download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Downloaded {
    /// Where the file was saved.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lowercase hex.
    pub sha256: String,
}

/// What a running download reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum DownloadEvent {
    /// Waiting for one of the download slots.
    Waiting,
    /// The portal answered; `resumed_from` bytes were already on disk.
    Started {
        /// The file's size.
        total: u64,
        /// Bytes kept from an earlier attempt.
        resumed_from: u64,
    },
    /// Bytes on disk so far (at most one event per [`PROGRESS_INTERVAL`],
    /// and one at the end).
    Progress {
        /// Bytes on disk.
        done: u64,
        /// The file's size.
        total: u64,
        /// Recent speed.
        bytes_per_second: u64,
    },
    /// A transient failure; the download goes on after `wait_ms`.
    Retrying {
        /// The attempt about to start (2 is the first retry).
        attempt: u32,
        /// Milliseconds until then.
        wait_ms: u64,
        /// What went wrong.
        reason: String,
    },
}

/// Which version of which file a part file holds, kept beside it so a
/// later run can resume it.
#[derive(Debug, Serialize, Deserialize)]
struct PartState {
    path: String,
    etag: String,
}

impl Session {
    /// Downloads `request.path` into `request.folder`, reporting through
    /// `on_event`. On failure nothing is published; the part file is kept
    /// only when the portal could not be reached (so the next attempt
    /// resumes), and removed on cancel and every other failure.
    pub async fn download(
        &self,
        request: &DownloadRequest,
        cancel: &CancellationToken,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<Downloaded> {
        on_event(DownloadEvent::Waiting);
        let _slot = tokio::select! {
            slot = SLOTS.acquire() => slot.map_err(|_| Error::Cancelled)?,
            () = cancel.cancelled() => return Err(Error::Cancelled),
        };
        let mut part = PartFile::open(request)?;
        match self
            .run_attempts(&mut part, request, cancel, on_event)
            .await
        {
            Ok(digest) => part.publish(request, digest),
            Err(Stop { error, resumable }) => {
                if !resumable {
                    part.discard();
                }
                Err(error)
            }
        }
    }

    async fn run_attempts(
        &self,
        part: &mut PartFile,
        request: &DownloadRequest,
        cancel: &CancellationToken,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> std::result::Result<Option<String>, Stop> {
        let mut attempt = 1;
        loop {
            let (reason, wait) = match self.attempt(part, request, cancel, on_event).await {
                Ok(digest) => return Ok(digest),
                Err(Failure::Fatal(error)) => return Err(Stop::fatal(error)),
                Err(Failure::Transient { reason, wait }) => (reason, wait),
            };
            if attempt >= MAX_ATTEMPTS {
                return Err(Stop {
                    error: Error::Download(format!(
                        "The download stopped after {MAX_ATTEMPTS} attempts: {reason}. Try again to resume it."
                    )),
                    resumable: true,
                });
            }
            attempt += 1;
            let wait = wait.unwrap_or_else(|| backoff(attempt));
            on_event(DownloadEvent::Retrying {
                attempt,
                wait_ms: wait.as_millis() as u64,
                reason,
            });
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = cancel.cancelled() => return Err(Stop::fatal(Error::Cancelled)),
            }
        }
    }

    /// One request: resumes from what is on disk, streams the answer to the
    /// part file and answers the portal's SHA-256 (hex) if it sent one.
    async fn attempt(
        &self,
        part: &mut PartFile,
        request: &DownloadRequest,
        cancel: &CancellationToken,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> std::result::Result<Option<String>, Failure> {
        let resume = part.etag.clone().filter(|_| part.written > 0);
        let from = part.written;
        if let Some(size) = request.expected_size {
            // Before asking the portal: no point fetching what cannot be kept.
            ensure_free_space(&request.folder, size.saturating_sub(from))
                .map_err(Failure::Fatal)?;
        }
        let response = self
            .send_authorized(|| {
                let mut api = ApiRequest::new(Method::GET, &request.path).header(ACCEPT, "*/*")?;
                if let Some(etag) = &resume {
                    api = api
                        .header(RANGE, &format!("bytes={from}-"))?
                        .header(IF_RANGE, etag)?;
                }
                Ok(api)
            })
            .await
            .map_err(Failure::from_error)?;
        let status = response.status();
        let etag = header_text(&response, ETAG.as_str());
        let total = match status {
            StatusCode::PARTIAL_CONTENT => {
                let range = header_text(&response, CONTENT_RANGE.as_str())
                    .and_then(|value| parse_content_range(&value));
                match range {
                    Some((start, total)) if start == from && etag == resume && resume.is_some() => {
                        total
                    }
                    _ => {
                        part.restart().map_err(Failure::Fatal)?;
                        return Err(Failure::retry_now(
                            "the portal sent another part of the file",
                        ));
                    }
                }
            }
            StatusCode::OK => {
                if from > 0 {
                    part.restart().map_err(Failure::Fatal)?;
                }
                content_length(&response)
                    .or(request.expected_size)
                    .unwrap_or(0)
            }
            StatusCode::RANGE_NOT_SATISFIABLE => {
                part.restart().map_err(Failure::Fatal)?;
                return Err(Failure::retry_now(
                    "the part on disk was longer than the file",
                ));
            }
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                let wait = retry_after(response.headers());
                if wait.is_some_and(|wait| wait > MAX_RETRY_WAIT) {
                    let minutes = wait.unwrap_or_default().as_secs().div_ceil(60);
                    return Err(Failure::Fatal(Error::Download(format!(
                        "The portal is busy and asks to wait {minutes} minute(s). Try again later."
                    ))));
                }
                return Err(Failure::Transient {
                    reason: format!("the portal is busy ({})", status.as_u16()),
                    wait: Some(wait.unwrap_or(Duration::from_secs(1))),
                });
            }
            status if status.is_server_error() => {
                return Err(Failure::Transient {
                    reason: format!("the portal failed ({})", status.as_u16()),
                    wait: None,
                });
            }
            _ => return Err(Failure::Fatal(self.http.error_from(response).await)),
        };
        let digest =
            header_text(&response, "repr-digest").and_then(|value| sha256_of_repr_digest(&value));
        part.remember(&request.path, etag.as_deref())
            .map_err(Failure::Fatal)?;
        ensure_free_space(&request.folder, total.saturating_sub(part.written))
            .map_err(Failure::Fatal)?;
        on_event(DownloadEvent::Started {
            total,
            resumed_from: part.written,
        });
        self.stream_body(part, response, total, cancel, on_event)
            .await?;
        Ok(digest)
    }

    async fn stream_body(
        &self,
        part: &mut PartFile,
        mut response: Response,
        total: u64,
        cancel: &CancellationToken,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> std::result::Result<(), Failure> {
        let mut meter = SpeedMeter::new(part.written);
        loop {
            let chunk = tokio::select! {
                chunk = response.chunk() => chunk,
                () = cancel.cancelled() => return Err(Failure::Fatal(Error::Cancelled)),
            };
            match chunk {
                Ok(Some(bytes)) => {
                    part.write(&bytes).map_err(Failure::Fatal)?;
                    if let Some(bytes_per_second) = meter.tick(part.written, false) {
                        on_event(DownloadEvent::Progress {
                            done: part.written,
                            total,
                            bytes_per_second,
                        });
                    }
                }
                Ok(None) => break,
                Err(error) => {
                    part.flush().map_err(Failure::Fatal)?;
                    let reason = match self.http.transport_error(&error) {
                        Error::Unreachable { reason, .. } => reason,
                        other => other.to_string(),
                    };
                    return Err(Failure::Transient {
                        reason: format!("the connection broke ({reason})"),
                        wait: None,
                    });
                }
            }
        }
        part.flush().map_err(Failure::Fatal)?;
        if part.written != total {
            return Err(Failure::Transient {
                reason: format!("the portal sent {} of {total} bytes", part.written),
                wait: None,
            });
        }
        on_event(DownloadEvent::Progress {
            done: part.written,
            total,
            bytes_per_second: meter.tick(part.written, true).unwrap_or(0),
        });
        Ok(())
    }
}

/// Why an attempt ended without the whole file.
enum Failure {
    /// Worth another attempt (after `wait`, or a backoff).
    Transient {
        reason: String,
        wait: Option<Duration>,
    },
    /// Not worth another attempt.
    Fatal(Error),
}

impl Failure {
    fn from_error(error: Error) -> Self {
        match error {
            Error::Unreachable { reason, .. } => Failure::Transient { reason, wait: None },
            Error::Timeout { .. } => Failure::Transient {
                reason: "the portal did not answer in time".into(),
                wait: None,
            },
            other => Failure::Fatal(other),
        }
    }

    fn retry_now(reason: &str) -> Self {
        Failure::Transient {
            reason: reason.into(),
            wait: Some(Duration::ZERO),
        }
    }
}

/// How a download ended without a file, and whether its part file is
/// worth keeping for a later resume.
struct Stop {
    error: Error,
    resumable: bool,
}

impl Stop {
    fn fatal(error: Error) -> Self {
        Self {
            error,
            resumable: false,
        }
    }
}

/// 0.5 s, 1 s, 2 s, ... up to 8 s before attempt `attempt`.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(250 * 2u64.pow(attempt.clamp(1, 6)).min(32))
}

/// The part file of one download, its hash so far, and the version of the
/// file it holds.
struct PartFile {
    folder: PathBuf,
    path: PathBuf,
    state_path: PathBuf,
    writer: std::io::BufWriter<std::fs::File>,
    hasher: Sha256,
    written: u64,
    etag: Option<String>,
}

impl PartFile {
    /// Finds the part file of an interrupted run of the same download and
    /// continues it (re-hashing what it holds), or starts a new one.
    fn open(request: &DownloadRequest) -> Result<Self> {
        let folder = &request.folder;
        if !folder.is_dir() {
            return Err(Error::Destination(format!(
                "the folder {} does not exist",
                folder.display()
            )));
        }
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

    fn write(&mut self, bytes: &[u8]) -> Result<()> {
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

    fn flush(&mut self) -> Result<()> {
        self.writer
            .flush()
            .map_err(|error| io_error("cannot write", &self.folder, &error))
    }

    /// Empties the part file: the portal is sending the file from the start.
    fn restart(&mut self) -> Result<()> {
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
    fn remember(&mut self, path: &str, etag: Option<&str>) -> Result<()> {
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
    fn publish(
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

    fn discard(&self) {
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
fn download_key(request: &DownloadRequest) -> String {
    let digest = Sha256::digest(format!("{}\n{}", request.path, request.file_name));
    crate::lowercase_hex(&digest[..8])
}

fn header_text(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

fn content_length(response: &Response) -> Option<u64> {
    header_text(response, CONTENT_LENGTH.as_str()).and_then(|value| value.trim().parse().ok())
}

/// `bytes START-END/TOTAL` → (START, TOTAL).
fn parse_content_range(value: &str) -> Option<(u64, u64)> {
    let range = value.trim().strip_prefix("bytes ")?;
    let (span, total) = range.split_once('/')?;
    let (start, end) = span.split_once('-')?;
    let (start, end, total): (u64, u64, u64) =
        (start.parse().ok()?, end.parse().ok()?, total.parse().ok()?);
    (start <= end && end < total).then_some((start, total))
}

/// The SHA-256 (hex) in a `Repr-Digest` header, e.g. `sha-256=:BASE64:`.
fn sha256_of_repr_digest(value: &str) -> Option<String> {
    value.split(',').find_map(|entry| {
        let (algorithm, encoded) = entry.trim().split_once('=')?;
        if !algorithm.trim().eq_ignore_ascii_case("sha-256") {
            return None;
        }
        let encoded = encoded.trim().strip_prefix(':')?.strip_suffix(':')?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .ok()?;
        (bytes.len() == 32).then(|| crate::lowercase_hex(&bytes))
    })
}

/// Paces progress events and measures speed.
struct SpeedMeter {
    last_event: Instant,
    last_done: u64,
    bytes_per_second: f64,
}

impl SpeedMeter {
    fn new(done: u64) -> Self {
        Self {
            last_event: Instant::now(),
            last_done: done,
            bytes_per_second: 0.0,
        }
    }

    /// The speed to report, if an event is due (always when `last`).
    fn tick(&mut self, done: u64, last: bool) -> Option<u64> {
        let elapsed = self.last_event.elapsed();
        if elapsed < PROGRESS_INTERVAL && !last {
            return None;
        }
        let seconds = elapsed.as_secs_f64().max(1e-3);
        let recent = done.saturating_sub(self.last_done) as f64 / seconds;
        self.bytes_per_second = if self.bytes_per_second == 0.0 {
            recent
        } else {
            0.7 * self.bytes_per_second + 0.3 * recent
        };
        self.last_event = Instant::now();
        self.last_done = done;
        Some(self.bytes_per_second as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_ranges_and_digests_are_read_strictly() {
        assert_eq!(
            parse_content_range("bytes 3145728-31457279/31457280"),
            Some((3_145_728, 31_457_280))
        );
        for bad in [
            "bytes */100",
            "bytes 5-4/100",
            "bytes 0-100/100",
            "items 0-1/2",
            "",
        ] {
            assert_eq!(parse_content_range(bad), None, "{bad}");
        }
        assert_eq!(
            sha256_of_repr_digest(
                "sha-512=:AAAA:, sha-256=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:"
            ),
            Some("0".repeat(64))
        );
        assert_eq!(sha256_of_repr_digest("sha-256=:AAAA:"), None, "too short");
        assert_eq!(sha256_of_repr_digest("md5=:AAAA:"), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(2), Duration::from_millis(1000));
        assert!(backoff(3) > backoff(2));
        assert_eq!(backoff(20), Duration::from_secs(8));
    }

    #[test]
    fn progress_is_paced() {
        let mut meter = SpeedMeter::new(0);
        assert_eq!(meter.tick(10, false), None, "too soon");
        assert!(
            meter.tick(10, true).is_some(),
            "the last one always goes out"
        );
        std::thread::sleep(PROGRESS_INTERVAL);
        assert!(meter.tick(1_000_000, false).unwrap() > 0);
    }

    #[test]
    fn keys_differ_by_source_and_name() {
        let request = |path: &str, name: &str| DownloadRequest {
            path: path.into(),
            folder: PathBuf::from("."),
            file_name: name.into(),
            expected_size: None,
            expected_sha256: None,
        };
        let key = download_key(&request("/a", "x.pdf"));
        assert_eq!(key.len(), 16);
        assert_eq!(key, download_key(&request("/a", "x.pdf")));
        assert_ne!(key, download_key(&request("/b", "x.pdf")));
        assert_ne!(key, download_key(&request("/a", "y.pdf")));
    }
}
