//! The sync invariants of DESIGN.md §5 that the foundation must hold.

use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Person, TestApp, assert_applied, assert_rejected, spawn_app};

async fn club(app: &TestApp) -> (Person, Person, Uuid) {
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let member = app.member(association, "Antoine Blanc").await;
    let group = app.group(&manager, "Entraîneurs", "private").await;
    app.add_to_group(&manager, group, &member).await;
    (manager, member, group)
}

/// A club whose manager also runs a group the member is not in ("Ailleurs"), without write
/// limits (for bulk writes).
async fn club_and_elsewhere_without_write_limits() -> (TestApp, Person, Person, Uuid, Uuid) {
    let settings = fabrique_server::config::Settings { write_limits: None, ..crate::helpers::local_push() };
    let app = crate::helpers::spawn_app_with(true, settings).await;
    let (manager, member, group) = club(&app).await;
    let elsewhere = app.group(&manager, "Ailleurs", "private").await;
    (app, manager, member, group, elsewhere)
}

fn create_post(group: Uuid, body: &str) -> (Uuid, Value) {
    let id = Uuid::now_v7();
    (id, json!({ "type": "create_post", "id": id, "group_id": group, "kind": "news", "body": body }))
}

#[tokio::test]
async fn the_same_mutation_pushed_twice_at_once_applies_once() {
    let app = spawn_app().await;
    let (manager, _, group) = club(&app).await;
    let device = app.device(&manager);
    let (post, mutation) = create_post(group, "Une seule fois");
    let body = json!({ "client_id": device.client_id, "mutations": [{ "id": 1, "mutation": mutation }] });

    let (a, b) = tokio::join!(device.push_raw(&body), device.push_raw(&body));

    assert_eq!(a.status(), StatusCode::OK);
    assert_eq!(b.status(), StatusCode::OK);
    let (a, b): (Value, Value) = (a.json().await.unwrap(), b.json().await.unwrap());
    assert_eq!(a["results"][0]["outcome"]["status"], "applied");
    assert_eq!(b["results"][0]["outcome"]["status"], "applied", "the retry is told it applied");
    assert_eq!(a["last_mutation_id"], 1);
    assert_eq!(b["last_mutation_id"], 1);
    let stored: i64 = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT COUNT(*) FROM posts WHERE id = $1").bind(post).fetch_one(c).await).unwrap();
    assert_eq!(stored, 1);
}

/// Copies of one push sent at once land together in the writer's batch on SQLite: the later
/// copies must see the first one's outcome before it is written (it is written at commit).
#[tokio::test]
async fn copies_of_a_push_sent_at_once_are_each_told_the_one_outcome() {
    let app = spawn_app().await;
    let (manager, _, group) = club(&app).await;
    let outsider = app.member(manager.organisation_id, "Oscar Outsider").await;
    for (person, expected) in [(&manager, "applied"), (&outsider, "rejected")] {
        let device = app.device(person);
        let body = json!({ "client_id": device.client_id, "mutations": [
            { "id": 1, "mutation": create_post(group, "Une seule fois").1 },
            { "id": 2, "mutation": { "type": "update_profile", "update": { "bio": "Bénévole" } } },
        ] });
        let answers = futures::future::join_all((0..8).map(|_| device.push_raw(&body))).await;
        for answer in answers {
            assert_eq!(answer.status(), StatusCode::OK);
            let answer: Value = answer.json().await.unwrap();
            assert_eq!(answer["results"][0]["outcome"]["status"], expected, "{answer}");
            assert_eq!(answer["results"][1]["outcome"]["status"], "applied", "{answer}");
            assert_eq!(answer["last_mutation_id"], 2);
        }
        // Only a refusal keeps a row (an applied mutation is told by the client's progress).
        let recorded: i64 = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar(
            "SELECT COUNT(*) FROM sync_mutations WHERE client_id = $1").bind(device.client_id).fetch_one(c).await)
        .unwrap();
        assert_eq!(recorded, i64::from(expected == "rejected"), "a refusal recorded once");
    }
    assert_eq!(app.count("posts").await, 1, "the member's post, once; the outsider's refused");
}

