//! Groups: mine (from the device), browsing all of them (online), a group's page, and
//! joining, asking to join, following and leaving (through the outbox).

pub mod types;
pub use self::types::*;

use crux_core::{Command, render::render};
use fabrique_wire::groups::{Group, GroupListing, GroupRole, Visibility};
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use crate::api;
use crate::i18n::{Language, Text};
use crate::ids::parse;
use crate::model::{Cmd, Session};
use crate::pages::{Fetch, GroupPage};
use crate::posts;
use crate::sync::{
    self,
    overlay::{GroupIntent, Overlay},
};

pub fn update(event: GroupsEvent, session: &mut Session) -> Cmd {
    match event {
        GroupsEvent::Search { query } => {
            session.pages.browse.query = query.trim().to_owned();
            search(session, false).and(render())
        }
        GroupsEvent::MoreResults => search(session, true).and(render()),
        GroupsEvent::MorePosts => more_posts(session).and(render()),
        GroupsEvent::Join { id } => intent(session, &id, |group_id| Mutation::JoinGroup { group_id }),
        GroupsEvent::AskToJoin { id, message } => {
            let message: String = message.trim().chars().take(500).collect();
            let cmd = intent(session, &id, move |group_id| Mutation::RequestToJoin { group_id, message });
            session.notice = Some(Text::JoinRequestSent);
            cmd
        }
        GroupsEvent::Follow { id } => intent(session, &id, |group_id| Mutation::FollowGroup { group_id }),
        GroupsEvent::Unfollow { id } => intent(session, &id, |group_id| Mutation::UnfollowGroup { group_id }),
        GroupsEvent::Leave { id } => intent(session, &id, |group_id| Mutation::LeaveGroup { group_id }),
        GroupsEvent::DecideJoinRequest { group_id, person_id, accept } => match (parse(&group_id), parse(&person_id)) {
            (Some(group_id), Some(person_id)) if crate::events::organise::runs(session, group_id) => {
                sync::write(session, Mutation::DecideJoinRequest { group_id, person_id, accept }).and(render())
            }
            _ => render(),
        },
    }
}

fn intent(session: &mut Session, id: &str, mutation: impl FnOnce(Uuid) -> Mutation) -> Cmd {
    match parse(id) {
        Some(group_id) => sync::write(session, mutation(group_id)).and(render()),
        None => render(),
    }
}

/// Read again which groups to offer (each time "My groups" opens: one joined meanwhile goes).
pub fn read_suggested(session: &mut Session) -> Cmd {
    let (tag, cmd) = session.fetch(Fetch::Suggested, "/v1/groups/suggested");
    session.pages.suggested.tag = Some(tag);
    cmd
}

pub fn open_browse(session: &mut Session) -> Cmd {
    if session.pages.browse.loaded || session.pages.browse.tag.is_some() {
        return Command::done();
    }
    search(session, false)
}

fn search(session: &mut Session, append: bool) -> Cmd {
    let browse = &session.pages.browse;
    if append && browse.next_cursor.is_none() {
        return Command::done();
    }
    let mut path = format!("/v1/groups?q={}", api::query_value(&browse.query));
    if append && let Some(cursor) = &browse.next_cursor {
        path.push_str(&format!("&cursor={}", api::query_value(cursor)));
    }
    let (tag, cmd) = session.fetch(Fetch::Browse { append }, &path);
    session.pages.browse.tag = Some(tag);
    cmd
}

pub fn open_group(session: &mut Session, id: &str) -> Cmd {
    let Some(group_id) = parse(id) else {
        session.pages.group = None;
        return Command::done();
    };
    let (listing_tag, listing) = session.fetch(Fetch::GroupListing, &format!("/v1/groups/{group_id}"));
    let mut page = GroupPage {
        id: group_id,
        listing: None,
        listing_tag: Some(listing_tag),
        posts: Vec::new(),
        posts_cursor: None,
        posts_tag: None,
        questions: Vec::new(),
        questions_tag: None,
        error: None,
    };
    let mut cmd = listing;
    if !holds(session, group_id) {
        let (posts_tag, posts) =
            session.fetch(Fetch::GroupPosts { append: false }, &format!("/v1/groups/{group_id}/posts"));
        page.posts_tag = Some(posts_tag);
        let (questions_tag, questions) =
            session.fetch(Fetch::GroupQuestions, &format!("/v1/groups/{group_id}/questions"));
        page.questions_tag = Some(questions_tag);
        cmd = cmd.and(posts).and(questions);
    }
    session.pages.group = Some(page);
    cmd
}

