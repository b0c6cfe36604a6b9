//! Personal settings in the database.

use crate::error::ApiError;
use portal_api::settings::{Settings, SettingsUpdate};
use rusqlite::{Connection, OptionalExtension};

/// The user's settings and their version (0 = the defaults, never saved).
pub fn load_settings(conn: &Connection, user_id: i64) -> Result<(Settings, i64), ApiError> {
    let row: Option<(String, i64, i64)> = conn
        .query_row(
            "SELECT json, version, updated_at FROM user_settings WHERE user_id = ?1",
            [user_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let Some((json, version, updated_at)) = row else {
        let defaults = SettingsUpdate::default();
        return Ok((
            Settings {
                attachment_name_format: defaults.attachment_name_format,
                email: defaults.email,
                digest: defaults.digest,
                updated_at: None,
            },
            0,
        ));
    };
    let stored: SettingsUpdate = serde_json::from_str(&json).map_err(ApiError::internal)?;
    Ok((
        Settings {
            attachment_name_format: stored.attachment_name_format,
            email: stored.email,
            digest: stored.digest,
            updated_at: time::OffsetDateTime::from_unix_timestamp(updated_at).ok(),
        },
        version,
    ))
}
