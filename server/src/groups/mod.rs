//! Groups: creation and settings, joining (directly, by request, by invitation), leaving,
//! removal, roles, following. Writes arrive as sync mutations ([`apply`]); browsing the
//! groups one has not joined is plain REST with pagination.
//!
//! What each change puts in which scope:
//! - `group:<id>`: the group itself and its members (members and followers read it);
//! - `group-admin:<id>`: join requests and pending invitations (organisers and admins);
//! - `person:<id>`: one's own join requests, invitations received, and follows.

pub mod access;

use axum::extract::State;
use chrono::{DateTime, Utc};
use fabrique_wire::Page;
use fabrique_wire::error::ErrorBody;
use fabrique_wire::groups::NewGroup;
use fabrique_wire::groups::{
    Following, Group, GroupInvitation, GroupListing, GroupMember, GroupRole, JoinRequest, Visibility,
};
use fabrique_wire::sync::{Entity, EntityKind, scope};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use self::access::{GroupAccess, GroupRow, group_not_found, role_from_str, role_to_str};
use crate::auth::{Actor, AuthUser};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode, OnConstraint};
use crate::extract::{Json, Path, Query};
use crate::sync::log::{ChangeSet, pair_id};
use crate::sync::scopes;
use crate::{AppState, audit, exec, fields, on_tx, paging};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_groups))
        .routes(routes!(suggested_groups))
        .routes(routes!(get_group))
        .routes(routes!(list_members))
}

// ---------------------------------------------------------------------------------------
// Loading entities for the change log

#[derive(sqlx::FromRow)]
struct MemberRow {
    group_id: Uuid,
    person_id: Uuid,
    role: String,
    display_name: String,
    function: String,
    organisation_id: Uuid,
    joined_at: DateTime<Utc>,
    /// Whether everyone who reads the group may see this member (see [`put_member_row`]).
    #[sqlx(default)]
    listed: bool,
}

impl From<MemberRow> for GroupMember {
    fn from(row: MemberRow) -> Self {
        GroupMember {
            group_id: row.group_id,
            person_id: row.person_id,
            role: role_from_str(&row.role),
            display_name: row.display_name,
            function: row.function,
            organisation_id: row.organisation_id,
            joined_at: row.joined_at,
        }
    }
}

/// A member is listed to everyone who reads the group when the group is private (its
/// members chose that circle), when they lead it, or when they chose to be visible to the
/// whole federation. "My association only" is not widened by joining a public group.
const LISTED: &str = "(g.visibility = 'private' OR m.role <> 'member' OR p.directory_visibility = 'federation')";
const MEMBER_OF_GROUP: &str = "SELECT m.group_id, m.person_id, m.role, p.display_name, p.function, p.organisation_id, m.joined_at, \
    (g.visibility = 'private' OR m.role <> 'member' OR p.directory_visibility = 'federation') AS listed \
    FROM group_members m JOIN people p ON p.id = m.person_id JOIN groups g ON g.id = m.group_id WHERE m.group_id = $1 AND m.person_id = $2";
const MEMBERSHIPS_OF_PERSON: &str = "SELECT m.group_id, m.person_id, m.role, p.display_name, p.function, p.organisation_id, m.joined_at, \
    (g.visibility = 'private' OR m.role <> 'member' OR p.directory_visibility = 'federation') AS listed \
    FROM group_members m JOIN people p ON p.id = m.person_id JOIN groups g ON g.id = m.group_id WHERE m.person_id = $1";
const MEMBERS_OF_GROUP: &str = "SELECT m.group_id, m.person_id, m.role, p.display_name, p.function, p.organisation_id, m.joined_at, \
    (g.visibility = 'private' OR m.role <> 'member' OR p.directory_visibility = 'federation') AS listed \
    FROM group_members m JOIN people p ON p.id = m.person_id JOIN groups g ON g.id = m.group_id WHERE m.group_id = $1";

async fn put_group(tx: &mut Tx, group_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row = access::load_group(tx, group_id).await?.ok_or_else(group_not_found)?;
    changes.put(scope::group(group_id), group_id, &Entity::Group(Group::from(&row)));
    Ok(())
}

/// A member record goes to the group's scope (its member list) and to the member's own
/// scope (their groups and roles, known before the group's snapshot arrives; and a change
/// there tells their open event streams to watch the new scopes).
///
/// In a public group, a member who keeps their profile to their association is not in the
/// group's list (a delete there, in case they were): their own devices still hold the record.
fn put_member_row(row: MemberRow, changes: &mut ChangeSet) {
    let (group_id, person_id, listed) = (row.group_id, row.person_id, row.listed);
    let id = pair_id(EntityKind::GroupMember, group_id, person_id);
    let member = Entity::GroupMember(row.into());
    if listed {
        changes.put(scope::group(group_id), id, &member);
    } else {
        changes.delete(scope::group(group_id), EntityKind::GroupMember, id);
    }
    changes.put(scope::person(person_id), id, &member);
}

