//! The Crux app: what a shell may send ([`Event`]), what it is asked to do ([`Effect`]), and
//! the state machine behind them ([`Model`]: starting → signed out → active).
//!
//! `update` only routes: each area (accounts, sync, feed, groups, posts, people) handles its
//! own events in its module, and `view` lives in [`crate::view`].

use crux_core::{
    App, Command,
    macros::effect,
    render::{RenderOperation, render},
};
use crux_http::protocol::{HttpRequest, HttpResult};
use crux_kv::{KeyValueOperation, KeyValueResult};
use crux_time::TimeRequest;
use facet::Facet;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::accounts::{self, AccountsEvent, SignIn};
use crate::api::Credentials;
use crate::groups::{self, GroupsEvent};
use crate::i18n::{Language, Text};
use crate::notifications::NotificationsEvent;
use crate::pages::Pages;
use crate::people::{self, PeopleEvent};
use crate::posts::{self, PostsEvent};
use crate::questions::{self, QuestionsEvent};
use crate::realtime::RealtimeOperation;
use crate::search::{self, SearchEvent};
use crate::storage;
use crate::store::LocalStore;
use crate::sync::{self, SyncInternal, SyncState, outbox::Outbox};
use crate::view::{self, ViewModel};

#[effect(facet_typegen)]
pub enum Effect {
    Render(RenderOperation),
    Http(HttpRequest),
    KeyValue(KeyValueOperation),
    Time(TimeRequest),
    Realtime(RealtimeOperation),
    Push(crate::notifications::PushOperation),
    Upload(crate::attachments::UploadOperation),
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
        what: crate::moderation::ReportWhat,
        id: String,
    },
    /// My conversations.
    Conversations,
    Conversation {
        id: String,
    },
}

