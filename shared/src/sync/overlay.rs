//! The person's pending writes, shown on top of the store (optimistic display).
//!
//! Built from the outbox's saved writes at each view; the outbox is small (what is not yet
//! covered by a pull), so this costs little even with a large store.

use std::collections::{HashMap, HashSet};

use fabrique_wire::people::ProfileUpdate;
use fabrique_wire::posts::PostKind;
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use super::outbox::Outbox;

pub struct PendingPost<'a> {
    pub id: Uuid,
    pub group_id: Uuid,
    pub kind: &'a PostKind,
    pub title: &'a str,
    pub body: &'a str,
    /// The uploads it publishes (shown as they go up).
    pub attachments: &'a [Uuid],
}

pub struct NewMessage<'a> {
    pub id: Uuid,
    pub body: &'a str,
    pub attachments: &'a [Uuid],
}

pub struct NewComment<'a> {
    pub id: Uuid,
    pub body: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupIntent {
    Join,
    RequestToJoin,
    Leave,
    Follow,
    Unfollow,
}

#[derive(Default)]
pub struct Overlay<'a> {
    /// Oldest first.
    pub new_posts: Vec<PendingPost<'a>>,
    pub edits: HashMap<Uuid, (Option<&'a str>, Option<&'a str>)>,
    pub deleted: HashSet<Uuid>,
    pub new_comments: HashMap<Uuid, Vec<NewComment<'a>>>,
    /// (target, emoji) → reacting (true) or taking back (false).
    pub reactions: HashMap<(Uuid, &'a str), bool>,
    pub groups: HashMap<Uuid, GroupIntent>,
    pub profile: Vec<&'a ProfileUpdate>,
    /// Items with a write not yet covered by a pull: they carry the "not sent yet" mark.
    pub pending: HashSet<Uuid>,
    /// Oldest first.
    pub new_questions: Vec<PendingQuestion<'a>>,
    /// Question → new answers, oldest first.
    pub new_answers: HashMap<Uuid, Vec<NewComment<'a>>>,
    /// Answer → new comments.
    pub new_answer_comments: HashMap<Uuid, Vec<NewComment<'a>>>,
    /// Question → the answer I accepted.
    pub accepted: HashMap<Uuid, Uuid>,
    /// Question → following (true) or not.
    pub following: HashMap<Uuid, bool>,
    /// Notifications marked read and not yet confirmed.
    pub read_notifications: HashSet<Uuid>,
    /// "Mark all read" waits to be sent: every notification held shows as read.
    pub all_notifications_read: bool,
    /// My answers to events, not yet confirmed (the last one wins).
    pub rsvps: HashMap<Uuid, fabrique_wire::events::RsvpChoice>,
    /// Notification settings waiting to be sent (the last one wins).
    pub notification_settings: Option<&'a Mutation>,
    pub group_levels: HashMap<Uuid, fabrique_wire::notifications::GroupLevel>,
    /// Reports an organiser decided on this phone (they leave the group's list at once).
    pub decided_reports: HashSet<Uuid>,
    /// Requests to join (group, person) an organiser answered on this phone: accepted (true)
    /// or refused. They leave the group's list at once.
    pub join_decisions: HashMap<(Uuid, Uuid), bool>,
    /// People (group, person) an organiser invited on this phone.
    pub group_invitations: HashSet<(Uuid, Uuid)>,
    /// Conversations I started, oldest first.
    pub new_conversations: Vec<NewConversation<'a>>,
    /// Conversation → my messages not yet confirmed, oldest first.
    pub new_messages: HashMap<Uuid, Vec<NewMessage<'a>>>,
    pub left_conversations: HashSet<Uuid>,
    pub read_conversations: HashSet<Uuid>,
    /// Person → blocking (true) or unblocking.
    pub blocks: HashMap<Uuid, bool>,
    /// Poll → my choices (the last vote wins; none: withdrawn).
    pub votes: HashMap<Uuid, &'a [u32]>,
    pub closed_polls: HashSet<Uuid>,
    /// Must-read messages I said I read, not yet confirmed.
    pub read_must_reads: HashSet<Uuid>,
    /// Must-read messages I sent, not yet confirmed.
    pub sent_must_reads: Vec<&'a fabrique_wire::must_reads::NewMustRead>,
}

