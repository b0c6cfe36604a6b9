//! The portal's one clock: every date rule (overdue documents, token, link
//! and challenge expiry, throttling windows, two-step codes) reads it.
//!
//! A running portal uses the system clock. Tests and fixtures start one at a
//! set instant and move it forward with [`Clock::advance`] instead of
//! sleeping, so no test depends on the day it runs.
//!
//! Database work runs inside [`Clock::enter`] (the [`crate::db::Db`] handle
//! does this for every closure it runs), so code that only has a connection
//! reads the portal's clock through [`current`].

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;

use time::{Date, OffsetDateTime};

/// The portal's clock: the system's, or one set by a test or a fixture.
#[derive(Clone)]
pub struct Clock {
    source: Arc<Source>,
}

enum Source {
    System,
    Set {
        /// The instant the clock was started at.
        start: OffsetDateTime,
        /// When that was, on the monotonic clock, if the clock runs by
        /// itself; `None` for a stopped clock.
        started: Option<Instant>,
        /// Seconds the clock was moved forward by.
        moved: AtomicI64,
    },
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self {
            source: Arc::new(Source::System),
        }
    }

    /// A clock that reads `start` now and runs from there at the normal
    /// pace; [`Clock::advance`] moves it forward.
    pub fn starting_at(start: OffsetDateTime) -> Self {
        Self {
            source: Arc::new(Source::Set {
                start,
                started: Some(Instant::now()),
                moved: AtomicI64::new(0),
            }),
        }
    }

    /// A clock that reads `start` and stays there until [`Clock::advance`]
    /// moves it (for answers that must be the same on every run).
    pub fn stopped_at(start: OffsetDateTime) -> Self {
        Self {
            source: Arc::new(Source::Set {
                start,
                started: None,
                moved: AtomicI64::new(0),
            }),
        }
    }

    /// Moves a set clock forward (every copy of it); the system clock cannot
    /// be moved, and asking it to is a programming error.
    pub fn advance(&self, by: time::Duration) {
        match &*self.source {
            Source::System => panic!("the system clock cannot be moved"),
            Source::Set { moved, .. } => {
                moved.fetch_add(by.whole_seconds(), Ordering::SeqCst);
            }
        }
    }

    /// The time now.
    pub fn now(&self) -> OffsetDateTime {
        match &*self.source {
            Source::System => OffsetDateTime::now_utc(),
            Source::Set {
                start,
                started,
                moved,
            } => {
                let ran = started
                    .map(|started| started.elapsed())
                    .and_then(|elapsed| time::Duration::try_from(elapsed).ok())
                    .unwrap_or(time::Duration::ZERO);
                *start + ran + time::Duration::seconds(moved.load(Ordering::SeqCst))
            }
        }
    }

    /// Seconds since the Unix epoch, now.
    pub fn unix(&self) -> i64 {
        self.now().unix_timestamp()
    }

    /// Today's date in UTC.
    pub fn today(&self) -> Date {
        self.now().date()
    }

    /// Makes this the clock [`current`] answers on this thread until the
    /// returned guard is dropped.
    pub fn enter(&self) -> ClockScope {
        let previous = CURRENT.with(|current| current.replace(Some(self.clone())));
        ClockScope { previous }
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.source {
            Source::System => f.write_str("Clock(system)"),
            Source::Set { start, .. } => write!(f, "Clock(set, started at {start})"),
        }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Clock>> = const { RefCell::new(None) };
}

/// Restores the clock that was current before [`Clock::enter`].
pub struct ClockScope {
    previous: Option<Clock>,
}

impl Drop for ClockScope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|current| *current.borrow_mut() = previous);
    }
}

/// The clock of the database work running on this thread. Outside such work
/// there is none: tests fail loudly, and a release build reads the system
/// clock rather than stopping the portal.
pub fn current() -> Clock {
    CURRENT
        .with(|current| current.borrow().clone())
        .unwrap_or_else(|| {
            debug_assert!(
                false,
                "the portal's clock was read outside database work; use Db::run or Clock::enter"
            );
            Clock::system()
        })
}

/// Resolves a fixture date: `YYYY-MM-DD`, or `today`, `today-N` or
/// `today+N` (days) relative to `today`, so a demo stays current.
pub fn resolve_date(text: &str, today: Date) -> Option<Date> {
    let text = text.trim();
    if let Some(offset) = text.strip_prefix("today") {
        let days: i64 = match offset {
            "" => 0,
            _ => offset
                .strip_suffix('d')
                .unwrap_or(offset)
                .parse()
                .ok()
                .filter(|_| offset.starts_with(['+', '-']))?,
        };
        return today.checked_add(time::Duration::days(days));
    }
    Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()
}

/// Resolves a fixture time: RFC 3339, or a relative date and a UTC time of
/// day, like `today-5 08:12`.
pub fn resolve_time(text: &str, today: Date) -> Option<OffsetDateTime> {
    let text = text.trim();
    if text.starts_with("today") {
        let (date, time_of_day) = text.split_once(' ').unwrap_or((text, "00:00"));
        let date = resolve_date(date, today)?;
        let time_of_day = time::Time::parse(
            time_of_day,
            time::macros::format_description!("[hour]:[minute]"),
        )
        .ok()?;
        return Some(date.with_time(time_of_day).assume_utc());
    }
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_set_clock_moves_forward_for_every_copy() {
        let clock = Clock::starting_at(datetime!(2030-01-15 09:00 UTC));
        let copy = clock.clone();
        assert_eq!(clock.today(), date!(2030 - 01 - 15));
        copy.advance(time::Duration::days(20));
        assert_eq!(clock.today(), date!(2030 - 02 - 04));
        assert!(clock.unix() >= datetime!(2030-02-04 09:00 UTC).unix_timestamp());
    }

    #[test]
    fn database_work_reads_the_clock_it_entered() {
        let outer = Clock::starting_at(datetime!(2031-03-01 00:00 UTC));
        let inner = Clock::starting_at(datetime!(2040-07-01 00:00 UTC));
        let _outer = outer.enter();
        {
            let _inner = inner.enter();
            assert_eq!(current().today(), date!(2040 - 07 - 01));
        }
        assert_eq!(current().today(), date!(2031 - 03 - 01));
    }

    #[test]
    fn fixture_dates_may_be_relative_to_today() {
        let today = date!(2026 - 11 - 24);
        assert_eq!(resolve_date("today", today), Some(today));
        assert_eq!(resolve_date("today-53", today), Some(date!(2026 - 10 - 02)));
        assert_eq!(
            resolve_date("today+55d", today),
            Some(date!(2027 - 01 - 18))
        );
        assert_eq!(
            resolve_date("2025-01-06", today),
            Some(date!(2025 - 01 - 06))
        );
        for bad in ["today53", "yesterday", "today-x", "2025-13-01", ""] {
            assert_eq!(resolve_date(bad, today), None, "{bad}");
        }
        assert_eq!(
            resolve_time("today-5 08:12", today),
            Some(datetime!(2026-11-19 08:12 UTC))
        );
        assert_eq!(
            resolve_time("2026-11-19T08:12:00Z", today),
            Some(datetime!(2026-11-19 08:12 UTC))
        );
        assert_eq!(resolve_time("today-5 25:00", today), None);
    }
}
