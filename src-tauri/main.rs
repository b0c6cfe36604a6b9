// Hide the console window of release builds on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    portal_desk::mark_process_start();
    if let Err(error) = portal_desk::run_app(tauri::Builder::default()) {
        eprintln!("portal-desk: {error}");
        std::process::exit(1);
    }
}
