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

use serde_json::json;

use desktop_session::process_memory::{descendants_pss_by_name, descendants_pss_kib};
use fixtures::EMAIL;
use support::desktop::{APP_TIMEOUT, Desktop};
use support::launch_signed_in;
use support::webdriver::WebDriver;
use test_support::{FaultProxy, PASSWORD, PortalProcess};
use timing::Timing;

const IDLE: Duration = Duration::from_secs(5);
/// After [`IDLE`], memory is read again every this long until two readings
/// differ by less than [`SETTLED_KIB`] (the engine's collector and the
/// allocators hand memory back some seconds after the work that freed it).
const SETTLE_STEP: Duration = Duration::from_secs(1);
const SETTLED_KIB: u64 = 1024;
/// Most readings taken waiting for memory to settle.
const SETTLE_READINGS: usize = 20;
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

/// Seconds between the app's update checks in this run (it checks the
/// ticket list; an idle stretch below times what one check costs).
const POLL_SECONDS: &str = "10";
/// The idle stretch watched for update checks: at least one falls in it.
const IDLE_CHECKED: Duration = Duration::from_secs(12);

/// What one run measured: timed actions, lines of other figures, and the
/// headline figures (what, value, goal) `cargo xtask bench` tables.
#[derive(Default)]
struct Figures {
    timed: Vec<(String, Timing)>,
    lines: Vec<String>,
    headlines: Vec<[String; 3]>,
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

    /// Notes a headline figure.
    fn headline(&mut self, what: impl Into<String>, value: impl Into<String>, goal: &str) {
        self.headlines
            .push([what.into(), value.into(), goal.into()]);
    }

    /// The PSS of the app and its webview after idling, and the change in
    /// KiB since the last one noted (0 for the first).
    fn memory(&mut self, desktop: &Desktop, what: &str) -> i64 {
        std::thread::sleep(IDLE);
        let (processes, kib) = settled_pss_kib(desktop.driver_pid());
        let change = self
            .last_kib
            .map(|last| format!(" ({:+.1} MiB)", (kib as f64 - last as f64) / 1024.0))
            .unwrap_or_default();
        let parts: Vec<String> = descendants_pss_by_name(desktop.driver_pid())
            .into_iter()
            .map(|(name, kib)| format!("{name} {}", mib(kib)))
            .collect();
        let line = format!(
            "webview and app PSS ({processes} processes) {what}, idle: {}{change} ({})",
            mib(kib),
            parts.join(", ")
        );
        println!("    {line}");
        self.lines.push(line);
        let change = self.last_kib.map_or(0, |last| kib as i64 - last as i64);
        self.last_kib = Some(kib);
        change
    }
}

/// The PSS of the processes under `root` once it has settled: read every
/// [`SETTLE_STEP`] until two readings are within [`SETTLED_KIB`] (the last
/// reading after [`SETTLE_READINGS`], said so).
fn settled_pss_kib(root: u32) -> (usize, u64) {
    let mut last = descendants_pss_kib(root);
    for _ in 0..SETTLE_READINGS {
        std::thread::sleep(SETTLE_STEP);
        let now = descendants_pss_kib(root);
        if now.1.abs_diff(last.1) < SETTLED_KIB {
            return now;
        }
        last = now;
    }
    println!("    (memory still moving after {SETTLE_READINGS} readings)");
    last
}

