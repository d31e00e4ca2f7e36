//! Push endpoints as an attacker would choose them (issue 18): the server must never be
//! made to send a request into its own network, follow a redirect there, reveal which
//! internal addresses answer, or move someone else's device to another person.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::Utc;
use fabrique_server::config::Settings;
use fabrique_server::web_push::endpoints::EndpointRule;
use fabrique_server::web_push::sender::{Sender, SenderOptions};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use uuid::Uuid;

use crate::helpers::*;

const P256DH: &str = "BAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8";
const AUTH: &str = "AAECAwQFBgcICQoLDA0ODw";

/// A listener on 127.0.0.1 that counts the connections it gets, and answers each with
/// `answer` (raw HTTP) once it read the request.
async fn listener(answer: &'static str) -> (u16, Arc<AtomicUsize>) {
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = socket.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = socket.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 16 * 1024];
                let _ = stream.read(&mut buffer).await;
                let _ = stream.write_all(answer.as_bytes()).await;
            });
        }
    });
    (port, count)
}

fn subscription(endpoint: &str) -> Value {
    json!({ "endpoint": endpoint, "p256dh": P256DH, "auth": AUTH, "label": "Téléphone" })
}

/// A subscription with real device keys, so that the server can encrypt to it.
fn device_subscription(endpoint: &str) -> Value {
    use base64::Engine;
    let (pair, auth) = ece::generate_keypair_and_auth_secret().unwrap();
    let encode = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    json!({ "endpoint": endpoint, "p256dh": encode(&pair.pub_as_raw().unwrap()), "auth": encode(&auth), "label": "Téléphone" })
}

/// Awa, who asks questions, and Mallory, who registers devices, in one public group.
async fn asker_and_mallory(app: &TestApp) -> (Person, Person, Uuid) {
    let association = app.new_association("Amicale").await;
    let asker = app.member(association, "Awa").await;
    let mallory = app.member(association, "Mallory").await;
    let group = app.group(&app.admin, "Trésorerie", "public").await;
    app.add_to_group(&app.admin, group, &asker).await;
    app.add_to_group(&app.admin, group, &mallory).await;
    (asker, mallory, group)
}

/// A question in the group: a push for each device of its other members.
async fn asks_a_question(app: &TestApp, asker: &Person, group: Uuid) {
    let question =
        json!({ "type": "ask_question", "id": Uuid::now_v7(), "group_ids": [group], "title": "Qui a le RIB ?" });
    assert_applied(&app.act(asker, question).await);
}

/// Every way of writing "this machine" or "the inside network" that a member might try.
fn forbidden_forms(port: u16) -> Vec<String> {
    [
        "https://127.0.0.1:{port}/push/1",
        "http://127.0.0.1:{port}/push/1",
        "http://localhost:{port}/push/1",
        "https://localhost:{port}/push/1",
        "http://[::1]:{port}/containers/create",
        "https://[::1]:{port}/push/1",
        "http://user:pass@127.0.0.1:{port}/push/1",
        "https://user:pass@127.0.0.1:{port}/push/1",
        "https://[::ffff:127.0.0.1]:{port}/push/1",
        "https://0x7f000001:{port}/push/1",
        "https://2130706433:{port}/push/1",
        "https://127.1:{port}/push/1",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.5/",
        "https://192.168.1.1/",
        "https://100.64.0.1/",
        "https://[fd00:ec2::254]/",
        "https://0.0.0.0:{port}/",
    ]
    .iter()
    .map(|form| form.replace("{port}", &port.to_string()))
    .collect()
}

#[tokio::test]
async fn registering_an_inside_endpoint_is_refused_alike_and_nothing_is_ever_sent_there() {
    // Arrange: the production rule, and a listener that must hear nothing.
    let app = spawn_app_with(true, Settings::default()).await;
    let (port, heard) = listener("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n").await;
    let association = app.new_association("Amicale").await;
    let mallory = app.member(association, "Mallory").await;

    // Act and assert: each form is refused with the very same answer, and nothing is stored.
    let mut answers = Vec::new();
    for endpoint in forbidden_forms(port) {
        let response = app.post("/v1/push/subscriptions", Some(&mallory.token), &subscription(&endpoint)).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{endpoint}");
        answers.push(response.text().await.unwrap());
    }
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "one answer for every refusal: {answers:?}");
    assert_eq!(app.count("push_subscriptions").await, 0);
    assert_eq!(heard.load(Ordering::SeqCst), 0, "registration never contacts the endpoint");
}

