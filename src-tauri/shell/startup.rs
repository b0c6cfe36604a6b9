//! How the app was launched: `--demo`, and start-up timing for the
//! `first_screen_ms` benchmark.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// Environment variable: print `first_screen_ms N` and quit once the first
/// screen with the user's data is painted.
pub const EXIT_AFTER_FIRST_SCREEN_ENV: &str = "PORTAL_DESK_EXIT_AFTER_FIRST_SCREEN";

/// Records the process start; call first thing in `main`.
pub fn mark_process_start() {
    PROCESS_START.get_or_init(Instant::now);
}

/// Command-line flag: open the embedded demo portal at once when no
/// session is stored.
pub const OPEN_DEMO_FLAG: &str = "--demo";

/// How the app was launched.
pub struct LaunchOptions {
    start: Instant,
    exit_after_first_screen: bool,
    open_demo: AtomicBool,
}

impl LaunchOptions {
    /// Reads the start mark (or now), the command line and the environment.
    pub fn from_env() -> Self {
        Self {
            start: *PROCESS_START.get_or_init(Instant::now),
            exit_after_first_screen: std::env::var(EXIT_AFTER_FIRST_SCREEN_ENV)
                .is_ok_and(|value| value == "1"),
            open_demo: AtomicBool::new(std::env::args().skip(1).any(|arg| arg == OPEN_DEMO_FLAG)),
        }
    }

    /// Whether to sign in to the embedded demo when no session is stored.
    /// True at most once, so signing out later shows the sign-in form.
    pub fn take_open_demo(&self) -> bool {
        self.open_demo.swap(false, Ordering::SeqCst)
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
