//! How the app was launched: `--demo`, and start-up timing for the
//! `first_screen_ms` benchmark.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// When the process started, on the monotonic clock and as wall-clock
/// milliseconds since the epoch (the webview's `performance.timeOrigin`
/// is on the latter).
static PROCESS_START: OnceLock<(Instant, f64)> = OnceLock::new();

/// Steps of start-up, each the first time it was reached, in milliseconds
/// since the process started.
static STARTUP_MARKS: Mutex<Vec<(&'static str, i64)>> = Mutex::new(Vec::new());

/// Environment variable: print `first_screen_ms N` and quit once the first
/// screen with the user's data is painted.
pub const EXIT_AFTER_FIRST_SCREEN_ENV: &str = "PORTAL_DESK_EXIT_AFTER_FIRST_SCREEN";

/// Records the process start; call first thing in `main`.
pub fn mark_process_start() {
    process_start();
}

fn process_start() -> &'static (Instant, f64) {
    PROCESS_START.get_or_init(|| {
        let wall_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |since| since.as_secs_f64() * 1000.0);
        (Instant::now(), wall_ms)
    })
}

/// Records the first time start-up reached `step` (for the start-up
/// benchmark's breakdown; a few words in memory, nothing written; a step
/// reached again later, a page load or `start_app` after signing out, adds
/// nothing).
pub fn mark_startup_step(step: &'static str) {
    let elapsed = i64::try_from(process_start().0.elapsed().as_millis()).unwrap_or(i64::MAX);
    if let Ok(mut marks) = STARTUP_MARKS.lock()
        && !marks.iter().any(|(known, _)| *known == step)
    {
        marks.push((step, elapsed));
    }
}

/// The start-up step of a kept first screen painted (see
/// [`crate::shell::kept_screen_page`]).
pub const KEPT_SCREEN_PAINTED: &str = "kept_screen_painted";

/// Milliseconds from the process start to `step`, if start-up reached it.
pub fn startup_step_ms(step: &str) -> Option<u128> {
    let marks = STARTUP_MARKS.lock().ok()?;
    let (_, ms) = marks.iter().find(|(known, _)| *known == step)?;
    u128::try_from(*ms).ok()
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
            start: process_start().0,
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

    /// The `startup_marks` line: every step the process marked and those
    /// the page reports (`page_marks`, wall-clock milliseconds since the
    /// epoch), each in milliseconds since the process started, in order.
    pub fn startup_marks_line(&self, page_marks: &BTreeMap<String, f64>) -> String {
        let start_wall_ms = process_start().1;
        let mut steps: Vec<(String, i64)> = STARTUP_MARKS
            .lock()
            .map(|marks| {
                marks
                    .iter()
                    .map(|(step, ms)| ((*step).to_owned(), *ms))
                    .collect()
            })
            .unwrap_or_default();
        steps.extend(
            page_marks
                .iter()
                .map(|(step, wall_ms)| (step.clone(), (wall_ms - start_wall_ms).round() as i64)),
        );
        steps.sort_by_key(|(_, ms)| *ms);
        let steps: Vec<String> = steps
            .iter()
            .map(|(step, ms)| format!("{step}={ms}"))
            .collect();
        format!("startup_marks {}", steps.join(" "))
    }
}
