//! Signing in with a password, and with a code when the account uses
//! two-step sign-in: a second factor is a step of signing in, so it comes
//! back as [`SignInStep::NeedsCode`], not as an error.

use portal_api::Secret;
use portal_api::auth::{LoginRequest, TokenResponse};
use portal_api::mfa::MfaSignIn;
use portal_api::paths;
use reqwest::Method;

use crate::accounts::AccountPlace;
use crate::error::{Error, Result};
use crate::http::{ApiRequest, PortalHttp};
use crate::portal_url::PortalUrl;
use crate::session::{Core, SignInOutcome};

/// Where a sign-in with a password got to.
#[derive(Debug)]
pub enum SignInStep {
    /// Signed in.
    SignedIn(Box<SignInOutcome>),
    /// The password was right; the portal asks for a code from the
    /// authenticator app (or a recovery code): see [`Core::finish_sign_in`].
    NeedsCode(PendingSignIn),
}

impl SignInStep {
    /// The finished sign-in, for callers that cannot ask for a code: one that
    /// waits for a code is [`Error::MfaRequired`].
    pub fn signed_in(self) -> Result<SignInOutcome> {
        match self {
            SignInStep::SignedIn(outcome) => Ok(*outcome),
            SignInStep::NeedsCode(_) => Err(Error::MfaRequired),
        }
    }
}

/// A sign-in whose password was right and which waits for a code from the
/// authenticator app (or a recovery code). Its challenge expires after a
/// few minutes on the portal.
#[derive(Clone)]
pub struct PendingSignIn {
    http: PortalHttp,
    place: AccountPlace,
    challenge: Secret,
}

impl std::fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingSignIn")
            .field("portal", &self.http.portal().origin())
            .field("challenge", &self.challenge)
            .finish()
    }
}

impl Core {
    /// Signs in with e-mail and password, fetches the profile, records the
    /// account and keeps the refresh token in the keyring; or, for an account
    /// with two-step sign-in, answers the sign-in that waits for a code.
    pub async fn sign_in(&self, portal: &str, email: &str, password: Secret) -> Result<SignInStep> {
        let portal = PortalUrl::parse(portal)?;
        let place = AccountPlace::portal(&portal);
        self.sign_in_at(portal, place, email, password).await
    }

    /// Signs in to the demo portal embedded in the app, listening at
    /// `live_url` this run. The account is recorded under a stable name, so
    /// it survives the demo portal moving to another port.
    pub async fn sign_in_to_embedded_demo(
        &self,
        live_url: &str,
        email: &str,
        password: Secret,
    ) -> Result<SignInStep> {
        let portal = PortalUrl::parse(live_url)?;
        self.sign_in_at(portal, AccountPlace::embedded_demo(), email, password)
            .await
    }

    async fn sign_in_at(
        &self,
        portal: PortalUrl,
        place: AccountPlace,
        email: &str,
        password: Secret,
    ) -> Result<SignInStep> {
        let http = self.http_for(portal)?;
        let request = ApiRequest::new(Method::POST, paths::AUTH_LOGIN).json(&LoginRequest {
            email: email.trim().to_owned(),
            password,
        })?;
        let response = http.send(&request).await?;
        if !response.status().is_success() {
            let (error, problem) = http.error_and_problem(response).await;
            return match problem.and_then(|problem| problem.mfa_challenge) {
                Some(challenge) => {
                    tracing::info!(portal = %http.portal().origin(), "password accepted; waiting for the second step");
                    Ok(SignInStep::NeedsCode(PendingSignIn {
                        http,
                        place,
                        challenge: Secret::new(challenge),
                    }))
                }
                None => {
                    tracing::warn!(portal = %http.portal().origin(), code = error.code(), "sign-in failed: {error}");
                    Err(error)
                }
            };
        }
        let tokens: TokenResponse = http.read_json(response).await?;
        let outcome = self.complete_sign_in(http, place, tokens).await?;
        Ok(SignInStep::SignedIn(Box::new(outcome)))
    }

    /// Finishes a sign-in that asked for a code. A wrong or used code is
    /// [`Error::Validation`] on the field `code`, and the same pending
    /// sign-in can be tried again.
    pub async fn finish_sign_in(
        &self,
        pending: &PendingSignIn,
        code: &str,
    ) -> Result<SignInOutcome> {
        let request = ApiRequest::new(Method::POST, paths::AUTH_MFA).json(&MfaSignIn {
            challenge: pending.challenge.clone(),
            code: code.trim().to_owned(),
        })?;
        let response = pending.http.send(&request).await?;
        let tokens: TokenResponse = pending.http.read_json(response).await?;
        self.complete_sign_in(pending.http.clone(), pending.place.clone(), tokens)
            .await
    }
}
