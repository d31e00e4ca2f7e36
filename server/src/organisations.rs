//! The organisation tree. Names of organisations are not secret inside the network: any
//! signed-in person lists them; only federation administrators create them.

use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use fabrique_wire::Page;
use fabrique_wire::error::ErrorBody;
use fabrique_wire::organisations::{CreateOrganisationRequest, Organisation, OrganisationKind};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::{Actor, AuthUser};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{Json, Path, Query};
use crate::sync::log::ChangeSet;
use crate::{AppState, audit, exec, fields, on_tx, paging};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_organisations, create_organisation)).routes(routes!(get_organisation))
}

pub fn kind_to_str(kind: &OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Federation => "federation",
        OrganisationKind::Region => "region",
        OrganisationKind::Association => "association",
    }
}

fn kind_from_str(kind: &str) -> OrganisationKind {
    match kind {
        "federation" => OrganisationKind::Federation,
        "region" => OrganisationKind::Region,
        _ => OrganisationKind::Association,
    }
}

pub async fn insert(tx: &mut Tx, parent_id: Option<Uuid>, kind: &'static str, name: &str) -> ApiResult<Uuid> {
    let id = Uuid::now_v7();
    exec!(
        tx,
        sqlx::query("INSERT INTO organisations (id, parent_id, kind, name, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(parent_id)
            .bind(kind)
            .bind(name)
            .bind(Utc::now())
    )?;
    Ok(id)
}

/// A row of `organisations`.
#[derive(sqlx::FromRow)]
struct OrganisationRow {
    id: Uuid,
    parent_id: Option<Uuid>,
    kind: String,
    name: String,
}

impl From<OrganisationRow> for Organisation {
    fn from(row: OrganisationRow) -> Self {
        Organisation { id: row.id, parent_id: row.parent_id, kind: kind_from_str(&row.kind), name: row.name }
    }
}

pub async fn load(tx: &mut Tx, id: Uuid) -> ApiResult<Option<Organisation>> {
    let row: Option<OrganisationRow> = on_tx!(tx, c => sqlx::query_as("SELECT id, parent_id, kind, name FROM organisations WHERE id = $1")
        .bind(id).fetch_optional(c).await)?;
    Ok(row.map(Organisation::from))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    /// Only the children of this organisation.
    parent_id: Option<Uuid>,
    /// The cursor of the previous page.
    cursor: Option<String>,
    limit: Option<u32>,
}

/// Organisations, by name, a page at a time.
#[utoipa::path(get, path = "/v1/organisations", tag = "organisations", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = Page<Organisation>), (status = 401, body = ErrorBody)))]
async fn list_organisations(
    State(state): State<AppState>,
    AuthUser(_actor): AuthUser,
    Query(query): Query<ListQuery>,
) -> ApiResult<Json<Page<Organisation>>> {
    let limit = fields::page_limit(query.limit, 100, 500)?;
    let (after_name, after_id): (String, Uuid) = paging::start_after(&query.cursor, (String::new(), Uuid::nil()))?;
    let mut tx = state.db.begin_read().await?;
    let rows: Vec<OrganisationRow> = on_tx!(&mut tx, c => sqlx::query_as("SELECT id, parent_id, kind, name FROM organisations \
            WHERE archived_at IS NULL AND ($1 IS NULL OR parent_id = $1) AND (name > $2 OR (name = $2 AND id > $3)) \
            ORDER BY name, id LIMIT $4")
            .bind(query.parent_id).bind(&after_name).bind(after_id).bind(limit + 1).fetch_all(c).await)?;
    let items: Vec<Organisation> = rows.into_iter().map(Organisation::from).collect();
    tx.commit().await?;
    Ok(Json(paging::page(items, limit, |o| (o.name.clone(), o.id))))
}

#[utoipa::path(get, path = "/v1/organisations/{id}", tag = "organisations", security(("bearer" = [])),
    responses((status = 200, body = Organisation), (status = 404, body = ErrorBody)))]
