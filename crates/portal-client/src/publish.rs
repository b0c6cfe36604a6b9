//! Putting a finished download in place without ever replacing a file: the
//! bytes go to a hidden `.portal-desk-KEY.part` file beside the destination
//! (KEY names the download, so an interrupted one is found again); once
//! complete they are flushed to disk and linked under the first free name
//! (`Name.pdf`, `Name (1).pdf`, ...), and the folder is flushed too. Nothing
//! here follows a symbolic link at the destination.

use std::fs::{File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use portal_i18n::text;

use crate::disk::{FileAction, io_error};
use crate::error::{Error, Result};
use crate::safe_names::{join_inside, numbered_name};

/// How many numbered alternatives are tried before giving up.
const MAX_ALTERNATIVES: u32 = 10_000;

/// The hidden file the download named `key` (letters and digits) is
/// written to in `folder`, and the file beside it that remembers which
/// version of the file the part holds.
pub fn part_paths(folder: &Path, key: &str) -> (PathBuf, PathBuf) {
    (
        folder.join(format!(".portal-desk-{key}.part")),
        folder.join(format!(".portal-desk-{key}.state")),
    )
}

/// Creates the part file for a new download; an existing one (or anything
/// at that path, a link included) is an error rather than reused.
pub fn create_part(path: &Path) -> Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|error| io_error(FileAction::Create, path, &error))
}

/// Opens an existing part file to append to it, never through a link.
pub fn reopen_part(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    Ok(file)
}

/// Flushes the part file at `part` to disk and gives it the first free name
/// among `name`, `name (1)`, ... in `folder`; answers the final path. An
/// existing file is never replaced and a link there is never followed.
pub fn publish(part: &Path, folder: &Path, name: &str) -> Result<PathBuf> {
    // Through a handle opened for writing: Windows refuses to flush a
    // read-only one.
    OpenOptions::new()
        .write(true)
        .open(part)
        .and_then(|file| file.sync_all())
        .map_err(|error| io_error(FileAction::Flush, part, &error))?;
    for attempt in 0..=MAX_ALTERNATIVES {
        let candidate = if attempt == 0 {
            name.to_owned()
        } else {
            numbered_name(name, attempt)
        };
        let destination = join_inside(folder, &candidate)?;
        match link_without_replacing(part, &destination) {
            Ok(()) => {
                std::fs::remove_file(part)
                    .map_err(|error| io_error(FileAction::Remove, part, &error))?;
                sync_folder(folder);
                return Ok(destination);
            }
            Err(error) if error.kind() == ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(io_error(FileAction::Save, &destination, &error)),
        }
    }
    Err(Error::Destination(text(
        "publish-too-many-alike",
        &[
            ("folder", folder.display().to_string().into()),
            ("count", MAX_ALTERNATIVES.into()),
            ("name", name.into()),
        ],
    )))
}

/// Writes `bytes` to a hidden part file in `folder`, then publishes it
/// as [`publish`] does under `name` (or the first free numbered form of
/// it); answers the final path. On failure no part file is left.
pub fn publish_bytes(folder: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let key = uuid::Uuid::new_v4().simple().to_string();
    let (part, _) = part_paths(folder, &key);
    let written = create_part(&part).and_then(|mut file| {
        std::io::Write::write_all(&mut file, bytes)
            .map_err(|error| io_error(FileAction::Write, &part, &error))
    });
    let published = written.and_then(|()| publish(&part, folder, name));
    if published.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    published
}

/// Makes `to` name the same file as `from`, failing with `AlreadyExists`
/// when anything (a file, a folder, a link) is at `to`. Where the file
/// system has no hard links, the bytes are copied into a file created
/// exclusively at `to`.
fn link_without_replacing(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Err(error),
        Err(_) => {
            let mut target = OpenOptions::new().write(true).create_new(true).open(to)?;
            let copied = File::open(from)
                .and_then(|mut source| std::io::copy(&mut source, &mut target))
                .and_then(|_| target.sync_all());
            if copied.is_err() {
                let _ = std::fs::remove_file(to);
            }
            copied
        }
    }
}

