//! A small W3C WebDriver client: just what the end-to-end tests use.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A WebDriver session driving one app window.
pub struct WebDriver {
    http: reqwest::blocking::Client,
    base: String,
    session: Option<String>,
}

/// An element found on the page.
#[derive(Clone)]
pub struct Element {
    id: String,
}

impl WebDriver {
    /// Starts a session that launches `application` through tauri-driver at
    /// `driver_url`.
    pub fn launch(driver_url: &str, application: &Path) -> Self {
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(120))
            .build()
            .unwrap();
        let mut driver = Self {
            http,
            base: driver_url.trim_end_matches('/').to_owned(),
            session: None,
        };
        let answer = driver.post(
            "/session",
            json!({
                "capabilities": {
                    "alwaysMatch": {
                        "browserName": "wry",
                        "tauri:options": { "application": application }
                    }
                }
            }),
        );
        let id = answer["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session id in {answer}"))
            .to_owned();
        driver.session = Some(id);
        driver
    }

    /// Ends the session, which closes the app.
    pub fn quit(mut self) {
        self.end();
    }

    /// Saves what the window showed as `failed-TEST.png` beside the other
    /// screenshots, for whoever reads the failure. Never panics (that would
    /// abort the test run).
    fn save_failure_screenshot(&self) {
        use base64::Engine;
        if self.session.is_none() {
            return;
        }
        let Some(encoded) = self.try_get(&self.session_path("/screenshot")) else {
            return;
        };
        let Some(png) = encoded
            .as_str()
            .and_then(|text| base64::engine::general_purpose::STANDARD.decode(text).ok())
        else {
            return;
        };
        let test = std::thread::current()
            .name()
            .unwrap_or("test")
            .replace("::", "-");
        let folder = super::desktop::screenshot_dir();
        let _ = std::fs::create_dir_all(&folder);
        let _ = std::fs::write(folder.join(format!("failed-{test}.png")), png);
    }

    fn end(&mut self) {
        if let Some(id) = self.session.take() {
            let _ = self
                .http
                .delete(format!("{}/session/{id}", self.base))
                .send();
        }
    }

    fn session_path(&self, path: &str) -> String {
        format!(
            "/session/{}{path}",
            self.session.as_deref().expect("a session")
        )
    }

    fn post(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .unwrap_or_else(|error| panic!("WebDriver POST {path}: {error}"));
        Self::value(path, response)
    }

    fn get(&self, path: &str) -> Value {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .unwrap_or_else(|error| panic!("WebDriver GET {path}: {error}"));
        Self::value(path, response)
    }

    fn value(path: &str, response: reqwest::blocking::Response) -> Value {
        let status = response.status();
        let body: Value = response.json().unwrap_or(Value::Null);
        if !status.is_success() {
            panic!("WebDriver {path} answered {status}: {body}");
        }
        body.get("value").cloned().unwrap_or(body)
    }

    /// A POST whose failure is expected while the page re-renders (a stale
    /// element), answered with `None` instead of a panic.
    fn try_post(&self, path: &str, body: Value) -> Option<Value> {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .ok()?;
        if !response.status().is_success() {
            return None;
        }
        response.json::<Value>().ok()?.get("value").cloned()
    }

    fn try_get(&self, path: &str) -> Option<Value> {
        let response = self.http.get(format!("{}{path}", self.base)).send().ok()?;
        if !response.status().is_success() {
            return None;
        }
        response.json::<Value>().ok()?.get("value").cloned()
    }

    fn try_find(&self, css: &str) -> Option<Element> {
        let found = self.try_post(
            &self.session_path("/element"),
            json!({ "using": "css selector", "value": css }),
        )?;
        found[ELEMENT_KEY]
            .as_str()
            .map(|id| Element { id: id.to_owned() })
    }

    /// Waits up to `timeout` for an element matching `css`.
    pub fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        poll(timeout, || self.try_find(css)).unwrap_or_else(|| {
            panic!(
                "no element {css:?} appeared within {timeout:?}; the page shows: {}",
                self.page_text()
            )
        })
    }

    /// Waits up to `timeout` until no element matches `css` (a signal
    /// that something finished, rather than a pause).
    pub fn wait_until_gone(&self, css: &str, timeout: Duration) {
        if poll(timeout, || self.try_find(css).is_none().then_some(())).is_none() {
            panic!("{css:?} was still there after {timeout:?}");
        }
    }

    /// Finds an element now (waiting briefly for rendering).
    pub fn find(&self, css: &str) -> Element {
        self.wait_for(css, Duration::from_secs(10))
    }

    /// The natural width of the image `css` once it has loaded (waiting up
    /// to `timeout`); -1 when it never did.
    pub fn loaded_image_width(&self, css: &str, timeout: Duration) -> i64 {
        let script = "const img = document.querySelector(arguments[0]); \
                      return img && img.complete ? img.naturalWidth : -1;";
        let mut last = -1;
        poll(timeout, || {
            last = self.execute(script, json!([css])).as_i64().unwrap_or(-1);
            (last > 0).then_some(last)
        })
        .unwrap_or(last)
    }

    /// True when an element matching `css` is on the page now.
    pub fn exists(&self, css: &str) -> bool {
        self.try_find(css).is_some()
    }

    /// Waits until the element's text satisfies `check`; answers the text.
    /// The element is found afresh each time, as the UI re-renders.
    pub fn wait_for_text(
        &self,
        css: &str,
        timeout: Duration,
        check: impl Fn(&str) -> bool,
    ) -> String {
        let mut last = None;
        let matched = poll(timeout, || {
            let text = self.try_find(css).and_then(|element| {
                self.try_get(&self.session_path(&format!("/element/{}/text", element.id)))
                    .and_then(|value| value.as_str().map(str::to_owned))
            });
            let matched = text.clone().filter(|text| check(text));
            last = text.or(last.take());
            matched
        });
        matched.unwrap_or_else(|| match last {
            Some(text) => panic!(
                "{css:?} has text {text:?}, which never matched within {timeout:?}; the page shows: {}",
                self.page_text()
            ),
            None => panic!(
                "no element {css:?} appeared within {timeout:?}; the page shows: {}",
                self.page_text()
            ),
        })
    }

    /// Waits until the words of the status region `css` satisfy `check`;
    /// answers them. Reads the text a screen reader is given (its
    /// `textContent`), which a visually hidden region does not show.
    pub fn wait_for_spoken(
        &self,
        css: &str,
        timeout: Duration,
        check: impl Fn(&str) -> bool,
    ) -> String {
        let script = "return document.querySelector(arguments[0])?.textContent ?? null;";
        let mut last = None;
        poll(timeout, || {
            last = self
                .execute(script, json!([css]))
                .as_str()
                .map(str::to_owned);
            last.clone().filter(|text| check(text))
        })
        .unwrap_or_else(|| {
            panic!(
                "{css:?} says {last:?}, which never matched within {timeout:?}; the page shows: {}",
                self.page_text()
            )
        })
    }

    /// Waits until the texts of every element matching `css` (found afresh
    /// each time) satisfy `check`; answers them.
    pub fn wait_for_texts(
        &self,
        css: &str,
        timeout: Duration,
        check: impl Fn(&[String]) -> bool,
    ) -> Vec<String> {
        let mut last = Vec::new();
        poll(timeout, || {
            last = self.texts_of_all(css);
            check(&last).then(|| last.clone())
        })
        .unwrap_or_else(|| {
            panic!(
                "the texts of {css:?} were {last:?}, which never matched within {timeout:?}; the page shows: {}",
                self.page_text()
            )
        })
    }

    /// The `id` of the element that has keyboard focus.
    pub fn focused_id(&self) -> String {
        let active = self.get(&self.session_path("/element/active"));
        let id = active[ELEMENT_KEY].as_str().unwrap_or_default().to_owned();
        self.get(&self.session_path(&format!("/element/{id}/attribute/id")))
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Presses keys on the focused element (WebDriver key codes, such as
    /// `\u{E004}` for Tab and `\u{E007}` for Enter).
    /// A redraw can replace the focused element between finding it and
    /// sending the keys (a person's keys go to whatever has focus then):
    /// the focused element is found again.
    pub fn press(&self, keys: &str) {
        for _ in 0..5 {
            let active = self.get(&self.session_path("/element/active"));
            let id = active[ELEMENT_KEY].as_str().unwrap_or_default().to_owned();
            let path = self.session_path(&format!("/element/{id}/value"));
            if self.try_post(&path, json!({ "text": keys })).is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let active = self.get(&self.session_path("/element/active"));
        let id = active[ELEMENT_KEY].as_str().unwrap_or_default().to_owned();
        self.post(
            &self.session_path(&format!("/element/{id}/value")),
            json!({ "text": keys }),
        );
    }

    /// Finds the element matching `css` and clicks it, finding it again if
    /// the page re-rendered between the two (a person's click lands on
    /// whatever is under the pointer; WebDriver's needs the same node).
    pub fn click_on(&self, css: &str) {
        for _ in 0..5 {
            let element = self.find(css);
            let path = self.session_path(&format!("/element/{}/click", element.id));
            let response = self
                .http
                .post(format!("{}{path}", self.base))
                .json(&json!({}))
                .send()
                .unwrap_or_else(|error| panic!("WebDriver POST {path}: {error}"));
            if response.status().is_success() {
                return;
            }
            let body: Value = response.json().unwrap_or(Value::Null);
            match body["value"]["error"].as_str() {
                Some("stale element reference") => {}
                // WebKitWebDriver does not always scroll an element below
                // the fold into view before clicking, and may scroll it
                // just under the sticky top bar; a person would scroll to
                // it first.
                Some("element not interactable" | "element click intercepted") => {
                    self.scroll_into_view(&element)
                }
                _ => panic!("WebDriver {path} answered: {body}"),
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{css:?} kept being replaced, or could not be reached, while it was clicked");
    }

    /// What the page shows as text (the start of it), and the last script
    /// error, for a failure message.
    fn page_text(&self) -> String {
        let response = self
            .http
            .post(format!("{}{}", self.base, self.session_path("/execute/sync")))
            .json(&json!({
                "script": "return `${(document.body.innerText ?? '').replace(/\\s+/g, ' ').slice(0, 800)} [last script error: ${window.__lastError ?? 'none'}]`;",
                "args": [],
            }))
            .send();
        match response.and_then(|response| response.json::<Value>()) {
            Ok(body) => body["value"].as_str().unwrap_or_default().to_owned(),
            Err(error) => format!("(the page could not be read: {error})"),
        }
    }

    /// Scrolls the page so that the element (an option: its list) is in the
    /// middle of the window.
    fn scroll_into_view(&self, element: &Element) {
        let response = self
            .http
            .post(format!(
                "{}{}",
                self.base,
                self.session_path("/execute/sync")
            ))
            .json(&json!({
                "script": "(arguments[0].closest('select') ?? arguments[0]).scrollIntoView({ block: 'center' });",
                "args": [{ ELEMENT_KEY: element.id }],
            }))
            .send();
        // A node replaced meanwhile is found again by the caller.
        drop(response);
    }

    /// Runs `script` in the page (as a function body, with `arguments`)
    /// and answers what it returns.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.post(
            &self.session_path("/execute/sync"),
            json!({ "script": script, "args": args }),
        )
    }

    /// Types text into an element.
    pub fn type_text(&self, element: &Element, text: &str) {
        self.post(
            &self.session_path(&format!("/element/{}/value", element.id)),
            json!({ "text": text }),
        );
    }

    /// Empties an input the way a person would, so the page sees input events.
    pub fn clear(&self, element: &Element) {
        self.post(
            &self.session_path(&format!("/element/{}/clear", element.id)),
            json!({}),
        );
    }

    /// Replaces an input's text, starting over on the field as it is now
    /// when the page re-rendered it meanwhile (its text is kept in the
    /// page's state, as a person's typing is); then checks the text is in.
    pub fn fill(&self, css: &str, text: &str) {
        for _ in 0..5 {
            let element = self.find(css);
            // Not under the sticky top bar, where typing cannot reach it.
            self.scroll_into_view(&element);
            let id = &element.id;
            let typed = self
                .try_post(
                    &self.session_path(&format!("/element/{id}/clear")),
                    json!({}),
                )
                .and_then(|_| {
                    self.try_post(
                        &self.session_path(&format!("/element/{id}/value")),
                        json!({ "text": text }),
                    )
                });
            if typed.is_some() && self.value_of(css) == text {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{css:?} kept being replaced while it was filled in");
    }

    /// An element's visible text.
    pub fn text(&self, element: &Element) -> String {
        self.get(&self.session_path(&format!("/element/{}/text", element.id)))
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The visible text of the element matching `css`, read again when the
    /// page replaces it between finding and reading.
    pub fn text_of(&self, css: &str) -> String {
        value_text(self.read_of(css, "text"))
    }

    /// An input's current value, read again when the page replaces it
    /// between finding and reading.
    pub fn value_of(&self, css: &str) -> String {
        value_text(self.read_of(css, "property/value"))
    }

    /// `/element/ID/{what}` of the element matching `css`, found and read
    /// again while the page replaces the element in between.
    fn read_of(&self, css: &str, what: &str) -> Value {
        for _ in 0..20 {
            let element = self.find(css);
            let path = self.session_path(&format!("/element/{}/{what}", element.id));
            if let Some(value) = self.try_get(&path) {
                return value;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{css:?} kept being replaced while its {what} was read");
    }

    /// The visible text of every element matching `css`, in page order,
    /// read again when the page re-renders in between.
    pub fn texts_of_all(&self, css: &str) -> Vec<String> {
        for _ in 0..20 {
            // Finding the elements itself fails with "stale element" when
            // the page replaces them half-way; that is read again too.
            let found = self.try_post(
                &self.session_path("/elements"),
                json!({ "using": "css selector", "value": css }),
            );
            let texts: Option<Vec<String>> =
                found
                    .as_ref()
                    .and_then(Value::as_array)
                    .and_then(|elements| {
                        elements
                            .iter()
                            .filter_map(|element| element[ELEMENT_KEY].as_str())
                            .map(|id| {
                                self.try_get(&self.session_path(&format!("/element/{id}/text")))
                                    .and_then(|value| value.as_str().map(str::to_owned))
                            })
                            .collect()
                    });
            if let Some(texts) = texts {
                return texts;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{css:?} kept being replaced while it was read");
    }

    /// An element's attribute, if it has it.
    /// Read again when the element is replaced between finding and reading.
    pub fn attribute(&self, css: &str, name: &str) -> Option<String> {
        for _ in 0..20 {
            let element = self.find(css);
            let path = self.session_path(&format!("/element/{}/attribute/{name}", element.id));
            if let Some(value) = self.try_get(&path) {
                return value.as_str().map(str::to_owned);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{css:?} kept being replaced while its {name:?} was read");
    }

    /// The role the webview's accessibility tree gives an element, which
    /// a screen reader is told (WebDriver's Get Computed Role).
    pub fn computed_role(&self, css: &str) -> String {
        value_text(self.read_of(css, "computedrole"))
    }

    /// The accessible name the webview's accessibility tree gives an
    /// element (WebDriver's Get Computed Label).
    pub fn computed_label(&self, css: &str) -> String {
        value_text(self.read_of(css, "computedlabel"))
    }

    /// Whether an element is enabled.
    pub fn is_enabled(&self, css: &str) -> bool {
        self.read_of(css, "enabled").as_bool().unwrap_or(false)
    }
}

/// A WebDriver answer as text ("" for none).
fn value_text(value: Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

impl Drop for WebDriver {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.save_failure_screenshot();
        }
        self.end();
    }
}

/// How often a wait looks at the page again.
const POLL_EVERY: Duration = Duration::from_millis(100);

/// Asks `probe` every [`POLL_EVERY`] until it answers, for up to
/// `timeout`; `None` when it never did. Every wait of the driver is one,
/// and a test's wait for something outside the page.
pub fn poll<T>(timeout: Duration, mut probe: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(found) = probe() {
            return Some(found);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(POLL_EVERY);
    }
}
