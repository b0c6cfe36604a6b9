//! Each account's local store: a SQLite file in the account's data folder
//! holding what the portal last said, for instant start-up and offline use.

use std::path::Path;
use std::sync::{Arc, Mutex};

use portal_api::profile::Profile;
use portal_i18n::text;
use rusqlite::{Connection, OptionalExtension, params};
use rusqlite_migration::{M, MigrationDefinitionError, Migrations};
use serde_json::value::RawValue;

use crate::error::{Error, Result};

/// The store's schema, one migration after another (rusqlite_migration
/// records how many ran in `PRAGMA user_version`). Append only.
const MIGRATIONS: &[M<'static>] = &[
    M::up(
        "
CREATE TABLE profile_cache (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL,
    etag TEXT NOT NULL,
    fetched_at INTEGER NOT NULL
);
",
    ),
    M::up(
        "
CREATE TABLE cached_documents (
    key TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    etag TEXT,
    fetched_at INTEGER NOT NULL
);
",
    ),
    M::up("DROP TABLE profile_cache;"),
    M::up(
        "
CREATE TABLE cached_files (
    key TEXT PRIMARY KEY,
    bytes BLOB NOT NULL,
    media_type TEXT NOT NULL,
    etag TEXT,
    fetched_at INTEGER NOT NULL
);
",
    ),
    M::up(
        "
CREATE TABLE library (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    api_path TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    folder TEXT NOT NULL,
    path TEXT,
    status TEXT NOT NULL CHECK (status IN ('finished', 'failed', 'cancelled')),
    message TEXT,
    in_cache INTEGER NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX library_by_time ON library(at);
",
    ),
    M::up(
        "
CREATE TABLE ticket_seen (
    number INTEGER PRIMARY KEY,
    reply_id INTEGER NOT NULL
);
CREATE TABLE drafts (
    key TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
",
    ),
    // Long lists. A kept answer's text moves to a table of its own: SQLite
    // reaches a row's later columns by walking the pages of the earlier
    // ones, so reading or updating a version beside 30 MB of text (100,000
    // documents) cost a read or a rewrite of all of it. A kept list's first
    // screen and length are kept beside it, so a screen shows it at once.
    M::up(
        "
CREATE TABLE cached_texts (
    key TEXT PRIMARY KEY,
    json TEXT NOT NULL
);
INSERT INTO cached_texts (key, json) SELECT key, json FROM cached_documents;
ALTER TABLE cached_documents DROP COLUMN json;
ALTER TABLE cached_documents ADD COLUMN head TEXT;
ALTER TABLE cached_documents ADD COLUMN count INTEGER;
",
    ),
    // The outbox: changes made offline, sent in `id` order.
    M::up(
        "
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    change TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    state TEXT NOT NULL,
    queued_at INTEGER NOT NULL
);
",
    ),
    // The knowledge base as last synced: articles whole with a full-text
    // index kept by triggers, their images (kept by digest), the version
    // the copy is of, and the user's "Was this helpful?" answers.
    M::up(
        "
CREATE TABLE kb_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version TEXT,
    categories TEXT NOT NULL,
    synced_at INTEGER NOT NULL
);
CREATE TABLE kb_articles (
    id INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tags TEXT NOT NULL,
    article TEXT NOT NULL
);
CREATE VIRTUAL TABLE kb_search USING fts5(
    title, body, tags, content = 'kb_articles', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER kb_search_inserted AFTER INSERT ON kb_articles BEGIN
    INSERT INTO kb_search (rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
CREATE TRIGGER kb_search_deleted AFTER DELETE ON kb_articles BEGIN
    INSERT INTO kb_search (kb_search, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
END;
CREATE TABLE kb_images (
    sha256 TEXT PRIMARY KEY,
    media_type TEXT NOT NULL,
    bytes BLOB NOT NULL
);
CREATE TABLE kb_votes (
    article_id INTEGER PRIMARY KEY,
    helpful INTEGER NOT NULL
);
",
    ),
    // The Partner Kit: its listing as last read, and for each folder kept
    // in sync, what was placed there (to tell a user's edit from a kit
    // update) and a history of the syncs.
    M::up(
        "
CREATE TABLE kit_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version TEXT,
    files TEXT NOT NULL,
    synced_at INTEGER NOT NULL
);
CREATE TABLE kit_folders (
    folder TEXT PRIMARY KEY,
    synced_version TEXT
);
CREATE TABLE kit_placed (
    folder TEXT NOT NULL,
    file_id INTEGER NOT NULL,
    rel_path TEXT NOT NULL,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (folder, file_id)
);
CREATE TABLE kit_history (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    folder TEXT NOT NULL,
    report TEXT NOT NULL
);
",
    ),
];

/// The file of an account's local store, in its data folder.
pub const STORE_FILE: &str = "store.sqlite";

/// Items of a kept list kept again as its first screen.
pub const LIST_HEAD: usize = 100;

/// The first screen of a kept list: its first [`LIST_HEAD`] items as JSON
/// text, and how many items the whole list has.
#[derive(Debug)]
pub struct ListHead {
    /// The first items, as kept.
    pub items: Box<RawValue>,
    /// Items in the whole list.
    pub count: u64,
}

/// The key of the profile in `cached_documents`.
const PROFILE_KEY: &str = "profile";

/// A profile as last fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedProfile {
    /// The profile.
    pub profile: Profile,
    /// Its ETag.
    pub etag: String,
    /// When it was fetched (Unix seconds).
    pub fetched_at: i64,
}

/// A cached portal answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached<T> {
    /// The value.
    pub value: T,
    /// Its ETag, if it has one.
    pub etag: Option<String>,
    /// When it was fetched (Unix seconds).
    pub fetched_at: i64,
}

