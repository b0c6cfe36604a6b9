//! The contacts endpoints: an organization's contact list, batches of
//! changes (requested under `review`, applied under `direct`), cancelling a
//! request, password resets by an administrator, and the partnership's
//! customers.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use portal_api::contacts::{
    ASSIGNED_CUSTOMERS_GRANT, CUSTOMER_DATA_GRANT, ContactChangeBatch, ContactChangeOutcome,
    ContactDirectory, ContactPasswordReset, ContactPasswordResetDone, ContactPolicy, Customer,
    MANAGE_CONTACTS_GRANT,
};
use portal_api::problem::{Problem, codes};
use portal_api::tickets::TicketStatus;
use rusqlite::{Connection, OptionalExtension, params};

use crate::AppState;
use crate::bearer::AuthUser;
use crate::contact_requests::{RequestKey, StoredRequest, raise_request, stored_request};
use crate::contact_roster::apply_batch;
use crate::contact_roster::manager_role_names;
use crate::db::now;
use crate::error::{ApiError, ApiJson, ApiPath};
use crate::grants;
use crate::outbox;
use crate::store::contact_requests::cancel_request_of_ticket;
use crate::store::contact_requests::pending_request;
use crate::store::contacts::{
    NO_PASSWORD_YET, directory, directory_of, load_catalogue, load_customers, load_roster,
    store_roster,
};
use crate::store::password_links::issue_password_link;
use crate::store::sessions::revoke_sessions_of;
use crate::store::tickets::set_status;
use crate::store::users::user_exists;
use crate::versions::{content_etag, json_with_content_etag, required_if_match};

/// How long the link of a password reset by an administrator works.
pub const ADMIN_RESET_LINK_SECONDS: i64 = 24 * 60 * 60;

/// The organization's contacts with their roles, its role catalogue and
/// customers, and the change request waiting for the vendor. Only for
/// contacts whose role grants `manage_contacts`.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/contacts", tag = "contacts",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organization's id"),
        ("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has")),
    responses(
        (status = 200, description = "The contact list; its ETag is what a batch names in If-Match", body = ContactDirectory, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No role of the user there manages contacts", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_contacts(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath(organization_id): ApiPath<i64>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let directory = state
        .db
        .run(move |conn| {
            require_manager(conn, user.user_id, organization_id)?;
            directory(conn, organization_id, user.user_id)
        })
        .await?;
    json_with_content_etag(&headers, &directory)
}

/// One batch of contact changes, checked whole first: under `review` it
/// becomes one change request and one contact-change ticket; under
/// `direct` it is applied at once, in one transaction.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/contact-changes", tag = "contacts",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organization's id"),
        ("If-Match" = String, Header, description = "The ETag of the contact list the batch was built on")),
    request_body = ContactChangeBatch,
    responses(
        (status = 200, description = "Direct policy: applied", body = ContactChangeOutcome),
        (status = 201, description = "Review policy: requested; the answer names the ticket", body = ContactChangeOutcome),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No role of the user there manages contacts", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A request is waiting already (`change_pending`, its ticket in `ticket_id`)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The contact list changed since it was loaded; the ETag header names the current one", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Some changes are invalid; each error's field is `changes[INDEX].FIELD` (`no_role`, `invalid`, `duplicate`, `taken`, `other_organization` (an address change for a user who is a contact of another organization too: only they can change it), `unknown_role`, `unknown_contact`, `unknown_customer`, `not_assignable`, `last_manager`, `unchanged`)", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn post_contact_changes(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath(organization_id): ApiPath<i64>,
    headers: HeaderMap,
    ApiJson(batch): ApiJson<ContactChangeBatch>,
) -> Result<Response, ApiError> {
    let base_url = state.public_url.clone();
    state
        .db
        .run(move |conn| {
            require_manager(conn, user.user_id, organization_id)?;
            let if_match = required_if_match(&headers)?;
            let tx = conn.transaction()?;
            let before = load_roster(&tx, organization_id, user.user_id)?;
            let current = directory_of(&tx, &before, user.user_id)?;
            if let Some(pending) = &current.pending {
                let mut error = ApiError::new(
                    StatusCode::CONFLICT,
                    codes::CHANGE_PENDING,
                    format!(
                        "{} asked for contact changes already (ticket #{}); wait until support has applied them, or cancel that request first.",
                        pending.requested_by, pending.ticket_id
                    ),
                );
                error.problem.ticket_id = Some(pending.ticket_id);
                return Err(error);
            }
            let (_, current_etag) = content_etag(&current)?;
            crate::versions::require_current_version(
                &if_match,
                current_etag,
                "The contacts were changed since you loaded them. Reload them, check your changes and send them again.",
            )?;
            let after = apply_batch(&before, &batch.changes, &|email| user_exists(&tx, email))
                .map_err(ApiError::validation)?;
            let answer = match before.organization.policy {
                ContactPolicy::Review => {
                    raise_request(&tx, &after, &batch.changes, user.user_id)?;
                    let request = pending_request(&tx, organization_id, user.user_id)?
                        .ok_or_else(|| ApiError::internal("the request just stored is missing"))?;
                    (
                        StatusCode::CREATED,
                        Json(ContactChangeOutcome::Requested { request }),
                    )
                        .into_response()
                }
                ContactPolicy::Direct => {
                    let effects = store_roster(&tx, &before, &after, &base_url)?;
                    (
                        StatusCode::OK,
                        Json(ContactChangeOutcome::Applied {
                            applied: batch.changes.len(),
                            signed_out: effects.signed_out.contains(&user.user_id),
                        }),
                    )
                        .into_response()
                }
            };
            tx.commit()?;
            Ok(answer)
        })
        .await
}

