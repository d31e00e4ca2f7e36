//! My notifications: the list the server keeps in my scope (so it is on the phone, offline
//! too), the unread count for the badge, opening one (it is marked read and its question
//! opens), and "mark all read". A push only says that something new is there: the core
//! syncs (`Event::PushReceived`) and the list shows it.

use crux_core::render::render;
use fabrique_wire::notifications::{Notification, NotificationKind};
use fabrique_wire::sync::Mutation;
use facet::Facet;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::app::{Cmd, Route, Session};
use crate::i18n::{Language, Text};
use crate::sync::{self, overlay::Overlay};
use crate::view::{NotificationItemView, NotificationsView};

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum NotificationsEvent {
    /// Open what the notification is about; it is marked read.
    Open {
        id: String,
    },
    MarkAllRead,
}

pub fn update(event: NotificationsEvent, session: &mut Session) -> Cmd {
    match event {
        NotificationsEvent::Open { id } => {
            let Some(notification) = id.parse::<Uuid>().ok().and_then(|id| session.store.notification(id)).cloned()
            else {
                return render();
            };
            let overlay = Overlay::of(&session.outbox);
            let mark = if is_read(&notification, &overlay) {
                crux_core::Command::done()
            } else {
                sync::write(session, Mutation::MarkNotificationsRead { ids: vec![notification.id] })
            };
            let route = Route::Question { id: notification.subject_id.to_string() };
            mark.and(crate::app::navigate(session, route))
        }
        NotificationsEvent::MarkAllRead => {
            let overlay = Overlay::of(&session.outbox);
            if unread_count(session, &overlay) == 0 {
                return render();
            }
            sync::write(session, Mutation::MarkAllNotificationsRead).and(render())
        }
    }
}

fn is_read(notification: &Notification, overlay: &Overlay) -> bool {
    notification.read || overlay.all_notifications_read || overlay.read_notifications.contains(&notification.id)
}

/// For the badge.
pub fn unread_count(session: &Session, overlay: &Overlay) -> u32 {
    let unread = session.store.notifications_newest_first().filter(|n| !is_read(n, overlay)).count();
    u32::try_from(unread).unwrap_or(u32::MAX)
}

/// The sentence of one notification, in the person's language.
fn sentence(notification: &Notification, language: Language) -> String {
    let (who, what) = (&notification.actor_name, &notification.text);
    match (notification.kind, language) {
        (NotificationKind::QuestionAsked, Language::French) => format!("{who} pose une question : « {what} »"),
        (NotificationKind::QuestionAsked, Language::English) => format!("{who} asks: “{what}”"),
        (NotificationKind::QuestionAnswered, Language::French) => format!("{who} a répondu à « {what} »"),
        (NotificationKind::QuestionAnswered, Language::English) => format!("{who} answered “{what}”"),
        (NotificationKind::AnswerAccepted, Language::French) => {
            format!("{who} a retenu votre réponse à « {what} »")
        }
        (NotificationKind::AnswerAccepted, Language::English) => format!("{who} accepted your answer to “{what}”"),
    }
}

/// Shown at most; older ones stay on the phone until the server forgets them.
const SHOWN_MAX: usize = 200;

pub fn view(session: &Session, overlay: &Overlay, language: Language) -> NotificationsView {
    let items: Vec<NotificationItemView> = session
        .store
        .notifications_newest_first()
        .take(SHOWN_MAX)
        .map(|n| NotificationItemView {
            id: n.id.to_string(),
            text: sentence(n, language),
            created_at: crate::posts::rfc3339(n.created_at),
            unread: !is_read(n, overlay),
        })
        .collect();
    let unread = unread_count(session, overlay);
    NotificationsView {
        empty_text: items.is_empty().then(|| Text::NotificationsEmpty.in_language(language).to_owned()),
        items,
        unread_count: unread,
        mark_all_label: (unread > 0).then(|| Text::MarkAllRead.in_language(language).to_owned()),
    }
}
