//! Photos and documents from the device: chosen for the open form, sent to the server
//! through the [`UploadOperation`] effect (the shell streams the file and tells the progress),
//! then named by the write that publishes the item.
//!
//! The uploads live in the outbox (saved with it, kept across sign-out like every write).
//! Each one belongs to a form ([`FormTarget`]) until the form is sent; the write then waits in
//! the outbox until all of its files are on the server, so text and files arrive together
//! and the server never sees a write naming a file it does not have. Files go one at a
//! time. A file cut off by the network is sent again (same id: the server keeps one copy)
//! after a growing delay and at each sync; one the server refuses (too large, a kind it does
//! not accept) is shown in the form with why, and if its form was already sent, it is left
//! out of the write, so the text is never lost.

mod download;
pub mod types;
pub use self::types::*;

use crux_core::{Command, render::render};
use crux_time::{Duration, TimeRequest};
use fabrique_wire::attachments::{Attachment, AttachmentKind, PER_ITEM_MAX, SIZE_MAX, UploadedFile};
use futures::StreamExt;
use uuid::Uuid;

use crate::api;
use crate::composer::types::ComposerTarget;
use crate::i18n::{Language, Text};
use crate::model::{Cmd, Event, Form, Route, Session};
use crate::sync;

pub fn update(event: AttachmentsEvent, session: &mut Session) -> Cmd {
    match event {
        AttachmentsEvent::Add { file, name, size } => add(session, file, name, size),
        AttachmentsEvent::Remove { id } => match Uuid::parse_str(&id) {
            Ok(id) => remove(session, id),
            Err(_) => render(),
        },
        AttachmentsEvent::Open { id, name } => match Uuid::parse_str(&id) {
            Ok(id) => download::open(session, id, name),
            Err(_) => render(),
        },
        AttachmentsEvent::Opened => download::opened(session),
        AttachmentsEvent::Answered(epoch, answer) if epoch == session.epoch => match *answer {
            UploadAnswer::Progress { id, progress } => progressed(session, id, progress),
            UploadAnswer::Downloaded { id, progress } => download::progressed(session, id, progress),
            UploadAnswer::Retry { generation } if generation == session.uploads.retry_generation => resume(session),
            UploadAnswer::Retry { .. } => Command::done(),
            UploadAnswer::SyncAsked => resume(session),
        },
        AttachmentsEvent::Answered(..) => Command::done(),
    }
}

/// The form open now that takes files, if any.
pub fn open_form(session: &Session) -> Option<FormTarget> {
    match &session.form {
        Some(Form::Composer(composer)) => match &composer.target {
            ComposerTarget::NewPost { group_id } => {
                Uuid::parse_str(group_id).ok().map(|group_id| FormTarget::Post { group_id })
            }
            _ => None,
        },
        Some(Form::Ask(_)) => Some(FormTarget::Question),
        Some(Form::Event(form)) => form.editing.is_none().then_some(FormTarget::Event),
        // A message written in a conversation takes files too.
        Some(Form::Profile(_) | Form::Message(_)) | None => match session.route() {
            Route::Conversation { id } => {
                Uuid::parse_str(id).ok().map(|conversation_id| FormTarget::Message { conversation_id })
            }
            _ => None,
        },
    }
}

fn discard(file: String) -> Cmd {
    Command::notify_shell(UploadOperation::Discard { file }).into()
}

fn add(session: &mut Session, file: String, name: String, size: u64) -> Cmd {
    let Some(target) = open_form(session) else {
        session.notice = Some(Text::CannotAttachHere);
        return discard(file).and(render());
    };
    if session.outbox.uploads.of_form(&target).count() >= PER_ITEM_MAX {
        session.notice = Some(Text::TooManyFiles);
        return discard(file).and(render());
    }
    let name: String = name.trim().chars().take(fabrique_wire::attachments::NAME_MAX).collect();
    // Refused here without a byte sent: the person sees why at once, even offline.
    let refused = if size > SIZE_MAX as u64 {
        Some("file_too_large")
    } else if size == 0 {
        Some("empty_file")
    } else {
        None
    };
    let state = match refused {
        Some(code) => UploadState::Refused { code: code.into() },
        None => UploadState::Waiting,
    };
    let cleanup = if refused.is_some() { discard(file.clone()) } else { Command::done() };
    session.outbox.uploads.items.push(Upload {
        id: session.clock.new_id(),
        target,
        submitted: false,
        file,
        name,
        size,
        state,
    });
    sync::save_outbox(session).and(cleanup).and(resume(session)).and(render())
}

