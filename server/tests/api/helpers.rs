//! `spawn_app()`: the real application on port 0 over a fresh database — a temporary
//! SQLite file, or, when `FABRIQUE_TEST_DATABASE_URL` names a PostgreSQL server, a fresh
//! database on it — and helpers that act as people and devices over real HTTP.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;

use fabrique_server::accounts::{self, setup};
use fabrique_server::config::Settings;
use fabrique_server::db::Db;
use fabrique_server::{Application, on_db};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub address: SocketAddr,
    pub client: reqwest::Client,
    pub db: Db,
    pub admin: Person,
    pub federation_id: Uuid,
    /// Where this server stores attachments.
    pub files_dir: PathBuf,
    temp_dir: Option<PathBuf>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(dir) = &self.temp_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        let _ = std::fs::remove_dir_all(&self.files_dir);
    }
}

#[derive(Clone, Debug)]
pub struct Person {
    pub id: Uuid,
    pub token: String,
    pub organisation_id: Uuid,
    pub email: String,
}

impl Person {
    /// From a `SessionResponse` body (sign-in or redemption).
    fn from_session(body: &Value, email: &str) -> Person {
        Person {
            id: body["me"]["profile"]["id"].as_str().unwrap().parse().unwrap(),
            token: body["token"].as_str().unwrap().to_owned(),
            organisation_id: body["me"]["profile"]["organisation_id"].as_str().unwrap().parse().unwrap(),
            email: email.to_owned(),
        }
    }
}

/// A fresh database URL: SQLite by default, a new PostgreSQL database when asked.
pub async fn fresh_database() -> (String, Option<PathBuf>) {
    match std::env::var("FABRIQUE_TEST_DATABASE_URL") {
        Ok(server) if server.starts_with("postgres") => {
            let name = format!("fabrique_test_{}", Uuid::new_v4().simple());
            let admin = Db::connect(&server).await.expect("the test PostgreSQL server is reachable");
            on_db!(&admin, c => sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(c).await.map(|_| ()))
                .expect("can create a test database");
            admin.close().await;
            let base = server.rsplit_once('/').map(|(base, _)| base).unwrap_or(&server);
            (format!("{base}/{name}"), None)
        }
        _ => {
            let dir = std::env::temp_dir().join(format!("fabrique-test-{}", Uuid::new_v4().simple()));
            std::fs::create_dir_all(&dir).expect("can create a temporary directory");
            (format!("sqlite:{}", dir.join("fabrique.db").display()), Some(dir))
        }
    }
}

/// The `fabrique` binary itself, started on a fresh database (as [`spawn_app`] makes it),
/// with every line it logs kept for the test to read.
pub struct ServedBinary {
    pub app: TestApp,
    child: tokio::process::Child,
    /// The server's log, one JSON object per line, as it goes.
    pub log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

pub async fn spawn_binary(extra: &[&str]) -> ServedBinary {
    use tokio::io::AsyncBufReadExt;
    let (url, temp_dir) = fresh_database().await;
    let db = Db::connect(&url).await.expect("the test database opens");
    db.migrate().await.expect("migrations run");
    let hash = accounts::hash_password(PASSWORD.to_owned()).await.expect("hashing works");
    let mut tx = db.begin_write().await.unwrap();
    setup::create_admin(&mut tx, "admin@federation.test", "Ada Admin", hash, "Fédération test").await.unwrap();
    tx.commit().await.unwrap();

    let data_dir = temp_dir.clone().unwrap_or_else(|| {
        let dir = std::env::temp_dir().join(format!("fabrique-test-{}", Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("can create a temporary directory");
        dir
    });
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_fabrique"))
        .args(["serve", "--bind", "127.0.0.1:0", "--log-json", "--database-url", &url, "--data-dir"])
        .arg(&data_dir)
        .args(extra)
        .env("RUST_LOG", "info,sqlx=warn")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let address = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            let listening = serde_json::from_str::<Value>(&line)
                .ok()
                .filter(|l| l["fields"]["message"] == "Fabrique is listening")
                .map(|l| l["fields"]["address"].as_str().unwrap().to_owned());
            log.lock().unwrap().push(line);
            if let Some(address) = listening {
                return address;
            }
        }
        panic!("the server stopped before listening: {:?}", log.lock().unwrap());
    })
    .await
    .expect("the server listens within a minute");
    // Read the log as it comes, so that the server never blocks on a full pipe.
    let kept = log.clone();
    tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            kept.lock().unwrap().push(line);
        }
    });

    let mut app = TestApp {
        address: address.parse().unwrap(),
        client: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap(),
        db,
        admin: Person { id: Uuid::nil(), token: String::new(), organisation_id: Uuid::nil(), email: String::new() },
        federation_id: Uuid::nil(),
        files_dir: data_dir.join("attachments"),
        temp_dir: Some(data_dir),
    };
    app.admin = app.sign_in("admin@federation.test", PASSWORD).await;
    app.federation_id = app.admin.organisation_id;
    ServedBinary { app, child, log }
}

