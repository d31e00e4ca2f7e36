//! People in the console: the list with search and filters, one person's page (deactivate,
//! reactivate, erase at the person's request or cancel it, roles), inviting one person, and inviting many from a CSV file with a report
//! of each row. A manager sees and acts on the people of their own associations only.

use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use fabrique_wire::accounts::InvitedRole;
use serde::Deserialize;
use uuid::Uuid;

use super::session::{Admin, AdminForm, NoFields, Notice, check_csrf};
use super::{Frame, PageError, PageResult, commit, done, render};
use crate::auth::{in_scope, not_yours};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::people::erasure::{self, AskedBy, Standing, Writings};
use crate::sync::log::ChangeSet;
use crate::{AppState, accounts, exports, on_tx, people};
use fabrique_wire::exports::{DataExport, ExportState};

const PAGE: i64 = 50;
/// Rows one CSV import may hold (a larger list is split in several files).
pub const MAX_IMPORT_ROWS: usize = 2000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/people", get(list))
        .route("/admin/people/invite", get(invite_page).post(invite))
        .route("/admin/people/import", get(import_page).post(import))
        .route("/admin/people/{id}", get(person_page))
        .route("/admin/people/{id}/deactivate", get(confirm_deactivate).post(deactivate))
        .route("/admin/people/{id}/reactivate", post(reactivate))
        .route("/admin/people/{id}/erase", get(confirm_erase).post(erase))
        .route("/admin/people/{id}/erasure-cancel", post(cancel_erasure))
        .route("/admin/people/{id}/exports", post(ask_export))
        .route("/admin/people/{id}/exports/{export}", get(download_export))
        .route("/admin/people/{id}/role", post(set_role))
        .route("/admin/people/{id}/password-reset", post(send_reset_link))
}

pub async fn count_in_scope(tx: &mut Tx, admin: &Admin) -> ApiResult<i64> {
    let sql = format!(
        "SELECT COUNT(*) FROM people p WHERE p.deactivated_at IS NULL AND {}",
        in_scope(tx, "p.organisation_id", 1)
    );
    let scope = admin.scope().as_json();
    let count: i64 =
        on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.clone())).bind(&scope).fetch_one(c).await)?;
    Ok(count)
}

/// The organisations a console user may pick (invite into, filter by): theirs, or all.
#[derive(sqlx::FromRow, Clone)]
pub struct OrganisationChoice {
    pub id: Uuid,
    pub name: String,
}

pub async fn choices(tx: &mut Tx, admin: &Admin) -> ApiResult<Vec<OrganisationChoice>> {
    let sql = format!(
        "SELECT id, name FROM organisations o WHERE archived_at IS NULL AND {} \
         ORDER BY o.kind = 'federation' DESC, o.kind = 'region' DESC, name LIMIT 1000",
        in_scope(tx, "o.id", 1)
    );
    let scope = admin.scope().as_json();
    let rows: Vec<OrganisationChoice> =
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(&scope).fetch_all(c).await)?;
    Ok(rows)
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default, deserialize_with = "super::optional")]
    organisation: Option<Uuid>,
    /// `active` (default), `deactivated`, `all`.
    #[serde(default)]
    status: String,
    /// `any` (default), `manager`, `federation_admin`.
    #[serde(default)]
    role: String,
    #[serde(default)]
    after_name: String,
    #[serde(default, deserialize_with = "super::optional")]
    after_id: Option<Uuid>,
}

#[derive(sqlx::FromRow)]
pub struct PersonLine {
    pub id: Uuid,
    pub display_name: String,
    pub email: String,
    pub organisation_name: String,
    pub platform_role: String,
    pub manager: bool,
    pub deactivated: bool,
}

#[derive(Template)]
#[template(path = "admin/people.html")]
struct ListPage {
    frame: Frame,
    q: String,
    organisation: Option<Uuid>,
    status: String,
    role: String,
    organisations: Vec<OrganisationChoice>,
    lines: Vec<PersonLine>,
    next: Option<String>,
}

impl ListPage {
    fn is_selected(&self, id: &Uuid) -> bool {
        self.organisation == Some(*id)
    }
}

