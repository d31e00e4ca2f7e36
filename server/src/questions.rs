//! Questions (the heart of the federation's network): a person asks one or more of their
//! groups; members answer (anyone may on a public group); the asker or a moderator accepts
//! one answer; answers can be commented; people follow questions.
//!
//! A question, its answers and their comments live in the scope of each of its groups.
//! Routing: `GET /v1/questions/for-me` lists the open questions whose tags match the
//! caller's skills (in groups they may read: their own, or public ones), and those escalated
//! to them as organisers. [`escalate_due`] escalates unanswered questions: first to their
//! groups' organisers, then into the federation group the administrators chose.
//! `GET /v1/questions/similar` is "answer before you ask": answered questions like a title.

use axum::extract::State;
use chrono::{DateTime, Duration, Utc};
use fabrique_wire::Page;
use fabrique_wire::error::ErrorBody;
use fabrique_wire::questions::NewQuestion;
use fabrique_wire::questions::{
    Answer, AnswerComment, EscalationSettings, GROUPS_MAX, Question, QuestionFollow, QuestionState, QuestionThread,
};
use fabrique_wire::search::SearchKind;
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
use crate::search::words;
use crate::sync::log::ChangeSet;
use crate::{AppState, audit, exec, fields, on_tx, paging};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(for_me))
        .routes(routes!(similar))
        .routes(routes!(get_escalation, put_escalation))
        .routes(routes!(get_thread))
        .routes(routes!(list_group_questions))
}

// ---------------------------------------------------------------------------------------
// Rows

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: Uuid,
    author_id: Uuid,
    author_name: String,
    author_organisation_id: Uuid,
    title: String,
    details: String,
    tags: String,
    accepted_answer_id: Option<Uuid>,
    answer_count: i64,
    escalation_level: i64,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
    deleted_at: Option<DateTime<Utc>>,
}

impl QuestionRow {
    fn into_wire(self, group_ids: Vec<Uuid>) -> Question {
        Question {
            id: self.id,
            group_ids,
            author_id: self.author_id,
            author_name: self.author_name,
            title: self.title,
            details: self.details,
            tags: serde_json::from_str(&self.tags).unwrap_or_default(),
            state: if self.accepted_answer_id.is_some() { QuestionState::Answered } else { QuestionState::Open },
            accepted_answer_id: self.accepted_answer_id,
            answer_count: self.answer_count,
            escalation_level: self.escalation_level,
            created_at: self.created_at,
            edited_at: self.edited_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    id: Uuid,
    question_id: Uuid,
    author_id: Uuid,
    author_name: String,
    author_organisation_id: Uuid,
    body: String,
    accepted: bool,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
    deleted_at: Option<DateTime<Utc>>,
}

impl From<AnswerRow> for Answer {
    fn from(row: AnswerRow) -> Self {
        Answer {
            id: row.id,
            question_id: row.question_id,
            author_id: row.author_id,
            author_name: row.author_name,
            body: row.body,
            accepted: row.accepted,
            created_at: row.created_at,
            edited_at: row.edited_at,
        }
    }
}

const QUESTION_COLUMNS: &str = "SELECT q.id, q.author_id, p.display_name AS author_name, p.organisation_id AS author_organisation_id, \
    q.title, q.details, q.tags, q.accepted_answer_id, q.answer_count, q.escalation_level, q.created_at, q.edited_at, q.deleted_at \
    FROM questions q JOIN people p ON p.id = q.author_id";

async fn load_question(tx: &mut Tx, id: Uuid) -> ApiResult<Option<QuestionRow>> {
    static SQL: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| format!("{QUESTION_COLUMNS} WHERE q.id = $1"));
    let row = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(SQL.as_str())).bind(id).fetch_optional(c).await)?;
    Ok(row)
}

async fn group_ids(tx: &mut Tx, question_id: Uuid) -> ApiResult<Vec<Uuid>> {
    let ids = on_tx!(tx, c => sqlx::query_scalar("SELECT group_id FROM question_groups WHERE question_id = $1 ORDER BY group_id")
        .bind(question_id).fetch_all(c).await)?;
    Ok(ids)
}

/// Questions as sent, each with its groups.
async fn with_groups(tx: &mut Tx, rows: Vec<QuestionRow>) -> ApiResult<Vec<Question>> {
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let groups = group_ids(tx, row.id).await?;
        items.push(row.into_wire(groups));
    }
    Ok(items)
}

