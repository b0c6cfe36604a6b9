//! Why a connection failed, told from the types in the error's chain — the
//! resolver's own error for names, rustls's for certificates, the I/O kind
//! for the rest — never by searching message text.

use portal_i18n::text;
use std::error::Error as StdError;
use std::net::SocketAddr;

/// A host name the system resolver could not look up. The client's resolver
/// ([`SystemResolver`]) answers failures with this type, so the chain says
/// "name lookup" whatever words the system used.
#[derive(Debug, thiserror::Error)]
#[error("{host} could not be looked up")]
pub struct NameNotFound {
    /// The name that was looked up.
    pub host: String,
    /// What the system resolver said.
    #[source]
    pub source: std::io::Error,
}

/// The system's resolver (as reqwest uses by default), answering its
/// failures as [`NameNotFound`].
#[derive(Debug, Default)]
pub(crate) struct SystemResolver;

impl reqwest::dns::Resolve for SystemResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let looked_up = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map(|addresses| addresses.collect::<Vec<SocketAddr>>());
            match looked_up {
                Ok(addresses) => Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs),
                Err(source) => Err(Box::new(NameNotFound { host, source }) as _),
            }
        })
    }
}

/// Why a connection failed, in a few words for the user, from the first
/// error in `error`'s chain whose type says it.
pub(crate) fn failure_reason(error: &(dyn StdError + 'static)) -> String {
    let mut first_io: Option<&std::io::Error> = None;
    for current in chain(error) {
        if current.downcast_ref::<NameNotFound>().is_some() {
            return text("reason-name-not-found", &[]);
        }
        if let Some(tls) = current.downcast_ref::<rustls::Error>() {
            return tls_reason(tls);
        }
        if let Some(io) = current.downcast_ref::<std::io::Error>() {
            first_io.get_or_insert(io);
        }
    }
    match first_io {
        Some(io) => io_reason(io),
        None => text("reason-connection-failed", &[]),
    }
}

/// Every error in the chain, outermost first. An `io::Error`'s `source()`
/// skips the error it wraps, so the walk steps into it explicitly (that is
/// where TLS and resolver errors sit).
fn chain<'a>(
    error: &'a (dyn StdError + 'static),
) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    let mut next = Some(error);
    std::iter::from_fn(move || {
        let current = next?;
        next = match current.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn StdError + 'static))
                .or_else(|| current.source()),
            None => current.source(),
        };
        Some(current)
    })
}

fn tls_reason(error: &rustls::Error) -> String {
    match error {
        rustls::Error::InvalidCertificate(_) => text("reason-certificate-not-trusted", &[]),
        other => text("reason-tls-failed", &[("detail", other.to_string().into())]),
    }
}

fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::ConnectionRefused => text("reason-connection-refused", &[]),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
            text("reason-connection-reset", &[])
        }
        ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => text("reason-no-route", &[]),
        ErrorKind::TimedOut => text("reason-connect-timed-out", &[]),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error in the middle of a chain, as reqwest's and hyper's are.
    #[derive(Debug, thiserror::Error)]
    #[error("error sending request")]
    struct Outer(#[source] Box<dyn StdError + Send + Sync>);

    #[test]
    fn a_failed_lookup_is_told_by_its_type_not_its_words() {
        let lookup = NameNotFound {
            host: "portal.example.com".into(),
            source: std::io::Error::other("no such host is known"),
        };
        let error = Outer(Box::new(lookup));
        assert_eq!(failure_reason(&error), "the name could not be looked up");
        let words_only = Outer(Box::new(std::io::Error::other("dns error: lookup failed")));
        assert_eq!(failure_reason(&words_only), "dns error: lookup failed");
    }

    #[test]
    fn an_untrusted_certificate_is_found_inside_the_io_error_that_wraps_it() {
        let tls = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, tls);
        let error = Outer(Box::new(io));
        assert_eq!(
            failure_reason(&error),
            "its HTTPS certificate is not trusted"
        );
    }

    #[test]
    fn connection_failures_are_told_by_their_io_kind() {
        use std::io::{Error, ErrorKind};
        let reason = |kind: ErrorKind| failure_reason(&Outer(Box::new(Error::from(kind))));
        assert_eq!(
            reason(ErrorKind::ConnectionRefused),
            "nothing is answering there (connection refused)"
        );
        assert_eq!(
            reason(ErrorKind::ConnectionReset),
            "the connection was reset"
        );
        assert_eq!(
            reason(ErrorKind::NetworkUnreachable),
            "there is no route to it (is the network up?)"
        );
        assert_eq!(
            failure_reason(&Outer("something else".into())),
            "the connection failed"
        );
    }
}
