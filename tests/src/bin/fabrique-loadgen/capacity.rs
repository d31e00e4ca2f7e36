//! `capacity`: how many concurrently active members one server (or several sharing one
//! PostgreSQL) holds on this machine within Mattermost's published limits — average latency
//! ≤ 100 ms, p99 ≤ 2 s, errors ≤ 0.025 % — ramping up until one of them breaks.
//!
//! A simulated member is a phone with the app open, as the apps behave: a live channel
//! (`/v1/sync/events`) kept open, a pull whenever it pokes and every five minutes, a device
//! registered for Web Push at the local push service (which decrypts every delivery), and
//! actions one after another with a pause between them. Pulls are asked compressed (gzip), as
//! OkHttp and URLSession ask.
//!
//! What a member does and how often follows Mattermost's own simulated user (load-test-ng's
//! `simulcontroller`, whose action frequencies were read from the use of Mattermost's community
//! server, a real community of a few thousand active people): one action every 20 s on
//! average (1 s at least), chosen with these relative weights —
//!
//! | Mattermost | weight | Fabrique |
//! |---|---|---|
//! | SwitchChannel | 6.52 | a group's page (its 30 latest posts) |
//! | ScrollChannel | 1.99 | the next page of that group |
//! | UnreadCheck | 1.00 | a pull |
//! | OpenDirectOrGroupChannel | 0.98 | a group's events |
//! | ViewGlobalThreads | 0.60 | the questions for me |
//! | ViewThread + ClickPermalink | 0.58 | a post's comments |
//! | CreatePost (82 % new) | 0.82 | a post |
//! | CreatePost (18 % replies) | 0.18 | a comment |
//! | AddReaction | 0.13 | a reaction |
//! | SearchPosts + SearchUsers | 0.05 | a search |
//!
//! and Fabrique's own, which Mattermost has no twin for (our guess, said as such): an answer to
//! a question, a vote and an RSVP each a tenth of the post rate, a question asked a fiftieth
//! (a question pushes to every member of its group).
//!
//! The data comes from `seed` (people in 5 groups of about 50); `capacity` adds a question, a
//! poll and an event to every group, then a session and a push device to each member it
//! drives, straight in the database (signing thousands in would measure password hashing).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fabrique_server::db::Db;
use futures::StreamExt;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::{Value, json};
use tokio::sync::{Notify, watch};
use uuid::Uuid;

use crate::{ADMIN_EMAIL, cpu_seconds, email, groups_of, rss_mb};

/// Mattermost's limits for "concurrently active users" (load-test-ng's defaults).
const AVERAGE_LIMIT: Duration = Duration::from_millis(100);
const P99_LIMIT: Duration = Duration::from_secs(2);
const ERROR_LIMIT: f64 = 0.025 / 100.0;

/// A request slower than this is an error (a phone would give up and try again).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Pulls without a poke, as the apps do on their timer.
const PERIODIC_PULL: Duration = Duration::from_secs(300);

