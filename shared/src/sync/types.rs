//! Sync: its state, the answers of its requests and timers, and why a session ends.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use crux_http::protocol::HttpResult;
use crux_kv::KeyValueResult;
use crux_time::TimeResponse;

use crate::i18n::Text;
use crate::store::{SavedIndex, SavedScope};

#[derive(Default)]
pub struct SyncState {
    pub in_flight: bool,
    /// Something asked for a sync while one was running.
    pub again: bool,
    /// The last exchange with the server went through.
    pub online: bool,
    pub attempt: u32,
    pub failure: Option<Text>,
    pub retry_generation: u64,
    pub debounce_generation: u64,
    pub periodic_running: bool,
    pub saving_store: bool,
    pub save_store_again: bool,
    /// The store save under way, stopped at sign-out so nothing is written after it.
    pub store_save: Option<crux_core::command::AbortHandle>,
    pub(super) next_timer: usize,
    /// The group names last written for push notices (written again only when they change).
    pub notice_names: Option<crate::notifications::types::NoticeNames>,
}

/// What sync's effects answered.
#[derive(Debug)]
pub enum SyncAnswer {
    StoreLoaded {
        index: Option<SavedIndex>,
        scopes: Vec<(String, SavedScope)>,
    },
    OutboxLoaded(KeyValueResult),
    /// An outbox that did not read is copied aside: the session may go on.
    OutboxKept,
    OutboxSaved {
        through: u64,
        result: KeyValueResult,
    },
    StoreSaved {
        saved: bool,
    },
    Pushed(HttpResult),
    Pulled(HttpResult),
    Timer {
        timer: Timer,
        response: TimeResponse,
    },
}

#[derive(Debug, Clone, Copy)]
pub enum Timer {
    Retry(u64),
    Debounce(u64),
    Periodic,
}

/// The server no longer accepts the session.
#[derive(Debug)]
pub struct SessionExpired;
