//! Writing to tickets: `POST /api/v1/tickets` (a new ticket),
//! `POST /api/v1/tickets/{number}/comments` (a reply), and the vendor's
//! comments from the command line. A comment and its attachments are
//! stored in one transaction: they appear together or not at all.

use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_api::problem::{Problem, codes};
use portal_api::tickets::{
    COMMENT_MAX_CHARS, FIELD_MESSAGE, FIELD_ORGANIZATION, FIELD_SUBJECT, SUBJECT_MAX_CHARS, Ticket,
    TicketKind, TicketStatus, ticket_path,
};
use rusqlite::{Connection, OptionalExtension};

use crate::AppState;
use crate::bearer::AuthUser;
use crate::db::now;
use crate::error::{ApiError, ApiPath, field_error};
use crate::files::FileStore;
use crate::outbox;
use crate::store::tickets::Author;
use crate::store::tickets::NewAttachment;
use crate::store::tickets::NewComment;
use crate::store::tickets::NewTicket;
use crate::store::tickets::insert_comment;
use crate::store::tickets::open_ticket;
use crate::store::tickets::set_status;
use crate::store::tickets::ticket_detail;
use crate::store::tickets::visible_ticket;
use crate::ticket_uploads::{self, ReceivedForm, store_and_record};

/// The form of a new ticket (`multipart/form-data`). The rules of its
/// texts are added to the document by [`crate::api_document`].
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct NewTicketForm {
    /// What it is about: one line of at most 200 characters, not blank.
    subject: String,
    /// The first comment: at most 20,000 characters, not blank.
    message: String,
    /// The organization it is for; the user must be its contact (403
    /// otherwise). Without it, the ticket is the user's own.
    #[schema(nullable = false, minimum = 1)]
    organization_id: Option<i64>,
    /// Files, each at most 50 MB, at most 10; `filename` percent-encoded
    /// UTF-8.
    #[schema(value_type = Vec<String>, format = Binary, max_items = 10, required = false)]
    attachment: Option<Vec<Vec<u8>>>,
}

/// The form of a reply (`multipart/form-data`): a text, files, or both.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct CommentForm {
    /// The text, at most 20,000 characters; required (and not blank)
    /// unless files are attached.
    message: Option<String>,
    /// Files, each at most 50 MB, at most 10; `filename` percent-encoded
    /// UTF-8.
    #[schema(
        value_type = Vec<String>,
        format = Binary,
        min_items = 1,
        max_items = 10,
        required = false
    )]
    attachment: Option<Vec<Vec<u8>>>,
}

