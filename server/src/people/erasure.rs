//! Erasing an account (GDPR art. 17): asked by the person from the app (re-entering their
//! password) or by an administrator for someone who asked by letter. The account closes at
//! once (sessions, devices, directory) and is erased for good after [`GRACE`]: until then the
//! person cancels by signing in again (when they asked) or an administrator cancels.
//!
//! Erased: the profile (the row stays, named [`FORMER_MEMBER`], so that what others wrote in
//! reply keeps its thread), skills, sessions, devices, tokens, settings, notifications, group
//! memberships and the like, answers to events, votes, reactions, consents, the files they
//! uploaded that are theirs alone, the mails waiting for them; their messages in
//! conversations read [`ERASED_MESSAGE`]; what they wrote in groups is kept signed
//! [`FORMER_MEMBER`] or erased, as the federation chose ([`Writings`], stated in its charter).
//! Every phone follows at its next pull: the changed lines are written again, those about
//! the person's relations are removed. The audit log keeps that an erasure happened, and by
//! whom it was asked, not what was erased; the person's name and address leave its lines.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use fabrique_wire::sync::{Entity, scope};
use serde_json::Value;
use uuid::Uuid;

use crate::auth::Actor;
use crate::config::Settings;
use crate::db::{Db, Tx};
use crate::error::{ApiError, ApiResult};
use crate::lang::Lang;
use crate::pokes::Pokes;
use crate::sync::log::ChangeSet;
use crate::{audit, exec, on_tx};

/// Between the asking and the erasing: time to change one's mind.
pub const GRACE: Duration = Duration::days(14);
/// The name an erased person's kept writings are signed with.
pub const FORMER_MEMBER: &str = "Ancien membre";
/// What an erased person's messages in conversations read.
pub const ERASED_MESSAGE: &str = "message supprimé";
const WRITINGS_KEY: &str = "erasure.writings";
/// Accounts erased per round of the maintenance loop.
const PER_ROUND: i64 = 20;

/// What becomes of what an erased person wrote in groups (posts, comments, questions,
/// answers): the federation's choice, stated in its charter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Writings {
    /// Kept, signed "Ancien membre" (the threads others answered stay whole).
    #[default]
    Kept,
    /// Erased with the account.
    Removed,
}

impl Writings {
    pub fn as_str(self) -> &'static str {
        match self {
            Writings::Kept => "kept",
            Writings::Removed => "removed",
        }
    }

    pub fn parse(text: &str) -> Option<Writings> {
        [Writings::Kept, Writings::Removed].into_iter().find(|w| w.as_str() == text)
    }
}

/// The federation's choice, or the default (kept).
pub async fn writings(tx: &mut Tx) -> ApiResult<Writings> {
    let value: Option<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(WRITINGS_KEY).fetch_optional(c).await)?;
    Ok(value.as_deref().and_then(Writings::parse).unwrap_or_default())
}

/// A federation administrator's choice, written to the audit log.
pub async fn set_writings(tx: &mut Tx, actor: &Actor, wanted: Writings) -> ApiResult<()> {
    crate::retention::require_federation_admin(actor)?;
    if writings(tx).await? == wanted {
        return Ok(());
    }
    let details = serde_json::json!({ "writings": wanted.as_str() });
    crate::retention::record_choice(tx, actor, &[(WRITINGS_KEY, wanted.as_str().to_owned())], details).await
}

/// Who asked for an erasure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskedBy {
    /// The person, from the app: signing in again cancels it.
    Themselves,
    /// An administrator (for someone who asked by letter): an administrator cancels it.
    Administrator(Uuid),
}

impl AskedBy {
    fn as_str(self) -> &'static str {
        match self {
            AskedBy::Themselves => "self",
            AskedBy::Administrator(_) => "administrator",
        }
    }
}

/// Where an erasure stands, for the console's page of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    None,
    Pending { due: DateTime<Utc>, by_self: bool },
    Erased(DateTime<Utc>),
}

