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
/// Shortest new password the portal accepts, in characters.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Longest password the portal accepts, in characters.
pub const PASSWORD_MAX_CHARS: usize = 1024;
/// Characters a phone number may contain besides digits.
pub const PHONE_PUNCTUATION: &str = " +-()./";
/// Longest reason for a user-name change request, in characters.
pub const REASON_MAX_CHARS: usize = 1000;
/// Largest profile photo file, in bytes (5 MB).
pub const PHOTO_MAX_BYTES: usize = 5 * 1024 * 1024;
/// Shortest side of a profile photo, in pixels.
pub const PHOTO_MIN_SIDE: u32 = 80;
/// Longest side of a profile photo the portal takes, in pixels.
pub const PHOTO_MAX_SIDE: u32 = 4096;
/// Side of the square photo Portal Desk uploads, in pixels.
pub const PHOTO_UPLOAD_SIDE: u32 = 256;
/// Longest search text (`q`) of a list, in characters.
pub const SEARCH_MAX_CHARS: usize = 200;
/// Earliest year a document list can be filtered by.
pub const YEAR_MIN: i32 = 1;
/// Latest year a document list can be filtered by.
pub const YEAR_MAX: i32 = 9999;
