//! My notifications: the list the server keeps in my scope (so it is on the phone, offline
//! too), the unread count for the badge, opening one (it is marked read and its question
//! opens), and "mark all read". A push only says that something new is there: the core
//! syncs (`Event::PushReceived`) and the list shows it.

pub mod decrypt;
pub mod types;
pub use self::types::*;

use crux_core::Command;
use crux_core::render::render;
use fabrique_wire::notifications::{
    DEFAULT_TIME_ZONE, GroupLevel, Notification, NotificationKind, NotificationSettings, PushPayload, QuietHours,
};
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

use crate::api;
use crate::i18n::{Language, Text};
use crate::model::{Cmd, Event, Route, Session};
use crate::sync::{self, overlay::Overlay};

impl From<Level> for GroupLevel {
    fn from(level: Level) -> Self {
        match level {
            Level::Everything => GroupLevel::Everything,
            Level::Important => GroupLevel::Important,
            Level::Nothing => GroupLevel::Nothing,
        }
    }
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
        .then_send(move |result| answered(epoch, PushAnswer::Key(result)))
}

fn answered(epoch: u64, answer: PushAnswer) -> Event {
    Event::Notifications(NotificationsEvent::Answered(epoch, Box::new(answer)))
}

fn on_push(session: &mut Session, event: PushAnswer) -> Cmd {
    let epoch = session.epoch;
    match event {
        PushAnswer::Key(result) => match api::decode::<fabrique_wire::notifications::PushKey>(result) {
            Ok(key) => Command::request_from_shell(PushOperation::Register { application_server_key: key.public_key })
                .then_send(move |registration| answered(epoch, PushAnswer::Registration(registration))),
            Err(_) => {
                session.push = PushState::NotYet;
                Command::done()
            }
        },
        PushAnswer::Registration(PushRegistration::Subscribed { endpoint, p256dh, auth, label }) => {
            let body = fabrique_wire::notifications::PushSubscriptionRequest { endpoint, p256dh, auth, label };
            let request =
                api::post(Some(&session.credentials), &session.credentials.server_url, "/v1/push/subscriptions", &body);
            Command::request_from_shell(request)
                .then_send(move |result| answered(epoch, PushAnswer::Subscribed(result)))
        }
        PushAnswer::Registration(_) => {
            session.push = PushState::Unavailable;
            Command::done()
        }
        PushAnswer::Loaded => register(session),
        PushAnswer::Subscribed(result) => {
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
        NotificationsEvent::Answered(epoch, answer) if epoch == session.epoch => on_push(session, *answer),
        NotificationsEvent::Answered(..) => Command::done(),
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
            mark.and(crux_core::Command::event(crate::model::Event::Navigate(route_of(session, &notification))))
        }
        NotificationsEvent::PushRenewed => {
            if matches!(session.push, PushState::Registering) {
                // The registration under way asks the push service now: it gets the new address.
                return render();
            }
            session.push = PushState::NotYet;
            register(session).and(render())
        }
        NotificationsEvent::Tapped { payload } => {
            let Ok(push) = serde_json::from_str::<PushPayload>(&payload) else {
                // Unreadable: the list is where it is.
                return crux_core::Command::event(crate::model::Event::Navigate(Route::Notifications));
            };
            // A must-read message is not in the list: it opens itself (the sync brings it).
            if push.kind == NotificationKind::MustRead {
                let route = Route::MustRead { id: push.subject_id.to_string() };
                return sync::request(session).and(crux_core::Command::event(crate::model::Event::Navigate(route)));
            }
            // What the phone holds, or what the push says until the sync brings it.
            let notification =
                session.store.notification(push.notification_id).cloned().unwrap_or_else(|| Notification {
                    id: push.notification_id,
                    kind: push.kind,
                    subject_id: push.subject_id,
                    group_id: push.group_id,
                    actor_name: String::new(),
                    text: push.text.clone(),
                    count: 1,
                    created_at: session.clock.now(),
                    read: false,
                });
            let overlay = Overlay::of(&session.outbox);
            let mark = if is_read(&notification, &overlay) {
                crux_core::Command::done()
            } else {
                sync::write(session, Mutation::MarkNotificationsRead { ids: vec![notification.id] })
            };
            let route = route_of(session, &notification);
            mark.and(sync::request(session)).and(crux_core::Command::event(crate::model::Event::Navigate(route)))
        }
        NotificationsEvent::MarkAllRead => {
            let overlay = Overlay::of(&session.outbox);
            if unread_count(session, &overlay) == 0 {
                return render();
            }
            sync::write(session, Mutation::MarkAllNotificationsRead {}).and(render())
        }
        NotificationsEvent::SaveSettings { time_zone, quiet_start, quiet_end, muted_kinds } => {
            let quiet_hours = match (quiet_start, quiet_end) {
                (None, None) => None,
                (Some(start), Some(end)) if is_clock(&start) && is_clock(&end) && start.trim() != end.trim() => {
                    Some(QuietHours { start: start.trim().to_owned(), end: end.trim().to_owned() })
                }
                _ => {
                    session.settings_error = Some(Text::QuietHoursInvalid);
                    return render();
                }
            };
            session.settings_error = None;
            let muted_kinds = muted_kinds.iter().filter_map(|name| NotificationKind::parse(name)).collect();
            let time_zone = if time_zone.trim().is_empty() { DEFAULT_TIME_ZONE.to_owned() } else { time_zone };
            sync::write(
                session,
                Mutation::SetNotificationSettings { time_zone, quiet_hours, muted_kinds, digest: None },
            )
            .and(render())
        }
        NotificationsEvent::SetDigest { digest } => {
            // The other settings as they stand (on the phone or the server's), unchanged.
            let current = current_settings(session, &Overlay::of(&session.outbox));
            let mutation = Mutation::SetNotificationSettings {
                time_zone: current.time_zone,
                quiet_hours: current.quiet_hours,
                muted_kinds: current.muted_kinds,
                digest: Some(digest.into()),
            };
            sync::write(session, mutation).and(render())
        }
        NotificationsEvent::SetGroupLevel { group_id, level } => match group_id.parse::<Uuid>() {
            Ok(group_id) => sync::write(session, Mutation::SetGroupNotificationLevel { group_id, level: level.into() })
                .and(render()),
            Err(_) => render(),
        },
    }
}

