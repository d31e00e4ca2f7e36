//! The sync client of DESIGN.md §5: push the outbox, then pull until nothing is left.
//!
//! One sync runs at a time; a reason to sync that arrives meanwhile (a poke, a new write)
//! makes it run once more at the end. A sync starts on start, on coming to the foreground,
//! on a poke, on a push notification, after a local write (debounced), on pull-to-refresh
//! and on a timer. A failure retries with exponential backoff and jitter. Start with
//! [`request`] and [`on_event`].

pub mod types;
pub use self::types::*;

pub mod outbox;
pub mod overlay;

use crux_core::{Command, render::render};
use crux_http::protocol::HttpResult;
use crux_kv::KeyValueResult;
use crux_time::{Duration, TimeRequest, TimeResponse, TimerId};
use fabrique_wire::sync::{Mutation, PullRequest, PullResponse, PushRequest, PushResponse};

use crate::api::{self, Failure};
use crate::attachments::types::{AttachmentsEvent, UploadAnswer};
use crate::composer::types::ComposerEvent;
use crate::i18n::{self, Text};
use crate::model::{Cmd, Event, Session};
use crate::moderation::types::ModerationEvent;
use crate::notifications::types::{NotificationsEvent, PushAnswer};
use crate::polls::types::PollsEvent;
use crate::realtime::RealtimeOperation;
use crate::storage;
use crate::store::{SavedIndex, SavedScope};
use outbox::Outbox;

/// A local write waits this long for others before the sync starts.
const DEBOUNCE_MS: u64 = 400;
/// Without pokes, a foreground app still syncs this often.
const PERIODIC_MS: u64 = 5 * 60 * 1000;
const BACKOFF_FIRST_MS: u64 = 1000;
const BACKOFF_MAX_MS: u64 = 60 * 1000;

/// Load the person's store and outbox from the device.
pub fn load(session: &Session) -> Cmd {
    let epoch = session.epoch;
    let person = session.person_id;
    // The index first, then each scope it lists, in one task.
    let store = Command::new(move |ctx| async move {
        let index = ctx.request_from_shell(storage::get(storage::store_key(person))).await;
        let index = storage::read::<SavedIndex>(index).ok().flatten();
        let mut scopes = Vec::new();
        if let Some(index) = &index {
            for scope in &index.scopes {
                let saved = ctx.request_from_shell(storage::get(storage::scope_key(person, scope))).await;
                match storage::read::<SavedScope>(saved) {
                    Ok(Some(saved)) => scopes.push((scope.clone(), saved)),
                    // A scope that does not read makes the whole copy unsure: start again.
                    _ => {
                        ctx.send_event(answered(epoch, SyncAnswer::StoreLoaded { index: None, scopes: Vec::new() }));
                        return;
                    }
                }
            }
        }
        ctx.send_event(answered(epoch, SyncAnswer::StoreLoaded { index, scopes }));
    });
    let outbox = Command::request_from_shell(storage::get(storage::outbox_key(session.person_id)))
        .then_send(move |result| answered(epoch, SyncAnswer::OutboxLoaded(result)));
    let draft = Command::request_from_shell(storage::get(storage::draft_key(person)))
        .then_send(move |result| Event::Composer(ComposerEvent::DraftLoaded(epoch, Box::new(result))));
    store.and(outbox).and(draft)
}

/// The store read back: a copy that does not read is only a copy (the server has it all),
/// so the sync then starts again from an empty store.
fn store_loaded(session: &mut Session, index: Option<SavedIndex>, scopes: Vec<(String, SavedScope)>) -> Cmd {
    if let Some(index) = index {
        session.cursor = index.cursor;
        for (scope, saved) in scopes {
            session.store.load_scope(&scope, saved);
        }
        session.store.loaded();
    }
    session.store_loaded = true;
    on_loaded(session)
}

