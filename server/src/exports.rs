//! Copies of people's data (issue 24, GDPR art. 15 and 20): asked from the app
//! (`POST /v1/exports`) or by an administrator for someone who asked by letter (console),
//! prepared in the background with progress, offered for download for [`KEPT_FOR`].
//!
//! The archive is a ZIP file: `data.json` ([`ExportArchive`], its schema published in the
//! OpenAPI document), the person's files under `files/`, and `LISEZ-MOI.txt` saying what is
//! where. It holds what the person wrote and what is about them, never what others wrote:
//! only their own rows are read, each by the person's id. The person is told when it is
//! ready (a notification, and a mail with the link when the server sends mail).

use std::io::Write;
use std::path::{Path, PathBuf};

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use fabrique_wire::error::ErrorBody;
use fabrique_wire::exports::*;
use fabrique_wire::notifications::NotificationKind;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::{Actor, AuthUser};
use crate::config::Settings;
use crate::db::{Db, Tx};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{Json, Path as UrlPath};
use crate::pokes::Pokes;
use crate::sync::log::ChangeSet;
use crate::{AppState, exec, on_db, on_tx};

/// How long a ready archive can be downloaded.
pub const KEPT_FOR: Duration = Duration::days(7);
/// Copies one person may ask for in 7 days.
const PER_WEEK: i64 = 3;
/// A copy in preparation for longer than this was cut off (a restart): prepared again.
const STALLED_AFTER: Duration = Duration::minutes(30);

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(ask, list)).routes(routes!(download))
}

/// The link mailed and shown in the app (no bearer: a browser opens it).
pub fn router() -> axum::Router<AppState> {
    axum::Router::new().route("/exports/{key}", axum::routing::get(download_by_link))
}

/// Where the archives are kept: beside the uploaded files.
pub fn archives_dir(files_dir: &Path) -> PathBuf {
    files_dir.join("exports")
}

fn archive_path(files_dir: &Path, id: Uuid) -> PathBuf {
    archives_dir(files_dir).join(format!("{id}.zip"))
}

#[derive(sqlx::FromRow)]
struct ExportRow {
    id: Uuid,
    state: String,
    progress: i32,
    size: Option<i64>,
    download_key: Option<String>,
    created_at: DateTime<Utc>,
    ready_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
}

const EXPORT_COLUMNS: &str =
    "SELECT id, state, progress, size, download_key, created_at, ready_at, expires_at FROM data_exports";

fn state_of(text: &str) -> ExportState {
    match text {
        "waiting" => ExportState::Waiting,
        "preparing" => ExportState::Preparing,
        "ready" => ExportState::Ready,
        "expired" => ExportState::Expired,
        _ => ExportState::Failed,
    }
}

/// The link that downloads a ready archive (it carries its own key).
pub fn download_url(settings: &Settings, key: &str) -> String {
    format!("{}/exports/{key}", settings.public_url.trim_end_matches('/'))
}

fn to_wire(row: ExportRow, settings: &Settings) -> DataExport {
    let state = state_of(&row.state);
    DataExport {
        id: row.id,
        state,
        progress: row.progress.clamp(0, 100) as u8,
        requested_at: row.created_at,
        ready_at: row.ready_at,
        expires_at: row.expires_at,
        size: row.size,
        download_url: row.download_key.filter(|_| state == ExportState::Ready).map(|key| download_url(settings, &key)),
    }
}

/// A person's copies of the last 7 days, newest first.
pub async fn of_person(
    tx: &mut Tx,
    settings: &Settings,
    person_id: Uuid,
    now: DateTime<Utc>,
) -> ApiResult<Vec<DataExport>> {
    let sql = format!("{EXPORT_COLUMNS} WHERE person_id = $1 AND created_at > $2 ORDER BY created_at DESC LIMIT 10");
    let rows: Vec<ExportRow> = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(person_id).bind(now - KEPT_FOR).fetch_all(c).await)?;
    Ok(rows.into_iter().map(|row| to_wire(row, settings)).collect())
}

