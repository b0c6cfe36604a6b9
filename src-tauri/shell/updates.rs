//! Portal Desk's own updates, through tauri-plugin-updater: the feed is
//! the signed-in portal's (see [`portal_client::updates`] for where, when
//! and how failures are worded); the plugin downloads, verifies the
//! package's signature against the public key in `tauri.conf.json` and
//! installs it (on Linux `.deb`/`.rpm` through `pkexec` or `sudo`). The
//! webview gets no updater permission: it calls the two commands here.

use std::sync::Mutex;
use std::time::Duration;

use portal_client::updates::{
    CheckSchedule, FEED_OVERRIDE, UpdateFailure, feed_url, silent_when_automatic, update_error,
};
use portal_client::{Error, Result};
use portal_i18n::text;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

/// How long the feed and the download may take to answer at all.
const FEED_TIMEOUT: Duration = Duration::from_secs(30);

/// A newer Portal Desk the feed offers.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OfferedUpdate {
    /// Its version.
    pub version: String,
    /// The running version.
    pub current_version: String,
    /// What's new (plain text from the feed).
    pub notes: String,
}

/// What installing an update reports to the webview.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum UpdateProgress {
    /// Bytes downloaded so far, of `total` when the feed said.
    Downloading {
        /// Bytes so far.
        downloaded: u64,
        /// The package's size, when known.
        total: Option<u64>,
    },
    /// Downloaded and verified; the system installs it now.
    Installing,
    /// Installed; the app restarts into the new version.
    Restarting,
}

/// The update state of the running app.
#[derive(Default)]
pub struct UpdateDesk {
    schedule: Mutex<CheckSchedule>,
    offered: tokio::sync::Mutex<Option<Update>>,
}

impl UpdateDesk {
    /// Looks for an update on the feed of `portal_url`. A check nobody
    /// asked for (`manual` false) runs only when due (at start, then
    /// daily) and keeps a failing feed quiet; a check the user asked for
    /// always runs and says what failed.
    pub async fn check<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        portal_url: Option<&str>,
        manual: bool,
    ) -> Result<Option<OfferedUpdate>> {
        let now = time::OffsetDateTime::now_utc();
        if !manual && !self.due_now(now) {
            return Ok(self.offered.lock().await.as_ref().map(offered));
        }
        let override_feed = std::env::var(FEED_OVERRIDE).ok();
        let Some(portal_url) = portal_url.or(override_feed.as_deref().map(|_| "")) else {
            return Ok(None);
        };
        let feed = feed_url(portal_url, override_feed.as_deref())?;
        let updater = app
            .updater_builder()
            .endpoints(vec![feed])
            .and_then(|builder| builder.timeout(FEED_TIMEOUT).build())
            .map_err(|error| Error::UpdateFeed(format!("The updater cannot start: {error}.")))?;
        let found = match updater.check().await {
            Ok(found) => found,
            Err(error) => {
                let failure = classify(&error);
                log_failure(&format!("update check failed: {error}"));
                if !manual && silent_when_automatic(failure) {
                    return Ok(None);
                }
                return Err(update_error(failure, None, &error.to_string()));
            }
        };
        let answer = found.as_ref().map(offered);
        *self.offered.lock().await = found;
        Ok(answer)
    }

    /// True when a check nobody asked for is due at `now`, which then
    /// counts as its time.
    fn due_now(&self, now: time::OffsetDateTime) -> bool {
        let mut schedule = self
            .schedule
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let due = schedule.is_due(now);
        if due {
            schedule.checked(now);
        }
        due
    }

    /// Downloads the offered update, verifies its signature, installs it
    /// and restarts the app; reports progress on `progress`.
    pub async fn install<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        progress: Channel<UpdateProgress>,
    ) -> Result<()> {
        let offered = self.offered.lock().await;
        let Some(update) = offered.as_ref() else {
            return Err(Error::UpdateNotInstalled(text(
                "desk-no-update-offered",
                &[],
            )));
        };
        let mut downloaded = 0u64;
        let mut last_report = 0u64;
        let result = update
            .download_and_install(
                |chunk, total| {
                    downloaded += chunk as u64;
                    // About a hundred reports for any size.
                    let step = total.map_or(256 * 1024, |total| (total / 100).max(1));
                    if downloaded - last_report >= step || Some(downloaded) == total {
                        last_report = downloaded;
                        let _ = progress.send(UpdateProgress::Downloading { downloaded, total });
                    }
                },
                || {
                    let _ = progress.send(UpdateProgress::Installing);
                },
            )
            .await;
        if let Err(error) = result {
            log_failure(&format!("update to {} failed: {error}", update.version));
            return Err(update_error(
                classify(&error),
                Some(&update.version),
                &error.to_string(),
            ));
        }
        let _ = progress.send(UpdateProgress::Restarting);
        app.restart();
    }
}

fn offered(update: &Update) -> OfferedUpdate {
    OfferedUpdate {
        version: update.version.clone(),
        current_version: update.current_version.clone(),
        notes: update.body.clone().unwrap_or_default(),
    }
}

/// Which of the user-facing failures an updater error is.
fn classify(error: &tauri_plugin_updater::Error) -> UpdateFailure {
    use tauri_plugin_updater::Error as E;
    match error {
        E::Reqwest(error) if error.is_connect() || error.is_timeout() => UpdateFailure::Unreachable,
        E::Network(_) => UpdateFailure::Unreachable,
        E::Reqwest(_)
        | E::Serialization(_)
        | E::ReleaseNotFound
        | E::Semver(_)
        | E::UrlParse(_) => UpdateFailure::NotAFeed,
        E::TargetNotFound(_) | E::TargetsNotFound(_) => UpdateFailure::NotAFeed,
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion => UpdateFailure::BadSignature,
        E::InvalidUpdaterFormat => UpdateFailure::WrongPackage,
        _ => UpdateFailure::InstallFailed,
    }
}

/// Notes an update failure in the app's log. Update errors carry the
/// public feed's URLs and the updater's words, never a secret.
fn log_failure(message: &str) {
    tracing::warn!("update: {message}");
}
