//! E-mail, end to end (DESIGN.md §6b): a real server mails through a real SMTP server on a
//! local port, and the stories read what arrived as a mail client would. An invitation's
//! link creates the account; a forgotten password is reset by the link in the mail, once,
//! within the hour, and every session ends; the answer to "forgot my password" tells nothing
//! of who has an account; a refused address is given up, a server down is waited for; the
//! real binary killed in the middle of a round mails everything, and nothing twice beyond
//! the mails in flight (a few people's at once). Without SMTP, the console shows the link to pass on (a real browser).
//! A headless phone asks for the link itself.

use std::time::Duration;

use chrono::Utc;
use fabrique_core::Event;
use fabrique_core::accounts::AccountsEvent;
use fabrique_core::i18n::Language;
use fabrique_core::view::Screen;
use fabrique_server::config::Settings;
use fabrique_server::mail::MailConfig;
use fabrique_server::mail::sender::{MailSender, MailSenderOptions, health};
use fabrique_server::notifications::digest;
use fabrique_server::{exec, on_db};
use fabrique_tests::binary::{DataDir, fabrique_binary, free_port, serve};
use fabrique_tests::browser::Browser;
use fabrique_tests::mail_server::MailServer;
use fabrique_tests::server::{ADMIN_EMAIL, PASSWORD, Server};
use fabrique_tests::shell::Device;
use fabrique_wire::groups::Visibility;
use fabrique_wire::notifications::DigestChoice;
use fabrique_wire::questions::NewQuestion;
use fabrique_wire::sync::{Mutation, MutationOutcome};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

const WITHIN: Duration = Duration::from_secs(20);
const NEW_PASSWORD: &str = "trois pommes vertes 42";

async fn invite(server: &Server, email: &str, language: &str) -> Value {
    let answer = server
        .client()
        .post(format!("{}/v1/invitations", server.url()))
        .bearer_auth(&server.admin.token)
        .header("accept-language", language)
        .json(&json!({ "email": email, "organisation_id": server.admin.organisation_id }))
        .send()
        .await
        .expect("invitation answers");
    assert_eq!(answer.status(), StatusCode::CREATED);
    answer.json().await.expect("an invitation")
}

async fn sign_in(server: &Server, email: &str, password: &str) -> StatusCode {
    server.sign_in(email, password).await.status()
}

async fn ask_reset(server: &Server, email: &str) -> (StatusCode, String) {
    let answer = server
        .client()
        .post(format!("{}/v1/auth/password-reset", server.url()))
        .header("accept-language", "en")
        .json(&json!({ "email": email }))
        .send()
        .await
        .expect("the reset request answers");
    (answer.status(), answer.text().await.unwrap())
}

/// Posts a public page's form; the status and the page.
async fn post_form(server: &Server, url: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let answer = server
        .client()
        .post(url)
        .header("accept-language", "en")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded::to_string(fields).unwrap())
        .send()
        .await
        .expect("the page answers");
    (answer.status(), answer.text().await.unwrap())
}

async fn get_page(server: &Server, url: &str) -> (StatusCode, String) {
    let answer = server.client().get(url).header("accept-language", "en").send().await.expect("the page answers");
    (answer.status(), answer.text().await.unwrap())
}

async fn outbox_states(server: &Server) -> Vec<(String, String)> {
    on_db!(&server.db, c => sqlx::query_as("SELECT recipient, state FROM mail_outbox ORDER BY id").fetch_all(c).await)
        .expect("the outbox reads")
}

