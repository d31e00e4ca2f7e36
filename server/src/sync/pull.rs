//! `POST /v1/sync/pull`: the changes a person's device has not seen yet.
//!
//! One read-only snapshot serves the whole answer: the scopes the person may see now, the
//! counter `H` (every change numbered up to `H` is committed and visible), the changes and
//! the client's last mutation id. For a device kept up to date (the pull made at every poke),
//! that snapshot is one statement, which reads the page after its cursor with the rest; any
//! other pull, and one that needs another page than that, is answered in a read transaction.
//! Then:
//! 1. scopes revoked (or granted again) since the cursor last looked are purged;
//! 2. the known scopes get their changes in `(cursor.seq, H]`, a bounded page at a time;
//! 3. once they are caught up to `H`, scopes granted since are sent as snapshots, page by
//!    page in sequence order, and join the known scopes when complete (they are then at `H`
//!    too). The cursor knows which scopes are known by their grants' numbers
//!    ([`crate::sync::cursor`]), so it does not grow with them.

use std::io::Write;
use std::sync::LazyLock;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use fabrique_wire::error::ErrorBody;
use fabrique_wire::sync::{DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, PullRequest, PullResponse};
use sqlx::AssertSqlSafe;
use uuid::Uuid;

use crate::auth::{self, SessionPerson, UncheckedToken};
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::Json;
use crate::sync::cursor::{Cursor, ListingCursor, Received, Round, Snapshot};
use crate::sync::push::client_taken;
use crate::sync::scopes::{self, ScopeRow, ScopeState};
use crate::{AppState, on_db, on_tx};

/// The answer as sent, [`PullResponse`] in JSON. The changes go out as the lines stored
/// in the change log (written by [`crate::sync::log`], so valid JSON), concatenated by the
/// database, without being parsed again: a page is tens of kilobytes.
pub struct PullAnswer {
    cursor: String,
    reset: bool,
    purged_scopes: Vec<String>,
    /// Comma-separated change objects, as aggregated by the database.
    lines: Vec<String>,
    has_more: bool,
    last_mutation_id: u64,
}

impl IntoResponse for PullAnswer {
    fn into_response(self) -> Response {
        let size = self.cursor.len() + self.lines.iter().map(|l| l.len() + 1).sum::<usize>() + 256;
        let mut body = Vec::with_capacity(size);
        body.extend_from_slice(b"{\"cursor\":");
        let head = serde_json::to_writer(&mut body, &self.cursor)
            .and_then(|()| write!(body, ",\"reset\":{},\"purged_scopes\":", self.reset).map_err(serde_json::Error::io))
            .and_then(|()| serde_json::to_writer(&mut body, &self.purged_scopes));
        if let Err(error) = head {
            return ApiError::internal(format!("cannot write a pull answer: {error}")).into_response();
        }
        body.extend_from_slice(b",\"changes\":[");
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                body.push(b',');
            }
            body.extend_from_slice(line.as_bytes());
        }
        let _ = write!(body, "],\"has_more\":{},\"last_mutation_id\":{}}}", self.has_more, self.last_mutation_id);
        ([(header::CONTENT_TYPE, "application/json")], body).into_response()
    }
}

/// The statement that reads a pull's [`Header`] (written once: it embeds the scopes' row text).
/// It checks the session too ([`auth::SESSION_PERSON`], `$1` and `$2`): no row, no session.
static HEADER: LazyLock<String> = LazyLock::new(|| header_and(None));

/// The [`Header`] and, in the same statement (so in one snapshot, without a transaction
/// around it: one round trip), the page a device kept up to date needs: the changes numbered
/// in `($4, min(high, $4 + SEQUENCE_WALK_LIMIT)]` in the scopes granted up to `$5`, at most
/// `$6` ([`AtOnce`]). On SQLite, a walk along the sequence index (see [`changes_in`]).
static AT_ONCE_SQLITE: LazyLock<String> = LazyLock::new(|| header_and(Some(page_after_cursor(true))));
static AT_ONCE_POSTGRES: LazyLock<String> = LazyLock::new(|| header_and(Some(page_after_cursor(false))));

