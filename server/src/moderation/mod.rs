//! Moderation (DESIGN.md §3–4): a person reports a post, comment, question, answer or
//! person from the app; while a thing is under review its reports share one case; a
//! moderator takes the case and decides (dismiss, hide, delete, warn, suspend) with a
//! written reason; the author and everyone who reported are told in the app; each case keeps
//! its history ([`history`]), and every decision is in the audit log.
//!
//! Who handles a case: federation administrators every case, association managers the
//! cases about their association's people ([`AdminScope`]), from the console. The charter
//! everyone accepts before taking part is in [`charter`].

pub mod charter;

use chrono::{DateTime, Duration, Utc};
use fabrique_wire::moderation::{GroupReport, ModerationDecision, REPORT_DETAILS_MAX, ReportReason, ReportTarget};
use fabrique_wire::notifications::NotificationKind;
use fabrique_wire::sync::{Entity, EntityKind, scope};
use uuid::Uuid;

use crate::auth::Actor;
use crate::auth::{AdminScope, in_scope};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::groups::access::GroupAccess;
use crate::sync::log::ChangeSet;
use crate::{audit, exec, fields, on_tx};

/// Longest suspension a moderator may decide.
pub const MAX_SUSPENSION_DAYS: i64 = 365;

/// What a report is about, as the case records it.
struct Reported {
    group_id: Option<Uuid>,
    author_id: Uuid,
    organisation_id: Uuid,
    excerpt: String,
}

fn target_not_found() -> ApiError {
    ApiError::not_found(
        ErrorCode::ReportTargetNotFound,
        "What you are reporting does not exist, or was already removed.",
    )
}

/// Loads what is reported, checking that the reporter may see it (ids are never trusted).
async fn load_target(tx: &mut Tx, actor: &Actor, target: ReportTarget, id: Uuid) -> ApiResult<Reported> {
    // (group, author, author's organisation, words)
    let sql = match target {
        ReportTarget::Post => {
            "SELECT t.group_id, t.author_id, p.organisation_id, t.title || ' ' || t.body FROM posts t JOIN people p ON p.id = t.author_id WHERE t.id = $1 AND t.deleted_at IS NULL"
        }
        ReportTarget::Comment => {
            "SELECT t.group_id, t.author_id, p.organisation_id, t.body FROM comments t JOIN people p ON p.id = t.author_id WHERE t.id = $1 AND t.deleted_at IS NULL"
        }
        ReportTarget::Question => {
            "SELECT NULL AS group_id, t.author_id, p.organisation_id, t.title || ' ' || t.details FROM questions t JOIN people p ON p.id = t.author_id WHERE t.id = $1 AND t.deleted_at IS NULL"
        }
        ReportTarget::Answer => {
            "SELECT NULL AS group_id, t.author_id, p.organisation_id, t.body FROM answers t JOIN people p ON p.id = t.author_id WHERE t.id = $1 AND t.deleted_at IS NULL"
        }
        ReportTarget::Person => {
            "SELECT NULL AS group_id, t.id, t.organisation_id, t.display_name || ' — ' || t.function || ' ' || t.bio FROM people t WHERE t.id = $1 AND t.deactivated_at IS NULL"
        }
    };
    let (group_id, author_id, organisation_id, excerpt) = match target {
        // Questions and answers live in several groups: any one the reporter may read will do.
        ReportTarget::Question | ReportTarget::Answer => {
            let question_id: Option<Uuid> = if target == ReportTarget::Answer {
                on_tx!(tx, c => sqlx::query_scalar("SELECT question_id FROM answers WHERE id = $1").bind(id).fetch_optional(c).await)?
            } else {
                Some(id)
            };
            let question_id = question_id.ok_or_else(target_not_found)?;
            let groups: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT group_id FROM question_groups WHERE question_id = $1")
                .bind(question_id).fetch_all(c).await)?;
            let mut readable = None;
            for group in groups {
                if GroupAccess::load(tx, actor, group).await.map(|a| a.can_read()).unwrap_or(false) {
                    readable = Some(group);
                    break;
                }
            }
            let group = readable.ok_or_else(target_not_found)?;
            let row: Option<(Option<Uuid>, Uuid, Uuid, String)> =
                on_tx!(tx, c => sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
            let (_, author, organisation, words) = row.ok_or_else(target_not_found)?;
            (Some(group), author, organisation, words)
        }
        _ => {
            let row: Option<(Option<Uuid>, Uuid, Uuid, String)> =
                on_tx!(tx, c => sqlx::query_as(sql).bind(id).fetch_optional(c).await)?;
            let (group, author, organisation, words) = row.ok_or_else(target_not_found)?;
            if let Some(group) = group {
                let readable = GroupAccess::load(tx, actor, group).await.map(|a| a.can_read()).unwrap_or(false);
                if !readable {
                    return Err(target_not_found());
                }
            } else if !crate::people::visibility::can_see(tx, actor, id).await? {
                return Err(target_not_found());
            }
            (group, author, organisation, words)
        }
    };
    Ok(Reported { group_id, author_id, organisation_id, excerpt: excerpt.trim().chars().take(4000).collect() })
}

