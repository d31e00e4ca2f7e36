//! Polls in groups: a question with options, single or multiple choice, anonymous or named,
//! closing at a date (or earlier, by an organiser). A poll lives in its group's scope; each
//! person's vote lives in their person scope. Counts travel with the poll only once it is
//! closed; before, who may see them reads them over REST (`GET /v1/polls/{id}/results`).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

pub const QUESTION_MAX: usize = 300;
pub const OPTION_MAX: usize = 200;
pub const OPTIONS_MIN: usize = 2;
pub const OPTIONS_MAX: usize = 20;
/// How far ahead a poll may close.
pub const DURATION_MAX_DAYS: i64 = 365;
/// Voters named per option in the results of a named poll.
pub const VOTERS_SHOWN_MAX: usize = 1_000;

wire_type! {
    /// When the members see the results.
    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum ResultsShown {
        /// As soon as one has voted (and by everyone once closed).
        AfterVoting,
        /// Only once the poll is closed (organisers see them all along).
        AfterClosing,
    }

    pub struct PollOption {
        /// Its place in the list, from 0: what a vote names.
        pub index: u32,
        pub text: String,
        /// Filled once the poll is closed.
        pub votes: Option<i64>,
    }

    /// In its group's scope.
    pub struct Poll {
        pub id: Uuid,
        pub group_id: Uuid,
        pub author_id: Uuid,
        pub author_name: String,
        pub question: String,
        pub options: Vec<PollOption>,
        /// Several options may be chosen.
        pub multiple: bool,
        /// Nobody, organisers included, sees who voted what.
        pub anonymous: bool,
        pub results_shown: ResultsShown,
        pub closes_at: DateTime<Utc>,
        pub closed: bool,
        /// How many people voted.
        pub voter_count: i64,
        pub created_at: DateTime<Utc>,
    }

    /// In the person's scope: one's own vote (absent when one has not voted).
    pub struct MyVote {
        pub poll_id: Uuid,
        pub group_id: Uuid,
        pub choices: Vec<u32>,
        pub voted_at: DateTime<Utc>,
    }

    pub struct OptionResult {
        pub index: u32,
        pub text: String,
        pub votes: i64,
        /// Who chose it (named polls only; at most [`VOTERS_SHOWN_MAX`]).
        pub voters: Vec<String>,
    }

    /// `GET /v1/polls/{id}/results`.
    pub struct PollResults {
        pub poll_id: Uuid,
        pub closed: bool,
        pub voter_count: i64,
        pub options: Vec<OptionResult>,
    }
}

wire_type! {
    /// A poll to open, by an organiser of the group: the mutation `create_poll`.
    #[serde(deny_unknown_fields)]
    pub struct NewPoll {
        pub id: Uuid,
        pub group_id: Uuid,
        pub question: String,
        pub options: Vec<String>,
        #[serde(default)]
        pub multiple: bool,
        #[serde(default)]
        pub anonymous: bool,
        pub results_shown: ResultsShown,
        pub closes_at: chrono::DateTime<chrono::Utc>,
    }
}
