//! The scopes a person may read now: their own, each group they belong to or follow (public
//! groups only), and the admin side of each group they run.
//!
//! They are kept in `person_scopes`, granted and revoked in the same transaction as every
//! change to a person's memberships, roles or follows, so that a pull reads them in the
//! same single statement as the change counter. Each row carries the change number of its
//! last grant or revocation (given by [`crate::sync::log::commit`]), and a revoked scope stays
//! as a tombstone until the change log is compacted past it: a cursor then only needs the
//! number up to which it took them into account, not the list of scopes it holds.

use uuid::Uuid;

use crate::db::Tx;
use crate::error::ApiResult;
use crate::sync::log::ChangeSet;
use crate::{exec, on_tx};

/// `person_id` may now read `scope`. Their live channels learn it when `changes` commits
/// (they read their scopes again only then, not at every poke).
pub async fn grant(tx: &mut Tx, person_id: Uuid, scope: &str, changes: &mut ChangeSet) -> ApiResult<()> {
    changes.poke(crate::pokes::scopes_changed(person_id));
    changes.scopes_changed();
    // A scope already granted is left as it is (its devices hold it); one revoked is granted
    // again marked, so that devices purge whatever they kept of it before it comes afresh
    // (a purge of a scope a device never had does nothing).
    exec!(
        tx,
        sqlx::query(
            "INSERT INTO person_scopes (person_id, scope, seq, revoked, regranted) VALUES ($1, $2, NULL, false, false) \
             ON CONFLICT (person_id, scope) DO UPDATE SET seq = NULL, revoked = false, regranted = true \
             WHERE person_scopes.revoked"
        )
        .bind(person_id)
        .bind(scope)
    )?;
    Ok(())
}

/// `person_id` may no longer read `scope`: their next pull purges it.
pub async fn revoke(tx: &mut Tx, person_id: Uuid, scope: &str, changes: &mut ChangeSet) -> ApiResult<()> {
    changes.poke(crate::pokes::scopes_changed(person_id));
    changes.scopes_changed();
    exec!(
        tx,
        sqlx::query(
            "UPDATE person_scopes SET seq = NULL, revoked = true WHERE person_id = $1 AND scope = $2 AND NOT revoked"
        )
        .bind(person_id)
        .bind(scope)
    )?;
    Ok(())
}

/// The scopes as granted now, sorted.
pub async fn read(tx: &mut Tx, person_id: Uuid) -> ApiResult<Vec<String>> {
    let scopes: Vec<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT scope FROM person_scopes WHERE person_id = $1 AND NOT revoked ORDER BY scope")
        .bind(person_id).fetch_all(c).await)?;
    Ok(scopes)
}

/// What a pull reads of one scope row.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeRow {
    pub scope: String,
    /// The change number of its last grant or revocation.
    pub seq: i64,
    pub state: ScopeState,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScopeState {
    Granted,
    /// Granted again after a revocation: devices purge what they kept before it comes again.
    Regranted,
    Revoked,
}

impl ScopeRow {
    pub fn visible(&self) -> bool {
        self.state != ScopeState::Revoked
    }
}

/// The SQL expression a pull aggregates the person's rows with (`string_agg(…, ' ')`), read
/// back by [`rows`]: `scope|seq|state` (scopes never contain spaces).
pub const ROW_TEXT: &str = "scope || '|' || COALESCE(seq, 0) || '|' || \
    CASE WHEN revoked THEN 'r' WHEN regranted THEN 'g' ELSE 'v' END";

/// The rows aggregated with [`ROW_TEXT`], sorted by scope.
pub fn rows(joined: Option<&str>) -> Vec<ScopeRow> {
    let mut rows: Vec<ScopeRow> = joined
        .unwrap_or_default()
        .split(' ')
        .filter_map(|text| {
            let mut parts = text.rsplitn(3, '|');
            let state = match parts.next()? {
                "r" => ScopeState::Revoked,
                "g" => ScopeState::Regranted,
                _ => ScopeState::Granted,
            };
            let seq = parts.next()?.parse().ok()?;
            let scope = parts.next().filter(|s| !s.is_empty())?.to_owned();
            Some(ScopeRow { scope, seq, state })
        })
        .collect();
    rows.sort_by(|a, b| a.scope.cmp(&b.scope));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_back_sorted() {
        let read = rows(Some("group:b|7|v person:a|0|v group:c|12|r group:a|9|g"));
        assert_eq!(
            read,
            vec![
                ScopeRow { scope: "group:a".into(), seq: 9, state: ScopeState::Regranted },
                ScopeRow { scope: "group:b".into(), seq: 7, state: ScopeState::Granted },
                ScopeRow { scope: "group:c".into(), seq: 12, state: ScopeState::Revoked },
                ScopeRow { scope: "person:a".into(), seq: 0, state: ScopeState::Granted },
            ]
        );
        assert!(rows(None).is_empty());
        assert!(rows(Some("")).is_empty());
    }
}
