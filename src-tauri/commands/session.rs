//! Commands for starting, signing in and out, My Profile, the personal
//! settings and the roles. Passwords come in once; no token goes out.

use std::collections::BTreeMap;

use portal_api::auth::AuthOptions;
use portal_client::{ProfileUpdate, Secret, SettingsUpdate};
use tauri::{AppHandle, Runtime, State};

use crate::commands::CommandResult;
use crate::desk::account_switch::AccountEntry;
use crate::desk::settings::SettingsView;
use crate::desk::single_sign_on::SsoPortal;
use crate::desk::{Desk, ProfileView, RolesView, SessionView, SignOutView, StartView};
use crate::shell::startup::{
    KEPT_SCREEN_PAINTED, LaunchOptions, mark_startup_step, startup_step_ms,
};

/// What to show first: the profile of a restored session, or sign-in (or,
/// launched with `--demo`, the embedded demo portal).
#[tauri::command(rename_all = "snake_case")]
pub async fn start_app(
    desk: State<'_, Desk>,
    launch: State<'_, LaunchOptions>,
) -> CommandResult<StartView> {
    mark_startup_step("start_app_asked");
    let start = desk.start(launch.take_open_demo()).await;
    mark_startup_step("start_app_answered");
    start
}

/// Signs in with portal address, e-mail and password.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_in(
    desk: State<'_, Desk>,
    portal_url: String,
    email: String,
    password: String,
    adding: Option<bool>,
) -> CommandResult<SessionView> {
    desk.sign_in(
        &portal_url,
        &email,
        Secret::new(password),
        adding.unwrap_or(false),
    )
    .await
}

/// The ways of signing in the portal at `portal_url` offers (password,
/// first password, single sign-on providers).
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_in_options(
    desk: State<'_, Desk>,
    portal_url: String,
) -> CommandResult<AuthOptions> {
    desk.sign_in_options(&portal_url).await
}

/// Signs in through the single sign-on of the portal at `portal_url` (the
/// embedded demo when `None`) in the system browser; answers once the
/// browser came back, or `cancelled` after [`cancel_sso`].
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_in_with_sso(
    desk: State<'_, Desk>,
    portal_url: Option<String>,
) -> CommandResult<SessionView> {
    let portal = portal_url
        .as_deref()
        .map_or(SsoPortal::EmbeddedDemo, SsoPortal::At);
    desk.sign_in_with_sso(portal).await
}

/// Stops waiting for the browser of a single sign-on.
#[tauri::command(rename_all = "snake_case")]
pub async fn cancel_sso(desk: State<'_, Desk>) -> CommandResult<()> {
    desk.cancel_sso().await;
    Ok(())
}

/// Every account on this computer, for the avatar menu.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_accounts(desk: State<'_, Desk>) -> CommandResult<Vec<AccountEntry>> {
    desk.accounts().await
}

/// Shows the account `account_id`: its profile from the local copy, or the
/// sign-in form for it when it is signed out.
#[tauri::command(rename_all = "snake_case")]
pub async fn switch_account(desk: State<'_, Desk>, account_id: String) -> CommandResult<StartView> {
    desk.switch_account(&account_id).await
}

/// Removes the account `account_id` from this computer (and, with
/// `delete_data`, its local data); answers what to show next.
#[tauri::command(rename_all = "snake_case")]
pub async fn remove_account(
    desk: State<'_, Desk>,
    account_id: String,
    delete_data: bool,
) -> CommandResult<StartView> {
    desk.remove_account(&account_id, delete_data).await
}

/// Starts the embedded demo portal and signs in to it.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_demo(desk: State<'_, Desk>) -> CommandResult<SessionView> {
    desk.open_demo().await
}

/// Signs in again to the current account with its password.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_in_again(desk: State<'_, Desk>, password: String) -> CommandResult<SessionView> {
    desk.sign_in_again(Secret::new(password)).await
}

/// Fetches the profile from the portal.
#[tauri::command(rename_all = "snake_case")]
pub async fn refresh_profile(desk: State<'_, Desk>) -> CommandResult<ProfileView> {
    desk.refresh_profile().await
}

/// Saves changed profile fields on top of the version `if_match`.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_profile(
    desk: State<'_, Desk>,
    update: ProfileUpdate,
    if_match: String,
) -> CommandResult<ProfileView> {
    desk.save_profile(&update, &if_match).await
}

/// The personal settings (Settings tab).
#[tauri::command(rename_all = "snake_case")]
pub async fn load_settings(desk: State<'_, Desk>) -> CommandResult<SettingsView> {
    desk.settings().await
}

/// Saves the personal settings on top of the version `if_match`.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_settings(
    desk: State<'_, Desk>,
    update: SettingsUpdate,
    if_match: String,
) -> CommandResult<SettingsView> {
    desk.save_settings(&update, &if_match).await
}

/// Settles settings waiting in the outbox that a change made elsewhere
/// conflicts with: `chosen` is sent on `current`; none keeps the portal's.
#[tauri::command(rename_all = "snake_case")]
pub async fn settle_waiting_settings(
    desk: State<'_, Desk>,
    id: i64,
    chosen: Option<SettingsUpdate>,
    current: String,
) -> CommandResult<SettingsView> {
    desk.settle_waiting_settings(id, chosen, &current).await
}

/// The user's roles in every organization (Portal Roles tab).
#[tauri::command(rename_all = "snake_case")]
pub async fn load_roles(desk: State<'_, Desk>) -> CommandResult<RolesView> {
    desk.roles().await
}

/// Signs out.
#[tauri::command(rename_all = "snake_case")]
pub async fn sign_out(desk: State<'_, Desk>) -> CommandResult<SignOutView> {
    desk.sign_out().await
}

/// The UI painted the live first screen with the user's data; `page_marks`
/// are the page's own start-up steps (wall-clock milliseconds since the
/// epoch). With `PORTAL_DESK_EXIT_AFTER_FIRST_SCREEN=1` this prints
/// `first_screen_ms N` (when the first screen with the user's data was
/// painted: the kept one, if the page began with it), `live_screen_ms N`
/// (this one) and a `startup_marks` line, and quits; otherwise start-up is
/// over for the desk ([`Desk::first_screen_shown`]).
#[tauri::command(rename_all = "snake_case")]
pub async fn first_screen_shown<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, Desk>,
    launch: State<'_, LaunchOptions>,
    page_marks: Option<BTreeMap<String, f64>>,
) -> CommandResult<()> {
    if launch.exit_after_first_screen() {
        let live_ms = launch.elapsed_ms();
        let first_ms =
            startup_step_ms(KEPT_SCREEN_PAINTED).map_or(live_ms, |kept| kept.min(live_ms));
        println!("first_screen_ms {first_ms}");
        println!("live_screen_ms {live_ms}");
        println!(
            "{}",
            launch.startup_marks_line(&page_marks.unwrap_or_default())
        );
        app.exit(0);
    } else {
        desk.first_screen_shown();
    }
    Ok(())
}

/// The page began with the first screen kept from the last run, and it is
/// painted (start-up's timing; the live one follows).
#[tauri::command(rename_all = "snake_case")]
pub fn kept_screen_shown() {
    mark_startup_step(KEPT_SCREEN_PAINTED);
}

/// Keeps `markup`, the page's first screen as now shown for the account
/// `account_id`, to be painted first at the next start.
#[tauri::command(rename_all = "snake_case")]
pub async fn keep_first_screen(
    desk: State<'_, Desk>,
    account_id: String,
    markup: String,
) -> CommandResult<()> {
    desk.keep_first_screen(&account_id, &markup).await
}