async fn list(
    State(state): State<AppState>,
    admin: Admin,
    notice: Notice,
    Query(query): Query<ListQuery>,
) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    if let Some(organisation) = query.organisation {
        admin.require(organisation)?;
    }
    let status = match query.status.as_str() {
        "deactivated" | "all" => query.status.clone(),
        _ => "active".to_owned(),
    };
    let role = match query.role.as_str() {
        "manager" | "federation_admin" => query.role.clone(),
        _ => "any".to_owned(),
    };
    let pattern = super::contains(&query.q);
    let sql = format!(
        "SELECT p.id, p.display_name, p.email, o.name AS organisation_name, p.platform_role, \
            EXISTS (SELECT 1 FROM organisation_managers m WHERE m.person_id = p.id) AS manager, p.deactivated_at IS NOT NULL AS deactivated \
         FROM people p JOIN organisations o ON o.id = p.organisation_id \
         WHERE {} AND (LOWER(p.display_name) LIKE $2 OR p.email LIKE $2) \
           AND ($3 IS NULL OR p.organisation_id = $3) \
           AND ($4 = 'all' OR ($4 = 'active' AND p.deactivated_at IS NULL) OR ($4 = 'deactivated' AND p.deactivated_at IS NOT NULL)) \
           AND ($5 = 'any' OR ($5 = 'federation_admin' AND p.platform_role = 'federation_admin') \
                OR ($5 = 'manager' AND EXISTS (SELECT 1 FROM organisation_managers m WHERE m.person_id = p.id))) \
           AND (p.display_name > $6 OR (p.display_name = $6 AND p.id > $7)) \
         ORDER BY p.display_name, p.id LIMIT $8",
        in_scope(&tx, "p.organisation_id", 1)
    );
    let scope = admin.scope().as_json();
    let after_id = query.after_id.unwrap_or(Uuid::nil());
    let mut lines: Vec<PersonLine> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(&scope).bind(&pattern).bind(query.organisation).bind(&status).bind(&role)
        .bind(&query.after_name).bind(after_id).bind(PAGE + 1).fetch_all(c).await)?;
    let organisations = choices(&mut tx, &admin).await?;
    tx.commit().await?;
    let next = if lines.len() as i64 > PAGE {
        lines.truncate(PAGE as usize);
        lines.last().map(|last| {
            let mut next = format!(
                "q={}&status={status}&role={role}&after_name={}&after_id={}",
                super::url_encode(&query.q),
                super::url_encode(&last.display_name),
                last.id
            );
            if let Some(organisation) = query.organisation {
                next.push_str(&format!("&organisation={organisation}"));
            }
            next
        })
    } else {
        None
    };
    Ok(render(&ListPage {
        frame: admin.frame("people", notice),
        q: query.q,
        organisation: query.organisation,
        status,
        role,
        organisations,
        lines,
        next,
    }))
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: Uuid,
    display_name: String,
    email: String,
    function: String,
    organisation_id: Uuid,
    organisation_name: String,
    platform_role: String,
    created_at: DateTime<Utc>,
    deactivated_at: Option<DateTime<Utc>>,
    suspended_until: Option<DateTime<Utc>>,
    charter_version: Option<i64>,
}

#[derive(Template)]
#[template(path = "admin/person.html")]
struct PersonPage {
    frame: Frame,
    person: PersonRow,
    manager: bool,
    groups: Vec<(Uuid, String, String)>,
    erasure: Standing,
    /// Copies of their data of the last 7 days.
    exports: Vec<DataExport>,
}

async fn person_page(State(state): State<AppState>, admin: Admin, notice: Notice, Path(id): Path<Uuid>) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let person: Option<PersonRow> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT p.id, p.display_name, p.email, p.function, p.organisation_id, o.name AS organisation_name, p.platform_role, \
            p.created_at, p.deactivated_at, p.suspended_until, p.charter_version \
         FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1")
        .bind(id).fetch_optional(c).await)?;
    let person = person.filter(|p| admin.may_act_on(p.organisation_id)).ok_or_else(not_yours)?;
    let manager: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM organisation_managers WHERE person_id = $1 AND organisation_id = $2")
        .bind(id).bind(person.organisation_id).fetch_optional(c).await)?;
    let groups: Vec<(Uuid, String, String)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT g.id, g.name, m.role FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.person_id = $1 AND g.deleted_at IS NULL ORDER BY g.name LIMIT 200")
        .bind(id).fetch_all(c).await)?;
    let erasure = erasure::standing(&mut tx, id).await?;
    let exports = exports::of_person(&mut tx, &state.settings, id, Utc::now()).await?;
    tx.commit().await?;
    Ok(render(&PersonPage {
        frame: admin.frame("people", notice),
        person,
        manager: manager.is_some(),
        groups,
        erasure,
        exports,
    }))
}

