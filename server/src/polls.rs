//! Polls in groups: created and closed early by the group's organisers, voted by those who
//! may respond there, one vote per person (sending it again, from any device, changes
//! nothing; a new choice replaces the old one) until the closing date.
//!
//! A poll lives in its group's scope, its counts in it once closed; each person's vote lives
//! in their person scope. Counts are kept at each vote, never counted on a request. Before
//! the poll closes, its results are read over REST by its organisers, and by those who voted
//! when the organiser chose to show them after voting. Who voted what is never told for an
//! anonymous poll, not even to organisers.

use axum::extract::State;
use chrono::{DateTime, Duration, Utc};
use fabrique_wire::error::ErrorBody;
use fabrique_wire::notifications::{GroupLevel, NotificationKind};
use fabrique_wire::polls::NewPoll;
use fabrique_wire::polls::{
    DURATION_MAX_DAYS, MyVote, OPTION_MAX, OPTIONS_MAX, OPTIONS_MIN, OptionResult, Poll, PollOption, PollResults,
    QUESTION_MAX, ResultsShown, VOTERS_SHOWN_MAX,
};
use fabrique_wire::sync::{Entity, EntityKind, scope};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::{Actor, AuthUser};
use crate::db::{Column, Db, Tx, rows_json};
use crate::error::{ApiError, ApiResult, ErrorCode, OnConstraint};
use crate::extract::{Json, Path};
use crate::groups::access::GroupAccess;
use crate::notifications::{Audience, Cause};
use crate::sync::log::ChangeSet;
use crate::{AppState, exec, fields, notifications, on_tx};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(results))
}

/// Polls closed by their date in one round of [`close_due`].
pub const CLOSED_PER_ROUND: usize = 100;

#[derive(sqlx::FromRow)]
struct PollRow {
    id: Uuid,
    group_id: Uuid,
    author_id: Uuid,
    author_name: String,
    question: String,
    multiple: bool,
    anonymous: bool,
    results_shown: String,
    closes_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    voter_count: i64,
    created_at: DateTime<Utc>,
}

impl PollRow {
    fn closed(&self, now: DateTime<Utc>) -> bool {
        self.closed_at.is_some() || self.closes_at <= now
    }
}

fn results_shown_str(shown: ResultsShown) -> &'static str {
    match shown {
        ResultsShown::AfterVoting => "after_voting",
        ResultsShown::AfterClosing => "after_closing",
    }
}

fn parse_results_shown(text: &str) -> ResultsShown {
    match text {
        "after_voting" => ResultsShown::AfterVoting,
        _ => ResultsShown::AfterClosing,
    }
}

fn poll_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::PollNotFound, "This poll does not exist.")
}

fn poll_closed() -> ApiError {
    ApiError::conflict(ErrorCode::PollClosed, "This poll is closed.")
}

async fn load_poll(tx: &mut Tx, id: Uuid) -> ApiResult<Option<PollRow>> {
    let row = on_tx!(tx, c => sqlx::query_as(
        "SELECT o.id, o.group_id, o.author_id, p.display_name AS author_name, o.question, o.multiple, o.anonymous, \
            o.results_shown, o.closes_at, o.closed_at, o.voter_count, o.created_at \
         FROM polls o JOIN people p ON p.id = o.author_id WHERE o.id = $1")
        .bind(id).fetch_optional(c).await)?;
    Ok(row)
}