/// Every member record of a group again (after it turned public or private).
async fn put_members_of_group(tx: &mut Tx, group_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let rows: Vec<MemberRow> = on_tx!(tx, c => sqlx::query_as(MEMBERS_OF_GROUP).bind(group_id).fetch_all(c).await)?;
    for row in rows {
        put_member_row(row, changes);
    }
    Ok(())
}

async fn put_member(tx: &mut Tx, group_id: Uuid, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let row: Option<MemberRow> = on_tx!(tx, c => sqlx::query_as(MEMBER_OF_GROUP)
        .bind(group_id).bind(person_id).fetch_optional(c).await)?;
    if let Some(row) = row {
        put_member_row(row, changes);
    }
    Ok(())
}

/// Refreshes a person's member record in every group they belong to (after a profile edit).
pub async fn put_memberships_of(tx: &mut Tx, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let rows: Vec<MemberRow> =
        on_tx!(tx, c => sqlx::query_as(MEMBERSHIPS_OF_PERSON).bind(person_id).fetch_all(c).await)?;
    for row in rows {
        put_member_row(row, changes);
    }
    Ok(())
}

async fn display_name(tx: &mut Tx, person_id: Uuid) -> ApiResult<Option<String>> {
    let name: Option<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT display_name FROM people WHERE id = $1 AND deactivated_at IS NULL")
        .bind(person_id).fetch_optional(c).await)?;
    Ok(name)
}

// ---------------------------------------------------------------------------------------
// Mutations

fn forbidden(message: &'static str) -> ApiError {
    ApiError::forbidden(ErrorCode::Forbidden, message)
}

pub async fn create_group(tx: &mut Tx, actor: &Actor, group: &NewGroup, changes: &mut ChangeSet) -> ApiResult<()> {
    let &NewGroup { id, ref name, ref description, organisation_id, ref visibility, ref tags } = group;
    let name =
        fields::text("name", name, fabrique_wire::groups::NAME_MAX, fields::Presence::Required, fields::Lines::One)?;
    let description = fields::text(
        "description",
        description,
        fabrique_wire::groups::DESCRIPTION_MAX,
        fields::Presence::Optional,
        fields::Lines::Many,
    )?;
    let tags = fields::tags("tags", tags)?;
    let organisation = crate::organisations::load(tx, organisation_id)
        .await?
        .ok_or_else(|| ApiError::not_found(ErrorCode::OrganisationNotFound, "This organisation does not exist."))?;
    if !crate::auth::manages(tx, actor, organisation.id).await? {
        return Err(forbidden(
            "Groups are created by the managers of their organisation and by federation administrators.",
        ));
    }
    let visibility = match visibility {
        Visibility::Public => "public",
        Visibility::Private => "private",
    };
    let now = Utc::now();
    exec!(tx, sqlx::query("INSERT INTO groups (id, name, description, organisation_id, visibility, tags, member_count, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8)")
        .bind(id).bind(&name).bind(&description).bind(organisation_id).bind(visibility).bind(serde_json::to_string(&tags).unwrap_or_default())
        .bind(actor.person_id).bind(now))
        .on_unique(ErrorCode::AlreadyExists, "An object with this id already exists.")?;
    exec!(
        tx,
        sqlx::query("INSERT INTO group_members (group_id, person_id, role, joined_at) VALUES ($1, $2, 'admin', $3)")
            .bind(id)
            .bind(actor.person_id)
            .bind(now)
    )?;
    scopes::grant(tx, actor.person_id, &scope::group(id), changes).await?;
    scopes::grant(tx, actor.person_id, &scope::group_admin(id), changes).await?;
    crate::search::index_group(tx, id, changes.search()).await?;
    put_group(tx, id, changes).await?;
    put_member(tx, id, actor.person_id, changes).await?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::GroupCreate,
        "group",
        Some(id),
        serde_json::json!({ "name": name, "visibility": visibility }),
    )
    .await
}

