//! What organisers do from the app: create or change an event, cancel it, and write to a
//! group or to an event's attendees after seeing how many people the message will reach
//! (and how many messages they may still send today). Every write goes through the outbox.

use chrono::{DateTime, Utc};
use crux_core::{Command, render::render};
use fabrique_wire::events::{ANNOUNCEMENT_MAX, DESCRIPTION_MAX, Reach, TITLE_MAX};
use fabrique_wire::groups::GroupRole;
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use super::types::Audience;
use super::types::EventForm;
use super::types::FormFields;
use super::types::MessageForm;
use crate::api::Failure;
use crate::events::types::{EventFormView, MessageView};
use crate::i18n::{Language, Text};
use crate::ids::parse;
use crate::model::{Cmd, Form, Session};
use crate::pages::Fetch;
use crate::sync;
use crate::time::rfc3339;
use fabrique_wire::events::EventUpdate;
use fabrique_wire::events::NewEvent;

/// The person runs this group (its organisers and admins): they organise its events.
pub fn runs(session: &Session, group_id: Uuid) -> bool {
    matches!(session.store.my_role(group_id), Some(GroupRole::Organiser | GroupRole::Admin))
}

pub fn start_create(session: &mut Session, group_id: &str) -> Cmd {
    session.form = Some(Form::Event(EventForm {
        group_id: parse(group_id),
        time_zone: fabrique_wire::notifications::DEFAULT_TIME_ZONE.into(),
        ..EventForm::default()
    }));
    render()
}

pub fn start_edit(session: &mut Session, id: &str) -> Cmd {
    let Some(event) = parse(id).and_then(|id| session.store.event(id)) else { return render() };
    session.form = Some(Form::Event(EventForm {
        editing: Some(event.id),
        group_id: Some(event.group_id),
        title: event.title.clone(),
        description: event.description.clone(),
        starts_at: rfc3339(event.starts_at),
        ends_at: rfc3339(event.ends_at),
        time_zone: event.time_zone.clone(),
        place: event.place.clone(),
        online_url: event.online_url.clone(),
        capacity: event.capacity.and_then(|c| u32::try_from(c).ok()),
        error: None,
    }));
    render()
}

pub fn form_changed(session: &mut Session, fields: FormFields) -> Cmd {
    let Some(form) = session.event_form_mut() else { return render() };
    form.title = fields.title;
    form.description = fields.description;
    form.starts_at = fields.starts_at;
    form.ends_at = fields.ends_at;
    form.time_zone = fields.time_zone;
    form.place = fields.place;
    form.online_url = fields.online_url;
    form.capacity = fields.capacity;
    form.error = None;
    render()
}

/// A date chosen in the form, as people read it on the event's clock; what to choose when
/// none is yet.
fn picked(text: &str, time_zone: &str, language: Language) -> String {
    match time(text) {
        Some(at) => crate::i18n::when(at, crate::i18n::time_zone(Some(time_zone)), language),
        None => Text::ChooseDate.in_language(language).to_owned(),
    }
}

fn time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim()).ok().map(|t| t.with_timezone(&Utc))
}

pub fn submit(session: &mut Session) -> Cmd {
    let new_id = session.clock.new_id();
    let Some(form) = session.event_form_mut() else { return render() };
    let title = form.title.trim().to_owned();
    let (starts_at, ends_at) = (time(&form.starts_at), time(&form.ends_at));
    let problem = if title.is_empty() {
        Some(Text::EventTitleRequired)
    } else if title.chars().count() > TITLE_MAX || form.description.chars().count() > DESCRIPTION_MAX {
        Some(Text::TooLong)
    } else if !matches!((starts_at, ends_at), (Some(s), Some(e)) if e > s) {
        Some(Text::EventTimesInvalid)
    } else if form.capacity == Some(0) {
        Some(Text::EventCapacityInvalid)
    } else {
        None
    };
    let (Some(starts_at), Some(ends_at), None) = (starts_at, ends_at, problem) else {
        form.error = problem;
        return render();
    };
    let capacity = form.capacity.map(i64::from);
    let mutation = match (form.editing, form.group_id) {
        (Some(id), _) => Mutation::UpdateEvent(EventUpdate {
            id,
            title: Some(title),
            description: Some(form.description.trim().to_owned()),
            starts_at: Some(starts_at),
            ends_at: Some(ends_at),
            time_zone: Some(form.time_zone.trim().to_owned()),
            place: Some(form.place.trim().to_owned()),
            online_url: Some(form.online_url.trim().to_owned()),
            // 0 removes the limit.
            capacity: Some(capacity.unwrap_or(0)),
        }),
        (None, Some(group_id)) => Mutation::CreateEvent(NewEvent {
            id: new_id,
            group_id,
            title,
            description: form.description.trim().to_owned(),
            starts_at,
            ends_at,
            time_zone: form.time_zone.trim().to_owned(),
            place: form.place.trim().to_owned(),
            online_url: form.online_url.trim().to_owned(),
            capacity,
            attachments: crate::attachments::take_for_write(session, &crate::attachments::types::FormTarget::Event),
        }),
        (None, None) => {
            session.close_event_form();
            return render();
        }
    };
    session.close_event_form();
    sync::write(session, mutation).and(render())
}

