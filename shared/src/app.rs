//! The Crux app: [`update`](Fabrique::update) routes each event to the area that handles it
//! (the events, effects and state are in [`crate::model`]). An effect's answer comes back as a
//! hidden event of the area that asked (`Answered`, carrying the session's epoch), routed
//! like the others; sync's and online pages' answers are routed here because they may end
//! the session. [`crate::view`] builds what the shells draw.
//!
//! The top of the core: it imports every area's logic, and no area imports it. An area that
//! wants to go somewhere sends [`Event::Navigate`] as a command.

use crux_core::{App, Command, render::render};
use crux_http::protocol::HttpResult;

use crate::api;
use crate::api::Failure;
use crate::i18n::Text;
use crate::model::{Cmd, Effect, Event, FEED_PAGE, FeedEvent, Model, Phase, Route, Session};
use crate::pages::{Fetch, Fetched};
use crate::realtime::RealtimeOperation;
use crate::sync::types::SessionExpired;
use crate::view::{self, ViewModel};
use crate::{accounts, groups, people, posts, questions, search, storage, sync};
use fabrique_wire::Page;
use fabrique_wire::groups::GroupListing;
use fabrique_wire::people::Profile;
use fabrique_wire::posts::Comment;
use fabrique_wire::posts::Post;

#[derive(Default)]
pub struct Fabrique;

impl App for Fabrique {
    type Event = Event;
    type Model = Model;
    type ViewModel = ViewModel;
    type Effect = Effect;

