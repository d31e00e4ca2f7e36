//! The push relay between a real `fabrique` server and stand-ins for Apple's and Google's
//! push services: the server sends real Web Push (encrypted, VAPID-signed) to the relay,
//! which hands the still-encrypted body on; the phone's side decrypts it with the core's own
//! function. A token APNs says is gone makes the server forget the device; Google's
//! `Retry-After` comes back to the sender; TTL, Urgency and Topic become expiry, priority and
//! collapse id; a request not signed for this relay is refused. The stand-ins speak TLS (HTTP/2
//! negotiated by ALPN for APNs) with certificates made for the test, which the relay is told
//! to trust (`--extra-root-certificate`), as it trusts Apple's and Google's.

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use fabrique_core::notifications::decrypt::{PushKeys, decrypt, new_keys};
use fabrique_tests::binary::{RelayProcess, start_relay};
use fabrique_tests::push_platforms::{ApnsStandIn, FcmStandIn, Scripted};
use fabrique_tests::server::{Member, Server};
use fabrique_wire::groups::Visibility;
use fabrique_wire::sync::{Mutation, MutationOutcome};
use jwt_simple::prelude::{Claims, ECDSAP256KeyPairLike, ECDSAP256PublicKeyLike, ES256KeyPair};
use serde_json::Value;
use uuid::Uuid;

const WITHIN: Duration = Duration::from_secs(20);

struct Platforms {
    apns: ApnsStandIn,
    fcm: FcmStandIn,
    relay: RelayProcess,
    _dir: tempdir::Dir,
}

