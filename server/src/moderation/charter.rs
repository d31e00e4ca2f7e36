//! The charter: versioned text that administrators publish from the console; the newest
//! version is in force, and a person accepts it (from the app) before taking part. Until
//! then the server refuses what they would publish ([`Standing::check_may_take_part`]), and the app
//! shows the charter before its composers.

use axum::extract::State;
use chrono::{DateTime, Utc};
use fabrique_wire::error::ErrorBody;
use fabrique_wire::moderation::Charter;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::{Actor, AuthUser};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::Json;
use crate::{AppState, audit, exec, fields, on_tx};

/// Longest charter text.
pub const CHARTER_MAX: usize = 50_000;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_charter))
}

#[derive(sqlx::FromRow, Clone)]
pub struct Version {
    pub version: i64,
    pub text: String,
    pub published_at: DateTime<Utc>,
}

pub async fn current(tx: &mut Tx) -> ApiResult<Option<Version>> {
    let row: Option<Version> = on_tx!(tx, c => sqlx::query_as("SELECT version, text, published_at FROM charter_versions ORDER BY version DESC LIMIT 1")
        .fetch_optional(c).await)?;
    Ok(row)
}

/// The draft a federation administrator is writing (not in force, seen by no member).
pub async fn draft(tx: &mut Tx) -> ApiResult<Option<String>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT value FROM settings WHERE key = 'charter_draft'").fetch_optional(c).await)?,
    )
}

/// Keeps a draft of the next version (federation administrators), checked as a version is.
pub async fn save_draft(tx: &mut Tx, actor: &Actor, text: &str) -> ApiResult<String> {
    if !actor.is_federation_admin {
        return Err(ApiError::forbidden(ErrorCode::Forbidden, "Only federation administrators write the charter."));
    }
    let text = fields::text("text", text, CHARTER_MAX, fields::Presence::Required, fields::Lines::Many)?;
    exec!(tx, sqlx::query("INSERT INTO settings (key, value) VALUES ('charter_draft', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(&text))?;
    Ok(text)
}

/// Publishes a new version, in force at once; everyone accepts it again. The draft is done.
pub async fn publish(tx: &mut Tx, actor: &Actor, text: &str) -> ApiResult<i64> {
    if !actor.is_federation_admin {
        return Err(ApiError::forbidden(ErrorCode::Forbidden, "Only federation administrators publish the charter."));
    }
    let text = fields::text("text", text, CHARTER_MAX, fields::Presence::Required, fields::Lines::Many)?;
    let version: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM charter_versions").fetch_one(c).await)?;
    exec!(tx, sqlx::query("DELETE FROM settings WHERE key = 'charter_draft'"))?;
    exec!(
        tx,
        sqlx::query("INSERT INTO charter_versions (version, text, published_by, published_at) VALUES ($1, $2, $3, $4)")
            .bind(version)
            .bind(&text)
            .bind(actor.person_id)
            .bind(Utc::now())
    )?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::CharterPublish,
        "charter",
        None,
        serde_json::json!({ "version": version }),
    )
    .await?;
    Ok(version)
}

/// A person accepts the version in force (accepting it again changes nothing).
pub async fn accept_charter(tx: &mut Tx, actor: &Actor, version: i64) -> ApiResult<()> {
    let current = current(tx).await?;
    match current {
        Some(current) if current.version == version => {}
        Some(_) => {
            return Err(ApiError::conflict(
                ErrorCode::CharterOutdated,
                "A newer version of the charter is in force: read it and accept that one.",
            ));
        }
        None => return Err(ApiError::not_found(ErrorCode::NoCharter, "No charter is published yet.")),
    }
    exec!(tx, sqlx::query("INSERT INTO charter_acceptances (person_id, version, accepted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(actor.person_id).bind(version).bind(Utc::now()))?;
    exec!(tx, sqlx::query("UPDATE people SET charter_version = $1 WHERE id = $2").bind(version).bind(actor.person_id))?;
    Ok(())
}

/// What decides whether a person may publish now: a suspension, and which version of the
/// charter they accepted against the one in force. Read in the statement that opens each
/// mutation of a push (`sync::push`), in the mutation's transaction, so that an acceptance or
/// a suspension earlier in the same batch counts.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Standing {
    pub suspended_until: Option<DateTime<Utc>>,
    pub charter_accepted: Option<i64>,
    pub charter_in_force: Option<i64>,
}

impl Standing {
    /// SQL for the standing's columns, of the person whose id is bound at `$param`, to add to
    /// a statement's `SELECT` or `RETURNING` list.
    pub fn columns(param: usize) -> String {
        format!(
            "(SELECT suspended_until FROM people WHERE id = ${param}) AS suspended_until, \
             (SELECT charter_version FROM people WHERE id = ${param}) AS charter_accepted, \
             (SELECT MAX(version) FROM charter_versions) AS charter_in_force"
        )
    }

    /// Whether the person may publish now: not suspended, and the charter in force accepted
    /// (the mutations that publish, `Mutation::publishes`).
    pub fn check_may_take_part(&self, now: DateTime<Utc>) -> ApiResult<()> {
        super::check_not_suspended(self.suspended_until, now)?;
        match self.charter_in_force {
            Some(in_force) if self.charter_accepted.unwrap_or(0) < in_force => Err(ApiError::forbidden(
                ErrorCode::CharterNotAccepted,
                "Read and accept the charter before taking part: what you wrote is kept and sent once you accept it.",
            )),
            _ => Ok(()),
        }
    }
}

#[derive(sqlx::FromRow)]
pub struct Acceptance {
    pub person_id: Uuid,
    pub display_name: String,
    pub organisation_name: String,
    pub accepted_at: DateTime<Utc>,
}

/// Who accepted a version, most recent first, a page at a time (within the admin's scope).
pub async fn acceptances(
    tx: &mut Tx,
    scope: &crate::auth::AdminScope,
    version: i64,
    limit: i64,
    offset: i64,
) -> ApiResult<Vec<Acceptance>> {
    let sql = format!(
        "SELECT a.person_id, p.display_name, o.name AS organisation_name, a.accepted_at FROM charter_acceptances a \
         JOIN people p ON p.id = a.person_id JOIN organisations o ON o.id = p.organisation_id \
         WHERE a.version = $2 AND {} ORDER BY a.accepted_at DESC, a.person_id LIMIT $3 OFFSET $4",
        crate::auth::in_scope(tx, "p.organisation_id", 1)
    );
    let scope = scope.as_json();
    let rows: Vec<Acceptance> = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(&scope).bind(version).bind(limit).bind(offset).fetch_all(c).await)?;
    Ok(rows)
}

/// The charter in force, and whether the caller accepted it.
#[utoipa::path(get, path = "/v1/charter", tag = "moderation", security(("bearer" = [])),
    responses((status = 200, body = Charter), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_charter(State(state): State<AppState>, AuthUser(actor): AuthUser) -> ApiResult<Json<Charter>> {
    let mut tx = state.db.begin_read().await?;
    let charter = current(&mut tx)
        .await?
        .ok_or_else(|| ApiError::not_found(ErrorCode::NoCharter, "No charter is published yet."))?;
    let accepted: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT charter_version FROM people WHERE id = $1")
        .bind(actor.person_id).fetch_one(c).await)?;
    tx.commit().await?;
    Ok(Json(Charter {
        version: charter.version,
        text: charter.text,
        published_at: charter.published_at,
        accepted: accepted == Some(charter.version),
    }))
}
