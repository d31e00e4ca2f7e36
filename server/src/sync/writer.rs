//! Group commit (issue 23): the mutations of concurrent pushes are applied by one writer task
//! of this instance, together, in one transaction, with one commit (one sync of SQLite's WAL
//! with `synchronous = FULL`, one flush of PostgreSQL's) for the whole batch, and the change
//! log, the devices' progress and the activity counts written once for it, in bulk
//! ([`crate::sync::log::commit`]).
//!
//! Each mutation keeps its own savepoint ([`crate::sync::push`]): one that is refused, or
//! that fails, is undone alone and answered alone; the others go on. Only a failure of the
//! database beyond a savepoint takes the batch with it: none is applied, each device pushes
//! its mutation again. A push is answered only once the batch that holds
//! its mutation is committed, so "applied" still means "on disk". If the commit itself fails,
//! every mutation of the batch is answered with the error and none is applied: their devices
//! keep them and push them again.
//!
//! SQLite has one writer anyway: batching changes only how often it syncs. On PostgreSQL the
//! change counter's row, locked by every writing transaction from its change log to its
//! commit (`log::commit`), made concurrent transactions of one mutation each wait for each
//! other's flush to disk, one by one: batches share one. Several instances on one database
//! each have their writer; their batches queue on that row as single mutations did. A batch
//! holds at most [`MAX_BATCH`] savepoints: PostgreSQL keeps the ids of 64 subtransactions of a
//! transaction in shared memory, and beyond that every other session's snapshot reads them
//! from disk.

use std::future::Future;
use std::pin::Pin;

use tokio::sync::{mpsc, oneshot};

use crate::db::{Db, Tx};
use crate::error::{ApiError, ApiResult};
use crate::pokes::Pokes;
use crate::sync::log::{self, ChangeSet};

/// Mutations applied in one transaction at most, unless configured (`--write-batch`; on
/// PostgreSQL never more: see the module's header).
pub const MAX_BATCH: usize = 64;

/// One mutation's work inside the batch's transaction: it writes its changes to the set it
/// is given, and answers what it did.
pub type Work<T> = Box<dyn for<'a> FnOnce(&'a mut Tx, &'a mut ChangeSet) -> BoxedFuture<'a, T> + Send>;
pub type BoxedFuture<'a, T> = Pin<Box<dyn Future<Output = ApiResult<T>> + Send + 'a>>;

struct Job<T> {
    work: Work<T>,
    reply: oneshot::Sender<ApiResult<T>>,
}

/// The handle requests send their work to.
pub struct Writer<T> {
    jobs: mpsc::Sender<Job<T>>,
}

impl<T> Clone for Writer<T> {
    fn clone(&self) -> Self {
        Writer { jobs: self.jobs.clone() }
    }
}

impl<T: Send + 'static> Writer<T> {
    /// Starts the writer task over `db`; it ends when every handle is dropped.
    pub fn start(db: Db, pokes: Pokes, batch: usize) -> Writer<T> {
        let batch = if db.is_sqlite() { batch } else { batch.min(MAX_BATCH) };
        let (jobs, receiver) = mpsc::channel(1024);
        tokio::spawn(run(db, pokes, receiver, batch));
        Writer { jobs }
    }

    /// Runs `work` in the next batch; answers once the batch is committed.
    pub async fn run(&self, work: Work<T>) -> ApiResult<T> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job { work, reply })
            .await
            .map_err(|_| ApiError::internal("the writer has stopped".to_owned()))?;
        answer.await.map_err(|_| ApiError::internal("the writer dropped a mutation".to_owned()))?
    }
}

async fn run<T: Send + 'static>(db: Db, pokes: Pokes, mut receiver: mpsc::Receiver<Job<T>>, most: usize) {
    while let Some(first) = receiver.recv().await {
        let mut batch = vec![first];
        while batch.len() < most {
            match receiver.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        // In a task of its own: a mutation that panics loses its batch (dropped, so rolled
        // back; each request is answered with an error), never the writer.
        let (db, pokes) = (db.clone(), pokes.clone());
        if let Err(error) = tokio::spawn(async move { apply_batch(&db, &pokes, batch).await }).await {
            tracing::error!(%error, "a batch of mutations failed: none is applied");
        }
    }
}

async fn apply_batch<T>(db: &Db, pokes: &Pokes, batch: Vec<Job<T>>) {
    let (works, replies): (Vec<Work<T>>, Vec<_>) = batch.into_iter().map(|job| (job.work, job.reply)).unzip();
    match write_batch(db, works).await {
        Ok((scopes, answers)) => {
            pokes.after_commit(scopes);
            for (reply, answer) in replies.into_iter().zip(answers) {
                let _ = reply.send(Ok(answer));
            }
        }
        Err(error) => {
            tracing::error!(%error, "a batch of mutations could not be written: none is applied");
            for reply in replies {
                let _ = reply.send(Err(ApiError::internal(error.to_string())));
            }
        }
    }
}

/// Runs each mutation's work in one transaction, then commits: the changed scopes and each
/// work's answer, in order. An error here is the database failing beyond what a mutation's
/// savepoint undoes: the transaction is dropped (rolled back), nothing of the batch applied.
async fn write_batch<T>(db: &Db, works: Vec<Work<T>>) -> ApiResult<(Vec<String>, Vec<T>)> {
    let started = std::time::Instant::now();
    let mut tx = db.begin_write().await?;
    let began = started.elapsed();
    // One set for the batch: a mutation adds to it only what it did (a refused one nothing),
    // and sees what the batch's earlier mutations handled but did not write yet.
    let mut all = ChangeSet::default();
    let mut answers = Vec::with_capacity(works.len());
    for work in works {
        answers.push(work(&mut tx, &mut all).await?);
    }
    let logging = std::time::Instant::now();
    let scopes = log::commit(&mut tx, all).await?;
    let (logged, committing) = (logging.elapsed(), std::time::Instant::now());
    tx.commit().await?;
    let (elapsed, committing) = (started.elapsed(), committing.elapsed());
    tracing::debug!(mutations = answers.len(), ?elapsed, ?began, ?logged, ?committing, "batch committed");
    Ok((scopes, answers))
}
