//! The outbox: changes made while the portal could not be reached, kept in
//! the account's store until they are sent (see [`crate::outbox_send`]).
//! An item is written (and its files copied) before the caller is told it
//! is kept, so a crash loses nothing; each item keeps the version it was
//! made on and its own `Idempotency-Key`, so it is never forced over a
//! newer version and never done twice.
//!
//! Files attached to a queued reply or ticket are copied at once into the
//! account's `outbox-files` folder: what is sent is what the user picked,
//! even when the original is changed or deleted meanwhile.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use portal_api::contacts::ContactChange;
use portal_api::problem::FieldError;
use portal_api::profile::ProfileUpdate;
use portal_api::settings::SettingsUpdate;
use portal_api::tickets::{
    COMMENT_MAX_CHARS, FIELD_MESSAGE, FIELD_SUBJECT, SUBJECT_MAX_CHARS, TicketStatus,
};
use portal_i18n::text;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::disk::{FileAction, copy_aside, io_error};
use crate::error::{Error, Result};
use crate::local_store::LocalStore;
use crate::session::Session;
use crate::uploads::check_attachment;

/// The folder, in an account's data folder, of the outbox's file copies.
const FILES_FOLDER: &str = "outbox-files";

/// A change waiting to be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OutboxChange {
    /// Fields of My Details, made on the profile version `based_on`.
    Profile {
        /// The changed fields.
        update: ProfileUpdate,
        /// The ETag of the profile they were made on.
        based_on: String,
    },
    /// Personal settings, made on the version `based_on`.
    Settings {
        /// The settings as chosen.
        update: SettingsUpdate,
        /// The ETag of the settings they were made on.
        based_on: String,
    },
    /// A reply to a ticket, with files.
    Reply {
        /// The ticket.
        number: i64,
        /// The text.
        message: String,
        /// The files, as kept.
        files: Vec<KeptFile>,
        /// Whether it may open the ticket again: it was resolved when the
        /// reply was written, or the user chose so. Otherwise a ticket
        /// resolved meanwhile holds the reply for the user to choose.
        #[serde(default)]
        reopen: bool,
    },
    /// A new ticket, with files.
    NewTicket {
        /// Its subject.
        subject: String,
        /// Its first message.
        message: String,
        /// The organization it is for, if any.
        organization_id: Option<i64>,
        /// The files, as kept.
        files: Vec<KeptFile>,
    },
    /// Cancelling a request ticket.
    CancelTicket {
        /// The ticket.
        number: i64,
    },
    /// A request for a new user name. The password it is made with is
    /// kept in the keyring under `password_entry`, never in the store.
    UsernameChange {
        /// The e-mail address asked for.
        new_email: String,
        /// Why, for the vendor's support staff.
        reason: String,
        /// The keyring entry holding the password (see
        /// [`crate::outbox_secrets`]).
        password_entry: String,
    },
    /// A batch of contact changes, made on the list version `based_on`.
    ContactChanges {
        /// The organization.
        organization_id: i64,
        /// The changes.
        changes: Vec<ContactChange>,
        /// The ETag of the contact list they were made on.
        based_on: String,
    },
    /// "Was this helpful?" for a knowledge-base article (a later answer
    /// for the same article replaces it).
    KbVote {
        /// The article.
        article_id: i64,
        /// Its title, for lists.
        title: String,
        /// The answer.
        helpful: bool,
    },
}

impl OutboxChange {
    /// A few words for lists: "Reply to ticket #1234", "My Details".
    pub fn title(&self) -> String {
        match self {
            Self::Profile { .. } => text("outbox-title-profile", &[]),
            Self::Settings { .. } => text("outbox-title-settings", &[]),
            Self::Reply { number, .. } => text(
                "outbox-title-reply",
                &[("ticket", number.to_string().into())],
            ),
            Self::NewTicket { subject, .. } => {
                text("outbox-title-new-ticket", &[("subject", subject.into())])
            }
            Self::CancelTicket { number } => text(
                "outbox-title-cancel",
                &[("ticket", number.to_string().into())],
            ),
            Self::UsernameChange { new_email, .. } => {
                text("outbox-title-username", &[("email", new_email.into())])
            }
            Self::ContactChanges { changes, .. } => {
                text("outbox-title-contacts", &[("count", changes.len().into())])
            }
            Self::KbVote { title, helpful, .. } => format!(
                "\u{201c}{title}\u{201d} was {}helpful",
                if *helpful { "" } else { "not " }
            ),
        }
    }

