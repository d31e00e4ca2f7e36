//! Opening a file of the server whole: a tap on a photo or a document fetches it with the
//! session (the shell streams it into its cache through [`DownloadOperation`], telling the
//! progress), then the shell opens it in the system's viewer. A file fetched once is opened
//! again from the cache for the rest of the session; a refusal says why on the file itself.

use crux_core::{Command, render::render};
use futures::StreamExt;
use uuid::Uuid;

use super::types::{Download, DownloadOperation, DownloadProgress, OpenFileView, UploadAnswer};
use crate::api;
use crate::i18n::Text;
use crate::model::{Cmd, Session};

pub fn open(session: &mut Session, id: Uuid, name: String) -> Cmd {
    match session.downloads.items.get(&id) {
        Some(Download::Saved { .. }) => {
            session.downloads.open = Some((id, name));
            render()
        }
        Some(Download::Fetching { .. }) => render(),
        Some(Download::Failed { .. }) | None => fetch(session, id, name),
    }
}

fn fetch(session: &mut Session, id: Uuid, name: String) -> Cmd {
    let operation = DownloadOperation::Fetch {
        url: api::url(&session.credentials.server_url, &format!("/v1/attachments/{id}")),
        token: session.credentials.token.clone(),
        name: cache_name(id, &name),
    };
    session.downloads.items.insert(id, Download::Fetching { received: 0, total: 0 });
    // The tap asked to open it: the latest tap wins.
    session.downloads.open = Some((id, name));
    let epoch = session.epoch;
    Command::new(move |ctx| async move {
        let mut progress = Command::stream_from_shell(operation).into_stream(ctx.clone());
        while let Some(progress) = progress.next().await {
            let last = !matches!(progress, DownloadProgress::Received { .. });
            ctx.send_event(super::answered(epoch, UploadAnswer::Downloaded { id, progress }));
            if last {
                break;
            }
        }
    })
    .and(render())
}

/// `<id>-<name>`, the name's path separators and control characters replaced: the file keeps
/// the name people know (and its extension, which tells the viewer what it is).
fn cache_name(id: Uuid, name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c == '/' || c == '\\' || c.is_control() || c == ':' { '_' } else { c })
        .take(120)
        .collect();
    let clean = clean.trim_start_matches('.');
    if clean.is_empty() { id.to_string() } else { format!("{id}-{clean}") }
}

pub fn progressed(session: &mut Session, id: Uuid, progress: DownloadProgress) -> Cmd {
    if !matches!(session.downloads.items.get(&id), Some(Download::Fetching { .. })) {
        return Command::done();
    }
    let state = match progress {
        DownloadProgress::Received { bytes, total } => Download::Fetching { received: bytes, total },
        DownloadProgress::Saved { file } => Download::Saved { file },
        DownloadProgress::Answered { status, body } => {
            let reason = match api::read::<serde_json::Value>(status, body.as_bytes()) {
                Err(api::Failure::Refused { status: 404 | 410, .. }) => Text::FileGone,
                Err(failure) => failure.text(),
                Ok(_) => Text::ServerError,
            };
            Download::Failed { reason }
        }
        DownloadProgress::Unreachable => Download::Failed { reason: Text::ServerUnreachable },
    };
    if matches!(state, Download::Failed { .. }) && session.downloads.open.as_ref().is_some_and(|(o, _)| *o == id) {
        session.downloads.open = None;
    }
    session.downloads.items.insert(id, state);
    render()
}

pub fn opened(session: &mut Session) -> Cmd {
    session.downloads.open = None;
    render()
}

pub fn progress(session: &Session, id: Uuid) -> Option<u8> {
    match session.downloads.items.get(&id) {
        Some(Download::Fetching { received, total }) if *total > 0 => {
            Some(u8::try_from((received.min(total) * 100) / total).unwrap_or(100))
        }
        Some(Download::Fetching { .. }) => Some(0),
        _ => None,
    }
}

pub fn error(session: &Session, id: Uuid) -> Option<Text> {
    match session.downloads.items.get(&id) {
        Some(Download::Failed { reason }) => Some(*reason),
        _ => None,
    }
}

pub fn to_open(session: &Session) -> Option<OpenFileView> {
    let (id, name) = session.downloads.open.as_ref()?;
    match session.downloads.items.get(id) {
        Some(Download::Saved { file }) => Some(OpenFileView {
            path: file.clone(),
            name: name.clone(),
            is_image: match session.store.attachment(*id) {
                Some(attachment) => attachment.kind == fabrique_wire::attachments::AttachmentKind::Image,
                None => {
                    let name = name.to_lowercase();
                    [".jpg", ".jpeg", ".png", ".webp", ".heic", ".gif"].iter().any(|e| name.ends_with(e))
                }
            },
        }),
        _ => None,
    }
}
