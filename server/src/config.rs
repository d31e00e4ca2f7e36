//! Command line and configuration: `fabrique --help` is the reference. Every flag has a
//! `FABRIQUE_*` environment twin.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::limits::PerHour;
use crate::mail::MailConfig;
use crate::web_push::endpoints::EndpointRule;

#[derive(Parser, Debug)]
#[command(
    name = "fabrique",
    version,
    about = "Fabrique: the private social network of a federation and its associations."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the server (sync API, REST, set-up page).
    Serve(ServeArgs),
    /// Fill an empty database with a small French federation, then run the server.
    Demo(ServeArgs),
    /// Administration from the command line.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Create a federation administrator (the first one creates the federation too).
    Create(CreateAdminArgs),
}

#[derive(Args, Clone)]
pub struct StoreArgs {
    /// Directory for Fabrique's files (the SQLite database by default).
    #[arg(long, env = "FABRIQUE_DATA_DIR", default_value = "./fabrique-data")]
    pub data_dir: PathBuf,

    /// Database URL: `sqlite:PATH` or `postgres://...`. Default: a SQLite file in the data directory.
    #[arg(long, env = "FABRIQUE_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Connections to the database: on PostgreSQL, the pool each instance keeps (several
    /// instances share the server's `max_connections`, 100 by default); on SQLite, the
    /// readers beside the one writer (at most two a core are used, and 8).
    #[arg(long, env = "FABRIQUE_DATABASE_POOL", default_value_t = crate::db::DEFAULT_POOL, value_parser = clap::value_parser!(u32).range(2..=1000))]
    pub database_pool: u32,
}

impl StoreArgs {
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite:{}", self.data_dir.join("fabrique.db").display()),
        }
    }
}