fn outbox_loaded(session: &mut Session, result: KeyValueResult) -> Cmd {
    let raw = storage::raw(&result);
    let epoch = session.epoch;
    match storage::read_versioned::<Outbox>(result, outbox::OUTBOX_MIGRATIONS) {
        Ok(Some(outbox)) => session.outbox = outbox.loaded(),
        Ok(None) => {}
        // A value that no longer reads cannot be sent, but it is what the person wrote: it is
        // copied aside as it is (a later version, or support, can read it), never overwritten,
        // and the person is told. A new client id starts a new numbering (no gap for the server).
        Err(storage::Unreadable) => {
            session.notice = Some(Text::UnsentKeptAside);
            if let Some(bytes) = raw {
                // Named after this session's new client id: one copy per unreadable load.
                let key = storage::kept_outbox_key(session.person_id, session.outbox.client_id);
                // Written before anything else: the outbox's own key is written again only
                // once the copy is on the device.
                return Command::request_from_shell(storage::set_raw(key, bytes))
                    .then_send(move |_| answered(epoch, SyncAnswer::OutboxKept));
            }
        }
    }
    session.outbox_loaded = true;
    on_loaded(session)
}

fn on_loaded(session: &mut Session) -> Cmd {
    if !session.loaded() {
        return Command::done();
    }
    let save = save_outbox(session);
    connect_realtime(session)
        .and(save)
        .and(request(session))
        .and(start_periodic(session))
        .and(news(Event::Notifications(NotificationsEvent::Answered(session.epoch, Box::new(PushAnswer::Loaded)))))
        .and(render())
}

/// What sync tells the other areas (push registration, uploads, the charter, polls' results):
/// an event that the app routes to them, so that sync, which every area uses to write,
/// imports none of them.
fn news(news: Event) -> Cmd {
    Command::event(news)
}

pub fn connect_realtime(session: &Session) -> Cmd {
    if !session.loaded() {
        return Command::done();
    }
    let url = api::url(&session.credentials.server_url, "/v1/sync/events");
    Command::notify_shell(RealtimeOperation::Connect { url, token: session.credentials.token.clone() }).into()
}

/// Ask for a sync: now if none is running, at the end of the current one otherwise.
pub fn request(session: &mut Session) -> Cmd {
    if !session.loaded() {
        return Command::done();
    }
    if session.sync.in_flight {
        session.sync.again = true;
        return Command::done();
    }
    session.sync.in_flight = true;
    session.sync.again = false;
    // A reason to sync is a reason to try the files waiting too.
    next_step(session)
        .and(news(Event::Attachments(AttachmentsEvent::Answered(session.epoch, Box::new(UploadAnswer::SyncAsked)))))
}

fn next_step(session: &mut Session) -> Cmd {
    if session.outbox.has_unsent() { push(session) } else { pull(session) }
}

fn push(session: &Session) -> Cmd {
    let body = PushRequest { client_id: session.outbox.client_id, mutations: session.outbox.to_send() };
    let request = api::post(Some(&session.credentials), &session.credentials.server_url, "/v1/sync/push", &body);
    let epoch = session.epoch;
    Command::request_from_shell(request).then_send(move |result| answered(epoch, SyncAnswer::Pushed(result)))
}

fn pull(session: &Session) -> Cmd {
    let body = PullRequest { client_id: Some(session.outbox.client_id), cursor: session.cursor.clone(), limit: None };
    let request = api::post(Some(&session.credentials), &session.credentials.server_url, "/v1/sync/pull", &body);
    let epoch = session.epoch;
    Command::request_from_shell(request).then_send(move |result| answered(epoch, SyncAnswer::Pulled(result)))
}

/// A local write: keep it in the outbox, save the outbox, and only once saved show and send it.
pub fn write(session: &mut Session, mutation: Mutation) -> Cmd {
    session.outbox.add(mutation);
    save_outbox(session)
}

pub fn save_outbox(session: &Session) -> Cmd {
    let epoch = session.epoch;
    let through = session.outbox.next_id - 1;
    Command::request_from_shell(storage::set_versioned(
        storage::outbox_key(session.person_id),
        outbox::OUTBOX_FORMAT,
        &session.outbox,
    ))
    .then_send(move |result| answered(epoch, SyncAnswer::OutboxSaved { through, result }))
}

