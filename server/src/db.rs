//! One store over two backends: SQLite (the embedded default) and PostgreSQL.
//!
//! Not `sqlx::Any` (it cannot read timestamps, UUIDs or booleans natively): an enum of the
//! two native pools, and macros, [`on_db!`](crate::on_db) and [`on_tx!`](crate::on_tx),
//! that run the same SQL text on whichever backend is in use ([`exec!`](crate::exec) for a
//! statement that returns no rows, answering the rows it touched). The SQL is written once with
//! `$1` placeholders, which both accept; the few places where the dialects differ `match`.
//!
//! SQLite has one writer at a time: writes go through a one-connection pool so that they
//! queue in Tokio instead of spinning in SQLite's busy handler, and reads use their own pool
//! (WAL lets them run beside the writer). The WAL is copied back into the database file
//! (checkpointed) by a connection of its own ([`checkpoints`]), beside the writer instead of in
//! its commits.
//!
//! # Cancellation: no connection goes back to a pool inside a transaction
//!
//! A future can be dropped at any `.await` (axum drops a handler's future when its client
//! hangs up). Requests are shielded from that in `lib.rs` (`run_to_completion` runs each in
//! its own task), but a future regression there or in background work must not poison a
//! pool, so the pools stay sound when a transaction's future is dropped half-way:
//!
//! - PostgreSQL: sqlx up to 0.9.0 lost track of a transaction whose future was dropped while
//!   `BEGIN` was in flight (transact-rs/sqlx issues #4385 and #4393): the session stayed
//!   inside it and the next borrower's statements ran in that stale transaction (holding its
//!   locks, failing as read-only, never committed). sqlx 0.9.1 rolls it back (pull request
//!   #4394). In case a later release regresses, `still_in_transaction` checks every
//!   connection as it comes back to the pool and closes it if the session is still inside a
//!   transaction (PostgreSQL then rolls it back).
//! - SQLite: every command runs on sqlx's worker thread, which finishes what it was handed
//!   even when the caller is gone. A dropped `Transaction` queues its `ROLLBACK` there,
//!   before anything the next borrower sends; a `BEGIN IMMEDIATE` whose caller stopped
//!   waiting is rolled back by the worker at once, since no `Transaction` exists to end it.
//!   The write pool has one connection, so a stuck transaction there would stop every
//!   write: the cancellation test (`server/tests/api/cancellation.rs`) shows it does not.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Arguments, PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use uuid::Uuid;

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite { read: SqlitePool, write: SqlitePool, checkpoint: SqlitePool },
    Postgres(PgPool),
}

/// A transaction on either backend.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Runs `$body` with `$c` bound to a pool of the backend in use (the read pool on SQLite).
#[macro_export]
macro_rules! on_db {
    ($db:expr, $c:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite { read, .. } => {
                let $c = read;
                $body
            }
            $crate::db::Db::Postgres(pool) => {
                let $c = pool;
                $body
            }
        }
    };
}

/// Runs `$body` with `$c` bound to the connection of the transaction `$tx` (a `&mut Tx`).
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::db::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::db::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// Runs a statement that returns no rows (`sqlx::query(..).bind(..)`) in the transaction
/// `$tx` (a `&mut Tx`) on whichever backend is in use, and answers the rows it touched: the
/// one line area modules write for an insert, update or delete.
#[macro_export]
macro_rules! exec {
    ($tx:expr, $query:expr) => {
        $crate::on_tx!($tx, c => $query.execute(c).await.map(|r| r.rows_affected()))
    };
}

/// Connections kept by default (see `StoreArgs::database_pool`).
pub const DEFAULT_POOL: u32 = 16;

/// SQLite's readers for a pool of `pool`: see [`Db::connect_with`].
fn sqlite_readers(pool: u32) -> u32 {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as u32;
    pool.min(2 * cores).clamp(2, 8)
}

