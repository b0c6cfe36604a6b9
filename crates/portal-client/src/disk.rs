//! The disk under a destination folder: free space before a download,
//! files copied aside with their digest, sizes in words, and file-system
//! errors in words.

use std::io::ErrorKind;
use std::path::Path;

use portal_i18n::text;

use crate::error::{Error, Result};

/// Space left free on the disk after a download, in bytes.
pub const FREE_SPACE_MARGIN: u64 = 16 * 1024 * 1024;

/// Checks, before a download starts, that `folder`'s disk has room for
/// `needed` more bytes and a margin; the error says how much is missing.
pub fn ensure_free_space(folder: &Path, needed: u64) -> Result<()> {
    let available = fs4::available_space(folder)
        .map_err(|error| io_error(FileAction::MeasureFreeSpace, folder, &error))?;
    if available >= needed.saturating_add(FREE_SPACE_MARGIN) {
        return Ok(());
    }
    Err(Error::Destination(text(
        "disk-not-enough-space",
        &[
            ("folder", folder.display().to_string().into()),
            ("needed", human_size(needed).into()),
            ("free", human_size(available).into()),
        ],
    )))
}

/// A file copied into a temporary file in `folder` (flushed to disk), with
/// its size and SHA-256 (hex) as read: the caller checks or keeps them and
/// persists the copy where it belongs, or drops it.
pub(crate) fn copy_aside(
    source: &Path,
    folder: &Path,
) -> std::io::Result<(tempfile::NamedTempFile, u64, String)> {
    use sha2::{Digest, Sha256};
    use std::io::{Read, Write};
    let mut source = std::fs::File::open(source)?;
    let mut target = tempfile::NamedTempFile::new_in(folder)?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = source.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        target.write_all(&buffer[..read])?;
        size += read as u64;
    }
    target.as_file().sync_all()?;
    Ok((target, size, hex::encode(hasher.finalize())))
}

/// The SHA-256 of the file at `path`, hex; `None` when it cannot be read.
pub(crate) fn sha256_of(path: &Path) -> Option<String> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path).ok()?, &mut hasher).ok()?;
    Some(hex::encode(hasher.finalize()))
}

/// "1.5 MB", "830 KB", "12 bytes".
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KB", "MB", "GB", "TB", "PB"];
    if bytes < 1024 {
        return text("size-bytes", &[("count", bytes.into())]);
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    let digits = if value < 10.0 { 1 } else { 0 };
    format!("{} {}", portal_i18n::decimal(value, digits), UNITS[unit])
}

/// What was being done to a file when the file system refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAction {
    /// Creating a file or folder.
    Create,
    /// Flushing a file to the disk.
    Flush,
    /// Measuring the free space of a folder's disk.
    MeasureFreeSpace,
    /// Opening a file.
    Open,
    /// Reading a file.
    Read,
    /// Removing a file.
    Remove,
    /// Replacing a file with a new version.
    Replace,
    /// Saving a file under its final name.
    Save,
    /// Writing a file into a folder.
    WriteIn,
    /// Writing a file.
    Write,
    /// Keeping a copy of a file in a folder.
    KeepCopyIn,
    /// Keeping a copy of a file.
    KeepCopyOf,
}

impl FileAction {
    /// The id of the message that says this went wrong at a path.
    fn message_id(self) -> &'static str {
        match self {
            FileAction::Create => "io-cannot-create",
            FileAction::Flush => "io-cannot-flush",
            FileAction::MeasureFreeSpace => "io-cannot-measure",
            FileAction::Open => "io-cannot-open",
            FileAction::Read => "io-cannot-read",
            FileAction::Remove => "io-cannot-remove",
            FileAction::Replace => "io-cannot-replace",
            FileAction::Save => "io-cannot-save",
            FileAction::WriteIn => "io-cannot-write-in",
            FileAction::Write => "io-cannot-write",
            FileAction::KeepCopyIn => "io-cannot-keep-copy-in",
            FileAction::KeepCopyOf => "io-cannot-keep-copy-of",
        }
    }
}

