//! `pdesk tickets` and `pdesk attachments`: the support centre on the
//! command line: list, show, reply, create and cancel tickets, and save
//! attachments in the user's file-name format.

use std::path::PathBuf;

use crate::outbox::or_queue;
use clap::Subcommand;
use portal_api::settings::AttachmentNameFormat;
use portal_api::tickets::{Ticket, TicketFilter, TicketKind, TicketStatus, TicketSummary};
use portal_client::disk::human_size;
use portal_client::library::DownloadSource;
use portal_client::outbox::{KeptFile, OutboxChange};
use portal_client::tickets::attachment_source;
use portal_client::{Error, Session};

/// `pdesk tickets ...`.
#[derive(Subcommand)]
pub enum TicketsCommand {
    /// List your tickets and those of organizations your roles cover;
    /// `new` marks replies you have not seen.
    List {
        /// Only tickets in these states (repeat or comma-separate).
        #[arg(long, value_enum, value_delimiter = ',')]
        status: Vec<StatusArg>,
        /// Only tickets of this kind.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Only tickets whose number, subject or conversation has this text.
        #[arg(long)]
        text: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show a ticket with its conversation and attachments.
    Show {
        /// The ticket number.
        number: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Reply to a ticket, with files.
    Reply {
        /// The ticket number.
        number: i64,
        /// The reply's text.
        #[arg(long)]
        message: String,
        /// A file to attach (repeat for more; at most 10, 50 MB each).
        #[arg(long = "attach", value_name = "FILE")]
        attach: Vec<PathBuf>,
    },
    /// Raise a support ticket.
    Create {
        /// What it is about.
        #[arg(long)]
        subject: String,
        /// The description.
        #[arg(long)]
        message: String,
        /// The organization it is for (see `pdesk roles`).
        #[arg(long, value_name = "ID")]
        org: Option<i64>,
        /// A file to attach (repeat for more; at most 10, 50 MB each).
        #[arg(long = "attach", value_name = "FILE")]
        attach: Vec<PathBuf>,
    },
    /// Cancel a user-name or contact change request you raised.
    Cancel {
        /// The ticket number.
        number: i64,
    },
}

/// `pdesk attachments ...`.
#[derive(Subcommand)]
pub enum AttachmentsCommand {
    /// Save a ticket's attachments (all, or one) into a folder, named in
    /// your attachment file-name format; prints where each went.
    Download {
        /// The ticket number.
        #[arg(long, value_name = "N")]
        ticket: i64,
        /// Only this attachment (ids are shown by `pdesk tickets show`).
        #[arg(long, value_name = "ID")]
        attachment: Option<i64>,
        /// The folder to save into.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        /// File names: `File.txt`, `#1234 – File.txt` or
        /// `[Ticket 1234] File.txt` (default: your portal setting).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
    },
}

/// A ticket status on the command line.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum StatusArg {
    /// With the vendor's team.
    Open,
    /// Waiting for your reply.
    AwaitingCustomer,
    /// Done.
    Resolved,
    /// Withdrawn.
    Cancelled,
}

/// A ticket kind on the command line.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    /// Questions and problems.
    Support,
    /// User-name change requests.
    UsernameChange,
    /// Contact change requests.
    ContactChange,
}

/// An attachment file-name format on the command line.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    /// File Name.txt
    Plain,
    /// #1234 – File Name.txt
    Number,
    /// [Ticket 1234] File Name.txt
    Bracket,
}

/// Runs a `tickets` command.
pub async fn tickets(session: &Session, command: TicketsCommand, queue: bool) -> Result<(), Error> {
    match command {
        TicketsCommand::List {
            status,
            kind,
            text,
            json,
        } => {
            let filter = TicketFilter {
                statuses: status.into_iter().map(ticket_status).collect(),
                kind: kind.map(|kind| match kind {
                    KindArg::Support => TicketKind::Support,
                    KindArg::UsernameChange => TicketKind::UsernameChange,
                    KindArg::ContactChange => TicketKind::ContactChange,
                }),
                text,
            };
            let tickets = session.search_tickets(&filter).await?;
            let unread = session.unread_tickets(&tickets)?;
            if json {
                crate::print_json(&tickets);
            } else if tickets.is_empty() {
                println!("No tickets.");
            } else {
                for ticket in &tickets {
                    print_summary(ticket, unread.contains(&ticket.number));
                }
            }
            Ok(())
        }
        TicketsCommand::Show { number, json } => {
            let ticket = session.ticket(number).await?;
            session.mark_ticket_seen(&ticket.summary)?;
            if json {
                crate::print_json(&ticket);
            } else {
                print_ticket(&ticket);
            }
            Ok(())
        }
        TicketsCommand::Reply {
            number,
            message,
            attach,
        } => {
            let outcome = session
                .reply_to_ticket(number, &message, &attach, None)
                .await;
            let kept = session.reply_change(
                number,
                &message,
                attach.iter().map(KeptFile::picked).collect(),
            )?;
            let Some(ticket) = or_queue(session, queue, outcome, || kept)? else {
                return Ok(());
            };
            let reply = ticket.comments.last();
            println!(
                "Replied to ticket #{number} with {} attachment(s); it is now {}.",
                reply.map_or(0, |comment| comment.attachments.len()),
                ticket.summary.status.label().to_lowercase()
            );
            Ok(())
        }
        TicketsCommand::Create {
            subject,
            message,
            org,
            attach,
        } => {
            let outcome = session
                .create_ticket(&subject, &message, org, &attach, None)
                .await;
            let Some(ticket) = or_queue(session, queue, outcome, || OutboxChange::NewTicket {
                subject: subject.clone(),
                message: message.clone(),
                organization_id: org,
                files: attach.iter().map(KeptFile::picked).collect(),
            })?
            else {
                return Ok(());
            };
            println!(
                "Raised ticket #{}: {}",
                ticket.summary.number,
                crate::printable(&ticket.summary.subject)
            );
            Ok(())
        }
        TicketsCommand::Cancel { number } => {
            let outcome = session.cancel_ticket(number).await;
            if or_queue(session, queue, outcome, || OutboxChange::CancelTicket {
                number,
            })?
            .is_some()
            {
                println!("Cancelled request #{number}.");
            }
            Ok(())
        }
    }
}

