//! The one fresh-or-cached policy every screen follows: the portal's answer
//! when it gives one; only when the portal cannot be reached (see
//! [`crate::Error::is_offline`]), the copy cached when it last answered, marked
//! with when that was. Any other error (a refusal, an ended session) stands,
//! and so does "offline" when nothing was cached yet.

use crate::error::Result;
use crate::local_store::Cached;

/// Where a value came from.
#[derive(Debug)]
pub enum Answer<F, C> {
    /// Fresh from the portal.
    Fresh(F),
    /// The cached copy, the portal being out of reach.
    Cached(Cached<C>),
}

/// `fresh`, or when it failed for being offline, what `cached` finds.
pub fn fresh_or_cached<F, C>(
    fresh: Result<F>,
    cached: impl FnOnce() -> Result<Option<Cached<C>>>,
) -> Result<Answer<F, C>> {
    match fresh {
        Ok(value) => Ok(Answer::Fresh(value)),
        Err(error) if error.is_offline() => match cached()? {
            Some(copy) => Ok(Answer::Cached(copy)),
            None => Err(error),
        },
        Err(error) => Err(error),
    }
}

/// `fresh`, or when it failed for being offline, what `offline` answers (a
/// cached value with a default, say).
pub fn or_when_offline<T>(fresh: Result<T>, offline: impl FnOnce() -> Result<T>) -> Result<T> {
    match fresh {
        Err(error) if error.is_offline() => offline(),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn offline() -> Error {
        Error::Unreachable {
            origin: "https://portal.example.com".into(),
            reason: "connection refused".into(),
            source: None,
        }
    }

    fn copy() -> Result<Option<Cached<&'static str>>> {
        Ok(Some(Cached {
            value: "cached",
            etag: None,
            fetched_at: 7,
        }))
    }

    #[test]
    fn only_an_offline_portal_falls_back_to_the_cache() {
        assert!(matches!(
            fresh_or_cached(Ok("fresh"), copy).unwrap(),
            Answer::Fresh("fresh")
        ));
        match fresh_or_cached::<&str, _>(Err(offline()), copy).unwrap() {
            Answer::Cached(cached) => assert_eq!((cached.value, cached.fetched_at), ("cached", 7)),
            Answer::Fresh(_) => panic!("the cache was expected"),
        }
        let refused = fresh_or_cached::<&str, _>(Err(Error::SessionEnded("x".into())), copy);
        assert_eq!(
            refused.unwrap_err().code(),
            "session_ended",
            "a refusal stands"
        );
        let nothing = fresh_or_cached::<&str, &str>(Err(offline()), || Ok(None));
        assert_eq!(nothing.unwrap_err().code(), "portal_unreachable");
        assert_eq!(or_when_offline(Err(offline()), || Ok(3)).unwrap(), 3);
        assert!(or_when_offline(Err(Error::Cancelled), || Ok(3)).is_err());
    }
}
