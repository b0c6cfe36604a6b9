//! Single sign-on: the portal is the OAuth 2.0 authorization server of its
//! own users, for native apps — the authorization code grant with PKCE
//! (RFC 7636, S256 only) and a loopback redirect on any port (RFC 8252
//! §7.3). The authorize endpoint is the portal's own sign-in page (two-step
//! code included), opened in the system browser; the token endpoint hands
//! out the same tokens as a password sign-in. Also: which ways of signing
//! in the portal offers.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use portal_api::auth::{
    AuthOptions, DESKTOP_CLIENT_ID, LoginRequest, OAuthError, SsoProvider, TokenResponse,
};
use portal_api::paths::{AUTH_OAUTH_TOKEN, OAUTH_AUTHORIZE};
use portal_api::problem::codes;
use serde::Deserialize;

use crate::AppState;
use crate::error::ApiError;
use crate::link_pages::{escape, page, shell};
use crate::sign_in_steps::{PasswordChecked, check_password, pass_second_step, validate_login};
use crate::store::oauth_codes::{CodeGrant, Redeemed, issue_code, redeem_code};
use crate::store::sessions::issue_tokens_in_new_family;

/// The id of the portal's own single sign-on provider.
pub const PORTAL_SSO_ID: &str = "portal";

/// The name the demo portal offers single sign-on under.
pub const DEMO_SSO_NAME: &str = "Demo SSO";

/// How long an authorization code works, in seconds: the app exchanges it
/// the moment the browser hands it over.
pub const CODE_SECONDS: i64 = 60;

/// The longest `state` kept and handed back.
const STATE_MAX_CHARS: usize = 512;

/// The ways of signing in: always a password (and a first password for
/// accounts created for someone); single sign-on when the portal was
/// started with a name for it.
#[utoipa::path(get, path = "/api/v1/auth/options", tag = "auth",
    responses((status = 200, description = "How one can sign in here", body = AuthOptions)))]
pub async fn auth_options(State(state): State<Arc<AppState>>) -> Json<AuthOptions> {
    let sso = state
        .config
        .sso_name
        .iter()
        .map(|name| SsoProvider {
            id: PORTAL_SSO_ID.into(),
            name: name.clone(),
            authorization_endpoint: format!("{}{OAUTH_AUTHORIZE}", state.public_url),
            token_endpoint: format!("{}{AUTH_OAUTH_TOKEN}", state.public_url),
            client_id: DESKTOP_CLIENT_ID.into(),
        })
        .collect();
    Json(AuthOptions {
        password: true,
        first_password: true,
        sso,
    })
}

/// What a loopback redirect looks like (RFC 8252 §7.3): `http`, the IP
/// literal 127.0.0.1 or ::1 (not the name "localhost", which a resolver
/// may send elsewhere), a port from 1 to 65535 written out, and a path of
/// plain URL characters; no user info, no fragment.
pub const LOOPBACK_REDIRECT_PATTERN: &str = r"^http://(127\.0\.0\.1|\[::1\]):(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})(/[A-Za-z0-9._~!$&'()*+,;=:@/%?-]*)?$";

