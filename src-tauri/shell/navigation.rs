//! Keeps every webview of the app on the app's own pages: a link or a
//! script that tries to take the window to another address (a portal
//! page, a phishing site, a `file:` URL) is refused, whatever the content
//! that asked.

use tauri::plugin::TauriPlugin;
use tauri::{Runtime, Url};

/// The plugin that refuses navigation away from the app.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_, url| is_app_address(url))
        .build()
}

/// The app's own pages (`tauri://localhost`, `http://tauri.localhost` on
/// Windows) and the viewer's files (`pdfile`), and the blank page.
pub fn is_app_address(url: &Url) -> bool {
    match (url.scheme(), url.host_str()) {
        ("tauri" | crate::shell::cached_files::SCHEME, Some("localhost")) => true,
        ("http" | "https", Some(host)) => {
            url.port().is_none()
                && (host == "tauri.localhost"
                    || host == format!("{}.localhost", crate::shell::cached_files::SCHEME))
        }
        ("about", None) => url.path() == "blank",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_app_s_own_addresses_are_allowed() {
        for allowed in [
            "tauri://localhost/index.html",
            "http://tauri.localhost/index.html",
            "pdfile://localhost/0123",
            "http://pdfile.localhost/0123",
            "about:blank",
        ] {
            assert!(is_app_address(&Url::parse(allowed).unwrap()), "{allowed}");
        }
        for refused in [
            "https://portal.example.com/login",
            "http://tauri.localhost.example.com/",
            "http://tauri.localhost:8080/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "tauri://evil/",
            "data:text/html,<script>alert(1)</script>",
            "about:srcdoc",
        ] {
            assert!(!is_app_address(&Url::parse(refused).unwrap()), "{refused}");
        }
    }
}
