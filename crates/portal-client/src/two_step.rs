//! Two-step sign-in settings and forgotten passwords: setting up and
//! turning off the authenticator app, and asking for a password-reset
//! e-mail. Signing in with a code is in [`crate::sign_in`].

use portal_api::Secret;
use portal_api::mfa::{
    MfaDisable, MfaEnable, MfaSetup, MfaStatus, PasswordResetAccepted, PasswordResetRequest,
    RecoveryCodes,
};
use portal_api::paths;
use portal_i18n::text;
use reqwest::Method;

use crate::error::{Error, Result};
use crate::http::ApiRequest;
use crate::portal_url::PortalUrl;
use crate::session::{Core, Session};

/// The `otpauth://` URI of a setup as a QR code, as an SVG document.
pub fn qr_code_svg(uri: &Secret) -> Result<String> {
    let code = qrcode::QrCode::new(uri.expose().as_bytes())
        .map_err(|error| Error::local_because("cannot make the QR code", error))?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

impl Core {
    /// Asks the portal at `portal` to e-mail a password-reset link to
    /// `email`. The answer is the same whether or not the address has an
    /// account there.
    pub async fn request_password_reset(&self, portal: &str, email: &str) -> Result<String> {
        self.request_password_link(paths::AUTH_PASSWORD_RESET, portal, email)
            .await
    }

    /// Asks the portal at `portal` to e-mail a link to choose a first
    /// password to `email`, for an account created for someone (a new
    /// contact). The answer is the same whether or not the address has an
    /// account, or a password, there.
    pub async fn request_first_password(&self, portal: &str, email: &str) -> Result<String> {
        self.request_password_link(paths::AUTH_FIRST_PASSWORD, portal, email)
            .await
    }

    /// Asks for an e-mailed password link at `path`; answers the portal's
    /// words for what happens next.
    async fn request_password_link(&self, path: &str, portal: &str, email: &str) -> Result<String> {
        let http = self.http_for(PortalUrl::parse(portal)?)?;
        let email = email.trim();
        if email.is_empty() {
            return Err(Error::Validation {
                message: text("enter-email", &[]),
                fields: vec![portal_api::problem::FieldError {
                    field: "email".into(),
                    code: "required".into(),
                    message: text("enter-email", &[]),
                }],
            });
        }
        let request = ApiRequest::new(Method::POST, path).json(&PasswordResetRequest {
            email: email.to_owned(),
        })?;
        let response = http.send(&request).await?;
        let accepted: PasswordResetAccepted = http.read_json(response).await?;
        Ok(accepted.message)
    }
}

impl Session {
    /// Whether two-step sign-in is on.
    pub async fn mfa_status(&self) -> Result<MfaStatus> {
        let response = self
            .send_authorized(|| Ok(ApiRequest::new(Method::GET, paths::ME_MFA)))
            .await?;
        self.http.read_json(response).await
    }

    /// Starts setting up two-step sign-in: a new secret for the app.
    pub async fn start_mfa_setup(&self) -> Result<MfaSetup> {
        let response = self
            .send_authorized(|| Ok(ApiRequest::new(Method::POST, paths::ME_MFA_SETUP)))
            .await?;
        self.http.read_json(response).await
    }

    /// Confirms the setup with a code from the app and the account
    /// password; answers the recovery codes, which the portal shows only
    /// this once.
    pub async fn enable_mfa(&self, code: &str, current_password: Secret) -> Result<Vec<Secret>> {
        let body = MfaEnable {
            code: code.trim().to_owned(),
            current_password,
        };
        let response = self
            .send_authorized(|| ApiRequest::new(Method::POST, paths::ME_MFA_ENABLE).json(&body))
            .await?;
        let codes: RecoveryCodes = self.http.read_json(response).await?;
        Ok(codes.recovery_codes)
    }

    /// Turns two-step sign-in off, with the password and a code.
    pub async fn disable_mfa(&self, current_password: &Secret, code: &str) -> Result<()> {
        let body = MfaDisable {
            current_password: current_password.clone(),
            code: code.trim().to_owned(),
        };
        let response = self
            .send_authorized(|| ApiRequest::new(Method::POST, paths::ME_MFA_DISABLE).json(&body))
            .await?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(self.http.error_from(response).await)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_an_svg_document() {
        let svg = qr_code_svg(&Secret::new(
            "otpauth://totp/Customer%20Portal:ada@example.com?secret=ABC&issuer=Customer%20Portal",
        ))
        .unwrap();
        assert!(svg.starts_with("<?xml"), "{}", &svg[..40]);
        assert!(svg.contains("<svg") && svg.contains("<path"));
    }
}
