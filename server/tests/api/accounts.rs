use fabrique_server::accounts::setup;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, local_push, spawn_app, spawn_app_with, spawn_app_with_admin};

#[tokio::test]
async fn the_one_time_setup_link_creates_the_first_administrator_once() {
    // Arrange
    let app = spawn_app_with_admin(false).await;
    let code = setup::ensure_setup_code(&app.db).await.unwrap().expect("no admin yet, so a code");
    let page = app.get(&format!("/setup?code={code}"), None).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers()["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
    assert!(page.text().await.unwrap().contains("<form"));
    let request = json!({ "code": code, "email": "Chef@Federation.org", "display_name": "Chef", "password": PASSWORD, "federation_name": "Fédération du Rhône" });

    // Act
    let wrong = app
        .post(
            "/v1/setup",
            None,
            &json!({ "code": "nope", "email": "x@y.org", "display_name": "X", "password": PASSWORD }),
        )
        .await;
    let created = app.post("/v1/setup", None, &request).await;
    let again = app.post("/v1/setup", None, &request).await;

    // Assert
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    assert_eq!(created.status(), StatusCode::CREATED);
    let session: Value = created.json().await.unwrap();
    assert_eq!(session["me"]["platform_role"], "federation_admin");
    assert_eq!(session["me"]["email"], "chef@federation.org");
    assert_eq!(session["me"]["profile"]["organisation_name"], "Fédération du Rhône");
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("people").await, 1);
    assert!(setup::ensure_setup_code(&app.db).await.unwrap().is_none(), "no new code once an admin exists");
}

#[tokio::test]
async fn an_invitation_is_redeemed_once_into_a_signed_in_account() {
    let app = spawn_app().await;
    let association = app.new_association("Les Amis du Vieux-Lyon").await;
    let invitation: Value = app
        .post(
            "/v1/invitations",
            Some(&app.admin.token),
            &json!({ "email": "camille@example.org", "organisation_id": association }),
        )
        .await
        .json()
        .await
        .unwrap();
    let code = invitation["code"].as_str().unwrap();

    let person = app.redeem(code, "Camille Roux", "camille@example.org").await;
    let again = app
        .post("/v1/invitations/redeem", None, &json!({ "code": code, "display_name": "Intrus", "password": PASSWORD }))
        .await;

    let me: Value = app.get("/v1/me", Some(&person.token)).await.json().await.unwrap();
    assert_eq!(me["profile"]["display_name"], "Camille Roux");
    assert_eq!(me["profile"]["organisation_id"], association.to_string());
    assert_eq!(me["profile"]["directory_visibility"], "association", "not visible beyond one's association by default");
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    let body: Value = again.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invitation_invalid");
    assert_eq!(app.count("people").await, 2);
}

#[tokio::test]
async fn sign_in_does_not_tell_whether_an_account_exists() {
    let app = spawn_app().await;
    let wrong_password = app
        .post("/v1/auth/sign-in", None, &json!({ "email": "admin@federation.test", "password": "not the password" }))
        .await;
    let unknown = app
        .post("/v1/auth/sign-in", None, &json!({ "email": "nobody@federation.test", "password": "not the password" }))
        .await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let a: Value = wrong_password.json().await.unwrap();
    let b: Value = unknown.json().await.unwrap();
    assert_eq!(a, b, "the same answer whether or not the account exists");
}

#[tokio::test]
async fn sign_in_failures_from_one_address_are_slowed_down_more_and_more() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let person = app.member(association, "Hugo Chevalier").await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let response =
            app.post("/v1/auth/sign-in", None, &json!({ "email": person.email, "password": "wrong wrong" })).await;
        statuses.push((response.status(), response.headers().get("retry-after").cloned()));
    }
    assert!(statuses[..6].iter().all(|(s, _)| *s == StatusCode::UNAUTHORIZED), "{statuses:?}");
    // The sixth failure blocks this address for this account: even the right password waits.
    let right = app.post("/v1/auth/sign-in", None, &json!({ "email": person.email, "password": PASSWORD })).await;
    assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(right.headers().get("retry-after").is_some(), "429 says when to retry");
    // Another account from the same place is not blocked.
    app.sign_in("admin@federation.test", PASSWORD).await;
}

