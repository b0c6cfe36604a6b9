//! How often a running transfer reports progress, for downloads and uploads
//! alike: the first report and the last always go out, and between them at
//! most one per [`PROGRESS_INTERVAL`], so a fast disk or network does not
//! flood the UI with events.

use std::time::{Duration, Instant};

/// Least time between two progress reports of one transfer.
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// The pacing state of one transfer.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProgressPace {
    last_report: Option<Instant>,
}

impl ProgressPace {
    /// A transfer whose first report went out (or that started) at `now`.
    pub fn reported_at(now: Instant) -> Self {
        Self {
            last_report: Some(now),
        }
    }

    /// Whether a report at `now` goes out (always when `last`, and for the
    /// first one); if so, the time since the previous report.
    pub fn due(&mut self, now: Instant, last: bool) -> Option<Duration> {
        let since = self
            .last_report
            .map(|previous| now.saturating_duration_since(previous));
        if since.is_some_and(|since| since < PROGRESS_INTERVAL) && !last {
            return None;
        }
        self.last_report = Some(now);
        Some(since.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_and_the_last_go_out_and_the_rest_at_most_ten_a_second() {
        let start = Instant::now();
        let mut pace = ProgressPace::default();
        assert_eq!(pace.due(start, false), Some(Duration::ZERO), "the first");
        let soon = start + PROGRESS_INTERVAL / 2;
        assert_eq!(pace.due(soon, false), None, "too soon");
        assert_eq!(
            pace.due(soon, true),
            Some(PROGRESS_INTERVAL / 2),
            "the last one always"
        );
        let later = soon + PROGRESS_INTERVAL;
        assert_eq!(pace.due(later, false), Some(PROGRESS_INTERVAL));
    }
}
