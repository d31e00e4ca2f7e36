//! What is read online, outside the synced scopes (DESIGN.md §5): browsing groups, the page
//! of a group one neither joined nor follows, a post of such a group, another person's
//! profile. Each page remembers the tag of its latest request; an older answer is dropped.

use fabrique_wire::groups::GroupListing;
use fabrique_wire::people::Profile;
use fabrique_wire::posts::{Comment, Post};
use uuid::Uuid;

use crate::i18n::Text;

#[derive(Debug, Default)]
pub struct Pages {
    pub browse: Browse,
    pub group: Option<GroupPage>,
    pub post: Option<PostPage>,
    pub person: Option<PersonPage>,
    pub for_me: crate::questions::types::ForMe,
    pub question: Option<crate::questions::types::QuestionPage>,
    pub search: crate::search::types::SearchPage,
    pub directory: crate::people::types::DirectoryPage,
    pub event: Option<crate::events::types::EventPage>,
    /// Results of open polls read online (organisers, and voters when shown after voting).
    pub poll_results: crate::polls::types::ResultsRead,
    /// The reach of the must-read message on screen (for its sender).
    pub must_read: Option<crate::must_reads::types::ReachPage>,
    /// One's copies of one's data (on one's profile).
    pub data_copies: crate::people::types::DataCopies,
    /// Groups of one's association and federation one is not in, offered on "My groups".
    pub suggested: Suggested,
}

#[derive(Debug, Default)]
pub struct Suggested {
    pub items: Vec<GroupListing>,
    pub tag: Option<u64>,
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
    MustReadReach,
    MustReadPeople,
    DataCopies,
    DataCopyAsked,
    Suggested,
}

/// A page read online answered: the request's tag (an answer whose tag is no longer the
/// page's latest is dropped), what was asked, and the answer.
#[derive(Debug)]
pub struct Fetched {
    pub tag: u64,
    pub fetch: Fetch,
    pub result: crux_http::protocol::HttpResult,
}
