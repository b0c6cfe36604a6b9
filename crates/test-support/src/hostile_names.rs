//! File names a hostile or careless portal might send: path tricks, device
//! names, control and bidi characters, Unicode look-alikes, names too long
//! for any file system, and duplicates that differ only in case or form.

use serde_json::{Value, json};

/// At least 50 hostile names (some repeat on purpose).
pub fn hostile_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "../../etc/passwd",
        "..\\..\\Windows\\System32\\evil.dll",
        "/etc/shadow",
        "C:\\boot.ini",
        "C:evil.pdf",
        "\\\\server\\share\\invoice.pdf",
        "~/.bashrc",
        "name/with/slashes.pdf",
        "trailing/",
        "%2e%2e%2fpasswd",
        "CON",
        "con.pdf",
        "NUL.tar.gz",
        "COM1",
        "LPT9.txt",
        "COM\u{b9}.pdf",
        "LPT\u{b3}",
        "AUX.",
        "prn .pdf",
        "CONIN$",
        "invoice.pdf.",
        "invoice.pdf   ",
        " leading space.pdf",
        "...",
        "..",
        ".",
        "",
        "   ",
        "a:b.pdf",
        "file.pdf:Zone.Identifier",
        "x<y>z.pdf",
        "what?.pdf",
        "star*.pdf",
        "pipe|name.pdf",
        "quote\"d.pdf",
        "tab\there.pdf",
        "new\nline.pdf",
        "nul\u{0}byte.pdf",
        "bell\u{7}.pdf",
        "\u{202e}fdp.exe",
        "invoice\u{202e}fdp.exe",
        "zero\u{200b}width.pdf",
        "e\u{301}cole.pdf",
        "\u{e9}cole.pdf",
        ".hidden.pdf",
        ".portal-desk-0000000000000000.part",
        "Invoice.pdf",
        "Invoice.pdf",
        "invoice.PDF",
        "INVOICE.pdf",
        "\u{1f9fe} receipt.pdf",
        "$HOME.pdf",
        "desktop.ini",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    names.push(format!("{}.pdf", "a".repeat(300)));
    names.push(format!("{}.pdf", "\u{e9}".repeat(200)));
    names.push(format!("x.{}", "b".repeat(300)));
    names
}

/// Fixture JSON: one user (`ada@example.com`, password `password`) with a
/// personal document for each hostile name, each with its own content
/// (`content of document N`).
pub fn hostile_documents_fixture(password: &str) -> String {
    let documents: Vec<Value> = hostile_names()
        .iter()
        .enumerate()
        .map(|(index, name)| {
            json!({
                "number": format!("H-{:03}", index + 1),
                "kind": "invoice",
                "issued_on": "2026-01-01",
                "amount": "1.00",
                "currency": "EUR",
                "user": "ada@example.com",
                "file_name": name,
                "media_type": "text/plain",
                "content": format!("content of document {}", index + 1),
            })
        })
        .collect();
    json!({
        "users": [{ "email": "ada@example.com", "password": password,
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "documents": documents,
    })
    .to_string()
}

/// Fixture JSON: one user (`ada@example.com`) with ticket #4321 whose
/// vendor comment carries an attachment for each hostile name, each with
/// its own content (`content of attachment N`), plus two attachments both
/// named `report.txt` in different comments.
pub fn hostile_tickets_fixture(password: &str) -> String {
    let attachments: Vec<Value> = hostile_names()
        .iter()
        .enumerate()
        .map(|(index, name)| {
            json!({
                "name": name,
                "media_type": "text/plain",
                "content": format!("content of attachment {}", index + 1),
            })
        })
        .collect();
    json!({
        "users": [{ "email": "ada@example.com", "password": password,
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "tickets": [{
            "number": 4321,
            "subject": "Files with awkward names",
            "status": "awaiting_customer",
            "requester": "ada@example.com",
            "comments": [
                { "author": "ada@example.com", "at": "2026-11-01T09:00:00Z",
                  "text": "Here is the first report.",
                  "attachments": [{ "name": "report.txt", "media_type": "text/plain",
                                    "content": "first report" }] },
                { "vendor": "Support team", "at": "2026-11-02T09:00:00Z",
                  "text": "Here are the files, and our own report.",
                  "attachments": attachments },
                { "vendor": "Support team", "at": "2026-11-02T09:01:00Z",
                  "text": "The second report.",
                  "attachments": [{ "name": "report.txt", "media_type": "text/plain",
                                    "content": "second report" }] }
            ]
        }]
    })
    .to_string()
}
