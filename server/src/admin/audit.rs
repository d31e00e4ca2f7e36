//! The audit log, searchable: who did what, on what, when. A manager sees the actions done
//! by the people of their associations.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::session::{Admin, Notice};
use super::{Frame, PageResult, render};
use crate::auth::in_scope;
use crate::{AppState, on_tx};

const PAGE: i64 = 100;

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/audit", get(log))
}

#[derive(Deserialize)]
struct LogQuery {
    /// Words in the action, the actor's name, or the details.
    #[serde(default)]
    q: String,
    #[serde(default, deserialize_with = "super::optional")]
    target: Option<Uuid>,
    #[serde(default, deserialize_with = "super::optional")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "super::optional")]
    to: Option<NaiveDate>,
    #[serde(default)]
    page: i64,
}

#[derive(sqlx::FromRow)]
pub struct AuditLine {
    pub actor_name: Option<String>,
    pub action: String,
    pub target_kind: String,
    pub target_id: Option<Uuid>,
    pub details: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    frame: Frame,
    q: String,
    from: String,
    to: String,
    lines: Vec<AuditLine>,
    page: i64,
    more: bool,
}

async fn log(State(state): State<AppState>, admin: Admin, notice: Notice, Query(query): Query<LogQuery>) -> PageResult {
    let page = query.page.max(0);
    let start =
        query.from.map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()).unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let end = query
        .to
        .map(|d| (d + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
        .unwrap_or(Utc::now() + Duration::days(1));
    let pattern = super::contains(&query.q);
    let mut tx = state.db.begin_read().await?;
    let sql = format!(
        "SELECT p.display_name AS actor_name, a.action, a.target_kind, a.target_id, a.details, a.created_at \
         FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id \
         WHERE {} AND a.created_at >= $2 AND a.created_at < $3 AND ($4 IS NULL OR a.target_id = $4) \
           AND (LOWER(a.action) LIKE $5 OR LOWER(COALESCE(p.display_name, '')) LIKE $5 OR LOWER(a.details) LIKE $5) \
         ORDER BY a.created_at DESC, a.id DESC LIMIT $6 OFFSET $7",
        in_scope(&tx, "p.organisation_id", 1)
    );
    let scope = admin.scope().as_json();
    let mut lines: Vec<AuditLine> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(&scope).bind(start).bind(end).bind(query.target).bind(&pattern).bind(PAGE + 1).bind(page * PAGE).fetch_all(c).await)?;
    tx.commit().await?;
    let more = lines.len() as i64 > PAGE;
    lines.truncate(PAGE as usize);
    Ok(render(&AuditPage {
        frame: admin.frame("audit", notice),
        q: query.q,
        from: query.from.map(|d| d.to_string()).unwrap_or_default(),
        to: query.to.map(|d| d.to_string()).unwrap_or_default(),
        lines,
        page,
        more,
    }))
}
