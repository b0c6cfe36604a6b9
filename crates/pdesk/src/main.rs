//! `pdesk`: Portal Desk on the command line, over the same client core as
//! the desktop app. Errors are one line on stderr and a non-zero exit code.

use std::io::Read;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use portal_client::{Account, Core, Error, Profile, ProfileUpdate, Secret, Session};

/// Exit code for any failure not listed below.
const EXIT_FAILURE: u8 = 1;
/// Exit code when the user must sign in (again).
const EXIT_SIGN_IN: u8 = 3;
/// Exit code when the portal's copy changed since the version given.
const EXIT_CONFLICT: u8 = 4;

/// Portal Desk on the command line.
#[derive(Parser)]
#[command(name = "pdesk", version, about, long_about = None)]
struct Cli {
    /// Portal address (https://, or http:// on this computer). For commands
    /// other than login it picks the account of that portal.
    #[arg(long, global = true, value_name = "URL")]
    portal: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Sign in; the session is kept in the system keyring.
    Login {
        /// Your user name (e-mail address).
        #[arg(long)]
        email: String,
        /// Read the password from standard input (one line).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Sign out: end the session on the portal and forget it here.
    Logout,
    /// Show or change your profile (My Details).
    Profile {
        #[command(subcommand)]
        command: ProfileCommand,
    },
}

#[derive(Subcommand)]
enum ProfileCommand {
    /// Print your profile.
    Show {
        /// Print JSON (profile and etag) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change fields of your profile. An empty value clears an optional field.
    Set(ProfileFields),
}

#[derive(Args)]
#[group(required = true, multiple = true, id = "fields")]
struct ProfileFields {
    /// Given name.
    #[arg(long, group = "fields")]
    first_name: Option<String>,
    /// Family name.
    #[arg(long, group = "fields")]
    last_name: Option<String>,
    /// Office phone.
    #[arg(long, group = "fields")]
    office_phone: Option<String>,
    /// Mobile phone.
    #[arg(long, group = "fields")]
    mobile_phone: Option<String>,
    /// Company.
    #[arg(long, group = "fields")]
    company: Option<String>,
    /// Job title.
    #[arg(long, group = "fields")]
    job_title: Option<String>,
    /// Change only if the profile is still at this version (the etag that
    /// `profile show --json` printed); otherwise the current version is used.
    #[arg(long, value_name = "ETAG")]
    if_match: Option<String>,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("pdesk: {}", one_line(&describe(&error)));
            ExitCode::from(match &error {
                Error::NotSignedIn(_) | Error::SessionEnded(_) => EXIT_SIGN_IN,
                Error::Conflict { .. } => EXIT_CONFLICT,
                _ => EXIT_FAILURE,
            })
        }
    }
}

async fn run(cli: Cli) -> Result<(), Error> {
    let core = Core::from_env()?;
    match cli.command {
        Command::Login {
            email,
            password_stdin: _,
        } => {
            let portal = match cli.portal {
                Some(portal) => portal,
                None => core
                    .accounts()?
                    .current()
                    .map(|account| account.portal_url.clone())
                    .ok_or_else(|| {
                        Error::InvalidPortalUrl("Say which portal with --portal URL.".into())
                    })?,
            };
            login(&core, &portal, &email, read_password()?).await
        }
        Command::Logout => {
            let session = session_for(&core, cli.portal.as_deref()).await?;
            let origin = session.account().origin.clone();
            let outcome = session.sign_out().await?;
            if let Some(note) = outcome.note {
                eprintln!("pdesk: {}", one_line(&note));
            }
            println!("Signed out of {origin}.");
            Ok(())
        }
        Command::Profile { command } => {
            let session = session_for(&core, cli.portal.as_deref()).await?;
            match command {
                ProfileCommand::Show { json } => {
                    let (profile, etag) = session.profile().await?;
                    if json {
                        let document = serde_json::json!({ "profile": profile, "etag": etag });
                        println!(
                            "{}",
                            serde_json::to_string_pretty(&document).unwrap_or_default()
                        );
                    } else {
                        print_profile(&profile);
                    }
                    Ok(())
                }
                ProfileCommand::Set(fields) => set_profile(&session, fields).await,
            }
        }
    }
}

