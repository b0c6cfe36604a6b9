//! The Desk's side of the Tickets screen: the list with unread markers and
//! a conversation (both from the cache when offline), replies and new
//! tickets with checked attachments and upload progress, cancelling,
//! attachments viewed and saved in the user's file-name format, drafts,
//! and the poll that finds new replies for notifications.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use portal_api::settings::AttachmentNameFormat;
use portal_api::tickets::{Attachment, Ticket, TicketSummary};
use portal_client::downloads::DownloadEvent;
use portal_client::fresh_or_cached::{Answer, fresh_or_cached};
use portal_client::library::LibraryEntry;
use portal_client::outbox::{KeptFile, OutboxChange};
use portal_client::ticket_state::Draft;
use portal_client::tickets::attachment_source;
use portal_client::uploads::{ProgressSink, check_attachment};
use portal_client::{Error, Result, Session};
use portal_i18n::text;
use serde::Serialize;

use crate::desk::outbox::{OutboxEntry, QueuedChange};
use crate::desk::viewable::ViewableFile;
use crate::desk::{AccountView, Desk};
use crate::shell::ticket_notifications::TicketNotice;

/// Environment variable: poll every N seconds instead (for tests and
/// demonstrations).
pub const POLL_SECONDS_ENV: &str = "PORTAL_DESK_TICKET_POLL_SECONDS";

/// The ticket list for the Tickets screen.
#[derive(Debug, Clone, Serialize)]
pub struct TicketsView {
    /// Every ticket the user sees, most recently updated first (none when
    /// `unchanged`).
    pub tickets: Vec<TicketSummary>,
    /// Numbers of tickets with a reply the user has not seen (none when
    /// `unchanged`: the screen's own are current).
    pub unread: Vec<i64>,
    /// Unix seconds when fetched, for a cached copy; `None` when fresh.
    pub cached_at: Option<i64>,
    /// Minutes between update checks.
    pub poll_minutes: u32,
    /// The list's version, which the screen names to learn it is unchanged.
    pub version: Option<String>,
    /// The list is the version the screen named: it keeps what it shows.
    pub unchanged: bool,
}

/// One ticket for the Tickets screen.
#[derive(Debug, Clone, Serialize)]
pub struct TicketView {
    /// The ticket and its conversation.
    pub ticket: Ticket,
    /// Unix seconds when fetched, for a cached copy; `None` when fresh.
    pub cached_at: Option<i64>,
    /// The unsent reply, if any.
    pub draft: Option<Draft>,
    /// The name each attachment is saved under, by attachment id.
    pub saved_names: BTreeMap<i64, String>,
    /// The user's attachment file-name format.
    pub name_format: AttachmentNameFormat,
    /// Replies to it, and cancelling it, waiting in the outbox, oldest
    /// first (`kind` tells them apart).
    pub waiting: Vec<OutboxEntry>,
    /// Set when the change just asked for was kept in the outbox (the
    /// portal could not be reached): what to tell the user.
    pub queued: Option<String>,
}

/// What raising a ticket came to.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CreatedTicket {
    /// Raised: the new ticket.
    Raised {
        /// The ticket.
        view: Box<TicketView>,
    },
    /// The portal could not be reached: kept in the outbox.
    Queued(Box<QueuedChange>),
}

/// A picked file as the reply form shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PickedAttachment {
    /// Where it is.
    pub path: PathBuf,
    /// Its name.
    pub name: String,
    /// Its size in bytes (0 when it cannot be read).
    pub size: u64,
    /// Why it cannot be sent, if it cannot.
    pub problem: Option<String>,
}

/// What one poll found.
#[derive(Debug, Clone)]
pub struct PollOutcome {
    /// The list, when it changed.
    pub changed: Option<TicketsView>,
    /// Notifications to raise.
    pub notices: Vec<TicketNotice>,
}

impl Desk {
    /// The demo's stand-in for the vendor's team: a reply on ticket
    /// `number` (only against the embedded demo portal).
    pub async fn reply_as_vendor_in_demo(&self, number: i64) -> Result<()> {
        self.demo_session(&text("desk-staff-reply", &[])).await?;
        self.demo
            .vendor_comment(
                number,
                "Thanks — we are looking into it and will update this ticket shortly.",
            )
            .await
    }

