//! The Portal Desk desktop app: a Tauri shell over the `portal-client` core.
//!
//! Every command is one call into [`desk::Desk`] plus error mapping; the
//! webview only renders and calls commands.

#![warn(missing_docs)]

pub mod account_commands;
pub mod account_desk;
pub mod cached_files;
pub mod commands;
pub mod contacts_commands;
pub mod contacts_desk;
pub mod demo;
pub mod desk;
pub mod dialogs;
pub mod documents_commands;
pub mod documents_desk;
pub mod navigation;
pub mod security_commands;
pub mod security_desk;
pub mod startup;
pub mod ticket_notifications;
pub mod tickets_commands;
pub mod tickets_desk;
pub mod update_commands;
pub mod updates;

use portal_client::Core;
use tauri::{Builder, Manager, RunEvent, Runtime};

pub use startup::mark_process_start;

/// Builds and runs the app on the given builder (`tauri::Builder::default()`
/// in `main`), with the core's folders from the environment.
pub fn run_app<R: Runtime>(builder: Builder<R>) -> tauri::Result<()> {
    let core = Core::from_env().map_err(|error| tauri::Error::Anyhow(anyhow_error(error)))?;
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
        .plugin(navigation::guard())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .manage(desk::Desk::new(core))
        .manage(startup::LaunchOptions::from_env())
        .manage(tickets_commands::PickedFiles::default())
        .manage(tickets_commands::TicketWatch::default())
        .manage(updates::UpdateDesk::default())
        .register_asynchronous_uri_scheme_protocol(cached_files::SCHEME, cached_files::handle)
        .invoke_handler(tauri::generate_handler![
            commands::start_app,
            commands::sign_in,
            commands::open_demo,
            commands::sign_in_again,
            commands::refresh_profile,
            commands::save_profile,
            commands::load_settings,
            commands::save_settings,
            commands::load_roles,
            commands::sign_out,
            commands::first_screen_shown,
            update_commands::check_for_update,
            update_commands::install_update,
            account_commands::change_password,
            account_commands::request_username_change,
            account_commands::approve_username_change_in_demo,
            account_commands::choose_photo,
            account_commands::remove_photo,
            account_commands::load_photo,
            security_commands::sign_in_with_code,
            security_commands::load_mfa,
            security_commands::start_mfa_setup,
            security_commands::enable_mfa,
            security_commands::disable_mfa,
            security_commands::request_password_reset,
            security_commands::save_recovery_codes,
            documents_commands::load_documents,
            documents_commands::download_document,
            documents_commands::retry_download,
            documents_commands::cancel_download,
            documents_commands::view_document,
            documents_commands::view_library_entry,
            documents_commands::load_library,
            documents_commands::load_download_history,
            documents_commands::load_download_folders,
            documents_commands::choose_download_folder,
            documents_commands::open_downloaded_file,
            documents_commands::show_in_folder,
            tickets_commands::load_tickets,
            tickets_commands::open_ticket,
            tickets_commands::reply_to_ticket,
            tickets_commands::create_ticket,
            tickets_commands::cancel_ticket,
            tickets_commands::download_attachment,
            tickets_commands::view_attachment,
            tickets_commands::pick_attachments,
            tickets_commands::check_attachments,
            tickets_commands::save_draft,
            tickets_commands::load_draft,
            tickets_commands::set_ticket_poll_minutes,
            tickets_commands::reply_as_vendor_in_demo,
            tickets_commands::watch_tickets,
            contacts_commands::load_contact_organizations,
            contacts_commands::load_contacts,
            contacts_commands::send_contact_changes,
            contacts_commands::cancel_contact_request,
            contacts_commands::reset_contact_password,
            contacts_commands::apply_contact_request_in_demo,
        ])
        .build(tauri::generate_context!())
}

#[cfg(test)]
mod command_list_tests;
#[cfg(test)]
mod command_tests;

fn anyhow_error(error: portal_client::Error) -> anyhow::Error {
    anyhow::anyhow!(error.to_string())
}