/// The authorization request (RFC 6749 §4.1.1 with RFC 7636's fields), as
/// the query of the authorize page and the hidden fields of its form. Each
/// field is optional to the parser, so that a missing one is explained on
/// the page (or sent back to the app), never answered as bare text.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
pub struct AuthorizeRequest {
    /// `code`.
    #[param(required = true, value_type = String, pattern = "^code$")]
    #[schema(required = true, value_type = String, pattern = "^code$")]
    pub response_type: Option<String>,
    /// `portal-desk`.
    #[param(required = true, value_type = String, pattern = "^portal-desk$")]
    #[schema(required = true, value_type = String, pattern = "^portal-desk$")]
    pub client_id: Option<String>,
    /// `http://127.0.0.1:PORT/PATH` or `http://[::1]:PORT/PATH`: a
    /// loopback address with a port, any port.
    #[param(required = true, value_type = String, pattern = r"^http://(127\.0\.0\.1|\[::1\]):(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})(/[A-Za-z0-9._~!$&'()*+,;=:@/%?-]*)?$")]
    #[schema(required = true, value_type = String, pattern = r"^http://(127\.0\.0\.1|\[::1\]):(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})(/[A-Za-z0-9._~!$&'()*+,;=:@/%?-]*)?$")]
    pub redirect_uri: Option<String>,
    /// Handed back unchanged with the code (at most 512 characters).
    #[param(required = false, value_type = String, max_length = 512)]
    #[schema(required = false, value_type = String, max_length = 512)]
    pub state: Option<String>,
    /// BASE64URL(SHA-256(code_verifier)), 43 characters.
    #[param(required = true, value_type = String, pattern = "^[A-Za-z0-9._~-]{43}$")]
    #[schema(required = true, value_type = String, pattern = "^[A-Za-z0-9._~-]{43}$")]
    pub code_challenge: Option<String>,
    /// `S256`.
    #[param(required = true, value_type = String, pattern = "^S256$")]
    #[schema(required = true, value_type = String, pattern = "^S256$")]
    pub code_challenge_method: Option<String>,
}

/// The authorize page's form: the request again, and the user's answer.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AuthorizeForm {
    /// The authorization request, as the page received it.
    #[serde(flatten)]
    pub request: AuthorizeRequest,
    /// `sign_in` or `cancel` (the button pressed).
    #[schema(required = false, value_type = String, pattern = "^(sign_in|cancel)$")]
    pub action: Option<String>,
    /// The user name (first step).
    #[schema(required = false, value_type = String)]
    pub email: Option<String>,
    /// The password (first step).
    #[schema(required = false, value_type = String, format = Password)]
    pub password: Option<String>,
    /// The second step's challenge (a hidden field).
    #[schema(required = false, value_type = String)]
    pub mfa_challenge: Option<String>,
    /// The code from the authenticator app or a recovery code.
    #[schema(required = false, value_type = String)]
    pub code: Option<String>,
}

/// A request whose client and redirect are known good: errors can go back
/// to the app from here on.
struct CheckedRequest {
    redirect: url::Url,
    state: Option<String>,
    code_challenge: String,
}

/// The sign-in page the app opens in the system browser.
#[utoipa::path(get, path = "/oauth/authorize", tag = "auth",
    params(AuthorizeRequest),
    responses(
        (status = 200, description = "The sign-in page", content_type = "text/html", body = String),
        (status = 303, description = "Back to the app with `error` (`unsupported_response_type`, `invalid_request` for a missing or non-S256 PKCE challenge) and `state`"),
        (status = 400, description = "An unknown client or a redirect that is not a loopback address: a page, never a redirect", content_type = "text/html", body = String),
    ))]
pub async fn authorize_page(query: Result<Query<AuthorizeRequest>, QueryRejection>) -> Response {
    let Ok(Query(request)) = query else {
        return bad_request_page("The sign-in address is incomplete or repeats a field.");
    };
    let response = match check_request(&request) {
        Ok(checked) => page(StatusCode::OK, &password_html(&request, &checked, "", None)),
        Err(refused) => *refused,
    };
    with_loopback_form_action(response)
}

/// The sign-in page's form: the password, then (with two-step sign-in) the
/// code; on success the browser goes back to the app with a single-use
/// code. Cancel goes back with `access_denied`.
#[utoipa::path(post, path = "/oauth/authorize", tag = "auth",
    request_body(content = AuthorizeForm, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 303, description = "Back to the app: `code` and `state`, or `error` (`access_denied` when cancelled) and `state`"),
        (status = 200, description = "The two-step code page", content_type = "text/html", body = String),
        (status = 400, description = "An unknown client or a redirect that is not a loopback address", content_type = "text/html", body = String),
        (status = 401, description = "Wrong e-mail or password, or a two-step sign-in that took too long: the page again with the reason", content_type = "text/html", body = String),
        (status = 422, description = "E-mail or password missing or too long, or a wrong two-step code: the page again with the reason", content_type = "text/html", body = String),
        (status = 403, description = "The account may not sign in: the page again with the reason", content_type = "text/html", body = String),
        (status = 429, description = "Too many failed attempts: the page again with when to try", content_type = "text/html", body = String,
            headers(("Retry-After" = u64, description = "Seconds to wait before trying again"))),
    ))]
