//! The demo portal embedded in the app: the reference portal server on
//! 127.0.0.1 with a random port, its database in the app's data folder so
//! demo edits persist.

use std::path::PathBuf;

use portal_client::{Error, Result};
use portal_server::{RunningServer, Seed, ServerConfig};
use tokio::sync::Mutex;

/// Starts the demo portal on first use and keeps it running.
pub struct EmbeddedDemo {
    folder: PathBuf,
    server: Mutex<Option<RunningServer>>,
}

impl EmbeddedDemo {
    /// A demo portal keeping its database in `folder`.
    pub fn new(folder: PathBuf) -> Self {
        Self {
            folder,
            server: Mutex::new(None),
        }
    }

    /// The demo portal's address when it runs (never starts it).
    pub async fn running_url(&self) -> Option<String> {
        self.server
            .lock()
            .await
            .as_ref()
            .map(|running| running.url())
    }

    /// The running demo portal's address, starting it if needed.
    pub async fn url(&self) -> Result<String> {
        let mut server = self.server.lock().await;
        if let Some(running) = server.as_ref() {
            return Ok(running.url());
        }
        std::fs::create_dir_all(&self.folder).map_err(|error| {
            Error::local_because(format!("cannot create {}", self.folder.display()), error)
        })?;
        let mut config = ServerConfig::new(
            self.folder.join("portal.db"),
            "127.0.0.1:0".parse().expect("a loopback address"),
        );
        config.seed = Some(Seed::Demo);
        config.sso_name = Some(portal_server::oauth::DEMO_SSO_NAME.to_owned());
        let running = portal_server::start(config)
            .await
            .map_err(|error| Error::local_because("the demo portal did not start", error))?;
        let url = running.url();
        crate::shell::startup::mark_startup_step("demo_portal_started");
        *server = Some(running);
        Ok(url)
    }

    /// The vendor's approval of the user-name change in ticket `ticket`,
    /// as `portal-server admin approve-username-change` does it: the demo's
    /// stand-in for the vendor's support staff.
    pub async fn approve_username_change(&self, ticket: i64) -> Result<()> {
        let path = self.folder.join("portal.db");
        tokio::task::spawn_blocking(move || {
            let db = portal_server::Db::open(&path, portal_server::Clock::system())?;
            db.run_blocking(|conn| portal_server::account::approve_username_change(conn, ticket))
        })
        .await
        .map_err(|error| Error::local_because("the demo approval failed", error))?
        .map(|_| ())
        .map_err(|error| Error::local_because("the demo portal refused", error))
    }

    /// A reply from the vendor's team on ticket `ticket`, as `portal-server
    /// admin comment` makes it: the demo's stand-in for the support staff.
    pub async fn vendor_comment(&self, ticket: i64, text: &str) -> Result<()> {
        let path = self.folder.join("portal.db");
        let comment = portal_server::ticket_comments::VendorComment {
            number: ticket,
            author: "Sam at Support".into(),
            text: text.to_owned(),
            attachments: Vec::new(),
            internal: false,
            resolve: false,
        };
        tokio::task::spawn_blocking(move || {
            let db = portal_server::Db::open(&path, portal_server::Clock::system())?;
            let files = portal_server::files::FileStore::beside(&path);
            db.run_blocking(|conn| {
                portal_server::ticket_comments::add_vendor_comment(conn, &files, &comment)
            })
        })
        .await
        .map_err(|error| Error::local_because("the demo reply failed", error))?
        .map(|_| ())
        .map_err(|error| Error::local_because("the demo portal refused", error))
    }

    /// The vendor applying the contact change request of ticket `ticket`,
    /// as `portal-server admin apply-contact-change` does it; activation
    /// links in welcome e-mails point at `public_url`.
    pub async fn apply_contact_change(&self, ticket: i64, public_url: &str) -> Result<()> {
        let path = self.folder.join("portal.db");
        let public_url = public_url.to_owned();
        tokio::task::spawn_blocking(move || {
            let db = portal_server::Db::open(&path, portal_server::Clock::system())?;
            db.run_blocking(|conn| {
                portal_server::contact_requests::apply_request(conn, ticket, &public_url)
            })
        })
        .await
        .map_err(|error| Error::local_because("applying the demo request failed", error))?
        .map(|_| ())
        .map_err(|error| Error::local_because("the demo portal refused", error))
    }

    /// Stops the demo portal.
    pub async fn stop(&self) {
        if let Some(running) = self.server.lock().await.take() {
            let _ = running.stop().await;
        }
    }
}
