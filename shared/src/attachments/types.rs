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

#[derive(Facet, Serialize, Deserialize, Debug)]
#[repr(C)]
pub enum AttachmentsEvent {
    /// The person chose a file for the open form; the shell copied it into the app's own
    /// storage at `file` (kept until `Discard`), `name` as the person knows it.
    Add { file: String, name: String, size: u64 },
    /// Take a file off the open form.
    Remove { id: String },
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
}
