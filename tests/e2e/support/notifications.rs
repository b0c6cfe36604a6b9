//! A tiny desktop notification service on the test's D-Bus session: it
//! owns `org.freedesktop.Notifications`, records every notification the
//! app raises, and can click one (the `ActionInvoked` signal a desktop
//! sends when the user clicks a notification).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;

const PATH: &str = "/org/freedesktop/Notifications";

/// One notification as the app raised it.
#[derive(Debug, Clone)]
pub struct Raised {
    /// The id the service gave it.
    pub id: u32,
    /// The sending application's name.
    pub app_name: String,
    /// The first line.
    pub summary: String,
    /// The text.
    pub body: String,
    /// Action keys and labels, alternating.
    pub actions: Vec<String>,
}

struct Service {
    raised: Arc<Mutex<Vec<Raised>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl Service {
    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        _replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut raised = self.raised.lock().unwrap();
        let id = raised.len() as u32 + 1;
        raised.push(Raised {
            id,
            app_name,
            summary,
            body,
            actions,
        });
        id
    }

    fn close_notification(&self, _id: u32) {}

    fn get_server_information(&self) -> (String, String, String, String) {
        (
            "portal-desk-tests".into(),
            "Portal Desk".into(),
            "1".into(),
            "1.2".into(),
        )
    }

    #[zbus(signal)]
    async fn action_invoked(
        emitter: &SignalEmitter<'_>,
        id: u32,
        action_key: &str,
    ) -> zbus::Result<()>;
}

/// The notification service, running while this lives.
pub struct NotificationService {
    connection: zbus::blocking::Connection,
    raised: Arc<Mutex<Vec<Raised>>>,
}

impl NotificationService {
    /// Serves `org.freedesktop.Notifications` on the bus at `address`.
    pub fn start(address: &str) -> Self {
        let raised = Arc::new(Mutex::new(Vec::new()));
        let connection = zbus::blocking::connection::Builder::address(address)
            .expect("a D-Bus address")
            .name("org.freedesktop.Notifications")
            .expect("a bus name")
            .serve_at(
                PATH,
                Service {
                    raised: raised.clone(),
                },
            )
            .expect("serve the notification interface")
            .build()
            .expect("connect to the test's D-Bus session");
        Self { connection, raised }
    }

    /// Waits up to `timeout` for a notification whose summary contains
    /// `text`.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Raised {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(found) = self
                .raised
                .lock()
                .unwrap()
                .iter()
                .find(|raised| raised.summary.contains(text))
            {
                return found.clone();
            }
            assert!(
                Instant::now() < deadline,
                "no notification about {text:?} within {timeout:?}; raised: {:?}",
                self.raised.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Everything raised so far.
    pub fn raised(&self) -> Vec<Raised> {
        self.raised.lock().unwrap().clone()
    }

    /// Clicks notification `id`, as a desktop reports it.
    pub fn click(&self, id: u32) {
        let interface = self
            .connection
            .object_server()
            .interface::<_, Service>(PATH)
            .expect("the notification interface is served");
        zbus::block_on(Service::action_invoked(
            interface.signal_emitter(),
            id,
            "default",
        ))
        .expect("emit ActionInvoked");
    }
}
