//! Posts and comments: what a shell sends (deleting, reacting) and how posts are shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::attachments::types::AttachmentView;
use crate::attachments::types::FileView;

pub use fabrique_wire::posts::{BODY_MAX, COMMENT_MAX, TITLE_MAX};

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum PostsEvent {
    Delete { id: String },
    DeleteComment { id: String },
    React { target_id: String, emoji: String },
    Unreact { target_id: String, emoji: String },
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FeedView {
    /// Must-read messages I have not read yet, pinned above everything until "J'ai lu".
    pub pinned: Vec<crate::must_reads::types::MustReadCard>,
    pub items: Vec<PostSummary>,
    pub has_more: bool,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PostSummary {
    pub id: String,
    pub group_id: String,
    pub group_name: String,
    pub author_id: String,
    pub author_name: String,
    pub kind: String,
    pub title: String,
    /// The body, cut at a few hundred characters for lists; whole on a post's page.
    pub body: String,
    pub created_at: String,
    /// When it was written, as people read it ("14 mars 2027 à 17:00"); empty while on the phone only.
    pub when_text: String,
    pub edited: bool,
    pub comment_count: u32,
    /// "1 commentaire", "3 commentaires".
    pub comments_label: String,
    pub reactions: Vec<ReactionCount>,
    /// Written on this phone, not yet confirmed by the server.
    pub pending: bool,
    pub pending_label: Option<String>,
    pub can_edit: bool,
    pub can_delete: bool,
    /// Someone else's, already on the server: it can be reported (`Route::Report`).
    pub can_report: bool,
    pub attachments: Vec<AttachmentView>,
    /// Written on this phone: its files as they go up (shown until the server has the post).
    pub pending_files: Vec<FileView>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ReactionCount {
    pub emoji: String,
    pub count: u32,
    pub mine: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PostView {
    pub id: String,
    pub post: Option<PostSummary>,
    pub comments: Vec<CommentView>,
    pub loading: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
    pub can_comment: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CommentView {
    pub id: String,
    pub author_id: String,
    pub author_name: String,
    pub body: String,
    pub created_at: String,
    /// When it was written, as people read it.
    pub when_text: String,
    pub edited: bool,
    pub reactions: Vec<ReactionCount>,
    pub pending: bool,
    pub pending_label: Option<String>,
    pub can_edit: bool,
    pub can_delete: bool,
    /// Someone else's, already on the server: it can be reported (`Route::Report`).
    pub can_report: bool,
}
