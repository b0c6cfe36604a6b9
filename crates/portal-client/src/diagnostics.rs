//! What a support team asks for first, as text the user copies: the app's
//! version, the operating system, the portal's origin and the last lines of
//! the log. The log never holds a secret; the lines are redacted once more
//! on the way out anyway (e-mail addresses, and anything that looks like a
//! token), since the user pastes them into a ticket or an e-mail.

/// The facts to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    /// The app's version.
    pub version: String,
    /// The operating system and processor, e.g. `linux x86_64`.
    pub os: String,
    /// The signed-in portal's origin, if any.
    pub portal: Option<String>,
    /// The last lines of the log, oldest first.
    pub log_lines: Vec<String>,
}

impl Diagnostics {
    /// The text to paste into a support request; log lines redacted.
    pub fn to_text(&self) -> String {
        let mut text = format!(
            "Portal Desk {}\nSystem: {}\nPortal: {}\n\nLast log lines:\n",
            self.version,
            self.os,
            self.portal.as_deref().unwrap_or("(not signed in)")
        );
        if self.log_lines.is_empty() {
            text.push_str("(none)\n");
        }
        for line in &self.log_lines {
            text.push_str(&redact_line(line));
            text.push('\n');
        }
        text
    }
}

/// The shortest run of letters, digits, `-` and `_` taken for a token.
const TOKEN_MIN_CHARS: usize = 20;

/// `line` with e-mail addresses replaced by `<e-mail>` and token-like runs
/// (20 or more letters, digits, `-` or `_` with a digit among them) by
/// `<redacted>`.
pub fn redact_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for (index, word) in line.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        out.push_str(&redact_word(word));
    }
    out
}

fn redact_word(word: &str) -> String {
    if let Some(at) = word.find('@') {
        let (local, domain) = word.split_at(at);
        let local_ok = local
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || "._%+-".contains(c));
        if local_ok && domain[1..].contains('.') {
            let start = local
                .rfind(|c: char| !(c.is_alphanumeric() || "._%+-".contains(c)))
                .map_or(0, |i| i + 1);
            let end = domain
                .find(|c: char| !(c.is_alphanumeric() || ".-@".contains(c)))
                .map_or(domain.len(), |i| i);
            return format!("{}<e-mail>{}", &local[..start], redact_word(&domain[end..]));
        }
    }
    let mut out = String::with_capacity(word.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let looks_like_token =
            run.chars().count() >= TOKEN_MIN_CHARS && run.chars().any(|c| c.is_ascii_digit());
        if looks_like_token {
            out.push_str("<redacted>");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in word.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_tokens_are_redacted_and_the_rest_kept() {
        assert_eq!(
            redact_line("signed in as dana@example.com (portal=https://portal.example.com)"),
            "signed in as <e-mail> (portal=https://portal.example.com)"
        );
        assert_eq!(
            redact_line("token=Zk3q9x0PLm2n8VbT4rYw7u1 answered 401"),
            "token=<redacted> answered 401"
        );
        let plain =
            "2026-11-30T10:00:00Z INFO portal_client::http: answered path=/api/v1/me status=200";
        assert_eq!(redact_line(plain), plain, "dates, paths and words stay");
        assert_eq!(
            redact_line("download_stopped_because_the_portal_failed"),
            "download_stopped_because_the_portal_failed",
            "a long name without digits is a word"
        );
    }

    #[test]
    fn the_text_names_version_system_portal_and_lines() {
        let text = Diagnostics {
            version: "0.1.0".into(),
            os: "linux x86_64".into(),
            portal: Some("https://portal.example.com".into()),
            log_lines: vec!["refresh for lee@example.com failed".into()],
        }
        .to_text();
        assert_eq!(
            text,
            "Portal Desk 0.1.0\nSystem: linux x86_64\nPortal: https://portal.example.com\n\nLast log lines:\nrefresh for <e-mail> failed\n"
        );
    }
}
