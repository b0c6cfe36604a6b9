//! The knowledge-base part of a fixture file: categories, sections and
//! articles with their images, given inline or as `"demo"` for the demo
//! portal's articles (`seeds/knowledge-base.md`).

use anyhow::{Context, bail};
use base64::Engine;
use rusqlite::{Transaction, params};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The demo portal's articles, in the outline format [`parse_outline`] reads.
pub const DEMO_ARTICLES: &str = include_str!("../seeds/knowledge-base.md");

/// The knowledge base of a fixture file.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum KnowledgeBaseFixture {
    /// None.
    #[default]
    #[serde(skip)]
    Empty,
    /// `"demo"`: the demo portal's articles.
    Builtin(String),
    /// Categories given inline.
    Categories(Vec<KbCategoryFixture>),
}

/// A category of articles.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KbCategoryFixture {
    /// Its name, unique.
    pub name: String,
    /// Its sections, in order.
    pub sections: Vec<KbSectionFixture>,
}

/// A section of a category.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KbSectionFixture {
    /// Its name, unique in the category.
    pub name: String,
    /// Its articles, in order.
    pub articles: Vec<KbArticleFixture>,
}

/// An article.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KbArticleFixture {
    /// Its title.
    pub title: String,
    /// Its body in Markdown (any text: fixtures test hostile ones).
    pub body: String,
    /// Its tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// When it last changed: RFC 3339 or relative, like `today-30 09:00`
    /// (default: today at 09:00).
    #[serde(default)]
    pub updated: Option<String>,
    /// The images its body shows.
    #[serde(default)]
    pub images: Vec<KbImageFixture>,
}

/// An image of an article: given as bytes, or drawn (a PNG picture).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KbImageFixture {
    /// Its name in the body.
    pub name: String,
    /// Its media type (default `image/png`).
    #[serde(default)]
    pub media_type: Option<String>,
    /// Its bytes in base64; without them, a PNG picture is drawn.
    #[serde(default)]
    pub base64: Option<String>,
}

/// Loads the knowledge base of a fixture file.
pub fn apply(tx: &Transaction<'_>, fixture: &KnowledgeBaseFixture) -> anyhow::Result<()> {
    let categories = match fixture {
        KnowledgeBaseFixture::Empty => return Ok(()),
        KnowledgeBaseFixture::Builtin(name) if name == "demo" => parse_outline(DEMO_ARTICLES)?,
        KnowledgeBaseFixture::Builtin(other) => {
            bail!("knowledge_base: {other:?} is not \"demo\" or a list of categories")
        }
        KnowledgeBaseFixture::Categories(categories) => return insert_all(tx, categories),
    };
    insert_all(tx, &categories)
}

fn insert_all(tx: &Transaction<'_>, categories: &[KbCategoryFixture]) -> anyhow::Result<()> {
    for (position, category) in categories.iter().enumerate() {
        tx.execute(
            "INSERT INTO kb_categories (name, position) VALUES (?1, ?2)",
            params![category.name, position],
        )
        .with_context(|| format!("knowledge-base category {:?}", category.name))?;
        let category_id = tx.last_insert_rowid();
        for (position, section) in category.sections.iter().enumerate() {
            tx.execute(
                "INSERT INTO kb_sections (category_id, name, position) VALUES (?1, ?2, ?3)",
                params![category_id, section.name, position],
            )
            .with_context(|| format!("knowledge-base section {:?}", section.name))?;
            let section_id = tx.last_insert_rowid();
            for article in &section.articles {
                insert_article(tx, section_id, article)
                    .with_context(|| format!("article {:?}", article.title))?;
            }
        }
    }
    Ok(())
}

fn insert_article(
    tx: &Transaction<'_>,
    section_id: i64,
    article: &KbArticleFixture,
) -> anyhow::Result<()> {
    let updated = article.updated.as_deref().unwrap_or("today 09:00");
    let updated = crate::clock::resolve_time(updated, crate::clock::current().today())
        .with_context(|| format!("{updated:?} is not an RFC 3339 time or a relative one"))?;
    tx.execute(
        "INSERT INTO kb_articles (section_id, title, body, tags, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            section_id,
            article.title,
            article.body,
            serde_json::to_string(&article.tags)?,
            updated.unix_timestamp()
        ],
    )?;
    let article_id = tx.last_insert_rowid();
    for image in &article.images {
        let bytes = match &image.base64 {
            Some(text) => base64::engine::general_purpose::STANDARD
                .decode(text)
                .with_context(|| format!("image {:?}: not base64", image.name))?,
            None => picture(&image.name)?,
        };
        let media_type = image.media_type.as_deref().unwrap_or("image/png");
        tx.execute(
            "INSERT INTO kb_images (article_id, name, media_type, bytes, sha256) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![article_id, image.name, media_type, bytes, hex::encode(Sha256::digest(&bytes))],
        )
        .with_context(|| format!("image {:?}", image.name))?;
    }
    Ok(())
}

