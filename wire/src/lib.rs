//! Fabrique's wire types: what travels between the core (`shared/`) and the server.
//!
//! Start with [`sync`]: the mutations a device pushes and the changes it pulls. The other
//! modules are named after the domain areas used in every layer (accounts, organisations,
//! people, groups, posts) and hold the request and response bodies of their REST endpoints
//! and the entities carried by sync changes.
//!
//! This crate depends on neither Crux, uniffi nor sqlx: the server keeps its own database
//! rows and converts explicitly. With the `openapi` feature the types describe themselves
//! for the server's OpenAPI document.

pub mod accounts;
pub mod attachments;
pub mod conversations;
pub mod error;
pub mod events;
pub mod exports;
pub mod groups;
pub mod moderation;
pub mod must_reads;
pub mod notifications;
pub mod organisations;
pub mod people;
pub mod polls;
pub mod posts;
pub mod questions;
pub mod search;
pub mod sync;

/// Derives shared by every wire type, with the OpenAPI schema when the feature is on.
macro_rules! wire_type {
    ($($item:item)*) => {
        $(
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
            $item
        )*
    };
}
pub(crate) use wire_type;

/// A page of items with the opaque cursor to ask for the next one (absent on the last page).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
