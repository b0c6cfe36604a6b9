//! Downloads of several at once ("Download all…", a Partner Kit folder):
//! each item a download of its own, run together (the session's download
//! slots bound how many move at a time), each failure logged and each end
//! reported as it comes.

use std::future::Future;

use portal_client::Result;
use portal_client::library::LibraryEntry;

/// Runs `download(id, download_id)` for each of `requests` (an item's id
/// and its download id) together; logs each one that failed (`what` names
/// the kind of item) and reports each end through `on_end` as it comes;
/// answers every outcome, in the order asked.
pub(crate) async fn each_download<'a, Download, Saved>(
    what: &'static str,
    requests: &'a [(i64, String)],
    on_end: &(dyn Fn(&str, &Result<LibraryEntry>) + Send + Sync),
    download: Download,
) -> Vec<Result<LibraryEntry>>
where
    Download: Fn(i64, &'a str) -> Saved,
    Saved: Future<Output = Result<LibraryEntry>>,
{
    let downloads = requests.iter().map(|(id, download_id)| {
        let saved = download(*id, download_id);
        async move {
            let outcome = saved.await;
            log_failed(what, *id, &outcome);
            on_end(download_id, &outcome);
            outcome
        }
    });
    futures_util::future::join_all(downloads).await
}

/// Logs a download of item `id` (a `what`) that failed.
pub(crate) fn log_failed(what: &'static str, id: i64, outcome: &Result<LibraryEntry>) {
    if let Err(error) = outcome {
        tracing::warn!(
            what,
            id,
            code = error.code(),
            "{what} download failed: {error}"
        );
    }
}
