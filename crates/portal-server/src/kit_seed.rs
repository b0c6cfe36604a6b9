//! The Partner Kit part of a fixture file: files given inline (text,
//! base64, or drawn: a picture for `.png`, a small PDF for `.pdf`), many
//! generated ones, or `"demo"` for the demo portal's kit.

use anyhow::{Context, bail};
use base64::Engine;
use rusqlite::Transaction;
use serde::Deserialize;

use crate::files::FileStore;
use crate::partner_kit::put_kit_file;

/// The Partner Kit of a fixture file.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum PartnerKitFixture {
    /// None.
    #[default]
    #[serde(skip)]
    Empty,
    /// `"demo"`: the demo portal's kit.
    Builtin(String),
    /// Files given inline.
    Files(Vec<KitFileFixture>),
}

/// A file of the kit, or (with `many`) that many small text files in the
/// folder `path`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KitFileFixture {
    /// Its folders and name joined with `/`, as the vendor names it (any
    /// text: fixtures test hostile ones).
    pub path: String,
    /// Its media type (default: from the name's extension).
    #[serde(default)]
    pub media_type: Option<String>,
    /// Its bytes as text.
    #[serde(default)]
    pub text: Option<String>,
    /// Its bytes in base64.
    #[serde(default)]
    pub base64: Option<String>,
    /// Instead of one file, this many (`file-00001.txt`, ...) under `path`,
    /// all with the same few bytes (stored once).
    #[serde(default)]
    pub many: Option<u32>,
}

/// The bytes of each file a `many` entry makes.
pub const MANY_FILES_TEXT: &[u8] = b"One of many files.\n";

/// The demo portal's kit: logos, brochures, brand guidelines, templates.
const DEMO_KIT: &[(&str, &str)] = &[
    ("Logos/Contoso Partner logo.png", ""),
    ("Logos/Contoso Partner logo on dark.png", ""),
    (
        "Brochures/Portal Desk overview.pdf",
        "Portal Desk overview|One place for profile, quotes and invoices, tickets and contacts.|Works offline; sends what waits when the portal is back.|Available for Windows, macOS and Linux.",
    ),
    (
        "Brochures/Support plans 2026.pdf",
        "Support plans 2026|Standard: answers within one business day.|Premium: answers within four hours, around the clock.|Every plan includes the knowledge base and the Partner Kit.",
    ),
    (
        "Brand guidelines/Brand guidelines.pdf",
        "Brand guidelines|Leave clear space around the logo equal to the height of its mark.|Never stretch, recolour or rotate the logo.|Use the dark logo on backgrounds darker than 50% grey.",
    ),
    (
        "Brand guidelines/Colours and fonts.txt",
        "Primary blue  #1F5AA6\nSlate         #334155\nLight grey    #E8ECF2\n\nHeadings: Inter Semibold\nBody text: Inter Regular, 11 pt or larger\n",
    ),
    (
        "Templates/Partner announcement e-mail.txt",
        "Subject: We are now a Contoso Partner\n\nDear customer,\n\nWe are pleased to announce that we are now an official Contoso Partner.\nOur team can help you with licences, set-up and support.\n",
    ),
    (
        "Templates/Webinar invitation.txt",
        "Subject: Join our webinar on the customer portal\n\nLearn how to raise tickets, download invoices and manage contacts\nin 30 minutes, with time for your questions.\n",
    ),
];

/// Loads `fixture` into the kit.
pub fn apply(
    tx: &Transaction<'_>,
    files: &FileStore,
    fixture: &PartnerKitFixture,
) -> anyhow::Result<()> {
    let now = crate::clock::current().now().unix_timestamp();
    let entries: Vec<KitFileFixture> = match fixture {
        PartnerKitFixture::Empty => return Ok(()),
        PartnerKitFixture::Builtin(name) if name == "demo" => DEMO_KIT
            .iter()
            .map(|(path, text)| KitFileFixture {
                path: (*path).to_owned(),
                media_type: None,
                text: (!text.is_empty()).then(|| (*text).to_owned()),
                base64: None,
                many: None,
            })
            .collect(),
        PartnerKitFixture::Builtin(other) => {
            bail!("partner_kit: {other:?} is not \"demo\" or a list of files")
        }
        PartnerKitFixture::Files(entries) => {
            for entry in entries {
                add(tx, files, entry, now).with_context(|| format!("kit file {:?}", entry.path))?;
            }
            return Ok(());
        }
    };
    for entry in &entries {
        add(tx, files, entry, now).with_context(|| format!("kit file {:?}", entry.path))?;
    }
    Ok(())
}

fn add(
    tx: &Transaction<'_>,
    files: &FileStore,
    entry: &KitFileFixture,
    now: i64,
) -> anyhow::Result<()> {
    if let Some(count) = entry.many {
        for n in 1..=count {
            let path = format!("{}/file-{n:05}.txt", entry.path);
            put_kit_file(tx, files, &path, "text/plain", MANY_FILES_TEXT, now)?;
        }
        return Ok(());
    }
    let bytes = match (&entry.text, &entry.base64) {
        (Some(text), None) if entry.path.ends_with(".pdf") => {
            let mut lines = text.split('|').map(str::to_owned);
            let title = lines.next().unwrap_or_default();
            crate::pdf::text_document(&title, &lines.collect::<Vec<_>>())
        }
        (Some(text), None) => text.clone().into_bytes(),
        (None, Some(encoded)) => base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .context("not base64")?,
        (None, None) if entry.path.ends_with(".png") => crate::kb_seed::picture(&entry.path)?,
        (None, None) if entry.path.ends_with(".pdf") => crate::pdf::text_document(&entry.path, &[]),
        (None, None) => entry.path.clone().into_bytes(),
        (Some(_), Some(_)) => bail!("give text or base64, not both"),
    };
    let media_type = entry
        .media_type
        .clone()
        .unwrap_or_else(|| media_type_of(&entry.path).to_owned());
    put_kit_file(tx, files, &entry.path, &media_type, &bytes, now)?;
    Ok(())
}

/// The media type a kit file's name suggests.
fn media_type_of(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase());
    match extension.as_deref() {
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("pdf") => "application/pdf",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    }
}