async fn login(core: &Core, portal: &str, email: &str, password: Secret) -> Result<(), Error> {
    let outcome = core.sign_in(portal, email, password).await?;
    if let Some(problem) = outcome.keyring_problem {
        let _ = outcome.session.sign_out().await;
        return Err(problem);
    }
    let account = outcome.session.account();
    println!(
        "Signed in to {} as {} <{}>.",
        account.origin,
        outcome.profile.display_name(),
        account.email
    );
    Ok(())
}

async fn session_for(core: &Core, portal: Option<&str>) -> Result<Session, Error> {
    let Some(portal) = portal else {
        return core.resume().await;
    };
    let origin = portal_client::PortalUrl::parse(portal)?.origin();
    let book = core.accounts()?;
    let preferred = book.current().filter(|account| account.origin == origin);
    let account: Account = preferred
        .or_else(|| {
            book.accounts
                .iter()
                .find(|account| account.origin == origin)
        })
        .cloned()
        .ok_or_else(|| Error::NotSignedIn(format!(" to {origin}")))?;
    core.resume_account(account).await
}

async fn set_profile(session: &Session, fields: ProfileFields) -> Result<(), Error> {
    let update = ProfileUpdate {
        first_name: fields.first_name,
        last_name: fields.last_name,
        office_phone: fields.office_phone,
        mobile_phone: fields.mobile_phone,
        company: fields.company,
        job_title: fields.job_title,
    };
    let if_match = match fields.if_match {
        Some(etag) => etag,
        None => session.profile().await?.1,
    };
    let (profile, _) = session.update_profile(&update, &if_match).await?;
    println!("Saved.");
    print_profile(&profile);
    Ok(())
}

fn read_password() -> Result<Secret, Error> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|error| {
            Error::LocalData(format!(
                "cannot read the password from standard input: {error}"
            ))
        })?;
    let password = input
        .strip_suffix("\r\n")
        .or_else(|| input.strip_suffix('\n'))
        .unwrap_or(&input);
    if password.is_empty() {
        return Err(Error::Validation {
            message: "No password came on standard input.".into(),
            fields: Vec::new(),
        });
    }
    Ok(Secret::new(password))
}

fn print_profile(profile: &Profile) {
    let or_dash = |value: &Option<String>| value.clone().unwrap_or_else(|| "\u{2014}".into());
    println!("{}", profile.display_name());
    for (label, value) in [
        ("E-mail / user name", profile.email.clone()),
        ("First name", profile.first_name.clone()),
        ("Last name", profile.last_name.clone()),
        ("Office phone", or_dash(&profile.office_phone)),
        ("Mobile phone", or_dash(&profile.mobile_phone)),
        ("Company", or_dash(&profile.company)),
        ("Job title", or_dash(&profile.job_title)),
    ] {
        println!("  {label:<20}{value}");
    }
}

/// The error message, with field errors named by their command-line flag.
fn describe(error: &Error) -> String {
    match error {
        Error::Validation { message, fields } if !fields.is_empty() => {
            let details: Vec<String> = fields
                .iter()
                .map(|field| format!("--{}: {}", field.field.replace('_', "-"), field.message))
                .collect();
            format!("{message} {}", details.join("; "))
        }
        Error::Conflict { message, .. } => {
            format!("{message} Run `pdesk profile show` to see the current version.")
        }
        Error::NotSignedIn(_) | Error::SessionEnded(_) => {
            format!("{error} Use `pdesk --portal URL login --email ADDRESS --password-stdin`.")
        }
        other => other.to_string(),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