mod tempdir {
    /// A directory removed at the end of the story.
    pub struct Dir(pub std::path::PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

async fn platforms() -> Platforms {
    let apns = ApnsStandIn::start().await;
    let fcm = FcmStandIn::start().await;
    let dir = std::env::temp_dir().join(format!("fabrique-relay-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("AuthKey.p8");
    std::fs::write(&key, &apns.key_pem).unwrap();
    let account = dir.join("service-account.json");
    std::fs::write(&account, &fcm.service_account).unwrap();
    // Both stand-ins speak TLS with certificates made for the test: the relay trusts them.
    let certificates = dir.join("stand-ins.pem");
    std::fs::write(&certificates, format!("{}{}", apns.certificate_pem, fcm.certificate_pem)).unwrap();
    let certificates = certificates.display().to_string();
    let (apns_url, fcm_url) = (apns.url(), fcm.url());
    let (key, account) = (key.display().to_string(), account.display().to_string());
    let relay = start_relay(&[
        "--apns-key-file",
        &key,
        "--apns-key-id",
        &apns.key_id,
        "--apns-team-id",
        &apns.team_id,
        "--apns-topic",
        &apns.topic,
        "--apns-url",
        &apns_url,
        "--fcm-service-account",
        &account,
        "--fcm-url",
        &fcm_url,
        "--extra-root-certificate",
        &certificates,
    ])
    .await;
    Platforms { apns, fcm, relay, _dir: tempdir::Dir(dir) }
}

/// A phone whose push subscription points at the relay, with keys made by the core.
async fn phone_at(server: &Server, member: &Member, endpoint: &str) -> PushKeys {
    let keys = new_keys();
    let response = server
        .client()
        .post(format!("{}/v1/push/subscriptions", server.url()))
        .bearer_auth(&member.token)
        .json(&serde_json::json!({ "endpoint": endpoint, "p256dh": URL_SAFE_NO_PAD.encode(&keys.public_key),
            "auth": URL_SAFE_NO_PAD.encode(&keys.auth_secret), "label": "Téléphone" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap_or_default());
    keys
}

async fn until(mut done: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + WITHIN;
    while !done() {
        assert!(tokio::time::Instant::now() < deadline, "not within {WITHIN:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What the phone reads: the body in `p`, decrypted by the core.
fn opened(keys: &PushKeys, p: &Value) -> Value {
    let body = URL_SAFE_NO_PAD.decode(p.as_str().expect("the body in p")).unwrap();
    serde_json::from_slice(&decrypt(&keys.private_key, &keys.auth_secret, &body).expect("decrypts on the phone"))
        .unwrap()
}

#[tokio::test]
async fn a_question_reaches_an_iphone_through_apns_and_an_android_phone_through_fcm_still_encrypted() {
    let platforms = platforms().await;
    let mut server = Server::start().await;
    let group = server.create_group("Entraide du quartier", Visibility::Public).await;
    let mut asker = server.member("Awa").await;
    let mut iphone_owner = server.member("Bruno").await;
    let mut android_owner = server.member("Chloé").await;
    for member in [&mut asker, &mut iphone_owner, &mut android_owner] {
        assert_eq!(server.act(member, Mutation::JoinGroup { group_id: group }).await, MutationOutcome::Applied);
    }
    let iphone = phone_at(&server, &iphone_owner, &format!("{}/apns/a1b2c3d4e5f6", platforms.relay.url)).await;
    let android = phone_at(&server, &android_owner, &format!("{}/fcm/fcm-token_42:xyz", platforms.relay.url)).await;

    let question = server.ask(&mut asker, group, "Qui a un modèle de budget ?").await;
    until(|| !platforms.apns.received().is_empty() && !platforms.fcm.received().is_empty()).await;

    let apns = platforms.apns.received().remove(0);
    assert_eq!(apns.device, "a1b2c3d4e5f6");
    assert_eq!(apns.headers["apns-topic"], "org.fabrique.app");
    assert_eq!(apns.headers["apns-push-type"], "alert");
    assert_eq!(apns.payload["aps"]["mutable-content"], 1, "the extension writes the text");
    assert!(!apns.payload.to_string().contains("budget"), "Apple sees no content: {}", apns.payload);
    let read = opened(&iphone, &apns.payload["p"]);
    assert_eq!(
        (read["kind"].as_str(), read["subject_id"].as_str()),
        (Some("question_asked"), Some(question.to_string().as_str()))
    );

    let fcm = platforms.fcm.received().remove(0);
    assert_eq!(fcm.message["message"]["token"], "fcm-token_42:xyz");
    assert_eq!(fcm.message["message"]["android"]["priority"], "HIGH");
    assert!(!fcm.message.to_string().contains("budget"), "Google sees no content");
    let read = opened(&android, &fcm.message["message"]["data"]["p"]);
    assert_eq!(read["subject_id"], question.to_string());

    // A second push reuses Google's access token.
    server.ask(&mut asker, group, "Et un modèle de compte rendu ?").await;
    until(|| platforms.fcm.received().len() >= 2).await;
    assert_eq!(platforms.fcm.exchanges(), 1);
}

#[tokio::test]
async fn a_token_apns_says_is_gone_makes_the_server_forget_the_device() {
    let platforms = platforms().await;
    let mut server = Server::start().await;
    let group = server.create_group("Bureau", Visibility::Public).await;
    let mut asker = server.member("Awa").await;
    let mut owner = server.member("Bruno").await;
    for member in [&mut asker, &mut owner] {
        assert_eq!(server.act(member, Mutation::JoinGroup { group_id: group }).await, MutationOutcome::Applied);
    }
    phone_at(&server, &owner, &format!("{}/apns/deadbeef", platforms.relay.url)).await;
    platforms.apns.script("deadbeef", Scripted { status: 410, reason: "Unregistered".into(), retry_after: None });
    server.ask(&mut asker, group, "Qui vient samedi ?").await;
    let count = || async {
        fabrique_server::on_db!(&server.db, c => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM push_subscriptions WHERE person_id = $1")
            .bind(owner.id).fetch_one(c).await).unwrap()
    };
    let deadline = tokio::time::Instant::now() + WITHIN;
    while count().await > 0 {
        assert!(tokio::time::Instant::now() < deadline, "the device is forgotten");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(platforms.apns.received().len(), 1);
}

/// A push signed by a server's VAPID key for `audience`, as a Fabrique server sends it.
fn signed(relay: &str, path: &str, audience: &str, headers: &[(&str, &str)]) -> reqwest::RequestBuilder {
    let key = ES256KeyPair::generate();
    let claims = Claims::create(jwt_simple::prelude::Duration::from_hours(12))
        .with_audience(audience)
        .with_subject("mailto:admin@federation.test");
    let jwt = key.sign(claims).unwrap();
    let k = URL_SAFE_NO_PAD.encode(key.public_key().public_key().to_bytes_uncompressed());
    let mut request = reqwest::Client::new()
        .post(format!("{relay}{path}"))
        .header("authorization", format!("vapid t={jwt}, k={k}"))
        .header("content-encoding", "aes128gcm");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(vec![7u8; 200])
}

#[tokio::test]
async fn ttl_urgency_and_topic_are_carried_over_retry_after_comes_back_and_unsigned_pushes_are_refused() {
    let platforms = platforms().await;
    let relay = &platforms.relay.url;

    let answer = signed(relay, "/apns/cafe01", relay, &[("ttl", "600"), ("urgency", "low"), ("topic", "question-1")])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 201);
    let sent = platforms.apns.received().remove(0);
    assert_eq!(sent.headers["apns-priority"], "5", "low urgency waits for a good moment");
    assert_eq!(sent.headers["apns-collapse-id"], "question-1");
    let expires: u64 = sent.headers["apns-expiration"].parse().unwrap();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    assert!((now + 590..=now + 610).contains(&expires), "{expires} vs {now}");

    platforms
        .fcm
        .script("busy-token", Scripted { status: 429, reason: "QUOTA_EXCEEDED".into(), retry_after: Some(120) });
    let answer = signed(relay, "/fcm/busy-token", relay, &[("ttl", "60")]).send().await.unwrap();
    assert_eq!(answer.status(), 429);
    assert_eq!(answer.headers()["retry-after"], "120");
    platforms.fcm.script("gone-token", Scripted { status: 404, reason: "UNREGISTERED".into(), retry_after: None });
    assert_eq!(signed(relay, "/fcm/gone-token", relay, &[("ttl", "60")]).send().await.unwrap().status(), 410);

    // Not signed for this relay, not signed at all, no TTL: refused, nothing handed on.
    let before = platforms.apns.received().len();
    let elsewhere = signed(relay, "/apns/cafe01", "https://push.example.org", &[("ttl", "60")]).send().await.unwrap();
    assert_eq!(elsewhere.status(), 401);
    let unsigned = reqwest::Client::new()
        .post(format!("{relay}/apns/cafe01"))
        .header("content-encoding", "aes128gcm")
        .header("ttl", "60")
        .body(vec![7u8; 200])
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), 401);
    assert_eq!(signed(relay, "/apns/cafe01", relay, &[]).send().await.unwrap().status(), 400, "a TTL is required");
    assert_eq!(platforms.apns.received().len(), before);
}

#[tokio::test]
async fn a_must_read_reaches_an_android_phone_through_fcm_and_tapping_it_opens_the_message() {
    use fabrique_core::accounts::AccountsEvent;
    use fabrique_core::notifications::NotificationsEvent;
    use fabrique_core::view::Screen;
    use fabrique_core::{Event, Route};
    use fabrique_tests::shell::Device;
    use fabrique_wire::must_reads::{MustReadAudience, NewMustRead};

    let platforms = platforms().await;
    let mut server = Server::start().await;
    let chloe = server.member("Chloé").await;
    let android = phone_at(&server, &chloe, &format!("{}/fcm/fcm-token_7:abc", platforms.relay.url)).await;
    // Chloé's app, signed in (its own registration finds no push service here: the one above
    // is the phone's FCM address, as the Android app registers it).
    let mut phone = Device::start("Chloé", &server.url(), &server.device_storage("chloe")).await;
    phone.settle().await;
    phone
        .send(Event::Accounts(AccountsEvent::SignIn {
            email: "chloé@association.test".into(),
            password: fabrique_tests::server::PASSWORD.into(),
        }))
        .await;
    phone.settle().await;
    assert!(matches!(phone.view().screen, Screen::Feed(_)), "signed in");

    // The federation sends a must-read message: Google carries it still encrypted.
    let message = NewMustRead {
        id: Uuid::now_v7(),
        audience: MustReadAudience::Organisation { organisation_id: server.admin.organisation_id },
        title: "Assemblée générale".into(),
        body: "Le 14 mars à 18 h, salle des fêtes.".into(),
        mail_after_hours: None,
    };
    let id = message.id;
    server.admin_does(Mutation::SendMustRead(message)).await;
    until(|| !platforms.fcm.received().is_empty()).await;
    let fcm = platforms.fcm.received().remove(0);
    assert!(!fcm.message.to_string().contains("Assemblée"), "Google sees no content");
    let payload = opened(&android, &fcm.message["message"]["data"]["p"]);
    assert_eq!(payload["kind"], "must_read");

    // The person taps the notification: the app opens the message itself, whole.
    phone.send(Event::Notifications(NotificationsEvent::Tapped { payload: payload.to_string() })).await;
    phone.settle().await;
    let view = phone.view();
    let Screen::MustRead(page) = view.screen else { panic!("the message opens: {:?}", view.screen) };
    assert_eq!((page.id, page.title.as_str()), (id.to_string(), "Assemblée générale"));
    assert!(page.body.contains("salle des fêtes") && page.can_acknowledge);
    // "J'ai lu": back on the feed, nothing pinned any more; the server counts it.
    let read = fabrique_core::must_reads::types::MustReadsEvent::Acknowledge { id: id.to_string() };
    phone.send(Event::MustReads(read)).await;
    phone.send(Event::Navigate(Route::Feed)).await;
    phone.settle().await;
    let Screen::Feed(feed) = phone.view().screen else { panic!("the feed") };
    assert!(feed.pinned.is_empty());
    let reach: Value =
        server.get(&format!("/v1/must-reads/{id}/reach"), &server.admin.token).await.json().await.unwrap();
    assert_eq!(reach["read_in_app"], 1, "{reach}");
}
