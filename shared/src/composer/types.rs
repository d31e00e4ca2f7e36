//! The composer: the form in which a person writes a post, a comment, an answer or a comment
//! on an answer, or changes one; what a shell sends to it, what the session holds, and how it
//! is shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model.

use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::i18n::Text;

#[derive(Facet, Serialize, Deserialize, Debug)]
#[repr(C)]
pub enum ComposerEvent {
    /// Open the form to write or change a post, a comment, an answer or a comment on one.
    Open(ComposerTarget),
    /// What the form holds, as the person types (shells send it every second or so): kept on
    /// the phone, so a draft survives the app being killed.
    DraftChanged {
        title: String,
        body: String,
    },
    /// Send what the form holds; it closes once the write is kept on the phone.
    Submit {
        title: String,
        body: String,
    },
    Cancel,
    /// The draft kept on the phone, read at start: only the core creates these.
    #[serde(skip)]
    #[facet(skip)]
    DraftLoaded(u64, #[facet(opaque)] Box<crux_kv::KeyValueResult>),
}

/// The composer's state: the form stays open with its text until the write is accepted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Composer {
    pub target: ComposerTarget,
    pub title: String,
    pub body: String,
    #[serde(skip)]
    pub error: Option<Text>,
}

/// The form to write or change a post or a comment, over the current screen.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ComposerView {
    pub target: ComposerTarget,
    pub title: String,
    pub body: String,
    pub has_title: bool,
    pub error: Option<String>,
    /// While an `@` and the start of a name are being typed: the group's members who match.
    /// Choosing one puts its `text` in the field (the name completed) and sends `DraftChanged`.
    pub mention_candidates: Vec<MentionCandidate>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MentionCandidate {
    pub person_id: String,
    pub display_name: String,
    /// The whole text once this person is chosen.
    pub text: String,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum ComposerTarget {
    NewPost { group_id: String },
    EditPost { id: String },
    NewComment { post_id: String },
    EditComment { id: String },
    NewAnswer { question_id: String },
    NewAnswerComment { answer_id: String },
}
