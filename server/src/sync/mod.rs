//! The sync protocol, server side (DESIGN.md §5).
//!
//! - [`push`]: a device's mutations, applied exactly once each, in order, each in its own
//!   transaction; a gap is refused; a forbidden or invalid mutation is recorded as rejected
//!   so that it leaves the device's outbox.
//! - [`pull`]: the changes since the client's cursor in every scope the person may see now;
//!   new scopes arrive as a paged snapshot, lost scopes as a purge.
//! - `GET /v1/sync/events`: server-sent pokes that say "pull".

pub mod apply;
pub mod cursor;
pub mod log;
pub mod pull;
pub mod push;
pub mod scopes;
pub mod writer;

use std::collections::HashSet;
use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use fabrique_wire::error::ErrorBody;
use futures::Stream;
use tokio::sync::broadcast::error::RecvError;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::UncheckedToken;
use crate::db::Db;
use crate::error::ApiResult;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(push::push)).routes(routes!(pull::pull)).routes(routes!(events))
}

async fn visible_set(db: &Db, person_id: Uuid) -> HashSet<String> {
    let scopes = async {
        let mut tx = db.begin_read().await?;
        let scopes = scopes::read(&mut tx, person_id).await?;
        tx.commit().await?;
        ApiResult::Ok(scopes)
    };
    // If the database cannot answer, fall back to poking on every change: a poke too
    // many costs a pull, a poke too few delays one.
    scopes.await.map(|s| s.into_iter().collect()).unwrap_or_else(|_| HashSet::from(["*".to_owned()]))
}

/// Server-sent events: a `poke` whenever something the person can see changed (and once
/// at the start), a comment every 15 seconds to keep the connection open.
#[utoipa::path(get, path = "/v1/sync/events", tag = "sync", security(("bearer" = [])),
    responses((status = 200, description = "text/event-stream of `poke` events", content_type = "text/event-stream"), (status = 401, body = ErrorBody)))]
async fn events(
    State(state): State<AppState>,
    token: UncheckedToken,
) -> ApiResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    // Every app opens its channel again when the server restarts: the channels wait for a turn
    // at the database in a few bytes each, then check their session and read what their person
    // may see (see `db::Turns`).
    let (actor, receiver, visible) = state
        .turns
        .run(|| async {
            let actor = token.check(&state).await?;
            let receiver = state.pokes.subscribe();
            let visible = visible_set(&state.db, actor.person_id).await;
            ApiResult::Ok((actor, receiver, visible))
        })
        .await?;
    // A stopping server closes live channels, so that its graceful stop does not wait on them.
    let stopped = state.pokes.stopped();
    let start = futures::stream::once(async { Ok(Event::default().event("poke").data("{}")) });
    let news = (crate::pokes::sessions_changed(actor.person_id), crate::pokes::scopes_changed(actor.person_id));
    // After a failed read (poking on every change), the set is read again at a poke, at most
    // every 10 seconds, until the database answers.
    let retry_at = tokio::time::Instant::now() + Duration::from_secs(10);
    let pokes = futures::stream::unfold(
        (receiver, visible, state, actor, news, retry_at),
        |(mut receiver, mut visible, state, actor, news, mut retry_at)| async move {
            let (sessions, my_scopes) = &news;
            loop {
                let (concerns_me, session_news, scope_news) = match receiver.recv().await {
                    Ok(scopes) => (
                        visible.contains("*") || scopes.iter().any(|s| s == "*" || visible.contains(s)),
                        scopes.iter().any(|s| s == "*" || s == sessions),
                        scopes.iter().any(|s| s == "*" || s == my_scopes),
                    ),
                    Err(RecvError::Lagged(_)) => (true, true, true),
                    Err(RecvError::Closed) => return None,
                };
                // Signed out, password changed, deactivated: the channel ends at once. If
                // the database cannot answer, it stays open (every request checks anyway).
                // The database reads are boxed: this loop waits on every channel for hours, and
                // its state would otherwise be as large as their futures, on each of thousands
                // of channels (measured: 38 KB a channel before, see `scripts/bench-capacity.sh`).
                if session_news && !Box::pin(crate::auth::session_alive(&state.db, &actor)).await.unwrap_or(true) {
                    return None;
                }
                let fallen_back = visible.contains("*") && tokio::time::Instant::now() >= retry_at;
                if scope_news || fallen_back {
                    // A group joined or left, a role, a conversation: the new set from now on
                    // (read again only then, not at every poke: thousands of channels listen).
                    visible = Box::pin(visible_set(&state.db, actor.person_id)).await;
                    retry_at = tokio::time::Instant::now() + Duration::from_secs(10);
                }
                if concerns_me || scope_news {
                    let event = Event::default().event("poke").data("{}");
                    return Some((Ok(event), (receiver, visible, state, actor, news, retry_at)));
                }
            }
        },
    );
    Ok(Sse::new(futures::StreamExt::take_until(futures::StreamExt::chain(start, pokes), stopped))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
