//! People and their profiles. A person always sees their own profile; others see it when
//! they share the person's association or a private group (or a public one the person
//! leads), or when the person chose to be visible to the whole federation (DESIGN.md §3,
//! GDPR art. 25: not visible by default). Joining a public group, which anyone may do,
//! does not widen "my association only".

pub mod erasure;
pub mod visibility;

use axum::extract::State;
use chrono::Utc;
use fabrique_wire::error::ErrorBody;
use fabrique_wire::people::{DirectoryVisibility, Me, PlatformRole, Profile, ProfileUpdate};
use fabrique_wire::sync::{Entity, scope};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::{Actor, AuthUser};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode, OnConstraint};
use crate::extract::{Json, Path};
use crate::sync::log::ChangeSet;
use crate::{AppState, exec, fields, on_tx};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_me)).routes(routes!(get_person)).routes(routes!(directory))
}

pub struct NewPerson {
    pub organisation_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub federation_admin: bool,
}

pub async fn insert_person(tx: &mut Tx, person: NewPerson, changes: &mut ChangeSet) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    let role = if person.federation_admin { "federation_admin" } else { "member" };
    exec!(tx, sqlx::query("INSERT INTO people (id, organisation_id, email, display_name, password_hash, platform_role, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id).bind(person.organisation_id).bind(&person.email).bind(&person.display_name).bind(&person.password_hash).bind(role).bind(Utc::now()))
        .on_unique(ErrorCode::AccountExists, "An account already exists for this email address: sign in instead.")?;
    crate::sync::scopes::grant(tx, id, &scope::person(id), changes).await?;
    crate::organisations::grant_scopes(tx, id, person.organisation_id, changes).await?;
    crate::search::index_person(tx, id, changes.search()).await?;
    put_me(tx, id, changes).await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: Uuid,
    display_name: String,
    function: String,
    organisation_id: Uuid,
    organisation_name: String,
    bio: String,
    directory_visibility: String,
    email: String,
    platform_role: String,
}

#[derive(sqlx::FromRow)]
struct TagRow {
    kind: String,
    tag: String,
}

const PERSON_SELECT: &str = "SELECT p.id, p.display_name, p.function, p.organisation_id, o.name AS organisation_name, p.bio, \
    p.directory_visibility, p.email, p.platform_role FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1";

async fn load_row(tx: &mut Tx, person_id: Uuid) -> ApiResult<Option<(PersonRow, Vec<TagRow>)>> {
    let row: Option<PersonRow> =
        on_tx!(tx, c => sqlx::query_as(PERSON_SELECT).bind(person_id).fetch_optional(c).await)?;
    let Some(row) = row else { return Ok(None) };
    let tags: Vec<TagRow> = on_tx!(tx, c => sqlx::query_as("SELECT kind, tag FROM person_tags WHERE person_id = $1 ORDER BY tag")
        .bind(person_id).fetch_all(c).await)?;
    Ok(Some((row, tags)))
}

fn profile_from(row: &PersonRow, tags: &[TagRow]) -> Profile {
    let of_kind = |kind: &str| tags.iter().filter(|t| t.kind == kind).map(|t| t.tag.clone()).collect();
    Profile {
        id: row.id,
        display_name: row.display_name.clone(),
        function: row.function.clone(),
        organisation_id: row.organisation_id,
        organisation_name: row.organisation_name.clone(),
        skills: of_kind("skill"),
        interests: of_kind("interest"),
        bio: row.bio.clone(),
        directory_visibility: if row.directory_visibility == "federation" {
            DirectoryVisibility::Federation
        } else {
            DirectoryVisibility::Association
        },
    }
}

fn not_found() -> ApiError {
    ApiError::not_found(
        ErrorCode::PersonNotFound,
        "This person does not exist or does not share their profile with you.",
    )
}

pub async fn load_profile(tx: &mut Tx, person_id: Uuid) -> ApiResult<Profile> {
    let (row, tags) = load_row(tx, person_id).await?.ok_or_else(not_found)?;
    Ok(profile_from(&row, &tags))
}

pub async fn load_me(tx: &mut Tx, person_id: Uuid) -> ApiResult<Me> {
    let (row, tags) = load_row(tx, person_id).await?.ok_or_else(not_found)?;
    let manages: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT organisation_id FROM organisation_managers WHERE person_id = $1 ORDER BY organisation_id")
        .bind(person_id).fetch_all(c).await)?;
    Ok(Me {
        profile: profile_from(&row, &tags),
        email: row.email.clone(),
        platform_role: if row.platform_role == "federation_admin" {
            PlatformRole::FederationAdmin
        } else {
            PlatformRole::Member
        },
        manages,
    })
}

/// Puts the person's own record into their scope, where their devices read it.
pub async fn put_me(tx: &mut Tx, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let me = load_me(tx, person_id).await?;
    changes.put(scope::person(person_id), person_id, &Entity::Me(me));
    Ok(())
}

