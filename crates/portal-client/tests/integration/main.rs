//! The client core's integration tests in one binary (one link, one process),
//! a module per area, against the reference portal on the loopback. The
//! keyring tests use the private Secret Service whose address `cargo xtask`
//! sets before the process starts. `keyring` stays a binary of its own: it
//! restarts and stops its keyring daemon, on a bus of its own.

mod account_changes;
mod contacts;
mod downloads;
mod file_marks;
mod kb;
mod outbox;
mod partner_kit;
mod safe_names_property;
mod session;
mod sso;
mod tickets;
mod two_step;
mod versioned_lists;
