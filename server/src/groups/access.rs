//! Who may see and do what in a group (DESIGN.md §4), in one place. Every group and post
//! operation loads a [`GroupAccess`] for the caller from the object's real group (never
//! from an id the caller supplied alongside) and asks it.

use chrono::{DateTime, Utc};
use fabrique_wire::groups::{Group, GroupRole, Visibility};
use uuid::Uuid;

use crate::auth::Actor;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::on_tx;

#[derive(sqlx::FromRow, Clone)]
pub struct GroupRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub organisation_id: Uuid,
    pub visibility: String,
    pub tags: String,
    pub member_count: i64,
    pub created_at: DateTime<Utc>,
}

impl GroupRow {
    pub fn is_public(&self) -> bool {
        self.visibility == "public"
    }
}

impl From<&GroupRow> for Group {
    fn from(row: &GroupRow) -> Self {
        Group {
            id: row.id,
            name: row.name.clone(),
            description: row.description.clone(),
            organisation_id: row.organisation_id,
            visibility: if row.is_public() { Visibility::Public } else { Visibility::Private },
            tags: serde_json::from_str(&row.tags).unwrap_or_default(),
            member_count: row.member_count,
            created_at: row.created_at,
        }
    }
}

pub fn role_from_str(role: &str) -> GroupRole {
    match role {
        "admin" => GroupRole::Admin,
        "organiser" => GroupRole::Organiser,
        _ => GroupRole::Member,
    }
}

pub fn role_to_str(role: &GroupRole) -> &'static str {
    match role {
        GroupRole::Admin => "admin",
        GroupRole::Organiser => "organiser",
        GroupRole::Member => "member",
    }
}

#[derive(sqlx::FromRow)]
pub struct AccessRow {
    #[sqlx(flatten)]
    group: GroupRow,
    my_role: Option<String>,
    following: i64,
    manages: i64,
}

/// The caller's relation to one group.
pub struct GroupAccess {
    pub group: GroupRow,
    pub role: Option<GroupRole>,
    pub following: bool,
    /// A federation administrator, or a manager of the group's owner organisation.
    pub manages_owner: bool,
    pub is_federation_admin: bool,
}

pub fn group_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::GroupNotFound, "This group does not exist.")
}

pub async fn load_group(tx: &mut Tx, group_id: Uuid) -> ApiResult<Option<GroupRow>> {
    let row: Option<GroupRow> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, name, description, organisation_id, visibility, tags, member_count, created_at FROM groups WHERE id = $1 AND deleted_at IS NULL")
        .bind(group_id).fetch_optional(c).await)?;
    Ok(row)
}

pub async fn role_of(tx: &mut Tx, group_id: Uuid, person_id: Uuid) -> ApiResult<Option<GroupRole>> {
    let role: Option<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT role FROM group_members WHERE group_id = $1 AND person_id = $2")
        .bind(group_id).bind(person_id).fetch_optional(c).await)?;
    Ok(role.as_deref().map(role_from_str))
}

impl GroupAccess {
    /// The statement that reads it: the group at `$1`, the caller at `$2`; at most one
    /// [`AccessRow`] (none: no such group).
    pub const SQL: &str = "SELECT g.id, g.name, g.description, g.organisation_id, g.visibility, g.tags, g.member_count, g.created_at, \
            (SELECT role FROM group_members WHERE group_id = g.id AND person_id = $2) AS my_role, \
            (SELECT COUNT(*) FROM group_followers WHERE group_id = g.id AND person_id = $2) AS following, \
            (SELECT COUNT(*) FROM organisation_managers WHERE organisation_id = g.organisation_id AND person_id = $2) AS manages \
         FROM groups g WHERE g.id = $1 AND g.deleted_at IS NULL";

    /// One statement: every mutation and group read starts here.
    pub async fn load(tx: &mut Tx, actor: &Actor, group_id: Uuid) -> ApiResult<GroupAccess> {
        let row: Option<AccessRow> = on_tx!(tx, c => sqlx::query_as(GroupAccess::SQL)
            .bind(group_id).bind(actor.person_id).fetch_optional(c).await)?;
        GroupAccess::from_row(actor, row)
    }

    /// The access read by [`GroupAccess::SQL`] (sent with other statements, for one).
    pub fn from_row(actor: &Actor, row: Option<AccessRow>) -> ApiResult<GroupAccess> {
        let row = row.ok_or_else(group_not_found)?;
        Ok(GroupAccess {
            role: row.my_role.as_deref().map(role_from_str),
            following: row.following > 0,
            manages_owner: actor.is_federation_admin || row.manages > 0,
            is_federation_admin: actor.is_federation_admin,
            group: row.group,
        })
    }

    pub fn is_member(&self) -> bool {
        self.role.is_some()
    }

    /// Public content: anyone signed in. Private content: its members only.
    pub fn can_read(&self) -> bool {
        self.group.is_public() || self.is_member()
    }

    pub fn can_post(&self) -> bool {
        self.is_member()
    }

    /// Comments and reactions: members, and anyone on a public group.
    pub fn can_respond(&self) -> bool {
        self.can_read()
    }

    /// Organisers and admins of the group, and federation administrators.
    pub fn can_moderate(&self) -> bool {
        matches!(self.role, Some(GroupRole::Organiser | GroupRole::Admin)) || self.is_federation_admin
    }

    /// Organisers and admins of the group, and the managers of its owner organisation.
    pub fn can_run(&self) -> bool {
        self.can_moderate() || self.manages_owner
    }

    /// Settings and roles: the group's admins and the managers of its owner organisation.
    pub fn can_administer(&self) -> bool {
        matches!(self.role, Some(GroupRole::Admin)) || self.manages_owner
    }

    pub fn require_read(&self) -> ApiResult<()> {
        if self.can_read() {
            Ok(())
        } else {
            Err(ApiError::forbidden(ErrorCode::NotAMember, "This group is private: only its members see its content."))
        }
    }
}
