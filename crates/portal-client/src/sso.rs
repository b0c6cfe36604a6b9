//! Single sign-on in the system browser: OAuth 2.0 authorization code with
//! PKCE (RFC 7636) and a loopback redirect (RFC 8252 §7.3). The app binds a
//! port on 127.0.0.1, opens the portal's authorize page in the browser, and
//! waits for the browser to come back with a code, which it exchanges with
//! its verifier. The `oauth2` crate builds the request and does the
//! exchange; the loopback side reads one HTTP request with `httparse`.
//! Only the refresh token is kept, in the keyring, as for passwords.

use oauth2::basic::BasicClient;
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, CsrfToken, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, TokenResponse as _, TokenUrl,
};
use portal_api::Secret;
use portal_api::auth::{AuthOptions, SsoProvider, TokenResponse};
use portal_api::paths;
use portal_i18n::text;
use reqwest::Method;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::Url;

use crate::accounts::AccountPlace;
use crate::error::{Error, Result};
use crate::http::{ApiRequest, PortalHttp};
use crate::portal_url::PortalUrl;
use crate::session::{Core, SignInOutcome};

/// The path the browser comes back to on the loopback port.
const CALLBACK_PATH: &str = "/portal-desk/signed-in";

/// The longest request the loopback port reads (a redirect with a code).
const REQUEST_MAX_BYTES: usize = 16 * 1024;

/// A single sign-on under way: the page to open in the browser, and the
/// loopback port it comes back to.
pub struct SsoSignIn {
    http: PortalHttp,
    place: AccountPlace,
    provider: SsoProvider,
    listener: TcpListener,
    redirect: RedirectUrl,
    authorize_url: Url,
    state: CsrfToken,
    verifier: PkceCodeVerifier,
}

impl std::fmt::Debug for SsoSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoSignIn")
            .field("portal", &self.http.portal().origin())
            .field("provider", &self.provider.name)
            .field("redirect", &self.redirect.as_str())
            .finish_non_exhaustive()
    }
}

impl SsoSignIn {
    /// The page to open in the system browser.
    pub fn authorize_url(&self) -> &str {
        self.authorize_url.as_str()
    }

    /// The name the portal gives its single sign-on ("Sign in with NAME").
    pub fn provider_name(&self) -> &str {
        &self.provider.name
    }
}

