//! HTTP range requests for file downloads (RFC 9110 §14): which part of a
//! file a `Range` header asks for, whether `If-Range` still names the
//! current version, and the `Repr-Digest` of a whole file (RFC 9530).

use std::ops::Range;

use base64::Engine;

/// What to send for a request's `Range` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeAnswer {
    /// The whole file (no `Range`, one we do not serve, or several ranges).
    Full,
    /// 206 with these bytes.
    Partial(Range<u64>),
    /// 416: the range starts at or past the end of the file.
    Unsatisfiable,
}

/// Reads a `Range` header for a file of `size` bytes. Only a single
/// `bytes=` range is served as a part; anything else gets the whole file,
/// as RFC 9110 allows.
pub fn answer_range(header: Option<&str>, size: u64) -> RangeAnswer {
    let Some(spec) = header.and_then(|value| value.trim().strip_prefix("bytes=")) else {
        return RangeAnswer::Full;
    };
    if spec.contains(',') {
        return RangeAnswer::Full;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return RangeAnswer::Full;
    };
    let (first, last) = (first.trim(), last.trim());
    if first.is_empty() {
        // A suffix: the last N bytes.
        return match last.parse::<u64>() {
            Ok(0) => RangeAnswer::Unsatisfiable,
            Ok(_) if size == 0 => RangeAnswer::Unsatisfiable,
            Ok(length) => RangeAnswer::Partial(size.saturating_sub(length)..size),
            Err(_) => RangeAnswer::Full,
        };
    }
    let Ok(start) = first.parse::<u64>() else {
        return RangeAnswer::Full;
    };
    let end = if last.is_empty() {
        size
    } else {
        match last.parse::<u64>() {
            Ok(last) if last >= start => last.saturating_add(1).min(size),
            _ => return RangeAnswer::Full,
        }
    };
    if start >= size {
        RangeAnswer::Unsatisfiable
    } else {
        RangeAnswer::Partial(start..end)
    }
}

/// True when an `If-Range` header lets a range be served: absent, or the
/// current strong ETag exactly (weak tags and dates never match).
pub fn if_range_allows(if_range: Option<&str>, etag: &str) -> bool {
    match if_range.map(str::trim) {
        None => true,
        Some(value) => value == etag && !value.starts_with("W/"),
    }
}

/// `Content-Range` of a part of a file of `size` bytes.
pub fn content_range(part: &Range<u64>, size: u64) -> String {
    format!("bytes {}-{}/{size}", part.start, part.end.saturating_sub(1))
}

/// `Repr-Digest` of a file whose SHA-256 is `sha256`: `sha-256=:BASE64:`.
pub fn repr_digest(sha256: &[u8]) -> String {
    format!(
        "sha-256=:{}:",
        base64::engine::general_purpose::STANDARD.encode(sha256)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_ranges_are_served_as_parts() {
        let size = 30 * 1024 * 1024;
        assert_eq!(
            answer_range(Some("bytes=3145728-"), size),
            RangeAnswer::Partial(3_145_728..size)
        );
        assert_eq!(
            answer_range(Some("bytes=0-99"), size),
            RangeAnswer::Partial(0..100)
        );
        assert_eq!(
            answer_range(Some("bytes=100-999999999999"), 1000),
            RangeAnswer::Partial(100..1000)
        );
        assert_eq!(
            answer_range(Some("bytes=-100"), 1000),
            RangeAnswer::Partial(900..1000)
        );
        assert_eq!(
            answer_range(Some("bytes=-5000"), 1000),
            RangeAnswer::Partial(0..1000)
        );
    }

    #[test]
    fn other_ranges_get_the_whole_file_or_416() {
        for header in [
            None,
            Some("items=0-1"),
            Some("bytes=0-1,5-6"),
            Some("bytes=9-3"),
            Some("bytes=x-"),
            Some("bytes="),
        ] {
            assert_eq!(answer_range(header, 1000), RangeAnswer::Full, "{header:?}");
        }
        assert_eq!(
            answer_range(Some("bytes=1000-"), 1000),
            RangeAnswer::Unsatisfiable
        );
        assert_eq!(
            answer_range(Some("bytes=-0"), 1000),
            RangeAnswer::Unsatisfiable
        );
        assert_eq!(
            answer_range(Some("bytes=-10"), 0),
            RangeAnswer::Unsatisfiable
        );
    }

    #[test]
    fn if_range_matches_only_the_current_strong_etag() {
        assert!(if_range_allows(None, "\"doc-1-abc\""));
        assert!(if_range_allows(Some("\"doc-1-abc\""), "\"doc-1-abc\""));
        assert!(!if_range_allows(Some("\"doc-1-old\""), "\"doc-1-abc\""));
        assert!(!if_range_allows(Some("W/\"doc-1-abc\""), "\"doc-1-abc\""));
        assert!(!if_range_allows(
            Some("Tue, 24 Nov 2026 00:00:00 GMT"),
            "\"doc-1-abc\""
        ));
    }

    #[test]
    fn headers_are_formatted_as_the_rfcs_say() {
        assert_eq!(
            content_range(&(3_145_728..31_457_280), 31_457_280),
            "bytes 3145728-31457279/31457280"
        );
        assert_eq!(
            repr_digest(&[0u8; 32]),
            "sha-256=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:"
        );
    }
}
