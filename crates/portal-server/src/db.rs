//! The SQLite database: opening, migrations, and running queries off the
//! async executor.

use rusqlite_migration::{M, MigrationDefinitionError, Migrations};
use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::clock::Clock;
use crate::error::ApiError;

/// Schema migrations, applied in order; `PRAGMA user_version` records how
/// many have run. Append only: never edit a migration that has shipped.
const MIGRATIONS: &[M<'static>] = &[
    M::up(
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
    )
    .foreign_key_check(),
    M::up(
        r#"
CREATE TABLE user_settings (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    json TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
"#,
    )
    .foreign_key_check(),
    M::up(
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
    )
    .foreign_key_check(),
    M::up(
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
    )
    .foreign_key_check(),
    // Tickets get organizations, four statuses and a conversation; the old
    // `body` becomes the first comment. (SQLite cannot change a CHECK, so
    // the table is rebuilt; `migrate` turns foreign keys off around it.)
    M::up(
        r#"
CREATE TABLE tickets_rebuilt (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    organization_id INTEGER REFERENCES organizations(id),
    kind TEXT NOT NULL CHECK (kind IN ('support', 'username_change', 'contact_change')),
    subject TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('open', 'awaiting_customer', 'resolved', 'cancelled')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    closed_at INTEGER
);
INSERT INTO tickets_rebuilt (id, user_id, kind, subject, status, created_at, updated_at, closed_at)
    SELECT id, user_id, replace(kind, '-', '_'), subject, status, created_at,
           coalesce(resolved_at, created_at), resolved_at
    FROM tickets;
CREATE TABLE ticket_comments (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    author_user_id INTEGER REFERENCES users(id),
    author_name TEXT NOT NULL,
    vendor INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL,
    public INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
INSERT INTO ticket_comments (ticket_id, author_user_id, author_name, body, created_at)
    SELECT t.id, t.user_id, u.first_name || ' ' || u.last_name, t.body, t.created_at
    FROM tickets t JOIN users u ON u.id = t.user_id;
DROP TABLE tickets;
ALTER TABLE tickets_rebuilt RENAME TO tickets;
CREATE INDEX tickets_of_users ON tickets(user_id);
CREATE INDEX tickets_of_organizations ON tickets(organization_id);
CREATE INDEX comments_of_tickets ON ticket_comments(ticket_id);
CREATE TABLE ticket_attachments (
    id INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES ticket_comments(id),
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE INDEX attachments_of_comments ON ticket_attachments(comment_id);
CREATE INDEX attachments_by_content ON ticket_attachments(sha256);
ALTER TABLE username_changes ADD COLUMN cancelled_at INTEGER;
DROP INDEX one_pending_username_change;
CREATE UNIQUE INDEX one_pending_username_change
    ON username_changes(user_id) WHERE approved_at IS NULL AND cancelled_at IS NULL;
"#,
    )
    .foreign_key_check(),
    // Contacts Manager and user administration: activation of added users,
    // revoked access, partnership customers and their assignments, and
    // reviewed change requests (one pending per organization).
    M::up(
        r#"
ALTER TABLE users ADD COLUMN activated_at INTEGER;
UPDATE users SET activated_at = updated_at;
ALTER TABLE users ADD COLUMN access_revoked_at INTEGER;
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    UNIQUE (organization_id, name)
);
CREATE TABLE contact_customers (
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    PRIMARY KEY (contact_id, customer_id)
);
CREATE TABLE contact_change_requests (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    ticket_id INTEGER NOT NULL UNIQUE REFERENCES tickets(id),
    requested_by INTEGER NOT NULL REFERENCES users(id),
    changes TEXT NOT NULL,
    requested TEXT NOT NULL,
    requested_at INTEGER NOT NULL,
    applied_at INTEGER,
    cancelled_at INTEGER
);
CREATE UNIQUE INDEX one_pending_contact_change
    ON contact_change_requests(organization_id)
    WHERE applied_at IS NULL AND cancelled_at IS NULL;
"#,
    )
    .foreign_key_check(),
    M::up(
        r#"
ALTER TABLE mfa_challenges ADD COLUMN wrong_codes INTEGER NOT NULL DEFAULT 0;
-- The notification digest an organization chose for one of its contacts;
-- NULL follows the user's own settings.
ALTER TABLE contacts ADD COLUMN notifications TEXT;
-- Set while an existing user invited by the organization has not accepted:
-- such a contact has no access and gives the organization none.
ALTER TABLE contacts ADD COLUMN invited_at INTEGER;
CREATE TABLE contact_invitations (
    token_hash TEXT PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
"#,
    )
    .foreign_key_check(),
    M::up(
        r#"
-- Moves on every change to a document or an organization's name: a document
-- list's version (its ETag) includes it, so a client whose copy is current
-- gets a 304 for the whole list, and one reading page by page notices a
-- change between two pages.
CREATE TABLE documents_version (version INTEGER NOT NULL);
INSERT INTO documents_version (version) VALUES (0);
CREATE TRIGGER documents_inserted AFTER INSERT ON documents
    BEGIN UPDATE documents_version SET version = version + 1; END;
CREATE TRIGGER documents_updated AFTER UPDATE ON documents
    BEGIN UPDATE documents_version SET version = version + 1; END;
CREATE TRIGGER documents_deleted AFTER DELETE ON documents
    BEGIN UPDATE documents_version SET version = version + 1; END;
CREATE TRIGGER organization_renamed AFTER UPDATE OF name ON organizations
    BEGIN UPDATE documents_version SET version = version + 1; END;
"#,
    ),
    M::up(
        r#"
-- The same for ticket lists: moves on every change to what a ticket summary
-- shows (the ticket, its public comments and attachments, the requester's
-- and the organization's names). Which organizations a user sees is part
-- of the list's description, not of this counter.
CREATE TABLE tickets_version (version INTEGER NOT NULL);
INSERT INTO tickets_version (version) VALUES (0);
CREATE TRIGGER tickets_inserted AFTER INSERT ON tickets
    BEGIN UPDATE tickets_version SET version = version + 1; END;
CREATE TRIGGER tickets_updated AFTER UPDATE ON tickets
    BEGIN UPDATE tickets_version SET version = version + 1; END;
CREATE TRIGGER tickets_deleted AFTER DELETE ON tickets
    BEGIN UPDATE tickets_version SET version = version + 1; END;
CREATE TRIGGER ticket_comments_inserted AFTER INSERT ON ticket_comments
    BEGIN UPDATE tickets_version SET version = version + 1; END;
CREATE TRIGGER ticket_comments_updated AFTER UPDATE ON ticket_comments
    BEGIN UPDATE tickets_version SET version = version + 1; END;
CREATE TRIGGER ticket_comments_deleted AFTER DELETE ON ticket_comments
    BEGIN UPDATE tickets_version SET version = version + 1; END;
CREATE TRIGGER ticket_attachments_inserted AFTER INSERT ON ticket_attachments
    BEGIN UPDATE tickets_version SET version = version + 1; END;
CREATE TRIGGER ticket_attachments_deleted AFTER DELETE ON ticket_attachments
    BEGIN UPDATE tickets_version SET version = version + 1; END;
CREATE TRIGGER ticket_requester_renamed AFTER UPDATE OF first_name, last_name ON users
    BEGIN UPDATE tickets_version SET version = version + 1; END;
CREATE TRIGGER ticket_organization_renamed AFTER UPDATE OF name ON organizations
    BEGIN UPDATE tickets_version SET version = version + 1; END;
"#,
    ),
    // Single sign-on: authorization codes, single-use and short-lived, bound
    // to the redirect and PKCE challenge they were issued for; the session
    // a code gave is noted, so a code presented twice can end it.
    M::up(
        r#"
CREATE TABLE oauth_codes (
    code_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    family_id INTEGER REFERENCES token_families(id)
);
"#,
    )
    .foreign_key_check(),
    // Idempotency keys of signed-in POSTs: claimed (status NULL) while the
    // first request runs, then kept with its answer for a day.
    M::up(
        r#"
CREATE TABLE idempotency_keys (
    user_id INTEGER NOT NULL REFERENCES users(id),
    key TEXT NOT NULL,
    path TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status INTEGER,
    content_type TEXT,
    body BLOB,
    PRIMARY KEY (user_id, key)
);
"#,
    )
    .foreign_key_check(),
    // The knowledge base: articles in sections of categories, their images,
    // the users' votes, a full-text index kept by triggers, and a counter
    // that moves on every change to what the article list answers.
    M::up(
        r#"
CREATE TABLE kb_categories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
);
CREATE TABLE kb_sections (
    id INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES kb_categories(id),
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (category_id, name)
);
CREATE TABLE kb_articles (
    id INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES kb_sections(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tags TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE kb_images (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    UNIQUE (article_id, name)
);
CREATE TABLE kb_votes (
    user_id INTEGER NOT NULL REFERENCES users(id),
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    helpful INTEGER NOT NULL,
    voted_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, article_id)
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
CREATE TRIGGER kb_search_updated AFTER UPDATE ON kb_articles BEGIN
    INSERT INTO kb_search (kb_search, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
    INSERT INTO kb_search (rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
CREATE TABLE kb_version (version INTEGER NOT NULL);
INSERT INTO kb_version (version) VALUES (0);
CREATE TRIGGER kb_articles_inserted AFTER INSERT ON kb_articles
    BEGIN UPDATE kb_version SET version = version + 1; END;
CREATE TRIGGER kb_articles_updated AFTER UPDATE ON kb_articles
    BEGIN UPDATE kb_version SET version = version + 1; END;
CREATE TRIGGER kb_articles_deleted AFTER DELETE ON kb_articles
    BEGIN UPDATE kb_version SET version = version + 1; END;
CREATE TRIGGER kb_images_inserted AFTER INSERT ON kb_images
    BEGIN UPDATE kb_version SET version = version + 1; END;
CREATE TRIGGER kb_images_deleted AFTER DELETE ON kb_images
    BEGIN UPDATE kb_version SET version = version + 1; END;
CREATE TRIGGER kb_sections_changed AFTER UPDATE ON kb_sections
    BEGIN UPDATE kb_version SET version = version + 1; END;
"#,
    )
    .foreign_key_check(),
    // The Partner Kit: files by path (folders joined with '/', as the
    // vendor named them), their bytes in the file store by digest.
    M::up(
        r#"
CREATE TABLE kit_files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at INTEGER NOT NULL
);
CREATE TABLE kit_version (version INTEGER NOT NULL);
INSERT INTO kit_version (version) VALUES (0);
CREATE TRIGGER kit_files_inserted AFTER INSERT ON kit_files
    BEGIN UPDATE kit_version SET version = version + 1; END;
CREATE TRIGGER kit_files_updated AFTER UPDATE ON kit_files
    BEGIN UPDATE kit_version SET version = version + 1; END;
CREATE TRIGGER kit_files_deleted AFTER DELETE ON kit_files
    BEGIN UPDATE kit_version SET version = version + 1; END;
"#,
    ),
];

/// A shared handle on the portal's SQLite database, and the clock its work
/// reads (see [`now`]).
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
    clock: Clock,
}

impl Db {
    /// Opens (creating if needed) the database file and applies pending
    /// migrations; work run through this handle reads `clock`.
    pub fn open(path: &Path, clock: Clock) -> anyhow::Result<Self> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            clock,
        })
    }

    /// Runs `work` on the connection on a blocking thread.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let conn = self.conn.clone();
        let clock = self.clock.clone();
        tokio::task::spawn_blocking(move || {
            let _clock = clock.enter();
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut guard)
        })
        .await
        .map_err(|join| ApiError::internal(format!("database task failed: {join}")))?
    }

    /// Runs `work` on the connection on the current thread (for start-up
    /// and the command line, outside the async executor).
    pub fn run_blocking<T>(&self, work: impl FnOnce(&mut Connection) -> T) -> T {
        let _clock = self.clock.enter();
        let mut guard = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        work(&mut guard)
    }

    /// The clock this database's work reads.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }
}

