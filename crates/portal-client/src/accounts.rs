//! The account list: which portals the user signed in to, under which
//! e-mail. Kept as JSON in the config folder; it holds no secrets.

use std::path::PathBuf;

use portal_i18n::text;
use serde::{Deserialize, Serialize};

use crate::dirs::{AppDirs, write_atomically};
use crate::error::{Error, Result};
use crate::vault::Vault;

/// One portal account on this computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Stable random id; names the account's local data folder.
    pub id: String,
    /// The portal's base URL.
    pub portal_url: String,
    /// The portal's origin (`scheme://host:port`).
    pub origin: String,
    /// The user name (e-mail) on that portal.
    pub email: String,
    /// "First Last" as the portal last said.
    pub display_name: String,
    /// True for the demo portal embedded in the app, whose address changes
    /// every run; `portal_url` and `origin` then hold stable placeholders.
    #[serde(default)]
    pub demo: bool,
}

impl Account {
    /// The account's keyring entry name.
    pub fn vault_entry(&self) -> String {
        Vault::entry_name(&self.email, &self.origin)
    }
}

/// Where an account lives: the portal as recorded in the account list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountPlace {
    /// The portal's base URL, or [`DEMO_PORTAL_URL`] for the embedded demo.
    pub portal_url: String,
    /// The portal's origin, or [`DEMO_ORIGIN`] for the embedded demo.
    pub origin: String,
    /// True for the embedded demo portal.
    pub demo: bool,
}

/// What the account list records as the embedded demo portal's address.
pub const DEMO_PORTAL_URL: &str = "demo:embedded";
/// The embedded demo portal's stable origin, which names its keyring entry.
pub const DEMO_ORIGIN: &str = "demo:embedded";

impl AccountPlace {
    /// A real portal at `portal`.
    pub fn portal(portal: &crate::PortalUrl) -> Self {
        Self {
            portal_url: portal.as_str().to_owned(),
            origin: portal.origin(),
            demo: false,
        }
    }

    /// The demo portal embedded in the app, wherever it listens this run.
    pub fn embedded_demo() -> Self {
        Self {
            portal_url: DEMO_PORTAL_URL.to_owned(),
            origin: DEMO_ORIGIN.to_owned(),
            demo: true,
        }
    }
}

/// The account list and which account is current.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountBook {
    /// Every account, in the order they were added.
    pub accounts: Vec<Account>,
    /// The id of the account commands use by default.
    pub current: Option<String>,
    /// Accounts removed from the list with their data kept here (cached
    /// copies, the outbox): adding one again takes its data back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<Account>,
}

impl AccountBook {
    fn path(dirs: &AppDirs) -> PathBuf {
        dirs.config.join("accounts.json")
    }

    /// Reads the list; a missing file is an empty list.
    pub fn load(dirs: &AppDirs) -> Result<Self> {
        let path = Self::path(dirs);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| {
                Error::local(text(
                    "accounts-file-damaged",
                    &[
                        ("path", path.display().to_string().into()),
                        ("reason", error.to_string().into()),
                    ],
                ))
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => Err(Error::local_because(
                format!("cannot read {}", path.display()),
                error,
            )),
        }
    }

    /// Writes the list atomically.
    pub fn save(&self, dirs: &AppDirs) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(Error::local_source)?;
        write_atomically(&Self::path(dirs), &json)
    }

    /// The current account, if any.
    pub fn current(&self) -> Option<&Account> {
        let id = self.current.as_deref()?;
        self.accounts.iter().find(|account| account.id == id)
    }

    /// The account for this portal origin and e-mail (case-insensitive).
    pub fn find(&self, origin: &str, email: &str) -> Option<&Account> {
        self.accounts
            .iter()
            .find(|account| account.origin == origin && account.email.eq_ignore_ascii_case(email))
    }

    /// Adds or updates the account for `origin` + `email`, makes it current,
    /// and answers it.
    pub fn upsert_current(
        &mut self,
        place: &AccountPlace,
        email: &str,
        display_name: &str,
    ) -> Result<Account> {
        let set_aside = self.set_aside.iter().position(|account| {
            account.origin == place.origin && account.email.eq_ignore_ascii_case(email)
        });
        let id = match (self.find(&place.origin, email), set_aside) {
            (Some(existing), _) => existing.id.clone(),
            (None, Some(index)) => self.set_aside.remove(index).id,
            (None, None) => new_account_id()?,
        };
        let account = Account {
            id: id.clone(),
            portal_url: place.portal_url.clone(),
            origin: place.origin.clone(),
            email: email.to_owned(),
            display_name: display_name.to_owned(),
            demo: place.demo,
        };
        match self.accounts.iter_mut().find(|existing| existing.id == id) {
            Some(existing) => *existing = account.clone(),
            None => self.accounts.push(account.clone()),
        }
        self.current = Some(id);
        Ok(account)
    }
}

