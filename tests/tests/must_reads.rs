//! Must-read messages (issue 22), told against a real server, a real SMTP server on a local
//! port and a local push service that decrypts what it gets. On SQLite by default, on
//! PostgreSQL when `FABRIQUE_TEST_DATABASE_URL` is set.

use std::time::Duration;

use chrono::Utc;
use fabrique_server::config::Settings;
use fabrique_server::mail::MailConfig;
use fabrique_server::must_reads::mail::mail_due;
use fabrique_tests::mail_server::MailServer;
use fabrique_tests::push_service::PushService;
use fabrique_tests::server::{Member, Server};
use fabrique_wire::Page;
use fabrique_wire::accounts::InvitedRole;
use fabrique_wire::groups::Visibility;
use fabrique_wire::must_reads::{MustReadAudience, MustReadReach, NewMustRead, ReachPerson};
use fabrique_wire::organisations::OrganisationKind;
use fabrique_wire::sync::{Entity, Mutation, MutationOutcome};
use reqwest::StatusCode;
use uuid::Uuid;

const WITHIN: Duration = Duration::from_secs(10);

fn mailing(server: &Server, smtp: &MailServer) -> Settings {
    Settings {
        public_url: server.url(),
        mail: Some(MailConfig::new(&smtp.url(), None, &server.url()).unwrap()),
        ..Settings::default()
    }
}

fn must_read(audience: MustReadAudience, title: &str, body: &str) -> NewMustRead {
    NewMustRead { id: Uuid::now_v7(), audience, title: title.into(), body: body.into(), mail_after_hours: None }
}

fn rejected_with(outcome: &MutationOutcome) -> String {
    match outcome {
        MutationOutcome::Rejected { code, .. } => code.clone(),
        MutationOutcome::Applied => "applied".into(),
    }
}

async fn reach(server: &Server, member: &Member, id: Uuid) -> (StatusCode, Option<MustReadReach>) {
    let answer = server.get(&format!("/v1/must-reads/{id}/reach"), &member.token).await;
    let status = answer.status();
    (status, if status == StatusCode::OK { answer.json().await.ok() } else { None })
}

async fn people(server: &Server, member: &Member, id: Uuid, state: &str) -> (StatusCode, Vec<String>) {
    let answer = server.get(&format!("/v1/must-reads/{id}/people?state={state}"), &member.token).await;
    let status = answer.status();
    let names = if status == StatusCode::OK {
        answer.json::<Page<ReachPerson>>().await.unwrap().items.into_iter().map(|p| p.display_name).collect()
    } else {
        Vec::new()
    };
    (status, names)
}

async fn holds_message(server: &Server, member: &Member, id: Uuid) -> bool {
    server.pull_all(member).await.iter().any(|change| matches!(&change.entity, Some(Entity::MustRead(m)) if m.id == id))
}

