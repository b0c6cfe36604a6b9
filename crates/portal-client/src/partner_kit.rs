//! The Partner Kit on this computer: its listing kept in the account's
//! store (one request answered 304 when the kit is unchanged), files
//! downloaded through the download engine (verified, never replacing a
//! file), and a local folder kept in sync with it:
//!
//! - new and updated kit files arrive; a file the user deleted is restored;
//! - a file the user changed is never replaced: the kit's new version is
//!   saved beside it and the sync says so;
//! - a file that left the kit is reported and stays;
//! - a folder that is gone stops the sync before anything is written;
//!   a file that cannot be written is reported and tried again next time;
//! - each sync that did something is kept in a history.
//!
//! Names are the kit's, each part made safe ([`crate::safe_names`]) and
//! kept apart from its neighbours (case aside) in the order of the files'
//! ids, so a folder names each file the same way sync after sync.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use portal_api::partner_kit::KitFile;
use portal_api::paths;
use portal_i18n::text;
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::disk::{FileAction, io_error, sha256_of};
use crate::download_request::{DownloadRequest, StallRule};
use crate::error::{Error, Result};
use crate::library::DownloadSource;
use crate::pages::ListRead;
use crate::publish::publish;
use crate::safe_names::{numbered_name, safe_file_name};
use crate::session::Session;

/// The hidden folder, inside a synced folder, a kit file's new version is
/// downloaded to before it takes the place of the old one (on the same
/// disk, so the move is instant and whole).
const STAGING_FOLDER: &str = ".portal-desk-kit";
/// Files asked for per page (the portal's largest page).
const PAGE_LIMIT: &str = "200";

/// A kit file as placed in a synced folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    /// Its path under the folder, parts joined with `/`.
    pub rel_path: String,
    /// The kit version placed.
    pub version: i64,
    /// SHA-256 of the bytes placed (a different digest now is the user's
    /// edit).
    pub sha256: String,
}

/// A file the user changed that the kit updated: theirs stays, the kit's
/// new version is saved beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptBeside {
    /// The user's file, under the folder.
    pub yours: String,
    /// Where the kit's new version went.
    pub kits: String,
}

/// What one sync of a folder did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitSyncReport {
    /// When it ran (Unix seconds).
    pub at: i64,
    /// The folder.
    pub folder: PathBuf,
    /// Files new to the folder.
    pub added: Vec<String>,
    /// Files replaced by the kit's newer version (the user had not
    /// changed them).
    pub updated: Vec<String>,
    /// Files the user deleted, downloaded again.
    pub restored: Vec<String>,
    /// Files the user changed that the kit updated.
    pub kept_beside: Vec<KeptBeside>,
    /// Files no longer in the kit; they stay in the folder.
    pub removed: Vec<String>,
    /// Files that could not be placed, each with why (tried again next
    /// time).
    pub failed: Vec<String>,
    /// Files already current.
    pub unchanged: usize,
}

impl KitSyncReport {
    /// True when the sync changed nothing and nothing failed.
    pub fn is_quiet(&self) -> bool {
        self.added.is_empty()
            && self.updated.is_empty()
            && self.restored.is_empty()
            && self.kept_beside.is_empty()
            && self.removed.is_empty()
            && self.failed.is_empty()
    }
}

/// Progress of a sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum KitSyncEvent {
    /// `done` of `total` files looked at; `current` is being fetched.
    Progress {
        /// Files done.
        done: usize,
        /// Files in the kit.
        total: usize,
        /// The file being fetched, if one is.
        current: Option<String>,
    },
}

impl Session {
    /// The kit, read again from the portal (one request when unchanged)
    /// and kept. A role that no longer grants the kit forgets the kept
    /// listing and answers the portal's refusal.
    pub async fn partner_kit(&self) -> Result<Vec<KitFile>> {
        Ok(self.refresh_kit().await?.1)
    }