/// Flushes the folder's entries, so the new name survives a crash.
fn sync_folder(folder: &Path) {
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn downloaded(folder: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let (part, _) = part_paths(folder, "k1");
        create_part(&part).unwrap().write_all(bytes).unwrap();
        publish(&part, folder, name).unwrap()
    }

    /// Windows (and macOS) match names without regard to letter case: a
    /// download named like a file already there in other letters gets a
    /// number and leaves that file alone. Linux tells the two apart and
    /// keeps both under their own names.
    #[test]
    fn a_name_taken_in_other_letters_is_never_replaced() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("INVOICE.PDF"), b"theirs").unwrap();
        let case_blind = folder.path().join("invoice.pdf").exists();
        #[cfg(windows)]
        assert!(case_blind, "Windows matches names without letter case");
        let saved = downloaded(folder.path(), "Invoice.pdf", b"mine");
        let expected = if case_blind {
            "Invoice (1).pdf"
        } else {
            "Invoice.pdf"
        };
        assert_eq!(saved.file_name().unwrap(), expected);
        assert_eq!(std::fs::read(&saved).unwrap(), b"mine");
        assert_eq!(
            std::fs::read(folder.path().join("INVOICE.PDF")).unwrap(),
            b"theirs"
        );
    }

    /// Every device name Windows reserves, as the portal might send it,
    /// lands as an ordinary file with its own bytes (on Windows, writing to
    /// `CON.txt` would write to the console and save nothing).
    #[test]
    fn device_names_land_as_ordinary_files() {
        let folder = tempfile::tempdir().unwrap();
        for device in crate::safe_names::RESERVED {
            for raw in [
                device.to_string(),
                format!("{device}.txt"),
                format!("{}.pdf", device.to_lowercase()),
            ] {
                let name = crate::safe_names::safe_file_name(&raw, "download");
                let saved = downloaded(folder.path(), &name, raw.as_bytes());
                assert!(saved.metadata().unwrap().is_file(), "{raw:?} -> {saved:?}");
                assert_eq!(std::fs::read(&saved).unwrap(), raw.as_bytes(), "{raw:?}");
            }
        }
        let count = std::fs::read_dir(folder.path()).unwrap().count();
        assert!(count >= 3 * crate::safe_names::RESERVED.len(), "{count}");
    }

    #[test]
    fn nothing_is_ever_replaced() {
        let folder = tempfile::tempdir().unwrap();
        let first = downloaded(folder.path(), "Invoice.pdf", b"first");
        let second = downloaded(folder.path(), "Invoice.pdf", b"second");
        let third = downloaded(folder.path(), "Invoice.pdf", b"third");
        assert_eq!(first.file_name().unwrap(), "Invoice.pdf");
        assert_eq!(second.file_name().unwrap(), "Invoice (1).pdf");
        assert_eq!(third.file_name().unwrap(), "Invoice (2).pdf");
        assert_eq!(std::fs::read(&first).unwrap(), b"first");
        assert_eq!(std::fs::read(&third).unwrap(), b"third");
        let names: Vec<_> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 3, "no part file is left: {names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_destination_is_neither_followed_nor_replaced() {
        let folder = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let target = elsewhere.path().join("precious.txt");
        std::fs::write(&target, b"precious").unwrap();
        std::os::unix::fs::symlink(&target, folder.path().join("Invoice.pdf")).unwrap();
        std::os::unix::fs::symlink(
            elsewhere.path().join("missing"),
            folder.path().join(".portal-desk-k2.part"),
        )
        .unwrap();

        let saved = downloaded(folder.path(), "Invoice.pdf", b"download");
        assert_eq!(saved.file_name().unwrap(), "Invoice (1).pdf");
        assert_eq!(std::fs::read(&target).unwrap(), b"precious");
        let (part, _) = part_paths(folder.path(), "k2");
        assert!(
            create_part(&part).is_err(),
            "a link where the part file goes is refused"
        );
        assert!(reopen_part(&part).is_err(), "and never followed to resume");
        assert!(!elsewhere.path().join("missing").exists());
    }

    #[test]
    fn unsafe_names_are_refused() {
        let folder = tempfile::tempdir().unwrap();
        let (part, _) = part_paths(folder.path(), "k3");
        create_part(&part).unwrap();
        assert!(publish(&part, folder.path(), "../escape.pdf").is_err());
        assert!(publish(&part, folder.path(), "NUL").is_err());
    }
}
