//! Two-step sign-in: setting up an authenticator app (TOTP, RFC 6238),
//! recovery codes, the second step of sign-in, and turning it off. A code
//! works once: the last used time step is remembered, recovery codes are
//! marked used.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use portal_api::Secret;
use portal_api::auth::TokenResponse;
use portal_api::mfa::{MfaDisable, MfaEnable, MfaSetup, MfaSignIn, MfaStatus, RecoveryCodes};
use portal_api::problem::{Problem, codes};
use rusqlite::{OptionalExtension, params};

use crate::AppState;
use crate::bearer::AuthUser;
use crate::credentials::verify_current_password;
use crate::db::now;
use crate::error::{ApiError, ApiJson};
use crate::sign_in_steps::{
    digits_of, incorrect_code, normalise_recovery_code, pass_second_step, too_many_codes,
    use_second_factor,
};
use crate::store::mfa::mfa_status;
use crate::store::sessions::issue_tokens_in_new_family;

/// The name authenticator apps show for this portal.
pub const ISSUER: &str = "Customer Portal";
/// How many recovery codes a user gets.
pub const RECOVERY_CODE_COUNT: usize = 10;
pub use crate::sign_in_steps::{CHALLENGE_MAX_WRONG_CODES, DRIFT_STEPS};

/// Whether two-step sign-in is on.
#[utoipa::path(get, path = "/api/v1/me/mfa", tag = "security",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The state of two-step sign-in", body = MfaStatus),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_mfa(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
) -> Result<Json<MfaStatus>, ApiError> {
    state
        .db
        .run(move |conn| Ok(Json(mfa_status(conn, user.user_id)?)))
        .await
}

/// Start setting up two-step sign-in: a new secret for the authenticator
/// app. Sign-in is unchanged until the setup is confirmed with a code.
#[utoipa::path(post, path = "/api/v1/me/mfa/setup", tag = "security",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The secret and its otpauth:// URI", body = MfaSetup),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Two-step sign-in is already on (`mfa_state`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn setup_mfa(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
) -> Result<Json<MfaSetup>, ApiError> {
    let mut secret = [0u8; 20];
    getrandom::fill(&mut secret).map_err(ApiError::internal)?;
    let encoded = totp::base32_encode(&secret);
    let sealed = state
        .key
        .seal(user.user_id, &encoded)
        .map_err(ApiError::internal)?;
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            if mfa_status(&tx, user.user_id)?.enabled {
                return Err(mfa_state("Two-step sign-in is already on."));
            }
            tx.execute(
                "INSERT INTO user_mfa (user_id, pending_secret) VALUES (?1, ?2)
                 ON CONFLICT (user_id) DO UPDATE SET pending_secret = excluded.pending_secret",
                params![user.user_id, sealed],
            )?;
            let email: String = tx.query_row(
                "SELECT email FROM users WHERE id = ?1",
                [user.user_id],
                |row| row.get(0),
            )?;
            tx.commit()?;
            Ok(Json(MfaSetup {
                otpauth_uri: Secret::new(totp::otpauth_uri(ISSUER, &email, &encoded)),
                secret: Secret::new(encoded),
            }))
        })
        .await
}

