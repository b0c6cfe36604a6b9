//! The knowledge base: `GET /api/v1/kb/categories`, the articles whole in
//! versioned pages (a client keeps a copy and re-syncs an unchanged base
//! with one 304), one article, its images, full-text search, suggestions
//! for a ticket's subject, and "Was this helpful?" votes.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use portal_api::kb::{
    KB_QUERY_MAX_CHARS, KB_RANK_SQL, KB_SNIPPET_SQL, KB_SUGGESTIONS_MAX, KbArticle, KbCategory,
    KbHit, KbImage, KbSection, KbVote, KbVoteCount, kb_match_query,
};
use portal_api::problem::{Problem, codes};
use portal_api::roles::Page;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Deserialize;

use crate::AppState;
use crate::bearer::AuthUser;
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::paging::IdPageQuery;
use crate::store::tickets::timestamp;
use crate::versions::{ListCounter, list_version, stored_file_answer, versioned_page};

/// Most hits a search answers.
const SEARCH_HITS_MAX: usize = 50;

/// A search of the knowledge base.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find (every one, each also as the start of a longer word),
    /// at most 200 characters.
    #[param(max_length = 200)]
    pub q: Option<String>,
    /// Only articles of this category.
    pub category: Option<i64>,
    /// Only articles with this tag.
    #[param(max_length = 200)]
    pub tag: Option<String>,
}

/// A ticket subject to suggest articles for.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestionsQuery {
    /// The subject as typed so far, at most 200 characters.
    #[param(max_length = 200)]
    pub subject: String,
}

/// The categories and their sections, in display order; versioned with
/// the articles.
#[utoipa::path(get, path = "/api/v1/kb/categories", tag = "knowledge base",
    security(("bearer" = [])),
    params(("If-None-Match" = Option<String>, Header, description = "The knowledge base's version the client has")),
    responses(
        (status = 200, description = "Every category with its sections; the ETag is the knowledge base's version", body = Vec<KbCategory>, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the version in If-None-Match", headers(("ETag" = String))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn kb_categories(
    State(state): State<Arc<AppState>>,
    _user: AuthUser,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    state
        .db
        .run(move |conn| {
            let version = list_version(conn, ListCounter::KnowledgeBase, "categories")?;
            versioned_page(&headers, &version, true, || categories(conn))
        })
        .await
}

/// Every article, whole (body, tags, images), in pages by id. Every page
/// answers the knowledge base's version as its `ETag`; the first page with
/// `If-None-Match` naming it gets a 304.
#[utoipa::path(get, path = "/api/v1/kb/articles", tag = "knowledge base",
    security(("bearer" = [])),
    params(IdPageQuery, ("If-None-Match" = Option<String>, Header, description = "The knowledge base's version the client has (first page only)")),
    responses(
        (status = 200, description = "A page of articles by id; the ETag is the knowledge base's version", body = Page<KbArticle>, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the version in If-None-Match", headers(("ETag" = String))),
        (status = 400, description = "Bad limit or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn kb_articles(
    State(state): State<Arc<AppState>>,
    _user: AuthUser,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<IdPageQuery>,
) -> Result<Response, ApiError> {
    let (page, after) = query.page_after_id()?;
    state
        .db
        .run(move |conn| {
            let version = list_version(conn, ListCounter::KnowledgeBase, "articles")?;
            versioned_page(&headers, &version, query.is_first(), || {
                let mut items = articles(
                    conn,
                    "a.id > ?1 ORDER BY a.id LIMIT ?2",
                    params![after, page.fetch()],
                )?;
                let next_cursor = page.finish_after(&mut items, |article| article.id.to_string());
                Ok(Page { items, next_cursor })
            })
        })
        .await
}

/// One article, whole.
#[utoipa::path(get, path = "/api/v1/kb/articles/{id}", tag = "knowledge base",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The article's id")),
    responses(
        (status = 200, description = "The article", body = KbArticle),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such article", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn kb_article(
    State(state): State<Arc<AppState>>,
    _user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<KbArticle>, ApiError> {
    state
        .db
        .run(move |conn| {
            articles(conn, "a.id = ?1", params![id])?
                .pop()
                .map(Json)
                .ok_or_else(no_article)
        })
        .await
}

/// An image an article shows, in the media type it was published with
/// (`nosniff`, and a CSP that runs nothing should it be opened as a page).
#[utoipa::path(get, path = "/api/v1/kb/images/{id}", tag = "knowledge base",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The image's id"), ("If-None-Match" = Option<String>, Header, description = "ETag of a kept copy")),
    responses(
        (status = 200, description = "The image's bytes; the ETag is their SHA-256", content_type = "*/*", headers(("ETag" = String))),
        (status = 304, description = "The kept copy is current"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such image", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn kb_image(
    State(state): State<Arc<AppState>>,
    _user: AuthUser,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let stored: Option<(String, Vec<u8>, String)> = state
        .db
        .run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT media_type, bytes, sha256 FROM kb_images WHERE id = ?1",
                    [id],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?)
        })
        .await?;
    let (media_type, bytes, sha256) = stored.ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            "There is no such image.",
        )
    })?;
    let mut response = stored_file_answer(&headers, &format!("\"{sha256}\""), &media_type, bytes)?;
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(response)
}

