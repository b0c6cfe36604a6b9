//! `pdesk`: Portal Desk on the command line, over the same client core as
//! the desktop app. Errors are one line on stderr and a non-zero exit code.

mod account;
mod accounts;
mod contacts;
mod documents;
mod downloads;
mod generate;
mod kb;
mod kit;
mod outbox;
mod sso;
mod tickets;

use std::process::ExitCode;

use accounts::AccountsCommand;
use clap::{Args, Parser, Subcommand};
use portal_api::settings::{DigestCategory, DigestFrequency};
use portal_client::file_names::format_label;
use portal_client::outbox::OutboxChange;
use portal_client::{
    Account, AttachmentNameFormat, Core, Error, Profile, ProfileUpdate, Secret, Session, Settings,
    SignInOutcome, SignInStep,
};

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
    /// The account to use, as `pdesk accounts` lists it: EMAIL@ORIGIN
    /// (e.g. dana@example.com@https://portal.example.com), or the e-mail
    /// address alone when only one account uses it. Without it, commands
    /// use the current account (`pdesk accounts use`).
    #[arg(
        long,
        global = true,
        value_name = "EMAIL@ORIGIN",
        conflicts_with = "portal"
    )]
    account: Option<String>,
    /// Log what happens to standard error (`-v`; `-vv` each request too).
    /// RUST_LOG, when set, chooses instead. Logs never hold a password,
    /// token or code.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,
    /// When the portal cannot be reached, keep a change in the outbox
    /// (`pdesk outbox`) instead of failing; it is sent, once, with
    /// `pdesk outbox send` when the portal is back.
    #[arg(long, global = true)]
    queue: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Sign in; the session is kept in the system keyring.
    Login {
        /// Your user name (e-mail address).
        #[arg(long, required_unless_present = "sso")]
        email: Option<String>,
        /// Read the password from standard input (one line).
        #[arg(long, required_unless_present = "sso")]
        password_stdin: bool,
        /// Sign in with the portal's single sign-on, in a browser: pdesk
        /// prints the page to open (and opens it when it can) and waits
        /// for the browser to come back.
        #[arg(long, conflicts_with_all = ["email", "password_stdin", "code"])]
        sso: bool,
        /// For two-step sign-in: the code from your authenticator app, or
        /// one of your recovery codes.
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
    },
    /// Sign out: end the session on the portal and forget it here.
    Logout,
    /// The accounts on this computer (the current one marked), and
    /// choosing or removing one.
    Accounts {
        #[command(subcommand)]
        command: Option<AccountsCommand>,
    },
    /// The changes waiting to be sent (kept with --queue while the portal
    /// could not be reached): list them, send them, or withdraw one.
    Outbox {
        #[command(subcommand)]
        command: Option<outbox::OutboxCommand>,
    },
    /// Show or change your profile (My Details).
    Profile {
        #[command(subcommand)]
        command: ProfileCommand,
    },
    /// Show or change your personal settings (they live on the portal).
    Settings {
        #[command(subcommand)]
        command: SettingsCommand,
    },
    /// List your roles in every organization, with what each grants.
    Roles {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change your password.
    Password {
        #[command(subcommand)]
        command: account::PasswordCommand,
    },
    /// Ask for a new user name (e-mail address).
    Username {
        #[command(subcommand)]
        command: account::UsernameCommand,
    },
    /// Set or remove your profile photo.
    Photo {
        #[command(subcommand)]
        command: account::PhotoCommand,
    },
    /// List and download quotes and invoices.
    Documents {
        #[command(subcommand)]
        command: documents::DocumentsCommand,
    },
    /// List, read, reply to, raise and cancel support tickets.
    Tickets {
        #[command(subcommand)]
        command: tickets::TicketsCommand,
    },
    /// Search and read the vendor's knowledge base (kept on this
    /// computer, so it answers offline too).
    Kb {
        #[command(subcommand)]
        command: kb::KbCommand,
    },
    /// The Partner Kit (for roles that grant it): list it, or keep a
    /// folder in sync with it.
    Kit {
        #[command(subcommand)]
        command: kit::KitCommand,
    },
    /// Save ticket attachments.
    Attachments {
        #[command(subcommand)]
        command: tickets::AttachmentsCommand,
    },
    /// List an organization's contacts and change their roles.
    Contacts {
        #[command(subcommand)]
        command: contacts::ContactsCommand,
    },
    /// Write the man page or shell completions (for packagers).
    #[command(hide = true)]
    Generate {
        #[command(subcommand)]
        command: generate::GenerateCommand,
    },
}

