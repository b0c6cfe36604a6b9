//! Throttling of failed sign-ins, wrong current passwords and wrong
//! two-step codes, per account and per client.
//!
//! Failures count against the e-mail address as typed, whether or not an
//! account has it, so a 429 never tells anyone which addresses exist.
//!
//! An attempt is reserved before the work and settled after it: a
//! [`Reservation`] counts as a failure from the moment it is taken until it
//! is settled as a success, so a parallel burst cannot slip more attempts
//! past the limit than it allows. Times come from the portal's [`Clock`], so
//! tests move the clock instead of waiting.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::clock::Clock;

/// Limits on failed attempts.
#[derive(Debug, Clone)]
pub struct ThrottleConfig {
    /// Failures per e-mail address within `window` before sign-in is refused.
    pub per_account: usize,
    /// Failures per client (an IPv4 address or an IPv6 /64) within `window`
    /// before sign-in is refused.
    pub per_address: usize,
    /// How far back failures count.
    pub window: Duration,
    /// Most accounts and clients remembered at once; past it the entries
    /// whose failures are all out of the window go first, then the oldest.
    pub max_tracked: usize,
}

impl Default for ThrottleConfig {
    fn default() -> Self {
        Self {
            per_account: 5,
            per_address: 50,
            window: Duration::from_secs(15 * 60),
            max_tracked: 100_000,
        }
    }
}

/// Records failed attempts and says when the next one is allowed.
pub struct LoginThrottle {
    config: ThrottleConfig,
    clock: Clock,
    failures: Arc<Mutex<Failures>>,
}

/// Who a client is for throttling: IPv6 clients usually hold a whole /64.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKey {
    /// An IPv4 address.
    V4([u8; 4]),
    /// The first 64 bits of an IPv6 address.
    V6Prefix([u8; 8]),
}

impl From<IpAddr> for ClientKey {
    fn from(address: IpAddr) -> Self {
        match address {
            IpAddr::V4(v4) => Self::V4(v4.octets()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Self::V4(v4.octets()),
                None => {
                    let octets = v6.octets();
                    let mut prefix = [0; 8];
                    prefix.copy_from_slice(&octets[..8]);
                    Self::V6Prefix(prefix)
                }
            },
        }
    }
}

#[derive(Default)]
struct Failures {
    by_account: HashMap<String, VecDeque<i64>>,
    by_client: HashMap<ClientKey, VecDeque<i64>>,
}

/// One attempt counted as a failure until [`Reservation::succeeded`] says
/// otherwise. Dropping it unsettled keeps it counted.
#[must_use = "settle the attempt: succeeded() or failed()"]
pub struct Reservation {
    failures: Arc<Mutex<Failures>>,
    account: String,
    client: ClientKey,
    at: i64,
}

impl Reservation {
    /// The attempt was right: it no longer counts, and neither do the
    /// account's earlier failures.
    pub fn succeeded(self) {
        let mut failures = lock(&self.failures);
        failures.by_account.remove(&self.account);
        forget_one(failures.by_client.get_mut(&self.client), self.at);
    }

    /// The attempt was wrong: it stays counted.
    pub fn failed(self) {}

    /// The attempt was never judged (the portal was busy): it no longer
    /// counts, and nothing else changes.
    pub fn released(self) {
        let mut failures = lock(&self.failures);
        forget_one(failures.by_account.get_mut(&self.account), self.at);
        forget_one(failures.by_client.get_mut(&self.client), self.at);
    }
}

/// Takes one attempt made at `at` out of `times`.
fn forget_one(times: Option<&mut VecDeque<i64>>, at: i64) {
    if let Some(times) = times
        && let Some(position) = times.iter().rposition(|time| *time == at)
    {
        times.remove(position);
    }
}

impl LoginThrottle {
    /// A throttle with the given limits, reading `clock`.
    pub fn new(config: ThrottleConfig, clock: Clock) -> Self {
        Self {
            config,
            clock,
            failures: Arc::new(Mutex::new(Failures::default())),
        }
    }

    /// Reserves an attempt for this account from this client, or answers how
    /// long to wait when either has used up its failures.
    pub fn reserve(&self, account: &str, address: IpAddr) -> Result<Reservation, Duration> {
        let now = self.clock.unix();
        let window = i64::try_from(self.config.window.as_secs()).unwrap_or(i64::MAX);
        let account = account_key(account);
        let client = ClientKey::from(address);
        let mut failures = lock(&self.failures);
        let account_wait = failures
            .by_account
            .get_mut(&account)
            .and_then(|times| wait(times, self.config.per_account, window, now));
        let client_wait = failures
            .by_client
            .get_mut(&client)
            .and_then(|times| wait(times, self.config.per_address, window, now));
        if let Some(wait) = account_wait.max(client_wait) {
            return Err(wait);
        }
        self.make_room(&mut failures, now - window);
        failures
            .by_account
            .entry(account.clone())
            .or_default()
            .push_back(now);
        failures.by_client.entry(client).or_default().push_back(now);
        Ok(Reservation {
            failures: self.failures.clone(),
            account,
            client,
            at: now,
        })
    }

    /// How many accounts and clients are remembered now.
    pub fn tracked(&self) -> usize {
        let failures = lock(&self.failures);
        failures.by_account.len() + failures.by_client.len()
    }

