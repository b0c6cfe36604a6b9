//! `GET /api/v1/tickets`, `GET /api/v1/tickets/{number}` and
//! `POST /api/v1/tickets/{number}/cancel`: the support centre's lists and
//! conversations, who may see which ticket, and cancelling a request.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use portal_api::problem::{Problem, codes};
use portal_api::roles::Page;
use portal_api::tickets::{
    ORGANIZATION_TICKETS_GRANT, Ticket, TicketKind, TicketStatus, TicketSummary,
};
use rusqlite::types::Value;
use rusqlite::{Connection, params};
use serde::Deserialize;

use crate::AppState;
use crate::bearer::AuthUser;
use crate::db::now;
use crate::error::{ApiError, ApiPath, ApiQuery};
use crate::grants;
use crate::paging::{PageRequest, contains_pattern};
use crate::store::tickets::SELECT_SUMMARY;
use crate::store::tickets::set_status;
use crate::store::tickets::summary_from_row;
use crate::store::tickets::ticket_detail;
use crate::store::tickets::visible_ticket;
use crate::versions::{ListCounter, json_with_content_etag, list_version, versioned_page};

/// Paging and filters of the ticket list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TicketsQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// `next_cursor` from the previous page.
    #[param(pattern = "^o[0-9]{1,18}$")]
    pub cursor: Option<String>,
    /// Statuses, comma-separated (default: all).
    #[param(value_type = Option<Vec<TicketStatus>>, style = Form, explode = false, min_items = 1)]
    pub status: Option<String>,
    /// `support`, `username_change` or `contact_change`.
    pub kind: Option<TicketKind>,
    /// Text in the number, subject or conversation (at most 200
    /// characters).
    #[param(max_length = 200)]
    pub q: Option<String>,
}

/// The user's tickets and those of organizations where a role grants
/// `organization_tickets`, most recently updated first. Every page answers
/// the list's version as its `ETag` (the same on every page until anything
/// the list shows changes); a first page asked with `If-None-Match` naming
/// it gets a 304.
#[utoipa::path(get, path = "/api/v1/tickets", tag = "tickets",
    security(("bearer" = [])),
    params(TicketsQuery, ("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has")),
    responses(
        (status = 200, description = "A page of tickets, most recently updated first; the ETag is the list's version", body = Page<TicketSummary>, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 400, description = "Bad limit, cursor or filter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_tickets(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<TicketsQuery>,
) -> Result<Response, ApiError> {
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    let statuses = parse_statuses(query.status.as_deref())?;
    state
        .db
        .run(move |conn| {
            let organizations =
                grants::organizations_granting(conn, user.user_id, ORGANIZATION_TICKETS_GRANT)?;
            let description = format!(
                "user={}\norganizations={organizations:?}\nlimit={:?}\nstatus={statuses:?}\nkind={:?}\nq={:?}",
                user.user_id, query.limit, query.kind, query.q
            );
            let version = list_version(conn, ListCounter::Tickets, &description)?;
            versioned_page(&headers, &version, query.cursor.is_none(), || {
                list(conn, user.user_id, organizations, &statuses, &query, page)
            })
        })
        .await
}

/// One ticket with its conversation. Answers an `ETag`; `If-None-Match`
/// with it gets a 304 while nothing changed.
#[utoipa::path(get, path = "/api/v1/tickets/{number}", tag = "tickets",
    security(("bearer" = [])),
    params(("number" = i64, Path, description = "The ticket number"),
        ("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has")),
    responses(
        (status = 200, description = "The ticket and its public comments", body = Ticket, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag in If-None-Match"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An organization's ticket, and no role grants its tickets", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ticket for this user", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_ticket(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath(number): ApiPath<i64>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let ticket = state
        .db
        .run(move |conn| {
            visible_ticket(conn, user.user_id, number)?;
            Ok(ticket_detail(conn, user.user_id, number)?)
        })
        .await?;
    json_with_content_etag(&headers, &ticket)
}

/// Withdraws a user-name or contact change request: only its requester,
/// only while it is open or awaiting them. The change stops being pending.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/cancel", tag = "tickets",
    security(("bearer" = [])),
    params(("number" = i64, Path, description = "The ticket number")),
    responses(
        (status = 200, description = "Cancelled", body = Ticket),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Someone else's request (`not_cancellable`), or not visible", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ticket for this user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a request (`not_cancellable`), or cancelled or resolved already (`ticket_closed`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn cancel_ticket(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath(number): ApiPath<i64>,
) -> Result<axum::Json<Ticket>, ApiError> {
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let access = visible_ticket(&tx, user.user_id, number)?;
            if !access.kind.is_request() {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    codes::NOT_CANCELLABLE,
                    format!(
                        "Ticket #{number} is a support ticket; only user-name and contact change requests can be cancelled."
                    ),
                ));
            }
            if access.requester_id != user.user_id {
                return Err(ApiError::new(
                    StatusCode::FORBIDDEN,
                    codes::NOT_CANCELLABLE,
                    format!(
                        "Only {}, who raised request #{number}, can cancel it.",
                        access.requester
                    ),
                ));
            }
            match access.status {
                TicketStatus::Cancelled => {
                    return Err(ApiError::new(
                        StatusCode::CONFLICT,
                        codes::TICKET_CLOSED,
                        format!("Request #{number} was cancelled already."),
                    ));
                }
                TicketStatus::Resolved => {
                    return Err(ApiError::new(
                        StatusCode::CONFLICT,
                        codes::TICKET_CLOSED,
                        format!("Request #{number} was completed already, so it can no longer be cancelled."),
                    ));
                }
                TicketStatus::Open | TicketStatus::AwaitingCustomer => {}
            }
            let at = now();
            set_status(&tx, number, TicketStatus::Cancelled, at)?;
            if access.kind == TicketKind::UsernameChange {
                tx.execute(
                    "UPDATE username_changes SET cancelled_at = ?1
                     WHERE ticket_id = ?2 AND approved_at IS NULL AND cancelled_at IS NULL",
                    params![at, number],
                )?;
                crate::store::users::bump_profile_version(&tx, user.user_id)?;
            }
            if access.kind == TicketKind::ContactChange {
                crate::store::contact_requests::cancel_request_of_ticket(&tx, number, at)?;
            }
            let ticket = ticket_detail(&tx, user.user_id, number)?;
            tx.commit()?;
            Ok(axum::Json(ticket))
        })
        .await
}