fn remove(session: &mut Session, id: Uuid) -> Cmd {
    let Some(index) = session.outbox.uploads.items.iter().position(|u| u.id == id && !u.submitted) else {
        return render();
    };
    let upload = session.outbox.uploads.items.remove(index);
    stop_if_current(session, id);
    sync::save_outbox(session).and(discard(upload.file)).and(resume(session)).and(render())
}

fn stop_if_current(session: &mut Session, id: Uuid) {
    if let Some(current) = session.uploads.current.take_if(|c| c.id == id) {
        current.task.abort();
    }
}

/// Sign-out: the file being sent stops (it waits in the outbox for the next sign-in).
pub fn stop(session: &Session) {
    if let Some(current) = &session.uploads.current {
        current.task.abort();
    }
}

/// The form was sent: its files (those not refused) go with the write, which waits for them.
pub fn take_for_write(session: &mut Session, target: &FormTarget) -> Vec<Uuid> {
    let mut ids = Vec::new();
    session.outbox.uploads.items.retain_mut(|u| {
        if u.submitted || &u.target != target {
            return true;
        }
        if matches!(u.state, UploadState::Refused { .. }) {
            return false;
        }
        u.submitted = true;
        ids.push(u.id);
        true
    });
    ids
}

/// The form was closed without sending: its files are dropped.
pub fn drop_form(session: &mut Session, target: &FormTarget) -> Cmd {
    let (dropped, kept): (Vec<Upload>, Vec<Upload>) = std::mem::take(&mut session.outbox.uploads.items)
        .into_iter()
        .partition(|u| !u.submitted && &u.target == target);
    session.outbox.uploads.items = kept;
    if dropped.is_empty() {
        return Command::done();
    }
    let mut cmd = sync::save_outbox(session);
    for upload in dropped {
        stop_if_current(session, upload.id);
        cmd = cmd.and(discard(upload.file));
    }
    cmd.and(resume(session))
}

/// Send the next file waiting, unless one is under way.
pub fn resume(session: &mut Session) -> Cmd {
    if session.uploads.current.is_some() || !session.loaded() {
        return Command::done();
    }
    let Some(upload) = session.outbox.uploads.items.iter().find(|u| u.state == UploadState::Waiting) else {
        return Command::done();
    };
    let id = upload.id;
    let path = format!("/v1/attachments/{id}?name={}", api::query_value(&upload.name));
    let operation = UploadOperation::Send {
        url: api::url(&session.credentials.server_url, &path),
        token: session.credentials.token.clone(),
        file: upload.file.clone(),
    };
    let total = upload.size;
    let epoch = session.epoch;
    let task = Command::new(move |ctx| async move {
        let mut progress = Command::stream_from_shell(operation).into_stream(ctx.clone());
        while let Some(progress) = progress.next().await {
            let last = !matches!(progress, UploadProgress::Sent { .. });
            ctx.send_event(answered(epoch, UploadAnswer::Progress { id, progress }));
            if last {
                break;
            }
        }
    });
    session.uploads.current = Some(Uploading { id, sent: 0, total, task: task.abort_handle() });
    task.and(render())
}

fn answered(epoch: u64, answer: UploadAnswer) -> Event {
    Event::Attachments(AttachmentsEvent::Answered(epoch, Box::new(answer)))
}

