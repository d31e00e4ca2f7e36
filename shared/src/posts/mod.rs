//! Posts and their comments and reactions: the feed, a post's page, deleting and reacting
//! (through the outbox). Writing and editing them is the composer's, in its own area.

pub mod types;
pub use self::types::*;

use crux_core::{Command, render::render};
use fabrique_wire::groups::GroupRole;
use fabrique_wire::people::PlatformRole;
use fabrique_wire::posts::{Comment, Post, PostKind};
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use crate::i18n::{Language, Text};
use crate::ids::parse;
use crate::model::{Cmd, Session};
use crate::pages::{Fetch, PostPage};
use crate::sync::{self, overlay::Overlay};
use crate::time::rfc3339;
use fabrique_wire::events::EventUpdate;
use fabrique_wire::events::NewEvent;
use fabrique_wire::polls::NewPoll;
use fabrique_wire::posts::NewPost;
use fabrique_wire::questions::NewQuestion;

/// The limits the server checks too.
pub use fabrique_wire::posts::{BODY_MAX, COMMENT_MAX, TITLE_MAX};

/// Lists show the start of a post; its page shows all of it.
const EXCERPT_CHARS: usize = 280;

pub fn update(event: PostsEvent, session: &mut Session) -> Cmd {
    match event {
        PostsEvent::Delete { id } => match parse(&id) {
            Some(id) => sync::write(session, Mutation::DeletePost { id }).and(render()),
            None => render(),
        },
        PostsEvent::DeleteComment { id } => match parse(&id) {
            Some(id) => sync::write(session, Mutation::DeleteComment { id }).and(render()),
            None => render(),
        },
        PostsEvent::React { target_id, emoji } => react(session, &target_id, emoji, true),
        PostsEvent::Unreact { target_id, emoji } => react(session, &target_id, emoji, false),
    }
}

fn react(session: &mut Session, target_id: &str, emoji: String, on: bool) -> Cmd {
    let Some(target_id) = parse(target_id) else { return render() };
    let emoji = emoji.trim().to_owned();
    if emoji.is_empty() || emoji.chars().count() > 8 {
        return render();
    }
    let mutation = if on { Mutation::React { target_id, emoji } } else { Mutation::Unreact { target_id, emoji } };
    sync::write(session, mutation).and(render())
}

pub fn open_post(session: &mut Session, id: &str) -> Cmd {
    let Some(post_id) = parse(id) else {
        session.pages.post = None;
        return Command::done();
    };
    let mut page =
        PostPage { id: post_id, post: None, comments: Vec::new(), tag: None, comments_tag: None, error: None };
    let held = session.store.post(post_id).is_some()
        || session
            .outbox
            .visible()
            .any(|m| matches!(&m.mutation, Mutation::CreatePost(NewPost { id, .. }) if *id == post_id));
    if held {
        session.pages.post = Some(page);
        return Command::done();
    }
    let (tag, post) = session.fetch(Fetch::Post, &format!("/v1/posts/{post_id}"));
    let (comments_tag, comments) = session.fetch(Fetch::Comments, &format!("/v1/posts/{post_id}/comments"));
    page.tag = Some(tag);
    page.comments_tag = Some(comments_tag);
    session.pages.post = Some(page);
    post.and(comments)
}

// ---------------------------------------------------------------------------------------
// Views

pub fn feed_view(session: &Session, overlay: &Overlay, language: Language) -> FeedView {
    let limit = session.feed_limit;
    let mut items: Vec<PostSummary> = overlay
        .new_posts
        .iter()
        .rev()
        .filter(|new| session.store.post(new.id).is_none() && !overlay.deleted.contains(&new.id))
        .map(|new| pending_summary(session, new, language))
        .take(limit)
        .collect();
    let mut stored = session.store.posts_newest_first().filter(|post| !overlay.deleted.contains(&post.id));
    for post in stored.by_ref() {
        if items.len() == limit {
            break;
        }
        items.push(summary(session, overlay, post, false, language));
    }
    let has_more = items.len() == limit && stored.next().is_some();
    let empty_text = items.is_empty().then(|| Text::FeedEmpty.in_language(language).to_owned());
    let pinned = crate::must_reads::pinned(session, overlay, language);
    FeedView { pinned, items, has_more, empty_text }
}

