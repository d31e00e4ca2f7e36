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
    versions: Vec<(i64, chrono::DateTime<chrono::Utc>, i64)>,
}

async fn charter_page(State(state): State<AppState>, admin: Admin, notice: Notice) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let current = charter::current(&mut tx).await?;
    let versions: Vec<(i64, chrono::DateTime<chrono::Utc>, i64)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT v.version, v.published_at, (SELECT COUNT(*) FROM charter_acceptances a WHERE a.version = v.version) FROM charter_versions v ORDER BY v.version DESC LIMIT 100")
        .fetch_all(c).await)?;
    tx.commit().await?;
    Ok(render(&CharterPage { frame: admin.frame("charter", notice), current, versions }))
}

#[derive(Deserialize)]
struct PublishForm {
    text: String,
}

async fn publish(State(state): State<AppState>, form: AdminForm<PublishForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    admin.require_federation_admin()?;
    let mut tx = state.db.begin_write().await?;
    charter::publish(&mut tx, &admin.actor(), &form.text).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done("/admin/charter", "charter_published"))
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
