//! The Knowledge Base screen's use cases: the base synced to the account's
//! store and read from there (so it answers offline), articles as
//! sanitised HTML whose images come from the kept copies, and suggestions
//! for a new ticket's subject.

use portal_api::kb::{KbCategory, KbHit};
use portal_client::kb::KeptImage;
use portal_client::kb_html::article_html;
use portal_client::{Error, Result};
use portal_i18n::text;
use serde::Serialize;

use crate::desk::Desk;
use crate::desk::outbox::{keep_in_place_of, waiting_change, waiting_notice, withdraw_superseded};
use portal_client::outbox::OutboxChange;
use portal_client::session::Session;

/// The Knowledge Base screen's frame: the categories and how fresh the
/// kept copy is.
#[derive(Debug, Clone, Serialize)]
pub struct KnowledgeBaseView {
    /// The categories with their sections.
    pub categories: Vec<KbCategory>,
    /// Articles kept on this computer.
    pub articles: usize,
    /// Set when the portal could not be reached and the kept copy is shown.
    pub offline: Option<String>,
    /// Images the last sync did not keep, each with why.
    pub images_refused: Vec<String>,
}

/// One article, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct KbArticleView {
    /// The article's id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Where it is filed: "Category › Section".
    pub place: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
    /// Its body as sanitised HTML; images from the kept copies only.
    pub html: String,
    /// The user's "Was this helpful?" answer, as kept on this computer.
    pub vote: Option<bool>,
    /// True while that answer waits in the outbox.
    pub vote_waiting: bool,
}

/// What became of a "Was this helpful?" answer.
#[derive(Debug, Clone, Serialize)]
pub struct KbVoteView {
    /// The answer.
    pub helpful: bool,
    /// How many found the article helpful, when the portal answered.
    pub helpful_count: Option<i64>,
    /// How many did not, when the portal answered.
    pub not_helpful_count: Option<i64>,
    /// "Saved in the outbox: …" when the portal could not be reached.
    pub queued: Option<String>,
}

impl Desk {
    /// Syncs the knowledge base (one request when unchanged) and answers
    /// its frame; offline, the kept copy with a word saying so (an error
    /// only when nothing was ever kept).
    pub async fn load_knowledge_base(&self) -> Result<KnowledgeBaseView> {
        let session = self.session().await?;
        let (offline, images_refused) = match session.sync_knowledge_base().await {
            Ok(sync) => (None, sync.images_refused),
            Err(error) if error.is_offline() => (Some(error), Vec::new()),
            Err(error) => return Err(error),
        };
        let kept = session.kept_kb_categories()?;
        let offline = match (&kept, offline) {
            // Offline before the first sync: nothing to show but why.
            (None, Some(error)) => return Err(error),
            (_, offline) => offline.map(|_| {
                text(
                    "desk-kb-offline",
                    &[("portal", (&session.account().portal_url).into())],
                )
            }),
        };
        Ok(KnowledgeBaseView {
            categories: kept.unwrap_or_default(),
            articles: session.kept_kb_article_count()?,
            offline,
            images_refused,
        })
    }

    /// Kept articles with every word of `text` (all, by title, for none),
    /// of `category` and with `tag` when given, best first.
    pub async fn search_knowledge_base(
        &self,
        text: &str,
        category: Option<i64>,
        tag: Option<&str>,
    ) -> Result<Vec<KbHit>> {
        self.session().await?.search_kept_kb(text, category, tag)
    }

    /// Up to five kept articles related to a new ticket's `subject`.
    pub async fn suggest_kb_articles(&self, subject: &str) -> Result<Vec<KbHit>> {
        self.session().await?.suggest_kept_kb(subject)
    }

    /// A kept article as sanitised HTML.
    pub async fn open_kb_article(&self, id: i64) -> Result<KbArticleView> {
        let session = self.session().await?;
        let article = session
            .kept_kb_article(id)?
            .ok_or_else(|| article_not_kept(id))?;
        let place = article.place_line(&session.kept_kb_categories()?.unwrap_or_default());
        let html = article_html(&article.body, &article.images, |image| {
            let sha256 = image.sha256.to_ascii_lowercase();
            session
                .kept_kb_image(&sha256)
                .ok()
                .flatten()
                .map(|_| kept_image_url(&sha256))
        });
        Ok(KbArticleView {
            id: article.id,
            title: article.title,
            place,
            tags: article.tags,
            updated_at: article
                .updated_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            html,
            vote: session.kept_kb_vote(id)?,
            vote_waiting: waiting_vote(&session, id)?.is_some(),
        })
    }

