//! Questions: asking (with already answered questions suggested while the title is typed),
//! the questions of a group, "questions for me", a question with its answers, accepting one,
//! following. Answers and comments on answers are written with the composer.

pub mod types;
pub use self::types::*;

use crux_core::{Command, render::render};
use fabrique_wire::groups::GroupRole;
use fabrique_wire::people::PlatformRole;
use fabrique_wire::questions::{Answer, Question, QuestionState};
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use crate::api;
use crate::i18n::{Language, Text};
use crate::ids::parse;
use crate::model::{Cmd, Form, Session};
use crate::pages::Fetch;
use crate::sync::{self, overlay::Overlay};
use crate::time::rfc3339;
use fabrique_wire::questions::NewQuestion;

/// Titles shorter than this suggest nothing yet.
const SUGGEST_FROM_CHARS: usize = 4;

pub fn update(event: QuestionsEvent, session: &mut Session) -> Cmd {
    match event {
        QuestionsEvent::StartAsk { group_id } => {
            let group_ids = parse(&group_id).into_iter().collect();
            session.form = Some(Form::Ask(AskForm { group_ids, ..AskForm::default() }));
            render()
        }
        QuestionsEvent::AskChanged { group_ids, title, details, tags } => {
            let Some(form) = session.ask_mut() else { return render() };
            let title_changed = form.title != title;
            form.group_ids = group_ids.iter().filter_map(|g| parse(g)).collect();
            form.title = title;
            form.details = details;
            form.tags = tags;
            form.error = None;
            let cmd = if title_changed { suggest(session) } else { Command::done() };
            cmd.and(render())
        }
        QuestionsEvent::CancelAsk => {
            let files = crate::attachments::drop_form(session, &crate::attachments::types::FormTarget::Question);
            session.close_ask();
            files.and(render())
        }
        QuestionsEvent::SubmitAsk => submit_ask(session),
        QuestionsEvent::Accept { question_id, answer_id } => match (parse(&question_id), parse(&answer_id)) {
            (Some(question_id), Some(answer_id)) => {
                sync::write(session, Mutation::AcceptAnswer { question_id, answer_id }).and(render())
            }
            _ => render(),
        },
        QuestionsEvent::Follow { id } => {
            write_for(session, &id, |question_id| Mutation::FollowQuestion { question_id })
        }
        QuestionsEvent::Unfollow { id } => {
            write_for(session, &id, |question_id| Mutation::UnfollowQuestion { question_id })
        }
        QuestionsEvent::DeleteQuestion { id } => write_for(session, &id, |id| Mutation::DeleteQuestion { id }),
        QuestionsEvent::DeleteAnswer { id } => write_for(session, &id, |id| Mutation::DeleteAnswer { id }),
        QuestionsEvent::MoreForMe => load_for_me(session, true).and(render()),
    }
}

fn write_for(session: &mut Session, id: &str, mutation: impl FnOnce(Uuid) -> Mutation) -> Cmd {
    match parse(id) {
        Some(id) => sync::write(session, mutation(id)).and(render()),
        None => render(),
    }
}

fn suggest(session: &mut Session) -> Cmd {
    let Some(form) = session.ask() else { return Command::done() };
    if form.title.trim().chars().count() < SUGGEST_FROM_CHARS {
        if let Some(form) = session.ask_mut() {
            form.suggestions.clear();
            form.suggestions_tag = None;
        }
        return Command::done();
    }
    let path = format!("/v1/questions/similar?q={}", api::query_value(form.title.trim()));
    let (tag, cmd) = session.fetch(Fetch::Similar, &path);
    if let Some(form) = session.ask_mut() {
        form.suggestions_tag = Some(tag);
    }
    cmd
}

