//! The portal's few web pages, opened from links in e-mail (choosing a new
//! password, answering an invitation): their HTML shell and security
//! headers, the shape of a link's token, and forms and queries whose
//! errors are answered as a page rather than as plain text.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::de::DeserializeOwned;

use crate::error::has_content_type;

/// The regular expression every link token matches: 32 random bytes in
/// unpadded base64url, as [`crate::tokens::new_token`] makes them.
pub const LINK_TOKEN_PATTERN: &str = "^[A-Za-z0-9_-]{43}$";

/// True when `token` has the shape of a link token (whether or not it is
/// known).
pub fn is_link_token(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
}

/// A token of the shape [`is_link_token`] accepts. A query or form whose
/// token has another shape does not deserialize, so [`PageQuery`] and
/// [`PageForm`] answer it with a 400 page before any handler runs.
#[derive(Debug, Clone)]
pub struct LinkToken(String);

impl LinkToken {
    /// The token's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for LinkToken {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let token = String::deserialize(deserializer)?;
        if is_link_token(&token) {
            Ok(Self(token))
        } else {
            Err(serde::de::Error::custom("not the token of a link"))
        }
    }
}

/// What a link's token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState<T> {
    /// It works: what it opens.
    Live(T),
    /// It was known but is used, answered or expired (410).
    Dead,
    /// The portal never gave it out, or forgot it (404).
    Unknown,
}

/// The page for a link that does not work: 404 for a token the portal does
/// not know, 410 for one that was used or ran out;
/// `title` and `help` say what the link
/// was for and what to do now.
pub fn link_not_working<T>(state: &LinkState<T>, title: &str, help: &str) -> Response {
    let status = match state {
        LinkState::Dead => StatusCode::GONE,
        _ => StatusCode::NOT_FOUND,
    };
    page(status, &shell(title, &format!("<p>{}</p>", escape(help))))
}

/// The page for a link that lost part of its token on the way (a line
/// break in the e-mail, a partial copy): 400.
pub fn link_incomplete() -> Response {
    page(
        StatusCode::BAD_REQUEST,
        &shell(
            "This link is incomplete",
            "<p>Copy the whole link from the e-mail into the address bar, or open it from the e-mail again.</p>",
        ),
    )
}

/// An HTML answer of the portal's own pages, under a strict policy.
pub fn page(status: StatusCode, html: &str) -> Response {
    let mut response = (status, Html(html.to_owned())).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// A minimal page around `body`.
pub fn shell(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1b2330}}label{{display:block;font-weight:600;margin-top:1rem}}input{{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}}button{{margin-top:1.25rem;padding:.6rem 1rem;font:inherit;background:#1f5f9e;color:#fff;border:0;border-radius:6px}}.error{{color:#b42318}}</style>
</head><body><h1>{title}</h1>{body}</body></html>"
    )
}

/// `text` safe inside HTML.
pub fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// A form posted by one of the pages; a body that is not a form, or lacks
/// a field, is answered with a page (415 or 400), never plain text.
pub struct PageForm<T>(pub T);

impl<S, T> FromRequest<S> for PageForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !has_content_type(request.headers(), "application/x-www-form-urlencoded") {
            return Err(page(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                &shell(
                    "The form could not be read",
                    "<p>Send the page's form as it is (application/x-www-form-urlencoded).</p>",
                ),
            ));
        }
        axum::Form::<T>::from_request(request, state)
            .await
            .map(|axum::Form(form)| PageForm(form))
            .map_err(|rejection| {
                page(
                    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        StatusCode::PAYLOAD_TOO_LARGE
                    } else {
                        StatusCode::BAD_REQUEST
                    },
                    &shell(
                        "The form could not be read",
                        "<p>Open the link from the e-mail again and fill in the form there.</p>",
                    ),
                )
            })
    }
}

/// The query of a page's address; one that does not parse (a repeated or
/// missing `token`) is answered with [`link_incomplete`].
pub struct PageQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for PageQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(query)| PageQuery(query))
            .map_err(|_| link_incomplete())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_tokens_have_one_shape() {
        assert!(is_link_token(&crate::tokens::new_token()));
        assert!(is_link_token(&"a".repeat(43)));
        assert!(!is_link_token(&"a".repeat(42)));
        assert!(!is_link_token(&"a".repeat(44)));
        assert!(!is_link_token(&format!("{}=", "a".repeat(42))));
        assert!(!is_link_token(""));
        let pattern = regex::Regex::new(LINK_TOKEN_PATTERN).unwrap();
        for _ in 0..100 {
            assert!(pattern.is_match(&crate::tokens::new_token()));
        }
        for token in [
            "",
            "a",
            &"a".repeat(42),
            &"a".repeat(44),
            &format!("{}=", "a".repeat(42)),
        ] {
            assert_eq!(pattern.is_match(token), is_link_token(token), "{token}");
        }
    }

    #[test]
    fn text_is_escaped_for_html() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
