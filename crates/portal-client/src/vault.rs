//! The refresh-token vault: the OS keyring through `keyring`, with the
//! platform stores compiled in (Secret Service, macOS Keychain, Windows
//! Credential Manager). There is no plaintext fallback: when no keyring
//! answers, callers are told and keep the session in memory only.

use portal_api::Secret;

use crate::error::{Error, Result};

/// Stores one refresh token per account in the OS keyring.
#[derive(Debug, Clone)]
pub struct Vault {
    service: String,
}

impl Vault {
    /// A vault whose keyring entries belong to `service` (the app id).
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    /// The vault of Portal Desk itself (service = the app identifier).
    pub fn for_app() -> Self {
        Self::new(crate::APP_IDENTIFIER)
    }

    /// The keyring's account name for a user of a portal.
    pub fn entry_name(email: &str, origin: &str) -> String {
        format!("{email}|{origin}")
    }

    /// The stored refresh token, if any.
    pub async fn load(&self, entry_name: &str) -> Result<Option<Secret>> {
        let entry = self.entry(entry_name)?;
        blocking(move || match entry.get_password() {
            Ok(token) => Ok(Some(Secret::new(token))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(map_error(error)),
        })
        .await
    }

    /// Stores (or replaces) the refresh token.
    pub async fn save(&self, entry_name: &str, token: &Secret) -> Result<()> {
        let entry = self.entry(entry_name)?;
        let token = token.clone();
        blocking(move || entry.set_password(token.expose()).map_err(map_error)).await
    }

    /// Removes the entry; absent entries are fine.
    pub async fn delete(&self, entry_name: &str) -> Result<()> {
        let entry = self.entry(entry_name)?;
        blocking(move || match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(map_error(error)),
        })
        .await
    }

    /// Removes the entry on this thread (for callers that are not async;
    /// one keyring call); absent entries are fine.
    pub fn delete_now(&self, entry_name: &str) -> Result<()> {
        match self.entry(entry_name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(map_error(error)),
        }
    }

    fn entry(&self, entry_name: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, entry_name).map_err(map_error)
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| Error::Keyring(error.into()))?
}

fn map_error(error: keyring::Error) -> Error {
    tracing::warn!("keyring: {error}");
    match error {
        keyring::Error::PlatformFailure(cause) | keyring::Error::NoStorageAccess(cause) => {
            Error::KeyringUnavailable(cause)
        }
        other => Error::Keyring(other.into()),
    }
}
