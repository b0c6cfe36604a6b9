//! The vendor's knowledge base (seed 002's help centre): articles in
//! categories and sections, searchable, with "Was this helpful?" votes and
//! suggestions for a ticket's subject.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

/// Longest search text or ticket subject the search and suggestions take.
pub const KB_QUERY_MAX_CHARS: usize = 200;
/// Most articles a suggestion answers.
pub const KB_SUGGESTIONS_MAX: usize = 5;
/// Most words of a search or subject that are looked for.
pub const KB_QUERY_MAX_WORDS: usize = 32;
/// Shortest word of a ticket subject that suggestions look for.
pub const KB_SUGGESTION_MIN_WORD: usize = 3;

/// How a search is matched, the same on the portal and in a client's
/// kept copy: an SQLite FTS5 query finding every word of `text` (each also
/// as the start of a longer word), or, for a ticket `subject`, any of its
/// words of [`KB_SUGGESTION_MIN_WORD`] letters or more. Words are runs of
/// letters and digits, lower-cased, quoted: nothing typed is read as
/// query syntax. `None` when there is no word to look for.
pub fn kb_match_query(text: &str, subject: bool) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .filter(|word| !subject || word.chars().count() >= KB_SUGGESTION_MIN_WORD)
        .take(KB_QUERY_MAX_WORDS)
        .map(|word| format!("\"{}\"*", word.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(if subject { " OR " } else { " " }))
}

/// A category of articles with its sections, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KbCategory {
    /// The category's id.
    pub id: i64,
    /// Its name ("Billing and payments").
    pub name: String,
    /// Its sections, in display order.
    pub sections: Vec<KbSection>,
}

/// A section of a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KbSection {
    /// The section's id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// An image or other file an article shows; its body refers to it by
/// `name` (`![A sample invoice](sample-invoice.png)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KbImage {
    /// The image's id (`GET /api/v1/kb/images/{id}`).
    pub id: i64,
    /// Its name in the article's body.
    pub name: String,
    /// Its media type as the portal stores it (a client checks the bytes).
    pub media_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
}

/// One article, whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KbArticle {
    /// The article's id.
    pub id: i64,
    /// Its category's id.
    pub category_id: i64,
    /// Its section's id.
    pub section_id: i64,
    /// Its title.
    pub title: String,
    /// Its body in Markdown (CommonMark); untrusted: a client renders it
    /// through a sanitiser.
    pub body: String,
    /// Its tags.
    pub tags: Vec<String>,
    /// When it last changed.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The images its body shows.
    pub images: Vec<KbImage>,
}

/// An article found by a search or suggested for a subject, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct KbHit {
    /// The article's id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its category's id.
    pub category_id: i64,
    /// Its tags.
    pub tags: Vec<String>,
    /// A few words of the body around what matched, as plain text.
    pub snippet: String,
}

impl KbArticle {
    /// Where the article is filed among `categories`: its category's name
    /// and its section's, when they are listed.
    pub fn place<'a>(&self, categories: &'a [KbCategory]) -> (Option<&'a str>, Option<&'a str>) {
        let category = categories
            .iter()
            .find(|category| category.id == self.category_id);
        let section = category.and_then(|category| {
            category
                .sections
                .iter()
                .find(|section| section.id == self.section_id)
        });
        (
            category.map(|category| category.name.as_str()),
            section.map(|section| section.name.as_str()),
        )
    }

    /// "Category › Section" (or the parts of it that are listed).
    pub fn place_line(&self, categories: &[KbCategory]) -> String {
        match self.place(categories) {
            (Some(category), Some(section)) => format!("{category} \u{203a} {section}"),
            (Some(category), None) => category.to_owned(),
            _ => String::new(),
        }
    }
}

impl KbHit {
    /// A hit from an FTS5 row, as the portal and a client's kept copy both
    /// read it: the tags as their stored JSON array, the snippet as cut
    /// from the Markdown (made plain here).
    pub fn from_stored(
        id: i64,
        title: String,
        category_id: i64,
        tags_json: &str,
        snippet_markdown: &str,
    ) -> Self {
        Self {
            id,
            title,
            category_id,
            tags: serde_json::from_str(tags_json).unwrap_or_default(),
            snippet: kb_plain_snippet(snippet_markdown),
        }
    }
}

/// "Was this helpful?", as the user answered it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KbVote {
    /// True for "yes", false for "no".
    pub helpful: bool,
}

/// An article's votes after the user's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct KbVoteCount {
    /// The user's own answer.
    pub helpful: bool,
    /// How many people found the article helpful.
    pub helpful_count: i64,
    /// How many did not.
    pub not_helpful_count: i64,
}

/// A snippet of an article's Markdown as plain words on one line: the
/// marks of emphasis, headings, links and tables taken off.
pub fn kb_plain_snippet(markdown: &str) -> String {
    // A link's or image's address goes; its text stays.
    let mut text = markdown.to_owned();
    while let Some(start) = text.find("](") {
        match text[start..].find(')') {
            Some(length) => text.replace_range(start + 1..start + length + 1, ""),
            None => break,
        }
    }
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| "#*_`>[]()!|".contains(c)))
        // Table rules (`---`, `:--:`) are no words.
        .filter(|word| !word.chars().all(|c| "-:".contains(c)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The FTS5 `snippet()` arguments both copies use: the body column, no
/// highlight marks, `…` where text was cut, about 16 words.
pub const KB_SNIPPET_SQL: &str = "snippet(kb_search, 1, '', '', '…', 16)";
/// The FTS5 ranking both copies use: a match in the title counts most,
/// then in the tags, then in the body.
pub const KB_RANK_SQL: &str = "bm25(kb_search, 10.0, 1.0, 4.0)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_quoted_prefix_words_and_never_query_syntax() {
        assert_eq!(
            kb_match_query("Invoice \"PDF\" NEAR(x) title:*", false).as_deref(),
            Some(r#""invoice"* "pdf"* "near"* "x"* "title"*"#)
        );
        assert_eq!(
            kb_match_query("My invoice is overdue", true).as_deref(),
            Some(r#""invoice"* OR "overdue"*"#)
        );
        assert_eq!(kb_match_query("a b to", true), None);
        assert_eq!(
            kb_plain_snippet("| format | example |\n| --- | :--: |\n| **Number** and [title](x) |"),
            "format example Number and title"
        );
        assert_eq!(kb_match_query(" -- ", false), None);
        assert_eq!(
            kb_match_query("Ärger über Rechnungen", false).as_deref(),
            Some(r#""ärger"* "über"* "rechnungen"*"#)
        );
    }
}
