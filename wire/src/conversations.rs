//! Direct conversations: one-to-one or a small group of people (up to [`PARTICIPANTS_MAX`]),
//! started from a profile or the directory. A conversation and its messages live in the
//! conversation's own scope (`conversation:<id>`), which only its participants may read;
//! each participant's unread count and the people they blocked live in their person scope.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

/// Most people in one conversation, the one who started it included.
pub const PARTICIPANTS_MAX: usize = 50;
pub const TITLE_MAX: usize = 100;
pub const MESSAGE_MAX: usize = 5_000;

wire_type! {
    pub struct Participant {
        pub person_id: Uuid,
        pub name: String,
    }

    /// In the conversation's scope.
    pub struct Conversation {
        pub id: Uuid,
        /// Two people, always the same conversation for the same two (see [`direct_conversation_id`]).
        pub direct: bool,
        /// Empty for a one-to-one conversation: the app shows the other person's name.
        pub title: String,
        /// Those taking part now, in the order they joined.
        pub participants: Vec<Participant>,
        pub created_at: DateTime<Utc>,
        pub last_message_at: DateTime<Utc>,
    }

    /// In the conversation's scope.
    pub struct Message {
        pub id: Uuid,
        pub conversation_id: Uuid,
        pub author_id: Uuid,
        pub author_name: String,
        pub body: String,
        pub created_at: DateTime<Utc>,
    }

    /// In the person's scope: where one stands in a conversation one takes part in.
    pub struct MyConversation {
        pub conversation_id: Uuid,
        /// Messages by others since one last read it.
        pub unread: i64,
        pub last_read_at: Option<DateTime<Utc>>,
    }

    /// In the person's scope: someone one blocked (they can no longer write to one).
    pub struct Block {
        pub person_id: Uuid,
        pub name: String,
        pub blocked_at: DateTime<Utc>,
    }
}

/// The one conversation two people have together, whoever starts it: the same id on every
/// device, so that two people starting it at once (offline) end up in one conversation.
pub fn direct_conversation_id(a: Uuid, b: Uuid) -> Uuid {
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    let mut name = [0u8; 32];
    name[..16].copy_from_slice(low.as_bytes());
    name[16..].copy_from_slice(high.as_bytes());
    Uuid::new_v5(&DIRECT_NAMESPACE, &name)
}

/// The id of a person's block of another, in their scope.
pub fn block_id(blocker: Uuid, blocked: Uuid) -> Uuid {
    let mut name = [0u8; 32];
    name[..16].copy_from_slice(blocker.as_bytes());
    name[16..].copy_from_slice(blocked.as_bytes());
    Uuid::new_v5(&BLOCK_NAMESPACE, &name)
}

const DIRECT_NAMESPACE: Uuid = Uuid::from_u128(0x6d1c_2f0e_5a8b_4c3d_9e7f_1a2b_3c4d_5e6f);
const BLOCK_NAMESPACE: Uuid = Uuid::from_u128(0x2b7e_9c41_0d3a_4f85_b6c2_7e1d_8a9f_0c3b);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_people_have_one_direct_conversation_whoever_starts_it() {
        let (a, b, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        assert_eq!(direct_conversation_id(a, b), direct_conversation_id(b, a));
        assert_ne!(direct_conversation_id(a, b), direct_conversation_id(a, c));
    }

    #[test]
    fn a_block_is_one_way() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        assert_ne!(block_id(a, b), block_id(b, a));
    }
}
