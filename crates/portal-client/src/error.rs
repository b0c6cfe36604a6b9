//! The one error type of the client core, with stable codes, and its
//! serialized form `{code, message, fields?}` for the UI.

use std::collections::BTreeMap;

use portal_api::problem::FieldError;
use portal_i18n::text;
use serde::Serialize;

/// Results of the client core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The error underneath one of ours (an I/O, HTTP, database or keyring
/// error), kept as the source so logs and checks can walk the chain.
pub type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Everything that can go wrong, phrased for the person using the app (in
/// the language shown: `portal_i18n`'s catalogue).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The portal address is empty or not a URL.
    #[error("{0}")]
    InvalidPortalUrl(String),
    /// The portal address uses http:// for a host other than this computer.
    #[error("{0}")]
    InsecurePortalUrl(String),
    /// No connection could be made.
    #[error("{}", text("error-unreachable", &[("origin", .origin.into()), ("reason", .reason.into())]))]
    Unreachable {
        /// The portal's origin.
        origin: String,
        /// Why, in a few words (told from `source`'s chain).
        reason: String,
        /// The transport's own error, when there was one.
        #[source]
        source: Option<Source>,
    },
    /// The portal stopped answering mid-request.
    #[error("{}", text("error-timeout", &[("origin", .origin.into())]))]
    Timeout {
        /// The portal's origin.
        origin: String,
    },
    /// Something answered, but not the portal API.
    #[error("{}", text("error-not-a-portal", &[("origin", .origin.into()), ("what", .what.into())]))]
    NotAPortal {
        /// The address that answered.
        origin: String,
        /// What came back instead.
        what: String,
    },
    /// Wrong e-mail or password.
    #[error("{0}")]
    InvalidCredentials(String),
    /// Too many attempts; the portal asks to wait.
    #[error("{message}")]
    RateLimited {
        /// The portal's message.
        message: String,
        /// Seconds to wait.
        retry_after: u64,
    },
    /// The stored session is expired or revoked: sign in again.
    #[error("{0}")]
    SessionEnded(String),
    /// No session for this account on this computer.
    #[error("{0}")]
    NotSignedIn(String),
    /// Some fields were refused; `fields` says which and why.
    #[error("{message}")]
    Validation {
        /// Summary.
        message: String,
        /// The field errors, in the portal's order.
        fields: Vec<FieldError>,
    },
    /// The resource changed elsewhere since the version the edit is based on.
    #[error("{message}")]
    Conflict {
        /// What happened.
        message: String,
        /// ETag of the current version, when the portal named it.
        current_etag: Option<String>,
    },
    /// Any other error answer from the portal.
    #[error("{message}")]
    Portal {
        /// HTTP status.
        status: u16,
        /// The portal's problem code.
        code: String,
        /// The portal's message.
        message: String,
    },
    /// No usable OS keyring; the session cannot outlive the process.
    #[error("{}", text("error-keyring-unavailable", &[("reason", chain_text(.0.as_ref()).into())]))]
    KeyringUnavailable(#[source] Source),
    /// The keyring answered with an error.
    #[error("{}", text("error-keyring", &[("reason", chain_text(.0.as_ref()).into())]))]
    Keyring(#[source] Source),
    /// The password was right; the portal asks for a code from the
    /// authenticator app (or a recovery code) to finish signing in.
    #[error("{}", text("error-mfa-required", &[]))]
    MfaRequired,
    /// The picked image cannot be a profile photo.
    #[error("{0}")]
    InvalidPhoto(String),
    /// A request of the same kind already waits for approval.
    #[error("{message}")]
    ChangePending {
        /// The portal's message.
        message: String,
        /// The ticket that carries the waiting request.
        ticket_id: Option<i64>,
    },
    /// A download failed and nothing was saved.
    #[error("{0}")]
    Download(String),
    /// The destination folder cannot take the file.
    #[error("{}", text("error-destination", &[("reason", .0.into())]))]
    Destination(String),
    /// The desktop (file manager, default programs) did not do what was
    /// asked.
    #[error("{0}")]
    Desktop(String),
    /// The user cancelled the operation.
    #[error("{}", text("error-cancelled", &[]))]
    Cancelled,
    /// Single sign-on in the browser did not end in a sign-in (refused or
    /// cancelled there, or answered with something that is not a sign-in).
    #[error("{0}")]
    SingleSignOn(String),
    /// The update feed could not be read (unreachable, or not a feed).
    #[error("{0}")]
    UpdateFeed(String),
    /// A downloaded update failed its signature check; nothing installed.
    #[error("{0}")]
    UpdateNotVerified(String),
    /// A verified update could not be installed.
    #[error("{0}")]
    UpdateNotInstalled(String),
    /// Local files (accounts, store) could not be read or written.
    #[error("{}", text("error-local-data", &[("reason", local_text(.what, .source).into())]))]
    LocalData {
        /// What was being done ("cannot create /path").
        what: String,
        /// The error underneath, when there was one.
        #[source]
        source: Option<Source>,
    },
}

impl Error {
    /// The stable code the UI and scripts switch on.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidPortalUrl(_) => "invalid_portal_url",
            Error::UpdateFeed(_) => "update_feed_failed",
            Error::UpdateNotVerified(_) => "update_not_verified",
            Error::UpdateNotInstalled(_) => "update_not_installed",
            Error::InsecurePortalUrl(_) => "insecure_portal_url",
            Error::Unreachable { .. } => "portal_unreachable",
            Error::Timeout { .. } => "portal_timeout",
            Error::NotAPortal { .. } => "not_a_portal",
            Error::InvalidCredentials(_) => "invalid_credentials",
            Error::RateLimited { .. } => "rate_limited",
            Error::SessionEnded(_) => "session_ended",
            Error::NotSignedIn(_) => "not_signed_in",
            Error::Validation { .. } => "validation_failed",
            Error::Conflict { .. } => "conflict",
            Error::Portal { .. } => "portal_error",
            Error::KeyringUnavailable(_) => "keyring_unavailable",
            Error::Keyring(_) => "keyring_error",
            Error::MfaRequired => "mfa_required",
            Error::InvalidPhoto(_) => "invalid_photo",
            Error::ChangePending { .. } => "change_pending",
            Error::Download(_) => "download_failed",
            Error::Destination(_) => "destination_failed",
            Error::Desktop(_) => "desktop_failed",
            Error::Cancelled => "cancelled",
            Error::SingleSignOn(_) => "sso_failed",
            Error::LocalData { .. } => "local_data",
        }
    }

    /// True when the portal could not be reached (a cached copy is worth
    /// showing instead).
    pub fn is_offline(&self) -> bool {
        matches!(self, Error::Unreachable { .. } | Error::Timeout { .. })
    }

    /// True when the same request may well succeed if tried again later:
    /// the portal could not be reached, was too slow or overloaded, or asked
    /// to wait.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Unreachable { .. } | Error::Timeout { .. } | Error::RateLimited { .. } => true,
            Error::Portal { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// True when the session is gone and the user must sign in (again).
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, Error::SessionEnded(_) | Error::NotSignedIn(_))
    }

    /// Messages to show beside particular form fields, by field name.
    pub fn fields(&self) -> BTreeMap<String, String> {
        match self {
            Error::Validation { fields, .. } => fields
                .iter()
                .map(|error| (error.field.clone(), error.message.clone()))
                .collect(),
            Error::InvalidPortalUrl(message) | Error::InsecurePortalUrl(message) => {
                BTreeMap::from([("portal_url".to_owned(), message.clone())])
            }
            Error::InvalidCredentials(message) => {
                BTreeMap::from([("password".to_owned(), message.clone())])
            }
            Error::InvalidPhoto(message) => BTreeMap::from([("photo".to_owned(), message.clone())]),
            _ => BTreeMap::new(),
        }
    }

    /// The serializable form sent to the UI.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            fields: self.fields(),
            retryable: self.is_retryable(),
            needs_sign_in: self.needs_sign_in(),
            ticket_id: match self {
                Error::ChangePending { ticket_id, .. } => *ticket_id,
                _ => None,
            },
        }
    }

    /// Local data failed: `what` says what was being done.
    pub fn local(what: impl Into<String>) -> Self {
        Error::LocalData {
            what: what.into(),
            source: None,
        }
    }

    /// Local data failed while doing `what`, because of `source` (kept as
    /// the error's source, and named in its message).
    pub fn local_because(what: impl Into<String>, source: impl Into<Source>) -> Self {
        Error::LocalData {
            what: what.into(),
            source: Some(source.into()),
        }
    }

    /// Local data failed because of `source` (for `map_err`).
    pub fn local_source(source: impl Into<Source>) -> Self {
        Error::LocalData {
            what: String::new(),
            source: Some(source.into()),
        }
    }
}

