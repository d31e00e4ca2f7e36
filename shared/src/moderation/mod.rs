//! Moderation in the app: the federation's charter, read and accepted before taking part,
//! and reporting what goes against it.
//!
//! The charter in force is read online (`GET /v1/charter`) when the session starts, when
//! the app comes back to the foreground, and when the server refuses a write because it is
//! not accepted. Until it is, the app says so above every screen; a write refused for that
//! reason is not lost: accepting the charter sends it again, after the acceptance.
//! A report is a write like any other (it waits in the outbox when offline).

pub mod types;
pub use self::types::*;

use crux_core::{Command, render::render};
use fabrique_wire::moderation::{Charter, ReportReason, ReportTarget};
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use crate::api::Failure;
use crate::i18n::{Language, Text};
use crate::model::{Cmd, Route, Session};
use crate::pages::Fetch;
use crate::sync;

/// The server's code for a write refused until the charter is accepted.
pub const CHARTER_NOT_ACCEPTED: &str = "charter_not_accepted";

pub fn update(event: ModerationEvent, session: &mut Session) -> Cmd {
    match event {
        ModerationEvent::WritesRefused { epoch, codes } if epoch == session.epoch => after_refusals(session, &codes),
        ModerationEvent::WritesRefused { .. } => Command::done(),
        ModerationEvent::AcceptCharter => accept(session),
        ModerationEvent::Report { what, id, reason, details } => {
            let Ok(target_id) = id.parse::<Uuid>() else { return render() };
            let report = Mutation::Report {
                id: session.clock.new_id(),
                target: what.wire(),
                target_id,
                reason: reason.wire(),
                details: details.trim().to_owned(),
            };
            session.notice = Some(Text::ReportSent);
            if matches!(session.route(), Route::Report { .. }) && session.nav.len() > 1 {
                session.nav.pop();
            }
            sync::write(session, report).and(render())
        }
        ModerationEvent::DecideReport { case_id, decision, reason } => {
            let Ok(case_id) = case_id.parse::<Uuid>() else { return render() };
            if reason.trim().is_empty() {
                session.notice = Some(Text::DecisionReasonRequired);
                return render();
            }
            session.notice = Some(Text::DecisionSent);
            let decide =
                Mutation::DecideReport { case_id, decision: decision.wire(), reason: reason.trim().to_owned() };
            sync::write(session, decide).and(render())
        }
    }
}

/// The open reports about a group, for the people who run it (empty for the others).
pub fn group_reports(
    session: &Session,
    overlay: &crate::sync::overlay::Overlay,
    group_id: Uuid,
    language: Language,
) -> (Vec<GroupReportView>, Vec<DecisionOption>) {
    let runs = matches!(
        session.store.my_role(group_id),
        Some(fabrique_wire::groups::GroupRole::Organiser | fabrique_wire::groups::GroupRole::Admin)
    );
    if !runs {
        return (Vec::new(), Vec::new());
    }
    let reports: Vec<GroupReportView> = session
        .store
        .group_reports(group_id)
        .into_iter()
        .filter(|r| !overlay.decided_reports.contains(&r.id))
        .map(|r| {
            let what = match (r.target, language) {
                (ReportTarget::Post, Language::French) => "Publication",
                (ReportTarget::Post, Language::English) => "Post",
                (ReportTarget::Comment, Language::French) => "Commentaire",
                (ReportTarget::Comment, Language::English) => "Comment",
                (ReportTarget::Question, Language::French) => "Question",
                (ReportTarget::Question, Language::English) => "Question",
                (ReportTarget::Answer, Language::French) => "Réponse",
                (ReportTarget::Answer, Language::English) => "Answer",
                (ReportTarget::Person, Language::French) => "Profil",
                (ReportTarget::Person, Language::English) => "Profile",
            };
            let reasons: Vec<&str> = r.reasons.iter().map(|reason| why(*reason).label(language)).collect();
            let count = match language {
                Language::French => format!("{} signalement(s)", r.report_count),
                Language::English => format!("{} report(s)", r.report_count),
            };
            GroupReportView {
                case_id: r.id.to_string(),
                title: match language {
                    Language::French => format!("{what} de {}", r.author_name),
                    Language::English => format!("{what} by {}", r.author_name),
                },
                excerpt: r.excerpt.clone(),
                reasons: format!("{} ({count})", reasons.join(", ")),
            }
        })
        .collect();
    let options = if reports.is_empty() {
        Vec::new()
    } else {
        Decision::ALL.iter().map(|d| DecisionOption { decision: *d, label: d.label(language).to_owned() }).collect()
    };
    (reports, options)
}

fn why(reason: ReportReason) -> ReportWhy {
    match reason {
        ReportReason::Spam => ReportWhy::Spam,
        ReportReason::Harassment => ReportWhy::Harassment,
        ReportReason::Hateful => ReportWhy::Hateful,
        ReportReason::FalseInformation => ReportWhy::FalseInformation,
        ReportReason::PrivateInformation => ReportWhy::PrivateInformation,
        ReportReason::Other => ReportWhy::Other,
    }
}

