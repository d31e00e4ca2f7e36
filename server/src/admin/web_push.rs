//! Push and mail health: how many devices are subscribed, and what each outbox (pushes,
//! mails) sent, gave up on and still holds over the last day. Federation administrators only
//! (it is the whole server's).

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::{Duration, Utc};

use super::session::{Admin, Notice};
use super::{Frame, PageResult, render};
use crate::{AppState, on_tx};

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/push", get(health))
}

#[derive(Template)]
#[template(path = "admin/push.html")]
struct PushPage {
    frame: Frame,
    subscriptions: i64,
    people: i64,
    sent: i64,
    failed: i64,
    waiting: i64,
    oldest_waiting_minutes: Option<i64>,
    /// `None`: this server sends no mail.
    mail: Option<MailHealth>,
}

struct MailHealth {
    sent: i64,
    failed: i64,
    waiting: i64,
    oldest_waiting_minutes: Option<i64>,
}

async fn health(State(state): State<AppState>, admin: Admin, notice: Notice) -> PageResult {
    admin.require_federation_admin()?;
    let since = Utc::now() - Duration::days(1);
    let mut tx = state.db.begin_read().await?;
    let (subscriptions, people): (i64, i64) = on_tx!(&mut tx, c => sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT person_id) FROM push_subscriptions").fetch_one(c).await)?;
    let sent: i64 = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM push_deliveries WHERE state = 'sent' AND finished_at >= $1").bind(since).fetch_one(c).await)?;
    let failed: i64 = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM push_deliveries WHERE state IN ('failed', 'gone') AND finished_at >= $1").bind(since).fetch_one(c).await)?;
    let waiting: i64 = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM push_deliveries WHERE state IN ('waiting', 'sending')").fetch_one(c).await)?;
    let oldest: Option<chrono::DateTime<Utc>> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT MIN(created_at) FROM push_deliveries WHERE state IN ('waiting', 'sending')").fetch_one(c).await)?;
    tx.commit().await?;
    let mail = match state.settings.mail {
        Some(_) => {
            let health = crate::mail::sender::health(&state.db, Utc::now()).await?;
            Some(MailHealth {
                sent: health.sent,
                failed: health.failed,
                waiting: health.waiting,
                oldest_waiting_minutes: health.oldest_waiting.map(|at| (Utc::now() - at).num_minutes()),
            })
        }
        None => None,
    };
    Ok(render(&PushPage {
        frame: admin.frame("push", notice),
        subscriptions,
        people,
        sent,
        failed,
        waiting,
        oldest_waiting_minutes: oldest.map(|at| (Utc::now() - at).num_minutes()),
        mail,
    }))
}
