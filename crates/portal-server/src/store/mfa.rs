//! Two-step sign-in in the database: whether it is on, and the challenge
//! a right password starts.

use crate::db::now;
use crate::error::ApiError;
use crate::tokens::{new_token, token_hash};
use axum::http::StatusCode;
use portal_api::mfa::MfaStatus;
use portal_api::problem::codes;
use rusqlite::{Connection, params};

/// When the user has two-step sign-in on, a new challenge for the second
/// step (to answer the password with `mfa_required`); otherwise `None`.
pub fn start_challenge(conn: &Connection, user_id: i64) -> rusqlite::Result<Option<String>> {
    if !mfa_status(conn, user_id)?.enabled {
        return Ok(None);
    }
    let challenge = new_token();
    conn.execute("DELETE FROM mfa_challenges WHERE expires_at <= ?1", [now()])?;
    conn.execute(
        "INSERT INTO mfa_challenges (token_hash, user_id, expires_at) VALUES (?1, ?2, ?3)",
        params![token_hash(&challenge), user_id, now() + CHALLENGE_SECONDS],
    )?;
    Ok(Some(challenge))
}

/// The `mfa_required` answer to a right password.
pub fn mfa_required(challenge: String) -> ApiError {
    let mut error = ApiError::new(
        StatusCode::UNAUTHORIZED,
        codes::MFA_REQUIRED,
        "Enter the 6-digit code from your authenticator app, or one of your recovery codes.",
    );
    error.problem.mfa_challenge = Some(challenge);
    error
}

/// Whether two-step sign-in is on, and how many recovery codes are left.
pub fn mfa_status(conn: &Connection, user_id: i64) -> rusqlite::Result<MfaStatus> {
    let enabled: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM user_mfa WHERE user_id = ?1 AND enabled_at IS NOT NULL)",
        [user_id],
        |row| row.get(0),
    )?;
    let left: u32 = if enabled {
        conn.query_row(
            "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL",
            [user_id],
            |row| row.get(0),
        )?
    } else {
        0
    };
    Ok(MfaStatus {
        enabled,
        recovery_codes_left: left,
    })
}

/// How long the second step of sign-in may take, in seconds.
pub const CHALLENGE_SECONDS: i64 = 5 * 60;
