//! Sign-in, token refresh with rotation and reuse detection, and sign-out
//! (the bearer-token extractor is [`crate::bearer`]).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use portal_api::auth::{LoginRequest, RefreshRequest, TokenResponse};
use portal_api::limits::{EMAIL_MAX_CHARS, PASSWORD_MAX_CHARS};
use portal_api::problem::{Problem, codes};
use rusqlite::{OptionalExtension, params};

use crate::AppState;
use crate::db::now;
use crate::error::{ApiError, ApiJson, field_error};
use crate::store::sessions::issue_tokens;
use crate::store::sessions::issue_tokens_in_new_family;
use crate::store::sessions::revoke_family;
use crate::store::users::sign_in_refusal;
use crate::tokens::{token_hash, verify_password};

/// Sign in with e-mail and password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "Wrong e-mail or password (never says which, `invalid_credentials`), or a right password for an account with two-step sign-in (`mfa_required`, with `mfa_challenge` for `POST /api/v1/auth/mfa`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Right password, but the account may not sign in: notifications only, or access revoked (`sign_in_not_allowed`, the reason in `detail`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "E-mail or password missing or too long", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts; see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn login(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    validate_login(&body)?;
    let address = peer.ip();
    let attempt = state
        .throttle
        .reserve(&body.email, address)
        .map_err(|wait| {
            let seconds = wait.as_secs().max(1);
            ApiError::rate_limited(
                seconds,
                format!(
                    "Too many failed sign-in attempts. Try again in {}.",
                    minutes(seconds)
                ),
            )
        })?;
    let email = body.email.trim().to_owned();
    let lookup_email = email.clone();
    let user: Option<(i64, String)> = state
        .db
        .run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT id, password_hash FROM users WHERE email = ?1",
                    [lookup_email],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?)
        })
        .await?;
    let password = body.password.clone();
    let stored = user.as_ref().map(|(_, hash)| hash.clone());
    let verified = match state
        .passwords
        .run(move || verify_password(password.expose(), stored.as_deref()))
        .await
    {
        Ok(verified) => verified,
        Err(busy) => {
            // Not checked, so it counts neither way.
            attempt.released();
            return Err(busy);
        }
    };
    let user_id = match (verified, user) {
        (true, Some((user_id, _))) => user_id,
        _ => {
            attempt.failed();
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                codes::INVALID_CREDENTIALS,
                "The e-mail address or password is not correct.",
            ));
        }
    };
    let ttl = state.config.token_lifetimes;
    let outcome = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            if let Some(reason) = sign_in_refusal(&tx, user_id)? {
                return Ok(Err(sign_in_not_allowed(reason)));
            }
            let outcome = match crate::store::mfa::start_challenge(&tx, user_id)? {
                Some(challenge) => Err(crate::store::mfa::mfa_required(challenge)),
                None => Ok(issue_tokens_in_new_family(&tx, user_id, ttl)?),
            };
            tx.commit()?;
            Ok(outcome)
        })
        .await?;
    // The password was right, whatever the outcome: it does not count.
    attempt.succeeded();
    Ok(Json(outcome?))
}

/// Exchange a refresh token for a new pair. Each refresh token works once;
/// presenting a used one ends the whole session (token family).
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 401, description = "Refresh token expired, revoked or reused: sign in again", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn refresh(
    State(state): State<Arc<AppState>>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let hash = token_hash(body.refresh_token.expose());
    let ttl = state.config.token_lifetimes;
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let found = tx
                .query_row(
                    "SELECT r.family_id, f.user_id, r.expires_at, r.used_at, f.revoked_at
                     FROM refresh_tokens r JOIN token_families f ON f.id = r.family_id
                     WHERE r.token_hash = ?1",
                    [&hash],
                    |row| {
                        Ok(StoredRefreshToken {
                            family_id: row.get(0)?,
                            user_id: row.get(1)?,
                            expires_at: row.get(2)?,
                            used_at: row.get(3)?,
                            revoked_at: row.get(4)?,
                        })
                    },
                )
                .optional()?;
            let Some(StoredRefreshToken {
                family_id,
                user_id,
                expires_at,
                used_at,
                revoked_at,
            }) = found
            else {
                return Err(session_expired("This session is not known to the portal."));
            };
            if revoked_at.is_some() {
                return Err(session_expired("This session was signed out."));
            }
            if used_at.is_some() {
                revoke_family(&tx, family_id)?;
                tx.commit()?;
                return Err(session_expired(
                    "This session was ended because its refresh token was used twice.",
                ));
            }
            if expires_at <= now() {
                return Err(session_expired("This session has expired."));
            }
            tx.execute(
                "UPDATE refresh_tokens SET used_at = ?1 WHERE token_hash = ?2",
                params![now(), hash],
            )?;
            let tokens = issue_tokens(&tx, user_id, family_id, ttl)?;
            tx.commit()?;
            Ok(Json(tokens))
        })
        .await
}

/// Sign out: revoke the session the refresh token belongs to. Answers 204
/// also for unknown tokens, so it can be retried safely.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204, description = "Signed out")))]
pub async fn logout(
    State(state): State<Arc<AppState>>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    let hash = token_hash(body.refresh_token.expose());
    state
        .db
        .run(move |conn| {
            let family: Option<i64> = conn
                .query_row(
                    "SELECT family_id FROM refresh_tokens WHERE token_hash = ?1",
                    [&hash],
                    |row| row.get(0),
                )
                .optional()?;
            if let Some(family_id) = family {
                let tx = conn.transaction()?;
                revoke_family(&tx, family_id)?;
                tx.commit()?;
            }
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}

/// A refresh token's row joined with its family.
struct StoredRefreshToken {
    family_id: i64,
    user_id: i64,
    expires_at: i64,
    used_at: Option<i64>,
    revoked_at: Option<i64>,
}

/// The 403 for a right password on an account that may not sign in.
fn sign_in_not_allowed(reason: String) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, codes::SIGN_IN_NOT_ALLOWED, reason)
}

fn session_expired(why: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        codes::SESSION_EXPIRED,
        format!("{why} Sign in again."),
    )
}

fn validate_login(body: &LoginRequest) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    let email = body.email.trim();
    if email.is_empty() {
        errors.push(field_error(
            "email",
            "required",
            "Enter your e-mail address.",
        ));
    } else if email.chars().count() > EMAIL_MAX_CHARS {
        errors.push(field_error(
            "email",
            "too_long",
            &format!("An e-mail address has at most {EMAIL_MAX_CHARS} characters."),
        ));
    } else if email.chars().any(char::is_control) {
        errors.push(field_error(
            "email",
            "invalid_characters",
            "An e-mail address cannot contain control characters.",
        ));
    }
    if body.password.is_empty() {
        errors.push(field_error("password", "required", "Enter your password."));
    } else if body.password.expose().chars().count() > PASSWORD_MAX_CHARS {
        errors.push(field_error(
            "password",
            "too_long",
            &format!("A password has at most {PASSWORD_MAX_CHARS} characters."),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

fn minutes(seconds: u64) -> String {
    if seconds < 60 {
        format!("{seconds} seconds")
    } else {
        let minutes = seconds.div_ceil(60);
        if minutes == 1 {
            "1 minute".into()
        } else {
            format!("{minutes} minutes")
        }
    }
}
