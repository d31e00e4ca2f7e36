//! What the device holds of the server: every entity of the person's scopes, as last pulled.
//!
//! An entity is held while at least one scope holds it (a group member sits in the group's
//! scope and in the member's own person scope). Indexes kept beside the entities make the
//! screens cheap to build: the feed walks `posts_by_time` from the newest, a post's page
//! reads `comments_by_post`, with no scan of the whole store.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use fabrique_wire::conversations::{Conversation, Message, MyConversation};
use fabrique_wire::events::{Event, MyRsvp};
use fabrique_wire::groups::{Group, GroupMember, GroupRole};
use fabrique_wire::notifications::{Notification, NotificationSettings};
use fabrique_wire::people::Me;
use fabrique_wire::polls::{MyVote, Poll};
use fabrique_wire::posts::{Comment, Post, Reaction};
use fabrique_wire::questions::{Answer, AnswerComment, Question};
use fabrique_wire::sync::{Change, Entity, EntityKind};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

type Key = (EntityKind, Uuid);

#[derive(Default, Debug)]
pub struct LocalStore {
    held: HashMap<Key, Held>,
    // Indexes, rebuilt from `held` when loaded.
    posts_by_time: BTreeSet<(DateTime<Utc>, Uuid)>,
    comments_by_post: HashMap<Uuid, BTreeSet<(DateTime<Utc>, Uuid)>>,
    reactions_by_target: HashMap<Uuid, HashSet<Uuid>>,
    questions_by_time: BTreeSet<(DateTime<Utc>, Uuid)>,
    answers_by_question: HashMap<Uuid, BTreeSet<(DateTime<Utc>, Uuid)>>,
    comments_by_answer: HashMap<Uuid, BTreeSet<(DateTime<Utc>, Uuid)>>,
    followed_questions: HashSet<Uuid>,
    notifications_by_time: BTreeSet<(DateTime<Utc>, Uuid)>,
    events_by_start: BTreeSet<(DateTime<Utc>, Uuid)>,
    /// My answers to events, by event (the key of each `MyRsvp`), soonest first.
    my_rsvps_by_start: BTreeSet<(DateTime<Utc>, Uuid)>,
    my_rsvp_of_event: HashMap<Uuid, Uuid>,
    /// The members held of each group (keys of their `GroupMember` entities).
    members_by_group: HashMap<Uuid, HashSet<Uuid>>,
    /// My role in each group I belong to.
    my_roles: HashMap<Uuid, GroupRole>,
    /// Requests to join each group (held by those who run it, and by the asker), and
    /// invitations into each group (held by those who run it, and by the invited): keys.
    join_requests_by_group: HashMap<Uuid, HashSet<Uuid>>,
    invitations_by_group: HashMap<Uuid, HashSet<Uuid>>,
    /// Public groups I follow without being a member.
    followed: HashSet<Uuid>,
    /// My conversations, by their last message.
    conversations_by_last: BTreeSet<(DateTime<Utc>, Uuid)>,
    messages_by_conversation: HashMap<Uuid, BTreeSet<(DateTime<Utc>, Uuid)>>,
    /// People I blocked.
    blocked: HashSet<Uuid>,
    polls_by_group: HashMap<Uuid, BTreeSet<(DateTime<Utc>, Uuid)>>,
    /// My vote (its key) of each poll I voted in.
    my_vote_of_poll: HashMap<Uuid, Uuid>,
    /// The files on each post, question, event or message, in the order they were added.
    attachments_by_item: HashMap<Uuid, BTreeSet<(DateTime<Utc>, Uuid)>>,
    /// Must-read messages of my organisations and groups, by when they were sent.
    must_reads_by_time: BTreeSet<(DateTime<Utc>, Uuid)>,
    me: Option<Uuid>,
    /// What each scope holds, and the scopes changed since the last save.
    by_scope: HashMap<String, HashSet<Key>>,
    dirty: HashSet<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Held {
    id: Uuid,
    scopes: Vec<String>,
    entity: Entity,
}

/// The index kept under the store's key: the cursor and the scopes saved beside it. It is
/// written after the scopes, so the cursor never runs ahead of what is saved.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct SavedIndex {
    pub cursor: Option<String>,
    pub scopes: Vec<String>,
}

