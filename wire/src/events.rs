//! Events in groups: created, changed and cancelled by the group's organisers; people answer
//! going / maybe / declined, with a waiting list when the event is full. An event lives in
//! its group's scope; each person's own answers live in their person scope, so that "my
//! calendar" is complete offline across groups. The list of attendees is read online.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const PLACE_MAX: usize = 300;
pub const URL_MAX: usize = 2_000;
/// Largest capacity an event may have (a congress, not a stadium).
pub const CAPACITY_MAX: i64 = 100_000;
/// How long an event may last.
pub const DURATION_MAX_DAYS: i64 = 31;
/// An organiser's message to a group or to an event's attendees.
pub const ANNOUNCEMENT_MAX: usize = 1_000;
/// Messages one organiser may send to one group (its events included) in a day.
pub const ANNOUNCEMENTS_PER_DAY: i64 = 5;

wire_type! {
    /// What a person answers to an event.
    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum RsvpChoice {
        Going,
        Maybe,
        Declined,
    }

    /// Where a person stands: `Waiting` when they answered going to a full event.
    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum RsvpStatus {
        Going,
        Maybe,
        Declined,
        Waiting,
    }

    pub struct Event {
        pub id: Uuid,
        pub group_id: Uuid,
        pub author_id: Uuid,
        pub author_name: String,
        pub title: String,
        pub description: String,
        pub starts_at: DateTime<Utc>,
        pub ends_at: DateTime<Utc>,
        /// IANA name of the time zone the event is held in ("Europe/Paris").
        pub time_zone: String,
        pub place: String,
        pub online_url: String,
        /// `None`: no limit.
        pub capacity: Option<i64>,
        /// Computed by the server.
        pub going_count: i64,
        pub maybe_count: i64,
        pub waiting_count: i64,
        pub cancelled: bool,
        pub created_at: DateTime<Utc>,
        pub edited_at: Option<DateTime<Utc>>,
    }

    /// In the person's own scope: their answer to one event, with the event's times so that
    /// their calendar can be drawn without the event's group.
    pub struct MyRsvp {
        pub event_id: Uuid,
        pub group_id: Uuid,
        pub status: RsvpStatus,
        /// Place on the waiting list (1 = next in), when waiting.
        pub waiting_position: Option<i64>,
        pub title: String,
        pub starts_at: DateTime<Utc>,
        pub ends_at: DateTime<Utc>,
        pub cancelled: bool,
    }

    /// One line of an event's list of attendees.
    pub struct Attendee {
        pub person_id: Uuid,
        pub display_name: String,
        pub function: String,
        pub status: RsvpStatus,
        pub answered_at: DateTime<Utc>,
    }

    /// `GET /v1/announcements/reach`: how many people a message would reach now.
    pub struct Reach {
        pub people: i64,
        /// Of those, how many have a device that receives push notifications.
        pub with_push: i64,
        /// Messages the caller may still send to this group today.
        pub remaining_today: i64,
    }

    /// `POST /v1/calendar/feed`: the secret address of my calendar (a new one each time: the
    /// old address stops working).
    pub struct CalendarFeed {
        pub url: String,
    }
}

wire_type! {
    /// An event to create, by an organiser of the group: the mutation `create_event`.
    #[serde(deny_unknown_fields)]
    pub struct NewEvent {
        pub id: Uuid,
        pub group_id: Uuid,
        pub title: String,
        #[serde(default)]
        pub description: String,
        pub starts_at: chrono::DateTime<chrono::Utc>,
        pub ends_at: chrono::DateTime<chrono::Utc>,
        pub time_zone: String,
        #[serde(default)]
        pub place: String,
        #[serde(default)]
        pub online_url: String,
        /// Absent: no limit.
        #[serde(default)]
        pub capacity: Option<i64>,
        #[serde(default)]
        pub attachments: Vec<Uuid>,
    }

    /// An event's changes: only the fields given change; `capacity: 0` removes the limit (the
    /// mutation `update_event`).
    #[serde(deny_unknown_fields)]
    pub struct EventUpdate {
        pub id: Uuid,
        #[serde(default)]
        pub title: Option<String>,
        #[serde(default)]
        pub description: Option<String>,
        #[serde(default)]
        pub starts_at: Option<chrono::DateTime<chrono::Utc>>,
        #[serde(default)]
        pub ends_at: Option<chrono::DateTime<chrono::Utc>>,
        #[serde(default)]
        pub time_zone: Option<String>,
        #[serde(default)]
        pub place: Option<String>,
        #[serde(default)]
        pub online_url: Option<String>,
        #[serde(default)]
        pub capacity: Option<i64>,
    }
}