pub fn cancel_event(session: &mut Session, id: &str) -> Cmd {
    match parse(id) {
        Some(id) => sync::write(session, Mutation::CancelEvent { id }).and(render()),
        None => render(),
    }
}

/// Opens the message form and asks the server how many people it will reach.
pub fn start_message(session: &mut Session, audience: Audience) -> Cmd {
    let path = match audience {
        Audience::Group(id) => format!("/v1/announcements/reach?group_id={id}"),
        Audience::Attendees(id) => format!("/v1/announcements/reach?event_id={id}"),
    };
    let (tag, cmd) = session.fetch(Fetch::Reach, &path);
    session.form = Some(Form::Message(MessageForm {
        audience,
        must_read: false,
        title: String::new(),
        text: String::new(),
        reach: None,
        tag: Some(tag),
        error: None,
    }));
    cmd.and(render())
}

pub fn reach_answered(session: &mut Session, result: Result<Reach, Failure>) {
    if let Some(form) = session.message_mut() {
        form.tag = None;
        match result {
            Ok(reach) => form.reach = Some(reach),
            Err(failure) => form.error = Some(failure.text()),
        }
    }
}

pub fn message_changed(session: &mut Session, text: String) -> Cmd {
    if let Some(form) = session.message_mut() {
        form.text = text;
        form.error = None;
    }
    render()
}

pub fn message_must_read(session: &mut Session, on: bool) -> Cmd {
    if let Some(form) = session.message_mut()
        && matches!(form.audience, Audience::Group(_))
    {
        form.must_read = on;
        form.error = None;
    }
    render()
}

pub fn message_title_changed(session: &mut Session, title: String) -> Cmd {
    if let Some(form) = session.message_mut() {
        form.title = title;
        form.error = None;
    }
    render()
}

/// A must-read message to the group: checked as the server will, then written.
fn send_must_read(session: &mut Session, group_id: Uuid) -> Cmd {
    let Some(form) = session.message_mut() else { return render() };
    let title = form.title.trim().to_owned();
    let body = form.text.trim().to_owned();
    let problem = if title.is_empty() {
        Some(Text::MessageTitleRequired)
    } else if body.is_empty() {
        Some(Text::BodyRequired)
    } else if title.chars().count() > fabrique_wire::must_reads::TITLE_MAX
        || body.chars().count() > fabrique_wire::must_reads::BODY_MAX
    {
        Some(Text::TooLong)
    } else {
        None
    };
    if let Some(problem) = problem {
        form.error = Some(problem);
        return render();
    }
    let new = fabrique_wire::must_reads::NewMustRead {
        id: session.clock.new_id(),
        audience: fabrique_wire::must_reads::MustReadAudience::Group { group_id },
        title,
        body,
        mail_after_hours: None,
    };
    session.close_message();
    sync::write(session, Mutation::SendMustRead(new)).and(render())
}

pub fn send_message(session: &mut Session) -> Cmd {
    let new_id = session.clock.new_id();
    let Some(form) = session.message_mut() else { return render() };
    if let (true, Audience::Group(group_id)) = (form.must_read, form.audience) {
        return send_must_read(session, group_id);
    }
    let text = form.text.trim().to_owned();
    let problem = if text.is_empty() {
        Some(Text::BodyRequired)
    } else if text.chars().count() > ANNOUNCEMENT_MAX {
        Some(Text::TooLong)
    } else if form.reach.as_ref().is_some_and(|r| r.remaining_today == 0) {
        Some(Text::NoMessagesLeftToday)
    } else {
        None
    };
    if let Some(problem) = problem {
        form.error = Some(problem);
        return render();
    }
    let id = new_id;
    let mutation = match form.audience {
        Audience::Group(group_id) => Mutation::AnnounceToGroup { id, group_id, text },
        Audience::Attendees(event_id) => Mutation::AnnounceToAttendees { id, event_id, text },
    };
    session.close_message();
    sync::write(session, mutation).and(render())
}