/// Asks for a copy of `person_id`'s data (by them, or `requested_by` an administrator); a
/// copy already waiting or in preparation is answered again. At most [`PER_WEEK`] a week.
pub async fn request(
    tx: &mut Tx,
    settings: &Settings,
    person_id: Uuid,
    requested_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> ApiResult<DataExport> {
    let sql = format!(
        "{EXPORT_COLUMNS} WHERE person_id = $1 AND state IN ('waiting', 'preparing') ORDER BY created_at LIMIT 1"
    );
    let under_way: Option<ExportRow> =
        on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(person_id).fetch_optional(c).await)?;
    if let Some(row) = under_way {
        return Ok(to_wire(row, settings));
    }
    let recent: Vec<DateTime<Utc>> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT created_at FROM data_exports WHERE person_id = $1 AND created_at > $2 ORDER BY created_at")
        .bind(person_id).bind(now - KEPT_FOR).fetch_all(c).await)?;
    if recent.len() as i64 >= PER_WEEK {
        let again = recent[0] + KEPT_FOR - now;
        return Err(ApiError::rate_limited(again.num_seconds().max(1) as u64));
    }
    let id = Uuid::now_v7();
    exec!(tx, sqlx::query("INSERT INTO data_exports (id, person_id, requested_by, state, progress, created_at) VALUES ($1, $2, $3, 'waiting', 0, $4)")
        .bind(id).bind(person_id).bind(requested_by).bind(now))?;
    if let Some(admin) = requested_by {
        crate::audit::record(
            tx,
            Some(admin),
            crate::audit::Action::PersonExport,
            "person",
            Some(person_id),
            serde_json::json!({}),
        )
        .await?;
    }
    let sql = format!("{EXPORT_COLUMNS} WHERE id = $1");
    let row: ExportRow = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(c).await)?;
    Ok(to_wire(row, settings))
}

/// Ask for a copy of one's data: prepared in the background, announced when ready.
#[utoipa::path(post, path = "/v1/exports", tag = "exports", security(("bearer" = [])),
    responses((status = 202, body = DataExport), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn ask(State(state): State<AppState>, AuthUser(actor): AuthUser) -> ApiResult<(StatusCode, Json<DataExport>)> {
    let mut tx = state.db.begin_write().await?;
    let export = request(&mut tx, &state.settings, actor.person_id, None, Utc::now()).await?;
    tx.commit().await?;
    start(&state);
    Ok((StatusCode::ACCEPTED, Json(export)))
}

/// One's copies of the last 7 days, newest first, with their progress and, once ready, the
/// link that downloads them.
#[utoipa::path(get, path = "/v1/exports", tag = "exports", security(("bearer" = [])),
    responses((status = 200, body = Vec<DataExport>), (status = 401, body = ErrorBody)))]
async fn list(State(state): State<AppState>, AuthUser(actor): AuthUser) -> ApiResult<Json<Vec<DataExport>>> {
    let mut tx = state.db.begin_read().await?;
    let exports = of_person(&mut tx, &state.settings, actor.person_id, Utc::now()).await?;
    tx.commit().await?;
    Ok(Json(exports))
}

