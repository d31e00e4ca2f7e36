//! The sync protocol of DESIGN.md §5: mutations pushed in order, changes pulled by cursor.
//!
//! A device numbers its mutations 1, 2, 3, ... per `client_id` and keeps them in a durable
//! outbox until a push answers for them. Every content write goes through a [`Mutation`].
//! A pull answers with [`Change`]s for the scopes the person can see: `person:<id>`,
//! `group:<id>` (groups they belong to or follow) and `group-admin:<id>` (groups they run).

use uuid::Uuid;

use crate::attachments::Attachment;
use crate::conversations::{Block, Conversation, Message, MyConversation};
use crate::events::{Event, EventUpdate, MyRsvp, NewEvent, RsvpChoice};
use crate::groups::{Following, Group, GroupInvitation, GroupMember, GroupRole, JoinRequest, NewGroup};
use crate::moderation::{GroupReport, ModerationDecision, ReportReason, ReportTarget};
use crate::must_reads::{MustRead, MustReadRead, NewMustRead};
use crate::notifications::{
    DigestChoice, GroupLevel, Notification, NotificationKind, NotificationSettings, QuietHours,
};
use crate::people::{Me, ProfileUpdate};
use crate::polls::{MyVote, NewPoll, Poll};
use crate::posts::{Comment, NewPost, Post, Reaction};
use crate::questions::{Answer, AnswerComment, NewQuestion, Question, QuestionFollow};
use crate::wire_type;

/// Largest number of mutations in one push.
pub const MAX_PUSH_MUTATIONS: usize = 100;
/// Largest page of changes a pull returns.
pub const MAX_PULL_LIMIT: u32 = 1000;
/// Page size when the client does not ask for one.
pub const DEFAULT_PULL_LIMIT: u32 = 500;

