//! `portal-server`: runs the reference portal, or prints its API document.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use portal_server::{Clock, Seed, ServerConfig};

/// The Portal Desk reference portal.
#[derive(Parser)]
#[command(version, about, subcommand_negates_reqs = true)]
struct Cli {
    /// SQLite database file (created when missing).
    #[arg(long, value_name = "PATH", required = true)]
    db: Option<PathBuf>,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Data for a new database: `demo` or a fixture file (docs/fixtures.md).
    /// Ignored when the database already has users.
    #[arg(long, value_name = "demo|FILE.json")]
    seed: Option<String>,
    /// The address people reach the portal at, for links in e-mail
    /// (default: http:// and the address it listens on).
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Run the portal's clock from this RFC 3339 time instead of the
    /// system's (for demonstrations and tests of dates and expiry).
    #[arg(long, value_name = "TIME", global = true, value_parser = parse_now)]
    now: Option<time::OffsetDateTime>,
    /// Write every request received to this file as JSON lines (method,
    /// path, query, headers without credentials, JSON and form bodies), for
    /// tests that check a client against the API document.
    #[arg(long, value_name = "FILE")]
    log_requests: Option<PathBuf>,
    /// The folder Portal Desk's releases are published in, for the desktop
    /// app's update feed (`releases.json`, the packages and their `.sig`
    /// files; see docs/updates.md).
    #[arg(long, value_name = "PATH")]
    desktop_releases: Option<PathBuf>,
    /// Offer single sign-on under this name ("Sign in with NAME"): the
    /// portal as the OAuth authorization server of its own users, for
    /// Portal Desk (authorization code with PKCE, loopback redirects).
    /// `--seed demo` offers it as "Demo SSO" unless this says otherwise.
    #[arg(long, value_name = "NAME")]
    sso_name: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print the OpenAPI document of the API.
    Openapi,
    /// Vendor actions on a portal's database.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
}

#[derive(Subcommand)]
enum AdminAction {
    /// Approve the user-name change requested in ticket N.
    ApproveUsernameChange {
        /// The ticket number.
        ticket: i64,
        /// The portal's SQLite database.
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
    },
    /// Apply the contact change request carried by ticket N: the batch is
    /// checked again and applied, the ticket resolved, welcome and
    /// confirmation e-mails queued.
    ApplyContactChange {
        /// The ticket number.
        ticket: i64,
        /// The address people reach the portal at, for the activation
        /// links in welcome e-mails.
        #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080")]
        public_url: String,
        /// The portal's SQLite database.
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
    },
    /// Reissue document N with the content of FILE (its ETag and digest
    /// change; partial downloads of the old file start again).
    ReplaceDocumentFile {
        /// The document's id.
        document: i64,
        /// The new content.
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        /// The portal's SQLite database.
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
    },
    /// Comment on ticket N as the vendor's team (the ticket then awaits the
    /// customer, who is notified).
    Comment {
        /// The ticket number.
        ticket: i64,
        /// The comment's text.
        #[arg(long)]
        text: String,
        /// A file to attach (repeat for more).
        #[arg(long = "attach", value_name = "FILE")]
        attach: Vec<PathBuf>,
        /// Who on the vendor's team writes.
        #[arg(long, default_value = portal_server::store::tickets::VENDOR_TEAM)]
        author: String,
        /// An internal note the customer never sees.
        #[arg(long)]
        internal: bool,
        /// Resolve the ticket with this comment.
        #[arg(long)]
        resolve: bool,
        /// The portal's SQLite database.
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
    },
    /// Print the e-mail the portal has queued, one JSON object a line.
    Outbox {
        /// The portal's SQLite database.
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
    },
}

fn main() {
    // Logs go to stderr; RUST_LOG chooses what (`info` unless set).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let mut cli = Cli::parse();
    let result = match cli.command.take() {
        Some(Command::Openapi) => {
            let json = serde_json::to_string_pretty(&portal_server::openapi())
                .expect("the OpenAPI document serializes");
            println!("{json}");
            Ok(())
        }
        Some(Command::Admin { action }) => admin(action, clock_of(cli.now)),
        None => run(cli),
    };
    if let Err(error) = result {
        eprintln!("portal-server: {error:#}");
        std::process::exit(1);
    }
}

fn parse_now(text: &str) -> Result<time::OffsetDateTime, String> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map_err(|_| format!("{text:?} is not an RFC 3339 time like 2030-01-15T09:00:00Z"))
}