/// The archive of one of one's ready copies.
#[utoipa::path(get, path = "/v1/exports/{id}", tag = "exports", security(("bearer" = [])),
    responses((status = 200, content_type = "application/zip"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn download(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    UrlPath(id): UrlPath<Uuid>,
) -> ApiResult<Response> {
    let owner: Option<Uuid> = on_db!(&state.db, c => sqlx::query_scalar(
        "SELECT person_id FROM data_exports WHERE id = $1 AND state = 'ready' AND expires_at > $2")
        .bind(id).bind(Utc::now()).fetch_optional(c).await)?;
    if owner != Some(actor.person_id) {
        return Err(not_found());
    }
    archive_response(&state.settings.files_dir, id).await
}

/// The archive through the link mailed and shown in the app (its key is the permission).
async fn download_by_link(
    State(state): State<AppState>,
    axum::extract::Path(key): axum::extract::Path<String>,
) -> ApiResult<Response> {
    let id: Option<Uuid> = on_db!(&state.db, c => sqlx::query_scalar(
        "SELECT id FROM data_exports WHERE download_key = $1 AND state = 'ready' AND expires_at > $2")
        .bind(&key).bind(Utc::now()).fetch_optional(c).await)?;
    archive_response(&state.settings.files_dir, id.ok_or_else(not_found)?).await
}

/// An archive as a download (for the console too).
pub async fn archive_response(files_dir: &Path, id: Uuid) -> ApiResult<Response> {
    let bytes = tokio::fs::read(archive_path(files_dir, id)).await.map_err(|_| not_found())?;
    let name = format!("fabrique-mes-donnees-{}.zip", Utc::now().format("%Y-%m-%d"));
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

fn not_found() -> ApiError {
    ApiError::not_found(
        ErrorCode::ExportNotFound,
        "This copy does not exist, or its 7 days are over: ask for a new one.",
    )
}

/// Prepares what waits, in the background of this instance.
pub fn start(state: &AppState) {
    let (db, settings, pokes) = (state.db.clone(), state.settings.clone(), state.pokes.clone());
    tokio::spawn(async move {
        if let Err(error) = prepare_waiting(&db, &pokes, &settings, Utc::now()).await {
            tracing::warn!(%error, "preparing a copy of someone's data failed");
        }
    });
}

/// Prepares every copy waiting (or cut off by a restart), one at a time, each announced as
/// soon as it is ready (its notification's scopes poked); how many.
pub async fn prepare_waiting(db: &Db, pokes: &Pokes, settings: &Settings, now: DateTime<Utc>) -> ApiResult<usize> {
    let mut prepared = 0;
    loop {
        let mut tx = db.begin_write().await?;
        let claimed: Option<(Uuid, Uuid, Option<Uuid>)> = on_tx!(&mut tx, c => sqlx::query_as(
            "UPDATE data_exports SET state = 'preparing', started_at = $1, progress = 0 WHERE id = \
                (SELECT id FROM data_exports WHERE state = 'waiting' OR (state = 'preparing' AND started_at < $2) \
                 ORDER BY created_at LIMIT 1) \
             RETURNING id, person_id, requested_by")
            .bind(now).bind(now - STALLED_AFTER).fetch_optional(c).await)?;
        tx.commit().await?;
        let Some((id, person_id, requested_by)) = claimed else { return Ok(prepared) };
        match prepare(db, settings, id, person_id).await {
            Ok(size) => {
                pokes.after_commit(ready(db, settings, id, person_id, requested_by, size).await?);
                prepared += 1;
            }
            Err(error) => {
                tracing::warn!(%error, export = %id, "a copy of someone's data could not be prepared");
                let _ = tokio::fs::remove_file(archive_path(&settings.files_dir, id)).await;
                let mut tx = db.begin_write().await?;
                exec!(&mut tx, sqlx::query("UPDATE data_exports SET state = 'failed' WHERE id = $1").bind(id))?;
                tx.commit().await?;
            }
        }
    }
}

async fn set_progress(db: &Db, id: Uuid, progress: i32) -> ApiResult<()> {
    let mut tx = db.begin_write().await?;
    exec!(&mut tx, sqlx::query("UPDATE data_exports SET progress = $1 WHERE id = $2").bind(progress).bind(id))?;
    tx.commit().await?;
    Ok(())
}

/// Marks the copy ready with its link, and tells the person (a notification; a mail with the
/// link when the server sends mail). A copy an administrator asked for is theirs to pass on:
/// the person is not told.
async fn ready(
    db: &Db,
    settings: &Settings,
    id: Uuid,
    person_id: Uuid,
    requested_by: Option<Uuid>,
    size: i64,
) -> ApiResult<Vec<String>> {
    let now = Utc::now();
    let key = crate::auth::random_secret(32);
    let expires_at = now + KEPT_FOR;
    let mut tx = db.begin_write().await?;
    exec!(&mut tx, sqlx::query(
        "UPDATE data_exports SET state = 'ready', progress = 100, size = $1, download_key = $2, ready_at = $3, expires_at = $4 WHERE id = $5")
        .bind(size).bind(&key).bind(now).bind(expires_at).bind(id))?;
    let mut changes = ChangeSet::default();
    if requested_by.is_none() {
        let row: (Uuid, String, String, String) = on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT organisation_id, email, display_name, language FROM people WHERE id = $1")
            .bind(person_id).fetch_one(c).await)?;
        let (organisation_id, email, name, language) = row;
        let me = Actor::acting_as(person_id, organisation_id, false);
        let text = "Vos données sont prêtes à télécharger";
        let mut cause = crate::notifications::Cause::new(NotificationKind::DataExportReady, id, &me, text);
        cause.tell_actor = true;
        crate::notifications::notify(&mut tx, &cause, &[person_id], &mut changes).await?;
        if let Some(config) = &settings.mail {
            let l = if language == "en" { crate::lang::Lang::En } else { crate::lang::Lang::Fr };
            let mail = crate::mail::messages::ExportReady {
                l,
                federation: crate::mail::messages::federation_name(&mut tx).await?,
                name,
                link: download_url(settings, &key),
                until: l.day(&expires_at, crate::lang::time_zone(&mut tx).await?),
            };
            crate::mail::queue(&mut tx, config, &format!("export:{id}"), "export", mail.to(&email)?).await?;
        }
    }
    let scopes = crate::sync::log::commit(&mut tx, changes).await?;
    tx.commit().await?;
    Ok(scopes)
}

/// Copies past their 7 days: their archives leave the disk, their links stop working.
pub async fn expire(db: &Db, files_dir: &Path, now: DateTime<Utc>) -> ApiResult<usize> {
    let mut tx = db.begin_write().await?;
    let gone: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
        "UPDATE data_exports SET state = 'expired', download_key = NULL WHERE state = 'ready' AND expires_at <= $1 RETURNING id")
        .bind(now).fetch_all(c).await)?;
    tx.commit().await?;
    remove_archives(files_dir, &gone).await;
    Ok(gone.len())
}

