//! Where Portal Desk keeps its files: the platform's config, data and cache
//! folders, or all three under `PORTAL_DESK_HOME` when that is set.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Environment variable that moves every file of the app and `pdesk` under
/// one folder, so tests and scripts never touch a real profile.
pub const HOME_ENV: &str = "PORTAL_DESK_HOME";

/// The folder inside the user's Downloads folder that downloads go to.
pub const DOWNLOADS_SUBFOLDER: &str = "Portal Desk";

/// The folders the app writes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    /// Settings and the account list (no secrets).
    pub config: PathBuf,
    /// Per-account local stores.
    pub data: PathBuf,
    /// Files that can be fetched again.
    pub cache: PathBuf,
    /// Where downloads go unless the user picks another folder: the user's
    /// Downloads folder plus `Portal Desk`.
    pub downloads: PathBuf,
}

impl AppDirs {
    /// `PORTAL_DESK_HOME` if set, else the platform's folders.
    pub fn from_env() -> Result<Self> {
        match std::env::var_os(HOME_ENV).filter(|value| !value.is_empty()) {
            Some(home) => Ok(Self::under(Path::new(&home))),
            None => Self::platform(),
        }
    }

    /// `config/`, `data/`, `cache/` and `Downloads/Portal Desk/` under one
    /// folder.
    pub fn under(home: &Path) -> Self {
        Self {
            config: home.join("config"),
            data: home.join("data"),
            cache: home.join("cache"),
            downloads: home.join("Downloads").join(DOWNLOADS_SUBFOLDER),
        }
    }

    /// The platform's folders for Portal Desk.
    pub fn platform() -> Result<Self> {
        let project = directories::ProjectDirs::from("app", "Portal Desk", "Portal Desk")
            .ok_or_else(|| Error::local(portal_i18n::text("dirs-no-home", &[])))?;
        let user = directories::UserDirs::new()
            .ok_or_else(|| Error::local(portal_i18n::text("dirs-no-home", &[])))?;
        let downloads = user
            .download_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| user.home_dir().join("Downloads"));
        Ok(Self {
            config: project.config_dir().to_path_buf(),
            data: project.data_dir().to_path_buf(),
            cache: project.cache_dir().to_path_buf(),
            downloads: downloads.join(DOWNLOADS_SUBFOLDER),
        })
    }

    /// The folder of one account's local data.
    pub fn account_data(&self, account_id: &str) -> PathBuf {
        self.data.join("accounts").join(account_id)
    }
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a
/// crash leaves either the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_atomically(path, bytes, false)
}

/// Like [`write_atomically`], for secrets the user saves (recovery codes):
/// on Unix only the user can read the file.
pub fn write_private_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_atomically(path, bytes, true)
}

fn write_file_atomically(path: &Path, bytes: &[u8], private: bool) -> Result<()> {
    use std::io::Write;
    let parent = path
        .parent()
        .ok_or_else(|| Error::local(format!("{} has no parent folder", path.display())))?;
    std::fs::create_dir_all(parent).map_err(|error| {
        Error::local_because(format!("cannot create {}", parent.display()), error)
    })?;
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = parent.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let mut file = options.open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        if let Ok(folder) = std::fs::File::open(parent) {
            let _ = folder.sync_all();
        }
        Ok(())
    };
    write().map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        Error::local_because(format!("cannot write {}", path.display()), error)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_puts_everything_under_one_folder() {
        let dirs = AppDirs::under(Path::new("/tmp/pd"));
        assert_eq!(dirs.config, Path::new("/tmp/pd/config"));
        assert_eq!(
            dirs.account_data("abc"),
            Path::new("/tmp/pd/data/accounts/abc")
        );
        assert_eq!(dirs.downloads, Path::new("/tmp/pd/Downloads/Portal Desk"));
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("nested/accounts.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }
}
