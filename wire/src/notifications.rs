//! Notifications: one list per person, synced in the person's scope (read and unread), and
//! the Web Push side — the server's VAPID public key, a device's subscription, and what a
//! push carries (kind and ids only: the app fetches the content itself).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

/// Longest push endpoint URL accepted.
pub const ENDPOINT_MAX: usize = 2_000;
/// Longest device label ("Téléphone de Awa").
pub const LABEL_MAX: usize = 100;
/// The federation's time zone, until a person chooses theirs.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Paris";

wire_type! {
    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum NotificationKind {
        /// A question in one of my groups, or matching my skills.
        QuestionAsked,
        /// An answer to my question or to one I follow.
        QuestionAnswered,
        /// My answer was accepted.
        AnswerAccepted,
        /// An event in one of my groups.
        EventCreated,
        /// An event I answered changed (time, place, ...).
        EventChanged,
        /// An event I answered was cancelled.
        EventCancelled,
        /// An event I am going to starts soon (24 h, then 1 h before).
        EventReminder,
        /// A message from an organiser, to a group or to an event's attendees.
        Announcement,
        /// Someone named me in a post, a comment or an answer.
        Mention,
        /// Someone asks to join a group I run.
        JoinRequested,
        /// New posts in a group I follow (one notification per group per burst).
        GroupActivity,
        /// How a report was handled: told to the person who reported and to the author.
        Moderation,
        /// New messages in a conversation I take part in (one notification per conversation
        /// while unread, a push for each message).
        Message,
        /// A poll in one of my groups.
        PollCreated,
        /// A must-read message for me (pushed only: it is pinned in the app until read, and
        /// cannot be muted).
        MustRead,
        /// The copy of my data I asked for is ready to download.
        DataExportReady,
    }

    /// How much of a group reaches me.
    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum GroupLevel {
        /// Everything, new posts included.
        Everything,
        /// Questions, events and organisers' messages (the default).
        Important,
        Nothing,
    }

    /// How often a summary of what awaits comes by e-mail when one does not open the app.
    #[derive(Copy, Eq, Hash, Default)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum DigestChoice {
        /// Once a week, if one did not open the app that week (the default).
        #[default]
        Weekly,
        /// Once a day, if one did not open the app that day.
        Daily,
        Off,
    }

    /// Hours without push notifications, in the person's time zone ("22:00" to "07:00").
    /// Notifications still arrive in the app; pushes wait for the end.
    #[serde(deny_unknown_fields)]
    pub struct QuietHours {
        pub start: String,
        pub end: String,
    }

    pub struct GroupNotificationLevel {
        pub group_id: Uuid,
        pub level: GroupLevel,
    }

    /// In the person's scope: how they want to be told.
    pub struct NotificationSettings {
        /// IANA name ("Europe/Paris"), for quiet hours.
        pub time_zone: String,
        pub quiet_hours: Option<QuietHours>,
        /// Kinds the person does not want at all (neither in the app nor by push).
        pub muted_kinds: Vec<NotificationKind>,
        /// Groups whose level differs from [`GroupLevel::Important`].
        pub group_levels: Vec<GroupNotificationLevel>,
        /// The e-mail summary for when one does not open the app.
        #[serde(default)]
        pub digest: DigestChoice,
    }

    /// One notification of the person's list. `subject_id` is what opening it opens: a
    /// question, an event, a post, or a group (join requests, group activity).
    pub struct Notification {
        pub id: Uuid,
        pub kind: NotificationKind,
        pub subject_id: Uuid,
        pub group_id: Option<Uuid>,
        /// Who did it (the author of the question or answer).
        pub actor_name: String,
        /// A short line about the subject (a question's title).
        pub text: String,
        /// How many things it stands for (new posts collapsed into one; 1 otherwise).
        pub count: i64,
        pub created_at: DateTime<Utc>,
        pub read: bool,
    }

    /// `GET /v1/push/key`: the server's VAPID public key (uncompressed P-256 point,
    /// base64url), the `applicationServerKey` of a subscription.
    pub struct PushKey {
        pub public_key: String,
    }

    /// `POST /v1/push/subscriptions`: this device's Web Push subscription. Registering the
    /// same endpoint again updates it; it is removed at sign-out.
    #[serde(deny_unknown_fields)]
    pub struct PushSubscriptionRequest {
        pub endpoint: String,
        /// The subscription's P-256 public key, base64url.
        pub p256dh: String,
        /// The subscription's 16-byte authentication secret, base64url.
        pub auth: String,
        /// The device as the person would name it ("iPhone de Awa").
        #[serde(default)]
        pub label: String,
    }

    pub struct PushSubscription {
        pub id: Uuid,
        pub label: String,
        pub created_at: DateTime<Utc>,
    }

    /// What one push carries, encrypted for the device: enough to sync and open the right
    /// screen, and a short generic text for when the app cannot run first.
    pub struct PushPayload {
        pub notification_id: Uuid,
        pub kind: NotificationKind,
        pub subject_id: Uuid,
        pub group_id: Option<Uuid>,
        pub text: String,
    }
}

impl DigestChoice {
    /// The stable name, as in JSON (and in the database).
    pub fn as_str(self) -> &'static str {
        match self {
            DigestChoice::Weekly => "weekly",
            DigestChoice::Daily => "daily",
            DigestChoice::Off => "off",
        }
    }

    pub fn parse(text: &str) -> DigestChoice {
        match text {
            "daily" => DigestChoice::Daily,
            "off" => DigestChoice::Off,
            _ => DigestChoice::Weekly,
        }
    }
}

impl NotificationKind {
    /// Every kind, in the order a settings screen lists them.
    pub const ALL: [NotificationKind; 16] = [
        NotificationKind::QuestionAsked,
        NotificationKind::QuestionAnswered,
        NotificationKind::AnswerAccepted,
        NotificationKind::EventCreated,
        NotificationKind::EventChanged,
        NotificationKind::EventCancelled,
        NotificationKind::EventReminder,
        NotificationKind::Announcement,
        NotificationKind::Mention,
        NotificationKind::JoinRequested,
        NotificationKind::GroupActivity,
        NotificationKind::Moderation,
        NotificationKind::Message,
        NotificationKind::PollCreated,
        NotificationKind::MustRead,
        NotificationKind::DataExportReady,
    ];

    /// The stable name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::QuestionAsked => "question_asked",
            NotificationKind::QuestionAnswered => "question_answered",
            NotificationKind::AnswerAccepted => "answer_accepted",
            NotificationKind::EventCreated => "event_created",
            NotificationKind::EventChanged => "event_changed",
            NotificationKind::EventCancelled => "event_cancelled",
            NotificationKind::EventReminder => "event_reminder",
            NotificationKind::Announcement => "announcement",
            NotificationKind::Mention => "mention",
            NotificationKind::JoinRequested => "join_requested",
            NotificationKind::GroupActivity => "group_activity",
            NotificationKind::Moderation => "moderation",
            NotificationKind::Message => "message",
            NotificationKind::PollCreated => "poll_created",
            NotificationKind::MustRead => "must_read",
            NotificationKind::DataExportReady => "data_export_ready",
        }
    }

    pub fn parse(text: &str) -> Option<NotificationKind> {
        NotificationKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::NotificationKind;

    #[test]
    fn each_kinds_name_is_its_json_name_and_parses_back() {
        for kind in NotificationKind::ALL {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.as_str()));
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(NotificationKind::parse("spam"), None);
    }
}