impl Db {
    /// Connects to `url` (`sqlite:` or `postgres://`), creating the SQLite file if needed,
    /// with the default number of connections.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        Db::connect_with(url, DEFAULT_POOL).await
    }

    /// Connects with `pool` connections: PostgreSQL's pool, or SQLite's readers: at most two
    /// a core (and 8), since reads are served from the page cache by as many threads as there
    /// are cores, the second covering one that waits on the disk; each reader keeps its own
    /// page cache and prepared statements (4 readers instead of 8 on 2 cores: 115–120 MB
    /// instead of 128–129 under the capacity test at 2,000 members, pulls as fast).
    pub async fn connect_with(url: &str, pool: u32) -> Result<Db, sqlx::Error> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(pool.max(2))
                .acquire_timeout(Duration::from_secs(10))
                .after_release(|conn, _| {
                    Box::pin(async move {
                        if still_in_transaction(conn).await? {
                            tracing::warn!("a PostgreSQL connection came back to the pool inside a transaction (sqlx #4385): closed");
                            return Ok(false);
                        }
                        Ok(true)
                    })
                })
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // A push is answered once its transaction is on disk: with FULL, SQLite syncs the
                // WAL at each commit, so an acknowledged write (which the phone then drops from its
                // outbox) survives a power cut, not only a crash of the process.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            // No ping when a connection is taken from the pool (sqlx's default, made for
            // servers across a network): an SQLite connection is a file in this process,
            // and the ping is a round trip to its worker thread, as dear as a statement — two
            // of a pull's seven. A connection whose worker thread died answers every command
            // with an error, and the pool replaces it at its lifetime's end.
            //
            // The writer keeps its savepoints' journal in memory (a savepoint a mutation, see
            // `sync::push`): SQLite writes it to a temporary file otherwise, a write to the
            // kernel for every page a mutation changes (an eighth of the writer's time under a
            // stream of posts). Readers keep their default: a large sort may use the disk.
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(30))
                .test_before_acquire(false)
                .connect_with(options.clone().pragma("temp_store", "memory"))
                .await?;
            let checkpoint = SqlitePoolOptions::new()
                .max_connections(1)
                .test_before_acquire(false)
                // It copies pages from the WAL to the file: no cache of its own to speak of.
                .connect_with(options.clone().pragma("cache_size", "-128"))
                .await?;
            tokio::spawn(checkpoints(checkpoint.clone()));
            let read = SqlitePoolOptions::new()
                .max_connections(sqlite_readers(pool))
                .acquire_timeout(Duration::from_secs(10))
                .test_before_acquire(false)
                .connect_with(options.read_only(true))
                .await?;
            Ok(Db::Sqlite { read, write, checkpoint })
        } else {
            Err(sqlx::Error::Configuration("the database URL must start with sqlite: or postgres://".into()))
        }
    }

    /// Brings the schema up to date; each backend has its own migrations directory.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite { write, .. } => sqlx::migrate!("./migrations/sqlite").run(write).await,
            Db::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await,
        }
    }

    /// How many statements may read at once: SQLite's readers, or PostgreSQL's connections.
    pub fn readers(&self) -> usize {
        match self {
            Db::Sqlite { read, .. } => read.options().get_max_connections() as usize,
            Db::Postgres(pool) => pool.options().get_max_connections() as usize,
        }
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Db::Sqlite { .. })
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite { .. } => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// A transaction that will write. On SQLite it takes the write lock at once, so that two
    /// writers never both read and then fail to upgrade.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite { write, .. } => Tx::Sqlite(write.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    /// A read-only transaction that sees one snapshot from its first read to its end.
    pub async fn begin_read(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite { read, .. } => Tx::Sqlite(read.begin().await?),
            Db::Postgres(pool) => {
                Tx::Postgres(pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").await?)
            }
        })
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite { read, write, checkpoint } => {
                checkpoint.close().await;
                read.close().await;
                write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }
}

/// A round of [`checkpoints`] when the last one found nothing to copy.
const CHECKPOINT_IDLE: Duration = Duration::from_millis(200);

/// A round of [`checkpoints`] after one that copied something: the WAL under a stream of
/// writes.
const CHECKPOINT_BUSY: Duration = Duration::from_millis(20);