/// A report from the app. A replay of the same report id changes nothing.
#[allow(clippy::too_many_arguments)]
pub async fn report(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    target: ReportTarget,
    target_id: Uuid,
    reason: ReportReason,
    details: &str,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let details =
        fields::text("details", details, REPORT_DETAILS_MAX, fields::Presence::Optional, fields::Lines::Many)?;
    let existing: Option<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT reporter_id FROM moderation_reports WHERE id = $1")
        .bind(id).fetch_optional(c).await)?;
    if let Some(reporter) = existing {
        return if reporter == actor.person_id {
            Ok(())
        } else {
            Err(ApiError::conflict(ErrorCode::AlreadyExists, "An object with this id already exists."))
        };
    }
    let reported = load_target(tx, actor, target, target_id).await?;
    if reported.author_id == actor.person_id {
        return Err(ApiError::invalid(ErrorCode::CannotReportYourself, "You cannot report what you wrote yourself."));
    }
    let now = Utc::now();
    let open: Option<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM moderation_cases WHERE target_id = $1 AND state <> 'decided'")
        .bind(target_id).fetch_optional(c).await)?;
    let case_id = match open {
        Some(case_id) => {
            exec!(
                tx,
                sqlx::query("UPDATE moderation_cases SET report_count = report_count + 1 WHERE id = $1").bind(case_id)
            )?;
            case_id
        }
        None => {
            let case_id = Uuid::now_v7();
            exec!(tx, sqlx::query("INSERT INTO moderation_cases (id, target_kind, target_id, group_id, author_id, organisation_id, excerpt, state, report_count, opened_at) \
                    VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', 1, $8)")
                .bind(case_id).bind(target.as_str()).bind(target_id).bind(reported.group_id).bind(reported.author_id)
                .bind(reported.organisation_id).bind(&reported.excerpt).bind(now))?;
            case_id
        }
    };
    exec!(tx, sqlx::query("INSERT INTO moderation_reports (id, case_id, reporter_id, reason, details, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id).bind(case_id).bind(actor.person_id).bind(reason.as_str()).bind(&details).bind(now))?;
    event(tx, case_id, Some(actor.person_id), "reported", serde_json::json!({ "reason": reason.as_str() })).await?;
    put_group_report(tx, case_id, changes).await
}

/// An open case about a group's content goes to the group's admin scope, where its
/// organisers' phones read it.
pub async fn put_group_report(tx: &mut Tx, case_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    type OpenCase = (Option<Uuid>, String, Uuid, String, String, i64, DateTime<Utc>);
    let row: Option<OpenCase> = on_tx!(tx, c => sqlx::query_as(
        "SELECT k.group_id, k.target_kind, k.target_id, a.display_name, k.excerpt, k.report_count, k.opened_at \
         FROM moderation_cases k JOIN people a ON a.id = k.author_id WHERE k.id = $1 AND k.state <> 'decided'")
        .bind(case_id).fetch_optional(c).await)?;
    let Some((Some(group_id), target, target_id, author_name, excerpt, report_count, opened_at)) = row else {
        return Ok(());
    };
    let reasons: Vec<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT DISTINCT reason FROM moderation_reports WHERE case_id = $1 ORDER BY reason")
        .bind(case_id).fetch_all(c).await)?;
    let Some(target) = ReportTarget::parse(&target) else { return Ok(()) };
    let report = GroupReport {
        id: case_id,
        group_id,
        target,
        target_id,
        author_name,
        excerpt: excerpt.chars().take(500).collect(),
        reasons: reasons.iter().filter_map(|r| ReportReason::parse(r)).collect(),
        report_count,
        opened_at,
    };
    changes.put(scope::group_admin(group_id), case_id, &Entity::GroupReport(report));
    Ok(())
}

