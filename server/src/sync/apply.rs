//! Routes each mutation to the area that owns it. Every area function checks the caller's
//! rights on the object's real group and records its changes in the change set.

use fabrique_wire::sync::Mutation;

use crate::auth::Actor;
use crate::db::{Rows, Statements, Tx};
use crate::error::ApiResult;
use crate::moderation::charter::Standing;
use crate::sync::log::ChangeSet;
use crate::{conversations, events, groups, moderation, notifications, people, polls, posts, questions};

/// Statements a mutation sends in the round trip that opens it (`sync::push`: the client's
/// row locked, the mutation's savepoint taken), before anything about it is checked: what they
/// write is under the savepoint, undone if the mutation is refused or was applied before. A
/// post is then one round trip to the database instead of two.
pub enum Opening<'a> {
    Post(posts::PostWrite<'a>),
}

impl<'a> Opening<'a> {
    /// The opening of `mutation`, if it has one. A mutation whose input is invalid has none:
    /// [`apply`] refuses it.
    pub fn of(mutation: &'a Mutation) -> Option<Opening<'a>> {
        match mutation {
            Mutation::CreatePost(post) => posts::PostWrite::prepare(post).ok().map(Opening::Post),
            _ => None,
        }
    }

    pub fn statements(&self, actor: &Actor) -> Statements {
        match self {
            Opening::Post(write) => write.statements(actor),
        }
    }
}

/// Applies `mutation` for `actor`, whose `standing` was read in this transaction (by the
/// statement that opened the mutation, `sync::push`), with what its [`Opening`] answered
/// in that statement's round trip if it had one.
pub async fn apply(
    tx: &mut Tx,
    actor: &Actor,
    standing: &Standing,
    mutation: &Mutation,
    opened: Option<(Opening<'_>, Vec<Rows>)>,
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    // Writes that publish (`Mutation::publishes`, exhaustive in wire) wait for the charter.
    if mutation.publishes() {
        standing.check_may_take_part(chrono::Utc::now())?;
    }
    if let Some((opening, answers)) = opened {
        return match opening {
            Opening::Post(write) => write.finish(tx, actor, &answers, changes).await,
        };
    }
    match mutation {
        Mutation::CreateGroup(group) => groups::create_group(tx, actor, group, changes).await,
        Mutation::UpdateGroup { id, name, description, tags } => {
            groups::update_group(tx, actor, *id, name.as_deref(), description.as_deref(), tags.as_deref(), changes)
                .await
        }
        Mutation::JoinGroup { group_id } => groups::join_group(tx, actor, *group_id, changes).await,
        Mutation::RequestToJoin { group_id, message } => {
            groups::request_to_join(tx, actor, *group_id, message, changes).await
        }
        Mutation::DecideJoinRequest { group_id, person_id, accept } => {
            groups::decide_join_request(tx, actor, *group_id, *person_id, *accept, changes).await
        }
        Mutation::InviteToGroup { group_id, person_id } => {
            groups::invite_to_group(tx, actor, *group_id, *person_id, changes).await
        }
        Mutation::LeaveGroup { group_id } => groups::leave_group(tx, actor, *group_id, changes).await,
        Mutation::RemoveMember { group_id, person_id } => {
            groups::remove_member(tx, actor, *group_id, *person_id, changes).await
        }
        Mutation::SetMemberRole { group_id, person_id, role } => {
            groups::set_member_role(tx, actor, *group_id, *person_id, role, changes).await
        }
        Mutation::FollowGroup { group_id } => groups::follow_group(tx, actor, *group_id, changes).await,
        Mutation::UnfollowGroup { group_id } => groups::unfollow_group(tx, actor, *group_id, changes).await,
        Mutation::CreatePost(post) => posts::create_post(tx, actor, post, changes).await,
        Mutation::EditPost { id, title, body } => {
            posts::edit_post(tx, actor, *id, title.as_deref(), body.as_deref(), changes).await
        }
        Mutation::DeletePost { id } => posts::delete_post(tx, actor, *id, changes).await,
        Mutation::CreateComment { id, post_id, body, mentions } => {
            posts::create_comment(tx, actor, *id, *post_id, body, mentions, changes).await
        }
        Mutation::EditComment { id, body } => posts::edit_comment(tx, actor, *id, body, changes).await,
        Mutation::DeleteComment { id } => posts::delete_comment(tx, actor, *id, changes).await,
        Mutation::React { target_id, emoji } => posts::react(tx, actor, *target_id, emoji, changes).await,
        Mutation::Unreact { target_id, emoji } => posts::unreact(tx, actor, *target_id, emoji, changes).await,
        Mutation::UpdateProfile { update } => people::update_profile(tx, actor, update, changes).await,
        Mutation::AskQuestion(question) => questions::ask_question(tx, actor, question, changes).await,
        Mutation::EditQuestion { id, title, details, tags } => {
            questions::edit_question(tx, actor, *id, title.as_deref(), details.as_deref(), tags.as_deref(), changes)
                .await
        }
        Mutation::DeleteQuestion { id } => questions::delete_question(tx, actor, *id, changes).await,
        Mutation::AnswerQuestion { id, question_id, body, mentions } => {
            questions::answer_question(tx, actor, *id, *question_id, body, mentions, changes).await
        }
        Mutation::EditAnswer { id, body } => questions::edit_answer(tx, actor, *id, body, changes).await,
        Mutation::DeleteAnswer { id } => questions::delete_answer(tx, actor, *id, changes).await,
        Mutation::AcceptAnswer { question_id, answer_id } => {
            questions::accept_answer(tx, actor, *question_id, *answer_id, changes).await
        }
        Mutation::CommentAnswer { id, answer_id, body } => {
            questions::comment_answer(tx, actor, *id, *answer_id, body, changes).await
        }
        Mutation::DeleteAnswerComment { id } => questions::delete_answer_comment(tx, actor, *id, changes).await,
        Mutation::FollowQuestion { question_id } => {
            questions::set_following(tx, actor, *question_id, true, changes).await
        }
        Mutation::UnfollowQuestion { question_id } => {
            questions::set_following(tx, actor, *question_id, false, changes).await
        }
        Mutation::MarkNotificationsRead { ids } => {
            notifications::mark_notifications_read(tx, actor, ids, changes).await
        }
        Mutation::MarkAllNotificationsRead {} => notifications::mark_all_notifications_read(tx, actor, changes).await,
        Mutation::SetNotificationSettings { time_zone, quiet_hours, muted_kinds, digest } => {
            notifications::settings::set_notification_settings(
                tx,
                actor,
                time_zone,
                quiet_hours.as_ref(),
                muted_kinds,
                *digest,
                changes,
            )
            .await
        }
        Mutation::SetGroupNotificationLevel { group_id, level } => {
            notifications::settings::set_group_notification_level(tx, actor, *group_id, *level, changes).await
        }
        Mutation::CreateEvent(event) => events::create_event(tx, actor, event, changes).await,
        Mutation::UpdateEvent(update) => events::update_event(tx, actor, update, changes).await,
        Mutation::CancelEvent { id } => events::cancel_event(tx, actor, *id, changes).await,
        Mutation::AnswerEvent { event_id, choice } => {
            events::answer_event(tx, actor, *event_id, *choice, changes).await
        }
        Mutation::AnnounceToGroup { id, group_id, text } => {
            events::announce_to_group(tx, actor, *id, *group_id, text, changes).await
        }
        Mutation::AnnounceToAttendees { id, event_id, text } => {
            events::announce_to_attendees(tx, actor, *id, *event_id, text, changes).await
        }
        Mutation::Report { id, target, target_id, reason, details } => {
            moderation::report(tx, actor, *id, *target, *target_id, *reason, details, changes).await
        }
        Mutation::AcceptCharter { version } => moderation::charter::accept_charter(tx, actor, *version).await,
        Mutation::DecideReport { case_id, decision, reason } => {
            moderation::decide_in_group(tx, actor, *case_id, *decision, reason, changes).await
        }
        Mutation::StartConversation { id, person_ids, title } => {
            conversations::start_conversation(tx, actor, *id, person_ids, title, changes).await
        }
        Mutation::SendMessage { id, conversation_id, body, attachments } => {
            conversations::send_message(tx, actor, *id, *conversation_id, body, attachments, changes).await
        }
        Mutation::AddToConversation { conversation_id, person_ids } => {
            conversations::add_to_conversation(tx, actor, *conversation_id, person_ids, changes).await
        }
        Mutation::LeaveConversation { conversation_id } => {
            conversations::leave_conversation(tx, actor, *conversation_id, changes).await
        }
        Mutation::MarkConversationRead { conversation_id } => {
            conversations::mark_conversation_read(tx, actor, *conversation_id, changes).await
        }
        Mutation::BlockPerson { person_id } => conversations::block_person(tx, actor, *person_id, changes).await,
        Mutation::UnblockPerson { person_id } => conversations::unblock_person(tx, actor, *person_id, changes).await,
        Mutation::CreatePoll(poll) => polls::create_poll(tx, actor, poll, changes).await,
        Mutation::Vote { poll_id, choices } => polls::vote(tx, actor, *poll_id, choices, changes).await,
        Mutation::ClosePoll { poll_id } => polls::close_poll(tx, actor, *poll_id, changes).await,
        Mutation::SendMustRead(new) => crate::must_reads::send(tx, actor, new, changes).await.map(|_| ()),
        Mutation::AcknowledgeMustRead { must_read_id } => {
            crate::must_reads::acknowledge(tx, actor, *must_read_id, changes).await
        }
    }
}
