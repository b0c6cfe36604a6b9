//! The store layer: reading and writing the portal's database for more than
//! one endpoint. Each function takes a connection or transaction; none
//! knows about HTTP requests, and no module here imports a handler module.
//! Handlers (the other modules of this crate) depend on these and on the
//! pure rule modules ([`crate::field_rules`]), never on each other.

pub mod contact_requests;
pub mod contacts;
pub mod invitations;
pub mod mfa;
pub mod oauth_codes;
pub mod password_links;
pub mod sessions;
pub mod settings;
pub mod tickets;
pub mod users;
