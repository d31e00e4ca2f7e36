//! The administrators' console clicked through in a real headless Chromium (chromedriver),
//! against a real server: sign in, invite a person, import a CSV with bad rows and read the
//! report, handle a report from the app to its outcome, publish the charter and see a
//! phone ask for it (and send what was written meanwhile once accepted), find each action
//! in the audit log, sign out.

use fabrique_core::accounts::AccountsEvent;
use fabrique_core::composer::{ComposerEvent, ComposerTarget};
use fabrique_core::moderation::ModerationEvent;
use fabrique_core::view::Screen;
use fabrique_core::{Event, Route};
use fabrique_tests::browser::Browser;
use fabrique_tests::server::{ADMIN_EMAIL, PASSWORD, Server};
use fabrique_tests::shell::Device;
use fabrique_wire::groups::Visibility;
use fabrique_wire::moderation::{ReportReason, ReportTarget};
use fabrique_wire::posts::NewPost;
use fabrique_wire::posts::PostKind;
use fabrique_wire::sync::{Mutation, MutationOutcome};
use uuid::Uuid;

async fn new_association(server: &Server, name: &str) -> Uuid {
    let body: serde_json::Value = server
        .client()
        .post(format!("{}/v1/organisations", server.url()))
        .bearer_auth(&server.admin.token)
        .json(&serde_json::json!({ "name": name, "kind": "association", "parent_id": server.admin.organisation_id }))
        .send()
        .await
        .expect("organisation answers")
        .json()
        .await
        .expect("an organisation");
    body["id"].as_str().expect("an id").parse().expect("a uuid")
}

