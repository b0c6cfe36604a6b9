//! Sign-in, token refresh with rotation and reuse detection, and sign-out
//! (the bearer-token extractor is [`crate::bearer`]).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use portal_api::auth::{LoginRequest, RefreshRequest, TokenResponse};
use portal_api::problem::{Problem, codes};
use rusqlite::{OptionalExtension, params};

use crate::AppState;
use crate::db::now;
use crate::error::{ApiError, ApiJson};
use crate::sign_in_steps::{PasswordChecked, check_password, validate_login};
use crate::store::sessions::issue_tokens;
use crate::store::sessions::issue_tokens_in_new_family;
use crate::store::sessions::revoke_family;
use crate::tokens::token_hash;

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
    let user_id = match check_password(&state, &body, peer.ip()).await? {
        PasswordChecked::SignedIn(user_id) => user_id,
        PasswordChecked::SecondStep(challenge) => {
            return Err(crate::store::mfa::mfa_required(challenge));
        }
    };
    let ttl = state.config.token_lifetimes;
    let tokens = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let tokens = issue_tokens_in_new_family(&tx, user_id, ttl)?;
            tx.commit()?;
            Ok(tokens)
        })
        .await?;
    Ok(Json(tokens))
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

fn session_expired(why: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        codes::SESSION_EXPIRED,
        format!("{why} Sign in again."),
    )
}
