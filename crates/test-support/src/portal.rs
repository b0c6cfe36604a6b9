use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use std::sync::Arc;

use portal_server::request_log::RequestLog;

use crate::contract::ContractWatch;
use portal_server::{
    AppState, Clock, LoadLimits, Seed, ServerConfig, ThrottleConfig, TokenLifetimes,
};

/// The instant every test portal's clock starts at: the day the fixtures'
/// absolute dates were written against. Tests never read the wall clock for
/// the portal's dates; they read [`TestPortal::clock`] and move it.
pub const TEST_CLOCK_START: time::OffsetDateTime = time::macros::datetime!(2026-11-24 09:00 UTC);

/// The reference portal running in this process on its own thread and
/// runtime, reached over real HTTP on 127.0.0.1.
pub struct TestPortal {
    url: String,
    db_path: PathBuf,
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    clock: Clock,
    state: Arc<AppState>,
    request_log: Option<RequestLog>,
    contract: ContractWatch,
    _folder: tempfile::TempDir,
}

/// Options for a [`TestPortal`].
pub struct TestPortalBuilder {
    fixtures: String,
    token_lifetimes: TokenLifetimes,
    throttle: ThrottleConfig,
    clock: Clock,
    load_limits: LoadLimits,
    request_log: Option<RequestLog>,
    desktop_releases: Option<PathBuf>,
    sso_name: Option<String>,
}

impl TestPortal {
    /// A portal loaded with the given fixture JSON.
    pub fn with_fixtures(fixtures: &str) -> Self {
        Self::builder(fixtures).start()
    }

    /// A portal for a client's tests: loaded with the given fixture JSON,
    /// and every request it receives is checked against the API document
    /// when it stops (see [`TestPortalBuilder::checking_contract`]).
    pub fn for_client(fixtures: &str) -> Self {
        Self::builder(fixtures).checking_contract().start()
    }

    /// Options for a portal loaded with the given fixture JSON.
    pub fn builder(fixtures: &str) -> TestPortalBuilder {
        TestPortalBuilder {
            fixtures: fixtures.to_owned(),
            token_lifetimes: TokenLifetimes::default(),
            throttle: ThrottleConfig::default(),
            clock: Clock::starting_at(TEST_CLOCK_START),
            load_limits: LoadLimits::default(),
            request_log: None,
            desktop_releases: None,
            sso_name: None,
        }
    }

    /// Says that the test sends requests the document refuses on purpose
    /// (to see how the portal answers them): violations that start with
    /// `what` (an operation, say `PATCH /api/v1/me: body`) are not held
    /// against the client.
    pub fn sends_off_contract_on_purpose(&self, what: &str) {
        self.contract.on_purpose(what);
    }

    /// The requests that broke the API document so far (with
    /// [`TestPortalBuilder::checking_contract`]; empty without it), less
    /// those sent off the contract on purpose.
    pub fn contract_violations(&self) -> Vec<String> {
        self.request_log
            .as_ref()
            .map(|log| self.contract.violations(&log.requests()))
            .unwrap_or_default()
    }