#[tokio::test]
async fn an_administrator_runs_the_network_from_the_console_in_a_real_browser() {
    let mut server = Server::start().await;
    let association = new_association(&server, "Les Amis du Quartier").await;
    let browser = Browser::start().await;
    let base = server.url();

    // Sign in: the console sends a stranger to its sign-in page first.
    browser.goto(&format!("{base}/admin/people")).await;
    assert!(browser.url().await.ends_with("/admin/sign-in"));
    browser.fill("#email", ADMIN_EMAIL).await;
    browser.fill("#password", "not the password").await;
    browser.submit("#sign-in").await;
    assert!(browser.text("#error").await.contains("not right"), "a wrong password is told plainly");
    browser.fill("#password", PASSWORD).await;
    browser.submit("#sign-in").await;
    assert!(browser.text("h1").await.contains("Ada Admin"), "the console greets its administrator");

    // Invite a person; the code works in the app.
    browser.goto(&format!("{base}/admin/people/invite")).await;
    browser.fill("#email", "claire.dubois@quartier.test").await;
    browser.choose("#organisation", &association.to_string()).await;
    browser.submit("#send-invitation").await;
    let code = browser.text("#invitation-code").await;
    let redeemed = server
        .client()
        .post(format!("{base}/v1/invitations/redeem"))
        .json(&serde_json::json!({ "code": code.trim(), "display_name": "Claire Dubois", "password": PASSWORD }))
        .send()
        .await
        .expect("redeem answers");
    assert_eq!(redeemed.status(), reqwest::StatusCode::CREATED, "the console's code opens an account");

    // Import a CSV with good and bad rows; read the report.
    let csv = "email;role;organisation\n\
               paul.martin@quartier.test;membre;\n\
               pas-une-adresse;membre;\n\
               claire.dubois@quartier.test;membre;\n\
               paul.martin@quartier.test;membre;\n\
               nadia.benali@quartier.test;trésorière;\n\
               sami.roux@quartier.test;responsable;Les Amis du Quartier\n\
               lea.petit@quartier.test;membre;Association inconnue\n";
    let file = server.dir.join("membres.csv");
    std::fs::write(&file, csv).expect("the CSV file is written");
    browser.goto(&format!("{base}/admin/people/import")).await;
    browser.choose("#organisation", &association.to_string()).await;
    browser.fill("#file", &file.display().to_string()).await;
    browser.submit("#import").await;
    assert_eq!(browser.text("#import-summary").await, "2 invitation(s) created, 5 row(s) failed.");
    let report = browser.text("#import-report").await;
    for expected in [
        "This email address is not valid.",
        "An account already exists with this address.",
        "Address already on line 2.",
        "Unknown role « trésorière »",
        "Unknown organisation, or not yours: « Association inconnue »",
    ] {
        assert!(report.contains(expected), "the report says {expected:?}: {report}");
    }
    assert_eq!(report.matches("Invited — link to pass on:").count(), 2, "without SMTP, the links are shown");

    // A report from the app, handled to its outcome.
    let group = server.create_group("Entraide du quartier", Visibility::Public).await;
    let mut author = server.member("Bruno").await;
    let mut reporter = server.member("Nadia").await;
    for person in [&mut author, &mut reporter] {
        assert_eq!(server.act(person, Mutation::JoinGroup { group_id: group }).await, MutationOutcome::Applied);
    }
    let post = Uuid::now_v7();
    let outcome = server
        .act(
            &mut author,
            Mutation::CreatePost(NewPost {
                id: post,
                group_id: group,
                kind: PostKind::News,
                title: String::new(),
                body: "Vends montres pas chères, écrivez-moi".into(),
                mentions: vec![],
                attachments: vec![],
            }),
        )
        .await;
    assert_eq!(outcome, MutationOutcome::Applied);
    let report = Mutation::Report {
        id: Uuid::now_v7(),
        target: ReportTarget::Post,
        target_id: post,
        reason: ReportReason::Spam,
        details: "Publicité".into(),
    };
    assert_eq!(server.act(&mut reporter, report).await, MutationOutcome::Applied);

    browser.goto(&format!("{base}/admin")).await;
    assert_eq!(browser.text("#open-cases").await, "1");
    browser.goto(&format!("{base}/admin/moderation")).await;
    browser.click("#queue .case a").await;
    assert!(browser.text("#excerpt").await.contains("Vends montres"));
    browser.submit("#take").await;
    assert!(browser.text("#notice").await.contains("You are handling this report"));
    browser.choose("#decision", "hide").await;
    browser.fill("#reason", "Publicité : contraire à la charte").await;
    browser.submit("#decide").await;
    assert!(browser.text("#decision").await.contains("hidden — Publicité : contraire à la charte"));
    let history = browser.text("#history").await;
    assert!(history.contains("reported") && history.contains("taken") && history.contains("decided"), "{history}");
    let post_now = server
        .client()
        .get(format!("{base}/v1/posts/{post}"))
        .bearer_auth(&reporter.token)
        .send()
        .await
        .expect("answers");
    assert_eq!(post_now.status(), reqwest::StatusCode::NOT_FOUND, "the hidden post left the group");
    let told: i64 = fabrique_server::on_db!(&server.db, c => sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'moderation' AND (person_id = $1 OR person_id = $2)")
        .bind(author.id).bind(reporter.id).fetch_one(c).await).expect("a count");
    assert_eq!(told, 2, "the author and the reporter are told");

    // Publish the charter: Nadia's phone asks for it, keeps what she writes meanwhile, and
    // sends it once she accepts.
    let mut phone = Device::start("Nadia", &base, &server.device_storage("nadia")).await;
    phone.settle().await;
    phone
        .send(Event::Accounts(AccountsEvent::SignIn {
            email: "nadia@association.test".into(),
            password: PASSWORD.into(),
        }))
        .await;
    phone.settle().await;
    assert!(phone.view().charter_prompt.is_none(), "no charter yet, nothing to accept");
    browser.goto(&format!("{base}/admin/charter")).await;
    browser.fill("#text", "1. On se respecte.\n2. Pas de publicité.").await;
    browser.submit("#preview").await;
    assert!(browser.text("#preview-text").await.contains("On se respecte"), "seen as members will read it");
    browser.submit("#publish").await;
    assert!(browser.text("#notice").await.contains("in force"));
    assert_eq!(browser.text("#charter-version").await, "1");

    phone.send(Event::Foreground).await;
    phone.settle().await;
    assert_eq!(
        phone.view().charter_prompt.as_deref(),
        Some("Avant de publier, lisez et acceptez la charte de la fédération.")
    );
    phone.send(Event::Navigate(Route::Group { id: group.to_string() })).await;
    phone.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() }))).await;
    phone.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Bonjour à tous".into() })).await;
    phone.settle().await;
    let view = phone.view();
    assert_eq!(view.status.failed.len(), 1, "refused until the charter is accepted, and kept");
    assert_eq!(view.status.failed[0].text, "Bonjour à tous");
    phone.send(Event::Navigate(Route::Charter)).await;
    phone.settle().await;
    let Screen::Charter(charter) = phone.view().screen else { panic!("the charter screen") };
    assert!(charter.text.contains("On se respecte") && charter.accept_label.is_some());
    phone.send(Event::Moderation(ModerationEvent::AcceptCharter)).await;
    phone.settle().await;
    let view = phone.view();
    assert!(
        view.charter_prompt.is_none() && view.status.failed.is_empty() && view.status.not_sent_count == 0,
        "{:?}",
        view.status
    );
    let published: i64 = fabrique_server::on_db!(&server.db, c => sqlx::query_scalar("SELECT COUNT(*) FROM posts WHERE author_id = $1 AND body = 'Bonjour à tous'")
        .bind(reporter.id).fetch_one(c).await).expect("a count");
    assert_eq!(published, 1, "what she wrote before accepting arrived, once");
    browser.goto(&format!("{base}/admin/charter/1")).await;
    assert!(browser.text("#acceptances").await.contains("Nadia"), "the console shows who accepted");

    // Every administrative action is in the audit log, searchable.
    browser.goto(&format!("{base}/admin/audit")).await;
    let log = browser.text("#audit").await;
    for action in [
        "signed in to the console",
        "invited a person",
        "created a group",
        "took a report",
        "decided on a report",
        "published a version of the charter",
    ] {
        assert!(log.contains(action), "the audit log shows {action}: {log}");
    }
    browser.fill("#audit-q", "report").await;
    browser.submit("#audit-search").await;
    let found = browser.text("#audit").await;
    assert!(found.contains("decided on a report") && !found.contains("published a version"), "{found}");

    // Sign out: the console is closed again.
    browser.submit("#sign-out").await;
    assert!(browser.url().await.ends_with("/admin/sign-in"));
    browser.goto(&format!("{base}/admin")).await;
    assert!(browser.url().await.ends_with("/admin/sign-in"));
    browser.client.clone().close().await.expect("the browser closes");
}

