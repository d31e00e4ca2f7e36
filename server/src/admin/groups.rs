//! Groups in the console: the list (search, organisation), creating one, and a group's
//! page (visibility, owner organisation, members and their roles). Every change goes
//! through the same rules as in the apps ([`crate::groups`]), so phones see it at their
//! next pull.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use fabrique_wire::groups::{GroupRole, Visibility};
use serde::Deserialize;
use uuid::Uuid;

use super::people::{OrganisationChoice, choices};
use super::session::{Admin, AdminForm, Notice};
use super::{Frame, PageResult, commit, done, render};
use crate::auth::{in_scope, not_yours};
use crate::error::{ApiError, ErrorCode};
use crate::groups;
use crate::sync::log::ChangeSet;
use crate::{AppState, on_tx};
use fabrique_wire::groups::NewGroup;

const PAGE: i64 = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/groups", get(list).post(create))
        .route("/admin/groups/{id}", get(group_page))
        .route("/admin/groups/{id}/visibility", post(set_visibility))
        .route("/admin/groups/{id}/owner", post(set_owner))
        .route("/admin/groups/{id}/members", post(change_member))
        .route("/admin/groups/{id}/members/add", post(add_members))
        .route("/admin/groups/{id}/on-arrival", post(set_on_arrival))
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default, deserialize_with = "super::optional")]
    organisation: Option<Uuid>,
    #[serde(default)]
    page: i64,
}

#[derive(sqlx::FromRow)]
pub struct GroupLine {
    pub id: Uuid,
    pub name: String,
    pub organisation_name: String,
    pub visibility: String,
    pub member_count: i64,
}

#[derive(Template)]
#[template(path = "admin/groups.html")]
struct ListPage {
    frame: Frame,
    q: String,
    organisation: Option<Uuid>,
    organisations: Vec<OrganisationChoice>,
    lines: Vec<GroupLine>,
    page: i64,
    more: bool,
}

impl ListPage {
    fn is_selected(&self, id: &Uuid) -> bool {
        self.organisation == Some(*id)
    }
}

async fn list(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Query(query): Query<ListQuery>,
) -> PageResult {
    if let Some(organisation) = query.organisation {
        admin.require(organisation)?;
    }
    let page = query.page.max(0);
    let mut tx = state.db.begin_read().await?;
    let pattern = super::contains(&query.q);
    let sql = format!(
        "SELECT g.id, g.name, o.name AS organisation_name, g.visibility, g.member_count FROM groups g JOIN organisations o ON o.id = g.organisation_id \
         WHERE g.deleted_at IS NULL AND {} AND LOWER(g.name) LIKE $2 AND ($3 IS NULL OR g.organisation_id = $3) \
         ORDER BY g.name, g.id LIMIT $4 OFFSET $5",
        in_scope(&tx, "g.organisation_id", 1)
    );
    let scope = admin.scope().as_json();
    let mut lines: Vec<GroupLine> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(&scope).bind(&pattern).bind(query.organisation).bind(PAGE + 1).bind(page * PAGE).fetch_all(c).await)?;
    let organisations = choices(&mut tx, &admin).await?;
    tx.commit().await?;
    let more = lines.len() as i64 > PAGE;
    lines.truncate(PAGE as usize);
    Ok(render(&ListPage {
        frame: admin.frame("groups", notice),
        q: query.q,
        organisation: query.organisation,
        organisations,
        lines,
        page,
        more,
    }))
}

#[derive(Deserialize)]
struct CreateForm {
    name: String,
    #[serde(default)]
    description: String,
    organisation_id: Uuid,
    visibility: String,
}

fn visibility_of(text: &str) -> Visibility {
    if text == "private" { Visibility::Private } else { Visibility::Public }
}

async fn create(State(state): State<AppState>, form: AdminForm<CreateForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    admin.require(form.organisation_id)?;
    let id = Uuid::now_v7();
    let mut tx = state.db.begin_write().await?;
    let mut changes = ChangeSet::default();
    let visibility = visibility_of(&form.visibility);
    groups::create_group(
        &mut tx,
        &admin.actor(),
        &NewGroup {
            id,
            name: form.name.clone(),
            description: form.description.clone(),
            organisation_id: form.organisation_id,
            visibility,
            tags: Vec::new(),
        },
        &mut changes,
    )
    .await?;
    commit(&state, tx, changes).await?;
    Ok(done(&format!("/admin/groups/{id}"), "group_created"))
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    id: Uuid,
    name: String,
    description: String,
    organisation_id: Uuid,
    organisation_name: String,
    visibility: String,
    member_count: i64,
    created_at: DateTime<Utc>,
    /// `join` or `follow`: what new members of the organisation (and below) do on arrival.
    on_arrival: Option<String>,
}

