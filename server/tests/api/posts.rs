use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{assert_applied, assert_rejected, spawn_app};

#[tokio::test]
async fn comments_count_and_reactions_are_kept_by_the_server() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let member = app.member(association, "Antoine Blanc").await;
    let group = app.group(&manager, "Entraîneurs", "public").await;
    app.add_to_group(&manager, group, &member).await;
    let post = app.post_in(&manager, group, "Réunion jeudi").await;

    for text in ["J'y serai", "Moi aussi"] {
        assert_applied(
            &app.act(&member, json!({ "type": "create_comment", "id": Uuid::now_v7(), "post_id": post, "body": text }))
                .await,
        );
    }
    assert_applied(&app.act(&member, json!({ "type": "react", "target_id": post, "emoji": "🎉" })).await);
    assert_applied(&app.act(&member, json!({ "type": "react", "target_id": post, "emoji": "🎉" })).await);

    let read: Value = app.get(&format!("/v1/posts/{post}"), Some(&member.token)).await.json().await.unwrap();
    assert_eq!(read["comment_count"], 2);
    assert_eq!(app.count("reactions").await, 1, "one reaction per person and emoji");
    let comments: Value =
        app.get(&format!("/v1/posts/{post}/comments"), Some(&member.token)).await.json().await.unwrap();
    let bodies: Vec<&str> = comments["items"].as_array().unwrap().iter().map(|c| c["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["J'y serai", "Moi aussi"]);

    assert_applied(&app.act(&member, json!({ "type": "unreact", "target_id": post, "emoji": "🎉" })).await);
    assert_eq!(app.count("reactions").await, 0);
}

#[tokio::test]
async fn a_public_group_is_read_page_by_page_without_joining() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let group = app.group(&manager, "Subventions nationales", "public").await;
    let mut ids = Vec::new();
    for i in 0..7 {
        ids.push(app.post_in(&manager, group, &format!("Annonce {i}")).await);
    }
    let reader = app.member(app.new_association("Autre").await, "Lecteur").await;

    let mut seen = Vec::new();
    let mut path = format!("/v1/groups/{group}/posts?limit=3");
    loop {
        let response = app.get(&path, Some(&reader.token)).await;
        assert_eq!(response.status(), StatusCode::OK);
        let page: Value = response.json().await.unwrap();
        seen.extend(
            page["items"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().parse::<Uuid>().unwrap()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/v1/groups/{group}/posts?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    ids.reverse();
    assert_eq!(seen, ids, "newest first, each once");
}

#[tokio::test]
async fn the_author_edits_and_an_edit_after_delete_is_rejected() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let group = app.group(&manager, "Entraîneurs", "public").await;
    let post = app.post_in(&manager, group, "Premier jet").await;

    assert_applied(
        &app.act(&manager, json!({ "type": "edit_post", "id": post, "title": "Titre", "body": "Version finale" }))
            .await,
    );
    let read: Value = app.get(&format!("/v1/posts/{post}"), Some(&manager.token)).await.json().await.unwrap();
    assert_eq!(read["body"], "Version finale");
    assert_eq!(read["title"], "Titre");
    assert!(read["edited_at"].is_string());

    assert_applied(&app.act(&manager, json!({ "type": "delete_post", "id": post })).await);
    assert_rejected(
        &app.act(&manager, json!({ "type": "edit_post", "id": post, "body": "Trop tard" })).await,
        "deleted",
    );
    assert_rejected(
        &app.act(
            &manager,
            json!({ "type": "create_comment", "id": Uuid::now_v7(), "post_id": post, "body": "Trop tard" }),
        )
        .await,
        "deleted",
    );
    assert_eq!(app.get(&format!("/v1/posts/{post}"), Some(&manager.token)).await.status(), StatusCode::NOT_FOUND);
}

/// A post is written before the caller's rights are checked (in the round trip that opens its
/// mutation): an id already taken, a group one may not post in, or a group that does not exist
/// must each leave what is stored as it was.
#[tokio::test]
async fn a_post_refused_leaves_nothing_and_replaces_nothing() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let member = app.member(association, "Antoine Blanc").await;
    let group = app.group(&manager, "Entraîneurs", "public").await;
    let other = app.group(&manager, "Bureau", "public").await;
    app.add_to_group(&manager, group, &member).await;
    let post = app.post_in(&manager, group, "Réunion jeudi").await;

    // The same id again, by another member of its group, then by its author in another group:
    // refused, and the post keeps its author, group and text.
    let again = json!({ "type": "create_post", "id": post, "group_id": group, "kind": "news", "body": "Autre chose" });
    assert_eq!(app.act(&member, again).await["code"], "already_exists");
    let elsewhere = json!({ "type": "create_post", "id": post, "group_id": other, "kind": "news", "body": "Ailleurs" });
    assert_eq!(app.act(&manager, elsewhere).await["code"], "already_exists");
    // A group one has not joined, and a group that does not exist.
    let outside = json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": other, "kind": "news", "body": "Hors groupe" });
    assert_rejected(&app.act(&member, outside).await, "not_a_member");
    let nowhere = json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": Uuid::now_v7(), "kind": "news", "body": "Nulle part" });
    assert_eq!(app.act(&member, nowhere).await["status"], "rejected");

    assert_eq!(app.count("posts").await, 1, "only the first post");
    let read: Value = app.get(&format!("/v1/posts/{post}"), Some(&manager.token)).await.json().await.unwrap();
    assert_eq!(
        (read["group_id"].as_str(), read["body"].as_str()),
        (Some(group.to_string().as_str()), Some("Réunion jeudi"))
    );
}