/// Articles with every word of `q` (a word also matches the start of a
/// longer one), best first: a match in the title counts most, then the
/// tags, then the body. With no words, every article of the filters, by
/// title.
#[utoipa::path(get, path = "/api/v1/kb/search", tag = "knowledge base",
    security(("bearer" = [])),
    params(SearchQuery),
    responses(
        (status = 200, description = "Up to 50 articles, best first", body = Vec<KbHit>),
        (status = 400, description = "Text over 200 characters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn kb_search(
    State(state): State<Arc<AppState>>,
    _user: AuthUser,
    ApiQuery(query): ApiQuery<SearchQuery>,
) -> Result<Json<Vec<KbHit>>, ApiError> {
    let text = query.q.as_deref().unwrap_or_default();
    if text.chars().count() > KB_QUERY_MAX_CHARS
        || query
            .tag
            .as_ref()
            .is_some_and(|tag| tag.chars().count() > KB_QUERY_MAX_CHARS)
    {
        return Err(too_long());
    }
    let terms = kb_match_query(text, false).unwrap_or_default();
    state
        .db
        .run(move |conn| {
            let hits = hits(
                conn,
                &terms,
                query.category,
                query.tag.as_deref(),
                SEARCH_HITS_MAX,
            )?;
            Ok(Json(hits))
        })
        .await
}

/// Up to five articles related to a ticket's subject as typed so far: any
/// of its words of three letters or more, best first.
#[utoipa::path(get, path = "/api/v1/kb/suggestions", tag = "knowledge base",
    security(("bearer" = [])),
    params(SuggestionsQuery),
    responses(
        (status = 200, description = "Up to 5 articles, best first (none for a subject with no word of three letters)", body = Vec<KbHit>),
        (status = 400, description = "A subject over 200 characters", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn kb_suggestions(
    State(state): State<Arc<AppState>>,
    _user: AuthUser,
    ApiQuery(query): ApiQuery<SuggestionsQuery>,
) -> Result<Json<Vec<KbHit>>, ApiError> {
    if query.subject.chars().count() > KB_QUERY_MAX_CHARS {
        return Err(too_long());
    }
    let Some(terms) = kb_match_query(&query.subject, true) else {
        return Ok(Json(Vec::new()));
    };
    state
        .db
        .run(move |conn| Ok(Json(hits(conn, &terms, None, None, KB_SUGGESTIONS_MAX)?)))
        .await
}

/// "Was this helpful?": records the user's answer (a second answer
/// replaces the first) and answers the article's counts.
#[utoipa::path(put, path = "/api/v1/kb/articles/{id}/vote", tag = "knowledge base",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The article's id")),
    request_body = KbVote,
    responses(
        (status = 200, description = "The user's answer and the article's counts", body = KbVoteCount),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such article", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_kb_vote(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(vote): ApiJson<KbVote>,
) -> Result<Json<KbVoteCount>, ApiError> {
    state
        .db
        .run(move |conn| {
            let exists = conn
                .query_row("SELECT 1 FROM kb_articles WHERE id = ?1", [id], |_| Ok(()))
                .optional()?;
            exists.ok_or_else(no_article)?;
            conn.execute(
                "INSERT INTO kb_votes (user_id, article_id, helpful, voted_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (user_id, article_id) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at",
                params![user.user_id, id, vote.helpful, crate::db::now()],
            )?;
            let (helpful_count, not_helpful_count) = conn.query_row(
                "SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM kb_votes WHERE article_id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            Ok(Json(KbVoteCount {
                helpful: vote.helpful,
                helpful_count,
                not_helpful_count,
            }))
        })
        .await
}

fn no_article() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        codes::NOT_FOUND,
        "There is no such article in the knowledge base.",
    )
}

