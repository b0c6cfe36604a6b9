//! The page served with the first screen kept from the last run in it
//! ([`crate::desk::kept_screen`]): the window paints the user's data as
//! soon as the HTML and the stylesheet are read, before the page's script
//! has been fetched and run. The kept screen is `inert` (nothing in it can
//! be clicked or typed into, and screen readers skip it) until the script
//! draws the live screen in its place. Only the first page load gets it:
//! a later one (after signing out) is the page as built.

use std::borrow::Cow;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use portal_client::Core;
use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::{App, Assets, Runtime};

use crate::desk::kept_screen::{KeptScreen, kept_first_screen};

/// How long the first page request waits for the kept screen to be read
/// (it is read while the window is made, in a few milliseconds): past it,
/// the page is served as built rather than later.
const READ_WAIT: Duration = Duration::from_millis(150);

/// Where the kept screen goes in `index.html`: the content of `#app`
/// between these two comments (the "Starting…" line).
const START_MARK: &str = "<!--kept-screen-->";
const END_MARK: &str = "<!--/kept-screen-->";
/// `#app`'s opening tag, which gets `inert` and `data-kept-screen`.
const APP_ELEMENT: &str = r#"<div id="app">"#;

/// The app's assets, with the kept first screen put into the first
/// `index.html` served.
pub struct PageWithKeptScreen<R: Runtime> {
    page: Box<dyn Assets<R>>,
    kept: Mutex<Option<Receiver<Option<KeptScreen>>>>,
}

impl<R: Runtime> PageWithKeptScreen<R> {
    /// Serves `page`, reading the current account's kept first screen from
    /// `core` on a thread of its own from now.
    pub fn new(page: Box<dyn Assets<R>>, core: Core) -> Self {
        let (send, kept) = channel();
        let spawned = std::thread::Builder::new()
            .name("kept-screen".into())
            .spawn(move || {
                let _ = send.send(kept_first_screen(&core));
            });
        if let Err(error) = spawned {
            tracing::warn!(%error, "cannot read the kept first screen");
        }
        Self {
            page,
            kept: Mutex::new(Some(kept)),
        }
    }

    /// The kept screen, the first time it is asked for (never again).
    fn take_kept(&self) -> Option<KeptScreen> {
        let kept = self.kept.lock().ok()?.take()?;
        match kept.recv_timeout(READ_WAIT) {
            Ok(screen) => screen,
            Err(RecvTimeoutError::Timeout) => {
                tracing::info!(
                    "the kept first screen was not read in time: the page starts without it"
                );
                None
            }
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }
}

impl<R: Runtime> Assets<R> for PageWithKeptScreen<R> {
    fn setup(&self, app: &App<R>) {
        self.page.setup(app);
    }

    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        let page = self.page.get(key)?;
        if *key != AssetKey::from("index.html") {
            return Some(page);
        }
        let Some(kept) = self.take_kept() else {
            return Some(page);
        };
        let with_kept = std::str::from_utf8(&page)
            .ok()
            .and_then(|html| with_kept_screen(html, &kept));
        match with_kept {
            Some(html) => Some(Cow::Owned(html.into_bytes())),
            None => {
                tracing::warn!("the page has no place for the kept first screen");
                Some(page)
            }
        }
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        self.page.iter()
    }

    fn csp_hashes(&self, html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        self.page.csp_hashes(html_path)
    }
}

/// Stands in for the app's assets while [`PageWithKeptScreen`] is put
/// around them (`Context::set_assets` swaps one for another).
pub struct NoAssets;

