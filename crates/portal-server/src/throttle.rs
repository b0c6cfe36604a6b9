//! Throttling of failed sign-ins, per account and per client address.
//!
//! Failures count against the e-mail address as typed, whether or not an
//! account has it, so a 429 never tells anyone which addresses exist.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Limits on failed sign-ins.
#[derive(Debug, Clone)]
pub struct ThrottleConfig {
    /// Failures per e-mail address within `window` before sign-in is refused.
    pub per_account: usize,
    /// Failures per client address within `window` before sign-in is refused.
    pub per_address: usize,
    /// How far back failures count.
    pub window: Duration,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        Self {
            per_account: 5,
            per_address: 50,
            window: Duration::from_secs(15 * 60),
        }
    }
}

/// Records failed sign-ins and says when the next attempt is allowed.
pub struct LoginThrottle {
    config: ThrottleConfig,
    failures: Mutex<Failures>,
}

#[derive(Default)]
struct Failures {
    by_account: HashMap<String, VecDeque<Instant>>,
    by_address: HashMap<IpAddr, VecDeque<Instant>>,
}

impl LoginThrottle {
    /// A throttle with the given limits.
    pub fn new(config: ThrottleConfig) -> Self {
        Self {
            config,
            failures: Mutex::new(Failures::default()),
        }
    }

    /// `Some(wait)` when sign-in for this account or address is refused now.
    pub fn blocked_for(&self, account: &str, address: IpAddr) -> Option<Duration> {
        let now = Instant::now();
        let mut failures = self.lock();
        let window = self.config.window;
        let account_wait = failures
            .by_account
            .get_mut(&account_key(account))
            .and_then(|times| wait(times, self.config.per_account, window, now));
        let address_wait = failures
            .by_address
            .get_mut(&address)
            .and_then(|times| wait(times, self.config.per_address, window, now));
        account_wait.max(address_wait)
    }

    /// Counts a failed sign-in.
    pub fn record_failure(&self, account: &str, address: IpAddr) {
        let now = Instant::now();
        let mut failures = self.lock();
        failures
            .by_account
            .entry(account_key(account))
            .or_default()
            .push_back(now);
        failures
            .by_address
            .entry(address)
            .or_default()
            .push_back(now);
    }

    /// Forgets the account's failures after a successful sign-in.
    pub fn record_success(&self, account: &str) {
        self.lock().by_account.remove(&account_key(account));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Failures> {
        self.failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn account_key(account: &str) -> String {
    account.trim().to_lowercase()
}

fn wait(
    times: &mut VecDeque<Instant>,
    limit: usize,
    window: Duration,
    now: Instant,
) -> Option<Duration> {
    while times
        .front()
        .is_some_and(|first| now.duration_since(*first) >= window)
    {
        times.pop_front();
    }
    if times.len() < limit {
        return None;
    }
    let oldest_counted = times[times.len() - limit];
    Some(window.saturating_sub(now.duration_since(oldest_counted)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_and_case_is_ignored() {
        let throttle = LoginThrottle::new(ThrottleConfig {
            per_account: 2,
            per_address: 100,
            window: Duration::from_secs(60),
        });
        let address: IpAddr = "127.0.0.1".parse().unwrap();
        throttle.record_failure("A@example.com", address);
        assert!(throttle.blocked_for("a@example.com", address).is_none());
        throttle.record_failure("a@example.com ", address);
        let wait = throttle.blocked_for("a@EXAMPLE.com", address).unwrap();
        assert!(wait <= Duration::from_secs(60) && wait > Duration::from_secs(50));
        assert!(throttle.blocked_for("b@example.com", address).is_none());
        throttle.record_success("a@example.com");
        assert!(throttle.blocked_for("a@example.com", address).is_none());
    }

    #[test]
    fn blocks_an_address_across_accounts() {
        let throttle = LoginThrottle::new(ThrottleConfig {
            per_account: 100,
            per_address: 3,
            window: Duration::from_secs(60),
        });
        let address: IpAddr = "127.0.0.2".parse().unwrap();
        for n in 0..3 {
            throttle.record_failure(&format!("user{n}@example.com"), address);
        }
        assert!(throttle.blocked_for("new@example.com", address).is_some());
        let other: IpAddr = "::1".parse().unwrap();
        assert!(throttle.blocked_for("new@example.com", other).is_none());
    }
}
