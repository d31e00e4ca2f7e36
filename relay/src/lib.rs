//! The push relay (DESIGN.md §6): one small server an app publisher runs for every
//! federation, as Mastodon's and Element's apps do. A Fabrique server sends standard Web Push
//! (RFC 8030, the body encrypted by RFC 8291, signed by VAPID, RFC 8292) to
//! `<relay>/apns/<device token>` or `<relay>/fcm/<registration token>`; the relay checks the
//! VAPID signature and hands the **still-encrypted** body to Apple's or Google's service,
//! which wake the app; the app decrypts it with the core's Rust. The relay never sees plain
//! content, keeps no message, and logs no token in full.
//!
//! - APNs ([`apns`]): HTTP/2 with a token-based provider JWT (`.p8` key), an alert with
//!   `mutable-content` (the notification extension writes the text from what the phone
//!   holds), the body in `p`; priority from `Urgency`, expiry from `TTL`, collapse id from
//!   `Topic`.
//! - FCM ([`fcm`]): the HTTP v1 API with a service account's OAuth token, a data message
//!   with the body in `p`; priority from `Urgency`, time to live from `TTL`, collapse key from
//!   `Topic`.
//! - Answers as a push service does: 201 when handed over; 404/410 when Apple or Google says
//!   the token is gone (the server then forgets the device); 429 with `Retry-After` when
//!   rate-limited (by them or by the relay's own limits per sender and per token); 502/503
//!   with `Retry-After` when they fail.
//!
//! Why not the `a2` crate for APNs: it names Apple's two hosts only and trusts the web's
//! roots only, so neither a stand-in nor a test can stand where APNs does. The HTTP/2 client
//! (reqwest) and the JWT crate (jwt-simple) are the well-kept parts; what is left here is
//! the mapping between Web Push and each platform.

pub mod apns;
pub mod fcm;
pub mod options;
pub mod push;
pub mod vapid;

pub use options::Options;
pub use push::{Delivered, WebPush};

use std::num::NonZeroU32;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// The largest Web Push body (RFC 8291 messages are at most 4096 bytes).
pub const BODY_MAX: usize = 4096;

pub struct Relay {
    public_url: String,
    apns: Option<apns::Apns>,
    fcm: Option<fcm::Fcm>,
    senders: DefaultKeyedRateLimiter<String>,
    tokens: DefaultKeyedRateLimiter<String>,
    verified: vapid::Verified,
}

