//! Preferences kept on this computer (no secrets): each account's own (the
//! folder last chosen with "Save to…", in the account's data folder, so
//! one customer's files never land in another's folder unasked) and the
//! app's (how often to look for ticket updates, in every account).

use std::path::{Path, PathBuf};

use portal_client::{Core, Error, Result, Session};
use portal_i18n::Language;
use portal_i18n::text;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::desk::Desk;

/// How often the app looks for ticket updates unless the user chose
/// otherwise.
pub const DEFAULT_POLL_MINUTES: u32 = 2;
/// The intervals the user may choose, in minutes.
pub const POLL_CHOICES_MINUTES: [u32; 4] = [1, 2, 5, 15];

/// The page's size, in percent of the webview's own, unless the user chose
/// otherwise.
pub const DEFAULT_TEXT_SIZE_PERCENT: u32 = 100;
/// The page sizes the user may choose, in percent (up to twice the size,
/// which every screen is laid out for).
pub const TEXT_SIZE_CHOICES_PERCENT: [u32; 5] = [100, 125, 150, 175, 200];

/// The name of a preferences file, in the app's config folder and in each
/// account's data folder.
const PREFERENCES_FILE: &str = "preferences.json";

/// Where downloads go.
#[derive(Debug, Clone, Serialize)]
pub struct DownloadFolders {
    /// Downloads/Portal Desk.
    pub default_folder: PathBuf,
    /// The folder this account last picked with "Save to…", if any.
    pub chosen_folder: Option<PathBuf>,
}

/// Which language is shown, and why.
#[derive(Debug, Clone, Copy)]
pub struct LanguageSetting {
    /// The language shown.
    pub shown: Language,
    /// The one chosen in Settings; none follows the system's.
    pub chosen: Option<Language>,
    /// The system's language, as far as Portal Desk has it.
    pub system: Language,
}

/// One account's preferences.
#[derive(Debug, Default, Serialize, Deserialize)]
struct AccountPreferences {
    chosen_download_folder: Option<PathBuf>,
    /// The folder kept in sync with the Partner Kit, if one is.
    #[serde(default)]
    kit_sync_folder: Option<PathBuf>,
}

/// The app's preferences, for every account.
#[derive(Debug, Default, Serialize, Deserialize)]
struct AppPreferences {
    #[serde(default)]
    ticket_poll_minutes: Option<u32>,
    #[serde(default)]
    text_size_percent: Option<u32>,
    /// The language chosen (`en`, `de`); none follows the system's.
    #[serde(default)]
    language: Option<String>,
}

impl Desk {
    /// The default and the shown account's chosen download folders.
    pub async fn download_folders(&self) -> Result<DownloadFolders> {
        let session = self.session().await?;
        Ok(DownloadFolders {
            default_folder: self.core.dirs().downloads.clone(),
            chosen_folder: account_preferences(&session).chosen_download_folder,
        })
    }

    /// Remembers the folder the shown account picked with "Save to…".
    pub async fn remember_download_folder(&self, folder: &Path) -> Result<()> {
        let session = self.session().await?;
        let mut preferences = account_preferences(&session);
        preferences.chosen_download_folder = Some(folder.to_path_buf());
        write_preferences(&account_preferences_path(&session), &preferences)
    }

    /// The folder `session`'s account keeps in sync with the Partner Kit.
    pub(crate) fn kit_sync_folder(session: &Session) -> Option<PathBuf> {
        account_preferences(session).kit_sync_folder
    }

    /// Remembers (or, with `None`, forgets) the folder `session`'s account
    /// keeps in sync with the Partner Kit.
    pub(crate) fn set_kit_sync_folder(session: &Session, folder: Option<&Path>) -> Result<()> {
        let mut preferences = account_preferences(session);
        preferences.kit_sync_folder = folder.map(Path::to_path_buf);
        write_preferences(&account_preferences_path(session), &preferences)
    }

    /// Minutes between ticket update checks (the user's choice).
    pub fn poll_minutes(&self) -> u32 {
        self.app_preferences()
            .ticket_poll_minutes
            .filter(|minutes| POLL_CHOICES_MINUTES.contains(minutes))
            .unwrap_or(DEFAULT_POLL_MINUTES)
    }

    /// Remembers how often to check for ticket updates.
    pub fn set_poll_minutes(&self, minutes: u32) -> Result<()> {
        one_of(
            &POLL_CHOICES_MINUTES,
            minutes,
            "Choose 1, 2, 5 or 15 minutes.",
        )?;
        self.update_app_preferences(|preferences| preferences.ticket_poll_minutes = Some(minutes))
    }

