//! The Help dialog's facts: the app's version and system, where the log
//! files are, and the diagnostics text a support team asks for first.

use std::path::PathBuf;

use portal_client::diagnostics::Diagnostics;
use serde::Serialize;

use crate::desk::Desk;
use crate::shell::logs;

/// Log lines the diagnostics carry.
pub const DIAGNOSTIC_LOG_LINES: usize = 40;

/// What the Help dialog shows.
#[derive(Debug, Clone, Serialize)]
pub struct AboutView {
    /// The app's version.
    pub version: String,
    /// The operating system and processor.
    pub system: String,
    /// The folder of the log files.
    pub log_folder: PathBuf,
}

/// The app's version.
pub fn app_version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn system() -> String {
    format!("{} {}", std::env::consts::OS, std::env::consts::ARCH)
}

impl Desk {
    /// Version, system and log folder.
    pub fn about(&self) -> AboutView {
        AboutView {
            version: app_version().to_owned(),
            system: system(),
            log_folder: self.log_folder(),
        }
    }

    /// The folder of the log files.
    pub fn log_folder(&self) -> PathBuf {
        logs::log_folder(self.core.dirs())
    }

    /// The text to paste into a support request: version, system, the
    /// signed-in portal's origin and the last log lines, redacted.
    pub async fn diagnostics(&self) -> String {
        let portal = match self.session().await {
            Ok(session) if session.account().demo => {
                Some("the demo portal inside Portal Desk".to_owned())
            }
            Ok(session) => Some(session.account().origin),
            Err(_) => None,
        };
        tracing::info!("diagnostics copied");
        Diagnostics {
            version: app_version().to_owned(),
            os: system(),
            portal,
            log_lines: logs::recent_lines(&self.log_folder(), DIAGNOSTIC_LOG_LINES),
        }
        .to_text()
    }
}
