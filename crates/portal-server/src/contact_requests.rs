//! Change requests of the review policy: raised as a contact-change
//! ticket, shown beside the active contacts while they wait, cancelled by
//! their requester, applied by the vendor.

use portal_api::contacts::ContactChange;
use portal_api::tickets::TicketKind;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::contact_roster::{Roster, apply_batch};
use crate::db::now;
use crate::error::ApiError;
use crate::outbox;
use crate::store::contacts::{StoredEffects, load_roster, store_roster};
use crate::store::tickets::NewTicket;
use crate::store::tickets::open_ticket;
use crate::store::tickets::resolve_with_vendor_comment;
use crate::store::users::user_exists;

/// Raises the change request of a review-policy batch: one contact-change
/// ticket and one pending request; the requester gets a confirmation.
pub fn raise_request(
    tx: &Transaction<'_>,
    after: &Roster,
    changes: &[ContactChange],
    requester: i64,
) -> Result<i64, ApiError> {
    let at = now();
    let organization = &after.organization;
    let lines: Vec<String> = changes
        .iter()
        .map(|change| format!("- {}", change.describe(|id| after.customer_name(id))))
        .collect();
    let ticket_id = open_ticket(
        tx,
        &NewTicket {
            requester_id: requester,
            organization_id: Some(organization.id),
            kind: TicketKind::ContactChange,
            subject: format!("Contact changes for {}", organization.name),
        },
        &format!(
            "Please make these changes to the contacts of {}:\n{}",
            organization.name,
            lines.join("\n")
        ),
        &[],
        at,
    )?;
    record_request(tx, after, changes, requester, ticket_id, at)?;
    let email: String = tx.query_row(
        "SELECT email FROM users WHERE id = ?1",
        [requester],
        |row| row.get(0),
    )?;
    outbox::enqueue(
        tx,
        &email,
        &format!(
            "Your contact change request for {} was raised",
            organization.name
        ),
        &format!(
            "Your request (ticket #{ticket_id}) has gone to the support team:\n{}\n\nThe Contacts Manager shows it read-only until it is applied or you cancel it. Add comments on the ticket if anything needs explaining.",
            lines.join("\n")
        ),
    )?;
    Ok(ticket_id)
}

/// Stores the pending request that ticket `ticket_id` carries: the batch
/// and the contacts as they will be.
pub fn record_request(
    conn: &Connection,
    after: &Roster,
    changes: &[ContactChange],
    requester: i64,
    ticket_id: i64,
    at: i64,
) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO contact_change_requests
             (organization_id, ticket_id, requested_by, changes, requested, requested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            after.organization.id,
            ticket_id,
            requester,
            serde_json::to_string(changes).map_err(ApiError::internal)?,
            serde_json::to_string(&after.contacts()).map_err(ApiError::internal)?,
            at
        ],
    )?;
    Ok(())
}

/// A change request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    /// Its number.
    pub id: i64,
    /// The organization it is for.
    pub organization_id: i64,
    /// The ticket that carries it.
    pub ticket_id: i64,
    /// The requester's user id.
    pub requested_by: i64,
    /// The requester's name.
    pub requester_name: String,
    /// The batch, as JSON.
    pub changes: String,
    /// When the vendor applied it.
    pub applied_at: Option<i64>,
    /// When it was cancelled.
    pub cancelled_at: Option<i64>,
}

/// How a stored request is found.
#[derive(Debug, Clone, Copy)]
pub enum RequestKey {
    /// By the ticket that carries it.
    Ticket(i64),
    /// By its number within an organization.
    Number {
        /// The organization.
        organization_id: i64,
        /// The request's number.
        request_id: i64,
    },
}

