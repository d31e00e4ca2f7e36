//! `POST /v1/sync/push`: exactly-once application of a device's mutations.
//!
//! Each mutation runs under its own savepoint in a batch of the instance's writer (group
//! commit), after locking the client's row, so two copies of the same push (a retry racing the
//! original, on this instance or another) apply it once: the second sees the first's
//! `last_mutation_id` and answers with the recorded outcome.

use axum::extract::State;
use chrono::Utc;
use fabrique_wire::error::ErrorBody;
use fabrique_wire::sync::{
    ClientMutation, MAX_PUSH_MUTATIONS, MutationOutcome, MutationResult, PushRequest, PushResponse,
};
use uuid::Uuid;

use crate::auth::{Actor, AuthUser};
use crate::db::{Bind, Rows, Statements, Tx};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::Json;
use crate::moderation::charter::Standing;
use crate::sync::apply::{Opening, apply};
use crate::sync::log::{ChangeSet, Progress};
use crate::{AppState, limits, on_tx};

/// Push mutations, in order, numbered from where the server is for this client.
#[utoipa::path(post, path = "/v1/sync/push", tag = "sync", security(("bearer" = [])), request_body = PushRequest,
    responses(
        (status = 200, description = "Each mutation's outcome", body = PushResponse),
        (status = 403, description = "The client id belongs to someone else", body = ErrorBody),
        (status = 409, description = "A gap: `details.expected_mutation_id` says where to resume", body = ErrorBody),
        (status = 429, description = "`rate_limited`: the person writes faster than by hand; `Retry-After` says when to push again (nothing was applied)", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(person = %actor.person_id, client = %request.client_id, count = request.mutations.len()))]
pub async fn push(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Json(request): Json<PushRequest>,
) -> ApiResult<Json<PushResponse>> {
    if request.mutations.len() > MAX_PUSH_MUTATIONS {
        return Err(ApiError::invalid(
            ErrorCode::TooManyMutations,
            format!("Push at most {MAX_PUSH_MUTATIONS} mutations at a time."),
        ));
    }
    for pair in request.mutations.windows(2) {
        if pair[1].id != pair[0].id + 1 {
            return Err(ApiError::invalid(
                ErrorCode::MutationsNotConsecutive,
                "Mutation ids in one push must be consecutive and in order.",
            ));
        }
    }
    if request.mutations.first().is_some_and(|m| m.id == 0 || m.id > i64::MAX as u64) {
        return Err(ApiError::invalid(ErrorCode::InvalidMutationId, "Mutation ids start at 1."));
    }

    let mut results = Vec::with_capacity(request.mutations.len());
    let mut last_mutation_id = None;
    for entry in &request.mutations {
        // In the writer's next batch (group commit), answered once it is on disk.
        let (limits, actor, client_id, entry) = (state.limits.clone(), actor.clone(), request.client_id, entry.clone());
        let step = state
            .writer
            .run(Box::new(move |tx, changes| {
                Box::pin(async move { one(tx, &limits, &actor, client_id, &entry, changes).await })
            }))
            .await?;
        match step {
            Step::Replayed(result, last) => {
                results.push(result);
                last_mutation_id = Some(last);
            }
            Step::Done(result) => {
                last_mutation_id = Some(result.id as i64);
                results.push(result);
            }
            // A person writing faster than by hand: this write and the ones after it wait on
            // the device (429, or the results so far), and go again later.
            Step::WriteLimited(retry_after) => {
                if results.is_empty() {
                    return Err(ApiError::write_limited(retry_after));
                }
                break;
            }
            Step::Failed(error) => return Err(error),
        }
    }

    let last_mutation_id = match last_mutation_id {
        Some(id) => id,
        None => current_last(&state, &actor, request.client_id).await?,
    };
    Ok(Json(PushResponse { results, last_mutation_id: last_mutation_id as u64 }))
}

/// What came of one mutation of a push.
pub enum Step {
    /// Applied or refused now (recorded either way).
    Done(MutationResult),
    /// Applied before (a retry): the recorded outcome, and the client's last mutation id.
    Replayed(MutationResult, i64),
    /// Not applied: the person writes faster than by hand; push again after these seconds.
    WriteLimited(u64),
    /// Not applied, and nothing of it written: the push is answered with this error (a gap,
    /// another person's device, or a failure of the server undone).
    Failed(ApiError),
}

