//! The reference portal: an axum + SQLite implementation of the portal API.
//!
//! It is the executable contract of `portal-api`, the demo portal embedded in
//! the desktop app, and the peer every client test talks to over loopback.

#![warn(missing_docs)]

pub mod account;
pub mod api_document;
pub mod api_links;
pub mod auth;
pub mod bearer;
pub mod clock;
pub mod contact_invitations;
pub mod contact_requests;
pub mod contact_roster;
pub mod contacts;
pub mod credentials;
pub mod db;
pub mod desktop_updates;
pub mod document_files;
pub mod document_seed;
pub mod documents;
pub mod error;
pub mod field_rules;
pub mod files;
pub mod grants;
pub mod idempotency;
pub mod kb;
pub mod kb_seed;
pub mod kit_seed;
pub mod link_pages;
pub mod load_limits;
pub mod mfa;
pub mod oauth;
pub mod outbox;
pub mod paging;
pub mod partner_kit;
pub mod password_reset;
pub mod passwords;
pub mod pdf;
pub mod photos;
pub mod profile;
pub mod ranges;
pub mod request_log;
pub mod seed;
pub mod server_key;
pub mod settings;
pub mod sign_in_steps;
pub mod store;
pub mod throttle;
pub mod ticket_comments;
pub mod ticket_files;
pub mod ticket_seed;
pub mod ticket_uploads;
pub mod tickets;
pub mod tokens;
pub mod versions;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use clock::Clock;
pub use db::Db;
pub use load_limits::LoadLimits;
pub use store::sessions::TokenLifetimes;
pub use throttle::ThrottleConfig;

/// Largest JSON request body accepted, in bytes.
pub const MAX_JSON_BODY: usize = 64 * 1024;

/// Where the initial data of a new database comes from.
#[derive(Debug, Clone)]
pub enum Seed {
    /// The built-in demo portal.
    Demo,
    /// A fixture file (see `docs/fixtures.md`).
    File(PathBuf),
    /// Fixture JSON given inline.
    Json(String),
}

/// Everything needed to run a portal.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The SQLite file; created when missing.
    pub db_path: PathBuf,
    /// Address to listen on; port 0 picks a free one.
    pub listen: SocketAddr,
    /// Data to load when the database has no users yet.
    pub seed: Option<Seed>,
    /// Token lifetimes.
    pub token_lifetimes: TokenLifetimes,
    /// Failed sign-in limits.
    pub throttle: ThrottleConfig,
    /// Limits on password-reset requests, per address and per client.
    pub reset_throttle: ThrottleConfig,
    /// The address people reach the portal at, for links in e-mail; `None`
    /// means `http://` plus the address it listens on.
    pub public_url: Option<String>,
    /// The clock every date rule reads (the system's unless a test or the
    /// `--now` option sets one).
    pub clock: Clock,
    /// Bounds on concurrent password hashing and requests.
    pub load_limits: LoadLimits,
    /// Where to record every request, for tests that check a client
    /// against the API document; `None` (no record) unless a test sets it.
    pub request_log: Option<request_log::RequestLog>,
    /// The folder the desktop app's releases are published in (see
    /// [`desktop_updates`]); `None`: the update feed offers nothing.
    pub desktop_releases: Option<PathBuf>,
    /// The name single sign-on is offered under ("Sign in with NAME"; see
    /// [`oauth`]); `None`: only passwords.
    pub sso_name: Option<String>,
}

impl ServerConfig {
    /// Defaults for everything but the database and address.
    pub fn new(db_path: impl Into<PathBuf>, listen: SocketAddr) -> Self {
        Self {
            db_path: db_path.into(),
            listen,
            seed: None,
            token_lifetimes: TokenLifetimes::default(),
            throttle: ThrottleConfig::default(),
            reset_throttle: ThrottleConfig {
                per_account: 3,
                per_address: 30,
                window: std::time::Duration::from_secs(60 * 60),
                ..ThrottleConfig::default()
            },
            public_url: None,
            clock: Clock::system(),
            load_limits: LoadLimits::default(),
            request_log: None,
            desktop_releases: None,
            sso_name: None,
        }
    }
}