#[derive(sqlx::FromRow)]
pub struct MemberLine {
    pub person_id: Uuid,
    pub display_name: String,
    pub role: String,
}

#[derive(Template)]
#[template(path = "admin/group.html")]
struct GroupPage {
    frame: Frame,
    group: GroupRow,
    organisations: Vec<OrganisationChoice>,
    members: Vec<MemberLine>,
    page: i64,
    more: bool,
    /// The addresses typed to add, again, with why they were not added.
    adding: String,
    add_error: Option<String>,
}

#[derive(Deserialize)]
struct PageQuery {
    #[serde(default)]
    page: i64,
}

async fn load_group(tx: &mut crate::db::Tx, admin: &Admin, id: Uuid) -> Result<GroupRow, ApiError> {
    let group: Option<GroupRow> = on_tx!(tx, c => sqlx::query_as(
        "SELECT g.id, g.name, g.description, g.organisation_id, o.name AS organisation_name, g.visibility, g.member_count, g.created_at, g.on_arrival \
         FROM groups g JOIN organisations o ON o.id = g.organisation_id WHERE g.id = $1 AND g.deleted_at IS NULL")
        .bind(id).fetch_optional(c).await)?;
    group.filter(|g| admin.may_act_on(g.organisation_id)).ok_or_else(not_yours)
}

async fn group_page(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Path(id): Path<Uuid>,
    Query(query): Query<PageQuery>,
) -> PageResult {
    page_with(&state, admin, notice, id, query.page, String::new(), None).await
}

async fn page_with(
    state: &AppState,
    admin: Admin,
    notice: Notice,
    id: Uuid,
    page: i64,
    adding: String,
    add_error: Option<String>,
) -> PageResult {
    let page = page.max(0);
    let mut tx = state.db.begin_read().await?;
    let group = load_group(&mut tx, &admin, id).await?;
    let mut members: Vec<MemberLine> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT m.person_id, p.display_name, m.role FROM group_members m JOIN people p ON p.id = m.person_id WHERE m.group_id = $1 \
         ORDER BY CASE m.role WHEN 'admin' THEN 0 WHEN 'organiser' THEN 1 ELSE 2 END, p.display_name, p.id LIMIT $2 OFFSET $3")
        .bind(id).bind(101_i64).bind(page * 100).fetch_all(c).await)?;
    let organisations = choices(&mut tx, &admin).await?;
    tx.commit().await?;
    let more = members.len() > 100;
    members.truncate(100);
    let status = if add_error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let frame = admin.frame("groups", notice);
    Ok((status, render(&GroupPage { frame, group, organisations, members, page, more, adding, add_error }))
        .into_response())
}

/// The most addresses added at once.
const ADD_MAX: usize = 200;

#[derive(Deserialize)]
struct AddForm {
    /// E-mail addresses, one per line (or separated by commas or spaces).
    emails: String,
}

/// Adds people to the group by their e-mail addresses, all or none: an address that is no
/// one's in the administrator's organisations is named, and nobody is added.
async fn add_members(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<AddForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    let l = admin.lang;
    let emails: Vec<String> = form
        .emails
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(|e| e.trim().to_lowercase())
        .filter(|e| !e.is_empty())
        .collect();
    let again = |error: String| (form.emails.clone(), Some(error));
    let refusal = if emails.is_empty() {
        Some(again(l.tr("Indiquez au moins une adresse e-mail.", "Enter at least one e-mail address.").into()))
    } else if emails.len() > ADD_MAX {
        Some(again(format!("{} {ADD_MAX}.", l.tr("Au plus", "At most"))))
    } else {
        None
    };
    if let Some((adding, error)) = refusal {
        return page_with(&state, admin, Notice(None), id, 0, adding, error).await;
    }
    let mut tx = state.db.begin_write().await?;
    load_group(&mut tx, &admin, id).await?;
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for email in &emails {
        let person: Option<(Uuid, Uuid)> = on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT id, organisation_id FROM people WHERE email = $1 AND deactivated_at IS NULL")
            .bind(email).fetch_optional(c).await)?;
        match person {
            Some((person_id, organisation_id)) if admin.may_act_on(organisation_id) => found.push(person_id),
            _ => unknown.push(email.clone()),
        }
    }
    if !unknown.is_empty() {
        drop(tx);
        let error = format!(
            "{} {}",
            l.tr(
                "Personne n'a ces adresses parmi les personnes que vous gérez ; personne n'a été ajouté :",
                "No one you manage has these addresses; no one was added:"
            ),
            unknown.join(", ")
        );
        return page_with(&state, admin, Notice(None), id, 0, form.emails.clone(), Some(error)).await;
    }
    let mut changes = ChangeSet::default();
    for person_id in found {
        groups::add_by_console(&mut tx, &admin.actor(), id, person_id, &mut changes).await?;
    }
    commit(&state, tx, changes).await?;
    Ok(done(&format!("/admin/groups/{id}"), "members_added"))
}

