//! Local copies shown inside the app: which media types the viewer takes,
//! and what the UI gets to show one.

use portal_client::library::LibraryEntry;
use serde::Serialize;

/// Media types shown inside the app; others open in the system's viewer.
pub const INLINE_MEDIA_TYPES: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "text/plain",
];

/// A local copy ready to show inside the app.
#[derive(Debug, Clone, Serialize)]
pub struct ViewableFile {
    /// The library row of the copy.
    pub entry_id: i64,
    /// The copy's SHA-256: the path under the `pdfile` scheme.
    pub sha256: String,
    /// What it is, for the viewer's title.
    pub title: String,
    /// Its media type.
    pub media_type: String,
    /// True when the app can show it; otherwise offer the system viewer.
    pub inline: bool,
}

/// How the UI shows a library copy.
pub fn viewable(entry: LibraryEntry) -> ViewableFile {
    let media_type = inline_media_type(&entry.source.media_type);
    ViewableFile {
        entry_id: entry.id,
        sha256: entry.source.sha256,
        title: entry.source.title,
        inline: INLINE_MEDIA_TYPES.contains(&media_type.as_str()),
        media_type,
    }
}

/// The media type a cached file is served with: text of any kind as plain
/// text (never HTML or script), images and PDF as themselves, anything
/// else as bytes to save.
pub fn inline_media_type(listed: &str) -> String {
    let essence = listed
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence.starts_with("text/") {
        "text/plain".into()
    } else if INLINE_MEDIA_TYPES.contains(&essence.as_str()) {
        essence
    } else {
        "application/octet-stream".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_types_are_served_as_themselves() {
        assert_eq!(inline_media_type("application/pdf"), "application/pdf");
        assert_eq!(inline_media_type("Image/PNG"), "image/png");
        assert_eq!(inline_media_type("text/html; charset=utf-8"), "text/plain");
        assert_eq!(
            inline_media_type("image/svg+xml"),
            "application/octet-stream"
        );
        assert_eq!(
            inline_media_type("application/x-msdownload"),
            "application/octet-stream"
        );
    }
}