impl Core {
    /// The ways of signing in `portal` offers. A portal from before single
    /// sign-on (no such endpoint) offers passwords only.
    pub async fn sign_in_options(&self, portal: &str) -> Result<AuthOptions> {
        let portal = PortalUrl::parse(portal)?;
        let http = self.http_for(portal)?;
        let response = http
            .send(&ApiRequest::new(Method::GET, paths::AUTH_OPTIONS))
            .await?;
        if response.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(AuthOptions {
                password: true,
                first_password: false,
                sso: Vec::new(),
            });
        }
        http.read_json(response).await
    }

    /// Starts single sign-on at `portal` with its provider `provider_id`
    /// (its first when `None`): binds a loopback port and builds the page
    /// to open in the browser. Then [`Core::finish_sso`].
    pub async fn start_sso(&self, portal: &str, provider_id: Option<&str>) -> Result<SsoSignIn> {
        let portal_url = PortalUrl::parse(portal)?;
        let place = AccountPlace::portal(&portal_url);
        self.start_sso_at(portal_url, place, provider_id).await
    }

    /// [`Core::start_sso`] at the demo portal embedded in the app, listening
    /// at `live_url` this run (the account is recorded under the demo's
    /// stable name, as a password sign-in there is).
    pub async fn start_sso_at_embedded_demo(&self, live_url: &str) -> Result<SsoSignIn> {
        let portal_url = PortalUrl::parse(live_url)?;
        self.start_sso_at(portal_url, AccountPlace::embedded_demo(), None)
            .await
    }

    async fn start_sso_at(
        &self,
        portal_url: PortalUrl,
        place: AccountPlace,
        provider_id: Option<&str>,
    ) -> Result<SsoSignIn> {
        let options = self.sign_in_options(portal_url.as_str()).await?;
        let provider = options
            .sso
            .into_iter()
            .find(|provider| provider_id.is_none_or(|id| provider.id == id))
            .ok_or_else(|| {
                Error::SingleSignOn(text(
                    "sso-not-offered",
                    &[("origin", portal_url.origin().into())],
                ))
            })?;
        for endpoint in [&provider.authorization_endpoint, &provider.token_endpoint] {
            let same_portal = Url::parse(endpoint).is_ok_and(|url| portal_url.same_origin(&url));
            if !same_portal {
                return Err(Error::SingleSignOn(text(
                    "sso-other-site",
                    &[("endpoint", endpoint.into())],
                )));
            }
        }
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|error| Error::local_because(text("sso-no-port", &[]), error))?;
        let port = listener
            .local_addr()
            .map_err(|error| Error::local_because(text("sso-port-unreadable", &[]), error))?
            .port();
        let redirect = RedirectUrl::new(format!("http://127.0.0.1:{port}{CALLBACK_PATH}"))
            .map_err(|error| Error::local_because(text("sso-port-unnamed", &[]), error))?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (authorize_url, state) = oauth_client(&provider, &redirect)?
            .authorize_url(CsrfToken::new_random)
            .set_pkce_challenge(challenge)
            .url();
        let http = self.http_for(portal_url.clone())?;
        tracing::info!(portal = %portal_url.origin(), port, "single sign-on: waiting for the browser");
        Ok(SsoSignIn {
            http,
            place,
            provider,
            listener,
            redirect,
            authorize_url,
            state,
            verifier,
        })
    }

    /// Waits for the browser to come back to the loopback port, answers it
    /// with a page saying it can be closed, checks `state`, exchanges the
    /// code with the verifier, and signs in as a password sign-in does.
    /// Requests to other paths, or with another `state`, are answered and
    /// ignored. Gives up after [`BROWSER_WAIT`]; cancelled sooner by
    /// dropping the future.
    pub async fn finish_sso(&self, sso: SsoSignIn) -> Result<SignInOutcome> {
        let code = tokio::time::timeout(BROWSER_WAIT, wait_for_code(&sso.listener, &sso.state))
            .await
            .map_err(|_| {
                Error::SingleSignOn(text(
                    "sso-timed-out",
                    &[("minutes", (BROWSER_WAIT.as_secs() / 60).into())],
                ))
            })??;
        let client = oauth_client(&sso.provider, &sso.redirect)?;
        let token_client = sso.http.token_client()?;
        let answer = client
            .exchange_code(AuthorizationCode::new(code.expose().to_owned()))
            .set_pkce_verifier(sso.verifier)
            .request_async(&token_client)
            .await
            .map_err(|error| {
                tracing::warn!(portal = %sso.http.portal().origin(), "single sign-on: the code was not exchanged: {error}");
                Error::SingleSignOn(text(
                    "sso-not-accepted",
                    &[("reason", exchange_failure(&error).into())],
                ))
            })?;
        let refresh = answer
            .refresh_token()
            .ok_or_else(|| Error::SingleSignOn(text("sso-no-refresh-token", &[])))?;
        let tokens = TokenResponse {
            token_type: "Bearer".into(),
            access_token: Secret::new(answer.access_token().secret().clone()),
            expires_in: answer.expires_in().map_or(0, |lifetime| lifetime.as_secs()),
            refresh_token: Secret::new(refresh.secret().clone()),
            refresh_expires_in: 0,
        };
        self.complete_sign_in(sso.http, sso.place, tokens).await
    }
}

/// The program to open sign-in pages with instead of the system's default
/// browser (any OS), given the page's address as its one argument; the
/// end-to-end tests set it to a stand-in browser.
pub const BROWSER_ENV: &str = "PORTAL_DESK_BROWSER";

