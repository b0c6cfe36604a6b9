//! `cargo xtask bench ui [DOCUMENTS]`: the real app (release build) on a
//! virtual display, signed in through a recording proxy to a portal with
//! DOCUMENTS quotes and invoices for one user (10,000 unless told), a fifth
//! as many tickets and a twentieth as many contacts (see `fixtures.rs`),
//! driven through WebDriver. It prints, as measured inside the webview,
//! the time from an input event to the painted frame that shows its
//! result: My Payments opened (first sync), each keystroke of a search,
//! each sort, the Tickets list opened and searched, the Contacts opened and
//! a role ticked, the list shown again and re-synced (time and bytes on the
//! wire), the lists painted from the local copy after a restart, and the
//! webview's memory as each list is added. Each figure lists the app
//! commands the page called meanwhile (when called and answered), and a
//! click with nothing to do gives the display's frame floor. Figures only:
//! it passes or fails nothing.

mod fixtures;
#[path = "../../tests/e2e/support/mod.rs"]
mod support;
mod timing;

use std::time::Duration;

use desktop_session::process_memory::descendants_pss_kib;
use fixtures::EMAIL;
use support::desktop::{APP_TIMEOUT, Desktop};
use support::launch_signed_in;
use support::webdriver::WebDriver;
use test_support::{FaultProxy, PASSWORD, PortalProcess};
use timing::Timing;

const IDLE: Duration = Duration::from_secs(5);
/// The search typed one key at a time, then taken back.
const SEARCH: [&str; 6] = ["7", "3", "1", "\u{E003}", "\u{E003}", "\u{E003}"];
const TICKET_SEARCH: [&str; 4] = ["4", "2", "\u{E003}", "\u{E003}"];
const SORTS: [&str; 4] = ["number", "amount", "due_on", "status"];

const COUNT: &str = "my-payments-count";
const DOCUMENT_LIST: &str = "/api/v1/me/documents";
const ROWS_SHOWN: &str = "document.querySelector('#my-payments-table tbody tr[data-number]')";
const SYNCED: &str = "!document.querySelector('#my-payments-list[aria-busy]')";
const TICKET_COUNT: &str = "tickets-count";
const TICKET_ROWS_SHOWN: &str = "document.querySelector('#tickets .ticket-row')";
const CONTACT_SUMMARY: &str = "contacts-summary";
const CONTACT_ROWS_SHOWN: &str =
    "document.querySelector('#contacts-table tbody.contact tr[data-email]')";

/// What one run measured: timed actions, and lines of other figures.
#[derive(Default)]
struct Figures {
    timed: Vec<(String, Timing)>,
    lines: Vec<String>,
    last_kib: Option<u64>,
}

impl Figures {
    /// Notes a timed action (and says it at once, so a run that stops
    /// half-way still shows what it measured).
    fn timed(&mut self, what: impl Into<String>, timing: Timing) {
        let what = what.into();
        println!("    {:.0} ms  {what}", timing.painted_ms);
        self.timed.push((what, timing));
    }

    /// The PSS of the app and its webview after idling, and the change
    /// since the last one noted.
    fn memory(&mut self, desktop: &Desktop, what: &str) {
        std::thread::sleep(IDLE);
        let (processes, kib) = descendants_pss_kib(desktop.driver_pid());
        let change = self
            .last_kib
            .map(|last| format!(" ({:+.1} MiB)", (kib as f64 - last as f64) / 1024.0))
            .unwrap_or_default();
        let line = format!(
            "webview and app PSS ({processes} processes) {what}, idle: {}{change}",
            mib(kib)
        );
        println!("    {line}");
        self.lines.push(line);
        self.last_kib = Some(kib);
    }
}

/// `done` once the text of `#count` is no longer what it was when armed.
fn changed(count: &str) -> String {
    format!("document.getElementById('{count}').textContent !== window.__benchBefore")
}

fn main() {
    let documents: usize = std::env::args()
        .skip(1)
        .find_map(|argument| argument.parse().ok())
        .unwrap_or(10_000);
    let (fixture, tickets, contacts) = fixtures::fixtures(documents, PASSWORD);
    println!(
        "==> A portal with {documents} documents and {tickets} tickets for {EMAIL}, who manages {contacts} contacts"
    );
    let portal = PortalProcess::spawn(&fixture);
    let proxy = FaultProxy::start(portal.url());
    let mut desktop = Desktop::start("bench-ui");
    let app = launch_signed_in(&desktop, proxy.url(), EMAIL, PASSWORD, "Ada Lovelace");

    let mut figures = Figures::default();
    figures.memory(&desktop, "signed in");
    // A click on text that has no action: the time from an event to the
    // next painted frame, below which no figure here can go.
    let floor = timing::click(&app, "#top-user-name", COUNT, "true");
    figures.timed(
        "a click with nothing to do (this display's frame floor)",
        floor,
    );

    documents_listed(&app, &mut figures, documents);
    desktop.screenshot("documents");
    figures.memory(&desktop, "with the documents listed");
    tickets_listed(&app, &mut figures, tickets);
    desktop.screenshot("tickets");
    figures.memory(&desktop, "with the tickets listed too");
    contacts_listed(&app, &mut figures);
    desktop.screenshot("contacts");
    figures.memory(&desktop, "with the contacts listed too");

    app.click_on("#screen-profile");
    app.click_on("#tab-settings");
    let requests_before = proxy.api_requests_to(DOCUMENT_LIST).len();
    let resync = timing::click(
        &app,
        "#tab-my-payments",
        COUNT,
        &format!("{ROWS_SHOWN} && {SYNCED}"),
    );
    let resync_requests: Vec<_> = proxy
        .api_requests_to(DOCUMENT_LIST)
        .split_off(requests_before);
    figures.timed("documents shown again and re-synced", resync);
    let wire: usize = resync_requests
        .iter()
        .map(|request| request.wire_bytes)
        .sum();
    figures.lines.push(format!(
        "documents re-sync: {} request(s) {:?}, {wire} bytes on the wire",
        resync_requests.len(),
        resync_requests
            .iter()
            .map(|request| request.status)
            .collect::<Vec<_>>()
    ));

    app.quit();
    let app = desktop.launch_app();
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Ada Lovelace");
    after_restart(&app, &mut figures);
    desktop.screenshot("after-restart");
    app.quit();
    if std::env::var_os("BENCH_UI_LOG").is_some() {
        print_app_log(desktop.home());
    }

    println!(
        "\nLong lists (release build; {} documents, {} tickets, {} contacts; times in the webview from the event)",
        grouped(documents),
        grouped(tickets),
        grouped(contacts)
    );
    println!("  painted   script");
    for (what, timing) in &figures.timed {
        println!(
            "{:>6.0} ms {:>5.0} ms  {what}",
            timing.painted_ms, timing.script_ms
        );
        for (command, called, answered) in &timing.calls {
            println!(
                "{:>28}{command} called at {called:.0} ms, answered at {answered:.0} ms",
                ""
            );
        }
    }
    for line in &figures.lines {
        println!("{line}");
    }
}

