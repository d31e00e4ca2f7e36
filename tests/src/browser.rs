//! A real headless Chromium, driven over WebDriver (chromedriver + fantoccini), for the
//! console's stories. Both programs come from Debian (`chromium`, `chromium-driver`;
//! `scripts/test.sh` installs them). A missing one fails the test with what to install:
//! never a skip.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncBufReadExt;
use tokio::process::{Child, Command};

use fantoccini::{Client, ClientBuilder, Locator};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

impl Drop for Browser {
    /// Chromium outlives a killed chromedriver and keeps writing its profile: it is ended
    /// first (found by its own profile directory), so that the directory is really removed.
    fn drop(&mut self) {
        let _ = self.driver.start_kill();
        let _ = std::process::Command::new("pkill")
            .arg("-KILL")
            .arg("-f")
            .arg("--")
            .arg(format!("--user-data-dir={}", self.profile.display()))
            .status();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

impl Browser {
    /// Starts chromedriver on a free port and opens a fresh Chromium profile in English.
    pub async fn start() -> Browser {
        for program in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                std::path::Path::new(program).exists(),
                "{program} is missing: install the Debian packages chromium and chromium-driver (scripts/test.sh does)"
            );
        }
        let port = free_port();
        let mut driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver starts");
        // chromedriver says so once it listens: wait for that line, not for a while.
        let mut lines = tokio::io::BufReader::new(driver.stdout.take().expect("chromedriver's output")).lines();
        let started = tokio::time::timeout(Duration::from_secs(30), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if line.contains("started successfully") {
                    return true;
                }
            }
            false
        })
        .await;
        assert!(matches!(started, Ok(true)), "chromedriver did not start within 30 s");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let url = format!("http://127.0.0.1:{port}");
        let profile = std::env::temp_dir().join(format!("fabrique-chromium-{}", uuid::Uuid::new_v4().simple()));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--lang=en-US",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": { "intl.accept_languages": "en-US,en" },
            }),
        );
        let client = ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&url)
            .await
            .expect("a Chromium session opens through chromedriver");
        Browser { client, driver, profile }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("the page opens");
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.client.wait().for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        field.clear().await.ok();
        field.send_keys(text).await.unwrap_or_else(|e| panic!("typing in {css}: {e}"));
    }

    pub async fn click(&self, css: &str) {
        let element = self.client.wait().for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
        element.click().await.unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Clicks a button that sends a form, and waits until the next page replaced this one
    /// (the mark put on this document is gone), however long the server takes.
    pub async fn submit(&self, css: &str) {
        self.client
            .execute("document.documentElement.setAttribute('data-before-submit', '')", vec![])
            .await
            .expect("the page can be marked");
        self.click(css).await;
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css("html:not([data-before-submit])"))
            .await
            .unwrap_or_else(|e| panic!("the form sent by {css} did not lead to a new page within 30 s: {e}"));
    }

    /// Picks the option of a `<select>` whose value is `value`.
    pub async fn choose(&self, select_css: &str, value: &str) {
        self.click(&format!("{select_css} option[value='{value}']")).await;
    }

    /// The visible text of the first element matching `css`, once it is there.
    pub async fn text(&self, css: &str) -> String {
        match self.client.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await {
            Ok(element) => element.text().await.expect("an element's text"),
            Err(error) => {
                let page = self.client.find(Locator::Css("body")).await;
                let shown = match page {
                    Ok(body) => body.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                panic!("{css} is not on the page ({error}); the page shows: {shown}")
            }
        }
    }

    /// The addresses every link of the page leads to, as the browser resolves them.
    pub async fn links(&self) -> Vec<String> {
        let found = self
            .client
            .execute("return Array.from(document.querySelectorAll('a[href]')).map(a => a.href)", vec![])
            .await
            .expect("the page's links are read");
        serde_json::from_value(found).expect("a list of addresses")
    }

    pub async fn url(&self) -> String {
        self.client.current_url().await.expect("the current address").to_string()
    }
}
