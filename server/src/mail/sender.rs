//! The mail sender: claims due mails from the outbox, hands each to the SMTP server, and
//! records what came of it at once (one small transaction per mail), so a crash mails again
//! at most those that were in flight (`parallel` of them).
//!
//! - A claim marks a few mails `sending` until `claimed_until` in one statement (on
//!   PostgreSQL with `FOR UPDATE SKIP LOCKED`): two instances never hold the same mail; a
//!   claim left by a crashed sender lapses and the mail goes again.
//! - Accepted by the SMTP server: `sent`, and the message (which may hold a one-time link) is
//!   dropped. A permanent refusal (5xx: no such mailbox): `failed` at once. Anything else (4xx,
//!   the server unreachable, a timeout): again later with exponential backoff, given up after
//!   [`MailSenderOptions::max_attempts`].
//! - Several people's mails go at once (`parallel`, over the SMTP transport's pool of
//!   connections): a message to a whole federation does not leave at the pace of one
//!   conversation with the SMTP server. One person's mails go one after the other, in the order
//!   written (a newer reset link after the one it replaces).
//! - A stopping server finishes the mails in hand before it exits.

use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::address::Envelope;
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Tokio1Executor};

use super::MailConfig;
use crate::db::Db;
use crate::error::ApiResult;
use crate::{exec, on_tx};

#[derive(Debug, Clone)]
pub struct MailSenderOptions {
    /// Mails claimed at once.
    pub batch: i64,
    /// Attempts before a mail is given up.
    pub max_attempts: i64,
    /// Pause when nothing is due.
    pub idle: Duration,
    /// How long a claim holds; older, it is taken to be from a sender that crashed.
    pub claim: Duration,
    /// Mails handed to the SMTP server at once (each to a different person).
    pub parallel: usize,
}

impl Default for MailSenderOptions {
    fn default() -> Self {
        MailSenderOptions {
            batch: 20,
            max_attempts: 10,
            idle: Duration::from_millis(500),
            claim: Duration::from_secs(300),
            parallel: 4,
        }
    }
}

/// What one round of [`MailSender::send_due`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub claimed: usize,
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
}

pub struct MailSender {
    db: Db,
    config: MailConfig,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    options: MailSenderOptions,
}

#[derive(sqlx::FromRow)]
struct Claimed {
    id: i64,
    recipient: String,
    message: Option<Vec<u8>>,
    attempts: i64,
}

impl MailSender {
    pub fn new(db: Db, config: MailConfig, options: MailSenderOptions) -> Result<MailSender, String> {
        let transport = config.transport()?;
        Ok(MailSender { db, config, transport, options })
    }

    /// Sends until `stop` resolves; the mail in hand is finished first.
    pub async fn run(self, stop: impl std::future::Future<Output = ()>) {
        use futures::FutureExt;
        tokio::pin!(stop);
        loop {
            match self.send_due(Utc::now()).await {
                Ok(round) if round.claimed > 0 => {
                    if (&mut stop).now_or_never().is_some() {
                        break;
                    }
                    continue;
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "mail sending failed"),
            }
            tokio::select! {
                _ = &mut stop => break,
                _ = tokio::time::sleep(self.options.idle) => {}
            }
        }
    }

    /// Claims the mails due at `now` and sends them in waves: `parallel` people's at once, each
    /// person's in the order written; a wave's outcomes recorded together in one commit as soon
    /// as it ends (one sync to disk for the wave, not one per mail), so a crash sends again at
    /// most the wave that was in flight.
    pub async fn send_due(&self, now: DateTime<Utc>) -> ApiResult<Round> {
        let claimed = self.claim(now).await?;
        let mut round = Round { claimed: claimed.len(), ..Round::default() };
        let mut queues: Vec<std::collections::VecDeque<Claimed>> = Vec::new();
        for mail in claimed {
            match queues.iter_mut().find(|queue| queue[0].recipient == mail.recipient) {
                Some(queue) => queue.push_back(mail),
                None => queues.push(std::collections::VecDeque::from([mail])),
            }
        }
        loop {
            // The next mail of up to `parallel` people: never two for one person in a wave.
            let wave: Vec<Claimed> =
                queues.iter_mut().filter_map(|queue| queue.pop_front()).take(self.options.parallel.max(1)).collect();
            if wave.is_empty() {
                break;
            }
            queues.retain(|queue| !queue.is_empty());
            let outcomes = futures::future::join_all(wave.iter().map(|mail| self.send(mail))).await;
            for recorded in self.record(wave.iter().zip(outcomes)).await? {
                match recorded {
                    Recorded::Sent => round.sent += 1,
                    Recorded::Retried => round.retried += 1,
                    Recorded::Failed => round.failed += 1,
                }
            }
        }
        Ok(round)
    }