/// Withdraws the organization's change request: only its requester, only
/// while it waits. Its ticket is cancelled with it.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/contact-changes/{request_id}/cancel", tag = "contacts",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organization's id"),
        ("request_id" = i64, Path, description = "The request's number")),
    responses(
        (status = 204, description = "Cancelled, with its ticket"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No role of the user there manages contacts, or someone else's request (`not_cancellable`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such request for this organization", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Applied or cancelled already (`ticket_closed`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cancel_contact_changes(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath((organization_id, request_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    state
        .db
        .run(move |conn| {
            require_manager(conn, user.user_id, organization_id)?;
            let tx = conn.transaction()?;
            let Some(StoredRequest {
                ticket_id,
                requested_by,
                requester_name,
                applied_at,
                cancelled_at,
                ..
            }) = stored_request(
                &tx,
                RequestKey::Number {
                    organization_id,
                    request_id,
                },
            )?
            else {
                return Err(ApiError::new(
                    StatusCode::NOT_FOUND,
                    codes::NOT_FOUND,
                    format!(
                        "There is no contact change request {request_id} for this organization."
                    ),
                ));
            };
            if let Some(applied_at) = applied_at {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    codes::TICKET_CLOSED,
                    format!(
                        "Request #{request_id} (ticket #{ticket_id}) was applied on {}, so it can no longer be cancelled.",
                        day(applied_at)
                    ),
                ));
            }
            if cancelled_at.is_some() {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    codes::TICKET_CLOSED,
                    format!("Request #{request_id} (ticket #{ticket_id}) was cancelled already."),
                ));
            }
            if requested_by != user.user_id {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    codes::NOT_CANCELLABLE,
                    format!("Only {requester_name}, who raised request #{request_id}, can cancel it."),
                ));
            }
            let at = now();
            cancel_request_of_ticket(&tx, ticket_id, at)?;
            set_status(&tx, ticket_id, TicketStatus::Cancelled, at)?;
            tx.commit()?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