/// The URL may hold a password: never print it.
impl fmt::Debug for StoreArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoreArgs")
            .field("data_dir", &self.data_dir)
            .field("database_url", &self.database_url.as_ref().map(|_| "[redacted]"))
            .field("database_pool", &self.database_pool)
            .finish()
    }
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, env = "FABRIQUE_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The address people reach this server at, used in set-up, invitation and password links
    /// (`https://fabrique.example.org`). Default: `http://` and the address it listens on.
    #[arg(long, env = "FABRIQUE_PUBLIC_URL")]
    pub public_url: Option<String>,

    #[command(flatten)]
    pub store: StoreArgs,

    /// Fill an empty database with demonstration data before serving.
    #[arg(long, env = "FABRIQUE_DEMO")]
    pub demo: bool,

    /// Log as JSON lines (for log collectors) instead of readable text.
    #[arg(long, env = "FABRIQUE_LOG_JSON")]
    pub log_json: bool,

    /// Hours a question may stay unanswered before it goes to its groups' organisers (and as
    /// long again before it goes to the federation's group).
    #[arg(long, env = "FABRIQUE_QUESTION_ESCALATION_HOURS", default_value_t = 48, value_parser = clap::value_parser!(u32).range(1..=8760))]
    pub question_escalation_hours: u32,

    /// How many of the most recent matches a search ranks together, a batch at a time
    /// (larger: finer ranking over more of the history, slower searches).
    #[arg(long, env = "FABRIQUE_SEARCH_BATCH", default_value_t = 500, value_parser = clap::value_parser!(i64).range(2..=1_000_000))]
    pub search_batch: i64,

    /// Who runs this server, told to push services with each notification (a `mailto:` or
    /// `https:` address); the public URL when not given.
    #[arg(long, env = "FABRIQUE_PUSH_CONTACT")]
    pub push_contact: Option<String>,

    /// Seconds a push sender holds the deliveries it claimed; after a crash, the ones it
    /// held are sent again once this has passed (longer than the slowest batch).
    #[arg(long, env = "FABRIQUE_PUSH_CLAIM_SECONDS", default_value_t = 120, value_parser = clap::value_parser!(i64).range(5..=3600))]
    pub push_claim_seconds: i64,

    /// Also accept push endpoints on this machine's loopback address over plain HTTP (a local
    /// push service, for development and tests only). Otherwise only HTTPS endpoints on
    /// public addresses are registered and sent to.
    #[arg(long, env = "FABRIQUE_PUSH_ALLOW_LOOPBACK")]
    pub push_allow_loopback: bool,

    /// Addresses or networks of the reverse proxies in front of this server, comma-separated
    /// (`127.0.0.1,10.0.0.0/8`): only from them is `X-Forwarded-For` read to learn a client's
    /// address (for sign-in throttling and the audit log). None by default.
    #[arg(long, env = "FABRIQUE_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// The most mutations of concurrent pushes applied in one transaction (group commit: one
    /// sync to disk for all of them; on PostgreSQL at most 64); 1 commits each one alone.
    #[arg(long, env = "FABRIQUE_WRITE_BATCH", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub write_batch: u32,

    /// Per-person write limits: `on`, or `off` for bulk imports and load tests. A write past
    /// a limit waits on the phone and goes later; nothing is lost.
    #[arg(long, env = "FABRIQUE_WRITE_LIMITS", default_value = "on", value_parser = ["on", "off"])]
    pub write_limits: String,

    /// Posts, questions, events, polls and organisers' messages one person may write per
    /// hour (a quarter of it at once).
    #[arg(long, env = "FABRIQUE_WRITE_LIMIT_POSTS", default_value_t = 120, value_parser = clap::value_parser!(u32).range(1..))]
    pub write_limit_posts: u32,

    /// Comments and answers per person per hour.
    #[arg(long, env = "FABRIQUE_WRITE_LIMIT_COMMENTS", default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..))]
    pub write_limit_comments: u32,

    /// Direct messages per person per hour.
    #[arg(long, env = "FABRIQUE_WRITE_LIMIT_MESSAGES", default_value_t = 1200, value_parser = clap::value_parser!(u32).range(1..))]
    pub write_limit_messages: u32,

    /// People named (@) per person per hour.
    #[arg(long, env = "FABRIQUE_WRITE_LIMIT_MENTIONS", default_value_t = 300, value_parser = clap::value_parser!(u32).range(1..))]
    pub write_limit_mentions: u32,

    /// Reports per person per hour.
    #[arg(long, env = "FABRIQUE_WRITE_LIMIT_REPORTS", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..))]
    pub write_limit_reports: u32,

    /// People invited into groups or conversations per person per hour.
    #[arg(long, env = "FABRIQUE_WRITE_LIMIT_INVITATIONS", default_value_t = 400, value_parser = clap::value_parser!(u32).range(1..))]
    pub write_limit_invitations: u32,

    /// The SMTP server mails leave through: `smtps://USER:PASSWORD@HOST:465`, or
    /// `smtp://USER:PASSWORD@HOST:587?tls=required` (STARTTLS); plain `smtp://HOST:PORT` only
    /// on a trusted network. Without it, no mail is sent: the console shows invitation and
    /// password links to pass on.
    #[arg(long, env = "FABRIQUE_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of mails, `Name <address>`; by default `Fabrique <noreply@HOST>` with the
    /// public address's host.
    #[arg(long, env = "FABRIQUE_MAIL_FROM")]
    pub mail_from: Option<String>,

    /// Seconds the mail sender holds the mails it claimed; after a crash, the ones it held go
    /// again once this has passed (longer than the slowest SMTP answer times a few mails).
    #[arg(long, env = "FABRIQUE_MAIL_CLAIM_SECONDS", default_value_t = 300, value_parser = clap::value_parser!(i64).range(5..=3600))]
    pub mail_claim_seconds: i64,

    /// The Android app's package name, for App Links (`/.well-known/assetlinks.json`).
    #[arg(long, env = "FABRIQUE_ANDROID_PACKAGE", default_value = "org.fabrique.app", value_parser = app_id_part)]
    pub android_package: String,

    /// SHA-256 fingerprints of the certificates the Android app is signed with (`AB:CD:…`,
    /// 32 pairs), comma-separated: with them, this server's invitation links open the app
    /// directly (Android App Links). Without, they open the invitation page, which offers to
    /// open the app.
    #[arg(long, env = "FABRIQUE_ANDROID_CERT_FINGERPRINTS", value_delimiter = ',', value_parser = fingerprint)]
    pub android_cert_fingerprints: Vec<String>,

    /// The iOS app's identifiers (`TEAMID.org.fabrique.app`), comma-separated: with them,
    /// invitation links open the app directly (Universal Links,
    /// `/.well-known/apple-app-site-association`).
    #[arg(long, env = "FABRIQUE_IOS_APP_IDS", value_delimiter = ',', value_parser = ios_app_id)]
    pub ios_app_ids: Vec<String>,

    /// Where to install the iOS app (an `https://apps.apple.com/…` address), shown on the
    /// invitation page.
    #[arg(long, env = "FABRIQUE_APP_STORE_URL", value_parser = https_address)]
    pub app_store_url: Option<String>,

    /// Where to install the Android app (Google Play, F-Droid or the publisher's page), shown
    /// on the invitation page.
    #[arg(long, env = "FABRIQUE_ANDROID_STORE_URL", value_parser = https_address)]
    pub android_store_url: Option<String>,

    /// Files uploaded per person per hour.
    #[arg(long, env = "FABRIQUE_WRITE_LIMIT_UPLOADS", default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..))]
    pub write_limit_uploads: u32,
}

