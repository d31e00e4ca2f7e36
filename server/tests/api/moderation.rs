//! Moderation from the apps: a report reaches the organisers of its group on their phones,
//! they decide it there (never a suspension), and nobody else can; the matrix of who may
//! report what, and decide what.

use serde_json::json;
use uuid::Uuid;

use crate::helpers::{Person, TestApp, assert_applied, assert_rejected, spawn_app};

struct Scene {
    organiser: Person,
    author: Person,
    reporter: Person,
    bystander: Person,
    post: Uuid,
}

async fn scene(app: &TestApp, visibility: &str) -> Scene {
    let association = app.new_association("Les Jardins").await;
    let organiser = app.manager(association, "Olivia Organise").await;
    let author = app.member(association, "Bruno Lefèvre").await;
    let reporter = app.member(association, "Claire Dubois").await;
    let bystander = app.member(association, "Denis Martin").await;
    let group = app.group(&organiser, "Entraide", visibility).await;
    for person in [&author, &reporter, &bystander] {
        app.add_to_group(&organiser, group, person).await;
    }
    let post = app.post_in(&author, group, "Vends montres pas chères").await;
    Scene { organiser, author, reporter, bystander, post }
}

fn report(target: &str, id: Uuid) -> serde_json::Value {
    json!({ "type": "report", "id": Uuid::now_v7(), "target": target, "target_id": id, "reason": "spam" })
}

#[tokio::test]
async fn a_report_reaches_the_groups_organisers_on_their_phones_and_no_one_else() {
    let app = spawn_app().await;
    let s = scene(&app, "private").await;
    assert_applied(&app.act(&s.reporter, report("post", s.post)).await);
    let mut organiser = app.device(&s.organiser);
    organiser.sync().await;
    let reports = organiser.entities("group_report");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["excerpt"], "Vends montres pas chères");
    assert_eq!(reports[0]["reasons"], json!(["spam"]));
    for person in [&s.bystander, &s.author, &s.reporter] {
        let mut device = app.device(person);
        device.sync().await;
        assert!(device.entities("group_report").is_empty(), "members do not see reports");
    }
    // A second report joins the same case.
    assert_applied(&app.act(&s.bystander, report("post", s.post)).await);
    organiser.sync().await;
    let reports = organiser.entities("group_report");
    assert_eq!((reports.len(), reports[0]["report_count"].as_i64()), (1, Some(2)));
    assert_eq!(app.count("moderation_cases").await, 1);
}

#[tokio::test]
async fn an_organiser_decides_a_report_from_the_app_and_it_leaves_their_list() {
    let app = spawn_app().await;
    let s = scene(&app, "public").await;
    assert_applied(&app.act(&s.reporter, report("post", s.post)).await);
    let case: Uuid =
        fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT id FROM moderation_cases").fetch_one(c).await)
            .unwrap();
    let mut organiser = app.device(&s.organiser);
    organiser.sync().await;

    let decide = |decision: &str| json!({ "type": "decide_report", "case_id": case, "decision": decision, "reason": "Publicité" });
    // Members, the author and the reporter cannot decide; nor can anyone suspend from the app.
    for person in [&s.bystander, &s.author, &s.reporter] {
        assert_rejected(&app.act(person, decide("delete")).await, "case_not_found");
    }
    assert_rejected(&app.act(&s.organiser, decide("suspend")).await, "suspension_by_federation");
    assert_rejected(
        &app.act(&s.organiser, json!({ "type": "decide_report", "case_id": case, "decision": "hide", "reason": " " }))
            .await,
        "invalid_field",
    );
    assert_rejected(
        &app.act(
            &s.organiser,
            json!({ "type": "decide_report", "case_id": Uuid::now_v7(), "decision": "hide", "reason": "x" }),
        )
        .await,
        "case_not_found",
    );

    assert_applied(&app.act(&s.organiser, decide("delete")).await);
    assert_rejected(&app.act(&s.organiser, decide("dismiss")).await, "case_decided");
    organiser.sync().await;
    assert!(organiser.entities("group_report").is_empty(), "decided: it leaves the list");
    let mut reader = app.device(&s.bystander);
    reader.sync().await;
    assert!(reader.entities("post").iter().all(|p| p["id"] != json!(s.post)), "the post left the group");
    let (decision, excerpt): (String, String) = fabrique_server::on_db!(&app.db, c => sqlx::query_as("SELECT decision, excerpt FROM moderation_cases WHERE id = $1").bind(case).fetch_one(c).await).unwrap();
    assert_eq!((decision.as_str(), excerpt.as_str()), ("delete", ""), "a deletion erases the case's copy too");
    let told: i64 = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'moderation'").fetch_one(c).await).unwrap();
    assert_eq!(told, 2, "the author and the reporter");
    let audited: i64 = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'moderation.decide' AND actor_id = $1").bind(s.organiser.id).fetch_one(c).await).unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn an_organiser_of_another_group_cannot_decide_and_an_outsider_cannot_report_a_private_groups_content() {
    let app = spawn_app().await;
    let s = scene(&app, "private").await;
    let elsewhere = app.new_association("Ailleurs").await;
    let other_organiser = app.manager(elsewhere, "Paul Autre").await;
    app.group(&other_organiser, "Autre groupe", "public").await;
    let comment = Uuid::now_v7();
    assert_applied(
        &app.act(
            &s.author,
            json!({ "type": "create_comment", "id": comment, "post_id": s.post, "body": "Prix cassés" }),
        )
        .await,
    );

    for (target, id) in [("post", s.post), ("comment", comment)] {
        assert_rejected(&app.act(&other_organiser, report(target, id)).await, "report_target_not_found");
    }
    assert_rejected(&app.act(&s.reporter, report("post", Uuid::now_v7())).await, "report_target_not_found");
    assert_applied(&app.act(&s.reporter, report("comment", comment)).await);
    let case: Uuid =
        fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT id FROM moderation_cases").fetch_one(c).await)
            .unwrap();
    let decide = json!({ "type": "decide_report", "case_id": case, "decision": "hide", "reason": "Hors sujet" });
    assert_rejected(&app.act(&other_organiser, decide.clone()).await, "case_not_found");
    assert_eq!(app.count("moderation_case_events").await, 1, "nothing but the report happened");
    assert_applied(&app.act(&s.organiser, decide).await);
}

#[tokio::test]
async fn the_same_report_sent_twice_counts_once() {
    let app = spawn_app().await;
    let s = scene(&app, "public").await;
    let once = report("post", s.post);
    let mut device = app.device(&s.reporter);
    assert_applied(&device.send(once.clone()).await);
    // Another device replays the same report id: it is the same report.
    assert_applied(&app.act(&s.reporter, once).await);
    assert_eq!(app.count("moderation_reports").await, 1);
    let count: i64 = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT report_count FROM moderation_cases").fetch_one(c).await).unwrap();
    assert_eq!(count, 1);
}
