//! Several accounts side by side in the app: the list the avatar menu
//! shows, switching to another account (painted from its local copy, its
//! session restored from the keyring), removing one, and moving on to the
//! next signed-in account after signing out of one. Each account keeps its
//! own keyring entry and local store; the desk holds the shown one's
//! session.

use portal_api::problem::FieldError;
use portal_client::{Account, Error, PortalUrl, Result};
use portal_i18n::text;
use serde::Serialize;

use crate::desk::kept_screen::forget_kept_screen;
use crate::desk::{AccountView, Desk, StartView};

/// One account on this computer, as the avatar menu lists it. No secrets.
#[derive(Debug, Clone, Serialize)]
pub struct AccountEntry {
    /// Who and where, as the top bar shows it, with the id that names it
    /// to the other commands.
    #[serde(flatten)]
    pub account: AccountView,
    /// The account shown now.
    pub current: bool,
    /// Its session is kept in the keyring (false: signing in is needed).
    pub signed_in: bool,
    /// Its tickets with replies not read yet, as last fetched here.
    pub unread: usize,
    /// Changes waiting in its outbox.
    pub waiting: usize,
}

impl Desk {
    /// Every account on this computer, in the order they were added.
    pub async fn accounts(&self) -> Result<Vec<AccountEntry>> {
        let book = self.core.accounts()?;
        let mut entries = Vec::with_capacity(book.accounts.len());
        for account in &book.accounts {
            entries.push(AccountEntry {
                account: AccountView::from(account),
                current: book.current.as_deref() == Some(account.id.as_str()),
                // A keyring that cannot be read counts as signed out: the
                // account then asks for its password, and says why.
                signed_in: self.core.has_kept_session(account).await.unwrap_or(false),
                unread: self.core.kept_unread_count(account).unwrap_or(0),
                waiting: self.core.kept_outbox_count(account).unwrap_or(0),
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
    /// the portal when one is held; its keyring entry; its place in
    /// the list and, with `delete_data`, its local data), then answers what
    /// to show: the account that is current now, or sign-in.
    pub async fn remove_account(&self, id: &str, delete_data: bool) -> Result<StartView> {
        let book = self.core.accounts()?;
        let Some(account) = book.accounts.iter().find(|account| account.id == id) else {
            return self.start(false).await;
        };
        if book.current.as_deref() == Some(id) {
            self.leave_shown_account().await;
        }
        // Its session ends on the portal too; one that cannot be told
        // ends there by itself.
        let held = self.sessions.write().await.remove(id);
        if let Some(session) = held
            && let Err(error) = session.sign_out().await
        {
            tracing::warn!(
                code = error.code(),
                "removing an account: not signed out: {error}"
            );
        }
        forget_kept_screen(&self.core, account);
        self.core.remove_account(account, delete_data).await?;
        self.start(false).await
    }

    /// Refuses to add the account `email` at `portal_url` when it is on
    /// this computer already and signed in. An address that does not
    /// parse is left for the sign-in to explain.
    pub(crate) async fn refuse_account_already_here(
        &self,
        portal_url: &str,
        email: &str,
    ) -> Result<()> {
        let Ok(portal) = PortalUrl::parse(portal_url) else {
            return Ok(());
        };
        let book = self.core.accounts()?;
        let Some(account) = book.find(&portal.origin(), email.trim()) else {
            return Ok(());
        };
        if !self.core.has_kept_session(account).await.unwrap_or(false) {
            return Ok(());
        }
        let message = text(
            "desk-account-already-here",
            &[
                ("email", (&account.email).into()),
                ("portal", (&account.origin).into()),
            ],
        );
        Err(Error::Validation {
            message: message.clone(),
            fields: vec![FieldError {
                field: "email".into(),
                code: "already_added".into(),
                message,
            }],
        })
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

    /// Puts the shown account's session aside (it stays held, and in the
    /// keyring, for the ticket watch and for switching back) and lets go
    /// of what belonged to it alone here.
    async fn leave_shown_account(&self) {
        *self.pending_sign_in.lock().await = None;
        self.picked_files.forget_all();
        self.sessions.write().await.hide_shown();
    }
}
