//! A shell for the core's own tests: it carries out effects the way a phone does, with an
//! in-memory key-value store, HTTP requests the test answers one by one, and timers the test
//! fires. Nothing here is shipped.

use std::collections::{HashMap, VecDeque};

use crux_core::{Core, Request};
use crux_http::protocol::{HttpRequest, HttpResponse, HttpResult};
use crux_kv::{KeyValueOperation, KeyValueResponse, KeyValueResult};
use crux_time::{TimeRequest, TimeResponse};
use fabrique_wire::groups::{Group, GroupMember, GroupRole, Visibility};
use fabrique_wire::people::{DirectoryVisibility, Me, PlatformRole, Profile};
use fabrique_wire::posts::{Post, PostKind};
use fabrique_wire::sync::{Change, Entity, EntityKind, PullResponse};
use uuid::Uuid;

use crate::app::Fabrique;
use crate::attachments::types::{UploadOperation, UploadProgress};
use crate::i18n::Language;
use crate::model::{Effect, Event};
use crate::realtime::RealtimeOperation;
use crate::view::{Screen, ViewModel};

pub const SERVER: &str = "http://fabrique.test";

pub struct Shell {
    pub core: Core<Fabrique>,
    pub kv: HashMap<String, Vec<u8>>,
    pub kv_broken: bool,
    pub http: VecDeque<Request<HttpRequest>>,
    pub timers: Vec<Request<TimeRequest>>,
    pub realtime: Vec<RealtimeOperation>,
    /// Push registrations asked of the shell, waiting for an answer.
    pub push: VecDeque<Request<crate::notifications::types::PushOperation>>,
    pub renders: usize,
    /// The charter the server would answer with (`None`: none published, a 404), answered
    /// at once so that tests about other things need not answer it.
    pub charter: Option<fabrique_wire::moderation::Charter>,
    /// Files being sent, the oldest first.
    pub uploads: VecDeque<Request<UploadOperation>>,
    pub downloads: VecDeque<Request<crate::attachments::types::DownloadOperation>>,
    /// Files the core said it no longer needs.
    pub discarded: Vec<String>,
}

impl Default for Shell {
    fn default() -> Self {
        Shell {
            core: Core::new(),
            kv: HashMap::new(),
            kv_broken: false,
            http: VecDeque::new(),
            timers: Vec::new(),
            realtime: Vec::new(),
            push: VecDeque::new(),
            renders: 0,
            charter: None,
            uploads: VecDeque::new(),
            downloads: VecDeque::new(),
            discarded: Vec::new(),
        }
    }
}

impl Shell {
    /// A fresh app whose clock stands still at `at` (times and new ids the same at every run).
    pub fn at(at: chrono::DateTime<chrono::Utc>) -> Self {
        let model = crate::model::Model { clock: crate::time::Clock::fixed(at), ..Default::default() };
        Shell { core: Core::new_with(crate::app::Fabrique, model), ..Shell::default() }
    }

    /// A fresh app with what this device's storage already holds.
    pub fn with_storage(kv: HashMap<String, Vec<u8>>) -> Self {
        Shell { kv, ..Shell::default() }
    }

    pub fn send(&mut self, event: Event) {
        let effects = self.core.process_event(event);
        self.carry_out(effects);
    }

    /// Start the app on a phone that already knows its federation (the test server).
    pub fn start(&mut self) {
        let federation =
            crate::accounts::types::Federation { address: SERVER.into(), name: "Fédération test".into() };
        self.kv.entry(crate::storage::FEDERATION.into()).or_insert_with(|| serde_json::to_vec(&federation).unwrap());
        self.start_new();
    }

    /// Start the app as it is: on a new phone, the first screen asks for the federation.
    pub fn start_new(&mut self) {
        self.send(Event::Start { language: Language::French });
    }

