//! Names for downloaded ticket attachments, in the user's chosen format
//! (seed 000): one function shared by downloads, pdesk and the Settings
//! preview.

use portal_api::settings::AttachmentNameFormat;

/// The name of a downloaded attachment: `original` as uploaded, with the
/// ticket number placed as `format` says.
///
/// - `FileName`: `File Name.txt`
/// - `HashTicketPrefix`: `#1234 – File Name.txt` (with an en dash)
/// - `TicketBracketPrefix`: `[Ticket 1234] File Name.txt`
pub fn attachment_file_name(
    format: AttachmentNameFormat,
    ticket_number: u64,
    original: &str,
) -> String {
    match format {
        AttachmentNameFormat::FileName => original.to_owned(),
        AttachmentNameFormat::HashTicketPrefix => format!("#{ticket_number} \u{2013} {original}"),
        AttachmentNameFormat::TicketBracketPrefix => format!("[Ticket {ticket_number}] {original}"),
    }
}

/// A short label for each format, as the Settings tab shows them.
pub fn format_label(format: AttachmentNameFormat) -> String {
    attachment_file_name(format, 1234, "File Name.txt")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_formats_of_seed_000() {
        assert_eq!(
            AttachmentNameFormat::ALL.map(format_label),
            [
                "File Name.txt",
                "#1234 \u{2013} File Name.txt",
                "[Ticket 1234] File Name.txt"
            ]
        );
        assert_eq!(
            attachment_file_name(AttachmentNameFormat::TicketBracketPrefix, 7, "log.txt"),
            "[Ticket 7] log.txt"
        );
    }
}