pub fn post_view(session: &Session, overlay: &Overlay, id: &str, language: Language) -> PostView {
    let page = session.pages.post.as_ref().filter(|p| p.id.to_string() == id);
    let post_id = parse(id);
    let mut view = PostView {
        id: id.to_owned(),
        post: None,
        comments: Vec::new(),
        loading: page.is_some_and(|p| p.tag.is_some() || p.comments_tag.is_some()),
        error: page.and_then(|p| p.error).map(|t| t.in_language(language).to_owned()),
        empty_text: None,
        can_comment: false,
    };
    let Some(post_id) = post_id else {
        view.error = Some(Text::NotFound.in_language(language).to_owned());
        return view;
    };
    if overlay.deleted.contains(&post_id) {
        view.error = Some(Text::PostDeleted.in_language(language).to_owned());
        return view;
    }
    if let Some(post) = session.store.post(post_id) {
        view.post = Some(summary(session, overlay, post, true, language));
        view.comments = session
            .store
            .comments_of(post_id)
            .filter(|c| !overlay.deleted.contains(&c.id))
            .map(|c| comment_view(session, overlay, c, language))
            .collect();
        view.can_comment = session.store.my_role(post.group_id).is_some();
    } else if let Some(new) = overlay.new_posts.iter().find(|p| p.id == post_id) {
        let mut summary = pending_summary(session, new, language);
        summary.body = new.body.to_owned();
        view.post = Some(summary);
        view.can_comment = true;
    } else if let Some(post) = page.and_then(|p| p.post.as_ref()) {
        view.post = Some(summary(session, overlay, post, true, language));
        view.comments = page
            .map(|p| p.comments.iter().map(|c| comment_view(session, overlay, c, language)).collect())
            .unwrap_or_default();
    }
    for new in overlay.new_comments.get(&post_id).into_iter().flatten() {
        if session.store.comment(new.id).is_none() && !overlay.deleted.contains(&new.id) {
            view.comments.push(pending_comment(session, new.id, new.body, language));
        }
    }
    if view.post.is_some() && view.comments.is_empty() {
        view.empty_text = Some(Text::CommentsEmpty.in_language(language).to_owned());
    }
    view
}

/// A post as the person sees it now: the store's copy with their pending edit on top.
pub fn effective_post(session: &Session, overlay: &Overlay, id: Uuid) -> Option<Post> {
    let mut post = session.store.post(id)?.clone();
    if let Some((title, body)) = overlay.edits.get(&id) {
        if let Some(title) = title {
            post.title = (*title).to_owned();
        }
        if let Some(body) = body {
            post.body = (*body).to_owned();
        }
    }
    Some(post)
}

pub fn summary(session: &Session, overlay: &Overlay, post: &Post, full: bool, language: Language) -> PostSummary {
    let (title, body) = match overlay.edits.get(&post.id) {
        Some((title, body)) => (title.unwrap_or(&post.title), body.unwrap_or(&post.body)),
        None => (post.title.as_str(), post.body.as_str()),
    };
    let pending = overlay.pending.contains(&post.id);
    let mine = post.author_id == session.person_id;
    let extra_comments = overlay
        .new_comments
        .get(&post.id)
        .map_or(0, |c| c.iter().filter(|n| session.store.comment(n.id).is_none()).count());
    let comments = post.comment_count.max(0) + extra_comments as i64;
    PostSummary {
        id: post.id.to_string(),
        group_id: post.group_id.to_string(),
        group_name: group_name(session, post.group_id),
        author_id: post.author_id.to_string(),
        author_name: post.author_name.clone(),
        kind: kind_name(&post.kind).to_owned(),
        title: title.to_owned(),
        body: if full { body.to_owned() } else { excerpt(body) },
        created_at: rfc3339(post.created_at),
        when_text: crate::i18n::ago(post.created_at, session.clock.now(), session.time_zone(), language),
        edited: post.edited_at.is_some(),
        comment_count: u32::try_from(comments).unwrap_or(u32::MAX),
        comments_label: comments_label(comments, language),
        reactions: reactions(session, overlay, post.id),
        pending,
        pending_label: pending.then(|| Text::NotSentYet.in_language(language).to_owned()),
        can_edit: mine,
        can_delete: mine || moderates(session, post.group_id),
        can_report: !mine && !pending,
        attachments: crate::attachments::item_files(session, post.id, language),
        pending_files: Vec::new(),
    }
}

