//! Write limits per person (issue 18): a script is stopped within seconds, a person writing
//! by hand never meets a limit, and a write past a limit is never lost.

use fabrique_server::config::Settings;
use fabrique_server::limits::PerHour;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;

fn post(group: Uuid, n: usize) -> Value {
    json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": group, "kind": "news", "body": format!("Annonce {n}") })
}

#[tokio::test]
async fn a_script_of_two_thousand_posts_is_stopped_while_a_person_posting_by_hand_goes_through() {
    // Arrange: the default limits, a script and a person in the same group.
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let script = app.member(association, "Robot").await;
    let person = app.member(association, "Awa").await;
    let group = app.group(&app.admin, "Annonces", "public").await;
    app.add_to_group(&app.admin, group, &script).await;
    app.add_to_group(&app.admin, group, &person).await;
    let scripts_device = app.device(&script);

    // Act: the script pushes 2,000 posts, 100 at a time, as fast as it can.
    let mut next = 1;
    let mut applied = 0;
    let mut limited = 0;
    let mut retry_after = Vec::new();
    while next <= 2_000 {
        let mutations: Vec<Value> =
            (next..next + 100).map(|id| json!({ "id": id, "mutation": post(group, id) })).collect();
        let response =
            scripts_device.push_raw(&json!({ "client_id": scripts_device.client_id, "mutations": mutations })).await;
        match response.status() {
            StatusCode::OK => {
                let body: Value = response.json().await.unwrap();
                let results = body["results"].as_array().unwrap();
                assert!(results.iter().all(|r| r["outcome"]["status"] == "applied"), "nothing is rejected for good");
                applied += results.len();
                next = body["last_mutation_id"].as_u64().unwrap() as usize + 1;
            }
            StatusCode::TOO_MANY_REQUESTS => {
                limited += 1;
                retry_after.push(response.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap());
                let body: Value = response.json().await.unwrap();
                assert_eq!(body["error"]["code"], "rate_limited");
                // A script does not wait: it tries the next ones (a gap) or the same again.
                if limited >= 20 {
                    break;
                }
            }
            other => panic!("unexpected {other}"),
        }
    }
    // Meanwhile, a person writes five posts by hand.
    for n in 0..5 {
        assert_applied(&app.act(&person, post(group, n)).await);
    }

    // Assert: the script got its burst and then waited; the person never did.
    assert!(applied <= 40, "the script was stopped after its burst: {applied} posts");
    assert!(limited >= 20);
    assert!(retry_after.iter().all(|&s| (1..=60).contains(&s)), "Retry-After says when: {retry_after:?}");
    let rejected: i64 = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT COUNT(*) FROM sync_mutations WHERE outcome = 'rejected'").fetch_one(c).await).unwrap();
    assert_eq!(rejected, 0, "a limited write is not recorded as refused: it stays on the device");
    assert_eq!(app.count("posts").await, applied as i64 + 5);
}

#[tokio::test]
async fn a_write_past_its_limit_goes_when_the_device_sends_it_again_after_retry_after() {
    // Arrange: one post a second, a burst of 900.
    let settings = Settings { write_limits: Some(PerHour { posts: 3600, ..PerHour::default() }), ..local_push() };
    let app = spawn_app_with(true, settings).await;
    let association = app.new_association("Amicale").await;
    let writer = app.member(association, "Awa").await;
    let group = app.group(&app.admin, "Annonces", "public").await;
    app.add_to_group(&app.admin, group, &writer).await;
    let device = app.device(&writer);
    let batch = |from: u64| {
        let mutations: Vec<Value> =
            (from..from + 100).map(|i| json!({ "id": i, "mutation": post(group, i as usize) })).collect();
        json!({ "client_id": device.client_id, "mutations": mutations })
    };
    // The device pushes its outbox until the server says to wait.
    let mut next = 1;
    let wait = loop {
        let response = device.push_raw(&batch(next)).await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            break response.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap();
        }
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        next = body["last_mutation_id"].as_u64().unwrap() + 1;
        assert!(next < 5_000, "the limit is met");
    };
    let before = app.count("posts").await;
    assert_eq!(before as u64, next - 1, "what waits was not written");
    assert!(wait <= 2, "{wait}");

    // Act: the limit is a matter of time; waiting for it is what the app does.
    tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
    let again = device.push_raw(&batch(next)).await;

    // Assert: the write that waited goes, under the same id.
    assert_eq!(again.status(), StatusCode::OK);
    let body: Value = again.json().await.unwrap();
    assert_eq!(body["results"][0]["id"], next);
    assert_applied(&body["results"][0]["outcome"]);
    assert!(app.count("posts").await > before);
}

#[tokio::test]
async fn off_lets_a_bulk_import_through() {
    let settings = Settings { write_limits: None, ..local_push() };
    let app = spawn_app_with(true, settings).await;
    let association = app.new_association("Amicale").await;
    let writer = app.member(association, "Import").await;
    let group = app.group(&app.admin, "Archives", "public").await;
    app.add_to_group(&app.admin, group, &writer).await;
    let device = app.device(&writer);
    for start in (1..=300).step_by(100) {
        let mutations: Vec<Value> =
            (start..start + 100).map(|i| json!({ "id": i, "mutation": post(group, i) })).collect();
        let response = device.push_raw(&json!({ "client_id": device.client_id, "mutations": mutations })).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_eq!(app.count("posts").await, 300);
}