#[tokio::test]
async fn a_batch_replayed_after_a_lost_answer_applies_each_mutation_once() {
    let app = spawn_app().await;
    let (manager, _, group) = club(&app).await;
    let device = app.device(&manager);
    let mutations: Vec<Value> =
        (1..=3).map(|i| json!({ "id": i, "mutation": create_post(group, &format!("Message {i}")).1 })).collect();
    let first = json!({ "client_id": device.client_id, "mutations": mutations[..2] });
    let replay = json!({ "client_id": device.client_id, "mutations": mutations });

    assert_eq!(device.push_raw(&first).await.status(), StatusCode::OK);
    let response: Value = device.push_raw(&replay).await.json().await.unwrap();

    assert_eq!(response["last_mutation_id"], 3);
    assert_eq!(response["results"].as_array().unwrap().len(), 3);
    assert_eq!(app.count("posts").await, 3);
}

#[tokio::test]
async fn a_gap_is_refused_with_the_expected_id_and_changes_nothing() {
    let app = spawn_app().await;
    let (manager, _, group) = club(&app).await;
    let device = app.device(&manager);
    let body = json!({ "client_id": device.client_id, "mutations": [{ "id": 2, "mutation": create_post(group, "Trop tôt").1 }] });

    let response = device.push_raw(&body).await;

    assert_eq!(response.status(), StatusCode::CONFLICT);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "mutation_gap");
    assert_eq!(error["error"]["details"]["expected_mutation_id"], 1);
    assert_eq!(app.count("posts").await, 0);
}

#[tokio::test]
async fn a_rejected_mutation_terminates_and_the_next_one_applies() {
    let app = spawn_app().await;
    let (manager, member, group) = club(&app).await;
    let outsider = app.member(manager.organisation_id, "Oscar Outsider").await;
    let mut device = app.device(&outsider);

    let rejected = device.send(create_post(group, "Je ne suis pas membre").1).await;
    assert_rejected(&rejected, "not_a_member");
    assert!(rejected["message"].as_str().is_some_and(|m| !m.is_empty()), "a sentence to show the person");

    // Pushed again (the answer was lost): the same rejection, not a retry.
    let replay = device.push_raw(&json!({ "client_id": device.client_id, "mutations": [{ "id": 1, "mutation": create_post(group, "x").1 }] })).await;
    let replay: Value = replay.json().await.unwrap();
    assert_eq!(replay["results"][0]["outcome"]["code"], "not_a_member");
    assert_eq!(replay["last_mutation_id"], 1);

    let applied = device.send(json!({ "type": "update_profile", "update": { "bio": "Bénévole" } })).await;
    assert_applied(&applied);
    let page = device.pull_once(500).await;
    assert_eq!(page["last_mutation_id"], 2);
    assert_eq!(app.count("posts").await, 0);
    let _ = member;
}

#[tokio::test]
async fn a_client_id_belongs_to_the_first_person_who_used_it() {
    let app = spawn_app().await;
    let (manager, member, group) = club(&app).await;
    let mut device = app.device(&manager);
    assert_applied(&device.send(create_post(group, "À moi").1).await);

    let mut stolen = app.device(&member);
    stolen.client_id = device.client_id;
    let response = stolen.push_raw(&json!({ "client_id": device.client_id, "mutations": [{ "id": 2, "mutation": create_post(group, "Usurpé").1 }] })).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "client_id_taken");
    let pull = app.post("/v1/sync/pull", Some(&member.token), &json!({ "client_id": device.client_id })).await;
    assert_eq!(pull.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("posts").await, 1);
}

