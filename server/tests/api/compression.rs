//! Answers are compressed for phones that accept it (members pay for mobile data): the same
//! changes whichever way they travel, smaller on the wire; the live channel is never held in
//! a compressor's buffer; small answers go as they are.

use std::io::Read;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Person, TestApp, local_push, spawn_app, spawn_app_with};

/// A pull from the start, asking for `encoding` (none: plain JSON); the answer as it came
/// (its `Content-Encoding` and size on the wire) and decoded.
async fn pull(app: &TestApp, person: &Person, encoding: Option<&str>) -> (Option<String>, usize, Value) {
    let mut request = app
        .client
        .post(format!("http://{}/v1/sync/pull", app.address))
        .bearer_auth(&person.token)
        .json(&json!({ "client_id": Uuid::now_v7(), "limit": 100 }));
    if let Some(encoding) = encoding {
        request = request.header(ACCEPT_ENCODING, encoding);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let used = response.headers().get(CONTENT_ENCODING).map(|v| v.to_str().unwrap().to_owned());
    let bytes = response.bytes().await.unwrap();
    let mut text = Vec::new();
    match used.as_deref() {
        None => text.extend_from_slice(&bytes),
        Some("gzip") => {
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut text).unwrap();
        }
        Some("zstd") => text = zstd::decode_all(&bytes[..]).unwrap(),
        Some(other) => panic!("an encoding nobody asked for: {other}"),
    }
    (used, bytes.len(), serde_json::from_slice(&text).unwrap())
}

#[tokio::test]
async fn compressed_and_uncompressed_pulls_give_the_same_changes_and_the_compressed_ones_are_smaller() {
    // Sixty posts in a minute is more than a person writes: the write limits are off here.
    let settings = fabrique_server::config::Settings { write_limits: None, ..local_push() };
    let app = spawn_app_with(true, settings).await;
    let association = app.new_association("Vélo Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let group = app.group(&manager, "Sorties du dimanche", "private").await;
    for i in 0..60 {
        app.post_in(&manager, group, &format!("Sortie n° {i} : départ 9 h devant la mairie, retour vers midi.")).await;
    }

    let (plain_encoding, plain_size, plain) = pull(&app, &manager, None).await;
    let (gzip_encoding, gzip_size, gzipped) = pull(&app, &manager, Some("gzip")).await;
    let (zstd_encoding, zstd_size, zstded) = pull(&app, &manager, Some("zstd, gzip;q=0.5")).await;

    assert_eq!(plain_encoding, None);
    assert_eq!(gzip_encoding.as_deref(), Some("gzip"));
    assert_eq!(zstd_encoding.as_deref(), Some("zstd"));
    assert!(plain["changes"].as_array().unwrap().len() > 60, "the posts and the group are in the pull");
    // Each pull has its own client, so the answers are the same but for nothing.
    assert_eq!(gzipped["changes"], plain["changes"]);
    assert_eq!(zstded["changes"], plain["changes"]);
    assert_eq!(gzipped["cursor"], plain["cursor"]);
    assert!(gzip_size * 3 < plain_size, "gzip: {gzip_size} bytes for {plain_size}");
    assert!(zstd_size * 3 < plain_size, "zstd: {zstd_size} bytes for {plain_size}");
}

#[tokio::test]
async fn the_live_channel_is_not_compressed_even_for_a_client_that_accepts_it() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(format!("http://{}/v1/sync/events", app.address))
        .bearer_auth(&app.admin.token)
        .header(ACCEPT_ENCODING, "gzip, zstd")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get("content-type").unwrap(), "text/event-stream");
    assert!(response.headers().get(CONTENT_ENCODING).is_none());
}

#[tokio::test]
async fn a_small_answer_goes_as_it_is_even_to_a_client_that_accepts_compression() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(format!("http://{}/v1/sync/push", app.address))
        .bearer_auth(&app.admin.token)
        .header(ACCEPT_ENCODING, "gzip, zstd")
        .json(&json!({ "client_id": Uuid::now_v7(), "mutations": [] }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().get(CONTENT_ENCODING).is_none());
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["last_mutation_id"], 0, "{answer}");
}
