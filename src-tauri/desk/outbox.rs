//! The app's side of the outbox: a reply or a new ticket made while the
//! portal cannot be reached is kept (with copies of its files) instead of
//! failing, and said so where the user acted; the Outbox panel lists what
//! waits, sends it now or withdraws an item; the ticket watch sends what
//! waits once an account's portal answers again.

use std::sync::Arc;

use portal_api::profile::ProfileUpdate;
use portal_client::outbox::{OutboxChange, OutboxItem, OutboxState};
use portal_client::outbox_send::SentItem;
use portal_client::{Error, Result, Session};
use portal_i18n::text;
use serde::{Deserialize, Serialize};

use crate::desk::{AccountView, Desk, ProfileView};

/// One waiting change, as the Outbox panel lists it. No file contents.
#[derive(Debug, Clone, Serialize)]
pub struct OutboxEntry {
    /// Its number in the account's outbox.
    pub id: i64,
    /// Its kind (see [`OutboxChange::kind`]).
    pub kind: &'static str,
    /// What it is, in a few words.
    pub title: String,
    /// The ticket it is about, if any (a reply, a cancel).
    pub ticket: Option<i64>,
    /// The text it carries (a reply, a new ticket), if any.
    pub text: Option<String>,
    /// A new ticket's subject.
    pub subject: Option<String>,
    /// The names of its files.
    pub files: Vec<String>,
    /// A reply held because its ticket was resolved meanwhile: the user
    /// may let it open the ticket again.
    pub can_reopen: bool,
    /// Unix seconds when it was made.
    pub queued_at: i64,
    /// Where it stands.
    #[serde(flatten)]
    pub state: OutboxState,
}

