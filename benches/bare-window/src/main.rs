//! A bare Tauri 2 window (a page saying "Hello, world"), built with Portal
//! Desk's release profile: the baseline `cargo xtask bench startup` starts
//! turn about with the app. Like the app, with
//! `PORTAL_DESK_EXIT_AFTER_FIRST_SCREEN=1` it prints `first_screen_ms N`
//! and a `startup_marks` line of the same steps once its first frame is
//! painted, and quits.

// No console window on Windows, as for the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::{Mutex, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tauri::webview::PageLoadEvent;

/// The process start, monotonic and as wall-clock milliseconds.
static PROCESS_START: OnceLock<(Instant, f64)> = OnceLock::new();
/// Steps of start-up, in milliseconds since the process started.
static MARKS: Mutex<Vec<(String, i64)>> = Mutex::new(Vec::new());

fn process_start() -> &'static (Instant, f64) {
    PROCESS_START.get_or_init(|| {
        let wall_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |since| since.as_secs_f64() * 1000.0);
        (Instant::now(), wall_ms)
    })
}

fn mark(step: &str) {
    let ms = i64::try_from(process_start().0.elapsed().as_millis()).unwrap_or(i64::MAX);
    if let Ok(mut marks) = MARKS.lock() {
        marks.push((step.to_owned(), ms));
    }
}

/// The page painted its first frame; `page_requested` is its
/// `performance.timeOrigin`.
#[tauri::command]
fn first_screen_shown(app: tauri::AppHandle, page_requested: Option<f64>) {
    if std::env::var("PORTAL_DESK_EXIT_AFTER_FIRST_SCREEN").is_ok_and(|value| value == "1") {
        let (start, start_wall_ms) = process_start();
        println!("first_screen_ms {}", start.elapsed().as_millis());
        let mut marks = MARKS.lock().map(|marks| marks.clone()).unwrap_or_default();
        if let Some(wall_ms) = page_requested {
            marks.push((
                "page_requested".into(),
                (wall_ms - start_wall_ms).round() as i64,
            ));
        }
        marks.sort_by_key(|(_, ms)| *ms);
        let marks: Vec<String> = marks
            .iter()
            .map(|(step, ms)| format!("{step}={ms}"))
            .collect();
        println!("startup_marks {}", marks.join(" "));
        app.exit(0);
    }
}

fn main() {
    process_start();
    match tauri::Builder::default()
        .on_page_load(|_, page| match page.event() {
            PageLoadEvent::Started => mark("page_load_started"),
            PageLoadEvent::Finished => mark("page_loaded"),
        })
        .invoke_handler(tauri::generate_handler![first_screen_shown])
        .build(tauri::generate_context!())
    {
        Ok(app) => {
            mark("app_built");
            app.run(|_, event| {
                if let tauri::RunEvent::Ready = event {
                    mark("event_loop_ready");
                }
            });
        }
        Err(error) => {
            eprintln!("bare-window: {error}");
            std::process::exit(1);
        }
    }
}