/// Asks the server for the charter in force.
pub fn refresh(session: &mut Session) -> Cmd {
    let (tag, cmd) = session.fetch(Fetch::Charter, "/v1/charter");
    session.charter.tag = Some(tag);
    cmd
}

pub fn is_fresh(session: &Session, tag: u64) -> bool {
    session.charter.tag == Some(tag)
}

pub fn answered(session: &mut Session, result: Result<Charter, Failure>) {
    session.charter.tag = None;
    match result {
        Ok(charter) => session.charter.known = Some(Some(charter)),
        Err(Failure::Refused { status: 404, .. }) => session.charter.known = Some(None),
        // Offline or server trouble: what was known stays; the next start asks again.
        Err(_) => {}
    }
}

/// Accepting: the acceptance first, then every write that was refused for want of it, in
/// their order, so that none is lost.
fn accept(session: &mut Session) -> Cmd {
    let Some(charter) = session.charter.pending() else { return render() };
    let version = charter.version;
    if let Some(Some(charter)) = &mut session.charter.known {
        charter.accepted = true;
    }
    session.outbox.add(Mutation::AcceptCharter { version });
    let held: Vec<_> = session.outbox.failed.iter().filter(|f| f.code == CHARTER_NOT_ACCEPTED).cloned().collect();
    session.outbox.failed.retain(|f| f.code != CHARTER_NOT_ACCEPTED);
    for write in held {
        session.outbox.add(write.mutation);
    }
    session.notice = Some(Text::CharterAccepted);
    if matches!(session.route(), Route::Charter) && session.nav.len() > 1 {
        session.nav.pop();
    }
    sync::save_outbox(session).and(render())
}

/// After a push: a write refused for want of the charter means a (new) version is in force.
pub fn after_refusals(session: &mut Session, codes: &[String]) -> Cmd {
    if codes.iter().any(|c| c == CHARTER_NOT_ACCEPTED || c == "charter_outdated") {
        if let Some(Some(charter)) = &mut session.charter.known {
            charter.accepted = false;
        }
        return refresh(session);
    }
    Command::done()
}

/// Writes kept until the charter is accepted.
pub fn held_count(session: &Session) -> usize {
    session.outbox.failed.iter().filter(|f| f.code == CHARTER_NOT_ACCEPTED).count()
}

pub fn charter_view(session: &Session, language: Language) -> CharterView {
    let say = |t: Text| t.in_language(language).to_owned();
    let title = say(Text::CharterTitle);
    match &session.charter.known {
        Some(Some(charter)) => {
            let held = held_count(session);
            CharterView {
                title,
                text: charter.text.clone(),
                version: charter.version,
                accepted: charter.accepted,
                accept_label: (!charter.accepted).then(|| say(Text::CharterAccept)),
                held_text: (held > 0).then(|| match language {
                    Language::French => format!("{held} écrit(s) partiront dès que vous aurez accepté la charte."),
                    Language::English => format!("{held} write(s) will be sent as soon as you accept the charter."),
                }),
                empty_text: None,
            }
        }
        Some(None) => CharterView {
            title,
            text: String::new(),
            version: 0,
            accepted: true,
            accept_label: None,
            held_text: None,
            empty_text: Some(say(Text::NoCharter)),
        },
        None => CharterView {
            title,
            text: String::new(),
            version: 0,
            accepted: false,
            accept_label: None,
            held_text: None,
            empty_text: Some(say(Text::Loading)),
        },
    }
}

/// Above every screen while the charter waits for the person's acceptance.
pub fn prompt(session: &Session, language: Language) -> Option<String> {
    session.charter.pending().map(|_| Text::CharterPrompt.in_language(language).to_owned())
}

