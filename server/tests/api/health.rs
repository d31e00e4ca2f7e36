use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_answers_ok_and_names_the_backend() {
    let app = spawn_app().await;
    let response = app.get("/health", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    let expected = if std::env::var("FABRIQUE_TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(body["database"], expected);
}

#[tokio::test]
async fn openapi_document_lists_every_v1_endpoint() {
    let app = spawn_app().await;
    let body: Value = app.get("/v1/openapi.json", None).await.json().await.unwrap();
    assert!(body["openapi"].as_str().unwrap().starts_with("3."));
    let paths = body["paths"].as_object().unwrap();
    for path in [
        "/v1/auth/sign-in",
        "/v1/auth/sign-out",
        "/v1/auth/password",
        "/v1/invitations",
        "/v1/invitations/redeem",
        "/v1/setup",
        "/v1/organisations",
        "/v1/organisations/{id}",
        "/v1/me",
        "/v1/people/{id}",
        "/v1/groups",
        "/v1/groups/{id}",
        "/v1/groups/{id}/members",
        "/v1/groups/{id}/posts",
        "/v1/posts/{id}",
        "/v1/posts/{id}/comments",
        "/v1/sync/push",
        "/v1/sync/pull",
        "/v1/sync/events",
        "/v1/events/{id}",
        "/v1/groups/{id}/events",
        "/v1/events/{id}/attendees",
        "/v1/events/{id}/ics",
        "/v1/announcements/reach",
        "/v1/calendar/feed",
        "/v1/calendar/{file}",
        "/v1/push/key",
        "/v1/push/subscriptions",
    ] {
        assert!(paths.contains_key(path), "{path} is missing from the OpenAPI document");
    }
    assert!(body["components"]["schemas"]["Mutation"].is_object(), "the mutation schema is described");
}

#[tokio::test]
async fn an_unknown_address_is_a_json_404() {
    let app = spawn_app().await;
    let response = app.get("/v1/nothing-here", None).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert!(body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405() {
    let app = spawn_app().await;
    let response = app.client.delete(app.url("/v1/sync/pull")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
}
