//! Tauri commands for the Tickets screen. Each is one call into [`Desk`];
//! upload progress and ticket updates reach the webview through typed
//! channels; files are picked with an rfd dialog, and only picked files
//! (or those of a draft made of picked files) are ever uploaded, whatever
//! paths the webview names.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use portal_client::ticket_state::Draft;
use portal_client::uploads::UploadProgress;
use portal_client::{Error, ErrorPayload};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State, WebviewWindow};

use crate::commands::{CommandResult, payload};
use crate::desk::Desk;
use crate::dialogs::choose;
use crate::documents_commands::{DownloadProgress, Reporter};
use crate::documents_desk::ViewableFile;
use crate::ticket_notifications;
use crate::tickets_desk::{MAX_OFFLINE_WAIT, PickedAttachment, TicketView, TicketsView};

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

/// What the ticket watch reports.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TicketsEvent {
    /// The list changed (a reply, a status, a new ticket).
    Updated {
        /// The list now.
        view: Box<TicketsView>,
    },
    /// The user clicked the notification about this ticket.
    Open {
        /// The ticket number.
        number: i64,
    },
    /// The portal could not be reached; the next look comes later.
    Offline {
        /// Why.
        message: String,
    },
    /// A notification could not be shown.
    NotificationFailed {
        /// Why.
        message: String,
    },
}

/// Paths the user picked in a file dialog (or that a saved draft made of
/// picked paths holds): the only files uploads may read.
#[derive(Default)]
pub struct PickedFiles(Mutex<HashSet<PathBuf>>);

impl PickedFiles {
    fn allow(&self, paths: impl IntoIterator<Item = PathBuf>) {
        self.lock().extend(paths);
    }

    /// Forgets every picked file (at sign-out: the next user of this app
    /// picks their own).
    pub fn forget_all(&self) {
        self.lock().clear();
    }

