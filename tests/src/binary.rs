//! The real `fabrique` binary for the stories that stop it in the middle of its work (SIGTERM,
//! SIGKILL) and start it again over the same data directory.

use std::time::Duration;

use uuid::Uuid;

/// A binary of the workspace, built beside the tests (`scripts/test.sh` builds every binary
/// first).
fn workspace_binary(name: &str) -> std::path::PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let binary = target.join("debug").join(name);
    assert!(binary.exists(), "{} is missing: run `cargo build --workspace --bins` first", binary.display());
    binary
}

/// The server binary.
pub fn fabrique_binary() -> std::path::PathBuf {
    workspace_binary("fabrique")
}

/// The push relay, started with `flags` on a free port once it answers `/health`; its
/// public origin is `url`.
pub struct RelayProcess {
    pub url: String,
    _child: tokio::process::Child,
}

pub async fn start_relay(flags: &[&str]) -> RelayProcess {
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    let child = tokio::process::Command::new(workspace_binary("fabrique-relay"))
        .args(["--bind", &format!("127.0.0.1:{port}"), "--public-url", &url])
        .args(flags)
        .env("RUST_LOG", "warn")
        // `TEST_LOG=1 cargo test` shows its log.
        .stdout(if std::env::var_os("TEST_LOG").is_some() {
            std::process::Stdio::inherit()
        } else {
            std::process::Stdio::null()
        })
        .kill_on_drop(true)
        .spawn()
        .expect("the relay starts");
    let client = reqwest::Client::new();
    for _ in 0..200 {
        if client.get(format!("{url}/health")).send().await.is_ok_and(|r| r.status().is_success()) {
            return RelayProcess { url, _child: child };
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the relay did not answer within 10 s");
}

/// A data directory removed at the end of the story.
pub struct DataDir(std::path::PathBuf);

impl DataDir {
    pub fn new() -> DataDir {
        let path = std::env::temp_dir().join(format!("fabrique-crash-{}", Uuid::new_v4().simple()));
        std::fs::create_dir_all(&path).expect("a temporary directory");
        DataDir(path)
    }

    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Default for DataDir {
    fn default() -> Self {
        DataDir::new()
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// `fabrique serve` on `port` over `data` with `flags`, once it says it listens (it logs that
/// after binding).
pub async fn serve(data: &std::path::Path, port: u16, flags: &[&str]) -> tokio::process::Child {
    use tokio::io::AsyncBufReadExt;
    let mut child = tokio::process::Command::new(fabrique_binary())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .args(flags)
        .arg("--data-dir")
        .arg(data)
        .env("RUST_LOG", "warn,fabrique_server::cli=info")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the server starts");
    let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("the server's output")).lines();
    let listening = tokio::time::timeout(Duration::from_secs(20), async {
        while let Ok(Some(line)) = lines.next_line().await {
            if line.contains("Fabrique is listening") {
                return true;
            }
        }
        false
    })
    .await;
    assert!(matches!(listening, Ok(true)), "the server did not start listening within 20 s");
    // The rest of its output is read and dropped, so that it never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    child
}