    /// The ticket list (refreshed with If-None-Match), or the cached list
    /// when the portal cannot be reached. When the list is still
    /// `shown_version` (what the screen shows), it answers `unchanged` and
    /// no tickets, so an unchanged list is neither sent nor drawn again.
    pub async fn tickets(&self, shown_version: Option<&str>) -> Result<TicketsView> {
        let session = self.session().await?;
        match fresh_or_cached(session.refresh_tickets().await, || session.cached_tickets())? {
            Answer::Fresh(refresh) => {
                let version = session.kept_tickets_version()?;
                if version.is_some() && version.as_deref() == shown_version {
                    return Ok(TicketsView {
                        tickets: Vec::new(),
                        unread: Vec::new(),
                        cached_at: None,
                        poll_minutes: self.poll_minutes(),
                        version,
                        unchanged: true,
                    });
                }
                let tickets = if refresh.changed {
                    refresh.tickets
                } else {
                    // Current, but the screen shows another copy.
                    session
                        .cached_tickets()?
                        .map(|kept| kept.value)
                        .unwrap_or_default()
                };
                self.tickets_view(&session, tickets, None, version)
            }
            Answer::Cached(cached) => {
                self.tickets_view(&session, cached.value, Some(cached.fetched_at), cached.etag)
            }
        }
    }

    /// The ticket list kept on this computer, as it was last fetched,
    /// without asking the portal: what the screen shows at once while it
    /// asks. `None` before the first sync.
    pub async fn kept_tickets(&self) -> Result<Option<TicketsView>> {
        let session = self.session().await?;
        session
            .cached_tickets()?
            .map(|kept| self.tickets_view(&session, kept.value, Some(kept.fetched_at), kept.etag))
            .transpose()
    }

    fn tickets_view(
        &self,
        session: &Session,
        tickets: Vec<TicketSummary>,
        cached_at: Option<i64>,
        version: Option<String>,
    ) -> Result<TicketsView> {
        Ok(TicketsView {
            unread: session.unread_tickets(&tickets)?,
            tickets,
            cached_at,
            poll_minutes: self.poll_minutes(),
            version,
            unchanged: false,
        })
    }

    /// Ticket `number` with its conversation, marked read; the cached copy
    /// when the portal cannot be reached.
    pub async fn ticket(&self, number: i64) -> Result<TicketView> {
        let session = self.session().await?;
        self.ticket_of(&session, number).await
    }

    /// Ticket `number` of `session`'s account (the one an answer is for,
    /// even when another account is shown by the time it comes).
    async fn ticket_of(&self, session: &Session, number: i64) -> Result<TicketView> {
        let (ticket, cached_at) = match fresh_or_cached(session.ticket(number).await, || {
            session.cached_ticket(number)
        })? {
            Answer::Fresh(ticket) => {
                session.mark_ticket_seen(&ticket.summary)?;
                (ticket, None)
            }
            Answer::Cached(cached) => (cached.value, Some(cached.fetched_at)),
        };
        let name_format = self.fresh_name_format(session).await;
        let saved_names = ticket
            .attachments()
            .map(|attachment| {
                let source = attachment_source(&ticket.summary, attachment, name_format);
                (attachment.id, source.file_name)
            })
            .collect();
        let draft = session.draft(&portal_client::ticket_state::reply_draft_key(number))?;
        if let Some(draft) = &draft {
            self.picked_files.allow(draft.attachments.iter().cloned());
        }
        let waiting = session
            .outbox()?
            .iter()
            .filter(|item| match item.change {
                OutboxChange::Reply { number: to, .. }
                | OutboxChange::CancelTicket { number: to } => to == number,
                _ => false,
            })
            .map(OutboxEntry::from)
            .collect();
        Ok(TicketView {
            draft,
            ticket,
            cached_at,
            saved_names,
            name_format,
            waiting,
            queued: None,
        })
    }

    /// The user's attachment format as last known (fetched when never).
    async fn name_format(&self, session: &Session) -> AttachmentNameFormat {
        match session.cached_settings() {
            Ok(Some(cached)) => cached.value.attachment_name_format,
            _ => session.attachment_name_format().await.unwrap_or_default(),
        }
    }

    /// The user's attachment format from the portal (it may have changed
    /// on another computer), else as last known.
    async fn fresh_name_format(&self, session: &Session) -> AttachmentNameFormat {
        match session.attachment_name_format().await {
            Ok(format) => format,
            Err(_) => self.name_format(session).await,
        }
    }

    /// The attachment `id` of ticket `number` as last fetched (the UI names
    /// attachments by id; all else comes from the portal's answer).
    fn listed_attachment(
        session: &Session,
        number: i64,
        id: i64,
    ) -> Result<(TicketSummary, Attachment)> {
        let ticket = session
            .cached_ticket(number)?
            .map(|cached| cached.value)
            .ok_or_else(|| {
                Error::Download(text(
                    "desk-open-ticket-first",
                    &[("ticket", number.to_string().into())],
                ))
            })?;
        let attachment = ticket
            .attachments()
            .find(|attachment| attachment.id == id)
            .cloned()
            .ok_or_else(|| {
                Error::Download(text(
                    "desk-no-such-attachment",
                    &[
                        ("ticket", number.to_string().into()),
                        ("id", id.to_string().into()),
                    ],
                ))
            })?;
        Ok((ticket.summary, attachment))
    }

