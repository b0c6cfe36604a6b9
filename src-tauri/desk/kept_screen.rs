//! The first screen kept for the next start: the page's own markup of My
//! Details as it last showed it, kept in the account's store. At the next
//! start the shell puts it in the page it serves, so the window paints the
//! user's data before the page's script has run; the script then draws the
//! live screen in its place. Kept only for the account that showed it, in
//! the language and build of the page that made it, and forgotten when the
//! account signs out or its session is gone.

use portal_client::{Account, Core, Error, Result};
use portal_i18n::text;
use serde::{Deserialize, Serialize};

use crate::desk::Desk;
use crate::desk::preferences::language_setting_of;

/// Where the kept first screen is in an account's store.
const KEPT_SCREEN_KEY: &str = "kept_first_screen";

/// The largest markup kept (the profile photo is in it, twice, as a
/// `data:` address).
pub const MAX_KEPT_MARKUP_BYTES: usize = 2 * 1024 * 1024;

/// This build of the page (`build.rs`): a first screen kept by another
/// build is not shown.
const PAGE_BUILD: &str = env!("PORTAL_DESK_PAGE_BUILD");

/// A first screen as kept in the store.
#[derive(Serialize, Deserialize)]
struct KeptCopy {
    page_build: String,
    language: String,
    markup: String,
}

/// The first screen to put in the page before its script runs: markup
/// cleaned when it was kept, and the language it is in.
pub struct KeptScreen {
    /// The page's language code (`en`, `de`).
    pub language: String,
    /// The `#app` element's content.
    pub markup: String,
}

impl std::fmt::Debug for KeptScreen {
    // The markup holds the user's profile: not for logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptScreen")
            .field("language", &self.language)
            .field("markup_bytes", &self.markup.len())
            .finish()
    }
}

impl Desk {
    /// Keeps `markup`, the page's first screen as now shown for the account
    /// `account_id`, for the next start. Cleaned first: only the elements
    /// and attributes the page draws stay, nothing that runs. Nothing is
    /// kept when another account is shown by now.
    pub async fn keep_first_screen(&self, account_id: &str, markup: &str) -> Result<()> {
        if markup.len() > MAX_KEPT_MARKUP_BYTES {
            return Err(Error::Validation {
                message: text(
                    "desk-kept-screen-too-large",
                    &[
                        ("size", markup.len().into()),
                        ("limit", MAX_KEPT_MARKUP_BYTES.into()),
                    ],
                ),
                fields: Vec::new(),
            });
        }
        let session = self.session().await?;
        if session.account().id != account_id {
            tracing::debug!("first screen not kept: another account is shown by now");
            return Ok(());
        }
        let copy = KeptCopy {
            page_build: PAGE_BUILD.to_owned(),
            language: self.language_setting().shown.code().to_owned(),
            markup: clean_markup(markup),
        };
        session.keep_own(KEPT_SCREEN_KEY, &copy)
    }
}

/// The current account's kept first screen, when this build of the page in
/// the language it will show can use it; `None` otherwise (why is logged).
pub fn kept_first_screen(core: &Core) -> Option<KeptScreen> {
    let book = core
        .accounts()
        .inspect_err(
            |error| tracing::warn!(%error, "cannot read the accounts for the kept first screen"),
        )
        .ok()?;
    let account = book.current()?;
    let copy: KeptCopy = core
        .own_kept(account, KEPT_SCREEN_KEY)
        .inspect_err(|error| tracing::warn!(%error, "cannot read the kept first screen"))
        .ok()??;
    let language = language_setting_of(core).shown.code();
    if copy.page_build != PAGE_BUILD || copy.language != language {
        tracing::debug!("the kept first screen is of another build or language");
        return None;
    }
    // Cleaned again: the store is a file like any other.
    Some(KeptScreen {
        language: copy.language,
        markup: clean_markup(&copy.markup),
    })
}

/// Forgets `account`'s kept first screen (its session is gone: the next
/// start shows the sign-in form, not its data). A failure is logged.
pub(crate) fn forget_kept_screen(core: &Core, account: &Account) {
    if let Err(error) = core.forget_own(account, KEPT_SCREEN_KEY) {
        tracing::warn!(%error, "cannot forget the kept first screen");
    }
}

/// Elements the page draws (not `script`, `style`, `iframe`, `link`,
/// `meta`, `base` or `object`: what runs, fetches or restyles).
const KEPT_TAGS: [&str; 50] = [
    "a", "abbr", "article", "aside", "bdi", "br", "button", "code", "dd", "details", "div", "dl",
    "dt", "em", "fieldset", "footer", "form", "h1", "h2", "h3", "h4", "header", "hr", "img",
    "input", "label", "legend", "li", "main", "nav", "ol", "option", "output", "p", "pre",
    "progress", "section", "select", "small", "span", "strong", "table", "tbody", "td", "textarea",
    "th", "thead", "time", "tr", "ul",
];
/// Attributes any of them may have (besides `aria-…` and `data-…`; no
/// event handler, no `style`, and no `id`: nothing in the kept screen is
/// found in place of the live screen's element).
#[rustfmt::skip]
const KEPT_ATTRIBUTES: [&str; 40] = [
    "alt", "autocomplete", "checked", "class", "cols", "colspan", "datetime", "dir", "disabled",
    "for", "height", "hidden", "href", "inputmode", "lang", "max", "maxlength", "min",
    "minlength", "multiple", "name", "novalidate", "open", "pattern", "placeholder", "readonly",
    "required", "role", "rows", "rowspan", "scope", "selected", "size", "spellcheck", "src",
    "tabindex", "title", "type", "value", "width",
];

