//! The audit log: every administrative action, who did it, on what, when (DESIGN.md §4).
//! Written in the same transaction as the action, so neither exists without the other.

use chrono::Utc;
use uuid::Uuid;

use crate::db::Tx;
use crate::error::ApiResult;
use crate::exec;

pub async fn record(
    tx: &mut Tx,
    actor_id: Option<Uuid>,
    action: &'static str,
    target_kind: &'static str,
    target_id: Option<Uuid>,
    details: serde_json::Value,
) -> ApiResult<()> {
    exec!(tx, sqlx::query("INSERT INTO audit_log (id, actor_id, action, target_kind, target_id, details, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(Uuid::now_v7()).bind(actor_id).bind(action).bind(target_kind).bind(target_id).bind(details.to_string()).bind(Utc::now()))?;
    Ok(())
}