async fn load_answer(tx: &mut Tx, id: Uuid) -> ApiResult<Option<AnswerRow>> {
    let row = on_tx!(tx, c => sqlx::query_as(
        "SELECT a.id, a.question_id, a.author_id, p.display_name AS author_name, p.organisation_id AS author_organisation_id, a.body, \
            (q.accepted_answer_id IS NOT NULL AND q.accepted_answer_id = a.id) AS accepted, a.created_at, a.edited_at, a.deleted_at \
         FROM answers a JOIN people p ON p.id = a.author_id JOIN questions q ON q.id = a.question_id WHERE a.id = $1")
        .bind(id).fetch_optional(c).await)?;
    Ok(row)
}

fn question_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::QuestionNotFound, "This question does not exist.")
}

fn answer_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::AnswerNotFound, "This answer does not exist.")
}

fn deleted() -> ApiError {
    ApiError::conflict(ErrorCode::Deleted, "This was deleted in the meantime.")
}

/// The caller's access to each of the question's groups; a question none of whose groups the
/// caller may read does not exist for them.
async fn accesses(tx: &mut Tx, actor: &Actor, question_id: Uuid) -> ApiResult<(Vec<Uuid>, Vec<GroupAccess>)> {
    let groups = group_ids(tx, question_id).await?;
    let mut accesses = Vec::with_capacity(groups.len());
    for group in &groups {
        match GroupAccess::load(tx, actor, *group).await {
            Ok(access) => accesses.push(access),
            Err(e) if e.as_client().is_some() => {}
            Err(e) => return Err(e),
        }
    }
    if !accesses.iter().any(GroupAccess::can_read) {
        return Err(question_not_found());
    }
    Ok((groups, accesses))
}

/// Whether the person may read the question (for what is attached to it).
pub async fn may_read(tx: &mut Tx, actor: &Actor, question_id: Uuid) -> ApiResult<bool> {
    accesses(tx, actor, question_id).await?;
    let deleted: Option<Option<DateTime<Utc>>> = on_tx!(tx, c => sqlx::query_scalar("SELECT deleted_at FROM questions WHERE id = $1")
        .bind(question_id).fetch_optional(c).await)?;
    Ok(matches!(deleted, Some(None)))
}

// ---------------------------------------------------------------------------------------
// Changes: everything of a question goes to the scope of each of its groups

async fn put_question(tx: &mut Tx, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row = load_question(tx, id).await?.ok_or_else(question_not_found)?;
    let groups = group_ids(tx, id).await?;
    let question = Entity::Question(row.into_wire(groups.clone()));
    for group in groups {
        changes.put(scope::group(group), id, &question);
    }
    Ok(())
}

async fn put_answer(tx: &mut Tx, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row = load_answer(tx, id).await?.ok_or_else(answer_not_found)?;
    let groups = group_ids(tx, row.question_id).await?;
    let answer = Entity::Answer(row.into());
    for group in groups {
        changes.put(scope::group(group), id, &answer);
    }
    Ok(())
}

async fn put_comment(tx: &mut Tx, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row: (Uuid, Uuid, Uuid, String, String, DateTime<Utc>) = on_tx!(tx, c => sqlx::query_as(
        "SELECT k.answer_id, k.question_id, k.author_id, p.display_name, k.body, k.created_at FROM answer_comments k \
         JOIN people p ON p.id = k.author_id WHERE k.id = $1").bind(id).fetch_one(c).await)?;
    let (answer_id, question_id, author_id, author_name, body, created_at) = row;
    let comment =
        Entity::AnswerComment(AnswerComment { id, answer_id, question_id, author_id, author_name, body, created_at });
    for group in group_ids(tx, question_id).await? {
        changes.put(scope::group(group), id, &comment);
    }
    Ok(())
}

fn delete_in(groups: &[Uuid], kind: EntityKind, id: Uuid, changes: &mut ChangeSet) {
    for group in groups {
        changes.delete(scope::group(*group), kind, id);
    }
}

async fn set_tags(tx: &mut Tx, id: Uuid, tags: &[String]) -> ApiResult<()> {
    exec!(tx, sqlx::query("DELETE FROM question_tags WHERE question_id = $1").bind(id))?;
    for tag in tags {
        exec!(tx, sqlx::query("INSERT INTO question_tags (question_id, tag) VALUES ($1, $2)").bind(id).bind(tag))?;
    }
    Ok(())
}

