//! The desktop app's update feed (`/api/v1/desktop/…`): the vendor's portal
//! is where Portal Desk comes from. The answer is the format the Tauri
//! updater reads for one platform (`{os}-{arch}-{bundle type}`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// A release's version, as the feed's paths take it: semantic versioning
/// (an optional `v`, numbers of at most nine digits).
pub const VERSION_PATTERN: &str = r"^v?(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(-(0|[1-9][0-9]{0,8}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]{0,8}|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$";

/// A platform as the Tauri updater names it: `{os}-{arch}` and, for a
/// bundled app, `-{bundle type}` (`linux-x86_64-deb`).
pub const PLATFORM_PATTERN: &str = r"^[a-z0-9_]+(-[a-z0-9_]+){1,2}$";

/// The newest release of Portal Desk for one platform, when it is newer
/// than the version asking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DesktopRelease {
    /// Its version (semantic versioning).
    #[schema(example = "0.2.0")]
    pub version: String,
    /// What's new, for people (plain text).
    pub notes: String,
    /// When it was published.
    #[serde(with = "time::serde::rfc3339")]
    pub pub_date: OffsetDateTime,
    /// Where the package is downloaded from.
    pub url: String,
    /// The package's minisign signature (base64 of the `.sig` file the
    /// Tauri CLI writes); the app refuses a package it does not verify.
    pub signature: String,
}