/// Signs in from `address` (as the trusted proxy in front of the server says).
async fn sign_in_from(app: &TestApp, address: &str, email: &str, password: &str) -> reqwest::Response {
    app.client
        .post(app.url("/v1/auth/sign-in"))
        .header("x-forwarded-for", address)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_owner_signs_in_while_an_attacker_hammers_their_account() {
    // Arrange: behind a trusted reverse proxy on this machine.
    let settings =
        fabrique_server::config::Settings { trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()], ..local_push() };
    let app = spawn_app_with(true, settings).await;
    let association = app.new_association("Club").await;
    let owner = app.member(association, "Hugo Chevalier").await;
    assert_eq!(sign_in_from(&app, "198.51.100.21", &owner.email, PASSWORD).await.status(), StatusCode::OK);

    // Act: an attacker tries passwords from one address, as fast as it is let.
    let mut waits = Vec::new();
    for n in 0..40 {
        let response = sign_in_from(&app, "203.0.113.7", &owner.email, &format!("guess number {n}")).await;
        match response.status() {
            StatusCode::UNAUTHORIZED => {}
            StatusCode::TOO_MANY_REQUESTS => {
                waits.push(response.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap());
            }
            other => panic!("{other}"),
        }
    }

    // Assert: the attacker was slowed down (even the right password waits, from there);
    // the owner still gets in, from the phone they used before and from an address never seen.
    assert!(waits.len() >= 30, "the attacker waits: {waits:?}");
    let attacker_with_the_password = sign_in_from(&app, "203.0.113.7", &owner.email, PASSWORD).await;
    assert_eq!(attacker_with_the_password.status(), StatusCode::TOO_MANY_REQUESTS);
    let known = sign_in_from(&app, "198.51.100.21", &owner.email, PASSWORD).await;
    assert_eq!(known.status(), StatusCode::OK);
    let fresh = sign_in_from(&app, "192.0.2.44", &owner.email, PASSWORD).await;
    assert_eq!(fresh.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_waits_grow_with_each_failure() {
    let settings =
        fabrique_server::config::Settings { trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()], ..local_push() };
    let app = spawn_app_with(true, settings).await;
    let association = app.new_association("Club").await;
    let owner = app.member(association, "Hugo Chevalier").await;
    for n in 0..5 {
        assert_eq!(
            sign_in_from(&app, "203.0.113.7", &owner.email, &format!("guess {n}")).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // Each further failure (once its wait is over) doubles the next wait: read from the table.
    let mut waits = Vec::new();
    for n in 5..10 {
        let mut tx = app.db.begin_write().await.unwrap();
        fabrique_server::on_tx!(&mut tx, c => sqlx::query("UPDATE sign_in_throttle SET blocked_until = 0").execute(c).await.map(|_| ()))
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            sign_in_from(&app, "203.0.113.7", &owner.email, &format!("guess {n}")).await.status(),
            StatusCode::UNAUTHORIZED
        );
        // The wait as set (whole seconds from the failure): `Retry-After` says what is left of
        // it, a second less when the clock's second turned between the two requests.
        let mut tx = app.db.begin_read().await.unwrap();
        let wait: i64 = fabrique_server::on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT blocked_until - updated_at FROM sign_in_throttle WHERE key LIKE '%:pair:%'").fetch_one(c).await)
        .unwrap();
        tx.commit().await.unwrap();
        let response = sign_in_from(&app, "203.0.113.7", &owner.email, "one more").await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        let retry_after = response.headers()["retry-after"].to_str().unwrap().parse::<i64>().unwrap();
        assert!((1..=wait).contains(&retry_after), "Retry-After {retry_after} for a wait of {wait} s");
        waits.push(wait);
    }
    assert!(waits.windows(2).all(|w| w[1] > w[0]), "growing waits: {waits:?}");
}

#[tokio::test]
async fn a_client_cannot_choose_its_address_without_a_trusted_proxy() {
    // No trusted proxy: X-Forwarded-For is ignored, every attempt comes from 127.0.0.1.
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let owner = app.member(association, "Hugo Chevalier").await;
    let mut refused = 0;
    for n in 0..10 {
        let response = sign_in_from(&app, &format!("203.0.113.{n}"), &owner.email, "wrong guess").await;
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            refused += 1;
        }
    }
    // Every attempt counted against the peer's address, none against a header's: read in
    // the throttle's own table (a count of refusals alone depends on how long a password
    // check takes on a loaded machine against the first waits of 1 and 2 s).
    let rows: Vec<(String, i64)> = fabrique_server::on_db!(&app.db, c => sqlx::query_as(
        "SELECT key, failures FROM sign_in_throttle").fetch_all(c).await)
    .unwrap();
    assert!(rows.iter().all(|(key, _)| !key.contains("203.0.113.")), "a header chose the address: {rows:?}");
    let pair = rows.iter().find(|(key, _)| key.contains(&owner.email) && key.ends_with(":127.0.0.1"));
    assert_eq!(pair.map(|(_, failures)| *failures + refused), Some(10), "every attempt counted once: {rows:?}");
    assert!(refused >= 1, "the peer's address was blocked: {refused} refused");
}

#[tokio::test]
async fn sign_out_revokes_the_token_at_once() {
    let app = spawn_app().await;
    let person = app.sign_in("admin@federation.test", PASSWORD).await;
    assert_eq!(app.get("/v1/me", Some(&person.token)).await.status(), StatusCode::OK);
    let response = app.post("/v1/auth/sign-out", Some(&person.token), &json!({})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(app.get("/v1/me", Some(&person.token)).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/v1/me", Some(&app.admin.token)).await.status(), StatusCode::OK, "other sessions live on");
}

#[tokio::test]
async fn changing_the_password_signs_out_other_sessions() {
    let app = spawn_app().await;
    let association = app.new_association("Club Sportif").await;
    let person = app.member(association, "Karim Haddad").await;
    let other_session = app.sign_in(&person.email, PASSWORD).await;

    let wrong = app
        .post(
            "/v1/auth/password",
            Some(&person.token),
            &json!({ "current_password": "not it at all", "new_password": "a new long password" }),
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let short = app
        .post(
            "/v1/auth/password",
            Some(&person.token),
            &json!({ "current_password": PASSWORD, "new_password": "short" }),
        )
        .await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let changed = app
        .post(
            "/v1/auth/password",
            Some(&person.token),
            &json!({ "current_password": PASSWORD, "new_password": "a new long password" }),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);

    assert_eq!(app.get("/v1/me", Some(&person.token)).await.status(), StatusCode::OK);
    assert_eq!(app.get("/v1/me", Some(&other_session.token)).await.status(), StatusCode::UNAUTHORIZED);
    let old = app.post("/v1/auth/sign-in", None, &json!({ "email": person.email, "password": PASSWORD })).await;
    assert_eq!(old.status(), StatusCode::UNAUTHORIZED);
    app.sign_in(&person.email, "a new long password").await;
}

#[tokio::test]
async fn inviting_an_email_that_has_an_account_is_refused_and_creates_no_invitation() {
    let app = spawn_app().await;
    let association = app.new_association("Solidarité").await;
    let person = app.member(association, "Fatou Diallo").await;
    let invitations_before = app.count("invitations").await;
    let response = app
        .post(
            "/v1/invitations",
            Some(&app.admin.token),
            &json!({ "email": person.email, "organisation_id": association }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "account_exists");
    assert_eq!(app.count("invitations").await, invitations_before);
    assert_eq!(app.count("people").await, 2);
}

#[tokio::test]
async fn a_manager_becomes_manager_of_their_association() {
    let app = spawn_app().await;
    let association = app.new_association("Solidarité").await;
    let manager = app.manager(association, "Nicolas Perrin").await;
    let me: Value = app.get("/v1/me", Some(&manager.token)).await.json().await.unwrap();
    assert_eq!(me["manages"], json!([association.to_string()]));
}

#[tokio::test]
async fn guessable_passwords_are_refused_with_a_reason_and_nothing_changes() {
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let invitation: Value = app
        .post(
            "/v1/invitations",
            Some(&app.admin.token),
            &json!({ "email": "hugo.chevalier@example.org", "organisation_id": association }),
        )
        .await
        .json()
        .await
        .unwrap();
    let code = invitation["code"].as_str().unwrap();
    for weak in ["1234567890", "aaaaaaaaaa", "password12", "azertyuiop", "hugochevalier2026", "motdepasse1"] {
        let response = app
            .post(
                "/v1/invitations/redeem",
                None,
                &json!({ "code": code, "display_name": "Hugo Chevalier", "password": weak }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{weak}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "weak_password", "{weak}");
        assert_eq!(body["error"]["details"]["field"], "password");
    }
    let people_before: i64 =
        fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT COUNT(*) FROM people").fetch_one(c).await)
            .unwrap();
    assert_eq!(people_before, 1, "no account was made");

    // Changing one's password to a weak one is refused too, and the old one still works.
    let response = app
        .post(
            "/v1/auth/password",
            Some(&app.admin.token),
            &json!({ "current_password": PASSWORD, "new_password": "1234567890" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.sign_in("admin@federation.test", PASSWORD).await;
}

#[tokio::test]
async fn the_setup_page_says_why_a_password_is_refused_in_both_languages() {
    let app = spawn_app_with_admin(false).await;
    let code = setup::ensure_setup_code(&app.db).await.unwrap().expect("no admin yet, so a code");
    let form = [
        ("code", code.as_str()),
        ("federation_name", "Fédération du Rhône"),
        ("display_name", "Chef"),
        ("email", "chef@federation.org"),
        ("password", "password12"),
    ];

    let response = app
        .client
        .post(app.url("/setup"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(form).unwrap())
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("trop facile à deviner") && page.contains("too easy to guess"), "{page}");
    assert_eq!(app.count("people").await, 0);
}