async fn follow(tx: &mut Tx, question_id: Uuid, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    exec!(
        tx,
        sqlx::query("INSERT INTO question_followers (question_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(question_id)
            .bind(person_id)
    )?;
    let id = crate::sync::log::pair_id(EntityKind::QuestionFollow, question_id, person_id);
    changes.put(scope::person(person_id), id, &Entity::QuestionFollow(QuestionFollow { question_id, person_id }));
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Mutations

pub async fn ask_question(
    tx: &mut Tx,
    actor: &Actor,
    question: &NewQuestion,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let NewQuestion { id, group_ids, title, details, tags, attachments } = question;
    let id = *id;
    let title = fields::text(
        "title",
        title,
        fabrique_wire::questions::TITLE_MAX,
        fields::Presence::Required,
        fields::Lines::One,
    )?;
    let details = fields::text(
        "details",
        details,
        fabrique_wire::questions::DETAILS_MAX,
        fields::Presence::Optional,
        fields::Lines::Many,
    )?;
    let tags = fields::tags("tags", tags)?;
    let mut groups: Vec<Uuid> = group_ids.to_vec();
    groups.sort();
    groups.dedup();
    if groups.is_empty() || groups.len() > GROUPS_MAX {
        return Err(ApiError::invalid(ErrorCode::InvalidField, format!("Ask in 1 to {GROUPS_MAX} groups."))
            .with_details(serde_json::json!({ "field": "group_ids" })));
    }
    for group in &groups {
        if !GroupAccess::load(tx, actor, *group).await?.can_post() {
            return Err(ApiError::forbidden(ErrorCode::NotAMember, "Join the group to ask it a question."));
        }
    }
    let now = Utc::now();
    exec!(
        tx,
        sqlx::query(
            "INSERT INTO questions (id, author_id, title, details, tags, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id)
        .bind(actor.person_id)
        .bind(&title)
        .bind(&details)
        .bind(serde_json::to_string(&tags).unwrap_or_default())
        .bind(now)
    )
    .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;
    for group in &groups {
        exec!(
            tx,
            sqlx::query("INSERT INTO question_groups (question_id, group_id) VALUES ($1, $2)").bind(id).bind(group)
        )?;
    }
    crate::activity::asked(tx, changes.activity(), id, actor, now).await?;
    set_tags(tx, id, &tags).await?;
    crate::search::index_question(changes.search(), id, &title, &details, &tags);
    follow(tx, id, actor.person_id, changes).await?;
    put_question(tx, id, changes).await?;
    let scopes: Vec<String> = groups.iter().map(|g| scope::group(*g)).collect();
    let attached = fabrique_wire::attachments::AttachedTo::Question;
    crate::attachments::attach(tx, actor, attachments, attached, id, &scopes, changes).await?;
    crate::notifications::question_asked(tx, actor, id, groups[0], &title, changes).await?;
    Ok(())
}

pub async fn edit_question(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    title: Option<&str>,
    details: Option<&str>,
    tags: Option<&[String]>,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let title = title
        .map(|t| {
            fields::text(
                "title",
                t,
                fabrique_wire::questions::TITLE_MAX,
                fields::Presence::Required,
                fields::Lines::One,
            )
        })
        .transpose()?;
    let details = details
        .map(|d| {
            fields::text(
                "details",
                d,
                fabrique_wire::questions::DETAILS_MAX,
                fields::Presence::Optional,
                fields::Lines::Many,
            )
        })
        .transpose()?;
    let tags = tags.map(|t| fields::tags("tags", t)).transpose()?;
    let question = load_question(tx, id).await?.ok_or_else(question_not_found)?;
    accesses(tx, actor, id).await?;
    if question.deleted_at.is_some() {
        return Err(deleted());
    }
    if question.author_id != actor.person_id {
        return Err(ApiError::forbidden(ErrorCode::NotTheAuthor, "Only the author can edit a question."));
    }
    let tags_json = tags.as_ref().map(|t| serde_json::to_string(t).unwrap_or_default());
    exec!(tx, sqlx::query("UPDATE questions SET title = COALESCE($1, title), details = COALESCE($2, details), tags = COALESCE($3, tags), edited_at = $4 WHERE id = $5")
        .bind(&title).bind(&details).bind(&tags_json).bind(Utc::now()).bind(id))?;
    if let Some(tags) = &tags {
        set_tags(tx, id, tags).await?;
    }
    let title = title.unwrap_or(question.title);
    let details = details.unwrap_or(question.details);
    let tags = tags.unwrap_or_else(|| serde_json::from_str(&question.tags).unwrap_or_default());
    crate::search::index_question(changes.search(), id, &title, &details, &tags);
    put_question(tx, id, changes).await
}

/// The author, a moderator of one of its groups, or a manager of the author's association.
async fn check_may_delete(
    tx: &mut Tx,
    actor: &Actor,
    accesses: &[GroupAccess],
    author: Uuid,
    author_org: Uuid,
) -> ApiResult<()> {
    let allowed = actor.person_id == author
        || accesses.iter().any(GroupAccess::can_moderate)
        || crate::auth::manages(tx, actor, author_org).await?;
    if allowed {
        Ok(())
    } else {
        Err(ApiError::forbidden(ErrorCode::Forbidden, "Only the author and the group's moderators can delete this."))
    }
}

pub async fn delete_question(tx: &mut Tx, actor: &Actor, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let question = load_question(tx, id).await?.ok_or_else(question_not_found)?;
    let (groups, accesses) = accesses(tx, actor, id).await?;
    check_may_delete(tx, actor, &accesses, question.author_id, question.author_organisation_id).await?;
    if question.deleted_at.is_some() {
        return Ok(());
    }
    exec!(
        tx,
        sqlx::query("UPDATE questions SET deleted_at = $1, title = '', details = '' WHERE id = $2")
            .bind(Utc::now())
            .bind(id)
    )?;
    let answers: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM answers WHERE question_id = $1 AND deleted_at IS NULL").bind(id).fetch_all(c).await)?;
    let comments: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM answer_comments WHERE question_id = $1 AND deleted_at IS NULL").bind(id).fetch_all(c).await)?;
    exec!(
        tx,
        sqlx::query("UPDATE answers SET deleted_at = $1, body = '' WHERE question_id = $2 AND deleted_at IS NULL")
            .bind(Utc::now())
            .bind(id)
    )?;
    exec!(
        tx,
        sqlx::query(
            "UPDATE answer_comments SET deleted_at = $1, body = '' WHERE question_id = $2 AND deleted_at IS NULL"
        )
        .bind(Utc::now())
        .bind(id)
    )?;
    crate::search::remove(changes.search(), SearchKind::Question, id);
    for answer in &answers {
        crate::search::remove(changes.search(), SearchKind::Answer, *answer);
        delete_in(&groups, EntityKind::Answer, *answer, changes);
    }
    for comment in comments {
        delete_in(&groups, EntityKind::AnswerComment, comment, changes);
    }
    delete_in(&groups, EntityKind::Question, id, changes);
    let scopes: Vec<String> = groups.iter().map(|g| scope::group(*g)).collect();
    crate::attachments::detach_all(tx, id, &scopes, changes).await?;
    if actor.person_id != question.author_id {
        audit::record(
            tx,
            Some(actor.person_id),
            audit::Action::QuestionDelete,
            "question",
            Some(id),
            serde_json::json!({}),
        )
        .await?;
    }
    Ok(())
}

pub async fn answer_question(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    question_id: Uuid,
    body: &str,
    mentions: &[Uuid],
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let body = fields::text(
        "body",
        body,
        fabrique_wire::questions::ANSWER_MAX,
        fields::Presence::Required,
        fields::Lines::Many,
    )?;
    let question = load_question(tx, question_id).await?.ok_or_else(question_not_found)?;
    let (groups, accesses) = accesses(tx, actor, question_id).await?;
    if question.deleted_at.is_some() {
        return Err(deleted());
    }
    if !accesses.iter().any(GroupAccess::can_respond) {
        return Err(ApiError::forbidden(ErrorCode::NotAMember, "Join one of the question's groups to answer it."));
    }
    exec!(
        tx,
        sqlx::query("INSERT INTO answers (id, question_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(question_id)
            .bind(actor.person_id)
            .bind(&body)
            .bind(Utc::now())
    )
    .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;
    exec!(tx, sqlx::query("UPDATE questions SET answer_count = answer_count + 1 WHERE id = $1").bind(question_id))?;
    crate::activity::answered(tx, changes.activity(), question_id, question.author_id, actor, Utc::now()).await?;
    crate::search::index(changes.search(), SearchKind::Answer, id, None, "", &body);
    put_answer(tx, id, changes).await?;
    put_question(tx, question_id, changes).await?;
    crate::notifications::question_answered(tx, actor, question_id, &question.title, changes).await?;
    crate::notifications::mentioned(tx, actor, question_id, &groups, mentions, &question.title, changes).await?;
    Ok(())
}

pub async fn edit_answer(tx: &mut Tx, actor: &Actor, id: Uuid, body: &str, changes: &mut ChangeSet) -> ApiResult<()> {
    let body = fields::text(
        "body",
        body,
        fabrique_wire::questions::ANSWER_MAX,
        fields::Presence::Required,
        fields::Lines::Many,
    )?;
    let answer = load_answer(tx, id).await?.ok_or_else(answer_not_found)?;
    accesses(tx, actor, answer.question_id).await.map_err(|_| answer_not_found())?;
    if answer.deleted_at.is_some() {
        return Err(deleted());
    }
    if answer.author_id != actor.person_id {
        return Err(ApiError::forbidden(ErrorCode::NotTheAuthor, "Only the author can edit an answer."));
    }
    exec!(
        tx,
        sqlx::query("UPDATE answers SET body = $1, edited_at = $2 WHERE id = $3").bind(&body).bind(Utc::now()).bind(id)
    )?;
    crate::search::index(changes.search(), SearchKind::Answer, id, None, "", &body);
    put_answer(tx, id, changes).await
}

pub async fn delete_answer(tx: &mut Tx, actor: &Actor, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let answer = load_answer(tx, id).await?.ok_or_else(answer_not_found)?;
    let (groups, accesses) = accesses(tx, actor, answer.question_id).await.map_err(|_| answer_not_found())?;
    check_may_delete(tx, actor, &accesses, answer.author_id, answer.author_organisation_id).await?;
    if answer.deleted_at.is_some() {
        return Ok(());
    }
    exec!(tx, sqlx::query("UPDATE answers SET deleted_at = $1, body = '' WHERE id = $2").bind(Utc::now()).bind(id))?;
    // A deleted answer is no longer the accepted one; the count is the server's.
    exec!(
        tx,
        sqlx::query(
            "UPDATE questions SET answer_count = answer_count - 1, \
            accepted_answer_id = CASE WHEN accepted_answer_id = $1 THEN NULL ELSE accepted_answer_id END WHERE id = $2"
        )
        .bind(id)
        .bind(answer.question_id)
    )?;
    let comments: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM answer_comments WHERE answer_id = $1 AND deleted_at IS NULL").bind(id).fetch_all(c).await)?;
    exec!(
        tx,
        sqlx::query("UPDATE answer_comments SET deleted_at = $1, body = '' WHERE answer_id = $2")
            .bind(Utc::now())
            .bind(id)
    )?;
    for comment in comments {
        delete_in(&groups, EntityKind::AnswerComment, comment, changes);
    }
    crate::search::remove(changes.search(), SearchKind::Answer, id);
    delete_in(&groups, EntityKind::Answer, id, changes);
    put_question(tx, answer.question_id, changes).await
}

/// One accepted answer at most: accepting another replaces the earlier choice.
pub async fn accept_answer(
    tx: &mut Tx,
    actor: &Actor,
    question_id: Uuid,
    answer_id: Uuid,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let question = load_question(tx, question_id).await?.ok_or_else(question_not_found)?;
    let (_, accesses) = accesses(tx, actor, question_id).await?;
    if question.deleted_at.is_some() {
        return Err(deleted());
    }
    if question.author_id != actor.person_id && !accesses.iter().any(GroupAccess::can_moderate) {
        return Err(ApiError::forbidden(
            ErrorCode::Forbidden,
            "Only the person who asked and the group's moderators accept an answer.",
        ));
    }
    let answer =
        load_answer(tx, answer_id).await?.filter(|a| a.question_id == question_id).ok_or_else(answer_not_found)?;
    if answer.deleted_at.is_some() {
        return Err(deleted());
    }
    exec!(
        tx,
        sqlx::query("UPDATE questions SET accepted_answer_id = $1 WHERE id = $2").bind(answer_id).bind(question_id)
    )?;
    if let Some(previous) = question.accepted_answer_id.filter(|p| *p != answer_id) {
        put_answer(tx, previous, changes).await?;
    }
    put_answer(tx, answer_id, changes).await?;
    put_question(tx, question_id, changes).await?;
    if question.accepted_answer_id != Some(answer_id) {
        crate::notifications::answer_accepted(tx, actor, question_id, answer.author_id, &question.title, changes)
            .await?;
    }
    Ok(())
}

pub async fn comment_answer(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    answer_id: Uuid,
    body: &str,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let body = fields::text(
        "body",
        body,
        fabrique_wire::questions::COMMENT_MAX,
        fields::Presence::Required,
        fields::Lines::Many,
    )?;
    let answer = load_answer(tx, answer_id).await?.ok_or_else(answer_not_found)?;
    let (_, accesses) = accesses(tx, actor, answer.question_id).await.map_err(|_| answer_not_found())?;
    if answer.deleted_at.is_some() {
        return Err(deleted());
    }
    if !accesses.iter().any(GroupAccess::can_respond) {
        return Err(ApiError::forbidden(ErrorCode::NotAMember, "Join one of the question's groups to comment."));
    }
    exec!(tx, sqlx::query("INSERT INTO answer_comments (id, answer_id, question_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id).bind(answer_id).bind(answer.question_id).bind(actor.person_id).bind(&body).bind(Utc::now()))
        .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;
    put_comment(tx, id, changes).await
}

pub async fn delete_answer_comment(tx: &mut Tx, actor: &Actor, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row: Option<(Uuid, Uuid, Uuid, Option<DateTime<Utc>>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT k.question_id, k.author_id, p.organisation_id, k.deleted_at FROM answer_comments k JOIN people p ON p.id = k.author_id WHERE k.id = $1")
        .bind(id).fetch_optional(c).await)?;
    let not_found = || ApiError::not_found(ErrorCode::CommentNotFound, "This comment does not exist.");
    let (question_id, author, author_org, deleted_at) = row.ok_or_else(not_found)?;
    let (groups, accesses) = accesses(tx, actor, question_id).await.map_err(|_| not_found())?;
    check_may_delete(tx, actor, &accesses, author, author_org).await?;
    if deleted_at.is_none() {
        exec!(
            tx,
            sqlx::query("UPDATE answer_comments SET deleted_at = $1, body = '' WHERE id = $2")
                .bind(Utc::now())
                .bind(id)
        )?;
        delete_in(&groups, EntityKind::AnswerComment, id, changes);
    }
    Ok(())
}

pub async fn set_following(
    tx: &mut Tx,
    actor: &Actor,
    question_id: Uuid,
    on: bool,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    load_question(tx, question_id).await?.filter(|q| q.deleted_at.is_none()).ok_or_else(question_not_found)?;
    accesses(tx, actor, question_id).await?;
    if on {
        return follow(tx, question_id, actor.person_id, changes).await;
    }
    exec!(
        tx,
        sqlx::query("DELETE FROM question_followers WHERE question_id = $1 AND person_id = $2")
            .bind(question_id)
            .bind(actor.person_id)
    )?;
    let id = crate::sync::log::pair_id(EntityKind::QuestionFollow, question_id, actor.person_id);
    changes.delete(scope::person(actor.person_id), EntityKind::QuestionFollow, id);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Escalation

const FEDERATION_GROUP: &str = "escalation.federation_group";

/// The federation group that questions left unanswered escalate to, if one was chosen.
pub async fn federation_group(tx: &mut Tx) -> ApiResult<Option<Uuid>> {
    let value: Option<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(FEDERATION_GROUP).fetch_optional(c).await)?;
    Ok(value.and_then(|v| v.parse().ok()))
}

/// What an escalation sweep did: how many questions moved, and the scopes to poke.
pub struct Escalation {
    pub moved: u64,
    pub scopes: Vec<String>,
}

/// Escalate the questions still unanswered `delay` after being asked (to their groups'
/// organisers), and `delay` after that (into the federation's group, whose members then
/// receive them). `now` is a parameter so tests control the clock; the server calls it
/// every few minutes.
pub async fn escalate_due(db: &Db, now: DateTime<Utc>, delay: Duration) -> ApiResult<Escalation> {
    let mut tx = db.begin_write().await?;
    let horizon = now - delay;
    let to_organisers: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
        "SELECT id FROM questions WHERE deleted_at IS NULL AND answer_count = 0 AND escalation_level = 0 AND created_at <= $1 ORDER BY created_at LIMIT 500")
        .bind(horizon).fetch_all(c).await)?;
    let federation = federation_group(&mut tx).await?;
    let to_federation: Vec<Uuid> = match federation {
        Some(_) => on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT id FROM questions WHERE deleted_at IS NULL AND answer_count = 0 AND escalation_level = 1 AND escalated_at <= $1 ORDER BY created_at LIMIT 500")
            .bind(horizon).fetch_all(c).await)?,
        None => Vec::new(),
    };
    let mut changes = ChangeSet::default();
    let mut moved = 0;
    // Each step only from the level read: another instance that escalated the question
    // meanwhile leaves it unchanged here (nothing done twice).
    for id in &to_organisers {
        let stepped = exec!(
            &mut tx,
            sqlx::query(
                "UPDATE questions SET escalation_level = 1, escalated_at = $1 WHERE id = $2 AND escalation_level = 0"
            )
            .bind(now)
            .bind(id)
        )?;
        if stepped == 0 {
            continue;
        }
        moved += 1;
        put_question(&mut tx, *id, &mut changes).await?;
    }
    if let Some(group) = federation {
        for id in &to_federation {
            let stepped = exec!(
                &mut tx,
                sqlx::query("UPDATE questions SET escalation_level = 2, escalated_at = $1 WHERE id = $2 AND escalation_level = 1")
                    .bind(now)
                    .bind(id)
            )?;
            if stepped == 0 {
                continue;
            }
            moved += 1;
            exec!(
                &mut tx,
                sqlx::query(
                    "INSERT INTO question_groups (question_id, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
                )
                .bind(id)
                .bind(group)
            )?;
            // Everything of the question reaches the new group's scope.
            put_question(&mut tx, *id, &mut changes).await?;
            let answers: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT id FROM answers WHERE question_id = $1 AND deleted_at IS NULL").bind(id).fetch_all(c).await)?;
            for answer in answers {
                put_answer(&mut tx, answer, &mut changes).await?;
            }
        }
    }
    let scopes = crate::sync::log::commit(&mut tx, changes).await?;
    tx.commit().await?;
    Ok(Escalation { moved, scopes })
}

#[utoipa::path(get, path = "/v1/questions/escalation", tag = "questions", security(("bearer" = [])),
    responses((status = 200, body = EscalationSettings), (status = 401, body = ErrorBody)))]
async fn get_escalation(
    State(state): State<AppState>,
    AuthUser(_actor): AuthUser,
) -> ApiResult<Json<EscalationSettings>> {
    let mut tx = state.db.begin_read().await?;
    let federation_group_id = federation_group(&mut tx).await?;
    tx.commit().await?;
    Ok(Json(EscalationSettings { federation_group_id }))
}

/// Choose the federation group that receives questions left unanswered (federation administrators).
#[utoipa::path(put, path = "/v1/questions/escalation", tag = "questions", security(("bearer" = [])), request_body = EscalationSettings,
    responses((status = 200, body = EscalationSettings), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn put_escalation(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Json(settings): Json<EscalationSettings>,
) -> ApiResult<Json<EscalationSettings>> {
    let mut tx = state.db.begin_write().await?;
    set_federation_group(&mut tx, &actor, settings.federation_group_id).await?;
    tx.commit().await?;
    Ok(Json(settings))
}

/// A federation administrator chooses the group questions left unanswered escalate to (or
/// none), in the audit log; from the API and the console.
pub async fn set_federation_group(tx: &mut Tx, actor: &Actor, group: Option<Uuid>) -> ApiResult<()> {
    if !actor.is_federation_admin {
        return Err(ApiError::forbidden(
            ErrorCode::Forbidden,
            "Only federation administrators choose where questions escalate.",
        ));
    }
    match group {
        Some(group) => {
            crate::groups::access::load_group(tx, group)
                .await?
                .ok_or_else(|| ApiError::not_found(ErrorCode::GroupNotFound, "This group does not exist."))?;
            let value = group.to_string();
            exec!(tx, sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                .bind(FEDERATION_GROUP).bind(&value))?;
        }
        None => {
            exec!(tx, sqlx::query("DELETE FROM settings WHERE key = $1").bind(FEDERATION_GROUP))?;
        }
    }
    audit::record(tx, Some(actor.person_id), audit::Action::QuestionsEscalation, "group", group, serde_json::json!({}))
        .await
}

// ---------------------------------------------------------------------------------------
// Routing and "answer before you ask"

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    cursor: Option<String>,
    limit: Option<u32>,
}

/// Open questions for the caller: matching their skills (in groups they may read), or
/// escalated to them as an organiser of one of its groups; newest first, never their own.
#[utoipa::path(get, path = "/v1/questions/for-me", tag = "questions", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<Question>), (status = 401, body = ErrorBody)))]
async fn for_me(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Query(query): Query<PageQuery>,
) -> ApiResult<Json<Page<Question>>> {
    let limit = fields::page_limit(query.limit, 20, 50)?;
    let far = DateTime::from_timestamp(253_402_300_799, 0).unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let (before, before_id): (DateTime<Utc>, Uuid) = paging::start_after(&query.cursor, (far, Uuid::max()))?;
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "{QUESTION_COLUMNS} WHERE q.deleted_at IS NULL AND q.accepted_answer_id IS NULL AND q.author_id != $1 \
             AND (q.created_at < $2 OR (q.created_at = $2 AND q.id < $3)) \
             AND ( \
               (EXISTS (SELECT 1 FROM question_tags t JOIN person_tags s ON s.tag = t.tag AND s.kind = 'skill' AND s.person_id = $1 WHERE t.question_id = q.id) \
                AND EXISTS (SELECT 1 FROM question_groups qg JOIN groups g ON g.id = qg.group_id WHERE qg.question_id = q.id AND g.deleted_at IS NULL \
                    AND (g.visibility = 'public' OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.person_id = $1)))) \
               OR (q.escalation_level >= 1 AND EXISTS (SELECT 1 FROM question_groups qg JOIN group_members m ON m.group_id = qg.group_id \
                    WHERE qg.question_id = q.id AND m.person_id = $1 AND m.role IN ('organiser', 'admin'))) \
             ) ORDER BY q.created_at DESC, q.id DESC LIMIT $4"
        )
    });
    let mut tx = state.db.begin_read().await?;
    let rows: Vec<QuestionRow> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(SQL.as_str()))
        .bind(actor.person_id).bind(before).bind(before_id).bind(limit + 1).fetch_all(c).await)?;
    let items = with_groups(&mut tx, rows).await?;
    tx.commit().await?;
    Ok(Json(paging::page(items, limit, |q: &Question| (q.created_at, q.id))))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct SimilarQuery {
    /// The title being typed.
    q: String,
}

