//! Saving several files at once through the client core's download engine
//! (three at a time, resumable, verified, never overwriting), printing
//! `LABEL -> PATH` for each.

use std::path::Path;

use portal_client::downloads::DownloadEvent;
use portal_client::library::DownloadSource;
use portal_client::{Error, Session};
use tokio_util::sync::CancellationToken;

/// Saves each `(label, source)` into `folder`; failures are reported one
/// per line and make the whole command fail at the end. `what` names the
/// files in messages ("documents", "attachments").
pub async fn save_all(
    session: &Session,
    sources: &[(String, DownloadSource)],
    folder: &Path,
    what: &str,
) -> Result<(), Error> {
    if sources.is_empty() {
        println!("No {what} to download.");
        return Ok(());
    }
    let cancel = CancellationToken::new();
    let downloads = sources.iter().map(|(label, source)| {
        let cancel = cancel.clone();
        async move {
            let report = |event: DownloadEvent| {
                if let DownloadEvent::Retrying {
                    wait_ms, reason, ..
                } = event
                {
                    eprintln!(
                        "pdesk: {}: {reason}; trying again in {:.1} s",
                        crate::printable(label),
                        wait_ms as f64 / 1000.0
                    );
                }
            };
            let outcome = session
                .save_download(source, folder, &cancel, &report)
                .await;
            (label, outcome)
        }
    });
    let mut failures = 0;
    for (label, outcome) in futures_util::future::join_all(downloads).await {
        match outcome {
            Ok(entry) => println!(
                "{} -> {}",
                crate::printable(label),
                entry
                    .path
                    .as_deref()
                    .map(|path| path.display().to_string())
                    .unwrap_or_default()
            ),
            Err(error) => {
                failures += 1;
                eprintln!(
                    "pdesk: {}: {}",
                    crate::printable(label),
                    crate::one_line(&error.to_string())
                );
            }
        }
    }
    if failures == 0 {
        Ok(())
    } else {
        Err(Error::Download(format!(
            "{failures} of {} downloads failed; run the command again to resume them.",
            sources.len()
        )))
    }
}