/// One scope as saved: its entities (an entity in several scopes is saved in each).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedScope {
    entities: Vec<(Uuid, Entity)>,
}

impl LocalStore {
    pub fn new(me: Uuid) -> Self {
        LocalStore { me: Some(me), ..Default::default() }
    }

    pub fn len(&self) -> usize {
        self.held.len()
    }

    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    /// Forget everything (a reset): every scope saved so far is to be emptied.
    pub fn clear(&mut self) {
        let me = self.me;
        let mut dirty = std::mem::take(&mut self.dirty);
        dirty.extend(self.by_scope.keys().cloned());
        *self = LocalStore { me, dirty, ..Default::default() };
    }

    /// Apply one change from a pull: a put adds the scope, a delete removes it.
    pub fn apply(&mut self, change: Change) {
        let key = (change.kind, change.id);
        match change.entity {
            Some(entity) => {
                self.by_scope.entry(change.scope.clone()).or_default().insert(key);
                let scopes = match self.held.remove(&key) {
                    Some(old) => {
                        self.unindex(key.1, &old.entity);
                        let mut scopes = old.scopes;
                        if !scopes.contains(&change.scope) {
                            scopes.push(change.scope);
                        }
                        scopes
                    }
                    None => vec![change.scope],
                };
                self.index(key.1, &entity);
                // The value is saved in each of its scopes: all of them are to be written again.
                self.dirty.extend(scopes.iter().cloned());
                self.held.insert(key, Held { id: key.1, scopes, entity });
            }
            None => self.drop_scope(key, &change.scope),
        }
    }

    /// The person no longer sees this scope: forget what only it held.
    pub fn purge(&mut self, scope: &str) {
        let keys: Vec<Key> = self.by_scope.get(scope).into_iter().flatten().copied().collect();
        for key in keys {
            self.drop_scope(key, scope);
        }
        self.by_scope.remove(scope);
        self.dirty.insert(scope.to_owned());
    }

    fn drop_scope(&mut self, key: Key, scope: &str) {
        if let Some(keys) = self.by_scope.get_mut(scope) {
            keys.remove(&key);
        }
        self.dirty.insert(scope.to_owned());
        let Some(held) = self.held.get_mut(&key) else { return };
        held.scopes.retain(|s| s != scope);
        if held.scopes.is_empty()
            && let Some(old) = self.held.remove(&key)
        {
            self.unindex(key.1, &old.entity);
        }
    }

    fn index(&mut self, id: Uuid, entity: &Entity) {
        match entity {
            Entity::Post(post) => {
                self.posts_by_time.insert((post.created_at, id));
            }
            Entity::Comment(comment) => {
                self.comments_by_post.entry(comment.post_id).or_default().insert((comment.created_at, id));
            }
            Entity::Reaction(reaction) => {
                self.reactions_by_target.entry(reaction.target_id).or_default().insert(id);
            }
            Entity::GroupMember(member) => {
                self.members_by_group.entry(member.group_id).or_default().insert(id);
                if Some(member.person_id) == self.me {
                    self.my_roles.insert(member.group_id, member.role);
                }
            }
            Entity::Question(question) => {
                self.questions_by_time.insert((question.created_at, id));
            }
            Entity::Answer(answer) => {
                self.answers_by_question.entry(answer.question_id).or_default().insert((answer.created_at, id));
            }
            Entity::AnswerComment(comment) => {
                self.comments_by_answer.entry(comment.answer_id).or_default().insert((comment.created_at, id));
            }
            Entity::QuestionFollow(follow) if Some(follow.person_id) == self.me => {
                self.followed_questions.insert(follow.question_id);
            }
            Entity::Notification(notification) => {
                self.notifications_by_time.insert((notification.created_at, id));
            }
            Entity::Following(following) if Some(following.person_id) == self.me => {
                self.followed.insert(following.group_id);
            }
            Entity::Event(event) => {
                self.events_by_start.insert((event.starts_at, id));
            }
            Entity::MyRsvp(rsvp) => {
                self.my_rsvps_by_start.insert((rsvp.starts_at, id));
                self.my_rsvp_of_event.insert(rsvp.event_id, id);
            }
            Entity::Conversation(conversation) => {
                self.conversations_by_last.insert((conversation.last_message_at, id));
            }
            Entity::Message(message) => {
                self.messages_by_conversation
                    .entry(message.conversation_id)
                    .or_default()
                    .insert((message.created_at, id));
            }
            Entity::Block(block) => {
                self.blocked.insert(block.person_id);
            }
            Entity::Poll(poll) => {
                self.polls_by_group.entry(poll.group_id).or_default().insert((poll.created_at, id));
            }
            Entity::MyVote(vote) => {
                self.my_vote_of_poll.insert(vote.poll_id, id);
            }
            Entity::Attachment(attachment) => {
                self.attachments_by_item.entry(attachment.item_id).or_default().insert((attachment.created_at, id));
            }
            Entity::MustRead(message) => {
                self.must_reads_by_time.insert((message.created_at, id));
            }
            Entity::JoinRequest(request) => {
                self.join_requests_by_group.entry(request.group_id).or_default().insert(id);
            }
            Entity::GroupInvitation(invitation) => {
                self.invitations_by_group.entry(invitation.group_id).or_default().insert(id);
            }
            _ => {}
        }
    }

