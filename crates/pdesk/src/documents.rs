//! `pdesk documents`: list quotes and invoices, and download them through
//! the client core's download engine (resumable, verified, never
//! overwriting).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use portal_api::documents::{
    Document, DocumentFilter, DocumentKind, DocumentStatus, ORGANIZATION_DOCUMENTS_GRANT, Recipient,
};
use portal_client::disk::human_size;
use portal_client::documents::{DocumentScope, document_source};
use portal_client::library::DownloadSource;
use portal_client::{Error, Session};

/// `pdesk documents ...`.
#[derive(Subcommand)]
pub enum DocumentsCommand {
    /// List your quotes and invoices (or an organization's, with --org).
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Download documents by id, or every listed one with --all; prints
    /// where each file went.
    Download {
        /// Document ids (see `documents list`).
        #[arg(
            value_name = "ID",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        ids: Vec<i64>,
        /// Every document the filters select.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        filter: FilterArgs,
        /// The folder to save into (default: Downloads/Portal Desk).
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
}

/// Which documents.
#[derive(Args)]
pub struct FilterArgs {
    /// Only quotes or only invoices.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Only paid, unpaid or overdue ones.
    #[arg(long, value_enum)]
    status: Option<StatusArg>,
    /// Only those issued in this year.
    #[arg(long)]
    year: Option<i32>,
    /// Only those whose number, title or file name contains this text.
    #[arg(long)]
    text: Option<String>,
    /// An organization's documents (Payments Manager) instead of yours.
    #[arg(long, value_name = "ID")]
    org: Option<i64>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Quote,
    Invoice,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StatusArg {
    Paid,
    Unpaid,
    Overdue,
}

impl FilterArgs {
    fn scope(&self) -> DocumentScope {
        self.org
            .map_or(DocumentScope::Mine, DocumentScope::Organization)
    }

    fn filter(&self) -> DocumentFilter {
        DocumentFilter {
            kind: self.kind.map(|kind| match kind {
                KindArg::Quote => DocumentKind::Quote,
                KindArg::Invoice => DocumentKind::Invoice,
            }),
            status: self.status.map(|status| match status {
                StatusArg::Paid => DocumentStatus::Paid,
                StatusArg::Unpaid => DocumentStatus::Unpaid,
                StatusArg::Overdue => DocumentStatus::Overdue,
            }),
            year: self.year,
            text: self.text.clone(),
        }
    }
}

/// Runs a `documents` command.
pub async fn documents(session: &Session, command: DocumentsCommand) -> Result<(), Error> {
    match command {
        DocumentsCommand::List { filter, json } => {
            let documents = session.documents(filter.scope(), &filter.filter()).await?;
            if json {
                crate::print_json(&documents);
            } else if documents.is_empty() {
                println!("No documents.");
            } else {
                for document in &documents {
                    print_document(document);
                }
            }
            Ok(())
        }
        DocumentsCommand::Download {
            ids,
            all,
            filter,
            to,
        } => {
            let selected = if all {
                session.documents(filter.scope(), &filter.filter()).await?
            } else {
                find_by_id(session, &ids, filter.org).await?
            };
            let folder = to.unwrap_or_else(|| session.dirs().downloads.clone());
            let sources: Vec<(String, DownloadSource)> = selected
                .iter()
                .map(|document| (document.number.clone(), document_source(document)))
                .collect();
            crate::downloads::save_all(session, &sources, &folder, "documents").await
        }
    }
}

fn print_document(document: &Document) {
    let kind = document.kind.as_str();
    let recipient = match &document.recipient {
        Recipient::User => "you".to_owned(),
        Recipient::Organization { organization, .. } => organization.clone(),
    };
    println!(
        "{:>6}  {}  {:<7} {:<14} {:>12} {}  {:<7}  {} ({}, to {recipient})",
        document.id,
        document.issued_on,
        kind,
        document.number,
        document.amount,
        document.currency,
        document.status.as_str(),
        document.title,
        human_size(document.size),
    );
}

/// The documents with these ids, from your own list and the lists of the
/// organizations whose documents you may see (or only `org`'s).
async fn find_by_id(
    session: &Session,
    ids: &[i64],
    org: Option<i64>,
) -> Result<Vec<Document>, Error> {
    let mut scopes = Vec::new();
    match org {
        Some(org) => scopes.push(DocumentScope::Organization(org)),
        None => {
            scopes.push(DocumentScope::Mine);
            let mut organizations: Vec<i64> = session
                .roles()
                .await?
                .into_iter()
                .filter(|role| {
                    role.grants
                        .iter()
                        .any(|g| g == ORGANIZATION_DOCUMENTS_GRANT)
                })
                .map(|role| role.organization_id)
                .collect();
            organizations.dedup();
            scopes.extend(organizations.into_iter().map(DocumentScope::Organization));
        }
    }
    let mut known = Vec::new();
    for scope in scopes {
        known.extend(session.documents(scope, &DocumentFilter::default()).await?);
    }
    ids.iter()
        .map(|id| {
            known
                .iter()
                .find(|document| document.id == *id)
                .cloned()
                .ok_or_else(|| {
                    Error::Download(format!(
                        "There is no document {id} that you may see; `pdesk documents list` shows their ids."
                    ))
                })
        })
        .collect()
}