/// Answered questions like the one being typed, best first (five at most), among those the
/// caller may read: "answer before you ask".
#[utoipa::path(get, path = "/v1/questions/similar", tag = "questions", security(("bearer" = [])), params(SimilarQuery),
    responses((status = 200, body = Vec<Question>), (status = 401, body = ErrorBody)))]
async fn similar(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Query(query): Query<SimilarQuery>,
) -> ApiResult<Json<Vec<Question>>> {
    let stems = words::query_stems(&query.q.chars().take(fabrique_wire::search::QUERY_MAX).collect::<String>());
    if stems.is_empty() {
        return Ok(Json(Vec::new()));
    }
    let mut tx = state.db.begin_read().await?;
    let ids = crate::search::similar_questions(&mut tx, &actor, &query.q, &stems, 5).await?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(row) = load_question(&mut tx, id).await? {
            let groups = group_ids(&mut tx, id).await?;
            items.push(row.into_wire(groups));
        }
    }
    tx.commit().await?;
    Ok(Json(items))
}

/// A question with its answers and their comments, for whoever may read one of its groups.
#[utoipa::path(get, path = "/v1/questions/{id}", tag = "questions", security(("bearer" = [])),
    responses((status = 200, body = QuestionThread), (status = 404, body = ErrorBody)))]
