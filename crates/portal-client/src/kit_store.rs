//! The Partner Kit's tables in an account's [`LocalStore`]: the listing as
//! last read, and for each folder kept in sync the kit version it was last
//! whole at, what was placed in it, and a history of its syncs.

use std::collections::HashMap;
use std::path::Path;

use portal_api::partner_kit::KitFile;
use rusqlite::{OptionalExtension, params};

use crate::error::{Error, Result};
use crate::local_store::LocalStore;
use crate::partner_kit::{KitSyncReport, Placed};

/// How many syncs the history keeps per account.
const HISTORY_KEPT: i64 = 50;

/// A folder as the store keys it.
fn key(folder: &Path) -> String {
    folder.to_string_lossy().into_owned()
}

impl LocalStore {
    /// The kit as last read and its version; `None` before the first read.
    pub fn kit_listing(&self) -> Result<Option<(Option<String>, Vec<KitFile>)>> {
        let row: Option<(Option<String>, String)> = self
            .lock()
            .query_row(
                "SELECT version, files FROM kit_state WHERE id = 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(Error::local_source)?;
        row.map(|(version, files)| {
            serde_json::from_str(&files)
                .map(|files| (version, files))
                .map_err(Error::local_source)
        })
        .transpose()
    }

    /// Keeps the kit as just read at `version`.
    pub fn save_kit_listing(&self, version: Option<&str>, files: &[KitFile]) -> Result<()> {
        let files = serde_json::to_string(files).map_err(Error::local_source)?;
        self.lock()
            .execute(
                "INSERT INTO kit_state (id, version, files, synced_at) VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET version = excluded.version,
                     files = excluded.files, synced_at = excluded.synced_at",
                params![
                    version,
                    files,
                    time::OffsetDateTime::now_utc().unix_timestamp()
                ],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    /// Forgets the kept listing (the user's role no longer grants the kit).
    pub fn forget_kit_listing(&self) -> Result<()> {
        self.lock()
            .execute("DELETE FROM kit_state", [])
            .map_err(Error::local_source)?;
        Ok(())
    }

    /// True when `folder` was synced before.
    pub fn kit_folder_known(&self, folder: &Path) -> Result<bool> {
        Ok(self
            .lock()
            .query_row(
                "SELECT 1 FROM kit_folders WHERE folder = ?1",
                [key(folder)],
                |_| Ok(()),
            )
            .optional()
            .map_err(Error::local_source)?
            .is_some())
    }

    /// The kit version `folder` was last whole at.
    pub fn kit_folder_version(&self, folder: &Path) -> Result<Option<String>> {
        let version: Option<Option<String>> = self
            .lock()
            .query_row(
                "SELECT synced_version FROM kit_folders WHERE folder = ?1",
                [key(folder)],
                |row| row.get(0),
            )
            .optional()
            .map_err(Error::local_source)?;
        Ok(version.flatten())
    }

    /// Records that `folder` is whole at kit `version` (`None`: not whole,
    /// so the next sync looks at every file again).
    pub fn set_kit_folder_version(&self, folder: &Path, version: Option<&str>) -> Result<()> {
        self.lock()
            .execute(
                "INSERT INTO kit_folders (folder, synced_version) VALUES (?1, ?2)
                 ON CONFLICT (folder) DO UPDATE SET synced_version = excluded.synced_version",
                params![key(folder), version],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    /// What was placed in `folder`, by kit file id.
    pub fn kit_placed(&self, folder: &Path) -> Result<HashMap<i64, Placed>> {
        let conn = self.lock();
        let mut statement = conn
            .prepare("SELECT file_id, rel_path, version, sha256 FROM kit_placed WHERE folder = ?1")
            .map_err(Error::local_source)?;
        let placed = statement
            .query_map([key(folder)], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    Placed {
                        rel_path: row.get(1)?,
                        version: row.get(2)?,
                        sha256: row.get(3)?,
                    },
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<HashMap<_, _>>>())
            .map_err(Error::local_source)?;
        Ok(placed)
    }

    /// Records where kit files were placed in `folder`, by id, in one
    /// transaction.
    pub fn record_kit_placed(&self, folder: &Path, placed: &[(i64, Placed)]) -> Result<()> {
        if placed.is_empty() {
            return Ok(());
        }
        let mut conn = self.lock();
        let tx = conn.transaction().map_err(Error::local_source)?;
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO kit_placed (folder, file_id, rel_path, version, sha256)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (folder, file_id) DO UPDATE SET rel_path = excluded.rel_path,
                         version = excluded.version, sha256 = excluded.sha256",
                )
                .map_err(Error::local_source)?;
            for (id, placed) in placed {
                insert
                    .execute(params![
                        key(folder),
                        id,
                        placed.rel_path,
                        placed.version,
                        placed.sha256
                    ])
                    .map_err(Error::local_source)?;
            }
        }
        tx.commit().map_err(Error::local_source)
    }

    /// Forgets kit file `id` in `folder` (it left the kit; the file stays).
    pub fn forget_kit_placed(&self, folder: &Path, id: i64) -> Result<()> {
        self.lock()
            .execute(
                "DELETE FROM kit_placed WHERE folder = ?1 AND file_id = ?2",
                params![key(folder), id],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    /// Adds a sync to the history (the oldest beyond the kept number go).
    pub fn add_kit_history(&self, report: &KitSyncReport) -> Result<()> {
        let text = serde_json::to_string(report).map_err(Error::local_source)?;
        let conn = self.lock();
        conn.execute(
            "INSERT INTO kit_history (at, folder, report) VALUES (?1, ?2, ?3)",
            params![report.at, key(&report.folder), text],
        )
        .and_then(|_| {
            conn.execute(
                "DELETE FROM kit_history WHERE id NOT IN
                     (SELECT id FROM kit_history ORDER BY id DESC LIMIT ?1)",
                [HISTORY_KEPT],
            )
        })
        .map_err(Error::local_source)?;
        Ok(())
    }

    /// The latest syncs, newest first, at most `most`.
    pub fn kit_history(&self, most: usize) -> Result<Vec<KitSyncReport>> {
        self.json_rows(
            "SELECT report FROM kit_history ORDER BY id DESC LIMIT ?1",
            [i64::try_from(most).unwrap_or(HISTORY_KEPT)],
        )
    }
}
