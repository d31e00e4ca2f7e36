//! Groups: what a shell sends, and how groups are shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::events::types::EventSummary;
use crate::polls::types::PollView;
use crate::posts::types::PostSummary;
use crate::questions::types::QuestionSummary;

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum GroupsEvent {
    /// Browse groups whose name holds these words (all groups when empty).
    Search {
        query: String,
    },
    MoreResults,
    /// Older posts of a group this device does not hold.
    MorePosts,
    Join {
        id: String,
    },
    AskToJoin {
        id: String,
        message: String,
    },
    Follow {
        id: String,
    },
    Unfollow {
        id: String,
    },
    Leave {
        id: String,
    },
    /// An organiser answers a request to join their group.
    DecideJoinRequest {
        group_id: String,
        person_id: String,
        accept: bool,
    },
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MyGroupsView {
    pub groups: Vec<GroupSummary>,
    pub empty_text: Option<String>,
    /// Groups of my association and of the federation I am not in, to join in one tap
    /// (`Join`, or `AskToJoin` for a private one); with a title saying so.
    pub suggestions: Vec<GroupSummary>,
    pub suggestions_title: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct GroupSummary {
    pub id: String,
    pub name: String,
    pub description: String,
    pub private: bool,
    pub member_count: u32,
    pub relation: GroupRelation,
}

#[derive(Facet, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum GroupRelation {
    None,
    Member,
    Organiser,
    Admin,
    Following,
    /// A request to join a private group waits for its organisers.
    Requested,
    /// An organiser invited me: I join when I want.
    Invited,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct BrowseView {
    pub query: String,
    pub groups: Vec<GroupSummary>,
    pub loading: bool,
    pub has_more: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct GroupView {
    pub id: String,
    /// Absent until the group is found (on the device or from the server).
    pub group: Option<GroupSummary>,
    pub loading: bool,
    pub error: Option<String>,
    pub posts: Vec<PostSummary>,
    pub has_more_posts: bool,
    pub empty_text: Option<String>,
    pub can_post: bool,
    pub can_join: bool,
    pub can_ask_to_join: bool,
    pub can_follow: bool,
    pub can_unfollow: bool,
    pub can_leave: bool,
    /// The group's questions held on the device, newest first.
    pub questions: Vec<QuestionSummary>,
    pub can_ask: bool,
    /// The group's coming events held on the device, soonest first.
    pub events: Vec<EventSummary>,
    /// The group's polls, newest first.
    pub polls: Vec<PollView>,
    /// I run the group: create events, write to its members.
    pub can_organise: bool,
    /// Open reports about the group, for those who run it; what they may decide.
    pub reports: Vec<crate::moderation::types::GroupReportView>,
    pub report_decisions: Vec<crate::moderation::types::DecisionOption>,
    pub reports_hint: Option<String>,
    /// Requests to join, for those who run the group, oldest first.
    pub join_requests: Vec<JoinRequestView>,
    pub join_requests_hint: Option<String>,
    /// I run the group: invite people (`Route::PickPeople` with `PickPurpose::InviteToGroup`).
    pub can_invite: bool,
    /// Said when an organiser invited me (I join with `Join`).
    pub invited_text: Option<String>,
}

/// Someone asking to join a group, as its organisers see it.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct JoinRequestView {
    pub person_id: String,
    pub display_name: String,
    pub message: String,
    /// When they asked, as people say it ("hier à 18 h").
    pub when_text: String,
}
