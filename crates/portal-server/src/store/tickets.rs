//! Tickets in the database: opening one (with its first comment and
//! files), finding one a user may see, its detail, status changes and the
//! vendor's resolving comment.

use crate::error::ApiError;
use crate::files::StoredFile;
use crate::grants;
use axum::http::StatusCode;
use portal_api::problem::codes;
use portal_api::tickets::{
    Attachment, Comment, CommentAuthor, ORGANIZATION_TICKETS_GRANT, Ticket, TicketKind,
    TicketOrganization, TicketStatus, TicketSummary,
};
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

/// A new ticket's fields.
#[derive(Debug, Clone)]
pub struct NewTicket {
    /// Who raises it.
    pub requester_id: i64,
    /// The organization it is for.
    pub organization_id: Option<i64>,
    /// What it is.
    pub kind: TicketKind,
    /// What it is about.
    pub subject: String,
}

/// A file to attach, stored already.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    /// The name it was uploaded under.
    pub name: String,
    /// Its media type.
    pub media_type: String,
    /// Where the store keeps it.
    pub stored: StoredFile,
}

/// Stores a new open ticket with its first comment (by the requester);
/// answers its number.
pub fn open_ticket(
    conn: &Connection,
    ticket: &NewTicket,
    text: &str,
    attachments: &[NewAttachment],
    at: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO tickets (user_id, organization_id, kind, subject, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?5)",
        params![
            ticket.requester_id,
            ticket.organization_id,
            ticket.kind.as_str(),
            ticket.subject,
            at
        ],
    )?;
    let number = conn.last_insert_rowid();
    insert_comment(
        conn,
        number,
        &NewComment {
            author: Author::Customer(ticket.requester_id),
            text,
            public: true,
        },
        attachments,
        at,
    )?;
    Ok(number)
}

/// Resolves request ticket `ticket_id` with the vendor team's public
/// comment `text` (a request done), in the caller's transaction.
pub fn resolve_with_vendor_comment(
    conn: &Connection,
    ticket_id: i64,
    text: &str,
    at: i64,
) -> rusqlite::Result<()> {
    insert_comment(
        conn,
        ticket_id,
        &NewComment {
            author: Author::Vendor(VENDOR_TEAM.to_owned()),
            text,
            public: true,
        },
        &[],
        at,
    )?;
    set_status(conn, ticket_id, TicketStatus::Resolved, at)
}

/// Sets a ticket's status (closing or reopening it) and marks it updated.
pub fn set_status(
    conn: &Connection,
    number: i64,
    status: TicketStatus,
    at: i64,
) -> rusqlite::Result<()> {
    let closed = matches!(status, TicketStatus::Resolved | TicketStatus::Cancelled);
    conn.execute(
        "UPDATE tickets SET status = ?1, updated_at = ?2,
             closed_at = CASE WHEN ?3 THEN ?2 ELSE NULL END
         WHERE id = ?4",
        params![status.as_str(), at, closed, number],
    )?;
    Ok(())
}

