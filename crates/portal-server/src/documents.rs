//! `GET /api/v1/me/documents` (My Payments) and
//! `GET /api/v1/organizations/{id}/documents` (the Payments Manager), and
//! who may see which document.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use portal_api::documents::{
    Document, DocumentKind, DocumentStatus, ORGANIZATION_DOCUMENTS_GRANT, Recipient,
};
use portal_api::limits::{YEAR_MAX, YEAR_MIN};
use portal_api::problem::{Problem, codes};
use portal_api::roles::Page;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Deserialize;

use crate::AppState;
use crate::bearer::AuthUser;
use crate::error::{ApiError, ApiPath, ApiQuery};
use crate::grants;
use crate::paging::{PageRequest, contains_pattern, unknown_cursor};
use crate::versions::{ListCounter, list_version, versioned_page};

/// Paging and filters of the document lists.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentsQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// `next_cursor` from the previous page (it names where that page
    /// ended, so a page is found without stepping over the ones before).
    #[param(pattern = "^(o[0-9]{1,18}|k[0-9]{4}-[0-9]{2}-[0-9]{2}~[0-9]{1,18})$")]
    pub cursor: Option<String>,
    /// `quote` or `invoice`.
    pub kind: Option<DocumentKind>,
    /// `paid`, `unpaid` or `overdue`.
    pub status: Option<DocumentStatus>,
    /// Year of issue.
    #[param(minimum = 1, maximum = 9999)]
    pub year: Option<i32>,
    /// Text in the number, title or file name (at most 200 characters).
    #[param(max_length = 200)]
    pub q: Option<String>,
}

/// The quotes and invoices sent to the user personally, newest first.
/// Every page answers the list's version as its `ETag` (the same on every
/// page while the list is unchanged); the first page with `If-None-Match`
/// naming it gets a 304.
#[utoipa::path(get, path = "/api/v1/me/documents", tag = "documents",
    security(("bearer" = [])),
    params(DocumentsQuery, ("If-None-Match" = Option<String>, Header, description = "The list version of the copy the client has (first page only)")),
    responses(
        (status = 200, description = "A page of documents, newest first; the ETag is the list's version", body = Page<Document>, headers(("ETag" = String))),
        (status = 304, description = "The list is unchanged since the version in If-None-Match", headers(("ETag" = String))),
        (status = 400, description = "Bad limit, cursor or filter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn my_documents(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<DocumentsQuery>,
) -> Result<Response, ApiError> {
    let page = PageRequest::parse_keyed(query.limit, query.cursor.as_deref())?;
    state
        .db
        .run(move |conn| versioned_list(conn, &headers, ("d.user_id", user.user_id), &query, page))
        .await
}

/// The quotes and invoices sent to an organization; only for contacts
/// whose role there grants `organization_documents`. Versioned as
/// `/api/v1/me/documents` is.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/documents", tag = "documents",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "The organization's id"), DocumentsQuery, ("If-None-Match" = Option<String>, Header, description = "The list version of the copy the client has (first page only)")),
    responses(
        (status = 200, description = "A page of documents, newest first; the ETag is the list's version", body = Page<Document>, headers(("ETag" = String))),
        (status = 304, description = "The list is unchanged since the version in If-None-Match", headers(("ETag" = String))),
        (status = 400, description = "Bad limit, cursor or filter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "No role of the user there grants the organization's documents", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organization_documents(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    headers: HeaderMap,
    ApiPath(organization_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<DocumentsQuery>,
) -> Result<Response, ApiError> {
    let page = PageRequest::parse_keyed(query.limit, query.cursor.as_deref())?;
    state
        .db
        .run(move |conn| {
            if !may_see_organization_documents(conn, user.user_id, organization_id)? {
                return Err(forbidden());
            }
            versioned_list(
                conn,
                &headers,
                ("d.organization_id", organization_id),
                &query,
                page,
            )
        })
        .await
}

/// The 403 for a user whose roles do not grant an organization's documents.
pub fn forbidden() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        codes::FORBIDDEN,
        "None of your roles in this organization lets you see its quotes and invoices.",
    )
}

/// True when one of the user's roles in the organization grants its documents.
pub fn may_see_organization_documents(
    conn: &Connection,
    user_id: i64,
    organization_id: i64,
) -> rusqlite::Result<bool> {
    grants::has_grant(conn, user_id, organization_id, ORGANIZATION_DOCUMENTS_GRANT)
}

/// The document `id` if the user may see it: 404 when it does not exist or
/// belongs to someone else, 403 when it is an organization's the user is
/// a contact of without the grant.
pub fn visible_document(conn: &Connection, user_id: i64, id: i64) -> Result<Document, ApiError> {
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            "There is no such document, or it was not sent to you.",
        )
    };
    let document = conn
        .query_row(
            &format!("{SELECT} WHERE d.id = ?1"),
            [id],
            document_from_row,
        )
        .optional()?
        .ok_or_else(not_found)?;
    match &document.recipient {
        Recipient::User => {
            let owner: Option<i64> =
                conn.query_row("SELECT user_id FROM documents WHERE id = ?1", [id], |row| {
                    row.get(0)
                })?;
            if owner == Some(user_id) {
                Ok(document)
            } else {
                Err(not_found())
            }
        }
        Recipient::Organization {
            organization_id, ..
        } => {
            if may_see_organization_documents(conn, user_id, *organization_id)? {
                return Ok(document);
            }
            Err(if grants::is_contact(conn, user_id, *organization_id)? {
                forbidden()
            } else {
                not_found()
            })
        }
    }
}

