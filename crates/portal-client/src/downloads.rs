//! The download engine every feature uses (documents now, ticket
//! attachments later): streams to a hidden part file beside the destination
//! while computing SHA-256, resumes with `Range` + `If-Range` (also after
//! the process was killed), restarts cleanly when the portal sends the
//! whole file or a new version, honours `Retry-After`, retries transient
//! failures with backoff, checks the portal's `Repr-Digest` and publishes
//! under a free name without replacing anything. At most
//! [`MAX_CONCURRENT_DOWNLOADS`] run at once per [`crate::session::Core`].

use std::time::{Duration, Instant};

use base64::Engine;
use portal_i18n::text;
use reqwest::header::{ACCEPT, CONTENT_LENGTH, CONTENT_RANGE, ETAG, IF_RANGE, RANGE};
use reqwest::{Method, Response, StatusCode};
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::disk::ensure_free_space;
pub use crate::download_request::{
    DownloadRequest, Downloaded, MAX_CONCURRENT_DOWNLOADS, StallRule,
};
use crate::error::{Error, Result};
use crate::http::{ApiRequest, retry_after};
use crate::part_file::PartFile;
pub use crate::progress_pace::PROGRESS_INTERVAL;
use crate::progress_pace::ProgressPace;
use crate::session::Session;

/// Attempts per download before it stops (and can be resumed later).
pub const MAX_ATTEMPTS: u32 = 6;
/// The longest `Retry-After` waited for; a longer one stops the download.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(60);

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
            slot = self.download_slots.acquire() => slot.map_err(|_| Error::Cancelled)?,
            () = cancel.cancelled() => return Err(Error::Cancelled),
        };
        let mut part = PartFile::open(request)?;
        match self
            .run_attempts(&mut part, request, cancel, on_event)
            .await
        {
            Ok(digest) => {
                let downloaded = part.publish(request, digest)?;
                tracing::info!(path = request.path, size = downloaded.size, "downloaded");
                // A file system that cannot carry the mark (FAT, some
                // shares) keeps the file without it.
                let _ = crate::file_marks::mark_downloaded(
                    &downloaded.path,
                    &self.http.portal().origin(),
                );
                Ok(downloaded)
            }
            Err(Stop { error, resumable }) => {
                tracing::warn!(
                    path = request.path,
                    code = error.code(),
                    resumable,
                    "download stopped: {error}"
                );
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
                    error: Error::Download(text(
                        "download-gave-up",
                        &[("attempts", MAX_ATTEMPTS.into()), ("reason", reason.into())],
                    )),
                    resumable: true,
                });
            }
            attempt += 1;
            let wait = wait.unwrap_or_else(|| backoff(attempt));
            tracing::info!(path = request.path, attempt, "download retrying: {reason}");
            on_event(DownloadEvent::Retrying {
                attempt,
                wait_ms: wait.as_millis() as u64,
                reason,
            });
            tokio::select! {
                () = self.http.pause(wait) => {}
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
                // This engine retries by itself (MAX_ATTEMPTS): the request
                // is sent once, so retries never nest.
                let mut api = ApiRequest::new(Method::GET, &request.path)
                    .without_retries()
                    .header(ACCEPT, "*/*")?;
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
                        return Err(Failure::retry_now(&text("download-other-part", &[])));
                    }
                }
            }
            StatusCode::OK => {
                if from > 0 {
                    part.restart().map_err(Failure::Fatal)?;
                }
                length_of_whole_answer(&response, request).map_err(Failure::Fatal)?
            }
            StatusCode::RANGE_NOT_SATISFIABLE => {
                part.restart().map_err(Failure::Fatal)?;
                return Err(Failure::retry_now(&text("download-part-too-long", &[])));
            }
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                let wait = retry_after(response.headers());
                if wait.is_some_and(|wait| wait > MAX_RETRY_WAIT) {
                    let minutes = wait.unwrap_or_default().as_secs().div_ceil(60);
                    return Err(Failure::Fatal(Error::Download(text(
                        "download-busy-wait",
                        &[("minutes", minutes.into())],
                    ))));
                }
                return Err(Failure::Transient {
                    reason: text("download-busy", &[("status", status.as_u16().into())]),
                    wait: Some(wait.unwrap_or(Duration::from_secs(1))),
                });
            }
            status if status.is_server_error() => {
                return Err(Failure::Transient {
                    reason: text(
                        "download-portal-failed",
                        &[("status", status.as_u16().into())],
                    ),
                    wait: None,
                });
            }
            _ => return Err(Failure::Fatal(self.http.error_from(response).await)),
        };
        let digest =
            header_text(&response, "repr-digest").and_then(|value| sha256_of_repr_digest(&value));
        part.remember(&request.path, etag.as_deref())
            .map_err(Failure::Fatal)?;
        if request.expected_size != Some(total) {
            // The portal's size differs from the listed one checked above.
            ensure_free_space(&request.folder, total.saturating_sub(part.written))
                .map_err(Failure::Fatal)?;
        }
        on_event(DownloadEvent::Started {
            total,
            resumed_from: part.written,
        });
        self.stream_body(part, response, (total, request.stall), cancel, on_event)
            .await?;
        Ok(digest)
    }

    /// Streams the answer into the part file: never more than `total`
    /// bytes, and never slower than `stall` allows.
    async fn stream_body(
        &self,
        part: &mut PartFile,
        mut response: Response,
        (total, stall): (u64, StallRule),
        cancel: &CancellationToken,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> std::result::Result<(), Failure> {
        let mut meter = SpeedMeter::new(part.written, Instant::now());
        let mut window_start = part.written;
        let mut window_end = tokio::time::Instant::now() + stall.window;
        loop {
            let chunk = tokio::select! {
                chunk = response.chunk() => chunk,
                () = cancel.cancelled() => return Err(Failure::Fatal(Error::Cancelled)),
                () = tokio::time::sleep_until(window_end) => {
                    if part.written - window_start < stall.min_bytes {
                        part.flush().await.map_err(Failure::Fatal)?;
                        return Err(Failure::Transient {
                            reason: text(
                                "download-stalled",
                                &[
                                    ("kilobytes", stall.min_bytes.div_ceil(1024).into()),
                                    ("seconds", stall.window.as_secs().into()),
                                ],
                            ),
                            wait: None,
                        });
                    }
                    window_start = part.written;
                    window_end += stall.window;
                    continue;
                }
            };
            match chunk {
                Ok(Some(bytes)) => {
                    if part.written + bytes.len() as u64 > total {
                        return Err(Failure::Fatal(Error::Download(text(
                            "download-more-than-size",
                            &[("total", total.into())],
                        ))));
                    }
                    part.write(bytes).await.map_err(Failure::Fatal)?;
                    if let Some(bytes_per_second) = meter.tick(part.written, false, Instant::now())
                    {
                        on_event(DownloadEvent::Progress {
                            done: part.written,
                            total,
                            bytes_per_second,
                        });
                    }
                }
                Ok(None) => break,
                Err(error) => {
                    part.flush().await.map_err(Failure::Fatal)?;
                    let reason = match self.http.transport_error(error) {
                        Error::Unreachable { reason, .. } => reason,
                        other => other.to_string(),
                    };
                    return Err(Failure::Transient {
                        reason: text("download-connection-broke", &[("reason", reason.into())]),
                        wait: None,
                    });
                }
            }
        }
        part.flush().await.map_err(Failure::Fatal)?;
        if part.written != total {
            return Err(Failure::Transient {
                reason: text(
                    "download-short",
                    &[("sent", part.written.into()), ("total", total.into())],
                ),
                wait: None,
            });
        }
        on_event(DownloadEvent::Progress {
            done: part.written,
            total,
            bytes_per_second: meter.tick(part.written, true, Instant::now()).unwrap_or(0),
        });
        Ok(())
    }
}

