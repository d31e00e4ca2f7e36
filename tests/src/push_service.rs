//! A local Web Push service on 127.0.0.1, strict like a real one: every message must carry
//! a valid VAPID JWT (ES256 over `header.payload` with the key in `k=`, `aud` the origin of
//! this service, `exp` at most 24 hours ahead, a `sub`), a TTL, and an aes128gcm body that
//! decrypts (RFC 8291) with the subscription's private key and auth secret. What it
//! received is kept per device; answers can be scripted (404, 410, 429 with `Retry-After`,
//! 500) before it goes back to 201.

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jwt_simple::prelude::{ECDSAP256PublicKeyLike, ES256PublicKey, NoCustomClaims, VerificationOptions};
use serde_json::Value;
use uuid::Uuid;

/// A device's subscription: what the app would hand to the server, and the private half
/// this service decrypts with.
#[derive(Clone)]
pub struct Device {
    pub id: Uuid,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// One message as the device would get it.
#[derive(Debug, Clone)]
pub struct Received {
    pub payload: Value,
    pub ttl: u64,
    pub urgency: Option<String>,
    pub topic: Option<String>,
}

/// A scripted answer.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    Status(u16),
    /// 429 with `Retry-After` in seconds.
    TooMany {
        retry_after: u64,
    },
}

struct Keys {
    components: ece::EcKeyComponents,
    auth: Vec<u8>,
}

#[derive(Default)]
struct Inner {
    keys: HashMap<Uuid, Keys>,
    received: HashMap<Uuid, Vec<Received>>,
    script: HashMap<Uuid, VecDeque<Answer>>,
    /// Requests refused because they were not valid Web Push (bad JWT, no TTL, bad body).
    refused: Vec<String>,
    /// Every request that reached a device's endpoint, answered or not.
    requests: usize,
    /// JWTs seen: how many distinct signatures the sender made.
    tokens: HashSet<String>,
    /// How long each message takes to be taken (a slow push service).
    delay: Duration,
}

#[derive(Clone)]
pub struct PushService {
    pub address: SocketAddr,
    inner: Arc<Mutex<Inner>>,
    /// Bumped at each message taken: what waiting for arrivals listens to.
    arrived: Arc<tokio::sync::watch::Sender<u64>>,
}

impl PushService {
    pub async fn start() -> PushService {
        PushService::start_on("127.0.0.1:0").await
    }

