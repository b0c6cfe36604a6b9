//! What the app keeps of its own in an account's local store, beside the
//! portal's answers (the desktop app keeps its first screen as last shown
//! there): written through the signed-in session, read without one (at
//! start-up, before the session is restored) and forgotten when the
//! account signs out.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::accounts::Account;
use crate::error::Result;
use crate::session::{Core, Session};

impl Session {
    /// Keeps `value` under `key` in this account's store, in place of what
    /// was kept there before.
    pub fn keep_own<T: Serialize>(&self, key: &str, value: &T) -> Result<()> {
        self.store.save_cached(key, value, None)
    }
}

impl Core {
    /// What the app kept under `key` in `account`'s store, without a
    /// session; `None` when nothing is kept or the account has no store on
    /// this computer (none is made).
    pub fn own_kept<T: DeserializeOwned>(&self, account: &Account, key: &str) -> Result<Option<T>> {
        let Some(store) = self.kept_store(account)? else {
            return Ok(None);
        };
        Ok(store.cached::<T>(key)?.map(|kept| kept.value))
    }

    /// Forgets what the app kept under `key` in `account`'s store, without
    /// a session (an account whose session is gone).
    pub fn forget_own(&self, account: &Account, key: &str) -> Result<()> {
        match self.kept_store(account)? {
            Some(store) => store.forget_cached(key),
            None => Ok(()),
        }
    }
}
