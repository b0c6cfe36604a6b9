//! The signed-in user's own profile ("My Details").

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::account::PendingUsernameChange;

/// `GET /api/v1/me`: the user's details. Sent with a strong `ETag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Profile {
    /// Stable user id.
    pub id: i64,
    /// User name and e-mail address; changed only through a change request.
    pub email: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Office phone, if any.
    pub office_phone: Option<String>,
    /// Mobile phone, if any.
    pub mobile_phone: Option<String>,
    /// Company name as the user writes it, if any.
    pub company: Option<String>,
    /// Job title, if any.
    pub job_title: Option<String>,
    /// When the profile last changed (UTC, RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// A user-name change waiting for approval, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_username_change: Option<PendingUsernameChange>,
    /// The ETag of the profile photo, when there is one
    /// (`GET /api/v1/me/photo`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_etag: Option<String>,
}

impl Profile {
    /// "First Last", or the e-mail address when both names are empty.
    pub fn display_name(&self) -> String {
        let name = format!("{} {}", self.first_name.trim(), self.last_name.trim());
        let name = name.trim();
        if name.is_empty() {
            self.email.clone()
        } else {
            name.to_owned()
        }
    }
}

/// `PATCH /api/v1/me` body: only the fields present change. For the
/// optional fields an empty string clears the value. Requires `If-Match`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileUpdate {
    /// New given name (required to be non-empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// New family name (required to be non-empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// New office phone; empty clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_phone: Option<String>,
    /// New mobile phone; empty clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// New company; empty clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// New job title; empty clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
}

impl ProfileUpdate {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}