/// Raises a support ticket. The files are streamed; the ticket, its first
/// comment and the attachments are stored together once all arrived.
#[utoipa::path(post, path = "/api/v1/tickets", tag = "tickets",
    security(("bearer" = [])),
    request_body(content = NewTicketForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Raised", body = Ticket, headers(("Location" = String))),
        (status = 400, description = "Interrupted or malformed upload", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "An attachment over 50 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not multipart/form-data", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An organization the user is not a contact of", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Missing or too long subject or message, too many files", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_ticket(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let form = ticket_uploads::receive(
        &state,
        &headers,
        body,
        &[FIELD_SUBJECT, FIELD_MESSAGE, FIELD_ORGANIZATION],
    )
    .await?;
    let (subject, message, organization_id) = validate_new_ticket(&form)?;
    let store = state.files.clone();
    let ticket = state
        .db
        .run(move |conn| {
            store_and_record(conn, &store, form.files, |conn, attachments| {
                let tx = conn.transaction()?;
                if let Some(organization_id) = organization_id
                    && !crate::grants::is_contact(&tx, user.user_id, organization_id)?
                {
                    return Err(ApiError::new(
                        StatusCode::FORBIDDEN,
                        codes::FORBIDDEN,
                        "You are not a contact of that organization, so you cannot raise tickets for it.",
                    ));
                }
                let number = open_ticket(
                    &tx,
                    &NewTicket {
                        requester_id: user.user_id,
                        organization_id,
                        kind: TicketKind::Support,
                        subject,
                    },
                    &message,
                    attachments,
                    now(),
                )?;
                let ticket = ticket_detail(&tx, user.user_id, number)?;
                tx.commit()?;
                Ok(ticket)
            })
        })
        .await?;
    let location =
        HeaderValue::from_str(&ticket_path(ticket.summary.number)).map_err(ApiError::internal)?;
    let mut response = (StatusCode::CREATED, Json(ticket)).into_response();
    response.headers_mut().insert(header::LOCATION, location);
    Ok(response)
}

/// Adds a comment with any attachments to a ticket the user may see. A
/// reply to a ticket awaiting the customer (or resolved) opens it again.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/comments", tag = "tickets",
    security(("bearer" = [])),
    params(("number" = i64, Path, description = "The ticket number")),
    request_body(content = CommentForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Added; the answer is the whole ticket", body = Ticket),
        (status = 400, description = "Interrupted or malformed upload", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An organization's ticket, and no role grants its tickets", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ticket for this user", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The ticket was cancelled (`ticket_closed`)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "An attachment over 50 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not multipart/form-data", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No text and no files, a text too long, too many files", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_comment(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiPath(number): ApiPath<i64>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<Ticket>), ApiError> {
    // Refuse before storing the upload when the answer is known already.
    let refused = state
        .db
        .run(move |conn| {
            let access = visible_ticket(conn, user.user_id, number)?;
            ensure_takes_comments(number, access.status)
        })
        .await;
    if let Err(error) = refused {
        return Err(ticket_uploads::refuse_upload(body, error).await);
    }
    let form = ticket_uploads::receive(&state, &headers, body, &[FIELD_MESSAGE]).await?;
    let message = form.text(FIELD_MESSAGE).to_owned();
    validate_comment(&form)?;
    let store = state.files.clone();
    let ticket = state
        .db
        .run(move |conn| {
            store_and_record(conn, &store, form.files, |conn, attachments| {
                let tx = conn.transaction()?;
                let access = visible_ticket(&tx, user.user_id, number)?;
                ensure_takes_comments(number, access.status)?;
                let at = now();
                insert_comment(
                    &tx,
                    number,
                    &NewComment {
                        author: Author::Customer(user.user_id),
                        text: &message,
                        public: true,
                    },
                    attachments,
                    at,
                )?;
                if matches!(
                    access.status,
                    TicketStatus::AwaitingCustomer | TicketStatus::Resolved
                ) {
                    set_status(&tx, number, TicketStatus::Open, at)?;
                }
                let ticket = ticket_detail(&tx, user.user_id, number)?;
                tx.commit()?;
                Ok(ticket)
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(ticket)))
}

fn ensure_takes_comments(number: i64, status: TicketStatus) -> Result<(), ApiError> {
    if status == TicketStatus::Cancelled {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            codes::TICKET_CLOSED,
            format!(
                "Ticket #{number} was cancelled, so it takes no more comments. Raise a new ticket instead."
            ),
        ));
    }
    Ok(())
}

fn validate_new_ticket(form: &ReceivedForm) -> Result<(String, String, Option<i64>), ApiError> {
    let subject = form.text(FIELD_SUBJECT);
    let message = form.text(FIELD_MESSAGE);
    let mut errors = Vec::new();
    if subject.is_empty() {
        errors.push(field_error(
            FIELD_SUBJECT,
            "required",
            "Say in a few words what it is about.",
        ));
    } else if form.chars_as_sent(FIELD_SUBJECT) > SUBJECT_MAX_CHARS {
        errors.push(field_error(
            FIELD_SUBJECT,
            "too_long",
            &format!("Use at most {SUBJECT_MAX_CHARS} characters."),
        ));
    } else if subject.chars().any(char::is_control) {
        errors.push(field_error(
            FIELD_SUBJECT,
            "invalid_characters",
            "The subject is one line without control characters.",
        ));
    }
    if message.is_empty() {
        errors.push(field_error(
            FIELD_MESSAGE,
            "required",
            "Describe what you need.",
        ));
    } else if form.chars_as_sent(FIELD_MESSAGE) > COMMENT_MAX_CHARS {
        errors.push(field_error(
            FIELD_MESSAGE,
            "too_long",
            &format!("Use at most {COMMENT_MAX_CHARS} characters."),
        ));
    }
    let organization = form.text(FIELD_ORGANIZATION);
    let organization_id = if organization.is_empty() {
        None
    } else {
        match organization.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push(field_error(
                    FIELD_ORGANIZATION,
                    "invalid",
                    "Not an organization id.",
                ));
                None
            }
        }
    };
    if errors.is_empty() {
        Ok((subject.to_owned(), message.to_owned(), organization_id))
    } else {
        Err(ApiError::validation(errors))
    }
}

fn validate_comment(form: &ReceivedForm) -> Result<(), ApiError> {
    let message = form.text(FIELD_MESSAGE);
    let has_attachments = !form.files.is_empty();
    if message.is_empty() && !has_attachments {
        return Err(ApiError::validation(vec![field_error(
            FIELD_MESSAGE,
            "required",
            "Write a message or attach a file.",
        )]));
    }
    if form.chars_as_sent(FIELD_MESSAGE) > COMMENT_MAX_CHARS {
        return Err(ApiError::validation(vec![field_error(
            FIELD_MESSAGE,
            "too_long",
            &format!("Use at most {COMMENT_MAX_CHARS} characters."),
        )]));
    }
    Ok(())
}

/// A vendor comment as the command line and the demo make it.
#[derive(Debug, Clone)]
pub struct VendorComment {
    /// The ticket number.
    pub number: i64,
    /// Who on the vendor's team writes.
    pub author: String,
    /// The text.
    pub text: String,
    /// Files to attach: name, media type, content.
    pub attachments: Vec<(String, String, Vec<u8>)>,
    /// An internal note customers never see.
    pub internal: bool,
    /// Resolve the ticket with this comment.
    pub resolve: bool,
}

/// The vendor's team comments on a ticket: the ticket then awaits the
/// customer (or is resolved), and the requester gets an e-mail when their
/// "ticket updates" setting is on. Answers the comment's id.
pub fn add_vendor_comment(
    conn: &mut Connection,
    files: &FileStore,
    comment: &VendorComment,
) -> anyhow::Result<i64> {
    let mut attachments = Vec::new();
    for (name, media_type, bytes) in &comment.attachments {
        attachments.push(NewAttachment {
            name: name.clone(),
            media_type: media_type.clone(),
            stored: files.put(bytes)?,
        });
    }
    let tx = conn.transaction()?;
    let found: Option<(String, i64, String)> = tx
        .query_row(
            "SELECT status, user_id, subject FROM tickets WHERE id = ?1",
            [comment.number],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let Some((status, requester_id, subject)) = found else {
        anyhow::bail!("there is no ticket #{}", comment.number);
    };
    anyhow::ensure!(
        status != TicketStatus::Cancelled.as_str(),
        "ticket #{} was cancelled by its requester",
        comment.number
    );
    let at = now();
    let id = insert_comment(
        &tx,
        comment.number,
        &NewComment {
            author: Author::Vendor(comment.author.clone()),
            text: &comment.text,
            public: !comment.internal,
        },
        &attachments,
        at,
    )?;
    if !comment.internal {
        let status = if comment.resolve {
            TicketStatus::Resolved
        } else {
            TicketStatus::AwaitingCustomer
        };
        set_status(&tx, comment.number, status, at)?;
        notify_requester(&tx, requester_id, comment.number, &subject, &comment.text)?;
    }
    tx.commit()?;
    Ok(id)
}

fn notify_requester(
    conn: &Connection,
    user_id: i64,
    number: i64,
    subject: &str,
    text: &str,
) -> anyhow::Result<()> {
    let (settings, _) = crate::store::settings::load_settings(conn, user_id)
        .map_err(|error| anyhow::anyhow!("cannot read the requester's settings: {error:?}"))?;
    if !settings.email.ticket_updates {
        return Ok(());
    }
    let email: String =
        conn.query_row("SELECT email FROM users WHERE id = ?1", [user_id], |row| {
            row.get(0)
        })?;
    outbox::enqueue(
        conn,
        &email,
        &format!("New reply on ticket #{number}: {subject}"),
        &format!(
            "The support team replied on ticket #{number}:\n\n{text}\n\nReply in the portal's support centre."
        ),
    )?;
    Ok(())
}
