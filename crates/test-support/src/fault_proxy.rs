//! A small HTTP proxy in front of a test portal that breaks file downloads
//! on purpose: drops the connection part-way, ignores `Range`, damages a
//! byte, cuts the body short under a correct `Content-Length`, or answers
//! 503 with `Retry-After`. It records the `Range` of every file request, so
//! tests can check exactly how a client resumed.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::Response;
use futures_util::StreamExt;

/// What to do to one file request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Close the connection after this many bytes of the body.
    DropAfter(u64),
    /// Send this many bytes of the body, then end it, though
    /// `Content-Length` promised more.
    TruncateAfter(u64),
    /// Forward the request without `Range` and `If-Range`.
    IgnoreRange,
    /// Flip the bits of the body byte at this offset.
    CorruptByte(u64),
    /// Send the body at about this many bytes a second.
    Slow(u64),
    /// Answer 503 with `Retry-After: SECONDS`.
    Unavailable {
        /// The `Retry-After` value.
        retry_after_secs: u64,
    },
    /// Send the body without `Content-Length` (chunked), as it is.
    Chunked,
    /// Send the body without `Content-Length`, then keep sending filler
    /// (1 GiB at most, so the proxy stops by itself): a portal that never
    /// ends a file.
    Endless,
    /// Send one byte of the body every this many milliseconds (for ten
    /// minutes at most): a portal that drips.
    Drip(u64),
}

/// Most filler bytes an [`Fault::Endless`] answer sends.
const ENDLESS_LIMIT: u64 = 1024 * 1024 * 1024;
/// Longest a [`Fault::Drip`] answer lasts.
const DRIP_LIMIT: Duration = Duration::from_secs(600);

/// A file request the proxy saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenRequest {
    /// Path and query.
    pub path: String,
    /// The `Range` header, if any.
    pub range: Option<String>,
    /// The `If-Range` header, if any.
    pub if_range: Option<String>,
}

/// An API request (not a file) the proxy passed on, with the answer's
/// status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenApiRequest {
    /// Path and query.
    pub path: String,
    /// The `If-None-Match` header, if any.
    pub if_none_match: Option<String>,
    /// The portal's answer status.
    pub status: u16,
    /// Bytes of the answer's body as the portal sent it.
    pub body_bytes: usize,
    /// Bytes of the request and the answer as HTTP/1.1 sends them: the
    /// request and status lines, every header, and both bodies.
    pub wire_bytes: usize,
}

/// Runs before an API request is passed on, with its path and query.
pub type RequestHook = Arc<dyn Fn(&str) + Send + Sync>;

#[derive(Default)]
struct Shared {
    faults: VecDeque<Fault>,
    seen: Vec<SeenRequest>,
    /// Lists under this path never end: every page is empty and names a
    /// new next cursor.
    endless_list: Option<String>,
    pages_served: u64,
    api_requests: Vec<SeenApiRequest>,
    before_api_request: Option<RequestHook>,
}

struct ProxyState {
    upstream: String,
    client: reqwest::Client,
    shared: Mutex<Shared>,
    /// API requests whose path starts with this wait until it is `None`.
    held: tokio::sync::watch::Sender<Option<String>>,
}

