//! Who is asking, at the bottom of the house: the signed-in [`Actor`] behind a request, the
//! [`AuthUser`] extractor every signed-in endpoint takes (but the pull, which checks the
//! session in its own first statement: [`UncheckedToken`], [`SESSION_PERSON`]), the
//! caller's address ([`ClientIp`]), and the tokens (random secrets stored as their SHA-256
//! only). Accounts, areas and the console all ask here; nothing here asks them.

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
        let token = bearer(&parts.headers).ok_or_else(ApiError::unauthorized)?;
        authenticate(state, token).await?.map(AuthUser).ok_or_else(ApiError::unauthorized)
    }
}

/// Extractor for the endpoints that check the session themselves: the request's bearer token,
/// not yet checked, or a 401 when there is none. The pull (called by every device at every
/// poke: the check would otherwise be a read of its own) reads the session with
/// [`SESSION_PERSON`] in its snapshot and answers a 401 when it finds no row, as [`AuthUser`]
/// would have; the live channel checks it ([`UncheckedToken::check`]) once it has its turn at
/// the database ([`crate::db::Turns`]).
pub struct UncheckedToken {
    hash: Vec<u8>,
}

impl UncheckedToken {
    /// The token's hash, bound as `$1` of [`SESSION_PERSON`].
    pub fn hash(&self) -> &[u8] {
        &self.hash
    }

    /// The person behind the token if their session lets them in, as [`AuthUser`] would
    /// find them; a 401 otherwise.
    pub async fn check(self, state: &AppState) -> ApiResult<Actor> {
        authenticate_hash(state, self.hash).await?.ok_or_else(ApiError::unauthorized)
    }
}

impl FromRequestParts<AppState> for UncheckedToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &AppState) -> Result<Self, Self::Rejection> {
        let token = bearer(&parts.headers).ok_or_else(ApiError::unauthorized)?;
        Ok(UncheckedToken { hash: hash_token(token) })
    }
}

