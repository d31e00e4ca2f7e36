//! Bad input gets a clear JSON error with the right status, and changes nothing.

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, assert_rejected, spawn_app};

async fn error_of(response: reqwest::Response, status: StatusCode, code: &str) {
    assert_eq!(response.status(), status);
    let body: Value = response.json().await.expect("errors are JSON");
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
}

async fn raw_post(
    app: &TestApp,
    path: &str,
    token: &str,
    content_type: &str,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn malformed_json_is_a_400() {
    let app = spawn_app().await;
    let response = raw_post(&app, "/v1/sync/push", &app.admin.token, "application/json", "{\"client_id\": ").await;
    error_of(response, StatusCode::BAD_REQUEST, "malformed_json").await;
    assert_eq!(app.count("sync_clients").await, 0);
}

#[tokio::test]
async fn unknown_fields_and_wrong_types_are_a_422() {
    let app = spawn_app().await;
    let unknown =
        app.post("/v1/auth/sign-in", None, &json!({ "email": "a@b.org", "password": "x", "remember": true })).await;
    error_of(unknown, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    let wrong_type = app.post("/v1/sync/pull", Some(&app.admin.token), &json!({ "limit": "many" })).await;
    error_of(wrong_type, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    let unknown_mutation = app
        .post(
            "/v1/sync/push",
            Some(&app.admin.token),
            &json!({ "client_id": Uuid::new_v4(), "mutations": [{ "id": 1, "mutation": { "type": "drop_tables" } }] }),
        )
        .await;
    error_of(unknown_mutation, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    let missing = app.post("/v1/sync/push", Some(&app.admin.token), &json!({ "mutations": [] })).await;
    error_of(missing, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    assert_eq!(app.count("groups").await, 0);
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_415() {
    let app = spawn_app().await;
    let response = raw_post(&app, "/v1/sync/pull", &app.admin.token, "text/plain", "{}").await;
    error_of(response, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type").await;
}

#[tokio::test]
async fn an_oversized_body_is_a_413() {
    let app = spawn_app().await;
    let huge = format!(
        "{{\"client_id\": \"{}\", \"mutations\": [], \"pad\": \"{}\"}}",
        Uuid::new_v4(),
        "x".repeat(400 * 1024)
    );
    let response = raw_post(&app, "/v1/sync/push", &app.admin.token, "application/json", huge).await;
    error_of(response, StatusCode::PAYLOAD_TOO_LARGE, "body_too_large").await;
}

#[tokio::test]
async fn an_invalid_id_in_the_address_is_a_400() {
    let app = spawn_app().await;
    error_of(app.get("/v1/posts/not-a-uuid", Some(&app.admin.token)).await, StatusCode::BAD_REQUEST, "invalid_id")
        .await;
    error_of(app.get("/v1/groups/123/members", Some(&app.admin.token)).await, StatusCode::BAD_REQUEST, "invalid_id")
        .await;
}

#[tokio::test]
async fn a_missing_or_bad_token_is_a_401() {
    let app = spawn_app().await;
    error_of(app.get("/v1/me", None).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    error_of(app.get("/v1/me", Some("fq_forged")).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    error_of(app.post("/v1/sync/pull", None, &json!({})).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    // The live channel checks its session itself, once it has its turn at the database.
    error_of(app.get("/v1/sync/events", None).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    error_of(app.get("/v1/sync/events", Some("fq_forged")).await, StatusCode::UNAUTHORIZED, "unauthorized").await;
}

#[tokio::test]
async fn an_unknown_object_is_a_404() {
    let app = spawn_app().await;
    error_of(
        app.get(&format!("/v1/posts/{}", Uuid::new_v4()), Some(&app.admin.token)).await,
        StatusCode::NOT_FOUND,
        "post_not_found",
    )
    .await;
    error_of(
        app.get(&format!("/v1/groups/{}", Uuid::new_v4()), Some(&app.admin.token)).await,
        StatusCode::NOT_FOUND,
        "group_not_found",
    )
    .await;
    error_of(
        app.get(&format!("/v1/organisations/{}", Uuid::new_v4()), Some(&app.admin.token)).await,
        StatusCode::NOT_FOUND,
        "organisation_not_found",
    )
    .await;
}

#[tokio::test]
async fn an_invalid_cursor_or_limit_is_refused() {
    let app = spawn_app().await;
    error_of(
        app.post("/v1/sync/pull", Some(&app.admin.token), &json!({ "cursor": "garbage!" })).await,
        StatusCode::BAD_REQUEST,
        "invalid_cursor",
    )
    .await;
    error_of(
        app.post("/v1/sync/pull", Some(&app.admin.token), &json!({ "limit": 0 })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_limit",
    )
    .await;
    error_of(app.get("/v1/groups?cursor=%%%", Some(&app.admin.token)).await, StatusCode::BAD_REQUEST, "invalid_cursor")
        .await;
    error_of(app.get("/v1/groups?limit=-3", Some(&app.admin.token)).await, StatusCode::BAD_REQUEST, "invalid_query")
        .await;
}

#[tokio::test]
async fn a_push_of_out_of_order_or_too_many_mutations_is_refused_whole() {
    let app = spawn_app().await;
    let device = app.device(&app.admin);
    let profile = json!({ "type": "update_profile", "update": { "bio": "x" } });
    let unordered = json!({ "client_id": device.client_id, "mutations": [{ "id": 1, "mutation": profile }, { "id": 3, "mutation": profile }] });
    error_of(device.push_raw(&unordered).await, StatusCode::UNPROCESSABLE_ENTITY, "mutations_not_consecutive").await;
    let many: Vec<Value> = (1..=101).map(|id| json!({ "id": id, "mutation": profile })).collect();
    error_of(
        device.push_raw(&json!({ "client_id": device.client_id, "mutations": many })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "too_many_mutations",
    )
    .await;
    let zero = json!({ "client_id": device.client_id, "mutations": [{ "id": 0, "mutation": profile }] });
    error_of(device.push_raw(&zero).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_mutation_id").await;
    let me: Value = app.get("/v1/me", Some(&app.admin.token)).await.json().await.unwrap();
    assert_eq!(me["profile"]["bio"], "");
}

#[tokio::test]
async fn over_long_or_empty_fields_reject_the_mutation_and_change_nothing() {
    let app = spawn_app().await;
    let org = app.federation_id;
    let cases = [
        json!({ "type": "create_group", "id": Uuid::now_v7(), "name": "x".repeat(121), "organisation_id": org, "visibility": "public" }),
        json!({ "type": "create_group", "id": Uuid::now_v7(), "name": "   ", "organisation_id": org, "visibility": "public" }),
        json!({ "type": "create_group", "id": Uuid::now_v7(), "name": "Tags", "organisation_id": org, "visibility": "public", "tags": ["a".repeat(41)] }),
        json!({ "type": "create_group", "id": Uuid::now_v7(), "name": "Nul\u{0}", "organisation_id": org, "visibility": "public" }),
        json!({ "type": "update_profile", "update": { "display_name": "y".repeat(81) } }),
    ];
    for mutation in cases {
        let outcome = app.act(&app.admin, mutation).await;
        assert_rejected(&outcome, "invalid_field");
    }
    let group = app.group(&app.admin, "Valide", "public").await;
    let outcome = app.act(&app.admin, json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": group, "kind": "news", "body": "z".repeat(20_001) })).await;
    assert_rejected(&outcome, "invalid_field");
    let outcome = app.act(&app.admin, json!({ "type": "react", "target_id": group, "emoji": "not an emoji" })).await;
    assert_rejected(&outcome, "invalid_field");
    assert_eq!(app.count("groups").await, 1);
    assert_eq!(app.count("posts").await, 0);
    let me: Value = app.get("/v1/me", Some(&app.admin.token)).await.json().await.unwrap();
    assert_eq!(me["profile"]["display_name"], "Ada Admin");
}

#[tokio::test]
async fn invalid_email_or_short_password_are_a_422() {
    let app = spawn_app().await;
    let bad_email = app
        .post(
            "/v1/invitations",
            Some(&app.admin.token),
            &json!({ "email": "pas-une-adresse", "organisation_id": app.federation_id }),
        )
        .await;
    error_of(bad_email, StatusCode::UNPROCESSABLE_ENTITY, "invalid_field").await;
    let invitation: Value = app
        .post(
            "/v1/invitations",
            Some(&app.admin.token),
            &json!({ "email": "ok@example.org", "organisation_id": app.federation_id }),
        )
        .await
        .json()
        .await
        .unwrap();
    let short = app
        .post(
            "/v1/invitations/redeem",
            None,
            &json!({ "code": invitation["code"], "display_name": "Court", "password": "court" }),
        )
        .await;
    error_of(short, StatusCode::UNPROCESSABLE_ENTITY, "invalid_field").await;
    assert_eq!(app.count("people").await, 1);
}

#[tokio::test]
async fn every_bad_input_is_answered_in_the_api_error_format_and_changes_nothing() {
    let app = spawn_app().await;
    let token = app.admin.token.clone();

    // An id that is not one, on every method.
    let response = app.client.delete(app.url("/v1/push/subscriptions/zzz")).bearer_auth(&token).send().await.unwrap();
    error_of(response, StatusCode::BAD_REQUEST, "invalid_id").await;

    // A JSON array where an object is expected.
    let array = raw_post(&app, "/v1/auth/sign-in", "", "application/json", "[\"admin@federation.test\", \"x\"]").await;
    error_of(array, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    let scalar = raw_post(&app, "/v1/sync/pull", &token, "application/json", "42").await;
    error_of(scalar, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;

    // A mutation that has no fields, with one.
    let push = json!({ "client_id": Uuid::new_v4(), "mutations": [{ "id": 1, "mutation": { "type": "mark_all_notifications_read", "everything": true } }] });
    error_of(app.post("/v1/sync/push", Some(&token), &push).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body")
        .await;
    assert_eq!(app.count("sync_clients").await, 0);

    // A misspelt setting is refused instead of clearing it.
    let group = app.group(&app.admin, "Fédération", "public").await;
    let set = app
        .client
        .put(app.url("/v1/questions/escalation"))
        .bearer_auth(&token)
        .json(&json!({ "federation_group_id": group }))
        .send()
        .await
        .unwrap();
    assert!(set.status().is_success(), "{}", set.status());
    let misspelt = app
        .client
        .put(app.url("/v1/questions/escalation"))
        .bearer_auth(&token)
        .json(&json!({ "federation_groupid": group }))
        .send()
        .await
        .unwrap();
    error_of(misspelt, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    let kept: Value = app.get("/v1/questions/escalation", Some(&token)).await.json().await.unwrap();
    assert_eq!(kept["federation_group_id"], group.to_string());

    // Percent-escapes that are not UTF-8.
    let response = app.get("/v1/people?q=%FF%FE", Some(&token)).await;
    error_of(response, StatusCode::BAD_REQUEST, "invalid_query").await;
}
