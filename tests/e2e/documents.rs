//! End to end, quotes and invoices: My Payments (filter, sort, overdue
//! marked), the PDF viewed inside the app, downloads with the Downloads
//! panel (never overwriting, Open hands the file to the system), the
//! Payments Manager with "Download all…" into a folder picked in the native
//! dialog, and the Library: a file deleted outside the app is marked and
//! downloaded again, and everything opens with the portal gone.
//!
//! Linux only: the app is driven through WebKitWebDriver. On Windows the
//! webview is WebView2, whose driver (Edge WebDriver) does not run here.
#![cfg(target_os = "linux")]

use crate::support;

use support::accessibility::check_accessibility;

use std::path::Path;
use std::process::Command;

use support::desktop::{APP_TIMEOUT, Desktop};
use support::webdriver::WebDriver;
use support::{SHORT, launch_demo, launch_signed_in, wait_for_file};
use test_support::{PASSWORD, PortalProcess};

fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs; `cargo xtask test` installs it");
    assert!(
        output.status.success(),
        "{path:?} is a PDF poppler can read"
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn choose(app: &WebDriver, select: &str, value: &str) {
    app.click_on(&format!("{select} option[value=\"{value}\"]"));
}

#[test]
fn my_payments_view_download_open_and_the_payments_manager() {
    let mut desktop = Desktop::start("documents");
    let app = launch_demo(&desktop);
    app.click_on("#tab-my-payments");
    app.wait_for_text("#my-payments-count", APP_TIMEOUT, |text| {
        text == "22 documents"
    });
    let note = app.text_of("#my-payments-note");
    assert!(
        note.contains("Your organization’s quotes and invoices are never shown here"),
        "{note}"
    );
    assert!(
        app.exists("tr.overdue .status-tag.overdue"),
        "overdue invoices are marked"
    );
    // Made before the page had its words: named once they are there.
    assert_eq!(app.text_of("#my-payments-download-all"), "Download all…");
    check_accessibility(&app, "My Profile: My Payments");
    desktop.screenshot("my-payments");

    choose(&app, "#my-payments-filter-kind", "quote");
    app.wait_for_text("#my-payments-count", SHORT, |text| {
        text == "1 of 22 documents"
    });
    choose(&app, "#my-payments-filter-kind", "");
    app.fill("#my-payments-filter-text", "summit");
    app.wait_for_text("#my-payments-count", SHORT, |text| {
        text == "1 of 22 documents"
    });
    app.clear(&app.find("#my-payments-filter-text"));
    app.click_on("#my-payments-sort-amount");
    app.wait_for_text(
        "#my-payments-table tbody tr:first-child th",
        SHORT,
        |number| number == "Q-2026-0117",
    );
    let amount = app.text_of("#my-payments-table tbody tr:first-child td.amount");
    // In the document's currency; separators follow the desktop's locale.
    let digits: String = amount.chars().filter(char::is_ascii_digit).collect();
    assert!(amount.contains('£') && digits == "1482000", "{amount}");
    // Numbers sort naturally (digit runs by value), from the core's ranks.
    app.click_on("#my-payments-sort-number");
    app.wait_for(
        "#my-payments-table th[aria-sort=\"ascending\"] #my-payments-sort-number",
        SHORT,
    );
    let numbers = app.texts_of_all("#my-payments-table tbody tr th");
    let natural = |number: &String| {
        let mut key = Vec::new();
        for part in number.to_lowercase().split('-') {
            key.push(
                part.parse::<u64>()
                    .map_or(part.to_owned(), |n| format!("{n:016}")),
            );
        }
        key
    };
    let mut sorted = numbers.clone();
    sorted.sort_by_key(natural);
    assert!(numbers.len() > 10, "{numbers:?}");
    assert_eq!(numbers, sorted, "numbers in natural order");

    app.click_on("tr[data-number=\"Q-2026-0117\"] button[data-action=\"view\"]");
    app.wait_for("#viewer-frame", SHORT);
    std::thread::sleep(std::time::Duration::from_secs(2));
    check_accessibility(&app, "a PDF in the viewer");
    desktop.screenshot("pdf-viewer");
    app.click_on("#close-viewer");

    let folder = desktop.home().join("Downloads").join("Portal Desk");
    app.click_on("tr[data-number=\"Q-2026-0117\"] button[data-action=\"download\"]");
    app.wait_for("#downloads-now li.download[data-state=\"finished\"]", SHORT);
    let saved = folder.join("Quote Q-2026-0117.pdf");
    wait_for_file(&saved);
    assert!(pdf_text(&saved).contains("Q-2026-0117"));
    app.click_on("tr[data-number=\"Q-2026-0117\"] button[data-action=\"download\"]");
    let again = folder.join("Quote Q-2026-0117 (1).pdf");
    wait_for_file(&again);
    assert_eq!(
        std::fs::read(&saved).unwrap(),
        std::fs::read(&again).unwrap()
    );
    check_accessibility(&app, "the Downloads panel");
    desktop.screenshot("downloads-panel");
    app.click_on(
        "#downloads-now li.download[data-state=\"finished\"] button[data-action=\"open\"]",
    );
    let deadline = std::time::Instant::now() + SHORT;
    while desktop.opened_with_system().is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the system viewer was never asked"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(desktop.opened_with_system(), [again.to_str().unwrap()]);

    // Show in folder asks the desktop's file manager over D-Bus
    // (org.freedesktop.FileManager1.ShowItems); this test desktop has none,
    // so the call is watched on the bus and the app's message checked.
    let watched = desktop.home().join("dbus-monitor.log");
    let mut monitor = Command::new("dbus-monitor")
        .args([
            "--address",
            desktop.keyring.address(),
            "interface='org.freedesktop.FileManager1'",
        ])
        .stdout(std::fs::File::create(&watched).unwrap())
        .spawn()
        .expect("dbus-monitor (package dbus) runs");
    std::thread::sleep(std::time::Duration::from_millis(500));
    app.click_on(
        "#downloads-now li.download[data-state=\"finished\"] button[data-action=\"show\"]",
    );
    app.wait_for_text("#downloads-panel .banner.error", SHORT, |text| {
        text.starts_with("The file manager did not show")
    });
    let _ = monitor.kill();
    let _ = monitor.wait();
    let call = std::fs::read_to_string(&watched).unwrap();
    assert!(call.contains("member=ShowItems"), "{call}");
    assert!(
        call.contains("Quote%20Q-2026-0117%20(1).pdf"),
        "the saved file is named: {call}"
    );

    app.click_on("#screen-payments-manager");
    choose(&app, "#payments-manager-organization", &northwind_id(&app));
    app.wait_for_text("#payments-manager-count", APP_TIMEOUT, |text| {
        text == "105 documents"
    });
    choose(&app, "#payments-manager-filter-kind", "quote");
    // The demo's dates follow today, so the earliest year it offers is
    // found, never assumed.
    let earliest = app
        .texts_of_all("#payments-manager-filter-year option")
        .into_iter()
        .filter(|year| !year.is_empty() && year.chars().all(|c| c.is_ascii_digit()))
        .min()
        .expect("the year filter offers the documents' years");
    choose(&app, "#payments-manager-filter-year", &earliest);
    let count = app.wait_for_text("#payments-manager-count", SHORT, |text| {
        text.ends_with("of 105 documents")
    });
    let selected: usize = count.split(' ').next().unwrap().parse().unwrap();
    check_accessibility(&app, "the Payments Manager");
    desktop.screenshot("payments-manager");
    let chosen = desktop.home().join(format!("Quotes {earliest}"));
    std::fs::create_dir_all(&chosen).unwrap();
    app.click_on("#payments-manager-download-all");
    desktop.answer_file_dialog("Save downloads to", &chosen);
    let deadline = std::time::Instant::now() + APP_TIMEOUT;
    loop {
        let names: Vec<String> = std::fs::read_dir(&chosen)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        if names.len() == selected
            && names
                .iter()
                .all(|name| name.starts_with("Quote NW-Q-") && name.ends_with(".pdf"))
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "Download all saved {names:?}, expected {selected} quotes"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // Once every one is saved, the screen says so where it said it began.
    app.wait_for_text("#payments-manager-notice", APP_TIMEOUT, |text| {
        text.starts_with(&format!("{selected} documents saved into "))
            && text.ends_with(&format!("Quotes {earliest}."))
    });
    desktop.screenshot("download-all");
    app.quit();
}

/// The id the organization picker gives Northwind Traders.
fn northwind_id(app: &WebDriver) -> String {
    app.wait_for("#payments-manager-organization", APP_TIMEOUT);
    let names = app.texts_of_all("#payments-manager-organization option");
    let position = names
        .iter()
        .position(|name| name == "Northwind Traders")
        .unwrap_or_else(|| panic!("Northwind Traders is offered: {names:?}"));
    app.attribute(
        &format!(
            "#payments-manager-organization option:nth-child({})",
            position + 1
        ),
        "value",
    )
    .expect("an option has a value")
}

const FIXTURES: &str = r#"{
  "users": [{ "email": "ada@example.com", "password": "correct horse battery staple",
              "first_name": "Ada", "last_name": "Lovelace" }],
  "documents": [
    { "number": "INV-7", "kind": "invoice", "issued_on": "2026-03-01", "due_on": "2026-04-01",
      "amount": "250.00", "currency": "EUR", "paid": true, "user": "ada@example.com",
      "lines": ["Consulting, 2 hours   250.00"] },
    { "number": "INV-8", "kind": "invoice", "issued_on": "2026-04-01", "amount": "12.00",
      "currency": "EUR", "user": "ada@example.com", "file_name": "Notes <draft>.txt",
      "media_type": "text/plain", "content": "<script>alert(1)</script> plain notes" }
  ]
}"#;

#[test]
fn the_library_marks_missing_files_and_opens_everything_offline() {
    let mut desktop = Desktop::start("library");
    let mut portal = PortalProcess::spawn(FIXTURES);
    let app = launch_signed_in(
        &desktop,
        portal.url(),
        "ada@example.com",
        PASSWORD,
        "Ada Lovelace",
    );
    app.click_on("#tab-my-payments");
    app.wait_for_text("#my-payments-count", APP_TIMEOUT, |text| {
        text == "2 documents"
    });
    app.click_on("tr[data-number=\"INV-7\"] button[data-action=\"view\"]");
    app.wait_for("#viewer-frame", SHORT);
    app.click_on("#close-viewer");
    app.click_on("tr[data-number=\"INV-8\"] button[data-action=\"download\"]");
    let saved = desktop
        .home()
        .join("Downloads")
        .join("Portal Desk")
        .join("Notes _draft_.txt");
    wait_for_file(&saved);

    app.click_on("#screen-library");
    app.wait_for("#library-list li[data-title=\"Invoice INV-8\"]", SHORT);
    assert!(app.exists("#library-list li[data-title=\"Invoice INV-7\"]"));
    std::fs::remove_file(&saved).unwrap();
    app.click_on("#screen-profile");
    app.click_on("#screen-library");
    app.wait_for(
        "#library-list li.missing[data-title=\"Invoice INV-8\"]",
        SHORT,
    );
    check_accessibility(&app, "the Library with a missing file");
    desktop.screenshot("library-missing");
    app.click_on("li.missing[data-title=\"Invoice INV-8\"] button[data-action=\"redownload\"]");
    wait_for_file(&saved);
    app.wait_for(
        "#library-list li[data-title=\"Invoice INV-8\"]:not(.missing)",
        SHORT,
    );

    portal.stop();
    app.click_on("li[data-title=\"Invoice INV-7\"] button[data-action=\"view\"]");
    app.wait_for("#viewer-frame", SHORT);
    std::thread::sleep(std::time::Duration::from_secs(2));
    desktop.screenshot("offline-pdf");
    app.click_on("#close-viewer");
    app.click_on("li[data-title=\"Invoice INV-8\"] button[data-action=\"view\"]");
    app.wait_for("#viewer-frame", SHORT);
    std::thread::sleep(std::time::Duration::from_secs(1));
    desktop.screenshot("offline-text-shown-as-text");
    app.click_on("#close-viewer");
    app.quit();

    let app = desktop.launch_app();
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Ada Lovelace");
    app.click_on("#tab-my-payments");
    app.wait_for_text("#my-payments-list .banner.warning", APP_TIMEOUT, |text| {
        text.starts_with("Offline: showing the list as last synced")
    });
    assert!(app.exists("tr[data-number=\"INV-7\"]"));
    desktop.screenshot("offline-my-payments");
    app.quit();
}

/// A portal where Ada has invoices INV-1 to INV-`count` ("Invoice N.pdf",
/// a byte each), issued over a year, every other one paid.
fn ada_with_invoices(count: usize) -> String {
    ada_with_invoices_of(count, "x")
}

/// The same, each invoice's file holding `content`.
fn ada_with_invoices_of(count: usize, content: &str) -> String {
    let documents: Vec<serde_json::Value> = (1..=count)
        .map(|n| {
            serde_json::json!({
                "number": format!("INV-{n}"), "kind": "invoice",
                "issued_on": format!("2026-{:02}-{:02}", 1 + n % 12, 1 + n % 28),
                "amount": format!("{n}.00"), "currency": "EUR", "paid": n % 2 == 0,
                "user": "ada@example.com", "file_name": format!("Invoice {n}.pdf"), "content": content
            })
        })
        .collect();
    serde_json::json!({
        "users": [{ "email": "ada@example.com", "password": PASSWORD,
                    "first_name": "Ada", "last_name": "Lovelace" }],
        "documents": documents,
    })
    .to_string()
}

/// More documents than the kept first screen holds (a hundred).
const LONG_LIST: usize = 250;

#[test]
fn a_long_list_shows_its_first_screen_then_the_rest_from_the_kept_copy_offline() {
    let mut desktop = Desktop::start("long-list");
    let mut portal = PortalProcess::spawn(&ada_with_invoices(LONG_LIST));
    let app = launch_signed_in(
        &desktop,
        portal.url(),
        "ada@example.com",
        PASSWORD,
        "Ada Lovelace",
    );
    let all = format!("{LONG_LIST} documents");
    app.click_on("#tab-my-payments");
    app.wait_for_text("#my-payments-count", APP_TIMEOUT, |text| text == all);
    portal.stop();
    app.quit();

    // Offline after a restart: the kept first screen, then the whole copy.
    let app = desktop.launch_app();
    app.wait_for_text("#top-user-name", APP_TIMEOUT, |name| name == "Ada Lovelace");
    app.click_on("#tab-my-payments");
    app.wait_for_text("#my-payments-count", APP_TIMEOUT, |text| text == all);
    app.wait_for_text("#my-payments-list .banner.warning", APP_TIMEOUT, |text| {
        text.starts_with("Offline")
    });
    // INV-1 was issued in February, so it is not among the first hundred
    // shown newest first: found, it came from the rest of the copy.
    app.fill("#my-payments-filter-text", "inv-1");
    app.wait_for_text("#my-payments-count", SHORT, |text| {
        text == format!("111 of {LONG_LIST} documents")
    });
    app.click_on("#my-payments-sort-number");
    app.wait_for_text(
        "#my-payments-table tbody tr:first-child th",
        SHORT,
        |number| number == "INV-1",
    );
    let numbers = app.texts_of_all("#my-payments-table tbody tr th");
    assert_eq!(
        numbers[..4],
        ["INV-1", "INV-10", "INV-11", "INV-12"],
        "natural order: {numbers:?}"
    );
    desktop.screenshot("long-list-offline");
    app.quit();
}

/// A "Download all…" far longer than the Downloads panel lists.
const DOWNLOAD_ALL: usize = 600;

#[test]
fn download_all_of_hundreds_saves_each_once_and_the_panel_lists_what_needs_the_user() {
    let mut desktop = Desktop::start("download-all-long");
    let portal = PortalProcess::spawn(&ada_with_invoices(DOWNLOAD_ALL));
    let app = launch_signed_in(
        &desktop,
        portal.url(),
        "ada@example.com",
        PASSWORD,
        "Ada Lovelace",
    );
    app.click_on("#tab-my-payments");
    let all = format!("{DOWNLOAD_ALL} documents");
    app.wait_for_text("#my-payments-count", APP_TIMEOUT, |text| text == all);
    let chosen = desktop.home().join("All invoices");
    std::fs::create_dir_all(&chosen).unwrap();
    app.click_on("#my-payments-download-all");
    desktop.answer_file_dialog("Save downloads to", &chosen);
    app.wait_for_text("#my-payments-notice", APP_TIMEOUT, |text| {
        text.starts_with(&format!("{DOWNLOAD_ALL} documents saved into "))
    });
    let mut names: Vec<String> = std::fs::read_dir(&chosen)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.dedup();
    assert_eq!(
        names.len(),
        DOWNLOAD_ALL,
        "each saved once, no part file left"
    );
    assert!(names.contains(&"Invoice 600.pdf".to_owned()), "{names:?}");
    // The panel lists fifty and counts the rest.
    let listed = app.texts_of_all("#downloads-now > li .download-title");
    assert_eq!(listed.len(), 50, "{listed:?}");
    app.wait_for_text("#downloads-more", SHORT, |text| {
        text == format!(
            "{} more downloads: {} saved, 0 to go, 0 stopped.",
            DOWNLOAD_ALL - 50,
            DOWNLOAD_ALL - 50
        )
    });
    desktop.screenshot("download-all-long");
    app.quit();
}

/// Cancel all in the Downloads panel stops a "Download all…" under way,
/// the downloads still waiting for a slot too: nothing is saved, no part
/// file is left, each row says it was cancelled, and a cancel is not told
/// to screen readers as a failure.
#[test]
fn cancel_all_stops_a_download_all_under_way() {
    const BATCH: usize = 12;
    let mut desktop = Desktop::start("cancel-all");
    let portal = PortalProcess::spawn(&ada_with_invoices_of(BATCH, &"x".repeat(4000)));
    // Each file drips, a byte every 200 ms: minutes each.
    let proxy = test_support::FaultProxy::start(portal.url());
    proxy.add_faults((0..BATCH).map(|_| test_support::Fault::Drip(200)));
    let app = launch_signed_in(
        &desktop,
        proxy.url(),
        "ada@example.com",
        PASSWORD,
        "Ada Lovelace",
    );
    app.click_on("#tab-my-payments");
    let all = format!("{BATCH} documents");
    app.wait_for_text("#my-payments-count", APP_TIMEOUT, |text| text == all);
    let chosen = desktop.home().join("Stopped");
    std::fs::create_dir_all(&chosen).unwrap();
    app.click_on("#my-payments-download-all");
    desktop.answer_file_dialog("Save downloads to", &chosen);
    app.wait_for("#cancel-all-downloads", APP_TIMEOUT);
    desktop.screenshot("cancel-all-under-way");
    app.click_on("#cancel-all-downloads");
    app.wait_for_text("#my-payments-notice", APP_TIMEOUT, |text| {
        text.starts_with("Download all cancelled: nothing saved into ")
    });
    let states = app.execute(
        "return [...document.querySelectorAll('#downloads-now > li')].map((row) => row.dataset.state)",
        serde_json::json!([]),
    );
    assert_eq!(
        states,
        serde_json::json!(vec!["cancelled"; BATCH]),
        "every one, those that were waiting too"
    );
    app.wait_until_gone("#cancel-all-downloads", SHORT);
    // Read as the page holds it: the line is visually hidden.
    let news = app.execute(
        "return document.getElementById('downloads-news').textContent",
        serde_json::json!([]),
    );
    assert_eq!(news, serde_json::json!(""), "a cancel is not a failure");
    let left: Vec<_> = std::fs::read_dir(&chosen).unwrap().collect();
    assert!(left.is_empty(), "nothing saved, no part file: {left:?}");
    desktop.screenshot("cancel-all-stopped");
    app.quit();
}