/// The proxy, on its own thread, on a random loopback port.
pub struct FaultProxy {
    url: String,
    state: Arc<ProxyState>,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl FaultProxy {
    /// A proxy forwarding to `upstream` (`http://127.0.0.1:PORT`).
    pub fn start(upstream: &str) -> Self {
        Self::listening(upstream, "127.0.0.1:0".to_owned())
    }

    /// A proxy at `url` (one that was stopped: the portal is reachable
    /// again at the address a client knows) forwarding to `upstream`.
    pub fn start_at(url: &str, upstream: &str) -> Self {
        let address = url.trim_start_matches("http://").trim_end_matches('/');
        Self::listening(upstream, address.to_owned())
    }

    fn listening(upstream: &str, address: String) -> Self {
        let state = Arc::new(ProxyState {
            upstream: upstream.trim_end_matches('/').to_owned(),
            client: crate::loopback_client(),
            shared: Mutex::new(Shared::default()),
            held: tokio::sync::watch::Sender::new(None),
        });
        let (ready_tx, ready_rx) = mpsc::channel();
        let (stop_tx, stop_rx) = mpsc::channel::<()>();
        let served = state.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("tokio runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind(&address)
                    .await
                    .expect("bind a loopback port");
                let _ = ready_tx.send(format!("http://{}", listener.local_addr().unwrap()));
                let app = Router::new().fallback(forward).with_state(served);
                let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
                std::thread::spawn(move || {
                    let _ = stop_rx.recv();
                    let _ = done_tx.send(());
                });
                let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
                let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                    let _ = done_rx.await;
                    let _ = stopping_tx.send(());
                });
                // Open connections get two seconds to finish after the stop.
                let deadline = async {
                    let _ = stopping_rx.await;
                    tokio::time::sleep(Duration::from_secs(2)).await;
                };
                tokio::select! {
                    _ = serve => {}
                    () = deadline => {}
                }
            });
            runtime.shutdown_timeout(Duration::from_secs(1));
        });
        let url = ready_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the fault proxy started");
        Self {
            url,
            state,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`: give this to the client instead of the
    /// portal's address.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Queues faults: each file request takes the next one (and then
    /// requests pass untouched).
    pub fn add_faults(&self, faults: impl IntoIterator<Item = Fault>) {
        self.state.shared.lock().unwrap().faults.extend(faults);
    }

    /// Makes the list at `path` (e.g. `/api/v1/me/roles`) a list that never
    /// ends: every page is empty and names a new next cursor.
    pub fn make_list_endless(&self, path: &str) {
        self.state.shared.lock().unwrap().endless_list = Some(path.to_owned());
    }

    /// How many pages of the endless list were served.
    pub fn endless_pages_served(&self) -> u64 {
        self.state.shared.lock().unwrap().pages_served
    }

    /// The file requests seen so far.
    pub fn file_requests(&self) -> Vec<SeenRequest> {
        self.state.shared.lock().unwrap().seen.clone()
    }

    /// The API requests (all but files) passed on so far, with their
    /// answers' status and size.
    pub fn api_requests(&self) -> Vec<SeenApiRequest> {
        self.state.shared.lock().unwrap().api_requests.clone()
    }

    /// The API requests passed on so far whose path (and query) starts
    /// with `prefix`.
    pub fn api_requests_to(&self, prefix: &str) -> Vec<SeenApiRequest> {
        self.api_requests()
            .into_iter()
            .filter(|request| request.path.starts_with(prefix))
            .collect()
    }

    /// Runs `hook` with each API request's path once the request is
    /// received whole, before passing it on (to change the portal's data
    /// between two pages of a list, or to end the client while its request
    /// is on the way, say).
    pub fn before_api_request(&self, hook: impl Fn(&str) + Send + Sync + 'static) {
        self.state.shared.lock().unwrap().before_api_request = Some(Arc::new(hook));
    }

    /// Holds every API request whose path starts with `prefix` until
    /// [`FaultProxy::release_api_requests`]: a portal slow to answer one
    /// kind of request while it answers the others.
    pub fn hold_api_requests(&self, prefix: &str) {
        self.state.held.send_replace(Some(prefix.to_owned()));
    }

    /// Passes the held requests on, and holds no more.
    pub fn release_api_requests(&self) {
        self.state.held.send_replace(None);
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The bytes `headers` take on an HTTP/1.1 connection (`name: value\r\n`).
fn headers_bytes(headers: &axum::http::HeaderMap) -> usize {
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + 2 + value.len() + 2)
        .sum()
}

fn header_text(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

fn is_file_request(path: &str) -> bool {
    path.split('?')
        .next()
        .is_some_and(|path| path.ends_with("/file") || path.ends_with("/content"))
}

async fn forward(State(state): State<Arc<ProxyState>>, request: Request) -> Response {
    let path = request
        .uri()
        .path_and_query()
        .map(|value| value.as_str().to_owned())
        .unwrap_or_default();
    {
        let mut shared = state.shared.lock().unwrap();
        let endless = shared
            .endless_list
            .as_deref()
            .is_some_and(|list| path.split('?').next() == Some(list));
        if endless {
            shared.pages_served += 1;
            let body = format!(
                r#"{{"items":[],"next_cursor":"page-{}"}}"#,
                shared.pages_served
            );
            return Response::builder()
                .status(StatusCode::OK)
                .header("content-type", "application/json")
                .body(Body::from(body))
                .unwrap();
        }
    }
    let fault = if is_file_request(&path) {
        let mut shared = state.shared.lock().unwrap();
        shared.seen.push(SeenRequest {
            path: path.clone(),
            range: header_text(request.headers(), "range"),
            if_range: header_text(request.headers(), "if-range"),
        });
        shared.faults.pop_front()
    } else {
        None
    };
    let api_request = !is_file_request(&path);
    let if_none_match = header_text(request.headers(), "if-none-match");
    if let Some(Fault::Unavailable { retry_after_secs }) = fault {
        return Response::builder()
            .status(StatusCode::SERVICE_UNAVAILABLE)
            .header("retry-after", retry_after_secs.to_string())
            .header("content-type", "application/problem+json")
            .body(Body::from(
                r#"{"type":"about:blank","title":"Unavailable","status":503,"detail":"Down for maintenance.","code":"unavailable"}"#,
            ))
            .unwrap();
    }
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, 64 * 1024 * 1024)
        .await
        .unwrap_or_default();
    // Once the whole request is here: a hook that ends the client (a
    // crash mid-send) still has the request passed on whole.
    if api_request {
        let hook = state.shared.lock().unwrap().before_api_request.clone();
        if let Some(hook) = hook {
            hook(&path);
        }
        let mut held = state.held.subscribe();
        let _ = held
            .wait_for(|prefix| {
                !prefix
                    .as_deref()
                    .is_some_and(|prefix| path.starts_with(prefix))
            })
            .await;
    }
    let request_bytes = format!("{} {path} HTTP/1.1\r\n\r\n", parts.method).len()
        + headers_bytes(&parts.headers)
        + body.len();
    let mut upstream = state
        .client
        .request(parts.method.clone(), format!("{}{path}", state.upstream))
        .body(body);
    for (name, value) in &parts.headers {
        let skip = name == "host"
            || (fault == Some(Fault::IgnoreRange) && (name == "range" || name == "if-range"));
        if !skip {
            upstream = upstream.header(name, value);
        }
    }
    // On a task of its own: a request passed on reaches the portal whole
    // even when its client goes away meanwhile (as on a real network).
    let sent = tokio::spawn(upstream.send())
        .await
        .expect("the request to the portal ran");
    let answer = match sent {
        Ok(answer) => answer,
        Err(error) => {
            return Response::builder()
                .status(StatusCode::BAD_GATEWAY)
                .body(Body::from(error.to_string()))
                .unwrap();
        }
    };
    if api_request {
        let status = answer.status().as_u16();
        let headers = answer.headers().clone();
        let body = answer.bytes().await.unwrap_or_default();
        let answer_bytes = "HTTP/1.1 200 OK\r\n\r\n".len() + headers_bytes(&headers) + body.len();
        state
            .shared
            .lock()
            .unwrap()
            .api_requests
            .push(SeenApiRequest {
                path,
                if_none_match,
                status,
                body_bytes: body.len(),
                wire_bytes: request_bytes + answer_bytes,
            });
        let mut response = Response::builder().status(status);
        for (name, value) in &headers {
            if name != HeaderName::from_static("transfer-encoding") && name != "connection" {
                response = response.header(name, value);
            }
        }
        return response.body(Body::from(body)).unwrap();
    }
    let mut response = Response::builder().status(answer.status());
    let without_length = matches!(
        fault,
        Some(Fault::Chunked | Fault::Endless | Fault::Drip(_))
    );
    for (name, value) in answer.headers() {
        let drop_length = without_length && name == HeaderName::from_static("content-length");
        if name != HeaderName::from_static("transfer-encoding")
            && name != "connection"
            && !drop_length
        {
            response = response.header(name, value);
        }
    }
    match fault {
        Some(Fault::Endless) => {
            let upstream = answer.bytes_stream();
            let filler = futures_util::stream::unfold(0u64, |sent| async move {
                (sent < ENDLESS_LIMIT).then(|| {
                    let chunk = Bytes::from(vec![b'x'; 64 * 1024]);
                    let next = sent + chunk.len() as u64;
                    (Ok::<_, reqwest::Error>(chunk), next)
                })
            });
            return response
                .body(Body::from_stream(upstream.chain(filler)))
                .unwrap();
        }
        Some(Fault::Drip(millis)) => {
            let body = answer.bytes().await.unwrap_or_default();
            let started = tokio::time::Instant::now();
            let drip = futures_util::stream::unfold(0usize, move |at| {
                let body = body.clone();
                async move {
                    if at >= body.len() || started.elapsed() > DRIP_LIMIT {
                        return None;
                    }
                    tokio::time::sleep(Duration::from_millis(millis)).await;
                    Some((Ok::<_, std::io::Error>(body.slice(at..at + 1)), at + 1))
                }
            });
            return response.body(Body::from_stream(drip)).unwrap();
        }
        _ => {}
    }
    let stream = futures_util::stream::unfold(
        (answer, 0u64, fault, Ending::Not),
        |(mut answer, sent, fault, ending)| async move {
            match ending {
                Ending::Not => {}
                Ending::Quietly => return None,
                Ending::Short => {
                    // Let the bytes sent so far reach the client first.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    return None;
                }
                Ending::WithError => {
                    // Let the bytes sent so far reach the client first.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    let error = std::io::Error::other("dropped by the fault proxy");
                    return Some((Err(error), (answer, sent, fault, Ending::Quietly)));
                }
            }
            let chunk = match answer.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => return None,
                Err(error) => {
                    let error = std::io::Error::other(error);
                    return Some((Err(error), (answer, sent, fault, Ending::Quietly)));
                }
            };
            let end = sent + chunk.len() as u64;
            let (item, ending) = match fault {
                Some(Fault::DropAfter(limit)) if end > limit => {
                    (chunk.slice(..(limit - sent) as usize), Ending::WithError)
                }
                Some(Fault::TruncateAfter(limit)) if end > limit => {
                    (chunk.slice(..(limit - sent) as usize), Ending::Short)
                }
                Some(Fault::CorruptByte(offset)) if (sent..end).contains(&offset) => {
                    let mut bytes = chunk.to_vec();
                    bytes[(offset - sent) as usize] ^= 0xff;
                    (Bytes::from(bytes), Ending::Not)
                }
                Some(Fault::Slow(bytes_per_second)) => {
                    let pause = chunk.len() as f64 / bytes_per_second.max(1) as f64;
                    tokio::time::sleep(Duration::from_secs_f64(pause)).await;
                    (chunk, Ending::Not)
                }
                _ => (chunk, Ending::Not),
            };
            Some((Ok(item), (answer, end, fault, ending)))
        },
    );
    response.body(Body::from_stream(stream)).unwrap()
}

/// How the proxied body stream goes on after the current chunk.
enum Ending {
    /// It does not end yet.
    Not,
    /// It ends without an error.
    Quietly,
    /// It ends without an error, short of `Content-Length`.
    Short,
    /// It ends with an error, which drops the connection.
    WithError,
}