    /// The files the change carries.
    pub fn files(&self) -> &[KeptFile] {
        match self {
            Self::Reply { files, .. } | Self::NewTicket { files, .. } => files,
            _ => &[],
        }
    }

    /// Its kind, as a stable name: `profile`, `settings`, `reply`,
    /// `new_ticket`, `cancel_ticket`, `username_change`, `contact_changes`,
    /// `kb_vote`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Profile { .. } => "profile",
            Self::Settings { .. } => "settings",
            Self::Reply { .. } => "reply",
            Self::NewTicket { .. } => "new_ticket",
            Self::CancelTicket { .. } => "cancel_ticket",
            Self::UsernameChange { .. } => "username_change",
            Self::ContactChanges { .. } => "contact_changes",
            Self::KbVote { .. } => "kb_vote",
        }
    }

    /// The keyring entry the change keeps a secret under, if any (see
    /// [`crate::outbox_secrets`]).
    pub fn password_entry(&self) -> Option<&str> {
        match self {
            Self::UsernameChange { password_entry, .. } => Some(password_entry),
            _ => None,
        }
    }

    fn files_mut(&mut self) -> Option<&mut Vec<KeptFile>> {
        match self {
            Self::Reply { files, .. } | Self::NewTicket { files, .. } => Some(files),
            _ => None,
        }
    }
}

/// A file of a queued change: where it was picked, and the copy kept of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptFile {
    /// The file the user picked.
    pub original: PathBuf,
    /// The copy that is sent (set when the change is queued).
    pub kept: Option<PathBuf>,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of the kept copy, hex.
    pub sha256: String,
}

impl KeptFile {
    /// A file to be copied when its change is queued.
    pub fn picked(path: impl Into<PathBuf>) -> Self {
        Self {
            original: path.into(),
            kept: None,
            size: 0,
            sha256: String::new(),
        }
    }

    /// The file's name, as the portal is sent it.
    pub fn name(&self) -> String {
        self.original
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// Where an item stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum OutboxState {
    /// Waits for the portal.
    Waiting,
    /// The portal's version moved on since the change was made: the user
    /// decides (mine, theirs, or edit), nothing is forced.
    Conflict {
        /// What happened, for people.
        message: String,
    },
    /// The portal refused the change; it is kept for editing.
    Refused {
        /// Why, for people.
        message: String,
        /// The portal's field errors, by field.
        fields: BTreeMap<String, String>,
    },
}

/// A change in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxItem {
    /// Its number in this account's outbox (sending order).
    pub id: i64,
    /// The change.
    pub change: OutboxChange,
    /// Unix seconds when it was made.
    pub queued_at: i64,
    /// Where it stands.
    #[serde(flatten)]
    pub state: OutboxState,
    /// The key the portal knows a send of it by.
    #[serde(skip)]
    pub idempotency_key: String,
}

impl Session {
    /// Keeps `change` in the outbox: its files copied (with their digests)
    /// and the item written before this answers. On any failure (a file
    /// that cannot be read, a full disk) nothing is kept and the error
    /// says why.
    pub fn queue(&self, mut change: OutboxChange) -> Result<OutboxItem> {
        let key = crate::idempotency::new_key();
        let folder = self.outbox_files_folder().join(&key);
        if let Some(files) = change.files_mut() {
            for (index, file) in files.iter_mut().enumerate() {
                if let Err(error) = keep_copy(file, &folder.join(index.to_string())) {
                    let _ = std::fs::remove_dir_all(&folder);
                    return Err(error);
                }
            }
        }
        let written = self.store.add_outbox_item(&change, &key);
        match written {
            Ok(item) => {
                tracing::info!(id = item.id, kind = item.change.kind(), "queued");
                Ok(item)
            }
            Err(error) => {
                let _ = std::fs::remove_dir_all(&folder);
                Err(error)
            }
        }
    }

