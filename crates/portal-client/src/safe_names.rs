//! Safe local file names for anything the portal names: one path component
//! that is valid and harmless on Windows, macOS and Linux alike, whatever the
//! portal sent, and a way to join it to a folder that cannot leave it.
//!
//! The rules, applied on every OS so files stay portable: no separators and
//! nothing that walks up (`..`); no control, bidi-override or zero-width
//! characters; none of `< > : " / \ | ? *` (Windows; `:` would open an NTFS
//! alternate data stream); no reserved device names (CON, PRN, AUX, NUL,
//! COM0–9, LPT0–9 and their superscript-digit forms, and the console's
//! CONIN$ and CONOUT$, with CLOCK$ of older Windows) whatever follows the
//! first dot; no leading or trailing dots or spaces; no run of whitespace
//! (which could push a real extension out of sight, as in
//! `invoice.pdf            .exe`), and every kind of space becomes a plain
//! one; Unicode NFC; at most 255 bytes, keeping the extension; never empty.

use std::path::{Component, Path, PathBuf};

use unicode_normalization::{UnicodeNormalization, is_nfc};

use crate::error::{Error, Result};

/// Longest name, in bytes (the limit of ext4, APFS and NTFS alike, in their
/// own units; bytes is the strictest).
pub const MAX_NAME_BYTES: usize = 255;
/// Longest extension kept whole when a name is shortened, in bytes.
const MAX_EXTENSION_BYTES: usize = 32;
/// Characters Windows does not allow in names.
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];
/// Device names Windows reserves, with any extension.
pub(crate) const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
    "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
    "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³", "CONIN$", "CONOUT$", "CLOCK$",
];

/// Turns a name the portal supplied into one safe path component; an empty
/// or hopeless name becomes `fallback` (itself made safe, or `download`).
pub fn safe_file_name(raw: &str, fallback: &str) -> String {
    let name = clean(raw);
    if !name.is_empty() {
        return name;
    }
    let fallback = clean(fallback);
    if fallback.is_empty() {
        "download".to_owned()
    } else {
        fallback
    }
}

/// `Name (n).ext` for the n-th alternative to `name` when `name` is taken,
/// still within [`MAX_NAME_BYTES`].
pub fn numbered_name(name: &str, n: u32) -> String {
    let (stem, extension) = match split_extension(name) {
        (stem, extension) if extension.len() <= MAX_EXTENSION_BYTES => (stem, extension),
        _ => (name, ""),
    };
    let suffix = format!(" ({n}){extension}");
    let stem = truncate_to_bytes(stem, MAX_NAME_BYTES.saturating_sub(suffix.len()));
    let stem = stem.trim_end_matches([' ', '.']);
    let stem = if stem.is_empty() { "download" } else { stem };
    format!("{stem}{suffix}")
}

/// `folder/name`, refusing any `name` that is not exactly one ordinary path
/// component (so the result is always directly inside `folder`).
pub fn join_inside(folder: &Path, name: &str) -> Result<PathBuf> {
    let mut components = Path::new(name).components();
    let single = matches!(
        (components.next(), components.next()),
        (Some(Component::Normal(part)), None) if part == std::ffi::OsStr::new(name)
    );
    if !single || !invariant_violations(name).is_empty() {
        return Err(Error::local(format!(
            "{name:?} is not a safe file name to put in {}",
            folder.display()
        )));
    }
    let joined = folder.join(name);
    if joined.parent() != Some(folder) {
        return Err(Error::local(format!(
            "{name:?} would land outside {}",
            folder.display()
        )));
    }
    Ok(joined)
}

/// The rules `name` breaks (empty for a safe name). The property test and
/// the fuzz target check every generated name's result against these.
pub fn invariant_violations(name: &str) -> Vec<&'static str> {
    let mut broken = Vec::new();
    if name.is_empty() {
        broken.push("empty");
    }
    if name.len() > MAX_NAME_BYTES {
        broken.push("longer than 255 bytes");
    }
    if name.chars().any(|c| FORBIDDEN.contains(&c)) {
        broken.push("a separator or a character Windows forbids");
    }
    if name.chars().any(is_unwanted) {
        broken.push("a control, bidi or zero-width character");
    }
    if name == "." || name == ".." {
        broken.push("a dot name");
    }
    if name.starts_with(['.', ' ']) || name.ends_with(['.', ' ']) {
        broken.push("a leading or trailing dot or space");
    }
    if name.contains("  ") || name.chars().any(|c| c.is_whitespace() && c != ' ') {
        broken.push("a run of whitespace or a space other than a plain one");
    }
    if is_reserved(name) {
        broken.push("a reserved device name");
    }
    if !is_nfc(name) {
        broken.push("not in Unicode NFC");
    }
    broken
}

fn clean(raw: &str) -> String {
    let normalised: String = raw.nfc().collect();
    let replaced: String = normalised
        .chars()
        .filter(|&c| !is_unwanted(c))
        .map(|c| if FORBIDDEN.contains(&c) { '_' } else { c })
        .collect();
    let mut name: String = collapse_whitespace(&replaced).nfc().collect();
    // Each pass can only shorten the name, so this ends.
    loop {
        let trimmed = name.trim_matches([' ', '.']).to_owned();
        let shortened = shorten(&trimmed);
        let settled = if is_reserved(&shortened) {
            format!("_{shortened}")
        } else {
            shortened
        };
        if settled == name {
            return name;
        }
        name = settled;
    }
}

