//! OS notifications about ticket replies. On Linux they go straight to the
//! desktop's `org.freedesktop.Notifications` service with notify-rust and
//! a `default` action, so a click is reported back and opens the ticket
//! (tauri-plugin-notification drops the handle there, and with it the
//! click); elsewhere through tauri-plugin-notification.

use serde::Serialize;
use tauri::{AppHandle, Runtime};

/// A notification about a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TicketNotice {
    /// The account the ticket belongs to (a click shows it).
    pub account_id: String,
    /// The ticket to open on a click.
    pub number: i64,
    /// The first line: ticket number and subject.
    pub title: String,
    /// Who replied and the start of what they wrote (plain text); with
    /// several accounts, a last line naming the account.
    pub body: String,
}

/// Markup-capable notification servers read `<`, `>` and `&` in the body
/// as markup; portal text is shown as text.
pub fn escape_body(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Shows `notice`; `on_click` runs (on a thread of its own) when the user
/// clicks it. Failures are answered as text for the UI to mention.
#[cfg(target_os = "linux")]
pub fn show<R: Runtime>(
    _app: &AppHandle<R>,
    notice: &TicketNotice,
    on_click: impl FnOnce() + Send + 'static,
) -> Result<(), String> {
    let handle = notify_rust::Notification::new()
        .appname("Portal Desk")
        .summary(&notice.title)
        .body(&escape_body(&notice.body))
        .action("default", &portal_i18n::text("desk-notification-open", &[]))
        .hint(notify_rust::Hint::Category("im.received".into()))
        .show()
        .map_err(|error| error.to_string())?;
    std::thread::Builder::new()
        .name("ticket-notification".into())
        .spawn(move || {
            handle.wait_for_action(|action| {
                if action == "default" {
                    on_click();
                }
            });
        })
        .map_err(|error| error.to_string())?;
    Ok(())
}

/// Shows `notice` through tauri-plugin-notification (which reports no
/// clicks on this platform).
#[cfg(not(target_os = "linux"))]
pub fn show<R: Runtime>(
    app: &AppHandle<R>,
    notice: &TicketNotice,
    _on_click: impl FnOnce() + Send + 'static,
) -> Result<(), String> {
    use tauri_plugin_notification::NotificationExt;
    app.notification()
        .builder()
        .title(&notice.title)
        .body(&notice.body)
        .show()
        .map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_carry_text_not_markup() {
        assert_eq!(
            escape_body("<b>Done</b> & <a href=\"x\">see</a>"),
            "&lt;b&gt;Done&lt;/b&gt; &amp; &lt;a href=\"x\"&gt;see&lt;/a&gt;"
        );
    }
}