#[tokio::test]
async fn the_cursor_is_monotonic_and_complete_under_concurrent_writers() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let group = app.group(&manager, "Tous", "public").await;
    let mut writers = Vec::new();
    for i in 0..4 {
        let person = app.member(association, &format!("Rédacteur {i}")).await;
        app.add_to_group(&manager, group, &person).await;
        writers.push(person);
    }
    let mut reader = app.device(&manager);
    reader.sync().await;
    // The first sync sends each scope's snapshot in turn; from here on, one stream of changes.
    reader.seen_seqs.clear();

    // Four devices write 15 posts each while the reader pulls small pages.
    let writing = futures::future::join_all(writers.iter().map(|person| {
        let mut device = app.device(person);
        async move {
            let mut ids = Vec::new();
            for n in 0..15 {
                let (id, mutation) = create_post(group, &format!("Post {n}"));
                assert_applied(&device.send(mutation).await);
                ids.push(id);
            }
            ids
        }
    }));
    let reading = async {
        for _ in 0..40 {
            reader.pull_once(7).await;
        }
    };
    let (written, ()) = tokio::join!(writing, reading);
    reader.sync_with_limit(7).await;

    let seqs = &reader.seen_seqs;
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "sequence numbers only grow: {seqs:?}");
    let held: HashSet<Uuid> =
        reader.entities("post").iter().map(|p| p["id"].as_str().unwrap().parse().unwrap()).collect();
    for id in written.into_iter().flatten() {
        assert!(held.contains(&id), "post {id} reached the reader");
    }
}

#[tokio::test]
async fn removal_from_a_private_group_purges_it_and_nothing_leaks_after() {
    let app = spawn_app().await;
    let (manager, member, group) = club(&app).await;
    let mut device = app.device(&member);
    let before = app.post_in(&manager, group, "Avant le départ").await;
    device.sync().await;
    assert!(device.has("post", before));

    assert_applied(
        &app.act(&manager, json!({ "type": "remove_member", "group_id": group, "person_id": member.id })).await,
    );
    let pages = device.sync().await;
    assert!(pages[0]["purged_scopes"].as_array().unwrap().contains(&json!(format!("group:{group}"))));
    assert!(!device.holds_scope(&format!("group:{group}")));

    let after = app.post_in(&manager, group, "Après le départ").await;
    assert_applied(&app.act(&manager, json!({ "type": "edit_post", "id": before, "body": "Modifié après" })).await);
    for _ in 0..2 {
        let pages = device.sync().await;
        for page in pages {
            for change in page["changes"].as_array().unwrap() {
                assert_ne!(change["scope"], format!("group:{group}"), "nothing of the group after removal: {change}");
            }
        }
    }
    assert!(!device.has("post", after));
    assert_eq!(app.get(&format!("/v1/posts/{after}"), Some(&member.token)).await.status(), StatusCode::NOT_FOUND);
    // Posting into the group from the device is rejected and terminates.
    assert_rejected(&device.send(create_post(group, "Encore là ?").1).await, "not_a_member");
}

#[tokio::test]
async fn a_person_who_joins_receives_the_groups_history_page_by_page() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let group = app.group(&manager, "Archives", "public").await;
    let mut history = Vec::new();
    for i in 0..25 {
        history.push(app.post_in(&manager, group, &format!("Compte rendu {i}")).await);
    }
    let deleted = history.pop().unwrap();
    assert_applied(&app.act(&manager, json!({ "type": "delete_post", "id": deleted })).await);
    let newcomer = app.member(association, "Nouvelle").await;
    let mut device = app.device(&newcomer);
    device.sync().await;

    assert_applied(&app.act(&newcomer, json!({ "type": "join_group", "group_id": group })).await);
    let pages = device.sync_with_limit(10).await;

    assert!(pages.len() >= 3, "the snapshot came in bounded pages");
    for id in &history {
        assert!(device.has("post", *id));
    }
    assert!(!device.has("post", deleted));
    assert_eq!(device.entities("group").len(), 1);
    // The group's admin is listed to its readers; the newcomer, who keeps to her
    // association, is listed in her own scope only.
    assert_eq!(device.entities_in(&format!("group:{group}"), "group_member").len(), 1);
    assert_eq!(
        device.entities_in(&format!("person:{}", newcomer.id), "group_member").len(),
        1,
        "one's own groups, in one's own scope"
    );
}

