//! The live channel: the shell keeps a server-sent-events stream open while the app is in
//! the foreground and sends [`crate::Event::Poked`] for each poke. A poke carries no data:
//! the core answers it with a sync (DESIGN.md §5).

use crux_core::capability::Operation;
use facet::Facet;
use serde::{Deserialize, Serialize};

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum RealtimeOperation {
    /// Open (or re-open) the stream at `url` with this bearer token; reconnect by yourself
    /// after a drop, and send `Event::Poked` after reconnecting (changes may have been missed).
    Connect { url: String, token: String },
    /// Close the stream (signed out, or the app went to the background).
    Disconnect,
}

impl Operation for RealtimeOperation {
    type Output = ();
}
