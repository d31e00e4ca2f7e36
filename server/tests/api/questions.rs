//! Questions: asking groups, answering, accepting one answer, routing to the people who
//! know, escalation on a controlled clock, and "answer before you ask".

use chrono::{Duration, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;

async fn ask(app: &TestApp, person: &Person, groups: &[Uuid], title: &str, tags: &[&str]) -> Uuid {
    let id = Uuid::now_v7();
    let outcome = app
        .act(person, json!({ "type": "ask_question", "id": id, "group_ids": groups, "title": title, "details": "Merci d'avance", "tags": tags }))
        .await;
    assert_applied(&outcome);
    id
}

async fn answer(app: &TestApp, person: &Person, question: Uuid, body: &str) -> Uuid {
    let id = Uuid::now_v7();
    assert_applied(
        &app.act(person, json!({ "type": "answer_question", "id": id, "question_id": question, "body": body })).await,
    );
    id
}

async fn set_skills(app: &TestApp, person: &Person, skills: &[&str]) {
    assert_applied(&app.act(person, json!({ "type": "update_profile", "update": { "skills": skills } })).await);
}

fn ids(items: &Value) -> Vec<Uuid> {
    items.as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap().parse().unwrap()).collect()
}

async fn for_me(app: &TestApp, person: &Person) -> Vec<Uuid> {
    let page: Value = app.get("/v1/questions/for-me", Some(&person.token)).await.json().await.unwrap();
    ids(&page["items"])
}

#[tokio::test]
async fn one_answer_is_accepted_by_the_asker_or_a_moderator_and_only_one() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let asker = app.member(association, "Asker").await;
    let helper = app.member(association, "Helper").await;
    let other = app.member(association, "Other").await;
    let group = app.group(&app.admin, "Trésorerie", "public").await;
    for person in [&asker, &helper, &other] {
        app.add_to_group(&app.admin, group, person).await;
    }
    let question = ask(&app, &asker, &[group], "Comment remplir le CERFA 12156 ?", &["subventions"]).await;
    let first = answer(&app, &helper, question, "Page 3, le budget prévisionnel.").await;
    let second = answer(&app, &other, question, "Demandez à la DDVA.").await;

    let refused =
        app.act(&helper, json!({ "type": "accept_answer", "question_id": question, "answer_id": first })).await;
    assert_rejected(&refused, "forbidden");
    assert_applied(
        &app.act(&asker, json!({ "type": "accept_answer", "question_id": question, "answer_id": first })).await,
    );
    // The group's admin changes the choice: still one accepted answer.
    assert_applied(
        &app.act(&app.admin, json!({ "type": "accept_answer", "question_id": question, "answer_id": second })).await,
    );

    let mut device = app.device(&other);
    device.sync().await;
    let answers = device.entities("answer");
    let accepted: Vec<&&Value> = answers.iter().filter(|a| a["accepted"] == true).collect();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0]["id"], second.to_string());
    let questions = device.entities("question");
    assert_eq!(questions[0]["state"], "answered");
    assert_eq!(questions[0]["answer_count"], 2);
    assert_eq!(questions[0]["accepted_answer_id"], second.to_string());

    // An answer of another question cannot be accepted here.
    let elsewhere = ask(&app, &asker, &[group], "Autre question ?", &[]).await;
    let unrelated = answer(&app, &helper, elsewhere, "Oui").await;
    let mixed =
        app.act(&asker, json!({ "type": "accept_answer", "question_id": question, "answer_id": unrelated })).await;
    assert_rejected(&mixed, "answer_not_found");
}

#[tokio::test]
async fn a_question_is_asked_only_in_groups_one_belongs_to_and_reaches_each_of_them() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let asker = app.member(association, "Asker").await;
    let reader = app.member(association, "Reader").await;
    let first = app.group(&app.admin, "Bureau", "private").await;
    let second = app.group(&app.admin, "Commission", "private").await;
    let foreign = app.group(&app.admin, "Ailleurs", "private").await;
    for group in [first, second] {
        app.add_to_group(&app.admin, group, &asker).await;
    }
    app.add_to_group(&app.admin, second, &reader).await;

    let refused = app
        .act(&asker, json!({ "type": "ask_question", "id": Uuid::now_v7(), "group_ids": [first, foreign], "title": "Hors de mes groupes ?" }))
        .await;
    assert_rejected(&refused, "not_a_member");
    let question = ask(&app, &asker, &[first, second], "Qui garde les clés ?", &[]).await;
    let mut device = app.device(&reader);
    device.sync().await;
    assert!(device.has("question", question), "a member of one of its groups receives it");
    let mut outsider_device = app.device(&app.member(association, "Outsider").await);
    outsider_device.sync().await;
    assert!(!outsider_device.has("question", question));
}