/// Opens `url` in the browser: the program [`BROWSER_ENV`] names, else the
/// system's default browser (the `webbrowser` crate: `$BROWSER` first on
/// Linux, then the desktop's default; the default browser on Windows and
/// macOS). May not return until a browser command ends, so callers run it
/// beside their wait.
pub fn open_in_browser(url: &str) -> Result<()> {
    match std::env::var_os(BROWSER_ENV).filter(|program| !program.is_empty()) {
        Some(program) => std::process::Command::new(&program)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .spawn()
            .map(drop)
            .map_err(|error| {
                Error::local_because(
                    text(
                        "sso-browser-not-started",
                        &[(
                            "program",
                            std::path::Path::new(&program).display().to_string().into(),
                        )],
                    ),
                    error,
                )
            }),
        None => webbrowser::open(url)
            .map_err(|error| Error::local_because(text("sso-browser-not-opened", &[]), error)),
    }
}

/// The `oauth2` client with its authorization and token endpoints set.
type PortalOAuthClient = oauth2::Client<
    oauth2::basic::BasicErrorResponse,
    oauth2::basic::BasicTokenResponse,
    oauth2::basic::BasicTokenIntrospectionResponse,
    oauth2::StandardRevocableToken,
    oauth2::basic::BasicRevocationErrorResponse,
    oauth2::EndpointSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
>;

/// The `oauth2` client for `provider`, coming back to `redirect`.
fn oauth_client(provider: &SsoProvider, redirect: &RedirectUrl) -> Result<PortalOAuthClient> {
    let bad = |id: &str| Error::SingleSignOn(text(id, &[]));
    Ok(BasicClient::new(ClientId::new(provider.client_id.clone()))
        .set_auth_uri(
            AuthUrl::new(provider.authorization_endpoint.clone())
                .map_err(|_| bad("sso-bad-authorization-address"))?,
        )
        .set_token_uri(
            TokenUrl::new(provider.token_endpoint.clone())
                .map_err(|_| bad("sso-bad-token-address"))?,
        )
        .set_redirect_uri(redirect.clone()))
}

/// What went wrong in an exchange, in a few words (the portal's
/// `error_description` when it gave one).
fn exchange_failure<E: std::error::Error + 'static>(
    error: &oauth2::RequestTokenError<E, oauth2::basic::BasicErrorResponse>,
) -> String {
    match error {
        oauth2::RequestTokenError::ServerResponse(response) => response
            .error_description()
            .cloned()
            .unwrap_or_else(|| response.error().to_string()),
        oauth2::RequestTokenError::Request(_) => text("sso-portal-unreachable", &[]),
        oauth2::RequestTokenError::Parse(..) => text("sso-not-a-sign-in", &[]),
        oauth2::RequestTokenError::Other(words) => words.clone(),
    }
}

/// Waits for the redirect with a code: each connection is read on its own
/// (a browser opens spare connections it may never send a request on, and
/// one of those must not hold up the redirect), for at most
/// [`CONNECTION_WAIT`].
async fn wait_for_code(listener: &TcpListener, state: &CsrfToken) -> Result<Secret> {
    let (arrived, mut arrivals) = tokio::sync::mpsc::channel(8);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = accepted.map_err(|error| {
                    Error::local_because(text("sso-port-closed", &[]), error)
                })?;
                let arrived = arrived.clone();
                let state = state.clone();
                tokio::spawn(async move {
                    if let Ok(outcome) = tokio::time::timeout(CONNECTION_WAIT, answer_browser(stream, &state)).await {
                        let _ = arrived.send(outcome).await;
                    }
                });
            }
            Some(outcome) = arrivals.recv() => {
                if let Some(code) = outcome? {
                    return Ok(code);
                }
            }
        }
    }
}

/// How long one connection to the loopback port may take to send its
/// request and be answered.
const CONNECTION_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// How long a sign-in may take in the browser before the wait gives up
/// (the user may also stop it sooner: see [`Core::finish_sso`]).
pub const BROWSER_WAIT: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// What the browser brought to the loopback port.
enum Arrival {
    /// The code, with the right `state`.
    Code(Secret),
    /// The portal's refusal (`error`, `error_description`), right `state`.
    Refused(String, Option<String>),
    /// Not the redirect this sign-in waits for.
    Stray,
}

