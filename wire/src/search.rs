//! Search over what the caller may see: posts, groups and people (questions, answers and
//! events join as they land), ranked, with the matching words marked.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

/// Longest query, in characters.
pub const QUERY_MAX: usize = 200;

wire_type! {
    #[derive(Copy, Eq)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum SearchKind {
        Post,
        Group,
        Person,
        Question,
        Answer,
    }

    /// Characters `start..end` of a text to highlight (counted in Unicode scalar values).
    pub struct Mark {
        pub start: u32,
        pub end: u32,
    }

    pub struct Highlighted {
        pub text: String,
        pub marks: Vec<Mark>,
    }

    pub struct SearchResult {
        pub kind: SearchKind,
        pub id: Uuid,
        /// A post's title (or the start of its text), a group's or a person's name.
        pub title: Highlighted,
        /// Around the first match: a post's text, a group's description, a person's function,
        /// association and skills.
        pub snippet: Highlighted,
        pub group_id: Option<Uuid>,
        pub group_name: Option<String>,
        pub created_at: Option<DateTime<Utc>>,
        /// For an answer: the question it answers, which is what opens.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub question_id: Option<Uuid>,
    }
}