/// "HH:MM" with a real hour and minute.
fn is_clock(text: &str) -> bool {
    match text.trim().split_once(':') {
        Some((h, m)) if h.len() == 2 && m.len() == 2 => {
            matches!((h.parse::<u8>(), m.parse::<u8>()), (Ok(h), Ok(m)) if h < 24 && m < 60)
        }
        _ => false,
    }
}

fn kind_label(kind: NotificationKind, language: Language) -> &'static str {
    let (fr, en) = match kind {
        NotificationKind::QuestionAsked => ("Questions posées dans mes groupes", "Questions asked in my groups"),
        NotificationKind::QuestionAnswered => ("Réponses à mes questions", "Answers to my questions"),
        NotificationKind::AnswerAccepted => ("Ma réponse retenue", "My answer accepted"),
        NotificationKind::EventCreated => ("Nouveaux événements", "New events"),
        NotificationKind::EventChanged => ("Événements modifiés", "Events changed"),
        NotificationKind::EventCancelled => ("Événements annulés", "Events cancelled"),
        NotificationKind::EventReminder => ("Rappels avant un événement", "Reminders before an event"),
        NotificationKind::Announcement => ("Messages des organisateurs", "Messages from organisers"),
        NotificationKind::Mention => ("Quand on me cite", "When someone mentions me"),
        NotificationKind::JoinRequested => ("Demandes pour rejoindre mes groupes", "Requests to join my groups"),
        NotificationKind::GroupActivity => {
            ("Nouvelles publications des groupes suivis", "New posts in groups I follow")
        }
        NotificationKind::Moderation => ("Décisions de modération qui me concernent", "Moderation decisions about me"),
        NotificationKind::Message => ("Messages qu'on m'écrit", "Messages written to me"),
        NotificationKind::PollCreated => ("Sondages dans mes groupes", "Polls in my groups"),
        NotificationKind::MustRead => ("Messages importants à lire", "Important messages to read"),
        NotificationKind::DataExportReady => ("Copie de mes données prête", "Copy of my data ready"),
    };
    match language {
        Language::French => fr,
        Language::English => en,
    }
}

