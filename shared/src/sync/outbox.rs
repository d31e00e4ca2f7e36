//! The durable outbox: a person's writes, numbered 1, 2, 3, ... for this device, kept on the
//! device until a pull shows the server has them (DESIGN.md §5).
//!
//! A mutation goes through three states: *saved* (written to the device's storage; only then
//! is it shown and sent), *answered* (a push said applied: still shown on top of the store
//! until the pull that carries its effect), *gone* (a pull covered it, or the server rejected
//! it: then it moves to `failed` so the person is told).

use fabrique_wire::sync::{ClientMutation, MAX_PUSH_MUTATIONS, Mutation, MutationOutcome, MutationResult};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::attachments::types::Uploads;

/// How the outbox is written, format by format: each change gets a migration from the one
/// before, so the writes an older version kept are read (and sent) after an update.
///
/// - format 1 (until December 2026): the outbox itself, with no format number;
/// - format 2: `{"format": 2, "value": <the outbox>}`.
pub const OUTBOX_MIGRATIONS: &[crate::storage::Migration] = &[from_format_1];

pub const OUTBOX_FORMAT: u64 = OUTBOX_MIGRATIONS.len() as u64 + 1;

fn from_format_1(outbox: serde_json::Value) -> serde_json::Value {
    serde_json::json!({ "format": 2, "value": outbox })
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outbox {
    /// This device's id for the person's writes (a client id belongs to one person).
    pub client_id: Uuid,
    /// The number the next write gets.
    pub next_id: u64,
    /// In order: saved or answered, not yet covered by a pull.
    pub pending: Vec<ClientMutation>,
    /// Highest id the server answered for.
    pub answered_through: u64,
    /// Refused by the server: shown to the person until they dismiss it.
    pub failed: Vec<FailedWrite>,
    /// The files of the person's forms and writes (a write waits for its files).
    #[serde(default)]
    pub uploads: Uploads,
    /// Writes up to this id are in the device's storage (not itself saved: what was loaded was saved).
    #[serde(skip)]
    pub saved_through: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FailedWrite {
    pub id: u64,
    pub mutation: Mutation,
    pub code: String,
}

impl Outbox {
    pub fn new(client_id: Uuid) -> Self {
        Outbox {
            client_id,
            next_id: 1,
            pending: Vec::new(),
            answered_through: 0,
            failed: Vec::new(),
            uploads: Uploads::default(),
            saved_through: 0,
        }
    }

    /// What was read back from storage is saved by definition.
    pub fn loaded(mut self) -> Self {
        self.saved_through = self.next_id - 1;
        self
    }

    /// Add a write; it is shown and sent once [`Outbox::saved`] confirms it.
    pub fn add(&mut self, mutation: Mutation) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.pending.push(ClientMutation { id, mutation });
        id
    }

    /// The storage holds everything up to `id`.
    pub fn saved(&mut self, id: u64) {
        self.saved_through = self.saved_through.max(id);
    }

    /// A write that could not be saved on the device is taken back (the person is told).
    pub fn unsaved(&mut self, through: u64) {
        self.pending.retain(|m| m.id <= self.saved_through || m.id > through);
        if self.pending.last().is_none_or(|m| m.id < self.next_id - 1) {
            self.next_id = self.pending.last().map_or(self.answered_through.max(self.saved_through), |m| m.id) + 1;
        }
    }

    /// Writes shown to the person on top of the store: saved, not yet covered by a pull.
    pub fn visible(&self) -> impl Iterator<Item = &ClientMutation> + '_ {
        self.pending.iter().filter(move |m| m.id <= self.saved_through)
    }

    /// Saved writes the server has not answered yet: the next push. It stops before the
    /// first write whose files are not all uploaded: writes go in order.
    pub fn to_send(&self) -> Vec<ClientMutation> {
        self.unsent().take(MAX_PUSH_MUTATIONS).cloned().collect()
    }

    fn unsent(&self) -> impl Iterator<Item = &ClientMutation> + '_ {
        self.pending
            .iter()
            .filter(move |m| m.id > self.answered_through && m.id <= self.saved_through)
            .take_while(move |m| self.uploads.ready(m.mutation.attachments()))
    }

    pub fn has_unsent(&self) -> bool {
        self.unsent().next().is_some()
    }

    /// Forget the files of writes no longer pending.
    fn tidy_uploads(&mut self) {
        let named = self.pending.iter().flat_map(|m| m.mutation.attachments().iter().copied()).collect();
        self.uploads.forget_unnamed(&named);
    }

    /// Not yet covered by a pull (what the "not sent yet" count shows).
    pub fn waiting(&self) -> usize {
        self.visible().count()
    }

    /// A push answered: rejected writes leave (and are remembered as failed), applied ones
    /// stay shown until the pull that carries them.
    pub fn answered(&mut self, results: &[MutationResult], last_mutation_id: u64) -> Vec<FailedWrite> {
        let mut failed = Vec::new();
        for result in results {
            if let MutationOutcome::Rejected { code, .. } = &result.outcome
                && let Some(index) = self.pending.iter().position(|m| m.id == result.id)
            {
                let removed = self.pending.remove(index);
                failed.push(FailedWrite { id: removed.id, mutation: removed.mutation, code: code.clone() });
            }
        }
        self.answered_through = self.answered_through.max(last_mutation_id);
        self.failed.extend(failed.iter().cloned());
        self.tidy_uploads();
        failed
    }

    /// A pull shows the effect of every write up to `last_mutation_id`.
    pub fn covered(&mut self, last_mutation_id: u64) {
        self.pending.retain(|m| m.id > last_mutation_id);
        self.answered_through = self.answered_through.max(last_mutation_id);
        self.tidy_uploads();
    }

    /// The server holds fewer writes than this device believed (its data was restored from a
    /// backup): number the writes again from what it expects, so none is lost.
    pub fn renumber_from(&mut self, expected: u64) {
        let mut id = expected;
        let saved = self.saved_through;
        let mut new_saved = expected.saturating_sub(1);
        for m in &mut self.pending {
            if m.id <= saved {
                new_saved = id;
            }
            m.id = id;
            id += 1;
        }
        self.next_id = id;
        self.saved_through = new_saved;
        self.answered_through = expected.saturating_sub(1);
    }

    pub fn dismiss_failed(&mut self, id: u64) {
        self.failed.retain(|f| f.id != id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leave(n: u128) -> Mutation {
        Mutation::LeaveGroup { group_id: Uuid::from_u128(n) }
    }

    #[test]
    fn a_write_is_sent_only_once_saved() {
        let mut outbox = Outbox::new(Uuid::nil());
        let id = outbox.add(leave(1));
        assert!(outbox.to_send().is_empty());
        assert_eq!(outbox.visible().count(), 0);
        outbox.saved(id);
        assert_eq!(outbox.to_send().len(), 1);
        assert_eq!(outbox.waiting(), 1);
    }

    #[test]
    fn an_applied_write_stays_shown_until_a_pull_covers_it() {
        let mut outbox = Outbox::new(Uuid::nil());
        let id = outbox.add(leave(1));
        outbox.saved(id);
        outbox.answered(&[MutationResult { id, outcome: MutationOutcome::Applied }], id);
        assert!(outbox.to_send().is_empty());
        assert_eq!(outbox.waiting(), 1);
        outbox.covered(id);
        assert_eq!(outbox.waiting(), 0);
    }

    #[test]
    fn a_rejected_write_leaves_and_is_remembered_as_failed() {
        let mut outbox = Outbox::new(Uuid::nil());
        let id = outbox.add(leave(1));
        outbox.saved(id);
        let outcome = MutationOutcome::Rejected { code: "not_a_member".into(), message: "no".into() };
        let failed = outbox.answered(&[MutationResult { id, outcome }], id);
        assert_eq!(failed.len(), 1);
        assert_eq!(outbox.waiting(), 0);
        assert_eq!(outbox.failed.len(), 1);
    }

    #[test]
    fn renumbering_keeps_every_write_in_order() {
        let mut outbox = Outbox::new(Uuid::nil());
        for n in 0..3 {
            let id = outbox.add(leave(n));
            outbox.saved(id);
        }
        outbox.renumber_from(1);
        assert_eq!(outbox.to_send().iter().map(|m| m.id).collect::<Vec<_>>(), vec![1, 2, 3]);
        outbox.answered(&[], 0);
        let mut outbox2 = outbox.clone();
        outbox2.renumber_from(7);
        assert_eq!(outbox2.to_send().iter().map(|m| m.id).collect::<Vec<_>>(), vec![7, 8, 9]);
        assert_eq!(outbox2.next_id, 10);
    }

    #[test]
    fn a_write_that_could_not_be_saved_is_taken_back() {
        let mut outbox = Outbox::new(Uuid::nil());
        let first = outbox.add(leave(1));
        outbox.saved(first);
        let second = outbox.add(leave(2));
        outbox.unsaved(second);
        assert_eq!(outbox.pending.len(), 1);
        assert_eq!(outbox.next_id, 2);
    }
}
