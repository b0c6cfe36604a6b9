//! Forgotten passwords: the API that e-mails a single-use link (without ever
//! saying whether the address has an account), and the minimal web page the
//! link opens to choose a new password.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use portal_api::mfa::{PasswordResetAccepted, PasswordResetRequest};
use portal_api::problem::Problem;
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;

use crate::AppState;
use crate::db::now;
use crate::error::{ApiError, ApiJson};
use crate::link_pages::{
    LinkState, LinkToken, PageForm, PageQuery, escape, link_not_working, page, shell,
};
use crate::outbox;
use crate::passwords::check_new_password;
use crate::store::contacts::{ACTIVATION_LINK_SECONDS, NO_PASSWORD_YET};
use crate::store::password_links::RESET_PAGE;
use crate::store::password_links::issue_password_link;
use crate::store::sessions::revoke_sessions_of;
use crate::tokens::{hash_password, token_hash};

/// How long a reset link works, in seconds.
pub const RESET_LINK_SECONDS: i64 = 30 * 60;

const ACCEPTED: &str = "If an account uses that address, an e-mail with a link to choose a new password is on its way. The link works once, for 30 minutes.";

/// Ask for a password-reset e-mail. The answer is the same whether or not
/// the address has an account.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "Accepted; an e-mail goes out if the address has an account. A new link ends the older ones.", body = PasswordResetAccepted),
        (status = 400, description = "Not the JSON the endpoint expects", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests for this address or from this client (whether or not the address has an account); see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn request_password_reset(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<PasswordResetRequest>,
) -> Result<Response, ApiError> {
    let request = LinkRequest {
        too_many: "Too many password-reset requests. Check your inbox for the last link, or try again later.",
        accepted: ACCEPTED,
    };
    request
        .answer(&state, peer, &body.email, |tx, user, base| {
            let Some(StoredUser { id, email, .. }) = user else {
                return Ok(());
            };
            let link = issue_password_link(tx, id, RESET_LINK_SECONDS, base)?;
            outbox::enqueue(
                tx,
                &email,
                "Choose a new password",
                &format!(
                    "Someone (we hope you) asked to reset the password of {email}.\n\nChoose a new one here within 30 minutes; the link works once:\n{link}\n\nIf it was not you, ignore this e-mail: your password stays as it is."
                ),
            )
        })
        .await
}

/// A request for an e-mailed password link: how it is limited and
/// answered, the same for every address.
struct LinkRequest {
    /// The 429's words.
    too_many: &'static str,
    /// The 202's words.
    accepted: &'static str,
}

/// The user an address names, as a link request needs it.
struct StoredUser {
    id: i64,
    email: String,
    password_hash: String,
}

impl LinkRequest {
    /// Counts the request (every request counts, for any address: a flood
    /// of e-mails neither reaches anyone's inbox nor tells which addresses
    /// exist), looks the address up, lets `write` queue the e-mail in the
    /// same transaction, and answers 202 whatever the address.
    async fn answer(
        &self,
        state: &Arc<AppState>,
        peer: SocketAddr,
        email: &str,
        write: impl FnOnce(&rusqlite::Transaction<'_>, Option<StoredUser>, &str) -> rusqlite::Result<()>
        + Send
        + 'static,
    ) -> Result<Response, ApiError> {
        let email = email.trim().to_owned();
        let too_many = self.too_many;
        state
            .reset_requests
            .reserve(&email, peer.ip())
            .map_err(|wait| ApiError::rate_limited(wait.as_secs().max(1), too_many))?
            .failed();
        let base = state.public_url.clone();
        state
            .db
            .run(move |conn| {
                let tx = conn.transaction()?;
                let user = tx
                    .query_row(
                        "SELECT id, email, password_hash FROM users WHERE email = ?1",
                        [&email],
                        |row| {
                            Ok(StoredUser {
                                id: row.get(0)?,
                                email: row.get(1)?,
                                password_hash: row.get(2)?,
                            })
                        },
                    )
                    .optional()?;
                write(&tx, user, &base)?;
                tx.commit()?;
                Ok(())
            })
            .await?;
        Ok((
            StatusCode::ACCEPTED,
            Json(PasswordResetAccepted {
                message: self.accepted.into(),
            }),
        )
            .into_response())
    }
}

const FIRST_PASSWORD_ACCEPTED: &str = "If an account uses that address and has no password yet, an e-mail with a link to choose one is on its way. The link works once, for 7 days.";

/// Ask for a link to choose a first password, for an account someone else
/// created (a new contact whose welcome link ran out, say). The answer is
/// the same whether or not the address has an account, or a password: an
/// account with a password is e-mailed how to reset it instead.
#[utoipa::path(post, path = "/api/v1/auth/first-password", tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "Accepted; an e-mail goes out if the address has an account. A new link ends the older ones.", body = PasswordResetAccepted),
        (status = 400, description = "Not the JSON the endpoint expects", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests for this address or from this client (counted with password resets); see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn request_first_password(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<PasswordResetRequest>,
) -> Result<Response, ApiError> {
    let request = LinkRequest {
        too_many: "Too many requests for a password link. Check your inbox for the last one, or try again later.",
        accepted: FIRST_PASSWORD_ACCEPTED,
    };
    request
        .answer(&state, peer, &body.email, |tx, user, base| match user {
            Some(StoredUser {
                id,
                email,
                password_hash,
            }) if password_hash == NO_PASSWORD_YET => {
                let link = issue_password_link(tx, id, ACTIVATION_LINK_SECONDS, base)?;
                outbox::enqueue(
                    tx,
                    &email,
                    "Choose your password",
                    &format!(
                        "Your user name on the portal is {email}.\n\nChoose your password here within 7 days; the link works once:\n{link}\n\nIf you did not ask for this, ignore this e-mail."
                    ),
                )
            }
            Some(StoredUser { email, .. }) => outbox::enqueue(
                tx,
                &email,
                "You already have a password",
                &format!(
                    "Someone (we hope you) asked for a first password for {email}, but the account has one already.\n\nIf you forgot it, choose \"Forgot your password?\" on the sign-in screen to get a link that sets a new one."
                ),
            ),
            None => Ok(()),
        })
        .await
}

/// The `token` query of the reset page.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResetQuery {
    /// The token from the e-mailed link.
    #[param(value_type = String)]
    pub token: LinkToken,
}

/// The form the reset page posts.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ResetForm {
    /// The token from the e-mailed link.
    #[schema(value_type = String)]
    pub token: LinkToken,
    /// The new password: at least 12 characters, not the e-mail address,
    /// not one of the most common passwords.
    #[schema(min_length = 12, max_length = 1024)]
    pub password: String,
    /// The new password again.
    #[schema(min_length = 12, max_length = 1024)]
    pub password_again: String,
}

/// The page the e-mailed link opens: a form for the new password.
#[utoipa::path(get, path = "/reset-password", tag = "auth",
    params(ResetQuery),
    responses(
        (status = 200, description = "The form", content_type = "text/html", body = String),
        (status = 400, description = "The link lost part of its token", content_type = "text/html", body = String),
        (status = 404, description = "The portal does not know the link (or a newer one replaced it)", content_type = "text/html", body = String),
        (status = 410, description = "The link was used or expired", content_type = "text/html", body = String),
    ))]