/// A group's organiser decides a report about their group from the app. Suspensions are
/// the federation moderators' (from the console).
pub async fn decide_in_group(
    tx: &mut Tx,
    actor: &Actor,
    case_id: Uuid,
    decision: ModerationDecision,
    reason: &str,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let not_found =
        || ApiError::not_found(ErrorCode::CaseNotFound, "This report does not exist, or is not about a group you run.");
    let row: Option<(Option<Uuid>, String)> = on_tx!(tx, c => sqlx::query_as("SELECT group_id, state FROM moderation_cases WHERE id = $1")
        .bind(case_id).fetch_optional(c).await)?;
    let (group, state) = row.and_then(|(group, state)| Some((group?, state))).ok_or_else(not_found)?;
    let access = GroupAccess::load(tx, actor, group).await.map_err(|_| not_found())?;
    if !access.can_moderate() {
        return Err(not_found());
    }
    if decision == ModerationDecision::Suspend {
        return Err(ApiError::forbidden(
            ErrorCode::SuspensionByFederation,
            "Suspending an account is decided by the federation's moderators: warn the author, or hide or delete what they wrote.",
        ));
    }
    if state == "decided" {
        return Err(already_decided());
    }
    mark_taken(tx, actor, case_id, serde_json::json!({ "by": "group_organiser" })).await?;
    decide(tx, &AdminScope::Everything, actor, case_id, decision, reason, None, changes).await
}

