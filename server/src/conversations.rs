//! Direct conversations: one-to-one or a small group, started with people one may see.
//!
//! A conversation and its messages live in its own scope, granted to its participants only:
//! someone who is not (or no longer) in it never reads it, and leaving purges it from one's
//! devices. Each participant's unread count is kept at each message (never counted on a
//! request) and lives in their person scope, with the people they blocked.
//!
//! Blocking someone means they can no longer write to one: they cannot start a conversation
//! with one, add one to a conversation, or send a message in a one-to-one with one. In a
//! group conversation they still write to the others; their messages neither raise one's
//! unread count nor notify one.

use chrono::{DateTime, Utc};
use fabrique_wire::conversations::{
    Block, Conversation, MESSAGE_MAX, Message, MyConversation, PARTICIPANTS_MAX, Participant, TITLE_MAX, block_id,
    direct_conversation_id,
};
use fabrique_wire::notifications::NotificationKind;
use fabrique_wire::sync::{Entity, EntityKind, scope};
use serde_json::json;
use uuid::Uuid;

use crate::auth::Actor;
use crate::db::{Tx, ids_json};
use crate::error::{ApiError, ApiResult, ErrorCode, OnConstraint};
use crate::notifications::Cause;
use crate::sync::log::ChangeSet;
use crate::sync::scopes;
use crate::{exec, fields, notifications, on_tx, people};

#[derive(sqlx::FromRow)]
struct ConversationRow {
    id: Uuid,
    direct: bool,
    title: String,
    created_at: DateTime<Utc>,
    last_message_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    person_id: Uuid,
    unread: i64,
    last_read_at: Option<DateTime<Utc>>,
}

fn conversation_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::ConversationNotFound, "This conversation does not exist.")
}

fn person_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::PersonNotFound, "One of these people could not be found.")
        .with_details(json!({ "field": "person_ids" }))
}

fn blocked() -> ApiError {
    ApiError::forbidden(ErrorCode::Blocked, "This person does not receive your messages.")
}

async fn load_conversation(tx: &mut Tx, id: Uuid) -> ApiResult<Option<ConversationRow>> {
    let row = on_tx!(tx, c => sqlx::query_as("SELECT id, direct, title, created_at, last_message_at FROM conversations WHERE id = $1")
        .bind(id).fetch_optional(c).await)?;
    Ok(row)
}

/// The conversation, when the actor takes part in it now; otherwise it does not exist for them.
async fn taking_part(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<ConversationRow> {
    let active: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT CAST(1 AS BIGINT) FROM conversation_members WHERE conversation_id = $1 AND person_id = $2 AND left_at IS NULL")
        .bind(id).bind(actor.person_id).fetch_optional(c).await)?;
    if active.is_none() {
        return Err(conversation_not_found());
    }
    load_conversation(tx, id).await?.ok_or_else(conversation_not_found)
}

/// Whether `person_id` takes part in the conversation now (for the attachments it holds).
pub async fn takes_part(tx: &mut Tx, person_id: Uuid, conversation_id: Uuid) -> ApiResult<bool> {
    let active: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT CAST(1 AS BIGINT) FROM conversation_members WHERE conversation_id = $1 AND person_id = $2 AND left_at IS NULL")
        .bind(conversation_id).bind(person_id).fetch_optional(c).await)?;
    Ok(active.is_some())
}

/// The others, without the actor and repeats, each one someone the actor may see and who
/// has not blocked them.
async fn checked_people(tx: &mut Tx, actor: &Actor, person_ids: &[Uuid]) -> ApiResult<Vec<Uuid>> {
    let mut others: Vec<Uuid> = Vec::with_capacity(person_ids.len());
    for id in person_ids {
        if *id != actor.person_id && !others.contains(id) {
            others.push(*id);
        }
    }
    if others.is_empty() {
        return Err(ApiError::invalid(ErrorCode::InvalidField, "Choose at least one person to write to.")
            .with_details(json!({ "field": "person_ids" })));
    }
    if others.len() >= PARTICIPANTS_MAX {
        return Err(ApiError::invalid(
            ErrorCode::TooManyPeople,
            format!("A conversation has at most {PARTICIPANTS_MAX} people, you included."),
        )
        .with_details(json!({ "field": "person_ids" })));
    }
    let visible = people::visibility::visible_among(tx, actor, &others).await?;
    if visible.len() != others.len() {
        return Err(person_not_found());
    }
    let sql = format!(
        "SELECT CAST(1 AS BIGINT) FROM blocks WHERE blocked_id = $2 AND blocker_id IN ({}) LIMIT 1",
        tx.id_set(1)
    );
    let blocking: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(ids_json(&others)).bind(actor.person_id).fetch_optional(c).await)?;
    if blocking.is_some() {
        return Err(blocked());
    }
    Ok(others)
}

