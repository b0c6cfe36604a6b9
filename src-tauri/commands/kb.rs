//! Commands of the Knowledge Base screen and of the new ticket's related
//! articles.

use portal_api::kb::KbHit;
use tauri::State;

use crate::commands::CommandResult;
use crate::desk::Desk;
use crate::desk::kb::{KbArticleView, KbVoteView, KnowledgeBaseView};

/// Syncs the knowledge base and answers its categories (the kept copy,
/// marked, when the portal cannot be reached).
#[tauri::command(rename_all = "snake_case")]
pub async fn load_knowledge_base(desk: State<'_, Desk>) -> CommandResult<KnowledgeBaseView> {
    desk.load_knowledge_base().await
}

/// Searches the kept articles: every word of `text`, of `category` and
/// with `tag` when given, best first.
#[tauri::command(rename_all = "snake_case")]
pub async fn search_knowledge_base(
    desk: State<'_, Desk>,
    text: String,
    category: Option<i64>,
    tag: Option<String>,
) -> CommandResult<Vec<KbHit>> {
    desk.search_knowledge_base(&text, category, tag.as_deref())
        .await
}

/// A kept article as sanitised HTML.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_kb_article(desk: State<'_, Desk>, id: i64) -> CommandResult<KbArticleView> {
    desk.open_kb_article(id).await
}

/// Up to five kept articles related to a new ticket's subject.
#[tauri::command(rename_all = "snake_case")]
pub async fn suggest_kb_articles(
    desk: State<'_, Desk>,
    subject: String,
) -> CommandResult<Vec<KbHit>> {
    desk.suggest_kb_articles(&subject).await
}

/// Opens a link of an article: a web address in the system browser, an
/// e-mail address in the system's e-mail program.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_kb_link(desk: State<'_, Desk>, url: String) -> CommandResult<()> {
    desk.open_kb_link(&url).await
}

/// Answers "Was this helpful?" for an article (kept in the outbox when the
/// portal cannot be reached).
#[tauri::command(rename_all = "snake_case")]
pub async fn vote_kb_article(
    desk: State<'_, Desk>,
    id: i64,
    helpful: bool,
) -> CommandResult<KbVoteView> {
    desk.vote_kb_article(id, helpful).await
}
