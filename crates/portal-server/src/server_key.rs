//! The portal's own key, kept in a file beside the database and never in
//! it, so a copy of the database alone gives away no second factor:
//!
//! - two-step (TOTP) secrets are sealed with ChaCha20-Poly1305, the user's
//!   id bound in as associated data (a sealed secret moved to another user
//!   does not open);
//! - recovery codes are stored as HMAC-SHA256 under the key (salted by it),
//!   not as bare hashes anyone could test guesses against.
//!
//! The primitives are `ring`'s, already in the build through rustls.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use base64::Engine;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::hmac;
use rusqlite::{Connection, params};

use crate::tokens::token_hash;

/// Prefix of a sealed secret (version 1 of the format).
const SEALED: &str = "s1:";
/// Prefix of a keyed recovery-code digest.
const KEYED: &str = "h1:";
/// Bytes of key material: one key to seal, one to digest.
const KEY_BYTES: usize = 64;

/// The key, loaded.
pub struct ServerKey {
    sealing: LessSafeKey,
    digest: hmac::Key,
}

impl std::fmt::Debug for ServerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerKey(<redacted>)")
    }
}

/// Where the key of the database at `db_path` lives: `DB.key`.
pub fn key_path(db_path: &Path) -> PathBuf {
    let mut path = db_path.as_os_str().to_owned();
    path.push(".key");
    PathBuf::from(path)
}

impl ServerKey {
    /// The key beside the database at `db_path`, made (readable by this
    /// user only) when there is none yet.
    pub fn beside(db_path: &Path) -> anyhow::Result<Self> {
        let path = key_path(db_path);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let mut bytes = vec![0u8; KEY_BYTES];
                getrandom::fill(&mut bytes)
                    .map_err(|error| anyhow::anyhow!("no randomness for the key: {error}"))?;
                write_private(&path, &bytes)
                    .with_context(|| format!("cannot write the key {}", path.display()))?;
                bytes
            }
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read {}", path.display()));
            }
        };
        anyhow::ensure!(
            bytes.len() == KEY_BYTES,
            "{} is not a key of this portal ({} bytes, not {KEY_BYTES})",
            path.display(),
            bytes.len()
        );
        Self::from_bytes(&bytes)
    }

    fn from_bytes(bytes: &[u8]) -> anyhow::Result<Self> {
        let sealing = UnboundKey::new(&CHACHA20_POLY1305, &bytes[..32])
            .map_err(|_| anyhow::anyhow!("the sealing key is not usable"))?;
        Ok(Self {
            sealing: LessSafeKey::new(sealing),
            digest: hmac::Key::new(hmac::HMAC_SHA256, &bytes[32..]),
        })
    }

    /// `secret` sealed for user `user_id`.
    pub fn seal(&self, user_id: i64, secret: &str) -> anyhow::Result<String> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|error| anyhow::anyhow!("no randomness: {error}"))?;
        let mut sealed = secret.as_bytes().to_vec();
        self.sealing
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(user_id.to_be_bytes()),
                &mut sealed,
            )
            .map_err(|_| anyhow::anyhow!("sealing failed"))?;
        let mut stored = nonce.to_vec();
        stored.extend_from_slice(&sealed);
        Ok(format!(
            "{SEALED}{}",
            base64::engine::general_purpose::STANDARD.encode(stored)
        ))
    }

    /// The secret sealed for `user_id`, or `None` when `sealed` is not one
    /// this key sealed for that user.
    pub fn open(&self, user_id: i64, sealed: &str) -> Option<String> {
        let stored = base64::engine::general_purpose::STANDARD
            .decode(sealed.strip_prefix(SEALED)?)
            .ok()?;
        if stored.len() < NONCE_LEN {
            return None;
        }
        let (nonce, rest) = stored.split_at(NONCE_LEN);
        let mut in_out = rest.to_vec();
        let plain = self
            .sealing
            .open_in_place(
                Nonce::try_assume_unique_for_key(nonce).ok()?,
                Aad::from(user_id.to_be_bytes()),
                &mut in_out,
            )
            .ok()?;
        String::from_utf8(plain.to_vec()).ok()
    }

    /// The stored form of a recovery code (already normalised).
    pub fn code_digest(&self, code: &str) -> String {
        self.keyed(&token_hash(code))
    }

    /// A bare SHA-256 (hex) of a code, as older portals stored it, under
    /// the key: the same value [`ServerKey::code_digest`] gives the code.
    fn keyed(&self, sha256_hex: &str) -> String {
        let tag = hmac::sign(&self.digest, sha256_hex.as_bytes());
        format!("{KEYED}{}", hex::encode(tag.as_ref()))
    }
}

