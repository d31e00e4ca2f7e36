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

use crate::accounts::AuthUser;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::{AppState, audit, fields, on_tx, paging};

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
    on_tx!(tx, c => sqlx::query("INSERT INTO organisations (id, parent_id, kind, name, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id).bind(parent_id).bind(kind).bind(name).bind(Utc::now()).execute(c).await.map(|r| r.rows_affected()))?;
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
        .ok_or_else(|| ApiError::not_found("organisation_not_found", "This organisation does not exist."))
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
        return Err(ApiError::forbidden("forbidden", "Only federation administrators create organisations."));
    }
    let name = fields::text("name", &body.name, 120, true, false)?;
    if body.kind == OrganisationKind::Federation {
        return Err(ApiError::invalid(
            "invalid_field",
            "There is one federation; create regional bodies or associations under it.",
        )
        .with_details(serde_json::json!({ "field": "kind" })));
    }
    let mut tx = state.db.begin_write().await?;
    let parent = load(&mut tx, body.parent_id)
        .await?
        .ok_or_else(|| ApiError::not_found("organisation_not_found", "The parent organisation does not exist."))?;
    if parent.kind == OrganisationKind::Association {
        return Err(ApiError::invalid("invalid_parent", "An association cannot hold other organisations."));
    }
    let kind = kind_to_str(&body.kind);
    let id = insert(&mut tx, Some(parent.id), kind, &name).await?;
    audit::record(
        &mut tx,
        Some(actor.person_id),
        "organisation.create",
        "organisation",
        Some(id),
        serde_json::json!({ "name": name, "kind": kind }),
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(Organisation { id, parent_id: Some(parent.id), kind: body.kind, name })))
}