async fn confirm_deactivate(State(state): State<AppState>, admin: Admin, Path(id): Path<Uuid>) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let person: Option<(String, Uuid)> = on_tx!(&mut tx, c => sqlx::query_as("SELECT display_name, organisation_id FROM people WHERE id = $1")
        .bind(id).fetch_optional(c).await)?;
    tx.commit().await?;
    let (name, _) = person.filter(|(_, organisation)| admin.may_act_on(*organisation)).ok_or_else(not_yours)?;
    let l = admin.lang;
    Ok(render(&super::Confirm {
        title: format!("{} {name} ?", l.tr("Désactiver le compte de", "Deactivate the account of")),
        text: l
            .tr(
                "Cette personne ne pourra plus se connecter, sur aucun appareil, et ne recevra plus de notifications. Ce qu'elle a écrit reste. Vous pourrez réactiver son compte plus tard.",
                "This person will no longer be able to sign in, on any device, nor receive notifications. What they wrote stays. You can reactivate the account later.",
            )
            .to_owned(),
        action: format!("/admin/people/{id}/deactivate"),
        button: l.tr("Désactiver le compte", "Deactivate the account").to_owned(),
        back: format!("/admin/people/{id}"),
        frame: admin.frame("people", Notice(None)),
    }))
}

async fn deactivate(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<NoFields>) -> PageResult {
    let admin = form.admin;
    let mut tx = state.db.begin_write().await?;
    let mut changes = ChangeSet::default();
    people::deactivate(&mut tx, &admin.actor(), id, &mut changes).await.map_err(hide_other_associations)?;
    commit(&state, tx, changes).await?;
    Ok(done(&format!("/admin/people/{id}"), "person_deactivated"))
}

async fn reactivate(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<NoFields>) -> PageResult {
    let admin = form.admin;
    let mut tx = state.db.begin_write().await?;
    people::reactivate(&mut tx, &admin.actor(), id).await.map_err(hide_other_associations)?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done(&format!("/admin/people/{id}"), "person_reactivated"))
}

async fn confirm_erase(State(state): State<AppState>, admin: Admin, Path(id): Path<Uuid>) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let person: Option<(String, Uuid)> = on_tx!(&mut tx, c => sqlx::query_as("SELECT display_name, organisation_id FROM people WHERE id = $1 AND erased_at IS NULL")
        .bind(id).fetch_optional(c).await)?;
    let writings = erasure::writings(&mut tx).await?;
    tx.commit().await?;
    let (name, _) = person.filter(|(_, organisation)| admin.may_act_on(*organisation)).ok_or_else(not_yours)?;
    let l = admin.lang;
    let what_stays = match writings {
        Writings::Kept => l.tr(
            "Ce qu'elle a écrit dans les groupes reste, signé « Ancien membre ».",
            "What they wrote in groups stays, signed \"Ancien membre\".",
        ),
        Writings::Removed => {
            l.tr("Ce qu'elle a écrit dans les groupes est effacé aussi.", "What they wrote in groups is erased too.")
        }
    };
    Ok(render(&super::Confirm {
        title: format!("{} {name} ?", l.tr("Effacer le compte et les données de", "Erase the account and the data of")),
        text: format!(
            "{} {what_stays} {}",
            l.tr(
                "À faire quand la personne le demande (par lettre, par e-mail, de vive voix). Son compte est fermé aussitôt, sur tous ses appareils, et sera effacé pour de bon dans 14 jours : profil, compétences, réglages, appareils, fichiers, notifications ; ses messages dans les conversations deviendront « message supprimé ».",
                "To do when the person asks (by letter, by e-mail, in person). Their account closes at once, on every device, and is erased for good in 14 days: profile, skills, settings, devices, files, notifications; their messages in conversations will read \"message supprimé\".",
            ),
            l.tr(
                "Elle en est prévenue par e-mail. Vous pouvez annuler pendant ces 14 jours ; ensuite, plus rien ne peut être rendu.",
                "They are told by e-mail. You can cancel during these 14 days; after that, nothing can be brought back.",
            ),
        ),
        action: format!("/admin/people/{id}/erase"),
        button: l.tr("Effacer le compte", "Erase the account").to_owned(),
        back: format!("/admin/people/{id}"),
        frame: admin.frame("people", Notice(None)),
    }))
}

