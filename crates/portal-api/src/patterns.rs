//! The text rules of the portal's fields as JSON Schema patterns, for the
//! API document. Each says exactly what the portal's own check accepts
//! (the portal trims a value and then looks at what is left), which the
//! portal's tests prove on generated strings.
//!
//! `WS` below is Unicode's White_Space set, which trimming removes;
//! "control characters" are Unicode's Cc (U+0000–U+001F, U+007F–U+009F).

/// The whitespace characters trimming removes, for a character class.
macro_rules! ws_chars {
    () => {
        r"\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
    };
}

/// The control characters, for a character class.
macro_rules! control_chars {
    () => {
        r"\x00-\x1F\x7F-\x9F"
    };
}

/// A text that must not be blank (it may span lines): at least one
/// character that is not whitespace.
pub const NOT_BLANK: &str = concat!("[^", ws_chars!(), "]");

/// A one-line text that must not be blank: after trimming, at least one
/// character and no control characters.
pub const REQUIRED_LINE: &str = concat!(
    "^[",
    ws_chars!(),
    "]*",
    "[^",
    control_chars!(),
    "]*",
    "[^",
    ws_chars!(),
    control_chars!(),
    "]",
    "[^",
    control_chars!(),
    "]*",
    "[",
    ws_chars!(),
    "]*$"
);

/// A one-line text that may be empty: after trimming, no control
/// characters.
pub const OPTIONAL_LINE: &str = concat!(
    "^[",
    ws_chars!(),
    "]*",
    "[^",
    control_chars!(),
    "]*",
    "[",
    ws_chars!(),
    "]*$"
);

/// A phone number or nothing: after trimming, empty, or digits and
/// ` +-()./` with at least three digits.
pub const PHONE: &str = concat!(
    "^[",
    ws_chars!(),
    "]*",
    r"(?:[0-9 +\-()./]*[0-9][0-9 +\-()./]*[0-9][0-9 +\-()./]*[0-9][0-9 +\-()./]*)?",
    "[",
    ws_chars!(),
    "]*$"
);

/// The characters an e-mail address may not contain besides whitespace
/// and controls, for a character class.
macro_rules! email_refused {
    () => {
        r#"<>()\[\],;:"\\"#
    };
}

/// An e-mail address (after trimming): one `@`, something before it, a
/// dotted domain after it (no empty label), no spaces, control characters
/// or `<>()[],;:"\`.
pub const EMAIL: &str = concat!(
    "^[",
    ws_chars!(),
    "]*",
    "[^@",
    ws_chars!(),
    control_chars!(),
    email_refused!(),
    "]+",
    "@[^@.",
    ws_chars!(),
    control_chars!(),
    email_refused!(),
    "]+",
    "(\\.[^@.",
    ws_chars!(),
    control_chars!(),
    email_refused!(),
    "]+)+",
    "[",
    ws_chars!(),
    "]*$"
);
