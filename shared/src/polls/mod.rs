//! Polls on a group's page: vote and change one's vote until the poll closes (my choice
//! shows at once), see the counts once it is closed, and, for organisers, create a poll or
//! close one early. Checks that need no server (a question, 2 to 20 different options, a
//! closing date to come) are made here, so that a mistake is said before anything is sent.

pub mod types;
pub use self::types::*;

use chrono::{DateTime, Duration, Utc};

use crux_core::{Command, render::render};
use fabrique_wire::polls::{DURATION_MAX_DAYS, OPTION_MAX, OPTIONS_MAX, OPTIONS_MIN, Poll, QUESTION_MAX, ResultsShown};
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use crate::i18n::{Language, Text};
use crate::ids::parse;
use crate::model::{Cmd, Route, Session};
use crate::pages::Fetch;
use crate::sync::{self, overlay::Overlay};
use crate::time::rfc3339;
use fabrique_wire::polls::NewPoll;

pub fn update(event: PollsEvent, session: &mut Session) -> Cmd {
    match event {
        PollsEvent::Pulled { epoch } if epoch == session.epoch => read_results(session),
        PollsEvent::Pulled { .. } => Command::done(),
        PollsEvent::Vote { poll_id, choices } => match parse(&poll_id) {
            Some(poll_id) => {
                if session
                    .store
                    .poll(poll_id)
                    .is_some_and(|p| is_closed(p, &Overlay::of(&session.outbox), session.clock.now()))
                {
                    session.notice = Some(Text::PollClosed);
                    return render();
                }
                sync::write(session, Mutation::Vote { poll_id, choices }).and(render())
            }
            None => render(),
        },
        PollsEvent::Close { poll_id } => match parse(&poll_id) {
            Some(poll_id) => sync::write(session, Mutation::ClosePoll { poll_id }).and(render()),
            None => render(),
        },
        PollsEvent::Create { group_id, question, options, multiple, anonymous, results_after_voting, closes_at } => {
            let Some(group_id) = parse(&group_id) else { return render() };
            match checked(&question, &options, &closes_at, session.clock.now()) {
                Ok((question, options, closes_at)) => {
                    let results_shown =
                        if results_after_voting { ResultsShown::AfterVoting } else { ResultsShown::AfterClosing };
                    let poll = Mutation::CreatePoll(NewPoll {
                        id: session.clock.new_id(),
                        group_id,
                        question,
                        options,
                        multiple,
                        anonymous,
                        results_shown,
                        closes_at,
                    });
                    sync::write(session, poll).and(render())
                }
                Err(text) => {
                    session.notice = Some(text);
                    render()
                }
            }
        }
    }
}

/// Polls on a group's page show their counts before closing to those who may see them:
/// read them when the page opens and after each sync (votes come in).
const RESULTS_READ_MAX: usize = 5;

pub fn read_results(session: &mut Session) -> Cmd {
    let Route::Group { id } = session.route() else { return Command::done() };
    let Some(group_id) = parse(id) else { return Command::done() };
    let runs = crate::events::organise::runs(session, group_id);
    let now = session.clock.now();
    let wanted: Vec<Uuid> = session
        .store
        .polls_of(group_id)
        .filter(|poll| !poll.closed && poll.closes_at > now)
        .filter(|poll| {
            runs || (poll.results_shown == ResultsShown::AfterVoting && session.store.my_vote(poll.id).is_some())
        })
        .map(|poll| poll.id)
        .filter(|id| !session.pages.poll_results.tags.contains_key(id))
        .take(RESULTS_READ_MAX)
        .collect();
    let mut cmd = Command::done();
    for poll_id in wanted {
        let (tag, fetch) = session.fetch(Fetch::PollResults { poll_id }, &format!("/v1/polls/{poll_id}/results"));
        session.pages.poll_results.tags.insert(poll_id, tag);
        cmd = cmd.and(fetch);
    }
    cmd
}

fn checked(
    question: &str,
    options: &[String],
    closes_at: &str,
    now: DateTime<Utc>,
) -> Result<(String, Vec<String>, DateTime<Utc>), Text> {
    let question = question.trim();
    if question.is_empty() {
        return Err(Text::PollQuestionRequired);
    }
    if question.chars().count() > QUESTION_MAX {
        return Err(Text::TooLong);
    }
    let options: Vec<String> = options.iter().map(|o| o.trim().to_owned()).filter(|o| !o.is_empty()).collect();
    let mut lower: Vec<String> = options.iter().map(|o| o.to_lowercase()).collect();
    lower.sort();
    lower.dedup();
    if options.len() < OPTIONS_MIN || options.len() > OPTIONS_MAX || lower.len() != options.len() {
        return Err(Text::PollOptionsInvalid);
    }
    if options.iter().any(|o| o.chars().count() > OPTION_MAX) {
        return Err(Text::TooLong);
    }
    let closes_at = DateTime::parse_from_rfc3339(closes_at.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Text::PollClosesInvalid)?;
    if closes_at <= now || closes_at > now + Duration::days(DURATION_MAX_DAYS) {
        return Err(Text::PollClosesInvalid);
    }
    Ok((question.to_owned(), options, closes_at))
}

