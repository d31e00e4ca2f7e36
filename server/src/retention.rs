//! How long the server keeps what it need not keep forever (issue 24, GDPR art. 5(1)(e)):
//! people's notifications, the audit log's lines, and accounts nobody uses, each federation
//! choosing within bounds (stated in its charter); applied by the maintenance loop
//! ([`apply`]), a bounded round at a time. Finished mails and pushes are forgotten after 7 days
//! whatever the setting.
//!
//! An account unused for longer than the federation keeps them (never, by default) is closed
//! ([`crate::people::close_account`]: reversible by a manager) a month after its owner was
//! told by e-mail; opening the app in that month keeps it. Without e-mail nobody can be told,
//! so no account is closed. Federation administrators' accounts are never closed so.

use chrono::{DateTime, Duration, Utc};

use uuid::Uuid;

use crate::auth::Actor;
use crate::config::Settings;
use crate::db::{Db, Tx};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::lang::Lang;
use crate::pokes::Pokes;
use crate::sync::log::ChangeSet;
use crate::{audit, exec, on_db, on_tx};

const NOTIFICATIONS_KEY: &str = "retention.notifications_days";
const AUDIT_KEY: &str = "retention.audit_months";
const INACTIVE_KEY: &str = "retention.inactive_months";

/// The bounds a federation chooses within: notifications from a week to two years; audit
/// lines from six months (who did what must stay answerable for a while) to ten years.
pub const NOTIFICATION_DAYS: std::ops::RangeInclusive<u32> = 7..=730;
pub const AUDIT_MONTHS: std::ops::RangeInclusive<u32> = 6..=120;
/// Unused accounts: kept forever (0), or from six months to ten years.
pub const INACTIVE_MONTHS: std::ops::RangeInclusive<u32> = 6..=120;
/// Between the warning mail and the closing.
pub const WARNED_FOR: Duration = Duration::days(30);
/// Accounts warned or closed per round.
const ACCOUNTS_PER_ROUND: i64 = 200;

/// Audit lines forgotten per statement.
const AUDIT_PER_ROUND: i64 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub notification_days: u32,
    pub audit_months: u32,
    /// 0: accounts are kept however long they are unused.
    pub inactive_months: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { notification_days: 90, audit_months: 24, inactive_months: 0 }
    }
}

impl Retention {
    pub fn notifications_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::days(i64::from(self.notification_days))
    }

    /// Months of 31 days: a line is kept at least as long as said.
    pub fn audit_before(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - Duration::days(i64::from(self.audit_months) * 31)
    }

    /// Accounts unused since before this are closed (once warned); `None`: never.
    pub fn unused_before(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        (self.inactive_months > 0).then(|| now - Duration::days(i64::from(self.inactive_months) * 31))
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
        inactive_months: number(tx, INACTIVE_KEY).await?.unwrap_or(defaults.inactive_months),
    })
}

/// Only federation administrators choose what the federation keeps (here and for erased
/// accounts, what becomes of their writings).
pub(crate) fn require_federation_admin(actor: &Actor) -> ApiResult<()> {
    if actor.is_federation_admin {
        return Ok(());
    }
    Err(ApiError::forbidden(
        ErrorCode::FederationAdminsOnly,
        "Only the federation's administrators choose how long data is kept and what is erased.",
    ))
}

/// Writes one of those choices to the settings, with its audit line (`details` says what).
pub(crate) async fn record_choice(
    tx: &mut Tx,
    actor: &Actor,
    values: &[(&str, String)],
    details: serde_json::Value,
) -> ApiResult<()> {
    for (key, value) in values {
        exec!(tx, sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(key).bind(value))?;
    }
    audit::record(tx, Some(actor.person_id), audit::Action::RetentionChange, "settings", None, details).await
}

/// A federation administrator chooses the clock (one of [`crate::lang::TIME_ZONES`]), in the audit log.
pub async fn set_time_zone(
    tx: &mut crate::db::Tx,
    actor: &crate::auth::Actor,
    name: &str,
) -> crate::error::ApiResult<()> {
    require_federation_admin(actor)?;
    if !crate::lang::TIME_ZONES.iter().any(|(zone, _, _)| *zone == name) {
        return Err(crate::error::ApiError::invalid(
            crate::error::ErrorCode::InvalidField,
            "`time_zone` is one of the zones offered.",
        )
        .with_details(serde_json::json!({ "field": "time_zone" })));
    }
    let details = serde_json::json!({ "time_zone": name });
    record_choice(tx, actor, &[(crate::lang::TIME_ZONE_KEY, name.to_owned())], details).await
}

/// A federation administrator's choice, checked against the bounds and written to the log.
pub async fn save(tx: &mut Tx, actor: &Actor, wanted: Retention) -> ApiResult<()> {
    require_federation_admin(actor)?;
    for (field, value, range) in [
        ("notification_days", wanted.notification_days, &NOTIFICATION_DAYS),
        ("audit_months", wanted.audit_months, &AUDIT_MONTHS),
        ("inactive_months", wanted.inactive_months, &INACTIVE_MONTHS),
    ] {
        // 0 unused months means "kept forever".
        let never = field == "inactive_months" && value == 0;
        if !(range.contains(&value) || never) {
            return Err(ApiError::invalid(
                ErrorCode::InvalidField,
                format!("`{field}` is between {} and {}.", range.start(), range.end()),
            )
            .with_details(serde_json::json!({ "field": field })));
        }
    }
    let before = load(tx).await?;
    let values = [
        (NOTIFICATIONS_KEY, wanted.notification_days.to_string()),
        (AUDIT_KEY, wanted.audit_months.to_string()),
        (INACTIVE_KEY, wanted.inactive_months.to_string()),
    ];
    let details = serde_json::json!({
        "from": format!("{} / {} / {}", before.notification_days, before.audit_months, before.inactive_months),
        "to": format!("{} / {} / {}", wanted.notification_days, wanted.audit_months, wanted.inactive_months),
    });
    record_choice(tx, actor, &values, details).await
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
    /// Owners of unused accounts told by e-mail, and accounts closed.
    pub warned: usize,
    pub closed: usize,
}