fn outbox_saved(session: &mut Session, through: u64, result: KeyValueResult) -> Cmd {
    if !storage::done(&result) {
        session.outbox.unsaved(through);
        session.notice = Some(Text::DeviceStorageFailed);
        return render();
    }
    let newly_saved = through > session.outbox.saved_through;
    session.outbox.saved(through);
    if newly_saved { debounce(session).and(render()) } else { Command::done() }
}

/// Write the scopes a pull changed, then the index with the cursor: one save at a time, so
/// the saved cursor never runs ahead of the saved scopes.
pub fn save_store(session: &mut Session) -> Cmd {
    if session.sync.saving_store {
        session.sync.save_store_again = true;
        return Command::done();
    }
    if !session.store.has_unsaved() {
        return Command::done();
    }
    session.sync.saving_store = true;
    session.sync.save_store_again = false;
    let person = session.person_id;
    let (changed, index) = session.store.take_unsaved(session.cursor.clone());
    let mut operations: Vec<_> = changed
        .into_iter()
        .map(|(scope, saved)| match saved {
            Some(saved) => storage::set(storage::scope_key(person, &scope), &saved),
            None => storage::delete(storage::scope_key(person, &scope)),
        })
        .collect();
    operations.push(storage::set(storage::store_key(person), &index));
    // The names a push notice may use, for the push handler that runs without the app.
    let names = crate::notifications::types::NoticeNames::of(&session.store);
    if session.sync.notice_names.as_ref() != Some(&names) {
        operations.push(storage::set(storage::NOTICE_NAMES, &names));
        session.sync.notice_names = Some(names);
    }
    let epoch = session.epoch;
    let task = Command::new(move |ctx| async move {
        let mut saved = true;
        for operation in operations {
            if !storage::done(&ctx.request_from_shell(operation).await) {
                saved = false;
                break;
            }
        }
        ctx.send_event(answered(epoch, SyncAnswer::StoreSaved { saved }));
    });
    session.sync.store_save = Some(task.abort_handle());
    task
}

fn store_saved(session: &mut Session, saved: bool) -> Cmd {
    session.sync.saving_store = false;
    session.sync.store_save = None;
    if !saved {
        session.store.mark_all_unsaved();
        session.notice = Some(Text::DeviceStorageFailed);
        return render();
    }
    if session.sync.save_store_again { save_store(session) } else { Command::done() }
}

/// An answer of sync's effects, for the active session. `Err`: the server no longer knows
/// the session (the app signs out, keeping the outbox).
pub fn on_answer(session: &mut Session, answer: SyncAnswer) -> Result<Cmd, SessionExpired> {
    match answer {
        SyncAnswer::StoreLoaded { index, scopes } => Ok(store_loaded(session, index, scopes)),
        SyncAnswer::OutboxLoaded(result) => Ok(outbox_loaded(session, result)),
        SyncAnswer::OutboxKept => {
            session.outbox_loaded = true;
            Ok(on_loaded(session))
        }
        SyncAnswer::OutboxSaved { through, result } => Ok(outbox_saved(session, through, result)),
        SyncAnswer::StoreSaved { saved } => Ok(store_saved(session, saved)),
        SyncAnswer::Pushed(result) => pushed(session, result),
        SyncAnswer::Pulled(result) => pulled(session, result),
        SyncAnswer::Timer { timer, response } => Ok(timer_fired(session, timer, response)),
    }
}

fn answered(epoch: u64, answer: SyncAnswer) -> Event {
    Event::Sync(epoch, Box::new(answer))
}

