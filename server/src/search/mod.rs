//! Search (DESIGN.md §7): `GET /v1/search` over posts, groups and people.
//!
//! Each searchable thing has a row in `search_documents`, kept in the same transaction as
//! the thing itself (`index_post`, `index_group`, `index_person`, `remove`). What the caller
//! may see is decided inside the search query (never fetched, then filtered): a post by
//! its group (public, or one the caller belongs to), a person by their directory choice.
//!
//! The two backends differ here only: SQLite matches French stems prepared in Rust
//! ([`words`]) in an FTS5 index, ranked by bm25; PostgreSQL matches its own French
//! configuration without accents (`fabrique_french`), ranked by `ts_rank_cd`. Both mark
//! the matching words with the same Rust code.

pub mod words;

use axum::extract::State;
use chrono::{DateTime, Utc};
use fabrique_wire::Page;
use fabrique_wire::error::ErrorBody;
use fabrique_wire::search::{Highlighted, Mark, QUERY_MAX, SearchKind, SearchResult};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::accounts::{Actor, AuthUser};
use crate::db::{Db, Tx};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Query};
use crate::{AppState, fields, on_tx, paging};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search))
}

fn kind_str(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Post => "post",
        SearchKind::Group => "group",
        SearchKind::Person => "person",
        SearchKind::Question => "question",
        SearchKind::Answer => "answer",
    }
}

// ---------------------------------------------------------------------------------------
// Keeping the index

/// Index (or index again) one thing: `title` weighs more than `body`.
pub async fn index(
    tx: &mut Tx,
    kind: SearchKind,
    item_id: Uuid,
    group_id: Option<Uuid>,
    title: &str,
    body: &str,
) -> ApiResult<()> {
    match tx {
        Tx::Sqlite(c) => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO search_documents (kind, item_id, group_id) VALUES ($1, $2, $3) \
                 ON CONFLICT (kind, item_id) DO UPDATE SET group_id = excluded.group_id RETURNING id",
            )
            .bind(kind_str(kind))
            .bind(item_id)
            .bind(group_id)
            .fetch_one(&mut **c)
            .await?;
            sqlx::query("DELETE FROM search_terms WHERE rowid = $1").bind(id).execute(&mut **c).await?;
            sqlx::query("INSERT INTO search_terms (rowid, title, body) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(words::stems(title))
                .bind(words::stems(body))
                .execute(&mut **c)
                .await?;
        }
        Tx::Postgres(c) => {
            sqlx::query(
                "INSERT INTO search_documents (kind, item_id, group_id, document) VALUES ($1, $2, $3, \
                    setweight(to_tsvector('fabrique_french', $4), 'A') || setweight(to_tsvector('fabrique_french', $5), 'B')) \
                 ON CONFLICT (kind, item_id) DO UPDATE SET group_id = excluded.group_id, document = excluded.document",
            )
            .bind(kind_str(kind))
            .bind(item_id)
            .bind(group_id)
            .bind(title)
            .bind(body)
            .execute(&mut **c)
            .await?;
        }
    }
    Ok(())
}

/// Take a thing out of search (deleted, or no longer searchable).
pub async fn remove(tx: &mut Tx, kind: SearchKind, item_id: Uuid) -> ApiResult<()> {
    match tx {
        Tx::Sqlite(c) => {
            let id: Option<i64> =
                sqlx::query_scalar("DELETE FROM search_documents WHERE kind = $1 AND item_id = $2 RETURNING id")
                    .bind(kind_str(kind))
                    .bind(item_id)
                    .fetch_optional(&mut **c)
                    .await?;
            if let Some(id) = id {
                sqlx::query("DELETE FROM search_terms WHERE rowid = $1").bind(id).execute(&mut **c).await?;
            }
        }
        Tx::Postgres(c) => {
            sqlx::query("DELETE FROM search_documents WHERE kind = $1 AND item_id = $2")
                .bind(kind_str(kind))
                .bind(item_id)
                .execute(&mut **c)
                .await?;
        }
    }
    Ok(())
}