pub struct Options {
    pub urls: Vec<String>,
    pub database_url: String,
    pub push_service: String,
    pub server_pids: Vec<u32>,
    pub start: usize,
    pub step: usize,
    pub max: usize,
    pub step_seconds: u64,
    pub idle_seconds: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Action {
    GroupPage,
    ScrollGroup,
    Pull,
    GroupEvents,
    QuestionsForMe,
    Comments,
    Post,
    Comment,
    React,
    Search,
    Answer,
    Vote,
    Rsvp,
    Ask,
}

const ACTIONS: &[(Action, f64)] = &[
    (Action::GroupPage, 6.52),
    (Action::ScrollGroup, 1.99),
    (Action::Pull, 1.00),
    (Action::GroupEvents, 0.98),
    (Action::QuestionsForMe, 0.60),
    (Action::Comments, 0.58),
    (Action::Post, 0.82),
    (Action::Comment, 0.18),
    (Action::React, 0.13),
    (Action::Search, 0.05),
    (Action::Answer, 0.10),
    (Action::Vote, 0.10),
    (Action::Rsvp, 0.10),
    (Action::Ask, 0.02),
];

/// What `capacity` adds to each group for members to answer, vote on and RSVP.
#[derive(Clone, Copy)]
struct GroupThings {
    id: Uuid,
    question: Uuid,
    poll: Uuid,
    event: Uuid,
}

/// What the requests of one measuring window gave.
#[derive(Default)]
struct Window {
    latencies: Vec<Duration>,
    errors: u64,
    writes: u64,
    pulls: u64,
    samples: Vec<String>,
}

struct Shared {
    groups: Vec<GroupThings>,
    window: Mutex<Window>,
    /// Whether requests are counted (not during a step's first syncs).
    counting: std::sync::atomic::AtomicBool,
    idle_min: f64,
    idle_mean: f64,
}

impl Shared {
    fn record(&self, started: Instant, outcome: &Result<(), String>, write: bool, pull: bool) {
        if !self.counting.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let mut window = self.window.lock().unwrap();
        match outcome {
            Ok(()) => window.latencies.push(started.elapsed()),
            Err(error) => {
                window.errors += 1;
                if window.samples.len() < 5 {
                    window.samples.push(error.clone());
                }
            }
        }
        window.writes += u64::from(write);
        window.pulls += u64::from(pull);
    }
}

/// A member's phone: its session, its server, its groups.
struct Member {
    token: String,
    url: String,
    groups: Vec<usize>,
    client: reqwest::Client,
    client_id: Uuid,
    /// One member in ten chose "everything" (new posts too) for their first group: the
    /// pushes of group activity.
    wants_everything: bool,
}

/// A member's phone: who it is, and what it holds between requests.
struct Phone {
    member: Member,
    /// The sync cursor; held through a whole pull, so that two pulls never overlap.
    cursor: tokio::sync::Mutex<Option<String>>,
    held: Mutex<Held>,
}

/// What the phone holds between actions.
#[derive(Default)]
struct Held {
    /// Posts seen lately (in pulls and group pages), to comment and react on.
    posts: Vec<Uuid>,
    /// The group page last read, to scroll on.
    scroll: Option<(usize, String)>,
    next_mutation: u64,
}

impl Held {
    fn saw_post(&mut self, id: Uuid) {
        if self.posts.len() >= 64 {
            self.posts.remove(0);
        }
        self.posts.push(id);
    }
}

/// A small deterministic random source per member (xorshift): the ramp is the same every run.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn action(&mut self) -> Action {
        let total: f64 = ACTIONS.iter().map(|(_, w)| w).sum();
        let mut at = self.unit() * total;
        for (action, weight) in ACTIONS {
            if at < *weight {
                return *action;
            }
            at -= weight;
        }
        Action::GroupPage
    }
}

#[derive(Deserialize)]
struct PullPage {
    changes: Vec<ChangeHead>,
    cursor: String,
    has_more: bool,
}

