//! Notifications and each person's choices: kinds muted, a level per group, quiet hours
//! (pushes held, the list kept); mentions, join requests, and new posts of followed groups
//! collapsed into one notification (and one push) per burst.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;

async fn notifications(app: &TestApp, person: &Person) -> Vec<Value> {
    let mut device = app.device(person);
    device.sync().await;
    device.entities("notification").into_iter().cloned().collect()
}

fn of_kind<'a>(items: &'a [Value], kind: &str) -> Vec<&'a Value> {
    items.iter().filter(|n| n["kind"] == kind).collect()
}

/// A device of `person` at a (loopback) push service: its deliveries are counted in the outbox.
async fn with_device(app: &TestApp, person: &Person) {
    let body = json!({ "endpoint": format!("http://127.0.0.1:9/push/{}", Uuid::new_v4()),
        "p256dh": "BAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4fICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8",
        "auth": "AAECAwQFBgcICQoLDA0ODw", "label": "Téléphone" });
    let response = app.post("/v1/push/subscriptions", Some(&person.token), &body).await;
    assert_eq!(response.status(), 201, "{:?}", response.text().await);
}

async fn deliveries(app: &TestApp) -> Vec<(String, Option<String>, String)> {
    fabrique_server::on_db!(&app.db, c => sqlx::query_as::<_, (String, Option<String>, String)>(
        "SELECT payload, topic, state FROM push_deliveries ORDER BY id").fetch_all(c).await)
    .unwrap()
}

async fn ask(app: &TestApp, person: &Person, group: Uuid, title: &str) -> Value {
    app.act(person, json!({ "type": "ask_question", "id": Uuid::now_v7(), "group_ids": [group], "title": title })).await
}

#[tokio::test]
async fn a_muted_kind_and_a_group_set_to_nothing_tell_nothing_but_what_is_personal_still_comes() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let asker = app.member(association, "Awa").await;
    let quiet = app.member(association, "Bruno").await;
    let group = app.group(&app.admin, "Trésorerie", "public").await;
    app.add_to_group(&app.admin, group, &asker).await;
    app.add_to_group(&app.admin, group, &quiet).await;

    assert_applied(
        &app.act(&quiet, json!({ "type": "set_group_notification_level", "group_id": group, "level": "nothing" }))
            .await,
    );
    let question = ask(&app, &asker, group, "Qui a le RIB de l'association ?").await;
    assert_applied(&question);
    assert!(of_kind(&notifications(&app, &quiet).await, "question_asked").is_empty(), "the group says nothing");

    // What is personal ignores the group's level: an answer accepted.
    let question_id = Uuid::now_v7();
    assert_applied(
        &app.act(
            &asker,
            json!({ "type": "ask_question", "id": question_id, "group_ids": [group], "title": "Et le SIRET ?" }),
        )
        .await,
    );
    let answer_id = Uuid::now_v7();
    assert_applied(
        &app.act(&quiet, json!({ "type": "answer_question", "id": answer_id, "question_id": question_id, "body": "Sur l'avis INSEE." }))
            .await,
    );
    assert_applied(
        &app.act(&asker, json!({ "type": "accept_answer", "question_id": question_id, "answer_id": answer_id })).await,
    );
    assert_eq!(of_kind(&notifications(&app, &quiet).await, "answer_accepted").len(), 1);

    // Muting a kind stops it entirely.
    assert_applied(
        &app.act(&asker, json!({ "type": "set_notification_settings", "time_zone": "Europe/Paris", "muted_kinds": ["question_answered"] }))
            .await,
    );
    let another = Uuid::now_v7();
    assert_applied(
        &app.act(
            &asker,
            json!({ "type": "ask_question", "id": another, "group_ids": [group], "title": "Une salle ?" }),
        )
        .await,
    );
    assert_applied(
        &app.act(
            &quiet,
            json!({ "type": "answer_question", "id": Uuid::now_v7(), "question_id": another, "body": "La 3." }),
        )
        .await,
    );
    let held = notifications(&app, &asker).await;
    assert_eq!(of_kind(&held, "question_answered").len(), 1, "only the answer from before muting: {held:?}");
}

