//! Must-read messages (DESIGN.md §6b, issue 22): pinned at the top of the feed until I say
//! "J'ai lu"; whole on their own screen; for their sender (and their group's organisers) the
//! reach read online: how many read it in the app, how many were mailed, who was not reached
//! yet. An organiser sends one from the group's message form (see `events::organise`).
//!
//! The messages come with the sync, in the scope of their audience (an organisation of mine,
//! or a group of mine); that I read one is a `MustReadRead` in my own scope, and until the
//! server confirms it, my acknowledgement waiting in the outbox.

pub mod types;

use crux_core::render::render;
use fabrique_wire::Page;
use fabrique_wire::groups::GroupRole;
use fabrique_wire::must_reads::{MustRead, MustReadAudience, MustReadReach, ReachPerson};
use fabrique_wire::sync::Mutation;

use crate::api::Failure;
use crate::i18n::{Language, Text};
use crate::ids::parse;
use crate::model::{Cmd, Session};
use crate::pages::Fetch;
use crate::sync;
use crate::sync::overlay::Overlay;
use crate::time::rfc3339;
use types::{MustReadCard, MustReadView, MustReadsEvent, ReachPage, ReachView};

/// Characters of the text shown on a pinned card.
const EXCERPT_CHARS: usize = 200;

pub fn update(event: MustReadsEvent, session: &mut Session) -> Cmd {
    match event {
        MustReadsEvent::Acknowledge { id } => {
            let Some(id) = parse(&id) else { return render() };
            let overlay = Overlay::of(&session.outbox);
            let already = session.store.must_read(id).is_none_or(|m| is_read(session, &overlay, m));
            if already {
                return render();
            }
            sync::write(session, Mutation::AcknowledgeMustRead { must_read_id: id }).and(render())
        }
    }
}

/// Read, or mine: nothing left to pin.
fn is_read(session: &Session, overlay: &Overlay, message: &MustRead) -> bool {
    message.author_id == session.person_id
        || overlay.read_must_reads.contains(&message.id)
        || session.store.must_read_read_at(message.id).is_some()
}

/// Whether I see how far it reached: I sent it, or I run the group it was sent to (the
/// federation's administrators and the managers see it in the console).
fn sees_reach(session: &Session, message: &MustRead) -> bool {
    if message.author_id == session.person_id {
        return true;
    }
    match message.audience {
        MustReadAudience::Group { group_id } => {
            matches!(session.store.my_role(group_id), Some(GroupRole::Organiser | GroupRole::Admin))
        }
        MustReadAudience::Organisation { .. } => false,
    }
}

/// Opening a message: its reach is read online, for those who see it.
pub fn open(session: &mut Session, id: &str) -> Cmd {
    let Some(id) = parse(id) else { return crux_core::Command::done() };
    let sees = session.store.must_read(id).is_some_and(|m| sees_reach(session, m));
    if !sees {
        session.pages.must_read = None;
        return crux_core::Command::done();
    }
    let (tag, reach) = session.fetch(Fetch::MustReadReach, &format!("/v1/must-reads/{id}/reach"));
    let (people_tag, people) =
        session.fetch(Fetch::MustReadPeople, &format!("/v1/must-reads/{id}/people?state=not_reached&limit=50"));
    session.pages.must_read = Some(ReachPage {
        id,
        reach: None,
        not_reached: Vec::new(),
        more_not_reached: false,
        tag: Some(tag),
        people_tag: Some(people_tag),
        error: None,
    });
    reach.and(people)
}

pub fn reach_is_fresh(session: &Session, tag: u64) -> bool {
    session.pages.must_read.as_ref().is_some_and(|p| p.tag == Some(tag))
}

pub fn people_is_fresh(session: &Session, tag: u64) -> bool {
    session.pages.must_read.as_ref().is_some_and(|p| p.people_tag == Some(tag))
}