pub fn pending_summary(session: &Session, new: &crate::sync::overlay::PendingPost, language: Language) -> PostSummary {
    PostSummary {
        id: new.id.to_string(),
        group_id: new.group_id.to_string(),
        group_name: group_name(session, new.group_id),
        author_id: session.person_id.to_string(),
        author_name: my_name(session),
        kind: kind_name(new.kind).to_owned(),
        title: new.title.to_owned(),
        body: excerpt(new.body),
        created_at: String::new(),
        when_text: String::new(),
        edited: false,
        comment_count: 0,
        comments_label: comments_label(0, language),
        reactions: Vec::new(),
        pending: true,
        pending_label: Some(Text::NotSentYet.in_language(language).to_owned()),
        can_edit: false,
        can_delete: true,
        can_report: false,
        attachments: Vec::new(),
        pending_files: crate::attachments::pending_files(session, new.attachments, language),
    }
}

fn comments_label(count: i64, language: Language) -> String {
    crate::i18n::count(count, language, ("commentaire", "commentaires"), ("comment", "comments"))
}

fn comment_view(session: &Session, overlay: &Overlay, comment: &Comment, language: Language) -> CommentView {
    let pending = overlay.pending.contains(&comment.id);
    let mine = comment.author_id == session.person_id;
    let body = overlay.edits.get(&comment.id).and_then(|e| e.1).unwrap_or(&comment.body);
    CommentView {
        id: comment.id.to_string(),
        author_id: comment.author_id.to_string(),
        author_name: comment.author_name.clone(),
        body: body.to_owned(),
        created_at: rfc3339(comment.created_at),
        when_text: crate::i18n::ago(comment.created_at, session.clock.now(), session.time_zone(), language),
        edited: comment.edited_at.is_some(),
        reactions: reactions(session, overlay, comment.id),
        pending,
        pending_label: pending.then(|| Text::NotSentYet.in_language(language).to_owned()),
        can_edit: mine,
        can_delete: mine || moderates(session, comment.group_id),
        can_report: !mine && !pending,
    }
}

fn pending_comment(session: &Session, id: Uuid, body: &str, language: Language) -> CommentView {
    CommentView {
        id: id.to_string(),
        author_id: session.person_id.to_string(),
        author_name: my_name(session),
        body: body.to_owned(),
        created_at: String::new(),
        when_text: String::new(),
        edited: false,
        reactions: Vec::new(),
        pending: true,
        pending_label: Some(Text::NotSentYet.in_language(language).to_owned()),
        can_edit: false,
        can_delete: true,
        can_report: false,
    }
}

fn reactions(session: &Session, overlay: &Overlay, target: Uuid) -> Vec<ReactionCount> {
    let mut counts: Vec<ReactionCount> = Vec::new();
    for reaction in session.store.reactions_to(target) {
        let mine = reaction.person_id == session.person_id;
        match counts.iter_mut().find(|c| c.emoji == reaction.emoji) {
            Some(count) => {
                count.count += 1;
                count.mine |= mine;
            }
            None => counts.push(ReactionCount { emoji: reaction.emoji.clone(), count: 1, mine }),
        }
    }
    for ((_, emoji), on) in overlay.reactions.iter().filter(|((t, _), _)| *t == target) {
        match counts.iter_mut().find(|c| c.emoji == *emoji) {
            Some(count) if count.mine != *on => {
                count.mine = *on;
                if *on {
                    count.count += 1;
                } else {
                    count.count -= 1;
                }
            }
            Some(_) => {}
            None if *on => counts.push(ReactionCount { emoji: (*emoji).to_owned(), count: 1, mine: true }),
            None => {}
        }
    }
    counts.retain(|c| c.count > 0);
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.emoji.cmp(&b.emoji)));
    counts
}