/// The conversation as its participants read it.
async fn put_conversation(tx: &mut Tx, row: &ConversationRow, changes: &mut ChangeSet) -> ApiResult<()> {
    let participants: Vec<(Uuid, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT m.person_id, p.display_name FROM conversation_members m JOIN people p ON p.id = m.person_id \
         WHERE m.conversation_id = $1 AND m.left_at IS NULL ORDER BY m.joined_at, m.person_id")
        .bind(row.id).fetch_all(c).await)?;
    let conversation = Conversation {
        id: row.id,
        direct: row.direct,
        title: row.title.clone(),
        participants: participants.into_iter().map(|(person_id, name)| Participant { person_id, name }).collect(),
        created_at: row.created_at,
        last_message_at: row.last_message_at,
    };
    changes.put(scope::conversation(row.id), row.id, &Entity::Conversation(conversation));
    Ok(())
}

fn put_mine(conversation_id: Uuid, member: &MemberRow, changes: &mut ChangeSet) {
    let mine = MyConversation { conversation_id, unread: member.unread, last_read_at: member.last_read_at };
    changes.put(scope::person(member.person_id), conversation_id, &Entity::MyConversation(mine));
}

/// Puts these people into the conversation (back into it, when they had left) and lets them read it.
async fn enter(tx: &mut Tx, conversation_id: Uuid, people: &[Uuid], changes: &mut ChangeSet) -> ApiResult<()> {
    let now = Utc::now();
    let sql = format!(
        "INSERT INTO conversation_members (conversation_id, person_id, joined_at) SELECT $1, p.id, $2 FROM ({}) AS p WHERE true \
         ON CONFLICT (conversation_id, person_id) DO UPDATE SET left_at = NULL, joined_at = excluded.joined_at, unread = 0 \
         WHERE conversation_members.left_at IS NOT NULL",
        tx.id_set(3)
    );
    exec!(tx, sqlx::query(sqlx::AssertSqlSafe(sql)).bind(conversation_id).bind(now).bind(ids_json(people)))?;
    let sql = format!(
        "SELECT person_id, unread, last_read_at FROM conversation_members WHERE conversation_id = $1 AND person_id IN ({})",
        tx.id_set(2)
    );
    let members: Vec<MemberRow> = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(conversation_id).bind(ids_json(people)).fetch_all(c).await)?;
    let conversation_scope = scope::conversation(conversation_id);
    for member in &members {
        scopes::grant(tx, member.person_id, &conversation_scope, changes).await?;
        put_mine(conversation_id, member, changes);
    }
    Ok(())
}

/// The mutation `start_conversation`.
pub async fn start_conversation(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    person_ids: &[Uuid],
    title: &str,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let title = fields::text("title", title, TITLE_MAX, fields::Presence::Optional, fields::Lines::One)?;
    let others = checked_people(tx, actor, person_ids).await?;
    let direct = others.len() == 1;
    if direct && id != direct_conversation_id(actor.person_id, others[0]) {
        return Err(ApiError::invalid(
            ErrorCode::NotTheDirectId,
            "A conversation between two people has the id both devices derive from them.",
        )
        .with_details(json!({ "field": "id" })));
    }
    if let Some(existing) = load_conversation(tx, id).await? {
        // Two people have one conversation: starting it again brings one back into it.
        if direct && existing.direct {
            enter(tx, id, &[actor.person_id], changes).await?;
            return put_conversation(tx, &existing, changes).await;
        }
        return Err(ApiError::conflict(ErrorCode::AlreadyExists, "An object with this id already exists."));
    }
    let now = Utc::now();
    let title = if direct { String::new() } else { title };
    exec!(tx, sqlx::query("INSERT INTO conversations (id, direct, title, started_by, created_at, last_message_at) VALUES ($1, $2, $3, $4, $5, $5)")
        .bind(id).bind(direct).bind(&title).bind(actor.person_id).bind(now))
        .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;
    let mut everyone = vec![actor.person_id];
    everyone.extend(&others);
    enter(tx, id, &everyone, changes).await?;
    let row = ConversationRow { id, direct, title, created_at: now, last_message_at: now };
    put_conversation(tx, &row, changes).await
}