    /// The requests received so far (with
    /// [`TestPortalBuilder::checking_contract`]; empty without it).
    pub fn received(&self) -> Vec<portal_server::request_log::LoggedRequest> {
        self.request_log
            .as_ref()
            .map(RequestLog::requests)
            .unwrap_or_default()
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The portal's SQLite file.
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// The portal's clock: read it for "now" and "today", move it with
    /// [`Clock::advance`] to let tokens, links and throttles expire.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The most password hashes the portal has run at once.
    pub fn password_hash_peak(&self) -> usize {
        self.state.passwords.peak()
    }

    /// Waits until the portal answers no request (a refused upload has
    /// been read to its end, say): a signal, not a pause. Panics after
    /// `timeout`.
    pub fn wait_until_idle(&self, timeout: Duration) {
        let deadline = std::time::Instant::now() + timeout;
        while self.state.requests_in_progress() > 0 {
            assert!(
                std::time::Instant::now() < deadline,
                "the portal was still answering {} request(s) after {timeout:?}",
                self.state.requests_in_progress()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// How many accounts and clients the sign-in throttle remembers.
    pub fn throttle_tracked(&self) -> usize {
        self.state.throttle.tracked()
    }

    /// Runs SQL against the portal's database (to play the vendor's side or
    /// to age tokens).
    pub fn execute(&self, sql: &str) {
        execute_sql(&self.db_path, sql);
    }

    /// Answers one text from the portal's database.
    pub fn query_text(&self, sql: &str) -> String {
        query_one(&self.db_path, sql)
    }

    /// Answers one integer from the portal's database.
    pub fn query_i64(&self, sql: &str) -> i64 {
        query_one(&self.db_path, sql)
    }
}

/// Runs SQL against the portal database at `db_path`.
fn execute_sql(db_path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db_path).expect("open the portal database");
    conn.busy_timeout(Duration::from_secs(5))
        .expect("busy timeout");
    conn.execute_batch(sql)
        .expect("run SQL on the portal database");
}

/// Answers one value from the portal database at `db_path`.
fn query_one<T: rusqlite::types::FromSql>(db_path: &Path, sql: &str) -> T {
    let conn = rusqlite::Connection::open(db_path).expect("open the portal database");
    conn.busy_timeout(Duration::from_secs(5))
        .expect("busy timeout");
    conn.query_row(sql, [], |row| row.get(0))
        .expect("query the portal database")
}

impl TestPortalBuilder {
    /// Sets the access-token lifetime in seconds.
    pub fn access_token_secs(mut self, seconds: u64) -> Self {
        self.token_lifetimes.access_secs = seconds;
        self
    }

    /// Sets the failed sign-in limits.
    pub fn throttle(mut self, throttle: ThrottleConfig) -> Self {
        self.throttle = throttle;
        self
    }

    /// Sets the bounds on concurrent hashing and requests.
    pub fn load_limits(mut self, limits: LoadLimits) -> Self {
        self.load_limits = limits;
        self
    }

    /// Starts the portal's clock at `start` instead of [`TEST_CLOCK_START`].
    pub fn clock_starting_at(mut self, start: time::OffsetDateTime) -> Self {
        self.clock = Clock::starting_at(start);
        self
    }

    /// Records every request and checks it against `api/openapi.json`
    /// when the portal stops: a test whose client sent anything the
    /// document does not describe fails, naming what.
    pub fn checking_contract(mut self) -> Self {
        self.request_log = Some(RequestLog::default());
        self
    }

    /// Publishes the desktop releases in `folder` on the update feed.
    pub fn desktop_releases(mut self, folder: &Path) -> Self {
        self.desktop_releases = Some(folder.to_path_buf());
        self
    }

    /// Offers single sign-on under `name` ("Sign in with NAME").
    pub fn sso(mut self, name: &str) -> Self {
        self.sso_name = Some(name.to_owned());
        self
    }

    /// Stops the portal's clock at [`TEST_CLOCK_START`]: it moves only when
    /// the test moves it, so every answer is the same on every run.
    pub fn stopped_clock(mut self) -> Self {
        self.clock = Clock::stopped_at(TEST_CLOCK_START);
        self
    }

    /// Starts the portal; it accepts connections when this returns.
    pub fn start(self) -> TestPortal {
        let folder = tempfile::tempdir().expect("temporary folder");
        let db_path = folder.path().join("portal.db");
        let mut config = ServerConfig::new(&db_path, "127.0.0.1:0".parse().unwrap());
        config.seed = Some(Seed::Json(self.fixtures));
        config.token_lifetimes = self.token_lifetimes;
        config.throttle = self.throttle;
        config.clock = self.clock.clone();
        config.load_limits = self.load_limits;
        config.request_log = self.request_log.clone();
        config.desktop_releases = self.desktop_releases;
        config.sso_name = self.sso_name;
        let (ready_tx, ready_rx) = mpsc::channel();
        let (stop_tx, stop_rx) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("tokio runtime");
            let server = match runtime.block_on(portal_server::start(config)) {
                Ok(server) => server,
                Err(error) => {
                    let _ = ready_tx.send(Err(format!("{error:#}")));
                    return;
                }
            };
            let _ = ready_tx.send(Ok((server.url(), server.state())));
            let _ = stop_rx.recv();
            // A client that walked away from a streaming answer may never
            // close its end; do not wait for it for long.
            let _ = runtime.block_on(async {
                tokio::time::timeout(Duration::from_secs(2), server.stop()).await
            });
            runtime.shutdown_timeout(Duration::from_secs(2));
        });
        let (url, state) = ready_rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the test portal started in time")
            .unwrap_or_else(|error| panic!("the test portal failed to start: {error}"));
        TestPortal {
            url,
            db_path,
            stop: Some(stop_tx),
            thread: Some(thread),
            clock: self.clock,
            state,
            request_log: self.request_log,
            contract: ContractWatch::default(),
            _folder: folder,
        }
    }
}

impl Drop for TestPortal {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        if let Some(log) = &self.request_log {
            self.contract.assert_followed(&log.requests());
        }
    }
}

/// The `portal-server` executable running as its own process. Every
/// request it receives is checked against the API document when it is
/// dropped, as with [`TestPortal::for_client`].
pub struct PortalProcess {
    child: Child,
    /// The arguments it was started with beyond the database and address.
    extra: Vec<String>,
    url: String,
    db_path: PathBuf,
    clock: Clock,
    request_log: PathBuf,
    contract: ContractWatch,
    _folder: tempfile::TempDir,
}

