//! Load generator for the foundation's benchmark (issue: pulls and posts per second).
//!
//! `seed` writes a generated federation straight through the server's own domain functions
//! (so the change log is exactly what real use would leave); `run` talks HTTP to a running
//! release server and prints latency percentiles and throughput.
//!
//!     fabrique-loadgen seed --data-dir DIR [--people 10000 --groups 1000 --posts 100000]
//!     fabrique-loadgen run --url http://127.0.0.1:18088 [--seconds 10 --concurrency 8]
//!
//! The push benchmark (`scripts/bench-push.sh`) runs three processes: `push-service` (the
//! local push service that checks and decrypts), the server over a database `push-seed`
//! filled with 10,000 subscribed members, and `push-fanout`, which asks one question and
//! measures until every device has its push.

mod capacity;

use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use fabrique_server::accounts;
use fabrique_server::auth::Actor;
use fabrique_server::db::Db;
use fabrique_server::sync::log::{self, ChangeSet};
use fabrique_server::{groups, organisations, people, posts};

use fabrique_wire::groups::NewGroup;
use fabrique_wire::groups::Visibility;
use fabrique_wire::posts::NewPost;
use fabrique_wire::posts::PostKind;
use serde_json::{Value, json};
use uuid::Uuid;

const PASSWORD: &str = "load-generator";
const READER_EMAIL: &str = "reader@bench.fabrique";
const ADMIN_EMAIL: &str = "admin@bench.fabrique";

#[derive(Parser)]
#[command(about = "Fabrique's load generator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill a fresh SQLite data directory (or the PostgreSQL database of `--database-url`)
    /// with a generated federation.
    Seed {
        #[arg(long)]
        data_dir: std::path::PathBuf,
        #[arg(long)]
        database_url: Option<String>,
        #[arg(long, default_value_t = 10_000)]
        people: usize,
        #[arg(long, default_value_t = 1_000)]
        groups: usize,
        #[arg(long, default_value_t = 100_000)]
        posts: usize,
    },
    /// Measure search as the reader (a person in 50 groups) against a running server seeded by
    /// `seed`: a common term and a rare one, p50 and p95.
    Search {
        #[arg(long)]
        url: String,
        #[arg(long, default_value_t = 200)]
        queries: usize,
    },
    /// Run the local push service (VAPID checked, every message decrypted) on `bind`.
    PushService {
        #[arg(long)]
        bind: String,
    },
    /// A fresh data directory with one group whose `subscriptions` members each have one
    /// device registered at the push service.
    PushSeed {
        #[arg(long)]
        data_dir: std::path::PathBuf,
        #[arg(long, default_value_t = 10_000)]
        subscriptions: usize,
        #[arg(long)]
        push_service: String,
    },
    /// Ask one question in that group and measure the fan-out: wall seconds until the push
    /// service has every delivery, and the server's CPU seconds (from /proc).
    PushFanout {
        #[arg(long)]
        url: String,
        #[arg(long)]
        push_service: String,
        #[arg(long)]
        server_pid: u32,
        #[arg(long, default_value_t = 10_000)]
        expected: usize,
    },
    /// Add to a database seeded by `seed` what 40 days of use leave behind for the console:
    /// the activity counters of every association (a tenth of its people active each day),
    /// audit lines and moderation cases. Written straight into the tables (the counters'
    /// shape is what `activity.rs` writes; their volume is the point).
    ConsoleSeed {
        #[arg(long)]
        data_dir: std::path::PathBuf,
        #[arg(long, default_value_t = 40)]
        days: i64,
        #[arg(long, default_value_t = 100_000)]
        audit_lines: usize,
        #[arg(long, default_value_t = 2_000)]
        cases: usize,
    },
    /// Time the console's pages as the federation administrator (p50, p95 per page).
    Console {
        #[arg(long)]
        url: String,
        #[arg(long, default_value_t = 50)]
        requests: usize,
    },
    /// Against a running server seeded by `seed`: messages sent in a conversation of 50
    /// people, then votes (changed again and again) in a poll of one of the reader's groups
    /// by `concurrency` of its members at once; p50 and p99 of each push.
    Talk {
        #[arg(long)]
        url: String,
        #[arg(long, default_value_t = 500)]
        messages: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
        /// The people `seed` made (to find members of the poll's group by their email).
        #[arg(long, default_value_t = 10_000)]
        people: usize,
        #[arg(long, default_value_t = 1_000)]
        groups: usize,
    },
    /// The push relay (`fabrique-relay`, next to this binary) forwarding signed Web Push to a
    /// local APNs stand-in: pushes per second and per CPU second of the relay, p50/p99 through
    /// the relay and straight to the stand-in (the difference is what the relay adds), and its
    /// memory at rest and after.
    Relay {
        #[arg(long, default_value_t = 20_000)]
        pushes: usize,
        #[arg(long, default_value_t = 64)]
        concurrency: usize,
    },
    /// Against a running server seeded by `seed`: the administrator sends a must-read message
    /// to the whole federation (the time to write its deliveries: a row per person); `readers`
    /// people say "J'ai lu", `concurrency` at a time, while the reach is read again and again
    /// (p50, p95); then the mails of everyone who has not read it are queued, round after
    /// round, straight in the database of `data_dir` (mails queued per second); then the
    /// server's mail sender hands the first `send` of them to an SMTP server on a local port
    /// (mails sent per second).
    MustRead {
        #[arg(long)]
        url: String,
        #[arg(long)]
        data_dir: std::path::PathBuf,
        #[arg(long, default_value_t = 200)]
        readers: usize,
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
        #[arg(long, default_value_t = 5000)]
        send: usize,
    },
    /// Erase the accounts of the `people` most prolific authors of a database seeded by
    /// `seed` (writings kept, the default), straight in the database of `data_dir`: the time
    /// each erasure holds the writer, and the lines of the change log it rewrote.
    Erase {
        #[arg(long)]
        data_dir: std::path::PathBuf,
        #[arg(long, default_value_t = 5)]
        people: i64,
    },
    /// How many concurrently active members the running server(s) hold within Mattermost's
    /// limits, ramping up from `start` by `step` until a limit breaks or `max` is reached; the
    /// members are people of `seed` (see `capacity.rs` for what each does, and how often).
    Capacity {
        /// Each instance's address (members are spread over them).
        #[arg(long = "url", required = true)]
        urls: Vec<String>,
        /// The servers' database (sessions and push devices are added to it).
        #[arg(long)]
        database_url: String,
        /// The local push service (`push-service`).
        #[arg(long)]
        push_service: String,
        /// Each instance's process, for its memory and CPU.
        #[arg(long = "server-pid")]
        server_pids: Vec<u32>,
        #[arg(long, default_value_t = 500)]
        start: usize,
        #[arg(long, default_value_t = 500)]
        step: usize,
        #[arg(long, default_value_t = 5_000)]
        max: usize,
        /// Seconds measured at each step.
        #[arg(long, default_value_t = 30)]
        step_seconds: u64,
        /// A member's average pause between two actions (Mattermost's is 20 s).
        #[arg(long, default_value_t = 20.0)]
        idle_seconds: f64,
    },
    /// Measure pulls and posts against a running server seeded by `seed`.
    Run {
        #[arg(long)]
        url: String,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
    },
}