fn per_minute(count: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(count.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl Relay {
    pub fn new(options: &Options) -> Result<Arc<Relay>, String> {
        let http = options.http_client()?.build().map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        let apns = match &options.apns_key_file {
            Some(file) => Some(apns::Apns::new(options, file)?),
            None => None,
        };
        let fcm = match &options.fcm_service_account {
            Some(file) => Some(fcm::Fcm::new(options, file, http)?),
            None => None,
        };
        if apns.is_none() && fcm.is_none() {
            return Err("neither APNs (--apns-key-file) nor FCM (--fcm-service-account) is configured".into());
        }
        Ok(Arc::new(Relay {
            public_url: options.public_url.trim_end_matches('/').to_owned(),
            apns,
            fcm,
            senders: RateLimiter::keyed(per_minute(options.per_sender_per_minute)),
            tokens: RateLimiter::keyed(per_minute(options.per_token_per_minute)),
            verified: vapid::Verified::default(),
        }))
    }

    pub fn router(self: &Arc<Self>) -> Router {
        Router::new()
            .route("/health", get(|| async { axum::Json(serde_json::json!({ "status": "ok" })) }))
            .route("/apns/{token}", post(to_apns))
            .route("/fcm/{token}", post(to_fcm))
            .layer(DefaultBodyLimit::max(BODY_MAX))
            .with_state(self.clone())
    }
}

/// The start of a token, enough to follow it in the logs, never the whole.
pub fn token_hint(token: &str) -> String {
    format!("{}…", token.chars().take(6).collect::<String>())
}

fn answer(status: StatusCode, retry_after: Option<u64>, text: &str) -> Response {
    let mut response = (status, text.to_owned()).into_response();
    if let Some(seconds) = retry_after
        && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// Everything a push must be before it is handed on: signed for this relay, limited, a
/// well-formed aes128gcm body with its TTL.
/// Why a push is not handed on (answered as [`answer`] makes it).
struct Refusal(StatusCode, Option<u64>, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        answer(self.0, self.1, &self.2)
    }
}

fn checked(relay: &Relay, headers: &HeaderMap, token: &str, body: Bytes) -> Result<WebPush, Refusal> {
    let sender = relay
        .verified
        .check(headers, &relay.public_url)
        .map_err(|why| Refusal(StatusCode::UNAUTHORIZED, None, format!("VAPID: {why}")))?;
    if token.is_empty() || token.len() > 4096 || !token.chars().all(|c| c.is_ascii_alphanumeric() || "-_:.".contains(c))
    {
        return Err(Refusal(StatusCode::NOT_FOUND, None, "no such device token".into()));
    }
    if relay.senders.check_key(&sender).is_err() {
        return Err(Refusal(StatusCode::TOO_MANY_REQUESTS, Some(60), "too many pushes from this sender".into()));
    }
    if relay.tokens.check_key(&token.to_owned()).is_err() {
        return Err(Refusal(StatusCode::TOO_MANY_REQUESTS, Some(60), "too many pushes to this device".into()));
    }
    let encoding = headers.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if encoding != "aes128gcm" || body.is_empty() {
        return Err(Refusal(StatusCode::BAD_REQUEST, None, "the body must be an aes128gcm message (RFC 8291)".into()));
    }
    let ttl = headers
        .get("ttl")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .ok_or_else(|| Refusal(StatusCode::BAD_REQUEST, None, "a TTL header is required (RFC 8030)".into()))?;
    let urgency = headers.get("urgency").and_then(|v| v.to_str().ok()).unwrap_or("normal").to_ascii_lowercase();
    if !matches!(urgency.as_str(), "very-low" | "low" | "normal" | "high") {
        return Err(Refusal(StatusCode::BAD_REQUEST, None, "Urgency is very-low, low, normal or high".into()));
    }
    let topic = headers.get("topic").and_then(|v| v.to_str().ok()).map(str::to_owned);
    if topic
        .as_ref()
        .is_some_and(|t| t.len() > 32 || !t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        return Err(Refusal(StatusCode::BAD_REQUEST, None, "a Topic is at most 32 URL-safe characters".into()));
    }
    Ok(WebPush { body, ttl: ttl.min(28 * 24 * 3600), urgency, topic })
}

fn respond(platform: &str, token: &str, delivered: Delivered) -> Response {
    let hint = token_hint(token);
    match delivered {
        Delivered::Accepted => answer(StatusCode::CREATED, None, ""),
        Delivered::Gone => {
            tracing::info!(platform, token = %hint, "the device token is gone");
            answer(StatusCode::GONE, None, "this device is no longer registered")
        }
        Delivered::Refused(why) => {
            tracing::warn!(platform, token = %hint, %why, "a push was refused");
            answer(StatusCode::BAD_REQUEST, None, &why)
        }
        Delivered::Later(seconds) => {
            tracing::info!(platform, token = %hint, seconds, "a push goes later");
            answer(StatusCode::TOO_MANY_REQUESTS, Some(seconds), "try again later")
        }
    }
}

async fn to_apns(
    State(relay): State<Arc<Relay>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(apns) = &relay.apns else {
        return answer(StatusCode::NOT_FOUND, None, "this relay does not speak to APNs");
    };
    let push = match checked(&relay, &headers, &token, body) {
        Ok(push) => push,
        Err(refusal) => return refusal.into_response(),
    };
    respond("apns", &token, apns.send(&token, &push).await)
}

async fn to_fcm(
    State(relay): State<Arc<Relay>>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(fcm) = &relay.fcm else {
        return answer(StatusCode::NOT_FOUND, None, "this relay does not speak to FCM");
    };
    let push = match checked(&relay, &headers, &token, body) {
        Ok(push) => push,
        Err(refusal) => return refusal.into_response(),
    };
    respond("fcm", &token, fcm.send(&token, &push).await)
}
