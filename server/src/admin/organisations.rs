//! The organisation tree in the console: one level at a time (a federation may hold
//! thousands of associations), create, rename, move, archive. Federation administrators
//! shape the tree; an association manager sees and renames their own associations only.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use fabrique_wire::organisations::Organisation;
use serde::Deserialize;
use uuid::Uuid;

use super::session::{Admin, AdminForm, Notice};
use super::{Frame, PageResult, Pager, commit, done, render};
use crate::auth::{in_scope, not_yours};
use crate::error::ErrorCode;
use crate::organisations::{self, TreeLine};
use crate::sync::log::ChangeSet;
use crate::{AppState, on_tx};
use fabrique_wire::organisations::NAME_MAX;

const PAGE: i64 = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/organisations", get(tree).post(create))
        .route("/admin/organisations/{id}/rename", post(rename))
        .route("/admin/organisations/{id}/move", post(move_to))
        .route("/admin/organisations/{id}/archive", get(confirm_archive).post(archive))
}

#[derive(Deserialize)]
struct TreeQuery {
    #[serde(default, deserialize_with = "super::optional")]
    parent: Option<Uuid>,
    #[serde(default)]
    after: String,
}

#[derive(Template)]
#[template(path = "admin/organisations.html")]
struct TreePage {
    frame: Frame,
    /// From the root down to the level shown.
    path: Vec<Organisation>,
    parent: Option<Organisation>,
    lines: Vec<TreeLine>,
    pager: Pager,
    /// Where an organisation may move: the federation and the regional bodies (by name).
    parents: Vec<super::people::OrganisationChoice>,
}

async fn tree(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Query(query): Query<TreeQuery>,
) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let (path, lines) = if admin.is_federation_admin {
        let path = match query.parent {
            Some(id) => organisations::ancestry(&mut tx, id).await?,
            None => Vec::new(),
        };
        if query.parent.is_some() && path.is_empty() {
            return Err(not_yours().into());
        }
        (path, organisations::children(&mut tx, query.parent, &query.after, PAGE + 1).await?)
    } else {
        // A manager's own organisations, flat: the tree above them is not theirs to shape.
        let sql = format!(
            "SELECT o.id, o.kind, o.name, o.archived_at IS NOT NULL AS archived, \
                (SELECT COUNT(*) FROM people p WHERE p.organisation_id = o.id AND p.deactivated_at IS NULL) AS people, \
                CAST(0 AS BIGINT) AS children \
             FROM organisations o WHERE {} AND o.name > $2 ORDER BY o.name LIMIT $3",
            in_scope(&tx, "o.id", 1)
        );
        let scope = admin.scope().as_json();
        let lines: Vec<TreeLine> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(&scope).bind(&query.after).bind(PAGE + 1).fetch_all(c).await)?;
        (Vec::new(), lines)
    };
    let parents: Vec<super::people::OrganisationChoice> = if admin.is_federation_admin {
        on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT id, name FROM organisations WHERE kind IN ('federation', 'region') AND archived_at IS NULL \
             ORDER BY kind = 'federation' DESC, name LIMIT 500")
            .fetch_all(c).await)?
    } else {
        Vec::new()
    };
    tx.commit().await?;
    let mut lines = lines;
    let next = if lines.len() as i64 > PAGE {
        lines.truncate(PAGE as usize);
        lines.last().map(|l| l.name.clone())
    } else {
        None
    };
    let parent = path.last().cloned();
    Ok(render(&TreePage {
        frame: admin.frame("organisations", notice),
        path,
        parent,
        lines,
        pager: Pager { next },
        parents,
    }))
}

#[derive(Deserialize)]
struct CreateForm {
    parent_id: Uuid,
    kind: String,
    name: String,
}

