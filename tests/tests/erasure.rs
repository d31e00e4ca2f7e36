//! Erasing an account (issue 24, GDPR art. 17), told against a real server and a real SMTP
//! server on a local port: asked from the app with the password, cancelled by signing in
//! again, final after the grace period; then no row of any table holds the person's name,
//! address, skills or words about themselves, their file leaves the disk, and another
//! member's phone follows at its next pull. On SQLite by default, on PostgreSQL when
//! `FABRIQUE_TEST_DATABASE_URL` is set.

use std::time::Duration;

use chrono::Utc;
use fabrique_server::db::Db;
use fabrique_server::on_db;
use fabrique_server::people::erasure::{self, AskedBy, Writings};
use fabrique_tests::mail_server::MailServer;
use fabrique_tests::server::{Member, PASSWORD, Server};
use fabrique_wire::accounts::AccountErasure;
use fabrique_wire::events::{NewEvent, RsvpChoice};
use fabrique_wire::groups::{GroupRole, Visibility};
use fabrique_wire::must_reads::{MustReadAudience, NewMustRead};
use fabrique_wire::people::ProfileUpdate;
use fabrique_wire::polls::{NewPoll, ResultsShown};
use fabrique_wire::posts::{NewPost, PostKind};
use fabrique_wire::sync::{Entity, EntityKind, Mutation, MutationOutcome};
use reqwest::StatusCode;
use uuid::Uuid;

const WITHIN: Duration = Duration::from_secs(10);
const ADDRESS: &str = "zephyrine.quobalt@association.test";
/// What only this person's data holds: their name, address, skill and biography, the name
/// and contents of their file.
const TRACES: [&str; 5] = ["quobalt", "xylographie", "xylophage", "releve-secret", "contenu-secret-du-fichier"];

async fn sign_in(server: &Server, email: &str, password: &str) -> StatusCode {
    server.sign_in(email, password).await.status()
}

async fn ask_erasure(server: &Server, member: &Member, password: &str) -> reqwest::Response {
    server
        .client()
        .post(format!("{}/v1/auth/erasure", server.url()))
        .bearer_auth(&member.token)
        .json(&serde_json::json!({ "password": password }))
        .send()
        .await
        .unwrap()
}

/// Every column of every table holding one of `traces` (case-insensitive), as `table.column`.
async fn rows_holding(db: &Db, traces: &[&str]) -> Vec<String> {
    let columns: Vec<(String, String)> = match db {
        Db::Sqlite { .. } => {
            let tables: Vec<String> = on_db!(db, c => sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetch_all(c).await)
            .unwrap();
            let mut columns = Vec::new();
            for table in tables {
                let names: Vec<String> = on_db!(db, c => sqlx::query_scalar(sqlx::AssertSqlSafe(
                    format!("SELECT name FROM pragma_table_info('{table}')"))).fetch_all(c).await)
                .unwrap();
                columns.extend(names.into_iter().map(|column| (table.clone(), column)));
            }
            columns
        }
        Db::Postgres(_) => on_db!(db, c => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = current_schema()")
            .fetch_all(c).await)
        .unwrap(),
    };
    assert!(columns.len() > 100, "every table is read ({} columns)", columns.len());
    let mut found = Vec::new();
    for (table, column) in columns {
        for trace in traces {
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE lower(CAST({column} AS TEXT)) LIKE '%{trace}%'");
            let count: i64 = on_db!(db, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(c).await).unwrap();
            if count > 0 {
                found.push(format!("{table}.{column} ({trace})"));
            }
        }
    }
    found
}

/// Every file under `dir` whose bytes hold `marker`.
fn files_holding(dir: &std::path::Path, marker: &[u8]) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_holding(&path, marker));
        } else if std::fs::read(&path).is_ok_and(|bytes| bytes.windows(marker.len()).any(|w| w == marker)) {
            found.push(path);
        }
    }
    found
}

fn post(group_id: Uuid, body: &str) -> (Uuid, Mutation) {
    let id = Uuid::now_v7();
    let post = NewPost {
        id,
        group_id,
        kind: PostKind::News,
        title: String::new(),
        body: body.into(),
        mentions: vec![],
        attachments: vec![],
    };
    (id, Mutation::CreatePost(post))
}

/// The scene: Zéphyrine and Bruno in a public group; she writes a post, a comment, a
/// question, an answer's comment, a reaction, a conversation with Bruno with a file; Bruno's
/// phone holds it all.
struct Scene {
    server: Server,
    smtp: MailServer,
    zephyrine: Member,
    bruno: Member,
    her_post: Uuid,
    her_comment: Uuid,
    her_message: Uuid,
    bruno_cursor: String,
    group: Uuid,
}