fn more_posts(session: &mut Session) -> Cmd {
    let Some(page) = &session.pages.group else { return Command::done() };
    let Some(cursor) = page.posts_cursor.clone() else { return Command::done() };
    let path = format!("/v1/groups/{}/posts?cursor={}", page.id, api::query_value(&cursor));
    let (tag, cmd) = session.fetch(Fetch::GroupPosts { append: true }, &path);
    if let Some(page) = &mut session.pages.group {
        page.posts_tag = Some(tag);
    }
    cmd
}

/// The device holds this group's content (I belong to it or follow it).
fn holds(session: &Session, group_id: Uuid) -> bool {
    session.store.my_role(group_id).is_some() || session.store.follows(group_id)
}

fn relation(session: &Session, overlay: &Overlay, group_id: Uuid, listing: Option<&GroupListing>) -> GroupRelation {
    if let Some(intent) = overlay.groups.get(&group_id) {
        return match intent {
            GroupIntent::Join => GroupRelation::Member,
            GroupIntent::RequestToJoin => GroupRelation::Requested,
            GroupIntent::Follow => GroupRelation::Following,
            GroupIntent::Leave | GroupIntent::Unfollow => GroupRelation::None,
        };
    }
    let role = session.store.my_role(group_id).or_else(|| listing.and_then(|l| l.my_role));
    match role {
        Some(GroupRole::Admin) => GroupRelation::Admin,
        Some(GroupRole::Organiser) => GroupRelation::Organiser,
        Some(GroupRole::Member) => GroupRelation::Member,
        None if invited(session, group_id) => GroupRelation::Invited,
        None if session.store.follows(group_id) || listing.is_some_and(|l| l.following) => GroupRelation::Following,
        None => GroupRelation::None,
    }
}

/// An organiser invited me into the group.
fn invited(session: &Session, group_id: Uuid) -> bool {
    session.store.invitations_of(group_id).any(|i| i.person_id == session.person_id)
}

fn group_summary(group: &Group, relation: GroupRelation) -> GroupSummary {
    GroupSummary {
        id: group.id.to_string(),
        name: group.name.clone(),
        description: group.description.clone(),
        private: group.visibility == Visibility::Private,
        member_count: u32::try_from(group.member_count.max(0)).unwrap_or(u32::MAX),
        relation,
    }
}

pub fn my_groups_view(session: &Session, overlay: &Overlay, language: Language) -> MyGroupsView {
    let mut groups: Vec<GroupSummary> = session
        .store
        .my_group_ids()
        .filter_map(|id| session.store.group(id))
        .map(|group| group_summary(group, relation(session, overlay, group.id, None)))
        .filter(|summary| summary.relation != GroupRelation::None)
        .collect();
    // Groups I am invited into, by the name the invitation carries (their content is not
    // on the phone until I join).
    for invitation in session.store.my_invitations() {
        if groups.iter().any(|g| g.id == invitation.group_id.to_string()) {
            continue;
        }
        let relation = relation(session, overlay, invitation.group_id, None);
        if relation == GroupRelation::Invited {
            groups.push(GroupSummary {
                id: invitation.group_id.to_string(),
                name: invitation.group_name.clone(),
                description: String::new(),
                private: true,
                member_count: 0,
                relation,
            });
        }
    }
    groups.sort_by_key(|g| (g.relation != GroupRelation::Invited, g.name.to_lowercase()));
    let (suggestions, joined): (Vec<GroupSummary>, Vec<GroupSummary>) = session
        .pages
        .suggested
        .items
        .iter()
        .map(|listing| group_summary(&listing.group, relation(session, overlay, listing.group.id, Some(listing))))
        .filter(|summary| !groups.iter().any(|g| g.id == summary.id))
        .partition(|summary| summary.relation == GroupRelation::None);
    // Joined, followed or asked on this phone since: among my groups at once.
    groups.extend(joined);
    let empty_text =
        (groups.is_empty() && suggestions.is_empty()).then(|| Text::MyGroupsEmpty.in_language(language).to_owned());
    let suggestions_title = (!suggestions.is_empty()).then(|| Text::GroupsSuggested.in_language(language).to_owned());
    MyGroupsView { groups, empty_text, suggestions, suggestions_title }
}

