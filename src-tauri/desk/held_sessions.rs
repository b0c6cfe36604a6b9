//! The sessions the app holds: the shown account's and, beside it, those of
//! the other signed-in accounts, which the ticket watch keeps looking at.
//! An account has at most one session object here, so one refresh token is
//! never used by two of them at once (the portal would take the second use
//! for a stolen token and end the session).

use std::collections::HashMap;
use std::sync::Arc;

use portal_client::Session;

/// The shown session and the others, by account id.
#[derive(Default)]
pub struct HeldSessions {
    shown: Option<Arc<Session>>,
    others: HashMap<String, Arc<Session>>,
}

impl HeldSessions {
    /// The shown account's session.
    pub fn shown(&self) -> Option<Arc<Session>> {
        self.shown.clone()
    }

    /// Shows `session`; the one shown before stays held beside it, unless
    /// it is the same account's (signed in again).
    pub fn show(&mut self, session: Arc<Session>) {
        let id = session.account().id;
        self.others.remove(&id);
        if let Some(previous) = self.shown.replace(session)
            && previous.account().id != id
        {
            self.others.insert(previous.account().id, previous);
        }
    }

    /// Nothing is shown any more; the shown session stays held beside the
    /// others (switching to another account).
    pub fn hide_shown(&mut self) {
        if let Some(previous) = self.shown.take() {
            self.others.insert(previous.account().id, previous);
        }
    }

    /// Lets go of the shown session (signed out, or ended by the portal).
    pub fn take_shown(&mut self) -> Option<Arc<Session>> {
        self.shown.take()
    }

    /// Takes the held session of another account, to show it.
    pub fn take_other(&mut self, account_id: &str) -> Option<Arc<Session>> {
        self.others.remove(account_id)
    }

    /// Lets go of the account's session, shown or not.
    pub fn remove(&mut self, account_id: &str) -> Option<Arc<Session>> {
        if self
            .shown
            .as_ref()
            .is_some_and(|shown| shown.account().id == account_id)
        {
            return self.shown.take();
        }
        self.others.remove(account_id)
    }

    /// The held session of another account.
    pub fn other(&self, account_id: &str) -> Option<Arc<Session>> {
        self.others.get(account_id).cloned()
    }

    /// Holds the session of an account that is not shown.
    pub fn hold_other(&mut self, session: Arc<Session>) {
        let id = session.account().id;
        if self
            .shown
            .as_ref()
            .is_none_or(|shown| shown.account().id != id)
        {
            self.others.insert(id, session);
        }
    }

    /// The id of the shown account.
    pub fn shown_id(&self) -> Option<String> {
        self.shown.as_ref().map(|shown| shown.account().id)
    }
}
