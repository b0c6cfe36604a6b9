//! The kept knowledge base written out as Markdown files with their
//! images: `Category/Section/Title.md`, the images in an `images` folder
//! beside it, every name made safe. A file already there is never
//! replaced: one with the same bytes counts as unchanged, any other keeps
//! its place and the new text is saved beside it under a numbered name.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use portal_api::kb::{KbArticle, KbCategory};
use serde::Serialize;

use crate::disk::{FileAction, io_error};
use crate::error::{Error, Result};
use crate::publish::publish_bytes;
use crate::safe_names::{join_inside, numbered_name, safe_file_name};
use crate::session::Session;

/// The folder, beside an exported article, of its images.
const IMAGES_FOLDER: &str = "images";

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KbExport {
    /// Files written, articles and images.
    pub written: Vec<PathBuf>,
    /// Files already there with the same bytes.
    pub unchanged: usize,
    /// Files that were there with other bytes: each kept, with the path
    /// the new one was saved under beside it.
    pub kept_beside: Vec<(PathBuf, PathBuf)>,
    /// Images of articles that are not kept on this computer (an article
    /// then shows its description instead).
    pub images_missing: Vec<String>,
}

/// One file to write: where, and its bytes.
struct Planned {
    path: PathBuf,
    bytes: Vec<u8>,
}

impl Session {
    /// Writes every kept article into `folder` (created when missing).
    pub fn export_kept_kb(&self, folder: &Path) -> Result<KbExport> {
        let categories = self
            .kept_kb_categories()?
            .ok_or_else(|| Error::local("the knowledge base was never synced on this computer"))?;
        let articles = self.store.kb_articles()?;
        let mut export = KbExport::default();
        let plan = self.plan_export(folder, &articles, &categories, &mut export)?;
        for file in plan {
            write_new(file, &mut export)?;
        }
        Ok(export)
    }

    /// The files to write: names made safe, and made distinct in their
    /// folder in the order of the articles' ids (so an export made again
    /// names each file as before).
    fn plan_export(
        &self,
        folder: &Path,
        articles: &[KbArticle],
        categories: &[KbCategory],
        export: &mut KbExport,
    ) -> Result<Vec<Planned>> {
        let mut taken: BTreeMap<PathBuf, HashSet<String>> = BTreeMap::new();
        let mut images_named: BTreeMap<(PathBuf, String), String> = BTreeMap::new();
        let mut plan = Vec::new();
        for article in articles {
            let (category, section) = article.place(categories);
            let mut place = folder.to_path_buf();
            for part in [category.unwrap_or("Other"), section.unwrap_or("General")] {
                place = join_inside(&place, &safe_file_name(part, "Other"))?;
            }
            let images_folder = join_inside(&place, IMAGES_FOLDER)?;
            let mut body = article.body.clone();
            for image in &article.images {
                let Some(kept) = self.kept_kb_image(&image.sha256)? else {
                    export
                        .images_missing
                        .push(format!("{} in \"{}\"", image.name, article.title));
                    continue;
                };
                let key = (images_folder.clone(), image.sha256.to_ascii_lowercase());
                let name = match images_named.get(&key) {
                    Some(name) => name.clone(),
                    None => {
                        let name = distinct(
                            taken.entry(images_folder.clone()).or_default(),
                            &safe_file_name(&image.name, "image"),
                        );
                        plan.push(Planned {
                            path: join_inside(&images_folder, &name)?,
                            bytes: kept.bytes,
                        });
                        images_named.insert(key, name.clone());
                        name
                    }
                };
                body = point_image_at(&body, &image.name, &format!("{IMAGES_FOLDER}/{name}"));
            }
            let name = distinct(
                taken.entry(place.clone()).or_default(),
                &safe_file_name(&format!("{}.md", article.title), "article.md"),
            );
            plan.push(Planned {
                path: join_inside(&place, &name)?,
                bytes: article_markdown(article, categories, &body).into_bytes(),
            });
        }
        Ok(plan)
    }
}

/// `name`, or its first numbered form not yet in `taken` (case aside, as
/// Windows and macOS compare names); recorded as taken.
fn distinct(taken: &mut HashSet<String>, name: &str) -> String {
    let mut candidate = name.to_owned();
    let mut n = 0;
    while !taken.insert(candidate.to_lowercase()) {
        n += 1;
        candidate = numbered_name(name, n);
    }
    candidate
}

/// An exported article: its title, where it is filed, its tags and when it
/// changed, then its body.
fn article_markdown(article: &KbArticle, categories: &[KbCategory], body: &str) -> String {
    let mut about = vec![article.place_line(categories)];
    if !article.tags.is_empty() {
        about.push(format!("tags: {}", article.tags.join(", ")));
    }
    about.push(format!("updated {}", article.updated_at.date()));
    format!(
        "# {}\n\n_{}_\n\n{}\n",
        article.title.trim(),
        about.join(" · "),
        body.trim_end()
    )
}

/// `markdown` with the images it shows by `name` pointing at `path`
/// instead (`![…](name)` and `![…](name "title")`).
fn point_image_at(markdown: &str, name: &str, path: &str) -> String {
    let target = if path.contains([' ', '(', ')']) {
        format!("<{path}>")
    } else {
        path.to_owned()
    };
    markdown
        .replace(&format!("]({name})"), &format!("]({target})"))
        .replace(&format!("]({name} \""), &format!("]({target} \""))
}

/// Writes `file` unless a file with its bytes is there already; a file
/// with other bytes is kept and this one saved beside it.
fn write_new(file: Planned, export: &mut KbExport) -> Result<()> {
    let folder = file.path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .map_err(|error| io_error(FileAction::Create, folder, &error))?;
    let name = file
        .path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    match std::fs::read(&file.path) {
        Ok(there) if there == file.bytes => {
            export.unchanged += 1;
            Ok(())
        }
        Ok(_) => {
            let beside = publish_bytes(folder, &name, &file.bytes)?;
            export.kept_beside.push((file.path, beside));
            Ok(())
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let written = publish_bytes(folder, &name, &file.bytes)?;
            export.written.push(written);
            Ok(())
        }
        Err(error) => Err(io_error(FileAction::Read, &file.path, &error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_pointed_at_their_exported_copies_and_names_kept_apart() {
        assert_eq!(
            point_image_at(
                "See ![the form](form.png) and ![it](form.png \"Form\").",
                "form.png",
                "images/form.png"
            ),
            "See ![the form](images/form.png) and ![it](images/form.png \"Form\")."
        );
        assert_eq!(
            point_image_at("![x](a b.png)", "a b.png", "images/a b.png"),
            "![x](<images/a b.png>)"
        );
        let mut taken = HashSet::new();
        assert_eq!(distinct(&mut taken, "Setup.md"), "Setup.md");
        assert_eq!(distinct(&mut taken, "setup.md"), "setup (1).md");
        assert_eq!(distinct(&mut taken, "Setup.md"), "Setup (2).md");
    }
}
