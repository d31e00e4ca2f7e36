//! Attachments: photos and documents on posts, questions, events and messages.
//!
//! An upload (`PUT /v1/attachments/{id}`, the raw bytes) is checked on its content: its type
//! is read from the bytes (the name and the declared type are not trusted), its size is
//! bounded. A photo is decoded, turned upright, and encoded again: what is stored carries no
//! metadata (no location), and gets a thumbnail. Files are stored once per content, named
//! by the SHA-256 of what is kept, written to a temporary file and renamed: an upload cut
//! off stores nothing, and retrying it (same id, same bytes) stores one file and one row.
//!
//! The mutation that publishes an item names its uploads; they are then on the item, in its
//! scope, and served only to people who may see the item. Until then only their uploader
//! reaches them.

pub mod transfer;

use std::io::Cursor;
use std::path::{Path as FsPath, PathBuf};

use axum::body::Bytes;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use fabrique_wire::attachments::{
    ACCEPTED_TYPES, AttachedTo, Attachment, AttachmentKind, PER_ITEM_MAX, PIXELS_MAX, SIZE_MAX, THUMBNAIL_SIDE,
    UploadedFile,
};
use fabrique_wire::sync::{Entity, EntityKind};
use serde_json::json;
use uuid::Uuid;

use crate::auth::Actor;
use crate::db::{Tx, ids_json};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::sync::log::ChangeSet;
use crate::{exec, on_tx};

/// Uploads one person may leave unattached (files chosen and never published).
const UNATTACHED_MAX: i64 = 100;

#[derive(sqlx::FromRow, Clone)]
struct AttachmentRow {
    id: Uuid,
    owner_id: Uuid,
    sha256: String,
    kind: String,
    content_type: String,
    name: String,
    size: i64,
    width: Option<i64>,
    height: Option<i64>,
    created_at: DateTime<Utc>,
    attached_to: Option<String>,
    item_id: Option<Uuid>,
}

impl AttachmentRow {
    fn kind(&self) -> AttachmentKind {
        if self.kind == "image" { AttachmentKind::Image } else { AttachmentKind::Document }
    }

    fn uploaded(&self) -> UploadedFile {
        UploadedFile {
            id: self.id,
            kind: self.kind(),
            name: self.name.clone(),
            content_type: self.content_type.clone(),
            size: self.size,
            width: self.width,
            height: self.height,
        }
    }
}

const COLUMNS: &str = "SELECT id, owner_id, sha256, kind, content_type, name, size, width, height, created_at, attached_to, item_id FROM attachments";

async fn load(tx: &mut Tx, id: Uuid) -> ApiResult<Option<AttachmentRow>> {
    let row = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE id = $1"))).bind(id).fetch_optional(c).await)?;
    Ok(row)
}

fn attachment_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::AttachmentNotFound, "This file does not exist.")
}

// ---------------------------------------------------------------------------------------
// The content: type, cleaning, storage

/// What is kept of an upload.
struct Prepared {
    kind: AttachmentKind,
    content_type: String,
    bytes: Vec<u8>,
    width: Option<i64>,
    height: Option<i64>,
    thumbnail: Option<Vec<u8>>,
}

fn refused_type() -> ApiError {
    ApiError::client(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::UnsupportedType,
        "This kind of file is not accepted: send a photo (JPEG, PNG, WebP, GIF), a PDF or an office document.",
    )
}

fn too_large() -> ApiError {
    ApiError::client(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::FileTooLarge,
        format!("This file is too large: at most {} MB.", SIZE_MAX / (1024 * 1024)),
    )
}

/// Memory for decoding photos, in MB, shared by every upload of this instance: a photo
/// waits for its share before it is decoded, so hostile images sent in parallel are decoded
/// one after another instead of all at once.
const DECODING_BUDGET_MB: usize = 512;
static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(DECODING_BUDGET_MB);
/// What decoding a photo holds per pixel at its peak: the decoded pixels (RGBA), the copy
/// turned upright, the RGB copy encoded again, the encoder's buffers.
const DECODING_BYTES_PER_PIXEL: u64 = 12;

fn image_too_large() -> ApiError {
    ApiError::client(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::ImageTooLarge,
        format!("This photo has too many pixels: at most {} million.", PIXELS_MAX / 1_000_000),
    )
}

