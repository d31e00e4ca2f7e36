//! Fabrique's core: all the client logic of the iOS and Android apps, as a Crux app.
//!
//! Start with [`app`]: the events a shell sends, the effects it carries out and the model's
//! state machine (starting → signed out → active). Then, by area (the same names as in the
//! server and the shells): [`accounts`], [`sync`] (outbox, push/pull, retries), [`posts`]
//! (feed, a post, the composer), [`groups`], [`people`], [`questions`], [`events`],
//! [`notifications`] (the list, settings, push registration), [`moderation`] (the charter,
//! reports), and [`pages`] for what is
//! read online. [`view`] builds what the shells draw; [`i18n`] holds every sentence in French and
//! English. [`ffi`] is the uniffi surface (`CoreFFI`), the only place that knows about it.

pub mod accounts;
pub mod api;
pub mod app;
pub mod attachments;
pub mod conversations;
pub mod events;
pub mod ffi;
pub mod groups;
pub mod i18n;
pub mod moderation;
pub mod notifications;
pub mod pages;
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
pub mod view;

pub use app::{Effect, Event, Fabrique, Route};
pub use fabrique_wire as wire;
pub use view::ViewModel;

uniffi::setup_scaffolding!();
