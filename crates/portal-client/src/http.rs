//! The HTTP client: rustls, connect and per-read timeouts, redirects only
//! within the portal's origin (so `Authorization` never leaves it), one
//! retry path that honours `Retry-After`, and the mapping of every kind of
//! answer onto [`Error`].

use std::sync::Arc;
use std::time::Duration;

use portal_api::Secret;
use portal_api::problem::{Problem, codes};
use portal_i18n::text;
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::portal_url::PortalUrl;
use crate::transport::{self, SystemResolver};

/// Time allowed to open a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Time allowed between two reads of a response (not a whole-body deadline).
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest `Retry-After` the client waits out by itself.
pub const MAX_AUTOMATIC_WAIT: Duration = Duration::from_secs(10);
/// Retries after the first attempt.
pub const MAX_RETRIES: u32 = 2;
/// Largest JSON answer read, in bytes.
pub const MAX_JSON_ANSWER: usize = 4 * 1024 * 1024;

/// One API request.
#[derive(Debug)]
pub struct ApiRequest<'a> {
    /// HTTP method.
    pub method: Method,
    /// API path such as `/api/v1/me`.
    pub path: &'a str,
    /// The body, if any.
    pub body: Option<RequestBody>,
    /// Access token for `Authorization: Bearer`.
    pub bearer: Option<&'a Secret>,
    /// Extra headers such as `If-Match`.
    pub headers: HeaderMap,
    /// Whether [`PortalHttp::send`] may wait out a short `Retry-After` and
    /// retry after a network failure. Off where the caller has its own
    /// retry policy (the download engine), so retries never nest.
    pub retries: bool,
}

/// What a request carries. Its `Debug` names the kind and size only: a
/// JSON body may hold a password.
#[derive(Clone)]
pub enum RequestBody {
    /// A JSON document.
    Json(serde_json::Value),
    /// A file's bytes with their media type.
    Bytes {
        /// The bytes.
        bytes: Vec<u8>,
        /// Their `Content-Type`.
        media_type: &'static str,
    },
    /// A `multipart/form-data` form whose files stream from disk.
    Upload(crate::uploads::UploadForm),
}

impl std::fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestBody::Json(_) => f.write_str("Json(<not shown>)"),
            RequestBody::Bytes { bytes, media_type } => {
                write!(f, "Bytes({} bytes of {media_type})", bytes.len())
            }
            RequestBody::Upload(form) => write!(f, "Upload({} bytes)", form.total()),
        }
    }
}

impl<'a> ApiRequest<'a> {
    /// A request without body or headers.
    pub fn new(method: Method, path: &'a str) -> Self {
        Self {
            method,
            path,
            body: None,
            bearer: None,
            headers: HeaderMap::new(),
            retries: true,
        }
    }

    /// The same request, sent once: the caller retries by itself.
    pub fn without_retries(mut self) -> Self {
        self.retries = false;
        self
    }

    /// The path without its query, for logs.
    fn path_for_logs(&self) -> &str {
        self.path.split('?').next().unwrap_or_default()
    }

    /// Sets a JSON body.
    pub fn json(mut self, body: &impl serde::Serialize) -> Result<Self> {
        self.body = Some(RequestBody::Json(
            serde_json::to_value(body).map_err(Error::local_source)?,
        ));
        Ok(self)
    }

    /// Sets a binary body of the given media type.
    pub fn bytes(mut self, bytes: Vec<u8>, media_type: &'static str) -> Self {
        self.body = Some(RequestBody::Bytes { bytes, media_type });
        self
    }

    /// Sets a multipart body of text fields and files.
    pub fn upload(mut self, form: crate::uploads::UploadForm) -> Self {
        self.body = Some(RequestBody::Upload(form));
        self
    }

    /// Adds a header; values that are not valid header text are refused.
    pub fn header(mut self, name: header::HeaderName, value: &str) -> Result<Self> {
        let value = HeaderValue::from_str(value)
            .map_err(|_| Error::local(format!("{value:?} is not a valid {name} value")))?;
        self.headers.insert(name, value);
        Ok(self)
    }

    fn idempotent(&self) -> bool {
        matches!(self.method, Method::GET | Method::HEAD)
            || (self.method == Method::POST && crate::idempotency::current().is_some())
    }
}

