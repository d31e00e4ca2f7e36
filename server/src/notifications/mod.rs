//! Notifications (DESIGN.md §6): one list per person, kept in the person's sync scope, and
//! for each notification a Web Push delivery to each of the person's devices, written to
//! the push outbox in the same transaction as the thing that caused it ([`notify`]).
//!
//! Who is told what (each area names the recipients, [`notify`] applies the person's
//! choices): the members of a question's groups (and, when one of them is public, the
//! people whose skills match its tags); a question's followers when it is answered; the
//! author of an accepted answer; a group's members when an event is created in it; the
//! people who answered an event when it changes or is cancelled; those going, 24 h and 1 h
//! before; the audience of an organiser's message; people named in what someone wrote; a
//! group's organisers when someone asks to join; a group's followers when it has new posts
//! (one notification per group per burst). Never the author of the action.
//!
//! The person's choices ([`settings`]): kinds they muted are not told at all; a group's
//! level (everything / important / nothing) filters what is told because one is in or
//! follows the group; during quiet hours the notification is in the app at once and its
//! pushes wait for the end of the quiet hours.

pub mod digest;
pub mod settings;

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use fabrique_wire::notifications::{GroupLevel, Notification, NotificationKind, PushPayload};
use fabrique_wire::sync::{Entity, scope};
use uuid::Uuid;

use crate::auth::Actor;
use crate::db::{Column, Tx, ids_json, rows_json};
use crate::error::{ApiResult, ErrorCode};
use crate::sync::log::ChangeSet;
use crate::web_push::Delivery;
use crate::{exec, on_tx};

/// A notification's text is a short line: a title is cut to this.
const TEXT_MAX: usize = 120;
/// New posts in a group within this time of an unread "new posts" notification join it.
pub const BURST: Duration = Duration::hours(1);

/// Why the recipients are told.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Because they are in (or follow) the group: their level for the group applies.
    Group(GroupLevel),
    /// Because of something of their own (their question, their answer, their RSVP, their
    /// name): only muting the kind stops it.
    Personal,
}

/// What happened, to tell the recipients about.
pub struct Cause<'a> {
    pub kind: NotificationKind,
    pub subject_id: Uuid,
    pub group_id: Option<Uuid>,
    /// Who did it; never told about it unless `tell_actor` (a reminder of one's own event).
    pub actor_id: Uuid,
    pub tell_actor: bool,
    pub text: &'a str,
    pub audience: Audience,
}

impl<'a> Cause<'a> {
    pub fn new(kind: NotificationKind, subject_id: Uuid, actor: &Actor, text: &'a str) -> Cause<'a> {
        Cause {
            kind,
            subject_id,
            group_id: None,
            actor_id: actor.person_id,
            tell_actor: false,
            text,
            audience: Audience::Personal,
        }
    }

    pub fn in_group(mut self, group_id: Uuid, audience: Audience) -> Self {
        self.group_id = Some(group_id);
        self.audience = audience;
        self
    }
}

/// The generic line a push shows when the app cannot prepare its own (French first: the
/// federation's language; the app shows its own text in the person's language).
pub(crate) fn push_text(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::QuestionAsked => "Nouvelle question dans un de vos groupes",
        NotificationKind::QuestionAnswered => "Nouvelle réponse à une question que vous suivez",
        NotificationKind::AnswerAccepted => "Votre réponse a été retenue",
        NotificationKind::EventCreated => "Nouvel événement dans un de vos groupes",
        NotificationKind::EventChanged => "Un événement a changé",
        NotificationKind::EventCancelled => "Un événement est annulé",
        NotificationKind::EventReminder => "Un événement commence bientôt",
        NotificationKind::Announcement => "Message d'un organisateur",
        NotificationKind::Mention => "Quelqu'un vous a cité",
        NotificationKind::JoinRequested => "Nouvelle demande pour rejoindre un groupe",
        NotificationKind::GroupActivity => "Nouvelles publications dans un groupe que vous suivez",
        NotificationKind::Moderation => "Une décision de modération vous concerne",
        NotificationKind::Message => "Nouveau message",
        NotificationKind::PollCreated => "Nouveau sondage dans un de vos groupes",
        NotificationKind::MustRead => "Un message important à lire",
        NotificationKind::DataExportReady => "Vos données sont prêtes à télécharger",
    }
}

fn urgency(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::EventReminder | NotificationKind::EventCancelled => "high",
        NotificationKind::GroupActivity => "low",
        _ => "normal",
    }
}