/// The pixels a photo declares in its header (read without decoding it); `None` for a
/// document or a header that cannot be read (refused later with a reason).
fn declared_pixels(bytes: &[u8]) -> Option<u64> {
    let sniffed = infer::get(bytes).map(|t| t.mime_type())?;
    if !sniffed.starts_with("image/") {
        return None;
    }
    let reader = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?;
    let (w, h) = reader.into_dimensions().ok()?;
    Some(u64::from(w) * u64::from(h))
}

/// [`prepare`], within the decoding budget and off the async threads.
async fn prepare_within_budget(body: Bytes) -> ApiResult<Prepared> {
    let pixels = declared_pixels(&body).unwrap_or(0);
    if pixels > PIXELS_MAX {
        return Err(image_too_large());
    }
    let share = (pixels * DECODING_BYTES_PER_PIXEL).div_ceil(1024 * 1024).clamp(1, DECODING_BUDGET_MB as u64) as u32;
    let _share = DECODING.acquire_many(share).await.map_err(|e| ApiError::internal(format!("decoding budget: {e}")))?;
    tokio::task::spawn_blocking(move || prepare(&body))
        .await
        .map_err(|e| ApiError::internal(format!("preparing a file: {e}")))?
}

/// Reads the type from the bytes, and cleans a photo. CPU work: run off the async threads.
fn prepare(bytes: &[u8]) -> ApiResult<Prepared> {
    let sniffed = infer::get(bytes).map(|t| t.mime_type()).ok_or_else(refused_type)?;
    if !ACCEPTED_TYPES.contains(&sniffed) {
        return Err(refused_type());
    }
    if !sniffed.starts_with("image/") {
        return Ok(Prepared {
            kind: AttachmentKind::Document,
            content_type: sniffed.to_owned(),
            bytes: bytes.to_vec(),
            width: None,
            height: None,
            thumbnail: None,
        });
    }
    let unreadable =
        || ApiError::invalid(ErrorCode::UnreadableImage, "This photo could not be read: it may be damaged.");
    let mut reader = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| unreadable())?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(16_384);
    limits.max_image_height = Some(16_384);
    limits.max_alloc = Some(PIXELS_MAX * 4);
    reader.limits(limits);
    let format = reader.format().ok_or_else(refused_type)?;
    let mut decoder = reader.into_decoder().map_err(|_| unreadable())?;
    use image::ImageDecoder;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > PIXELS_MAX {
        return Err(image_too_large());
    }
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = image::DynamicImage::from_decoder(decoder).map_err(|_| unreadable())?;
    picture.apply_orientation(orientation);
    // Encoded again from the pixels alone: EXIF (the location with it), XMP and IPTC stay behind.
    let (content_type, cleaned) = match format {
        image::ImageFormat::Png | image::ImageFormat::Gif | image::ImageFormat::WebP if picture.color().has_alpha() => {
            ("image/png", encode(&picture, image::ImageFormat::Png)?)
        }
        image::ImageFormat::Png => ("image/png", encode(&picture, image::ImageFormat::Png)?),
        _ => ("image/jpeg", encode(&image::DynamicImage::ImageRgb8(picture.to_rgb8()), image::ImageFormat::Jpeg)?),
    };
    let small = picture.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE);
    let thumbnail = encode(&image::DynamicImage::ImageRgb8(small.to_rgb8()), image::ImageFormat::Jpeg)?;
    Ok(Prepared {
        kind: AttachmentKind::Image,
        content_type: content_type.to_owned(),
        bytes: cleaned,
        width: Some(i64::from(picture.width())),
        height: Some(i64::from(picture.height())),
        thumbnail: Some(thumbnail),
    })
}

fn encode(picture: &image::DynamicImage, format: image::ImageFormat) -> ApiResult<Vec<u8>> {
    let mut out = Cursor::new(Vec::new());
    match format {
        image::ImageFormat::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
            picture.write_with_encoder(encoder)
        }
        _ => picture.write_to(&mut out, format),
    }
    .map_err(|e| ApiError::internal(format!("encoding an image: {e}")))?;
    Ok(out.into_inner())
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `<dir>/ab/abcdef…` (and `….thumb.jpg` for a thumbnail).
pub(crate) fn stored_path(dir: &FsPath, sha256: &str, thumbnail: bool) -> PathBuf {
    let name = if thumbnail { format!("{sha256}.thumb.jpg") } else { sha256.to_owned() };
    dir.join(&sha256[..2]).join(name)
}

