//! How each person wants to be told: kinds muted, a level per group, quiet hours in their
//! time zone. Kept in the person's scope as one [`NotificationSettings`] entity.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use fabrique_wire::notifications::{
    DEFAULT_TIME_ZONE, DigestChoice, GroupLevel, GroupNotificationLevel, NotificationKind, NotificationSettings,
    QuietHours,
};
use fabrique_wire::sync::{Entity, scope};
use uuid::Uuid;

use super::Audience;
use crate::auth::Actor;
use crate::db::{Tx, ids_json};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::groups::access::GroupAccess;
use crate::sync::log::ChangeSet;
use crate::{exec, on_tx};

fn field_error(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::invalid(ErrorCode::InvalidField, message.into()).with_details(serde_json::json!({ "field": field }))
}

/// An IANA time zone name ("Europe/Paris", "America/Cayenne").
pub fn time_zone(field: &str, name: &str) -> ApiResult<Tz> {
    Tz::from_str(name.trim()).map_err(|_| field_error(field, format!("\"{name}\" is not a known time zone.")))
}

/// "HH:MM" as minutes after midnight.
fn clock(field: &str, text: &str) -> ApiResult<u32> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map(|t| t.hour() * 60 + t.minute())
        .map_err(|_| field_error(field, format!("\"{text}\" is not a time of day (HH:MM).")))
}

fn clock_text(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn level_str(level: GroupLevel) -> &'static str {
    match level {
        GroupLevel::Everything => "everything",
        GroupLevel::Important => "important",
        GroupLevel::Nothing => "nothing",
    }
}

fn parse_level(text: &str) -> GroupLevel {
    match text {
        "everything" => GroupLevel::Everything,
        "nothing" => GroupLevel::Nothing,
        _ => GroupLevel::Important,
    }
}

fn rank(level: GroupLevel) -> u8 {
    match level {
        GroupLevel::Nothing => 0,
        GroupLevel::Important => 1,
        GroupLevel::Everything => 2,
    }
}

/// One recipient's choices, as [`super::notify`] reads them.
pub struct Choices {
    muted: Vec<NotificationKind>,
    level: GroupLevel,
    quiet: Option<(Tz, u32, u32)>,
}

impl Choices {
    pub fn wants(&self, kind: NotificationKind, audience: Audience) -> bool {
        if self.muted.contains(&kind) {
            return false;
        }
        match audience {
            Audience::Personal => true,
            Audience::Group(at_least) => rank(self.level) >= rank(at_least),
        }
    }

    /// When pushes may leave: now, or at the end of the quiet hours.
    pub fn push_at(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self.quiet {
            Some((tz, start, end)) => quiet_until(now, tz, start, end).unwrap_or(now),
            None => now,
        }
    }
}

/// The end of the quiet hours that hold `now`, if they do.
pub fn quiet_until(now: DateTime<Utc>, tz: Tz, start: u32, end: u32) -> Option<DateTime<Utc>> {
    let local = now.with_timezone(&tz);
    let minute = local.hour() * 60 + local.minute();
    let quiet = if start < end { minute >= start && minute < end } else { minute >= start || minute < end };
    if !quiet {
        return None;
    }
    let mut date = local.date_naive();
    if minute >= end {
        date = date.succ_opt()?;
    }
    let naive = date.and_time(NaiveTime::from_hms_opt(end / 60, end % 60, 0)?);
    // A clock change may skip the end time: then the first instant after the gap.
    tz.from_local_datetime(&naive)
        .earliest()
        .or_else(|| tz.from_local_datetime(&(naive + chrono::Duration::hours(1))).earliest())
        .map(|t| t.with_timezone(&Utc))
}

#[derive(sqlx::FromRow)]
struct RecipientRow {
    person_id: Uuid,
    time_zone: Option<String>,
    quiet_start: Option<i64>,
    quiet_end: Option<i64>,
    muted_kinds: Option<String>,
    level: Option<String>,
    member: bool,
}

impl RecipientRow {
    fn into_choices(self) -> Choices {
        let muted = self
            .muted_kinds
            .as_deref()
            .and_then(|text| serde_json::from_str::<Vec<String>>(text).ok())
            .unwrap_or_default()
            .iter()
            .filter_map(|k| NotificationKind::parse(k))
            .collect();
        let level = match self.level {
            Some(level) => parse_level(&level),
            None if self.member => GroupLevel::Important,
            None => GroupLevel::Everything,
        };
        let quiet =
            match (self.time_zone.as_deref().and_then(|tz| Tz::from_str(tz).ok()), self.quiet_start, self.quiet_end) {
                (Some(tz), Some(start), Some(end)) => Some((tz, start as u32, end as u32)),
                _ => None,
            };
        Choices { muted, level, quiet }
    }
}

