//! Events: organisers create, change and cancel them; people answer with a waiting list
//! when full; attendees, one event as .ics and a secret calendar feed; reminders on a
//! controlled clock; organisers' messages with their reach and a daily bound.

use chrono::{DateTime, Duration, Utc};
use fabrique_server::events::remind_due;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;

struct Scene {
    app: TestApp,
    group: Uuid,
    organiser: Person,
    members: Vec<Person>,
}

/// "Comité des fêtes", private, run by Chloé (its creator), with `members` members.
async fn scene(members: usize) -> Scene {
    let app = spawn_app().await;
    let association = app.new_association("Amicale laïque").await;
    let organiser = app.manager(association, "Chloé").await;
    let group = app.group(&organiser, "Comité des fêtes", "private").await;
    let mut people = Vec::new();
    for i in 0..members {
        let person = app.member(association, &format!("Membre {i}")).await;
        app.add_to_group(&organiser, group, &person).await;
        people.push(person);
    }
    Scene { app, group, organiser, members: people }
}

fn soon(days: i64) -> DateTime<Utc> {
    (Utc::now() + Duration::days(days)).with_nanosecond_zero()
}

trait NoNanos {
    fn with_nanosecond_zero(self) -> Self;
}

impl NoNanos for DateTime<Utc> {
    fn with_nanosecond_zero(self) -> Self {
        DateTime::from_timestamp(self.timestamp(), 0).unwrap()
    }
}

async fn create_event(app: &TestApp, who: &Person, group: Uuid, title: &str, capacity: Option<i64>) -> (Uuid, Value) {
    let id = Uuid::now_v7();
    let starts = soon(3);
    let outcome = app
        .act(
            who,
            json!({ "type": "create_event", "id": id, "group_id": group, "title": title, "description": "Ordre du jour : budget",
                "starts_at": starts, "ends_at": starts + Duration::hours(2), "time_zone": "Europe/Paris",
                "place": "Salle des fêtes, 3 rue de la Mairie", "capacity": capacity }),
        )
        .await;
    (id, outcome)
}

async fn answer(app: &TestApp, who: &Person, event: Uuid, choice: &str) -> Value {
    app.act(who, json!({ "type": "answer_event", "event_id": event, "choice": choice })).await
}

async fn synced(app: &TestApp, who: &Person) -> Device {
    let mut device = app.device(who);
    device.sync().await;
    device
}

fn the_event(device: &Device, id: Uuid) -> Value {
    device.entities("event").into_iter().find(|e| e["id"] == id.to_string()).cloned().expect("the event is held")
}

fn my_rsvp(device: &Device, event: Uuid) -> Option<Value> {
    device.entities("my_rsvp").into_iter().find(|r| r["event_id"] == event.to_string()).cloned()
}

fn notifications_of(device: &Device, kind: &str) -> Vec<Value> {
    device.entities("notification").into_iter().filter(|n| n["kind"] == kind).cloned().collect()
}

#[tokio::test]
async fn an_organiser_creates_an_event_its_members_hold_it_and_are_told() {
    let Scene { app, group, organiser, members } = scene(2).await;
    let (event, outcome) = create_event(&app, &organiser, group, "Assemblée générale", None).await;
    assert_applied(&outcome);

    let device = synced(&app, &members[0]).await;
    let held = the_event(&device, event);
    assert_eq!(held["title"], "Assemblée générale");
    assert_eq!(held["time_zone"], "Europe/Paris");
    assert_eq!(held["going_count"], 0);
    let told = notifications_of(&device, "event_created");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["subject_id"], event.to_string());
    let own = synced(&app, &organiser).await;
    assert!(notifications_of(&own, "event_created").is_empty(), "never to its author");
}

#[tokio::test]
async fn only_the_people_who_run_a_group_create_events_and_outsiders_learn_nothing() {
    let Scene { app, group, members, .. } = scene(1).await;
    let (_, by_member) = create_event(&app, &members[0], group, "Pique-nique", None).await;
    assert_rejected(&by_member, "not_an_organiser");
    let elsewhere = app.new_association("Club voisin").await;
    let outsider = app.member(elsewhere, "Outsider").await;
    let (_, by_outsider) = create_event(&app, &outsider, group, "Pique-nique", None).await;
    assert_rejected(&by_outsider, "group_not_found");
    assert_eq!(app.count("events").await, 0);
}

