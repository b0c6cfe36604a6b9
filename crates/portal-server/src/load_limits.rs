//! Bounds on the work anyone can make the portal do: password hashing
//! (19 MiB of memory and a core for each argon2 run, reachable without
//! signing in) runs a few at a time behind a short queue, and the number
//! of requests in progress is capped. Past either bound the answer is
//! 503 `busy` with `Retry-After`, which clients wait out.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// Limits on concurrent work.
#[derive(Debug, Clone, Copy)]
pub struct LoadLimits {
    /// Password hashes computed at once (default: the number of cores).
    pub concurrent_hashes: usize,
    /// Password checks waiting for a turn before new ones are turned away.
    pub queued_hashes: usize,
    /// Requests in progress at once.
    pub concurrent_requests: usize,
}

impl Default for LoadLimits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            concurrent_hashes: cores,
            queued_hashes: 4 * cores,
            concurrent_requests: 512,
        }
    }
}

/// The gate password hashing goes through.
pub struct PasswordGate {
    permits: Semaphore,
    /// Checks running or waiting.
    admitted: AtomicUsize,
    /// The most hashes that ran at once.
    peak: AtomicUsize,
    running: AtomicUsize,
    limits: LoadLimits,
}

impl PasswordGate {
    /// A gate with these limits.
    pub fn new(limits: LoadLimits) -> Self {
        Self {
            permits: Semaphore::new(limits.concurrent_hashes.max(1)),
            admitted: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
            running: AtomicUsize::new(0),
            limits,
        }
    }

    /// Runs `work` (a password hash or check) on a blocking thread when its
    /// turn comes; 503 `busy` when too many are running and waiting.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let bound = self.limits.concurrent_hashes.max(1) + self.limits.queued_hashes;
        if self.admitted.fetch_add(1, Ordering::SeqCst) >= bound {
            self.admitted.fetch_sub(1, Ordering::SeqCst);
            return Err(busy());
        }
        let outcome = async {
            let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
            let running = self.running.fetch_add(1, Ordering::SeqCst) + 1;
            self.peak.fetch_max(running, Ordering::SeqCst);
            let result = tokio::task::spawn_blocking(work)
                .await
                .map_err(ApiError::internal);
            self.running.fetch_sub(1, Ordering::SeqCst);
            result
        }
        .await;
        self.admitted.fetch_sub(1, Ordering::SeqCst);
        outcome
    }

    /// The most hashes that have run at once so far.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }
}

/// The answer when the portal has no room for more work now.
pub fn busy() -> ApiError {
    let mut error = ApiError::new(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        portal_api::problem::codes::BUSY,
        "The portal is busy. Try again in a moment.",
    );
    error.problem.retry_after = Some(1);
    error
}

/// Middleware: turns requests away with 503 `busy` while
/// `concurrent_requests` are in progress.
pub async fn limit_requests(
    State(permits): State<Arc<Semaphore>>,
    request: Request,
    next: Next,
) -> Response {
    match permits.try_acquire() {
        Ok(_permit) => next.run(request).await,
        Err(_) => busy().into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashing_runs_a_few_at_a_time_and_turns_the_rest_away() {
        let gate = Arc::new(PasswordGate::new(LoadLimits {
            concurrent_hashes: 1,
            queued_hashes: 1,
            concurrent_requests: 10,
        }));
        let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
        let release_rx = Arc::new(std::sync::Mutex::new(release_rx));
        let mut running = Vec::new();
        for _ in 0..2 {
            let gate = gate.clone();
            let release_rx = release_rx.clone();
            running.push(tokio::spawn(async move {
                gate.run(move || release_rx.lock().unwrap().recv().is_ok())
                    .await
            }));
        }
        // Both admitted (one hashing, one waiting): the third is turned away.
        while gate.admitted.load(Ordering::SeqCst) < 2 {
            tokio::task::yield_now().await;
        }
        let refused = gate.run(|| true).await.unwrap_err();
        assert_eq!(refused.problem.status, 503);
        assert_eq!(refused.problem.retry_after, Some(1));
        release_tx.send(()).unwrap();
        release_tx.send(()).unwrap();
        for task in running {
            assert!(task.await.unwrap().unwrap());
        }
        assert_eq!(gate.peak(), 1, "never two at once");
        assert!(gate.run(|| true).await.unwrap(), "room again");
    }
}
