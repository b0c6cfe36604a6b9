//! The rules every new password must meet: long enough, not the user's
//! e-mail address, not on the shipped list of common passwords.

use std::collections::HashSet;
use std::sync::OnceLock;

use portal_api::limits::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use portal_api::problem::FieldError;

use crate::error::field_error;

/// The shipped list (see `data/README.md`): one lower-case password a line.
const COMMON_PASSWORDS: &str = include_str!("../data/common-passwords.txt");

/// How many passwords the common-password list holds.
pub fn common_password_count() -> usize {
    common_passwords().len()
}

fn common_passwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect()
    })
}

/// Checks a new password for the account `email`; the error names `field`.
pub fn check_new_password(field: &str, password: &str, email: &str) -> Option<FieldError> {
    let length = password.chars().count();
    if length < PASSWORD_MIN_CHARS {
        return Some(field_error(
            field,
            "too_short",
            &format!("Use at least {PASSWORD_MIN_CHARS} characters."),
        ));
    }
    if length > PASSWORD_MAX_CHARS {
        return Some(field_error(
            field,
            "too_long",
            &format!("Use at most {PASSWORD_MAX_CHARS} characters."),
        ));
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Some(field_error(
            field,
            "same_as_email",
            "Your password cannot be your e-mail address.",
        ));
    }
    if common_passwords().contains(password.to_lowercase().as_str()) {
        return Some(field_error(
            field,
            "too_common",
            "This is one of the most common passwords, which are tried first. Choose another.",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(password: &str) -> Option<String> {
        check_new_password("new_password", password, "ada@example.com").map(|error| error.code)
    }

    #[test]
    fn the_list_is_large_and_lower_case() {
        assert!(common_password_count() >= 10_000);
        assert!(
            common_passwords()
                .iter()
                .all(|password| password.to_lowercase() == *password)
        );
    }

    #[test]
    fn each_rule_has_its_code() {
        assert_eq!(code("short pass").as_deref(), Some("too_short"));
        assert_eq!(code("ADA@example.com").as_deref(), Some("same_as_email"));
        assert_eq!(code("Qwerty123456").as_deref(), Some("too_common"));
        assert_eq!(code("1qaz2wsx3edc").as_deref(), Some("too_common"));
        assert_eq!(
            code(&"x".repeat(PASSWORD_MAX_CHARS + 1)).as_deref(),
            Some("too_long")
        );
        assert_eq!(code("marmalade lighthouse 42"), None);
    }
}
