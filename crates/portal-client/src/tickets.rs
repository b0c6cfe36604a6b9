//! Tickets: the support centre's list and conversations (cached for
//! offline use and refreshed with `If-None-Match`, so polling is cheap),
//! unread markers, replies and new tickets with streamed attachments,
//! cancelling requests, and attachments saved in the user's file-name
//! format through the download engine.

use std::collections::HashMap;
use std::path::PathBuf;

use portal_api::paths;
use portal_api::settings::AttachmentNameFormat;
use portal_api::tickets::{
    Attachment, FIELD_MESSAGE, FIELD_ORGANIZATION, FIELD_SUBJECT, Ticket, TicketFilter,
    TicketSummary, attachment_path, ticket_cancel_path, ticket_comments_path, ticket_path,
};
use portal_i18n::text;
use reqwest::header::IF_NONE_MATCH;
use reqwest::{Method, StatusCode};

use crate::accounts::Account;
use crate::error::Result;
use crate::file_names::attachment_file_name;
use crate::fresh_or_cached::or_when_offline;
use crate::http::{ApiRequest, etag_of};
use crate::library::DownloadSource;
use crate::local_store::{Cached, LocalStore};
use crate::pages::{ListRead, search_text};
use crate::session::{Core, Session};
use crate::ticket_state::{Draft, NEW_TICKET_DRAFT_KEY, reply_draft_key};
use crate::uploads::{ProgressSink, UploadForm, check_attachments};

const TICKETS_KEY: &str = "tickets";
/// Largest page the portal gives.
const PAGE_LIMIT: &str = "200";

fn ticket_key(number: i64) -> String {
    format!("ticket:{number}")
}

/// The numbers of the tickets in `tickets` with a reply not seen yet, by
/// what `store` records as seen.
fn unread_in(store: &LocalStore, tickets: &[TicketSummary]) -> Result<Vec<i64>> {
    let seen = store.seen_replies()?;
    Ok(tickets
        .iter()
        .filter(|ticket| {
            ticket
                .last_reply_id
                .is_some_and(|reply| seen.get(&ticket.number).copied().unwrap_or(0) < reply)
        })
        .map(|ticket| ticket.number)
        .collect())
}

impl Core {
    /// How many of `account`'s tickets, as last fetched, have a reply not
    /// seen yet: from this computer's copy alone (no session, no network),
    /// for a list of accounts. 0 for an account never synced here.
    pub fn kept_unread_count(&self, account: &Account) -> Result<usize> {
        let Some(store) = self.kept_store(account)? else {
            return Ok(0);
        };
        let tickets = store
            .cached::<Vec<TicketSummary>>(TICKETS_KEY)?
            .map(|kept| kept.value)
            .unwrap_or_default();
        Ok(unread_in(&store, &tickets)?.len())
    }
}

/// What a refresh of the ticket list found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketsRefresh {
    /// Every ticket the user sees, most recently updated first; empty when
    /// nothing changed (the kept copy, [`Session::cached_tickets`], is
    /// current and is not read for a look that finds nothing new).
    pub tickets: Vec<TicketSummary>,
    /// False when the portal answered 304: nothing changed.
    pub changed: bool,
    /// Tickets with a reply from someone else that arrived since the last
    /// refresh and that the user has not seen (what to notify about).
    pub new_replies: Vec<TicketSummary>,
}

/// What the library records for a ticket attachment, named in `format`.
pub fn attachment_source(
    ticket: &TicketSummary,
    attachment: &Attachment,
    format: AttachmentNameFormat,
) -> DownloadSource {
    DownloadSource {
        source: format!("attachment:{}:{}", ticket.number, attachment.id),
        title: text(
            "library-attachment-title",
            &[
                ("ticket", ticket.number.to_string().into()),
                ("name", (&attachment.name).into()),
            ],
        ),
        api_path: attachment_path(ticket.number, attachment.id),
        file_name: attachment_file_name(format, ticket.number.max(0) as u64, &attachment.name),
        media_type: attachment.media_type.clone(),
        size: attachment.size,
        sha256: attachment.sha256.to_ascii_lowercase(),
    }
}