/// The poll and the caller's access to its group; a poll of a group the caller may not
/// read does not exist for them.
async fn readable(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<(PollRow, GroupAccess)> {
    let poll = load_poll(tx, id).await?.ok_or_else(poll_not_found)?;
    let access = match GroupAccess::load(tx, actor, poll.group_id).await {
        Ok(access) => access,
        Err(e) if e.as_client().is_some() => return Err(poll_not_found()),
        Err(e) => return Err(e),
    };
    if !access.can_read() {
        return Err(poll_not_found());
    }
    Ok((poll, access))
}

/// One poll decided at a time (votes of one person from two devices, a close): a row lock
/// on PostgreSQL; SQLite has one writer.
async fn lock_poll(tx: &mut Tx, id: Uuid) -> ApiResult<()> {
    Ok(tx.lock_row("polls", id).await?)
}

/// The options with their counts, in order.
async fn options(tx: &mut Tx, poll_id: Uuid) -> ApiResult<Vec<(i64, String, i64)>> {
    let rows = on_tx!(tx, c => sqlx::query_as("SELECT position, text, votes FROM poll_options WHERE poll_id = $1 ORDER BY position")
        .bind(poll_id).fetch_all(c).await)?;
    Ok(rows)
}

async fn put_poll(tx: &mut Tx, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row = load_poll(tx, id).await?.ok_or_else(poll_not_found)?;
    let closed = row.closed_at.is_some();
    let options = options(tx, id).await?;
    let poll = Poll {
        id: row.id,
        group_id: row.group_id,
        author_id: row.author_id,
        author_name: row.author_name,
        question: row.question,
        options: options
            .into_iter()
            .map(|(index, text, votes)| PollOption { index: index as u32, text, votes: closed.then_some(votes) })
            .collect(),
        multiple: row.multiple,
        anonymous: row.anonymous,
        results_shown: parse_results_shown(&row.results_shown),
        closes_at: row.closes_at,
        closed,
        voter_count: row.voter_count,
        created_at: row.created_at,
    };
    changes.put(scope::group(row.group_id), id, &Entity::Poll(poll));
    Ok(())
}

/// The mutation `create_poll`, by an organiser of the group.
pub async fn create_poll(tx: &mut Tx, actor: &Actor, poll: &NewPoll, changes: &mut ChangeSet) -> ApiResult<()> {
    let question =
        fields::text("question", &poll.question, QUESTION_MAX, fields::Presence::Required, fields::Lines::One)?;
    if poll.options.len() < OPTIONS_MIN || poll.options.len() > OPTIONS_MAX {
        return Err(ApiError::invalid(
            ErrorCode::InvalidField,
            format!("A poll has from {OPTIONS_MIN} to {OPTIONS_MAX} options."),
        )
        .with_details(json!({ "field": "options" })));
    }
    let mut texts: Vec<String> = Vec::with_capacity(poll.options.len());
    for option in &poll.options {
        let text = fields::text("options", option, OPTION_MAX, fields::Presence::Required, fields::Lines::One)?;
        if texts.iter().any(|t| t.to_lowercase() == text.to_lowercase()) {
            return Err(ApiError::invalid(ErrorCode::DuplicateOption, "Two options say the same thing.")
                .with_details(json!({ "field": "options" })));
        }
        texts.push(text);
    }
    let now = Utc::now();
    if poll.closes_at <= now {
        return Err(ApiError::invalid(ErrorCode::ClosesInThePast, "The closing date is already past.")
            .with_details(json!({ "field": "closes_at" })));
    }
    if poll.closes_at > now + Duration::days(DURATION_MAX_DAYS) {
        return Err(ApiError::invalid(
            ErrorCode::ClosesTooLate,
            format!("A poll closes within {DURATION_MAX_DAYS} days."),
        )
        .with_details(json!({ "field": "closes_at" })));
    }
    let access = GroupAccess::load(tx, actor, poll.group_id).await?;
    if !access.can_read() {
        return Err(crate::groups::access::group_not_found());
    }
    if !access.can_run() {
        return Err(ApiError::forbidden(ErrorCode::NotAnOrganiser, "Only the group's organisers can do this."));
    }
    exec!(tx, sqlx::query(
        "INSERT INTO polls (id, group_id, author_id, question, multiple, anonymous, results_shown, closes_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(poll.id).bind(poll.group_id).bind(actor.person_id).bind(&question).bind(poll.multiple).bind(poll.anonymous)
        .bind(results_shown_str(poll.results_shown)).bind(poll.closes_at).bind(now))
        .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;
    let options: Vec<(usize, &String)> = texts.iter().enumerate().collect();
    let sql = format!(
        "INSERT INTO poll_options (poll_id, position, text) SELECT $1, r.position, r.text FROM {} AS r",
        tx.json_rows(2, &[("position", Column::Integer), ("text", Column::Text)])
    );
    exec!(tx, sqlx::query(sqlx::AssertSqlSafe(sql)).bind(poll.id).bind(rows_json(&options)))?;
    put_poll(tx, poll.id, changes).await?;
    let recipients: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT person_id FROM group_members WHERE group_id = $1")
        .bind(poll.group_id).fetch_all(c).await)?;
    let cause = Cause::new(NotificationKind::PollCreated, poll.id, actor, &question)
        .in_group(poll.group_id, Audience::Group(GroupLevel::Important));
    notifications::notify(tx, &cause, &recipients, changes).await?;
    Ok(())
}

/// The mutation `vote`: one's choices replace one's earlier vote; the same choices again
/// change nothing; none withdraws the vote.
pub async fn vote(
    tx: &mut Tx,
    actor: &Actor,
    poll_id: Uuid,
    choices: &[u32],
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let (poll, access) = readable(tx, actor, poll_id).await?;
    if !access.can_respond() {
        return Err(ApiError::forbidden(ErrorCode::NotAMember, "Join the group to vote."));
    }
    lock_poll(tx, poll_id).await?;
    let poll = load_poll(tx, poll_id).await?.unwrap_or(poll);
    let now = Utc::now();
    if poll.closed(now) {
        return Err(poll_closed());
    }
    let mut wanted: Vec<u32> = choices.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let option_count: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM poll_options WHERE poll_id = $1")
        .bind(poll_id).fetch_one(c).await)?;
    if wanted.iter().any(|&choice| i64::from(choice) >= option_count) {
        return Err(ApiError::invalid(ErrorCode::UnknownOption, "This poll has no such option.")
            .with_details(json!({ "field": "choices" })));
    }
    if !poll.multiple && wanted.len() > 1 {
        return Err(ApiError::invalid(ErrorCode::OneChoiceOnly, "Choose one option only.")
            .with_details(json!({ "field": "choices" })));
    }
    let before: Vec<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT position FROM poll_votes WHERE poll_id = $1 AND person_id = $2 ORDER BY position")
        .bind(poll_id).bind(actor.person_id).fetch_all(c).await)?;
    let before: Vec<u32> = before.into_iter().map(|p| p as u32).collect();
    if before == wanted {
        return Ok(());
    }
    // Counts follow the difference: options left lose one, options chosen gain one.
    let positions = |list: &[u32]| serde_json::to_string(list).expect("numbers serialise");
    let sql = format!(
        "UPDATE poll_options SET votes = votes - CASE WHEN position IN ({}) THEN 1 ELSE 0 END \
            + CASE WHEN position IN ({}) THEN 1 ELSE 0 END WHERE poll_id = $1",
        tx.number_set(2),
        tx.number_set(3)
    );
    exec!(tx, sqlx::query(sqlx::AssertSqlSafe(sql)).bind(poll_id).bind(positions(&before)).bind(positions(&wanted)))?;
    exec!(
        tx,
        sqlx::query("DELETE FROM poll_votes WHERE poll_id = $1 AND person_id = $2").bind(poll_id).bind(actor.person_id)
    )?;
    if !wanted.is_empty() {
        let sql = format!(
            "INSERT INTO poll_votes (poll_id, person_id, position, voted_at) SELECT $1, $2, chosen.n, $4 FROM ({}) AS chosen",
            tx.number_set(3)
        );
        exec!(
            tx,
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(poll_id)
                .bind(actor.person_id)
                .bind(positions(&wanted))
                .bind(now)
        )?;
    }
    let voters_change: i64 = match (before.is_empty(), wanted.is_empty()) {
        (true, false) => 1,
        (false, true) => -1,
        _ => 0,
    };
    if voters_change != 0 {
        exec!(
            tx,
            sqlx::query("UPDATE polls SET voter_count = voter_count + $1 WHERE id = $2")
                .bind(voters_change)
                .bind(poll_id)
        )?;
        put_poll(tx, poll_id, changes).await?;
    }
    let mine_id = crate::sync::log::pair_id(EntityKind::MyVote, poll_id, actor.person_id);
    if wanted.is_empty() {
        changes.delete(scope::person(actor.person_id), EntityKind::MyVote, mine_id);
    } else {
        let mine = MyVote { poll_id, group_id: poll.group_id, choices: wanted, voted_at: now };
        changes.put(scope::person(actor.person_id), mine_id, &Entity::MyVote(mine));
    }
    Ok(())
}