#[tokio::test]
async fn a_deletion_during_a_snapshot_still_reaches_the_device() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let group = app.group(&manager, "Archives", "public").await;
    let first = app.post_in(&manager, group, "Premier").await;
    for i in 0..10 {
        app.post_in(&manager, group, &format!("Suite {i}")).await;
    }
    let newcomer = app.member(association, "Nouvelle").await;
    assert_applied(&app.act(&newcomer, json!({ "type": "join_group", "group_id": group })).await);
    let mut device = app.device(&newcomer);

    let page = device.pull_once(4).await;
    assert_eq!(page["has_more"], true);
    assert!(device.has("post", first), "the oldest post came in the first page");
    assert_applied(&app.act(&manager, json!({ "type": "delete_post", "id": first })).await);
    device.sync_with_limit(4).await;

    assert!(!device.has("post", first), "the deletion arrived although it happened mid-snapshot");
    assert_eq!(device.entities("post").len(), 10);
}

#[tokio::test]
async fn deletes_win_over_concurrent_edits_and_comments() {
    let app = spawn_app().await;
    let (manager, member, group) = club(&app).await;
    let post = app.post_in(&member, group, "Proposition").await;
    let comment = Uuid::now_v7();
    assert_applied(
        &app.act(&manager, json!({ "type": "create_comment", "id": comment, "post_id": post, "body": "Bonne idée" }))
            .await,
    );
    let mut manager_device = app.device(&manager);
    manager_device.sync().await;
    assert!(manager_device.has("comment", comment));

    // The author deletes while the manager, offline, edits the comment and comments again.
    assert_applied(&app.act(&member, json!({ "type": "delete_post", "id": post })).await);
    assert_rejected(
        &manager_device.send(json!({ "type": "edit_comment", "id": comment, "body": "Encore mieux" })).await,
        "deleted",
    );
    assert_rejected(
        &manager_device
            .send(json!({ "type": "create_comment", "id": Uuid::now_v7(), "post_id": post, "body": "?" }))
            .await,
        "deleted",
    );
    manager_device.sync().await;

    assert!(!manager_device.has("post", post));
    assert!(!manager_device.has("comment", comment));
}

#[tokio::test]
async fn two_devices_commenting_at_once_converge_to_the_same_view() {
    let app = spawn_app().await;
    let (manager, member, group) = club(&app).await;
    let post = app.post_in(&manager, group, "Qui vient samedi ?").await;
    let mut a = app.device(&manager);
    let mut b = app.device(&member);
    a.sync().await;
    b.sync().await;

    let comment = |body: &str| json!({ "type": "create_comment", "id": Uuid::now_v7(), "post_id": post, "body": body });
    let (ra, rb) = tokio::join!(a.send(comment("Moi")), b.send(comment("Moi aussi")));
    assert_applied(&ra);
    assert_applied(&rb);
    a.sync().await;
    b.sync().await;

    assert_eq!(a.entities("comment"), b.entities("comment"));
    assert_eq!(a.entities("post"), b.entities("post"));
    assert_eq!(a.entities("post")[0]["comment_count"], 2);
}

#[tokio::test]
async fn a_cursor_older_than_the_compaction_gets_a_reset() {
    let app = spawn_app().await;
    let (manager, member, group) = club(&app).await;
    let kept = app.post_in(&manager, group, "Gardé").await;
    let gone = app.post_in(&manager, group, "Supprimé").await;
    let mut device = app.device(&member);
    device.sync().await;
    assert_applied(&app.act(&manager, json!({ "type": "delete_post", "id": gone })).await);

    let compacted =
        fabrique_server::sync::log::compact(&app.db, chrono::Utc::now() + chrono::Duration::seconds(1)).await.unwrap();
    assert!(compacted >= 1);
    let pages = device.sync().await;

    assert_eq!(pages[0]["reset"], true);
    assert!(device.has("post", kept));
    assert!(!device.has("post", gone));
    let again = device.sync().await;
    assert_eq!(again[0]["reset"], false);
}

#[tokio::test]
async fn the_pull_reports_the_last_mutation_in_the_same_snapshot() {
    let app = spawn_app().await;
    let (manager, _, group) = club(&app).await;
    let mut device = app.device(&manager);
    let (post, mutation) = create_post(group, "Écrit hors ligne");
    assert_applied(&device.send(mutation).await);
    let page = device.pull_once(500).await;
    assert_eq!(page["last_mutation_id"], 1);
    assert!(device.has("post", post), "mutation 1 is reflected in the changes that say it is applied");
}

