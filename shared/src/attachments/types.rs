//! Photos and documents: what a shell sends and is asked, the files waiting to be sent, and how a file is shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use crux_core::capability::Operation;
use fabrique_wire::attachments::AttachmentKind;
use facet::Facet;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What the shell is asked to do with a file the person chose.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum UploadOperation {
    /// `PUT` the file the shell keeps at `file` (what it gave in [`AttachmentsEvent::Add`]) to
    /// `url`, with `Authorization: Bearer <token>`, its length known in advance. Answer
    /// `Sent` as bytes go (every few percent is enough), then exactly one of the others.
    Send { url: String, token: String, file: String },
    /// The core no longer needs this file (sent, or removed): the shell deletes its copy.
    Discard { file: String },
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum UploadProgress {
    Sent {
        bytes: u64,
        total: u64,
    },
    /// The server answered: its status and body (JSON text).
    Answered {
        status: u16,
        body: String,
    },
    /// No answer (no network, connection cut): tried again later.
    Unreachable,
    /// The shell no longer has the file.
    FileMissing,
}

impl Operation for UploadOperation {
    type Output = UploadProgress;
}

/// What the shell is asked to do to open a file whole: fetch it with the session.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum DownloadOperation {
    /// `GET` `url` with `Authorization: Bearer <token>` into the app's cache under `name`
    /// (kept out of backups; the shell may empty its cache whenever it likes). Answer
    /// `Received` as bytes come (every few percent is enough), then exactly one of the others.
    Fetch { url: String, token: String, name: String },
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum DownloadProgress {
    /// `total` is 0 while unknown.
    Received { bytes: u64, total: u64 },
    /// Whole, at `file`: a path the shell can open.
    Saved { file: String },
    /// The server refused: its status and body (JSON text).
    Answered { status: u16, body: String },
    /// No answer (no network, connection cut).
    Unreachable,
}

impl Operation for DownloadOperation {
    type Output = DownloadProgress;
}

/// A file of the server being fetched to open it, or fetched already (for this session).
#[derive(Debug, Clone)]
pub enum Download {
    Fetching { received: u64, total: u64 },
    Saved { file: String },
    Failed { reason: crate::i18n::Text },
}

/// Files fetched to open them, and the one to open now.
#[derive(Debug, Default)]
pub struct Downloads {
    pub items: std::collections::HashMap<Uuid, Download>,
    /// Fetched for a tap: the shell opens it (`ViewModel::open_file`), then says so.
    pub open: Option<(Uuid, String)>,
}

/// A file the shell opens now in the system's viewer (a photo full screen with zoom, a
/// document in the app that reads it), then sends `AttachmentsEvent::Opened`.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct OpenFileView {
    pub path: String,
    pub name: String,
    pub is_image: bool,
}

#[derive(Facet, Serialize, Deserialize, Debug)]
#[repr(C)]
pub enum AttachmentsEvent {
    /// The person chose a file for the open form; the shell copied it into the app's own
    /// storage at `file` (kept until `Discard`), `name` as the person knows it.
    Add { file: String, name: String, size: u64 },
    /// Take a file off the open form.
    Remove { id: String },
    /// Open a file of the server whole (a tap on a photo or a document): fetched with the
    /// session, then given to the shell to open (`ViewModel::open_file`).
    Open { id: String, name: String },
    /// The shell opened the file it was given.
    Opened,
    /// The answers of this area's effects: only the core creates these (for the session of
    /// the epoch they carry; an answer for an earlier session is dropped).
    #[serde(skip)]
    #[facet(skip)]
    Answered(u64, #[facet(opaque)] Box<UploadAnswer>),
}

/// The form a file was chosen for.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum FormTarget {
    Post { group_id: Uuid },
    Question,
    Event,
    Message { conversation_id: Uuid },
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Upload {
    pub id: Uuid,
    pub target: FormTarget,
    /// The form was sent: a write of the outbox names this file.
    pub submitted: bool,
    pub file: String,
    pub name: String,
    pub size: u64,
    pub state: UploadState,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub enum UploadState {
    /// To send (again).
    Waiting,
    /// On the server.
    Stored { kind: AttachmentKind },
    /// The server (or the core, for the size) refused it for good: the error code.
    Refused { code: String },
}

/// The files of this person's forms and writes, in the order they were chosen.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Uploads {
    pub items: Vec<Upload>,
}

impl Uploads {
    pub(super) fn get(&self, id: Uuid) -> Option<&Upload> {
        self.items.iter().find(|u| u.id == id)
    }

    pub(super) fn get_mut(&mut self, id: Uuid) -> Option<&mut Upload> {
        self.items.iter_mut().find(|u| u.id == id)
    }

    /// Whether a write may be sent: each of its files is on the server. A file this device
    /// no longer knows of is left for the server to judge.
    pub fn ready(&self, attachments: &[Uuid]) -> bool {
        attachments.iter().all(|id| self.get(*id).is_none_or(|u| matches!(u.state, UploadState::Stored { .. })))
    }

    pub(super) fn of_form<'a>(&'a self, target: &'a FormTarget) -> impl Iterator<Item = &'a Upload> + 'a {
        self.items.iter().filter(move |u| !u.submitted && &u.target == target)
    }

    /// Files of sent forms that no pending write names any more (it was applied or refused).
    pub fn forget_unnamed(&mut self, named: &std::collections::HashSet<Uuid>) {
        self.items.retain(|u| !u.submitted || named.contains(&u.id));
    }
}

/// An upload under way (one at a time).
pub struct Uploading {
    pub id: Uuid,
    pub sent: u64,
    pub total: u64,
    pub(super) task: crux_core::command::AbortHandle,
}

/// What the session holds of uploads beyond the outbox: the one under way, the retries.
#[derive(Default)]
pub struct Uploader {
    pub current: Option<Uploading>,
    /// Transient failures in a row (the delay before the next try grows with it).
    pub attempt: u32,
    pub retry_generation: u64,
}

/// What the uploads' effects answered, and sync's news.
#[derive(Debug)]
pub enum UploadAnswer {
    Progress {
        id: Uuid,
        progress: UploadProgress,
    },
    Downloaded {
        id: Uuid,
        progress: DownloadProgress,
    },
    Retry {
        generation: u64,
    },
    /// A sync was asked: a reason to try the files waiting too.
    SyncAsked,
}

/// A file chosen for the form open now.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FileView {
    pub id: String,
    pub name: String,
    /// "2,4 Mo".
    pub size: String,
    /// 0 to 100.
    pub progress: u8,
    /// "Sending…", "Waiting for the network…", "Ready"; empty when refused.
    pub status: String,
    /// Why the file cannot go (too large, a kind not accepted): the person removes it.
    pub error: Option<String>,
}

/// A photo or document on a post, question, event or message.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct AttachmentView {
    pub id: String,
    pub name: String,
    pub is_image: bool,
    pub size: String,
    /// The file (a photo shown whole, a document opened or saved).
    pub url: String,
    /// For photos: a small JPEG for lists.
    pub thumbnail_url: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Being fetched to open it: how far, in percent (0 while the size is unknown).
    pub opening: Option<u8>,
    /// Why it could not be opened, if it could not.
    pub error: Option<String>,
}
