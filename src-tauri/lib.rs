//! The Portal Desk desktop app: a Tauri shell over the `portal-client` core.
//!
//! Every command is one call into the core plus error mapping; the webview
//! only renders and calls commands.

#![warn(missing_docs)]

use tauri::{Builder, Runtime};

/// Builds and runs the app on the given builder, so tests can pass
/// `tauri::test::mock_builder()`.
pub fn run_app<R: Runtime>(builder: Builder<R>) -> tauri::Result<()> {
    build_app(builder)?.run(|_, _| {});
    Ok(())
}

/// Builds the app without running its event loop.
pub fn build_app<R: Runtime>(builder: Builder<R>) -> tauri::Result<tauri::App<R>> {
    builder.build(tauri::generate_context!())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_app_builds_with_the_mock_runtime() {
        let app = super::build_app(tauri::test::mock_builder()).expect("the app builds");
        assert!(
            app.config().app.security.csp.is_some(),
            "a CSP is configured"
        );
        assert_eq!(app.config().identifier, "app.portaldesk.desktop");
    }
}
