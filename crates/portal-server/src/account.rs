//! The user's own account: changing the password, and asking for a new user
//! name (which the vendor approves with `portal-server admin
//! approve-username-change`).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portal_api::account::{PasswordChange, PendingUsernameChange, UsernameChangeRequest};
use portal_api::limits::REASON_MAX_CHARS;
use portal_api::problem::{Problem, codes};
use portal_api::tickets::TicketKind;
use rusqlite::{Connection, OptionalExtension, params};

use crate::AppState;
use crate::bearer::AuthUser;
use crate::credentials::verify_current_password;
use crate::db::now;
use crate::error::{ApiError, ApiJson, field_error};
use crate::field_rules;
use crate::outbox;
use crate::passwords::check_new_password;
use crate::store::sessions::revoke_sessions_of;
use crate::store::tickets::NewTicket;
use crate::store::tickets::open_ticket;
use crate::store::tickets::resolve_with_vendor_comment;
use crate::store::users::bump_profile_version;
use crate::tokens::hash_password;

/// Change the password. Every other session of the user ends; this one
/// stays signed in.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "profile",
    security(("bearer" = [])),
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; the user's other sessions are signed out"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong current password (`current_password`: `incorrect`) or a new password that breaks a rule (`new_password`: `too_short`, `too_long`, `same_as_email`, `too_common`, `unchanged`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong current passwords; see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_password(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    user: AuthUser,
    ApiJson(body): ApiJson<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    let email = verify_current_password(&state, peer, user, &body.current_password).await?;
    let new_password = body.new_password.expose().to_owned();
    if let Some(error) = check_new_password("new_password", &new_password, &email) {
        return Err(ApiError::validation(vec![error]));
    }
    if new_password == body.current_password.expose() {
        return Err(ApiError::validation(vec![field_error(
            "new_password",
            "unchanged",
            "The new password is the one you have now. Choose another.",
        )]));
    }
    let hash = state
        .passwords
        .run(move || hash_password(&new_password))
        .await?
        .map_err(ApiError::internal)?;
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            tx.execute(
                "UPDATE users SET password_hash = ?1 WHERE id = ?2",
                params![hash, user.user_id],
            )?;
            revoke_sessions_of(&tx, user.user_id, Some(user.family_id))?;
            tx.commit()?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

