//! How the page is shown on this computer, for every account: how large
//! (the webview's zoom, so every screen reflows as it would for a larger
//! system text size) and in which language.

use portal_i18n::Language;
use serde::Serialize;
use tauri::{Runtime, State, Webview};

use crate::commands::CommandResult;
use crate::desk::Desk;
use crate::desk::preferences::{LanguageSetting, TEXT_SIZE_CHOICES_PERCENT};

/// The page's size and the sizes to choose from.
#[derive(Debug, Serialize)]
pub struct TextSize {
    /// The size now, in percent.
    pub percent: u32,
    /// The sizes the user may choose, in percent.
    pub choices: Vec<u32>,
}

/// The page's size and the choices.
#[tauri::command(rename_all = "snake_case")]
pub fn text_size(desk: State<'_, Desk>) -> TextSize {
    TextSize {
        percent: desk.text_size_percent(),
        choices: TEXT_SIZE_CHOICES_PERCENT.to_vec(),
    }
}

/// Remembers the page's size and shows the page at it.
#[tauri::command(rename_all = "snake_case")]
pub fn set_text_size<R: Runtime>(
    webview: Webview<R>,
    desk: State<'_, Desk>,
    percent: u32,
) -> CommandResult<()> {
    desk.set_text_size_percent(percent)?;
    crate::shell::display::show_at(&webview, percent);
    Ok(())
}

/// A language the user may choose.
#[derive(Debug, Serialize)]
pub struct LanguageChoice {
    /// Its code (`en`, `de`).
    pub code: &'static str,
    /// Its name in itself.
    pub name: &'static str,
}

/// The language shown, what was chosen, and the page's catalogue in it.
#[derive(Debug, Serialize)]
pub struct LanguageView {
    /// The code of the language shown.
    pub language: &'static str,
    /// The code chosen in Settings, or `system`.
    pub choice: &'static str,
    /// The code of the system's language (as far as Portal Desk has it).
    pub system: &'static str,
    /// The languages to choose from.
    pub choices: Vec<LanguageChoice>,
    /// The page's Fluent catalogue in the language shown.
    pub catalogue: &'static str,
}

/// The language shown and the page's catalogue in it.
#[tauri::command(rename_all = "snake_case")]
pub fn language(desk: State<'_, Desk>) -> LanguageView {
    language_view(desk.language_setting())
}

/// Chooses the language (`system`, `en` or `de`) and answers the page's
/// catalogue in the language now shown.
#[tauri::command(rename_all = "snake_case")]
pub fn set_language(desk: State<'_, Desk>, choice: String) -> CommandResult<LanguageView> {
    desk.choose_language(&choice).map(language_view)
}

fn language_view(setting: LanguageSetting) -> LanguageView {
    LanguageView {
        language: setting.shown.code(),
        choice: setting.chosen.map_or("system", Language::code),
        system: setting.system.code(),
        choices: Language::ALL
            .into_iter()
            .map(|language| LanguageChoice {
                code: language.code(),
                name: language.own_name(),
            })
            .collect(),
        catalogue: page_catalogue(setting.shown),
    }
}

/// The files of a language's catalogue, in `ui/locales/LANG/` (a test
/// checks that none there is left out).
macro_rules! page_catalogue_in {
    ($language:literal) => {
        page_catalogue_in!($language; "shell", "documents", "tickets", "library", "outbox", "profile", "contacts", "accounts")
    };
    ($language:literal; $($file:literal),+) => {
        concat!($(include_str!(concat!("../../ui/locales/", $language, "/", $file, ".ftl")), "\n"),+)
    };
}

/// The page's catalogue in `language`: every `.ftl` file of
/// `ui/locales/LANG/`, one after the other (one Fluent resource).
pub fn page_catalogue(language: Language) -> &'static str {
    match language {
        Language::English => page_catalogue_in!("en"),
        Language::German => page_catalogue_in!("de"),
    }
}