    /// On a chosen address (for the push benchmark, where it runs in its own process).
    pub async fn start_on(address: &str) -> PushService {
        let listener = tokio::net::TcpListener::bind(address).await.expect("the push service binds");
        let address = listener.local_addr().expect("an address");
        let service =
            PushService { address, inner: Arc::default(), arrived: Arc::new(tokio::sync::watch::channel(0).0) };
        let router = Router::new()
            .route("/push/{id}", post(receive))
            .route("/devices/{count}", post(new_devices))
            .route("/stats", axum::routing::get(stats))
            .with_state(service.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.expect("the push service serves") });
        service
    }

    pub fn origin(&self) -> String {
        format!("http://{}", self.address)
    }

    /// A new device: fresh P-256 keys and auth secret, and an endpoint on this service.
    pub fn device(&self) -> Device {
        let (pair, auth) = ece::generate_keypair_and_auth_secret().expect("keys");
        let components = pair.raw_components().expect("raw key components");
        let id = Uuid::new_v4();
        let device = Device {
            id,
            endpoint: format!("{}/push/{id}", self.origin()),
            p256dh: URL_SAFE_NO_PAD.encode(pair.pub_as_raw().expect("public key")),
            auth: URL_SAFE_NO_PAD.encode(auth),
        };
        self.lock().keys.insert(id, Keys { components, auth: auth.to_vec() });
        device
    }

    /// The next answers for this device, in order, before it gets 201 again.
    pub fn script(&self, device: &Device, answers: &[Answer]) {
        self.lock().script.entry(device.id).or_default().extend(answers.iter().copied());
    }

    /// Each message then takes this long to be taken, as a push service under load.
    pub fn slow_down(&self, delay: Duration) {
        self.lock().delay = delay;
    }

    pub fn received(&self, device: &Device) -> Vec<Received> {
        self.lock().received.get(&device.id).cloned().unwrap_or_default()
    }

    /// How many times each (device, notification) arrived, over every device.
    pub fn arrivals(&self) -> HashMap<(Uuid, String), usize> {
        let mut seen = HashMap::new();
        for (device, messages) in &self.lock().received {
            for message in messages {
                let id = message.payload["notification_id"].as_str().unwrap_or_default().to_owned();
                *seen.entry((*device, id)).or_insert(0) += 1;
            }
        }
        seen
    }

    pub fn total_received(&self) -> usize {
        self.lock().received.values().map(Vec::len).sum()
    }

    pub fn refused(&self) -> Vec<String> {
        self.lock().refused.clone()
    }

    pub fn requests(&self) -> usize {
        self.lock().requests
    }

    pub fn distinct_tokens(&self) -> usize {
        self.lock().tokens.len()
    }

    /// Waits until the device holds `count` messages (or `within` passes).
    pub async fn wait_for(&self, device: &Device, count: usize, within: Duration) -> Vec<Received> {
        self.until(within, |service| service.received(device).len() >= count).await;
        self.received(device)
    }

    /// Waits until `condition` holds, checked at each arrival (or `within` passes); whether it held.
    pub async fn until(&self, within: Duration, condition: impl Fn(&PushService) -> bool) -> bool {
        let mut arrivals = self.arrived.subscribe();
        tokio::time::timeout(within, arrivals.wait_for(|_| condition(self))).await.is_ok_and(|r| r.is_ok())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// `POST /devices/{count}`: new devices, for a benchmark run from another process.
async fn new_devices(State(service): State<PushService>, Path(count): Path<usize>) -> axum::Json<Vec<Value>> {
    let devices = (0..count.min(100_000))
        .map(|_| {
            let device = service.device();
            serde_json::json!({ "endpoint": device.endpoint, "p256dh": device.p256dh, "auth": device.auth })
        })
        .collect();
    axum::Json(devices)
}

/// `GET /stats`: what arrived so far.
async fn stats(State(service): State<PushService>) -> axum::Json<Value> {
    axum::Json(serde_json::json!({
        "received": service.total_received(),
        "refused": service.refused().len(),
        "requests": service.requests(),
        "distinct_tokens": service.distinct_tokens(),
        // Notifications that reached a device more than once (several instances must not
        // both send one).
        "duplicates": service.arrivals().values().filter(|n| **n > 1).count(),
    }))
}

fn refuse(service: &PushService, status: StatusCode, why: String) -> Response {
    service.lock().refused.push(why.clone());
    (status, why).into_response()
}

async fn receive(
    State(service): State<PushService>,
    Path(id): Path<Uuid>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let delay = {
        let mut inner = service.lock();
        inner.requests += 1;
        inner.delay
    };
    // Those waiting on requests (not only on arrivals) look again.
    service.arrived.send_modify(|_| {});
    // A slow push service (a story's set-up), not a wait for a condition.
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    // VAPID (RFC 8292): "vapid t=<jwt>, k=<public key>".
    let Some(authorization) = header("authorization") else {
        return refuse(&service, StatusCode::UNAUTHORIZED, "no Authorization header".into());
    };
    let Some(rest) = authorization.strip_prefix("vapid ") else {
        return refuse(&service, StatusCode::UNAUTHORIZED, format!("not a vapid authorization: {authorization}"));
    };
    let mut token = None;
    let mut key = None;
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(t) = part.strip_prefix("t=") {
            token = Some(t.to_owned());
        } else if let Some(k) = part.strip_prefix("k=") {
            key = Some(k.to_owned());
        }
    }
    let (Some(token), Some(key)) = (token, key) else {
        return refuse(&service, StatusCode::UNAUTHORIZED, "vapid t= or k= missing".into());
    };
    let public = match URL_SAFE_NO_PAD.decode(&key).ok().and_then(|bytes| ES256PublicKey::from_bytes(&bytes).ok()) {
        Some(public) => public,
        None => return refuse(&service, StatusCode::UNAUTHORIZED, "the vapid key is not a P-256 key".into()),
    };
    let options = VerificationOptions {
        allowed_audiences: Some(HashSet::from([service.origin()])),
        ..VerificationOptions::default()
    };
    let claims = match public.verify_token::<NoCustomClaims>(&token, Some(options)) {
        Ok(claims) => claims,
        Err(error) => {
            return refuse(&service, StatusCode::FORBIDDEN, format!("the vapid JWT does not verify: {error}"));
        }
    };
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("a clock").as_secs();
    match claims.expires_at {
        Some(exp) if exp.as_secs() > now && exp.as_secs() <= now + 24 * 3600 => {}
        other => return refuse(&service, StatusCode::FORBIDDEN, format!("exp must be within 24 hours: {other:?}")),
    }
    if claims.subject.as_deref().is_none_or(str::is_empty) {
        return refuse(&service, StatusCode::FORBIDDEN, "no sub claim".into());
    }
    let Some(ttl) = header("ttl").and_then(|t| t.parse::<u64>().ok()) else {
        return refuse(&service, StatusCode::BAD_REQUEST, "no TTL".into());
    };
    if header("content-encoding").as_deref() != Some("aes128gcm") {
        return refuse(&service, StatusCode::BAD_REQUEST, "the body must be aes128gcm".into());
    }
    let decrypted = {
        let inner = service.lock();
        let Some(keys) = inner.keys.get(&id) else {
            drop(inner);
            return (StatusCode::NOT_FOUND, "no such subscription").into_response();
        };
        ece::decrypt(&keys.components, &keys.auth, &body)
    };
    let payload: Value = match decrypted.ok().and_then(|plain| serde_json::from_slice(&plain).ok()) {
        Some(payload) => payload,
        None => return refuse(&service, StatusCode::BAD_REQUEST, "the body does not decrypt to JSON".into()),
    };
    let mut inner = service.lock();
    inner.tokens.insert(token);
    if let Some(answer) = inner.script.get_mut(&id).and_then(VecDeque::pop_front) {
        return match answer {
            Answer::Status(code) => {
                StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR).into_response()
            }
            Answer::TooMany { retry_after } => {
                let mut response = StatusCode::TOO_MANY_REQUESTS.into_response();
                response.headers_mut().insert("retry-after", HeaderValue::from(retry_after));
                response
            }
        };
    }
    let received = Received { payload, ttl, urgency: header("urgency"), topic: header("topic") };
    inner.received.entry(id).or_default().push(received);
    drop(inner);
    service.arrived.send_modify(|count| *count += 1);
    let mut response = StatusCode::CREATED.into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/message/{}", Uuid::new_v4())) {
        response.headers_mut().insert("location", location);
    }
    response
}
