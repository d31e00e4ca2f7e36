//! Web Push (DESIGN.md §6): the server's VAPID key, devices' subscriptions, and the outbox
//! of deliveries that [`sender`] sends.
//!
//! - The VAPID key pair is created on first start and kept in the database (`settings`),
//!   never in the repository or the logs; `GET /v1/push/key` serves the public half.
//! - A subscription belongs to the session that registered it: signing out removes it,
//!   and a revoked or expired session receives nothing.
//! - [`enqueue`] writes one delivery per device of a person in the caller's transaction,
//!   so a delivery exists if and only if its cause was committed.

pub mod encryption;
pub mod endpoints;
pub mod sender;

use axum::extract::State;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use fabrique_wire::error::ErrorBody;
use fabrique_wire::notifications::{ENDPOINT_MAX, LABEL_MAX, PushKey, PushSubscription, PushSubscriptionRequest};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::{Column, Db, Tx, rows_json};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{Json, Path};
use crate::{AppState, exec, fields, on_tx};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(public_key))
        .routes(routes!(subscribe, my_subscriptions))
        .routes(routes!(unsubscribe))
}

const PRIVATE_KEY: &str = "vapid_private_key";
const PUBLIC_KEY: &str = "vapid_public_key";
/// How long a push service keeps a delivery for an offline device.
pub const TTL_SECONDS: i64 = 24 * 3600;
/// Devices one person may register; registering one more forgets the oldest.
const SUBSCRIPTIONS_MAX: usize = 20;

/// The VAPID key pair: (private, public), raw and base64url. Created once, by whichever
/// instance starts first (the others read it).
pub async fn vapid_keys(db: &Db) -> ApiResult<(String, String)> {
    let mut tx = db.begin_write().await?;
    let private: Option<String> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(PRIVATE_KEY).fetch_optional(c).await)?;
    let private = match private {
        Some(key) => key,
        None => {
            let key = URL_SAFE_NO_PAD.encode(jwt_simple::prelude::ES256KeyPair::generate().to_bytes());
            exec!(
                &mut tx,
                sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                    .bind(PRIVATE_KEY)
                    .bind(&key)
            )?;
            on_tx!(&mut tx, c => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1").bind(PRIVATE_KEY).fetch_one(c).await)?
        }
    };
    let builder = web_push::VapidSignatureBuilder::from_base64_no_sub(&private)
        .map_err(|e| ApiError::internal(format!("the stored VAPID key is not usable: {e}")))?;
    let public = URL_SAFE_NO_PAD.encode(builder.get_public_key());
    exec!(
        &mut tx,
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        .bind(PUBLIC_KEY)
        .bind(&public)
    )?;
    tx.commit().await?;
    Ok((private, public))
}

/// The server's VAPID public key: a device subscribes with it.
#[utoipa::path(get, path = "/v1/push/key", tag = "push", security(("bearer" = [])),
    responses((status = 200, body = PushKey), (status = 401, body = ErrorBody), (status = 503, body = ErrorBody)))]
async fn public_key(State(state): State<AppState>, AuthUser(_actor): AuthUser) -> ApiResult<Json<PushKey>> {
    let mut tx = state.db.begin_read().await?;
    let key: Option<String> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(PUBLIC_KEY).fetch_optional(c).await)?;
    tx.commit().await?;
    let public_key = key.ok_or_else(|| {
        ApiError::client(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::PushNotReady,
            "Notifications are not ready yet: try again soon.",
        )
    })?;
    Ok(Json(PushKey { public_key }))
}

fn decode_key(field: &'static str, text: &str, length: usize, first: Option<u8>) -> ApiResult<()> {
    let bytes = URL_SAFE_NO_PAD.decode(text.trim_end_matches('=')).or_else(|_| URL_SAFE.decode(text));
    match bytes {
        Ok(bytes) if bytes.len() == length && first.is_none_or(|f| bytes[0] == f) => Ok(()),
        _ => Err(ApiError::invalid(ErrorCode::InvalidField, format!("`{field}` is not a key of this subscription."))
            .with_details(serde_json::json!({ "field": field }))),
    }
}

/// A push endpoint the server may send to (see [`endpoints`]); every refusal reads the same.
async fn check_endpoint(endpoint: &str, rule: endpoints::EndpointRule) -> ApiResult<()> {
    let refused = || {
        ApiError::invalid(ErrorCode::InvalidField, "The push endpoint is not a public HTTPS address.")
            .with_details(serde_json::json!({ "field": "endpoint" }))
    };
    if endpoint.len() > ENDPOINT_MAX {
        return Err(refused());
    }
    endpoints::check(endpoint, rule).await.map(|_| ()).map_err(|_| refused())
}

