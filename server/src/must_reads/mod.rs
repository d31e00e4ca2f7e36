//! Must-read messages (issue 22): a federation administrator to the whole federation or one
//! level of its tree, an association's manager to their association, an organiser to their
//! group. Shown pinned in the apps until the person says "J'ai lu" ([`acknowledge`]); a push
//! at once to every device of every recipient; an e-mail after the delay the sender chose to
//! those who have not read it ([`mail`]), and a line in their next digest. The sender sees the
//! reach grow ([`reach`]).
//!
//! Sending writes the message once, in its audience's scope (`organisation:<id>`, which every
//! person of the subtree reads, or `group:<id>`), one row per recipient (who it was sent to,
//! fixed then, and where each stands), and the pushes, all in one transaction whatever the
//! audience's size: set-based statements, no loop over people. The counts (read in the app,
//! mailed) change with each acknowledgement and each mail, so the reach is one row to read.

pub mod mail;
pub mod reach;

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use fabrique_wire::must_reads::{
    BODY_MAX, DEFAULT_MAIL_AFTER_HOURS, MAIL_AFTER_MAX_HOURS, MustRead, MustReadAudience, MustReadRead, NewMustRead,
    TITLE_MAX,
};
use fabrique_wire::notifications::{NotificationKind, PushPayload};
use fabrique_wire::sync::{Entity, scope};
use uuid::Uuid;

use crate::auth::Actor;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode, OnConstraint};
use crate::groups::access::GroupAccess;
use crate::sync::log::ChangeSet;
use crate::web_push::Delivery;
use crate::{exec, fields, on_tx};

/// Must-read messages one person may send in 24 hours: a federation administrator in all,
/// a manager or an organiser to each organisation or group they speak for. Rare on purpose:
/// a message everyone must read loses its weight when it is frequent.
pub const PER_DAY_FEDERATION_ADMIN: i64 = 5;
pub const PER_DAY_PER_AUDIENCE: i64 = 2;

pub fn must_read_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::MustReadNotFound, "No such must-read message.")
}

/// The scope that carries a message to its audience.
pub fn audience_scope(audience: &MustReadAudience) -> String {
    match audience {
        MustReadAudience::Organisation { organisation_id } => scope::organisation(*organisation_id),
        MustReadAudience::Group { group_id } => scope::group(*group_id),
    }
}

#[derive(sqlx::FromRow)]
pub struct MustReadRow {
    pub id: Uuid,
    pub author_id: Uuid,
    pub author_name: String,
    pub organisation_id: Option<Uuid>,
    pub group_id: Option<Uuid>,
    pub audience_name: String,
    pub title: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub mail_after: DateTime<Utc>,
    pub recipients: i64,
    pub read_in_app: i64,
    pub mailed: i64,
    pub mailing_done_at: Option<DateTime<Utc>>,
}

impl MustReadRow {
    pub fn audience(&self) -> MustReadAudience {
        match (self.organisation_id, self.group_id) {
            (Some(organisation_id), _) => MustReadAudience::Organisation { organisation_id },
            (None, Some(group_id)) => MustReadAudience::Group { group_id },
            // The table's rows always have one of them (written only by `send`).
            (None, None) => MustReadAudience::Organisation { organisation_id: Uuid::nil() },
        }
    }

    pub fn entity(&self) -> MustRead {
        MustRead {
            id: self.id,
            audience: self.audience(),
            audience_name: self.audience_name.clone(),
            author_id: self.author_id,
            author_name: self.author_name.clone(),
            title: self.title.clone(),
            body: self.body.clone(),
            created_at: self.created_at,
            mail_after: self.mail_after,
        }
    }
}

pub const SELECT_ROW: &str = "SELECT m.id, m.author_id, a.display_name AS author_name, m.organisation_id, m.group_id, \
        COALESCE(o.name, g.name, '') AS audience_name, m.title, m.body, m.created_at, m.mail_after, m.recipients, \
        m.read_in_app, m.mailed, m.mailing_done_at \
     FROM must_reads m JOIN people a ON a.id = m.author_id \
     LEFT JOIN organisations o ON o.id = m.organisation_id LEFT JOIN groups g ON g.id = m.group_id";

