//! Rosters in the database: loading an organization's contacts, storing a
//! roster a batch produced (users created, sessions ended, e-mail queued),
//! and the change requests of the review policy.

use std::collections::HashMap;

use portal_api::contacts::{
    CatalogueRole, Contact, ContactDirectory, ContactOrganization, ContactPolicy, Customer,
};
use portal_api::settings::NotificationDigest;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::contact_roster::{Roster, RosterEntry};
use crate::db::now;
use crate::error::ApiError;
use crate::outbox;
use crate::store::contact_requests::pending_request;
use crate::store::password_links::issue_password_link;
use crate::store::sessions::revoke_sessions_of;
use crate::store::settings::load_settings;
use crate::store::users::bump_profile_version;
use crate::store::users::sign_in_refusal;

/// How long the activation link in a welcome e-mail works, in seconds.
pub const ACTIVATION_LINK_SECONDS: i64 = 7 * 24 * 60 * 60;
/// The password hash of a user who has not chosen a password (yet, or
/// again after a reset by an administrator): no password matches it.
pub const NO_PASSWORD_YET: &str = "!";

/// The organization's contacts, roles and customers as `viewer` sees them;
/// 404 when there is no such organization.
pub fn load_roster(
    conn: &Connection,
    organization_id: i64,
    viewer: i64,
) -> Result<Roster, ApiError> {
    let organization = conn
        .query_row(
            "SELECT name, policy FROM organizations WHERE id = ?1",
            [organization_id],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
        )
        .optional()?
        .ok_or_else(|| {
            ApiError::new(
                axum::http::StatusCode::NOT_FOUND,
                portal_api::problem::codes::NOT_FOUND,
                format!("There is no organization {organization_id}."),
            )
        })?;
    let policy = ContactPolicy::parse(&organization.1)
        .ok_or_else(|| ApiError::internal(format!("unknown policy {:?}", organization.1)))?;
    let roles = load_catalogue(conn, organization_id)?;
    let customers = load_customers(conn, organization_id)?;
    let rows = conn
        .prepare_cached(
            "SELECT c.id, u.id, u.email, u.first_name, u.last_name, u.office_phone,
                    u.mobile_phone, u.activated_at IS NOT NULL AND c.invited_at IS NULL,
                    c.notifications,
                    EXISTS (SELECT 1 FROM contacts o
                            WHERE o.user_id = u.id AND o.organization_id != c.organization_id
                              AND o.invited_at IS NULL),
                    c.invited_at IS NOT NULL
             FROM contacts c JOIN users u ON u.id = c.user_id
             WHERE c.organization_id = ?1
             ORDER BY u.last_name COLLATE NOCASE, u.first_name COLLATE NOCASE, u.email",
        )?
        .query_map([organization_id], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, Option<String>>(8)?,
                row.get::<_, bool>(9)?,
                Contact {
                    email: row.get(2)?,
                    first_name: row.get(3)?,
                    last_name: row.get(4)?,
                    office_phone: row.get(5)?,
                    mobile_phone: row.get(6)?,
                    roles: Vec::new(),
                    customers: Vec::new(),
                    notifications: NotificationDigest::default(),
                    active: row.get(7)?,
                    invited: row.get(10)?,
                    you: false,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut entries = Vec::with_capacity(rows.len());
    for (contact_id, user_id, own_digest, shared, mut contact) in rows {
        contact.roles = conn
            .prepare_cached(
                "SELECT r.name FROM contact_roles cr JOIN roles r ON r.id = cr.role_id
                 WHERE cr.contact_id = ?1 ORDER BY r.id",
            )?
            .query_map([contact_id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        contact.customers = conn
            .prepare_cached(
                "SELECT customer_id FROM contact_customers WHERE contact_id = ?1 ORDER BY customer_id",
            )?
            .query_map([contact_id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        contact.notifications = match own_digest.as_deref().map(serde_json::from_str) {
            Some(Ok(digest)) => digest,
            Some(Err(error)) => {
                return Err(ApiError::internal(format!("a stored digest: {error}")));
            }
            None => load_settings(conn, user_id)?.0.digest,
        };
        contact.you = user_id == viewer;
        let mut entry = RosterEntry::stored(contact, user_id, contact_id);
        entry.shared = shared;
        entries.push(entry);
    }
    Ok(Roster {
        organization: ContactOrganization {
            id: organization_id,
            name: organization.0,
            policy,
        },
        roles,
        customers,
        entries,
    })
}

/// The organization's role catalogue, in order.
pub fn load_catalogue(
    conn: &Connection,
    organization_id: i64,
) -> rusqlite::Result<Vec<CatalogueRole>> {
    conn.prepare_cached(
        "SELECT name, description, grants FROM roles WHERE organization_id = ?1 ORDER BY id",
    )?
    .query_map([organization_id], |row| {
        Ok(CatalogueRole {
            name: row.get(0)?,
            description: row.get(1)?,
            grants: serde_json::from_str(&row.get::<_, String>(2)?).unwrap_or_default(),
        })
    })?
    .collect()
}

/// The partnership's customers, by name.
pub fn load_customers(conn: &Connection, organization_id: i64) -> rusqlite::Result<Vec<Customer>> {
    conn.prepare_cached(
        "SELECT id, name FROM customers WHERE organization_id = ?1 ORDER BY name, id",
    )?
    .query_map([organization_id], |row| {
        Ok(Customer {
            id: row.get(0)?,
            name: row.get(1)?,
        })
    })?
    .collect()
}

/// Everything the Contacts screen shows, as `viewer` sees it.
pub fn directory(
    conn: &Connection,
    organization_id: i64,
    viewer: i64,
) -> Result<ContactDirectory, ApiError> {
    let roster = load_roster(conn, organization_id, viewer)?;
    directory_of(conn, &roster, viewer)
}

/// The Contacts screen's view of a loaded roster, with the waiting request.
pub fn directory_of(
    conn: &Connection,
    roster: &Roster,
    viewer: i64,
) -> Result<ContactDirectory, ApiError> {
    Ok(ContactDirectory {
        organization: roster.organization.clone(),
        roles: roster.roles.clone(),
        customers: roster.customers.clone(),
        contacts: roster.contacts(),
        pending: pending_request(conn, roster.organization.id, viewer)?,
    })
}

/// What storing a roster did beyond the rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredEffects {
    /// Addresses a welcome e-mail went to.
    pub welcomed: Vec<String>,
    /// Existing users who were invited (and have no access until they
    /// accept).
    pub invited: Vec<String>,
    /// Addresses an access-revoked e-mail went to.
    pub revoked: Vec<String>,
    /// Users whose sessions were ended.
    pub signed_out: Vec<i64>,
}

/// Stores `after` over `before` (both of one organization) in the caller's
/// transaction: contacts removed, users created or re-admitted, roles,
/// customers, details and notification digests written, sessions ended
/// and e-mail queued where the rules say.
pub fn store_roster(
    tx: &Transaction<'_>,
    before: &Roster,
    after: &Roster,
    base_url: &str,
) -> Result<StoredEffects, ApiError> {
    let organization = &after.organization;
    let role_ids: HashMap<String, i64> = tx
        .prepare("SELECT name, id FROM roles WHERE organization_id = ?1")?
        .query_map([organization.id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut effects = StoredEffects::default();
    for entry in &after.entries {
        let contact = &entry.contact;
        match (entry.contact_id, entry.user_id) {
            (Some(contact_id), Some(user_id)) if entry.removed => {
                tx.execute("DELETE FROM contacts WHERE id = ?1", [contact_id])?;
                let elsewhere: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM contacts WHERE user_id = ?1 AND invited_at IS NULL)",
                    [user_id],
                    |row| row.get(0),
                )?;
                if !elsewhere {
                    tx.execute(
                        "UPDATE users SET access_revoked_at = ?1 WHERE id = ?2",
                        params![now(), user_id],
                    )?;
                    revoke_sessions_of(tx, user_id, None)?;
                    effects.signed_out.push(user_id);
                }
                outbox::enqueue(
                    tx,
                    &contact.email,
                    &format!("Your access to {} has been revoked", organization.name),
                    &format!(
                        "{} removed you from its contacts, so your access to its part of the portal has been revoked.{}\n\nIf this is a mistake, ask your organization's administrator.",
                        organization.name,
                        if elsewhere {
                            ""
                        } else {
                            " You can no longer sign in."
                        }
                    ),
                )?;
                effects.revoked.push(contact.email.clone());
            }
            (Some(contact_id), Some(user_id)) => {
                let old = before
                    .entries
                    .iter()
                    .find(|old| old.contact_id == Some(contact_id))
                    .map(|old| &old.contact)
                    .ok_or_else(|| ApiError::internal("a stored contact is missing"))?;
                store_changes(
                    tx,
                    organization,
                    (contact_id, user_id),
                    old,
                    contact,
                    &role_ids,
                    &mut effects,
                )?;
            }
            _ if entry.removed => {}
            _ => {
                let (user_id, existing) =
                    admit_user(tx, contact, organization, base_url, &mut effects)?;
                tx.execute(
                    "INSERT INTO contacts (organization_id, user_id, invited_at) VALUES (?1, ?2, ?3)",
                    params![organization.id, user_id, existing.then(now)],
                )?;
                let contact_id = tx.last_insert_rowid();
                write_roles_and_customers(tx, contact_id, contact, &role_ids)?;
                if existing {
                    crate::store::invitations::invite(
                        tx,
                        contact_id,
                        &contact.email,
                        &organization.name,
                        &contact.roles.join(", "),
                        base_url,
                    )?;
                    effects.invited.push(contact.email.clone());
                }
            }
        }
    }
    Ok(effects)
}

fn store_changes(
    tx: &Transaction<'_>,
    organization: &ContactOrganization,
    (contact_id, user_id): (i64, i64),
    old: &Contact,
    new: &Contact,
    role_ids: &HashMap<String, i64>,
    effects: &mut StoredEffects,
) -> Result<(), ApiError> {
    if old.roles != new.roles || old.customers != new.customers {
        write_roles_and_customers(tx, contact_id, new, role_ids)?;
    }
    let details = |contact: &Contact| {
        (
            contact.email.clone(),
            contact.first_name.clone(),
            contact.last_name.clone(),
            contact.office_phone.clone(),
            contact.mobile_phone.clone(),
        )
    };
    if details(old) != details(new) {
        tx.execute(
            "UPDATE users SET email = ?1, first_name = ?2, last_name = ?3, office_phone = ?4,
                 mobile_phone = ?5 WHERE id = ?6",
            params![
                new.email,
                new.first_name,
                new.last_name,
                new.office_phone,
                new.mobile_phone,
                user_id
            ],
        )?;
        bump_profile_version(tx, user_id)?;
    }
    if old.email != new.email {
        outbox::enqueue(
            tx,
            &new.email,
            "Your user name has changed",
            &format!(
                "An administrator of {} changed your user name from {} to {}. Sign in with {} from now on; your password stays the same.",
                organization.name, old.email, new.email, new.email
            ),
        )?;
        // The old address hears of it too: if this was not expected, its
        // owner is the one who can raise the alarm.
        outbox::enqueue(
            tx,
            &old.email,
            "Your user name has changed",
            &format!(
                "An administrator of {} changed your user name from {} to {}; this address no longer signs in. If you did not expect this, contact the portal's support at once.",
                organization.name, old.email, new.email
            ),
        )?;
        if new.you {
            revoke_sessions_of(tx, user_id, None)?;
            effects.signed_out.push(user_id);
        }
    }
    if old.notifications != new.notifications {
        // The organization's choice for this contact: the user's own
        // settings, and what other organizations chose, stay as they are.
        let digest = serde_json::to_string(&new.notifications).map_err(ApiError::internal)?;
        tx.execute(
            "UPDATE contacts SET notifications = ?1 WHERE id = ?2",
            params![digest, contact_id],
        )?;
    }
    if old.roles != new.roles && sign_in_refusal(tx, user_id)?.is_some() {
        revoke_sessions_of(tx, user_id, None)?;
        effects.signed_out.push(user_id);
    }
    Ok(())
}

/// The user behind an added contact, and whether they existed already: an
/// existing user is only invited (see [`crate::contact_invitations`]); a new
/// one is created without a password and gets a welcome e-mail with an
/// activation link.
pub fn admit_user(
    tx: &Transaction<'_>,
    contact: &Contact,
    organization: &ContactOrganization,
    base_url: &str,
    effects: &mut StoredEffects,
) -> Result<(i64, bool), ApiError> {
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM users WHERE email = ?1",
            [&contact.email],
            |row| row.get(0),
        )
        .optional()?;
    let roles = contact.roles.join(", ");
    let user_id = match existing {
        Some(user_id) => return Ok((user_id, true)),
        None => {
            tx.execute(
                "INSERT INTO users (email, password_hash, first_name, last_name, office_phone,
                     mobile_phone, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    contact.email,
                    NO_PASSWORD_YET,
                    contact.first_name,
                    contact.last_name,
                    contact.office_phone,
                    contact.mobile_phone,
                    now()
                ],
            )?;
            let user_id = tx.last_insert_rowid();
            let link = issue_password_link(tx, user_id, ACTIVATION_LINK_SECONDS, base_url)?;
            outbox::enqueue(
                tx,
                &contact.email,
                &format!("Welcome to {} on the portal", organization.name),
                &format!(
                    "Hello {},\n\nYou are now a contact of {} with the role(s) {roles}. Your user name is {}.\n\nActivate your account by choosing a password here within 7 days; the link works once:\n{link}\n\nIf the link has run out, choose \"First time here? Get a password\" on the sign-in screen of Portal Desk for a new one.",
                    contact.first_name, organization.name, contact.email
                ),
            )?;
            user_id
        }
    };
    effects.welcomed.push(contact.email.clone());
    Ok((user_id, false))
}

fn write_roles_and_customers(
    tx: &Transaction<'_>,
    contact_id: i64,
    contact: &Contact,
    role_ids: &HashMap<String, i64>,
) -> Result<(), ApiError> {
    tx.execute(
        "DELETE FROM contact_roles WHERE contact_id = ?1",
        [contact_id],
    )?;
    for role in &contact.roles {
        let role_id = role_ids
            .get(role)
            .ok_or_else(|| ApiError::internal(format!("no role {role:?}")))?;
        tx.execute(
            "INSERT INTO contact_roles (contact_id, role_id) VALUES (?1, ?2)",
            params![contact_id, role_id],
        )?;
    }
    tx.execute(
        "DELETE FROM contact_customers WHERE contact_id = ?1",
        [contact_id],
    )?;
    for customer in &contact.customers {
        tx.execute(
            "INSERT INTO contact_customers (contact_id, customer_id) VALUES (?1, ?2)",
            params![contact_id, customer],
        )?;
    }
    Ok(())
}
