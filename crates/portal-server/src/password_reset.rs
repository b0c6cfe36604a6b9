//! Forgotten passwords: the API that e-mails a single-use link (without ever
//! saying whether the address has an account), and the minimal web page the
//! link opens to choose a new password.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Form;
use axum::Json;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use portal_api::mfa::{PasswordResetAccepted, PasswordResetRequest};
use portal_api::problem::Problem;
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;

use crate::AppState;
use crate::auth::revoke_sessions_of;
use crate::db::now;
use crate::error::{ApiError, ApiJson};
use crate::outbox;
use crate::passwords::check_new_password;
use crate::tokens::{hash_password, new_token, token_hash};

/// How long a reset link works, in seconds.
pub const RESET_LINK_SECONDS: i64 = 30 * 60;
/// The path of the reset page the e-mailed link opens.
pub const RESET_PAGE: &str = "/reset-password";

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
    let email = body.email.trim().to_owned();
    // Every request counts, for any address: a flood of reset e-mails
    // neither reaches anyone's inbox nor tells which addresses exist.
    state
        .reset_requests
        .reserve(&email, peer.ip())
        .map_err(|wait| {
            ApiError::rate_limited(
                wait.as_secs().max(1),
                "Too many password-reset requests. Check your inbox for the last link, or try again later.",
            )
        })?
        .failed();
    let base = state.public_url.clone();
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let user: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, email FROM users WHERE email = ?1",
                    [&email],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            if let Some((user_id, address)) = user {
                let link = issue_password_link(&tx, user_id, RESET_LINK_SECONDS, &base)?;
                outbox::enqueue(
                    &tx,
                    &address,
                    "Choose a new password",
                    &format!(
                        "Someone (we hope you) asked to reset the password of {address}.\n\nChoose a new one here within 30 minutes; the link works once:\n{link}\n\nIf it was not you, ignore this e-mail: your password stays as it is."
                    ),
                )?;
            }
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(PasswordResetAccepted {
            message: ACCEPTED.into(),
        }),
    )
        .into_response())
}

/// Stores a single-use link to the page where the user chooses a password,
/// working for `seconds`, and ends the user's older unused links; answers
/// the link.
pub fn issue_password_link(
    conn: &rusqlite::Connection,
    user_id: i64,
    seconds: i64,
    base_url: &str,
) -> rusqlite::Result<String> {
    let token = new_token();
    // Only the newest link works.
    conn.execute(
        "DELETE FROM password_resets WHERE user_id = ?1 AND used_at IS NULL",
        [user_id],
    )?;
    conn.execute(
        "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (?1, ?2, ?3)",
        params![token_hash(&token), user_id, now() + seconds],
    )?;
    Ok(format!("{base_url}{RESET_PAGE}?token={token}"))
}

/// The `token` query of the reset page.
#[derive(Debug, Deserialize)]
pub struct ResetQuery {
    /// The token from the e-mailed link.
    #[serde(default)]
    pub token: String,
}

/// The form the reset page posts.
#[derive(Debug, Deserialize)]
pub struct ResetForm {
    /// The token from the e-mailed link.
    #[serde(default)]
    pub token: String,
    /// The new password.
    #[serde(default)]
    pub password: String,
    /// The new password again.
    #[serde(default)]
    pub password_again: String,
}

/// The page the e-mailed link opens: a form for the new password.
#[utoipa::path(get, path = "/reset-password", tag = "auth",
    params(("token" = String, Query, description = "The token from the e-mailed link")),
    responses(
        (status = 200, description = "The form (text/html)", content_type = "text/html"),
        (status = 410, description = "The link is unknown, used or expired (text/html)", content_type = "text/html"),
    ))]
pub async fn reset_page(
    State(state): State<Arc<AppState>>,
    Query(query): Query<ResetQuery>,
) -> Result<Response, ApiError> {
    let token = query.token;
    let email = live_reset_token(&state, &token)
        .await?
        .map(|(_, email)| email);
    Ok(match email {
        Some(email) => page(StatusCode::OK, &form_html(&token, &email, None)),
        None => page(StatusCode::GONE, &link_dead_html()),
    })
}

/// Sets the new password from the reset page's form. The link then stops
/// working and every session of the user ends.
#[utoipa::path(post, path = "/reset-password", tag = "auth",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "token, password, password_again"),
    responses(
        (status = 200, description = "Changed (text/html)", content_type = "text/html"),
        (status = 410, description = "The link is unknown, used or expired (text/html)", content_type = "text/html"),
        (status = 422, description = "The password breaks a rule; the form again with the reason (text/html)", content_type = "text/html"),
    ))]
pub async fn reset_submit(
    State(state): State<Arc<AppState>>,
    Form(form): Form<ResetForm>,
) -> Result<Response, ApiError> {
    let found = live_reset_token(&state, &form.token).await?;
    let Some((user_id, email)) = found else {
        return Ok(page(StatusCode::GONE, &link_dead_html()));
    };
    let problem = if form.password != form.password_again {
        Some("The two passwords are not the same.".to_owned())
    } else {
        check_new_password("password", &form.password, &email).map(|error| error.message)
    };
    if let Some(problem) = problem {
        return Ok(page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &form_html(&form.token, &email, Some(&problem)),
        ));
    }
    let password = form.password.clone();
    let hash = state
        .passwords
        .run(move || hash_password(&password))
        .await?
        .map_err(ApiError::internal)?;
    let token_hash = token_hash(&form.token);
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
        page(StatusCode::GONE, &link_dead_html())
    })
}

/// The user id and e-mail of an unused, unexpired reset token.
async fn live_reset_token(
    state: &Arc<AppState>,
    token: &str,
) -> Result<Option<(i64, String)>, ApiError> {
    let lookup = token_hash(token);
    state
        .db
        .run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT u.id, u.email FROM password_resets r JOIN users u ON u.id = r.user_id
                     WHERE r.token_hash = ?1 AND r.used_at IS NULL AND r.expires_at > ?2",
                    params![lookup, now()],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?)
        })
        .await
}

/// An HTML answer of the portal's own pages, under a strict policy.
pub(crate) fn page(status: StatusCode, html: &str) -> Response {
    let mut response = (status, Html(html.to_owned())).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
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

fn link_dead_html() -> String {
    shell(
        "This link does not work any more",
        "<p>Password-reset links work once and for 30 minutes. Ask for a new one from the sign-in screen.</p>",
    )
}

/// A minimal page around `body`.
pub(crate) fn shell(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1b2330}}label{{display:block;font-weight:600;margin-top:1rem}}input{{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}}button{{margin-top:1.25rem;padding:.6rem 1rem;font:inherit;background:#1f5f9e;color:#fff;border:0;border-radius:6px}}.error{{color:#b42318}}</style>
</head><body><h1>{title}</h1>{body}</body></html>"
    )
}

/// `text` safe inside HTML.
pub(crate) fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}