/// Recipients read in one statement each this many.
const RECIPIENTS_PER_READ: usize = 500;

/// The choices of each recipient who is still active (deactivated accounts are left out),
/// with their level for `group_id`: as set, or the default (important for members,
/// everything for followers: following a group is asking for its news). One statement per
/// [`RECIPIENTS_PER_READ`] people: a fan-out to a large group reads them in bulk.
pub async fn for_recipients(tx: &mut Tx, people: &[Uuid], group_id: Option<Uuid>) -> ApiResult<HashMap<Uuid, Choices>> {
    const COLUMNS: &str = "SELECT p.id AS person_id, s.time_zone, s.quiet_start, s.quiet_end, s.muted_kinds, l.level, \
            EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = $2 AND m.person_id = p.id) AS member \
         FROM wanted w JOIN people p ON p.id = w.id AND p.deactivated_at IS NULL \
         LEFT JOIN notification_settings s ON s.person_id = p.id \
         LEFT JOIN group_notification_levels l ON l.person_id = p.id AND l.group_id = $2";
    let sql = format!("WITH wanted(id) AS ({}) {COLUMNS}", tx.id_set(1));
    let group = group_id.unwrap_or(Uuid::nil());
    let mut choices = HashMap::with_capacity(people.len());
    for chunk in people.chunks(RECIPIENTS_PER_READ) {
        let rows: Vec<RecipientRow> = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(ids_json(chunk)).bind(group).fetch_all(c).await)?;
        choices.extend(rows.into_iter().map(|row| (row.person_id, row.into_choices())));
    }
    Ok(choices)
}

/// The person's settings as their devices hold them.
pub async fn load(tx: &mut Tx, person_id: Uuid) -> ApiResult<NotificationSettings> {
    let row: Option<(String, Option<i64>, Option<i64>, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT time_zone, quiet_start, quiet_end, muted_kinds FROM notification_settings WHERE person_id = $1")
        .bind(person_id).fetch_optional(c).await)?;
    let levels: Vec<(Uuid, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT group_id, level FROM group_notification_levels WHERE person_id = $1 ORDER BY group_id")
        .bind(person_id).fetch_all(c).await)?;
    let digest: Option<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT digest FROM people WHERE id = $1")
        .bind(person_id).fetch_optional(c).await)?;
    let digest = DigestChoice::parse(digest.as_deref().unwrap_or("weekly"));
    let group_levels = levels
        .into_iter()
        .map(|(group_id, level)| GroupNotificationLevel { group_id, level: parse_level(&level) })
        .collect();
    Ok(match row {
        Some((time_zone, start, end, muted)) => NotificationSettings {
            time_zone,
            quiet_hours: start.zip(end).map(|(s, e)| QuietHours { start: clock_text(s), end: clock_text(e) }),
            muted_kinds: serde_json::from_str::<Vec<String>>(&muted)
                .unwrap_or_default()
                .iter()
                .filter_map(|k| NotificationKind::parse(k))
                .collect(),
            group_levels,
            digest,
        },
        None => NotificationSettings {
            time_zone: DEFAULT_TIME_ZONE.to_owned(),
            quiet_hours: None,
            muted_kinds: Vec::new(),
            group_levels,
            digest,
        },
    })
}

async fn put(tx: &mut Tx, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let settings = load(tx, person_id).await?;
    changes.put(scope::person(person_id), person_id, &Entity::NotificationSettings(settings));
    Ok(())
}