/// Waits until the reads the app starts after its first screen (tickets,
/// the knowledge base) were answered, so the idle reading holds them.
fn background_reads_done(app: &WebDriver) {
    let script = "return ['ipc load_tickets', 'ipc load_knowledge_base']\
        .every((name) => performance.getEntriesByName(name).length > 0)";
    let deadline = std::time::Instant::now() + APP_TIMEOUT;
    while app.execute(script, json!([])) != json!(true) {
        assert!(
            std::time::Instant::now() < deadline,
            "the app's first reads never ended"
        );
        std::thread::sleep(Duration::from_millis(100));
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
    let mut desktop = Desktop::start_with(
        "bench-ui",
        &[("PORTAL_DESK_TICKET_POLL_SECONDS", POLL_SECONDS)],
    );
    let app = launch_signed_in(&desktop, proxy.url(), EMAIL, PASSWORD, "Ada Lovelace");

    let mut figures = Figures::default();
    background_reads_done(&app);
    figures.memory(&desktop, "signed in");
    // A click on text that has no action: the time from an event to the
    // next painted frame, below which no figure here can go.
    let floor = timing::click(&app, "#top-user-name", COUNT, "true");
    figures.timed(
        "a click with nothing to do (this display's frame floor)",
        floor,
    );

    let keystroke_goal = if documents <= 10_000 {
        "< 16 ms (one frame)"
    } else {
        "< 50 ms"
    };
    let documents_named = format!("{} documents", grouped(documents));
    let tickets_named = format!("{} tickets", grouped(tickets));
    let contacts_named = format!("{} contacts", grouped(contacts));
    let (keystrokes, sorts) = documents_listed(&app, &mut figures, documents);
    figures.headline(
        format!("keystroke → painted, {documents_named}"),
        spread(&keystrokes),
        keystroke_goal,
    );
    figures.headline(
        format!("sort by a column, {documents_named}"),
        spread(&sorts),
        "< 100 ms",
    );
    desktop.screenshot("documents");
    let change = figures.memory(&desktop, "with the documents listed");
    figures.headline(
        format!("webview memory with {documents_named} listed, over idle"),
        change_mib(change),
        "< +100 MB",
    );
    let keystrokes = tickets_listed(&app, &mut figures, tickets);
    figures.headline(
        format!("keystroke → painted, {tickets_named}"),
        spread(&keystrokes),
        keystroke_goal,
    );
    desktop.screenshot("tickets");
    let change = figures.memory(&desktop, "with the tickets listed too");
    figures.headline(
        format!("webview memory with {tickets_named} listed too"),
        change_mib(change),
        "< +100 MB",
    );
    let ticks = contacts_listed(&app, &mut figures);
    figures.headline(
        format!("tick a role → painted, {contacts_named}"),
        spread(&ticks),
        keystroke_goal,
    );
    desktop.screenshot("contacts");
    let change = figures.memory(&desktop, "with the contacts listed too");
    figures.headline(
        format!("webview memory with {contacts_named} listed too"),
        change_mib(change),
        "< +100 MB",
    );
    idle_update_check(&app, &proxy, &mut figures);

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
    let wire: usize = resync_requests
        .iter()
        .map(|request| request.wire_bytes)
        .sum();
    figures.headline(
        format!(
            "re-sync of an unchanged {}-document list",
            grouped(documents)
        ),
        format!(
            "{:.0} ms, {wire} B in {} request(s)",
            resync.painted_ms,
            resync_requests.len()
        ),
        "< 300 ms and < 5 KB on the wire",
    );
    figures.timed("documents shown again and re-synced", resync);
    figures.lines.push(format!(
        "documents re-sync: {} request(s) {:?}, {wire} bytes on the wire",
        resync_requests.len(),
        resync_requests
            .iter()
            .map(|request| request.status)
            .collect::<Vec<_>>()
    ));

    download_all(&app, &desktop, &mut figures, documents);

    app.quit();
    let app = desktop.launch_app();
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Ada Lovelace");
    after_restart(&app, &mut figures, &documents_named, &tickets_named);
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
        let script = timing
            .script_ms
            .map_or_else(|| "–".to_owned(), |ms| format!("{ms:.0}"));
        println!("{:>6.0} ms {script:>5} ms  {what}", timing.painted_ms);
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
    if let Some(file) = std::env::var_os(FIGURES_FILE_ENV) {
        let lines: String = figures
            .headlines
            .iter()
            .map(|fields| format!("{}\n", fields.join("\t")))
            .collect();
        std::fs::write(&file, lines).expect("the figures file can be written");
    }
}

/// Where `cargo xtask bench` wants the headline figures (what, value and
/// goal, tab-separated, one per line).
const FIGURES_FILE_ENV: &str = "PORTAL_DESK_BENCH_FIGURES";

/// The longest a "Download all…" may take here.
const DOWNLOAD_ALL_LIMIT: Duration = Duration::from_secs(600);

/// "Download all…" in My Payments over the documents of one year (only
/// its quotes when that is still thousands): the time until every one is
/// saved, and a click's time while they download.
fn download_all(app: &WebDriver, desktop: &Desktop, figures: &mut Figures, documents: usize) {
    let of_all = format!(" of {} documents", grouped(documents));
    app.click_on("#my-payments-filter-year option[value=\"2016\"]");
    let mut count = app.wait_for_text(&format!("#{COUNT}"), APP_TIMEOUT, |text| {
        text.ends_with(&of_all)
    });
    if shown_of(&count) > 2_000 {
        app.click_on("#my-payments-filter-kind option[value=\"quote\"]");
        let before = count.clone();
        count = app.wait_for_text(&format!("#{COUNT}"), APP_TIMEOUT, |text| text != before);
    }
    let selected = shown_of(&count);
    let folder = desktop.home().join("Download all");
    std::fs::create_dir_all(&folder).expect("the folder can be made");
    app.click_on("#my-payments-download-all");
    desktop.answer_file_dialog("Save downloads to", &folder);
    let started = std::time::Instant::now();
    let clicks: Vec<f64> = (0..3)
        .map(|_| timing::click(app, "#top-user-name", COUNT, "true").painted_ms)
        .collect();
    let saved = format!("{} documents saved into ", grouped(selected));
    app.wait_for_text("#my-payments-notice", DOWNLOAD_ALL_LIMIT, |text| {
        text.starts_with(&saved)
    });
    let seconds = started.elapsed().as_secs_f64();
    let files = std::fs::read_dir(&folder).map_or(0, Iterator::count);
    figures.headline(
        format!(
            "Download all…, {} documents: every one saved",
            grouped(selected)
        ),
        format!("{seconds:.1} s ({:.0} a second)", selected as f64 / seconds),
        "–",
    );
    figures.headline(
        format!("a click while {} documents download", grouped(selected)),
        spread(&clicks),
        "–",
    );
    figures.lines.push(format!(
        "Download all: {selected} documents asked for, {files} files in the folder, all saved in {seconds:.1} s; a click meanwhile: {}",
        spread(&clicks)
    ));
}

/// The N of "N of M documents".
fn shown_of(count: &str) -> usize {
    count
        .split(' ')
        .next()
        .unwrap_or_default()
        .replace(',', "")
        .parse()
        .unwrap_or(0)
}

/// Times in ms as "median M ms, slowest S ms" (one: "N ms").
fn spread(times: &[f64]) -> String {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.as_slice() {
        [] => "–".into(),
        [only] => format!("{only:.0} ms"),
        _ => format!(
            "median {:.0} ms, slowest {:.0} ms",
            sorted[sorted.len() / 2],
            sorted[sorted.len() - 1]
        ),
    }
}

/// A memory change in KiB as "+N MiB".
fn change_mib(kib: i64) -> String {
    format!("{:+.0} MiB", kib as f64 / 1024.0)
}

/// An idle stretch with the app on a list: the update checks that fell in
/// it (requests, statuses, bytes on the wire) and what changed in the page
/// meanwhile (DOM mutations: none when nothing changed).
fn idle_update_check(app: &WebDriver, proxy: &FaultProxy, figures: &mut Figures) {
    app.execute(
        "window.__benchMutations = 0;
         new MutationObserver((records) => { window.__benchMutations += records.length; })
           .observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });",
        json!([]),
    );
    let before = proxy.api_requests().len();
    std::thread::sleep(IDLE_CHECKED);
    let requests: Vec<_> = proxy.api_requests().split_off(before);
    let mutations = app.execute("return window.__benchMutations;", json!([]));
    let wire: Vec<usize> = requests.iter().map(|request| request.wire_bytes).collect();
    let line = format!(
        "idle {} s (update check every {POLL_SECONDS} s): {} request(s) {:?} {:?}, bytes on the wire {wire:?}; {mutations} DOM mutation(s)",
        IDLE_CHECKED.as_secs(),
        requests.len(),
        requests
            .iter()
            .map(|request| &request.path)
            .collect::<Vec<_>>(),
        requests
            .iter()
            .map(|request| request.status)
            .collect::<Vec<_>>(),
    );
    println!("    {line}");
    figures.lines.push(line);
    figures.headline(
        "idle update check (nothing changed)",
        format!(
            "{} request(s) of {} B; {mutations} DOM mutation(s)",
            requests.len(),
            wire.iter().max().copied().unwrap_or(0)
        ),
        "one request < 1 KB, no rendering",
    );
}

