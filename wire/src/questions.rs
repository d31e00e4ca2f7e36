//! Questions asked to groups, their answers (one of which the asker or a moderator
//! accepts), and comments on answers. A question lives in the scope of each of its groups.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

pub const TITLE_MAX: usize = 200;
pub const DETAILS_MAX: usize = 10_000;
pub const ANSWER_MAX: usize = 10_000;
pub const COMMENT_MAX: usize = 2_000;
/// Groups one question may be asked in at once.
pub const GROUPS_MAX: usize = 5;

wire_type! {
    #[derive(Copy, Eq)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum QuestionState {
        Open,
        /// An answer was accepted.
        Answered,
    }

    pub struct Question {
        pub id: Uuid,
        pub group_ids: Vec<Uuid>,
        pub author_id: Uuid,
        pub author_name: String,
        pub title: String,
        pub details: String,
        pub tags: Vec<String>,
        pub state: QuestionState,
        pub accepted_answer_id: Option<Uuid>,
        /// Computed by the server.
        pub answer_count: i64,
        /// 0: not escalated; 1: sent to the groups' organisers; 2: sent to the federation's group.
        pub escalation_level: i64,
        pub created_at: DateTime<Utc>,
        pub edited_at: Option<DateTime<Utc>>,
    }

    pub struct Answer {
        pub id: Uuid,
        pub question_id: Uuid,
        pub author_id: Uuid,
        pub author_name: String,
        pub body: String,
        pub accepted: bool,
        pub created_at: DateTime<Utc>,
        pub edited_at: Option<DateTime<Utc>>,
    }

    pub struct AnswerComment {
        pub id: Uuid,
        pub answer_id: Uuid,
        pub question_id: Uuid,
        pub author_id: Uuid,
        pub author_name: String,
        pub body: String,
        pub created_at: DateTime<Utc>,
    }

    /// In the person's own scope: a question they follow.
    pub struct QuestionFollow {
        pub question_id: Uuid,
        pub person_id: Uuid,
    }

    /// A question with its answers and their comments, read online (for a question from a
    /// group the device does not hold).
    pub struct QuestionThread {
        pub question: Question,
        pub answers: Vec<Answer>,
        pub comments: Vec<AnswerComment>,
    }

    /// Where unanswered questions go after the groups' organisers. A misspelt field is
    /// refused (it would otherwise clear the setting).
    #[serde(deny_unknown_fields)]
    pub struct EscalationSettings {
        pub federation_group_id: Option<Uuid>,
    }
}

wire_type! {
    /// A question to ask in one or more groups one belongs to: the mutation `ask_question`.
    #[serde(deny_unknown_fields)]
    pub struct NewQuestion {
        pub id: Uuid,
        pub group_ids: Vec<Uuid>,
        pub title: String,
        #[serde(default)]
        pub details: String,
        #[serde(default)]
        pub tags: Vec<String>,
        #[serde(default)]
        pub attachments: Vec<Uuid>,
    }
}