/// Pushes about the same thing replace each other at the push service (RFC 8030 Topic):
/// new posts of a group, reminders of an event, and new messages of a conversation.
fn topic(kind: NotificationKind, cause: &Cause<'_>) -> Option<String> {
    use base64::Engine;
    let id = match kind {
        NotificationKind::GroupActivity => cause.group_id?,
        NotificationKind::EventReminder | NotificationKind::Message => cause.subject_id,
        _ => return None,
    };
    Some(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(id.as_bytes()))
}

/// An organiser's whole message is the notification; other texts are a short line.
fn text_max(kind: NotificationKind) -> usize {
    match kind {
        NotificationKind::Announcement => fabrique_wire::events::ANNOUNCEMENT_MAX,
        _ => TEXT_MAX,
    }
}

/// Tells each of `recipients` (but the actor) about `cause`, as each one's settings allow:
/// a notification in their list and a push to each of their devices (held during their
/// quiet hours). Returns how many people were told.
pub async fn notify(tx: &mut Tx, cause: &Cause<'_>, recipients: &[Uuid], changes: &mut ChangeSet) -> ApiResult<usize> {
    let mut seen = std::collections::HashSet::new();
    let wanted: Vec<Uuid> =
        recipients.iter().copied().filter(|p| (*p != cause.actor_id || cause.tell_actor) && seen.insert(*p)).collect();
    if wanted.is_empty() {
        return Ok(0);
    }
    let actor_name: String = on_tx!(tx, c => sqlx::query_scalar("SELECT display_name FROM people WHERE id = $1")
        .bind(cause.actor_id).fetch_one(c).await)?;
    let text: String = cause.text.chars().take(text_max(cause.kind)).collect();
    let now = Utc::now();
    let topic = topic(cause.kind, cause);
    let mut told = 0;
    let all_choices = settings::for_recipients(tx, &wanted, cause.group_id).await?;
    // New posts join each person's open "new posts" notification of this group, and new
    // messages the open one of their conversation: all of them read in one statement, and
    // bumped in bulk after the loop.
    let open = if joins_burst(cause.kind) { open_bursts(tx, cause, now).await? } else { HashMap::new() };
    let mut bumped: Vec<Uuid> = Vec::new();
    // New notifications and their pushes are written in bulk after the loop.
    let mut fresh: Vec<(Uuid, Uuid)> = Vec::new();
    let mut pushes: Vec<(Uuid, String, DateTime<Utc>)> = Vec::new();
    for person_id in wanted {
        let Some(choices) = all_choices.get(&person_id) else {
            continue;
        };
        if !choices.wants(cause.kind, cause.audience) {
            continue;
        }
        // One push per burst of posts: joining an open notification pushes nothing more. Each
        // message is pushed (replacing the previous one at the push service: same Topic).
        let (joined, count, push) = match open.get(&person_id) {
            Some(&(id, created_at, count)) => {
                bumped.push(id);
                (Some((id, created_at)), count + 1, cause.kind == NotificationKind::Message)
            }
            None => (None, 1, true),
        };
        let (id, created_at) = match joined {
            Some(existing) => existing,
            None => {
                let id = Uuid::now_v7();
                fresh.push((id, person_id));
                (id, now)
            }
        };
        let notification = Notification {
            id,
            kind: cause.kind,
            subject_id: cause.subject_id,
            group_id: cause.group_id,
            actor_name: actor_name.clone(),
            text: text.clone(),
            count,
            created_at,
            read: false,
        };
        changes.put(scope::person(person_id), id, &Entity::Notification(notification));
        if push {
            let payload = PushPayload {
                notification_id: id,
                kind: cause.kind,
                subject_id: cause.subject_id,
                group_id: cause.group_id,
                text: push_text(cause.kind).to_owned(),
            };
            pushes.push((
                person_id,
                serde_json::to_string(&payload).expect("a payload serialises"),
                choices.push_at(now),
            ));
        }
        told += 1;
    }
    for chunk in fresh.chunks(ROWS_PER_STATEMENT) {
        insert_notifications(tx, cause, chunk, &text, now).await?;
    }
    for chunk in bumped.chunks(ROWS_PER_STATEMENT) {
        bump(tx, cause, chunk, &text).await?;
    }
    // One statement per moment pushes may leave (now, or the end of someone's quiet hours).
    pushes.sort_by_key(|(_, _, at)| *at);
    for same_time in pushes.chunk_by(|a, b| a.2 == b.2) {
        for chunk in same_time.chunks(ROWS_PER_STATEMENT) {
            let rows: Vec<(Uuid, &str)> =
                chunk.iter().map(|(person, payload, _)| (*person, payload.as_str())).collect();
            let delivery =
                Delivery { topic: topic.as_deref(), urgency: urgency(cause.kind), not_before: chunk[0].2, now };
            crate::web_push::enqueue_many(tx, &rows, &delivery).await?;
        }
    }
    Ok(told)
}

