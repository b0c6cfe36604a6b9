//! The portal's integration tests in one binary (one link, one process), a
//! module per area. `photo_memory` stays a binary of its own: it counts
//! every allocation of its process.

mod account;
mod api;
mod cli;
mod contacts;
mod contract_edges;
mod desktop_updates;
mod documents;
mod hostile_clients;
mod idempotency;
mod kb;
mod openapi;
mod partner_kit;
mod pdf;
mod security;
mod settings;
mod sso;
mod tickets;
