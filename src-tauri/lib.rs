//! The Portal Desk desktop app: a Tauri shell over the `portal-client` core.
//!
//! Every command is one call into [`desk::Desk`] plus error mapping; the
//! webview only renders and calls commands.

#![warn(missing_docs)]

pub mod commands;
pub mod desk;
pub mod shell;

use portal_client::Core;
use tauri::{Builder, Manager, RunEvent, Runtime};

pub use shell::startup::mark_process_start;

/// Builds and runs the app on the given builder (`tauri::Builder::default()`
/// in `main`), with the core's folders from the environment.
pub fn run_app<R: Runtime>(builder: Builder<R>) -> tauri::Result<()> {
    let core = Core::from_env().map_err(|error| tauri::Error::Anyhow(anyhow_error(error)))?;
    // Without a log the app still runs; it says so on standard error.
    if let Err(problem) = shell::logs::start(&shell::logs::log_folder(core.dirs())) {
        eprintln!("portal-desk: {problem}");
    }
    tracing::info!(
        version = desk::help::app_version(),
        system = std::env::consts::OS,
        "Portal Desk starting"
    );
    let app = build_app(builder, core)?;
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            let desk = handle.state::<desk::Desk>();
            tauri::async_runtime::block_on(desk.shut_down());
        }
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
        .invoke_handler(tauri::generate_handler![
            commands::session::start_app,
            commands::session::sign_in,
            commands::session::open_demo,
            commands::session::sign_in_again,
            commands::session::refresh_profile,
            commands::session::save_profile,
            commands::session::load_settings,
            commands::session::save_settings,
            commands::session::load_roles,
            commands::session::sign_out,
            commands::session::first_screen_shown,
            commands::help::load_about,
            commands::help::open_log_folder,
            commands::help::copy_diagnostics,
            commands::updates::check_for_update,
            commands::updates::install_update,
            commands::account::change_password,
            commands::account::request_username_change,
            commands::account::approve_username_change_in_demo,
            commands::account::choose_photo,
            commands::account::remove_photo,
            commands::account::load_photo,
            commands::security::sign_in_with_code,
            commands::security::load_mfa,
            commands::security::start_mfa_setup,
            commands::security::enable_mfa,
            commands::security::disable_mfa,
            commands::security::request_password_reset,
            commands::security::save_recovery_codes,
            commands::documents::load_documents,
            commands::documents::download_document,
            commands::documents::retry_download,
            commands::documents::cancel_download,
            commands::documents::view_document,
            commands::documents::view_library_entry,
            commands::documents::load_library,
            commands::documents::load_download_history,
            commands::documents::load_download_folders,
            commands::documents::choose_download_folder,
            commands::documents::open_downloaded_file,
            commands::documents::show_in_folder,
            commands::tickets::load_tickets,
            commands::tickets::open_ticket,
            commands::tickets::reply_to_ticket,
            commands::tickets::create_ticket,
            commands::tickets::cancel_ticket,
            commands::tickets::download_attachment,
            commands::tickets::view_attachment,
            commands::tickets::pick_attachments,
            commands::tickets::check_attachments,
            commands::tickets::save_draft,
            commands::tickets::load_draft,
            commands::tickets::set_ticket_poll_minutes,
            commands::tickets::reply_as_vendor_in_demo,
            commands::tickets::watch_tickets,
            commands::contacts::load_contact_organizations,
            commands::contacts::load_contacts,
            commands::contacts::send_contact_changes,
            commands::contacts::cancel_contact_request,
            commands::contacts::reset_contact_password,
            commands::contacts::apply_contact_request_in_demo,
        ])
        .build(tauri::generate_context!())
}

#[cfg(test)]
mod command_list_tests;
#[cfg(test)]
mod command_tests;
#[cfg(test)]
mod log_tests;

fn anyhow_error(error: portal_client::Error) -> anyhow::Error {
    anyhow::anyhow!(error.to_string())
}
