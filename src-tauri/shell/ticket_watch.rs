//! The ticket watch: a background loop that looks for ticket updates at the
//! user's interval (waiting longer while the portal cannot be reached, see
//! [`PollBackoff`]) in the shown account and in every other signed-in one,
//! reports the shown account's changed list and the others' unread counts
//! to the webview, raises a notification per new reply and reports clicks
//! on them (with the account, which the page then shows).

use std::sync::{Arc, Mutex};

use portal_client::Error;
use portal_client::partner_kit::KitSyncReport;
use portal_client::polling::PollBackoff;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime};

use crate::desk::tickets::TicketsView;
use crate::desk::{AccountView, Desk};
use crate::shell::ticket_notifications::{self, TicketNotice};

/// What the ticket watch reports.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TicketsEvent {
    /// The shown account's list changed (a reply, a status, a new ticket).
    Updated {
        /// The list now.
        view: Box<TicketsView>,
    },
    /// The user clicked the notification about this ticket: open it, in
    /// its own account (switching to it when another one is shown).
    Open {
        /// The account the ticket belongs to.
        account_id: String,
        /// The ticket number.
        number: i64,
    },
    /// Changes waiting in the shown account's outbox were sent, once its
    /// portal answered again.
    OutboxSent {
        /// How many.
        sent: usize,
    },
    /// The folder kept in sync with the Partner Kit changed at this look
    /// (new, updated or restored files, a file kept beside the user's, a
    /// file no longer in the kit, or one that could not be written).
    KitSynced {
        /// What the sync did.
        report: Box<KitSyncReport>,
    },
    /// The folder kept in sync with the Partner Kit could not be synced
    /// (gone, read-only, or the kit is no longer the user's).
    KitSyncFailed {
        /// Why.
        message: String,
        /// The error's code: a refusal by the portal (`portal_error`) may
        /// mean the roles no longer grant the kit; a folder that is gone
        /// or read-only does not.
        code: &'static str,
    },
    /// The shown account's portal could not be reached; the next look
    /// comes later.
    Offline {
        /// Why.
        message: String,
    },
    /// A notification could not be shown.
    NotificationFailed {
        /// Why.
        message: String,
    },
    /// The other signed-in accounts, after a look at them: how many of
    /// their tickets have unread replies, and whose session the portal
    /// ended (those ask to sign in again when chosen, the shown one
    /// stays as it is).
    OtherAccounts {
        /// Tickets with unread replies in the other accounts.
        unread: usize,
        /// Accounts whose session ended in this look.
        ended: Vec<AccountView>,
    },
}

/// The running loop of the ticket watch, if any, and the channel of the
/// page that watches now (a click on a notification raised earlier is
/// reported there, not to a page that is gone).
#[derive(Default)]
pub struct TicketWatch {
    task: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
    events: Arc<Mutex<Option<Channel<TicketsEvent>>>>,
}

impl TicketWatch {
    /// Starts the loop, reporting on `events`; stops the one running.
    pub fn start<R: Runtime>(&self, app: AppHandle<R>, events: Channel<TicketsEvent>) {
        *lock(&self.events) = Some(events);
        let task = tauri::async_runtime::spawn(poll_loop(app, self.events.clone()));
        if let Some(previous) = lock(&self.task).replace(task) {
            previous.abort();
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Sends `event` to the page that watches now.
fn report(events: &Mutex<Option<Channel<TicketsEvent>>>, event: TicketsEvent) {
    if let Some(channel) = lock(events).as_ref() {
        let _ = channel.send(event);
    }
}

async fn poll_loop<R: Runtime>(
    app: AppHandle<R>,
    events: Arc<Mutex<Option<Channel<TicketsEvent>>>>,
) {
    let mut backoff = PollBackoff::default();
    // What the other accounts hold unread is known here without asking.
    let mut others_unread = app.state::<Desk>().other_accounts_unread().await;
    report(
        &events,
        TicketsEvent::OtherAccounts {
            unread: others_unread,
            ended: Vec::new(),
        },
    );
    loop {
        let interval = app.state::<Desk>().poll_interval();
        tokio::time::sleep(backoff.next_wait(interval)).await;
        let outcome = app.state::<Desk>().poll_tickets().await;
        let mut notices = Vec::new();
        match outcome {
            Ok(outcome) => {
                backoff.reached();
                // The portal answers: what waits in the outbox goes now.
                let sent = app.state::<Desk>().send_shown_waiting().await;
                if sent > 0 {
                    report(&events, TicketsEvent::OutboxSent { sent });
                }
                // The folder kept in sync with the Partner Kit follows it.
                match app.state::<Desk>().sync_kit_in_background().await {
                    Some(Ok(synced)) if !synced.is_quiet() => report(
                        &events,
                        TicketsEvent::KitSynced {
                            report: Box::new(synced),
                        },
                    ),
                    Some(Err(error)) if !error.is_offline() => report(
                        &events,
                        TicketsEvent::KitSyncFailed {
                            message: error.to_string(),
                            code: error.code(),
                        },
                    ),
                    _ => {}
                }
                if let Some(view) = outcome.changed {
                    report(
                        &events,
                        TicketsEvent::Updated {
                            view: Box::new(view),
                        },
                    );
                }
                notices = outcome.notices;
            }
            // The shown account asks to sign in again; the others are
            // still looked at.
            Err(Error::NotSignedIn(_)) => {}
            Err(error) => {
                if error.is_offline() {
                    backoff.unreachable(interval);
                }
                report(
                    &events,
                    TicketsEvent::Offline {
                        message: error.to_string(),
                    },
                );
            }
        }
        raise(&app, &events, notices);
        // The other accounts, after the shown one's news is out (a portal
        // of theirs that does not answer holds up only their own).
        let others = app.state::<Desk>().look_at_other_accounts().await;
        raise(&app, &events, others.notices);
        if others_unread != others.unread || !others.ended.is_empty() {
            others_unread = others.unread;
            report(
                &events,
                TicketsEvent::OtherAccounts {
                    unread: others.unread,
                    ended: others.ended,
                },
            );
        }
    }
}

/// Raises a notification per notice; a click shows the page, which opens
/// the ticket in its account.
fn raise<R: Runtime>(
    app: &AppHandle<R>,
    events: &Arc<Mutex<Option<Channel<TicketsEvent>>>>,
    notices: Vec<TicketNotice>,
) {
    for notice in notices {
        let on_click = {
            let app = app.clone();
            let events = events.clone();
            let account_id = notice.account_id.clone();
            let number = notice.number;
            move || {
                if let Some(window) = app.get_webview_window("main") {
                    let _ = window.unminimize();
                    let _ = window.show();
                    let _ = window.set_focus();
                }
                report(&events, TicketsEvent::Open { account_id, number });
            }
        };
        if let Err(message) = ticket_notifications::show(app, &notice, on_click) {
            report(events, TicketsEvent::NotificationFailed { message });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_json_is_pinned() {
        assert_eq!(
            serde_json::to_string(&TicketsEvent::Open {
                account_id: "a1".into(),
                number: 1234
            })
            .unwrap(),
            r#"{"event":"open","account_id":"a1","number":1234}"#
        );
    }
}
