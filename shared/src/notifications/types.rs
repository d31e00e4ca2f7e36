//! Notifications and push registration: what a shell sends and is asked, and how notifications and their settings are shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use crux_core::capability::Operation;
use crux_http::protocol::HttpResult;
use fabrique_wire::notifications::{DigestChoice, GroupLevel};
use facet::Facet;
use serde::{Deserialize, Serialize};

#[derive(Facet, Serialize, Deserialize, Debug)]
#[repr(C)]
pub enum NotificationsEvent {
    /// Open what the notification is about; it is marked read.
    Open {
        id: String,
    },
    MarkAllRead,
    /// Time zone, quiet hours ("HH:MM", both or neither) and the kinds one does not want
    /// (their `KindToggle::kind` names).
    SaveSettings {
        time_zone: String,
        quiet_start: Option<String>,
        quiet_end: Option<String>,
        muted_kinds: Vec<String>,
    },
    SetGroupLevel {
        group_id: String,
        level: Level,
    },
    /// How often a summary comes by e-mail when one does not open the app.
    SetDigest {
        digest: Digest,
    },
    /// The person tapped a system notification: `payload` is the push's decrypted JSON (what
    /// `push_decrypt` gave). Opens what it is about (syncing if it is not here yet) and marks
    /// it read; the same when the tap started the app.
    Tapped {
        payload: String,
    },
    /// The push service gave this device a new address (a new FCM token, a distributor that
    /// changed): the server is told at once, not at the next start (the old address is dropped
    /// by the server when its push service says it is gone).
    PushRenewed,
    /// The answers of this area's effects: only the core creates these (for the session of
    /// the epoch they carry; an answer for an earlier session is dropped).
    #[serde(skip)]
    #[facet(skip)]
    Answered(u64, #[facet(opaque)] Box<PushAnswer>),
}

/// The e-mail summary for when one does not open the app.
#[derive(Facet, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum Digest {
    Weekly,
    Daily,
    Off,
}

impl From<DigestChoice> for Digest {
    fn from(choice: DigestChoice) -> Self {
        match choice {
            DigestChoice::Weekly => Digest::Weekly,
            DigestChoice::Daily => Digest::Daily,
            DigestChoice::Off => Digest::Off,
        }
    }
}

impl From<Digest> for DigestChoice {
    fn from(digest: Digest) -> Self {
        match digest {
            Digest::Weekly => DigestChoice::Weekly,
            Digest::Daily => DigestChoice::Daily,
            Digest::Off => DigestChoice::Off,
        }
    }
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DigestOption {
    pub digest: Digest,
    pub label: String,
}

/// How much of a group reaches me.
#[derive(Facet, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum Level {
    Everything,
    Important,
    Nothing,
}

impl From<GroupLevel> for Level {
    fn from(level: GroupLevel) -> Self {
        match level {
            GroupLevel::Everything => Level::Everything,
            GroupLevel::Important => Level::Important,
            GroupLevel::Nothing => Level::Nothing,
        }
    }
}

/// What the shell does for pushes: subscribe this device with the platform's push
/// service (UnifiedPush on Android, a relay to APNs on iOS) and say where pushes go.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum PushOperation {
    /// Subscribe with the server's VAPID public key (base64url, the `applicationServerKey`).
    Register { application_server_key: String },
    /// Stop receiving pushes on this device (signed out).
    Unregister,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum PushRegistration {
    /// Where the push service takes pushes for this device, and its keys (base64url).
    Subscribed {
        endpoint: String,
        p256dh: String,
        auth: String,
        label: String,
    },
    /// No push on this device (no distributor, permission refused): the in-app list still works.
    Unavailable {
        reason: String,
    },
    Unregistered,
}

impl Operation for PushOperation {
    type Output = PushRegistration;
}

/// Where this session's push registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PushState {
    #[default]
    NotYet,
    Registering,
    Registered,
    /// The device cannot receive pushes: not asked again in this session.
    Unavailable,
}

/// What the push registration's effects answered, and sync's news.
#[derive(Debug)]
pub enum PushAnswer {
    /// The device's store and outbox are read: register for push.
    Loaded,
    Key(HttpResult),
    Registration(PushRegistration),
    Subscribed(HttpResult),
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct NotificationsView {
    pub items: Vec<NotificationItemView>,
    pub unread_count: u32,
    /// "Mark all read", when something is unread.
    pub mark_all_label: Option<String>,
    pub empty_text: Option<String>,
    /// When this phone cannot receive pushes: what that means and what to do.
    pub push_unavailable: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct NotificationItemView {
    pub id: String,
    /// "Awa pose une question : « … »"
    pub text: String,
    pub created_at: String,
    /// When, as people read it ("14 mars 2027 à 17:00").
    pub when_text: String,
    pub unread: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct KindToggle {
    /// The kind's stable name, sent back in `SaveSettings`.
    pub kind: String,
    pub label: String,
    pub on: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct LevelOption {
    pub level: crate::notifications::types::Level,
    pub label: String,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct GroupLevelRow {
    pub group_id: String,
    pub name: String,
    pub level: crate::notifications::types::Level,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct NotificationSettingsView {
    pub time_zone: String,
    /// "22:00" and "07:00" when quiet hours are set.
    pub quiet_start: Option<String>,
    pub quiet_end: Option<String>,
    pub hint: String,
    pub kinds: Vec<KindToggle>,
    /// Each group of mine with its level, and the levels to choose from.
    pub groups: Vec<GroupLevelRow>,
    pub levels: Vec<LevelOption>,
    /// The e-mail summary: what it is, the choice made, and the choices.
    pub digest_hint: String,
    pub digest: Digest,
    pub digests: Vec<DigestOption>,
    /// Changes are on the phone, not yet confirmed.
    pub pending: bool,
    pub error: Option<String>,
}

/// What a push notice may name, written by the core for the phone's push handler: the
/// person's groups (id → name), so a notice reads "Nouvelle question dans « Trésorerie »"
/// rather than "…dans un de vos groupes". Nothing the person does not already hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeNames {
    pub groups: std::collections::BTreeMap<uuid::Uuid, String>,
}

impl NoticeNames {
    pub fn of(store: &crate::store::LocalStore) -> NoticeNames {
        let groups = store.my_group_ids().filter_map(|id| store.group(id).map(|g| (id, g.name.clone()))).collect();
        NoticeNames { groups }
    }
}
