//! Checks on how a screen is laid out, as a person would see it.

use serde_json::json;

use super::webdriver::WebDriver;

/// Checks that nothing on the shown screen reaches past the page's right
/// edge: the page itself does not scroll sideways, and nothing but what
/// sits in a scroller of its own (a data table) is wider than the page.
/// Names what does.
pub fn nothing_cut_off_sideways(app: &WebDriver, what: &str) {
    let overflow = app.execute(
        "const page = document.documentElement.clientWidth; \
         const scrolls = (e) => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) { \
           const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; }; \
         const wide = [...document.querySelectorAll('body *')].filter((e) => { \
           const r = e.getBoundingClientRect(); \
           if (r.width === 0 || r.height === 0) return false; \
           if (e.closest('.visually-hidden, [hidden]') || scrolls(e)) return false; \
           return r.right > page + 1; \
         }).slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + \
           (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + \
           ' ' + Math.round(e.getBoundingClientRect().right) + 'px'); \
         return { page, scroll: document.documentElement.scrollWidth, wide };",
        json!([]),
    );
    let page = overflow["page"].as_f64().unwrap();
    let scroll = overflow["scroll"].as_f64().unwrap();
    assert!(
        scroll <= page + 1.0 && overflow["wide"].as_array().unwrap().is_empty(),
        "{what}: content reaches past the {page} px page: {overflow}"
    );
}
