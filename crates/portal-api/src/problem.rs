//! Error bodies: `application/problem+json` (RFC 9457) with a stable `code`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An error answer. `code` is stable and meant for programs; `detail` is a
/// sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// URI naming the problem type (`urn:portal:problem:<code>`).
    #[serde(rename = "type")]
    pub problem_type: String,
    /// Short summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What happened, for people.
    pub detail: String,
    /// Stable machine-readable code; see [`codes`].
    pub code: String,
    /// Per-field errors for validation failures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Seconds to wait before retrying, for `rate_limited`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// The support ticket the problem is about, for `change_pending`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
    /// The sign-in challenge to answer with a code, for `mfa_required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_challenge: Option<String>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// The request field, by its JSON name.
    pub field: String,
    /// Stable code such as `required`, `too_long`, `invalid_characters`.
    pub code: String,
    /// What is wrong, for people.
    pub message: String,
}

impl Problem {
    /// A problem with the given status, code and detail; the title is
    /// derived from the code.
    pub fn new(status: u16, code: &str, detail: impl Into<String>) -> Self {
        Self {
            problem_type: format!("urn:portal:problem:{code}"),
            title: codes::title(code).to_owned(),
            status,
            detail: detail.into(),
            code: code.to_owned(),
            errors: Vec::new(),
            retry_after: None,
            ticket_id: None,
            mfa_challenge: None,
        }
    }
}

/// The stable problem codes the portal answers with.
pub mod codes {
    /// The request body is not the JSON the endpoint expects.
    pub const INVALID_REQUEST: &str = "invalid_request";
    /// One or more fields are invalid; see `errors`.
    pub const VALIDATION_FAILED: &str = "validation_failed";
    /// E-mail or password is wrong (never says which).
    pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
    /// Missing, expired or revoked access token.
    pub const UNAUTHORIZED: &str = "unauthorized";
    /// The refresh token is expired, revoked or was already used.
    pub const SESSION_EXPIRED: &str = "session_expired";
    /// Too many attempts; wait `retry_after` seconds.
    pub const RATE_LIMITED: &str = "rate_limited";
    /// A write came without `If-Match`.
    pub const PRECONDITION_REQUIRED: &str = "precondition_required";
    /// The `If-Match` version is stale.
    pub const PRECONDITION_FAILED: &str = "precondition_failed";
    /// No such resource.
    pub const NOT_FOUND: &str = "not_found";
    /// Signed in, but no role grants this.
    pub const FORBIDDEN: &str = "forbidden";
    /// The requested byte range starts past the end of the file.
    pub const RANGE_NOT_SATISFIABLE: &str = "range_not_satisfiable";
    /// The portal failed.
    pub const INTERNAL: &str = "internal";
    /// A change of the same kind is already waiting; see `ticket_id`.
    pub const CHANGE_PENDING: &str = "change_pending";
    /// The password was right; now answer `mfa_challenge` with a code.
    pub const MFA_REQUIRED: &str = "mfa_required";
    /// Two-step sign-in is already on, or not being set up, as the request
    /// assumes.
    pub const MFA_STATE: &str = "mfa_state";
    /// The uploaded file is not of a type the endpoint takes.
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    /// The uploaded file is larger than the endpoint takes.
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    /// The ticket is cancelled (or otherwise closed to the change asked).
    pub const TICKET_CLOSED: &str = "ticket_closed";
    /// Only a request's requester may cancel it, and only a request.
    pub const NOT_CANCELLABLE: &str = "not_cancellable";
    /// The password was right, but the account may not sign in (a
    /// notifications-only role, or access revoked); `detail` says why.
    pub const SIGN_IN_NOT_ALLOWED: &str = "sign_in_not_allowed";
    /// The portal has no room for more work now; see `Retry-After`.
    pub const BUSY: &str = "busy";
    /// The `Idempotency-Key` was given to another request (another
    /// address) within the last day.
    pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
    /// The first request with this `Idempotency-Key` is still being
    /// answered; see `Retry-After`.
    pub const IDEMPOTENCY_KEY_IN_USE: &str = "idempotency_key_in_use";

    /// A short title for a code.
    pub fn title(code: &str) -> &'static str {
        match code {
            INVALID_REQUEST => "Invalid request",
            VALIDATION_FAILED => "Some fields are invalid",
            INVALID_CREDENTIALS => "Sign-in failed",
            UNAUTHORIZED => "Not signed in",
            SESSION_EXPIRED => "Session ended",
            RATE_LIMITED => "Too many requests",
            PRECONDITION_REQUIRED => "Version required",
            PRECONDITION_FAILED => "Changed elsewhere",
            NOT_FOUND => "Not found",
            FORBIDDEN => "Not allowed",
            RANGE_NOT_SATISFIABLE => "Range not satisfiable",
            CHANGE_PENDING => "Already requested",
            IDEMPOTENCY_KEY_REUSED => "Key used for another request",
            IDEMPOTENCY_KEY_IN_USE => "Request still being answered",
            MFA_REQUIRED => "Code required",
            MFA_STATE => "Two-step sign-in",
            UNSUPPORTED_MEDIA_TYPE => "Unsupported file type",
            PAYLOAD_TOO_LARGE => "File too large",
            TICKET_CLOSED => "Ticket closed",
            NOT_CANCELLABLE => "Cannot be cancelled",
            SIGN_IN_NOT_ALLOWED => "Sign-in not allowed",
            BUSY => "Busy",
            _ => "Portal error",
        }
    }
}
