//! Portal addresses: parsed, normalised, and refused when they would send
//! credentials in the clear.

use std::net::IpAddr;

use portal_i18n::text;
use url::Url;

use crate::error::{Error, Result};

/// A validated portal base URL: `https://`, or `http://` on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalUrl {
    base: Url,
}

impl PortalUrl {
    /// Parses what the user typed. A missing scheme means `https://`.
    pub fn parse(input: &str) -> Result<Self> {
        let input = input.trim();
        if input.is_empty() {
            return Err(Error::InvalidPortalUrl(text("url-enter", &[])));
        }
        let with_scheme = if input.contains("://") {
            input.to_owned()
        } else {
            format!("https://{input}")
        };
        let invalid =
            || Error::InvalidPortalUrl(text("url-not-web-address", &[("input", input.into())]));
        let mut base = Url::parse(&with_scheme).map_err(|_| invalid())?;
        if base.host_str().is_none_or(str::is_empty) {
            return Err(invalid());
        }
        if !base.username().is_empty() || base.password().is_some() {
            return Err(Error::InvalidPortalUrl(text("url-no-credentials", &[])));
        }
        match base.scheme() {
            "https" => {}
            "http" if is_loopback(&base) => {}
            "http" => {
                return Err(Error::InsecurePortalUrl(text(
                    "url-insecure",
                    &[("host", base.host_str().unwrap_or_default().into())],
                )));
            }
            other => {
                return Err(Error::InvalidPortalUrl(text(
                    "url-other-scheme",
                    &[("scheme", other.into())],
                )));
            }
        }
        base.set_query(None);
        base.set_fragment(None);
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        Ok(Self { base })
    }

    /// `scheme://host:port`, which names the portal in the keyring.
    pub fn origin(&self) -> String {
        self.base.origin().ascii_serialization()
    }

    /// The base URL as a string, ending in `/`.
    pub fn as_str(&self) -> &str {
        self.base.as_str()
    }

    /// The URL of an API path such as `/api/v1/me`.
    pub fn endpoint(&self, path: &str) -> Url {
        self.base
            .join(path.trim_start_matches('/'))
            .expect("API paths are valid relative URLs")
    }

    /// True when `url` has the same origin as the portal.
    pub fn same_origin(&self, url: &Url) -> bool {
        url.origin() == self.base.origin()
    }
}

impl std::fmt::Display for PortalUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_https_and_loopback_http() {
        let url = PortalUrl::parse(" https://portal.example.com/customer?x=1#y ").unwrap();
        assert_eq!(url.as_str(), "https://portal.example.com/customer/");
        assert_eq!(url.origin(), "https://portal.example.com");
        assert_eq!(
            url.endpoint("/api/v1/me").as_str(),
            "https://portal.example.com/customer/api/v1/me"
        );
        assert_eq!(
            PortalUrl::parse("portal.example.com").unwrap().origin(),
            "https://portal.example.com"
        );
        for local in [
            "http://127.0.0.1:8080",
            "http://localhost:3000",
            "http://[::1]:9000",
            "http://127.3.4.5",
        ] {
            assert!(PortalUrl::parse(local).is_ok(), "{local}");
        }
    }

    #[test]
    fn refuses_empty_invalid_and_insecure_addresses() {
        assert_eq!(
            PortalUrl::parse("  ").unwrap_err().code(),
            "invalid_portal_url"
        );
        assert_eq!(
            PortalUrl::parse("https://").unwrap_err().code(),
            "invalid_portal_url"
        );
        assert_eq!(
            PortalUrl::parse("http://exa mple.com").unwrap_err().code(),
            "invalid_portal_url"
        );
        assert_eq!(
            PortalUrl::parse("ftp://example.com").unwrap_err().code(),
            "invalid_portal_url"
        );
        assert_eq!(
            PortalUrl::parse("https://me:pw@example.com")
                .unwrap_err()
                .code(),
            "invalid_portal_url"
        );
        let insecure = PortalUrl::parse("http://portal.example.com").unwrap_err();
        assert_eq!(insecure.code(), "insecure_portal_url");
        assert!(insecure.to_string().contains("https://portal.example.com"));
        assert_eq!(
            PortalUrl::parse("http://10.0.0.5").unwrap_err().code(),
            "insecure_portal_url"
        );
        assert_eq!(
            PortalUrl::parse("http://localhost.example.com")
                .unwrap_err()
                .code(),
            "insecure_portal_url"
        );
    }

    #[test]
    fn same_origin_compares_scheme_host_and_port() {
        let url = PortalUrl::parse("https://portal.example.com").unwrap();
        assert!(url.same_origin(&Url::parse("https://portal.example.com/x").unwrap()));
        assert!(!url.same_origin(&Url::parse("https://evil.example.com/x").unwrap()));
        assert!(!url.same_origin(&Url::parse("http://portal.example.com/x").unwrap()));
        assert!(!url.same_origin(&Url::parse("https://portal.example.com:8443/x").unwrap()));
    }
}