fn level_label(level: Level, language: Language) -> &'static str {
    match (level, language) {
        (Level::Everything, Language::French) => "Tout",
        (Level::Everything, Language::English) => "Everything",
        (Level::Important, Language::French) => "Questions, événements et messages",
        (Level::Important, Language::English) => "Questions, events and messages",
        (Level::Nothing, Language::French) => "Rien",
        (Level::Nothing, Language::English) => "Nothing",
    }
}

/// What a system notification says for a push, in the phone's language: written by the
/// iOS notification extension and the Android push service from the decrypted payload (the
/// server's own line is French only, and Apple and Google saw none of it).
/// A push notice's sentence naming its group when the phone holds its name
/// ("Nouvelle question dans « Trésorerie »"); the generic sentence otherwise.
pub fn notice_in(kind: NotificationKind, group: Option<&str>, language: Language) -> String {
    let Some(group) = group else { return notice(kind, language).to_owned() };
    let french = language == Language::French;
    let named = |fr: &str, en: &str| if french { format!("{fr} « {group} »") } else { format!("{en} “{group}”") };
    match kind {
        NotificationKind::QuestionAsked => named("Nouvelle question dans", "New question in"),
        NotificationKind::EventCreated => named("Nouvel événement dans", "New event in"),
        NotificationKind::PollCreated => named("Nouveau sondage dans", "New poll in"),
        NotificationKind::GroupActivity => named("Nouvelles publications dans", "New posts in"),
        NotificationKind::Announcement => named("Message d'un organisateur de", "Message from an organiser of"),
        NotificationKind::JoinRequested => named("Nouvelle demande pour rejoindre", "New request to join"),
        NotificationKind::MustRead => named("Un message important à lire dans", "An important message to read in"),
        _ => notice(kind, language).to_owned(),
    }
}

pub fn notice(kind: NotificationKind, language: Language) -> &'static str {
    let (fr, en) = match kind {
        NotificationKind::QuestionAsked => {
            ("Nouvelle question dans un de vos groupes", "New question in one of your groups")
        }
        NotificationKind::QuestionAnswered => {
            ("Nouvelle réponse à une question que vous suivez", "New answer to a question you follow")
        }
        NotificationKind::AnswerAccepted => ("Votre réponse a été retenue", "Your answer was accepted"),
        NotificationKind::EventCreated => {
            ("Nouvel événement dans un de vos groupes", "New event in one of your groups")
        }
        NotificationKind::EventChanged => ("Un événement a changé", "An event changed"),
        NotificationKind::EventCancelled => ("Un événement est annulé", "An event is cancelled"),
        NotificationKind::EventReminder => ("Un événement commence bientôt", "An event starts soon"),
        NotificationKind::Announcement => ("Message d'un organisateur", "Message from an organiser"),
        NotificationKind::Mention => ("Quelqu'un vous a cité", "Someone mentioned you"),
        NotificationKind::JoinRequested => ("Nouvelle demande pour rejoindre un groupe", "New request to join a group"),
        NotificationKind::GroupActivity => {
            ("Nouvelles publications dans un groupe que vous suivez", "New posts in a group you follow")
        }
        NotificationKind::Moderation => {
            ("Une décision de modération vous concerne", "A moderation decision concerns you")
        }
        NotificationKind::Message => ("Nouveau message", "New message"),
        NotificationKind::PollCreated => ("Nouveau sondage dans un de vos groupes", "New poll in one of your groups"),
        NotificationKind::MustRead => ("Un message important à lire", "An important message to read"),
        NotificationKind::DataExportReady => {
            ("Vos données sont prêtes à télécharger", "Your data is ready to download")
        }
    };
    match language {
        Language::French => fr,
        Language::English => en,
    }
}

