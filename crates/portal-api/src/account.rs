//! The user's own account: password change and user-name (e-mail) change
//! requests.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::Secret;

/// `POST /api/v1/me/password` body. Every other session of the user ends;
/// the one making the change stays signed in.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The password in use now.
    #[schema(value_type = String, format = Password)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub current_password: Secret,
    /// The new password; see [`crate::limits::PASSWORD_MIN_CHARS`] and the
    /// rules in [`PASSWORD_RULES`].
    #[schema(value_type = String, format = Password)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub new_password: Secret,
}

/// The password rules, as the portal checks them and clients show them.
pub const PASSWORD_RULES: &[&str] = &[
    "At least 12 characters.",
    "Not your e-mail address.",
    "Not one of the most common passwords.",
];

/// `POST /api/v1/me/username-change` body: ask the vendor to change the
/// user name (which is the e-mail address).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UsernameChangeRequest {
    /// The e-mail address to sign in with from now on.
    pub new_email: String,
    /// The password in use now, to show it is the user asking.
    #[schema(value_type = String, format = Password)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub current_password: Secret,
    /// Why, for the vendor's support staff.
    pub reason: String,
}

/// A user-name change waiting for the vendor's approval. It is part of the
/// profile while it waits; the user keeps signing in with the old name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PendingUsernameChange {
    /// The support ticket that carries the request.
    pub ticket_id: i64,
    /// The requested new user name.
    pub new_email: String,
    /// When it was asked for (UTC, RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    pub requested_at: OffsetDateTime,
}
