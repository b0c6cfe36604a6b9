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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    /// Items per page.
    pub limit: u32,
    /// Items to skip.
    pub offset: i64,
    /// For a list read in the order of a unique key: the page starts after
    /// the item with this key (`k…` cursors), so no earlier row is stepped
    /// over. The list reads the key it wrote.
    pub after: Option<String>,
}

/// The 400 for a cursor this portal did not give out.
pub fn unknown_cursor() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        codes::INVALID_REQUEST,
        "The cursor is not one this portal gave out.",
    )
}

/// Paging of a list read whole in pages by id (the knowledge base's
/// articles, the Partner Kit's files): `k…` cursors only.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IdPageQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// `next_cursor` from the previous page.
    #[param(pattern = "^k[0-9]{1,18}$")]
    pub cursor: Option<String>,
}

impl IdPageQuery {
    /// The page asked for and the id its rows come after (0 for the
    /// first page); 400 for a bad limit or a cursor that is not `k` and
    /// an id.
    pub fn page_after_id(&self) -> Result<(PageRequest, i64), ApiError> {
        let page = PageRequest::parse_keyed(self.limit, self.cursor.as_deref())?;
        if self.cursor.is_some() && page.after.is_none() {
            return Err(unknown_cursor());
        }
        let after = match &page.after {
            Some(key) => key.parse().map_err(|_| unknown_cursor())?,
            None => 0,
        };
        Ok((page, after))
    }

    /// True for the first page (the one `If-None-Match` applies to).
    pub fn is_first(&self) -> bool {
        self.cursor.is_none()
    }
}

impl PageRequest {
    /// Like [`PageRequest::parse`], for a list that also answers `k…`
    /// cursors (see [`PageRequest::after`] and [`PageRequest::finish_after`]).
    pub fn parse_keyed(limit: Option<u32>, cursor: Option<&str>) -> Result<Self, ApiError> {
        match cursor.and_then(|cursor| cursor.strip_prefix('k')) {
            Some(key) if !key.is_empty() => Ok(Self {
                after: Some(key.to_owned()),
                ..Self::parse(limit, None)?
            }),
            Some(_) => Err(unknown_cursor()),
            None => Self::parse(limit, cursor),
        }
    }

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
                .ok_or_else(unknown_cursor)?,
        };
        Ok(Self {
            limit,
            offset,
            after: None,
        })
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

    /// Like [`PageRequest::finish`], with a cursor naming the key of the
    /// page's last item (`key_of`), where the next page starts.
    pub fn finish_after<T>(
        &self,
        items: &mut Vec<T>,
        key_of: impl Fn(&T) -> String,
    ) -> Option<String> {
        if items.len() <= self.limit as usize {
            return None;
        }
        items.truncate(self.limit as usize);
        items.last().map(|last| format!("k{}", key_of(last)))
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
                offset: 0,
                after: None
            }
        );
        let keyed = PageRequest::parse_keyed(Some(2), Some("k2026-01-02~7")).unwrap();
        assert_eq!(keyed.after.as_deref(), Some("2026-01-02~7"));
        let mut items = vec![(1, "a"), (2, "b"), (3, "c")];
        assert_eq!(
            keyed.finish_after(&mut items, |item| item.1.to_owned()),
            Some("kb".to_owned())
        );
        assert!(
            PageRequest::parse(None, Some("k2026-01-02~7")).is_err(),
            "only where a list reads keys"
        );
        assert!(PageRequest::parse_keyed(None, Some("k")).is_err());
        assert_eq!(
            PageRequest::parse_keyed(None, Some("o4")).unwrap().offset,
            4
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
