//! `GET /api/v1/tickets/{number}/attachments/{id}`: an attachment's
//! content, served like document files (Range, If-Range, strong ETag,
//! Repr-Digest, Content-Disposition with the uploaded name).

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use portal_api::problem::{Problem, codes};
use rusqlite::OptionalExtension;

use crate::AppState;
use crate::bearer::AuthUser;
use crate::document_files::{StoredFileHeaders, serve_file};
use crate::error::{ApiError, ApiPath};
use crate::store::tickets::visible_ticket;

/// An attachment of a ticket the user may see; a single byte range when
/// asked for (and `If-Range`, if sent, names the current ETag).
#[utoipa::path(get, path = "/api/v1/tickets/{number}/attachments/{id}", tag = "tickets",
    security(("bearer" = [])),
    params(
        ("number" = i64, Path, description = "The ticket number"),
        ("id" = i64, Path, description = "The attachment's id"),
        ("Range" = Option<String>, Header, description = "One range, e.g. `bytes=3145728-`"),
        ("If-Range" = Option<String>, Header, description = "The ETag the client's partial copy has"),
    ),
    responses(
        (status = 200, description = "The whole file, in its own media type (the `media_type` of its listing)", content_type = "*/*",
            headers(("ETag" = String), ("Repr-Digest" = String), ("Content-Disposition" = String), ("Accept-Ranges" = String))),
        (status = 206, description = "The requested range, in the file's own media type", content_type = "*/*",
            headers(("Content-Range" = String), ("ETag" = String), ("Repr-Digest" = String))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An organization's ticket, and no role grants its tickets", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ticket or attachment for this user", body = Problem, content_type = "application/problem+json"),
        (status = 416, description = "The range starts past the end", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn attachment_file(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath((number, id)): ApiPath<(i64, i64)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (name, media_type, size, sha256) = state
        .db
        .run(move |conn| {
            visible_ticket(conn, user.user_id, number)?;
            conn.query_row(
                "SELECT a.name, a.media_type, a.size, a.sha256
                 FROM ticket_attachments a JOIN ticket_comments c ON c.id = a.comment_id
                 WHERE a.id = ?1 AND c.ticket_id = ?2 AND c.public = 1",
                [id, number],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, String>(3)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::NOT_FOUND,
                    codes::NOT_FOUND,
                    format!("Ticket #{number} has no attachment {id}."),
                )
            })
        })
        .await?;
    let stored = StoredFileHeaders {
        size: size as u64,
        etag: format!("\"{sha256}\""),
        sha256_hex: &sha256,
        media_type: &media_type,
        file_name: &name,
    };
    serve_file(&state.files, &stored, &headers).await
}
