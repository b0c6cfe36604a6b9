//! A stand-in for the system browser in single sign-on tests: it loads the
//! portal's authorize page, fills in and posts its form the way a person
//! would (the hidden fields as the page gave them), answers the two-step
//! page when asked, and follows the redirect back to the app's loopback
//! port — the real HTTP path, no shortcut.

use reqwest::StatusCode;
use reqwest::header::LOCATION;

/// What the browser saw at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserVisit {
    /// The status of the last page (the app's loopback page, or the
    /// portal's page when it did not send the browser back).
    pub status: StatusCode,
    /// Its text.
    pub page: String,
    /// Whether the browser was sent back to the app.
    pub returned_to_app: bool,
}

/// What the person at the browser does on the sign-in page.
#[derive(Debug, Clone)]
pub enum BrowserAction<'a> {
    /// Signs in with this e-mail and password (and the code, when the page
    /// asks for one).
    SignIn {
        /// The e-mail address.
        email: &'a str,
        /// The password.
        password: &'a str,
        /// The two-step code, if the account has two-step sign-in.
        code: Option<String>,
    },
    /// Presses Cancel.
    Cancel,
}

/// Opens `authorize_url` and does `action` there.
pub async fn visit(authorize_url: &str, action: BrowserAction<'_>) -> BrowserVisit {
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client");
    let page = browser
        .get(authorize_url)
        .send()
        .await
        .expect("the authorize page");
    let base = page.url().clone();
    let mut status = page.status();
    let mut html = page.text().await.unwrap_or_default();
    for _ in 0..3 {
        if status != StatusCode::OK {
            break;
        }
        let mut form = hidden_fields(&html);
        match &action {
            BrowserAction::Cancel => form.push(("action".into(), "cancel".into())),
            BrowserAction::SignIn {
                email,
                password,
                code,
            } => {
                form.push(("action".into(), "sign_in".into()));
                if html.contains("name=\"mfa_challenge\"") {
                    form.push((
                        "code".into(),
                        code.clone().expect("the page asks for a code"),
                    ));
                } else {
                    form.push(("email".into(), (*email).to_owned()));
                    form.push(("password".into(), (*password).to_owned()));
                }
            }
        }
        let action_url = base.join(&form_action(&html)).expect("the form's address");
        let answer = browser
            .post(action_url)
            .form(&form)
            .send()
            .await
            .expect("the form is posted");
        if answer.status() == StatusCode::SEE_OTHER {
            let location = answer.headers()[LOCATION].to_str().unwrap().to_owned();
            let back = browser
                .get(&location)
                .send()
                .await
                .expect("the app's port answers");
            return BrowserVisit {
                status: back.status(),
                page: back.text().await.unwrap_or_default(),
                returned_to_app: true,
            };
        }
        status = answer.status();
        html = answer.text().await.unwrap_or_default();
    }
    BrowserVisit {
        status,
        page: html,
        returned_to_app: false,
    }
}

/// The hidden fields of the page's form, unescaped.
fn hidden_fields(html: &str) -> Vec<(String, String)> {
    html.split("<input type=\"hidden\" ")
        .skip(1)
        .filter_map(|rest| {
            let name = attribute(rest, "name")?;
            let value = attribute(rest, "value")?;
            Some((name, value))
        })
        .collect()
}

fn form_action(html: &str) -> String {
    html.split("<form ")
        .nth(1)
        .and_then(|rest| attribute(rest, "action"))
        .unwrap_or_else(|| "/".into())
}

/// The value of `name="…"` at the start of a tag's attributes.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let tag = &tag[..tag.find('>')?];
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = start + tag[start..].find('"')?;
    Some(
        tag[start..end]
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}
