//! The federation's settings (federation administrators): the clock the console and the
//! mails tell times by, and the federation group that questions left unanswered escalate to.
//! Each change is in the audit log.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;

use super::session::{Admin, AdminForm, Notice};
use super::{Frame, PageResult, commit, done, render};
use crate::error::{ApiError, ErrorCode};
use crate::sync::log::ChangeSet;
use crate::{AppState, on_tx};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/settings", get(page))
        .route("/admin/settings/time-zone", post(save_time_zone))
        .route("/admin/settings/escalation", post(save_escalation))
}

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct SettingsPage {
    frame: Frame,
    /// (IANA name, how people call it) of each clock offered.
    zones: Vec<(&'static str, &'static str)>,
    zone: String,
    /// The federation's own groups (id, name), to escalate questions to.
    groups: Vec<(String, String)>,
    /// The group chosen, if any.
    escalation: String,
}

async fn page(State(state): State<AppState>, admin: Admin, notice: Notice) -> PageResult {
    admin.require_federation_admin()?;
    let mut tx = state.db.begin_read().await?;
    let escalation = crate::questions::federation_group(&mut tx).await?;
    let groups: Vec<(Uuid, String)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT g.id, g.name FROM groups g JOIN organisations o ON o.id = g.organisation_id \
         WHERE g.deleted_at IS NULL AND (o.kind = 'federation' OR g.id = $1) ORDER BY g.name LIMIT 500")
        .bind(escalation).fetch_all(c).await)?;
    tx.commit().await?;
    let l = admin.lang;
    Ok(render(&SettingsPage {
        zones: crate::lang::TIME_ZONES.iter().map(|(zone, fr, en)| (*zone, l.tr(fr, en))).collect(),
        zone: admin.tz.name().to_owned(),
        groups: groups.into_iter().map(|(id, name)| (id.to_string(), name)).collect(),
        escalation: escalation.map(|id| id.to_string()).unwrap_or_default(),
        frame: admin.frame("settings", notice),
    }))
}

#[derive(Deserialize)]
struct TimeZoneForm {
    time_zone: String,
}

async fn save_time_zone(State(state): State<AppState>, form: AdminForm<TimeZoneForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    let mut tx = state.db.begin_write().await?;
    crate::retention::set_time_zone(&mut tx, &admin.actor(), &form.time_zone).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done("/admin/settings", "settings_saved"))
}

#[derive(Deserialize)]
struct EscalationForm {
    /// A group's id, or empty: none.
    group: String,
}

async fn save_escalation(State(state): State<AppState>, form: AdminForm<EscalationForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    let group = match form.group.trim() {
        "" => None,
        id => Some(
            id.parse::<Uuid>()
                .map_err(|_| ApiError::not_found(ErrorCode::GroupNotFound, "This group does not exist."))?,
        ),
    };
    let mut tx = state.db.begin_write().await?;
    crate::questions::set_federation_group(&mut tx, &admin.actor(), group).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done("/admin/settings", "settings_saved"))
}
