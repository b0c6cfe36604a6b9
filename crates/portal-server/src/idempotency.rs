//! `Idempotency-Key` on every signed-in `POST`: a client that sends a
//! request again because the answer was lost (a dropped connection, an app
//! killed mid-send) gets the first answer back instead of a second reply,
//! ticket or contact change.
//!
//! The first request with a key claims it (per user) before its handler
//! runs; a success is kept with the key for [`IDEMPOTENCY_KEY_KEPT_SECONDS`]
//! and replayed, marked `Idempotent-Replayed: true`, to a repeat at the same
//! address. A failed request gives its key back (the handlers change
//! nothing when they fail), so the repeat does the work. A repeat while the
//! first is still being answered waits (409 with `Retry-After`); the key
//! sent to another address is refused (422). A request whose client went
//! away mid-way gives the key back too.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use portal_api::problem::codes;
use portal_api::{
    IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_KEPT_SECONDS, IDEMPOTENCY_KEY_MAX_LEN, IDEMPOTENT_REPLAYED,
};
use rusqlite::{OptionalExtension, params};

use crate::AppState;
use crate::bearer::AuthUser;
use crate::db::{Db, now};
use crate::error::ApiError;

/// Answers larger than this are not kept (the portal's creating answers
/// are a few kilobytes); the key is given back instead.
const MAX_KEPT_ANSWER: usize = 1024 * 1024;

/// A claim whose first request has been running this long without an
/// answer is taken for abandoned, and the key can be claimed again.
const ABANDONED_AFTER_SECONDS: i64 = 10 * 60;

/// The middleware: runs the request once per key (see the module doc).
pub async fn once_per_key(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::POST || !request.headers().contains_key(IDEMPOTENCY_KEY) {
        return next.run(request).await;
    }
    let key = match key_of(&request) {
        Ok(key) => key,
        Err(error) => return error.into_response(),
    };
    let (mut parts, body) = request.into_parts();
    let Ok(user) = AuthUser::from_request_parts(&mut parts, &state).await else {
        // Not signed in: the handler answers that.
        return next.run(Request::from_parts(parts, body)).await;
    };
    let path = parts.uri.path().to_owned();
    let request = Request::from_parts(parts, body);
    let claim = match claim(&state.db, user.user_id, &key, &path).await {
        Ok(claim) => claim,
        Err(error) => return error.into_response(),
    };
    match claim {
        Claim::Replay(kept) => kept.into_response(),
        Claim::OtherAddress => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::IDEMPOTENCY_KEY_REUSED,
            "This Idempotency-Key was sent with another request; use a new key for each request.",
        )
        .into_response(),
        Claim::Running => {
            let mut error = ApiError::new(
                StatusCode::CONFLICT,
                codes::IDEMPOTENCY_KEY_IN_USE,
                "The first request with this Idempotency-Key is still being answered; send it again in a moment.",
            );
            error.problem.retry_after = Some(1);
            error.into_response()
        }
        Claim::Claimed => {
            let mut held = HeldClaim {
                db: state.db.clone(),
                user_id: user.user_id,
                key,
                settled: false,
            };
            let response = next.run(request).await;
            held.settle(response).await
        }
    }
}

/// The key of a request: printable ASCII, 1 to 255 characters.
fn key_of(request: &Request) -> Result<String, ApiError> {
    let invalid = || {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            codes::INVALID_REQUEST,
            format!(
                "The Idempotency-Key header must be 1 to {IDEMPOTENCY_KEY_MAX_LEN} printable ASCII characters."
            ),
        )
    };
    let mut values = request.headers().get_all(IDEMPOTENCY_KEY).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(invalid());
    };
    let key = value.to_str().map_err(|_| invalid())?;
    if key.is_empty()
        || key.len() > IDEMPOTENCY_KEY_MAX_LEN
        || !key.bytes().all(|byte| byte.is_ascii_graphic())
    {
        return Err(invalid());
    }
    Ok(key.to_owned())
}

/// What a key says about a request.
enum Claim {
    /// New (or given back, or kept too long): this request runs.
    Claimed,
    /// Answered before at this address: the kept answer.
    Replay(KeptAnswer),
    /// Given to a request at another address.
    OtherAddress,
    /// The first request with it is still running.
    Running,
}

