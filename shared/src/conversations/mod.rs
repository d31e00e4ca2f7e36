//! Direct conversations: my list (latest message first, with what I have not read), one
//! conversation with its messages, writing from a profile or the directory, leaving, and
//! blocking a person. Everything comes from the conversation scopes the phone holds; what I
//! write shows at once with its "not sent yet" mark and goes through the outbox.

pub mod types;
pub use self::types::*;

use crux_core::render::render;
use fabrique_wire::conversations::{Conversation, MESSAGE_MAX, PARTICIPANTS_MAX, direct_conversation_id};
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use crate::i18n::{Language, Text};
use crate::ids::parse;
use crate::model::{Cmd, Route, Session};
use crate::sync::{self, overlay::Overlay};
use crate::time::rfc3339;

pub fn update(event: ConversationsEvent, session: &mut Session) -> Cmd {
    match event {
        ConversationsEvent::WriteTo { person_id } => match parse(&person_id) {
            Some(other) if other != session.person_id => write_to(session, other),
            _ => render(),
        },
        ConversationsEvent::StartWith { person_ids, title } => {
            let people: Vec<Uuid> = person_ids.iter().filter_map(|id| parse(id)).collect();
            start_with(session, people, title)
        }
        ConversationsEvent::Send { conversation_id, body } => match parse(&conversation_id) {
            Some(conversation_id) => send(session, conversation_id, body),
            None => render(),
        },
        ConversationsEvent::AddPeople { conversation_id, person_ids } => match parse(&conversation_id) {
            Some(conversation_id) => {
                let person_ids: Vec<Uuid> = person_ids.iter().filter_map(|id| parse(id)).collect();
                if person_ids.is_empty() {
                    return render();
                }
                sync::write(session, Mutation::AddToConversation { conversation_id, person_ids }).and(render())
            }
            None => render(),
        },
        ConversationsEvent::Leave { conversation_id } => match parse(&conversation_id) {
            Some(conversation_id) => {
                if matches!(session.route(), Route::Conversation { id } if parse(id) == Some(conversation_id)) {
                    session.nav.pop();
                    if session.nav.is_empty() {
                        session.nav.push(Route::Conversations);
                    }
                }
                sync::write(session, Mutation::LeaveConversation { conversation_id }).and(render())
            }
            None => render(),
        },
        ConversationsEvent::Block { person_id } => match parse(&person_id) {
            Some(person_id) if person_id != session.person_id => {
                sync::write(session, Mutation::BlockPerson { person_id }).and(render())
            }
            _ => render(),
        },
        ConversationsEvent::Unblock { person_id } => match parse(&person_id) {
            Some(person_id) => sync::write(session, Mutation::UnblockPerson { person_id }).and(render()),
            None => render(),
        },
    }
}

fn write_to(session: &mut Session, other: Uuid) -> Cmd {
    let id = direct_conversation_id(session.person_id, other);
    let start = if session.store.my_conversation(id).is_some()
        || Overlay::of(&session.outbox).new_conversations.iter().any(|c| c.id == id)
    {
        crux_core::Command::done()
    } else {
        sync::write(session, Mutation::StartConversation { id, person_ids: vec![other], title: String::new() })
    };
    start.and(crux_core::Command::event(crate::model::Event::Navigate(Route::Conversation { id: id.to_string() })))
}

fn start_with(session: &mut Session, mut people: Vec<Uuid>, title: String) -> Cmd {
    people.retain(|p| *p != session.person_id);
    people.dedup();
    match people.len() {
        0 => render(),
        1 => write_to(session, people[0]),
        n if n >= PARTICIPANTS_MAX => {
            session.notice = Some(Text::TooManyPeople);
            render()
        }
        _ => {
            let id = session.clock.new_id();
            let write = sync::write(
                session,
                Mutation::StartConversation { id, person_ids: people, title: title.trim().to_owned() },
            );
            write.and(crux_core::Command::event(crate::model::Event::Navigate(Route::Conversation {
                id: id.to_string(),
            })))
        }
    }
}

