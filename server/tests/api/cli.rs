//! The `fabrique` binary itself, started as a newcomer would start it.

use std::process::Stdio;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};
use uuid::Uuid;

const BINARY: &str = env!("CARGO_BIN_EXE_fabrique");

struct Served {
    child: Child,
    address: String,
    /// What the server printed before it listened (set-up link, demo sign-in).
    printed: Vec<String>,
    _lines: Lines<BufReader<ChildStdout>>,
}

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("fabrique-cli-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts `fabrique serve` on a free port and waits for the line saying where it listens.
async fn serve(data_dir: &std::path::Path, extra: &[&str]) -> Served {
    let mut child = Command::new(BINARY)
        .args(["serve", "--bind", "127.0.0.1:0", "--log-json", "--data-dir"])
        .arg(data_dir)
        .args(extra)
        .env_remove("FABRIQUE_DATABASE_URL")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    let address = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Ok(log) = serde_json::from_str::<Value>(&line)
                && log["fields"]["message"] == "Fabrique is listening"
            {
                return log["fields"]["address"].as_str().unwrap().to_owned();
            }
            printed.push(line);
        }
        panic!("the server stopped before listening: {printed:?}");
    })
    .await
    .expect("the server listens within a minute");
    Served { child, address, printed, _lines: lines }
}

async fn stop_gracefully(mut served: Served) {
    let pid = served.child.id().unwrap().to_string();
    let status = Command::new("kill").args(["-TERM", &pid]).status().await.unwrap();
    assert!(status.success());
    let exit =
        tokio::time::timeout(Duration::from_secs(20), served.child.wait()).await.expect("stops on SIGTERM").unwrap();
    assert!(exit.success(), "a clean exit after SIGTERM: {exit:?}");
}

#[tokio::test]
async fn a_first_start_prints_a_setup_link_that_works() {
    let dir = temp_dir();
    let served = serve(&dir, &[]).await;
    // The link names the address the server really listens on (no --public-url given).
    let link = served
        .printed
        .iter()
        .find(|l| l.contains("/setup?code="))
        .map(|l| l.trim().to_owned())
        .expect("a set-up link is printed");
    assert!(link.starts_with(&format!("http://{}/setup?code=", served.address)), "{link}");
    let client = reqwest::Client::new();
    let page = client.get(&link).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let code = link.split("code=").nth(1).unwrap().to_owned();
    let form = [
        ("code", code.as_str()),
        ("federation_name", "Fédération des jardins"),
        ("display_name", "Ada Admin"),
        ("email", "ada@jardins.test"),
        ("password", "trois jardins partagés 12"),
    ];
    let done = client
        .post(format!("http://{}/setup", served.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(form).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::CREATED);
    assert!(done.text().await.unwrap().contains("href=\"/admin\""), "the next step is one click away");
    let health: Value =
        client.get(format!("http://{}/health", served.address)).send().await.unwrap().json().await.unwrap();
    assert_eq!(health["database"], "sqlite");
    stop_gracefully(served).await;
    assert!(dir.join("fabrique.db").exists(), "the SQLite file lives in the data directory");
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn admin_create_makes_an_administrator_who_signs_in() {
    let dir = temp_dir();
    let mut create = Command::new(BINARY)
        .args(["admin", "create", "--email", "Chef@Federation.org", "--name", "Chef", "--password-stdin", "--data-dir"])
        .arg(&dir)
        .env_remove("FABRIQUE_DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    create.stdin.take().unwrap().write_all(b"un mot de passe solide\n").await.unwrap();
    let output = create.wait_with_output().await.unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));

    let served = serve(&dir, &[]).await;
    assert!(!served.printed.iter().any(|l| l.contains("/setup?code=")), "no set-up link once an administrator exists");
    let response = reqwest::Client::new()
        .post(format!("http://{}/v1/auth/sign-in", served.address))
        .json(&json!({ "email": "chef@federation.org", "password": "un mot de passe solide" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let session: Value = response.json().await.unwrap();
    assert_eq!(session["me"]["platform_role"], "federation_admin");
    stop_gracefully(served).await;
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn the_demo_shows_a_living_network_at_once() {
    let dir = temp_dir();
    let served = serve(&dir, &["--demo"]).await;
    assert!(served.printed.iter().any(|l| l.contains("fabrique-demo")), "the demo says how to sign in");
    let client = reqwest::Client::new();
    let session: Value = client
        .post(format!("http://{}/v1/auth/sign-in", served.address))
        .json(&json!({ "email": "thomas.moreau@demo.fabrique.fr", "password": "fabrique-demo" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = session["token"].as_str().expect("a demo person signs in");
    let groups: Value = client
        .get(format!("http://{}/v1/groups", served.address))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(groups["items"].as_array().unwrap().len() >= 5);
    let pull: Value = client
        .post(format!("http://{}/v1/sync/pull", served.address))
        .bearer_auth(token)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let kinds: Vec<&str> = pull["changes"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"post") && kinds.contains(&"comment"), "the demo person's groups have posts and comments");
    stop_gracefully(served).await;
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn the_database_pool_is_chosen_within_bounds() {
    let data = temp_dir();
    let refused = Command::new(BINARY)
        .args(["serve", "--bind", "127.0.0.1:0", "--database-pool", "1", "--data-dir"])
        .arg(&data)
        .env_remove("FABRIQUE_DATABASE_URL")
        .output()
        .await
        .unwrap();
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("--database-pool") && said.contains("2..=1000"), "{said}");

    let served = serve(&data, &["--database-pool", "4"]).await;
    let health: Value = reqwest::get(format!("http://{}/health", served.address)).await.unwrap().json().await.unwrap();
    assert_eq!(health["status"], "ok");
    stop_gracefully(served).await;
}
