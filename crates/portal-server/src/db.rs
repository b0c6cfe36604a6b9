//! The SQLite database: opening, migrations, and running queries off the
//! async executor.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::error::ApiError;

/// Schema migrations, applied in order; `PRAGMA user_version` records how
/// many have run. Append only: never edit a migration that has shipped.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    office_phone TEXT,
    mobile_phone TEXT,
    company TEXT,
    job_title TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL
);
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    policy TEXT NOT NULL CHECK (policy IN ('review', 'direct'))
);
CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    grants TEXT NOT NULL DEFAULT '[]',
    UNIQUE (organization_id, name)
);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    UNIQUE (organization_id, user_id)
);
CREATE TABLE contact_roles (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    role_id INTEGER NOT NULL REFERENCES roles(id),
    PRIMARY KEY (contact_id, role_id)
);
CREATE TABLE token_families (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id INTEGER NOT NULL REFERENCES token_families(id),
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id INTEGER NOT NULL REFERENCES token_families(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    expires_at INTEGER NOT NULL
);
"#,
    r#"
CREATE TABLE user_settings (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    json TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
"#,
    r#"
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    created_at INTEGER NOT NULL,
    resolved_at INTEGER
);
CREATE TABLE username_changes (
    ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    old_email TEXT NOT NULL,
    new_email TEXT NOT NULL COLLATE NOCASE,
    requested_at INTEGER NOT NULL,
    approved_at INTEGER
);
CREATE UNIQUE INDEX one_pending_username_change
    ON username_changes(user_id) WHERE approved_at IS NULL;
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE user_photos (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    media_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    digest TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE user_mfa (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    secret TEXT,
    pending_secret TEXT,
    enabled_at INTEGER,
    last_used_step INTEGER
);
CREATE TABLE recovery_codes (
    user_id INTEGER NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (user_id, code_hash)
);
CREATE TABLE mfa_challenges (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    expires_at INTEGER NOT NULL
);
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
"#,
    r#"
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('quote', 'invoice')),
    title TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    due_on TEXT,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    paid INTEGER NOT NULL DEFAULT 0,
    user_id INTEGER REFERENCES users(id),
    organization_id INTEGER REFERENCES organizations(id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    CHECK ((user_id IS NULL) <> (organization_id IS NULL))
);
CREATE INDEX documents_of_users ON documents(user_id, issued_on);
CREATE INDEX documents_of_organizations ON documents(organization_id, issued_on);
"#,
];

/// A shared handle on the portal's SQLite database.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating if needed) the database file and applies pending
    /// migrations.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `work` on the connection on a blocking thread.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut guard)
        })
        .await
        .map_err(|join| ApiError::internal(format!("database task failed: {join}")))?
    }

    /// Runs `work` on the connection on the current thread (for start-up
    /// and the command line, outside the async executor).
    pub fn run_blocking<T>(&self, work: impl FnOnce(&mut Connection) -> T) -> T {
        let mut guard = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        work(&mut guard)
    }
}

fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    let applied: usize = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if applied > MIGRATIONS.len() {
        anyhow::bail!(
            "the database was written by a newer portal-server (schema {applied}, this one knows {})",
            MIGRATIONS.len()
        );
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Applies the migrations to an in-memory connection.
#[cfg(test)]
pub fn migrate_for_tests(conn: &mut Connection) {
    migrate(conn).expect("migrations apply");
}

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