wire_type! {
    /// Something a person does, written on their device first.
    #[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
    #[repr(C)]
    pub enum Mutation {
        CreateGroup(NewGroup),
        UpdateGroup {
            id: Uuid,
            #[serde(default)]
            name: Option<String>,
            #[serde(default)]
            description: Option<String>,
            #[serde(default)]
            tags: Option<Vec<String>>,
        },
        /// Join a public group, or a private one that invited you.
        JoinGroup { group_id: Uuid },
        RequestToJoin {
            group_id: Uuid,
            #[serde(default)]
            message: String,
        },
        DecideJoinRequest { group_id: Uuid, person_id: Uuid, accept: bool },
        InviteToGroup { group_id: Uuid, person_id: Uuid },
        LeaveGroup { group_id: Uuid },
        RemoveMember { group_id: Uuid, person_id: Uuid },
        SetMemberRole { group_id: Uuid, person_id: Uuid, role: GroupRole },
        FollowGroup { group_id: Uuid },
        UnfollowGroup { group_id: Uuid },
        CreatePost(NewPost),
        EditPost {
            id: Uuid,
            #[serde(default)]
            title: Option<String>,
            #[serde(default)]
            body: Option<String>,
        },
        DeletePost { id: Uuid },
        CreateComment {
            id: Uuid,
            post_id: Uuid,
            body: String,
            #[serde(default)]
            mentions: Vec<Uuid>,
        },
        EditComment { id: Uuid, body: String },
        DeleteComment { id: Uuid },
        React { target_id: Uuid, emoji: String },
        Unreact { target_id: Uuid, emoji: String },
        UpdateProfile { update: ProfileUpdate },
        /// Ask a question in one or more groups one belongs to.
        AskQuestion(NewQuestion),
        EditQuestion {
            id: Uuid,
            #[serde(default)]
            title: Option<String>,
            #[serde(default)]
            details: Option<String>,
            #[serde(default)]
            tags: Option<Vec<String>>,
        },
        DeleteQuestion { id: Uuid },
        AnswerQuestion {
            id: Uuid,
            question_id: Uuid,
            body: String,
            #[serde(default)]
            mentions: Vec<Uuid>,
        },
        EditAnswer { id: Uuid, body: String },
        DeleteAnswer { id: Uuid },
        /// By the asker or a moderator of one of the question's groups; replaces an earlier choice.
        AcceptAnswer { question_id: Uuid, answer_id: Uuid },
        CommentAnswer { id: Uuid, answer_id: Uuid, body: String },
        DeleteAnswerComment { id: Uuid },
        FollowQuestion { question_id: Uuid },
        UnfollowQuestion { question_id: Uuid },
        MarkNotificationsRead { ids: Vec<Uuid> },
        /// Every notification the person has when the server applies it.
        /// A struct variant without fields, so that a field sent with it is refused too.
        MarkAllNotificationsRead {},
        /// Time zone, quiet hours and the kinds one does not want; the e-mail summary when
        /// given (unchanged otherwise).
        SetNotificationSettings {
            time_zone: String,
            #[serde(default)]
            quiet_hours: Option<QuietHours>,
            #[serde(default)]
            muted_kinds: Vec<NotificationKind>,
            #[serde(default)]
            digest: Option<DigestChoice>,
        },
        SetGroupNotificationLevel { group_id: Uuid, level: GroupLevel },
        /// By an organiser of the group.
        CreateEvent(NewEvent),
        /// Only the fields given change; `capacity: 0` removes the limit.
        UpdateEvent(EventUpdate),
        CancelEvent { id: Uuid },
        /// One answer per person, replaced on change; going to a full event puts one on its waiting list.
        AnswerEvent { event_id: Uuid, choice: RsvpChoice },
        /// An organiser's message to every member of the group (as each one's level allows).
        AnnounceToGroup { id: Uuid, group_id: Uuid, text: String },
        /// An organiser's message to the people going to an event.
        AnnounceToAttendees { id: Uuid, event_id: Uuid, text: String },
        /// Report something against the charter to the moderators (one report per id).
        Report {
            id: Uuid,
            target: ReportTarget,
            target_id: Uuid,
            reason: ReportReason,
            #[serde(default)]
            details: String,
        },
        /// Accept the charter's version `version` (the one in force).
        AcceptCharter { version: i64 },
        /// A group's organiser decides a report about their group (not a suspension: that is
        /// the federation moderators'). The reason is told to the author and the reporters.
        DecideReport { case_id: Uuid, decision: ModerationDecision, reason: String },
        /// With people one may see (`person_ids`: the others). Two people: `id` must be
        /// their [`crate::conversations::direct_conversation_id`], and starting it again
        /// brings one back into it.
        StartConversation {
            id: Uuid,
            person_ids: Vec<Uuid>,
            #[serde(default)]
            title: String,
        },
        SendMessage {
            id: Uuid,
            conversation_id: Uuid,
            body: String,
            #[serde(default)]
            attachments: Vec<Uuid>,
        },
        /// Into a conversation of three or more (a one-to-one stays between two).
        AddToConversation { conversation_id: Uuid, person_ids: Vec<Uuid> },
        LeaveConversation { conversation_id: Uuid },
        /// Everything in it up to now is read.
        MarkConversationRead { conversation_id: Uuid },
        /// They can no longer write to one (nor start a conversation with one).
        BlockPerson { person_id: Uuid },
        UnblockPerson { person_id: Uuid },
        /// By an organiser of the group.
        CreatePoll(NewPoll),
        /// One's choices (option indexes), replacing any earlier vote; none withdraws it.
        Vote { poll_id: Uuid, choices: Vec<u32> },
        /// By an organiser of the group, before its closing date.
        ClosePoll { poll_id: Uuid },
        /// A must-read message to an organisation's people (federation administrators, an
        /// association's managers) or to a group's members (its organisers).
        SendMustRead(NewMustRead),
        /// "J'ai lu": I read this must-read message.
        AcknowledgeMustRead { must_read_id: Uuid },
    }

    /// A mutation with its number in the device's sequence (1, 2, 3, ...).
    #[serde(deny_unknown_fields)]
    pub struct ClientMutation {
        pub id: u64,
        pub mutation: Mutation,
    }

    #[serde(deny_unknown_fields)]
    pub struct PushRequest {
        /// The device install's id; it belongs to the first person who used it.
        pub client_id: Uuid,
        /// Consecutive ids, in order. Those already applied are answered again, not re-applied.
        pub mutations: Vec<ClientMutation>,
    }

    #[serde(tag = "status", rename_all = "snake_case")]
    pub enum MutationOutcome {
        Applied,
        /// Refused for good (forbidden, invalid, deleted target): drop it from the outbox and tell the person.
        Rejected { code: String, message: String },
    }

    pub struct MutationResult {
        pub id: u64,
        pub outcome: MutationOutcome,
    }

    pub struct PushResponse {
        pub results: Vec<MutationResult>,
        /// The last mutation id the server holds for this client (applied or rejected).
        pub last_mutation_id: u64,
    }

    #[serde(deny_unknown_fields)]
    pub struct PullRequest {
        /// Optional: to learn `last_mutation_id` in the same snapshot as the changes.
        #[serde(default)]
        pub client_id: Option<Uuid>,
        /// As returned by the previous pull; absent on the first pull.
        #[serde(default)]
        pub cursor: Option<String>,
        #[serde(default)]
        pub limit: Option<u32>,
    }

    pub struct PullResponse {
        /// Opaque; send it back on the next pull.
        pub cursor: String,
        /// True when the cursor was too old: drop every local copy before applying `changes`.
        pub reset: bool,
        /// Drop everything held for these scopes (the person no longer sees them).
        pub purged_scopes: Vec<String>,
        pub changes: Vec<Change>,
        /// More changes wait: pull again with the new cursor.
        pub has_more: bool,
        /// Read in the same snapshot as `changes`: mutations up to here are reflected in them.
        pub last_mutation_id: u64,
    }

    /// One object's new state in a scope, or its deletion (`entity` absent).
    pub struct Change {
        pub seq: i64,
        pub scope: String,
        pub kind: EntityKind,
        pub id: Uuid,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub entity: Option<Entity>,
    }

    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum EntityKind {
        Me,
        Group,
        GroupMember,
        JoinRequest,
        GroupInvitation,
        Following,
        Post,
        Comment,
        Reaction,
        Question,
        Answer,
        AnswerComment,
        QuestionFollow,
        Notification,
        Event,
        MyRsvp,
        NotificationSettings,
        GroupReport,
        Conversation,
        Message,
        MyConversation,
        Block,
        Poll,
        MyVote,
        Attachment,
        MustRead,
        MustReadRead,
    }

    #[serde(tag = "kind", content = "data", rename_all = "snake_case")]
    pub enum Entity {
        Me(Me),
        Group(Group),
        GroupMember(GroupMember),
        JoinRequest(JoinRequest),
        GroupInvitation(GroupInvitation),
        Following(Following),
        Post(Post),
        Comment(Comment),
        Reaction(Reaction),
        Question(Question),
        Answer(Answer),
        AnswerComment(AnswerComment),
        QuestionFollow(QuestionFollow),
        Notification(Notification),
        Event(Event),
        MyRsvp(MyRsvp),
        NotificationSettings(NotificationSettings),
        GroupReport(GroupReport),
        Conversation(Conversation),
        Message(Message),
        MyConversation(MyConversation),
        Block(Block),
        Poll(Poll),
        MyVote(MyVote),
        Attachment(Attachment),
        MustRead(MustRead),
        MustReadRead(MustReadRead),
    }
}