pub async fn update_group(
    tx: &mut Tx,
    actor: &Actor,
    id: Uuid,
    name: Option<&str>,
    description: Option<&str>,
    tags: Option<&[String]>,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let access = GroupAccess::load(tx, actor, id).await?;
    if !access.can_administer() {
        return Err(forbidden("Only the group's admins can change its settings."));
    }
    let name = name
        .map(|n| {
            fields::text("name", n, fabrique_wire::groups::NAME_MAX, fields::Presence::Required, fields::Lines::One)
        })
        .transpose()?;
    let description = description
        .map(|d| {
            fields::text(
                "description",
                d,
                fabrique_wire::groups::DESCRIPTION_MAX,
                fields::Presence::Optional,
                fields::Lines::Many,
            )
        })
        .transpose()?;
    let tags =
        tags.map(|t| fields::tags("tags", t)).transpose()?.map(|t| serde_json::to_string(&t).unwrap_or_default());
    exec!(tx, sqlx::query("UPDATE groups SET name = COALESCE($1, name), description = COALESCE($2, description), tags = COALESCE($3, tags) WHERE id = $4")
        .bind(&name).bind(&description).bind(&tags).bind(id))?;
    crate::search::index_group(tx, id, changes.search()).await?;
    put_group(tx, id, changes).await?;
    audit::record(tx, Some(actor.person_id), audit::Action::GroupUpdate, "group", Some(id), serde_json::json!({})).await
}

/// Adds a member (idempotent) and clears what led there: a request, an invitation, a follow.
async fn add_member(tx: &mut Tx, group_id: Uuid, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let inserted = exec!(tx, sqlx::query("INSERT INTO group_members (group_id, person_id, role, joined_at) VALUES ($1, $2, 'member', $3) ON CONFLICT (group_id, person_id) DO NOTHING")
        .bind(group_id).bind(person_id).bind(Utc::now()))?;
    if inserted > 0 {
        exec!(tx, sqlx::query("UPDATE groups SET member_count = member_count + 1 WHERE id = $1").bind(group_id))?;
        put_group(tx, group_id, changes).await?;
        put_member(tx, group_id, person_id, changes).await?;
    }
    clear_request(tx, group_id, person_id, changes).await?;
    clear_invitation(tx, group_id, person_id, changes).await?;
    let unfollowed = exec!(
        tx,
        sqlx::query("DELETE FROM group_followers WHERE group_id = $1 AND person_id = $2")
            .bind(group_id)
            .bind(person_id)
    )?;
    if unfollowed > 0 {
        changes.delete(
            scope::person(person_id),
            EntityKind::Following,
            pair_id(EntityKind::Following, group_id, person_id),
        );
    }
    scopes::grant(tx, person_id, &scope::group(group_id), changes).await
}

async fn clear_request(tx: &mut Tx, group_id: Uuid, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<bool> {
    let deleted = exec!(
        tx,
        sqlx::query("DELETE FROM join_requests WHERE group_id = $1 AND person_id = $2").bind(group_id).bind(person_id)
    )?;
    if deleted > 0 {
        let id = pair_id(EntityKind::JoinRequest, group_id, person_id);
        changes.delete(scope::group_admin(group_id), EntityKind::JoinRequest, id);
        changes.delete(scope::person(person_id), EntityKind::JoinRequest, id);
    }
    Ok(deleted > 0)
}

async fn clear_invitation(tx: &mut Tx, group_id: Uuid, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<bool> {
    let deleted = exec!(
        tx,
        sqlx::query("DELETE FROM group_invitations WHERE group_id = $1 AND person_id = $2")
            .bind(group_id)
            .bind(person_id)
    )?;
    if deleted > 0 {
        let id = pair_id(EntityKind::GroupInvitation, group_id, person_id);
        changes.delete(scope::group_admin(group_id), EntityKind::GroupInvitation, id);
        changes.delete(scope::person(person_id), EntityKind::GroupInvitation, id);
    }
    Ok(deleted > 0)
}

async fn remove_membership(tx: &mut Tx, group: &GroupRow, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let group_id = group.id;
    let deleted = exec!(
        tx,
        sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND person_id = $2").bind(group_id).bind(person_id)
    )?;
    if deleted > 0 {
        exec!(tx, sqlx::query("UPDATE groups SET member_count = member_count - 1 WHERE id = $1").bind(group_id))?;
        let id = pair_id(EntityKind::GroupMember, group_id, person_id);
        changes.delete(scope::group(group_id), EntityKind::GroupMember, id);
        changes.delete(scope::person(person_id), EntityKind::GroupMember, id);
        put_group(tx, group_id, changes).await?;
        scopes::revoke(tx, person_id, &scope::group(group_id), changes).await?;
        scopes::revoke(tx, person_id, &scope::group_admin(group_id), changes).await?;
        // What of a private group sits in the person's own scope goes too: nothing of it
        // stays on their devices.
        if !group.is_public() {
            crate::events::forget_member(tx, group_id, person_id, changes).await?;
            crate::notifications::forget_group(tx, person_id, group_id, changes).await?;
        }
    }
    Ok(())
}

/// A person whose account is erased leaves every group (their member lines go from every
/// list, the counts follow); their follows, requests and invitations go too. A group whose
/// last admin they were gets a new one (see [`hand_over`]); their answers to events go, and
/// the seats they free go to the waiting lists.
pub async fn forget_person(tx: &mut Tx, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let groups: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT group_id FROM group_members WHERE person_id = $1")
        .bind(person_id).fetch_all(c).await)?;
    for group_id in groups {
        if access::role_of(tx, group_id, person_id).await? == Some(GroupRole::Admin)
            && admin_count(tx, group_id).await? == 1
        {
            hand_over(tx, group_id, person_id, changes).await?;
        }
        match access::load_group(tx, group_id).await? {
            Some(group) => remove_membership(tx, &group, person_id, changes).await?,
            None => {
                exec!(
                    tx,
                    sqlx::query("DELETE FROM group_members WHERE group_id = $1 AND person_id = $2")
                        .bind(group_id)
                        .bind(person_id)
                )?;
            }
        }
    }
    crate::events::forget_person(tx, person_id, changes).await?;
    // (Follows are in the person's own scope only.)
    for (table, kind, organisers_see) in [
        ("join_requests", EntityKind::JoinRequest, true),
        ("group_invitations", EntityKind::GroupInvitation, true),
        ("group_followers", EntityKind::Following, false),
    ] {
        let sql = format!("DELETE FROM {table} WHERE person_id = $1 RETURNING group_id");
        let groups: Vec<Uuid> =
            on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(person_id).fetch_all(c).await)?;
        for group_id in groups {
            let id = pair_id(kind, group_id, person_id);
            if organisers_see {
                changes.delete(scope::group_admin(group_id), kind, id);
            }
            changes.delete(scope::person(person_id), kind, id);
        }
    }
    Ok(())
}

