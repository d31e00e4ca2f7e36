//! The push sender: claims due deliveries from the outbox, encrypts and sends each one to
//! its push service (RFC 8030, aes128gcm RFC 8291, VAPID RFC 8292), and records what came
//! of it.
//!
//! - A claim marks a batch `sending` until `claimed_until` in one statement (on PostgreSQL
//!   with `FOR UPDATE SKIP LOCKED`): two instances never hold the same delivery.
//! - A stopping server finishes the batch it holds before it exits, so a restart neither
//!   sends a delivery twice nor loses one. Outcomes are recorded as they come (one
//!   transaction per `concurrency` of them), so a crash leaves only the deliveries in
//!   flight or not yet recorded claimed; they are sent again once their claim expires (a
//!   push service may then have one twice: the payload's notification id lets the app
//!   show it once).
//! - 201: sent. 404/410: the subscription is gone (removed, with what still waited for it).
//!   429 and 5xx, timeouts, connection errors: sent again later, after `Retry-After` when
//!   given, else with exponential backoff; given up after [`SenderOptions::max_attempts`].
//! - The VAPID signature is made once per push-service origin and reused for an hour.
//! - One endpoint never delays another person's push ([`Sender::run`]): sends run
//!   concurrently, each with its own timeout, and new deliveries are claimed as soon as a
//!   slot frees instead of after a whole batch; one push-service origin holds at most
//!   [`SenderOptions::per_origin`] slots, and a delivery to an origin that is full waits in
//!   the outbox a moment instead of in a slot. Endpoints are checked again before each send
//!   ([`super::endpoints`]): an address that now points inside is never connected to.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use futures::StreamExt;
use uuid::Uuid;
use web_push::{PartialVapidSignatureBuilder, SubscriptionInfo};

use super::endpoints::{self, EndpointRule};
use crate::db::{Db, Tx, rows_json};
use crate::error::{ApiError, ApiResult};
use crate::{exec, on_tx};

#[derive(Debug, Clone)]
pub struct SenderOptions {
    /// Who runs this server, for push services (`sub` claim): a `mailto:` or `https:` URL.
    pub contact: String,
    /// Deliveries claimed at once.
    pub batch: i64,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Requests in flight at once to one push-service origin (scheme, host, port).
    pub per_origin: usize,
    /// Attempts before a delivery is given up.
    pub max_attempts: i64,
    /// Per request.
    pub timeout: Duration,
    /// Pause when nothing is due.
    pub idle: Duration,
    /// How long a claim holds; a claim older than this is taken to be from a sender that crashed.
    pub claim: Duration,
    /// Which endpoints may be sent to (HTTPS to public addresses, unless told otherwise).
    pub endpoints: EndpointRule,
}

impl Default for SenderOptions {
    fn default() -> Self {
        SenderOptions {
            contact: "mailto:admin@localhost".into(),
            batch: 500,
            concurrency: 128,
            per_origin: 64,
            max_attempts: 8,
            timeout: Duration::from_secs(10),
            idle: Duration::from_millis(200),
            claim: Duration::from_secs(120),
            endpoints: EndpointRule::PublicOnly,
        }
    }
}

/// What one round of [`Sender::send_due`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub claimed: usize,
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub gone: usize,
}

pub struct Sender {
    db: Db,
    http: reqwest::Client,
    vapid: PartialVapidSignatureBuilder,
    /// Per push-service origin: the `Authorization` header and when it was signed.
    signatures: Mutex<HashMap<String, (String, Instant)>>,
    random: ring::rand::SystemRandom,
    options: SenderOptions,
}

/// Reuse a VAPID signature this long (it is valid 12 hours).
const SIGNATURE_REUSE: Duration = Duration::from_secs(3600);

#[derive(sqlx::FromRow)]
struct Claimed {
    id: i64,
    subscription_id: Uuid,
    endpoint: String,
    p256dh: String,
    auth: String,
    payload: String,
    topic: Option<String>,
    urgency: String,
    ttl: i64,
    attempts: i64,
}

enum Outcome {
    Sent,
    Gone,
    Retry { after: Option<Duration>, error: String },
    Failed(String),
}

impl Sender {
    /// Reads (or creates) the VAPID key.
    pub async fn new(db: Db, options: SenderOptions) -> ApiResult<Sender> {
        let (private, _) = super::vapid_keys(&db).await?;
        let vapid = web_push::VapidSignatureBuilder::from_base64_no_sub(&private)
            .map_err(|e| ApiError::internal(format!("the stored VAPID key is not usable: {e}")))?;
        let http = endpoints::client_builder(options.endpoints)
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .pool_max_idle_per_host(options.concurrency)
            .build()
            .map_err(|e| ApiError::internal(format!("cannot build the push HTTP client: {e}")))?;
        let random = ring::rand::SystemRandom::new();
        Ok(Sender { db, http, vapid, signatures: Mutex::new(HashMap::new()), random, options })
    }

