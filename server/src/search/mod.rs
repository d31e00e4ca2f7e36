//! Search (DESIGN.md §7): `GET /v1/search` over posts, groups and people.
//!
//! Each searchable thing has a row in `search_documents`, kept in the same transaction as
//! the thing itself (`index_post`, `index_group`, `index_person`, `remove`). What the caller
//! may see is decided inside the search query (never fetched, then filtered): a post by
//! its group (public, or one the caller belongs to), a person by their directory choice.
//!
//! The two backends differ here only: SQLite matches French stems prepared in Rust
//! ([`words`]) in an FTS5 index, read newest first a batch at a time, and ranks each batch
//! with matches in the title first (bm25 would count every match in the whole index at
//! each search: too slow on a million posts); PostgreSQL matches its own French
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

use crate::auth::{Actor, AuthUser};
use crate::db::{Bind, Column, Db, Statements, Tx, rows_json};
use crate::error::{ApiError, ApiResult, ErrorCode};
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

/// The word in the `facets` column of SQLite's index that says what kind of thing a row is.
fn facet(kind: SearchKind) -> String {
    format!("k{}", kind_str(kind))
}

// ---------------------------------------------------------------------------------------
// Keeping the index

/// What a transaction changes in search, kept in its change set: written with its other
/// changes when it commits (the change log's `commit`, through [`Entries::write`]), all at
/// once. On SQLite the full-text index writes its pending entries to disk at each savepoint (a
/// push's mutation each takes one): written once at the end, a batch of mutations writes them
/// once, and without a round trip of their own.
#[derive(Default)]
pub struct Entries {
    /// Each thing's entries in the order given (the last one counts): `Some` indexed with
    /// these words, `None` taken out.
    all: Vec<((SearchKind, Uuid), Option<Words>)>,
}

/// The columns of an indexed thing's row, as [`Entries::write`] binds them.
const INDEXED: [(&str, Column); 5] = [
    ("kind", Column::Text),
    ("item_id", Column::Uuid),
    ("group_id", Column::Uuid),
    ("title", Column::Text),
    ("body", Column::Text),
];

struct Words {
    group_id: Option<Uuid>,
    title: String,
    body: String,
}