#[tokio::test]
async fn a_managers_must_read_reaches_five_people_two_in_the_app_three_by_mail_and_its_reach_is_theirs_alone() {
    let smtp = MailServer::start();
    let server = Server::start_with_mail(&smtp).await;
    let settings = mailing(&server, &smtp);
    let association = server
        .create_organisation("Les Jardins partagés", OrganisationKind::Association, server.admin.organisation_id)
        .await;
    let mut claire = server.member_of("Claire Manager", association, InvitedRole::Manager).await;
    let mut five = Vec::new();
    for name in ["Anne Blanc", "Bruno Carre", "Chloe Dubois", "David Eymard", "Emma Faure"] {
        five.push(server.member_of(name, association, InvitedRole::Member).await);
    }
    let mut outsider = server.member("Olivier Autre").await;

    // Claire, who manages the association, sends it a must-read message from her phone.
    let message = must_read(
        MustReadAudience::Organisation { organisation_id: association },
        "Assemblée générale le 14 mars",
        "L'assemblée générale aura lieu le 14 mars à 18 h à la salle des fêtes.\n\nMerci de confirmer votre présence.",
    );
    let id = message.id;
    assert_eq!(server.act(&mut claire, Mutation::SendMustRead(message)).await, MutationOutcome::Applied);

    // It reaches each of the five by sync, and no one outside the association.
    for member in &five {
        assert!(holds_message(&server, member, id).await, "every person of the association holds it");
    }
    assert!(!holds_message(&server, &outsider, id).await, "a person outside the association does not");

    // Two of them read it in the app.
    for member in five.iter_mut().take(2) {
        let outcome = server.act(member, Mutation::AcknowledgeMustRead { must_read_id: id }).await;
        assert_eq!(outcome, MutationOutcome::Applied);
    }
    // Saying it twice counts once.
    assert_eq!(
        server.act(&mut five[0], Mutation::AcknowledgeMustRead { must_read_id: id }).await,
        MutationOutcome::Applied
    );
    let (status, seen) = reach(&server, &claire, id).await;
    assert_eq!(status, StatusCode::OK);
    let seen = seen.unwrap();
    assert_eq!((seen.recipients, seen.read_in_app, seen.mailed, seen.not_reached), (5, 2, 0, 3), "{seen:?}");
    assert!(!seen.mailing_done);
    // The acknowledgement came back to the reader's phone.
    let read = server.pull_all(&five[0]).await;
    assert!(read.iter().any(|c| matches!(&c.entity, Some(Entity::MustReadRead(r)) if r.must_read_id == id)));

    // Nobody but the sender's scope sees the reach, nor the names: not a member of the
    // association, not someone outside it (404, as for a message that does not exist).
    for member in [&five[2], &outsider] {
        assert_eq!(reach(&server, member, id).await.0, StatusCode::NOT_FOUND);
        assert_eq!(people(&server, member, id, "not_reached").await.0, StatusCode::NOT_FOUND);
    }
    // Nor can an outsider say they read it.
    let outcome = server.act(&mut outsider, Mutation::AcknowledgeMustRead { must_read_id: id }).await;
    assert_eq!(rejected_with(&outcome), "must_read_not_found");

    // Emma chose English in her app: her mail is in English.
    let english = fabrique_wire::people::ProfileUpdate {
        display_name: None,
        function: None,
        bio: None,
        skills: None,
        interests: None,
        directory_visibility: None,
        language: Some(fabrique_wire::people::MailLanguage::English),
    };
    assert_eq!(server.act(&mut five[4], Mutation::UpdateProfile { update: english }).await, MutationOutcome::Applied);

    // Before the delay, nothing is mailed.
    assert_eq!(mail_due(&server.db, &settings, Utc::now()).await.unwrap().mailed, 0);
    // A day later, the three who have not read it are mailed, the two others not.
    let later = Utc::now() + chrono::Duration::hours(25);
    let round = mail_due(&server.db, &settings, later).await.unwrap();
    assert_eq!(round.mailed, 3, "{round:?}");
    assert_eq!(mail_due(&server.db, &settings, later).await.unwrap().mailed, 0, "never twice");
    let english = smtp.first_to("emma.faure@association.test", "Assemblée générale", WITHIN).await;
    assert_eq!(english.subject, "Important message: Assemblée générale le 14 mars — Fédération test");
    assert!(english.text.contains("sent an important message to Les Jardins partagés"), "{}", english.text);
    for name in ["chloe.dubois", "david.eymard"] {
        let mail = smtp.first_to(&format!("{name}@association.test"), "Assemblée générale", WITHIN).await;
        assert_eq!(mail.subject, "Message important : Assemblée générale le 14 mars — Fédération test");
        assert!(mail.text.contains("Claire Manager a envoyé le"), "{}", mail.text);
        assert!(mail.text.contains("salle des fêtes"), "the message itself: {}", mail.text);
        assert!(mail.html.contains("Merci de confirmer votre présence."), "{}", mail.html);
        // A link that opens the app at the message, where "J'ai lu" is.
        let open = format!("/open/must-read/{id}");
        assert!(mail.text.contains(&open) && mail.html.contains(&open), "{}", mail.text);
    }
    for name in ["anne.blanc", "bruno.carre"] {
        assert!(
            smtp.to_saying(&format!("{name}@association.test"), "Assemblée").is_empty(),
            "who read it is not mailed"
        );
    }
    let seen = reach(&server, &claire, id).await.1.unwrap();
    assert_eq!((seen.read_in_app, seen.mailed, seen.not_reached), (2, 3, 0), "{seen:?}");
    assert!(seen.mailing_done);
    assert_eq!(seen.percent_reached(), 100);

    // One of the mailed opens the app and reads it: counted once, in the app.
    assert_eq!(
        server.act(&mut five[4], Mutation::AcknowledgeMustRead { must_read_id: id }).await,
        MutationOutcome::Applied
    );
    let seen = reach(&server, &claire, id).await.1.unwrap();
    assert_eq!((seen.recipients, seen.read_in_app, seen.mailed, seen.not_reached), (5, 3, 2, 0), "{seen:?}");
    assert_eq!(people(&server, &claire, id, "mailed").await.1, vec!["Chloe Dubois", "David Eymard"]);
    assert_eq!(people(&server, &claire, id, "read_in_app").await.1, vec!["Anne Blanc", "Bruno Carre", "Emma Faure"]);
    assert_eq!(people(&server, &claire, id, "nobody").await.0, StatusCode::BAD_REQUEST);
    // The federation's administrators see every reach.
    let admin = Member::with_token(&server.admin.token);
    assert_eq!(reach(&server, &admin, id).await.1.unwrap().read_in_app, 3);

    // Chloé, away for a week, finds it first in her digest.
    let mut tx = server.db.begin_write().await.unwrap();
    fabrique_server::exec!(
        &mut tx,
        sqlx::query("UPDATE people SET last_seen_at = $1 WHERE id = $2")
            .bind(Utc::now() - chrono::Duration::days(8))
            .bind(five[2].id)
    )
    .unwrap();
    tx.commit().await.unwrap();
    let round = fabrique_server::notifications::digest::send_due(&server.db, &settings, Utc::now()).await.unwrap();
    assert_eq!(round.mailed, 1, "{round:?}");
    let digest = smtp.first_to("chloe.dubois@association.test", "Voici ce qui vous attend", WITHIN).await;
    assert!(digest.text.contains("1 message important à lire"), "{}", digest.text);
    assert!(digest.text.contains("Assemblée générale le 14 mars"), "{}", digest.text);
    assert!(digest.text.contains("/open/notifications"), "a link into the app: {}", digest.text);
}

