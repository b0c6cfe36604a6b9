//! `GET /api/v1/tickets`, `GET /api/v1/tickets/{number}` and
//! `POST /api/v1/tickets/{number}/cancel`: the support centre's lists and
//! conversations, who may see which ticket, and cancelling a request.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use portal_api::problem::{Problem, codes};
use portal_api::roles::Page;
use portal_api::tickets::{
    Attachment, Comment, CommentAuthor, ORGANIZATION_TICKETS_GRANT, Ticket, TicketKind,
    TicketOrganization, TicketStatus, TicketSummary,
};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Deserialize;

use crate::AppState;
use crate::auth::AuthUser;
use crate::db::now;
use crate::error::{ApiError, ApiPath, ApiQuery};
use crate::grants;
use crate::paging::{PageRequest, contains_pattern};
use crate::versions::json_with_content_etag;

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
/// `organization_tickets`, most recently updated first. Answers an `ETag`;
/// `If-None-Match` with it gets a 304 while nothing changed.
#[utoipa::path(get, path = "/api/v1/tickets", tag = "tickets",
    security(("bearer" = [])),
    params(TicketsQuery, ("If-None-Match" = Option<String>, Header, description = "The ETag of the copy the client has")),
    responses(
        (status = 200, description = "A page of tickets", body = Page<TicketSummary>, headers(("ETag" = String))),
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
    let page = state
        .db
        .run(move |conn| list(conn, user.user_id, &statuses, &query, page))
        .await?;
    json_with_content_etag(&headers, &page)
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
                crate::account::bump_profile_version(&tx, user.user_id)?;
            }
            if access.kind == TicketKind::ContactChange {
                crate::contact_requests::cancel_request_of_ticket(&tx, number, at)?;
            }
            let ticket = ticket_detail(&tx, user.user_id, number)?;
            tx.commit()?;
            Ok(axum::Json(ticket))
        })
        .await
}

/// What deciding access to a ticket needs.
#[derive(Debug, Clone)]
pub struct TicketAccess {
    /// Who raised it.
    pub requester_id: i64,
    /// Their name.
    pub requester: String,
    /// What it is.
    pub kind: TicketKind,
    /// Where it stands.
    pub status: TicketStatus,
}

/// Requester id and name, organization id and name, kind, status.
type AccessRow = (i64, String, Option<i64>, Option<String>, String, String);

/// Ticket `number` if the user may see it (and so comment on it): its
/// requester, or a contact of its organization whose role grants
/// `organization_tickets`. 403 for other contacts of that organization,
/// 404 for everyone else and for tickets that do not exist.
pub fn visible_ticket(
    conn: &Connection,
    user_id: i64,
    number: i64,
) -> Result<TicketAccess, ApiError> {
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            format!("There is no ticket #{number}, or it is not yours to see."),
        )
    };
    let row: Option<AccessRow> = conn
        .query_row(
            "SELECT t.user_id, u.first_name || ' ' || u.last_name, t.organization_id, o.name,
                    t.kind, t.status
             FROM tickets t JOIN users u ON u.id = t.user_id
             LEFT JOIN organizations o ON o.id = t.organization_id
             WHERE t.id = ?1",
            [number],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((requester_id, requester, organization_id, organization, kind, status)) = row else {
        return Err(not_found());
    };
    let access = TicketAccess {
        requester_id,
        requester,
        kind: parse_stored(TicketKind::parse(&kind), &kind)?,
        status: parse_stored(TicketStatus::parse(&status), &status)?,
    };
    if requester_id == user_id {
        return Ok(access);
    }
    let Some(organization_id) = organization_id else {
        return Err(not_found());
    };
    if grants::has_grant(conn, user_id, organization_id, ORGANIZATION_TICKETS_GRANT)? {
        return Ok(access);
    }
    if grants::is_contact(conn, user_id, organization_id)? {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            codes::FORBIDDEN,
            format!(
                "Ticket #{number} belongs to another contact of {}; none of your roles there lets you see the organization's tickets.",
                organization.unwrap_or_default()
            ),
        ));
    }
    Err(not_found())
}

fn parse_stored<T>(parsed: Option<T>, text: &str) -> Result<T, ApiError> {
    parsed
        .ok_or_else(|| ApiError::internal(format!("unknown ticket value in the database: {text}")))
}

