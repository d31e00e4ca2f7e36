use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_answers_ok_and_names_the_federation_and_the_backend() {
    let app = spawn_app().await;
    let response = app.get("/health", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    // What an app checks before keeping an address a person typed.
    assert_eq!(body["service"], "fabrique");
    assert_eq!(body["federation"], "Fédération test");
    serde_json::from_value::<fabrique_wire::accounts::Health>(body.clone()).expect("the wire type reads it");
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

#[tokio::test]
async fn every_answer_says_not_to_store_nor_sniff_it_and_health_keeps_the_version_to_administrators() {
    let app = spawn_app().await;
    for response in [
        app.post(
            "/v1/auth/sign-in",
            None,
            &serde_json::json!({ "email": app.admin.email, "password": crate::helpers::PASSWORD }),
        )
        .await,
        app.get("/v1/me", Some(&app.admin.token)).await,
        app.get("/v1/nothing-here", None).await,
        app.get("/health", None).await,
    ] {
        assert_eq!(response.headers()["cache-control"], "no-store", "{}", response.url());
        assert_eq!(response.headers()["x-content-type-options"], "nosniff", "{}", response.url());
        assert!(response.headers().get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    }
    let anonymous: Value = app.get("/health", None).await.json().await.unwrap();
    assert!(anonymous.get("version").is_none(), "{anonymous}");
    let association = app.new_association("Club").await;
    let member = app.member(association, "Hugo").await;
    let member_view: Value = app.get("/health", Some(&member.token)).await.json().await.unwrap();
    assert!(member_view.get("version").is_none());
    let admin_view: Value = app.get("/health", Some(&app.admin.token)).await.json().await.unwrap();
    assert!(admin_view["version"].is_string());
}

#[tokio::test]
async fn over_https_browsers_are_told_to_keep_to_it() {
    let settings = fabrique_server::config::Settings {
        public_url: "https://fabrique.example.org".into(),
        ..crate::helpers::local_push()
    };
    let app = crate::helpers::spawn_app_with(true, settings).await;
    let response = app.get("/health", None).await;
    assert!(response.headers()["strict-transport-security"].to_str().unwrap().starts_with("max-age="));
}

#[tokio::test]
async fn the_openapi_document_lists_every_error_an_operation_can_answer() {
    let app = spawn_app().await;
    let body: Value = app.get("/v1/openapi.json", None).await.json().await.unwrap();
    let mut checked = 0;
    for (path, item) in body["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            let lists = |status: &str| responses.contains_key(status);
            let name = format!("{method} {path}");
            assert!(lists("500"), "{name}");
            if operation.get("security").is_some() {
                assert!(lists("401"), "{name} needs a session");
            }
            if path.contains('{') {
                assert!(lists("400"), "{name} takes an id");
            }
            if operation.get("requestBody").is_some() {
                for status in ["400", "413", "415", "422"] {
                    assert!(lists(status), "{name} takes a body: {status}");
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked} operations");
}