impl PortalProcess {
    /// Starts `portal-server --seed FILE` with the given fixture JSON on a
    /// random port, and waits for its `listening on` line.
    pub fn spawn(fixtures: &str) -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        let seed = folder.path().join("fixtures.json");
        std::fs::write(&seed, fixtures).expect("write fixtures");
        let seed = seed.to_string_lossy().into_owned();
        Self::spawn_with(folder, &["--seed", &seed])
    }

    /// Like [`PortalProcess::spawn`], publishing the desktop releases in
    /// `releases` on the update feed (`--desktop-releases`).
    pub fn spawn_with_releases(fixtures: &str, releases: &Path) -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        let seed = folder.path().join("fixtures.json");
        std::fs::write(&seed, fixtures).expect("write fixtures");
        let seed = seed.to_string_lossy().into_owned();
        let releases = releases.to_string_lossy().into_owned();
        Self::spawn_with(folder, &["--seed", &seed, "--desktop-releases", &releases])
    }

    /// Like [`PortalProcess::spawn`], offering single sign-on under `name`
    /// (`--sso-name`).
    pub fn spawn_offering_sso(fixtures: &str, name: &str) -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        let seed = folder.path().join("fixtures.json");
        std::fs::write(&seed, fixtures).expect("write fixtures");
        let seed = seed.to_string_lossy().into_owned();
        Self::spawn_with(folder, &["--seed", &seed, "--sso-name", name])
    }

    /// Starts `portal-server --seed demo` on a random port.
    pub fn demo() -> Self {
        Self::spawn_with(
            tempfile::tempdir().expect("temporary folder"),
            &["--seed", "demo"],
        )
    }

    fn spawn_with(folder: tempfile::TempDir, extra: &[&str]) -> Self {
        let extra: Vec<String> = extra.iter().map(|arg| (*arg).to_owned()).collect();
        let db_path = folder.path().join("portal.db");
        let request_log = folder.path().join("requests.jsonl");
        let (child, url) = Self::start_process(&db_path, &request_log, "127.0.0.1:0", &extra);
        PortalProcess {
            child,
            extra,
            url,
            db_path,
            clock: Clock::starting_at(TEST_CLOCK_START),
            request_log,
            contract: ContractWatch::default(),
            _folder: folder,
        }
    }

    /// Starts the portal again after [`PortalProcess::stop`], on the same
    /// address and database (a portal that was down and is back).
    pub fn restart(&mut self) {
        self.stop();
        let listen = self.url.trim_start_matches("http://").to_owned();
        let (child, url) =
            Self::start_process(&self.db_path, &self.request_log, &listen, &self.extra);
        assert_eq!(url, self.url, "the portal is back at its address");
        self.child = child;
    }

    fn start_process(
        db_path: &Path,
        request_log: &Path,
        listen: &str,
        extra: &[String],
    ) -> (Child, String) {
        let start = TEST_CLOCK_START
            .format(&time::format_description::well_known::Rfc3339)
            .expect("an RFC 3339 time");
        let mut child = Command::new(workspace_binary("portal-server"))
            .arg("--db")
            .arg(db_path)
            .args(["--listen", listen, "--now", &start])
            .arg("--log-requests")
            .arg(request_log)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start portal-server");
        let stdout = child.stdout.take().expect("piped stdout");
        let (line_tx, line_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = line_tx.send(line);
            }
            for _ in lines {}
        });
        let line = line_rx
            .recv_timeout(Duration::from_secs(60))
            .expect("portal-server printed its address in time");
        let url = line
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from portal-server: {line:?}"))
            .to_owned();
        (child, url)
    }

    /// As [`TestPortal::sends_off_contract_on_purpose`].
    pub fn sends_off_contract_on_purpose(&self, what: &str) {
        self.contract.on_purpose(what);
    }

    /// The requests that broke the API document so far, less those sent
    /// off the contract on purpose.
    pub fn contract_violations(&self) -> Vec<String> {
        self.contract.violations(&self.logged_requests())
    }

    fn logged_requests(&self) -> Vec<portal_server::request_log::LoggedRequest> {
        portal_server::request_log::RequestLog::read_file(&self.request_log)
            .expect("the request log reads")
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The portal's SQLite file.
    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    /// A copy of the process's clock, started with it at [`TEST_CLOCK_START`]
    /// (to the millisecond: good for dates and two-step codes; moving it
    /// does not move the process's).
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Runs SQL against the portal's database (to play the vendor's side).
    pub fn execute(&self, sql: &str) {
        execute_sql(&self.db_path, sql);
    }

    /// Answers one integer from the portal's database.
    pub fn query_i64(&self, sql: &str) -> i64 {
        query_one(&self.db_path, sql)
    }

    /// Stops the process (its address then refuses connections).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PortalProcess {
    fn drop(&mut self) {
        self.stop();
        self.contract.assert_followed(&self.logged_requests());
    }
}

/// The path of a binary of this workspace, next to the running test's
/// target folder. `cargo test --workspace` builds every binary first.
pub fn workspace_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("tests run from target/PROFILE/deps");
    let path = profile_dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: build it with `cargo build -p {name}` (`cargo xtask test` does this)",
        path.display()
    );
    path
}