pub async fn index_post(tx: &mut Tx, id: Uuid, group_id: Uuid, title: &str, body: &str) -> ApiResult<()> {
    index(tx, SearchKind::Post, id, Some(group_id), title, body).await
}

pub async fn index_group(tx: &mut Tx, id: Uuid) -> ApiResult<()> {
    let row: Option<(String, String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT name, description, tags FROM groups WHERE id = $1 AND deleted_at IS NULL").bind(id).fetch_optional(c).await)?;
    match row {
        Some((name, description, tags)) => {
            let tags: Vec<String> = serde_json::from_str(&tags).unwrap_or_default();
            index(tx, SearchKind::Group, id, None, &name, &format!("{description} {}", tags.join(" "))).await
        }
        None => remove(tx, SearchKind::Group, id).await,
    }
}

/// A person is found by name, function, association, skills and interests.
pub async fn index_person(tx: &mut Tx, id: Uuid) -> ApiResult<()> {
    let row: Option<(String, String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT p.display_name, p.function, o.name FROM people p JOIN organisations o ON o.id = p.organisation_id \
         WHERE p.id = $1 AND p.deactivated_at IS NULL").bind(id).fetch_optional(c).await)?;
    let Some((name, function, organisation)) = row else {
        return remove(tx, SearchKind::Person, id).await;
    };
    let tags: Vec<String> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT tag FROM person_tags WHERE person_id = $1 ORDER BY kind, tag").bind(id).fetch_all(c).await)?;
    index(tx, SearchKind::Person, id, None, &name, &format!("{function} {organisation} {}", tags.join(" "))).await
}

/// Index what has no search entry yet (on SQLite the words are prepared in Rust, so rows
/// written before search existed are indexed at start; PostgreSQL's migration did it).
pub async fn backfill(db: &Db) -> ApiResult<u64> {
    if matches!(db, Db::Postgres(_)) {
        return Ok(0);
    }
    let mut indexed = 0;
    loop {
        let mut tx = db.begin_write().await?;
        let posts: Vec<(Uuid, Uuid, String, String)> = on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT p.id, p.group_id, p.title, p.body FROM posts p WHERE p.deleted_at IS NULL AND NOT EXISTS \
             (SELECT 1 FROM search_documents d WHERE d.kind = 'post' AND d.item_id = p.id) LIMIT 500").fetch_all(c).await)?;
        let groups: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT g.id FROM groups g WHERE g.deleted_at IS NULL AND NOT EXISTS \
             (SELECT 1 FROM search_documents d WHERE d.kind = 'group' AND d.item_id = g.id) LIMIT 500").fetch_all(c).await)?;
        let people: Vec<Uuid> = on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT p.id FROM people p WHERE p.deactivated_at IS NULL AND NOT EXISTS \
             (SELECT 1 FROM search_documents d WHERE d.kind = 'person' AND d.item_id = p.id) LIMIT 500").fetch_all(c).await)?;
        if posts.is_empty() && groups.is_empty() && people.is_empty() {
            tx.commit().await?;
            return Ok(indexed);
        }
        indexed += (posts.len() + groups.len() + people.len()) as u64;
        for (id, group_id, title, body) in posts {
            index_post(&mut tx, id, group_id, &title, &body).await?;
        }
        for id in groups {
            index_group(&mut tx, id).await?;
        }
        for id in people {
            index_person(&mut tx, id).await?;
        }
        tx.commit().await?;
    }
}

// ---------------------------------------------------------------------------------------
// Searching

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
struct SearchQuery {
    /// What to look for, as typed (any text is safe).
    q: String,
    /// Only this kind of result.
    kind: Option<SearchKind>,
    cursor: Option<String>,
    limit: Option<u32>,
}

#[derive(sqlx::FromRow)]
struct Hit {
    kind: String,
    item_id: Uuid,
}

/// Posts, groups and people matching `q`, best first, among what the caller may see.
#[utoipa::path(get, path = "/v1/search", tag = "search", security(("bearer" = [])), params(SearchQuery),
    responses((status = 200, body = Page<SearchResult>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn search(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Query(query): Query<SearchQuery>,
) -> ApiResult<Json<Page<SearchResult>>> {
    let limit = fields::page_limit(query.limit, 20, 50)?;
    let offset: i64 = paging::start_after(&query.cursor, 0i64)?;
    if query.q.chars().count() > QUERY_MAX {
        return Err(ApiError::bad_request(
            "invalid_query",
            format!("The search is too long (at most {QUERY_MAX} characters)."),
        ));
    }
    let stems = words::query_stems(&query.q);
    if stems.is_empty() {
        return Ok(Json(Page { items: Vec::new(), next_cursor: None }));
    }
    let mut tx = state.db.begin_read().await?;
    let hits = find(&mut tx, &actor, &query.q, &stems, query.kind, limit + 1, offset).await?;
    let more = hits.len() as i64 > limit;
    let mut items = Vec::with_capacity(hits.len());
    for hit in hits.into_iter().take(limit as usize) {
        if let Some(result) = describe(&mut tx, &hit, &stems).await? {
            items.push(result);
        }
    }
    tx.commit().await?;
    let next_cursor = more.then(|| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode((offset + limit).to_string())
    });
    Ok(Json(Page { items, next_cursor }))
}

/// What the caller may see, written once for both backends: a post through its group, a
/// group always (private ones show only name and description), a person by their choice.
const VISIBLE: &str = "( \
    (d.kind = 'post' AND EXISTS (SELECT 1 FROM groups g WHERE g.id = d.group_id AND g.deleted_at IS NULL AND \
        (g.visibility = 'public' OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.person_id = $2)))) \
    OR (d.kind = 'question' AND EXISTS (SELECT 1 FROM question_groups qg JOIN groups g ON g.id = qg.group_id         WHERE qg.question_id = d.item_id AND g.deleted_at IS NULL AND         (g.visibility = 'public' OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.person_id = $2))))     OR (d.kind = 'answer' AND EXISTS (SELECT 1 FROM answers a JOIN question_groups qg ON qg.question_id = a.question_id         JOIN groups g ON g.id = qg.group_id WHERE a.id = d.item_id AND g.deleted_at IS NULL AND         (g.visibility = 'public' OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.person_id = $2))))     OR (d.kind = 'group' AND EXISTS (SELECT 1 FROM groups g WHERE g.id = d.item_id AND g.deleted_at IS NULL)) \
    OR (d.kind = 'person' AND EXISTS (SELECT 1 FROM people p WHERE p.id = d.item_id AND p.deactivated_at IS NULL AND ( \
        p.id = $2 OR $3 OR p.organisation_id = $4 OR p.directory_visibility = 'federation' \
        OR EXISTS (SELECT 1 FROM organisation_managers om WHERE om.organisation_id = p.organisation_id AND om.person_id = $2) \
        OR EXISTS (SELECT 1 FROM group_members a JOIN group_members b ON a.group_id = b.group_id WHERE a.person_id = $2 AND b.person_id = p.id)))) \
    ) AND ($5 IS NULL OR d.kind = $5)";

async fn find(
    tx: &mut Tx,
    actor: &Actor,
    raw: &str,
    stems: &[String],
    kind: Option<SearchKind>,
    limit: i64,
    offset: i64,
) -> ApiResult<Vec<Hit>> {
    let kind = kind.map(kind_str);
    let hits = match tx {
        Tx::Sqlite(c) => {
            static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
                format!(
                    "SELECT d.kind, d.item_id FROM search_terms JOIN search_documents d ON d.id = search_terms.rowid \
                     WHERE search_terms MATCH $1 AND {VISIBLE} \
                     ORDER BY bm25(search_terms, 4.0, 1.0), d.id LIMIT $6 OFFSET $7"
                )
            });
            sqlx::query_as(sqlx::AssertSqlSafe(SQL.as_str()))
                .bind(words::fts5_query(stems, false))
                .bind(actor.person_id)
                .bind(actor.is_federation_admin)
                .bind(actor.organisation_id)
                .bind(kind)
                .bind(limit)
                .bind(offset)
                .fetch_all(&mut **c)
                .await?
        }
        Tx::Postgres(c) => {
            static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
                format!(
                    "SELECT d.kind, d.item_id FROM search_documents d \
                     WHERE d.document @@ websearch_to_tsquery('fabrique_french', $1) AND {VISIBLE} \
                     ORDER BY ts_rank_cd(d.document, websearch_to_tsquery('fabrique_french', $1)) DESC, d.id LIMIT $6 OFFSET $7"
                )
            });
            sqlx::query_as(sqlx::AssertSqlSafe(SQL.as_str()))
                .bind(raw)
                .bind(actor.person_id)
                .bind(actor.is_federation_admin)
                .bind(actor.organisation_id)
                .bind(kind)
                .bind(limit)
                .bind(offset)
                .fetch_all(&mut **c)
                .await?
        }
    };
    Ok(hits)
}

