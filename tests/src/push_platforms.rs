//! Local stand-ins for Apple's and Google's push services, strict like the real ones about
//! what the relay must send: APNs (HTTP/2 only; a provider token signed by the publisher's
//! key, with its key id and team; topic, push type, priority, expiry), and FCM's HTTP v1 API
//! with its OAuth token service (a service-account assertion signed by the account's key,
//! for the messaging scope; then the access token it gave on each send). What they received
//! is kept; answers can be scripted per device token.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Version};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use jwt_simple::prelude::{
    ECDSAP256PublicKeyLike, ES256KeyPair, NoCustomClaims, RS256KeyPair, RSAPublicKeyLike, VerificationOptions,
};
use serde_json::Value;

/// One request APNs accepted or refused.
#[derive(Debug, Clone)]
pub struct ApnsRequest {
    pub device: String,
    pub headers: HashMap<String, String>,
    pub payload: Value,
}

/// An answer to script for a device token: status, reason, `Retry-After`.
#[derive(Debug, Clone)]
pub struct Scripted {
    pub status: u16,
    pub reason: String,
    pub retry_after: Option<u64>,
}

#[derive(Default)]
struct ApnsState {
    received: Vec<ApnsRequest>,
    scripted: HashMap<String, Scripted>,
}

pub struct ApnsStandIn {
    pub address: SocketAddr,
    /// Its TLS certificate (made for the test), PEM: the relay is told to trust it.
    pub certificate_pem: String,
    /// The `.p8` key the relay signs with (PKCS#8 PEM), its id and the team.
    pub key_pem: String,
    pub key_id: String,
    pub team_id: String,
    pub topic: String,
    state: Arc<Mutex<ApnsState>>,
}

impl ApnsStandIn {
    pub async fn start() -> ApnsStandIn {
        let key = ES256KeyPair::generate();
        let key_pem = key.to_pem().expect("a PEM key");
        let (key_id, team_id, topic) =
            ("ABC123DEFG".to_owned(), "TEAM123456".to_owned(), "org.fabrique.app".to_owned());
        let state = Arc::new(Mutex::new(ApnsState::default()));
        let checks = Arc::new((key.public_key(), key_id.clone(), team_id.clone(), topic.clone(), state.clone()));
        let app = Router::new().route("/3/device/{token}", post(apns_push)).with_state(checks);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port for APNs");
        let address = listener.local_addr().unwrap();
        // HTTP/2 over TLS, negotiated by ALPN, as APNs speaks it.
        let tls = crate::tls::TestTls::new();
        tls.serve(listener, app);
        ApnsStandIn { address, certificate_pem: tls.certificate_pem, key_pem, key_id, team_id, topic, state }
    }

    pub fn url(&self) -> String {
        format!("https://localhost:{}", self.address.port())
    }

    pub fn script(&self, device: &str, answer: Scripted) {
        self.state.lock().unwrap().scripted.insert(device.to_owned(), answer);
    }

    pub fn received(&self) -> Vec<ApnsRequest> {
        self.state.lock().unwrap().received.clone()
    }
}

type ApnsChecks = Arc<(jwt_simple::prelude::ES256PublicKey, String, String, String, Arc<Mutex<ApnsState>>)>;

async fn apns_push(
    State(checks): State<ApnsChecks>,
    Path(device): Path<String>,
    version: Version,
    headers: HeaderMap,
    body: String,
) -> Response {
    let (public, key_id, team_id, topic, state) = &*checks;
    let refuse = |status: StatusCode, reason: &str| {
        (status, axum::Json(serde_json::json!({ "reason": reason }))).into_response()
    };
    if version != Version::HTTP_2 {
        return refuse(StatusCode::BAD_REQUEST, "NotHTTP2");
    }
    // The scheme is case-insensitive (RFC 9110 §11.1).
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let Some(token) = authorization.get(..7).filter(|s| s.eq_ignore_ascii_case("bearer ")).map(|_| &authorization[7..])
    else {
        return refuse(StatusCode::FORBIDDEN, "MissingProviderToken");
    };
    let options = VerificationOptions { required_key_id: Some(key_id.clone()), ..VerificationOptions::default() };
    match public.verify_token::<NoCustomClaims>(token, Some(options)) {
        Ok(claims) if claims.issuer.as_deref() == Some(team_id.as_str()) && claims.issued_at.is_some() => {}
        _ => return refuse(StatusCode::FORBIDDEN, "InvalidProviderToken"),
    }
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    if header("apns-topic") != *topic {
        return refuse(StatusCode::BAD_REQUEST, "DeviceTokenNotForTopic");
    }
    if header("apns-push-type") != "alert" || !matches!(header("apns-priority").as_str(), "5" | "10") {
        return refuse(StatusCode::BAD_REQUEST, "BadPriority");
    }
    let Ok(payload) = serde_json::from_str::<Value>(&body) else {
        return refuse(StatusCode::BAD_REQUEST, "PayloadEmpty");
    };
    if body.len() > 4096 {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, "PayloadTooLarge");
    }
    let kept: HashMap<String, String> =
        ["apns-topic", "apns-push-type", "apns-priority", "apns-expiration", "apns-collapse-id"]
            .iter()
            .filter(|name| headers.contains_key(**name))
            .map(|name| (name.to_string(), header(name)))
            .collect();
    let mut state = state.lock().unwrap();
    state.received.push(ApnsRequest { device: device.clone(), headers: kept, payload });
    match state.scripted.get(&device) {
        Some(answer) => {
            let mut response = refuse(StatusCode::from_u16(answer.status).unwrap(), &answer.reason);
            if let Some(seconds) = answer.retry_after {
                response.headers_mut().insert("retry-after", seconds.to_string().parse().unwrap());
            }
            response
        }
        None => StatusCode::OK.into_response(),
    }
}