/// State shared by all handlers.
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Failed sign-in bookkeeping.
    pub throttle: throttle::LoginThrottle,
    /// Password-reset requests, counted per address and per client.
    pub reset_requests: throttle::LoginThrottle,
    /// The configuration the portal was started with.
    pub config: ServerConfig,
    /// Where people reach the portal (no trailing slash): the base of links
    /// in e-mail. Never taken from a request's `Host`, which a sender
    /// chooses.
    pub public_url: String,
    /// Document files.
    pub files: files::FileStore,
    /// The gate every password hash and check goes through.
    pub passwords: load_limits::PasswordGate,
    /// The key beside the database that seals two-step secrets.
    pub key: Arc<server_key::ServerKey>,
    /// One permit per request in progress (see [`load_limits`]).
    pub requests: Arc<tokio::sync::Semaphore>,
}

impl AppState {
    /// How many requests are being answered now.
    pub fn requests_in_progress(&self) -> usize {
        self.config
            .load_limits
            .concurrent_requests
            .max(1)
            .saturating_sub(self.requests.available_permits())
    }
}

fn api_router() -> OpenApiRouter<Arc<AppState>> {
    OpenApiRouter::with_openapi(api_document::ApiDoc::openapi())
        .routes(routes!(auth::login))
        .routes(routes!(auth::refresh))
        .routes(routes!(auth::logout))
        .routes(routes!(mfa::mfa_sign_in))
        .routes(routes!(password_reset::request_password_reset))
        .routes(routes!(password_reset::request_first_password))
        .routes(routes!(oauth::auth_options))
        .routes(routes!(oauth::authorize_page, oauth::authorize_submit))
        .routes(routes!(oauth::token))
        .routes(routes!(
            password_reset::reset_page,
            password_reset::reset_submit
        ))
        .routes(routes!(profile::get_me, profile::patch_me))
        .routes(routes!(account::change_password))
        .routes(routes!(account::request_username_change))
        .routes(routes!(
            photos::get_photo,
            photos::put_photo,
            photos::delete_photo
        ))
        .routes(routes!(settings::get_settings, settings::put_settings))
        .routes(routes!(settings::get_roles))
        .routes(routes!(mfa::get_mfa))
        .routes(routes!(mfa::setup_mfa))
        .routes(routes!(mfa::enable_mfa))
        .routes(routes!(mfa::disable_mfa))
        .routes(routes!(documents::my_documents))
        .routes(routes!(documents::organization_documents))
        .routes(routes!(document_files::document_file))
        .routes(routes!(
            tickets::list_tickets,
            ticket_comments::create_ticket
        ))
        .routes(routes!(tickets::get_ticket))
        .routes(routes!(ticket_comments::add_comment))
        .routes(routes!(tickets::cancel_ticket))
        .routes(routes!(ticket_files::attachment_file))
        .routes(routes!(contacts::get_contacts))
        .routes(routes!(contacts::post_contact_changes))
        .routes(routes!(contacts::cancel_contact_changes))
        .routes(routes!(contacts::reset_contact_password))
        .routes(routes!(contacts::get_customers))
        .routes(routes!(
            contact_invitations::invitation_page,
            contact_invitations::invitation_answer
        ))
        .routes(routes!(kb::kb_categories))
        .routes(routes!(kb::kb_articles))
        .routes(routes!(kb::kb_article))
        .routes(routes!(kb::put_kb_vote))
        .routes(routes!(kb::kb_image))
        .routes(routes!(kb::kb_search))
        .routes(routes!(kb::kb_suggestions))
        .routes(routes!(partner_kit::kit_files))
        .routes(routes!(partner_kit::kit_file_content))
        .routes(routes!(desktop_updates::desktop_update))
        .routes(routes!(desktop_updates::desktop_package))
}

/// The OpenAPI 3.1 document of the API this server implements: what the
/// handlers declare, completed with what every operation shares (see
/// [`api_document::complete`]).
pub fn openapi() -> serde_json::Value {
    let examples =
        serde_json::from_str(api_document::RECORDED_EXAMPLES).expect("api/examples.json is JSON");
    openapi_with_examples(&examples)
}

/// The OpenAPI document with the given examples (see
/// [`api_document::add_examples`]): what `openapi()` answers with the
/// recorded ones, and what the test that records them writes.
pub fn openapi_with_examples(examples: &serde_json::Value) -> serde_json::Value {
    let mut document = api_document::complete(api_router().split_for_parts().1);
    api_document::add_examples(&mut document, examples);
    document
}

/// Logs each request (tower-http's `TraceLayer`): a span with the method
/// and the path, never the query (e-mailed links carry their tokens there)
/// nor any header or body; the status and time at `debug`, failures at
/// `warn`.
fn request_trace() -> tower_http::trace::TraceLayer<HttpClassifier, MakeRequestSpan> {
    fn span(request: &HttpRequest) -> tracing::Span {
        tracing::info_span!("request", method = %request.method(), path = request.uri().path())
    }
    tower_http::trace::TraceLayer::new_for_http().make_span_with(span as MakeRequestSpan)
}

