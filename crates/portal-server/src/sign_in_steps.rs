//! The steps of signing in that the API (`auth`, `mfa`) and the single
//! sign-on page (`oauth`) share: checking the e-mail and password under the
//! failed-attempt limits, and the second step's code. Handlers depend on
//! this module; it depends on the store, never on a handler.

use std::net::IpAddr;
use std::sync::Arc;

use axum::http::StatusCode;
use portal_api::auth::LoginRequest;
use portal_api::limits::{EMAIL_MAX_CHARS, PASSWORD_MAX_CHARS};
use portal_api::problem::{FieldError, codes};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::AppState;
use crate::db::now;
use crate::error::{ApiError, field_error};
use crate::server_key::ServerKey;
use crate::store::users::sign_in_refusal;
use crate::tokens::{token_hash, verify_password};

/// Wrong codes after which a sign-in's challenge dies.
pub const CHALLENGE_MAX_WRONG_CODES: i64 = 5;
/// Time steps either side of now whose codes are accepted (clock drift).
pub const DRIFT_STEPS: u64 = 1;

/// What a right password leads to.
pub enum PasswordChecked {
    /// The user (no second step).
    SignedIn(i64),
    /// Two-step sign-in is on: the challenge for the code.
    SecondStep(String),
}

/// Checks the e-mail and password of a sign-in (the API's or the sign-in
/// page's) from `address`, under the failed-attempt limits: a wrong pair
/// is `invalid_credentials` (never saying which), an account that may not
/// sign in `sign_in_not_allowed`. `body` is validated already.
pub async fn check_password(
    state: &Arc<AppState>,
    body: &LoginRequest,
    address: IpAddr,
) -> Result<PasswordChecked, ApiError> {
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
    let lookup_email = body.email.trim().to_owned();
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
    let outcome = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            if let Some(reason) = sign_in_refusal(&tx, user_id)? {
                return Ok(Err(sign_in_not_allowed(reason)));
            }
            let outcome = match crate::store::mfa::start_challenge(&tx, user_id)? {
                Some(challenge) => PasswordChecked::SecondStep(challenge),
                None => PasswordChecked::SignedIn(user_id),
            };
            tx.commit()?;
            Ok(Ok(outcome))
        })
        .await?;
    // The password was right, whatever the outcome: it does not count.
    attempt.succeeded();
    outcome
}

/// The 403 for a right password on an account that may not sign in.
fn sign_in_not_allowed(reason: String) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, codes::SIGN_IN_NOT_ALLOWED, reason)
}

/// The field errors of a sign-in's e-mail and password (missing, too long).
pub fn validate_login(body: &LoginRequest) -> Result<(), ApiError> {
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

/// The second step of a sign-in (the API's or the sign-in page's): checks
/// `code` against the user of `challenge` and uses both up; answers the
/// user. An unknown, used or expired challenge is `session_expired`; a
/// wrong code a field error on `code`, counted against the challenge and
/// the account's failed-attempt limits.
pub async fn pass_second_step(
    state: &Arc<AppState>,
    challenge: &str,
    code: &str,
    address: IpAddr,
) -> Result<i64, ApiError> {
    let hash = token_hash(challenge);
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
        .reserve(&email, address)
        .map_err(too_many_codes)?;
    let code = code.to_owned();
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
            tx.commit()?;
            Ok(Ok(user_id))
        })
        .await?;
    match outcome {
        Ok(user_id) => {
            attempt.succeeded();
            Ok(user_id)
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
pub fn use_second_factor(
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

/// The 429 for too many wrong codes.
pub fn too_many_codes(wait: std::time::Duration) -> ApiError {
    ApiError::rate_limited(
        wait.as_secs().max(1),
        "Too many wrong codes. Wait a few minutes and try again.",
    )
}

/// The field error for a wrong code.
pub fn incorrect_code() -> FieldError {
    field_error(
        "code",
        "incorrect",
        "That code is not right. Check the app and try the code it shows now.",
    )
}

/// A code without its spaces.
pub fn digits_of(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Lower case without spaces or dashes: how recovery codes are compared.
pub fn normalise_recovery_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
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