    /// The kit as last read, without the network; `None` before a read.
    pub fn kept_partner_kit(&self) -> Result<Option<Vec<KitFile>>> {
        Ok(self.store.kit_listing()?.map(|(_, files)| files))
    }

    /// True when `folder` was synced with the kit before (a folder synced
    /// before that is gone now stops a sync; a new one may be created).
    pub fn kit_folder_known(&self, folder: &Path) -> Result<bool> {
        self.store.kit_folder_known(folder)
    }

    /// The latest folder syncs that did something, newest first.
    pub fn kit_history(&self, most: usize) -> Result<Vec<KitSyncReport>> {
        self.store.kit_history(most)
    }

    /// The kit's version and files, read again when changed.
    async fn refresh_kit(&self) -> Result<(Option<String>, Vec<KitFile>)> {
        let kept = self.store.kit_listing()?;
        let known = kept.as_ref().and_then(|(version, _)| version.clone());
        let query = [("limit", PAGE_LIMIT.to_owned())];
        let read = match self
            .versioned_pages::<KitFile>(paths::PARTNER_KIT_FILES, &query, known.as_deref())
            .await
        {
            Err(error @ Error::Portal { status: 403, .. }) => {
                self.store.forget_kit_listing()?;
                return Err(error);
            }
            read => read?,
        };
        match (read, kept) {
            (ListRead::Unchanged, Some(kept)) => Ok(kept),
            (ListRead::Unchanged, None) => Err(Error::local("the kit's listing is not kept")),
            (ListRead::Read { items, version }, _) => {
                let mut seen = HashSet::new();
                let files: Vec<KitFile> = items
                    .into_iter()
                    .filter(|file| seen.insert(file.id))
                    .collect();
                self.store.save_kit_listing(version.as_deref(), &files)?;
                Ok((version, files))
            }
        }
    }

    /// Keeps `folder` in sync with the kit (see the module's rules) and
    /// answers what was done; a sync that did something is kept in the
    /// history. When the kit and the folder are both unchanged this costs
    /// one request answered 304.
    pub async fn sync_kit_folder(
        &self,
        folder: &Path,
        cancel: &CancellationToken,
        on_event: &(dyn Fn(KitSyncEvent) + Send + Sync),
    ) -> Result<KitSyncReport> {
        if !folder.is_dir() {
            return Err(Error::Destination(text(
                "kit-folder-gone",
                &[("folder", folder.display().to_string().into())],
            )));
        }
        let (version, files) = match self.refresh_kit().await {
            Err(Error::Portal {
                status: 403,
                code,
                message,
            }) => {
                return Err(Error::Portal {
                    status: 403,
                    code,
                    message: text(
                        "kit-files-stay",
                        &[
                            ("message", message.into()),
                            ("folder", folder.display().to_string().into()),
                        ],
                    ),
                });
            }
            read => read?,
        };
        let mut report = KitSyncReport {
            at: time::OffsetDateTime::now_utc().unix_timestamp(),
            folder: folder.to_path_buf(),
            ..KitSyncReport::default()
        };
        let placed = self.store.kit_placed(folder)?;
        let whole = version.is_some() && self.store.kit_folder_version(folder)? == version;
        if whole
            && placed
                .values()
                .all(|placed| local_path(folder, &placed.rel_path).is_file())
        {
            report.unchanged = placed.len();
            return Ok(report);
        }
        let staging = folder.join(STAGING_FOLDER);
        std::fs::create_dir_all(&staging)
            .map_err(|error| io_error(FileAction::WriteIn, folder, &error))?;
        let names = local_names(&files);
        // Written in one transaction, also when the sync stops early.
        let mut records: Vec<(i64, Placed)> = Vec::new();
        for (done, file) in files.iter().enumerate() {
            if cancel.is_cancelled() {
                self.store.record_kit_placed(folder, &records)?;
                return Err(Error::Cancelled);
            }
            on_event(KitSyncEvent::Progress {
                done,
                total: files.len(),
                current: Some(file.path_line()),
            });
            let rel_path = placed
                .get(&file.id)
                .map(|placed| placed.rel_path.clone())
                .unwrap_or_else(|| names[&file.id].join("/"));
            match self
                .sync_one(
                    folder,
                    &staging,
                    file,
                    &rel_path,
                    placed.get(&file.id),
                    &mut report,
                    cancel,
                )
                .await
            {
                Ok(Some(now_at)) => records.push((
                    file.id,
                    Placed {
                        rel_path: now_at,
                        version: file.version,
                        sha256: file.sha256.to_ascii_lowercase(),
                    },
                )),
                Ok(None) => {}
                Err(error)
                    if matches!(error, Error::Cancelled)
                        || error.is_offline()
                        || error.needs_sign_in() =>
                {
                    self.store.record_kit_placed(folder, &records)?;
                    return Err(error);
                }
                Err(error) => report.failed.push(format!("{rel_path}: {error}")),
            }
        }
        self.store.record_kit_placed(folder, &records)?;
        let listed: HashSet<i64> = files.iter().map(|file| file.id).collect();
        for (id, gone) in &placed {
            if !listed.contains(id) {
                report.removed.push(gone.rel_path.clone());
                self.store.forget_kit_placed(folder, *id)?;
            }
        }
        report.removed.sort();
        // What a failed file left half done goes with the staging folder.
        let _ = std::fs::remove_dir_all(&staging);
        let now_whole = if report.failed.is_empty() {
            version.as_deref()
        } else {
            None
        };
        self.store.set_kit_folder_version(folder, now_whole)?;
        on_event(KitSyncEvent::Progress {
            done: files.len(),
            total: files.len(),
            current: None,
        });
        if !report.is_quiet() {
            self.store.add_kit_history(&report)?;
        }
        tracing::info!(
            added = report.added.len(),
            updated = report.updated.len(),
            kept_beside = report.kept_beside.len(),
            removed = report.removed.len(),
            failed = report.failed.len(),
            "partner kit synced"
        );
        Ok(report)
    }