impl Route {
    fn is_tab(&self) -> bool {
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
    /// used until the person chooses one.
    Start {
        server_url: String,
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
    People(PeopleEvent),
    Questions(QuestionsEvent),
    Search(SearchEvent),
    Notifications(NotificationsEvent),
    Events(crate::events::EventsEvent),
    Moderation(crate::moderation::ModerationEvent),
    Conversations(crate::conversations::ConversationsEvent),
    Polls(crate::polls::PollsEvent),
    /// Photos and documents for the open form.
    Attachments(crate::attachments::AttachmentsEvent),

    /// Results of effects: only the core creates these.
    #[serde(skip)]
    #[facet(skip)]
    Internal(#[facet(opaque)] Box<Internal>),
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum FeedEvent {
    /// Show older posts.
    More,
}

/// Effect results, routed back to the area that asked.
#[derive(Debug)]
pub enum Internal {
    SettingsLoaded(KeyValueResult),
    SessionLoaded(KeyValueResult),
    SignInAnswered {
        tag: u64,
        result: HttpResult,
    },
    StoreLoaded {
        epoch: u64,
        index: Option<crate::store::SavedIndex>,
        scopes: Vec<(String, crate::store::SavedScope)>,
    },
    OutboxLoaded {
        epoch: u64,
        result: KeyValueResult,
    },
    DraftLoaded {
        epoch: u64,
        result: KeyValueResult,
    },
    OutboxSaved {
        epoch: u64,
        through: u64,
        result: KeyValueResult,
    },
    StoreSaved {
        epoch: u64,
        saved: bool,
    },
    Sync {
        epoch: u64,
        event: SyncInternal,
    },
    Fetched {
        epoch: u64,
        tag: u64,
        fetch: crate::pages::Fetch,
        result: HttpResult,
    },
    Push {
        epoch: u64,
        event: crate::notifications::PushInternal,
    },
    Upload {
        epoch: u64,
        event: crate::attachments::UploadInternal,
    },
    /// Effects whose answer does not matter (sign-out call, deleting a key).
    Ignored,
}

impl From<Internal> for Event {
    fn from(internal: Internal) -> Self {
        Event::Internal(Box::new(internal))
    }
}

pub fn internal(internal: Internal) -> Event {
    internal.into()
}

#[derive(Default)]
pub struct Model {
    pub language: Language,
    pub server_url: String,
    pub phase: Phase,
    /// Changes at each sign-in and sign-out: answers for an earlier session are dropped.
    pub epoch: u64,
    /// Request tags only grow: an answer whose tag is not the latest asked is stale.
    pub next_tag: u64,
}

impl Model {
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
    pub composer: Option<posts::Composer>,
    pub profile_editor: Option<people::ProfileEditor>,
    pub ask: Option<questions::AskForm>,
    pub push: crate::notifications::PushState,
    /// Why the notification settings were not saved (quiet hours that make no sense).
    pub settings_error: Option<crate::i18n::Text>,
    /// An organiser's event form, over the current screen.
    pub event_form: Option<crate::events::organise::EventForm>,
    /// An organiser's message, with its reach.
    pub message: Option<crate::events::organise::MessageForm>,
    /// The charter in force and whether this person accepted it.
    pub charter: crate::moderation::CharterState,
    /// The file being sent, and the retries (the files themselves are in the outbox).
    pub uploads: crate::attachments::Uploader,
}

pub const FEED_PAGE: usize = 20;

impl Session {
    pub fn new(credentials: Credentials, person_id: Uuid, epoch: u64) -> Self {
        Session {
            credentials,
            person_id,
            epoch,
            store: LocalStore::new(person_id),
            cursor: None,
            outbox: Outbox::new(Uuid::now_v7()),
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
            composer: None,
            profile_editor: None,
            ask: None,
            push: crate::notifications::PushState::NotYet,
            settings_error: None,
            event_form: None,
            message: None,
            charter: crate::moderation::CharterState::default(),
            uploads: crate::attachments::Uploader::default(),
        }
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
}

#[derive(Default)]
pub struct Fabrique;

impl App for Fabrique {
    type Event = Event;
    type Model = Model;
    type ViewModel = ViewModel;
    type Effect = Effect;

    fn update(&self, event: Event, model: &mut Model) -> Cmd {
        match event {
            Event::Start { server_url, language } => accounts::start(model, server_url, language),
            Event::SetLanguage(language) => {
                model.language = language;
                let save =
                    Command::request_from_shell(storage::set(storage::SETTINGS, &storage::Settings { language }))
                        .then_send(|_| internal(Internal::Ignored));
                save.and(render())
            }
            Event::Accounts(event) => accounts::update(event, model),
            Event::Internal(event) => on_internal(*event, model),
            event => match &mut model.phase {
                Phase::Active(session) => on_session_event(event, session),
                // Nothing else means anything before sign-in; the screen is redrawn as it is.
                _ => render(),
            },
        }
    }

    fn view(&self, model: &Model) -> ViewModel {
        view::view(model)
    }
}

fn on_session_event(event: Event, session: &mut Session) -> Cmd {
    match event {
        Event::Foreground => {
            session.foreground = true;
            sync::connect_realtime(session)
                .and(sync::request(session))
                .and(crate::notifications::register(session))
                .and(crate::moderation::refresh(session))
                .and(render())
        }
        Event::Background => {
            session.foreground = false;
            Command::notify_shell(RealtimeOperation::Disconnect).into()
        }
        Event::Poked | Event::PushReceived | Event::Refresh => sync::request(session).and(render()),
        Event::Navigate(route) => navigate(session, route),
        Event::Back => {
            if session.nav.len() > 1 {
                session.nav.pop();
            }
            render()
        }
        Event::DismissNotice => {
            session.notice = None;
            render()
        }
        Event::DismissFailed { id } => {
            session.outbox.dismiss_failed(id);
            sync::save_outbox(session).and(render())
        }
        Event::Feed(FeedEvent::More) => {
            session.feed_limit += FEED_PAGE;
            render()
        }
        Event::Groups(event) => groups::update(event, session),
        Event::Posts(event) => posts::update(event, session),
        Event::People(event) => people::update(event, session),
        Event::Questions(event) => questions::update(event, session),
        Event::Search(event) => search::update(event, session),
        Event::Notifications(event) => crate::notifications::update(event, session),
        Event::Events(event) => crate::events::update(event, session),
        Event::Moderation(event) => crate::moderation::update(event, session),
        Event::Conversations(event) => crate::conversations::update(event, session),
        Event::Polls(event) => crate::polls::update(event, session),
        Event::Attachments(event) => crate::attachments::update(event, session),
        Event::Start { .. } | Event::SetLanguage(_) | Event::Accounts(_) | Event::Internal(_) => render(),
    }
}

pub(crate) fn navigate(session: &mut Session, route: Route) -> Cmd {
    if route.is_tab() {
        session.nav = vec![route.clone()];
    } else if session.route() != &route {
        session.nav.push(route.clone());
    }
    let load = match route {
        Route::BrowseGroups => groups::open_browse(session),
        Route::Group { id } => groups::open_group(session, &id).and(crate::polls::read_results(session)),
        Route::Post { id } => posts::open_post(session, &id),
        Route::Person { id } => people::open_person(session, &id),
        Route::QuestionsForMe => questions::open_for_me(session),
        Route::Question { id } => questions::open_question(session, &id),
        Route::Directory => people::open_directory(session),
        Route::Event { id } => crate::events::open_event(session, &id),
        Route::Conversation { id } => crate::conversations::open_conversation(session, &id),
        Route::Feed
        | Route::MyGroups
        | Route::MyProfile
        | Route::Search
        | Route::Notifications
        | Route::NotificationSettings
        | Route::Events
        | Route::Calendar
        | Route::Conversations
        | Route::Report { .. } => Command::done(),
        Route::Charter => crate::moderation::refresh(session),
    };
    load.and(render())
}

fn on_internal(event: Internal, model: &mut Model) -> Cmd {
    match event {
        Internal::SettingsLoaded(result) => {
            if let Ok(Some(settings)) = storage::read::<storage::Settings>(result) {
                model.language = settings.language;
            }
            render()
        }
        Internal::SessionLoaded(result) => accounts::session_loaded(model, result),
        Internal::SignInAnswered { tag, result } => accounts::signed_in(model, tag, result),
        Internal::Ignored => Command::done(),
        Internal::Push { epoch, event } => with_session(model, epoch, |s| crate::notifications::on_push(s, event)),
        Internal::Upload { epoch, event } => with_session(model, epoch, |s| crate::attachments::on_event(s, event)),
        Internal::StoreSaved { epoch, saved } => with_session(model, epoch, |s| sync::store_saved(s, saved)),
        Internal::StoreLoaded { epoch, index, scopes } => {
            with_session(model, epoch, |s| sync::store_loaded(s, index, scopes))
        }
        Internal::OutboxLoaded { epoch, result } => with_session(model, epoch, |s| sync::outbox_loaded(s, result)),
        Internal::DraftLoaded { epoch, result } => with_session(model, epoch, |s| posts::draft_loaded(s, result)),
        Internal::OutboxSaved { epoch, through, result } => {
            with_session(model, epoch, |s| sync::outbox_saved(s, through, result))
        }
        Internal::Sync { epoch, event } => {
            let expired = match &mut model.phase {
                Phase::Active(session) if session.epoch == epoch => match sync::on_event(session, event) {
                    Ok(cmd) => return cmd,
                    Err(sync::SessionExpired) => true,
                },
                _ => false,
            };
            if expired { accounts::expire(model) } else { Command::done() }
        }
        Internal::Fetched { epoch, tag, fetch, result } => {
            let expired = match &mut model.phase {
                Phase::Active(session) if session.epoch == epoch => {
                    match crate::pages::fetched(session, tag, fetch, result) {
                        Ok(cmd) => return cmd,
                        Err(sync::SessionExpired) => true,
                    }
                }
                _ => false,
            };
            if expired { accounts::expire(model) } else { Command::done() }
        }
    }
}

/// Run `f` on the active session if `epoch` is still the current one; drop the answer otherwise.
fn with_session(model: &mut Model, epoch: u64, f: impl FnOnce(&mut Session) -> Cmd) -> Cmd {
    match &mut model.phase {
        Phase::Active(session) if session.epoch == epoch => f(session),
        _ => Command::done(),
    }
}