/// One mutation of `client_id`, inside `tx` (the writer's batch): exactly once (a replay
/// answers the recorded outcome, a gap is refused), within the person's write limits, applied
/// under a savepoint so that a refusal undoes it alone, and recorded with the client's
/// progress. Its changes go to `changes`, which the caller writes
/// to the change log before committing.
///
/// Everything it writes is under its savepoint: a failure is undone ([`Step::Failed`]), so the
/// transaction holds nothing of it and goes on. An `Err` (the database failed beyond that)
/// leaves the transaction fit only for a rollback.
async fn one(
    tx: &mut Tx,
    limits: &limits::WriteLimits,
    actor: &Actor,
    client_id: Uuid,
    entry: &ClientMutation,
    changes: &mut ChangeSet,
) -> ApiResult<Step> {
    let opening = Opening::of(&entry.mutation);
    let (locked, answers) =
        match lock_client(tx, actor, client_id, opening.as_ref().map(|o| o.statements(actor))).await? {
            Opened::Locked(locked, answers) => (locked, answers),
            Opened::Undo(error) => return undone(tx, error).await,
        };
    // What the opening wrote must go when the mutation stops before it is applied.
    let wrote_ahead = opening.is_some();
    // A mutation of this client earlier in the batch is not written yet (see `Progress`).
    let last = changes.last_handled(client_id).unwrap_or(locked.last_mutation_id);
    let id = entry.id as i64;
    if id <= last {
        if wrote_ahead {
            tx.rollback_to_savepoint().await?;
        }
        let outcome = match changes.handled_outcome(client_id, id) {
            Some(outcome) => outcome.clone(),
            None => recorded_outcome(tx, client_id, id).await?,
        };
        return Ok(Step::Replayed(MutationResult { id: entry.id, outcome }, last));
    }
    if id != last + 1 {
        let gap = ApiError::conflict(
            ErrorCode::MutationGap,
            format!("Mutation {} is missing: the server expects mutation {} next.", last + 1, last + 1),
        )
        .with_details(serde_json::json!({ "expected_mutation_id": last + 1 }));
        return undone(tx, gap).await;
    }
    if let Err(wait) = limits.take(actor.person_id, &limits::costs(&entry.mutation)) {
        if wrote_ahead {
            tx.rollback_to_savepoint().await?;
        }
        let retry_after = wait.as_secs().max(1);
        tracing::info!(mutation = id, retry_after, "write limit reached");
        return Ok(Step::WriteLimited(retry_after));
    }
    let mut applied = ChangeSet::default();
    let opened = opening.map(|opening| (opening, answers));
    let outcome = match apply(tx, actor, &locked.standing, &entry.mutation, opened, &mut applied).await {
        Ok(()) => {
            changes.extend(applied);
            MutationOutcome::Applied
        }
        Err(error) => match error.as_client() {
            Some((code, message)) => {
                tx.rollback_to_savepoint().await?;
                tracing::info!(mutation = id, code, "mutation rejected");
                MutationOutcome::Rejected { code: code.to_owned(), message: message.to_owned() }
            }
            None => return undone(tx, error).await,
        },
    };
    // Written with the batch's others when the transaction commits (`log::commit`).
    changes.handled(Progress { client_id, mutation_id: id, outcome: outcome.clone() });
    Ok(Step::Done(MutationResult { id: entry.id, outcome }))
}

/// Undoes what the mutation wrote: the push is answered with `error`, and the transaction
/// goes on as if the mutation had never been tried.
async fn undone(tx: &mut Tx, error: ApiError) -> ApiResult<Step> {
    tx.rollback_to_savepoint().await?;
    Ok(Step::Failed(error))
}

/// The client's row, locked, and the person's standing (whether they may publish), read in
/// the statement that opens a mutation.
#[derive(sqlx::FromRow)]
struct Locked {
    person_id: Uuid,
    last_mutation_id: i64,
    #[sqlx(flatten)]
    standing: Standing,
}

/// What came of the round trip that opens a mutation.
enum Opened {
    /// The client's row locked, the savepoint taken, and what the mutation's opening
    /// statements answered (none without an opening).
    Locked(Locked, Vec<Rows>),
    /// The savepoint was taken, then this stopped the mutation: undo it and answer this.
    Undo(ApiError),
}

