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
    }

    /// One notification of the person's list. `subject_id` is what opening it opens (a
    /// question for the kinds so far).
    pub struct Notification {
        pub id: Uuid,
        pub kind: NotificationKind,
        pub subject_id: Uuid,
        pub group_id: Option<Uuid>,
        /// Who did it (the author of the question or answer).
        pub actor_name: String,
        /// A short line about the subject (a question's title).
        pub text: String,
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