    /// Sends until `stop` resolves; the sends under way are finished first.
    ///
    /// A pipeline rather than rounds: up to `concurrency` sends are in flight, each slot
    /// refilled from the outbox as soon as it frees, and outcomes are recorded as they come
    /// (those finished together in one transaction). A hanging endpoint holds its own slots
    /// until its timeout, never the others'.
    pub async fn run(self, stop: impl std::future::Future<Output = ()>) {
        tokio::pin!(stop);
        let this = &self;
        let mut in_flight = futures::stream::FuturesUnordered::new();
        let mut busy: HashMap<String, usize> = HashMap::new();
        let mut next_claim = tokio::time::Instant::now();
        let mut stopping = false;
        loop {
            let room = self.options.concurrency.saturating_sub(in_flight.len());
            if !stopping && room > 0 && tokio::time::Instant::now() >= next_claim {
                match self.claim(Utc::now(), room as i64).await {
                    Ok(claimed) => {
                        // Nothing more is due: look again after a pause.
                        next_claim = tokio::time::Instant::now()
                            + if claimed.len() < room { self.options.idle } else { Duration::ZERO };
                        let mut full = Vec::new();
                        for delivery in claimed {
                            let origin = origin_of(&delivery.endpoint);
                            let count = busy.entry(origin.clone()).or_default();
                            if *count >= self.options.per_origin {
                                full.push(delivery.id);
                                continue;
                            }
                            *count += 1;
                            in_flight.push(async move {
                                let outcome = this.send(&delivery).await;
                                (origin, delivery, outcome)
                            });
                        }
                        if let Err(error) = self.put_back(&full).await {
                            tracing::warn!(%error, "push deliveries could not be put back");
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "push sending failed");
                        next_claim = tokio::time::Instant::now() + Duration::from_secs(1);
                    }
                }
            }
            if in_flight.is_empty() && stopping {
                break;
            }
            let can_claim = !stopping && in_flight.len() < self.options.concurrency;
            tokio::select! {
                biased;
                _ = &mut stop, if !stopping => stopping = true,
                Some(first) = in_flight.next(), if !in_flight.is_empty() => {
                    let mut done = vec![first];
                    while let Some(Some(more)) = futures::FutureExt::now_or_never(in_flight.next()) {
                        done.push(more);
                    }
                    let mut outcomes = Vec::with_capacity(done.len());
                    for (origin, delivery, outcome) in done {
                        if let Some(count) = busy.get_mut(&origin) {
                            *count -= 1;
                            if *count == 0 {
                                busy.remove(&origin);
                            }
                        }
                        outcomes.push((delivery, outcome));
                    }
                    let mut round = Round::default();
                    if let Err(error) = self.record(outcomes, Utc::now(), &mut round).await {
                        // The claims lapse and the deliveries go again (the app shows each once).
                        tracing::warn!(%error, "push outcomes could not be recorded");
                    }
                }
                _ = tokio::time::sleep_until(next_claim), if can_claim => {}
            }
        }
    }