pub fn reach_answered(session: &mut Session, result: Result<MustReadReach, Failure>) {
    if let Some(page) = &mut session.pages.must_read {
        page.tag = None;
        match result {
            Ok(reach) => page.reach = Some(reach),
            Err(failure) => page.error = Some(failure.text()),
        }
    }
}

pub fn people_answered(session: &mut Session, result: Result<Page<ReachPerson>, Failure>) {
    if let Some(page) = &mut session.pages.must_read {
        page.people_tag = None;
        // The names are a help: without them the counts still say it all.
        if let Ok(people) = result {
            page.more_not_reached = people.next_cursor.is_some();
            page.not_reached = people.items;
        }
    }
}

fn label(language: Language) -> String {
    match language {
        Language::French => "Message important".into(),
        Language::English => "Important message".into(),
    }
}

fn acknowledge_label(language: Language) -> String {
    match language {
        Language::French => "J'ai lu".into(),
        Language::English => "I have read it".into(),
    }
}

fn from(message: &MustRead, language: Language) -> String {
    let (who, to) = (&message.author_name, &message.audience_name);
    match (message.audience, language) {
        (MustReadAudience::Organisation { .. }, Language::French) => format!("De {who}, à {to}"),
        (MustReadAudience::Organisation { .. }, Language::English) => format!("From {who}, to {to}"),
        (MustReadAudience::Group { .. }, Language::French) => format!("De {who}, aux membres de « {to} »"),
        (MustReadAudience::Group { .. }, Language::English) => format!("From {who}, to the members of “{to}”"),
    }
}

fn excerpt(body: &str) -> String {
    match body.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", body[..cut].trim_end()),
        None => body.to_owned(),
    }
}

/// The messages I have not read yet, the latest first: pinned at the top of the feed.
pub fn pinned(session: &Session, overlay: &Overlay, language: Language) -> Vec<MustReadCard> {
    session
        .store
        .must_reads_newest_first()
        .filter(|message| !is_read(session, overlay, message))
        .map(|message| MustReadCard {
            id: message.id.to_string(),
            label: label(language),
            title: message.title.clone(),
            from: from(message, language),
            excerpt: excerpt(&message.body),
            sent_at: rfc3339(message.created_at),
            acknowledge_label: acknowledge_label(language),
        })
        .collect()
}

pub fn view(session: &Session, overlay: &Overlay, id: &str, language: Language) -> MustReadView {
    let message = parse(id).and_then(|id| session.store.must_read(id));
    let Some(message) = message else {
        // Not (yet) on this phone: a tapped push brings it with the sync under way.
        let waiting = session.sync.in_flight;
        return MustReadView {
            id: id.to_owned(),
            label: label(language),
            title: String::new(),
            from: String::new(),
            body: String::new(),
            sent_at: String::new(),
            can_acknowledge: false,
            acknowledge_label: acknowledge_label(language),
            read_text: None,
            reach: None,
            loading: waiting,
            error: (!waiting).then(|| Text::NotFound.in_language(language).to_owned()),
        };
    };
    let mine = message.author_id == session.person_id;
    let read = is_read(session, overlay, message);
    let read_text = match (mine, read, language) {
        (true, _, Language::French) => Some("Vous avez envoyé ce message.".to_owned()),
        (true, _, Language::English) => Some("You sent this message.".to_owned()),
        (false, true, Language::French) => Some("Vous l'avez lu : merci.".to_owned()),
        (false, true, Language::English) => Some("You have read it: thank you.".to_owned()),
        (false, false, _) => None,
    };
    let page = session.pages.must_read.as_ref().filter(|p| p.id == message.id);
    MustReadView {
        id: message.id.to_string(),
        label: label(language),
        title: message.title.clone(),
        from: from(message, language),
        body: message.body.clone(),
        sent_at: rfc3339(message.created_at),
        can_acknowledge: !read,
        acknowledge_label: acknowledge_label(language),
        read_text,
        reach: page.and_then(|p| p.reach.as_ref()).map(|reach| reach_view(reach, page, language)),
        loading: page.is_some_and(|p| p.tag.is_some()),
        error: page.and_then(|p| p.error).map(|t| t.in_language(language).to_owned()),
    }
}

