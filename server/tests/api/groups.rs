use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{assert_applied, assert_rejected, spawn_app};

#[tokio::test]
async fn a_private_group_is_joined_by_request_and_approval() {
    let app = spawn_app().await;
    let association = app.new_association("Solidarité Croix-Rousse").await;
    let manager = app.manager(association, "Fatou Diallo").await;
    let volunteer = app.member(association, "Yannick Faure").await;
    let group = app.group(&manager, "Bureau", "private").await;

    let direct = app.act(&volunteer, json!({ "type": "join_group", "group_id": group })).await;
    assert_rejected(&direct, "invitation_required");
    assert_applied(
        &app.act(&volunteer, json!({ "type": "request_to_join", "group_id": group, "message": "Je voudrais aider" }))
            .await,
    );

    // The organiser sees the request in the group's admin scope; the requester in their own.
    let mut manager_device = app.device(&manager);
    manager_device.sync().await;
    let requests = manager_device.entities("join_request");
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["message"], "Je voudrais aider");
    let mut volunteer_device = app.device(&volunteer);
    volunteer_device.sync().await;
    assert_eq!(volunteer_device.entities("join_request").len(), 1);
    assert!(!volunteer_device.holds_scope(&format!("group:{group}")));

    assert_applied(
        &app.act(
            &manager,
            json!({ "type": "decide_join_request", "group_id": group, "person_id": volunteer.id, "accept": true }),
        )
        .await,
    );

    volunteer_device.sync().await;
    assert!(volunteer_device.holds_scope(&format!("group:{group}")), "the new member receives the group");
    assert!(volunteer_device.entities("join_request").is_empty(), "the answered request is gone");
    let listing: Value = app.get(&format!("/v1/groups/{group}"), Some(&volunteer.token)).await.json().await.unwrap();
    assert_eq!(listing["my_role"], "member");
    assert_eq!(listing["group"]["member_count"], 2);
}

#[tokio::test]
async fn a_public_group_is_joined_followed_and_left() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let reader = app.member(app.new_association("Autre").await, "Laura Mercier").await;
    let group = app.group(&manager, "Subventions nationales", "public").await;

    assert_applied(&app.act(&reader, json!({ "type": "follow_group", "group_id": group })).await);
    let listing: Value = app.get(&format!("/v1/groups/{group}"), Some(&reader.token)).await.json().await.unwrap();
    assert_eq!(listing["following"], true);
    assert!(listing["my_role"].is_null());
    let refused = app.act(&reader, json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": group, "kind": "news", "body": "Bonjour" })).await;
    assert_rejected(&refused, "not_a_member");

    assert_applied(&app.act(&reader, json!({ "type": "join_group", "group_id": group })).await);
    let listing: Value = app.get(&format!("/v1/groups/{group}"), Some(&reader.token)).await.json().await.unwrap();
    assert_eq!(listing["my_role"], "member");
    assert_eq!(listing["following"], false, "a member no longer needs to follow");
    app.post_in(&reader, group, "Bonjour à tous").await;

    assert_applied(&app.act(&reader, json!({ "type": "leave_group", "group_id": group })).await);
    let listing: Value = app.get(&format!("/v1/groups/{group}"), Some(&reader.token)).await.json().await.unwrap();
    assert!(listing["my_role"].is_null());
    assert_eq!(listing["group"]["member_count"], 1);
}

#[tokio::test]
async fn a_private_group_cannot_be_followed() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let member = app.member(association, "Antoine Blanc").await;
    let group = app.group(&manager, "Bureau", "private").await;
    assert_rejected(&app.act(&member, json!({ "type": "follow_group", "group_id": group })).await, "group_is_private");
    assert_eq!(app.count("group_followers").await, 0);
}

#[tokio::test]
async fn the_last_admin_cannot_leave_a_group_with_members() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let member = app.member(association, "Antoine Blanc").await;
    let group = app.group(&manager, "Entraîneurs", "public").await;
    app.add_to_group(&manager, group, &member).await;
    assert_rejected(&app.act(&manager, json!({ "type": "leave_group", "group_id": group })).await, "last_admin");
    assert_rejected(
        &app.act(
            &manager,
            json!({ "type": "set_member_role", "group_id": group, "person_id": manager.id, "role": "member" }),
        )
        .await,
        "last_admin",
    );
}