impl Mutation {
    /// Whether this write publishes something others read: refused while its author is
    /// suspended or has not accepted the charter in force. Every variant is named (no
    /// wildcard), so a new kind of write does not compile until it says.
    pub fn publishes(&self) -> bool {
        match self {
            Mutation::CreatePost(_)
            | Mutation::EditPost { .. }
            | Mutation::CreateComment { .. }
            | Mutation::EditComment { .. }
            | Mutation::AskQuestion(_)
            | Mutation::EditQuestion { .. }
            | Mutation::AnswerQuestion { .. }
            | Mutation::EditAnswer { .. }
            | Mutation::CommentAnswer { .. }
            | Mutation::CreateEvent(_)
            | Mutation::UpdateEvent(_)
            | Mutation::AnnounceToGroup { .. }
            | Mutation::AnnounceToAttendees { .. }
            | Mutation::CreateGroup(_)
            | Mutation::UpdateGroup { .. }
            | Mutation::StartConversation { .. }
            | Mutation::SendMessage { .. }
            | Mutation::AddToConversation { .. }
            | Mutation::CreatePoll(_)
            | Mutation::SendMustRead(_) => true,
            // Joining, leaving, reading, reacting, answering an invitation, settings,
            // removing one's own words, deciding as a moderator: not a publication.
            Mutation::JoinGroup { .. }
            | Mutation::RequestToJoin { .. }
            | Mutation::DecideJoinRequest { .. }
            | Mutation::InviteToGroup { .. }
            | Mutation::LeaveGroup { .. }
            | Mutation::RemoveMember { .. }
            | Mutation::SetMemberRole { .. }
            | Mutation::FollowGroup { .. }
            | Mutation::UnfollowGroup { .. }
            | Mutation::DeletePost { .. }
            | Mutation::DeleteComment { .. }
            | Mutation::React { .. }
            | Mutation::Unreact { .. }
            | Mutation::UpdateProfile { .. }
            | Mutation::DeleteQuestion { .. }
            | Mutation::DeleteAnswer { .. }
            | Mutation::AcceptAnswer { .. }
            | Mutation::DeleteAnswerComment { .. }
            | Mutation::FollowQuestion { .. }
            | Mutation::UnfollowQuestion { .. }
            | Mutation::MarkNotificationsRead { .. }
            | Mutation::MarkAllNotificationsRead {}
            | Mutation::SetNotificationSettings { .. }
            | Mutation::SetGroupNotificationLevel { .. }
            | Mutation::CancelEvent { .. }
            | Mutation::AnswerEvent { .. }
            | Mutation::Report { .. }
            | Mutation::AcceptCharter { .. }
            | Mutation::DecideReport { .. }
            | Mutation::LeaveConversation { .. }
            | Mutation::MarkConversationRead { .. }
            | Mutation::BlockPerson { .. }
            | Mutation::UnblockPerson { .. }
            | Mutation::Vote { .. }
            | Mutation::ClosePoll { .. }
            | Mutation::AcknowledgeMustRead { .. } => false,
        }
    }