async fn event(
    tx: &mut Tx,
    case_id: Uuid,
    actor: Option<Uuid>,
    action: &str,
    details: serde_json::Value,
) -> ApiResult<()> {
    exec!(tx, sqlx::query("INSERT INTO moderation_case_events (id, case_id, actor_id, action, details, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(Uuid::now_v7()).bind(case_id).bind(actor).bind(action).bind(details.to_string()).bind(Utc::now()))?;
    Ok(())
}

/// One case as the console shows it.
#[derive(sqlx::FromRow, Clone)]
pub struct Case {
    pub id: Uuid,
    pub target_kind: String,
    pub target_id: Uuid,
    pub group_id: Option<Uuid>,
    pub author_id: Uuid,
    pub author_name: String,
    pub organisation_id: Uuid,
    pub organisation_name: String,
    pub excerpt: String,
    pub state: String,
    pub handler_id: Option<Uuid>,
    pub handler_name: Option<String>,
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    pub suspended_until: Option<DateTime<Utc>>,
    pub report_count: i64,
    pub opened_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

const CASE_SELECT: &str = "SELECT k.id, k.target_kind, k.target_id, k.group_id, k.author_id, a.display_name AS author_name, \
    k.organisation_id, o.name AS organisation_name, k.excerpt, k.state, k.handler_id, h.display_name AS handler_name, \
    k.decision, k.decision_reason, k.suspended_until, k.report_count, k.opened_at, k.decided_at \
    FROM moderation_cases k JOIN people a ON a.id = k.author_id JOIN organisations o ON o.id = k.organisation_id \
    LEFT JOIN people h ON h.id = k.handler_id";

/// A case the console user may handle, or "not found" (the same for another association's).
pub async fn load_case(tx: &mut Tx, scope: &AdminScope, id: Uuid) -> ApiResult<Case> {
    let sql = format!("{CASE_SELECT} WHERE k.id = $1");
    let case: Option<Case> =
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(id).fetch_optional(c).await)?;
    case.filter(|c| scope.includes(c.organisation_id)).ok_or_else(crate::auth::not_yours)
}

/// The queue: cases waiting or being handled (oldest first), or the decided ones (newest first).
pub async fn queue(tx: &mut Tx, scope: &AdminScope, decided: bool, limit: i64, offset: i64) -> ApiResult<Vec<Case>> {
    let sql = format!(
        "{CASE_SELECT} WHERE {} AND ((k.state = 'decided') = $2) ORDER BY {} LIMIT $3 OFFSET $4",
        in_scope(tx, "k.organisation_id", 1),
        if decided { "k.decided_at DESC, k.id DESC" } else { "k.opened_at, k.id" }
    );
    let scope = scope.as_json();
    let cases: Vec<Case> = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(&scope).bind(decided).bind(limit).bind(offset).fetch_all(c).await)?;
    Ok(cases)
}

pub async fn open_case_count(tx: &mut Tx, scope: &AdminScope) -> ApiResult<i64> {
    let sql = format!(
        "SELECT COUNT(*) FROM moderation_cases k WHERE k.state <> 'decided' AND {}",
        in_scope(tx, "k.organisation_id", 1)
    );
    let scope = scope.as_json();
    let count: i64 =
        on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone())).bind(&scope).fetch_one(c).await)?;
    Ok(count)
}

#[derive(sqlx::FromRow)]
pub struct ReportLine {
    pub reporter_name: String,
    pub reason: String,
    pub details: String,
    pub created_at: DateTime<Utc>,
}

pub async fn reports(tx: &mut Tx, case_id: Uuid) -> ApiResult<Vec<ReportLine>> {
    let rows: Vec<ReportLine> = on_tx!(tx, c => sqlx::query_as(
        "SELECT p.display_name AS reporter_name, r.reason, r.details, r.created_at FROM moderation_reports r JOIN people p ON p.id = r.reporter_id \
         WHERE r.case_id = $1 ORDER BY r.created_at, r.id LIMIT 500")
        .bind(case_id).fetch_all(c).await)?;
    Ok(rows)
}

#[derive(sqlx::FromRow)]
pub struct HistoryLine {
    pub actor_name: Option<String>,
    pub action: String,
    pub details: String,
    pub created_at: DateTime<Utc>,
}

pub async fn history(tx: &mut Tx, case_id: Uuid) -> ApiResult<Vec<HistoryLine>> {
    let rows: Vec<HistoryLine> = on_tx!(tx, c => sqlx::query_as(
        "SELECT p.display_name AS actor_name, e.action, e.details, e.created_at FROM moderation_case_events e LEFT JOIN people p ON p.id = e.actor_id \
         WHERE e.case_id = $1 ORDER BY e.created_at, e.id")
        .bind(case_id).fetch_all(c).await)?;
    Ok(rows)
}

/// The case is now `actor`'s to decide, and its history says so (`details`: from whom, or how).
async fn mark_taken(tx: &mut Tx, actor: &Actor, case_id: Uuid, details: serde_json::Value) -> ApiResult<()> {
    exec!(
        tx,
        sqlx::query("UPDATE moderation_cases SET state = 'taken', handler_id = $1 WHERE id = $2")
            .bind(actor.person_id)
            .bind(case_id)
    )?;
    event(tx, case_id, Some(actor.person_id), "taken", details).await
}