#[tokio::test]
async fn bad_event_fields_are_refused_with_the_field_named_and_nothing_is_stored() {
    let Scene { app, group, organiser, .. } = scene(0).await;
    let starts = soon(2);
    let base = json!({ "type": "create_event", "group_id": group, "title": "Réunion", "starts_at": starts,
        "ends_at": starts + Duration::hours(1), "time_zone": "Europe/Paris" });
    let cases = [
        ("ends_at", json!({ "ends_at": starts - Duration::hours(1) })),
        ("ends_at", json!({ "starts_at": soon(-3), "ends_at": soon(-3) + Duration::hours(1) })),
        ("ends_at", json!({ "ends_at": starts + Duration::days(40) })),
        ("time_zone", json!({ "time_zone": "Lune/Mer_de_la_Tranquillité" })),
        ("capacity", json!({ "capacity": 0 })),
        ("online_url", json!({ "online_url": "javascript:alert(1)" })),
        ("title", json!({ "title": "   " })),
    ];
    for (field, change) in cases {
        let mut mutation = base.clone();
        mutation["id"] = json!(Uuid::now_v7());
        for (key, value) in change.as_object().unwrap() {
            mutation[key] = value.clone();
        }
        let outcome = app.act(&organiser, mutation).await;
        assert_rejected(&outcome, "invalid_field");
        assert!(outcome["message"].as_str().unwrap().len() > 10, "a sentence: {outcome}");
        assert_eq!(app.count("events").await, 0, "{field}");
    }
}

#[tokio::test]
async fn a_full_event_fills_its_waiting_list_in_order_and_a_freed_seat_goes_to_the_first_waiting() {
    let Scene { app, group, organiser, members } = scene(3).await;
    let (event, outcome) = create_event(&app, &organiser, group, "Atelier compta", Some(1)).await;
    assert_applied(&outcome);
    for member in &members {
        assert_applied(&answer(&app, member, event, "going").await);
    }
    let first = synced(&app, &members[0]).await;
    assert_eq!(my_rsvp(&first, event).unwrap()["status"], "going");
    let second = synced(&app, &members[1]).await;
    assert_eq!(my_rsvp(&second, event).unwrap()["status"], "waiting");
    assert_eq!(my_rsvp(&second, event).unwrap()["waiting_position"], 1);
    let third = synced(&app, &members[2]).await;
    assert_eq!(my_rsvp(&third, event).unwrap()["waiting_position"], 2);
    assert_eq!(the_event(&third, event)["waiting_count"], 2);

    // Answering "going" again keeps one's place.
    assert_applied(&answer(&app, &members[2], event, "going").await);
    assert_applied(&answer(&app, &members[0], event, "declined").await);

    let second = synced(&app, &members[1]).await;
    assert_eq!(my_rsvp(&second, event).unwrap()["status"], "going", "the first waiting gets the seat");
    assert_eq!(notifications_of(&second, "event_changed").len(), 1, "and is told");
    let third = synced(&app, &members[2]).await;
    assert_eq!(my_rsvp(&third, event).unwrap()["waiting_position"], 1, "the line moved up");
    let held = the_event(&third, event);
    assert_eq!((held["going_count"].as_i64(), held["waiting_count"].as_i64()), (Some(1), Some(1)));

    // More places: the waiting list moves in.
    assert_applied(&app.act(&organiser, json!({ "type": "update_event", "id": event, "capacity": 5 })).await);
    let third = synced(&app, &members[2]).await;
    assert_eq!(my_rsvp(&third, event).unwrap()["status"], "going");
}

#[tokio::test]
async fn the_same_answer_sent_twice_at_once_is_one_answer() {
    let Scene { app, group, organiser, members } = scene(1).await;
    let (event, _) = create_event(&app, &organiser, group, "Repas", Some(10)).await;
    let (a, b) = tokio::join!(answer(&app, &members[0], event, "going"), answer(&app, &members[0], event, "going"));
    assert_applied(&a);
    assert_applied(&b);
    assert_eq!(app.count("event_rsvps").await, 1);
    let device = synced(&app, &organiser).await;
    assert_eq!(the_event(&device, event)["going_count"], 1);
}