/// Seals the two-step secrets and keys the recovery codes that an older
/// portal stored in the clear or bare; answers how many rows changed.
pub fn protect_stored_secrets(conn: &mut Connection, key: &ServerKey) -> anyhow::Result<usize> {
    let tx = conn.transaction()?;
    let mut changed = 0;
    let rows: Vec<(i64, Option<String>, Option<String>)> = tx
        .prepare("SELECT user_id, secret, pending_secret FROM user_mfa")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (user_id, secret, pending) in rows {
        let seal = |value: Option<String>| -> anyhow::Result<Option<String>> {
            match value {
                Some(plain) if !plain.starts_with(SEALED) => Ok(Some(key.seal(user_id, &plain)?)),
                other => Ok(other),
            }
        };
        let (new_secret, new_pending) = (seal(secret.clone())?, seal(pending.clone())?);
        if new_secret != secret || new_pending != pending {
            tx.execute(
                "UPDATE user_mfa SET secret = ?1, pending_secret = ?2 WHERE user_id = ?3",
                params![new_secret, new_pending, user_id],
            )?;
            changed += 1;
        }
    }
    let codes: Vec<(i64, String)> = tx
        .prepare("SELECT user_id, code_hash FROM recovery_codes WHERE code_hash NOT LIKE 'h1:%'")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (user_id, bare) in codes {
        tx.execute(
            "UPDATE recovery_codes SET code_hash = ?1 WHERE user_id = ?2 AND code_hash = ?3",
            params![key.keyed(&bare), user_id, bare],
        )?;
        changed += 1;
    }
    tx.commit()?;
    Ok(changed)
}

/// Writes a new file that only this user can read (on Unix; on Windows the
/// file inherits the database folder's access list).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_open_only_for_their_user_and_the_key_stays_put() {
        let folder = tempfile::tempdir().unwrap();
        let db = folder.path().join("portal.db");
        let key = ServerKey::beside(&db).unwrap();
        let sealed = key.seal(7, "GEZDGNBVGY3TQOJQ").unwrap();
        assert!(sealed.starts_with("s1:") && !sealed.contains("GEZDG"));
        assert_eq!(key.open(7, &sealed).as_deref(), Some("GEZDGNBVGY3TQOJQ"));
        assert_eq!(key.open(8, &sealed), None, "bound to its user");
        assert_eq!(
            key.open(7, "GEZDGNBVGY3TQOJQ"),
            None,
            "plain text is no seal"
        );
        let again = ServerKey::beside(&db).unwrap();
        assert_eq!(again.open(7, &sealed).as_deref(), Some("GEZDGNBVGY3TQOJQ"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(key_path(&db))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let other = ServerKey::beside(&folder.path().join("other.db")).unwrap();
        assert_eq!(other.open(7, &sealed), None, "another portal's key");
        assert_ne!(
            other.code_digest("k7m2px9qfr"),
            key.code_digest("k7m2px9qfr")
        );
        assert!(key.code_digest("k7m2px9qfr").starts_with("h1:"));
    }

    #[test]
    fn an_older_database_is_protected_in_place() {
        let folder = tempfile::tempdir().unwrap();
        let key = ServerKey::beside(&folder.path().join("portal.db")).unwrap();
        let mut conn = Connection::open_in_memory().unwrap();
        crate::db::migrate_for_tests(&mut conn);
        conn.execute_batch(
            "INSERT INTO users (id, email, password_hash, first_name, last_name, updated_at)
                 VALUES (1, 'a@example.com', 'x', 'A', 'B', 0);
             INSERT INTO user_mfa (user_id, secret, enabled_at) VALUES (1, 'GEZDGNBVGY3TQOJQ', 1);",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO recovery_codes (user_id, code_hash) VALUES (1, ?1)",
            [token_hash("k7m2px9qfr")],
        )
        .unwrap();
        assert_eq!(protect_stored_secrets(&mut conn, &key).unwrap(), 2);
        let (secret, code): (String, String) = conn
            .query_row(
                "SELECT m.secret, r.code_hash FROM user_mfa m JOIN recovery_codes r USING (user_id)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!(key.open(1, &secret).as_deref(), Some("GEZDGNBVGY3TQOJQ"));
        assert_eq!(code, key.code_digest("k7m2px9qfr"));
        assert_eq!(protect_stored_secrets(&mut conn, &key).unwrap(), 0, "once");
    }
}
