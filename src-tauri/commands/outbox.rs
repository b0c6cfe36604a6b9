//! Tauri commands of the Outbox panel: each is one call into the desk.

use tauri::State;

use crate::commands::CommandResult;
use crate::desk::Desk;
use crate::desk::ProfileView;
use crate::desk::outbox::{OutboxSendView, OutboxView, ProfileChoice, WaitingProfile};

/// The shown account's waiting changes.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_outbox(desk: State<'_, Desk>) -> CommandResult<OutboxView> {
    desk.outbox().await
}

/// "Send now": the waiting changes, in order.
#[tauri::command(rename_all = "snake_case")]
pub async fn send_outbox(desk: State<'_, Desk>) -> CommandResult<OutboxSendView> {
    desk.send_outbox().await
}

/// Withdraws a waiting change: it is not sent.
#[tauri::command(rename_all = "snake_case")]
pub async fn drop_outbox_item(desk: State<'_, Desk>, id: i64) -> CommandResult<OutboxView> {
    desk.drop_outbox_item(id).await
}

/// Changes the words of a waiting reply or new ticket (`subject`: a new
/// ticket's, when given).
#[tauri::command(rename_all = "snake_case")]
pub async fn edit_outbox_text(
    desk: State<'_, Desk>,
    id: i64,
    text: String,
    subject: Option<String>,
) -> CommandResult<OutboxView> {
    desk.edit_outbox_text(id, &text, subject.as_deref()).await
}

/// Lets a waiting reply whose ticket was resolved meanwhile open it again,
/// and sends the outbox.
#[tauri::command(rename_all = "snake_case")]
pub async fn reopen_with_reply(desk: State<'_, Desk>, id: i64) -> CommandResult<OutboxSendView> {
    desk.reopen_with_reply(id).await
}

/// Discards every waiting change (signing out, after the user confirmed).
#[tauri::command(rename_all = "snake_case")]
pub async fn discard_outbox(desk: State<'_, Desk>) -> CommandResult<OutboxView> {
    desk.discard_outbox().await
}

/// The change to My Details waiting in the outbox, if any.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_waiting_profile(desk: State<'_, Desk>) -> CommandResult<Option<WaitingProfile>> {
    desk.waiting_profile().await
}

/// Settles a waiting change to My Details that the portal's version
/// conflicts with: `mine` (sent on the version `current`) or `theirs`.
#[tauri::command(rename_all = "snake_case")]
pub async fn settle_waiting_profile(
    desk: State<'_, Desk>,
    id: i64,
    choice: ProfileChoice,
    current: String,
) -> CommandResult<ProfileView> {
    desk.settle_waiting_profile(id, choice, &current).await
}

/// A waiting reply whose ticket was cancelled meanwhile, raised as a new
/// ticket following it up (and the outbox sent).
#[tauri::command(rename_all = "snake_case")]
pub async fn raise_reply_as_ticket(
    desk: State<'_, Desk>,
    id: i64,
) -> CommandResult<OutboxSendView> {
    desk.raise_reply_as_ticket(id).await
}