/// A file-system error at the destination, in words. The kinds are the
/// standard library's, decoded from each system's own codes (`ENOSPC` and
/// `ERROR_DISK_FULL` alike); Windows' "in use by another program", which
/// has no kind, is recognised by its codes.
pub fn io_error(action: FileAction, path: &Path, error: &std::io::Error) -> Error {
    let reason = match error.kind() {
        ErrorKind::FileTooLarge => text("io-too-large", &[]),
        ErrorKind::StorageFull => text("io-disk-full", &[]),
        ErrorKind::QuotaExceeded => text("io-quota", &[]),
        ErrorKind::PermissionDenied => text("io-permission-denied", &[]),
        ErrorKind::ReadOnlyFilesystem => text("io-read-only", &[]),
        _ if is_in_use_elsewhere(error) => text("io-in-use", &[]),
        _ => error.to_string(),
    };
    Error::Destination(text(
        action.message_id(),
        &[
            ("path", path.display().to_string().into()),
            ("reason", reason.into()),
        ],
    ))
}

/// Windows' `ERROR_SHARING_VIOLATION` and `ERROR_LOCK_VIOLATION`: another
/// program holds the file open without sharing it.
#[cfg(windows)]
fn is_in_use_elsewhere(error: &std::io::Error) -> bool {
    matches!(error.raw_os_error(), Some(32 | 33))
}

/// Unix systems let every program open a file; nothing is "in use".
#[cfg(not(windows))]
fn is_in_use_elsewhere(_error: &std::io::Error) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason_for(code: i32) -> String {
        let error = std::io::Error::from_raw_os_error(code);
        let message = io_error(FileAction::Save, Path::new("Invoice.pdf"), &error).to_string();
        message.trim_end_matches('.').to_owned()
    }

    #[cfg(unix)]
    #[test]
    fn unix_refusals_are_put_in_words() {
        assert!(reason_for(libc::ENOSPC).ends_with("the disk is full"));
        assert!(reason_for(libc::EFBIG).contains("larger than this file system"));
        assert!(reason_for(libc::EACCES).ends_with("permission denied"));
        assert!(reason_for(libc::EROFS).ends_with("the disk is read-only"));
        assert!(reason_for(libc::EDQUOT).ends_with("disk quota is used up"));
    }

    /// The Windows twin, with Windows' own codes.
    #[cfg(windows)]
    #[test]
    fn windows_refusals_are_put_in_words() {
        // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
        assert!(reason_for(112).ends_with("the disk is full"));
        assert!(reason_for(39).ends_with("the disk is full"));
        // ERROR_FILE_TOO_LARGE
        assert!(reason_for(223).contains("larger than this file system"));
        // ERROR_ACCESS_DENIED, ERROR_WRITE_PROTECT, ERROR_DISK_QUOTA_EXCEEDED
        assert!(reason_for(5).ends_with("permission denied"));
        assert!(reason_for(19).ends_with("the disk is read-only"));
        assert!(reason_for(1295).ends_with("disk quota is used up"));
        // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        assert!(reason_for(32).contains("another program is using it"));
        assert!(reason_for(33).contains("another program is using it"));
    }

    #[test]
    fn free_space_is_checked_before_a_download() {
        let folder = tempfile::tempdir().unwrap();
        ensure_free_space(folder.path(), 1).unwrap();
        let error = ensure_free_space(folder.path(), u64::MAX / 2).unwrap_err();
        assert!(
            error.to_string().contains("not enough free space"),
            "{error}"
        );
        assert_eq!(human_size(12), "12 bytes");
        assert_eq!(human_size(1536), "1.5 KB");
        assert_eq!(human_size(30 * 1024 * 1024), "30 MB");
    }
}
