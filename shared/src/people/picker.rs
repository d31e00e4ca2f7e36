//! The people picker: the directory (the people one may see, searched online) opened to
//! choose several people — to invite into a group one runs, to start a conversation with
//! several people, or to add people to a conversation one is in. Who cannot be chosen says
//! why (already a member, already invited, already in the conversation).

use crux_core::{Command, render::render};
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use super::types::{PickCandidate, PickPeopleView, PickPurpose, Picking};
use crate::conversations::types::ConversationsEvent;
use crate::i18n::{Language, Text};
use crate::ids::parse;
use crate::model::{Cmd, Event, Route, Session};
use crate::sync::{self, overlay::Overlay};

/// Open the picker afresh (nobody chosen, every person listed).
pub fn open(session: &mut Session, purpose: PickPurpose) -> Cmd {
    let directory = &mut session.pages.directory;
    directory.picking = Some(Picking { purpose, chosen: Vec::new() });
    directory.query.clear();
    directory.skill.clear();
    directory.organisation_id = None;
    super::load_directory(session, false)
}

pub fn toggle(session: &mut Session, person_id: &str, display_name: String) -> Cmd {
    let Some(person) = parse(person_id) else { return render() };
    let overlay = Overlay::of(&session.outbox);
    let Some(picking) = &session.pages.directory.picking else { return render() };
    let unavailable = unavailable(session, &overlay, &picking.purpose, person);
    let Some(picking) = &mut session.pages.directory.picking else { return render() };
    match picking.chosen.iter().position(|(id, _)| *id == person) {
        Some(index) => {
            picking.chosen.remove(index);
        }
        None if unavailable.is_none() => picking.chosen.push((person, display_name)),
        None => {}
    }
    render()
}

/// Do what the picker was opened for, then leave it.
pub fn confirm(session: &mut Session, title: String) -> Cmd {
    let Some(picking) = session.pages.directory.picking.take() else { return render() };
    if picking.chosen.is_empty() {
        session.pages.directory.picking = Some(picking);
        return render();
    }
    if matches!(session.route(), Route::PickPeople { .. }) {
        session.nav.pop();
    }
    let people: Vec<Uuid> = picking.chosen.iter().map(|(id, _)| *id).collect();
    match picking.purpose {
        PickPurpose::InviteToGroup { group_id } => {
            let Some(group_id) = parse(&group_id) else { return render() };
            let writes: Vec<Cmd> = people
                .into_iter()
                .map(|person_id| sync::write(session, Mutation::InviteToGroup { group_id, person_id }))
                .collect();
            session.notice = Some(Text::InvitationsSent);
            Command::all(writes).and(render())
        }
        PickPurpose::StartConversation => {
            let person_ids = people.iter().map(Uuid::to_string).collect();
            Command::event(Event::Conversations(ConversationsEvent::StartWith { person_ids, title }))
        }
        PickPurpose::AddToConversation { conversation_id } => {
            let person_ids = people.iter().map(Uuid::to_string).collect();
            Command::event(Event::Conversations(ConversationsEvent::AddPeople { conversation_id, person_ids }))
        }
    }
}

/// Why `person` cannot be chosen for `purpose`, if they cannot.
fn unavailable(session: &Session, overlay: &Overlay, purpose: &PickPurpose, person: Uuid) -> Option<Text> {
    if person == session.person_id {
        return Some(Text::PickYou);
    }
    match purpose {
        PickPurpose::InviteToGroup { group_id } => {
            let group = parse(group_id)?;
            if session.store.members_of(group).any(|m| m.person_id == person)
                || overlay.join_decisions.get(&(group, person)) == Some(&true)
            {
                Some(Text::PickAlreadyMember)
            } else if session.store.invitations_of(group).any(|i| i.person_id == person)
                || overlay.group_invitations.contains(&(group, person))
            {
                Some(Text::PickAlreadyInvited)
            } else {
                None
            }
        }
        PickPurpose::StartConversation => None,
        PickPurpose::AddToConversation { conversation_id } => {
            let conversation = session.store.conversation(parse(conversation_id)?)?;
            conversation.participants.iter().any(|p| p.person_id == person).then_some(Text::PickAlreadyIn)
        }
    }
}