impl AccountBook {
    /// The account `selector` names: `EMAIL@ORIGIN` (the origin as
    /// `pdesk accounts` lists it, e.g. `dana@example.com@https://portal.example.com`),
    /// or an e-mail address alone when only one account uses it.
    pub fn select(&self, selector: &str) -> Result<&Account> {
        let selector = selector.trim();
        let by_both = selector.rsplit_once('@').and_then(|(email, origin)| {
            let origin = origin.trim_end_matches('/');
            self.accounts.iter().find(|account| {
                account.origin.eq_ignore_ascii_case(origin)
                    && account.email.eq_ignore_ascii_case(email)
            })
        });
        if let Some(account) = by_both {
            return Ok(account);
        }
        let by_email: Vec<&Account> = self
            .accounts
            .iter()
            .filter(|account| account.email.eq_ignore_ascii_case(selector))
            .collect();
        match by_email.as_slice() {
            [account] => Ok(account),
            [] => Err(Error::NotSignedIn(text(
                "session-not-signed-in-as",
                &[("who", selector.into())],
            ))),
            _ => Err(Error::NotSignedIn(text(
                "session-not-signed-in-ambiguous",
                &[("who", selector.into())],
            ))),
        }
    }

    /// Makes the account `id` the current one.
    pub fn set_current(&mut self, id: &str) {
        if self.accounts.iter().any(|account| account.id == id) {
            self.current = Some(id.to_owned());
        }
    }

    /// Takes the account `id` off the list and answers it; when it was
    /// current, the first account left becomes current.
    pub fn remove(&mut self, id: &str) -> Option<Account> {
        let index = self.accounts.iter().position(|account| account.id == id)?;
        let removed = self.accounts.remove(index);
        if self.current.as_deref() == Some(id) {
            self.current = self.accounts.first().map(|account| account.id.clone());
        }
        Some(removed)
    }

    /// Keeps `account`, just removed with its data left here, to take that
    /// data back when it is added again.
    pub fn set_aside(&mut self, account: Account) {
        self.set_aside.retain(|kept| kept.id != account.id);
        self.set_aside.push(account);
    }

    /// Records that the account `id` is now known under `email`; another
    /// entry for the same portal and e-mail is dropped (it is this account).
    pub fn rename(&mut self, id: &str, email: &str, display_name: &str) {
        let Some(origin) = self
            .accounts
            .iter()
            .find(|account| account.id == id)
            .map(|account| account.origin.clone())
        else {
            return;
        };
        self.accounts.retain(|account| {
            account.id == id
                || account.origin != origin
                || !account.email.eq_ignore_ascii_case(email)
        });
        if let Some(account) = self.accounts.iter_mut().find(|account| account.id == id) {
            account.email = email.to_owned();
            account.display_name = display_name.to_owned();
        }
    }
}

