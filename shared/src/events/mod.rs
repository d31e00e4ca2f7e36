//! Events: the coming events of my groups, one event with my answer (going / maybe /
//! declined, the waiting list when it is full), and my calendar (every event I answered,
//! from my own scope, whichever group it is in). An event of a group the phone does not
//! hold is read online. Answers go through the outbox like every write, and show at once.
//! What organisers do (an event's form, cancelling, messages with their reach) is in
//! [`organise`].

pub mod types;
pub use self::types::*;

pub mod organise;

use crux_core::{Command, render::render};
use fabrique_wire::events::{Event, RsvpChoice, RsvpStatus};
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use crate::i18n::{Language, Text};
use crate::ids::parse;
use crate::model::{Cmd, Session};
use crate::pages::Fetch;
use crate::sync::{self, overlay::Overlay};
use crate::time::rfc3339;

impl From<Rsvp> for RsvpChoice {
    fn from(rsvp: Rsvp) -> Self {
        match rsvp {
            Rsvp::Going => RsvpChoice::Going,
            Rsvp::Maybe => RsvpChoice::Maybe,
            Rsvp::Declined => RsvpChoice::Declined,
        }
    }
}

/// Shown at most in a list.
const LIST_MAX: usize = 100;

pub fn update(event: EventsEvent, session: &mut Session) -> Cmd {
    match event {
        EventsEvent::Answer { id, choice } => match parse(&id) {
            Some(event_id) => {
                sync::write(session, Mutation::AnswerEvent { event_id, choice: choice.into() }).and(render())
            }
            None => render(),
        },
        EventsEvent::StartCreate { group_id } => organise::start_create(session, &group_id),
        EventsEvent::StartEdit { id } => organise::start_edit(session, &id),
        EventsEvent::FormChanged { title, description, starts_at, ends_at, time_zone, place, online_url, capacity } => {
            let fields = FormFields { title, description, starts_at, ends_at, time_zone, place, online_url, capacity };
            organise::form_changed(session, fields)
        }
        EventsEvent::SubmitForm => organise::submit(session),
        EventsEvent::CloseForm => organise::close_form(session),
        EventsEvent::CancelEvent { id } => organise::cancel_event(session, &id),
        EventsEvent::MessageGroup { group_id } => match parse(&group_id) {
            Some(id) => organise::start_message(session, Audience::Group(id)),
            None => render(),
        },
        EventsEvent::MessageAttendees { event_id } => match parse(&event_id) {
            Some(id) => organise::start_message(session, Audience::Attendees(id)),
            None => render(),
        },
        EventsEvent::MessageChanged { text } => organise::message_changed(session, text),
        EventsEvent::MessageMustRead { on } => organise::message_must_read(session, on),
        EventsEvent::MessageTitleChanged { title } => organise::message_title_changed(session, title),
        EventsEvent::SendMessage => organise::send_message(session),
        EventsEvent::CloseMessage => organise::close_message(session),
    }
}

pub fn open_event(session: &mut Session, id: &str) -> Cmd {
    let Some(event_id) = parse(id) else {
        session.pages.event = None;
        return Command::done();
    };
    let mut page = EventPage {
        id: event_id,
        event: None,
        tag: None,
        error: None,
        attendees: Vec::new(),
        attendees_more: false,
        attendees_tag: None,
    };
    let (attendees_tag, attendees) =
        session.fetch(Fetch::Attendees, &format!("/v1/events/{event_id}/attendees?limit=50"));
    page.attendees_tag = Some(attendees_tag);
    if session.store.event(event_id).is_some() {
        session.pages.event = Some(page);
        return attendees;
    }
    let (tag, cmd) = session.fetch(Fetch::Event, &format!("/v1/events/{event_id}"));
    page.tag = Some(tag);
    session.pages.event = Some(page);
    cmd.and(attendees)
}