const TITLE_CHARS: usize = 120;
const SNIPPET_CHARS: usize = 200;

fn marked(text: &str, stems: &[String], max: usize) -> Highlighted {
    let shown = words::highlight(text, stems, max);
    Highlighted { text: shown.text, marks: shown.marks.into_iter().map(|[start, end]| Mark { start, end }).collect() }
}

/// A hit as shown: the thing's words, read again under the same snapshot.
async fn describe(tx: &mut Tx, hit: &Hit, stems: &[String]) -> ApiResult<Option<SearchResult>> {
    let result = match hit.kind.as_str() {
        "post" => {
            let row: Option<(Uuid, String, String, String, DateTime<Utc>)> = on_tx!(tx, c => sqlx::query_as(
                "SELECT p.group_id, g.name, p.title, p.body, p.created_at FROM posts p JOIN groups g ON g.id = p.group_id WHERE p.id = $1")
                .bind(hit.item_id).fetch_optional(c).await)?;
            row.map(|(group_id, group_name, title, body, created_at)| {
                let title = if title.is_empty() { body.chars().take(TITLE_CHARS).collect() } else { title };
                SearchResult {
                    kind: SearchKind::Post,
                    id: hit.item_id,
                    title: marked(&title, stems, TITLE_CHARS),
                    snippet: marked(&body, stems, SNIPPET_CHARS),
                    group_id: Some(group_id),
                    group_name: Some(group_name),
                    created_at: Some(created_at),
                }
            })
        }
        "group" => {
            let row: Option<(String, String, DateTime<Utc>)> = on_tx!(tx, c => sqlx::query_as(
                "SELECT name, description, created_at FROM groups WHERE id = $1").bind(hit.item_id).fetch_optional(c).await)?;
            row.map(|(name, description, created_at)| SearchResult {
                kind: SearchKind::Group,
                id: hit.item_id,
                title: marked(&name, stems, TITLE_CHARS),
                snippet: marked(&description, stems, SNIPPET_CHARS),
                group_id: Some(hit.item_id),
                group_name: Some(name.clone()),
                created_at: Some(created_at),
            })
        }
        "question" => {
            let row: Option<(String, String, DateTime<Utc>)> = on_tx!(tx, c => sqlx::query_as(
                "SELECT title, details, created_at FROM questions WHERE id = $1").bind(hit.item_id).fetch_optional(c).await)?;
            row.map(|(title, details, created_at)| SearchResult {
                kind: SearchKind::Question,
                id: hit.item_id,
                title: marked(&title, stems, TITLE_CHARS),
                snippet: marked(&details, stems, SNIPPET_CHARS),
                group_id: None,
                group_name: None,
                created_at: Some(created_at),
            })
        }
        "answer" => {
            let row: Option<(Uuid, String, String, DateTime<Utc>)> = on_tx!(tx, c => sqlx::query_as(
                "SELECT q.id, q.title, a.body, a.created_at FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.id = $1")
                .bind(hit.item_id).fetch_optional(c).await)?;
            // An answer shows under its question's title; `group_id` stays empty, the id is the answer's.
            row.map(|(_question, title, body, created_at)| SearchResult {
                kind: SearchKind::Answer,
                id: hit.item_id,
                title: marked(&title, stems, TITLE_CHARS),
                snippet: marked(&body, stems, SNIPPET_CHARS),
                group_id: None,
                group_name: None,
                created_at: Some(created_at),
            })
        }
        _ => {
            let row: Option<(String, String, String)> = on_tx!(tx, c => sqlx::query_as(
                "SELECT p.display_name, p.function, o.name FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1")
                .bind(hit.item_id).fetch_optional(c).await)?;
            let tags: Vec<String> = on_tx!(tx, c => sqlx::query_scalar(
                "SELECT tag FROM person_tags WHERE person_id = $1 AND kind = 'skill' ORDER BY tag").bind(hit.item_id).fetch_all(c).await)?;
            row.map(|(name, function, organisation)| {
                let about = [function, organisation, tags.join(", ")]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                SearchResult {
                    kind: SearchKind::Person,
                    id: hit.item_id,
                    title: marked(&name, stems, TITLE_CHARS),
                    snippet: marked(&about, stems, SNIPPET_CHARS),
                    group_id: None,
                    group_name: None,
                    created_at: None,
                }
            })
        }
    };
    Ok(result)
}