fn new_account_id() -> Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(Error::local_source)?;
    Ok(hex::encode(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book_of(accounts: &[(&str, &str)]) -> AccountBook {
        let mut book = AccountBook::default();
        for (origin, email) in accounts {
            let place = AccountPlace::portal(&crate::PortalUrl::parse(origin).unwrap());
            book.upsert_current(&place, email, email).unwrap();
        }
        book
    }

    #[test]
    fn an_account_is_named_by_email_and_origin_or_by_an_email_only_it_has() {
        let book = book_of(&[
            ("https://one.example.com", "dana@example.com"),
            ("https://one.example.com", "dana.w@example.com"),
            ("https://two.example.com", "dana@example.com"),
        ]);
        let at_two = book
            .select("dana@example.com@https://two.example.com/")
            .unwrap();
        assert_eq!(at_two.origin, "https://two.example.com");
        assert_eq!(
            book.select("DANA.W@example.com").unwrap().origin,
            "https://one.example.com"
        );
        let ambiguous = book.select("dana@example.com").unwrap_err();
        assert!(
            ambiguous.to_string().contains("EMAIL@ORIGIN"),
            "{ambiguous}"
        );
        let unknown = book.select("lee@example.com").unwrap_err();
        assert_eq!(unknown.code(), "not_signed_in");
        assert!(
            book.select("dana@example.com@https://three.example.com")
                .is_err()
        );
    }

    #[test]
    fn removing_the_current_account_makes_the_first_one_left_current() {
        let mut book = book_of(&[
            ("https://one.example.com", "a@example.com"),
            ("https://two.example.com", "b@example.com"),
        ]);
        let first = book.accounts[0].id.clone();
        let second = book.accounts[1].id.clone();
        assert_eq!(book.current.as_deref(), Some(second.as_str()));
        book.set_current("no such id");
        assert_eq!(book.current.as_deref(), Some(second.as_str()));
        assert_eq!(book.remove(&second).unwrap().email, "b@example.com");
        assert_eq!(book.current.as_deref(), Some(first.as_str()));
        assert!(book.remove(&second).is_none());
        book.remove(&first);
        assert_eq!(book.current, None);
    }

    #[test]
    fn an_account_removed_with_its_data_kept_takes_it_back_when_added_again() {
        let place = AccountPlace::portal(&crate::PortalUrl::parse("http://127.0.0.1:1").unwrap());
        let mut book = AccountBook::default();
        let first = book
            .upsert_current(&place, "dana@example.com", "Dana")
            .unwrap();
        let removed = book.remove(&first.id).unwrap();
        book.set_aside(removed);
        let other = book
            .upsert_current(&place, "lee@example.com", "Lee")
            .unwrap();
        assert_ne!(other.id, first.id);
        let again = book
            .upsert_current(&place, "Dana@Example.com", "Dana")
            .unwrap();
        assert_eq!(again.id, first.id);
        assert!(book.set_aside.is_empty());
    }

    #[test]
    fn upsert_keeps_the_id_and_round_trips() {
        let home = tempfile::tempdir().unwrap();
        let dirs = AppDirs::under(home.path());
        let mut book = AccountBook::load(&dirs).unwrap();
        let place = AccountPlace::portal(&crate::PortalUrl::parse("http://127.0.0.1:1").unwrap());
        let first = book
            .upsert_current(&place, "dana@example.com", "Dana")
            .unwrap();
        let demo = book
            .upsert_current(&AccountPlace::embedded_demo(), "dana@example.com", "Dana")
            .unwrap();
        assert_ne!(
            demo.id, first.id,
            "the embedded demo is an account of its own"
        );
        assert_eq!(demo.vault_entry(), "dana@example.com|demo:embedded");
        let again = book
            .upsert_current(&place, "DANA@example.com", "Dana W")
            .unwrap();
        assert_eq!(first.id, again.id);
        assert_eq!(book.accounts.len(), 2);
        book.save(&dirs).unwrap();
        let loaded = AccountBook::load(&dirs).unwrap();
        assert_eq!(loaded.current().unwrap().display_name, "Dana W");
        assert_eq!(
            loaded.current().unwrap().vault_entry(),
            "DANA@example.com|http://127.0.0.1:1"
        );
    }

    #[test]
    fn a_damaged_file_is_reported_not_replaced() {
        let home = tempfile::tempdir().unwrap();
        let dirs = AppDirs::under(home.path());
        std::fs::create_dir_all(&dirs.config).unwrap();
        std::fs::write(dirs.config.join("accounts.json"), b"{not json").unwrap();
        let error = AccountBook::load(&dirs).unwrap_err();
        assert_eq!(error.code(), "local_data");
        assert!(error.to_string().contains("damaged"));
    }
}