pub async fn remove_archives(files_dir: &Path, ids: &[Uuid]) {
    for id in ids {
        let _ = tokio::fs::remove_file(archive_path(files_dir, *id)).await;
    }
}

/// Writes the archive of `person_id` (see the module's documentation); its size.
async fn prepare(db: &Db, settings: &Settings, id: Uuid, person_id: Uuid) -> ApiResult<i64> {
    let archive = gather(db, id, person_id).await?;
    set_progress(db, id, 80).await?;
    let files: Vec<(Uuid, String, String)> = {
        let mut tx = db.begin_read().await?;
        let files = on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT id, sha256, name FROM attachments WHERE owner_id = $1 ORDER BY created_at")
            .bind(person_id).fetch_all(c).await)?;
        tx.commit().await?;
        files
    };
    let dir = archives_dir(&settings.files_dir);
    let files_dir = settings.files_dir.clone();
    let json =
        serde_json::to_vec_pretty(&archive).map_err(|e| ApiError::internal(format!("the archive's data: {e}")))?;
    let path = archive_path(&settings.files_dir, id);
    let size = tokio::task::spawn_blocking(move || write_zip(&dir, &path, &json, &files_dir, &files))
        .await
        .map_err(|e| ApiError::internal(format!("writing an archive: {e}")))?
        .map_err(|e| ApiError::internal(format!("writing an archive: {e}")))?;
    Ok(size)
}

const README: &str = "Vos données sur Fabrique / Your data on Fabrique\n\n\
data.json : tout ce que vous avez écrit et ce qui vous concerne (profil, publications, commentaires, \
questions, réponses, messages envoyés, événements, votes, signalements faits, notifications, sessions, \
appareils, acceptations de la charte). Son schéma est `ExportArchive` dans /v1/openapi.json du serveur.\n\
files/ : les fichiers que vous avez envoyés.\n\n\
data.json: everything you wrote and what is about you (profile, posts, comments, questions, answers, \
messages sent, events, votes, reports made, notifications, sessions, devices, charter acceptances). Its \
schema is `ExportArchive` in the server's /v1/openapi.json.\nfiles/: the files you uploaded.\n";