async fn erase(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<NoFields>) -> PageResult {
    let admin = form.admin;
    let mut tx = state.db.begin_write().await?;
    people::may_administer(&mut tx, &admin.actor(), id).await.map_err(hide_other_associations)?;
    if id == admin.person_id {
        return Err(ApiError::invalid(
            ErrorCode::CannotDeactivateSelf,
            "You cannot erase your own account from the console: do it from the app.",
        )
        .into());
    }
    let mut changes = ChangeSet::default();
    erasure::request(&mut tx, &state.settings, id, AskedBy::Administrator(admin.person_id), Utc::now(), &mut changes)
        .await?;
    commit(&state, tx, changes).await?;
    Ok(done(&format!("/admin/people/{id}"), "erasure_requested"))
}

/// A copy of a person's data, for someone who asked by letter: the administrator downloads
/// it here when ready and passes it on (the person is not told by the server).
async fn ask_export(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<NoFields>) -> PageResult {
    let admin = form.admin;
    let mut tx = state.db.begin_write().await?;
    people::may_administer(&mut tx, &admin.actor(), id).await.map_err(hide_other_associations)?;
    exports::request(&mut tx, &state.settings, id, Some(admin.person_id), Utc::now()).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    exports::start(&state);
    Ok(done(&format!("/admin/people/{id}"), "export_asked"))
}

async fn download_export(
    State(state): State<AppState>,
    admin: Admin,
    Path((id, export)): Path<(Uuid, Uuid)>,
) -> Result<axum::response::Response, PageError> {
    let mut tx = state.db.begin_read().await?;
    people::may_administer(&mut tx, &admin.actor(), id).await.map_err(hide_other_associations)?;
    let ready: Option<i64> = on_tx!(&mut tx, c => sqlx::query_scalar(
        "SELECT CAST(1 AS BIGINT) FROM data_exports WHERE id = $1 AND person_id = $2 AND state = 'ready' AND expires_at > $3")
        .bind(export).bind(id).bind(Utc::now()).fetch_optional(c).await)?;
    tx.commit().await?;
    if ready.is_none() {
        return Err(
            ApiError::not_found(ErrorCode::ExportNotFound, "This copy is not ready, or its 7 days are over.").into()
        );
    }
    Ok(exports::archive_response(&state.settings.files_dir, export).await?)
}

async fn cancel_erasure(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<NoFields>) -> PageResult {
    let admin = form.admin;
    let mut tx = state.db.begin_write().await?;
    people::may_administer(&mut tx, &admin.actor(), id).await.map_err(hide_other_associations)?;
    erasure::cancel(&mut tx, admin.person_id, id).await?;
    commit(&state, tx, ChangeSet::default()).await?;
    Ok(done(&format!("/admin/people/{id}"), "erasure_cancelled"))
}

/// A link to choose a new password, for a person who cannot sign in any more: mailed to
/// them, or shown here to pass on when the server sends no mail.
async fn send_reset_link(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<NoFields>) -> PageResult {
    let admin = form.admin;
    accounts::rate_limit::check(&state.db, &format!("reset:person:{id}"), 5, 3600).await?;
    let mut tx = state.db.begin_write().await?;
    people::may_administer(&mut tx, &admin.actor(), id).await.map_err(hide_other_associations)?;
    let name: String = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT display_name FROM people WHERE id = $1").bind(id).fetch_one(c).await)?;
    let (link, mailed) = accounts::reset::send_link(
        &mut tx,
        &state.settings,
        id,
        admin.lang,
        Some((admin.person_id, admin.name.clone())),
    )
    .await?;
    tx.commit().await?;
    if mailed {
        return Ok(done(&format!("/admin/people/{id}"), "reset_link_mailed"));
    }
    let l = admin.lang;
    Ok(render(&super::LinkPage {
        heading: format!("{} {name}", l.tr("Un lien pour", "A link for")),
        text: l.tr(
            "Ce serveur n'envoie pas d'e-mails : transmettez ce lien à la personne, de vive voix ou par message. Il sert une fois, pendant une heure, et ne sera plus affiché.",
            "This server sends no e-mail: pass this link on to the person, in person or by message. It works once, for one hour, and will not be shown again.",
        ).into(),
        link,
        back_href: format!("/admin/people/{id}"),
        back_label: l.tr("Retour à sa fiche", "Back to their page").into(),
        frame: admin.frame("people", Notice(None)),
    }))
}

