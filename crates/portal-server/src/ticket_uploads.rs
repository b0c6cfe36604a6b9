//! Multipart bodies of ticket comments: text fields and attached files,
//! each file streamed into the file store while it is counted and hashed,
//! never held in memory. Attachment names travel percent-encoded (UTF-8)
//! in `filename`, so any name arrives exactly as the user's file had it.

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode, header};
use percent_encoding::percent_decode_str;
use portal_api::problem::codes;
use portal_api::tickets::{ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_COMMENT_MAX, FIELD_ATTACHMENT};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::AppState;
use crate::error::{ApiError, field_error};
use crate::files::{FileStore, StoredFile};
use crate::store::tickets::NewAttachment;

/// Longest text field, in bytes.
const TEXT_FIELD_MAX_BYTES: usize = 128 * 1024;
/// Longest attachment name, in bytes.
const NAME_MAX_BYTES: usize = 1024;

/// A received multipart body. Its files are temporary files in the store
/// until [`store_and_record`] keeps them: dropped any earlier (a refused
/// comment, a dropped connection), they vanish.
#[derive(Debug, Default)]
pub struct ReceivedForm {
    /// Text fields by name.
    pub texts: HashMap<String, String>,
    /// Attached files in the order they came.
    pub files: Vec<ReceivedFile>,
}

/// An attached file, received whole.
#[derive(Debug)]
pub struct ReceivedFile {
    /// The name it was uploaded under.
    pub name: String,
    /// Its media type as the sender declared it.
    pub media_type: String,
    /// Its digest and size.
    pub stored: StoredFile,
    upload: tempfile::NamedTempFile,
}

impl ReceivedForm {
    /// The text field `name`, trimmed, or "".
    pub fn text(&self, name: &str) -> &str {
        self.texts.get(name).map(|text| text.trim()).unwrap_or("")
    }

    /// How many characters the text field `name` has as sent, spaces
    /// around it included: what its documented `maxLength` counts.
    pub fn chars_as_sent(&self, name: &str) -> usize {
        self.texts
            .get(name)
            .map(|text| text.chars().count())
            .unwrap_or(0)
    }
}

/// Keeps the received files in the store under their digests, then runs
/// `record` (which stores the comment that refers to them). When `record`
/// fails, files this upload brought into the store and nothing refers to
/// are removed again: a refused comment leaves nothing behind. Runs on the
/// database thread, so it finishes even if the client goes away.
pub fn store_and_record<T>(
    conn: &mut Connection,
    store: &FileStore,
    files: Vec<ReceivedFile>,
    record: impl FnOnce(&mut Connection, &[NewAttachment]) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut attachments = Vec::new();
    let mut fresh = Vec::new();
    let mut kept = Ok(());
    for file in files {
        match store.keep(file.upload, &file.stored.sha256) {
            Ok(newly_stored) => {
                if newly_stored {
                    fresh.push(file.stored.sha256.clone());
                }
                attachments.push(NewAttachment {
                    name: file.name,
                    media_type: file.media_type,
                    stored: file.stored,
                });
            }
            Err(error) => {
                kept = Err(ApiError::internal(error));
                break;
            }
        }
    }
    let result = kept.and_then(|()| record(conn, &attachments));
    if result.is_err() {
        for sha256 in fresh {
            let used: rusqlite::Result<bool> = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM ticket_attachments WHERE sha256 = ?1)
                     OR EXISTS (SELECT 1 FROM documents WHERE sha256 = ?1)",
                [&sha256],
                |row| row.get(0),
            );
            if let Ok(false) = used {
                let _ = store.remove(&sha256);
            }
        }
    }
    result
}

/// Most bytes read and thrown away to answer a refused upload: a request
/// at the limits (ten files of 50 MB) and its multipart overhead.
const DRAIN_MAX_BYTES: u64 = ATTACHMENTS_PER_COMMENT_MAX as u64 * ATTACHMENT_MAX_BYTES + (1 << 20);

/// Reads and discards an upload the portal refuses before looking at it,
/// then answers `error`: a client still sending its files gets the reason
/// instead of a broken connection. A larger body is left unread (the
/// connection then closes).
pub async fn refuse_upload(body: Body, error: ApiError) -> ApiError {
    use futures_util::StreamExt;
    let mut stream = body.into_data_stream();
    let mut read = 0u64;
    while read <= DRAIN_MAX_BYTES {
        match stream.next().await {
            Some(Ok(chunk)) => read += chunk.len() as u64,
            Some(Err(_)) | None => break,
        }
    }
    error
}