fn clock_of(now: Option<time::OffsetDateTime>) -> Clock {
    now.map_or_else(Clock::system, Clock::starting_at)
}

fn admin(action: AdminAction, clock: Clock) -> anyhow::Result<()> {
    match action {
        AdminAction::ApproveUsernameChange { ticket, db } => {
            let db = open_existing(&db, &clock)?;
            let approved = db.run_blocking(|conn| {
                portal_server::account::approve_username_change(conn, ticket)
            })?;
            println!(
                "ticket #{ticket}: {} is now {}; a confirmation e-mail is in the outbox",
                approved.old_email, approved.new_email
            );
        }
        AdminAction::ApplyContactChange {
            ticket,
            public_url,
            db,
        } => {
            let db = open_existing(&db, &clock)?;
            let applied = db.run_blocking(|conn| {
                portal_server::contact_requests::apply_request(
                    conn,
                    ticket,
                    public_url.trim_end_matches('/'),
                )
            })?;
            println!(
                "ticket #{ticket}: {} change(s) to the contacts of {} applied; {} welcome and {} access-revoked e-mail(s) are in the outbox",
                applied.changes,
                applied.organization,
                applied.effects.welcomed.len(),
                applied.effects.revoked.len()
            );
        }
        AdminAction::ReplaceDocumentFile {
            document,
            file,
            db: db_path,
        } => {
            let db = open_existing(&db_path, &clock)?;
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let stored = portal_server::documents::replace_file(
                &db,
                &portal_server::files::FileStore::beside(&db_path),
                document,
                &bytes,
            )?;
            println!(
                "document {document} now has {} bytes, SHA-256 {}",
                stored.size, stored.sha256
            );
        }
        AdminAction::Comment {
            ticket,
            text,
            attach,
            author,
            internal,
            resolve,
            db: db_path,
        } => {
            let db = open_existing(&db_path, &clock)?;
            let mut attachments = Vec::new();
            for path in &attach {
                let bytes = std::fs::read(path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                let name = path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .with_context(|| format!("{} names no file", path.display()))?;
                let media_type = portal_api::tickets::media_type_for(&name).to_owned();
                attachments.push((name, media_type, bytes));
            }
            let comment = portal_server::ticket_comments::VendorComment {
                number: ticket,
                author,
                text,
                attachments,
                internal,
                resolve,
            };
            let files = portal_server::files::FileStore::beside(&db_path);
            let id = db.run_blocking(|conn| {
                portal_server::ticket_comments::add_vendor_comment(conn, &files, &comment)
            })?;
            println!(
                "ticket #{ticket}: comment {id} added with {} attachment(s)",
                attach.len()
            );
        }
        AdminAction::Outbox { db } => {
            let db = open_existing(&db, &clock)?;
            for message in db.run_blocking(|conn| portal_server::outbox::messages(conn))? {
                println!("{}", serde_json::to_string(&message)?);
            }
        }
    }
    Ok(())
}

fn open_existing(path: &std::path::Path, clock: &Clock) -> anyhow::Result<portal_server::Db> {
    anyhow::ensure!(path.is_file(), "there is no database at {}", path.display());
    portal_server::Db::open(path, clock.clone())
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let db = cli.db.expect("clap requires --db");
    let mut config = ServerConfig::new(db, cli.listen);
    config.public_url = cli.public_url;
    config.clock = clock_of(cli.now);
    config.desktop_releases = cli.desktop_releases;
    config.sso_name = cli.sso_name.or_else(|| {
        (cli.seed.as_deref() == Some("demo"))
            .then(|| portal_server::oauth::DEMO_SSO_NAME.to_owned())
    });
    if let Some(path) = &cli.log_requests {
        config.request_log = Some(
            portal_server::request_log::RequestLog::to_file(path)
                .with_context(|| format!("cannot write the request log {}", path.display()))?,
        );
    }
    config.seed = cli.seed.map(|seed| match seed.as_str() {
        "demo" => Seed::Demo,
        path => Seed::File(PathBuf::from(path)),
    });
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let server = portal_server::start(config).await?;
        println!("listening on {}", server.url());
        std::io::stdout().flush()?;
        tokio::select! {
            result = shutdown_signal() => result?,
            result = server.wait() => result?,
        }
        Ok(())
    })
}

async fn shutdown_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result,
            _ = term.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}
