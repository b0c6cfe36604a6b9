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
use portal_api::problem::{FieldError, Problem, codes};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::AppState;
use crate::bearer::AuthUser;
use crate::credentials::verify_current_password;
use crate::db::now;
use crate::error::{ApiError, ApiJson, field_error};
use crate::server_key::ServerKey;
use crate::store::mfa::mfa_status;
use crate::store::sessions::issue_tokens_in_new_family;
use crate::tokens::token_hash;

/// The name authenticator apps show for this portal.
pub const ISSUER: &str = "Customer Portal";
/// How many recovery codes a user gets.
pub const RECOVERY_CODE_COUNT: usize = 10;
/// Wrong codes after which a sign-in's challenge dies.
pub const CHALLENGE_MAX_WRONG_CODES: i64 = 5;
/// Time steps either side of now whose codes are accepted (clock drift).
const DRIFT_STEPS: u64 = 1;

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
    let hash = token_hash(body.challenge.expose());
    let lookup = hash.clone();
    let found: Option<(i64, String)> = state
        .db
        .run(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT c.user_id, u.email FROM mfa_challenges c JOIN users u ON u.id = c.user_id
                     WHERE c.token_hash = ?1 AND c.expires_at > ?2",
                    params![lookup, now()],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?)
        })
        .await?;
    let Some((user_id, email)) = found else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            codes::SESSION_EXPIRED,
            "This sign-in took too long or was finished already. Sign in again.",
        ));
    };
    let attempt = state
        .throttle
        .reserve(&email, peer.ip())
        .map_err(too_many_codes)?;
    let ttl = state.config.token_lifetimes;
    let code = body.code.clone();
    let key = state.key.clone();
    let outcome = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            if let Err(error) = use_second_factor(&tx, &key, user_id, &code)? {
                count_wrong_code(&tx, &hash)?;
                tx.commit()?;
                return Ok(Err(error));
            }
            tx.execute("DELETE FROM mfa_challenges WHERE token_hash = ?1", [&hash])?;
            let tokens = issue_tokens_in_new_family(&tx, user_id, ttl)?;
            tx.commit()?;
            Ok(Ok(tokens))
        })
        .await?;
    match outcome {
        Ok(tokens) => {
            attempt.succeeded();
            Ok(Json(tokens))
        }
        Err(error) => {
            attempt.failed();
            Err(ApiError::validation(vec![error]))
        }
    }
}

/// Counts a wrong code against the sign-in's challenge; the challenge dies
/// at the [`CHALLENGE_MAX_WRONG_CODES`]th, and the password is asked again.
fn count_wrong_code(tx: &Transaction<'_>, challenge_hash: &str) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE mfa_challenges SET wrong_codes = wrong_codes + 1 WHERE token_hash = ?1",
        [challenge_hash],
    )?;
    tx.execute(
        "DELETE FROM mfa_challenges WHERE token_hash = ?1 AND wrong_codes >= ?2",
        params![challenge_hash, CHALLENGE_MAX_WRONG_CODES],
    )?;
    Ok(())
}

/// Checks a code from the app or a recovery code and uses it up. The outer
/// error is the database's; the inner one is the field error for the user.
fn use_second_factor(
    tx: &Transaction<'_>,
    key: &ServerKey,
    user_id: i64,
    code: &str,
) -> Result<Result<(), FieldError>, ApiError> {
    let digits = digits_of(code);
    if digits.len() == totp::DIGITS as usize && digits.chars().all(|c| c.is_ascii_digit()) {
        let (secret, last_used): (Option<String>, Option<i64>) = tx.query_row(
            "SELECT secret, last_used_step FROM user_mfa WHERE user_id = ?1",
            [user_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let secret = secret
            .and_then(|secret| key.open(user_id, &secret))
            .and_then(|secret| totp::base32_decode(&secret))
            .ok_or_else(|| ApiError::internal("two-step sign-in has no secret"))?;
        let Some(step) = totp::matching_step(&secret, &digits, now() as u64, DRIFT_STEPS) else {
            return Ok(Err(incorrect_code()));
        };
        if last_used.is_some_and(|last| step as i64 <= last) {
            return Ok(Err(field_error(
                "code",
                "already_used",
                "This code was used already. Wait for the app to show the next one.",
            )));
        }
        tx.execute(
            "UPDATE user_mfa SET last_used_step = ?1 WHERE user_id = ?2",
            params![step as i64, user_id],
        )?;
        return Ok(Ok(()));
    }
    let hash = key.code_digest(&normalise_recovery_code(code));
    let used: Option<Option<i64>> = tx
        .query_row(
            "SELECT used_at FROM recovery_codes WHERE user_id = ?1 AND code_hash = ?2",
            params![user_id, hash],
            |row| row.get(0),
        )
        .optional()?;
    match used {
        None => Ok(Err(incorrect_code())),
        Some(Some(_)) => Ok(Err(field_error(
            "code",
            "already_used",
            "This recovery code was used already; each works once.",
        ))),
        Some(None) => {
            tx.execute(
                "UPDATE recovery_codes SET used_at = ?1 WHERE user_id = ?2 AND code_hash = ?3",
                params![now(), user_id, hash],
            )?;
            Ok(Ok(()))
        }
    }
}

fn too_many_codes(wait: std::time::Duration) -> ApiError {
    ApiError::rate_limited(
        wait.as_secs().max(1),
        "Too many wrong codes. Wait a few minutes and try again.",
    )
}

fn incorrect_code() -> FieldError {
    field_error(
        "code",
        "incorrect",
        "That code is not right. Check the app and try the code it shows now.",
    )
}

fn mfa_state(message: &str) -> ApiError {
    ApiError::new(StatusCode::CONFLICT, codes::MFA_STATE, message)
}

fn digits_of(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Lower case without spaces or dashes: how recovery codes are compared.
fn normalise_recovery_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
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