    /// The uploads this write publishes (empty for writes that carry no files).
    pub fn attachments(&self) -> &[Uuid] {
        match self {
            Mutation::CreatePost(NewPost { attachments, .. })
            | Mutation::AskQuestion(NewQuestion { attachments, .. })
            | Mutation::CreateEvent(NewEvent { attachments, .. })
            | Mutation::SendMessage { attachments, .. } => attachments,
            _ => &[],
        }
    }

    pub fn attachments_mut(&mut self) -> Option<&mut Vec<Uuid>> {
        match self {
            Mutation::CreatePost(NewPost { attachments, .. })
            | Mutation::AskQuestion(NewQuestion { attachments, .. })
            | Mutation::CreateEvent(NewEvent { attachments, .. })
            | Mutation::SendMessage { attachments, .. } => Some(attachments),
            _ => None,
        }
    }
}

impl Entity {
    pub fn kind(&self) -> EntityKind {
        match self {
            Entity::Me(_) => EntityKind::Me,
            Entity::Group(_) => EntityKind::Group,
            Entity::GroupMember(_) => EntityKind::GroupMember,
            Entity::JoinRequest(_) => EntityKind::JoinRequest,
            Entity::GroupInvitation(_) => EntityKind::GroupInvitation,
            Entity::Following(_) => EntityKind::Following,
            Entity::Post(_) => EntityKind::Post,
            Entity::Comment(_) => EntityKind::Comment,
            Entity::Reaction(_) => EntityKind::Reaction,
            Entity::Question(_) => EntityKind::Question,
            Entity::Answer(_) => EntityKind::Answer,
            Entity::AnswerComment(_) => EntityKind::AnswerComment,
            Entity::QuestionFollow(_) => EntityKind::QuestionFollow,
            Entity::Notification(_) => EntityKind::Notification,
            Entity::Event(_) => EntityKind::Event,
            Entity::MyRsvp(_) => EntityKind::MyRsvp,
            Entity::NotificationSettings(_) => EntityKind::NotificationSettings,
            Entity::GroupReport(_) => EntityKind::GroupReport,
            Entity::Conversation(_) => EntityKind::Conversation,
            Entity::Message(_) => EntityKind::Message,
            Entity::MyConversation(_) => EntityKind::MyConversation,
            Entity::Block(_) => EntityKind::Block,
            Entity::Poll(_) => EntityKind::Poll,
            Entity::MyVote(_) => EntityKind::MyVote,
            Entity::Attachment(_) => EntityKind::Attachment,
            Entity::MustRead(_) => EntityKind::MustRead,
            Entity::MustReadRead(_) => EntityKind::MustReadRead,
        }
    }
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Me => "me",
            EntityKind::Group => "group",
            EntityKind::GroupMember => "group_member",
            EntityKind::JoinRequest => "join_request",
            EntityKind::GroupInvitation => "group_invitation",
            EntityKind::Following => "following",
            EntityKind::Post => "post",
            EntityKind::Comment => "comment",
            EntityKind::Reaction => "reaction",
            EntityKind::Question => "question",
            EntityKind::Answer => "answer",
            EntityKind::AnswerComment => "answer_comment",
            EntityKind::QuestionFollow => "question_follow",
            EntityKind::Notification => "notification",
            EntityKind::Event => "event",
            EntityKind::MyRsvp => "my_rsvp",
            EntityKind::NotificationSettings => "notification_settings",
            EntityKind::GroupReport => "group_report",
            EntityKind::Conversation => "conversation",
            EntityKind::Message => "message",
            EntityKind::MyConversation => "my_conversation",
            EntityKind::Block => "block",
            EntityKind::Poll => "poll",
            EntityKind::MyVote => "my_vote",
            EntityKind::Attachment => "attachment",
            EntityKind::MustRead => "must_read",
            EntityKind::MustReadRead => "must_read_read",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "me" => EntityKind::Me,
            "group" => EntityKind::Group,
            "group_member" => EntityKind::GroupMember,
            "join_request" => EntityKind::JoinRequest,
            "group_invitation" => EntityKind::GroupInvitation,
            "following" => EntityKind::Following,
            "post" => EntityKind::Post,
            "comment" => EntityKind::Comment,
            "reaction" => EntityKind::Reaction,
            "question" => EntityKind::Question,
            "answer" => EntityKind::Answer,
            "answer_comment" => EntityKind::AnswerComment,
            "question_follow" => EntityKind::QuestionFollow,
            "notification" => EntityKind::Notification,
            "event" => EntityKind::Event,
            "my_rsvp" => EntityKind::MyRsvp,
            "notification_settings" => EntityKind::NotificationSettings,
            "group_report" => EntityKind::GroupReport,
            "conversation" => EntityKind::Conversation,
            "message" => EntityKind::Message,
            "my_conversation" => EntityKind::MyConversation,
            "block" => EntityKind::Block,
            "poll" => EntityKind::Poll,
            "my_vote" => EntityKind::MyVote,
            "attachment" => EntityKind::Attachment,
            "must_read" => EntityKind::MustRead,
            "must_read_read" => EntityKind::MustReadRead,
            _ => return None,
        })
    }
}

