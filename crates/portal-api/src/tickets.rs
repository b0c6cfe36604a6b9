//! Support tickets: conversations with the vendor's team, their
//! attachments, and the requests (user-name and contact changes) that
//! travel as tickets.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// The grant in a role catalogue that lets a contact see (and comment on)
/// the organization's tickets.
pub const ORGANIZATION_TICKETS_GRANT: &str = "organization_tickets";

/// Largest attachment the portal takes, in bytes (50 MB, binary).
pub const ATTACHMENT_MAX_BYTES: u64 = 50 * 1024 * 1024;
/// Most attachments on one comment.
pub const ATTACHMENTS_PER_COMMENT_MAX: usize = 10;
/// Longest comment, in characters.
pub const COMMENT_MAX_CHARS: usize = 20_000;
/// Longest subject, in characters.
pub const SUBJECT_MAX_CHARS: usize = 200;

/// Multipart field carrying the comment text (create and reply).
pub const FIELD_MESSAGE: &str = "message";
/// Multipart field carrying the subject (create).
pub const FIELD_SUBJECT: &str = "subject";
/// Multipart field carrying the organization id a new ticket is for.
pub const FIELD_ORGANIZATION: &str = "organization_id";
/// Multipart field name of each attached file.
pub const FIELD_ATTACHMENT: &str = "attachment";

/// What a ticket is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TicketKind {
    /// A question or problem.
    Support,
    /// A request to change the user name (seed 000).
    UsernameChange,
    /// A request to change an organization's contacts (seed 001).
    ContactChange,
}

impl TicketKind {
    /// Every kind.
    pub const ALL: [TicketKind; 3] = [Self::Support, Self::UsernameChange, Self::ContactChange];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Support => "support",
            Self::UsernameChange => "username_change",
            Self::ContactChange => "contact_change",
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Support => "Support",
            Self::UsernameChange => "User name change",
            Self::ContactChange => "Contact change",
        }
    }

    /// True for the kinds its requester may cancel.
    pub fn is_request(self) -> bool {
        matches!(self, Self::UsernameChange | Self::ContactChange)
    }

    /// The kind with this wire name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

/// Where a ticket stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// With the vendor's team.
    Open,
    /// The vendor's team asked something and waits for the customer.
    AwaitingCustomer,
    /// Done.
    Resolved,
    /// Withdrawn by its requester.
    Cancelled,
}

impl TicketStatus {
    /// Every status.
    pub const ALL: [TicketStatus; 4] = [
        Self::Open,
        Self::AwaitingCustomer,
        Self::Resolved,
        Self::Cancelled,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::AwaitingCustomer => "awaiting_customer",
            Self::Resolved => "resolved",
            Self::Cancelled => "cancelled",
        }
    }

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::AwaitingCustomer => "Awaiting your reply",
            Self::Resolved => "Resolved",
            Self::Cancelled => "Cancelled",
        }
    }

    /// The status with this wire name.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }
}

/// The organization a ticket belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TicketOrganization {
    /// The organization's id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// A ticket without its conversation, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TicketSummary {
    /// The ticket number, e.g. 1234.
    pub number: i64,
    /// What it is about (untrusted text).
    pub subject: String,
    /// Support question or request.
    pub kind: TicketKind,
    /// Where it stands.
    pub status: TicketStatus,
    /// The organization it belongs to; `None` for a personal ticket.
    pub organization: Option<TicketOrganization>,
    /// Who raised it.
    pub requester: String,
    /// True when the signed-in user raised it.
    pub requested_by_you: bool,
    /// When it was raised.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it last changed (a comment or its status).
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// Comments in its conversation.
    pub comment_count: u32,
    /// Attachments in its conversation.
    pub attachment_count: u32,
    /// The newest comment written by someone other than the signed-in
    /// user: clients compare it with the newest they have shown to mark a
    /// ticket unread.
    pub last_reply_id: Option<i64>,
    /// True when the signed-in user may cancel it now.
    pub can_cancel: bool,
}

/// Who wrote a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CommentAuthor {
    /// Their name (untrusted text).
    pub name: String,
    /// True for the vendor's team, false for the customer's people.
    pub vendor: bool,
    /// True when the signed-in user wrote it.
    pub you: bool,
}

/// A file attached to a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Attachment {
    /// The attachment's id.
    pub id: i64,
    /// The name it was uploaded under (untrusted: clients make it safe).
    pub name: String,
    /// Its media type as uploaded (untrusted).
    pub media_type: String,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of the content, lowercase hex.
    pub sha256: String,
}

/// One message of a ticket's conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Comment {
    /// The comment's id; ids grow with time.
    pub id: i64,
    /// Who wrote it.
    pub author: CommentAuthor,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// The text, plain (untrusted: never markup).
    pub text: String,
    /// True for comments customers see (the only ones the API returns).
    pub public: bool,
    /// Files attached to it.
    pub attachments: Vec<Attachment>,
}

/// A ticket with its conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Ticket {
    /// Number, subject, status and the rest.
    #[serde(flatten)]
    pub summary: TicketSummary,
    /// The conversation, oldest first.
    pub comments: Vec<Comment>,
}

impl Ticket {
    /// Every attachment of the conversation with the comment it came with,
    /// oldest first.
    pub fn attachments(&self) -> impl Iterator<Item = &Attachment> {
        self.comments
            .iter()
            .flat_map(|comment| comment.attachments.iter())
    }
}

/// Filters of the ticket list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TicketFilter {
    /// Only these statuses (any status when empty).
    #[serde(default)]
    pub statuses: Vec<TicketStatus>,
    /// Only this kind.
    #[serde(default)]
    pub kind: Option<TicketKind>,
    /// Text in the number, subject or conversation (case-insensitive).
    #[serde(default)]
    pub text: Option<String>,
}

/// The path of one ticket.
pub fn ticket_path(number: i64) -> String {
    format!("/api/v1/tickets/{number}")
}

/// The path comments are added at.
pub fn ticket_comments_path(number: i64) -> String {
    format!("/api/v1/tickets/{number}/comments")
}

/// The path a request ticket is cancelled at.
pub fn ticket_cancel_path(number: i64) -> String {
    format!("/api/v1/tickets/{number}/cancel")
}

/// The path of an attachment's content.
pub fn attachment_path(number: i64, attachment_id: i64) -> String {
    format!("/api/v1/tickets/{number}/attachments/{attachment_id}")
}

/// A media type for a file by its extension, for uploads that declare
/// none of their own.
pub fn media_type_for(name: &str) -> &'static str {
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => "application/pdf",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip() {
        for kind in TicketKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(TicketKind::parse(kind.as_str()), Some(kind));
        }
        for status in TicketStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(TicketStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(TicketStatus::parse("closed"), None);
        assert!(TicketKind::ContactChange.is_request() && !TicketKind::Support.is_request());
    }
}
