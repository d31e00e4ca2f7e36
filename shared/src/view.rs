//! The view model: everything a shell draws, already decided and translated.
//!
//! Shells draw `screen` (one view per variant), the `status` bar (offline, syncing, writes
//! not sent yet or refused), an optional `notice` and an optional `composer` on top.
//! Ids cross as strings; times as RFC 3339 strings that shells format for the person.

use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::accounts::types::SignIn;
use crate::attachments::types::FileView;
use crate::composer::types::ComposerView;
use crate::conversations::types::ConversationView;
use crate::conversations::types::ConversationsView;
use crate::events::types::CalendarView;
use crate::events::types::EventFormView;
use crate::events::types::EventView;
use crate::events::types::EventsView;
use crate::events::types::MessageView;
use crate::groups::types::BrowseView;
use crate::groups::types::GroupView;
use crate::groups::types::MyGroupsView;
use crate::i18n::{Language, Text};
use crate::model::{Model, Phase, Route, Session};
use crate::notifications::types::NotificationSettingsView;
use crate::notifications::types::NotificationsView;
use crate::people::types::DirectoryView;
use crate::people::types::MyProfileView;
use crate::people::types::PersonView;
use crate::posts::types::FeedView;
use crate::posts::types::PostView;
use crate::questions::types::AskView;
use crate::questions::types::QuestionView;
use crate::questions::types::QuestionsForMeView;
use crate::search::types::SearchView;
use crate::sync::overlay::Overlay;
use crate::{groups, people, posts, questions};

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ViewModel {
    pub language: Language,
    pub screen: Screen,
    pub status: Status,
    pub notice: Option<String>,
    pub composer: Option<ComposerView>,
    /// The form to ask a question, over the current screen.
    pub ask: Option<AskView>,
    pub can_go_back: bool,
    /// Unread notifications: the badge.
    pub unread_notifications: u32,
    /// An organiser's event form, over the current screen.
    pub event_form: Option<EventFormView>,
    /// An organiser's message and how many it will reach, over the current screen.
    pub message: Option<MessageView>,
    /// "Before posting, read and accept the charter": a banner that opens `Route::Charter`.
    pub charter_prompt: Option<String>,
    /// Messages I have not read, in all my conversations: the badge of `Route::Conversations`.
    pub unread_messages: u32,
    /// The form open now takes files (a new post, question or event, a conversation): the
    /// shell offers to add a photo or a document (`AttachmentsEvent::Add`).
    pub can_attach: bool,
    /// The files of the form open now, with how far each has gone.
    pub form_files: Vec<FileView>,
    /// The `Authorization` header value to load attachment URLs (`AttachmentView`) with.
    pub media_authorization: Option<String>,
    /// A file fetched for a tap, to open now in the system's viewer; then
    /// `AttachmentsEvent::Opened`.
    pub open_file: Option<crate::attachments::types::OpenFileView>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[repr(C)]
pub enum Screen {
    /// Reading what the device holds.
    Loading,
    /// Which federation: its address, typed once (or given by an invitation link).
    Federation(FederationView),
    SignIn(SignInView),
    Feed(FeedView),
    MyGroups(MyGroupsView),
    BrowseGroups(BrowseView),
    Group(GroupView),
    Post(PostView),
    MyProfile(MyProfileView),
    Person(PersonView),
    QuestionsForMe(QuestionsForMeView),
    Question(QuestionView),
    Search(SearchView),
    Directory(DirectoryView),
    Notifications(NotificationsView),
    NotificationSettings(NotificationSettingsView),
    Events(EventsView),
    Event(EventView),
    Calendar(CalendarView),
    Charter(crate::moderation::types::CharterView),
    Report(crate::moderation::types::ReportView),
    Conversations(ConversationsView),
    Conversation(ConversationView),
    MustRead(crate::must_reads::types::MustReadView),
    /// Choosing people: to invite into a group, to start or widen a conversation.
    PickPeople(crate::people::types::PickPeopleView),
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Status {
    pub online: bool,
    pub syncing: bool,
    /// Why the last sync stopped (offline, server trouble), if it did.
    pub problem: Option<String>,
    /// Writes kept on the phone that the server has not confirmed yet.
    pub not_sent_count: u32,
    pub not_sent_label: String,
    /// Writes the server refused, with the reason, until dismissed.
    pub failed: Vec<FailedWriteView>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FailedWriteView {
    pub id: u64,
    pub label: String,
    /// What was written (the start of it), so nothing is lost: the person can copy it.
    pub text: String,
    pub reason: String,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SignInView {
    pub busy: bool,
    pub error: Option<String>,
    pub notice: Option<String>,
    /// The federation's name, and its address (`fabrique.ma-federation.fr`) below it, with
    /// a way to change it (`AccountsEvent::ChangeFederation`).
    pub federation: String,
    pub address: String,
    /// From the invitation link the app was opened with: the shell opens the form that
    /// creates one's account with this code filled in.
    pub invitation_code: Option<String>,
}

/// The first screen on a new phone: the federation's address.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FederationView {
    /// What to fill the field with (the address last typed).
    pub address: String,
    /// Checking the address with its server.
    pub busy: bool,
    pub error: Option<String>,
    pub notice: Option<String>,
    /// What to type, and where to find it.
    pub help: String,
}

pub fn view(model: &Model) -> ViewModel {
    let language = model.language;
    let say = |text: Text| text.in_language(language).to_owned();
    match &model.phase {
        Phase::Starting => ViewModel {
            language,
            screen: Screen::Loading,
            status: Status::default(),
            notice: None,
            composer: None,
            ask: None,
            can_go_back: false,
            unread_notifications: 0,
            event_form: None,
            message: None,
            charter_prompt: None,
            unread_messages: 0,
            can_attach: false,
            form_files: Vec::new(),
            media_authorization: None,
            open_file: None,
        },
        Phase::SignedOut(SignIn { busy, error, notice, address, invitation_code }) => ViewModel {
            language,
            screen: match &model.federation {
                None => Screen::Federation(FederationView {
                    address: address.clone(),
                    busy: busy.is_some(),
                    error: error.map(say),
                    notice: notice.map(say),
                    help: say(Text::FederationHelp),
                }),
                Some(federation) => Screen::SignIn(SignInView {
                    busy: busy.is_some(),
                    error: error.map(say),
                    notice: notice.map(say),
                    federation: federation.name.clone(),
                    address: federation.address.trim_start_matches("https://").to_owned(),
                    invitation_code: invitation_code.clone(),
                }),
            },
            status: Status::default(),
            notice: None,
            composer: None,
            ask: None,
            can_go_back: false,
            unread_notifications: 0,
            event_form: None,
            message: None,
            charter_prompt: None,
            unread_messages: 0,
            can_attach: false,
            form_files: Vec::new(),
            media_authorization: None,
            open_file: None,
        },
        Phase::Active(session) => active_view(session, language),
    }
}

fn active_view(session: &Session, language: Language) -> ViewModel {
    let say = |text: Text| text.in_language(language).to_owned();
    let overlay = Overlay::of(&session.outbox);
    let status = status(session, language);
    let screen = if !session.loaded() {
        Screen::Loading
    } else {
        match session.route() {
            Route::Feed => Screen::Feed(posts::feed_view(session, &overlay, language)),
            Route::MyGroups => Screen::MyGroups(groups::my_groups_view(session, &overlay, language)),
            Route::BrowseGroups => Screen::BrowseGroups(groups::browse_view(session, &overlay, language)),
            Route::Group { id } => Screen::Group(groups::group_view(session, &overlay, id, language)),
            Route::Post { id } => Screen::Post(posts::post_view(session, &overlay, id, language)),
            Route::MyProfile => Screen::MyProfile(people::my_profile_view(session, &overlay, language)),
            Route::Person { id } => Screen::Person(people::person_view(session, &overlay, id, language)),
            Route::QuestionsForMe => Screen::QuestionsForMe(questions::for_me_view(session, &overlay, language)),
            Route::Question { id } => Screen::Question(questions::question_view(session, &overlay, id, language)),
            Route::Search => Screen::Search(crate::search::view(session, language)),
            Route::Directory => Screen::Directory(people::directory_view(session, language)),
            Route::Notifications => Screen::Notifications(crate::notifications::view(session, &overlay, language)),
            Route::NotificationSettings => {
                Screen::NotificationSettings(crate::notifications::settings_view(session, &overlay, language))
            }
            Route::Events => Screen::Events(crate::events::events_view(session, &overlay, language)),
            Route::Event { id } => Screen::Event(crate::events::event_view(session, &overlay, id, language)),
            Route::Calendar => Screen::Calendar(crate::events::calendar_view(session, &overlay, language)),
            Route::Charter => Screen::Charter(crate::moderation::charter_view(session, language)),
            Route::Report { what, id } => Screen::Report(crate::moderation::report_view(*what, id, language)),
            Route::Conversations => Screen::Conversations(crate::conversations::list_view(session, &overlay, language)),
            Route::Conversation { id } => {
                Screen::Conversation(crate::conversations::conversation_view(session, &overlay, id, language))
            }
            Route::MustRead { id } => Screen::MustRead(crate::must_reads::view(session, &overlay, id, language)),
            Route::PickPeople { purpose } => Screen::PickPeople(people::picker::view(session, purpose, language)),
        }
    };
    ViewModel {
        language,
        screen,
        status,
        notice: session.notice.map(say),
        composer: crate::composer::composer_view(session, language),
        ask: questions::ask_view(session, language),
        can_go_back: session.nav.len() > 1,
        unread_notifications: crate::notifications::unread_count(session, &overlay),
        event_form: crate::events::organise::form_view(session, language),
        message: crate::events::organise::message_view(session, language),
        charter_prompt: crate::moderation::prompt(session, language),
        unread_messages: crate::conversations::unread_count(session, &overlay),
        can_attach: crate::attachments::open_form(session).is_some(),
        form_files: crate::attachments::form_files(session, language),
        media_authorization: Some(format!("Bearer {}", session.credentials.token)),
        open_file: crate::attachments::open_file(session),
    }
}

fn status(session: &Session, language: Language) -> Status {
    let waiting = session.outbox.waiting();
    Status {
        online: session.sync.online,
        syncing: session.sync.in_flight,
        problem: session.sync.failure.map(|t| t.in_language(language).to_owned()),
        not_sent_count: u32::try_from(waiting).unwrap_or(u32::MAX),
        not_sent_label: Text::NotSentYet.in_language(language).to_owned(),
        failed: session
            .outbox
            .failed
            .iter()
            .map(|failed| FailedWriteView {
                id: failed.id,
                label: Text::WriteFailed.in_language(language).to_owned(),
                text: posts::written_text(&failed.mutation),
                reason: crate::i18n::for_error_code(&failed.code).in_language(language).to_owned(),
            })
            .collect(),
    }
}