impl Entries {
    fn set(&mut self, kind: SearchKind, item_id: Uuid, words: Option<Words>) {
        self.all.push(((kind, item_id), words));
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Adds a later part's entries after these (a later entry for a thing wins).
    pub fn extend(&mut self, other: Entries) {
        self.all.extend(other.all);
    }

    /// The last entry of each thing, in the order of those last entries.
    fn latest(&self) -> Vec<&((SearchKind, Uuid), Option<Words>)> {
        let mut seen = std::collections::HashSet::new();
        let mut latest: Vec<_> =
            self.all.iter().rev().filter(|((kind, id), _)| seen.insert((kind_str(*kind), *id))).collect();
        latest.reverse();
        latest
    }

    /// The statements that write the entries, for `writes`, run in `tx`.
    pub fn write(&self, tx: &Tx, writes: &mut Statements) {
        let latest = self.latest();
        let indexed: Vec<(SearchKind, Uuid, &Words)> =
            latest.iter().filter_map(|((kind, id), words)| Some((*kind, *id, words.as_ref()?))).collect();
        let removed: Vec<(&str, Uuid)> =
            latest.iter().filter(|(_, words)| words.is_none()).map(|((kind, id), _)| (kind_str(*kind), *id)).collect();
        let things = |param| tx.json_rows(param, &[("kind", Column::Text), ("item_id", Column::Uuid)]);
        // SQLite's words of the things in `source` (its index is apart from their rows).
        let drop_terms = |source: &str| {
            format!(
                "DELETE FROM search_terms WHERE rowid IN (SELECT d.id FROM search_documents d \
                 JOIN {source} AS r ON d.kind = r.kind AND d.item_id = r.item_id)"
            )
        };
        if !removed.is_empty() {
            let rows = Bind::Text(rows_json(&removed));
            if tx.is_sqlite() {
                writes.push(drop_terms(&things(1)), vec![rows.clone()]);
            }
            writes.push(
                format!(
                    "DELETE FROM search_documents WHERE EXISTS (SELECT 1 FROM {} AS r \
                     WHERE search_documents.kind = r.kind AND search_documents.item_id = r.item_id)",
                    things(1)
                ),
                vec![rows],
            );
        }
        if indexed.is_empty() {
            return;
        }
        if tx.is_sqlite() {
            // The words as French stems (FTS5 has none), with the kind's word in `facets`: kind,
            // id, group, the title's and the body's stems, the kind's word.
            type Stemmed<'a> = (&'a str, Uuid, Option<Uuid>, String, String, String);
            let stemmed: Vec<Stemmed> = indexed
                .iter()
                .map(|&(kind, id, w)| {
                    (kind_str(kind), id, w.group_id, words::stems(&w.title), words::stems(&w.body), facet(kind))
                })
                .collect();
            let rows = Bind::Text(rows_json(&stemmed));
            let source = tx.json_rows(1, &[&INDEXED[..], &[("facets", Column::Text)]].concat());
            // In the order given: rows are created in it, and search reads the newest first.
            writes.push(
                format!(
                    "INSERT INTO search_documents (kind, item_id, group_id) \
                     SELECT r.kind, r.item_id, r.group_id FROM {source} AS r WHERE true \
                     ON CONFLICT (kind, item_id) DO UPDATE SET group_id = excluded.group_id"
                ),
                vec![rows.clone()],
            );
            // Any words the things had are replaced.
            writes.push(drop_terms(&source), vec![rows.clone()]);
            writes.push(
                format!(
                    "INSERT INTO search_terms (rowid, title, body, facets) \
                     SELECT d.id, r.title, r.body, r.facets FROM search_documents d \
                     JOIN {source} AS r ON d.kind = r.kind AND d.item_id = r.item_id ORDER BY d.id"
                ),
                vec![rows],
            );
        } else {
            let source = tx.json_rows(1, &INDEXED);
            let rows: Vec<(&str, Uuid, Option<Uuid>, &str, &str)> = indexed
                .iter()
                .map(|&(kind, id, w)| (kind_str(kind), id, w.group_id, w.title.as_str(), w.body.as_str()))
                .collect();
            writes.push(
                format!(
                    "INSERT INTO search_documents (kind, item_id, group_id, document) \
                     SELECT r.kind, r.item_id, r.group_id, setweight(to_tsvector('fabrique_french', r.title), 'A') \
                        || setweight(to_tsvector('fabrique_french', r.body), 'B') FROM {source} AS r \
                     ON CONFLICT (kind, item_id) DO UPDATE SET group_id = excluded.group_id, document = excluded.document"
                ),
                vec![Bind::Text(rows_json(&rows))],
            );
        }
    }
}

/// Index (or index again) one thing: `title` weighs more than `body`.
pub fn index(entries: &mut Entries, kind: SearchKind, item_id: Uuid, group_id: Option<Uuid>, title: &str, body: &str) {
    let words = Words { group_id, title: title.to_owned(), body: body.to_owned() };
    entries.set(kind, item_id, Some(words));
}

/// Take a thing out of search (deleted, or no longer searchable).
pub fn remove(entries: &mut Entries, kind: SearchKind, item_id: Uuid) {
    entries.set(kind, item_id, None);
}

pub fn index_post(entries: &mut Entries, id: Uuid, group_id: Uuid, title: &str, body: &str) {
    index(entries, SearchKind::Post, id, Some(group_id), title, body)
}

