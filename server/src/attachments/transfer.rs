//! Uploads and downloads of attachments over HTTP. An upload is stored by [`super`] (its type
//! read from the bytes, a photo cleaned); a download is served to people who may read the
//! item the file is on, asked of that item's own area: this file sits above the areas, as
//! the router does, so that the areas can put files on their items without importing it.

use std::path::PathBuf;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use fabrique_wire::attachments::{AttachedTo, AttachmentKind, NAME_MAX, SIZE_MAX};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    AttachmentRow, UNATTACHED_MAX, attachment_not_found, content_in_use, hex, load, prepare_within_budget, store,
    stored_path, too_large,
};
use crate::auth::{Actor, AuthUser};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{Path, Query};
use crate::{AppState, exec, fields, on_tx};

pub fn router() -> axum::Router<AppState> {
    use axum::routing::{get, put};
    axum::Router::new()
        .route("/v1/attachments/{id}", put(upload).get(download).layer(DefaultBodyLimit::max(SIZE_MAX + 1)))
        .route("/v1/attachments/{id}/thumbnail", get(thumbnail))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UploadQuery {
    /// The file's name as the person knows it ("Compte rendu AG.pdf").
    #[serde(default)]
    name: String,
}

/// Uploads a file under an id chosen by the device. Sending the same file again under the
/// same id answers the same (a retry); another file under a taken id is refused.
///
/// What can be refused is refused before a byte of the body is read (the person's quota of
/// files waiting to be published, their upload rate, a declared size over the bound), and
/// a refused upload leaves nothing on disk. Photos are decoded within a memory budget
/// shared by all uploads ([`DECODING`]), so that parallel hostile images cannot exhaust it.
#[tracing::instrument(skip_all, fields(person = %actor.person_id, attachment = %id))]
async fn upload(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
    Query(query): Query<UploadQuery>,
    headers: axum::http::HeaderMap,
    body: axum::body::Body,
) -> ApiResult<Response> {
    let name = fields::text("name", &query.name, NAME_MAX, fields::Presence::Optional, fields::Lines::One)?;
    let name = if name.is_empty() { "fichier".to_owned() } else { name.replace(['/', '\\'], "_") };
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > SIZE_MAX) {
        return Err(too_large());
    }
    // A retry of an upload that was stored (its answer lost) is answered again at once.
    let existing = {
        let mut tx = state.db.begin_read().await?;
        let existing = load(&mut tx, id).await?;
        if existing.is_none() {
            unattached_within_quota(&mut tx, &actor).await?;
        }
        tx.commit().await?;
        existing
    };
    if existing.is_none() {
        state
            .limits
            .take(actor.person_id, &[(crate::limits::Kind::Uploads, 1)])
            .map_err(|wait| ApiError::write_limited(wait.as_secs().max(1)))?;
    }
    let body = match axum::body::to_bytes(body, SIZE_MAX + 1).await {
        Ok(body) if body.len() > SIZE_MAX => return Err(too_large()),
        Ok(body) => body,
        Err(error) if is_length_limit(&error) => return Err(too_large()),
        Err(_) => {
            return Err(ApiError::bad_request(
                ErrorCode::UploadInterrupted,
                "The file did not arrive whole: send it again.",
            ));
        }
    };
    if body.is_empty() {
        return Err(ApiError::invalid(ErrorCode::EmptyFile, "This file is empty."));
    }
    let original = hex(&Sha256::digest(&body));
    if let Some(existing) = existing {
        return retried(&actor, existing, &original);
    }
    let prepared = prepare_within_budget(body).await?;
    let sha256 = hex(&Sha256::digest(&prepared.bytes));
    let dir = state.settings.files_dir.clone();
    let mut written = Vec::new();
    if let Some(thumbnail) = prepared.thumbnail {
        let path = stored_path(&dir, &sha256, true);
        if store(path.clone(), thumbnail).await? {
            written.push(path);
        }
    }
    let path = stored_path(&dir, &sha256, false);
    if store(path.clone(), prepared.bytes.clone()).await? {
        written.push(path);
    }

    let kind = match prepared.kind {
        AttachmentKind::Image => "image",
        AttachmentKind::Document => "document",
    };
    // The original's digest is kept beside the cleaned one's: a retry is recognised by it.
    let stored = format!("{sha256}:{original}");
    let mut tx = state.db.begin_write().await?;
    let outcome = async {
        if let Some(existing) = load(&mut tx, id).await? {
            return Ok(Err(existing));
        }
        // Again, under the write lock: uploads of one person racing each other.
        unattached_within_quota(&mut tx, &actor).await?;
        exec!(&mut tx, sqlx::query(
            "INSERT INTO attachments (id, owner_id, sha256, kind, content_type, name, size, width, height, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
            .bind(id).bind(actor.person_id).bind(&stored).bind(kind).bind(&prepared.content_type).bind(&name)
            .bind(prepared.bytes.len() as i64).bind(prepared.width).bind(prepared.height).bind(Utc::now()))?;
        load(&mut tx, id).await?.map(Ok).ok_or_else(attachment_not_found)
    }
    .await;
    match outcome {
        Ok(Ok(row)) => {
            tx.commit().await?;
            Ok((StatusCode::CREATED, axum::Json(row.uploaded())).into_response())
        }
        Ok(Err(existing)) => {
            forget_written(&mut tx, &sha256, written).await?;
            tx.commit().await?;
            retried(&actor, existing, &original)
        }
        Err(error) => {
            // Nothing of a refused upload stays on disk (unless another row holds the same
            // content); the maintenance loop sweeps what a crash left here.
            forget_written(&mut tx, &sha256, written).await?;
            tx.commit().await?;
            Err(error)
        }
    }
}

/// Files waiting to be published are bounded per person: refused before reading anything.
async fn unattached_within_quota(tx: &mut Tx, actor: &Actor) -> ApiResult<()> {
    let unattached: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM attachments WHERE owner_id = $1 AND item_id IS NULL")
        .bind(actor.person_id).fetch_one(c).await)?;
    if unattached >= UNATTACHED_MAX {
        return Err(ApiError::conflict(
            ErrorCode::TooManyUploads,
            "Too many files wait to be published: publish or drop some first.",
        ));
    }
    Ok(())
}