/// Every run of whitespace as one plain space.
fn collapse_whitespace(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_run {
                collapsed.push(' ');
            }
            in_run = true;
        } else {
            collapsed.push(c);
            in_run = false;
        }
    }
    collapsed
}

/// At most [`MAX_NAME_BYTES`], keeping a short extension whole.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_NAME_BYTES {
        return name.to_owned();
    }
    let (stem, extension) = split_extension(name);
    if extension.len() <= MAX_EXTENSION_BYTES && stem.len() > extension.len() {
        let stem = truncate_to_bytes(stem, MAX_NAME_BYTES - extension.len());
        format!("{}{extension}", stem.trim_end_matches([' ', '.']))
    } else {
        truncate_to_bytes(name, MAX_NAME_BYTES).to_owned()
    }
}

/// `("report", ".pdf")` for `report.pdf`; no extension for dot-less names.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(index) if index > 0 => name.split_at(index),
        _ => (name, ""),
    }
}

/// The longest prefix of `text` of at most `limit` bytes that ends on a
/// character boundary and does not split a base character from its
/// combining marks.
fn truncate_to_bytes(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    while end > 0
        && text[end..]
            .chars()
            .next()
            .is_some_and(unicode_normalization::char::is_combining_mark)
    {
        end -= 1;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
    }
    &text[..end]
}

/// Controls (C0, DEL, C1), bidi embeddings, overrides, isolates and marks,
/// zero-width characters and the byte-order mark.
fn is_unwanted(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{061C}'
                | '\u{FEFF}'
        )
}

/// True when the part before the first dot, without trailing spaces, is a
/// reserved device name (in any case).
fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    RESERVED.iter().any(|reserved| {
        reserved
            .chars()
            .flat_map(char::to_lowercase)
            .eq(stem.chars().flat_map(char::to_lowercase))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safe(raw: &str) -> String {
        safe_file_name(raw, "document.pdf")
    }

    #[test]
    fn ordinary_names_pass_unchanged() {
        for name in [
            "Installation Guide.pdf",
            "Q-2026-0042.pdf",
            "Überweisung März.pdf",
            "報告.pdf",
        ] {
            assert_eq!(safe(name), name);
        }
    }

    #[test]
    fn hostile_names_become_safe_ones() {
        for (raw, expected) in [
            ("../../etc/passwd", "_.._etc_passwd"),
            ("..\\..\\Windows\\win.ini", "_.._Windows_win.ini"),
            ("/absolute/path.pdf", "_absolute_path.pdf"),
            ("C:\\boot.ini", "C__boot.ini"),
            ("report.pdf:Zone.Identifier", "report.pdf_Zone.Identifier"),
            ("NUL", "_NUL"),
            ("nul.tar.gz", "_nul.tar.gz"),
            ("COM1 .txt", "_COM1 .txt"),
            ("LPT¹.pdf", "_LPT¹.pdf"),
            ("invoice.pdf.  ", "invoice.pdf"),
            ("...", "document.pdf"),
            ("", "document.pdf"),
            ("evil\u{202E}fdp.exe", "evilfdp.exe"),
            ("line\nbreak\t.pdf", "linebreak.pdf"),
            ("zero\u{200B}width.pdf", "zerowidth.pdf"),
            (".hidden", "hidden"),
            ("a<b>c|d?e*f\"g.pdf", "a_b_c_d_e_f_g.pdf"),
            ("Cafe\u{301}.pdf", "Café.pdf"),
            ("CONIN$", "_CONIN$"),
            ("conout$.txt", "_conout$.txt"),
            ("CLOCK$.log", "_CLOCK$.log"),
            ("invoice.pdf            .exe", "invoice.pdf .exe"),
            ("invoice.pdf\u{2003}\u{3000}\u{A0}.exe", "invoice.pdf .exe"),
            ("two  spaces.pdf", "two spaces.pdf"),
        ] {
            let name = safe(raw);
            assert_eq!(name, expected, "for {raw:?}");
            assert!(invariant_violations(&name).is_empty(), "{raw:?} → {name:?}");
        }
    }

    #[test]
    fn long_names_keep_their_extension_and_whole_characters() {
        let name = safe(&format!("{}.pdf", "é".repeat(300)));
        assert!(name.len() <= MAX_NAME_BYTES);
        assert!(name.ends_with("é.pdf"));
        let combining = safe(&format!("{}.pdf", "e\u{301}\u{302}".repeat(100)));
        assert!(combining.len() <= MAX_NAME_BYTES && combining.ends_with(".pdf"));
        assert!(invariant_violations(&combining).is_empty(), "{combining:?}");
    }

    #[test]
    fn numbered_alternatives_keep_the_extension_and_the_limit() {
        assert_eq!(numbered_name("Invoice.pdf", 1), "Invoice (1).pdf");
        assert_eq!(numbered_name("README", 12), "README (12)");
        let long = safe(&format!("{}.pdf", "x".repeat(300)));
        let numbered = numbered_name(&long, 7);
        assert!(numbered.len() <= MAX_NAME_BYTES && numbered.ends_with(" (7).pdf"));
    }

    #[test]
    fn joining_stays_inside_the_folder() {
        let folder = Path::new("/downloads/Portal Desk");
        assert_eq!(
            join_inside(folder, "Invoice.pdf").unwrap(),
            folder.join("Invoice.pdf")
        );
        for bad in ["../x.pdf", "a/b.pdf", "/etc/passwd", "..", ".", "", "NUL"] {
            assert!(join_inside(folder, bad).is_err(), "{bad:?}");
        }
    }
}