#[tokio::test]
async fn a_question_reaches_the_people_whose_skills_match_but_never_from_a_private_group_they_are_not_in() {
    let app = spawn_app().await;
    let lyon = app.new_association("Lyon").await;
    let grenoble = app.new_association("Grenoble").await;
    let asker = app.member(lyon, "Asker").await;
    let expert = app.member(grenoble, "Experte").await;
    let novice = app.member(grenoble, "Novice").await;
    set_skills(&app, &expert, &["subventions"]).await;
    set_skills(&app, &novice, &["cuisine"]).await;
    let public = app.group(&app.admin, "Ouvert", "public").await;
    let private = app.group(&app.admin, "Fermé", "private").await;
    for group in [public, private] {
        app.add_to_group(&app.admin, group, &asker).await;
    }
    let open = ask(&app, &asker, &[public], "Quelle subvention pour un local ?", &["subventions"]).await;
    let closed = ask(&app, &asker, &[private], "Subvention confidentielle ?", &["subventions"]).await;

    assert_eq!(for_me(&app, &expert).await, vec![open], "skills match, public group only");
    assert!(for_me(&app, &novice).await.is_empty());
    assert!(for_me(&app, &asker).await.is_empty(), "never one's own question");
    let _ = closed;
}

#[tokio::test]
async fn an_unanswered_question_escalates_to_organisers_then_to_the_federation_group() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let asker = app.member(association, "Asker").await;
    let organiser = app.member(association, "Organiser").await;
    let federal = app.member(association, "Fédéral").await;
    let group = app.group(&app.admin, "Locale", "private").await;
    for person in [&asker, &organiser] {
        app.add_to_group(&app.admin, group, person).await;
    }
    assert_applied(
        &app.act(
            &app.admin,
            json!({ "type": "set_member_role", "group_id": group, "person_id": organiser.id, "role": "organiser" }),
        )
        .await,
    );
    let federation_group = app.group(&app.admin, "Pôle ressources", "private").await;
    app.add_to_group(&app.admin, federation_group, &federal).await;
    let settings = app
        .client
        .put(app.url("/v1/questions/escalation"))
        .bearer_auth(&app.admin.token)
        .json(&json!({ "federation_group_id": federation_group }))
        .send()
        .await
        .unwrap();
    assert_eq!(settings.status(), 200);
    let forbidden = app
        .client
        .put(app.url("/v1/questions/escalation"))
        .bearer_auth(&asker.token)
        .json(&json!({ "federation_group_id": null }))
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);

    let question = ask(&app, &asker, &[group], "Personne ne sait ?", &[]).await;
    let delay = Duration::hours(48);
    let now = Utc::now();
    assert_eq!(
        fabrique_server::questions::escalate_due(&app.db, now + Duration::hours(47), delay).await.unwrap().moved,
        0
    );
    assert!(for_me(&app, &organiser).await.is_empty(), "not before the delay");

    // Two instances' maintenance loops at the same moment: the question moves once.
    let at = now + Duration::hours(49);
    let (first, second) = tokio::join!(
        fabrique_server::questions::escalate_due(&app.db, at, delay),
        fabrique_server::questions::escalate_due(&app.db, at, delay)
    );
    assert_eq!(first.unwrap().moved + second.unwrap().moved, 1, "escalated once, not by both");
    assert_eq!(for_me(&app, &organiser).await, vec![question], "the organisers are asked");
    let mut federal_device = app.device(&federal);
    federal_device.sync().await;
    assert!(!federal_device.has("question", question), "not yet the federation");

    assert_eq!(
        fabrique_server::questions::escalate_due(&app.db, now + Duration::hours(49 + 47), delay).await.unwrap().moved,
        0
    );
    assert_eq!(
        fabrique_server::questions::escalate_due(&app.db, now + Duration::hours(49 + 49), delay).await.unwrap().moved,
        1
    );
    federal_device.sync().await;
    assert!(federal_device.has("question", question), "the federation's group receives it");
    assert_eq!(
        fabrique_server::questions::escalate_due(&app.db, now + Duration::hours(500), delay).await.unwrap().moved,
        0
    );
}

