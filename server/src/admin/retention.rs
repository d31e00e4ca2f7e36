//! How long data is kept (federation administrators): notifications, audit lines and unused
//! accounts, within
//! the bounds of [`crate::retention`]; the maintenance loop applies the choice every hour.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::session::{Admin, AdminForm, Notice};
use super::{Frame, PageResult, commit, done, render};
use crate::AppState;
use crate::error::{ApiError, ErrorCode};
use crate::people::erasure::{self, Writings};
use crate::retention::{self, AUDIT_MONTHS, INACTIVE_MONTHS, NOTIFICATION_DAYS, Retention};
use crate::sync::log::ChangeSet;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/retention", get(page).post(save))
        .route("/admin/retention/writings", axum::routing::post(save_writings))
}

#[derive(Template)]
#[template(path = "admin/retention.html")]
struct RetentionPage {
    frame: Frame,
    retention: Retention,
    oldest_audit_line: Option<DateTime<Utc>>,
    notification_days: (u32, u32),
    audit_months: (u32, u32),
    inactive_months: (u32, u32),
    /// Unused accounts can be closed only when their owners can be told (e-mail).
    mail: bool,
    /// What becomes of an erased person's writings in groups.
    writings_kept: bool,
}

async fn page(State(state): State<AppState>, admin: Admin, notice: Notice) -> PageResult {
    admin.require_federation_admin()?;
    let mut tx = state.db.begin_read().await?;
    let retention = retention::load(&mut tx).await?;
    let writings = erasure::writings(&mut tx).await?;
    tx.commit().await?;
    let oldest_audit_line = retention::oldest_audit_line(&state.db).await?;
    Ok(render(&RetentionPage {
        frame: admin.frame("retention", notice),
        retention,
        oldest_audit_line,
        notification_days: (*NOTIFICATION_DAYS.start(), *NOTIFICATION_DAYS.end()),
        audit_months: (*AUDIT_MONTHS.start(), *AUDIT_MONTHS.end()),
        inactive_months: (*INACTIVE_MONTHS.start(), *INACTIVE_MONTHS.end()),
        mail: state.settings.mail.is_some(),
        writings_kept: writings == Writings::Kept,
    }))
}

#[derive(Deserialize)]
struct RetentionForm {
    notification_days: u32,
    audit_months: u32,
    inactive_months: u32,
}

async fn save(State(state): State<AppState>, form: AdminForm<RetentionForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    admin.require_federation_admin()?;
    let wanted = Retention {
        notification_days: form.notification_days,
        audit_months: form.audit_months,
        inactive_months: form.inactive_months,
    };
    let mut tx = state.db.begin_write().await?;
    retention::save(&mut tx, &admin.actor(), wanted).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done("/admin/retention", "retention_saved"))
}

#[derive(Deserialize)]
struct WritingsForm {
    writings: String,
}

async fn save_writings(State(state): State<AppState>, form: AdminForm<WritingsForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    admin.require_federation_admin()?;
    let wanted = Writings::parse(&form.writings)
        .ok_or_else(|| ApiError::invalid(ErrorCode::InvalidField, "`writings` is `kept` or `removed`."))?;
    let mut tx = state.db.begin_write().await?;
    erasure::set_writings(&mut tx, &admin.actor(), wanted).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done("/admin/retention", "writings_saved"))
}