#[tokio::test]
async fn the_event_stream_pokes_when_something_visible_changes() {
    let app = spawn_app().await;
    let (manager, member, group) = club(&app).await;
    let mut response = app.client.get(app.url("/v1/sync/events")).bearer_auth(&member.token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
    let first = response.chunk().await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("event: poke"), "a first poke on connection");

    app.post_in(&manager, group, "Nouveau").await;
    let next = tokio::time::timeout(std::time::Duration::from_secs(10), response.chunk())
        .await
        .expect("a poke arrives")
        .unwrap()
        .unwrap();
    assert!(String::from_utf8_lossy(&next).contains("event: poke"));
}

#[tokio::test]
async fn a_new_member_is_poked_about_the_group_they_just_joined() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let newcomer = app.member(association, "Nouvelle").await;
    let group = app.group(&manager, "Public", "public").await;
    let mut response = app.client.get(app.url("/v1/sync/events")).bearer_auth(&newcomer.token).send().await.unwrap();
    response.chunk().await.unwrap().unwrap();

    assert_applied(&app.act(&newcomer, json!({ "type": "join_group", "group_id": group })).await);
    let joined = tokio::time::timeout(std::time::Duration::from_secs(10), response.chunk())
        .await
        .expect("a poke for the join")
        .unwrap()
        .unwrap();
    assert!(String::from_utf8_lossy(&joined).contains("poke"));
    app.post_in(&manager, group, "Bienvenue").await;
    let posted = tokio::time::timeout(std::time::Duration::from_secs(10), response.chunk())
        .await
        .expect("a poke for the new group's post")
        .unwrap()
        .unwrap();
    assert!(String::from_utf8_lossy(&posted).contains("poke"));
}

/// The next chunk of a live channel, within 10 s.
async fn next_poke(response: &mut reqwest::Response) -> String {
    let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), response.chunk()).await;
    String::from_utf8_lossy(&chunk.expect("a poke arrives").unwrap().unwrap()).into_owned()
}

#[tokio::test]
async fn a_live_channel_learns_of_a_conversation_someone_else_added_them_to() {
    // Channels read their person's scopes again only when told those changed: here by the
    // other person's write, not their own.
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let member = app.member(association, "Awa Diallo").await;
    let third = app.member(association, "Bruno Petit").await;
    let mut response = app.client.get(app.url("/v1/sync/events")).bearer_auth(&member.token).send().await.unwrap();
    response.chunk().await.unwrap().unwrap();

    let conversation = Uuid::now_v7();
    let start = json!({ "type": "start_conversation", "id": conversation, "person_ids": [member.id, third.id] });
    assert_applied(&app.act(&manager, start).await);
    assert!(next_poke(&mut response).await.contains("poke"), "poked about the new conversation");
    let message =
        json!({ "type": "send_message", "id": Uuid::now_v7(), "conversation_id": conversation, "body": "Bonjour" });
    assert_applied(&app.act(&manager, message).await);
    assert!(next_poke(&mut response).await.contains("poke"), "poked about a message in it");
}

#[tokio::test]
async fn a_device_back_after_many_changes_everywhere_gets_exactly_its_own() {
    // More changes than the pull's sequence walk covers (500): both ways of reading run.
    // 700 posts from one person in a moment: a bulk import, without write limits.
    let (app, manager, member, group, elsewhere) = club_and_elsewhere_without_write_limits().await;
    let mut device = app.device(&member);
    device.sync().await;
    device.seen_seqs.clear();

    let writer = app.device(&manager);
    let mut mine = Vec::new();
    for batch in 0..7u64 {
        let mutations: Vec<Value> = (1..=100u64)
            .map(|i| {
                let n = batch * 100 + i;
                let target = if n % 3 == 0 { group } else { elsewhere };
                let (id, mutation) = create_post(target, &format!("Message {n}"));
                if target == group {
                    mine.push(id);
                }
                json!({ "id": n, "mutation": mutation })
            })
            .collect();
        let response = writer.push_raw(&json!({ "client_id": writer.client_id, "mutations": mutations })).await;
        assert_eq!(response.status(), StatusCode::OK);
    }

    let pages = device.sync_with_limit(50).await;

    assert!(pages.len() > 4);
    assert!(device.seen_seqs.windows(2).all(|w| w[0] < w[1]));
    let held: HashSet<Uuid> =
        device.entities("post").iter().map(|p| p["id"].as_str().unwrap().parse().unwrap()).collect();
    assert_eq!(held.len(), mine.len(), "every post of the member's group, and nothing from elsewhere");
    for id in mine {
        assert!(held.contains(&id));
    }
}

