use serde::{Deserialize, Deserializer, Serializer};
use zeroize::Zeroizing;

/// A password, token or code. Its `Debug` and `Display` print
/// `<redacted>`, so a secret never lands in a log line or an error message
/// by accident; it does not implement `Serialize`, so no struct carries it
/// into JSON by accident either: a field that must carry it (a request to
/// the portal, a token answer) says so with
/// `#[serde(serialize_with = "Secret::serialize_exposed")]`. Its memory is
/// zeroed when it is dropped.
///
/// ```compile_fail
/// #[derive(serde::Serialize)]
/// struct View {
///     password: portal_api::Secret,
/// }
/// ```
///
/// Why not the `secrecy` crate: its `SecretString` serializes only through
/// a marker trait that cannot be implemented for `str`, and has no
/// equality; this type is that idea in a few lines over `zeroize`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// Serializes the secret itself: the one way a secret becomes JSON, for
    /// `#[serde(serialize_with = "Secret::serialize_exposed")]`.
    pub fn serialize_exposed<S: Serializer>(
        secret: &Secret,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(secret.expose())
    }

    /// [`Secret::serialize_exposed`] for a list of secrets.
    pub fn serialize_all_exposed<S: Serializer>(
        secrets: &[Secret],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(secrets.iter().map(Secret::expose))
    }

    /// The secret itself; call only where it is sent or stored.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True when the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn debug_and_display_never_show_the_value() {
        let secret = Secret::new("hunter2-correct-horse");
        assert_eq!(format!("{secret:?}"), "<redacted>");
        assert_eq!(format!("{secret}"), "<redacted>");
        assert_eq!(secret.expose(), "hunter2-correct-horse");
    }

    #[test]
    fn only_a_field_that_asks_for_it_serializes_the_secret() {
        #[derive(serde::Serialize)]
        struct Request {
            #[serde(serialize_with = "Secret::serialize_exposed")]
            password: Secret,
            #[serde(serialize_with = "Secret::serialize_all_exposed")]
            codes: Vec<Secret>,
        }
        let json = serde_json::to_string(&Request {
            password: Secret::new("abc"),
            codes: vec![Secret::new("c1"), Secret::new("c2")],
        })
        .unwrap();
        assert_eq!(json, r#"{"password":"abc","codes":["c1","c2"]}"#);
        let back: Secret = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(back.expose(), "abc");
    }
}