const SELECT: &str = "SELECT d.id, d.number, d.kind, d.title, d.issued_on, d.due_on, d.amount,
    d.currency, d.paid, d.organization_id, o.name, d.file_name, d.media_type, d.size, d.sha256
    FROM documents d LEFT JOIN organizations o ON o.id = d.organization_id";

/// A page of the list with the list's version as its `ETag`, or a 304 for
/// a first page whose `If-None-Match` names the current version.
fn versioned_list(
    conn: &Connection,
    headers: &HeaderMap,
    owner: (&str, i64),
    query: &DocumentsQuery,
    page: PageRequest,
) -> Result<Response, ApiError> {
    let version = list_version(
        conn,
        ListCounter::Documents,
        &list_description(owner, query),
    )?;
    versioned_page(headers, &version, query.cursor.is_none(), || {
        list(conn, owner, query, page)
    })
}

/// What a document list depends on besides the documents: whose list, with
/// which filters, and today's date (a document falls overdue at midnight).
fn list_description((owner_column, owner_id): (&str, i64), query: &DocumentsQuery) -> String {
    format!(
        "{owner_column}={owner_id}\nlimit={:?}\nkind={:?}\nstatus={:?}\nyear={:?}\nq={:?}\ntoday={}",
        query.limit,
        query.kind.map(DocumentKind::as_str),
        query.status.map(DocumentStatus::as_str),
        query.year,
        query.q,
        today()
    )
}