pub async fn standing(tx: &mut Tx, person_id: Uuid) -> ApiResult<Standing> {
    type Row = (Option<DateTime<Utc>>, Option<String>, Option<DateTime<Utc>>);
    let row: Option<Row> = on_tx!(tx, c => sqlx::query_as("SELECT erasure_due_at, erasure_asked_by, erased_at FROM people WHERE id = $1")
        .bind(person_id).fetch_optional(c).await)?;
    Ok(match row {
        Some((_, _, Some(at))) => Standing::Erased(at),
        Some((Some(due), by, None)) => Standing::Pending { due, by_self: by.as_deref() == Some("self") },
        _ => Standing::None,
    })
}

/// Asks for `person_id`'s account to be erased at `now + GRACE` and closes it now; the
/// person is told by e-mail when the server sends mail. Asking again changes nothing.
/// Returns the day it becomes final.
pub async fn request(
    tx: &mut Tx,
    settings: &Settings,
    person_id: Uuid,
    asked_by: AskedBy,
    now: DateTime<Utc>,
    changes: &mut ChangeSet,
) -> ApiResult<DateTime<Utc>> {
    type Row = (String, String, String, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
    let row: Option<Row> = on_tx!(tx, c => sqlx::query_as(
        "SELECT email, display_name, language, erasure_due_at, erased_at FROM people WHERE id = $1")
        .bind(person_id).fetch_optional(c).await)?;
    let (email, name, language, pending, erased) = row.ok_or_else(super::not_found)?;
    if erased.is_some() {
        return Err(super::not_found());
    }
    if let Some(due) = pending {
        return Ok(due);
    }
    let due = now + GRACE;
    exec!(tx, sqlx::query(
        "UPDATE people SET erasure_due_at = $1, erasure_asked_by = $2, deactivated_at = COALESCE(deactivated_at, $3) WHERE id = $4")
        .bind(due).bind(asked_by.as_str()).bind(now).bind(person_id))?;
    super::end_access(tx, person_id, now, changes).await?;
    let by = match asked_by {
        AskedBy::Themselves => person_id,
        AskedBy::Administrator(id) => id,
    };
    audit::record(
        tx,
        Some(by),
        audit::Action::PersonErasureRequest,
        "person",
        Some(person_id),
        serde_json::json!({ "due": due, "asked_by": asked_by.as_str() }),
    )
    .await?;
    if let Some(config) = &settings.mail {
        let l = if language == "en" { Lang::En } else { Lang::Fr };
        let mail = crate::mail::messages::Erasure {
            l,
            federation: crate::mail::messages::federation_name(tx).await?,
            name,
            by_self: asked_by == AskedBy::Themselves,
            writings_kept: writings(tx).await? == Writings::Kept,
            erased_on: l.day(&due, crate::lang::time_zone(tx).await?),
            address: settings.public_url.clone(),
        };
        let cause = format!("erasure:{person_id}:{}", now.timestamp());
        crate::mail::queue(tx, config, &cause, "erasure", mail.to(&email)?).await?;
    }
    Ok(due)
}

/// Cancels a pending erasure (the person signed in again, or `by` an administrator): the
/// account opens again as it was. Whether there was one.
pub async fn cancel(tx: &mut Tx, by: Uuid, person_id: Uuid) -> ApiResult<bool> {
    let cancelled = exec!(
        tx,
        sqlx::query(
            "UPDATE people SET erasure_due_at = NULL, erasure_asked_by = NULL, deactivated_at = NULL \
         WHERE id = $1 AND erasure_due_at IS NOT NULL AND erased_at IS NULL"
        )
        .bind(person_id)
    )?;
    if cancelled == 0 {
        return Ok(false);
    }
    super::found_again(tx, person_id).await?;
    audit::record(tx, Some(by), audit::Action::PersonErasureCancel, "person", Some(person_id), serde_json::json!({}))
        .await?;
    Ok(true)
}

/// Erases the accounts whose grace period ended by `now`, one transaction each (their
/// files leave `files_dir` once it committed, and its scopes are poked); how many.
pub async fn erase_due(db: &Db, pokes: &Pokes, files_dir: &Path, now: DateTime<Utc>) -> ApiResult<usize> {
    let mut erased = 0;
    loop {
        let mut tx = db.begin_read().await?;
        let due: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT id FROM people WHERE erasure_due_at <= $1 AND erased_at IS NULL ORDER BY erasure_due_at LIMIT $2")
            .bind(now).bind(PER_ROUND).fetch_all(c).await)?;
        tx.commit().await?;
        for person_id in &due {
            let mut tx = db.begin_write().await?;
            let mut changes = ChangeSet::default();
            let writings = writings(&mut tx).await?;
            let archives: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar("DELETE FROM data_exports WHERE person_id = $1 RETURNING id")
                .bind(person_id).fetch_all(c).await)?;
            let files = erase(&mut tx, *person_id, writings, now, &mut changes).await?;
            crate::sync::log::commit_and_poke(tx, changes, pokes).await?;
            crate::attachments::remove_files(files_dir, &files).await;
            crate::exports::remove_archives(files_dir, &archives).await;
            erased += 1;
        }
        if (due.len() as i64) < PER_ROUND {
            return Ok(erased);
        }
    }
}

