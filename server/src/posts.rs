//! Posts in groups, with comments and reactions. Writes arrive as sync mutations; a public
//! group one neither joined nor follows is read through the REST endpoints here.
//!
//! Rules (DESIGN.md §4, §5): members post; on a public group anyone signed in comments and
//! reacts, on a private one members only; the author edits; the author, the group's
//! moderators, federation administrators and the managers of the author's association
//! delete. Comments are append-only; an edit of something deleted is rejected; the
//! comment count is the server's.

use axum::extract::State;
use chrono::{DateTime, Utc};
use fabrique_wire::Page;
use fabrique_wire::error::ErrorBody;
use fabrique_wire::posts::NewPost;
use fabrique_wire::posts::{Comment, Post, PostKind, Reaction, reaction_id};
use fabrique_wire::sync::{Entity, EntityKind, scope};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::{Actor, AuthUser};
use crate::db::{Bind, Rows, Statements, Tx};
use crate::error::{ApiError, ApiResult, ErrorCode, OnConstraint};
use crate::extract::{Json, Path, Query};
use crate::groups::access::GroupAccess;
use crate::sync::log::ChangeSet;
use crate::{AppState, audit, exec, fields, on_tx, paging};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_group_posts)).routes(routes!(get_post)).routes(routes!(list_comments))
}

fn kind_to_str(kind: &PostKind) -> &'static str {
    match kind {
        PostKind::News => "news",
        PostKind::Report => "report",
        PostKind::Document => "document",
        PostKind::Decision => "decision",
    }
}

fn kind_from_str(kind: &str) -> PostKind {
    match kind {
        "report" => PostKind::Report,
        "document" => PostKind::Document,
        "decision" => PostKind::Decision,
        _ => PostKind::News,
    }
}

#[derive(sqlx::FromRow)]
struct PostRow {
    id: Uuid,
    group_id: Uuid,
    author_id: Uuid,
    author_name: String,
    author_organisation_id: Uuid,
    kind: String,
    title: String,
    body: String,
    comment_count: i64,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
    deleted_at: Option<DateTime<Utc>>,
}

impl From<PostRow> for Post {
    fn from(row: PostRow) -> Self {
        Post {
            id: row.id,
            group_id: row.group_id,
            author_id: row.author_id,
            author_name: row.author_name,
            kind: kind_from_str(&row.kind),
            title: row.title,
            body: row.body,
            created_at: row.created_at,
            edited_at: row.edited_at,
            comment_count: row.comment_count,
        }
    }
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: Uuid,
    post_id: Uuid,
    group_id: Uuid,
    author_id: Uuid,
    author_name: String,
    author_organisation_id: Uuid,
    body: String,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
    deleted_at: Option<DateTime<Utc>>,
}

impl From<CommentRow> for Comment {
    fn from(row: CommentRow) -> Self {
        Comment {
            id: row.id,
            post_id: row.post_id,
            group_id: row.group_id,
            author_id: row.author_id,
            author_name: row.author_name,
            body: row.body,
            created_at: row.created_at,
            edited_at: row.edited_at,
        }
    }
}

async fn load_post(tx: &mut Tx, id: Uuid) -> ApiResult<Option<PostRow>> {
    let row: Option<PostRow> = on_tx!(tx, c => sqlx::query_as(
        "SELECT t.id, t.group_id, t.author_id, p.display_name AS author_name, p.organisation_id AS author_organisation_id, \
         t.kind, t.title, t.body, t.comment_count, t.created_at, t.edited_at, t.deleted_at FROM posts t JOIN people p ON p.id = t.author_id WHERE t.id = $1")
        .bind(id).fetch_optional(c).await)?;
    Ok(row)
}

async fn load_comment(tx: &mut Tx, id: Uuid) -> ApiResult<Option<CommentRow>> {
    let row: Option<CommentRow> = on_tx!(tx, c => sqlx::query_as(
        "SELECT t.id, t.post_id, t.group_id, t.author_id, p.display_name AS author_name, p.organisation_id AS author_organisation_id, \
         t.body, t.created_at, t.edited_at, t.deleted_at FROM comments t JOIN people p ON p.id = t.author_id WHERE t.id = $1")
        .bind(id).fetch_optional(c).await)?;
    Ok(row)
}