async fn create(State(state): State<AppState>, form: AdminForm<CreateForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    admin.require_federation_admin()?;
    let kind = match form.kind.as_str() {
        "region" => fabrique_wire::organisations::OrganisationKind::Region,
        _ => fabrique_wire::organisations::OrganisationKind::Association,
    };
    let name = crate::fields::text(
        "name",
        &form.name,
        NAME_MAX,
        crate::fields::Presence::Required,
        crate::fields::Lines::One,
    )?;
    let mut tx = state.db.begin_write().await?;
    let parent =
        organisations::load(&mut tx, form.parent_id).await?.ok_or_else(organisations::organisation_not_found)?;
    if parent.kind == fabrique_wire::organisations::OrganisationKind::Association {
        return Err(crate::error::ApiError::invalid(
            ErrorCode::InvalidParent,
            admin.lang.tr(
                "Une association ne peut pas contenir d'autres organisations.",
                "An association cannot hold other organisations.",
            ),
        )
        .into());
    }
    let kind_text = organisations::kind_to_str(&kind);
    let id = organisations::insert(&mut tx, Some(parent.id), kind_text, &name).await?;
    crate::audit::record(
        &mut tx,
        Some(admin.person_id),
        crate::audit::Action::OrganisationCreate,
        "organisation",
        Some(id),
        serde_json::json!({ "name": name, "kind": kind_text }),
    )
    .await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done(&format!("/admin/organisations?parent={}", parent.id), "organisation_created"))
}

#[derive(Deserialize)]
struct RenameForm {
    name: String,
}

async fn rename(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<RenameForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    admin.require(id)?;
    let mut tx = state.db.begin_write().await?;
    organisations::rename(&mut tx, &admin.actor(), id, &form.name).await?;
    let parent: Option<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT parent_id FROM organisations WHERE id = $1").bind(id).fetch_one(c).await)?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done(&back_to(&admin, parent), "organisation_changed"))
}

#[derive(Deserialize)]
struct MoveForm {
    parent_id: Uuid,
}

async fn move_to(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<MoveForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    admin.require_federation_admin()?;
    let mut tx = state.db.begin_write().await?;
    let mut changes = ChangeSet::default();
    organisations::move_to(&mut tx, &admin.actor(), id, form.parent_id, &mut changes).await?;
    commit(&state, tx, changes).await?;
    Ok(done(&back_to(&admin, Some(form.parent_id)), "organisation_changed"))
}

async fn confirm_archive(State(state): State<AppState>, admin: Admin, Path(id): Path<Uuid>) -> PageResult {
    admin.require_federation_admin()?;
    let mut tx = state.db.begin_read().await?;
    let organisation = organisations::load(&mut tx, id).await?.ok_or_else(not_yours)?;
    tx.commit().await?;
    let l = admin.lang;
    Ok(render(&super::Confirm {
        title: format!("{} {} ?", l.tr("Archiver", "Archive"), organisation.name),
        text: l
            .tr(
                "On ne pourra plus y inviter personne. Ses membres et ses groupes restent tels qu'ils sont.",
                "Nobody can be invited into it any more. Its people and groups stay as they are.",
            )
            .to_owned(),
        action: format!("/admin/organisations/{id}/archive"),
        button: l.tr("Archiver", "Archive").to_owned(),
        back: back_to(&admin, organisation.parent_id),
        frame: admin.frame("organisations", Notice(None)),
    }))
}

#[derive(Deserialize)]
struct ArchiveForm {}

async fn archive(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<ArchiveForm>) -> PageResult {
    let admin = form.admin;
    admin.require_federation_admin()?;
    let mut tx = state.db.begin_write().await?;
    organisations::archive(&mut tx, &admin.actor(), id).await?;
    let parent: Option<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT parent_id FROM organisations WHERE id = $1").bind(id).fetch_one(c).await)?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done(&back_to(&admin, parent), "organisation_archived"))
}

fn back_to(admin: &Admin, parent: Option<Uuid>) -> String {
    match parent {
        Some(parent) if admin.is_federation_admin => format!("/admin/organisations?parent={parent}"),
        _ => "/admin/organisations".into(),
    }
}
