//! What only this computer knows about tickets: which replies the user
//! has seen (for unread markers) and unsent drafts, kept in the account's
//! local store so they survive a restart and an expired session.

use std::collections::HashMap;
use std::path::PathBuf;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::local_store::LocalStore;

/// An unsent reply or new ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The subject (new tickets only).
    #[serde(default)]
    pub subject: String,
    /// The text typed so far.
    #[serde(default)]
    pub text: String,
    /// Files picked so far.
    #[serde(default)]
    pub attachments: Vec<PathBuf>,
}

impl Draft {
    /// True when nothing was typed or picked.
    pub fn is_empty(&self) -> bool {
        self.subject.trim().is_empty() && self.text.trim().is_empty() && self.attachments.is_empty()
    }
}

/// The draft key of a reply to ticket `number`.
pub fn reply_draft_key(number: i64) -> String {
    format!("reply:{number}")
}

/// The draft key of the new-ticket form.
pub const NEW_TICKET_DRAFT_KEY: &str = "new-ticket";

impl LocalStore {
    /// The newest reply seen per ticket.
    pub fn seen_replies(&self) -> Result<HashMap<i64, i64>> {
        let conn = self.lock();
        let mut statement = conn
            .prepare("SELECT number, reply_id FROM ticket_seen")
            .map_err(Error::local_source)?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .map_err(Error::local_source)?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(Error::local_source)
    }

    /// Records that the user has seen ticket `number` up to `reply_id`
    /// (never moving backwards).
    pub fn mark_seen(&self, number: i64, reply_id: i64) -> Result<()> {
        self.mark_all_seen([(number, reply_id)])
    }

    /// Records that the user has seen each ticket up to its reply
    /// (`(number, reply_id)` pairs), never moving backwards: one
    /// transaction, so a first look at thousands of tickets is one write
    /// to the disk, not one per ticket.
    pub fn mark_all_seen(&self, seen: impl IntoIterator<Item = (i64, i64)>) -> Result<()> {
        let mut conn = self.lock();
        let transaction = conn.transaction().map_err(Error::local_source)?;
        {
            let mut statement = transaction
                .prepare(
                    "INSERT INTO ticket_seen (number, reply_id) VALUES (?1, ?2)
                     ON CONFLICT (number) DO UPDATE SET reply_id = max(reply_id, ?2)",
                )
                .map_err(Error::local_source)?;
            for (number, reply_id) in seen {
                statement
                    .execute(params![number, reply_id])
                    .map_err(Error::local_source)?;
            }
        }
        transaction.commit().map_err(Error::local_source)
    }

    /// True before the first ticket was ever marked seen on this computer.
    pub fn no_ticket_seen_yet(&self) -> Result<bool> {
        self.lock()
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM ticket_seen)", [], |row| {
                row.get(0)
            })
            .map_err(Error::local_source)
    }

    /// Saves a draft; an empty one is removed instead.
    pub fn save_draft(&self, key: &str, draft: &Draft) -> Result<()> {
        if draft.is_empty() {
            return self.clear_draft(key);
        }
        let json = serde_json::to_string(draft).map_err(Error::local_source)?;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        self.lock()
            .execute(
                "INSERT INTO drafts (key, json, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET json = ?2, updated_at = ?3",
                params![key, json, now],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    /// The draft saved under `key`, if any.
    pub fn draft(&self, key: &str) -> Result<Option<Draft>> {
        let json: Option<String> = self
            .lock()
            .query_row("SELECT json FROM drafts WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()
            .map_err(Error::local_source)?;
        json.map(|json| serde_json::from_str(&json).map_err(Error::local_source))
            .transpose()
    }

    /// Forgets the draft under `key` (it was sent).
    pub fn clear_draft(&self, key: &str) -> Result<()> {
        self.lock()
            .execute("DELETE FROM drafts WHERE key = ?1", [key])
            .map_err(Error::local_source)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_and_seen_replies_survive_reopening() {
        let folder = tempfile::tempdir().unwrap();
        let store = LocalStore::open(folder.path()).unwrap();
        assert!(store.no_ticket_seen_yet().unwrap());
        store.mark_seen(1234, 40).unwrap();
        store.mark_seen(1234, 12).unwrap();
        store.mark_all_seen([(7, 3), (8, 0), (1234, 30)]).unwrap();
        let draft = Draft {
            subject: String::new(),
            text: "Half a sentence".into(),
            attachments: vec![PathBuf::from("/tmp/log.txt")],
        };
        store.save_draft(&reply_draft_key(1234), &draft).unwrap();
        drop(store);

        let store = LocalStore::open(folder.path()).unwrap();
        assert_eq!(
            store.seen_replies().unwrap(),
            HashMap::from([(1234, 40), (7, 3), (8, 0)]),
            "never moving backwards"
        );
        assert!(!store.no_ticket_seen_yet().unwrap());
        assert_eq!(store.draft("reply:1234").unwrap(), Some(draft));
        store.save_draft("reply:1234", &Draft::default()).unwrap();
        assert_eq!(
            store.draft("reply:1234").unwrap(),
            None,
            "empty drafts are removed"
        );
    }
}
