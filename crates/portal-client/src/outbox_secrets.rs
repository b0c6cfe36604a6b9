//! The one secret an outbox item can need: the password a user-name change
//! request is made with. It is kept in the OS keyring (under an entry of
//! its own, named in the item) and never in the store or a log; it goes
//! when the item is sent or withdrawn. Without a keyring the request
//! cannot wait, and the user is told so.

use portal_api::Secret;
use portal_i18n::text;

use crate::error::{Error, Result};
use crate::outbox::{OutboxChange, OutboxItem};
use crate::session::Session;

/// The keyring entry of a password kept for an outbox item of `account_id`.
fn entry_name(account_id: &str) -> String {
    format!("outbox|{account_id}|{}", crate::idempotency::new_key())
}

impl Session {
    /// Keeps a user-name change request for later: the password in the
    /// keyring first, then the item; when either fails nothing is kept.
    pub async fn queue_username_change(
        &self,
        new_email: &str,
        current_password: &Secret,
        reason: &str,
    ) -> Result<OutboxItem> {
        let entry = entry_name(&self.account().id);
        if let Err(error) = self.vault.save(&entry, current_password).await {
            tracing::warn!(code = error.code(), "no keyring for a waiting request");
            return Err(Error::Validation {
                message: text("outbox-no-keyring", &[]),
                fields: Vec::new(),
            });
        }
        let queued = self.queue(OutboxChange::UsernameChange {
            new_email: new_email.trim().to_owned(),
            reason: reason.trim().to_owned(),
            password_entry: entry.clone(),
        });
        if queued.is_err() {
            let _ = self.vault.delete(&entry).await;
        }
        queued
    }

    /// The password kept for a waiting request, or why it cannot be sent.
    pub(crate) async fn kept_password(&self, entry: &str) -> Result<Secret> {
        self.vault
            .load(entry)
            .await?
            .ok_or_else(|| Error::Validation {
                message: text("outbox-password-gone", &[]),
                fields: Vec::new(),
            })
    }

    /// Removes the secret `change` keeps, if any (the item was sent or
    /// withdrawn). A keyring that does not answer is logged, not fatal:
    /// the entry holds only a password the portal already had.
    pub(crate) fn forget_secret(&self, change: &OutboxChange) {
        if let Some(entry) = change.password_entry()
            && let Err(error) = self.vault.delete_now(entry)
        {
            tracing::warn!(code = error.code(), "a kept password was not removed");
        }
    }
}

impl crate::session::Core {
    /// Removes the secrets kept for `account`'s waiting requests (its data
    /// is being deleted with it). Answers how many there were.
    pub(crate) async fn forget_outbox_secrets(&self, account: &crate::Account) -> Result<usize> {
        let Some(store) = self.kept_store(account)? else {
            return Ok(0);
        };
        let mut forgotten = 0;
        for item in store.outbox_items()? {
            if let Some(entry) = item.change.password_entry() {
                self.vault.delete(entry).await?;
                forgotten += 1;
            }
        }
        Ok(forgotten)
    }
}
