//! `cargo xtask bench ui [DOCUMENTS]`: the real app (release build) on a
//! virtual display, signed in through a recording proxy to a portal with
//! DOCUMENTS quotes and invoices for one user (10,000 unless told), driven
//! through WebDriver. It prints, as measured inside the webview, the time
//! from an input event to the painted frame that shows its result: My
//! Payments opened (first sync), each keystroke of a search, each sort,
//! the list shown again and re-synced (time and bytes on the wire), the
//! list painted from the local copy after a restart, and the webview's
//! memory before and after listing. Figures only: it passes or fails
//! nothing.

#[path = "../../tests/e2e/support/mod.rs"]
mod support;
mod timing;

use std::time::Duration;

use desktop_session::process_memory::descendants_pss_kib;
use serde_json::json;
use support::desktop::{APP_TIMEOUT, Desktop};
use support::launch_signed_in;
use test_support::{FaultProxy, PASSWORD, PortalProcess};

const EMAIL: &str = "ada@example.com";
const IDLE: Duration = Duration::from_secs(5);
/// The search typed one key at a time, then taken back.
const SEARCH: [&str; 6] = ["7", "3", "1", "\u{E003}", "\u{E003}", "\u{E003}"];
const SORTS: [&str; 4] = ["number", "amount", "due_on", "status"];

const COUNT: &str = "my-payments-count";
const DOCUMENT_LIST: &str = "/api/v1/me/documents";
const ROWS_SHOWN: &str = "document.querySelector('#my-payments-table tbody tr[data-number]')";
const SYNCED: &str = "!document.querySelector('#my-payments-list[aria-busy]')";
const COUNT_CHANGED: &str =
    "document.getElementById('my-payments-count').textContent !== window.__benchBefore";

fn main() {
    let documents: usize = std::env::args()
        .skip(1)
        .find_map(|argument| argument.parse().ok())
        .unwrap_or(10_000);
    println!("==> A portal with {documents} documents for {EMAIL}");
    let portal = PortalProcess::spawn(&fixtures(documents));
    let proxy = FaultProxy::start(portal.url());
    let mut desktop = Desktop::start("bench-ui");
    let app = launch_signed_in(&desktop, proxy.url(), EMAIL, PASSWORD, "Ada Lovelace");
    std::thread::sleep(IDLE);
    let (_, before_kib) = descendants_pss_kib(desktop.driver_pid());

    let mut figures = Vec::new();
    let open = timing::click(
        &app,
        "#tab-my-payments",
        COUNT,
        &format!("{ROWS_SHOWN} && {SYNCED}"),
    );
    figures.push(("open My Payments, first sync".to_owned(), open));
    app.wait_for_text(&format!("#{COUNT}"), APP_TIMEOUT, |text| {
        text == format!("{} documents", grouped(documents))
    });
    desktop.screenshot("listed");

    app.click_on("#my-payments-filter-text");
    for key in SEARCH {
        let ms = timing::key(&app, key, COUNT, COUNT_CHANGED);
        let text = app.value_of("#my-payments-filter-text");
        let count = app.text(&app.find(&format!("#{COUNT}")));
        figures.push((format!("keystroke → \"{text}\" ({count})"), ms));
    }
    for column in SORTS {
        let ms = timing::click(
            &app,
            &format!("#my-payments-sort-{column}"),
            COUNT,
            &format!(
                "document.querySelector('#my-payments-table thead [aria-sort]')?.contains(document.getElementById('my-payments-sort-{column}'))"
            ),
        );
        figures.push((format!("sort by {column}"), ms));
    }
    desktop.screenshot("sorted");
    std::thread::sleep(IDLE);
    let (processes, listed_kib) = descendants_pss_kib(desktop.driver_pid());

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
    figures.push(("shown again and re-synced".to_owned(), resync));

    app.quit();
    let app = desktop.launch_app();
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Ada Lovelace");
    let restart = timing::click(&app, "#tab-my-payments", COUNT, ROWS_SHOWN);
    figures.push((
        "painted from the local copy after a restart".to_owned(),
        restart,
    ));
    let searchable = timing::since_event(
        &app,
        "!document.getElementById('my-payments-count').textContent.startsWith('Preparing')",
    );
    figures.push((
        "the whole local copy searchable after a restart".to_owned(),
        timing::Timing {
            script_ms: f64::NAN,
            painted_ms: searchable,
        },
    ));
    desktop.screenshot("after-restart");
    app.quit();
    if std::env::var_os("BENCH_UI_LOG").is_some() {
        print_app_log(desktop.home());
    }

    println!(
        "\nLong lists (release build, {} documents; times in the webview from the event)",
        grouped(documents)
    );
    println!("  painted   script");
    for (what, timing) in &figures {
        println!(
            "{:>6.0} ms {:>5.0} ms  {what}",
            timing.painted_ms, timing.script_ms
        );
    }
    let wire: usize = resync_requests
        .iter()
        .map(|request| request.wire_bytes)
        .sum();
    println!(
        "re-sync: {} request(s) {:?}, {wire} bytes on the wire",
        resync_requests.len(),
        resync_requests
            .iter()
            .map(|request| request.status)
            .collect::<Vec<_>>()
    );
    println!(
        "webview and app PSS ({processes} processes): {} signed in and idle, {} listed and idle: {:+.1} MiB",
        mib(before_kib),
        mib(listed_kib),
        (listed_kib as f64 - before_kib as f64) / 1024.0
    );
}

/// `count` invoices and quotes for Ada over ten years, with varied titles,
/// amounts and states.
fn fixtures(count: usize) -> String {
    const WHAT: [&str; 8] = [
        "Annual support renewal",
        "Field service visit",
        "Replacement parts",
        "Training day",
        "Licence upgrade",
        "Consulting hours",
        "Hardware refresh",
        "Cloud storage",
    ];
    let documents: Vec<_> = (1..=count)
        .map(|n| {
            let quote = n % 9 == 0;
            json!({
                "number": format!("{}-{n:06}", if quote { "Q" } else { "INV" }),
                "kind": if quote { "quote" } else { "invoice" },
                "title": format!("{} {}", WHAT[n % WHAT.len()], n % 97),
                "issued_on": format!("{}-{:02}-{:02}", 2016 + n % 10, 1 + n % 12, 1 + n % 28),
                // A month after issue (January of the next year after December).
                "due_on": if quote { None } else { Some(format!("{}-{:02}-{:02}", 2016 + n % 10 + usize::from(n % 12 == 11), 1 + (n + 1) % 12, 1 + n % 28)) },
                "amount": format!("{}.{:02}", 10 + (n * 37) % 9_000, n % 100),
                "currency": if n % 5 == 0 { "USD" } else { "EUR" },
                "paid": n % 3 == 0,
                "user": EMAIL,
                "content": "x"
            })
        })
        .collect();
    json!({
        "users": [{ "email": EMAIL, "password": PASSWORD,
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "documents": documents
    })
    .to_string()
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