#[tokio::test]
async fn an_organisers_must_read_is_pushed_at_once_and_a_private_groups_mail_holds_none_of_it() {
    let smtp = MailServer::start();
    let mut server = Server::start_with_mail(&smtp).await;
    let service = PushService::start().await;
    let settings = mailing(&server, &smtp);
    let board = server.create_group("Bureau", Visibility::Private).await;
    let mut awa = server.member("Awa Diallo").await;
    server.admin_does(Mutation::InviteToGroup { group_id: board, person_id: awa.id }).await;
    assert_eq!(server.act(&mut awa, Mutation::JoinGroup { group_id: board }).await, MutationOutcome::Applied);
    let device = service.device();
    assert!(server.subscribe(&awa, &device).await.status().is_success());
    let mut other = server.member("Bob Martin").await;
    let mut carla = server.member("Carla Nunes").await;
    server.admin_does(Mutation::InviteToGroup { group_id: board, person_id: carla.id }).await;
    assert_eq!(server.act(&mut carla, Mutation::JoinGroup { group_id: board }).await, MutationOutcome::Applied);

    // A member who does not run the group cannot send one to it; its administrator can.
    let refused = must_read(MustReadAudience::Group { group_id: board }, "Trésorerie", "Le compte est à découvert.");
    assert_eq!(rejected_with(&server.act(&mut other, Mutation::SendMustRead(refused)).await), "not_an_organiser");
    let message = must_read(MustReadAudience::Group { group_id: board }, "Trésorerie", "Le compte est à découvert.");
    let id = message.id;
    server.admin_does(Mutation::SendMustRead(message)).await;

    // Awa's phone is woken at once: the push says a must-read message, and which.
    let pushed = service.wait_for(&device, 1, WITHIN).await;
    assert_eq!(pushed[0].payload["kind"], "must_read");
    assert_eq!(pushed[0].payload["subject_id"], id.to_string());
    assert!(!pushed[0].payload.to_string().contains("découvert"), "ids and a generic line only");

    // Carla leaves the group before the delay is over: she is not mailed.
    assert_eq!(server.act(&mut carla, Mutation::LeaveGroup { group_id: board }).await, MutationOutcome::Applied);

    // The mail after the delay says who wrote in which group, nothing of what.
    let later = Utc::now() + chrono::Duration::hours(25);
    assert_eq!(mail_due(&server.db, &settings, later).await.unwrap().mailed, 1, "Awa only");
    let mail = smtp.first_to("awa.diallo@association.test", "Bureau", WITHIN).await;
    assert_eq!(mail.subject, "Un message important vous attend — Fédération test");
    for part in [&mail.text, &mail.html] {
        assert!(!part.contains("Trésorerie") && !part.contains("découvert"), "nothing of a private group: {part}");
    }
    assert!(mail.text.contains("Ada Admin"), "{}", mail.text);
}