/// What was being done, then the source's messages ("cannot create X: Permission denied").
fn local_text(what: &str, source: &Option<Source>) -> String {
    match source {
        Some(source) if what.is_empty() => chain_text(source.as_ref()),
        Some(source) => format!("{what}: {}", chain_text(source.as_ref())),
        None => what.to_owned(),
    }
}

/// An error and its sources, joined with ": " (as `anyhow`'s `{:#}`), so
/// the user's message names the cause while the cause stays the source.
pub fn chain_text(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut next = error.source();
    while let Some(source) = next {
        let line = source.to_string();
        if !text.ends_with(&line) {
            text.push_str(": ");
            text.push_str(&line);
        }
        next = source.source();
    }
    text
}

/// `{code, message, fields?, retryable, needs_sign_in}`: how an error
/// reaches the UI (and pdesk's `--json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorPayload {
    /// Stable machine code.
    pub code: &'static str,
    /// A sentence for people.
    pub message: String,
    /// Messages for particular fields; omitted when empty.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// Whether trying again later may help (see [`Error::is_retryable`]).
    pub retryable: bool,
    /// Whether the user must sign in again (see [`Error::needs_sign_in`]).
    pub needs_sign_in: bool,
    /// The ticket the error is about (`change_pending`); omitted otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket_id: Option<i64>,
}