/// `markup` with only the page's own elements and attributes: no script,
/// style, frame, event handler or address but a `data:` image or one of
/// the page's own files.
fn clean_markup(markup: &str) -> String {
    let cleaned = ammonia::Builder::empty()
        .add_tags(KEPT_TAGS)
        .add_generic_attributes(KEPT_ATTRIBUTES)
        .add_generic_attribute_prefixes(["aria-", "data-"])
        .url_schemes(["data"].into())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .clean(markup)
        .to_string();
    without_password_values(&cleaned)
}

/// `markup` as the cleaner wrote it (each attribute value in double
/// quotes, a quote in it escaped) with no value on any password field: the
/// page leaves them out, and a password typed is never kept even if it did
/// not.
fn without_password_values(markup: &str) -> String {
    let mut kept = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(at) = rest.find("<input") {
        kept.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some((attributes, length)) = tag_attributes(rest) else {
            // Not a tag the cleaner wrote: nothing after it is kept.
            return kept;
        };
        let password = attributes
            .iter()
            .any(|(name, value)| *name == "type" && value.eq_ignore_ascii_case("password"));
        kept.push_str("<input");
        for (name, value) in attributes {
            match (name, value) {
                ("value", _) if password => {}
                (name, value) => {
                    kept.push(' ');
                    kept.push_str(name);
                    kept.push_str("=\"");
                    kept.push_str(value);
                    kept.push('"');
                }
            }
        }
        kept.push('>');
        rest = &rest[length..];
    }
    kept.push_str(rest);
    kept
}

/// The attributes of the tag `tag` begins with (`<name a="1" b="">…`),
/// values as written, and the tag's length; `None` when it is not one.
fn tag_attributes(tag: &str) -> Option<(Vec<(&str, &str)>, usize)> {
    let mut at = tag.find(|character: char| character.is_ascii_whitespace() || character == '>')?;
    let mut attributes = Vec::new();
    loop {
        let rest = &tag[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        if trimmed.starts_with('>') {
            return Some((attributes, at + 1));
        }
        let name_end = trimmed.find('=')?;
        let name = &trimmed[..name_end];
        let value = trimmed[name_end..].strip_prefix("=\"")?;
        let value_end = value.find('"')?;
        attributes.push((name, &value[..value_end]));
        at += name_end + 2 + value_end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_page_draws_is_kept_as_it_is() {
        let markup = r#"<header class="top-bar"><div class="brand small"><img src="icon.png" alt="" width="28" height="28"><span>Portal Desk</span></div></header><label for="field-first_name">First name</label><input name="first_name" value="Dana &amp; Co" aria-describedby="error-first_name" autocomplete="given-name"><button type="button" disabled="">Save</button><p role="status" aria-live="polite" data-kind="x">Ready</p>"#;
        assert_eq!(clean_markup(markup), markup);
        assert_eq!(
            clean_markup(r#"<button id="save-changes">Save</button>"#),
            "<button>Save</button>",
            "no id is kept"
        );
    }

    #[test]
    fn nothing_that_runs_or_fetches_is_kept() {
        let cleaned = clean_markup(concat!(
            r#"<script>alert(1)</script><style>body{}</style><iframe src="https://example.com"></iframe>"#,
            r#"<img src="https://example.com/t.png" onerror="alert(2)"><a href="javascript:alert(3)">x</a>"#,
            r#"<div style="color:red" onclick="alert(4)">Dana</div><img src="data:image/png;base64,AAAA" alt="">"#,
            r#"<meta http-equiv="refresh" content="0"><base href="https://example.com/"><link rel="stylesheet" href="https://example.com/s.css">"#,
        ));
        for gone in [
            "<script",
            "alert(1)",
            "<style",
            "<iframe",
            "example.com",
            "onerror",
            "javascript:",
            "style=",
            "onclick",
            "<meta",
            "<base",
            "<link",
        ] {
            assert!(!cleaned.contains(gone), "{gone} is gone from {cleaned}");
        }
        assert!(cleaned.contains("<div>Dana</div>"), "{cleaned}");
        assert!(
            cleaned.contains(r#"<img src="data:image/png;base64,AAAA" alt="">"#),
            "the photo stays: {cleaned}"
        );
    }

    #[test]
    fn a_password_field_keeps_no_value() {
        let cleaned = clean_markup(concat!(
            r#"<label>Current password<input type="password" autocomplete="current-password" value="Sup3r &quot;secret&quot; > pw"></label>"#,
            r#"<input name="city" value="Köln > Bonn" disabled=""><input type="PASSWORD" value="two">"#,
        ));
        assert_eq!(
            cleaned,
            concat!(
                r#"<label>Current password<input type="password" autocomplete="current-password"></label>"#,
                r#"<input name="city" value="Köln &gt; Bonn" disabled=""><input type="PASSWORD">"#,
            )
        );
    }

    #[test]
    fn a_kept_screen_is_not_written_to_a_log() {
        let screen = KeptScreen {
            language: "en".into(),
            markup: "<p>Dana Whitfield, +44 7700 900123</p>".into(),
        };
        let logged = format!("{screen:?}");
        assert!(
            !logged.contains("Dana") && !logged.contains("7700"),
            "{logged}"
        );
        assert!(logged.contains("markup_bytes"), "{logged}");
    }
}