/// The mutation `add_to_conversation`.
pub async fn add_to_conversation(
    tx: &mut Tx,
    actor: &Actor,
    conversation_id: Uuid,
    person_ids: &[Uuid],
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let row = taking_part(tx, actor, conversation_id).await?;
    if row.direct {
        return Err(ApiError::invalid(
            ErrorCode::DirectConversation,
            "A conversation between two people stays between them: start a new one with everyone.",
        ));
    }
    let others = checked_people(tx, actor, person_ids).await?;
    // Those in it now, and those of `others` among them (adding them again changes nothing).
    let sql = format!(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN person_id IN ({}) THEN 1 ELSE 0 END), 0) FROM conversation_members \
         WHERE conversation_id = $1 AND left_at IS NULL",
        tx.id_set(2)
    );
    let (active, already): (i64, i64) = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(conversation_id).bind(ids_json(&others)).fetch_one(c).await)?;
    if active + others.len() as i64 - already > PARTICIPANTS_MAX as i64 {
        return Err(ApiError::invalid(
            ErrorCode::TooManyPeople,
            format!("A conversation has at most {PARTICIPANTS_MAX} people, you included."),
        )
        .with_details(json!({ "field": "person_ids" })));
    }
    enter(tx, conversation_id, &others, changes).await?;
    put_conversation(tx, &row, changes).await
}

/// The mutation `leave_conversation`: it leaves one's devices; the others see one gone.
pub async fn leave_conversation(
    tx: &mut Tx,
    actor: &Actor,
    conversation_id: Uuid,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let row = taking_part(tx, actor, conversation_id).await?;
    exec!(
        tx,
        sqlx::query(
            "UPDATE conversation_members SET left_at = $1, unread = 0 WHERE conversation_id = $2 AND person_id = $3"
        )
        .bind(Utc::now())
        .bind(conversation_id)
        .bind(actor.person_id)
    )?;
    scopes::revoke(tx, actor.person_id, &scope::conversation(conversation_id), changes).await?;
    changes.delete(scope::person(actor.person_id), EntityKind::MyConversation, conversation_id);
    notifications::mark_subject_read(tx, actor.person_id, conversation_id, NotificationKind::Message, changes).await?;
    put_conversation(tx, &row, changes).await
}

/// The mutation `mark_conversation_read`.
pub async fn mark_conversation_read(
    tx: &mut Tx,
    actor: &Actor,
    conversation_id: Uuid,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    taking_part(tx, actor, conversation_id).await?;
    let now = Utc::now();
    exec!(tx, sqlx::query("UPDATE conversation_members SET unread = 0, last_read_at = $1 WHERE conversation_id = $2 AND person_id = $3")
        .bind(now).bind(conversation_id).bind(actor.person_id))?;
    let member = MemberRow { person_id: actor.person_id, unread: 0, last_read_at: Some(now) };
    put_mine(conversation_id, &member, changes);
    notifications::mark_subject_read(tx, actor.person_id, conversation_id, NotificationKind::Message, changes).await
}