#[derive(Deserialize)]
struct ChangeHead {
    kind: String,
    id: Uuid,
    #[serde(default)]
    entity: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct ListPage {
    items: Vec<IgnoredAny>,
    #[serde(default)]
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
struct PostPage {
    items: Vec<PostHead>,
    #[serde(default)]
    next_cursor: Option<String>,
}

#[derive(Deserialize)]
struct PostHead {
    id: Uuid,
}

pub async fn run(options: Options) {
    let db = Db::connect(&options.database_url).await.expect("the server's database");
    let http = reqwest::Client::new();
    let admin_id = *people_ids(&db).await.get(ADMIN_EMAIL).expect("the administrator of `seed`");
    let admin_token = add_sessions(&db, &[admin_id], &[]).await.remove(0);
    let groups = add_group_things(&db, &http, &options.urls[0], &admin_token).await;
    let group_count = groups.len();

    // Sessions and push devices of every member the ramp may reach, before it starts.
    let started = Instant::now();
    let devices = crate::new_devices(&options.push_service, options.max).await;
    let ids = people_ids(&db).await;
    let people: Vec<Uuid> = (1..=options.max)
        .map(|i| *ids.get(&email(i)).unwrap_or_else(|| panic!("{} is in the database seeded by `seed`", email(i))))
        .collect();
    let tokens = add_sessions(&db, &people, &devices).await;
    // Building thousands of HTTP clients is slow and heavy (in the load generator): phones share
    // 64 connection pools; each live channel still holds a connection of its own.
    let clients: Vec<reqwest::Client> =
        (0..64).map(|_| reqwest::Client::builder().pool_max_idle_per_host(16).build().unwrap()).collect();
    let members: Vec<Member> = tokens
        .into_iter()
        .enumerate()
        .map(|(k, token)| {
            let i = k + 1;
            Member {
                token,
                url: options.urls[i % options.urls.len()].clone(),
                groups: groups_of(i, group_count),
                client: clients[i % clients.len()].clone(),
                client_id: Uuid::new_v4(),
                wants_everything: i % 10 == 0,
            }
        })
        .collect();
    println!(
        "{} members with a session and a push device each, {} groups with a question, a poll and an event: {:.1?}",
        options.max,
        group_count,
        started.elapsed()
    );
    db.close().await;

    let shared = Arc::new(Shared {
        groups,
        window: Mutex::new(Window::default()),
        counting: false.into(),
        idle_min: 1.0_f64.min(options.idle_seconds),
        idle_mean: options.idle_seconds,
    });
    let (stop, stopped) = watch::channel(false);
    let mut members = members.into_iter().enumerate();
    let mut active = 0;
    let mut held_within: Option<usize> = None;
    println!(
        "limits: average ≤ {AVERAGE_LIMIT:?}, p99 ≤ {P99_LIMIT:?}, errors ≤ {:.3} %; {} s measured at each step, one action every {} s on average per member",
        ERROR_LIMIT * 100.0,
        options.step_seconds,
        options.idle_seconds
    );
    while active < options.max {
        let target = if active == 0 { options.start } else { active + options.step }.min(options.max);
        // The new members open the app: a first sync each (not counted), four at a time.
        shared.counting.store(false, std::sync::atomic::Ordering::Relaxed);
        let opening = Instant::now();
        let newcomers: Vec<(usize, Member)> = members.by_ref().take(target - active).collect();
        let synced: Vec<(usize, Phone)> = futures::stream::iter(newcomers)
            .map(|(i, member)| {
                let shared = shared.clone();
                async move {
                    let phone = Phone { member, cursor: Default::default(), held: Default::default() };
                    let mut tries = 0;
                    while let Err(error) = pull_until_current(&shared, &phone).await {
                        tries += 1;
                        assert!(tries < 5, "a member's first sync keeps failing: {error}");
                    }
                    if phone.member.wants_everything {
                        let group = shared.groups[phone.member.groups[0]].id;
                        let level =
                            json!({ "type": "set_group_notification_level", "group_id": group, "level": "everything" });
                        push(&phone, level).await.expect("a notification level chosen");
                    }
                    (i, phone)
                }
            })
            .buffer_unordered(4)
            .collect()
            .await;
        let opened = opening.elapsed();
        for (i, phone) in synced {
            spawn_member(shared.clone(), i, phone, stopped.clone());
        }
        active = target;

        // Settle (every live channel open, the first pokes answered), then measure.
        tokio::time::sleep(Duration::from_secs(5)).await;
        *shared.window.lock().unwrap() = Window::default();
        let pushes_before = pushes_received(&http, &options.push_service).await;
        let cpu_before: f64 = options.server_pids.iter().map(|pid| cpu_seconds(*pid)).sum();
        let own_cpu_before = own_cpu_seconds();
        shared.counting.store(true, std::sync::atomic::Ordering::Relaxed);
        let window_started = Instant::now();
        tokio::time::sleep(Duration::from_secs(options.step_seconds)).await;
        shared.counting.store(false, std::sync::atomic::Ordering::Relaxed);
        let seconds = window_started.elapsed().as_secs_f64();
        let window = std::mem::take(&mut *shared.window.lock().unwrap());
        let pushes = pushes_received(&http, &options.push_service).await - pushes_before;
        let cpu: f64 = options.server_pids.iter().map(|pid| cpu_seconds(*pid)).sum::<f64>() - cpu_before;
        let own_cpu = own_cpu_seconds() - own_cpu_before;
        let rss: f64 = options.server_pids.iter().map(|pid| rss_mb(*pid)).sum();

        let mut latencies = window.latencies;
        latencies.sort_unstable();
        let answered = latencies.len() as u64;
        let total = answered + window.errors;
        let average = if answered == 0 { Duration::ZERO } else { latencies.iter().sum::<Duration>() / answered as u32 };
        let p99 = if answered == 0 { Duration::ZERO } else { crate::percentile(&latencies, 0.99) };
        let error_rate = if total == 0 { 0.0 } else { window.errors as f64 / total as f64 };
        println!(
            "{active:>6} members: {:.0} requests/s ({:.0} writes/s, {:.0} pulls/s), average {:.1?}, p99 {:.1?}, errors {} ({:.3} %), {:.0} pushes delivered/s, server {:.0} MB, server CPU {:.0} %, load generator CPU {:.0} % (first syncs of the step: {:.1?})",
            total as f64 / seconds,
            window.writes as f64 / seconds,
            window.pulls as f64 / seconds,
            average,
            p99,
            window.errors,
            error_rate * 100.0,
            pushes as f64 / seconds,
            rss,
            cpu / seconds * 100.0,
            own_cpu / seconds * 100.0,
            opened,
        );
        for sample in &window.samples {
            println!("    error: {sample}");
        }
        if total == 0 || average > AVERAGE_LIMIT || p99 > P99_LIMIT || error_rate > ERROR_LIMIT {
            println!("limit broken at {active} members");
            break;
        }
        held_within = Some(active);
    }
    let _ = stop.send(true);
    let stats: Value = http.get(format!("{}/stats", options.push_service)).send().await.unwrap().json().await.unwrap();
    println!(
        "pushes: {} delivered in all, {} refused by the push service, {} notifications delivered twice to one device",
        stats["received"], stats["refused"], stats["duplicates"]
    );
    match held_within {
        Some(n) if n == options.max => println!(
            "capacity: at least {n} concurrently active members within the limits (the ramp's end, --max, was reached before any limit)"
        ),
        Some(n) => println!("capacity: {n} concurrently active members within the limits"),
        None => println!("capacity: below {} members (the first step broke a limit)", options.start),
    }
}

/// Everyone's id, by their email.
async fn people_ids(db: &Db) -> std::collections::HashMap<String, Uuid> {
    let rows: Vec<(String, Uuid)> =
        fabrique_server::on_db!(db, c => sqlx::query_as("SELECT email, id FROM people").fetch_all(c).await).unwrap();
    rows.into_iter().collect()
}

/// A session for each person (and the push device of the same rank, if any, registered with
/// it), a thousand to a transaction: their tokens.
pub async fn add_sessions(db: &Db, people: &[Uuid], devices: &[Value]) -> Vec<String> {
    let now = chrono::Utc::now();
    let mut tokens = Vec::with_capacity(people.len());
    for (c, chunk) in people.chunks(1000).enumerate() {
        let mut tx = db.begin_write().await.unwrap();
        for (k, person) in chunk.iter().enumerate() {
            let token = fabrique_server::auth::random_secret(32);
            let hash = fabrique_server::auth::hash_token(&token);
            fabrique_server::on_tx!(&mut tx, c => sqlx::query("INSERT INTO sessions (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
                .bind(&hash).bind(person).bind(now).bind(now + chrono::Duration::days(30)).execute(c).await.map(|_| ()))
            .unwrap();
            if let Some(device) = devices.get(c * 1000 + k) {
                fabrique_server::on_tx!(&mut tx, c => sqlx::query("INSERT INTO push_subscriptions (id, person_id, session_hash, endpoint, p256dh, auth, label, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'capacity', $7)")
                    .bind(Uuid::now_v7()).bind(person).bind(&hash)
                    .bind(device["endpoint"].as_str()).bind(device["p256dh"].as_str()).bind(device["auth"].as_str()).bind(now)
                    .execute(c).await.map(|_| ()))
                .unwrap();
            }
            tokens.push(token);
        }
        tx.commit().await.unwrap();
    }
    tokens
}

/// A question, a poll and an event in every group, by the administrator (who runs them all),
/// through the API; the groups in `seed`'s order ("Groupe 0", "Groupe 1"…).
async fn add_group_things(db: &Db, http: &reqwest::Client, url: &str, admin: &str) -> Vec<GroupThings> {
    let rows: Vec<(Uuid, String)> =
        fabrique_server::on_db!(db, c => sqlx::query_as("SELECT id, name FROM groups").fetch_all(c).await).unwrap();
    let mut groups: Vec<(usize, Uuid)> = rows
        .into_iter()
        .filter_map(|(id, name)| name.strip_prefix("Groupe ").and_then(|n| n.parse().ok()).map(|n| (n, id)))
        .collect();
    groups.sort_unstable();
    assert!(!groups.is_empty(), "the database holds the groups of `seed`");
    let things: Vec<GroupThings> = groups
        .iter()
        .map(|(_, id)| GroupThings { id: *id, question: Uuid::now_v7(), poll: Uuid::now_v7(), event: Uuid::now_v7() })
        .collect();
    let starts = chrono::Utc::now() + chrono::Duration::days(20);
    let mutations: Vec<Value> = things
        .iter()
        .flat_map(|g| {
            [
                json!({ "type": "ask_question", "id": g.question, "group_ids": [g.id], "title": "Qui connaît un bon traiteur ?", "details": "" }),
                json!({ "type": "create_poll", "id": g.poll, "group_id": g.id, "question": "Quelle date pour l'assemblée ?",
                    "options": ["Samedi 6", "Samedi 13", "Samedi 20"], "results_shown": "after_voting", "closes_at": starts }),
                json!({ "type": "create_event", "id": g.event, "group_id": g.id, "title": "Assemblée générale",
                    "starts_at": starts, "ends_at": starts + chrono::Duration::hours(2), "time_zone": "Europe/Paris", "place": "Salle des fêtes" }),
            ]
        })
        .collect();
    let client_id = Uuid::new_v4();
    for (c, chunk) in mutations.chunks(100).enumerate() {
        let batch: Vec<Value> = chunk
            .iter()
            .enumerate()
            .map(|(k, mutation)| json!({ "id": c * 100 + k + 1, "mutation": mutation }))
            .collect();
        let answer: Value = http
            .post(format!("{url}/v1/sync/push"))
            .bearer_auth(admin)
            .json(&json!({ "client_id": client_id, "mutations": batch }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for result in answer["results"].as_array().expect("results") {
            assert_eq!(result["outcome"]["status"], "applied", "{result}");
        }
    }
    things
}

async fn pushes_received(http: &reqwest::Client, push_service: &str) -> u64 {
    let stats: Value = http.get(format!("{push_service}/stats")).send().await.unwrap().json().await.unwrap();
    stats["received"].as_u64().unwrap_or(0)
}

fn own_cpu_seconds() -> f64 {
    cpu_seconds(std::process::id())
}

/// The member's three tasks: its live channel, its puller and its actions.
fn spawn_member(shared: Arc<Shared>, index: usize, phone: Phone, stopped: watch::Receiver<bool>) {
    let phone = Arc::new(phone);
    let poked = Arc::new(Notify::new());
    tokio::spawn(live_channel(phone.clone(), poked.clone(), stopped.clone()));
    {
        let (shared, phone, mut stopped) = (shared.clone(), phone.clone(), stopped.clone());
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = poked.notified() => {}
                    _ = tokio::time::sleep(PERIODIC_PULL) => {}
                    _ = stopped.changed() => return,
                }
                let _ = pull_until_current(&shared, &phone).await;
            }
        });
    }
    let mut stopped = stopped;
    tokio::spawn(async move {
        let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
        loop {
            let pause = shared.idle_min + (-(1.0 - dice.unit()).ln()) * (shared.idle_mean - shared.idle_min);
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs_f64(pause)) => {}
                _ = stopped.changed() => return,
            }
            act(&shared, &phone, &mut dice).await;
        }
    });
}

