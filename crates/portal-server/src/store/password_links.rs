//! Password links (reset and first password) in the database, e-mailed
//! through the outbox.

use crate::db::now;
use crate::tokens::{new_token, token_hash};
use rusqlite::params;

/// Stores a single-use link to the page where the user chooses a password,
/// working for `seconds`, and ends the user's older unused links; answers
/// the link.
pub fn issue_password_link(
    conn: &rusqlite::Connection,
    user_id: i64,
    seconds: i64,
    base_url: &str,
) -> rusqlite::Result<String> {
    let token = new_token();
    // Only the newest link works.
    conn.execute(
        "DELETE FROM password_resets WHERE user_id = ?1 AND used_at IS NULL",
        [user_id],
    )?;
    conn.execute(
        "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (?1, ?2, ?3)",
        params![token_hash(&token), user_id, now() + seconds],
    )?;
    Ok(format!("{base_url}{RESET_PAGE}?token={token}"))
}

/// The path of the reset page the e-mailed link opens.
pub const RESET_PAGE: &str = "/reset-password";