impl From<&OutboxItem> for OutboxEntry {
    fn from(item: &OutboxItem) -> Self {
        let (ticket, text, subject) = match &item.change {
            OutboxChange::Reply {
                number, message, ..
            } => (Some(*number), Some(message.clone()), None),
            OutboxChange::NewTicket {
                subject, message, ..
            } => (None, Some(message.clone()), Some(subject.clone())),
            OutboxChange::CancelTicket { number } => (Some(*number), None, None),
            _ => (None, None, None),
        };
        Self {
            id: item.id,
            kind: item.change.kind(),
            title: item.change.title(),
            ticket,
            text,
            subject,
            files: item.change.files().iter().map(|file| file.name()).collect(),
            can_reopen: false,
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

/// Changes to My Details that wait in the outbox (one item at most: a
/// later edit made offline replaces it).
#[derive(Debug, Clone, Serialize)]
pub struct WaitingProfile {
    /// The item.
    pub id: i64,
    /// The changed fields.
    pub update: ProfileUpdate,
    /// Where it stands (a conflict: the profile changed on the portal).
    #[serde(flatten)]
    pub state: OutboxState,
}

/// How a waiting profile change in conflict is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileChoice {
    /// Send my change on top of the portal's current version.
    Mine,
    /// Keep the portal's version; my change is withdrawn.
    Theirs,
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

    /// Raises waiting reply `id`, whose ticket was cancelled meanwhile, as
    /// a new ticket following it up, and sends the outbox.
    pub async fn raise_reply_as_ticket(&self, id: i64) -> Result<OutboxSendView> {
        self.session().await?.reply_as_new_ticket(id)?;
        self.send_outbox().await
    }

    /// Changes the words of waiting reply or new ticket `id` (see
    /// [`Session::edit_outbox_text`]).
    pub async fn edit_outbox_text(
        &self,
        id: i64,
        text: &str,
        subject: Option<&str>,
    ) -> Result<OutboxView> {
        let session = self.session().await?;
        session.edit_outbox_text(id, text, subject)?;
        outbox_view(&session)
    }

    /// Lets waiting reply `id`, held because its ticket was resolved
    /// meanwhile, open the ticket again, and sends the outbox.
    pub async fn reopen_with_reply(&self, id: i64) -> Result<OutboxSendView> {
        self.session().await?.let_reply_reopen(id)?;
        self.send_outbox().await
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

    /// The shown account's profile change waiting in the outbox, if any.
    pub async fn waiting_profile(&self) -> Result<Option<WaitingProfile>> {
        let session = self.session().await?;
        waiting_profile_of(&session)
    }

    /// Settles a waiting profile change the portal's version conflicts
    /// with: mine goes on `current` (the version the user saw side by
    /// side), theirs withdraws mine. Answers the profile as it is then.
    pub async fn settle_waiting_profile(
        &self,
        id: i64,
        choice: ProfileChoice,
        current: &str,
    ) -> Result<ProfileView> {
        let session = self.session().await?;
        let item = session.outbox_item(id)?;
        let OutboxChange::Profile { update, .. } = item.change else {
            return Err(Error::Validation {
                message: text("desk-not-profile-change", &[]),
                fields: Vec::new(),
            });
        };
        match choice {
            ProfileChoice::Theirs => session.drop_outbox_item(id)?,
            ProfileChoice::Mine => {
                session.edit_outbox_item(
                    id,
                    OutboxChange::Profile {
                        update,
                        based_on: current.to_owned(),
                    },
                )?;
                session.send_outbox().await?;
            }
        }
        self.refresh_profile().await
    }

    /// Keeps a profile change made offline: it replaces one already
    /// waiting (the form sends every field changed from the portal's
    /// version). Answers the profile as last fetched, saying so.
    pub(crate) fn queue_profile(
        &self,
        session: &Session,
        update: &ProfileUpdate,
        if_match: &str,
    ) -> Result<ProfileView> {
        let change = OutboxChange::Profile {
            update: update.clone(),
            based_on: if_match.to_owned(),
        };
        keep_in_place_of(
            session,
            waiting_profile_of(session)?.map(|waiting| waiting.id),
            change,
        )?;
        kept_profile_view(session)
    }

    /// Keeps `change` in `session`'s outbox (its files copied on a thread
    /// of their own); answers what to tell the user.
    pub(crate) async fn queue_change(
        &self,
        session: &Arc<Session>,
        change: OutboxChange,
    ) -> Result<QueuedChange> {
        let keeping = session.clone();
        let item = tokio::task::spawn_blocking(move || keeping.queue(change))
            .await
            .map_err(|error| Error::local(format!("the outbox could not be written: {error}")))??;
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
        // An empty outbox costs one read of the store, and no request.
        match session.send_outbox().await {
            Ok(round) => round.sent.len(),
            Err(error) => {
                tracing::warn!(code = error.code(), "the outbox was not sent: {error}");
                0
            }
        }
    }
}

/// Keeps `change` in the outbox in place of item `waiting` (a later save
/// of the same form replaces what waited), or as a new item.
pub(crate) fn keep_in_place_of(
    session: &Session,
    waiting: Option<i64>,
    change: OutboxChange,
) -> Result<()> {
    match waiting {
        Some(id) => session.edit_outbox_item(id, change)?,
        None => session.queue(change)?,
    };
    Ok(())
}

/// The profile as last fetched, saying that the change just made was kept
/// in the outbox.
pub(crate) fn kept_profile_view(session: &Session) -> Result<ProfileView> {
    let cached = session
        .cached_profile()?
        .ok_or_else(|| Error::local(text("desk-profile-never-fetched", &[])))?;
    Ok(ProfileView {
        profile: cached.profile,
        etag: cached.etag,
        cached_at: Some(cached.fetched_at),
        queued: Some(waiting_notice(session)),
    })
}

/// Sends `session`'s outbox now; the error that stopped the round, if one
/// did (the rest still waits).
pub(crate) async fn send_or_stop(session: &Session) -> Result<()> {
    match session.send_outbox().await?.stopped {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// "Will be sent when portal.example.com is reachable."
pub(crate) fn waiting_notice(session: &Session) -> String {
    text(
        "desk-saved-in-outbox",
        &[(
            "portal",
            AccountView::from(&session.account()).portal.into(),
        )],
    )
}

/// The first item of `session`'s outbox that `pick` takes, as its id,
/// what `pick` made of its change, and its state.
pub(crate) fn waiting_change<T>(
    session: &Session,
    pick: impl Fn(&OutboxChange) -> Option<T>,
) -> Result<Option<(i64, T, OutboxState)>> {
    Ok(session
        .outbox()?
        .into_iter()
        .find_map(|item| pick(&item.change).map(|found| (item.id, found, item.state))))
}

/// Withdraws the items of `session`'s outbox that `superseded` takes: a
/// save that went through carries what they would have sent (the form
/// showed them and sent the whole), so they must not go after it.
pub(crate) fn withdraw_superseded(
    session: &Session,
    superseded: impl Fn(&OutboxChange) -> bool,
) -> Result<()> {
    for item in session.outbox()? {
        if superseded(&item.change) {
            session.drop_outbox_item(item.id)?;
        }
    }
    Ok(())
}

fn waiting_profile_of(session: &Session) -> Result<Option<WaitingProfile>> {
    waiting_change(session, |change| match change {
        OutboxChange::Profile { update, .. } => Some(update.clone()),
        _ => None,
    })
    .map(|found| found.map(|(id, update, state)| WaitingProfile { id, update, state }))
}

fn outbox_view(session: &Session) -> Result<OutboxView> {
    let mut items = Vec::new();
    for item in session.outbox()? {
        let mut entry = OutboxEntry::from(&item);
        if let (
            OutboxChange::Reply {
                number,
                reopen: false,
                ..
            },
            OutboxState::Conflict { .. },
        ) = (&item.change, &item.state)
        {
            entry.can_reopen = session.cached_ticket(*number)?.is_some_and(|kept| {
                kept.value.summary.status == portal_api::tickets::TicketStatus::Resolved
            });
        }
        items.push(entry);
    }
    Ok(OutboxView {
        items,
        portal: AccountView::from(&session.account()).portal,
    })
}