/// How the client waits before a retry. The real one sleeps; a test can
/// pass one that records the waits asked for and returns at once, so no
/// test measures time.
pub type Pause =
    std::sync::Arc<dyn Fn(Duration) -> futures_util::future::BoxFuture<'static, ()> + Send + Sync>;

/// The pause that sleeps for as long as asked.
pub fn sleeping_pause() -> Pause {
    std::sync::Arc::new(|wait| Box::pin(tokio::time::sleep(wait)))
}

/// HTTP access to one portal.
#[derive(Clone)]
pub struct PortalHttp {
    client: reqwest::Client,
    portal: PortalUrl,
    pause: Pause,
}

impl std::fmt::Debug for PortalHttp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortalHttp")
            .field("portal", &self.portal)
            .finish_non_exhaustive()
    }
}

/// The `Accept-Language` of requests: the language Portal Desk shows, then
/// English, so that a portal that speaks it answers its messages in it.
pub fn accept_language(shown: portal_i18n::Language) -> String {
    match shown {
        portal_i18n::Language::English => "en".to_owned(),
        other => format!("{}, en;q=0.5", other.code()),
    }
}

impl PortalHttp {
    /// A client for `portal`.
    pub fn new(portal: PortalUrl) -> Result<Self> {
        let same_origin = portal.clone();
        let client = reqwest::Client::builder()
            .dns_resolver(Arc::new(SystemResolver))
            .connect_timeout(CONNECT_TIMEOUT)
            .read_timeout(READ_TIMEOUT)
            .user_agent(concat!("PortalDesk/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::custom(move |attempt| {
                if attempt.previous().len() >= 5 {
                    attempt.error("too many redirects")
                } else if same_origin.same_origin(attempt.url()) {
                    attempt.follow()
                } else {
                    attempt.stop()
                }
            }))
            .build()
            .map_err(|error| Error::local_because("cannot set up HTTPS", error))?;
        Ok(Self {
            client,
            portal,
            pause: sleeping_pause(),
        })
    }

    /// A client for the OAuth token endpoint: like this one, but following
    /// no redirect at all (the code and verifier go only where the portal
    /// said).
    pub(crate) fn token_client(&self) -> Result<reqwest::Client> {
        reqwest::Client::builder()
            .dns_resolver(Arc::new(SystemResolver))
            .connect_timeout(CONNECT_TIMEOUT)
            .read_timeout(READ_TIMEOUT)
            .user_agent(concat!("PortalDesk/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| Error::local_because("cannot set up HTTPS", error))
    }

    /// The same client, waiting before retries with `pause`.
    pub fn with_pause(mut self, pause: Pause) -> Self {
        self.pause = pause;
        self
    }

    /// Waits `wait` before a retry, as this client's [`Pause`] does (so a
    /// test records the waits of the download engine's retries too).
    pub(crate) fn pause(&self, wait: Duration) -> futures_util::future::BoxFuture<'static, ()> {
        (self.pause)(wait)
    }

    /// The portal this client talks to.
    pub fn portal(&self) -> &PortalUrl {
        &self.portal
    }

    /// Sends the request. Waits out short `Retry-After`s on 429 and 503, and
    /// retries GETs after transient network failures, with backoff.
    pub async fn send(&self, request: &ApiRequest<'_>) -> Result<Response> {
        let mut attempt = 0;
        loop {
            let outcome = self.build(request)?.send().await;
            let wait = match &outcome {
                Ok(response) if is_retryable_status(response.status()) => {
                    retry_after(response.headers()).filter(|wait| *wait <= MAX_AUTOMATIC_WAIT)
                }
                Err(error)
                    if request.idempotent() && (error.is_connect() || error.is_timeout()) =>
                {
                    Some(Duration::from_millis(300 * 2u64.pow(attempt)))
                }
                _ => None,
            };
            match (wait, request.retries && attempt < MAX_RETRIES) {
                (Some(wait), true) => {
                    attempt += 1;
                    tracing::debug!(
                        method = %request.method,
                        path = request.path_for_logs(),
                        wait_ms = wait.as_millis() as u64,
                        "retrying"
                    );
                    (self.pause)(wait).await;
                }
                _ => {
                    let response = outcome.map_err(|error| {
                        let error = self.transport_error(error);
                        tracing::warn!(
                            method = %request.method,
                            path = request.path_for_logs(),
                            code = error.code(),
                            "no answer: {error}"
                        );
                        error
                    })?;
                    tracing::debug!(
                        method = %request.method,
                        path = request.path_for_logs(),
                        status = response.status().as_u16(),
                        "answered"
                    );
                    return self.refuse_foreign_redirect(response);
                }
            }
        }
    }

    fn build(&self, request: &ApiRequest<'_>) -> Result<reqwest::RequestBuilder> {
        let mut builder = self
            .client
            .request(request.method.clone(), self.portal.endpoint(request.path))
            .header(header::ACCEPT, "application/json, application/problem+json")
            .header(
                header::ACCEPT_LANGUAGE,
                accept_language(portal_i18n::current()),
            )
            .headers(request.headers.clone());
        if request.method == Method::POST
            && let Some(key) = crate::idempotency::current()
        {
            builder = builder.header(crate::idempotency::HEADER, key);
        }
        if let Some(token) = request.bearer {
            builder = builder.bearer_auth(token.expose());
        }
        match &request.body {
            Some(RequestBody::Json(body)) => builder = builder.json(body),
            Some(RequestBody::Bytes { bytes, media_type }) => {
                builder = builder
                    .header(header::CONTENT_TYPE, *media_type)
                    .body(bytes.clone());
            }
            Some(RequestBody::Upload(form)) => builder = builder.multipart(form.to_multipart()?),
            None => {}
        }
        Ok(builder)
    }

    fn refuse_foreign_redirect(&self, response: Response) -> Result<Response> {
        if !response.status().is_redirection() || response.status() == StatusCode::NOT_MODIFIED {
            return Ok(response);
        }
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .map_or_else(|| text("http-another-address", &[]), str::to_owned);
        Err(self.not_a_portal_because(text(
            "http-redirects-away",
            &[("location", location.into())],
        )))
    }

    /// The portal could not be reached, or stopped answering: `error`
    /// stays the source, and the reason is told from its chain's types.
    pub(crate) fn transport_error(&self, error: reqwest::Error) -> Error {
        let origin = self.portal.origin();
        if error.is_timeout() {
            return Error::Timeout { origin };
        }
        Error::Unreachable {
            origin,
            reason: transport::failure_reason(&error),
            source: Some(Box::new(error)),
        }
    }

    /// Reads a successful JSON answer, or maps an error answer.
    pub async fn read_json<T: DeserializeOwned>(&self, response: Response) -> Result<T> {
        Ok(self.read_json_sized(response).await?.0)
    }

    /// Like [`PortalHttp::read_json`], answering the body's size too.
    pub async fn read_json_sized<T: DeserializeOwned>(
        &self,
        response: Response,
    ) -> Result<(T, usize)> {
        if !response.status().is_success() {
            return Err(self.error_from(response).await);
        }
        let content_type = content_type(&response);
        let bytes = self.read_body(response).await?;
        if !content_type.contains("json") {
            return Err(self.not_a_portal(&content_type));
        }
        let value = serde_json::from_slice(&bytes).map_err(|_| self.not_a_portal(&content_type))?;
        Ok((value, bytes.len()))
    }

    /// Maps an error answer onto [`Error`].
    pub async fn error_from(&self, response: Response) -> Error {
        self.error_and_problem(response).await.0
    }

    /// Logs an error answer: its status and code (never a body).
    fn log_refusal(status: StatusCode, error: &Error) {
        tracing::info!(
            status = status.as_u16(),
            code = error.code(),
            "the portal refused: {error}"
        );
    }

    /// Maps an error answer onto [`Error`], answering the problem document
    /// too when there was one.
    pub async fn error_and_problem(&self, response: Response) -> (Error, Option<Problem>) {
        let status = response.status();
        let (error, problem) = self.map_error_answer(response).await;
        Self::log_refusal(status, &error);
        (error, problem)
    }

    async fn map_error_answer(&self, response: Response) -> (Error, Option<Problem>) {
        let status = response.status();
        let etag = etag_of(&response);
        let header_wait = retry_after(response.headers());
        let content_type = content_type(&response);
        let problem: Option<Problem> = match self.read_body(response).await {
            Ok(bytes) if content_type.contains("json") => serde_json::from_slice(&bytes).ok(),
            Ok(_) => None,
            Err(error) => return (error, None),
        };
        let Some(problem) = problem else {
            let error = if status == StatusCode::NOT_FOUND || status.is_success() {
                self.not_a_portal(&content_type)
            } else if status.is_server_error() {
                Error::Portal {
                    status: status.as_u16(),
                    code: "http_error".into(),
                    message: text(
                        "http-portal-failed",
                        &[("status", status.to_string().into())],
                    ),
                }
            } else {
                Error::Portal {
                    status: status.as_u16(),
                    code: "http_error".into(),
                    message: text(
                        "http-portal-refused",
                        &[("status", status.to_string().into())],
                    ),
                }
            };
            return (error, None);
        };
        let detail = problem.detail.clone();
        let error = match (status, problem.code.as_str()) {
            (_, codes::VALIDATION_FAILED) => Error::Validation {
                message: detail,
                fields: problem.errors.clone(),
            },
            (_, codes::INVALID_CREDENTIALS) => Error::InvalidCredentials(detail),
            (_, codes::MFA_REQUIRED) => Error::Portal {
                status: status.as_u16(),
                code: problem.code.clone(),
                message: detail,
            },
            (_, codes::CHANGE_PENDING) => Error::ChangePending {
                message: detail,
                ticket_id: problem.ticket_id,
            },
            (StatusCode::TOO_MANY_REQUESTS, _) | (_, codes::RATE_LIMITED) => Error::RateLimited {
                message: detail,
                retry_after: header_wait
                    .map(|wait| wait.as_secs())
                    .or(problem.retry_after)
                    .unwrap_or(60),
            },
            (_, codes::SESSION_EXPIRED | codes::SIGN_IN_NOT_ALLOWED)
            | (StatusCode::UNAUTHORIZED, _) => Error::SessionEnded(detail),
            (StatusCode::PRECONDITION_FAILED, _) => Error::Conflict {
                message: detail,
                current_etag: etag,
            },
            _ => Error::Portal {
                status: status.as_u16(),
                code: problem.code.clone(),
                message: detail,
            },
        };
        (error, Some(problem))
    }

    async fn read_body(&self, response: Response) -> Result<Vec<u8>> {
        self.read_bytes(response, MAX_JSON_ANSWER).await
    }

    /// Reads a successful answer's bytes, at most `limit` of them.
    pub async fn read_bytes(&self, mut response: Response, limit: usize) -> Result<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > limit {
                        return Err(self.not_a_portal_because(text("http-answer-too-large", &[])));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(error) => return Err(self.transport_error(error)),
            }
        }
    }

    fn not_a_portal(&self, content_type: &str) -> Error {
        let what = if content_type.is_empty() {
            text("http-no-json", &[])
        } else if content_type.contains("html") {
            text("http-web-page", &[])
        } else if content_type.contains("json") {
            text("http-other-json", &[])
        } else {
            text("http-other-type", &[("type", content_type.into())])
        };
        self.not_a_portal_because(what)
    }

    /// This portal answered, but not as a portal does: `what` says how.
    fn not_a_portal_because(&self, what: String) -> Error {
        Error::NotAPortal {
            origin: self.portal.origin(),
            what,
        }
    }
}

