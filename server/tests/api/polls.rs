//! Polls in groups: organisers create and close them; members vote once (however often the
//! vote is sent) and change their vote until it closes; results shown after voting or only
//! after closing; named or anonymous; nobody outside a private group reaches a poll.

use chrono::{Duration, Utc};
use fabrique_server::polls::close_due;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;

struct Scene {
    app: TestApp,
    group: Uuid,
    organiser: Person,
    awa: Person,
    bruno: Person,
    outsider: Person,
}

/// "Bureau", private, run by Chloé, with Awa and Bruno as members; Oscar is of the same
/// association but not in the group.
async fn scene() -> Scene {
    let app = spawn_app().await;
    let association = app.new_association("Amicale laïque").await;
    let organiser = app.manager(association, "Chloé").await;
    let group = app.group(&organiser, "Bureau", "private").await;
    let awa = app.member(association, "Awa").await;
    let bruno = app.member(association, "Bruno").await;
    let outsider = app.member(association, "Oscar").await;
    app.add_to_group(&organiser, group, &awa).await;
    app.add_to_group(&organiser, group, &bruno).await;
    Scene { app, group, organiser, awa, bruno, outsider }
}

fn poll(id: Uuid, group: Uuid, multiple: bool, anonymous: bool, results_shown: &str) -> Value {
    json!({ "type": "create_poll", "id": id, "group_id": group, "question": "Quelle date pour l'assemblée générale ?",
        "options": ["Samedi 12", "Samedi 19", "Dimanche 20"], "multiple": multiple, "anonymous": anonymous,
        "results_shown": results_shown, "closes_at": Utc::now() + Duration::days(7) })
}

async fn create(scene: &Scene, multiple: bool, anonymous: bool, results_shown: &str) -> Uuid {
    let id = Uuid::now_v7();
    assert_applied(&scene.app.act(&scene.organiser, poll(id, scene.group, multiple, anonymous, results_shown)).await);
    id
}

fn vote(poll: Uuid, choices: &[u32]) -> Value {
    json!({ "type": "vote", "poll_id": poll, "choices": choices })
}