fn reach_text(reach: &Reach, language: Language) -> String {
    let (people, push, left) = (reach.people, reach.with_push, reach.remaining_today);
    match language {
        Language::French => format!(
            "Ce message atteindra {people} {}, dont {push} sur leur téléphone. Il vous reste {left} {} aujourd'hui.",
            if people > 1 { "personnes" } else { "personne" },
            if left > 1 { "messages" } else { "message" }
        ),
        Language::English => format!(
            "This message will reach {people} {}, {push} of them on their phone. You may send {left} more today.",
            if people == 1 { "person" } else { "people" }
        ),
    }
}

pub fn form_view(session: &Session, language: Language) -> Option<EventFormView> {
    session.event_form().map(|form| EventFormView {
        starts_text: picked(&form.starts_at, &form.time_zone, language),
        ends_text: picked(&form.ends_at, &form.time_zone, language),
        editing: form.editing.is_some(),
        group_name: form.group_id.and_then(|g| session.store.group(g)).map(|g| g.name.clone()).unwrap_or_default(),
        title: form.title.clone(),
        description: form.description.clone(),
        starts_at: form.starts_at.clone(),
        ends_at: form.ends_at.clone(),
        time_zone: form.time_zone.clone(),
        place: form.place.clone(),
        online_url: form.online_url.clone(),
        capacity: form.capacity,
        error: form.error.map(|t| t.in_language(language).to_owned()),
    })
}

pub fn message_view(session: &Session, language: Language) -> Option<MessageView> {
    session.message().map(|form| {
        let to = match form.audience {
            Audience::Group(id) => session.store.group(id).map(|g| g.name.clone()),
            Audience::Attendees(id) => session.store.event(id).map(|e| e.title.clone()),
        }
        .unwrap_or_default();
        let audience_label = match (form.audience, language) {
            (Audience::Group(_), Language::French) => format!("Aux membres de « {to} »"),
            (Audience::Group(_), Language::English) => format!("To the members of “{to}”"),
            (Audience::Attendees(_), Language::French) => format!("Aux participants de « {to} »"),
            (Audience::Attendees(_), Language::English) => format!("To the people going to “{to}”"),
        };
        let (must_read_label, must_read_hint, title_label) = match language {
            Language::French => (
                "Message important à lire par tous",
                "Il reste en haut de leur fil jusqu'à ce que chacun touche « J'ai lu », et part par e-mail le lendemain à ceux qui ne l'ont pas lu. Vous voyez qui l'a lu.",
                "Titre",
            ),
            Language::English => (
                "Important message everyone must read",
                "It stays at the top of their feed until each one taps “I have read it”, and goes by e-mail the next day to those who have not. You see who read it.",
                "Title",
            ),
        };
        // The day's limit of organisers' messages is not that of must-read ones (the server's).
        let room = form.must_read || form.reach.as_ref().is_some_and(|r| r.remaining_today > 0);
        MessageView {
            audience_label,
            text: form.text.clone(),
            reach_text: form.reach.as_ref().map(|r| reach_text(r, language)),
            loading: form.tag.is_some(),
            can_send: form.tag.is_none() && room,
            error: form.error.map(|t| t.in_language(language).to_owned()),
            can_be_must_read: matches!(form.audience, Audience::Group(_)),
            must_read: form.must_read,
            must_read_label: must_read_label.to_owned(),
            must_read_hint: must_read_hint.to_owned(),
            title_label: title_label.to_owned(),
            title: form.title.clone(),
        }
    })
}

/// Answers online (the reach) that arrive for a form already closed are dropped.
pub fn reach_is_fresh(session: &Session, tag: u64) -> bool {
    session.message().is_some_and(|m| m.tag == Some(tag))
}

pub fn close_form(session: &mut Session) -> Cmd {
    let files = crate::attachments::drop_form(session, &crate::attachments::types::FormTarget::Event);
    session.close_event_form();
    files.and(render())
}

pub fn close_message(session: &mut Session) -> Cmd {
    session.close_message();
    Command::done().and(render())
}
