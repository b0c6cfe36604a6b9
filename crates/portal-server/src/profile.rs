//! `GET /api/v1/me` and `PATCH /api/v1/me`: the user's own details, with a
//! strong `ETag` and `If-Match` required for writes.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_api::limits::{COMPANY_MAX_CHARS, JOB_TITLE_MAX_CHARS, NAME_MAX_CHARS};
use portal_api::problem::{FieldError, Problem};
use portal_api::profile::{Profile, ProfileUpdate};
use rusqlite::{Connection, OptionalExtension, params};

use crate::AppState;
use crate::account::pending_username_change;
use crate::bearer::AuthUser;
use crate::db::now;
use crate::error::{ApiError, ApiJson};
use crate::field_rules;
use crate::photos::photo_etag;
use crate::versions::{
    cached_copy_is_current, require_current_version, required_if_match, with_etag,
};

/// The signed-in user's profile.
#[utoipa::path(get, path = "/api/v1/me", tag = "profile",
    security(("bearer" = [])),
    params(("If-None-Match" = Option<String>, Header, description = "ETag of a cached copy")),
    responses(
        (status = 200, description = "The profile; `ETag` names its version", body = Profile),
        (status = 304, description = "The cached copy named in If-None-Match is current"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_me(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (profile, version) = state
        .db
        .run(move |conn| load_profile(conn, user.user_id))
        .await?;
    let etag = profile_etag(profile.id, version);
    let cached = cached_copy_is_current(&headers, &etag);
    if cached {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    Ok(with_etag(profile, etag))
}

/// Change some of the user's details. Requires `If-Match` with the ETag of
/// the version the change is based on.
#[utoipa::path(patch, path = "/api/v1/me", tag = "profile",
    security(("bearer" = [])),
    request_body = ProfileUpdate,
    params(("If-Match" = String, Header, description = "ETag of the version being changed")),
    responses(
        (status = 200, description = "The updated profile with its new ETag", body = Profile),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The profile changed since that ETag; the answer's ETag names the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn patch_me(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    headers: HeaderMap,
    ApiJson(update): ApiJson<ProfileUpdate>,
) -> Result<Response, ApiError> {
    let if_match = required_if_match(&headers)?;
    let update = validate_update(update)?;
    let (profile, version) = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let (current, version) = load_profile(&tx, user.user_id)?;
            let current_etag = profile_etag(current.id, version);
            require_current_version(
                &if_match,
                current_etag,
                "Your profile was changed elsewhere since you loaded it. Reload it and apply your change again.",
            )?;
            let merged = merge(&current, &update);
            if merged == current {
                return Ok((current, version));
            }
            tx.execute(
                "UPDATE users SET first_name = ?1, last_name = ?2, office_phone = ?3,
                 mobile_phone = ?4, company = ?5, job_title = ?6, version = version + 1,
                 updated_at = ?7 WHERE id = ?8",
                params![
                    merged.first_name,
                    merged.last_name,
                    merged.office_phone,
                    merged.mobile_phone,
                    merged.company,
                    merged.job_title,
                    now(),
                    user.user_id
                ],
            )?;
            let saved = load_profile(&tx, user.user_id)?;
            tx.commit()?;
            Ok(saved)
        })
        .await?;
    let etag = profile_etag(profile.id, version);
    Ok(with_etag(profile, etag))
}

/// The strong ETag of a profile version.
pub fn profile_etag(user_id: i64, version: i64) -> String {
    format!("\"profile-{user_id}-v{version}\"")
}

/// Loads a user's profile and its version number.
pub fn load_profile(conn: &Connection, user_id: i64) -> Result<(Profile, i64), ApiError> {
    let found = conn
        .query_row(
            "SELECT id, email, first_name, last_name, office_phone, mobile_phone, company,
                    job_title, updated_at, version
             FROM users WHERE id = ?1",
            [user_id],
            |row| {
                let updated_at: i64 = row.get(8)?;
                Ok((
                    Profile {
                        id: row.get(0)?,
                        email: row.get(1)?,
                        first_name: row.get(2)?,
                        last_name: row.get(3)?,
                        office_phone: row.get(4)?,
                        mobile_phone: row.get(5)?,
                        company: row.get(6)?,
                        job_title: row.get(7)?,
                        updated_at: time::OffsetDateTime::from_unix_timestamp(updated_at)
                            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
                        pending_username_change: None,
                        photo_etag: None,
                    },
                    row.get(9)?,
                ))
            },
        )
        .optional()?;
    let (mut profile, version) = found.ok_or_else(ApiError::unauthorized)?;
    profile.pending_username_change = pending_username_change(conn, user_id)?;
    profile.photo_etag = photo_etag(conn, user_id)?;
    Ok((profile, version))
}

fn merge(current: &Profile, update: &ProfileUpdate) -> Profile {
    let optional = |new: &Option<String>, old: &Option<String>| match new {
        Some(value) if value.is_empty() => None,
        Some(value) => Some(value.clone()),
        None => old.clone(),
    };
    Profile {
        first_name: update
            .first_name
            .clone()
            .unwrap_or_else(|| current.first_name.clone()),
        last_name: update
            .last_name
            .clone()
            .unwrap_or_else(|| current.last_name.clone()),
        office_phone: optional(&update.office_phone, &current.office_phone),
        mobile_phone: optional(&update.mobile_phone, &current.mobile_phone),
        company: optional(&update.company, &current.company),
        job_title: optional(&update.job_title, &current.job_title),
        ..current.clone()
    }
}

/// One of the [`field_rules`]: a field's name and value to its error.
type FieldCheck = fn(&str, &str) -> Option<FieldError>;

/// Trims every field and checks it by [`field_rules`]; answers all field
/// errors at once.
pub fn validate_update(update: ProfileUpdate) -> Result<ProfileUpdate, ApiError> {
    let checks: [(&str, &Option<String>, FieldCheck); 6] = [
        ("first_name", &update.first_name, |field, value| {
            field_rules::required_line(field, value, NAME_MAX_CHARS)
        }),
        ("last_name", &update.last_name, |field, value| {
            field_rules::required_line(field, value, NAME_MAX_CHARS)
        }),
        ("office_phone", &update.office_phone, field_rules::phone),
        ("mobile_phone", &update.mobile_phone, field_rules::phone),
        ("company", &update.company, |field, value| {
            field_rules::optional_line(field, value, COMPANY_MAX_CHARS)
        }),
        ("job_title", &update.job_title, |field, value| {
            field_rules::optional_line(field, value, JOB_TITLE_MAX_CHARS)
        }),
    ];
    let errors: Vec<FieldError> = checks
        .into_iter()
        .filter_map(|(field, value, check)| value.as_deref().and_then(|value| check(field, value)))
        .collect();
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let trimmed = |value: Option<String>| value.map(|value| value.trim().to_owned());
    Ok(ProfileUpdate {
        first_name: trimmed(update.first_name),
        last_name: trimmed(update.last_name),
        office_phone: trimmed(update.office_phone),
        mobile_phone: trimmed(update.mobile_phone),
        company: trimmed(update.company),
        job_title: trimmed(update.job_title),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(f: impl FnOnce(&mut ProfileUpdate)) -> ProfileUpdate {
        let mut update = ProfileUpdate::default();
        f(&mut update);
        update
    }

    fn codes_of(result: Result<ProfileUpdate, ApiError>) -> Vec<(String, String)> {
        let error = result.expect_err("validation should fail");
        error
            .problem
            .errors
            .into_iter()
            .map(|error| (error.field, error.code))
            .collect()
    }

    #[test]
    fn trims_and_accepts_good_values() {
        let ok = validate_update(update(|u| {
            u.first_name = Some("  Dana ".into());
            u.mobile_phone = Some("+44 (0)7700 900-123".into());
            u.office_phone = Some(String::new());
        }))
        .unwrap();
        assert_eq!(ok.first_name.as_deref(), Some("Dana"));
        assert_eq!(ok.office_phone.as_deref(), Some(""));
    }

    #[test]
    fn reports_every_bad_field() {
        let found = codes_of(validate_update(update(|u| {
            u.first_name = Some("   ".into());
            u.last_name = Some("x".repeat(NAME_MAX_CHARS + 1));
            u.mobile_phone = Some("call me".into());
            u.office_phone = Some("12".into());
            u.company = Some("Acme\u{0}Corp".into());
            u.job_title = Some("Boss\nof all".into());
        })));
        assert_eq!(
            found,
            vec![
                ("first_name".into(), "required".into()),
                ("last_name".into(), "too_long".into()),
                ("office_phone".into(), "too_short".into()),
                ("mobile_phone".into(), "invalid_characters".into()),
                ("company".into(), "invalid_characters".into()),
                ("job_title".into(), "invalid_characters".into()),
            ]
        );
    }
}