pub fn report_view(what: ReportWhat, id: &str, language: Language) -> ReportView {
    ReportView {
        what,
        id: id.to_owned(),
        title: Text::ReportTitle.in_language(language).to_owned(),
        hint: Text::ReportHint.in_language(language).to_owned(),
        reasons: ReportWhy::ALL
            .iter()
            .map(|r| ReportReasonView { reason: *r, label: r.label(language).to_owned() })
            .collect(),
        details_label: Text::ReportDetails.in_language(language).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use fabrique_wire::moderation::Charter;
    use fabrique_wire::sync::{Mutation, MutationOutcome, MutationResult, PushRequest, PushResponse};
    use uuid::Uuid;

    use super::{ModerationEvent, ReportWhat, ReportWhy};
    use crate::composer::types::ComposerEvent;
    use crate::composer::types::ComposerTarget;
    use crate::model::{Event, Route};
    use crate::testing::{first_pull, pull_page, signed_in};
    use crate::view::Screen;

    fn charter(accepted: bool) -> Charter {
        Charter { version: 3, text: "1. On se respecte.".into(), published_at: chrono::Utc::now(), accepted }
    }

    #[test]
    fn a_post_refused_for_the_charter_is_sent_again_after_accepting_it_and_nothing_is_lost() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        assert!(shell.view().charter_prompt.is_none(), "no charter, no prompt");

        // A charter is published meanwhile: the post is refused, kept, and the app asks.
        shell.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() })));
        shell.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Réunion jeudi".into() }));
        shell.fire_timers();
        shell.charter = Some(charter(false));
        let outcome = MutationOutcome::Rejected { code: "charter_not_accepted".into(), message: "no".into() };
        shell.answer_json(
            "/v1/sync/push",
            200,
            &PushResponse { results: vec![MutationResult { id: 1, outcome }], last_mutation_id: 1 },
        );
        let view = shell.view();
        assert_eq!(
            view.charter_prompt.as_deref(),
            Some("Avant de publier, lisez et acceptez la charte de la fédération.")
        );
        assert_eq!(view.status.failed[0].text, "Réunion jeudi");

        shell.send(Event::Navigate(Route::Charter));
        let Screen::Charter(page) = shell.screen() else { panic!("the charter") };
        assert_eq!((page.version, page.text.as_str()), (3, "1. On se respecte."));
        assert_eq!(page.held_text.as_deref(), Some("1 écrit(s) partiront dès que vous aurez accepté la charte."));
        assert!(page.accept_label.is_some());

        shell.send(Event::Moderation(ModerationEvent::AcceptCharter));
        let view = shell.view();
        assert!(view.charter_prompt.is_none());
        assert!(view.status.failed.is_empty());
        shell.answer_json("/v1/sync/pull", 200, &pull_page(vec![], 1));
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let sent: PushRequest = serde_json::from_slice(&push.operation.body).unwrap();
        assert!(
            matches!(sent.mutations[0].mutation, Mutation::AcceptCharter { version: 3 }),
            "the acceptance goes first"
        );
        assert!(
            matches!(&sent.mutations[1].mutation, Mutation::CreatePost(fabrique_wire::posts::NewPost { body, .. }) if body == "Réunion jeudi"),
            "then the post"
        );
    }

    #[test]
    fn a_report_goes_through_the_outbox_and_says_what_happens_next() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        let post = Uuid::now_v7();
        shell.send(Event::Navigate(Route::Report { what: ReportWhat::Post, id: post.to_string() }));
        let Screen::Report(page) = shell.screen() else { panic!("the report screen") };
        assert_eq!(page.reasons.len(), 6);
        assert_eq!(page.reasons[0].label, "Publicité ou message indésirable");
        shell.send(Event::Moderation(ModerationEvent::Report {
            what: ReportWhat::Post,
            id: post.to_string(),
            reason: ReportWhy::Spam,
            details: " Publicité ".into(),
        }));
        let view = shell.view();
        assert!(view.notice.is_some_and(|n| n.contains("modérateurs")));
        assert!(!matches!(view.screen, Screen::Report(_)), "back where the person was");
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let sent: PushRequest = serde_json::from_slice(&push.operation.body).unwrap();
        assert!(
            matches!(&sent.mutations[0].mutation, Mutation::Report { target_id, details, .. } if *target_id == post && details == "Publicité")
        );
    }

    #[test]
    fn an_organiser_sees_the_reports_about_their_group_and_a_decision_takes_it_off_at_once() {
        use fabrique_wire::groups::GroupRole;
        use fabrique_wire::moderation::{GroupReport, ReportReason, ReportTarget};
        use fabrique_wire::sync::Entity;

        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut pull = first_pull(person, group, vec![]);
        for change in &mut pull.changes {
            if let Some(Entity::GroupMember(member)) = &mut change.entity {
                member.role = GroupRole::Organiser;
            }
        }
        let case = Uuid::now_v7();
        let report = GroupReport {
            id: case,
            group_id: group,
            target: ReportTarget::Post,
            target_id: Uuid::now_v7(),
            author_name: "Bruno".into(),
            excerpt: "Vends montres".into(),
            reasons: vec![ReportReason::Spam],
            report_count: 2,
            opened_at: chrono::Utc::now(),
        };
        pull.changes.push(crate::testing::put(9, &format!("group-admin:{group}"), case, Entity::GroupReport(report)));
        let mut shell = signed_in(person, &pull);
        shell.send(Event::Navigate(Route::Group { id: group.to_string() }));
        let Screen::Group(page) = shell.screen() else { panic!("the group") };
        assert_eq!(page.reports.len(), 1);
        assert_eq!(page.reports[0].title, "Publication de Bruno");
        assert_eq!(page.reports[0].reasons, "Publicité ou message indésirable (2 signalement(s))");
        assert_eq!(page.report_decisions.len(), 4, "no suspension from the app");

        shell.send(Event::Moderation(ModerationEvent::DecideReport {
            case_id: case.to_string(),
            decision: super::Decision::Hide,
            reason: "  ".into(),
        }));
        assert!(shell.view().notice.is_some_and(|n| n.contains("raison")), "a decision needs its reason");
        shell.send(Event::Moderation(ModerationEvent::DecideReport {
            case_id: case.to_string(),
            decision: super::Decision::Hide,
            reason: "Publicité".into(),
        }));
        let Screen::Group(page) = shell.screen() else { panic!("the group") };
        assert!(page.reports.is_empty(), "decided on this phone: off the list at once");
    }
}