    fn carry_out(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Render(_) => self.renders += 1,
                Effect::Http(mut request) if request.operation.url.ends_with("/v1/charter") => {
                    let answer = match &self.charter {
                        Some(charter) => ok(200, charter),
                        None => ok(404, &serde_json::json!({ "error": { "code": "no_charter", "message": "none" } })),
                    };
                    queue.extend(self.core.resolve(&mut request, answer).expect("http resolves"));
                }
                Effect::Http(request) => self.http.push_back(request),
                Effect::Time(request) => self.timers.push(request),
                Effect::Realtime(request) => self.realtime.push(request.operation),
                Effect::Push(request) => self.push.push_back(request),
                Effect::Download(request) => self.downloads.push_back(request),
                Effect::Upload(request) => match &request.operation {
                    UploadOperation::Discard { file } => self.discarded.push(file.clone()),
                    UploadOperation::Send { .. } => self.uploads.push_back(request),
                },
                Effect::KeyValue(mut request) => {
                    let output = self.key_value(&request.operation);
                    queue.extend(self.core.resolve(&mut request, output).expect("key-value resolves"));
                }
            }
        }
    }

    fn key_value(&mut self, operation: &KeyValueOperation) -> KeyValueResult {
        if self.kv_broken && !matches!(operation, KeyValueOperation::Get { .. }) {
            return KeyValueResult::Err { error: crux_kv::error::KeyValueError::Io { message: "disk full".into() } };
        }
        let response = match operation {
            KeyValueOperation::Get { key } => KeyValueResponse::Get { value: self.kv.get(key).cloned().into() },
            KeyValueOperation::Set { key, value } => {
                KeyValueResponse::Set { previous: self.kv.insert(key.clone(), value.clone()).into() }
            }
            KeyValueOperation::Delete { key } => KeyValueResponse::Delete { previous: self.kv.remove(key).into() },
            KeyValueOperation::Exists { key } => KeyValueResponse::Exists { is_present: self.kv.contains_key(key) },
            KeyValueOperation::ListKeys { .. } => KeyValueResponse::ListKeys { keys: vec![], next_cursor: 0 },
        };
        KeyValueResult::Ok { response }
    }

    /// The path of each HTTP request waiting for an answer, in order.
    pub fn waiting_paths(&self) -> Vec<String> {
        self.http.iter().map(|r| r.operation.url.trim_start_matches(SERVER).to_owned()).collect()
    }

    /// Take the oldest request to `path` (panics when there is none: the test expected it).
    pub fn take_request(&mut self, path: &str) -> Request<HttpRequest> {
        let index = self
            .http
            .iter()
            .position(|r| r.operation.url.trim_start_matches(SERVER).starts_with(path))
            .unwrap_or_else(|| panic!("no request to {path}; waiting: {:?}", self.waiting_paths()));
        self.http.remove(index).expect("index is valid")
    }

    pub fn answer(&mut self, mut request: Request<HttpRequest>, result: HttpResult) {
        let effects = self.core.resolve(&mut request, result).expect("http resolves");
        self.carry_out(effects);
    }

    pub fn answer_json(&mut self, path: &str, status: u16, body: &impl serde::Serialize) -> HttpRequest {
        let request = self.take_request(path);
        let sent = request.operation.clone();
        self.answer(request, ok(status, body));
        sent
    }

    pub fn answer_unreachable(&mut self, path: &str) {
        let request = self.take_request(path);
        self.answer(request, HttpResult::Err(crux_http::HttpError::Io("connection refused".into())));
    }

    /// Answer the oldest push registration asked of the shell.
    pub fn answer_push(&mut self, registration: crate::notifications::types::PushRegistration) {
        let mut request = self.push.pop_front().expect("a push registration was asked");
        let effects = self.core.resolve(&mut request, registration).expect("push resolves");
        self.carry_out(effects);
    }

    /// The oldest file being sent: where to, and which file.
    pub fn upload_under_way(&self) -> (String, String) {
        match &self.uploads.front().expect("a file is being sent").operation {
            UploadOperation::Send { url, file, .. } => (url.trim_start_matches(SERVER).to_owned(), file.clone()),
            UploadOperation::Discard { .. } => unreachable!("only sends are kept"),
        }
    }

    /// Answer the oldest download with `progress`.
    pub fn download_progress(&mut self, progress: crate::attachments::types::DownloadProgress) {
        let mut request = self.downloads.pop_front().expect("a download under way");
        let last = !matches!(progress, crate::attachments::types::DownloadProgress::Received { .. });
        let effects = self.core.resolve(&mut request, progress).expect("download resolves");
        if !last {
            self.downloads.push_front(request);
        }
        self.carry_out(effects);
    }

    /// The shell says how far the oldest upload has gone.
    pub fn upload_progress(&mut self, bytes: u64, total: u64) {
        let mut request = self.uploads.pop_front().expect("a file is being sent");
        let effects =
            self.core.resolve(&mut request, UploadProgress::Sent { bytes, total }).expect("upload progress resolves");
        self.uploads.push_front(request);
        self.carry_out(effects);
    }

    /// The oldest upload ends with `progress` (an answer, or no network).
    pub fn upload_end(&mut self, progress: UploadProgress) {
        let mut request = self.uploads.pop_front().expect("a file is being sent");
        let effects = self.core.resolve(&mut request, progress).expect("upload end resolves");
        self.carry_out(effects);
    }

    /// Fire every timer set so far.
    pub fn fire_timers(&mut self) {
        for mut timer in std::mem::take(&mut self.timers) {
            let TimeRequest::NotifyAfter { id, .. } = timer.operation else { continue };
            let effects = self.core.resolve(&mut timer, TimeResponse::DurationElapsed { id }).expect("timer resolves");
            self.carry_out(effects);
        }
    }

    pub fn view(&self) -> ViewModel {
        self.core.view()
    }

    pub fn screen(&self) -> Screen {
        self.view().screen
    }
}