/// The mutation `update_profile`: one's own profile only.
pub async fn update_profile(
    tx: &mut Tx,
    actor: &Actor,
    update: &ProfileUpdate,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let display_name = update.display_name.as_deref().map(fields::display_name).transpose()?;
    let function = update
        .function
        .as_deref()
        .map(|f| {
            fields::text(
                "function",
                f,
                fabrique_wire::people::FUNCTION_MAX,
                fields::Presence::Optional,
                fields::Lines::One,
            )
        })
        .transpose()?;
    let bio = update
        .bio
        .as_deref()
        .map(|b| {
            fields::text("bio", b, fabrique_wire::people::BIO_MAX, fields::Presence::Optional, fields::Lines::Many)
        })
        .transpose()?;
    let skills = update.skills.as_deref().map(|s| fields::tags("skills", s)).transpose()?;
    let interests = update.interests.as_deref().map(|s| fields::tags("interests", s)).transpose()?;
    let visibility = update.directory_visibility.as_ref().map(|v| match v {
        DirectoryVisibility::Association => "association",
        DirectoryVisibility::Federation => "federation",
    });
    let id = actor.person_id;
    let language = update.language.map(|l| match l {
        fabrique_wire::people::MailLanguage::French => "fr",
        fabrique_wire::people::MailLanguage::English => "en",
    });
    if let Some(language) = language {
        exec!(tx, sqlx::query("UPDATE people SET language = $1 WHERE id = $2").bind(language).bind(id))?;
    }
    exec!(
        tx,
        sqlx::query(
            "UPDATE people SET display_name = COALESCE($1, display_name), function = COALESCE($2, function), \
            bio = COALESCE($3, bio), directory_visibility = COALESCE($4, directory_visibility) WHERE id = $5"
        )
        .bind(&display_name)
        .bind(&function)
        .bind(&bio)
        .bind(visibility)
        .bind(id)
    )?;
    for (kind, tags) in [("skill", &skills), ("interest", &interests)] {
        let Some(tags) = tags else { continue };
        exec!(tx, sqlx::query("DELETE FROM person_tags WHERE person_id = $1 AND kind = $2").bind(id).bind(kind))?;
        for tag in tags {
            exec!(
                tx,
                sqlx::query("INSERT INTO person_tags (person_id, kind, tag) VALUES ($1, $2, $3)")
                    .bind(id)
                    .bind(kind)
                    .bind(tag)
            )?;
        }
    }
    crate::search::index_person(tx, id, changes.search()).await?;
    put_me(tx, id, changes).await?;
    if display_name.is_some() || function.is_some() || visibility.is_some() {
        // Group member lists show name and function, and list people as their visibility
        // allows: refresh them in every group.
        crate::groups::put_memberships_of(tx, id, changes).await?;
    }
    Ok(())
}

/// The signed-in person.
#[utoipa::path(get, path = "/v1/me", tag = "people", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn get_me(State(state): State<AppState>, AuthUser(actor): AuthUser) -> ApiResult<Json<Me>> {
    let mut tx = state.db.begin_read().await?;
    let me = load_me(&mut tx, actor.person_id).await?;
    tx.commit().await?;
    Ok(Json(me))
}

/// A person's profile, if they share it with the caller; otherwise 404, as if absent.
#[utoipa::path(get, path = "/v1/people/{id}", tag = "people", security(("bearer" = [])),
    responses((status = 200, body = Profile), (status = 404, body = ErrorBody)))]
