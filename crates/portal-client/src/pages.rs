//! Lists the portal answers in cursor pages, read whole.

use portal_api::roles::Page;
use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::error::Result;
use crate::http::ApiRequest;
use crate::session::Session;

/// Stop following cursors past this many items (a portal that never ends
/// its list must not exhaust memory).
const MOST_ITEMS: usize = 100_000;

impl Session {
    /// Every item of the list at `path` with `query` (blank values left
    /// out), following `next_cursor` page by page.
    pub(crate) async fn all_pages<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<Vec<T>> {
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            // The serializer is not Send: it must not live across the await.
            let page_path = {
                let mut pairs = url::form_urlencoded::Serializer::new(String::new());
                for (name, value) in query.iter().filter(|(_, value)| !value.trim().is_empty()) {
                    pairs.append_pair(name, value.trim());
                }
                if let Some(cursor) = &cursor {
                    pairs.append_pair("cursor", cursor);
                }
                format!("{path}?{}", pairs.finish())
            };
            let response = self
                .send_authorized(|| Ok(ApiRequest::new(Method::GET, &page_path)))
                .await?;
            let page: Page<T> = self.http.read_json(response).await?;
            items.extend(page.items);
            match page.next_cursor {
                Some(next) if items.len() < MOST_ITEMS => cursor = Some(next),
                _ => return Ok(items),
            }
        }
    }
}