    async fn claim(&self, now: DateTime<Utc>) -> ApiResult<Vec<Claimed>> {
        let until = now + chrono::Duration::from_std(self.options.claim).unwrap_or(chrono::Duration::minutes(5));
        let mut tx = self.db.begin_write().await?;
        let due = "SELECT id FROM mail_outbox WHERE state IN ('waiting', 'sending') AND not_before <= $2 \
                   AND (state = 'waiting' OR claimed_until < $2) ORDER BY not_before, id LIMIT $3";
        let sql = format!(
            "UPDATE mail_outbox SET state = 'sending', claimed_until = $1, attempts = attempts + 1 \
             WHERE id IN ({due}{}) RETURNING id, recipient, message, attempts",
            if tx.is_postgres() { " FOR UPDATE SKIP LOCKED" } else { "" }
        );
        let mut claimed: Vec<Claimed> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(until).bind(now).bind(self.options.batch).fetch_all(c).await)?;
        tx.commit().await?;
        // In the order they were written (`RETURNING` follows no order): a newer link is
        // mailed after the one it replaces.
        claimed.sort_by_key(|mail| mail.id);
        Ok(claimed)
    }

    async fn send(&self, mail: &Claimed) -> Outcome {
        let Some(message) = &mail.message else {
            return Outcome::Failed("the message is gone".into());
        };
        let envelope = match mail
            .recipient
            .parse()
            .map_err(|e| format!("{e}"))
            .and_then(|to| Envelope::new(Some(self.config.from.email.clone()), vec![to]).map_err(|e| e.to_string()))
        {
            Ok(envelope) => envelope,
            Err(error) => return Outcome::Failed(format!("the recipient is not an address: {error}")),
        };
        match self.transport.send_raw(&envelope, message).await {
            Ok(_) => Outcome::Sent,
            Err(error) if error.is_permanent() => Outcome::Failed(error.to_string()),
            Err(error) => Outcome::Retry(error.to_string()),
        }
    }

    /// Writes the outcomes of a wave, in one transaction.
    async fn record<'a>(&self, outcomes: impl Iterator<Item = (&'a Claimed, Outcome)>) -> ApiResult<Vec<Recorded>> {
        let now = Utc::now();
        let mut tx = self.db.begin_write().await?;
        let mut recorded = Vec::new();
        for (mail, outcome) in outcomes {
            recorded.push(match outcome {
                Outcome::Sent => {
                    exec!(&mut tx, sqlx::query("UPDATE mail_outbox SET state = 'sent', message = NULL, claimed_until = NULL, finished_at = $1, last_error = NULL WHERE id = $2")
                        .bind(now).bind(mail.id))?;
                    Recorded::Sent
                }
                Outcome::Retry(error) if mail.attempts < self.options.max_attempts => {
                    tracing::info!(mail = mail.id, %error, "a mail goes again later");
                    let not_before = now + backoff(mail.attempts);
                    exec!(&mut tx, sqlx::query("UPDATE mail_outbox SET state = 'waiting', not_before = $1, claimed_until = NULL, last_error = $2 WHERE id = $3")
                        .bind(not_before).bind(&error).bind(mail.id))?;
                    Recorded::Retried
                }
                Outcome::Retry(error) | Outcome::Failed(error) => {
                    tracing::warn!(mail = mail.id, %error, "a mail could not be sent");
                    exec!(&mut tx, sqlx::query("UPDATE mail_outbox SET state = 'failed', message = NULL, claimed_until = NULL, finished_at = $1, last_error = $2 WHERE id = $3")
                        .bind(now).bind(&error).bind(mail.id))?;
                    Recorded::Failed
                }
            });
        }
        tx.commit().await?;
        Ok(recorded)
    }
}

/// What was written of one mail's outcome.
enum Recorded {
    Sent,
    Retried,
    Failed,
}

enum Outcome {
    Sent,
    Retry(String),
    Failed(String),
}

/// 30 s, 1 min, 2 min… up to 6 hours between attempts.
fn backoff(attempts: i64) -> chrono::Duration {
    let seconds = 30i64.saturating_mul(1i64 << attempts.clamp(1, 20).saturating_sub(1));
    chrono::Duration::seconds(seconds.min(6 * 3600))
}

/// Forgets sent and failed mails finished before `before` (the health page counts a day).
pub async fn forget_finished(db: &Db, before: DateTime<Utc>) -> ApiResult<u64> {
    let mut tx = db.begin_write().await?;
    let count = exec!(
        &mut tx,
        sqlx::query("DELETE FROM mail_outbox WHERE finished_at IS NOT NULL AND finished_at < $1").bind(before)
    )?;
    tx.commit().await?;
    Ok(count)
}

/// The outbox as the console's health page shows it.
#[derive(Debug, Default, Clone, Copy)]
pub struct Health {
    pub sent: i64,
    pub failed: i64,
    pub waiting: i64,
    pub oldest_waiting: Option<DateTime<Utc>>,
}

/// Sent and failed over the last day, waiting now.
pub async fn health(db: &Db, now: DateTime<Utc>) -> ApiResult<Health> {
    let since = now - chrono::Duration::days(1);
    let mut tx = db.begin_read().await?;
    let (sent, failed): (i64, i64) = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN state = 'sent' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) \
         FROM mail_outbox WHERE finished_at >= $1").bind(since).fetch_one(c).await)?;
    let (waiting, oldest_waiting): (i64, Option<DateTime<Utc>>) = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT COUNT(*), MIN(created_at) FROM mail_outbox WHERE state IN ('waiting', 'sending')").fetch_one(c).await)?;
    tx.commit().await?;
    Ok(Health { sent, failed, waiting, oldest_waiting })
}