/// E-mails a contact a link to choose a new password (seed 004): their
/// password stops working and their sessions end now. Only where the
/// organization administers its users directly, and never for a user who is
/// a contact of another organization too (they use "Forgot your password?").
#[utoipa::path(post, path = "/api/v1/organizations/{id}/contacts/password-reset", tag = "contacts",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organization's id")),
    request_body = ContactPasswordReset,
    responses(
        (status = 200, description = "The link is on its way", body = ContactPasswordResetDone),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No role of the user there manages contacts; the organization's changes are reviewed by the vendor; or the contact is a contact of another organization too (`forbidden`, the reason in `detail`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not a contact of the organization", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reset_contact_password(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath(organization_id): ApiPath<i64>,
    ApiJson(body): ApiJson<ContactPasswordReset>,
) -> Result<Json<ContactPasswordResetDone>, ApiError> {
    let base_url = state.public_url.clone();
    state
        .db
        .run(move |conn| {
            require_manager(conn, user.user_id, organization_id)?;
            let tx = conn.transaction()?;
            let found: Option<(i64, String, String, String, bool)> = tx
                .query_row(
                    "SELECT u.id, u.email, o.name, o.policy,
                            EXISTS (SELECT 1 FROM contacts x
                                    WHERE x.user_id = u.id AND x.organization_id != o.id
                                      AND x.invited_at IS NULL)
                     FROM contacts c
                     JOIN users u ON u.id = c.user_id
                     JOIN organizations o ON o.id = c.organization_id
                     WHERE c.organization_id = ?1 AND u.email = ?2",
                    params![organization_id, body.contact.trim()],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)),
                )
                .optional()?;
            let Some((target, email, organization, policy, shared)) = found else {
                return Err(ApiError::new(
                    StatusCode::NOT_FOUND,
                    codes::NOT_FOUND,
                    format!("{} is not a contact of this organization.", body.contact.trim()),
                ));
            };
            if policy != "direct" {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    codes::FORBIDDEN,
                    format!("The vendor reviews changes to the contacts of {organization}, so administrators there cannot reset passwords. {email} can use \"Forgot your password?\" on the sign-in screen."),
                ));
            }
            if shared {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    codes::FORBIDDEN,
                    format!("{email} is also a contact of another organization, so only they can reset their password (with \"Forgot your password?\" on the sign-in screen)."),
                ));
            }
            tx.execute(
                "UPDATE users SET password_hash = ?1 WHERE id = ?2",
                params![NO_PASSWORD_YET, target],
            )?;
            revoke_sessions_of(&tx, target, None)?;
            let link = issue_password_link(&tx, target, ADMIN_RESET_LINK_SECONDS, &base_url)?;
            outbox::enqueue(
                &tx,
                &email,
                "Choose a new password",
                &format!(
                    "An administrator of {organization} reset the password of {email}. Your old password no longer works and you were signed out.\n\nChoose a new password here within 24 hours; the link works once:\n{link}"
                ),
            )?;
            tx.commit()?;
            let signed_out = target == user.user_id;
            Ok(Json(ContactPasswordResetDone {
                message: format!(
                    "A link to choose a new password went to {email}; until then they cannot sign in.{}",
                    if signed_out { " You were signed out." } else { "" }
                ),
                signed_out,
            }))
        })
        .await
}

/// The partnership's customers the user may see: all of them, or only
/// those assigned to a contact whose role is limited to assigned customers
/// (none assigned means all). Marketing and other roles without
/// `customer_data` get 403.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/customers", tag = "contacts",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organization's id")),
    responses(
        (status = 200, description = "The customers", body = Vec<Customer>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No role of the user there grants customer data", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_customers(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath(organization_id): ApiPath<i64>,
) -> Result<Json<Vec<Customer>>, ApiError> {
    state
        .db
        .run(move |conn| {
            if !grants::has_grant(conn, user.user_id, organization_id, CUSTOMER_DATA_GRANT)? {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    codes::FORBIDDEN,
                    "None of your roles in this organization gives access to customer data.",
                ));
            }
            let limited = grants::has_grant(
                conn,
                user.user_id,
                organization_id,
                ASSIGNED_CUSTOMERS_GRANT,
            )? && !grants::has_grant(
                conn,
                user.user_id,
                organization_id,
                MANAGE_CONTACTS_GRANT,
            )?;
            let assigned: Vec<i64> = if limited {
                conn.prepare_cached(
                    "SELECT cc.customer_id FROM contact_customers cc
                     JOIN contacts c ON c.id = cc.contact_id
                     WHERE c.user_id = ?1 AND c.organization_id = ?2 AND c.invited_at IS NULL",
                )?
                .query_map([user.user_id, organization_id], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?
            } else {
                Vec::new()
            };
            Ok(Json(
                load_customers(conn, organization_id)?
                    .into_iter()
                    .filter(|customer| assigned.is_empty() || assigned.contains(&customer.id))
                    .collect(),
            ))
        })
        .await
}

/// 403 unless one of the user's roles in the organization grants
/// `manage_contacts`; the message names the roles that do.
fn require_manager(conn: &Connection, user_id: i64, organization_id: i64) -> Result<(), ApiError> {
    if grants::has_grant(conn, user_id, organization_id, MANAGE_CONTACTS_GRANT)? {
        return Ok(());
    }
    let found: Option<String> = conn
        .query_row(
            "SELECT name FROM organizations WHERE id = ?1",
            [organization_id],
            |row| row.get(0),
        )
        .optional()?;
    let detail = match found {
        Some(name) if grants::is_contact(conn, user_id, organization_id)? => format!(
            "Only contacts with the role {} can manage the contacts of {name}.",
            manager_role_names(&load_catalogue(conn, organization_id)?)
        ),
        _ => "You are not a contact of this organization.".to_owned(),
    };
    Err(ApiError::new(
        StatusCode::FORBIDDEN,
        codes::FORBIDDEN,
        detail,
    ))
}

fn day(timestamp: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(timestamp)
        .map(|at| at.date().to_string())
        .unwrap_or_default()
}
