//! The downloads running now, by the id the UI gave each, so the UI can
//! cancel one.

use std::collections::HashMap;
use std::sync::Mutex;

use tokio_util::sync::CancellationToken;

/// Cancellation handles of running downloads, by the id the UI gave them.
#[derive(Default)]
pub struct RunningDownloads(Mutex<HashMap<String, CancellationToken>>);

impl RunningDownloads {
    pub(crate) fn start(&self, id: &str) -> CancellationToken {
        let token = CancellationToken::new();
        self.lock().insert(id.to_owned(), token.clone());
        token
    }

    pub(crate) fn finish(&self, id: &str) {
        self.lock().remove(id);
    }

    pub(crate) fn cancel(&self, id: &str) -> bool {
        self.lock().remove(id).map(|token| token.cancel()).is_some()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, CancellationToken>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
