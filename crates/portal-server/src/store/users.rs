//! Users in the database: whether one exists, whether one may sign in,
//! and the profile version that changes with every edit.

use crate::db::now;
use portal_api::contacts::NO_SIGN_IN_GRANT;
use rusqlite::{Connection, params};

/// Why the user may not sign in, if they may not: access revoked, or only
/// roles that receive e-mail and never sign in (seed 004 Notifications).
pub fn sign_in_refusal(conn: &Connection, user_id: i64) -> rusqlite::Result<Option<String>> {
    let (email, revoked): (String, Option<i64>) = conn.query_row(
        "SELECT email, access_revoked_at FROM users WHERE id = ?1",
        [user_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    if revoked.is_some() {
        return Ok(Some(format!(
            "The access of {email} to the portal was revoked. Ask your organization's administrator if you need it again."
        )));
    }
    let roles: Vec<(String, String, String)> = conn
        .prepare_cached(
            "SELECT o.name, r.name, r.grants FROM contacts c
             JOIN organizations o ON o.id = c.organization_id
             JOIN contact_roles cr ON cr.contact_id = c.id
             JOIN roles r ON r.id = cr.role_id
             WHERE c.user_id = ?1 AND c.invited_at IS NULL ORDER BY o.name, r.id",
        )?
        .query_map([user_id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let notifications_only = !roles.is_empty()
        && roles.iter().all(|(_, _, grants)| {
            serde_json::from_str::<Vec<String>>(grants)
                .unwrap_or_default()
                .iter()
                .any(|grant| grant == NO_SIGN_IN_GRANT)
        });
    if !notifications_only {
        return Ok(None);
    }
    let held: Vec<String> = roles
        .iter()
        .map(|(organization, role, _)| format!("{role} at {organization}"))
        .collect();
    Ok(Some(format!(
        "{email} receives e-mail notifications only ({}), so it cannot sign in to the portal.",
        held.join(", ")
    )))
}

/// True when some portal user has the address.
pub fn user_exists(conn: &Connection, email: &str) -> bool {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE email = ?1)",
        [email.trim()],
        |row| row.get(0),
    )
    .unwrap_or(true)
}

/// Marks the profile as changed, so its ETag changes.
pub fn bump_profile_version(conn: &Connection, user_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET version = version + 1, updated_at = ?1 WHERE id = ?2",
        params![now(), user_id],
    )?;
    Ok(())
}
