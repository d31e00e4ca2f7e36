//! Events in groups: created, changed and cancelled by the people who run the group;
//! answered going / maybe / declined by anyone who may respond there, with a waiting list
//! when full (first come, first in when a seat frees); reminders 24 h and 1 h before to
//! those going ([`remind_due`]); organisers' messages to a group or to an event's attendees,
//! with their reach shown before sending and a daily bound per organiser and group.
//!
//! An event lives in its group's scope; each person's answers live in their person scope
//! ([`MyRsvp`]) so that "my calendar" is complete offline. The attendee list, one event as
//! an `.ics` file and a person's calendar feed (a secret address a calendar app subscribes
//! to) are read over REST.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use fabrique_wire::Page;
use fabrique_wire::error::ErrorBody;
use fabrique_wire::events::EventUpdate;
use fabrique_wire::events::NewEvent;
use fabrique_wire::events::{
    ANNOUNCEMENT_MAX, ANNOUNCEMENTS_PER_DAY, Attendee, CAPACITY_MAX, CalendarFeed, DESCRIPTION_MAX, DURATION_MAX_DAYS,
    Event, MyRsvp, PLACE_MAX, Reach, RsvpChoice, RsvpStatus, TITLE_MAX, URL_MAX,
};
use fabrique_wire::notifications::{GroupLevel, NotificationKind};
use fabrique_wire::sync::{Entity, EntityKind, scope};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::{Actor, AuthUser};
use crate::db::{Db, Tx};
use crate::error::{ApiError, ApiResult, ErrorCode, OnConstraint};
use crate::extract::{Json, Path, Query};
use crate::groups::access::GroupAccess;
use crate::notifications::{Audience, Cause};
use crate::sync::log::ChangeSet;
use crate::{AppState, exec, fields, notifications, on_tx, paging};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_event))
        .routes(routes!(list_group_events))
        .routes(routes!(attendees))
        .routes(routes!(event_ics))
        .routes(routes!(reach))
        .routes(routes!(new_calendar_feed))
        .routes(routes!(calendar_feed))
}

/// Reminders before an event starts, in minutes.
const REMINDER_LEADS: [i64; 2] = [24 * 60, 60];

// ---------------------------------------------------------------------------------------
// Rows

#[derive(sqlx::FromRow, Clone)]
struct EventRow {
    id: Uuid,
    group_id: Uuid,
    author_id: Uuid,
    author_name: String,
    title: String,
    description: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    time_zone: String,
    place: String,
    online_url: String,
    capacity: Option<i64>,
    going_count: i64,
    maybe_count: i64,
    waiting_count: i64,
    cancelled_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
}

impl From<EventRow> for Event {
    fn from(row: EventRow) -> Self {
        Event {
            id: row.id,
            group_id: row.group_id,
            author_id: row.author_id,
            author_name: row.author_name,
            title: row.title,
            description: row.description,
            starts_at: row.starts_at,
            ends_at: row.ends_at,
            time_zone: row.time_zone,
            place: row.place,
            online_url: row.online_url,
            capacity: row.capacity,
            going_count: row.going_count,
            maybe_count: row.maybe_count,
            waiting_count: row.waiting_count,
            cancelled: row.cancelled_at.is_some(),
            created_at: row.created_at,
            edited_at: row.edited_at,
        }
    }
}

const EVENT_COLUMNS: &str = "SELECT e.id, e.group_id, e.author_id, p.display_name AS author_name, e.title, e.description, \
    e.starts_at, e.ends_at, e.time_zone, e.place, e.online_url, e.capacity, e.going_count, e.maybe_count, e.waiting_count, \
    e.cancelled_at, e.created_at, e.edited_at FROM events e JOIN people p ON p.id = e.author_id";

async fn load_event(tx: &mut Tx, id: Uuid) -> ApiResult<Option<EventRow>> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| format!("{EVENT_COLUMNS} WHERE e.id = $1"));
    let row = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(SQL.as_str())).bind(id).fetch_optional(c).await)?;
    Ok(row)
}

fn event_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::EventNotFound, "This event does not exist.")
}

fn cancelled() -> ApiError {
    ApiError::conflict(ErrorCode::EventCancelled, "This event was cancelled.")
}

fn status_str(status: RsvpStatus) -> &'static str {
    match status {
        RsvpStatus::Going => "going",
        RsvpStatus::Maybe => "maybe",
        RsvpStatus::Declined => "declined",
        RsvpStatus::Waiting => "waiting",
    }
}

fn parse_status(text: &str) -> RsvpStatus {
    match text {
        "going" => RsvpStatus::Going,
        "maybe" => RsvpStatus::Maybe,
        "waiting" => RsvpStatus::Waiting,
        _ => RsvpStatus::Declined,
    }
}

