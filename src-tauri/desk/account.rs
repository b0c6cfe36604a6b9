//! The account use cases of My Details beyond the profile fields: password,
//! user-name change request (kept in the outbox while the portal cannot be
//! reached; the demo's stand-in for the vendor's approval), and the
//! profile photo. No Tauri types here either.

use std::path::PathBuf;

use base64::Engine;
use portal_client::fresh_or_cached::or_when_offline;
use portal_client::outbox::{OutboxChange, OutboxState};
use portal_client::{CachedFile, Error, Result, Secret, Session};
use portal_i18n::text;
use serde::Serialize;

use crate::desk::outbox::{kept_profile_view, waiting_change};
use crate::desk::{Desk, ProfileView};

/// The profile photo as the UI shows it.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoView {
    /// A `data:` URL of the photo, or `None` when there is none.
    pub data_url: Option<String>,
}

impl From<Option<CachedFile>> for PhotoView {
    fn from(file: Option<CachedFile>) -> Self {
        Self {
            data_url: file.map(|file| {
                format!(
                    "data:{};base64,{}",
                    file.media_type,
                    base64::engine::general_purpose::STANDARD.encode(&file.bytes)
                )
            }),
        }
    }
}

/// A changed photo with the profile that now names it.
#[derive(Debug, Clone, Serialize)]
pub struct PhotoChange {
    /// The profile, fresh from the portal.
    pub profile: ProfileView,
    /// The photo now.
    pub photo: PhotoView,
}

/// A user-name change request waiting in the outbox.
#[derive(Debug, Clone, Serialize)]
pub struct WaitingUsername {
    /// The item.
    pub id: i64,
    /// The address asked for.
    pub new_email: String,
    /// Where it stands (refused: the portal's reason).
    #[serde(flatten)]
    pub state: OutboxState,
}

impl Desk {
    /// Changes the password; the portal signs out the user's other sessions.
    pub async fn change_password(&self, current: Secret, new: Secret) -> Result<()> {
        self.session().await?.change_password(&current, &new).await
    }

    /// Asks for a new user name; answers the profile with the request
    /// pending in it. When the portal cannot be reached the request waits
    /// in the outbox (its password in the keyring) and the answer is the
    /// profile as last synced, saying so.
    pub async fn request_username_change(
        &self,
        new_email: &str,
        current_password: Secret,
        reason: &str,
    ) -> Result<ProfileView> {
        let session = self.session().await?;
        match session
            .request_username_change(new_email, &current_password, reason)
            .await
        {
            Ok(_) => self.refresh_profile().await,
            Err(error) if error.is_offline() => {
                if let Some(waiting) = waiting_username_of(&session)? {
                    return Err(Error::Validation {
                        message: text(
                            "desk-username-already-waiting",
                            &[("email", (&waiting.new_email).into())],
                        ),
                        fields: Vec::new(),
                    });
                }
                session
                    .queue_username_change(new_email, &current_password, reason)
                    .await?;
                kept_profile_view(&session)
            }
            Err(error) => Err(error),
        }
    }

    /// The user-name change request waiting in the outbox, if any.
    pub async fn waiting_username(&self) -> Result<Option<WaitingUsername>> {
        waiting_username_of(&*self.session().await?)
    }

    /// The embedded demo's stand-in for the vendor: approves the user-name
    /// change in ticket `ticket`, then refreshes the profile, which moves
    /// the account to the new name. Refused for real portals.
    pub async fn approve_username_change_in_demo(&self, ticket: i64) -> Result<ProfileView> {
        self.demo_session(&text("desk-staff-approve", &[])).await?;
        self.demo.approve_username_change(ticket).await?;
        self.refresh_profile().await
    }

    /// Prepares the picture at `path` (decoded, checked, cropped and scaled
    /// here) and uploads it.
    pub async fn set_photo_from_file(&self, path: PathBuf) -> Result<PhotoChange> {
        let session = self.session().await?;
        let png =
            tokio::task::spawn_blocking(move || portal_client::photo::prepare_photo_file(&path))
                .await
                .map_err(|error| Error::local_because(text("desk-photo-failed", &[]), error))??;
        session.upload_photo(png).await?;
        let profile = self.refresh_profile().await?;
        let photo = session.cached_photo()?.into();
        Ok(PhotoChange { profile, photo })
    }

    /// Removes the photo.
    pub async fn remove_photo(&self) -> Result<PhotoChange> {
        let session = self.session().await?;
        session.remove_photo().await?;
        let profile = self.refresh_profile().await?;
        Ok(PhotoChange {
            profile,
            photo: PhotoView { data_url: None },
        })
    }

    /// The photo the profile names (`etag`), from the cache when current;
    /// the cached copy when the portal cannot be reached.
    pub async fn photo(&self, etag: Option<String>) -> Result<PhotoView> {
        let session = self.session().await?;
        let file = or_when_offline(session.photo(etag.as_deref()).await, || {
            session.cached_photo()
        })?;
        Ok(file.into())
    }
}

fn waiting_username_of(session: &Session) -> Result<Option<WaitingUsername>> {
    Ok(waiting_change(session, |change| match change {
        OutboxChange::UsernameChange { new_email, .. } => Some(new_email.clone()),
        _ => None,
    })?
    .map(|(id, new_email, state)| WaitingUsername {
        id,
        new_email,
        state,
    }))
}
