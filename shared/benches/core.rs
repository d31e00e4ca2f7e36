//! The core on a phone with a full store: 10,000 items held, a person in 50 groups.
//!
//! Measures, through the same bytes interface a phone uses (`CoreFFI`):
//! - event → effects: opening a post and coming back, a poke (→ a pull request), and the
//!   answer to a pull (applying a change and saving the store);
//! - the feed's view model with 100 items, and its serialized size;
//! - the memory the core holds.
//!
//! `cargo bench -p fabrique-shared --bench core` prints criterion's figures, then
//! percentiles (p50, p99) over 10,000 runs of each, the view size and the memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::Instant;

use bincode::Options;
use criterion::Criterion;
use crux_core::bridge::Request;
use crux_http::protocol::{HttpResponse, HttpResult};
use crux_kv::{KeyValueOperation, KeyValueResponse, KeyValueResult};
use fabrique_core::ffi::CoreFFI;
use fabrique_core::i18n::Language;
use fabrique_core::model::{EffectFfi, FeedEvent};
use fabrique_core::wire::groups::{Group, GroupMember, GroupRole, Visibility};
use fabrique_core::wire::people::{DirectoryVisibility, Me, PlatformRole, Profile};
use fabrique_core::wire::posts::{Comment, Post, PostKind, Reaction};
use fabrique_core::wire::sync::{Change, Entity, PullResponse};
use fabrique_core::{Event, Route};
use uuid::Uuid;

/// Counts the bytes alive, to tell how much the core holds.
struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const GROUPS: usize = 50;
const POSTS: usize = 8_000;
const COMMENTS: usize = 1_500;
const REACTIONS: usize = 450;

fn options() -> impl Options {
    bincode::DefaultOptions::new().with_fixint_encoding().allow_trailing_bytes()
}

fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    options().serialize(value).unwrap()
}

/// A phone without a screen: key-value in memory, HTTP answered by `answer`.
struct Phone {
    core: CoreFFI,
    kv: HashMap<String, Vec<u8>>,
    http: Vec<(u32, String)>,
}

impl Phone {
    fn send(&mut self, event: &Event) {
        let requests = self.core.update(encode(event)).unwrap();
        self.carry_out(requests);
    }

    fn carry_out(&mut self, requests: Vec<u8>) {
        let requests: Vec<Request<EffectFfi>> = options().deserialize(&requests).unwrap();
        for request in requests {
            match request.effect {
                EffectFfi::KeyValue(operation) => {
                    let response = match operation {
                        KeyValueOperation::Get { key } => {
                            KeyValueResponse::Get { value: self.kv.get(&key).cloned().into() }
                        }
                        KeyValueOperation::Set { key, value } => {
                            KeyValueResponse::Set { previous: self.kv.insert(key, value).into() }
                        }
                        KeyValueOperation::Delete { key } => {
                            KeyValueResponse::Delete { previous: self.kv.remove(&key).into() }
                        }
                        _ => KeyValueResponse::Exists { is_present: false },
                    };
                    let more = self.core.resolve(request.id.0, encode(&KeyValueResult::Ok { response })).unwrap();
                    self.carry_out(more);
                }
                EffectFfi::Http(http) => self.http.push((request.id.0, http.url)),
                _ => {}
            }
        }
    }

    fn answer(&mut self, path: &str, body: &impl serde::Serialize) {
        let index = self.http.iter().position(|(_, url)| url.contains(path)).expect("a request to answer");
        let (id, _) = self.http.remove(index);
        let response =
            HttpResult::Ok(HttpResponse { status: 200, headers: vec![], body: serde_json::to_vec(body).unwrap() });
        let more = self.core.resolve(id, encode(&response)).unwrap();
        self.carry_out(more);
    }
}

fn me(id: Uuid) -> Me {
    Me {
        profile: Profile {
            id,
            display_name: "Awa Diallo".into(),
            function: "Trésorière".into(),
            organisation_id: Uuid::nil(),
            organisation_name: "Amicale".into(),
            skills: vec![],
            interests: vec![],
            bio: String::new(),
            directory_visibility: DirectoryVisibility::Association,
        },
        email: "awa@example.org".into(),
        platform_role: PlatformRole::Member,
        manages: vec![],
    }
}