pub fn view(session: &Session, purpose: &PickPurpose, language: Language) -> PickPeopleView {
    let say = |text: Text| text.in_language(language).to_owned();
    let overlay = Overlay::of(&session.outbox);
    let directory = &session.pages.directory;
    let chosen: &[(Uuid, String)] = match &directory.picking {
        Some(picking) if &picking.purpose == purpose => &picking.chosen,
        _ => &[],
    };
    let people = directory
        .list
        .items
        .iter()
        .map(|profile| PickCandidate {
            id: profile.id.to_string(),
            display_name: profile.display_name.clone(),
            detail: [profile.function.as_str(), profile.organisation_name.as_str()]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
            chosen: chosen.iter().any(|(id, _)| *id == profile.id),
            unavailable: unavailable(session, &overlay, purpose, profile.id).map(say),
        })
        .collect();
    let (title, confirm) = match purpose {
        PickPurpose::InviteToGroup { .. } => (Text::PickInviteTitle, Text::PickInviteConfirm),
        PickPurpose::StartConversation => (Text::PickStartTitle, Text::PickStartConfirm),
        PickPurpose::AddToConversation { .. } => (Text::PickAddTitle, Text::PickAddConfirm),
    };
    PickPeopleView {
        purpose: purpose.clone(),
        title: say(title),
        hint: say(Text::PickHint),
        query: directory.query.clone(),
        people,
        chosen: chosen.iter().map(|(_, name)| name.clone()).collect(),
        // Two people at least besides oneself make a group conversation worth naming.
        asks_title: *purpose == PickPurpose::StartConversation && chosen.len() > 1,
        confirm_label: say(confirm),
        can_confirm: !chosen.is_empty(),
        loading: directory.list.tag.is_some(),
        has_more: directory.list.next_cursor.is_some(),
        error: directory.list.error.map(say),
        empty_text: directory.list.is_empty_result().then(|| say(Text::DirectoryEmpty)),
    }
}

#[cfg(test)]
mod tests {
    use fabrique_wire::Page;
    use fabrique_wire::people::Profile;
    use fabrique_wire::sync::Mutation;
    use uuid::Uuid;

    use crate::model::{Event, Route};
    use crate::people::types::{PeopleEvent, PickPurpose};
    use crate::testing::*;
    use crate::view::Screen;

    fn profile(id: Uuid, name: &str) -> Profile {
        Profile { display_name: name.into(), ..me(id).profile }
    }

    fn toggle(shell: &mut Shell, id: Uuid, name: &str) {
        shell.send(Event::People(PeopleEvent::PickToggle { person_id: id.to_string(), display_name: name.into() }));
    }

    #[test]
    fn people_are_chosen_one_by_one_and_a_group_conversation_starts_with_its_title() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        let (bruno, chloe) = (Uuid::now_v7(), Uuid::now_v7());
        shell.send(Event::Navigate(Route::PickPeople { purpose: PickPurpose::StartConversation }));
        let people = vec![profile(person, "Awa Diallo"), profile(bruno, "Bruno"), profile(chloe, "Chloé")];
        shell.answer_json("/v1/people?", 200, &Page { items: people, next_cursor: None });
        let Screen::PickPeople(view) = shell.screen() else { panic!("the picker") };
        assert_eq!(view.people.len(), 3);
        assert_eq!(view.people[0].unavailable.as_deref(), Some("c'est vous"));
        assert!(!view.can_confirm && !view.asks_title);

        toggle(&mut shell, person, "Awa Diallo");
        toggle(&mut shell, bruno, "Bruno");
        let Screen::PickPeople(view) = shell.screen() else { panic!() };
        assert_eq!(view.chosen, vec!["Bruno"], "oneself cannot be chosen");
        assert!(view.can_confirm && !view.asks_title, "a title only for three people or more");
        toggle(&mut shell, chloe, "Chloé");
        toggle(&mut shell, bruno, "Bruno");
        toggle(&mut shell, bruno, "Bruno");
        let Screen::PickPeople(view) = shell.screen() else { panic!() };
        assert_eq!(view.chosen, vec!["Chloé", "Bruno"], "in the order chosen");
        assert!(view.asks_title);

        shell.send(Event::People(PeopleEvent::PickConfirm { title: " Bureau ".into() }));
        let Screen::Conversation(conversation) = shell.screen() else { panic!("the new conversation opens") };
        assert_eq!(conversation.title, "Bureau");
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let sent: fabrique_wire::sync::PushRequest = serde_json::from_slice(&push.operation.body).unwrap();
        let Mutation::StartConversation { person_ids, title, .. } = &sent.mutations[0].mutation else {
            panic!("a conversation is started: {:?}", sent.mutations)
        };
        assert_eq!((person_ids.clone(), title.as_str()), (vec![chloe, bruno], "Bureau"));
        shell.send(Event::Back);
        assert!(!matches!(shell.screen(), Screen::PickPeople(_)), "the picker is left behind");
    }
}