/// Reads one request from the browser and answers it; the code when it is
/// the redirect with the right `state`, an error when the portal refused.
async fn answer_browser(mut stream: TcpStream, state: &CsrfToken) -> Result<Option<Secret>> {
    let arrival = match read_request_target(&mut stream).await {
        Some(target) => arrival_of(&target, state.secret()),
        None => Arrival::Stray,
    };
    let (status, title, words) = match &arrival {
        Arrival::Code(_) => ("200 OK", "sso-page-signed-in", "sso-page-signed-in-text"),
        Arrival::Refused(..) => (
            "200 OK",
            "sso-page-not-signed-in",
            "sso-page-not-signed-in-text",
        ),
        Arrival::Stray => (
            "404 Not Found",
            "sso-page-not-found",
            "sso-page-not-found-text",
        ),
    };
    let (title, words) = (text(title, &[]), text(words, &[]));
    let language = portal_i18n::current().code();
    let page = format!(
        "<!doctype html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body style=\"font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto\"><h1>{title}</h1><p>{words}</p></body></html>"
    );
    let answer = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nContent-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{page}",
        page.len()
    );
    // The browser may be gone already; the sign-in goes on without it.
    let _ = stream.write_all(answer.as_bytes()).await;
    let _ = stream.shutdown().await;
    match arrival {
        Arrival::Code(code) => Ok(Some(code)),
        Arrival::Refused(error, description) => Err(Error::SingleSignOn(match error.as_str() {
            "access_denied" => text("sso-cancelled", &[]),
            _ => text(
                "sso-refused",
                &[("reason", description.unwrap_or(error).into())],
            ),
        })),
        Arrival::Stray => Ok(None),
    }
}

/// The target (path and query) of the request on `stream`, or `None` for
/// anything that is not one complete GET request within the size limit.
async fn read_request_target(stream: &mut TcpStream) -> Option<String> {
    let mut buffer = Vec::with_capacity(2048);
    let mut chunk = [0u8; 2048];
    loop {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&buffer) {
            Ok(httparse::Status::Complete(_)) => {
                return (request.method == Some("GET")).then(|| request.path.map(str::to_owned))?;
            }
            Ok(httparse::Status::Partial) if buffer.len() < REQUEST_MAX_BYTES => continue,
            _ => return None,
        }
    }
}

/// What a request target means for a sign-in waiting with `state`.
fn arrival_of(target: &str, state: &str) -> Arrival {
    let Ok(url) = Url::parse(&format!("http://127.0.0.1{target}")) else {
        return Arrival::Stray;
    };
    if url.path() != CALLBACK_PATH {
        return Arrival::Stray;
    }
    let field = |name: &str| {
        url.query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    };
    if field("state").as_deref() != Some(state) {
        return Arrival::Stray;
    }
    match (field("code"), field("error")) {
        (Some(code), None) if !code.is_empty() => Arrival::Code(Secret::new(code)),
        (_, Some(error)) => Arrival::Refused(error, field("error_description")),
        _ => Arrival::Stray,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(arrival: Arrival) -> Option<String> {
        match arrival {
            Arrival::Code(code) => Some(code.expose().to_owned()),
            _ => None,
        }
    }

    #[test]
    fn only_the_callback_with_this_sign_ins_state_brings_a_code() {
        let good = format!("{CALLBACK_PATH}?code=abc&state=s1");
        assert_eq!(code_of(arrival_of(&good, "s1")).as_deref(), Some("abc"));
        for stray in [
            format!("{CALLBACK_PATH}?code=abc&state=s2"),
            format!("{CALLBACK_PATH}?code=abc"),
            format!("{CALLBACK_PATH}?code=&state=s1"),
            "/favicon.ico".to_owned(),
            format!("/other{CALLBACK_PATH}?code=abc&state=s1"),
        ] {
            assert!(
                matches!(arrival_of(&stray, "s1"), Arrival::Stray),
                "{stray}"
            );
        }
        match arrival_of(
            &format!("{CALLBACK_PATH}?error=access_denied&state=s1"),
            "s1",
        ) {
            Arrival::Refused(error, None) => assert_eq!(error, "access_denied"),
            _ => panic!("a refusal with the right state is the portal's answer"),
        }
        assert!(matches!(
            arrival_of(
                &format!("{CALLBACK_PATH}?error=access_denied&state=s2"),
                "s1"
            ),
            Arrival::Stray
        ));
    }
}
