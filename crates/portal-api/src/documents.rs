//! Quotes and invoices (seed 000 My Payments and the Payments Manager).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The grant in a role catalogue that lets a contact see the organization's
/// quotes and invoices.
pub const ORGANIZATION_DOCUMENTS_GRANT: &str = "organization_documents";

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// An offer with a price.
    Quote,
    /// A bill to pay.
    Invoice,
}

impl DocumentKind {
    /// The wire name: `quote` or `invoice`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Quote => "quote",
            Self::Invoice => "invoice",
        }
    }

    /// For people: `Quote` or `Invoice`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Quote => "Quote",
            Self::Invoice => "Invoice",
        }
    }
}

/// Where a document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Settled.
    Paid,
    /// Not settled, not yet due (or without a due date).
    Unpaid,
    /// Not settled and past its due date.
    Overdue,
}

impl DocumentStatus {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Paid => "paid",
            Self::Unpaid => "unpaid",
            Self::Overdue => "overdue",
        }
    }
}

/// Who a document was sent to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Recipient {
    /// The user personally (My Payments).
    User,
    /// An organization (the Payments Manager).
    Organization {
        /// The organization's id.
        organization_id: i64,
        /// The organization's name.
        organization: String,
    },
}

/// A quote or invoice and its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Document {
    /// The document's id.
    pub id: i64,
    /// The vendor's number, e.g. `INV-2026-0042`.
    pub number: String,
    /// Quote or invoice.
    pub kind: DocumentKind,
    /// What it is for.
    pub title: String,
    /// Date of issue, `YYYY-MM-DD`.
    pub issued_on: String,
    /// Date payment is due, `YYYY-MM-DD`, if any.
    pub due_on: Option<String>,
    /// Total as a decimal string in the currency's units, e.g. `"1250.00"`.
    pub amount: String,
    /// ISO 4217 currency code, e.g. `EUR`.
    pub currency: String,
    /// Paid, unpaid or overdue.
    pub status: DocumentStatus,
    /// Who it was sent to.
    pub recipient: Recipient,
    /// The file's name as the vendor gave it (untrusted: clients make it safe).
    pub file_name: String,
    /// The file's media type.
    pub media_type: String,
    /// The file's size in bytes.
    pub size: u64,
    /// SHA-256 of the file, lowercase hex.
    pub sha256: String,
}

/// Filters of the document lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocumentFilter {
    /// Only quotes or only invoices.
    pub kind: Option<DocumentKind>,
    /// Only this status.
    pub status: Option<DocumentStatus>,
    /// Only documents issued in this year.
    pub year: Option<i32>,
    /// Text found in the number, title or file name (case-insensitive).
    pub text: Option<String>,
}

/// The path of a document's file.
pub fn document_file_path(id: i64) -> String {
    format!("/api/v1/documents/{id}/file")
}

/// The path of an organization's document list.
pub fn organization_documents_path(organization_id: i64) -> String {
    format!("/api/v1/organizations/{organization_id}/documents")
}