/// Scope names, the same in the server and the core.
pub mod scope {
    use uuid::Uuid;

    pub fn person(id: Uuid) -> String {
        format!("person:{id}")
    }
    pub fn group(id: Uuid) -> String {
        format!("group:{id}")
    }
    /// What only the organisers and admins of a group see (join requests).
    pub fn group_admin(id: Uuid) -> String {
        format!("group-admin:{id}")
    }
    /// A conversation and its messages: its participants only.
    pub fn conversation(id: Uuid) -> String {
        format!("conversation:{id}")
    }
    /// What is said to an organisation's people (must-read messages): read by every person
    /// of the organisation and of the organisations under it.
    pub fn organisation(id: Uuid) -> String {
        format!("organisation:{id}")
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use uuid::Uuid;

    use super::Mutation;
    use crate::posts::{NewPost, PostKind};

    #[test]
    fn a_mutation_that_carries_a_named_struct_reads_and_writes_the_same_json_as_before() {
        let id = Uuid::now_v7();
        let group_id = Uuid::now_v7();
        let sent = json!({ "type": "create_post", "id": id, "group_id": group_id, "kind": "news", "body": "Bonjour" });
        let mutation: Mutation = serde_json::from_value(sent).expect("a post reads");
        let expected = NewPost {
            id,
            group_id,
            kind: PostKind::News,
            title: String::new(),
            body: "Bonjour".into(),
            mentions: Vec::new(),
            attachments: Vec::new(),
        };
        assert_eq!(mutation, Mutation::CreatePost(expected));
        let written = serde_json::to_value(&mutation).expect("a post writes");
        assert_eq!(written["type"], "create_post");
        assert_eq!(written["body"], "Bonjour");
        let again: Mutation = serde_json::from_value(written).expect("what is written reads again");
        assert_eq!(again, mutation);
    }

    #[test]
    fn a_field_no_mutation_has_is_refused_in_a_named_struct_as_in_the_others() {
        let post = json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": Uuid::now_v7(), "kind": "news",
            "body": "Bonjour", "pinned": true });
        assert!(serde_json::from_value::<Mutation>(post).is_err());
        let join = json!({ "type": "join_group", "group_id": Uuid::now_v7(), "pinned": true });
        assert!(serde_json::from_value::<Mutation>(join).is_err());
    }
}
