//! The composer: one form for a post, a comment, an answer or a comment on an
//! answer, new or changed. Its text is kept on the phone as the person types (a draft survives
//! the app being killed) and goes only once the write is in the outbox; a refused write gives
//! the text back. People named with `@` among the members of the groups it goes to are told.

pub mod types;
pub use self::types::*;

use crux_core::{Command, render::render};
use fabrique_wire::posts::{NewPost, PostKind};
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use crate::i18n::Language;
use crate::i18n::Text;
use crate::ids::parse;
use crate::model::{Cmd, Form, Session};
use crate::posts::{BODY_MAX, COMMENT_MAX, TITLE_MAX};
use crate::storage;
use crate::sync::{self, overlay::Overlay};

pub fn update(event: ComposerEvent, session: &mut Session) -> Cmd {
    match event {
        ComposerEvent::DraftLoaded(epoch, result) if epoch == session.epoch => draft_loaded(session, *result),
        ComposerEvent::DraftLoaded(..) => Command::done(),
        ComposerEvent::Open(target) => {
            let (title, body) = prefill(session, &target);
            session.form = Some(Form::Composer(Composer { target, title, body, error: None }));
            save_draft(session).and(render())
        }
        ComposerEvent::Cancel => {
            let files = match crate::attachments::open_form(session) {
                Some(target) => crate::attachments::drop_form(session, &target),
                None => Command::done(),
            };
            session.close_composer();
            files.and(save_draft(session)).and(render())
        }
        ComposerEvent::DraftChanged { title, body } => match session.composer_mut() {
            Some(composer) if composer.title != title || composer.body != body => {
                composer.title = title;
                composer.body = body;
                save_draft(session)
            }
            _ => Command::done(),
        },
        ComposerEvent::Submit { title, body } => submit(session, title, body),
    }
}

fn prefill(session: &Session, target: &ComposerTarget) -> (String, String) {
    let overlay = Overlay::of(&session.outbox);
    match target {
        ComposerTarget::EditPost { id } => parse(id)
            .and_then(|id| crate::posts::effective_post(session, &overlay, id))
            .map(|post| (post.title, post.body))
            .unwrap_or_default(),
        ComposerTarget::EditComment { id } => parse(id)
            .and_then(|id| {
                let comment = session.store.comment(id)?;
                let body = overlay.edits.get(&id).and_then(|e| e.1).unwrap_or(&comment.body);
                Some((String::new(), body.to_owned()))
            })
            .unwrap_or_default(),
        ComposerTarget::NewPost { .. }
        | ComposerTarget::NewComment { .. }
        | ComposerTarget::NewAnswer { .. }
        | ComposerTarget::NewAnswerComment { .. } => Default::default(),
    }
}

fn submit(session: &mut Session, title: String, body: String) -> Cmd {
    let Some(composer) = session.composer_mut() else { return render() };
    composer.title = title.clone();
    composer.body = body.clone();
    let title = title.trim().to_owned();
    let body = body.trim().to_owned();
    let max = match composer.target {
        ComposerTarget::NewComment { .. } | ComposerTarget::EditComment { .. } => COMMENT_MAX,
        ComposerTarget::NewAnswer { .. } => fabrique_wire::questions::ANSWER_MAX,
        ComposerTarget::NewAnswerComment { .. } => fabrique_wire::questions::COMMENT_MAX,
        ComposerTarget::NewPost { .. } | ComposerTarget::EditPost { .. } => BODY_MAX,
    };
    let problem = if body.is_empty() {
        Some(Text::BodyRequired)
    } else if body.chars().count() > max || title.chars().count() > TITLE_MAX {
        Some(Text::TooLong)
    } else {
        None
    };
    if let Some(problem) = problem {
        composer.error = Some(problem);
        return render();
    }
    let target = composer.target.clone();
    let groups = groups_of(session, &target);
    let mentions = mentions_in(session, &groups, &body);
    let files = match crate::attachments::open_form(session) {
        Some(target) => crate::attachments::take_for_write(session, &target),
        None => Vec::new(),
    };
    let Some(composer) = session.composer_mut() else { return render() };
    let mutation =
        match &composer.target {
            ComposerTarget::NewPost { group_id } => parse(group_id).map(|group_id| {
                Mutation::CreatePost(NewPost {
                    id: session.clock.new_id(),
                    group_id,
                    kind: PostKind::News,
                    title,
                    body,
                    mentions: mentions.clone(),
                    attachments: files,
                })
            }),
            ComposerTarget::EditPost { id } => {
                parse(id).map(|id| Mutation::EditPost { id, title: Some(title), body: Some(body) })
            }
            ComposerTarget::NewComment { post_id } => parse(post_id).map(|post_id| Mutation::CreateComment {
                id: session.clock.new_id(),
                post_id,
                body,
                mentions: mentions.clone(),
            }),
            ComposerTarget::EditComment { id } => parse(id).map(|id| Mutation::EditComment { id, body }),
            ComposerTarget::NewAnswer { question_id } => parse(question_id).map(|question_id| {
                Mutation::AnswerQuestion { id: session.clock.new_id(), question_id, body, mentions: mentions.clone() }
            }),
            ComposerTarget::NewAnswerComment { answer_id } => parse(answer_id)
                .map(|answer_id| Mutation::CommentAnswer { id: session.clock.new_id(), answer_id, body }),
        };
    session.close_composer();
    // The draft goes once the write is in the outbox (saved before it is shown).
    let forget_draft = save_draft(session);
    match mutation {
        Some(mutation) => sync::write(session, mutation).and(forget_draft).and(render()),
        None => forget_draft.and(render()),
    }
}