/// My Payments opened (the first sync), searched and sorted; answers the
/// keystrokes' and the sorts' times (ms).
fn documents_listed(
    app: &WebDriver,
    figures: &mut Figures,
    documents: usize,
) -> (Vec<f64>, Vec<f64>) {
    let open = timing::click(
        app,
        "#tab-my-payments",
        COUNT,
        &format!("{ROWS_SHOWN} && {SYNCED}"),
    );
    figures.headline(
        format!(
            "open My Payments, first sync, {} documents",
            grouped(documents)
        ),
        format!("{:.0} ms", open.painted_ms),
        "–",
    );
    figures.timed("open My Payments, first sync", open);
    app.wait_for_text(&format!("#{COUNT}"), APP_TIMEOUT, |text| {
        text == format!("{} documents", grouped(documents))
    });
    let keystrokes = search(
        app,
        figures,
        "my-payments-filter-text",
        &SEARCH,
        COUNT,
        "keystroke",
    );
    let mut sorts = Vec::new();
    for column in SORTS {
        let ms = timing::click(
            app,
            &format!("#my-payments-sort-{column}"),
            COUNT,
            &format!(
                "document.querySelector('#my-payments-table thead [aria-sort]')?.contains(document.getElementById('my-payments-sort-{column}'))"
            ),
        );
        sorts.push(ms.painted_ms);
        figures.timed(format!("sort by {column}"), ms);
    }
    (keystrokes, sorts)
}