/// The last admin of a group leaves it for good (their account is erased): the
/// longest-standing organiser, else the longest-standing member, becomes its admin, so the
/// group keeps someone who answers its requests and runs it. Said in the audit log.
async fn hand_over(tx: &mut Tx, group_id: Uuid, leaving: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let next: Option<Uuid> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT person_id FROM group_members WHERE group_id = $1 AND person_id <> $2 \
         ORDER BY CASE role WHEN 'organiser' THEN 0 ELSE 1 END, joined_at, person_id LIMIT 1")
        .bind(group_id).bind(leaving).fetch_optional(c).await)?;
    let Some(next) = next else { return Ok(()) };
    exec!(
        tx,
        sqlx::query("UPDATE group_members SET role = 'admin' WHERE group_id = $1 AND person_id = $2")
            .bind(group_id)
            .bind(next)
    )?;
    scopes::grant(tx, next, &scope::group_admin(group_id), changes).await?;
    put_member(tx, group_id, next, changes).await?;
    audit::record(
        tx,
        None,
        audit::Action::GroupMemberRole,
        "group",
        Some(group_id),
        serde_json::json!({ "person": next, "role": "admin", "because": "the last admin's account was erased" }),
    )
    .await
}

/// The audit line of an action by `actor` on `person` in a group.
async fn audit_about(tx: &mut Tx, actor: &Actor, action: audit::Action, group_id: Uuid, person: Uuid) -> ApiResult<()> {
    audit::record(tx, Some(actor.person_id), action, "group", Some(group_id), serde_json::json!({ "person": person }))
        .await
}

async fn admin_count(tx: &mut Tx, group_id: Uuid) -> ApiResult<i64> {
    let count: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM group_members WHERE group_id = $1 AND role = 'admin'")
        .bind(group_id).fetch_one(c).await)?;
    Ok(count)
}

fn last_admin() -> ApiError {
    ApiError::conflict(ErrorCode::LastAdmin, "A group needs at least one admin: name another admin first.")
}

pub async fn join_group(tx: &mut Tx, actor: &Actor, group_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let access = GroupAccess::load(tx, actor, group_id).await?;
    if access.is_member() {
        return Ok(());
    }
    if !access.group.is_public() {
        let invited: Option<i64> = on_tx!(tx, c => sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM group_invitations WHERE group_id = $1 AND person_id = $2")
            .bind(group_id).bind(actor.person_id).fetch_optional(c).await)?;
        if invited.is_none() {
            return Err(ApiError::forbidden(
                ErrorCode::InvitationRequired,
                "This group is private: ask to join, or wait for an invitation.",
            ));
        }
    }
    add_member(tx, group_id, actor.person_id, changes).await
}

