//! How far a must-read message has reached, for its sender and for whoever speaks for its
//! audience (the federation's administrators; the organisation's managers; the group's
//! organisers). To anyone else it does not exist (404): names of recipients are seen only
//! within the sender's scope.
//!
//! The counts are one row (kept as acknowledgements and mails happen); the people are a
//! keyset page by name.

use axum::extract::State;
use fabrique_wire::Page;
use fabrique_wire::error::ErrorBody;
use fabrique_wire::must_reads::{MustReadReach, REACH_PAGE, ReachPerson, ReachState};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{MustReadRow, load, must_read_not_found, speaks_for};
use crate::auth::{Actor, AuthUser};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{Json, Path, Query};
use crate::{AppState, fields, on_tx, paging};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_reach)).routes(routes!(get_people))
}

/// The message, if `actor` may see its reach (404 otherwise, as for one that does not exist).
pub async fn visible_to(tx: &mut Tx, actor: &Actor, id: Uuid) -> ApiResult<MustReadRow> {
    let row = load(tx, id).await?.ok_or_else(must_read_not_found)?;
    if row.author_id == actor.person_id || speaks_for(tx, actor, &row.audience()).await? {
        Ok(row)
    } else {
        Err(must_read_not_found())
    }
}

impl MustReadRow {
    pub fn reach(&self) -> MustReadReach {
        let count = |n: i64| u64::try_from(n).unwrap_or(0);
        let (recipients, read_in_app, mailed) = (count(self.recipients), count(self.read_in_app), count(self.mailed));
        MustReadReach {
            id: self.id,
            title: self.title.clone(),
            audience_name: self.audience_name.clone(),
            created_at: self.created_at,
            mail_after: self.mail_after,
            recipients,
            read_in_app,
            mailed,
            not_reached: recipients.saturating_sub(read_in_app + mailed),
            mailing_done: self.mailing_done_at.is_some(),
        }
    }
}

/// The reach of a must-read message: how many read it in the app, how many were mailed, how
/// many neither yet.
#[utoipa::path(get, path = "/v1/must-reads/{id}/reach", tag = "must_reads", security(("bearer" = [])),
    responses((status = 200, body = MustReadReach), (status = 404, body = ErrorBody)))]
async fn get_reach(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<MustReadReach>> {
    let mut tx = state.db.begin_read().await?;
    let row = visible_to(&mut tx, &actor, id).await?;
    tx.commit().await?;
    Ok(Json(row.reach()))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct PeopleQuery {
    /// `read_in_app`, `mailed` or `not_reached` (default).
    state: Option<String>,
    cursor: Option<String>,
    limit: Option<u32>,
}

/// The condition on a recipient row (`r`) for each state.
fn condition(state: ReachState) -> &'static str {
    match state {
        ReachState::ReadInApp => "r.read_at IS NOT NULL",
        ReachState::Mailed => "r.read_at IS NULL AND r.mailed_at IS NOT NULL",
        ReachState::NotReached => "r.read_at IS NULL AND r.mailed_at IS NULL",
    }
}

/// One page of the recipients in one state, by name.
pub async fn people(
    tx: &mut Tx,
    id: Uuid,
    state: ReachState,
    cursor: &Option<String>,
    limit: i64,
) -> ApiResult<Page<ReachPerson>> {
    let (after_name, after_id): (String, Uuid) = paging::start_after(cursor, (String::new(), Uuid::nil()))?;
    let sql = format!(
        "SELECT r.person_id, p.display_name, o.name FROM must_read_recipients r JOIN people p ON p.id = r.person_id \
         JOIN organisations o ON o.id = p.organisation_id \
         WHERE r.must_read_id = $1 AND {} AND (p.display_name > $2 OR (p.display_name = $2 AND r.person_id > $3)) \
         ORDER BY p.display_name, r.person_id LIMIT $4",
        condition(state)
    );
    let rows: Vec<(Uuid, String, String)> = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).bind(&after_name).bind(after_id).bind(limit + 1).fetch_all(c).await)?;
    let items = rows
        .into_iter()
        .map(|(person_id, display_name, organisation_name)| ReachPerson {
            person_id,
            display_name,
            organisation_name,
            state,
        })
        .collect();
    Ok(paging::page(items, limit, |p: &ReachPerson| (p.display_name.clone(), p.person_id)))
}

/// Who read it in the app, who was mailed, who neither yet: names, a page at a time.
#[utoipa::path(get, path = "/v1/must-reads/{id}/people", tag = "must_reads", security(("bearer" = [])), params(PeopleQuery),
    responses((status = 200, body = Page<ReachPerson>), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_people(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
    Query(query): Query<PeopleQuery>,
) -> ApiResult<Json<Page<ReachPerson>>> {
    let wanted = match query.state.as_deref() {
        None => ReachState::NotReached,
        Some(text) => ReachState::parse(text).ok_or_else(|| {
            ApiError::bad_request(ErrorCode::InvalidQuery, "`state` is read_in_app, mailed or not_reached.")
        })?,
    };
    let limit = fields::page_limit(query.limit, REACH_PAGE, 500)?;
    let mut tx = state.db.begin_read().await?;
    visible_to(&mut tx, &actor, id).await?;
    let page = people(&mut tx, id, wanted, &query.cursor, limit).await?;
    tx.commit().await?;
    Ok(Json(page))
}