/// One thread: the load generator shares the machine with the server it measures.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    match Cli::parse().command {
        Command::Seed { data_dir, database_url, people, groups, posts } => {
            seed(&data_dir, database_url, people, groups, posts).await
        }
        Command::Capacity {
            urls,
            database_url,
            push_service,
            server_pids,
            start,
            step,
            max,
            step_seconds,
            idle_seconds,
        } => {
            let options = capacity::Options {
                urls,
                database_url,
                push_service,
                server_pids,
                start,
                step,
                max,
                step_seconds,
                idle_seconds,
            };
            capacity::run(options).await
        }
        Command::Run { url, seconds, concurrency } => run(&url, seconds, concurrency).await,
        Command::Erase { data_dir, people } => erase(&data_dir, people).await,
        Command::MustRead { url, data_dir, readers, concurrency, send } => {
            must_read(&url, &data_dir, readers, concurrency, send).await
        }
        Command::Relay { pushes, concurrency } => relay_bench(pushes, concurrency).await,
        Command::ConsoleSeed { data_dir, days, audit_lines, cases } => {
            console_seed(&data_dir, days, audit_lines, cases).await
        }
        Command::Console { url, requests } => console(&url, requests).await,
        Command::Search { url, queries } => search(&url, queries).await,
        Command::Talk { url, messages, seconds, concurrency, people, groups } => {
            talk(&url, messages, seconds, concurrency, people, groups).await
        }
        Command::PushService { bind } => {
            let service = fabrique_tests::push_service::PushService::start_on(&bind).await;
            println!("push service on {}", service.origin());
            std::future::pending::<()>().await;
        }
        Command::PushSeed { data_dir, subscriptions, push_service } => {
            push_seed(&data_dir, subscriptions, &push_service).await
        }
        Command::PushFanout { url, push_service, server_pid, expected } => {
            push_fanout(&url, &push_service, server_pid, expected).await
        }
    }
}

fn email(i: usize) -> String {
    if i == 0 { READER_EMAIL.to_owned() } else { format!("person{i}@bench.fabrique") }
}

async fn seed(
    data_dir: &std::path::Path,
    database_url: Option<String>,
    people_count: usize,
    group_count: usize,
    post_count: usize,
) {
    std::fs::create_dir_all(data_dir).expect("data directory");
    let url = database_url.unwrap_or_else(|| format!("sqlite:{}", data_dir.join("fabrique.db").display()));
    let db = Db::connect(&url).await.expect("database");
    db.migrate().await.expect("migrations");
    let started = Instant::now();
    let hash = accounts::hash_password(PASSWORD.to_owned()).await.expect("hash");

    let mut tx = db.begin_write().await.unwrap();
    let federation = organisations::insert(&mut tx, None, "federation", "Fédération de charge").await.unwrap();
    let association_count = (people_count / 100).max(1);
    let mut associations = Vec::new();
    for a in 0..association_count {
        associations.push(
            organisations::insert(&mut tx, Some(federation), "association", &format!("Association {a}")).await.unwrap(),
        );
    }
    tx.commit().await.unwrap();

    // The administrator creates the groups (and so belongs to all of them): the writer of the benchmark.
    let mut tx = db.begin_write().await.unwrap();
    let mut changes = ChangeSet::default();
    let admin_id = people::insert_person(
        &mut tx,
        people::NewPerson {
            organisation_id: federation,
            email: ADMIN_EMAIL.to_owned(),
            display_name: "Admin".into(),
            password_hash: hash.clone(),
            federation_admin: true,
        },
        &mut changes,
    )
    .await
    .unwrap();
    let admin = Actor::acting_as(admin_id, federation, true);
    log::commit(&mut tx, changes).await.unwrap();
    tx.commit().await.unwrap();

    let mut actors: Vec<Actor> = Vec::with_capacity(people_count);
    for chunk in (0..people_count).collect::<Vec<_>>().chunks(1000) {
        let mut tx = db.begin_write().await.unwrap();
        let mut changes = ChangeSet::default();
        for &i in chunk {
            let organisation_id = associations[i % association_count];
            let new = people::NewPerson {
                organisation_id,
                email: email(i),
                display_name: format!("Personne {i}"),
                password_hash: hash.clone(),
                federation_admin: false,
            };
            let id = people::insert_person(&mut tx, new, &mut changes).await.unwrap();
            actors.push(Actor::acting_as(id, organisation_id, false));
        }
        log::commit(&mut tx, changes).await.unwrap();
        tx.commit().await.unwrap();
    }
    println!("seeded {people_count} people in {:.1?}", started.elapsed());
    if group_count == 0 {
        // People only (what a message to the whole federation needs).
        return;
    }

    // Everyone joins 5 groups; the reader (person 0) joins 50.
    let mut group_ids = Vec::with_capacity(group_count);
    let mut tx = db.begin_write().await.unwrap();
    let mut changes = ChangeSet::default();
    for g in 0..group_count {
        let id = Uuid::now_v7();
        let visibility = if g % 5 == 0 { Visibility::Private } else { Visibility::Public };
        let owner = associations[g % association_count];
        groups::create_group(
            &mut tx,
            &admin,
            &NewGroup {
                id,
                name: format!("Groupe {g}"),
                description: "Un groupe de travail".into(),
                organisation_id: owner,
                visibility,
                tags: Vec::new(),
            },
            &mut changes,
        )
        .await
        .unwrap();
        group_ids.push(id);
    }
    log::commit(&mut tx, changes).await.unwrap();
    tx.commit().await.unwrap();

    let mut members: Vec<Vec<usize>> = vec![Vec::new(); group_count];
    for chunk in (0..people_count).collect::<Vec<_>>().chunks(500) {
        let mut tx = db.begin_write().await.unwrap();
        let mut changes = ChangeSet::default();
        for &i in chunk {
            for g in groups_of(i, group_count) {
                if g % 5 == 0 {
                    groups::invite_to_group(&mut tx, &admin, group_ids[g], actors[i].person_id, &mut changes)
                        .await
                        .unwrap();
                }
                groups::join_group(&mut tx, &actors[i], group_ids[g], &mut changes).await.unwrap();
                members[g].push(i);
            }
        }
        log::commit(&mut tx, changes).await.unwrap();
        tx.commit().await.unwrap();
    }
    println!("seeded {group_count} groups and their members in {:.1?}", started.elapsed());

    for chunk in (0..post_count).collect::<Vec<_>>().chunks(2000) {
        let mut tx = db.begin_write().await.unwrap();
        let mut changes = ChangeSet::default();
        for &p in chunk {
            let g = p % group_count;
            let author = match members[g].get(p % members[g].len().max(1)) {
                Some(&i) => &actors[i],
                None => &admin,
            };
            posts::create_post(
                &mut tx,
                author,
                &NewPost {
                    id: Uuid::now_v7(),
                    group_id: group_ids[g],
                    kind: PostKind::News,
                    title: format!("Message {p}"),
                    body: post_body(p),
                    mentions: Vec::new(),
                    attachments: Vec::new(),
                },
                &mut changes,
            )
            .await
            .unwrap();
        }
        log::commit(&mut tx, changes).await.unwrap();
        tx.commit().await.unwrap();
    }
    println!("seeded {post_count} posts in {:.1?}", started.elapsed());
    db.close().await;
}

