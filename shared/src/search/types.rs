//! Search: what a shell sends, the results read online, and how they are shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use fabrique_wire::search::SearchResult;
use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::paging::OnlineList;

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum SearchEvent {
    /// Search for `query` (everything, or one kind of result).
    Query {
        query: String,
        kind: Option<ResultKind>,
    },
    More,
}

#[derive(Debug, Default)]
pub struct SearchPage {
    pub query: String,
    pub kind: Option<ResultKind>,
    pub list: OnlineList<SearchResult>,
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
    /// The id of what a tap opens: an answer's question; the item itself otherwise.
    pub opens_id: String,
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