#[derive(Deserialize)]
struct OnArrivalForm {
    /// `none`, `join` or `follow`.
    on_arrival: String,
}

/// What new members of the group's organisation (and below) do on arrival: nothing, join it,
/// or follow it (public groups). Federation administrators only.
async fn set_on_arrival(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    form: AdminForm<OnArrivalForm>,
) -> PageResult {
    let AdminForm { admin, form } = form;
    admin.require_federation_admin()?;
    let on_arrival = match form.on_arrival.as_str() {
        "none" => None,
        "join" => Some("join"),
        "follow" => Some("follow"),
        _ => return Err(ApiError::invalid(ErrorCode::InvalidForm, "Unknown choice.").into()),
    };
    let mut tx = state.db.begin_write().await?;
    let group = load_group(&mut tx, &admin, id).await?;
    if on_arrival == Some("follow") && group.visibility != "public" {
        return Err(
            ApiError::invalid(ErrorCode::GroupIsPrivate, "Private groups cannot be followed: choose join.").into()
        );
    }
    crate::exec!(&mut tx, sqlx::query("UPDATE groups SET on_arrival = $1 WHERE id = $2").bind(on_arrival).bind(id))?;
    crate::audit::record(
        &mut tx,
        Some(admin.actor().person_id),
        crate::audit::Action::GroupOnArrival,
        "group",
        Some(id),
        serde_json::json!({ "on_arrival": on_arrival }),
    )
    .await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done(&format!("/admin/groups/{id}"), "group_changed"))
}

#[derive(Deserialize)]
struct VisibilityForm {
    visibility: String,
}

async fn set_visibility(
    State(state): State<AppState>,
    Path(id): Path<Uuid>,
    form: AdminForm<VisibilityForm>,
) -> PageResult {
    let AdminForm { admin, form } = form;
    let mut tx = state.db.begin_write().await?;
    load_group(&mut tx, &admin, id).await?;
    let mut changes = ChangeSet::default();
    groups::set_visibility(&mut tx, &admin.actor(), id, &visibility_of(&form.visibility), &mut changes).await?;
    commit(&state, tx, changes).await?;
    Ok(done(&format!("/admin/groups/{id}"), "group_changed"))
}

#[derive(Deserialize)]
struct OwnerForm {
    organisation_id: Uuid,
}

async fn set_owner(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<OwnerForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    admin.require(form.organisation_id)?;
    let mut tx = state.db.begin_write().await?;
    load_group(&mut tx, &admin, id).await?;
    let mut changes = ChangeSet::default();
    groups::set_owner(&mut tx, &admin.actor(), id, form.organisation_id, &mut changes).await?;
    commit(&state, tx, changes).await?;
    Ok(done(&format!("/admin/groups/{id}"), "group_changed"))
}

#[derive(Deserialize)]
struct MemberForm {
    person_id: Uuid,
    /// `member`, `organiser`, `admin`, or `remove`.
    change: String,
}

async fn change_member(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<MemberForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    let actor = admin.actor();
    let mut tx = state.db.begin_write().await?;
    load_group(&mut tx, &admin, id).await?;
    let mut changes = ChangeSet::default();
    match form.change.as_str() {
        "remove" => groups::remove_member(&mut tx, &actor, id, form.person_id, &mut changes).await?,
        "member" => {
            groups::set_member_role(&mut tx, &actor, id, form.person_id, &GroupRole::Member, &mut changes).await?
        }
        "organiser" => {
            groups::set_member_role(&mut tx, &actor, id, form.person_id, &GroupRole::Organiser, &mut changes).await?
        }
        "admin" => {
            groups::set_member_role(&mut tx, &actor, id, form.person_id, &GroupRole::Admin, &mut changes).await?
        }
        _ => return Err(ApiError::invalid(ErrorCode::InvalidForm, "Unknown change.").into()),
    }
    commit(&state, tx, changes).await?;
    Ok(done(&format!("/admin/groups/{id}"), "member_changed"))
}
