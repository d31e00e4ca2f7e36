//! The scopes a person may read now: their own, each group they belong to or follow (public
//! groups only), and the admin side of each group they run.
//!
//! They are kept in `person_scopes`, recomputed by [`refresh`] in the same transaction as
//! every change to a person's memberships, roles or follows, so that a pull reads them in
//! the same single statement as the change counter.

use fabrique_wire::sync::scope;
use uuid::Uuid;

use crate::db::Tx;
use crate::error::ApiResult;
use crate::on_tx;

/// The scopes from the memberships themselves.
async fn compute(tx: &mut Tx, person_id: Uuid) -> ApiResult<Vec<String>> {
    let rows: Vec<(Uuid, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT m.group_id, m.role FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.person_id = $1 AND g.deleted_at IS NULL \
         UNION ALL \
         SELECT f.group_id, 'follower' FROM group_followers f JOIN groups g ON g.id = f.group_id \
         WHERE f.person_id = $1 AND g.visibility = 'public' AND g.deleted_at IS NULL")
        .bind(person_id).fetch_all(c).await)?;
    let mut scopes = Vec::with_capacity(rows.len() + 1);
    scopes.push(scope::person(person_id));
    for (group_id, role) in rows {
        scopes.push(scope::group(group_id));
        if role == "organiser" || role == "admin" {
            scopes.push(scope::group_admin(group_id));
        }
    }
    scopes.sort();
    scopes.dedup();
    Ok(scopes)
}

/// Call after any change to `person_id`'s memberships, roles or follows.
pub async fn refresh(tx: &mut Tx, person_id: Uuid) -> ApiResult<()> {
    let scopes = compute(tx, person_id).await?;
    on_tx!(tx, c => sqlx::query("DELETE FROM person_scopes WHERE person_id = $1").bind(person_id).execute(c).await.map(|r| r.rows_affected()))?;
    for scope in &scopes {
        on_tx!(tx, c => sqlx::query("INSERT INTO person_scopes (person_id, scope) VALUES ($1, $2)")
            .bind(person_id).bind(scope).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// The scopes as last refreshed, sorted.
pub async fn read(tx: &mut Tx, person_id: Uuid) -> ApiResult<Vec<String>> {
    let scopes: Vec<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT scope FROM person_scopes WHERE person_id = $1 ORDER BY scope")
        .bind(person_id).fetch_all(c).await)?;
    Ok(scopes)
}

/// Splits the space-separated list a pull reads in one row (scopes never contain spaces).
pub fn split(joined: Option<&str>) -> Vec<String> {
    let mut scopes: Vec<String> =
        joined.unwrap_or_default().split(' ').filter(|s| !s.is_empty()).map(str::to_owned).collect();
    scopes.sort();
    scopes
}
