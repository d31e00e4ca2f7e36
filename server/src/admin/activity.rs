//! The activity overview: per association, the last 30 days, aggregated (never per person),
//! read from the counters kept as things happen ([`crate::activity`]).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use super::session::{Admin, Notice};
use super::{Frame, PageResult, render};
use crate::activity::{self, Overview};
use crate::auth::in_scope;
use crate::{AppState, on_tx};

const PAGE: i64 = 50;

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/activity", get(overview))
}

#[derive(Deserialize)]
struct PageQuery {
    #[serde(default)]
    page: i64,
}

#[derive(Template)]
#[template(path = "admin/activity.html")]
struct ActivityPage {
    frame: Frame,
    lines: Vec<Overview>,
    page: i64,
    more: bool,
}

/// Below this, a count is not shown: in a small association it would point at people.
const SHOWN_FROM: i64 = 5;

impl ActivityPage {
    /// A count, or "fewer than 5" for 1 to 4 (none is said as 0).
    fn count(&self, n: &i64) -> String {
        if (1..SHOWN_FROM).contains(n) {
            self.frame.l.tr("moins de 5", "fewer than 5").to_owned()
        } else {
            n.to_string()
        }
    }

    fn duration(&self, seconds: &Option<i64>) -> String {
        match seconds {
            None => "—".into(),
            Some(s) if *s < 3600 => format!("{} min", (s / 60).max(1)),
            Some(s) if *s < 172_800 => format!("{} h", s / 3600),
            Some(s) => format!("{} {}", s / 86_400, self.frame.l.tr("j", "d")),
        }
    }
}

async fn overview(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Query(query): Query<PageQuery>,
) -> PageResult {
    let page = query.page.max(0);
    let mut tx = state.db.begin_read().await?;
    let sql = format!(
        "SELECT o.id, o.name FROM organisations o WHERE o.kind IN ('federation', 'association') AND o.archived_at IS NULL AND {} \
         ORDER BY CASE WHEN o.kind = 'federation' THEN 0 ELSE 1 END, o.name, o.id LIMIT $2 OFFSET $3",
        in_scope(&tx, "o.id", 1)
    );
    let scope = admin.scope().as_json();
    let mut organisations: Vec<(Uuid, String)> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(&scope).bind(PAGE + 1).bind(page * PAGE).fetch_all(c).await)?;
    let more = organisations.len() as i64 > PAGE;
    organisations.truncate(PAGE as usize);
    let lines = activity::overview(&mut tx, &organisations, Utc::now()).await?;
    tx.commit().await?;
    Ok(render(&ActivityPage { frame: admin.frame("activity", notice), lines, page, more }))
}