fn page_after_cursor(sqlite: bool) -> String {
    format!(
        "{} ( \
           SELECT seq, line FROM sync_log \
           WHERE seq > $4 \
             AND seq <= (SELECT CASE WHEN value < $4 + {SEQUENCE_WALK_LIMIT} THEN value ELSE $4 + {SEQUENCE_WALK_LIMIT} END \
                         FROM sync_counter WHERE id = 1) \
             AND {}scope IN (SELECT scope FROM person_scopes \
               WHERE person_id = (SELECT person_id FROM me) AND NOT revoked AND COALESCE(seq, 0) <= $5) \
           ORDER BY seq LIMIT $6) rows",
        page_of(sqlite),
        if sqlite { "+" } else { "" }
    )
}

/// The header's statement; with a `page` (a statement giving a [`PageRow`], which may use the
/// session's row `me`), that page's columns too, prefixed `page_`.
fn header_and(page: Option<String>) -> String {
    let (with, columns, join) = match page {
        None => (String::new(), "", ""),
        Some(page) => (
            format!(", page AS ({page})"),
            ", page.count AS page_count, page.last AS page_last, page.lines AS page_lines",
            " CROSS JOIN page",
        ),
    };
    format!(
        "WITH me AS ({}){with} \
         SELECT me.*, c.value AS high, c.compacted_through, \
            (SELECT string_agg({}, ' ') FROM person_scopes WHERE person_id = me.person_id) AS scopes, \
            (SELECT person_id FROM sync_clients WHERE client_id = $3) AS client_owner, \
            (SELECT last_mutation_id FROM sync_clients WHERE client_id = $3) AS last_mutation_id{columns} \
         FROM me CROSS JOIN sync_counter c{join} WHERE c.id = 1",
        auth::SESSION_PERSON,
        scopes::ROW_TEXT
    )
}

#[derive(sqlx::FromRow)]
struct Header {
    #[sqlx(flatten)]
    person: SessionPerson,
    high: i64,
    compacted_through: i64,
    scopes: Option<String>,
    client_owner: Option<Uuid>,
    last_mutation_id: Option<i64>,
}

/// A page of the change log, aggregated into one row: a page is one round trip to the
/// database, not one per change.
#[derive(sqlx::FromRow)]
struct PageRow {
    count: i64,
    last: Option<i64>,
    lines: Option<String>,
}

/// What [`AT_ONCE_SQLITE`] and [`AT_ONCE_POSTGRES`] read.
#[derive(sqlx::FromRow)]
struct AtOnce {
    #[sqlx(flatten)]
    header: Header,
    page_count: i64,
    page_last: Option<i64>,
    page_lines: Option<String>,
}

/// A page read with the header: the changes after `after` in the scopes granted up to `at`,
/// up to `SEQUENCE_WALK_LIMIT` numbers further.
struct Prefetched {
    after: i64,
    at: i64,
    page: PageRow,
}

impl Prefetched {
    /// Whether this is the page [`changes_in`] would read for the cursor's known scopes up to
    /// `high`: the same start and scopes, and either a full page or one that reached `high`.
    fn answers(&self, cursor: &Cursor, high: i64, limit: i64) -> bool {
        self.after == cursor.seq
            && self.at == cursor.at
            && cursor.round.is_none()
            && (self.page.count == limit || high <= self.after + SEQUENCE_WALK_LIMIT)
    }
}

/// Pull the changes since a cursor (none on first use).
#[utoipa::path(post, path = "/v1/sync/pull", tag = "sync", security(("bearer" = [])), request_body = PullRequest,
    responses((status = 200, body = PullResponse), (status = 400, description = "Invalid cursor", body = ErrorBody), (status = 403, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(person = tracing::field::Empty))]
pub async fn pull(
    State(state): State<AppState>,
    token: UncheckedToken,
    Json(request): Json<PullRequest>,
) -> ApiResult<PullAnswer> {
    // The pulls of every app poked at once wait for a turn at the database in a few bytes each
    // (see `db::Turns`), then build their reads.
    state.turns.run(|| answer(&state, token, request)).await
}

