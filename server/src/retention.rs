//! How long the server keeps what it need not keep forever (issue 24, GDPR art. 5(1)(e)):
//! people's notifications and the audit log's lines, each federation choosing within bounds
//! (stated in its charter); applied by the maintenance loop ([`apply`]), a bounded round at a
//! time. Finished mails and pushes are forgotten after 7 days whatever the setting.

use chrono::{DateTime, Duration, Utc};

use crate::auth::Actor;
use crate::db::{Db, Tx};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::{audit, exec, on_db, on_tx};

const NOTIFICATIONS_KEY: &str = "retention.notifications_days";
const AUDIT_KEY: &str = "retention.audit_months";

/// The bounds a federation chooses within: notifications from a week to two years; audit
/// lines from six months (who did what must stay answerable for a while) to ten years.
pub const NOTIFICATION_DAYS: std::ops::RangeInclusive<u32> = 7..=730;
pub const AUDIT_MONTHS: std::ops::RangeInclusive<u32> = 6..=120;

/// Audit lines forgotten per statement.
const AUDIT_PER_ROUND: i64 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub notification_days: u32,
    pub audit_months: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { notification_days: 90, audit_months: 24 }
    }
}

impl Retention {
    pub fn notifications_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::days(i64::from(self.notification_days))
    }

    /// Months of 30 days: a line is kept at least as long as said.
    pub fn audit_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::days(i64::from(self.audit_months) * 31)
    }
}

async fn number(tx: &mut Tx, key: &str) -> ApiResult<Option<u32>> {
    let value: Option<String> = on_tx!(tx, c => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(key).fetch_optional(c).await)?;
    Ok(value.and_then(|v| v.parse().ok()))
}

/// The federation's choice, or the defaults.
pub async fn load(tx: &mut Tx) -> ApiResult<Retention> {
    let defaults = Retention::default();
    Ok(Retention {
        notification_days: number(tx, NOTIFICATIONS_KEY).await?.unwrap_or(defaults.notification_days),
        audit_months: number(tx, AUDIT_KEY).await?.unwrap_or(defaults.audit_months),
    })
}

/// A federation administrator's choice, checked against the bounds and written to the log.
pub async fn save(tx: &mut Tx, actor: &Actor, wanted: Retention) -> ApiResult<()> {
    if !actor.is_federation_admin {
        return Err(ApiError::forbidden(
            ErrorCode::FederationAdminsOnly,
            "Only the federation's administrators choose how long data is kept.",
        ));
    }
    for (field, value, range) in [
        ("notification_days", wanted.notification_days, &NOTIFICATION_DAYS),
        ("audit_months", wanted.audit_months, &AUDIT_MONTHS),
    ] {
        if !range.contains(&value) {
            return Err(ApiError::invalid(
                ErrorCode::InvalidField,
                format!("`{field}` is between {} and {}.", range.start(), range.end()),
            )
            .with_details(serde_json::json!({ "field": field })));
        }
    }
    let before = load(tx).await?;
    for (key, value) in [(NOTIFICATIONS_KEY, wanted.notification_days), (AUDIT_KEY, wanted.audit_months)] {
        exec!(tx, sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(key).bind(value.to_string()))?;
    }
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::RetentionChange,
        "settings",
        None,
        serde_json::json!({
            "from": format!("{} / {}", before.notification_days, before.audit_months),
            "to": format!("{} / {}", wanted.notification_days, wanted.audit_months),
        }),
    )
    .await
}

/// Forgets audit lines older than `before`, a round at a time; how many.
pub async fn forget_audit(db: &Db, before: DateTime<Utc>) -> ApiResult<u64> {
    let mut forgotten = 0;
    loop {
        let mut tx = db.begin_write().await?;
        let gone = exec!(&mut tx, sqlx::query(
            "DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE created_at < $1 ORDER BY created_at LIMIT $2)")
            .bind(before).bind(AUDIT_PER_ROUND))?;
        tx.commit().await?;
        forgotten += gone;
        if (gone as i64) < AUDIT_PER_ROUND {
            return Ok(forgotten);
        }
    }
}

/// What [`apply`] forgot.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Forgotten {
    pub notifications: usize,
    pub audit_lines: u64,
    /// Scopes whose notifications went (phones drop them at their next pull).
    pub scopes: Vec<String>,
}

/// The federation's retention applied at `now`: notifications and audit lines past it go.
pub async fn apply(db: &Db, now: DateTime<Utc>) -> ApiResult<Forgotten> {
    let retention = {
        let mut tx = db.begin_read().await?;
        let retention = load(&mut tx).await?;
        tx.commit().await?;
        retention
    };
    let mut forgotten = Forgotten::default();
    loop {
        let (count, scopes) = crate::notifications::forget_old(db, retention.notifications_before(now)).await?;
        forgotten.notifications += count;
        forgotten.scopes.extend(scopes);
        if count < crate::notifications::FORGET_PER_ROUND as usize {
            break;
        }
    }
    forgotten.audit_lines = forget_audit(db, retention.audit_before(now)).await?;
    Ok(forgotten)
}

/// The oldest audit line's time, for the console's page.
pub async fn oldest_audit_line(db: &Db) -> ApiResult<Option<DateTime<Utc>>> {
    let oldest: Option<DateTime<Utc>> =
        on_db!(db, c => sqlx::query_scalar("SELECT MIN(created_at) FROM audit_log").fetch_one(c).await)?;
    Ok(oldest)
}
