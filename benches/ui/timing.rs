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
    /// From the event to the end of the page's handlers.
    pub script_ms: f64,
    /// From the event to the painted frame that shows the result.
    pub painted_ms: f64,
    /// The commands the page called meanwhile, as the page's resource
    /// timing saw them: name, milliseconds from the call to its answer, and
    /// the answer's size when the webview reports it.
    pub calls: Vec<(String, f64, u64)>,
}

/// Arms the page to time the next `event` (`input`, `click`) anywhere in
/// it until `done` (a JavaScript expression, which may compare with
/// `window.__benchBefore`: the element `#COUNT`'s text when armed) holds.
pub fn arm(app: &WebDriver, event: &str, count: &str, done: &str) {
    let script = format!(
        r#"
        window.__benchResult = null;
        window.__benchArmedAt = performance.now();
        performance.setResourceTimingBufferSize(100000);
        window.__benchBefore = document.getElementById('{count}')?.textContent ?? null;
        let handled = null;
        window.addEventListener('{event}', () => {{ handled = performance.now(); }}, {{ once: true }});
        document.addEventListener('{event}', (event) => {{
          const started = event.timeStamp;
          const isDone = () => {{ try {{ return Boolean({done}); }} catch {{ return false; }} }};
          const frame = () => requestAnimationFrame(() => {{
            if (isDone()) {{
              setTimeout(() => {{
                const painted = performance.now();
                window.__benchResult = [(handled ?? painted) - started, painted - started];
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
            let calls = app.execute(
                "return performance.getEntriesByType('resource')
                   .filter((entry) => entry.startTime >= window.__benchArmedAt && entry.name.startsWith('ipc:'))
                   .map((entry) => [entry.name.split('/').pop(), entry.duration, entry.decodedBodySize || entry.transferSize || 0]);",
                json!([]),
            );
            return Timing {
                script_ms: ms(0),
                painted_ms: ms(1),
                calls: calls
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|call| {
                        (
                            call[0].as_str().unwrap_or_default().to_owned(),
                            call[1].as_f64().unwrap_or(f64::NAN),
                            call[2].as_u64().unwrap_or(0),
                        )
                    })
                    .collect(),
            };
        }
        assert!(
            Instant::now() < deadline,
            "the page never showed what the action should show"
        );
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
