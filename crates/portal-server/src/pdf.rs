//! Small real PDF files for the demo's quotes and invoices: A4 pages of
//! Helvetica text with a title and lines, written with a correct
//! cross-reference table so any viewer opens them.

use std::fmt::Write as _;

/// Lines of text that fit on one A4 page below the title.
const LINES_PER_PAGE: usize = 48;

/// A PDF with `title` in large type on the first page and `lines` below it,
/// continued on further pages as needed. Text outside WinAnsi is replaced
/// with `?` (the standard Helvetica font has no other glyphs).
pub fn text_document(title: &str, lines: &[String]) -> Vec<u8> {
    let pages: Vec<&[String]> = if lines.is_empty() {
        vec![&[]]
    } else {
        lines.chunks(LINES_PER_PAGE).collect()
    };
    // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content
    // stream for each page.
    let page_ids: Vec<usize> = (0..pages.len()).map(|index| 4 + index * 2).collect();
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            page_ids
                .iter()
                .map(|id| format!("{id} 0 R"))
                .collect::<Vec<_>>()
                .join(" "),
            pages.len()
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    ];
    for (index, page_lines) in pages.iter().enumerate() {
        let content_id = page_ids[index] + 1;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
            )
            .into_bytes(),
        );
        let mut stream = String::from("BT\n");
        if index == 0 {
            let _ = writeln!(stream, "/F1 20 Tf 56 780 Td ({}) Tj", escape(title));
            let _ = writeln!(stream, "/F1 11 Tf 0 -36 Td");
        } else {
            let _ = writeln!(stream, "/F1 11 Tf 56 780 Td");
        }
        for line in page_lines.iter() {
            let _ = writeln!(stream, "({}) Tj 0 -14 Td", escape(line));
        }
        stream.push_str("ET\n");
        let bytes = win_ansi(&stream);
        let mut object = format!("<< /Length {} >>\nstream\n", bytes.len()).into_bytes();
        object.extend_from_slice(&bytes);
        object.extend_from_slice(b"endstream");
        objects.push(object);
    }
    let mut file = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (index, object) in objects.iter().enumerate() {
        offsets.push(file.len());
        file.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        file.extend_from_slice(object);
        file.extend_from_slice(b"\nendobj\n");
    }
    let xref = file.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    file.extend_from_slice(table.as_bytes());
    file
}

/// Escapes text for a PDF string literal.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                escaped.push('\\');
                escaped.push(c);
            }
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The text in WinAnsi (Latin-1 plus the euro sign, dashes, quotes,
/// bullet and ellipsis), `?` for the rest.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            c if (0x80..0xA0).contains(&u32::from(c)) => b'?',
            c => u8::try_from(u32::from(c)).unwrap_or(b'?'),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack
            .windows(needle.len())
            .position(|window| window == needle)
    }

    #[test]
    fn the_cross_reference_table_points_at_every_object() {
        let lines: Vec<String> = (1..=60).map(|n| format!("Line {n} (item) Größe")).collect();
        let pdf = text_document("Invoice INV-2026-0001", &lines);
        let tail = &pdf[pdf.len() - 40..];
        let marker = find(tail, b"startxref\n").unwrap() + b"startxref\n".len();
        let start: usize = String::from_utf8_lossy(&tail[marker..])
            .lines()
            .next()
            .and_then(|line| line.parse().ok())
            .unwrap();
        let table = String::from_utf8(pdf[start..].to_vec()).unwrap();
        assert!(table.starts_with("xref\n0 8\n"), "two pages: 7 objects");
        for (number, line) in table.lines().skip(3).take(7).enumerate() {
            let offset: usize = line[..10].parse().unwrap();
            assert!(
                pdf[offset..].starts_with(format!("{} 0 obj", number + 1).as_bytes()),
                "object {}",
                number + 1
            );
        }
        assert!(find(&pdf, b"(Line 1 \\(item\\) Gr\xf6\xdfe) Tj").is_some());
    }
}
