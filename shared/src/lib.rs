//! Fabrique's core: all the client logic of the iOS and Android apps, as a Crux app.
//!
//! The house, from the top floor down (no module imports one above it; the test
//! `tests/tests/house.rs` keeps it so):
//! - [`app`] routes each event to its area and each effect's answer back; [`view`] assembles
//!   what the shells draw; [`ffi`] is the uniffi surface (`CoreFFI`), the only place that
//!   knows about it.
//! - The areas, one folder each, with the same names as in the server and the shells:
//!   [`accounts`], [`posts`] (the feed, a post), [`composer`] (writing a post, a comment or
//!   an answer), [`groups`], [`people`],
//!   [`questions`], [`events`] (and their organisers' forms), [`polls`], [`conversations`],
//!   [`attachments`], [`notifications`] (the list, settings, push registration),
//!   [`moderation`] (the charter, reports), [`must_reads`] (pinned until read, their reach),
//!   [`search`]. Each area's `mod.rs` is its logic and
//!   its `types.rs` what it sends, holds and shows; an area that needs another's nouns imports
//!   its `types`.
//! - [`sync`] (outbox, push and pull, retries, the optimistic overlay), which every area
//!   writes through; it tells other areas what happened by events the app routes.
//! - [`model`]: the events, the effects, the routes and the session, built from the areas'
//!   `types`; [`pages`] and [`paging`] for what is read online.
//! - At the bottom: [`store`] (what the device holds), [`storage`], [`api`], [`realtime`],
//!   [`i18n`] (every sentence in French and English), [`ids`], [`time`].

pub mod accounts;
pub mod api;
pub mod app;
pub mod attachments;
pub mod composer;
pub mod conversations;
pub mod events;
pub mod ffi;
pub mod groups;
pub mod i18n;
pub mod ids;
pub mod model;
pub mod moderation;
pub mod must_reads;
pub mod notifications;
pub mod pages;
pub mod paging;
pub mod people;
pub mod polls;
pub mod posts;
pub mod questions;
pub mod realtime;
pub mod search;
pub mod storage;
pub mod store;
pub mod sync;
#[cfg(test)]
pub mod testing;
pub mod time;
pub mod view;

pub use app::Fabrique;
pub use fabrique_wire as wire;
pub use model::{Effect, Event, Route};
pub use view::ViewModel;

uniffi::setup_scaffolding!();
