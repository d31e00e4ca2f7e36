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

/// Every page of a search, followed to its end.
async fn all_pages(app: &TestApp, person: &Person, query: &str, limit: u32) -> (Vec<Uuid>, usize) {
    let (mut found, mut pages, mut cursor) = (Vec::new(), 0, None::<String>);
    loop {
        let mut path = format!("/v1/search?q={}&limit={limit}", urlencode(query));
        if let Some(cursor) = &cursor {
            path.push_str(&format!("&cursor={cursor}"));
        }
        let response = app.get(&path, Some(&person.token)).await;
        assert_eq!(response.status(), 200);
        let page: Value = response.json().await.unwrap();
        assert!(page["items"].as_array().unwrap().len() <= limit as usize);
        found.extend(ids(&page));
        pages += 1;
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return (found, pages),
        }
        assert!(pages < 100, "the pages end");
    }
}

#[tokio::test]
async fn a_search_ranks_recent_matches_a_batch_at_a_time_and_gives_each_visible_one_once() {
    // Batches of 3 matches, so that a few posts cross many batches.
    let settings = fabrique_server::config::Settings { search_batch: 3, write_limits: None, ..local_push() };
    let app = spawn_app_with(true, settings).await;
    let association = app.new_association("Amicale").await;
    let reader = app.member(association, "Lectrice").await;
    let insider = app.manager(association, "Initiée").await;
    let open = app.group(&app.admin, "Ouvert", "public").await;
    let closed = app.group(&insider, "Bureau restreint", "private").await;
    app.add_to_group(&app.admin, open, &reader).await;

    let mut visible = Vec::new();
    visible.push(app.post_in(&reader, open, "Compost du jardin, première récolte").await);
    // More hidden matches in a row than one request reads (3 × 8): a request answers with
    // a cursor to go on rather than reading the whole history.
    for i in 0..30 {
        app.post_in(&insider, closed, &format!("Compost confidentiel {i}")).await;
    }
    for i in 0..7 {
        visible.push(app.post_in(&reader, open, &format!("Le compost, semaine {i}")).await);
        app.post_in(&insider, closed, &format!("Compost du bureau {i}")).await;
    }

    let (found, pages) = all_pages(&app, &reader, "composts", 2).await;
    let mut sorted = found.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), found.len(), "no result twice: {found:?}");
    let mut expected = visible.clone();
    expected.sort();
    assert_eq!(sorted, expected, "every visible match, and nothing of the private group");
    if matches!(app.db, fabrique_server::db::Db::Sqlite { .. }) {
        // SQLite reads recent matches first, in bounded batches.
        assert!(pages >= 5, "paged by two, with the bounded requests: {pages} pages");
        assert_eq!(found.last(), Some(&visible[0]), "the oldest match comes last, after the hidden run");
    }

    // The insider, who sees both groups, gets all 45, each once.
    let (all, _) = all_pages(&app, &insider, "compost", 20).await;
    let mut distinct = all.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!((all.len(), distinct.len()), (45, 45));

    // Kind filters are inside the index: the group's name matches, its posts do not.
    let garden = app.group(&app.admin, "Compost partagé", "public").await;
    let groups = app.get("/v1/search?q=compost&kind=group", Some(&reader.token)).await.json::<Value>().await.unwrap();
    assert_eq!(ids(&groups), vec![garden]);
}

#[tokio::test]
async fn the_search_index_is_rebuilt_from_what_is_stored() {
    let app = spawn_app().await;
    if !matches!(app.db, fabrique_server::db::Db::Sqlite { .. }) {
        return; // On PostgreSQL the words are a column of each row: nothing to rebuild.
    }
    let association = app.new_association("Amicale").await;
    let awa = app.member(association, "Awa Diallo").await;
    let group = app.group(&app.admin, "Potager collectif", "public").await;
    app.add_to_group(&app.admin, group, &awa).await;
    let post = app.post_in(&awa, group, "Arrosage du potager cet été").await;
    let question = Uuid::now_v7();
    assert_applied(&app.act(&awa, json!({ "type": "ask_question", "id": question, "group_ids": [group], "title": "Qui arrose le potager en août ?" })).await);
    let answer = Uuid::now_v7();
    assert_applied(&app.act(&app.admin, json!({ "type": "answer_question", "id": answer, "question_id": question, "body": "Le potager est arrosé par Jean." })).await);
    let before = ids(&search(&app, &awa, "potager").await);
    assert_eq!(before.len(), 4, "group, post, question, answer: {before:?}");

    // As after the migration that changed the index's shape: everything gone, then back.
    let fabrique_server::db::Db::Sqlite { write, .. } = &app.db else { unreachable!() };
    sqlx::query("DELETE FROM search_terms").execute(write).await.unwrap();
    sqlx::query("DELETE FROM search_documents").execute(write).await.unwrap();
    assert!(ids(&search(&app, &awa, "potager").await).is_empty());
    let indexed = fabrique_server::search::backfill(&app.db).await.unwrap();
    assert!(indexed >= 5, "the two people, the group, the post, the question and the answer: {indexed}");
    let mut after = ids(&search(&app, &awa, "potager").await);
    let mut expected = vec![group, post, question, answer];
    after.sort();
    expected.sort();
    assert_eq!(after, expected);
    assert_eq!(fabrique_server::search::backfill(&app.db).await.unwrap(), 0, "nothing twice");
}

