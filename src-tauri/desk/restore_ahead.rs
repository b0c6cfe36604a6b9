//! The first restore of the session, begun while the window opens: the
//! keyring, the account's store and (for the demo) the embedded portal are
//! ready by the time the page asks `start_app`, instead of after.

use std::sync::Arc;

use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::desk::{Desk, StartView};
use portal_client::Result;

/// Where the restore begun ahead leaves its answer for the first `start`.
#[derive(Default)]
pub struct RestoredAhead(Arc<Mutex<Option<Result<StartView>>>>);

/// The right to fill [`RestoredAhead`]: held from the moment the restore is
/// begun, so a `start` asked meanwhile waits for it rather than restoring a
/// second time.
pub struct RestoreAheadSlot(OwnedMutexGuard<Option<Result<StartView>>>);

impl RestoredAhead {
    /// Takes the answer left by a restore begun ahead, waiting for one
    /// still on its way; `None` when none was begun or it was taken.
    pub async fn take(&self) -> Option<Result<StartView>> {
        self.0.lock().await.take()
    }
}

impl Desk {
    /// Reserves the answer of a restore about to be begun ahead (`None`
    /// when one already is); pass it to [`Desk::restore_ahead`].
    pub fn reserve_restore_ahead(&self) -> Option<RestoreAheadSlot> {
        let slot = Arc::clone(&self.restored_ahead.0).try_lock_owned().ok()?;
        slot.is_none().then_some(RestoreAheadSlot(slot))
    }

    /// Restores the current account's session now and leaves the answer
    /// for the first [`Desk::start`].
    pub async fn restore_ahead(&self, mut slot: RestoreAheadSlot) {
        *slot.0 = Some(self.restore().await);
    }
}