/// `set_notification_settings`: time zone, quiet hours and muted kinds, all at once.
pub async fn set_notification_settings(
    tx: &mut Tx,
    actor: &Actor,
    time_zone_name: &str,
    quiet_hours: Option<&QuietHours>,
    muted_kinds: &[NotificationKind],
    digest: Option<DigestChoice>,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let tz = time_zone("time_zone", time_zone_name)?;
    let quiet = match quiet_hours {
        Some(hours) => {
            let start = clock("quiet_hours.start", &hours.start)?;
            let end = clock("quiet_hours.end", &hours.end)?;
            if start == end {
                return Err(field_error("quiet_hours", "Quiet hours must end at another time than they start."));
            }
            Some((i64::from(start), i64::from(end)))
        }
        None => None,
    };
    let mut muted: Vec<&str> = muted_kinds.iter().map(|k| k.as_str()).collect();
    muted.sort_unstable();
    muted.dedup();
    let muted = serde_json::to_string(&muted).unwrap_or_else(|_| "[]".into());
    exec!(tx, sqlx::query(
        "INSERT INTO notification_settings (person_id, time_zone, quiet_start, quiet_end, muted_kinds) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (person_id) DO UPDATE SET time_zone = excluded.time_zone, quiet_start = excluded.quiet_start, \
             quiet_end = excluded.quiet_end, muted_kinds = excluded.muted_kinds")
        .bind(actor.person_id).bind(tz.name()).bind(quiet.map(|q| q.0)).bind(quiet.map(|q| q.1)).bind(&muted))?;
    if let Some(digest) = digest {
        // Looked at again at the next round (a person turning digests back on gets the next).
        exec!(
            tx,
            sqlx::query("UPDATE people SET digest = $1, digest_due_at = NULL WHERE id = $2")
                .bind(digest.as_str())
                .bind(actor.person_id)
        )?;
    }
    put(tx, actor.person_id, changes).await
}

/// `set_group_notification_level`: for a group one may read.
pub async fn set_group_notification_level(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    level: GroupLevel,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    GroupAccess::load(tx, actor, group_id).await?.require_read()?;
    exec!(
        tx,
        sqlx::query(
            "INSERT INTO group_notification_levels (person_id, group_id, level) VALUES ($1, $2, $3) \
         ON CONFLICT (person_id, group_id) DO UPDATE SET level = excluded.level"
        )
        .bind(actor.person_id)
        .bind(group_id)
        .bind(level_str(level))
    )?;
    put(tx, actor.person_id, changes).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn quiet_hours_across_midnight_hold_until_the_morning_in_the_persons_time_zone() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        // 23:30 in Paris (winter, UTC+1): held until 07:00 the next morning.
        let until = quiet_until(at("2026-12-02T22:30:00Z"), paris, 22 * 60, 7 * 60);
        assert_eq!(until, Some(at("2026-12-03T06:00:00Z")));
        // 05:00 in Paris: until 07:00 the same morning.
        assert_eq!(quiet_until(at("2026-12-03T04:00:00Z"), paris, 22 * 60, 7 * 60), Some(at("2026-12-03T06:00:00Z")));
        // 12:00: not quiet.
        assert_eq!(quiet_until(at("2026-12-03T11:00:00Z"), paris, 22 * 60, 7 * 60), None);
    }

    #[test]
    fn quiet_hours_within_a_day_and_the_end_time_lost_to_a_clock_change() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        assert_eq!(quiet_until(at("2026-12-03T12:30:00Z"), paris, 13 * 60, 14 * 60), Some(at("2026-12-03T13:00:00Z")));
        assert_eq!(quiet_until(at("2026-12-03T13:30:00Z"), paris, 13 * 60, 14 * 60), None);
        // 29 March 2026: 02:00 → 03:00 in Paris; an end at 02:30 does not exist that night.
        let until = quiet_until(at("2026-03-29T00:30:00Z"), paris, 23 * 60, 2 * 60 + 30).unwrap();
        assert_eq!(until, at("2026-03-29T01:30:00Z"));
    }

    #[test]
    fn a_muted_kind_is_never_wanted_and_a_group_level_filters_group_news() {
        let choices = Choices { muted: vec![NotificationKind::Mention], level: GroupLevel::Important, quiet: None };
        assert!(!choices.wants(NotificationKind::Mention, Audience::Personal));
        assert!(choices.wants(NotificationKind::EventCreated, Audience::Group(GroupLevel::Important)));
        assert!(!choices.wants(NotificationKind::GroupActivity, Audience::Group(GroupLevel::Everything)));
        let nothing = Choices { muted: vec![], level: GroupLevel::Nothing, quiet: None };
        assert!(!nothing.wants(NotificationKind::QuestionAsked, Audience::Group(GroupLevel::Important)));
        assert!(nothing.wants(NotificationKind::EventReminder, Audience::Personal));
    }
}
