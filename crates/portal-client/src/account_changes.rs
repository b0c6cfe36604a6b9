//! Changes to the user's own account beyond the profile fields: password,
//! user-name change requests and the profile photo.

use portal_api::Secret;
use portal_api::account::{PasswordChange, PendingUsernameChange, UsernameChangeRequest};
use portal_api::limits::PHOTO_MAX_BYTES;
use portal_api::paths;
use reqwest::header::{CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};

use crate::error::{Error, Result};
use crate::http::ApiRequest;
use crate::local_store::CachedFile;
use crate::session::Session;

/// The key of the profile photo among the cached files.
const PHOTO_KEY: &str = "profile-photo";

impl Session {
    /// Changes the password. The portal signs out every other session of
    /// the user; this one stays signed in.
    pub async fn change_password(&self, current: &Secret, new: &Secret) -> Result<()> {
        let body = PasswordChange {
            current_password: current.clone(),
            new_password: new.clone(),
        };
        let response = self
            .send_authorized(|| ApiRequest::new(Method::POST, paths::ME_PASSWORD).json(&body))
            .await?;
        self.expect_success(response).await
    }

    /// Asks the vendor for a new user name. A request already waiting is
    /// [`Error::ChangePending`], naming its ticket.
    pub async fn request_username_change(
        &self,
        new_email: &str,
        current_password: &Secret,
        reason: &str,
    ) -> Result<PendingUsernameChange> {
        let body = UsernameChangeRequest {
            new_email: new_email.trim().to_owned(),
            current_password: current_password.clone(),
            reason: reason.trim().to_owned(),
        };
        let response = self
            .send_authorized(|| {
                ApiRequest::new(Method::POST, paths::ME_USERNAME_CHANGE).json(&body)
            })
            .await?;
        self.http.read_json(response).await
    }

    /// Uploads a prepared photo (see [`crate::photo::prepare_photo`]) and
    /// caches it.
    pub async fn upload_photo(&self, png: Vec<u8>) -> Result<()> {
        let response = self
            .send_authorized(|| {
                Ok(ApiRequest::new(Method::PUT, paths::ME_PHOTO).bytes(png.clone(), "image/png"))
            })
            .await?;
        let etag = header_text(&response, ETAG);
        self.expect_success(response).await?;
        self.store.save_file(
            PHOTO_KEY,
            &CachedFile {
                bytes: png,
                media_type: "image/png".into(),
                etag,
            },
        )
    }

    /// Removes the photo on the portal and here.
    pub async fn remove_photo(&self) -> Result<()> {
        let response = self
            .send_authorized(|| Ok(ApiRequest::new(Method::DELETE, paths::ME_PHOTO)))
            .await?;
        self.expect_success(response).await?;
        self.store.forget_file(PHOTO_KEY)
    }

    /// The photo whose ETag the profile names (`None` for no photo): from
    /// the cache when it is that version, otherwise fetched and cached.
    pub async fn photo(&self, etag: Option<&str>) -> Result<Option<CachedFile>> {
        let Some(etag) = etag else {
            self.store.forget_file(PHOTO_KEY)?;
            return Ok(None);
        };
        let cached = self.store.cached_file(PHOTO_KEY)?;
        if let Some(cached) = &cached
            && cached.etag.as_deref() == Some(etag)
        {
            return Ok(Some(cached.clone()));
        }
        let cached_etag = cached.as_ref().and_then(|file| file.etag.clone());
        let response = self
            .send_authorized(|| {
                let request = ApiRequest::new(Method::GET, paths::ME_PHOTO);
                match &cached_etag {
                    Some(tag) => request.header(IF_NONE_MATCH, tag),
                    None => Ok(request),
                }
            })
            .await?;
        match response.status() {
            StatusCode::NOT_MODIFIED if cached.is_some() => Ok(cached),
            StatusCode::NOT_FOUND => {
                self.store.forget_file(PHOTO_KEY)?;
                Ok(None)
            }
            status if status.is_success() => {
                let media_type = header_text(&response, CONTENT_TYPE).unwrap_or_default();
                if !matches!(
                    media_type.as_str(),
                    "image/png" | "image/jpeg" | "image/webp"
                ) {
                    return Err(Error::NotAPortal {
                        origin: self.http.portal().origin(),
                        what: format!("a profile photo of type {media_type:?}"),
                    });
                }
                let etag = header_text(&response, ETAG);
                let bytes = self.http.read_bytes(response, PHOTO_MAX_BYTES).await?;
                let file = CachedFile {
                    bytes,
                    media_type,
                    etag,
                };
                self.store.save_file(PHOTO_KEY, &file)?;
                Ok(Some(file))
            }
            _ => Err(self.http.error_from(response).await),
        }
    }

    /// The photo as last fetched, without the network.
    pub fn cached_photo(&self) -> Result<Option<CachedFile>> {
        self.store.cached_file(PHOTO_KEY)
    }

    async fn expect_success(&self, response: reqwest::Response) -> Result<()> {
        if response.status().is_success() {
            Ok(())
        } else {
            Err(self.http.error_from(response).await)
        }
    }
}

fn header_text(response: &reqwest::Response, name: reqwest::header::HeaderName) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}
