//! The portal's file store: document files kept beside the database in a
//! folder named `DB.files`, each under the SHA-256 of its content, so files
//! of any size stay out of SQLite and identical files are stored once.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// A file put into the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// SHA-256 of the content, lowercase hex (also its name in the store).
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// The folder of stored files.
#[derive(Debug, Clone)]
pub struct FileStore {
    dir: PathBuf,
}

impl FileStore {
    /// The store belonging to the database at `db_path`.
    pub fn beside(db_path: &Path) -> Self {
        let mut name = db_path
            .file_name()
            .map(|name| name.to_os_string())
            .unwrap_or_default();
        name.push(".files");
        Self {
            dir: db_path.with_file_name(name),
        }
    }

    /// Where the file with this digest lives.
    pub fn path_of(&self, sha256: &str) -> PathBuf {
        self.dir.join(sha256)
    }

    /// Stores `bytes`.
    pub fn put(&self, bytes: &[u8]) -> io::Result<StoredFile> {
        self.put_with(|sink| sink.write_all(bytes))
    }

    /// Stores `bytes` unless the store holds them already (the same
    /// digest): many files with the same content cost one write.
    pub fn put_once(&self, bytes: &[u8]) -> io::Result<StoredFile> {
        let sha256 = hex::encode(Sha256::digest(bytes));
        if self.path_of(&sha256).is_file() {
            return Ok(StoredFile {
                sha256,
                size: bytes.len() as u64,
            });
        }
        self.put(bytes)
    }

    /// Stores `size` bytes of deterministic noise derived from `seed`,
    /// written a block at a time so memory stays flat (for the benchmark's
    /// and the fault tests' large documents).
    pub fn put_noise(&self, size: u64, seed: u64) -> io::Result<StoredFile> {
        self.put_with(|sink| {
            let mut state = seed | 1;
            let mut block = vec![0u8; 1 << 20];
            let mut left = size;
            while left > 0 {
                for chunk in block.chunks_exact_mut(8) {
                    // xorshift64: fast, and incompressible enough.
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    chunk.copy_from_slice(&state.to_le_bytes());
                }
                let take = left.min(block.len() as u64) as usize;
                sink.write_all(&block[..take])?;
                left -= take as u64;
            }
            Ok(())
        })
    }

    fn put_with(
        &self,
        write: impl FnOnce(&mut HashingWriter) -> io::Result<()>,
    ) -> io::Result<StoredFile> {
        std::fs::create_dir_all(&self.dir)?;
        let temporary = tempfile::NamedTempFile::new_in(&self.dir)?;
        let mut sink = HashingWriter {
            file: io::BufWriter::with_capacity(1 << 20, temporary.as_file().try_clone()?),
            hasher: Sha256::new(),
            size: 0,
        };
        write(&mut sink)?;
        sink.file.flush()?;
        let sha256 = hex::encode(sink.hasher.finalize());
        let stored = StoredFile {
            sha256,
            size: sink.size,
        };
        temporary
            .persist(self.path_of(&stored.sha256))
            .map_err(|error| error.error)?;
        Ok(stored)
    }

    /// A new temporary file inside the store, for an upload to stream
    /// into before [`Self::keep`] names it by its digest.
    pub fn upload_file(&self) -> io::Result<tempfile::NamedTempFile> {
        std::fs::create_dir_all(&self.dir)?;
        tempfile::NamedTempFile::new_in(&self.dir)
    }

    /// Stores a finished upload under its digest. Answers true when the
    /// content was not stored before (so it may be removed again if the
    /// upload is abandoned).
    pub fn keep(&self, upload: tempfile::NamedTempFile, sha256: &str) -> io::Result<bool> {
        let path = self.path_of(sha256);
        if path.exists() {
            return Ok(false);
        }
        upload.persist(path).map_err(|error| error.error)?;
        Ok(true)
    }

    /// Removes a stored file (an abandoned upload's).
    pub fn remove(&self, sha256: &str) -> io::Result<()> {
        std::fs::remove_file(self.path_of(sha256))
    }

    /// Opens a stored file for reading.
    pub fn open(&self, sha256: &str) -> io::Result<File> {
        File::open(self.path_of(sha256))
    }
}

/// Writes to a file while counting and hashing.
struct HashingWriter {
    file: io::BufWriter<File>,
    hasher: Sha256,
    size: u64,
}

impl Write for HashingWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.file.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        self.size += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_stored_under_their_digest_beside_the_database() {
        let folder = tempfile::tempdir().unwrap();
        let store = FileStore::beside(&folder.path().join("portal.db"));
        let stored = store.put(b"abc").unwrap();
        assert_eq!(
            stored.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(stored.size, 3);
        assert_eq!(
            std::fs::read(folder.path().join("portal.db.files").join(&stored.sha256)).unwrap(),
            b"abc"
        );
        let noise = store.put_noise(3 * 1024 * 1024 + 5, 7).unwrap();
        assert_eq!(noise.size, 3 * 1024 * 1024 + 5);
        assert_eq!(store.put_noise(3 * 1024 * 1024 + 5, 7).unwrap(), noise);
        assert_ne!(store.put_noise(1024, 8).unwrap().sha256, noise.sha256);
    }
}
