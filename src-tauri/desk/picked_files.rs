//! The files the user picked in a file dialog (or that a saved draft made
//! of picked files holds): the only files an upload may read, whatever
//! paths the webview names.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use portal_client::{Error, Result};
use portal_i18n::text;

/// Paths the user picked in a file dialog (or that a saved draft made of
/// picked paths holds): the only files uploads may read.
#[derive(Default)]
pub struct PickedFiles(Mutex<HashSet<PathBuf>>);

impl PickedFiles {
    pub(crate) fn allow(&self, paths: impl IntoIterator<Item = PathBuf>) {
        self.lock().extend(paths);
    }

    /// Forgets every picked file (at sign-out: the next user of this app
    /// picks their own).
    pub fn forget_all(&self) {
        self.lock().clear();
    }

    pub(crate) fn only_picked(&self, paths: &[PathBuf]) -> Result<()> {
        let picked = self.lock();
        match paths.iter().find(|path| !picked.contains(*path)) {
            Some(path) => Err(Error::Validation {
                message: text(
                    "desk-not-picked",
                    &[("path", path.display().to_string().into())],
                ),
                fields: Vec::new(),
            }),
            None => Ok(()),
        }
    }

    pub(crate) fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picked_files_are_forgotten_at_sign_out() {
        let picked = PickedFiles::default();
        let file = PathBuf::from("/home/ada/report.pdf");
        picked.allow([file.clone()]);
        assert!(picked.only_picked(std::slice::from_ref(&file)).is_ok());
        picked.forget_all();
        assert!(picked.only_picked(&[file]).is_err());
    }
}