#[tokio::test]
async fn an_invitation_arrives_by_mail_in_the_inviters_language_and_its_link_creates_the_account() {
    let smtp = MailServer::start();
    let server = Server::start_with_mail(&smtp).await;
    let invitation = invite(&server, "claire.dubois@quartier.test", "fr").await;
    assert_eq!(invitation["mailed"], true);
    let link = invitation["link"].as_str().unwrap().to_owned();
    assert!(link.starts_with(&format!("{}/join/", server.url())), "{link}");

    let mail = smtp.first_to("claire.dubois@quartier.test", "/join/", WITHIN).await;
    assert_eq!(mail.from, "noreply@federation.test");
    assert_eq!(mail.subject, "Fédération test vous invite sur Fabrique (Fédération test)");
    assert!(mail.text.contains("Ada Admin vous invite à rejoindre Fédération test"), "{}", mail.text);
    assert_eq!(mail.link(&server.url()), link, "the text carries the link");
    assert!(mail.html.contains(&format!("href=\"{link}\"")), "the HTML carries it as a button");
    assert!(!mail.message_id.is_empty());

    // The page it opens says who invites into what, and creates the account there.
    let (status, page) = get_page(&server, &link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("claire.dubois@quartier.test") && page.contains("Fédération test"), "{page}");
    let expected = qrcode::QrCode::new(link.as_bytes())
        .unwrap()
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(180, 180)
        .build();
    let expected = &expected[expected.find("<svg").unwrap()..];
    assert!(
        page.contains(&format!(
            "<figure id=\"qr\" role=\"img\" aria-label=\"QR code of the invitation link\">{expected}</figure>"
        )),
        "the link's QR code for a phone: {page}"
    );
    let mismatch = [("display_name", "Claire Dubois"), ("password", PASSWORD), ("confirm", "something else")];
    let (status, page) = post_form(&server, &link, &mismatch).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("The two passwords are not the same."), "{page}");
    assert_eq!(
        sign_in(&server, "claire.dubois@quartier.test", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "no account yet"
    );
    let weak = [("display_name", "Claire Dubois"), ("password", "azertyuiop"), ("confirm", "azertyuiop")];
    let (status, page) = post_form(&server, &link, &weak).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("too easy to guess") && page.contains("value=\"Claire Dubois\""), "the name is kept: {page}");

    let good = [("display_name", "Claire Dubois"), ("password", PASSWORD), ("confirm", PASSWORD)];
    let (status, page) = post_form(&server, &link, &good).await;
    assert_eq!(status, StatusCode::CREATED, "{page}");
    assert!(page.contains("Your account is ready") && page.contains(&server.url()), "says how to sign in: {page}");
    assert_eq!(sign_in(&server, "claire.dubois@quartier.test", PASSWORD).await, StatusCode::OK);

    // Used: the link says so, and creates nothing more.
    let (status, page) = get_page(&server, &link).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("no longer valid"), "{page}");
    assert_eq!(post_form(&server, &link, &good).await.0, StatusCode::NOT_FOUND);
    assert_eq!(smtp.to("claire.dubois@quartier.test").len(), 1, "mailed once");
}

