//! Two-step sign-in with an authenticator app (TOTP, RFC 6238), recovery
//! codes, and the forgotten-password reset.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Secret;

/// `GET /api/v1/me/mfa`: whether sign-in asks for a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct MfaStatus {
    /// True when sign-in asks for a code after the password.
    pub enabled: bool,
    /// Recovery codes not used yet (0 when disabled).
    pub recovery_codes_left: u32,
}

/// `POST /api/v1/me/mfa/setup`: a new secret to enter in the authenticator
/// app. Nothing changes until it is confirmed with a code.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MfaSetup {
    /// The shared secret, base32, for typing in by hand.
    #[schema(value_type = String)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub secret: Secret,
    /// The `otpauth://` URI to show as a QR code.
    #[schema(value_type = String)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub otpauth_uri: Secret,
}

/// `POST /api/v1/me/mfa/enable` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaEnable {
    /// The code the authenticator app shows for the new secret.
    pub code: String,
    /// The account password: whoever holds only a session cannot turn
    /// two-step sign-in on (and lock the owner out).
    #[schema(value_type = String, format = Password)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub current_password: Secret,
}

/// `POST /api/v1/me/mfa/enable` answer: recovery codes, shown once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RecoveryCodes {
    /// Ten single-use codes that stand in for the app's code.
    #[schema(value_type = Vec<String>)]
    #[serde(serialize_with = "Secret::serialize_all_exposed")]
    pub recovery_codes: Vec<Secret>,
}

/// `POST /api/v1/me/mfa/disable` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaDisable {
    /// The account password.
    #[schema(value_type = String, format = Password)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub current_password: Secret,
    /// A code from the app, or a recovery code.
    pub code: String,
}

/// `POST /api/v1/auth/mfa` body: the second step of sign-in.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaSignIn {
    /// The `mfa_challenge` of the `mfa_required` answer to the password.
    #[schema(value_type = String)]
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub challenge: Secret,
    /// A code from the app, or a recovery code.
    pub code: String,
}

/// `POST /api/v1/auth/password-reset` body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// The user name (e-mail address) of the account.
    pub email: String,
}

/// `POST /api/v1/auth/password-reset` answer, the same whether or not the
/// address belongs to an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PasswordResetAccepted {
    /// What happens next, for people.
    pub message: String,
}