async fn get_thread(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<QuestionThread>> {
    let mut tx = state.db.begin_read().await?;
    let row = load_question(&mut tx, id).await?.filter(|q| q.deleted_at.is_none()).ok_or_else(question_not_found)?;
    let (groups, _) = accesses(&mut tx, &actor, id).await?;
    let answer_ids: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
        "SELECT id FROM answers WHERE question_id = $1 AND deleted_at IS NULL ORDER BY created_at, id").bind(id).fetch_all(c).await)?;
    let mut answers = Vec::with_capacity(answer_ids.len());
    for answer in answer_ids {
        if let Some(row) = load_answer(&mut tx, answer).await? {
            answers.push(row.into());
        }
    }
    let comment_rows: Vec<(Uuid, Uuid, Uuid, String, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT k.id, k.answer_id, k.author_id, p.display_name, k.body, k.created_at FROM answer_comments k JOIN people p ON p.id = k.author_id \
         WHERE k.question_id = $1 AND k.deleted_at IS NULL ORDER BY k.created_at, k.id").bind(id).fetch_all(c).await)?;
    tx.commit().await?;
    let comments = comment_rows
        .into_iter()
        .map(|(cid, answer_id, author_id, author_name, body, created_at)| AnswerComment {
            id: cid,
            answer_id,
            question_id: id,
            author_id,
            author_name,
            body,
            created_at,
        })
        .collect();
    Ok(Json(QuestionThread { question: row.into_wire(groups), answers, comments }))
}

