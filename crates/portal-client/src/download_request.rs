//! What a download is asked to do and what it produced: shared by the
//! download engine ([`crate::downloads`]) and its part files.

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

/// How many downloads run at once per [`crate::session::Core`]; more wait
/// for a slot.
pub const MAX_CONCURRENT_DOWNLOADS: usize = 3;

/// What to download and where to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadRequest {
    /// The file's API path, e.g. `/api/v1/documents/7/file`.
    pub path: String,
    /// The folder to save into (it must exist).
    pub folder: PathBuf,
    /// The name to save under: one safe path component (see
    /// [`crate::safe_names`]); a taken name gets ` (1)`, ` (2)`, ...
    pub file_name: String,
    /// The size the portal listed, for the free-space check before asking.
    pub expected_size: Option<u64>,
    /// The SHA-256 the portal listed (lowercase hex); checked when the
    /// answer carries no `Repr-Digest`.
    pub expected_sha256: Option<String>,
    /// When a transfer that still trickles counts as stalled.
    pub stall: StallRule,
}

/// A transfer that brings fewer than `min_bytes` in `window` has stalled:
/// the attempt fails as retryable instead of hanging on a portal that
/// drips (the per-read timeout alone never fires on one byte a second).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StallRule {
    /// How long to measure.
    pub window: Duration,
    /// The least that must arrive within it.
    pub min_bytes: u64,
}

impl Default for StallRule {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(30),
            min_bytes: 16 * 1024,
        }
    }
}

/// A finished download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Downloaded {
    /// Where the file was saved.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Its SHA-256, lowercase hex.
    pub sha256: String,
}
