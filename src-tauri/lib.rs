//! The Portal Desk desktop app: a Tauri shell over the `portal-client` core.
//!
//! Every command is one call into [`desk::Desk`] plus error mapping; the
//! webview only renders and calls commands.

#![warn(missing_docs)]

pub mod commands;
pub mod desk;
pub mod shell;

use portal_client::Core;
use tauri::webview::PageLoadEvent;
use tauri::{Builder, Manager, RunEvent, Runtime};

pub use shell::startup::mark_process_start;
use shell::startup::mark_startup_step;

/// Builds and runs the app on the given builder (`tauri::Builder::default()`
/// in `main`), with the core's folders from the environment.
pub fn run_app<R: Runtime>(builder: Builder<R>) -> tauri::Result<()> {
    let core = Core::from_env().map_err(|error| tauri::Error::Anyhow(anyhow_error(error)))?;
    mark_startup_step("core_ready");
    // Without a log the app still runs; it says so on standard error.
    if let Err(problem) = shell::logs::start(&shell::logs::log_folder(core.dirs())) {
        eprintln!("portal-desk: {problem}");
    }
    tracing::info!(
        version = desk::help::app_version(),
        system = std::env::consts::OS,
        "Portal Desk starting"
    );
    mark_startup_step("logs_started");
    let builder = builder.on_page_load(|webview, page| match page.event() {
        PageLoadEvent::Started => {
            mark_startup_step("page_load_started");
            show_at_chosen_size(webview);
        }
        PageLoadEvent::Finished => mark_startup_step("page_loaded"),
    });
    let app = build_app(builder, core)?;
    mark_startup_step("app_built");
    restore_session_ahead(&app);
    app.run(|handle, event| match event {
        RunEvent::Ready => mark_startup_step("event_loop_ready"),
        RunEvent::Exit => {
            let desk = handle.state::<desk::Desk>();
            tauri::async_runtime::block_on(desk.shut_down());
        }
        _ => {}
    });
    Ok(())
}

/// Builds the app over `core` without running its event loop, so tests can
/// pass `tauri::test::mock_builder()`.
pub fn build_app<R: Runtime>(builder: Builder<R>, core: Core) -> tauri::Result<tauri::App<R>> {
    // Ticket notifications go through the plugin where notify-rust's
    // D-Bus path (with clicks) is not available; no webview permission.
    #[cfg(not(target_os = "linux"))]
    let builder = builder.plugin(tauri_plugin_notification::init());
    let mut context = tauri::generate_context!();
    let built_page = context.set_assets(Box::new(shell::kept_screen_page::NoAssets));
    context.set_assets(Box::new(shell::kept_screen_page::PageWithKeptScreen::new(
        built_page,
        core.clone(),
    )));
    builder
        .plugin(shell::navigation::guard())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(desk::Desk::new(core))
        .manage(shell::startup::LaunchOptions::from_env())
        .manage(shell::ticket_watch::TicketWatch::default())
        .manage(shell::updates::UpdateDesk::default())
        .register_asynchronous_uri_scheme_protocol(
            shell::cached_files::SCHEME,
            shell::cached_files::handle,
        )
        // Every #[tauri::command] in commands/, listed by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/command_handler.rs")))
        .build(context)
}

/// Shows a page that begins to load at the size the user chose.
fn show_at_chosen_size<R: Runtime>(webview: &tauri::Webview<R>) {
    let percent = webview.state::<desk::Desk>().text_size_percent();
    if percent != desk::preferences::DEFAULT_TEXT_SIZE_PERCENT {
        shell::display::show_at(webview, percent);
    }
}

/// Begins restoring the session while the window opens, so the page's
/// first `start_app` finds it done (only the real app does this: tests
/// built on `build_app` restore when they ask).
pub(crate) fn restore_session_ahead<R: Runtime>(app: &tauri::App<R>) {
    let desk = app.state::<desk::Desk>();
    let Some(slot) = desk.reserve_restore_ahead() else {
        return;
    };
    let handle = app.handle().clone();
    tauri::async_runtime::spawn(async move {
        handle.state::<desk::Desk>().restore_ahead(slot).await;
        mark_startup_step("restored_ahead");
    });
}

#[cfg(test)]
mod account_watch_tests;
#[cfg(test)]
mod command_list_tests;
#[cfg(test)]
mod command_tests;
#[cfg(test)]
mod display_tests;
#[cfg(test)]
mod download_batch_tests;
#[cfg(test)]
mod kb_tests;
#[cfg(test)]
mod kept_screen_tests;
#[cfg(test)]
mod kit_tests;
#[cfg(test)]
mod log_tests;
#[cfg(test)]
mod outbox_tests;
#[cfg(test)]
mod start_tests;

fn anyhow_error(error: portal_client::Error) -> anyhow::Error {
    anyhow::anyhow!(error.to_string())
}
