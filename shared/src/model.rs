//! What the core holds and speaks: the effects it asks of a shell ([`Effect`]), the events a
//! shell may send ([`Event`]), where a person can be ([`Route`]), and the state behind them
//! ([`Model`]: starting → signed out → active, the active [`Session`]).
//!
//! Below every area: an area reads and changes the session through these types, and the
//! areas' own types (their events, forms, pages) are imported from each area's `types`
//! module, never from its logic, so that no area and this file import each other.

use crux_core::{Command, macros::effect, render::RenderOperation};
use crux_http::protocol::HttpRequest;
use crux_kv::KeyValueOperation;
use crux_time::TimeRequest;
use facet::Facet;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::accounts::types::{AccountsEvent, SignIn};
use crate::api::{self, Credentials};
use crate::composer::types::{Composer, ComposerEvent};
use crate::events::types::{EventForm, MessageForm};
use crate::groups::types::GroupsEvent;
use crate::i18n::{Language, Text};
use crate::notifications::types::NotificationsEvent;
use crate::pages::{Fetch, Fetched, Pages};
use crate::people::types::{PeopleEvent, ProfileEditor};
use crate::posts::types::PostsEvent;
use crate::questions::types::{AskForm, QuestionsEvent};
use crate::realtime::RealtimeOperation;
use crate::search::types::SearchEvent;
use crate::store::LocalStore;
use crate::sync::outbox::Outbox;
use crate::sync::types::{SyncAnswer, SyncState};
#[effect(facet_typegen)]
pub enum Effect {
    Render(RenderOperation),
    Http(HttpRequest),
    KeyValue(KeyValueOperation),
    Time(TimeRequest),
    Realtime(RealtimeOperation),
    Push(crate::notifications::types::PushOperation),
    Upload(crate::attachments::types::UploadOperation),
    Download(crate::attachments::types::DownloadOperation),
}

pub type Cmd = Command<Effect, Event>;

/// Where a person can go. Feed, groups, browse and profile are the tabs; the others open on top.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum Route {
    Feed,
    MyGroups,
    BrowseGroups,
    MyProfile,
    Group {
        id: String,
    },
    Post {
        id: String,
    },
    Person {
        id: String,
    },
    /// Open questions matching my skills, or escalated to me.
    QuestionsForMe,
    Question {
        id: String,
    },
    Search,
    Directory,
    /// My notifications.
    Notifications,
    /// How I want to be told: kinds, quiet hours, each group's level.
    NotificationSettings,
    /// The coming events of my groups.
    Events,
    Event {
        id: String,
    },
    /// Every coming event I answered.
    Calendar,
    /// The federation's charter, to read and accept.
    Charter,
    /// Report something to the moderators.
    Report {
        what: crate::moderation::types::ReportWhat,
        id: String,
    },
    /// My conversations.
    Conversations,
    Conversation {
        id: String,
    },
    /// A must-read message, whole (with its reach for its sender).
    MustRead {
        id: String,
    },
    /// Choose people from the directory: to invite into a group, to start or widen a
    /// conversation.
    PickPeople {
        purpose: crate::people::types::PickPurpose,
    },
}

impl Route {
    pub fn is_tab(&self) -> bool {
        matches!(
            self,
            Route::Feed
                | Route::MyGroups
                | Route::BrowseGroups
                | Route::MyProfile
                | Route::QuestionsForMe
                | Route::Search
                | Route::Directory
                | Route::Events
                | Route::Conversations
        )
    }
}

