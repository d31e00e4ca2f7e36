//! My notifications: the list the server keeps in my scope (so it is on the phone, offline
//! too), the unread count for the badge, opening one (it is marked read and its question
//! opens), and "mark all read". A push only says that something new is there: the core
//! syncs (`Event::PushReceived`) and the list shows it.

use crux_core::Command;
use crux_core::capability::Operation;
use crux_core::render::render;
use crux_http::protocol::HttpResult;
use fabrique_wire::notifications::{Notification, NotificationKind};
use fabrique_wire::sync::Mutation;
use facet::Facet;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::api;
use crate::app::{Cmd, Internal, Route, Session, internal};
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

/// What the shell does for pushes: subscribe this device with the platform's push
/// service (UnifiedPush on Android, a relay to APNs on iOS) and say where pushes go.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum PushOperation {
    /// Subscribe with the server's VAPID public key (base64url, the `applicationServerKey`).
    Register { application_server_key: String },
    /// Stop receiving pushes on this device (signed out).
    Unregister,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum PushRegistration {
    /// Where the push service takes pushes for this device, and its keys (base64url).
    Subscribed {
        endpoint: String,
        p256dh: String,
        auth: String,
        label: String,
    },
    /// No push on this device (no distributor, permission refused): the in-app list still works.
    Unavailable {
        reason: String,
    },
    Unregistered,
}

impl Operation for PushOperation {
    type Output = PushRegistration;
}

/// Where this session's push registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PushState {
    #[default]
    NotYet,
    Registering,
    Registered,
    /// The device cannot receive pushes: not asked again in this session.
    Unavailable,
}

/// What the push registration's effects answered.
#[derive(Debug)]
pub enum PushInternal {
    Key(HttpResult),
    Registration(PushRegistration),
    Subscribed(HttpResult),
}

/// Registers this device for pushes, once per session (again after a failure, at the next
/// start or foreground): the server's key, the shell's subscription, the server told.
pub fn register(session: &mut Session) -> Cmd {
    if !session.loaded() || !matches!(session.push, PushState::NotYet) {
        return Command::done();
    }
    session.push = PushState::Registering;
    let epoch = session.epoch;
    Command::request_from_shell(api::get(&session.credentials, "/v1/push/key"))
        .then_send(move |result| internal(Internal::Push { epoch, event: PushInternal::Key(result) }))
}

pub fn on_push(session: &mut Session, event: PushInternal) -> Cmd {
    let epoch = session.epoch;
    match event {
        PushInternal::Key(result) => match api::decode::<fabrique_wire::notifications::PushKey>(result) {
            Ok(key) => Command::request_from_shell(PushOperation::Register { application_server_key: key.public_key })
                .then_send(move |registration| {
                    internal(Internal::Push { epoch, event: PushInternal::Registration(registration) })
                }),
            Err(_) => {
                session.push = PushState::NotYet;
                Command::done()
            }
        },
        PushInternal::Registration(PushRegistration::Subscribed { endpoint, p256dh, auth, label }) => {
            let body = fabrique_wire::notifications::PushSubscriptionRequest { endpoint, p256dh, auth, label };
            let request =
                api::post(Some(&session.credentials), &session.credentials.server_url, "/v1/push/subscriptions", &body);
            Command::request_from_shell(request)
                .then_send(move |result| internal(Internal::Push { epoch, event: PushInternal::Subscribed(result) }))
        }
        PushInternal::Registration(_) => {
            session.push = PushState::Unavailable;
            Command::done()
        }
        PushInternal::Subscribed(result) => {
            session.push = match api::decode::<fabrique_wire::notifications::PushSubscription>(result) {
                Ok(_) => PushState::Registered,
                Err(_) => PushState::NotYet,
            };
            Command::done()
        }
    }
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

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use fabrique_wire::notifications::{Notification, NotificationKind, PushKey, PushSubscription};
    use fabrique_wire::sync::{Entity, scope};
    use uuid::Uuid;

    use super::{NotificationsEvent, PushOperation, PushRegistration};
    use crate::app::{Event, Route};
    use crate::testing::*;
    use crate::view::Screen;

    #[test]
    fn the_device_registers_for_pushes_once_with_the_servers_key() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = Shell::default();
        shell.start();
        shell.send(Event::Accounts(crate::accounts::AccountsEvent::SignIn {
            email: "awa@example.org".into(),
            password: "correct horse battery".into(),
        }));
        shell.answer_json("/v1/auth/sign-in", 200, &session_response(person));
        shell.answer_json("/v1/sync/pull", 200, &first_pull(person, group, vec![]));
        shell.answer_json("/v1/push/key", 200, &PushKey { public_key: "BServerKey".into() });
        assert_eq!(
            shell.push.front().map(|r| r.operation.clone()),
            Some(PushOperation::Register { application_server_key: "BServerKey".into() })
        );
        shell.answer_push(PushRegistration::Subscribed {
            endpoint: "https://push.example/abc".into(),
            p256dh: "BKey".into(),
            auth: "secret".into(),
            label: "Téléphone".into(),
        });
        let sent = shell.answer_json(
            "/v1/push/subscriptions",
            201,
            &PushSubscription { id: Uuid::now_v7(), label: "Téléphone".into(), created_at: Utc::now() },
        );
        let body: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
        assert_eq!(body["endpoint"], "https://push.example/abc");
        shell.send(Event::Foreground);
        assert!(!shell.waiting_paths().iter().any(|p| p.starts_with("/v1/push")), "registered once per session");
    }

    #[test]
    fn a_notification_shows_in_the_badge_and_opening_it_marks_it_read_and_opens_its_question() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        let (id, question) = (Uuid::now_v7(), Uuid::now_v7());
        let notification = Notification {
            id,
            kind: NotificationKind::QuestionAsked,
            subject_id: question,
            group_id: Some(group),
            actor_name: "Bruno".into(),
            text: "Quel dossier pour le FDVA ?".into(),
            created_at: Utc::now(),
            read: false,
        };
        shell.send(Event::PushReceived);
        shell.answer_json(
            "/v1/sync/pull",
            200,
            &pull_page(vec![put(10, &scope::person(person), id, Entity::Notification(notification))], 0),
        );
        assert_eq!(shell.view().unread_notifications, 1, "the badge");
        shell.send(Event::Navigate(Route::Notifications));
        let Screen::Notifications(list) = shell.screen() else { panic!("the list") };
        assert_eq!(list.items.len(), 1);
        assert!(list.items[0].unread);
        assert_eq!(list.items[0].text, "Bruno pose une question : « Quel dossier pour le FDVA ? »");
        assert!(list.mark_all_label.is_some());

        shell.send(Event::Notifications(NotificationsEvent::Open { id: id.to_string() }));
        assert_eq!(shell.view().unread_notifications, 0, "read at once, before the server answers");
        assert!(matches!(shell.screen(), Screen::Question(_)), "its question opens");
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        assert!(String::from_utf8_lossy(&push.operation.body).contains("mark_notifications_read"));
    }

    #[test]
    fn an_empty_list_says_what_will_come_here() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Navigate(Route::Notifications));
        let Screen::Notifications(list) = shell.screen() else { panic!("the list") };
        assert!(list.empty_text.is_some_and(|t| t.contains("questions")));
        assert!(list.mark_all_label.is_none());
    }
}