impl<R: Runtime> Assets<R> for NoAssets {
    fn get(&self, _key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        None
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

/// `html` (the page as built) with `kept` in its `#app` element in place of
/// the "Starting…" line, `#app` inert and marked as showing a kept screen,
/// and the page in the kept screen's language; `None` when the page has no
/// place for it.
pub fn with_kept_screen(html: &str, kept: &KeptScreen) -> Option<String> {
    let start = html.find(START_MARK)?;
    let end = start + html[start..].find(END_MARK)? + END_MARK.len();
    let app = html[..start].rfind(APP_ELEMENT)?;
    let mut page = String::with_capacity(html.len() + kept.markup.len() + 64);
    page.push_str(&in_language(&html[..app], &kept.language));
    page.push_str(r#"<div id="app" inert="" data-kept-screen="">"#);
    page.push_str(&html[app + APP_ELEMENT.len()..start]);
    page.push_str(&kept.markup);
    page.push_str(&html[end..]);
    Some(page)
}

/// The page's head with `<html lang="…">` saying `language` (a language
/// code of the app's own, never the portal's words).
fn in_language(head: &str, language: &str) -> String {
    let code: String = language
        .chars()
        .filter(|character| character.is_ascii_alphanumeric() || *character == '-')
        .collect();
    head.replacen(
        r#"<html lang="en">"#,
        &format!(r#"<html lang="{code}">"#),
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(markup: &str) -> KeptScreen {
        KeptScreen {
            language: "de".into(),
            markup: markup.into(),
        }
    }

    #[test]
    fn the_kept_screen_takes_the_place_of_the_starting_line() {
        let html = concat!(
            r#"<!DOCTYPE html><html lang="en"><head><title>Portal Desk</title></head>"#,
            r#"<body><div id="app"><!--kept-screen--><p class="loading">Starting</p><!--/kept-screen--></div>"#,
            r#"<script>/* paint */</script></body></html>"#,
        );
        let page =
            with_kept_screen(html, &kept(r#"<header class="top-bar">Dana</header>"#)).unwrap();
        assert_eq!(
            page,
            concat!(
                r#"<!DOCTYPE html><html lang="de"><head><title>Portal Desk</title></head>"#,
                r#"<body><div id="app" inert="" data-kept-screen=""><header class="top-bar">Dana</header></div>"#,
                r#"<script>/* paint */</script></body></html>"#,
            )
        );
    }

    #[test]
    fn a_page_without_a_place_for_it_is_left_as_it_is() {
        assert_eq!(
            with_kept_screen(r#"<div id="app"><p>Starting</p></div>"#, &kept("<p>x</p>")),
            None
        );
        assert_eq!(
            with_kept_screen("<!--/kept-screen--><!--kept-screen-->", &kept("<p>x</p>")),
            None
        );
    }

    #[test]
    fn the_built_page_has_the_place_and_only_the_first_load_gets_the_screen() {
        let context: tauri::Context<tauri::test::MockRuntime> = tauri::generate_context!();
        let built = context.assets().get(&AssetKey::from("index.html")).unwrap();
        let built = std::str::from_utf8(&built).unwrap();
        let page = with_kept_screen(built, &kept("<main>Dana Whitfield</main>"))
            .expect("index.html has the kept screen's place");
        assert!(
            page.contains(r#"data-kept-screen=""><main>Dana Whitfield</main></div>"#),
            "{page}"
        );
        assert!(
            !page.contains("loading"),
            "the starting line is gone: {page}"
        );
        assert!(
            page.contains(r#"<html lang="de">"#),
            "in the kept screen's language: {page}"
        );

        let (send, receive) = channel();
        send.send(Some(kept("<main>Dana Whitfield</main>")))
            .unwrap();
        let mut context = context;
        let assets = PageWithKeptScreen {
            page: context.set_assets(Box::new(NoAssets)),
            kept: Mutex::new(Some(receive)),
        };
        let first = Assets::<tauri::test::MockRuntime>::get(&assets, &AssetKey::from("index.html"))
            .unwrap();
        assert!(String::from_utf8_lossy(&first).contains("Dana Whitfield"));
        let again = Assets::<tauri::test::MockRuntime>::get(&assets, &AssetKey::from("index.html"))
            .unwrap();
        assert!(
            !String::from_utf8_lossy(&again).contains("Dana Whitfield"),
            "a second load is the page as built"
        );
        let script =
            Assets::<tauri::test::MockRuntime>::get(&assets, &AssetKey::from("app.js")).unwrap();
        assert!(!script.is_empty(), "the other files are served as they are");
    }
}
