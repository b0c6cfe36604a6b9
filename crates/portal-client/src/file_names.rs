//! Names for downloaded ticket attachments, in the user's chosen format
//! (seed 000): one function shared by downloads, pdesk and the Settings
//! preview.

use portal_api::settings::AttachmentNameFormat;

use crate::safe_names::safe_file_name;

/// The name of a downloaded attachment: `original` as uploaded, with the
/// ticket number placed as `format` says, made safe (see
/// [`crate::safe_names`]): whatever the portal sent, the result is one
/// harmless path component.
///
/// - `FileName`: `File Name.txt`
/// - `HashTicketPrefix`: `#1234 – File Name.txt` (with an en dash)
/// - `TicketBracketPrefix`: `[Ticket 1234] File Name.txt`
pub fn attachment_file_name(
    format: AttachmentNameFormat,
    ticket_number: u64,
    original: &str,
) -> String {
    let original = safe_file_name(original, "attachment");
    let named = match format {
        AttachmentNameFormat::FileName => original,
        AttachmentNameFormat::HashTicketPrefix => format!("#{ticket_number} \u{2013} {original}"),
        AttachmentNameFormat::TicketBracketPrefix => format!("[Ticket {ticket_number}] {original}"),
    };
    safe_file_name(&named, "attachment")
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

    #[test]
    fn portal_names_are_made_safe_in_every_format() {
        for format in AttachmentNameFormat::ALL {
            for hostile in [
                "../../.ssh/authorized_keys",
                "NUL.txt",
                "CONIN$",
                "conout$.log",
                "COM¹.txt",
                "LPT9 .txt",
                "",
                "a\u{202E}txt.exe",
                "invoice.pdf          .exe",
            ] {
                let name = attachment_file_name(format, 42, hostile);
                assert!(
                    crate::safe_names::invariant_violations(&name).is_empty(),
                    "{format:?} {hostile:?} → {name:?}"
                );
            }
        }
        assert_eq!(
            attachment_file_name(AttachmentNameFormat::HashTicketPrefix, 42, "../x/NUL.txt"),
            "#42 \u{2013} _x_NUL.txt"
        );
        assert_eq!(
            attachment_file_name(AttachmentNameFormat::FileName, 42, "NUL.txt"),
            "_NUL.txt"
        );
        assert_eq!(
            attachment_file_name(AttachmentNameFormat::TicketBracketPrefix, 42, ""),
            "[Ticket 42] attachment"
        );
        for format in AttachmentNameFormat::ALL {
            let name = attachment_file_name(format, 42, "CONOUT$");
            assert!(name.ends_with("_CONOUT$"), "{format:?} → {name:?}");
        }
    }
}
