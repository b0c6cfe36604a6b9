//! Authorization codes of single sign-on in the database: issued for one
//! user, client, redirect and PKCE challenge; redeemed once.

use portal_api::auth::TokenResponse;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::db::now;
use crate::store::sessions::revoke_family;
use crate::tokens::{new_token, token_hash};

/// What a code is issued for.
#[derive(Debug, Clone)]
pub struct CodeGrant {
    /// The user who signed in.
    pub user_id: i64,
    /// The client that asked.
    pub client_id: String,
    /// The redirect the code was sent to, exactly as asked.
    pub redirect_uri: String,
    /// The S256 challenge the verifier must match.
    pub code_challenge: String,
}

/// The outcome of presenting a code.
#[derive(Debug, PartialEq, Eq)]
pub enum Redeemed {
    /// The code was good and is now used.
    User {
        /// Whose it was.
        user_id: i64,
        /// Its hash, to note the session it gives.
        code_hash: String,
    },
    /// Why not (for `error_description`).
    Refused(&'static str),
}

/// Stores a new code working for `seconds`; answers the code. Expired
/// codes are cleared on the way.
pub fn issue_code(conn: &Connection, grant: &CodeGrant, seconds: i64) -> rusqlite::Result<String> {
    conn.execute(
        "DELETE FROM oauth_codes WHERE expires_at <= ?1 AND used_at IS NULL",
        [now()],
    )?;
    let code = new_token();
    conn.execute(
        "INSERT INTO oauth_codes (code_hash, user_id, client_id, redirect_uri, code_challenge, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            token_hash(&code),
            grant.user_id,
            grant.client_id,
            grant.redirect_uri,
            grant.code_challenge,
            now() + seconds
        ],
    )?;
    Ok(code)
}

/// Uses `code` for `client_id`, `redirect_uri` and the challenge of the
/// verifier presented. A code presented again ends the session it gave
/// (RFC 6749 §4.1.2: it may have been stolen).
pub fn redeem_code(
    tx: &Transaction<'_>,
    code: &str,
    client_id: &str,
    redirect_uri: &str,
    challenge: &str,
) -> rusqlite::Result<Redeemed> {
    let code_hash = token_hash(code);
    let found: Option<StoredCode> = tx
        .query_row(
            "SELECT user_id, client_id, redirect_uri, code_challenge, expires_at, used_at, family_id
             FROM oauth_codes WHERE code_hash = ?1",
            [&code_hash],
            |row| {
                Ok(StoredCode {
                    user_id: row.get(0)?,
                    client_id: row.get(1)?,
                    redirect_uri: row.get(2)?,
                    code_challenge: row.get(3)?,
                    expires_at: row.get(4)?,
                    used_at: row.get(5)?,
                    family_id: row.get(6)?,
                })
            },
        )
        .optional()?;
    let Some(StoredCode {
        user_id,
        client_id: issued_client,
        redirect_uri: issued_redirect,
        code_challenge: issued_challenge,
        expires_at,
        used_at,
        family_id: family,
    }) = found
    else {
        return Ok(Redeemed::Refused("The code is not known here."));
    };
    if used_at.is_some() {
        if let Some(family_id) = family {
            revoke_family(tx, family_id)?;
        }
        return Ok(Redeemed::Refused(
            "The code was used already; the session it gave has ended.",
        ));
    }
    // Whatever else is wrong, a code is tried once.
    tx.execute(
        "UPDATE oauth_codes SET used_at = ?1 WHERE code_hash = ?2",
        params![now(), code_hash],
    )?;
    Ok(if expires_at <= now() {
        Redeemed::Refused("The code expired; sign in again.")
    } else if issued_client != client_id || issued_redirect != redirect_uri {
        Redeemed::Refused("The code was issued for another client or redirect_uri.")
    } else if issued_challenge != challenge {
        Redeemed::Refused("The code_verifier does not match the code_challenge.")
    } else {
        Redeemed::User { user_id, code_hash }
    })
}

/// A code as stored.
struct StoredCode {
    user_id: i64,
    client_id: String,
    redirect_uri: String,
    code_challenge: String,
    expires_at: i64,
    used_at: Option<i64>,
    family_id: Option<i64>,
}

/// Notes the session (token family) a code gave.
pub fn note_family(
    tx: &Transaction<'_>,
    code_hash: &str,
    tokens: &TokenResponse,
) -> rusqlite::Result<()> {
    let family_id: i64 = tx.query_row(
        "SELECT family_id FROM refresh_tokens WHERE token_hash = ?1",
        [token_hash(tokens.refresh_token.expose())],
        |row| row.get(0),
    )?;
    tx.execute(
        "UPDATE oauth_codes SET family_id = ?1 WHERE code_hash = ?2",
        params![family_id, code_hash],
    )?;
    Ok(())
}