/// My settings as they stand: what waits in the outbox on top of the server's (group levels
/// apart).
fn current_settings(session: &Session, overlay: &Overlay) -> NotificationSettings {
    let held = session.store.notification_settings();
    let held_digest = held.map(|s| s.digest).unwrap_or_default();
    match (overlay.notification_settings, held) {
        (Some(Mutation::SetNotificationSettings { time_zone, quiet_hours, muted_kinds, digest }), _) => {
            NotificationSettings {
                time_zone: time_zone.clone(),
                quiet_hours: quiet_hours.clone(),
                muted_kinds: muted_kinds.clone(),
                group_levels: Vec::new(),
                digest: digest.unwrap_or(held_digest),
            }
        }
        (_, Some(held)) => NotificationSettings { group_levels: Vec::new(), ..held.clone() },
        (_, None) => NotificationSettings {
            time_zone: DEFAULT_TIME_ZONE.to_owned(),
            quiet_hours: None,
            muted_kinds: Vec::new(),
            group_levels: Vec::new(),
            digest: held_digest,
        },
    }
}

fn digest_label(digest: Digest, language: Language) -> &'static str {
    match (digest, language) {
        (Digest::Weekly, Language::French) => "Chaque semaine",
        (Digest::Weekly, Language::English) => "Weekly",
        (Digest::Daily, Language::French) => "Chaque jour",
        (Digest::Daily, Language::English) => "Daily",
        (Digest::Off, Language::French) => "Jamais",
        (Digest::Off, Language::English) => "Never",
    }
}

/// My settings as I see them: what waits in the outbox on top of the server's.
pub fn settings_view(session: &Session, overlay: &Overlay, language: Language) -> NotificationSettingsView {
    let held = session.store.notification_settings();
    let current = current_settings(session, overlay);
    let (time_zone, quiet, muted) = (current.time_zone, current.quiet_hours, current.muted_kinds);
    let level_of = |group_id: Uuid| -> Level {
        if let Some(level) = overlay.group_levels.get(&group_id) {
            return (*level).into();
        }
        if let Some(row) = held.and_then(|s| s.group_levels.iter().find(|l| l.group_id == group_id)) {
            return row.level.into();
        }
        // Members hear what matters; following a group is asking for its news.
        if session.store.my_role(group_id).is_some() { Level::Important } else { Level::Everything }
    };
    let mut groups: Vec<GroupLevelRow> = session
        .store
        .my_group_ids()
        .filter_map(|id| session.store.group(id))
        .map(|group| GroupLevelRow {
            group_id: group.id.to_string(),
            name: group.name.clone(),
            level: level_of(group.id),
        })
        .collect();
    groups.sort_by_key(|g| g.name.to_lowercase());
    NotificationSettingsView {
        time_zone,
        quiet_start: quiet.as_ref().map(|q| q.start.clone()),
        quiet_end: quiet.as_ref().map(|q| q.end.clone()),
        hint: Text::NotificationSettingsHint.in_language(language).to_owned(),
        // A must-read message cannot be muted: it is not offered.
        kinds: NotificationKind::ALL
            .iter()
            .filter(|kind| **kind != NotificationKind::MustRead)
            .map(|kind| KindToggle {
                kind: kind.as_str().to_owned(),
                label: kind_label(*kind, language).to_owned(),
                on: !muted.contains(kind),
            })
            .collect(),
        groups,
        levels: [Level::Everything, Level::Important, Level::Nothing]
            .into_iter()
            .map(|level| LevelOption { level, label: level_label(level, language).to_owned() })
            .collect(),
        digest_hint: Text::DigestHint.in_language(language).to_owned(),
        digest: current.digest.into(),
        digests: [Digest::Weekly, Digest::Daily, Digest::Off]
            .into_iter()
            .map(|digest| DigestOption { digest, label: digest_label(digest, language).to_owned() })
            .collect(),
        pending: overlay.notification_settings.is_some() || !overlay.group_levels.is_empty(),
        error: session.settings_error.map(|t| t.in_language(language).to_owned()),
    }
}