fn is_closed(poll: &Poll, overlay: &Overlay, now: DateTime<Utc>) -> bool {
    poll.closed || poll.closes_at <= now || overlay.closed_polls.contains(&poll.id)
}

/// The group's polls, newest first, with my vote as I last chose it.
pub fn group_polls(session: &Session, overlay: &Overlay, group_id: Uuid, language: Language) -> Vec<PollView> {
    let say = |text: Text| text.in_language(language).to_owned();
    let runs = crate::events::organise::runs(session, group_id);
    let member = session.store.my_role(group_id).is_some();
    let now = session.clock.now();
    session
        .store
        .polls_of(group_id)
        .map(|poll| {
            let closed = is_closed(poll, overlay, now);
            let held_vote = session.store.my_vote(poll.id).map(|v| v.choices.as_slice());
            let mine: &[u32] = match overlay.votes.get(&poll.id) {
                Some(choices) => choices,
                None => held_vote.unwrap_or(&[]),
            };
            // Counts read online for an open poll (none kept once it closes: the poll has them).
            let read = session.pages.poll_results.results.get(&poll.id).filter(|_| !closed);
            let voter_count = read.map_or(poll.voter_count, |r| r.voter_count);
            let results_hint = if closed || read.is_some() {
                (voter_count == 0).then(|| say(Text::PollNoVoteYet))
            } else {
                Some(match poll.results_shown {
                    ResultsShown::AfterVoting => say(Text::ResultsAfterVoting),
                    ResultsShown::AfterClosing => say(Text::ResultsAfterClosing),
                })
            };
            PollView {
                id: poll.id.to_string(),
                question: poll.question.clone(),
                author_name: poll.author_name.clone(),
                options: poll
                    .options
                    .iter()
                    .map(|o| {
                        let counted = read.and_then(|r| r.options.iter().find(|r| r.index == o.index));
                        PollOptionView {
                            index: o.index,
                            text: o.text.clone(),
                            chosen: mine.contains(&o.index),
                            votes: counted.map(|c| c.votes).or(o.votes),
                            voters: counted.map(|c| c.voters.clone()).unwrap_or_default(),
                        }
                    })
                    .collect(),
                multiple: poll.multiple,
                anonymous: poll.anonymous,
                closed,
                closes_at: rfc3339(poll.closes_at),
                closes_when: crate::i18n::when(poll.closes_at, session.time_zone(), language),
                voter_count,
                voted: !mine.is_empty(),
                can_vote: member && !closed,
                can_close: runs && !closed,
                results_hint,
                pending: overlay.votes.contains_key(&poll.id) || overlay.closed_polls.contains(&poll.id),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use fabrique_wire::polls::PollResults;

    use super::*;

    #[test]
    fn a_poll_needs_a_question_two_different_options_and_a_closing_date_to_come() {
        let now = Utc::now();
        let tomorrow = rfc3339(now + Duration::days(1));
        let two = vec!["Oui".to_owned(), "Non".to_owned()];
        assert!(checked("Samedi ?", &two, &tomorrow, now).is_ok());
        assert_eq!(checked("  ", &two, &tomorrow, now).unwrap_err(), Text::PollQuestionRequired);
        assert_eq!(checked("Samedi ?", &two[..1], &tomorrow, now).unwrap_err(), Text::PollOptionsInvalid);
        let same = vec!["Oui".to_owned(), "oui ".to_owned()];
        assert_eq!(checked("Samedi ?", &same, &tomorrow, now).unwrap_err(), Text::PollOptionsInvalid);
        let yesterday = rfc3339(now - Duration::days(1));
        assert_eq!(checked("Samedi ?", &two, &yesterday, now).unwrap_err(), Text::PollClosesInvalid);
        assert_eq!(checked("Samedi ?", &two, "demain", now).unwrap_err(), Text::PollClosesInvalid);
    }

    #[test]
    fn a_members_vote_shows_at_once_on_the_groups_page_and_a_closed_poll_takes_no_vote() {
        use crate::model::{Event, Route};
        use crate::testing::*;
        use crate::view::Screen;
        use fabrique_wire::polls::PollOption;
        use fabrique_wire::sync::{Entity, scope};

        let (me_id, group) = (Uuid::now_v7(), Uuid::now_v7());
        let poll = |id: Uuid, closed: bool| Poll {
            id,
            group_id: group,
            author_id: Uuid::now_v7(),
            author_name: "Chloé".into(),
            question: "Quelle date ?".into(),
            options: ["Samedi", "Dimanche"]
                .iter()
                .enumerate()
                .map(|(i, t)| PollOption { index: i as u32, text: (*t).into(), votes: closed.then_some(3) })
                .collect(),
            multiple: false,
            anonymous: false,
            results_shown: ResultsShown::AfterClosing,
            closes_at: Utc::now() + Duration::days(3),
            closed,
            voter_count: if closed { 3 } else { 0 },
            created_at: Utc::now(),
        };
        let (open, over) = (Uuid::now_v7(), Uuid::now_v7());
        let mut pull = first_pull(me_id, group, vec![]);
        pull.changes.push(put(40, &scope::group(group), open, Entity::Poll(poll(open, false))));
        pull.changes.push(put(41, &scope::group(group), over, Entity::Poll(poll(over, true))));
        let mut shell = signed_in(me_id, &pull);
        shell.send(Event::Navigate(Route::Group { id: group.to_string() }));
        shell.send(Event::Polls(PollsEvent::Vote { poll_id: open.to_string(), choices: vec![1] }));
        let Screen::Group(view) = shell.screen() else { panic!("the group") };
        let shown = view.polls.iter().find(|p| p.id == open.to_string()).unwrap();
        assert!(shown.voted && shown.pending && shown.can_vote);
        assert!(shown.options[1].chosen && !shown.options[0].chosen);
        assert_eq!(shown.results_hint.as_deref(), Some(Text::ResultsAfterClosing.in_language(Language::French)));
        let closed = view.polls.iter().find(|p| p.id == over.to_string()).unwrap();
        assert!(closed.closed && !closed.can_vote);
        assert_eq!(closed.options[0].votes, Some(3));

        shell.send(Event::Polls(PollsEvent::Vote { poll_id: over.to_string(), choices: vec![0] }));
        assert!(shell.view().notice.is_some(), "a closed poll says so");
    }

    #[test]
    fn after_voting_a_member_sees_the_counts_so_far_read_from_the_server_and_who_chose_what() {
        use crate::model::{Event, Route};
        use crate::testing::*;
        use crate::view::Screen;
        use fabrique_wire::polls::{MyVote, OptionResult, PollOption};
        use fabrique_wire::sync::{Entity, scope};

        let (me_id, group, poll_id) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let poll = Poll {
            id: poll_id,
            group_id: group,
            author_id: Uuid::now_v7(),
            author_name: "Chloé".into(),
            question: "Quelle date ?".into(),
            options: ["Samedi", "Dimanche"]
                .iter()
                .enumerate()
                .map(|(i, t)| PollOption { index: i as u32, text: (*t).into(), votes: None })
                .collect(),
            multiple: false,
            anonymous: false,
            results_shown: ResultsShown::AfterVoting,
            closes_at: Utc::now() + Duration::days(3),
            closed: false,
            voter_count: 0,
            created_at: Utc::now(),
        };
        let mut pull = first_pull(me_id, group, vec![]);
        pull.changes.push(put(40, &scope::group(group), poll_id, Entity::Poll(poll)));
        let mut shell = signed_in(me_id, &pull);
        shell.send(Event::Navigate(Route::Group { id: group.to_string() }));
        assert!(
            !shell.waiting_paths().iter().any(|p| p.starts_with("/v1/polls/")),
            "not before I vote: {:?}",
            shell.waiting_paths()
        );

        shell.send(Event::Polls(PollsEvent::Vote { poll_id: poll_id.to_string(), choices: vec![1] }));
        shell.fire_timers();
        let applied =
            fabrique_wire::sync::MutationResult { id: 1, outcome: fabrique_wire::sync::MutationOutcome::Applied };
        shell.answer_json(
            "/v1/sync/push",
            200,
            &fabrique_wire::sync::PushResponse { results: vec![applied], last_mutation_id: 1 },
        );
        // My vote, applied, comes back in the pull: the counts are then read.
        let vote = MyVote { poll_id, group_id: group, choices: vec![1], voted_at: Utc::now() };
        let my_scope = scope::person(me_id);
        while shell.waiting_paths().iter().any(|p| p == "/v1/sync/pull") {
            shell.answer_json(
                "/v1/sync/pull",
                200,
                &pull_page(vec![put(50, &my_scope, Uuid::now_v7(), Entity::MyVote(vote.clone()))], 1),
            );
        }
        let results = PollResults {
            poll_id,
            closed: false,
            voter_count: 3,
            options: vec![
                OptionResult { index: 0, text: "Samedi".into(), votes: 1, voters: vec!["Bruno".into()] },
                OptionResult {
                    index: 1,
                    text: "Dimanche".into(),
                    votes: 2,
                    voters: vec!["Awa Diallo".into(), "Chloé".into()],
                },
            ],
        };
        shell.answer_json(&format!("/v1/polls/{poll_id}/results"), 200, &results);
        let Screen::Group(view) = shell.screen() else { panic!("the group") };
        let shown = &view.polls[0];
        assert_eq!(shown.voter_count, 3);
        assert_eq!(shown.options[1].votes, Some(2));
        assert_eq!(shown.options[1].voters, vec!["Awa Diallo".to_owned(), "Chloé".to_owned()]);
        assert_eq!(shown.results_hint, None);
    }
}
