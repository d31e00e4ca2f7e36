//! One app for every federation: the files that let the published apps open this server's
//! invitation links (Android App Links, iOS Universal Links), from the settings, and the
//! invitation page's button that opens the installed app on this federation.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{local_push, spawn_app, spawn_app_with};

const FINGERPRINT: &str =
    "14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5";

#[tokio::test]
async fn without_published_apps_the_link_files_are_not_found() {
    let app = spawn_app().await;
    for path in ["/.well-known/assetlinks.json", "/.well-known/apple-app-site-association"] {
        assert_eq!(app.get(path, None).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn the_published_apps_may_open_invitation_links_and_the_page_opens_the_installed_app() {
    let settings = fabrique_server::config::Settings {
        public_url: "https://fabrique.example.org".into(),
        apps: fabrique_server::config::AppLinks {
            android_package: "org.fabrique.app".into(),
            android_cert_fingerprints: vec![FINGERPRINT.into()],
            ios_app_ids: vec!["ABCDE12345.org.fabrique.app".into()],
            app_store_url: Some("https://apps.apple.com/app/id0000000000".into()),
            android_store_url: None,
        },
        ..local_push()
    };
    let app = spawn_app_with(true, settings).await;

    let response = app.get("/.well-known/assetlinks.json", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let links: Value = response.json().await.unwrap();
    assert_eq!(
        links,
        json!([{
            "relation": ["delegate_permission/common.handle_all_urls"],
            "target": { "namespace": "android_app", "package_name": "org.fabrique.app", "sha256_cert_fingerprints": [FINGERPRINT] }
        }])
    );

    let response = app.get("/.well-known/apple-app-site-association", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let association: Value = response.json().await.unwrap();
    let details = &association["applinks"]["details"][0];
    assert_eq!(details["appIDs"], json!(["ABCDE12345.org.fabrique.app"]));
    assert_eq!(details["components"][0]["/"], "/join/*", "invitations open the app");
    assert_eq!(details["components"][1]["/"], "/open/*", "and mails' links to an item");
    assert_eq!(details["components"].as_array().unwrap().len(), 2, "nothing else (the console stays a web page)");

    // The invitation page: a button opening the installed app on this federation with the
    // code, and where to install it.
    let association_id = app.new_association("Centre social des Tilleuls").await;
    let invitation: Value = app
        .post(
            "/v1/invitations",
            Some(&app.admin.token),
            &json!({ "email": "nouvelle@example.org", "organisation_id": association_id, "role": "member" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let code = invitation["code"].as_str().unwrap();
    let page = app.get(&format!("/join/{code}"), None).await.text().await.unwrap();
    let expected = format!("fabrique://join?server=https%3A%2F%2Ffabrique.example.org&#38;code={code}");
    assert!(page.contains(&format!("id=\"open-app\" href=\"{expected}\"")), "{page}");
    assert!(page.contains("id=\"app-store\" href=\"https://apps.apple.com/app/id0000000000\""), "{page}");
    assert!(!page.contains("id=\"android-store\""), "no Android store configured: {page}");
}

#[tokio::test]
async fn a_mails_link_to_an_item_offers_to_open_the_app_and_tells_nothing_of_the_item() {
    let app = spawn_app_with(
        true,
        fabrique_server::config::Settings { public_url: "https://fabrique.example.org".into(), ..local_push() },
    )
    .await;
    let id = uuid::Uuid::now_v7();
    let response = app.get(&format!("/open/must-read/{id}"), None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    let expected = format!("fabrique://open?server=https%3A%2F%2Ffabrique.example.org&#38;kind=must-read&#38;id={id}");
    assert!(page.contains(&expected), "{page}");
    let page = app.get("/open/notifications", None).await.text().await.unwrap();
    assert!(page.contains("kind=notifications"), "{page}");
    for path in [format!("/open/admin/{id}"), "/open/question/not-an-id".into(), "/open/question".into()] {
        assert_eq!(app.get(&path, None).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
}
