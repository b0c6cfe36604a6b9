//! Files attached to ticket comments: checked when picked and again when
//! sent, streamed from disk (never read whole into memory) with progress,
//! and refused with the reason when one vanished, became unreadable or
//! changed on the way.

use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Instant;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use portal_api::problem::FieldError;
use portal_api::tickets::{
    ATTACHMENT_MAX_BYTES, ATTACHMENTS_PER_COMMENT_MAX, FIELD_ATTACHMENT, media_type_for,
};
use portal_i18n::text;
use serde::Serialize;
use tokio::io::{AsyncRead, ReadBuf};

use crate::disk::human_size;
use crate::error::{Error, Result};
use crate::progress_pace::ProgressPace;

/// Field name of attachment errors in [`Error::Validation`].
pub const ATTACHMENTS_FIELD: &str = "attachments";

/// A file picked to attach, as checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PickedFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its name (the last part of the path).
    pub name: String,
    /// Its size when checked.
    pub size: u64,
    /// The media type sent with it.
    pub media_type: String,
}

/// Checks one file: it exists, is a regular file, can be read and is
/// within the portal's limit.
pub fn check_attachment(path: &Path) -> Result<PickedFile> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(attachment_problem(
                "missing",
                text(
                    "attach-missing",
                    &[
                        ("name", name.as_str().into()),
                        ("path", path.display().to_string().into()),
                    ],
                ),
            ));
        }
        Err(error) => {
            return Err(attachment_problem(
                "unreadable",
                text(
                    "attach-unreadable",
                    &[
                        ("name", name.as_str().into()),
                        ("reason", error.to_string().into()),
                    ],
                ),
            ));
        }
    };
    if !metadata.is_file() {
        return Err(attachment_problem(
            "not_a_file",
            text("attach-not-a-file", &[("name", name.as_str().into())]),
        ));
    }
    if let Err(error) = std::fs::File::open(path) {
        return Err(attachment_problem(
            "unreadable",
            text(
                "attach-unreadable",
                &[
                    ("name", name.as_str().into()),
                    ("reason", error.to_string().into()),
                ],
            ),
        ));
    }
    if metadata.len() > ATTACHMENT_MAX_BYTES {
        return Err(attachment_problem(
            "too_large",
            text(
                "attach-too-large",
                &[
                    ("name", name.as_str().into()),
                    ("size", human_size(metadata.len()).into()),
                    ("most", (ATTACHMENT_MAX_BYTES >> 20).into()),
                ],
            ),
        ));
    }
    Ok(PickedFile {
        path: path.to_path_buf(),
        media_type: media_type_for(&name).to_owned(),
        name,
        size: metadata.len(),
    })
}

/// A validation error about the attachments, with one field error.
fn attachment_problem(code: &str, message: String) -> Error {
    Error::Validation {
        message: message.clone(),
        fields: vec![FieldError {
            field: ATTACHMENTS_FIELD.into(),
            code: code.into(),
            message,
        }],
    }
}

/// Checks every file and the count; one error naming every problem.
pub fn check_attachments(paths: &[PathBuf]) -> Result<Vec<PickedFile>> {
    let mut picked = Vec::new();
    let mut problems: Vec<FieldError> = Vec::new();
    if paths.len() > ATTACHMENTS_PER_COMMENT_MAX {
        problems.push(FieldError {
            field: ATTACHMENTS_FIELD.into(),
            code: "too_many".into(),
            message: text(
                "attach-too-many",
                &[
                    ("most", ATTACHMENTS_PER_COMMENT_MAX.into()),
                    ("picked", paths.len().into()),
                ],
            ),
        });
    }
    for path in paths {
        match check_attachment(path) {
            Ok(file) => picked.push(file),
            Err(Error::Validation { fields, .. }) => problems.extend(fields),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        return Ok(picked);
    }
    let message = problems
        .iter()
        .map(|problem| problem.message.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Err(Error::Validation {
        message,
        fields: problems,
    })
}

/// Bytes sent so far and in all, reported while an upload runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct UploadProgress {
    /// Bytes of the files sent so far.
    pub sent: u64,
    /// Bytes of all files.
    pub total: u64,
}

/// What an upload reports progress to.
pub type ProgressSink = Arc<dyn Fn(UploadProgress) + Send + Sync>;

/// `sink`, fed only the reports [`ProgressPace`] lets through: the start
/// (nothing sent yet), the end (all sent), and at most ten a second between
/// (what a screen shows; the form itself reports every read).
pub fn paced(sink: ProgressSink) -> ProgressSink {
    let pace = std::sync::Mutex::new(ProgressPace::default());
    Arc::new(move |progress: UploadProgress| {
        let first_or_last = progress.sent == 0 || progress.sent >= progress.total;
        let due = pace
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .due(Instant::now(), first_or_last)
            .is_some();
        if due {
            sink(progress);
        }
    })
}

/// A multipart body to build (again, if the request is repeated after a
/// token refresh): text fields and checked files.
#[derive(Clone)]
pub struct UploadForm {
    texts: Vec<(&'static str, String)>,
    files: Vec<PickedFile>,
    progress: Option<ProgressSink>,
}

impl std::fmt::Debug for UploadForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadForm")
            .field("texts", &self.texts)
            .field("files", &self.files)
            .finish_non_exhaustive()
    }
}

