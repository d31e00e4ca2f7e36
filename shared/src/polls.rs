//! Polls on a group's page: vote and change one's vote until the poll closes (my choice
//! shows at once), see the counts once it is closed, and, for organisers, create a poll or
//! close one early. Checks that need no server (a question, 2 to 20 different options, a
//! closing date to come) are made here, so that a mistake is said before anything is sent.

use chrono::{DateTime, Duration, Utc};
use crux_core::render::render;
use fabrique_wire::polls::{DURATION_MAX_DAYS, OPTION_MAX, OPTIONS_MAX, OPTIONS_MIN, Poll, QUESTION_MAX, ResultsShown};
use fabrique_wire::sync::Mutation;
use facet::Facet;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::app::{Cmd, Session};
use crate::i18n::{Language, Text};
use crate::posts::{parse, rfc3339};
use crate::sync::{self, overlay::Overlay};
use crate::view::{PollOptionView, PollView};

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum PollsEvent {
    /// My choices (option indexes); none takes my vote back.
    Vote { poll_id: String, choices: Vec<u32> },
    /// Organisers: close before the date.
    Close { poll_id: String },
    /// Organisers: a new poll in the group; `closes_at` is RFC 3339 (the shell's date picker).
    Create {
        group_id: String,
        question: String,
        options: Vec<String>,
        multiple: bool,
        anonymous: bool,
        results_after_voting: bool,
        closes_at: String,
    },
}

pub fn update(event: PollsEvent, session: &mut Session) -> Cmd {
    match event {
        PollsEvent::Vote { poll_id, choices } => match parse(&poll_id) {
            Some(poll_id) => {
                if session.store.poll(poll_id).is_some_and(|p| is_closed(p, &Overlay::of(&session.outbox), now())) {
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
            match checked(&question, &options, &closes_at, now()) {
                Ok((question, options, closes_at)) => {
                    let results_shown =
                        if results_after_voting { ResultsShown::AfterVoting } else { ResultsShown::AfterClosing };
                    let poll = Mutation::CreatePoll {
                        id: Uuid::now_v7(),
                        group_id,
                        question,
                        options,
                        multiple,
                        anonymous,
                        results_shown,
                        closes_at,
                    };
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

fn now() -> DateTime<Utc> {
    Utc::now()
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
    let now = now();
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
            let results_hint = if closed {
                (poll.voter_count == 0).then(|| say(Text::PollNoVoteYet))
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
                    .map(|o| PollOptionView {
                        index: o.index,
                        text: o.text.clone(),
                        chosen: mine.contains(&o.index),
                        votes: o.votes,
                    })
                    .collect(),
                multiple: poll.multiple,
                anonymous: poll.anonymous,
                closed,
                closes_at: rfc3339(poll.closes_at),
                voter_count: poll.voter_count,
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
        use crate::app::{Event, Route};
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
}