#[tokio::test]
async fn settings_are_kept_in_the_persons_scope_and_nonsense_is_refused_without_change() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let awa = app.member(association, "Awa").await;
    let group = app.group(&app.admin, "Bénévoles", "public").await;
    app.add_to_group(&app.admin, group, &awa).await;
    assert_applied(
        &app.act(
            &awa,
            json!({ "type": "set_notification_settings", "time_zone": "America/Cayenne",
            "quiet_hours": { "start": "21:30", "end": "07:00" }, "muted_kinds": ["mention", "group_activity"] }),
        )
        .await,
    );
    assert_applied(
        &app.act(&awa, json!({ "type": "set_group_notification_level", "group_id": group, "level": "everything" }))
            .await,
    );
    let mut device = app.device(&awa);
    device.sync().await;
    let settings = device.entities("notification_settings");
    assert_eq!(settings.len(), 1);
    assert_eq!(settings[0]["time_zone"], "America/Cayenne");
    assert_eq!(settings[0]["quiet_hours"], json!({ "start": "21:30", "end": "07:00" }));
    assert_eq!(settings[0]["muted_kinds"], json!(["group_activity", "mention"]));
    assert_eq!(settings[0]["group_levels"], json!([{ "group_id": group, "level": "everything" }]));

    for bad in [
        json!({ "type": "set_notification_settings", "time_zone": "Mars/Olympus" }),
        json!({ "type": "set_notification_settings", "time_zone": "Europe/Paris", "quiet_hours": { "start": "25:00", "end": "07:00" } }),
        json!({ "type": "set_notification_settings", "time_zone": "Europe/Paris", "quiet_hours": { "start": "07:00", "end": "07:00" } }),
    ] {
        assert_rejected(&app.act(&awa, bad).await, "invalid_field");
    }
    let unknown = app
        .device(&awa)
        .push_raw(&json!({ "client_id": Uuid::new_v4(), "mutations": [{ "id": 1, "mutation":
            { "type": "set_notification_settings", "time_zone": "Europe/Paris", "muted_kinds": ["spam"] } }] }))
        .await;
    assert_eq!(unknown.status(), 422, "an unknown kind is refused with the push");
    let private = app.group(&app.admin, "Bureau", "private").await;
    assert_rejected(
        &app.act(&awa, json!({ "type": "set_group_notification_level", "group_id": private, "level": "everything" }))
            .await,
        "not_a_member",
    );
    device.sync().await;
    let settings = device.entities("notification_settings");
    assert_eq!(settings[0]["time_zone"], "America/Cayenne", "unchanged");
}

#[tokio::test]
async fn during_quiet_hours_the_notification_is_in_the_list_at_once_and_its_push_waits_for_the_end() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let asker = app.member(association, "Awa").await;
    let sleeper = app.member(association, "Bruno").await;
    let group = app.group(&app.admin, "Trésorerie", "public").await;
    app.add_to_group(&app.admin, group, &asker).await;
    app.add_to_group(&app.admin, group, &sleeper).await;
    with_device(&app, &sleeper).await;
    // Quiet from an hour ago to an hour from now, in UTC.
    let now = chrono::Utc::now();
    let clock = |t: chrono::DateTime<chrono::Utc>| t.format("%H:%M").to_string();
    let (start, end) = (clock(now - chrono::Duration::hours(1)), clock(now + chrono::Duration::hours(1)));
    assert_applied(
        &app.act(&sleeper, json!({ "type": "set_notification_settings", "time_zone": "UTC", "quiet_hours": { "start": start, "end": end } }))
            .await,
    );
    assert_applied(&ask(&app, &asker, group, "Qui ouvre la salle demain ?").await);

    assert_eq!(of_kind(&notifications(&app, &sleeper).await, "question_asked").len(), 1, "in the app at once");
    let held: Vec<chrono::DateTime<chrono::Utc>> = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar(
        "SELECT not_before FROM push_deliveries").fetch_all(c).await)
    .unwrap();
    assert_eq!(held.len(), 1);
    assert!(held[0] > now + chrono::Duration::minutes(55), "the push waits for the end: {:?}", held[0]);
}

#[tokio::test]
async fn new_posts_in_a_followed_group_make_one_notification_and_one_push_per_burst() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let author = app.member(association, "Awa").await;
    let follower = app.member(association, "Bruno").await;
    let member = app.member(association, "Chloé").await;
    let group = app.group(&app.admin, "Actualités fédérales", "public").await;
    app.add_to_group(&app.admin, group, &author).await;
    app.add_to_group(&app.admin, group, &member).await;
    assert_applied(&app.act(&follower, json!({ "type": "follow_group", "group_id": group })).await);
    with_device(&app, &follower).await;

    for body in ["Circulaire n° 1", "Circulaire n° 2", "Circulaire n° 3"] {
        app.post_in(&author, group, body).await;
    }
    let told = notifications(&app, &follower).await;
    let activity = of_kind(&told, "group_activity");
    assert_eq!(activity.len(), 1, "one per group per burst: {told:?}");
    assert_eq!(activity[0]["count"], 3);
    assert_eq!(activity[0]["group_id"], group.to_string());
    let pushed = deliveries(&app).await;
    assert_eq!(pushed.len(), 1, "one push for the burst");
    assert!(pushed[0].1.as_deref().is_some_and(|t| !t.is_empty() && t.len() <= 32), "a Topic: {:?}", pushed[0].1);
    assert!(
        of_kind(&notifications(&app, &member).await, "group_activity").is_empty(),
        "members hear what matters only"
    );
    assert!(of_kind(&notifications(&app, &author).await, "group_activity").is_empty());

    // Once read, the next post starts a new burst.
    let id = activity[0]["id"].as_str().unwrap();
    assert_applied(&app.act(&follower, json!({ "type": "mark_notifications_read", "ids": [id] })).await);
    app.post_in(&author, group, "Circulaire n° 4").await;
    let told = notifications(&app, &follower).await;
    assert_eq!(of_kind(&told, "group_activity").len(), 2);
    assert_eq!(deliveries(&app).await.len(), 2);
}

