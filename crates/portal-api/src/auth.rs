//! Sign-in, token refresh and sign-out bodies.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Secret;

/// `POST /api/v1/auth/login` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The user name, which is the user's e-mail address.
    pub email: String,
    /// The account password.
    #[schema(value_type = String, format = Password)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub password: Secret,
}

/// Tokens answered by sign-in and refresh.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    /// Always `Bearer`.
    pub token_type: String,
    /// Short-lived token for the `Authorization: Bearer` header.
    #[schema(value_type = String)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub access_token: Secret,
    /// Seconds until `access_token` expires.
    pub expires_in: u64,
    /// Single-use token that obtains the next pair; rotates on every refresh.
    #[schema(value_type = String)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub refresh_token: Secret,
    /// Seconds until `refresh_token` expires if unused.
    pub refresh_expires_in: u64,
}

/// `POST /api/v1/auth/refresh` and `POST /api/v1/auth/logout` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token last received.
    #[schema(value_type = String)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub refresh_token: Secret,
}
