//! Notifications (DESIGN.md §6): one list per person, kept in the person's sync scope, and
//! for each notification a Web Push delivery to each of the person's devices, written to
//! the push outbox in the same transaction as the thing that caused it ([`notify`]).
//!
//! Who is told what: the members of a question's groups (and, when one of them is public,
//! the people whose skills match its tags) when it is asked; its followers when it is
//! answered; the author of an answer when it is accepted. Never the author of the action.

use chrono::Utc;
use fabrique_wire::notifications::{Notification, NotificationKind, PushPayload};
use fabrique_wire::sync::{Entity, scope};
use uuid::Uuid;

use crate::accounts::Actor;
use crate::db::Tx;
use crate::error::ApiResult;
use crate::on_tx;
use crate::sync::log::ChangeSet;

/// A notification's text is a short line: a question's title is cut to this.
const TEXT_MAX: usize = 120;

pub fn kind_str(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::QuestionAsked => "question_asked",
        NotificationKind::QuestionAnswered => "question_answered",
        NotificationKind::AnswerAccepted => "answer_accepted",
    }
}

fn parse_kind(text: &str) -> NotificationKind {
    match text {
        "question_answered" => NotificationKind::QuestionAnswered,
        "answer_accepted" => NotificationKind::AnswerAccepted,
        _ => NotificationKind::QuestionAsked,
    }
}

/// What happened, to tell the recipients about.
pub struct Cause<'a> {
    pub kind: NotificationKind,
    pub subject_id: Uuid,
    pub group_id: Option<Uuid>,
    pub actor: &'a Actor,
    pub text: &'a str,
}

/// The generic line a push shows when the app cannot prepare its own (French first: the
/// federation's language; the app shows its own text in the person's language).
fn push_text(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::QuestionAsked => "Nouvelle question dans un de vos groupes",
        NotificationKind::QuestionAnswered => "Nouvelle réponse à une question que vous suivez",
        NotificationKind::AnswerAccepted => "Votre réponse a été retenue",
    }
}

/// Tells each of `recipients` (but the actor) about `cause`: a notification in their list
/// and a push to each of their devices. Returns how many people were told.
pub async fn notify(tx: &mut Tx, cause: &Cause<'_>, recipients: &[Uuid], changes: &mut ChangeSet) -> ApiResult<usize> {
    let actor_name: String = on_tx!(tx, c => sqlx::query_scalar("SELECT display_name FROM people WHERE id = $1")
        .bind(cause.actor.person_id).fetch_one(c).await)?;
    let text: String = cause.text.chars().take(TEXT_MAX).collect();
    let now = Utc::now();
    let mut told = 0;
    let mut seen = std::collections::HashSet::new();
    for &person_id in recipients {
        if person_id == cause.actor.person_id || !seen.insert(person_id) {
            continue;
        }
        let id = Uuid::now_v7();
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO notifications (id, person_id, kind, subject_id, group_id, actor_id, text, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(id).bind(person_id).bind(kind_str(cause.kind)).bind(cause.subject_id).bind(cause.group_id)
            .bind(cause.actor.person_id).bind(&text).bind(now)
            .execute(c).await.map(|r| r.rows_affected()))?;
        let notification = Notification {
            id,
            kind: cause.kind,
            subject_id: cause.subject_id,
            group_id: cause.group_id,
            actor_name: actor_name.clone(),
            text: text.clone(),
            created_at: now,
            read: false,
        };
        changes.put(scope::person(person_id), id, &Entity::Notification(notification));
        let payload = PushPayload {
            notification_id: id,
            kind: cause.kind,
            subject_id: cause.subject_id,
            group_id: cause.group_id,
            text: push_text(cause.kind).to_owned(),
        };
        crate::push::enqueue(tx, person_id, &payload, now).await?;
        told += 1;
    }
    Ok(told)
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
         JOIN people p ON p.id = m.person_id AND p.deactivated_at IS NULL WHERE qg.question_id = $1 \
         UNION \
         SELECT s.person_id FROM question_tags t JOIN person_tags s ON s.tag = t.tag AND s.kind = 'skill' \
         JOIN people p ON p.id = s.person_id AND p.deactivated_at IS NULL \
         WHERE t.question_id = $1 AND EXISTS (SELECT 1 FROM question_groups qg JOIN groups g ON g.id = qg.group_id \
             WHERE qg.question_id = $1 AND g.visibility = 'public' AND g.deleted_at IS NULL)")
        .bind(question_id).fetch_all(c).await)?;
    let cause = Cause {
        kind: NotificationKind::QuestionAsked,
        subject_id: question_id,
        group_id: Some(group_id),
        actor,
        text: title,
    };
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
        "SELECT f.person_id FROM question_followers f JOIN people p ON p.id = f.person_id AND p.deactivated_at IS NULL \
         WHERE f.question_id = $1").bind(question_id).fetch_all(c).await)?;
    let cause =
        Cause { kind: NotificationKind::QuestionAnswered, subject_id: question_id, group_id: None, actor, text: title };
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
    let cause =
        Cause { kind: NotificationKind::AnswerAccepted, subject_id: question_id, group_id: None, actor, text: title };
    notify(tx, &cause, &[answer_author], changes).await
}

