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
    let groups: Vec<Uuid> = match &composer.target {
        ComposerTarget::NewPost { group_id } => parse(group_id).into_iter().collect(),
        ComposerTarget::NewComment { post_id } => {
            parse(post_id).and_then(|p| session.store.post(p)).map(|p| p.group_id).into_iter().collect()
        }
        ComposerTarget::NewAnswer { question_id } => {
            parse(question_id).and_then(|q| session.store.question(q)).map(|q| q.group_ids.clone()).unwrap_or_default()
        }
        _ => Vec::new(),
    };
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

pub fn composer_view(session: &Session, language: Language) -> Option<ComposerView> {
    session.composer().map(|composer| ComposerView {
        has_title: matches!(composer.target, ComposerTarget::NewPost { .. } | ComposerTarget::EditPost { .. }),
        target: composer.target.clone(),
        title: composer.title.clone(),
        body: composer.body.clone(),
        error: composer.error.map(|t| t.in_language(language).to_owned()),
    })
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