/// Checkpoints SQLite's WAL, on a connection of its own, until the pool is closed. A
/// checkpoint copies the WAL's pages into the database file and syncs it; the writer's
/// commit that makes the WAL pass 1,000 pages (SQLite's threshold) does it otherwise, and
/// those were the slowest commits (10 to 200 ms, which every push of the batch waited for).
/// `PASSIVE`: it waits for no one; the writer and the readers go on beside it.
///
/// The writer still checkpoints at its threshold: only it can finish the copy (beside a busy
/// writer the WAL is never all copied, as new commits keep coming) and so let the WAL start
/// again from its beginning, instead of growing without end; the rounds here leave it a few
/// pages to copy. Every change is durable in the WAL before its commit returns: a checkpoint
/// moves it, it does not make it durable.
async fn checkpoints(pool: SqlitePool) {
    let mut copied_before = 0;
    loop {
        // busy (0 or 1), frames in the WAL, frames copied into the database file.
        let done: Result<(i64, i64, i64), sqlx::Error> =
            sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)").fetch_one(&pool).await;
        let pause = match done {
            Ok((_, _, copied)) if copied != copied_before => {
                copied_before = copied;
                CHECKPOINT_BUSY
            }
            Ok(_) => CHECKPOINT_IDLE,
            Err(_) if pool.is_closed() => return,
            Err(error) => {
                tracing::warn!(%error, "a checkpoint of the WAL failed: the next round tries again");
                CHECKPOINT_IDLE
            }
        };
        tokio::time::sleep(pause).await;
        if pool.is_closed() {
            return;
        }
    }
}

