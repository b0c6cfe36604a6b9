//! The `Idempotency-Key` of a change being sent from the outbox: every
//! `POST` made while a key is in scope carries it, so a change whose answer
//! was lost (a dropped connection, a crash) can be sent again and is done
//! once. Within the scope such a `POST` is also safe to retry after a
//! connection failure.

use std::future::Future;

use portal_api::IDEMPOTENCY_KEY;

tokio::task_local! {
    static KEY: String;
}

/// A new key: a random (version 4) UUID.
pub fn new_key() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Runs `work` with `key` in scope.
pub async fn with_key<F: Future>(key: &str, work: F) -> F::Output {
    KEY.scope(key.to_owned(), work).await
}

/// The key in scope, if any.
pub(crate) fn current() -> Option<String> {
    KEY.try_with(Clone::clone).ok()
}

/// The header name, for requests that carry the key.
pub(crate) const HEADER: &str = IDEMPOTENCY_KEY;

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_key_is_there_only_inside_its_scope() {
        assert_eq!(current(), None);
        let key = new_key();
        assert_eq!(key.len(), 36);
        assert_ne!(key, new_key(), "each key is new");
        let inside = with_key(&key, async { current() }).await;
        assert_eq!(inside.as_deref(), Some(key.as_str()));
        assert_eq!(current(), None);
    }
}
