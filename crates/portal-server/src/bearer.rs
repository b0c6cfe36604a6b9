//! The bearer-token extractor every protected endpoint uses.

/// The user an access token belongs to.
#[derive(Debug, Clone, Copy)]
pub struct AuthUser {
    /// The user's id.
    pub user_id: i64,
    /// The token family (sign-in session) the token belongs to.
    pub family_id: i64,
}
