//! The quotes and invoices part of a fixture file: single documents with
//! any file name and content, and generated series (the demo's 200+).

use std::collections::HashMap;

use anyhow::{Context, bail};
use portal_api::documents::DocumentKind;
use rusqlite::{Transaction, params};
use serde::Deserialize;

use crate::files::{FileStore, StoredFile};
use crate::pdf;

/// One document of a fixture file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFixture {
    /// The vendor's number.
    pub number: String,
    /// `quote` or `invoice`.
    pub kind: DocumentKind,
    /// What it is for (default: the kind and number).
    #[serde(default)]
    pub title: Option<String>,
    /// Date of issue, `YYYY-MM-DD` or relative to today (`today-30`).
    pub issued_on: String,
    /// Due date, `YYYY-MM-DD` or relative to today (`today+30`).
    #[serde(default)]
    pub due_on: Option<String>,
    /// Total, a decimal string.
    pub amount: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Settled already.
    #[serde(default)]
    pub paid: bool,
    /// E-mail of the user it was sent to personally.
    #[serde(default)]
    pub user: Option<String>,
    /// Name of the organization it was sent to.
    #[serde(default)]
    pub organization: Option<String>,
    /// The file's name as the portal reports it (any text; default
    /// `NUMBER.pdf`).
    #[serde(default)]
    pub file_name: Option<String>,
    /// The file's media type (default `application/pdf`).
    #[serde(default)]
    pub media_type: Option<String>,
    /// The file's content as text; without it (and without
    /// `generated_bytes`) a PDF is generated from the fields and `lines`.
    #[serde(default)]
    pub content: Option<String>,
    /// A file of this many bytes of deterministic noise.
    #[serde(default)]
    pub generated_bytes: Option<u64>,
    /// Line items printed on a generated PDF.
    #[serde(default)]
    pub lines: Vec<String>,
}

/// A series of generated documents for one recipient.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSeriesFixture {
    /// `quote` or `invoice`.
    pub kind: DocumentKind,
    /// How many.
    pub count: u32,
    /// Numbers are this prefix and a four-digit sequence number.
    pub number_prefix: String,
    /// What each is for.
    pub title: String,
    /// The first one's date of issue, `YYYY-MM-DD` or relative to today.
    pub first_issued_on: String,
    /// Days between two documents.
    pub every_days: u32,
    /// ISO 4217 code.
    pub currency: String,
    /// E-mail of the user they were sent to.
    #[serde(default)]
    pub user: Option<String>,
    /// Name of the organization they were sent to.
    #[serde(default)]
    pub organization: Option<String>,
}

/// Ids the documents refer to.
pub struct Recipients<'a> {
    /// Users by e-mail.
    pub users: &'a HashMap<String, i64>,
    /// Organizations by name.
    pub organizations: &'a HashMap<String, i64>,
}

/// Inserts single documents and series, storing their files.
pub fn apply(
    tx: &Transaction<'_>,
    files: &FileStore,
    recipients: &Recipients<'_>,
    documents: &[DocumentFixture],
    series: &[DocumentSeriesFixture],
) -> anyhow::Result<()> {
    for document in documents {
        insert(tx, files, recipients, document)
            .with_context(|| format!("document {:?}", document.number))?;
    }
    for run in series {
        let first = parse_date(&run.first_issued_on)
            .with_context(|| format!("series {:?}", run.number_prefix))?;
        for index in 0..run.count {
            let issued = first + time::Duration::days(i64::from(index * run.every_days));
            let due = issued + time::Duration::days(30);
            // Most are settled; every seventh and the last three are not.
            let paid = index % 7 != 3 && index + 3 < run.count;
            let cents = 9_500 + (u64::from(index) * 7_919 + 4_321) % 480_000;
            let document = DocumentFixture {
                number: format!("{}{:04}", run.number_prefix, index + 1),
                kind: run.kind,
                title: Some(run.title.clone()),
                issued_on: issued.to_string(),
                due_on: (run.kind == DocumentKind::Invoice).then(|| due.to_string()),
                amount: format!("{}.{:02}", cents / 100, cents % 100),
                currency: run.currency.clone(),
                paid: run.kind == DocumentKind::Invoice && paid,
                user: run.user.clone(),
                organization: run.organization.clone(),
                file_name: None,
                media_type: None,
                content: None,
                generated_bytes: None,
                lines: vec![
                    format!("Service period ending {issued}"),
                    format!(
                        "Support and maintenance   {}.{:02}",
                        cents / 100,
                        cents % 100
                    ),
                ],
            };
            insert(tx, files, recipients, &document)
                .with_context(|| format!("document {:?}", document.number))?;
        }
    }
    Ok(())
}