/// The size of a whole-file (200) answer: its `Content-Length`, which must
/// be the size the portal listed unless the answer is a new version of the
/// file (its `Repr-Digest` differs from the listed one); without a
/// `Content-Length` (chunked, HTTP/2), the listed size bounds it.
fn length_of_whole_answer(response: &Response, request: &DownloadRequest) -> Result<u64> {
    let new_version = header_text(response, "repr-digest")
        .and_then(|value| sha256_of_repr_digest(&value))
        .zip(request.expected_sha256.as_deref())
        .is_some_and(|(sent, listed)| !sent.eq_ignore_ascii_case(listed));
    match (content_length(response), request.expected_size) {
        (Some(sent), Some(listed)) if sent != listed && !new_version => Err(Error::Download(text(
            "download-size-mismatch",
            &[("listed", listed.into()), ("sent", sent.into())],
        ))),
        (Some(length), _) | (None, Some(length)) => Ok(length),
        (None, None) => Err(Error::Download(text("download-no-size", &[]))),
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
                reason: text("download-no-answer", &[]),
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
        (bytes.len() == 32).then(|| hex::encode(&bytes))
    })
}

/// Paces progress events (see [`ProgressPace`]) and measures speed.
struct SpeedMeter {
    pace: ProgressPace,
    last_done: u64,
    bytes_per_second: f64,
}

impl SpeedMeter {
    fn new(done: u64, now: Instant) -> Self {
        Self {
            pace: ProgressPace::reported_at(now),
            last_done: done,
            bytes_per_second: 0.0,
        }
    }

    /// The speed to report at `now`, if an event is due (always when
    /// `last`).
    fn tick(&mut self, done: u64, last: bool, now: Instant) -> Option<u64> {
        let elapsed = self.pace.due(now, last)?;
        let seconds = elapsed.as_secs_f64().max(1e-3);
        let recent = done.saturating_sub(self.last_done) as f64 / seconds;
        self.bytes_per_second = if self.bytes_per_second == 0.0 {
            recent
        } else {
            0.7 * self.bytes_per_second + 0.3 * recent
        };
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
        let start = Instant::now();
        let mut meter = SpeedMeter::new(0, start);
        let soon = start + PROGRESS_INTERVAL / 2;
        assert_eq!(meter.tick(10, false, soon), None, "too soon");
        assert!(
            meter.tick(10, true, soon).is_some(),
            "the last one always goes out"
        );
        let second_later = soon + Duration::from_secs(1);
        let speed = meter.tick(1_000_010, false, second_later).unwrap();
        assert!(
            (300_000..=300_200).contains(&speed),
            "a million bytes in a second, smoothed with the earlier 200 B/s: {speed}"
        );
    }
}
