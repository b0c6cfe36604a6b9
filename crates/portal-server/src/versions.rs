//! Strong ETags and `If-Match` on writes: every editable resource answers
//! with its version and refuses writes based on another one.

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_api::problem::codes;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// A list whose version moves with a change counter: a one-row table that
/// triggers on the tables the list is read from move on every change (see
/// the migrations in `db.rs`).
#[derive(Debug, Clone, Copy)]
pub enum ListCounter {
    /// `documents_version`: documents and organization names.
    Documents,
    /// `tickets_version`: tickets, their comments and attachments, and the
    /// names of users and organizations they show.
    Tickets,
    /// `kb_version`: the knowledge base's articles, their images and
    /// sections.
    KnowledgeBase,
    /// `kit_version`: the Partner Kit's files.
    PartnerKit,
}

impl ListCounter {
    fn table_and_prefix(self) -> (&'static str, char) {
        match self {
            Self::Documents => ("documents_version", 'd'),
            Self::Tickets => ("tickets_version", 't'),
            Self::KnowledgeBase => ("kb_version", 'k'),
            Self::PartnerKit => ("kit_version", 'p'),
        }
    }
}

/// The version of one list as one user sees it: the counter of the tables
/// it is read from and a digest of `list`, which names everything else the
/// list depends on (whose list, which filters, what the user may see,
/// today's date where it matters).
pub fn list_version(
    conn: &Connection,
    counter: ListCounter,
    list: &str,
) -> Result<String, ApiError> {
    let (table, prefix) = counter.table_and_prefix();
    let changes: i64 = conn.query_row(&format!("SELECT version FROM {table}"), [], |row| {
        row.get(0)
    })?;
    let digest = Sha256::digest(list.as_bytes());
    Ok(format!(
        "\"{prefix}{changes}-{}\"",
        hex::encode(&digest[..8])
    ))
}

/// A page of a versioned list with the list's `version` as its `ETag`
/// (every page carries it, so a client notices a change between two
/// pages), or a 304 for a first page whose `If-None-Match` names it.
pub fn versioned_page<T: serde::Serialize>(
    request: &HeaderMap,
    version: &str,
    first_page: bool,
    page: impl FnOnce() -> Result<T, ApiError>,
) -> Result<Response, ApiError> {
    let mut response = if first_page && cached_copy_is_current(request, version) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Json(page()?).into_response()
    };
    mark_revalidated(&mut response, version)?;
    Ok(response)
}

/// A JSON answer with a strong `ETag`.
pub fn with_etag(body: impl serde::Serialize, etag: String) -> Response {
    let mut response = Json(body).into_response();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

/// True when `If-None-Match` names `etag`: the client's cached copy is
/// current and a 304 will do.
pub fn cached_copy_is_current(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.split(',').any(|tag| tag.trim() == etag))
}

/// The strong ETags named in `If-Match`; 428 unless it is a list of them
/// (`*` and weak tags do not count: a write must name the version it
/// changes). The document states the same rule as a pattern
/// ([`crate::api_document::STRONG_ETAG_LIST_PATTERN`]).
pub fn required_if_match(headers: &HeaderMap) -> Result<Vec<String>, ApiError> {
    headers
        .get(header::IF_MATCH)
        .and_then(|value| value.to_str().ok())
        .and_then(strong_etags)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::PRECONDITION_REQUIRED,
                codes::PRECONDITION_REQUIRED,
                "Send If-Match with the strong ETag of the version you changed, so that changes made elsewhere are not overwritten.",
            )
        })
}

/// The entity tags of a list of strong ones (RFC 9110 §8.8.3: quoted,
/// comma-separated, optional spaces and tabs around them; a comma may sit
/// inside the quotes); `None` when `value` is anything else.
fn strong_etags(value: &str) -> Option<Vec<String>> {
    let is_space = |c: char| c == ' ' || c == '\t';
    let mut tags = Vec::new();
    let mut rest = value.trim_start_matches(is_space);
    loop {
        let inner = rest.strip_prefix('"')?;
        let end = inner.find('"')?;
        let tag = &inner[..end];
        if !tag
            .bytes()
            .all(|byte| byte == 0x21 || (0x23..=0x7e).contains(&byte))
        {
            return None;
        }
        tags.push(format!("\"{tag}\""));
        rest = inner[end + 1..].trim_start_matches(is_space);
        if rest.is_empty() {
            return Some(tags);
        }
        rest = rest.strip_prefix(',')?.trim_start_matches(is_space);
    }
}