/// Ticket `number` with its public comments, as `user_id` sees it (check
/// [`visible_ticket`] first).
pub fn ticket_detail(conn: &Connection, user_id: i64, number: i64) -> rusqlite::Result<Ticket> {
    let summary = conn.query_row(
        &format!("{SELECT_SUMMARY} WHERE t.id = ?2"),
        params![user_id, number],
        |row| summary_from_row(row, user_id),
    )?;
    let mut attachments: HashMap<i64, Vec<Attachment>> = HashMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT a.comment_id, a.id, a.name, a.media_type, a.size, a.sha256
         FROM ticket_attachments a JOIN ticket_comments c ON c.id = a.comment_id
         WHERE c.ticket_id = ?1 AND c.public = 1 ORDER BY a.id",
    )?;
    let rows = statement.query_map([number], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            Attachment {
                id: row.get(1)?,
                name: row.get(2)?,
                media_type: row.get(3)?,
                size: row.get::<_, i64>(4)? as u64,
                sha256: row.get(5)?,
            },
        ))
    })?;
    for row in rows {
        let (comment_id, attachment) = row?;
        attachments.entry(comment_id).or_default().push(attachment);
    }
    let mut statement = conn.prepare_cached(
        "SELECT id, author_user_id, author_name, vendor, body, public, created_at
         FROM ticket_comments WHERE ticket_id = ?1 AND public = 1 ORDER BY id",
    )?;
    let comments = statement
        .query_map([number], |row| {
            let id: i64 = row.get(0)?;
            let author_user_id: Option<i64> = row.get(1)?;
            Ok(Comment {
                id,
                author: CommentAuthor {
                    name: row.get(2)?,
                    vendor: row.get(3)?,
                    you: author_user_id == Some(user_id),
                },
                text: row.get(4)?,
                public: row.get(5)?,
                created_at: timestamp(row.get(6)?),
                attachments: attachments.remove(&id).unwrap_or_default(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Ticket { summary, comments })
}

/// Ticket `number` if the user may see it (and so comment on it): its
/// requester, or a contact of its organization whose role grants
/// `organization_tickets`. 403 for other contacts of that organization,
/// 404 for everyone else and for tickets that do not exist.
pub fn visible_ticket(
    conn: &Connection,
    user_id: i64,
    number: i64,
) -> Result<TicketAccess, ApiError> {
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            format!("There is no ticket #{number}, or it is not yours to see."),
        )
    };
    let row: Option<AccessRow> = conn
        .query_row(
            "SELECT t.user_id, u.first_name || ' ' || u.last_name, t.organization_id, o.name,
                    t.kind, t.status
             FROM tickets t JOIN users u ON u.id = t.user_id
             LEFT JOIN organizations o ON o.id = t.organization_id
             WHERE t.id = ?1",
            [number],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((requester_id, requester, organization_id, organization, kind, status)) = row else {
        return Err(not_found());
    };
    let access = TicketAccess {
        requester_id,
        requester,
        kind: parse_stored(TicketKind::parse(&kind), &kind)?,
        status: parse_stored(TicketStatus::parse(&status), &status)?,
    };
    if requester_id == user_id {
        return Ok(access);
    }
    let Some(organization_id) = organization_id else {
        return Err(not_found());
    };
    if grants::has_grant(conn, user_id, organization_id, ORGANIZATION_TICKETS_GRANT)? {
        return Ok(access);
    }
    if grants::is_contact(conn, user_id, organization_id)? {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            codes::FORBIDDEN,
            format!(
                "Ticket #{number} belongs to another contact of {}; none of your roles there lets you see the organization's tickets.",
                organization.unwrap_or_default()
            ),
        ));
    }
    Err(not_found())
}

/// Stores a comment and its attachments and marks the ticket updated;
/// answers the comment's id. Run it inside the caller's transaction.
pub fn insert_comment(
    conn: &Connection,
    number: i64,
    comment: &NewComment<'_>,
    attachments: &[NewAttachment],
    at: i64,
) -> rusqlite::Result<i64> {
    let (author_user_id, author_name, vendor) = match &comment.author {
        Author::Customer(user_id) => {
            let name: String = conn.query_row(
                "SELECT first_name || ' ' || last_name FROM users WHERE id = ?1",
                [user_id],
                |row| row.get(0),
            )?;
            (Some(*user_id), name, false)
        }
        Author::Vendor(name) => (None, name.clone(), true),
    };
    conn.execute(
        "INSERT INTO ticket_comments (ticket_id, author_user_id, author_name, vendor, body, public, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![number, author_user_id, author_name, vendor, comment.text, comment.public, at],
    )?;
    let comment_id = conn.last_insert_rowid();
    let mut statement = conn.prepare_cached(
        "INSERT INTO ticket_attachments (comment_id, name, media_type, size, sha256)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for attachment in attachments {
        statement.execute(params![
            comment_id,
            attachment.name,
            attachment.media_type,
            attachment.stored.size as i64,
            attachment.stored.sha256
        ])?;
    }
    conn.execute(
        "UPDATE tickets SET updated_at = ?1 WHERE id = ?2",
        params![at, number],
    )?;
    Ok(comment_id)
}