fn write_zip(
    dir: &Path,
    path: &Path,
    json: &[u8],
    files_dir: &Path,
    files: &[(Uuid, String, String)],
) -> std::io::Result<i64> {
    std::fs::create_dir_all(dir)?;
    let writing = path.with_extension("zip.writing");
    let out = std::fs::File::create(&writing)?;
    let mut zip = zip::ZipWriter::new(out);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    let to_io = |e: zip::result::ZipError| std::io::Error::other(e.to_string());
    zip.start_file("LISEZ-MOI.txt", options).map_err(to_io)?;
    zip.write_all(README.as_bytes())?;
    zip.start_file("data.json", options).map_err(to_io)?;
    zip.write_all(json)?;
    for (id, sha256, name) in files {
        let content = sha256.split(':').next().unwrap_or_default();
        let Ok(bytes) = std::fs::read(crate::attachments::stored_path(files_dir, content, false)) else { continue };
        zip.start_file(exported_file_path(*id, name), options).map_err(to_io)?;
        zip.write_all(&bytes)?;
    }
    let file = zip.finish().map_err(to_io)?;
    file.sync_all()?;
    let size = file.metadata()?.len() as i64;
    std::fs::rename(&writing, path)?;
    Ok(size)
}

fn exported_file_path(id: Uuid, name: &str) -> String {
    let safe: String = name.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '_' } else { c }).collect();
    format!("files/{}-{safe}", &id.simple().to_string()[..8])
}