/// Writes the file unless the same content is already there: a temporary file in the same
/// directory, synced, then renamed over the final name (all or nothing). Whether it wrote;
/// a file already there is touched, so that the sweep of files without rows (which only
/// takes old ones) leaves it to the row about to point to it.
async fn store(path: PathBuf, bytes: Vec<u8>) -> ApiResult<bool> {
    tokio::task::spawn_blocking(move || -> std::io::Result<bool> {
        if path.exists() {
            let _ = std::fs::File::options()
                .append(true)
                .open(&path)
                .and_then(|f| f.set_modified(std::time::SystemTime::now()));
            return Ok(false);
        }
        let dir = path.parent().expect("a stored path has a directory");
        std::fs::create_dir_all(dir)?;
        let temporary = dir.join(format!(".{}.part", Uuid::new_v4()));
        let written = (|| {
            use std::io::Write;
            let mut file = std::fs::File::create(&temporary)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            std::fs::rename(&temporary, &path)
        })();
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written.map(|()| true)
    })
    .await
    .map_err(|e| ApiError::internal(format!("storing a file: {e}")))?
    .map_err(|e| ApiError::internal(format!("storing a file: {e}")))
}

/// Whether a row points to this content (`sha256` is `<kept>:<original>`).
async fn content_in_use(tx: &mut Tx, content: &str) -> ApiResult<bool> {
    let found: Option<i64> = on_tx!(tx, c => sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM attachments WHERE substr(sha256, 1, 64) = $1 LIMIT 1")
        .bind(content).fetch_optional(c).await)?;
    Ok(found.is_some())
}

// ---------------------------------------------------------------------------------------
// Putting uploads on an item

/// Puts the actor's uploads `ids` on the item (in the mutation that publishes it), each in
/// every scope the item is in. Someone else's upload, one already on an item, or an id
/// never uploaded is refused, and the whole mutation with it.
pub async fn attach(
    tx: &mut Tx,
    actor: &Actor,
    ids: &[Uuid],
    attached_to: AttachedTo,
    item_id: Uuid,
    scopes: &[String],
    changes: &mut ChangeSet,
) -> ApiResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut wanted: Vec<Uuid> = ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.len() > PER_ITEM_MAX {
        return Err(ApiError::invalid(
            ErrorCode::TooManyAttachments,
            format!("At most {PER_ITEM_MAX} files on one item."),
        )
        .with_details(json!({ "field": "attachments" })));
    }
    let sql = format!(
        "UPDATE attachments SET attached_to = $1, item_id = $2 WHERE owner_id = $3 AND item_id IS NULL AND id IN ({})",
        tx.id_set(4)
    );
    let attached = exec!(
        tx,
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(attached_to.as_str())
            .bind(item_id)
            .bind(actor.person_id)
            .bind(ids_json(&wanted))
    )?;
    if attached as usize != wanted.len() {
        return Err(ApiError::not_found(
            ErrorCode::AttachmentNotFound,
            "A file of this item was not uploaded (or is someone else's): send it again.",
        )
        .with_details(json!({ "field": "attachments" })));
    }
    put_all(tx, item_id, scopes, changes).await
}

/// The item's attachments into these scopes (its scopes changed, or it was published).
pub async fn put_all(tx: &mut Tx, item_id: Uuid, scopes: &[String], changes: &mut ChangeSet) -> ApiResult<()> {
    let rows: Vec<AttachmentRow> = on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE item_id = $1 ORDER BY created_at, id")))
        .bind(item_id).fetch_all(c).await)?;
    for row in rows {
        let Some(attached_to) = row.attached_to.as_deref().and_then(AttachedTo::parse) else { continue };
        let attachment = Attachment {
            id: row.id,
            attached_to,
            item_id,
            kind: row.kind(),
            name: row.name.clone(),
            content_type: row.content_type.clone(),
            size: row.size,
            width: row.width,
            height: row.height,
            created_at: row.created_at,
        };
        for scope in scopes {
            changes.put(scope.clone(), row.id, &Entity::Attachment(attachment.clone()));
        }
    }
    Ok(())
}