/// Erases one account now (see the module's documentation). Returns the stored files to
/// remove once the transaction committed.
pub async fn erase(
    tx: &mut Tx,
    person_id: Uuid,
    writings: Writings,
    now: DateTime<Utc>,
    changes: &mut ChangeSet,
) -> ApiResult<Vec<String>> {
    let row: Option<(String, String, Uuid, Option<String>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT display_name, email, organisation_id, erasure_asked_by FROM people WHERE id = $1 AND erased_at IS NULL")
        .bind(person_id).fetch_optional(c).await)?;
    let Some((name, email, organisation_id, asked_by)) = row else { return Ok(Vec::new()) };
    // The server removes as the author would, wherever the writing is (a group they left too).
    let author = Actor::acting_as(person_id, organisation_id, true);
    if writings == Writings::Removed {
        remove_writings(tx, &author, changes).await?;
    }
    crate::groups::forget_person(tx, person_id, changes).await?;
    forget_reactions(tx, person_id, changes).await?;
    let files = forget_attachments(tx, person_id, writings, changes).await?;
    for table in [
        "person_tags",
        "organisation_managers",
        "sessions",
        "admin_sessions",
        "password_resets",
        "calendar_feeds",
        "notification_settings",
        "group_notification_levels",
        "notifications",
        "question_followers",
        "event_rsvps",
        "poll_votes",
        "charter_acceptances",
        "activity_people",
        "must_read_recipients",
        "conversation_members",
        "person_scopes",
    ] {
        let sql = format!("DELETE FROM {table} WHERE person_id = $1");
        exec!(tx, sqlx::query(sqlx::AssertSqlSafe(sql)).bind(person_id))?;
    }
    exec!(tx, sqlx::query("DELETE FROM push_deliveries WHERE subscription_id IN (SELECT id FROM push_subscriptions WHERE person_id = $1)")
        .bind(person_id))?;
    exec!(tx, sqlx::query("DELETE FROM push_subscriptions WHERE person_id = $1").bind(person_id))?;
    exec!(
        tx,
        sqlx::query(
            "DELETE FROM sync_mutations WHERE client_id IN (SELECT client_id FROM sync_clients WHERE person_id = $1)"
        )
        .bind(person_id)
    )?;
    exec!(tx, sqlx::query("DELETE FROM sync_clients WHERE person_id = $1").bind(person_id))?;
    exec!(tx, sqlx::query("DELETE FROM blocks WHERE blocker_id = $1 OR blocked_id = $1").bind(person_id))?;
    // What holds their address: invitations, mails, counters of attempts.
    exec!(tx, sqlx::query("DELETE FROM invitations WHERE email = $1").bind(&email))?;
    exec!(tx, sqlx::query("DELETE FROM mail_outbox WHERE recipient = $1").bind(&email))?;
    let address_in = format!("%{email}%");
    exec!(tx, sqlx::query("DELETE FROM rate_limits WHERE key LIKE $1").bind(&address_in))?;
    exec!(tx, sqlx::query("DELETE FROM sign_in_throttle WHERE key LIKE $1").bind(&address_in))?;
    exec!(tx, sqlx::query("UPDATE messages SET body = $1 WHERE author_id = $2").bind(ERASED_MESSAGE).bind(person_id))?;
    if writings == Writings::Removed {
        exec!(tx, sqlx::query("UPDATE moderation_cases SET excerpt = '' WHERE author_id = $1").bind(person_id))?;
        // The log keeps that they sent messages, not the words they wrote.
        let said = [audit::Action::MustReadSend.as_str(), audit::Action::AnnouncementGroup.as_str()];
        exec!(
            tx,
            sqlx::query("UPDATE audit_log SET details = '{}' WHERE actor_id = $1 AND action IN ($2, $3)")
                .bind(person_id)
                .bind(said[0])
                .bind(said[1])
        )?;
    }
    // The audit log: their address leaves every line, their name the lines about them.
    let id_in = format!("%{person_id}%");
    exec!(
        tx,
        sqlx::query(
            "UPDATE audit_log SET details = replace(replace(details, $1, ''), $2, $3) \
         WHERE details LIKE $4 OR ((target_id = $5 OR actor_id = $5 OR details LIKE $6) AND details LIKE $7)"
        )
        .bind(&email)
        .bind(&name)
        .bind(FORMER_MEMBER)
        .bind(&address_in)
        .bind(person_id)
        .bind(&id_in)
        .bind(format!("%{name}%"))
    )?;
    exec!(
        tx,
        sqlx::query(
            "UPDATE people SET display_name = $1, email = $2, function = '', bio = '', password_hash = '', \
            directory_visibility = 'association', digest_token = NULL, digest_due_at = NULL, last_seen_at = NULL, \
            inactivity_warned_at = NULL, suspended_until = NULL, erasure_due_at = NULL, erased_at = $3, \
            deactivated_at = COALESCE(deactivated_at, $3) WHERE id = $4"
        )
        .bind(FORMER_MEMBER)
        .bind(format!("erased-{person_id}@erased.invalid"))
        .bind(now)
        .bind(person_id)
    )?;
    crate::search::index_person(tx, person_id, changes.search()).await?;
    rewrite_lines(tx, person_id, &name, writings, changes).await?;
    audit::record(
        tx,
        None,
        audit::Action::PersonErase,
        "person",
        Some(person_id),
        serde_json::json!({ "asked_by": asked_by.unwrap_or_else(|| "administrator".into()), "writings": writings.as_str() }),
    )
    .await?;
    Ok(files)
}