fn parse_statuses(text: Option<&str>) -> Result<Vec<TicketStatus>, ApiError> {
    let Some(text) = text else {
        return Ok(Vec::new());
    };
    text.split(',')
        .map(|name| {
            TicketStatus::parse(name.trim()).ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    codes::INVALID_REQUEST,
                    format!(
                        "{:?} is not a ticket status; use open, awaiting_customer, resolved or cancelled.",
                        name.trim()
                    ),
                )
            })
        })
        .collect()
}

/// A page of the tickets `user_id` sees: their own, and those of
/// `organizations` (whose roles grant them the organization's tickets).
fn list(
    conn: &Connection,
    user_id: i64,
    organizations: Vec<i64>,
    statuses: &[TicketStatus],
    query: &TicketsQuery,
    page: PageRequest,
) -> Result<Page<TicketSummary>, ApiError> {
    let mut values: Vec<Value> = vec![Value::Integer(user_id)];
    let mut visible = vec!["t.user_id = ?1".to_owned()];
    if !organizations.is_empty() {
        visible.push(format!(
            "t.organization_id IN ({})",
            vec!["?"; organizations.len()].join(", ")
        ));
        values.extend(organizations.into_iter().map(Value::Integer));
    }
    let mut conditions = vec![format!("({})", visible.join(" OR "))];
    if !statuses.is_empty() {
        conditions.push(format!(
            "t.status IN ({})",
            vec!["?"; statuses.len()].join(", ")
        ));
        values.extend(
            statuses
                .iter()
                .map(|status| Value::Text(status.as_str().into())),
        );
    }
    if let Some(kind) = query.kind {
        conditions.push("t.kind = ?".into());
        values.push(Value::Text(kind.as_str().into()));
    }
    if let Some(pattern) = contains_pattern(query.q.as_deref())? {
        conditions.push(
            "(('#' || t.id || ' ' || t.subject) LIKE ? ESCAPE '\\'
              OR EXISTS (SELECT 1 FROM ticket_comments c WHERE c.ticket_id = t.id
                         AND c.public = 1 AND c.body LIKE ? ESCAPE '\\'))"
                .into(),
        );
        values.push(Value::Text(pattern.clone()));
        values.push(Value::Text(pattern));
    }
    values.push(Value::Integer(page.fetch()));
    values.push(Value::Integer(page.offset));
    let sql = format!(
        "{SELECT_SUMMARY} WHERE {} ORDER BY t.updated_at DESC, t.id DESC LIMIT ? OFFSET ?",
        conditions.join(" AND ")
    );
    let mut statement = conn.prepare(&sql)?;
    let mut items = statement
        .query_map(rusqlite::params_from_iter(values), |row| {
            summary_from_row(row, user_id)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let next_cursor = page.finish(&mut items);
    Ok(Page { items, next_cursor })
}
