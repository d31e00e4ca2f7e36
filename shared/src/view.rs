//! The view model: everything a shell draws, already decided and translated.
//!
//! Shells draw `screen` (one view per variant), the `status` bar (offline, syncing, writes
//! not sent yet or refused), an optional `notice` and an optional `composer` on top.
//! Ids cross as strings; times as RFC 3339 strings that shells format for the person.

use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::accounts::SignIn;
use crate::app::{Model, Phase, Route, Session};
use crate::i18n::{Language, Text};
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
}

/// A file chosen for the form open now.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FileView {
    pub id: String,
    pub name: String,
    /// "2,4 Mo".
    pub size: String,
    /// 0 to 100.
    pub progress: u8,
    /// "Sending…", "Waiting for the network…", "Ready"; empty when refused.
    pub status: String,
    /// Why the file cannot go (too large, a kind not accepted): the person removes it.
    pub error: Option<String>,
}

/// A photo or document on a post, question, event or message.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AttachmentView {
    pub id: String,
    pub name: String,
    pub is_image: bool,
    pub size: String,
    /// The file (a photo shown whole, a document opened or saved).
    pub url: String,
    /// For photos: a small JPEG for lists.
    pub thumbnail_url: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[repr(C)]
pub enum Screen {
    /// Reading what the device holds.
    Loading,
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
    Charter(crate::moderation::CharterView),
    Report(crate::moderation::ReportView),
    Conversations(ConversationsView),
    Conversation(ConversationView),
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ConversationsView {
    pub items: Vec<ConversationSummary>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ConversationSummary {
    pub id: String,
    /// Its title, or the other people's names.
    pub title: String,
    pub last_message: String,
    /// RFC 3339; empty while not yet on the server.
    pub last_at: String,
    pub unread: u32,
    /// Something I wrote in it waits to be sent.
    pub pending: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ConversationView {
    pub id: String,
    /// False when I am not (or no longer) in it: `error` says so.
    pub found: bool,
    pub title: String,
    pub participants: Vec<String>,
    /// Oldest first, mine not yet sent at the end.
    pub messages: Vec<ConversationMessage>,
    pub empty_text: Option<String>,
    pub can_write: bool,
    /// A conversation of three or more: people can be added.
    pub can_add_people: bool,
    /// In a one-to-one, the other person (to block or unblock, to open their profile).
    pub other_person_id: Option<String>,
    /// I blocked the other person.
    pub blocked: bool,
    pub blocked_text: Option<String>,
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ConversationMessage {
    pub id: String,
    pub author_name: String,
    pub body: String,
    pub mine: bool,
    /// RFC 3339; empty while not yet on the server.
    pub created_at: String,
    pub pending: bool,
    pub attachments: Vec<AttachmentView>,
    /// Mine, not yet on the server: its files as they go up.
    pub pending_files: Vec<FileView>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PollView {
    pub id: String,
    pub question: String,
    pub author_name: String,
    pub options: Vec<PollOptionView>,
    pub multiple: bool,
    pub anonymous: bool,
    pub closed: bool,
    /// RFC 3339.
    pub closes_at: String,
    pub voter_count: i64,
    /// I voted (my choices are the options marked `chosen`).
    pub voted: bool,
    pub can_vote: bool,
    /// Organisers, before it closes.
    pub can_close: bool,
    /// When the results show, while they do not.
    pub results_hint: Option<String>,
    /// My vote or my closing waits to be sent.
    pub pending: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PollOptionView {
    pub index: u32,
    pub text: String,
    pub chosen: bool,
    /// Once closed; before, to its organisers, and to those who voted when it shows results
    /// after voting.
    pub votes: Option<i64>,
    /// Who chose it, in a named poll, when the results show.
    pub voters: Vec<String>,
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
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FeedView {
    pub items: Vec<PostSummary>,
    pub has_more: bool,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PostSummary {
    pub id: String,
    pub group_id: String,
    pub group_name: String,
    pub author_id: String,
    pub author_name: String,
    pub kind: String,
    pub title: String,
    /// The body, cut at a few hundred characters for lists; whole on a post's page.
    pub body: String,
    pub created_at: String,
    pub edited: bool,
    pub comment_count: u32,
    pub reactions: Vec<ReactionCount>,
    /// Written on this phone, not yet confirmed by the server.
    pub pending: bool,
    pub pending_label: Option<String>,
    pub can_edit: bool,
    pub can_delete: bool,
    /// Someone else's, already on the server: it can be reported (`Route::Report`).
    pub can_report: bool,
    pub attachments: Vec<AttachmentView>,
    /// Written on this phone: its files as they go up (shown until the server has the post).
    pub pending_files: Vec<FileView>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ReactionCount {
    pub emoji: String,
    pub count: u32,
    pub mine: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MyGroupsView {
    pub groups: Vec<GroupSummary>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct GroupSummary {
    pub id: String,
    pub name: String,
    pub description: String,
    pub private: bool,
    pub member_count: u32,
    pub relation: GroupRelation,
}

#[derive(Facet, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum GroupRelation {
    None,
    Member,
    Organiser,
    Admin,
    Following,
    /// A request to join a private group waits for its organisers.
    Requested,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct BrowseView {
    pub query: String,
    pub groups: Vec<GroupSummary>,
    pub loading: bool,
    pub has_more: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct GroupView {
    pub id: String,
    /// Absent until the group is found (on the device or from the server).
    pub group: Option<GroupSummary>,
    pub loading: bool,
    pub error: Option<String>,
    pub posts: Vec<PostSummary>,
    pub has_more_posts: bool,
    pub empty_text: Option<String>,
    pub can_post: bool,
    pub can_join: bool,
    pub can_ask_to_join: bool,
    pub can_follow: bool,
    pub can_unfollow: bool,
    pub can_leave: bool,
    /// The group's questions held on the device, newest first.
    pub questions: Vec<QuestionSummary>,
    pub can_ask: bool,
    /// The group's coming events held on the device, soonest first.
    pub events: Vec<EventSummary>,
    /// The group's polls, newest first.
    pub polls: Vec<PollView>,
    /// I run the group: create events, write to its members.
    pub can_organise: bool,
    /// Open reports about the group, for those who run it; what they may decide.
    pub reports: Vec<crate::moderation::GroupReportView>,
    pub report_decisions: Vec<crate::moderation::DecisionOption>,
    pub reports_hint: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PostView {
    pub id: String,
    pub post: Option<PostSummary>,
    pub comments: Vec<CommentView>,
    pub loading: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
    pub can_comment: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CommentView {
    pub id: String,
    pub author_id: String,
    pub author_name: String,
    pub body: String,
    pub created_at: String,
    pub edited: bool,
    pub reactions: Vec<ReactionCount>,
    pub pending: bool,
    pub pending_label: Option<String>,
    pub can_edit: bool,
    pub can_delete: bool,
    /// Someone else's, already on the server: it can be reported (`Route::Report`).
    pub can_report: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ProfileView {
    pub id: String,
    pub display_name: String,
    pub function: String,
    pub organisation_name: String,
    pub skills: Vec<String>,
    pub interests: Vec<String>,
    pub bio: String,
    /// Visible to the whole federation (otherwise to one's own association).
    pub federation_visible: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MyProfileView {
    pub profile: Option<ProfileView>,
    pub email: String,
    pub pending: bool,
    /// The form stays open with what was typed when the core refused it.
    pub editor: Option<ProfileEditorView>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ProfileEditorView {
    pub display_name: String,
    pub function: String,
    pub bio: String,
    pub skills: Vec<String>,
    pub interests: Vec<String>,
    pub federation_visible: bool,
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PersonView {
    pub id: String,
    /// "Write" opens our conversation (`ConversationsEvent::WriteTo`).
    pub can_write: bool,
    /// Someone else: they may be blocked, or unblocked when `blocked`.
    pub can_block: bool,
    pub blocked: bool,
    pub profile: Option<ProfileView>,
    pub loading: bool,
    pub error: Option<String>,
}

/// The form to write or change a post or a comment, over the current screen.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ComposerView {
    pub target: ComposerTarget,
    pub title: String,
    pub body: String,
    pub has_title: bool,
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum ComposerTarget {
    NewPost { group_id: String },
    EditPost { id: String },
    NewComment { post_id: String },
    EditComment { id: String },
    NewAnswer { question_id: String },
    NewAnswerComment { answer_id: String },
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct QuestionSummary {
    pub id: String,
    pub title: String,
    pub details: String,
    pub author_name: String,
    pub group_names: Vec<String>,
    pub tags: Vec<String>,
    pub answered: bool,
    pub answer_count: u32,
    /// Sent on to the organisers (or the federation) for want of an answer.
    pub escalated: bool,
    pub created_at: String,
    pub following: bool,
    pub pending: bool,
    pub pending_label: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct QuestionView {
    pub id: String,
    pub question: Option<QuestionSummary>,
    pub answers: Vec<AnswerView>,
    pub loading: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
    pub can_answer: bool,
    pub can_accept: bool,
    pub can_delete: bool,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AnswerView {
    pub id: String,
    pub author_name: String,
    pub body: String,
    pub accepted: bool,
    pub created_at: String,
    /// "Name : text", oldest first.
    pub comments: Vec<String>,
    pub pending: bool,
    pub pending_label: Option<String>,
    pub can_delete: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct QuestionsForMeView {
    pub items: Vec<QuestionSummary>,
    pub loading: bool,
    pub has_more: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AskView {
    pub group_ids: Vec<String>,
    pub group_names: Vec<String>,
    pub title: String,
    pub details: String,
    pub tags: Vec<String>,
    /// Answered questions like this one, found while the title is typed.
    pub suggestions: Vec<QuestionSummary>,
    pub suggestions_label: Option<String>,
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum ResultKind {
    Post,
    Question,
    Answer,
    Group,
    Person,
}

/// Text with the places to highlight: `marks` holds pairs of character offsets (start, end).
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HighlightedView {
    pub text: String,
    pub marks: Vec<u32>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SearchResultView {
    pub kind: ResultKind,
    pub id: String,
    pub title: HighlightedView,
    pub snippet: HighlightedView,
    pub group_name: Option<String>,
    pub created_at: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SearchView {
    pub query: String,
    pub kind: Option<ResultKind>,
    pub results: Vec<SearchResultView>,
    pub loading: bool,
    pub has_more: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DirectoryView {
    pub query: String,
    pub skill: String,
    pub organisation_id: Option<String>,
    pub people: Vec<ProfileView>,
    pub loading: bool,
    pub has_more: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
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
        },
        Phase::SignedOut(SignIn { busy, error, notice }) => ViewModel {
            language,
            screen: Screen::SignIn(SignInView { busy: busy.is_some(), error: error.map(say), notice: notice.map(say) }),
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
        }
    };
    ViewModel {
        language,
        screen,
        status,
        notice: session.notice.map(say),
        composer: posts::composer_view(session, language),
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

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct NotificationsView {
    pub items: Vec<NotificationItemView>,
    pub unread_count: u32,
    /// "Mark all read", when something is unread.
    pub mark_all_label: Option<String>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct NotificationItemView {
    pub id: String,
    /// "Awa pose une question : « … »"
    pub text: String,
    pub created_at: String,
    pub unread: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct EventSummary {
    pub id: String,
    pub title: String,
    pub group_name: String,
    pub starts_at: String,
    pub ends_at: String,
    /// Where the event is held ("Europe/Paris"): shells show its times in it.
    pub time_zone: String,
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
    pub choice: crate::events::Rsvp,
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
    pub level: crate::notifications::Level,
    pub label: String,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct GroupLevelRow {
    pub group_id: String,
    pub name: String,
    pub level: crate::notifications::Level,
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
    /// Changes are on the phone, not yet confirmed.
    pub pending: bool,
    pub error: Option<String>,
}