/// `filename` carries the name percent-encoded (UTF-8), so any name
/// survives the trip; the portal decodes it.
const NAME_ESCAPES: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

impl UploadForm {
    /// A form of text fields and files.
    pub fn new(
        texts: Vec<(&'static str, String)>,
        files: Vec<PickedFile>,
        progress: Option<ProgressSink>,
    ) -> Self {
        Self {
            texts,
            files,
            progress,
        }
    }

    /// Bytes of all files.
    pub fn total(&self) -> u64 {
        self.files.iter().map(|file| file.size).sum()
    }

    /// The reqwest form, each file opened now and streamed as it is sent.
    pub(crate) fn to_multipart(&self) -> Result<reqwest::multipart::Form> {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in &self.texts {
            form = form.text(*name, value.clone());
        }
        let sent = Arc::new(AtomicU64::new(0));
        let total = self.total();
        if let Some(progress) = &self.progress {
            progress(UploadProgress { sent: 0, total });
        }
        for file in &self.files {
            let opened = std::fs::File::open(&file.path).map_err(|error| {
                let checked = check_attachment(&file.path);
                checked.err().unwrap_or_else(|| {
                    Error::local_because(format!("cannot open {}", file.path.display()), error)
                })
            })?;
            let reader = CheckedReader {
                file: tokio::fs::File::from_std(opened),
                name: file.name.clone(),
                expected: file.size,
                read: 0,
                sent: sent.clone(),
                total,
                progress: self.progress.clone(),
            };
            let body = reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::with_capacity(
                reader,
                256 * 1024,
            ));
            let part = reqwest::multipart::Part::stream_with_length(body, file.size)
                .file_name(utf8_percent_encode(&file.name, NAME_ESCAPES).to_string())
                .mime_str(&file.media_type)
                .map_err(Error::local_source)?;
            form = form.part(FIELD_ATTACHMENT, part);
        }
        Ok(form)
    }

    /// After a failed send: the file that vanished or changed on the way,
    /// as a validation error naming it, if that was the cause.
    pub(crate) fn changed_file(&self) -> Option<Error> {
        self.files
            .iter()
            .find_map(|file| match check_attachment(&file.path) {
                Err(error) => Some(error),
                Ok(now) if now.size != file.size => Some(attachment_problem(
                    "changed",
                    text("attach-changed", &[("name", (&file.name).into())]),
                )),
                Ok(_) => None,
            })
    }
}

/// Reads a file for an upload, counting the bytes for the progress and
/// failing when the file turns out longer or shorter than when it was
/// checked (the request then fails and the portal stores nothing).
struct CheckedReader {
    file: tokio::fs::File,
    name: String,
    expected: u64,
    read: u64,
    sent: Arc<AtomicU64>,
    total: u64,
    progress: Option<ProgressSink>,
}

impl AsyncRead for CheckedReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buffer: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buffer.filled().len();
        let this = &mut *self;
        match Pin::new(&mut this.file).poll_read(context, buffer) {
            Poll::Ready(Ok(())) => {
                let count = (buffer.filled().len() - before) as u64;
                this.read += count;
                if count == 0 && this.read < this.expected || this.read > this.expected {
                    return Poll::Ready(Err(io::Error::other(format!(
                        "{} changed while it was being sent",
                        this.name
                    ))));
                }
                if count > 0 {
                    let sent = this.sent.fetch_add(count, Ordering::Relaxed) + count;
                    if let Some(progress) = &this.progress {
                        progress(UploadProgress {
                            sent,
                            total: this.total,
                        });
                    }
                }
                Poll::Ready(Ok(()))
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picked_files_are_checked_with_reasons() {
        let folder = tempfile::tempdir().unwrap();
        let good = folder.path().join("notes.txt");
        std::fs::write(&good, b"hello").unwrap();
        let picked = check_attachment(&good).unwrap();
        assert_eq!((picked.name.as_str(), picked.size), ("notes.txt", 5));
        assert_eq!(picked.media_type, "text/plain");

        let missing = folder.path().join("gone.pdf");
        let error = check_attachment(&missing).unwrap_err();
        assert!(
            error.to_string().contains("“gone.pdf” is no longer at"),
            "{error}"
        );
        assert_eq!(error.fields()[ATTACHMENTS_FIELD], error.to_string());
        let error = check_attachment(folder.path()).unwrap_err();
        assert!(error.to_string().contains("is not a file"), "{error}");

        let big = folder.path().join("big.bin");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(ATTACHMENT_MAX_BYTES + 1).unwrap();
        let error = check_attachment(&big).unwrap_err();
        assert_eq!(
            error.to_string(),
            "“big.bin” is too large to attach (50 MB); the portal takes at most 50 MB per file."
        );
        file.set_len(ATTACHMENT_MAX_BYTES).unwrap();
        assert!(check_attachment(&big).is_ok(), "exactly the limit");

        let error = check_attachments(&[good.clone(), missing.clone(), good.clone()]).unwrap_err();
        match error {
            Error::Validation { fields, .. } => assert_eq!(fields.len(), 1),
            other => panic!("{other:?}"),
        }
        let eleven = vec![good; 11];
        assert!(
            check_attachments(&eleven)
                .unwrap_err()
                .to_string()
                .contains("at most 10")
        );
    }
}
