//! A copy of one's data (issue 24, GDPR art. 15 and 20), told against a real server and a
//! real SMTP server on a local port: asked from the app, prepared in the background with its
//! progress, announced (notification and mail with the link), downloaded as a ZIP file whose
//! `data.json` validates against the schema the server publishes, holding each kind of thing
//! the person wrote and nothing of a private group they are not in; gone after 7 days. On
//! SQLite by default, on PostgreSQL when `FABRIQUE_TEST_DATABASE_URL` is set.

use std::io::Read;
use std::time::Duration;

use chrono::Utc;
use fabrique_server::exports;
use fabrique_tests::mail_server::MailServer;
use fabrique_tests::server::{Member, Server};
use fabrique_wire::exports::{DataExport, ExportState};
use fabrique_wire::groups::Visibility;
use fabrique_wire::notifications::NotificationKind;
use fabrique_wire::people::ProfileUpdate;
use fabrique_wire::posts::{NewPost, PostKind};
use fabrique_wire::sync::{Entity, Mutation, MutationOutcome};
use reqwest::StatusCode;
use serde_json::Value;
use uuid::Uuid;

const WITHIN: Duration = Duration::from_secs(20);
const ADDRESS: &str = "zephyrine.quobalt@association.test";
const FILE: &[u8] =
    b"%PDF-1.4\n% compte-rendu-de-zephyrine\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn post(group_id: Uuid, body: &str, attachments: Vec<Uuid>) -> (Uuid, Mutation) {
    let id = Uuid::now_v7();
    let post = NewPost {
        id,
        group_id,
        kind: PostKind::News,
        title: String::new(),
        body: body.into(),
        mentions: vec![],
        attachments,
    };
    (id, Mutation::CreatePost(post))
}

async fn ask(server: &Server, member: &Member) -> reqwest::Response {
    server.client().post(format!("{}/v1/exports", server.url())).bearer_auth(&member.token).send().await.unwrap()
}

/// Asks for a copy and waits (polling, within a deadline) until it is ready.
async fn ask_and_wait(server: &Server, member: &Member) -> DataExport {
    let asked = ask(server, member).await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let id = asked.json::<DataExport>().await.unwrap().id;
    let deadline = tokio::time::Instant::now() + WITHIN;
    let mut progress_seen = Vec::new();
    loop {
        let list: Vec<DataExport> = server.get("/v1/exports", &member.token).await.json().await.unwrap();
        let copy = list.into_iter().find(|c| c.id == id).expect("the copy is listed");
        progress_seen.push(copy.progress);
        match copy.state {
            ExportState::Ready => {
                assert!(progress_seen.windows(2).all(|w| w[0] <= w[1]), "progress only grows: {progress_seen:?}");
                return copy;
            }
            ExportState::Failed => panic!("the copy could not be prepared"),
            _ => {}
        }
        assert!(tokio::time::Instant::now() < deadline, "the copy is ready within {WITHIN:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().expect("a readable name").into_owned(), content)
        })
        .collect()
}