/// The event and the caller's access to its group; an event of a group the caller may not
/// read does not exist for them.
async fn readable(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<(EventRow, GroupAccess)> {
    let event = load_event(tx, id).await?.ok_or_else(event_not_found)?;
    let access = match GroupAccess::load(tx, actor, event.group_id).await {
        Ok(access) => access,
        Err(e) if e.as_client().is_some() => return Err(event_not_found()),
        Err(e) => return Err(e),
    };
    if !access.can_read() {
        return Err(event_not_found());
    }
    Ok((event, access))
}

/// Whether the person may read the event (for what is attached to it).
pub async fn may_read(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<bool> {
    readable(tx, actor, id).await.map(|_| true)
}

fn require_run(access: &GroupAccess) -> ApiResult<()> {
    if access.can_run() {
        Ok(())
    } else {
        Err(ApiError::forbidden(ErrorCode::NotAnOrganiser, "Only the group's organisers can do this."))
    }
}

// ---------------------------------------------------------------------------------------
// Changes

async fn put_event(tx: &mut Tx, id: Uuid, changes: &mut ChangeSet) -> ApiResult<EventRow> {
    let row = load_event(tx, id).await?.ok_or_else(event_not_found)?;
    changes.put(scope::group(row.group_id), id, &Entity::Event(row.clone().into()));
    Ok(row)
}

/// Writes the answers to an event that `which` picks into their people's scopes (each with
/// its place on the waiting list, computed in the same statement), and returns every answer
/// (person, status) in the order they came.
async fn put_answers(
    tx: &mut Tx,
    event: &EventRow,
    which: impl Fn(Uuid, RsvpStatus) -> bool,
    changes: &mut ChangeSet,
) -> ApiResult<Vec<(Uuid, RsvpStatus)>> {
    let rows: Vec<(Uuid, String, Option<i64>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT person_id, status, CASE WHEN status = 'waiting' \
            THEN ROW_NUMBER() OVER (PARTITION BY status ORDER BY answered_at, person_id) END AS position \
         FROM event_rsvps WHERE event_id = $1 ORDER BY answered_at, person_id")
        .bind(event.id).fetch_all(c).await)?;
    let mut answers = Vec::with_capacity(rows.len());
    for (person_id, status, waiting_position) in rows {
        let status = parse_status(&status);
        if which(person_id, status) {
            let rsvp = MyRsvp {
                event_id: event.id,
                group_id: event.group_id,
                status,
                waiting_position,
                title: event.title.clone(),
                starts_at: event.starts_at,
                ends_at: event.ends_at,
                cancelled: event.cancelled_at.is_some(),
            };
            let id = crate::sync::log::pair_id(EntityKind::MyRsvp, event.id, person_id);
            changes.put(scope::person(person_id), id, &Entity::MyRsvp(rsvp));
        }
        answers.push((person_id, status));
    }
    Ok(answers)
}

/// Who answered and did not decline: told when the event changes.
fn attending(answers: &[(Uuid, RsvpStatus)]) -> Vec<Uuid> {
    answers.iter().filter(|(_, status)| *status != RsvpStatus::Declined).map(|(person, _)| *person).collect()
}

async fn going(tx: &mut Tx, event_id: Uuid) -> ApiResult<Vec<Uuid>> {
    let ids = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT person_id FROM event_rsvps WHERE event_id = $1 AND status = 'going' ORDER BY answered_at, person_id")
        .bind(event_id).fetch_all(c).await)?;
    Ok(ids)
}

/// Answers to one event are decided one at a time (a seat is never given twice). SQLite
/// writes one transaction at a time already; PostgreSQL locks the event's row.
async fn lock_event(tx: &mut Tx, event_id: Uuid) -> ApiResult<()> {
    Ok(tx.lock_row("events", event_id).await?)
}

async fn recount(tx: &mut Tx, event_id: Uuid) -> ApiResult<()> {
    exec!(tx, sqlx::query(
        "UPDATE events SET going_count = (SELECT COUNT(*) FROM event_rsvps WHERE event_id = $1 AND status = 'going'), \
            maybe_count = (SELECT COUNT(*) FROM event_rsvps WHERE event_id = $1 AND status = 'maybe'), \
            waiting_count = (SELECT COUNT(*) FROM event_rsvps WHERE event_id = $1 AND status = 'waiting') WHERE id = $1")
        .bind(event_id))?;
    Ok(())
}

/// Seats that freed go to the waiting list in order; returns who got one.
async fn promote(tx: &mut Tx, event_id: Uuid) -> ApiResult<Vec<Uuid>> {
    let (capacity, going): (Option<i64>, i64) = on_tx!(tx, c => sqlx::query_as(
        "SELECT capacity, (SELECT COUNT(*) FROM event_rsvps WHERE event_id = $1 AND status = 'going') FROM events WHERE id = $1")
        .bind(event_id).fetch_one(c).await)?;
    let free = capacity.map_or(i64::MAX, |c| (c - going).max(0));
    if free == 0 {
        return Ok(Vec::new());
    }
    let next: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT person_id FROM event_rsvps WHERE event_id = $1 AND status = 'waiting' ORDER BY answered_at, person_id LIMIT $2")
        .bind(event_id).bind(free.min(10_000)).fetch_all(c).await)?;
    for person in &next {
        exec!(
            tx,
            sqlx::query("UPDATE event_rsvps SET status = 'going' WHERE event_id = $1 AND person_id = $2")
                .bind(event_id)
                .bind(person)
        )?;
    }
    Ok(next)
}