fn pushed(session: &mut Session, result: HttpResult) -> Result<Cmd, SessionExpired> {
    match api::decode::<PushResponse>(result) {
        Ok(answer) => {
            reached(session);
            let failed = session.outbox.answered(&answer.results, answer.last_mutation_id);
            if let Some(first) = failed.first() {
                session.notice = Some(i18n::for_error_code(&first.code));
            }
            let codes: Vec<String> = failed.iter().map(|f| f.code.clone()).collect();
            let charter = news(Event::Moderation(ModerationEvent::WritesRefused { epoch: session.epoch, codes }));
            let save = save_outbox(session);
            Ok(save.and(next_step(session)).and(charter).and(render()))
        }
        Err(Failure::Refused { status: 409, details, .. }) => {
            // The server expects another number: it lost writes this device believed sent
            // (a restored backup). Number them again from there; none is dropped.
            let expected = details
                .as_ref()
                .and_then(|d| d.get("expected_mutation_id"))
                .and_then(|v| v.as_u64())
                .unwrap_or(1)
                .max(1);
            session.outbox.renumber_from(expected);
            let save = save_outbox(session);
            Ok(save.and(push(session)))
        }
        Err(Failure::Unauthorized) => Err(SessionExpired),
        Err(failure) => Ok(failed(session, failure)),
    }
}

fn pulled(session: &mut Session, result: HttpResult) -> Result<Cmd, SessionExpired> {
    match api::decode::<PullResponse>(result) {
        Ok(answer) => {
            reached(session);
            if answer.reset {
                session.store.clear();
            }
            for scope in &answer.purged_scopes {
                session.store.purge(scope);
            }
            for change in answer.changes {
                session.store.apply(change);
            }
            session.cursor = Some(answer.cursor);
            session.outbox.covered(answer.last_mutation_id);
            if answer.has_more {
                return Ok(pull(session).and(render()));
            }
            session.sync.in_flight = false;
            // Votes may have changed the counts of the polls on screen.
            let results = news(Event::Polls(PollsEvent::Pulled { epoch: session.epoch }));
            let saves = save_store(session).and(save_outbox(session)).and(results);
            let again =
                if session.sync.again || session.outbox.has_unsent() { request(session) } else { Command::done() };
            Ok(saves.and(again).and(render()))
        }
        Err(Failure::Unauthorized) => Err(SessionExpired),
        Err(failure) => Ok(failed(session, failure)),
    }
}

fn reached(session: &mut Session) {
    session.sync.online = true;
    session.sync.attempt = 0;
    session.sync.failure = None;
}

/// The sync stopped: try again after a growing, jittered delay.
fn failed(session: &mut Session, failure: Failure) -> Cmd {
    session.sync.in_flight = false;
    session.sync.online = !matches!(failure, Failure::Unreachable);
    session.sync.attempt = session.sync.attempt.saturating_add(1);
    session.sync.failure = Some(if matches!(failure, Failure::Unreachable) { Text::Offline } else { failure.text() });
    session.sync.retry_generation += 1;
    let delay = backoff_ms(session.sync.attempt, jitter());
    let timer = Timer::Retry(session.sync.retry_generation);
    start_timer(session, timer, delay).and(render())
}

/// Exponential backoff capped at a minute; `jitter` in [0, 1) spreads clients over the
/// upper half of the delay so they do not all come back at once.
pub fn backoff_ms(attempt: u32, jitter: f64) -> u64 {
    let exponent = attempt.saturating_sub(1).min(16);
    let full = BACKOFF_FIRST_MS.saturating_mul(1 << exponent).min(BACKOFF_MAX_MS);
    let half = full / 2;
    half + (half as f64 * jitter.clamp(0.0, 1.0)) as u64
}

pub fn jitter() -> f64 {
    (uuid::Uuid::new_v4().as_u128() & 0xffff) as f64 / 65536.0
}

fn debounce(session: &mut Session) -> Cmd {
    session.sync.debounce_generation += 1;
    let timer = Timer::Debounce(session.sync.debounce_generation);
    start_timer(session, timer, DEBOUNCE_MS)
}

fn start_periodic(session: &mut Session) -> Cmd {
    if session.sync.periodic_running {
        return Command::done();
    }
    session.sync.periodic_running = true;
    start_timer(session, Timer::Periodic, PERIODIC_MS)
}

