//! Personal settings that live on the portal, so they follow the user
//! between machines (seed 000 Settings tab, seed 002 e-mail preferences,
//! seed 004 notification digest).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// How downloaded ticket attachments are named (seed 000).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentNameFormat {
    /// `File Name.txt` (the default).
    #[default]
    FileName,
    /// `#1234 – File Name.txt`.
    HashTicketPrefix,
    /// `[Ticket 1234] File Name.txt`.
    TicketBracketPrefix,
}

impl AttachmentNameFormat {
    /// Every format, in the order the Settings tab lists them.
    pub const ALL: [AttachmentNameFormat; 3] = [
        AttachmentNameFormat::FileName,
        AttachmentNameFormat::HashTicketPrefix,
        AttachmentNameFormat::TicketBracketPrefix,
    ];
}

/// Which e-mails the user receives (seed 002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailPreferences {
    /// Offers and promotions.
    pub promotions: bool,
    /// Updates on the user's tickets.
    pub ticket_updates: bool,
    /// News about new portal features.
    pub new_features: bool,
    /// New invoices and payment reminders.
    pub invoices_and_payments: bool,
    /// Security alerts; always on, the portal refuses `false`.
    #[schema(schema_with = always_true)]
    pub security_alerts: bool,
}

/// The schema of a setting that is always on: `true` and nothing else.
fn always_true() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::Boolean)
        .enum_values(Some([true]))
        .description(Some("Always on; the portal refuses `false`."))
        .build()
}

impl Default for EmailPreferences {
    fn default() -> Self {
        Self {
            promotions: false,
            ticket_updates: true,
            new_features: true,
            invoices_and_payments: true,
            security_alerts: true,
        }
    }
}

/// How often the digest of outstanding tasks is sent (seed 004).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DigestFrequency {
    /// Every day.
    #[default]
    Daily,
    /// Every Monday morning.
    Weekly,
}

/// Task categories a digest can include.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DigestCategory {
    /// Tickets awaiting the user's reply.
    Tickets,
    /// Contact and role change requests.
    ContactChanges,
    /// New quotes and invoices.
    Documents,
    /// Payments due or overdue.
    Payments,
}

impl DigestCategory {
    /// Every category, in the order the Settings tab lists them.
    pub const ALL: [DigestCategory; 4] = [
        DigestCategory::Tickets,
        DigestCategory::ContactChanges,
        DigestCategory::Documents,
        DigestCategory::Payments,
    ];

    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            DigestCategory::Tickets => "tickets",
            DigestCategory::ContactChanges => "contact changes",
            DigestCategory::Documents => "documents",
            DigestCategory::Payments => "payments",
        }
    }
}

/// The notification digest: how often, and what it includes. No category
/// selected means no digest is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationDigest {
    /// Daily, or weekly on Monday.
    pub frequency: DigestFrequency,
    /// Categories to include, without repeats.
    pub categories: Vec<DigestCategory>,
}

impl Default for NotificationDigest {
    fn default() -> Self {
        Self {
            frequency: DigestFrequency::Daily,
            categories: DigestCategory::ALL.to_vec(),
        }
    }
}

/// `PUT /api/v1/me/settings` body: the whole set. Requires `If-Match`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsUpdate {
    /// Attachment file-name format.
    pub attachment_name_format: AttachmentNameFormat,
    /// E-mail preferences.
    pub email: EmailPreferences,
    /// Notification digest.
    pub digest: NotificationDigest,
}

/// `GET /api/v1/me/settings`: the settings, with a strong `ETag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Settings {
    /// Attachment file-name format.
    pub attachment_name_format: AttachmentNameFormat,
    /// E-mail preferences.
    pub email: EmailPreferences,
    /// Notification digest.
    pub digest: NotificationDigest,
    /// When the settings last changed; `null` while they are the defaults.
    #[serde(with = "time::serde::rfc3339::option")]
    pub updated_at: Option<OffsetDateTime>,
}

impl Settings {
    /// The settings as an update body, to change and send back.
    pub fn to_update(&self) -> SettingsUpdate {
        SettingsUpdate {
            attachment_name_format: self.attachment_name_format,
            email: self.email.clone(),
            digest: self.digest.clone(),
        }
    }
}