pub async fn request_to_join(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    message: &str,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let message = fields::text(
        "message",
        message,
        fabrique_wire::groups::JOIN_MESSAGE_MAX,
        fields::Presence::Optional,
        fields::Lines::Many,
    )?;
    let access = GroupAccess::load(tx, actor, group_id).await?;
    if access.is_member() {
        return Err(ApiError::conflict(ErrorCode::AlreadyMember, "You are already a member of this group."));
    }
    if access.group.is_public() {
        return Err(ApiError::invalid(ErrorCode::GroupIsPublic, "This group is public: join it directly."));
    }
    let now = Utc::now();
    exec!(
        tx,
        sqlx::query(
            "INSERT INTO join_requests (group_id, person_id, message, created_at) VALUES ($1, $2, $3, $4) \
            ON CONFLICT (group_id, person_id) DO UPDATE SET message = excluded.message"
        )
        .bind(group_id)
        .bind(actor.person_id)
        .bind(&message)
        .bind(now)
    )?;
    let display_name = display_name(tx, actor.person_id).await?.unwrap_or_default();
    let request = Entity::JoinRequest(JoinRequest {
        group_id,
        person_id: actor.person_id,
        display_name,
        message,
        created_at: now,
    });
    let id = pair_id(EntityKind::JoinRequest, group_id, actor.person_id);
    changes.put(scope::group_admin(group_id), id, &request);
    changes.put(scope::person(actor.person_id), id, &request);
    crate::notifications::join_requested(tx, actor, group_id, &access.group.name, changes).await?;
    Ok(())
}

pub async fn decide_join_request(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    person_id: Uuid,
    accept: bool,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let access = GroupAccess::load(tx, actor, group_id).await?;
    if !access.can_run() {
        return Err(forbidden("Only the group's organisers and admins answer join requests."));
    }
    if !clear_request(tx, group_id, person_id, changes).await? {
        return Err(ApiError::not_found(
            ErrorCode::JoinRequestNotFound,
            "There is no pending request from this person.",
        ));
    }
    if accept {
        add_member(tx, group_id, person_id, changes).await?;
    }
    let action = if accept { audit::Action::GroupJoinRequestAccept } else { audit::Action::GroupJoinRequestRefuse };
    audit_about(tx, actor, action, group_id, person_id).await
}

pub async fn invite_to_group(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    person_id: Uuid,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let access = GroupAccess::load(tx, actor, group_id).await?;
    if !access.can_run() {
        return Err(forbidden("Only the group's organisers and admins invite people."));
    }
    // Only people the inviter may see: anyone else "does not exist" for them.
    if display_name(tx, person_id).await?.is_none() || !crate::people::visibility::can_see(tx, actor, person_id).await?
    {
        return Err(ApiError::not_found(ErrorCode::PersonNotFound, "This person does not exist."));
    }
    if access::role_of(tx, group_id, person_id).await?.is_some() {
        return Err(ApiError::conflict(ErrorCode::AlreadyMember, "This person is already a member of the group."));
    }
    let now = Utc::now();
    exec!(tx, sqlx::query("INSERT INTO group_invitations (group_id, person_id, invited_by, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (group_id, person_id) DO NOTHING")
        .bind(group_id).bind(person_id).bind(actor.person_id).bind(now))?;
    let invitation = Entity::GroupInvitation(GroupInvitation {
        group_id,
        group_name: access.group.name.clone(),
        person_id,
        invited_by: actor.person_id,
        created_at: now,
    });
    let id = pair_id(EntityKind::GroupInvitation, group_id, person_id);
    changes.put(scope::group_admin(group_id), id, &invitation);
    changes.put(scope::person(person_id), id, &invitation);
    audit_about(tx, actor, audit::Action::GroupInvite, group_id, person_id).await
}

pub async fn leave_group(tx: &mut Tx, actor: &Actor, group_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let access = GroupAccess::load(tx, actor, group_id).await?;
    match access.role {
        None => Err(ApiError::conflict(ErrorCode::NotAMember, "You are not a member of this group.")),
        Some(GroupRole::Admin) if access.group.member_count > 1 && admin_count(tx, group_id).await? == 1 => {
            Err(last_admin())
        }
        Some(_) => remove_membership(tx, &access.group, actor.person_id, changes).await,
    }
}

pub async fn remove_member(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    person_id: Uuid,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let access = GroupAccess::load(tx, actor, group_id).await?;
    if !access.can_run() {
        return Err(forbidden("Only the group's organisers and admins remove members."));
    }
    let target = access::role_of(tx, group_id, person_id)
        .await?
        .ok_or_else(|| ApiError::not_found(ErrorCode::MemberNotFound, "This person is not a member of the group."))?;
    let outranks = access.can_administer() || target == GroupRole::Member;
    if !outranks {
        return Err(forbidden("Organisers remove members; only admins remove organisers and admins."));
    }
    if target == GroupRole::Admin && admin_count(tx, group_id).await? == 1 {
        return Err(last_admin());
    }
    remove_membership(tx, &access.group, person_id, changes).await?;
    audit_about(tx, actor, audit::Action::GroupMemberRemove, group_id, person_id).await
}

