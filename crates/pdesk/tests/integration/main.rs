//! pdesk's integration tests in one binary (one link), a module per command
//! group, each running the real `pdesk` against the reference portal.

mod support;

mod accounts;
mod cli;
mod contacts;
mod documents;
mod kb;
mod kit;
mod outbox;
mod sso;
mod tickets;
