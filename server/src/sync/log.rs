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
use fabrique_wire::sync::{Entity, EntityKind, MutationOutcome};
use uuid::Uuid;

use crate::activity::Tally;
use crate::db::{Bind, Column, Db, Statements, Tx, rows_json};
use crate::error::ApiResult;
use crate::search::Entries;
use crate::{exec, on_tx};

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

/// Stable ids for relations that have no id of their own (a member, a request, a follow, an
/// answer to an event, a vote): the relation's kind and its two ends.
pub fn pair_id(kind: EntityKind, first: Uuid, second: Uuid) -> Uuid {
    let mut name = Vec::with_capacity(48);
    name.extend_from_slice(kind.as_str().as_bytes());
    name.extend_from_slice(first.as_bytes());
    name.extend_from_slice(second.as_bytes());
    Uuid::new_v5(&Uuid::NAMESPACE_OID, &name)
}

/// A device's mutation handled in the transaction (applied or refused): the client's progress
/// and the outcome a replay answers, written by [`commit`] with the others of its batch.
pub struct Progress {
    pub client_id: Uuid,
    pub mutation_id: i64,
    pub outcome: MutationOutcome,
}

/// Changes made by one transaction, in order; a later change to the same object wins.
#[derive(Default)]
pub struct ChangeSet {
    items: Vec<PendingChange>,
    /// Devices' mutations handled, in order (see [`Progress`]).
    progress: Vec<Progress>,
    /// What the transaction's writes count for the associations' activity.
    activity: Tally,
    /// Scopes to poke although nothing in them changed (see [`ChangeSet::poke`]).
    pokes: Vec<String>,
    /// Scopes were granted or revoked: their rows take this transaction's number.
    scopes_changed: bool,
    /// What changes in search, written with the rest.
    search: Entries,
}

impl ChangeSet {
    pub fn put(&mut self, scope: String, id: Uuid, entity: &Entity) {
        let data = serde_json::to_string(entity).expect("wire entities always serialise");
        self.items.push(PendingChange { scope, kind: entity.kind(), id, data: Some(data) });
    }

    pub fn delete(&mut self, scope: String, kind: EntityKind, id: Uuid) {
        self.items.push(PendingChange { scope, kind, id, data: None });
    }

    /// Pokes `scope` once the transaction commits, with no change in the log: what a live
    /// channel must react to without pulling (a session ended, see
    /// [`crate::pokes::sessions_changed`]).
    pub fn poke(&mut self, scope: String) {
        self.pokes.push(scope);
    }

    /// A person's scopes were granted or revoked in this transaction (by the scopes module,
    /// which calls this): [`commit`] gives their rows the transaction's number, which is how a
    /// cursor learns of them.
    pub fn scopes_changed(&mut self) {
        self.scopes_changed = true;
    }

    /// The objects this change set already changes, by scope and id (a later change to one
    /// of them would win over the earlier).
    pub fn changed(&self) -> std::collections::HashSet<(String, Uuid)> {
        self.items.iter().map(|item| (item.scope.clone(), item.id)).collect()
    }

    /// A device's mutation was handled: its outcome and the client's progress are written
    /// by [`commit`], in one statement for the whole batch.
    pub fn handled(&mut self, progress: Progress) {
        self.progress.push(progress);
    }

    /// The last mutation of `client_id` handled in this transaction and not yet written.
    pub fn last_handled(&self, client_id: Uuid) -> Option<i64> {
        self.progress.iter().rev().find(|p| p.client_id == client_id).map(|p| p.mutation_id)
    }

    /// The outcome of a mutation handled in this transaction and not yet written.
    pub fn handled_outcome(&self, client_id: Uuid, mutation_id: i64) -> Option<&MutationOutcome> {
        self.progress.iter().find(|p| p.client_id == client_id && p.mutation_id == mutation_id).map(|p| &p.outcome)
    }

    /// Activity counted by the transaction, written with its changes.
    pub fn activity(&mut self) -> &mut Tally {
        &mut self.activity
    }

