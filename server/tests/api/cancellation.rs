//! Phones that hang up mid-request (issue 25): thousands of requests cut at random points
//! (while the request is still being sent, or while the server works on it), on pushes,
//! pulls and reads, then ordinary traffic. The server is the real binary on the backend
//! under test, and its own log is read: no connection may come back to a pool inside a
//! transaction, nothing may fail afterwards, and every write is applied exactly once.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use uuid::Uuid;

use crate::helpers::{Device, Person, ServedBinary, spawn_binary};

/// A small deterministic generator, so that a failing run can be replayed from its seed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn http(address: SocketAddr, method: &str, path: &str, token: &str, body: Option<&Value>) -> Vec<u8> {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Sends `request` and hangs up at a random point: part-way through sending it, or once it
/// is sent, after the server had a moment to start on it.
async fn hang_up(address: SocketAddr, request: &[u8], dice: &mut Dice) {
    let mut stream = TcpStream::connect(address).await.unwrap();
    match dice.below(4) {
        0 => {
            let cut = 1 + dice.below(request.len() as u64 - 1) as usize;
            let _ = stream.write_all(&request[..cut]).await;
        }
        1 => {
            let _ = stream.write_all(request).await;
        }
        2 => {
            let _ = stream.write_all(request).await;
            for _ in 0..dice.below(200) {
                tokio::task::yield_now().await;
            }
        }
        _ => {
            let _ = stream.write_all(request).await;
            tokio::time::sleep(Duration::from_micros(dice.below(4_000))).await;
        }
    }
    // Reset rather than close, as a phone losing its network looks to the server.
    let _ = stream.set_zero_linger();
    drop(stream);
}

/// A phone with a durable outbox: every post it writes stays there until acknowledged.
struct Phone {
    device: Device,
    group: Uuid,
    /// (mutation id, post id), in order; ids from `acknowledged + 1` are still pending.
    written: Vec<(u64, Uuid)>,
    acknowledged: u64,
}

impl Phone {
    /// A new post, kept in the outbox.
    fn write(&mut self) {
        let id = self.written.len() as u64 + 1;
        self.written.push((id, Uuid::now_v7()));
    }

    fn pending_push(&self, limit: usize) -> Value {
        let mutations: Vec<Value> = self.written[self.acknowledged as usize..]
            .iter()
            .take(limit)
            .map(|(id, post)| {
                json!({ "id": id, "mutation": { "type": "create_post", "id": post, "group_id": self.group, "kind": "news", "body": format!("Compte rendu {id}") } })
            })
            .collect();
        json!({ "client_id": self.device.client_id, "mutations": mutations })
    }

    /// Pushes what is pending, as the app does, until the outbox is empty.
    async fn push_all(&mut self) {
        while (self.acknowledged as usize) < self.written.len() {
            let response = self.device.push_raw(&self.pending_push(50)).await;
            assert_eq!(response.status(), StatusCode::OK, "a push after the storm: {:?}", response.text().await);
            let body: Value = response.json().await.unwrap();
            for result in body["results"].as_array().unwrap() {
                assert_eq!(result["outcome"]["status"], "applied", "{result}");
            }
            self.acknowledged = body["last_mutation_id"].as_u64().unwrap();
        }
    }
}

async fn phones(served: &ServedBinary, count: usize) -> Vec<Phone> {
    let app = &served.app;
    let association = app.new_association("Club de l'orage").await;
    let organiser = app.manager(association, "Inès Moreau").await;
    let group = app.group(&organiser, "Bénévoles", "public").await;
    let mut people: Vec<Person> = vec![organiser.clone()];
    for i in 1..count {
        let person = app.member(association, &format!("Bénévole {i}")).await;
        app.add_to_group(&organiser, group, &person).await;
        people.push(person);
    }
    people.iter().map(|p| Phone { device: app.device(p), group, written: Vec::new(), acknowledged: 0 }).collect()
}

