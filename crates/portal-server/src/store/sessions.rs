//! Sign-in sessions in the database: token families, issuing access and
//! refresh tokens, ending one session or all of a user's.

use crate::db::now;
use crate::error::ApiError;
use crate::tokens::{new_token, token_hash};
use portal_api::Secret;
use portal_api::auth::TokenResponse;
use rusqlite::{Transaction, params};

/// Ends every session of a user, except the family `keep` when given.
pub fn revoke_sessions_of(
    tx: &Transaction<'_>,
    user_id: i64,
    keep: Option<i64>,
) -> rusqlite::Result<()> {
    let families: Vec<i64> = tx
        .prepare("SELECT id FROM token_families WHERE user_id = ?1 AND revoked_at IS NULL")?
        .query_map([user_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for family_id in families.into_iter().filter(|id| Some(*id) != keep) {
        revoke_family(tx, family_id)?;
    }
    Ok(())
}

/// Ends a session: the family and every access token in it.
pub fn revoke_family(tx: &Transaction<'_>, family_id: i64) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE token_families SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL",
        params![now(), family_id],
    )?;
    tx.execute(
        "DELETE FROM access_tokens WHERE family_id = ?1",
        [family_id],
    )?;
    Ok(())
}

/// Issues a new access and refresh token in the session `family_id`.
pub fn issue_tokens(
    tx: &Transaction<'_>,
    user_id: i64,
    family_id: i64,
    ttl: TokenLifetimes,
) -> Result<TokenResponse, ApiError> {
    let access = new_token();
    let refresh = new_token();
    let issued = now();
    tx.execute(
        "INSERT INTO access_tokens (token_hash, family_id, user_id, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash(&access), family_id, user_id, issued + ttl.access_secs as i64],
    )?;
    tx.execute(
        "INSERT INTO refresh_tokens (token_hash, family_id, expires_at) VALUES (?1, ?2, ?3)",
        params![
            token_hash(&refresh),
            family_id,
            issued + ttl.refresh_secs as i64
        ],
    )?;
    Ok(TokenResponse {
        token_type: "Bearer".into(),
        access_token: Secret::new(access),
        expires_in: ttl.access_secs,
        refresh_token: Secret::new(refresh),
        refresh_expires_in: ttl.refresh_secs,
    })
}

/// Starts a new session (token family) for the user and issues its first
/// tokens.
pub fn issue_tokens_in_new_family(
    tx: &Transaction<'_>,
    user_id: i64,
    ttl: TokenLifetimes,
) -> Result<TokenResponse, ApiError> {
    tx.execute(
        "INSERT INTO token_families (user_id, created_at) VALUES (?1, ?2)",
        params![user_id, now()],
    )?;
    let family_id = tx.last_insert_rowid();
    issue_tokens(tx, user_id, family_id, ttl)
}

/// How long tokens live.
#[derive(Debug, Clone, Copy)]
pub struct TokenLifetimes {
    /// Lifetime of access tokens, in seconds.
    pub access_secs: u64,
    /// Lifetime of unused refresh tokens, in seconds.
    pub refresh_secs: u64,
}

impl Default for TokenLifetimes {
    fn default() -> Self {
        Self {
            access_secs: 15 * 60,
            refresh_secs: 30 * 24 * 60 * 60,
        }
    }
}
