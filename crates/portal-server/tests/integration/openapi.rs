//! The checked-in OpenAPI document and its examples match what the code
//! generates and what the demo portal really answers. Regenerate both with
//! `UPDATE_OPENAPI=1 cargo test -p portal-server --test integration openapi::`.
//!
//! The examples are one real exchange per operation, recorded in the order
//! a user's afternoon would make them, against a demo portal whose clock
//! stands still, so that the same requests get the same answers on every
//! run. Random values (tokens, secrets, recovery codes) are replaced by
//! stable stand-ins of the same shape.

use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, ETAG, HeaderMap};
use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use test_support::portal_api;
use test_support::{TEST_CLOCK_START, TestPortal};

const PASSWORD: &str = "demo-password";
/// The alphabets of the portal's random values.
const BASE64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE32: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const LOWER_ALPHANUMERIC: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
const DIGITS: &str = "0123456789";

/// What a request sends as its body.
enum Body {
    None,
    Json(Value),
    Form(Vec<(&'static str, String)>),
    Multipart(Vec<(&'static str, String)>),
    Image(Vec<u8>),
}

/// One request: the operation it is, its path with `{name}`s, the values
/// of those, the query, the headers and the body.
struct Request<'a> {
    operation: &'static str,
    method: Method,
    path: &'static str,
    path_values: Vec<(&'static str, Value)>,
    query: Vec<(&'static str, &'a str)>,
    headers: Vec<(&'static str, String)>,
    body: Body,
    token: Option<&'a str>,
}

impl<'a> Request<'a> {
    fn new(operation: &'static str, method: Method, path: &'static str) -> Self {
        Self {
            operation,
            method,
            path,
            path_values: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::None,
            token: None,
        }
    }

    fn by(mut self, token: &'a str) -> Self {
        self.token = Some(token);
        self
    }

    fn at(mut self, name: &'static str, value: impl Into<Value>) -> Self {
        self.path_values.push((name, value.into()));
        self
    }

    fn query(mut self, name: &'static str, value: &'a str) -> Self {
        self.query.push((name, value));
        self
    }

    fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }

    fn body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }
}

/// An answer: status, headers and the body (JSON, text, or nothing for a
/// file).
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Answer {
    fn etag(&self) -> String {
        self.headers[ETAG].to_str().unwrap().to_owned()
    }
}

/// Sends the requests and keeps the first exchange of each operation.
struct Recorder {
    url: String,
    client: reqwest::Client,
    examples: Map<String, Value>,
    stand_ins: Vec<(String, String)>,
}

impl Recorder {
    async fn send(&mut self, request: Request<'_>) -> Answer {
        let mut path = request.path.to_owned();
        let mut parameters = Map::new();
        for (name, value) in &request.path_values {
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            path = path.replace(&format!("{{{name}}}"), &text);
            parameters.insert((*name).to_owned(), value.clone());
        }
        let mut builder = self
            .client
            .request(request.method.clone(), format!("{}{path}", self.url))
            .query(&request.query);
        for (name, value) in &request.query {
            let value = value
                .parse::<i64>()
                .map_or_else(|_| json!(value), |number| json!(number));
            parameters.insert((*name).to_owned(), value);
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
            parameters.insert((*name).to_owned(), json!(value));
        }
        if let Some(token) = request.token {
            builder = builder.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        let recorded_request = match request.body {
            Body::None => Value::Null,
            Body::Json(value) => {
                builder = builder.json(&value);
                json!({"media_type": "application/json", "value": value})
            }
            Body::Form(fields) => {
                let value: Map<String, Value> = fields
                    .iter()
                    .map(|(name, value)| ((*name).to_owned(), json!(value)))
                    .collect();
                builder = builder.form(&fields);
                json!({"media_type": "application/x-www-form-urlencoded", "value": value})
            }
            Body::Multipart(fields) => {
                let mut form = reqwest::multipart::Form::new();
                let mut value = Map::new();
                for (name, text) in fields {
                    form = form.text(name, text.clone());
                    value.insert(name.to_owned(), json!(text));
                }
                builder = builder.multipart(form);
                json!({"media_type": "multipart/form-data", "value": value})
            }
            Body::Image(bytes) => {
                builder = builder.header(CONTENT_TYPE, "image/png").body(bytes);
                Value::Null
            }
        };
        let response = builder.send().await.expect("the portal answers");
        let status = response.status();
        let headers = response.headers().clone();
        let media_type = headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(|value| {
                value
                    .split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            });
        let bytes = response.bytes().await.unwrap();
        let body = match media_type.as_deref() {
            Some(json) if json.ends_with("json") => serde_json::from_slice(&bytes).unwrap(),
            Some("text/html") => json!(String::from_utf8_lossy(&bytes)),
            _ => Value::Null,
        };
        assert!(
            status.is_success() || status.is_redirection(),
            "{} answered {status}: {body}",
            request.operation
        );
        let documented_media_type = match media_type.as_deref() {
            Some(json) if json.ends_with("json") || json == "text/html" => json!(json),
            _ => Value::Null,
        };
        self.examples
            .entry(request.operation.to_owned())
            .or_insert_with(|| {
                json!({
                    "parameters": parameters,
                    "request": recorded_request,
                    "response": {
                        "status": status.as_u16().to_string(),
                        "media_type": documented_media_type,
                        "value": body.clone(),
                    }
                })
            });
        Answer {
            status,
            headers,
            body,
        }
    }

    /// Registers a random value of the portal's, drawn from `alphabet`;
    /// the examples show a stable stand-in of the same length from the
    /// same alphabet instead (characters outside it, like a separator,
    /// are kept).
    fn random(&mut self, value: &str, label: &str, alphabet: &str) {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut stream = Vec::new();
        let mut round = 0u32;
        while stream.len() < value.len() {
            stream.extend(Sha256::digest(format!("{label} {round}").as_bytes()));
            round += 1;
        }
        let stand_in: String = value
            .chars()
            .zip(stream)
            .map(|(c, byte)| {
                if alphabet.contains(&c) {
                    alphabet[usize::from(byte) % alphabet.len()]
                } else {
                    c
                }
            })
            .collect();
        if alphabet.iter().all(char::is_ascii_digit) {
            // A short number could also be part of a digest or a date:
            // only whole JSON strings are replaced.
            self.stand_ins
                .push((format!("\"{value}\""), format!("\"{stand_in}\"")));
        } else {
            self.stand_ins.push((value.to_owned(), stand_in));
        }
    }

    /// The examples with every random value replaced.
    fn examples(&self) -> Value {
        let mut text = serde_json::to_string(&self.examples).unwrap();
        for (value, stand_in) in &self.stand_ins {
            text = text.replace(value, stand_in);
        }
        serde_json::from_str(&text).unwrap()
    }
}

/// A 256-pixel square PNG, as the app uploads.
fn photo() -> Vec<u8> {
    let image = image::RgbImage::from_fn(256, 256, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 160])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("a PNG");
    bytes.into_inner()
}

/// The token of the link in the latest mail to `to` about `subject`.
fn link_token(portal: &TestPortal, to: &str, subject: &str) -> String {
    let link = portal_api::link_in_latest_mail(portal.db_path(), to, subject);
    link.split("token=").nth(1).unwrap().to_owned()
}

/// The six digits of the authenticator app for `secret` now.
fn code(portal: &TestPortal, secret: &str) -> String {
    let secret = totp::base32_decode(secret).unwrap();
    totp::code_at(&secret, portal.clock().unix() as u64)
}

#[allow(clippy::too_many_lines)]
async fn record_examples() -> Value {
    let releases = published_release();
    let portal = TestPortal::builder(portal_server::seed::DEMO_FIXTURES)
        .stopped_clock()
        .desktop_releases(releases.path())
        .sso(portal_server::oauth::DEMO_SSO_NAME)
        .start();
    assert_eq!(portal.clock().now(), TEST_CLOCK_START);
    let mut r = Recorder {
        url: portal.url().to_owned(),
        // A redirect is an answer to record (single sign-on's way back to
        // the app), not one to follow.
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        examples: Map::new(),
        stand_ins: Vec::new(),
    };
    use Method as M;

    // Signing in, and the session.
    let signed_in = r
        .send(
            Request::new("login", M::POST, "/api/v1/auth/login").body(Body::Json(
                json!({"email": "dana@example.com", "password": PASSWORD}),
            )),
        )
        .await;
    let first_refresh = signed_in.body["refresh_token"].as_str().unwrap().to_owned();
    r.random(
        signed_in.body["access_token"].as_str().unwrap(),
        "access 1",
        BASE64URL,
    );
    r.random(&first_refresh, "refresh 1", BASE64URL);
    let renewed = r
        .send(
            Request::new("refresh", M::POST, "/api/v1/auth/refresh")
                .body(Body::Json(json!({"refresh_token": first_refresh}))),
        )
        .await;
    let dana = renewed.body["access_token"].as_str().unwrap().to_owned();
    let dana_refresh = renewed.body["refresh_token"].as_str().unwrap().to_owned();
    r.random(&dana, "access 2", BASE64URL);
    r.random(&dana_refresh, "refresh 2", BASE64URL);
    let dana = dana.as_str();

    // My Profile and settings.
    let me = r
        .send(Request::new("get_me", M::GET, "/api/v1/me").by(dana))
        .await;
    r.send(
        Request::new("patch_me", M::PATCH, "/api/v1/me")
            .by(dana)
            .header("If-Match", &me.etag())
            .body(Body::Json(
                json!({"job_title": "Head of Operations", "mobile_phone": "+44 7700 900123"}),
            )),
    )
    .await;
    r.send(
        Request::new("put_photo", M::PUT, "/api/v1/me/photo")
            .by(dana)
            .body(Body::Image(photo())),
    )
    .await;
    r.send(Request::new("get_photo", M::GET, "/api/v1/me/photo").by(dana))
        .await;
    r.send(Request::new("delete_photo", M::DELETE, "/api/v1/me/photo").by(dana))
        .await;
    let settings = r
        .send(Request::new("get_settings", M::GET, "/api/v1/me/settings").by(dana))
        .await;
    r.send(
        Request::new("put_settings", M::PUT, "/api/v1/me/settings")
            .by(dana)
            .header("If-Match", &settings.etag())
            .body(Body::Json(json!({
                "attachment_name_format": "ticket_bracket_prefix",
                "email": {"promotions": false, "ticket_updates": true, "new_features": false,
                          "invoices_and_payments": true, "security_alerts": true},
                "digest": {"frequency": "weekly", "categories": ["tickets", "documents"]}
            }))),
    )
    .await;
    r.send(
        Request::new("get_roles", M::GET, "/api/v1/me/roles")
            .by(dana)
            .query("limit", "3"),
    )
    .await;

    // Quotes and invoices.
    // The knowledge base.
    r.send(Request::new("kb_categories", M::GET, "/api/v1/kb/categories").by(dana))
        .await;
    r.send(
        Request::new("kb_articles", M::GET, "/api/v1/kb/articles")
            .by(dana)
            .query("limit", "2"),
    )
    .await;
    r.send(
        Request::new("kb_article", M::GET, "/api/v1/kb/articles/{id}")
            .by(dana)
            .at("id", 11),
    )
    .await;
    r.send(
        Request::new("put_kb_vote", M::PUT, "/api/v1/kb/articles/{id}/vote")
            .by(dana)
            .at("id", 11)
            .body(Body::Json(json!({"helpful": true}))),
    )
    .await;
    r.send(
        Request::new("kb_image", M::GET, "/api/v1/kb/images/{id}")
            .by(dana)
            .at("id", 1),
    )
    .await;
    // The Partner Kit (Dana's Contoso Admin role grants it).
    r.send(
        Request::new("kit_files", M::GET, "/api/v1/partner-kit/files")
            .by(dana)
            .query("limit", "2"),
    )
    .await;
    r.send(
        Request::new(
            "kit_file_content",
            M::GET,
            "/api/v1/partner-kit/files/{id}/content",
        )
        .by(dana)
        .at("id", 6),
    )
    .await;
    r.send(
        Request::new("kb_search", M::GET, "/api/v1/kb/search")
            .by(dana)
            .query("q", "invoice pdf")
            .query("category", "2"),
    )
    .await;
    r.send(
        Request::new("kb_suggestions", M::GET, "/api/v1/kb/suggestions")
            .by(dana)
            .query("subject", "My invoice is marked overdue"),
    )
    .await;
    let mine = r
        .send(
            Request::new("my_documents", M::GET, "/api/v1/me/documents")
                .by(dana)
                .query("kind", "invoice")
                .query("limit", "2"),
        )
        .await;
    r.send(
        Request::new(
            "organization_documents",
            M::GET,
            "/api/v1/organizations/{id}/documents",
        )
        .by(dana)
        .at("id", 1)
        .query("kind", "quote")
        .query("status", "unpaid")
        .query("limit", "2"),
    )
    .await;
    r.send(
        Request::new("document_file", M::GET, "/api/v1/documents/{id}/file")
            .by(dana)
            .at("id", mine.body["items"][0]["id"].clone()),
    )
    .await;

    // Tickets.
    r.send(
        Request::new("list_tickets", M::GET, "/api/v1/tickets")
            .by(dana)
            .query("status", "open,awaiting_customer")
            .query("limit", "2"),
    )
    .await;
    let with_files = r
        .send(
            Request::new("get_ticket", M::GET, "/api/v1/tickets/{number}")
                .by(dana)
                .at("number", 1237),
        )
        .await;
    let attachment = with_files.body["comments"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|comment| comment["attachments"][0]["id"].as_i64())
        .expect("ticket 1237 has an attachment");
    r.send(
        Request::new(
            "attachment_file",
            M::GET,
            "/api/v1/tickets/{number}/attachments/{id}",
        )
        .by(dana)
        .at("number", 1237)
        .at("id", attachment),
    )
    .await;
    let raised = r
        .send(
            Request::new("create_ticket", M::POST, "/api/v1/tickets")
                .by(dana)
                .body(Body::Multipart(vec![
                    ("subject", "Invoice INV-2026-1044 lists the wrong PO number".into()),
                    (
                        "message",
                        "Our PO for this order is PO-77120, not PO-77012. Could you issue a corrected invoice?".into(),
                    ),
                    ("organization_id", "1".into()),
                ])),
        )
        .await;
    r.send(
        Request::new("add_comment", M::POST, "/api/v1/tickets/{number}/comments")
            .by(dana)
            .at("number", raised.body["number"].clone())
            .body(Body::Multipart(vec![(
                "message",
                "The purchase order is attached to the original e-mail from our buyer.".into(),
            )])),
    )
    .await;

    // Contacts: review (Northwind Traders) and direct (Contoso Partners).
    let northwind = r
        .send(
            Request::new(
                "get_contacts",
                M::GET,
                "/api/v1/organizations/{id}/contacts",
            )
            .by(dana)
            .at("id", 1),
        )
        .await;
    let waiting = northwind.body["pending"]["id"].clone();
    r.send(
        Request::new(
            "cancel_contact_changes",
            M::POST,
            "/api/v1/organizations/{id}/contact-changes/{request_id}/cancel",
        )
        .by(dana)
        .at("id", 1)
        .at("request_id", waiting),
    )
    .await;
    let northwind = r
        .send(
            Request::new(
                "get_contacts",
                M::GET,
                "/api/v1/organizations/{id}/contacts",
            )
            .by(dana)
            .at("id", 1),
        )
        .await;
    r.send(
        Request::new(
            "post_contact_changes",
            M::POST,
            "/api/v1/organizations/{id}/contact-changes",
        )
        .by(dana)
        .at("id", 1)
        .header("If-Match", &northwind.etag())
        .body(Body::Json(json!({"changes": [
            {"action": "grant_role", "contact": "lee@example.com", "role": "Accounts Payable"}
        ]}))),
    )
    .await;
    let contoso = r
        .send(
            Request::new(
                "get_contacts",
                M::GET,
                "/api/v1/organizations/{id}/contacts",
            )
            .by(dana)
            .at("id", 2),
        )
        .await;
    assert_eq!(contoso.status, StatusCode::OK);
    // Adding a user of another organization invites them.
    let added = r
        .client
        .post(format!("{}/api/v1/organizations/2/contact-changes", r.url))
        .header(AUTHORIZATION, format!("Bearer {dana}"))
        .header("If-Match", contoso.etag())
        .json(
            &json!({"changes": [{"action": "add_contact", "roles": ["User"], "details": {
            "email": "lee@example.com", "first_name": "Lee", "last_name": "Okafor"}}]}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::OK);
    r.send(
        Request::new(
            "reset_contact_password",
            M::POST,
            "/api/v1/organizations/{id}/contacts/password-reset",
        )
        .by(dana)
        .at("id", 2)
        .body(Body::Json(json!({"contact": "sofia@example.com"}))),
    )
    .await;
    r.send(
        Request::new(
            "get_customers",
            M::GET,
            "/api/v1/organizations/{id}/customers",
        )
        .by(dana)
        .at("id", 2),
    )
    .await;
    let invitation = link_token(&portal, "lee@example.com", "invites you");
    r.random(&invitation, "invitation", BASE64URL);
    r.send(Request::new("invitation_page", M::GET, "/invitations").query("token", &invitation))
        .await;
    r.send(
        Request::new("invitation_answer", M::POST, "/invitations").body(Body::Form(vec![
            ("token", invitation.clone()),
            ("answer", "accept".into()),
        ])),
    )
    .await;

    // A user-name change request, withdrawn.
    let requested = r
        .send(
            Request::new(
                "request_username_change",
                M::POST,
                "/api/v1/me/username-change",
            )
            .by(dana)
            .body(Body::Json(json!({
                "new_email": "dana.whitfield@example.com",
                "current_password": PASSWORD,
                "reason": "I married and changed my name."
            }))),
        )
        .await;
    r.send(
        Request::new("cancel_ticket", M::POST, "/api/v1/tickets/{number}/cancel")
            .by(dana)
            .at("number", requested.body["ticket_id"].clone()),
    )
    .await;

    // Two-step sign-in: on, used, off.
    r.send(Request::new("get_mfa", M::GET, "/api/v1/me/mfa").by(dana))
        .await;
    let setup = r
        .send(Request::new("setup_mfa", M::POST, "/api/v1/me/mfa/setup").by(dana))
        .await;
    let secret = setup.body["secret"].as_str().unwrap().to_owned();
    r.random(&secret, "two-step secret", BASE32);
    let first_code = code(&portal, &secret);
    r.random(&first_code, "code 1", DIGITS);
    let enabled = r
        .send(
            Request::new("enable_mfa", M::POST, "/api/v1/me/mfa/enable")
                .by(dana)
                .body(Body::Json(
                    json!({"current_password": PASSWORD, "code": first_code}),
                )),
        )
        .await;
    for (index, recovery) in enabled.body["recovery_codes"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        r.random(
            recovery.as_str().unwrap(),
            &format!("recovery {index}"),
            LOWER_ALPHANUMERIC,
        );
    }
    portal.clock().advance(time::Duration::seconds(30));
    let asked = portal_api::login(portal.url(), "dana@example.com", PASSWORD).await;
    let asked: Value = asked.json().await.unwrap();
    let challenge = asked["mfa_challenge"].as_str().unwrap().to_owned();
    r.random(&challenge, "challenge", BASE64URL);
    let second_code = code(&portal, &secret);
    r.random(&second_code, "code 2", DIGITS);
    let second = r
        .send(
            Request::new("mfa_sign_in", M::POST, "/api/v1/auth/mfa").body(Body::Json(
                json!({"challenge": challenge, "code": second_code}),
            )),
        )
        .await;
    r.random(
        second.body["access_token"].as_str().unwrap(),
        "access 3",
        BASE64URL,
    );
    r.random(
        second.body["refresh_token"].as_str().unwrap(),
        "refresh 3",
        BASE64URL,
    );
    portal.clock().advance(time::Duration::seconds(30));
    let third_code = code(&portal, &secret);
    r.random(&third_code, "code 3", DIGITS);
    r.send(
        Request::new("disable_mfa", M::POST, "/api/v1/me/mfa/disable")
            .by(dana)
            .body(Body::Json(
                json!({"current_password": PASSWORD, "code": third_code}),
            )),
    )
    .await;

    // Passwords: changed, forgotten and reset.
    r.send(
        Request::new("change_password", M::POST, "/api/v1/me/password")
            .by(dana)
            .body(Body::Json(json!({
                "current_password": PASSWORD,
                "new_password": "long walk by the harbour"
            }))),
    )
    .await;
    r.send(
        Request::new(
            "request_password_reset",
            M::POST,
            "/api/v1/auth/password-reset",
        )
        .body(Body::Json(json!({"email": "lee@example.com"}))),
    )
    .await;
    let reset = link_token(&portal, "lee@example.com", "new password");
    r.random(&reset, "reset", BASE64URL);
    r.send(Request::new("reset_page", M::GET, "/reset-password").query("token", &reset))
        .await;
    r.send(
        Request::new("reset_submit", M::POST, "/reset-password").body(Body::Form(vec![
            ("token", reset.clone()),
            ("password", "quiet morning in the dunes".into()),
            ("password_again", "quiet morning in the dunes".into()),
        ])),
    )
    .await;

    // A first password, and single sign-on through the portal's page.
    r.send(
        Request::new(
            "request_first_password",
            M::POST,
            "/api/v1/auth/first-password",
        )
        .body(Body::Json(json!({"email": "lee@example.com"}))),
    )
    .await;
    r.send(Request::new("auth_options", M::GET, "/api/v1/auth/options"))
        .await;
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let sso_request = [
        ("response_type", "code"),
        ("client_id", "portal-desk"),
        ("redirect_uri", "http://127.0.0.1:53682/callback"),
        ("state", "af0ifjsldkj"),
        (
            "code_challenge",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        ),
        ("code_challenge_method", "S256"),
    ];
    // RFC 7636, appendix B.
    assert_eq!(
        portal_server::oauth::s256_challenge(verifier),
        sso_request[4].1
    );
    let mut page = Request::new("authorize_page", M::GET, "/oauth/authorize");
    for (name, value) in sso_request {
        page = page.query(name, value);
    }
    r.send(page).await;
    let mut form: Vec<(&str, String)> = sso_request
        .iter()
        .map(|(name, value)| (*name, (*value).to_owned()))
        .collect();
    form.extend([
        ("action", "sign_in".to_owned()),
        ("email", "dana@example.com".to_owned()),
        // Changed above.
        ("password", "long walk by the harbour".to_owned()),
    ]);
    let back = r
        .send(Request::new("authorize_submit", M::POST, "/oauth/authorize").body(Body::Form(form)))
        .await;
    let location = back.headers[reqwest::header::LOCATION].to_str().unwrap();
    let code = url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .find(|(name, _)| name == "code")
        .map(|(_, value)| value.into_owned())
        .unwrap();
    r.random(&code, "sso code", BASE64URL);
    let tokens = r
        .send(
            Request::new("token", M::POST, "/api/v1/auth/oauth/token").body(Body::Form(vec![
                ("grant_type", "authorization_code".into()),
                ("code", code.clone()),
                ("redirect_uri", sso_request[2].1.into()),
                ("client_id", "portal-desk".into()),
                ("code_verifier", verifier.into()),
            ])),
        )
        .await;
    r.random(
        tokens.body["access_token"].as_str().unwrap(),
        "sso access",
        BASE64URL,
    );
    r.random(
        tokens.body["refresh_token"].as_str().unwrap(),
        "sso refresh",
        BASE64URL,
    );

    // The desktop app's update feed.
    r.stand_ins
        .push((portal.url().to_owned(), "https://portal.example.com".into()));
    r.send(
        Request::new(
            "desktop_update",
            M::GET,
            "/api/v1/desktop/updates/{platform}/{current_version}",
        )
        .at("platform", "linux-x86_64-deb")
        .at("current_version", "0.1.0"),
    )
    .await;
    r.send(
        Request::new(
            "desktop_package",
            M::GET,
            "/api/v1/desktop/releases/{version}/{platform}",
        )
        .at("version", "0.2.0")
        .at("platform", "linux-x86_64-deb"),
    )
    .await;

    // Signing out.
    r.send(
        Request::new("logout", M::POST, "/api/v1/auth/logout")
            .body(Body::Json(json!({"refresh_token": dana_refresh}))),
    )
    .await;
    r.examples()
}

/// A releases folder publishing Portal Desk 0.2.0 for Debian and Ubuntu.
fn published_release() -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    let release = json!({
        "version": "0.2.0",
        "notes": "Attachments open in the app. Faster downloads of large invoices.",
        "pub_date": "2026-12-01T09:00:00Z",
        "platforms": {"linux-x86_64-deb": {"file": "portal-desk_0.2.0_amd64.deb"}}
    });
    std::fs::write(folder.path().join("releases.json"), release.to_string()).unwrap();
    std::fs::write(
        folder.path().join("portal-desk_0.2.0_amd64.deb"),
        b"!<arch>\n",
    )
    .unwrap();
    // The shape of a `tauri signer sign` signature (base64 of minisign's
    // text), with made-up bytes.
    let signature = BASE64.encode(
        "untrusted comment: signature from tauri secret key\nRUQ=\ntrusted comment: timestamp:1795000000\tfile:portal-desk_0.2.0_amd64.deb\nZmFrZQ==\n",
    );
    std::fs::write(
        folder.path().join("portal-desk_0.2.0_amd64.deb.sig"),
        signature,
    )
    .unwrap();
    folder
}

fn api_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../api")
        .join(name)
}

fn pretty(value: &Value) -> String {
    format!("{}\n", serde_json::to_string_pretty(value).unwrap())
}

#[tokio::test]
async fn checked_in_document_and_examples_are_current() {
    let examples = record_examples().await;
    let document = portal_server::openapi_with_examples(&examples);
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(api_file("examples.json"), pretty(&examples)).unwrap();
        std::fs::write(api_file("openapi.json"), pretty(&document)).unwrap();
    }
    let regenerate = "regenerate with `UPDATE_OPENAPI=1 cargo test -p portal-server --test integration openapi::` \
                      and review the diff";
    assert!(
        std::fs::read_to_string(api_file("examples.json")).unwrap_or_default() == pretty(&examples),
        "api/examples.json differs from what the demo portal answers; {regenerate}"
    );
    assert!(
        std::fs::read_to_string(api_file("openapi.json")).unwrap_or_default() == pretty(&document),
        "api/openapi.json differs from the generated document; {regenerate}"
    );
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(document["components"]["schemas"]["Problem"].is_object());
    // Every operation has its example.
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap();
            assert!(
                examples[id].is_object(),
                "{method} {path} ({id}) has an example"
            );
        }
    }
}