#[tokio::test]
async fn a_member_who_forgot_their_password_gets_back_in_alone_and_every_session_ends() {
    let smtp = MailServer::start();
    let server = Server::start_with_mail(&smtp).await;
    let member = server.member("Nadia Benali").await;
    let email = "nadia.benali@association.test";

    let (status, body) = ask_reset(&server, email).await;
    assert_eq!((status, body.as_str()), (StatusCode::ACCEPTED, ""));
    let mail = smtp.first_to(email, "/reset/", WITHIN).await;
    assert_eq!(mail.subject, "Choose a new password — Fédération test", "in the language of the request");
    assert!(mail.text.starts_with("Hello Nadia Benali,"), "{}", mail.text);
    let link = mail.link(&format!("{}/reset/", server.url()));

    let (status, page) = get_page(&server, &link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Nadia Benali") && page.contains("name=\"confirm\""), "{page}");
    let (status, page) = post_form(&server, &link, &[("password", NEW_PASSWORD), ("confirm", "not the same")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("not the same"));
    let (status, page) = post_form(&server, &link, &[("password", "nadiabenali"), ("confirm", "nadiabenali")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a password made of her name is refused: {page}");
    assert_eq!(sign_in(&server, email, PASSWORD).await, StatusCode::OK, "nothing changed yet");

    let (status, page) = post_form(&server, &link, &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("Your password is changed"), "{page}");
    let me = server.client().get(format!("{}/v1/me", server.url())).bearer_auth(&member.token).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED, "the session she had ended");
    assert_eq!(sign_in(&server, email, PASSWORD).await, StatusCode::UNAUTHORIZED, "the old password is gone");
    assert_eq!(sign_in(&server, email, NEW_PASSWORD).await, StatusCode::OK);

    // Once only, by the page or by the API.
    let (status, page) = post_form(&server, &link, &[("password", PASSWORD), ("confirm", PASSWORD)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("no longer valid"), "{page}");
    let token = link.rsplit('/').next().unwrap();
    let again = server
        .client()
        .post(format!("{}/v1/auth/password-reset/confirm", server.url()))
        .json(&json!({ "token": token, "new_password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(again.json::<Value>().await.unwrap()["error"]["code"], "reset_link_invalid");
    assert_eq!(sign_in(&server, email, NEW_PASSWORD).await, StatusCode::OK);
}

#[tokio::test]
async fn asking_for_a_reset_answers_the_same_for_known_and_unknown_addresses_and_a_link_lasts_an_hour() {
    let smtp = MailServer::start();
    let server = Server::start_with_mail(&smtp).await;
    server.member("Paul Martin").await;
    let known = "paul.martin@association.test";
    let unknown = "personne@association.test";

    let known_answer = ask_reset(&server, known).await;
    let unknown_answer = ask_reset(&server, unknown).await;
    assert_eq!(known_answer, unknown_answer, "status and body alike");
    let mail = smtp.first_to(known, "/reset/", WITHIN).await;
    assert!(smtp.to(unknown).is_empty());
    assert!(outbox_states(&server).await.iter().all(|(to, _)| to != unknown), "nothing queued for a stranger");

    // Past the limit of an address, both are refused alike too.
    for _ in 0..2 {
        assert_eq!(ask_reset(&server, known).await.0, StatusCode::ACCEPTED);
        assert_eq!(ask_reset(&server, unknown).await.0, StatusCode::ACCEPTED);
    }
    let (known_status, _) = ask_reset(&server, known).await;
    let (unknown_status, _) = ask_reset(&server, unknown).await;
    assert_eq!((known_status, unknown_status), (StatusCode::TOO_MANY_REQUESTS, StatusCode::TOO_MANY_REQUESTS));

    // A newer link replaced the first; the newest, once over an hour old, is refused.
    let deadline = tokio::time::Instant::now() + WITHIN;
    while smtp.to_saying(known, "/reset/").len() < 3 {
        assert!(tokio::time::Instant::now() < deadline, "three links mailed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let first = mail.link(&format!("{}/reset/", server.url()));
    assert_eq!(get_page(&server, &first).await.0, StatusCode::NOT_FOUND, "a newer link replaced it");
    let newest = smtp.to_saying(known, "/reset/").last().unwrap().link(&format!("{}/reset/", server.url()));
    assert_eq!(get_page(&server, &newest).await.0, StatusCode::OK);
    let hour_ago = Utc::now() - chrono::Duration::minutes(61);
    let mut tx = server.db.begin_write().await.unwrap();
    exec!(
        &mut tx,
        sqlx::query("UPDATE password_resets SET created_at = $1, expires_at = $2")
            .bind(hour_ago)
            .bind(Utc::now() - chrono::Duration::minutes(1))
    )
    .unwrap();
    tx.commit().await.unwrap();
    let (status, page) = post_form(&server, &newest, &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("no longer valid"), "{page}");
    assert_eq!(sign_in(&server, known, PASSWORD).await, StatusCode::OK, "the password did not change");
}

#[tokio::test]
async fn a_refused_address_is_given_up_and_a_mail_server_that_is_down_is_waited_for() {
    let smtp = MailServer::start();
    smtp.refuse("nobody@quartier.test");
    let server = Server::start_with_mail_held(&smtp).await;
    invite(&server, "nobody@quartier.test", "fr").await;
    invite(&server, "lea.petit@quartier.test", "fr").await;

    // The SMTP server unreachable: both wait, with the reason, and nothing is lost.
    let down = MailConfig::new(&format!("smtp://127.0.0.1:{}", free_port()), None, &server.url()).unwrap();
    let sender = MailSender::new(server.db.clone(), down, MailSenderOptions::default()).unwrap();
    let round = sender.send_due(Utc::now()).await.unwrap();
    assert_eq!((round.claimed, round.retried, round.sent), (2, 2, 0));
    assert!(outbox_states(&server).await.iter().all(|(_, state)| state == "waiting"));
    let waiting = health(&server.db, Utc::now()).await.unwrap();
    assert_eq!((waiting.waiting, waiting.sent, waiting.failed), (2, 0, 0));
    let round = sender.send_due(Utc::now()).await.unwrap();
    assert_eq!(round.claimed, 0, "not before the backoff");

    // Back up, later: the good address gets its mail, the refused one is given up at once.
    let up = MailConfig::new(&smtp.url(), None, &server.url()).unwrap();
    let sender = MailSender::new(server.db.clone(), up, MailSenderOptions::default()).unwrap();
    let round = sender.send_due(Utc::now() + chrono::Duration::minutes(5)).await.unwrap();
    assert_eq!((round.claimed, round.sent, round.failed), (2, 1, 1));
    assert_eq!(smtp.to("lea.petit@quartier.test").len(), 1);
    assert!(smtp.to("nobody@quartier.test").is_empty());
    let after = health(&server.db, Utc::now()).await.unwrap();
    assert_eq!((after.waiting, after.sent, after.failed), (0, 1, 1));
    let kept: Vec<Option<Vec<u8>>> =
        on_db!(&server.db, c => sqlx::query_scalar("SELECT message FROM mail_outbox").fetch_all(c).await).unwrap();
    assert!(kept.iter().all(Option::is_none), "no message (and its link) is kept once finished");
    assert_eq!(sender.send_due(Utc::now() + chrono::Duration::hours(7)).await.unwrap().claimed, 0, "nothing again");
}

#[tokio::test]
async fn without_smtp_the_api_says_so_and_the_console_gives_a_link_that_works_in_a_browser() {
    let server = Server::start().await;
    let member = server.member("Sami Roux").await;
    let (status, body) = ask_reset(&server, "sami.roux@association.test").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("mail_unavailable"), "{body}");

    let browser = Browser::start().await;
    let base = server.url();
    browser.goto(&format!("{base}/admin/sign-in")).await;
    browser.fill("#email", ADMIN_EMAIL).await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("#sign-in").await;
    browser.goto(&format!("{base}/admin/people/{}", member.id)).await;
    browser.submit("#send-reset-link").await;
    let link = browser.text("#link").await;
    assert!(link.starts_with(&format!("{base}/reset/")), "{link}");

    // Sami opens it (their own browser, signed in nowhere) and chooses a password.
    let own = Browser::start().await;
    own.goto(&link).await;
    own.fill("#password", NEW_PASSWORD).await;
    own.fill("#confirm", NEW_PASSWORD).await;
    own.submit("#save").await;
    assert!(own.text("#title").await.contains("Your password is changed"));
    assert_eq!(sign_in(&server, "sami.roux@association.test", NEW_PASSWORD).await, StatusCode::OK);

    // "Forgot your password?" from the sign-in page says what to do instead.
    own.goto(&format!("{base}/admin/sign-in")).await;
    own.click("#forgot-password").await;
    own.fill("#email", "sami.roux@association.test").await;
    own.submit("#send-link").await;
    assert!(own.text("#error").await.contains("ask a manager of your association"));
}

#[tokio::test]
async fn the_server_killed_in_the_middle_of_mailing_sends_every_invitation_and_none_twice_beyond_those_in_flight() {
    let smtp = MailServer::start();
    let data = DataDir::new();
    let created = std::process::Command::new(fabrique_binary())
        .args(["admin", "create", "--email", ADMIN_EMAIL, "--name", "Ada Admin", "--password-stdin", "--data-dir"])
        .arg(data.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(format!("{PASSWORD}\n").as_bytes())?;
            child.wait()
        })
        .expect("the administrator is created");
    assert!(created.success());
    let port = free_port();
    let url = smtp.url();
    let flags = ["--smtp-url", url.as_str(), "--mail-claim-seconds", "5", "--write-limits", "off"];
    let mut server = serve(data.path(), port, &flags).await;
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let session: Value = client
        .post(format!("{base}/v1/auth/sign-in"))
        .json(&json!({ "email": ADMIN_EMAIL, "password": PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let (token, federation) =
        (session["token"].as_str().unwrap().to_owned(), session["me"]["profile"]["organisation_id"].clone());

    smtp.slow_down(Duration::from_millis(150));
    let people = 30;
    for n in 0..people {
        let invited = client
            .post(format!("{base}/v1/invitations"))
            .bearer_auth(&token)
            .json(&json!({ "email": format!("membre{n}@quartier.test"), "organisation_id": federation }))
            .send()
            .await
            .unwrap();
        assert_eq!(invited.status(), StatusCode::CREATED);
    }
    smtp.until(6, WITHIN).await;
    server.kill().await.unwrap();
    let at_kill = smtp.received().len();
    assert!(at_kill < people, "killed in the middle: {at_kill} of {people}");

    smtp.slow_down(Duration::ZERO);
    let _again = serve(data.path(), port, &flags).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    let distinct = || {
        let mut to: Vec<String> = smtp.received().iter().flat_map(|r| r.to.clone()).collect();
        to.sort();
        to.dedup();
        to.len()
    };
    while distinct() < people {
        assert!(tokio::time::Instant::now() < deadline, "{} of {people} invitations arrived", distinct());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let twice = smtp.received().len() - people;
    eprintln!("killed after {at_kill} of {people} mails; {twice} arrived twice after the restart");
    let in_flight = MailSenderOptions::default().parallel;
    assert!(twice <= in_flight, "only the mails in flight at the kill (at most {in_flight}) may go twice: {twice}");
}

#[tokio::test]
async fn on_a_phone_forgot_my_password_mails_a_link_and_the_new_password_signs_in() {
    let smtp = MailServer::start();
    let server = Server::start_with_mail(&smtp).await;
    server.member("Awa Diallo").await;
    let email = "awa.diallo@association.test";
    let storage = server.device_storage("awa");
    let mut phone = Device::start("Awa", &server.url(), &storage).await;
    phone.settle().await;
    phone.send(Event::SetLanguage(Language::English)).await;
    phone.send(Event::Accounts(AccountsEvent::ForgotPassword { email: email.into() })).await;
    phone.settle().await;
    let Screen::SignIn(form) = phone.view().screen else { panic!("still on sign-in") };
    assert!(form.error.is_none(), "{form:?}");
    assert!(form.notice.as_deref().is_some_and(|n| n.starts_with("If an account has this address")), "{form:?}");

    let mail = smtp.first_to(email, "/reset/", WITHIN).await;
    assert!(mail.text.starts_with("Hello Awa Diallo,"), "in the phone's language: {}", mail.text);
    let link = mail.link(&format!("{}/reset/", server.url()));
    let (status, _) = post_form(&server, &link, &[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)]).await;
    assert_eq!(status, StatusCode::OK);

    phone.send(Event::Accounts(AccountsEvent::SignIn { email: email.into(), password: NEW_PASSWORD.into() })).await;
    phone.settle().await;
    assert!(matches!(phone.view().screen, Screen::Feed(_)), "signed in: {:?}", phone.view().screen);
}

/// Settings that mail through `smtp` with this server's address, for the jobs a story runs
/// itself (as `fabrique serve`'s maintenance loop does).
fn mailing(server: &Server, smtp: &MailServer) -> Settings {
    Settings {
        public_url: server.url(),
        mail: Some(MailConfig::new(&smtp.url(), None, &server.url()).unwrap()),
        ..Settings::default()
    }
}

async fn away_since(server: &Server, person: Uuid, at: chrono::DateTime<Utc>) {
    let mut tx = server.db.begin_write().await.unwrap();
    exec!(&mut tx, sqlx::query("UPDATE people SET last_seen_at = $1 WHERE id = $2").bind(at).bind(person)).unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn a_member_away_for_a_week_gets_a_digest_that_quotes_public_groups_only_and_unsubscribes_in_one_click() {
    let smtp = MailServer::start();
    let mut server = Server::start_with_mail(&smtp).await;
    let settings = mailing(&server, &smtp);
    let mut nadia = server.member("Nadia Benali").await;
    let mut sami = server.member("Sami Roux").await;
    let open = server.create_group("Entraide du quartier", Visibility::Public).await;
    let board = server.create_group("Bureau", Visibility::Private).await;
    assert_eq!(server.act(&mut nadia, Mutation::JoinGroup { group_id: open }).await, MutationOutcome::Applied);
    server.admin_does(Mutation::InviteToGroup { group_id: board, person_id: nadia.id }).await;
    assert_eq!(server.act(&mut nadia, Mutation::JoinGroup { group_id: board }).await, MutationOutcome::Applied);
    assert_eq!(server.act(&mut sami, Mutation::JoinGroup { group_id: open }).await, MutationOutcome::Applied);
    let ask = |group: Uuid, title: &str| {
        Mutation::AskQuestion(NewQuestion {
            id: Uuid::now_v7(),
            group_ids: vec![group],
            title: title.into(),
            details: String::new(),
            tags: vec![],
            attachments: vec![],
        })
    };
    server.admin_does(ask(open, "Qui a un modèle de budget prévisionnel ?")).await;
    server.admin_does(ask(board, "Faut-il se séparer du trésorier ?")).await;

    // Nadia has not opened the app for eight days; Sami was here this morning.
    let now = Utc::now();
    away_since(&server, nadia.id, now - chrono::Duration::days(8)).await;
    let round = digest::send_due(&server.db, &settings, now).await.unwrap();
    assert_eq!(round.mailed, 1, "{round:?}");
    let mail = smtp.first_to("nadia.benali@association.test", "Voici ce qui vous attend", WITHIN).await;
    assert_eq!(mail.subject, "Votre semaine sur Fabrique — Fédération test");
    assert!(mail.text.contains("2 nouvelles questions dans vos groupes"), "{}", mail.text);
    assert!(mail.text.contains("Qui a un modèle de budget prévisionnel ?"), "a public group's title: {}", mail.text);
    assert!(!mail.text.contains("trésorier") && !mail.html.contains("trésorier"), "nothing of a private group");
    assert!(
        smtp.to_saying("sami.roux@association.test", "Voici ce qui vous attend").is_empty(),
        "who uses the app gets none"
    );
    let unsubscribe = mail.list_unsubscribe.clone().expect("List-Unsubscribe");
    let address = unsubscribe.trim_matches(|c| c == '<' || c == '>').to_owned();
    assert!(address.starts_with(&format!("{}/unsubscribe/", server.url())), "{address}");
    assert_eq!(mail.list_unsubscribe_post.as_deref(), Some("List-Unsubscribe=One-Click"));
    assert!(mail.text.contains(&address), "the link is in the text too");

    // Sami chooses a daily summary in the app's settings, then stays away two days.
    let daily = Mutation::SetNotificationSettings {
        time_zone: "Europe/Paris".into(),
        quiet_hours: None,
        muted_kinds: vec![],
        digest: Some(DigestChoice::Daily),
    };
    assert_eq!(server.act(&mut sami, daily).await, MutationOutcome::Applied);
    away_since(&server, sami.id, now - chrono::Duration::days(2)).await;
    assert_eq!(digest::send_due(&server.db, &settings, now).await.unwrap().mailed, 1);
    let daily = smtp.first_to("sami.roux@association.test", "Voici ce qui vous attend", WITHIN).await;
    assert_eq!(daily.subject, "Votre journée sur Fabrique — Fédération test");
    assert!(daily.text.contains("depuis hier") && daily.text.contains("1 nouvelle question"), "{}", daily.text);

    // Not twice: the next is a week away.
    assert_eq!(digest::send_due(&server.db, &settings, now + chrono::Duration::hours(1)).await.unwrap().mailed, 0);

    // The link followed by a person shows a button and changes nothing; the one-click POST
    // (what a mail client sends) stops the digests.
    let (status, page) = get_page(&server, &address).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("id=\"unsubscribe\""), "{page}");
    let clicked = server
        .client()
        .post(&address)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(clicked.status(), StatusCode::OK);
    server.admin_does(ask(open, "Une autre question ?")).await;
    let later = now + chrono::Duration::days(8);
    away_since(&server, nadia.id, now - chrono::Duration::days(9)).await;
    digest::send_due(&server.db, &settings, later).await.unwrap();
    // What is never queued never leaves: the outbox is where absence is checked, at once.
    let digests: i64 = on_db!(&server.db, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'digest' AND recipient = 'nadia.benali@association.test'")
        .fetch_one(c).await)
    .unwrap();
    assert_eq!(digests, 1, "no digest after unsubscribing");
    assert_eq!(get_page(&server, &format!("{}/unsubscribe/not-a-token", server.url())).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_unused_account_is_told_a_month_before_it_closes_and_coming_back_keeps_it() {
    use fabrique_server::retention::{self, Retention};
    let smtp = MailServer::start();
    let server = Server::start_with_mail(&smtp).await;
    let settings = mailing(&server, &smtp);
    let gone = server.member("Paul Absent").await;
    let back = server.member("Rita Revenue").await;
    let here = server.member("Sara Presente").await;
    // The federation keeps unused accounts 12 months.
    let mut tx = server.db.begin_write().await.unwrap();
    let admin = fabrique_server::auth::Actor::acting_as(Uuid::nil(), server.admin.organisation_id, true);
    let kept = Retention { notification_days: 90, audit_months: 24, inactive_months: 12 };
    retention::save(&mut tx, &admin, kept).await.unwrap();
    tx.commit().await.unwrap();
    let now = Utc::now();
    away_since(&server, gone.id, now - chrono::Duration::days(360)).await;
    away_since(&server, back.id, now - chrono::Duration::days(360)).await;
    away_since(&server, here.id, now - chrono::Duration::days(10)).await;

    // A month before: Paul and Rita are told (once), Sara is not; nobody is closed yet.
    let round = retention::apply(&server.db, server.pokes(), &settings, now).await.unwrap();
    assert_eq!((round.warned, round.closed), (2, 0), "{round:?}");
    assert_eq!(retention::apply(&server.db, server.pokes(), &settings, now).await.unwrap().warned, 0, "told once");
    let told = smtp.first_to("paul.absent@association.test", "sera fermé", WITHIN).await;
    assert!(told.text.contains("12 mois") && told.text.contains("ouvrir l'application"), "{}", told.text);
    assert!(smtp.to("sara.presente@association.test").iter().all(|m| !m.text.contains("sera fermé")));

    // Rita opens the app in the month; a month later Paul's account closes, hers stays.
    // Paul's phone still holds a session the server read a moment before (and remembers):
    // closing the account ends it at once.
    let later = now + chrono::Duration::days(31);
    away_since(&server, back.id, now + chrono::Duration::days(3)).await;
    assert_eq!(server.get("/v1/me", &gone.token).await.status(), StatusCode::OK);
    // That request counted as a visit: Paul is put back to his year away.
    away_since(&server, gone.id, now - chrono::Duration::days(360)).await;
    let round = retention::apply(&server.db, server.pokes(), &settings, later).await.unwrap();
    assert_eq!(round.closed, 1, "{round:?}");
    assert_eq!(server.get("/v1/me", &gone.token).await.status(), StatusCode::UNAUTHORIZED);
    let closed: Vec<String> = on_db!(&server.db, c => sqlx::query_scalar(
        "SELECT display_name FROM people WHERE deactivated_at IS NOT NULL ORDER BY display_name").fetch_all(c).await)
    .unwrap();
    assert_eq!(closed, vec!["Paul Absent"]);
    assert_eq!(sign_in(&server, "paul.absent@association.test", PASSWORD).await, StatusCode::UNAUTHORIZED);
    let audit: Vec<String> = on_db!(&server.db, c => sqlx::query_scalar(
        "SELECT details FROM audit_log WHERE action = 'person.deactivate' AND actor_id IS NULL").fetch_all(c).await)
    .unwrap();
    assert_eq!(audit, vec!["{\"reason\":\"inactive\"}"], "the server closed it, and the log says why");
}