/// Rows written by one statement.
const ROWS_PER_STATEMENT: usize = 1000;

/// New notifications (id, person) about `cause`, in one statement.
async fn insert_notifications(
    tx: &mut Tx,
    cause: &Cause<'_>,
    rows: &[(Uuid, Uuid)],
    text: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let source = tx.json_rows(7, &[("id", Column::Uuid), ("person_id", Column::Uuid)]);
    let sql = format!(
        "INSERT INTO notifications (id, person_id, kind, subject_id, group_id, actor_id, text, created_at) \
         SELECT r.id, r.person_id, $1, $2, $3, $4, $5, $6 FROM {source} AS r"
    );
    exec!(
        tx,
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(cause.kind.as_str())
            .bind(cause.subject_id)
            .bind(cause.group_id)
            .bind(cause.actor_id)
            .bind(text)
            .bind(now)
            .bind(rows_json(&rows))
    )?;
    Ok(())
}

/// Kinds whose notifications collapse into one while unread: new posts of a group (for a
/// burst), new messages of a conversation (until read).
fn joins_burst(kind: NotificationKind) -> bool {
    matches!(kind, NotificationKind::GroupActivity | NotificationKind::Message)
}

/// The open notifications a new one joins, by person (at most one each: a new one only
/// starts when none is open): the unread "new posts" of the group younger than a burst, or
/// the unread "new messages" of the conversation.
async fn open_bursts(
    tx: &mut Tx,
    cause: &Cause<'_>,
    now: DateTime<Utc>,
) -> ApiResult<HashMap<Uuid, (Uuid, DateTime<Utc>, i64)>> {
    let rows: Vec<(Uuid, Uuid, DateTime<Utc>, i64)> = if cause.kind == NotificationKind::Message {
        on_tx!(tx, c => sqlx::query_as(
            "SELECT person_id, id, created_at, count FROM notifications WHERE subject_id = $1 AND kind = 'message' \
             AND read_at IS NULL")
            .bind(cause.subject_id).fetch_all(c).await)?
    } else {
        on_tx!(tx, c => sqlx::query_as(
            "SELECT person_id, id, created_at, count FROM notifications WHERE group_id = $1 AND kind = 'group_activity' \
             AND read_at IS NULL AND created_at > $2")
            .bind(cause.group_id).bind(now - BURST).fetch_all(c).await)?
    };
    Ok(rows.into_iter().map(|(person, id, created_at, count)| (person, (id, created_at, count))).collect())
}

/// One more new post in these open notifications, in one statement.
async fn bump(tx: &mut Tx, cause: &Cause<'_>, ids: &[Uuid], text: &str) -> ApiResult<()> {
    let sql = format!(
        "UPDATE notifications SET count = count + 1, subject_id = $2, actor_id = $3, text = $4 WHERE id IN ({})",
        tx.id_set(1)
    );
    exec!(
        tx,
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(ids_json(ids))
            .bind(cause.subject_id)
            .bind(cause.actor_id)
            .bind(text)
    )?;
    Ok(())
}

/// A question was asked: its groups' members, and people whose skills match its tags when
/// one of its groups is public (they may read it).
pub async fn question_asked(
    tx: &mut Tx,
    actor: &Actor,
    question_id: Uuid,
    group_id: Uuid,
    title: &str,
    changes: &mut ChangeSet,
) -> ApiResult<usize> {
    let recipients: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT m.person_id FROM question_groups qg JOIN group_members m ON m.group_id = qg.group_id \
         WHERE qg.question_id = $1 \
         UNION \
         SELECT s.person_id FROM question_tags t JOIN person_tags s ON s.tag = t.tag AND s.kind = 'skill' \
         WHERE t.question_id = $1 AND EXISTS (SELECT 1 FROM question_groups qg JOIN groups g ON g.id = qg.group_id \
             WHERE qg.question_id = $1 AND g.visibility = 'public' AND g.deleted_at IS NULL)")
        .bind(question_id).fetch_all(c).await)?;
    let cause = Cause::new(NotificationKind::QuestionAsked, question_id, actor, title)
        .in_group(group_id, Audience::Group(GroupLevel::Important));
    notify(tx, &cause, &recipients, changes).await
}