#[derive(Deserialize)]
struct RoleForm {
    /// `manager`, `not_manager`, `federation_admin`, `not_federation_admin`.
    change: String,
}

async fn set_role(State(state): State<AppState>, Path(id): Path<Uuid>, form: AdminForm<RoleForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    let actor = admin.actor();
    let mut tx = state.db.begin_write().await?;
    let mut changes = ChangeSet::default();
    match form.change.as_str() {
        "manager" => people::set_manager(&mut tx, &actor, id, true, &mut changes).await,
        "not_manager" => people::set_manager(&mut tx, &actor, id, false, &mut changes).await,
        "federation_admin" => people::set_federation_admin(&mut tx, &actor, id, true, &mut changes).await,
        "not_federation_admin" => people::set_federation_admin(&mut tx, &actor, id, false, &mut changes).await,
        _ => Err(ApiError::invalid(ErrorCode::InvalidForm, "Unknown role change.")),
    }
    .map_err(hide_other_associations)?;
    commit(&state, tx, changes).await?;
    Ok(done(&format!("/admin/people/{id}"), "role_changed"))
}

/// A person of another association is "not found" to a manager, like one that does not exist.
fn hide_other_associations(error: ApiError) -> ApiError {
    match error.as_client() {
        Some(("person_not_found", _)) => not_yours(),
        _ => error,
    }
}

// ---------------------------------------------------------------------------------------
// Inviting

#[derive(Template)]
#[template(path = "admin/invite.html")]
struct InvitePage {
    frame: Frame,
    organisations: Vec<OrganisationChoice>,
    email: String,
    error: Option<String>,
    invited: Option<fabrique_wire::accounts::Invitation>,
}

async fn invite_page(State(state): State<AppState>, admin: Admin, notice: Notice) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let organisations = choices(&mut tx, &admin).await?;
    tx.commit().await?;
    Ok(render(&InvitePage {
        frame: admin.frame("people", notice),
        organisations,
        email: String::new(),
        error: None,
        invited: None,
    }))
}

#[derive(Deserialize)]
struct InviteForm {
    email: String,
    organisation_id: Uuid,
    #[serde(default)]
    role: String,
}

fn role_of(text: &str) -> Option<InvitedRole> {
    match text.trim().to_lowercase().as_str() {
        "" | "member" | "membre" => Some(InvitedRole::Member),
        "manager" | "responsable" | "gestionnaire" => Some(InvitedRole::Manager),
        _ => None,
    }
}

