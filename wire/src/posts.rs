//! Posts in groups, their comments and reactions.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

/// Longest title of a post, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest text of a post.
pub const BODY_MAX: usize = 20_000;
/// Longest comment.
pub const COMMENT_MAX: usize = 5_000;

wire_type! {
    #[derive(Copy, Eq)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum PostKind {
        News,
        Report,
        Document,
        Decision,
    }

    pub struct Post {
        pub id: Uuid,
        pub group_id: Uuid,
        pub author_id: Uuid,
        pub author_name: String,
        pub kind: PostKind,
        pub title: String,
        pub body: String,
        pub created_at: DateTime<Utc>,
        pub edited_at: Option<DateTime<Utc>>,
        /// Computed by the server.
        pub comment_count: i64,
    }

    pub struct Comment {
        pub id: Uuid,
        pub post_id: Uuid,
        pub group_id: Uuid,
        pub author_id: Uuid,
        pub author_name: String,
        pub body: String,
        pub created_at: DateTime<Utc>,
        pub edited_at: Option<DateTime<Utc>>,
    }

    /// One person's reaction (an emoji) to a post or a comment.
    pub struct Reaction {
        /// Derived from target, person and emoji, so the same reaction has one id everywhere.
        pub id: Uuid,
        pub target_id: Uuid,
        pub group_id: Uuid,
        pub person_id: Uuid,
        pub emoji: String,
    }
}

/// The id of a reaction: one per person, target and emoji, the same on every device.
pub fn reaction_id(target_id: Uuid, person_id: Uuid, emoji: &str) -> Uuid {
    let mut name = Vec::with_capacity(32 + emoji.len());
    name.extend_from_slice(target_id.as_bytes());
    name.extend_from_slice(person_id.as_bytes());
    name.extend_from_slice(emoji.as_bytes());
    Uuid::new_v5(&Uuid::NAMESPACE_OID, &name)
}

wire_type! {
    /// A post to publish in a group: the mutation `create_post`.
    #[serde(deny_unknown_fields)]
    pub struct NewPost {
        pub id: Uuid,
        pub group_id: Uuid,
        pub kind: PostKind,
        #[serde(default)]
        pub title: String,
        pub body: String,
        /// People named in it (`@name` picked in the composer): told, when they may read it.
        #[serde(default)]
        pub mentions: Vec<Uuid>,
        /// Files uploaded before (`PUT /v1/attachments/{id}`), at most 10.
        #[serde(default)]
        pub attachments: Vec<Uuid>,
    }
}