    /// Deliveries claimed for an origin that has no free slot go back to the outbox for a
    /// moment, without counting as an attempt.
    async fn put_back(&self, ids: &[i64]) -> ApiResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let later = Utc::now() + chrono::Duration::seconds(1);
        let mut tx = self.db.begin_write().await?;
        for id in ids {
            exec!(
                &mut tx,
                sqlx::query(
                    "UPDATE push_deliveries SET state = 'waiting', not_before = $1, \
                claimed_until = NULL, attempts = attempts - 1 WHERE id = $2 AND state = 'sending'"
                )
                .bind(later)
                .bind(id)
            )?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Claims the deliveries due at `now`, sends them, records the outcomes.
    pub async fn send_due(&self, now: DateTime<Utc>) -> ApiResult<Round> {
        let claimed = self.claim(now, self.options.batch).await?;
        let mut round = Round { claimed: claimed.len(), ..Round::default() };
        if claimed.is_empty() {
            return Ok(round);
        }
        // Outcomes are recorded as they come, a few at a time: a crash then resends only
        // what was in flight or not yet recorded, not the whole batch.
        let mut finished = futures::stream::iter(claimed)
            .map(|delivery| async move {
                let outcome = self.send(&delivery).await;
                (delivery, outcome)
            })
            .buffer_unordered(self.options.concurrency)
            .chunks(self.options.concurrency.max(1));
        while let Some(outcomes) = finished.next().await {
            self.record(outcomes, now, &mut round).await?;
        }
        Ok(round)
    }

    /// Writes what came of some deliveries, in one transaction.
    async fn record(
        &self,
        outcomes: Vec<(Claimed, Outcome)>,
        finished: DateTime<Utc>,
        round: &mut Round,
    ) -> ApiResult<()> {
        let mut tx = self.db.begin_write().await?;
        let mut sent = Vec::new();
        for (delivery, outcome) in outcomes {
            match outcome {
                Outcome::Sent => sent.push(delivery.id),
                Outcome::Gone => {
                    round.gone += 1;
                    finish(
                        &mut tx,
                        delivery.id,
                        "gone",
                        Some("the push service no longer knows this device"),
                        finished,
                    )
                    .await?;
                    super::forget(&mut tx, delivery.subscription_id, finished).await?;
                }
                Outcome::Failed(error) => {
                    round.failed += 1;
                    finish(&mut tx, delivery.id, "failed", Some(&error), finished).await?;
                }
                Outcome::Retry { after, error } if delivery.attempts < self.options.max_attempts => {
                    round.retried += 1;
                    let wait = after.unwrap_or_else(|| backoff(delivery.attempts)).min(Duration::from_secs(6 * 3600));
                    let not_before = finished + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
                    exec!(
                        &mut tx,
                        sqlx::query(
                            "UPDATE push_deliveries SET state = 'waiting', not_before = $1, \
                        claimed_until = NULL, last_error = $2 WHERE id = $3 AND state = 'sending'"
                        )
                        .bind(not_before)
                        .bind(&error)
                        .bind(delivery.id)
                    )?;
                }
                Outcome::Retry { error, .. } => {
                    round.failed += 1;
                    finish(&mut tx, delivery.id, "failed", Some(&format!("gave up: {error}")), finished).await?;
                }
            }
        }
        round.sent += sent.len();
        finish_sent(&mut tx, &sent, finished).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn claim(&self, now: DateTime<Utc>, limit: i64) -> ApiResult<Vec<Claimed>> {
        let until = now + chrono::Duration::from_std(self.options.claim).unwrap_or(chrono::Duration::minutes(2));
        let mut tx = self.db.begin_write().await?;
        let due = "SELECT id FROM push_deliveries WHERE state IN ('waiting', 'sending') AND not_before <= $2 \
                   AND (state = 'waiting' OR claimed_until < $2) ORDER BY not_before, id LIMIT $3";
        let sql = format!(
            "UPDATE push_deliveries SET state = 'sending', claimed_until = $1, attempts = attempts + 1 \
             WHERE id IN ({due}{}) \
             RETURNING id, subscription_id, endpoint, p256dh, auth, payload, topic, urgency, ttl, attempts",
            if tx.is_postgres() { " FOR UPDATE SKIP LOCKED" } else { "" }
        );
        let claimed: Vec<Claimed> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(until).bind(now).bind(limit).fetch_all(c).await)?;
        tx.commit().await?;
        Ok(claimed)
    }

    /// The VAPID `Authorization` header for a push-service origin, signed at most once an hour.
    fn authorization(&self, info: &SubscriptionInfo, origin: &str) -> Result<String, String> {
        let mut cache = self.signatures.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((header, made)) = cache.get(origin)
            && made.elapsed() < SIGNATURE_REUSE
        {
            return Ok(header.clone());
        }
        let mut builder = self.vapid.clone().add_sub_info(info);
        builder.add_claim("sub", self.options.contact.as_str());
        builder.add_claim("aud", origin);
        let signature = builder.build().map_err(|e| format!("cannot sign for {origin}: {e}"))?;
        let header = format!("vapid t={}, k={}", signature.auth_t, URL_SAFE_NO_PAD.encode(&signature.auth_k));
        cache.insert(origin.to_owned(), (header.clone(), Instant::now()));
        Ok(header)
    }

    async fn send(&self, delivery: &Claimed) -> Outcome {
        // Registered before the endpoint rules, or under a looser setting: never sent to.
        if endpoints::check_before_send(&delivery.endpoint, self.options.endpoints).is_err() {
            return Outcome::Gone;
        }
        let request = match self.prepare(delivery) {
            Ok(request) => request,
            Err(error) => return Outcome::Failed(error),
        };
        let outgoing = self
            .http
            .post(request.url)
            .header("TTL", delivery.ttl.clamp(0, i64::from(u32::MAX)).to_string())
            .header("Urgency", urgency(&delivery.urgency))
            .header(reqwest::header::CONTENT_ENCODING, "aes128gcm")
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .header(reqwest::header::AUTHORIZATION, request.authorization);
        let outgoing = match &delivery.topic {
            Some(topic) => outgoing.header("Topic", topic.as_str()),
            None => outgoing,
        };
        let response = match outgoing.body(request.body).send().await {
            Ok(response) => response,
            // Its name now resolves only inside: never to be sent to, like a 410.
            Err(error) if refused_by_rule(&error) => return Outcome::Gone,
            Err(error) => {
                return Outcome::Retry { after: None, error: format!("no answer from the push service: {error}") };
            }
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        match status {
            200..=299 => Outcome::Sent,
            404 | 410 => Outcome::Gone,
            429 | 500..=599 => Outcome::Retry { after: retry_after, error: format!("push service answered {status}") },
            413 => Outcome::Failed("the push service refused the size of the message".into()),
            _ => {
                let body = response.text().await.unwrap_or_default();
                Outcome::Failed(format!(
                    "push service answered {status}: {}",
                    body.chars().take(200).collect::<String>()
                ))
            }
        }
    }

    /// The encrypted body and the signature for one delivery.
    fn prepare(&self, delivery: &Claimed) -> Result<Prepared, String> {
        let url = reqwest::Url::parse(&delivery.endpoint).map_err(|e| format!("bad endpoint: {e}"))?;
        let origin = url.origin().ascii_serialization();
        let info = SubscriptionInfo::new(delivery.endpoint.as_str(), delivery.p256dh.as_str(), delivery.auth.as_str());
        let authorization = self.authorization(&info, &origin)?;
        let decode = |text: &str| URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).or_else(|_| URL_SAFE.decode(text));
        let device_key = decode(&delivery.p256dh).map_err(|_| "the device's key is not base64url".to_owned())?;
        let auth = decode(&delivery.auth).map_err(|_| "the device's secret is not base64url".to_owned())?;
        let body = super::encryption::encrypt(&self.random, delivery.payload.as_bytes(), &device_key, &auth)
            .map_err(|e| format!("cannot encrypt the message: {e}"))?;
        Ok(Prepared { url, authorization, body })
    }
}

/// Whether a send failed because the endpoint's addresses are all refused by the rule.
fn refused_by_rule(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if error.is::<endpoints::Refused>() {
            return true;
        }
        cause = error.source();
    }
    false
}