/// May delete others' posts in this group: its organisers and admins, and federation admins.
fn moderates(session: &Session, group_id: Uuid) -> bool {
    matches!(session.store.my_role(group_id), Some(GroupRole::Organiser | GroupRole::Admin))
        || crate::people::me(session).is_some_and(|me| me.platform_role == PlatformRole::FederationAdmin)
}

fn group_name(session: &Session, group_id: Uuid) -> String {
    session.store.group(group_id).map(|g| g.name.clone()).unwrap_or_default()
}

fn my_name(session: &Session) -> String {
    crate::people::me(session).map(|me| me.profile.display_name.clone()).unwrap_or_default()
}

fn kind_name(kind: &PostKind) -> &'static str {
    match kind {
        PostKind::News => "news",
        PostKind::Report => "report",
        PostKind::Document => "document",
        PostKind::Decision => "decision",
    }
}

fn excerpt(body: &str) -> String {
    match body.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", body[..cut].trim_end()),
        None => body.to_owned(),
    }
}

/// What a refused write said, so the person can copy it and lose nothing.
pub fn written_text(mutation: &Mutation) -> String {
    match mutation {
        Mutation::CreatePost(NewPost { title, body, .. }) if !title.is_empty() => format!("{title}\n{body}"),
        Mutation::CreatePost(NewPost { body, .. })
        | Mutation::CreateComment { body, .. }
        | Mutation::EditComment { body, .. }
        | Mutation::AnswerQuestion { body, .. }
        | Mutation::CommentAnswer { body, .. }
        | Mutation::SendMessage { body, .. }
        | Mutation::EditPost { body: Some(body), .. } => body.clone(),
        Mutation::AskQuestion(NewQuestion { title, details, .. }) => format!("{title}\n{details}"),
        Mutation::CreatePoll(NewPoll { question, options, .. }) => format!("{question}\n{}", options.join("\n")),
        Mutation::EditAnswer { body, .. }
        | Mutation::AnnounceToGroup { text: body, .. }
        | Mutation::AnnounceToAttendees { text: body, .. }
        | Mutation::Report { details: body, .. }
        | Mutation::DecideReport { reason: body, .. } => body.clone(),
        Mutation::CreateEvent(NewEvent { title, description, .. }) => format!("{title}\n{description}"),
        Mutation::SendMustRead(fabrique_wire::must_reads::NewMustRead { title, body, .. }) => {
            format!("{title}\n{body}")
        }
        Mutation::EditQuestion { title, details, .. }
        | Mutation::UpdateEvent(EventUpdate { title, description: details, .. }) => {
            [title.as_deref(), details.as_deref()].into_iter().flatten().collect::<Vec<_>>().join("\n")
        }
        // Nothing typed at length: nothing to give back. A new kind of mutation must say here
        // whether it carries a person's text.
        Mutation::EditPost { body: None, .. }
        | Mutation::DeletePost { .. }
        | Mutation::DeleteComment { .. }
        | Mutation::React { .. }
        | Mutation::Unreact { .. }
        | Mutation::CreateGroup(_)
        | Mutation::UpdateGroup { .. }
        | Mutation::JoinGroup { .. }
        | Mutation::RequestToJoin { .. }
        | Mutation::DecideJoinRequest { .. }
        | Mutation::InviteToGroup { .. }
        | Mutation::LeaveGroup { .. }
        | Mutation::RemoveMember { .. }
        | Mutation::SetMemberRole { .. }
        | Mutation::FollowGroup { .. }
        | Mutation::UnfollowGroup { .. }
        | Mutation::UpdateProfile { .. }
        | Mutation::DeleteQuestion { .. }
        | Mutation::DeleteAnswer { .. }
        | Mutation::AcceptAnswer { .. }
        | Mutation::DeleteAnswerComment { .. }
        | Mutation::FollowQuestion { .. }
        | Mutation::UnfollowQuestion { .. }
        | Mutation::MarkNotificationsRead { .. }
        | Mutation::MarkAllNotificationsRead {}
        | Mutation::SetNotificationSettings { .. }
        | Mutation::SetGroupNotificationLevel { .. }
        | Mutation::CancelEvent { .. }
        | Mutation::AnswerEvent { .. }
        | Mutation::AcceptCharter { .. }
        | Mutation::StartConversation { .. }
        | Mutation::AddToConversation { .. }
        | Mutation::LeaveConversation { .. }
        | Mutation::MarkConversationRead { .. }
        | Mutation::BlockPerson { .. }
        | Mutation::UnblockPerson { .. }
        | Mutation::Vote { .. }
        | Mutation::ClosePoll { .. }
        | Mutation::AcknowledgeMustRead { .. } => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::composer::types::ComposerEvent;
    use uuid::Uuid;

    use super::PostsEvent;
    use crate::composer::types::ComposerTarget;
    use crate::model::{Event, Route};
    use crate::testing::*;
    use crate::view::Screen;

    #[test]
    fn with_the_clock_fixed_times_read_as_people_say_them_and_new_ids_repeat() {
        // 1 November 2026, 11:15 in Paris: posts written at 10:05, 10:10 and 10:14 UTC.
        let now: chrono::DateTime<chrono::Utc> = "2026-11-01T10:15:00Z".parse().unwrap();
        let (person, group) = (Uuid::from_u128(7), Uuid::from_u128(8));
        let posts = vec![
            post(Uuid::from_u128(1), group, person, "Premier", 5),
            post(Uuid::from_u128(2), group, person, "Deuxième", 10),
            post(Uuid::from_u128(3), group, person, "Troisième", 14),
        ];
        let pull = first_pull(person, group, posts);
        let run = || {
            let mut shell = signed_in_on(Shell::at(now), person, &pull);
            let Screen::Feed(feed) = shell.screen() else { panic!("the feed") };
            let said: Vec<String> = feed.items.iter().map(|i| i.when_text.clone()).collect();
            shell.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() })));
            shell.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Nouveau".into() }));
            let Screen::Feed(feed) = shell.screen() else { panic!("the feed") };
            assert!(feed.items[0].pending && feed.items[0].body == "Nouveau");
            (said, feed.items[0].id.clone())
        };
        let (said, new_id) = run();
        assert_eq!(said, ["il y a 1 min", "il y a 5 min", "il y a 10 min"]);
        assert_eq!(run().1, new_id, "the same id at every run");
    }

    #[test]
    fn naming_a_member_with_an_at_sign_tells_the_server_who_was_named() {
        let (person, group, bruno) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut pull = first_pull(person, group, vec![]);
        for (i, (id, name)) in [(bruno, "Bruno Martin"), (Uuid::now_v7(), "Bru")].into_iter().enumerate() {
            let member = fabrique_wire::groups::GroupMember {
                group_id: group,
                person_id: id,
                role: fabrique_wire::groups::GroupRole::Member,
                display_name: name.into(),
                function: String::new(),
                organisation_id: Uuid::from_u128(1),
                joined_at: "2026-01-01T00:00:00Z".parse().unwrap(),
            };
            let key = Uuid::from_u128(1000 + i as u128);
            pull.changes.push(put(
                50 + i as i64,
                &format!("group:{group}"),
                key,
                fabrique_wire::sync::Entity::GroupMember(member),
            ));
        }
        let mut shell = signed_in(person, &pull);
        shell.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() })));
        shell.send(Event::Composer(ComposerEvent::Submit {
            title: String::new(),
            body: "@bruno martin, peux-tu relire ? (@Bruxelles n'est personne, @Awa Diallo c'est moi)".into(),
        }));
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let body: serde_json::Value = serde_json::from_slice(&push.operation.body).unwrap();
        assert_eq!(body["mutations"][0]["mutation"]["mentions"], serde_json::json!([bruno]), "{body}");
    }

    #[test]
    fn the_composer_keeps_the_text_when_it_cannot_be_sent() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() })));
        shell.send(Event::Composer(ComposerEvent::Submit { title: "Titre gardé".into(), body: "   ".into() }));
        let composer = shell.view().composer.expect("still open");
        assert_eq!(composer.title, "Titre gardé");
        assert_eq!(composer.error.as_deref(), Some("Le texte ne peut pas être vide."));
    }

    #[test]
    fn a_draft_survives_the_app_being_killed_and_goes_once_sent() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() })));
        shell.send(Event::Composer(ComposerEvent::DraftChanged {
            title: "AG".into(),
            body: "Ordre du jour : budget".into(),
        }));

        let mut restarted = Shell::with_storage(shell.kv.clone());
        restarted.start();
        let composer = restarted.view().composer.expect("the form is open again");
        assert_eq!(composer.body, "Ordre du jour : budget");
        restarted.send(Event::Composer(ComposerEvent::Submit { title: composer.title, body: composer.body }));
        assert!(restarted.view().composer.is_none());
        assert!(!restarted.kv.contains_key(&format!("draft:{person}")));
        let Screen::Feed(feed) = restarted.screen() else { panic!() };
        assert_eq!(feed.items.len(), 1);
    }

    #[test]
    fn a_comment_and_a_reaction_show_at_once_on_the_post() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let post_id = Uuid::now_v7();
        let mut shell = signed_in(person, &first_pull(person, group, vec![post(post_id, group, person, "x", 1)]));
        shell.send(Event::Navigate(Route::Post { id: post_id.to_string() }));
        assert!(shell.http.is_empty(), "a post held on the device is not fetched");
        shell.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewComment { post_id: post_id.to_string() })));
        shell.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "D'accord".into() }));
        shell.send(Event::Posts(PostsEvent::React { target_id: post_id.to_string(), emoji: "👍".into() }));
        let Screen::Post(view) = shell.screen() else { panic!() };
        assert_eq!(view.comments.len(), 1);
        assert!(view.comments[0].pending);
        let post = view.post.unwrap();
        assert_eq!(post.reactions.len(), 1);
        assert!(post.reactions[0].mine);
        assert_eq!(post.comment_count, 1);
    }

    #[test]
    fn deleting_a_post_hides_it_before_the_server_answers() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let post_id = Uuid::now_v7();
        let mut shell = signed_in(person, &first_pull(person, group, vec![post(post_id, group, person, "x", 1)]));
        shell.send(Event::Posts(PostsEvent::Delete { id: post_id.to_string() }));
        let Screen::Feed(feed) = shell.screen() else { panic!() };
        assert!(feed.items.is_empty());
        assert!(feed.empty_text.is_some());
    }

    #[test]
    fn the_feed_is_paged_newest_first() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let posts = (0..45).map(|i| post(Uuid::now_v7(), group, person, &format!("{i}"), i)).collect();
        let mut shell = signed_in(person, &first_pull(person, group, posts));
        let Screen::Feed(feed) = shell.screen() else { panic!() };
        assert_eq!(feed.items.len(), 20);
        assert_eq!(feed.items[0].body, "44");
        assert!(feed.has_more);
        shell.send(Event::Feed(crate::model::FeedEvent::More));
        shell.send(Event::Feed(crate::model::FeedEvent::More));
        let Screen::Feed(feed) = shell.screen() else { panic!() };
        assert_eq!(feed.items.len(), 45);
        assert!(!feed.has_more);
    }
}
