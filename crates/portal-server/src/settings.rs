//! `GET/PUT /api/v1/me/settings` (personal settings, strong ETag, If-Match)
//! and `GET /api/v1/me/roles` (the user's roles in every organization).

use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use portal_api::problem::Problem;
use portal_api::roles::{Page, PortalRole};
use portal_api::settings::{Settings, SettingsUpdate};
use rusqlite::{Connection, params};
use serde::Deserialize;

use crate::AppState;
use crate::bearer::AuthUser;
use crate::db::now;
use crate::error::{ApiError, ApiJson, ApiQuery, field_error};
use crate::paging::PageRequest;
use crate::store::settings::load_settings;
use crate::versions::{require_current_version, required_if_match, with_etag};

/// The user's settings (defaults until first saved).
#[utoipa::path(get, path = "/api/v1/me/settings", tag = "settings",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The settings; `ETag` names their version", body = Settings),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_settings(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
) -> Result<Response, ApiError> {
    let (settings, version) = state
        .db
        .run(move |conn| load_settings(conn, user.user_id))
        .await?;
    Ok(with_etag(settings, settings_etag(user.user_id, version)))
}

/// Replace the user's settings, based on the version named by `If-Match`.
#[utoipa::path(put, path = "/api/v1/me/settings", tag = "settings",
    security(("bearer" = [])),
    request_body = SettingsUpdate,
    params(("If-Match" = String, Header, description = "ETag of the version being replaced")),
    responses(
        (status = 200, description = "The saved settings with their new ETag", body = Settings),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since that ETag; the answer's ETag names the current version", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (security alerts turned off, repeated categories)", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match missing", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_settings(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    headers: HeaderMap,
    ApiJson(update): ApiJson<SettingsUpdate>,
) -> Result<Response, ApiError> {
    let if_match = required_if_match(&headers)?;
    validate(&update)?;
    let (settings, version) = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let (current, version) = load_settings(&tx, user.user_id)?;
            let current_etag = settings_etag(user.user_id, version);
            require_current_version(
                &if_match,
                current_etag,
                "Your settings were changed elsewhere since you loaded them. Reload them and apply your change again.",
            )?;
            if current.to_update() == update {
                return Ok((current, version));
            }
            save_settings(&tx, user.user_id, &update)?;
            let saved = load_settings(&tx, user.user_id)?;
            tx.commit()?;
            Ok(saved)
        })
        .await?;
    Ok(with_etag(settings, settings_etag(user.user_id, version)))
}

/// Stores the user's whole settings as a new version.
pub fn save_settings(
    conn: &Connection,
    user_id: i64,
    settings: &SettingsUpdate,
) -> Result<(), ApiError> {
    let json = serde_json::to_string(settings).map_err(ApiError::internal)?;
    conn.execute(
        "INSERT INTO user_settings (user_id, json, version, updated_at) VALUES (?1, ?2, 1, ?3)
         ON CONFLICT (user_id) DO UPDATE SET json = ?2, version = version + 1, updated_at = ?3",
        params![user_id, json, now()],
    )?;
    Ok(())
}

/// The strong ETag of a settings version (0 = the defaults).
pub fn settings_etag(user_id: i64, version: i64) -> String {
    format!("\"settings-{user_id}-v{version}\"")
}

fn validate(update: &SettingsUpdate) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if !update.email.security_alerts {
        errors.push(field_error(
            "email.security_alerts",
            "always_on",
            "Security alerts cannot be turned off: they tell you about sign-ins and changes to your account.",
        ));
    }
    let mut seen = HashSet::new();
    if update
        .digest
        .categories
        .iter()
        .any(|category| !seen.insert(*category))
    {
        errors.push(field_error(
            "digest.categories",
            "repeated",
            "List each category once.",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

/// Paging of `GET /api/v1/me/roles`.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RolesQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// `next_cursor` from the previous page.
    #[param(pattern = "^o[0-9]{1,18}$")]
    pub cursor: Option<String>,
}

/// The user's roles in every organization, with what each grants.
#[utoipa::path(get, path = "/api/v1/me/roles", tag = "settings",
    security(("bearer" = [])),
    params(RolesQuery),
    responses(
        (status = 200, description = "A page of roles, by organization then role", body = Page<PortalRole>),
        (status = 400, description = "Bad limit or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_roles(
    State(state): State<Arc<AppState>>,
    user: AuthUser,
    ApiQuery(query): ApiQuery<RolesQuery>,
) -> Result<axum::Json<Page<PortalRole>>, ApiError> {
    let page = PageRequest::parse(query.limit, query.cursor.as_deref())?;
    state
        .db
        .run(move |conn| {
            let mut statement = conn.prepare(
                "SELECT o.id, o.name, o.policy, r.name, r.description, r.grants
                 FROM contacts c
                 JOIN organizations o ON o.id = c.organization_id
                 JOIN contact_roles cr ON cr.contact_id = c.id
                 JOIN roles r ON r.id = cr.role_id
                 WHERE c.user_id = ?1 AND c.invited_at IS NULL
                 ORDER BY o.name, r.name
                 LIMIT ?2 OFFSET ?3",
            )?;
            let mut items = statement
                .query_map(params![user.user_id, page.fetch(), page.offset], |row| {
                    let grants: String = row.get(5)?;
                    Ok(PortalRole {
                        organization_id: row.get(0)?,
                        organization: row.get(1)?,
                        policy: row.get(2)?,
                        role: row.get(3)?,
                        description: row.get(4)?,
                        grants: serde_json::from_str(&grants).unwrap_or_default(),
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            let next_cursor = page.finish(&mut items);
            Ok(axum::Json(Page { items, next_cursor }))
        })
        .await
}
