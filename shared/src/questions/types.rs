//! Questions and answers: what a shell sends, the ask form, the pages read online, and how questions are shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use fabrique_wire::questions::{Question, QuestionThread};
use facet::Facet;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::attachments::types::AttachmentView;
use crate::i18n::Text;

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum QuestionsEvent {
    /// Open the form to ask a question in this group.
    StartAsk {
        group_id: String,
    },
    /// What the form holds, as the person types: answered questions like the title are suggested.
    AskChanged {
        group_ids: Vec<String>,
        title: String,
        details: String,
        tags: Vec<String>,
    },
    SubmitAsk,
    CancelAsk,
    Accept {
        question_id: String,
        answer_id: String,
    },
    Follow {
        id: String,
    },
    Unfollow {
        id: String,
    },
    DeleteQuestion {
        id: String,
    },
    DeleteAnswer {
        id: String,
    },
    /// More of "questions for me".
    MoreForMe,
}

#[derive(Debug, Default)]
pub struct AskForm {
    pub group_ids: Vec<Uuid>,
    pub title: String,
    pub details: String,
    pub tags: Vec<String>,
    pub suggestions: Vec<Question>,
    pub suggestions_tag: Option<u64>,
    pub error: Option<Text>,
}

#[derive(Debug)]
pub struct QuestionPage {
    pub id: Uuid,
    pub thread: Option<QuestionThread>,
    pub tag: Option<u64>,
    pub error: Option<Text>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct QuestionSummary {
    pub id: String,
    pub title: String,
    pub details: String,
    pub author_name: String,
    pub group_names: Vec<String>,
    pub tags: Vec<String>,
    pub answered: bool,
    pub answer_count: u32,
    /// "1 réponse", "3 réponses".
    pub answers_label: String,
    /// Sent on to the organisers (or the federation) for want of an answer.
    pub escalated: bool,
    pub created_at: String,
    pub following: bool,
    pub pending: bool,
    pub pending_label: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct QuestionView {
    pub id: String,
    pub question: Option<QuestionSummary>,
    pub answers: Vec<AnswerView>,
    pub loading: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
    pub can_answer: bool,
    pub can_accept: bool,
    pub can_delete: bool,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AnswerView {
    pub id: String,
    pub author_name: String,
    pub body: String,
    pub accepted: bool,
    pub created_at: String,
    /// "Name : text", oldest first.
    pub comments: Vec<String>,
    pub pending: bool,
    pub pending_label: Option<String>,
    pub can_delete: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct QuestionsForMeView {
    pub items: Vec<QuestionSummary>,
    pub loading: bool,
    pub has_more: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AskView {
    pub group_ids: Vec<String>,
    pub group_names: Vec<String>,
    pub title: String,
    pub details: String,
    pub tags: Vec<String>,
    /// Answered questions like this one, found while the title is typed.
    pub suggestions: Vec<QuestionSummary>,
    pub suggestions_label: Option<String>,
    pub error: Option<String>,
}

/// "Questions for me", read online.
pub type ForMe = crate::paging::OnlineList<Question>;
