//! Connections: one that sends no request for `connections::IDLE` is closed, whether it never
//! sent one, sends its headers and stops, or waits after an answer; a live channel, an answer
//! still being written, stays open past it and still says when to pull. Channels and pulls
//! arriving together, far more than the database has readers, are all served.

use std::time::Duration;

use fabrique_server::connections::IDLE;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::spawn_app;

/// Whether the server closes the connection within `within` (reading whatever it sends first).
async fn closes_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buffer = [0u8; 4096];
    let closed = async {
        while let Ok(n) = stream.read(&mut buffer).await
            && n > 0
        {}
    };
    tokio::time::timeout(within, closed).await.is_ok()
}

#[tokio::test]
async fn connections_that_send_no_request_are_closed_and_a_live_channel_stays_open() {
    let app = spawn_app().await;
    let member = app.member(app.admin.organisation_id, "Inès Marchand").await;
    let group = app.group(&app.admin, "Bénévoles", "public").await;
    app.add_to_group(&app.admin, group, &member).await;

    let mut live = app.live_channel(&member.token).await;

    let mut silent = TcpStream::connect(app.address).await.unwrap();
    let mut halfway = TcpStream::connect(app.address).await.unwrap();
    halfway.write_all(b"GET /health HTTP/1.1\r\nhost: fabrique\r\n").await.unwrap();
    let mut answered = TcpStream::connect(app.address).await.unwrap();
    answered.write_all(b"GET /health HTTP/1.1\r\nhost: fabrique\r\n\r\n").await.unwrap();
    let mut answer = [0u8; 15];
    answered.read_exact(&mut answer).await.unwrap();
    assert_eq!(&answer, b"HTTP/1.1 200 OK");

    // Not before the limit.
    assert!(!closes_within(&mut silent, IDLE / 2).await, "closed before its time");
    for stream in [&mut silent, &mut halfway, &mut answered] {
        assert!(closes_within(stream, IDLE).await, "a connection without a request stays open");
    }

    // The live channel outlived them and still tells its member to pull.
    app.post_in(&app.admin, group, "La réunion est avancée à 18 h.").await;
    let poke = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let chunk = live.chunk().await.unwrap().expect("the live channel is open");
            if String::from_utf8_lossy(&chunk).contains("event: poke") {
                return;
            }
        }
    })
    .await;
    assert!(poke.is_ok(), "no poke on the live channel after a post in the member's group");
}

/// Every app opens its live channel again when the server restarts and pulls at its first
/// poke: many times more at once than the database has readers, each waiting for its turn
/// (`db::Turns`). Each channel opens with its poke, each pull brings the member's post, and a
/// forged token among them is still refused.
#[tokio::test]
async fn live_channels_and_pulls_arriving_together_are_all_served() {
    let app = spawn_app().await;
    let member = app.member(app.admin.organisation_id, "Inès Marchand").await;
    let group = app.group(&app.admin, "Bénévoles", "public").await;
    app.add_to_group(&app.admin, group, &member).await;
    let post = app.post_in(&app.admin, group, "Rendez-vous samedi à 9 h devant la salle.").await;
    let together = 8 * app.db.readers();

    let apps = (0..together).map(|_| async {
        let channel = app.live_channel(&member.token).await;
        let pull = app.post("/v1/sync/pull", Some(&member.token), &json!({ "client_id": uuid::Uuid::new_v4() })).await;
        assert_eq!(pull.status(), StatusCode::OK);
        let page: Value = pull.json().await.unwrap();
        assert!(
            page["changes"].as_array().unwrap().iter().any(|change| change["id"] == post.to_string()),
            "the pull brings the post: {page}"
        );
        channel
    });
    let forged = async {
        let refused = app.get("/v1/sync/events", Some("fq_forged")).await;
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    };
    let (channels, ()) =
        tokio::time::timeout(Duration::from_secs(60), futures::future::join(futures::future::join_all(apps), forged))
            .await
            .expect("every channel and pull answered");
    assert_eq!(channels.len(), together);
}