#[tokio::test]
async fn people_answering_a_full_event_at_the_same_moment_never_get_the_same_seat() {
    let Scene { app, group, organiser, members } = scene(4).await;
    let (event, _) = create_event(&app, &organiser, group, "Visite guidée", Some(1)).await;
    let (a, b, c, d) = tokio::join!(
        answer(&app, &members[0], event, "going"),
        answer(&app, &members[1], event, "going"),
        answer(&app, &members[2], event, "going"),
        answer(&app, &members[3], event, "going"),
    );
    for outcome in [a, b, c, d] {
        assert_applied(&outcome);
    }
    let waiting: i64 = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM event_rsvps WHERE status = 'waiting'").fetch_one(c).await)
    .unwrap();
    assert_eq!(waiting, 3, "one seat, three waiting");
    let counted: i64 = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar(
        "SELECT waiting_count FROM events").fetch_one(c).await)
    .unwrap();
    assert_eq!(counted, 3, "counted by the server");
    let device = synced(&app, &organiser).await;
    let held = the_event(&device, event);
    assert_eq!((held["going_count"].as_i64(), held["waiting_count"].as_i64()), (Some(1), Some(3)));
}

#[tokio::test]
async fn a_change_of_time_and_a_cancellation_tell_those_who_answered_and_answers_are_then_refused() {
    let Scene { app, group, organiser, members } = scene(2).await;
    let (event, _) = create_event(&app, &organiser, group, "Loto", None).await;
    assert_applied(&answer(&app, &members[0], event, "maybe").await);
    let later = soon(5);
    assert_applied(
        &app.act(
            &organiser,
            json!({ "type": "update_event", "id": event, "starts_at": later, "ends_at": later + Duration::hours(3) }),
        )
        .await,
    );
    let answered = synced(&app, &members[0]).await;
    assert_eq!(notifications_of(&answered, "event_changed").len(), 1);
    assert_eq!(
        my_rsvp(&answered, event).unwrap()["starts_at"].as_str().unwrap().parse::<DateTime<Utc>>().unwrap(),
        later
    );
    let silent = synced(&app, &members[1]).await;
    assert!(notifications_of(&silent, "event_changed").is_empty(), "only those who answered");

    let by_member = app.act(&members[1], json!({ "type": "cancel_event", "id": event })).await;
    assert_rejected(&by_member, "not_an_organiser");
    assert_applied(&app.act(&organiser, json!({ "type": "cancel_event", "id": event })).await);
    let answered = synced(&app, &members[0]).await;
    assert_eq!(notifications_of(&answered, "event_cancelled").len(), 1);
    assert_eq!(the_event(&answered, event)["cancelled"], true);
    assert_eq!(my_rsvp(&answered, event).unwrap()["cancelled"], true);
    assert_rejected(&answer(&app, &members[1], event, "going").await, "event_cancelled");
    assert_rejected(
        &app.act(&organiser, json!({ "type": "update_event", "id": event, "title": "Loto (reporté)" })).await,
        "event_cancelled",
    );
}