impl ServedBinary {
    pub fn pid(&self) -> u32 {
        self.child.id().expect("still running")
    }

    /// Lines of the log that contain `text`.
    pub fn logged(&self, text: &str) -> Vec<String> {
        self.log.lock().unwrap().iter().filter(|l| l.contains(text)).cloned().collect()
    }

    /// Sends SIGTERM; returns how long the server took to exit, and whether it exited cleanly.
    pub async fn stop(mut self) -> (std::time::Duration, bool) {
        let pid = self.child.id().expect("still running").to_string();
        let started = std::time::Instant::now();
        let sent = tokio::process::Command::new("kill").args(["-TERM", &pid]).status().await.unwrap();
        assert!(sent.success());
        let exit = tokio::time::timeout(std::time::Duration::from_secs(30), self.child.wait())
            .await
            .expect("the server exits within 30 s of SIGTERM")
            .unwrap();
        (started.elapsed(), exit.success())
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with_admin(true).await
}

/// With `with_admin` false, the database is as on first start: no one can sign in yet.
pub async fn spawn_app_with_admin(with_admin: bool) -> TestApp {
    spawn_app_with(with_admin, local_push()).await
}

/// Settings under which devices may register endpoints of a push service on 127.0.0.1 (the
/// attack tests use the production rule instead).
pub fn local_push() -> Settings {
    Settings {
        push_endpoints: fabrique_server::web_push::endpoints::EndpointRule::AllowLoopback,
        ..Settings::default()
    }
}

pub async fn spawn_app_with(with_admin: bool, settings: Settings) -> TestApp {
    // `TEST_LOG=1 cargo test` shows the server's logs.
    if std::env::var("TEST_LOG").is_ok() {
        let _ = tracing_subscriber::fmt().with_env_filter("info,sqlx=warn").with_test_writer().try_init();
    }
    let (url, temp_dir) = fresh_database().await;
    let db = Db::connect(&url).await.expect("the test database opens");
    db.migrate().await.expect("migrations run");

    if with_admin {
        // The first administrator, as `fabrique admin create` makes it.
        let hash = accounts::hash_password(PASSWORD.to_owned()).await.expect("hashing works");
        let mut tx = db.begin_write().await.unwrap();
        setup::create_admin(&mut tx, "admin@federation.test", "Ada Admin", hash, "Fédération test")
            .await
            .expect("admin created");
        tx.commit().await.unwrap();
    }

    let files_dir = settings.files_dir.clone();
    let app = Application::build(db.clone(), settings, "127.0.0.1:0".parse().unwrap()).await.expect("the server binds");
    let address = app.local_addr();
    tokio::spawn(app.run_until_stopped(std::future::pending()));

    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut test = TestApp {
        address,
        client,
        db,
        admin: Person {
            id: Uuid::nil(),
            token: String::new(),
            organisation_id: Uuid::nil(),
            email: "admin@federation.test".into(),
        },
        federation_id: Uuid::nil(),
        files_dir,
        temp_dir,
    };
    if with_admin {
        test.admin = test.sign_in("admin@federation.test", PASSWORD).await;
        test.federation_id = test.admin.organisation_id;
    }
    test
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    /// A live channel (`/v1/sync/events`) opened with `token`, its first poke read.
    pub async fn live_channel(&self, token: &str) -> reqwest::Response {
        let mut live = self.client.get(self.url("/v1/sync/events")).bearer_auth(token).send().await.unwrap();
        assert_eq!(live.status(), StatusCode::OK);
        let first = live.chunk().await.unwrap().expect("the first poke");
        assert!(String::from_utf8_lossy(&first).contains("event: poke"), "{first:?}");
        live
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request sent")
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> reqwest::Response {
        let mut request = self.client.post(self.url(path)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send().await.expect("request sent")
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Person {
        let response = self.post("/v1/auth/sign-in", None, &json!({ "email": email, "password": password })).await;
        assert_eq!(response.status(), StatusCode::OK, "sign-in of {email}");
        Person::from_session(&response.json().await.unwrap(), email)
    }

    /// A new association under the federation.
    pub async fn new_association(&self, name: &str) -> Uuid {
        let response = self
            .post(
                "/v1/organisations",
                Some(&self.admin.token),
                &json!({ "name": name, "kind": "association", "parent_id": self.federation_id }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.unwrap();
        body["id"].as_str().unwrap().parse().unwrap()
    }

    /// Invites `name` into `organisation_id` (as the admin) and redeems the invitation.
    pub async fn new_person(&self, organisation_id: Uuid, name: &str, role: &str) -> Person {
        let email = format!(
            "{}.{}@example.org",
            name.to_lowercase().replace(' ', "."),
            &Uuid::new_v4().simple().to_string()[..6]
        );
        let response = self
            .post(
                "/v1/invitations",
                Some(&self.admin.token),
                &json!({ "email": email, "organisation_id": organisation_id, "role": role }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let invitation: Value = response.json().await.unwrap();
        self.redeem(invitation["code"].as_str().unwrap(), name, &email).await
    }

    pub async fn redeem(&self, code: &str, name: &str, email: &str) -> Person {
        let response = self
            .post("/v1/invitations/redeem", None, &json!({ "code": code, "display_name": name, "password": PASSWORD }))
            .await;
        assert_eq!(response.status(), StatusCode::CREATED, "redeem for {name}");
        Person::from_session(&response.json().await.unwrap(), email)
    }

    pub async fn member(&self, organisation_id: Uuid, name: &str) -> Person {
        self.new_person(organisation_id, name, "member").await
    }

    pub async fn manager(&self, organisation_id: Uuid, name: &str) -> Person {
        self.new_person(organisation_id, name, "manager").await
    }

    pub fn device(&self, person: &Person) -> Device {
        Device::new(self, person)
    }

    /// Runs one mutation for `person` on a throwaway device; returns the outcome.
    pub async fn act(&self, person: &Person, mutation: Value) -> Value {
        self.device(person).send(mutation).await
    }

    /// A group made by `creator` (who becomes its admin) in their organisation.
    pub async fn group(&self, creator: &Person, name: &str, visibility: &str) -> Uuid {
        let id = Uuid::now_v7();
        let outcome = self
            .act(creator, json!({ "type": "create_group", "id": id, "name": name, "organisation_id": creator.organisation_id, "visibility": visibility }))
            .await;
        assert_applied(&outcome);
        id
    }

    /// Makes `person` a member of `group_id`: joins a public group, or is invited by `admin` to a private one.
    pub async fn add_to_group(&self, admin: &Person, group_id: Uuid, person: &Person) {
        let group: Value = self.get(&format!("/v1/groups/{group_id}"), Some(&person.token)).await.json().await.unwrap();
        if !group["my_role"].is_null() {
            return;
        }
        if group["group"]["visibility"] == "private" {
            let invited = self
                .act(admin, json!({ "type": "invite_to_group", "group_id": group_id, "person_id": person.id }))
                .await;
            if invited["code"] == "person_not_found" {
                // Someone the organiser may not see (another association, "my association
                // only"): they ask to join, and the organiser accepts.
                assert_applied(
                    &self.act(person, json!({ "type": "request_to_join", "group_id": group_id, "message": "" })).await,
                );
                assert_applied(
                    &self
                        .act(
                            admin,
                            json!({ "type": "decide_join_request", "group_id": group_id, "person_id": person.id, "accept": true }),
                        )
                        .await,
                );
                return;
            }
            assert_applied(&invited);
        }
        assert_applied(&self.act(person, json!({ "type": "join_group", "group_id": group_id })).await);
    }

    pub async fn post_in(&self, author: &Person, group_id: Uuid, body: &str) -> Uuid {
        let id = Uuid::now_v7();
        let outcome = self
            .act(author, json!({ "type": "create_post", "id": id, "group_id": group_id, "kind": "news", "body": body }))
            .await;
        assert_applied(&outcome);
        id
    }

    /// Rows in a table, straight from the database, to prove that nothing changed.
    pub async fn count(&self, table: &'static str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        on_db!(&self.db, c => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.clone())).fetch_one(c).await)
            .unwrap()
    }
}

pub fn assert_applied(outcome: &Value) {
    assert_eq!(outcome["status"], "applied", "expected the mutation to apply: {outcome}");
}

pub fn assert_rejected(outcome: &Value, code: &str) {
    assert_eq!(outcome["status"], "rejected", "expected a rejection: {outcome}");
    assert_eq!(outcome["code"], code, "{outcome}");
}

/// A device install: its client id, its mutation counter and its local copy of what it
/// pulled, kept per scope the way the core keeps it.
pub struct Device {
    base: String,
    client: reqwest::Client,
    pub token: String,
    pub client_id: Uuid,
    pub next_mutation: u64,
    pub cursor: Option<String>,
    /// (scope, kind, id) -> entity
    pub store: BTreeMap<(String, String, String), Value>,
    pub seen_seqs: Vec<i64>,
}

impl Device {
    pub fn new(app: &TestApp, person: &Person) -> Device {
        Device {
            base: format!("http://{}", app.address),
            client: app.client.clone(),
            token: person.token.clone(),
            client_id: Uuid::new_v4(),
            next_mutation: 1,
            cursor: None,
            store: BTreeMap::new(),
            seen_seqs: Vec::new(),
        }
    }

    pub async fn push_raw(&self, body: &Value) -> reqwest::Response {
        self.client
            .post(format!("{}/v1/sync/push", self.base))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// Pushes one mutation with the next id; returns its outcome.
    pub async fn send(&mut self, mutation: Value) -> Value {
        let id = self.next_mutation;
        let response = self
            .push_raw(&json!({ "client_id": self.client_id, "mutations": [{ "id": id, "mutation": mutation }] }))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "push answered {:?}", response.text().await);
        let body: Value = response.json().await.unwrap();
        self.next_mutation += 1;
        body["results"][0]["outcome"].clone()
    }

    pub async fn pull_once(&mut self, limit: u32) -> Value {
        let response = self
            .client
            .post(format!("{}/v1/sync/pull", self.base))
            .bearer_auth(&self.token)
            .json(&json!({ "client_id": self.client_id, "cursor": self.cursor, "limit": limit }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let page: Value = response.json().await.unwrap();
        self.apply(&page);
        page
    }

    fn apply(&mut self, page: &Value) {
        if page["reset"] == true {
            self.store.clear();
        }
        for scope in page["purged_scopes"].as_array().unwrap() {
            self.store.retain(|(s, _, _), _| s != scope.as_str().unwrap());
        }
        for change in page["changes"].as_array().unwrap() {
            let key = (
                change["scope"].as_str().unwrap().to_owned(),
                change["kind"].as_str().unwrap().to_owned(),
                change["id"].as_str().unwrap().to_owned(),
            );
            self.seen_seqs.push(change["seq"].as_i64().unwrap());
            match change.get("entity") {
                Some(entity) => {
                    self.store.insert(key, entity["data"].clone());
                }
                None => {
                    self.store.remove(&key);
                }
            }
        }
        self.cursor = Some(page["cursor"].as_str().unwrap().to_owned());
    }

    /// Pulls until nothing more waits; returns the pages.
    pub async fn sync(&mut self) -> Vec<Value> {
        self.sync_with_limit(500).await
    }

    pub async fn sync_with_limit(&mut self, limit: u32) -> Vec<Value> {
        let mut pages = Vec::new();
        loop {
            let page = self.pull_once(limit).await;
            let more = page["has_more"] == true;
            pages.push(page);
            if !more {
                return pages;
            }
        }
    }

    /// The entities of one kind held on the device, in any scope.
    pub fn entities(&self, kind: &str) -> Vec<&Value> {
        self.store.iter().filter(|((_, k, _), _)| k == kind).map(|(_, v)| v).collect()
    }

    /// The entities of one kind held for one scope.
    pub fn entities_in(&self, scope: &str, kind: &str) -> Vec<&Value> {
        self.store.iter().filter(|((s, k, _), _)| s == scope && k == kind).map(|(_, v)| v).collect()
    }

    pub fn has(&self, kind: &str, id: Uuid) -> bool {
        let id = id.to_string();
        self.store.keys().any(|(_, k, i)| k == kind && *i == id)
    }

    pub fn holds_scope(&self, scope: &str) -> bool {
        self.store.keys().any(|(s, _, _)| s == scope)
    }
}