type HttpRequest = axum::http::Request<axum::body::Body>;
type HttpClassifier =
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>;
type MakeRequestSpan = fn(&HttpRequest) -> tracing::Span;

/// The HTTP router over the given state.
pub fn router(state: Arc<AppState>) -> Router {
    let (router, _) = api_router().split_for_parts();
    let request_permits = state.requests.clone();
    let request_log = state.config.request_log.clone();
    let router = router
        .fallback(|| async {
            error::ApiError::new(
                axum::http::StatusCode::NOT_FOUND,
                portal_api::problem::codes::NOT_FOUND,
                "There is nothing at this address.",
            )
        })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            idempotency::once_per_key,
        ))
        .layer(DefaultBodyLimit::max(MAX_JSON_BODY))
        .layer(axum::middleware::from_fn_with_state(
            request_permits,
            load_limits::limit_requests,
        ))
        .layer(request_trace())
        .with_state(state);
    match request_log {
        Some(log) => router.layer(axum::middleware::from_fn_with_state(
            log,
            request_log::record,
        )),
        None => router,
    }
}

/// Opens the database and applies the seed if it has no users yet.
/// Answers whether the seed was applied.
pub fn prepare_database(config: &ServerConfig) -> anyhow::Result<(Db, bool)> {
    let db = Db::open(&config.db_path, config.clock.clone())
        .with_context(|| format!("cannot open the database {}", config.db_path.display()))?;
    let Some(seed) = &config.seed else {
        return Ok((db, false));
    };
    let json = match seed {
        Seed::Demo => seed::DEMO_FIXTURES.to_owned(),
        Seed::Json(json) => json.clone(),
        Seed::File(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the fixture file {}", path.display()))?,
    };
    let fixtures = seed::parse(&json)?;
    let applied = db.run_blocking(|conn| -> anyhow::Result<bool> {
        if !seed::is_empty(conn)? {
            return Ok(false);
        }
        seed::apply(conn, &fixtures, &files::FileStore::beside(&config.db_path))?;
        Ok(true)
    })?;
    Ok((db, applied))
}

/// A portal running on the current tokio runtime.
pub struct RunningServer {
    /// The address it accepts connections on.
    pub addr: SocketAddr,
    state: Arc<AppState>,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl RunningServer {
    /// `http://ADDR`, the base URL of the portal.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The state its handlers share (for tests that look at its bounds).
    pub fn state(&self) -> Arc<AppState> {
        self.state.clone()
    }

    /// Stops accepting connections and waits for open requests to finish.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        (&mut self.task).await.unwrap_or(Ok(()))
    }

    /// Waits until the server stops by itself (it does not, unless it fails).
    pub async fn wait(mut self) -> std::io::Result<()> {
        (&mut self.task).await.unwrap_or(Ok(()))
    }
}

/// Opens the database, binds the address and starts serving. When this
/// returns, the portal accepts connections.
pub async fn start(config: ServerConfig) -> anyhow::Result<RunningServer> {
    let prepare_config = config.clone();
    let (db, _) = tokio::task::spawn_blocking(move || prepare_database(&prepare_config)).await??;
    let key = Arc::new(server_key::ServerKey::beside(&config.db_path)?);
    db.run_blocking(|conn| server_key::protect_stored_secrets(conn, &key))
        .context("cannot protect the stored two-step secrets")?;
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    let public_url = config
        .public_url
        .clone()
        .map(|url| url.trim_end_matches('/').to_owned())
        .unwrap_or_else(|| format!("http://{addr}"));
    let state = Arc::new(AppState {
        files: files::FileStore::beside(&config.db_path),
        db,
        throttle: throttle::LoginThrottle::new(config.throttle.clone(), config.clock.clone()),
        passwords: load_limits::PasswordGate::new(config.load_limits),
        requests: Arc::new(tokio::sync::Semaphore::new(
            config.load_limits.concurrent_requests.max(1),
        )),
        key,
        reset_requests: throttle::LoginThrottle::new(
            config.reset_throttle.clone(),
            config.clock.clone(),
        ),
        config,
        public_url,
    });
    let (shutdown_tx, shutdown_rx) = oneshot::channel::<()>();
    let app = router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = shutdown_rx.await;
            })
            .await
    });
    Ok(RunningServer {
        addr,
        state,
        shutdown: Some(shutdown_tx),
        task,
    })
}
