//! Must-read messages in the console: federation administrators send one to the whole
//! federation or any organisation of its tree, managers to the organisations they manage;
//! each sees the list of those in their scope and, for each, the reach as it grows (counts,
//! a bar, and the names by where they stand). The rules are in [`crate::must_reads`].

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use chrono::{DateTime, Utc};
use fabrique_wire::Page;
use fabrique_wire::must_reads::{
    BODY_MAX, DEFAULT_MAIL_AFTER_HOURS, MustReadAudience, MustReadReach, NewMustRead, ReachPerson, ReachState,
    TITLE_MAX,
};
use serde::Deserialize;
use uuid::Uuid;

use super::people::{OrganisationChoice, choices};
use super::session::{Admin, AdminForm, Notice};
use super::{Frame, PageResult, commit, done, render};
use crate::auth::in_scope;
use crate::error::ApiError;
use crate::must_reads::{self, SELECT_ROW, reach};
use crate::sync::log::ChangeSet;
use crate::{AppState, on_tx};

const PAGE: i64 = 50;

/// The delays a sender picks from, in hours.
const DELAYS: [u32; 5] = [0, 24, 48, 72, 168];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/must-reads", get(list))
        .route("/admin/must-reads/new", get(new_form).post(send))
        .route("/admin/must-reads/{id}", get(one))
}

pub struct Line {
    pub id: Uuid,
    pub title: String,
    pub audience: String,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub reach: MustReadReach,
}

#[derive(Template)]
#[template(path = "admin/must_reads.html")]
struct ListPage {
    frame: Frame,
    lines: Vec<Line>,
    next: Option<String>,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default, deserialize_with = "super::optional")]
    before: Option<Uuid>,
}

/// The messages in the console user's scope (theirs, and those to the organisations they
/// manage; all for a federation administrator), the latest first.
async fn list(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Query(query): Query<ListQuery>,
) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let sql = format!(
        "{SELECT_ROW} WHERE (m.author_id = $2 OR {}) AND ($3 IS NULL OR m.id < $3) ORDER BY m.id DESC LIMIT $4",
        in_scope(&tx, "m.organisation_id", 1)
    );
    let scope = admin.scope().as_json();
    let mut rows: Vec<must_reads::MustReadRow> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&scope).bind(admin.person_id).bind(query.before).bind(PAGE + 1).fetch_all(c).await)?;
    tx.commit().await?;
    let next = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|last| format!("before={}", last.id))
    } else {
        None
    };
    let lines = rows
        .into_iter()
        .map(|row| Line {
            id: row.id,
            title: row.title.clone(),
            audience: row.audience_name.clone(),
            author: row.author_name.clone(),
            created_at: row.created_at,
            reach: row.reach(),
        })
        .collect();
    Ok(render(&ListPage { frame: admin.frame("must_reads", notice), lines, next }))
}

#[derive(Template)]
#[template(path = "admin/must_read_new.html")]
struct NewPage {
    frame: Frame,
    /// The message's id, chosen now: sending the form twice sends one message.
    id: Uuid,
    organisations: Vec<OrganisationChoice>,
    organisation_id: Option<Uuid>,
    title: String,
    body: String,
    delay: u32,
    delays: Vec<u32>,
    title_max: usize,
    body_max: usize,
    error: Option<String>,
}

impl NewPage {
    fn blank(frame: Frame, organisations: Vec<OrganisationChoice>) -> NewPage {
        NewPage {
            frame,
            id: Uuid::now_v7(),
            organisations,
            organisation_id: None,
            title: String::new(),
            body: String::new(),
            delay: DEFAULT_MAIL_AFTER_HOURS,
            delays: DELAYS.to_vec(),
            title_max: TITLE_MAX,
            body_max: BODY_MAX,
            error: None,
        }
    }
}

async fn new_form(State(state): State<AppState>, admin: Admin) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let organisations = choices(&mut tx, &admin).await?;
    tx.commit().await?;
    Ok(render(&NewPage::blank(admin.frame("must_reads", Notice(None)), organisations)))
}

