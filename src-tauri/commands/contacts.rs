//! Tauri commands for the Contacts screen. Each is one call into [`Desk`].

use portal_api::contacts::{ContactChange, ContactPasswordResetDone};
use portal_client::contacts::ManagedOrganization;
use tauri::State;

use crate::commands::CommandResult;
use crate::desk::Desk;
use crate::desk::contacts::{ContactsView, SentContactChanges};

/// The organizations whose contacts the user manages.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_contact_organizations(
    desk: State<'_, Desk>,
) -> CommandResult<Vec<ManagedOrganization>> {
    desk.contact_organizations().await
}

/// An organization's contact list (the cached one when offline).
#[tauri::command(rename_all = "snake_case")]
pub async fn load_contacts(
    desk: State<'_, Desk>,
    organization_id: i64,
) -> CommandResult<ContactsView> {
    desk.contacts(organization_id).await
}

/// Sends one batch of changes built on the list version `etag`.
#[tauri::command(rename_all = "snake_case")]
pub async fn send_contact_changes(
    desk: State<'_, Desk>,
    organization_id: i64,
    changes: Vec<ContactChange>,
    etag: String,
) -> CommandResult<SentContactChanges> {
    desk.send_contact_changes(organization_id, changes, &etag)
        .await
}

/// Sends waiting batch `id`, held because the list changed meanwhile, on
/// the list as it is now.
#[tauri::command(rename_all = "snake_case")]
pub async fn resend_contact_batch(
    desk: State<'_, Desk>,
    organization_id: i64,
    id: i64,
) -> CommandResult<ContactsView> {
    desk.resend_contact_batch(organization_id, id).await
}

/// Cancels the organization's waiting change request.
#[tauri::command(rename_all = "snake_case")]
pub async fn cancel_contact_request(
    desk: State<'_, Desk>,
    organization_id: i64,
    request_id: i64,
) -> CommandResult<ContactsView> {
    desk.cancel_contact_request(organization_id, request_id)
        .await
}

/// E-mails a contact a link to choose a new password.
#[tauri::command(rename_all = "snake_case")]
pub async fn reset_contact_password(
    desk: State<'_, Desk>,
    organization_id: i64,
    email: String,
) -> CommandResult<ContactPasswordResetDone> {
    desk.reset_contact_password(organization_id, &email).await
}

/// The demo's stand-in for the vendor: applies the waiting request.
#[tauri::command(rename_all = "snake_case")]
pub async fn apply_contact_request_in_demo(
    desk: State<'_, Desk>,
    organization_id: i64,
    ticket: i64,
) -> CommandResult<ContactsView> {
    desk.apply_contact_request_in_demo(organization_id, ticket)
        .await
}
