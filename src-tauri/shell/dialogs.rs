//! Native file dialogs (rfd): built on the main thread with the window as
//! parent and answered through the app's own GTK loop, so the window keeps
//! painting while the command waits for the user.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

use portal_client::Error;
use portal_i18n::text;
use rfd::{AsyncFileDialog, FileHandle};
use tauri::{Runtime, WebviewWindow};

/// A dialog's answer, still to come.
pub type DialogAnswer<T = Option<FileHandle>> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Shows the dialog `show` makes of a dialog parented to `window`, and
/// answers what it answered.
pub async fn choose<R: Runtime, T: Send + 'static>(
    window: WebviewWindow<R>,
    show: impl FnOnce(AsyncFileDialog) -> DialogAnswer<T> + Send + 'static,
) -> Result<T, Error> {
    let (answer, opened) = tokio::sync::oneshot::channel();
    let parent = window.clone();
    window
        .run_on_main_thread(move || {
            let _ = answer.send(show(AsyncFileDialog::new().set_parent(&parent)));
        })
        .map_err(|error| Error::local_because(text("desk-dialog-not-opened", &[]), error))?;
    let chosen = opened
        .await
        .map_err(|_| Error::local(text("desk-dialog-did-not-open", &[])))?;
    Ok(chosen.await)
}

/// Shows a dialog that picks one file or folder; answers its path, or
/// `None` when the user cancelled.
pub async fn choose_path<R: Runtime>(
    window: WebviewWindow<R>,
    show: impl FnOnce(AsyncFileDialog) -> DialogAnswer + Send + 'static,
) -> Result<Option<PathBuf>, Error> {
    Ok(choose(window, show)
        .await?
        .map(|file| file.path().to_path_buf()))
}
