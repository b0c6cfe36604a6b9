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

/// The OAuth client id of Portal Desk, a public (native) client: it has no
/// secret and proves itself with PKCE (RFC 7636) instead.
pub const DESKTOP_CLIENT_ID: &str = "portal-desk";

/// `GET /api/v1/auth/options`: the ways of signing in the portal offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AuthOptions {
    /// E-mail address and password (`POST /api/v1/auth/login`).
    pub password: bool,
    /// Accounts created for someone (a new contact) can ask for a link to
    /// choose their first password (`POST /api/v1/auth/first-password`).
    pub first_password: bool,
    /// Single sign-on providers, each offered as "Sign in with NAME".
    pub sso: Vec<SsoProvider>,
}

/// A single sign-on provider: an OAuth 2.0 authorization server that
/// issues the portal's own tokens (authorization code with PKCE, a
/// loopback redirect on any port: RFC 8252 §7.3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SsoProvider {
    /// A stable id.
    pub id: String,
    /// The name people know it by ("Sign in with NAME").
    pub name: String,
    /// The authorization endpoint the browser opens (absolute URL).
    pub authorization_endpoint: String,
    /// The token endpoint the app exchanges the code at (absolute URL).
    pub token_endpoint: String,
    /// The client id to present ([`DESKTOP_CLIENT_ID`]).
    pub client_id: String,
}

/// `POST /api/v1/auth/oauth/token` error body (RFC 6749 §5.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OAuthError {
    /// `invalid_request`, `invalid_client`, `invalid_grant` or
    /// `unsupported_grant_type`.
    pub error: String,
    /// What went wrong, for people.
    pub error_description: String,
}