    fn unindex(&mut self, id: Uuid, entity: &Entity) {
        match entity {
            Entity::Post(post) => {
                self.posts_by_time.remove(&(post.created_at, id));
            }
            Entity::Comment(comment) => {
                if let Some(set) = self.comments_by_post.get_mut(&comment.post_id) {
                    set.remove(&(comment.created_at, id));
                    if set.is_empty() {
                        self.comments_by_post.remove(&comment.post_id);
                    }
                }
            }
            Entity::Reaction(reaction) => {
                if let Some(set) = self.reactions_by_target.get_mut(&reaction.target_id) {
                    set.remove(&id);
                    if set.is_empty() {
                        self.reactions_by_target.remove(&reaction.target_id);
                    }
                }
            }
            Entity::GroupMember(member) => {
                if let Some(set) = self.members_by_group.get_mut(&member.group_id) {
                    set.remove(&id);
                    if set.is_empty() {
                        self.members_by_group.remove(&member.group_id);
                    }
                }
                if Some(member.person_id) == self.me {
                    self.my_roles.remove(&member.group_id);
                }
            }
            Entity::Question(question) => {
                self.questions_by_time.remove(&(question.created_at, id));
            }
            Entity::Answer(answer) => {
                remove_from(&mut self.answers_by_question, answer.question_id, &(answer.created_at, id));
            }
            Entity::AnswerComment(comment) => {
                remove_from(&mut self.comments_by_answer, comment.answer_id, &(comment.created_at, id));
            }
            Entity::QuestionFollow(follow) if Some(follow.person_id) == self.me => {
                self.followed_questions.remove(&follow.question_id);
            }
            Entity::Notification(notification) => {
                self.notifications_by_time.remove(&(notification.created_at, id));
            }
            Entity::Following(following) if Some(following.person_id) == self.me => {
                self.followed.remove(&following.group_id);
            }
            Entity::Event(event) => {
                self.events_by_start.remove(&(event.starts_at, id));
            }
            Entity::MyRsvp(rsvp) => {
                self.my_rsvps_by_start.remove(&(rsvp.starts_at, id));
                if self.my_rsvp_of_event.get(&rsvp.event_id) == Some(&id) {
                    self.my_rsvp_of_event.remove(&rsvp.event_id);
                }
            }
            Entity::Conversation(conversation) => {
                self.conversations_by_last.remove(&(conversation.last_message_at, id));
            }
            Entity::Message(message) => {
                remove_from(&mut self.messages_by_conversation, message.conversation_id, &(message.created_at, id));
            }
            Entity::Block(block) => {
                self.blocked.remove(&block.person_id);
            }
            Entity::Poll(poll) => {
                remove_from(&mut self.polls_by_group, poll.group_id, &(poll.created_at, id));
            }
            Entity::MyVote(vote) if self.my_vote_of_poll.get(&vote.poll_id) == Some(&id) => {
                self.my_vote_of_poll.remove(&vote.poll_id);
            }
            Entity::Attachment(attachment) => {
                remove_from(&mut self.attachments_by_item, attachment.item_id, &(attachment.created_at, id));
            }
            Entity::MustRead(message) => {
                self.must_reads_by_time.remove(&(message.created_at, id));
            }
            Entity::JoinRequest(request) => {
                remove_key(&mut self.join_requests_by_group, request.group_id, id);
            }
            Entity::GroupInvitation(invitation) => {
                remove_key(&mut self.invitations_by_group, invitation.group_id, id);
            }
            _ => {}
        }
    }