pub fn ok(status: u16, body: &impl serde::Serialize) -> HttpResult {
    HttpResult::Ok(HttpResponse { status, headers: vec![], body: serde_json::to_vec(body).unwrap() })
}

pub fn refusal(status: u16, code: &str) -> HttpResult {
    ok(status, &serde_json::json!({"error": {"code": code, "message": "refused"}}))
}

// Data

pub fn me(id: Uuid) -> Me {
    Me {
        profile: Profile {
            id,
            display_name: "Awa Diallo".into(),
            function: "Trésorière".into(),
            organisation_id: Uuid::from_u128(1),
            organisation_name: "Amicale de Lyon".into(),
            skills: vec!["comptabilité".into()],
            interests: vec![],
            bio: String::new(),
            directory_visibility: DirectoryVisibility::Association,
        },
        email: "awa@example.org".into(),
        platform_role: PlatformRole::Member,
        manages: vec![],
    }
}

pub fn session_response(person: Uuid) -> serde_json::Value {
    serde_json::json!({"token": "fq_test", "expires_at": "2030-01-01T00:00:00Z", "me": me(person)})
}

pub fn group(id: Uuid, name: &str) -> Group {
    Group {
        id,
        name: name.into(),
        description: String::new(),
        organisation_id: Uuid::from_u128(1),
        visibility: Visibility::Private,
        tags: vec![],
        member_count: 2,
        created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
    }
}

pub fn post(id: Uuid, group_id: Uuid, author: Uuid, body: &str, minute: u32) -> Post {
    Post {
        id,
        group_id,
        author_id: author,
        author_name: "Someone".into(),
        kind: PostKind::News,
        title: String::new(),
        body: body.into(),
        created_at: format!("2026-11-01T10:{minute:02}:00Z").parse().unwrap(),
        edited_at: None,
        comment_count: 0,
    }
}

pub fn put(seq: i64, scope: &str, id: Uuid, entity: Entity) -> Change {
    Change { seq, scope: scope.into(), kind: entity.kind(), id, entity: Some(entity) }
}

pub fn delete(seq: i64, scope: &str, kind: EntityKind, id: Uuid) -> Change {
    Change { seq, scope: scope.into(), kind, id, entity: None }
}

/// Me, one group I belong to, and these posts in it.
pub fn first_pull(person: Uuid, group_id: Uuid, posts: Vec<Post>) -> PullResponse {
    let group_scope = format!("group:{group_id}");
    let mut changes = vec![
        put(1, &format!("person:{person}"), person, Entity::Me(me(person))),
        put(2, &group_scope, group_id, Entity::Group(group(group_id, "Trésorerie"))),
        put(
            3,
            &group_scope,
            Uuid::from_u128(99),
            Entity::GroupMember(GroupMember {
                group_id,
                person_id: person,
                role: GroupRole::Member,
                display_name: "Awa Diallo".into(),
                function: String::new(),
                organisation_id: Uuid::from_u128(1),
                joined_at: "2026-01-01T00:00:00Z".parse().unwrap(),
            }),
        ),
    ];
    for (i, post) in posts.into_iter().enumerate() {
        changes.push(put(4 + i as i64, &group_scope, post.id, Entity::Post(post)));
    }
    pull_page(changes, 0)
}

pub fn pull_page(changes: Vec<Change>, last_mutation_id: u64) -> PullResponse {
    let seq = changes.last().map_or(0, |c| c.seq);
    PullResponse {
        cursor: format!("cursor-{seq}"),
        reset: false,
        purged_scopes: vec![],
        changes,
        has_more: false,
        last_mutation_id,
    }
}

/// A shell signed in as `person`, its first pull answered with `pull`.
pub fn signed_in(person: Uuid, pull: &PullResponse) -> Shell {
    signed_in_on(Shell::default(), person, pull)
}

/// Signed in on `shell` (one whose clock stands still, for instance).
pub fn signed_in_on(mut shell: Shell, person: Uuid, pull: &PullResponse) -> Shell {
    shell.start();
    shell.send(Event::Accounts(crate::accounts::types::AccountsEvent::SignIn {
        email: "awa@example.org".into(),
        password: "correct horse battery".into(),
    }));
    shell.answer_json("/v1/auth/sign-in", 200, &session_response(person));
    shell.answer_json("/v1/sync/pull", 200, pull);
    no_push_here(&mut shell);
    shell
}

/// The device cannot receive pushes (as a phone without a distributor): the core asks the
/// server's key, the shell says no, and it is not asked again in this session.
pub fn no_push_here(shell: &mut Shell) {
    shell.answer_json("/v1/push/key", 200, &fabrique_wire::notifications::PushKey { public_key: "BKey".into() });
    shell.answer_push(crate::notifications::types::PushRegistration::Unavailable { reason: "no distributor".into() });
}
