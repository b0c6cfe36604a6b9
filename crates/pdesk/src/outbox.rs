//! `pdesk outbox`: the changes kept while the portal could not be reached
//! (list, send, drop), and `--queue`, which keeps a change there instead of
//! failing when the portal cannot be reached.

use clap::Subcommand;
use portal_client::outbox::{OutboxChange, OutboxItem, OutboxState};
use portal_client::{Error, Session};

/// `pdesk outbox ...`.
#[derive(Subcommand)]
pub enum OutboxCommand {
    /// List the changes waiting to be sent, oldest first.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Send the waiting changes now, in order.
    Send,
    /// Withdraw change N: it is not sent.
    Drop {
        /// The change's number, as `pdesk outbox` lists it.
        id: i64,
    },
}

/// Runs an outbox command.
pub async fn run(session: &Session, command: Option<OutboxCommand>) -> Result<(), Error> {
    match command.unwrap_or(OutboxCommand::List { json: false }) {
        OutboxCommand::List { json } => {
            let items = session.outbox()?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&items).unwrap_or_default()
                );
            } else if items.is_empty() {
                println!("Nothing waits to be sent.");
            } else {
                for item in &items {
                    print_item(item);
                }
            }
            Ok(())
        }
        OutboxCommand::Send => {
            let round = session.send_outbox().await?;
            for sent in &round.sent {
                println!("Sent #{}: {}.", sent.id, sent.title);
                for note in &sent.notes {
                    println!("  {note}");
                }
            }
            for held in &round.held {
                print_item(held);
            }
            let waiting = session
                .outbox()?
                .iter()
                .filter(|item| item.state == OutboxState::Waiting)
                .count();
            match round.stopped {
                Some(error) => {
                    eprintln!("pdesk: {waiting} change(s) still wait: {error}");
                    Err(error)
                }
                None if !round.held.is_empty() => Err(Error::Conflict {
                    message: format!(
                        "{} change(s) need you: see above, then edit or drop them.",
                        round.held.len()
                    ),
                    current_etag: None,
                }),
                None => {
                    if round.sent.is_empty() {
                        println!("Nothing waited to be sent.");
                    }
                    Ok(())
                }
            }
        }
        OutboxCommand::Drop { id } => {
            let item = session.outbox_item(id)?;
            session.drop_outbox_item(id)?;
            println!("Withdrew #{id}: {}.", item.change.title());
            Ok(())
        }
    }
}

fn print_item(item: &OutboxItem) {
    let state = match &item.state {
        OutboxState::Waiting => "waiting".to_owned(),
        OutboxState::Conflict { message } => format!("changed on the portal meanwhile: {message}"),
        OutboxState::Refused { message, fields } => {
            let mut line = format!("refused: {message}");
            for (field, why) in fields {
                line.push_str(&format!(" [{field}: {why}]"));
            }
            line
        }
    };
    println!("#{}  {}  ({state})", item.id, item.change.title());
    for file in item.change.files() {
        println!("    with {}", file.name());
    }
}

/// Says that `item` was queued, and when it goes.
pub fn say_queued(session: &Session, item: &OutboxItem) {
    println!(
        "Queued as #{}: {}. It will be sent when {} is reachable (pdesk outbox send).",
        item.id,
        item.change.title(),
        session.account().origin
    );
}

/// With `queue`, a change the portal could not be reached for is kept in
/// the outbox (`change` builds it) and `None` answers; anything else is
/// answered as it came.
pub fn or_queue<T>(
    session: &Session,
    queue: bool,
    outcome: Result<T, Error>,
    change: impl FnOnce() -> OutboxChange,
) -> Result<Option<T>, Error> {
    match outcome {
        Err(error) if queue && error.is_offline() => {
            let item = session.queue(change())?;
            say_queued(session, &item);
            Ok(None)
        }
        outcome => outcome.map(Some),
    }
}