pub fn browse_view(session: &Session, overlay: &Overlay, language: Language) -> BrowseView {
    let browse = &session.pages.browse;
    let groups: Vec<GroupSummary> = browse
        .items
        .iter()
        .map(|listing| group_summary(&listing.group, relation(session, overlay, listing.group.id, Some(listing))))
        .collect();
    BrowseView {
        query: browse.query.clone(),
        empty_text: (browse.loaded && groups.is_empty()).then(|| Text::BrowseEmpty.in_language(language).to_owned()),
        groups,
        loading: browse.tag.is_some(),
        has_more: browse.next_cursor.is_some(),
        error: browse.error.map(|t| t.in_language(language).to_owned()),
    }
}

pub fn group_view(session: &Session, overlay: &Overlay, id: &str, language: Language) -> GroupView {
    let page = session.pages.group.as_ref().filter(|p| p.id.to_string() == id);
    let group_id = parse(id);
    let listing = page.and_then(|p| p.listing.as_ref());
    let group = group_id.and_then(|g| session.store.group(g)).or(listing.map(|l| &l.group));
    let relation = group_id.map_or(GroupRelation::None, |g| relation(session, overlay, g, listing));
    let member = matches!(relation, GroupRelation::Member | GroupRelation::Organiser | GroupRelation::Admin);
    let private = group.is_some_and(|g| g.visibility == Visibility::Private);

    let mut posts = Vec::new();
    if let Some(group_id) = group_id {
        for new in overlay.new_posts.iter().rev().filter(|n| n.group_id == group_id) {
            if session.store.post(new.id).is_none() && !overlay.deleted.contains(&new.id) {
                let mut summary = posts::pending_summary(session, new, language);
                summary.group_name = group.map(|g| g.name.clone()).unwrap_or_default();
                posts.push(summary);
            }
        }
        if holds(session, group_id) {
            posts.extend(
                session
                    .store
                    .posts_newest_first()
                    .filter(|p| p.group_id == group_id && !overlay.deleted.contains(&p.id))
                    .take(100)
                    .map(|p| posts::summary(session, overlay, p, false, language)),
            );
        } else if let Some(page) = page {
            posts.extend(page.posts.iter().map(|p| posts::summary(session, overlay, p, false, language)));
        }
    }
    let (reports, report_decisions) = match group_id {
        Some(g) => crate::moderation::group_reports(session, overlay, g, language),
        None => (Vec::new(), Vec::new()),
    };
    let reports_hint = (!reports.is_empty()).then(|| Text::ReportsHint.in_language(language).to_owned());
    let runs = group_id.is_some_and(|g| crate::events::organise::runs(session, g));
    let join_requests: Vec<JoinRequestView> = match group_id {
        Some(g) if runs => session
            .store
            .join_requests_of(g)
            .into_iter()
            .filter(|r| !overlay.join_decisions.contains_key(&(g, r.person_id)))
            .map(|r| JoinRequestView {
                person_id: r.person_id.to_string(),
                display_name: r.display_name.clone(),
                message: r.message.clone(),
                when_text: crate::i18n::ago(r.created_at, session.clock.now(), session.time_zone(), language),
            })
            .collect(),
        _ => Vec::new(),
    };
    let loading = page.is_some_and(|p| p.listing_tag.is_some() || p.posts_tag.is_some());
    let empty_text = (!loading && posts.is_empty()).then(|| {
        if private && !member { Text::GroupPrivateContent } else { Text::GroupPostsEmpty }
            .in_language(language)
            .to_owned()
    });
    GroupView {
        id: id.to_owned(),
        group: group.map(|g| group_summary(g, relation)),
        loading,
        error: match (group, page.and_then(|p| p.error)) {
            (None, None) if group_id.is_none() => Some(Text::NotFound.in_language(language).to_owned()),
            (_, error) => error.map(|t| t.in_language(language).to_owned()),
        },
        posts,
        has_more_posts: page.is_some_and(|p| p.posts_cursor.is_some()),
        empty_text,
        can_post: member,
        can_join: group.is_some() && (!private || relation == GroupRelation::Invited) && !member,
        can_ask_to_join: group.is_some() && private && relation == GroupRelation::None,
        can_follow: group.is_some() && !private && relation == GroupRelation::None,
        can_unfollow: relation == GroupRelation::Following,
        can_leave: member,
        questions: match (group_id, page) {
            (Some(g), Some(page)) if !holds(session, g) => {
                page.questions.iter().map(|q| crate::questions::summary(session, overlay, q, language)).collect()
            }
            (Some(g), _) => crate::questions::of_group(session, overlay, g, language),
            (None, _) => Vec::new(),
        },
        events: match group_id {
            Some(g) => crate::events::of_group(session, overlay, g, language),
            None => Vec::new(),
        },
        polls: match group_id {
            Some(g) => crate::polls::group_polls(session, overlay, g, language),
            None => Vec::new(),
        },
        can_organise: runs,
        can_ask: member,
        reports,
        report_decisions,
        reports_hint,
        join_requests_hint: (!join_requests.is_empty())
            .then(|| Text::JoinRequestsHint.in_language(language).to_owned()),
        join_requests,
        can_invite: runs,
        invited_text: (relation == GroupRelation::Invited).then(|| Text::GroupInvited.in_language(language).to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use fabrique_wire::Page;
    use fabrique_wire::groups::GroupListing;
    use uuid::Uuid;

    use super::GroupsEvent;
    use crate::groups::types::GroupRelation;
    use crate::model::{Event, Route};
    use crate::testing::*;
    use crate::view::Screen;

    fn listing(name: &str) -> GroupListing {
        let mut g = group(Uuid::now_v7(), name);
        g.visibility = fabrique_wire::groups::Visibility::Public;
        GroupListing { group: g, my_role: None, following: false }
    }

    #[test]
    fn a_stale_search_result_is_ignored() {
        let (person, group_id) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group_id, vec![]));
        shell.send(Event::Navigate(Route::BrowseGroups));
        shell.send(Event::Groups(GroupsEvent::Search { query: "sub".into() }));
        shell.send(Event::Groups(GroupsEvent::Search { query: "subventions".into() }));
        let older = shell.take_request("/v1/groups?q=");
        let _between = shell.take_request("/v1/groups?q=sub");
        let newest = shell.take_request("/v1/groups?q=subventions");
        shell.answer(newest, ok(200, &Page { items: vec![listing("Subventions nationales")], next_cursor: None }));
        shell.answer(older, ok(200, &Page { items: vec![listing("Autre chose")], next_cursor: None }));
        let Screen::BrowseGroups(browse) = shell.screen() else { panic!() };
        assert_eq!(browse.groups.len(), 1);
        assert_eq!(browse.groups[0].name, "Subventions nationales");
    }

    #[test]
    fn joining_shows_membership_at_once_and_sends_it() {
        let (person, group_id) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group_id, vec![]));
        shell.send(Event::Navigate(Route::BrowseGroups));
        let found = listing("Bénévoles");
        let id = found.group.id.to_string();
        shell.answer_json("/v1/groups", 200, &Page { items: vec![found], next_cursor: None });
        shell.send(Event::Groups(GroupsEvent::Join { id: id.clone() }));
        let Screen::BrowseGroups(browse) = shell.screen() else { panic!() };
        assert_eq!(browse.groups[0].relation, GroupRelation::Member);
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        assert!(String::from_utf8_lossy(&push.operation.body).contains("join_group"));
    }

    #[test]
    fn a_group_not_held_is_read_online_with_its_questions() {
        let (person, mine) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, mine, vec![]));
        let other = listing("Subventions nationales");
        let id = other.group.id;
        shell.send(Event::Navigate(Route::Group { id: id.to_string() }));
        shell.answer_json(
            &format!("/v1/groups/{id}/posts"),
            200,
            &Page::<fabrique_wire::posts::Post> { items: vec![], next_cursor: None },
        );
        let question = fabrique_wire::questions::Question {
            id: Uuid::now_v7(),
            group_ids: vec![id],
            author_id: Uuid::now_v7(),
            author_name: "Bruno".into(),
            title: "Quel formulaire ?".into(),
            details: String::new(),
            tags: vec![],
            state: fabrique_wire::questions::QuestionState::Open,
            accepted_answer_id: None,
            answer_count: 0,
            escalation_level: 0,
            created_at: "2026-11-01T10:00:00Z".parse().unwrap(),
            edited_at: None,
        };
        shell.answer_json(
            &format!("/v1/groups/{id}/questions"),
            200,
            &Page { items: vec![question], next_cursor: None },
        );
        shell.answer_json(&format!("/v1/groups/{id}"), 200, &other);
        let Screen::Group(view) = shell.screen() else { panic!() };
        assert_eq!(view.questions.len(), 1);
        assert_eq!(view.questions[0].title, "Quel formulaire ?");
        assert!(view.can_join && !view.can_ask);
        assert!(!view.loading);
    }

    #[test]
    fn with_no_group_the_list_says_what_to_do() {
        let person = Uuid::now_v7();
        let mut shell = signed_in(person, &pull_page(vec![], 0));
        shell.send(Event::Navigate(Route::MyGroups));
        let Screen::MyGroups(groups) = shell.screen() else { panic!() };
        assert!(groups.empty_text.unwrap().contains("Explorer"));
    }
}
