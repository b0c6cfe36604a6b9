//! Portal Desk's languages: English and German.
//!
//! Which language to show (the user's choice, else the system's first
//! language we have, else English), and the messages of the client core
//! (errors and reports) in it, from Project Fluent catalogues under
//! `locales/`. The webview has its own catalogue (`ui/locales/`); the app
//! hands it over with the language.

#![warn(missing_docs)]

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language Portal Desk is translated into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// English, the language everything is written in first.
    English,
    /// German.
    German,
}

impl Language {
    /// Every language, English first.
    pub const ALL: [Language; 2] = [Language::English, Language::German];

    /// The language's code (`en`, `de`).
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
        }
    }

    /// The language's name in itself ("English", "Deutsch").
    pub fn own_name(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::German => "Deutsch",
        }
    }

    /// The language whose code is `code` (`de`, `de-AT`, `de_DE.UTF-8`), if
    /// Portal Desk has it.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|language| language.code() == primary)
    }

    /// The first of `preferred` (most wanted first) that Portal Desk has,
    /// else English.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Language {
        preferred
            .into_iter()
            .find_map(Language::from_code)
            .unwrap_or(Language::English)
    }

    /// The system's language, as far as Portal Desk has it.
    pub fn of_system() -> Language {
        let locales: Vec<String> = sys_locale::get_locales().collect();
        Language::negotiate(locales.iter().map(String::as_str))
    }

    fn index(self) -> u8 {
        match self {
            Language::English => 0,
            Language::German => 1,
        }
    }
}

/// The language messages are given in, for the whole process (a desktop
/// app shows one language at a time).
static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Gives messages in `language` from now on.
pub fn set_current(language: Language) {
    CURRENT.store(language.index(), Ordering::Relaxed);
}

/// The language messages are given in.
pub fn current() -> Language {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Language::German,
        _ => Language::English,
    }
}

/// The files of a language's core catalogue, in `locales/LANG/`: the
/// errors every part shares, the client's and the app's desk's messages (a
/// test checks that none there is left out).
macro_rules! core_catalogue_in {
    ($language:literal) => {
        concat!(
            include_str!(concat!("../locales/", $language, "/core.ftl")),
            "\n",
            include_str!(concat!("../locales/", $language, "/client.ftl")),
            "\n",
            include_str!(concat!("../locales/", $language, "/desk.ftl")),
        )
    };
}

/// The core's catalogue in `language` (Fluent source, one resource).
pub fn core_catalogue(language: Language) -> &'static str {
    match language {
        Language::English => core_catalogue_in!("en"),
        Language::German => core_catalogue_in!("de"),
    }
}

fn bundle(language: Language) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    BUNDLES[usize::from(language.index())].get_or_init(|| {
        let id: LanguageIdentifier = language.code().parse().expect("a valid language code");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Names and paths are isolated by the page where shown; marks in
        // the text would end up in logs and files.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(core_catalogue(language).to_owned()).unwrap_or_else(
            |(_, errors)| {
                panic!(
                    "the {} core catalogue does not parse: {errors:?}",
                    language.code()
                )
            },
        );
        bundle.add_resource(resource).unwrap_or_else(|errors| {
            panic!(
                "the {} core catalogue repeats a message: {errors:?}",
                language.code()
            )
        });
        bundle
    })
}

/// An argument of a message: text or a number (numbers choose plurals).
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    /// Text, shown as it is.
    Text(std::borrow::Cow<'a, str>),
    /// A number, which also selects the plural form.
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text.into())
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text.as_str().into())
    }
}

impl From<String> for Arg<'_> {
    fn from(text: String) -> Self {
        Arg::Text(text.into())
    }
}