/// A comment to store.
#[derive(Debug, Clone)]
pub struct NewComment<'a> {
    /// Who writes it.
    pub author: Author,
    /// The text.
    pub text: &'a str,
    /// False for the vendor's internal notes, which customers never see.
    pub public: bool,
}

/// Who writes a comment.
#[derive(Debug, Clone)]
pub enum Author {
    /// A portal user (the customer's side).
    Customer(i64),
    /// The vendor's team, under this name.
    Vendor(String),
}

/// Columns of a [`TicketSummary`]; `?1` is the signed-in user.
pub const SELECT_SUMMARY: &str =
    "SELECT t.id, t.subject, t.kind, t.status, t.organization_id, o.name,
    u.first_name || ' ' || u.last_name, t.user_id, t.created_at, t.updated_at,
    (SELECT COUNT(*) FROM ticket_comments c WHERE c.ticket_id = t.id AND c.public = 1),
    (SELECT COUNT(*) FROM ticket_attachments a JOIN ticket_comments c ON c.id = a.comment_id
        WHERE c.ticket_id = t.id AND c.public = 1),
    (SELECT MAX(c.id) FROM ticket_comments c WHERE c.ticket_id = t.id AND c.public = 1
        AND c.author_user_id IS NOT ?1)
    FROM tickets t JOIN users u ON u.id = t.user_id
    LEFT JOIN organizations o ON o.id = t.organization_id";

/// A ticket summary from a row selected with [`SELECT_SUMMARY`], as
/// `user_id` sees it.
pub fn summary_from_row(row: &Row<'_>, user_id: i64) -> rusqlite::Result<TicketSummary> {
    let kind_text: String = row.get(2)?;
    let status_text: String = row.get(3)?;
    let invalid = |index: usize, text: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unknown ticket value {text:?}").into(),
        )
    };
    let kind = TicketKind::parse(&kind_text).ok_or_else(|| invalid(2, &kind_text))?;
    let status = TicketStatus::parse(&status_text).ok_or_else(|| invalid(3, &status_text))?;
    let requester_id: i64 = row.get(7)?;
    let organization = match row.get::<_, Option<i64>>(4)? {
        None => None,
        Some(id) => Some(TicketOrganization {
            id,
            name: row.get(5)?,
        }),
    };
    Ok(TicketSummary {
        number: row.get(0)?,
        subject: row.get(1)?,
        kind,
        status,
        organization,
        requester: row.get(6)?,
        requested_by_you: requester_id == user_id,
        created_at: timestamp(row.get(8)?),
        updated_at: timestamp(row.get(9)?),
        comment_count: row.get(10)?,
        attachment_count: row.get(11)?,
        last_reply_id: row.get(12)?,
        can_cancel: kind.is_request()
            && requester_id == user_id
            && matches!(status, TicketStatus::Open | TicketStatus::AwaitingCustomer),
    })
}

/// Unix seconds as a date-time (the epoch for a value out of range).
pub fn timestamp(seconds: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// What deciding access to a ticket needs.
#[derive(Debug, Clone)]
pub struct TicketAccess {
    /// Who raised it.
    pub requester_id: i64,
    /// Their name.
    pub requester: String,
    /// What it is.
    pub kind: TicketKind,
    /// Where it stands.
    pub status: TicketStatus,
}

/// The name the vendor's team comments under unless told otherwise.
pub const VENDOR_TEAM: &str = "Support team";

/// Requester id and name, organization id and name, kind, status.
/// The columns that decide who may see a ticket.
pub type AccessRow = (i64, String, Option<i64>, Option<String>, String, String);

/// A value stored as text, parsed; a stored value that no longer parses is
/// a server error naming it.
pub fn parse_stored<T>(parsed: Option<T>, text: &str) -> Result<T, ApiError> {
    parsed
        .ok_or_else(|| ApiError::internal(format!("unknown ticket value in the database: {text}")))
}