/// Words for generated posts: varied enough for search to have work to do. "réunion" comes in
/// about a third of the posts (the common term), "pétanque" in one post in 20,000 (the rare one).
const VOCABULARY: &[&str] = &[
    "budget",
    "subvention",
    "bénévoles",
    "association",
    "assemblée",
    "générale",
    "trésorerie",
    "adhérents",
    "calendrier",
    "événement",
    "formation",
    "communication",
    "partenaires",
    "mairie",
    "département",
    "région",
    "projet",
    "bilan",
    "rapport",
    "activité",
    "jeunesse",
    "sport",
    "culture",
    "solidarité",
    "logistique",
    "salle",
    "matériel",
    "inscription",
    "cotisation",
    "statuts",
    "bureau",
    "conseil",
    "administration",
    "président",
    "secrétaire",
    "comptabilité",
    "dossier",
    "demande",
    "financement",
    "fédération",
    "comité",
    "commission",
    "atelier",
    "rencontre",
    "sortie",
    "festival",
    "tournoi",
    "concert",
    "exposition",
    "collecte",
];

fn post_body(p: usize) -> String {
    let mut words = Vec::with_capacity(40);
    let mut state = (p as u64).wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for _ in 0..40 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        words.push(VOCABULARY[(state >> 33) as usize % VOCABULARY.len()]);
    }
    if p.is_multiple_of(3) {
        words.push("réunion");
    }
    if p % 20_000 == 7 {
        words.push("pétanque");
    }
    format!("{}.", words.join(" "))
}

/// The groups person `i` belongs to: 50 for the reader, 5 for everyone else.
fn groups_of(i: usize, group_count: usize) -> Vec<usize> {
    let count = if i == 0 { 50 } else { 5 };
    let mut groups: Vec<usize> = (0..count).map(|k| (i * 7 + k * 131) % group_count).collect();
    groups.sort_unstable();
    groups.dedup();
    groups
}

struct Figures {
    latencies: Vec<Duration>,
    elapsed: Duration,
}

impl Figures {
    fn print(mut self, what: &str) {
        self.latencies.sort_unstable();
        let at = |q: f64| self.latencies[((self.latencies.len() as f64 - 1.0) * q).round() as usize];
        println!(
            "{what}: {} requests in {:.1?}: {:.0}/s, p50 {:.2?}, p99 {:.2?}, max {:.2?}",
            self.latencies.len(),
            self.elapsed,
            self.latencies.len() as f64 / self.elapsed.as_secs_f64(),
            at(0.50),
            at(0.99),
            at(1.0)
        );
    }
}

async fn sign_in(client: &reqwest::Client, url: &str, email: &str) -> String {
    let response: Value = client
        .post(format!("{url}/v1/auth/sign-in"))
        .json(&json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .expect("server reachable")
        .json()
        .await
        .unwrap();
    response["token"].as_str().expect("signed in").to_owned()
}

/// A JSON answer to a GET as `token`.
async fn get_json(client: &reqwest::Client, address: &str, token: &str) -> Value {
    client.get(address).bearer_auth(token).send().await.unwrap().json().await.unwrap()
}

async fn pull_bytes(client: &reqwest::Client, url: &str, token: &str, cursor: &Option<String>) -> Vec<u8> {
    let response = client
        .post(format!("{url}/v1/sync/pull"))
        .bearer_auth(token)
        .header("accept-encoding", "gzip")
        .json(&json!({ "cursor": cursor, "limit": 500 }))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "pull failed: {}", response.status());
    body(response).await.unwrap()
}

/// An answer's body, gunzipped when the server compressed it (pulls are asked compressed, as
/// the apps' HTTP stacks ask).
async fn body(response: reqwest::Response) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let gzipped = response.headers().get("content-encoding").is_some_and(|e| e == "gzip");
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    if !gzipped {
        return Ok(bytes.to_vec());
    }
    let mut plain = Vec::with_capacity(bytes.len() * 6);
    flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut plain).map_err(|e| e.to_string())?;
    Ok(plain)
}

async fn pull(client: &reqwest::Client, url: &str, token: &str, cursor: &Option<String>) -> Value {
    serde_json::from_slice(&pull_bytes(client, url, token, cursor).await).unwrap()
}

/// What the measured pulls check, read without building a tree of the whole answer.
#[derive(serde::Deserialize)]
struct PageSummary {
    changes: Vec<serde::de::IgnoredAny>,
}

async fn pull_summary(client: &reqwest::Client, url: &str, token: &str, cursor: &Option<String>) -> PageSummary {
    serde_json::from_slice(&pull_bytes(client, url, token, cursor).await).unwrap()
}

async fn run(url: &str, seconds: u64, concurrency: usize) {
    let client = reqwest::Client::builder().pool_max_idle_per_host(64).build().unwrap();
    let admin = sign_in(&client, url, ADMIN_EMAIL).await;
    let reader = sign_in(&client, url, READER_EMAIL).await;
    let mut reader_groups: Vec<String> = Vec::new();
    let mut cursor: Option<String> = None;
    // The reader's groups, from a first full sync (which also brings the device up to date).
    let started = Instant::now();
    let mut pages = 0;
    loop {
        let page = pull(&client, url, &reader, &cursor).await;
        pages += 1;
        for change in page["changes"].as_array().unwrap() {
            if change["kind"] == "group" {
                reader_groups.push(change["id"].as_str().unwrap().to_owned());
            }
        }
        cursor = page["cursor"].as_str().map(str::to_owned);
        if page["has_more"] != true {
            break;
        }
    }
    println!(
        "first sync of the reader: {pages} pages in {:.1?}, {} groups, a cursor of {} bytes",
        started.elapsed(),
        reader_groups.len(),
        cursor.as_ref().map_or(0, String::len)
    );

    // Posts pushed: `concurrency` devices, one mutation per push, for `seconds`.
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers = (0..concurrency).map(|w| {
        let (client, admin, groups) = (client.clone(), admin.clone(), reader_groups.clone());
        async move {
            let client_id = Uuid::new_v4();
            let mut latencies = Vec::new();
            let mut n: u64 = 0;
            while Instant::now() < deadline {
                n += 1;
                let group = &groups[(n as usize * 13 + w) % groups.len()];
                let post = json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": group, "kind": "news", "body": "Message de charge" });
                latencies.push(push_one(&client, url, &admin, client_id, n, post).await);
            }
            latencies
        }
    });
    let latencies: Vec<Duration> = futures::future::join_all(workers).await.into_iter().flatten().collect();
    Figures { latencies, elapsed: started.elapsed() }.print("post pushed");

    // The reader's pull in 50 groups, then a member's in 5: what a pull costs must grow
    // slowly with the number of groups one belongs to.
    let pull_50 = pull_phase(&client, url, &admin, &reader, cursor, &reader_groups, seconds, concurrency).await;
    pull_50.print("pull (50 groups, 100 new changes)");
    let member = sign_in(&client, url, &email(1)).await;
    let (member_cursor, member_groups) = sync_fully(&client, url, &member).await;
    println!(
        "a member in {} groups: a cursor of {} bytes",
        member_groups.len(),
        member_cursor.as_ref().map_or(0, String::len)
    );
    let pull_5 = pull_phase(&client, url, &admin, &member, member_cursor, &member_groups, seconds, concurrency).await;
    pull_5.print(&format!("pull ({} groups, 100 new changes)", member_groups.len()));
}