pub async fn set_member_role(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    person_id: Uuid,
    role: &GroupRole,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let access = GroupAccess::load(tx, actor, group_id).await?;
    if !access.can_administer() {
        return Err(forbidden("Only the group's admins change roles."));
    }
    let current = access::role_of(tx, group_id, person_id)
        .await?
        .ok_or_else(|| ApiError::not_found(ErrorCode::MemberNotFound, "This person is not a member of the group."))?;
    if current == GroupRole::Admin && *role != GroupRole::Admin && admin_count(tx, group_id).await? == 1 {
        return Err(last_admin());
    }
    exec!(
        tx,
        sqlx::query("UPDATE group_members SET role = $1 WHERE group_id = $2 AND person_id = $3")
            .bind(role_to_str(role))
            .bind(group_id)
            .bind(person_id)
    )?;
    match role {
        GroupRole::Member => scopes::revoke(tx, person_id, &scope::group_admin(group_id), changes).await?,
        GroupRole::Organiser | GroupRole::Admin => {
            scopes::grant(tx, person_id, &scope::group_admin(group_id), changes).await?
        }
    }
    put_member(tx, group_id, person_id, changes).await?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::GroupMemberRole,
        "group",
        Some(group_id),
        serde_json::json!({ "person": person_id, "role": role_to_str(role) }),
    )
    .await
}

pub async fn follow_group(tx: &mut Tx, actor: &Actor, group_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let access = GroupAccess::load(tx, actor, group_id).await?;
    if !access.group.is_public() {
        return Err(ApiError::forbidden(ErrorCode::GroupIsPrivate, "Private groups cannot be followed: ask to join."));
    }
    if access.is_member() || access.following {
        return Ok(());
    }
    add_follower(tx, group_id, actor.person_id, changes).await
}

async fn add_follower(tx: &mut Tx, group_id: Uuid, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    exec!(
        tx,
        sqlx::query("INSERT INTO group_followers (group_id, person_id, created_at) VALUES ($1, $2, $3)")
            .bind(group_id)
            .bind(person_id)
            .bind(Utc::now())
    )?;
    scopes::grant(tx, person_id, &scope::group(group_id), changes).await?;
    let following = Entity::Following(Following { group_id, person_id });
    changes.put(scope::person(person_id), pair_id(EntityKind::Following, group_id, person_id), &following);
    Ok(())
}

/// A manager or administrator adds someone to a group from the console (their rights to the
/// group and the person are checked there): a member at once, told by a notification-free
/// change on their phone; recorded in the audit log.
pub async fn add_by_console(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    person_id: Uuid,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    add_member(tx, group_id, person_id, changes).await?;
    audit_about(tx, actor, audit::Action::GroupMemberAdd, group_id, person_id).await
}

/// A new member arrives: they join (or follow) the groups marked for newcomers of their
/// organisation or of one above it (`groups.on_arrival`, set in the console).
pub async fn welcome(tx: &mut Tx, person_id: Uuid, organisation_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    for organisation in crate::organisations::ancestry(tx, organisation_id).await? {
        let marked: Vec<(Uuid, String, String)> = on_tx!(tx, c => sqlx::query_as(
            "SELECT id, on_arrival, visibility FROM groups WHERE organisation_id = $1 AND on_arrival IS NOT NULL AND deleted_at IS NULL ORDER BY id")
            .bind(organisation.id).fetch_all(c).await)?;
        for (group_id, on_arrival, visibility) in marked {
            match on_arrival.as_str() {
                "join" => add_member(tx, group_id, person_id, changes).await?,
                "follow" if visibility == "public" => add_follower(tx, group_id, person_id, changes).await?,
                _ => {}
            }
        }
    }
    Ok(())
}