    /// How large the page is shown, in percent (the user's choice).
    pub fn text_size_percent(&self) -> u32 {
        self.app_preferences()
            .text_size_percent
            .filter(|percent| TEXT_SIZE_CHOICES_PERCENT.contains(percent))
            .unwrap_or(DEFAULT_TEXT_SIZE_PERCENT)
    }

    /// Remembers how large to show the page, in percent.
    pub fn set_text_size_percent(&self, percent: u32) -> Result<()> {
        one_of(
            &TEXT_SIZE_CHOICES_PERCENT,
            percent,
            "Choose 100, 125, 150, 175 or 200 percent.",
        )?;
        self.update_app_preferences(|preferences| preferences.text_size_percent = Some(percent))
    }

    /// The language shown, the one chosen in Settings and the system's
    /// (the preferences read once).
    pub fn language_setting(&self) -> LanguageSetting {
        language_setting_of(&self.core)
    }

    /// Remembers the language chosen, `system` or a language's code (`en`,
    /// `de`), and gives the core's messages in the language now shown.
    pub fn choose_language(&self, choice: &str) -> Result<LanguageSetting> {
        let chosen = match choice {
            "system" => None,
            code => Some(
                Language::from_code(code)
                    .filter(|language| language.code() == code)
                    .ok_or_else(|| Error::Validation {
                        message: portal_i18n::text(
                            "error-language-unknown",
                            &[("code", code.into())],
                        ),
                        fields: Vec::new(),
                    })?,
            ),
        };
        self.update_app_preferences(|preferences| {
            preferences.language = chosen.map(|language| language.code().to_owned())
        })?;
        let setting = self.language_setting();
        portal_i18n::set_current(setting.shown);
        Ok(setting)
    }

    /// The folder a download of `session`'s account goes to: the default
    /// one, or (`chosen`) the one it picked with "Save to…".
    pub(crate) fn download_folder(&self, session: &Session, chosen: bool) -> Result<PathBuf> {
        if !chosen {
            return Ok(self.core.dirs().downloads.clone());
        }
        account_preferences(session)
            .chosen_download_folder
            .ok_or_else(|| Error::Destination(text("desk-no-folder-chosen", &[])))
    }

    fn app_preferences_path(&self) -> PathBuf {
        self.core.dirs().config.join(PREFERENCES_FILE)
    }

    fn app_preferences(&self) -> AppPreferences {
        read_preferences(&self.app_preferences_path())
    }

    /// Reads the app's preferences, applies `change` and writes them.
    fn update_app_preferences(&self, change: impl FnOnce(&mut AppPreferences)) -> Result<()> {
        let mut preferences = self.app_preferences();
        change(&mut preferences);
        write_preferences(&self.app_preferences_path(), &preferences)
    }
}

/// Refuses `value` with `message` unless it is one of `choices`.
fn one_of(choices: &[u32], value: u32, message: &str) -> Result<()> {
    if choices.contains(&value) {
        Ok(())
    } else {
        Err(Error::Validation {
            message: message.into(),
            fields: Vec::new(),
        })
    }
}

fn account_preferences_path(session: &Session) -> PathBuf {
    session
        .dirs()
        .account_data(&session.account().id)
        .join(PREFERENCES_FILE)
}

fn account_preferences(session: &Session) -> AccountPreferences {
    read_preferences(&account_preferences_path(session))
}

/// A preferences file as written, or the defaults when it is missing or
/// unreadable (preferences are never worth refusing to work over).
/// The language shown, the one chosen in Settings and the system's, read
/// from `core`'s preferences without a desk (at start-up, before it is
/// built).
pub(crate) fn language_setting_of(core: &Core) -> LanguageSetting {
    let preferences: AppPreferences = read_preferences(&core.dirs().config.join(PREFERENCES_FILE));
    let chosen = preferences
        .language
        .as_deref()
        .and_then(Language::from_code);
    let system = Language::of_system();
    LanguageSetting {
        shown: chosen.unwrap_or(system),
        chosen,
        system,
    }
}

fn read_preferences<T: DeserializeOwned + Default>(path: &Path) -> T {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn write_preferences<T: Serialize>(path: &Path, preferences: &T) -> Result<()> {
    let json = serde_json::to_vec_pretty(preferences).map_err(Error::local_source)?;
    portal_client::dirs::write_atomically(path, &json)
}
