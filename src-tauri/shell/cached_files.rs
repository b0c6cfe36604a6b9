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
    let path = request.uri().path().to_owned();
    tauri::async_runtime::spawn(async move {
        let desk = app.state::<Desk>();
        responder.respond(answer(&desk, &path).await);
    });
}

/// The answer to `path` (`/SHA256`, or `/kb/SHA256` for a knowledge-base
/// image): the signed-in account's cached copy
/// with that digest, with its type and a policy that lets nothing in it
/// run; 404 for anything else (other names, `..`, encoded or over-long
/// paths, files of other accounts or outside the cache).
pub async fn answer(desk: &Desk, path: &str) -> Response<Vec<u8>> {
    if let Some(sha256) = path.strip_prefix("/kb/") {
        // A knowledge-base image, kept in the account's store after its
        // kind was checked from its bytes.
        return match desk.kept_kb_image(&sha256.to_ascii_lowercase()).await {
            Some(image) => file_response(image.bytes, &image.media_type),
            None => status(StatusCode::NOT_FOUND),
        };
    }
    let sha256 = path.strip_prefix('/').unwrap_or(path).to_ascii_lowercase();
    match desk.cached_file(&sha256).await {
        Some((path, media_type)) => match tokio::fs::read(&path).await {
            Ok(bytes) => file_response(bytes, &media_type),
            Err(_) => status(StatusCode::NOT_FOUND),
        },
        None => status(StatusCode::NOT_FOUND),
    }
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
    // Every answer carries its own policy. The PDF viewer is the browser
    // engine's own, which a sandbox would stop; everything else is inert
    // content in a sandbox.
    let policy = if media_type == "application/pdf" {
        "frame-ancestors tauri://localhost http://tauri.localhost"
    } else {
        "default-src 'none'; img-src pdfile: http://pdfile.localhost; style-src 'unsafe-inline'; sandbox"
    };
    builder = builder.header(header::CONTENT_SECURITY_POLICY, policy);
    builder
        .body(bytes)
        .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR))
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    let mut response = Response::new(Vec::new());
    *response.status_mut() = code;
    response
}
