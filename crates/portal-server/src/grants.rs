//! What a user's roles grant in the organizations they are a contact of.

use rusqlite::Connection;

/// The organizations where one of the user's roles grants `grant`.
pub fn organizations_granting(
    conn: &Connection,
    user_id: i64,
    grant: &str,
) -> rusqlite::Result<Vec<i64>> {
    let mut statement = conn.prepare_cached(
        "SELECT c.organization_id, r.grants FROM contacts c
         JOIN contact_roles cr ON cr.contact_id = c.id
         JOIN roles r ON r.id = cr.role_id
         WHERE c.user_id = ?1 AND c.invited_at IS NULL",
    )?;
    let rows = statement
        .query_map([user_id], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut organizations: Vec<i64> = rows
        .into_iter()
        .filter(|(_, grants)| {
            serde_json::from_str::<Vec<String>>(grants)
                .unwrap_or_default()
                .iter()
                .any(|granted| granted == grant)
        })
        .map(|(organization_id, _)| organization_id)
        .collect();
    organizations.sort_unstable();
    organizations.dedup();
    Ok(organizations)
}

/// True when one of the user's roles in the organization grants `grant`.
pub fn has_grant(
    conn: &Connection,
    user_id: i64,
    organization_id: i64,
    grant: &str,
) -> rusqlite::Result<bool> {
    Ok(organizations_granting(conn, user_id, grant)?.contains(&organization_id))
}

/// True when the user is a contact of the organization (with any roles;
/// an invitation not accepted yet does not count).
pub fn is_contact(conn: &Connection, user_id: i64, organization_id: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM contacts
                        WHERE user_id = ?1 AND organization_id = ?2 AND invited_at IS NULL)",
        [user_id, organization_id],
        |row| row.get(0),
    )
}