fn post_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::PostNotFound, "This post does not exist.")
}

fn comment_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::CommentNotFound, "This comment does not exist.")
}

fn deleted() -> ApiError {
    ApiError::conflict(ErrorCode::Deleted, "This was deleted in the meantime.")
}

/// A post the caller may read, with their access to its group. A post in a group the
/// caller cannot read answers "not found", exactly like a post that does not exist.
/// The caller's access to the group of something they named by id: a group they cannot
/// reach makes the thing itself "not found". Database failures stay failures.
async fn access_to(tx: &mut Tx, actor: &Actor, group_id: Uuid, not_found: fn() -> ApiError) -> ApiResult<GroupAccess> {
    GroupAccess::load(tx, actor, group_id).await.map_err(|e| if e.as_client().is_some() { not_found() } else { e })
}

async fn readable_post(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<(PostRow, GroupAccess)> {
    let post = load_post(tx, id).await?.ok_or_else(post_not_found)?;
    let access = access_to(tx, actor, post.group_id, post_not_found).await?;
    if !access.can_read() {
        return Err(post_not_found());
    }
    Ok((post, access))
}

/// Whether the person may read the post (for what is attached to it).
pub async fn may_read(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<bool> {
    let (post, _) = readable_post(tx, actor, id).await?;
    Ok(post.deleted_at.is_none())
}

async fn readable_comment(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<(CommentRow, GroupAccess)> {
    let comment = load_comment(tx, id).await?.ok_or_else(comment_not_found)?;
    let access = access_to(tx, actor, comment.group_id, comment_not_found).await?;
    if !access.can_read() {
        return Err(comment_not_found());
    }
    Ok((comment, access))
}

async fn put_post(tx: &mut Tx, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row = load_post(tx, id).await?.ok_or_else(post_not_found)?;
    let group_id = row.group_id;
    changes.put(scope::group(group_id), id, &Entity::Post(row.into()));
    Ok(())
}

async fn put_comment(tx: &mut Tx, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row = load_comment(tx, id).await?.ok_or_else(comment_not_found)?;
    let group_id = row.group_id;
    changes.put(scope::group(group_id), id, &Entity::Comment(row.into()));
    Ok(())
}

/// Whether `actor` may delete something `author_id` wrote in a group where they have
/// `access`: the author (while they can read the group), the group's moderators, federation
/// administrators, and the managers of the author's association. Someone who may not
/// delete it and cannot read it is told it does not exist.
async fn check_may_delete(
    tx: &mut Tx,
    actor: &Actor,
    access: &GroupAccess,
    author_id: Uuid,
    author_organisation_id: Uuid,
    not_found: fn() -> ApiError,
) -> ApiResult<()> {
    let allowed = (access.can_read() && actor.person_id == author_id)
        || access.can_moderate()
        || crate::auth::manages(tx, actor, author_organisation_id).await?;
    match (allowed, access.can_read()) {
        (true, _) => Ok(()),
        (false, true) => Err(ApiError::forbidden(
            ErrorCode::Forbidden,
            "Only the author and the group's moderators can delete this.",
        )),
        (false, false) => Err(not_found()),
    }
}

pub async fn create_post(tx: &mut Tx, actor: &Actor, post: &NewPost, changes: &mut ChangeSet) -> ApiResult<()> {
    let write = PostWrite::prepare(post)?;
    let answers = write.statements(actor).fetch(tx).await?;
    write.finish(tx, actor, &answers, changes).await
}

/// A new post checked, with its statements (the caller's access to the group, the post
/// written, who is told of it) built before anything is sent: [`create_post`] sends them in one
/// round trip; a push sends them with the statement that opens its mutation
/// (`sync::apply::Opening`).
///
/// The post is written before its access is known: a refusal is undone by the mutation's
/// savepoint (`sync::push`), as every refused mutation's writes are. The row is written only
/// for a group that exists, and only if its id is free (no error to tell apart: the statements
/// after it run whatever happens).
pub struct PostWrite<'a> {
    post: &'a NewPost,
    title: String,
    body: String,
    now: DateTime<Utc>,
}

impl<'a> PostWrite<'a> {
    pub fn prepare(post: &'a NewPost) -> ApiResult<PostWrite<'a>> {
        let title = fields::text(
            "title",
            &post.title,
            fabrique_wire::posts::TITLE_MAX,
            fields::Presence::Optional,
            fields::Lines::One,
        )?;
        let body = fields::text(
            "body",
            &post.body,
            fabrique_wire::posts::BODY_MAX,
            fields::Presence::Required,
            fields::Lines::Many,
        )?;
        Ok(PostWrite { post, title, body, now: Utc::now() })
    }

    pub fn statements(&self, actor: &Actor) -> Statements {
        let (id, group_id) = (self.post.id, self.post.group_id);
        let mut statements = Statements::default();
        statements.push(GroupAccess::SQL.to_owned(), vec![Bind::Id(group_id), Bind::Id(actor.person_id)]);
        statements.push(
            "INSERT INTO posts (id, group_id, author_id, kind, title, body, created_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM groups WHERE id = $2) \
             ON CONFLICT (id) DO NOTHING \
             RETURNING id, group_id, author_id, (SELECT display_name FROM people WHERE people.id = posts.author_id) AS author_name, \
                (SELECT organisation_id FROM people WHERE people.id = posts.author_id) AS author_organisation_id, \
                kind, title, body, comment_count, created_at, edited_at, deleted_at"
                .to_owned(),
            vec![
                Bind::Id(id),
                Bind::Id(group_id),
                Bind::Id(actor.person_id),
                Bind::Text(kind_to_str(&self.post.kind).to_owned()),
                Bind::Text(self.title.clone()),
                Bind::Text(self.body.clone()),
                Bind::Time(self.now),
            ],
        );
        statements.push(crate::notifications::GROUP_ACTIVITY_RECIPIENTS.to_owned(), vec![Bind::Id(group_id)]);
        statements
    }

    /// The rest, from what [`PostWrite::statements`] answered.
    pub async fn finish(self, tx: &mut Tx, actor: &Actor, answers: &[Rows], changes: &mut ChangeSet) -> ApiResult<()> {
        let PostWrite { post, title, body, now } = self;
        let (id, group_id) = (post.id, post.group_id);
        let [access, written, recipients] = answers else {
            return Err(ApiError::internal(format!("a post's 3 statements answered {}", answers.len())));
        };
        let access = GroupAccess::from_row(actor, access.first()?)?;
        // The row as written, for the change log, without reading it back.
        let Some(row): Option<PostRow> = written.first()? else {
            // The group exists (its access was read): the id is taken. Said before the
            // caller's right to post there, as a unique key refused it before.
            return Err(ApiError::conflict(ErrorCode::AlreadyExists, "An object with this id already exists."));
        };
        if !access.can_post() {
            return Err(ApiError::forbidden(ErrorCode::NotAMember, "Join the group to post in it."));
        }
        let recipients: Vec<Uuid> = recipients.all::<(Uuid,)>()?.into_iter().map(|(person,)| person).collect();
        crate::activity::posted(changes.activity(), actor, now);
        crate::search::index_post(changes.search(), id, group_id, &title, &body);
        changes.put(scope::group(group_id), id, &Entity::Post(row.into()));
        let scopes = [scope::group(group_id)];
        let attached = fabrique_wire::attachments::AttachedTo::Post;
        crate::attachments::attach(tx, actor, &post.attachments, attached, id, &scopes, changes).await?;
        let line = if title.is_empty() { body.as_str() } else { title.as_str() };
        crate::notifications::mentioned(tx, actor, id, &[group_id], &post.mentions, line, changes).await?;
        let group_name = &access.group.name;
        crate::notifications::group_activity(tx, actor, group_id, id, group_name, &recipients, changes).await?;
        Ok(())
    }
}

pub async fn edit_post(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    title: Option<&str>,
    body: Option<&str>,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let title = title
        .map(|t| {
            fields::text("title", t, fabrique_wire::posts::TITLE_MAX, fields::Presence::Optional, fields::Lines::One)
        })
        .transpose()?;
    let body = body
        .map(|b| {
            fields::text("body", b, fabrique_wire::posts::BODY_MAX, fields::Presence::Required, fields::Lines::Many)
        })
        .transpose()?;
    let (post, _) = readable_post(tx, actor, id).await?;
    if post.deleted_at.is_some() {
        return Err(deleted());
    }
    if post.author_id != actor.person_id {
        return Err(ApiError::forbidden(ErrorCode::NotTheAuthor, "Only the author can edit a post."));
    }
    exec!(
        tx,
        sqlx::query(
            "UPDATE posts SET title = COALESCE($1, title), body = COALESCE($2, body), edited_at = $3 WHERE id = $4"
        )
        .bind(&title)
        .bind(&body)
        .bind(Utc::now())
        .bind(id)
    )?;
    let title = title.unwrap_or(post.title);
    let body = body.unwrap_or(post.body);
    crate::search::index_post(changes.search(), id, post.group_id, &title, &body);
    put_post(tx, id, changes).await
}

pub async fn delete_post(tx: &mut Tx, actor: &Actor, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let post = load_post(tx, id).await?.ok_or_else(post_not_found)?;
    let access = access_to(tx, actor, post.group_id, post_not_found).await?;
    check_may_delete(tx, actor, &access, post.author_id, post.author_organisation_id, post_not_found).await?;
    if post.deleted_at.is_some() {
        return Ok(());
    }
    let now = Utc::now();
    // The words go; the row stays, so that later edits are answered "deleted", not "not found".
    exec!(tx, sqlx::query("UPDATE posts SET deleted_at = $1, title = '', body = '' WHERE id = $2").bind(now).bind(id))?;
    crate::search::remove(changes.search(), fabrique_wire::search::SearchKind::Post, id);
    crate::attachments::detach_all(tx, id, &[scope::group(post.group_id)], changes).await?;
    let comments: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM comments WHERE post_id = $1 AND deleted_at IS NULL").bind(id).fetch_all(c).await)?;
    exec!(
        tx,
        sqlx::query("UPDATE comments SET deleted_at = $1, body = '' WHERE post_id = $2 AND deleted_at IS NULL")
            .bind(now)
            .bind(id)
    )?;
    let group_scope = scope::group(post.group_id);
    for comment in &comments {
        changes.delete(group_scope.clone(), EntityKind::Comment, *comment);
    }
    delete_reactions(tx, &group_scope, &[id].into_iter().chain(comments).collect::<Vec<_>>(), changes).await?;
    changes.delete(group_scope, EntityKind::Post, id);
    if post.author_id != actor.person_id {
        audit::record(
            tx,
            Some(actor.person_id),
            audit::Action::PostDelete,
            "post",
            Some(id),
            serde_json::json!({ "group": post.group_id, "author": post.author_id }),
        )
        .await?;
    }
    Ok(())
}

async fn delete_reactions(tx: &mut Tx, group_scope: &str, targets: &[Uuid], changes: &mut ChangeSet) -> ApiResult<()> {
    for target in targets {
        let ids: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("DELETE FROM reactions WHERE target_id = $1 RETURNING id").bind(target).fetch_all(c).await)?;
        for id in ids {
            changes.delete(group_scope.to_owned(), EntityKind::Reaction, id);
        }
    }
    Ok(())
}

pub async fn create_comment(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    post_id: Uuid,
    body: &str,
    mentions: &[Uuid],
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let body =
        fields::text("body", body, fabrique_wire::posts::COMMENT_MAX, fields::Presence::Required, fields::Lines::Many)?;
    let (post, access) = readable_post(tx, actor, post_id).await?;
    if post.deleted_at.is_some() {
        return Err(deleted());
    }
    if !access.can_respond() {
        return Err(ApiError::forbidden(ErrorCode::NotAMember, "Join the group to comment."));
    }
    exec!(
        tx,
        sqlx::query(
            "INSERT INTO comments (id, post_id, group_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        )
        .bind(id)
        .bind(post_id)
        .bind(post.group_id)
        .bind(actor.person_id)
        .bind(&body)
        .bind(Utc::now())
    )
    .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;
    exec!(tx, sqlx::query("UPDATE posts SET comment_count = comment_count + 1 WHERE id = $1").bind(post_id))?;
    put_comment(tx, id, changes).await?;
    put_post(tx, post_id, changes).await?;
    // Opening the notification opens the post the comment is on.
    crate::notifications::mentioned(tx, actor, post_id, &[post.group_id], mentions, &body, changes).await?;
    Ok(())
}

pub async fn edit_comment(tx: &mut Tx, actor: &Actor, id: Uuid, body: &str, changes: &mut ChangeSet) -> ApiResult<()> {
    let body =
        fields::text("body", body, fabrique_wire::posts::COMMENT_MAX, fields::Presence::Required, fields::Lines::Many)?;
    let (comment, _) = readable_comment(tx, actor, id).await?;
    if comment.deleted_at.is_some() {
        return Err(deleted());
    }
    if comment.author_id != actor.person_id {
        return Err(ApiError::forbidden(ErrorCode::NotTheAuthor, "Only the author can edit a comment."));
    }
    exec!(
        tx,
        sqlx::query("UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3")
            .bind(&body)
            .bind(Utc::now())
            .bind(id)
    )?;
    put_comment(tx, id, changes).await
}

pub async fn delete_comment(tx: &mut Tx, actor: &Actor, id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let comment = load_comment(tx, id).await?.ok_or_else(comment_not_found)?;
    let access = access_to(tx, actor, comment.group_id, comment_not_found).await?;
    check_may_delete(tx, actor, &access, comment.author_id, comment.author_organisation_id, comment_not_found).await?;
    if comment.deleted_at.is_some() {
        return Ok(());
    }
    exec!(tx, sqlx::query("UPDATE comments SET deleted_at = $1, body = '' WHERE id = $2").bind(Utc::now()).bind(id))?;
    exec!(tx, sqlx::query("UPDATE posts SET comment_count = comment_count - 1 WHERE id = $1").bind(comment.post_id))?;
    let group_scope = scope::group(comment.group_id);
    delete_reactions(tx, &group_scope, &[id], changes).await?;
    changes.delete(group_scope, EntityKind::Comment, id);
    put_post(tx, comment.post_id, changes).await?;
    if comment.author_id != actor.person_id {
        audit::record(
            tx,
            Some(actor.person_id),
            audit::Action::CommentDelete,
            "comment",
            Some(id),
            serde_json::json!({ "group": comment.group_id, "author": comment.author_id }),
        )
        .await?;
    }
    Ok(())
}

/// The group of a post or comment that can take reactions, checked for the caller.
async fn reaction_target(tx: &mut Tx, actor: &Actor, target_id: Uuid) -> ApiResult<Uuid> {
    let (group_id, is_deleted, not_found): (Uuid, bool, fn() -> ApiError) =
        if let Some(post) = load_post(tx, target_id).await? {
            (post.group_id, post.deleted_at.is_some(), post_not_found)
        } else if let Some(comment) = load_comment(tx, target_id).await? {
            (comment.group_id, comment.deleted_at.is_some(), comment_not_found)
        } else {
            return Err(ApiError::not_found(ErrorCode::TargetNotFound, "There is nothing to react to here."));
        };
    let access = access_to(tx, actor, group_id, not_found).await?;
    if !access.can_read() {
        return Err(not_found());
    }
    if is_deleted {
        return Err(deleted());
    }
    if !access.can_respond() {
        return Err(ApiError::forbidden(ErrorCode::NotAMember, "Join the group to react."));
    }
    Ok(group_id)
}

pub async fn react(tx: &mut Tx, actor: &Actor, target_id: Uuid, emoji: &str, changes: &mut ChangeSet) -> ApiResult<()> {
    let emoji = fields::emoji(emoji)?;
    let group_id = reaction_target(tx, actor, target_id).await?;
    let id = reaction_id(target_id, actor.person_id, &emoji);
    let inserted = exec!(tx, sqlx::query("INSERT INTO reactions (id, target_id, group_id, person_id, emoji, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING")
        .bind(id).bind(target_id).bind(group_id).bind(actor.person_id).bind(&emoji).bind(Utc::now()))?;
    if inserted > 0 {
        let reaction = Reaction { id, target_id, group_id, person_id: actor.person_id, emoji };
        changes.put(scope::group(group_id), id, &Entity::Reaction(reaction));
    }
    Ok(())
}

pub async fn unreact(
    tx: &mut Tx,
    actor: &Actor,
    target_id: Uuid,
    emoji: &str,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let emoji = fields::emoji(emoji)?;
    let id = reaction_id(target_id, actor.person_id, &emoji);
    let group_id: Option<Uuid> = on_tx!(tx, c => sqlx::query_scalar("DELETE FROM reactions WHERE id = $1 RETURNING group_id").bind(id).fetch_optional(c).await)?;
    if let Some(group_id) = group_id {
        changes.delete(scope::group(group_id), EntityKind::Reaction, id);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// REST reads

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    cursor: Option<String>,
    limit: Option<u32>,
}

/// A bound later than any real time that still sorts right where SQLite stores times as text.
fn far_future() -> DateTime<Utc> {
    DateTime::from_timestamp(253_402_300_799, 0).unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// A group's posts, newest first: anyone for a public group, members for a private one.
#[utoipa::path(get, path = "/v1/groups/{id}/posts", tag = "posts", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<Post>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_group_posts(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
    Query(query): Query<PageQuery>,
) -> ApiResult<Json<Page<Post>>> {
    let limit = fields::page_limit(query.limit, 30, 100)?;
    let (before_at, before_id) = paging::start_after(&query.cursor, (far_future(), Uuid::max()))?;
    let mut tx = state.db.begin_read().await?;
    GroupAccess::load(&mut tx, &actor, id).await?.require_read()?;
    let rows: Vec<PostRow> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT t.id, t.group_id, t.author_id, p.display_name AS author_name, p.organisation_id AS author_organisation_id, \
         t.kind, t.title, t.body, t.comment_count, t.created_at, t.edited_at, t.deleted_at FROM posts t JOIN people p ON p.id = t.author_id \
         WHERE t.group_id = $1 AND t.deleted_at IS NULL AND (t.created_at < $2 OR (t.created_at = $2 AND t.id < $3)) \
         ORDER BY t.created_at DESC, t.id DESC LIMIT $4")
        .bind(id).bind(before_at).bind(before_id).bind(limit + 1).fetch_all(c).await)?;
    tx.commit().await?;
    let items: Vec<Post> = rows.into_iter().map(Post::from).collect();
    Ok(Json(paging::page(items, limit, |p: &Post| (p.created_at, p.id))))
}

#[utoipa::path(get, path = "/v1/posts/{id}", tag = "posts", security(("bearer" = [])),
    responses((status = 200, body = Post), (status = 404, body = ErrorBody)))]
async fn get_post(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<Post>> {
    let mut tx = state.db.begin_read().await?;
    let (post, _) = readable_post(&mut tx, &actor, id).await?;
    tx.commit().await?;
    if post.deleted_at.is_some() {
        return Err(ApiError::not_found(ErrorCode::PostDeleted, "This post was deleted."));
    }
    Ok(Json(post.into()))
}

/// A post's comments, oldest first.
#[utoipa::path(get, path = "/v1/posts/{id}/comments", tag = "posts", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = Page<Comment>), (status = 404, body = ErrorBody)))]
async fn list_comments(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
    Query(query): Query<PageQuery>,
) -> ApiResult<Json<Page<Comment>>> {
    let limit = fields::page_limit(query.limit, 50, 200)?;
    let (after_at, after_id) = paging::start_after(&query.cursor, (DateTime::<Utc>::UNIX_EPOCH, Uuid::nil()))?;
    let mut tx = state.db.begin_read().await?;
    readable_post(&mut tx, &actor, id).await?;
    let rows: Vec<CommentRow> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT t.id, t.post_id, t.group_id, t.author_id, p.display_name AS author_name, p.organisation_id AS author_organisation_id, \
         t.body, t.created_at, t.edited_at, t.deleted_at FROM comments t JOIN people p ON p.id = t.author_id \
         WHERE t.post_id = $1 AND t.deleted_at IS NULL AND (t.created_at > $2 OR (t.created_at = $2 AND t.id > $3)) \
         ORDER BY t.created_at, t.id LIMIT $4")
        .bind(id).bind(after_at).bind(after_id).bind(limit + 1).fetch_all(c).await)?;
    tx.commit().await?;
    let items: Vec<Comment> = rows.into_iter().map(Comment::from).collect();
    Ok(Json(paging::page(items, limit, |c: &Comment| (c.created_at, c.id))))
}
