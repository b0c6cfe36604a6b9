//! Checking a password a signed-in user types as proof (changing the
//! password, the e-mail, two-step sign-in), counted by the sign-in throttle.

use crate::AppState;
use crate::bearer::AuthUser;
use crate::error::{ApiError, field_error};
use crate::tokens::verify_password;
use portal_api::Secret;
use portal_api::limits::PASSWORD_MAX_CHARS;
use std::net::SocketAddr;
use std::sync::Arc;

/// Checks the password the user typed as proof; answers the user's e-mail.
/// Wrong passwords count towards the sign-in throttle.
pub async fn verify_current_password(
    state: &Arc<AppState>,
    peer: SocketAddr,
    user: AuthUser,
    password: &Secret,
) -> Result<String, ApiError> {
    if password.is_empty() {
        return Err(ApiError::validation(vec![field_error(
            "current_password",
            "required",
            "Enter your current password.",
        )]));
    }
    if password.expose().chars().count() > PASSWORD_MAX_CHARS {
        return Err(ApiError::validation(vec![field_error(
            "current_password",
            "incorrect",
            "That is not your current password.",
        )]));
    }
    let (email, stored): (String, String) = state
        .db
        .run(move |conn| {
            Ok(conn.query_row(
                "SELECT email, password_hash FROM users WHERE id = ?1",
                [user.user_id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?)
        })
        .await?;
    let attempt = state.throttle.reserve(&email, peer.ip()).map_err(|wait| {
        ApiError::rate_limited(
            wait.as_secs().max(1),
            "Too many wrong passwords. Wait a few minutes and try again.",
        )
    })?;
    let typed = password.clone();
    let verified = match state
        .passwords
        .run(move || verify_password(typed.expose(), Some(&stored)))
        .await
    {
        Ok(verified) => verified,
        Err(busy) => {
            attempt.released();
            return Err(busy);
        }
    };
    if verified {
        attempt.succeeded();
    } else {
        attempt.failed();
        return Err(ApiError::validation(vec![field_error(
            "current_password",
            "incorrect",
            "That is not your current password.",
        )]));
    }
    Ok(email)
}
