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
/// The signed-in user's own quotes and invoices.
pub const ME_DOCUMENTS: &str = "/api/v1/me/documents";
/// The ticket list, and where tickets are created.
pub const TICKETS: &str = "/api/v1/tickets";