/// The mutation `send_message`.
pub async fn send_message(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    conversation_id: Uuid,
    body: &str,
    attachments: &[Uuid],
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    // A photo alone is a message: the words may then be left out.
    let body = fields::text(
        "body",
        body,
        MESSAGE_MAX,
        // A photo alone is a message.
        if attachments.is_empty() { fields::Presence::Required } else { fields::Presence::Optional },
        fields::Lines::Many,
    )?;
    let mut row = taking_part(tx, actor, conversation_id).await?;
    if row.direct {
        let other: Uuid = on_tx!(tx, c => sqlx::query_scalar(
            "SELECT person_id FROM conversation_members WHERE conversation_id = $1 AND person_id <> $2")
            .bind(conversation_id).bind(actor.person_id).fetch_one(c).await)?;
        let blocking: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
            "SELECT CAST(1 AS BIGINT) FROM blocks WHERE blocker_id = $1 AND blocked_id = $2")
            .bind(other).bind(actor.person_id).fetch_optional(c).await)?;
        if blocking.is_some() {
            return Err(blocked());
        }
        // One who left a one-to-one comes back with the next message written to them.
        enter(tx, conversation_id, &[other], changes).await?;
    }
    let now = Utc::now();
    exec!(
        tx,
        sqlx::query(
            "INSERT INTO messages (id, conversation_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(id)
        .bind(conversation_id)
        .bind(actor.person_id)
        .bind(&body)
        .bind(now)
    )
    .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;
    exec!(
        tx,
        sqlx::query("UPDATE conversations SET last_message_at = $1 WHERE id = $2").bind(now).bind(conversation_id)
    )?;
    row.last_message_at = now;
    // The author has read everything; the others (but those who blocked the author) have
    // one more unread message: one statement for all.
    let members: Vec<MemberRow> = on_tx!(tx, c => sqlx::query_as(
        "UPDATE conversation_members SET \
            unread = CASE WHEN person_id = $2 THEN 0 ELSE unread + 1 END, \
            last_read_at = CASE WHEN person_id = $2 THEN $3 ELSE last_read_at END \
         WHERE conversation_id = $1 AND left_at IS NULL AND (person_id = $2 OR NOT EXISTS \
            (SELECT 1 FROM blocks b WHERE b.blocker_id = conversation_members.person_id AND b.blocked_id = $2)) \
         RETURNING person_id, unread, last_read_at")
        .bind(conversation_id).bind(actor.person_id).bind(now).fetch_all(c).await)?;
    for member in &members {
        put_mine(conversation_id, member, changes);
    }
    let author_name: String = on_tx!(tx, c => sqlx::query_scalar("SELECT display_name FROM people WHERE id = $1")
        .bind(actor.person_id).fetch_one(c).await)?;
    let message =
        Message { id, conversation_id, author_id: actor.person_id, author_name, body: body.clone(), created_at: now };
    changes.put(scope::conversation(conversation_id), id, &Entity::Message(message));
    let attached = fabrique_wire::attachments::AttachedTo::Message;
    let scopes = [scope::conversation(conversation_id)];
    crate::attachments::attach(tx, actor, attachments, attached, id, &scopes, changes).await?;
    put_conversation(tx, &row, changes).await?;
    let recipients: Vec<Uuid> =
        members.iter().map(|m| m.person_id).filter(|person| *person != actor.person_id).collect();
    let cause = Cause::new(NotificationKind::Message, conversation_id, actor, &body);
    notifications::notify(tx, &cause, &recipients, changes).await?;
    Ok(())
}

/// The mutation `block_person`.
pub async fn block_person(tx: &mut Tx, actor: &Actor, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    if person_id == actor.person_id {
        return Err(ApiError::invalid(ErrorCode::CannotBlockYourself, "You cannot block yourself.")
            .with_details(json!({ "field": "person_id" })));
    }
    // Only someone one may see, or who shares a conversation with one (whose name one read
    // there): anyone else answers "not found", and no name is learnt by blocking an id.
    let shared: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT CAST(1 AS BIGINT) FROM conversation_members a JOIN conversation_members b ON a.conversation_id = b.conversation_id \
         WHERE a.person_id = $1 AND b.person_id = $2 LIMIT 1")
        .bind(actor.person_id).bind(person_id).fetch_optional(c).await)?;
    let name: Option<String> = if shared.is_some() || crate::people::visibility::can_see(tx, actor, person_id).await? {
        on_tx!(tx, c => sqlx::query_scalar("SELECT display_name FROM people WHERE id = $1")
            .bind(person_id).fetch_optional(c).await)?
    } else {
        None
    };
    let Some(name) = name else {
        return Err(ApiError::not_found(ErrorCode::PersonNotFound, "This person could not be found."));
    };
    let now = Utc::now();
    exec!(tx, sqlx::query("INSERT INTO blocks (blocker_id, blocked_id, blocked_at) VALUES ($1, $2, $3) ON CONFLICT (blocker_id, blocked_id) DO NOTHING")
        .bind(actor.person_id).bind(person_id).bind(now))?;
    let blocked_at: DateTime<Utc> = on_tx!(tx, c => sqlx::query_scalar("SELECT blocked_at FROM blocks WHERE blocker_id = $1 AND blocked_id = $2")
        .bind(actor.person_id).bind(person_id).fetch_one(c).await)?;
    let entry = Block { person_id, name, blocked_at };
    changes.put(scope::person(actor.person_id), block_id(actor.person_id, person_id), &Entity::Block(entry));
    Ok(())
}

/// The mutation `unblock_person`.
pub async fn unblock_person(tx: &mut Tx, actor: &Actor, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2")
            .bind(actor.person_id)
            .bind(person_id)
    )?;
    changes.delete(scope::person(actor.person_id), EntityKind::Block, block_id(actor.person_id, person_id));
    Ok(())
}
