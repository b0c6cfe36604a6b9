//! `pdesk password`, `pdesk username` and `pdesk photo`: changes to the
//! user's own account. Passwords come on standard input, never as flags.

use std::io::Read;
use std::path::Path;

use clap::Subcommand;
use portal_client::{Error, Secret, Session};

/// `pdesk password ...`
#[derive(Subcommand)]
pub enum PasswordCommand {
    /// Change your password. Standard input: the current password on the
    /// first line, the new one on the second. Your other sessions end.
    Change,
}

/// `pdesk username ...`
#[derive(Subcommand)]
pub enum UsernameCommand {
    /// Ask support to change your user name (e-mail address). Standard
    /// input: your current password (one line).
    Request {
        /// The e-mail address to sign in with from now on.
        #[arg(long)]
        new_email: String,
        /// Why, for support.
        #[arg(long)]
        reason: String,
    },
}

/// `pdesk photo ...`
#[derive(Subcommand)]
pub enum PhotoCommand {
    /// Upload a PNG, JPEG or WebP picture (at least 80×80 pixels, at most
    /// 5 MB); it is cropped to a square and scaled to 256×256 here.
    Set {
        /// The picture file.
        file: std::path::PathBuf,
    },
    /// Remove your profile photo.
    Remove,
}

/// Runs `pdesk password change`.
pub async fn password(session: &Session, command: PasswordCommand) -> Result<(), Error> {
    match command {
        PasswordCommand::Change => {
            let lines = read_stdin_lines(2, "the current password and the new one")?;
            let (current, new) = (Secret::new(&lines[0]), Secret::new(&lines[1]));
            session.change_password(&current, &new).await?;
            println!("Password changed. Your other sessions were signed out; this one stays.");
            Ok(())
        }
    }
}

/// Runs `pdesk username request`; with `queue`, a request made while the
/// portal cannot be reached waits in the outbox (its password in the
/// system keyring).
pub async fn username(
    session: &Session,
    command: UsernameCommand,
    queue: bool,
) -> Result<(), Error> {
    match command {
        UsernameCommand::Request { new_email, reason } => {
            let lines = read_stdin_lines(1, "your current password")?;
            let password = Secret::new(&lines[0]);
            let pending = match session
                .request_username_change(&new_email, &password, &reason)
                .await
            {
                Err(error) if queue && error.is_offline() => {
                    let item = session
                        .queue_username_change(&new_email, &password, &reason)
                        .await?;
                    crate::outbox::say_queued(session, &item);
                    return Ok(());
                }
                outcome => outcome?,
            };
            println!(
                "Change to {} requested \u{2014} ticket #{}. Until support approves it, keep signing in as {}.",
                pending.new_email,
                pending.ticket_id,
                session.account().email
            );
            Ok(())
        }
    }
}

/// Runs `pdesk photo set|remove`.
pub async fn photo(session: &Session, command: PhotoCommand) -> Result<(), Error> {
    match command {
        PhotoCommand::Set { file } => {
            let prepared = prepare(&file).await?;
            session.upload_photo(prepared).await?;
            println!("Profile photo updated.");
        }
        PhotoCommand::Remove => {
            session.remove_photo().await?;
            println!("Profile photo removed.");
        }
    }
    Ok(())
}

async fn prepare(file: &Path) -> Result<Vec<u8>, Error> {
    let file = file.to_owned();
    tokio::task::spawn_blocking(move || portal_client::photo::prepare_photo_file(&file))
        .await
        .map_err(|error| Error::local_because("preparing the photo failed", error))?
}

/// Reads `count` non-empty lines from standard input (the password the
/// user pipes in); fewer is an error that says what was expected.
pub fn read_stdin_lines(count: usize, what: &str) -> Result<Vec<String>, Error> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|error| Error::local_because("cannot read standard input", error))?;
    let lines: Vec<String> = input
        .lines()
        .map(|line| line.strip_suffix('\r').unwrap_or(line).to_owned())
        .take(count)
        .collect();
    if lines.len() < count || lines.iter().any(String::is_empty) {
        let expected = if count == 1 {
            "one line".to_owned()
        } else {
            format!("{count} lines")
        };
        return Err(Error::Validation {
            message: format!("Standard input must hold {what}: {expected}."),
            fields: Vec::new(),
        });
    }
    Ok(lines)
}
