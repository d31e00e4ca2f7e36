//! Polls: what a shell sends, the results read online, and how a poll is shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use fabrique_wire::polls::PollResults;
use facet::Facet;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Facet, Serialize, Deserialize, Debug)]
#[repr(C)]
pub enum PollsEvent {
    /// My choices (option indexes); none takes my vote back.
    Vote { poll_id: String, choices: Vec<u32> },
    /// Organisers: close before the date.
    Close { poll_id: String },
    /// Organisers: a new poll in the group; `closes_at` is RFC 3339 (the shell's date picker).
    Create {
        group_id: String,
        question: String,
        options: Vec<String>,
        multiple: bool,
        anonymous: bool,
        results_after_voting: bool,
        closes_at: String,
    },
    /// Sync's news: a pull ended, votes may have changed the results of the polls on screen.
    /// Only the core creates these.
    #[serde(skip)]
    #[facet(skip)]
    Pulled { epoch: u64 },
}

/// Results of open polls, read online: only the server counts votes before the close.
#[derive(Debug, Default)]
pub struct ResultsRead {
    pub(super) results: HashMap<Uuid, PollResults>,
    pub(super) tags: HashMap<Uuid, u64>,
}

impl ResultsRead {
    pub fn is_fresh(&self, poll_id: Uuid, tag: u64) -> bool {
        self.tags.get(&poll_id) == Some(&tag)
    }

    pub fn answered(&mut self, poll_id: Uuid, result: Result<PollResults, crate::api::Failure>) {
        self.tags.remove(&poll_id);
        match result {
            Ok(results) => {
                self.results.insert(poll_id, results);
            }
            // Not (or no longer) to be shown to me: the hint says when they will be.
            Err(crate::api::Failure::Refused { .. }) => {
                self.results.remove(&poll_id);
            }
            // Offline: what was read last stays.
            Err(_) => {}
        }
    }
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PollView {
    pub id: String,
    pub question: String,
    pub author_name: String,
    pub options: Vec<PollOptionView>,
    pub multiple: bool,
    pub anonymous: bool,
    pub closed: bool,
    /// RFC 3339.
    pub closes_at: String,
    /// When voting ends (or ended), as people read it.
    pub closes_when: String,
    pub voter_count: i64,
    /// I voted (my choices are the options marked `chosen`).
    pub voted: bool,
    pub can_vote: bool,
    /// Organisers, before it closes.
    pub can_close: bool,
    /// When the results show, while they do not.
    pub results_hint: Option<String>,
    /// My vote or my closing waits to be sent.
    pub pending: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PollOptionView {
    pub index: u32,
    pub text: String,
    pub chosen: bool,
    /// Once closed; before, to its organisers, and to those who voted when it shows results
    /// after voting.
    pub votes: Option<i64>,
    /// Who chose it, in a named poll, when the results show.
    pub voters: Vec<String>,
}
