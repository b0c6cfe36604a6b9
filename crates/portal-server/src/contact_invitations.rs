//! Invitations: an organization that adds a user who already has an
//! account on the portal only invites them. Until they accept (through the
//! link e-mailed to them), the organization lists them as invited and
//! neither side reaches the other: no roles, no documents, no tickets, and
//! the organization cannot touch their account. Declining removes the
//! invitation.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;

use crate::AppState;
use crate::db::now;
use crate::error::ApiError;
use crate::outbox;
use crate::password_reset::{escape, page, shell};
use crate::tokens::{new_token, token_hash};

/// The page an invitation link opens.
pub const INVITATION_PAGE: &str = "/invitations";
/// How long an invitation link works, in seconds.
pub const INVITATION_SECONDS: i64 = 14 * 24 * 60 * 60;

/// Invites the user behind the (new, invited) contact `contact_id` and
/// e-mails them the link to accept or decline.
pub fn invite(
    conn: &Connection,
    contact_id: i64,
    email: &str,
    organization: &str,
    roles: &str,
    base_url: &str,
) -> rusqlite::Result<()> {
    let token = new_token();
    conn.execute(
        "INSERT INTO contact_invitations (token_hash, contact_id, expires_at) VALUES (?1, ?2, ?3)",
        params![token_hash(&token), contact_id, now() + INVITATION_SECONDS],
    )?;
    outbox::enqueue(
        conn,
        email,
        &format!("{organization} invites you to its contacts on the portal"),
        &format!(
            "An administrator of {organization} wants to add {email} to its contacts with the role(s) {roles}.\n\nIf you expect this, accept here within 14 days (the same page lets you decline):\n{base_url}{INVITATION_PAGE}?token={token}\n\nUntil you accept, {organization} has no access to your account and you have none to its part of the portal. If you do not know {organization}, decline or ignore this e-mail."
        ),
    )?;
    Ok(())
}

/// The `token` query of the invitation page.
#[derive(Debug, Deserialize)]
pub struct InvitationQuery {
    /// The token from the e-mailed link.
    #[serde(default)]
    pub token: String,
}

/// The form the invitation page posts.
#[derive(Debug, Deserialize)]
pub struct InvitationAnswer {
    /// The token from the e-mailed link.
    #[serde(default)]
    pub token: String,
    /// `accept` or `decline`.
    #[serde(default)]
    pub answer: String,
}

/// A live invitation: the contact, the user's address, the organization.
struct Invitation {
    contact_id: i64,
    user_id: i64,
    email: String,
    organization: String,
}

fn live_invitation(conn: &Connection, token: &str) -> rusqlite::Result<Option<Invitation>> {
    conn.query_row(
        "SELECT c.id, u.id, u.email, o.name FROM contact_invitations i
         JOIN contacts c ON c.id = i.contact_id
         JOIN users u ON u.id = c.user_id
         JOIN organizations o ON o.id = c.organization_id
         WHERE i.token_hash = ?1 AND i.expires_at > ?2 AND c.invited_at IS NOT NULL",
        params![token_hash(token), now()],
        |row| {
            Ok(Invitation {
                contact_id: row.get(0)?,
                user_id: row.get(1)?,
                email: row.get(2)?,
                organization: row.get(3)?,
            })
        },
    )
    .optional()
}

/// The page an invitation link opens: accept or decline.
#[utoipa::path(get, path = "/invitations", tag = "contacts",
    params(("token" = String, Query, description = "The token from the e-mailed invitation")),
    responses(
        (status = 200, description = "The question (text/html)", content_type = "text/html"),
        (status = 410, description = "The invitation is unknown, answered, withdrawn or expired (text/html)", content_type = "text/html"),
    ))]
pub async fn invitation_page(
    State(state): State<Arc<AppState>>,
    Query(query): Query<InvitationQuery>,
) -> Result<Response, ApiError> {
    let token = query.token;
    let lookup = token.clone();
    let found = state
        .db
        .run(move |conn| Ok(live_invitation(conn, &lookup)?))
        .await?;
    Ok(match found {
        Some(invitation) => page(
            StatusCode::OK,
            &shell(
                "Join an organization?",
                &format!(
                    "<p><strong>{}</strong> wants to add <strong>{}</strong> to its contacts on the portal.</p><p>Accept only if you expect it: its administrators can then give you roles and see you among its contacts.</p>
<form method=\"post\" action=\"{INVITATION_PAGE}\"><input type=\"hidden\" name=\"token\" value=\"{}\">
<button type=\"submit\" name=\"answer\" value=\"accept\">Accept</button>
<button type=\"submit\" name=\"answer\" value=\"decline\">Decline</button></form>",
                    escape(&invitation.organization),
                    escape(&invitation.email),
                    escape(&token)
                ),
            ),
        ),
        None => page(StatusCode::GONE, &dead_html()),
    })
}

/// Accepts or declines the invitation of the link.
#[utoipa::path(post, path = "/invitations", tag = "contacts",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "token, answer (accept or decline)"),
    responses(
        (status = 200, description = "Answered (text/html)", content_type = "text/html"),
        (status = 410, description = "The invitation is unknown, answered, withdrawn or expired (text/html)", content_type = "text/html"),
        (status = 422, description = "Neither accept nor decline (text/html)", content_type = "text/html"),
    ))]
pub async fn invitation_answer(
    State(state): State<Arc<AppState>>,
    Form(form): Form<InvitationAnswer>,
) -> Result<Response, ApiError> {
    let accept = match form.answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            return Ok(page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &shell("Accept or decline", "<p>Choose Accept or Decline.</p>"),
            ));
        }
    };
    let token = form.token;
    let answered = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let Some(invitation) = live_invitation(&tx, &token)? else {
                return Ok(None);
            };
            if accept {
                tx.execute(
                    "UPDATE contacts SET invited_at = NULL WHERE id = ?1",
                    [invitation.contact_id],
                )?;
                tx.execute(
                    "UPDATE users SET access_revoked_at = NULL WHERE id = ?1",
                    [invitation.user_id],
                )?;
                crate::account::bump_profile_version(&tx, invitation.user_id)?;
            } else {
                tx.execute(
                    "DELETE FROM contacts WHERE id = ?1",
                    [invitation.contact_id],
                )?;
            }
            tx.execute(
                "DELETE FROM contact_invitations WHERE contact_id = ?1",
                [invitation.contact_id],
            )?;
            tx.commit()?;
            Ok(Some(invitation.organization))
        })
        .await?;
    Ok(match answered {
        Some(organization) if accept => page(
            StatusCode::OK,
            &shell(
                "Invitation accepted",
                &format!(
                    "<p>You are now a contact of <strong>{}</strong>. Its part of the portal appears the next time Portal Desk refreshes.</p>",
                    escape(&organization)
                ),
            ),
        ),
        Some(organization) => page(
            StatusCode::OK,
            &shell(
                "Invitation declined",
                &format!(
                    "<p>You are not a contact of <strong>{}</strong>, and it has no access to your account.</p>",
                    escape(&organization)
                ),
            ),
        ),
        None => page(StatusCode::GONE, &dead_html()),
    })
}

fn dead_html() -> String {
    shell(
        "This invitation does not work any more",
        "<p>It was answered or withdrawn already, or it is more than 14 days old. Ask the organization's administrator to invite you again.</p>",
    )
}