    /// What the transaction changes in search (see [`crate::search::index`]), written with
    /// its changes.
    pub fn search(&mut self) -> &mut Entries {
        &mut self.search
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
            && self.pokes.is_empty()
            && !self.scopes_changed
            && self.progress.is_empty()
            && self.activity.is_empty()
            && self.search.is_empty()
    }

    /// Adds another transaction part's changes after these (a later change still wins).
    pub fn extend(&mut self, other: ChangeSet) {
        self.items.extend(other.items);
        self.pokes.extend(other.pokes);
        self.scopes_changed |= other.scopes_changed;
        self.progress.extend(other.progress);
        self.activity.extend(other.activity);
        self.search.extend(other.search);
    }
}

/// Writes the changes with fresh sequence numbers, then what the transaction counted and
/// handled (the devices' progress and outcomes, the activity), each in bulk: a few statements
/// for a whole batch of mutations, and two round trips on SQLite (the counter, then all the
/// writes in one string). Call it last in the transaction. Returns the scopes that
/// changed, for the pokes sent once the transaction commits.
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
    // Granted or revoked scopes take a number too (the last of the transaction's).
    let numbers = if changes.scopes_changed { count.max(1) } else { count };
    let end: i64 = if numbers == 0 {
        0
    } else {
        on_tx!(tx, c => sqlx::query_scalar("UPDATE sync_counter SET value = value + $1 WHERE id = 1 RETURNING value")
            .bind(numbers).fetch_one(c).await)?
    };
    // What follows answers nothing: one round trip on SQLite (`Statements`).
    let mut writes = Statements::default();
    if changes.scopes_changed {
        // Only this transaction's rows are unnumbered (other transactions' are not visible
        // to it, and are numbered when they commit).
        writes.push("UPDATE person_scopes SET seq = $1 WHERE seq IS NULL".to_owned(), vec![Bind::Integer(end)]);
    }
    let now = Utc::now();
    let mut scopes: Vec<String> = Vec::new();
    let rows: Vec<(&PendingChange, i64)> = kept
        .into_iter()
        .enumerate()
        .map(|(offset, index)| (&changes.items[index], end - count + 1 + offset as i64))
        .collect();
    for scope in rows.iter().map(|(change, _)| &change.scope).chain(&changes.pokes) {
        if !scopes.contains(scope) {
            scopes.push(scope.clone());
        }
    }
    // Many rows per statement: a change set of thousands (a fan-out) is a few statements.
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        write_rows(tx, &mut writes, chunk, now);
    }
    for chunk in changes.progress.chunks(ROWS_PER_STATEMENT) {
        write_progress(tx, &mut writes, chunk, now);
    }
    changes.activity.write(tx, &mut writes);
    changes.search.write(tx, &mut writes);
    writes.run(tx).await?;
    if tx.is_postgres() && !scopes.is_empty() {
        // Delivered to every instance's listener when (and only if) the transaction commits.
        exec!(
            tx,
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(crate::pokes::POKE_CHANNEL)
                .bind(crate::pokes::encode(&scopes))
        )?;
    }
    Ok(scopes)
}

/// Ends a write that is not the writer's batch (the console, an account's sessions, the
/// background work): the change log, the commit, then the pokes to open apps and to the
/// sessions this instance remembers, in that order, so that nothing is poked that is not on
/// disk and nothing on disk goes unpoked.
pub async fn commit_and_poke(mut tx: Tx, changes: ChangeSet, pokes: &crate::pokes::Pokes) -> ApiResult<()> {
    let scopes = commit(&mut tx, changes).await?;
    tx.commit().await?;
    pokes.after_commit(scopes);
    Ok(())
}

/// Rows written by one statement.
const ROWS_PER_STATEMENT: usize = 1000;

