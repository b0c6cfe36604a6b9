//! E-mail the portal would send, kept in the `outbox` table: the reference
//! portal sends nothing; vendors and tests read it with
//! `portal-server admin outbox`.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::db::now;

/// One message waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxMessage {
    /// Its number.
    pub id: i64,
    /// The recipient's address.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
    /// When it was queued (seconds since the Unix epoch).
    pub created_at: i64,
}

/// Queues a message.
pub fn enqueue(conn: &Connection, to: &str, subject: &str, body: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO outbox (to_address, subject, body, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![to, subject, body, now()],
    )?;
    Ok(())
}

/// Every queued message, oldest first.
pub fn messages(conn: &Connection) -> rusqlite::Result<Vec<OutboxMessage>> {
    let mut statement =
        conn.prepare("SELECT id, to_address, subject, body, created_at FROM outbox ORDER BY id")?;
    let rows = statement.query_map([], |row| {
        Ok(OutboxMessage {
            id: row.get(0)?,
            to: row.get(1)?,
            subject: row.get(2)?,
            body: row.get(3)?,
            created_at: row.get(4)?,
        })
    })?;
    rows.collect()
}
