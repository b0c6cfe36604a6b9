//! Lists the portal answers in cursor pages, read whole: the one paging
//! policy of the client. A portal that never ends its list (new cursors
//! forever, the same cursor again, pages that add up to too much) is
//! stopped with a reason instead of exhausting memory or looping.

use portal_api::roles::Page;
use portal_i18n::text;
use reqwest::header::IF_NONE_MATCH;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::http::{ApiRequest, etag_of};
use crate::session::Session;

/// Most items read from one list.
const MOST_ITEMS: usize = 100_000;
/// Most pages read from one list.
const MOST_PAGES: usize = 2_000;
/// Most bytes of answers read for one list.
const MOST_BYTES: usize = 256 * 1024 * 1024;

/// Most times a versioned list is read again from its start because it
/// changed while its pages were read.
const MOST_RESTARTS: usize = 3;

/// One page as read: its items, its cursor, the size of the answer and
/// the version (`ETag`) it came with.
pub(crate) struct ReadPage<T> {
    /// The page.
    pub page: Page<T>,
    /// Bytes of the answer.
    pub bytes: usize,
    /// The answer's `ETag`, if any.
    pub version: Option<String>,
}

/// A versioned list as read: unchanged since the version the client had,
/// or read whole at one version.
pub(crate) enum ListRead<T> {
    /// The portal answered 304 for the version the client had.
    Unchanged,
    /// Every item, all pages at `version` (None: the portal names none).
    Read {
        /// The items, in the portal's order.
        items: Vec<T>,
        /// The list's version, to send next time.
        version: Option<String>,
    },
}

/// What a list has used of its budget so far.
#[derive(Default)]
struct PageBudget {
    pages: usize,
    items: usize,
    bytes: usize,
}

impl PageBudget {
    /// Counts a page; the reason to stop when the list went past a bound.
    fn count(&mut self, items: usize, bytes: usize) -> std::result::Result<(), String> {
        self.pages += 1;
        self.items += items;
        self.bytes += bytes;
        if self.items > MOST_ITEMS {
            Err(text("list-too-many-items", &[("most", MOST_ITEMS.into())]))
        } else if self.pages > MOST_PAGES {
            Err(text("list-too-many-pages", &[("most", MOST_PAGES.into())]))
        } else if self.bytes > MOST_BYTES {
            Err(text(
                "list-too-large",
                &[("megabytes", (MOST_BYTES / (1024 * 1024)).into())],
            ))
        } else {
            Ok(())
        }
    }
}

/// `path?query&cursor=…`, every value URL-encoded (blank values left out).
/// A list's search text as the portal takes it: trimmed and cut to
/// [`SEARCH_MAX_CHARS`](portal_api::limits::SEARCH_MAX_CHARS) characters
/// (a longer search finds what its first 200 characters find).
pub(crate) fn search_text(text: Option<&str>) -> String {
    text.unwrap_or_default()
        .trim()
        .chars()
        .take(portal_api::limits::SEARCH_MAX_CHARS)
        .collect()
}

pub(crate) fn page_path(path: &str, query: &[(&str, String)], cursor: Option<&str>) -> String {
    let mut pairs = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in query.iter().filter(|(_, value)| !value.trim().is_empty()) {
        pairs.append_pair(name, value.trim());
    }
    if let Some(cursor) = cursor {
        pairs.append_pair("cursor", cursor);
    }
    format!("{path}?{}", pairs.finish())
}

impl Session {
    /// Every item of the list at `path` with `query`, following
    /// `next_cursor` page by page.
    pub(crate) async fn all_pages<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Vec<T>> {
        let first = self.read_page(path, query, None).await?;
        self.rest_of_pages(path, query, first).await
    }