/// Scheme, host and port: what a push service is, for the bound on slots per service.
fn origin_of(endpoint: &str) -> String {
    reqwest::Url::parse(endpoint).map(|u| u.origin().ascii_serialization()).unwrap_or_default()
}

/// The Urgency header values of RFC 8030 §5.3; anything else is sent as normal.
fn urgency(stored: &str) -> &'static str {
    match stored {
        "very-low" => "very-low",
        "low" => "low",
        "high" => "high",
        _ => "normal",
    }
}

/// A request ready to go.
struct Prepared {
    url: reqwest::Url,
    authorization: String,
    body: Vec<u8>,
}

async fn finish(tx: &mut Tx, id: i64, state: &str, error: Option<&str>, at: DateTime<Utc>) -> ApiResult<()> {
    exec!(
        tx,
        sqlx::query(
            "UPDATE push_deliveries SET state = $1, finished_at = $2, claimed_until = NULL, \
        last_error = COALESCE($3, last_error) WHERE id = $4 AND state = 'sending'"
        )
        .bind(state)
        .bind(at)
        .bind(error)
        .bind(id)
    )?;
    Ok(())
}

/// The deliveries that went out, in one statement.
async fn finish_sent(tx: &mut Tx, ids: &[i64], at: DateTime<Utc>) -> ApiResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE push_deliveries SET state = 'sent', finished_at = $1, claimed_until = NULL \
         WHERE state = 'sending' AND id IN ({})",
        tx.number_set(2)
    );
    exec!(tx, sqlx::query(sqlx::AssertSqlSafe(sql)).bind(at).bind(rows_json(&ids)))?;
    Ok(())
}

/// 30 s, 1 min, 2 min, … at most an hour.
fn backoff(attempts: i64) -> Duration {
    let exponent = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    Duration::from_secs(30 * 2u64.pow(exponent)).min(Duration::from_secs(3600))
}

/// `Retry-After` as seconds or as an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = DateTime::parse_from_rfc2822(value.trim()).ok()?;
    (date.with_timezone(&Utc) - Utc::now()).to_std().ok()
}

/// Forgets finished deliveries older than `before` (push health reads the last day).
pub async fn forget_finished(db: &Db, before: DateTime<Utc>) -> ApiResult<u64> {
    let mut tx = db.begin_write().await?;
    let gone = exec!(
        &mut tx,
        sqlx::query("DELETE FROM push_deliveries WHERE finished_at IS NOT NULL AND finished_at < $1").bind(before)
    )?;
    tx.commit().await?;
    Ok(gone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_as_seconds_or_as_a_date() {
        assert_eq!(parse_retry_after("120"), Some(Duration::from_secs(120)));
        let later = (Utc::now() + chrono::Duration::seconds(90)).to_rfc2822();
        let parsed = parse_retry_after(&later).unwrap();
        assert!(parsed > Duration::from_secs(80) && parsed <= Duration::from_secs(90));
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_grows_and_is_bounded() {
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(50), Duration::from_secs(3600));
    }
}