fn change(seq: &mut i64, scope: String, id: Uuid, entity: Entity) -> Change {
    *seq += 1;
    Change { seq: *seq, scope, kind: entity.kind(), id, entity: Some(entity) }
}

/// A phone signed in, holding 10,000 items of 50 groups.
fn full_phone() -> (Phone, Vec<Uuid>) {
    let person = Uuid::now_v7();
    let mut phone = Phone { core: CoreFFI::new(), kv: HashMap::new(), http: Vec::new() };
    phone.send(&Event::Start { language: Language::French });
    phone.send(&Event::Accounts(fabrique_core::accounts::AccountsEvent::ChooseFederation {
        address: "http://server.test".into(),
    }));
    phone.answer(
        "/health",
        &serde_json::json!({"status": "ok", "service": "fabrique", "federation": "Fédération", "database": "sqlite"}),
    );
    phone.send(&Event::Accounts(fabrique_core::accounts::AccountsEvent::SignIn {
        email: "awa@example.org".into(),
        password: "correct horse battery".into(),
    }));
    phone.answer(
        "/v1/auth/sign-in",
        &serde_json::json!({"token": "fq_x", "expires_at": "2030-01-01T00:00:00Z", "me": me(person)}),
    );

    let mut seq = 0;
    let created: chrono::DateTime<chrono::Utc> = "2026-01-01T00:00:00Z".parse().unwrap();
    let mut changes = vec![change(&mut seq, format!("person:{person}"), person, Entity::Me(me(person)))];
    let groups: Vec<Uuid> = (0..GROUPS).map(|_| Uuid::now_v7()).collect();
    for (i, group) in groups.iter().enumerate() {
        let scope = format!("group:{group}");
        let entity = Group {
            id: *group,
            name: format!("Groupe {i}"),
            description: "Un groupe de travail de la fédération".into(),
            organisation_id: Uuid::nil(),
            visibility: Visibility::Public,
            tags: vec![],
            member_count: 40,
            created_at: created,
        };
        changes.push(change(&mut seq, scope.clone(), *group, Entity::Group(entity)));
        let member = GroupMember {
            group_id: *group,
            person_id: person,
            role: GroupRole::Member,
            display_name: "Awa Diallo".into(),
            function: String::new(),
            organisation_id: Uuid::nil(),
            joined_at: created,
        };
        changes.push(change(&mut seq, scope, Uuid::now_v7(), Entity::GroupMember(member)));
    }
    let mut posts = Vec::new();
    for i in 0..POSTS {
        let id = Uuid::now_v7();
        let group = groups[i % GROUPS];
        let post = Post {
            id,
            group_id: group,
            author_id: Uuid::now_v7(),
            author_name: "Bruno Martin".into(),
            kind: PostKind::News,
            title: format!("Compte rendu n°{i}"),
            body: "La réunion du bureau a validé le budget prévisionnel et le calendrier des événements. ".repeat(4),
            created_at: created + chrono::Duration::minutes(i as i64),
            edited_at: None,
            comment_count: 0,
        };
        posts.push(id);
        changes.push(change(&mut seq, format!("group:{group}"), id, Entity::Post(post)));
    }
    for i in 0..COMMENTS {
        let id = Uuid::now_v7();
        let post = posts[POSTS - 1 - (i % 200)];
        let group = groups[(POSTS - 1 - (i % 200)) % GROUPS];
        let comment = Comment {
            id,
            post_id: post,
            group_id: group,
            author_id: Uuid::now_v7(),
            author_name: "Chloé".into(),
            body: "D'accord, je m'en occupe.".into(),
            created_at: created + chrono::Duration::minutes((POSTS + i) as i64),
            edited_at: None,
        };
        changes.push(change(&mut seq, format!("group:{group}"), id, Entity::Comment(comment)));
    }
    for i in 0..REACTIONS {
        let target = posts[POSTS - 1 - (i % 100)];
        let group = groups[(POSTS - 1 - (i % 100)) % GROUPS];
        let person_id = Uuid::now_v7();
        let reaction = Reaction {
            id: fabrique_core::wire::posts::reaction_id(target, person_id, "👍"),
            target_id: target,
            group_id: group,
            person_id,
            emoji: "👍".into(),
        };
        changes.push(change(&mut seq, format!("group:{group}"), reaction.id, Entity::Reaction(reaction)));
    }
    let cursor = format!("c{seq}");
    phone.answer(
        "/v1/sync/pull",
        &PullResponse { cursor, reset: false, purged_scopes: vec![], changes, has_more: false, last_mutation_id: 0 },
    );
    // A 100-item feed.
    for _ in 0..4 {
        phone.send(&Event::Feed(FeedEvent::More));
    }
    (phone, posts)
}