impl Session {
    /// Fetches the ticket list, sending the cached list's ETag so an
    /// unchanged list costs a 304; caches it; reports new replies.
    pub async fn refresh_tickets(&self) -> Result<TicketsRefresh> {
        let known = self.store.cached_etag(TICKETS_KEY)?;
        let query = [("limit", PAGE_LIMIT.to_owned())];
        // The whole list is read at one version and kept with it: while it
        // is unchanged, refreshing it costs one request answered 304.
        let read: ListRead<TicketSummary> = self
            .versioned_pages(paths::TICKETS, &query, known.as_deref())
            .await?;
        let (tickets, version) = match read {
            ListRead::Unchanged => {
                self.store.mark_cached_current(TICKETS_KEY)?;
                return Ok(TicketsRefresh {
                    tickets: Vec::new(),
                    changed: false,
                    new_replies: Vec::new(),
                });
            }
            ListRead::Read { items, version } => (items, version),
        };
        let cached = self.cached_tickets()?;
        if self.store.no_ticket_seen_yet()? {
            // The first look at this account's tickets on this computer:
            // what is there now counts as seen; later replies are news.
            self.store.mark_all_seen(
                tickets
                    .iter()
                    .map(|ticket| (ticket.number, ticket.last_reply_id.unwrap_or(0))),
            )?;
        }
        let new_replies = match &cached {
            None => Vec::new(),
            Some(cached) => {
                let before: HashMap<i64, Option<i64>> = cached
                    .value
                    .iter()
                    .map(|ticket| (ticket.number, ticket.last_reply_id))
                    .collect();
                let seen = self.store.seen_replies()?;
                tickets
                    .iter()
                    .filter(|ticket| {
                        let Some(reply) = ticket.last_reply_id else {
                            return false;
                        };
                        let newer_than_before =
                            before.get(&ticket.number).copied().flatten() < Some(reply);
                        newer_than_before && seen.get(&ticket.number).copied().unwrap_or(0) < reply
                    })
                    .cloned()
                    .collect()
            }
        };
        self.store
            .save_cached(TICKETS_KEY, &tickets, version.as_deref())?;
        Ok(TicketsRefresh {
            tickets,
            changed: true,
            new_replies,
        })
    }

    /// The ticket list as last fetched, without the network.
    pub fn cached_tickets(&self) -> Result<Option<Cached<Vec<TicketSummary>>>> {
        self.store.cached(TICKETS_KEY)
    }

    /// The version of the kept ticket list (what the portal last answered
    /// for it), without reading the list.
    pub fn kept_tickets_version(&self) -> Result<Option<String>> {
        self.store.cached_etag(TICKETS_KEY)
    }

    /// The numbers of the tickets in `tickets` with a reply the user has
    /// not seen.
    pub fn unread_tickets(&self, tickets: &[TicketSummary]) -> Result<Vec<i64>> {
        unread_in(&self.store, tickets)
    }

    /// Records that the user has read `ticket` up to its newest reply.
    pub fn mark_ticket_seen(&self, ticket: &TicketSummary) -> Result<()> {
        self.store
            .mark_seen(ticket.number, ticket.last_reply_id.unwrap_or(0))
    }

    /// Tickets matching `filter`, asked of the portal (all pages; not
    /// cached).
    pub async fn search_tickets(&self, filter: &TicketFilter) -> Result<Vec<TicketSummary>> {
        let statuses: Vec<&str> = filter
            .statuses
            .iter()
            .map(|status| status.as_str())
            .collect();
        let query = [
            ("limit", PAGE_LIMIT.to_owned()),
            ("status", statuses.join(",")),
            (
                "kind",
                filter
                    .kind
                    .map(|kind| kind.as_str().into())
                    .unwrap_or_default(),
            ),
            ("q", search_text(filter.text.as_deref())),
        ];
        self.all_pages(paths::TICKETS, &query).await
    }

    /// Fetches ticket `number` with its conversation (a 304 against the
    /// cached copy's ETag answers the cached copy) and caches it.
    pub async fn ticket(&self, number: i64) -> Result<Ticket> {
        let cached: Option<Cached<Ticket>> = self.cached_ticket(number)?;
        let etag = cached.as_ref().and_then(|cached| cached.etag.clone());
        let path = ticket_path(number);
        let response = self
            .send_authorized(|| {
                let request = ApiRequest::new(Method::GET, &path);
                match &etag {
                    Some(etag) => request.header(IF_NONE_MATCH, etag),
                    None => Ok(request),
                }
            })
            .await?;
        if response.status() == StatusCode::NOT_MODIFIED
            && let Some(cached) = cached
        {
            return Ok(cached.value);
        }
        let etag = etag_of(&response);
        let ticket: Ticket = self.http.read_json(response).await?;
        self.store
            .save_cached(&ticket_key(number), &ticket, etag.as_deref())?;
        Ok(ticket)
    }

