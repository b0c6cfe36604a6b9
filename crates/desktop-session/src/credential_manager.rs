//! The Windows twin of the private Secret Service: Windows has one keyring,
//! the Credential Manager of the account running the tests, which is always
//! there and keeps its entries across processes. In CI that account is a
//! throwaway Wine prefix's (Wine implements the Credential Manager), so the
//! tests never meet a real user's credentials. Each test's entries are named
//! after its own portal (a random loopback port), so tests never share one.

use std::path::Path;

/// The Credential Manager, seen through the same calls as the Linux
/// harness. There is no bus to point a program at, and nothing to start.
pub struct SecretService {
    _private: (),
}

impl SecretService {
    /// The Credential Manager; `home` is unused (its files are the
    /// system's).
    pub fn start(_home: &Path) -> Self {
        Self { _private: () }
    }

    /// No bus address on Windows; setting `DBUS_SESSION_BUS_ADDRESS` to it
    /// changes nothing.
    pub fn address(&self) -> &str {
        ""
    }

    /// The Credential Manager belongs to the system and cannot be
    /// restarted; what a restart proves on Linux (entries are read back
    /// from the keyring's files by a new process) every pdesk run proves
    /// here, since each is a new process.
    pub fn restart_keyring(&mut self) {}
}