pub async fn authorize_submit(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    form: Result<Form<AuthorizeForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return bad_request_page(
            "The sign-in form could not be read. Start signing in from Portal Desk again.",
        );
    };
    let checked = match check_request(&form.request) {
        Ok(checked) => checked,
        Err(refused) => return with_loopback_form_action(*refused),
    };
    match form.action.as_deref() {
        Some("cancel") => {
            return back_with_error(&checked, "access_denied", "The user cancelled signing in.");
        }
        None | Some("sign_in") => {}
        Some(_) => {
            return with_loopback_form_action(bad_request_page(
                "The sign-in form was changed on its way. Start signing in from Portal Desk again.",
            ));
        }
    }
    let user = match form.mfa_challenge.as_deref() {
        Some(challenge) => second_step(&state, &form, &checked, challenge, peer.ip()).await,
        None => first_step(&state, &form, &checked, peer.ip()).await,
    };
    match user {
        Ok(user_id) => code_for(&state, &form.request, checked, user_id).await,
        Err(response) => with_loopback_form_action(response),
    }
}

/// The password step: the user, or the page to show next (the code page,
/// or the form again with its reason).
async fn first_step(
    state: &Arc<AppState>,
    form: &AuthorizeForm,
    checked: &CheckedRequest,
    address: IpAddr,
) -> Result<i64, Response> {
    let email = form.email.clone().unwrap_or_default();
    let login = LoginRequest {
        email: email.trim().to_owned(),
        password: portal_api::Secret::new(form.password.clone().unwrap_or_default()),
    };
    let again = |status: StatusCode, problem: &str| {
        page(
            status,
            &password_html(&form.request, checked, &email, Some(problem)),
        )
    };
    if let Err(error) = validate_login(&login) {
        return Err(again(
            StatusCode::UNPROCESSABLE_ENTITY,
            &problem_text(&error),
        ));
    }
    match check_password(state, &login, address).await {
        Ok(PasswordChecked::SignedIn(user_id)) => Ok(user_id),
        Ok(PasswordChecked::SecondStep(challenge)) => Err(page(
            StatusCode::OK,
            &code_html(&form.request, checked, &challenge, None),
        )),
        Err(error) => Err(error_page(
            &error,
            &password_html(&form.request, checked, &email, Some(&problem_text(&error))),
        )),
    }
}

/// The code step: the user, or the code page again with its reason (the
/// password page when the challenge ran out).
async fn second_step(
    state: &Arc<AppState>,
    form: &AuthorizeForm,
    checked: &CheckedRequest,
    challenge: &str,
    address: IpAddr,
) -> Result<i64, Response> {
    let code = form.code.clone().unwrap_or_default();
    match pass_second_step(state, challenge, &code, address).await {
        Ok(user_id) => Ok(user_id),
        Err(error) if error.problem.code == codes::SESSION_EXPIRED => Err(page(
            StatusCode::UNAUTHORIZED,
            &password_html(&form.request, checked, "", Some(&problem_text(&error))),
        )),
        Err(error) => Err(error_page(
            &error,
            &code_html(
                &form.request,
                checked,
                challenge,
                Some(&problem_text(&error)),
            ),
        )),
    }
}