/// Everything a shell may tell the core.
#[derive(Facet, Serialize, Deserialize, Debug)]
#[repr(C)]
pub enum Event {
    /// The app started: load what this device holds, then sync. `language` is the device's,
    /// used until the person chooses one. The federation's address is asked of the person
    /// (or taken from an invitation link) and kept: one app serves every federation.
    Start {
        language: Language,
    },
    /// The app came to the foreground: sync now and keep the live channel open.
    Foreground,
    /// The app went to the background: close the live channel.
    Background,
    /// The live channel said something changed.
    Poked,
    /// A push notification arrived: sync, then show.
    PushReceived,
    /// Pull-to-refresh.
    Refresh,
    Navigate(Route),
    Back,
    SetLanguage(Language),
    DismissNotice,
    /// Forget a write the server refused, once the person has read why.
    DismissFailed {
        id: u64,
    },
    Accounts(AccountsEvent),
    Feed(FeedEvent),
    Groups(GroupsEvent),
    Posts(PostsEvent),
    /// The form in which one writes a post, a comment or an answer.
    Composer(ComposerEvent),
    People(PeopleEvent),
    Questions(QuestionsEvent),
    Search(SearchEvent),
    Notifications(NotificationsEvent),
    Events(crate::events::types::EventsEvent),
    Moderation(crate::moderation::types::ModerationEvent),
    Conversations(crate::conversations::types::ConversationsEvent),
    Polls(crate::polls::types::PollsEvent),
    /// Photos and documents for the open form.
    Attachments(crate::attachments::types::AttachmentsEvent),
    MustReads(crate::must_reads::types::MustReadsEvent),