fn too_long() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        codes::INVALID_REQUEST,
        format!("Search text is limited to {KB_QUERY_MAX_CHARS} characters."),
    )
}

fn categories(conn: &Connection) -> Result<Vec<KbCategory>, ApiError> {
    let mut statement = conn.prepare(
        "SELECT c.id, c.name, s.id, s.name FROM kb_categories c
         LEFT JOIN kb_sections s ON s.category_id = c.id
         ORDER BY c.position, c.id, s.position, s.id",
    )?;
    let mut rows = statement.query([])?;
    let mut categories: Vec<KbCategory> = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        if categories.last().is_none_or(|last| last.id != id) {
            categories.push(KbCategory {
                id,
                name: row.get(1)?,
                sections: Vec::new(),
            });
        }
        if let (Some(section_id), Some(name)) = (row.get::<_, Option<i64>>(2)?, row.get(3)?)
            && let Some(category) = categories.last_mut()
        {
            category.sections.push(KbSection {
                id: section_id,
                name,
            });
        }
    }
    Ok(categories)
}

/// The articles `filter` picks (an SQL condition on `a`, with its order
/// and limit), with their images.
fn articles(
    conn: &Connection,
    filter: &str,
    values: impl rusqlite::Params,
) -> Result<Vec<KbArticle>, ApiError> {
    let mut statement = conn.prepare(&format!(
        "SELECT a.id, s.category_id, a.section_id, a.title, a.body, a.tags, a.updated_at
         FROM kb_articles a JOIN kb_sections s ON s.id = a.section_id WHERE {filter}"
    ))?;
    let mut articles = statement
        .query_map(values, article_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut images = conn.prepare_cached(
        "SELECT id, name, media_type, LENGTH(bytes), sha256 FROM kb_images WHERE article_id = ?1 ORDER BY id",
    )?;
    for article in &mut articles {
        article.images = images
            .query_map([article.id], |row| {
                Ok(KbImage {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    media_type: row.get(2)?,
                    size: row.get(3)?,
                    sha256: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(articles)
}

fn article_from_row(row: &Row<'_>) -> rusqlite::Result<KbArticle> {
    let tags: String = row.get(5)?;
    Ok(KbArticle {
        id: row.get(0)?,
        category_id: row.get(1)?,
        section_id: row.get(2)?,
        title: row.get(3)?,
        body: row.get(4)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        updated_at: timestamp(row.get(6)?),
        images: Vec::new(),
    })
}

/// Articles matching the FTS5 query `terms` (all articles when empty),
/// of `category` and with `tag` when given, best first.
fn hits(
    conn: &Connection,
    terms: &str,
    category: Option<i64>,
    tag: Option<&str>,
    most: usize,
) -> Result<Vec<KbHit>, ApiError> {
    let filters = "(?2 IS NULL OR s.category_id = ?2)
         AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(a.tags) WHERE json_each.value = ?3))";
    let sql = if terms.is_empty() {
        format!(
            "SELECT a.id, a.title, s.category_id, a.tags, substr(a.body, 1, 160)
             FROM kb_articles a JOIN kb_sections s ON s.id = a.section_id
             WHERE ?1 = '' AND {filters} ORDER BY a.title LIMIT ?4"
        )
    } else {
        format!(
            "SELECT a.id, a.title, s.category_id, a.tags, {KB_SNIPPET_SQL}
             FROM kb_search JOIN kb_articles a ON a.id = kb_search.rowid
             JOIN kb_sections s ON s.id = a.section_id
             WHERE kb_search MATCH ?1 AND {filters}
             ORDER BY {KB_RANK_SQL} LIMIT ?4"
        )
    };
    let mut statement = conn.prepare(&sql)?;
    let hits = statement
        .query_map(params![terms, category, tag, most as i64], |row| {
            Ok(KbHit::from_stored(
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                &row.get::<_, String>(3)?,
                &row.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(hits)
}