/// A timer id no other timer of this session uses.
pub fn timer_id(session: &mut Session) -> TimerId {
    session.sync.next_timer += 1;
    TimerId(session.sync.next_timer)
}

fn start_timer(session: &mut Session, timer: Timer, millis: u64) -> Cmd {
    let id = timer_id(session);
    let epoch = session.epoch;
    Command::request_from_shell(TimeRequest::NotifyAfter { id, duration: Duration::from_millis(millis) })
        .then_send(move |response| answered(epoch, SyncAnswer::Timer { timer, response }))
}

fn timer_fired(session: &mut Session, timer: Timer, response: TimeResponse) -> Cmd {
    if !matches!(response, TimeResponse::DurationElapsed { .. } | TimeResponse::InstantArrived { .. }) {
        return Command::done();
    }
    match timer {
        Timer::Retry(generation) if generation == session.sync.retry_generation => request(session).and(render()),
        Timer::Debounce(generation) if generation == session.sync.debounce_generation => request(session),
        Timer::Periodic => {
            session.sync.periodic_running = false;
            let sync = if session.foreground { request(session) } else { Command::done() };
            sync.and(start_periodic(session))
        }
        Timer::Retry(_) | Timer::Debounce(_) => Command::done(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_to_a_minute_and_stays_in_the_upper_half() {
        assert_eq!(backoff_ms(1, 0.0), 500);
        assert_eq!(backoff_ms(1, 0.999_9), 999);
        assert_eq!(backoff_ms(3, 0.0), 2000);
        assert_eq!(backoff_ms(30, 0.0), 30_000);
        assert!(backoff_ms(30, 0.99) <= 60_000);
    }
}

#[cfg(test)]
mod workflow_tests {
    use fabrique_wire::sync::{
        Entity, EntityKind, Mutation, MutationOutcome, MutationResult, PullResponse, PushRequest, PushResponse,
    };
    use uuid::Uuid;

    use crate::composer::types::ComposerEvent;
    use crate::composer::types::ComposerTarget;
    use crate::model::Event;
    use crate::testing::*;
    use crate::view::Screen;

    #[test]
    fn an_outbox_that_no_longer_reads_is_kept_aside_not_overwritten_and_the_person_is_told() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let first = signed_in(person, &first_pull(person, group, vec![]));
        let mut kv = first.kv.clone();
        // As an incompatible update would leave it: what the person wrote, in a shape the new
        // version cannot read.
        let old = br#"{"format":"v0","mutations":[{"body":"Compte rendu du bureau"}]}"#.to_vec();
        kv.insert(format!("outbox:{person}"), old.clone());

        let mut restarted = Shell::with_storage(kv);
        restarted.start();
        let kept: Vec<_> =
            restarted.kv.iter().filter(|(k, _)| k.starts_with(&format!("outbox-kept:{person}:"))).collect();
        assert_eq!(kept.len(), 1, "a copy aside: {:?}", restarted.kv.keys().collect::<Vec<_>>());
        assert_eq!(kept[0].1, &old, "byte for byte");
        let view = restarted.view();
        assert!(
            view.notice.as_deref().is_some_and(|n| n.contains("kept aside") || n.contains("gardés à part")),
            "{:?}",
            view.notice
        );
        assert!(matches!(restarted.screen(), Screen::Feed(_)), "and the app goes on");
    }

    #[test]
    fn an_outbox_an_earlier_version_wrote_is_read_after_the_update_and_sent() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut first = signed_in(person, &first_pull(person, group, vec![]));
        write_post(&mut first, group, "Écrit avant la mise à jour");
        let key = format!("outbox:{person}");
        let saved: serde_json::Value = serde_json::from_slice(&first.kv[&key]).unwrap();
        assert_eq!(saved["format"], 2, "written with its format's number");
        // As the version before versioned outboxes wrote it: the outbox alone.
        let mut kv = first.kv.clone();
        kv.insert(key.clone(), serde_json::to_vec(&saved["value"]).unwrap());

        let mut updated = Shell::with_storage(kv);
        updated.start();
        assert!(!updated.kv.keys().any(|k| k.starts_with("outbox-kept:")), "read, not kept aside");
        assert!(updated.view().notice.is_none());
        let Screen::Feed(feed) = updated.screen() else { panic!("the feed") };
        assert!(feed.items.iter().any(|i| i.body == "Écrit avant la mise à jour" && i.pending));
        updated.fire_timers();
        let push = updated.take_request("/v1/sync/push");
        let sent: PushRequest = serde_json::from_slice(&push.operation.body).unwrap();
        assert!(
            matches!(&sent.mutations[0].mutation, Mutation::CreatePost(p) if p.body == "Écrit avant la mise à jour"),
            "and sent: {:?}",
            sent.mutations
        );
        let resaved: serde_json::Value = serde_json::from_slice(&updated.kv[&key]).unwrap();
        assert_eq!(resaved["format"], 2, "saved again in today's format");

        // Written by a later version (the phone then went back to this one): kept aside, whole.
        let mut kv = first.kv.clone();
        let later = serde_json::to_vec(&serde_json::json!({ "format": 9, "value": { "new": "shape" } })).unwrap();
        kv.insert(key, later.clone());
        let mut older = Shell::with_storage(kv);
        older.start();
        let kept: Vec<_> = older.kv.iter().filter(|(k, _)| k.starts_with(&format!("outbox-kept:{person}:"))).collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].1, &later);
    }

    fn write_post(shell: &mut Shell, group: Uuid, body: &str) {
        shell.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() })));
        shell.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: body.into() }));
    }

    fn feed(shell: &Shell) -> crate::posts::types::FeedView {
        match shell.screen() {
            Screen::Feed(feed) => feed,
            other => panic!("expected the feed, got {other:?}"),
        }
    }

    #[test]
    fn a_post_written_offline_is_saved_before_it_is_shown_and_marked_not_sent() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.kv_broken = true;
        write_post(&mut shell, group, "Réunion jeudi");
        assert!(feed(&shell).items.is_empty(), "a write the phone could not keep is not shown");
        assert!(shell.view().notice.is_some());

        shell.kv_broken = false;
        write_post(&mut shell, group, "Réunion jeudi");
        let items = feed(&shell).items;
        assert_eq!(items.len(), 1);
        assert!(items[0].pending);
        assert_eq!(items[0].pending_label.as_deref(), Some("Pas encore envoyé"));
        assert!(String::from_utf8_lossy(&shell.kv[&format!("outbox:{person}")]).contains("Réunion jeudi"));

        // Offline: the push fails, the post stays, a retry is planned.
        shell.fire_timers();
        shell.answer_unreachable("/v1/sync/push");
        let view = shell.view();
        assert!(!view.status.online);
        assert_eq!(view.status.not_sent_count, 1);
        assert!(view.status.problem.is_some());
        assert_eq!(feed(&shell).items.len(), 1);
        assert!(!shell.timers.is_empty());
    }

    #[test]
    fn an_acknowledged_post_stays_until_the_pull_brings_the_servers_copy() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        write_post(&mut shell, group, "Bonjour");
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let sent: PushRequest = serde_json::from_slice(&push.operation.body).unwrap();
        assert_eq!(sent.mutations.len(), 1);
        let fabrique_wire::sync::Mutation::CreatePost(fabrique_wire::posts::NewPost { id, .. }) =
            sent.mutations[0].mutation.clone()
        else {
            panic!()
        };
        shell.answer(
            push,
            ok(
                200,
                &PushResponse {
                    results: vec![MutationResult { id: 1, outcome: MutationOutcome::Applied }],
                    last_mutation_id: 1,
                },
            ),
        );
        assert_eq!(feed(&shell).items.len(), 1, "still shown between push and pull");

        let pulled = pull_page(
            vec![put(10, &format!("group:{group}"), id, Entity::Post(post(id, group, person, "Bonjour", 5)))],
            1,
        );
        let request = shell.answer_json("/v1/sync/pull", 200, &pulled);
        assert!(String::from_utf8_lossy(&request.body).contains("cursor-"), "the pull sends its cursor");
        let items = feed(&shell).items;
        assert_eq!(items.len(), 1, "exactly once");
        assert!(!items[0].pending);
        assert_eq!(shell.view().status.not_sent_count, 0);
    }

    #[test]
    fn a_rejected_mutation_is_rolled_back_and_shown_as_failed() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        write_post(&mut shell, group, "Trop tard");
        shell.fire_timers();
        let outcome = MutationOutcome::Rejected { code: "not_a_member".into(), message: "no".into() };
        shell.answer_json(
            "/v1/sync/push",
            200,
            &PushResponse { results: vec![MutationResult { id: 1, outcome }], last_mutation_id: 1 },
        );
        assert!(feed(&shell).items.is_empty());
        let view = shell.view();
        assert_eq!(view.status.failed.len(), 1);
        assert_eq!(view.status.failed[0].text, "Trop tard", "what was written can still be copied");
        assert!(view.status.failed[0].reason.contains("plus partie"));
        assert_eq!(view.status.not_sent_count, 0);

        shell.send(Event::DismissFailed { id: 1 });
        assert!(shell.view().status.failed.is_empty());
    }

    #[test]
    fn a_lost_scope_is_purged_and_a_reset_starts_again_from_nothing() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let post_id = Uuid::now_v7();
        let mut shell = signed_in(person, &first_pull(person, group, vec![post(post_id, group, person, "x", 1)]));
        shell.send(Event::Poked);
        let mut purge = pull_page(vec![], 0);
        purge.purged_scopes = vec![format!("group:{group}")];
        shell.answer_json("/v1/sync/pull", 200, &purge);
        assert!(feed(&shell).items.is_empty());

        shell.send(Event::Refresh);
        let other = Uuid::now_v7();
        let mut reset = first_pull(person, other, vec![post(Uuid::now_v7(), other, person, "y", 2)]);
        reset.reset = true;
        shell.answer_json("/v1/sync/pull", 200, &reset);
        let items = feed(&shell).items;
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].body, "y");
    }

    #[test]
    fn a_deletion_removes_the_post_from_the_device() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let post_id = Uuid::now_v7();
        let mut shell = signed_in(person, &first_pull(person, group, vec![post(post_id, group, person, "x", 1)]));
        shell.send(Event::Poked);
        let page = pull_page(vec![delete(20, &format!("group:{group}"), EntityKind::Post, post_id)], 0);
        shell.answer_json("/v1/sync/pull", 200, &page);
        assert!(feed(&shell).items.is_empty());
    }

    #[test]
    fn a_poke_during_a_sync_runs_one_more_sync_after_it() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Poked);
        shell.send(Event::Poked);
        shell.send(Event::Poked);
        assert_eq!(shell.waiting_paths(), vec!["/v1/sync/pull"], "one sync at a time");
        shell.answer_json("/v1/sync/pull", 200, &pull_page(vec![], 0));
        assert_eq!(shell.waiting_paths(), vec!["/v1/sync/pull"], "and one more for the pokes meanwhile");
        shell.answer_json("/v1/sync/pull", 200, &pull_page(vec![], 0));
        assert!(shell.http.is_empty());
    }

    #[test]
    fn pages_of_changes_are_pulled_until_none_is_left() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Refresh);
        let scope = format!("group:{group}");
        let first = Uuid::now_v7();
        let mut page: PullResponse =
            pull_page(vec![put(30, &scope, first, Entity::Post(post(first, group, person, "1", 1)))], 0);
        page.has_more = true;
        shell.answer_json("/v1/sync/pull", 200, &page);
        let second = Uuid::now_v7();
        shell.answer_json(
            "/v1/sync/pull",
            200,
            &pull_page(vec![put(31, &scope, second, Entity::Post(post(second, group, person, "2", 2)))], 0),
        );
        assert_eq!(feed(&shell).items.len(), 2);
        assert!(shell.http.is_empty());
    }

    #[test]
    fn a_gap_renumbers_the_outbox_from_what_the_server_expects() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        write_post(&mut shell, group, "a");
        shell.fire_timers();
        let request = shell.take_request("/v1/sync/push");
        shell.answer(
            request,
            ok(409, &serde_json::json!({"error": {"code": "mutation_gap", "message": "gap", "details": {"expected_mutation_id": 5}}})),
        );
        let push = shell.take_request("/v1/sync/push");
        let sent: PushRequest = serde_json::from_slice(&push.operation.body).unwrap();
        assert_eq!(sent.mutations[0].id, 5);
    }
}

