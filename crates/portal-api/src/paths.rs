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