fn send(session: &mut Session, conversation_id: Uuid, body: String) -> Cmd {
    let body = body.trim().to_owned();
    let target = crate::attachments::types::FormTarget::Message { conversation_id };
    // A photo alone is a message: the words may then be left out.
    if body.is_empty() && !crate::attachments::form_has_files(session, &target) {
        session.notice = Some(Text::BodyRequired);
        return render();
    }
    if body.chars().count() > MESSAGE_MAX {
        session.notice = Some(Text::TooLong);
        return render();
    }
    let attachments = crate::attachments::take_for_write(session, &target);
    let id = session.clock.new_id();
    sync::write(session, Mutation::SendMessage { id, conversation_id, body, attachments }).and(render())
}

/// Opening a conversation reads it: its unread count goes to zero, here and on the server.
pub fn open_conversation(session: &mut Session, id: &str) -> Cmd {
    let Some(conversation_id) = parse(id) else { return crux_core::Command::done() };
    let unread = session.store.my_conversation(conversation_id).is_some_and(|m| m.unread > 0);
    let already = Overlay::of(&session.outbox).read_conversations.contains(&conversation_id);
    if unread && !already {
        sync::write(session, Mutation::MarkConversationRead { conversation_id })
    } else {
        crux_core::Command::done()
    }
}

/// What the badge of the conversations tab says.
pub fn unread_count(session: &Session, overlay: &Overlay) -> u32 {
    let unread: i64 = session
        .store
        .conversations_latest_first()
        .filter(|c| !overlay.read_conversations.contains(&c.id) && !overlay.left_conversations.contains(&c.id))
        .filter_map(|c| session.store.my_conversation(c.id))
        .map(|m| m.unread)
        .sum();
    u32::try_from(unread).unwrap_or(u32::MAX)
}

/// A conversation's name: its title, or the others' names.
fn title_of(session: &Session, conversation: &Conversation) -> String {
    if !conversation.title.is_empty() {
        return conversation.title.clone();
    }
    let others: Vec<&str> = conversation
        .participants
        .iter()
        .filter(|p| p.person_id != session.person_id)
        .map(|p| p.name.as_str())
        .collect();
    others.join(", ")
}

pub fn list_view(session: &Session, overlay: &Overlay, language: Language) -> ConversationsView {
    let mut items: Vec<ConversationSummary> = overlay
        .new_conversations
        .iter()
        .rev()
        .filter(|c| session.store.conversation(c.id).is_none())
        .map(|c| ConversationSummary {
            id: c.id.to_string(),
            title: if c.title.is_empty() {
                Text::NewConversation.in_language(language).to_owned()
            } else {
                c.title.to_owned()
            },
            last_message: String::new(),
            last_at: String::new(),
            unread: 0,
            pending: true,
        })
        .collect();
    for conversation in session.store.conversations_latest_first() {
        if overlay.left_conversations.contains(&conversation.id)
            || session.store.my_conversation(conversation.id).is_none()
        {
            continue;
        }
        let pending = overlay.new_messages.get(&conversation.id);
        let last_message = match pending.and_then(|m| m.last()) {
            Some(mine) => mine.body.to_owned(),
            None => session.store.messages_of(conversation.id).last().map(|m| m.body.clone()).unwrap_or_default(),
        };
        let unread = if overlay.read_conversations.contains(&conversation.id) {
            0
        } else {
            session.store.my_conversation(conversation.id).map_or(0, |m| u32::try_from(m.unread).unwrap_or(u32::MAX))
        };
        items.push(ConversationSummary {
            id: conversation.id.to_string(),
            title: title_of(session, conversation),
            last_message: last_message.chars().take(120).collect(),
            last_at: rfc3339(conversation.last_message_at),
            unread,
            pending: pending.is_some(),
        });
    }
    let empty_text = items.is_empty().then(|| Text::ConversationsEmpty.in_language(language).to_owned());
    ConversationsView { items, empty_text }
}