pub async fn load(tx: &mut Tx, id: Uuid) -> ApiResult<Option<MustReadRow>> {
    let sql = format!("{SELECT_ROW} WHERE m.id = $1");
    let row = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(c).await)?;
    Ok(row)
}

/// Whether `actor` speaks for `audience`: a federation administrator for any organisation, a
/// manager for their own, an organiser (or admin) of a group for the group.
pub async fn speaks_for(tx: &mut Tx, actor: &Actor, audience: &MustReadAudience) -> ApiResult<bool> {
    match audience {
        MustReadAudience::Organisation { organisation_id } => crate::auth::manages(tx, actor, *organisation_id).await,
        MustReadAudience::Group { group_id } => {
            let access = GroupAccess::load(tx, actor, *group_id).await?;
            Ok(access.can_run())
        }
    }
}

/// `send_must_read`: validated, allowed, within the sender's limit; then written once in the
/// audience's scope, a row per recipient (the audience now, the sender apart) and a push to
/// each of their devices.
pub async fn send(tx: &mut Tx, actor: &Actor, new: &NewMustRead, changes: &mut ChangeSet) -> ApiResult<MustReadRow> {
    let title = fields::text("title", &new.title, TITLE_MAX, fields::Presence::Required, fields::Lines::One)?;
    let body = fields::text("body", &new.body, BODY_MAX, fields::Presence::Required, fields::Lines::Many)?;
    let hours = new.mail_after_hours.unwrap_or(DEFAULT_MAIL_AFTER_HOURS);
    if hours > MAIL_AFTER_MAX_HOURS {
        return Err(ApiError::invalid(
            ErrorCode::InvalidField,
            format!("`mail_after_hours` is at most {MAIL_AFTER_MAX_HOURS} (two weeks)."),
        )
        .with_details(serde_json::json!({ "field": "mail_after_hours" })));
    }
    match &new.audience {
        MustReadAudience::Organisation { organisation_id } => {
            let organisation = crate::organisations::load(tx, *organisation_id)
                .await?
                .ok_or_else(crate::organisations::organisation_not_found)?;
            if !crate::auth::manages(tx, actor, organisation.id).await? {
                return Err(ApiError::forbidden(
                    ErrorCode::Forbidden,
                    "Only the federation's administrators and the organisation's managers can send it a must-read message.",
                ));
            }
        }
        MustReadAudience::Group { group_id } => {
            let access = GroupAccess::load(tx, actor, *group_id).await?;
            if !access.can_run() {
                return Err(ApiError::forbidden(
                    ErrorCode::NotAnOrganiser,
                    "Only the group's organisers can send it a must-read message.",
                ));
            }
        }
    }
    let now = Utc::now();
    check_rate(tx, actor, &new.audience, now).await?;
    let (organisation_id, group_id) = match new.audience {
        MustReadAudience::Organisation { organisation_id } => (Some(organisation_id), None),
        MustReadAudience::Group { group_id } => (None, Some(group_id)),
    };
    let mail_after = now + Duration::hours(i64::from(hours));
    exec!(
        tx,
        sqlx::query(
            "INSERT INTO must_reads (id, author_id, organisation_id, group_id, title, body, created_at, mail_after) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        )
        .bind(new.id)
        .bind(actor.person_id)
        .bind(organisation_id)
        .bind(group_id)
        .bind(&title)
        .bind(&body)
        .bind(now)
        .bind(mail_after)
    )
    .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;

    // Who it is for, fixed now: one statement, whatever the audience's size.
    let recipients = match new.audience {
        MustReadAudience::Organisation { organisation_id } => exec!(
            tx,
            sqlx::query(
                "WITH RECURSIVE subtree(id) AS ( \
                SELECT id FROM organisations WHERE id = $2 \
                UNION ALL SELECT o.id FROM organisations o JOIN subtree s ON o.parent_id = s.id) \
             INSERT INTO must_read_recipients (must_read_id, person_id) \
             SELECT $1, p.id FROM people p WHERE p.organisation_id IN (SELECT id FROM subtree) \
                AND p.deactivated_at IS NULL AND p.id <> $3"
            )
            .bind(new.id)
            .bind(organisation_id)
            .bind(actor.person_id)
        )?,
        MustReadAudience::Group { group_id } => exec!(
            tx,
            sqlx::query(
                "INSERT INTO must_read_recipients (must_read_id, person_id) \
             SELECT $1, p.id FROM group_members m JOIN people p ON p.id = m.person_id \
             WHERE m.group_id = $2 AND p.deactivated_at IS NULL AND p.id <> $3"
            )
            .bind(new.id)
            .bind(group_id)
            .bind(actor.person_id)
        )?,
    };
    exec!(tx, sqlx::query("UPDATE must_reads SET recipients = $1 WHERE id = $2").bind(recipients as i64).bind(new.id))?;
    push_to_recipients(tx, new.id, group_id, now).await?;

    let row = load(tx, new.id).await?.ok_or_else(must_read_not_found)?;
    changes.put(audience_scope(&new.audience), new.id, &Entity::MustRead(row.entity()));
    let (kind, target) = match new.audience {
        MustReadAudience::Organisation { organisation_id } => ("organisation", organisation_id),
        MustReadAudience::Group { group_id } => ("group", group_id),
    };
    crate::audit::record(
        tx,
        Some(actor.person_id),
        crate::audit::Action::MustReadSend,
        kind,
        Some(target),
        serde_json::json!({ "title": title, "reached": recipients }),
    )
    .await?;
    Ok(row)
}

/// Refused (429) beyond the sender's limit for 24 hours.
async fn check_rate(tx: &mut Tx, actor: &Actor, audience: &MustReadAudience, now: DateTime<Utc>) -> ApiResult<()> {
    let since = now - Duration::hours(24);
    let (sent, limit): (i64, i64) = if actor.is_federation_admin {
        let sent = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM must_reads WHERE author_id = $1 AND created_at > $2")
            .bind(actor.person_id).bind(since).fetch_one(c).await)?;
        (sent, PER_DAY_FEDERATION_ADMIN)
    } else {
        let sent = match audience {
            MustReadAudience::Organisation { organisation_id } => on_tx!(tx, c => sqlx::query_scalar(
                "SELECT COUNT(*) FROM must_reads WHERE author_id = $1 AND created_at > $2 AND organisation_id = $3")
                .bind(actor.person_id).bind(since).bind(organisation_id).fetch_one(c).await)?,
            MustReadAudience::Group { group_id } => on_tx!(tx, c => sqlx::query_scalar(
                "SELECT COUNT(*) FROM must_reads WHERE author_id = $1 AND created_at > $2 AND group_id = $3")
                .bind(actor.person_id).bind(since).bind(group_id).fetch_one(c).await)?,
        };
        (sent, PER_DAY_PER_AUDIENCE)
    };
    if sent >= limit {
        return Err(ApiError::client(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            format!("You have sent {limit} must-read messages in the last 24 hours: try again tomorrow."),
        ));
    }
    Ok(())
}