/// My answer as I see it: the one waiting in the outbox, else the server's.
fn my_status(session: &Session, overlay: &Overlay, event_id: Uuid) -> (Option<RsvpStatus>, bool) {
    if let Some(choice) = overlay.rsvps.get(&event_id) {
        let status = match choice {
            RsvpChoice::Going => match session.store.my_rsvp(event_id).map(|r| r.status) {
                // Already waiting: still waiting until the server says otherwise.
                Some(RsvpStatus::Waiting) => RsvpStatus::Waiting,
                _ => RsvpStatus::Going,
            },
            RsvpChoice::Maybe => RsvpStatus::Maybe,
            RsvpChoice::Declined => RsvpStatus::Declined,
        };
        return (Some(status), true);
    }
    (session.store.my_rsvp(event_id).map(|r| r.status), false)
}

fn status_text(status: RsvpStatus, position: Option<i64>, language: Language) -> String {
    match (status, language) {
        (RsvpStatus::Going, Language::French) => "Vous participez".into(),
        (RsvpStatus::Going, Language::English) => "You are going".into(),
        (RsvpStatus::Maybe, Language::French) => "Peut-être".into(),
        (RsvpStatus::Maybe, Language::English) => "Maybe".into(),
        (RsvpStatus::Declined, Language::French) => "Vous ne venez pas".into(),
        (RsvpStatus::Declined, Language::English) => "You are not going".into(),
        (RsvpStatus::Waiting, Language::French) => match position {
            Some(p) => format!("Complet : vous êtes n° {p} sur la liste d'attente"),
            None => "Complet : vous êtes sur la liste d'attente".into(),
        },
        (RsvpStatus::Waiting, Language::English) => match position {
            Some(p) => format!("Full: you are number {p} on the waiting list"),
            None => "Full: you are on the waiting list".into(),
        },
    }
}

/// "1 participant", "2 participants": French and English both agree with the number.
/// `n` and its noun, by `language`'s plural rules (French: 0 and 1 take the singular).
fn counted(n: i64, language: Language, one: &str, many: &str) -> String {
    crate::i18n::count(n, language, (one, many), (one, many))
}

fn seats_text(event: &Event, language: Language) -> String {
    let going = event.going_count;
    let waiting = event.waiting_count;
    let maybe = event.maybe_count;
    match (event.capacity, language) {
        (Some(capacity), Language::French) if going >= capacity => format!(
            "Complet : {} sur {}, {} en attente",
            counted(going, Language::French, "participant", "participants"),
            counted(capacity, Language::French, "place", "places"),
            waiting
        ),
        (Some(capacity), Language::English) if going >= capacity => {
            format!(
                "Full: {going} going of {}, {waiting} waiting",
                counted(capacity, Language::English, "place", "places")
            )
        }
        (Some(capacity), Language::French) => format!(
            "{}, {}",
            counted(going, Language::French, "participant", "participants"),
            counted(capacity - going, Language::French, "place restante", "places restantes")
        ),
        (Some(capacity), Language::English) => {
            format!("{going} going, {} left", counted(capacity - going, Language::English, "place", "places"))
        }
        (None, Language::French) => {
            format!("{}, {maybe} peut-être", counted(going, Language::French, "participant", "participants"))
        }
        (None, Language::English) => format!("{going} going, {maybe} maybe"),
    }
}

