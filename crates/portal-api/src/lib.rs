//! Wire types of the Portal Desk portal API (`/api/v1`).
//!
//! The reference server and the client core both depend on this crate, so a
//! field renamed here changes both sides at once; the OpenAPI document in
//! `api/openapi.json` is generated from these types.

#![warn(missing_docs)]

pub mod account;
pub mod auth;
pub mod contacts;
pub mod desktop;
pub mod documents;
pub mod json_integers;
pub mod kb;
pub mod limits;
pub mod mfa;
pub mod partner_kit;
pub mod paths;
pub mod patterns;
pub mod problem;
pub mod profile;
pub mod roles;
mod secret;
pub mod settings;
pub mod tickets;

pub use secret::Secret;

/// Media type of every JSON request and response body.
pub const JSON: &str = "application/json";
/// Media type of error responses (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The request header that makes a creating `POST` safe to send again: the
/// portal answers a repeat (same user, same key, same address, within
/// [`IDEMPOTENCY_KEY_KEPT_SECONDS`]) with the first answer instead of doing
/// the work twice.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
/// The response header the portal sets on such a repeated answer.
pub const IDEMPOTENT_REPLAYED: &str = "Idempotent-Replayed";
/// How long the portal keeps an `Idempotency-Key` and its answer.
pub const IDEMPOTENCY_KEY_KEPT_SECONDS: i64 = 24 * 60 * 60;
/// The longest `Idempotency-Key` the portal takes (printable ASCII).
pub const IDEMPOTENCY_KEY_MAX_LEN: usize = 255;