/// The answer to a pull, read from the database.
async fn answer(state: &AppState, token: UncheckedToken, request: PullRequest) -> ApiResult<PullAnswer> {
    let limit = match request.limit {
        None => DEFAULT_PULL_LIMIT,
        Some(0) => {
            return Err(ApiError::invalid(ErrorCode::InvalidLimit, "`limit` must be at least 1."));
        }
        Some(n) => n.min(MAX_PULL_LIMIT),
    } as i64;
    let received = match &request.cursor {
        Some(text) => Some(Cursor::decode(text)?),
        None => None,
    };

    let now = Utc::now();
    // A device kept up to date (its cursor caught up, no snapshot under way): one statement
    // reads the header and the page it most likely needs. When the page is not the one its
    // scopes need, or snapshots must follow, the pull starts again in a transaction.
    if let Some(Received::Current(cursor)) = &received
        && cursor.started()
        && cursor.round.is_none()
    {
        let sql = if state.db.is_sqlite() { &AT_ONCE_SQLITE } else { &AT_ONCE_POSTGRES };
        let row: Option<AtOnce> = on_db!(&state.db, c => sqlx::query_as(AssertSqlSafe(sql.as_str()))
            .bind(token.hash()).bind(now).bind(request.client_id).bind(cursor.seq).bind(cursor.at).bind(limit)
            .fetch_optional(c).await)?;
        let Some(AtOnce { header, page_count, page_last, page_lines }) = row else {
            return Err(ApiError::unauthorized());
        };
        let page = PageRow { count: page_count, last: page_last, lines: page_lines };
        let prefetched = Prefetched { after: cursor.seq, at: cursor.at, page };
        if let Some((person, answer)) = respond(None, header, Some(prefetched), received.clone(), limit).await? {
            person.note_seen(&state.db, now).await?;
            return Ok(answer);
        }
    }

    let mut tx = state.db.begin_read().await?;
    // The session, the counter, the person's scopes and the client's progress: one
    // statement, one snapshot. The session is checked here rather than by `AuthUser` before
    // the handler (one read fewer on the request every device makes at every poke); so a
    // malformed body or cursor is told so even when the token is no longer valid (which
    // tells nothing of anyone's data).
    let header: Option<Header> = on_tx!(&mut tx, c => sqlx::query_as(AssertSqlSafe(HEADER.as_str()))
        .bind(token.hash()).bind(now).bind(request.client_id).fetch_optional(c).await)?;
    let Some(header) = header else {
        return Err(ApiError::unauthorized());
    };
    let (person, answer) = respond(Some(&mut tx), header, None, received, limit)
        .await?
        .ok_or_else(|| ApiError::internal("a pull in a transaction gave no answer"))?;
    tx.commit().await?;
    person.note_seen(&state.db, now).await?;
    Ok(answer)
}

/// The answer to a pull from `received`, given its header. Without a transaction (`tx`),
/// only from the `prefetched` page: `None` when the answer needs more of the database.
async fn respond(
    mut tx: Option<&mut Tx>,
    header: Header,
    mut prefetched: Option<Prefetched>,
    received: Option<Received>,
    limit: i64,
) -> ApiResult<Option<(SessionPerson, PullAnswer)>> {
    let Header { person, high, compacted_through, scopes: scope_rows, client_owner, last_mutation_id } = header;
    tracing::Span::current().record("person", tracing::field::display(person.person_id));
    if client_owner.is_some_and(|owner| owner != person.person_id) {
        return Err(client_taken());
    }
    let last_mutation_id = last_mutation_id.unwrap_or(0);
    let rows = scopes::rows(scope_rows.as_deref());
    let visible: Vec<&ScopeRow> = rows.iter().filter(|row| row.visible()).collect();

    let mut purged_scopes = Vec::new();
    let mut start_over = false;
    let mut cursor = match received {
        None => Cursor::default(),
        Some(Received::Current(cursor)) => cursor,
        Some(Received::Listing(listing)) => from_listing(listing, &visible, &mut purged_scopes).unwrap_or_else(|| {
            start_over = true;
            Cursor::default()
        }),
    };
    // A cursor from before the last compaction may have missed deletions: start over.
    let reset = start_over
        || cursor.started()
            && (cursor.seq < compacted_through || cursor.seq > high || cursor.at > high || cursor.purged > high);
    if reset {
        cursor = Cursor::default();
        purged_scopes.clear();
    }

    // 1. What the device may hold and must drop: scopes revoked since it last looked, and
    //    those granted again (it may still hold what it had before).
    if cursor.started() {
        for row in &rows {
            if row.seq > cursor.purged && row.seq <= high && row.state != ScopeState::Granted {
                purged_scopes.push(row.scope.clone());
            }
        }
    }
    cursor.purged = high;

    let mut lines: Vec<String> = Vec::new();
    let mut sent: i64 = 0;
    let mut has_more = false;

    // 2. Changes in the scopes the device already holds.
    let known: Vec<String> = visible.iter().filter(|row| knows(&cursor, row)).map(|row| row.scope.clone()).collect();
    if known.is_empty() {
        cursor.seq = high;
    } else if cursor.seq < high {
        let page = match (prefetched.take(), tx.as_deref_mut()) {
            (Some(prefetched), _) if prefetched.answers(&cursor, high, limit) => prefetched.page,
            (_, Some(tx)) => changes_in(tx, &known, cursor.seq, high, limit).await?,
            (_, None) => return Ok(None),
        };
        sent += page.count;
        lines.extend(page.lines);
        // A full page may have more behind it; the next pull tells.
        match page.last {
            Some(last) if page.count == limit => {
                has_more = true;
                cursor.seq = last;
            }
            _ => cursor.seq = high,
        }
    }

    // 3. Snapshots of the scopes granted since `cursor.at`, once the known ones are at
    //    `high`, in rounds: those granted up to the round's start, in the order of their names.
    while !has_more {
        let Some(round) = cursor.round.as_mut() else {
            if visible.iter().any(|row| row.seq > cursor.at) {
                cursor.round = Some(Round { to: high, done: None, snapshot: None });
                continue;
            }
            break;
        };
        let at = cursor.at;
        let next = visible.iter().find(|row| {
            row.seq > at && row.seq <= round.to && round.done.as_ref().is_none_or(|done| &row.scope > done)
        });
        let Some(next) = next else {
            // The round is complete: its scopes are known; grants since it began make the next.
            cursor.at = round.to;
            cursor.round = None;
            continue;
        };
        let budget = limit - sent;
        if budget <= 0 {
            has_more = true;
            break;
        }
        let mut snapshot = match round.snapshot.take() {
            Some(snapshot) if snapshot.scope == next.scope => snapshot,
            _ => Snapshot { scope: next.scope.clone(), after: 0, start: high },
        };
        let Some(tx) = tx.as_deref_mut() else {
            return Ok(None);
        };
        let page = snapshot_page(tx, &snapshot, high, budget).await?;
        sent += page.count;
        lines.extend(page.lines);
        if let Some(last) = page.last {
            snapshot.after = last;
        }
        if page.count < budget {
            round.done = Some(snapshot.scope);
        } else {
            round.snapshot = Some(snapshot);
            has_more = true;
        }
    }
    let answer = PullAnswer {
        cursor: cursor.encode(),
        reset,
        purged_scopes,
        lines,
        has_more,
        last_mutation_id: last_mutation_id as u64,
    };
    Ok(Some((person, answer)))
}

