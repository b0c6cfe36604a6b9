//! An article's Markdown as HTML safe to show under the app's strict CSP:
//! rendered by `pulldown-cmark` with raw HTML shown as text, images only
//! from the article's own kept copies, links only to http, https and
//! mailto addresses, then cleaned by `ammonia` (no script, no event
//! handler, no style, no iframe, whatever the portal sent).

use std::collections::HashSet;

use portal_api::kb::KbImage;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// Link schemes an article may point to; the app opens them in the
/// system browser, on a click.
const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];
/// The scheme of the app's own addresses for kept files (`pdfile://…`; on
/// Windows `http://pdfile.localhost/…`, which `http` already covers).
const APP_SCHEME: &str = "pdfile";

/// `markdown` as sanitised HTML. An image is shown when the article lists
/// it by name and `image_url` gives the address of its kept copy (the
/// app's own scheme); any other image becomes its description in
/// brackets, so no remote address is ever fetched.
pub fn article_html(
    markdown: &str,
    images: &[KbImage],
    image_url: impl Fn(&KbImage) -> Option<String>,
) -> String {
    let mut allowed_images = HashSet::new();
    let mut in_dropped_image = false;
    let events = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let url = images
                .iter()
                .find(|image| image.name == dest_url.as_ref())
                .and_then(&image_url);
            match url {
                Some(url) => {
                    allowed_images.insert(url.clone());
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url: CowStr::from(url),
                        title,
                        id,
                    })
                }
                None => {
                    in_dropped_image = true;
                    Event::Text(CowStr::from("["))
                }
            }
        }
        Event::End(TagEnd::Image) if in_dropped_image => {
            in_dropped_image = false;
            Event::Text(CowStr::from("]"))
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: if allowed_link(&dest_url) {
                dest_url
            } else {
                CowStr::from("")
            },
            title,
            id,
        }),
        // Raw HTML in the Markdown is shown as the text it is.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    ammonia::Builder::default()
        .url_schemes(LINK_SCHEMES.into_iter().chain([APP_SCHEME]).collect())
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(
            move |element, attribute, value| match (element, attribute) {
                ("img", "src") => allowed_images.contains(value).then(|| value.into()),
                ("a", "href") => allowed_link(value).then(|| value.into()),
                _ => Some(value.into()),
            },
        )
        .clean(&html)
        .to_string()
}

fn allowed_link(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        LINK_SCHEMES
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(scheme))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(name: &str) -> KbImage {
        KbImage {
            id: 1,
            name: name.into(),
            media_type: "image/png".into(),
            size: 10,
            sha256: "ab".repeat(32),
        }
    }

    fn kept(image: &KbImage) -> Option<String> {
        Some(format!("pdfile://localhost/kb/{}", image.sha256))
    }

    #[test]
    fn markdown_becomes_html_with_tables_and_the_articles_own_images() {
        let html = article_html(
            "# Title\n\nSome **bold** text.\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n![A form](form.png)\n",
            &[image("form.png")],
            kept,
        );
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(
            html.contains(&format!(
                "<img src=\"pdfile://localhost/kb/{}\" alt=\"A form\">",
                "ab".repeat(32)
            )),
            "{html}"
        );
    }

    #[test]
    fn script_handlers_javascript_links_iframes_and_remote_images_are_neutralised() {
        let hostile = "<script>alert(1)</script>\n\n\
            <img src=x onerror=alert(2)>\n\n\
            <iframe src=\"https://evil.example\"></iframe>\n\n\
            [click](javascript:alert(3)) [data](data:text/html,<b>x</b>) [ok](https://example.com/help)\n\n\
            ![tracker](https://evil.example/pixel.png) ![unknown](other.png) ![kept](form.png)\n\n\
            <a href=\"javascript:alert(4)\" onclick=\"alert(5)\">raw</a> <div style=\"position:fixed\">x</div>\n";
        let html = article_html(hostile, &[image("form.png")], kept);
        // Every real tag (escaped text has no `<`) is harmless.
        let tags: Vec<&str> = html
            .split('<')
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap_or_default())
            .collect();
        for tag in &tags {
            let tag = tag.to_lowercase();
            for forbidden in [
                "script",
                "iframe",
                "onerror",
                "onclick",
                "style",
                "javascript:",
                "data:",
                "evil",
            ] {
                assert!(!tag.contains(forbidden), "<{tag}> in {html}");
            }
        }
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "raw HTML shown as text: {html}"
        );
        assert!(
            html.contains(
                "<a href=\"https://example.com/help\" rel=\"noopener noreferrer\">ok</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("[tracker]") && html.contains("[unknown]"),
            "no remote or unlisted image: {html}"
        );
        assert_eq!(html.matches("<img").count(), 1, "only the kept one: {html}");
    }

    #[test]
    fn an_image_not_kept_is_its_description() {
        let html = article_html("![A form](form.png)", &[image("form.png")], |_| None);
        assert_eq!(html.trim(), "<p>[A form]</p>");
    }

    #[test]
    fn a_huge_article_is_rendered_whole() {
        let body = "A paragraph of help text with **words**.\n\n".repeat(20_000);
        let html = article_html(&body, &[], kept);
        assert_eq!(html.matches("<p>").count(), 20_000);
    }
}
