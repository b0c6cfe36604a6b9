//! A bare Tauri 2 window (a page saying "Hello, world"), built with Portal
//! Desk's release profile: the baseline `cargo xtask bench startup` starts
//! turn about with the app. Like the app, with
//! `PORTAL_DESK_EXIT_AFTER_FIRST_SCREEN=1` it prints `first_screen_ms N`
//! once its first frame is painted, and quits.

// No console window on Windows, as for the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::OnceLock;
use std::time::Instant;

static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// The page painted its first frame.
#[tauri::command]
fn first_screen_shown(app: tauri::AppHandle) {
    if std::env::var("PORTAL_DESK_EXIT_AFTER_FIRST_SCREEN").is_ok_and(|value| value == "1") {
        let start = PROCESS_START.get_or_init(Instant::now);
        println!("first_screen_ms {}", start.elapsed().as_millis());
        app.exit(0);
    }
}

fn main() {
    PROCESS_START.get_or_init(Instant::now);
    if let Err(error) = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![first_screen_shown])
        .run(tauri::generate_context!())
    {
        eprintln!("bare-window: {error}");
        std::process::exit(1);
    }
}