/// Keep the open form's text on the phone (or forget it when the form is closed).
fn save_draft(session: &Session) -> Cmd {
    let key = storage::draft_key(session.person_id);
    let operation = match session.composer() {
        Some(composer) => storage::set(key, composer),
        None => storage::delete(key),
    };
    Command::request_from_shell(operation).build()
}

/// The form as the app left it, opened again at start (unless the person already opened
/// another one meanwhile: the draft stays on the phone for later).
fn draft_loaded(session: &mut Session, result: crux_kv::KeyValueResult) -> Cmd {
    if let Ok(Some(composer)) = storage::read::<Composer>(result)
        && session.form.is_none()
    {
        session.form = Some(Form::Composer(composer));
    }
    render()
}

/// The groups whose members a text written for `target` may name.
fn groups_of(session: &Session, target: &ComposerTarget) -> Vec<Uuid> {
    match target {
        ComposerTarget::NewPost { group_id } => parse(group_id).into_iter().collect(),
        ComposerTarget::NewComment { post_id } => {
            parse(post_id).and_then(|p| session.store.post(p)).map(|p| p.group_id).into_iter().collect()
        }
        ComposerTarget::NewAnswer { question_id } => {
            parse(question_id).and_then(|q| session.store.question(q)).map(|q| q.group_ids.clone()).unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

pub fn composer_view(session: &Session, language: Language) -> Option<ComposerView> {
    session.composer().map(|composer| ComposerView {
        has_title: matches!(composer.target, ComposerTarget::NewPost { .. } | ComposerTarget::EditPost { .. }),
        target: composer.target.clone(),
        title: composer.title.clone(),
        body: composer.body.clone(),
        error: composer.error.map(|t| t.in_language(language).to_owned()),
        mention_candidates: mention_candidates(session, &groups_of(session, &composer.target), &composer.body),
    })
}

/// The most people offered at once while one types `@`.
const CANDIDATES_MAX: usize = 8;

/// While the text ends with `@` and the start of a name, the members of `groups` whose name
/// (or a word of it) starts so, each with the text as it reads once chosen
/// (`… @Awa Diallo `). Nobody when the text does not end in a mention being typed.
pub fn mention_candidates(session: &Session, groups: &[Uuid], body: &str) -> Vec<MentionCandidate> {
    let Some(at) = body.rfind('@') else { return Vec::new() };
    // A mention starts a word, and is typed on one line, in a few words at most.
    let typed = &body[at + 1..];
    let starts_word = body[..at].chars().next_back().is_none_or(char::is_whitespace);
    if !starts_word || typed.contains('\n') || typed.chars().count() > 40 || typed.split_whitespace().count() > 3 {
        return Vec::new();
    }
    let typed = typed.trim_start().to_lowercase();
    let mut seen = Vec::new();
    let mut candidates: Vec<MentionCandidate> = groups
        .iter()
        .flat_map(|group| session.store.members_of(*group))
        .filter(|member| member.person_id != session.person_id)
        .filter(|member| {
            let name = member.display_name.to_lowercase();
            typed.is_empty()
                || name.starts_with(&typed)
                || name.split_whitespace().any(|word| word.starts_with(typed.as_str()))
        })
        .filter(|member| {
            let new = !seen.contains(&member.person_id);
            seen.push(member.person_id);
            new
        })
        .map(|member| MentionCandidate {
            person_id: member.person_id.to_string(),
            display_name: member.display_name.clone(),
            text: format!("{}@{} ", &body[..at], member.display_name),
        })
        .collect();
    candidates.sort_by_key(|c| c.display_name.to_lowercase());
    candidates.truncate(CANDIDATES_MAX);
    candidates
}

/// The people named in `body` as `@Their Name`, among the members of `groups` the phone
/// holds (never oneself; at most 20, as the server takes).
pub fn mentions_in(session: &Session, groups: &[Uuid], body: &str) -> Vec<Uuid> {
    let lower = body.to_lowercase();
    let mut named = Vec::new();
    for group in groups {
        for member in session.store.members_of(*group) {
            if member.person_id == session.person_id || named.contains(&member.person_id) {
                continue;
            }
            let tag = format!("@{}", member.display_name.to_lowercase());
            let found = lower.match_indices(&tag).any(|(at, _)| {
                // "@Awa" is not "@Awaïa": the name ends where a word would.
                lower[at + tag.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric())
            });
            if found {
                named.push(member.person_id);
            }
        }
    }
    named.truncate(20);
    named
}

#[cfg(test)]
mod tests {
    use fabrique_wire::groups::{GroupMember, GroupRole};
    use fabrique_wire::sync::{Entity, Mutation, PushRequest};
    use uuid::Uuid;

    use super::types::{ComposerEvent, ComposerTarget};
    use crate::model::Event;
    use crate::testing::*;

    #[test]
    fn typing_at_offers_the_groups_members_and_choosing_one_names_them_in_the_post() {
        let (me, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut pull = first_pull(me, group, vec![]);
        let scope = format!("group:{group}");
        let mut people = Vec::new();
        for (n, name) in ["Bruno Martin", "Aline Petit", "Benoît Aubert"].into_iter().enumerate() {
            let person = Uuid::now_v7();
            people.push(person);
            let member = GroupMember {
                group_id: group,
                person_id: person,
                role: GroupRole::Member,
                display_name: name.into(),
                function: String::new(),
                organisation_id: Uuid::from_u128(1),
                joined_at: "2026-01-01T00:00:00Z".parse().unwrap(),
            };
            pull.changes.push(put(30 + n as i64, &scope, Uuid::now_v7(), Entity::GroupMember(member)));
        }
        let mut shell = signed_in(me, &pull);
        shell.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() })));
        let typed = |shell: &mut Shell, body: &str| {
            shell.send(Event::Composer(ComposerEvent::DraftChanged { title: String::new(), body: body.into() }));
            shell.view().composer.expect("the composer").mention_candidates
        };
        assert!(typed(&mut shell, "Merci").is_empty(), "no @, no list");
        let all = typed(&mut shell, "Merci @");
        assert_eq!(
            all.iter().map(|c| c.display_name.as_str()).collect::<Vec<_>>(),
            ["Aline Petit", "Benoît Aubert", "Bruno Martin"],
            "every member but me, by name"
        );
        let b = typed(&mut shell, "Merci @b");
        assert_eq!(b.iter().map(|c| c.display_name.as_str()).collect::<Vec<_>>(), ["Benoît Aubert", "Bruno Martin"]);
        let surname = typed(&mut shell, "Merci @aub");
        assert_eq!(surname.len(), 1, "a word of the name matches too");
        assert!(typed(&mut shell, "contact@asso").is_empty(), "an address is no mention");
        assert!(typed(&mut shell, "Merci @zoé").is_empty());

        // Chosen: the name completed in the text, and the person named in the write.
        let chosen = typed(&mut shell, "Merci @bru").remove(0);
        assert_eq!(chosen.text, "Merci @Bruno Martin ");
        assert!(typed(&mut shell, &chosen.text).is_empty(), "the list closes once chosen");
        shell.send(Event::Composer(ComposerEvent::Submit {
            title: String::new(),
            body: format!("{}pour le local", chosen.text),
        }));
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let sent: PushRequest = serde_json::from_slice(&push.operation.body).unwrap();
        let Mutation::CreatePost(post) = &sent.mutations[0].mutation else { panic!("{:?}", sent.mutations) };
        assert_eq!(post.mentions, vec![people[0]]);
    }
}
