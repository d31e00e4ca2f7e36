//! The moderation queue and case pages: take a case, decide it with a written reason, see
//! its history; and the moderation report of a period for the leadership.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use fabrique_wire::moderation::ModerationDecision;
use serde::Deserialize;
use uuid::Uuid;

use super::session::{Admin, AdminForm, NoFields, Notice};
use super::{Frame, PageResult, commit, done, render};
use crate::AppState;
use crate::error::{ApiError, ErrorCode};
use crate::moderation::{self, Case, HistoryLine, PeriodLine, ReportLine};
use crate::sync::log::ChangeSet;

const PAGE: i64 = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/moderation", get(queue))
        .route("/admin/moderation/report", get(period_report))
        .route("/admin/moderation/cases/{id}", get(case_page))
        .route("/admin/moderation/cases/{id}/take", post(take))
        .route("/admin/moderation/cases/{id}/release", post(release))
        .route("/admin/moderation/cases/{id}/decide", post(decide))
}

#[derive(Deserialize)]
struct QueueQuery {
    #[serde(default)]
    decided: bool,
    #[serde(default)]
    page: i64,
}

#[derive(Template)]
#[template(path = "admin/moderation.html")]
struct QueuePage {
    frame: Frame,
    decided: bool,
    cases: Vec<Case>,
    page: i64,
    more: bool,
}

async fn queue(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Query(query): Query<QueueQuery>,
) -> PageResult {
    let page = query.page.max(0);
    let mut tx = state.db.begin_read().await?;
    let mut cases = moderation::queue(&mut tx, &admin.scope(), query.decided, PAGE + 1, page * PAGE).await?;
    tx.commit().await?;
    let more = cases.len() as i64 > PAGE;
    cases.truncate(PAGE as usize);
    Ok(render(&QueuePage { frame: admin.frame("moderation", notice), decided: query.decided, cases, page, more }))
}

#[derive(Template)]
#[template(path = "admin/case.html")]
struct CasePage {
    frame: Frame,
    case: Case,
    mine: bool,
    reports: Vec<ReportLine>,
    history: Vec<HistoryInWords>,
}

/// A step of a case's history as the page says it.
struct HistoryInWords {
    created_at: chrono::DateTime<chrono::Utc>,
    actor_name: Option<String>,
    what: String,
    details: Vec<(String, String)>,
}

impl CasePage {
    /// A stable name (a reason, a decision) in the console's language.
    fn word<'a>(&self, text: &'a str) -> &'a str {
        super::audit::value_in_words(text, self.frame.l).unwrap_or(text)
    }
}

async fn case_page(State(state): State<AppState>, admin: Admin, notice: Notice, Path(id): Path<Uuid>) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let case = moderation::load_case(&mut tx, &admin.scope(), id).await?;
    let reports = moderation::reports(&mut tx, id).await?;
    let history: Vec<HistoryLine> = moderation::history(&mut tx, id).await?;
    tx.commit().await?;
    let history = history
        .into_iter()
        .map(|line| HistoryInWords {
            created_at: line.created_at,
            what: super::audit::action_in_words(&line.action, admin.lang),
            details: super::audit::details_in_words(&line.details, admin.lang, admin.tz),
            actor_name: line.actor_name,
        })
        .collect();
    let mine = case.handler_id == Some(admin.person_id);
    Ok(render(&CasePage { frame: admin.frame("moderation", notice), case, mine, reports, history }))
}

async fn take(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<NoFields>) -> PageResult {
    let admin = form.admin;
    let mut tx = state.db.begin_write().await?;
    moderation::take(&mut tx, &admin.scope(), &admin.actor(), id).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done(&format!("/admin/moderation/cases/{id}"), "case_taken"))
}

async fn release(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<NoFields>) -> PageResult {
    let admin = form.admin;
    let mut tx = state.db.begin_write().await?;
    moderation::release(&mut tx, &admin.scope(), &admin.actor(), id).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done("/admin/moderation", "case_released"))
}

#[derive(Deserialize)]
struct DecideForm {
    decision: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    suspend_days: Option<String>,
}

async fn decide(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<DecideForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    let l = admin.lang;
    let decision = ModerationDecision::parse(&form.decision).ok_or_else(|| {
        ApiError::invalid(ErrorCode::InvalidDecision, l.tr("Choisissez une décision.", "Choose a decision."))
    })?;
    if form.reason.trim().is_empty() {
        return Err(ApiError::invalid(
            ErrorCode::ReasonRequired,
            l.tr(
                "Écrivez la raison de la décision : l'auteur et les personnes qui ont signalé la liront.",
                "Write the reason for the decision: the author and the people who reported will read it.",
            ),
        )
        .into());
    }
    let days = match form.suspend_days.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| {
            ApiError::invalid(
                ErrorCode::InvalidField,
                l.tr("La durée de suspension est un nombre de jours.", "The suspension is a number of days."),
            )
        })?),
    };
    let mut tx = state.db.begin_write().await?;
    let mut changes = ChangeSet::default();
    moderation::decide(&mut tx, &admin.scope(), &admin.actor(), id, decision, &form.reason, days, &mut changes).await?;
    commit(&state, tx, changes).await?;
    Ok(done(&format!("/admin/moderation/cases/{id}"), "case_decided"))
}

#[derive(Deserialize)]
struct PeriodQuery {
    #[serde(default, deserialize_with = "super::optional")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "super::optional")]
    to: Option<NaiveDate>,
}

#[derive(Template)]
#[template(path = "admin/moderation_report.html")]
struct PeriodPage {
    frame: Frame,
    from: NaiveDate,
    to: NaiveDate,
    lines: Vec<PeriodLine>,
    decided: usize,
    by_decision: Vec<(String, usize)>,
    median_hours: Option<i64>,
}

async fn period_report(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Query(query): Query<PeriodQuery>,
) -> PageResult {
    let today = Utc::now().date_naive();
    let to = query.to.unwrap_or(today);
    let from = query.from.unwrap_or(to - Duration::days(30));
    let start: DateTime<Utc> = from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let end: DateTime<Utc> = (to + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let mut tx = state.db.begin_read().await?;
    let lines = moderation::period(&mut tx, &admin.scope(), start, end).await?;
    tx.commit().await?;
    let decided = lines.iter().filter(|l| l.decision.is_some()).count();
    let by_decision = ModerationDecision::ALL
        .iter()
        .map(|d| (d.as_str().to_owned(), lines.iter().filter(|l| l.decision.as_deref() == Some(d.as_str())).count()))
        .collect();
    let mut hours: Vec<i64> =
        lines.iter().filter_map(|l| l.decided_at.map(|at| (at - l.opened_at).num_hours())).collect();
    hours.sort_unstable();
    let median_hours = crate::activity::median(&hours);
    Ok(render(&PeriodPage {
        frame: admin.frame("moderation", notice),
        from,
        to,
        lines,
        decided,
        by_decision,
        median_hours,
    }))
}