/// Deletes what the person wrote in groups, as they would themselves (comments and answers'
/// comments first, then posts, answers, questions); something already gone is skipped.
async fn remove_writings(tx: &mut Tx, author: &Actor, changes: &mut ChangeSet) -> ApiResult<()> {
    let skip_gone = |result: ApiResult<()>| match result {
        Err(error) if error.as_client().is_some() => Ok(()),
        other => other,
    };
    let person_id = author.person_id;
    for (table, remove) in [("comments", 0), ("answer_comments", 1), ("posts", 2), ("answers", 3), ("questions", 4)] {
        let sql = format!("SELECT id FROM {table} WHERE author_id = $1 AND deleted_at IS NULL");
        let ids: Vec<Uuid> =
            on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(person_id).fetch_all(c).await)?;
        for id in ids {
            let result = match remove {
                0 => crate::posts::delete_comment(tx, author, id, changes).await,
                1 => crate::questions::delete_answer_comment(tx, author, id, changes).await,
                2 => crate::posts::delete_post(tx, author, id, changes).await,
                3 => crate::questions::delete_answer(tx, author, id, changes).await,
                _ => crate::questions::delete_question(tx, author, id, changes).await,
            };
            skip_gone(result)?;
        }
    }
    remove_gatherings(tx, person_id, changes).await?;
    // What others were told of what they did (its titles) goes with it.
    let told: Vec<(Uuid, Uuid)> = on_tx!(tx, c => sqlx::query_as("DELETE FROM notifications WHERE actor_id = $1 RETURNING id, person_id")
        .bind(person_id).fetch_all(c).await)?;
    for (id, recipient) in told {
        changes.delete(scope::person(recipient), fabrique_wire::sync::EntityKind::Notification, id);
    }
    Ok(())
}

