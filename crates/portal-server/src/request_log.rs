//! A record of the requests a portal received, for tests that check a
//! client against the API document: method, path, query, headers, and the
//! body of JSON and form requests (files and uploads are not kept). Off
//! unless [`crate::ServerConfig::request_log`] is set.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// One request as the portal received it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct LoggedRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path, percent-encoded as sent.
    pub path: String,
    /// The query string, if any.
    pub query: Option<String>,
    /// Every header, lower-case names; the value of `Authorization` is
    /// replaced by its scheme.
    pub headers: Vec<(String, String)>,
    /// The body of a JSON or form request (text; other bodies are not
    /// kept).
    pub body: Option<String>,
}

impl LoggedRequest {
    /// The value of header `name` (lower case), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The requests a portal received, in order: kept in memory, or for a
/// portal in its own process written to a file as JSON lines instead; cheap
/// to clone and share.
#[derive(Debug, Clone, Default)]
pub struct RequestLog {
    requests: Arc<Mutex<Vec<LoggedRequest>>>,
    file: Option<Arc<Mutex<std::fs::File>>>,
}

impl RequestLog {
    /// A log that appends each request to `path` (created anew) instead of
    /// keeping it in memory.
    pub fn to_file(path: &std::path::Path) -> std::io::Result<Self> {
        Ok(Self {
            requests: Arc::default(),
            file: Some(Arc::new(Mutex::new(std::fs::File::create(path)?))),
        })
    }

    /// The requests so far (of a log kept in memory).
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.requests
            .lock()
            .expect("the log is not poisoned")
            .clone()
    }

    /// The requests a log file holds.
    pub fn read_file(path: &std::path::Path) -> std::io::Result<Vec<LoggedRequest>> {
        std::fs::read_to_string(path)?
            .lines()
            .map(|line| serde_json::from_str(line).map_err(std::io::Error::other))
            .collect()
    }

    fn push(&self, request: LoggedRequest) {
        match &self.file {
            Some(file) => {
                use std::io::Write;
                let line = serde_json::to_string(&request).unwrap_or_default();
                let mut file = file.lock().expect("the log file is not poisoned");
                // A test reads the file after the portal stopped; a lost
                // line would only weaken the check, never stop the portal.
                let _ = writeln!(file, "{line}");
            }
            None => self
                .requests
                .lock()
                .expect("the log is not poisoned")
                .push(request),
        }
    }
}

/// Middleware that adds every request to the log and passes it on whole.
pub async fn record(State(log): State<RequestLog>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let keeps_body = content_type.contains("json")
        || content_type.starts_with("application/x-www-form-urlencoded");
    let (body, kept) = if keeps_body {
        match axum::body::to_bytes(body, crate::MAX_JSON_BODY).await {
            Ok(bytes) => (
                Body::from(bytes.clone()),
                Some(String::from_utf8_lossy(&bytes).into_owned()),
            ),
            // Over the limit: answered as the handler's extractor would.
            Err(_) => {
                return crate::error::ApiError::new(
                    axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                    portal_api::problem::codes::PAYLOAD_TOO_LARGE,
                    "The body is larger than the portal accepts.",
                )
                .into_response();
            }
        }
    } else {
        (body, None)
    };
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            let value = if name == header::AUTHORIZATION {
                value.split(' ').next().unwrap_or_default().to_owned()
            } else {
                value
            };
            (name.as_str().to_owned(), value)
        })
        .collect();
    log.push(LoggedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers,
        body: kept,
    });
    next.run(Request::from_parts(parts, body)).await
}
