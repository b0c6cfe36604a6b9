//! Which downloaded files the app hands to the system to open.
//!
//! Attachments come from strangers. "Open" passes a file to the desktop,
//! which runs programs and scripts as readily as it shows a PDF, so only
//! inert kinds of document are opened directly: PDF, pictures, plain text,
//! CSV and office documents without macros. Anything else, and anything
//! whose first bytes say it is a program whatever its name, is only shown in
//! its folder, with a sentence saying why. The name rule is hand-written (a
//! short allow-list); programs are recognised by the `infer` crate.

use std::io::Read;
use std::path::Path;

use portal_i18n::text;

/// Extensions (lower case) of the kinds of file opened directly.
const OPENABLE: &[&str] = &[
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "heic", "txt", "log", "csv",
    "tsv", "rtf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp",
];

/// Bytes read from the start of a file to recognise a program.
const SNIFF_BYTES: u64 = 8 * 1024;

/// Why `name` is not opened directly, or `None` when it may be. Windows
/// ignores spaces and dots at the end of a name, so `report.exe . .` counts
/// as an `.exe`.
pub fn open_refusal(name: &str) -> Option<String> {
    let trimmed = name.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    let extension = trimmed
        .rsplit_once('.')
        .map(|(_, extension)| extension.trim().to_lowercase())
        .filter(|extension| !extension.is_empty());
    match extension {
        Some(extension) if OPENABLE.contains(&extension.as_str()) => None,
        Some(extension) => Some(text(
            "open-refused-type",
            &[("extension", extension.into())],
        )),
        None => Some(text("open-refused-no-type", &[])),
    }
}

/// Why the file at `path` is not opened directly: its name (see
/// [`open_refusal`]), or content that starts like a program or a script.
pub fn open_refusal_for_file(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    if let Some(refusal) = open_refusal(&name) {
        return Some(refusal);
    }
    let mut head = Vec::new();
    let read =
        std::fs::File::open(path).and_then(|file| file.take(SNIFF_BYTES).read_to_end(&mut head));
    if read.is_err() {
        return Some(text("open-unreadable", &[("name", name.as_ref().into())]));
    }
    looks_like_a_program(&head)
        .then(|| text("open-program-inside", &[("name", name.as_ref().into())]))
}

/// Executables and libraries of every desktop system (PE, ELF, Mach-O,
/// Java classes, WebAssembly, ...), recognised by their first bytes.
fn looks_like_a_program(head: &[u8]) -> bool {
    infer::get(head).is_some_and(|kind| kind.matcher_type() == infer::MatcherType::App)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_open_and_programs_do_not() {
        for name in [
            "Invoice 1044.pdf",
            "photo.JPG",
            "notes.txt",
            "export.csv",
            "Report.docx",
            "budget.xlsx",
            "Deck.pptx",
        ] {
            assert_eq!(open_refusal(name), None, "{name}");
        }
        for name in [
            "setup.exe",
            "run.bat",
            "run.cmd",
            "shortcut.lnk",
            "link.url",
            "app.hta",
            "screen.scr",
            "package.msi",
            "script.js",
            "script.vbs",
            "script.ps1",
            "tool.jar",
            "launcher.desktop",
            "run.command",
            "shell.terminal",
            "site.webloc",
            "settings.reg",
            "folder.library-ms",
            "invoice.pdf.exe",
            "invoice.pdf     .exe",
            "invoice.exe . .",
            "macros.docm",
            "README",
            "trailing.",
        ] {
            let refusal = open_refusal(name).unwrap_or_else(|| panic!("{name} would be opened"));
            assert!(refusal.contains("open it from its folder"), "{refusal}");
        }
        assert!(open_refusal("tool.JAR").unwrap().contains(".jar files"));
    }

    #[test]
    fn a_program_named_like_a_document_is_not_opened() {
        let folder = tempfile::tempdir().unwrap();
        let disguised = folder.path().join("invoice.pdf");
        std::fs::write(
            &disguised,
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
        )
        .unwrap();
        assert!(
            open_refusal_for_file(&disguised)
                .unwrap()
                .contains("a program inside")
        );
        let elf = folder.path().join("photo.png");
        let mut header = b"\x7fELF\x02\x01\x01".to_vec();
        header.resize(64, 0);
        std::fs::write(&elf, header).unwrap();
        assert!(open_refusal_for_file(&elf).is_some());
        let log = folder.path().join("notes.txt");
        std::fs::write(&log, b"#!/bin/sh is how the script starts\n").unwrap();
        assert_eq!(open_refusal_for_file(&log), None, "text is text");
        let pdf = folder.path().join("real.pdf");
        std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").unwrap();
        assert_eq!(open_refusal_for_file(&pdf), None);
        assert!(open_refusal_for_file(&folder.path().join("gone.pdf")).is_some());
    }
}