/// The `ETag` an answer carries, if any.
pub(crate) fn etag_of(response: &Response) -> Option<String> {
    response
        .headers()
        .get(header::ETAG)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

fn is_retryable_status(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE
}

fn content_type(response: &Response) -> String {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Parses `Retry-After`: delay seconds or an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    retry_after_at(headers, std::time::SystemTime::now())
}

/// [`retry_after`] as of `now` (an HTTP date, in any of the three forms
/// RFC 9110 allows, counts from it; a date already past means now).
fn retry_after_at(headers: &HeaderMap, now: std::time::SystemTime) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_ask_for_the_language_shown_then_english() {
        assert_eq!(accept_language(portal_i18n::Language::English), "en");
        assert_eq!(
            accept_language(portal_i18n::Language::German),
            "de, en;q=0.5"
        );
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        headers.insert(
            header::RETRY_AFTER,
            HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"),
        );
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
        let now = std::time::SystemTime::from(time::macros::datetime!(2031-01-15 09:00 UTC));
        // RFC 9110's preferred form, the obsolete RFC 850 form and asctime.
        for date in [
            "Wed, 15 Jan 2031 09:02:00 GMT",
            "Wednesday, 15-Jan-31 09:02:00 GMT",
            "Wed Jan 15 09:02:00 2031",
        ] {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_str(date).unwrap());
            assert_eq!(
                retry_after_at(&headers, now),
                Some(Duration::from_secs(120)),
                "{date}"
            );
        }
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
    }
}
