//! The Security tab and the second step of sign-in: two-step sign-in with an
//! authenticator app, recovery codes, and the forgotten-password request.
//! No Tauri types here.

use std::path::Path;

use base64::Engine;
use portal_client::two_step::qr_code_svg;
use portal_client::{Error, Result, Secret, SignInStep};
use portal_i18n::text;
use serde::Serialize;

use crate::desk::{Desk, SessionView};

/// The Security tab's state of two-step sign-in.
#[derive(Debug, Clone, Serialize)]
pub struct MfaView {
    /// True when sign-in asks for a code.
    pub enabled: bool,
    /// Recovery codes not used yet.
    pub recovery_codes_left: u32,
}

/// A setup in progress: what the user enters in the authenticator app.
/// Both fields carry the shared secret, so both print as `<redacted>`.
#[derive(Debug, Clone, Serialize)]
pub struct MfaSetupView {
    /// The secret as text, in groups of four for typing in by hand.
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub secret: Secret,
    /// The QR code as a `data:image/svg+xml` URL.
    #[serde(serialize_with = "Secret::serialize_exposed")]
    pub qr_code: Secret,
}

/// The recovery codes the portal shows once, for the user to keep: a JSON
/// list of the codes themselves.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct RecoveryCodesView(
    #[serde(serialize_with = "Secret::serialize_all_exposed")] pub Vec<Secret>,
);

impl Desk {
    /// Finishes the sign-in that waits for a code. A wrong code can be
    /// tried again; an expired one asks for the password again.
    pub async fn sign_in_with_code(&self, code: &str) -> Result<SessionView> {
        let pending = self
            .pending_sign_in
            .lock()
            .await
            .clone()
            .ok_or_else(|| Error::SessionEnded(text("desk-sign-in-ended", &[])))?;
        let outcome = self.core.finish_sign_in(&pending, code).await;
        if matches!(outcome, Err(Error::SessionEnded(_))) {
            *self.pending_sign_in.lock().await = None;
        }
        let step = outcome.map(|outcome| SignInStep::SignedIn(Box::new(outcome)));
        self.adopt_or_wait_for_code(step).await
    }

    /// Whether two-step sign-in is on.
    pub async fn mfa(&self) -> Result<MfaView> {
        let status = self.session().await?.mfa_status().await?;
        Ok(MfaView {
            enabled: status.enabled,
            recovery_codes_left: status.recovery_codes_left,
        })
    }

    /// Starts the setup: a new secret, as text and as a QR code.
    pub async fn start_mfa_setup(&self) -> Result<MfaSetupView> {
        let setup = self.session().await?.start_mfa_setup().await?;
        let svg = qr_code_svg(&setup.otpauth_uri)?;
        let grouped: Vec<String> = setup
            .secret
            .expose()
            .as_bytes()
            .chunks(4)
            .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
            .collect();
        Ok(MfaSetupView {
            secret: Secret::new(grouped.join(" ")),
            qr_code: Secret::new(format!(
                "data:image/svg+xml;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(svg)
            )),
        })
    }

    /// Confirms the setup with a code; answers the ten recovery codes.
    pub async fn enable_mfa(
        &self,
        code: &str,
        current_password: Secret,
    ) -> Result<RecoveryCodesView> {
        let session = self.session().await?;
        let codes = session.enable_mfa(code, current_password).await?;
        Ok(RecoveryCodesView(codes))
    }

    /// Turns two-step sign-in off.
    pub async fn disable_mfa(&self, current_password: Secret, code: &str) -> Result<MfaView> {
        self.session()
            .await?
            .disable_mfa(&current_password, code)
            .await?;
        self.mfa().await
    }

    /// Asks the portal at `portal_url` to e-mail a reset link.
    pub async fn request_password_reset(&self, portal_url: &str, email: &str) -> Result<String> {
        self.core
            .request_password_reset(named_portal(portal_url)?, email)
            .await
    }

    /// Asks the portal to e-mail a link to choose a first password ("First
    /// time here? Get a password").
    pub async fn request_first_password(&self, portal_url: &str, email: &str) -> Result<String> {
        self.core
            .request_first_password(named_portal(portal_url)?, email)
            .await
    }
}

/// `portal_url`, when one is given: a password link needs to know where
/// to ask.
fn named_portal(portal_url: &str) -> Result<&str> {
    if portal_url.trim().is_empty() {
        return Err(Error::InvalidPortalUrl(text("desk-portal-first", &[])));
    }
    Ok(portal_url)
}

/// Writes recovery codes to `path` (chosen by the user), readable only by
/// the user, atomically.
pub fn write_recovery_codes(
    path: &Path,
    portal: &str,
    email: &str,
    codes: &[Secret],
) -> Result<()> {
    if codes.is_empty() {
        return Err(Error::local("there are no recovery codes to save"));
    }
    let mut file = text(
        "desk-recovery-codes-file",
        &[("email", email.into()), ("portal", portal.into())],
    );
    file.push_str("\n\n");
    for code in codes {
        file.push_str(code.expose());
        file.push('\n');
    }
    portal_client::dirs::write_private_atomically(path, file.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_go_to_a_private_file_and_nothing_else_is_left() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("codes.txt");
        let codes = vec![Secret::new("abcde-23456"), Secret::new("fghjk-78923")];
        write_recovery_codes(&path, "Demo portal", "dana@example.com", &codes).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("Recovery codes for dana@example.com on Demo portal\n"));
        assert!(text.ends_with("abcde-23456\nfghjk-78923\n"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let names: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
        let empty = write_recovery_codes(&folder.path().join("none.txt"), "p", "e", &[]);
        assert!(empty.is_err());
        assert!(!folder.path().join("none.txt").exists());
    }
}