/// One change: a comment in one group, written or edited (the store keeps its size).
fn pull_answer(seq: i64, group: Uuid, post: Uuid) -> PullResponse {
    let comment = Comment {
        id: Uuid::from_u128(seq as u128 % 100 + 1),
        post_id: post,
        group_id: group,
        author_id: Uuid::now_v7(),
        author_name: "Chloé".into(),
        body: "Une nouvelle réponse".into(),
        created_at: chrono::Utc::now(),
        edited_at: None,
    };
    let change = Change {
        seq,
        scope: format!("group:{group}"),
        kind: fabrique_core::wire::sync::EntityKind::Comment,
        id: comment.id,
        entity: Some(Entity::Comment(comment)),
    };
    PullResponse {
        cursor: format!("c{seq}"),
        reset: false,
        purged_scopes: vec![],
        changes: vec![change],
        has_more: false,
        last_mutation_id: 0,
    }
}

fn percentiles(name: &str, mut run: impl FnMut()) {
    let mut samples: Vec<u128> = (0..10_000)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_nanos()
        })
        .collect();
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q) as usize] as f64 / 1000.0;
    println!("{name:<44} p50 {:>8.1} µs   p99 {:>8.1} µs   max {:>8.1} µs", at(0.5), at(0.99), at(1.0));
}

fn main() {
    let before = LIVE.load(Ordering::Relaxed);
    let (mut phone, posts) = full_phone();
    // What the phone's storage holds is outside the core: only the core's own memory counts.
    let storage: isize = phone.kv.values().map(|v| v.capacity() as isize).sum();
    let held = LIVE.load(Ordering::Relaxed) - before - storage;

    let open = encode(&Event::Navigate(Route::Post { id: posts[POSTS - 1].to_string() }));
    let back = encode(&Event::Back);
    let poke = encode(&Event::Poked);

    let mut criterion = Criterion::default().configure_from_args();
    criterion.bench_function("event → effects: open a post, then back", |b| {
        b.iter(|| {
            black_box(phone.core.update(open.clone()).unwrap());
            black_box(phone.core.update(back.clone()).unwrap());
        })
    });
    criterion.bench_function("view model: feed of 100 items (serialized)", |b| {
        b.iter(|| black_box(phone.core.view().unwrap()))
    });
    let mut seq = 1_000_000;
    let group = {
        let view: fabrique_core::ViewModel = options().deserialize(&phone.core.view().unwrap()).unwrap();
        let fabrique_core::view::Screen::Feed(feed) = view.screen else { panic!("the feed") };
        (feed.items[0].group_id.parse::<Uuid>().unwrap(), feed.items[0].id.parse::<Uuid>().unwrap())
    };
    criterion.bench_function("event → effects: poke, pull answer applied, store saved", |b| {
        b.iter(|| {
            seq += 1;
            phone.send(&Event::Poked);
            phone.answer("/v1/sync/pull", &pull_answer(seq, group.0, group.1));
        })
    });
    criterion.final_summary();

    println!("\nPercentiles over 10,000 runs (10,000 items held, 50 groups, 100-item feed):");
    percentiles("event → effects: open a post", || {
        black_box(phone.core.update(open.clone()).unwrap());
    });
    percentiles("event → effects: back", || {
        black_box(phone.core.update(back.clone()).unwrap());
    });
    percentiles("event → effects: poke (→ pull request)", || {
        black_box(phone.core.update(poke.clone()).unwrap());
    });
    phone.http.clear();
    percentiles("view model: feed of 100 items (serialized)", || {
        black_box(phone.core.view().unwrap());
    });
    let view = phone.core.view().unwrap();
    println!("serialized feed view model: {} bytes ({:.1} KiB)", view.len(), view.len() as f64 / 1024.0);
    println!(
        "memory held by the core: {:.1} MiB for {} items; the device storage holds {:.1} MiB",
        held as f64 / 1_048_576.0,
        1 + 2 * GROUPS + POSTS + COMMENTS + REACTIONS,
        storage as f64 / 1_048_576.0
    );
}