impl ServeArgs {
    /// The write limits asked for; `None` when they are off.
    pub fn write_limits(&self) -> Option<PerHour> {
        (self.write_limits == "on").then_some(PerHour {
            posts: self.write_limit_posts,
            comments: self.write_limit_comments,
            messages: self.write_limit_messages,
            mentions: self.write_limit_mentions,
            reports: self.write_limit_reports,
            invitations: self.write_limit_invitations,
            uploads: self.write_limit_uploads,
        })
    }

    /// The public address: as given, or `http://` and the address the server listens on
    /// (`localhost` for every-interface binds).
    pub fn public_url(&self, listening: SocketAddr) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None if listening.ip().is_unspecified() => format!("http://localhost:{}", listening.port()),
            None => format!("http://{listening}"),
        }
    }

    /// How mails leave, when an SMTP server is given.
    pub fn mail(&self, public_url: &str) -> Result<Option<MailConfig>, String> {
        self.smtp_url.as_deref().map(|url| MailConfig::new(url, self.mail_from.as_deref(), public_url)).transpose()
    }

    /// The apps this server's links open, and where to install them.
    pub fn apps(&self) -> AppLinks {
        AppLinks {
            android_package: self.android_package.clone(),
            android_cert_fingerprints: self.android_cert_fingerprints.clone(),
            ios_app_ids: self.ios_app_ids.clone(),
            app_store_url: self.app_store_url.clone(),
            android_store_url: self.android_store_url.clone(),
        }
    }

    pub fn push_endpoints(&self) -> EndpointRule {
        if self.push_allow_loopback { EndpointRule::AllowLoopback } else { EndpointRule::PublicOnly }
    }
}

#[derive(Args, Debug)]
pub struct CreateAdminArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// The administrator's email address (their sign-in).
    #[arg(long, env = "FABRIQUE_ADMIN_EMAIL")]
    pub email: String,

    /// The administrator's name as others see it.
    #[arg(long, env = "FABRIQUE_ADMIN_NAME")]
    pub name: String,

    /// Name of the federation, when none exists yet.
    #[arg(long, env = "FABRIQUE_FEDERATION_NAME", default_value = "Ma fédération")]
    pub federation_name: String,

    /// Read the password from standard input instead of asking for it.
    #[arg(long)]
    pub password_stdin: bool,
}

