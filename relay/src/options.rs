//! The relay's configuration: `fabrique-relay --help` is the reference; every flag has a
//! `FABRIQUE_RELAY_*` twin.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

#[derive(Parser, Debug, Clone)]
#[command(
    name = "fabrique-relay",
    version,
    about = "Fabrique's push relay: standard Web Push in, APNs and FCM out, still encrypted."
)]
pub struct Options {
    /// Address and port to listen on (behind a TLS reverse proxy).
    #[arg(long, env = "FABRIQUE_RELAY_BIND", default_value = "127.0.0.1:8090")]
    pub bind: SocketAddr,

    /// The relay's public origin, as servers reach it (`https://push.example.org`): each
    /// request's VAPID signature must name it as its audience.
    #[arg(long, env = "FABRIQUE_RELAY_PUBLIC_URL")]
    pub public_url: String,

    /// The APNs authentication key (`AuthKey_XXXX.p8`); without it, `/apns/…` answers 404.
    #[arg(long, env = "FABRIQUE_RELAY_APNS_KEY_FILE")]
    pub apns_key_file: Option<PathBuf>,

    /// The key's id (10 characters, shown beside the key in Apple's developer account).
    #[arg(long, env = "FABRIQUE_RELAY_APNS_KEY_ID")]
    pub apns_key_id: Option<String>,

    /// The publisher's Apple team id.
    #[arg(long, env = "FABRIQUE_RELAY_APNS_TEAM_ID")]
    pub apns_team_id: Option<String>,

    /// The iOS app's bundle id (the `apns-topic`).
    #[arg(long, env = "FABRIQUE_RELAY_APNS_TOPIC")]
    pub apns_topic: Option<String>,

    /// APNs itself: `https://api.sandbox.push.apple.com` for development builds.
    #[arg(long, env = "FABRIQUE_RELAY_APNS_URL", default_value = "https://api.push.apple.com")]
    pub apns_url: String,

    /// The Firebase project's service-account key (JSON); without it, `/fcm/…` answers 404.
    #[arg(long, env = "FABRIQUE_RELAY_FCM_SERVICE_ACCOUNT")]
    pub fcm_service_account: Option<PathBuf>,

    /// FCM itself.
    #[arg(long, env = "FABRIQUE_RELAY_FCM_URL", default_value = "https://fcm.googleapis.com")]
    pub fcm_url: String,

    /// Certificates (PEM, one or several in the file) trusted beside the system's for APNs
    /// and FCM: a private network's TLS-inspecting proxy, or the stand-ins of the tests.
    #[arg(long, env = "FABRIQUE_RELAY_EXTRA_ROOT_CERTIFICATE")]
    pub extra_root_certificate: Option<PathBuf>,

    /// Pushes one sending server (one VAPID key) may relay per minute.
    #[arg(long, env = "FABRIQUE_RELAY_PER_SENDER_PER_MINUTE", default_value_t = 6000)]
    pub per_sender_per_minute: u32,

    /// Pushes one device token may receive per minute.
    #[arg(long, env = "FABRIQUE_RELAY_PER_TOKEN_PER_MINUTE", default_value_t = 60)]
    pub per_token_per_minute: u32,

    /// Seconds a request to APNs or FCM may take.
    #[arg(long, env = "FABRIQUE_RELAY_TIMEOUT_SECONDS", default_value_t = 10)]
    pub timeout_seconds: u64,
}

impl Options {
    /// The HTTP client for APNs and FCM: its timeouts, no redirect, and the extra root
    /// certificate when one is given.
    pub fn http_client(&self) -> Result<reqwest::ClientBuilder, String> {
        let mut builder = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(self.timeout_seconds))
            .connect_timeout(std::time::Duration::from_secs(self.timeout_seconds))
            .redirect(reqwest::redirect::Policy::none());
        if let Some(file) = &self.extra_root_certificate {
            let pem = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let certificates = reqwest::Certificate::from_pem_bundle(&pem)
                .map_err(|e| format!("{} is not a PEM certificate: {e}", file.display()))?;
            if certificates.is_empty() {
                return Err(format!("{} holds no PEM certificate", file.display()));
            }
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        Ok(builder)
    }
}