/// Runs an `attachments` command.
pub async fn attachments(session: &Session, command: AttachmentsCommand) -> Result<(), Error> {
    let AttachmentsCommand::Download {
        ticket: number,
        attachment,
        to,
        format,
    } = command;
    let format = match format {
        Some(FormatArg::Plain) => AttachmentNameFormat::FileName,
        Some(FormatArg::Number) => AttachmentNameFormat::HashTicketPrefix,
        Some(FormatArg::Bracket) => AttachmentNameFormat::TicketBracketPrefix,
        None => session.attachment_name_format().await?,
    };
    let ticket = session.ticket(number).await?;
    let selected: Vec<_> = ticket
        .attachments()
        .filter(|candidate| attachment.is_none_or(|id| candidate.id == id))
        .collect();
    if let Some(id) = attachment
        && selected.is_empty()
    {
        let ids: Vec<String> = ticket.attachments().map(|a| a.id.to_string()).collect();
        return Err(Error::Download(format!(
            "Ticket #{number} has no attachment {id}; its attachments are {}.",
            if ids.is_empty() {
                "none".to_owned()
            } else {
                ids.join(", ")
            }
        )));
    }
    let sources: Vec<(String, DownloadSource)> = selected
        .into_iter()
        .map(|attachment| {
            (
                attachment.name.clone(),
                attachment_source(&ticket.summary, attachment, format),
            )
        })
        .collect();
    crate::downloads::save_all(session, &sources, &to, "attachments").await
}

fn ticket_status(status: StatusArg) -> TicketStatus {
    match status {
        StatusArg::Open => TicketStatus::Open,
        StatusArg::AwaitingCustomer => TicketStatus::AwaitingCustomer,
        StatusArg::Resolved => TicketStatus::Resolved,
        StatusArg::Cancelled => TicketStatus::Cancelled,
    }
}

fn print_summary(ticket: &TicketSummary, unread: bool) {
    let organization = ticket
        .organization
        .as_ref()
        .map(|organization| format!(" ({})", crate::printable(&organization.name)))
        .unwrap_or_default();
    println!(
        "#{:<6} {:<3} {:<18} {:<16} {}  {}{organization}",
        ticket.number,
        if unread { "new" } else { "" },
        ticket.status.as_str(),
        ticket.kind.as_str(),
        ticket.updated_at.date(),
        crate::printable(&ticket.subject),
    );
}

fn print_ticket(ticket: &Ticket) {
    let summary = &ticket.summary;
    println!(
        "Ticket #{}: {}",
        summary.number,
        crate::printable(&summary.subject)
    );
    let organization = summary
        .organization
        .as_ref()
        .map(|organization| format!(" for {}", crate::printable(&organization.name)))
        .unwrap_or_default();
    println!(
        "{} \u{b7} {}{organization} \u{b7} raised by {} on {}",
        summary.status.label(),
        summary.kind.label(),
        crate::printable(&summary.requester),
        summary.created_at.date()
    );
    for comment in &ticket.comments {
        let who = if comment.author.you {
            format!("{} (you)", crate::printable(&comment.author.name))
        } else if comment.author.vendor {
            format!("{} (support team)", crate::printable(&comment.author.name))
        } else {
            crate::printable(&comment.author.name)
        };
        let at = comment.created_at;
        println!(
            "\n--- {who}, {} {:02}:{:02} UTC",
            at.date(),
            at.hour(),
            at.minute()
        );
        println!("{}", crate::printable(&comment.text));
        for attachment in &comment.attachments {
            println!(
                "  [attachment {}] {} ({})",
                attachment.id,
                crate::printable(&attachment.name),
                human_size(attachment.size)
            );
        }
    }
}
