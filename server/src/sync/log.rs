//! The change log that pulls read: the latest state of every object in every scope that
//! shows it, each with the sequence number of its last change.
//!
//! A writing transaction collects its changes in a [`ChangeSet`] and calls [`commit`] last:
//! that takes the one-row counter with an `UPDATE` (a row lock held until the transaction
//! commits), so sequence numbers are handed out in commit order. A pull that has seen
//! sequence `n` has therefore seen every change numbered below `n`, on PostgreSQL with many
//! concurrent writers as on SQLite with one.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use fabrique_wire::sync::{Entity, EntityKind};
use uuid::Uuid;

use crate::db::{Db, Tx};
use crate::error::ApiResult;
use crate::on_tx;

/// The PostgreSQL channel that carries pokes between server instances.
pub const POKE_CHANNEL: &str = "fabrique_changes";

struct PendingChange {
    scope: String,
    kind: EntityKind,
    id: Uuid,
    data: Option<String>,
}

impl PendingChange {
    /// The change as a pull sends it: `fabrique_wire::sync::Change` in JSON.
    fn line(&self, seq: i64) -> String {
        let scope = serde_json::to_string(&self.scope).expect("a string serialises");
        let entity = match &self.data {
            Some(data) => format!(",\"entity\":{data}"),
            None => String::new(),
        };
        format!(
            "{{\"seq\":{seq},\"scope\":{scope},\"kind\":\"{}\",\"id\":\"{}\"{entity}}}",
            self.kind.as_str(),
            self.id
        )
    }
}

/// Changes made by one transaction, in order; a later change to the same object wins.
#[derive(Default)]
pub struct ChangeSet {
    items: Vec<PendingChange>,
}

impl ChangeSet {
    pub fn put(&mut self, scope: String, id: Uuid, entity: &Entity) {
        let data = serde_json::to_string(entity).expect("wire entities always serialise");
        self.items.push(PendingChange { scope, kind: entity.kind(), id, data: Some(data) });
    }

    pub fn delete(&mut self, scope: String, kind: EntityKind, id: Uuid) {
        self.items.push(PendingChange { scope, kind, id, data: None });
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }
}

/// Writes the changes with fresh sequence numbers; call it last in the transaction.
/// Returns the scopes that changed, for the pokes sent once the transaction commits.
pub async fn commit(tx: &mut Tx, changes: ChangeSet) -> ApiResult<Vec<String>> {
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    // Keep the last change of each object.
    let mut last: HashMap<(&str, EntityKind, Uuid), usize> = HashMap::new();
    for (i, change) in changes.items.iter().enumerate() {
        last.insert((change.scope.as_str(), change.kind, change.id), i);
    }
    let mut kept: Vec<usize> = last.into_values().collect();
    kept.sort_unstable();

    let count = kept.len() as i64;
    let end: i64 = on_tx!(tx, c => sqlx::query_scalar("UPDATE sync_counter SET value = value + $1 WHERE id = 1 RETURNING value")
        .bind(count).fetch_one(c).await)?;
    let now = Utc::now();
    let mut scopes: Vec<String> = Vec::new();
    for (offset, index) in kept.into_iter().enumerate() {
        let change = &changes.items[index];
        let seq = end - count + 1 + offset as i64;
        let line = change.line(seq);
        on_tx!(tx, c => sqlx::query("INSERT INTO sync_log (scope, kind, entity_id, seq, line, deleted, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                ON CONFLICT (scope, kind, entity_id) DO UPDATE SET seq = excluded.seq, line = excluded.line, deleted = excluded.deleted, changed_at = excluded.changed_at")
            .bind(&change.scope).bind(change.kind.as_str()).bind(change.id).bind(seq).bind(&line).bind(change.data.is_none()).bind(now)
            .execute(c).await.map(|r| r.rows_affected()))?;
        if !scopes.contains(&change.scope) {
            scopes.push(change.scope.clone());
        }
    }
    if tx.is_postgres() {
        // Delivered to every instance's listener when (and only if) the transaction commits.
        on_tx!(tx, c => sqlx::query("SELECT pg_notify($1, $2)").bind(POKE_CHANNEL).bind(crate::pokes::encode(&scopes)).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(scopes)
}

/// Forgets tombstones older than `before`. Cursors that had not yet seen them get a reset
/// on their next pull, so no deletion is ever missed.
pub async fn compact(db: &Db, before: DateTime<Utc>) -> ApiResult<u64> {
    let mut tx = db.begin_write().await?;
    // Take the counter first: no writer can commit a change while we decide.
    let _: i64 = on_tx!(&mut tx, c => sqlx::query_scalar("UPDATE sync_counter SET value = value WHERE id = 1 RETURNING value").fetch_one(c).await)?;
    let through: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT MAX(seq) FROM sync_log WHERE deleted AND changed_at < $1")
        .bind(before).fetch_one(c).await)?;
    let Some(through) = through else { return Ok(0) };
    let deleted = on_tx!(&mut tx, c => sqlx::query("DELETE FROM sync_log WHERE deleted AND seq <= $1").bind(through).execute(c).await.map(|r| r.rows_affected()))?;
    on_tx!(&mut tx, c => sqlx::query("UPDATE sync_counter SET compacted_through = $1 WHERE id = 1 AND compacted_through < $1").bind(through).execute(c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use fabrique_wire::groups::Following;
    use fabrique_wire::sync::Change;

    use super::*;

    #[test]
    fn a_stored_line_is_a_wire_change() {
        let id = Uuid::now_v7();
        let entity = Entity::Following(Following { group_id: id, person_id: id });
        let put = PendingChange {
            scope: "person:\"x\"".into(),
            kind: EntityKind::Following,
            id,
            data: Some(serde_json::to_string(&entity).unwrap()),
        };
        let change: Change = serde_json::from_str(&put.line(42)).unwrap();
        assert_eq!(
            change,
            Change { seq: 42, scope: "person:\"x\"".into(), kind: EntityKind::Following, id, entity: Some(entity) }
        );
        let delete = PendingChange { data: None, ..put };
        let change: Change = serde_json::from_str(&delete.line(43)).unwrap();
        assert_eq!(change.entity, None);
        assert_eq!(change.seq, 43);
    }
}