/// Refuses a write based on a version other than the current one: a 412
/// whose `ETag` names the current version, with `message` for people.
pub fn require_current_version(
    if_match: &[String],
    current_etag: String,
    message: &str,
) -> Result<(), ApiError> {
    if if_match.contains(&current_etag) {
        return Ok(());
    }
    let mut error = ApiError::new(
        StatusCode::PRECONDITION_FAILED,
        codes::PRECONDITION_FAILED,
        message,
    );
    error.etag = Some(current_etag);
    Err(error)
}

/// The strong ETag of a JSON answer: a digest of its bytes. Answers the
/// bytes too, so they are serialized once.
pub fn content_etag(body: &impl serde::Serialize) -> Result<(Vec<u8>, String), ApiError> {
    let bytes = serde_json::to_vec(body).map_err(ApiError::internal)?;
    let digest = Sha256::digest(&bytes);
    Ok((bytes, format!("\"{}\"", hex::encode(&digest[..16]))))
}

/// Names `etag` as the answer's version and asks caches to check it each
/// time (`Cache-Control: private, no-cache`): every answer that a client
/// may revalidate with `If-None-Match` carries both.
pub fn mark_revalidated(response: &mut Response, etag: &str) -> Result<(), ApiError> {
    let headers = response.headers_mut();
    headers.insert(
        header::ETAG,
        HeaderValue::from_str(etag).map_err(ApiError::internal)?,
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    Ok(())
}

/// A JSON answer whose `ETag` is its digest; `If-None-Match` naming it
/// gets a 304 instead.
pub fn json_with_content_etag(
    request: &HeaderMap,
    body: &impl serde::Serialize,
) -> Result<Response, ApiError> {
    let (bytes, etag) = content_etag(body)?;
    let mut response = if cached_copy_is_current(request, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = bytes.into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(portal_api::JSON),
        );
        response
    };
    mark_revalidated(&mut response, &etag)?;
    Ok(response)
}

/// A stored file's answer: 304 when `request`'s `If-None-Match` names
/// `etag`, else its bytes in `media_type`; either way with its `ETag`,
/// revalidation headers and `nosniff` (the photo, knowledge-base images).
pub fn stored_file_answer(
    request: &HeaderMap,
    etag: &str,
    media_type: &str,
    bytes: Vec<u8>,
) -> Result<Response, ApiError> {
    let cached = cached_copy_is_current(request, etag);
    let mut response = if cached {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, bytes).into_response()
    };
    mark_revalidated(&mut response, etag)?;
    let headers = response.headers_mut();
    if !cached {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_str(media_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_must_name_a_strong_version() {
        let mut headers = HeaderMap::new();
        assert!(required_if_match(&headers).is_err());
        headers.insert(header::IF_MATCH, HeaderValue::from_static("*"));
        assert!(required_if_match(&headers).is_err());
        headers.insert(header::IF_MATCH, HeaderValue::from_static("W/\"x\""));
        assert!(required_if_match(&headers).is_err());
        headers.insert(header::IF_MATCH, HeaderValue::from_static("\"a\", \"b\""));
        assert_eq!(required_if_match(&headers).unwrap(), vec!["\"a\"", "\"b\""]);
        headers.insert(
            header::IF_MATCH,
            HeaderValue::from_static("\"a,b\"\t,\"c\""),
        );
        assert_eq!(
            required_if_match(&headers).unwrap(),
            vec!["\"a,b\"", "\"c\""]
        );
        for refused in ["\"a\" \"b\"", "\"a\",", ",\"a\"", "\"a", "\"a\", *"] {
            headers.insert(header::IF_MATCH, HeaderValue::from_static(refused));
            assert!(required_if_match(&headers).is_err(), "{refused}");
        }
    }
}