async fn get_person(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<Profile>> {
    let mut tx = state.db.begin_read().await?;
    if !visibility::can_see(&mut tx, &actor, id).await? {
        return Err(not_found());
    }
    let profile = load_profile(&mut tx, id).await?;
    tx.commit().await?;
    Ok(Json(profile))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct DirectoryQuery {
    /// Words in the name or the function.
    q: Option<String>,
    /// People with this skill (as in profiles: lower case).
    skill: Option<String>,
    interest: Option<String>,
    organisation_id: Option<Uuid>,
    cursor: Option<String>,
    limit: Option<u32>,
}

/// The directory: people the caller may see (their own association, people they share a
/// private group with, and those who chose to be visible to the whole federation), by name, with
/// filters on skill, interest, association, and words of the name or function.
#[utoipa::path(get, path = "/v1/people", tag = "people", security(("bearer" = [])), params(DirectoryQuery),
    responses((status = 200, body = fabrique_wire::Page<Profile>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn directory(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    crate::extract::Query(query): crate::extract::Query<DirectoryQuery>,
) -> ApiResult<Json<fabrique_wire::Page<Profile>>> {
    let limit = fields::page_limit(query.limit, 30, 100)?;
    let (after_name, after_id): (String, Uuid) =
        crate::paging::start_after(&query.cursor, (String::new(), Uuid::nil()))?;
    let like = |value: &Option<String>, field: &str| -> ApiResult<Option<String>> {
        Ok(value
            .as_deref()
            .map(|v| {
                fields::text(field, v, fabrique_wire::people::QUERY_MAX, fields::Presence::Optional, fields::Lines::One)
            })
            .transpose()?
            .filter(|v| !v.is_empty())
            .map(|v| format!("%{}%", v.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))))
    };
    let words = like(&query.q, "q")?;
    let tag = |value: &Option<String>, field: &str| -> ApiResult<Option<String>> {
        Ok(match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => fields::tags(field, &[v.to_owned()])?.into_iter().next(),
            None => None,
        })
    };
    let skill = tag(&query.skill, "skill")?;
    let interest = tag(&query.interest, "interest")?;
    let mut tx = state.db.begin_read().await?;
    let ids: Vec<(Uuid, String)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT p.id, p.display_name FROM people p WHERE p.deactivated_at IS NULL \
         AND (p.id = $1 OR $2 OR p.organisation_id = $3 OR p.directory_visibility = 'federation' \
            OR EXISTS (SELECT 1 FROM organisation_managers m WHERE m.organisation_id = p.organisation_id AND m.person_id = $1) \
            OR EXISTS (SELECT 1 FROM group_members a JOIN group_members b ON a.group_id = b.group_id JOIN groups g ON g.id = a.group_id WHERE a.person_id = $1 AND b.person_id = p.id AND (g.visibility = 'private' OR b.role <> 'member'))) \
         AND ($4 IS NULL OR LOWER(p.display_name) LIKE $4 ESCAPE '\\' OR LOWER(p.function) LIKE $4 ESCAPE '\\') \
         AND ($5 IS NULL OR EXISTS (SELECT 1 FROM person_tags t WHERE t.person_id = p.id AND t.kind = 'skill' AND t.tag = $5)) \
         AND ($6 IS NULL OR EXISTS (SELECT 1 FROM person_tags t WHERE t.person_id = p.id AND t.kind = 'interest' AND t.tag = $6)) \
         AND ($7 IS NULL OR p.organisation_id = $7) \
         AND (p.display_name > $8 OR (p.display_name = $8 AND p.id > $9)) \
         ORDER BY p.display_name, p.id LIMIT $10")
        .bind(actor.person_id).bind(actor.is_federation_admin).bind(actor.organisation_id).bind(&words)
        .bind(&skill).bind(&interest).bind(query.organisation_id).bind(&after_name).bind(after_id).bind(limit + 1)
        .fetch_all(c).await)?;
    let mut items = Vec::with_capacity(ids.len());
    for (id, _) in ids {
        items.push(load_profile(&mut tx, id).await?);
    }
    tx.commit().await?;
    Ok(Json(crate::paging::page(items, limit, |p: &Profile| (p.display_name.clone(), p.id))))
}

// ---------------------------------------------------------------------------------------
// Administration (the console): deactivation and roles. Each is audited.

/// Who may administer a person: federation administrators anyone; an association's
/// managers its people, except federation administrators.
pub async fn may_administer(tx: &mut Tx, actor: &Actor, person_id: Uuid) -> ApiResult<(Uuid, bool)> {
    let row: Option<(Uuid, String)> = on_tx!(tx, c => sqlx::query_as("SELECT organisation_id, platform_role FROM people WHERE id = $1")
        .bind(person_id).fetch_optional(c).await)?;
    let (organisation_id, role) = row.ok_or_else(not_found)?;
    let is_admin = role == "federation_admin";
    if actor.is_federation_admin || (!is_admin && crate::auth::manages(tx, actor, organisation_id).await?) {
        Ok((organisation_id, is_admin))
    } else {
        Err(not_found())
    }
}

/// The person can no longer sign in: every session (apps and console) ends, their devices
/// stop receiving pushes, their live channels close once `changes` is committed. What they
/// wrote stays.
pub async fn deactivate(tx: &mut Tx, actor: &Actor, person_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    may_administer(tx, actor, person_id).await?;
    if person_id == actor.person_id {
        return Err(ApiError::invalid(ErrorCode::CannotDeactivateSelf, "You cannot deactivate your own account."));
    }
    close_account(tx, Some(actor.person_id), person_id, serde_json::json!({}), changes).await
}

/// Closes an account: no more sign-in, every session and device ended, out of the directory;
/// `by` is who did it (`None`: the server, for inactivity), written to the audit log with
/// `details`. Reversible by [`reactivate`].
pub async fn close_account(
    tx: &mut Tx,
    by: Option<Uuid>,
    person_id: Uuid,
    details: serde_json::Value,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let now = Utc::now();
    exec!(
        tx,
        sqlx::query("UPDATE people SET deactivated_at = $1 WHERE id = $2 AND deactivated_at IS NULL")
            .bind(now)
            .bind(person_id)
    )?;
    end_access(tx, person_id, now, changes).await?;
    crate::audit::record(tx, by, crate::audit::Action::PersonDeactivate, "person", Some(person_id), details).await
}

/// What closing an account ends (its row already marked): every session (apps and
/// console), every device's pushes, the live channels (once `changes` is committed), the
/// directory entry.
pub async fn end_access(
    tx: &mut Tx,
    person_id: Uuid,
    now: chrono::DateTime<Utc>,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    exec!(
        tx,
        sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(person_id)
    )?;
    exec!(
        tx,
        sqlx::query("UPDATE admin_sessions SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(person_id)
    )?;
    let subscriptions: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM push_subscriptions WHERE person_id = $1")
        .bind(person_id).fetch_all(c).await)?;
    for id in subscriptions {
        crate::web_push::forget(tx, id, now).await?;
    }
    changes.poke(crate::pokes::sessions_changed(person_id));
    crate::search::index_person(tx, person_id, changes.search()).await
}

/// `person_id` is found in search again (reactivated, or their erasure cancelled): written as
/// a change set of its own, as every other write is.
pub(crate) async fn found_again(tx: &mut Tx, person_id: Uuid) -> ApiResult<()> {
    let mut changes = ChangeSet::default();
    crate::search::index_person(tx, person_id, changes.search()).await?;
    crate::sync::log::commit(tx, changes).await?;
    Ok(())
}

pub async fn reactivate(tx: &mut Tx, actor: &Actor, person_id: Uuid) -> ApiResult<()> {
    may_administer(tx, actor, person_id).await?;
    // An account being erased is brought back by cancelling the erasure; an erased one never.
    exec!(
        tx,
        sqlx::query(
            "UPDATE people SET deactivated_at = NULL WHERE id = $1 AND erasure_due_at IS NULL AND erased_at IS NULL"
        )
        .bind(person_id)
    )?;
    found_again(tx, person_id).await?;
    crate::audit::record(
        tx,
        Some(actor.person_id),
        crate::audit::Action::PersonReactivate,
        "person",
        Some(person_id),
        serde_json::json!({}),
    )
    .await
}

/// Makes a person a manager of their own association, or not.
pub async fn set_manager(
    tx: &mut Tx,
    actor: &Actor,
    person_id: Uuid,
    manager: bool,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    let (organisation_id, _) = may_administer(tx, actor, person_id).await?;
    if manager {
        exec!(
            tx,
            sqlx::query(
                "INSERT INTO organisation_managers (organisation_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
            )
            .bind(organisation_id)
            .bind(person_id)
        )?;
    } else {
        exec!(
            tx,
            sqlx::query("DELETE FROM organisation_managers WHERE organisation_id = $1 AND person_id = $2")
                .bind(organisation_id)
                .bind(person_id)
        )?;
    }
    put_me(tx, person_id, changes).await?;
    crate::audit::record(
        tx,
        Some(actor.person_id),
        if manager { crate::audit::Action::PersonMakeManager } else { crate::audit::Action::PersonRemoveManager },
        "person",
        Some(person_id),
        serde_json::json!({ "organisation": organisation_id }),
    )
    .await
}

/// Federation administrators name or remove others; the last one cannot go.
pub async fn set_federation_admin(
    tx: &mut Tx,
    actor: &Actor,
    person_id: Uuid,
    admin: bool,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    if !actor.is_federation_admin {
        return Err(ApiError::forbidden(
            ErrorCode::Forbidden,
            "Only federation administrators name other administrators.",
        ));
    }
    may_administer(tx, actor, person_id).await?;
    if !admin {
        let others: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE platform_role = 'federation_admin' AND deactivated_at IS NULL AND id <> $1")
            .bind(person_id).fetch_one(c).await)?;
        if others == 0 {
            return Err(ApiError::conflict(
                ErrorCode::LastAdmin,
                "The federation needs at least one administrator: name another one first.",
            ));
        }
    }
    exec!(
        tx,
        sqlx::query("UPDATE people SET platform_role = $1 WHERE id = $2")
            .bind(if admin { "federation_admin" } else { "member" })
            .bind(person_id)
    )?;
    put_me(tx, person_id, changes).await?;
    // Their sessions let them do other things now: what was remembered of them goes (`auth`).
    changes.poke(crate::pokes::sessions_changed(person_id));
    crate::audit::record(
        tx,
        Some(actor.person_id),
        if admin {
            crate::audit::Action::PersonMakeFederationAdmin
        } else {
            crate::audit::Action::PersonRemoveFederationAdmin
        },
        "person",
        Some(person_id),
        serde_json::json!({}),
    )
    .await
}
