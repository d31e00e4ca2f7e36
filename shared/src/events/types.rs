//! Events: what a shell sends, an event read online, an organiser's forms, and how events are shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use fabrique_wire::events::{Event, Reach};
use facet::Facet;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::attachments::types::AttachmentView;
use crate::i18n::Text;

/// What a person answers, as the shells send it.
#[derive(Facet, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum Rsvp {
    Going,
    Maybe,
    Declined,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum EventsEvent {
    Answer {
        id: String,
        choice: Rsvp,
    },
    /// Organisers: the form for a new event of this group.
    StartCreate {
        group_id: String,
    },
    /// Organisers: the form to change this event.
    StartEdit {
        id: String,
    },
    /// What the form holds; times are RFC 3339 (the shell's date pickers), `capacity` absent
    /// for no limit.
    FormChanged {
        title: String,
        description: String,
        starts_at: String,
        ends_at: String,
        time_zone: String,
        place: String,
        online_url: String,
        capacity: Option<u32>,
    },
    SubmitForm,
    CloseForm,
    CancelEvent {
        id: String,
    },
    /// Organisers: write to every member of a group…
    MessageGroup {
        group_id: String,
    },
    /// …or to the people going to an event. The reach is shown before sending.
    MessageAttendees {
        event_id: String,
    },
    MessageChanged {
        text: String,
    },
    /// A message to a group may be a must-read one: pinned until each member says "J'ai
    /// lu", mailed a day later to those who have not. It then needs a title.
    MessageMustRead {
        on: bool,
    },
    MessageTitleChanged {
        title: String,
    },
    SendMessage,
    CloseMessage,
}

/// An event read online (its group is not on the phone).
#[derive(Debug)]
pub struct EventPage {
    pub id: Uuid,
    pub event: Option<Event>,
    pub tag: Option<u64>,
    pub error: Option<Text>,
    /// The first page of those going, read online.
    pub attendees: Vec<fabrique_wire::events::Attendee>,
    pub attendees_more: bool,
    pub attendees_tag: Option<u64>,
}

#[derive(Debug, Default)]
pub struct EventForm {
    /// The event being changed; `None` for a new one.
    pub editing: Option<Uuid>,
    pub group_id: Option<Uuid>,
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    pub time_zone: String,
    pub place: String,
    pub online_url: String,
    pub capacity: Option<u32>,
    pub error: Option<Text>,
}

/// Who an organiser's message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Group(Uuid),
    Attendees(Uuid),
}

#[derive(Debug)]
pub struct MessageForm {
    pub audience: Audience,
    /// A must-read message (a group's only), with its title.
    pub must_read: bool,
    pub title: String,
    pub text: String,
    pub reach: Option<Reach>,
    pub tag: Option<u64>,
    pub error: Option<Text>,
}

/// What the form holds, as the person fills it in.
pub struct FormFields {
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    pub time_zone: String,
    pub place: String,
    pub online_url: String,
    pub capacity: Option<u32>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct EventSummary {
    pub id: String,
    pub title: String,
    pub group_name: String,
    pub starts_at: String,
    pub ends_at: String,
    /// Where the event is held ("Europe/Paris").
    pub time_zone: String,
    /// When, as people read it, on the clock of where it is held: "14 mars 2027 de 17:00 à
    /// 19:00", with that clock named when it is not the person's own.
    pub when_text: String,
    pub place: String,
    pub cancelled: bool,
    /// "Vous participez", "Complet : vous êtes n° 3 sur la liste d'attente"; absent when not answered.
    pub my_status: Option<String>,
    /// "Annulé", or how many go and the places left.
    pub label: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct EventsView {
    pub items: Vec<EventSummary>,
    pub empty_text: Option<String>,
    /// The button to my calendar.
    pub calendar_label: String,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CalendarView {
    pub items: Vec<EventSummary>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RsvpButton {
    pub choice: crate::events::types::Rsvp,
    pub label: String,
    pub selected: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct EventView {
    pub id: String,
    /// Absent until the event is found (on the device or from the server).
    pub event: Option<EventSummary>,
    pub loading: bool,
    pub error: Option<String>,
    pub description: String,
    pub online_url: Option<String>,
    pub seats: String,
    /// Going / maybe / declined, the selected one marked; empty when it cannot be answered.
    pub choices: Vec<RsvpButton>,
    pub can_answer: bool,
    /// My answer is on the phone, not yet confirmed.
    pub answer_pending: bool,
    /// I run the event's group: change it, cancel it, write to its attendees.
    pub can_manage: bool,
    pub attendees: Vec<AttendeeView>,
    /// Above the list, or what to say when no one goes yet; absent while it loads.
    pub attendees_label: Option<String>,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AttendeeView {
    pub person_id: String,
    pub name: String,
    pub function: String,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct EventFormView {
    /// When it starts and ends as people read it, on the event's clock ("14 mars 2027 à
    /// 18:30"), for the buttons that open the system's date and time pickers; `starts_at`
    /// and `ends_at` are what the pickers give back (RFC 3339).
    pub starts_text: String,
    pub ends_text: String,
    /// Changing an event (else a new one).
    pub editing: bool,
    pub group_name: String,
    pub title: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    pub time_zone: String,
    pub place: String,
    pub online_url: String,
    pub capacity: Option<u32>,
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MessageView {
    /// "Aux participants de « … »"
    pub audience_label: String,
    pub text: String,
    /// How many people it will reach and how many messages are left today; absent while asked.
    pub reach_text: Option<String>,
    pub loading: bool,
    pub can_send: bool,
    pub error: Option<String>,
    /// The switch "must-read message" is offered (to a group, not to an event's attendees).
    pub can_be_must_read: bool,
    pub must_read: bool,
    /// "Message important à lire par tous" and what it means.
    pub must_read_label: String,
    pub must_read_hint: String,
    /// Shown when `must_read`: the title field.
    pub title_label: String,
    pub title: String,
}