/// The events they organised, the polls they asked and the must-read messages they sent:
/// their words blanked, the answers, votes and readings of others with them (each phone drops
/// its own at its next pull; the items' own lines go in [`rewrite_lines`]).
async fn remove_gatherings(tx: &mut Tx, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    use fabrique_wire::sync::EntityKind;
    let now = chrono::Utc::now();
    let answers: Vec<(Uuid, Uuid)> = on_tx!(tx, c => sqlx::query_as(
        "DELETE FROM event_rsvps WHERE event_id IN (SELECT id FROM events WHERE author_id = $1) RETURNING event_id, person_id")
        .bind(person_id).fetch_all(c).await)?;
    for (event, person) in answers {
        let id = crate::sync::log::pair_id(EntityKind::MyRsvp, event, person);
        changes.delete(scope::person(person), EntityKind::MyRsvp, id);
    }
    exec!(
        tx,
        sqlx::query("DELETE FROM event_reminders WHERE event_id IN (SELECT id FROM events WHERE author_id = $1)")
            .bind(person_id)
    )?;
    exec!(tx, sqlx::query(
        "UPDATE events SET title = '', description = '', place = '', online_url = '', going_count = 0, maybe_count = 0, \
            waiting_count = 0, cancelled_at = COALESCE(cancelled_at, $1) WHERE author_id = $2")
        .bind(now).bind(person_id))?;
    let votes: Vec<(Uuid, Uuid)> = on_tx!(tx, c => sqlx::query_as(
        "DELETE FROM poll_votes WHERE poll_id IN (SELECT id FROM polls WHERE author_id = $1) RETURNING poll_id, person_id")
        .bind(person_id).fetch_all(c).await)?;
    for (poll, person) in votes {
        let id = crate::sync::log::pair_id(EntityKind::MyVote, poll, person);
        changes.delete(scope::person(person), EntityKind::MyVote, id);
    }
    exec!(
        tx,
        sqlx::query(
            "UPDATE poll_options SET text = '', votes = 0 WHERE poll_id IN (SELECT id FROM polls WHERE author_id = $1)"
        )
        .bind(person_id)
    )?;
    exec!(
        tx,
        sqlx::query(
            "UPDATE polls SET question = '', voter_count = 0, closed_at = COALESCE(closed_at, $1) WHERE author_id = $2"
        )
        .bind(now)
        .bind(person_id)
    )?;
    let readings: Vec<(Uuid, Uuid)> = on_tx!(tx, c => sqlx::query_as(
        "DELETE FROM must_read_recipients WHERE must_read_id IN (SELECT id FROM must_reads WHERE author_id = $1) RETURNING must_read_id, person_id")
        .bind(person_id).fetch_all(c).await)?;
    for (must_read, person) in readings {
        changes.delete(scope::person(person), EntityKind::MustReadRead, must_read);
    }
    exec!(tx, sqlx::query("UPDATE must_reads SET title = '', body = '', mailing_done_at = COALESCE(mailing_done_at, $1) WHERE author_id = $2")
        .bind(now).bind(person_id))?;
    Ok(())
}

async fn forget_reactions(tx: &mut Tx, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let gone: Vec<(Uuid, Uuid)> = on_tx!(tx, c => sqlx::query_as("DELETE FROM reactions WHERE person_id = $1 RETURNING id, group_id")
        .bind(person_id).fetch_all(c).await)?;
    for (id, group_id) in gone {
        changes.delete(scope::group(group_id), fabrique_wire::sync::EntityKind::Reaction, id);
    }
    Ok(())
}

/// The files they uploaded that are theirs alone: all of them when their writings go; else
/// those not on a writing that stays (on a message, or never published). The files
/// themselves leave the disk at the maintenance loop's sweep of files without rows.
async fn forget_attachments(
    tx: &mut Tx,
    person_id: Uuid,
    writings: Writings,
    changes: &mut ChangeSet,
) -> ApiResult<Vec<String>> {
    let which = match writings {
        Writings::Removed => "owner_id = $1",
        Writings::Kept => "owner_id = $1 AND (attached_to IS NULL OR attached_to = 'message')",
    };
    let sql = format!(
        "SELECT scope, entity_id FROM sync_log WHERE kind = 'attachment' AND NOT deleted \
         AND entity_id IN (SELECT id FROM attachments WHERE {which})"
    );
    let lines: Vec<(String, Uuid)> =
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(person_id).fetch_all(c).await)?;
    for (scope, id) in lines {
        changes.delete(scope, fabrique_wire::sync::EntityKind::Attachment, id);
    }
    let sql = format!("DELETE FROM attachments WHERE {which} RETURNING sha256");
    let deleted: Vec<String> =
        on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(person_id).fetch_all(c).await)?;
    crate::attachments::contents_unused(tx, &deleted).await
}