/// Confirm the setup with a code from the app. Two-step sign-in is on from
/// now; the answer holds ten recovery codes, shown only this once.
#[utoipa::path(post, path = "/api/v1/me/mfa/enable", tag = "security",
    security(("bearer" = [])),
    request_body = MfaEnable,
    responses(
        (status = 200, description = "On; the recovery codes", body = RecoveryCodes),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already on, or no setup started (`mfa_state`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong password (`current_password`: `incorrect`) or wrong code (`code`: `incorrect`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong passwords; see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn enable_mfa(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    user: AuthUser,
    ApiJson(body): ApiJson<MfaEnable>,
) -> Result<Json<RecoveryCodes>, ApiError> {
    verify_current_password(&state, peer, user, &body.current_password).await?;
    let codes = new_recovery_codes()?;
    let key = state.key.clone();
    state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let row: Option<(Option<String>, Option<i64>)> = tx
                .query_row(
                    "SELECT pending_secret, enabled_at FROM user_mfa WHERE user_id = ?1",
                    [user.user_id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let pending = match row {
                Some((_, Some(_))) => return Err(mfa_state("Two-step sign-in is already on.")),
                Some((Some(pending), None)) => pending,
                _ => {
                    return Err(mfa_state(
                        "Start the setup first, so that there is a secret to confirm.",
                    ));
                }
            };
            let secret = key
                .open(user.user_id, &pending)
                .and_then(|pending| totp::base32_decode(&pending))
                .ok_or_else(|| ApiError::internal("a stored secret is not base32"))?;
            let Some(step) =
                totp::matching_step(&secret, &digits_of(&body.code), now() as u64, DRIFT_STEPS)
            else {
                return Err(ApiError::validation(vec![incorrect_code()]));
            };
            tx.execute(
                "UPDATE user_mfa SET secret = pending_secret, pending_secret = NULL,
                 enabled_at = ?1, last_used_step = ?2 WHERE user_id = ?3",
                params![now(), step as i64, user.user_id],
            )?;
            tx.execute(
                "DELETE FROM recovery_codes WHERE user_id = ?1",
                [user.user_id],
            )?;
            for code in &codes {
                tx.execute(
                    "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)",
                    params![
                        user.user_id,
                        key.code_digest(&normalise_recovery_code(code))
                    ],
                )?;
            }
            tx.commit()?;
            Ok(Json(RecoveryCodes {
                recovery_codes: codes.into_iter().map(Secret::new).collect(),
            }))
        })
        .await
}

/// Turn two-step sign-in off; needs the password and a code (from the app
/// or a recovery code).
#[utoipa::path(post, path = "/api/v1/me/mfa/disable", tag = "security",
    security(("bearer" = [])),
    request_body = MfaDisable,
    responses(
        (status = 204, description = "Off"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "It is not on (`mfa_state`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong password (`current_password`: `incorrect`), or a wrong or used code (`code`: `incorrect`, `already_used`)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn disable_mfa(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    user: AuthUser,
    ApiJson(body): ApiJson<MfaDisable>,
) -> Result<StatusCode, ApiError> {
    let email = verify_current_password(&state, peer, user, &body.current_password).await?;
    let attempt = state
        .throttle
        .reserve(&email, peer.ip())
        .map_err(too_many_codes)?;
    let code = body.code.clone();
    let key = state.key.clone();
    let outcome = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            if !mfa_status(&tx, user.user_id)?.enabled {
                return Err(mfa_state("Two-step sign-in is not on."));
            }
            if let Err(error) = use_second_factor(&tx, &key, user.user_id, &code)? {
                tx.commit()?;
                return Ok(Err(error));
            }
            tx.execute("DELETE FROM user_mfa WHERE user_id = ?1", [user.user_id])?;
            tx.execute(
                "DELETE FROM recovery_codes WHERE user_id = ?1",
                [user.user_id],
            )?;
            tx.commit()?;
            Ok(Ok(()))
        })
        .await?;
    match outcome {
        Ok(()) => {
            attempt.succeeded();
            Ok(StatusCode::NO_CONTENT)
        }
        Err(error) => {
            attempt.failed();
            Err(ApiError::validation(vec![error]))
        }
    }
}

/// The second step of sign-in: the challenge from the `mfa_required`
/// answer and a code from the app, or a recovery code.
#[utoipa::path(post, path = "/api/v1/auth/mfa", tag = "auth",
    request_body = MfaSignIn,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "The challenge is unknown, used or expired: sign in again (`session_expired`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A wrong or used code (`code`: `incorrect`, `already_used`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many wrong codes; see Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn mfa_sign_in(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ApiJson(body): ApiJson<MfaSignIn>,
) -> Result<Json<TokenResponse>, ApiError> {
    let user_id = pass_second_step(&state, body.challenge.expose(), &body.code, peer.ip()).await?;
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

fn mfa_state(message: &str) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, codes::MFA_STATE, message)
}

/// Ten codes like `k7m2p-x9qfr`, from letters and digits that cannot be
/// mistaken for each other.
fn new_recovery_codes() -> Result<Vec<String>, ApiError> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    // Bytes at or above the largest multiple of the alphabet's length are
    // drawn again, so that every letter is equally likely.
    let limit = 256 - 256 % ALPHABET.len();
    (0..RECOVERY_CODE_COUNT)
        .map(|_| {
            let mut letters = String::new();
            while letters.len() < 10 {
                let mut bytes = [0u8; 16];
                getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
                letters.extend(
                    bytes
                        .iter()
                        .map(|&byte| usize::from(byte))
                        .filter(|&byte| byte < limit)
                        .map(|byte| ALPHABET[byte % ALPHABET.len()] as char)
                        .take(10 - letters.len()),
                );
            }
            Ok(format!("{}-{}", &letters[..5], &letters[5..]))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_are_ten_distinct_and_compare_loosely() {
        let codes = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), RECOVERY_CODE_COUNT);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODE_COUNT);
        assert!(
            codes
                .iter()
                .all(|code| code.len() == 11 && code.as_bytes()[5] == b'-')
        );
        assert_eq!(normalise_recovery_code(" K7M2P-x9qfr "), "k7m2px9qfr");
    }
}