    /// Brings one kit file into `folder` at `rel_path`; answers the path
    /// (under the folder) where the kit's current bytes now are, to be
    /// recorded, when that changed.
    #[allow(clippy::too_many_arguments)]
    async fn sync_one(
        &self,
        folder: &Path,
        staging: &Path,
        file: &KitFile,
        rel_path: &str,
        placed: Option<&Placed>,
        report: &mut KitSyncReport,
        cancel: &CancellationToken,
    ) -> Result<Option<String>> {
        let target = local_path(folder, rel_path);
        let parent = target.parent().unwrap_or(folder).to_path_buf();
        let name = rel_path.rsplit('/').next().unwrap_or(rel_path).to_owned();
        let kit_digest = file.sha256.to_ascii_lowercase();
        let exists = target.is_file();
        if let Some(placed) = placed
            && exists
            && placed.version == file.version
            && placed.sha256 == kit_digest
        {
            // Current, as placed (what the user did to it since is theirs).
            report.unchanged += 1;
            return Ok(None);
        }
        let there = if exists { sha256_of(&target) } else { None };
        let now_at = match (placed, there) {
            // Deleted here (or never placed): fetched (again).
            (_, None) => {
                std::fs::create_dir_all(&parent)
                    .map_err(|error| io_error(FileAction::Create, &parent, &error))?;
                let staged = self.stage_kit_file(file, staging, cancel).await?;
                let put = publish(&staged, &parent, &name)?;
                let rel = rel_of(folder, &put);
                if placed.is_some() {
                    report.restored.push(rel.clone());
                } else {
                    report.added.push(rel.clone());
                }
                rel
            }
            // Already the kit's bytes (a copy the user put there, or an
            // update that changed nothing).
            (_, Some(digest)) if digest == kit_digest => {
                report.unchanged += 1;
                rel_path.to_owned()
            }
            // The kit updated a file the user left alone: replaced.
            (Some(placed), Some(digest)) if digest == placed.sha256 => {
                let staged = self.stage_kit_file(file, staging, cancel).await?;
                // Checked again just before: an edit made meanwhile wins.
                if sha256_of(&target).as_deref() == Some(placed.sha256.as_str()) {
                    std::fs::rename(&staged, &target)
                        .map_err(|error| io_error(FileAction::Replace, &target, &error))?;
                    report.updated.push(rel_path.to_owned());
                    rel_path.to_owned()
                } else {
                    keep_beside(folder, &staged, rel_path, file.version, report)?
                }
            }
            // The user's own file (changed, or one that was there first):
            // it stays, the kit's goes beside it.
            (_, Some(_)) => {
                let staged = self.stage_kit_file(file, staging, cancel).await?;
                keep_beside(folder, &staged, rel_path, file.version, report)?
            }
        };
        Ok(Some(now_at))
    }