/// The federation's retention applied at `now`: notifications and audit lines past it go;
/// owners of accounts about to pass it are told, and accounts past it (told a month ago) close.
/// A round at a time, each its own transaction, whose scopes are poked as soon as it commits:
/// a later round that fails takes nothing back from the live channels of an earlier one (nor
/// leaves a closed account's session remembered, `auth::Sessions`).
pub async fn apply(db: &Db, pokes: &Pokes, settings: &Settings, now: DateTime<Utc>) -> ApiResult<Forgotten> {
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
        pokes.after_commit(scopes);
        if count < crate::notifications::FORGET_PER_ROUND as usize {
            break;
        }
    }
    forgotten.audit_lines = forget_audit(db, retention.audit_before(now)).await?;
    if let (Some(before), Some(config)) = (retention.unused_before(now), &settings.mail) {
        loop {
            let warned = warn_unused(db, settings, config, &retention, before, now).await?;
            forgotten.warned += warned;
            if (warned as i64) < ACCOUNTS_PER_ROUND {
                break;
            }
        }
        loop {
            let (closed, scopes) = close_unused(db, before, now).await?;
            forgotten.closed += closed;
            pokes.after_commit(scopes);
            if (closed as i64) < ACCOUNTS_PER_ROUND {
                break;
            }
        }
    }
    Ok(forgotten)
}

/// When an account was last used: its last visit, or its creation if it never came.
const LAST_USE: &str = "COALESCE(p.last_seen_at, p.created_at)";

#[derive(sqlx::FromRow)]
struct Unused {
    id: Uuid,
    email: String,
    display_name: String,
    language: String,
}

/// Tells the owners of accounts that will be unused for too long in a month (not yet told
/// for this absence).
async fn warn_unused(
    db: &Db,
    settings: &Settings,
    config: &crate::mail::MailConfig,
    retention: &Retention,
    before: DateTime<Utc>,
    now: DateTime<Utc>,
) -> ApiResult<usize> {
    let mut tx = db.begin_write().await?;
    let sql = format!(
        "SELECT p.id, p.email, p.display_name, p.language FROM people p \
         WHERE p.deactivated_at IS NULL AND p.platform_role <> 'federation_admin' AND {LAST_USE} < $1 \
            AND (p.inactivity_warned_at IS NULL OR p.inactivity_warned_at < {LAST_USE}) ORDER BY p.id LIMIT $2"
    );
    let people: Vec<Unused> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(before + WARNED_FOR).bind(ACCOUNTS_PER_ROUND).fetch_all(c).await)?;
    let federation = crate::mail::messages::federation_name(&mut tx).await?;
    let tz = crate::lang::time_zone(&mut tx).await?;
    for person in &people {
        let l = if person.language == "en" { Lang::En } else { Lang::Fr };
        let mail = crate::mail::messages::Inactivity {
            l,
            federation: federation.clone(),
            name: person.display_name.clone(),
            months: retention.inactive_months,
            closing_on: l.day(&(now + WARNED_FOR), tz),
            address: settings.public_url.clone(),
        };
        let cause = format!("inactivity:{}:{}", person.id, now.format("%Y-%m-%d"));
        crate::mail::queue(&mut tx, config, &cause, "inactivity", mail.to(&person.email)?).await?;
        exec!(
            &mut tx,
            sqlx::query("UPDATE people SET inactivity_warned_at = $1 WHERE id = $2").bind(now).bind(person.id)
        )?;
    }
    tx.commit().await?;
    Ok(people.len())
}

/// Closes the accounts unused since before `before` whose owners were told a month ago at
/// least and did not come back since.
async fn close_unused(db: &Db, before: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<(usize, Vec<String>)> {
    let mut tx = db.begin_write().await?;
    let sql = format!(
        "SELECT p.id FROM people p WHERE p.deactivated_at IS NULL AND p.platform_role <> 'federation_admin' \
            AND {LAST_USE} < $1 AND p.inactivity_warned_at IS NOT NULL AND p.inactivity_warned_at <= $2 \
            AND p.inactivity_warned_at >= {LAST_USE} ORDER BY p.id LIMIT $3"
    );
    let people: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(before).bind(now - WARNED_FOR).bind(ACCOUNTS_PER_ROUND).fetch_all(c).await)?;
    let mut changes = ChangeSet::default();
    for person in &people {
        crate::people::close_account(&mut tx, None, *person, serde_json::json!({ "reason": "inactive" }), &mut changes)
            .await?;
    }
    let scopes = crate::sync::log::commit(&mut tx, changes).await?;
    tx.commit().await?;
    Ok((people.len(), scopes))
}

/// The oldest audit line's time, for the console's page.
pub async fn oldest_audit_line(db: &Db) -> ApiResult<Option<DateTime<Utc>>> {
    let oldest: Option<DateTime<Utc>> =
        on_db!(db, c => sqlx::query_scalar("SELECT MIN(created_at) FROM audit_log").fetch_one(c).await)?;
    Ok(oldest)
}
