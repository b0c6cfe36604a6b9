//! The knowledge base kept in the account's store: synced whole (an
//! unchanged base costs one request answered 304), its images kept by
//! digest after checking them, and searched offline with the portal's own
//! matching rules (`portal_api::kb`).

use portal_api::kb::{KbArticle, KbCategory, KbHit, KbImage, KbVote, KbVoteCount};
use portal_api::paths;
use portal_i18n::text;
use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::http::ApiRequest;
use crate::pages::ListRead;
use crate::session::Session;

/// Largest image of an article that is kept.
pub const KB_IMAGE_MAX_BYTES: usize = 10 * 1024 * 1024;

/// What a sync of the knowledge base did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KbSync {
    /// False when the kept copy was current (one 304).
    pub changed: bool,
    /// Articles kept now.
    pub articles: usize,
    /// Images fetched by this sync.
    pub images_fetched: usize,
    /// Images not kept, each named with its article and why.
    pub images_refused: Vec<String>,
}

/// An image as kept: its media type (checked against its bytes) and bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct KeptImage {
    /// `image/png`, `image/jpeg`, `image/gif` or `image/webp`.
    pub media_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for KeptImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptImage")
            .field("media_type", &self.media_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// The media type of an image's bytes, from their first bytes: PNG, JPEG,
/// GIF or WebP, the kinds a page may show; `None` for anything else (an
/// SVG, which can carry script, or a page dressed up as an image).
pub fn image_media_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Articles asked for per page (the portal's largest page).
const PAGE_LIMIT: &str = "200";

impl Session {
    /// Brings the kept knowledge base up to date: one request when it is
    /// current; otherwise every article (read again from the start should
    /// the base change while it is read), the categories, and the images
    /// not kept yet, each checked (size, digest, kind) before it is kept.
    pub async fn sync_knowledge_base(&self) -> Result<KbSync> {
        let known = self.store.kb_version()?;
        let query = [("limit", PAGE_LIMIT.to_owned())];
        let read = self
            .versioned_pages::<KbArticle>(paths::KB_ARTICLES, &query, known.as_deref())
            .await?;
        let (articles, version) = match read {
            ListRead::Unchanged => {
                self.store.mark_kb_synced()?;
                return Ok(KbSync {
                    changed: false,
                    articles: self.store.kb_article_count()?,
                    images_fetched: 0,
                    images_refused: Vec::new(),
                });
            }
            ListRead::Read { items, version } => (each_once(items), version),
        };
        let categories: Vec<KbCategory> = {
            let response = self
                .send_authorized(|| Ok(ApiRequest::new(Method::GET, paths::KB_CATEGORIES)))
                .await?;
            if !response.status().is_success() {
                return Err(self.http.error_from(response).await);
            }
            self.http.read_json(response).await?
        };
        let mut images_fetched = 0;
        let mut images_refused = Vec::new();
        for article in &articles {
            for image in &article.images {
                let sha256 = image.sha256.to_ascii_lowercase();
                if self.store.has_kb_image(&sha256)? {
                    continue;
                }
                match self.fetch_kb_image(image, &sha256).await? {
                    Ok(kept) => {
                        self.store.keep_kb_image(&sha256, &kept)?;
                        images_fetched += 1;
                    }
                    Err(reason) => images_refused
                        .push(format!("{} in \"{}\": {reason}", image.name, article.title)),
                }
            }
        }
        self.store
            .replace_kb(&articles, &categories, version.as_deref())?;
        Ok(KbSync {
            changed: true,
            articles: articles.len(),
            images_fetched,
            images_refused,
        })
    }

    /// One image's bytes if they are what the article lists (size and
    /// digest, at most [`KB_IMAGE_MAX_BYTES`], an image kind a page may
    /// show); the reason otherwise.
    async fn fetch_kb_image(
        &self,
        image: &KbImage,
        sha256: &str,
    ) -> Result<std::result::Result<KeptImage, String>> {
        let listed = usize::try_from(image.size).unwrap_or(usize::MAX);
        if listed > KB_IMAGE_MAX_BYTES {
            return Ok(Err(text(
                "kb-image-too-large",
                &[("megabytes", (KB_IMAGE_MAX_BYTES / 1024 / 1024).into())],
            )));
        }
        let path = paths::kb_image_path(image.id);
        let response = self
            .send_authorized(|| Ok(ApiRequest::new(Method::GET, &path)))
            .await?;
        match response.status() {
            status if status.is_success() => {}
            StatusCode::NOT_FOUND => return Ok(Err(text("kb-image-gone", &[]))),
            _ => return Err(self.http.error_from(response).await),
        }
        let declared = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = match self.http.read_bytes(response, listed).await {
            Ok(bytes) => bytes,
            Err(Error::NotAPortal { .. }) => {
                return Ok(Err(text("kb-image-more-bytes", &[])));
            }
            Err(error) => return Err(error),
        };
        if hex::encode(Sha256::digest(&bytes)) != sha256 {
            return Ok(Err(text("kb-image-other-bytes", &[])));
        }
        match image_media_type(&bytes) {
            Some(media_type) => Ok(Ok(KeptImage {
                media_type: media_type.to_owned(),
                bytes,
            })),
            None => Ok(Err(text(
                "kb-image-not-an-image",
                &[("declared", declared.into())],
            ))),
        }
    }

    /// The kept categories, without the network; `None` before a sync.
    pub fn kept_kb_categories(&self) -> Result<Option<Vec<KbCategory>>> {
        self.store.kb_categories()
    }

    /// Kept articles with every word of `text`, best first (all, by
    /// title, for no words), of `category` and with `tag` when given.
    pub fn search_kept_kb(
        &self,
        text: &str,
        category: Option<i64>,
        tag: Option<&str>,
    ) -> Result<Vec<KbHit>> {
        self.store.kb_search(
            portal_api::kb::kb_match_query(text, false).as_deref(),
            category,
            tag,
            50,
        )
    }

    /// Up to five kept articles related to a ticket's `subject`: those the
    /// user found helpful first, never one they said did not help.
    pub fn suggest_kept_kb(&self, subject: &str) -> Result<Vec<KbHit>> {
        match portal_api::kb::kb_match_query(subject, true) {
            Some(query) => self
                .store
                .kb_suggest(&query, portal_api::kb::KB_SUGGESTIONS_MAX),
            None => Ok(Vec::new()),
        }
    }

    /// Sends "Was this helpful?" for article `id` and keeps the answer on
    /// this computer (it orders the suggestions); answers the article's
    /// counts. An article the portal no longer has is
    /// [`Error::NotFound`].
    pub async fn vote_kb_article(&self, id: i64, helpful: bool) -> Result<KbVoteCount> {
        let path = paths::kb_article_vote_path(id);
        let response = self
            .send_authorized(|| ApiRequest::new(Method::PUT, &path).json(&KbVote { helpful }))
            .await?;
        if !response.status().is_success() {
            return Err(self.http.error_from(response).await);
        }
        let counts: KbVoteCount = self.http.read_json(response).await?;
        self.store.record_kb_vote(id, helpful)?;
        Ok(counts)
    }

    /// Keeps the user's answer for article `id` on this computer only (it
    /// waits in the outbox to be sent).
    pub fn record_kb_vote(&self, id: i64, helpful: bool) -> Result<()> {
        self.store.record_kb_vote(id, helpful)
    }

    /// The user's answer for article `id`, as kept on this computer.
    pub fn kept_kb_vote(&self, id: i64) -> Result<Option<bool>> {
        self.store.kb_vote(id)
    }

    /// How many articles are kept.
    pub fn kept_kb_article_count(&self) -> Result<usize> {
        self.store.kb_article_count()
    }

    /// A kept article, whole.
    pub fn kept_kb_article(&self, id: i64) -> Result<Option<KbArticle>> {
        self.store.kb_article(id)
    }

    /// A kept image, by the digest its article lists.
    pub fn kept_kb_image(&self, sha256: &str) -> Result<Option<KeptImage>> {
        self.store.kb_image(&sha256.to_ascii_lowercase())
    }
}

/// Each article once, where it is first listed.
fn each_once(articles: Vec<KbArticle>) -> Vec<KbArticle> {
    let mut seen = std::collections::HashSet::new();
    articles
        .into_iter()
        .filter(|article| seen.insert(article.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_image_kinds_a_page_may_show_are_recognised_by_their_bytes() {
        assert_eq!(
            image_media_type(b"\x89PNG\r\n\x1a\n...."),
            Some("image/png")
        );
        assert_eq!(image_media_type(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(image_media_type(b"GIF89a.."), Some("image/gif"));
        assert_eq!(
            image_media_type(b"RIFF\0\0\0\0WEBPVP8 "),
            Some("image/webp")
        );
        assert_eq!(image_media_type(b"<svg onload=alert(1)>"), None);
        assert_eq!(image_media_type(b"<html><script>"), None);
        assert_eq!(image_media_type(b""), None);
    }
}