    fn update(&self, event: Event, model: &mut Model) -> Cmd {
        match event {
            Event::Start { language } => accounts::start(model, language),
            Event::SetLanguage(language) => {
                model.language = language;
                let save =
                    Command::request_from_shell(storage::set(storage::SETTINGS, &storage::Settings { language }))
                        .build();
                // The server writes its mails in it too (through the outbox: chosen offline, told later).
                let tell = match &mut model.phase {
                    Phase::Active(session) => people::tell_language(session, language),
                    _ => Command::done(),
                };
                save.and(tell).and(render())
            }
            Event::Accounts(event) => accounts::update(event, model),
            Event::Sync(epoch, answer) => {
                with_session_or_expire(model, epoch, |session| sync::on_answer(session, *answer))
            }
            Event::Fetched(epoch, answer) => {
                let Fetched { tag, fetch, result } = *answer;
                with_session_or_expire(model, epoch, |session| fetched(session, tag, fetch, result))
            }
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
        Event::Composer(event) => crate::composer::update(event, session),
        Event::People(event) => people::update(event, session),
        Event::Questions(event) => questions::update(event, session),
        Event::Search(event) => search::update(event, session),
        Event::Notifications(event) => crate::notifications::update(event, session),
        Event::Events(event) => crate::events::update(event, session),
        Event::Moderation(event) => crate::moderation::update(event, session),
        Event::Conversations(event) => crate::conversations::update(event, session),
        Event::Polls(event) => crate::polls::update(event, session),
        Event::Attachments(event) => crate::attachments::update(event, session),
        Event::MustReads(event) => crate::must_reads::update(event, session),
        Event::Start { .. } | Event::SetLanguage(_) | Event::Accounts(_) | Event::Sync(..) | Event::Fetched(..) => {
            render()
        }
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
        Route::MyProfile => people::read_data_copies(session),
        Route::MyGroups => groups::read_suggested(session),
        Route::QuestionsForMe => questions::open_for_me(session),
        Route::Question { id } => questions::open_question(session, &id),
        Route::Directory => people::open_directory(session),
        Route::Event { id } => crate::events::open_event(session, &id),
        Route::Conversation { id } => crate::conversations::open_conversation(session, &id),
        Route::MustRead { id } => crate::must_reads::open(session, &id),
        Route::PickPeople { purpose } => people::picker::open(session, purpose),
        Route::Feed
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

/// Runs `f` on the active session if `epoch` is still the current one (an answer for an
/// earlier session is dropped); signs out, keeping the outbox, when the server no longer knows
/// the session.
fn with_session_or_expire(
    model: &mut Model,
    epoch: u64,
    f: impl FnOnce(&mut Session) -> Result<Cmd, SessionExpired>,
) -> Cmd {
    let expired = match &mut model.phase {
        Phase::Active(session) if session.epoch == epoch => match f(session) {
            Ok(cmd) => return cmd,
            Err(SessionExpired) => true,
        },
        _ => false,
    };
    if expired { accounts::expire(model) } else { Command::done() }
}

/// An answer to a page read online, to the area that asked (an answer whose tag is no longer
/// the page's latest is dropped).
fn fetched(session: &mut Session, tag: u64, fetch: Fetch, result: HttpResult) -> Result<Cmd, SessionExpired> {
    let pages = &session.pages;
    let fresh = match fetch {
        Fetch::Browse { .. } => pages.browse.tag == Some(tag),
        Fetch::GroupListing => pages.group.as_ref().is_some_and(|g| g.listing_tag == Some(tag)),
        Fetch::GroupPosts { .. } => pages.group.as_ref().is_some_and(|g| g.posts_tag == Some(tag)),
        Fetch::GroupQuestions => pages.group.as_ref().is_some_and(|g| g.questions_tag == Some(tag)),
        Fetch::Post => pages.post.as_ref().is_some_and(|p| p.tag == Some(tag)),
        Fetch::Comments => pages.post.as_ref().is_some_and(|p| p.comments_tag == Some(tag)),
        Fetch::Person => pages.person.as_ref().is_some_and(|p| p.tag == Some(tag)),
        Fetch::Similar => session.ask().is_some_and(|a| a.suggestions_tag == Some(tag)),
        Fetch::ForMe { .. } => pages.for_me.tag == Some(tag),
        Fetch::Question => pages.question.as_ref().is_some_and(|p| p.tag == Some(tag)),
        Fetch::Search { .. } => pages.search.list.tag == Some(tag),
        Fetch::Directory { .. } => pages.directory.list.tag == Some(tag),
        Fetch::Event => pages.event.as_ref().is_some_and(|p| p.tag == Some(tag)),
        Fetch::Attendees => pages.event.as_ref().is_some_and(|p| p.attendees_tag == Some(tag)),
        Fetch::Reach => crate::events::organise::reach_is_fresh(session, tag),
        Fetch::Charter => crate::moderation::is_fresh(session, tag),
        Fetch::PollResults { poll_id } => pages.poll_results.is_fresh(poll_id, tag),
        Fetch::MustReadReach => crate::must_reads::reach_is_fresh(session, tag),
        Fetch::MustReadPeople => crate::must_reads::people_is_fresh(session, tag),
        Fetch::DataCopies => pages.data_copies.tag == Some(tag),
        Fetch::DataCopyAsked => pages.data_copies.asking == Some(tag),
        Fetch::Suggested => pages.suggested.tag == Some(tag),
    };
    if !fresh {
        return Ok(Command::done());
    }
    match api::status(&result) {
        Some(401) => return Err(SessionExpired),
        Some(_) => session.sync.online = true,
        None => {}
    }
    let pages = &mut session.pages;
    match fetch {
        Fetch::Similar => crate::questions::similar_answered(session, tag, api::decode(result)),
        Fetch::ForMe { append } => session.pages.for_me.answered(append, api::decode(result)),
        Fetch::Search { append } => {
            return Ok(crate::search::answered(session, append, api::decode(result)).and(render()));
        }
        Fetch::Directory { append } => session.pages.directory.list.answered(append, api::decode(result)),
        Fetch::GroupQuestions => {
            if let Some(group) = &mut pages.group {
                group.questions_tag = None;
                // A private group's questions are refused to non-members: the page says so itself.
                if let Ok(page) = api::decode::<Page<fabrique_wire::questions::Question>>(result) {
                    group.questions = page.items;
                }
            }
        }
        Fetch::Reach => crate::events::organise::reach_answered(session, api::decode(result)),
        Fetch::Charter => crate::moderation::answered(session, api::decode(result)),
        Fetch::PollResults { poll_id } => session.pages.poll_results.answered(poll_id, api::decode(result)),
        Fetch::MustReadReach => crate::must_reads::reach_answered(session, api::decode(result)),
        Fetch::MustReadPeople => crate::must_reads::people_answered(session, api::decode(result)),
        Fetch::DataCopies => return Ok(people::data_copies_read(session, api::decode(result)).and(render())),
        Fetch::Suggested => {
            pages.suggested.tag = None;
            // A help: a failure keeps what was offered before.
            if let Ok(items) = api::decode::<Vec<GroupListing>>(result) {
                pages.suggested.items = items;
            }
        }
        Fetch::DataCopyAsked => return Ok(people::data_copy_asked(session, api::decode(result)).and(render())),
        Fetch::Attendees => {
            if let Some(page) = &mut pages.event {
                page.attendees_tag = None;
                // The list is a help: a failure leaves the event's page as it is.
                if let Ok(list) = api::decode::<Page<fabrique_wire::events::Attendee>>(result) {
                    page.attendees_more = list.next_cursor.is_some();
                    page.attendees = list.items;
                }
            }
        }
        Fetch::Event => {
            if let Some(page) = &mut pages.event {
                page.tag = None;
                match api::decode(result) {
                    Ok(event) => page.event = Some(event),
                    Err(failure) => page.error = Some(failure.text()),
                }
            }
        }
        Fetch::Question => {
            if let Some(page) = &mut pages.question {
                page.tag = None;
                match api::decode(result) {
                    Ok(thread) => page.thread = Some(thread),
                    Err(failure) => page.error = Some(failure.text()),
                }
            }
        }
        Fetch::Browse { append } => {
            let browse = &mut pages.browse;
            browse.tag = None;
            match api::decode::<Page<GroupListing>>(result) {
                Ok(page) => {
                    if !append {
                        browse.items.clear();
                    }
                    browse.items.extend(page.items);
                    browse.next_cursor = page.next_cursor;
                    browse.loaded = true;
                    browse.error = None;
                }
                Err(failure) => browse.error = Some(failure.text()),
            }
        }
        Fetch::GroupListing => {
            if let Some(group) = &mut pages.group {
                group.listing_tag = None;
                match api::decode::<GroupListing>(result) {
                    Ok(listing) => group.listing = Some(listing),
                    Err(failure) => group.error = Some(failure.text()),
                }
            }
        }
        Fetch::GroupPosts { append } => {
            if let Some(group) = &mut pages.group {
                group.posts_tag = None;
                match api::decode::<Page<Post>>(result) {
                    Ok(page) => {
                        if !append {
                            group.posts.clear();
                        }
                        group.posts.extend(page.items);
                        group.posts_cursor = page.next_cursor;
                    }
                    // A private group's posts are refused to non-members: the page says so itself.
                    Err(Failure::Refused { status: 403, .. }) => {}
                    Err(failure) => group.error = Some(failure.text()),
                }
            }
        }
        Fetch::Post => {
            if let Some(post) = &mut pages.post {
                post.tag = None;
                match api::decode::<Post>(result) {
                    Ok(found) => post.post = Some(found),
                    Err(failure) => post.error = Some(failure.text()),
                }
            }
        }
        Fetch::Comments => {
            if let Some(post) = &mut pages.post {
                post.comments_tag = None;
                match api::decode::<Page<Comment>>(result) {
                    Ok(page) => post.comments = page.items,
                    Err(failure) => post.error = Some(failure.text()),
                }
            }
        }
        Fetch::Person => {
            if let Some(person) = &mut pages.person {
                person.tag = None;
                match api::decode::<Profile>(result) {
                    Ok(profile) => person.profile = Some(profile),
                    Err(Failure::Refused { status: 404, .. }) => person.error = Some(Text::ProfileHidden),
                    Err(failure) => person.error = Some(failure.text()),
                }
            }
        }
    }
    Ok(render())
}
