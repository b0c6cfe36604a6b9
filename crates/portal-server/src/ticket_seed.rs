//! The tickets part of a fixture file: tickets with their conversations
//! and attachments of any name and content.

use std::collections::HashMap;

use anyhow::{Context, bail};
use portal_api::contacts::ContactChange;
use portal_api::tickets::{TicketKind, TicketStatus};
use rusqlite::{Transaction, params};
use serde::Deserialize;

use crate::contact_requests::{record_request, roster_after};
use crate::files::FileStore;
use crate::pdf;
use crate::store::tickets::NewAttachment;
use crate::store::tickets::{Author, NewComment, insert_comment};

/// One ticket of a fixture file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketFixture {
    /// The ticket number (default: the next free one).
    #[serde(default)]
    pub number: Option<i64>,
    /// What it is about.
    pub subject: String,
    /// `support`, `username_change` or `contact_change`.
    #[serde(default = "support")]
    pub kind: TicketKind,
    /// `open`, `awaiting_customer`, `resolved` or `cancelled`.
    pub status: TicketStatus,
    /// E-mail of the user who raised it.
    pub requester: String,
    /// Name of the organization it belongs to.
    #[serde(default)]
    pub organization: Option<String>,
    /// The conversation, oldest first; the first comment is normally the
    /// requester's description.
    pub comments: Vec<CommentFixture>,
    /// For an open `contact_change` ticket: the batch it requests, which
    /// becomes the organization's pending change request.
    #[serde(default)]
    pub contact_changes: Option<Vec<ContactChange>>,
}

fn support() -> TicketKind {
    TicketKind::Support
}

/// One comment of a fixture ticket.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentFixture {
    /// E-mail of the portal user who wrote it.
    #[serde(default)]
    pub author: Option<String>,
    /// Or the name on the vendor's team who wrote it.
    #[serde(default)]
    pub vendor: Option<String>,
    /// When: RFC 3339, or a day relative to today and a UTC time, like
    /// `today-3 09:30`.
    pub at: String,
    /// The text.
    pub text: String,
    /// An internal vendor note customers never see.
    #[serde(default)]
    pub internal: bool,
    /// Files attached to it.
    #[serde(default)]
    pub attachments: Vec<AttachmentFixture>,
}

/// One attachment of a fixture comment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentFixture {
    /// The name it was uploaded under (any text).
    pub name: String,
    /// Its media type (default `application/octet-stream`, or
    /// `application/pdf` for `pdf_lines`).
    #[serde(default)]
    pub media_type: Option<String>,
    /// Its content as text.
    #[serde(default)]
    pub content: Option<String>,
    /// A generated PDF with these lines.
    #[serde(default)]
    pub pdf_lines: Option<Vec<String>>,
    /// This many bytes of deterministic noise.
    #[serde(default)]
    pub generated_bytes: Option<u64>,
}

/// Inserts the tickets, storing attachments in `files`.
pub fn apply(
    tx: &Transaction<'_>,
    files: &FileStore,
    users: &HashMap<String, i64>,
    organizations: &HashMap<String, i64>,
    tickets: &[TicketFixture],
) -> anyhow::Result<()> {
    for ticket in tickets {
        insert(tx, files, users, organizations, ticket)
            .with_context(|| format!("ticket {:?}", ticket.subject))?;
    }
    Ok(())
}

fn insert(
    tx: &Transaction<'_>,
    files: &FileStore,
    users: &HashMap<String, i64>,
    organizations: &HashMap<String, i64>,
    ticket: &TicketFixture,
) -> anyhow::Result<()> {
    let user = |email: &str| {
        users
            .get(email)
            .copied()
            .with_context(|| format!("no user {email:?}"))
    };
    let requester_id = user(&ticket.requester)?;
    let organization_id = match &ticket.organization {
        None => None,
        Some(name) => Some(
            *organizations
                .get(name)
                .with_context(|| format!("no organization named {name:?}"))?,
        ),
    };
    let Some(first) = ticket.comments.first() else {
        bail!("a ticket needs at least one comment");
    };
    let created_at = parse_time(&first.at)?;
    tx.execute(
        "INSERT INTO tickets (id, user_id, organization_id, kind, subject, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            ticket.number,
            requester_id,
            organization_id,
            ticket.kind.as_str(),
            ticket.subject,
            ticket.status.as_str(),
            created_at
        ],
    )?;
    let number = tx.last_insert_rowid();
    let mut last = created_at;
    for comment in &ticket.comments {
        let author = match (&comment.author, &comment.vendor) {
            (Some(email), None) => Author::Customer(user(email)?),
            (None, Some(name)) => Author::Vendor(name.clone()),
            _ => bail!("a comment names either an `author` (e-mail) or a `vendor` (name)"),
        };
        let at = parse_time(&comment.at)?;
        anyhow::ensure!(at >= last, "comments are listed oldest first");
        last = at;
        let mut attachments = Vec::new();
        for attachment in &comment.attachments {
            let (bytes, default_type) = match (
                &attachment.content,
                &attachment.pdf_lines,
                attachment.generated_bytes,
            ) {
                (Some(text), None, None) => (text.as_bytes().to_vec(), "application/octet-stream"),
                (None, Some(lines), None) => (
                    pdf::text_document(&attachment.name, lines),
                    "application/pdf",
                ),
                (None, None, Some(_)) => (Vec::new(), "application/octet-stream"),
                _ => bail!(
                    "attachment {:?}: give one of `content`, `pdf_lines`, `generated_bytes`",
                    attachment.name
                ),
            };
            let stored = match attachment.generated_bytes {
                Some(size) => files.put_noise(size, number as u64 ^ size)?,
                None => files.put(&bytes)?,
            };
            attachments.push(NewAttachment {
                name: attachment.name.clone(),
                media_type: attachment
                    .media_type
                    .clone()
                    .unwrap_or_else(|| default_type.to_owned()),
                stored,
            });
        }
        insert_comment(
            tx,
            number,
            &NewComment {
                author,
                text: &comment.text,
                public: !comment.internal,
            },
            &attachments,
            at,
        )?;
    }
    if let Some(changes) = &ticket.contact_changes {
        let (TicketKind::ContactChange, Some(organization_id), TicketStatus::Open) =
            (ticket.kind, organization_id, ticket.status)
        else {
            bail!("`contact_changes` belong to an open contact_change ticket of an organization");
        };
        let (_, after) = roster_after(tx, organization_id, requester_id, changes)?;
        record_request(tx, &after, changes, requester_id, number, created_at)
            .map_err(|error| anyhow::anyhow!("{}", error.problem.detail))?;
    }
    if matches!(
        ticket.status,
        TicketStatus::Resolved | TicketStatus::Cancelled
    ) {
        tx.execute(
            "UPDATE tickets SET closed_at = updated_at WHERE id = ?1",
            [number],
        )?;
    }
    Ok(())
}

/// A fixture time, RFC 3339 or relative to the portal clock's today.
fn parse_time(text: &str) -> anyhow::Result<i64> {
    let parsed =
        crate::clock::resolve_time(text, crate::clock::current().today()).with_context(|| {
            format!("{text:?} is not an RFC 3339 time or a relative one like \"today-3 09:30\"")
        })?;
    Ok(parsed.unix_timestamp())
}