fn progressed(session: &mut Session, id: Uuid, progress: UploadProgress) -> Cmd {
    let Some(current) = session.uploads.current.as_mut().filter(|c| c.id == id) else { return Command::done() };
    let outcome = match progress {
        UploadProgress::Sent { bytes, total } => {
            current.sent = bytes.min(total);
            current.total = total;
            return render();
        }
        UploadProgress::Answered { status, body } => match api::read::<UploadedFile>(status, body.as_bytes()) {
            Ok(stored) if stored.id == id => Ok(UploadState::Stored { kind: stored.kind }),
            // A refusal for good (too large, a kind not accepted); anything else is tried again
            // (the session's expiry is the sync's to find out).
            Err(failure) if failure.is_transient() => Err(()),
            Err(api::Failure::Refused { code, .. }) => Ok(UploadState::Refused { code }),
            Ok(_) | Err(_) => Err(()),
        },
        UploadProgress::Unreachable => Err(()),
        UploadProgress::FileMissing => Ok(UploadState::Refused { code: "file_missing".into() }),
    };
    session.uploads.current = None;
    let Some(upload) = session.outbox.uploads.get_mut(id) else { return resume(session).and(render()) };
    match outcome {
        Ok(state) => {
            session.uploads.attempt = 0;
            upload.state = state.clone();
            let file = upload.file.clone();
            let submitted = upload.submitted;
            if matches!(state, UploadState::Refused { .. }) && submitted {
                // Its write goes without it: the text is not held back by a file that cannot go.
                session.outbox.uploads.items.retain(|u| u.id != id);
                for pending in &mut session.outbox.pending {
                    if let Some(attachments) = pending.mutation.attachments_mut() {
                        attachments.retain(|a| *a != id);
                    }
                }
                session.notice = Some(Text::FileLeftOut);
            }
            let save = sync::save_outbox(session);
            let sync = if submitted { sync::request(session) } else { Command::done() };
            save.and(discard(file)).and(sync).and(resume(session)).and(render())
        }
        Err(()) => {
            session.uploads.attempt = session.uploads.attempt.saturating_add(1);
            session.uploads.retry_generation += 1;
            let generation = session.uploads.retry_generation;
            let delay = sync::backoff_ms(session.uploads.attempt, sync::jitter());
            let epoch = session.epoch;
            let id = sync::timer_id(session);
            Command::request_from_shell(TimeRequest::NotifyAfter { id, duration: Duration::from_millis(delay) })
                .then_send(move |_| answered(epoch, UploadAnswer::Retry { generation }))
                .and(render())
        }
    }
}

// ---------------------------------------------------------------------------------------
// Views

fn size_text(bytes: u64, language: Language) -> String {
    let (kb, mb) = match language {
        Language::French => ("Ko", "Mo"),
        Language::English => ("KB", "MB"),
    };
    let text = if bytes >= 1024 * 1024 {
        format!("{:.1} {mb}", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} {kb}", bytes.div_ceil(1024).max(1))
    };
    match language {
        Language::French => text.replace('.', ","),
        Language::English => text,
    }
}

/// The files of the form open now, with where each stands.
pub fn form_files(session: &Session, language: Language) -> Vec<FileView> {
    let Some(target) = open_form(session) else { return Vec::new() };
    session.outbox.uploads.of_form(&target).map(|upload| file_view(session, upload, language)).collect()
}

/// The files a write not yet on the server names (a post, a message), as they go: the item
/// is shown at once, its files with it.
pub fn pending_files(session: &Session, attachments: &[Uuid], language: Language) -> Vec<FileView> {
    attachments
        .iter()
        .filter_map(|id| session.outbox.uploads.get(*id))
        .map(|upload| file_view(session, upload, language))
        .collect()
}

/// Whether the form has files (a message may then have no words).
pub fn form_has_files(session: &Session, target: &FormTarget) -> bool {
    session.outbox.uploads.of_form(target).next().is_some()
}

fn file_view(session: &Session, upload: &Upload, language: Language) -> FileView {
    let current = session.uploads.current.as_ref().filter(|c| c.id == upload.id);
    let (progress, status, error) = match (&upload.state, current) {
        (UploadState::Stored { .. }, _) => (100, Text::FileSent, None),
        (UploadState::Refused { code }, _) => {
            (0, Text::Refused, Some(crate::i18n::for_error_code(code).in_language(language).to_owned()))
        }
        (UploadState::Waiting, Some(current)) => {
            let percent = (current.sent * 100).checked_div(current.total).unwrap_or(0).min(99);
            (percent as u8, Text::FileSending, None)
        }
        (UploadState::Waiting, None) if session.uploads.attempt > 0 => (0, Text::FileWaiting, None),
        (UploadState::Waiting, None) => (0, Text::FileSending, None),
    };
    FileView {
        id: upload.id.to_string(),
        name: upload.name.clone(),
        size: size_text(upload.size, language),
        progress,
        status: if error.is_some() { String::new() } else { status.in_language(language).to_owned() },
        error,
    }
}

