//! The Partner Kit: files the vendor publishes to partners whose role
//! grants `partner_kit`, listed whole in versioned pages (an unchanged kit
//! costs one 304) and served with ranges and digests like documents.
//! [`put_kit_file`] and [`remove_kit_file`] are the vendor's side (seeds
//! and tests).

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use portal_api::partner_kit::{KitFile, PARTNER_KIT_GRANT};
use portal_api::problem::{Problem, codes};
use portal_api::roles::Page;
use rusqlite::{Connection, OptionalExtension, params};

use crate::AppState;
use crate::bearer::AuthUser;
use crate::document_files::{StoredFileHeaders, serve_file};
use crate::error::{ApiError, ApiPath, ApiQuery};
use crate::files::FileStore;
use crate::paging::IdPageQuery;
use crate::store::tickets::timestamp;
use crate::versions::{ListCounter, list_version, versioned_page};

/// Every file of the kit, in pages by id. Every page answers the kit's
/// version as its `ETag`; the first page with `If-None-Match` naming it
/// gets a 304.
#[utoipa::path(get, path = "/api/v1/partner-kit/files", tag = "partner kit",
    security(("bearer" = [])),
    params(IdPageQuery, ("If-None-Match" = Option<String>, Header, description = "The kit's version the client has (first page only)")),
    responses(
        (status = 200, description = "A page of files by id; the ETag is the kit's version", body = Page<KitFile>, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the version in If-None-Match", headers(("ETag" = String))),
        (status = 400, description = "Bad limit or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No role of the user grants the Partner Kit", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn kit_files(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<IdPageQuery>,
) -> Result<Response, ApiError> {
    let (page, after) = query.page_after_id()?;
    state
        .db
        .run(move |conn| {
            require_grant(conn, user.user_id)?;
            let version = list_version(conn, ListCounter::PartnerKit, "files")?;
            versioned_page(&headers, &version, query.is_first(), || {
                let mut items = files(
                    conn,
                    "id > ?1 ORDER BY id LIMIT ?2",
                    params![after, page.fetch()],
                )?;
                let next_cursor = page.finish_after(&mut items, |file| file.id.to_string());
                Ok(Page { items, next_cursor })
            })
        })
        .await
}

/// The current version of a kit file's bytes; a single byte range when
/// asked for (and `If-Range`, if sent, names the current ETag).
#[utoipa::path(get, path = "/api/v1/partner-kit/files/{id}/content", tag = "partner kit",
    security(("bearer" = [])),
    params(
        ("id" = i64, Path, description = "The file's id"),
        ("Range" = Option<String>, Header, description = "One range, e.g. `bytes=3145728-`"),
        ("If-Range" = Option<String>, Header, description = "The ETag the client's partial copy has"),
    ),
    responses(
        (status = 200, description = "The whole file, in its media type", content_type = "*/*",
            headers(("ETag" = String), ("Repr-Digest" = String), ("Content-Disposition" = String), ("Accept-Ranges" = String))),
        (status = 206, description = "The requested range", content_type = "*/*",
            headers(("Content-Range" = String), ("ETag" = String), ("Repr-Digest" = String))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No role of the user grants the Partner Kit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such file in the kit", body = Problem, content_type = "application/problem+json"),
        (status = 416, description = "The range starts past the end", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn kit_file_content(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let file = state
        .db
        .run(move |conn| {
            require_grant(conn, user.user_id)?;
            files(conn, "id = ?1", params![id])?.pop().ok_or_else(|| {
                ApiError::new(
                    StatusCode::NOT_FOUND,
                    codes::NOT_FOUND,
                    "There is no such file in the Partner Kit.",
                )
            })
        })
        .await?;
    let stored = StoredFileHeaders {
        size: file.size,
        etag: format!("\"{}\"", file.sha256),
        sha256_hex: &file.sha256,
        media_type: &file.media_type,
        file_name: file.name(),
    };
    serve_file(&state.files, &stored, &headers).await
}

/// A 403 unless one of the user's roles grants the Partner Kit.
fn require_grant(conn: &Connection, user_id: i64) -> Result<(), ApiError> {
    if crate::grants::organizations_granting(conn, user_id, PARTNER_KIT_GRANT)?.is_empty() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            codes::FORBIDDEN,
            "None of your roles includes the Partner Kit. An Admin of your organization can give you the Marketing role.",
        ));
    }
    Ok(())
}

fn files(
    conn: &Connection,
    condition: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<KitFile>, ApiError> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT id, path, media_type, size, sha256, version, updated_at FROM kit_files WHERE {condition}"
    ))?;
    let files = statement
        .query_map(params, |row| {
            Ok(KitFile {
                id: row.get(0)?,
                path: row
                    .get::<_, String>(1)?
                    .split('/')
                    .map(str::to_owned)
                    .collect(),
                media_type: row.get(2)?,
                size: row.get(3)?,
                sha256: row.get(4)?,
                version: row.get(5)?,
                updated_at: timestamp(row.get(6)?),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(files)
}

/// Publishes `bytes` at `path` (folders joined with `/`): a new file at
/// version 1, or the next version of the file already there (its id
/// kept). Answers the file's id.
pub fn put_kit_file(
    conn: &Connection,
    files: &FileStore,
    path: &str,
    media_type: &str,
    bytes: &[u8],
    updated_at: i64,
) -> anyhow::Result<i64> {
    let stored = files.put_once(bytes)?;
    let size = i64::try_from(stored.size)?;
    let existing: Option<i64> = conn
        .query_row("SELECT id FROM kit_files WHERE path = ?1", [path], |row| {
            row.get(0)
        })
        .optional()?;
    match existing {
        Some(id) => {
            conn.execute(
                "UPDATE kit_files SET media_type = ?2, size = ?3, sha256 = ?4,
                     version = version + 1, updated_at = ?5 WHERE id = ?1",
                params![id, media_type, size, stored.sha256, updated_at],
            )?;
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO kit_files (path, media_type, size, sha256, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![path, media_type, size, stored.sha256, updated_at],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

/// Takes the file at `path` out of the kit; true when there was one.
pub fn remove_kit_file(conn: &Connection, path: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM kit_files WHERE path = ?1", [path])? > 0)
}