    fn only_picked(&self, paths: Vec<PathBuf>) -> CommandResult<Vec<PathBuf>> {
        let picked = self.lock();
        match paths.iter().find(|path| !picked.contains(*path)) {
            Some(path) => Err(payload(Error::Validation {
                message: format!(
                    "{} was not picked in the file dialog; attach it with \u{201c}Attach files…\u{201d}.",
                    path.display()
                ),
                fields: Vec::new(),
            })),
            None => Ok(paths),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The running poll loop of the ticket watch.
#[derive(Default)]
pub struct TicketWatch(Mutex<Option<tauri::async_runtime::JoinHandle<()>>>);

/// The ticket list (the cached one when offline).
#[tauri::command]
pub async fn load_tickets(desk: State<'_, Desk>) -> CommandResult<TicketsView> {
    desk.tickets().await.map_err(payload)
}

/// One ticket with its conversation, marked read.
#[tauri::command]
pub async fn open_ticket(
    desk: State<'_, Desk>,
    picked: State<'_, PickedFiles>,
    number: i64,
) -> CommandResult<TicketView> {
    let view = desk.ticket(number).await.map_err(payload)?;
    if let Some(draft) = &view.draft {
        picked.allow(draft.attachments.iter().cloned());
    }
    Ok(view)
}

/// Replies to a ticket; upload progress goes to `on_progress`.
#[tauri::command]
pub async fn reply_to_ticket(
    desk: State<'_, Desk>,
    picked: State<'_, PickedFiles>,
    number: i64,
    message: String,
    attachments: Vec<PathBuf>,
    on_progress: Channel<UploadEvent>,
) -> CommandResult<TicketView> {
    let attachments = picked.only_picked(attachments)?;
    let reporter = UploadReporter::new(on_progress);
    let outcome = desk
        .reply_to_ticket(number, &message, &attachments, reporter.sink())
        .await;
    reporter.finish(outcome)
}

/// Raises a support ticket; upload progress goes to `on_progress`.
#[tauri::command]
pub async fn create_ticket(
    desk: State<'_, Desk>,
    picked: State<'_, PickedFiles>,
    subject: String,
    message: String,
    organization_id: Option<i64>,
    attachments: Vec<PathBuf>,
    on_progress: Channel<UploadEvent>,
) -> CommandResult<TicketView> {
    let attachments = picked.only_picked(attachments)?;
    let reporter = UploadReporter::new(on_progress);
    let outcome = desk
        .create_ticket(
            &subject,
            &message,
            organization_id,
            &attachments,
            reporter.sink(),
        )
        .await;
    reporter.finish(outcome)
}

/// Cancels a request ticket.
#[tauri::command]
pub async fn cancel_ticket(desk: State<'_, Desk>, number: i64) -> CommandResult<TicketView> {
    desk.cancel_ticket(number).await.map_err(payload)
}

/// Saves an attachment, named in the user's format, into the default or
/// the chosen folder.
#[tauri::command]
pub async fn download_attachment(
    desk: State<'_, Desk>,
    number: i64,
    attachment_id: i64,
    to_chosen_folder: bool,
    download_id: String,
    on_event: Channel<DownloadProgress>,
) -> CommandResult<portal_client::library::LibraryEntry> {
    let reporter = Reporter::new(on_event);
    let outcome = desk
        .download_attachment(
            number,
            attachment_id,
            to_chosen_folder,
            &download_id,
            &|event| reporter.event(event),
        )
        .await;
    reporter.finish(outcome)
}

/// Fetches an attachment into the app's cache and answers how to show it.
#[tauri::command]
pub async fn view_attachment(
    desk: State<'_, Desk>,
    number: i64,
    attachment_id: i64,
    download_id: String,
    on_event: Channel<DownloadProgress>,
) -> CommandResult<ViewableFile> {
    let reporter = Reporter::new(on_event);
    desk.view_attachment(number, attachment_id, &download_id, &|event| {
        reporter.event(event)
    })
    .await
    .map_err(payload)
}

/// "Attach files…": the files picked, each with its size or the reason
/// it cannot be sent; empty when the dialog was cancelled.
#[tauri::command]
pub async fn pick_attachments<R: Runtime>(
    window: WebviewWindow<R>,
    desk: State<'_, Desk>,
    picked: State<'_, PickedFiles>,
) -> CommandResult<Vec<PickedAttachment>> {
    let files = choose(window, |dialog| {
        Box::pin(dialog.set_title("Attach files").pick_files())
    })
    .await
    .map_err(payload)?
    .unwrap_or_default();
    let paths: Vec<PathBuf> = files.iter().map(|file| file.path().to_path_buf()).collect();
    picked.allow(paths.iter().cloned());
    Ok(desk.check_picked(&paths))
}

/// Checks picked files again (a restored draft's), with sizes or reasons.
#[tauri::command]
pub fn check_attachments(
    desk: State<'_, Desk>,
    picked: State<'_, PickedFiles>,
    paths: Vec<PathBuf>,
) -> CommandResult<Vec<PickedAttachment>> {
    let paths = picked.only_picked(paths)?;
    Ok(desk.check_picked(&paths))
}

/// Saves a draft as the user types; attachments not picked in the file
/// dialog are left out.
#[tauri::command]
pub async fn save_draft(
    desk: State<'_, Desk>,
    picked: State<'_, PickedFiles>,
    key: String,
    mut draft: Draft,
) -> CommandResult<()> {
    {
        let allowed = picked.lock();
        draft.attachments.retain(|path| allowed.contains(path));
    }
    desk.save_draft(&key, &draft).await.map_err(payload)
}

/// The draft under `key` (the new-ticket form's), if any.
#[tauri::command]
pub async fn load_draft(
    desk: State<'_, Desk>,
    picked: State<'_, PickedFiles>,
    key: String,
) -> CommandResult<Option<Draft>> {
    let draft = desk.draft(&key).await.map_err(payload)?;
    if let Some(draft) = &draft {
        picked.allow(draft.attachments.iter().cloned());
    }
    Ok(draft)
}

/// How often to look for ticket updates, in minutes (1, 2, 5 or 15).
#[tauri::command]
pub fn set_ticket_poll_minutes(desk: State<'_, Desk>, minutes: u32) -> CommandResult<()> {
    desk.set_poll_minutes(minutes).map_err(payload)
}

/// The demo's stand-in for the vendor's team: a reply on ticket `number`.
#[tauri::command]
pub async fn reply_as_vendor_in_demo(desk: State<'_, Desk>, number: i64) -> CommandResult<()> {
    desk.reply_as_vendor_in_demo(number).await.map_err(payload)
}

/// Starts (or restarts) the ticket watch: looks for updates every few
/// minutes (longer while offline), reports a changed list on `on_event`,
/// raises a notification per new reply, and reports clicks on them.
#[tauri::command]
pub fn watch_tickets<R: Runtime>(
    app: AppHandle<R>,
    watch: State<'_, TicketWatch>,
    on_event: Channel<TicketsEvent>,
) {
    let task = tauri::async_runtime::spawn(poll_loop(app, on_event));
    let previous = watch
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .replace(task);
    if let Some(previous) = previous {
        previous.abort();
    }
}

async fn poll_loop<R: Runtime>(app: AppHandle<R>, events: Channel<TicketsEvent>) {
    let mut offline_wait: Option<Duration> = None;
    loop {
        let interval = app.state::<Desk>().poll_interval();
        tokio::time::sleep(offline_wait.unwrap_or(interval)).await;
        let outcome = app.state::<Desk>().poll_tickets().await;
        match outcome {
            Ok(outcome) => {
                offline_wait = None;
                if let Some(view) = outcome.changed {
                    let _ = events.send(TicketsEvent::Updated {
                        view: Box::new(view),
                    });
                }
                for notice in outcome.notices {
                    let on_click = {
                        let app = app.clone();
                        let events = events.clone();
                        let number = notice.number;
                        move || {
                            if let Some(window) = app.get_webview_window("main") {
                                let _ = window.unminimize();
                                let _ = window.show();
                                let _ = window.set_focus();
                            }
                            let _ = events.send(TicketsEvent::Open { number });
                        }
                    };
                    if let Err(message) = ticket_notifications::show(&app, &notice, on_click) {
                        let _ = events.send(TicketsEvent::NotificationFailed { message });
                    }
                }
            }
            Err(Error::NotSignedIn(_)) => return,
            Err(error) if error.is_offline() => {
                let doubled = offline_wait.unwrap_or(interval) * 2;
                offline_wait = Some(doubled.min(MAX_OFFLINE_WAIT.max(interval)));
                let _ = events.send(TicketsEvent::Offline {
                    message: error.to_string(),
                });
            }
            Err(error) => {
                let _ = events.send(TicketsEvent::Offline {
                    message: error.to_string(),
                });
            }
        }
    }
}

/// Sends upload progress to the webview, at most about ten a second.
struct UploadReporter {
    channel: std::sync::Arc<Mutex<(Channel<UploadEvent>, Option<Instant>)>>,
}

impl UploadReporter {
    fn new(channel: Channel<UploadEvent>) -> Self {
        Self {
            channel: std::sync::Arc::new(Mutex::new((channel, None))),
        }
    }

    fn send(&self, event: UploadEvent) {
        let guard = self
            .channel
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let _ = guard.0.send(event);
    }

    fn sink(&self) -> portal_client::uploads::ProgressSink {
        let channel = self.channel.clone();
        std::sync::Arc::new(move |progress: UploadProgress| {
            let mut guard = channel
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let now = Instant::now();
            let event = if progress.sent == 0 {
                UploadEvent::Started {
                    total: progress.total,
                }
            } else {
                let due = guard
                    .1
                    .is_none_or(|last| now.duration_since(last) >= Duration::from_millis(100));
                if !due && progress.sent < progress.total {
                    return;
                }
                UploadEvent::Progress {
                    done: progress.sent,
                    total: progress.total,
                }
            };
            guard.1 = Some(now);
            let _ = guard.0.send(event);
        })
    }

    fn finish<T>(&self, outcome: portal_client::Result<T>) -> CommandResult<T> {
        match outcome {
            Ok(value) => {
                self.send(UploadEvent::Finished);
                Ok(value)
            }
            Err(error) => {
                self.send(UploadEvent::Failed {
                    error: error.payload(),
                });
                Err(payload(error))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picked_files_are_forgotten_at_sign_out() {
        let picked = PickedFiles::default();
        let file = PathBuf::from("/home/ada/report.pdf");
        picked.allow([file.clone()]);
        assert!(picked.only_picked(vec![file.clone()]).is_ok());
        picked.forget_all();
        assert!(picked.only_picked(vec![file]).is_err());
    }

    #[test]
    fn event_json_is_pinned() {
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
        assert_eq!(
            serde_json::to_string(&TicketsEvent::Open { number: 1234 }).unwrap(),
            r#"{"event":"open","number":1234}"#
        );
    }
}