/// Whether the PostgreSQL session is inside a transaction block (see the module header).
/// Sent as a simple query: in its own implicit transaction, PostgreSQL gives the
/// statement's and the transaction's start the same timestamp; inside a block opened by an
/// earlier command they differ. A session in an aborted transaction fails the query, and
/// the pool closes a connection whose check fails.
async fn still_in_transaction(conn: &mut sqlx::PgConnection) -> Result<bool, sqlx::Error> {
    use sqlx::{Connection, Row};
    if conn.is_in_transaction() {
        return Ok(true);
    }
    let row = sqlx::raw_sql("SELECT transaction_timestamp() = statement_timestamp()").fetch_one(&mut *conn).await?;
    Ok(!row.try_get::<bool, _>(0)?)
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }

    /// Undoes what a mutation wrote since its savepoint, named `mutation` (taken by
    /// `sync::push` with the mutation's first statement), and ends that savepoint.
    pub async fn rollback_to_savepoint(&mut self) -> Result<(), sqlx::Error> {
        exec!(self, sqlx::query("ROLLBACK TO SAVEPOINT mutation"))?;
        exec!(self, sqlx::query("RELEASE SAVEPOINT mutation"))?;
        Ok(())
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Tx::Postgres(_))
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Tx::Sqlite(_))
    }

    /// `" FOR UPDATE"` on PostgreSQL, nothing on SQLite (whose `BEGIN IMMEDIATE` already holds
    /// the only write lock): for a `SELECT` whose rows this transaction is about to change.
    pub fn for_update(&self) -> &'static str {
        match self {
            Tx::Sqlite(_) => "",
            Tx::Postgres(_) => " FOR UPDATE",
        }
    }

    /// Holds the lock of the row `id` of `table` until this transaction ends, so that writes
    /// to one thing (an event's seats, a poll's counts) are decided one at a time: a row lock
    /// on PostgreSQL; nothing to do on SQLite, which writes one transaction at a time.
    pub async fn lock_row(&mut self, table: &'static str, id: uuid::Uuid) -> Result<(), sqlx::Error> {
        if let Tx::Postgres(c) = self {
            let sql = format!("SELECT id FROM {table} WHERE id = $1 FOR UPDATE");
            sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&mut **c).await?;
        }
        Ok(())
    }

    /// SQL that keeps rows whose `column` is one of the ids in the JSON array bound at
    /// `$param`, or every row when it is bound NULL (a console user's scope: see
    /// `AdminScope::as_json` in auth.rs).
    pub fn in_id_set_or_all(&self, column: &str, param: usize) -> String {
        // PostgreSQL must be told the parameter's type to compare it with NULL.
        let absent = match self {
            Tx::Sqlite(_) => format!("${param} IS NULL"),
            Tx::Postgres(_) => format!("CAST(${param} AS TEXT) IS NULL"),
        };
        format!("({absent} OR {column} IN ({}))", self.id_set(param))
    }

    /// SQL for the set of numbers in the JSON array bound at `$param`, for `column IN (...)`.
    pub fn number_set(&self, param: usize) -> String {
        match self {
            Tx::Sqlite(_) => format!("SELECT CAST(value AS INTEGER) AS n FROM json_each(${param})"),
            Tx::Postgres(_) => {
                format!("SELECT CAST(value AS BIGINT) AS n FROM jsonb_array_elements_text(CAST(${param} AS JSONB))")
            }
        }
    }

    /// SQL for many rows written or read in one statement: the rows bound at `$param` as one
    /// JSON array of arrays (`serde_json::to_string` of a slice of tuples), each of `columns`
    /// read from its position with its type, as a table to `SELECT … FROM … AS r`. One string
    /// bound on either backend, so a bulk statement is written once, with one list of binds.
    pub fn json_rows(&self, param: usize, columns: &[(&str, Column)]) -> String {
        let read = |i: usize, column: Column| match (self, column) {
            (Tx::Sqlite(_), Column::Uuid) => format!("unhex(replace(json_extract(value, '$[{i}]'), '-', ''))"),
            (Tx::Sqlite(_), Column::Text | Column::Integer | Column::Bool | Column::Date) => {
                format!("json_extract(value, '$[{i}]')")
            }
            (Tx::Postgres(_), Column::Uuid) => format!("CAST(value->>{i} AS UUID)"),
            (Tx::Postgres(_), Column::Text) => format!("value->>{i}"),
            (Tx::Postgres(_), Column::Integer) => format!("CAST(value->>{i} AS BIGINT)"),
            (Tx::Postgres(_), Column::Bool) => format!("CAST(value->>{i} AS BOOLEAN)"),
            (Tx::Postgres(_), Column::Date) => format!("CAST(value->>{i} AS DATE)"),
        };
        let list: Vec<String> =
            columns.iter().enumerate().map(|(i, (name, column))| format!("{} AS {name}", read(i, *column))).collect();
        let from = match self {
            Tx::Sqlite(_) => format!("json_each(${param})"),
            Tx::Postgres(_) => format!("jsonb_array_elements(CAST(${param} AS JSONB))"),
        };
        format!("(SELECT {} FROM {from})", list.join(", "))
    }

    /// SQL for the text of the id in `column` (`0190…-…`, as `Uuid`'s `Display` writes it),
    /// for scope names built in a statement.
    pub fn uuid_text(&self, column: &str) -> String {
        match self {
            Tx::Sqlite(_) => format!(
                "lower(substr(hex({column}), 1, 8) || '-' || substr(hex({column}), 9, 4) || '-' || \
                 substr(hex({column}), 13, 4) || '-' || substr(hex({column}), 17, 4) || '-' || substr(hex({column}), 21))"
            ),
            Tx::Postgres(_) => format!("CAST({column} AS TEXT)"),
        }
    }

    /// SQL for the set of ids in the JSON array bound at `$param` (see [`ids_json`]), for
    /// `column IN (...)`: one statement for a list of ids on either backend.
    pub fn id_set(&self, param: usize) -> String {
        match self {
            Tx::Sqlite(_) => format!("SELECT unhex(replace(value, '-', '')) AS id FROM json_each(${param})"),
            Tx::Postgres(_) => {
                format!("SELECT CAST(value AS UUID) AS id FROM jsonb_array_elements_text(CAST(${param} AS JSONB))")
            }
        }
    }
}

/// A value bound to one of [`Statements`].
#[derive(Clone, Debug)]
pub enum Bind {
    Text(String),
    Integer(i64),
    Time(DateTime<Utc>),
    Id(Uuid),
}

/// Statements run in order in a transaction: on SQLite in one string, one round trip to the
/// database's thread for all of them (each is a round trip otherwise, a thread hand-off each
/// way); on PostgreSQL one after the other (it takes one statement with parameters at a
/// time). Each is written with its own parameters, from `$1`. [`Statements::run`] for those
/// that answer nothing; [`Statements::fetch`] for each one's rows.
///
/// On SQLite a statement that fails stops the ones after it, as on PostgreSQL; the ones before
/// it are done (the caller's savepoint undoes them when it must).
#[derive(Default)]
pub struct Statements {
    list: Vec<(String, Vec<Bind>)>,
}

/// The rows one of [`Statements`] answered ([`Statements::fetch`]), read as a type that
/// either backend's row gives (`sqlx::FromRow` for both, as `query_as` asks).
pub enum Rows {
    Sqlite(Vec<sqlx::sqlite::SqliteRow>),
    Postgres(Vec<sqlx::postgres::PgRow>),
}

