//! Search: French words found whatever their accents and endings, any input safe, and
//! nothing found that the caller may not see — on SQLite and on PostgreSQL alike.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;

async fn search(app: &TestApp, person: &Person, query: &str) -> Value {
    let path = format!("/v1/search?q={}", urlencode(query));
    let response = app.get(&path, Some(&person.token)).await;
    assert_eq!(response.status(), 200, "search {query:?} answers");
    response.json().await.unwrap()
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn ids(page: &Value) -> Vec<Uuid> {
    page["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().parse().unwrap()).collect()
}

#[tokio::test]
async fn accents_and_word_endings_do_not_matter() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale laïque").await;
    let awa = app.member(association, "Awa").await;
    let group = app.group(&app.admin, "Vie associative", "public").await;
    app.add_to_group(&app.admin, group, &awa).await;
    let event = app.post_in(&awa, group, "Le prochain événement aura lieu à l'église Saint-Jean.").await;
    let grants = app.post_in(&awa, group, "Les subventions régionales sont ouvertes jusqu'en mars.").await;

    assert_eq!(ids(&search(&app, &awa, "evenement").await), vec![event]);
    assert_eq!(ids(&search(&app, &awa, "Événements").await), vec![event]);
    assert_eq!(ids(&search(&app, &awa, "subvention").await), vec![grants]);
    assert_eq!(ids(&search(&app, &awa, "eglise").await), vec![event]);

    let page = search(&app, &awa, "subvention").await;
    let snippet = &page["items"][0]["snippet"];
    let mark = &snippet["marks"][0];
    let text: Vec<char> = snippet["text"].as_str().unwrap().chars().collect();
    let marked: String =
        text[mark["start"].as_u64().unwrap() as usize..mark["end"].as_u64().unwrap() as usize].iter().collect();
    assert_eq!(marked, "subventions", "the matching word is highlighted");
    assert_eq!(page["items"][0]["group_name"], "Vie associative");
}

#[tokio::test]
async fn any_raw_input_is_safe_and_never_an_error() {
    let app = spawn_app().await;
    let group = app.group(&app.admin, "Informatique", "public").await;
    app.post_in(&app.admin, group, "Formation C++ et Rust pour les bénévoles, qui-vient ?").await;
    for query in [
        "l'église",
        "C++",
        "qui-vient",
        "\"unbalanced",
        "AND OR NOT",
        "(*)",
        "🎉",
        "",
        "   ",
        "NEAR(a b)",
        "col:val",
        "'; DROP TABLE posts; --",
    ] {
        let page = search(&app, &app.admin, query).await;
        assert!(page["items"].is_array(), "{query:?} gives a page");
    }
    assert_eq!(ids(&search(&app, &app.admin, "qui-vient").await).len(), 1);
    let too_long = "a".repeat(201);
    let response = app.get(&format!("/v1/search?q={too_long}"), Some(&app.admin.token)).await;
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn a_private_groups_post_is_found_only_by_its_members_and_not_after_leaving() {
    let app = spawn_app().await;
    let association = app.new_association("Solidarité").await;
    let member = app.member(association, "Membre").await;
    let outsider = app.member(association, "Extérieur").await;
    let private = app.group(&app.admin, "Bureau", "private").await;
    app.add_to_group(&app.admin, private, &member).await;
    let secret = app.post_in(&app.admin, private, "Budget confidentiel de la trésorerie").await;
    let public = app.group(&app.admin, "Annonces", "public").await;
    let open = app.post_in(&app.admin, public, "Budget participatif ouvert à tous").await;

    let found = ids(&search(&app, &member, "budget").await);
    assert!(found.contains(&secret) && found.contains(&open));
    assert_eq!(ids(&search(&app, &outsider, "budget").await), vec![open], "an outsider never sees it");
    assert_eq!(ids(&search(&app, &outsider, "confidentiel").await), Vec::<Uuid>::new());

    assert_applied(&app.act(&member, json!({ "type": "leave_group", "group_id": private })).await);
    assert_eq!(ids(&search(&app, &member, "confidentiel").await), Vec::<Uuid>::new(), "gone once left");
}

#[tokio::test]
async fn a_deleted_or_edited_post_is_found_by_its_new_words_only() {
    let app = spawn_app().await;
    let group = app.group(&app.admin, "Sport", "public").await;
    let post = app.post_in(&app.admin, group, "Tournoi de pétanque samedi").await;
    assert_applied(
        &app.act(&app.admin, json!({ "type": "edit_post", "id": post, "body": "Tournoi de belote dimanche" })).await,
    );
    assert!(ids(&search(&app, &app.admin, "petanque").await).is_empty());
    assert_eq!(ids(&search(&app, &app.admin, "belote").await), vec![post]);
    assert_applied(&app.act(&app.admin, json!({ "type": "delete_post", "id": post })).await);
    assert!(ids(&search(&app, &app.admin, "belote").await).is_empty());
}

#[tokio::test]
async fn a_hidden_profile_is_found_only_where_its_owner_allows() {
    let app = spawn_app().await;
    let lyon = app.new_association("Lyon").await;
    let grenoble = app.new_association("Grenoble").await;
    let discreet = app.member(lyon, "Désirée Discrète").await;
    let open = app.member(lyon, "Ouvert Public").await;
    let colleague = app.member(lyon, "Collègue").await;
    let stranger = app.member(grenoble, "Étranger").await;
    for person in [&discreet, &open] {
        assert_applied(
            &app.act(
                person,
                json!({ "type": "update_profile", "update": { "skills": ["comptabilité"], "function": "Trésorière" } }),
            )
            .await,
        );
    }
    assert_applied(
        &app.act(&open, json!({ "type": "update_profile", "update": { "directory_visibility": "federation" } })).await,
    );

    let by_colleague = ids(&search(&app, &colleague, "comptabilite").await);
    assert!(by_colleague.contains(&discreet.id) && by_colleague.contains(&open.id), "the same association sees both");
    let by_stranger = ids(&search(&app, &stranger, "comptabilite").await);
    assert_eq!(by_stranger, vec![open.id], "another association sees only who chose the federation");
    assert!(ids(&search(&app, &stranger, "Désirée").await).is_empty());
}

#[tokio::test]
async fn results_are_paged_and_filtered_by_kind() {
    let app = spawn_app().await;
    let group = app.group(&app.admin, "Jardinage partagé", "public").await;
    for i in 0..5 {
        app.post_in(&app.admin, group, &format!("Jardinage au potager, séance {i}")).await;
    }
    let first = app.get("/v1/search?q=jardinage&limit=4", Some(&app.admin.token)).await.json::<Value>().await.unwrap();
    assert_eq!(first["items"].as_array().unwrap().len(), 4);
    let cursor = first["next_cursor"].as_str().expect("a next page");
    let second = app
        .get(&format!("/v1/search?q=jardinage&limit=4&cursor={cursor}"), Some(&app.admin.token))
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(second["items"].as_array().unwrap().len(), 2, "five posts and the group");
    assert!(second["next_cursor"].is_null());
    let groups =
        app.get("/v1/search?q=jardinage&kind=group", Some(&app.admin.token)).await.json::<Value>().await.unwrap();
    assert_eq!(ids(&groups), vec![group]);
}

#[tokio::test]
async fn the_directory_filters_by_skill_and_association_and_honours_each_persons_choice() {
    let app = spawn_app().await;
    let lyon = app.new_association("Lyon").await;
    let grenoble = app.new_association("Grenoble").await;
    let discreet = app.member(lyon, "Anne Discrète").await;
    let open = app.member(lyon, "Bruno Ouvert").await;
    let colleague = app.member(lyon, "Chloé Collègue").await;
    let stranger = app.member(grenoble, "Denis Étranger").await;
    for person in [&discreet, &open] {
        assert_applied(
            &app.act(
                person,
                json!({ "type": "update_profile", "update": { "skills": ["Comptabilité"], "function": "Trésorier" } }),
            )
            .await,
        );
    }
    assert_applied(
        &app.act(&open, json!({ "type": "update_profile", "update": { "directory_visibility": "federation" } })).await,
    );

    let directory = |person: Person, query: String| {
        let app = &app;
        async move {
            let response = app.get(&format!("/v1/people?{query}"), Some(&person.token)).await;
            assert_eq!(response.status(), 200);
            ids(&response.json::<Value>().await.unwrap())
        }
    };
    let skill = "skill=comptabilit%C3%A9";
    assert_eq!(directory(colleague.clone(), skill.into()).await, vec![discreet.id, open.id], "by name");
    assert_eq!(directory(stranger.clone(), skill.into()).await, vec![open.id], "only who chose the federation");
    assert_eq!(directory(colleague.clone(), format!("organisation_id={grenoble}")).await, Vec::<Uuid>::new());
    assert_eq!(directory(stranger.clone(), format!("organisation_id={grenoble}")).await, vec![stranger.id]);
    assert_eq!(
        directory(colleague.clone(), "q=tresorier".into()).await.len(),
        0,
        "words as written (accents matter here)"
    );
    assert_eq!(directory(colleague.clone(), "q=tr%C3%A9sorier".into()).await, vec![discreet.id, open.id]);
    let first = app.get("/v1/people?limit=2", Some(&colleague.token)).await.json::<Value>().await.unwrap();
    assert!(first["next_cursor"].is_string(), "paged");
}
