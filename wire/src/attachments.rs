//! Photos and documents attached to posts, questions, events and messages.
//!
//! A file is uploaded first (`PUT /v1/attachments/{id}`, the raw bytes, an id chosen by the
//! device so that a retried upload is the same one), then named by the mutation that
//! publishes the item (`attachments: [id, ...]`). From then on it lives in the item's scope
//! as an [`Attachment`] and is served (`GET /v1/attachments/{id}`, and `/thumbnail` for
//! images) only to people who may see the item.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

/// Largest file accepted, in bytes.
pub const SIZE_MAX: usize = 20 * 1024 * 1024;
/// Largest photo accepted, in pixels (a 48-megapixel phone camera fits).
pub const PIXELS_MAX: u64 = 50_000_000;
/// Longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 320;
/// Files on one item.
pub const PER_ITEM_MAX: usize = 10;
pub const NAME_MAX: usize = 200;

/// The types accepted, as read from the content (never from the name): photos, then PDF
/// and office documents.
pub const ACCEPTED_TYPES: [&str; 12] = [
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    "application/rtf",
];

wire_type! {
    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum AttachedTo {
        Post,
        Question,
        Event,
        Message,
    }

    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum AttachmentKind {
        /// A photo: shown, with a thumbnail; its location and other metadata removed.
        Image,
        Document,
    }

    /// What an upload answers: the file as stored, not yet on any item.
    pub struct UploadedFile {
        pub id: Uuid,
        pub kind: AttachmentKind,
        pub name: String,
        pub content_type: String,
        pub size: i64,
        pub width: Option<i64>,
        pub height: Option<i64>,
    }

    /// In the scope of the item it is on.
    pub struct Attachment {
        pub id: Uuid,
        pub attached_to: AttachedTo,
        pub item_id: Uuid,
        pub kind: AttachmentKind,
        pub name: String,
        pub content_type: String,
        pub size: i64,
        pub width: Option<i64>,
        pub height: Option<i64>,
        pub created_at: DateTime<Utc>,
    }
}

impl AttachedTo {
    pub fn as_str(self) -> &'static str {
        match self {
            AttachedTo::Post => "post",
            AttachedTo::Question => "question",
            AttachedTo::Event => "event",
            AttachedTo::Message => "message",
        }
    }

    pub fn parse(text: &str) -> Option<AttachedTo> {
        [AttachedTo::Post, AttachedTo::Question, AttachedTo::Event, AttachedTo::Message]
            .into_iter()
            .find(|a| a.as_str() == text)
    }
}