#[tokio::test]
async fn must_reads_are_checked_limited_and_follow_an_organisation_that_moves() {
    let server = Server::start().await;
    let region = server.create_organisation("Région Sud", OrganisationKind::Region, server.admin.organisation_id).await;
    let elsewhere =
        server.create_organisation("Région Nord", OrganisationKind::Region, server.admin.organisation_id).await;
    let association = server.create_organisation("Le Club", OrganisationKind::Association, elsewhere).await;
    let mut manager = server.member_of("Marc Manager", association, InvitedRole::Manager).await;
    let mut lea = server.member_of("Lea Membre", association, InvitedRole::Member).await;

    // A member speaks for no organisation; a manager for theirs only.
    let to_club = |title: &str| {
        must_read(MustReadAudience::Organisation { organisation_id: association }, title, "Le texte du message.")
    };
    assert_eq!(rejected_with(&server.act(&mut lea, Mutation::SendMustRead(to_club("Non"))).await), "forbidden");
    let to_region = must_read(MustReadAudience::Organisation { organisation_id: region }, "Non", "Pas la sienne.");
    assert_eq!(rejected_with(&server.act(&mut manager, Mutation::SendMustRead(to_region)).await), "forbidden");
    // Bad input changes nothing.
    assert_eq!(rejected_with(&server.act(&mut manager, Mutation::SendMustRead(to_club("  "))).await), "invalid_field");
    let mut late = to_club("Plus tard");
    late.mail_after_hours = Some(10_000);
    assert_eq!(rejected_with(&server.act(&mut manager, Mutation::SendMustRead(late)).await), "invalid_field");
    // Two a day to one association: the third waits for tomorrow.
    for title in ["Premier", "Deuxième"] {
        assert_eq!(server.act(&mut manager, Mutation::SendMustRead(to_club(title))).await, MutationOutcome::Applied);
    }
    assert_eq!(
        rejected_with(&server.act(&mut manager, Mutation::SendMustRead(to_club("Troisième"))).await),
        "rate_limited"
    );

    // The association moves from the north to the south region: what the south says now
    // reaches Léa (counted, and on her phone); what the north says no longer does.
    let mut tx = server.db.begin_write().await.unwrap();
    let admin = fabrique_server::auth::Actor::acting_as(Uuid::nil(), server.admin.organisation_id, true);
    let mut changes = fabrique_server::sync::log::ChangeSet::default();
    fabrique_server::organisations::move_to(&mut tx, &admin, association, region, &mut changes).await.unwrap();
    fabrique_server::sync::log::commit(&mut tx, changes).await.unwrap();
    tx.commit().await.unwrap();
    let mut admin_member = Member::with_token(&server.admin.token);
    let south = must_read(MustReadAudience::Organisation { organisation_id: region }, "Sud", "Bienvenue au sud.");
    let south_id = south.id;
    assert_eq!(server.act(&mut admin_member, Mutation::SendMustRead(south)).await, MutationOutcome::Applied);
    let north = must_read(MustReadAudience::Organisation { organisation_id: elsewhere }, "Nord", "Au revoir.");
    let north_id = north.id;
    assert_eq!(server.act(&mut admin_member, Mutation::SendMustRead(north)).await, MutationOutcome::Applied);
    assert!(holds_message(&server, &lea, south_id).await);
    assert!(!holds_message(&server, &lea, north_id).await);
    assert_eq!(reach(&server, &admin_member, south_id).await.1.unwrap().recipients, 2, "Léa and Marc");
    assert_eq!(reach(&server, &admin_member, north_id).await.1.unwrap().recipients, 0);
}