impl Rows {
    pub fn all<T>(&self) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    {
        match self {
            Rows::Sqlite(rows) => rows.iter().map(T::from_row).collect(),
            Rows::Postgres(rows) => rows.iter().map(T::from_row).collect(),
        }
    }

    /// The first row, if there is one.
    pub fn first<T>(&self) -> Result<Option<T>, sqlx::Error>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    {
        match self {
            Rows::Sqlite(rows) => rows.first().map(T::from_row).transpose(),
            Rows::Postgres(rows) => rows.first().map(T::from_row).transpose(),
        }
    }
}

impl Statements {
    pub fn push(&mut self, sql: String, binds: Vec<Bind>) {
        self.list.push((sql, binds));
    }

    /// The whole list as one string on SQLite, its parameters numbered in the whole string
    /// (each statement's after the ones before it).
    fn one_string(self) -> Result<(String, sqlx::sqlite::SqliteArguments), sqlx::Error> {
        let mut sql = String::new();
        let mut arguments = sqlx::sqlite::SqliteArguments::default();
        for (statement, binds) in self.list {
            sql.push_str(&renumbered(&statement, arguments.len()));
            sql.push_str(";\n");
            for bind in binds {
                bind.add_to(&mut arguments)?;
            }
        }
        Ok((sql, arguments))
    }

    /// Runs them all and answers each one's rows, in order.
    pub async fn fetch(self, tx: &mut Tx) -> Result<Vec<Rows>, sqlx::Error> {
        let count = self.list.len();
        let (answers, failure) = self.fetch_each(tx).await;
        failure?;
        if answers.len() != count {
            return Err(sqlx::Error::Protocol(format!("{count} statements sent, {} answered", answers.len())));
        }
        Ok(answers)
    }

    /// Runs them in order until one fails: the rows of each one done, and the failure that
    /// stopped the others if one did (the caller knows from the rows' count which ones ran).
    pub async fn fetch_each(self, tx: &mut Tx) -> (Vec<Rows>, Result<(), sqlx::Error>) {
        use futures::TryStreamExt;
        use sqlx::Executor;
        let mut answers = Vec::with_capacity(self.list.len());
        let failure = async {
            match tx {
                Tx::Sqlite(c) => {
                    let (sql, arguments) = self.one_string()?;
                    let mut steps = (&mut **c).fetch_many(sqlx::query_with(sqlx::AssertSqlSafe(sql), arguments));
                    let mut rows = Vec::new();
                    // A statement's rows, then its end; the next statement's after.
                    while let Some(step) = steps.try_next().await? {
                        match step {
                            sqlx::Either::Right(row) => rows.push(row),
                            sqlx::Either::Left(_) => answers.push(Rows::Sqlite(std::mem::take(&mut rows))),
                        }
                    }
                }
                Tx::Postgres(c) => {
                    for (statement, binds) in self.list {
                        let mut arguments = sqlx::postgres::PgArguments::default();
                        for bind in binds {
                            bind.add_to(&mut arguments)?;
                        }
                        let rows =
                            sqlx::query_with(sqlx::AssertSqlSafe(statement), arguments).fetch_all(&mut **c).await?;
                        answers.push(Rows::Postgres(rows));
                    }
                }
            }
            Ok(())
        }
        .await;
        (answers, failure)
    }

    /// Adds `other`'s statements after these.
    pub fn append(&mut self, other: Statements) {
        self.list.extend(other.list);
    }

    pub async fn run(self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        match tx {
            Tx::Sqlite(c) => {
                if self.list.is_empty() {
                    return Ok(());
                }
                let (sql, arguments) = self.one_string()?;
                sqlx::query_with(sqlx::AssertSqlSafe(sql), arguments).execute(&mut **c).await?;
            }
            Tx::Postgres(c) => {
                for (statement, binds) in self.list {
                    let mut arguments = sqlx::postgres::PgArguments::default();
                    for bind in binds {
                        bind.add_to(&mut arguments)?;
                    }
                    sqlx::query_with(sqlx::AssertSqlSafe(statement), arguments).execute(&mut **c).await?;
                }
            }
        }
        Ok(())
    }
}