/// The files on an item, as its page shows them.
pub fn item_files(session: &Session, item_id: Uuid, language: Language) -> Vec<AttachmentView> {
    session.store.attachments_of(item_id).map(|a| attachment_view(session, a, language)).collect()
}

fn attachment_view(session: &Session, attachment: &Attachment, language: Language) -> AttachmentView {
    let url = api::url(&session.credentials.server_url, &format!("/v1/attachments/{}", attachment.id));
    let image = attachment.kind == AttachmentKind::Image;
    AttachmentView {
        id: attachment.id.to_string(),
        name: attachment.name.clone(),
        is_image: image,
        size: size_text(u64::try_from(attachment.size).unwrap_or(0), language),
        thumbnail_url: image.then(|| format!("{url}/thumbnail")),
        url,
        width: attachment.width.and_then(|w| u32::try_from(w).ok()),
        height: attachment.height.and_then(|h| u32::try_from(h).ok()),
        opening: download::progress(session, attachment.id),
        error: download::error(session, attachment.id).map(|t| t.in_language(language).to_owned()),
    }
}

/// The file to open now, if a tap fetched one.
pub fn open_file(session: &Session) -> Option<OpenFileView> {
    download::to_open(session)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use fabrique_wire::attachments::AttachedTo;
    use fabrique_wire::sync::{Entity, Mutation, PushRequest};
    use uuid::Uuid;

    use super::*;
    use crate::composer::types::ComposerEvent;
    use crate::model::Event;
    use crate::testing::*;
    use crate::view::Screen;

    const PHOTO: &str = "/data/app/files/outgoing/photo-1.jpg";

    fn composing_a_post() -> (Shell, Uuid) {
        let (me, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(me, &first_pull(me, group, vec![]));
        shell.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() })));
        (shell, group)
    }

    fn add(shell: &mut Shell, file: &str, name: &str, size: u64) {
        shell.send(Event::Attachments(AttachmentsEvent::Add { file: file.into(), name: name.into(), size }));
    }

    fn stored(id: &str, kind: AttachmentKind) -> UploadProgress {
        let file = UploadedFile {
            id: Uuid::parse_str(id).unwrap(),
            kind,
            name: "Sortie au lac.jpg".into(),
            content_type: "image/jpeg".into(),
            size: 2_000_000,
            width: Some(1600),
            height: Some(1200),
        };
        UploadProgress::Answered { status: 201, body: serde_json::to_string(&file).unwrap() }
    }

    fn refused(status: u16, code: &str) -> UploadProgress {
        let body = serde_json::json!({"error": {"code": code, "message": "refused"}}).to_string();
        UploadProgress::Answered { status, body }
    }

    /// What the pushes sent so far carried (the requests are answered as applied).
    fn pushed_mutations(shell: &mut Shell) -> Vec<Mutation> {
        let mut sent = Vec::new();
        while shell.waiting_paths().iter().any(|p| p == "/v1/sync/push") {
            let request = shell.take_request("/v1/sync/push");
            let body: PushRequest = serde_json::from_slice(&request.operation.body).unwrap();
            let last = body.mutations.last().map_or(0, |m| m.id);
            let results = body
                .mutations
                .iter()
                .map(|m| fabrique_wire::sync::MutationResult {
                    id: m.id,
                    outcome: fabrique_wire::sync::MutationOutcome::Applied,
                })
                .collect();
            sent.extend(body.mutations.into_iter().map(|m| m.mutation));
            shell.answer(request, ok(200, &fabrique_wire::sync::PushResponse { results, last_mutation_id: last }));
        }
        sent
    }

    #[test]
    fn a_photo_chosen_for_a_post_goes_with_its_progress_and_the_post_waits_for_it() {
        let (mut shell, _) = composing_a_post();
        assert!(shell.view().can_attach);
        add(&mut shell, PHOTO, "Sortie au lac.jpg", 2_000_000);
        let (url, file) = shell.upload_under_way();
        let files = shell.view().form_files;
        assert_eq!(files.len(), 1);
        assert_eq!(url, format!("/v1/attachments/{}?name=Sortie%20au%20lac.jpg", files[0].id));
        assert_eq!(file, PHOTO);
        assert_eq!((files[0].size.as_str(), files[0].progress), ("1,9 Mo", 0));

        shell.upload_progress(1_000_000, 2_000_000);
        assert_eq!(shell.view().form_files[0].progress, 50);
        assert_eq!(shell.view().form_files[0].status, "Envoi en cours…");

        // Sent before the file is up: the post is shown at once but waits for its photo.
        shell.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Photos de la sortie".into() }));
        shell.fire_timers();
        assert!(pushed_mutations(&mut shell).is_empty(), "the post does not go before its photo");
        shell.answer_json("/v1/sync/pull", 200, &pull_page(vec![], 0));
        let Screen::Feed(feed) = shell.screen() else { panic!("the feed") };
        assert!(feed.items[0].pending);
        let files = &feed.items[0].pending_files;
        assert_eq!((files.len(), files[0].progress, files[0].name.as_str()), (1, 50, "Sortie au lac.jpg"));

        let id = files[0].id.clone();
        shell.upload_end(stored(&id, AttachmentKind::Image));
        assert_eq!(shell.discarded, vec![PHOTO.to_owned()], "the phone's copy can go once the server has it");
        // The sync under way ends, then the post goes with its photo.
        shell.answer_json("/v1/sync/pull", 200, &pull_page(vec![], 0));
        let sent = pushed_mutations(&mut shell);
        assert!(
            matches!(&sent[..], [Mutation::CreatePost(fabrique_wire::posts::NewPost { attachments, body, .. })] if attachments == &[Uuid::parse_str(&id).unwrap()] && body == "Photos de la sortie"),
            "{sent:?}"
        );
    }

    #[test]
    fn a_file_cut_off_by_the_network_is_sent_again_under_the_same_id() {
        let (mut shell, _) = composing_a_post();
        add(&mut shell, PHOTO, "lac.jpg", 300_000);
        let (first_url, _) = shell.upload_under_way();
        shell.upload_progress(100_000, 300_000);
        shell.upload_end(UploadProgress::Unreachable);
        assert!(shell.uploads.is_empty());
        assert_eq!(shell.view().form_files[0].status, Text::FileWaiting.in_language(Language::French));
        shell.fire_timers();
        let (again, _) = shell.upload_under_way();
        assert_eq!(again, first_url, "the same id: the server keeps one file");
        // A server failing is a reason to wait too, not to give up.
        shell.upload_end(UploadProgress::Answered { status: 503, body: String::new() });
        shell.fire_timers();
        assert_eq!(shell.upload_under_way().0, first_url);
    }

    #[test]
    fn a_file_too_large_is_refused_at_once_and_a_refused_kind_says_why() {
        let (mut shell, _) = composing_a_post();
        add(&mut shell, "/tmp/film.mov", "film.mov", 300 * 1024 * 1024);
        assert!(shell.uploads.is_empty(), "nothing is sent");
        assert_eq!(shell.discarded, vec!["/tmp/film.mov".to_owned()]);
        let files = shell.view().form_files;
        assert_eq!(files[0].error.as_deref(), Some(Text::FileTooLarge.in_language(Language::French)));

        add(&mut shell, "/tmp/script.exe", "script.exe", 40_000);
        shell.upload_end(refused(415, "unsupported_type"));
        let files = shell.view().form_files;
        assert_eq!(files[1].error.as_deref(), Some(Text::FileTypeRefused.in_language(Language::French)));

        // The person takes them off; a post without them goes.
        shell.send(Event::Attachments(AttachmentsEvent::Remove { id: files[0].id.clone() }));
        assert_eq!(shell.view().form_files.len(), 1);
        shell.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Sans pièce jointe".into() }));
        shell.fire_timers();
        let sent = pushed_mutations(&mut shell);
        assert!(
            matches!(&sent[..], [Mutation::CreatePost(fabrique_wire::posts::NewPost { attachments, .. })] if attachments.is_empty()),
            "{sent:?}"
        );
    }

    #[test]
    fn a_file_refused_after_the_post_was_sent_lets_the_text_go_alone() {
        let (mut shell, _) = composing_a_post();
        add(&mut shell, PHOTO, "abîmée.jpg", 50_000);
        shell.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Le compte rendu".into() }));
        shell.upload_end(refused(400, "unreadable_image"));
        assert_eq!(shell.view().notice.as_deref(), Some(Text::FileLeftOut.in_language(Language::French)));
        shell.fire_timers();
        let sent = pushed_mutations(&mut shell);
        assert!(
            matches!(&sent[..], [Mutation::CreatePost(fabrique_wire::posts::NewPost { attachments, body, .. })] if attachments.is_empty() && body == "Le compte rendu"),
            "{sent:?}"
        );
    }

    #[test]
    fn files_chosen_survive_the_app_being_killed_and_are_sent_at_the_next_start() {
        let (mut shell, _) = composing_a_post();
        add(&mut shell, PHOTO, "lac.jpg", 300_000);
        let (url, _) = shell.upload_under_way();
        shell.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Au lac".into() }));

        let mut again = Shell::with_storage(shell.kv.clone());
        again.start();
        again.answer_json("/v1/sync/pull", 200, &pull_page(vec![], 0));
        assert_eq!(again.upload_under_way().0, url);
        let id = url.trim_start_matches("/v1/attachments/").split('?').next().unwrap().to_owned();
        again.upload_end(stored(&id, AttachmentKind::Image));
        let sent = pushed_mutations(&mut again);
        assert!(
            matches!(&sent[..], [Mutation::CreatePost(fabrique_wire::posts::NewPost { attachments, .. })] if attachments.len() == 1),
            "{sent:?}"
        );
    }

    #[test]
    fn closing_the_form_drops_its_files_and_a_screen_without_a_form_takes_none() {
        let (mut shell, _) = composing_a_post();
        add(&mut shell, PHOTO, "lac.jpg", 300_000);
        shell.send(Event::Composer(ComposerEvent::Cancel));
        assert_eq!(shell.discarded, vec![PHOTO.to_owned()]);
        assert!(!shell.view().can_attach);
        add(&mut shell, "/tmp/other.pdf", "other.pdf", 1000);
        assert_eq!(shell.view().notice.as_deref(), Some(Text::CannotAttachHere.in_language(Language::French)));
        assert!(shell.view().form_files.is_empty());
    }

    #[test]
    fn a_posts_photos_and_documents_show_on_it_with_their_addresses() {
        let (me, group) = (Uuid::now_v7(), Uuid::now_v7());
        let post_id = Uuid::now_v7();
        let mut pull = first_pull(me, group, vec![post(post_id, group, Uuid::now_v7(), "Voici", 1)]);
        let scope = format!("group:{group}");
        for (n, (kind, name)) in
            [(AttachmentKind::Image, "lac.jpg"), (AttachmentKind::Document, "CR.pdf")].into_iter().enumerate()
        {
            let id = Uuid::now_v7();
            let attachment = fabrique_wire::attachments::Attachment {
                id,
                attached_to: AttachedTo::Post,
                item_id: post_id,
                kind,
                name: name.into(),
                content_type: if n == 0 { "image/jpeg".into() } else { "application/pdf".into() },
                size: 1_500,
                width: (n == 0).then_some(800),
                height: (n == 0).then_some(600),
                created_at: Utc::now() + chrono::Duration::seconds(n as i64),
            };
            pull.changes.push(put(20 + n as i64, &scope, id, Entity::Attachment(attachment)));
        }
        let shell = signed_in(me, &pull);
        let Screen::Feed(feed) = shell.screen() else { panic!("the feed") };
        let files = &feed.items[0].attachments;
        assert_eq!(files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["lac.jpg", "CR.pdf"]);
        assert!(files[0].is_image && !files[1].is_image);
        assert_eq!(
            files[0].thumbnail_url.as_deref(),
            Some(format!("{SERVER}/v1/attachments/{}/thumbnail", files[0].id).as_str())
        );
        assert_eq!(files[1].thumbnail_url, None);
        assert_eq!(files[1].size, "2 Ko");
        assert_eq!(shell.view().media_authorization.as_deref(), Some("Bearer fq_test"));

        // A tap on the document: fetched with the session, with its progress, then opened.
        let mut shell = shell;
        let document = files[1].clone();
        let open =
            || Event::Attachments(AttachmentsEvent::Open { id: document.id.clone(), name: document.name.clone() });
        shell.send(open());
        let request = shell.downloads.front().expect("fetched");
        let DownloadOperation::Fetch { url, token, name } = &request.operation;
        assert_eq!(url, &format!("{SERVER}/v1/attachments/{}", document.id));
        assert_eq!((token.as_str(), name.clone()), ("fq_test", format!("{}-CR.pdf", document.id)));
        shell.send(open());
        assert_eq!(shell.downloads.len(), 1, "a second tap while it comes fetches nothing more");
        shell.download_progress(DownloadProgress::Received { bytes: 750, total: 1_500 });
        let file = |shell: &Shell| match shell.screen() {
            Screen::Feed(feed) => feed.items[0].attachments[1].clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(file(&shell).opening, Some(50));
        assert!(shell.view().open_file.is_none());
        shell.download_progress(DownloadProgress::Saved { file: "/cache/CR.pdf".into() });
        assert_eq!(file(&shell).opening, None);
        let opened = shell.view().open_file.expect("to open");
        assert_eq!((opened.path.as_str(), opened.name.as_str(), opened.is_image), ("/cache/CR.pdf", "CR.pdf", false));
        shell.send(Event::Attachments(AttachmentsEvent::Opened));
        assert!(shell.view().open_file.is_none());
        // Opened again: from the cache, at once.
        shell.send(open());
        assert!(shell.downloads.is_empty());
        assert_eq!(shell.view().open_file.map(|f| f.path), Some("/cache/CR.pdf".into()));

        // The photo, removed meanwhile: said on the photo, nothing to open.
        shell.send(Event::Attachments(AttachmentsEvent::Opened));
        let photo = files[0].clone();
        shell.send(Event::Attachments(AttachmentsEvent::Open { id: photo.id.clone(), name: photo.name.clone() }));
        shell.download_progress(DownloadProgress::Answered {
            status: 404,
            body: r#"{"error":{"code":"not_found","message":"gone"}}"#.into(),
        });
        let Screen::Feed(feed) = shell.screen() else { panic!() };
        assert_eq!(
            feed.items[0].attachments[0].error.as_deref(),
            Some("Ce fichier n'est plus disponible : il a été retiré.")
        );
        assert!(shell.view().open_file.is_none());
    }

    #[test]
    fn a_photo_alone_is_a_message_shown_at_once_with_its_progress_and_sent_once_up() {
        use crate::conversations::types::ConversationsEvent;
        let (me, group, awa) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(me, &first_pull(me, group, vec![]));
        shell.send(Event::Conversations(ConversationsEvent::WriteTo { person_id: awa.to_string() }));
        let conversation = fabrique_wire::conversations::direct_conversation_id(me, awa);
        assert!(shell.view().can_attach, "a conversation takes files");
        add(&mut shell, PHOTO, "lac.jpg", 400_000);
        shell.upload_progress(100_000, 400_000);
        shell.send(Event::Conversations(ConversationsEvent::Send {
            conversation_id: conversation.to_string(),
            body: String::new(),
        }));
        assert!(shell.view().notice.is_none(), "no words needed with a photo");
        let Screen::Conversation(view) = shell.screen() else { panic!("the conversation") };
        let message = view.messages.last().expect("my message shows at once");
        assert!(message.pending && message.body.is_empty());
        assert_eq!((message.pending_files.len(), message.pending_files[0].progress), (1, 25));
        assert!(shell.view().form_files.is_empty(), "the form is free for the next message");

        let (url, _) = shell.upload_under_way();
        let id = url.trim_start_matches("/v1/attachments/").split('?').next().unwrap().to_owned();
        shell.upload_end(stored(&id, AttachmentKind::Image));
        shell.fire_timers();
        while shell.waiting_paths().iter().any(|p| p == "/v1/sync/pull") {
            shell.answer_json("/v1/sync/pull", 200, &pull_page(vec![], 0));
        }
        let sent = pushed_mutations(&mut shell);
        assert!(
            sent.iter().any(|m| matches!(m, Mutation::SendMessage { attachments, body, .. } if attachments.len() == 1 && body.is_empty())),
            "{sent:?}"
        );
    }
}