    fn make_room(&self, failures: &mut Failures, expired_before: i64) {
        let limit = self.config.max_tracked.max(2) / 2;
        if failures.by_account.len() >= limit || failures.by_client.len() >= limit {
            let current =
                |times: &mut VecDeque<i64>| times.back().is_some_and(|at| *at > expired_before);
            failures.by_account.retain(|_, times| current(times));
            failures.by_client.retain(|_, times| current(times));
        }
        evict_oldest(&mut failures.by_account, limit);
        evict_oldest(&mut failures.by_client, limit);
    }
}

/// Drops the entries whose last failure is oldest until `map` has room for
/// one more below `limit`.
fn evict_oldest<K: Clone + Eq + std::hash::Hash>(
    map: &mut HashMap<K, VecDeque<i64>>,
    limit: usize,
) {
    if map.len() < limit {
        return;
    }
    let mut by_age: Vec<(i64, K)> = map
        .iter()
        .map(|(key, times)| (times.back().copied().unwrap_or(i64::MIN), key.clone()))
        .collect();
    by_age.sort_by_key(|(at, _)| *at);
    let excess = map.len() + 1 - limit;
    for (_, key) in by_age.into_iter().take(excess.max(limit / 10)) {
        map.remove(&key);
    }
}

fn lock(failures: &Mutex<Failures>) -> std::sync::MutexGuard<'_, Failures> {
    failures
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn account_key(account: &str) -> String {
    account.trim().to_lowercase()
}

fn wait(times: &mut VecDeque<i64>, limit: usize, window: i64, now: i64) -> Option<Duration> {
    while times.front().is_some_and(|first| now - *first >= window) {
        times.pop_front();
    }
    if times.len() < limit {
        return None;
    }
    let oldest_counted = times[times.len() - limit];
    let seconds = (window - (now - oldest_counted)).max(1);
    Some(Duration::from_secs(u64::try_from(seconds).unwrap_or(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn throttle(per_account: usize, per_address: usize) -> (LoginThrottle, Clock) {
        let clock = Clock::starting_at(datetime!(2030-01-15 09:00 UTC));
        let throttle = LoginThrottle::new(
            ThrottleConfig {
                per_account,
                per_address,
                window: Duration::from_secs(60),
                max_tracked: 1_000,
            },
            clock.clone(),
        );
        (throttle, clock)
    }

    #[test]
    fn blocks_after_the_limit_until_the_window_passes_and_case_is_ignored() {
        let (throttle, clock) = throttle(2, 100);
        let address: IpAddr = "127.0.0.1".parse().unwrap();
        throttle.reserve("A@example.com", address).unwrap().failed();
        throttle
            .reserve("a@example.com ", address)
            .unwrap()
            .failed();
        let wait = throttle
            .reserve("a@EXAMPLE.com", address)
            .err()
            .expect("refused");
        assert!(wait <= Duration::from_secs(60) && wait >= Duration::from_secs(59));
        assert!(throttle.reserve("b@example.com", address).is_ok());
        clock.advance(time::Duration::seconds(61));
        throttle.reserve("a@example.com", address).unwrap().failed();
    }

    #[test]
    fn a_success_forgets_the_account_s_failures() {
        let (throttle, _clock) = throttle(2, 100);
        let address: IpAddr = "127.0.0.1".parse().unwrap();
        throttle.reserve("a@example.com", address).unwrap().failed();
        throttle
            .reserve("a@example.com", address)
            .unwrap()
            .succeeded();
        throttle.reserve("a@example.com", address).unwrap().failed();
        throttle
            .reserve("a@example.com", address)
            .expect("the failure before the success no longer counts")
            .failed();
        assert!(throttle.reserve("a@example.com", address).is_err());
    }

    #[test]
    fn reservations_count_before_they_are_settled() {
        let (throttle, _clock) = throttle(5, 100);
        let address: IpAddr = "127.0.0.1".parse().unwrap();
        let held: Vec<_> = (0..5)
            .map(|_| throttle.reserve("a@example.com", address).unwrap())
            .collect();
        assert!(
            throttle.reserve("a@example.com", address).is_err(),
            "five attempts in flight use up the limit"
        );
        drop(held);
        assert!(throttle.reserve("a@example.com", address).is_err());
    }

    #[test]
    fn blocks_a_client_across_accounts_and_ipv6_by_its_64() {
        let (throttle, _clock) = throttle(100, 3);
        let address: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        for n in 0..3 {
            let neighbour: IpAddr = format!("2001:db8:1:2::{n}").parse().unwrap();
            throttle
                .reserve(&format!("user{n}@example.com"), neighbour)
                .unwrap()
                .failed();
        }
        assert!(throttle.reserve("new@example.com", address).is_err());
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(throttle.reserve("new@example.com", other).is_ok());
        let mapped: IpAddr = "::ffff:127.0.0.2".parse().unwrap();
        assert_eq!(
            ClientKey::from(mapped),
            ClientKey::from("127.0.0.2".parse::<IpAddr>().unwrap())
        );
    }

    #[test]
    fn memory_stays_bounded_under_a_flood_of_unknown_accounts() {
        let (throttle, _clock) = throttle(5, usize::MAX);
        for n in 0..20_000u32 {
            let address = IpAddr::from([127, (n >> 16) as u8, (n >> 8) as u8, n as u8]);
            throttle
                .reserve(&format!("nobody{n}@example.com"), address)
                .unwrap()
                .failed();
        }
        assert!(throttle.tracked() <= 1_000, "{}", throttle.tracked());
    }
}