/// Removes the files this upload wrote, unless a row points to that content; run inside the
/// write transaction, so that no upload of the same content can add such a row meanwhile.
async fn forget_written(tx: &mut Tx, sha256: &str, written: Vec<PathBuf>) -> ApiResult<()> {
    if written.is_empty() || content_in_use(tx, sha256).await? {
        return Ok(());
    }
    for path in written {
        let _ = tokio::fs::remove_file(path).await;
    }
    Ok(())
}

fn is_length_limit(error: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(error) = cause {
        if error.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = error.source();
    }
    false
}

fn retried(actor: &Actor, existing: AttachmentRow, original: &str) -> ApiResult<Response> {
    let same = existing.owner_id == actor.person_id && existing.sha256.split(':').nth(1) == Some(original);
    if !same {
        return Err(ApiError::conflict(ErrorCode::AlreadyExists, "An object with this id already exists."));
    }
    Ok((StatusCode::OK, axum::Json(existing.uploaded())).into_response())
}

/// The file, to people who may see the item it is on (its uploader only, before).
async fn download(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Response> {
    serve(&state, &actor, id, false).await
}

/// A photo's thumbnail (JPEG, at most 320 px a side).
async fn thumbnail(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Path(id): Path<Uuid>,
) -> ApiResult<Response> {
    serve(&state, &actor, id, true).await
}

async fn serve(state: &AppState, actor: &Actor, id: Uuid, thumbnail: bool) -> ApiResult<Response> {
    let mut tx = state.db.begin_read().await?;
    let row = load(&mut tx, id).await?.ok_or_else(attachment_not_found)?;
    if !may_see(&mut tx, actor, &row).await? {
        return Err(attachment_not_found());
    }
    tx.commit().await?;
    if thumbnail && row.kind() != AttachmentKind::Image {
        return Err(ApiError::not_found(ErrorCode::NoThumbnail, "Only photos have a thumbnail."));
    }
    let sha256 = row.sha256.split(':').next().unwrap_or_default();
    let bytes = tokio::fs::read(stored_path(&state.settings.files_dir, sha256, thumbnail))
        .await
        .map_err(|e| ApiError::internal(format!("reading a stored file: {e}")))?;
    let content_type = if thumbnail { "image/jpeg" } else { row.content_type.as_str() };
    let disposition = if row.kind() == AttachmentKind::Image { "inline" } else { "attachment" };
    let encoded: String = url_escape(&row.name);
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type).map_err(|e| ApiError::internal(e.to_string()))?,
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("{disposition}; filename*=UTF-8''{encoded}"))
            .map_err(|e| ApiError::internal(e.to_string()))?,
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=86400"));
    Ok(response)
}

/// RFC 5987 percent-encoding of a file name.
fn url_escape(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Whether the person may see the item the file is on.
async fn may_see(tx: &mut Tx, actor: &Actor, row: &AttachmentRow) -> ApiResult<bool> {
    let (Some(attached_to), Some(item_id)) = (row.attached_to.as_deref().and_then(AttachedTo::parse), row.item_id)
    else {
        return Ok(row.owner_id == actor.person_id);
    };
    let readable = match attached_to {
        AttachedTo::Post => crate::posts::may_read(tx, actor, item_id).await,
        AttachedTo::Question => crate::questions::may_read(tx, actor, item_id).await,
        AttachedTo::Event => crate::events::may_read(tx, actor, item_id).await,
        AttachedTo::Message => {
            let conversation: Option<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT conversation_id FROM messages WHERE id = $1")
                .bind(item_id).fetch_optional(c).await)?;
            match conversation {
                Some(conversation) => crate::conversations::takes_part(tx, actor.person_id, conversation).await,
                None => Ok(false),
            }
        }
    };
    match readable {
        Ok(readable) => Ok(readable),
        Err(e) if e.as_client().is_some() => Ok(false),
        Err(e) => Err(e),
    }
}