    /// Saves an attachment into Downloads/Portal Desk or the folder last
    /// chosen, named in the user's format.
    pub async fn download_attachment(
        &self,
        number: i64,
        id: i64,
        to_chosen_folder: bool,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<LibraryEntry> {
        let outcome = async {
            let session = self.session().await?;
            let (summary, attachment) = Self::listed_attachment(&session, number, id)?;
            let format = self.name_format(&session).await;
            let folder = self.download_folder(&session, to_chosen_folder)?;
            self.save(
                &session,
                &attachment_source(&summary, &attachment, format),
                &folder,
                download_id,
                on_event,
            )
            .await
        }
        .await;
        if let Err(error) = &outcome {
            tracing::warn!(
                ticket = number,
                attachment = id,
                code = error.code(),
                "attachment download failed: {error}"
            );
        }
        outcome
    }

    /// A local copy of an attachment for the viewer.
    pub async fn view_attachment(
        &self,
        number: i64,
        id: i64,
        download_id: &str,
        on_event: &(dyn Fn(DownloadEvent) + Send + Sync),
    ) -> Result<ViewableFile> {
        let session = self.session().await?;
        let (summary, attachment) = Self::listed_attachment(&session, number, id)?;
        let format = self.name_format(&session).await;
        self.view_copy(
            &session,
            &attachment_source(&summary, &attachment, format),
            download_id,
            on_event,
        )
        .await
    }

    /// Replies to a ticket with files, reporting upload progress. Only
    /// picked files are sent.
    pub async fn reply_to_ticket(
        &self,
        number: i64,
        message: &str,
        attachments: &[PathBuf],
        progress: ProgressSink,
    ) -> Result<TicketView> {
        self.picked_files.only_picked(attachments)?;
        let session = self.session().await?;
        let sent = session
            .reply_to_ticket(number, message, attachments, Some(progress))
            .await;
        match sent {
            Ok(_) => self.ticket_of(&session, number).await,
            Err(error) if error.is_offline() => {
                let change = session.reply_change(
                    number,
                    message,
                    attachments.iter().map(KeptFile::picked).collect(),
                )?;
                let queued = self.queue_change(&session, change).await?;
                session.clear_draft(&portal_client::ticket_state::reply_draft_key(number))?;
                let mut view = self.ticket_of(&session, number).await?;
                view.queued = Some(queued.notice);
                Ok(view)
            }
            Err(error) => Err(error),
        }
    }

    /// Raises a support ticket. Only picked files are sent.
    pub async fn create_ticket(
        &self,
        subject: &str,
        message: &str,
        organization_id: Option<i64>,
        attachments: &[PathBuf],
        progress: ProgressSink,
    ) -> Result<CreatedTicket> {
        self.picked_files.only_picked(attachments)?;
        let session = self.session().await?;
        let raised = session
            .create_ticket(
                subject,
                message,
                organization_id,
                attachments,
                Some(progress),
            )
            .await;
        match raised {
            Ok(ticket) => Ok(CreatedTicket::Raised {
                view: Box::new(self.ticket_of(&session, ticket.summary.number).await?),
            }),
            Err(error) if error.is_offline() => {
                let queued = self
                    .queue_change(
                        &session,
                        OutboxChange::NewTicket {
                            subject: subject.to_owned(),
                            message: message.to_owned(),
                            organization_id,
                            files: attachments.iter().map(KeptFile::picked).collect(),
                        },
                    )
                    .await?;
                session.clear_draft(portal_client::ticket_state::NEW_TICKET_DRAFT_KEY)?;
                Ok(CreatedTicket::Queued(Box::new(queued)))
            }
            Err(error) => Err(error),
        }
    }

    /// Cancels a request ticket.
    pub async fn cancel_ticket(&self, number: i64) -> Result<TicketView> {
        let session = self.session().await?;
        match session.cancel_ticket(number).await {
            Ok(_) => self.ticket_of(&session, number).await,
            Err(error) if error.is_offline() => {
                let queued = self
                    .queue_change(&session, OutboxChange::CancelTicket { number })
                    .await?;
                let mut view = self.ticket_of(&session, number).await?;
                view.queued = Some(queued.notice);
                Ok(view)
            }
            Err(error) => Err(error),
        }
    }

    /// Saves a draft (reply or new ticket) as the user types; attachments
    /// not picked in the file dialog are left out.
    pub async fn save_draft(&self, key: &str, mut draft: Draft) -> Result<()> {
        {
            let picked = self.picked_files.lock();
            draft.attachments.retain(|path| picked.contains(path));
        }
        self.session().await?.save_draft(key, &draft)
    }

    /// The draft under `key`, if any; its attachments count as picked.
    pub async fn draft(&self, key: &str) -> Result<Option<Draft>> {
        let draft = self.session().await?.draft(key)?;
        if let Some(draft) = &draft {
            self.picked_files.allow(draft.attachments.iter().cloned());
        }
        Ok(draft)
    }

    /// Takes files just picked in the file dialog: from now on they may be
    /// sent. Answers each with its size or the reason it cannot be sent.
    pub fn accept_picked(&self, paths: Vec<PathBuf>) -> Vec<PickedAttachment> {
        self.picked_files.allow(paths.iter().cloned());
        Self::check_files(&paths)
    }

    /// Checks picked files again (a restored draft's): each with its size,
    /// or the reason it cannot be sent; a file never picked is refused.
    pub fn check_picked(&self, paths: &[PathBuf]) -> Result<Vec<PickedAttachment>> {
        self.picked_files.only_picked(paths)?;
        Ok(Self::check_files(paths))
    }

    fn check_files(paths: &[PathBuf]) -> Vec<PickedAttachment> {
        paths
            .iter()
            .map(|path| match check_attachment(path) {
                Ok(file) => PickedAttachment {
                    path: file.path,
                    name: file.name,
                    size: file.size,
                    problem: None,
                },
                Err(error) => PickedAttachment {
                    path: path.clone(),
                    name: path
                        .file_name()
                        .map(|name| name.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    size: 0,
                    problem: Some(error.to_string()),
                },
            })
            .collect()
    }

    /// One look for ticket updates: the list when it changed, and a notice
    /// per ticket with a new reply when the user wants ticket updates.
    pub async fn poll_tickets(&self) -> Result<PollOutcome> {
        let session = self.session().await?;
        let refresh = session.refresh_tickets().await?;
        if !refresh.changed {
            return Ok(PollOutcome {
                changed: None,
                notices: Vec::new(),
            });
        }
        let notices = self.notices_for(&session, &refresh.new_replies).await?;
        let version = session.kept_tickets_version()?;
        Ok(PollOutcome {
            changed: Some(self.tickets_view(&session, refresh.tickets, None, version)?),
            notices,
        })
    }

    /// Seconds between polls: the environment's override, else the
    /// user's choice.
    pub fn poll_interval(&self) -> Duration {
        std::env::var(POLL_SECONDS_ENV)
            .ok()
            .and_then(|value| value.parse::<u64>().ok())
            .filter(|seconds| *seconds > 0)
            .map(Duration::from_secs)
            .unwrap_or_else(|| Duration::from_secs(u64::from(self.poll_minutes()) * 60))
    }
}

impl Desk {
    /// A notice per ticket with a new reply, when `session`'s user wants
    /// ticket updates. With several accounts on this computer, each names
    /// the account it is for.
    pub(crate) async fn notices_for(
        &self,
        session: &Session,
        new_replies: &[TicketSummary],
    ) -> Result<Vec<TicketNotice>> {
        if new_replies.is_empty() {
            return Ok(Vec::new());
        }
        let wants_updates = match session.cached_settings()? {
            Some(cached) => cached.value.email.ticket_updates,
            None => session
                .settings()
                .await
                .map(|(settings, _)| settings.email.ticket_updates)
                .unwrap_or(true),
        };
        if !wants_updates {
            return Ok(Vec::new());
        }
        let several_accounts = self.core.accounts()?.accounts.len() > 1;
        let mut notices = Vec::with_capacity(new_replies.len());
        for summary in new_replies {
            notices.push(notice_for(session, summary, several_accounts).await);
        }
        Ok(notices)
    }
}

/// The notification for a ticket with a new reply: the newest comment by
/// someone else, when the conversation can be fetched; with
/// `name_account`, a last line saying whose account it is.
async fn notice_for(
    session: &Session,
    summary: &TicketSummary,
    name_account: bool,
) -> TicketNotice {
    let title = text(
        "desk-notice-title",
        &[
            ("ticket", summary.number.to_string().into()),
            ("subject", (&summary.subject).into()),
        ],
    );
    let reply = session
        .ticket(summary.number)
        .await
        .ok()
        .and_then(|ticket| {
            ticket
                .comments
                .iter()
                .rev()
                .find(|comment| !comment.author.you)
                .map(|comment| (comment.author.name.clone(), comment.text.clone()))
        });
    let body = match reply {
        Some((author, text)) => {
            let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let short: String = text.chars().take(160).collect();
            let ellipsis = if short.len() < text.len() { "…" } else { "" };
            format!("{author}: {short}{ellipsis}")
        }
        None => text("desk-notice-new-reply", &[]),
    };
    let account = session.account();
    let body = if name_account {
        let place = AccountView::from(&account).portal;
        format!("{body}\n{} · {place}", account.email)
    } else {
        body
    };
    TicketNotice {
        account_id: account.id,
        number: summary.number,
        title,
        body,
    }
}