fn write_rows(tx: &Tx, writes: &mut Statements, rows: &[(&PendingChange, i64)], now: DateTime<Utc>) {
    let source = tx.json_rows(
        2,
        &[
            ("scope", Column::Text),
            ("kind", Column::Text),
            ("entity_id", Column::Uuid),
            ("seq", Column::Integer),
            ("line", Column::Text),
            ("deleted", Column::Bool),
        ],
    );
    let sql = format!(
        "INSERT INTO sync_log (scope, kind, entity_id, seq, line, deleted, changed_at) \
         SELECT r.scope, r.kind, r.entity_id, r.seq, r.line, r.deleted, $1 FROM {source} AS r WHERE true \
         ON CONFLICT (scope, kind, entity_id) DO UPDATE SET seq = excluded.seq, line = excluded.line, \
            deleted = excluded.deleted, changed_at = excluded.changed_at"
    );
    let rows: Vec<(&str, &str, Uuid, i64, String, bool)> = rows
        .iter()
        .map(|(change, seq)| {
            (change.scope.as_str(), change.kind.as_str(), change.id, *seq, change.line(*seq), change.data.is_none())
        })
        .collect();
    writes.push(sql, vec![Bind::Time(now), Bind::Text(rows_json(&rows))]);
}

/// The devices' progress (each client's last mutation) and the refusals among their
/// mutations, for replays: at most two statements for a batch of mutations.
///
/// A mutation at or below its client's last one that has no refusal recorded was applied
/// (`sync::push` answers a replay so): an applied mutation writes no row of its own.
/// Those rows would be most of a post's pages in the write-ahead log (one per client, at a
/// place of its own in the table's key), for nothing a replay needs.
fn write_progress(tx: &Tx, writes: &mut Statements, handled: &[Progress], now: DateTime<Utc>) {
    // Each client's last mutation. Its row exists: the mutation registered it before its
    // savepoint (`push::lock_client`), so a refusal undone does not undo it.
    let mut last: HashMap<Uuid, i64> = HashMap::new();
    for p in handled {
        let entry = last.entry(p.client_id).or_insert(p.mutation_id);
        *entry = (*entry).max(p.mutation_id);
    }
    let clients: Vec<(Uuid, i64)> = last.into_iter().collect();
    let source = tx.json_rows(1, &[("client_id", Column::Uuid), ("last_mutation_id", Column::Integer)]);
    let sql = format!(
        "UPDATE sync_clients SET last_mutation_id = r.last_mutation_id FROM {source} AS r \
         WHERE sync_clients.client_id = r.client_id"
    );
    writes.push(sql, vec![Bind::Text(rows_json(&clients))]);
    /// A refusal as stored: client, mutation, error code and message.
    type Refusal<'a> = (Uuid, i64, &'a str, &'a str);
    let refused: Vec<Refusal> = handled
        .iter()
        .filter_map(|p| match &p.outcome {
            MutationOutcome::Applied => None,
            MutationOutcome::Rejected { code, message } => {
                Some((p.client_id, p.mutation_id, code.as_str(), message.as_str()))
            }
        })
        .collect();
    if refused.is_empty() {
        return;
    }
    let source = tx.json_rows(
        2,
        &[
            ("client_id", Column::Uuid),
            ("mutation_id", Column::Integer),
            ("error_code", Column::Text),
            ("error_message", Column::Text),
        ],
    );
    let sql = format!(
        "INSERT INTO sync_mutations (client_id, mutation_id, outcome, error_code, error_message, processed_at) \
         SELECT r.client_id, r.mutation_id, 'rejected', r.error_code, r.error_message, $1 FROM {source} AS r"
    );
    writes.push(sql, vec![Bind::Time(now), Bind::Text(rows_json(&refused))]);
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
    let deleted = exec!(&mut tx, sqlx::query("DELETE FROM sync_log WHERE deleted AND seq <= $1").bind(through))?;
    // Revoked scopes likewise: a cursor from before `through` is reset, so none needs them.
    exec!(&mut tx, sqlx::query("DELETE FROM person_scopes WHERE revoked AND seq <= $1").bind(through))?;
    exec!(
        &mut tx,
        sqlx::query("UPDATE sync_counter SET compacted_through = $1 WHERE id = 1 AND compacted_through < $1")
            .bind(through)
    )?;
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
