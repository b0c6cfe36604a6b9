//! The user's portal roles across all organizations (seed 000 Portal Roles).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One role the user has in one organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PortalRole {
    /// The organization's id.
    pub organization_id: i64,
    /// The organization's name.
    pub organization: String,
    /// The organization's contact-change policy: `review` or `direct`.
    pub policy: String,
    /// The role's name.
    pub role: String,
    /// What the role is for.
    pub description: String,
    /// What it grants, from the role catalogue.
    pub grants: Vec<String>,
}

/// A page of a list: `items`, and the cursor of the next page if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}