#[cfg(test)]
mod storage_tests {
    use fabrique_wire::sync::Entity;
    use uuid::Uuid;

    use crate::model::Event;
    use crate::testing::*;
    use crate::view::Screen;

    fn scope_key(person: Uuid, group: Uuid) -> String {
        format!("store:{person}:group:{group}")
    }

    #[test]
    fn a_pull_writes_again_only_the_scopes_it_changed() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell =
            signed_in(person, &first_pull(person, group, vec![post(Uuid::now_v7(), group, person, "a", 1)]));
        let person_scope = format!("store:{person}:person:{person}");
        let before = shell.kv[&person_scope].clone();
        shell.kv.insert(person_scope.clone(), b"untouched".to_vec());

        shell.send(Event::Poked);
        let id = Uuid::now_v7();
        let page =
            pull_page(vec![put(50, &format!("group:{group}"), id, Entity::Post(post(id, group, person, "b", 2)))], 0);
        shell.answer_json("/v1/sync/pull", 200, &page);
        assert_eq!(shell.kv[&person_scope], b"untouched", "the person's scope was not written again");
        assert!(String::from_utf8_lossy(&shell.kv[&scope_key(person, group)]).contains("\"b\""));
        assert!(String::from_utf8_lossy(&shell.kv[&format!("store:{person}")]).contains("cursor-50"));
        shell.kv.insert(person_scope, before);

