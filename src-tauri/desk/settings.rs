//! My Profile → Settings: the personal settings (from the portal, or the
//! copy last synced when it cannot be reached), saving them on a version,
//! keeping a save made offline in the outbox, and settling a waiting save
//! that a change made elsewhere conflicts with, setting by setting.

use portal_client::file_names::{attachment_file_name, format_label};
use portal_client::fresh_or_cached::{Answer, fresh_or_cached};
use portal_client::outbox::{OutboxChange, OutboxState};
use portal_client::{AttachmentNameFormat, Error, Result, Session, Settings, SettingsUpdate};
use portal_i18n::text;
use serde::Serialize;

use crate::desk::Desk;
use crate::desk::outbox::{
    keep_in_place_of, send_or_stop, waiting_change, waiting_notice, withdraw_superseded,
};

/// One attachment file-name format with how a sample file would be named.
#[derive(Debug, Clone, Serialize)]
pub struct FormatOption {
    /// The format.
    pub format: AttachmentNameFormat,
    /// The format as seed 000 writes it, e.g. `[Ticket 1234] File Name.txt`.
    pub label: String,
    /// The sample attachment's name in this format.
    pub example: String,
}

/// The Settings tab: the settings, their version, and the format options.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    /// The settings, as the portal has them (or had them when last synced).
    pub settings: Settings,
    /// Their ETag, sent back as `If-Match` when saving; for a copy last
    /// synced, the version that copy is (a save made offline waits on it).
    pub etag: Option<String>,
    /// Unix seconds when fetched, for a cached copy; `None` when fresh.
    pub cached_at: Option<i64>,
    /// Every format with the sample attachment named in it.
    pub format_options: Vec<FormatOption>,
    /// The sample attachment the examples use.
    pub sample: String,
    /// Settings saved offline, waiting in the outbox, if any.
    pub waiting: Option<WaitingSettings>,
    /// "Saved in the outbox: …" when this save was kept for later.
    pub queued: Option<String>,
}

/// Settings that wait in the outbox (one item at most: a later save made
/// offline replaces it).
#[derive(Debug, Clone, Serialize)]
pub struct WaitingSettings {
    /// The item.
    pub id: i64,
    /// The settings as chosen.
    pub update: SettingsUpdate,
    /// Where it stands (a conflict: the settings changed elsewhere).
    #[serde(flatten)]
    pub state: OutboxState,
}

/// The sample attachment of the file-name preview.
const SAMPLE_ATTACHMENT: &str = "Installation Guide.pdf";
/// The sample ticket number of the file-name preview.
const SAMPLE_TICKET: u64 = 1234;

impl Desk {
    /// The personal settings from the portal, or the cached copy when the
    /// portal cannot be reached; with the settings waiting in the outbox.
    pub async fn settings(&self) -> Result<SettingsView> {
        let session = self.session().await?;
        let view = match fresh_or_cached(session.settings().await, || session.cached_settings())? {
            Answer::Fresh((settings, etag)) => settings_view(&session, settings, Some(etag), None)?,
            Answer::Cached(cached) => {
                settings_view(&session, cached.value, cached.etag, Some(cached.fetched_at))?
            }
        };
        Ok(view)
    }

    /// Saves the settings on top of the version `if_match`. When the
    /// portal cannot be reached they are kept in the outbox (replacing
    /// settings already waiting) and the answer says so.
    pub async fn save_settings(
        &self,
        update: &SettingsUpdate,
        if_match: &str,
    ) -> Result<SettingsView> {
        let session = self.session().await?;
        match session.update_settings(update, if_match).await {
            Ok((settings, etag)) => {
                withdraw_superseded(&session, |change| {
                    matches!(change, OutboxChange::Settings { .. })
                })?;
                settings_view(&session, settings, Some(etag), None)
            }
            Err(error) if error.is_offline() => queue_settings(&session, update, if_match),
            Err(error) => Err(error),
        }
    }

    /// Settles waiting settings `id` that a change made elsewhere conflicts
    /// with: `chosen` (the user's pick, setting by setting) is sent on
    /// `current`, the version shown beside it; `None` keeps the portal's
    /// settings and withdraws the waiting ones.
    pub async fn settle_waiting_settings(
        &self,
        id: i64,
        chosen: Option<SettingsUpdate>,
        current: &str,
    ) -> Result<SettingsView> {
        let session = self.session().await?;
        let item = session.outbox_item(id)?;
        if !matches!(item.change, OutboxChange::Settings { .. }) {
            return Err(Error::Validation {
                message: text("desk-not-settings-change", &[]),
                fields: Vec::new(),
            });
        }
        match chosen {
            None => session.drop_outbox_item(id)?,
            Some(update) => {
                session.edit_outbox_item(
                    id,
                    OutboxChange::Settings {
                        update,
                        based_on: current.to_owned(),
                    },
                )?;
                send_or_stop(&session).await?;
            }
        }
        self.settings().await
    }
}

/// Keeps settings saved offline, in place of any already waiting; answers
/// the settings as last synced with the waiting ones over them.
fn queue_settings(
    session: &Session,
    update: &SettingsUpdate,
    if_match: &str,
) -> Result<SettingsView> {
    let change = OutboxChange::Settings {
        update: update.clone(),
        based_on: if_match.to_owned(),
    };
    keep_in_place_of(
        session,
        waiting_settings(session)?.map(|waiting| waiting.id),
        change,
    )?;
    let cached = session
        .cached_settings()?
        .ok_or_else(|| Error::local(text("desk-settings-never-fetched", &[])))?;
    let mut view = settings_view(session, cached.value, cached.etag, Some(cached.fetched_at))?;
    view.queued = Some(waiting_notice(session));
    Ok(view)
}

fn waiting_settings(session: &Session) -> Result<Option<WaitingSettings>> {
    waiting_change(session, |change| match change {
        OutboxChange::Settings { update, .. } => Some(update.clone()),
        _ => None,
    })
    .map(|found| found.map(|(id, update, state)| WaitingSettings { id, update, state }))
}

fn settings_view(
    session: &Session,
    settings: Settings,
    etag: Option<String>,
    cached_at: Option<i64>,
) -> Result<SettingsView> {
    Ok(SettingsView {
        settings,
        etag,
        cached_at,
        format_options: AttachmentNameFormat::ALL
            .into_iter()
            .map(|format| FormatOption {
                format,
                label: format_label(format),
                example: attachment_file_name(format, SAMPLE_TICKET, SAMPLE_ATTACHMENT),
            })
            .collect(),
        sample: text(
            "desk-format-sample",
            &[
                ("name", SAMPLE_ATTACHMENT.into()),
                ("ticket", SAMPLE_TICKET.to_string().into()),
            ],
        ),
        waiting: waiting_settings(session)?,
        queued: None,
    })
}