fn insert(
    tx: &Transaction<'_>,
    files: &FileStore,
    recipients: &Recipients<'_>,
    document: &DocumentFixture,
) -> anyhow::Result<()> {
    let (user_id, organization_id) = match (&document.user, &document.organization) {
        (Some(email), None) => (
            Some(
                *recipients
                    .users
                    .get(email)
                    .with_context(|| format!("no user {email:?}"))?,
            ),
            None,
        ),
        (None, Some(name)) => (
            None,
            Some(
                *recipients
                    .organizations
                    .get(name)
                    .with_context(|| format!("no organization named {name:?}"))?,
            ),
        ),
        _ => bail!("give exactly one of \"user\" and \"organization\""),
    };
    let issued_on = parse_date(&document.issued_on)?.to_string();
    let due_on = match &document.due_on {
        Some(due) => Some(parse_date(due)?.to_string()),
        None => None,
    };
    if !is_decimal_amount(&document.amount) {
        bail!(
            "amount must be a decimal like \"1250.00\", not {:?}",
            document.amount
        );
    }
    if document.currency.len() != 3 || !document.currency.bytes().all(|b| b.is_ascii_uppercase()) {
        bail!(
            "currency must be an ISO 4217 code like \"EUR\", not {:?}",
            document.currency
        );
    }
    let kind_name = document.kind.label();
    let title = document
        .title
        .clone()
        .unwrap_or_else(|| format!("{kind_name} {}", document.number));
    let stored: StoredFile = if let Some(size) = document.generated_bytes {
        files.put_noise(size, seed_of(&document.number))?
    } else if let Some(content) = &document.content {
        files.put(content.as_bytes())?
    } else {
        let mut lines = vec![
            format!("{kind_name} {}", document.number),
            format!("Issued {issued_on}"),
        ];
        if let Some(due) = &due_on {
            lines.push(format!("Due {due}"));
        }
        lines.push(String::new());
        lines.extend(document.lines.iter().cloned());
        lines.push(String::new());
        lines.push(format!("Total {} {}", document.currency, document.amount));
        files.put(&pdf::text_document(&title, &lines))?
    };
    tx.execute(
        "INSERT INTO documents (number, kind, title, issued_on, due_on, amount, currency, paid,
         user_id, organization_id, file_name, media_type, size, sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            document.number,
            document.kind.as_str(),
            title,
            issued_on,
            due_on,
            document.amount,
            document.currency,
            document.paid,
            user_id,
            organization_id,
            document
                .file_name
                .clone()
                .unwrap_or_else(|| format!("{kind_name} {}.pdf", document.number)),
            document.media_type.as_deref().unwrap_or("application/pdf"),
            stored.size as i64,
            stored.sha256,
        ],
    )?;
    Ok(())
}

/// A fixture date, absolute or relative to the portal clock's today.
fn parse_date(text: &str) -> anyhow::Result<time::Date> {
    crate::clock::resolve_date(text, crate::clock::current().today()).with_context(|| {
        format!("{text:?} is not a date like 2026-01-31, today, today-30 or today+14")
    })
}

fn is_decimal_amount(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole = whole.strip_prefix('-').unwrap_or(whole);
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.len() <= 4
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(text.contains('.') && fraction.is_empty())
}

fn seed_of(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_plain_decimals() {
        for good in ["0", "12", "1250.00", "-10.5", "3.1415"] {
            assert!(is_decimal_amount(good), "{good}");
        }
        for bad in [
            "", "1,250.00", "12.", ".5", "1e3", "12.34567", "--1", "EUR 5",
        ] {
            assert!(!is_decimal_amount(bad), "{bad}");
        }
    }
}