    /// The outbox, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxItem>> {
        self.store.outbox_items()
    }

    /// Replaces item `id`'s change (it waits again, under a new key: an
    /// edited change is a new request). Files already kept stay kept.
    pub fn edit_outbox_item(&self, id: i64, mut change: OutboxChange) -> Result<OutboxItem> {
        let before = self.outbox_item(id)?;
        let key = crate::idempotency::new_key();
        let folder = self.outbox_files_folder().join(&key);
        if let Some(files) = change.files_mut() {
            for (index, file) in files.iter_mut().enumerate() {
                if file.kept.is_none()
                    && let Err(error) = keep_copy(file, &folder.join(index.to_string()))
                {
                    let _ = std::fs::remove_dir_all(&folder);
                    return Err(error);
                }
            }
        }
        self.store.replace_outbox_item(id, &change, &key)?;
        self.forget_unused_copies(&before.change, &change);
        if before.change.password_entry() != change.password_entry() {
            self.forget_secret(&before.change);
        }
        self.outbox_item(id)
    }

    /// Changes the words of waiting reply or new ticket `id`: its text and,
    /// for a new ticket, its subject (`None` keeps it). Its files stay. The
    /// edited item waits again (a refusal it had is for the portal to
    /// judge anew).
    pub fn edit_outbox_text(
        &self,
        id: i64,
        text: &str,
        subject: Option<&str>,
    ) -> Result<OutboxItem> {
        let text = text.trim();
        let mut fields = Vec::new();
        if text.is_empty() {
            fields.push(field_error(
                FIELD_MESSAGE,
                "required",
                &portal_i18n::text("outbox-write-something", &[]),
            ));
        } else if text.chars().count() > COMMENT_MAX_CHARS {
            fields.push(field_error(
                FIELD_MESSAGE,
                "too_long",
                &portal_i18n::text("field-too-long", &[("max", COMMENT_MAX_CHARS.into())]),
            ));
        }
        let subject = subject.map(str::trim);
        match subject {
            Some("") => fields.push(field_error(
                FIELD_SUBJECT,
                "required",
                &portal_i18n::text("outbox-enter-subject", &[]),
            )),
            Some(subject) if subject.chars().count() > SUBJECT_MAX_CHARS => {
                fields.push(field_error(
                    FIELD_SUBJECT,
                    "too_long",
                    &portal_i18n::text("field-too-long", &[("max", SUBJECT_MAX_CHARS.into())]),
                ));
            }
            _ => {}
        }
        if !fields.is_empty() {
            return Err(Error::Validation {
                message: portal_i18n::text("outbox-not-saved", &[]),
                fields,
            });
        }
        let mut change = self.outbox_item(id)?.change;
        match &mut change {
            OutboxChange::Reply { message, .. } => *message = text.to_owned(),
            OutboxChange::NewTicket {
                subject: kept,
                message,
                ..
            } => {
                *message = text.to_owned();
                if let Some(subject) = subject {
                    *kept = subject.to_owned();
                }
            }
            _ => {
                return Err(Error::Validation {
                    message: portal_i18n::text("outbox-only-words-edited", &[]),
                    fields: Vec::new(),
                });
            }
        }
        self.edit_outbox_item(id, change)
    }

    /// A reply to ticket `number` to keep for later; it may open the ticket
    /// again when the ticket, as last seen here, is resolved (the user
    /// wrote to a resolved ticket knowingly).
    pub fn reply_change(
        &self,
        number: i64,
        message: &str,
        files: Vec<KeptFile>,
    ) -> Result<OutboxChange> {
        let resolved = self
            .cached_ticket(number)?
            .is_some_and(|kept| kept.value.summary.status == TicketStatus::Resolved);
        Ok(OutboxChange::Reply {
            number,
            message: message.to_owned(),
            files,
            reopen: resolved,
        })
    }

    /// Lets waiting reply `id`, held because its ticket was resolved
    /// meanwhile, open the ticket again; it waits to be sent.
    pub fn let_reply_reopen(&self, id: i64) -> Result<OutboxItem> {
        let mut change = self.outbox_item(id)?.change;
        let OutboxChange::Reply { reopen, .. } = &mut change else {
            return Err(Error::Validation {
                message: text("outbox-only-reply-reopens", &[]),
                fields: Vec::new(),
            });
        };
        *reopen = true;
        self.edit_outbox_item(id, change)
    }

    /// Turns waiting reply `id` to a ticket that was cancelled meanwhile
    /// (it takes no more replies) into a new ticket with the same text and
    /// files, following up the old one; it waits to be sent again.
    pub fn reply_as_new_ticket(&self, id: i64) -> Result<OutboxItem> {
        let item = self.outbox_item(id)?;
        let OutboxChange::Reply {
            number,
            message,
            files,
            ..
        } = item.change
        else {
            return Err(Error::Validation {
                message: text("outbox-only-reply-new-ticket", &[]),
                fields: Vec::new(),
            });
        };
        let summary = self.cached_ticket(number)?.map(|kept| kept.value.summary);
        let subject = match &summary {
            Some(summary) => text(
                "outbox-follow-up-subject",
                &[
                    ("ticket", number.to_string().into()),
                    ("subject", (&summary.subject).into()),
                ],
            ),
            None => text("outbox-follow-up", &[("ticket", number.to_string().into())]),
        };
        self.edit_outbox_item(
            id,
            OutboxChange::NewTicket {
                subject: subject.chars().take(SUBJECT_MAX_CHARS).collect(),
                message,
                organization_id: summary.and_then(|summary| summary.organization.map(|org| org.id)),
                files,
            },
        )
    }

    /// Withdraws item `id`: it is not sent, and its file copies go.
    pub fn drop_outbox_item(&self, id: i64) -> Result<()> {
        let item = self.outbox_item(id)?;
        self.store.delete_outbox_item(id)?;
        self.forget_copies(&item.change);
        self.forget_secret(&item.change);
        tracing::info!(id, "withdrawn from the outbox");
        Ok(())
    }

    /// Item `id`, or a clear error when it is not in the outbox.
    pub fn outbox_item(&self, id: i64) -> Result<OutboxItem> {
        self.store
            .outbox_item(id)?
            .ok_or_else(|| Error::Validation {
                message: text("outbox-no-such-item", &[("id", id.to_string().into())]),
                fields: Vec::new(),
            })
    }

    pub(crate) fn set_outbox_state(&self, id: i64, state: &OutboxState) -> Result<()> {
        self.store.set_outbox_state(id, state)
    }

    /// Removes a sent item and its copies.
    pub(crate) fn outbox_item_sent(&self, item: &OutboxItem) -> Result<()> {
        self.store.delete_outbox_item(item.id)?;
        self.forget_copies(&item.change);
        self.forget_secret(&item.change);
        Ok(())
    }

    fn outbox_files_folder(&self) -> PathBuf {
        self.dirs()
            .account_data(&self.account().id)
            .join(FILES_FOLDER)
    }

    fn forget_copies(&self, change: &OutboxChange) {
        for file in change.files() {
            if let Some(kept) = &file.kept {
                remove_copy(kept);
            }
        }
    }

    fn forget_unused_copies(&self, before: &OutboxChange, after: &OutboxChange) {
        for file in before.files() {
            if let Some(kept) = &file.kept
                && !after
                    .files()
                    .iter()
                    .any(|now| now.kept.as_ref() == Some(kept))
            {
                remove_copy(kept);
            }
        }
    }
}

