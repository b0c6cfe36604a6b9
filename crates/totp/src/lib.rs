//! Time-based one-time passwords as authenticator apps make them: RFC 6238
//! with HMAC-SHA1, 6 digits and 30-second steps, and the RFC 4648 base32
//! that carries the shared secret.
//!
//! The crates do the primitives: `hmac`/`sha1` the MAC, `data-encoding` the
//! base32, `subtle` the constant-time comparison, `percent-encoding` the URI.
//! The few lines of RFC 4226 truncation stay here rather than behind a TOTP
//! crate (such as `totp-rs`) because the portal must know *which* step a
//! code matched, to refuse the same code twice (RFC 6238 §5.2), and a
//! yes/no check does not say; and because every caller passes the time in.

#![warn(missing_docs)]

use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::Sha1;
use subtle::ConstantTimeEq;

/// Seconds per time step.
pub const STEP_SECONDS: u64 = 30;
/// Digits in a code.
pub const DIGITS: u32 = 6;

/// The time step that `unix_seconds` falls in.
pub fn step_at(unix_seconds: u64) -> u64 {
    unix_seconds / STEP_SECONDS
}

/// The code for `step` (RFC 4226 HOTP with the step as counter), as six
/// digits with leading zeros.
pub fn code_for_step(secret: &[u8], step: u64) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let binary = (u32::from(digest[offset] & 0x7f) << 24)
        | (u32::from(digest[offset + 1]) << 16)
        | (u32::from(digest[offset + 2]) << 8)
        | u32::from(digest[offset + 3]);
    format!(
        "{:0width$}",
        binary % 10u32.pow(DIGITS),
        width = DIGITS as usize
    )
}

/// The code at `unix_seconds`.
pub fn code_at(secret: &[u8], unix_seconds: u64) -> String {
    code_for_step(secret, step_at(unix_seconds))
}

/// The step within `window` steps either side of `unix_seconds` whose code
/// is `code`, if any (constant-time comparison of each candidate).
pub fn matching_step(secret: &[u8], code: &str, unix_seconds: u64, window: u64) -> Option<u64> {
    let now = step_at(unix_seconds);
    let code = code.trim();
    (now.saturating_sub(window)..=now + window).find(|&step| {
        bool::from(
            code_for_step(secret, step)
                .as_bytes()
                .ct_eq(code.as_bytes()),
        )
    })
}

/// RFC 4648 base32 without padding, as authenticator apps take secrets.
pub fn base32_encode(bytes: &[u8]) -> String {
    data_encoding::BASE32_NOPAD.encode(bytes)
}

/// Decodes base32 as people type it: any case, with spaces, dashes and
/// padding ignored; `None` for anything else that is not base32.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let normalised: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '='))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    data_encoding::BASE32_NOPAD
        .decode(normalised.as_bytes())
        .ok()
}

/// The `otpauth://` URI an authenticator app scans.
pub fn otpauth_uri(issuer: &str, account: &str, secret_base32: &str) -> String {
    let issuer = utf8_percent_encode(issuer, LABEL);
    let account = utf8_percent_encode(account, LABEL);
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret_base32}&issuer={issuer}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
    )
}

/// What stays as it is in a label: letters, digits and `-._~@`.
const LABEL: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, last six digits.
    #[test]
    fn rfc_6238_test_vectors() {
        let secret = b"12345678901234567890";
        for (time, expected) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ] {
            assert_eq!(code_at(secret, time), expected, "at {time}");
        }
    }

    #[test]
    fn codes_match_within_the_window_only() {
        let secret = b"12345678901234567890";
        let now = 1_111_111_111;
        let current = code_at(secret, now);
        assert_eq!(matching_step(secret, &current, now, 1), Some(step_at(now)));
        let previous = code_at(secret, now - 30);
        assert_eq!(
            matching_step(secret, &previous, now, 1),
            Some(step_at(now) - 1)
        );
        let old = code_at(secret, now - 90);
        assert_eq!(matching_step(secret, &old, now, 1), None);
        assert_eq!(matching_step(secret, "12345", now, 1), None);
    }

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("mzxw6ytboi======").unwrap(), b"foobar");
        assert_eq!(base32_decode("MZXW 6YTB-OI").unwrap(), b"foobar");
        assert_eq!(base32_decode("MZ1"), None);
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(base32_decode(&base32_encode(&bytes)).unwrap(), bytes);
    }

    #[test]
    fn the_uri_names_issuer_and_account() {
        assert_eq!(
            otpauth_uri("Demo Portal", "dana@example.com", "ABC"),
            "otpauth://totp/Demo%20Portal:dana@example.com?secret=ABC&issuer=Demo%20Portal&algorithm=SHA1&digits=6&period=30"
        );
    }
}