/// A success kept with its key.
struct KeptAnswer {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

impl IntoResponse for KeptAnswer {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        let mut response = (status, self.body).into_response();
        let headers = response.headers_mut();
        match self
            .content_type
            .and_then(|kind| HeaderValue::from_str(&kind).ok())
        {
            Some(kind) => headers.insert(header::CONTENT_TYPE, kind),
            None => headers.remove(header::CONTENT_TYPE),
        };
        headers.insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
        response
    }
}

async fn claim(db: &Db, user_id: i64, key: &str, path: &str) -> Result<Claim, ApiError> {
    let key = key.to_owned();
    let path = path.to_owned();
    db.run(move |conn| {
        let tx = conn.transaction()?;
        let now = now();
        tx.execute(
            "DELETE FROM idempotency_keys WHERE created_at <= ?1",
            [now - IDEMPOTENCY_KEY_KEPT_SECONDS],
        )?;
        tx.execute(
            "DELETE FROM idempotency_keys WHERE status IS NULL AND created_at <= ?1",
            [now - ABANDONED_AFTER_SECONDS],
        )?;
        let found = tx
            .query_row(
                "SELECT path, status, content_type, body FROM idempotency_keys
                 WHERE user_id = ?1 AND key = ?2",
                params![user_id, key],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, Option<u16>>(1)?,
                        row.get::<_, Option<String>>(2)?,
                        row.get::<_, Option<Vec<u8>>>(3)?,
                    ))
                },
            )
            .optional()?;
        let claim = match found {
            Some((kept_path, _, _, _)) if kept_path != path => Claim::OtherAddress,
            Some((_, None, _, _)) => Claim::Running,
            Some((_, Some(status), content_type, body)) => Claim::Replay(KeptAnswer {
                status,
                content_type,
                body: body.unwrap_or_default(),
            }),
            None => {
                tx.execute(
                    "INSERT INTO idempotency_keys (user_id, key, path, created_at)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![user_id, key, path, now],
                )?;
                Claim::Claimed
            }
        };
        tx.commit()?;
        Ok(claim)
    })
    .await
}

/// A key claimed by the request being answered: settled with its answer,
/// or given back when the request ends without one (its client went away).
struct HeldClaim {
    db: Db,
    user_id: i64,
    key: String,
    settled: bool,
}

impl HeldClaim {
    /// Keeps a success with the key and answers it; gives the key back
    /// after anything else.
    async fn settle(&mut self, response: Response) -> Response {
        let (parts, body) = response.into_parts();
        if !parts.status.is_success() {
            self.give_back().await;
            return Response::from_parts(parts, body);
        }
        let bytes = match to_bytes(body, MAX_KEPT_ANSWER).await {
            Ok(bytes) => bytes,
            Err(_) => {
                // Too large to keep (or cut short): the work is done, so
                // the key is kept with an empty answer of the same status.
                self.keep(parts.status.as_u16(), None, Vec::new()).await;
                return Response::from_parts(parts, Body::empty());
            }
        };
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|kind| kind.to_str().ok())
            .map(str::to_owned);
        self.keep(parts.status.as_u16(), content_type, bytes.to_vec())
            .await;
        Response::from_parts(parts, Body::from(bytes))
    }

    async fn keep(&mut self, status: u16, content_type: Option<String>, body: Vec<u8>) {
        let (user_id, key) = (self.user_id, self.key.clone());
        let kept = self
            .db
            .run(move |conn| {
                conn.execute(
                    "UPDATE idempotency_keys SET status = ?3, content_type = ?4, body = ?5
                     WHERE user_id = ?1 AND key = ?2",
                    params![user_id, key, status, content_type, body],
                )?;
                Ok(())
            })
            .await;
        if let Err(error) = kept {
            tracing::warn!("an idempotency key's answer was not kept: {error:?}");
        }
        self.settled = true;
    }

    async fn give_back(&mut self) {
        let _ = give_back(&self.db, self.user_id, self.key.clone()).await;
        self.settled = true;
    }
}

impl Drop for HeldClaim {
    fn drop(&mut self) {
        if self.settled {
            return;
        }
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let (db, user_id, key) = (self.db.clone(), self.user_id, self.key.clone());
            runtime.spawn(async move {
                let _ = give_back(&db, user_id, key).await;
            });
        }
    }
}

async fn give_back(db: &Db, user_id: i64, key: String) -> Result<(), ApiError> {
    db.run(move |conn| {
        conn.execute(
            "DELETE FROM idempotency_keys WHERE user_id = ?1 AND key = ?2 AND status IS NULL",
            params![user_id, key],
        )?;
        Ok(())
    })
    .await
}