/// One message FCM accepted or refused.
#[derive(Debug, Clone)]
pub struct FcmMessage {
    pub message: Value,
}

#[derive(Default)]
struct FcmState {
    issued: Vec<String>,
    exchanges: usize,
    received: Vec<FcmMessage>,
    scripted: HashMap<String, Scripted>,
}

pub struct FcmStandIn {
    pub address: SocketAddr,
    /// Its TLS certificate (made for the test), PEM.
    pub certificate_pem: String,
    /// The service-account key file's content (as Google gives it).
    pub service_account: String,
    state: Arc<Mutex<FcmState>>,
}

impl FcmStandIn {
    pub async fn start() -> FcmStandIn {
        let key = RS256KeyPair::generate(2048).expect("an RSA key");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port for FCM");
        let address = listener.local_addr().unwrap();
        let token_uri = format!("https://localhost:{}/token", address.port());
        let service_account = serde_json::json!({
            "type": "service_account",
            "project_id": "fabrique-test",
            "private_key_id": "k1",
            "private_key": key.to_pem().expect("a PEM key"),
            "client_email": "relay@fabrique-test.iam.gserviceaccount.com",
            "token_uri": token_uri,
        })
        .to_string();
        let state = Arc::new(Mutex::new(FcmState::default()));
        let checks = Arc::new((key.public_key(), token_uri, state.clone()));
        let app = Router::new()
            .route("/token", post(fcm_token))
            .route("/v1/projects/{project}/messages:send", post(fcm_send))
            .with_state(checks);
        let tls = crate::tls::TestTls::new();
        tls.serve(listener, app);
        FcmStandIn { address, certificate_pem: tls.certificate_pem, service_account, state }
    }

    pub fn url(&self) -> String {
        format!("https://localhost:{}", self.address.port())
    }

    pub fn script(&self, device: &str, answer: Scripted) {
        self.state.lock().unwrap().scripted.insert(device.to_owned(), answer);
    }

    pub fn received(&self) -> Vec<FcmMessage> {
        self.state.lock().unwrap().received.clone()
    }

    /// How many access tokens the relay asked for.
    pub fn exchanges(&self) -> usize {
        self.state.lock().unwrap().exchanges
    }
}

type FcmChecks = Arc<(jwt_simple::prelude::RS256PublicKey, String, Arc<Mutex<FcmState>>)>;

async fn fcm_token(State(checks): State<FcmChecks>, body: String) -> Response {
    let (public, token_uri, state) = &*checks;
    let form: HashMap<String, String> = serde_urlencoded::from_str(&body).unwrap_or_default();
    if form.get("grant_type").map(String::as_str) != Some("urn:ietf:params:oauth:grant-type:jwt-bearer") {
        return (StatusCode::BAD_REQUEST, "unsupported_grant_type").into_response();
    }
    let options = VerificationOptions {
        allowed_audiences: Some([token_uri.clone()].into_iter().collect()),
        ..VerificationOptions::default()
    };
    let assertion = form.get("assertion").cloned().unwrap_or_default();
    let Ok(claims) = public.verify_token::<Value>(&assertion, Some(options)) else {
        return (StatusCode::BAD_REQUEST, "invalid_grant").into_response();
    };
    if claims.custom["scope"] != "https://www.googleapis.com/auth/firebase.messaging" {
        return (StatusCode::BAD_REQUEST, "invalid_scope").into_response();
    }
    let token = format!("ya29.{}", uuid::Uuid::new_v4().simple());
    let mut state = state.lock().unwrap();
    state.exchanges += 1;
    state.issued.push(token.clone());
    axum::Json(serde_json::json!({ "access_token": token, "expires_in": 3599, "token_type": "Bearer" })).into_response()
}

async fn fcm_send(State(checks): State<FcmChecks>, headers: HeaderMap, body: String) -> Response {
    let (_, _, state) = &*checks;
    let mut state = state.lock().unwrap();
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !state.issued.iter().any(|t| t == bearer) {
        return (StatusCode::UNAUTHORIZED, axum::Json(serde_json::json!({ "error": { "status": "UNAUTHENTICATED" } })))
            .into_response();
    }
    let Ok(message) = serde_json::from_str::<Value>(&body) else {
        return (StatusCode::BAD_REQUEST, axum::Json(serde_json::json!({ "error": { "status": "INVALID_ARGUMENT" } })))
            .into_response();
    };
    let device = message["message"]["token"].as_str().unwrap_or_default().to_owned();
    state.received.push(FcmMessage { message });
    match state.scripted.get(&device) {
        Some(answer) => {
            let body = serde_json::json!({ "error": { "status": answer.reason, "details": [{ "errorCode": answer.reason }] } });
            let mut response = (StatusCode::from_u16(answer.status).unwrap(), axum::Json(body)).into_response();
            if let Some(seconds) = answer.retry_after {
                response.headers_mut().insert("retry-after", seconds.to_string().parse().unwrap());
            }
            response
        }
        None => axum::Json(serde_json::json!({ "name": "projects/fabrique-test/messages/1" })).into_response(),
    }
}