fn submit_ask(session: &mut Session) -> Cmd {
    let new_id = session.clock.new_id();
    let Some(form) = session.ask_mut() else { return render() };
    let title = form.title.trim().to_owned();
    let problem = if title.is_empty() {
        Some(Text::QuestionTitleRequired)
    } else if form.group_ids.is_empty() {
        Some(Text::QuestionGroupRequired)
    } else if title.chars().count() > fabrique_wire::questions::TITLE_MAX
        || form.details.chars().count() > fabrique_wire::questions::DETAILS_MAX
    {
        Some(Text::TooLong)
    } else {
        None
    };
    if let Some(problem) = problem {
        form.error = Some(problem);
        return render();
    }
    let tags = form.tags.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    let mutation = Mutation::AskQuestion(NewQuestion {
        id: new_id,
        group_ids: form.group_ids.clone(),
        title,
        details: form.details.trim().to_owned(),
        tags,
        attachments: crate::attachments::take_for_write(session, &crate::attachments::types::FormTarget::Question),
    });
    session.close_ask();
    sync::write(session, mutation).and(render())
}

pub fn open_for_me(session: &mut Session) -> Cmd {
    load_for_me(session, false)
}

fn load_for_me(session: &mut Session, more: bool) -> Cmd {
    let mut path = String::from("/v1/questions/for-me");
    if more {
        match &session.pages.for_me.next_cursor {
            Some(cursor) => path.push_str(&format!("?cursor={}", api::query_value(cursor))),
            None => return Command::done(),
        }
    }
    let (tag, cmd) = session.fetch(Fetch::ForMe { append: more }, &path);
    session.pages.for_me.tag = Some(tag);
    cmd
}

pub fn open_question(session: &mut Session, id: &str) -> Cmd {
    let Some(question_id) = parse(id) else {
        session.pages.question = None;
        return Command::done();
    };
    let mut page = QuestionPage { id: question_id, thread: None, tag: None, error: None };
    let held = session.store.question(question_id).is_some()
        || session
            .outbox
            .visible()
            .any(|m| matches!(&m.mutation, Mutation::AskQuestion(NewQuestion { id, .. }) if *id == question_id));
    if held {
        session.pages.question = Some(page);
        return Command::done();
    }
    let (tag, cmd) = session.fetch(Fetch::Question, &format!("/v1/questions/{question_id}"));
    page.tag = Some(tag);
    session.pages.question = Some(page);
    cmd
}

