//! Fabrique's core: all client logic, pure, no I/O (DESIGN.md §2), built with Crux and
//! exposed to the iOS and Android shells through uniffi.
//!
//! This crate is filled by the core issue. What it will build on is already here: the wire
//! types in [`fabrique_wire`] (mutations to push, changes to pull, REST bodies), shared
//! with the server so that both sides speak exactly the same protocol.

pub use fabrique_wire as wire;