/// A 640×360 PNG standing in for a screenshot: a window with a title bar,
/// a side bar and rows, in colours taken from `name`.
pub(crate) fn picture(name: &str) -> anyhow::Result<Vec<u8>> {
    let seed = Sha256::digest(name.as_bytes());
    let accent = image::Rgb([seed[0] / 2 + 30, seed[1] / 2 + 60, seed[2] / 2 + 110]);
    let picture = image::RgbImage::from_fn(640, 360, |x, y| {
        let row = (y.saturating_sub(70)) / 36;
        if y < 40 {
            accent
        } else if x < 150 {
            image::Rgb([232, 236, 242])
        } else if y >= 70 && (y - 70) % 36 < 20 && x < 600 - (row * 37 + u32::from(seed[3])) % 200 {
            image::Rgb([205, 212, 222])
        } else {
            image::Rgb([255, 255, 255])
        }
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut bytes, image::ImageFormat::Png)?;
    Ok(bytes.into_inner())
}

/// Reads the outline format of `seeds/knowledge-base.md`: `# Category`,
/// `## Section` and `### Article title` headings; under a title, `tags:`,
/// `updated:` and `images:` lines (comma-separated), a blank line, then
/// the body up to the next heading of those three levels.
pub fn parse_outline(text: &str) -> anyhow::Result<Vec<KbCategoryFixture>> {
    let mut categories: Vec<KbCategoryFixture> = Vec::new();
    let mut in_header = false;
    for (number, line) in text.lines().enumerate() {
        let place = || format!("knowledge-base outline, line {}", number + 1);
        if let Some(name) = line.strip_prefix("### ") {
            let section = categories
                .last_mut()
                .and_then(|category| category.sections.last_mut())
                .with_context(|| format!("{}: an article outside a section", place()))?;
            section.articles.push(KbArticleFixture {
                title: name.trim().to_owned(),
                body: String::new(),
                tags: Vec::new(),
                updated: None,
                images: Vec::new(),
            });
            in_header = true;
        } else if let Some(name) = line.strip_prefix("## ") {
            let category = categories
                .last_mut()
                .with_context(|| format!("{}: a section outside a category", place()))?;
            category.sections.push(KbSectionFixture {
                name: name.trim().to_owned(),
                articles: Vec::new(),
            });
            in_header = false;
        } else if let Some(name) = line.strip_prefix("# ") {
            categories.push(KbCategoryFixture {
                name: name.trim().to_owned(),
                sections: Vec::new(),
            });
            in_header = false;
        } else if let Some(article) = categories
            .last_mut()
            .and_then(|category| category.sections.last_mut())
            .and_then(|section| section.articles.last_mut())
        {
            if in_header {
                if line.trim().is_empty() {
                    in_header = false;
                } else {
                    read_header_line(article, line).with_context(place)?;
                }
            } else {
                article.body.push_str(line);
                article.body.push('\n');
            }
        }
    }
    for article in categories
        .iter_mut()
        .flat_map(|category| category.sections.iter_mut())
        .flat_map(|section| section.articles.iter_mut())
    {
        article.body = article.body.trim().to_owned();
        article.body.push('\n');
    }
    Ok(categories)
}

fn read_header_line(article: &mut KbArticleFixture, line: &str) -> anyhow::Result<()> {
    let list = |value: &str| -> Vec<String> {
        value
            .split(',')
            .map(|item| item.trim().to_owned())
            .filter(|item| !item.is_empty())
            .collect()
    };
    match line.split_once(':') {
        Some(("tags", value)) => article.tags = list(value),
        Some(("updated", value)) => article.updated = Some(value.trim().to_owned()),
        Some(("images", value)) => {
            article.images = list(value)
                .into_iter()
                .map(|name| KbImageFixture {
                    name,
                    media_type: None,
                    base64: None,
                })
                .collect();
        }
        _ => bail!("{line:?} is not a tags:, updated: or images: line"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_outline_has_about_sixty_articles_with_tags_and_their_images_named_in_the_body() {
        let categories = parse_outline(DEMO_ARTICLES).unwrap();
        let articles: Vec<&KbArticleFixture> = categories
            .iter()
            .flat_map(|category| &category.sections)
            .flat_map(|section| &section.articles)
            .collect();
        assert!((55..=70).contains(&articles.len()), "{}", articles.len());
        assert!(categories.len() >= 4);
        for article in &articles {
            assert!(!article.tags.is_empty(), "{}", article.title);
            assert!(article.body.len() > 200, "{}", article.title);
            for image in &article.images {
                assert!(
                    article.body.contains(&format!("]({})", image.name)),
                    "{} shows {}",
                    article.title,
                    image.name
                );
            }
        }
        assert!(articles.iter().any(|article| !article.images.is_empty()));
    }

    #[test]
    fn a_line_that_is_not_a_header_under_a_title_is_refused_with_its_line() {
        let error = parse_outline("# A\n## B\n### C\nauthor: me\n\nbody\n").unwrap_err();
        assert!(format!("{error:#}").contains("line 4"), "{error:#}");
    }
}
