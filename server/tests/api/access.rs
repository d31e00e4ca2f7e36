//! DESIGN.md §4 as a matrix: for each action on a private group, every kind of person,
//! allowed and denied, over the real API. A denied action changes nothing.

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Person, TestApp, assert_applied, spawn_app};

/// A private group of association A, and one person of each kind around it.
struct World {
    app: TestApp,
    group: Uuid,
    group_admin: Person,
    organiser: Person,
    member: Person,
    author: Person,
    outsider: Person,
    other_association: Person,
    manager: Person,
}

impl World {
    async fn new() -> World {
        let app = spawn_app().await;
        let a = app.new_association("Association A").await;
        let b = app.new_association("Association B").await;
        let manager = app.manager(a, "Manon Manager").await;
        let group_admin = app.member(a, "Gaston Admin").await;
        let organiser = app.member(a, "Olga Organiser").await;
        let member = app.member(b, "Mehdi Member").await;
        let author = app.member(a, "Aude Author").await;
        let outsider = app.member(a, "Oscar Outsider").await;
        let other_association = app.member(b, "Béatrice Other").await;

        // The manager creates the group, hands it to its admin and leaves: from then on the
        // manager acts only as manager of the owner association.
        let group = app.group(&manager, "Commission finances", "private").await;
        for person in [&group_admin, &organiser, &member, &author] {
            app.add_to_group(&manager, group, person).await;
        }
        assert_applied(
            &app.act(
                &manager,
                json!({ "type": "set_member_role", "group_id": group, "person_id": group_admin.id, "role": "admin" }),
            )
            .await,
        );
        assert_applied(
            &app.act(
                &manager,
                json!({ "type": "set_member_role", "group_id": group, "person_id": organiser.id, "role": "organiser" }),
            )
            .await,
        );
        assert_applied(&app.act(&manager, json!({ "type": "leave_group", "group_id": group })).await);
        World { app, group, group_admin, organiser, member, author, outsider, other_association, manager }
    }

    fn everyone(&self) -> Vec<(&'static str, Person)> {
        vec![
            ("group admin", self.group_admin.clone()),
            ("organiser", self.organiser.clone()),
            ("member", self.member.clone()),
            ("author", self.author.clone()),
            ("outsider", self.outsider.clone()),
            ("other association", self.other_association.clone()),
            ("manager", self.manager.clone()),
            ("federation admin", self.app.admin.clone()),
        ]
    }

    async fn post_by_author(&self) -> Uuid {
        self.app.post_in(&self.author, self.group, "Budget prévisionnel 2027").await
    }

    async fn post_body(&self, id: Uuid) -> Option<String> {
        let response = self.app.get(&format!("/v1/posts/{id}"), Some(&self.author.token)).await;
        if response.status() != StatusCode::OK {
            return None;
        }
        let post: Value = response.json().await.unwrap();
        Some(post["body"].as_str().unwrap().to_owned())
    }
}

fn check(who: &str, action: &str, expected: &[&str], applied: bool) {
    let allowed = expected.contains(&who);
    assert_eq!(applied, allowed, "{action} by {who}: expected {}", if allowed { "allowed" } else { "denied" });
}

const MEMBERS: &[&str] = &["group admin", "organiser", "member", "author"];