/// My Payments opened (the first sync), searched and sorted.
fn documents_listed(app: &WebDriver, figures: &mut Figures, documents: usize) {
    let open = timing::click(
        app,
        "#tab-my-payments",
        COUNT,
        &format!("{ROWS_SHOWN} && {SYNCED}"),
    );
    figures.timed("open My Payments, first sync", open);
    app.wait_for_text(&format!("#{COUNT}"), APP_TIMEOUT, |text| {
        text == format!("{} documents", grouped(documents))
    });
    search(
        app,
        figures,
        "my-payments-filter-text",
        &SEARCH,
        COUNT,
        "keystroke",
    );
    for column in SORTS {
        let ms = timing::click(
            app,
            &format!("#my-payments-sort-{column}"),
            COUNT,
            &format!(
                "document.querySelector('#my-payments-table thead [aria-sort]')?.contains(document.getElementById('my-payments-sort-{column}'))"
            ),
        );
        figures.timed(format!("sort by {column}"), ms);
    }
}

/// The Tickets screen opened (the first sync) and its list searched.
fn tickets_listed(app: &WebDriver, figures: &mut Figures, tickets: usize) {
    let open = timing::click(
        app,
        "#screen-tickets",
        TICKET_COUNT,
        &format!(
            "{TICKET_ROWS_SHOWN} && document.getElementById('{TICKET_COUNT}')?.textContent.endsWith('{} tickets')",
            grouped(tickets)
        ),
    );
    figures.timed("open Tickets, first sync", open);
    search(
        app,
        figures,
        "ticket-search",
        &TICKET_SEARCH,
        TICKET_COUNT,
        "ticket keystroke",
    );
}

/// Each key of `keys` typed into the search box `input`, timed until the
/// count `count` changes.
fn search(
    app: &WebDriver,
    figures: &mut Figures,
    input: &str,
    keys: &[&str],
    count: &str,
    what: &str,
) {
    app.click_on(&format!("#{input}"));
    for key in keys {
        let ms = timing::key(app, key, count, &changed(count));
        let text = app.value_of(&format!("#{input}"));
        let shown = app.text(&app.find(&format!("#{count}")));
        figures.timed(format!("{what} → \"{text}\" ({shown})"), ms);
    }
}

/// The Contacts screen opened, and a role ticked and unticked.
fn contacts_listed(app: &WebDriver, figures: &mut Figures) {
    let open = timing::click(
        app,
        "#screen-contacts",
        CONTACT_SUMMARY,
        &format!("{CONTACT_ROWS_SHOWN} && !document.getElementById('contacts-loading')"),
    );
    figures.timed("open Contacts", open);
    for what in ["tick a role", "untick it"] {
        let ms = timing::click(
            app,
            "#contact-1-role-4",
            CONTACT_SUMMARY,
            &changed(CONTACT_SUMMARY),
        );
        figures.timed(format!("contacts: {what}"), ms);
    }
}

/// The lists painted from the local copy after a restart.
fn after_restart(app: &WebDriver, figures: &mut Figures) {
    let restart = timing::click(app, "#tab-my-payments", COUNT, ROWS_SHOWN);
    figures.timed(
        "My Payments painted from the local copy after a restart",
        restart,
    );
    let searchable = timing::since_event(
        app,
        "!document.getElementById('my-payments-count').textContent.startsWith('Preparing')",
    );
    figures.timed(
        "the whole local copy searchable after a restart",
        Timing {
            script_ms: f64::NAN,
            painted_ms: searchable,
            calls: Vec::new(),
        },
    );
    let tickets = timing::click(app, "#screen-tickets", TICKET_COUNT, TICKET_ROWS_SHOWN);
    figures.timed("Tickets painted after a restart", tickets);
}

/// `10000` as `10,000`, as the app's English count shows it.
fn grouped(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// Prints the app's log of the run (`BENCH_UI_LOG=1`; `RUST_LOG` chooses
/// what it holds): where the time went between the webview and the portal.
fn print_app_log(home: &std::path::Path) {
    let folder = home.join("data").join("logs");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .collect();
    files.sort();
    for file in files {
        println!("==> {}", file.display());
        print!("{}", std::fs::read_to_string(&file).unwrap_or_default());
    }
}