#[tokio::test]
async fn groups_are_browsed_by_name_a_page_at_a_time() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let names = ["Bénévolat", "Communication", "Finances", "Jeunesse", "Subventions"];
    for name in names {
        app.group(&manager, name, if name == "Finances" { "private" } else { "public" }).await;
    }
    let reader = app.member(app.new_association("Autre").await, "Lecteur").await;

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/groups?limit=2&cursor={c}"),
            None => "/v1/groups?limit=2".to_owned(),
        };
        let response = app.get(&path, Some(&reader.token)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let page: Value = response.json().await.unwrap();
        for item in page["items"].as_array().unwrap() {
            seen.push(item["group"]["name"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, names, "every group once, private ones listed too, in name order");

    let found: Value = app.get("/v1/groups?q=COMM", Some(&reader.token)).await.json().await.unwrap();
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    assert_eq!(found["items"][0]["group"]["name"], "Communication");
}

#[tokio::test]
async fn a_profile_edit_reaches_the_member_lists() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let member = app.member(association, "Antoine Blanc").await;
    let group = app.group(&manager, "Entraîneurs", "private").await;
    app.add_to_group(&manager, group, &member).await;
    let mut device = app.device(&manager);
    device.sync().await;

    assert_applied(
        &app.act(&member, json!({ "type": "update_profile", "update": { "function": "Entraîneur salarié" } })).await,
    );
    device.sync().await;
    let members = device.entities("group_member");
    let antoine = members.iter().find(|m| m["person_id"] == member.id.to_string()).unwrap();
    assert_eq!(antoine["function"], "Entraîneur salarié");
}

#[tokio::test]
async fn joining_a_public_group_does_not_widen_my_association_only() {
    // Arrange: Awa keeps her profile to her association and joins a public group where
    // Mallory, of another association, reads.
    let app = spawn_app().await;
    let awa = app.member(app.new_association("Amicale").await, "Awa Diallo").await;
    let colleague = app.member(awa.organisation_id, "Bruno Colleague").await;
    let mallory = app.member(app.new_association("Ailleurs").await, "Mallory").await;
    let group = app.group(&app.admin, "Entraide", "public").await;
    for person in [&awa, &colleague, &mallory] {
        app.add_to_group(&app.admin, group, person).await;
    }

    // Act: everything Mallory can read.
    let profile = app.get(&format!("/v1/people/{}", awa.id), Some(&mallory.token)).await;
    let members: Value =
        app.get(&format!("/v1/groups/{group}/members"), Some(&mallory.token)).await.json().await.unwrap();
    let directory: Value = app.get("/v1/people?q=awa", Some(&mallory.token)).await.json().await.unwrap();
    let mut device = app.device(&mallory);
    device.sync().await;

    // Assert: Awa is nowhere; her colleague still finds her in the list.
    assert_eq!(profile.status(), reqwest::StatusCode::NOT_FOUND);
    let listed = |page: &Value| {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["person_id"] == awa.id.to_string() || m["id"] == awa.id.to_string())
    };
    assert!(!listed(&members), "{members}");
    assert!(!listed(&directory), "{directory}");
    assert!(
        !device.entities("group_member").iter().any(|m| m["person_id"] == awa.id.to_string()),
        "not synced to Mallory"
    );
    let for_colleague: Value =
        app.get(&format!("/v1/groups/{group}/members"), Some(&colleague.token)).await.json().await.unwrap();
    assert!(listed(&for_colleague), "her own association sees her");

    // Once she opens her profile to the federation, she is listed again.
    assert_applied(
        &app.act(&awa, json!({ "type": "update_profile", "update": { "directory_visibility": "federation" } })).await,
    );
    device.sync().await;
    assert!(device.entities("group_member").iter().any(|m| m["person_id"] == awa.id.to_string()));
}

#[tokio::test]
async fn a_member_is_offered_the_groups_of_their_association_and_of_the_federation_they_are_not_in() {
    let app = spawn_app().await;
    let mine = app.new_association("Centre social des Tilleuls").await;
    let theirs = app.new_association("Autre association").await;
    let manager = app.manager(mine, "Marie").await;
    let their_manager = app.manager(theirs, "Odile").await;
    let ours = app.group(&manager, "Jardin partagé", "public").await;
    let committee = app.group(&manager, "Bureau", "private").await;
    let federation_wide = app.group(&app.admin, "Entraide fédérale", "public").await;
    let not_ours = app.group(&their_manager, "Leur groupe", "public").await;
    let awa = app.member(mine, "Awa").await;
    app.act(&awa, json!({"type": "join_group", "group_id": ours})).await;

    let response = app.get("/v1/groups/suggested", Some(&awa.token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let suggested: Vec<Value> = response.json().await.unwrap();
    let ids: Vec<String> = suggested.iter().map(|l| l["group"]["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(
        ids,
        [committee.to_string(), federation_wide.to_string()],
        "the association's first, then the federation's"
    );
    assert!(!ids.contains(&ours.to_string()), "not one she is in");
    assert!(!ids.contains(&not_ours.to_string()), "not another association's");
    assert_eq!(app.get("/v1/groups/suggested", None).await.status(), StatusCode::UNAUTHORIZED);
}
