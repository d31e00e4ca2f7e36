//! Groups, their members, join requests, invitations and followers.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

/// Longest name of a group, in characters.
pub const NAME_MAX: usize = 120;
/// Longest description of a group.
pub const DESCRIPTION_MAX: usize = 2_000;
/// Longest message with a request to join.
pub const JOIN_MESSAGE_MAX: usize = 500;
/// Longest words of a search among groups.
pub const QUERY_MAX: usize = 100;

wire_type! {
    #[derive(Copy, Eq)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum Visibility {
        /// Everyone in the network reads and may follow it; members post.
        Public,
        /// Listed with name and description; content for members only.
        Private,
    }

    #[derive(Copy, Eq)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum GroupRole {
        Member,
        /// Runs events and moderates the group.
        Organiser,
        /// Everything an organiser does, plus roles and settings.
        Admin,
    }

    pub struct Group {
        pub id: Uuid,
        pub name: String,
        pub description: String,
        pub organisation_id: Uuid,
        pub visibility: Visibility,
        pub tags: Vec<String>,
        pub member_count: i64,
        pub created_at: DateTime<Utc>,
    }

    /// A group as listed to someone, with their own relation to it.
    pub struct GroupListing {
        pub group: Group,
        pub my_role: Option<GroupRole>,
        pub following: bool,
    }

    pub struct GroupMember {
        pub group_id: Uuid,
        pub person_id: Uuid,
        pub role: GroupRole,
        pub display_name: String,
        pub function: String,
        pub organisation_id: Uuid,
        pub joined_at: DateTime<Utc>,
    }

    pub struct JoinRequest {
        pub group_id: Uuid,
        pub person_id: Uuid,
        pub display_name: String,
        pub message: String,
        pub created_at: DateTime<Utc>,
    }

    pub struct GroupInvitation {
        pub group_id: Uuid,
        pub group_name: String,
        pub person_id: Uuid,
        pub invited_by: Uuid,
        pub created_at: DateTime<Utc>,
    }

    /// In the person's own scope: a public group they follow without being a member.
    pub struct Following {
        pub group_id: Uuid,
        pub person_id: Uuid,
    }
}

wire_type! {
    /// A group to create: the mutation `create_group`.
    #[serde(deny_unknown_fields)]
    pub struct NewGroup {
        pub id: Uuid,
        pub name: String,
        #[serde(default)]
        pub description: String,
        pub organisation_id: Uuid,
        pub visibility: Visibility,
        #[serde(default)]
        pub tags: Vec<String>,
    }
}