/// Brings the database to this version's schema with rusqlite_migration
/// (each migration checks foreign keys before it commits); a database
/// written by a newer portal-server is refused.
fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    migrate_with(conn, MIGRATIONS)
}

fn migrate_with(conn: &mut Connection, migrations: &'static [M<'static>]) -> anyhow::Result<()> {
    // SQLite's procedure for rebuilding a table: foreign keys off outside
    // the transaction (checked before each commit), on again afterwards.
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = Migrations::from_slice(migrations).to_latest(conn);
    conn.pragma_update(None, "foreign_keys", true)?;
    result.map_err(|error| match error {
        rusqlite_migration::Error::MigrationDefinition(
            MigrationDefinitionError::DatabaseTooFarAhead,
        ) => anyhow::anyhow!(
            "the database was written by a newer portal-server (this one knows schema {})",
            migrations.len()
        ),
        other => anyhow::anyhow!("cannot bring the database up to date: {other}"),
    })
}

/// Applies the migrations to an in-memory connection.
#[cfg(test)]
pub fn migrate_for_tests(conn: &mut Connection) {
    migrate(conn).expect("migrations apply");
}

/// Seconds since the Unix epoch, now, on the clock of the database work
/// running on this thread (see [`crate::clock::current`]).
pub fn now() -> i64 {
    crate::clock::current().unix()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_from_a_newer_portal_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).expect("a current database is left as it is");
        conn.pragma_update(None, "user_version", MIGRATIONS.len() + 1)
            .unwrap();
        let error = migrate(&mut conn).unwrap_err().to_string();
        assert!(
            error.contains("written by a newer portal-server"),
            "{error}"
        );
    }

    #[test]
    fn tickets_of_schema_4_become_conversations() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, &MIGRATIONS[..4]).unwrap();
        conn.execute_batch(
            "INSERT INTO users (id, email, password_hash, first_name, last_name, updated_at)
                 VALUES (1, 'a@example.com', 'x', 'Ada', 'Lovelace', 0);
             INSERT INTO tickets (id, user_id, kind, subject, body, status, created_at, resolved_at)
                 VALUES (7, 1, 'username-change', 'Change my user name', 'New job', 'resolved', 100, 200),
                        (8, 1, 'username-change', 'Change it again', 'Typo', 'open', 300, NULL);
             INSERT INTO username_changes (ticket_id, user_id, old_email, new_email, requested_at, approved_at)
                 VALUES (7, 1, 'old@example.com', 'a@example.com', 100, 200),
                        (8, 1, 'a@example.com', 'b@example.com', 300, NULL);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let tickets: Vec<(i64, String, String, i64, Option<i64>)> = conn
            .prepare("SELECT id, kind, status, updated_at, closed_at FROM tickets ORDER BY id")
            .unwrap()
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            tickets,
            [
                (
                    7,
                    "username_change".into(),
                    "resolved".into(),
                    200,
                    Some(200)
                ),
                (8, "username_change".into(), "open".into(), 300, None)
            ]
        );
        let first_comment: (i64, String, String, i64) = conn
            .query_row(
                "SELECT ticket_id, author_name, body, created_at FROM ticket_comments WHERE ticket_id = 8",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .unwrap();
        assert_eq!(
            first_comment,
            (8, "Ada Lovelace".into(), "Typo".into(), 300)
        );
        let foreign_keys: bool = conn
            .pragma_query_value(None, "foreign_keys", |row| row.get(0))
            .unwrap();
        assert!(foreign_keys, "on again after the rebuild");
        // The pending request still counts as pending, and references hold.
        let pending: i64 = conn
            .query_row(
                "SELECT ticket_id FROM username_changes WHERE approved_at IS NULL AND cancelled_at IS NULL",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(pending, 8);
        assert!(
            conn.execute("DELETE FROM tickets WHERE id = 8", [])
                .is_err(),
            "username_changes still refers to the rebuilt table"
        );
    }
}