    /// Downloads kit `file` into the sync's `staging` folder; answers the
    /// staged file once its bytes are the ones the kit lists (a file that
    /// changed on the portal since the listing waits for the next sync).
    async fn stage_kit_file(
        &self,
        file: &KitFile,
        staging: &Path,
        cancel: &CancellationToken,
    ) -> Result<PathBuf> {
        let staged = self
            .fetch_kit_file(file, staging, &staged_name(file), cancel)
            .await?;
        if sha256_of(&staged).is_some_and(|digest| digest == file.sha256.to_ascii_lowercase()) {
            return Ok(staged);
        }
        let _ = std::fs::remove_file(&staged);
        Err(Error::Download(text("kit-other-bytes", &[])))
    }

    /// Downloads kit `file` into `folder` as `name` (or the first free
    /// numbered form of it) through the download engine: checked against
    /// the listed size and digest.
    async fn fetch_kit_file(
        &self,
        file: &KitFile,
        folder: &Path,
        name: &str,
        cancel: &CancellationToken,
    ) -> Result<PathBuf> {
        let request = DownloadRequest {
            path: paths::partner_kit_content_path(file.id),
            folder: folder.to_path_buf(),
            file_name: name.to_owned(),
            expected_size: Some(file.size),
            expected_sha256: Some(file.sha256.to_ascii_lowercase()),
            stall: StallRule::default(),
        };
        Ok(self.download(&request, cancel, &|_| {}).await?.path)
    }
}

/// Each file's path as it is named on this computer: made safe part by part, names kept apart (case aside)
/// within each folder, in the order of the files' ids.
pub fn local_names(files: &[KitFile]) -> HashMap<i64, Vec<String>> {
    let mut ordered: Vec<&KitFile> = files.iter().collect();
    ordered.sort_by_key(|file| file.id);
    // (folder as planned, raw part, is a folder) -> name given.
    let mut given: HashMap<(String, String, bool), String> = HashMap::new();
    let mut taken: HashMap<String, HashSet<String>> = HashMap::new();
    let mut names = HashMap::new();
    for file in ordered {
        let mut planned: Vec<String> = Vec::new();
        let last = file.path.len().saturating_sub(1);
        for (index, raw) in file.path.iter().enumerate() {
            let parent = planned.join("/");
            let is_folder = index < last;
            let key = (parent.clone(), raw.clone(), is_folder);
            let name = match given.get(&key) {
                Some(name) if is_folder => name.clone(),
                _ => {
                    let fallback = if is_folder { "Folder" } else { "file" };
                    let wanted = safe_file_name(raw, fallback);
                    let siblings = taken.entry(parent).or_default();
                    let mut name = wanted.clone();
                    let mut n = 0;
                    while !siblings.insert(name.to_lowercase()) {
                        n += 1;
                        name = numbered_name(&wanted, n);
                    }
                    given.insert(key, name.clone());
                    name
                }
            };
            planned.push(name);
        }
        if planned.is_empty() {
            planned.push(format!("file {}", file.id));
        }
        names.insert(file.id, planned);
    }
    names
}