/// Pulls from nothing to the end: the cursor, and the groups met on the way.
async fn sync_fully(client: &reqwest::Client, url: &str, token: &str) -> (Option<String>, Vec<String>) {
    let mut cursor = None;
    let mut groups = Vec::new();
    loop {
        let page = pull(client, url, token, &cursor).await;
        for change in page["changes"].as_array().unwrap() {
            if change["kind"] == "group" {
                groups.push(change["id"].as_str().unwrap().to_owned());
            }
        }
        cursor = page["cursor"].as_str().map(str::to_owned);
        if page["has_more"] != true {
            return (cursor, groups);
        }
    }
}

/// Brings `token`'s device up to date, has the administrator post exactly 100 posts in its
/// groups, then pulls them from that cursor again and again, `concurrency` at a time.
#[allow(clippy::too_many_arguments)]
async fn pull_phase(
    client: &reqwest::Client,
    url: &str,
    admin: &str,
    token: &str,
    mut cursor: Option<String>,
    groups: &[String],
    seconds: u64,
    concurrency: usize,
) -> Figures {
    loop {
        let page = pull(client, url, token, &cursor).await;
        cursor = page["cursor"].as_str().map(str::to_owned);
        if page["has_more"] != true {
            break;
        }
    }
    let client_id = Uuid::new_v4();
    let mutations: Vec<Value> = (1..=100)
        .map(|n| json!({ "id": n, "mutation": { "type": "create_post", "id": Uuid::now_v7(), "group_id": groups[n % groups.len()], "kind": "news", "body": "Nouveau" } }))
        .collect();
    let response = client
        .post(format!("{url}/v1/sync/push"))
        .bearer_auth(admin)
        .json(&json!({ "client_id": client_id, "mutations": mutations }))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());

    // Pulls from the cursor that has 100 new changes waiting, concurrently, for `seconds`.
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers = (0..concurrency).map(|_| {
        let (client, token, cursor) = (client.clone(), token.to_owned(), cursor.clone());
        async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let sent = Instant::now();
                let page = pull_summary(&client, url, &token, &cursor).await;
                latencies.push(sent.elapsed());
                assert_eq!(page.changes.len(), 100, "the pull brings the 100 new posts");
            }
            latencies
        }
    });
    let latencies: Vec<Duration> = futures::future::join_all(workers).await.into_iter().flatten().collect();
    Figures { latencies, elapsed: started.elapsed() }
}

/// One mutation pushed as a device does; its latency.
async fn push_one(
    client: &reqwest::Client,
    url: &str,
    token: &str,
    client_id: Uuid,
    n: u64,
    mutation: Value,
) -> Duration {
    let push = json!({ "client_id": client_id, "mutations": [{ "id": n, "mutation": mutation }] });
    let sent = Instant::now();
    // Compressed answers accepted, as the apps' HTTP stacks say on every request.
    let response = client
        .post(format!("{url}/v1/sync/push"))
        .bearer_auth(token)
        .header("accept-encoding", "gzip")
        .json(&push)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "push failed: {}", response.status());
    let answer: Value = serde_json::from_slice(&body(response).await.unwrap()).unwrap();
    assert_eq!(answer["results"][0]["outcome"]["status"], "applied", "{answer}");
    sent.elapsed()
}

async fn talk(url: &str, messages: usize, seconds: u64, concurrency: usize, people: usize, group_count: usize) {
    use fabrique_wire::sync::{Entity, PullResponse};
    let client = reqwest::Client::builder().pool_max_idle_per_host(64).build().unwrap();
    let admin = sign_in(&client, url, ADMIN_EMAIL).await;
    let reader = sign_in(&client, url, READER_EMAIL).await;

    // The reader's groups and the people in them, from a first full sync.
    let mut reader_id = None;
    let mut groups: Vec<(usize, Uuid)> = Vec::new();
    let mut others: Vec<Uuid> = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page: PullResponse = serde_json::from_slice(&pull_bytes(&client, url, &reader, &cursor).await).unwrap();
        for change in page.changes {
            match change.entity {
                Some(Entity::Me(me)) => reader_id = Some(me.profile.id),
                Some(Entity::Group(group)) => {
                    if let Some(index) = group.name.strip_prefix("Groupe ").and_then(|n| n.parse().ok()) {
                        groups.push((index, group.id));
                    }
                }
                Some(Entity::GroupMember(member)) => others.push(member.person_id),
                _ => {}
            }
        }
        cursor = Some(page.cursor);
        if !page.has_more {
            break;
        }
    }
    let reader_id = reader_id.expect("the reader's own entity");
    others.sort_unstable();
    others.dedup();
    others.retain(|id| *id != reader_id);
    assert!(others.len() >= 49, "the reader's groups hold 49 other people");

    // A conversation of 50 people, and messages in it one push at a time.
    let client_id = Uuid::new_v4();
    let conversation = Uuid::now_v7();
    let start = json!({ "type": "start_conversation", "id": conversation, "person_ids": &others[..49], "title": "Bureau élargi" });
    push_one(&client, url, &reader, client_id, 1, start).await;
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(messages);
    for n in 0..messages as u64 {
        let message = json!({ "type": "send_message", "id": Uuid::now_v7(), "conversation_id": conversation, "body": format!("Message {n} à tout le bureau") });
        latencies.push(push_one(&client, url, &reader, client_id, n + 2, message).await);
    }
    Figures { latencies, elapsed: started.elapsed() }.print("message sent (conversation of 50)");

    // A poll in the reader's first group (by the administrator, its organiser); members vote.
    let (group_index, group_id) = groups.iter().min().copied().expect("the reader has groups");
    let poll = Uuid::now_v7();
    let closes_at = chrono::Utc::now() + chrono::Duration::days(7);
    let create = json!({ "type": "create_poll", "id": poll, "group_id": group_id, "question": "Quelle date pour l'AG ?",
        "options": ["Samedi 6", "Samedi 13", "Samedi 20"], "results_shown": "after_voting", "closes_at": closes_at });
    push_one(&client, url, &admin, Uuid::new_v4(), 1, create).await;
    let voters: Vec<usize> = std::iter::once(0)
        .chain((1..people).filter(|i| groups_of(*i, group_count).contains(&group_index)))
        .take(concurrency)
        .collect();
    let mut tokens = Vec::new();
    for i in &voters {
        tokens.push(sign_in(&client, url, &email(*i)).await);
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let workers = tokens.into_iter().enumerate().map(|(w, token)| {
        let client = client.clone();
        async move {
            let client_id = Uuid::new_v4();
            let mut latencies = Vec::new();
            let mut n: u64 = 0;
            let mut last = 0;
            while Instant::now() < deadline {
                n += 1;
                last = (n as usize + w) % 3;
                let vote = json!({ "type": "vote", "poll_id": poll, "choices": [last] });
                latencies.push(push_one(&client, url, &token, client_id, n, vote).await);
            }
            (latencies, last)
        }
    });
    let answers = futures::future::join_all(workers).await;
    let mut expected = [0i64; 3];
    for (_, last) in &answers {
        expected[*last] += 1;
    }
    let latencies: Vec<Duration> = answers.into_iter().flat_map(|(l, _)| l).collect();
    Figures { latencies, elapsed: started.elapsed() }.print(&format!("vote pushed ({} voters at once)", voters.len()));

    // Each voter counts once, for their last choice, however often they voted.
    let results = get_json(&client, &format!("{url}/v1/polls/{poll}/results"), &admin).await;
    let counted: Vec<i64> =
        results["options"].as_array().unwrap().iter().map(|o| o["votes"].as_i64().unwrap()).collect();
    assert_eq!(counted, expected, "the counts are each voter's last choice: {results}");
    assert_eq!(results["voter_count"], voters.len());
    println!(
        "poll counts after the votes: {counted:?}, {} voters, each counted once for their last choice",
        voters.len()
    );
}