#[derive(Deserialize)]
struct SendForm {
    organisation_id: Uuid,
    title: String,
    body: String,
    delay: u32,
    /// Chosen by the form when it was shown: sending it twice (a double click, a reload)
    /// sends one message.
    id: Option<Uuid>,
}

/// Sends it and opens its reach; a refusal shows the form again with everything typed.
async fn send(State(state): State<AppState>, form: AdminForm<SendForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    let new = NewMustRead {
        id: form.id.unwrap_or_else(Uuid::now_v7),
        audience: MustReadAudience::Organisation { organisation_id: form.organisation_id },
        title: form.title.clone(),
        body: form.body.clone(),
        mail_after_hours: Some(form.delay),
    };
    let mut tx = state.db.begin_write().await?;
    let mut changes = ChangeSet::default();
    match must_reads::send(&mut tx, &admin.actor(), &new, &mut changes).await {
        Ok(_) => {
            commit(&state, tx, changes).await?;
            Ok(done(&format!("/admin/must-reads/{}", new.id), "must_read_sent"))
        }
        Err(error @ ApiError::Client { .. }) => {
            drop(tx);
            let l = admin.lang;
            let message = match error.as_client().map(|(code, _)| code) {
                Some("rate_limited") => l
                    .tr(
                        "Vous avez déjà envoyé les messages à lire permis pour aujourd'hui : celui-ci est gardé ci-dessous, envoyez-le demain.",
                        "You have already sent the must-read messages allowed today: this one is kept below, send it tomorrow.",
                    )
                    .to_owned(),
                Some("forbidden") | Some("organisation_not_found") => l
                    .tr(
                        "Vous ne pouvez pas écrire à cette organisation : choisissez-en une que vous gérez.",
                        "You cannot write to this organisation: choose one you manage.",
                    )
                    .to_owned(),
                _ => super::problem_sentence(&error),
            };
            let status = match error {
                ApiError::Client { status, .. } => status,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let mut read = state.db.begin_read().await?;
            let organisations = choices(&mut read, &admin).await?;
            read.commit().await?;
            let page = NewPage {
                id: new.id,
                organisation_id: Some(form.organisation_id),
                title: form.title,
                body: form.body,
                delay: form.delay,
                error: Some(message),
                ..NewPage::blank(admin.frame("must_reads", Notice(None)), organisations)
            };
            let mut response = render(&page);
            *response.status_mut() = status;
            Ok(response)
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Template)]
#[template(path = "admin/must_read.html")]
struct OnePage {
    frame: Frame,
    row: must_reads::MustReadRow,
    reach: MustReadReach,
    state: ReachState,
    people: Page<ReachPerson>,
}

impl OnePage {
    fn paragraphs(&self) -> Vec<&str> {
        self.row.body.split("\n\n").collect()
    }

    fn state_label(&self, state: &ReachState) -> &'static str {
        let l = self.frame.l;
        match state {
            ReachState::NotReached => l.tr("Pas encore atteints", "Not reached yet"),
            ReachState::Mailed => l.tr("Reçu par e-mail", "Received by e-mail"),
            ReachState::ReadInApp => l.tr("Lu dans l'application", "Read in the app"),
        }
    }

    fn states(&self) -> [ReachState; 3] {
        [ReachState::NotReached, ReachState::Mailed, ReachState::ReadInApp]
    }
}

#[derive(Deserialize, Default)]
struct OneQuery {
    #[serde(default)]
    state: String,
    cursor: Option<String>,
}

/// One message: what it says, how far it reached, and who stands where.
async fn one(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Path(id): Path<Uuid>,
    Query(query): Query<OneQuery>,
) -> PageResult {
    let wanted = ReachState::parse(&query.state).unwrap_or(ReachState::NotReached);
    let mut tx = state.db.begin_read().await?;
    let row = reach::visible_to(&mut tx, &admin.actor(), id).await?;
    let people = reach::people(&mut tx, id, wanted, &query.cursor, PAGE).await?;
    tx.commit().await?;
    let reach = row.reach();
    Ok(render(&OnePage { frame: admin.frame("must_reads", notice), row, reach, state: wanted, people }))
}
