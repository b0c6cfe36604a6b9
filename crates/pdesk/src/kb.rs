//! `pdesk kb`: the vendor's knowledge base, synced to this computer and
//! searched there, so it answers offline too.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use portal_api::kb::{KbCategory, KbHit};
use portal_client::outbox::OutboxChange;
use portal_client::{Error, Session};

/// `pdesk kb ...`.
#[derive(Subcommand)]
pub enum KbCommand {
    /// Bring the copy on this computer up to date (one request when
    /// nothing changed) and say what changed.
    Sync,
    /// Search the articles: every word (also as the start of a longer
    /// one), best first; without words, every article of the filters.
    Search {
        /// The words to find.
        text: Option<String>,
        /// Only this category (its name or id).
        #[arg(long)]
        category: Option<String>,
        /// Only articles with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Show an article: where it is filed, its tags and its Markdown.
    Show {
        /// The article's id (from `pdesk kb search`).
        id: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Answer "Was this helpful?" for an article (with --queue, kept in
    /// the outbox when the portal cannot be reached).
    Vote(VoteArgs),
    /// Write every article as a Markdown file with its images into a
    /// folder (Category/Section/Title.md); files already there are never
    /// replaced.
    Export {
        /// The folder to write into (created when missing).
        #[arg(long)]
        to: PathBuf,
    },
}

/// `pdesk kb vote ID --helpful|--not-helpful`.
#[derive(Args)]
pub struct VoteArgs {
    /// The article's id.
    id: i64,
    /// It helped.
    #[arg(
        long,
        conflicts_with = "not_helpful",
        required_unless_present = "not_helpful"
    )]
    helpful: bool,
    /// It did not help.
    #[arg(long)]
    not_helpful: bool,
}

/// Runs `pdesk kb ...`; `queue` keeps a vote made offline in the outbox.
pub async fn kb(session: &Session, command: KbCommand, queue: bool) -> Result<(), Error> {
    match command {
        KbCommand::Sync => {
            let sync = session.sync_knowledge_base().await?;
            if sync.changed {
                println!(
                    "{} articles kept; {} images fetched.",
                    sync.articles, sync.images_fetched
                );
            } else {
                println!("Up to date: {} articles.", sync.articles);
            }
            for refused in &sync.images_refused {
                println!("Not kept: {refused}");
            }
            Ok(())
        }
        KbCommand::Search {
            text,
            category,
            tag,
            json,
        } => {
            let categories = synced_categories(session).await?;
            let category = match category {
                Some(wanted) => Some(category_id(&categories, &wanted)?),
                None => None,
            };
            let hits = session.search_kept_kb(
                text.as_deref().unwrap_or_default(),
                category,
                tag.as_deref(),
            )?;
            if json {
                crate::print_json(&hits);
            } else if hits.is_empty() {
                println!("No article matches.");
            } else {
                print_hits(&hits, &categories);
            }
            Ok(())
        }
        KbCommand::Show { id, json } => {
            let categories = synced_categories(session).await?;
            let article = kept_article(session, id)?;
            if json {
                crate::print_json(&article);
                return Ok(());
            }
            let place = article.place_line(&categories);
            println!("{}", article.title);
            println!("{place}");
            if !article.tags.is_empty() {
                println!("Tags: {}", article.tags.join(", "));
            }
            println!("Updated: {}", article.updated_at.date());
            println!();
            print!("{}", article.body);
            Ok(())
        }
        KbCommand::Vote(VoteArgs { id, helpful, .. }) => vote(session, id, helpful, queue).await,
        KbCommand::Export { to } => {
            synced_categories(session).await?;
            let export = session.export_kept_kb(&to)?;
            for path in &export.written {
                println!("Wrote {}", path.display());
            }
            for (kept, beside) in &export.kept_beside {
                println!(
                    "Kept {} (it differs); the article's text is in {}",
                    kept.display(),
                    beside.display()
                );
            }
            for missing in &export.images_missing {
                println!("Not kept on this computer, so not written: {missing}");
            }
            println!(
                "{} files written, {} already there and the same, {} saved beside a different file.",
                export.written.len(),
                export.unchanged,
                export.kept_beside.len()
            );
            Ok(())
        }
    }
}

async fn vote(session: &Session, id: i64, helpful: bool, queue: bool) -> Result<(), Error> {
    synced_categories(session).await?;
    let article = kept_article(session, id)?;
    let outcome = session.vote_kb_article(id, helpful).await;
    let change = || OutboxChange::KbVote {
        article_id: id,
        title: article.title.clone(),
        helpful,
    };
    match crate::outbox::or_queue(session, queue, outcome, change)? {
        Some(counts) => println!(
            "Thanks: {} of {} found \u{201c}{}\u{201d} helpful.",
            counts.helpful_count,
            counts.helpful_count + counts.not_helpful_count,
            article.title
        ),
        None => session.record_kb_vote(id, helpful)?,
    }
    Ok(())
}

/// Syncs, then answers the kept categories; offline, says so and answers
/// the copy kept before (an error only when none is).
async fn synced_categories(session: &Session) -> Result<Vec<KbCategory>, Error> {
    let offline = match session.sync_knowledge_base().await {
        Ok(_) => None,
        Err(error) if error.is_offline() => Some(error),
        Err(error) => return Err(error),
    };
    match (session.kept_kb_categories()?, offline) {
        (None, Some(error)) => Err(error),
        (kept, offline) => {
            if offline.is_some() {
                eprintln!(
                    "Offline: {} cannot be reached; answering from the copy kept on this computer.",
                    session.account().portal_url
                );
            }
            Ok(kept.unwrap_or_default())
        }
    }
}

/// Article `id` as kept; an error naming it when there is none.
fn kept_article(session: &Session, id: i64) -> Result<portal_api::kb::KbArticle, Error> {
    session
        .kept_kb_article(id)?
        .ok_or_else(|| Error::Validation {
            message: format!("There is no article {id} in the knowledge base."),
            fields: Vec::new(),
        })
}

/// The id of the category named (case aside) or numbered `wanted`.
fn category_id(categories: &[KbCategory], wanted: &str) -> Result<i64, Error> {
    categories
        .iter()
        .find(|category| {
            category.name.eq_ignore_ascii_case(wanted.trim())
                || category.id.to_string() == wanted.trim()
        })
        .map(|category| category.id)
        .ok_or_else(|| {
            let names: Vec<&str> = categories
                .iter()
                .map(|category| category.name.as_str())
                .collect();
            Error::Validation {
                message: format!("No category {wanted:?}; there are: {}.", names.join(", ")),
                fields: Vec::new(),
            }
        })
}

fn print_hits(hits: &[KbHit], categories: &[KbCategory]) {
    for hit in hits {
        let category = categories
            .iter()
            .find(|category| category.id == hit.category_id)
            .map_or("", |category| category.name.as_str());
        println!("{:>5}  {}  ({category})", hit.id, hit.title);
        if !hit.snippet.is_empty() {
            println!("       {}", hit.snippet);
        }
    }
}