    /// The answers of sync's effects, for the session of that epoch: only the core creates
    /// these.
    #[serde(skip)]
    #[facet(skip)]
    Sync(u64, #[facet(opaque)] Box<SyncAnswer>),
    /// A page read online answered, for the session of that epoch: only the core creates these.
    #[serde(skip)]
    #[facet(skip)]
    Fetched(u64, #[facet(opaque)] Box<Fetched>),
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum FeedEvent {
    /// Show older posts.
    More,
}

#[derive(Default)]
pub struct Model {
    pub language: Language,
    /// Set once the app has started (a shell may send `Start` again when it recreates its UI).
    pub started: bool,
    /// The federation this phone talks to; `None` until the person gives its address.
    pub federation: Option<crate::accounts::types::Federation>,
    /// A link the app was opened with before what the phone holds was read.
    pub pending_link: Option<String>,
    /// Where a mail's link opened while signed out leads, once signed in.
    pub after_sign_in: Option<Route>,
    /// The phone's clock (fixed in tests): each session starts with it.
    pub clock: crate::time::Clock,
    pub phase: Phase,
    /// Changes at each sign-in and sign-out: answers for an earlier session are dropped.
    pub epoch: u64,
    /// Request tags only grow: an answer whose tag is not the latest asked is stale.
    pub next_tag: u64,
}

impl Model {
    /// The federation's address, empty before one is chosen.
    pub fn server_url(&self) -> &str {
        self.federation.as_ref().map_or("", |f| f.address.as_str())
    }

    pub fn tag(&mut self) -> u64 {
        self.next_tag += 1;
        self.next_tag
    }
}

#[derive(Default)]
pub enum Phase {
    #[default]
    Starting,
    SignedOut(SignIn),
    Active(Box<Session>),
}

/// A signed-in person on this device.
pub struct Session {
    /// What "now" is, and where new ids come from (see [`crate::time::Clock`]).
    pub clock: crate::time::Clock,
    pub credentials: Credentials,
    pub person_id: Uuid,
    pub epoch: u64,
    pub store: LocalStore,
    pub cursor: Option<String>,
    pub outbox: Outbox,
    pub store_loaded: bool,
    pub outbox_loaded: bool,
    pub sync: SyncState,
    pub nav: Vec<Route>,
    pub pages: Pages,
    pub notice: Option<Text>,
    pub foreground: bool,
    pub feed_limit: usize,
    pub next_tag: u64,
    /// The person as the sign-in answered, until the store holds their `Me`.
    pub me_at_sign_in: Option<fabrique_wire::people::Me>,
    /// The form open over the screen, if any: one at a time.
    pub form: Option<Form>,
    pub push: crate::notifications::types::PushState,
    /// Why the notification settings were not saved (quiet hours that make no sense).
    pub settings_error: Option<crate::i18n::Text>,
    /// The charter in force and whether this person accepted it.
    pub charter: crate::moderation::types::CharterState,
    /// The file being sent, and the retries (the files themselves are in the outbox).
    pub uploads: crate::attachments::types::Uploader,
    /// Files of the server fetched to open them.
    pub downloads: crate::attachments::types::Downloads,
    /// "Delete my account" under way, or why it was refused.
    pub erasure: crate::accounts::types::Erasure,
}

/// What is open over the screen: a person fills one form at a time (the composer's text is
/// also kept on the phone, and comes back at the next start).
pub enum Form {
    /// A post, a comment, an answer or a comment on an answer.
    Composer(Composer),
    Profile(ProfileEditor),
    Ask(AskForm),
    /// An organiser's event form.
    Event(EventForm),
    /// An organiser's message, with its reach.
    Message(MessageForm),
}

/// For each kind of form: the form if it is the one open, to read and to change, and closing
/// it (only if it is the one open: a late answer for another form closes nothing).
macro_rules! form_access {
    ($($variant:ident: $ty:ty => $get:ident, $get_mut:ident, $close:ident;)*) => {
        impl Session {
            $(
                pub fn $get(&self) -> Option<&$ty> {
                    match &self.form {
                        Some(Form::$variant(form)) => Some(form),
                        _ => None,
                    }
                }

                pub fn $get_mut(&mut self) -> Option<&mut $ty> {
                    match &mut self.form {
                        Some(Form::$variant(form)) => Some(form),
                        _ => None,
                    }
                }

                pub fn $close(&mut self) {
                    if matches!(self.form, Some(Form::$variant(_))) {
                        self.form = None;
                    }
                }
            )*
        }
    };
}

form_access! {
    Composer: Composer => composer, composer_mut, close_composer;
    Profile: ProfileEditor => profile_editor, profile_editor_mut, close_profile_editor;
    Ask: AskForm => ask, ask_mut, close_ask;
    Event: EventForm => event_form, event_form_mut, close_event_form;
    Message: MessageForm => message, message_mut, close_message;
}

pub const FEED_PAGE: usize = 20;

impl Session {
    pub fn new(credentials: Credentials, person_id: Uuid, epoch: u64, mut clock: crate::time::Clock) -> Self {
        let client_id = clock.new_id();
        Session {
            clock,
            credentials,
            person_id,
            epoch,
            store: LocalStore::new(person_id),
            cursor: None,
            outbox: Outbox::new(client_id),
            store_loaded: false,
            outbox_loaded: false,
            sync: SyncState::default(),
            nav: vec![Route::Feed],
            pages: Pages::default(),
            notice: None,
            foreground: true,
            feed_limit: FEED_PAGE,
            next_tag: 0,
            me_at_sign_in: None,
            form: None,
            push: crate::notifications::types::PushState::NotYet,
            settings_error: None,
            charter: crate::moderation::types::CharterState::default(),
            uploads: crate::attachments::types::Uploader::default(),
            downloads: crate::attachments::types::Downloads::default(),
            erasure: crate::accounts::types::Erasure::default(),
        }
    }

    /// The clock this person reads times on (their notification settings; Paris otherwise).
    pub fn time_zone(&self) -> chrono_tz::Tz {
        crate::i18n::time_zone(self.store.notification_settings().map(|s| s.time_zone.as_str()))
    }

    pub fn loaded(&self) -> bool {
        self.store_loaded && self.outbox_loaded
    }

    pub fn tag(&mut self) -> u64 {
        self.next_tag += 1;
        self.next_tag
    }

    pub fn route(&self) -> &Route {
        self.nav.last().unwrap_or(&Route::Feed)
    }

    /// Reads a page online (outside the synced scopes): the request, and its tag, which the
    /// page keeps so that an older answer is dropped.
    pub fn fetch(&mut self, fetch: Fetch, path: &str) -> (u64, Cmd) {
        let tag = self.tag();
        let epoch = self.epoch;
        let request = api::get(&self.credentials, path);
        let cmd = Command::request_from_shell(request)
            .then_send(move |result| Event::Fetched(epoch, Box::new(Fetched { tag, fetch, result })));
        (tag, cmd)
    }
}