/// The Tickets screen opened (the first sync) and its list searched;
/// answers the keystrokes' times (ms).
fn tickets_listed(app: &WebDriver, figures: &mut Figures, tickets: usize) -> Vec<f64> {
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
    )
}

/// Each key of `keys` typed into the search box `input`, timed until the
/// count `count` changes; answers the times (ms).
fn search(
    app: &WebDriver,
    figures: &mut Figures,
    input: &str,
    keys: &[&str],
    count: &str,
    what: &str,
) -> Vec<f64> {
    app.click_on(&format!("#{input}"));
    let mut times = Vec::new();
    for key in keys {
        let ms = timing::key(app, key, count, &changed(count));
        let text = app.value_of(&format!("#{input}"));
        let shown = app.text_of(&format!("#{count}"));
        times.push(ms.painted_ms);
        figures.timed(format!("{what} → \"{text}\" ({shown})"), ms);
    }
    times
}

/// The Contacts screen opened, and a role ticked and unticked; answers
/// the ticks' times (ms).
fn contacts_listed(app: &WebDriver, figures: &mut Figures) -> Vec<f64> {
    let open = timing::click(
        app,
        "#screen-contacts",
        CONTACT_SUMMARY,
        &format!("{CONTACT_ROWS_SHOWN} && !document.getElementById('contacts-loading')"),
    );
    figures.timed("open Contacts", open);
    let mut ticks = Vec::new();
    for what in ["tick a role", "untick it"] {
        let ms = timing::click(
            app,
            "#contact-1-role-4",
            CONTACT_SUMMARY,
            &changed(CONTACT_SUMMARY),
        );
        ticks.push(ms.painted_ms);
        figures.timed(format!("contacts: {what}"), ms);
    }
    ticks
}

/// The lists painted from the local copy after a restart.
fn after_restart(app: &WebDriver, figures: &mut Figures, documents: &str, tickets: &str) {
    let restart = timing::click(app, "#tab-my-payments", COUNT, ROWS_SHOWN);
    figures.headline(
        format!("My Payments painted from the local copy after a restart, {documents}"),
        format!("{:.0} ms", restart.painted_ms),
        "< 150 ms",
    );
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
            script_ms: None,
            painted_ms: searchable,
            calls: Vec::new(),
        },
    );
    figures.headline(
        format!("the whole local copy searchable after a restart, {documents}"),
        format!("{searchable:.0} ms"),
        "–",
    );
    let restart = timing::click(app, "#screen-tickets", TICKET_COUNT, TICKET_ROWS_SHOWN);
    figures.headline(
        format!("Tickets painted from the local copy after a restart, {tickets}"),
        format!("{:.0} ms", restart.painted_ms),
        "< 150 ms",
    );
    figures.timed("Tickets painted after a restart", restart);
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
