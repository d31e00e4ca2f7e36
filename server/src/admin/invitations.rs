//! The invitations a console user made or may manage: who was invited where, by whom, and
//! where each stands (waiting until a day, expired, accepted, withdrawn); sent again with a
//! new link, or withdrawn. The rules are in [`crate::accounts::invitations`].

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use super::session::{Admin, AdminForm, NoFields, Notice};
use super::{Frame, LinkPage, PageResult, commit, done, render};
use crate::accounts::invitations::{self, InvitationLine, InvitationState};
use crate::auth::in_scope;
use crate::sync::log::ChangeSet;
use crate::{AppState, on_tx};

const PAGE: i64 = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/people/invitations", get(list))
        .route("/admin/people/invitations/{id}/resend", post(resend))
        .route("/admin/people/invitations/{id}/withdraw", post(withdraw))
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    q: String,
    /// `waiting` (default), `expired`, `accepted`, `withdrawn`, `all`.
    #[serde(default)]
    state: String,
    #[serde(default, deserialize_with = "super::optional")]
    before: Option<Uuid>,
}

#[derive(Template)]
#[template(path = "admin/invitations.html")]
struct ListPage {
    frame: Frame,
    q: String,
    state: String,
    lines: Vec<(InvitationLine, InvitationState)>,
    next: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Query(query): Query<ListQuery>,
) -> PageResult {
    let wanted = match query.state.as_str() {
        "expired" | "accepted" | "withdrawn" | "all" => query.state.clone(),
        _ => "waiting".to_owned(),
    };
    let now = Utc::now();
    let mut tx = state.db.begin_read().await?;
    // Ids are time-ordered (UUIDv7): the newest first, a page at a time before the last seen.
    let sql = format!(
        "SELECT i.id, i.email, i.organisation_id, o.name AS organisation_name, p.display_name AS invited_by, \
            i.created_at, i.expires_at, i.redeemed_at, i.withdrawn_at, i.sent, i.role \
         FROM invitations i JOIN organisations o ON o.id = i.organisation_id LEFT JOIN people p ON p.id = i.invited_by \
         WHERE {} AND i.email LIKE $2 AND ($3 IS NULL OR i.id < $3) \
           AND ($4 = 'all' \
             OR ($4 = 'accepted' AND i.redeemed_at IS NOT NULL) \
             OR ($4 = 'withdrawn' AND i.withdrawn_at IS NOT NULL) \
             OR ($4 = 'waiting' AND i.redeemed_at IS NULL AND i.withdrawn_at IS NULL AND i.expires_at > $5) \
             OR ($4 = 'expired' AND i.redeemed_at IS NULL AND i.withdrawn_at IS NULL AND i.expires_at <= $5)) \
         ORDER BY i.id DESC LIMIT $6",
        in_scope(&tx, "i.organisation_id", 1)
    );
    let scope = admin.scope().as_json();
    let pattern = super::contains(&query.q);
    let mut lines: Vec<InvitationLine> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(&scope).bind(&pattern).bind(query.before).bind(&wanted).bind(now).bind(PAGE + 1).fetch_all(c).await)?;
    tx.commit().await?;
    let next = if lines.len() as i64 > PAGE {
        lines.truncate(PAGE as usize);
        lines.last().map(|last| format!("q={}&state={wanted}&before={}", super::url_encode(&query.q), last.id))
    } else {
        None
    };
    let lines = lines
        .into_iter()
        .map(|line| {
            let state = line.state(now);
            (line, state)
        })
        .collect();
    Ok(render(&ListPage { frame: admin.frame("people", notice), q: query.q, state: wanted, lines, next }))
}

async fn resend(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<NoFields>) -> PageResult {
    let admin = form.admin;
    crate::accounts::rate_limit::check(&state.db, &format!("invite:account:{}", admin.person_id), 500, 3600).await?;
    let mut tx = state.db.begin_write().await?;
    let invitation = invitations::resend(&mut tx, &state.settings, &admin.actor(), id, admin.lang).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    if invitation.mailed {
        return Ok(done("/admin/people/invitations", "invitation_resent"));
    }
    let l = admin.lang;
    Ok(render(&LinkPage {
        heading: format!("{} {}", l.tr("Une nouvelle invitation pour", "A new invitation for"), invitation.email),
        text: l
            .tr(
                "Ce serveur n'envoie pas d'e-mails : transmettez ce lien à la personne. Il crée son compte, pendant 14 jours ; l'ancien ne fonctionne plus. Il ne sera plus affiché.",
                "This server sends no e-mail: pass this link on to the person. It creates their account, for 14 days; the old one no longer works. It will not be shown again.",
            )
            .into(),
        link: invitation.link,
        back_href: "/admin/people/invitations".into(),
        back_label: l.tr("Retour aux invitations", "Back to the invitations").into(),
        frame: admin.frame("people", Notice(None)),
    }))
}

async fn withdraw(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<NoFields>) -> PageResult {
    let admin = form.admin;
    let mut tx = state.db.begin_write().await?;
    invitations::withdraw(&mut tx, &admin.actor(), id).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done("/admin/people/invitations", "invitation_withdrawn"))
}