pub fn similar_answered(session: &mut Session, tag: u64, result: Result<Vec<Question>, api::Failure>) {
    if let Some(form) = session.ask_mut()
        && form.suggestions_tag == Some(tag)
    {
        form.suggestions_tag = None;
        // Suggestions are a help: a failure leaves the form as it is.
        if let Ok(questions) = result {
            form.suggestions = questions;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Views

fn group_names(session: &Session, groups: &[Uuid]) -> Vec<String> {
    groups.iter().filter_map(|g| session.store.group(*g)).map(|g| g.name.clone()).collect()
}

pub fn summary(session: &Session, overlay: &Overlay, question: &Question, language: Language) -> QuestionSummary {
    let pending = overlay.pending.contains(&question.id);
    let accepted = overlay.accepted.get(&question.id).copied().or(question.accepted_answer_id);
    let extra =
        overlay.new_answers.get(&question.id).map_or(0, |a| a.iter().filter(|n| !answer_held(session, n.id)).count());
    let (title, details) = match overlay.edits.get(&question.id) {
        Some((title, details)) => (title.unwrap_or(&question.title), details.unwrap_or(&question.details)),
        None => (question.title.as_str(), question.details.as_str()),
    };
    QuestionSummary {
        id: question.id.to_string(),
        title: title.to_owned(),
        details: details.to_owned(),
        author_name: question.author_name.clone(),
        group_names: group_names(session, &question.group_ids),
        tags: question.tags.clone(),
        answered: accepted.is_some() || question.state == QuestionState::Answered,
        answer_count: u32::try_from(question.answer_count.max(0) as usize + extra).unwrap_or(u32::MAX),
        answers_label: answers_label(question.answer_count.max(0) + extra as i64, language),
        escalated: question.escalation_level > 0,
        created_at: rfc3339(question.created_at),
        following: overlay
            .following
            .get(&question.id)
            .copied()
            .unwrap_or_else(|| session.store.follows_question(question.id)),
        pending,
        pending_label: pending.then(|| Text::NotSentYet.in_language(language).to_owned()),
    }
}

fn answers_label(count: i64, language: Language) -> String {
    crate::i18n::count(count, language, ("réponse", "réponses"), ("answer", "answers"))
}

fn answer_held(session: &Session, id: Uuid) -> bool {
    session.store.holds(fabrique_wire::sync::EntityKind::Answer, id)
}

fn pending_summary(
    session: &Session,
    new: &crate::sync::overlay::PendingQuestion,
    language: Language,
) -> QuestionSummary {
    QuestionSummary {
        id: new.id.to_string(),
        title: new.title.to_owned(),
        details: new.details.to_owned(),
        author_name: crate::people::me(session).map(|me| me.profile.display_name.clone()).unwrap_or_default(),
        group_names: group_names(session, new.group_ids),
        tags: new.tags.to_vec(),
        answered: false,
        answer_count: 0,
        answers_label: answers_label(0, language),
        escalated: false,
        created_at: String::new(),
        following: true,
        pending: true,
        pending_label: Some(Text::NotSentYet.in_language(language).to_owned()),
    }
}

/// The questions of a group held on the device, newest first (pending ones on top).
pub fn of_group(session: &Session, overlay: &Overlay, group_id: Uuid, language: Language) -> Vec<QuestionSummary> {
    let mut items: Vec<QuestionSummary> = overlay
        .new_questions
        .iter()
        .rev()
        .filter(|n| n.group_ids.contains(&group_id) && session.store.question(n.id).is_none())
        .map(|n| pending_summary(session, n, language))
        .collect();
    items.extend(
        session
            .store
            .questions_newest_first()
            .filter(|q| q.group_ids.contains(&group_id) && !overlay.deleted.contains(&q.id))
            .take(50)
            .map(|q| summary(session, overlay, q, language)),
    );
    items
}

pub fn for_me_view(session: &Session, overlay: &Overlay, language: Language) -> QuestionsForMeView {
    let for_me = &session.pages.for_me;
    let items: Vec<QuestionSummary> = for_me
        .items
        .iter()
        .filter(|q| !overlay.deleted.contains(&q.id))
        .map(|q| summary(session, overlay, q, language))
        .collect();
    QuestionsForMeView {
        empty_text: (for_me.loaded && items.is_empty() && for_me.tag.is_none())
            .then(|| Text::ForMeEmpty.in_language(language).to_owned()),
        items,
        loading: for_me.tag.is_some(),
        has_more: for_me.next_cursor.is_some(),
        error: for_me.error.map(|t| t.in_language(language).to_owned()),
    }
}

pub fn ask_view(session: &Session, language: Language) -> Option<AskView> {
    let overlay = Overlay::default();
    session.ask().map(|form| AskView {
        group_ids: form.group_ids.iter().map(Uuid::to_string).collect(),
        group_names: group_names(session, &form.group_ids),
        title: form.title.clone(),
        details: form.details.clone(),
        tags: form.tags.clone(),
        suggestions: form.suggestions.iter().map(|q| summary(session, &overlay, q, language)).collect(),
        suggestions_label: (!form.suggestions.is_empty())
            .then(|| Text::AlreadyAnswered.in_language(language).to_owned()),
        error: form.error.map(|t| t.in_language(language).to_owned()),
    })
}

/// May accept an answer: the asker, a moderator of one of its groups, a federation admin.
fn may_accept(session: &Session, question: &Question) -> bool {
    question.author_id == session.person_id
        || question
            .group_ids
            .iter()
            .any(|g| matches!(session.store.my_role(*g), Some(GroupRole::Organiser | GroupRole::Admin)))
        || crate::people::me(session).is_some_and(|me| me.platform_role == PlatformRole::FederationAdmin)
}

pub fn question_view(session: &Session, overlay: &Overlay, id: &str, language: Language) -> QuestionView {
    let page = session.pages.question.as_ref().filter(|p| p.id.to_string() == id);
    let mut view = QuestionView {
        id: id.to_owned(),
        question: None,
        answers: Vec::new(),
        loading: page.is_some_and(|p| p.tag.is_some()),
        error: page.and_then(|p| p.error).map(|t| t.in_language(language).to_owned()),
        empty_text: None,
        can_answer: false,
        can_accept: false,
        can_delete: false,
        attachments: Vec::new(),
    };
    let Some(question_id) = parse(id) else {
        view.error = Some(Text::NotFound.in_language(language).to_owned());
        return view;
    };
    if overlay.deleted.contains(&question_id) {
        view.error = Some(Text::NotFound.in_language(language).to_owned());
        return view;
    }
    let held = session.store.question(question_id);
    let online = page.and_then(|p| p.thread.as_ref());
    let question = held.or(online.map(|t| &t.question));
    if let Some(question) = question {
        let accepted = overlay.accepted.get(&question_id).copied().or(question.accepted_answer_id);
        let answers: Vec<&Answer> = match held {
            Some(_) => session.store.answers_of(question_id).collect(),
            None => online.map(|t| t.answers.iter().collect()).unwrap_or_default(),
        };
        view.can_accept = may_accept(session, question);
        view.can_answer = true;
        view.can_delete = question.author_id == session.person_id || view.can_accept;
        view.question = Some(summary(session, overlay, question, language));
        view.attachments = crate::attachments::item_files(session, question_id, language);
        for answer in answers.into_iter().filter(|a| !overlay.deleted.contains(&a.id)) {
            let body = overlay.edits.get(&answer.id).and_then(|e| e.1).unwrap_or(&answer.body);
            let comments: Vec<String> = match held {
                Some(_) => session
                    .store
                    .comments_on_answer(answer.id)
                    .map(|c| format!("{} : {}", c.author_name, c.body))
                    .collect(),
                None => online
                    .map(|t| {
                        t.comments
                            .iter()
                            .filter(|c| c.answer_id == answer.id)
                            .map(|c| format!("{} : {}", c.author_name, c.body))
                            .collect()
                    })
                    .unwrap_or_default(),
            };
            view.answers.push(AnswerView {
                id: answer.id.to_string(),
                author_name: answer.author_name.clone(),
                body: body.to_owned(),
                accepted: accepted == Some(answer.id),
                created_at: rfc3339(answer.created_at),
                comments,
                pending: overlay.pending.contains(&answer.id),
                pending_label: overlay
                    .pending
                    .contains(&answer.id)
                    .then(|| Text::NotSentYet.in_language(language).to_owned()),
                can_delete: answer.author_id == session.person_id || view.can_accept,
            });
        }
    } else if let Some(new) = overlay.new_questions.iter().find(|n| n.id == question_id) {
        view.question = Some(pending_summary(session, new, language));
        view.can_delete = true;
    }
    for new in overlay.new_answers.get(&question_id).into_iter().flatten() {
        if !answer_held(session, new.id) && !overlay.deleted.contains(&new.id) {
            view.answers.push(AnswerView {
                id: new.id.to_string(),
                author_name: crate::people::me(session).map(|me| me.profile.display_name.clone()).unwrap_or_default(),
                body: new.body.to_owned(),
                accepted: false,
                created_at: String::new(),
                comments: Vec::new(),
                pending: true,
                pending_label: Some(Text::NotSentYet.in_language(language).to_owned()),
                can_delete: true,
            });
        }
    }
    if view.question.is_some() && view.answers.is_empty() {
        view.empty_text = Some(Text::NoAnswerYet.in_language(language).to_owned());
    }
    view
}

#[cfg(test)]
mod tests {
    use fabrique_wire::questions::{Answer, Question, QuestionState};
    use fabrique_wire::sync::Entity;
    use uuid::Uuid;

    use super::QuestionsEvent;
    use crate::composer::types::ComposerEvent;
    use crate::composer::types::ComposerTarget;
    use crate::model::{Event, Route};
    use crate::testing::*;
    use crate::view::Screen;

    fn question(id: Uuid, group: Uuid, author: Uuid, title: &str) -> Question {
        Question {
            id,
            group_ids: vec![group],
            author_id: author,
            author_name: "Awa".into(),
            title: title.into(),
            details: String::new(),
            tags: vec!["subventions".into()],
            state: QuestionState::Open,
            accepted_answer_id: None,
            answer_count: 0,
            escalation_level: 0,
            created_at: "2026-11-01T10:00:00Z".parse().unwrap(),
            edited_at: None,
        }
    }

    fn changed(title: &str, group: Uuid) -> Event {
        Event::Questions(QuestionsEvent::AskChanged {
            group_ids: vec![group.to_string()],
            title: title.into(),
            details: String::new(),
            tags: vec![],
        })
    }

    #[test]
    fn suggestions_follow_the_title_being_typed_and_a_stale_answer_is_dropped() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Questions(QuestionsEvent::StartAsk { group_id: group.to_string() }));
        shell.send(changed("Sub", group));
        assert!(shell.http.is_empty(), "too short to suggest");
        shell.send(changed("Subvention", group));
        shell.send(changed("Subvention locale", group));
        let _stale = shell.take_request("/v1/questions/similar?q=Subvention");
        let fresh = shell.take_request("/v1/questions/similar?q=Subvention%20locale");
        let answered = question(Uuid::now_v7(), group, Uuid::now_v7(), "Subvention pour un local ?");
        shell.answer(fresh, ok(200, &vec![answered]));
        let ask = shell.view().ask.expect("the form");
        assert_eq!(ask.suggestions.len(), 1);
        assert!(ask.suggestions_label.is_some());
        assert_eq!(ask.group_names, vec!["Trésorerie"]);
    }

    #[test]
    fn asking_shows_the_question_at_once_in_its_group_and_an_empty_title_is_refused() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Questions(QuestionsEvent::StartAsk { group_id: group.to_string() }));
        shell.send(Event::Questions(QuestionsEvent::SubmitAsk));
        assert!(shell.view().ask.unwrap().error.is_some());
        shell.send(changed("Qui a la clé du local ?", group));
        shell.send(Event::Questions(QuestionsEvent::SubmitAsk));
        assert!(shell.view().ask.is_none());
        shell.send(Event::Navigate(Route::Group { id: group.to_string() }));
        let Screen::Group(view) = shell.screen() else { panic!() };
        assert_eq!(view.questions.len(), 1);
        assert!(view.questions[0].pending);
        assert!(view.can_ask);
    }

    #[test]
    fn an_answer_written_and_accepted_shows_at_once() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let question_id = Uuid::now_v7();
        let mut pull = first_pull(person, group, vec![]);
        let scope = format!("group:{group}");
        let mut asked = question(question_id, group, person, "Clé ?");
        asked.answer_count = 1;
        pull.changes.push(put(40, &scope, question_id, Entity::Question(asked)));
        let answer_id = Uuid::now_v7();
        let answer = Answer {
            id: answer_id,
            question_id,
            author_id: Uuid::now_v7(),
            author_name: "Bruno".into(),
            body: "Chez le gardien".into(),
            accepted: false,
            created_at: "2026-11-01T11:00:00Z".parse().unwrap(),
            edited_at: None,
        };
        pull.changes.push(put(41, &scope, answer_id, Entity::Answer(answer)));
        let mut shell = signed_in(person, &pull);
        shell.send(Event::Navigate(Route::Question { id: question_id.to_string() }));
        assert!(shell.http.is_empty(), "held on the phone");
        shell.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewAnswer {
            question_id: question_id.to_string(),
        })));
        shell.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Ou à la mairie".into() }));
        shell.send(Event::Questions(QuestionsEvent::Accept {
            question_id: question_id.to_string(),
            answer_id: answer_id.to_string(),
        }));
        let Screen::Question(view) = shell.screen() else { panic!() };
        assert!(view.can_accept, "the asker accepts");
        assert_eq!(view.answers.len(), 2);
        assert!(view.answers[0].accepted);
        assert!(view.answers[1].pending);
        let question = view.question.unwrap();
        assert!(question.answered);
        assert_eq!(question.answer_count, 2);
    }
}