#[tokio::test]
async fn a_change_far_behind_many_changes_elsewhere_still_reaches_a_device_kept_up_to_date() {
    // A device kept up to date has its pull read with the page after its cursor, up to 500
    // numbers further; a change of its own beyond that window must still come, in the same pull.
    let (app, manager, member, group, elsewhere) = club_and_elsewhere_without_write_limits().await;
    let mut device = app.device(&member);
    device.sync().await;

    let writer = app.device(&manager);
    for batch in 0..6u64 {
        let mutations: Vec<Value> = (1..=100u64)
            .map(|i| json!({ "id": batch * 100 + i, "mutation": create_post(elsewhere, &format!("Ailleurs {i}")).1 }))
            .collect();
        let response = writer.push_raw(&json!({ "client_id": writer.client_id, "mutations": mutations })).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let (mine, post) = create_post(group, "Pour le groupe");
    assert_applied(&app.act(&manager, post).await);

    let pages = device.sync().await;

    assert_eq!(pages.len(), 1, "one pull");
    let held: Vec<String> = device.entities("post").iter().map(|p| p["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(held, vec![mine.to_string()], "the group's post, nothing from elsewhere");
}

#[tokio::test]
async fn a_write_is_answered_only_once_its_transaction_is_on_disk() {
    // SQLite syncs its log at each commit (FULL), so an acknowledged write survives a power
    // cut; PostgreSQL's commit waits for its log on disk (synchronous_commit on).
    let app = spawn_app().await;
    match &app.db {
        fabrique_server::db::Db::Sqlite { write, .. } => {
            let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous").fetch_one(write).await.unwrap();
            assert_eq!(synchronous, 2, "PRAGMA synchronous is FULL (2) on the writing connection");
        }
        fabrique_server::db::Db::Postgres(pool) => {
            let setting: String = sqlx::query_scalar("SHOW synchronous_commit").fetch_one(pool).await.unwrap();
            assert_eq!(setting, "on");
        }
    }
}

#[tokio::test]
async fn concurrent_pushes_applied_together_each_get_their_own_outcome_and_none_is_lost() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let group = app.group(&manager, "Tous", "public").await;
    let closed = app.group(&manager, "Bureau", "private").await;
    let mut writers = Vec::new();
    for i in 0..12 {
        let person = app.member(association, &format!("Rédacteur {i}")).await;
        app.add_to_group(&manager, group, &person).await;
        writers.push(person);
    }
    // Twelve devices push at the same moment, three posts each: most are fine, every fourth
    // writer's second post goes to a private group they are not in (refused), and one device
    // starts with a gap (refused as a whole, nothing applied).
    let pushes = futures::future::join_all(writers.iter().enumerate().map(|(w, person)| {
        let device = app.device(person);
        async move {
            let mutations: Vec<Value> = (1..=3)
                .map(|i| {
                    let target = if w % 4 == 0 && i == 2 { closed } else { group };
                    json!({ "id": if w == 5 { i + 1 } else { i }, "mutation": create_post(target, &format!("{w}-{i}")).1 })
                })
                .collect();
            let response = device.push_raw(&json!({ "client_id": device.client_id, "mutations": mutations })).await;
            (w, response.status(), response.json::<Value>().await.unwrap())
        }
    }))
    .await;
    let mut expected_posts = 0;
    for (w, status, body) in pushes {
        if w == 5 {
            assert_eq!(status, StatusCode::CONFLICT, "{body}");
            assert_eq!(body["error"]["details"]["expected_mutation_id"], 1);
            continue;
        }
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["last_mutation_id"], 3);
        for (i, result) in body["results"].as_array().unwrap().iter().enumerate() {
            if w % 4 == 0 && i == 1 {
                assert_rejected(&result["outcome"], "not_a_member");
            } else {
                assert_eq!(result["outcome"]["status"], "applied", "{body}");
                expected_posts += 1;
            }
        }
    }
    assert_eq!(app.count("posts").await, expected_posts, "every applied post is stored, once; no refused one");
    // And every one reaches a reader, in order.
    let mut reader = app.device(&manager);
    reader.sync().await;
    assert_eq!(reader.entities("post").len() as i64, expected_posts);
}

#[tokio::test]
async fn the_cursor_stays_small_for_a_person_in_hundreds_of_groups() {
    // Write limits off: one organiser creates 300 groups in a few seconds.
    let settings = fabrique_server::config::Settings { write_limits: None, ..crate::helpers::local_push() };
    let app = crate::helpers::spawn_app_with(true, settings).await;
    let association = app.new_association("Fédération").await;
    let organiser = app.manager(association, "Karim Haddad").await;
    let member = app.member(association, "Antoine Blanc").await;
    // 300 public groups, each with a post, all joined by one member.
    let mut creator = app.device(&organiser);
    let mut joiner = app.device(&member);
    let (mut groups, mut posts) = (Vec::new(), Vec::new());
    for i in 0..300 {
        let group = Uuid::now_v7();
        assert_applied(
            &creator
                .send(json!({ "type": "create_group", "id": group, "name": format!("Groupe {i}"), "organisation_id": association, "visibility": "public" }))
                .await,
        );
        let (post, mutation) = create_post(group, &format!("Bienvenue dans le groupe {i}"));
        assert_applied(&creator.send(mutation).await);
        assert_applied(&joiner.send(json!({ "type": "join_group", "group_id": group })).await);
        groups.push(group);
        posts.push(post);
    }

    let mut device = app.device(&member);
    let pages = device.sync_with_limit(100).await;
    assert!(pages.len() >= 6, "the first sync came in pages");
    let longest = pages.iter().map(|page| page["cursor"].as_str().unwrap().len()).max().unwrap();
    assert!(longest < 300, "a cursor of {longest} bytes in the middle of the first sync");
    for post in &posts {
        assert!(device.has("post", *post));
    }
    let cursor = device.cursor.clone().unwrap();
    assert!(cursor.len() < 100, "a cursor of {} bytes at rest, in 300 groups", cursor.len());

    // A new post in one of them arrives alone; the cursor keeps its size.
    let (late, mutation) = create_post(groups[150], "Nouvelle");
    assert_applied(&creator.send(mutation).await);
    let pages = device.sync().await;
    assert_eq!(pages[0]["changes"].as_array().unwrap().len(), 1);
    assert!(device.has("post", late));
    assert!(device.cursor.as_ref().unwrap().len() < 100);
}

#[tokio::test]
async fn a_member_who_leaves_and_comes_back_sees_what_was_deleted_while_away_gone() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let member = app.member(association, "Antoine Blanc").await;
    let group = app.group(&manager, "Sorties", "public").await;
    let kept = app.post_in(&manager, group, "Sortie de printemps").await;
    let removed = app.post_in(&manager, group, "Sortie annulée").await;
    assert_applied(&app.act(&member, json!({ "type": "join_group", "group_id": group })).await);
    let mut device = app.device(&member);
    device.sync().await;
    assert!(device.has("post", removed));

    // Leaves and comes back between two pulls of this device, while a post is deleted.
    assert_applied(&app.act(&member, json!({ "type": "leave_group", "group_id": group })).await);
    assert_applied(&app.act(&manager, json!({ "type": "delete_post", "id": removed })).await);
    assert_applied(&app.act(&member, json!({ "type": "join_group", "group_id": group })).await);
    let pages = device.sync().await;

    assert!(pages[0]["purged_scopes"].as_array().unwrap().contains(&json!(format!("group:{group}"))));
    assert!(!device.has("post", removed), "deleted while the member was away: gone from the phone too");
    assert!(device.has("post", kept), "the group came back in full");
    // Nothing purged again at the next pull.
    let pages = device.sync().await;
    assert!(pages[0]["purged_scopes"].as_array().unwrap().is_empty());
    assert!(device.has("post", kept));
}