#[derive(Subcommand)]
enum SettingsCommand {
    /// Print your settings.
    Show {
        /// Print JSON (settings and etag) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change some settings; the others stay as they are.
    Set(SettingsFields),
}

#[derive(Args)]
#[group(required = true, multiple = true, id = "settings_fields")]
struct SettingsFields {
    /// File names of downloaded ticket attachments.
    #[arg(long, value_enum, group = "settings_fields")]
    attachment_format: Option<NameFormatArg>,
    /// E-mails with offers and promotions.
    #[arg(long, value_enum, group = "settings_fields")]
    promotions: Option<Switch>,
    /// E-mails about your tickets.
    #[arg(long, value_enum, group = "settings_fields")]
    ticket_updates: Option<Switch>,
    /// E-mails about new portal features.
    #[arg(long, value_enum, group = "settings_fields")]
    new_features: Option<Switch>,
    /// E-mails about invoices and payments.
    #[arg(long, value_enum, group = "settings_fields")]
    invoices_and_payments: Option<Switch>,
    /// Security alerts (always on; the portal refuses `off`).
    #[arg(long, value_enum, group = "settings_fields")]
    security_alerts: Option<Switch>,
    /// How often the digest of outstanding tasks comes (weekly = Monday).
    #[arg(long, value_enum, group = "settings_fields")]
    digest_frequency: Option<FrequencyArg>,
    /// Categories in the digest, comma-separated, or `none` for no digest.
    #[arg(long, value_name = "LIST|none", group = "settings_fields")]
    digest_categories: Option<String>,
    /// Change only if the settings are still at this version (the etag that
    /// `settings show --json` printed).
    #[arg(long, value_name = "ETAG")]
    if_match: Option<String>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum NameFormatArg {
    /// File Name.txt
    FileName,
    /// #1234 – File Name.txt
    HashTicketPrefix,
    /// [Ticket 1234] File Name.txt
    TicketBracketPrefix,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Switch {
    On,
    Off,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FrequencyArg {
    Daily,
    Weekly,
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
    start_logging(cli.verbose);
    if let Command::Generate { command } = cli.command {
        return match generate::generate::<Cli>(command) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("pdesk: cannot write: {error}");
                ExitCode::from(EXIT_FAILURE)
            }
        };
    }
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

/// Logs to standard error with `-v` (what happens), `-vv` (each request
/// too) or `-vvv` (everything, the HTTP stack's too), or what RUST_LOG
/// says. Without either, nothing: pdesk reports errors itself.
fn start_logging(verbose: u8) {
    let level = match verbose {
        0 => "off",
        1 => "info",
        2 => "info,portal_client=debug",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        .with_target(false)
        .init();
}

async fn run(cli: Cli) -> Result<(), Error> {
    let core = Core::from_env()?;
    let chosen = Chosen {
        portal: cli.portal.clone(),
        account: cli.account.clone(),
    };
    match cli.command {
        Command::Login {
            email,
            password_stdin: _,
            sso,
            code,
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
            if sso {
                let outcome = sso::login_with_sso(&core, &portal, None).await?;
                return signed_in(outcome).await;
            }
            let email = email.unwrap_or_default();
            login(&core, &portal, &email, read_password()?, code.as_deref()).await
        }
        Command::Accounts { command } => accounts::run(&core, command).await,
        Command::Outbox { command } => {
            outbox::run(&session_for(&core, &chosen).await?, command).await
        }
        Command::Logout => {
            let session = session_for(&core, &chosen).await?;
            let origin = session.account().origin.clone();
            let waiting = session.outbox().map(|items| items.len()).unwrap_or(0);
            let outcome = session.sign_out().await?;
            if waiting > 0 {
                eprintln!(
                    "pdesk: {waiting} change(s) in the outbox are kept for the next sign-in here (pdesk outbox drop N withdraws one)."
                );
            }
            if let Some(note) = outcome.note {
                eprintln!("pdesk: {}", one_line(&note));
            }
            println!("Signed out of {origin}.");
            Ok(())
        }
        Command::Profile { command } => {
            let session = session_for(&core, &chosen).await?;
            match command {
                ProfileCommand::Show { json } => {
                    let (profile, etag) = session.profile().await?;
                    if json {
                        print_json(&serde_json::json!({ "profile": profile, "etag": etag }));
                    } else {
                        print_profile(&profile);
                    }
                    Ok(())
                }
                ProfileCommand::Set(fields) => set_profile(&session, fields, cli.queue).await,
            }
        }
        Command::Settings { command } => {
            let session = session_for(&core, &chosen).await?;
            match command {
                SettingsCommand::Show { json } => {
                    let (settings, etag) = session.settings().await?;
                    if json {
                        print_json(&serde_json::json!({ "settings": settings, "etag": etag }));
                    } else {
                        print_settings(&settings);
                    }
                    Ok(())
                }
                SettingsCommand::Set(fields) => set_settings(&session, fields, cli.queue).await,
            }
        }
        Command::Roles { json } => {
            let session = session_for(&core, &chosen).await?;
            let roles = session.roles().await?;
            if json {
                print_json(&roles);
            } else if roles.is_empty() {
                println!("You have no roles in any organization.");
            } else {
                for role in roles {
                    println!("{} \u{2014} {}", role.organization, role.role);
                    println!("  {}", role.description);
                    if !role.grants.is_empty() {
                        println!("  Grants: {}", role.grants.join(", "));
                    }
                }
            }
            Ok(())
        }
        Command::Password { command } => {
            account::password(&session_for(&core, &chosen).await?, command).await
        }
        Command::Username { command } => {
            account::username(&session_for(&core, &chosen).await?, command, cli.queue).await
        }
        Command::Photo { command } => {
            account::photo(&session_for(&core, &chosen).await?, command).await
        }
        Command::Documents { command } => {
            documents::documents(&session_for(&core, &chosen).await?, command).await
        }
        Command::Tickets { command } => {
            tickets::tickets(&session_for(&core, &chosen).await?, command, cli.queue).await
        }
        Command::Kb { command } => {
            kb::kb(&session_for(&core, &chosen).await?, command, cli.queue).await
        }
        Command::Kit { command } => kit::kit(&session_for(&core, &chosen).await?, command).await,
        Command::Attachments { command } => {
            tickets::attachments(&session_for(&core, &chosen).await?, command).await
        }
        Command::Contacts { command } => {
            contacts::contacts(&session_for(&core, &chosen).await?, command, cli.queue).await
        }
        Command::Generate { .. } => unreachable!("handled in main, before any session"),
    }
}

async fn set_settings(session: &Session, fields: SettingsFields, queue: bool) -> Result<(), Error> {
    let (current, current_etag) = match session.settings().await {
        Ok(fresh) => fresh,
        // Queued, the change is made on the settings as last fetched.
        Err(error) if queue && error.is_offline() => session
            .cached_settings()?
            .and_then(|kept| Some((kept.value, kept.etag?)))
            .ok_or(error)?,
        Err(error) => return Err(error),
    };
    let mut update = current.to_update();
    if let Some(format) = fields.attachment_format {
        update.attachment_name_format = match format {
            NameFormatArg::FileName => AttachmentNameFormat::FileName,
            NameFormatArg::HashTicketPrefix => AttachmentNameFormat::HashTicketPrefix,
            NameFormatArg::TicketBracketPrefix => AttachmentNameFormat::TicketBracketPrefix,
        };
    }
    let on = |switch: Switch| matches!(switch, Switch::On);
    let email = &mut update.email;
    for (flag, target) in [
        (fields.promotions, &mut email.promotions),
        (fields.ticket_updates, &mut email.ticket_updates),
        (fields.new_features, &mut email.new_features),
        (
            fields.invoices_and_payments,
            &mut email.invoices_and_payments,
        ),
        (fields.security_alerts, &mut email.security_alerts),
    ] {
        if let Some(switch) = flag {
            *target = on(switch);
        }
    }
    if let Some(frequency) = fields.digest_frequency {
        update.digest.frequency = match frequency {
            FrequencyArg::Daily => DigestFrequency::Daily,
            FrequencyArg::Weekly => DigestFrequency::Weekly,
        };
    }
    if let Some(list) = fields.digest_categories {
        update.digest.categories = parse_categories(&list)?;
    }
    let if_match = fields.if_match.unwrap_or(current_etag);
    let outcome = session.update_settings(&update, &if_match).await;
    if let Some((settings, _)) =
        outbox::or_queue(session, queue, outcome, || OutboxChange::Settings {
            update: update.clone(),
            based_on: if_match.clone(),
        })?
    {
        println!("Saved.");
        print_settings(&settings);
    }
    Ok(())
}

fn parse_categories(list: &str) -> Result<Vec<DigestCategory>, Error> {
    if list.trim().eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    list.split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            serde_json::from_value(serde_json::Value::String(name.replace('-', "_"))).map_err(|_| {
                Error::Validation {
                    message: format!(
                        "{name:?} is not a digest category; use tickets, contact-changes, documents, payments or none."
                    ),
                    fields: Vec::new(),
                }
            })
        })
        .collect()
}

fn print_settings(settings: &Settings) {
    let on_off = |on: bool| if on { "on" } else { "off" };
    println!("Attachment file names");
    for format in AttachmentNameFormat::ALL {
        let mark = if format == settings.attachment_name_format {
            "(*)"
        } else {
            "( )"
        };
        println!("  {mark} {}", format_label(format));
    }
    println!("E-mails");
    let email = &settings.email;
    for (label, on) in [
        ("Promotions", email.promotions),
        ("Ticket updates", email.ticket_updates),
        ("New features", email.new_features),
        ("Invoices and payments", email.invoices_and_payments),
        ("Security alerts", email.security_alerts),
    ] {
        println!("  {label:<24}{}", on_off(on));
    }
    let digest = &settings.digest;
    if digest.categories.is_empty() {
        println!("Digest                    none (no category selected)");
    } else {
        let when = match digest.frequency {
            DigestFrequency::Daily => "daily",
            DigestFrequency::Weekly => "weekly, on Monday",
        };
        let categories: Vec<String> = digest
            .categories
            .iter()
            .map(|category| {
                serde_json::to_value(category)
                    .ok()
                    .and_then(|value| value.as_str().map(|name| name.replace('_', "-")))
                    .unwrap_or_default()
            })
            .collect();
        println!(
            "Digest                    {when}: {}",
            categories.join(", ")
        );
    }
}

async fn login(
    core: &Core,
    portal: &str,
    email: &str,
    password: Secret,
    code: Option<&str>,
) -> Result<(), Error> {
    let outcome = match (core.sign_in(portal, email, password).await?, code) {
        (SignInStep::NeedsCode(pending), Some(code)) => core.finish_sign_in(&pending, code).await?,
        (step, _) => step.signed_in()?,
    };
    signed_in(outcome).await
}

/// Reports a sign-in; one whose session cannot be kept is ended again.
async fn signed_in(outcome: SignInOutcome) -> Result<(), Error> {
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

/// Which account a command is for: `--account`, else the current account
/// of `--portal`'s portal, else the current account.
struct Chosen {
    portal: Option<String>,
    account: Option<String>,
}

async fn session_for(core: &Core, chosen: &Chosen) -> Result<Session, Error> {
    if let Some(selector) = &chosen.account {
        return core.resume_selected(selector).await;
    }
    let Some(portal) = chosen.portal.as_deref() else {
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
        .ok_or_else(|| {
            // pdesk speaks English, as scripts expect.
            Error::NotSignedIn(format!("You are not signed in to {origin}. Sign in first."))
        })?;
    core.resume_account(account).await
}

async fn set_profile(session: &Session, fields: ProfileFields, queue: bool) -> Result<(), Error> {
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
        None => match session.profile().await {
            Ok((_, etag)) => etag,
            // Queued, the change is made on the profile as last fetched.
            Err(error) if queue && error.is_offline() => session
                .cached_profile()?
                .map(|kept| kept.etag)
                .ok_or(error)?,
            Err(error) => return Err(error),
        },
    };
    let outcome = session.update_profile(&update, &if_match).await;
    if let Some((profile, _)) =
        outbox::or_queue(session, queue, outcome, || OutboxChange::Profile {
            update: update.clone(),
            based_on: if_match.clone(),
        })?
    {
        println!("Saved.");
        print_profile(&profile);
    }
    Ok(())
}

fn read_password() -> Result<Secret, Error> {
    let lines = account::read_stdin_lines(1, "the password")?;
    Ok(Secret::new(&lines[0]))
}

/// Prints a value as pretty JSON, for `--json`.
fn print_json(value: &impl serde::Serialize) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
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
    if let Some(pending) = &profile.pending_username_change {
        println!(
            "  {:<20}change to {} requested \u{2014} ticket #{}",
            "Pending", pending.new_email, pending.ticket_id
        );
    }
}

/// The error message, with field errors named by their command-line flag.
fn describe(error: &Error) -> String {
    match error {
        Error::Validation { message, fields } if !fields.is_empty() => {
            let details: Vec<String> = fields
                .iter()
                .map(|field| {
                    let name = field.field.rsplit('.').next().unwrap_or(&field.field);
                    match name {
                        "current_password" => format!("current password: {}", field.message),
                        "new_password" => format!("new password: {}", field.message),
                        "photo" => format!("photo: {}", field.message),
                        "attachments" => format!("--attach: {}", field.message),
                        _ => format!("--{}: {}", name.replace('_', "-"), field.message),
                    }
                })
                .collect();
            format!("{message} {}", details.join("; "))
        }
        Error::MfaRequired => "This account uses two-step sign-in: run login again with --code CODE (the code your authenticator app shows, or one of your recovery codes).".to_owned(),
        Error::NotSignedIn(_) | Error::SessionEnded(_) => {
            format!("{error} Use `pdesk --portal URL login --email ADDRESS --password-stdin`.")
        }
        other => other.to_string(),
    }
}

/// Portal text made safe for a terminal: control characters (escape
/// sequences could rewrite the screen) and bidirectional overrides become
/// U+FFFD; line breaks and tabs stay.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            if (c.is_control() && c != '\n' && c != '\t') || bidi {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