fn field_error(field: &str, code: &str, message: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: code.to_owned(),
        message: message.to_owned(),
    }
}

/// Removes a kept copy and the folders made for it, when empty.
fn remove_copy(kept: &Path) {
    let _ = std::fs::remove_file(kept);
    let mut folder = kept.parent();
    for _ in 0..2 {
        let Some(current) = folder else { break };
        if std::fs::remove_dir(current).is_err() {
            break;
        }
        folder = current.parent();
    }
}

/// Copies `file.original` into `folder` under its own name, through a
/// temporary file that is flushed and renamed, hashing as it goes.
fn keep_copy(file: &mut KeptFile, folder: &Path) -> Result<()> {
    let checked = check_attachment(&file.original)?;
    std::fs::create_dir_all(folder)
        .map_err(|error| io_error(FileAction::KeepCopyIn, folder, &error))?;
    let target = folder.join(&checked.name);
    let (copy, size, sha256) = copy_aside(&file.original, folder)
        .map_err(|error| io_error(FileAction::KeepCopyOf, &file.original, &error))?;
    copy.persist(&target)
        .map_err(|error| io_error(FileAction::KeepCopyOf, &file.original, &error.error))?;
    file.kept = Some(target);
    file.size = size;
    file.sha256 = sha256;
    Ok(())
}