#[tokio::test]
async fn attendees_are_listed_in_the_order_they_answered_to_those_who_may_read_the_group() {
    let Scene { app, group, organiser, members } = scene(3).await;
    let (event, _) = create_event(&app, &organiser, group, "Vide-grenier", None).await;
    for member in &members {
        assert_applied(&answer(&app, member, event, "going").await);
    }
    let page: Value =
        app.get(&format!("/v1/events/{event}/attendees?limit=2"), Some(&members[0].token)).await.json().await.unwrap();
    let ids: Vec<&str> = page["items"].as_array().unwrap().iter().map(|a| a["person_id"].as_str().unwrap()).collect();
    assert_eq!(ids, [members[0].id.to_string(), members[1].id.to_string()]);
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest: Value = app
        .get(&format!("/v1/events/{event}/attendees?limit=2&cursor={cursor}"), Some(&members[0].token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(rest["items"][0]["person_id"], members[2].id.to_string());
    assert!(rest.get("next_cursor").is_none());

    let elsewhere = app.new_association("Club voisin").await;
    let outsider = app.member(elsewhere, "Curieux").await;
    for path in
        [format!("/v1/events/{event}"), format!("/v1/events/{event}/attendees"), format!("/v1/events/{event}/ics")]
    {
        let response = app.get(&path, Some(&outsider.token)).await;
        assert_eq!(response.status(), 404, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "event_not_found");
    }
    let bad = app.get(&format!("/v1/events/{event}/attendees?status=everyone"), Some(&members[0].token)).await;
    assert_eq!(bad.status(), 400);
}

#[tokio::test]
async fn one_event_exports_as_ics_and_my_secret_calendar_lists_what_i_go_to() {
    let Scene { app, group, organiser, members } = scene(1).await;
    let (event, _) = create_event(&app, &organiser, group, "Fête de l'été; concert, buvette", None).await;
    let (other, _) = create_event(&app, &organiser, group, "Réunion sans moi", None).await;
    assert_applied(&answer(&app, &members[0], event, "going").await);
    assert_applied(&answer(&app, &members[0], other, "declined").await);

    let ics = app.get(&format!("/v1/events/{event}/ics"), Some(&members[0].token)).await;
    assert_eq!(ics.status(), 200);
    assert!(ics.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let text = ics.text().await.unwrap();
    assert!(text.contains("BEGIN:VEVENT") && text.contains(&format!("UID:{event}@fabrique")), "{text}");
    assert!(text.contains("SUMMARY:Fête de l'été\\; concert\\, buvette"), "escaped: {text}");

    let feed: Value = app.post("/v1/calendar/feed", Some(&members[0].token), &json!({})).await.json().await.unwrap();
    let url = feed["url"].as_str().unwrap();
    let path = &url[url.find("/v1/calendar/").unwrap()..];
    let calendar = app.get(path, None).await;
    assert_eq!(calendar.status(), 200, "a calendar app reads it without signing in");
    let text = calendar.text().await.unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 1, "only what I go to: {text}");
    assert!(text.contains(&event.to_string()));

    // A new address: the old one stops working.
    app.post("/v1/calendar/feed", Some(&members[0].token), &json!({})).await;
    let old = app.get(path, None).await;
    assert_eq!(old.status(), 404);
    assert_eq!(app.get("/v1/calendar/garbage.ics", None).await.status(), 404);
}

#[tokio::test]
async fn reminders_reach_the_people_going_a_day_then_an_hour_before_and_only_once() {
    let Scene { app, group, organiser, members } = scene(2).await;
    let (event, _) = create_event(&app, &organiser, group, "Collecte solidaire", None).await;
    assert_applied(&answer(&app, &members[0], event, "going").await);
    assert_applied(&answer(&app, &organiser, event, "going").await);
    assert_applied(&answer(&app, &members[1], event, "maybe").await);
    let device = synced(&app, &organiser).await;
    let starts: DateTime<Utc> = the_event(&device, event)["starts_at"].as_str().unwrap().parse().unwrap();

    remind_due(&app.db, starts - Duration::hours(25)).await.unwrap();
    assert!(notifications_of(&synced(&app, &members[0]).await, "event_reminder").is_empty(), "not yet");
    let (due, scopes) = remind_due(&app.db, starts - Duration::hours(24) + Duration::minutes(1)).await.unwrap();
    assert_eq!(due, 1);
    assert!(scopes.contains(&format!("person:{}", members[0].id)), "open phones are poked");
    remind_due(&app.db, starts - Duration::hours(23)).await.unwrap();
    assert_eq!(notifications_of(&synced(&app, &members[0]).await, "event_reminder").len(), 1, "once");
    assert_eq!(
        notifications_of(&synced(&app, &organiser).await, "event_reminder").len(),
        1,
        "the organiser going is reminded of their own event"
    );
    assert!(notifications_of(&synced(&app, &members[1]).await, "event_reminder").is_empty(), "only those going");
    remind_due(&app.db, starts - Duration::minutes(59)).await.unwrap();
    assert_eq!(notifications_of(&synced(&app, &members[0]).await, "event_reminder").len(), 2, "then an hour before");
}

#[tokio::test]
async fn an_organisers_message_shows_its_reach_first_then_reaches_exactly_the_people_going() {
    let Scene { app, group, organiser, members } = scene(3).await;
    let (event, _) = create_event(&app, &organiser, group, "Sortie vélo", None).await;
    assert_applied(&answer(&app, &members[0], event, "going").await);
    assert_applied(&answer(&app, &members[1], event, "maybe").await);

    let reach: Value = app
        .get(&format!("/v1/announcements/reach?event_id={event}"), Some(&organiser.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reach["people"], 1);
    assert_eq!(reach["remaining_today"], 5);
    let group_reach: Value = app
        .get(&format!("/v1/announcements/reach?group_id={group}"), Some(&organiser.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(group_reach["people"], 3);
    let refused = app.get(&format!("/v1/announcements/reach?group_id={group}"), Some(&members[0].token)).await;
    assert_eq!(refused.status(), 403);

    let text = "Rendez-vous à 9 h devant la mairie, pensez au casque.";
    assert_applied(
        &app.act(
            &organiser,
            json!({ "type": "announce_to_attendees", "id": Uuid::now_v7(), "event_id": event, "text": text }),
        )
        .await,
    );
    let going = synced(&app, &members[0]).await;
    let told = notifications_of(&going, "announcement");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["text"], text, "the whole message");
    for other in &members[1..] {
        assert!(notifications_of(&synced(&app, other).await, "announcement").is_empty());
    }
}

#[tokio::test]
async fn an_organiser_sends_a_bounded_number_of_messages_to_a_group_a_day() {
    let Scene { app, group, organiser, members } = scene(1).await;
    for i in 0..5 {
        let outcome = app
            .act(&organiser, json!({ "type": "announce_to_group", "id": Uuid::now_v7(), "group_id": group, "text": format!("Info {i}") }))
            .await;
        assert_applied(&outcome);
    }
    let sixth = app
        .act(
            &organiser,
            json!({ "type": "announce_to_group", "id": Uuid::now_v7(), "group_id": group, "text": "Encore" }),
        )
        .await;
    assert_rejected(&sixth, "rate_limited");
    assert!(sixth["message"].as_str().unwrap().contains("tomorrow"));
    assert_eq!(notifications_of(&synced(&app, &members[0]).await, "announcement").len(), 5);
    let reach: Value = app
        .get(&format!("/v1/announcements/reach?group_id={group}"), Some(&organiser.token))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(reach["remaining_today"], 0);
    let by_member = app
        .act(
            &members[0],
            json!({ "type": "announce_to_group", "id": Uuid::now_v7(), "group_id": group, "text": "Moi aussi" }),
        )
        .await;
    assert_rejected(&by_member, "not_an_organiser");
}

#[tokio::test]
async fn a_removed_member_no_longer_sees_the_groups_events_in_their_calendar() {
    let Scene { app, group, organiser, members } = scene(1).await;
    let (event, _) = create_event(&app, &organiser, group, "Réunion privée", None).await;
    assert_applied(&answer(&app, &members[0], event, "going").await);
    let feed: Value = app.post("/v1/calendar/feed", Some(&members[0].token), &json!({})).await.json().await.unwrap();
    let url = feed["url"].as_str().unwrap();
    let path = url[url.find("/v1/calendar/").unwrap()..].to_owned();
    assert!(app.get(&path, None).await.text().await.unwrap().contains("BEGIN:VEVENT"));
    let mut device = synced(&app, &members[0]).await;
    assert!(my_rsvp(&device, event).is_some());
    assert_eq!(notifications_of(&device, "event_created").len(), 1);
    assert_applied(
        &app.act(&organiser, json!({ "type": "remove_member", "group_id": group, "person_id": members[0].id })).await,
    );
    assert!(!app.get(&path, None).await.text().await.unwrap().contains("BEGIN:VEVENT"));
    assert_eq!(app.get(&format!("/v1/events/{event}"), Some(&members[0].token)).await.status(), 404);
    device.sync().await;
    assert!(my_rsvp(&device, event).is_none(), "nothing of the event stays on their phone");
    assert!(notifications_of(&device, "event_created").is_empty(), "nor the notification naming it");
    let held = synced(&app, &organiser).await;
    assert_eq!(the_event(&held, event)["going_count"], 0, "the seat is free again");
}

#[tokio::test]
async fn a_line_break_in_an_event_cannot_add_lines_to_its_calendar_file() {
    let Scene { app, group, organiser, members } = scene(1).await;
    let id = Uuid::now_v7();
    let description = "Ordre du jour\rATTENDEE:mailto:pirate@example.org\r\nORGANIZER:mailto:pirate@example.org\nfin";
    let outcome = app
        .act(
            &organiser,
            json!({ "type": "create_event", "id": id, "group_id": group, "title": "AG", "description": description,
                "starts_at": soon(3), "ends_at": soon(3) + chrono::Duration::hours(2), "time_zone": "Europe/Paris",
                "online_url": "https://visio.example.org/ag" }),
        )
        .await;
    assert_applied(&outcome);

    let text = app.get(&format!("/v1/events/{id}/ics"), Some(&members[0].token)).await.text().await.unwrap();

    // Every line ends with CRLF; none was started by the description.
    assert!(!text.replace("\r\n", "").contains('\r'), "no bare carriage return: {text:?}");
    for line in text.split("\r\n") {
        assert!(!line.starts_with("ATTENDEE") && !line.starts_with("ORGANIZER"), "an injected line: {text}");
    }
    assert!(text.contains("URL:https://visio.example.org/ag"), "the URL opens the meeting: {text}");
    let stored: Value = app.get(&format!("/v1/events/{id}"), Some(&members[0].token)).await.json().await.unwrap();
    assert!(!stored["description"].as_str().unwrap().contains('\r'), "kept with plain line breaks");
}