async fn storm_then_ordinary_traffic_loses_nothing() {
    // Thousands of posts from four phones in seconds: a load test, without write limits.
    let served = spawn_binary(&["--write-limits", "off"]).await;
    let address = served.app.address;
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    println!("cancellation storm seed {seed}");
    let mut phones = phones(&served, 4).await;
    let rounds = 250;

    // Arrange and act: each phone writes, pushes and pulls, and hangs up on most of it.
    let mut acknowledged_during_storm = Vec::new();
    let storms = phones.iter_mut().enumerate().map(|(n, phone)| {
        let mut dice = Dice(seed.wrapping_add((n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1);
        async move {
            let mut acknowledged = Vec::new();
            let mut cut = 0;
            for round in 0..rounds {
                phone.write();
                let token = phone.device.token.clone();
                let push = http(address, "POST", "/v1/sync/push", &token, Some(&phone.pending_push(5)));
                hang_up(address, &push, &mut dice).await;
                let pull = json!({ "client_id": phone.device.client_id, "cursor": phone.device.cursor, "limit": 50 });
                hang_up(address, &http(address, "POST", "/v1/sync/pull", &token, Some(&pull)), &mut dice).await;
                let read = format!("/v1/groups/{}/posts", phone.group);
                hang_up(address, &http(address, "GET", &read, &token, None), &mut dice).await;
                cut += 3;
                // Now and then an answer arrives: what it acknowledges must never be lost.
                if round % 25 == 24 {
                    let response = phone.device.push_raw(&phone.pending_push(50)).await;
                    assert_eq!(response.status(), StatusCode::OK);
                    let body: Value = response.json().await.unwrap();
                    phone.acknowledged = body["last_mutation_id"].as_u64().unwrap();
                    acknowledged.extend(phone.written[..phone.acknowledged as usize].iter().map(|(_, post)| *post));
                }
            }
            (acknowledged, cut)
        }
    });
    let mut cut_total = 0;
    for (acknowledged, cut) in futures::future::join_all(storms).await {
        acknowledged_during_storm.extend(acknowledged);
        cut_total += cut;
    }
    assert!(cut_total >= 3_000, "thousands of requests were cut: {cut_total}");

    // The phones retry what they never heard back about, then carry on as usual.
    for phone in &mut phones {
        phone.push_all().await;
    }
    for _ in 0..20 {
        for phone in &mut phones {
            phone.write();
            phone.push_all().await;
        }
    }
    for phone in &mut phones {
        phone.device.sync().await;
        let response = served.app.get(&format!("/v1/groups/{}/posts", phone.group), Some(&phone.device.token)).await;
        assert_eq!(response.status(), StatusCode::OK);
    }

    // Assert: every post written is stored once, every mutation applied once, and every
    // phone holds every post, the ones acknowledged during the storm first of all.
    let written: usize = phones.iter().map(|p| p.written.len()).sum();
    assert_eq!(served.app.count("posts").await, written as i64, "each post stored exactly once");
    for phone in &phones {
        // Applied twice, a post would have been refused the second time (its id taken), and
        // the refusal recorded.
        let (last, refused): (i64, i64) = fabrique_server::on_db!(&served.app.db, c => sqlx::query_as(
            "SELECT last_mutation_id, (SELECT COUNT(*) FROM sync_mutations m WHERE m.client_id = c.client_id) \
             FROM sync_clients c WHERE client_id = $1")
            .bind(phone.device.client_id).fetch_one(c).await)
        .unwrap();
        assert_eq!((last, refused), (phone.written.len() as i64, 0), "each mutation applied exactly once");
        assert_eq!(phone.acknowledged, phone.written.len() as u64);
    }
    let held: HashSet<String> =
        phones[0].device.entities("post").iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(held.len(), written, "a phone holds every post");
    for post in &acknowledged_during_storm {
        assert!(held.contains(&post.to_string()), "an acknowledged post is there");
    }
    if served.app.db.backend() == "postgres" {
        let stale: i64 = fabrique_server::on_db!(&served.app.db, c => sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'")
            .fetch_one(c).await)
        .unwrap();
        assert_eq!(stale, 0, "no session of the server waits inside a transaction");
    }

    // The server's own log: no statement ever ran in a transaction it did not expect.
    for trouble in [
        "transaction in progress",
        "read-only transaction",
        "current transaction is aborted",
        "after_release",
        "inside a transaction",
    ] {
        assert_eq!(served.logged(trouble), Vec::<String>::new(), "the server logged {trouble:?}");
    }
    let errors: Vec<String> = served.logged("\"level\":\"ERROR\"");
    assert!(errors.is_empty(), "the server logged errors: {errors:?}");

    // And it still stops promptly.
    let (took, clean) = served.stop().await;
    assert!(clean, "a clean exit");
    assert!(took < Duration::from_secs(5), "stopped {took:?} after SIGTERM");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_cut_off_at_random_points_leave_no_transaction_open_and_lose_nothing() {
    storm_then_ordinary_traffic_loses_nothing().await;
}

#[tokio::test]
async fn the_server_stops_within_seconds_of_sigterm_with_a_live_channel_open() {
    let served = spawn_binary(&[]).await;
    let token = served.app.admin.token.clone();
    let mut live = served.app.client.get(served.app.url("/v1/sync/events")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(live.status(), StatusCode::OK);
    let first = live.chunk().await.unwrap().expect("the first poke");
    assert!(String::from_utf8_lossy(&first).contains("poke"));

    let (took, clean) = served.stop().await;

    assert!(clean, "a clean exit");
    assert!(took < Duration::from_secs(5), "stopped {took:?} after SIGTERM");
    // The live channel ends with the server instead of holding its stop.
    let rest =
        tokio::time::timeout(Duration::from_secs(5), async { while let Ok(Some(_)) = live.chunk().await {} }).await;
    assert!(rest.is_ok(), "the live channel ended");
}

/// What the pool guard of `db.rs` is for: a connection given back while its session is
/// still inside a transaction (as sqlx 0.9.0 could leave it) is closed, never lent again.
#[tokio::test]
async fn a_connection_given_back_inside_a_transaction_is_never_lent_again() {
    let (url, temp_dir) = crate::helpers::fresh_database().await;
    let db = fabrique_server::db::Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    match &db {
        fabrique_server::db::Db::Postgres(pool) => {
            // Arrange: a session that BEGAN behind sqlx's back, then goes back to the pool.
            let mut conn = pool.acquire().await.unwrap();
            sqlx::raw_sql("BEGIN").execute(&mut *conn).await.unwrap();
            let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()").fetch_one(&mut *conn).await.unwrap();
            drop(conn);

            // Assert: that session ends (PostgreSQL rolls it back) instead of serving anyone.
            let ended = tokio::time::timeout(Duration::from_secs(10), async {
                loop {
                    let alive: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = $1")
                        .bind(pid)
                        .fetch_one(pool)
                        .await
                        .unwrap();
                    if alive == 0 {
                        return;
                    }
                    tokio::task::yield_now().await;
                }
            })
            .await;
            assert!(ended.is_ok(), "the session inside a transaction was closed");
            for _ in 0..32 {
                let mut conn = pool.acquire().await.unwrap();
                let pid_now: i32 = sqlx::query_scalar("SELECT pg_backend_pid()").fetch_one(&mut *conn).await.unwrap();
                assert_ne!(pid_now, pid);
            }
        }
        fabrique_server::db::Db::Sqlite { .. } => {
            // SQLite's worker ends what a dropped transaction began: the one writer is free
            // again at once, and what the dropped transaction wrote is gone.
            let mut tx = db.begin_write().await.unwrap();
            fabrique_server::on_tx!(&mut tx, c => sqlx::query("INSERT INTO settings (key, value) VALUES ('dropped', 'x')").execute(c).await.map(|_| ()))
                .unwrap();
            drop(tx);
            let mut next = tokio::time::timeout(Duration::from_secs(5), db.begin_write())
                .await
                .expect("the writer is free again")
                .unwrap();
            let kept: i64 = fabrique_server::on_tx!(&mut next, c => sqlx::query_scalar("SELECT COUNT(*) FROM settings WHERE key = 'dropped'").fetch_one(c).await)
                .unwrap();
            assert_eq!(kept, 0);
            next.commit().await.unwrap();
        }
    }
    db.close().await;
    if let Some(dir) = temp_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}
