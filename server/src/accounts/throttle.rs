//! Sign-in throttling (issue 18): slows an attacker without locking the owner out.
//!
//! Failures are counted per (account, address) and per address, never per account alone:
//! an attacker hammering someone's account from their machine slows only themselves, while
//! the owner signs in from their own phone or a fresh address as usual. Past a few failures
//! each new one blocks its key twice as long as the last (1 s, 2 s, 4 s, … at most 15 min),
//! and a blocked key is answered 429 with `Retry-After` before any password is checked. A
//! success clears its (account, address) pair. Kept in the database, so that every
//! instance counts the same attempts. The address is the peer's, or the one a trusted
//! proxy forwarded (`--trusted-proxies`, see [`super::ClientIp`]).

use chrono::Utc;

use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::{exec, on_tx};

/// Failures of one account from one address before waits begin.
const PAIR_FREE: i64 = 5;
/// Failures from one address, over every account, before waits begin (an office's NAT).
const ADDRESS_FREE: i64 = 50;
/// The longest wait, in seconds.
const WAIT_MAX: i64 = 900;
/// A key with no failure for this long starts again from zero.
const FORGET_AFTER: i64 = 3600;

fn keys(scope: &str, email: &str, ip: &str) -> [(String, i64); 2] {
    [(format!("{scope}:pair:{email}:{ip}"), PAIR_FREE), (format!("{scope}:address:{ip}"), ADDRESS_FREE)]
}

/// Refuses with 429 while the pair or the address is blocked; logs the refusal.
pub async fn check(db: &Db, scope: &str, email: &str, ip: &str) -> ApiResult<()> {
    let now = Utc::now().timestamp();
    let [(pair, _), (address, _)] = keys(scope, email, ip);
    let until: Option<i64> = crate::on_db!(db, c => sqlx::query_scalar(
        "SELECT MAX(blocked_until) FROM sign_in_throttle WHERE key IN ($1, $2) AND blocked_until > $3")
        .bind(&pair).bind(&address).bind(now).fetch_one(c).await)?;
    match until {
        Some(until) => {
            tracing::warn!(scope, %ip, retry_after = until - now, "sign-in refused: too many failures");
            Err(ApiError::rate_limited((until - now).max(1) as u64))
        }
        None => Ok(()),
    }
}

/// Counts a failed sign-in (logged without the password).
pub async fn failed(db: &Db, scope: &str, email: &str, ip: &str) -> ApiResult<()> {
    let now = Utc::now().timestamp();
    tracing::warn!(scope, %ip, "sign-in failed");
    let mut tx = db.begin_write().await?;
    for (key, free) in keys(scope, email, ip) {
        let failures: i64 = on_tx!(&mut tx, c => sqlx::query_scalar(
            "INSERT INTO sign_in_throttle (key, failures, blocked_until, updated_at) VALUES ($1, 1, 0, $2) \
             ON CONFLICT (key) DO UPDATE SET \
               failures = CASE WHEN sign_in_throttle.updated_at < $3 THEN 1 ELSE sign_in_throttle.failures + 1 END, \
               updated_at = excluded.updated_at \
             RETURNING failures")
            .bind(&key).bind(now).bind(now - FORGET_AFTER).fetch_one(c).await)?;
        if failures > free {
            let wait = 1i64.checked_shl((failures - free - 1).min(20) as u32).unwrap_or(WAIT_MAX).min(WAIT_MAX);
            exec!(
                &mut tx,
                sqlx::query("UPDATE sign_in_throttle SET blocked_until = $1 WHERE key = $2")
                    .bind(now + wait)
                    .bind(&key)
            )?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A success: this account from this address starts again from zero.
pub async fn succeeded(db: &Db, scope: &str, email: &str, ip: &str) -> ApiResult<()> {
    let [(pair, _), _] = keys(scope, email, ip);
    let mut tx = db.begin_write().await?;
    exec!(&mut tx, sqlx::query("DELETE FROM sign_in_throttle WHERE key = $1").bind(&pair))?;
    tx.commit().await?;
    Ok(())
}

/// Forgets keys with no failure for a day.
pub async fn forget_old(db: &Db) -> ApiResult<()> {
    let cutoff = Utc::now().timestamp() - 86_400;
    let mut tx = db.begin_write().await?;
    exec!(&mut tx, sqlx::query("DELETE FROM sign_in_throttle WHERE updated_at < $1").bind(cutoff))?;
    tx.commit().await?;
    Ok(())
}