#[tokio::test]
async fn private_content_is_read_by_its_members_only() {
    let world = World::new().await;
    let post = world.post_by_author().await;
    for (who, person) in world.everyone() {
        let list = world.app.get(&format!("/v1/groups/{}/posts", world.group), Some(&person.token)).await;
        check(who, "list posts", MEMBERS, list.status() == StatusCode::OK);
        if list.status() != StatusCode::OK {
            assert_eq!(list.status(), StatusCode::FORBIDDEN);
        }
        let one = world.app.get(&format!("/v1/posts/{post}"), Some(&person.token)).await;
        check(who, "read a post", MEMBERS, one.status() == StatusCode::OK);
        if one.status() != StatusCode::OK {
            assert_eq!(one.status(), StatusCode::NOT_FOUND, "a post one may not read looks absent");
        }
        let comments = world.app.get(&format!("/v1/posts/{post}/comments"), Some(&person.token)).await;
        check(who, "read comments", MEMBERS, comments.status() == StatusCode::OK);
        let members = world.app.get(&format!("/v1/groups/{}/members", world.group), Some(&person.token)).await;
        check(who, "list members", MEMBERS, members.status() == StatusCode::OK);
        // The group itself is listed to everyone, content aside.
        assert_eq!(
            world.app.get(&format!("/v1/groups/{}", world.group), Some(&person.token)).await.status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn private_content_syncs_to_its_members_only() {
    let world = World::new().await;
    let post = world.post_by_author().await;
    for (who, person) in world.everyone() {
        let mut device = world.app.device(&person);
        device.sync().await;
        check(who, "sync the group", MEMBERS, device.has("post", post));
        check(who, "sync the group scope", MEMBERS, device.holds_scope(&format!("group:{}", world.group)));
    }
}

#[tokio::test]
async fn members_post_comment_and_react_others_are_refused() {
    let world = World::new().await;
    let post = world.post_by_author().await;
    let posts_before = world.app.count("posts").await;
    let mut applied_posts = 0;
    for (who, person) in world.everyone() {
        let outcome = world.app.act(&person, json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": world.group, "kind": "news", "body": "Bonjour" })).await;
        check(who, "post", MEMBERS, outcome["status"] == "applied");
        applied_posts += (outcome["status"] == "applied") as i64;
        let outcome = world
            .app
            .act(
                &person,
                json!({ "type": "create_comment", "id": Uuid::now_v7(), "post_id": post, "body": "D'accord" }),
            )
            .await;
        check(who, "comment", MEMBERS, outcome["status"] == "applied");
        let outcome = world.app.act(&person, json!({ "type": "react", "target_id": post, "emoji": "👍" })).await;
        check(who, "react", MEMBERS, outcome["status"] == "applied");
    }
    assert_eq!(world.app.count("posts").await, posts_before + applied_posts, "refused posts wrote nothing");
    assert_eq!(world.app.count("comments").await, MEMBERS.len() as i64);
    assert_eq!(world.app.count("reactions").await, MEMBERS.len() as i64);
}

#[tokio::test]
async fn only_the_author_edits_a_post() {
    let world = World::new().await;
    let post = world.post_by_author().await;
    for (who, person) in world.everyone() {
        let text = format!("Modifié par {who}");
        let outcome = world.app.act(&person, json!({ "type": "edit_post", "id": post, "body": text })).await;
        check(who, "edit a post", &["author"], outcome["status"] == "applied");
        let body = world.post_body(post).await.unwrap();
        assert_eq!(body == text, who == "author", "the post holds only the author's edits");
    }
}

#[tokio::test]
async fn the_author_moderators_and_managers_delete_a_post() {
    let world = World::new().await;
    for (who, person) in world.everyone() {
        let post = world.post_by_author().await;
        let outcome = world.app.act(&person, json!({ "type": "delete_post", "id": post })).await;
        let allowed = &["group admin", "organiser", "author", "manager", "federation admin"];
        check(who, "delete a post", allowed, outcome["status"] == "applied");
        assert_eq!(world.post_body(post).await.is_none(), outcome["status"] == "applied");
    }
}

#[tokio::test]
async fn organisers_managers_and_admins_remove_members() {
    let world = World::new().await;
    let target = world.app.member(world.app.new_association("C").await, "Target").await;
    for (who, person) in world.everyone() {
        world.app.add_to_group(&world.group_admin, world.group, &target).await;
        let outcome = world
            .app
            .act(&person, json!({ "type": "remove_member", "group_id": world.group, "person_id": target.id }))
            .await;
        check(
            who,
            "remove a member",
            &["group admin", "organiser", "manager", "federation admin"],
            outcome["status"] == "applied",
        );
        let still_member =
            world.app.get(&format!("/v1/groups/{}/posts", world.group), Some(&target.token)).await.status()
                == StatusCode::OK;
        assert_eq!(still_member, outcome["status"] != "applied");
    }
}

#[tokio::test]
async fn admins_and_managers_change_roles_and_settings() {
    let world = World::new().await;
    let target = world.member.clone();
    for (who, person) in world.everyone() {
        let outcome = world.app.act(&person, json!({ "type": "set_member_role", "group_id": world.group, "person_id": target.id, "role": "organiser" })).await;
        check(who, "change a role", &["group admin", "manager", "federation admin"], outcome["status"] == "applied");
        assert_applied(&world.app.act(&world.group_admin, json!({ "type": "set_member_role", "group_id": world.group, "person_id": target.id, "role": "member" })).await);

        let name = format!("Commission finances ({who})");
        let outcome = world.app.act(&person, json!({ "type": "update_group", "id": world.group, "name": name })).await;
        check(who, "rename the group", &["group admin", "manager", "federation admin"], outcome["status"] == "applied");
        let group: Value = world
            .app
            .get(&format!("/v1/groups/{}", world.group), Some(&world.author.token))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(group["group"]["name"] == name, outcome["status"] == "applied");
    }
}

#[tokio::test]
async fn organisers_managers_and_admins_answer_join_requests_and_invite() {
    let world = World::new().await;
    let requester = world.app.member(world.app.new_association("C").await, "Rachid Requester").await;
    let invitee = world.app.member(world.app.new_association("D").await, "Inès Invitee").await;
    // Visible to the whole federation, so that the roles alone decide who may invite her.
    assert_applied(
        &world
            .app
            .act(&invitee, json!({ "type": "update_profile", "update": { "directory_visibility": "federation" } }))
            .await,
    );
    let runners = &["group admin", "organiser", "manager", "federation admin"];
    for (who, person) in world.everyone() {
        assert_applied(
            &world
                .app
                .act(&requester, json!({ "type": "request_to_join", "group_id": world.group, "message": "Bonjour" }))
                .await,
        );
        let outcome = world.app.act(&person, json!({ "type": "decide_join_request", "group_id": world.group, "person_id": requester.id, "accept": false })).await;
        check(who, "answer a join request", runners, outcome["status"] == "applied");

        let outcome = world
            .app
            .act(&person, json!({ "type": "invite_to_group", "group_id": world.group, "person_id": invitee.id }))
            .await;
        check(who, "invite", runners, outcome["status"] == "applied");
    }
    // Refused every time: never became a member.
    assert_eq!(
        world.app.get(&format!("/v1/groups/{}/posts", world.group), Some(&requester.token)).await.status(),
        StatusCode::FORBIDDEN
    );
    // Someone of another association who keeps to it does not exist for the group's runners.
    let hidden = world.app.member(world.app.new_association("E").await, "Hélène Hidden").await;
    for (who, person) in
        [("group admin", &world.group_admin), ("organiser", &world.organiser), ("manager", &world.manager)]
    {
        let outcome = world
            .app
            .act(person, json!({ "type": "invite_to_group", "group_id": world.group, "person_id": hidden.id }))
            .await;
        assert_eq!(outcome["code"], "person_not_found", "{who}");
    }
}

#[tokio::test]
async fn changing_an_id_never_reaches_someone_elses_object() {
    let world = World::new().await;
    let app = &world.app;
    let post = world.post_by_author().await;
    let comment = Uuid::now_v7();
    assert_applied(
        &app.act(
            &world.member,
            json!({ "type": "create_comment", "id": comment, "post_id": post, "body": "Premier commentaire" }),
        )
        .await,
    );

    // An outsider aims at the private post by its id: it does not exist for them.
    let outcome = app.act(&world.outsider, json!({ "type": "edit_post", "id": post, "body": "piraté" })).await;
    assert_eq!(outcome["code"], "post_not_found");
    let outcome = app
        .act(
            &world.outsider,
            json!({ "type": "create_comment", "id": Uuid::now_v7(), "post_id": post, "body": "piraté" }),
        )
        .await;
    assert_eq!(outcome["code"], "post_not_found");
    let outcome = app.act(&world.outsider, json!({ "type": "edit_comment", "id": comment, "body": "piraté" })).await;
    assert_eq!(outcome["code"], "comment_not_found");
    let outcome = app.act(&world.outsider, json!({ "type": "react", "target_id": comment, "emoji": "👎" })).await;
    assert_eq!(outcome["code"], "comment_not_found");

    // Reusing an existing id to create something else replaces nothing.
    let outcome = app
        .act(
            &world.other_association,
            json!({ "type": "create_post", "id": post, "group_id": world.group, "kind": "news", "body": "piraté" }),
        )
        .await;
    assert_eq!(outcome["status"], "rejected");
    let outcome = app
        .act(&world.organiser, json!({ "type": "create_comment", "id": comment, "post_id": post, "body": "piraté" }))
        .await;
    assert_eq!(outcome["code"], "already_exists");

    // A member edits another member's comment: refused.
    let outcome = app.act(&world.author, json!({ "type": "edit_comment", "id": comment, "body": "piraté" })).await;
    assert_eq!(outcome["code"], "not_the_author");

    // A group admin of another group cannot act on this one.
    let other_group = app.group(&world.manager, "Autre groupe", "private").await;
    let outcome = app
        .act(&world.outsider, json!({ "type": "remove_member", "group_id": world.group, "person_id": world.member.id }))
        .await;
    assert_eq!(outcome["status"], "rejected");
    let outcome = app.act(&world.manager, json!({ "type": "decide_join_request", "group_id": other_group, "person_id": world.member.id, "accept": true })).await;
    assert_eq!(outcome["code"], "join_request_not_found");

    assert_eq!(world.post_body(post).await.unwrap(), "Budget prévisionnel 2027");
    let comments: Value =
        app.get(&format!("/v1/posts/{post}/comments"), Some(&world.member.token)).await.json().await.unwrap();
    assert_eq!(comments["items"].as_array().unwrap().len(), 1);
    assert_eq!(comments["items"][0]["body"], "Premier commentaire");
    assert_eq!(app.count("reactions").await, 0);
}

#[tokio::test]
async fn profiles_follow_each_persons_choice() {
    let world = World::new().await;
    let app = &world.app;
    // The outsider (association A) keeps the default: visible in association A only.
    for (who, person) in world.everyone() {
        let response = app.get(&format!("/v1/people/{}", world.outsider.id), Some(&person.token)).await;
        let allowed = &["group admin", "organiser", "author", "outsider", "manager", "federation admin"];
        check(who, "see a default profile", allowed, response.status() == StatusCode::OK);
        if response.status() != StatusCode::OK {
            assert_eq!(response.status(), StatusCode::NOT_FOUND);
        }
    }
    // Sharing a group shows the profile across associations (member is in B, author in A).
    assert_eq!(
        app.get(&format!("/v1/people/{}", world.author.id), Some(&world.member.token)).await.status(),
        StatusCode::OK
    );
    // Choosing the whole federation shows it to everyone.
    assert_applied(&app.act(&world.outsider, json!({ "type": "update_profile", "update": { "directory_visibility": "federation", "skills": ["Comptabilité", "subventions"] } })).await);
    let response = app.get(&format!("/v1/people/{}", world.outsider.id), Some(&world.other_association.token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let profile: Value = response.json().await.unwrap();
    assert_eq!(profile["skills"], json!(["comptabilité", "subventions"]));
}

#[tokio::test]
async fn invitations_organisations_and_groups_are_created_by_those_in_charge() {
    let world = World::new().await;
    let app = &world.app;
    let a = world.manager.organisation_id;
    let b = world.other_association.organisation_id;
    let invitations_before = app.count("invitations").await;

    let invite = |token: String, org: Uuid| {
        let app = &world.app;
        async move {
            app.post("/v1/invitations", Some(&token), &json!({ "email": "new@example.org", "organisation_id": org }))
                .await
                .status()
        }
    };
    assert_eq!(invite(world.manager.token.clone(), a).await, StatusCode::CREATED);
    assert_eq!(invite(world.manager.token.clone(), b).await, StatusCode::FORBIDDEN);
    assert_eq!(invite(world.member.token.clone(), b).await, StatusCode::FORBIDDEN);
    assert_eq!(invite(app.admin.token.clone(), b).await, StatusCode::CREATED);
    assert_eq!(app.count("invitations").await, invitations_before + 2);

    let create_org = |token: String| {
        let app = &world.app;
        async move {
            app.post(
                "/v1/organisations",
                Some(&token),
                &json!({ "name": "Nouvelle", "kind": "association", "parent_id": app.federation_id }),
            )
            .await
            .status()
        }
    };
    assert_eq!(create_org(world.manager.token.clone()).await, StatusCode::FORBIDDEN);
    assert_eq!(create_org(app.admin.token.clone()).await, StatusCode::CREATED);

    let create_group = |person: Person, org: Uuid| {
        let app = &world.app;
        async move {
            app.act(&person, json!({ "type": "create_group", "id": Uuid::now_v7(), "name": "Groupe", "organisation_id": org, "visibility": "public" })).await
        }
    };
    assert_eq!(create_group(world.manager.clone(), a).await["status"], "applied");
    assert_eq!(create_group(world.manager.clone(), b).await["code"], "forbidden");
    assert_eq!(create_group(world.member.clone(), b).await["code"], "forbidden");
    assert_eq!(create_group(app.admin.clone(), b).await["status"], "applied");
}

#[tokio::test]
async fn audit_log_records_administrative_actions() {
    let world = World::new().await;
    let post = world.post_by_author().await;
    assert_applied(&world.app.act(&world.organiser, json!({ "type": "delete_post", "id": post })).await);
    let actions: Vec<String> = fabrique_server::on_db!(&world.app.db, c => sqlx::query_scalar("SELECT action FROM audit_log ORDER BY created_at").fetch_all(c).await).unwrap();
    for expected in [
        "admin.create",
        "organisation.create",
        "invitation.create",
        "group.create",
        "group.invite",
        "group.member.role",
        "post.delete",
    ] {
        assert!(actions.iter().any(|a| a == expected), "{expected} is in the audit log: {actions:?}");
    }
}
