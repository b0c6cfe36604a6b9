//! `GET /api/v1/documents/{id}/file`: a document's file, streamed from the
//! file store with `Content-Disposition` (RFC 6266), a strong `ETag`,
//! `Range`/`If-Range` (206 and 416) and `Repr-Digest` (RFC 9530).

use std::io::SeekFrom;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use portal_api::problem::{Problem, codes};
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use tokio_util::io::ReaderStream;

use crate::AppState;
use crate::bearer::AuthUser;
use crate::documents::visible_document;
use crate::error::{ApiError, ApiPath};
use crate::files::FileStore;
use crate::ranges::{RangeAnswer, answer_range, content_range, if_range_allows, repr_digest};

/// Bytes read from disk per chunk of a response body.
const CHUNK: usize = 256 * 1024;

/// The document's file; a single byte range when asked for (and `If-Range`,
/// if sent, names the current ETag).
#[utoipa::path(get, path = "/api/v1/documents/{id}/file", tag = "documents",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The document's id"),
        ("Range" = Option<String>, Header, description = "One range, e.g. `bytes=3145728-`"),
        ("If-Range" = Option<String>, Header, description = "The ETag the client's partial copy has"),
    ),
    responses(
        (status = 200, description = "The whole file, in its own media type (the `media_type` of its listing)", content_type = "*/*",
            headers(("ETag" = String), ("Repr-Digest" = String), ("Content-Disposition" = String), ("Accept-Ranges" = String))),
        (status = 206, description = "The requested range, in the file's own media type", content_type = "*/*",
            headers(("Content-Range" = String), ("ETag" = String), ("Repr-Digest" = String))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An organization's document, and no role grants its documents", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such document for this user", body = Problem, content_type = "application/problem+json"),
        (status = 416, description = "The range starts past the end", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn document_file(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let document = state
        .db
        .run(move |conn| visible_document(conn, user.user_id, id))
        .await?;
    let stored = StoredFileHeaders {
        size: document.size,
        etag: format!("\"{}\"", document.sha256),
        sha256_hex: &document.sha256,
        media_type: &document.media_type,
        file_name: &document.file_name,
    };
    serve_file(&state.files, &stored, &headers).await
}

/// What the headers of a stored file's answer are made of.
pub struct StoredFileHeaders<'a> {
    /// Size in bytes.
    pub size: u64,
    /// Strong ETag, quoted.
    pub etag: String,
    /// SHA-256, lowercase hex.
    pub sha256_hex: &'a str,
    /// Content type.
    pub media_type: &'a str,
    /// Name offered to save it under.
    pub file_name: &'a str,
}

/// Answers a request for the file the store keeps under
/// `stored.sha256_hex`: 200, 206 or 416.
pub async fn serve_file(
    files: &FileStore,
    stored: &StoredFileHeaders<'_>,
    request: &HeaderMap,
) -> Result<Response, ApiError> {
    let mut file = tokio::fs::File::open(files.path_of(stored.sha256_hex))
        .await
        .map_err(ApiError::internal)?;
    let header_text = |name| {
        request
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
    };
    let range = if if_range_allows(header_text(header::IF_RANGE), &stored.etag) {
        answer_range(header_text(header::RANGE), stored.size)
    } else {
        RangeAnswer::Full
    };
    let digest = digest_bytes(stored.sha256_hex)?;
    let mut response = match range {
        RangeAnswer::Unsatisfiable => {
            let mut response = ApiError::new(
                StatusCode::RANGE_NOT_SATISFIABLE,
                codes::RANGE_NOT_SATISFIABLE,
                format!("The file has only {} bytes.", stored.size),
            )
            .into_response();
            response.headers_mut().insert(
                header::CONTENT_RANGE,
                header_value(&format!("bytes */{}", stored.size))?,
            );
            return Ok(response);
        }
        RangeAnswer::Full => {
            let body = Body::from_stream(ReaderStream::with_capacity(file, CHUNK));
            let mut response = Response::new(body);
            response
                .headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(stored.size));
            response
        }
        RangeAnswer::Partial(part) => {
            file.seek(SeekFrom::Start(part.start))
                .await
                .map_err(ApiError::internal)?;
            let length = part.end - part.start;
            let body = Body::from_stream(ReaderStream::with_capacity(file.take(length), CHUNK));
            let mut response = Response::new(body);
            *response.status_mut() = StatusCode::PARTIAL_CONTENT;
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            headers.insert(
                header::CONTENT_RANGE,
                header_value(&content_range(&part, stored.size))?,
            );
            response
        }
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, header_value(stored.media_type)?);
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert(header::ETAG, header_value(&stored.etag)?);
    headers.insert("repr-digest", header_value(&repr_digest(&digest))?);
    headers.insert(
        header::CONTENT_DISPOSITION,
        header_value(&content_disposition(stored.file_name))?,
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    Ok(response)
}

/// Characters escaped in `filename*` (RFC 8187 `attr-char` keeps only
/// letters, digits and ``!#$&+-.^_`|~``).
const NOT_ATTR_CHAR: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'%')
    .add(b'\'')
    .add(b'(')
    .add(b')')
    .add(b'*')
    .add(b',')
    .add(b'/')
    .add(b':')
    .add(b';')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'?')
    .add(b'@')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'{')
    .add(b'}');

/// `attachment; filename="ASCII"; filename*=UTF-8''ENCODED` for any name:
/// the plain form keeps printable ASCII other than quotes and backslashes,
/// the extended form carries the exact name.
pub fn content_disposition(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!(
        "attachment; filename=\"{fallback}\"; filename*=UTF-8''{}",
        utf8_percent_encode(file_name, NOT_ATTR_CHAR)
    )
}

fn digest_bytes(hex: &str) -> Result<Vec<u8>, ApiError> {
    (0..hex.len())
        .step_by(2)
        .map(|index| {
            hex.get(index..index + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
                .ok_or_else(|| ApiError::internal(format!("a stored digest is not hex: {hex}")))
        })
        .collect()
}

fn header_value(text: &str) -> Result<HeaderValue, ApiError> {
    HeaderValue::from_str(text).map_err(ApiError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_disposition_carries_any_name_safely() {
        assert_eq!(
            content_disposition("Invoice INV-1.pdf"),
            "attachment; filename=\"Invoice INV-1.pdf\"; filename*=UTF-8''Invoice%20INV-1.pdf"
        );
        let hostile = content_disposition("a\"b\r\nX-Evil: 1\u{202e}fdp.exe/..\\é.pdf");
        assert!(HeaderValue::from_str(&hostile).is_ok(), "{hostile}");
        assert!(hostile.starts_with("attachment; filename=\"a_b__X-Evil: 1_fdp.exe/.._"));
        assert!(hostile.ends_with(
            "filename*=UTF-8''a%22b%0D%0AX-Evil%3A%201%E2%80%AEfdp.exe%2F..%5C%C3%A9.pdf"
        ));
    }
}
