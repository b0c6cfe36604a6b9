//! `GET`, `PUT` and `DELETE /api/v1/me/photo`: the profile photo. The
//! portal trusts nothing about an upload: the type is read from the content,
//! the size is capped while reading, and the dimensions are read from the
//! header before any pixel is decoded.

use std::io::Cursor;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use image::{ImageFormat, ImageReader, Limits};
use portal_api::limits::{PHOTO_MAX_BYTES, PHOTO_MAX_SIDE, PHOTO_MIN_SIDE};
use portal_api::problem::{Problem, codes};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::bearer::AuthUser;
use crate::db::now;
use crate::error::{ApiError, field_error};
use crate::store::users::bump_profile_version;
use crate::versions::stored_file_answer;

/// Most memory the decoder may use to check a photo's pixels.
const DECODE_MAX_ALLOC: u64 = 96 * 1024 * 1024;

/// The user's profile photo.
#[utoipa::path(get, path = "/api/v1/me/photo", tag = "profile",
    security(("bearer" = [])),
    params(("If-None-Match" = Option<String>, Header, description = "ETag of a cached copy")),
    responses(
        (status = 200, description = "The photo (image/png, image/jpeg or image/webp) with its `ETag`", content_type = "image/*"),
        (status = 304, description = "The cached copy is current"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No photo", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_photo(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let stored: Option<(String, Vec<u8>, String)> = state
        .db
        .run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT media_type, bytes, digest FROM user_photos WHERE user_id = ?1",
                    [user.user_id],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?)
        })
        .await?;
    let Some((media_type, bytes, digest)) = stored else {
        return Err(no_photo());
    };
    stored_file_answer(&headers, &etag_of(&digest), &media_type, bytes)
}

/// Upload or replace the profile photo: a PNG, JPEG or WebP file of at most
/// 5 MB whose sides are 80 to 4096 pixels.
#[utoipa::path(put, path = "/api/v1/me/photo", tag = "profile",
    security(("bearer" = [])),
    request_body(content((Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/webp")), description = "The image file; PNG, JPEG and WebP are read by content, whatever the Content-Type says"),
    responses(
        (status = 204, description = "Stored; the new `ETag` is in the answer and in the profile's `photo_etag`"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 5 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a PNG, JPEG or WebP image", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Sides under 80 or over 4096 pixels (`photo`: `too_small`, `too_large`), or a damaged image (`damaged`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_photo(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if declared.is_some_and(|length| length > PHOTO_MAX_BYTES) {
        return Err(too_large_file());
    }
    let bytes = axum::body::to_bytes(body, PHOTO_MAX_BYTES)
        .await
        .map_err(|_| too_large_file())?;
    let checked =
        tokio::task::spawn_blocking(move || check_photo(&bytes).map(|kind| (kind, bytes)))
            .await
            .map_err(ApiError::internal)?;
    let (format, bytes) = checked?;
    let digest = hex::encode(Sha256::digest(&bytes));
    let etag = etag_of(&digest);
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT INTO user_photos (user_id, media_type, bytes, digest, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (user_id) DO UPDATE SET media_type = excluded.media_type,
                   bytes = excluded.bytes, digest = excluded.digest, updated_at = excluded.updated_at",
                params![user.user_id, format.to_mime_type(), bytes.to_vec(), digest, now()],
            )?;
            bump_profile_version(&tx, user.user_id)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(ApiError::internal)?,
    );
    Ok(response)
}

/// Remove the profile photo.
#[utoipa::path(delete, path = "/api/v1/me/photo", tag = "profile",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed (or there was none)"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_photo(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
) -> Result<StatusCode, ApiError> {
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let removed =
                tx.execute("DELETE FROM user_photos WHERE user_id = ?1", [user.user_id])?;
            if removed > 0 {
                bump_profile_version(&tx, user.user_id)?;
            }
            tx.commit()?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

/// The ETag of the user's photo, if there is one.
pub fn photo_etag(conn: &Connection, user_id: i64) -> rusqlite::Result<Option<String>> {
    let digest: Option<String> = conn
        .query_row(
            "SELECT digest FROM user_photos WHERE user_id = ?1",
            [user_id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(digest.as_deref().map(etag_of))
}

/// Checks an uploaded photo and answers its real format. The dimensions come
/// from the header; pixels are decoded (within [`DECODE_MAX_ALLOC`]) only
/// when they are within bounds, to prove the file is a whole image.
pub fn check_photo(bytes: &[u8]) -> Result<ImageFormat, ApiError> {
    if bytes.len() > PHOTO_MAX_BYTES {
        return Err(too_large_file());
    }
    let format = match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => format,
        _ => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                codes::UNSUPPORTED_MEDIA_TYPE,
                "The file is not a PNG, JPEG or WebP image.",
            ));
        }
    };
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| damaged())?;
    if width < PHOTO_MIN_SIDE || height < PHOTO_MIN_SIDE {
        return Err(ApiError::validation(vec![field_error(
            "photo",
            "too_small",
            &format!(
                "The image is {width}×{height} pixels; a profile photo needs at least {PHOTO_MIN_SIDE}×{PHOTO_MIN_SIDE}."
            ),
        )]));
    }
    if width > PHOTO_MAX_SIDE || height > PHOTO_MAX_SIDE {
        return Err(ApiError::validation(vec![field_error(
            "photo",
            "too_large",
            &format!(
                "The image is {width}×{height} pixels; a profile photo has at most {PHOTO_MAX_SIDE} pixels a side."
            ),
        )]));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(PHOTO_MAX_SIDE);
    limits.max_image_height = Some(PHOTO_MAX_SIDE);
    limits.max_alloc = Some(DECODE_MAX_ALLOC);
    reader.limits(limits);
    reader.decode().map_err(|_| damaged())?;
    Ok(format)
}

fn etag_of(digest: &str) -> String {
    format!("\"photo-{}\"", &digest[..digest.len().min(32)])
}

fn no_photo() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        codes::NOT_FOUND,
        "There is no profile photo.",
    )
}

fn too_large_file() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        codes::PAYLOAD_TOO_LARGE,
        format!(
            "The image is larger than {} MB.",
            PHOTO_MAX_BYTES / (1024 * 1024)
        ),
    )
}

fn damaged() -> ApiError {
    ApiError::validation(vec![field_error(
        "photo",
        "damaged",
        "The image file is damaged or incomplete.",
    )])
}
