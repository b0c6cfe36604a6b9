//! The Partner Kit: the marketing material (logos, brochures, brand
//! guidelines) the vendor publishes to partners whose role grants
//! `partner_kit`, as a tree of files with versions, sizes and digests. The
//! listing is versioned as a whole, so an unchanged kit costs a client one
//! request answered 304.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// The grant a role needs for the Partner Kit.
pub const PARTNER_KIT_GRANT: &str = "partner_kit";

/// One file of the kit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KitFile {
    /// The file's id (`GET /api/v1/partner-kit/files/{id}/content`); it
    /// stays the same across versions of the file.
    pub id: i64,
    /// Its folders, outermost first, then its name, as the vendor named
    /// them (untrusted: a client makes each part a safe name).
    pub path: Vec<String>,
    /// Its media type as the vendor published it.
    pub media_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
    /// Its version: 1 when published, one more with each update.
    pub version: i64,
    /// When this version was published.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl KitFile {
    /// Its name (the last part of its path).
    pub fn name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }

    /// Its path as one line, `Logos / Contoso logo.png`.
    pub fn path_line(&self) -> String {
        self.path.join(" / ")
    }
}