#[tokio::test]
async fn an_administrator_sends_a_must_read_message_from_the_console_and_watches_its_reach_climb() {
    let server = Server::start().await;
    let association = new_association(&server, "Les Jardins partagés").await;
    let mut people = Vec::new();
    for name in ["Anne Blanc", "Bruno Carre", "Chloe Dubois"] {
        people.push(server.member_of(name, association, fabrique_wire::accounts::InvitedRole::Member).await);
    }
    let browser = Browser::start().await;
    let base = server.url();
    browser.goto(&format!("{base}/admin/sign-in")).await;
    browser.fill("#email", ADMIN_EMAIL).await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("#sign-in").await;

    // None yet: the page says what one is for and how to write one.
    browser.goto(&format!("{base}/admin/must-reads")).await;
    assert!(browser.text("#no-must-reads").await.contains("Write one"));
    browser.click("#new-must-read").await;
    browser.choose("#organisation", &association.to_string()).await;
    browser.fill("#title", "General assembly on 14 March").await;
    browser.fill("#body", "At 6 pm in the village hall.\n\nPlease tell us if you come.").await;
    browser.submit("#send-must-read").await;

    // Its page: the message, nobody reached yet, and the three names to reach.
    assert!(browser.text(".notice").await.contains("who read it"));
    assert!(browser.text("#reach-summary").await.contains("0 people reached of 3"));
    assert_eq!(browser.text("#not-reached").await, "3");
    assert!(browser.text("#reach-people").await.contains("Anne Blanc"));
    let id: Uuid = browser
        .url()
        .await
        .rsplit('/')
        .next()
        .and_then(|tail| tail.split('?').next())
        .and_then(|id| id.parse().ok())
        .expect("the message's page");

    // Two read it on their phones: the page says so when looked at again.
    for person in people.iter_mut().take(2) {
        let outcome = server.act(person, Mutation::AcknowledgeMustRead { must_read_id: id }).await;
        assert_eq!(outcome, MutationOutcome::Applied);
    }
    browser.goto(&format!("{base}/admin/must-reads/{id}?state=read_in_app")).await;
    assert_eq!(browser.text("#read-in-app").await, "2");
    assert!(browser.text("#reach-summary").await.contains("66 %"));
    let readers = browser.text("#reach-people").await;
    assert!(
        readers.contains("Anne Blanc") && readers.contains("Bruno Carre") && !readers.contains("Chloe"),
        "{readers}"
    );

    // The list shows it with its reach; the audit log keeps that it was sent.
    browser.goto(&format!("{base}/admin/must-reads")).await;
    assert!(browser.text("#must-reads").await.contains("General assembly on 14 March"));
    browser.goto(&format!("{base}/admin/audit")).await;
    assert!(browser.text("body").await.contains("sent a must-read message"));
}

/// Whether `text` holds an id as the server writes them (8-4-4-4-12 hexadecimal digits).
fn holds_an_id(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let shape = [8, 4, 4, 4, 12];
    let length = 36;
    (0..chars.len().saturating_sub(length - 1)).find_map(|start| {
        let window = &chars[start..start + length];
        let mut at = 0;
        for (i, run) in shape.iter().enumerate() {
            if !window[at..at + run].iter().all(|c| c.is_ascii_hexdigit()) {
                return None;
            }
            at += run;
            if i < shape.len() - 1 {
                if window[at] != '-' {
                    return None;
                }
                at += 1;
            }
        }
        Some(window.iter().collect())
    })
}