pub fn conversation_view(session: &Session, overlay: &Overlay, id: &str, language: Language) -> ConversationView {
    let say = |text: Text| text.in_language(language).to_owned();
    let conversation_id = parse(id);
    let held = conversation_id.and_then(|c| session.store.conversation(c));
    let starting = conversation_id.and_then(|c| overlay.new_conversations.iter().find(|n| n.id == c));
    let left = conversation_id.is_some_and(|c| overlay.left_conversations.contains(&c));
    let found = !left && (held.is_some() || starting.is_some());
    let mut messages: Vec<ConversationMessage> = match (held, conversation_id) {
        (Some(_), Some(c)) => session
            .store
            .messages_of(c)
            .map(|m| ConversationMessage {
                id: m.id.to_string(),
                author_name: m.author_name.clone(),
                body: m.body.clone(),
                mine: m.author_id == session.person_id,
                created_at: rfc3339(m.created_at),
                when_text: crate::i18n::ago(m.created_at, session.clock.now(), session.time_zone(), language),
                pending: false,
                attachments: crate::attachments::item_files(session, m.id, language),
                pending_files: Vec::new(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let my_name = session.store.me().map(|me| me.profile.display_name.clone()).unwrap_or_default();
    if let Some(pending) = conversation_id.and_then(|c| overlay.new_messages.get(&c)) {
        for message in pending {
            if messages.iter().any(|m| m.id == message.id.to_string()) {
                continue;
            }
            messages.push(ConversationMessage {
                id: message.id.to_string(),
                author_name: my_name.clone(),
                body: message.body.to_owned(),
                mine: true,
                created_at: String::new(),
                when_text: String::new(),
                pending: true,
                attachments: Vec::new(),
                pending_files: crate::attachments::pending_files(session, message.attachments, language),
            });
        }
    }
    let (title, participants, direct) = match (held, starting) {
        (Some(c), _) => (title_of(session, c), c.participants.iter().map(|p| p.name.clone()).collect(), c.direct),
        (None, Some(n)) => (
            if n.title.is_empty() { say(Text::NewConversation) } else { n.title.to_owned() },
            Vec::new(),
            n.person_ids.len() == 1,
        ),
        (None, None) => (String::new(), Vec::new(), false),
    };
    // In a one-to-one, the other person; blocked by me, I am told so and may unblock.
    let other =
        held.filter(|c| c.direct).and_then(|c| c.participants.iter().find(|p| p.person_id != session.person_id));
    let other_id = other.map(|p| p.person_id);
    let i_blocked = other_id.is_some_and(|p| match overlay.blocks.get(&p) {
        Some(blocking) => *blocking,
        None => session.store.blocked(p),
    });
    ConversationView {
        id: id.to_owned(),
        found,
        title,
        participants,
        empty_text: (found && messages.is_empty()).then(|| say(Text::ConversationEmpty)),
        messages,
        can_write: found && !i_blocked,
        can_add_people: found && !direct,
        other_person_id: other_id.map(|p| p.to_string()),
        blocked: i_blocked,
        blocked_text: i_blocked.then(|| say(Text::YouBlocked)),
        error: (!found).then(|| say(Text::NotFound)),
    }
}

#[cfg(test)]
mod tests {
    use fabrique_wire::conversations::{Message, MyConversation, Participant};
    use fabrique_wire::sync::{Entity, scope};
    use uuid::Uuid;

    use super::*;
    use crate::model::Event;
    use crate::testing::*;
    use crate::view::Screen;

    fn conversation(id: Uuid, people: &[(Uuid, &str)]) -> Conversation {
        Conversation {
            id,
            direct: people.len() == 2,
            title: String::new(),
            participants: people
                .iter()
                .map(|(id, name)| Participant { person_id: *id, name: (*name).to_owned() })
                .collect(),
            created_at: chrono::Utc::now(),
            last_message_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn writing_to_someone_from_their_profile_opens_our_conversation_and_my_message_shows_at_once() {
        let (me_id, group, awa) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(me_id, &first_pull(me_id, group, vec![]));
        shell.send(Event::Conversations(ConversationsEvent::WriteTo { person_id: awa.to_string() }));
        let id = direct_conversation_id(me_id, awa);
        let Screen::Conversation(view) = shell.screen() else { panic!("the conversation opens") };
        assert_eq!(view.id, id.to_string());
        assert!(view.found && view.can_write);
        shell.send(Event::Conversations(ConversationsEvent::Send {
            conversation_id: id.to_string(),
            body: "  Bonjour Awa  ".into(),
        }));
        let Screen::Conversation(view) = shell.screen() else { panic!("still the conversation") };
        assert_eq!(view.messages.len(), 1);
        assert_eq!(view.messages[0].body, "Bonjour Awa");
        assert!(view.messages[0].pending && view.messages[0].mine);
    }

    #[test]
    fn an_empty_message_is_not_sent_and_says_why() {
        let (me_id, group, awa) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(me_id, &first_pull(me_id, group, vec![]));
        shell.send(Event::Conversations(ConversationsEvent::WriteTo { person_id: awa.to_string() }));
        let id = direct_conversation_id(me_id, awa);
        shell.send(Event::Conversations(ConversationsEvent::Send {
            conversation_id: id.to_string(),
            body: "   ".into(),
        }));
        let Screen::Conversation(view) = shell.screen() else { panic!("still the conversation") };
        assert!(view.messages.is_empty());
        assert!(shell.view().notice.is_some());
    }

    #[test]
    fn my_conversations_list_the_latest_first_with_what_i_have_not_read_and_opening_one_reads_it() {
        let (me_id, group, awa, bruno) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let with_awa = direct_conversation_id(me_id, awa);
        let with_bruno = direct_conversation_id(me_id, bruno);
        let mut older = conversation(with_bruno, &[(me_id, "Moi"), (bruno, "Bruno")]);
        older.last_message_at = chrono::Utc::now() - chrono::Duration::hours(2);
        let message = Message {
            id: Uuid::now_v7(),
            conversation_id: with_awa,
            author_id: awa,
            author_name: "Awa".into(),
            body: "Tu viens samedi ?".into(),
            created_at: chrono::Utc::now(),
        };
        let mut pull = first_pull(me_id, group, vec![]);
        pull.changes.extend([
            put(50, &scope::conversation(with_bruno), with_bruno, Entity::Conversation(older)),
            put(
                51,
                &scope::conversation(with_awa),
                with_awa,
                Entity::Conversation(conversation(with_awa, &[(me_id, "Moi"), (awa, "Awa")])),
            ),
            put(52, &scope::conversation(with_awa), message.id, Entity::Message(message)),
            put(
                53,
                &scope::person(me_id),
                with_awa,
                Entity::MyConversation(MyConversation { conversation_id: with_awa, unread: 1, last_read_at: None }),
            ),
            put(
                54,
                &scope::person(me_id),
                with_bruno,
                Entity::MyConversation(MyConversation { conversation_id: with_bruno, unread: 0, last_read_at: None }),
            ),
        ]);
        let mut shell = signed_in(me_id, &pull);
        assert_eq!(shell.view().unread_messages, 1);
        shell.send(Event::Navigate(Route::Conversations));
        let Screen::Conversations(list) = shell.screen() else { panic!("the list") };
        let titles: Vec<&str> = list.items.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["Awa", "Bruno"]);
        assert_eq!(list.items[0].unread, 1);
        assert_eq!(list.items[0].last_message, "Tu viens samedi ?");
        shell.send(Event::Navigate(Route::Conversation { id: with_awa.to_string() }));
        assert_eq!(shell.view().unread_messages, 0);
    }

    #[test]
    fn with_no_conversation_the_list_says_how_to_start_one() {
        let (me_id, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(me_id, &first_pull(me_id, group, vec![]));
        shell.send(Event::Navigate(Route::Conversations));
        let Screen::Conversations(list) = shell.screen() else { panic!("the list") };
        assert!(list.items.is_empty());
        assert!(list.empty_text.unwrap().contains("profil"));
    }
}
