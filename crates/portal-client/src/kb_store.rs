//! The knowledge base's tables in an account's [`LocalStore`]: articles
//! with a full-text index, images by digest, the version the copy is of.

use portal_api::kb::{KB_RANK_SQL, KB_SNIPPET_SQL, KbArticle, KbCategory, KbHit};
use rusqlite::{OptionalExtension, params};

use crate::error::{Error, Result};
use crate::kb::KeptImage;
use crate::local_store::LocalStore;

impl LocalStore {
    /// The version of the kept knowledge base, if one is kept.
    pub fn kb_version(&self) -> Result<Option<String>> {
        let version = self
            .lock()
            .query_row("SELECT version FROM kb_state WHERE id = 1", [], |row| {
                row.get::<_, Option<String>>(0)
            })
            .optional()
            .map_err(Error::local_source)?;
        Ok(version.flatten())
    }

    /// Records that the portal just confirmed the kept copy current.
    pub fn mark_kb_synced(&self) -> Result<()> {
        self.lock()
            .execute(
                "UPDATE kb_state SET synced_at = ?1 WHERE id = 1",
                [time::OffsetDateTime::now_utc().unix_timestamp()],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    /// Replaces the kept knowledge base with `articles` and `categories`
    /// at `version`, in one transaction (a failure keeps the old copy
    /// whole), and lets go of images no article shows any more.
    pub fn replace_kb(
        &self,
        articles: &[KbArticle],
        categories: &[KbCategory],
        version: Option<&str>,
    ) -> Result<()> {
        let mut conn = self.lock();
        let tx = conn.transaction().map_err(Error::local_source)?;
        let write = || -> rusqlite::Result<()> {
            tx.execute("DELETE FROM kb_articles", [])?;
            let mut insert = tx.prepare(
                "INSERT INTO kb_articles (id, category_id, title, body, tags, article)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for article in articles {
                insert.execute(params![
                    article.id,
                    article.category_id,
                    article.title,
                    article.body,
                    serde_json::to_string(&article.tags).unwrap_or_default(),
                    serde_json::to_string(article).unwrap_or_default(),
                ])?;
            }
            tx.execute(
                "INSERT INTO kb_state (id, version, categories, synced_at) VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET version = excluded.version,
                     categories = excluded.categories, synced_at = excluded.synced_at",
                params![
                    version,
                    serde_json::to_string(categories).unwrap_or_default(),
                    time::OffsetDateTime::now_utc().unix_timestamp()
                ],
            )?;
            tx.execute(
                "DELETE FROM kb_images WHERE sha256 NOT IN (
                     SELECT lower(json_extract(image.value, '$.sha256'))
                     FROM kb_articles, json_each(kb_articles.article, '$.images') AS image)",
                [],
            )?;
            Ok(())
        };
        write().map_err(Error::local_source)?;
        tx.commit().map_err(Error::local_source)
    }

    /// How many articles are kept.
    pub fn kb_article_count(&self) -> Result<usize> {
        let count: i64 = self
            .lock()
            .query_row("SELECT COUNT(*) FROM kb_articles", [], |row| row.get(0))
            .map_err(Error::local_source)?;
        Ok(usize::try_from(count).unwrap_or_default())
    }

    /// The kept categories; `None` before the first sync.
    pub fn kb_categories(&self) -> Result<Option<Vec<KbCategory>>> {
        let text: Option<String> = self
            .lock()
            .query_row("SELECT categories FROM kb_state WHERE id = 1", [], |row| {
                row.get(0)
            })
            .optional()
            .map_err(Error::local_source)?;
        text.map(|text| serde_json::from_str(&text).map_err(Error::local_source))
            .transpose()
    }

    /// Kept articles matching the FTS5 `query` (every article, by title,
    /// for none), of `category` and with `tag`, best first, at most `most`.
    pub fn kb_search(
        &self,
        query: Option<&str>,
        category: Option<i64>,
        tag: Option<&str>,
        most: usize,
    ) -> Result<Vec<KbHit>> {
        let filters = "(?2 IS NULL OR a.category_id = ?2)
             AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(a.tags) WHERE json_each.value = ?3))";
        let sql = match query {
            None => format!(
                "SELECT a.id, a.title, a.category_id, a.tags, substr(a.body, 1, 160)
                 FROM kb_articles a WHERE ?1 IS NULL AND {filters} ORDER BY a.title LIMIT ?4"
            ),
            Some(_) => format!(
                "SELECT a.id, a.title, a.category_id, a.tags, {KB_SNIPPET_SQL}
                 FROM kb_search JOIN kb_articles a ON a.id = kb_search.rowid
                 WHERE kb_search MATCH ?1 AND {filters} ORDER BY {KB_RANK_SQL} LIMIT ?4"
            ),
        };
        self.kb_hits(&sql, params![query, category, tag, limit(most)])
    }

    /// Kept articles matching the FTS5 `query` for a suggestion: those the
    /// user found helpful first, then the best matches; never one the
    /// user said did not help.
    pub fn kb_suggest(&self, query: &str, most: usize) -> Result<Vec<KbHit>> {
        let sql = format!(
            "SELECT a.id, a.title, a.category_id, a.tags, {KB_SNIPPET_SQL}
             FROM kb_search JOIN kb_articles a ON a.id = kb_search.rowid
             LEFT JOIN kb_votes v ON v.article_id = a.id
             WHERE kb_search MATCH ?1 AND COALESCE(v.helpful, 1) = 1
             ORDER BY v.helpful IS NULL, {KB_RANK_SQL} LIMIT ?2"
        );
        self.kb_hits(&sql, params![query, limit(most)])
    }

    fn kb_hits(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<KbHit>> {
        let conn = self.lock();
        let mut statement = conn.prepare(sql).map_err(Error::local_source)?;
        let hits = statement
            .query_map(params, |row| {
                Ok(KbHit::from_stored(
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    &row.get::<_, String>(3)?,
                    &row.get::<_, String>(4)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(Error::local_source)?;
        Ok(hits)
    }

    /// Keeps the user's "Was this helpful?" answer for article `id`.
    pub fn record_kb_vote(&self, id: i64, helpful: bool) -> Result<()> {
        self.lock()
            .execute(
                "INSERT INTO kb_votes (article_id, helpful) VALUES (?1, ?2)
                 ON CONFLICT (article_id) DO UPDATE SET helpful = excluded.helpful",
                params![id, helpful],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    /// The user's kept answer for article `id`.
    pub fn kb_vote(&self, id: i64) -> Result<Option<bool>> {
        self.lock()
            .query_row(
                "SELECT helpful FROM kb_votes WHERE article_id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()
            .map_err(Error::local_source)
    }

    /// A kept article, whole.
    pub fn kb_article(&self, id: i64) -> Result<Option<KbArticle>> {
        let text: Option<String> = self
            .lock()
            .query_row(
                "SELECT article FROM kb_articles WHERE id = ?1",
                [id],
                |row| row.get(0),
            )
            .optional()
            .map_err(Error::local_source)?;
        text.map(|text| serde_json::from_str(&text).map_err(Error::local_source))
            .transpose()
    }

    /// Every kept article, whole, by id.
    pub fn kb_articles(&self) -> Result<Vec<KbArticle>> {
        self.json_rows("SELECT article FROM kb_articles ORDER BY id", [])
    }

    /// Whether an image with this digest is kept.
    pub fn has_kb_image(&self, sha256: &str) -> Result<bool> {
        Ok(self
            .lock()
            .query_row(
                "SELECT 1 FROM kb_images WHERE sha256 = ?1",
                [sha256],
                |_| Ok(()),
            )
            .optional()
            .map_err(Error::local_source)?
            .is_some())
    }

    /// Keeps a checked image under its digest.
    pub fn keep_kb_image(&self, sha256: &str, image: &KeptImage) -> Result<()> {
        self.lock()
            .execute(
                "INSERT OR REPLACE INTO kb_images (sha256, media_type, bytes) VALUES (?1, ?2, ?3)",
                params![sha256, image.media_type, image.bytes],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    /// A kept image by digest.
    pub fn kb_image(&self, sha256: &str) -> Result<Option<KeptImage>> {
        self.lock()
            .query_row(
                "SELECT media_type, bytes FROM kb_images WHERE sha256 = ?1",
                [sha256],
                |row| {
                    Ok(KeptImage {
                        media_type: row.get(0)?,
                        bytes: row.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(Error::local_source)
    }
}

/// A row limit as SQLite takes it.
fn limit(most: usize) -> i64 {
    i64::try_from(most).unwrap_or(50)
}