async fn results(scene: &Scene, who: &Person, poll: Uuid) -> (u16, Value) {
    let response = scene.app.get(&format!("/v1/polls/{poll}/results"), Some(&who.token)).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn votes(results: &Value) -> Vec<i64> {
    results["options"].as_array().unwrap().iter().map(|o| o["votes"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn a_vote_sent_again_and_again_from_two_devices_is_counted_once_and_a_new_choice_replaces_it() {
    let scene = scene().await;
    let id = create(&scene, false, false, "after_voting").await;
    let mut phone = scene.app.device(&scene.awa);
    let mut tablet = scene.app.device(&scene.awa);
    for _ in 0..3 {
        assert_applied(&phone.send(vote(id, &[1])).await);
        assert_applied(&tablet.send(vote(id, &[1])).await);
    }
    // The same push again (a retry after a lost answer) is answered, not applied again.
    let retry = json!({ "client_id": phone.client_id, "mutations": [{ "id": phone.next_mutation - 1, "mutation": vote(id, &[1]) }] });
    assert_eq!(phone.push_raw(&retry).await.status(), 200);
    let (status, body) = results(&scene, &scene.awa, id).await;
    assert_eq!(status, 200);
    assert_eq!(votes(&body), [0, 1, 0]);
    assert_eq!(body["voter_count"], 1);

    assert_applied(&phone.send(vote(id, &[2])).await);
    assert_applied(&scene.app.act(&scene.bruno, vote(id, &[2])).await);
    let (_, body) = results(&scene, &scene.organiser, id).await;
    assert_eq!(votes(&body), [0, 0, 2]);
    assert_eq!(body["voter_count"], 2);
    let names: Vec<&str> =
        body["options"][2]["voters"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(names, ["Awa", "Bruno"], "a named poll says who voted what");

    // My vote is on my devices; the poll, with its voter count, in the group.
    phone.sync().await;
    let mine = phone.entities("my_vote");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["choices"], json!([2]));
    let held = &phone.entities("poll")[0];
    assert_eq!(held["voter_count"], 2);
    assert!(held["options"][0]["votes"].is_null(), "counts travel only once closed");

    // Withdrawing takes the vote back.
    assert_applied(&phone.send(vote(id, &[])).await);
    let (_, body) = results(&scene, &scene.organiser, id).await;
    assert_eq!(votes(&body), [0, 0, 1]);
    assert_eq!(body["voter_count"], 1);
    phone.sync().await;
    assert!(phone.entities("my_vote").is_empty());
}

#[tokio::test]
async fn results_shown_after_closing_stay_hidden_from_members_until_the_organiser_closes_the_poll() {
    let scene = scene().await;
    let id = create(&scene, true, true, "after_closing").await;
    assert_applied(&scene.app.act(&scene.awa, vote(id, &[0, 2, 2])).await);
    assert_applied(&scene.app.act(&scene.bruno, vote(id, &[0])).await);
    let (status, body) = results(&scene, &scene.awa, id).await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "results_after_closing");
    let (status, body) = results(&scene, &scene.organiser, id).await;
    assert_eq!(status, 200, "organisers follow the count");
    assert_eq!(votes(&body), [2, 0, 1]);
    assert!(body["options"][0]["voters"].as_array().unwrap().is_empty(), "an anonymous poll names nobody");

    assert_rejected(
        &scene.app.act(&scene.awa, json!({ "type": "close_poll", "poll_id": id })).await,
        "not_an_organiser",
    );
    assert_applied(&scene.app.act(&scene.organiser, json!({ "type": "close_poll", "poll_id": id })).await);
    assert_applied(&scene.app.act(&scene.organiser, json!({ "type": "close_poll", "poll_id": id })).await);
    assert_rejected(&scene.app.act(&scene.bruno, vote(id, &[1])).await, "poll_closed");
    let (status, body) = results(&scene, &scene.awa, id).await;
    assert_eq!(status, 200);
    assert_eq!(votes(&body), [2, 0, 1], "a vote after closing changed nothing");
    let mut device = scene.app.device(&scene.bruno);
    device.sync().await;
    let held = &device.entities("poll")[0];
    assert_eq!(held["closed"], true);
    assert_eq!(held["options"][0]["votes"], 2);
}

#[tokio::test]
async fn a_poll_closes_by_itself_at_its_date() {
    let scene = scene().await;
    let id = create(&scene, false, false, "after_voting").await;
    assert_applied(&scene.app.act(&scene.awa, vote(id, &[0])).await);
    let (closed, _) = close_due(&scene.app.db, Utc::now()).await.unwrap();
    assert_eq!(closed, 0, "not yet");
    let (closed, _) = close_due(&scene.app.db, Utc::now() + Duration::days(8)).await.unwrap();
    assert_eq!(closed, 1);
    let mut device = scene.app.device(&scene.bruno);
    device.sync().await;
    assert_eq!(device.entities("poll")[0]["closed"], true);
    let (status, _) = results(&scene, &scene.bruno, id).await;
    assert_eq!(status, 200, "once closed, every member sees the results");
}

#[tokio::test]
async fn results_shown_after_voting_wait_for_ones_vote() {
    let scene = scene().await;
    let id = create(&scene, false, false, "after_voting").await;
    let (status, body) = results(&scene, &scene.bruno, id).await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "vote_first");
    assert_applied(&scene.app.act(&scene.bruno, vote(id, &[0])).await);
    assert_eq!(results(&scene, &scene.bruno, id).await.0, 200);
}

#[tokio::test]
async fn nobody_outside_a_private_group_reaches_its_poll_and_bad_votes_change_nothing() {
    let scene = scene().await;
    let id = create(&scene, false, false, "after_voting").await;
    for person in [&scene.outsider] {
        assert_rejected(&scene.app.act(person, vote(id, &[0])).await, "poll_not_found");
        assert_rejected(&scene.app.act(person, json!({ "type": "close_poll", "poll_id": id })).await, "poll_not_found");
        assert_eq!(results(&scene, person, id).await.0, 404);
        let mut device = scene.app.device(person);
        device.sync().await;
        assert!(device.entities("poll").is_empty());
    }
    assert_eq!(results(&scene, &scene.awa, Uuid::now_v7()).await.0, 404);
    assert_rejected(&scene.app.act(&scene.awa, vote(id, &[0, 1])).await, "one_choice_only");
    assert_rejected(&scene.app.act(&scene.awa, vote(id, &[3])).await, "unknown_option");
    assert_eq!(scene.app.count("poll_votes").await, 0);
}

#[tokio::test]
async fn only_organisers_create_polls_and_a_poll_says_what_is_wrong_with_it() {
    let scene = scene().await;
    let group = scene.group;
    assert_rejected(
        &scene.app.act(&scene.awa, poll(Uuid::now_v7(), group, false, false, "after_voting")).await,
        "not_an_organiser",
    );
    assert_rejected(
        &scene.app.act(&scene.outsider, poll(Uuid::now_v7(), group, false, false, "after_voting")).await,
        "group_not_found",
    );
    let mut one_option = poll(Uuid::now_v7(), group, false, false, "after_voting");
    one_option["options"] = json!(["Oui"]);
    assert_rejected(&scene.app.act(&scene.organiser, one_option).await, "invalid_field");
    let mut twice = poll(Uuid::now_v7(), group, false, false, "after_voting");
    twice["options"] = json!(["Oui", "oui"]);
    assert_rejected(&scene.app.act(&scene.organiser, twice).await, "duplicate_option");
    let mut past = poll(Uuid::now_v7(), group, false, false, "after_voting");
    past["closes_at"] = json!(Utc::now() - Duration::hours(1));
    assert_rejected(&scene.app.act(&scene.organiser, past).await, "closes_in_the_past");
    let mut empty = poll(Uuid::now_v7(), group, false, false, "after_voting");
    empty["question"] = json!("  ");
    assert_rejected(&scene.app.act(&scene.organiser, empty).await, "invalid_field");
    assert_eq!(scene.app.count("polls").await, 0);

    let id = create(&scene, false, false, "after_voting").await;
    let mut device = scene.app.device(&scene.awa);
    device.sync().await;
    let told: Vec<&Value> =
        device.entities("notification").into_iter().filter(|n| n["kind"] == "poll_created").collect();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["subject_id"], id.to_string());
    let options: Vec<&str> =
        device.entities("poll")[0]["options"].as_array().unwrap().iter().map(|o| o["text"].as_str().unwrap()).collect();
    assert_eq!(options, ["Samedi 12", "Samedi 19", "Dimanche 20"]);
}
