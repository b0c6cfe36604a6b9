//! Invitations: an organization that adds a user who already has an
//! account on the portal only invites them. Until they accept (through the
//! link e-mailed to them), the organization lists them as invited and
//! neither side reaches the other: no roles, no documents, no tickets, and
//! the organization cannot touch their account. Declining removes the
//! invitation.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;

use crate::AppState;
use crate::db::now;
use crate::error::ApiError;
use crate::link_pages::{
    LinkState, LinkToken, PageForm, PageQuery, escape, link_not_working, page, shell,
};
use crate::store::invitations::INVITATION_PAGE;
use crate::tokens::token_hash;

/// The `token` query of the invitation page.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InvitationQuery {
    /// The token from the e-mailed invitation.
    #[param(value_type = String)]
    pub token: LinkToken,
}

/// The answer to an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InvitationChoice {
    /// Join the organization's contacts.
    Accept,
    /// Stay out of them; the invitation is removed.
    Decline,
}

/// The form the invitation page posts.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct InvitationAnswer {
    /// The token from the e-mailed invitation.
    #[schema(value_type = String)]
    pub token: LinkToken,
    /// The button the user pressed.
    pub answer: InvitationChoice,
}

/// An invitation: the contact, the user's address, the organization.
struct Invitation {
    contact_id: i64,
    user_id: i64,
    email: String,
    organization: String,
}

/// What an invitation token stands for: live while it is unanswered,
/// unexpired and its contact still invited.
fn invitation_link(conn: &Connection, token: &str) -> rusqlite::Result<LinkState<Invitation>> {
    let found = conn
        .query_row(
            "SELECT c.id, u.id, u.email, o.name, i.expires_at > ?2 AND c.invited_at IS NOT NULL
             FROM contact_invitations i
             JOIN contacts c ON c.id = i.contact_id
             JOIN users u ON u.id = c.user_id
             JOIN organizations o ON o.id = c.organization_id
             WHERE i.token_hash = ?1",
            params![token_hash(token), now()],
            |row| {
                Ok((
                    Invitation {
                        contact_id: row.get(0)?,
                        user_id: row.get(1)?,
                        email: row.get(2)?,
                        organization: row.get(3)?,
                    },
                    row.get::<_, bool>(4)?,
                ))
            },
        )
        .optional()?;
    Ok(match found {
        Some((invitation, true)) => LinkState::Live(invitation),
        Some(_) => LinkState::Dead,
        None => LinkState::Unknown,
    })
}

/// The page an invitation link opens: accept or decline.
#[utoipa::path(get, path = "/invitations", tag = "contacts",
    params(InvitationQuery),
    responses(
        (status = 200, description = "The question", content_type = "text/html", body = String),
        (status = 400, description = "The link lost part of its token", content_type = "text/html", body = String),
        (status = 404, description = "The portal does not know the invitation, or it was answered or withdrawn", content_type = "text/html", body = String),
        (status = 410, description = "The invitation expired", content_type = "text/html", body = String),
    ))]
pub async fn invitation_page(
    State(state): State<Arc<AppState>>,
    PageQuery(query): PageQuery<InvitationQuery>,
) -> Result<Response, ApiError> {
    let token = query.token;
    let lookup = token.clone();
    let found = state
        .db
        .run(move |conn| Ok(invitation_link(conn, lookup.as_str())?))
        .await?;
    Ok(match found {
        LinkState::Live(invitation) => page(
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
                    escape(token.as_str())
                ),
            ),
        ),
        dead => invitation_dead(&dead),
    })
}

/// Accepts or declines the invitation of the link.
#[utoipa::path(post, path = "/invitations", tag = "contacts",
    request_body(content = InvitationAnswer, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Answered", content_type = "text/html", body = String),
        (status = 400, description = "The form lacks a field or has another answer than accept or decline, or the link lost part of its token", content_type = "text/html", body = String),
        (status = 404, description = "The portal does not know the invitation, or it was answered or withdrawn", content_type = "text/html", body = String),
        (status = 410, description = "The invitation expired", content_type = "text/html", body = String),
        (status = 415, description = "Not a form", content_type = "text/html", body = String),
    ))]
pub async fn invitation_answer(
    State(state): State<Arc<AppState>>,
    PageForm(form): PageForm<InvitationAnswer>,
) -> Result<Response, ApiError> {
    let accept = form.answer == InvitationChoice::Accept;
    let token = form.token;
    let answered = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let invitation = match invitation_link(&tx, token.as_str())? {
                LinkState::Live(invitation) => invitation,
                LinkState::Dead => return Ok(LinkState::Dead),
                LinkState::Unknown => return Ok(LinkState::Unknown),
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
                crate::store::users::bump_profile_version(&tx, invitation.user_id)?;
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
            Ok(LinkState::Live(invitation.organization))
        })
        .await?;
    Ok(match answered {
        LinkState::Live(organization) if accept => page(
            StatusCode::OK,
            &shell(
                "Invitation accepted",
                &format!(
                    "<p>You are now a contact of <strong>{}</strong>. Its part of the portal appears the next time Portal Desk refreshes.</p>",
                    escape(&organization)
                ),
            ),
        ),
        LinkState::Live(organization) => page(
            StatusCode::OK,
            &shell(
                "Invitation declined",
                &format!(
                    "<p>You are not a contact of <strong>{}</strong>, and it has no access to your account.</p>",
                    escape(&organization)
                ),
            ),
        ),
        dead => invitation_dead(&dead),
    })
}

fn invitation_dead<T>(state: &LinkState<T>) -> Response {
    link_not_working(
        state,
        "This invitation does not work any more",
        "It was answered or withdrawn already, or it is more than 14 days old. Ask the organization's administrator to invite you again.",
    )
}