/// Reads everything of the person, each kind by their id, with the progress as it goes.
async fn gather(db: &Db, id: Uuid, person_id: Uuid) -> ApiResult<ExportArchive> {
    let mut tx = db.begin_read().await?;
    let p = person_id;
    type PersonRow =
        (String, String, String, String, String, String, String, String, DateTime<Utc>, Option<DateTime<Utc>>);
    let person: PersonRow = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT p.display_name, p.email, p.function, p.bio, o.name, p.directory_visibility, p.language, p.digest, p.created_at, p.last_seen_at \
         FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1")
        .bind(p).fetch_one(c).await)?;
    let tags: Vec<(String, String)> = on_tx!(&mut tx, c => sqlx::query_as("SELECT kind, tag FROM person_tags WHERE person_id = $1 ORDER BY kind, tag")
        .bind(p).fetch_all(c).await)?;
    let of_kind = |kind: &str| tags.iter().filter(|(k, _)| k == kind).map(|(_, t)| t.clone()).collect::<Vec<_>>();
    let (
        display_name,
        email,
        function,
        bio,
        organisation,
        directory_visibility,
        language,
        digest,
        created_at,
        last_seen_at,
    ) = person;
    let person = ExportedPerson {
        id: p,
        display_name,
        email,
        function,
        bio,
        skills: of_kind("skill"),
        interests: of_kind("interest"),
        organisation,
        directory_visibility,
        language,
        digest,
        created_at,
        last_seen_at,
    };
    let memberships: Vec<(Uuid, String, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT g.id, g.name, m.role, m.joined_at FROM group_members m JOIN groups g ON g.id = m.group_id \
         WHERE m.person_id = $1 AND g.deleted_at IS NULL ORDER BY m.joined_at").bind(p).fetch_all(c).await)?;
    type PostRow = (Uuid, Uuid, String, String, String, DateTime<Utc>, Option<DateTime<Utc>>);
    let posts: Vec<PostRow> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, group_id, kind, title, body, created_at, edited_at FROM posts WHERE author_id = $1 AND deleted_at IS NULL ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    let comments: Vec<(Uuid, Uuid, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, post_id, body, created_at FROM comments WHERE author_id = $1 AND deleted_at IS NULL ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    drop_progress(db, id, 20, tx).await?;

    let mut tx = db.begin_read().await?;
    let questions: Vec<(Uuid, String, String, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, title, details, tags, created_at FROM questions WHERE author_id = $1 AND deleted_at IS NULL ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    let answers: Vec<(Uuid, Uuid, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, question_id, body, created_at FROM answers WHERE author_id = $1 AND deleted_at IS NULL ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    let answer_comments: Vec<(Uuid, Uuid, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, answer_id, body, created_at FROM answer_comments WHERE author_id = $1 AND deleted_at IS NULL ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    let messages: Vec<(Uuid, Uuid, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, conversation_id, body, created_at FROM messages WHERE author_id = $1 ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    drop_progress(db, id, 40, tx).await?;

    let mut tx = db.begin_read().await?;
    type EventRow = (Uuid, Uuid, String, String, DateTime<Utc>, DateTime<Utc>, String, Option<DateTime<Utc>>);
    let events: Vec<EventRow> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, group_id, title, description, starts_at, ends_at, place, cancelled_at FROM events WHERE author_id = $1 ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    let event_answers: Vec<(Uuid, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT event_id, status, answered_at FROM event_rsvps WHERE person_id = $1 ORDER BY answered_at")
        .bind(p).fetch_all(c).await)?;
    let polls: Vec<(Uuid, Uuid, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, group_id, question, created_at FROM polls WHERE author_id = $1 ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    let options: Vec<(Uuid, String)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT o.poll_id, o.text FROM poll_options o JOIN polls p ON p.id = o.poll_id WHERE p.author_id = $1 ORDER BY o.poll_id, o.position")
        .bind(p).fetch_all(c).await)?;
    let votes: Vec<(Uuid, i64, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT poll_id, CAST(position AS BIGINT), voted_at FROM poll_votes WHERE person_id = $1 ORDER BY poll_id, position")
        .bind(p).fetch_all(c).await)?;
    let reactions: Vec<(Uuid, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT target_id, emoji, created_at FROM reactions WHERE person_id = $1 ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    drop_progress(db, id, 60, tx).await?;

    let mut tx = db.begin_read().await?;
    type MustReadRow = (Uuid, bool, String, Option<DateTime<Utc>>, DateTime<Utc>);
    let must_reads: Vec<MustReadRow> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, TRUE, title, CAST(NULL AS TIMESTAMPTZ), created_at FROM must_reads WHERE author_id = $1 \
         UNION ALL \
         SELECT m.id, FALSE, m.title, r.read_at, m.created_at FROM must_read_recipients r JOIN must_reads m ON m.id = r.must_read_id \
         WHERE r.person_id = $1 AND r.read_at IS NOT NULL ORDER BY 5")
        .bind(p).fetch_all(c).await)?;
    let reports: Vec<(Uuid, String, String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, reason, details, created_at FROM moderation_reports WHERE reporter_id = $1 ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    let notifications: Vec<(String, String, DateTime<Utc>, bool)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT kind, text, created_at, read_at IS NOT NULL FROM notifications WHERE person_id = $1 ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    type SessionRow = (DateTime<Utc>, DateTime<Utc>, Option<DateTime<Utc>>);
    let sessions: Vec<SessionRow> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT created_at, expires_at, revoked_at FROM sessions WHERE person_id = $1 ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    type ConsoleRow = (DateTime<Utc>, DateTime<Utc>, Option<DateTime<Utc>>, String, String);
    let console: Vec<ConsoleRow> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT created_at, expires_at, revoked_at, user_agent, ip FROM admin_sessions WHERE person_id = $1 ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    let devices: Vec<(String, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT label, created_at FROM push_subscriptions WHERE person_id = $1 ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    let acceptances: Vec<(i64, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT version, accepted_at FROM charter_acceptances WHERE person_id = $1 ORDER BY accepted_at")
        .bind(p).fetch_all(c).await)?;
    let files: Vec<(Uuid, String, String, i64, DateTime<Utc>)> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, name, content_type, CAST(size AS BIGINT), created_at FROM attachments WHERE owner_id = $1 ORDER BY created_at")
        .bind(p).fetch_all(c).await)?;
    let federation = crate::mail::messages::federation_name(&mut tx).await?;
    tx.commit().await?;

    let mut polls_out = Vec::new();
    for (poll_id, group_id, question, created_at) in polls {
        let options = options.iter().filter(|(id, _)| *id == poll_id).map(|(_, text)| text.clone()).collect();
        polls_out.push(ExportedPoll { id: poll_id, group_id, question, options, created_at });
    }
    let mut votes_out: Vec<ExportedVote> = Vec::new();
    for (poll_id, position, voted_at) in votes {
        match votes_out.last_mut() {
            Some(vote) if vote.poll_id == poll_id => vote.choices.push(position as u32),
            _ => votes_out.push(ExportedVote { poll_id, choices: vec![position as u32], voted_at }),
        }
    }
    let mut sessions_out: Vec<ExportedSession> = sessions
        .into_iter()
        .map(|(created_at, expires_at, ended_at)| ExportedSession {
            console: false,
            created_at,
            expires_at,
            ended_at,
            browser: None,
            ip: None,
        })
        .collect();
    sessions_out.extend(console.into_iter().map(|(created_at, expires_at, ended_at, browser, ip)| ExportedSession {
        console: true,
        created_at,
        expires_at,
        ended_at,
        browser: Some(browser),
        ip: Some(ip),
    }));
    let comment =
        |(id, on, body, created_at): (Uuid, Uuid, String, DateTime<Utc>)| ExportedComment { id, on, body, created_at };
    Ok(ExportArchive {
        format: "fabrique-export".into(),
        version: 1,
        exported_at: Utc::now(),
        federation,
        person,
        memberships: memberships
            .into_iter()
            .map(|(group_id, group, role, joined_at)| ExportedMembership { group_id, group, role, joined_at })
            .collect(),
        posts: posts
            .into_iter()
            .map(|(id, group_id, kind, title, body, created_at, edited_at)| ExportedPost {
                id,
                group_id,
                kind,
                title,
                body,
                created_at,
                edited_at,
            })
            .collect(),
        comments: comments.into_iter().map(comment).collect(),
        questions: questions
            .into_iter()
            .map(|(id, title, details, tags, created_at)| ExportedQuestion {
                id,
                title,
                details,
                tags: serde_json::from_str(&tags).unwrap_or_default(),
                created_at,
            })
            .collect(),
        answers: answers
            .into_iter()
            .map(|(id, question_id, body, created_at)| ExportedAnswer { id, question_id, body, created_at })
            .collect(),
        answer_comments: answer_comments.into_iter().map(comment).collect(),
        messages: messages
            .into_iter()
            .map(|(id, conversation_id, body, created_at)| ExportedMessage { id, conversation_id, body, created_at })
            .collect(),
        events: events
            .into_iter()
            .map(|(id, group_id, title, description, starts_at, ends_at, place, cancelled)| ExportedEvent {
                id,
                group_id,
                title,
                description,
                starts_at,
                ends_at,
                place,
                cancelled: cancelled.is_some(),
            })
            .collect(),
        event_answers: event_answers
            .into_iter()
            .map(|(event_id, status, answered_at)| ExportedEventAnswer { event_id, status, answered_at })
            .collect(),
        polls: polls_out,
        votes: votes_out,
        reactions: reactions
            .into_iter()
            .map(|(target_id, emoji, created_at)| ExportedReaction { target_id, emoji, created_at })
            .collect(),
        must_reads: must_reads
            .into_iter()
            .map(|(id, sent, title, read_at, created_at)| ExportedMustRead { id, sent, title, read_at, created_at })
            .collect(),
        reports: reports
            .into_iter()
            .map(|(id, reason, details, created_at)| ExportedReport { id, reason, details, created_at })
            .collect(),
        notifications: notifications
            .into_iter()
            .map(|(kind, text, created_at, read)| ExportedNotification { kind, text, created_at, read })
            .collect(),
        sessions: sessions_out,
        devices: devices.into_iter().map(|(label, created_at)| ExportedDevice { label, created_at }).collect(),
        charter_acceptances: acceptances
            .into_iter()
            .map(|(version, accepted_at)| ExportedAcceptance { version, accepted_at })
            .collect(),
        files: files
            .into_iter()
            .map(|(id, name, content_type, size, created_at)| ExportedFile {
                path: exported_file_path(id, &name),
                id,
                name,
                content_type,
                size,
                created_at,
            })
            .collect(),
    })
}

/// Ends a reading transaction and says how far the preparation is.
async fn drop_progress(db: &Db, id: Uuid, progress: i32, tx: Tx) -> ApiResult<()> {
    tx.commit().await?;
    set_progress(db, id, progress).await
}