impl Bind {
    fn add_to<A>(self, arguments: &mut A) -> Result<(), sqlx::Error>
    where
        A: Arguments,
        String: for<'t> sqlx::Encode<'t, A::Database> + sqlx::Type<A::Database>,
        i64: for<'t> sqlx::Encode<'t, A::Database> + sqlx::Type<A::Database>,
        DateTime<Utc>: for<'t> sqlx::Encode<'t, A::Database> + sqlx::Type<A::Database>,
        Uuid: for<'t> sqlx::Encode<'t, A::Database> + sqlx::Type<A::Database>,
    {
        match self {
            Bind::Text(text) => arguments.add(text),
            Bind::Integer(number) => arguments.add(number),
            Bind::Time(time) => arguments.add(time),
            Bind::Id(id) => arguments.add(id),
        }
        .map_err(sqlx::Error::Encode)
    }
}

/// `sql` with each parameter `$n` made `$(n + offset)` (`$` before anything but a digit, as in
/// a JSON path `'$[0]'`, is left as it is).
fn renumbered(sql: &str, offset: usize) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let n: usize = rest[..digits].parse().expect("ASCII digits");
            out.push_str(&(n + offset).to_string());
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

/// The type of a column of [`Tx::json_rows`].
#[derive(Clone, Copy, Debug)]
pub enum Column {
    Uuid,
    Text,
    Integer,
    Bool,
    /// A day, `2026-12-06` (`NaiveDate` in JSON).
    Date,
}

/// The rows as the JSON [`Tx::json_rows`] reads.
pub fn rows_json(rows: &impl serde::Serialize) -> String {
    serde_json::to_string(rows).expect("rows serialise")
}

/// The ids as the JSON array [`Tx::id_set`] reads.
pub fn ids_json(ids: &[uuid::Uuid]) -> String {
    serde_json::to_string(ids).expect("ids serialise")
}

/// Turns at the database's readers, for the requests every app sends together: its live
/// channel as it opens, its pull at each poke. When thousands arrive at once (every app
/// reconnecting after the server restarted), each waits here for a reader to be free in the
/// few bytes of a place in line, and only then builds its reads, whose futures hold several
/// kilobytes each while they wait (sqlx's statements, the pool's wait, both backends' arms):
/// measured with 2,000 members of the capacity test opening their channels within a second,
/// 101–103 MB at the server's highest against 114–117 MB (`docs/performance.md`).
#[derive(Clone)]
pub struct Turns(std::sync::Arc<tokio::sync::Semaphore>);

impl Turns {
    /// Four turns for each of `db`'s readers: a request holds its turn while it also works
    /// outside the database (its answer, its session's note); with one turn a reader, the
    /// reader's pull under 16 devices was 5–8 % slower in two pairs of runs, with four the same
    /// as without turns in five. A few dozen futures of reads are nothing beside thousands.
    pub fn new(db: &Db) -> Turns {
        Turns(std::sync::Arc::new(tokio::sync::Semaphore::new(4 * db.readers())))
    }

    /// Runs `work` in a turn: waits for one, then makes `work`'s future, in a box so that the
    /// caller's own future never holds its space, and runs it; the turn ends with it.
    pub async fn run<F: std::future::Future>(&self, work: impl FnOnce() -> F) -> F::Output {
        let _turn = self.0.acquire().await.expect("turns are never closed");
        Box::pin(work()).await
    }
}

#[cfg(test)]
mod tests {
    use sqlx::Connection;

    use super::{Bind, Db, Statements, renumbered};

    /// `.cargo/config.toml` has SQLite built with the query planner stability guarantee:
    /// without it, every statement with `LIMIT $n` is prepared again at every run.
    #[tokio::test]
    async fn sqlite_keeps_its_plans_whatever_is_bound() {
        let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:").await.unwrap();
        let options: Vec<String> = sqlx::query_scalar("PRAGMA compile_options").fetch_all(&mut conn).await.unwrap();
        assert!(options.iter().any(|o| o == "ENABLE_QPSG"), "SQLite built without ENABLE_QPSG: {options:?}");
    }

    /// A directory of its own for one test's database file, removed at the end.
    struct Scratch(std::path::PathBuf);

