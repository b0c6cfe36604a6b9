//! Shows a webview at the page size the user chose.

use tauri::{Runtime, Webview};

/// Zooms `webview` to `percent` of its own size. A webview that refuses is
/// logged and left as it is: the page stays usable at its size.
pub fn show_at<R: Runtime>(webview: &Webview<R>, percent: u32) {
    if let Err(error) = webview.set_zoom(f64::from(percent) / 100.0) {
        tracing::warn!(%error, percent, "the page size could not be applied");
    }
}