async fn get_organisation(
    State(state): State<AppState>,
    AuthUser(_actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<Organisation>> {
    let mut tx = state.db.begin_read().await?;
    let organisation = load(&mut tx, id).await?;
    tx.commit().await?;
    organisation
        .map(Json)
        .ok_or_else(|| ApiError::not_found(ErrorCode::OrganisationNotFound, "This organisation does not exist."))
}

/// Create a regional body or an association under a parent (federation administrators).
#[utoipa::path(post, path = "/v1/organisations", tag = "organisations", security(("bearer" = [])), request_body = CreateOrganisationRequest,
    responses((status = 201, body = Organisation), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn create_organisation(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Json(body): Json<CreateOrganisationRequest>,
) -> ApiResult<(StatusCode, Json<Organisation>)> {
    if !actor.is_federation_admin {
        return Err(ApiError::forbidden(ErrorCode::Forbidden, "Only federation administrators create organisations."));
    }
    let name = fields::text(
        "name",
        &body.name,
        fabrique_wire::organisations::NAME_MAX,
        fields::Presence::Required,
        fields::Lines::One,
    )?;
    if body.kind == OrganisationKind::Federation {
        return Err(ApiError::invalid(
            ErrorCode::InvalidField,
            "There is one federation; create regional bodies or associations under it.",
        )
        .with_details(serde_json::json!({ "field": "kind" })));
    }
    let mut tx = state.db.begin_write().await?;
    let parent = load(&mut tx, body.parent_id).await?.ok_or_else(|| {
        ApiError::not_found(ErrorCode::OrganisationNotFound, "The parent organisation does not exist.")
    })?;
    if parent.kind == OrganisationKind::Association {
        return Err(ApiError::invalid(ErrorCode::InvalidParent, "An association cannot hold other organisations."));
    }
    let kind = kind_to_str(&body.kind);
    let id = insert(&mut tx, Some(parent.id), kind, &name).await?;
    audit::record(
        &mut tx,
        Some(actor.person_id),
        audit::Action::OrganisationCreate,
        "organisation",
        Some(id),
        serde_json::json!({ "name": name, "kind": kind }),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(Organisation { id, parent_id: Some(parent.id), kind: body.kind, name })))
}

/// The organisations under `parent` (or the roots), by name, with how many people and
/// children each has: one page of the console's tree.
#[derive(sqlx::FromRow)]
pub struct TreeLine {
    pub id: Uuid,
    pub kind: String,
    pub name: String,
    pub archived: bool,
    pub people: i64,
    pub children: i64,
}

pub async fn children(tx: &mut Tx, parent: Option<Uuid>, after: &str, limit: i64) -> ApiResult<Vec<TreeLine>> {
    let rows: Vec<TreeLine> = on_tx!(tx, c => sqlx::query_as(
        "SELECT o.id, o.kind, o.name, o.archived_at IS NOT NULL AS archived, \
            (SELECT COUNT(*) FROM people p WHERE p.organisation_id = o.id AND p.deactivated_at IS NULL) AS people, \
            (SELECT COUNT(*) FROM organisations k WHERE k.parent_id = o.id) AS children \
         FROM organisations o WHERE (($1 IS NULL AND o.parent_id IS NULL) OR o.parent_id = $1) AND o.name > $2 \
         ORDER BY o.name LIMIT $3")
        .bind(parent).bind(after).bind(limit).fetch_all(c).await)?;
    Ok(rows)
}

/// The chain from the root down to `id`, for breadcrumbs and cycle checks.
pub async fn ancestry(tx: &mut Tx, id: Uuid) -> ApiResult<Vec<Organisation>> {
    let mut chain = Vec::new();
    let mut next = Some(id);
    while let Some(current) = next {
        let Some(organisation) = load(tx, current).await? else { break };
        next = organisation.parent_id;
        chain.push(organisation);
        if chain.len() > 32 {
            break;
        }
    }
    chain.reverse();
    Ok(chain)
}

pub async fn rename(tx: &mut Tx, actor: &Actor, id: Uuid, name: &str) -> ApiResult<()> {
    let name = fields::text(
        "name",
        name,
        fabrique_wire::organisations::NAME_MAX,
        fields::Presence::Required,
        fields::Lines::One,
    )?;
    let before = load(tx, id).await?.ok_or_else(organisation_not_found)?;
    exec!(tx, sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2").bind(&name).bind(id))?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::OrganisationRename,
        "organisation",
        Some(id),
        serde_json::json!({ "from": before.name, "to": name }),
    )
    .await
}

/// Moves an organisation under another; never under itself or one of its own descendants,
/// never under an association.
pub async fn move_to(tx: &mut Tx, actor: &Actor, id: Uuid, new_parent: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    let organisation = load(tx, id).await?.ok_or_else(organisation_not_found)?;
    if organisation.kind == OrganisationKind::Federation {
        return Err(ApiError::invalid(
            ErrorCode::InvalidParent,
            "The federation is the root of the tree: it cannot move.",
        ));
    }
    let parent = load(tx, new_parent).await?.ok_or_else(organisation_not_found)?;
    if parent.kind == OrganisationKind::Association {
        return Err(ApiError::invalid(ErrorCode::InvalidParent, "An association cannot hold other organisations."));
    }
    if ancestry(tx, new_parent).await?.iter().any(|o| o.id == id) {
        return Err(ApiError::invalid(
            ErrorCode::InvalidParent,
            "An organisation cannot move under itself or under one of its own members.",
        ));
    }
    exec!(tx, sqlx::query("UPDATE organisations SET parent_id = $1 WHERE id = $2").bind(new_parent).bind(id))?;
    scopes_moved(tx, id, changes).await?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::OrganisationMove,
        "organisation",
        Some(id),
        serde_json::json!({ "from": organisation.parent_id, "to": new_parent }),
    )
    .await
}

/// Archives an organisation: no more invitations into it; its people and groups stay.
pub async fn archive(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<()> {
    let organisation = load(tx, id).await?.ok_or_else(organisation_not_found)?;
    if organisation.kind == OrganisationKind::Federation {
        return Err(ApiError::invalid(ErrorCode::CannotArchive, "The federation itself cannot be archived."));
    }
    exec!(
        tx,
        sqlx::query("UPDATE organisations SET archived_at = $1 WHERE id = $2 AND archived_at IS NULL")
            .bind(Utc::now())
            .bind(id)
    )?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::OrganisationArchive,
        "organisation",
        Some(id),
        serde_json::json!({}),
    )
    .await
}

pub fn organisation_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::OrganisationNotFound, "This organisation does not exist.")
}