/// A cached file, such as the profile photo.
#[derive(Clone, PartialEq, Eq)]
pub struct CachedFile {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its media type.
    pub media_type: String,
    /// Its ETag, if it has one.
    pub etag: Option<String>,
}

impl std::fmt::Debug for CachedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedFile")
            .field("bytes", &self.bytes.len())
            .field("media_type", &self.media_type)
            .field("etag", &self.etag)
            .finish()
    }
}

/// One account's local store.
#[derive(Clone)]
pub struct LocalStore {
    conn: Arc<Mutex<Connection>>,
}

impl LocalStore {
    /// Opens (creating) the store in `folder`.
    pub fn open(folder: &Path) -> Result<Self> {
        std::fs::create_dir_all(folder).map_err(|error| {
            Error::local_because(format!("cannot create {}", folder.display()), error)
        })?;
        let path = folder.join(STORE_FILE);
        let mut conn = Connection::open(&path).map_err(|error| {
            Error::local_because(format!("cannot open {}", path.display()), error)
        })?;
        migrate(&mut conn, &path)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Remembers the profile as fetched now.
    pub fn save_profile(&self, profile: &Profile, etag: &str) -> Result<()> {
        self.save_cached(PROFILE_KEY, profile, Some(etag))
    }

    /// The profile as last fetched, if ever.
    pub fn cached_profile(&self) -> Result<Option<CachedProfile>> {
        Ok(self.cached::<Profile>(PROFILE_KEY)?.and_then(|cached| {
            Some(CachedProfile {
                profile: cached.value,
                etag: cached.etag?,
                fetched_at: cached.fetched_at,
            })
        }))
    }

    /// Records that the copy kept for `key` was just confirmed current by
    /// the portal (a 304), without writing the copy again.
    pub fn mark_cached_current(&self, key: &str) -> Result<()> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        self.lock()
            .execute(
                "UPDATE cached_documents SET fetched_at = ?1 WHERE key = ?2",
                params![now, key],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    /// Remembers what the portal answered for `key` (settings, roles, ...).
    pub fn save_cached<T: serde::Serialize>(
        &self,
        key: &str,
        value: &T,
        etag: Option<&str>,
    ) -> Result<()> {
        let json = serde_json::to_string(value).map_err(Error::local_source)?;
        self.save_text(key, &json, etag, None)
    }

    /// Remembers a list the portal answered for `key`, with its first
    /// screen and length kept apart (see [`LocalStore::cached_head`]).
    pub fn save_cached_list<T: serde::Serialize>(
        &self,
        key: &str,
        items: &[T],
        etag: Option<&str>,
    ) -> Result<()> {
        let json = serde_json::to_string(items).map_err(Error::local_source)?;
        let head = serde_json::to_string(&items[..items.len().min(LIST_HEAD)])
            .map_err(Error::local_source)?;
        self.save_text(key, &json, etag, Some((&head, items.len())))
    }

    /// Writes a kept answer and what is known about it, together.
    fn save_text(
        &self,
        key: &str,
        json: &str,
        etag: Option<&str>,
        head: Option<(&str, usize)>,
    ) -> Result<()> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let (head, count) = head.map_or((None, None), |(head, count)| {
            (Some(head), Some(count as i64))
        });
        let mut conn = self.lock();
        let transaction = conn.transaction().map_err(Error::local_source)?;
        transaction
            .execute(
                "INSERT INTO cached_documents (key, etag, fetched_at, head, count)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (key) DO UPDATE SET etag = ?2, fetched_at = ?3, head = ?4, count = ?5",
                params![key, etag, now, head, count],
            )
            .and_then(|_| {
                transaction.execute(
                    "INSERT INTO cached_texts (key, json) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET json = ?2",
                    params![key, json],
                )
            })
            .map_err(Error::local_source)?;
        transaction.commit().map_err(Error::local_source)
    }

    /// The first screen of the list kept for `key` (saved with
    /// [`LocalStore::save_cached_list`]), without reading the whole list.
    pub fn cached_head(&self, key: &str) -> Result<Option<Cached<ListHead>>> {
        let row = self
            .lock()
            .query_row(
                "SELECT head, count, etag, fetched_at FROM cached_documents
                 WHERE key = ?1 AND head IS NOT NULL AND count IS NOT NULL",
                [key],
                |row| {
                    Ok(Cached {
                        value: (row.get::<_, String>(0)?, row.get::<_, i64>(1)?),
                        etag: row.get(2)?,
                        fetched_at: row.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(Error::local_source)?;
        row.map(|cached| {
            let (head, count) = cached.value;
            Ok(Cached {
                value: ListHead {
                    items: RawValue::from_string(head).map_err(Error::local_source)?,
                    count: u64::try_from(count).unwrap_or(0),
                },
                etag: cached.etag,
                fetched_at: cached.fetched_at,
            })
        })
        .transpose()
    }

    /// The ETag of the copy kept for `key`, without reading the copy.
    pub fn cached_etag(&self, key: &str) -> Result<Option<String>> {
        self.lock()
            .query_row(
                "SELECT etag FROM cached_documents WHERE key = ?1",
                [key],
                |row| row.get(0),
            )
            .optional()
            .map(Option::flatten)
            .map_err(Error::local_source)
    }

    /// The rows of `sql`, whose one column holds JSON, each read as a `T`.
    pub(crate) fn json_rows<T: serde::de::DeserializeOwned>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<T>> {
        let conn = self.lock();
        let mut statement = conn.prepare(sql).map_err(Error::local_source)?;
        let texts = statement
            .query_map(params, |row| row.get::<_, String>(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(Error::local_source)?;
        texts
            .iter()
            .map(|text| serde_json::from_str(text).map_err(Error::local_source))
            .collect()
    }

    /// What the portal last answered for `key`, with its ETag and when.
    pub fn cached<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<Cached<T>>> {
        self.cached_as(key, |json| serde_json::from_str(&json))
    }

    /// What the portal last answered for `key` as the JSON text kept, not
    /// read into values: for handing a long list on as it is.
    pub fn cached_json(&self, key: &str) -> Result<Option<Cached<Box<RawValue>>>> {
        self.cached_as(key, RawValue::from_string)
    }

    /// The copy kept for `key`, its text turned into a value by `read`.
    fn cached_as<T>(
        &self,
        key: &str,
        read: impl FnOnce(String) -> serde_json::Result<T>,
    ) -> Result<Option<Cached<T>>> {
        self.cached_row(key)?
            .map(|cached| {
                Ok(Cached {
                    value: read(cached.value).map_err(Error::local_source)?,
                    etag: cached.etag,
                    fetched_at: cached.fetched_at,
                })
            })
            .transpose()
    }

    fn cached_row(&self, key: &str) -> Result<Option<Cached<String>>> {
        self.lock()
            .query_row(
                "SELECT t.json, d.etag, d.fetched_at
                 FROM cached_documents d JOIN cached_texts t ON t.key = d.key WHERE d.key = ?1",
                [key],
                |row| {
                    Ok(Cached {
                        value: row.get(0)?,
                        etag: row.get(1)?,
                        fetched_at: row.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(Error::local_source)
    }

    /// Remembers a file the portal answered for `key`.
    pub fn save_file(&self, key: &str, file: &CachedFile) -> Result<()> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        self.lock()
            .execute(
                "INSERT INTO cached_files (key, bytes, media_type, etag, fetched_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (key) DO UPDATE SET bytes = ?2, media_type = ?3, etag = ?4, fetched_at = ?5",
                params![key, file.bytes, file.media_type, file.etag, now],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    /// The file last saved for `key`.
    pub fn cached_file(&self, key: &str) -> Result<Option<CachedFile>> {
        self.lock()
            .query_row(
                "SELECT bytes, media_type, etag FROM cached_files WHERE key = ?1",
                [key],
                |row| {
                    Ok(CachedFile {
                        bytes: row.get(0)?,
                        media_type: row.get(1)?,
                        etag: row.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(Error::local_source)
    }

    /// Forgets what was kept for `key` by [`LocalStore::save_cached`].
    pub fn forget_cached(&self, key: &str) -> Result<()> {
        let mut conn = self.lock();
        let forget = conn.transaction().map_err(Error::local_source)?;
        forget
            .execute("DELETE FROM cached_documents WHERE key = ?1", [key])
            .map_err(Error::local_source)?;
        forget
            .execute("DELETE FROM cached_texts WHERE key = ?1", [key])
            .map_err(Error::local_source)?;
        forget.commit().map_err(Error::local_source)
    }

    /// Forgets the file saved for `key`.
    pub fn forget_file(&self, key: &str) -> Result<()> {
        self.lock()
            .execute("DELETE FROM cached_files WHERE key = ?1", [key])
            .map_err(Error::local_source)?;
        Ok(())
    }

    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Brings the store at `path` to this version's schema; a store written by
/// a newer Portal Desk is refused, never opened half-understood.
fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(Error::local_source)?;
    Migrations::from_slice(MIGRATIONS)
        .to_latest(conn)
        .map_err(|error| match error {
            rusqlite_migration::Error::MigrationDefinition(
                MigrationDefinitionError::DatabaseTooFarAhead,
            ) => Error::local(text(
                "store-newer-version",
                &[("path", path.display().to_string().into())],
            )),
            other => Error::local_because(format!("cannot prepare {}", path.display()), other),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_from_a_newer_version_is_refused_with_a_clear_message() {
        let folder = tempfile::tempdir().unwrap();
        drop(LocalStore::open(folder.path()).unwrap());
        let conn = Connection::open(folder.path().join("store.sqlite")).unwrap();
        conn.pragma_update(None, "user_version", MIGRATIONS.len() + 1)
            .unwrap();
        drop(conn);
        let Err(error) = LocalStore::open(folder.path()) else {
            panic!("a newer store was opened");
        };
        assert_eq!(error.code(), "local_data");
        assert!(
            error
                .to_string()
                .contains("written by a newer version of Portal Desk"),
            "{error}"
        );
    }

    #[test]
    fn profile_round_trips_and_survives_reopening() {
        let folder = tempfile::tempdir().unwrap();
        let store = LocalStore::open(folder.path()).unwrap();
        assert!(store.cached_profile().unwrap().is_none());
        let profile = Profile {
            id: 7,
            email: "lee@example.com".into(),
            first_name: "Lee".into(),
            last_name: "Okafor".into(),
            office_phone: None,
            mobile_phone: Some("+44 7700 900555".into()),
            company: None,
            job_title: None,
            updated_at: time::OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap(),
            pending_username_change: None,
            photo_etag: Some("\"photo-1\"".into()),
        };
        store.save_profile(&profile, "\"v1\"").unwrap();
        drop(store);
        let cached = LocalStore::open(folder.path())
            .unwrap()
            .cached_profile()
            .unwrap()
            .unwrap();
        assert_eq!(cached.profile, profile);
        assert_eq!(cached.etag, "\"v1\"");
    }

    #[test]
    fn a_forgotten_copy_is_gone_and_the_others_stay() {
        let folder = tempfile::tempdir().unwrap();
        let store = LocalStore::open(folder.path()).unwrap();
        store.save_cached("kept", &"screen", None).unwrap();
        store
            .save_cached("roles", &["Admin"], Some("\"r\""))
            .unwrap();
        store.forget_cached("kept").unwrap();
        store.forget_cached("never-kept").unwrap();
        assert!(store.cached::<String>("kept").unwrap().is_none());
        let count: i64 = store
            .lock()
            .query_row(
                "SELECT COUNT(*) FROM cached_texts WHERE key = 'kept'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(count, 0, "the text goes with its row");
        assert_eq!(
            store.cached::<Vec<String>>("roles").unwrap().unwrap().value,
            ["Admin"]
        );
    }

    /// The index of the migration that moved kept texts to a table of
    /// their own.
    const TEXTS_MOVED: usize = 6;

    #[test]
    fn copies_kept_before_the_texts_moved_are_kept_through_the_move() {
        let folder = tempfile::tempdir().unwrap();
        {
            let mut conn = Connection::open(folder.path().join("store.sqlite")).unwrap();
            // The migrations before the one that moved the texts.
            Migrations::new(MIGRATIONS[..TEXTS_MOVED].to_vec())
                .to_latest(&mut conn)
                .unwrap();
            conn.execute(
                "INSERT INTO cached_documents (key, json, etag, fetched_at) VALUES ('roles', '[\"Admin\"]', '\"e\"', 7)",
                [],
            )
            .unwrap();
        }
        let store = LocalStore::open(folder.path()).unwrap();
        let kept = store.cached::<Vec<String>>("roles").unwrap().unwrap();
        assert_eq!(
            (kept.value, kept.etag, kept.fetched_at),
            (vec!["Admin".to_owned()], Some("\"e\"".to_owned()), 7)
        );
        assert!(store.cached_head("roles").unwrap().is_none());
    }

    #[test]
    fn a_kept_list_has_its_first_screen_and_length_apart() {
        let folder = tempfile::tempdir().unwrap();
        let store = LocalStore::open(folder.path()).unwrap();
        let items: Vec<u32> = (0..250).collect();
        store
            .save_cached_list("list", &items, Some("\"v1\""))
            .unwrap();
        let head = store.cached_head("list").unwrap().unwrap();
        assert_eq!(head.value.count, 250);
        let first: Vec<u32> = serde_json::from_str(head.value.items.get()).unwrap();
        assert_eq!(first, (0..LIST_HEAD as u32).collect::<Vec<_>>());
        assert_eq!(head.etag.as_deref(), Some("\"v1\""));
        assert_eq!(
            store.cached::<Vec<u32>>("list").unwrap().unwrap().value,
            items
        );
        assert_eq!(
            store.cached_json("list").unwrap().unwrap().value.get(),
            serde_json::to_string(&items).unwrap()
        );

        store.save_cached("list", &vec![1u32], None).unwrap();
        assert!(
            store.cached_head("list").unwrap().is_none(),
            "a copy saved whole has no stale head"
        );
        assert!(store.cached_head("other").unwrap().is_none());
    }

    #[test]
    fn cached_documents_round_trip_by_key() {
        let folder = tempfile::tempdir().unwrap();
        let store = LocalStore::open(folder.path()).unwrap();
        assert!(store.cached::<Vec<String>>("roles").unwrap().is_none());
        store
            .save_cached("roles", &vec!["Admin".to_string()], None)
            .unwrap();
        store
            .save_cached("roles", &vec!["User".to_string()], Some("\"e\""))
            .unwrap();
        let cached = store.cached::<Vec<String>>("roles").unwrap().unwrap();
        assert_eq!(cached.value, ["User"]);
        assert_eq!(cached.etag.as_deref(), Some("\"e\""));
    }
}