pub async fn reset_page(
    State(state): State<Arc<AppState>>,
    PageQuery(query): PageQuery<ResetQuery>,
) -> Result<Response, ApiError> {
    let token = query.token.as_str();
    Ok(match reset_link(&state, token).await? {
        LinkState::Live((_, email)) => page(StatusCode::OK, &form_html(token, &email, None)),
        dead => link_dead(&dead),
    })
}

/// Sets the new password from the reset page's form. The link then stops
/// working and every session of the user ends.
#[utoipa::path(post, path = "/reset-password", tag = "auth",
    request_body(content = ResetForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Changed", content_type = "text/html", body = String),
        (status = 400, description = "The form lacks a field, or the link lost part of its token", content_type = "text/html", body = String),
        (status = 404, description = "The portal does not know the link (or a newer one replaced it)", content_type = "text/html", body = String),
        (status = 410, description = "The link was used or expired", content_type = "text/html", body = String),
        (status = 415, description = "Not a form", content_type = "text/html", body = String),
        (status = 422, description = "The two passwords differ or the password breaks a rule; the form again with the reason", content_type = "text/html", body = String),
    ))]
pub async fn reset_submit(
    State(state): State<Arc<AppState>>,
    PageForm(form): PageForm<ResetForm>,
) -> Result<Response, ApiError> {
    let (user_id, email) = match reset_link(&state, form.token.as_str()).await? {
        LinkState::Live(found) => found,
        dead => return Ok(link_dead(&dead)),
    };
    let problem = if form.password != form.password_again {
        Some("The two passwords are not the same.".to_owned())
    } else {
        check_new_password("password", &form.password, &email).map(|error| error.message)
    };
    if let Some(problem) = problem {
        return Ok(page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form_html(form.token.as_str(), &email, Some(&problem)),
        ));
    }
    let password = form.password.clone();
    let hash = state
        .passwords
        .run(move || hash_password(&password))
        .await?
        .map_err(ApiError::internal)?;
    let token_hash = token_hash(form.token.as_str());
    let changed = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let used = tx.execute(
                "UPDATE password_resets SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL",
                params![now(), token_hash],
            )?;
            if used == 0 {
                return Ok(false);
            }
            tx.execute(
                "UPDATE users SET password_hash = ?1, activated_at = coalesce(activated_at, ?3)
                 WHERE id = ?2",
                params![hash, user_id, now()],
            )?;
            revoke_sessions_of(&tx, user_id, None)?;
            tx.commit()?;
            Ok(true)
        })
        .await?;
    Ok(if changed {
        page(
            StatusCode::OK,
            &shell(
                "Password changed",
                &format!(
                    "<p>The password of <strong>{}</strong> is changed, and every session that was signed in has ended.</p><p>Sign in again in Portal Desk with the new password.</p>",
                    escape(&email)
                ),
            ),
        )
    } else {
        link_dead(&LinkState::<()>::Dead)
    })
}