impl crate::session::Core {
    /// How many changes wait in `account`'s outbox, from this computer's
    /// copy alone (no session): for the list of accounts. 0 for an account
    /// with no store here.
    pub fn kept_outbox_count(&self, account: &crate::accounts::Account) -> Result<usize> {
        Ok(match self.kept_store(account)? {
            Some(store) => store.outbox_items()?.len(),
            None => 0,
        })
    }
}

impl LocalStore {
    fn add_outbox_item(&self, change: &OutboxChange, key: &str) -> Result<OutboxItem> {
        let json = serde_json::to_string(change).map_err(Error::local_source)?;
        let state = serde_json::to_string(&OutboxState::Waiting).map_err(Error::local_source)?;
        let queued_at = unix_now();
        let id = {
            let conn = self.lock();
            conn.execute(
                "INSERT INTO outbox (change, idempotency_key, state, queued_at) VALUES (?1, ?2, ?3, ?4)",
                params![json, key, state, queued_at],
            )
            .map_err(Error::local_source)?;
            conn.last_insert_rowid()
        };
        Ok(OutboxItem {
            id,
            change: change.clone(),
            queued_at,
            state: OutboxState::Waiting,
            idempotency_key: key.to_owned(),
        })
    }

    fn replace_outbox_item(&self, id: i64, change: &OutboxChange, key: &str) -> Result<()> {
        let json = serde_json::to_string(change).map_err(Error::local_source)?;
        let state = serde_json::to_string(&OutboxState::Waiting).map_err(Error::local_source)?;
        self.lock()
            .execute(
                "UPDATE outbox SET change = ?2, idempotency_key = ?3, state = ?4 WHERE id = ?1",
                params![id, json, key, state],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    fn set_outbox_state(&self, id: i64, state: &OutboxState) -> Result<()> {
        let state = serde_json::to_string(state).map_err(Error::local_source)?;
        self.lock()
            .execute(
                "UPDATE outbox SET state = ?2 WHERE id = ?1",
                params![id, state],
            )
            .map_err(Error::local_source)?;
        Ok(())
    }

    fn delete_outbox_item(&self, id: i64) -> Result<()> {
        self.lock()
            .execute("DELETE FROM outbox WHERE id = ?1", [id])
            .map_err(Error::local_source)?;
        Ok(())
    }

    pub(crate) fn outbox_items(&self) -> Result<Vec<OutboxItem>> {
        let conn = self.lock();
        let mut statement = conn
            .prepare("SELECT id, change, idempotency_key, state, queued_at FROM outbox ORDER BY id")
            .map_err(Error::local_source)?;
        let rows = statement
            .query_map([], read_row)
            .map_err(Error::local_source)?;
        let mut items = Vec::new();
        for row in rows {
            items.push(item_of(row.map_err(Error::local_source)?)?);
        }
        Ok(items)
    }

    fn outbox_item(&self, id: i64) -> Result<Option<OutboxItem>> {
        let row = self
            .lock()
            .query_row(
                "SELECT id, change, idempotency_key, state, queued_at FROM outbox WHERE id = ?1",
                [id],
                read_row,
            )
            .optional()
            .map_err(Error::local_source)?;
        row.map(item_of).transpose()
    }
}

type OutboxRow = (i64, String, String, String, i64);

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxRow> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
    ))
}

fn item_of((id, change, key, state, queued_at): OutboxRow) -> Result<OutboxItem> {
    Ok(OutboxItem {
        id,
        change: serde_json::from_str(&change).map_err(Error::local_source)?,
        queued_at,
        state: serde_json::from_str(&state).map_err(Error::local_source)?,
        idempotency_key: key,
    })
}

fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