/// A moderator takes a waiting case (or takes over one another moderator holds).
pub async fn take(tx: &mut Tx, scope: &AdminScope, actor: &Actor, case_id: Uuid) -> ApiResult<()> {
    let case = load_case(tx, scope, case_id).await?;
    if case.state == "decided" {
        return Err(already_decided());
    }
    mark_taken(tx, actor, case_id, serde_json::json!({ "from": case.handler_id })).await?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::ModerationTake,
        "case",
        Some(case_id),
        serde_json::json!({}),
    )
    .await
}

/// Back to the queue, for someone else.
pub async fn release(tx: &mut Tx, scope: &AdminScope, actor: &Actor, case_id: Uuid) -> ApiResult<()> {
    let case = load_case(tx, scope, case_id).await?;
    if case.state == "decided" {
        return Err(already_decided());
    }
    exec!(
        tx,
        sqlx::query("UPDATE moderation_cases SET state = 'open', handler_id = NULL WHERE id = $1").bind(case_id)
    )?;
    event(tx, case_id, Some(actor.person_id), "released", serde_json::json!({})).await?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::ModerationRelease,
        "case",
        Some(case_id),
        serde_json::json!({}),
    )
    .await
}

fn already_decided() -> ApiError {
    ApiError::conflict(ErrorCode::CaseDecided, "This case was already decided.")
}

/// Decides a case: carries out the decision, tells the author and every reporter, records
/// it in the case's history and the audit log. The case must be taken by the actor first.
#[allow(clippy::too_many_arguments)]
pub async fn decide(
    tx: &mut Tx,
    scope: &AdminScope,
    actor: &Actor,
    case_id: Uuid,
    decision: ModerationDecision,
    reason: &str,
    suspend_days: Option<i64>,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let reason = fields::text(
        "reason",
        reason,
        fabrique_wire::moderation::REASON_MAX,
        fields::Presence::Required,
        fields::Lines::Many,
    )?;
    let case = load_case(tx, scope, case_id).await?;
    if case.state == "decided" {
        return Err(already_decided());
    }
    if case.handler_id != Some(actor.person_id) {
        return Err(ApiError::conflict(
            ErrorCode::CaseNotTaken,
            "Take the case before deciding it, so that nobody decides it twice.",
        ));
    }
    let now = Utc::now();
    let mut suspended_until = None;
    match decision {
        ModerationDecision::Dismiss | ModerationDecision::Warn => {}
        ModerationDecision::Hide | ModerationDecision::Delete => remove_content(tx, actor, &case, changes).await?,
        ModerationDecision::Suspend => {
            let days = suspend_days.unwrap_or(7);
            if !(1..=MAX_SUSPENSION_DAYS).contains(&days) {
                return Err(ApiError::invalid(
                    ErrorCode::InvalidField,
                    format!("A suspension lasts from 1 to {MAX_SUSPENSION_DAYS} days."),
                )
                .with_details(serde_json::json!({ "field": "suspend_days" })));
            }
            let until = now + Duration::days(days);
            exec!(
                tx,
                sqlx::query("UPDATE people SET suspended_until = $1 WHERE id = $2").bind(until).bind(case.author_id)
            )?;
            suspended_until = Some(until);
        }
    }
    let erase = decision == ModerationDecision::Delete;
    exec!(tx, sqlx::query("UPDATE moderation_cases SET state = 'decided', decision = $1, decision_reason = $2, suspended_until = $3, decided_at = $4, \
            excerpt = CASE WHEN $5 THEN '' ELSE excerpt END WHERE id = $6")
        .bind(decision.as_str()).bind(&reason).bind(suspended_until).bind(now).bind(erase).bind(case_id))?;
    event(
        tx,
        case_id,
        Some(actor.person_id),
        "decided",
        serde_json::json!({ "decision": decision.as_str(), "reason": reason, "suspended_until": suspended_until }),
    )
    .await?;
    if let Some(group_id) = case.group_id {
        changes.delete(scope::group_admin(group_id), EntityKind::GroupReport, case_id);
    }
    // Told in the app: the author (of everything but a dismissal) and each reporter once.
    let reporters: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT DISTINCT reporter_id FROM moderation_reports WHERE case_id = $1")
        .bind(case_id).fetch_all(c).await)?;
    let text = format!("{}: {reason}", decision.as_str());
    let cause = crate::notifications::Cause::new(NotificationKind::Moderation, case_id, actor, &text);
    let reporters: Vec<Uuid> = reporters.into_iter().filter(|r| *r != case.author_id).collect();
    crate::notifications::notify(tx, &cause, &reporters, changes).await?;
    if decision != ModerationDecision::Dismiss {
        crate::notifications::notify(tx, &cause, &[case.author_id], changes).await?;
    }
    audit::record(tx, Some(actor.person_id), audit::Action::ModerationDecide, "case", Some(case_id),
        serde_json::json!({ "decision": decision.as_str(), "target": case.target_kind, "target_id": case.target_id, "author": case.author_id }))
    .await
}