    impl Scratch {
        fn new() -> Scratch {
            let dir = std::env::temp_dir().join(format!("fabrique-db-test-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn url(&self) -> String {
            format!("sqlite:{}", self.0.join("test.db").display())
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[tokio::test]
    async fn statements_sent_together_answer_each_its_own_rows() {
        let scratch = Scratch::new();
        let db = Db::connect(&scratch.url()).await.unwrap();
        let mut tx = db.begin_write().await.unwrap();
        let mut statements = Statements::default();
        statements.push("CREATE TABLE t (n INTEGER, label TEXT)".to_owned(), vec![]);
        statements.push(
            "INSERT INTO t VALUES ($1, $2), ($1 + 1, $2) RETURNING n, label".to_owned(),
            vec![Bind::Integer(7), Bind::Text("seven".to_owned())],
        );
        statements.push("SELECT n, label FROM t WHERE n > $1".to_owned(), vec![Bind::Integer(100)]);
        statements.push("SELECT count(*) FROM t WHERE label = $1".to_owned(), vec![Bind::Text("seven".to_owned())]);
        let answers = statements.fetch(&mut tx).await.unwrap();
        assert_eq!(answers.len(), 4);
        assert!(answers[0].all::<(i64,)>().unwrap().is_empty());
        let written: Vec<(i64, String)> = answers[1].all().unwrap();
        assert_eq!(written, vec![(7, "seven".to_owned()), (8, "seven".to_owned())]);
        assert_eq!(answers[2].first::<(i64, String)>().unwrap(), None);
        assert_eq!(answers[3].first::<(i64,)>().unwrap(), Some((2,)));
        tx.commit().await.unwrap();
        db.close().await;
    }

    /// The WAL is copied into the database file beside the writer, without a commit of the
    /// writer doing it: the file grows by what was written while the writer does nothing.
    #[tokio::test]
    async fn the_wal_is_checkpointed_beside_the_writer() {
        let scratch = Scratch::new();
        let db = Db::connect(&scratch.url()).await.unwrap();
        let file = scratch.0.join("test.db");
        // 2 MB: 500 pages, fewer than SQLite's own threshold (1,000) for a checkpoint in a commit.
        write_pages(&db, 500).await;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let size = std::fs::metadata(&file).unwrap().len();
            if size >= 2_000_000 {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "the database file stayed at {size} bytes");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        db.close().await;
    }

    /// Under a stream of commits the WAL still starts again from its beginning: the copies
    /// beside the writer never finish it alone (new commits keep coming), so without the
    /// writer's own it would grow without end.
    #[tokio::test]
    async fn the_wal_starts_again_under_a_stream_of_writes() {
        let scratch = Scratch::new();
        let db = Db::connect(&scratch.url()).await.unwrap();
        let wal = scratch.0.join("test.db-wal");
        // 600 commits of 10 pages: 6,000 pages, six times SQLite's threshold of 1,000.
        for _ in 0..600 {
            write_pages(&db, 10).await;
        }
        let size = std::fs::metadata(&wal).unwrap().len();
        assert!(size < 3_000 * 4_096, "the WAL grew to {size} bytes");
        db.close().await;
    }

    /// Commits `pages` rows of 4,000 bytes (a page each) to table `t`, created if need be.
    async fn write_pages(db: &Db, pages: i64) {
        let mut tx = db.begin_write().await.unwrap();
        let mut statements = Statements::default();
        statements.push("CREATE TABLE IF NOT EXISTS t (payload TEXT)".to_owned(), vec![]);
        statements.push(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) \
             INSERT INTO t SELECT printf('%.4000c', 'x') FROM n"
                .to_owned(),
            vec![Bind::Integer(pages)],
        );
        statements.run(&mut tx).await.unwrap();
        tx.commit().await.unwrap();
    }

    #[test]
    fn parameters_are_numbered_after_the_statements_before() {
        assert_eq!(
            renumbered("INSERT INTO t SELECT json_extract(value, '$[0]'), $1 FROM json_each($2) WHERE x = $12", 3),
            "INSERT INTO t SELECT json_extract(value, '$[0]'), $4 FROM json_each($5) WHERE x = $15"
        );
        assert_eq!(renumbered("SELECT 1", 7), "SELECT 1");
        assert_eq!(renumbered("SELECT $1, '$'", 0), "SELECT $1, '$'");
    }
}
