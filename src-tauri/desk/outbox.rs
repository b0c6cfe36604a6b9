//! The app's side of the outbox: a reply or a new ticket made while the
//! portal cannot be reached is kept (with copies of its files) instead of
//! failing, and said so where the user acted; the Outbox panel lists what
//! waits, sends it now or withdraws an item; the ticket watch sends what
//! waits once an account's portal answers again.

use std::sync::Arc;

use portal_client::outbox::{OutboxChange, OutboxItem, OutboxState};
use portal_client::outbox_send::SentItem;
use portal_client::{Result, Session};
use serde::Serialize;

use crate::desk::{AccountView, Desk};

/// One waiting change, as the Outbox panel lists it. No file contents.
#[derive(Debug, Clone, Serialize)]
pub struct OutboxEntry {
    /// Its number in the account's outbox.
    pub id: i64,
    /// What it is, in a few words.
    pub title: String,
    /// The ticket it is about, if any (a reply, a cancel).
    pub ticket: Option<i64>,
    /// The text it carries (a reply, a new ticket), if any.
    pub text: Option<String>,
    /// The names of its files.
    pub files: Vec<String>,
    /// Unix seconds when it was made.
    pub queued_at: i64,
    /// Where it stands.
    #[serde(flatten)]
    pub state: OutboxState,
}

impl From<&OutboxItem> for OutboxEntry {
    fn from(item: &OutboxItem) -> Self {
        let (ticket, text) = match &item.change {
            OutboxChange::Reply {
                number, message, ..
            } => (Some(*number), Some(message.clone())),
            OutboxChange::NewTicket { message, .. } => (None, Some(message.clone())),
            OutboxChange::CancelTicket { number } => (Some(*number), None),
            _ => (None, None),
        };
        Self {
            id: item.id,
            title: item.change.title(),
            ticket,
            text,
            files: item.change.files().iter().map(|file| file.name()).collect(),
            queued_at: item.queued_at,
            state: item.state.clone(),
        }
    }
}

/// The Outbox panel.
#[derive(Debug, Clone, Serialize)]
pub struct OutboxView {
    /// The waiting changes, oldest first.
    pub items: Vec<OutboxEntry>,
    /// The portal they wait for, as the top bar names it.
    pub portal: String,
}

/// What "Send now" did.
#[derive(Debug, Clone, Serialize)]
pub struct OutboxSendView {
    /// What was sent, with notes (a file changed after queueing).
    pub sent: Vec<SentItem>,
    /// Why sending stopped early, if it did (the rest still waits).
    pub stopped: Option<String>,
    /// The outbox now.
    pub outbox: OutboxView,
}

/// A change kept for later, said where the user acted.
#[derive(Debug, Clone, Serialize)]
pub struct QueuedChange {
    /// "Will be sent when … is reachable."
    pub notice: String,
    /// The item.
    pub item: OutboxEntry,
}

impl Desk {
    /// The shown account's outbox.
    pub async fn outbox(&self) -> Result<OutboxView> {
        let session = self.session().await?;
        outbox_view(&session)
    }

    /// Sends the shown account's waiting changes now, in order.
    pub async fn send_outbox(&self) -> Result<OutboxSendView> {
        let session = self.session().await?;
        let round = session.send_outbox().await?;
        Ok(OutboxSendView {
            sent: round.sent,
            stopped: round.stopped.map(|error| error.to_string()),
            outbox: outbox_view(&session)?,
        })
    }

    /// Withdraws item `id` of the shown account's outbox.
    pub async fn drop_outbox_item(&self, id: i64) -> Result<OutboxView> {
        let session = self.session().await?;
        session.drop_outbox_item(id)?;
        outbox_view(&session)
    }

    /// Discards everything in the shown account's outbox (signing out,
    /// after the user confirmed): none of it is sent.
    pub async fn discard_outbox(&self) -> Result<OutboxView> {
        let session = self.session().await?;
        for item in session.outbox()? {
            session.drop_outbox_item(item.id)?;
        }
        outbox_view(&session)
    }

    /// Keeps `change` in `session`'s outbox; answers what to tell the user.
    pub(crate) fn queue_change(
        &self,
        session: &Session,
        change: OutboxChange,
    ) -> Result<QueuedChange> {
        let item = session.queue(change)?;
        Ok(QueuedChange {
            notice: waiting_notice(session),
            item: OutboxEntry::from(&item),
        })
    }

    /// Sends what waits in the shown account's outbox (see
    /// [`Desk::send_waiting`]).
    pub async fn send_shown_waiting(&self) -> usize {
        match self.session().await {
            Ok(session) => self.send_waiting(&session).await,
            Err(_) => 0,
        }
    }

    /// Sends what waits in `session`'s outbox, when anything does: the
    /// ticket watch calls it once the account's portal answered. Answers
    /// how many changes went.
    pub(crate) async fn send_waiting(&self, session: &Arc<Session>) -> usize {
        let waiting = session
            .outbox()
            .map(|items| items.iter().any(|item| item.state == OutboxState::Waiting));
        if !matches!(waiting, Ok(true)) {
            return 0;
        }
        match session.send_outbox().await {
            Ok(round) => round.sent.len(),
            Err(error) => {
                tracing::warn!(code = error.code(), "the outbox was not sent: {error}");
                0
            }
        }
    }
}

/// "Will be sent when portal.example.com is reachable."
fn waiting_notice(session: &Session) -> String {
    format!(
        "Saved in the outbox: it will be sent when {} is reachable.",
        AccountView::from(&session.account()).portal
    )
}

fn outbox_view(session: &Session) -> Result<OutboxView> {
    Ok(OutboxView {
        items: session.outbox()?.iter().map(OutboxEntry::from).collect(),
        portal: AccountView::from(&session.account()).portal,
    })
}