#[tokio::test]
async fn an_endpoint_that_turned_inside_after_registration_is_never_contacted_and_is_forgotten() {
    // Arrange: devices registered under the loopback rule (as on a development server),
    // then their endpoints rewritten to inside forms, as rows from before the rules or a
    // DNS answer that changed would be.
    let app = spawn_app().await;
    let (port, heard) = listener("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n").await;
    let (asker, mallory, group) = asker_and_mallory(&app).await;
    let forms = forbidden_forms(port);
    for (n, form) in forms.iter().enumerate() {
        let endpoint = format!("http://127.0.0.1:{port}/push/{n}");
        let response = app.post("/v1/push/subscriptions", Some(&mallory.token), &device_subscription(&endpoint)).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let mut tx = app.db.begin_write().await.unwrap();
        fabrique_server::on_tx!(&mut tx, c => sqlx::query("UPDATE push_subscriptions SET endpoint = $1 WHERE endpoint = $2")
            .bind(form).bind(&endpoint).execute(c).await.map(|_| ()))
        .unwrap();
        tx.commit().await.unwrap();
    }
    asks_a_question(&app, &asker, group).await;
    let queued: i64 = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT COUNT(*) FROM push_deliveries").fetch_one(c).await).unwrap();
    assert_eq!(queued as usize, forms.len().min(20), "a delivery per device (at most 20 devices a person)");

    // Act: the production sender.
    let sender = Sender::new(app.db.clone(), SenderOptions::default()).await.unwrap();
    let round = sender.send_due(Utc::now()).await.unwrap();

    // Assert: nothing reached the listener, and the devices are forgotten.
    assert_eq!(heard.load(Ordering::SeqCst), 0, "no request left for an inside address");
    assert_eq!(round.gone, queued as usize);
    assert_eq!(app.count("push_subscriptions").await, 0);
}

#[tokio::test]
async fn the_sender_never_follows_a_redirect() {
    // Arrange: a push service on this machine (allowed here) that redirects to an address
    // registration would refuse.
    let app = spawn_app().await;
    let (inside, heard) = listener("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n").await;
    let redirect: &'static str = Box::leak(
        format!(
            "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:{inside}/admin\r\nContent-Length: 0\r\n\r\n"
        )
        .into_boxed_str(),
    );
    let (redirecting, asked) = listener(redirect).await;
    let (asker, mallory, group) = asker_and_mallory(&app).await;
    let endpoint = format!("http://127.0.0.1:{redirecting}/push/1");
    assert_eq!(
        app.post("/v1/push/subscriptions", Some(&mallory.token), &device_subscription(&endpoint)).await.status(),
        StatusCode::CREATED
    );
    asks_a_question(&app, &asker, group).await;

    assert_eq!(app.count("push_deliveries").await, 1);

    // Act
    let options = SenderOptions { endpoints: EndpointRule::AllowLoopback, ..SenderOptions::default() };
    let round = Sender::new(app.db.clone(), options).await.unwrap().send_due(Utc::now()).await.unwrap();

    // Assert: the push service was asked once; where it pointed, nothing arrived.
    assert_eq!(asked.load(Ordering::SeqCst), 1);
    assert_eq!(heard.load(Ordering::SeqCst), 0, "the redirect was not followed");
    assert_eq!(round.failed, 1, "a redirect is not a delivery");
}

#[tokio::test]
async fn someone_elses_endpoint_is_refused_and_stays_theirs() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let awa = app.member(association, "Awa").await;
    let mallory = app.member(association, "Mallory").await;
    let endpoint = format!("http://127.0.0.1:9/push/{}", Uuid::new_v4());
    assert_eq!(
        app.post("/v1/push/subscriptions", Some(&awa.token), &subscription(&endpoint)).await.status(),
        StatusCode::CREATED
    );

    let response = app.post("/v1/push/subscriptions", Some(&mallory.token), &subscription(&endpoint)).await;

    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "push_endpoint_taken");
    let owner: Uuid = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT person_id FROM push_subscriptions WHERE endpoint = $1")
        .bind(&endpoint).fetch_one(c).await)
    .unwrap();
    assert_eq!(owner, awa.id, "the device still tells Awa, not Mallory");
    // Awa registering again (a new session on her phone) still works.
    let again = app.sign_in(&awa.email, PASSWORD).await;
    assert_eq!(
        app.post("/v1/push/subscriptions", Some(&again.token), &subscription(&endpoint)).await.status(),
        StatusCode::CREATED
    );
}