async fn search(url: &str, queries: usize) {
    let client = reqwest::Client::new();
    let token = sign_in(&client, url, READER_EMAIL).await;
    for (label, term) in [("common term (\"reunion\")", "reunion"), ("rare term (\"petanque\")", "petanque")] {
        let mut latencies = Vec::with_capacity(queries);
        let mut found = 0;
        for _ in 0..queries {
            let started = Instant::now();
            let page: Value = client
                .get(format!("{url}/v1/search?q={term}&kind=post"))
                .bearer_auth(&token)
                .send()
                .await
                .expect("search answers")
                .json()
                .await
                .expect("a page");
            latencies.push(started.elapsed());
            found = page["items"].as_array().map_or(0, Vec::len);
        }
        latencies.sort_unstable();
        let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
        println!(
            "search, {label}: {} queries, {found} results on the first page, p50 {:.2?}, p95 {:.2?}, max {:.2?}",
            latencies.len(),
            at(0.50),
            at(0.95),
            at(1.0)
        );
    }
}

const ASKER_EMAIL: &str = "asker@bench.fabrique";

async fn push_seed(data_dir: &std::path::Path, count: usize, push_service: &str) {
    std::fs::create_dir_all(data_dir).expect("data directory");
    let db = Db::connect(&format!("sqlite:{}", data_dir.join("fabrique.db").display())).await.expect("database");
    db.migrate().await.expect("migrations");
    let started = Instant::now();
    let hash = accounts::hash_password(PASSWORD.to_owned()).await.expect("hash");
    let devices = new_devices(push_service, count).await;

    let mut tx = db.begin_write().await.unwrap();
    let mut changes = ChangeSet::default();
    let federation = organisations::insert(&mut tx, None, "federation", "Fédération de charge").await.unwrap();
    let new_person = |email: String, name: String, admin: bool| people::NewPerson {
        organisation_id: federation,
        email,
        display_name: name,
        password_hash: hash.clone(),
        federation_admin: admin,
    };
    let admin_id = people::insert_person(&mut tx, new_person(ADMIN_EMAIL.into(), "Admin".into(), true), &mut changes)
        .await
        .unwrap();
    let admin = Actor::acting_as(admin_id, federation, true);
    let group = Uuid::now_v7();
    let new_group = NewGroup {
        id: group,
        name: "Subventions nationales".into(),
        description: String::new(),
        organisation_id: federation,
        visibility: Visibility::Public,
        tags: Vec::new(),
    };
    groups::create_group(&mut tx, &admin, &new_group, &mut changes).await.unwrap();
    let asker_id = people::insert_person(&mut tx, new_person(ASKER_EMAIL.into(), "Awa".into(), false), &mut changes)
        .await
        .unwrap();
    groups::join_group(&mut tx, &Actor::acting_as(asker_id, federation, false), group, &mut changes).await.unwrap();
    log::commit(&mut tx, changes).await.unwrap();
    tx.commit().await.unwrap();

    let mut members = Vec::with_capacity(count);
    for chunk in (0..count).collect::<Vec<_>>().chunks(1000) {
        let mut tx = db.begin_write().await.unwrap();
        let mut changes = ChangeSet::default();
        for &n in chunk {
            let new = new_person(format!("member{n}@bench.fabrique"), format!("Membre {n}"), false);
            let id = people::insert_person(&mut tx, new, &mut changes).await.unwrap();
            groups::join_group(&mut tx, &Actor::acting_as(id, federation, false), group, &mut changes).await.unwrap();
            members.push(id);
        }
        log::commit(&mut tx, changes).await.unwrap();
        tx.commit().await.unwrap();
    }
    capacity::add_sessions(&db, &members, &devices).await;
    println!("seeded {count} members with one device each in {:.1?}", started.elapsed());
}

/// `count` new devices at the local push service (endpoints and keys, as JSON).
async fn new_devices(push_service: &str, count: usize) -> Vec<Value> {
    reqwest::Client::new()
        .post(format!("{push_service}/devices/{count}"))
        .send()
        .await
        .expect("the push service answers")
        .json()
        .await
        .expect("devices")
}

/// The server's user + system CPU time so far, from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the server's /proc entry");
    // Fields after the command name (which may hold spaces): utime is the 14th field, stime the 15th.
    let after = &stat[stat.rfind(')').expect("a stat line") + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks / 100.0
}

