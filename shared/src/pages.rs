//! What is read online, outside the synced scopes (DESIGN.md §5): browsing groups, the page
//! of a group one neither joined nor follows, a post of such a group, another person's
//! profile. Each page remembers the tag of its latest request; an older answer is dropped.

use crux_core::{Command, render::render};
use crux_http::protocol::HttpResult;
use fabrique_wire::Page;
use fabrique_wire::groups::GroupListing;
use fabrique_wire::people::Profile;
use fabrique_wire::posts::{Comment, Post};
use uuid::Uuid;

use crate::api::{self, Failure};
use crate::app::{Cmd, Internal, Session, internal};
use crate::i18n::Text;
use crate::sync::SessionExpired;

/// A list read online page by page: the items so far, the next page's cursor, the tag of
/// the request under way (an answer with another tag is stale), and what went wrong.
#[derive(Debug)]
pub struct OnlineList<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    pub tag: Option<u64>,
    pub loaded: bool,
    pub error: Option<Text>,
}

impl<T> Default for OnlineList<T> {
    fn default() -> Self {
        OnlineList { items: Vec::new(), next_cursor: None, tag: None, loaded: false, error: None }
    }
}

impl<T> OnlineList<T> {
    /// A page arrived (or failed): replace the items, or add them for the next page.
    pub fn answered(&mut self, append: bool, result: Result<Page<T>, api::Failure>) {
        self.tag = None;
        match result {
            Ok(page) => {
                if !append {
                    self.items.clear();
                }
                self.items.extend(page.items);
                self.next_cursor = page.next_cursor;
                self.loaded = true;
                self.error = None;
            }
            Err(failure) => self.error = Some(failure.text()),
        }
    }

    /// Shown as empty: loaded, nothing found, nothing under way.
    pub fn is_empty_result(&self) -> bool {
        self.loaded && self.items.is_empty() && self.tag.is_none()
    }
}

#[derive(Debug, Default)]
pub struct Pages {
    pub browse: Browse,
    pub group: Option<GroupPage>,
    pub post: Option<PostPage>,
    pub person: Option<PersonPage>,
    pub for_me: crate::questions::ForMe,
    pub question: Option<crate::questions::QuestionPage>,
    pub search: crate::search::SearchPage,
    pub directory: crate::people::DirectoryPage,
    pub event: Option<crate::events::EventPage>,
    /// Results of open polls read online (organisers, and voters when shown after voting).
    pub poll_results: crate::polls::ResultsRead,
}

#[derive(Debug, Default)]
pub struct Browse {
    pub query: String,
    pub items: Vec<GroupListing>,
    pub next_cursor: Option<String>,
    pub loaded: bool,
    pub tag: Option<u64>,
    pub error: Option<Text>,
}

#[derive(Debug)]
pub struct GroupPage {
    pub id: Uuid,
    pub listing: Option<GroupListing>,
    pub listing_tag: Option<u64>,
    /// Posts read online when the device does not hold the group.
    pub posts: Vec<Post>,
    pub posts_cursor: Option<String>,
    pub posts_tag: Option<u64>,
    /// Questions read online when the device does not hold the group.
    pub questions: Vec<fabrique_wire::questions::Question>,
    pub questions_tag: Option<u64>,
    pub error: Option<Text>,
}

#[derive(Debug)]
pub struct PostPage {
    pub id: Uuid,
    pub post: Option<Post>,
    pub comments: Vec<Comment>,
    pub tag: Option<u64>,
    pub comments_tag: Option<u64>,
    pub error: Option<Text>,
}

#[derive(Debug)]
pub struct PersonPage {
    pub id: Uuid,
    pub profile: Option<Profile>,
    pub tag: Option<u64>,
    pub error: Option<Text>,
}

/// Which page an answer is for.
#[derive(Debug, Clone, Copy)]
pub enum Fetch {
    Browse { append: bool },
    GroupListing,
    GroupPosts { append: bool },
    GroupQuestions,
    Post,
    Comments,
    Person,
    Similar,
    ForMe { append: bool },
    Question,
    Search { append: bool },
    Directory { append: bool },
    Event,
    Attendees,
    Reach,
    Charter,
    PollResults { poll_id: Uuid },
}

pub fn fetch(session: &mut Session, fetch: Fetch, path: &str) -> (u64, Cmd) {
    let tag = session.tag();
    let epoch = session.epoch;
    let request = api::get(&session.credentials, path);
    let cmd = Command::request_from_shell(request)
        .then_send(move |result| internal(Internal::Fetched { epoch, tag, fetch, result }));
    (tag, cmd)
}

pub fn fetched(session: &mut Session, tag: u64, fetch: Fetch, result: HttpResult) -> Result<Cmd, SessionExpired> {
    let pages = &session.pages;
    let fresh = match fetch {
        Fetch::Browse { .. } => pages.browse.tag == Some(tag),
        Fetch::GroupListing => pages.group.as_ref().is_some_and(|g| g.listing_tag == Some(tag)),
        Fetch::GroupPosts { .. } => pages.group.as_ref().is_some_and(|g| g.posts_tag == Some(tag)),
        Fetch::GroupQuestions => pages.group.as_ref().is_some_and(|g| g.questions_tag == Some(tag)),
        Fetch::Post => pages.post.as_ref().is_some_and(|p| p.tag == Some(tag)),
        Fetch::Comments => pages.post.as_ref().is_some_and(|p| p.comments_tag == Some(tag)),
        Fetch::Person => pages.person.as_ref().is_some_and(|p| p.tag == Some(tag)),
        Fetch::Similar => session.ask.as_ref().is_some_and(|a| a.suggestions_tag == Some(tag)),
        Fetch::ForMe { .. } => pages.for_me.tag == Some(tag),
        Fetch::Question => pages.question.as_ref().is_some_and(|p| p.tag == Some(tag)),
        Fetch::Search { .. } => pages.search.list.tag == Some(tag),
        Fetch::Directory { .. } => pages.directory.list.tag == Some(tag),
        Fetch::Event => pages.event.as_ref().is_some_and(|p| p.tag == Some(tag)),
        Fetch::Attendees => pages.event.as_ref().is_some_and(|p| p.attendees_tag == Some(tag)),
        Fetch::Reach => crate::events::organise::reach_is_fresh(session, tag),
        Fetch::Charter => crate::moderation::is_fresh(session, tag),
        Fetch::PollResults { poll_id } => pages.poll_results.is_fresh(poll_id, tag),
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