async fn schedule_reminders(
    tx: &mut Tx,
    event_id: Uuid,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    exec!(tx, sqlx::query("DELETE FROM event_reminders WHERE event_id = $1").bind(event_id))?;
    for lead in REMINDER_LEADS {
        let due = starts_at - Duration::minutes(lead);
        if due > now {
            exec!(
                tx,
                sqlx::query("INSERT INTO event_reminders (event_id, lead_minutes, due_at) VALUES ($1, $2, $3)")
                    .bind(event_id)
                    .bind(lead)
                    .bind(due)
            )?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Fields

fn field_error(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::invalid(ErrorCode::InvalidField, message.into()).with_details(serde_json::json!({ "field": field }))
}

fn online_url(value: &str) -> ApiResult<String> {
    let value = fields::text("online_url", value, URL_MAX, fields::Presence::Optional, fields::Lines::One)?;
    if value.is_empty() {
        return Ok(value);
    }
    match reqwest::Url::parse(&value) {
        Ok(url) if matches!(url.scheme(), "https" | "http") && url.host_str().is_some() => Ok(value),
        _ => Err(field_error("online_url", "The online link must be a web address (https://...).")),
    }
}

fn capacity(value: Option<i64>) -> ApiResult<Option<i64>> {
    match value {
        None => Ok(None),
        Some(c) if (1..=CAPACITY_MAX).contains(&c) => Ok(Some(c)),
        Some(_) => Err(field_error("capacity", format!("The number of places must be between 1 and {CAPACITY_MAX}."))),
    }
}

fn check_times(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<()> {
    if ends_at <= starts_at {
        return Err(field_error("ends_at", "The event must end after it starts."));
    }
    if ends_at - starts_at > Duration::days(DURATION_MAX_DAYS) {
        return Err(field_error("ends_at", format!("An event lasts at most {DURATION_MAX_DAYS} days.")));
    }
    if ends_at <= now {
        return Err(field_error("ends_at", "This event would already be over."));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Mutations

pub async fn create_event(tx: &mut Tx, actor: &Actor, event: &NewEvent, changes: &mut ChangeSet) -> ApiResult<()> {
    let title = fields::text("title", &event.title, TITLE_MAX, fields::Presence::Required, fields::Lines::One)?;
    let description = fields::text(
        "description",
        &event.description,
        DESCRIPTION_MAX,
        fields::Presence::Optional,
        fields::Lines::Many,
    )?;
    let place = fields::text("place", &event.place, PLACE_MAX, fields::Presence::Optional, fields::Lines::One)?;
    let online_url = online_url(&event.online_url)?;
    let time_zone = notifications::settings::time_zone("time_zone", &event.time_zone)?;
    let capacity = capacity(event.capacity)?;
    let now = Utc::now();
    check_times(event.starts_at, event.ends_at, now)?;
    let access = GroupAccess::load(tx, actor, event.group_id).await?;
    if !access.can_read() {
        return Err(crate::groups::access::group_not_found());
    }
    require_run(&access)?;
    exec!(tx, sqlx::query(
        "INSERT INTO events (id, group_id, author_id, title, description, starts_at, ends_at, time_zone, place, online_url, capacity, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
        .bind(event.id).bind(event.group_id).bind(actor.person_id).bind(&title).bind(&description).bind(event.starts_at)
        .bind(event.ends_at).bind(time_zone.name()).bind(&place).bind(&online_url).bind(capacity).bind(now))
        .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;
    schedule_reminders(tx, event.id, event.starts_at, now).await?;
    put_event(tx, event.id, changes).await?;
    let attached = fabrique_wire::attachments::AttachedTo::Event;
    let scopes = [scope::group(event.group_id)];
    crate::attachments::attach(tx, actor, &event.attachments, attached, event.id, &scopes, changes).await?;
    let recipients: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT person_id FROM group_members WHERE group_id = $1")
        .bind(event.group_id).fetch_all(c).await)?;
    let cause = Cause::new(NotificationKind::EventCreated, event.id, actor, &title)
        .in_group(event.group_id, Audience::Group(GroupLevel::Important));
    notifications::notify(tx, &cause, &recipients, changes).await?;
    Ok(())
}

pub async fn update_event(tx: &mut Tx, actor: &Actor, update: &EventUpdate, changes: &mut ChangeSet) -> ApiResult<()> {
    let id = update.id;
    let title = update
        .title
        .as_deref()
        .map(|t| fields::text("title", t, TITLE_MAX, fields::Presence::Required, fields::Lines::One))
        .transpose()?;
    let description = update
        .description
        .as_deref()
        .map(|d| fields::text("description", d, DESCRIPTION_MAX, fields::Presence::Optional, fields::Lines::Many))
        .transpose()?;
    let place = update
        .place
        .as_deref()
        .map(|p| fields::text("place", p, PLACE_MAX, fields::Presence::Optional, fields::Lines::One))
        .transpose()?;
    let online = update.online_url.as_deref().map(online_url).transpose()?;
    let time_zone =
        update.time_zone.as_deref().map(|tz| notifications::settings::time_zone("time_zone", tz)).transpose()?;
    // 0 removes the limit; any other value is checked.
    let new_capacity = match update.capacity {
        None => None,
        Some(0) => Some(None),
        Some(c) => Some(capacity(Some(c))?),
    };
    lock_event(tx, id).await?;
    let (event, access) = readable(tx, actor, id).await?;
    require_run(&access)?;
    if event.cancelled_at.is_some() {
        return Err(cancelled());
    }
    let now = Utc::now();
    let starts_at = update.starts_at.unwrap_or(event.starts_at);
    let ends_at = update.ends_at.unwrap_or(event.ends_at);
    if update.starts_at.is_some() || update.ends_at.is_some() {
        check_times(starts_at, ends_at, now)?;
    }
    let capacity = new_capacity.unwrap_or(event.capacity);
    exec!(
        tx,
        sqlx::query(
            "UPDATE events SET title = $1, description = $2, starts_at = $3, ends_at = $4, time_zone = $5, place = $6, \
            online_url = $7, capacity = $8, edited_at = $9 WHERE id = $10"
        )
        .bind(title.as_deref().unwrap_or(&event.title))
        .bind(description.as_deref().unwrap_or(&event.description))
        .bind(starts_at)
        .bind(ends_at)
        .bind(time_zone.map_or(event.time_zone.clone(), |tz| tz.name().to_owned()))
        .bind(place.as_deref().unwrap_or(&event.place))
        .bind(online.as_deref().unwrap_or(&event.online_url))
        .bind(capacity)
        .bind(now)
        .bind(id)
    )?;
    if starts_at != event.starts_at {
        schedule_reminders(tx, id, starts_at, now).await?;
    }
    // More places: the waiting list moves up. Fewer: those going keep their place.
    let promoted = promote(tx, id).await?;
    recount(tx, id).await?;
    let updated = put_event(tx, id, changes).await?;
    let answers = put_answers(tx, &updated, |_, _| true, changes).await?;
    let moved = starts_at != event.starts_at
        || ends_at != event.ends_at
        || place.as_ref().is_some_and(|p| *p != event.place)
        || online.as_ref().is_some_and(|o| *o != event.online_url)
        || !promoted.is_empty();
    if moved {
        let told = attending(&answers);
        let cause = Cause::new(NotificationKind::EventChanged, id, actor, &updated.title)
            .in_group(updated.group_id, Audience::Personal);
        notifications::notify(tx, &cause, &told, changes).await?;
    }
    Ok(())
}

pub async fn cancel_event(tx: &mut Tx, actor: &Actor, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let (event, access) = readable(tx, actor, id).await?;
    require_run(&access)?;
    if event.cancelled_at.is_some() {
        return Ok(());
    }
    exec!(tx, sqlx::query("UPDATE events SET cancelled_at = $1 WHERE id = $2").bind(Utc::now()).bind(id))?;
    exec!(tx, sqlx::query("DELETE FROM event_reminders WHERE event_id = $1").bind(id))?;
    let updated = put_event(tx, id, changes).await?;
    let told = attending(&put_answers(tx, &updated, |_, _| true, changes).await?);
    let cause = Cause::new(NotificationKind::EventCancelled, id, actor, &updated.title)
        .in_group(updated.group_id, Audience::Personal);
    notifications::notify(tx, &cause, &told, changes).await?;
    if actor.person_id != event.author_id {
        crate::audit::record(
            tx,
            Some(actor.person_id),
            crate::audit::Action::EventCancel,
            "event",
            Some(id),
            serde_json::json!({}),
        )
        .await?;
    }
    Ok(())
}

/// `answer_event`: one answer per person, replaced on change. Going to a full event puts one
/// on the waiting list; leaving frees a seat for the first person waiting.
pub async fn answer_event(
    tx: &mut Tx,
    actor: &Actor,
    event_id: Uuid,
    choice: RsvpChoice,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    lock_event(tx, event_id).await?;
    let (event, access) = readable(tx, actor, event_id).await?;
    if !access.can_respond() {
        return Err(ApiError::forbidden(ErrorCode::NotAMember, "Join the group to answer its events."));
    }
    if event.cancelled_at.is_some() {
        return Err(cancelled());
    }
    let now = Utc::now();
    if event.ends_at <= now {
        return Err(ApiError::conflict(ErrorCode::EventOver, "This event is over."));
    }
    let current: Option<String> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT status FROM event_rsvps WHERE event_id = $1 AND person_id = $2")
        .bind(event_id).bind(actor.person_id).fetch_optional(c).await)?;
    let current = current.as_deref().map(parse_status);
    let next = match (choice, current) {
        // Already in, or already waiting: keep one's place.
        (RsvpChoice::Going, Some(RsvpStatus::Going | RsvpStatus::Waiting)) => current.unwrap_or(RsvpStatus::Going),
        (RsvpChoice::Going, _) => {
            let going: i64 = on_tx!(tx, c => sqlx::query_scalar(
                "SELECT COUNT(*) FROM event_rsvps WHERE event_id = $1 AND status = 'going'").bind(event_id).fetch_one(c).await)?;
            if event.capacity.is_some_and(|c| going >= c) { RsvpStatus::Waiting } else { RsvpStatus::Going }
        }
        (RsvpChoice::Maybe, _) => RsvpStatus::Maybe,
        (RsvpChoice::Declined, _) => RsvpStatus::Declined,
    };
    if current != Some(next) {
        exec!(tx, sqlx::query(
            "INSERT INTO event_rsvps (event_id, person_id, status, answered_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (event_id, person_id) DO UPDATE SET status = excluded.status, answered_at = excluded.answered_at")
            .bind(event_id).bind(actor.person_id).bind(status_str(next)).bind(now))?;
    }
    let promoted = if current == Some(RsvpStatus::Going) && next != RsvpStatus::Going {
        promote(tx, event_id).await?
    } else {
        Vec::new()
    };
    recount(tx, event_id).await?;
    let updated = put_event(tx, event_id, changes).await?;
    // Mine, those who got a seat, and the waiting list when its places moved (someone
    // left it or got in).
    let line_moved = current == Some(RsvpStatus::Waiting) || !promoted.is_empty();
    let me = actor.person_id;
    put_answers(
        tx,
        &updated,
        |person, status| person == me || promoted.contains(&person) || (line_moved && status == RsvpStatus::Waiting),
        changes,
    )
    .await?;
    if !promoted.is_empty() {
        let cause = Cause::new(NotificationKind::EventChanged, event_id, actor, &updated.title)
            .in_group(updated.group_id, Audience::Personal);
        notifications::notify(tx, &cause, &promoted, changes).await?;
    }
    Ok(())
}

async fn check_rate(tx: &mut Tx, actor: &Actor, group_id: Uuid, now: DateTime<Utc>) -> ApiResult<i64> {
    let sent: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM announcements WHERE author_id = $1 AND group_id = $2 AND created_at > $3")
        .bind(actor.person_id).bind(group_id).bind(now - Duration::days(1)).fetch_one(c).await)?;
    Ok((ANNOUNCEMENTS_PER_DAY - sent).max(0))
}

async fn record_announcement(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    group_id: Uuid,
    event_id: Option<Uuid>,
    text: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    if check_rate(tx, actor, group_id, now).await? == 0 {
        return Err(ApiError::client(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            format!("You have sent {ANNOUNCEMENTS_PER_DAY} messages to this group today: try again tomorrow."),
        ));
    }
    exec!(tx, sqlx::query(
        "INSERT INTO announcements (id, group_id, event_id, author_id, text, reached, created_at) VALUES ($1, $2, $3, $4, $5, 0, $6)")
        .bind(id).bind(group_id).bind(event_id).bind(actor.person_id).bind(text).bind(now))
        .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;
    Ok(())
}

async fn set_reached(tx: &mut Tx, id: Uuid, reached: usize) -> ApiResult<()> {
    exec!(tx, sqlx::query("UPDATE announcements SET reached = $1 WHERE id = $2").bind(reached as i64).bind(id))?;
    Ok(())
}

/// `announce_to_group`: to every member (as each one's level for the group allows).
pub async fn announce_to_group(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    group_id: Uuid,
    text: &str,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let text = fields::text("text", text, ANNOUNCEMENT_MAX, fields::Presence::Required, fields::Lines::Many)?;
    let access = GroupAccess::load(tx, actor, group_id).await?;
    require_run(&access)?;
    let now = Utc::now();
    record_announcement(tx, actor, id, group_id, None, &text, now).await?;
    let recipients: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT person_id FROM group_members WHERE group_id = $1")
        .bind(group_id).fetch_all(c).await)?;
    let cause = Cause::new(NotificationKind::Announcement, group_id, actor, &text)
        .in_group(group_id, Audience::Group(GroupLevel::Important));
    let told = notifications::notify(tx, &cause, &recipients, changes).await?;
    set_reached(tx, id, told).await?;
    crate::audit::record(
        tx,
        Some(actor.person_id),
        crate::audit::Action::AnnouncementGroup,
        "group",
        Some(group_id),
        serde_json::json!({ "reached": told }),
    )
    .await?;
    Ok(())
}

/// `announce_to_attendees`: to exactly the people going.
pub async fn announce_to_attendees(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    event_id: Uuid,
    text: &str,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let text = fields::text("text", text, ANNOUNCEMENT_MAX, fields::Presence::Required, fields::Lines::Many)?;
    let (event, access) = readable(tx, actor, event_id).await?;
    require_run(&access)?;
    let now = Utc::now();
    record_announcement(tx, actor, id, event.group_id, Some(event_id), &text, now).await?;
    let recipients = going(tx, event_id).await?;
    let cause =
        Cause::new(NotificationKind::Announcement, event_id, actor, &text).in_group(event.group_id, Audience::Personal);
    let told = notifications::notify(tx, &cause, &recipients, changes).await?;
    set_reached(tx, id, told).await?;
    Ok(())
}

/// A person left a private group: their answers to its events go (their seats free up for
/// the waiting list), and with them what their own scope held of those events.
pub async fn forget_member(tx: &mut Tx, group_id: Uuid, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let answered: Vec<(Uuid, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT r.event_id, r.status FROM event_rsvps r JOIN events e ON e.id = r.event_id WHERE e.group_id = $1 AND r.person_id = $2")
        .bind(group_id).bind(person_id).fetch_all(c).await)?;
    for (event_id, status) in answered {
        lock_event(tx, event_id).await?;
        exec!(
            tx,
            sqlx::query("DELETE FROM event_rsvps WHERE event_id = $1 AND person_id = $2")
                .bind(event_id)
                .bind(person_id)
        )?;
        changes.delete(
            scope::person(person_id),
            EntityKind::MyRsvp,
            crate::sync::log::pair_id(EntityKind::MyRsvp, event_id, person_id),
        );
        let promoted = if status == "going" { promote(tx, event_id).await? } else { Vec::new() };
        recount(tx, event_id).await?;
        let updated = put_event(tx, event_id, changes).await?;
        if status == "waiting" || !promoted.is_empty() {
            put_answers(
                tx,
                &updated,
                |person, status| promoted.contains(&person) || status == RsvpStatus::Waiting,
                changes,
            )
            .await?;
        }
    }
    Ok(())
}

/// A person whose account is erased: their answers to every event go, each as
/// [`forget_member`] does (the seats they free go to the waiting lists, phones are told).
pub async fn forget_person(tx: &mut Tx, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let groups: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT DISTINCT e.group_id FROM event_rsvps r JOIN events e ON e.id = r.event_id WHERE r.person_id = $1")
        .bind(person_id).fetch_all(c).await)?;
    for group_id in groups {
        forget_member(tx, group_id, person_id, changes).await?;
    }
    Ok(())
}

/// Reminders sent by one call of [`remind_due`].
pub const REMINDERS_PER_ROUND: usize = 200;

/// Reminders due at `now` (24 h and 1 h before), to the people going, at most
/// [`REMINDERS_PER_ROUND`] a call. Returns how many were due and the scopes that changed,
/// to poke the phones that are open.
pub async fn remind_due(db: &Db, now: DateTime<Utc>) -> ApiResult<(usize, Vec<String>)> {
    let mut tx = db.begin_write().await?;
    let due: Vec<(Uuid, i64)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT event_id, lead_minutes FROM event_reminders WHERE due_at <= $1 ORDER BY due_at LIMIT $2")
        .bind(now).bind(REMINDERS_PER_ROUND as i64).fetch_all(c).await)?;
    let mut changes = ChangeSet::default();
    for (event_id, lead) in &due {
        exec!(
            &mut tx,
            sqlx::query("DELETE FROM event_reminders WHERE event_id = $1 AND lead_minutes = $2")
                .bind(event_id)
                .bind(lead)
        )?;
        let Some(event) = load_event(&mut tx, *event_id).await? else { continue };
        // Late (the server was stopped): a reminder of something already started is no use.
        if event.cancelled_at.is_some() || event.starts_at <= now {
            continue;
        }
        let attendees = going(&mut tx, *event_id).await?;
        let cause = Cause {
            kind: NotificationKind::EventReminder,
            subject_id: event.id,
            group_id: Some(event.group_id),
            actor_id: event.author_id,
            tell_actor: true,
            text: &event.title,
            audience: Audience::Personal,
        };
        notifications::notify(&mut tx, &cause, &attendees, &mut changes).await?;
    }
    let scopes = crate::sync::log::commit(&mut tx, changes).await?;
    tx.commit().await?;
    Ok((due.len(), scopes))
}

// ---------------------------------------------------------------------------------------
// REST

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    cursor: Option<String>,
    limit: Option<u32>,
}