pub async fn index_group(tx: &mut Tx, id: Uuid, entries: &mut Entries) -> ApiResult<()> {
    let row: Option<(String, String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT name, description, tags FROM groups WHERE id = $1 AND deleted_at IS NULL").bind(id).fetch_optional(c).await)?;
    match row {
        Some((name, description, tags)) => {
            let tags: Vec<String> = serde_json::from_str(&tags).unwrap_or_default();
            index(entries, SearchKind::Group, id, None, &name, &format!("{description} {}", tags.join(" ")));
        }
        None => remove(entries, SearchKind::Group, id),
    }
    Ok(())
}

/// A person is found by name, function, association, skills and interests.
pub async fn index_person(tx: &mut Tx, id: Uuid, entries: &mut Entries) -> ApiResult<()> {
    let row: Option<(String, String, String)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT p.display_name, p.function, o.name FROM people p JOIN organisations o ON o.id = p.organisation_id \
         WHERE p.id = $1 AND p.deactivated_at IS NULL").bind(id).fetch_optional(c).await)?;
    let Some((name, function, organisation)) = row else {
        remove(entries, SearchKind::Person, id);
        return Ok(());
    };
    let tags: Vec<String> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT tag FROM person_tags WHERE person_id = $1 ORDER BY kind, tag").bind(id).fetch_all(c).await)?;
    index(entries, SearchKind::Person, id, None, &name, &format!("{function} {organisation} {}", tags.join(" ")));
    Ok(())
}

/// Index what has no search entry yet (on SQLite the words are prepared in Rust, so rows
/// written before search existed, or before its index changed shape, are indexed at start;
/// PostgreSQL's migration did it). A kind whose count of entries is right is not read.
pub async fn backfill(db: &Db) -> ApiResult<u64> {
    if matches!(db, Db::Postgres(_)) {
        return Ok(0);
    }
    let mut indexed = 0;
    for kind in [SearchKind::Group, SearchKind::Person, SearchKind::Post, SearchKind::Question, SearchKind::Answer] {
        indexed += backfill_kind(db, kind).await?;
    }
    Ok(indexed)
}

/// The searchable things of one kind, as `rowid` (their order of creation) and id.
fn searchable(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Post => "SELECT rowid, id FROM posts WHERE deleted_at IS NULL",
        SearchKind::Group => "SELECT rowid, id FROM groups WHERE deleted_at IS NULL",
        SearchKind::Person => "SELECT rowid, id FROM people WHERE deactivated_at IS NULL",
        SearchKind::Question => "SELECT rowid, id FROM questions WHERE deleted_at IS NULL",
        SearchKind::Answer => "SELECT rowid, id FROM answers WHERE deleted_at IS NULL",
    }
}

async fn backfill_kind(db: &Db, kind: SearchKind) -> ApiResult<u64> {
    let Db::Sqlite { read: pool, .. } = db else { return Ok(0) };
    let things: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM ({})", searchable(kind))))
        .fetch_one(pool)
        .await?;
    let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM search_documents WHERE kind = $1")
        .bind(kind_str(kind))
        .fetch_one(pool)
        .await?;
    if things == entries {
        return Ok(0);
    }
    // In order of creation, so that search's "most recent first" holds for these rows too.
    let missing = format!(
        "SELECT t.rowid, t.id FROM ({}) t WHERE t.rowid > $1 AND NOT EXISTS \
         (SELECT 1 FROM search_documents d WHERE d.kind = $2 AND d.item_id = t.id) ORDER BY t.rowid LIMIT 500",
        searchable(kind)
    );
    let (mut after, mut indexed) = (0i64, 0u64);
    loop {
        let mut tx = db.begin_write().await?;
        let batch: Vec<(i64, Uuid)> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(missing.as_str()))
            .bind(after).bind(kind_str(kind)).fetch_all(c).await)?;
        let Some(&(last, _)) = batch.last() else {
            tx.commit().await?;
            return Ok(indexed);
        };
        let mut entries = Entries::default();
        for (_, id) in &batch {
            index_again(&mut tx, kind, *id, &mut entries).await?;
        }
        let mut writes = Statements::default();
        entries.write(&tx, &mut writes);
        writes.run(&mut tx).await?;
        tx.commit().await?;
        indexed += batch.len() as u64;
        after = last;
    }
}

/// A question is found by its title, its details and its tags.
pub fn index_question(entries: &mut Entries, id: Uuid, title: &str, details: &str, tags: &[String]) {
    index(entries, SearchKind::Question, id, None, title, &format!("{details} {}", tags.join(" ")))
}