async fn invite(State(state): State<AppState>, form: AdminForm<InviteForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    accounts::rate_limit::check(&state.db, &format!("invite:account:{}", admin.person_id), 500, 3600).await?;
    let role = role_of(&form.role).unwrap_or(InvitedRole::Member);
    let mut tx = state.db.begin_write().await?;
    let outcome = if admin.may_act_on(form.organisation_id) {
        accounts::invite(&mut tx, &state.settings, &admin.actor(), &form.email, form.organisation_id, role, admin.lang)
            .await
    } else {
        Err(not_yours())
    };
    match outcome {
        Ok(invitation) => {
            commit(&state, tx, ChangeSet::default()).await?;
            let mut read = state.db.begin_read().await?;
            let organisations = choices(&mut read, &admin).await?;
            read.commit().await?;
            Ok(render(&InvitePage {
                frame: admin.frame("people", Notice(None)),
                organisations,
                email: String::new(),
                error: None,
                invited: Some(invitation),
            }))
        }
        Err(error @ ApiError::Client { .. }) => {
            drop(tx);
            let message = invite_error(&admin, &error);
            let mut read = state.db.begin_read().await?;
            let organisations = choices(&mut read, &admin).await?;
            read.commit().await?;
            let mut response = render(&InvitePage {
                frame: admin.frame("people", Notice(None)),
                organisations,
                email: form.email,
                error: Some(message),
                invited: None,
            });
            if let ApiError::Client { status, .. } = error {
                *response.status_mut() = status;
            }
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

/// The sentence for an invitation that could not be made, in the console's language.
fn invite_error(admin: &Admin, error: &ApiError) -> String {
    let l = admin.lang;
    match error.as_client().map(|(code, _)| code) {
        Some("invalid_email") | Some("invalid_field") => {
            l.tr("Cette adresse e-mail n'est pas valide.", "This email address is not valid.").into()
        }
        Some("account_exists") => {
            l.tr("Un compte existe déjà avec cette adresse.", "An account already exists with this address.").into()
        }
        Some("organisation_archived") => {
            l.tr("Cette organisation est archivée.", "This organisation is archived.").into()
        }
        Some("organisation_not_found") | Some("not_found") | Some("forbidden") => l
            .tr("Vous ne pouvez pas inviter dans cette organisation.", "You cannot invite into this organisation.")
            .into(),
        _ => error.as_client().map(|(_, m)| m.to_owned()).unwrap_or_default(),
    }
}

// ---------------------------------------------------------------------------------------
// Importing a CSV file

/// What happened to one row of an imported file.
pub struct ImportLine {
    pub line: usize,
    pub email: String,
    pub organisation: String,
    /// The invitation's link, to pass on when it was not mailed.
    pub code: Option<String>,
    pub mailed: bool,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/import.html")]
struct ImportPage {
    frame: Frame,
    organisations: Vec<OrganisationChoice>,
    error: Option<String>,
    report: Option<Vec<ImportLine>>,
    invited: usize,
    failed: usize,
    /// Whether invitations leave by mail (else the report shows links to pass on).
    mail: bool,
}

async fn import_page(State(state): State<AppState>, admin: Admin, notice: Notice) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let organisations = choices(&mut tx, &admin).await?;
    tx.commit().await?;
    Ok(render(&ImportPage {
        frame: admin.frame("people", notice),
        organisations,
        error: None,
        report: None,
        invited: 0,
        failed: 0,
        mail: state.settings.mail.is_some(),
    }))
}

async fn import(State(state): State<AppState>, admin: Admin, mut multipart: Multipart) -> PageResult {
    let l = admin.lang;
    let mut csrf = String::new();
    let mut organisation: Option<Uuid> = None;
    let mut file: Option<Vec<u8>> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => {
                return Err(ApiError::bad_request(
                    ErrorCode::UploadFailed,
                    l.tr(
                        "Le fichier n'a pas pu être reçu (trop gros ? 256 Ko au plus). Rien n'a été importé.",
                        "The file could not be received (too large? 256 KB at most). Nothing was imported.",
                    ),
                )
                .into());
            }
        };
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            Some("organisation_id") => organisation = field.text().await.ok().and_then(|t| t.parse().ok()),
            Some("file") => file = field.bytes().await.ok().map(|b| b.to_vec()),
            _ => {}
        }
    }
    if let Err(response) = check_csrf(&admin, &csrf) {
        return Ok(*response);
    }
    accounts::rate_limit::check(&state.db, &format!("import:account:{}", admin.person_id), 20, 3600).await?;
    let mut tx = state.db.begin_read().await?;
    let organisations = choices(&mut tx, &admin).await?;
    tx.commit().await?;
    let page = |error: Option<String>, report: Option<Vec<ImportLine>>| {
        let invited = report.as_ref().map_or(0, |r| r.iter().filter(|l| l.code.is_some()).count());
        let failed = report.as_ref().map_or(0, |r| r.iter().filter(|l| l.error.is_some()).count());
        render(&ImportPage {
            frame: admin.frame("people", Notice(None)),
            organisations: organisations.clone(),
            error,
            report,
            invited,
            failed,
            mail: state.settings.mail.is_some(),
        })
    };
    let Some(default_organisation) = organisation.filter(|id| admin.may_act_on(*id)) else {
        return Ok(page(
            Some(
                l.tr(
                    "Choisissez l'organisation des personnes invitées.",
                    "Choose the organisation of the invited people.",
                )
                .into(),
            ),
            None,
        ));
    };
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        return Ok(page(Some(l.tr("Choisissez un fichier CSV.", "Choose a CSV file.").into()), None));
    };
    let rows = match parse_csv(&file, l) {
        Ok(rows) => rows,
        Err(message) => return Ok(page(Some(message), None)),
    };
    let mut report = Vec::with_capacity(rows.len());
    let mut seen = std::collections::HashMap::new();
    for row in rows {
        let email = row.email.trim().to_lowercase();
        let mut line = ImportLine {
            line: row.line,
            email: row.email.clone(),
            organisation: String::new(),
            code: None,
            mailed: false,
            error: None,
        };
        if let Some(first) = seen.get(&email) {
            line.error =
                Some(format!("{} {first}.", l.tr("Adresse déjà présente à la ligne", "Address already on line")));
            report.push(line);
            continue;
        }
        seen.insert(email.clone(), row.line);
        let Some(role) = role_of(&row.role) else {
            line.error = Some(format!(
                "{} « {} » ({})",
                l.tr("Rôle inconnu", "Unknown role"),
                row.role,
                l.tr("membre ou responsable", "member or manager")
            ));
            report.push(line);
            continue;
        };
        let target = match row.organisation.trim() {
            "" => Some(default_organisation),
            named => organisations
                .iter()
                .find(|o| o.name.eq_ignore_ascii_case(named) || o.id.to_string() == named)
                .map(|o| o.id),
        };
        let Some(target) = target else {
            line.error = Some(format!(
                "{} « {} »",
                l.tr("Organisation inconnue ou hors de votre périmètre :", "Unknown organisation, or not yours:"),
                row.organisation.trim()
            ));
            report.push(line);
            continue;
        };
        line.organisation = organisations.iter().find(|o| o.id == target).map(|o| o.name.clone()).unwrap_or_default();
        // Each row on its own: a bad row changes nothing, the good ones are kept.
        let mut tx = state.db.begin_write().await?;
        match accounts::invite(&mut tx, &state.settings, &admin.actor(), &email, target, role, admin.lang).await {
            Ok(invitation) => {
                tx.commit().await?;
                line.mailed = invitation.mailed;
                line.code = Some(invitation.link);
            }
            Err(error @ ApiError::Client { .. }) => line.error = Some(invite_error(&admin, &error)),
            Err(other) => return Err(PageError(other)),
        }
        report.push(line);
    }
    Ok(page(None, Some(report)))
}