/// One event (for a group the device does not hold).
#[utoipa::path(get, path = "/v1/events/{id}", tag = "events", security(("bearer" = [])),
    responses((status = 200, body = Event), (status = 404, body = ErrorBody)))]
async fn get_event(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<Event>> {
    let mut tx = state.db.begin_read().await?;
    let (event, _) = readable(&mut tx, &actor, id).await?;
    tx.commit().await?;
    Ok(Json(event.into()))
}

/// The coming events of a group, soonest first (those over are not listed).
#[utoipa::path(get, path = "/v1/groups/{id}/events", tag = "events", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<Event>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_group_events(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(group_id): Path<Uuid>,
    Query(query): Query<PageQuery>,
) -> ApiResult<Json<Page<Event>>> {
    let limit = fields::page_limit(query.limit, 20, 50)?;
    let now = Utc::now();
    let (after, after_id): (DateTime<Utc>, Uuid) =
        paging::start_after(&query.cursor, (DateTime::<Utc>::UNIX_EPOCH, Uuid::nil()))?;
    let mut tx = state.db.begin_read().await?;
    GroupAccess::load(&mut tx, &actor, group_id).await?.require_read()?;
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "{EVENT_COLUMNS} WHERE e.group_id = $1 AND e.ends_at > $2 AND (e.starts_at > $3 OR (e.starts_at = $3 AND e.id > $4)) \
             ORDER BY e.starts_at, e.id LIMIT $5"
        )
    });
    let rows: Vec<EventRow> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(SQL.as_str()))
        .bind(group_id).bind(now).bind(after).bind(after_id).bind(limit + 1).fetch_all(c).await)?;
    tx.commit().await?;
    let items: Vec<Event> = rows.into_iter().map(Event::from).collect();
    Ok(Json(paging::page(items, limit, |e: &Event| (e.starts_at, e.id))))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct AttendeesQuery {
    /// `going` (default), `maybe` or `waiting`.
    status: Option<String>,
    cursor: Option<String>,
    limit: Option<u32>,
}