    /// Answers "Was this helpful?" for kept article `id`. When the portal
    /// cannot be reached the answer is kept in the outbox (in place of an
    /// earlier one for the article) and shown at once.
    pub async fn vote_kb_article(&self, id: i64, helpful: bool) -> Result<KbVoteView> {
        let session = self.session().await?;
        let article = session
            .kept_kb_article(id)?
            .ok_or_else(|| article_not_kept(id))?;
        match session.vote_kb_article(id, helpful).await {
            Ok(counts) => {
                withdraw_superseded(
                    &session,
                    |change| matches!(change, OutboxChange::KbVote { article_id, .. } if *article_id == id),
                )?;
                Ok(KbVoteView {
                    helpful,
                    helpful_count: Some(counts.helpful_count),
                    not_helpful_count: Some(counts.not_helpful_count),
                    queued: None,
                })
            }
            Err(error) if error.is_offline() => {
                let change = OutboxChange::KbVote {
                    article_id: id,
                    title: article.title,
                    helpful,
                };
                keep_in_place_of(&session, waiting_vote(&session, id)?, change)?;
                session.record_kb_vote(id, helpful)?;
                Ok(KbVoteView {
                    helpful,
                    helpful_count: None,
                    not_helpful_count: None,
                    queued: Some(waiting_notice(&session)),
                })
            }
            Err(error) => Err(error),
        }
    }

    /// Opens a link of an article after the user clicked it: a web address
    /// (http, https) in the system browser, an e-mail address (mailto) as a
    /// new message in the system's e-mail program. Anything else is refused.
    /// The opening runs beside the app's threads: a browser command may not
    /// return at once.
    pub async fn open_kb_link(&self, address: &str) -> Result<()> {
        let link = ArticleLink::parse(address)?;
        tokio::task::spawn_blocking(move || link.open())
            .await
            .map_err(link_not_opened)?
    }

    /// A kept knowledge-base image of the shown account, by digest.
    pub async fn kept_kb_image(&self, sha256: &str) -> Option<KeptImage> {
        let session = self.session().await.ok()?;
        session.kept_kb_image(sha256).ok().flatten()
    }
}

/// A link of an article that may be opened from the app.
#[derive(Debug, PartialEq, Eq)]
enum ArticleLink {
    /// An http or https address, for the browser.
    Web(url::Url),
    /// A mailto address with an addressee, for the e-mail program.
    Mail(url::Url),
}

impl ArticleLink {
    /// The link `address` is, when the app opens such links.
    fn parse(address: &str) -> Result<Self> {
        match url::Url::parse(address) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(Self::Web(url)),
            Ok(url) if url.scheme() == "mailto" && !url.path().is_empty() => Ok(Self::Mail(url)),
            _ => Err(Error::Validation {
                message: text("desk-kb-only-web-links", &[]),
                fields: Vec::new(),
            }),
        }
    }

    /// Opens the link with the program the system has for it (blocks until
    /// that program is started).
    fn open(self) -> Result<()> {
        match self {
            Self::Web(url) => portal_client::sso::open_in_browser(url.as_str()),
            // `open` starts the system's handler for mailto (xdg-open,
            // ShellExecute, Launch Services) with the address as one
            // argument, never through a shell.
            Self::Mail(url) => open::that_detached(url.as_str()).map_err(link_not_opened),
        }
    }
}

/// No program of the system took a link: a desktop failure, as for the
/// other things the app hands to the system; why is logged.
fn link_not_opened(reason: impl std::fmt::Display) -> Error {
    tracing::warn!(%reason, "an article's link was not opened");
    Error::Desktop(text("desk-kb-link-not-opened", &[]))
}

/// The outbox item holding an answer for article `id`, if one waits.
fn waiting_vote(session: &Session, id: i64) -> Result<Option<i64>> {
    waiting_change(session, |change| match change {
        OutboxChange::KbVote { article_id, .. } if *article_id == id => Some(()),
        _ => None,
    })
    .map(|found| found.map(|(item, _, _)| item))
}

/// The address of a kept knowledge-base image under the app's `pdfile`
/// scheme, as each OS's webview names custom schemes.
pub fn kept_image_url(sha256: &str) -> String {
    if cfg!(windows) {
        format!("http://pdfile.localhost/kb/{sha256}")
    } else {
        format!("pdfile://localhost/kb/{sha256}")
    }
}

/// The error for article `id` missing from the copy kept on this computer.
fn article_not_kept(id: i64) -> Error {
    Error::local(text(
        "desk-kb-article-not-kept",
        &[("id", id.to_string().into())],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_and_mail_links_open_and_nothing_else() {
        let web = ArticleLink::parse("https://status.example.com/today").unwrap();
        assert!(matches!(web, ArticleLink::Web(_)), "{web:?}");
        assert!(matches!(
            ArticleLink::parse("http://example.com/").unwrap(),
            ArticleLink::Web(_)
        ));
        let mail = ArticleLink::parse("mailto:help@example.com?subject=Invoice").unwrap();
        assert_eq!(
            mail,
            ArticleLink::Mail(url::Url::parse("mailto:help@example.com?subject=Invoice").unwrap())
        );
        for refused in [
            "mailto:",
            "mailto:?subject=no%20addressee",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "pdfile://localhost/kb/00",
            "data:text/html,hi",
            "not a link",
            "",
        ] {
            assert!(
                matches!(ArticleLink::parse(refused), Err(Error::Validation { .. })),
                "{refused}"
            );
        }
    }
}