        let mut restarted = Shell::with_storage(shell.kv.clone());
        restarted.start();
        let Screen::Feed(feed) = restarted.screen() else { panic!("the feed") };
        assert_eq!(feed.items.len(), 2);
    }

    #[test]
    fn a_purged_scope_and_everything_at_sign_out_leave_the_device() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell =
            signed_in(person, &first_pull(person, group, vec![post(Uuid::now_v7(), group, person, "a", 1)]));
        assert!(shell.kv.contains_key(&scope_key(person, group)));
        shell.send(Event::Poked);
        let mut purge = pull_page(vec![], 0);
        purge.purged_scopes = vec![format!("group:{group}")];
        shell.answer_json("/v1/sync/pull", 200, &purge);
        assert!(!shell.kv.contains_key(&scope_key(person, group)));

        shell.send(Event::Accounts(crate::accounts::types::AccountsEvent::SignOut));
        let left: Vec<&String> =
            shell.kv.keys().filter(|k| k.starts_with("store:") || *k == "secret:session").collect();
        assert!(left.is_empty(), "left on the phone: {left:?}");
        assert!(shell.kv.contains_key(&format!("outbox:{person}")), "the person's writes stay");
    }

    #[test]
    fn a_scope_that_no_longer_reads_makes_the_app_start_again_from_the_server() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let shell = signed_in(person, &first_pull(person, group, vec![post(Uuid::now_v7(), group, person, "a", 1)]));
        let mut kv = shell.kv.clone();
        kv.insert(scope_key(person, group), b"{damaged".to_vec());
        let mut restarted = Shell::with_storage(kv);
        restarted.start();
        let pull = restarted.take_request("/v1/sync/pull");
        assert!(
            !String::from_utf8_lossy(&pull.operation.body).contains("cursor-"),
            "a full pull, without the old cursor"
        );
    }
}
