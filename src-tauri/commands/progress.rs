//! What long operations report to the webview through typed channels: a
//! download's engine events and its end, an upload's progress and its end.

use std::sync::{Arc, Mutex};

use portal_client::ErrorPayload;
use portal_client::downloads::DownloadEvent;
use portal_client::library::LibraryEntry;
use portal_client::uploads::{ProgressSink, UploadProgress, paced};
use serde::Serialize;
use tauri::ipc::Channel;

use crate::commands::CommandResult;

/// What a download reports to the webview: the engine's events as they
/// come (`waiting`, `started`, `progress`, `retrying`), then how it ended.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum DownloadProgress {
    /// An event of the download engine (at most about ten a second).
    Engine(DownloadEvent),
    /// The end of the download.
    End(DownloadEnd),
}

/// How a download ended.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum DownloadEnd {
    /// Saved and verified.
    Finished {
        /// The library row of the file.
        entry: Box<LibraryEntry>,
    },
    /// Stopped; nothing was saved.
    Failed {
        /// Why.
        error: ErrorPayload,
    },
}

impl DownloadEnd {
    /// The end event of a download that came to `outcome`.
    fn of(outcome: &portal_client::Result<LibraryEntry>) -> Self {
        match outcome {
            Ok(entry) => DownloadEnd::Finished {
                entry: Box::new(entry.clone()),
            },
            Err(error) => DownloadEnd::Failed {
                error: error.payload(),
            },
        }
    }
}

/// A webview channel behind a lock: a channel may not be shared between
/// threads as is, and a download's events come from the engine's.
struct LockedChannel<T: tauri::ipc::IpcResponse>(Mutex<Channel<T>>);

impl<T: tauri::ipc::IpcResponse> LockedChannel<T> {
    fn send(&self, message: T) {
        let channel = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let _ = channel.send(message);
    }
}

/// Sends a download's events and its end to the webview's channel.
pub(crate) struct DownloadReporter(LockedChannel<DownloadProgress>);

impl DownloadReporter {
    pub(crate) fn new(channel: Channel<DownloadProgress>) -> Self {
        Self(LockedChannel(Mutex::new(channel)))
    }

    /// Forwards an engine event.
    pub(crate) fn event(&self, event: DownloadEvent) {
        self.0.send(DownloadProgress::Engine(event));
    }

    /// Reports how the download ended, and answers it.
    pub(crate) fn finish(
        &self,
        outcome: portal_client::Result<LibraryEntry>,
    ) -> CommandResult<LibraryEntry> {
        self.0
            .send(DownloadProgress::End(DownloadEnd::of(&outcome)));
        outcome
    }
}

/// One item of a download of several: the id of what to download (a
/// listed document, a kit file) and the download id its events and end
/// are named by (and Cancel names).
#[derive(Debug, serde::Deserialize)]
pub struct ItemToDownload {
    /// The document's or kit file's id.
    pub id: i64,
    /// The id of its download.
    pub download_id: String,
}

/// The items as the desk takes them: (id, download id).
pub(crate) fn download_requests(items: Vec<ItemToDownload>) -> Vec<(i64, String)> {
    items
        .into_iter()
        .map(|item| (item.id, item.download_id))
        .collect()
}

/// The answer of a download of several: each one's end, in the order
/// asked.
pub(crate) fn download_ends(
    requests: &[(i64, String)],
    outcomes: &[portal_client::Result<LibraryEntry>],
) -> Vec<BatchDownloadProgress> {
    requests
        .iter()
        .zip(outcomes)
        .map(|((_, download_id), outcome)| BatchDownloadProgress::end(download_id, outcome))
        .collect()
}

/// What a download of several documents at once reports, on its channel
/// and in its answer: one download's event or end, named by its id.
#[derive(Debug, Clone, Serialize)]
pub struct BatchDownloadProgress {
    /// The download it is about.
    pub download_id: String,
    /// Its event or its end.
    #[serde(flatten)]
    pub progress: DownloadProgress,
}

impl BatchDownloadProgress {
    /// How download `download_id` ended, as its end event.
    pub(crate) fn end(download_id: &str, outcome: &portal_client::Result<LibraryEntry>) -> Self {
        Self {
            download_id: download_id.to_owned(),
            progress: DownloadProgress::End(DownloadEnd::of(outcome)),
        }
    }
}

/// Sends the events and ends of a download of several to the webview's
/// channel.
pub(crate) struct BatchDownloadReporter(LockedChannel<BatchDownloadProgress>);