fn list(
    conn: &Connection,
    (owner_column, owner_id): (&str, i64),
    query: &DocumentsQuery,
    page: PageRequest,
) -> Result<Page<Document>, ApiError> {
    let mut conditions = vec![format!("{owner_column} = ?")];
    let mut values: Vec<Value> = vec![Value::Integer(owner_id)];
    if let Some(kind) = query.kind {
        conditions.push("d.kind = ?".into());
        values.push(Value::Text(kind.as_str().into()));
    }
    let today = today();
    match query.status {
        None => {}
        Some(DocumentStatus::Paid) => conditions.push("d.paid = 1".into()),
        Some(DocumentStatus::Unpaid) => {
            conditions.push("d.paid = 0 AND (d.due_on IS NULL OR d.due_on >= ?)".into());
            values.push(Value::Text(today.clone()));
        }
        Some(DocumentStatus::Overdue) => {
            conditions.push("d.paid = 0 AND d.due_on < ?".into());
            values.push(Value::Text(today.clone()));
        }
    }
    if let Some(year) = query.year {
        if !(YEAR_MIN..=YEAR_MAX).contains(&year) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                codes::INVALID_REQUEST,
                format!("year must be between {YEAR_MIN} and {YEAR_MAX}."),
            ));
        }
        conditions.push("substr(d.issued_on, 1, 4) = ?".into());
        values.push(Value::Text(format!("{year:04}")));
    }
    if let Some(pattern) = contains_pattern(query.q.as_deref())? {
        conditions
            .push("(d.number || ' ' || d.title || ' ' || d.file_name) LIKE ? ESCAPE '\\'".into());
        values.push(Value::Text(pattern));
    }
    // Pages after the first start after the last document of the one
    // before (in the list's order, issued date then id, both descending):
    // the index walks there instead of stepping over every earlier row.
    if let Some(after) = &page.after {
        let (issued_on, id) = parse_list_key(after)?;
        conditions.push("(d.issued_on, d.id) < (?, ?)".into());
        values.push(Value::Text(issued_on));
        values.push(Value::Integer(id));
    }
    values.push(Value::Integer(page.fetch()));
    values.push(Value::Integer(page.offset));
    let sql = format!(
        "{SELECT} WHERE {} ORDER BY d.issued_on DESC, d.id DESC LIMIT ? OFFSET ?",
        conditions.join(" AND ")
    );
    let mut statement = conn.prepare(&sql)?;
    let mut items = statement
        .query_map(rusqlite::params_from_iter(values), document_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    let next_cursor = page.finish_after(&mut items, list_key);
    Ok(Page { items, next_cursor })
}

/// A document's place in a list: its issued date and id.
fn list_key(document: &Document) -> String {
    format!("{}~{}", document.issued_on, document.id)
}

/// Reads a [`list_key`] back; 400 for anything else.
fn parse_list_key(key: &str) -> Result<(String, i64), ApiError> {
    key.split_once('~')
        .filter(|(date, _)| {
            date.len() == 10
                && date
                    .bytes()
                    .all(|byte| byte.is_ascii_digit() || byte == b'-')
        })
        .and_then(|(date, id)| Some((date.to_owned(), id.parse().ok()?)))
        .ok_or_else(unknown_cursor)
}

fn document_from_row(row: &Row<'_>) -> rusqlite::Result<Document> {
    let kind = match row.get::<_, String>(2)?.as_str() {
        "quote" => DocumentKind::Quote,
        _ => DocumentKind::Invoice,
    };
    let due_on: Option<String> = row.get(5)?;
    let paid: bool = row.get(8)?;
    let status = if paid {
        DocumentStatus::Paid
    } else if due_on.as_deref().is_some_and(|due| due < today().as_str()) {
        DocumentStatus::Overdue
    } else {
        DocumentStatus::Unpaid
    };
    let recipient = match row.get::<_, Option<i64>>(9)? {
        None => Recipient::User,
        Some(organization_id) => Recipient::Organization {
            organization_id,
            organization: row.get(10)?,
        },
    };
    Ok(Document {
        id: row.get(0)?,
        number: row.get(1)?,
        kind,
        title: row.get(3)?,
        issued_on: row.get(4)?,
        due_on,
        amount: row.get(6)?,
        currency: row.get(7)?,
        status,
        recipient,
        file_name: row.get(11)?,
        media_type: row.get(12)?,
        size: row.get::<_, i64>(13)? as u64,
        sha256: row.get(14)?,
    })
}

/// Today's date in UTC on the portal's clock, `YYYY-MM-DD`.
fn today() -> String {
    crate::clock::current().today().to_string()
}

/// Reissues document `id` with new content: stores `bytes` and points the
/// document at them, so its ETag and digest change.
pub fn replace_file(
    db: &crate::Db,
    files: &crate::files::FileStore,
    id: i64,
    bytes: &[u8],
) -> anyhow::Result<crate::files::StoredFile> {
    let stored = files.put(bytes)?;
    let changed = db.run_blocking(|conn| {
        conn.execute(
            "UPDATE documents SET sha256 = ?1, size = ?2 WHERE id = ?3",
            rusqlite::params![stored.sha256, stored.size as i64, id],
        )
    })?;
    anyhow::ensure!(changed == 1, "there is no document {id}");
    Ok(stored)
}
