//! Paths of the API's endpoints, relative to the portal's base URL.

/// `POST`: sign in with e-mail and password.
pub const AUTH_LOGIN: &str = "/api/v1/auth/login";
/// `POST`: exchange a refresh token for new tokens.
pub const AUTH_REFRESH: &str = "/api/v1/auth/refresh";
/// `POST`: revoke a refresh token and its family.
pub const AUTH_LOGOUT: &str = "/api/v1/auth/logout";
/// `GET` / `PATCH`: the signed-in user's profile.
pub const ME: &str = "/api/v1/me";
/// `GET` / `PUT`: the signed-in user's personal settings.
pub const ME_SETTINGS: &str = "/api/v1/me/settings";
/// `GET`: the signed-in user's roles across all organizations.
pub const ME_ROLES: &str = "/api/v1/me/roles";
/// `POST`: change the password.
pub const ME_PASSWORD: &str = "/api/v1/me/password";
/// `POST`: ask for a new user name (e-mail address).
pub const ME_USERNAME_CHANGE: &str = "/api/v1/me/username-change";
/// `GET` / `PUT` / `DELETE`: the profile photo.
pub const ME_PHOTO: &str = "/api/v1/me/photo";
/// `GET`: whether two-step sign-in is on.
pub const ME_MFA: &str = "/api/v1/me/mfa";
/// `POST`: start setting up two-step sign-in.
pub const ME_MFA_SETUP: &str = "/api/v1/me/mfa/setup";
/// `POST`: confirm the setup with a code; answers recovery codes.
pub const ME_MFA_ENABLE: &str = "/api/v1/me/mfa/enable";
/// `POST`: turn two-step sign-in off (password and code).
pub const ME_MFA_DISABLE: &str = "/api/v1/me/mfa/disable";
/// `POST`: the second step of sign-in, with a code.
pub const AUTH_MFA: &str = "/api/v1/auth/mfa";
/// `POST`: ask for a password-reset e-mail.
pub const AUTH_PASSWORD_RESET: &str = "/api/v1/auth/password-reset";
/// Asking for a link to choose a first password.
pub const AUTH_FIRST_PASSWORD: &str = "/api/v1/auth/first-password";
/// The ways of signing in the portal offers.
pub const AUTH_OPTIONS: &str = "/api/v1/auth/options";
/// The OAuth token endpoint (authorization code with PKCE).
pub const AUTH_OAUTH_TOKEN: &str = "/api/v1/auth/oauth/token";
/// The OAuth authorization endpoint: the portal's own sign-in page, opened
/// in the system browser.
pub const OAUTH_AUTHORIZE: &str = "/oauth/authorize";
/// The signed-in user's own quotes and invoices.
pub const ME_DOCUMENTS: &str = "/api/v1/me/documents";
/// The ticket list, and where tickets are created.
pub const TICKETS: &str = "/api/v1/tickets";

/// `GET`: an organization's contacts, roles, customers and pending request.
pub fn organization_contacts_path(organization_id: i64) -> String {
    format!("/api/v1/organizations/{organization_id}/contacts")
}

/// `POST`: a batch of contact changes for an organization.
pub fn contact_changes_path(organization_id: i64) -> String {
    format!("/api/v1/organizations/{organization_id}/contact-changes")
}

/// `POST`: cancel the organization's contact change request `request_id`.
pub fn contact_change_cancel_path(organization_id: i64, request_id: i64) -> String {
    format!("/api/v1/organizations/{organization_id}/contact-changes/{request_id}/cancel")
}

/// `POST`: e-mail a contact a link to choose a new password.
pub fn contact_password_reset_path(organization_id: i64) -> String {
    format!("/api/v1/organizations/{organization_id}/contacts/password-reset")
}

/// `GET`: the partnership's customers the signed-in user may see.
pub fn organization_customers_path(organization_id: i64) -> String {
    format!("/api/v1/organizations/{organization_id}/customers")
}

/// The knowledge base's categories and sections.
pub const KB_CATEGORIES: &str = "/api/v1/kb/categories";
/// The knowledge base's articles, whole, in pages.
pub const KB_ARTICLES: &str = "/api/v1/kb/articles";
/// Full-text search of the knowledge base.
pub const KB_SEARCH: &str = "/api/v1/kb/search";
/// Articles related to a ticket's subject.
pub const KB_SUGGESTIONS: &str = "/api/v1/kb/suggestions";

/// One article.
pub fn kb_article_path(id: i64) -> String {
    format!("{KB_ARTICLES}/{id}")
}

/// The user's "Was this helpful?" for an article.
pub fn kb_article_vote_path(id: i64) -> String {
    format!("{KB_ARTICLES}/{id}/vote")
}

/// An image an article shows.
pub fn kb_image_path(id: i64) -> String {
    format!("/api/v1/kb/images/{id}")
}

/// The Partner Kit's files, in versioned pages.
pub const PARTNER_KIT_FILES: &str = "/api/v1/partner-kit/files";

/// The bytes of Partner Kit file `id` (its current version).
pub fn partner_kit_content_path(id: i64) -> String {
    format!("{PARTNER_KIT_FILES}/{id}/content")
}