/// The token of an `Authorization: Bearer …` header, if the request has one.
pub fn bearer(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
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

/// The person behind a session that still lets them in (not signed out, not expired, the
/// person not deactivated), with `$1` the token's hash and `$2` the time now: the one
/// definition of a valid session, read on its own by [`authenticate`] and [`session_alive`],
/// and within the pull's first statement.
pub const SESSION_PERSON: &str = "SELECT p.id AS person_id, p.organisation_id, \
        p.platform_role = 'federation_admin' AS is_federation_admin, p.last_seen_at, \
        s.expires_at AS session_expires_at \
     FROM sessions s JOIN people p ON p.id = s.person_id \
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND p.deactivated_at IS NULL";

/// A row of [`SESSION_PERSON`].
#[derive(Debug, Clone, Copy, sqlx::FromRow)]
pub struct SessionPerson {
    pub person_id: Uuid,
    organisation_id: Uuid,
    is_federation_admin: bool,
    last_seen_at: Option<DateTime<Utc>>,
    session_expires_at: DateTime<Utc>,
}

impl SessionPerson {
    fn actor(self, token_hash: Vec<u8>) -> Actor {
        Actor {
            person_id: self.person_id,
            organisation_id: self.organisation_id,
            is_federation_admin: self.is_federation_admin,
            token_hash,
        }
    }

    /// Notes when the person last used the app, to the hour (digests go to those who did
    /// not): one small write per person per hour, not one per request. Answers whether it
    /// wrote.
    pub async fn note_seen(&self, db: &Db, now: DateTime<Utc>) -> ApiResult<bool> {
        if self.last_seen_at.is_none_or(|at| at < now - Duration::hours(1)) {
            let mut tx = db.begin_write().await?;
            exec!(
                &mut tx,
                sqlx::query("UPDATE people SET last_seen_at = $1 WHERE id = $2").bind(now).bind(self.person_id)
            )?;
            tx.commit().await?;
            return Ok(true);
        }
        Ok(false)
    }
}

/// The person behind `token` if their session lets them in ([`SESSION_PERSON`]), read from
/// the database or remembered from a request a moment ago ([`Sessions`]).
pub async fn authenticate(state: &AppState, token: &str) -> ApiResult<Option<Actor>> {
    authenticate_hash(state, hash_token(token)).await
}

/// [`authenticate`] for a token already hashed ([`hash_token`]).
async fn authenticate_hash(state: &AppState, token_hash: Vec<u8>) -> ApiResult<Option<Actor>> {
    let now = Utc::now();
    // Read before the session: a session that ends while it is read is not remembered.
    let ended = state.pokes.sessions_ended();
    let person = match state.sessions.recall(&token_hash, ended, now) {
        Some(person) => person,
        None => {
            let row: Option<SessionPerson> = on_db!(&state.db, c => sqlx::query_as(SESSION_PERSON)
                .bind(&token_hash).bind(now).fetch_optional(c).await)?;
            let Some(person) = row else {
                return Ok(None);
            };
            state.sessions.remember(&token_hash, &person, ended);
            person
        }
    };
    if person.note_seen(&state.db, now).await? {
        state.sessions.seen(&token_hash, now);
    }
    Ok(Some(person.actor(token_hash)))
}

/// Sessions this instance found valid a moment ago, so that a request does not read its
/// session again: on SQLite that read is a round trip to a reader's thread of its own, a
/// fifth of the server's CPU for a post (measured: 65–100 µs of 370–430). SQLite only: its
/// writes are all this process's, which counts those that end sessions
/// ([`crate::pokes::Pokes::sessions_ended`], counted before their answer); on PostgreSQL
/// another instance's would reach this one a moment late, and every request reads its session.
///
/// A session is recalled only if no session ended anywhere since it was read (any sign-out,
/// password change, closed account or federation role changed forgets them all: rare beside
/// requests), it has not expired, and it was read less than [`REMEMBERED`] ago.
pub struct Sessions {
    known: Option<quick_cache::sync::Cache<[u8; 32], Known>>,
}

/// How long a session read is trusted at most, whatever else holds.
pub const REMEMBERED: std::time::Duration = std::time::Duration::from_secs(300);

/// Sessions remembered at most (about 100 bytes each, nothing on the heap but the table).
const CAPACITY: usize = 10_000;

#[derive(Clone)]
struct Known {
    person: SessionPerson,
    /// [`crate::pokes::Pokes::sessions_ended`] when the session was read.
    ended: u64,
    read_at: std::time::Instant,
}

impl Sessions {
    pub fn for_db(db: &Db) -> Sessions {
        Sessions { known: db.is_sqlite().then(|| quick_cache::sync::Cache::new(CAPACITY)) }
    }

    fn recall(&self, token_hash: &[u8], ended: u64, now: DateTime<Utc>) -> Option<SessionPerson> {
        let known = self.known.as_ref()?.get(&key(token_hash)?)?;
        let valid =
            known.ended == ended && known.person.session_expires_at > now && known.read_at.elapsed() < REMEMBERED;
        valid.then_some(known.person)
    }

    fn remember(&self, token_hash: &[u8], person: &SessionPerson, ended: u64) {
        if let (Some(known), Some(key)) = (&self.known, key(token_hash)) {
            let read_at = std::time::Instant::now();
            known.insert(key, Known { person: *person, ended, read_at });
        }
    }

    /// The person was just noted as seen (`SessionPerson::note_seen`).
    fn seen(&self, token_hash: &[u8], now: DateTime<Utc>) {
        if let (Some(known), Some(key)) = (&self.known, key(token_hash))
            && let Some(mut entry) = known.get(&key)
        {
            entry.person.last_seen_at = Some(now);
            known.insert(key, entry);
        }
    }
}

/// A token's hash as the key it is remembered under ([`hash_token`]: always 32 bytes).
fn key(token_hash: &[u8]) -> Option<[u8; 32]> {
    token_hash.try_into().ok()
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
    let alive: Option<SessionPerson> = on_db!(db, c => sqlx::query_as(SESSION_PERSON)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn session(expires_at: DateTime<Utc>) -> SessionPerson {
        SessionPerson {
            person_id: Uuid::new_v4(),
            organisation_id: Uuid::new_v4(),
            is_federation_admin: false,
            last_seen_at: None,
            session_expires_at: expires_at,
        }
    }

    #[test]
    fn a_session_is_recalled_only_while_no_session_ended_and_it_has_not_expired() {
        let sessions = Sessions { known: Some(quick_cache::sync::Cache::new(10)) };
        let now = Utc::now();
        sessions.remember(&[1; 32], &session(now + Duration::days(30)), 7);
        sessions.remember(&[2; 32], &session(now + Duration::minutes(1)), 7);

        assert!(sessions.recall(&[1; 32], 7, now).is_some());
        assert!(sessions.recall(&[1; 32], 8, now).is_none(), "a session ended since it was read");
        assert!(sessions.recall(&[2; 32], 7, now).is_some());
        assert!(sessions.recall(&[2; 32], 7, now + Duration::minutes(2)).is_none(), "it expired since");
        assert!(sessions.recall(&[3; 32], 7, now).is_none());
    }

    #[test]
    fn what_is_remembered_of_a_session_learns_that_its_person_was_just_seen() {
        let sessions = Sessions { known: Some(quick_cache::sync::Cache::new(10)) };
        let now = Utc::now();
        sessions.remember(&[4; 32], &session(now + Duration::days(30)), 0);

        sessions.seen(&[4; 32], now);

        let recalled = sessions.recall(&[4; 32], 0, now).unwrap();
        assert_eq!(recalled.last_seen_at, Some(now));
    }
}
