//! Conversations: what a shell sends, and how conversations and their messages are shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::attachments::types::AttachmentView;
use crate::attachments::types::FileView;

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum ConversationsEvent {
    /// "Write to" on a profile or in the directory: opens our conversation, starting it
    /// when there is none yet.
    WriteTo {
        person_id: String,
    },
    /// A conversation with several people (the directory's multiple choice).
    StartWith {
        person_ids: Vec<String>,
        title: String,
    },
    Send {
        conversation_id: String,
        body: String,
    },
    AddPeople {
        conversation_id: String,
        person_ids: Vec<String>,
    },
    Leave {
        conversation_id: String,
    },
    Block {
        person_id: String,
    },
    Unblock {
        person_id: String,
    },
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ConversationsView {
    pub items: Vec<ConversationSummary>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ConversationSummary {
    pub id: String,
    /// Its title, or the other people's names.
    pub title: String,
    pub last_message: String,
    /// RFC 3339; empty while not yet on the server.
    pub last_at: String,
    pub unread: u32,
    /// Something I wrote in it waits to be sent.
    pub pending: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ConversationView {
    pub id: String,
    /// False when I am not (or no longer) in it: `error` says so.
    pub found: bool,
    pub title: String,
    pub participants: Vec<String>,
    /// Oldest first, mine not yet sent at the end.
    pub messages: Vec<ConversationMessage>,
    pub empty_text: Option<String>,
    pub can_write: bool,
    /// A conversation of three or more: people can be added.
    pub can_add_people: bool,
    /// In a one-to-one, the other person (to block or unblock, to open their profile).
    pub other_person_id: Option<String>,
    /// I blocked the other person.
    pub blocked: bool,
    pub blocked_text: Option<String>,
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ConversationMessage {
    pub id: String,
    pub author_name: String,
    pub body: String,
    pub mine: bool,
    /// RFC 3339; empty while not yet on the server.
    pub created_at: String,
    /// When, as people read it; empty while not yet on the server.
    pub when_text: String,
    pub pending: bool,
    pub attachments: Vec<AttachmentView>,
    /// Mine, not yet on the server: its files as they go up.
    pub pending_files: Vec<FileView>,
}
