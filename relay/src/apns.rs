//! Apple Push Notification service: HTTP/2 POST `/3/device/<token>` with a provider token
//! (ES256 JWT from the `.p8` key, `kid` the key id, `iss` the team; made again every 50
//! minutes, as Apple asks), an alert the notification extension rewrites (`mutable-content`),
//! and the still-encrypted Web Push body in `p`.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_simple::prelude::{Claims, ECDSAP256KeyPairLike, ES256KeyPair};

use crate::options::Options;
use crate::push::{Delivered, WebPush, retry_after};

/// Apple accepts a provider token for an hour; a new one is made before that.
const TOKEN_REUSE: Duration = Duration::from_secs(50 * 60);

pub struct Apns {
    key: ES256KeyPair,
    team_id: String,
    topic: String,
    url: String,
    http: reqwest::Client,
    token: Mutex<Option<(String, Instant)>>,
}

impl Apns {
    pub fn new(options: &Options, key_file: &Path) -> Result<Apns, String> {
        let pem = std::fs::read_to_string(key_file)
            .map_err(|e| format!("cannot read the APNs key {}: {e}", key_file.display()))?;
        let key_id = options.apns_key_id.clone().ok_or("--apns-key-id is needed with --apns-key-file")?;
        let team_id = options.apns_team_id.clone().ok_or("--apns-team-id is needed with --apns-key-file")?;
        let topic =
            options.apns_topic.clone().ok_or("--apns-topic (the app's bundle id) is needed with --apns-key-file")?;
        let key = ES256KeyPair::from_pem(&pem)
            .map_err(|e| format!("the APNs key is not a P-256 private key (.p8): {e}"))?
            .with_key_id(&key_id);
        let url = options.apns_url.trim_end_matches('/').to_owned();
        // APNs speaks HTTP/2 only: negotiated over TLS (ALPN); a stand-in on plain HTTP (for
        // tests) is spoken to in HTTP/2 from the first byte.
        let mut http = options.http_client()?;
        if url.starts_with("http://") {
            http = http.http2_prior_knowledge();
        }
        let http = http.build().map_err(|e| format!("cannot build the APNs client: {e}"))?;
        Ok(Apns { key, team_id, topic, url, http, token: Mutex::new(None) })
    }

    fn provider_token(&self) -> Result<String, String> {
        let mut held = self.token.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((token, made)) = held.as_ref()
            && made.elapsed() < TOKEN_REUSE
        {
            return Ok(token.clone());
        }
        let claims = Claims::create(jwt_simple::prelude::Duration::from_hours(1)).with_issuer(&self.team_id);
        let token = self.key.sign(claims).map_err(|e| format!("cannot sign the APNs provider token: {e}"))?;
        *held = Some((token.clone(), Instant::now()));
        Ok(token)
    }

    pub async fn send(&self, device: &str, push: &WebPush) -> Delivered {
        let token = match self.provider_token() {
            Ok(token) => token,
            Err(error) => {
                tracing::error!(%error, "APNs is not usable");
                return Delivered::Later(300);
            }
        };
        // An alert the app's notification extension replaces with the decrypted text; the
        // words come from the app's own strings (the relay and Apple see nothing else).
        let payload = serde_json::json!({
            "aps": { "alert": { "loc-key": "push_generic" }, "mutable-content": 1, "sound": "default" },
            "p": URL_SAFE_NO_PAD.encode(&push.body),
        });
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
        let expiration = if push.ttl == 0 { 0 } else { now + push.ttl };
        let priority = if matches!(push.urgency.as_str(), "very-low" | "low") { "5" } else { "10" };
        let mut request = self
            .http
            .post(format!("{}/3/device/{device}", self.url))
            .bearer_auth(token)
            .header("apns-topic", &self.topic)
            .header("apns-push-type", "alert")
            .header("apns-priority", priority)
            .header("apns-expiration", expiration.to_string())
            .json(&payload);
        if let Some(topic) = &push.topic {
            request = request.header("apns-collapse-id", topic);
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => {
                tracing::warn!(%error, "APNs did not answer");
                return Delivered::Later(60);
            }
        };
        let status = response.status().as_u16();
        let later = retry_after(response.headers(), 60);
        let reason = response
            .json::<serde_json::Value>()
            .await
            .ok()
            .and_then(|body| body.get("reason").and_then(|r| r.as_str()).map(str::to_owned))
            .unwrap_or_default();
        match status {
            200 => Delivered::Accepted,
            410 => Delivered::Gone,
            400 if matches!(reason.as_str(), "BadDeviceToken" | "DeviceTokenNotForTopic") => Delivered::Gone,
            429 => Delivered::Later(later),
            500..=599 => Delivered::Later(later),
            403 => {
                // The provider token was refused: make a new one next time.
                *self.token.lock().unwrap_or_else(|p| p.into_inner()) = None;
                Delivered::Later(60)
            }
            _ => Delivered::Refused(format!("APNs answered {status} {reason}")),
        }
    }
}