/// Issues the code and sends the browser back to the app with it.
async fn code_for(
    state: &Arc<AppState>,
    request: &AuthorizeRequest,
    checked: CheckedRequest,
    user_id: i64,
) -> Response {
    let grant = CodeGrant {
        user_id,
        client_id: DESKTOP_CLIENT_ID.into(),
        redirect_uri: request.redirect_uri.clone().unwrap_or_default(),
        code_challenge: checked.code_challenge.clone(),
    };
    match state
        .db
        .run(move |conn| Ok(issue_code(conn, &grant, CODE_SECONDS)?))
        .await
    {
        Ok(code) => back_to_app(&checked, &[("code", &code)]),
        Err(error) => error.into_response(),
    }
}

/// The token request (RFC 6749 §4.1.3 with RFC 7636's `code_verifier`).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct TokenRequest {
    /// `authorization_code`.
    #[schema(required = true, value_type = String, pattern = "^authorization_code$")]
    pub grant_type: Option<String>,
    /// The code the redirect brought.
    #[schema(required = true, value_type = String)]
    pub code: Option<String>,
    /// The same `redirect_uri` as in the authorization request.
    #[schema(required = true, value_type = String)]
    pub redirect_uri: Option<String>,
    /// `portal-desk`.
    #[schema(required = true, value_type = String, pattern = "^portal-desk$")]
    pub client_id: Option<String>,
    /// The PKCE verifier: 43 to 128 characters of `A-Z a-z 0-9 - . _ ~`.
    #[schema(required = true, value_type = String, pattern = "^[A-Za-z0-9._~-]{43,128}$")]
    pub code_verifier: Option<String>,
}

/// Exchanges an authorization code for the portal's tokens. A code works
/// once, for a minute, for the redirect and challenge it was issued to; a
/// code presented twice also ends the session it gave.
#[utoipa::path(post, path = "/api/v1/auth/oauth/token", tag = "auth",
    request_body(content = TokenRequest, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "RFC 6749 §5.2: `invalid_request`, `invalid_grant` (unknown, used or expired code, another redirect, a verifier that does not match, an account that may no longer sign in) or `unsupported_grant_type`", body = OAuthError),
        (status = 401, description = "`invalid_client`: not Portal Desk's client id", body = OAuthError),
    ))]
pub async fn token(
    State(state): State<Arc<AppState>>,
    form: Result<Form<TokenRequest>, FormRejection>,
) -> Response {
    let Ok(Form(request)) = form else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Send the token request as a form (application/x-www-form-urlencoded), each field once.",
        );
    };
    if request.grant_type.as_deref() != Some("authorization_code") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Only the authorization_code grant is offered here.",
        );
    }
    if request.client_id.as_deref() != Some(DESKTOP_CLIENT_ID) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Unknown client.",
        );
    }
    let (Some(code), Some(redirect_uri), Some(verifier)) =
        (request.code, request.redirect_uri, request.code_verifier)
    else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "code, redirect_uri and code_verifier are required.",
        );
    };
    if !is_pkce_string(&verifier, 43, 128) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~.",
        );
    }
    let challenge = s256_challenge(&verifier);
    let ttl = state.config.token_lifetimes;
    let outcome = state
        .db
        .run(move |conn| {
            let tx = conn.transaction()?;
            let redeemed = redeem_code(&tx, &code, DESKTOP_CLIENT_ID, &redirect_uri, &challenge)?;
            let outcome = match redeemed {
                Redeemed::User { user_id, code_hash } => {
                    match crate::store::users::sign_in_refusal(&tx, user_id)? {
                        Some(reason) => Err(reason),
                        None => {
                            let tokens = issue_tokens_in_new_family(&tx, user_id, ttl)?;
                            crate::store::oauth_codes::note_family(&tx, &code_hash, &tokens)?;
                            Ok(tokens)
                        }
                    }
                }
                Redeemed::Refused(reason) => Err(reason.to_owned()),
            };
            tx.commit()?;
            Ok(outcome)
        })
        .await;
    match outcome {
        Ok(Ok(tokens)) => token_answer(tokens),
        Ok(Err(reason)) => oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", &reason),
        Err(error) => error.into_response(),
    }
}

