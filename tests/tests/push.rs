//! Push notifications end to end: the server's own sender, and a local push service that
//! verifies every VAPID signature and decrypts every message (RFC 8291) as a device would.
//! On SQLite by default, on PostgreSQL when `FABRIQUE_TEST_DATABASE_URL` is set.

use std::collections::HashMap;
use std::time::Duration;

use chrono::Utc;
use fabrique_server::web_push::sender::SenderOptions;
use fabrique_tests::binary::{DataDir, free_port, serve};
use fabrique_tests::push_service::{Answer, Device, PushService};
use fabrique_tests::server::{Member, Pushes, Server};
use fabrique_wire::events::NewEvent;
use fabrique_wire::groups::Visibility;
use fabrique_wire::sync::{Mutation, MutationOutcome};
use serde_json::Value;
use uuid::Uuid;

const WITHIN: Duration = Duration::from_secs(10);

/// A sender allowed to reach the local push service (plain HTTP on 127.0.0.1).
fn local_sender() -> SenderOptions {
    SenderOptions {
        endpoints: fabrique_server::web_push::endpoints::EndpointRule::AllowLoopback,
        ..SenderOptions::default()
    }
}

/// "Subventions nationales", with Awa (who asks) and Bruno (who knows) as members.
async fn scene(pushes: Pushes) -> (Server, PushService, Uuid, Member, Member) {
    let mut server = Server::start_with(pushes).await;
    let service = PushService::start().await;
    let group = server.create_group("Subventions nationales", Visibility::Public).await;
    let mut awa = server.member("Awa").await;
    let mut bruno = server.member("Bruno").await;
    for member in [&mut awa, &mut bruno] {
        assert_eq!(server.act(member, Mutation::JoinGroup { group_id: group }).await, MutationOutcome::Applied);
    }
    (server, service, group, awa, bruno)
}

async fn subscribed(server: &Server, service: &PushService, member: &Member) -> Device {
    let device = service.device();
    let response = server.subscribe(member, &device).await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap_or_default());
    device
}

/// Pushes of `kind` ever queued for `device`, straight from the outbox: what was never
/// queued can never arrive, so absence is checked without waiting.
async fn queued_for(server: &Server, device: &Device, kind: &str) -> i64 {
    let pattern = format!("%\"kind\":\"{kind}\"%");
    fabrique_server::on_db!(&server.db, c => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM push_deliveries WHERE endpoint = $1 AND payload LIKE $2")
        .bind(&device.endpoint).bind(&pattern).fetch_one(c).await)
    .unwrap()
}