/// A push to every device of every recipient: now, or at the end of the quiet hours of those
/// who chose some. The payload is the same for all (ids and a generic line; the app shows
/// the message itself), so the pushes of everyone without quiet hours are one statement.
async fn push_to_recipients(tx: &mut Tx, id: Uuid, group_id: Option<Uuid>, now: DateTime<Utc>) -> ApiResult<()> {
    let payload = PushPayload {
        notification_id: id,
        kind: NotificationKind::MustRead,
        subject_id: id,
        group_id,
        text: crate::notifications::push_text(NotificationKind::MustRead).to_owned(),
    };
    let payload = serde_json::to_string(&payload).expect("a payload serialises");
    let topic = {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(id.as_bytes())
    };
    exec!(tx, sqlx::query(
        "INSERT INTO push_deliveries (subscription_id, endpoint, p256dh, auth, payload, topic, urgency, ttl, state, not_before, created_at) \
         SELECT s.id, s.endpoint, s.p256dh, s.auth, $2, $3, 'normal', $4, 'waiting', $5, $5 \
         FROM must_read_recipients r JOIN push_subscriptions s ON s.person_id = r.person_id \
         JOIN sessions x ON x.token_hash = s.session_hash \
         WHERE r.must_read_id = $1 AND x.revoked_at IS NULL AND x.expires_at > $5 \
            AND NOT EXISTS (SELECT 1 FROM notification_settings n WHERE n.person_id = r.person_id AND n.quiet_start IS NOT NULL)")
        .bind(id).bind(&payload).bind(&topic).bind(crate::web_push::TTL_SECONDS).bind(now))?;
    // Those with quiet hours: each one's moment, written in bulk per moment.
    let quiet: Vec<(Uuid, String, i64, i64)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT r.person_id, n.time_zone, n.quiet_start, n.quiet_end FROM must_read_recipients r \
         JOIN notification_settings n ON n.person_id = r.person_id \
         WHERE r.must_read_id = $1 AND n.quiet_start IS NOT NULL AND n.quiet_end IS NOT NULL")
        .bind(id).fetch_all(c).await)?;
    let mut at: Vec<(DateTime<Utc>, Uuid)> = quiet
        .into_iter()
        .map(|(person, tz, start, end)| {
            let when = tz
                .parse::<chrono_tz::Tz>()
                .ok()
                .and_then(|tz| crate::notifications::settings::quiet_until(now, tz, start as u32, end as u32))
                .unwrap_or(now);
            (when, person)
        })
        .collect();
    at.sort();
    for same_time in at.chunk_by(|a, b| a.0 == b.0) {
        for chunk in same_time.chunks(1000) {
            let rows: Vec<(Uuid, &str)> = chunk.iter().map(|(_, person)| (*person, payload.as_str())).collect();
            let delivery = Delivery { topic: Some(&topic), urgency: "normal", not_before: chunk[0].0, now };
            crate::web_push::enqueue_many(tx, &rows, &delivery).await?;
        }
    }
    Ok(())
}