/// What opening a notification opens.
fn route_of(session: &Session, notification: &Notification) -> Route {
    let subject = notification.subject_id.to_string();
    let group = notification.group_id.map(|g| g.to_string());
    match notification.kind {
        NotificationKind::QuestionAsked | NotificationKind::QuestionAnswered | NotificationKind::AnswerAccepted => {
            Route::Question { id: subject }
        }
        NotificationKind::EventCreated
        | NotificationKind::EventChanged
        | NotificationKind::EventCancelled
        | NotificationKind::EventReminder => Route::Event { id: subject },
        // A message to a group is about the group (its subject); to attendees, about the event.
        NotificationKind::Announcement if notification.group_id != Some(notification.subject_id) => {
            Route::Event { id: subject }
        }
        NotificationKind::Announcement | NotificationKind::JoinRequested => Route::Group { id: subject },
        NotificationKind::Mention if session.store.question(notification.subject_id).is_some() => {
            Route::Question { id: subject }
        }
        NotificationKind::Mention => Route::Post { id: subject },
        NotificationKind::GroupActivity => match group {
            Some(id) => Route::Group { id },
            None => Route::Post { id: subject },
        },
        // The decision is the whole message: it stays in the list.
        NotificationKind::Moderation => Route::Notifications,
        NotificationKind::Message => Route::Conversation { id: subject },
        NotificationKind::PollCreated => match group {
            Some(id) => Route::Group { id },
            None => Route::Notifications,
        },
        NotificationKind::MustRead => Route::MustRead { id: subject },
        // "My data" is on one's profile.
        NotificationKind::DataExportReady => Route::MyProfile,
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
        (NotificationKind::EventCreated, Language::French) => format!("{who} organise « {what} »"),
        (NotificationKind::EventCreated, Language::English) => format!("{who} organises “{what}”"),
        (NotificationKind::EventChanged, Language::French) => {
            format!("« {what} » a changé : voyez la date, le lieu ou votre place")
        }
        (NotificationKind::EventChanged, Language::English) => {
            format!("“{what}” changed: check its time, place or your seat")
        }
        (NotificationKind::EventCancelled, Language::French) => format!("« {what} » est annulé"),
        (NotificationKind::EventCancelled, Language::English) => format!("“{what}” is cancelled"),
        (NotificationKind::EventReminder, Language::French) => format!("Rappel : « {what} » commence bientôt"),
        (NotificationKind::EventReminder, Language::English) => format!("Reminder: “{what}” starts soon"),
        (NotificationKind::Announcement, Language::French) => format!("Message de {who} : {what}"),
        (NotificationKind::Announcement, Language::English) => format!("Message from {who}: {what}"),
        (NotificationKind::Mention, Language::French) => format!("{who} vous a cité : « {what} »"),
        (NotificationKind::Mention, Language::English) => format!("{who} mentioned you: “{what}”"),
        (NotificationKind::JoinRequested, Language::French) => format!("{who} demande à rejoindre « {what} »"),
        (NotificationKind::JoinRequested, Language::English) => format!("{who} asks to join “{what}”"),
        (NotificationKind::GroupActivity, Language::French) if notification.count > 1 => {
            format!("{} nouvelles publications dans « {what} »", notification.count)
        }
        (NotificationKind::GroupActivity, Language::French) => format!("{who} a publié dans « {what} »"),
        (NotificationKind::GroupActivity, Language::English) if notification.count > 1 => {
            format!("{} new posts in “{what}”", notification.count)
        }
        (NotificationKind::GroupActivity, Language::English) => format!("{who} posted in “{what}”"),
        (NotificationKind::Moderation, language) => moderation_sentence(what, language),
        (NotificationKind::Message, Language::French) if notification.count > 1 => {
            format!("{} nouveaux messages, dont {who} : {what}", notification.count)
        }
        (NotificationKind::Message, Language::French) => format!("{who} vous écrit : {what}"),
        (NotificationKind::Message, Language::English) if notification.count > 1 => {
            format!("{} new messages, the last from {who}: {what}", notification.count)
        }
        (NotificationKind::Message, Language::English) => format!("{who} writes to you: {what}"),
        (NotificationKind::PollCreated, Language::French) => format!("{who} vous demande votre avis : « {what} »"),
        (NotificationKind::PollCreated, Language::English) => format!("{who} asks for your vote: “{what}”"),
        (NotificationKind::MustRead, Language::French) => format!("Message important de {who} : « {what} »"),
        (NotificationKind::MustRead, Language::English) => format!("Important message from {who}: “{what}”"),
        (NotificationKind::DataExportReady, Language::French) => {
            "La copie de vos données est prête : téléchargez-la depuis votre profil, « Mes données ».".to_owned()
        }
        (NotificationKind::DataExportReady, Language::English) => {
            "The copy of your data is ready: download it from your profile, \"My data\".".to_owned()
        }
    }
}