/// The mutation `close_poll`, by an organiser; closing a closed poll changes nothing.
pub async fn close_poll(tx: &mut Tx, actor: &Actor, poll_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let (_, access) = readable(tx, actor, poll_id).await?;
    if !access.can_run() {
        return Err(ApiError::forbidden(ErrorCode::NotAnOrganiser, "Only the group's organisers can do this."));
    }
    lock_poll(tx, poll_id).await?;
    let closed = exec!(
        tx,
        sqlx::query("UPDATE polls SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL")
            .bind(Utc::now())
            .bind(poll_id)
    )?;
    if closed > 0 {
        put_poll(tx, poll_id, changes).await?;
    }
    Ok(())
}

/// Closes the polls whose date came (their counts then travel with them); called every
/// minute. Returns how many it closed and the scopes that changed.
pub async fn close_due(db: &Db, now: DateTime<Utc>) -> ApiResult<(usize, Vec<String>)> {
    let mut tx = db.begin_write().await?;
    let due: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
        // `closed_at IS NULL` outside too: an instance that waited on another's close sees
        // the row as it is now and leaves it (PostgreSQL re-checks only the outer condition).
        "UPDATE polls SET closed_at = closes_at WHERE closed_at IS NULL AND id IN \
            (SELECT id FROM polls WHERE closed_at IS NULL AND closes_at <= $1 ORDER BY closes_at LIMIT $2) RETURNING id")
        .bind(now).bind(CLOSED_PER_ROUND as i64).fetch_all(c).await)?;
    let mut changes = ChangeSet::default();
    for id in &due {
        put_poll(&mut tx, *id, &mut changes).await?;
    }
    let scopes = crate::sync::log::commit(&mut tx, changes).await?;
    tx.commit().await?;
    Ok((due.len(), scopes))
}

