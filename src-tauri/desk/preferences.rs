//! The app's own preferences file (no secrets): the folder last chosen with
//! "Save to…" and how often to look for ticket updates.

use std::path::{Path, PathBuf};

use portal_client::{Error, Result};
use serde::{Deserialize, Serialize};

use crate::desk::Desk;

/// How often the app looks for ticket updates unless the user chose
/// otherwise.
pub const DEFAULT_POLL_MINUTES: u32 = 2;
/// The intervals the user may choose, in minutes.
pub const POLL_CHOICES_MINUTES: [u32; 4] = [1, 2, 5, 15];

/// Where downloads go.
#[derive(Debug, Clone, Serialize)]
pub struct DownloadFolders {
    /// Downloads/Portal Desk.
    pub default_folder: PathBuf,
    /// The folder last picked with "Save to…", if any.
    pub chosen_folder: Option<PathBuf>,
}

/// The app's own preferences file (no secrets).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Preferences {
    chosen_download_folder: Option<PathBuf>,
    #[serde(default)]
    ticket_poll_minutes: Option<u32>,
}

impl Desk {
    /// The default and the chosen download folders.
    pub fn download_folders(&self) -> DownloadFolders {
        DownloadFolders {
            default_folder: self.core.dirs().downloads.clone(),
            chosen_folder: self.preferences().chosen_download_folder,
        }
    }

    /// Remembers the folder picked with "Save to…".
    pub fn remember_download_folder(&self, folder: &Path) -> Result<()> {
        let mut preferences = self.preferences();
        preferences.chosen_download_folder = Some(folder.to_path_buf());
        self.save_preferences(&preferences)
    }

    /// Minutes between ticket update checks (the user's choice).
    pub fn poll_minutes(&self) -> u32 {
        self.preferences()
            .ticket_poll_minutes
            .filter(|minutes| POLL_CHOICES_MINUTES.contains(minutes))
            .unwrap_or(DEFAULT_POLL_MINUTES)
    }

    /// Remembers how often to check for ticket updates.
    pub fn set_poll_minutes(&self, minutes: u32) -> Result<()> {
        if !POLL_CHOICES_MINUTES.contains(&minutes) {
            return Err(Error::Validation {
                message: "Choose 1, 2, 5 or 15 minutes.".into(),
                fields: Vec::new(),
            });
        }
        let mut preferences = self.preferences();
        preferences.ticket_poll_minutes = Some(minutes);
        self.save_preferences(&preferences)
    }

    fn save_preferences(&self, preferences: &Preferences) -> Result<()> {
        let json = serde_json::to_vec_pretty(preferences).map_err(Error::local_source)?;
        portal_client::dirs::write_atomically(&self.preferences_path(), &json)
    }

    pub(crate) fn download_folder(&self, chosen: bool) -> Result<PathBuf> {
        if !chosen {
            return Ok(self.core.dirs().downloads.clone());
        }
        self.preferences().chosen_download_folder.ok_or_else(|| {
            Error::Destination("no folder was chosen; use \u{201c}Save to…\u{201d} first".into())
        })
    }

    fn preferences_path(&self) -> PathBuf {
        self.core.dirs().config.join("preferences.json")
    }

    fn preferences(&self) -> Preferences {
        std::fs::read(self.preferences_path())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }
}