/// A recipient's row: when they read it, when it was mailed to them.
type Standing = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// `acknowledge_must_read`: "J'ai lu". Counted once, for a recipient; a person who came into
/// the audience later may say it too (their phones then stop pinning it) without being
/// counted. Saying it again changes nothing.
pub async fn acknowledge(tx: &mut Tx, actor: &Actor, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row = load(tx, id).await?.ok_or_else(must_read_not_found)?;
    let visible: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT CAST(1 AS BIGINT) FROM person_scopes WHERE person_id = $1 AND scope = $2 AND NOT revoked")
        .bind(actor.person_id).bind(audience_scope(&row.audience())).fetch_optional(c).await)?;
    let recipient: Option<Standing> = on_tx!(tx, c => sqlx::query_as(
        "SELECT read_at, mailed_at FROM must_read_recipients WHERE must_read_id = $1 AND person_id = $2")
        .bind(id).bind(actor.person_id).fetch_optional(c).await)?;
    if visible.is_none() && recipient.is_none() {
        return Err(must_read_not_found());
    }
    let now = Utc::now();
    let read_at = match recipient {
        Some((Some(read_at), _)) => read_at,
        Some((None, mailed_at)) => {
            let changed = exec!(tx, sqlx::query(
                "UPDATE must_read_recipients SET read_at = $1 WHERE must_read_id = $2 AND person_id = $3 AND read_at IS NULL")
                .bind(now).bind(id).bind(actor.person_id))?;
            if changed > 0 {
                // Who was mailed and then reads it in the app counts as read in the app.
                let unmailed = i64::from(mailed_at.is_some());
                exec!(
                    tx,
                    sqlx::query(
                        "UPDATE must_reads SET read_in_app = read_in_app + 1, mailed = mailed - $1 WHERE id = $2"
                    )
                    .bind(unmailed)
                    .bind(id)
                )?;
            }
            now
        }
        None => now,
    };
    changes.put(scope::person(actor.person_id), id, &Entity::MustReadRead(MustReadRead { must_read_id: id, read_at }));
    Ok(())
}