/// Index one thing again from what is stored.
async fn index_again(tx: &mut Tx, kind: SearchKind, id: Uuid, entries: &mut Entries) -> ApiResult<()> {
    match kind {
        SearchKind::Group => index_group(tx, id, entries).await?,
        SearchKind::Person => index_person(tx, id, entries).await?,
        SearchKind::Post => {
            let (group_id, title, body): (Uuid, String, String) = on_tx!(tx, c => sqlx::query_as(
                "SELECT group_id, title, body FROM posts WHERE id = $1").bind(id).fetch_one(c).await)?;
            index_post(entries, id, group_id, &title, &body);
        }
        SearchKind::Question => {
            let (title, details): (String, String) = on_tx!(tx, c => sqlx::query_as(
                "SELECT title, details FROM questions WHERE id = $1").bind(id).fetch_one(c).await)?;
            let tags: Vec<String> = on_tx!(tx, c => sqlx::query_scalar(
                "SELECT tag FROM question_tags WHERE question_id = $1 ORDER BY tag").bind(id).fetch_all(c).await)?;
            index_question(entries, id, &title, &details, &tags);
        }
        SearchKind::Answer => {
            let body: String = on_tx!(tx, c => sqlx::query_scalar("SELECT body FROM answers WHERE id = $1").bind(id).fetch_one(c).await)?;
            index(entries, SearchKind::Answer, id, None, "", &body);
        }
    }
    Ok(())
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

/// Where a page of results starts: on SQLite, the batch of most recent matches whose
/// newest row is `upper` and how many of its ranked results were already given; on
/// PostgreSQL, `skip` alone.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, Deserialize)]
struct Cursor {
    upper: i64,
    skip: i64,
}

const FIRST_PAGE: Cursor = Cursor { upper: i64::MAX, skip: 0 };

/// Posts, groups and people matching `q`, best first, among what the caller may see.
///
/// On SQLite "best first" is within batches of recent matches (`Settings::search_batch`): the most recent
/// ones are ranked and given first, then the next batch, so that a search never ranks a
/// whole history; every match is given once, in one page or another.
#[utoipa::path(get, path = "/v1/search", tag = "search", security(("bearer" = [])), params(SearchQuery),
    responses((status = 200, body = Page<SearchResult>), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
async fn search(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Query(query): Query<SearchQuery>,
) -> ApiResult<Json<Page<SearchResult>>> {
    let limit = fields::page_limit(query.limit, 20, 50)?;
    let from: Cursor = paging::start_after(&query.cursor, FIRST_PAGE)?;
    if query.q.chars().count() > QUERY_MAX {
        return Err(ApiError::bad_request(
            ErrorCode::InvalidQuery,
            format!("The search is too long (at most {QUERY_MAX} characters)."),
        ));
    }
    let stems = words::query_stems(&query.q);
    if stems.is_empty() {
        return Ok(Json(Page { items: Vec::new(), next_cursor: None }));
    }
    let mut tx = state.db.begin_read().await?;
    let batch = state.settings.search_batch;
    let (hits, next) =
        find(&mut tx, &actor, Wanted { raw: &query.q, stems: &stems, kind: query.kind }, limit, from, batch).await?;
    let mut items = Vec::with_capacity(hits.len());
    for hit in &hits {
        if let Some(result) = describe(&mut tx, hit, &stems).await? {
            items.push(result);
        }
    }
    tx.commit().await?;
    let next_cursor = next.map(|cursor| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(&cursor).unwrap_or_default())
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
        OR EXISTS (SELECT 1 FROM group_members a JOIN group_members b ON a.group_id = b.group_id JOIN groups g ON g.id = a.group_id WHERE a.person_id = $2 AND b.person_id = p.id AND (g.visibility = 'private' OR b.role <> 'member'))))) \
    ) AND ($5 IS NULL OR d.kind = $5)";

/// How many of the most recent matches "answer before you ask" ranks.
const SIMILAR_BATCH: i64 = 500;