/// What a reset token stands for: the user id and e-mail while it is
/// unused and unexpired.
async fn reset_link(
    state: &Arc<AppState>,
    token: &str,
) -> Result<LinkState<(i64, String)>, ApiError> {
    let lookup = token_hash(token);
    state
        .db
        .run(move |conn| {
            let found: Option<(i64, String, bool)> = conn
                .query_row(
                    "SELECT u.id, u.email, r.used_at IS NULL AND r.expires_at > ?2
                     FROM password_resets r JOIN users u ON u.id = r.user_id
                     WHERE r.token_hash = ?1",
                    params![lookup, now()],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .optional()?;
            Ok(match found {
                Some((user_id, email, true)) => LinkState::Live((user_id, email)),
                Some(_) => LinkState::Dead,
                None => LinkState::Unknown,
            })
        })
        .await
}

fn link_dead<T>(state: &LinkState<T>) -> Response {
    link_not_working(
        state,
        "This link does not work any more",
        "Password-reset links work once and for 30 minutes, and only the newest one. Ask for a new one from the sign-in screen.",
    )
}

fn form_html(token: &str, email: &str, problem: Option<&str>) -> String {
    let problem = problem
        .map(|text| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(text)))
        .unwrap_or_default();
    shell(
        "Choose a new password",
        &format!(
            "<p>For <strong>{}</strong>. At least 12 characters, not your e-mail address, not one of the most common passwords.</p>{problem}
<form method=\"post\" action=\"{RESET_PAGE}\">
<input type=\"hidden\" name=\"token\" value=\"{}\">
<label for=\"password\">New password</label>
<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required minlength=\"12\">
<label for=\"password_again\">New password again</label>
<input id=\"password_again\" name=\"password_again\" type=\"password\" autocomplete=\"new-password\" required minlength=\"12\">
<button type=\"submit\">Change password</button>
</form>",
            escape(email),
            escape(token)
        ),
    )
}