/// What the running application needs from the configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub public_url: String,
    /// See `ServeArgs::search_batch`.
    pub search_batch: i64,
    /// Where attachments are stored: `<data dir>/attachments` when serving.
    pub files_dir: PathBuf,
    /// Which push endpoints devices may register.
    pub push_endpoints: EndpointRule,
    /// Per-person write limits; `None`: off.
    pub write_limits: Option<PerHour>,
    /// See `ServeArgs::write_batch`.
    pub write_batch: usize,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// How mails leave; `None`: no mail, links are shown to pass on.
    pub mail: Option<MailConfig>,
    /// The apps invitation links open, and where to install them.
    pub apps: AppLinks,
}

/// The published apps, as this server's links know them (see `ServeArgs::android_package`
/// and the following flags).
#[derive(Debug, Clone, Default)]
pub struct AppLinks {
    pub android_package: String,
    pub android_cert_fingerprints: Vec<String>,
    pub ios_app_ids: Vec<String>,
    pub app_store_url: Option<String>,
    pub android_store_url: Option<String>,
}

/// A package name or bundle id: letters, digits, `_` and `.`.
fn app_id_part(value: &str) -> Result<String, String> {
    let valid = !value.is_empty()
        && value.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    if valid { Ok(value.to_owned()) } else { Err(format!("'{value}' is not a package name (org.example.app)")) }
}

/// A certificate's SHA-256 fingerprint as Android shows it: 32 hexadecimal pairs joined by `:`.
fn fingerprint(value: &str) -> Result<String, String> {
    let value = value.trim().to_ascii_uppercase();
    let pairs: Vec<&str> = value.split(':').collect();
    if pairs.len() == 32 && pairs.iter().all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_hexdigit())) {
        Ok(value)
    } else {
        Err("a SHA-256 fingerprint is 32 hexadecimal pairs joined by ':' (keytool -list -v shows it)".into())
    }
}

/// `TEAMID.bundle.id`: Apple's ten-character team id, then the bundle id.
fn ios_app_id(value: &str) -> Result<String, String> {
    let value = value.trim();
    match value.split_once('.') {
        Some((team, bundle)) if team.len() == 10 && team.chars().all(|c| c.is_ascii_alphanumeric()) => {
            app_id_part(bundle).map(|_| value.to_owned())
        }
        _ => Err(format!("'{value}' is not an iOS app id (TEAMID.org.fabrique.app, the team id ten characters)")),
    }
}

fn https_address(value: &str) -> Result<String, String> {
    if value.starts_with("https://") && value.len() > "https://".len() && !value.contains(char::is_whitespace) {
        Ok(value.to_owned())
    } else {
        Err(format!("'{value}' is not an https:// address"))
    }
}

impl Default for Settings {
    /// For tests and tools: attachments go to a directory of their own under the system's
    /// temporary directory.
    fn default() -> Self {
        let files_dir = std::env::temp_dir().join(format!("fabrique-files-{}", uuid::Uuid::new_v4()));
        Settings {
            public_url: "http://localhost".into(),
            search_batch: 500,
            files_dir,
            push_endpoints: EndpointRule::PublicOnly,
            write_limits: Some(PerHour::default()),
            write_batch: crate::sync::writer::MAX_BATCH,
            trusted_proxies: Vec::new(),
            mail: None,
            apps: AppLinks { android_package: "org.fabrique.app".into(), ..AppLinks::default() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_link_settings_are_checked() {
        let upper = "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5";
        assert_eq!(fingerprint(&upper.to_lowercase()).unwrap(), upper);
        assert!(fingerprint("14:6D:E9").is_err());
        assert!(fingerprint(&upper.replace("14", "ZZ")).is_err());
        assert_eq!(ios_app_id("ABCDE12345.org.fabrique.app").unwrap(), "ABCDE12345.org.fabrique.app");
        assert!(ios_app_id("org.fabrique.app").is_err(), "no team id");
        assert!(ios_app_id("ABCDE12345.").is_err());
        assert!(app_id_part("org..app").is_err());
        assert!(https_address("http://play.google.com").is_err());
        assert!(https_address("https://play.google.com/store/apps/details?id=org.fabrique.app").is_ok());
    }
}
