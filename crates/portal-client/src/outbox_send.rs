//! Sending the outbox when the portal is back: items go in the order they
//! were made, each under its own `Idempotency-Key` and on the version it
//! was made on. A change the portal's newer version conflicts with, or one
//! it refuses, is held for the user (never dropped, never forced) and the
//! next goes; the round stops, keeping the rest in order, when the portal
//! cannot be reached, the session ended or the portal asks to wait.

use portal_api::contacts::ContactChange;
use portal_api::problem::codes;
use portal_api::tickets::TicketStatus;
use portal_i18n::text;
use serde::Serialize;

use crate::contacts::BatchResult;
use crate::disk::sha256_of;
use crate::error::{Error, Result};
use crate::outbox::{KeptFile, OutboxChange, OutboxItem, OutboxState};
use crate::session::Session;

/// What one round of sending did.
#[derive(Debug, Default)]
pub struct OutboxRound {
    /// The items sent, in order.
    pub sent: Vec<SentItem>,
    /// The items now held for the user (a conflict or a refusal).
    pub held: Vec<OutboxItem>,
    /// Why the round stopped before the end, if it did (the portal cannot
    /// be reached, the session ended); the items left wait.
    pub stopped: Option<Error>,
}

/// An item that was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentItem {
    /// Its number in the outbox.
    pub id: i64,
    /// What it was.
    pub title: String,
    /// What the user should know: a file changed after it was queued (the
    /// copy kept then was sent).
    pub notes: Vec<String>,
}

/// What sending one item came to.
enum Sent {
    Done,
    Held(OutboxState),
    /// It waits, and so do the items after it (order is kept): the portal
    /// cannot be reached, the session ended, the portal asks to wait, or
    /// another send of it is still being answered.
    Stop(Error),
}

impl Session {
    /// Sends every waiting item, oldest first.
    pub async fn send_outbox(&self) -> Result<OutboxRound> {
        let mut round = OutboxRound::default();
        for item in self.outbox()? {
            if item.state != OutboxState::Waiting {
                continue;
            }
            if let Some(state) = missing_copy(&item.change) {
                self.set_outbox_state(item.id, &state)?;
                round.held.push(OutboxItem { state, ..item });
                continue;
            }
            let notes = changed_originals(&item.change);
            let sent =
                crate::idempotency::with_key(&item.idempotency_key, self.send_change(&item.change))
                    .await;
            match judge(sent) {
                Sent::Done => {
                    self.outbox_item_sent(&item)?;
                    tracing::info!(id = item.id, "sent from the outbox");
                    round.sent.push(SentItem {
                        id: item.id,
                        title: item.change.title(),
                        notes,
                    });
                }
                Sent::Held(state) => {
                    tracing::info!(id = item.id, "held in the outbox for the user");
                    self.set_outbox_state(item.id, &state)?;
                    round.held.push(OutboxItem { state, ..item });
                }
                Sent::Stop(error) => {
                    tracing::info!(code = error.code(), "sending the outbox stopped: {error}");
                    round.stopped = Some(error);
                    break;
                }
            }
        }
        Ok(round)
    }

    async fn send_change(&self, change: &OutboxChange) -> Result<()> {
        match change {
            OutboxChange::Profile { update, based_on } => {
                self.update_profile(update, based_on).await?;
            }
            OutboxChange::Settings { update, based_on } => {
                self.update_settings(update, based_on).await?;
            }
            OutboxChange::Reply {
                number,
                message,
                files,
                reopen,
            } => {
                if !reopen {
                    self.hold_if_resolved_meanwhile(*number).await?;
                }
                self.reply_to_ticket(*number, message, &kept_paths(files), None)
                    .await?;
            }
            OutboxChange::NewTicket {
                subject,
                message,
                organization_id,
                files,
            } => {
                self.create_ticket(subject, message, *organization_id, &kept_paths(files), None)
                    .await?;
            }
            OutboxChange::CancelTicket { number } => {
                self.cancel_ticket(*number).await?;
            }
            OutboxChange::UsernameChange {
                new_email,
                reason,
                password_entry,
            } => {
                let password = self.kept_password(password_entry).await?;
                self.request_username_change(new_email, &password, reason)
                    .await?;
            }
            OutboxChange::ContactChanges {
                organization_id,
                changes,
                based_on,
            } => {
                let mut based_on = based_on.clone();
                // Once: a list that changed only in contacts the batch
                // does not name (a colleague's phone, say) takes it as is.
                for rebased in [false, true] {
                    let BatchResult::Stale {
                        etag,
                        what_changed,
                        changed_contacts,
                        ..
                    } = self
                        .send_contact_changes(*organization_id, changes, &based_on)
                        .await?
                    else {
                        return Ok(());
                    };
                    if !rebased && untouched(changes, changed_contacts.as_deref()) {
                        based_on = etag;
                        continue;
                    }
                    // One difference per line, after the first.
                    let mut message = text("outbox-contacts-changed", &[]);
                    for line in what_changed {
                        message.push('\n');
                        message.push_str(&line);
                    }
                    return Err(Error::Conflict {
                        message,
                        current_etag: None,
                    });
                }
            }
            OutboxChange::KbVote {
                article_id,
                helpful,
                ..
            } => match self.vote_kb_article(*article_id, *helpful).await {
                // An article taken down meanwhile needs no answer.
                Err(Error::Portal { status: 404, .. }) => {
                    tracing::info!(article_id, "a vote's article is gone; not sent");
                }
                outcome => {
                    outcome?;
                }
            },
        }
        Ok(())
    }
}

