//! The `pdfile` scheme: serves files the app fetched for viewing, from the
//! signed-in account's own cache only, named by their SHA-256 (so nothing
//! else on disk can be reached through it). Text is served as plain text,
//! never as HTML, and nothing served may run script.

use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::desk::Desk;

/// The scheme's name (`pdfile://localhost/SHA256` on Linux and macOS,
/// `http://pdfile.localhost/SHA256` on Windows).
pub const SCHEME: &str = "pdfile";

/// Answers one request of the scheme, off the main thread.
pub fn handle<R: Runtime>(
    context: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = context.app_handle().clone();
    let sha256 = request
        .uri()
        .path()
        .trim_start_matches('/')
        .to_ascii_lowercase();
    tauri::async_runtime::spawn(async move {
        let desk = app.state::<Desk>();
        let response = match desk.cached_file(&sha256).await {
            Some((path, media_type)) => match tokio::fs::read(&path).await {
                Ok(bytes) => file_response(bytes, &media_type),
                Err(_) => status(StatusCode::NOT_FOUND),
            },
            None => status(StatusCode::NOT_FOUND),
        };
        responder.respond(response);
    });
}

fn file_response(bytes: Vec<u8>, media_type: &str) -> Response<Vec<u8>> {
    let content_type = if media_type == "text/plain" {
        "text/plain; charset=utf-8"
    } else {
        media_type
    };
    let mut builder = Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, content_type)
        .header("X-Content-Type-Options", "nosniff")
        .header(header::CACHE_CONTROL, "no-store");
    if media_type != "application/pdf" {
        // The PDF viewer is the browser engine's own; everything else is
        // inert content.
        builder = builder.header(header::CONTENT_SECURITY_POLICY, "default-src 'none'; img-src pdfile: http://pdfile.localhost; style-src 'unsafe-inline'; sandbox");
    }
    builder
        .body(bytes)
        .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR))
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    let mut response = Response::new(Vec::new());
    *response.status_mut() = code;
    response
}