    /// The items of `first` and of every page after it.
    pub(crate) async fn rest_of_pages<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        first: ReadPage<T>,
    ) -> Result<Vec<T>> {
        let whole = self.collect_pages(path, query, first, false).await?;
        Ok(whole.unwrap_or_default())
    }

    /// Every item of the versioned list at `path` (a list whose pages all
    /// carry its version as their `ETag`), or `Unchanged` when `known` is
    /// still its version. A list that changes between two pages is read
    /// again from its start, so no item is missed or read twice; one that
    /// keeps changing is given up on with a reason.
    pub(crate) async fn versioned_pages<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        known: Option<&str>,
    ) -> Result<ListRead<T>> {
        for _ in 0..MOST_RESTARTS {
            let Some(first) = self.first_page_unless(path, query, known).await? else {
                return Ok(ListRead::Unchanged);
            };
            let version = first.version.clone();
            match self.collect_pages(path, query, first, true).await? {
                Some(items) => return Ok(ListRead::Read { items, version }),
                None => {
                    tracing::debug!(path, "the list changed while it was read; reading it again")
                }
            }
        }
        Err(self.endless_list(text(
            "list-always-changing",
            &[("times", MOST_RESTARTS.into())],
        )))
    }

    /// The items of `first` and of every page after it: the one paging
    /// loop. With `same_version`, `None` as soon as a page carries another
    /// version than `first` (the list changed while it was read).
    async fn collect_pages<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        first: ReadPage<T>,
        same_version: bool,
    ) -> Result<Option<Vec<T>>> {
        let version = first.version.clone();
        let mut budget = PageBudget::default();
        let mut items = Vec::new();
        let mut read = first;
        loop {
            budget
                .count(read.page.items.len(), read.bytes)
                .map_err(|what| self.endless_list(what))?;
            items.extend(read.page.items);
            let Some(next) = read.page.next_cursor else {
                return Ok(Some(items));
            };
            read = self.read_page(path, query, Some(&next)).await?;
            if same_version && read.version != version {
                return Ok(None);
            }
            if read.page.next_cursor.as_deref() == Some(next.as_str()) {
                return Err(self.endless_list(text("list-same-page-again", &[])));
            }
        }
    }

    /// The first page of the list at `path`, sent with `If-None-Match:
    /// known`; `None` when the portal answers 304 for it (the copy with
    /// that version is current).
    pub(crate) async fn first_page_unless<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        known: Option<&str>,
    ) -> Result<Option<ReadPage<T>>> {
        let first_path = page_path(path, query, None);
        let response = self
            .send_authorized(|| {
                let request = ApiRequest::new(Method::GET, &first_path);
                match known {
                    Some(version) => request.header(IF_NONE_MATCH, version),
                    None => Ok(request),
                }
            })
            .await?;
        if response.status() == StatusCode::NOT_MODIFIED && known.is_some() {
            return Ok(None);
        }
        self.page_of(response).await.map(Some)
    }

    /// One page of the list at `path`.
    pub(crate) async fn read_page<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        cursor: Option<&str>,
    ) -> Result<ReadPage<T>> {
        let path = page_path(path, query, cursor);
        let response = self
            .send_authorized(|| Ok(ApiRequest::new(Method::GET, &path)))
            .await?;
        self.page_of(response).await
    }

    /// A page answer read: the page, its size and its version.
    pub(crate) async fn page_of<T: DeserializeOwned>(
        &self,
        response: reqwest::Response,
    ) -> Result<ReadPage<T>> {
        let version = etag_of(&response);
        let (page, bytes) = self.http.read_json_sized(response).await?;
        Ok(ReadPage {
            page,
            bytes,
            version,
        })
    }

    fn endless_list(&self, what: String) -> Error {
        Error::NotAPortal {
            origin: self.http.portal().origin(),
            what,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_trimmed_and_bounded() {
        assert_eq!(search_text(None), "");
        assert_eq!(search_text(Some("  é a ")), "é a");
        let long = format!(" {}", "é".repeat(250));
        assert_eq!(search_text(Some(&long)).chars().count(), 200);
    }

    #[test]
    fn cursors_and_values_are_encoded() {
        assert_eq!(
            page_path(
                "/api/v1/tickets",
                &[
                    ("limit", "200".into()),
                    ("q", " a&b=c ".into()),
                    ("status", " ".into())
                ],
                Some("x&admin=1#frag"),
            ),
            "/api/v1/tickets?limit=200&q=a%26b%3Dc&cursor=x%26admin%3D1%23frag"
        );
    }

    #[test]
    fn the_budget_stops_long_lists_many_pages_and_big_answers() {
        let mut budget = PageBudget::default();
        assert!(budget.count(MOST_ITEMS, 10).is_ok());
        assert!(budget.count(1, 10).unwrap_err().contains("items"));
        let mut budget = PageBudget::default();
        for _ in 0..MOST_PAGES {
            budget.count(0, 10).unwrap();
        }
        assert!(budget.count(0, 10).unwrap_err().contains("pages"));
        let mut budget = PageBudget::default();
        assert!(budget.count(1, MOST_BYTES + 1).unwrap_err().contains("MB"));
    }
}