/// Answered questions sharing words with `raw` (any of them), best first, among those the
/// caller may read.
pub async fn similar_questions(
    tx: &mut Tx,
    actor: &Actor,
    raw: &str,
    stems: &[String],
    limit: i64,
) -> ApiResult<Vec<Uuid>> {
    let ids = match tx {
        Tx::Sqlite(c) => {
            static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
                format!(
                    "SELECT d.item_id FROM search_terms JOIN search_documents d ON d.id = search_terms.rowid \
                     JOIN questions q ON q.id = d.item_id \
                     WHERE search_terms MATCH $1 AND d.kind = 'question' AND q.accepted_answer_id IS NOT NULL AND {VISIBLE} \
                     ORDER BY bm25(search_terms, 4.0, 1.0), d.id LIMIT $6 OFFSET $7"
                )
            });
            sqlx::query_scalar(sqlx::AssertSqlSafe(SQL.as_str()))
                .bind(words::fts5_query(stems, true))
                .bind(actor.person_id)
                .bind(actor.is_federation_admin)
                .bind(actor.organisation_id)
                .bind(Some("question"))
                .bind(limit)
                .bind(0i64)
                .fetch_all(&mut **c)
                .await?
        }
        Tx::Postgres(c) => {
            // Any of the words: each one folded to letters and digits, so the query has no syntax.
            let any: Vec<String> = words::words(raw).map(|w| words::fold(&raw[w.start..w.end])).collect();
            static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
                format!(
                    "SELECT d.item_id FROM search_documents d JOIN questions q ON q.id = d.item_id \
                     WHERE d.document @@ to_tsquery('fabrique_french', $1) AND d.kind = 'question' AND q.accepted_answer_id IS NOT NULL AND {VISIBLE} \
                     ORDER BY ts_rank_cd(d.document, to_tsquery('fabrique_french', $1)) DESC, d.id LIMIT $6 OFFSET $7"
                )
            });
            sqlx::query_scalar(sqlx::AssertSqlSafe(SQL.as_str()))
                .bind(any.join(" | "))
                .bind(actor.person_id)
                .bind(actor.is_federation_admin)
                .bind(actor.organisation_id)
                .bind(Some("question"))
                .bind(limit)
                .bind(0i64)
                .fetch_all(&mut **c)
                .await?
        }
    };
    Ok(ids)
}