/// Sets a ticket's status (closing or reopening it) and marks it updated.
pub fn set_status(
    conn: &Connection,
    number: i64,
    status: TicketStatus,
    at: i64,
) -> rusqlite::Result<()> {
    let closed = matches!(status, TicketStatus::Resolved | TicketStatus::Cancelled);
    conn.execute(
        "UPDATE tickets SET status = ?1, updated_at = ?2,
             closed_at = CASE WHEN ?3 THEN ?2 ELSE NULL END
         WHERE id = ?4",
        params![status.as_str(), at, closed, number],
    )?;
    Ok(())
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

/// Columns of a [`TicketSummary`]; `?1` is the signed-in user.
const SELECT_SUMMARY: &str = "SELECT t.id, t.subject, t.kind, t.status, t.organization_id, o.name,
    u.first_name || ' ' || u.last_name, t.user_id, t.created_at, t.updated_at,
    (SELECT COUNT(*) FROM ticket_comments c WHERE c.ticket_id = t.id AND c.public = 1),
    (SELECT COUNT(*) FROM ticket_attachments a JOIN ticket_comments c ON c.id = a.comment_id
        WHERE c.ticket_id = t.id AND c.public = 1),
    (SELECT MAX(c.id) FROM ticket_comments c WHERE c.ticket_id = t.id AND c.public = 1
        AND c.author_user_id IS NOT ?1)
    FROM tickets t JOIN users u ON u.id = t.user_id
    LEFT JOIN organizations o ON o.id = t.organization_id";

fn list(
    conn: &Connection,
    user_id: i64,
    statuses: &[TicketStatus],
    query: &TicketsQuery,
    page: PageRequest,
) -> Result<Page<TicketSummary>, ApiError> {
    let organizations = grants::organizations_granting(conn, user_id, ORGANIZATION_TICKETS_GRANT)?;
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

/// Ticket `number` with its public comments, as `user_id` sees it (check
/// [`visible_ticket`] first).
pub fn ticket_detail(conn: &Connection, user_id: i64, number: i64) -> rusqlite::Result<Ticket> {
    let summary = conn.query_row(
        &format!("{SELECT_SUMMARY} WHERE t.id = ?2"),
        params![user_id, number],
        |row| summary_from_row(row, user_id),
    )?;
    let mut attachments: HashMap<i64, Vec<Attachment>> = HashMap::new();
    let mut statement = conn.prepare_cached(
        "SELECT a.comment_id, a.id, a.name, a.media_type, a.size, a.sha256
         FROM ticket_attachments a JOIN ticket_comments c ON c.id = a.comment_id
         WHERE c.ticket_id = ?1 AND c.public = 1 ORDER BY a.id",
    )?;
    let rows = statement.query_map([number], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            Attachment {
                id: row.get(1)?,
                name: row.get(2)?,
                media_type: row.get(3)?,
                size: row.get::<_, i64>(4)? as u64,
                sha256: row.get(5)?,
            },
        ))
    })?;
    for row in rows {
        let (comment_id, attachment) = row?;
        attachments.entry(comment_id).or_default().push(attachment);
    }
    let mut statement = conn.prepare_cached(
        "SELECT id, author_user_id, author_name, vendor, body, public, created_at
         FROM ticket_comments WHERE ticket_id = ?1 AND public = 1 ORDER BY id",
    )?;
    let comments = statement
        .query_map([number], |row| {
            let id: i64 = row.get(0)?;
            let author_user_id: Option<i64> = row.get(1)?;
            Ok(Comment {
                id,
                author: CommentAuthor {
                    name: row.get(2)?,
                    vendor: row.get(3)?,
                    you: author_user_id == Some(user_id),
                },
                text: row.get(4)?,
                public: row.get(5)?,
                created_at: timestamp(row.get(6)?),
                attachments: attachments.remove(&id).unwrap_or_default(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Ticket { summary, comments })
}

fn summary_from_row(row: &Row<'_>, user_id: i64) -> rusqlite::Result<TicketSummary> {
    let kind_text: String = row.get(2)?;
    let status_text: String = row.get(3)?;
    let invalid = |index: usize, text: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unknown ticket value {text:?}").into(),
        )
    };
    let kind = TicketKind::parse(&kind_text).ok_or_else(|| invalid(2, &kind_text))?;
    let status = TicketStatus::parse(&status_text).ok_or_else(|| invalid(3, &status_text))?;
    let requester_id: i64 = row.get(7)?;
    let organization = match row.get::<_, Option<i64>>(4)? {
        None => None,
        Some(id) => Some(TicketOrganization {
            id,
            name: row.get(5)?,
        }),
    };
    Ok(TicketSummary {
        number: row.get(0)?,
        subject: row.get(1)?,
        kind,
        status,
        organization,
        requester: row.get(6)?,
        requested_by_you: requester_id == user_id,
        created_at: timestamp(row.get(8)?),
        updated_at: timestamp(row.get(9)?),
        comment_count: row.get(10)?,
        attachment_count: row.get(11)?,
        last_reply_id: row.get(12)?,
        can_cancel: kind.is_request()
            && requester_id == user_id
            && matches!(status, TicketStatus::Open | TicketStatus::AwaitingCustomer),
    })
}

fn timestamp(seconds: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}
