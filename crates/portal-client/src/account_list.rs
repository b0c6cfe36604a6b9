//! Choosing and removing accounts on this computer: several portals and
//! addresses side by side, each with its own keyring entry and local data
//! (the list itself is [`crate::accounts::AccountBook`]).

use crate::accounts::Account;
use crate::error::{Error, Result};
use crate::session::{Core, Session};

impl Core {
    /// The session of the account `selector` names (see
    /// [`AccountBook::select`]), restored from the keyring.
    pub async fn resume_selected(&self, selector: &str) -> Result<Session> {
        let account = self.accounts()?.select(selector)?.clone();
        self.resume_account(account).await
    }

    /// Makes the account `selector` names the current one; answers it.
    pub fn use_account(&self, selector: &str) -> Result<Account> {
        let mut book = self.accounts()?;
        let account = book.select(selector)?.clone();
        book.set_current(&account.id);
        book.save(&self.dirs)?;
        Ok(account)
    }

    /// Removes `account` from this computer: its session in the keyring
    /// (without telling the portal; sign out first for that), its place in
    /// the list and, with `delete_data`, what is kept of it here (cached
    /// lists, the library's records, drafts, the outbox and the passwords
    /// kept for it). Kept, the data is taken back when the account is added
    /// again, and what waits in its outbox is then sent. Files saved into
    /// the user's own folders stay.
    pub async fn remove_account(&self, account: &Account, delete_data: bool) -> Result<()> {
        let mut book = self.accounts()?;
        if delete_data {
            self.forget_outbox_secrets(account).await?;
        }
        self.vault.delete(&account.vault_entry()).await?;
        let removed = book.remove(&account.id);
        if !delete_data && let Some(removed) = removed {
            book.set_aside(removed);
        }
        book.save(&self.dirs)?;
        if delete_data {
            let folder = self.dirs.account_data(&account.id);
            match std::fs::remove_dir_all(&folder) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => {
                    return Err(Error::local_because(
                        format!("cannot delete {}", folder.display()),
                        error,
                    ));
                }
            }
        }
        tracing::info!(portal = %account.origin, deleted_data = delete_data, "account removed");
        Ok(())
    }

    /// Whether the account has a session kept in the keyring.
    pub async fn has_kept_session(&self, account: &Account) -> Result<bool> {
        Ok(self.vault.load(&account.vault_entry()).await?.is_some())
    }
}