    // Reading

    /// The files on an item, oldest first.
    pub fn attachments_of(&self, item_id: Uuid) -> impl Iterator<Item = &fabrique_wire::attachments::Attachment> + '_ {
        self.attachments_by_item.get(&item_id).into_iter().flatten().filter_map(|(_, id)| {
            match self.entity(EntityKind::Attachment, *id) {
                Some(Entity::Attachment(attachment)) => Some(attachment),
                _ => None,
            }
        })
    }

    fn entity(&self, kind: EntityKind, id: Uuid) -> Option<&Entity> {
        self.held.get(&(kind, id)).map(|h| &h.entity)
    }

    pub fn attachment(&self, id: Uuid) -> Option<&fabrique_wire::attachments::Attachment> {
        match self.held.get(&(EntityKind::Attachment, id)).map(|h| &h.entity) {
            Some(Entity::Attachment(attachment)) => Some(attachment),
            _ => None,
        }
    }

    pub fn must_read(&self, id: Uuid) -> Option<&fabrique_wire::must_reads::MustRead> {
        match self.entity(EntityKind::MustRead, id) {
            Some(Entity::MustRead(message)) => Some(message),
            _ => None,
        }
    }

    /// Must-read messages held, the latest first.
    pub fn must_reads_newest_first(&self) -> impl Iterator<Item = &fabrique_wire::must_reads::MustRead> + '_ {
        self.must_reads_by_time.iter().rev().filter_map(|(_, id)| self.must_read(*id))
    }

    /// When I said I read this must-read message (confirmed by the server), if I did.
    pub fn must_read_read_at(&self, id: Uuid) -> Option<DateTime<Utc>> {
        match self.entity(EntityKind::MustReadRead, id) {
            Some(Entity::MustReadRead(read)) => Some(read.read_at),
            _ => None,
        }
    }

    pub fn conversation(&self, id: Uuid) -> Option<&Conversation> {
        match self.entity(EntityKind::Conversation, id) {
            Some(Entity::Conversation(conversation)) => Some(conversation),
            _ => None,
        }
    }

    /// My conversations, the one with the latest message first.
    pub fn conversations_latest_first(&self) -> impl Iterator<Item = &Conversation> + '_ {
        self.conversations_by_last.iter().rev().filter_map(|(_, id)| self.conversation(*id))
    }

    /// A conversation's messages, oldest first.
    pub fn messages_of(&self, conversation_id: Uuid) -> impl Iterator<Item = &Message> + '_ {
        self.messages_by_conversation.get(&conversation_id).into_iter().flatten().filter_map(|(_, id)| {
            match self.entity(EntityKind::Message, *id) {
                Some(Entity::Message(message)) => Some(message),
                _ => None,
            }
        })
    }

    /// Where I stand in a conversation (the key of a `MyConversation` is its conversation).
    pub fn my_conversation(&self, conversation_id: Uuid) -> Option<&MyConversation> {
        match self.entity(EntityKind::MyConversation, conversation_id) {
            Some(Entity::MyConversation(mine)) => Some(mine),
            _ => None,
        }
    }

    pub fn blocked(&self, person_id: Uuid) -> bool {
        self.blocked.contains(&person_id)
    }

    pub fn poll(&self, id: Uuid) -> Option<&Poll> {
        match self.entity(EntityKind::Poll, id) {
            Some(Entity::Poll(poll)) => Some(poll),
            _ => None,
        }
    }

    /// A group's polls, newest first.
    pub fn polls_of(&self, group_id: Uuid) -> impl Iterator<Item = &Poll> + '_ {
        self.polls_by_group.get(&group_id).into_iter().flatten().rev().filter_map(|(_, id)| self.poll(*id))
    }

    /// My vote in a poll, as the server last said.
    pub fn my_vote(&self, poll_id: Uuid) -> Option<&MyVote> {
        match self.my_vote_of_poll.get(&poll_id).and_then(|key| self.entity(EntityKind::MyVote, *key)) {
            Some(Entity::MyVote(vote)) => Some(vote),
            _ => None,
        }
    }

    /// My notifications, newest first.
    pub fn notifications_newest_first(&self) -> impl Iterator<Item = &Notification> + '_ {
        self.notifications_by_time.iter().rev().filter_map(|(_, id)| self.notification(*id))
    }

    pub fn notification(&self, id: Uuid) -> Option<&Notification> {
        match self.held.get(&(EntityKind::Notification, id)).map(|h| &h.entity) {
            Some(Entity::Notification(notification)) => Some(notification),
            _ => None,
        }
    }

    pub fn event(&self, id: Uuid) -> Option<&Event> {
        match self.held.get(&(EntityKind::Event, id)).map(|h| &h.entity) {
            Some(Entity::Event(event)) => Some(event),
            _ => None,
        }
    }

    /// Events of my groups that end after `now`, soonest first.
    pub fn events_from(&self, now: DateTime<Utc>) -> impl Iterator<Item = &Event> + '_ {
        // An event lasts at most a month: start the walk a month before now.
        let from = (now - chrono::Duration::days(fabrique_wire::events::DURATION_MAX_DAYS), Uuid::nil());
        self.events_by_start.range(from..).filter_map(|(_, id)| self.event(*id)).filter(move |e| e.ends_at > now)
    }

    fn rsvp_held(&self, key: Uuid) -> Option<&MyRsvp> {
        match self.held.get(&(EntityKind::MyRsvp, key)).map(|h| &h.entity) {
            Some(Entity::MyRsvp(rsvp)) => Some(rsvp),
            _ => None,
        }
    }

    /// My answer to an event, as the server last said.
    pub fn my_rsvp(&self, event_id: Uuid) -> Option<&MyRsvp> {
        self.my_rsvp_of_event.get(&event_id).and_then(|key| self.rsvp_held(*key))
    }

    /// My answers to events that end after `now`, soonest first (my calendar).
    pub fn my_rsvps_from(&self, now: DateTime<Utc>) -> impl Iterator<Item = &MyRsvp> + '_ {
        let from = (now - chrono::Duration::days(fabrique_wire::events::DURATION_MAX_DAYS), Uuid::nil());
        self.my_rsvps_by_start
            .range(from..)
            .filter_map(|(_, key)| self.rsvp_held(*key))
            .filter(move |r| r.ends_at > now)
    }

    pub fn notification_settings(&self) -> Option<&NotificationSettings> {
        match self.held.get(&(EntityKind::NotificationSettings, self.me?)).map(|h| &h.entity) {
            Some(Entity::NotificationSettings(settings)) => Some(settings),
            _ => None,
        }
    }

    pub fn me(&self) -> Option<&Me> {
        match self.held.get(&(EntityKind::Me, self.me?)).map(|h| &h.entity) {
            Some(Entity::Me(me)) => Some(me),
            _ => None,
        }
    }

    pub fn group(&self, id: Uuid) -> Option<&Group> {
        match self.held.get(&(EntityKind::Group, id)).map(|h| &h.entity) {
            Some(Entity::Group(group)) => Some(group),
            _ => None,
        }
    }

    pub fn post(&self, id: Uuid) -> Option<&Post> {
        match self.held.get(&(EntityKind::Post, id)).map(|h| &h.entity) {
            Some(Entity::Post(post)) => Some(post),
            _ => None,
        }
    }

    pub fn comment(&self, id: Uuid) -> Option<&Comment> {
        match self.held.get(&(EntityKind::Comment, id)).map(|h| &h.entity) {
            Some(Entity::Comment(comment)) => Some(comment),
            _ => None,
        }
    }

    /// The members of a group the phone holds.
    /// Open reports about a group, for its organisers (from the group's admin scope), oldest first.
    pub fn group_reports(&self, group_id: Uuid) -> Vec<&fabrique_wire::moderation::GroupReport> {
        let scope = fabrique_wire::sync::scope::group_admin(group_id);
        let mut reports: Vec<_> = self
            .by_scope
            .get(&scope)
            .into_iter()
            .flatten()
            .filter(|(kind, _)| *kind == EntityKind::GroupReport)
            .filter_map(|key| match self.held.get(key).map(|h| &h.entity) {
                Some(Entity::GroupReport(report)) => Some(report),
                _ => None,
            })
            .collect();
        reports.sort_by_key(|r| (r.opened_at, r.id));
        reports
    }

    pub fn members_of(&self, group_id: Uuid) -> impl Iterator<Item = &GroupMember> + '_ {
        self.members_by_group.get(&group_id).into_iter().flatten().filter_map(|key| {
            match self.held.get(&(EntityKind::GroupMember, *key)).map(|h| &h.entity) {
                Some(Entity::GroupMember(member)) => Some(member),
                _ => None,
            }
        })
    }

    /// Requests to join the group, oldest first.
    pub fn join_requests_of(&self, group_id: Uuid) -> Vec<&fabrique_wire::groups::JoinRequest> {
        let mut requests: Vec<_> = self
            .join_requests_by_group
            .get(&group_id)
            .into_iter()
            .flatten()
            .filter_map(|key| match self.held.get(&(EntityKind::JoinRequest, *key)).map(|h| &h.entity) {
                Some(Entity::JoinRequest(request)) => Some(request),
                _ => None,
            })
            .collect();
        requests.sort_by_key(|r| (r.created_at, r.person_id));
        requests
    }

    /// Invitations into the group not answered yet.
    pub fn invitations_of(&self, group_id: Uuid) -> impl Iterator<Item = &fabrique_wire::groups::GroupInvitation> + '_ {
        self.invitations_by_group.get(&group_id).into_iter().flatten().filter_map(|key| {
            match self.held.get(&(EntityKind::GroupInvitation, *key)).map(|h| &h.entity) {
                Some(Entity::GroupInvitation(invitation)) => Some(invitation),
                _ => None,
            }
        })
    }

    /// Groups I am invited into and have not joined, by the invitation's date.
    pub fn my_invitations(&self) -> Vec<&fabrique_wire::groups::GroupInvitation> {
        let mut mine: Vec<_> = self
            .invitations_by_group
            .keys()
            .flat_map(|group| self.invitations_of(*group))
            .filter(|i| Some(i.person_id) == self.me && !self.my_roles.contains_key(&i.group_id))
            .collect();
        mine.sort_by_key(|i| (i.created_at, i.group_id));
        mine
    }

    pub fn my_role(&self, group_id: Uuid) -> Option<GroupRole> {
        self.my_roles.get(&group_id).copied()
    }

    pub fn follows(&self, group_id: Uuid) -> bool {
        self.followed.contains(&group_id)
    }

    /// The groups whose content this device holds: those I belong to, then those I follow.
    pub fn my_group_ids(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.my_roles.keys().copied().chain(self.followed.iter().copied().filter(|g| !self.my_roles.contains_key(g)))
    }

    /// Posts, newest first.
    pub fn posts_newest_first(&self) -> impl Iterator<Item = &Post> + '_ {
        self.posts_by_time.iter().rev().filter_map(|(_, id)| self.post(*id))
    }

    /// A post's comments, oldest first (the order of a conversation).
    pub fn comments_of(&self, post_id: Uuid) -> impl Iterator<Item = &Comment> + '_ {
        self.comments_by_post.get(&post_id).into_iter().flatten().filter_map(|(_, id)| self.comment(*id))
    }

    pub fn reactions_to(&self, target_id: Uuid) -> impl Iterator<Item = &Reaction> + '_ {
        self.reactions_by_target.get(&target_id).into_iter().flatten().filter_map(|id| {
            match self.held.get(&(EntityKind::Reaction, *id)).map(|h| &h.entity) {
                Some(Entity::Reaction(reaction)) => Some(reaction),
                _ => None,
            }
        })
    }

    pub fn question(&self, id: Uuid) -> Option<&Question> {
        match self.held.get(&(EntityKind::Question, id)).map(|h| &h.entity) {
            Some(Entity::Question(question)) => Some(question),
            _ => None,
        }
    }

    /// Questions of my groups, newest first.
    pub fn questions_newest_first(&self) -> impl Iterator<Item = &Question> + '_ {
        self.questions_by_time.iter().rev().filter_map(|(_, id)| self.question(*id))
    }

    /// A question's answers, oldest first.
    pub fn answers_of(&self, question_id: Uuid) -> impl Iterator<Item = &Answer> + '_ {
        self.answers_by_question.get(&question_id).into_iter().flatten().filter_map(|(_, id)| {
            match self.held.get(&(EntityKind::Answer, *id)).map(|h| &h.entity) {
                Some(Entity::Answer(answer)) => Some(answer),
                _ => None,
            }
        })
    }

    pub fn comments_on_answer(&self, answer_id: Uuid) -> impl Iterator<Item = &AnswerComment> + '_ {
        self.comments_by_answer.get(&answer_id).into_iter().flatten().filter_map(|(_, id)| {
            match self.held.get(&(EntityKind::AnswerComment, *id)).map(|h| &h.entity) {
                Some(Entity::AnswerComment(comment)) => Some(comment),
                _ => None,
            }
        })
    }

    pub fn holds(&self, kind: EntityKind, id: Uuid) -> bool {
        self.held.contains_key(&(kind, id))
    }

    pub fn follows_question(&self, question_id: Uuid) -> bool {
        self.followed_questions.contains(&question_id)
    }

    // Saving

    pub fn has_unsaved(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// The scopes changed since the last save, each with what it holds now (`None`: empty,
    /// its key is to be deleted), and the index to write after them.
    pub fn take_unsaved(&mut self, cursor: Option<String>) -> (Vec<(String, Option<SavedScope>)>, SavedIndex) {
        let mut scopes: Vec<String> = self.dirty.drain().collect();
        scopes.sort();
        let changed = scopes
            .into_iter()
            .map(|scope| {
                let saved = self.by_scope.get(&scope).filter(|keys| !keys.is_empty()).map(|keys| SavedScope {
                    entities: keys
                        .iter()
                        .filter_map(|key| self.held.get(key))
                        .map(|h| (h.id, h.entity.clone()))
                        .collect(),
                });
                (scope, saved)
            })
            .collect();
        (changed, self.index_of(cursor))
    }

    pub fn index_of(&self, cursor: Option<String>) -> SavedIndex {
        let mut scopes: Vec<String> =
            self.by_scope.iter().filter(|(_, keys)| !keys.is_empty()).map(|(s, _)| s.clone()).collect();
        scopes.sort();
        SavedIndex { cursor, scopes }
    }

    /// A save failed: write everything again next time.
    pub fn mark_all_unsaved(&mut self) {
        self.dirty.extend(self.by_scope.keys().cloned());
    }

    /// Every scope key this store may have written (to delete them all at sign-out).
    pub fn scopes(&self) -> impl Iterator<Item = &String> + '_ {
        self.by_scope.keys().chain(self.dirty.iter())
    }

    /// Add a scope read back from the device.
    pub fn load_scope(&mut self, scope: &str, saved: SavedScope) {
        for (id, entity) in saved.entities {
            self.apply(Change { seq: 0, scope: scope.to_owned(), kind: entity.kind(), id, entity: Some(entity) });
        }
    }

    /// Loading is not a change: nothing is to be written back.
    pub fn loaded(&mut self) {
        self.dirty.clear();
    }
}

fn remove_from(index: &mut HashMap<Uuid, BTreeSet<(DateTime<Utc>, Uuid)>>, key: Uuid, entry: &(DateTime<Utc>, Uuid)) {
    if let Some(set) = index.get_mut(&key) {
        set.remove(entry);
        if set.is_empty() {
            index.remove(&key);
        }
    }
}

fn remove_key(index: &mut HashMap<Uuid, HashSet<Uuid>>, key: Uuid, entry: Uuid) {
    if let Some(set) = index.get_mut(&key) {
        set.remove(&entry);
        if set.is_empty() {
            index.remove(&key);
        }
    }
}