/// The item is gone (deleted): its attachments leave its scopes and are served to nobody
/// but their uploader, until [`forget_unpublished`] removes them.
pub async fn detach_all(tx: &mut Tx, item_id: Uuid, scopes: &[String], changes: &mut ChangeSet) -> ApiResult<()> {
    let ids: Vec<Uuid> = on_tx!(tx, c => sqlx::query_scalar(
        "UPDATE attachments SET attached_to = NULL, item_id = NULL WHERE item_id = $1 RETURNING id")
        .bind(item_id).fetch_all(c).await)?;
    for id in ids {
        for scope in scopes {
            changes.delete(scope.clone(), EntityKind::Attachment, id);
        }
    }
    Ok(())
}

/// Uploads never published (or whose item was deleted) for this long are forgotten.
pub const UNPUBLISHED_KEPT_FOR: chrono::Duration = chrono::Duration::hours(24);

/// Forgets the uploads left unpublished since before `before`, and the stored files no
/// upload points to any more. Returns how many uploads were forgotten.
/// Removes stored files that no row points to (left by a crash between writing a file and
/// its row, or by older versions), last modified between `since` (if given) and `before`:
/// a file younger than `before` may be about to get its row. Returns how many it removed.
pub async fn sweep_files_without_rows(
    db: &crate::db::Db,
    files_dir: &FsPath,
    since: Option<std::time::SystemTime>,
    before: std::time::SystemTime,
) -> ApiResult<usize> {
    let dir = files_dir.to_owned();
    // (content, path) of the candidates, read off the async threads.
    let candidates = tokio::task::spawn_blocking(move || {
        let mut found = Vec::new();
        let Ok(shards) = std::fs::read_dir(&dir) else { return found };
        for shard in shards.flatten() {
            let Ok(files) = std::fs::read_dir(shard.path()) else { continue };
            for file in files.flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                let content = name.strip_suffix(".thumb.jpg").unwrap_or(&name);
                // Temporary files of a write cut off by a crash are swept too.
                let temporary = name.starts_with('.') && name.ends_with(".part");
                if !temporary && (content.len() != 64 || !content.bytes().all(|b| b.is_ascii_hexdigit())) {
                    continue;
                }
                let Ok(modified) = file.metadata().and_then(|m| m.modified()) else { continue };
                if modified < before && since.is_none_or(|since| modified >= since) {
                    found.push((if temporary { None } else { Some(content.to_owned()) }, file.path()));
                }
            }
        }
        found
    })
    .await
    .map_err(|e| ApiError::internal(format!("reading the files directory: {e}")))?;
    let mut removed = 0;
    for (content, path) in candidates {
        if let Some(content) = content {
            // One short transaction per file: the write lock is never held for long.
            let mut tx = db.begin_write().await?;
            let in_use = content_in_use(&mut tx, &content).await?;
            if !in_use && tokio::fs::remove_file(&path).await.is_ok() {
                removed += 1;
            }
            tx.commit().await?;
        } else if tokio::fs::remove_file(&path).await.is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// Removes the stored files (and thumbnails) of `contents`, once their rows are gone and
/// committed (see [`contents_unused`]).
pub async fn remove_files(files_dir: &FsPath, contents: &[String]) {
    for content in contents {
        for thumbnail in [false, true] {
            let _ = tokio::fs::remove_file(stored_path(files_dir, content, thumbnail)).await;
        }
    }
}

/// Of the contents of rows just deleted (`sha256` values), those no row points to any more.
pub async fn contents_unused(tx: &mut Tx, deleted: &[String]) -> ApiResult<Vec<String>> {
    let mut contents: Vec<String> = deleted.iter().filter_map(|s| s.split(':').next()).map(str::to_owned).collect();
    contents.sort();
    contents.dedup();
    let mut unused = Vec::new();
    for content in contents {
        if !content_in_use(tx, &content).await? {
            unused.push(content);
        }
    }
    Ok(unused)
}

pub async fn forget_unpublished(db: &crate::db::Db, files_dir: &FsPath, before: DateTime<Utc>) -> ApiResult<usize> {
    let mut tx = db.begin_write().await?;
    let forgotten: Vec<String> = on_tx!(&mut tx, c => sqlx::query_scalar(
        "DELETE FROM attachments WHERE item_id IS NULL AND created_at < $1 RETURNING sha256")
        .bind(before).fetch_all(c).await)?;
    let orphans = contents_unused(&mut tx, &forgotten).await?;
    tx.commit().await?;
    // After the commit: a file is only removed once no row can point to it.
    remove_files(files_dir, &orphans).await;
    Ok(forgotten.len())
}
