//! A stand-in for the system browser in single sign-on tests, run the way
//! a browser is (`sso-browser URL`, named by `PORTAL_DESK_BROWSER`): it
//! signs in on the portal's page as `SSO_BROWSER_EMAIL` with
//! `SSO_BROWSER_PASSWORD` (and `SSO_BROWSER_CODE` when asked), or presses
//! Cancel when `SSO_BROWSER_CANCEL` is set, and follows the redirect back.
//! What it saw goes to standard error, and to `SSO_BROWSER_LOG` when set.

use test_support::sso_browser::{BrowserAction, visit};

fn main() {
    let url = std::env::args().nth(1).expect("usage: sso-browser URL");
    let email = std::env::var("SSO_BROWSER_EMAIL").unwrap_or_default();
    let password = std::env::var("SSO_BROWSER_PASSWORD").unwrap_or_default();
    let action = if std::env::var_os("SSO_BROWSER_CANCEL").is_some() {
        BrowserAction::Cancel
    } else {
        BrowserAction::SignIn {
            email: &email,
            password: &password,
            code: std::env::var("SSO_BROWSER_CODE").ok(),
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let seen = runtime.block_on(visit(&url, action));
    let report = format!(
        "sso-browser: {} {} back to the app: {}\n",
        seen.status, url, seen.returned_to_app
    );
    eprint!("{report}");
    if let Some(log) = std::env::var_os("SSO_BROWSER_LOG") {
        let _ = std::fs::write(log, format!("{report}{}\n", seen.page));
    }
}