/// The live channel: each `poke` wakes the puller; a closed channel is opened again.
async fn live_channel(phone: Arc<Phone>, poked: Arc<Notify>, mut stopped: watch::Receiver<bool>) {
    loop {
        let member = &phone.member;
        let opened = member.client.get(format!("{}/v1/sync/events", member.url)).bearer_auth(&member.token).send();
        let response = tokio::select! {
            response = opened => response,
            _ = stopped.changed() => return,
        };
        if let Ok(response) = response.and_then(|r| r.error_for_status()) {
            let mut stream = response.bytes_stream();
            loop {
                let chunk = tokio::select! {
                    chunk = stream.next() => chunk,
                    _ = stopped.changed() => return,
                };
                match chunk {
                    Some(Ok(bytes)) if bytes.windows(4).any(|w| w == b"poke") => poked.notify_one(),
                    Some(Ok(_)) => {}
                    _ => break,
                }
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            _ = stopped.changed() => return,
        }
    }
}

/// Pulls from the held cursor until nothing more waits (each page a request).
async fn pull_until_current(shared: &Shared, phone: &Phone) -> Result<(), String> {
    let member = &phone.member;
    let mut cursor = phone.cursor.lock().await;
    loop {
        let started = Instant::now();
        let page: Result<PullPage, String> = async {
            let response = member
                .client
                .post(format!("{}/v1/sync/pull", member.url))
                .bearer_auth(&member.token)
                .header("accept-encoding", "gzip")
                .timeout(REQUEST_TIMEOUT)
                .json(&json!({ "cursor": *cursor, "limit": 500 }))
                .send()
                .await
                .map_err(|e| format!("pull: {e}"))?;
            read_json(response, "pull").await
        }
        .await;
        shared.record(started, &page.as_ref().map(|_| ()).map_err(Clone::clone), false, true);
        let page = page?;
        {
            let mut held = phone.held.lock().unwrap();
            for change in &page.changes {
                if change.kind == "post" && change.entity.is_some() {
                    held.saw_post(change.id);
                }
            }
        }
        *cursor = Some(page.cursor);
        if !page.has_more {
            return Ok(());
        }
    }
}

async fn read_json<T: serde::de::DeserializeOwned>(response: reqwest::Response, what: &str) -> Result<T, String> {
    let status = response.status();
    let bytes = crate::body(response).await.map_err(|e| format!("{what}: {e}"))?;
    if !status.is_success() {
        return Err(format!("{what}: {status} {}", String::from_utf8_lossy(&bytes[..bytes.len().min(200)])));
    }
    serde_json::from_slice(&bytes).map_err(|e| format!("{what}: {e}"))
}

async fn get<T: serde::de::DeserializeOwned>(member: &Member, path: &str, what: &str) -> Result<T, String> {
    let response = member
        .client
        .get(format!("{}{path}", member.url))
        .bearer_auth(&member.token)
        .timeout(REQUEST_TIMEOUT)
        .send()
        .await
        .map_err(|e| format!("{what}: {e}"))?;
    read_json(response, what).await
}

async fn push(phone: &Phone, mutation: Value) -> Result<(), String> {
    let member = &phone.member;
    let id = {
        let mut held = phone.held.lock().unwrap();
        held.next_mutation += 1;
        held.next_mutation
    };
    let body = json!({ "client_id": member.client_id, "mutations": [{ "id": id, "mutation": mutation }] });
    let response = member
        .client
        .post(format!("{}/v1/sync/push", member.url))
        .bearer_auth(&member.token)
        .timeout(REQUEST_TIMEOUT)
        .json(&body)
        .send()
        .await
        .map_err(|e| format!("push: {e}"))?;
    let answer: Value = read_json(response, "push").await?;
    match answer["results"][0]["outcome"]["status"].as_str() {
        Some("applied") => Ok(()),
        _ => Err(format!("push {}: {answer}", mutation["type"])),
    }
}

async fn act(shared: &Shared, phone: &Phone, dice: &mut Dice) {
    let (member, held) = (&phone.member, &phone.held);
    let action = dice.action();
    let group_index = member.groups[dice.below(member.groups.len())];
    let group = shared.groups[group_index];
    let post = {
        let held = held.lock().unwrap();
        if held.posts.is_empty() { None } else { Some(held.posts[dice.below(held.posts.len())]) }
    };
    let started = Instant::now();
    let write = matches!(
        action,
        Action::Post | Action::Comment | Action::React | Action::Answer | Action::Vote | Action::Rsvp | Action::Ask
    );
    let outcome: Result<(), String> = match action {
        Action::GroupPage | Action::ScrollGroup => {
            let scroll = if action == Action::ScrollGroup { held.lock().unwrap().scroll.take() } else { None };
            let path = match &scroll {
                Some((g, cursor)) => format!("/v1/groups/{}/posts?limit=30&cursor={cursor}", shared.groups[*g].id),
                None => format!("/v1/groups/{}/posts?limit=30", group.id),
            };
            match get::<PostPage>(member, &path, "group page").await {
                Ok(page) => {
                    let mut held = held.lock().unwrap();
                    for item in &page.items {
                        held.saw_post(item.id);
                    }
                    let g = scroll.map(|(g, _)| g).unwrap_or(group_index);
                    held.scroll = page.next_cursor.map(|cursor| (g, cursor));
                    Ok(())
                }
                Err(error) => Err(error),
            }
        }
        Action::Pull => {
            // Each page is counted by the pull itself.
            let _ = pull_until_current(shared, phone).await;
            return;
        }
        Action::GroupEvents => {
            get::<ListPage>(member, &format!("/v1/groups/{}/events", group.id), "events").await.map(|_| ())
        }
        Action::QuestionsForMe => get::<ListPage>(member, "/v1/questions/for-me", "questions for me").await.map(|_| ()),
        Action::Comments => match post {
            Some(post) => {
                get::<ListPage>(member, &format!("/v1/posts/{post}/comments?limit=30"), "comments").await.map(|_| ())
            }
            None => return,
        },
        Action::Search => {
            let term = ["budget", "réunion", "subvention", "bénévoles", "festival"][dice.below(5)];
            get::<ListPage>(member, &format!("/v1/search?q={term}&kind=post"), "search").await.map(|page| {
                let _ = (page.items.len(), page.next_cursor);
            })
        }
        Action::Post => {
            let mutation = json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": group.id, "kind": "news",
                "body": "Le compte rendu de la réunion est en ligne, merci à tous les bénévoles." });
            push(phone, mutation).await
        }
        Action::Comment => match post {
            Some(post) => {
                push(phone, json!({ "type": "create_comment", "id": Uuid::now_v7(), "post_id": post, "body": "Merci, c'est noté !" }))
                    .await
            }
            None => return,
        },
        Action::React => match post {
            Some(post) => {
                let emoji = ["👍", "❤️", "🎉"][dice.below(3)];
                push(phone, json!({ "type": "react", "target_id": post, "emoji": emoji })).await
            }
            None => return,
        },
        Action::Answer => {
            let mutation = json!({ "type": "answer_question", "id": Uuid::now_v7(), "question_id": group.question,
                "body": "Nous avons travaillé avec Les Saveurs du Marché, très bien." });
            push(phone, mutation).await
        }
        Action::Vote => {
            push(phone, json!({ "type": "vote", "poll_id": group.poll, "choices": [dice.below(3)] })).await
        }
        Action::Rsvp => {
            let choice = ["going", "maybe", "declined"][dice.below(3)];
            push(phone, json!({ "type": "answer_event", "event_id": group.event, "choice": choice })).await
        }
        Action::Ask => {
            let mutation = json!({ "type": "ask_question", "id": Uuid::now_v7(), "group_ids": [group.id],
                "title": "Quelqu'un a-t-il un vidéoprojecteur à prêter ?", "details": "" });
            push(phone, mutation).await
        }
    };
    shared.record(started, &outcome, write, false);
}