/// A command answers an error as its payload, so Tauri commands return
/// `Result<T, Error>` and use `?`.
impl Serialize for Error {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.payload().serialize(serializer)
    }
}

impl From<&Error> for ErrorPayload {
    fn from(error: &Error) -> Self {
        error.payload()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_json_is_pinned() {
        let error = Error::Validation {
            message: "Some fields are not valid.".into(),
            fields: vec![FieldError {
                field: "mobile_phone".into(),
                code: "invalid_characters".into(),
                message: "Use digits, spaces and + - ( ) . / only.".into(),
            }],
        };
        assert_eq!(
            serde_json::to_string(&error.payload()).unwrap(),
            r#"{"code":"validation_failed","message":"Some fields are not valid.","fields":{"mobile_phone":"Use digits, spaces and + - ( ) . / only."},"retryable":false,"needs_sign_in":false}"#
        );
        let error = Error::Unreachable {
            origin: "http://127.0.0.1:9".into(),
            reason: "connection refused".into(),
            source: None,
        };
        assert_eq!(
            serde_json::to_string(&error.payload()).unwrap(),
            r#"{"code":"portal_unreachable","message":"Cannot reach http://127.0.0.1:9: connection refused.","retryable":true,"needs_sign_in":false}"#
        );
        let error =
            Error::InvalidCredentials("The e-mail address or password is not correct.".into());
        assert_eq!(
            serde_json::to_string(&error.payload()).unwrap(),
            r#"{"code":"invalid_credentials","message":"The e-mail address or password is not correct.","fields":{"password":"The e-mail address or password is not correct."},"retryable":false,"needs_sign_in":false}"#
        );
        let error = Error::ChangePending {
            message: "You already asked.".into(),
            ticket_id: Some(12),
        };
        assert_eq!(
            serde_json::to_string(&error.payload()).unwrap(),
            r#"{"code":"change_pending","message":"You already asked.","retryable":false,"needs_sign_in":false,"ticket_id":12}"#
        );
        let error = Error::SessionEnded("Your session ended. Sign in again.".into());
        assert_eq!(
            serde_json::to_string(&error).unwrap(),
            r#"{"code":"session_ended","message":"Your session ended. Sign in again.","retryable":false,"needs_sign_in":true}"#,
            "an error serializes as its payload"
        );
    }

    #[test]
    fn a_local_failure_keeps_its_cause_as_the_source_and_names_it_once() {
        use std::error::Error as _;
        let denied = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied");
        let error = Error::local_because("cannot create /data/accounts", denied);
        assert_eq!(
            error.to_string(),
            "Portal Desk's local data failed: cannot create /data/accounts: Permission denied."
        );
        let source = error.source().expect("the I/O error is the source");
        let io = source
            .downcast_ref::<std::io::Error>()
            .expect("kept as its type");
        assert_eq!(io.kind(), std::io::ErrorKind::PermissionDenied);

        let bare = Error::local_source(std::io::Error::other("disk full"));
        assert_eq!(
            bare.to_string(),
            "Portal Desk's local data failed: disk full."
        );
        assert!(Error::local("no parent folder").source().is_none());
    }

    #[test]
    fn a_message_names_every_cause_in_the_chain_once() {
        #[derive(Debug, thiserror::Error)]
        #[error("the demo portal refused")]
        struct Outer(#[source] std::io::Error);
        let error = Error::local_source(Outer(std::io::Error::other("address in use")));
        assert_eq!(
            error.to_string(),
            "Portal Desk's local data failed: the demo portal refused: address in use."
        );
    }
}