pub async fn unfollow_group(tx: &mut Tx, actor: &Actor, group_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let deleted = exec!(
        tx,
        sqlx::query("DELETE FROM group_followers WHERE group_id = $1 AND person_id = $2")
            .bind(group_id)
            .bind(actor.person_id)
    )?;
    if deleted > 0 {
        changes.delete(
            scope::person(actor.person_id),
            EntityKind::Following,
            pair_id(EntityKind::Following, group_id, actor.person_id),
        );
        // Following and membership exclude each other: no member loses the group here.
        scopes::revoke(tx, actor.person_id, &scope::group(group_id), changes).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// REST: browsing groups

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    /// Words in the group's name.
    q: Option<String>,
    cursor: Option<String>,
    limit: Option<u32>,
}

#[derive(sqlx::FromRow)]
struct ListingRow {
    #[sqlx(flatten)]
    group: GroupRow,
    my_role: Option<String>,
    following: i64,
}

/// Every group, public and private (private ones show only their name and description),
/// by name, with the caller's relation to each.
#[utoipa::path(get, path = "/v1/groups", tag = "groups", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = Page<GroupListing>), (status = 401, body = ErrorBody)))]
async fn list_groups(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Query(query): Query<ListQuery>,
) -> ApiResult<Json<Page<GroupListing>>> {
    let limit = fields::page_limit(query.limit, 50, 200)?;
    let (after_name, after_id): (String, Uuid) = paging::start_after(&query.cursor, (String::new(), Uuid::nil()))?;
    let pattern = query
        .q
        .as_deref()
        .map(|q| fields::text("q", q, fabrique_wire::groups::QUERY_MAX, fields::Presence::Optional, fields::Lines::One))
        .transpose()?
        .filter(|q| !q.is_empty())
        .map(|q| format!("%{}%", q.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
    let mut tx = state.db.begin_read().await?;
    let rows: Vec<ListingRow> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT g.id, g.name, g.description, g.organisation_id, g.visibility, g.tags, g.member_count, g.created_at, m.role AS my_role, \
            (SELECT COUNT(*) FROM group_followers f WHERE f.group_id = g.id AND f.person_id = $1) AS following \
         FROM groups g LEFT JOIN group_members m ON m.group_id = g.id AND m.person_id = $1 \
         WHERE g.deleted_at IS NULL AND (g.name > $2 OR (g.name = $2 AND g.id > $3)) AND ($4 IS NULL OR LOWER(g.name) LIKE $4 ESCAPE '\\') \
         ORDER BY g.name, g.id LIMIT $5")
        .bind(actor.person_id).bind(&after_name).bind(after_id).bind(&pattern).bind(limit + 1).fetch_all(c).await)?;
    tx.commit().await?;
    let items = rows
        .into_iter()
        .map(|row| GroupListing {
            group: Group::from(&row.group),
            my_role: row.my_role.as_deref().map(role_from_str),
            following: row.following > 0,
        })
        .collect();
    Ok(Json(paging::page(items, limit, |l: &GroupListing| (l.group.name.clone(), l.group.id))))
}

/// The most groups suggested at once.
const SUGGESTED_MAX: i64 = 20;

/// Groups of the caller's association and of the organisations above it (the federation)
/// that they neither belong to nor follow, the most joined first: what a new member is
/// offered to join in one tap.
#[utoipa::path(get, path = "/v1/groups/suggested", tag = "groups", security(("bearer" = [])),
    responses((status = 200, body = Vec<GroupListing>), (status = 401, body = ErrorBody)))]
async fn suggested_groups(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
) -> ApiResult<Json<Vec<GroupListing>>> {
    let mut tx = state.db.begin_read().await?;
    let mut rows: Vec<GroupRow> = Vec::new();
    for organisation in crate::organisations::ancestry(&mut tx, actor.organisation_id).await?.into_iter().rev() {
        let mut theirs: Vec<GroupRow> = on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT g.id, g.name, g.description, g.organisation_id, g.visibility, g.tags, g.member_count, g.created_at FROM groups g \
             WHERE g.organisation_id = $1 AND g.deleted_at IS NULL \
               AND NOT EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.person_id = $2) \
               AND NOT EXISTS (SELECT 1 FROM group_followers f WHERE f.group_id = g.id AND f.person_id = $2) \
             ORDER BY g.member_count DESC, g.name LIMIT $3")
            .bind(organisation.id).bind(actor.person_id).bind(SUGGESTED_MAX).fetch_all(c).await)?;
        rows.append(&mut theirs);
        if rows.len() >= SUGGESTED_MAX as usize {
            break;
        }
    }
    tx.commit().await?;
    rows.truncate(SUGGESTED_MAX as usize);
    let items =
        rows.iter().map(|row| GroupListing { group: Group::from(row), my_role: None, following: false }).collect();
    Ok(Json(items))
}

#[utoipa::path(get, path = "/v1/groups/{id}", tag = "groups", security(("bearer" = [])),
    responses((status = 200, body = GroupListing), (status = 404, body = ErrorBody)))]
