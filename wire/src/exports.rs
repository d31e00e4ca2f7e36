//! A copy of one's data (GDPR art. 15 and 20): asked from the app or by an administrator for
//! someone, prepared in the background, offered for download for 7 days.
//!
//! The archive is a ZIP file: `data.json` ([`ExportArchive`], the schema of which is this
//! module's types, published in the server's OpenAPI document as `ExportArchive`), and the
//! person's files under `files/`.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

wire_type! {
    #[serde(rename_all = "snake_case")]
    #[derive(Copy, Eq)]
    #[repr(C)]
    pub enum ExportState {
        /// Asked; prepared in a moment.
        Waiting,
        /// Being prepared (see `progress`).
        Preparing,
        /// Ready to download until `expires_at`.
        Ready,
        /// Could not be prepared; ask again.
        Failed,
        /// Was ready; its 7 days are over.
        Expired,
    }

    /// One request for a copy of one's data.
    pub struct DataExport {
        pub id: Uuid,
        pub state: ExportState,
        /// 0 to 100.
        pub progress: u8,
        pub requested_at: DateTime<Utc>,
        pub ready_at: Option<DateTime<Utc>>,
        pub expires_at: Option<DateTime<Utc>>,
        /// The archive's size in bytes, once ready.
        pub size: Option<i64>,
        /// Once ready: the address that downloads the archive (it carries its own key, so a
        /// browser can open it; it works until `expires_at`). Shown once, when asked for.
        pub download_url: Option<String>,
    }

    /// `data.json`: everything the person wrote or that is about them, and nothing else.
    pub struct ExportArchive {
        /// Always "fabrique-export".
        pub format: String,
        /// This schema's version (1).
        pub version: u32,
        pub exported_at: DateTime<Utc>,
        pub federation: String,
        pub person: ExportedPerson,
        pub memberships: Vec<ExportedMembership>,
        pub posts: Vec<ExportedPost>,
        pub comments: Vec<ExportedComment>,
        pub questions: Vec<ExportedQuestion>,
        pub answers: Vec<ExportedAnswer>,
        pub answer_comments: Vec<ExportedComment>,
        pub messages: Vec<ExportedMessage>,
        pub events: Vec<ExportedEvent>,
        pub event_answers: Vec<ExportedEventAnswer>,
        pub polls: Vec<ExportedPoll>,
        pub votes: Vec<ExportedVote>,
        pub reactions: Vec<ExportedReaction>,
        pub must_reads: Vec<ExportedMustRead>,
        pub reports: Vec<ExportedReport>,
        pub notifications: Vec<ExportedNotification>,
        pub sessions: Vec<ExportedSession>,
        pub devices: Vec<ExportedDevice>,
        pub charter_acceptances: Vec<ExportedAcceptance>,
        pub files: Vec<ExportedFile>,
    }

    pub struct ExportedPerson {
        pub id: Uuid,
        pub display_name: String,
        pub email: String,
        pub function: String,
        pub bio: String,
        pub skills: Vec<String>,
        pub interests: Vec<String>,
        pub organisation: String,
        /// "association" or "federation".
        pub directory_visibility: String,
        pub language: String,
        /// "daily", "weekly" or "off".
        pub digest: String,
        pub created_at: DateTime<Utc>,
        pub last_seen_at: Option<DateTime<Utc>>,
    }

    pub struct ExportedMembership {
        pub group_id: Uuid,
        pub group: String,
        pub role: String,
        pub joined_at: DateTime<Utc>,
    }

    pub struct ExportedPost {
        pub id: Uuid,
        pub group_id: Uuid,
        pub kind: String,
        pub title: String,
        pub body: String,
        pub created_at: DateTime<Utc>,
        pub edited_at: Option<DateTime<Utc>>,
    }

    /// A comment on a post, or on an answer (`on` is the post or the answer).
    pub struct ExportedComment {
        pub id: Uuid,
        pub on: Uuid,
        pub body: String,
        pub created_at: DateTime<Utc>,
    }

    pub struct ExportedQuestion {
        pub id: Uuid,
        pub title: String,
        pub details: String,
        pub tags: Vec<String>,
        pub created_at: DateTime<Utc>,
    }

    pub struct ExportedAnswer {
        pub id: Uuid,
        pub question_id: Uuid,
        pub body: String,
        pub created_at: DateTime<Utc>,
    }

    pub struct ExportedMessage {
        pub id: Uuid,
        pub conversation_id: Uuid,
        pub body: String,
        pub created_at: DateTime<Utc>,
    }

    pub struct ExportedEvent {
        pub id: Uuid,
        pub group_id: Uuid,
        pub title: String,
        pub description: String,
        pub starts_at: DateTime<Utc>,
        pub ends_at: DateTime<Utc>,
        pub place: String,
        pub cancelled: bool,
    }

    pub struct ExportedEventAnswer {
        pub event_id: Uuid,
        /// "going", "maybe", "declined" or "waiting".
        pub status: String,
        pub answered_at: DateTime<Utc>,
    }

    pub struct ExportedPoll {
        pub id: Uuid,
        pub group_id: Uuid,
        pub question: String,
        pub options: Vec<String>,
        pub created_at: DateTime<Utc>,
    }

    /// The options one chose (their positions, from 0).
    pub struct ExportedVote {
        pub poll_id: Uuid,
        pub choices: Vec<u32>,
        pub voted_at: DateTime<Utc>,
    }

    pub struct ExportedReaction {
        pub target_id: Uuid,
        pub emoji: String,
        pub created_at: DateTime<Utc>,
    }

    /// A must-read message one sent, or one received and acknowledged.
    pub struct ExportedMustRead {
        pub id: Uuid,
        pub sent: bool,
        pub title: String,
        pub read_at: Option<DateTime<Utc>>,
        pub created_at: DateTime<Utc>,
    }

    /// A report one made (what was reported is not one's own, and stays out).
    pub struct ExportedReport {
        pub id: Uuid,
        pub reason: String,
        pub details: String,
        pub created_at: DateTime<Utc>,
    }

    pub struct ExportedNotification {
        pub kind: String,
        pub text: String,
        pub created_at: DateTime<Utc>,
        pub read: bool,
    }

    /// A session in the apps or in the console (the console's with the browser and address).
    pub struct ExportedSession {
        pub console: bool,
        pub created_at: DateTime<Utc>,
        pub expires_at: DateTime<Utc>,
        pub ended_at: Option<DateTime<Utc>>,
        pub browser: Option<String>,
        pub ip: Option<String>,
    }

    /// A device registered for notifications.
    pub struct ExportedDevice {
        pub label: String,
        pub created_at: DateTime<Utc>,
    }

    pub struct ExportedAcceptance {
        pub version: i64,
        pub accepted_at: DateTime<Utc>,
    }

    /// A file one uploaded, in the archive at `path`.
    pub struct ExportedFile {
        pub id: Uuid,
        pub name: String,
        pub content_type: String,
        pub size: i64,
        pub created_at: DateTime<Utc>,
        pub path: String,
    }
}
