//! The desktop app's signed update feed:
//! `GET /api/v1/desktop/updates/{platform}/{current_version}` answers the
//! newest release for that platform when it is newer (204 otherwise), and
//! `GET /api/v1/desktop/releases/{version}/{platform}` serves its package.
//!
//! Releases are published as a folder (`--desktop-releases`) holding the
//! packages, their `.sig` files (`tauri signer sign`) and `releases.json`:
//!
//! ```json
//! { "version": "0.2.0", "notes": "What's new…", "pub_date": "2026-12-01T09:00:00Z",
//!   "platforms": { "linux-x86_64-deb": { "file": "portal-desk_0.2.0_amd64.deb" } } }
//! ```
//!
//! The signature of `FILE` is read from `FILE.sig`. The folder is read on
//! every request, so publishing needs no restart. The portal signs nothing:
//! packages are signed where they are built, and the app verifies them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_api::desktop::{DesktopRelease, PLATFORM_PATTERN, VERSION_PATTERN};
use portal_api::problem::{Problem, codes};
use regex::Regex;
use serde::Deserialize;

use crate::AppState;
use crate::error::{ApiError, ApiPath};

/// The file in the releases folder that describes the newest release.
pub const RELEASES_FILE: &str = "releases.json";

/// `releases.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishedRelease {
    version: String,
    notes: String,
    #[serde(with = "time::serde::rfc3339")]
    pub_date: time::OffsetDateTime,
    platforms: BTreeMap<String, PublishedPackage>,
}

/// One platform's package in `releases.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishedPackage {
    file: String,
}

/// The newest release for `platform` (`linux-x86_64-deb`, `windows-x86_64-nsis`,
/// `darwin-aarch64-app`, …) when it is newer than `current_version`; 204
/// when there is none.
#[utoipa::path(get, path = "/api/v1/desktop/updates/{platform}/{current_version}", tag = "desktop",
    params(
        ("platform" = String, Path, description = "`{os}-{arch}-{bundle type}`, as the Tauri updater names it", pattern = r"^[a-z0-9_]+(-[a-z0-9_]+){1,2}$"),
        ("current_version" = String, Path, description = "The version asking (semantic versioning)", pattern = r"^v?(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(-(0|[1-9][0-9]{0,8}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]{0,8}|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$"),
    ),
    responses(
        (status = 200, description = "A newer release for this platform", body = DesktopRelease),
        (status = 204, description = "No newer release for this platform"),
        (status = 400, description = "The platform or version is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn desktop_update(
    State(state): State<Arc<AppState>>,
    ApiPath((platform, current_version)): ApiPath<(String, String)>,
) -> Result<Response, ApiError> {
    let current = parse_version(&current_version)?;
    check_platform(&platform)?;
    let Some(folder) = state.config.desktop_releases.clone() else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let Some(release) = read_releases(&folder).await? else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let newest = parse_version(&release.version)
        .map_err(|_| ApiError::internal("releases.json names a version that is not valid"))?;
    let Some(package) = release.platforms.get(&platform) else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    if newest <= current {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let signature_path = package_path(&folder, &format!("{}.sig", package.file))?;
    let signature = tokio::fs::read_to_string(&signature_path)
        .await
        .map_err(|error| ApiError::internal(format!("cannot read the signature: {error}")))?;
    Ok(axum::Json(DesktopRelease {
        url: format!(
            "{}/api/v1/desktop/releases/{}/{platform}",
            state.public_url, release.version
        ),
        version: release.version,
        notes: release.notes,
        pub_date: release.pub_date,
        signature: signature.trim().to_owned(),
    })
    .into_response())
}

/// The package of release `version` for `platform`.
#[utoipa::path(get, path = "/api/v1/desktop/releases/{version}/{platform}", tag = "desktop",
    params(
        ("version" = String, Path, description = "The release's version", pattern = r"^v?(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,8})(-(0|[1-9][0-9]{0,8}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]{0,8}|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$"),
        ("platform" = String, Path, description = "`{os}-{arch}-{bundle type}`", pattern = r"^[a-z0-9_]+(-[a-z0-9_]+){1,2}$"),
    ),
    responses(
        (status = 200, description = "The package", content_type = "application/octet-stream",
            headers(("Content-Disposition" = String))),
        (status = 400, description = "The platform or version is not valid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such release for this platform", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn desktop_package(
    State(state): State<Arc<AppState>>,
    ApiPath((version, platform)): ApiPath<(String, String)>,
) -> Result<Response, ApiError> {
    parse_version(&version)?;
    check_platform(&platform)?;
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            "There is no such release of Portal Desk for this platform.",
        )
    };
    let folder = state
        .config
        .desktop_releases
        .clone()
        .ok_or_else(not_found)?;
    let release = read_releases(&folder).await?.ok_or_else(not_found)?;
    if release.version != version {
        return Err(not_found());
    }
    let package = release.platforms.get(&platform).ok_or_else(not_found)?;
    let path = package_path(&folder, &package.file)?;
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|error| ApiError::internal(format!("cannot open the package: {error}")))?;
    let size = file.metadata().await.map_err(ApiError::internal)?.len();
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment"),
    );
    Ok(response)
}