async fn remove_content(tx: &mut Tx, actor: &Actor, case: &Case, changes: &mut ChangeSet) -> ApiResult<()> {
    let gone = |e: ApiError| match e.as_client() {
        // Already deleted by its author meanwhile: the decision still stands.
        Some((code, _)) if code.ends_with("_not_found") => Ok(()),
        _ => Err(e),
    };
    let id = case.target_id;
    let result = match case.target_kind.as_str() {
        "post" => crate::posts::delete_post(tx, actor, id, changes).await,
        "comment" => crate::posts::delete_comment(tx, actor, id, changes).await,
        "question" => crate::questions::delete_question(tx, actor, id, changes).await,
        "answer" => crate::questions::delete_answer(tx, actor, id, changes).await,
        _ => {
            return Err(ApiError::invalid(
                ErrorCode::InvalidDecision,
                "A person cannot be hidden or deleted: warn them, suspend them, or deactivate their account.",
            ));
        }
    };
    result.or_else(gone)
}

/// Refuses what a suspended person writes (until the suspension ends).
pub fn check_not_suspended(suspended_until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> ApiResult<()> {
    match suspended_until {
        Some(until) if until > now => Err(ApiError::forbidden(
            ErrorCode::Suspended,
            format!(
                "The moderators suspended your account until {}: you can read, not write.",
                until.format("%Y-%m-%d %H:%M UTC")
            ),
        )),
        _ => Ok(()),
    }
}

/// One line of the moderation report: the cases opened in a period, with their handling.
#[derive(sqlx::FromRow)]
pub struct PeriodLine {
    pub id: Uuid,
    pub target_kind: String,
    pub organisation_name: String,
    pub report_count: i64,
    pub opened_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    pub handler_name: Option<String>,
}

pub async fn period(
    tx: &mut Tx,
    scope: &AdminScope,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> ApiResult<Vec<PeriodLine>> {
    let sql = format!(
        "SELECT k.id, k.target_kind, o.name AS organisation_name, k.report_count, k.opened_at, k.decided_at, k.decision, k.decision_reason, h.display_name AS handler_name \
         FROM moderation_cases k JOIN organisations o ON o.id = k.organisation_id LEFT JOIN people h ON h.id = k.handler_id \
         WHERE {} AND k.opened_at >= $2 AND k.opened_at < $3 ORDER BY k.opened_at LIMIT 5000",
        in_scope(tx, "k.organisation_id", 1)
    );
    let scope = scope.as_json();
    let rows: Vec<PeriodLine> = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(&scope).bind(from).bind(to).fetch_all(c).await)?;
    Ok(rows)
}