#[tokio::test]
async fn no_console_page_shows_an_id_or_json_to_an_administrator() {
    // A server with something on every page: associations, people, a group with a report
    // decided and one waiting, a must-read message, invitations, a copy of someone's data,
    // an erasure under way, the charter.
    let mut server = Server::start().await;
    let association = new_association(&server, "Les Amis du Quartier").await;
    let mut author = server.member_of("Bruno Carre", association, fabrique_wire::accounts::InvitedRole::Manager).await;
    let mut reporter = server.member("Nadia Benali").await;
    let leaving = server.member("Paul Martin").await;
    let group = server.create_group("Entraide du quartier", Visibility::Public).await;
    for person in [&mut author, &mut reporter] {
        assert_eq!(server.act(person, Mutation::JoinGroup { group_id: group }).await, MutationOutcome::Applied);
    }
    for body in ["Vends vélo", "Achetez mes produits miracles"] {
        let post = Uuid::now_v7();
        let created = Mutation::CreatePost(NewPost {
            id: post,
            group_id: group,
            kind: PostKind::News,
            title: String::new(),
            body: body.into(),
            mentions: vec![],
            attachments: vec![],
        });
        assert_eq!(server.act(&mut author, created).await, MutationOutcome::Applied);
        let report = Mutation::Report {
            id: Uuid::now_v7(),
            target: ReportTarget::Post,
            target_id: post,
            reason: ReportReason::Spam,
            details: "Publicité".into(),
        };
        assert_eq!(server.act(&mut reporter, report).await, MutationOutcome::Applied);
    }
    server.invite("lea.petit@quartier.test").await;
    let must_read = Mutation::SendMustRead(fabrique_wire::must_reads::NewMustRead {
        id: Uuid::now_v7(),
        audience: fabrique_wire::must_reads::MustReadAudience::Organisation { organisation_id: association },
        title: "Assemblée générale".into(),
        body: "Le 14 mars.".into(),
        mail_after_hours: None,
    });
    assert_eq!(server.act(&mut author, must_read).await, MutationOutcome::Applied);

    let browser = Browser::start().await;
    let base = server.url();
    browser.goto(&format!("{base}/admin/sign-in")).await;
    browser.fill("#email", ADMIN_EMAIL).await;
    browser.fill("#password", PASSWORD).await;
    browser.submit("#sign-in").await;
    // Decide one report; prepare a copy of Nadia's data; start erasing Paul's account; write
    // the charter.
    browser.goto(&format!("{base}/admin/moderation")).await;
    let case = browser.links().await.into_iter().find(|l| l.contains("/admin/moderation/cases/")).expect("a case");
    browser.goto(&case).await;
    browser.submit("#take").await;
    browser.choose("#decision", "warn").await;
    browser.fill("#reason", "Pas de publicité ici").await;
    browser.submit("#decide").await;
    browser.goto(&format!("{base}/admin/people/{}", reporter.id)).await;
    browser.submit("#ask-export").await;
    browser.goto(&format!("{base}/admin/people/{}/erase", leaving.id)).await;
    browser.submit("#confirm").await;
    browser.goto(&format!("{base}/admin/charter")).await;
    browser.fill("#text", "Soyons bienveillants.").await;
    browser.submit("#preview").await;
    browser.submit("#publish").await;

    // Every page a link leads to (in the browser's language): no id, no JSON.
    let mut seen = std::collections::HashSet::new();
    let mut waiting = vec![format!("{base}/admin")];
    let mut read = 0;
    while let Some(address) = waiting.pop() {
        let address = address.split('#').next().unwrap_or_default().to_owned();
        let path = address.trim_start_matches(&base);
        let outside = !address.starts_with(&base) || !path.starts_with("/admin") || path.ends_with(".css");
        // Downloads and the pages of one case or person are read once each, not per filter.
        if outside || path.contains("/exports/") || !seen.insert(address.clone()) || read >= 120 {
            continue;
        }
        browser.goto(&address).await;
        read += 1;
        let text = browser.text("body").await;
        assert!(holds_an_id(&text).is_none(), "{path} shows an id ({:?}): {text}", holds_an_id(&text));
        assert!(!text.contains("{\"") && !text.contains("\":"), "{path} shows JSON: {text}");
        waiting.extend(browser.links().await);
    }
    assert!(read >= 25, "the console's pages were read ({read})");
}