/// The tokens, never to be cached (RFC 6749 §5.1).
fn token_answer(tokens: TokenResponse) -> Response {
    let mut response = Json(tokens).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An RFC 6749 §5.2 error.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let mut response = (
        status,
        Json(OAuthError {
            error: error.into(),
            error_description: description.into(),
        }),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// BASE64URL(SHA-256(verifier)), unpadded (RFC 7636 §4.2).
pub fn s256_challenge(verifier: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()))
}

/// True for `min..=max` characters of RFC 7636's unreserved set.
fn is_pkce_string(text: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&text.len())
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~'))
}

/// Checks the client and the redirect first (a bad one is answered on the
/// page: nothing is sent to an address that is not the app's), then the
/// rest (answered on the redirect, RFC 6749 §4.1.2.1). The refusal is the
/// answer to give.
fn check_request(request: &AuthorizeRequest) -> Result<CheckedRequest, Box<Response>> {
    if request.client_id.as_deref() != Some(DESKTOP_CLIENT_ID) {
        return Err(Box::new(bad_request_page(
            "This sign-in was not started by Portal Desk (unknown client). Start signing in from the app again.",
        )));
    }
    let Some(redirect) = request.redirect_uri.as_deref().and_then(loopback_redirect) else {
        return Err(Box::new(bad_request_page(
            "Portal Desk can only be signed in on this computer: the address to return to must be http://127.0.0.1 or http://[::1] with a port.",
        )));
    };
    let state = request.state.clone();
    if state
        .as_ref()
        .is_some_and(|state| state.chars().count() > STATE_MAX_CHARS)
    {
        return Err(Box::new(bad_request_page(
            "The sign-in request is too long.",
        )));
    }
    let checked = CheckedRequest {
        redirect,
        state,
        code_challenge: String::new(),
    };
    if request.response_type.as_deref() != Some("code") {
        return Err(Box::new(back_with_error(
            &checked,
            "unsupported_response_type",
            "Only response_type=code is offered.",
        )));
    }
    if request.code_challenge_method.as_deref() != Some("S256") {
        return Err(Box::new(back_with_error(
            &checked,
            "invalid_request",
            "PKCE with code_challenge_method=S256 is required.",
        )));
    }
    match request.code_challenge.as_deref() {
        Some(challenge) if is_pkce_string(challenge, 43, 43) => Ok(CheckedRequest {
            code_challenge: challenge.to_owned(),
            ..checked
        }),
        _ => Err(Box::new(back_with_error(
            &checked,
            "invalid_request",
            "code_challenge must be the 43-character S256 challenge.",
        ))),
    }
}

/// `uri` when it is a loopback redirect ([`LOOPBACK_REDIRECT_PATTERN`]).
pub fn loopback_redirect(uri: &str) -> Option<url::Url> {
    static PATTERN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(LOOPBACK_REDIRECT_PATTERN).expect("a valid pattern")
    });
    if !PATTERN.is_match(uri) {
        return None;
    }
    url::Url::parse(uri).ok()
}

/// A 303 to the app's redirect with `pairs` and the request's `state`.
fn back_to_app(checked: &CheckedRequest, pairs: &[(&str, &str)]) -> Response {
    let mut target = checked.redirect.clone();
    {
        let mut query = target.query_pairs_mut();
        for (name, value) in pairs {
            query.append_pair(name, value);
        }
        if let Some(state) = &checked.state {
            query.append_pair("state", state);
        }
    }
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(target.as_str()) {
        headers.insert(header::LOCATION, location);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// A 303 to the app with an RFC 6749 §4.1.2.1 error.
fn back_with_error(checked: &CheckedRequest, error: &str, description: &str) -> Response {
    back_to_app(
        checked,
        &[("error", error), ("error_description", description)],
    )
}

/// The pages' policy, with the form allowed to land on the app's loopback
/// redirect (browsers apply `form-action` to the redirect after a post).
fn with_loopback_form_action(mut response: Response) -> Response {
    if response
        .headers()
        .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:* http://[::1]:*; base-uri 'none'; frame-ancestors 'none'",
            ),
        );
    }
    response
}