/// An answer was given: the question's followers (the asker follows it).
pub async fn question_answered(
    tx: &mut Tx,
    actor: &Actor,
    question_id: Uuid,
    title: &str,
    changes: &mut ChangeSet,
) -> ApiResult<usize> {
    let recipients: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT person_id FROM question_followers WHERE question_id = $1").bind(question_id).fetch_all(c).await)?;
    let cause = Cause::new(NotificationKind::QuestionAnswered, question_id, actor, title);
    notify(tx, &cause, &recipients, changes).await
}

/// An answer was accepted: its author.
pub async fn answer_accepted(
    tx: &mut Tx,
    actor: &Actor,
    question_id: Uuid,
    answer_author: Uuid,
    title: &str,
    changes: &mut ChangeSet,
) -> ApiResult<usize> {
    let cause = Cause::new(NotificationKind::AnswerAccepted, question_id, actor, title);
    notify(tx, &cause, &[answer_author], changes).await
}

/// Someone asks to join a private group: the people who decide (its organisers and admins).
pub async fn join_requested(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    group_name: &str,
    changes: &mut ChangeSet,
) -> ApiResult<usize> {
    let recipients: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT person_id FROM group_members WHERE group_id = $1 AND role IN ('organiser', 'admin')")
        .bind(group_id).fetch_all(c).await)?;
    let cause =
        Cause::new(NotificationKind::JoinRequested, group_id, actor, group_name).in_group(group_id, Audience::Personal);
    notify(tx, &cause, &recipients, changes).await
}

/// Who is told of a new post in the group at `$1` ([`group_activity`]): its followers and the
/// members who asked for everything of it. One column, `person_id`; read by the post's own
/// statements (`posts::create_post`, one round trip).
pub const GROUP_ACTIVITY_RECIPIENTS: &str = "SELECT person_id FROM group_followers WHERE group_id = $1 \
     UNION SELECT l.person_id FROM group_notification_levels l \
     JOIN group_members m ON m.group_id = l.group_id AND m.person_id = l.person_id \
     WHERE l.group_id = $1 AND l.level = 'everything'";

/// A new post: its `recipients` ([`GROUP_ACTIVITY_RECIPIENTS`]) told.
pub async fn group_activity(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    post_id: Uuid,
    group_name: &str,
    recipients: &[Uuid],
    changes: &mut ChangeSet,
) -> ApiResult<usize> {
    let cause = Cause::new(NotificationKind::GroupActivity, post_id, actor, group_name)
        .in_group(group_id, Audience::Group(GroupLevel::Everything));
    notify(tx, &cause, recipients, changes).await
}

/// People named in something written in `groups` (a post's group, a question's groups):
/// told when they may read one of them (naming someone never shows them a private
/// group's content).
pub async fn mentioned(
    tx: &mut Tx,
    actor: &Actor,
    subject_id: Uuid,
    groups: &[Uuid],
    mentions: &[Uuid],
    text: &str,
    changes: &mut ChangeSet,
) -> ApiResult<usize> {
    if mentions.len() > 20 {
        return Err(crate::error::ApiError::invalid(ErrorCode::InvalidField, "Name at most 20 people at once.")
            .with_details(serde_json::json!({ "field": "mentions" })));
    }
    let (Some(&first), false) = (groups.first(), mentions.is_empty()) else {
        return Ok(0);
    };
    let mut readers = Vec::with_capacity(mentions.len());
    for person in mentions {
        for group in groups {
            let may_read: bool = on_tx!(tx, c => sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM groups g WHERE g.id = $1 AND g.deleted_at IS NULL AND (g.visibility = 'public' \
                 OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.person_id = $2)))")
                .bind(group).bind(person).fetch_one(c).await)?;
            if may_read {
                readers.push(*person);
                break;
            }
        }
    }
    let cause = Cause::new(NotificationKind::Mention, subject_id, actor, text).in_group(first, Audience::Personal);
    notify(tx, &cause, &readers, changes).await
}

/// Notifications forgotten by one call of [`forget_old`].
pub const FORGET_PER_ROUND: i64 = 5_000;