async fn push_fanout(url: &str, push_service: &str, server_pid: u32, expected: usize) {
    let client = reqwest::Client::new();
    let token = sign_in(&client, url, ASKER_EMAIL).await;
    let stats = || async {
        let stats: Value = client.get(format!("{push_service}/stats")).send().await.unwrap().json().await.unwrap();
        stats
    };
    let before = stats().await["received"].as_u64().unwrap_or(0) as usize;
    let groups: Value =
        client.get(format!("{url}/v1/groups?limit=1")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    let group = groups["items"][0]["group"]["id"].as_str().expect("the bench group").to_owned();
    let cpu_before = cpu_seconds(server_pid);
    let started = Instant::now();
    let push = json!({ "client_id": Uuid::now_v7(), "mutations": [{ "id": 1, "mutation": {
        "type": "ask_question", "id": Uuid::now_v7(), "group_ids": [group], "title": "Quel dossier pour la subvention ?", "details": "", "tags": [] } }] });
    let answer: Value = client
        .post(format!("{url}/v1/sync/push"))
        .bearer_auth(&token)
        .json(&push)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["results"][0]["outcome"]["status"], "applied", "{answer}");
    let asked = started.elapsed();
    let cpu_asked = cpu_seconds(server_pid);
    loop {
        let now = stats().await;
        let received = now["received"].as_u64().unwrap_or(0) as usize - before;
        if received >= expected || started.elapsed() > Duration::from_secs(600) {
            let wall = started.elapsed();
            let cpu = cpu_seconds(server_pid) - cpu_before;
            let sending_cpu = cpu_seconds(server_pid) - cpu_asked;
            println!("fan-out of one question to {received} devices (refused: {}):", now["refused"]);
            println!("  the question and its {expected} notifications and deliveries written: {asked:.2?}");
            println!("  wall: {:.2} s until the last push arrived", wall.as_secs_f64());
            println!("  server CPU: {cpu:.2} s in all, {sending_cpu:.2} s sending");
            println!(
                "  {:.0} deliveries per second of wall time, {:.0} per CPU second of sending",
                received as f64 / (wall - asked).as_secs_f64(),
                received as f64 / sending_cpu.max(0.01)
            );
            println!("  VAPID signatures made: {}", now["distinct_tokens"]);
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn console_seed(data_dir: &std::path::Path, days: i64, audit_lines: usize, cases: usize) {
    let db = Db::connect(&format!("sqlite:{}", data_dir.join("fabrique.db").display())).await.expect("database");
    let started = Instant::now();
    let Db::Sqlite { write, .. } = &db else { panic!("the console seed is for SQLite") };
    let associations: Vec<(Uuid, i64)> = sqlx::query_as(
        "SELECT o.id, (SELECT COUNT(*) FROM people p WHERE p.organisation_id = o.id) FROM organisations o WHERE o.kind = 'association'",
    )
    .fetch_all(write)
    .await
    .expect("associations");
    let people: Vec<(Uuid, Uuid)> =
        sqlx::query_as("SELECT id, organisation_id FROM people").fetch_all(write).await.expect("people");
    let mut by_association: std::collections::HashMap<Uuid, Vec<Uuid>> = std::collections::HashMap::new();
    for (person, organisation) in &people {
        by_association.entry(*organisation).or_default().push(*person);
    }
    let today = chrono::Utc::now().date_naive();
    let mut rows = 0usize;
    for (index, (association, count)) in associations.iter().enumerate() {
        let mut tx = write.begin().await.expect("a transaction");
        let members = by_association.get(association).cloned().unwrap_or_default();
        for d in 0..days {
            let day = today - chrono::Duration::days(d);
            let active = (*count as usize / 10).max(1);
            sqlx::query("INSERT INTO activity_days (organisation_id, day, posts, questions_asked, answers) VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (organisation_id, day) DO UPDATE SET posts = activity_days.posts + excluded.posts")
                .bind(association).bind(day).bind(active as i64 * 2).bind((active / 3).max(1) as i64).bind((active / 2).max(1) as i64)
                .execute(&mut *tx).await.expect("a day");
            for k in 0..active.min(members.len()) {
                let person = members[(k + d as usize * 7 + index) % members.len()];
                sqlx::query("INSERT INTO activity_people (organisation_id, day, person_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(association).bind(day).bind(person).execute(&mut *tx).await.expect("a person-day");
                rows += 1;
            }
            for q in 0..(active / 3).max(1) {
                let asked = day.and_hms_opt(9, (q % 60) as u32, 0).expect("a time").and_utc();
                let answered = if q % 4 == 0 { None } else { Some((q as i64 + 1) * 1800) };
                sqlx::query("INSERT INTO activity_questions (question_id, organisation_id, asked_at, first_answer_seconds) VALUES ($1, $2, $3, $4)")
                    .bind(Uuid::now_v7()).bind(association).bind(asked).bind(answered).execute(&mut *tx).await.expect("a question");
            }
        }
        tx.commit().await.expect("commit");
    }
    println!(
        "seeded the activity of {} associations over {days} days ({rows} person-days) in {:.1?}",
        associations.len(),
        started.elapsed()
    );
    let admin: Uuid = sqlx::query_scalar("SELECT id FROM people WHERE platform_role = 'federation_admin' LIMIT 1")
        .fetch_one(write)
        .await
        .expect("the administrator");
    let mut tx = write.begin().await.expect("a transaction");
    for i in 0..audit_lines {
        let at = chrono::Utc::now() - chrono::Duration::seconds((audit_lines - i) as i64 * 30);
        let (action, target) = match i % 4 {
            0 => ("invitation.create", people[i % people.len()].1),
            1 => ("person.deactivate", people[i % people.len()].0),
            2 => ("group.member.remove", people[i % people.len()].0),
            _ => ("post.delete", people[i % people.len()].0),
        };
        sqlx::query("INSERT INTO audit_log (id, actor_id, action, target_kind, target_id, details, created_at) VALUES ($1, $2, $3, 'person', $4, '{}', $5)")
            .bind(Uuid::now_v7()).bind(admin).bind(action).bind(target).bind(at).execute(&mut *tx).await.expect("an audit line");
    }
    for i in 0..cases {
        let (author, organisation) = people[(i * 37) % people.len()];
        let opened = chrono::Utc::now() - chrono::Duration::minutes((cases - i) as i64 * 20);
        let state = if i % 3 == 0 { "open" } else { "decided" };
        sqlx::query("INSERT INTO moderation_cases (id, target_kind, target_id, author_id, organisation_id, excerpt, state, report_count, opened_at, decision, decided_at) \
                     VALUES ($1, 'post', $2, $3, $4, 'Un message signalé', $5, 1, $6, $7, $8)")
            .bind(Uuid::now_v7()).bind(Uuid::now_v7()).bind(author).bind(organisation).bind(state).bind(opened)
            .bind((state == "decided").then_some("dismiss")).bind((state == "decided").then_some(opened + chrono::Duration::hours(3)))
            .execute(&mut *tx).await.expect("a case");
    }
    tx.commit().await.expect("commit");
    println!("seeded {audit_lines} audit lines and {cases} moderation cases in {:.1?}", started.elapsed());
    db.close().await;
}

/// The console's sign-in, by hand: the one-time cookie and token of the form, then the session cookie.
async fn console_session(client: &reqwest::Client, url: &str) -> String {
    let page = client.get(format!("{url}/admin/sign-in")).send().await.expect("the sign-in page");
    let login = page
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.split(';').next().filter(|c| c.starts_with("fabrique_admin_login=")))
        .expect("a one-time cookie")
        .to_owned();
    let html = page.text().await.expect("the form");
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("a form token") + marker.len();
    let csrf = html[start..].split('"').next().unwrap_or_default().to_owned();
    let body = format!("csrf={csrf}&email={}&password={PASSWORD}", ADMIN_EMAIL.replace('@', "%40"));
    let answer = client
        .post(format!("{url}/admin/sign-in"))
        .header(reqwest::header::COOKIE, &login)
        .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("sign-in answers");
    answer
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.split(';').next().filter(|c| c.starts_with("fabrique_admin=")))
        .expect("a console session")
        .to_owned()
}

async fn console(url: &str, requests: usize) {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a client");
    let cookie = console_session(&client, url).await;
    let pages = [
        ("home (open cases, people count)", "/admin".to_owned()),
        ("people, first page", "/admin/people".to_owned()),
        ("people, searched by name", "/admin/people?q=personne%2012345".to_owned()),
        ("people, one association", "/admin/people?organisation=ORG".to_owned()),
        ("organisations, the federation's level", "/admin/organisations?parent=FED".to_owned()),
        ("groups, first page", "/admin/groups".to_owned()),
        ("activity, 50 associations over 30 days", "/admin/activity".to_owned()),
        ("moderation queue", "/admin/moderation".to_owned()),
        ("moderation report, 30 days", "/admin/moderation/report".to_owned()),
        ("audit log, first page", "/admin/audit".to_owned()),
        ("audit log, searched", "/admin/audit?q=deactivate".to_owned()),
        ("push health", "/admin/push".to_owned()),
    ];
    let organisations = client
        .get(format!("{url}/admin/organisations"))
        .header(reqwest::header::COOKIE, &cookie)
        .send()
        .await
        .expect("tree")
        .text()
        .await
        .expect("html");
    let federation = organisations
        .split("/admin/organisations?parent=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    let level = client
        .get(format!("{url}/admin/organisations?parent={federation}"))
        .header(reqwest::header::COOKIE, &cookie)
        .send()
        .await
        .expect("level")
        .text()
        .await
        .expect("html");
    let association = level
        .split("/admin/people?organisation=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_owned();
    for (label, path) in pages {
        let path = path.replace("ORG", &association).replace("FED", &federation);
        let mut latencies = Vec::with_capacity(requests);
        let mut bytes = 0;
        for _ in 0..requests {
            let started = Instant::now();
            let response = client
                .get(format!("{url}{path}"))
                .header(reqwest::header::COOKIE, &cookie)
                .send()
                .await
                .expect("a page");
            assert!(response.status().is_success(), "{path}: {}", response.status());
            bytes = response.bytes().await.expect("a body").len();
            latencies.push(started.elapsed());
        }
        latencies.sort_unstable();
        let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
        println!(
            "console, {label}: {} requests, {bytes} bytes, p50 {:.2?}, p95 {:.2?}",
            latencies.len(),
            at(0.50),
            at(0.95)
        );
    }
}

/// Resident memory of a process, in MB, from /proc.
fn rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)]
}

async fn relay_bench(pushes: usize, concurrency: usize) {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use futures::StreamExt;
    use jwt_simple::prelude::{Claims, ECDSAP256KeyPairLike, ECDSAP256PublicKeyLike, ES256KeyPair};

    let apns = fabrique_tests::push_platforms::ApnsStandIn::start().await;
    let dir = std::env::temp_dir().join(format!("fabrique-relay-bench-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("AuthKey.p8");
    std::fs::write(&key, &apns.key_pem).unwrap();
    // The stand-in speaks HTTP/2 over TLS as APNs does: the relay trusts its certificate.
    let certificate = dir.join("stand-in.pem");
    std::fs::write(&certificate, &apns.certificate_pem).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let relay_url = format!("http://127.0.0.1:{port}");
    let binary = std::env::current_exe().unwrap().with_file_name("fabrique-relay");
    let mut relay = std::process::Command::new(&binary)
        .args(["--bind", &format!("127.0.0.1:{port}"), "--public-url", &relay_url, "--apns-key-file"])
        .arg(&key)
        .args(["--apns-key-id", &apns.key_id, "--apns-team-id", &apns.team_id, "--apns-topic", &apns.topic])
        .args(["--apns-url", &apns.url(), "--per-sender-per-minute", "100000000", "--per-token-per-minute", "1000000"])
        .arg("--extra-root-certificate")
        .arg(&certificate)
        .env("RUST_LOG", "warn")
        .spawn()
        .unwrap_or_else(|e| panic!("{} does not start: {e}", binary.display()));
    let client = reqwest::Client::builder().pool_max_idle_per_host(concurrency).build().unwrap();
    for _ in 0..200 {
        if client.get(format!("{relay_url}/health")).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let at_rest = rss_mb(relay.id());

    // One server's VAPID signature (as a Fabrique server reuses it for an hour).
    let vapid = ES256KeyPair::generate();
    let jwt = vapid
        .sign(
            Claims::create(jwt_simple::prelude::Duration::from_hours(12))
                .with_audience(&relay_url)
                .with_subject("mailto:bench@fabrique.test"),
        )
        .unwrap();
    let authorization =
        format!("vapid t={jwt}, k={}", URL_SAFE_NO_PAD.encode(vapid.public_key().public_key().to_bytes_uncompressed()));
    let body = vec![7u8; 300];

    // Straight to the stand-in (HTTP/2, a provider token): what APNs itself costs here.
    let provider = ES256KeyPair::from_pem(&apns.key_pem).unwrap().with_key_id(&apns.key_id);
    let provider =
        provider.sign(Claims::create(jwt_simple::prelude::Duration::from_hours(1)).with_issuer(&apns.team_id)).unwrap();
    // Straight to the stand-in, over TLS as the relay goes (HTTP/2 by ALPN).
    let stand_in = reqwest::Certificate::from_pem(apns.certificate_pem.as_bytes()).unwrap();
    let h2 = reqwest::Client::builder().add_root_certificate(stand_in).build().unwrap();
    let payload = json!({ "aps": { "alert": { "loc-key": "push_generic" }, "mutable-content": 1 }, "p": URL_SAFE_NO_PAD.encode(&body) });
    let direct_count = (pushes / 5).max(100);
    let mut direct: Vec<Duration> = futures::stream::iter(0..direct_count)
        .map(|i| {
            let (h2, provider, payload, url) = (&h2, &provider, &payload, apns.url());
            async move {
                let started = Instant::now();
                let answer = h2
                    .post(format!("{url}/3/device/d{i:08x}"))
                    .bearer_auth(provider)
                    .header("apns-topic", "org.fabrique.app")
                    .header("apns-push-type", "alert")
                    .header("apns-priority", "10")
                    .json(payload)
                    .send()
                    .await
                    .unwrap();
                assert!(answer.status().is_success(), "{}", answer.status());
                started.elapsed()
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    direct.sort();

    let cpu_before = cpu_seconds(relay.id());
    let started = Instant::now();
    let mut through: Vec<Duration> = futures::stream::iter(0..pushes)
        .map(|i| {
            let (client, authorization, body, relay_url) = (&client, &authorization, &body, &relay_url);
            async move {
                let sent = Instant::now();
                let answer = client
                    .post(format!("{relay_url}/apns/t{i:08x}"))
                    .header("authorization", authorization)
                    .header("content-encoding", "aes128gcm")
                    .header("ttl", "3600")
                    .header("urgency", "normal")
                    .body(body.clone())
                    .send()
                    .await
                    .unwrap();
                assert_eq!(answer.status(), 201);
                sent.elapsed()
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds(relay.id()) - cpu_before;
    through.sort();
    let after = rss_mb(relay.id());
    let _ = relay.kill();
    let _ = relay.wait();
    let _ = std::fs::remove_dir_all(&dir);
    println!("relay: {pushes} pushes to the APNs stand-in, {concurrency} at once");
    println!(
        "  {:.0} pushes/s wall; relay CPU {:.2} s → {:.0} pushes per CPU second",
        pushes as f64 / wall,
        cpu,
        pushes as f64 / cpu.max(0.001)
    );
    println!(
        "  through the relay: p50 {:.2} ms, p99 {:.2} ms; straight to the stand-in: p50 {:.2} ms, p99 {:.2} ms; added at p99: {:.2} ms",
        percentile(&through, 0.5).as_secs_f64() * 1000.0,
        percentile(&through, 0.99).as_secs_f64() * 1000.0,
        percentile(&direct, 0.5).as_secs_f64() * 1000.0,
        percentile(&direct, 0.99).as_secs_f64() * 1000.0,
        (percentile(&through, 0.99).as_secs_f64() - percentile(&direct, 0.99).as_secs_f64()) * 1000.0,
    );
    println!("  relay memory: {at_rest:.1} MB at rest, {after:.1} MB after");
}

async fn must_read(url: &str, data_dir: &std::path::Path, readers: usize, concurrency: usize, send: usize) {
    use fabrique_server::must_reads::mail::mail_due;
    use futures::StreamExt;
    let client = reqwest::Client::builder().pool_max_idle_per_host(64).build().unwrap();
    let admin = sign_in(&client, url, ADMIN_EMAIL).await;
    let me = get_json(&client, &format!("{url}/v1/me"), &admin).await;
    let federation = me["profile"]["organisation_id"].as_str().expect("the administrator's organisation").to_owned();

    // Sending: one push, answered once every recipient's row is written and committed.
    let id = Uuid::now_v7();
    let message = json!({ "type": "send_must_read", "id": id, "audience": { "to": "organisation", "organisation_id": federation },
        "title": "Assemblée générale", "body": "Elle aura lieu le 14 mars à 18 h.", "mail_after_hours": 24 });
    let took = push_one(&client, url, &admin, Uuid::now_v7(), 1, message).await;
    let reach = |client: reqwest::Client, token: String| async move {
        let sent = Instant::now();
        let answer = get_json(&client, &format!("{url}/v1/must-reads/{id}/reach"), &token).await;
        (sent.elapsed(), answer)
    };
    let (_, first) = reach(client.clone(), admin.clone()).await;
    println!("sent to {} people: the push answered in {took:.2?} (every recipient's row written)", first["recipients"]);

    // Readers acknowledge while the administrator watches the reach.
    let mut tokens = Vec::with_capacity(readers);
    for i in 1..=readers {
        tokens.push(sign_in(&client, url, &email(i)).await);
    }
    let acknowledging = Instant::now();
    let acks = futures::stream::iter(tokens.into_iter().map(|token| {
        let client = client.clone();
        async move {
            let ack = json!({ "type": "acknowledge_must_read", "must_read_id": id });
            push_one(&client, url, &token, Uuid::now_v7(), 1, ack).await
        }
    }))
    .buffer_unordered(concurrency)
    .collect::<Vec<Duration>>();
    let watching = async {
        let mut latencies = Vec::new();
        loop {
            let (latency, answer) = reach(client.clone(), admin.clone()).await;
            latencies.push(latency);
            if answer["read_in_app"].as_u64().unwrap_or(0) >= readers as u64 {
                return latencies;
            }
        }
    };
    let (acks, mut reads) = futures::join!(acks, watching);
    let elapsed = acknowledging.elapsed();
    Figures { latencies: acks, elapsed }.print("\"J'ai lu\" pushes");
    reads.sort_unstable();
    println!(
        "reach read {} times while they came: p50 {:.2?}, p95 {:.2?}, max {:.2?}",
        reads.len(),
        percentile(&reads, 0.50),
        percentile(&reads, 0.95),
        reads[reads.len() - 1]
    );

    // The mails of everyone else, queued as the server's maintenance loop does once the delay
    // is over, then sent to an SMTP server on a local port.
    let smtp = fabrique_tests::mail_server::MailServer::start();
    let db = Db::connect(&format!("sqlite:{}", data_dir.join("fabrique.db").display())).await.expect("database");
    let config = fabrique_server::mail::MailConfig::new(&smtp.url(), None, url).expect("an SMTP URL");
    let settings = fabrique_server::config::Settings {
        public_url: url.to_owned(),
        mail: Some(config.clone()),
        ..fabrique_server::config::Settings::default()
    };
    let later = chrono::Utc::now() + chrono::Duration::hours(25);
    let queueing = Instant::now();
    let (mut mailed, mut rounds) = (0, 0);
    loop {
        let round = mail_due(&db, &settings, later).await.expect("a round");
        mailed += round.mailed;
        rounds += 1;
        if !round.due {
            break;
        }
    }
    let took = queueing.elapsed();
    println!(
        "{mailed} mails queued in {rounds} rounds, {took:.1?}: {:.0} per second",
        mailed as f64 / took.as_secs_f64()
    );
    let (_, last) = reach(client.clone(), admin.clone()).await;
    println!(
        "reach at the end: {} read in the app, {} mailed, {} not reached, of {}",
        last["read_in_app"], last["mailed"], last["not_reached"], last["recipients"]
    );

    // Sending: the server's own sender, as `fabrique serve` runs it, to the local SMTP server
    // (which accepts at once: this measures the server's side, claims and records included).
    let options = fabrique_server::mail::sender::MailSenderOptions::default();
    let parallel = options.parallel;
    let sender = fabrique_server::mail::sender::MailSender::new(db.clone(), config, options).expect("a mail sender");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(sender.run(async move {
        let _ = stopped.await;
    }));
    let wanted = send.min(mailed);
    let sending = Instant::now();
    smtp.until(wanted, Duration::from_secs(600)).await;
    let took = sending.elapsed();
    let _ = stop.send(());
    let _ = running.await;
    println!(
        "{wanted} mails sent to the SMTP server in {took:.1?}: {:.0} per second ({parallel} at once)",
        wanted as f64 / took.as_secs_f64()
    );
}

/// See `Command::Erase`.
async fn erase(data_dir: &std::path::Path, people: i64) {
    use fabrique_server::people::erasure::{self, AskedBy};
    let db = Db::connect(&format!("sqlite:{}", data_dir.join("fabrique.db").display())).await.expect("database");
    let count = |sql: &'static str| {
        let db = db.clone();
        async move {
            let n: i64 = fabrique_server::on_db!(&db, c => sqlx::query_scalar(sql).fetch_one(c).await).unwrap();
            n
        }
    };
    println!(
        "{} people, {} posts, {} lines in the change log",
        count("SELECT COUNT(*) FROM people").await,
        count("SELECT COUNT(*) FROM posts").await,
        count("SELECT COUNT(*) FROM sync_log").await
    );
    let authors: Vec<(Uuid, i64)> = fabrique_server::on_db!(&db, c => sqlx::query_as(
        "SELECT author_id, COUNT(*) FROM posts GROUP BY author_id ORDER BY COUNT(*) DESC LIMIT $1").bind(people).fetch_all(c).await)
    .unwrap();
    let admin: Uuid = fabrique_server::on_db!(&db, c => sqlx::query_scalar(
        "SELECT id FROM people WHERE platform_role = 'federation_admin' LIMIT 1").fetch_one(c).await)
    .unwrap();
    let settings = fabrique_server::config::Settings::default();
    let pokes = fabrique_server::pokes::Pokes::start(&db).await.unwrap();
    let mut took = Vec::new();
    for (person, posts) in authors {
        let now = chrono::Utc::now();
        let mut tx = db.begin_write().await.unwrap();
        let mut changes = ChangeSet::default();
        erasure::request(&mut tx, &settings, person, AskedBy::Administrator(admin), now, &mut changes).await.unwrap();
        log::commit(&mut tx, changes).await.unwrap();
        tx.commit().await.unwrap();
        let before: i64 = count("SELECT COALESCE(MAX(seq), 0) FROM sync_log").await;
        let started = Instant::now();
        let erased = erasure::erase_due(&db, &pokes, &data_dir.join("attachments"), now + chrono::Duration::days(15))
            .await
            .unwrap();
        let elapsed = started.elapsed();
        let after: i64 = count("SELECT COALESCE(MAX(seq), 0) FROM sync_log").await;
        assert_eq!(erased, 1);
        println!(
            "erased an author of {posts} posts in {elapsed:.2?} ({} lines of the change log written)",
            after - before
        );
        took.push(elapsed);
    }
    took.sort();
    if let (Some(first), Some(last)) = (took.first(), took.last()) {
        println!("erasure: fastest {first:.2?}, median {:.2?}, slowest {last:.2?}", took[took.len() / 2]);
    }
}
