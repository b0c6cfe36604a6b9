//! The bearer-token extractor every protected endpoint uses: the access
//! token's hash must name a live token of a session that was not revoked.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use rusqlite::{OptionalExtension, params};

use crate::AppState;
use crate::db::now;
use crate::error::ApiError;
use crate::tokens::token_hash;

/// The user an access token belongs to.
#[derive(Debug, Clone, Copy)]
pub struct AuthUser {
    /// The user's id.
    pub user_id: i64,
    /// The token family (sign-in session) the token belongs to.
    pub family_id: i64,
}

impl FromRequestParts<Arc<AppState>> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(ApiError::unauthorized)?;
        let hash = token_hash(token);
        state
            .db
            .run(move |conn| {
                conn.query_row(
                    "SELECT a.user_id, a.family_id FROM access_tokens a
                     JOIN token_families f ON f.id = a.family_id
                     WHERE a.token_hash = ?1 AND a.expires_at > ?2 AND f.revoked_at IS NULL",
                    params![hash, now()],
                    |row| {
                        Ok(AuthUser {
                            user_id: row.get(0)?,
                            family_id: row.get(1)?,
                        })
                    },
                )
                .optional()?
                .ok_or_else(ApiError::unauthorized)
            })
            .await
    }
}