/// `releases.json` from the releases folder; `None` when nothing is
/// published there yet.
async fn read_releases(folder: &Path) -> Result<Option<PublishedRelease>, ApiError> {
    let text = match tokio::fs::read_to_string(folder.join(RELEASES_FILE)).await {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(ApiError::internal(format!(
                "cannot read {RELEASES_FILE}: {error}"
            )));
        }
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|error| ApiError::internal(format!("{RELEASES_FILE} is not valid: {error}")))
}

/// A file named in `releases.json`, which must be a plain name in the folder.
fn package_path(folder: &Path, name: &str) -> Result<PathBuf, ApiError> {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && Path::new(name).file_name() == Some(std::ffi::OsStr::new(name));
    if plain {
        Ok(folder.join(name))
    } else {
        Err(ApiError::internal(format!(
            "{RELEASES_FILE} names a file outside its folder"
        )))
    }
}

/// A version the document's pattern ([`VERSION_PATTERN`]) accepts, parsed.
fn parse_version(version: &str) -> Result<semver::Version, ApiError> {
    static PATTERN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(VERSION_PATTERN).expect("a valid pattern"));
    const INVALID: &str = "The version is not a semantic version such as 1.4.2.";
    require_match(&PATTERN, version, INVALID)?;
    semver::Version::parse(version.trim_start_matches('v')).map_err(|_| invalid_path(INVALID))
}

/// Refuses a platform the document's pattern ([`PLATFORM_PATTERN`]) does
/// not accept.
fn check_platform(platform: &str) -> Result<(), ApiError> {
    static PATTERN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(PLATFORM_PATTERN).expect("a valid pattern"));
    require_match(
        &PATTERN,
        platform,
        "The platform is not valid: it is named like linux-x86_64-deb.",
    )
}

/// A 400 `invalid_request` with `message` unless `pattern` matches `value`.
fn require_match(pattern: &Regex, value: &str, message: &str) -> Result<(), ApiError> {
    if pattern.is_match(value) {
        Ok(())
    } else {
        Err(invalid_path(message))
    }
}

/// The answer to a path part the document's pattern refuses.
fn invalid_path(message: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, codes::INVALID_REQUEST, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platforms_are_os_arch_and_bundle_type() {
        for good in [
            "linux-x86_64-deb",
            "windows-x86_64-nsis",
            "darwin-aarch64",
            "linux-x86_64-unknown",
        ] {
            assert!(check_platform(good).is_ok(), "{good}");
        }
        for bad in [
            "linux",
            "LINUX-x86_64",
            "linux--deb",
            "a-b-c-d",
            "linux-x86_64-deb/../x",
            "",
        ] {
            assert!(check_platform(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn package_files_stay_in_their_folder() {
        let folder = Path::new("releases");
        assert!(package_path(folder, "portal-desk_0.2.0_amd64.deb").is_ok());
        for bad in [
            "../secret",
            "/etc/passwd",
            "a/b.deb",
            "a\\b.deb",
            ".hidden",
            "",
            "..",
        ] {
            assert!(package_path(folder, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn versions_are_semantic() {
        for good in [
            "0.1.0",
            "v1.2.3-beta.1",
            "1.0.0-0a.1+build.007",
            "999999999.0.0",
        ] {
            assert!(parse_version(good).is_ok(), "{good}");
        }
        for bad in [
            "1.2",
            "latest",
            "",
            "1.2.3.4",
            "01.2.3",
            "1.2.3-01",
            "1.2.3-",
            "1.2.3+",
            "9999999999.0.0",
        ] {
            assert!(parse_version(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_document_states_the_patterns_the_feed_checks() {
        let document = crate::openapi();
        let mut patterns = Vec::new();
        for path in [
            "/api/v1/desktop/updates/{platform}/{current_version}",
            "/api/v1/desktop/releases/{version}/{platform}",
        ] {
            for parameter in document["paths"][path]["get"]["parameters"]
                .as_array()
                .unwrap()
            {
                patterns.push((
                    parameter["name"].as_str().unwrap().to_owned(),
                    parameter["schema"]["pattern"].as_str().unwrap().to_owned(),
                ));
            }
        }
        for (name, pattern) in patterns {
            let expected = if name == "platform" {
                PLATFORM_PATTERN
            } else {
                VERSION_PATTERN
            };
            assert_eq!(pattern, expected, "{name}");
        }
    }
}