struct CsvRow {
    line: usize,
    email: String,
    role: String,
    organisation: String,
}

/// Reads the file: a header line naming an `email` column (`role` and `organisation`
/// optional), separated by commas or semicolons (as spreadsheets in French save them).
fn parse_csv(bytes: &[u8], l: super::Lang) -> Result<Vec<CsvRow>, String> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|_| {
        l.tr(
            "Ce fichier n'est pas un texte UTF-8. Dans votre tableur, enregistrez-le en « CSV UTF-8 ».",
            "This file is not UTF-8 text. In your spreadsheet, save it as \"CSV UTF-8\".",
        )
        .to_owned()
    })?;
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|_| {
            l.tr("La première ligne du fichier est illisible.", "The file's first line cannot be read.").to_owned()
        })?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let Some(email_column) = column(&["email", "e-mail", "courriel", "adresse e-mail", "adresse"]) else {
        return Err(l
            .tr(
                "La première ligne doit nommer les colonnes, dont une colonne « email » (et, si besoin, « role » et « organisation »).",
                "The first line must name the columns, one of them \"email\" (and, if needed, \"role\" and \"organisation\").",
            )
            .to_owned());
    };
    let role_column = column(&["role", "rôle"]);
    let organisation_column = column(&["organisation", "organization", "association"]);
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|_| format!("{} {line}.", l.tr("Ligne illisible :", "Unreadable line:")))?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_IMPORT_ROWS {
            return Err(format!(
                "{} {MAX_IMPORT_ROWS} {}",
                l.tr("Un fichier peut contenir", "A file may hold"),
                l.tr(
                    "lignes au plus : partagez la liste en plusieurs fichiers. Rien n'a été importé.",
                    "rows at most: split the list in several files. Nothing was imported."
                )
            ));
        }
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_owned();
        rows.push(CsvRow {
            line,
            email: get(Some(email_column)),
            role: get(role_column),
            organisation: get(organisation_column),
        });
    }
    if rows.is_empty() {
        return Err(l
            .tr("Ce fichier ne contient aucune ligne à importer.", "This file holds no row to import.")
            .to_owned());
    }
    Ok(rows)
}
