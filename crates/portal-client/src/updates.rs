//! The rules of Portal Desk's own updates, apart from the Tauri updater
//! that carries them out: where the feed is (the signed-in portal's
//! `/api/v1/desktop/updates/…`, or an address an organization sets), when
//! to look (at start, then once a day), and how each failure is put to the
//! user (a check nobody asked for fails silently).

use portal_i18n::text;
use time::{Duration, OffsetDateTime};
use url::Url;

use crate::error::{Error, Result};
use crate::portal_url::PortalUrl;

/// The feed's path on a portal; the Tauri updater fills in the
/// `{{…}}` parts (`linux-x86_64-deb/0.1.0`, say).
pub const FEED_PATH: &str =
    "/api/v1/desktop/updates/{{target}}-{{arch}}-{{bundle_type}}/{{current_version}}";

/// The environment variable that points the app at another feed (an
/// organization's mirror): a URL with the same `{{…}}` parts, `https://`
/// or on this computer.
pub const FEED_OVERRIDE: &str = "PORTAL_DESK_UPDATE_FEED";

/// How often the app looks for an update while it runs.
pub const CHECK_EVERY: Duration = Duration::hours(24);

/// The feed to ask: `override_feed` when set, else the portal's.
pub fn feed_url(portal_url: &str, override_feed: Option<&str>) -> Result<Url> {
    match override_feed.map(str::trim).filter(|feed| !feed.is_empty()) {
        Some(feed) => {
            // The same rule as a portal address: https, or http on this
            // computer; the feed decides what gets installed.
            let parsed = PortalUrl::parse(feed)?;
            Url::parse(parsed.as_str().trim_end_matches('/'))
                .map_err(|error| Error::InvalidPortalUrl(error.to_string()))
        }
        None => Ok(PortalUrl::parse(portal_url)?.endpoint(FEED_PATH)),
    }
}

/// When the last check ran, to decide whether the next one is due.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CheckSchedule {
    last_check: Option<OffsetDateTime>,
}

impl CheckSchedule {
    /// True when no check ran yet, or the last one is [`CHECK_EVERY`] old.
    pub fn is_due(&self, now: OffsetDateTime) -> bool {
        self.last_check
            .is_none_or(|last| now - last >= CHECK_EVERY || now < last)
    }

    /// Records a check made at `now`.
    pub fn checked(&mut self, now: OffsetDateTime) {
        self.last_check = Some(now);
    }
}

/// What went wrong with an update, as the updater reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateFailure {
    /// The feed could not be reached (no network, portal down).
    Unreachable,
    /// The feed answered something that is not an update feed (an HTML
    /// page, a proxy's sign-in, broken JSON), or an error status.
    NotAFeed,
    /// The package's signature does not match Portal Desk's key.
    BadSignature,
    /// The package is not what this installation can install.
    WrongPackage,
    /// Installing failed (the system refused, no permission).
    InstallFailed,
}

/// The error the user sees for `failure`; `detail` is the updater's words.
pub fn update_error(failure: UpdateFailure, version: Option<&str>, detail: &str) -> Error {
    let update = version.map_or_else(
        || text("update-the-update", &[]),
        |version| text("update-named", &[("version", version.into())]),
    );
    let args = [("update", update.into()), ("detail", detail.into())];
    match failure {
        UpdateFailure::Unreachable => Error::UpdateFeed(text("update-feed-unreachable", &args)),
        UpdateFailure::NotAFeed => Error::UpdateFeed(text("update-not-a-feed", &[])),
        UpdateFailure::BadSignature => {
            Error::UpdateNotVerified(text("update-bad-signature", &args))
        }
        UpdateFailure::WrongPackage => {
            Error::UpdateNotInstalled(text("update-wrong-package", &args))
        }
        UpdateFailure::InstallFailed => {
            Error::UpdateNotInstalled(text("update-install-failed", &args))
        }
    }
}

/// True when a failure of a check nobody asked for is kept from the user
/// (logged only): an unreachable or broken feed is no news to act on.
pub fn silent_when_automatic(failure: UpdateFailure) -> bool {
    matches!(
        failure,
        UpdateFailure::Unreachable | UpdateFailure::NotAFeed
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_feed_is_on_the_portal_unless_an_organization_points_elsewhere() {
        let url = feed_url("https://portal.example.com/", None).unwrap();
        assert_eq!(
            url.as_str(),
            "https://portal.example.com/api/v1/desktop/updates/%7B%7Btarget%7D%7D-%7B%7Barch%7D%7D-%7B%7Bbundle_type%7D%7D/%7B%7Bcurrent_version%7D%7D"
        );
        let mirror = feed_url(
            "https://portal.example.com",
            Some("https://mirror.example.org/pd/{{target}}/{{current_version}}"),
        )
        .unwrap();
        assert_eq!(mirror.host_str(), Some("mirror.example.org"));
        assert!(mirror.as_str().contains("%7B%7Btarget%7D%7D"));
        let local = feed_url(
            "https://portal.example.com",
            Some("http://127.0.0.1:9/feed"),
        )
        .unwrap();
        assert_eq!(local.as_str(), "http://127.0.0.1:9/feed");
    }

    #[test]
    fn a_feed_in_the_clear_is_refused_unless_on_this_computer() {
        assert!(matches!(
            feed_url("http://portal.example.com", None),
            Err(Error::InsecurePortalUrl(_))
        ));
        assert!(matches!(
            feed_url(
                "https://portal.example.com",
                Some("http://mirror.example.org/feed")
            ),
            Err(Error::InsecurePortalUrl(_))
        ));
        assert!(feed_url("http://127.0.0.1:8080", None).is_ok());
    }

    #[test]
    fn checks_run_at_start_then_daily() {
        let start = datetime!(2026-03-02 09:00 UTC);
        let mut schedule = CheckSchedule::default();
        assert!(schedule.is_due(start), "the first check is due at once");
        schedule.checked(start);
        assert!(!schedule.is_due(start + Duration::hours(1)));
        assert!(!schedule.is_due(start + Duration::hours(23) + Duration::minutes(59)));
        assert!(schedule.is_due(start + Duration::hours(24)));
        assert!(
            schedule.is_due(start - Duration::minutes(5)),
            "a clock set back does not postpone checks for good"
        );
    }

    #[test]
    fn failures_are_put_in_words_and_broken_feeds_are_quiet_when_nobody_asked() {
        let refused = update_error(UpdateFailure::BadSignature, Some("0.2.0"), "");
        assert_eq!(refused.code(), "update_not_verified");
        assert!(
            refused
                .to_string()
                .starts_with("Portal Desk 0.2.0 was downloaded but not installed")
        );
        assert_eq!(
            update_error(UpdateFailure::NotAFeed, None, "").code(),
            "update_feed_failed"
        );
        assert_eq!(
            update_error(UpdateFailure::InstallFailed, Some("0.2.0"), "dpkg failed").code(),
            "update_not_installed"
        );
        assert!(silent_when_automatic(UpdateFailure::Unreachable));
        assert!(silent_when_automatic(UpdateFailure::NotAFeed));
        assert!(!silent_when_automatic(UpdateFailure::BadSignature));
    }
}
