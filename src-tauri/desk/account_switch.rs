//! Several accounts side by side in the app: the list the avatar menu
//! shows, switching to another account (painted from its local copy, its
//! session restored from the keyring), removing one, and moving on to the
//! next signed-in account after signing out of one. Each account keeps its
//! own keyring entry and local store; the desk holds the shown one's
//! session.

use portal_client::{Account, Result};
use serde::Serialize;

use crate::desk::{AccountView, Desk, StartView};

/// One account on this computer, as the avatar menu lists it. No secrets.
#[derive(Debug, Clone, Serialize)]
pub struct AccountEntry {
    /// The account's stable id (names it to the other commands).
    pub id: String,
    /// Who and where, as the top bar shows it.
    #[serde(flatten)]
    pub account: AccountView,
    /// The account shown now.
    pub current: bool,
    /// Its session is kept in the keyring (false: signing in is needed).
    pub signed_in: bool,
}

impl Desk {
    /// Every account on this computer, in the order they were added.
    pub async fn accounts(&self) -> Result<Vec<AccountEntry>> {
        let book = self.core.accounts()?;
        let mut entries = Vec::with_capacity(book.accounts.len());
        for account in &book.accounts {
            entries.push(AccountEntry {
                id: account.id.clone(),
                account: AccountView::from(account),
                current: book.current.as_deref() == Some(account.id.as_str()),
                // A keyring that cannot be read counts as signed out: the
                // account then asks for its password, and says why.
                signed_in: self.core.has_kept_session(account).await.unwrap_or(false),
            });
        }
        Ok(entries)
    }

    /// Shows the account `id`: its session restored from the keyring and
    /// its cached profile (the screens refresh behind), or the sign-in
    /// form filled in for it when it is signed out.
    pub async fn switch_account(&self, id: &str) -> Result<StartView> {
        self.leave_shown_account().await;
        let mut book = self.core.accounts()?;
        book.set_current(id);
        book.save(self.core.dirs())?;
        self.start(false).await
    }

    /// Removes the account `id` from this computer (its session, ended on
    /// the portal when it is the shown one; its keyring entry; its place in
    /// the list and, with `delete_data`, its local data), then answers what
    /// to show: the account that is current now, or sign-in.
    pub async fn remove_account(&self, id: &str, delete_data: bool) -> Result<StartView> {
        let book = self.core.accounts()?;
        let Some(account) = book.accounts.iter().find(|account| account.id == id) else {
            return self.start(false).await;
        };
        if book.current.as_deref() == Some(id) {
            // The shown account's session ends on the portal too; one that
            // cannot be told ends there by itself.
            let shown = self.session.write().await.take();
            if let Some(session) = shown
                && let Err(error) = session.sign_out().await
            {
                tracing::warn!(
                    code = error.code(),
                    "removing an account: not signed out: {error}"
                );
            }
            self.leave_shown_account().await;
        }
        self.core.remove_account(account, delete_data).await?;
        self.start(false).await
    }

    /// After signing out of the shown account, makes the next account
    /// with a kept session the current one, if there is one.
    pub(crate) async fn move_on_from(&self, signed_out: &Account) -> Result<()> {
        let mut book = self.core.accounts()?;
        for account in book.accounts.clone() {
            if account.id != signed_out.id
                && self.core.has_kept_session(&account).await.unwrap_or(false)
            {
                book.set_current(&account.id);
                book.save(self.core.dirs())?;
                break;
            }
        }
        Ok(())
    }

    /// Lets go of the shown account's session (it stays in the keyring)
    /// and of what belonged to it alone here.
    async fn leave_shown_account(&self) {
        *self.pending_sign_in.lock().await = None;
        self.picked_files.forget_all();
        self.forget_session().await;
    }
}
