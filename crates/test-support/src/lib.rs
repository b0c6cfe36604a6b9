//! Test helpers shared by the workspace's integration tests: the reference
//! portal on a random loopback port (in-process or as a spawned process),
//! and a private D-Bus session with a real Secret Service.
//!
//! Missing tools make these helpers panic with what to install: a test never
//! passes without having run.

#![warn(missing_docs)]

mod canned_http;
mod portal;
mod secret_service;

pub use canned_http::CannedHttp;
pub use portal::{PortalProcess, TestPortal, TestPortalBuilder, workspace_binary};
pub use portal_server::ThrottleConfig;
pub use secret_service::SecretService;

/// The password of every user in [`BASIC_FIXTURES`].
pub const PASSWORD: &str = "correct horse battery staple";

/// A small portal: one organization, two users (`ada@example.com` and
/// `bob@example.com`, password [`PASSWORD`]).
pub const BASIC_FIXTURES: &str = r#"{
  "organizations": [
    { "name": "Acme Corp", "policy": "review", "roles": [
      { "name": "Management", "description": "Runs things.", "grants": ["manage_contacts"] }
    ] }
  ],
  "users": [
    { "email": "ada@example.com", "password": "correct horse battery staple",
      "first_name": "Ada", "last_name": "Lovelace", "mobile_phone": "+44 7700 900001",
      "company": "Acme Corp", "job_title": "Analyst",
      "memberships": [ { "organization": "Acme Corp", "roles": ["Management"] } ] },
    { "email": "bob@example.com", "password": "correct horse battery staple",
      "first_name": "Bob", "last_name": "Builder" }
  ]
}"#;