macro_rules! number_args {
    ($($kind:ty),*) => {$(
        impl From<$kind> for Arg<'_> {
            fn from(number: $kind) -> Self {
                Arg::Number(number as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

/// `value` with `digits` decimals, written as the current language writes
/// them ("1.5" in English, "1,5" in German); no grouping (for sizes under
/// a thousand units).
pub fn decimal(value: f64, digits: usize) -> String {
    decimal_in(current(), value, digits)
}

/// `value` with `digits` decimals as `language` writes them (see
/// [`decimal`]).
pub fn decimal_in(language: Language, value: f64, digits: usize) -> String {
    let written = format!("{value:.digits$}");
    match language {
        Language::German => written.replace('.', ","),
        Language::English => written,
    }
}

/// Message `id` of the core's catalogue in the current language, with
/// `args`. A message missing there falls back to English; one missing in
/// English too (a fault a test catches) gives its id.
pub fn text(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    text_in(current(), id, args)
}

/// Message `id` in `language`, with `args` (see [`text`]).
pub fn text_in(language: Language, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.to_string())),
            Arg::Number(number) => fluent_args.set(*name, FluentValue::from(*number)),
        }
    }
    for language in [language, Language::English] {
        let bundle = bundle(language);
        if let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) {
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned();
        }
    }
    id.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids of the messages in a Fluent catalogue, in order (terms, which
    /// start with `-`, are not messages).
    fn message_ids(catalogue: &str) -> Vec<String> {
        match FluentResource::try_new(catalogue.to_owned()) {
            Ok(resource) | Err((resource, _)) => resource
                .entries()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                    _ => None,
                })
                .collect(),
        }
    }

    /// Each message's variables, by id (messages here are one line each).
    fn variables(catalogue: &str) -> Vec<(String, Vec<String>)> {
        catalogue
            .lines()
            .filter_map(|line| line.split_once(" = "))
            .filter(|(id, _)| !id.starts_with('#') && !id.starts_with('-'))
            .map(|(id, value)| {
                let mut names: Vec<String> = value
                    .split('$')
                    .skip(1)
                    .map(|rest| {
                        rest.chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect()
                    })
                    .collect();
                names.sort();
                names.dedup();
                (id.trim().to_owned(), names)
            })
            .collect()
    }

    #[test]
    fn english_and_german_have_the_same_messages_with_the_same_variables() {
        for language in Language::ALL {
            let source = core_catalogue(language).to_owned();
            assert!(
                FluentResource::try_new(source).is_ok(),
                "the {} catalogue parses",
                language.code()
            );
        }
        let english = variables(core_catalogue(Language::English));
        let german = variables(core_catalogue(Language::German));
        assert_eq!(english, german);
        assert_eq!(
            message_ids(core_catalogue(Language::English)),
            english.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(),
            "every message is one line"
        );
    }

    #[test]
    fn decimals_are_written_as_the_language_writes_them() {
        assert_eq!(decimal_in(Language::English, 1.54, 1), "1.5");
        assert_eq!(decimal_in(Language::German, 1.54, 1), "1,5");
        assert_eq!(decimal_in(Language::German, 12.0, 0), "12");
    }

    #[test]
    fn the_catalogue_holds_every_file_of_its_language() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        for language in Language::ALL {
            let mut files = 0;
            for entry in std::fs::read_dir(folder.join(language.code())).unwrap() {
                let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                assert!(core_catalogue(language).contains(&source));
                files += 1;
            }
            assert_eq!(
                files,
                3,
                "{}: a file to add to core_catalogue_in!",
                language.code()
            );
        }
    }

    #[test]
    fn every_message_the_code_asks_for_is_in_the_catalogue_and_none_is_unused() {
        let english = message_ids(core_catalogue(Language::English));
        let prefixes: std::collections::HashSet<&str> = english
            .iter()
            .filter_map(|id| id.split('-').next())
            .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut asked = Vec::new();
        // The code that shows the core's messages (the portal and pdesk
        // have words of their own).
        let mut folders = vec![
            root.join("crates/portal-client/src"),
            root.join("src-tauri"),
        ];
        let this_crate = root.join("crates").join("portal-i18n");
        // Literals shaped like ids that are not messages.
        let not_messages = ["outbox-files"];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if path != this_crate {
                        folders.push(path);
                    }
                } else if path.extension().is_some_and(|ext| ext == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    // Every literal shaped like a message id whose first
                    // word starts a message (`"io-cannot-write"`), wherever
                    // it is: ids also sit in tables and match arms.
                    for literal in source.split('"').skip(1).step_by(2) {
                        let shaped = literal.contains('-')
                            && literal.starts_with(|c: char| c.is_ascii_lowercase())
                            && literal
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                        let first = literal.split('-').next().unwrap_or_default();
                        if shaped && prefixes.contains(first) && !not_messages.contains(&literal) {
                            asked.push((path.clone(), literal.to_owned()));
                        }
                    }
                }
            }
        }
        assert!(asked.len() >= 10, "found the messages asked for: {asked:?}");
        let missing: Vec<_> = asked
            .iter()
            .filter(|(_, id)| !english.contains(id))
            .collect();
        assert!(missing.is_empty(), "not in the catalogue: {missing:?}");
        let unused: Vec<_> = english
            .iter()
            .filter(|id| !asked.iter().any(|(_, asked)| asked == *id))
            .collect();
        assert!(
            unused.is_empty(),
            "in the catalogue but never asked for: {unused:?}"
        );
    }

    #[test]
    fn the_first_language_portal_desk_has_is_shown_else_english() {
        assert_eq!(
            Language::negotiate(["fr-FR", "de-AT", "en-US"]),
            Language::German
        );
        assert_eq!(Language::negotiate(["de_DE.UTF-8"]), Language::German);
        assert_eq!(Language::negotiate(["C", "POSIX"]), Language::English);
        assert_eq!(Language::negotiate([]), Language::English);
        assert_eq!(Language::from_code("en-GB"), Some(Language::English));
        assert_eq!(Language::from_code("dE"), Some(Language::German));
        assert_eq!(Language::from_code("deu"), None);
    }

    #[test]
    fn messages_come_in_the_language_asked_for_with_their_arguments() {
        assert_eq!(
            text_in(
                Language::German,
                "error-timeout",
                &[("origin", "https://portal.example.com".into())]
            ),
            "https://portal.example.com hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut."
        );
        assert_eq!(
            text_in(
                Language::English,
                "error-timeout",
                &[("origin", "https://portal.example.com".into())]
            ),
            "https://portal.example.com did not answer in time. Try again."
        );
        assert_eq!(
            text_in(Language::German, "no-such-message", &[]),
            "no-such-message"
        );
    }
}
