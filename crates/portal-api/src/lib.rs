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
pub mod limits;
pub mod mfa;
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
