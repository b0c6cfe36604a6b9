//! A read that callers asking at the same time share: at start the
//! Payments Manager, Contacts and the Partner Kit each ask for the user's
//! roles, and one request answers all three.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};

use portal_client::Result;

/// One kind of read (the roles) whose answer callers that asked while it
/// was under way take instead of asking the portal again. An answer is
/// only shared with those who asked before it came, for the same account;
/// a failed read is not shared (each waiting caller tries for itself).
///
/// Not `futures::future::Shared`: that hands every waiter the same outcome,
/// a failure too, and needs the error to be `Clone`, which the client's
/// `Error` (with its source) is not.
pub struct SharedRead<T> {
    /// Counts callers' arrivals and answers' ends, in the order they happen.
    tickets: AtomicU64,
    /// The last answer: when it came (a ticket), for which account, what.
    last: tokio::sync::Mutex<Option<(u64, String, T)>>,
}

impl<T> Default for SharedRead<T> {
    fn default() -> Self {
        Self {
            tickets: AtomicU64::new(0),
            last: tokio::sync::Mutex::new(None),
        }
    }
}

impl<T: Clone> SharedRead<T> {
    /// The answer for `account`: the one that came after this call began,
    /// if a read under way brought one, else `fetch`'s (one fetch at a
    /// time).
    pub async fn read<Fetch, Answer>(&self, account: &str, fetch: Fetch) -> Result<T>
    where
        Fetch: FnOnce() -> Answer,
        Answer: Future<Output = Result<T>>,
    {
        let asked = self.tickets.fetch_add(1, Ordering::SeqCst);
        let mut last = self.last.lock().await;
        if let Some((came, whose, value)) = last.as_ref()
            && *came > asked
            && whose == account
        {
            return Ok(value.clone());
        }
        let value = fetch().await?;
        let came = self.tickets.fetch_add(1, Ordering::SeqCst);
        *last = Some((came, account.to_owned(), value.clone()));
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use portal_client::Error;

    use super::*;

    /// A fake fetch (pure logic: no portal here) that counts its calls and
    /// answers the count, or fails when `fail` says so.
    async fn counted(calls: &AtomicUsize, fail: bool) -> Result<usize> {
        let call = calls.fetch_add(1, Ordering::SeqCst) + 1;
        tokio::task::yield_now().await;
        if fail {
            Err(Error::Timeout {
                origin: "http://127.0.0.1:1".into(),
            })
        } else {
            Ok(call)
        }
    }

    #[test]
    fn callers_at_the_same_time_share_one_answer_and_later_ones_ask_again() {
        let read = SharedRead::default();
        let calls = AtomicUsize::new(0);
        tauri::async_runtime::block_on(async {
            let (a, b, c) = futures_util::join!(
                read.read("ada", || counted(&calls, false)),
                read.read("ada", || counted(&calls, false)),
                read.read("ada", || counted(&calls, false)),
            );
            assert_eq!((a.unwrap(), b.unwrap(), c.unwrap()), (1, 1, 1));
            assert_eq!(calls.load(Ordering::SeqCst), 1);
            // Asked after that answer came: asked again.
            assert_eq!(
                read.read("ada", || counted(&calls, false)).await.unwrap(),
                2
            );
            // Another account's caller at the same time never takes Ada's.
            let (ada, grace) = futures_util::join!(
                read.read("ada", || counted(&calls, false)),
                read.read("grace", || counted(&calls, false)),
            );
            assert_eq!((ada.unwrap(), grace.unwrap()), (3, 4));
        });
    }

    #[test]
    fn a_failed_read_is_not_shared_each_waiting_caller_tries_again() {
        let read = SharedRead::<usize>::default();
        let calls = AtomicUsize::new(0);
        tauri::async_runtime::block_on(async {
            let (failed, retried) = futures_util::join!(
                read.read("ada", || counted(&calls, true)),
                read.read("ada", || counted(&calls, false)),
            );
            assert!(failed.is_err());
            assert_eq!(retried.unwrap(), 2);
        });
    }
}