/// What a download of kit `file` is, for the download engine's library:
/// saved as `file_name`.
pub fn kit_download_source(file: &KitFile, file_name: &str) -> DownloadSource {
    DownloadSource {
        source: format!("kit:{}", file.id),
        title: file.path_line(),
        api_path: paths::partner_kit_content_path(file.id),
        file_name: file_name.to_owned(),
        media_type: file.media_type.clone(),
        size: file.size,
        sha256: file.sha256.to_ascii_lowercase(),
    }
}

/// Puts the staged kit file beside the user's file at `yours` as
/// `Name (kit version N).ext`, never replacing anything; reports it and
/// answers where it went, under `folder`.
fn keep_beside(
    folder: &Path,
    staged: &Path,
    yours: &str,
    version: i64,
    report: &mut KitSyncReport,
) -> Result<String> {
    let target = local_path(folder, yours);
    let parent = target.parent().unwrap_or(folder);
    let name = yours.rsplit('/').next().unwrap_or(yours);
    let beside = rel_of(
        folder,
        &publish(staged, parent, &version_name(name, version))?,
    );
    report.kept_beside.push(KeptBeside {
        yours: yours.to_owned(),
        kits: beside.clone(),
    });
    Ok(beside)
}

/// `folder` joined with a planned relative path (`/`-separated, each part
/// already a safe name).
fn local_path(folder: &Path, rel_path: &str) -> PathBuf {
    rel_path
        .split('/')
        .fold(folder.to_path_buf(), |path, part| path.join(part))
}

/// `path` relative to `folder`, parts joined with `/`.
fn rel_of(folder: &Path, path: &Path) -> String {
    path.strip_prefix(folder)
        .unwrap_or(path)
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The name a kit file is staged under: its id and version, safe anywhere.
fn staged_name(file: &KitFile) -> String {
    format!("{}-v{}", file.id, file.version)
}

/// `Name (kit version N).ext`.
fn version_name(name: &str, version: i64) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && extension.len() <= 16 => {
            format!("{stem} (kit version {version}).{extension}")
        }
        _ => format!("{name} (kit version {version})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(id: i64, path: &[&str]) -> KitFile {
        KitFile {
            id,
            path: path.iter().map(|part| (*part).to_owned()).collect(),
            media_type: "text/plain".into(),
            size: 1,
            sha256: String::new(),
            version: 1,
            updated_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn hostile_and_colliding_names_become_safe_distinct_and_stable() {
        let files = [
            file(3, &["Logos", "logo.png"]),
            file(1, &["Logos", "Logo.png"]),
            file(2, &["..", "..", "etc", "passwd"]),
            file(4, &["Logos", "a:b.png"]),
            file(5, &["Logos", "a|b.png"]),
            file(6, &["CON", "NUL.txt"]),
            file(7, &[]),
            file(8, &["logos", "x.txt"]),
        ];
        let names = local_names(&files);
        assert_eq!(names[&1], ["Logos", "Logo.png"]);
        assert_eq!(
            names[&3],
            ["Logos", "logo (1).png"],
            "the later id gives way"
        );
        for (id, parts) in &names {
            for part in parts {
                assert!(
                    crate::safe_names::invariant_violations(part).is_empty(),
                    "{id}: {part:?}"
                );
            }
        }
        assert_ne!(names[&4], names[&5]);
        assert!(!names[&2].iter().any(|part| part == ".."));
        assert_eq!(names[&7], ["file 7"]);
        assert_eq!(
            names[&8][0], "logos (1)",
            "a folder differing only in case is kept apart"
        );
        assert_eq!(local_names(&files), names, "the same names every time");
        assert_eq!(
            version_name("Brochure.pdf", 3),
            "Brochure (kit version 3).pdf"
        );
        assert_eq!(version_name("README", 2), "README (kit version 2)");
    }
}