/// Forgets notifications created before `before` (read or not), at most a few thousand a
/// call, and takes them off the devices: a person's scope does not grow without end.
/// Returns how many were forgotten and the scopes that changed.
pub async fn forget_old(db: &crate::db::Db, before: DateTime<Utc>) -> ApiResult<(usize, Vec<String>)> {
    let mut tx = db.begin_write().await?;
    let old: Vec<(Uuid, Uuid)> = on_tx!(&mut tx, c => sqlx::query_as(
        "DELETE FROM notifications WHERE id IN \
            (SELECT id FROM notifications WHERE created_at < $1 ORDER BY created_at LIMIT $2) \
         RETURNING id, person_id")
        .bind(before).bind(FORGET_PER_ROUND).fetch_all(c).await)?;
    let mut changes = ChangeSet::default();
    for (id, person_id) in &old {
        changes.delete(scope::person(*person_id), fabrique_wire::sync::EntityKind::Notification, *id);
    }
    let scopes = crate::sync::log::commit(&mut tx, changes).await?;
    tx.commit().await?;
    Ok((old.len(), scopes))
}

/// A person left a private group: the notifications about it leave their list (their text
/// holds titles of the group's content).
pub async fn forget_group(tx: &mut Tx, person_id: Uuid, group_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let ids: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(
        "DELETE FROM notifications WHERE person_id = $1 AND group_id = $2 RETURNING id")
        .bind(person_id).bind(group_id).fetch_all(c).await)?;
    for id in ids {
        changes.delete(scope::person(person_id), fabrique_wire::sync::EntityKind::Notification, id);
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: Uuid,
    kind: String,
    subject_id: Uuid,
    group_id: Option<Uuid>,
    actor_name: String,
    text: String,
    count: i64,
    created_at: DateTime<Utc>,
    read: bool,
}

const NOTIFICATION_SELECT: &str = "SELECT n.id, n.kind, n.subject_id, n.group_id, p.display_name AS actor_name, n.text, \
    n.count, n.created_at, n.read_at IS NOT NULL AS read FROM notifications n JOIN people p ON p.id = n.actor_id";

/// Marks some of the person's notifications read (others' ids are ignored: they are not
/// theirs to mark, and saying so would tell that they exist).
pub async fn mark_notifications_read(
    tx: &mut Tx,
    actor: &Actor,
    ids: &[Uuid],
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    if ids.len() > 1000 {
        return Err(crate::error::ApiError::invalid(
            ErrorCode::InvalidField,
            "Mark at most 1000 notifications at once.",
        )
        .with_details(serde_json::json!({ "field": "ids" })));
    }
    let now = Utc::now();
    for id in ids {
        let marked = exec!(
            tx,
            sqlx::query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND person_id = $3 AND read_at IS NULL")
                .bind(now)
                .bind(id)
                .bind(actor.person_id)
        )?;
        if marked > 0 {
            put(tx, *id, actor.person_id, changes).await?;
        }
    }
    Ok(())
}

/// Marks every unread notification of the person read.
pub async fn mark_all_notifications_read(tx: &mut Tx, actor: &Actor, changes: &mut ChangeSet) -> ApiResult<()> {
    let ids: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("UPDATE notifications SET read_at = $1 WHERE person_id = $2 AND read_at IS NULL RETURNING id")
        .bind(Utc::now()).bind(actor.person_id).fetch_all(c).await)?;
    for id in ids {
        put(tx, id, actor.person_id, changes).await?;
    }
    Ok(())
}

/// Marks the person's unread notifications about `subject_id` of this kind read (a
/// conversation they read or left).
pub async fn mark_subject_read(
    tx: &mut Tx,
    person_id: Uuid,
    subject_id: Uuid,
    kind: NotificationKind,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let ids: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(
        "UPDATE notifications SET read_at = $1 WHERE subject_id = $2 AND kind = $3 AND person_id = $4 AND read_at IS NULL RETURNING id")
        .bind(Utc::now()).bind(subject_id).bind(kind.as_str()).bind(person_id).fetch_all(c).await)?;
    for id in ids {
        put(tx, id, person_id, changes).await?;
    }
    Ok(())
}

pub async fn put(tx: &mut Tx, id: Uuid, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row: NotificationRow = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(format!("{NOTIFICATION_SELECT} WHERE n.id = $1")))
        .bind(id).fetch_one(c).await)?;
    let Some(kind) = NotificationKind::parse(&row.kind) else {
        return Err(crate::error::ApiError::internal(format!("unknown notification kind {}", row.kind)));
    };
    let notification = Notification {
        id: row.id,
        kind,
        subject_id: row.subject_id,
        group_id: row.group_id,
        actor_name: row.actor_name,
        text: row.text,
        count: row.count,
        created_at: row.created_at,
        read: row.read,
    };
    changes.put(scope::person(person_id), id, &Entity::Notification(notification));
    Ok(())
}