impl Session {
    /// A conflict when ticket `number` was resolved since the reply was
    /// written: sending would open it again, which is the user's to choose.
    async fn hold_if_resolved_meanwhile(&self, number: i64) -> Result<()> {
        let ticket = self.ticket(number).await?;
        if ticket.summary.status == TicketStatus::Resolved {
            return Err(Error::Conflict {
                message: text(
                    "outbox-resolved-meanwhile",
                    &[("ticket", number.to_string().into())],
                ),
                current_etag: None,
            });
        }
        Ok(())
    }
}

/// Sorts a send's outcome: done, held for the user, or stop the round.
fn judge(outcome: Result<()>) -> Sent {
    match outcome {
        Ok(()) => Sent::Done,
        Err(error) if error.is_offline() || error.needs_sign_in() => Sent::Stop(error),
        // The keyring holding a waiting request's password did not answer:
        // a problem here, not the portal's; it is tried again later.
        Err(
            error @ (Error::RateLimited { .. } | Error::Keyring(_) | Error::KeyringUnavailable(_)),
        ) => Sent::Stop(error),
        Err(Error::Conflict { message, .. }) => Sent::Held(OutboxState::Conflict { message }),
        Err(Error::Portal { ref code, .. }) if code == codes::IDEMPOTENCY_KEY_IN_USE => {
            Sent::Stop(outcome.unwrap_err())
        }
        Err(Error::Portal { code, message, .. }) if code == codes::TICKET_CLOSED => {
            Sent::Held(OutboxState::Conflict { message })
        }
        Err(error) => {
            let fields = error.fields().into_iter().collect();
            Sent::Held(OutboxState::Refused {
                message: error.to_string(),
                fields,
            })
        }
    }
}

/// Whether none of `changes` is about a contact in `changed` (nor is any
/// difference about the list as a whole); `None`: not known, so no.
fn untouched(changes: &[ContactChange], changed: Option<&[String]>) -> bool {
    changed.is_some_and(|changed| {
        changed.iter().all(|email| {
            !email.is_empty()
                && changes
                    .iter()
                    .all(|change| !change.contact().eq_ignore_ascii_case(email))
        })
    })
}

fn kept_paths(files: &[KeptFile]) -> Vec<std::path::PathBuf> {
    files.iter().filter_map(|file| file.kept.clone()).collect()
}

/// A kept copy that is gone or no longer what was kept: the item is held.
fn missing_copy(change: &OutboxChange) -> Option<OutboxState> {
    change.files().iter().find_map(|file| {
        let intact = file
            .kept
            .as_deref()
            .and_then(sha256_of)
            .is_some_and(|digest| digest == file.sha256);
        (!intact).then(|| OutboxState::Refused {
            message: text("outbox-copy-gone", &[("name", file.name().into())]),
            fields: std::collections::BTreeMap::from([(
                "attachments".to_owned(),
                text("outbox-attach-again", &[("name", file.name().into())]),
            )]),
        })
    })
}

/// Notes for files changed or deleted after their change was queued.
fn changed_originals(change: &OutboxChange) -> Vec<String> {
    change
        .files()
        .iter()
        .filter_map(|file| match sha256_of(&file.original) {
            Some(digest) if digest == file.sha256 => None,
            Some(_) => Some(text("outbox-file-changed", &[("name", file.name().into())])),
            None => Some(text("outbox-file-gone", &[("name", file.name().into())])),
        })
        .collect()
}