#[tokio::test]
async fn a_mention_tells_the_person_named_only_when_they_may_read_the_group() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let author = app.member(association, "Awa").await;
    let colleague = app.member(association, "Bruno").await;
    let stranger = app.member(association, "Chloé").await;
    let group = app.group(&app.admin, "Bureau", "private").await;
    app.add_to_group(&app.admin, group, &author).await;
    app.add_to_group(&app.admin, group, &colleague).await;
    let post = Uuid::now_v7();
    let outcome = app
        .act(
            &author,
            json!({ "type": "create_post", "id": post, "group_id": group, "kind": "news",
            "body": "@Bruno peux-tu relire le budget ?", "mentions": [colleague.id, stranger.id] }),
        )
        .await;
    assert_applied(&outcome);
    let told = notifications(&app, &colleague).await;
    let mentions = of_kind(&told, "mention");
    assert_eq!(mentions.len(), 1);
    assert_eq!(mentions[0]["subject_id"], post.to_string());
    assert!(of_kind(&notifications(&app, &stranger).await, "mention").is_empty(), "no leak of a private group");

    let comment = app
        .act(&colleague, json!({ "type": "create_comment", "id": Uuid::now_v7(), "post_id": post, "body": "Oui @Awa", "mentions": [author.id] }))
        .await;
    assert_applied(&comment);
    assert_eq!(of_kind(&notifications(&app, &author).await, "mention").len(), 1);
    let too_many: Vec<Uuid> = (0..21).map(|_| Uuid::now_v7()).collect();
    let refused = app
        .act(&author, json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": group, "kind": "news", "body": "Tous !", "mentions": too_many }))
        .await;
    assert_rejected(&refused, "invalid_field");
}

#[tokio::test]
async fn a_request_to_join_a_private_group_tells_the_people_who_decide() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let organiser = app.manager(association, "Chloé").await;
    let member = app.member(association, "Bruno").await;
    let candidate = app.member(association, "Awa").await;
    let group = app.group(&organiser, "Commission finances", "private").await;
    app.add_to_group(&organiser, group, &member).await;
    assert_applied(
        &app.act(&candidate, json!({ "type": "request_to_join", "group_id": group, "message": "J'étais trésorière." }))
            .await,
    );
    let told = notifications(&app, &organiser).await;
    let requests = of_kind(&told, "join_requested");
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["subject_id"], group.to_string());
    assert_eq!(requests[0]["actor_name"], "Awa");
    assert!(of_kind(&notifications(&app, &member).await, "join_requested").is_empty(), "members do not decide");
}

#[tokio::test]
async fn notifications_older_than_ninety_days_leave_the_list_and_the_devices() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let asker = app.member(association, "Awa").await;
    let member = app.member(association, "Bruno").await;
    let group = app.group(&app.admin, "Trésorerie", "public").await;
    app.add_to_group(&app.admin, group, &asker).await;
    app.add_to_group(&app.admin, group, &member).await;
    assert_applied(&ask(&app, &asker, group, "Qui garde les clés ?").await);
    let mut device = app.device(&member);
    device.sync().await;
    assert_eq!(device.entities("notification").len(), 1);

    let now = chrono::Utc::now();
    let (kept, _) =
        fabrique_server::notifications::forget_old(&app.db, now - chrono::Duration::days(90)).await.unwrap();
    assert_eq!(kept, 0, "a fresh one stays");
    let (forgotten, scopes) =
        fabrique_server::notifications::forget_old(&app.db, now + chrono::Duration::seconds(1)).await.unwrap();
    assert_eq!(forgotten, 2, "Bruno's and the administrator's (a member of the group too)");
    assert!(scopes.contains(&format!("person:{}", member.id)));
    device.sync().await;
    assert!(device.entities("notification").is_empty(), "gone from the phone too");
}