async fn scene() -> Scene {
    let smtp = MailServer::start();
    let mut server = Server::start_with_mail(&smtp).await;
    let group = server.create_group("Jardin partagé", Visibility::Public).await;
    let (admin_post, mutation) = post(group, "Qui vient samedi ?");
    server.admin_does(mutation).await;
    let mut zephyrine = server.member("Zephyrine Quobalt").await;
    let mut bruno = server.member("Bruno Carre").await;
    let applied = |outcome: MutationOutcome| assert_eq!(outcome, MutationOutcome::Applied);
    for member in [&mut zephyrine, &mut bruno] {
        applied(server.act(member, Mutation::JoinGroup { group_id: group }).await);
    }
    let update = ProfileUpdate {
        display_name: None,
        function: Some("Trésorière".into()),
        bio: Some("Amatrice de gravure, xylophage des livres anciens.".into()),
        skills: Some(vec!["xylographie".into()]),
        interests: None,
        directory_visibility: None,
        language: None,
    };
    applied(server.act(&mut zephyrine, Mutation::UpdateProfile { update }).await);
    let (her_post, mutation) = post(group, "Je peux prêter des outils.");
    applied(server.act(&mut zephyrine, mutation).await);
    let her_comment = Uuid::now_v7();
    let comment =
        Mutation::CreateComment { id: her_comment, post_id: admin_post, body: "Moi !".into(), mentions: vec![] };
    applied(server.act(&mut zephyrine, comment).await);
    applied(server.act(&mut zephyrine, Mutation::React { target_id: admin_post, emoji: "👍".into() }).await);
    let question = server.ask(&mut zephyrine, group, "Où ranger les bêches ?").await;
    let answer = Uuid::now_v7();
    let answering =
        Mutation::AnswerQuestion { id: answer, question_id: question, body: "Dans l'abri.".into(), mentions: vec![] };
    applied(server.act(&mut bruno, answering).await);
    let thanks = Mutation::CommentAnswer { id: Uuid::now_v7(), answer_id: answer, body: "Merci Bruno".into() };
    applied(server.act(&mut zephyrine, thanks).await);

    // A conversation with Bruno, with a file of hers.
    let conversation = fabrique_wire::conversations::direct_conversation_id(zephyrine.id, bruno.id);
    let start = Mutation::StartConversation { id: conversation, person_ids: vec![bruno.id], title: String::new() };
    applied(server.act(&mut zephyrine, start).await);
    let secret = b"%PDF-1.4\n% contenu-secret-du-fichier\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let file = server.upload(&zephyrine, "releve-secret.pdf", secret).await;
    let her_message = Uuid::now_v7();
    let message = Mutation::SendMessage {
        id: her_message,
        conversation_id: conversation,
        body: "Le code du cadenas est 4321".into(),
        attachments: vec![file],
    };
    applied(server.act(&mut zephyrine, message).await);
    let reply = Mutation::SendMessage {
        id: Uuid::now_v7(),
        conversation_id: conversation,
        body: "Noté, merci".into(),
        attachments: vec![],
    };
    applied(server.act(&mut bruno, reply).await);

    let (held, bruno_cursor) = server.pull_from(&bruno, None).await;
    let text = serde_json::to_string(&held).unwrap();
    assert!(text.contains("Zephyrine Quobalt") && text.contains("releve-secret"), "Bruno's phone holds her");
    let before = rows_holding(&server.db, &TRACES).await;
    assert!(!before.is_empty(), "the scan finds what is there");
    assert!(!files_holding(&server.files_dir(), b"contenu-secret-du-fichier").is_empty());
    Scene { server, smtp, zephyrine, bruno, her_post, her_comment, her_message, bruno_cursor, group }
}

