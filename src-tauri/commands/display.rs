//! How large the page is shown: the user's choice, kept for every account
//! and applied to the webview's zoom (so every screen reflows as it would
//! for a larger system text size).

use serde::Serialize;
use tauri::{Runtime, State, Webview};

use crate::commands::CommandResult;
use crate::desk::Desk;
use crate::desk::preferences::TEXT_SIZE_CHOICES_PERCENT;

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
