//! Who is asking, at the bottom of the house: the signed-in [`Actor`] behind a request, the
//! [`AuthUser`] extractor every signed-in endpoint takes, the caller's address
//! ([`ClientIp`]), and the tokens (random secrets stored as their SHA-256 only). Accounts,
//! areas and the console all ask here; nothing here asks them.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::db::{Db, Tx};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::{AppState, exec, on_db, on_tx};

/// The signed-in person behind a request.
#[derive(Debug, Clone)]
pub struct Actor {
    pub person_id: Uuid,
    pub organisation_id: Uuid,
    pub is_federation_admin: bool,
    token_hash: Vec<u8>,
}

impl Actor {
    /// The hash of the session's token: what a device's push subscription is tied to.
    pub fn session_hash(&self) -> &[u8] {
        &self.token_hash
    }

    /// For work done by the server itself on someone's behalf (demo data, command line).
    pub fn acting_as(person_id: Uuid, organisation_id: Uuid, is_federation_admin: bool) -> Self {
        Actor { person_id, organisation_id, is_federation_admin, token_hash: Vec::new() }
    }
}

/// Extractor: a valid, unexpired, unrevoked bearer token of an active person, or a 401.
pub struct AuthUser(pub Actor);

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(ApiError::unauthorized)?;
        authenticate(&state.db, token.trim()).await?.map(AuthUser).ok_or_else(ApiError::unauthorized)
    }
}

/// The caller's address, for throttling and the audit log: the peer's, or, when the peer
/// is one of the trusted proxies (`--trusted-proxies`), the nearest address in
/// `X-Forwarded-For` that is not itself a trusted proxy. A client cannot choose its address
/// by sending the header itself: from anyone else the header is ignored.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let Some(peer) = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip()) else {
            return Ok(ClientIp("unknown".into()));
        };
        Ok(ClientIp(client_address(peer, &parts.headers, &state.settings.trusted_proxies).to_string()))
    }
}

/// See [`ClientIp`].
pub fn client_address(
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
    trusted: &[ipnet::IpNet],
) -> std::net::IpAddr {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut client = peer;
    for hop in forwarded.iter().rev() {
        match hop.parse::<std::net::IpAddr>() {
            Ok(ip) if is_trusted(&ip) => client = ip,
            Ok(ip) => return ip,
            // Garbage in the header: stop at the last address known good.
            Err(_) => return client,
        }
    }
    client
}

pub async fn authenticate(db: &Db, token: &str) -> ApiResult<Option<Actor>> {
    let token_hash = hash_token(token);
    let now = Utc::now();
    let row: Option<(Uuid, Uuid, String, Option<DateTime<Utc>>)> = on_db!(db, c => sqlx::query_as(
        "SELECT p.id, p.organisation_id, p.platform_role, p.last_seen_at FROM sessions s JOIN people p ON p.id = s.person_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND p.deactivated_at IS NULL")
        .bind(&token_hash).bind(now).fetch_optional(c).await)?;
    let Some((person_id, organisation_id, role, seen)) = row else {
        return Ok(None);
    };
    // When the person last used the app, to the hour (digests go to those who did not): one
    // small write per person per hour, not one per request.
    if seen.is_none_or(|at| at < now - Duration::hours(1)) {
        let mut tx = db.begin_write().await?;
        exec!(&mut tx, sqlx::query("UPDATE people SET last_seen_at = $1 WHERE id = $2").bind(now).bind(person_id))?;
        tx.commit().await?;
    }
    Ok(Some(Actor { person_id, organisation_id, is_federation_admin: role == "federation_admin", token_hash }))
}

/// Random secret for tokens and codes, URL-safe.
pub fn random_secret(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system's random source is available");
    URL_SAFE_NO_PAD.encode(buf)
}

pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Whether the session behind `actor` still lets them in (not signed out, not expired, the
/// person not deactivated): what a live channel checks when told a session ended.
pub async fn session_alive(db: &Db, actor: &Actor) -> ApiResult<bool> {
    let now = Utc::now();
    let alive: Option<i64> = on_db!(db, c => sqlx::query_scalar(
        "SELECT CAST(1 AS BIGINT) FROM sessions s JOIN people p ON p.id = s.person_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND p.deactivated_at IS NULL")
        .bind(&actor.token_hash).bind(now).fetch_optional(c).await)?;
    Ok(alive.is_some())
}

/// Whether `actor` manages organisation `organisation_id` (federation admins manage all).
pub async fn manages(tx: &mut Tx, actor: &Actor, organisation_id: Uuid) -> ApiResult<bool> {
    if actor.is_federation_admin {
        return Ok(true);
    }
    let found: Option<i64> = on_tx!(tx, c => sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM organisation_managers WHERE organisation_id = $1 AND person_id = $2")
        .bind(organisation_id).bind(actor.person_id).fetch_optional(c).await)?;
    Ok(found.is_some())
}

// ---------------------------------------------------------------------------------------
// The console: which organisations an administrator acts on

/// Which organisations' things a console user may see and act on.
#[derive(Debug, Clone)]
pub enum AdminScope {
    Everything,
    Organisations(Vec<Uuid>),
}

impl AdminScope {
    pub fn includes(&self, organisation_id: Uuid) -> bool {
        match self {
            AdminScope::Everything => true,
            AdminScope::Organisations(ids) => ids.contains(&organisation_id),
        }
    }

    /// The organisations as a JSON array, for `json_each` / `jsonb_array_elements_text`
    /// filters; `None` when everything is in scope.
    pub fn as_json(&self) -> Option<String> {
        match self {
            AdminScope::Everything => None,
            AdminScope::Organisations(ids) => Some(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())),
        }
    }
}

pub fn not_yours() -> ApiError {
    ApiError::not_found(
        ErrorCode::NotFound,
        "Cette page n'existe pas ou ne vous est pas ouverte. / This page does not exist or is not open to you.",
    )
}

/// SQL that keeps rows whose `column` is one of the organisations in the JSON array bound
/// at `$param` (or every row when it is bound NULL): see [`AdminScope::as_json`].
pub fn in_scope(tx: &Tx, column: &str, param: usize) -> String {
    tx.in_id_set_or_all(column, param)
}