fn people(count: u64, language: Language) -> String {
    match (count, language) {
        (0 | 1, Language::French) => format!("{count} personne"),
        (_, Language::French) => format!("{count} personnes"),
        (1, Language::English) => "1 person".to_owned(),
        (_, Language::English) => format!("{count} people"),
    }
}

fn reach_view(reach: &MustReadReach, page: Option<&ReachPage>, language: Language) -> ReachView {
    let reached = reach.read_in_app + reach.mailed;
    let percent = reach.percent_reached();
    let summary = match language {
        Language::French => {
            format!("{reached} sur {} atteintes ({percent} %)", people(reach.recipients, language))
        }
        Language::English => format!("{reached} of {} reached ({percent}%)", people(reach.recipients, language)),
    };
    let lines = match language {
        Language::French => vec![
            format!("Lu dans l'application : {}", reach.read_in_app),
            format!("Reçu par e-mail : {}", reach.mailed),
            format!("Pas encore atteint : {}", reach.not_reached),
        ],
        Language::English => vec![
            format!("Read in the app: {}", reach.read_in_app),
            format!("Received by e-mail: {}", reach.mailed),
            format!("Not reached yet: {}", reach.not_reached),
        ],
    };
    let hours = (reach.mail_after - reach.created_at).num_hours();
    let mail_text = match (reach.mailing_done, language) {
        (true, Language::French) => "L'e-mail est parti à tous ceux qui ne l'avaient pas lu.".to_owned(),
        (true, Language::English) => "The e-mail went to everyone who had not read it.".to_owned(),
        (false, Language::French) => {
            format!("Ceux qui ne l'auront pas lu le recevront par e-mail {hours} h après l'envoi.")
        }
        (false, Language::English) => {
            format!("Those who have not read it will get it by e-mail {hours} h after it was sent.")
        }
    };
    let names: Vec<String> = page
        .map(|p| {
            p.not_reached
                .iter()
                .map(|person| format!("{} ({})", person.display_name, person.organisation_name))
                .collect()
        })
        .unwrap_or_default();
    let not_reached_title = (!names.is_empty()).then(|| match language {
        Language::French => "Pas encore atteints :".to_owned(),
        Language::English => "Not reached yet:".to_owned(),
    });
    let more_text = page.filter(|p| p.more_not_reached).map(|_| match language {
        Language::French => "Et d'autres : la console les liste tous.".to_owned(),
        Language::English => "And more: the console lists them all.".to_owned(),
    });
    ReachView {
        summary,
        percent: u32::try_from(percent).unwrap_or(100),
        lines,
        mail_text,
        not_reached_title,
        not_reached: names,
        more_text,
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use fabrique_wire::groups::GroupRole;
    use fabrique_wire::must_reads::{MustRead, MustReadAudience, MustReadReach, MustReadRead, ReachPerson, ReachState};
    use fabrique_wire::sync::{Entity, scope};
    use uuid::Uuid;

    use super::types::MustReadsEvent;
    use crate::events::types::EventsEvent;
    use crate::model::{Event, Route};
    use crate::testing::{first_pull, ok, pull_page, put, signed_in};
    use crate::view::Screen;

    fn applied() -> fabrique_wire::sync::PushResponse {
        fabrique_wire::sync::PushResponse {
            results: vec![fabrique_wire::sync::MutationResult {
                id: 1,
                outcome: fabrique_wire::sync::MutationOutcome::Applied,
            }],
            last_mutation_id: 1,
        }
    }

    fn message(audience: MustReadAudience, author_id: Uuid) -> MustRead {
        MustRead {
            id: Uuid::now_v7(),
            audience,
            audience_name: "Les Jardins partagés".into(),
            author_id,
            author_name: "Claire Manager".into(),
            title: "Assemblée générale le 14 mars".into(),
            body: "À 18 h, salle des fêtes.".into(),
            created_at: Utc::now(),
            mail_after: Utc::now() + chrono::Duration::hours(24),
        }
    }

    #[test]
    fn a_must_read_stays_pinned_on_the_feed_until_i_say_i_read_it_even_offline() {
        let (person, group, association) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut pull = first_pull(person, group, vec![]);
        let sent = message(MustReadAudience::Organisation { organisation_id: association }, Uuid::now_v7());
        pull.changes.push(put(10, &scope::organisation(association), sent.id, Entity::MustRead(sent.clone())));
        let mut shell = signed_in(person, &pull);
        let Screen::Feed(feed) = shell.screen() else { panic!("the feed") };
        assert_eq!(feed.pinned.len(), 1);
        let card = &feed.pinned[0];
        assert_eq!(card.title, "Assemblée générale le 14 mars");
        assert_eq!(card.from, "De Claire Manager, à Les Jardins partagés");
        assert_eq!(card.acknowledge_label, "J'ai lu");

        // Its page, whole; then "J'ai lu", which unpins it at once (before any answer).
        shell.send(Event::Navigate(Route::MustRead { id: sent.id.to_string() }));
        let Screen::MustRead(page) = shell.screen() else { panic!("the message") };
        assert_eq!(page.body, "À 18 h, salle des fêtes.");
        assert!(page.can_acknowledge && page.reach.is_none(), "a recipient sees no reach");
        shell.send(Event::MustReads(MustReadsEvent::Acknowledge { id: sent.id.to_string() }));
        let Screen::MustRead(page) = shell.screen() else { panic!("the message") };
        assert!(!page.can_acknowledge);
        assert_eq!(page.read_text.as_deref(), Some("Vous l'avez lu : merci."));
        shell.send(Event::Back);
        let Screen::Feed(feed) = shell.screen() else { panic!("the feed") };
        assert!(feed.pinned.is_empty());
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let body = String::from_utf8_lossy(&push.operation.body).into_owned();
        assert!(body.contains("acknowledge_must_read") && body.contains(&sent.id.to_string()), "{body}");

        // Once the server confirms it, it stays unpinned.
        let read = MustReadRead { must_read_id: sent.id, read_at: Utc::now() };
        shell.answer(push, ok(200, &applied()));
        shell.answer_json(
            "/v1/sync/pull",
            200,
            &pull_page(vec![put(11, &scope::person(person), sent.id, Entity::MustReadRead(read))], 1),
        );
        let Screen::Feed(feed) = shell.screen() else { panic!("the feed") };
        assert!(feed.pinned.is_empty());
    }

    #[test]
    fn an_organiser_sends_a_must_read_from_the_group_message_and_watches_its_reach() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut pull = first_pull(person, group, vec![]);
        for change in &mut pull.changes {
            if let Some(Entity::GroupMember(member)) = &mut change.entity {
                member.role = GroupRole::Organiser;
            }
        }
        let mut shell = signed_in(person, &pull);
        shell.send(Event::Events(EventsEvent::MessageGroup { group_id: group.to_string() }));
        shell.answer_json(
            &format!("/v1/announcements/reach?group_id={group}"),
            200,
            &fabrique_wire::events::Reach { people: 5, with_push: 3, remaining_today: 0 },
        );
        let form = shell.view().message.expect("the message form");
        assert!(form.can_be_must_read && !form.can_send, "no organisers' message left today");
        shell.send(Event::Events(EventsEvent::MessageMustRead { on: true }));
        shell.send(Event::Events(EventsEvent::MessageChanged { text: "Le local ferme le 1er avril.".into() }));
        shell.send(Event::Events(EventsEvent::SendMessage));
        let form = shell.view().message.expect("still open: a title is needed");
        assert_eq!(form.error.as_deref(), Some("Donnez un titre au message."));
        assert_eq!(form.text, "Le local ferme le 1er avril.", "nothing typed is lost");
        assert!(form.can_send, "a must-read message has its own limit");
        shell.send(Event::Events(EventsEvent::MessageTitleChanged { title: "Fermeture du local".into() }));
        shell.send(Event::Events(EventsEvent::SendMessage));
        assert!(shell.view().message.is_none());
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let body = String::from_utf8_lossy(&push.operation.body).into_owned();
        assert!(body.contains("send_must_read") && body.contains("Fermeture du local"), "{body}");

        // The message comes back with the sync; its sender sees its reach, and who is not
        // reached yet.
        let mut sent = message(MustReadAudience::Group { group_id: group }, person);
        sent.title = "Fermeture du local".into();
        shell.answer(push, ok(200, &applied()));
        shell.answer_json(
            "/v1/sync/pull",
            200,
            &pull_page(vec![put(20, &scope::group(group), sent.id, Entity::MustRead(sent.clone()))], 1),
        );
        let Screen::Feed(feed) = shell.screen() else { panic!("the feed") };
        assert!(feed.pinned.is_empty(), "not pinned for its sender");
        shell.send(Event::Navigate(Route::MustRead { id: sent.id.to_string() }));
        let reach = MustReadReach {
            id: sent.id,
            title: sent.title.clone(),
            audience_name: "Trésorerie".into(),
            created_at: sent.created_at,
            mail_after: sent.mail_after,
            recipients: 5,
            read_in_app: 2,
            mailed: 1,
            not_reached: 2,
            mailing_done: false,
        };
        shell.answer_json(&format!("/v1/must-reads/{}/reach", sent.id), 200, &reach);
        let not_reached = fabrique_wire::Page {
            items: vec![ReachPerson {
                person_id: Uuid::now_v7(),
                display_name: "Emma Faure".into(),
                organisation_name: "Le Club".into(),
                state: ReachState::NotReached,
            }],
            next_cursor: None,
        };
        shell.answer_json(&format!("/v1/must-reads/{}/people?state=not_reached&limit=50", sent.id), 200, &not_reached);
        let Screen::MustRead(page) = shell.screen() else { panic!("the message") };
        let reach = page.reach.expect("its sender sees the reach");
        assert_eq!(reach.summary, "3 sur 5 personnes atteintes (60 %)");
        assert_eq!(reach.percent, 60);
        assert_eq!(reach.lines[0], "Lu dans l'application : 2");
        assert_eq!(reach.not_reached, vec!["Emma Faure (Le Club)"]);
        assert_eq!(page.read_text.as_deref(), Some("Vous avez envoyé ce message."));
    }

    #[test]
    fn the_language_chosen_in_the_app_is_told_to_the_server_for_its_mails() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::SetLanguage(crate::i18n::Language::English));
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let body = String::from_utf8_lossy(&push.operation.body).into_owned();
        assert!(body.contains("update_profile") && body.contains("\"language\":\"en\""), "{body}");
        assert!(body.contains("\"display_name\":null"), "nothing else changes: {body}");
    }

    #[test]
    fn a_tapped_must_read_push_opens_the_message() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        let id = Uuid::now_v7();
        let payload = serde_json::json!({ "notification_id": id, "kind": "must_read", "subject_id": id,
            "group_id": null, "text": "Un message important à lire" });
        shell.send(Event::Notifications(crate::notifications::types::NotificationsEvent::Tapped {
            payload: payload.to_string(),
        }));
        let Screen::MustRead(page) = shell.screen() else { panic!("the message, on its way") };
        assert_eq!(page.id, id.to_string());
        assert!(page.loading, "the sync that brings it is under way");
    }
}
