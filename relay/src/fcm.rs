//! Firebase Cloud Messaging, HTTP v1: POST `/v1/projects/<project>/messages:send` with an
//! OAuth access token from the service account (a signed RS256 assertion exchanged at the
//! key's `token_uri`, kept until a minute before it expires), a data message with the
//! still-encrypted Web Push body in `p`.

use std::path::Path;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_simple::prelude::{Claims, RS256KeyPair, RSAKeyPairLike};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::options::Options;
use crate::push::{Delivered, WebPush, retry_after};

const SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";

#[derive(Deserialize)]
struct ServiceAccount {
    project_id: String,
    client_email: String,
    private_key: String,
    token_uri: String,
}

#[derive(Serialize, Deserialize)]
struct ScopeClaim {
    scope: String,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    #[serde(default)]
    expires_in: u64,
}

pub struct Fcm {
    account: ServiceAccount,
    key: RS256KeyPair,
    url: String,
    http: reqwest::Client,
    token: Mutex<Option<(String, Instant)>>,
}

impl Fcm {
    pub fn new(options: &Options, file: &Path, http: reqwest::Client) -> Result<Fcm, String> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read the FCM service account {}: {e}", file.display()))?;
        let account: ServiceAccount = serde_json::from_str(&text)
            .map_err(|e| format!("the FCM service account is not a service-account key: {e}"))?;
        let key = RS256KeyPair::from_pem(&account.private_key)
            .map_err(|e| format!("the service account's private key is not usable: {e}"))?;
        Ok(Fcm { account, key, url: options.fcm_url.trim_end_matches('/').to_owned(), http, token: Mutex::new(None) })
    }

    /// An access token, from the cache or exchanged now.
    async fn access_token(&self) -> Result<String, Delivered> {
        let mut held = self.token.lock().await;
        if let Some((token, until)) = held.as_ref()
            && Instant::now() < *until
        {
            return Ok(token.clone());
        }
        let claims = Claims::with_custom_claims(
            ScopeClaim { scope: SCOPE.into() },
            jwt_simple::prelude::Duration::from_hours(1),
        )
        .with_issuer(&self.account.client_email)
        .with_audience(&self.account.token_uri);
        let assertion = self.key.sign(claims).map_err(|e| {
            tracing::error!(error = %e, "cannot sign the service account's assertion");
            Delivered::Later(300)
        })?;
        let form = [("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion.as_str())];
        let response = self
            .http
            .post(&self.account.token_uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(form).unwrap_or_default())
            .send()
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "Google's token service did not answer");
                Delivered::Later(60)
            })?;
        if !response.status().is_success() {
            tracing::error!(status = %response.status(), "Google refused the service account");
            return Err(Delivered::Later(300));
        }
        let answer: TokenAnswer = response.json().await.map_err(|_| Delivered::Later(60))?;
        let lasts = Duration::from_secs(answer.expires_in.max(120) - 60);
        *held = Some((answer.access_token.clone(), Instant::now() + lasts));
        Ok(answer.access_token)
    }

    pub async fn send(&self, device: &str, push: &WebPush) -> Delivered {
        let token = match self.access_token().await {
            Ok(token) => token,
            Err(later) => return later,
        };
        let priority = if matches!(push.urgency.as_str(), "very-low" | "low") { "NORMAL" } else { "HIGH" };
        let mut android = serde_json::json!({ "priority": priority, "ttl": format!("{}s", push.ttl) });
        if let Some(topic) = &push.topic {
            android["collapse_key"] = serde_json::json!(topic);
        }
        let message = serde_json::json!({ "message": {
            "token": device,
            "data": { "p": URL_SAFE_NO_PAD.encode(&push.body) },
            "android": android,
        }});
        let url = format!("{}/v1/projects/{}/messages:send", self.url, self.account.project_id);
        let response = match self.http.post(url).bearer_auth(&token).json(&message).send().await {
            Ok(response) => response,
            Err(error) => {
                tracing::warn!(%error, "FCM did not answer");
                return Delivered::Later(60);
            }
        };
        let status = response.status().as_u16();
        let later = retry_after(response.headers(), 60);
        let body: serde_json::Value = response.json().await.unwrap_or_default();
        let error_code = body["error"]["details"]
            .as_array()
            .and_then(|details| details.iter().find_map(|d| d["errorCode"].as_str()))
            .or_else(|| body["error"]["status"].as_str())
            .unwrap_or_default()
            .to_owned();
        match status {
            200 => Delivered::Accepted,
            404 => Delivered::Gone,
            400 | 403 if matches!(error_code.as_str(), "UNREGISTERED" | "SENDER_ID_MISMATCH") => Delivered::Gone,
            401 => {
                *self.token.lock().await = None;
                Delivered::Later(60)
            }
            429 | 500..=599 => Delivered::Later(later),
            _ => Delivered::Refused(format!("FCM answered {status} {error_code}")),
        }
    }
}