fn bad_request_page(text: &str) -> Response {
    page(
        StatusCode::BAD_REQUEST,
        &shell(
            "Signing in cannot start",
            &format!("<p>{}</p>", escape(text)),
        ),
    )
}

/// What an API error says, for a page: its field messages, or its detail.
fn problem_text(error: &ApiError) -> String {
    if error.problem.errors.is_empty() {
        error.problem.detail.clone()
    } else {
        let messages: Vec<&str> = error
            .problem
            .errors
            .iter()
            .map(|field| field.message.as_str())
            .collect();
        messages.join(" ")
    }
}

fn error_status(error: &ApiError) -> StatusCode {
    StatusCode::from_u16(error.problem.status).unwrap_or(StatusCode::BAD_REQUEST)
}

/// The page again after `error`, with its status and, when the portal
/// asks for a wait (too many failed attempts), the `Retry-After` saying
/// how long, as the API's answer says it.
fn error_page(error: &ApiError, html: &str) -> Response {
    let mut response = page(error_status(error), html);
    if let Some(seconds) = error.problem.retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, seconds.into());
    }
    response
}

/// The request's hidden fields, so the form posts it back as it came.
fn hidden_fields(request: &AuthorizeRequest) -> String {
    [
        ("response_type", &request.response_type),
        ("client_id", &request.client_id),
        ("redirect_uri", &request.redirect_uri),
        ("state", &request.state),
        ("code_challenge", &request.code_challenge),
        ("code_challenge_method", &request.code_challenge_method),
    ]
    .iter()
    .filter_map(|(name, value)| {
        value.as_ref().map(|value| {
            format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                escape(value)
            )
        })
    })
    .collect()
}

fn problem_html(problem: Option<&str>) -> String {
    problem
        .map(|text| {
            format!(
                "<p class=\"error\" role=\"alert\" id=\"problem\">{}</p>",
                escape(text)
            )
        })
        .unwrap_or_default()
}

fn returns_to(checked: &CheckedRequest) -> String {
    let port = checked.redirect.port().unwrap_or_default();
    format!(
        "<p>Portal Desk on this computer asked to sign in. When you have signed in, this page hands you back to it (port {port}).</p>"
    )
}

fn password_html(
    request: &AuthorizeRequest,
    checked: &CheckedRequest,
    email: &str,
    problem: Option<&str>,
) -> String {
    shell(
        "Sign in to Portal Desk",
        &format!(
            "{}{}<form method=\"post\" action=\"{OAUTH_AUTHORIZE}\">{}
<label for=\"email\">E-mail address</label>
<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"{}\">
<label for=\"password\">Password</label>
<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>
<button type=\"submit\" id=\"sign-in\" name=\"action\" value=\"sign_in\">Sign in</button>
<button type=\"submit\" id=\"cancel\" name=\"action\" value=\"cancel\" formnovalidate>Cancel</button>
</form>",
            returns_to(checked),
            problem_html(problem),
            hidden_fields(request),
            escape(email)
        ),
    )
}

fn code_html(
    request: &AuthorizeRequest,
    checked: &CheckedRequest,
    challenge: &str,
    problem: Option<&str>,
) -> String {
    shell(
        "Two-step sign-in",
        &format!(
            "{}<p>Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>{}<form method=\"post\" action=\"{OAUTH_AUTHORIZE}\">{}
<input type=\"hidden\" name=\"mfa_challenge\" value=\"{}\">
<label for=\"code\">Code</label>
<input id=\"code\" name=\"code\" autocomplete=\"one-time-code\" inputmode=\"numeric\" required>
<button type=\"submit\" id=\"verify\" name=\"action\" value=\"sign_in\">Verify</button>
<button type=\"submit\" id=\"cancel\" name=\"action\" value=\"cancel\" formnovalidate>Cancel</button>
</form>",
            returns_to(checked),
            problem_html(problem),
            hidden_fields(request),
            escape(challenge)
        ),
    )
}