/// Who answered an event, in the order they answered (the waiting list in its order).
#[utoipa::path(get, path = "/v1/events/{id}/attendees", tag = "events", security(("bearer" = [])), params(AttendeesQuery),
    responses((status = 200, body = Page<Attendee>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn attendees(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
    Query(query): Query<AttendeesQuery>,
) -> ApiResult<Json<Page<Attendee>>> {
    let status = match query.status.as_deref().unwrap_or("going") {
        "going" => "going",
        "maybe" => "maybe",
        "waiting" => "waiting",
        _ => return Err(ApiError::bad_request(ErrorCode::InvalidQuery, "`status` is going, maybe or waiting.")),
    };
    let limit = fields::page_limit(query.limit, 50, 200)?;
    let (after, after_id): (DateTime<Utc>, Uuid) =
        paging::start_after(&query.cursor, (DateTime::<Utc>::UNIX_EPOCH, Uuid::nil()))?;
    let mut tx = state.db.begin_read().await?;
    readable(&mut tx, &actor, id).await?;
    let rows: Vec<(Uuid, String, String, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT r.person_id, p.display_name, p.function, r.status, r.answered_at FROM event_rsvps r JOIN people p ON p.id = r.person_id \
         WHERE r.event_id = $1 AND r.status = $2 AND (r.answered_at > $3 OR (r.answered_at = $3 AND r.person_id > $4)) \
         ORDER BY r.answered_at, r.person_id LIMIT $5")
        .bind(id).bind(status).bind(after).bind(after_id).bind(limit + 1).fetch_all(c).await)?;
    tx.commit().await?;
    let items = rows
        .into_iter()
        .map(|(person_id, display_name, function, status, answered_at)| Attendee {
            person_id,
            display_name,
            function,
            status: parse_status(&status),
            answered_at,
        })
        .collect();
    Ok(Json(paging::page(items, limit, |a: &Attendee| (a.answered_at, a.person_id))))
}

fn ics_event(event: &EventRow) -> icalendar::Event {
    use icalendar::{Component, EventLike, EventStatus};
    let mut item = icalendar::Event::new();
    item.uid(&format!("{}@fabrique", event.id))
        .summary(&event.title)
        .starts(event.starts_at)
        .ends(event.ends_at)
        .timestamp(event.edited_at.unwrap_or(event.created_at));
    // The link that takes one to the event itself: the meeting's, when it is online. (The
    // event's page is in the app, which a calendar cannot open.)
    if !event.online_url.is_empty() {
        item.url(&event.online_url);
    }
    if !event.description.is_empty() {
        item.description(&event.description);
    }
    let location = match (event.place.is_empty(), event.online_url.is_empty()) {
        (false, _) => Some(event.place.as_str()),
        (true, false) => Some(event.online_url.as_str()),
        (true, true) => None,
    };
    if let Some(location) = location {
        item.location(location);
    }
    item.status(if event.cancelled_at.is_some() { EventStatus::Cancelled } else { EventStatus::Confirmed });
    item.done()
}

fn calendar_response(calendar: icalendar::Calendar, file_name: &str) -> Response {
    let mut response = calendar.to_string().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}

/// One event as an iCalendar file, to add it to one's calendar.
#[utoipa::path(get, path = "/v1/events/{id}/ics", tag = "events", security(("bearer" = [])),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = ErrorBody)))]
async fn event_ics(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Response> {
    let mut tx = state.db.begin_read().await?;
    let (event, _) = readable(&mut tx, &actor, id).await?;
    tx.commit().await?;
    let mut calendar = icalendar::Calendar::new();
    calendar.push(ics_event(&event));
    Ok(calendar_response(calendar.done(), "evenement.ics"))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct ReachQuery {
    /// A message to a whole group…
    group_id: Option<Uuid>,
    /// …or to the people going to an event.
    event_id: Option<Uuid>,
}

/// How many people an organiser's message would reach now (as each one's settings allow),
/// and how many messages the caller may still send to the group today.
#[utoipa::path(get, path = "/v1/announcements/reach", tag = "events", security(("bearer" = [])), params(ReachQuery),
    responses((status = 200, body = Reach), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn reach(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Query(query): Query<ReachQuery>,
) -> ApiResult<Json<Reach>> {
    let mut tx = state.db.begin_read().await?;
    // The audience as `notify` filters it: active people, not the sender, who did not mute
    // organisers' messages (and, for a group, whose level for it is not "nothing").
    let (group_id, audience) = match (query.group_id, query.event_id) {
        (Some(group_id), None) => {
            require_run(&GroupAccess::load(&mut tx, &actor, group_id).await?)?;
            (
                group_id,
                "SELECT m.person_id FROM group_members m WHERE m.group_id = $1 AND NOT EXISTS (SELECT 1 FROM group_notification_levels l \
                WHERE l.person_id = m.person_id AND l.group_id = $1 AND l.level = 'nothing')",
            )
        }
        (None, Some(event_id)) => {
            let (event, access) = readable(&mut tx, &actor, event_id).await?;
            require_run(&access)?;
            (event.group_id, "SELECT r.person_id FROM event_rsvps r WHERE r.event_id = $2 AND r.status = 'going'")
        }
        _ => return Err(ApiError::bad_request(ErrorCode::InvalidQuery, "Give either `group_id` or `event_id`.")),
    };
    let sql = format!(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM push_subscriptions s JOIN sessions x ON x.token_hash = s.session_hash \
            WHERE s.person_id = a.person_id AND x.revoked_at IS NULL AND x.expires_at > $4) THEN 1 ELSE 0 END), 0) \
         FROM ({audience}) a JOIN people p ON p.id = a.person_id AND p.deactivated_at IS NULL \
         LEFT JOIN notification_settings n ON n.person_id = a.person_id \
         WHERE a.person_id <> $3 AND (n.muted_kinds IS NULL OR n.muted_kinds NOT LIKE '%\"announcement\"%')"
    );
    let now = Utc::now();
    let (people, with_push): (i64, i64) = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(group_id).bind(query.event_id.unwrap_or(Uuid::nil())).bind(actor.person_id).bind(now).fetch_one(c).await)?;
    let remaining_today = check_rate(&mut tx, &actor, group_id, now).await?;
    tx.commit().await?;
    Ok(Json(Reach { people, with_push, remaining_today }))
}

/// A new secret address for my calendar (the previous one stops working).
#[utoipa::path(post, path = "/v1/calendar/feed", tag = "events", security(("bearer" = [])),
    responses((status = 201, body = CalendarFeed), (status = 401, body = ErrorBody)))]
