//! Fixed-window rate limits kept in the database, so that every server instance counts
//! the same attempts.

use chrono::Utc;

use crate::db::Db;
use crate::error::{ApiError, ApiResult};

/// Counts one attempt under `key`; refuses with 429 and `Retry-After` past `limit` attempts
/// in the current window of `window_seconds`.
pub async fn check(db: &Db, key: &str, limit: i64, window_seconds: i64) -> ApiResult<()> {
    let now = Utc::now().timestamp();
    let window_start = now - now.rem_euclid(window_seconds);
    let mut tx = db.begin_write().await?;
    let count: i64 = crate::on_tx!(&mut tx, c => sqlx::query_scalar(
        "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
           count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END, \
           window_start = excluded.window_start \
         RETURNING count")
        .bind(key).bind(window_start).fetch_one(c).await)?;
    tx.commit().await?;
    if count > limit {
        let retry_after = (window_start + window_seconds - now).max(1) as u64;
        return Err(ApiError::rate_limited(retry_after));
    }
    Ok(())
}

/// Forgets windows that ended long ago.
pub async fn forget_old(db: &Db) -> ApiResult<()> {
    let cutoff = Utc::now().timestamp() - 86_400;
    let mut tx = db.begin_write().await?;
    crate::exec!(&mut tx, sqlx::query("DELETE FROM rate_limits WHERE window_start < $1").bind(cutoff))?;
    tx.commit().await?;
    Ok(())
}
