//! Contact invitations in the database, e-mailed through the outbox.

use crate::db::now;
use crate::outbox;
use crate::tokens::{new_token, token_hash};
use rusqlite::{Connection, params};

/// The page an invitation link opens.
pub const INVITATION_PAGE: &str = "/invitations";

/// How long an invitation link works, in seconds.
pub const INVITATION_SECONDS: i64 = 14 * 24 * 60 * 60;

/// Invites the user behind the (new, invited) contact `contact_id` and
/// e-mails them the link to accept or decline.
pub fn invite(
    conn: &Connection,
    contact_id: i64,
    email: &str,
    organization: &str,
    roles: &str,
    base_url: &str,
) -> rusqlite::Result<()> {
    let token = new_token();
    conn.execute(
        "INSERT INTO contact_invitations (token_hash, contact_id, expires_at) VALUES (?1, ?2, ?3)",
        params![token_hash(&token), contact_id, now() + INVITATION_SECONDS],
    )?;
    outbox::enqueue(
        conn,
        email,
        &format!("{organization} invites you to its contacts on the portal"),
        &format!(
            "An administrator of {organization} wants to add {email} to its contacts with the role(s) {roles}.\n\nIf you expect this, accept here within 14 days (the same page lets you decline):\n{base_url}{INVITATION_PAGE}?token={token}\n\nUntil you accept, {organization} has no access to your account and you have none to its part of the portal. If you do not know {organization}, decline or ignore this e-mail."
        ),
    )?;
    Ok(())
}