/// Ask for a new user name. Creates a support ticket of kind
/// `username-change`; until the vendor approves it the profile carries it as
/// `pending_username_change` and the old name keeps working.
#[utoipa::path(post, path = "/api/v1/me/username-change", tag = "profile",
    security(("bearer" = [])),
    request_body = UsernameChangeRequest,
    responses(
        (status = 201, description = "Requested; the answer names the ticket", body = PendingUsernameChange),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A request is already waiting (`change_pending`, its ticket in `ticket_id`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong current password, or a new e-mail that is invalid (`invalid`), unchanged (`unchanged`) or already another user's (`taken`), or a missing reason", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong current passwords; see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn request_username_change(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    user: AuthUser,
    ApiJson(body): ApiJson<UsernameChangeRequest>,
) -> Result<Response, ApiError> {
    let new_email = body.new_email.trim().to_owned();
    let reason = body.reason.trim().to_owned();
    let mut errors = Vec::new();
    if let Some(error) = field_rules::email("new_email", &body.new_email) {
        errors.push(error);
    }
    if reason.is_empty() {
        errors.push(field_error(
            "reason",
            "required",
            "Say why, so that support can approve it.",
        ));
    } else if body.reason.chars().count() > REASON_MAX_CHARS {
        errors.push(field_error(
            "reason",
            "too_long",
            &format!("Use at most {REASON_MAX_CHARS} characters."),
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if let Some(pending) = state
        .db
        .run(move |conn| Ok(pending_username_change(conn, user.user_id)?))
        .await?
    {
        return Err(already_pending(&pending));
    }
    let old_email = verify_current_password(&state, peer, user, &body.current_password).await?;
    let pending = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            if old_email.eq_ignore_ascii_case(&new_email) {
                return Err(ApiError::validation(vec![field_error(
                    "new_email",
                    "unchanged",
                    "That is already your e-mail address.",
                )]));
            }
            if email_in_use(&tx, &new_email, user.user_id)? {
                return Err(ApiError::validation(vec![field_error(
                    "new_email",
                    "taken",
                    "Another user of this portal has that e-mail address.",
                )]));
            }
            if let Some(pending) = pending_username_change(&tx, user.user_id)? {
                return Err(already_pending(&pending));
            }
            let requested_at = now();
            let ticket_id = open_ticket(
                &tx,
                &NewTicket {
                    requester_id: user.user_id,
                    organization_id: None,
                    kind: TicketKind::UsernameChange,
                    subject: format!("Change my user name to {new_email}"),
                },
                &reason,
                &[],
                requested_at,
            )?;
            tx.execute(
                "INSERT INTO username_changes (ticket_id, user_id, old_email, new_email, requested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![ticket_id, user.user_id, old_email, new_email, requested_at],
            )?;
            bump_profile_version(&tx, user.user_id)?;
            let pending = pending_username_change(&tx, user.user_id)?
                .ok_or_else(|| ApiError::internal("the request just stored is missing"))?;
            tx.commit()?;
            Ok(pending)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(pending)).into_response())
}

/// What approving a user-name change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovedUsernameChange {
    /// The user name before.
    pub old_email: String,
    /// The user name now.
    pub new_email: String,
}

/// The vendor approves the user-name change carried by ticket `ticket_id`:
/// the user name switches, the ticket is resolved and a confirmation e-mail
/// to the new address goes into the outbox. Sessions stay signed in.
pub fn approve_username_change(
    conn: &mut Connection,
    ticket_id: i64,
) -> anyhow::Result<ApprovedUsernameChange> {
    let tx = conn.transaction()?;
    let found: Option<(i64, String, Option<i64>)> = tx
        .query_row(
            "SELECT user_id, new_email, approved_at FROM username_changes
             WHERE ticket_id = ?1 AND cancelled_at IS NULL",
            [ticket_id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let Some((user_id, new_email, approved_at)) = found else {
        anyhow::bail!("ticket #{ticket_id} is not a user-name change request, or it was cancelled");
    };
    if approved_at.is_some() {
        anyhow::bail!("ticket #{ticket_id} was approved already");
    }
    if email_in_use(&tx, &new_email, user_id)? {
        anyhow::bail!("{new_email} belongs to another user now; the change cannot be approved");
    }
    let old_email: String =
        tx.query_row("SELECT email FROM users WHERE id = ?1", [user_id], |row| {
            row.get(0)
        })?;
    let approved = now();
    tx.execute(
        "UPDATE users SET email = ?1 WHERE id = ?2",
        params![new_email, user_id],
    )?;
    bump_profile_version(&tx, user_id)?;
    tx.execute(
        "UPDATE username_changes SET approved_at = ?1 WHERE ticket_id = ?2",
        params![approved, ticket_id],
    )?;
    resolve_with_vendor_comment(
        &tx,
        ticket_id,
        &format!("Done: your user name is now {new_email}. Sign in with it from now on."),
        approved,
    )?;
    outbox::enqueue(
        &tx,
        &new_email,
        "Your user name has changed",
        &format!(
            "Your request (ticket #{ticket_id}) was approved. From now on, sign in with {new_email} instead of {old_email}. Your password stays the same."
        ),
    )?;
    tx.commit()?;
    Ok(ApprovedUsernameChange {
        old_email,
        new_email,
    })
}

/// The user's user-name change waiting for approval, if any.
pub fn pending_username_change(
    conn: &Connection,
    user_id: i64,
) -> rusqlite::Result<Option<PendingUsernameChange>> {
    conn.query_row(
        "SELECT ticket_id, new_email, requested_at FROM username_changes
         WHERE user_id = ?1 AND approved_at IS NULL AND cancelled_at IS NULL",
        [user_id],
        |row| {
            let requested_at: i64 = row.get(2)?;
            Ok(PendingUsernameChange {
                ticket_id: row.get(0)?,
                new_email: row.get(1)?,
                requested_at: time::OffsetDateTime::from_unix_timestamp(requested_at)
                    .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
            })
        },
    )
    .optional()
}

fn email_in_use(conn: &Connection, email: &str, except_user: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE email = ?1 AND id != ?2)",
        params![email, except_user],
        |row| row.get(0),
    )
}

fn already_pending(pending: &PendingUsernameChange) -> ApiError {
    let mut error = ApiError::new(
        StatusCode::CONFLICT,
        codes::CHANGE_PENDING,
        format!(
            "You already asked for the user name {} (ticket #{}); wait until support has handled it.",
            pending.new_email, pending.ticket_id
        ),
    );
    error.problem.ticket_id = Some(pending.ticket_id);
    error
}