async fn new_calendar_feed(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
) -> ApiResult<(StatusCode, Json<CalendarFeed>)> {
    let token = crate::auth::random_secret(32);
    let mut tx = state.db.begin_write().await?;
    exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at"
        )
        .bind(actor.person_id)
        .bind(crate::auth::hash_token(&token))
        .bind(Utc::now())
    )?;
    tx.commit().await?;
    let url = format!("{}/v1/calendar/{token}.ics", state.settings.public_url.trim_end_matches('/'));
    Ok((StatusCode::CREATED, Json(CalendarFeed { url })))
}

/// My calendar as an iCalendar feed, at its secret address (calendar apps cannot sign in):
/// the events I am going to, may go to, or wait for, from 30 days ago on.
#[utoipa::path(get, path = "/v1/calendar/{file}", tag = "events",
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = ErrorBody)))]
async fn calendar_feed(State(state): State<AppState>, Path(file): Path<String>) -> ApiResult<Response> {
    let not_found =
        || ApiError::not_found(ErrorCode::CalendarNotFound, "This calendar address is not valid (any more).");
    let token = file.strip_suffix(".ics").ok_or_else(not_found)?;
    let mut tx = state.db.begin_read().await?;
    let person: Option<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
        "SELECT f.person_id FROM calendar_feeds f JOIN people p ON p.id = f.person_id AND p.deactivated_at IS NULL WHERE f.token_hash = $1")
        .bind(crate::auth::hash_token(token)).fetch_optional(c).await)?;
    let person = person.ok_or_else(not_found)?;
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "{EVENT_COLUMNS} JOIN event_rsvps r ON r.event_id = e.id AND r.person_id = $1 AND r.status IN ('going', 'maybe', 'waiting') \
             WHERE e.ends_at > $2 AND (EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = e.group_id AND m.person_id = $1) \
                OR EXISTS (SELECT 1 FROM groups g WHERE g.id = e.group_id AND g.visibility = 'public' AND g.deleted_at IS NULL)) \
             ORDER BY e.starts_at, e.id LIMIT 500"
        )
    });
    let rows: Vec<EventRow> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(SQL.as_str()))
        .bind(person).bind(Utc::now() - Duration::days(30)).fetch_all(c).await)?;
    tx.commit().await?;
    let mut calendar = icalendar::Calendar::new();
    calendar.name("Fabrique");
    for row in &rows {
        calendar.push(ics_event(row));
    }
    Ok(calendar_response(calendar.done(), "fabrique.ics"))
}
