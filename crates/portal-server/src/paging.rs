//! Cursor pagination of lists: `?limit=&cursor=` answering
//! `{items, next_cursor}`. Cursors are opaque to clients.

use axum::http::StatusCode;
use portal_api::problem::codes;

use crate::error::ApiError;

/// Page size when the request names none.
pub const DEFAULT_LIMIT: u32 = 50;
/// Largest page size.
pub const MAX_LIMIT: u32 = 200;

/// Which slice of a list a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// Items per page.
    pub limit: u32,
    /// Items to skip.
    pub offset: i64,
}

impl PageRequest {
    /// Reads `limit` and `cursor`; 400 for a bad limit or a cursor this
    /// portal did not give out.
    pub fn parse(limit: Option<u32>, cursor: Option<&str>) -> Result<Self, ApiError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::INVALID_REQUEST,
                format!("limit must be between 1 and {MAX_LIMIT}."),
            ));
        }
        let offset = match cursor {
            None => 0,
            Some(cursor) => cursor
                .strip_prefix('o')
                .and_then(|number| number.parse().ok())
                .filter(|offset: &i64| *offset >= 0)
                .ok_or_else(|| {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        codes::INVALID_REQUEST,
                        "The cursor is not one this portal gave out.",
                    )
                })?,
        };
        Ok(Self { limit, offset })
    }

    /// How many rows to fetch: one more than a page, to know whether
    /// another page follows.
    pub fn fetch(&self) -> i64 {
        i64::from(self.limit) + 1
    }

    /// Cuts `items` (fetched with [`Self::fetch`]) to a page and answers
    /// the next page's cursor, if there is one.
    pub fn finish<T>(&self, items: &mut Vec<T>) -> Option<String> {
        (items.len() > self.limit as usize).then(|| {
            items.truncate(self.limit as usize);
            format!("o{}", self.offset + i64::from(self.limit))
        })
    }
}

pub use portal_api::limits::SEARCH_MAX_CHARS;

/// The `LIKE … ESCAPE '\\'` pattern finding `q` anywhere (`%` and `_`
/// in it match themselves); `None` for no or blank text, 400 for text over
/// [`SEARCH_MAX_CHARS`].
pub fn contains_pattern(q: Option<&str>) -> Result<Option<String>, ApiError> {
    if q.is_some_and(|text| text.chars().count() > SEARCH_MAX_CHARS) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_REQUEST,
            format!("The search text is longer than {SEARCH_MAX_CHARS} characters."),
        ));
    }
    let Some(text) = q.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Ok(Some(format!("%{escaped}%")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_matches_itself() {
        assert_eq!(contains_pattern(None).unwrap(), None);
        assert_eq!(contains_pattern(Some("  ")).unwrap(), None);
        assert_eq!(
            contains_pattern(Some(" 100%_a\\b ")).unwrap().as_deref(),
            Some("%100\\%\\_a\\\\b%")
        );
        assert!(contains_pattern(Some(&"x".repeat(201))).is_err());
    }

    #[test]
    fn cursors_and_limits_are_checked() {
        assert_eq!(
            PageRequest::parse(None, None).unwrap(),
            PageRequest {
                limit: 50,
                offset: 0
            }
        );
        let page = PageRequest::parse(Some(2), Some("o4")).unwrap();
        let mut items = vec![1, 2, 3];
        assert_eq!(page.finish(&mut items), Some("o6".to_owned()));
        assert_eq!(items, [1, 2]);
        let mut last = vec![1];
        assert_eq!(page.finish(&mut last), None);
        for (limit, cursor) in [
            (Some(0), None),
            (Some(201), None),
            (None, Some("x")),
            (None, Some("o-1")),
        ] {
            assert!(
                PageRequest::parse(limit, cursor).is_err(),
                "{limit:?} {cursor:?}"
            );
        }
    }
}
