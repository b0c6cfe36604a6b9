//! The ticket watch over the signed-in accounts that are not shown: each
//! look refreshes their ticket lists (cheaply, with `If-None-Match`) and
//! answers a notice per new reply, naming the account, and how many of
//! their tickets have unread replies. An account whose session the portal
//! ended is let go of and reported; only it asks to sign in again.

use std::sync::Arc;

use portal_client::{Account, Error, Session};

use crate::desk::{AccountView, Desk};
use crate::shell::ticket_notifications::TicketNotice;

/// What one look at the other signed-in accounts found.
#[derive(Debug, Default)]
pub struct OtherAccountsLook {
    /// A notice per new reply in another account.
    pub notices: Vec<TicketNotice>,
    /// The accounts whose session the portal ended during this look.
    pub ended: Vec<AccountView>,
    /// Tickets with unread replies in the other accounts, all together.
    pub unread: usize,
}

impl Desk {
    /// Looks for ticket updates in every signed-in account but the shown
    /// one. A portal that cannot be reached is skipped until the next look.
    pub async fn look_at_other_accounts(&self) -> OtherAccountsLook {
        let mut look = OtherAccountsLook::default();
        let Ok(book) = self.core.accounts() else {
            return look;
        };
        let shown = self.sessions.read().await.shown_id();
        for account in book
            .accounts
            .iter()
            .filter(|account| Some(&account.id) != shown.as_ref())
        {
            if let Some(session) = self.held_or_resumed(account).await {
                match session.refresh_tickets().await {
                    Ok(refresh) => {
                        // Its portal answers: what waits in its outbox goes.
                        self.send_waiting(&session).await;
                        match self.notices_for(&session, &refresh.new_replies).await {
                            Ok(notices) => look.notices.extend(notices),
                            Err(error) => tracing::warn!(
                                code = error.code(),
                                "ticket notices of another account: {error}"
                            ),
                        }
                    }
                    Err(error) if error.needs_sign_in() => {
                        tracing::info!(portal = %account.origin, "another account's session ended");
                        self.sessions.write().await.remove(&account.id);
                        look.ended.push(AccountView::from(account));
                    }
                    Err(error) => tracing::info!(
                        portal = %account.origin,
                        code = error.code(),
                        "another account's tickets: not this time: {error}"
                    ),
                }
            }
            look.unread += self.core.kept_unread_count(account).unwrap_or(0);
        }
        look
    }

    /// Tickets with unread replies in the accounts not shown, as kept on
    /// this computer (no network).
    pub async fn other_accounts_unread(&self) -> usize {
        let Ok(book) = self.core.accounts() else {
            return 0;
        };
        let shown = self.sessions.read().await.shown_id();
        book.accounts
            .iter()
            .filter(|account| Some(&account.id) != shown.as_ref())
            .map(|account| self.core.kept_unread_count(account).unwrap_or(0))
            .sum()
    }

    /// The held session of `account` (not shown), restored from the
    /// keyring the first time: none when it is signed out, or when it is
    /// the embedded demo's and the demo portal is not running.
    async fn held_or_resumed(&self, account: &Account) -> Option<Arc<Session>> {
        {
            let sessions = self.sessions.read().await;
            if sessions.shown_id().as_deref() == Some(account.id.as_str()) {
                return None;
            }
            if let Some(held) = sessions.other(&account.id) {
                return Some(held);
            }
        }
        // Restored without holding the lock (the keyring may take its
        // time, and every screen waits on the lock).
        let resumed = if account.demo {
            let url = self.demo.running_url().await?;
            self.core.resume_embedded_demo(account.clone(), &url).await
        } else {
            self.core.resume_account(account.clone()).await
        };
        let session = match resumed {
            Ok(session) => Arc::new(session),
            Err(Error::NotSignedIn(_)) => return None,
            Err(error) => {
                tracing::warn!(
                    code = error.code(),
                    "another account's session cannot be restored: {error}"
                );
                return None;
            }
        };
        // Shown or held meanwhile (a switch): that session is the one.
        let mut sessions = self.sessions.write().await;
        if sessions.shown_id().as_deref() == Some(account.id.as_str()) {
            return None;
        }
        if let Some(held) = sessions.other(&account.id) {
            return Some(held);
        }
        sessions.hold_other(session.clone());
        Some(session)
    }
}