#[tokio::test]
async fn a_device_up_to_date_before_the_small_cursor_goes_on_without_starting_over() {
    use base64::Engine;
    let app = spawn_app().await;
    let (manager, member, group) = club(&app).await;
    let mut device = app.device(&member);
    device.sync().await;
    let first = app.post_in(&manager, group, "Avant la mise à jour").await;
    let held = device.store.len();

    // What the previous server version gave: the counter and the list of scopes held.
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let current: Value = serde_json::from_slice(&engine.decode(device.cursor.as_ref().unwrap()).unwrap()).unwrap();
    let high = current["seq"].as_i64().unwrap();
    let scopes: Vec<String> = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar(
        "SELECT scope FROM person_scopes WHERE person_id = $1 AND NOT revoked").bind(member.id).fetch_all(c).await)
    .unwrap();
    let listing = json!({ "seq": high, "known": scopes, "pending": [] });
    device.cursor = Some(engine.encode(serde_json::to_vec(&listing).unwrap()));

    let pages = device.sync().await;
    assert_eq!(pages[0]["reset"], false, "no start over");
    assert_eq!(pages[0]["changes"].as_array().unwrap().len(), 1, "only what changed since");
    assert!(device.has("post", first));
    assert_eq!(device.store.len(), held + 1);

    // One caught in the middle of a first sync starts over, and converges.
    let listing = json!({ "seq": high, "known": [], "pending": [{ "scope": format!("group:{group}"), "after": 0, "start": high }] });
    device.cursor = Some(engine.encode(serde_json::to_vec(&listing).unwrap()));
    let pages = device.sync().await;
    assert_eq!(pages[0]["reset"], true);
    assert!(device.has("post", first));
    assert_eq!(device.store.len(), held + 1);
}