/// Whether the device holds `row`'s scope in full: granted before `cursor.at`, or sent
/// already in the round under way.
fn knows(cursor: &Cursor, row: &ScopeRow) -> bool {
    row.seq <= cursor.at
        || cursor
            .round
            .as_ref()
            .is_some_and(|round| row.seq <= round.to && round.done.as_ref().is_some_and(|done| &row.scope <= done))
}

/// A cursor of the first format, which listed the scopes the device held: a device that was
/// up to date goes on from where it was (scopes granted before this format all read as
/// number 0); one caught in the middle of snapshots starts again (`None`).
fn from_listing(listing: ListingCursor, visible: &[&ScopeRow], purged_scopes: &mut Vec<String>) -> Option<Cursor> {
    let holds_all = listing.pending.is_empty()
        && visible.iter().all(|row| row.seq <= listing.seq && listing.known.contains(&row.scope));
    if !holds_all {
        return None;
    }
    purged_scopes.extend(listing.known.into_iter().filter(|scope| !visible.iter().any(|row| &row.scope == scope)));
    Some(Cursor::caught_up(listing.seq))
}

/// The head of the statement that aggregates a page (a subquery of `seq, line` in the order
/// of `seq`, with its limit) into a [`PageRow`]. SQLite aggregates the rows in the order the
/// subquery yields them (a subquery with a `LIMIT` is never merged into an aggregate around
/// it), and an `ORDER BY` inside its aggregate would copy every line into a temporary b-tree
/// first, to sort what is sorted (a tenth of the server's CPU under a stream of pulls):
/// the API tests check the order of the changes pulled. PostgreSQL is told the order.
fn page_of(sqlite: bool) -> &'static str {
    if sqlite {
        "SELECT COUNT(*) AS count, MAX(seq) AS last, string_agg(line, ',') AS lines FROM"
    } else {
        "SELECT COUNT(*) AS count, MAX(seq) AS last, string_agg(line, ',' ORDER BY seq) AS lines FROM"
    }
}

/// Up to this many changes since the cursor (in all scopes), a pull walks the sequence index.
const SEQUENCE_WALK_LIMIT: i64 = 500;

