//! `pdesk kit`: the Partner Kit, listed (offline from the copy kept on
//! this computer) and kept in sync with a folder by the same rules as the
//! app's: never replacing a file you changed, never deleting one.

use std::path::PathBuf;

use clap::Subcommand;
use portal_api::partner_kit::KitFile;
use portal_client::disk::human_size;
use portal_client::partner_kit::{KitSyncEvent, KitSyncReport};
use portal_client::{Error, Session};
use tokio_util::sync::CancellationToken;

/// `pdesk kit ...`.
#[derive(Subcommand)]
pub enum KitCommand {
    /// List the kit's files: path, size, version and when it changed.
    List {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Bring a folder up to date with the kit and print what was done.
    /// New and updated files arrive; a file you changed stays, with the
    /// kit's new version saved beside it; files that left the kit stay.
    Sync {
        /// The folder (created the first time).
        #[arg(long)]
        to: PathBuf,
    },
}

/// Runs `pdesk kit ...`.
pub async fn kit(session: &Session, command: KitCommand) -> Result<(), Error> {
    match command {
        KitCommand::List { json } => {
            let files = match session.partner_kit().await {
                Ok(files) => files,
                Err(error) if error.is_offline() => {
                    let kept = session.kept_partner_kit()?.ok_or(error)?;
                    eprintln!(
                        "Offline: {} cannot be reached; the kit as last read on this computer.",
                        session.account().portal_url
                    );
                    kept
                }
                Err(error) => return Err(error),
            };
            if json {
                crate::print_json(&files);
            } else if files.is_empty() {
                println!("The Partner Kit is empty.");
            } else {
                print_files(&files);
            }
            Ok(())
        }
        KitCommand::Sync { to } => {
            if !to.exists() && !session.kit_folder_known(&to)? {
                std::fs::create_dir_all(&to).map_err(|error| {
                    Error::Destination(format!("cannot create {}: {error}", to.display()))
                })?;
            }
            let report = session
                .sync_kit_folder(&to, &CancellationToken::new(), &|event| {
                    let KitSyncEvent::Progress { done, total, .. } = event;
                    if total >= 100 && done % 100 == 0 && done > 0 {
                        eprintln!("{done} of {total} files looked at");
                    }
                })
                .await?;
            print_report(&report);
            Ok(())
        }
    }
}

fn print_files(files: &[KitFile]) {
    for file in files {
        println!(
            "{:>5}  {}  ({}, version {}, {})",
            file.id,
            file.path_line(),
            human_size(file.size),
            file.version,
            file.updated_at.date()
        );
    }
}

fn print_report(report: &KitSyncReport) {
    for path in &report.added {
        println!("Added     {path}");
    }
    for path in &report.updated {
        println!("Updated   {path}");
    }
    for path in &report.restored {
        println!("Restored  {path}");
    }
    for kept in &report.kept_beside {
        println!(
            "Kept your {} (you changed it); the kit's new version is {}",
            kept.yours, kept.kits
        );
    }
    for path in &report.removed {
        println!("No longer in the kit, kept here: {path}");
    }
    for failed in &report.failed {
        println!("Not synced: {failed}");
    }
    println!(
        "{} added, {} updated, {} restored, {} kept beside yours, {} no longer in the kit, {} not synced, {} unchanged.",
        report.added.len(),
        report.updated.len(),
        report.restored.len(),
        report.kept_beside.len(),
        report.removed.len(),
        report.failed.len(),
        report.unchanged
    );
}