#[tokio::test]
async fn a_member_downloads_a_copy_of_everything_they_wrote_and_nothing_of_a_private_group_they_are_not_in() {
    let smtp = MailServer::start();
    let mut server = Server::start_with_mail(&smtp).await;
    let garden = server.create_group("Jardin partagé", Visibility::Public).await;
    let board = server.create_group("Conseil", Visibility::Private).await;
    let (_, secret) = post(board, "Budget confidentiel du conseil", vec![]);
    server.admin_does(secret).await;
    let (admin_post, mutation) = post(garden, "Qui vient samedi ?", vec![]);
    server.admin_does(mutation).await;
    let admins_question = {
        let id = Uuid::now_v7();
        server
            .admin_does(Mutation::AskQuestion(fabrique_wire::questions::NewQuestion {
                id,
                group_ids: vec![garden],
                title: "Qui a la clé ?".into(),
                details: String::new(),
                tags: vec![],
                attachments: vec![],
            }))
            .await;
        id
    };

    let mut zephyrine = server.member("Zephyrine Quobalt").await;
    let mut bruno = server.member("Bruno Carre").await;
    let applied = |outcome: MutationOutcome| assert_eq!(outcome, MutationOutcome::Applied);
    for member in [&mut zephyrine, &mut bruno] {
        applied(server.act(member, Mutation::JoinGroup { group_id: garden }).await);
    }
    let update = ProfileUpdate {
        display_name: None,
        function: Some("Trésorière".into()),
        bio: Some("J'aime la gravure.".into()),
        skills: Some(vec!["xylographie".into()]),
        interests: Some(vec!["jardinage".into()]),
        directory_visibility: None,
        language: None,
    };
    applied(server.act(&mut zephyrine, Mutation::UpdateProfile { update }).await);
    let file = server.upload(&zephyrine, "compte-rendu.pdf", FILE).await;
    let (_, mutation) = post(garden, "Le compte rendu de l'assemblée", vec![file]);
    applied(server.act(&mut zephyrine, mutation).await);
    let comment = Mutation::CreateComment {
        id: Uuid::now_v7(),
        post_id: admin_post,
        body: "Je viens !".into(),
        mentions: vec![],
    };
    applied(server.act(&mut zephyrine, comment).await);
    applied(server.act(&mut zephyrine, Mutation::React { target_id: admin_post, emoji: "👍".into() }).await);
    let question = server.ask(&mut zephyrine, garden, "Où ranger les bêches ?").await;
    let answer = Uuid::now_v7();
    let answering =
        Mutation::AnswerQuestion { id: answer, question_id: question, body: "Dans l'abri.".into(), mentions: vec![] };
    applied(server.act(&mut bruno, answering).await);
    let thanks = Mutation::CommentAnswer { id: Uuid::now_v7(), answer_id: answer, body: "Merci beaucoup".into() };
    applied(server.act(&mut zephyrine, thanks).await);
    let mine = Mutation::AnswerQuestion {
        id: Uuid::now_v7(),
        question_id: admins_question,
        body: "Moi, je l'ai.".into(),
        mentions: vec![],
    };
    applied(server.act(&mut zephyrine, mine).await);
    let conversation = fabrique_wire::conversations::direct_conversation_id(zephyrine.id, bruno.id);
    let start = Mutation::StartConversation { id: conversation, person_ids: vec![bruno.id], title: String::new() };
    applied(server.act(&mut zephyrine, start).await);
    let message = Mutation::SendMessage {
        id: Uuid::now_v7(),
        conversation_id: conversation,
        body: "On se voit samedi".into(),
        attachments: vec![],
    };
    applied(server.act(&mut zephyrine, message).await);
    let reply = Mutation::SendMessage {
        id: Uuid::now_v7(),
        conversation_id: conversation,
        body: "Réponse de Bruno".into(),
        attachments: vec![],
    };
    applied(server.act(&mut bruno, reply).await);

    // Asked from the app; prepared in the background; listed with its link once ready.
    let copy = ask_and_wait(&server, &zephyrine).await;
    let link = copy.download_url.clone().expect("a ready copy has its link");
    assert!(copy.size.unwrap() > 0 && copy.expires_at.unwrap() > Utc::now() + chrono::Duration::days(6));

    // Announced: a notification on her phones, and a mail with the link.
    let pulled = server.pull_all(&zephyrine).await;
    assert!(
        pulled
            .iter()
            .any(|c| matches!(&c.entity, Some(Entity::Notification(n)) if n.kind == NotificationKind::DataExportReady))
    );
    let mail = smtp.first_to(ADDRESS, "est prête", WITHIN).await;
    assert!(mail.text.contains(&link), "{}", mail.text);

    // Hers alone: Bruno cannot download it; the link needs no session (a browser opens it).
    let path = format!("/v1/exports/{}", copy.id);
    assert_eq!(server.get(&path, &bruno.token).await.status(), StatusCode::NOT_FOUND);
    let by_app = server.get(&path, &zephyrine.token).await;
    assert_eq!(by_app.status(), StatusCode::OK);
    assert_eq!(by_app.headers()["content-type"], "application/zip");
    let bytes = by_app.bytes().await.unwrap();
    let by_link = server.client().get(&link).send().await.unwrap();
    assert_eq!(by_link.status(), StatusCode::OK);
    assert_eq!(by_link.bytes().await.unwrap(), bytes);

    let entries = unzip(&bytes);
    let names: Vec<&str> = entries.iter().map(|(name, _)| name.as_str()).collect();
    assert!(names.contains(&"data.json") && names.contains(&"LISEZ-MOI.txt"), "{names:?}");
    let everything = entries.iter().flat_map(|(_, content)| content.clone()).collect::<Vec<u8>>();
    let everything = String::from_utf8_lossy(&everything);
    assert!(!everything.contains("Budget confidentiel"), "nothing of a private group she is not in");

    // data.json validates against the schema the server publishes.
    let data: Value = serde_json::from_slice(&entries.iter().find(|(n, _)| n == "data.json").unwrap().1).unwrap();
    let openapi: Value = server.get("/v1/openapi.json", "").await.json().await.unwrap();
    assert!(openapi["components"]["schemas"]["ExportArchive"].is_object(), "the schema is published");
    let schema = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/components/schemas/ExportArchive",
        "components": openapi["components"],
    });
    let validator = jsonschema::validator_for(&schema).expect("the published schema is a JSON Schema");
    let errors: Vec<String> = validator.iter_errors(&data).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut broken = data.clone();
    broken["posts"] = Value::String("not a list".into());
    assert!(!validator.is_valid(&broken), "the schema says something");

    // Each kind of thing she wrote, and what is about her.
    let texts = |key: &str, field: &str| -> Vec<String> {
        data[key].as_array().unwrap().iter().map(|item| item[field].as_str().unwrap_or_default().to_owned()).collect()
    };
    assert_eq!(data["person"]["email"], ADDRESS);
    assert_eq!(data["person"]["skills"], serde_json::json!(["xylographie"]));
    assert_eq!(data["person"]["interests"], serde_json::json!(["jardinage"]));
    assert_eq!(texts("posts", "body"), ["Le compte rendu de l'assemblée"]);
    assert_eq!(texts("comments", "body"), ["Je viens !"]);
    assert_eq!(texts("questions", "title"), ["Où ranger les bêches ?"]);
    assert_eq!(texts("answers", "body"), ["Moi, je l'ai."]);
    assert_eq!(texts("answer_comments", "body"), ["Merci beaucoup"]);
    assert_eq!(texts("messages", "body"), ["On se voit samedi"]);
    assert_eq!(texts("reactions", "emoji"), ["👍"]);
    assert_eq!(texts("memberships", "group"), ["Jardin partagé"]);
    assert!(!data["sessions"].as_array().unwrap().is_empty());
    let files = data["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    let in_archive = files[0]["path"].as_str().unwrap();
    assert_eq!(entries.iter().find(|(n, _)| n == in_archive).map(|(_, c)| c.as_slice()), Some(FILE), "her file, whole");

    // Three a week; the fourth waits.
    ask_and_wait(&server, &zephyrine).await;
    ask_and_wait(&server, &zephyrine).await;
    assert_eq!(ask(&server, &zephyrine).await.status(), StatusCode::TOO_MANY_REQUESTS);

    // After 7 days: the link no longer works, and the archive left the disk.
    let forgotten =
        exports::expire(&server.db, &server.files_dir(), Utc::now() + chrono::Duration::days(8)).await.unwrap();
    assert_eq!(forgotten, 3);
    assert_eq!(server.client().get(&link).send().await.unwrap().status(), StatusCode::NOT_FOUND);
    let left = std::fs::read_dir(exports::archives_dir(&server.files_dir())).unwrap().count();
    assert_eq!(left, 0, "no archive left");
}