/// A poll's results, for those who may see them now: everyone who may read the group once
/// it is closed; before, its organisers, and those who voted when it shows results after
/// voting. The voters' names only for a named poll.
#[utoipa::path(get, path = "/v1/polls/{id}/results", tag = "polls", security(("bearer" = [])),
    responses((status = 200, body = PollResults), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn results(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<PollResults>> {
    let mut tx = state.db.begin_read().await?;
    let (poll, access) = readable(&mut tx, &actor, id).await?;
    let closed = poll.closed(Utc::now());
    if !closed && !access.can_run() {
        let voted: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT CAST(1 AS BIGINT) FROM poll_votes WHERE poll_id = $1 AND person_id = $2 LIMIT 1")
            .bind(id).bind(actor.person_id).fetch_optional(c).await)?;
        let shown = parse_results_shown(&poll.results_shown);
        if shown == ResultsShown::AfterClosing {
            return Err(ApiError::forbidden(
                ErrorCode::ResultsAfterClosing,
                "The results are shown once the poll is closed.",
            ));
        }
        if voted.is_none() {
            return Err(ApiError::forbidden(ErrorCode::VoteFirst, "The results are shown once you have voted."));
        }
    }
    let mut options: Vec<OptionResult> = options(&mut tx, id)
        .await?
        .into_iter()
        .map(|(index, text, votes)| OptionResult { index: index as u32, text, votes, voters: Vec::new() })
        .collect();
    if !poll.anonymous {
        // Every option's voters in one statement, the first ones of each option only.
        let voters: Vec<(i64, String)> = on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT position, display_name FROM (SELECT v.position, p.display_name, \
                ROW_NUMBER() OVER (PARTITION BY v.position ORDER BY v.voted_at, v.person_id) AS n \
             FROM poll_votes v JOIN people p ON p.id = v.person_id WHERE v.poll_id = $1) ranked \
             WHERE n <= $2 ORDER BY position, n")
            .bind(id).bind(VOTERS_SHOWN_MAX as i64).fetch_all(c).await)?;
        for (position, name) in voters {
            if let Some(option) = options.get_mut(position as usize) {
                option.voters.push(name);
            }
        }
    }
    tx.commit().await?;
    Ok(Json(PollResults { poll_id: id, closed, voter_count: poll.voter_count, options }))
}