/// An event's time as people read it, on the clock of where it is held (the person's own
/// when unknown): "14 mars 2027 de 17:00 à 19:00", "14 March 2027 from 17:00 to 19:00", or
/// "du 14 mars 2027 à 17:00 au 15 mars 2027 à 12:00"; that clock named when it is not the
/// person's ("heure de Europe/Paris").
fn event_when(
    starts: chrono::DateTime<chrono::Utc>,
    ends: chrono::DateTime<chrono::Utc>,
    zone: Option<&str>,
    mine: chrono_tz::Tz,
    language: Language,
) -> String {
    let tz = zone.and_then(|z| z.parse::<chrono_tz::Tz>().ok()).unwrap_or(mine);
    let (start, end) = (starts.with_timezone(&tz), ends.with_timezone(&tz));
    let same_day = start.date_naive() == end.date_naive();
    let day = crate::i18n::day(starts.with_timezone(&tz).naive_local().and_utc(), language);
    let hour = |t: &chrono::DateTime<chrono_tz::Tz>| t.format("%H:%M").to_string();
    let mut text = match (same_day, language) {
        (true, Language::French) => format!("{day} de {} à {}", hour(&start), hour(&end)),
        (true, Language::English) => format!("{day} from {} to {}", hour(&start), hour(&end)),
        (false, Language::French) => {
            format!("du {} au {}", crate::i18n::when(starts, tz, language), crate::i18n::when(ends, tz, language))
        }
        (false, Language::English) => {
            format!("from {} to {}", crate::i18n::when(starts, tz, language), crate::i18n::when(ends, tz, language))
        }
    };
    if tz != mine {
        text.push_str(&match language {
            Language::French => format!(" (heure de {})", tz.name()),
            Language::English => format!(" ({} time)", tz.name()),
        });
    }
    text
}

fn summary(session: &Session, overlay: &Overlay, event: &Event, language: Language) -> EventSummary {
    let (status, _) = my_status(session, overlay, event.id);
    let position = session.store.my_rsvp(event.id).and_then(|r| r.waiting_position);
    EventSummary {
        id: event.id.to_string(),
        title: event.title.clone(),
        group_name: session.store.group(event.group_id).map(|g| g.name.clone()).unwrap_or_default(),
        starts_at: rfc3339(event.starts_at),
        ends_at: rfc3339(event.ends_at),
        time_zone: event.time_zone.clone(),
        when_text: event_when(event.starts_at, event.ends_at, Some(&event.time_zone), session.time_zone(), language),
        place: event.place.clone(),
        cancelled: event.cancelled,
        my_status: status.map(|s| status_text(s, position, language)),
        label: if event.cancelled {
            Some(Text::EventCancelled.in_language(language).to_owned())
        } else {
            Some(seats_text(event, language))
        },
    }
}

/// The coming events of my groups, soonest first.
pub fn events_view(session: &Session, overlay: &Overlay, language: Language) -> EventsView {
    let items: Vec<EventSummary> = session
        .store
        .events_from(session.clock.now())
        .take(LIST_MAX)
        .map(|event| summary(session, overlay, event, language))
        .collect();
    EventsView {
        empty_text: items.is_empty().then(|| Text::EventsEmpty.in_language(language).to_owned()),
        items,
        calendar_label: Text::MyCalendar.in_language(language).to_owned(),
    }
}

/// Every coming event I answered going, maybe, or wait for.
pub fn calendar_view(session: &Session, overlay: &Overlay, language: Language) -> CalendarView {
    let items: Vec<EventSummary> = session
        .store
        .my_rsvps_from(session.clock.now())
        .filter(|rsvp| {
            let (status, _) = my_status(session, overlay, rsvp.event_id);
            !matches!(status, Some(RsvpStatus::Declined) | None)
        })
        .take(LIST_MAX)
        .map(|rsvp| match session.store.event(rsvp.event_id) {
            Some(event) => summary(session, overlay, event, language),
            None => EventSummary {
                id: rsvp.event_id.to_string(),
                title: rsvp.title.clone(),
                group_name: session.store.group(rsvp.group_id).map(|g| g.name.clone()).unwrap_or_default(),
                starts_at: rfc3339(rsvp.starts_at),
                ends_at: rfc3339(rsvp.ends_at),
                time_zone: String::new(),
                when_text: event_when(rsvp.starts_at, rsvp.ends_at, None, session.time_zone(), language),
                place: String::new(),
                cancelled: rsvp.cancelled,
                my_status: Some(status_text(rsvp.status, rsvp.waiting_position, language)),
                label: rsvp.cancelled.then(|| Text::EventCancelled.in_language(language).to_owned()),
            },
        })
        .collect();
    CalendarView { empty_text: items.is_empty().then(|| Text::CalendarEmpty.in_language(language).to_owned()), items }
}