#[tokio::test]
async fn an_answered_question_is_suggested_while_typing_a_similar_one_to_those_who_may_read_it() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let asker = app.member(association, "Asker").await;
    let helper = app.member(association, "Helper").await;
    let outsider = app.member(association, "Outsider").await;
    let public = app.group(&app.admin, "Ouvert", "public").await;
    let private = app.group(&app.admin, "Fermé", "private").await;
    for group in [public, private] {
        app.add_to_group(&app.admin, group, &asker).await;
        app.add_to_group(&app.admin, group, &helper).await;
    }
    let answered = ask(&app, &asker, &[public], "Comment déclarer une subvention au bilan ?", &[]).await;
    let reply = answer(&app, &helper, answered, "Compte 74").await;
    assert_applied(
        &app.act(&asker, json!({ "type": "accept_answer", "question_id": answered, "answer_id": reply })).await,
    );
    ask(&app, &asker, &[public], "Subventions : qui relit le dossier ?", &[]).await;
    let secret = ask(&app, &asker, &[private], "Subvention secrète au bilan ?", &[]).await;
    let secret_reply = answer(&app, &helper, secret, "Non").await;
    assert_applied(
        &app.act(&asker, json!({ "type": "accept_answer", "question_id": secret, "answer_id": secret_reply })).await,
    );

    let suggested: Value =
        app.get("/v1/questions/similar?q=subventions%20bilan", Some(&outsider.token)).await.json().await.unwrap();
    assert_eq!(ids(&suggested), vec![answered], "answered only, and never the private one");
    let typed: Value =
        app.get("/v1/questions/similar?q=%22l%27%C3%A9glise", Some(&outsider.token)).await.json().await.unwrap();
    assert!(typed.as_array().unwrap().is_empty());

    let search: Value = app.get("/v1/search?q=compte", Some(&outsider.token)).await.json().await.unwrap();
    assert_eq!(search["items"][0]["kind"], "answer");
    let hidden: Value = app.get("/v1/search?q=secrete", Some(&outsider.token)).await.json().await.unwrap();
    assert!(hidden["items"].as_array().unwrap().is_empty(), "a private group's question never leaks");
}

#[tokio::test]
async fn a_public_groups_questions_are_listed_to_anyone_and_a_private_groups_to_members_only() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let member = app.member(association, "Member").await;
    let outsider = app.member(association, "Outsider").await;
    let public = app.group(&app.admin, "Ouvert", "public").await;
    let private = app.group(&app.admin, "Fermé", "private").await;
    for group in [public, private] {
        app.add_to_group(&app.admin, group, &member).await;
    }
    let open = ask(&app, &member, &[public], "Question ouverte ?", &[]).await;
    ask(&app, &member, &[private], "Question fermée ?", &[]).await;

    let listed: Value =
        app.get(&format!("/v1/groups/{public}/questions"), Some(&outsider.token)).await.json().await.unwrap();
    assert_eq!(ids(&listed["items"]), vec![open]);
    let refused = app.get(&format!("/v1/groups/{private}/questions"), Some(&outsider.token)).await;
    assert_eq!(refused.status(), 403);
    let thread = app.get(&format!("/v1/questions/{open}"), Some(&outsider.token)).await;
    assert_eq!(thread.status(), 200);
    let private_thread: Value =
        app.get(&format!("/v1/groups/{private}/questions"), Some(&member.token)).await.json().await.unwrap();
    let hidden = ids(&private_thread["items"])[0];
    assert_eq!(app.get(&format!("/v1/questions/{hidden}"), Some(&outsider.token)).await.status(), 404, "as if absent");
}