/// How many batches one request reads at most before answering with what it found (and a
/// cursor to go on): a search for a word that is everywhere but in nothing the caller may
/// see stays bounded.
const TIERS_PER_REQUEST: usize = 8;

/// One row of a batch: where the batch ends and how many matches it held, and (unless
/// nothing in it is visible) one visible hit.
#[derive(sqlx::FromRow)]
struct TierRow {
    floor: Option<i64>,
    scanned: i64,
    kind: Option<String>,
    item_id: Option<Uuid>,
}

/// What a search looks for: the words as typed, their stems, and the kind of result.
#[derive(Clone, Copy)]
struct Wanted<'a> {
    raw: &'a str,
    stems: &'a [String],
    kind: Option<SearchKind>,
}

/// The page of hits from `from`, and where the next page starts when there is one.
async fn find(
    tx: &mut Tx,
    actor: &Actor,
    wanted: Wanted<'_>,
    limit: i64,
    from: Cursor,
    batch: i64,
) -> ApiResult<(Vec<Hit>, Option<Cursor>)> {
    let Wanted { raw, stems, kind } = wanted;
    let kind_filter = kind.map(kind_str);
    match tx {
        Tx::Sqlite(c) => {
            static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
                format!(
                    "WITH tier AS MATERIALIZED ( \
                         SELECT rowid AS id FROM search_terms \
                         WHERE search_terms MATCH $1 AND rowid <= $8 ORDER BY rowid DESC LIMIT $9), \
                     edge AS (SELECT MIN(id) AS floor, COUNT(*) AS scanned FROM tier), \
                     titled AS MATERIALIZED ( \
                         SELECT rowid AS id FROM search_terms WHERE search_terms MATCH $10 \
                         AND rowid >= (SELECT floor FROM edge) AND rowid <= $8) \
                     SELECT edge.floor, edge.scanned, hit.kind, hit.item_id FROM edge LEFT JOIN ( \
                         SELECT d.kind, d.item_id, d.id, CASE WHEN tier.id IN (SELECT id FROM titled) THEN 0 ELSE 1 END AS score \
                         FROM tier CROSS JOIN search_documents d ON d.id = tier.id \
                         WHERE {VISIBLE} ORDER BY score, d.id DESC LIMIT $6 OFFSET $7) hit ON 1 \
                     ORDER BY hit.score, hit.id DESC"
                )
            });
            let mut matching = format!("{{title body}} : ({})", words::fts5_query(stems, false));
            let in_title = format!("title : ({})", words::fts5_query(stems, false));
            // Posts are nearly every document: a batch of matches is mostly posts already, and
            // intersecting with the posts' facet would cost more than it saves. The rarer kinds
            // are found inside the index.
            if let Some(kind) = kind.filter(|k| *k != SearchKind::Post) {
                matching.push_str(&format!(" AND facets : {}", facet(kind)));
            }
            let (mut page, mut at) = (Vec::new(), from);
            for _ in 0..TIERS_PER_REQUEST {
                let need = limit - page.len() as i64;
                let rows: Vec<TierRow> = sqlx::query_as(sqlx::AssertSqlSafe(SQL.as_str()))
                    .bind(&matching)
                    .bind(actor.person_id)
                    .bind(actor.is_federation_admin)
                    .bind(actor.organisation_id)
                    .bind(kind_filter)
                    .bind(need + 1)
                    .bind(at.skip)
                    .bind(at.upper)
                    .bind(batch)
                    .bind(&in_title)
                    .fetch_all(&mut **c)
                    .await?;
                let (floor, scanned) = rows.first().map_or((None, 0), |row| (row.floor, row.scanned));
                let found: Vec<Hit> =
                    rows.into_iter().filter_map(|row| Some(Hit { kind: row.kind?, item_id: row.item_id? })).collect();
                if found.len() as i64 > need {
                    page.extend(found.into_iter().take(need as usize));
                    return Ok((page, Some(Cursor { upper: at.upper, skip: at.skip + need })));
                }
                page.extend(found);
                match floor {
                    Some(floor) if scanned == batch => at = Cursor { upper: floor - 1, skip: 0 },
                    _ => return Ok((page, None)),
                }
            }
            Ok((page, Some(at)))
        }
        Tx::Postgres(c) => {
            static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
                format!(
                    "SELECT d.kind, d.item_id FROM search_documents d \
                     WHERE d.document @@ websearch_to_tsquery('fabrique_french', $1) AND {VISIBLE} \
                     ORDER BY ts_rank_cd(d.document, websearch_to_tsquery('fabrique_french', $1)) DESC, d.id LIMIT $6 OFFSET $7"
                )
            });
            let mut hits: Vec<Hit> = sqlx::query_as(sqlx::AssertSqlSafe(SQL.as_str()))
                .bind(raw)
                .bind(actor.person_id)
                .bind(actor.is_federation_admin)
                .bind(actor.organisation_id)
                .bind(kind_filter)
                .bind(limit + 1)
                .bind(from.skip)
                .fetch_all(&mut **c)
                .await?;
            let more = hits.len() as i64 > limit;
            hits.truncate(limit as usize);
            Ok((hits, more.then_some(Cursor { upper: from.upper, skip: from.skip + limit })))
        }
    }
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
                    question_id: None,
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
                question_id: None,
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
                question_id: None,
            })
        }
        "answer" => {
            let row: Option<(Uuid, String, String, DateTime<Utc>)> = on_tx!(tx, c => sqlx::query_as(
                "SELECT q.id, q.title, a.body, a.created_at FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.id = $1")
                .bind(hit.item_id).fetch_optional(c).await)?;
            // An answer shows under its question's title, and opens its question; `group_id`
            // stays empty, the id is the answer's.
            row.map(|(question_id, title, body, created_at)| SearchResult {
                kind: SearchKind::Answer,
                id: hit.item_id,
                title: marked(&title, stems, TITLE_CHARS),
                snippet: marked(&body, stems, SNIPPET_CHARS),
                group_id: None,
                group_name: None,
                created_at: Some(created_at),
                question_id: Some(question_id),
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
                    question_id: None,
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
                    "WITH tier AS MATERIALIZED ( \
                         SELECT rowid AS id, bm25(search_terms, 4.0, 1.0, 0.0) AS score FROM search_terms \
                         WHERE search_terms MATCH $1 ORDER BY rowid DESC LIMIT {SIMILAR_BATCH}) \
                     SELECT d.item_id FROM tier CROSS JOIN search_documents d ON d.id = tier.id \
                     JOIN questions q ON q.id = d.item_id \
                     WHERE d.kind = 'question' AND q.accepted_answer_id IS NOT NULL AND {VISIBLE} \
                     ORDER BY tier.score, d.id LIMIT $6 OFFSET $7"
                )
            });
            sqlx::query_scalar(sqlx::AssertSqlSafe(SQL.as_str()))
                .bind(format!(
                    "{{title body}} : ({}) AND facets : {}",
                    words::fts5_query(stems, true),
                    facet(SearchKind::Question)
                ))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_entry_for_a_thing_wins_and_comes_last() {
        let words = |title: &str| Some(Words { group_id: None, title: title.to_owned(), body: String::new() });
        let (first, second) = (Uuid::now_v7(), Uuid::now_v7());
        let mut entries = Entries::default();
        entries.set(SearchKind::Post, first, words("avant"));
        entries.set(SearchKind::Post, second, words("garde"));
        let mut later = Entries::default();
        later.set(SearchKind::Post, first, None);
        later.set(SearchKind::Group, first, words("même id, autre chose"));
        entries.extend(later);
        let kept: Vec<((SearchKind, Uuid), bool)> =
            entries.latest().iter().map(|(key, w)| (*key, w.is_some())).collect();
        assert_eq!(
            kept,
            vec![
                ((SearchKind::Post, second), true),
                ((SearchKind::Post, first), false),
                ((SearchKind::Group, first), true)
            ]
        );
    }
}