#[tokio::test]
async fn a_member_erases_their_account_from_the_app_and_nothing_of_them_is_left_anywhere() {
    let Scene { server, smtp, zephyrine, bruno, her_post, her_message, bruno_cursor, .. } = scene().await;

    // A wrong password changes nothing.
    assert_eq!(ask_erasure(&server, &zephyrine, "not the password").await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(server.get("/v1/me", &zephyrine.token).await.status(), StatusCode::OK);

    // Asked: closed at once, told by mail with the day it becomes final.
    let asked = ask_erasure(&server, &zephyrine, PASSWORD).await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let due = asked.json::<AccountErasure>().await.unwrap().due_at;
    let days = (due - Utc::now()).num_hours();
    assert!((14 * 24 - 1..=14 * 24).contains(&days), "final in 14 days ({days} h)");
    assert_eq!(server.get("/v1/me", &zephyrine.token).await.status(), StatusCode::UNAUTHORIZED);
    let told = smtp.first_to(ADDRESS, "sera effacé", WITHIN).await;
    assert!(told.text.contains("Reconnectez-vous") && told.text.contains("Ancien membre"), "{}", told.text);

    // Signing in again cancels it; asking again starts it again.
    assert_eq!(sign_in(&server, ADDRESS, PASSWORD).await, StatusCode::OK);
    assert_eq!(
        erasure::erase_due(&server.db, server.pokes(), &server.files_dir(), due + chrono::Duration::days(1))
            .await
            .unwrap(),
        0
    );
    let session: fabrique_wire::accounts::SessionResponse =
        server.sign_in(ADDRESS, PASSWORD).await.json().await.unwrap();
    let zephyrine = Member::with_token(&session.token);
    assert_eq!(ask_erasure(&server, &zephyrine, PASSWORD).await.status(), StatusCode::ACCEPTED);

    // Not before its day; then erased.
    let now = Utc::now();
    assert_eq!(erasure::erase_due(&server.db, server.pokes(), &server.files_dir(), now).await.unwrap(), 0);
    let erased = erasure::erase_due(&server.db, server.pokes(), &server.files_dir(), now + chrono::Duration::days(15))
        .await
        .unwrap();
    assert_eq!(erased, 1);

    let left = rows_holding(&server.db, &TRACES).await;
    assert!(left.is_empty(), "rows still holding the person: {left:?}");
    assert!(files_holding(&server.files_dir(), b"contenu-secret-du-fichier").is_empty(), "her file left the disk");
    assert_eq!(sign_in(&server, ADDRESS, PASSWORD).await, StatusCode::UNAUTHORIZED);

    // Bruno's phone, at its next pull: her member line goes, her post stays signed "Ancien
    // membre" (the federation's default), her message reads "message supprimé", her file goes.
    let (changes, _) = server.pull_from(&bruno, Some(bruno_cursor)).await;
    let text = serde_json::to_string(&changes).unwrap();
    assert!(!text.to_lowercase().contains("quobalt"), "{text}");
    let gone = |kind: EntityKind| changes.iter().any(|c| c.kind == kind && c.entity.is_none());
    assert!(gone(EntityKind::GroupMember) && gone(EntityKind::Attachment) && gone(EntityKind::Reaction), "{text}");
    let post_now = changes.iter().find_map(|c| match &c.entity {
        Some(Entity::Post(p)) if p.id == her_post => Some(p.clone()),
        _ => None,
    });
    assert_eq!(
        post_now.map(|p| (p.author_name, p.body)),
        Some(("Ancien membre".into(), "Je peux prêter des outils.".into()))
    );
    let message_now = changes.iter().find_map(|c| match &c.entity {
        Some(Entity::Message(m)) if m.id == her_message => Some(m.clone()),
        _ => None,
    });
    assert_eq!(message_now.map(|m| (m.author_name, m.body)), Some(("Ancien membre".into(), "message supprimé".into())));
    // From scratch too (a new phone).
    let fresh = serde_json::to_string(&server.pull_all(&bruno).await).unwrap();
    assert!(!fresh.to_lowercase().contains("quobalt") && fresh.contains("message supprimé"), "{fresh}");

    // The audit log says an erasure happened, asked by the person, and nothing of her.
    let audit: Vec<(String, String)> = on_db!(&server.db, c => sqlx::query_as(
        "SELECT action, details FROM audit_log WHERE action LIKE 'person.eras%' ORDER BY created_at").fetch_all(c).await)
    .unwrap();
    let actions: Vec<&str> = audit.iter().map(|(action, _)| action.as_str()).collect();
    assert_eq!(
        actions,
        ["person.erasure_request", "person.erasure_cancel", "person.erasure_request", "person.erase"],
        "{audit:?}"
    );
    assert!(audit[3].1.contains("\"asked_by\":\"self\"") && audit[3].1.contains("\"writings\":\"kept\""), "{audit:?}");
}

#[tokio::test]
async fn asked_by_letter_an_administrator_erases_and_the_writings_go_when_the_federation_chose_so() {
    let Scene { mut server, mut zephyrine, mut bruno, her_post, her_comment, group, .. } = scene().await;
    // She runs the group too: an event Bruno goes to, a poll he votes in, a must-read message.
    server
        .admin_does(Mutation::SetMemberRole { group_id: group, person_id: zephyrine.id, role: GroupRole::Organiser })
        .await;
    let applied = |outcome: MutationOutcome| assert_eq!(outcome, MutationOutcome::Applied);
    let (event, poll, must_read) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let starts_at = Utc::now() + chrono::Duration::days(10);
    let new_event = NewEvent {
        id: event,
        group_id: group,
        title: "Kermesse-quobalt".into(),
        description: String::new(),
        starts_at,
        ends_at: starts_at + chrono::Duration::hours(3),
        time_zone: "Europe/Paris".into(),
        place: "Le jardin".into(),
        online_url: String::new(),
        capacity: None,
        attachments: vec![],
    };
    applied(server.act(&mut zephyrine, Mutation::CreateEvent(new_event)).await);
    applied(server.act(&mut bruno, Mutation::AnswerEvent { event_id: event, choice: RsvpChoice::Going }).await);
    let new_poll = NewPoll {
        id: poll,
        group_id: group,
        question: "Sondage-quobalt ?".into(),
        options: vec!["Oui".into(), "Non".into()],
        multiple: false,
        anonymous: false,
        results_shown: ResultsShown::AfterVoting,
        closes_at: starts_at,
    };
    applied(server.act(&mut zephyrine, Mutation::CreatePoll(new_poll)).await);
    applied(server.act(&mut bruno, Mutation::Vote { poll_id: poll, choices: vec![0] }).await);
    let message = NewMustRead {
        id: must_read,
        audience: MustReadAudience::Group { group_id: group },
        title: "Message-quobalt".into(),
        body: "À lire".into(),
        mail_after_hours: None,
    };
    applied(server.act(&mut zephyrine, Mutation::SendMustRead(message)).await);
    applied(server.act(&mut bruno, Mutation::AcknowledgeMustRead { must_read_id: must_read }).await);
    let (_, bruno_cursor) = server.pull_from(&bruno, None).await;
    let admin = fabrique_server::auth::Actor::acting_as(server.admin.id, server.admin.organisation_id, true);
    let manager = fabrique_server::auth::Actor::acting_as(bruno.id, server.admin.organisation_id, false);
    let mut tx = server.db.begin_write().await.unwrap();
    assert!(erasure::set_writings(&mut tx, &manager, Writings::Removed).await.is_err(), "administrators only");
    erasure::set_writings(&mut tx, &admin, Writings::Removed).await.unwrap();
    let mut changes = fabrique_server::sync::log::ChangeSet::default();
    let settings = fabrique_server::config::Settings { public_url: server.url(), ..Default::default() };
    let now = Utc::now();
    erasure::request(&mut tx, &settings, zephyrine.id, AskedBy::Administrator(server.admin.id), now, &mut changes)
        .await
        .unwrap();
    server.commit(tx, changes).await;

    // Asked for her by an administrator: signing in does not cancel it (the account is closed).
    assert_eq!(sign_in(&server, ADDRESS, PASSWORD).await, StatusCode::UNAUTHORIZED);
    assert_eq!(server.get("/v1/me", &zephyrine.token).await.status(), StatusCode::UNAUTHORIZED);
    let erased = erasure::erase_due(&server.db, server.pokes(), &server.files_dir(), now + chrono::Duration::days(15))
        .await
        .unwrap();
    assert_eq!(erased, 1);
    let left = rows_holding(&server.db, &TRACES).await;
    assert!(left.is_empty(), "rows still holding the person: {left:?}");
    let words: i64 = on_db!(&server.db, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM posts WHERE author_id = $1 AND (body <> '' OR deleted_at IS NULL)").bind(zephyrine.id).fetch_one(c).await)
    .unwrap();
    assert_eq!(words, 0, "her posts are deleted, their words gone");

    // Bruno's phone drops her post and comment at its next pull.
    let (changes, _) = server.pull_from(&bruno, Some(bruno_cursor)).await;
    let removed = |id: Uuid| changes.iter().any(|c| c.id == id && c.entity.is_none());
    assert!(removed(her_post) && removed(her_comment), "{changes:?}");
    assert!(removed(event) && removed(poll) && removed(must_read), "her event, poll and message go: {changes:?}");
    let gone = |kind: EntityKind| changes.iter().any(|c| c.kind == kind && c.entity.is_none());
    assert!(
        gone(EntityKind::MyRsvp) && gone(EntityKind::MyVote) && gone(EntityKind::MustReadRead),
        "and Bruno's answers to them"
    );
    let fresh = serde_json::to_string(&server.pull_all(&bruno).await).unwrap();
    assert!(!fresh.to_lowercase().contains("quobalt"), "{fresh}");
    let audit: String = on_db!(&server.db, c => sqlx::query_scalar(
        "SELECT details FROM audit_log WHERE action = 'person.erase'").fetch_one(c).await)
    .unwrap();
    assert!(audit.contains("\"asked_by\":\"administrator\"") && audit.contains("\"writings\":\"removed\""), "{audit}");
}

#[tokio::test]
async fn the_last_admin_erased_hands_the_group_over_and_their_seat_goes_to_the_waiting_list() {
    let applied = |outcome: MutationOutcome| assert_eq!(outcome, MutationOutcome::Applied);
    let server = Server::start().await;
    let manager = fabrique_wire::accounts::InvitedRole::Manager;
    let mut zoe = server.member_of("Zoé Dupont", server.admin.organisation_id, manager).await;
    let mut bruno = server.member("Bruno Carre").await;
    let mut chloe = server.member("Chloé Vidal").await;
    // Zoé's group: Bruno its organiser, Chloé a member.
    let group = Uuid::now_v7();
    applied(
        server
            .act(
                &mut zoe,
                Mutation::CreateGroup(fabrique_wire::groups::NewGroup {
                    id: group,
                    name: "Atelier vélo".into(),
                    description: String::new(),
                    organisation_id: server.admin.organisation_id,
                    visibility: Visibility::Public,
                    tags: vec![],
                }),
            )
            .await,
    );
    for member in [&mut bruno, &mut chloe] {
        applied(server.act(member, Mutation::JoinGroup { group_id: group }).await);
    }
    let role = Mutation::SetMemberRole { group_id: group, person_id: bruno.id, role: GroupRole::Organiser };
    applied(server.act(&mut zoe, role).await);
    // One seat: Zoé has it, Chloé waits.
    let event = Uuid::now_v7();
    let starts_at = Utc::now() + chrono::Duration::days(7);
    let new = NewEvent {
        id: event,
        group_id: group,
        title: "Réparation de vélos".into(),
        description: String::new(),
        starts_at,
        ends_at: starts_at + chrono::Duration::hours(2),
        time_zone: "Europe/Paris".into(),
        place: "Local".into(),
        online_url: String::new(),
        capacity: Some(1),
        attachments: vec![],
    };
    applied(server.act(&mut zoe, Mutation::CreateEvent(new)).await);
    applied(server.act(&mut zoe, Mutation::AnswerEvent { event_id: event, choice: RsvpChoice::Going }).await);
    applied(server.act(&mut chloe, Mutation::AnswerEvent { event_id: event, choice: RsvpChoice::Going }).await);
    let status = |person: Uuid| {
        let db = server.db.clone();
        async move {
            on_db!(&db, c => sqlx::query_scalar::<_, String>("SELECT status FROM event_rsvps WHERE event_id = $1 AND person_id = $2")
                .bind(event).bind(person).fetch_optional(c).await).unwrap()
        }
    };
    assert_eq!(status(chloe.id).await.as_deref(), Some("waiting"));

    // Zoé's account is erased.
    assert_eq!(ask_erasure(&server, &zoe, PASSWORD).await.status(), StatusCode::ACCEPTED);
    let later = Utc::now() + chrono::Duration::days(15);
    assert_eq!(erasure::erase_due(&server.db, server.pokes(), &server.files_dir(), later).await.unwrap(), 1);

    let roles: Vec<(Uuid, String)> = on_db!(&server.db, c => sqlx::query_as(
        "SELECT person_id, role FROM group_members WHERE group_id = $1 ORDER BY role").bind(group).fetch_all(c).await)
    .unwrap();
    assert_eq!(
        roles,
        vec![(bruno.id, "admin".to_owned()), (chloe.id, "member".to_owned())],
        "the organiser runs it now"
    );
    assert_eq!(status(chloe.id).await.as_deref(), Some("going"), "the freed seat went to the waiting list");
    assert_eq!(status(zoe.id).await, None);
    // Their phones hear it: Bruno's role, Chloé's seat.
    let (changes, _) = server.pull_from(&chloe, None).await;
    assert!(
        changes.iter().any(|c| matches!(&c.entity, Some(Entity::MyRsvp(r)) if r.event_id == event && format!("{:?}", r.status) == "Going")),
        "Chloé's phone is told she has a seat"
    );
    let (changes, _) = server.pull_from(&bruno, None).await;
    assert!(changes.iter().any(
        |c| matches!(&c.entity, Some(Entity::GroupMember(m)) if m.person_id == bruno.id && m.role == GroupRole::Admin)
    ));
}