/// Reads a `multipart/form-data` body: the text fields named in
/// `text_fields` and any number (up to the limit) of `attachment` files.
pub async fn receive(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
    text_fields: &[&str],
) -> Result<ReceivedForm, ApiError> {
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| multer::parse_boundary(value).ok())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                codes::UNSUPPORTED_MEDIA_TYPE,
                "Send the comment as multipart/form-data.",
            )
        })?;
    let mut multipart = multer::Multipart::new(body.into_data_stream(), boundary);
    let mut form = ReceivedForm::default();
    read_fields(state, &mut multipart, &mut form, text_fields).await?;
    Ok(form)
}

async fn read_fields(
    state: &AppState,
    multipart: &mut multer::Multipart<'_>,
    form: &mut ReceivedForm,
    text_fields: &[&str],
) -> Result<(), ApiError> {
    while let Some(field) = multipart.next_field().await.map_err(interrupted)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == FIELD_ATTACHMENT {
            if form.files.len() == ATTACHMENTS_PER_COMMENT_MAX {
                return Err(ApiError::validation(vec![field_error(
                    FIELD_ATTACHMENT,
                    "too_many",
                    &format!("Attach at most {ATTACHMENTS_PER_COMMENT_MAX} files to one comment."),
                )]));
            }
            let file = receive_file(state, field).await?;
            form.files.push(file);
        } else if text_fields.contains(&name.as_str()) {
            let text = read_text(field, &name).await?;
            form.texts.insert(name, text);
        } else {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::INVALID_REQUEST,
                format!("The form has a field {name:?} this request does not take."),
            ));
        }
    }
    Ok(())
}

async fn receive_file(
    state: &AppState,
    mut field: multer::Field<'_>,
) -> Result<ReceivedFile, ApiError> {
    let name = attachment_name(field.file_name())?;
    let media_type = field
        .content_type()
        .map(|media_type| media_type.essence_str().to_owned())
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let upload = state.files.upload_file().map_err(ApiError::internal)?;
    let mut sink = tokio::io::BufWriter::with_capacity(
        1 << 20,
        tokio::fs::File::from_std(upload.reopen().map_err(ApiError::internal)?),
    );
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    while let Some(chunk) = field.chunk().await.map_err(interrupted)? {
        size += chunk.len() as u64;
        if size > ATTACHMENT_MAX_BYTES {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                codes::PAYLOAD_TOO_LARGE,
                format!(
                    "\u{201c}{name}\u{201d} is larger than {} MB, the most one attachment may be.",
                    ATTACHMENT_MAX_BYTES >> 20
                ),
            ));
        }
        hasher.update(&chunk);
        sink.write_all(&chunk).await.map_err(ApiError::internal)?;
    }
    sink.flush().await.map_err(ApiError::internal)?;
    sink.into_inner()
        .sync_all()
        .await
        .map_err(ApiError::internal)?;
    Ok(ReceivedFile {
        name,
        media_type,
        stored: StoredFile {
            sha256: hex::encode(hasher.finalize()),
            size,
        },
        upload,
    })
}

/// The attachment's name: `filename`, percent-decoded as UTF-8.
fn attachment_name(file_name: Option<&str>) -> Result<String, ApiError> {
    let invalid = |message: &str| {
        ApiError::validation(vec![field_error(FIELD_ATTACHMENT, "invalid_name", message)])
    };
    let encoded = file_name.unwrap_or_default();
    let name = percent_decode_str(encoded)
        .decode_utf8()
        .map_err(|_| invalid("An attachment's name is not UTF-8 once percent-decoded."))?;
    if name.trim().is_empty() {
        return Err(invalid("Each attachment needs a file name."));
    }
    if name.len() > NAME_MAX_BYTES || name.contains('\0') {
        return Err(invalid(&format!(
            "An attachment's name must be at most {NAME_MAX_BYTES} bytes, without NUL characters."
        )));
    }
    Ok(name.into_owned())
}

async fn read_text(mut field: multer::Field<'_>, name: &str) -> Result<String, ApiError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(interrupted)? {
        if bytes.len() + chunk.len() > TEXT_FIELD_MAX_BYTES {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                codes::PAYLOAD_TOO_LARGE,
                format!("The {name} field is longer than {TEXT_FIELD_MAX_BYTES} bytes."),
            ));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| {
        ApiError::validation(vec![field_error(name, "invalid", "The text is not UTF-8.")])
    })
}

fn interrupted(error: multer::Error) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        codes::INVALID_REQUEST,
        format!("The upload was interrupted or is not a well-formed form: {error}."),
    )
}