/// Every line phones read that still holds the person: their own scope goes (nobody reads
/// it any more); a line about one of their relations (a member, a request, a block) is
/// removed; any other line holding their id is written again with their name replaced (and
/// their messages' text); notifications and open reports that name them are written again
/// from the rows.
async fn rewrite_lines(
    tx: &mut Tx,
    person_id: Uuid,
    name: &str,
    writings: Writings,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    exec!(tx, sqlx::query("DELETE FROM sync_log WHERE scope = $1").bind(scope::person(person_id)))?;
    let id = person_id.to_string();
    let rows: Vec<(String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT scope, line FROM sync_log WHERE NOT deleted AND scope <> $1 AND line LIKE $2")
        .bind(scope::person(person_id)).bind(format!("%{id}%")).fetch_all(c).await)?;
    // What this erasure already removed (their writings, memberships) is not written back.
    let already = changes.changed();
    for (scope, line) in rows {
        let Ok(mut change) = serde_json::from_str::<Value>(&line) else { continue };
        let Some(entity_id) = change.get("id").and_then(Value::as_str).and_then(|s| s.parse::<Uuid>().ok()) else {
            continue;
        };
        if already.contains(&(scope.clone(), entity_id)) {
            continue;
        }
        let Some(entity) = change.get_mut("entity") else { continue };
        let about_them = entity.pointer("/data/person_id").and_then(Value::as_str) == Some(id.as_str());
        // Their events, polls and must-read messages go when their writings do.
        let gathering = matches!(entity.get("kind").and_then(Value::as_str), Some("event" | "poll" | "must_read"));
        let theirs = entity.pointer("/data/author_id").and_then(Value::as_str) == Some(id.as_str());
        if about_them || (writings == Writings::Removed && gathering && theirs) {
            let entity: Entity = serde_json::from_value(entity.clone())
                .map_err(|e| ApiError::internal(format!("a change line does not read back: {e}")))?;
            changes.delete(scope, entity.kind(), entity_id);
            continue;
        }
        let is_message = entity.get("kind").and_then(Value::as_str) == Some("message");
        if !anonymise(entity, &id, name, is_message) {
            continue;
        }
        let entity: Entity = serde_json::from_value(entity.clone())
            .map_err(|e| ApiError::internal(format!("a change line does not read back: {e}")))?;
        changes.put(scope, entity_id, &entity);
    }
    let notified: Vec<(Uuid, Uuid)> = on_tx!(tx, c => sqlx::query_as("SELECT id, person_id FROM notifications WHERE actor_id = $1")
        .bind(person_id).fetch_all(c).await)?;
    for (notification, recipient) in notified {
        crate::notifications::put(tx, notification, recipient, changes).await?;
    }
    let cases: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT id FROM moderation_cases WHERE author_id = $1 AND group_id IS NOT NULL AND state <> 'decided'")
        .bind(person_id).fetch_all(c).await)?;
    for case in cases {
        crate::moderation::put_group_report(tx, case, changes).await?;
    }
    Ok(())
}

/// Replaces, in an entity's JSON, every string that is exactly `name` by [`FORMER_MEMBER`]
/// and, in a message whose author is `id`, its text by [`ERASED_MESSAGE`]. Whether it changed.
fn anonymise(value: &mut Value, id: &str, name: &str, is_message: bool) -> bool {
    match value {
        Value::String(text) if text == name => {
            *text = FORMER_MEMBER.to_owned();
            true
        }
        Value::Array(items) => {
            items.iter_mut().fold(false, |changed, item| anonymise(item, id, name, is_message) | changed)
        }
        Value::Object(map) => {
            let mut changed = false;
            if is_message
                && map.get("author_id").and_then(Value::as_str) == Some(id)
                && let Some(body) = map.get_mut("body")
                && body.as_str() != Some(ERASED_MESSAGE)
            {
                *body = Value::String(ERASED_MESSAGE.to_owned());
                changed = true;
            }
            for item in map.values_mut() {
                changed |= anonymise(item, id, name, is_message);
            }
            changed
        }
        _ => false,
    }
}