impl BatchDownloadReporter {
    pub(crate) fn new(channel: Channel<BatchDownloadProgress>) -> Self {
        Self(LockedChannel(Mutex::new(channel)))
    }

    /// Forwards an engine event of download `download_id`.
    pub(crate) fn event(&self, download_id: &str, event: DownloadEvent) {
        self.0.send(BatchDownloadProgress {
            download_id: download_id.to_owned(),
            progress: DownloadProgress::Engine(event),
        });
    }

    /// Reports how download `download_id` ended.
    pub(crate) fn end(&self, download_id: &str, outcome: &portal_client::Result<LibraryEntry>) {
        self.0
            .send(BatchDownloadProgress::end(download_id, outcome));
    }
}

/// What an upload reports: `started`, `progress` (at most ten a second,
/// and the last one always), then `finished` or `failed`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum UploadEvent {
    /// Sending began.
    Started {
        /// Bytes of all files.
        total: u64,
    },
    /// Bytes sent so far.
    Progress {
        /// Sent.
        done: u64,
        /// In all.
        total: u64,
    },
    /// The portal has the comment.
    Finished,
    /// Nothing was posted.
    Failed {
        /// Why.
        error: ErrorPayload,
    },
}

/// Sends an upload's progress (already paced by the core) and its end to
/// the webview's channel.
pub(crate) struct UploadReporter {
    channel: Arc<Mutex<Channel<UploadEvent>>>,
}

impl UploadReporter {
    pub(crate) fn new(channel: Channel<UploadEvent>) -> Self {
        Self {
            channel: Arc::new(Mutex::new(channel)),
        }
    }

    fn send(channel: &Mutex<Channel<UploadEvent>>, event: UploadEvent) {
        let channel = channel
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let _ = channel.send(event);
    }

    /// The sink the core reports progress to, paced to at most about ten
    /// events a second.
    pub(crate) fn sink(&self) -> ProgressSink {
        let channel = self.channel.clone();
        paced(Arc::new(move |progress: UploadProgress| {
            let event = if progress.sent == 0 {
                UploadEvent::Started {
                    total: progress.total,
                }
            } else {
                UploadEvent::Progress {
                    done: progress.sent,
                    total: progress.total,
                }
            };
            Self::send(&channel, event);
        }))
    }

    /// Reports how the upload ended, and answers it.
    pub(crate) fn finish<T>(&self, outcome: portal_client::Result<T>) -> CommandResult<T> {
        match outcome {
            Ok(value) => {
                Self::send(&self.channel, UploadEvent::Finished);
                Ok(value)
            }
            Err(error) => {
                Self::send(
                    &self.channel,
                    UploadEvent::Failed {
                        error: error.payload(),
                    },
                );
                Err(error)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use portal_client::Error;

    use super::*;

    #[test]
    fn progress_json_is_pinned() {
        let json = |progress: DownloadProgress| serde_json::to_string(&progress).unwrap();
        assert_eq!(
            json(DownloadProgress::Engine(DownloadEvent::Waiting)),
            r#"{"event":"waiting"}"#
        );
        assert_eq!(
            json(DownloadProgress::Engine(DownloadEvent::Started {
                total: 10,
                resumed_from: 4
            })),
            r#"{"event":"started","total":10,"resumed_from":4}"#
        );
        assert_eq!(
            json(DownloadProgress::Engine(DownloadEvent::Progress {
                done: 5,
                total: 10,
                bytes_per_second: 100
            })),
            r#"{"event":"progress","done":5,"total":10,"bytes_per_second":100}"#
        );
        assert_eq!(
            json(DownloadProgress::End(DownloadEnd::Failed {
                error: Error::Cancelled.payload()
            })),
            r#"{"event":"failed","error":{"code":"cancelled","message":"Cancelled.","retryable":false,"needs_sign_in":false}}"#
        );
    }

    #[test]
    fn upload_event_json_is_pinned() {
        let json = |event: &UploadEvent| serde_json::to_string(event).unwrap();
        assert_eq!(
            json(&UploadEvent::Started { total: 9 }),
            r#"{"event":"started","total":9}"#
        );
        assert_eq!(
            json(&UploadEvent::Progress { done: 4, total: 9 }),
            r#"{"event":"progress","done":4,"total":9}"#
        );
        assert_eq!(json(&UploadEvent::Finished), r#"{"event":"finished"}"#);
    }
}