fn choice_label(choice: Rsvp, language: Language) -> &'static str {
    match (choice, language) {
        (Rsvp::Going, Language::French) => "Je participe",
        (Rsvp::Going, Language::English) => "I'm going",
        (Rsvp::Maybe, Language::French) => "Peut-être",
        (Rsvp::Maybe, Language::English) => "Maybe",
        (Rsvp::Declined, Language::French) => "Je ne viens pas",
        (Rsvp::Declined, Language::English) => "I can't come",
    }
}

pub fn event_view(session: &Session, overlay: &Overlay, id: &str, language: Language) -> EventView {
    let page = session.pages.event.as_ref().filter(|p| p.id.to_string() == id);
    let event = parse(id).and_then(|e| session.store.event(e)).or(page.and_then(|p| p.event.as_ref()));
    let Some(event) = event else {
        return EventView {
            id: id.to_owned(),
            event: None,
            loading: page.is_some_and(|p| p.tag.is_some()),
            error: page.and_then(|p| p.error).map(|t| t.in_language(language).to_owned()),
            description: String::new(),
            online_url: None,
            seats: String::new(),
            choices: Vec::new(),
            can_answer: false,
            answer_pending: false,
            can_manage: false,
            attendees: Vec::new(),
            attendees_label: None,
            attachments: Vec::new(),
        };
    };
    let (status, pending) = my_status(session, overlay, event.id);
    let over = event.ends_at <= session.clock.now();
    let can_answer = !event.cancelled && !over;
    let selected = |choice: Rsvp| {
        matches!(
            (choice, status),
            (Rsvp::Going, Some(RsvpStatus::Going | RsvpStatus::Waiting))
                | (Rsvp::Maybe, Some(RsvpStatus::Maybe))
                | (Rsvp::Declined, Some(RsvpStatus::Declined))
        )
    };
    EventView {
        id: id.to_owned(),
        attachments: crate::attachments::item_files(session, event.id, language),
        event: Some(summary(session, overlay, event, language)),
        loading: false,
        error: None,
        description: event.description.clone(),
        online_url: (!event.online_url.is_empty()).then(|| event.online_url.clone()),
        seats: seats_text(event, language),
        choices: if can_answer {
            [Rsvp::Going, Rsvp::Maybe, Rsvp::Declined]
                .into_iter()
                .map(|choice| RsvpButton {
                    choice,
                    label: choice_label(choice, language).to_owned(),
                    selected: selected(choice),
                })
                .collect()
        } else {
            Vec::new()
        },
        can_answer,
        answer_pending: pending,
        can_manage: organise::runs(session, event.group_id) && !event.cancelled && !over,
        attendees: page
            .map(|p| {
                p.attendees
                    .iter()
                    .map(|a| AttendeeView {
                        person_id: a.person_id.to_string(),
                        name: a.display_name.clone(),
                        function: a.function.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        attendees_label: page.filter(|p| p.attendees_tag.is_none()).map(|p| {
            let shown = p.attendees.len();
            match (language, p.attendees_more) {
                (Language::French, true) => format!("Participants (les {shown} premiers)"),
                (Language::English, true) => format!("Going (the first {shown})"),
                (Language::French, false) if shown == 0 => "Personne ne s'est encore inscrit.".to_owned(),
                (Language::English, false) if shown == 0 => "No one has said they're going yet.".to_owned(),
                (Language::French, false) => "Participants".to_owned(),
                (Language::English, false) => "Going".to_owned(),
            }
        }),
    }
}

/// The coming events of one group held on the phone, soonest first.
pub fn of_group(session: &Session, overlay: &Overlay, group_id: Uuid, language: Language) -> Vec<EventSummary> {
    session
        .store
        .events_from(session.clock.now())
        .filter(|e| e.group_id == group_id)
        .take(LIST_MAX)
        .map(|event| summary(session, overlay, event, language))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_events_time_reads_on_the_clock_of_where_it_is_held() {
        use crate::i18n::Language::{English, French};
        let (starts, ends) = ("2027-03-14T16:00:00Z".parse().unwrap(), "2027-03-14T18:00:00Z".parse().unwrap());
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(
            super::event_when(starts, ends, Some("Europe/Paris"), paris, French),
            "14 mars 2027 de 17:00 à 19:00"
        );
        assert_eq!(
            super::event_when(starts, ends, Some("Indian/Reunion"), paris, English),
            "14 March 2027 from 20:00 to 22:00 (Indian/Reunion time)"
        );
        let next_day = "2027-03-15T11:00:00Z".parse().unwrap();
        assert_eq!(
            super::event_when(starts, next_day, None, paris, French),
            "du 14 mars 2027 à 17:00 au 15 mars 2027 à 12:00"
        );
    }

    use chrono::{Duration, Utc};
    use fabrique_wire::events::{Event, MyRsvp, RsvpStatus};
    use fabrique_wire::sync::{Entity, PullResponse, scope};
    use uuid::Uuid;

    use super::{EventsEvent, Rsvp};
    use crate::model::{Event as AppEvent, Route};
    use crate::testing::*;
    use crate::view::Screen;

    /// The first pull with these entities too.
    fn pull_with(person: Uuid, group: Uuid, entities: Vec<(String, Uuid, Entity)>) -> PullResponse {
        let mut pull = first_pull(person, group, vec![]);
        for (i, (scope, id, entity)) in entities.into_iter().enumerate() {
            pull.changes.push(put(100 + i as i64, &scope, id, entity));
        }
        pull
    }

    fn event(group: Uuid, title: &str, capacity: Option<i64>, going: i64) -> Event {
        let starts_at = Utc::now() + Duration::days(3);
        Event {
            id: Uuid::now_v7(),
            group_id: group,
            author_id: Uuid::now_v7(),
            author_name: "Chloé".into(),
            title: title.into(),
            description: "Ordre du jour joint".into(),
            starts_at,
            ends_at: starts_at + Duration::hours(2),
            time_zone: "Europe/Paris".into(),
            place: "Salle des fêtes".into(),
            online_url: String::new(),
            capacity,
            going_count: going,
            maybe_count: 0,
            waiting_count: 0,
            cancelled: false,
            created_at: Utc::now(),
            edited_at: None,
        }
    }

    #[test]
    fn coming_events_of_my_groups_show_soonest_first_with_their_places() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut later = event(group, "Assemblée générale", None, 3);
        later.starts_at += Duration::days(10);
        later.ends_at += Duration::days(10);
        let sooner = event(group, "Formation trésoriers", Some(20), 20);
        let changes = vec![
            (scope::group(group), later.id, Entity::Event(later.clone())),
            (scope::group(group), sooner.id, Entity::Event(sooner.clone())),
        ];
        let mut shell = signed_in(person, &pull_with(person, group, changes));
        shell.send(AppEvent::Navigate(Route::Events));
        let Screen::Events(view) = shell.view().screen else { panic!("the events screen") };
        let titles: Vec<&str> = view.items.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Formation trésoriers", "Assemblée générale"]);
        assert!(view.items[0].label.as_deref().unwrap().starts_with("Complet"), "{:?}", view.items[0].label);
        assert!(view.empty_text.is_none());
    }

    #[test]
    fn no_coming_event_says_what_to_expect() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(AppEvent::Navigate(Route::Events));
        let Screen::Events(view) = shell.view().screen else { panic!("the events screen") };
        assert!(view.items.is_empty());
        assert!(view.empty_text.unwrap().contains("événement"));
    }

    #[test]
    fn answering_an_event_shows_at_once_and_goes_through_the_outbox() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let meeting = event(group, "Réunion de bureau", None, 0);
        let changes = vec![(scope::group(group), meeting.id, Entity::Event(meeting.clone()))];
        let mut shell = signed_in(person, &pull_with(person, group, changes));
        shell.send(AppEvent::Navigate(Route::Event { id: meeting.id.to_string() }));
        shell.send(AppEvent::Events(EventsEvent::Answer { id: meeting.id.to_string(), choice: Rsvp::Going }));
        let Screen::Event(view) = shell.view().screen else { panic!("the event screen") };
        assert!(view.answer_pending);
        let going = view.choices.iter().find(|c| c.choice == Rsvp::Going).unwrap();
        assert!(going.selected);
        assert_eq!(view.event.unwrap().my_status.as_deref(), Some("Vous participez"));
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let body = String::from_utf8_lossy(&push.operation.body).into_owned();
        assert!(body.contains("answer_event") && body.contains(&meeting.id.to_string()), "{body}");
    }

    #[test]
    fn my_calendar_holds_what_i_answered_even_from_a_group_not_on_the_phone_and_my_place_in_line() {
        let (person, group, elsewhere) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let full = event(elsewhere, "Congrès régional", Some(100), 100);
        let rsvp = MyRsvp {
            event_id: full.id,
            group_id: elsewhere,
            status: RsvpStatus::Waiting,
            waiting_position: Some(3),
            title: full.title.clone(),
            starts_at: full.starts_at,
            ends_at: full.ends_at,
            cancelled: false,
        };
        let changes = vec![(scope::person(person), Uuid::now_v7(), Entity::MyRsvp(rsvp))];
        let mut shell = signed_in(person, &pull_with(person, group, changes));
        shell.send(AppEvent::Navigate(Route::Calendar));
        let Screen::Calendar(view) = shell.view().screen else { panic!("the calendar screen") };
        assert_eq!(view.items.len(), 1);
        assert_eq!(view.items[0].title, "Congrès régional");
        assert_eq!(view.items[0].my_status.as_deref(), Some("Complet : vous êtes n° 3 sur la liste d'attente"));
    }

    #[test]
    fn an_event_not_on_the_phone_is_read_online() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        let elsewhere = event(Uuid::now_v7(), "Portes ouvertes", None, 12);
        shell.send(AppEvent::Navigate(Route::Event { id: elsewhere.id.to_string() }));
        let Screen::Event(view) = shell.view().screen else { panic!("the event screen") };
        assert!(view.loading);
        shell.answer_json(&format!("/v1/events/{}", elsewhere.id), 200, &elsewhere);
        let Screen::Event(view) = shell.view().screen else { panic!("the event screen") };
        assert_eq!(view.event.unwrap().title, "Portes ouvertes");
        assert_eq!(view.choices.len(), 3);
    }

    /// The first pull of someone who runs the group.
    fn organiser_pull(person: Uuid, group: Uuid, entities: Vec<(String, Uuid, Entity)>) -> PullResponse {
        let mut pull = pull_with(person, group, entities);
        for change in &mut pull.changes {
            if let Some(Entity::GroupMember(member)) = &mut change.entity {
                member.role = fabrique_wire::groups::GroupRole::Admin;
            }
        }
        pull
    }

    #[test]
    fn an_organiser_creates_an_event_from_the_form_and_a_bad_form_keeps_what_was_typed() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &organiser_pull(person, group, vec![]));
        shell.send(AppEvent::Navigate(Route::Group { id: group.to_string() }));
        let Screen::Group(page) = shell.view().screen else { panic!("the group") };
        assert!(page.can_organise);
        shell.send(AppEvent::Events(EventsEvent::StartCreate { group_id: group.to_string() }));
        let empty = shell.view().event_form.expect("the form");
        assert_eq!(empty.starts_text, "Choisir la date et l'heure", "the picker's button says what to do");
        let form = |title: &str, ends: &str| EventsEvent::FormChanged {
            title: title.into(),
            description: "Bilan et budget".into(),
            starts_at: "2027-03-14T18:00:00Z".into(),
            ends_at: ends.into(),
            time_zone: "Europe/Paris".into(),
            place: "Salle polyvalente".into(),
            online_url: String::new(),
            capacity: Some(40),
        };
        shell.send(AppEvent::Events(form("Assemblée générale", "2027-03-14T17:00:00Z")));
        shell.send(AppEvent::Events(EventsEvent::SubmitForm));
        let view = shell.view().event_form.expect("the form stays open");
        assert_eq!(view.title, "Assemblée générale", "nothing typed is lost");
        assert_eq!(view.starts_text, "14 mars 2027 à 19:00", "as people read it, on the event's clock");
        assert!(view.error.unwrap().contains("fin"));

        shell.send(AppEvent::Events(form("Assemblée générale", "2027-03-14T20:00:00Z")));
        shell.send(AppEvent::Events(EventsEvent::SubmitForm));
        assert!(shell.view().event_form.is_none());
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let body = String::from_utf8_lossy(&push.operation.body).into_owned();
        assert!(
            body.contains("create_event") && body.contains("Assemblée générale") && body.contains("\"capacity\":40"),
            "{body}"
        );
    }

    #[test]
    fn an_organisers_message_shows_its_reach_before_it_is_sent() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let meeting = event(group, "Réunion de bureau", None, 8);
        let changes = vec![(scope::group(group), meeting.id, Entity::Event(meeting.clone()))];
        let mut shell = signed_in(person, &organiser_pull(person, group, changes));
        shell.send(AppEvent::Navigate(Route::Event { id: meeting.id.to_string() }));
        let Screen::Event(page) = shell.view().screen else { panic!("the event") };
        assert!(page.can_manage);
        shell.send(AppEvent::Events(EventsEvent::MessageAttendees { event_id: meeting.id.to_string() }));
        let message = shell.view().message.expect("the message form");
        assert!(message.loading && !message.can_send, "the reach is asked first");
        shell.answer_json(
            &format!("/v1/announcements/reach?event_id={}", meeting.id),
            200,
            &fabrique_wire::events::Reach { people: 8, with_push: 6, remaining_today: 4 },
        );
        let message = shell.view().message.unwrap();
        assert_eq!(
            message.reach_text.as_deref(),
            Some("Ce message atteindra 8 personnes, dont 6 sur leur téléphone. Il vous reste 4 messages aujourd'hui.")
        );
        assert!(message.can_send);
        shell.send(AppEvent::Events(EventsEvent::MessageChanged { text: "Salle 2.".into() }));
        shell.send(AppEvent::Events(EventsEvent::SendMessage));
        assert!(shell.view().message.is_none());
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        assert!(String::from_utf8_lossy(&push.operation.body).contains("announce_to_attendees"));
    }

    #[test]
    fn with_no_message_left_today_sending_is_refused_and_the_text_is_kept() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &organiser_pull(person, group, vec![]));
        shell.send(AppEvent::Events(EventsEvent::MessageGroup { group_id: group.to_string() }));
        shell.answer_json(
            &format!("/v1/announcements/reach?group_id={group}"),
            200,
            &fabrique_wire::events::Reach { people: 30, with_push: 20, remaining_today: 0 },
        );
        shell.send(AppEvent::Events(EventsEvent::MessageChanged { text: "Rappel cotisations".into() }));
        shell.send(AppEvent::Events(EventsEvent::SendMessage));
        let message = shell.view().message.expect("still open");
        assert!(!message.can_send);
        assert_eq!(message.text, "Rappel cotisations");
        assert!(message.error.unwrap().contains("demain"));
    }

    #[test]
    fn a_member_who_does_not_run_the_group_cannot_manage_its_event() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let meeting = event(group, "Pique-nique", None, 2);
        let changes = vec![(scope::group(group), meeting.id, Entity::Event(meeting.clone()))];
        let mut shell = signed_in(person, &pull_with(person, group, changes));
        shell.send(AppEvent::Navigate(Route::Event { id: meeting.id.to_string() }));
        shell.answer_json(
            &format!("/v1/events/{}/attendees?limit=50", meeting.id),
            200,
            &fabrique_wire::Page::<fabrique_wire::events::Attendee> { items: vec![], next_cursor: None },
        );
        let Screen::Event(page) = shell.view().screen else { panic!("the event") };
        assert!(!page.can_manage);
        assert_eq!(page.attendees_label.as_deref(), Some("Personne ne s'est encore inscrit."));
    }
}
