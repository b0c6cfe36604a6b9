//! Start-up timing for the `first_screen_ms` benchmark.

use std::sync::OnceLock;
use std::time::Instant;

static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// Environment variable: print `first_screen_ms N` and quit once the first
/// screen with the user's data is painted.
pub const EXIT_AFTER_FIRST_SCREEN_ENV: &str = "PORTAL_DESK_EXIT_AFTER_FIRST_SCREEN";

/// Records the process start; call first thing in `main`.
pub fn mark_process_start() {
    PROCESS_START.get_or_init(Instant::now);
}

/// The start instant and whether to quit after the first screen.
pub struct StartupClock {
    start: Instant,
    exit_after_first_screen: bool,
}

impl StartupClock {
    /// Reads the start mark (or now) and the environment.
    pub fn from_env() -> Self {
        Self {
            start: *PROCESS_START.get_or_init(Instant::now),
            exit_after_first_screen: std::env::var(EXIT_AFTER_FIRST_SCREEN_ENV)
                .is_ok_and(|value| value == "1"),
        }
    }

    /// Whether the app quits after the first screen.
    pub fn exit_after_first_screen(&self) -> bool {
        self.exit_after_first_screen
    }

    /// Milliseconds since the process started.
    pub fn elapsed_ms(&self) -> u128 {
        self.start.elapsed().as_millis()
    }
}