/// The questions of a group, newest first: anyone for a public group, members for a private
/// one (what a device reads for a group it does not hold).
#[utoipa::path(get, path = "/v1/groups/{id}/questions", tag = "questions", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<Question>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_group_questions(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(group_id): Path<Uuid>,
    Query(query): Query<PageQuery>,
) -> ApiResult<Json<Page<Question>>> {
    let limit = fields::page_limit(query.limit, 20, 50)?;
    let far = DateTime::from_timestamp(253_402_300_799, 0).unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let (before, before_id): (DateTime<Utc>, Uuid) = paging::start_after(&query.cursor, (far, Uuid::max()))?;
    let mut tx = state.db.begin_read().await?;
    GroupAccess::load(&mut tx, &actor, group_id).await?.require_read()?;
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "{QUESTION_COLUMNS} JOIN question_groups qg ON qg.question_id = q.id WHERE qg.group_id = $1 AND q.deleted_at IS NULL \
             AND (q.created_at < $2 OR (q.created_at = $2 AND q.id < $3)) ORDER BY q.created_at DESC, q.id DESC LIMIT $4"
        )
    });
    let rows: Vec<QuestionRow> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(SQL.as_str()))
        .bind(group_id).bind(before).bind(before_id).bind(limit + 1).fetch_all(c).await)?;
    let items = with_groups(&mut tx, rows).await?;
    tx.commit().await?;
    Ok(Json(paging::page(items, limit, |q: &Question| (q.created_at, q.id))))
}