pub struct NewConversation<'a> {
    pub id: Uuid,
    pub person_ids: &'a [Uuid],
    pub title: &'a str,
}

pub struct PendingQuestion<'a> {
    pub id: Uuid,
    pub group_ids: &'a [Uuid],
    pub title: &'a str,
    pub details: &'a str,
    pub tags: &'a [String],
}

impl<'a> Overlay<'a> {
    pub fn of(outbox: &'a Outbox) -> Self {
        let mut overlay = Overlay::default();
        for pending in outbox.visible() {
            match &pending.mutation {
                Mutation::CreatePost(fabrique_wire::posts::NewPost {
                    id,
                    group_id,
                    kind,
                    title,
                    body,
                    attachments,
                    ..
                }) => {
                    overlay.new_posts.push(PendingPost {
                        id: *id,
                        group_id: *group_id,
                        kind,
                        title,
                        body,
                        attachments,
                    });
                    overlay.pending.insert(*id);
                }
                Mutation::EditPost { id, title, body } => {
                    let entry = overlay.edits.entry(*id).or_default();
                    if let Some(title) = title {
                        entry.0 = Some(title);
                    }
                    if let Some(body) = body {
                        entry.1 = Some(body);
                    }
                    overlay.pending.insert(*id);
                }
                Mutation::DeletePost { id } | Mutation::DeleteComment { id } => {
                    overlay.deleted.insert(*id);
                }
                Mutation::CreateComment { id, post_id, body, .. } => {
                    overlay.new_comments.entry(*post_id).or_default().push(NewComment { id: *id, body });
                    overlay.pending.insert(*id);
                }
                Mutation::EditComment { id, body } => {
                    overlay.edits.insert(*id, (None, Some(body)));
                    overlay.pending.insert(*id);
                }
                Mutation::React { target_id, emoji } => {
                    overlay.reactions.insert((*target_id, emoji), true);
                }
                Mutation::Unreact { target_id, emoji } => {
                    overlay.reactions.insert((*target_id, emoji), false);
                }
                Mutation::JoinGroup { group_id } => {
                    overlay.groups.insert(*group_id, GroupIntent::Join);
                }
                Mutation::RequestToJoin { group_id, .. } => {
                    overlay.groups.insert(*group_id, GroupIntent::RequestToJoin);
                }
                Mutation::LeaveGroup { group_id } => {
                    overlay.groups.insert(*group_id, GroupIntent::Leave);
                }
                Mutation::FollowGroup { group_id } => {
                    overlay.groups.insert(*group_id, GroupIntent::Follow);
                }
                Mutation::UnfollowGroup { group_id } => {
                    overlay.groups.insert(*group_id, GroupIntent::Unfollow);
                }
                Mutation::UpdateProfile { update } => overlay.profile.push(update),
                Mutation::AskQuestion(fabrique_wire::questions::NewQuestion {
                    id,
                    group_ids,
                    title,
                    details,
                    tags,
                    ..
                }) => {
                    overlay.new_questions.push(PendingQuestion { id: *id, group_ids, title, details, tags });
                    overlay.pending.insert(*id);
                }
                Mutation::EditQuestion { id, title, details, .. } => {
                    overlay.edits.insert(*id, (title.as_deref(), details.as_deref()));
                    overlay.pending.insert(*id);
                }
                Mutation::AnswerQuestion { id, question_id, body, .. } => {
                    overlay.new_answers.entry(*question_id).or_default().push(NewComment { id: *id, body });
                    overlay.pending.insert(*id);
                }
                Mutation::EditAnswer { id, body } => {
                    overlay.edits.insert(*id, (None, Some(body)));
                    overlay.pending.insert(*id);
                }
                Mutation::DeleteQuestion { id }
                | Mutation::DeleteAnswer { id }
                | Mutation::DeleteAnswerComment { id } => {
                    overlay.deleted.insert(*id);
                }
                Mutation::AcceptAnswer { question_id, answer_id } => {
                    overlay.accepted.insert(*question_id, *answer_id);
                    overlay.pending.insert(*question_id);
                }
                Mutation::CommentAnswer { id, answer_id, body } => {
                    overlay.new_answer_comments.entry(*answer_id).or_default().push(NewComment { id: *id, body });
                    overlay.pending.insert(*id);
                }
                Mutation::FollowQuestion { question_id } => {
                    overlay.following.insert(*question_id, true);
                }
                Mutation::UnfollowQuestion { question_id } => {
                    overlay.following.insert(*question_id, false);
                }
                Mutation::MarkNotificationsRead { ids } => overlay.read_notifications.extend(ids.iter().copied()),
                Mutation::MarkAllNotificationsRead {} => overlay.all_notifications_read = true,
                Mutation::AnswerEvent { event_id, choice } => {
                    overlay.rsvps.insert(*event_id, *choice);
                }
                Mutation::SetNotificationSettings { .. } => overlay.notification_settings = Some(&pending.mutation),
                Mutation::SetGroupNotificationLevel { group_id, level } => {
                    overlay.group_levels.insert(*group_id, *level);
                }
                Mutation::CreateEvent(_)
                | Mutation::UpdateEvent(_)
                | Mutation::CancelEvent { .. }
                | Mutation::AnnounceToGroup { .. }
                | Mutation::AnnounceToAttendees { .. }
                | Mutation::CreateGroup(_)
                | Mutation::UpdateGroup { .. }
                | Mutation::RemoveMember { .. }
                | Mutation::SetMemberRole { .. }
                | Mutation::Report { .. }
                | Mutation::AcceptCharter { .. } => {}
                Mutation::DecideReport { case_id, .. } => {
                    overlay.decided_reports.insert(*case_id);
                }
                Mutation::DecideJoinRequest { group_id, person_id, accept } => {
                    overlay.join_decisions.insert((*group_id, *person_id), *accept);
                }
                Mutation::InviteToGroup { group_id, person_id } => {
                    overlay.group_invitations.insert((*group_id, *person_id));
                }
                Mutation::StartConversation { id, person_ids, title } => {
                    overlay.new_conversations.push(NewConversation { id: *id, person_ids, title });
                    overlay.left_conversations.remove(id);
                    overlay.pending.insert(*id);
                }
                Mutation::SendMessage { id, conversation_id, body, attachments } => {
                    let message = NewMessage { id: *id, body, attachments };
                    overlay.new_messages.entry(*conversation_id).or_default().push(message);
                    overlay.pending.insert(*id);
                }
                Mutation::AddToConversation { conversation_id, .. } => {
                    overlay.pending.insert(*conversation_id);
                }
                Mutation::LeaveConversation { conversation_id } => {
                    overlay.left_conversations.insert(*conversation_id);
                }
                Mutation::MarkConversationRead { conversation_id } => {
                    overlay.read_conversations.insert(*conversation_id);
                }
                Mutation::BlockPerson { person_id } => {
                    overlay.blocks.insert(*person_id, true);
                }
                Mutation::UnblockPerson { person_id } => {
                    overlay.blocks.insert(*person_id, false);
                }
                Mutation::CreatePoll(fabrique_wire::polls::NewPoll { id, .. }) => {
                    overlay.pending.insert(*id);
                }
                Mutation::Vote { poll_id, choices } => {
                    overlay.votes.insert(*poll_id, choices);
                }
                Mutation::ClosePoll { poll_id } => {
                    overlay.closed_polls.insert(*poll_id);
                }
                Mutation::SendMustRead(new) => {
                    overlay.pending.insert(new.id);
                    overlay.sent_must_reads.push(new);
                }
                Mutation::AcknowledgeMustRead { must_read_id } => {
                    overlay.read_must_reads.insert(*must_read_id);
                }
            }
        }
        overlay
    }
}
