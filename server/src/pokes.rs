//! Pokes: "something changed in these scopes, pull". They carry no data a client must not
//! miss (the pull is the single source of truth), so losing one only delays a sync.
//!
//! On SQLite (one instance) a writer pokes its own subscribers after commit. On PostgreSQL
//! the change log's commit sends `NOTIFY` inside the transaction, and every instance's
//! listener pokes its subscribers: instances share nothing but the database.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::postgres::PgListener;
use tokio::sync::{broadcast, watch};

use crate::db::Db;

/// The PostgreSQL channel that carries pokes between server instances (the change log's
/// commit sends on it; every instance listens).
pub const POKE_CHANNEL: &str = "fabrique_changes";

/// Scopes named in one poke; `*` stands for all of them.
pub type Scopes = Arc<Vec<String>>;

#[derive(Clone)]
pub struct Pokes {
    sender: broadcast::Sender<Scopes>,
    /// Whether this process must poke its own subscribers after a commit (SQLite).
    local: bool,
    /// Set when the server stops: live channels end and the listener gives back its
    /// connection, so that the pool can close (a stop must not wait on open streams).
    stopping: Arc<watch::Sender<bool>>,
    /// How many commits of this process ended sessions (SQLite only: see
    /// [`Pokes::sessions_ended`]).
    sessions_ended: Arc<AtomicU64>,
}

/// The scope that tells a person's live channels that one of their sessions ended (signed
/// out, password changed, account deactivated) or now lets them do other things (made or
/// no longer a federation administrator): each checks its own and closes if it ended, and
/// what `auth` remembers of sessions is forgotten. Never a scope of the change log, so no one
/// pulls for it.
pub fn sessions_changed(person_id: uuid::Uuid) -> String {
    format!("{SESSIONS}{person_id}")
}

const SESSIONS: &str = "sessions:";

/// The scope that tells a person's live channels that what they may read changed (a group
/// joined or left, a role, a conversation): each reads the person's scopes again. Never a
/// scope of the change log either.
pub fn scopes_changed(person_id: uuid::Uuid) -> String {
    format!("scopes:{person_id}")
}

/// NOTIFY payloads are limited to 8,000 bytes: past that, poke everyone.
pub fn encode(scopes: &[String]) -> String {
    let text = scopes.join("\n");
    if text.len() > 7_000 { "*".to_owned() } else { text }
}

fn decode(payload: &str) -> Vec<String> {
    payload.split('\n').filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

impl Pokes {
    pub async fn start(db: &Db) -> Result<Pokes, sqlx::Error> {
        let (sender, _) = broadcast::channel(1024);
        let stopping = Arc::new(watch::channel(false).0);
        match db {
            Db::Sqlite { .. } => Ok(Pokes { sender, local: true, stopping, sessions_ended: Arc::default() }),
            Db::Postgres(pool) => {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(POKE_CHANNEL).await?;
                let forward = sender.clone();
                let mut stop = stopping.subscribe();
                tokio::spawn(async move {
                    loop {
                        let received = tokio::select! {
                            _ = stop.wait_for(|stopping| *stopping) => return,
                            received = listener.try_recv() => received,
                        };
                        match received {
                            Ok(Some(notification)) => {
                                let _ = forward.send(Arc::new(decode(notification.payload())));
                            }
                            // The connection dropped and was re-established: pokes may
                            // have been lost in between, so poke everyone.
                            Ok(None) => {
                                let _ = forward.send(Arc::new(vec!["*".to_owned()]));
                            }
                            Err(error) => {
                                tracing::warn!(%error, "poke listener failed; retrying");
                                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                            }
                        }
                    }
                });
                Ok(Pokes { sender, local: false, stopping, sessions_ended: Arc::default() })
            }
        }
    }

    /// Call after a transaction that wrote to the change log has committed.
    pub fn after_commit(&self, scopes: Vec<String>) {
        if self.local && !scopes.is_empty() {
            if scopes.iter().any(|s| s == "*" || s.starts_with(SESSIONS)) {
                self.sessions_ended.fetch_add(1, Ordering::SeqCst);
            }
            let _ = self.sender.send(Arc::new(scopes));
        }
    }

    /// How many commits of this process ended sessions ([`sessions_changed`]: signed out,
    /// password changed, account closed, role changed), counted before the committer goes on,
    /// so before its answer: what `auth` remembers of sessions is good only while this number
    /// stays the same. Counted on SQLite, where every write is this process's; on PostgreSQL
    /// another instance's commit reaches this one a moment later (`NOTIFY`), so nothing is
    /// remembered there.
    pub fn sessions_ended(&self) -> u64 {
        self.sessions_ended.load(Ordering::SeqCst)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Scopes> {
        self.sender.subscribe()
    }

    /// The server is stopping: live channels end, the PostgreSQL listener lets go.
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// Completes once [`Pokes::stop`] was called.
    pub fn stopped(&self) -> impl std::future::Future<Output = ()> + Send + use<> {
        let mut stopping = self.stopping.subscribe();
        async move {
            let _ = stopping.wait_for(|stopping| *stopping).await;
        }
    }
}