/// "hide: Publicité" (the decision's stable name, then the moderator's reason) as a sentence.
fn moderation_sentence(text: &str, language: Language) -> String {
    let (decision, reason) = text.split_once(": ").unwrap_or(("", text));
    let (fr, en) = match decision {
        "dismiss" => ("Signalement examiné, rien n'a été retiré", "Report reviewed, nothing was removed"),
        "hide" => ("Un contenu a été masqué par la modération", "A post was hidden by the moderators"),
        "delete" => ("Un contenu a été supprimé par la modération", "A post was deleted by the moderators"),
        "warn" => ("Avertissement de la modération", "Warning from the moderators"),
        "suspend" => ("Compte suspendu par la modération", "Account suspended by the moderators"),
        _ => ("Décision de la modération", "Moderators' decision"),
    };
    match language {
        Language::French => format!("{fr} : {reason}"),
        Language::English => format!("{en}: {reason}"),
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
            created_at: crate::time::rfc3339(n.created_at),
            when_text: crate::i18n::ago(n.created_at, session.clock.now(), session.time_zone(), language),
            unread: !is_read(n, overlay),
        })
        .collect();
    let unread = unread_count(session, overlay);
    NotificationsView {
        empty_text: items.is_empty().then(|| Text::NotificationsEmpty.in_language(language).to_owned()),
        items,
        unread_count: unread,
        mark_all_label: (unread > 0).then(|| Text::MarkAllRead.in_language(language).to_owned()),
        push_unavailable: (session.push == PushState::Unavailable)
            .then(|| Text::PushUnavailable.in_language(language).to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use fabrique_wire::notifications::{Notification, NotificationKind, PushKey, PushSubscription};
    use fabrique_wire::sync::{Entity, scope};
    use uuid::Uuid;

    use super::{NotificationsEvent, PushOperation, PushRegistration};
    use crate::model::{Event, Route};
    use crate::testing::*;
    use crate::view::Screen;

    #[test]
    fn the_device_registers_for_pushes_once_with_the_servers_key() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = Shell::default();
        shell.start();
        shell.send(Event::Accounts(crate::accounts::types::AccountsEvent::SignIn {
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
        assert_eq!(subscribed(&mut shell, "https://push.example/abc")["endpoint"], "https://push.example/abc");
        shell.send(Event::Foreground);
        assert!(!shell.waiting_paths().iter().any(|p| p.starts_with("/v1/push")), "registered once per session");
        shell.send(Event::Navigate(Route::Notifications));
        let Screen::Notifications(list) = shell.screen() else { panic!("the list") };
        assert!(list.push_unavailable.is_none(), "a phone that receives pushes is not told otherwise");

        // The push service renews the device's address (a new FCM token): registered again at
        // once, with the new address.
        shell.send(Event::Notifications(NotificationsEvent::PushRenewed));
        shell.answer_json("/v1/push/key", 200, &PushKey { public_key: "BServerKey".into() });
        assert_eq!(subscribed(&mut shell, "https://push.example/new")["endpoint"], "https://push.example/new");
    }

    /// The phone's push service gives `endpoint`; the server records it: what the core sent.
    fn subscribed(shell: &mut Shell, endpoint: &str) -> serde_json::Value {
        shell.answer_push(PushRegistration::Subscribed {
            endpoint: endpoint.into(),
            p256dh: "BKey".into(),
            auth: "secret".into(),
            label: "Téléphone".into(),
        });
        let sent = shell.answer_json(
            "/v1/push/subscriptions",
            201,
            &PushSubscription { id: Uuid::now_v7(), label: "Téléphone".into(), created_at: Utc::now() },
        );
        serde_json::from_slice(&sent.body).unwrap()
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
            count: 1,
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
        assert!(
            list.push_unavailable.as_deref().is_some_and(|t| t.contains("ne reçoit pas")),
            "this phone has no push: said"
        );
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

    #[test]
    fn settings_show_every_kind_and_my_groups_and_a_change_shows_at_once() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Navigate(Route::NotificationSettings));
        let Screen::NotificationSettings(view) = shell.screen() else { panic!("the settings") };
        // Every kind but must-read messages, which cannot be muted.
        assert_eq!(view.kinds.len(), fabrique_wire::notifications::NotificationKind::ALL.len() - 1);
        assert!(view.kinds.iter().all(|k| k.kind != "must_read"));
        assert!(view.kinds.iter().all(|k| k.on), "everything on by default");
        assert_eq!(view.groups.len(), 1);
        assert_eq!(view.groups[0].level, super::Level::Important, "a member hears what matters by default");
        assert_eq!(view.time_zone, "Europe/Paris");

        shell.send(Event::Notifications(NotificationsEvent::SaveSettings {
            time_zone: "Europe/Paris".into(),
            quiet_start: Some("22:00".into()),
            quiet_end: Some("07:00".into()),
            muted_kinds: vec!["mention".into()],
        }));
        shell.send(Event::Notifications(NotificationsEvent::SetGroupLevel {
            group_id: group.to_string(),
            level: super::Level::Nothing,
        }));
        let Screen::NotificationSettings(view) = shell.screen() else { panic!("the settings") };
        assert!(view.pending);
        assert_eq!(view.quiet_start.as_deref(), Some("22:00"));
        assert!(!view.kinds.iter().find(|k| k.kind == "mention").unwrap().on);
        assert_eq!(view.groups[0].level, super::Level::Nothing);
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let body = String::from_utf8_lossy(&push.operation.body).into_owned();
        assert!(body.contains("set_notification_settings") && body.contains("set_group_notification_level"), "{body}");
    }

    #[test]
    fn quiet_hours_that_make_no_sense_are_refused_with_a_clear_sentence_and_nothing_is_sent() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Navigate(Route::NotificationSettings));
        shell.send(Event::Notifications(NotificationsEvent::SaveSettings {
            time_zone: "Europe/Paris".into(),
            quiet_start: Some("25:00".into()),
            quiet_end: None,
            muted_kinds: vec![],
        }));
        let Screen::NotificationSettings(view) = shell.screen() else { panic!("the settings") };
        assert!(view.error.is_some_and(|e| e.contains("22:00")));
        assert!(!view.pending);
        shell.fire_timers();
        assert!(!shell.waiting_paths().iter().any(|p| p == "/v1/sync/push"));
    }

    #[test]
    fn the_email_summary_is_weekly_by_default_and_a_choice_keeps_the_other_settings() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Navigate(Route::NotificationSettings));
        let Screen::NotificationSettings(view) = shell.screen() else { panic!("the settings") };
        assert_eq!(view.digest, super::Digest::Weekly);
        assert_eq!(
            view.digests.iter().map(|d| d.label.as_str()).collect::<Vec<_>>(),
            ["Chaque semaine", "Chaque jour", "Jamais"]
        );
        assert!(view.digest_hint.contains("e-mail"));

        shell.send(Event::Notifications(NotificationsEvent::SaveSettings {
            time_zone: "Europe/Paris".into(),
            quiet_start: Some("22:00".into()),
            quiet_end: Some("07:00".into()),
            muted_kinds: vec!["mention".into()],
        }));
        shell.send(Event::Notifications(NotificationsEvent::SetDigest { digest: super::Digest::Off }));
        let Screen::NotificationSettings(view) = shell.screen() else { panic!("the settings") };
        assert_eq!(view.digest, super::Digest::Off, "shown at once");
        assert_eq!(view.quiet_start.as_deref(), Some("22:00"), "the other settings stay");
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let body: serde_json::Value = serde_json::from_slice(&push.operation.body).unwrap();
        let last = body["mutations"].as_array().unwrap().last().unwrap()["mutation"].clone();
        assert_eq!(last["type"], "set_notification_settings");
        assert_eq!(last["digest"], "off");
        assert_eq!(last["quiet_hours"]["start"], "22:00");
        assert_eq!(last["muted_kinds"], serde_json::json!(["mention"]));
    }

    #[test]
    fn tapping_a_push_for_something_not_synced_yet_opens_it_marks_it_read_and_syncs() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        let (id, question) = (Uuid::now_v7(), Uuid::now_v7());
        let payload = serde_json::json!({ "notification_id": id, "kind": "question_asked", "subject_id": question,
            "group_id": group, "text": "Nouvelle question dans un de vos groupes" });
        shell.send(Event::Notifications(NotificationsEvent::Tapped { payload: payload.to_string() }));
        assert!(matches!(shell.screen(), Screen::Question(_)), "its question opens: {:?}", shell.screen());
        assert!(shell.waiting_paths().iter().any(|p| p == "/v1/sync/pull"), "a sync brings it");
        shell.answer_json("/v1/sync/pull", 200, &pull_page(vec![], 0));
        shell.fire_timers();
        let push = shell.take_request("/v1/sync/push");
        let body = String::from_utf8_lossy(&push.operation.body).into_owned();
        assert!(body.contains("mark_notifications_read") && body.contains(&id.to_string()), "{body}");

        // A payload the core cannot read leads to the list, not to a dead end.
        shell.send(Event::Notifications(NotificationsEvent::Tapped { payload: "garbage".into() }));
        assert!(matches!(shell.screen(), Screen::Notifications(_)));
    }

    #[test]
    fn a_push_notice_speaks_the_phones_language_and_is_keyed_by_the_notification() {
        let (id, group) = (Uuid::now_v7(), Uuid::now_v7());
        let payload = serde_json::json!({ "notification_id": id, "kind": "event_reminder", "subject_id": Uuid::now_v7(),
            "group_id": group, "text": "Un événement commence bientôt" });
        let notice = crate::ffi::push_notice(payload.to_string().into_bytes(), "en".into(), vec![]).unwrap();
        assert_eq!(notice.id, id.to_string());
        assert_eq!(notice.body, "An event starts soon");
        assert_eq!((notice.thread, notice.kind.as_str()), (group.to_string(), "event_reminder"));
        assert_eq!(
            crate::ffi::push_notice(payload.to_string().into_bytes(), "fr".into(), vec![]).unwrap().body,
            "Un événement commence bientôt"
        );
        assert!(crate::ffi::push_notice(b"{}".to_vec(), "fr".into(), vec![]).is_err());
    }

    #[test]
    fn a_push_notice_names_the_group_from_what_the_phone_holds_and_forgets_it_at_sign_out() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        let names = shell.kv.get("shared:notice-names").cloned().expect("written for the push handler");
        let payload = serde_json::json!({ "notification_id": Uuid::now_v7(), "kind": "question_asked",
            "subject_id": Uuid::now_v7(), "group_id": group, "text": "" })
        .to_string()
        .into_bytes();
        let notice = crate::ffi::push_notice(payload.clone(), "fr".into(), names.clone()).unwrap();
        assert_eq!(notice.body, "Nouvelle question dans « Trésorerie »");
        let english = crate::ffi::push_notice(payload.clone(), "en".into(), names).unwrap();
        assert_eq!(english.body, "New question in “Trésorerie”");
        // A group the phone does not hold, or no names at all: the generic sentence.
        let other = serde_json::json!({ "notification_id": Uuid::now_v7(), "kind": "question_asked",
            "subject_id": Uuid::now_v7(), "group_id": Uuid::now_v7(), "text": "" });
        let generic =
            crate::ffi::push_notice(other.to_string().into_bytes(), "fr".into(), b"garbage".to_vec()).unwrap();
        assert_eq!(generic.body, "Nouvelle question dans un de vos groupes");

        shell.send(Event::Accounts(crate::accounts::types::AccountsEvent::SignOut));
        assert!(!shell.kv.contains_key("shared:notice-names"), "not for the phone's next user");
    }
}