async fn get_group(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<GroupListing>> {
    let mut tx = state.db.begin_read().await?;
    let access = GroupAccess::load(&mut tx, &actor, id).await?;
    tx.commit().await?;
    Ok(Json(GroupListing { group: Group::from(&access.group), my_role: access.role, following: access.following }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct MembersQuery {
    cursor: Option<String>,
    limit: Option<u32>,
}

/// The members of a group, by name: anyone for a public group, members for a private one.
#[utoipa::path(get, path = "/v1/groups/{id}/members", tag = "groups", security(("bearer" = [])), params(MembersQuery),
    responses((status = 200, body = Page<GroupMember>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn list_members(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
    Query(query): Query<MembersQuery>,
) -> ApiResult<Json<Page<GroupMember>>> {
    let limit = fields::page_limit(query.limit, 100, 500)?;
    let (after_name, after_id): (String, Uuid) = paging::start_after(&query.cursor, (String::new(), Uuid::nil()))?;
    let mut tx = state.db.begin_read().await?;
    GroupAccess::load(&mut tx, &actor, id).await?.require_read()?;
    // Those the caller may see: listed members (see [`LISTED`]), and the others only as
    // their own visibility allows (the caller's association, its managers, oneself).
    let sql = format!(
        "SELECT m.group_id, m.person_id, m.role, p.display_name, p.function, p.organisation_id, m.joined_at \
         FROM group_members m JOIN people p ON p.id = m.person_id JOIN groups g ON g.id = m.group_id \
         WHERE m.group_id = $1 AND (p.display_name > $2 OR (p.display_name = $2 AND p.id > $3)) \
           AND ($5 OR {LISTED} OR p.id = $6 OR p.organisation_id = $7 \
                OR EXISTS (SELECT 1 FROM organisation_managers om WHERE om.organisation_id = p.organisation_id AND om.person_id = $6)) \
         ORDER BY p.display_name, p.id LIMIT $4"
    );
    let rows: Vec<MemberRow> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).bind(&after_name).bind(after_id).bind(limit + 1)
        .bind(actor.is_federation_admin).bind(actor.person_id).bind(actor.organisation_id).fetch_all(c).await)?;
    tx.commit().await?;
    let items: Vec<GroupMember> = rows.into_iter().map(GroupMember::from).collect();
    Ok(Json(paging::page(items, limit, |m: &GroupMember| (m.display_name.clone(), m.person_id))))
}

/// Public ↔ private, by the group's admins and its organisation's managers. Going private,
/// followers who are not members stop reading it at once, on every device.
pub async fn set_visibility(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    visibility: &Visibility,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let access = GroupAccess::load(tx, actor, group_id).await?;
    if !access.can_administer() {
        return Err(forbidden("Only the group's admins change its visibility."));
    }
    let text = match visibility {
        Visibility::Public => "public",
        Visibility::Private => "private",
    };
    if access.group.visibility == text {
        return Ok(());
    }
    exec!(tx, sqlx::query("UPDATE groups SET visibility = $1 WHERE id = $2").bind(text).bind(group_id))?;
    // Who is listed to the group's readers depends on its visibility.
    put_members_of_group(tx, group_id, changes).await?;
    if *visibility == Visibility::Private {
        let followers: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("DELETE FROM group_followers WHERE group_id = $1 RETURNING person_id")
            .bind(group_id).fetch_all(c).await)?;
        for person_id in followers {
            changes.delete(
                scope::person(person_id),
                EntityKind::Following,
                pair_id(EntityKind::Following, group_id, person_id),
            );
            scopes::revoke(tx, person_id, &scope::group(group_id), changes).await?;
            crate::events::forget_member(tx, group_id, person_id, changes).await?;
            crate::notifications::forget_group(tx, person_id, group_id, changes).await?;
        }
    }
    crate::search::index_group(tx, group_id, changes.search()).await?;
    put_group(tx, group_id, changes).await?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::GroupVisibility,
        "group",
        Some(group_id),
        serde_json::json!({ "visibility": text }),
    )
    .await
}

/// Hands a group to another organisation; the actor must run both.
pub async fn set_owner(
    tx: &mut Tx,
    actor: &Actor,
    group_id: Uuid,
    organisation_id: Uuid,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let access = GroupAccess::load(tx, actor, group_id).await?;
    if !access.can_administer() {
        return Err(forbidden("Only the group's admins and its organisation's managers hand it over."));
    }
    crate::organisations::load(tx, organisation_id).await?.ok_or_else(crate::organisations::organisation_not_found)?;
    if !crate::auth::manages(tx, actor, organisation_id).await? {
        return Err(forbidden("You can hand a group only to an organisation you manage."));
    }
    exec!(
        tx,
        sqlx::query("UPDATE groups SET organisation_id = $1 WHERE id = $2").bind(organisation_id).bind(group_id)
    )?;
    put_group(tx, group_id, changes).await?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::GroupOwner,
        "group",
        Some(group_id),
        serde_json::json!({ "from": access.group.organisation_id, "to": organisation_id }),
    )
    .await
}
