//! The Contacts screen's part of the desk: the organizations whose contacts
//! the user manages, their contact lists (cached ones when offline),
//! batches of changes, cancelling a waiting request, password resets, and
//! the demo's stand-in for the vendor applying a request.

use std::sync::Arc;

use portal_api::contacts::{ContactChange, ContactChangeRequest, ContactDirectory};
use portal_client::contacts::{BatchResult, ManagedOrganization, managed_organizations};
use portal_client::fresh_or_cached::{Answer, fresh_or_cached};
use portal_client::outbox::{OutboxChange, OutboxState};
use portal_client::{Error, Result, Session};
use portal_i18n::text;
use serde::Serialize;

use crate::desk::Desk;
use crate::desk::outbox::{send_or_stop, waiting_notice};

/// One organization's contact list as the screen shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ContactsView {
    /// Contacts, roles, customers and the waiting request.
    pub directory: ContactDirectory,
    /// The version a batch is built on.
    pub etag: String,
    /// Unix seconds when fetched, for a cached copy; `None` when fresh.
    pub cached_at: Option<i64>,
    /// Batches for this organization waiting in the outbox, oldest first.
    pub waiting: Vec<WaitingBatch>,
}

/// A batch of contact changes waiting in the outbox.
#[derive(Debug, Clone, Serialize)]
pub struct WaitingBatch {
    /// Its number in the outbox.
    pub id: i64,
    /// The changes, as they will be sent.
    pub changes: Vec<ContactChange>,
    /// Where it stands (a conflict names what changed on the list, one
    /// difference per line after the first).
    #[serde(flatten)]
    pub state: OutboxState,
}

/// What sending a batch came to, for the screen.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SentContactChanges {
    /// Review policy: the request waits for the vendor as a ticket.
    Requested {
        /// The request, with its ticket.
        request: Box<ContactChangeRequest>,
        /// The list now (showing the request).
        view: Box<ContactsView>,
    },
    /// Direct policy: the changes are in effect.
    Applied {
        /// How many changes were applied.
        applied: usize,
        /// The list now.
        view: Box<ContactsView>,
    },
    /// The batch changed the user's own address: they are signed out and
    /// sign in again with the new one.
    SignedOut {
        /// For people.
        message: String,
    },
    /// The portal could not be reached: the batch waits in the outbox.
    Queued {
        /// "Saved in the outbox: …"
        notice: String,
        /// The list as last synced, with the batch among the waiting.
        view: Box<ContactsView>,
    },
    /// The list changed since the batch was built; nothing was changed.
    Stale {
        /// The list now.
        view: Box<ContactsView>,
        /// One line per difference, for people.
        what_changed: Vec<String>,
    },
}

impl Desk {
    /// The organizations whose contacts the user manages (from the roles,
    /// cached ones when offline).
    pub async fn contact_organizations(&self) -> Result<Vec<ManagedOrganization>> {
        Ok(managed_organizations(&self.roles().await?.roles))
    }

    /// The organization's contact list, or the cached one when the portal
    /// cannot be reached.
    pub async fn contacts(&self, organization_id: i64) -> Result<ContactsView> {
        let session = self.session().await?;
        let fresh = session.contacts(organization_id).await;
        match fresh_or_cached(fresh, || session.cached_contacts(organization_id))? {
            Answer::Fresh((directory, etag)) => {
                contacts_view(&session, organization_id, directory, etag, None)
            }
            Answer::Cached(cached) => contacts_view(
                &session,
                organization_id,
                cached.value,
                cached.etag.unwrap_or_default(),
                Some(cached.fetched_at),
            ),
        }
    }

    /// Sends one batch built on the list version `etag`; when the portal
    /// cannot be reached it waits in the outbox instead.
    pub async fn send_contact_changes(
        &self,
        organization_id: i64,
        changes: Vec<ContactChange>,
        etag: &str,
    ) -> Result<SentContactChanges> {
        let session = self.session().await?;
        let sent = match session
            .send_contact_changes(organization_id, &changes, etag)
            .await
        {
            Err(error) if error.is_offline() => {
                return self
                    .queue_contact_changes(&session, organization_id, changes, etag)
                    .await;
            }
            sent => sent?,
        };
        match sent {
            BatchResult::Done(portal_api::contacts::ContactChangeOutcome::Requested {
                request,
            }) => Ok(SentContactChanges::Requested {
                request: Box::new(request),
                view: Box::new(self.contacts(organization_id).await?),
            }),
            BatchResult::Done(portal_api::contacts::ContactChangeOutcome::Applied {
                signed_out: true,
                ..
            }) => {
                self.forget_session().await;
                Ok(SentContactChanges::SignedOut {
                    message: text("desk-own-address-changed", &[]),
                })
            }
            BatchResult::Done(portal_api::contacts::ContactChangeOutcome::Applied {
                applied,
                ..
            }) => Ok(SentContactChanges::Applied {
                applied,
                view: Box::new(self.contacts(organization_id).await?),
            }),
            BatchResult::Stale {
                directory,
                etag,
                what_changed,
                ..
            } => Ok(SentContactChanges::Stale {
                view: Box::new(contacts_view(
                    &session,
                    organization_id,
                    directory,
                    etag,
                    None,
                )?),
                what_changed,
            }),
        }
    }

