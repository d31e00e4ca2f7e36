//! The scopes a person may read now: their own, each group they belong to or follow (public
//! groups only), and the admin side of each group they run.
//!
//! They are kept in `person_scopes`, granted and revoked in the same transaction as every
//! change to a person's memberships, roles or follows, so that a pull reads them in the
//! same single statement as the change counter.

use uuid::Uuid;

use crate::db::Tx;
use crate::error::ApiResult;
use crate::sync::log::ChangeSet;
use crate::{exec, on_tx};

/// `person_id` may now read `scope`. Their live channels learn it when `changes` commits
/// (they read their scopes again only then, not at every poke).
pub async fn grant(tx: &mut Tx, person_id: Uuid, scope: &str, changes: &mut ChangeSet) -> ApiResult<()> {
    changes.poke(crate::pokes::scopes_changed(person_id));
    exec!(
        tx,
        sqlx::query(
            "INSERT INTO person_scopes (person_id, scope) VALUES ($1, $2) ON CONFLICT (person_id, scope) DO NOTHING"
        )
        .bind(person_id)
        .bind(scope)
    )?;
    Ok(())
}

/// `person_id` may no longer read `scope`: their next pull purges it.
pub async fn revoke(tx: &mut Tx, person_id: Uuid, scope: &str, changes: &mut ChangeSet) -> ApiResult<()> {
    changes.poke(crate::pokes::scopes_changed(person_id));
    exec!(
        tx,
        sqlx::query("DELETE FROM person_scopes WHERE person_id = $1 AND scope = $2").bind(person_id).bind(scope)
    )?;
    Ok(())
}

/// The scopes as granted now, sorted.
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