#[derive(sqlx::FromRow)]
struct NotificationRow {
    id: Uuid,
    kind: String,
    subject_id: Uuid,
    group_id: Option<Uuid>,
    actor_name: String,
    text: String,
    created_at: chrono::DateTime<Utc>,
    read: bool,
}

const NOTIFICATION_SELECT: &str = "SELECT n.id, n.kind, n.subject_id, n.group_id, p.display_name AS actor_name, n.text, \
    n.created_at, n.read_at IS NOT NULL AS read FROM notifications n JOIN people p ON p.id = n.actor_id";

/// Marks some of the person's notifications read (others' ids are ignored: they are not
/// theirs to mark, and saying so would tell that they exist).
pub async fn mark_read(tx: &mut Tx, actor: &Actor, ids: &[Uuid], changes: &mut ChangeSet) -> ApiResult<()> {
    if ids.len() > 1000 {
        return Err(crate::error::ApiError::invalid("invalid_field", "Mark at most 1000 notifications at once.")
            .with_details(serde_json::json!({ "field": "ids" })));
    }
    let now = Utc::now();
    for id in ids {
        let marked = on_tx!(tx, c => sqlx::query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND person_id = $3 AND read_at IS NULL")
            .bind(now).bind(id).bind(actor.person_id).execute(c).await.map(|r| r.rows_affected()))?;
        if marked > 0 {
            put(tx, *id, actor.person_id, changes).await?;
        }
    }
    Ok(())
}

/// Marks every unread notification of the person read.
pub async fn mark_all_read(tx: &mut Tx, actor: &Actor, changes: &mut ChangeSet) -> ApiResult<()> {
    let ids: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("UPDATE notifications SET read_at = $1 WHERE person_id = $2 AND read_at IS NULL RETURNING id")
        .bind(Utc::now()).bind(actor.person_id).fetch_all(c).await)?;
    for id in ids {
        put(tx, id, actor.person_id, changes).await?;
    }
    Ok(())
}

async fn put(tx: &mut Tx, id: Uuid, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row: NotificationRow = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(format!("{NOTIFICATION_SELECT} WHERE n.id = $1")))
        .bind(id).fetch_one(c).await)?;
    let notification = Notification {
        id: row.id,
        kind: parse_kind(&row.kind),
        subject_id: row.subject_id,
        group_id: row.group_id,
        actor_name: row.actor_name,
        text: row.text,
        created_at: row.created_at,
        read: row.read,
    };
    changes.put(scope::person(person_id), id, &Entity::Notification(notification));
    Ok(())
}
