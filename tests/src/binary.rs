//! The real `fabrique` binary for the stories that stop it in the middle of its work (SIGTERM,
//! SIGKILL) and start it again over the same data directory.

use std::time::Duration;

use uuid::Uuid;

/// The server binary, built beside the tests (`scripts/test.sh` builds every binary first).
pub fn fabrique_binary() -> std::path::PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let binary = target.join("debug/fabrique");
    assert!(binary.exists(), "{} is missing: run `cargo build --workspace --bins` first", binary.display());
    binary
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