#[tokio::test]
async fn a_match_in_the_title_comes_before_a_match_in_the_text() {
    let app = spawn_app().await;
    let group = app.group(&app.admin, "Vie associative", "public").await;
    let titled = Uuid::now_v7();
    assert_applied(&app.act(&app.admin, json!({ "type": "create_post", "id": titled, "group_id": group, "kind": "news", "title": "Le potager partagé", "body": "Inscriptions ouvertes." })).await);
    let newer = app.post_in(&app.admin, group, "Au passage, le potager a besoin d'eau.").await;
    assert_eq!(ids(&search(&app, &app.admin, "potager").await), vec![titled, newer]);
}

#[tokio::test]
async fn an_answer_found_says_which_question_it_answers() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let awa = app.member(association, "Awa Diallo").await;
    let group = app.group(&app.admin, "Potager collectif", "public").await;
    app.add_to_group(&app.admin, group, &awa).await;
    let question = Uuid::now_v7();
    assert_applied(
        &app.act(
            &awa,
            json!({ "type": "ask_question", "id": question, "group_ids": [group], "title": "Qui arrose en août ?" }),
        )
        .await,
    );
    let answer = Uuid::now_v7();
    assert_applied(&app.act(&app.admin, json!({ "type": "answer_question", "id": answer, "question_id": question, "body": "Jean, avec le tuyau de la mairie." })).await);

    let page = search(&app, &awa, "tuyau").await;

    let found = page["items"].as_array().unwrap().iter().find(|i| i["kind"] == "answer").expect("the answer is found");
    assert_eq!(found["id"], answer.to_string());
    assert_eq!(found["question_id"], question.to_string(), "a tap opens the question");
    let question_found = search(&app, &awa, "arrose").await;
    let item = &question_found["items"][0];
    assert_eq!(item["kind"], "question");
    assert!(item.get("question_id").is_none(), "nothing more for a question: {item}");
}

#[tokio::test]
async fn posts_written_at_once_by_many_devices_are_each_found_and_one_deleted_meanwhile_is_not() {
    let app = spawn_app().await;
    let association = app.new_association("Maison des loisirs").await;
    let group = app.group(&app.admin, "Loisirs", "public").await;
    let words = ["jardinage", "tricot", "cuisine", "peinture", "chorale", "randonnée", "théâtre", "poterie"];
    let mut devices = Vec::new();
    for (i, _) in words.iter().enumerate() {
        let member = app.member(association, &format!("Membre {i}")).await;
        app.add_to_group(&app.admin, group, &member).await;
        devices.push((member.clone(), app.device(&member)));
    }
    // Each device pushes its post at the same moment (on SQLite, mutations applied in batches
    // whose search entries are written together); the last also deletes its post.
    let post = |id: Uuid, word: &str| json!({ "type": "create_post", "id": id, "group_id": group, "kind": "news", "body": format!("Atelier {word} samedi") });
    let posts: Vec<Uuid> = words.iter().map(|_| Uuid::now_v7()).collect();
    let pushes = devices.iter().zip(&posts).zip(words).enumerate().map(|(i, (((_, device), id), word))| {
        let mut mutations = vec![json!({ "id": 1, "mutation": post(*id, word) })];
        if i == words.len() - 1 {
            mutations.push(json!({ "id": 2, "mutation": { "type": "delete_post", "id": id } }));
        }
        let body = json!({ "client_id": device.client_id, "mutations": mutations });
        async move { device.push_raw(&body).await }
    });
    for response in futures::future::join_all(pushes).await {
        assert_eq!(response.status(), 200);
        let answer: Value = response.json().await.unwrap();
        for result in answer["results"].as_array().unwrap() {
            assert_applied(&result["outcome"]);
        }
    }
    let reader = &devices[0].0;
    for (word, id) in words.iter().zip(&posts).take(words.len() - 1) {
        assert_eq!(ids(&search(&app, reader, word).await), vec![*id], "{word}");
    }
    assert_eq!(ids(&search(&app, reader, "poterie").await), Vec::<Uuid>::new(), "the deleted post is not found");
    assert_eq!(ids(&search(&app, reader, "atelier").await).len(), words.len() - 1);
}
