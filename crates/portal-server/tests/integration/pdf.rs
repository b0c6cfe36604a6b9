//! The demo's PDF documents open in a real PDF reader (poppler's pdftotext
//! and pdfinfo), with every line of text and the right number of pages.
//! The PDF bytes do not depend on the system; the reader is Linux's, so the
//! Windows run leaves this to the Linux one.
#![cfg(unix)]

use std::process::Command;

fn poppler(tool: &str, args: &[&std::ffi::OsStr]) -> String {
    assert!(
        desktop_session::on_path(tool),
        "{tool} is not installed (Debian/Ubuntu package poppler-utils); `cargo xtask test` installs it"
    );
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("run {tool}: {error}"));
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_generated_invoice_reads_back_in_a_pdf_reader() {
    let lines: Vec<String> = (1..=70)
        .map(|n| format!("{n:>3}  Support hours (March) — Größe {n}   € {n}.00"))
        .collect();
    let pdf = portal_server::pdf::text_document("Invoice INV-2026-0042", &lines);
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("invoice.pdf");
    std::fs::write(&path, &pdf).unwrap();

    let info = poppler("pdfinfo", &[path.as_os_str()]);
    assert!(
        info.lines()
            .any(|line| line.starts_with("Pages:") && line.ends_with(" 2")),
        "{info}"
    );
    let text = poppler(
        "pdftotext",
        &["-layout".as_ref(), path.as_os_str(), "-".as_ref()],
    );
    // Spacing is the reader's layout; the words and their order are ours.
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Invoice INV-2026-0042"), "{text}");
    for n in [1, 48, 70] {
        assert!(
            words.contains(&format!("{n} Support hours (March) — Größe {n} € {n}.00")),
            "line {n} in {text}"
        );
    }
}
