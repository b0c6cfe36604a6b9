//! Timings taken inside the webview: a listener armed before an action
//! notes when the page received it (the event's own time stamp) and when
//! the page's own handlers were done with it (a listener on `window` hears
//! it last); then the page is watched frame by frame until what the action
//! should show is in it, and the time is taken once that frame has been
//! painted (a task queued from the frame's animation callback runs after
//! its paint).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::webdriver::WebDriver;

/// Longest one measured action may take.
const LIMIT: Duration = Duration::from_secs(120);

/// How long one action took in the webview.
#[derive(Debug, Clone)]
pub struct Timing {
    /// From the event to the end of the page's handlers; none for what is
    /// timed by waiting for the page rather than from one event.
    pub script_ms: Option<f64>,
    /// From the event to the painted frame that shows the result.
    pub painted_ms: f64,
    /// The app's commands called meanwhile: name, and when each was called
    /// and answered, from the event.
    pub calls: Vec<(String, f64, f64)>,
}

/// Arms the page to time the next `event` (`input`, `click`) anywhere in
/// it until `done` (a JavaScript expression, which may compare with
/// `window.__benchBefore`: the element `#COUNT`'s text when armed) holds.
pub fn arm(app: &WebDriver, event: &str, count: &str, done: &str) {
    let script = format!(
        r#"
        window.__benchResult = null;
        window.__benchBefore = document.getElementById('{count}')?.textContent ?? null;
        let handled = null;
        window.addEventListener('{event}', () => {{ handled = performance.now(); }}, {{ once: true }});
        document.addEventListener('{event}', (event) => {{
          const started = event.timeStamp;
          window.__benchStarted = started;
          const isDone = () => {{ try {{ return Boolean({done}); }} catch {{ return false; }} }};
          const frame = () => requestAnimationFrame(() => {{
            if (isDone()) {{
              setTimeout(() => {{
                const painted = performance.now();
                // The app notes each call as a user-timing measure (ui/lib/ipc.js).
                const calls = performance.getEntriesByType('measure')
                  .filter((entry) => entry.name.startsWith('ipc ') && entry.startTime >= started)
                  .map((entry) => [entry.name.slice(4), entry.startTime - started, entry.startTime + entry.duration - started]);
                window.__benchResult = [(handled ?? painted) - started, painted - started, calls];
              }}, 0);
            }} else {{
              frame();
            }}
          }});
          frame();
        }}, {{ capture: true, once: true }});
        "#
    );
    app.execute(&script, json!([]));
}

/// Waits for the armed timing to finish and answers it.
pub fn result(app: &WebDriver) -> Timing {
    let deadline = Instant::now() + LIMIT;
    loop {
        if let Value::Array(times) = app.execute("return window.__benchResult;", json!([])) {
            let ms = |index: usize| times.get(index).and_then(Value::as_f64).unwrap_or(f64::NAN);
            let calls = times
                .get(2)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|call| {
                    let time = |index: usize| call.get(index)?.as_f64();
                    Some((
                        call.get(0)?.as_str()?.to_owned(),
                        time(1)?,
                        time(2).unwrap_or(f64::NAN),
                    ))
                })
                .collect();
            return Timing {
                script_ms: Some(ms(0)),
                painted_ms: ms(1),
                calls,
            };
        }
        assert!(
            Instant::now() < deadline,
            "the page never showed what the action should show"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The time from the event of the last timing until `done` holds in a
/// painted frame (for a second step of the same action).
pub fn since_event(app: &WebDriver, done: &str) -> f64 {
    app.execute(
        &format!(
            r#"
            window.__benchSince = null;
            const isDone = () => {{ try {{ return Boolean({done}); }} catch {{ return false; }} }};
            const frame = () => requestAnimationFrame(() => {{
              if (isDone()) {{
                setTimeout(() => {{ window.__benchSince = performance.now() - window.__benchStarted; }}, 0);
              }} else {{
                frame();
              }}
            }});
            frame();
            "#
        ),
        json!([]),
    );
    let deadline = Instant::now() + LIMIT;
    loop {
        if let Some(ms) = app
            .execute("return window.__benchSince;", json!([]))
            .as_f64()
        {
            return ms;
        }
        assert!(Instant::now() < deadline, "the page never showed it");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Times a click on `css` until `done` holds (see [`arm`] for `count`).
pub fn click(app: &WebDriver, css: &str, count: &str, done: &str) -> Timing {
    arm(app, "click", count, done);
    app.click_on(css);
    result(app)
}

/// Times one key pressed in the focused element, from the `input` event it
/// causes, until `done` holds (see [`arm`] for `count`).
pub fn key(app: &WebDriver, key: &str, count: &str, done: &str) -> Timing {
    arm(app, "input", count, done);
    app.press(key);
    result(app)
}
