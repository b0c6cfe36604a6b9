//! End to end, the Knowledge Base: searched by words, category and tag, an
//! article shown with its image from the kept copy and a hostile article
//! shown harmless, its links opened on a click (a web link in the browser,
//! an e-mail link in the e-mail program), related articles beside a new
//! ticket's subject, and the kept copy searched with the portal stopped.

use crate::support;

use support::accessibility::check_accessibility;

use support::desktop::{APP_TIMEOUT, Desktop};
use support::{SHORT, launch_as_dana};
use test_support::PortalProcess;

/// Script, a handler, a javascript: link, a remote image, a web link and
/// an e-mail link.
const HOSTILE_BODY: &str = "Read this first.\n\n<script>document.title='owned'</script>\n\n\
    <img src=x onerror=\"document.title='owned'\">\n\n[run](javascript:document.title='owned')\n\n\
    ![tracker](http://127.0.0.1:9/pixel.png)\n\nSee [the status page](https://status.example.com/today).\n\n\
    Or [write to us](mailto:help@example.com?subject=Status).\n";

#[test]
fn articles_are_found_shown_with_their_images_and_links_open_in_the_browser_offline_too() {
    let mut portal = PortalProcess::demo();
    rusqlite::Connection::open(portal.db_path())
        .unwrap()
        .execute(
            "INSERT INTO kb_articles (section_id, title, body, tags, updated_at) VALUES (11, 'A hostile article', ?1, '[\"test\"]', 0)",
            [HOSTILE_BODY],
        )
        .unwrap();
    let mut desktop = Desktop::start_with(
        "knowledge-base",
        &[
            ("PORTAL_DESK_TICKET_POLL_SECONDS", "600"),
            ("PORTAL_DESK_BROWSER", "xdg-open"),
        ],
    );
    let app = launch_as_dana(&desktop, portal.url());
    app.click_on("#screen-knowledge-base");
    app.wait_for("#kb-hits", APP_TIMEOUT);

    app.fill("#kb-search", "invoice pdf");
    app.wait_for_text("#kb-hits li:first-child strong", SHORT, |text| {
        text == "Downloading an invoice as a PDF"
    });
    app.click_on("#kb-hits li:first-child .kb-hit");
    app.wait_for_text("#kb-article-title", SHORT, |text| {
        text == "Downloading an invoice as a PDF"
    });
    assert!(
        app.text_of("#kb-article-place")
            .starts_with("Billing and payments › Invoices · updated ")
    );
    let width = app.loaded_image_width("#kb-article-body img", SHORT);
    assert_eq!(width, 640, "the article's picture, from the kept copy");
    app.click_on("#kb-vote-yes");
    app.wait_for_text("#kb-vote-status", SHORT, |text| {
        text == "Thanks for telling us. 1 of 1 person found this helpful."
    });
    assert_eq!(
        app.execute(
            "return document.querySelector('#kb-vote-yes').getAttribute('aria-pressed');",
            serde_json::json!([])
        ),
        "true"
    );
    check_accessibility(&app, "the Knowledge Base with an article");
    desktop.screenshot("article");

    // Filters: a category, then a tag from the article.
    // A space: no words, every article (WebKitWebDriver types no empty text).
    app.fill("#kb-search", " ");
    app.click_on("#kb-category option[value=\"5\"]");
    app.wait_for_text("#kb-hits li:first-child strong", SHORT, |text| {
        text == "Case studies with your customers"
    });
    app.click_on("#kb-category option[value=\"\"]");
    app.click_on("#kb-article .tag[data-tag=\"pdf\"]");
    app.wait_for("#kb-tag", SHORT);
    // The tag is shown at once, the articles tagged pdf (fewer than ten)
    // once the search has answered.
    app.wait_for_texts("#kb-hits li strong", SHORT, |texts| {
        texts.contains(&"Downloading an invoice as a PDF".to_owned()) && texts.len() < 10
    });
    app.click_on("#kb-tag");

    // The hostile article: nothing in it runs or reaches out; its web link
    // opens in the browser on a click.
    app.fill("#kb-search", "hostile");
    app.wait_for_text("#kb-hits li:first-child strong", SHORT, |text| {
        text == "A hostile article"
    });
    app.click_on("#kb-hits li:first-child .kb-hit");
    app.wait_for_text("#kb-article-title", SHORT, |text| {
        text == "A hostile article"
    });
    let inert = app.execute(
        "const body = document.getElementById('kb-article-body'); \
         return [document.title, body.querySelectorAll('script, img, iframe, [onerror]').length, \
                 [...body.querySelectorAll('a')].map((a) => a.getAttribute('href'))];",
        serde_json::json!([]),
    );
    assert_eq!(
        inert[0], "Knowledge Base – Portal Desk",
        "the article did not retitle the page"
    );
    assert_eq!(inert[1], 0, "no script, image or handler: {inert}");
    assert_eq!(
        inert[2],
        serde_json::json!([
            null,
            "https://status.example.com/today",
            "mailto:help@example.com?subject=Status"
        ])
    );
    check_accessibility(&app, "a hostile article shown harmless");
    desktop.screenshot("hostile-article");
    app.click_on("#kb-article-body a[href^=\"https:\"]");
    app.wait_for_text("#kb-notice", SHORT, |text| {
        text.starts_with("Opened https://status.example.com/today")
    });
    assert!(
        desktop
            .opened_with_system()
            .contains(&"https://status.example.com/today".to_owned())
    );
    // Its e-mail link opens a new message in the system's e-mail program.
    app.click_on("#kb-article-body a[href^=\"mailto:\"]");
    app.wait_for_text("#kb-notice", SHORT, |text| {
        text == "Opened a new message to help@example.com in your e-mail program."
    });
    desktop.screenshot("mail-link-opened");
    assert!(
        desktop
            .opened_with_system()
            .contains(&"mailto:help@example.com?subject=Status".to_owned()),
        "{:?}",
        desktop.opened_with_system()
    );

    // A new ticket's subject brings related articles (the one found
    // helpful above first); one opens here.
    app.click_on("#screen-tickets");
    app.click_on("#new-ticket");
    app.fill("#new-ticket-subject", "My invoice is overdue");
    app.wait_for_text(
        "#new-ticket-related li:nth-child(2) button",
        SHORT,
        |text| text == "Why is my invoice marked overdue?",
    );
    let related = app.texts_of_all("#new-ticket-related li");
    assert_eq!(related[0], "Downloading an invoice as a PDF", "{related:?}");
    assert!(related.len() <= 5);
    check_accessibility(&app, "a new ticket with related articles");
    desktop.screenshot("related-articles");
    app.click_on("#new-ticket-related li:nth-child(2) button");
    app.wait_for_text("#kb-article-title", SHORT, |text| {
        text == "Why is my invoice marked overdue?"
    });

    // Offline: the kept copy answers, and says so.
    portal.stop();
    app.click_on("#screen-library");
    app.click_on("#screen-knowledge-base");
    app.wait_for("#kb-offline", APP_TIMEOUT);
    app.fill("#kb-search", "forgot password");
    app.wait_for_text("#kb-hits li:first-child strong", SHORT, |text| {
        text == "I forgot my password"
    });
    app.click_on("#kb-hits li:first-child .kb-hit");
    app.wait_for_text("#kb-article-title", SHORT, |text| {
        text == "I forgot my password"
    });
    app.click_on("#kb-vote-no");
    app.wait_for_text("#kb-vote-status", SHORT, |text| {
        text.starts_with("Saved in the outbox: it will be sent when")
    });
    app.wait_for_text("#outbox-count", SHORT, |text| text == "1");
    desktop.screenshot("offline");
}