    /// Ticket `number` as last fetched, without the network.
    pub fn cached_ticket(&self, number: i64) -> Result<Option<Cached<Ticket>>> {
        self.store.cached(&ticket_key(number))
    }

    /// Replies to ticket `number` with `message` and the files at
    /// `attachments`, streamed with progress. The files are checked first
    /// (missing, unreadable, over 50 MB: refused with the reason, nothing
    /// sent); on success the reply's draft is forgotten.
    pub async fn reply_to_ticket(
        &self,
        number: i64,
        message: &str,
        attachments: &[PathBuf],
        progress: Option<ProgressSink>,
    ) -> Result<Ticket> {
        let files = check_attachments(attachments)?;
        let form = UploadForm::new(vec![(FIELD_MESSAGE, message.to_owned())], files, progress);
        let ticket = self
            .send_upload(&ticket_comments_path(number), form)
            .await?;
        self.store.save_cached(&ticket_key(number), &ticket, None)?;
        self.mark_ticket_seen(&ticket.summary)?;
        self.store.clear_draft(&reply_draft_key(number))?;
        Ok(ticket)
    }

    /// Raises a support ticket (for `organization_id` when given) with
    /// its first message and files; on success the new-ticket draft is
    /// forgotten.
    pub async fn create_ticket(
        &self,
        subject: &str,
        message: &str,
        organization_id: Option<i64>,
        attachments: &[PathBuf],
        progress: Option<ProgressSink>,
    ) -> Result<Ticket> {
        let files = check_attachments(attachments)?;
        let mut texts = vec![
            (FIELD_SUBJECT, subject.to_owned()),
            (FIELD_MESSAGE, message.to_owned()),
        ];
        if let Some(organization_id) = organization_id {
            texts.push((FIELD_ORGANIZATION, organization_id.to_string()));
        }
        let form = UploadForm::new(texts, files, progress);
        let ticket = self.send_upload(paths::TICKETS, form).await?;
        let number = ticket.summary.number;
        self.store.save_cached(&ticket_key(number), &ticket, None)?;
        self.mark_ticket_seen(&ticket.summary)?;
        self.store.clear_draft(NEW_TICKET_DRAFT_KEY)?;
        Ok(ticket)
    }

    /// Cancels request ticket `number` (the portal refuses support tickets,
    /// other people's requests and closed ones, with the reason).
    pub async fn cancel_ticket(&self, number: i64) -> Result<Ticket> {
        let path = ticket_cancel_path(number);
        let response = self
            .send_authorized(|| Ok(ApiRequest::new(Method::POST, &path)))
            .await?;
        let ticket: Ticket = self.http.read_json(response).await?;
        self.store.save_cached(&ticket_key(number), &ticket, None)?;
        Ok(ticket)
    }

    /// The user's attachment file-name format: from the portal, else as
    /// last fetched, else the default.
    pub async fn attachment_name_format(&self) -> Result<AttachmentNameFormat> {
        let fresh = self
            .settings()
            .await
            .map(|(settings, _)| settings.attachment_name_format);
        or_when_offline(fresh, || {
            Ok(self
                .cached_settings()?
                .map(|cached| cached.value.attachment_name_format)
                .unwrap_or_default())
        })
    }

    /// Saves an unsent reply or new ticket (see [`crate::ticket_state`]).
    pub fn save_draft(&self, key: &str, draft: &Draft) -> Result<()> {
        self.store.save_draft(key, draft)
    }

    /// The draft saved under `key`, if any.
    pub fn draft(&self, key: &str) -> Result<Option<Draft>> {
        self.store.draft(key)
    }

    /// Forgets the draft under `key` (its text went into the outbox).
    pub fn clear_draft(&self, key: &str) -> Result<()> {
        self.store.clear_draft(key)
    }

    async fn send_upload(&self, path: &str, form: UploadForm) -> Result<Ticket> {
        let sent = self
            .send_authorized(|| Ok(ApiRequest::new(Method::POST, path).upload(form.clone())))
            .await;
        let response = match sent {
            Ok(response) => response,
            // A file that vanished or changed on the way explains a failed
            // request better than the connection error it caused.
            Err(error) => return Err(form.changed_file().unwrap_or(error)),
        };
        self.http.read_json(response).await
    }
}