async fn my_devices(server: &Server, member: &Member) -> Vec<Value> {
    server
        .client()
        .get(format!("{}/v1/push/subscriptions", server.url()))
        .bearer_auth(&member.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_question_reaches_another_members_device_encrypted_and_never_its_author() {
    let (server, service, group, mut awa, bruno) = scene(Pushes::Sent).await;
    let awas_phone = subscribed(&server, &service, &awa).await;
    let brunos_phone = subscribed(&server, &service, &bruno).await;

    let question = server.ask(&mut awa, group, "Quel dossier pour la subvention FDVA ?").await;

    let received = service.wait_for(&brunos_phone, 1, WITHIN).await;
    assert_eq!(received.len(), 1, "Bruno's phone got the push (refused: {:?})", service.refused());
    let payload = &received[0].payload;
    assert_eq!(payload["kind"], "question_asked");
    assert_eq!(payload["subject_id"], question.to_string());
    assert_eq!(payload["group_id"], group.to_string());
    assert!(!payload.to_string().contains("FDVA"), "the payload carries ids, not the content: {payload}");
    assert_eq!(received[0].ttl, 86_400);
    assert_eq!(received[0].urgency.as_deref(), Some("normal"));
    assert_eq!(queued_for(&server, &awas_phone, "question_asked").await, 0, "never to the author of the question");
    assert!(service.received(&awas_phone).is_empty());
    assert!(service.refused().is_empty(), "every message was valid Web Push: {:?}", service.refused());
}

#[tokio::test]
async fn a_device_its_push_service_no_longer_knows_is_forgotten() {
    let (server, service, group, mut awa, bruno) = scene(Pushes::Sent).await;
    let old_phone = subscribed(&server, &service, &bruno).await;
    service.script(&old_phone, &[Answer::Status(410)]);
    server.ask(&mut awa, group, "Qui a la clé du local ?").await;
    for _ in 0..200 {
        if my_devices(&server, &bruno).await.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(my_devices(&server, &bruno).await.is_empty(), "a 410 removes the subscription");
    let requests = service.requests();
    server.ask(&mut awa, group, "Et celle de la cave ?").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(service.requests(), requests, "nothing more is sent to it");
}

#[tokio::test]
async fn retry_after_and_server_errors_delay_a_delivery_without_losing_it() {
    let (server, service, group, mut awa, bruno) = scene(Pushes::Held).await;
    let phone = subscribed(&server, &service, &bruno).await;
    service.script(&phone, &[Answer::TooMany { retry_after: 120 }, Answer::Status(500)]);
    server.ask(&mut awa, group, "Une salle pour l'assemblée générale ?").await;
    let sender = server.sender().await;
    let now = Utc::now();

    let first = sender.send_due(now).await.unwrap();
    assert_eq!((first.claimed, first.retried), (1, 1), "429: kept for later");
    assert_eq!(sender.send_due(now + chrono::Duration::seconds(60)).await.unwrap().claimed, 0, "Retry-After honoured");
    let second = sender.send_due(now + chrono::Duration::seconds(121)).await.unwrap();
    assert_eq!((second.claimed, second.retried), (1, 1), "500: kept for later, with backoff");
    assert_eq!(sender.send_due(now + chrono::Duration::seconds(130)).await.unwrap().claimed, 0);
    let third = sender.send_due(now + chrono::Duration::seconds(300)).await.unwrap();
    assert_eq!(third.sent, 1);
    assert_eq!(service.received(&phone).len(), 1, "delivered once, in the end");
}

#[tokio::test]
async fn a_delivery_that_keeps_failing_is_given_up_after_a_bound() {
    let (server, service, group, mut awa, bruno) = scene(Pushes::Held).await;
    let phone = subscribed(&server, &service, &bruno).await;
    service.script(&phone, &[Answer::Status(503); 20]);
    server.ask(&mut awa, group, "Qui vient samedi ?").await;
    let sender = server.sender().await;
    let mut at = Utc::now();
    let mut failed = 0;
    for _ in 0..20 {
        at += chrono::Duration::hours(7);
        failed += sender.send_due(at).await.unwrap().failed;
    }
    assert_eq!(failed, 1, "given up once");
    assert_eq!(service.requests(), SenderOptions::default().max_attempts as usize, "one request per attempt");
    assert!(service.received(&phone).is_empty());
}

#[tokio::test]
async fn signing_out_stops_the_pushes_of_that_device() {
    let (server, service, group, mut awa, bruno) = scene(Pushes::Sent).await;
    let phone = subscribed(&server, &service, &bruno).await;
    let response = server
        .client()
        .post(format!("{}/v1/auth/sign-out", server.url()))
        .bearer_auth(&bruno.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    server.ask(&mut awa, group, "Une question après le départ de Bruno").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(service.requests(), 0, "nothing for a signed-out device");
    assert!(service.received(&phone).is_empty());
}

#[tokio::test]
async fn a_bad_subscription_is_refused_and_changes_nothing() {
    let (server, service, _group, _awa, bruno) = scene(Pushes::Held).await;
    let device = service.device();
    for (endpoint, p256dh, auth) in [
        ("ftp://push.example/x", device.p256dh.as_str(), device.auth.as_str()),
        ("http://push.example/x", device.p256dh.as_str(), device.auth.as_str()),
        (device.endpoint.as_str(), "not-a-key", device.auth.as_str()),
        (device.endpoint.as_str(), device.p256dh.as_str(), "c2hvcnQ"),
    ] {
        let response = server
            .client()
            .post(format!("{}/v1/push/subscriptions", server.url()))
            .bearer_auth(&bruno.token)
            .json(&serde_json::json!({ "endpoint": endpoint, "p256dh": p256dh, "auth": auth }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "{endpoint} {p256dh} {auth}");
        let body: Value = response.json().await.unwrap();
        assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    assert!(my_devices(&server, &bruno).await.is_empty());
}

/// Many deliveries: Bruno's 20 devices, and `questions` questions from Awa.
async fn fan_out(
    server: &Server,
    service: &PushService,
    awa: &mut Member,
    bruno: &Member,
    group: Uuid,
    questions: usize,
) -> Vec<Device> {
    let mut phones = Vec::new();
    for _ in 0..20 {
        phones.push(subscribed(server, service, bruno).await);
    }
    for i in 0..questions {
        server.ask(awa, group, &format!("Question numéro {i}")).await;
    }
    phones
}

/// Each device's notification ids and how many times each arrived.
fn arrivals(service: &PushService, phones: &[Device]) -> HashMap<(Uuid, String), usize> {
    let mut seen = HashMap::new();
    for phone in phones {
        for received in service.received(phone) {
            let id = received.payload["notification_id"].as_str().unwrap().to_owned();
            *seen.entry((phone.id, id)).or_insert(0) += 1;
        }
    }
    seen
}

#[tokio::test]
async fn a_sender_stopped_in_the_middle_of_a_fan_out_finishes_its_batch_and_the_next_one_goes_on() {
    let (server, service, group, mut awa, bruno) = scene(Pushes::Held).await;
    let phones = fan_out(&server, &service, &mut awa, &bruno, group, 15).await;
    let expected = phones.len() * 15;

    let options = SenderOptions { batch: 40, concurrency: 8, idle: Duration::from_millis(10), ..local_sender() };
    let first = fabrique_server::web_push::sender::Sender::new(server.db.clone(), options.clone()).await.unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(first.run(async move {
        let _ = stopped.await;
    }));
    while service.total_received() < 50 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    stop.send(()).unwrap();
    running.await.unwrap();
    let at_stop = service.total_received();
    assert!(at_stop < expected, "stopped in the middle: {at_stop} of {expected}");

    let second = fabrique_server::web_push::sender::Sender::new(server.db.clone(), options).await.unwrap();
    loop {
        if second.send_due(Utc::now()).await.unwrap().claimed == 0 {
            break;
        }
    }
    let seen = arrivals(&service, &phones);
    assert_eq!(seen.len(), expected, "none lost");
    assert!(seen.values().all(|&n| n == 1), "none twice");
    assert!(service.refused().is_empty());
}

#[tokio::test]
async fn two_senders_at_once_never_send_the_same_delivery() {
    let (server, service, group, mut awa, bruno) = scene(Pushes::Held).await;
    let phones = fan_out(&server, &service, &mut awa, &bruno, group, 10).await;
    let expected = phones.len() * 10;
    let options = SenderOptions { batch: 25, concurrency: 4, ..local_sender() };
    let mut workers = Vec::new();
    for _ in 0..2 {
        let sender = fabrique_server::web_push::sender::Sender::new(server.db.clone(), options.clone()).await.unwrap();
        workers.push(tokio::spawn(async move {
            let mut sent = 0;
            loop {
                let round = sender.send_due(Utc::now()).await.unwrap();
                if round.claimed == 0 {
                    return sent;
                }
                sent += round.sent;
            }
        }));
    }
    let mut total = 0;
    for worker in workers {
        total += worker.await.unwrap();
    }
    assert_eq!(total, expected);
    let seen = arrivals(&service, &phones);
    assert_eq!(seen.len(), expected, "none lost");
    assert!(seen.values().all(|&n| n == 1), "none twice");
    assert!(service.distinct_tokens() <= 2, "one VAPID signature per sender for this push service");
}

/// An event of "Subventions nationales" (the admin created the group, so runs it).
async fn an_event(server: &mut Server, group: Uuid, title: &str) -> Uuid {
    let id = Uuid::now_v7();
    let starts_at = Utc::now() + chrono::Duration::days(7);
    server
        .admin_does(Mutation::CreateEvent(NewEvent {
            id,
            group_id: group,
            title: title.into(),
            description: String::new(),
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(2),
            time_zone: "Europe/Paris".into(),
            place: "Maison des associations".into(),
            online_url: String::new(),
            capacity: None,
            attachments: vec![],
        }))
        .await;
    id
}

#[tokio::test]
async fn an_organisers_message_reaches_exactly_the_devices_of_the_people_going() {
    let (mut server, service, group, mut awa, mut bruno) = scene(Pushes::Sent).await;
    let mut chloe = server.member("Chloé").await;
    assert_eq!(server.act(&mut chloe, Mutation::JoinGroup { group_id: group }).await, MutationOutcome::Applied);
    let event = an_event(&mut server, group, "Formation dossier FDVA").await;
    let (awas_phone, brunos_phone, chloes_phone) = (
        subscribed(&server, &service, &awa).await,
        subscribed(&server, &service, &bruno).await,
        subscribed(&server, &service, &chloe).await,
    );
    let going = Mutation::AnswerEvent { event_id: event, choice: fabrique_wire::events::RsvpChoice::Going };
    assert_eq!(server.act(&mut awa, going.clone()).await, MutationOutcome::Applied);
    assert_eq!(server.act(&mut chloe, going).await, MutationOutcome::Applied);
    let maybe = Mutation::AnswerEvent { event_id: event, choice: fabrique_wire::events::RsvpChoice::Maybe };
    assert_eq!(server.act(&mut bruno, maybe).await, MutationOutcome::Applied);

    server
        .admin_does(Mutation::AnnounceToAttendees {
            id: Uuid::now_v7(),
            event_id: event,
            text: "La salle change : rendez-vous au 2e étage.".into(),
        })
        .await;

    for phone in [&awas_phone, &chloes_phone] {
        let received = service.wait_for(phone, 1, WITHIN).await;
        let message: Vec<&Value> =
            received.iter().map(|r| &r.payload).filter(|p| p["kind"] == "announcement").collect();
        assert_eq!(message.len(), 1, "each person going gets it once: {received:?}");
        assert_eq!(message[0]["subject_id"], event.to_string());
        assert!(!message[0].to_string().contains("étage"), "ids only, the app fetches the text");
    }
    assert_eq!(queued_for(&server, &awas_phone, "announcement").await, 1, "queued once for someone going");
    assert_eq!(queued_for(&server, &brunos_phone, "announcement").await, 0, "not to someone who only said maybe");
    assert!(service.received(&brunos_phone).iter().all(|r| r.payload["kind"] != "announcement"));
    assert!(service.refused().is_empty(), "{:?}", service.refused());
}

#[tokio::test]
async fn quiet_hours_hold_a_push_until_they_end_and_it_then_arrives() {
    let (server, service, group, mut awa, mut bruno) = scene(Pushes::Held).await;
    let phone = subscribed(&server, &service, &bruno).await;
    let now = Utc::now();
    let clock = |t: chrono::DateTime<Utc>| t.format("%H:%M").to_string();
    let quiet = fabrique_wire::notifications::QuietHours {
        start: clock(now - chrono::Duration::hours(1)),
        end: clock(now + chrono::Duration::hours(1)),
    };
    let settings = Mutation::SetNotificationSettings {
        time_zone: "UTC".into(),
        quiet_hours: Some(quiet),
        muted_kinds: vec![],
        digest: None,
    };
    assert_eq!(server.act(&mut bruno, settings).await, MutationOutcome::Applied);
    let question = server.ask(&mut awa, group, "Qui peut relire notre budget prévisionnel ?").await;

    let sender = server.sender().await;
    assert_eq!(sender.send_due(Utc::now()).await.unwrap().claimed, 0, "held during quiet hours");
    assert!(service.received(&phone).is_empty());
    let after = now + chrono::Duration::hours(1) + chrono::Duration::minutes(1);
    let round = sender.send_due(after).await.unwrap();
    assert_eq!(round.sent, 1, "sent when they end");
    let received = service.received(&phone);
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].payload["subject_id"], question.to_string());
}

// ---------------------------------------------------------------------------------------
// The real `fabrique` binary stopped in the middle of a fan-out, then started again.

/// Claims lapse after 5 s (a killed sender's deliveries go again soon); the local push
/// service is on 127.0.0.1.
const PUSH_FLAGS: &[&str] = &["--push-claim-seconds", "5", "--push-allow-loopback"];

/// A data directory with `devices` members of one group, each with one device at `service`
/// (the load generator's seed), and the question that fans out to all of them, asked.
async fn crowd_asked(service: &PushService, devices: usize, port: u16) -> (DataDir, tokio::process::Child) {
    let data = DataDir::new();
    let seeded = tokio::process::Command::new(env!("CARGO_BIN_EXE_fabrique-loadgen"))
        .args(["push-seed", "--subscriptions", &devices.to_string(), "--push-service", &service.origin()])
        .arg("--data-dir")
        .arg(data.path())
        .stdout(std::process::Stdio::null())
        .status()
        .await
        .expect("the load generator runs");
    assert!(seeded.success());
    let server = serve(data.path(), port, PUSH_FLAGS).await;
    let url = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let session: Value = client
        .post(format!("{url}/v1/auth/sign-in"))
        .json(&serde_json::json!({ "email": "asker@bench.fabrique", "password": "load-generator" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = session["token"].as_str().expect("signed in").to_owned();
    let groups: Value =
        client.get(format!("{url}/v1/groups?limit=1")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    let group = groups["items"][0]["group"]["id"].as_str().expect("the group").to_owned();
    let push = serde_json::json!({ "client_id": Uuid::now_v7(), "mutations": [{ "id": 1, "mutation": {
        "type": "ask_question", "id": Uuid::now_v7(), "group_ids": [group], "title": "Qui a un modèle de budget ?" } }] });
    let answer: Value = client
        .post(format!("{url}/v1/sync/push"))
        .bearer_auth(&token)
        .json(&push)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["results"][0]["outcome"]["status"], "applied", "{answer}");
    (data, server)
}

async fn until_received(service: &PushService, count: usize, within: Duration) {
    service.until(within, |s| s.arrivals().len() >= count).await;
}

#[tokio::test]
async fn the_server_stopped_in_the_middle_of_a_fan_out_and_started_again_sends_each_push_once() {
    let service = PushService::start().await;
    service.slow_down(Duration::from_millis(20));
    let (devices, port) = (600, free_port());
    let (data, mut server) = crowd_asked(&service, devices, port).await;
    until_received(&service, 50, WITHIN).await;

    // SIGTERM, as a deployment stops it: the batch under way is finished first.
    let pid = server.id().expect("running");
    let stopped = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
    assert!(stopped.success());
    let exit = tokio::time::timeout(Duration::from_secs(30), server.wait()).await.expect("stops").unwrap();
    assert!(exit.success(), "a graceful stop: {exit:?}");
    let at_stop = service.arrivals().len();
    assert!(at_stop < devices, "stopped in the middle: {at_stop} of {devices}");

    service.slow_down(Duration::ZERO);
    let _again = serve(data.path(), port, PUSH_FLAGS).await;
    until_received(&service, devices, Duration::from_secs(60)).await;
    let seen = service.arrivals();
    assert_eq!(seen.len(), devices, "none lost");
    assert!(seen.values().all(|&n| n == 1), "none twice");
    assert!(service.refused().is_empty(), "{:?}", service.refused());
}

#[tokio::test]
async fn the_server_killed_in_the_middle_of_a_fan_out_loses_nothing_and_resends_only_what_was_in_flight() {
    let service = PushService::start().await;
    service.slow_down(Duration::from_millis(50));
    let (devices, port) = (1500, free_port());
    let (data, mut server) = crowd_asked(&service, devices, port).await;
    until_received(&service, 600, WITHIN).await;

    // SIGKILL: no chance to finish anything. What it had claimed waits for its claim to
    // expire (5 s here), then goes again.
    server.kill().await.unwrap();
    let at_kill = service.arrivals().len();
    assert!(at_kill < devices, "killed in the middle: {at_kill} of {devices}");

    service.slow_down(Duration::ZERO);
    let _again = serve(data.path(), port, PUSH_FLAGS).await;
    until_received(&service, devices, Duration::from_secs(60)).await;
    let seen = service.arrivals();
    assert_eq!(seen.len(), devices, "none lost");
    let twice = seen.values().filter(|&&n| n > 1).count();
    eprintln!("killed after {at_kill} of {devices} pushes; {twice} arrived twice after the restart");
    // Only what was in flight at the kill, or answered and not yet recorded, can arrive
    // twice (the push service took it, the server never wrote so): at most two rounds of
    // the sender's concurrency, not the whole batch. Each carries the same notification
    // id, so the app shows it once.
    let concurrency = SenderOptions::default().concurrency;
    assert!(twice <= 2 * concurrency, "{twice} arrived twice");
    assert!(twice < at_kill, "what was recorded before the kill is not sent again");
    assert!(seen.values().all(|&n| n <= 2));
}

#[tokio::test]
async fn each_message_reaches_the_other_persons_phone_replacing_the_previous_push_and_never_the_writer() {
    let (server, service, _, mut awa, bruno) = scene(Pushes::Sent).await;
    let awas_phone = subscribed(&server, &service, &awa).await;
    let brunos_phone = subscribed(&server, &service, &bruno).await;
    let conversation = fabrique_wire::conversations::direct_conversation_id(awa.id, bruno.id);
    let start = Mutation::StartConversation { id: conversation, person_ids: vec![bruno.id], title: String::new() };
    assert_eq!(server.act(&mut awa, start).await, MutationOutcome::Applied);
    for body in ["Tu as les clés ?", "Je suis devant la salle"] {
        let message = Mutation::SendMessage {
            id: Uuid::now_v7(),
            conversation_id: conversation,
            body: body.into(),
            attachments: vec![],
        };
        assert_eq!(server.act(&mut awa, message).await, MutationOutcome::Applied);
    }
    let received = service.wait_for(&brunos_phone, 2, WITHIN).await;
    assert_eq!(received.len(), 2, "a push for each message (refused: {:?})", service.refused());
    for push in &received {
        assert_eq!(push.payload["kind"], "message");
        assert_eq!(push.payload["subject_id"], conversation.to_string());
        assert!(!push.payload.to_string().contains("clés"), "ids only, not the words: {}", push.payload);
    }
    assert!(received[0].topic.is_some(), "a conversation's pushes replace each other");
    assert_eq!(received[0].topic, received[1].topic);
    assert_eq!(queued_for(&server, &awas_phone, "message").await, 0, "never to the writer");
}

#[tokio::test]
async fn a_push_service_that_never_answers_does_not_delay_anyone_elses_push() {
    // Arrange: Mallory's phone is at a push service that takes every connection and never
    // answers; Awa writes to Mallory 150 times, so the outbox holds 150 pushes for it.
    let (mut server, service, _, mut awa, bruno) = scene(Pushes::Sent).await;
    let hanging = PushService::start().await;
    hanging.slow_down(Duration::from_secs(3600));
    let mallory = server.member("Mallory").await;
    let mallorys_phone = hanging.device();
    assert_eq!(server.subscribe(&mallory, &mallorys_phone).await.status(), 201);
    let brunos_phone = subscribed(&server, &service, &bruno).await;
    let to_mallory = fabrique_wire::conversations::direct_conversation_id(awa.id, mallory.id);
    let start = Mutation::StartConversation { id: to_mallory, person_ids: vec![mallory.id], title: String::new() };
    assert_eq!(server.act(&mut awa, start).await, MutationOutcome::Applied);
    for n in 0..150 {
        let message = Mutation::SendMessage {
            id: Uuid::now_v7(),
            conversation_id: to_mallory,
            body: format!("Message {n}"),
            attachments: vec![],
        };
        assert_eq!(server.act(&mut awa, message).await, MutationOutcome::Applied);
    }
    let to_bruno = fabrique_wire::conversations::direct_conversation_id(awa.id, bruno.id);
    let start = Mutation::StartConversation { id: to_bruno, person_ids: vec![bruno.id], title: String::new() };
    assert_eq!(server.act(&mut awa, start).await, MutationOutcome::Applied);
    assert!(hanging.until(WITHIN, |h| h.requests() > 0).await, "the hanging service holds sends");

    // Act: one message to Bruno.
    let message = Mutation::SendMessage {
        id: Uuid::now_v7(),
        conversation_id: to_bruno,
        body: "Tu as les clés ?".into(),
        attachments: vec![],
    };
    assert_eq!(server.act(&mut awa, message).await, MutationOutcome::Applied);
    let written = std::time::Instant::now();
    let received = service.wait_for(&brunos_phone, 1, WITHIN).await;

    // Assert: Bruno has it within a second, while Mallory's service still holds its sends.
    assert_eq!(received.len(), 1);
    let took = written.elapsed();
    assert!(took < Duration::from_secs(1), "Bruno's push took {took:?} beside a hanging push service");
    assert!(hanging.total_received() == 0, "the hanging service never answered");
    let _ = &mut server;
}

// ---------------------------------------------------------------------------------------
// The device's side: what the server encrypts, the core decrypts (RFC 8291), as the iOS
// notification extension and the Android push service do through the FFI.

#[test]
fn what_the_server_encrypts_for_a_device_the_cores_decryption_reads_and_nothing_else_does() {
    use fabrique_core::notifications::decrypt::{DecryptError, decrypt, new_keys};
    let device = new_keys();
    let payload = serde_json::json!({ "notification_id": Uuid::now_v7(), "kind": "question_asked",
        "subject_id": Uuid::now_v7(), "text": "Nouvelle question dans un de vos groupes" })
    .to_string();
    let random = ring::rand::SystemRandom::new();
    let body = fabrique_server::web_push::encryption::encrypt(
        &random,
        payload.as_bytes(),
        &device.public_key,
        &device.auth_secret,
    )
    .expect("the server encrypts");
    assert_eq!(decrypt(&device.private_key, &device.auth_secret, &body).unwrap(), payload.as_bytes());

    // An independent implementation (the one the web-push crate uses) agrees.
    let by_ece = ece::encrypt(&device.public_key, &device.auth_secret, payload.as_bytes()).expect("ece encrypts");
    assert_eq!(decrypt(&device.private_key, &device.auth_secret, &by_ece).unwrap(), payload.as_bytes());

    // Another phone holds other keys: it reads nothing.
    let other = new_keys();
    assert_eq!(decrypt(&other.private_key, &other.auth_secret, &body), Err(DecryptError::NotForThisDevice));
}