/// Registers the client on first use and locks its row for this transaction (the upsert takes
/// the row lock on PostgreSQL; SQLite's `BEGIN IMMEDIATE` already holds the write lock), reads
/// the person's standing with it (one statement), then takes the mutation's savepoint, then
/// runs the mutation's `opening` statements if it has some (`sync::apply::Opening`); refuses
/// a client id that belongs to someone else. On SQLite all go in one string: one round trip to
/// the database's thread (PostgreSQL takes one statement with parameters at a time).
///
/// The lock is taken before the savepoint, so that a refusal undone by the savepoint keeps it:
/// on PostgreSQL a copy of the same push waits for this transaction, then answers what it
/// recorded, instead of registering the client a second time. The savepoint is not released
/// when the mutation succeeds: the transaction's commit releases it with the others, and the
/// last one taken is the one a refusal goes back to ([`Tx::rollback_to_savepoint`]). A failure
/// before the savepoint is taken is the database's, beyond what a savepoint undoes: an `Err`,
/// and the batch goes with it.
async fn lock_client(tx: &mut Tx, actor: &Actor, client_id: Uuid, opening: Option<Statements>) -> ApiResult<Opened> {
    // Built once: it is the first statement of every mutation.
    static LOCK: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "INSERT INTO sync_clients (client_id, person_id, last_mutation_id, created_at) VALUES ($1, $2, 0, $3) \
             ON CONFLICT (client_id) DO UPDATE SET client_id = excluded.client_id \
             RETURNING person_id, last_mutation_id, {}",
            Standing::columns(2)
        )
    });
    let mut statements = Statements::default();
    statements.push(LOCK.clone(), vec![Bind::Id(client_id), Bind::Id(actor.person_id), Bind::Time(Utc::now())]);
    statements.push("SAVEPOINT mutation".to_owned(), Vec::new());
    if let Some(opening) = opening {
        statements.append(opening);
    }
    let (answers, failure) = statements.fetch_each(tx).await;
    if answers.len() < 2 {
        return Err(failure.err().map_or_else(|| ApiError::internal("the client's lock answered nothing"), Into::into));
    }
    let mut answers = answers.into_iter();
    let locked: Option<Locked> = answers.next().map(|rows| rows.first()).transpose()?.flatten();
    let locked = match (locked, failure) {
        (_, Err(error)) => return Ok(Opened::Undo(error.into())),
        (None, Ok(())) => return Ok(Opened::Undo(ApiError::internal("the client's row was not returned"))),
        (Some(locked), Ok(())) => locked,
    };
    if locked.person_id != actor.person_id {
        return Ok(Opened::Undo(client_taken()));
    }
    // The savepoint's (empty) answer, then the opening's.
    Ok(Opened::Locked(locked, answers.skip(1).collect()))
}

pub fn client_taken() -> ApiError {
    ApiError::forbidden(
        ErrorCode::ClientIdTaken,
        "This device id belongs to another account. Sign out and in again to get a new one.",
    )
}

/// What became of a mutation handled before (at or below its client's last): refused if a
/// refusal is recorded, else applied (only refusals are written: `log::commit`).
async fn recorded_outcome(tx: &mut Tx, client_id: Uuid, id: i64) -> ApiResult<MutationOutcome> {
    let row: Option<(String, Option<String>, Option<String>)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT outcome, error_code, error_message FROM sync_mutations WHERE client_id = $1 AND mutation_id = $2")
        .bind(client_id).bind(id).fetch_optional(c).await)?;
    Ok(match row {
        Some((outcome, code, message)) if outcome == "rejected" => {
            MutationOutcome::Rejected { code: code.unwrap_or_default(), message: message.unwrap_or_default() }
        }
        _ => MutationOutcome::Applied,
    })
}

async fn current_last(state: &AppState, actor: &Actor, client_id: Uuid) -> ApiResult<i64> {
    let mut tx = state.db.begin_read().await?;
    let last = last_mutation_id(&mut tx, actor, client_id).await?;
    tx.commit().await?;
    Ok(last)
}

/// The last mutation id recorded for a client of this person (0 for a new client).
async fn last_mutation_id(tx: &mut Tx, actor: &Actor, client_id: Uuid) -> ApiResult<i64> {
    let row: Option<(Uuid, i64)> = on_tx!(tx, c => sqlx::query_as("SELECT person_id, last_mutation_id FROM sync_clients WHERE client_id = $1")
        .bind(client_id).fetch_optional(c).await)?;
    match row {
        None => Ok(0),
        Some((owner, _)) if owner != actor.person_id => Err(client_taken()),
        Some((_, last)) => Ok(last),
    }
}
