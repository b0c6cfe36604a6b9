//! End to end, the Security tab and sign-in with two steps: set up with the
//! secret shown in the app, recovery codes saved through the native save
//! dialog, sign-in asking for a code, and the forgotten-password request.
//!
//! Linux only: the app is driven through WebKitWebDriver. On Windows the
//! webview is WebView2, whose driver (Edge WebDriver) does not run here.
#![cfg(target_os = "linux")]

use crate::support;

use support::accessibility::check_accessibility;

use support::{SHORT, signed_in_as_ada};
use test_support::PASSWORD;

#[test]
fn two_step_sign_in_is_set_up_in_security_and_asked_for_at_sign_in() {
    let (portal, mut desktop, app) = signed_in_as_ada("security");

    app.click_on("#tab-security");
    app.wait_for("#mfa-start", SHORT);
    check_accessibility(&app, "My Profile: Security");
    desktop.screenshot("security-off");
    app.click_on("#mfa-start");
    let shown = app.wait_for_text("#mfa-secret", SHORT, |text| text.len() >= 32);
    let secret = totp::base32_decode(&shown).expect("the key is base32");
    assert_eq!(secret.len(), 20);
    let qr = app.attribute("#mfa-qr", "src").unwrap_or_default();
    assert!(qr.starts_with("data:image/svg+xml;base64,"), "{qr:.40}");
    check_accessibility(&app, "two-step sign-in set-up");
    desktop.screenshot("security-setup");

    app.fill("#mfa-setup-code", "000000");
    app.fill("#mfa-setup-password", PASSWORD);
    app.click_on("#mfa-enable");
    app.wait_for_text("#mfa-setup-code-error", SHORT, |text| {
        text.starts_with("That code is not right.")
    });
    app.fill(
        "#mfa-setup-code",
        &totp::code_at(&secret, portal.clock().unix() as u64),
    );
    app.click_on("#mfa-enable");
    app.wait_for("#recovery-codes", SHORT);
    let codes = app.texts_of_all("#recovery-codes li");
    assert_eq!(codes.len(), 10, "{codes:?}");
    check_accessibility(&app, "the recovery codes");
    desktop.screenshot("recovery-codes");

    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("portal-codes.txt");
    app.click_on("#save-recovery-codes");
    desktop.answer_save_dialog("Save your recovery codes", &file);
    app.wait_for_text("#recovery-status", SHORT, |text| {
        text.starts_with("Saved to")
    });
    let saved = std::fs::read_to_string(&file).unwrap();
    for code in &codes {
        assert!(saved.contains(code.as_str()), "{code} is in the file");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o077,
            0,
            "only the user can read the codes ({mode:o})"
        );
    }
    app.click_on("#recovery-done");
    app.wait_for_text("#mfa-state", SHORT, |text| text.contains("10 of 10"));

    app.click_on("#sign-out");
    app.wait_for("#sign-in", SHORT);
    app.fill("#password", PASSWORD);
    app.click_on("#sign-in");
    app.wait_for("#code-step", SHORT);
    assert_eq!(app.focused_id(), "mfa-code");
    app.fill("#mfa-code", "123456");
    app.click_on("#code-submit");
    app.wait_for_text("#mfa-code-error", SHORT, |text| {
        text.starts_with("That code is not right.")
    });
    check_accessibility(&app, "the sign-in code step");
    desktop.screenshot("sign-in-code-step");
    app.fill("#mfa-code", &codes[0]);
    app.click_on("#code-submit");
    app.wait_for_text("#top-user-name", SHORT, |name| name == "Ada Lovelace");

    app.click_on("#sign-out");
    app.wait_for("#forgot-password", SHORT);
    app.click_on("#forgot-password");
    app.wait_for_text("#form-banner", SHORT, |text| {
        text.starts_with("If an account uses that address")
    });
    check_accessibility(&app, "forgot password");
    desktop.screenshot("forgot-password");
    let outbox = test_support::portal_api::outbox(portal.db_path());
    assert_eq!(outbox.len(), 1);
    assert!(
        outbox[0]["body"]
            .as_str()
            .unwrap()
            .contains("reset-password?token="),
        "{outbox:?}"
    );
}