/// Registers this device for notifications (again: the same endpoint is updated). An
/// endpoint registered by someone else is refused: it moves only once they sign out on it.
#[utoipa::path(post, path = "/v1/push/subscriptions", tag = "push", security(("bearer" = [])), request_body = PushSubscriptionRequest,
    responses((status = 201, body = PushSubscription), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 409, description = "`push_endpoint_taken`: another person receives notifications at this endpoint", body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn subscribe(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Json(request): Json<PushSubscriptionRequest>,
) -> ApiResult<(StatusCode, Json<PushSubscription>)> {
    check_endpoint(&request.endpoint, state.settings.push_endpoints).await?;
    decode_key("p256dh", &request.p256dh, 65, Some(4))?;
    decode_key("auth", &request.auth, 16, None)?;
    let label = fields::text("label", &request.label, LABEL_MAX, fields::Presence::Optional, fields::Lines::One)?;
    let now = Utc::now();
    let mut tx = state.db.begin_write().await?;
    // The same person again (a new session on the same device) updates the row; someone
    // else's endpoint is never moved silently.
    let registered: Option<(Uuid, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "INSERT INTO push_subscriptions (id, person_id, session_hash, endpoint, p256dh, auth, label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (endpoint) DO UPDATE SET session_hash = excluded.session_hash, \
             p256dh = excluded.p256dh, auth = excluded.auth, label = excluded.label \
         WHERE push_subscriptions.person_id = excluded.person_id \
         RETURNING id, created_at")
        .bind(Uuid::now_v7()).bind(actor.person_id).bind(actor.session_hash()).bind(&request.endpoint)
        .bind(&request.p256dh).bind(&request.auth).bind(&label).bind(now)
        .fetch_optional(c).await)?;
    let (id, created_at) = registered.ok_or_else(|| {
        ApiError::conflict(
            ErrorCode::PushEndpointTaken,
            "Another person receives notifications on this device: they must sign out on it first.",
        )
    })?;
    // The oldest devices beyond the bound are forgotten.
    let devices: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
        "SELECT id FROM push_subscriptions WHERE person_id = $1 ORDER BY created_at DESC, id DESC")
        .bind(actor.person_id).fetch_all(c).await)?;
    for old in devices.into_iter().skip(SUBSCRIPTIONS_MAX) {
        forget(&mut tx, old, now).await?;
    }
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(PushSubscription { id, label, created_at })))
}

/// The devices that receive my notifications.
#[utoipa::path(get, path = "/v1/push/subscriptions", tag = "push", security(("bearer" = [])),
    responses((status = 200, body = Vec<PushSubscription>), (status = 401, body = ErrorBody)))]
async fn my_subscriptions(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
) -> ApiResult<Json<Vec<PushSubscription>>> {
    let mut tx = state.db.begin_read().await?;
    let rows: Vec<(Uuid, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, label, created_at FROM push_subscriptions WHERE person_id = $1 ORDER BY created_at, id")
        .bind(actor.person_id).fetch_all(c).await)?;
    tx.commit().await?;
    Ok(Json(rows.into_iter().map(|(id, label, created_at)| PushSubscription { id, label, created_at }).collect()))
}

/// Stops notifications to one of my devices.
#[utoipa::path(delete, path = "/v1/push/subscriptions/{id}", tag = "push", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn unsubscribe(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<StatusCode> {
    let mut tx = state.db.begin_write().await?;
    let mine: Option<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT id FROM push_subscriptions WHERE id = $1 AND person_id = $2")
        .bind(id).bind(actor.person_id).fetch_optional(c).await)?;
    let id = mine
        .ok_or_else(|| ApiError::not_found(ErrorCode::NotFound, "This device does not receive your notifications."))?;
    forget(&mut tx, id, Utc::now()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a subscription; what still waited for it is not sent.
pub async fn forget(tx: &mut Tx, subscription_id: Uuid, now: DateTime<Utc>) -> ApiResult<()> {
    exec!(
        tx,
        sqlx::query(
            "UPDATE push_deliveries SET state = 'gone', finished_at = $1 \
        WHERE subscription_id = $2 AND state IN ('waiting', 'sending')"
        )
        .bind(now)
        .bind(subscription_id)
    )?;
    exec!(tx, sqlx::query("DELETE FROM push_subscriptions WHERE id = $1").bind(subscription_id))?;
    Ok(())
}

/// At sign-out: the session's devices stop receiving notifications.
pub async fn forget_session(tx: &mut Tx, session_hash: &[u8]) -> ApiResult<()> {
    let ids: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM push_subscriptions WHERE session_hash = $1")
        .bind(session_hash).fetch_all(c).await)?;
    let now = Utc::now();
    for id in ids {
        forget(tx, id, now).await?;
    }
    Ok(())
}

/// How a push is to be sent: the push service's treatment of it, and when it may leave.
pub struct Delivery<'a> {
    /// Pushes with the same topic replace each other at the push service while waiting.
    pub topic: Option<&'a str>,
    /// `very-low`, `low`, `normal` or `high` (RFC 8030 §5.3).
    pub urgency: &'a str,
    /// Not sent before (the end of the person's quiet hours).
    pub not_before: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

/// For each (person, payload): one delivery to each of the person's devices whose session
/// is still valid, in one statement.
pub async fn enqueue_many(tx: &mut Tx, rows: &[(Uuid, &str)], delivery: &Delivery<'_>) -> ApiResult<()> {
    let source = tx.json_rows(6, &[("person", Column::Uuid), ("payload", Column::Text)]);
    let sql = format!(
        "INSERT INTO push_deliveries (subscription_id, endpoint, p256dh, auth, payload, topic, urgency, ttl, state, not_before, created_at) \
         SELECT s.id, s.endpoint, s.p256dh, s.auth, w.payload, $1, $2, $3, 'waiting', $4, $5 FROM {source} AS w \
         JOIN push_subscriptions s ON s.person_id = w.person JOIN sessions x ON x.token_hash = s.session_hash \
         WHERE x.revoked_at IS NULL AND x.expires_at > $5"
    );
    exec!(
        tx,
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(delivery.topic)
            .bind(delivery.urgency)
            .bind(TTL_SECONDS)
            .bind(delivery.not_before)
            .bind(delivery.now)
            .bind(rows_json(&rows))
    )?;
    Ok(())
}