#[tokio::test]
async fn a_pull_lets_in_a_live_session_only_and_notes_when_the_person_was_seen() {
    let app = spawn_app().await;
    let (_, member, _) = club(&app).await;
    let pull = |token: String| {
        let app = &app;
        async move { app.post("/v1/sync/pull", Some(&token), &json!({ "client_id": Uuid::new_v4() })).await.status() }
    };
    let now = chrono::Utc::now();
    let mut tx = app.db.begin_write().await.unwrap();
    fabrique_server::exec!(&mut tx, sqlx::query("UPDATE people SET last_seen_at = NULL WHERE id = $1").bind(member.id))
        .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(pull(member.token.clone()).await, StatusCode::OK);
    let seen: Option<chrono::DateTime<chrono::Utc>> = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar(
        "SELECT last_seen_at FROM people WHERE id = $1").bind(member.id).fetch_one(c).await)
    .unwrap();
    assert!(seen.is_some(), "the pull noted that the person used the app");

    assert_eq!(pull("fq_forged".into()).await, StatusCode::UNAUTHORIZED);
    let expired = app.sign_in(&member.email, crate::helpers::PASSWORD).await;
    let mut tx = app.db.begin_write().await.unwrap();
    fabrique_server::exec!(
        &mut tx,
        sqlx::query("UPDATE sessions SET expires_at = $1 WHERE token_hash = $2")
            .bind(now - chrono::Duration::minutes(1))
            .bind(fabrique_server::auth::hash_token(&expired.token))
    )
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(pull(expired.token.clone()).await, StatusCode::UNAUTHORIZED, "an expired session");
    let other = app.sign_in(&member.email, crate::helpers::PASSWORD).await;
    assert_eq!(app.post("/v1/auth/sign-out", Some(&other.token), &json!({})).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(pull(other.token.clone()).await, StatusCode::UNAUTHORIZED, "a session signed out");
    assert_eq!(pull(member.token.clone()).await, StatusCode::OK, "the person's other session lives on");
    let mut tx = app.db.begin_write().await.unwrap();
    fabrique_server::exec!(
        &mut tx,
        sqlx::query("UPDATE people SET deactivated_at = $1 WHERE id = $2").bind(now).bind(member.id)
    )
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(pull(member.token.clone()).await, StatusCode::UNAUTHORIZED, "a person deactivated");
}
