//! Field limits the portal enforces; the client shows them up front.

/// Longest first or last name, in characters.
pub const NAME_MAX_CHARS: usize = 100;
/// Longest phone number, in characters.
pub const PHONE_MAX_CHARS: usize = 40;
/// Fewest digits a non-empty phone number has.
pub const PHONE_MIN_DIGITS: usize = 3;
/// Longest company name, in characters.
pub const COMPANY_MAX_CHARS: usize = 200;
/// Longest job title, in characters.
pub const JOB_TITLE_MAX_CHARS: usize = 100;
/// Longest e-mail address, in characters (RFC 5321 path limit).
pub const EMAIL_MAX_CHARS: usize = 254;
/// Longest password the portal accepts, in characters.
pub const PASSWORD_MAX_CHARS: usize = 1024;
/// Characters a phone number may contain besides digits.
pub const PHONE_PUNCTUATION: &str = " +-()./";
