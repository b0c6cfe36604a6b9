//! When a background look at the portal (the ticket watch) runs next: at the
//! user's interval while the portal answers, and, while it cannot be
//! reached, after a wait that doubles each time up to [`MAX_OFFLINE_WAIT`]
//! (or the interval, when that is longer).

use std::time::Duration;

/// The longest wait between looks while the portal cannot be reached.
pub const MAX_OFFLINE_WAIT: Duration = Duration::from_secs(15 * 60);

/// The waiting state of one repeating look.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PollBackoff {
    offline_wait: Option<Duration>,
}

impl PollBackoff {
    /// How long to wait before the next look, at the user's `interval`.
    pub fn next_wait(&self, interval: Duration) -> Duration {
        self.offline_wait.unwrap_or(interval)
    }

    /// The last look reached the portal: back to the user's interval.
    pub fn reached(&mut self) {
        self.offline_wait = None;
    }

    /// The last look could not reach the portal: wait twice as long.
    pub fn unreachable(&mut self, interval: Duration) {
        let doubled = self.next_wait(interval).saturating_mul(2);
        self.offline_wait = Some(doubled.min(MAX_OFFLINE_WAIT.max(interval)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_waits_double_up_to_the_cap_and_a_good_look_resets_them() {
        let interval = Duration::from_secs(60);
        let mut backoff = PollBackoff::default();
        assert_eq!(backoff.next_wait(interval), interval);
        let mut waits = Vec::new();
        for _ in 0..6 {
            backoff.unreachable(interval);
            waits.push(backoff.next_wait(interval).as_secs());
        }
        assert_eq!(waits, [120, 240, 480, 900, 900, 900]);
        backoff.reached();
        assert_eq!(backoff.next_wait(interval), interval);
    }

    #[test]
    fn an_interval_longer_than_the_cap_is_kept() {
        let interval = Duration::from_secs(30 * 60);
        let mut backoff = PollBackoff::default();
        backoff.unreachable(interval);
        assert_eq!(backoff.next_wait(interval), interval);
    }
}
