//! The rules of the people fields the portal takes (names, job titles,
//! companies, phone numbers), for the user's own profile and for the
//! contacts an administrator edits alike. A value is trimmed before it is
//! checked and stored; its length limit counts it as sent, as the API
//! document's `maxLength` does. The document states the same rules as the
//! patterns of [`portal_api::patterns`], and the tests below hold the two
//! together.

use portal_api::limits::{EMAIL_MAX_CHARS, PHONE_MAX_CHARS, PHONE_MIN_DIGITS, PHONE_PUNCTUATION};
use portal_api::problem::FieldError;

use crate::error::field_error;

/// A one-line text that must not be blank (a first or last name).
pub fn required_line(field: &str, sent: &str, max: usize) -> Option<FieldError> {
    if sent.trim().is_empty() {
        return Some(field_error(field, "required", "Enter a name."));
    }
    optional_line(field, sent, max)
}

/// A one-line text that may be empty (a company or job title).
pub fn optional_line(field: &str, sent: &str, max: usize) -> Option<FieldError> {
    if sent.trim().chars().any(char::is_control) {
        Some(field_error(
            field,
            "invalid_characters",
            "Remove control characters such as tabs and line breaks.",
        ))
    } else if sent.chars().count() > max {
        Some(field_error(
            field,
            "too_long",
            &format!("Use at most {max} characters."),
        ))
    } else {
        None
    }
}

/// A phone number, or nothing: digits and ` +-()./`, at least
/// [`PHONE_MIN_DIGITS`] digits.
pub fn phone(field: &str, sent: &str) -> Option<FieldError> {
    let value = sent.trim();
    if sent.chars().count() > PHONE_MAX_CHARS {
        Some(field_error(
            field,
            "too_long",
            &format!("Use at most {PHONE_MAX_CHARS} characters."),
        ))
    } else if value.is_empty() {
        None
    } else if value
        .chars()
        .any(|c| !c.is_ascii_digit() && !PHONE_PUNCTUATION.contains(c))
    {
        Some(field_error(
            field,
            "invalid_characters",
            "Use digits, spaces and + - ( ) . / only.",
        ))
    } else if value.chars().filter(char::is_ascii_digit).count() < PHONE_MIN_DIGITS {
        Some(field_error(
            field,
            "too_short",
            &format!("Enter at least {PHONE_MIN_DIGITS} digits."),
        ))
    } else {
        None
    }
}

/// An e-mail address (trimmed): one `@`, something before it, a dotted
/// domain after it, no spaces, control characters or `<>()[],;:"\`.
pub fn email(field: &str, sent: &str) -> Option<FieldError> {
    let email = sent.trim();
    if email.is_empty() {
        return Some(field_error(field, "required", "Enter an e-mail address."));
    }
    if sent.chars().count() > EMAIL_MAX_CHARS {
        return Some(field_error(
            field,
            "too_long",
            &format!("An e-mail address has at most {EMAIL_MAX_CHARS} characters."),
        ));
    }
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
                && !email
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c))
        }
        None => false,
    };
    if valid {
        None
    } else {
        Some(field_error(
            field,
            "invalid",
            "Enter an e-mail address such as name@example.com.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_api::patterns::{EMAIL, OPTIONAL_LINE, PHONE, REQUIRED_LINE};
    use regex::Regex;

    /// Strings built from the characters the rules care about: spaces of
    /// every kind at the ends and inside, controls, digits, punctuation.
    fn samples() -> Vec<String> {
        let pieces = [
            "", " ", "\t", "\n", "\u{85}", "\u{a0}", "\u{2003}", "\u{3000}", "\u{1c}", "\u{7f}",
            "\u{9f}", "\u{feff}", "a", "é", "Ω", "0", "12", "+44", "(0)", "-", ".", "/", "x",
        ];
        let mut samples = Vec::new();
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    samples.push(format!("{first}{second}{third}"));
                }
            }
        }
        samples
    }

    /// The document's pattern accepts exactly what the portal accepts.
    fn agree(pattern: &str, portal: impl Fn(&str) -> bool) {
        let pattern = Regex::new(pattern).expect("the pattern compiles");
        for sample in samples() {
            assert_eq!(
                pattern.is_match(&sample),
                portal(&sample),
                "{sample:?}: the document and the portal disagree"
            );
        }
    }

    #[test]
    fn required_lines_agree_with_the_document() {
        agree(REQUIRED_LINE, |value| {
            required_line("f", value, usize::MAX).is_none()
        });
    }

    #[test]
    fn optional_lines_agree_with_the_document() {
        agree(OPTIONAL_LINE, |value| {
            optional_line("f", value, usize::MAX).is_none()
        });
    }

    #[test]
    fn phones_agree_with_the_document() {
        agree(PHONE, |value| phone("f", value).is_none());
    }

    #[test]
    fn emails_agree_with_the_document() {
        let pattern = Regex::new(EMAIL).unwrap();
        let pieces = [
            "", " ", "\t", "a", "B.c", ".", "..", "@", "@@", "x@y.z", "é", "\u{a0}", "\u{7}", "<",
            ";", "\"", "\\", "+", "-",
        ];
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    for fourth in ["", "@a.b", ".c", " "] {
                        let sample = format!("{first}{second}{third}{fourth}");
                        assert_eq!(
                            pattern.is_match(&sample),
                            email("f", &sample).is_none(),
                            "{sample:?}: the document and the portal disagree"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn email_shapes() {
        for good in ["a@b.co", "ada.lovelace+portal@example.co.uk", " a@b.co\t"] {
            assert!(email("e", good).is_none(), "{good}");
        }
        for (bad, code) in [
            ("", "required"),
            ("no-at-sign", "invalid"),
            ("@example.com", "invalid"),
            ("a@localhost", "invalid"),
            ("a@b@c.com", "invalid"),
            ("a b@c.com", "invalid"),
            ("a@c..com", "invalid"),
            ("a@.c.com", "invalid"),
        ] {
            assert_eq!(
                email("e", bad).map(|e| e.code).as_deref(),
                Some(code),
                "{bad}"
            );
        }
    }

    #[test]
    fn lengths_count_what_was_sent() {
        assert!(required_line("f", &"a".repeat(100), 100).is_none());
        assert!(required_line("f", &format!(" {}", "a".repeat(100)), 100).is_some());
        assert!(phone("f", &"1".repeat(PHONE_MAX_CHARS)).is_none());
        assert!(phone("f", &format!("{} ", "1".repeat(PHONE_MAX_CHARS))).is_some());
    }
}