/// Changes numbered in `(after, through]` in any of `scopes`, in order, at most `limit`.
async fn changes_in(tx: &mut Tx, scopes: &[String], after: i64, through: i64, limit: i64) -> ApiResult<PageRow> {
    let placeholders: Vec<String> = (0..scopes.len()).map(|i| format!("${}", i + 4)).collect();
    // Two ways to find them: one index probe per scope, then a sort; or, when few changes
    // happened anywhere since the cursor (the usual pull of an app kept up to date), a walk
    // along the sequence index. SQLite's planner cannot know which is cheaper; a unary `+`
    // keeps it off the scope index (measured: 0.58 -> 0.26 ms for 100 changes in 51 scopes).
    // PostgreSQL's planner chooses with its statistics.
    let walk = tx.is_sqlite() && through - after <= SEQUENCE_WALK_LIMIT;
    let sql = format!(
        "{} ( \
           SELECT seq, line FROM sync_log WHERE seq > $1 AND seq <= $2 AND {}scope IN ({}) ORDER BY seq LIMIT $3) page",
        page_of(tx.is_sqlite()),
        if walk { "+" } else { "" },
        placeholders.join(", ")
    );
    let page: PageRow = on_tx!(tx, c => {
        let mut query = sqlx::query_as(AssertSqlSafe(sql.clone())).bind(after).bind(through).bind(limit);
        for scope in scopes {
            query = query.bind(scope);
        }
        query.fetch_one(c).await
    })?;
    Ok(page)
}

/// The next page of a scope's snapshot: live objects, and deletions since it began.
async fn snapshot_page(tx: &mut Tx, snapshot: &Snapshot, through: i64, limit: i64) -> ApiResult<PageRow> {
    // Built once for each backend: a first sync asks for many pages.
    fn statement(sqlite: bool) -> String {
        format!(
            "{} ( \
               SELECT seq, line FROM sync_log WHERE scope = $1 AND seq > $2 AND seq <= $3 AND (NOT deleted OR seq > $4) ORDER BY seq LIMIT $5) page",
            page_of(sqlite)
        )
    }
    static SQLITE: LazyLock<String> = LazyLock::new(|| statement(true));
    static POSTGRES: LazyLock<String> = LazyLock::new(|| statement(false));
    let sql = if tx.is_sqlite() { SQLITE.as_str() } else { POSTGRES.as_str() };
    let page: PageRow = on_tx!(tx, c => sqlx::query_as(AssertSqlSafe(sql))
        .bind(&snapshot.scope).bind(snapshot.after).bind(through).bind(snapshot.start).bind(limit).fetch_one(c).await)?;
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_hand_written_answer_is_a_wire_pull_response() {
        let id = Uuid::nil();
        let lines = vec![format!(
            "{{\"seq\":1,\"scope\":\"person:x\",\"kind\":\"following\",\"id\":\"{id}\",\"entity\":{{\"kind\":\"following\",\"data\":{{\"group_id\":\"{id}\",\"person_id\":\"{id}\"}}}}}},{{\"seq\":2,\"scope\":\"group:y\",\"kind\":\"post\",\"id\":\"{id}\"}}"
        )];
        let answer = PullAnswer {
            cursor: "c\"ur".into(),
            reset: true,
            purged_scopes: vec!["group:z".into()],
            lines,
            has_more: false,
            last_mutation_id: 7,
        };
        let body = axum::body::to_bytes(answer.into_response().into_body(), usize::MAX).await.unwrap();
        let parsed: PullResponse = serde_json::from_slice(&body).unwrap();
        assert_eq!(parsed.cursor, "c\"ur");
        assert!(parsed.reset);
        assert_eq!(parsed.purged_scopes, vec!["group:z"]);
        assert_eq!(parsed.changes.len(), 2);
        assert!(parsed.changes[1].entity.is_none());
        assert_eq!(parsed.last_mutation_id, 7);
    }

    #[tokio::test]
    async fn an_empty_page_is_an_empty_list() {
        let answer = PullAnswer {
            cursor: String::new(),
            reset: false,
            purged_scopes: vec![],
            lines: vec![],
            has_more: false,
            last_mutation_id: 0,
        };
        let body = axum::body::to_bytes(answer.into_response().into_body(), usize::MAX).await.unwrap();
        let parsed: PullResponse = serde_json::from_slice(&body).unwrap();
        assert!(parsed.changes.is_empty());
    }
}