// ---------------------------------------------------------------------------------------
// What is said to an organisation reaches the people of its subtree (must-read messages).

/// The scopes of a person's organisation and of every organisation above it, granted when
/// the person is created: what is said to any of them reaches the person.
pub async fn grant_scopes(
    tx: &mut Tx,
    person_id: Uuid,
    organisation_id: Uuid,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    for organisation in ancestry(tx, organisation_id).await? {
        crate::sync::scopes::grant(tx, person_id, &fabrique_wire::sync::scope::organisation(organisation.id), changes)
            .await?;
    }
    Ok(())
}

/// An organisation moved: the people of its subtree now read the scopes of its new
/// ancestors instead of the old ones (their next pull purges what the old ones said and
/// brings what the new ones said). A few statements, whatever the subtree's size.
pub async fn scopes_moved(tx: &mut Tx, organisation_id: Uuid, changes: &mut ChangeSet) -> ApiResult<()> {
    // Everyone's live channels read their scopes again (an organisation rarely moves).
    changes.poke("*".to_owned());
    changes.scopes_changed();
    const SUBTREE: &str = "WITH RECURSIVE subtree(id) AS ( \
            SELECT id FROM organisations WHERE id = $1 \
            UNION ALL SELECT o.id FROM organisations o JOIN subtree s ON o.parent_id = s.id)";
    let uuid_text = |column: &str| tx.uuid_text(column);
    let sql_delete = format!(
        "{SUBTREE} UPDATE person_scopes SET seq = NULL, revoked = true \
         WHERE scope LIKE 'organisation:%' AND NOT revoked AND person_id IN \
            (SELECT p.id FROM people p WHERE p.organisation_id IN (SELECT id FROM subtree))"
    );
    let sql_insert = format!(
        "WITH RECURSIVE subtree(id) AS ( \
            SELECT id FROM organisations WHERE id = $1 \
            UNION ALL SELECT o.id FROM organisations o JOIN subtree s ON o.parent_id = s.id), \
         chain(person_id, organisation_id) AS ( \
            SELECT p.id, p.organisation_id FROM people p WHERE p.organisation_id IN (SELECT id FROM subtree) \
            UNION SELECT c.person_id, o.parent_id FROM chain c JOIN organisations o ON o.id = c.organisation_id \
            WHERE o.parent_id IS NOT NULL) \
         INSERT INTO person_scopes (person_id, scope, seq, revoked, regranted) \
         SELECT person_id, 'organisation:' || {}, NULL, false, false FROM chain WHERE true \
         ON CONFLICT (person_id, scope) DO UPDATE SET seq = NULL, revoked = false, regranted = true \
         WHERE person_scopes.revoked",
        uuid_text("organisation_id")
    );
    exec!(tx, sqlx::query(sqlx::AssertSqlSafe(sql_delete)).bind(organisation_id))?;
    exec!(tx, sqlx::query(sqlx::AssertSqlSafe(sql_insert)).bind(organisation_id))?;
    Ok(())
}