    /// Sends waiting batch `id`, held because the list changed meanwhile,
    /// on the list as it is now (the user saw what changed); answers the
    /// list then, with the batch gone or held again with the reason.
    pub async fn resend_contact_batch(
        &self,
        organization_id: i64,
        id: i64,
    ) -> Result<ContactsView> {
        let session = self.session().await?;
        let OutboxChange::ContactChanges { changes, .. } = session.outbox_item(id)?.change else {
            return Err(Error::Validation {
                message: text("desk-not-contact-changes", &[]),
                fields: Vec::new(),
            });
        };
        let (_, current) = session.contacts(organization_id).await?;
        session.edit_outbox_item(
            id,
            OutboxChange::ContactChanges {
                organization_id,
                changes,
                based_on: current,
            },
        )?;
        send_or_stop(&session).await?;
        self.contacts(organization_id).await
    }

    async fn queue_contact_changes(
        &self,
        session: &Arc<Session>,
        organization_id: i64,
        changes: Vec<ContactChange>,
        etag: &str,
    ) -> Result<SentContactChanges> {
        if !waiting_batches(session, organization_id)?.is_empty() {
            return Err(Error::Validation {
                message: text("desk-contacts-already-waiting", &[]),
                fields: Vec::new(),
            });
        }
        self.queue_change(
            session,
            OutboxChange::ContactChanges {
                organization_id,
                changes,
                based_on: etag.to_owned(),
            },
        )
        .await?;
        let cached = session
            .cached_contacts(organization_id)?
            .ok_or_else(|| Error::local(text("desk-contacts-never-fetched", &[])))?;
        Ok(SentContactChanges::Queued {
            notice: waiting_notice(session),
            view: Box::new(contacts_view(
                session,
                organization_id,
                cached.value,
                cached.etag.unwrap_or_default(),
                Some(cached.fetched_at),
            )?),
        })
    }

    /// Cancels the organization's waiting request `request_id`.
    pub async fn cancel_contact_request(
        &self,
        organization_id: i64,
        request_id: i64,
    ) -> Result<ContactsView> {
        let session = self.session().await?;
        session
            .cancel_contact_request(organization_id, request_id)
            .await?;
        self.contacts(organization_id).await
    }

    /// E-mails the contact a link to choose a new password; answers the
    /// message for people. One's own reset signs out here too.
    pub async fn reset_contact_password(
        &self,
        organization_id: i64,
        email: &str,
    ) -> Result<portal_api::contacts::ContactPasswordResetDone> {
        let session = self.session().await?;
        let done = session
            .reset_contact_password(organization_id, email)
            .await?;
        if done.signed_out {
            self.forget_session().await;
        }
        Ok(done)
    }

    /// The demo's stand-in for the vendor: applies the request of ticket
    /// `ticket` (only against the embedded demo portal).
    pub async fn apply_contact_request_in_demo(
        &self,
        organization_id: i64,
        ticket: i64,
    ) -> Result<ContactsView> {
        self.demo_session(&text("desk-staff-apply", &[])).await?;
        let url = self.demo.url().await?;
        self.demo.apply_contact_change(ticket, &url).await?;
        self.contacts(organization_id).await
    }
}

/// The batches for `organization_id` waiting in `session`'s outbox.
fn waiting_batches(session: &Session, organization_id: i64) -> Result<Vec<WaitingBatch>> {
    Ok(session
        .outbox()?
        .into_iter()
        .filter_map(|item| match item.change {
            OutboxChange::ContactChanges {
                organization_id: organization,
                changes,
                ..
            } if organization == organization_id => Some(WaitingBatch {
                id: item.id,
                changes,
                state: item.state,
            }),
            _ => None,
        })
        .collect())
}

fn contacts_view(
    session: &Session,
    organization_id: i64,
    directory: ContactDirectory,
    etag: String,
    cached_at: Option<i64>,
) -> Result<ContactsView> {
    Ok(ContactsView {
        directory,
        etag,
        cached_at,
        waiting: waiting_batches(session, organization_id)?,
    })
}
