//! Handing memory back to the system after a large answer. Listing 100,000
//! documents reads, trims and serializes tens of megabytes of JSON; once the
//! answer has gone to the webview those buffers are free, but glibc keeps
//! freed blocks of that size in its heaps (its mmap threshold rises to
//! 32 MiB after the first large free), so the app stayed ~65 MiB larger for
//! as long as it ran. Windows' heap gives blocks above 512 KiB back to the
//! system when they are freed, and macOS's allocator does the same for its
//! large allocations: there is nothing to do on those.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How long after the last large answer memory is handed back: long enough
/// for the answer to have been serialized and sent, short enough that the
/// memory is back before anyone looks.
const AFTER_LAST_ANSWER: Duration = Duration::from_secs(2);

/// Hands freed memory back once large answers have stopped for a moment.
#[derive(Default)]
pub struct FreedMemory {
    /// Moves with each large answer; a release waits for it to stand still.
    answers: Arc<AtomicU64>,
    /// How many times memory was handed back.
    releases: Arc<AtomicU64>,
}

impl FreedMemory {
    /// Notes a large answer: freed memory is handed back
    /// [`AFTER_LAST_ANSWER`] after the last one (one release for a burst).
    /// Does nothing outside a Tokio runtime, or where the system's
    /// allocator hands memory back by itself.
    pub fn release_after_large_answer(&self) {
        if !RELEASE_NEEDED {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        let answer = self.answers.fetch_add(1, Ordering::SeqCst) + 1;
        let answers = Arc::clone(&self.answers);
        let releases = Arc::clone(&self.releases);
        runtime.spawn(async move {
            tokio::time::sleep(AFTER_LAST_ANSWER).await;
            if answers.load(Ordering::SeqCst) == answer {
                releases.fetch_add(1, Ordering::SeqCst);
                let released = hand_back_freed_memory();
                tracing::debug!(released, "freed memory handed back after a large answer");
            }
        });
    }
}

#[cfg(test)]
impl FreedMemory {
    /// How many times memory was asked to go back (each answer noted).
    pub(crate) fn releases_asked(&self) -> u64 {
        self.answers.load(Ordering::SeqCst)
    }
}

/// Whether this system's allocator keeps large freed blocks.
const RELEASE_NEEDED: bool = cfg!(all(target_os = "linux", target_env = "gnu"));

/// Returns free memory at the top of glibc's heaps and the free pages in
/// their middle to the system; true when any was.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn hand_back_freed_memory() -> bool {
    // SAFETY: malloc_trim only walks glibc's own free lists under its locks;
    // it takes no pointer and leaves every allocation in place.
    unsafe { libc::malloc_trim(0) == 1 }
}

/// Nothing to hand back: the allocator does it when memory is freed.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn hand_back_freed_memory() -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lets the tasks that are ready run (a release starts its wait when
    /// first run; the clock is paused and moved by the test, never waited
    /// on).
    async fn let_due_tasks_run() {
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
    }

    /// A burst of large answers leads to one release, after the last; a
    /// later answer to another.
    #[tokio::test(start_paused = true)]
    async fn a_burst_of_answers_hands_memory_back_once_after_the_last() {
        let freed = FreedMemory::default();
        let releases = || freed.releases.load(Ordering::SeqCst);
        freed.release_after_large_answer();
        let_due_tasks_run().await;
        tokio::time::advance(AFTER_LAST_ANSWER / 2).await;
        freed.release_after_large_answer();
        let_due_tasks_run().await;
        tokio::time::advance(AFTER_LAST_ANSWER / 2 + Duration::from_millis(1)).await;
        let_due_tasks_run().await;
        assert_eq!(releases(), 0, "an answer came within the wait: not yet");
        tokio::time::advance(AFTER_LAST_ANSWER).await;
        let_due_tasks_run().await;
        let expected = u64::from(RELEASE_NEEDED);
        assert_eq!(releases(), expected, "once, after the last answer");
        freed.release_after_large_answer();
        let_due_tasks_run().await;
        tokio::time::advance(AFTER_LAST_ANSWER * 2).await;
        let_due_tasks_run().await;
        assert_eq!(releases(), 2 * expected, "a later answer, a later release");
    }

    /// Outside a runtime (a plain thread) nothing is scheduled.
    #[test]
    fn outside_a_runtime_nothing_is_scheduled() {
        let freed = FreedMemory::default();
        freed.release_after_large_answer();
        assert_eq!(freed.answers.load(Ordering::SeqCst), 0);
    }
}
