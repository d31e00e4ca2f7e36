//! Search (online): one box over posts, questions, answers, groups and people, with the
//! matching words marked; and the directory's filters live in [`crate::people`].

pub mod types;
pub use self::types::*;

use crux_core::{Command, render::render};
use fabrique_wire::Page;
use fabrique_wire::search::{Highlighted, SearchKind, SearchResult};

use crate::api;
use crate::i18n::{Language, Text};
use crate::model::{Cmd, Session};
use crate::pages::Fetch;

fn wire_kind(kind: ResultKind) -> &'static str {
    match kind {
        ResultKind::Post => "post",
        ResultKind::Question => "question",
        ResultKind::Answer => "answer",
        ResultKind::Group => "group",
        ResultKind::Person => "person",
    }
}

pub fn update(event: SearchEvent, session: &mut Session) -> Cmd {
    match event {
        SearchEvent::Query { query, kind } => {
            let page = &mut session.pages.search;
            page.query = query.trim().chars().take(fabrique_wire::search::QUERY_MAX).collect();
            page.kind = kind;
            if page.query.is_empty() {
                *page = SearchPage::default();
                return render();
            }
            load(session, false).and(render())
        }
        SearchEvent::More => load(session, true).and(render()),
    }
}

/// A page of results arrived. The server reads a bounded part of the history per request,
/// so a page may bring nothing yet say that more follows: the next one is asked at once
/// (the search still shows as under way) rather than showing "nothing found".
pub fn answered(session: &mut Session, append: bool, result: Result<Page<SearchResult>, api::Failure>) -> Cmd {
    let list = &mut session.pages.search.list;
    let before = if append { list.items.len() } else { 0 };
    list.answered(append, result);
    if list.error.is_none() && list.items.len() == before && list.next_cursor.is_some() {
        return load(session, true);
    }
    Command::done()
}

fn load(session: &mut Session, more: bool) -> Cmd {
    let page = &session.pages.search;
    let mut path = format!("/v1/search?q={}", api::query_value(&page.query));
    if let Some(kind) = page.kind {
        path.push_str(&format!("&kind={}", wire_kind(kind)));
    }
    if more {
        match &page.list.next_cursor {
            Some(cursor) => path.push_str(&format!("&cursor={}", api::query_value(cursor))),
            None => return Command::done(),
        }
    }
    let (tag, cmd) = session.fetch(Fetch::Search { append: more }, &path);
    session.pages.search.list.tag = Some(tag);
    cmd
}

fn highlighted(text: &Highlighted) -> HighlightedView {
    HighlightedView { text: text.text.clone(), marks: text.marks.iter().flat_map(|m| [m.start, m.end]).collect() }
}

pub fn view(session: &Session, language: Language) -> SearchView {
    let page = &session.pages.search;
    let results: Vec<SearchResultView> = page
        .list
        .items
        .iter()
        .map(|r| SearchResultView {
            kind: match r.kind {
                SearchKind::Post => ResultKind::Post,
                SearchKind::Question => ResultKind::Question,
                SearchKind::Answer => ResultKind::Answer,
                SearchKind::Group => ResultKind::Group,
                SearchKind::Person => ResultKind::Person,
            },
            id: r.id.to_string(),
            opens_id: r.question_id.unwrap_or(r.id).to_string(),
            title: highlighted(&r.title),
            snippet: highlighted(&r.snippet),
            group_name: r.group_name.clone(),
            created_at: r.created_at.map(crate::time::rfc3339),
        })
        .collect();
    let empty_text = if page.query.is_empty() {
        Some(Text::SearchHint)
    } else if page.list.is_empty_result() {
        Some(Text::SearchEmpty)
    } else {
        None
    };
    SearchView {
        query: page.query.clone(),
        kind: page.kind,
        results,
        loading: page.list.tag.is_some(),
        has_more: page.list.next_cursor.is_some(),
        error: page.list.error.map(|t| t.in_language(language).to_owned()),
        empty_text: empty_text.map(|t| t.in_language(language).to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use fabrique_wire::Page;
    use fabrique_wire::search::{Highlighted, SearchKind, SearchResult};
    use uuid::Uuid;

    use super::SearchEvent;
    use crate::model::{Event, Route};
    use crate::testing::*;
    use crate::view::Screen;

    fn result(title: &str) -> SearchResult {
        let text = |t: &str| Highlighted { text: t.into(), marks: vec![] };
        SearchResult {
            kind: SearchKind::Post,
            id: Uuid::now_v7(),
            title: text(title),
            snippet: text(""),
            group_id: None,
            group_name: None,
            created_at: None,
            question_id: None,
        }
    }

    #[test]
    fn an_answer_found_opens_its_question() {
        let (person, group_id, question) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group_id, vec![]));
        shell.send(Event::Navigate(Route::Search));
        shell.send(Event::Search(SearchEvent::Query { query: "arrosage".into(), kind: None }));
        let answer = SearchResult { kind: SearchKind::Answer, question_id: Some(question), ..result("Qui arrose ?") };
        let post = result("Arrosage");
        shell.answer_json(
            "/v1/search?q=arrosage",
            200,
            &Page { items: vec![answer.clone(), post.clone()], next_cursor: None },
        );
        let Screen::Search(search) = shell.screen() else { panic!() };
        assert_eq!(search.results[0].id, answer.id.to_string(), "the answer is listed as itself");
        assert_eq!(search.results[0].opens_id, question.to_string(), "and opens its question");
        assert_eq!(search.results[1].opens_id, post.id.to_string());
    }

    #[test]
    fn a_page_that_brings_nothing_but_says_more_follows_is_followed_at_once() {
        let (person, group_id) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group_id, vec![]));
        shell.send(Event::Navigate(Route::Search));
        shell.send(Event::Search(SearchEvent::Query { query: "compost".into(), kind: None }));
        shell.answer_json(
            "/v1/search?q=compost",
            200,
            &Page::<SearchResult> { items: vec![], next_cursor: Some("b".into()) },
        );
        let Screen::Search(search) = shell.screen() else { panic!() };
        assert!(search.loading && search.empty_text.is_none(), "still searching, not \"nothing found\"");
        shell.answer_json(
            "/v1/search?q=compost&cursor=b",
            200,
            &Page { items: vec![result("Compost")], next_cursor: Some("c".into()) },
        );
        let Screen::Search(search) = shell.screen() else { panic!() };
        assert_eq!((search.results.len(), search.loading, search.has_more), (1, false, true));
        assert!(
            shell.waiting_paths().iter().all(|p| !p.starts_with("/v1/search")),
            "a page with results waits for the person"
        );
    }
}