/// The stored request `key` names, whatever its state.
pub fn stored_request(
    conn: &Connection,
    key: RequestKey,
) -> rusqlite::Result<Option<StoredRequest>> {
    let (clause, first, second) = match key {
        RequestKey::Ticket(ticket_id) => ("r.ticket_id = ?1 AND ?2 IS NULL", ticket_id, None),
        RequestKey::Number {
            organization_id,
            request_id,
        } => (
            "r.id = ?1 AND r.organization_id = ?2",
            request_id,
            Some(organization_id),
        ),
    };
    conn.query_row(
        &format!(
            "SELECT r.id, r.organization_id, r.ticket_id, r.requested_by,
                    u.first_name || ' ' || u.last_name, r.changes, r.applied_at, r.cancelled_at
             FROM contact_change_requests r JOIN users u ON u.id = r.requested_by
             WHERE {clause}"
        ),
        params![first, second],
        |row| {
            Ok(StoredRequest {
                id: row.get(0)?,
                organization_id: row.get(1)?,
                ticket_id: row.get(2)?,
                requested_by: row.get(3)?,
                requester_name: row.get(4)?,
                changes: row.get(5)?,
                applied_at: row.get(6)?,
                cancelled_at: row.get(7)?,
            })
        },
    )
    .optional()
}

/// The organization's contacts as `requester` sees them, and as `changes`
/// would leave them, for the vendor's side (fixtures, applying a request):
/// problems come back as one line of text.
pub fn roster_after(
    conn: &Connection,
    organization_id: i64,
    requester: i64,
    changes: &[ContactChange],
) -> anyhow::Result<(Roster, Roster)> {
    let before = load_roster(conn, organization_id, requester).map_err(problem_text)?;
    let after =
        apply_batch(&before, changes, &|email| user_exists(conn, email)).map_err(|errors| {
            anyhow::anyhow!(
                "the contact changes do not fit the contacts as they are: {}",
                errors
                    .iter()
                    .map(|error| format!("{}: {}", error.field, error.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        })?;
    Ok((before, after))
}

/// What the vendor's applying a request did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedRequest {
    /// The organization's name.
    pub organization: String,
    /// How many changes the request had.
    pub changes: usize,
    /// What storing them did.
    pub effects: StoredEffects,
}

/// The vendor applies the change request carried by ticket `ticket_id`:
/// the batch is checked again against today's contacts and stored, the
/// ticket resolved with a comment, the requester sent a confirmation.
pub fn apply_request(
    conn: &mut Connection,
    ticket_id: i64,
    base_url: &str,
) -> anyhow::Result<AppliedRequest> {
    let tx = conn.transaction()?;
    let Some(stored) = stored_request(&tx, RequestKey::Ticket(ticket_id))? else {
        anyhow::bail!("ticket #{ticket_id} carries no contact change request");
    };
    if stored.applied_at.is_some() {
        anyhow::bail!("the request of ticket #{ticket_id} was applied already");
    }
    if stored.cancelled_at.is_some() {
        anyhow::bail!("the request of ticket #{ticket_id} was cancelled");
    }
    let (organization_id, requester) = (stored.organization_id, stored.requested_by);
    let changes: Vec<ContactChange> = serde_json::from_str(&stored.changes)?;
    let (before, after) = roster_after(&tx, organization_id, requester, &changes)?;
    let effects = store_roster(&tx, &before, &after, base_url).map_err(problem_text)?;
    let at = now();
    tx.execute(
        "UPDATE contact_change_requests SET applied_at = ?1 WHERE ticket_id = ?2",
        params![at, ticket_id],
    )?;
    resolve_with_vendor_comment(
        &tx,
        ticket_id,
        "Done: the contact changes are in effect.",
        at,
    )?;
    let requester_email: String = tx.query_row(
        "SELECT email FROM users WHERE id = ?1",
        [requester],
        |row| row.get(0),
    )?;
    let organization = after.organization.name.clone();
    outbox::enqueue(
        &tx,
        &requester_email,
        &format!("Your contact changes for {organization} are in effect"),
        &format!(
            "The support team applied your request (ticket #{ticket_id}):\n{}",
            changes
                .iter()
                .map(|change| format!("- {}", change.describe(|id| after.customer_name(id))))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    )?;
    tx.commit()?;
    Ok(AppliedRequest {
        organization,
        changes: changes.len(),
        effects,
    })
}

fn problem_text(error: ApiError) -> anyhow::Error {
    anyhow::anyhow!("{}", error.problem.detail)
}
