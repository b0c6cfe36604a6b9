//! Contact change requests in the database: the one waiting for an
//! organization, and cancelling the one a ticket carries.

use crate::error::ApiError;
use portal_api::contacts::{Contact, ContactChangeRequest};
use rusqlite::{Connection, OptionalExtension, params};

/// The organization's change request waiting for the vendor.
pub fn pending_request(
    conn: &Connection,
    organization_id: i64,
    viewer: i64,
) -> Result<Option<ContactChangeRequest>, ApiError> {
    let row = conn
        .query_row(
            "SELECT r.id, r.ticket_id, r.requested_by, u.first_name || ' ' || u.last_name,
                    r.changes, r.requested, r.requested_at
             FROM contact_change_requests r JOIN users u ON u.id = r.requested_by
             WHERE r.organization_id = ?1 AND r.applied_at IS NULL AND r.cancelled_at IS NULL",
            [organization_id],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, String>(5)?,
                    row.get::<_, i64>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((id, ticket_id, requested_by, name, changes, requested, at)) = row else {
        return Ok(None);
    };
    let viewer_email: String =
        conn.query_row("SELECT email FROM users WHERE id = ?1", [viewer], |row| {
            row.get(0)
        })?;
    let mut requested: Vec<Contact> =
        serde_json::from_str(&requested).map_err(ApiError::internal)?;
    for contact in &mut requested {
        contact.you = contact.email.eq_ignore_ascii_case(&viewer_email);
    }
    Ok(Some(ContactChangeRequest {
        id,
        ticket_id,
        requested_by: name,
        requested_at: time::OffsetDateTime::from_unix_timestamp(at)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
        changes: serde_json::from_str(&changes).map_err(ApiError::internal)?,
        requested,
        can_cancel: requested_by == viewer,
    }))
}

/// Marks the request carried by ticket `ticket_id` cancelled (the ticket's
/// own status is the caller's).
pub fn cancel_request_of_ticket(
    conn: &Connection,
    ticket_id: i64,
    at: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE contact_change_requests SET cancelled_at = ?1
         WHERE ticket_id = ?2 AND applied_at IS NULL AND cancelled_at IS NULL",
        params![at, ticket_id],
    )?;
    Ok(())
}
