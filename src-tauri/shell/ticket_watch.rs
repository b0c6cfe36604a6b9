//! The ticket watch: a background loop that looks for ticket updates at the
//! user's interval (waiting longer while the portal cannot be reached, see
//! [`PollBackoff`]), reports a changed list to the webview, raises a
//! notification per new reply and reports clicks on them.

use std::sync::Mutex;

use portal_client::Error;
use portal_client::polling::PollBackoff;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime};

use crate::desk::Desk;
use crate::desk::tickets::TicketsView;
use crate::shell::ticket_notifications;

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

/// The running loop of the ticket watch, if any.
#[derive(Default)]
pub struct TicketWatch(Mutex<Option<tauri::async_runtime::JoinHandle<()>>>);

impl TicketWatch {
    /// Starts the loop, reporting on `events`; stops the one running.
    pub fn start<R: Runtime>(&self, app: AppHandle<R>, events: Channel<TicketsEvent>) {
        let task = tauri::async_runtime::spawn(poll_loop(app, events));
        let previous = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .replace(task);
        if let Some(previous) = previous {
            previous.abort();
        }
    }
}

async fn poll_loop<R: Runtime>(app: AppHandle<R>, events: Channel<TicketsEvent>) {
    let mut backoff = PollBackoff::default();
    loop {
        let interval = app.state::<Desk>().poll_interval();
        tokio::time::sleep(backoff.next_wait(interval)).await;
        let outcome = app.state::<Desk>().poll_tickets().await;
        match outcome {
            Ok(outcome) => {
                backoff.reached();
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
                backoff.unreachable(interval);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_json_is_pinned() {
        assert_eq!(
            serde_json::to_string(&TicketsEvent::Open { number: 1234 }).unwrap(),
            r#"{"event":"open","number":1234}"#
        );
    }
}
