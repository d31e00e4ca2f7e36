//! The charter in the console: the version in force, publishing a new one (federation
//! administrators), and who accepted which version.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use serde::Deserialize;

use super::session::{Admin, AdminForm, Notice};
use super::{Frame, PageResult, commit, done, render};
use crate::moderation::charter::{self, Acceptance, Version};
use crate::sync::log::ChangeSet;
use crate::{AppState, on_tx};

const PAGE: i64 = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/charter", get(charter_page).post(publish))
        .route("/admin/charter/{version}", get(acceptances_page))
}

#[derive(Template)]
#[template(path = "admin/charter.html")]
struct CharterPage {
    frame: Frame,
    current: Option<Version>,
    /// What the editor holds: the draft, else the version in force.
    editing: String,
    has_draft: bool,
    versions: Vec<(i64, chrono::DateTime<chrono::Utc>, i64)>,
}

/// The next version as members will read it, before it is published.
#[derive(Template)]
#[template(path = "admin/charter_preview.html")]
struct PreviewPage {
    frame: Frame,
    version: i64,
    text: String,
}

impl PreviewPage {
    /// The text's paragraphs (blank lines apart), as the apps show them.
    fn paragraphs(&self) -> Vec<&str> {
        self.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect()
    }
}

async fn charter_page(State(state): State<AppState>, admin: Admin, notice: Notice) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let current = charter::current(&mut tx).await?;
    let versions: Vec<(i64, chrono::DateTime<chrono::Utc>, i64)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT v.version, v.published_at, (SELECT COUNT(*) FROM charter_acceptances a WHERE a.version = v.version) FROM charter_versions v ORDER BY v.version DESC LIMIT 100")
        .fetch_all(c).await)?;
    let draft = charter::draft(&mut tx).await?;
    tx.commit().await?;
    let has_draft = draft.is_some();
    let editing = draft.or_else(|| current.as_ref().map(|c| c.text.clone())).unwrap_or_default();
    Ok(render(&CharterPage { frame: admin.frame("charter", notice), current, editing, has_draft, versions }))
}

#[derive(Deserialize)]
struct PublishForm {
    text: String,
    /// `draft` (keep it for later), `preview` (see it as members will), `edit` (back to the
    /// editor from the preview), or `publish` (the default: in force at once).
    #[serde(default)]
    step: String,
}

async fn publish(State(state): State<AppState>, form: AdminForm<PublishForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    admin.require_federation_admin()?;
    let mut tx = state.db.begin_write().await?;
    match form.step.as_str() {
        "draft" | "edit" => {
            // Back from the preview, or kept for later: the editor holds it as a draft.
            charter::save_draft(&mut tx, &admin.actor(), &form.text).await?;
            commit(&state, tx, ChangeSet::default()).await?;
            let notice = if form.step == "draft" { "charter_draft_saved" } else { "" };
            Ok(done("/admin/charter", notice))
        }
        "preview" => {
            let text = charter::save_draft(&mut tx, &admin.actor(), &form.text).await?;
            let version = charter::current(&mut tx).await?.map_or(1, |c| c.version + 1);
            commit(&state, tx, ChangeSet::default()).await?;
            Ok(render(&PreviewPage { frame: admin.frame("charter", Notice(None)), version, text }))
        }
        _ => {
            charter::publish(&mut tx, &admin.actor(), &form.text).await?;
            commit(&state, tx, ChangeSet::default()).await?;
            Ok(done("/admin/charter", "charter_published"))
        }
    }
}

#[derive(Deserialize)]
struct PageQuery {
    #[serde(default)]
    page: i64,
}

#[derive(Template)]
#[template(path = "admin/charter_acceptances.html")]
struct AcceptancesPage {
    frame: Frame,
    version: i64,
    lines: Vec<Acceptance>,
    page: i64,
    more: bool,
}

async fn acceptances_page(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Path(version): Path<i64>,
    Query(query): Query<PageQuery>,
) -> PageResult {
    let page = query.page.max(0);
    let mut tx = state.db.begin_read().await?;
    let mut lines = charter::acceptances(&mut tx, &admin.scope(), version, PAGE + 1, page * PAGE).await?;
    tx.commit().await?;
    let more = lines.len() as i64 > PAGE;
    lines.truncate(PAGE as usize);
    Ok(render(&AcceptancesPage { frame: admin.frame("charter", notice), version, lines, page, more }))
}
