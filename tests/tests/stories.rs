//! Stories with several people on separate phones, each phone a headless shell driving the
//! real core against a real server (SQLite by default, PostgreSQL when
//! `FABRIQUE_TEST_DATABASE_URL` is set).

use std::time::Duration;

use fabrique_core::accounts::AccountsEvent;
use fabrique_core::composer::{ComposerEvent, ComposerTarget};
use fabrique_core::conversations::ConversationsEvent;
use fabrique_core::groups::{GroupRelation, GroupsEvent};
use fabrique_core::people::PeopleEvent;
use fabrique_core::people::types::PickPurpose;
use fabrique_core::posts::FeedView;
use fabrique_core::view::Screen;
use fabrique_core::{Event, Route, ViewModel};
use fabrique_tests::push_service::PushService;
use fabrique_tests::server::{ADMIN_EMAIL, PASSWORD, Server};
use fabrique_tests::shell::Device;
use fabrique_wire::events::NewEvent;
use fabrique_wire::groups::Visibility;
use fabrique_wire::sync::Mutation;
use uuid::Uuid;

/// A new member: invited by the administrator, they open the invitation's link on their
/// phone and create their account in the app.
async fn new_member(server: &Server, name: &str) -> (Device, Uuid) {
    new_member_on(server, name, None).await
}

/// A new member whose phone can receive pushes at `push`.
async fn new_member_on(server: &Server, name: &str, push: Option<&PushService>) -> (Device, Uuid) {
    let email = format!("{}@association.test", name.to_lowercase());
    let code = server.invite(&email).await;
    let storage = server.device_storage(name);
    // The link of the invitation mail, tapped on a new phone: the app opens on this
    // federation with the code filled in.
    let link = format!("{}/join/{code}", server.url());
    let mut device = Device::open_invitation(name, &link, &storage, push).await;
    let Screen::SignIn(form) = device.view().screen else { panic!("a new phone asks to sign in") };
    assert_eq!(form.federation, "Fédération test");
    assert_eq!(form.invitation_code.as_deref(), Some(code.as_str()));
    device
        .send(Event::Accounts(AccountsEvent::Redeem { code, display_name: name.into(), password: PASSWORD.into() }))
        .await;
    device.settle().await;
    let view = device.view();
    assert!(matches!(view.screen, Screen::Feed(_)), "{name} is signed in: {:?}", view.screen);
    let id = my_id(&device);
    (device, id)
}

fn my_id(device: &Device) -> Uuid {
    let dir = device.storage();
    // The session the core kept says who this phone belongs to.
    let key: String = "secret:session".bytes().map(|b| format!("{b:02x}")).collect();
    let session: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join(key)).unwrap()).unwrap();
    session["person_id"].as_str().unwrap().parse().unwrap()
}

fn feed(view: &ViewModel) -> FeedView {
    match &view.screen {
        Screen::Feed(feed) => feed.clone(),
        other => panic!("expected the feed, got {other:?}"),
    }
}

fn count_in_feed(view: &ViewModel, body: &str) -> usize {
    feed(view).items.iter().filter(|item| item.body == body).count()
}

async fn write_post(device: &mut Device, group: Uuid, body: &str) {
    device.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() }))).await;
    device.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: body.into() })).await;
}

async fn join(device: &mut Device, group: Uuid) {
    device.send(Event::Groups(GroupsEvent::Join { id: group.to_string() })).await;
    device.settle().await;
}

#[tokio::test]
async fn a_post_written_offline_survives_a_kill_and_reaches_another_member_exactly_once() {
    let mut server = Server::start().await;
    let group = server.create_group("Subventions nationales", Visibility::Public).await;
    let (mut awa, _) = new_member(&server, "Awa").await;
    let (mut bruno, _) = new_member(&server, "Bruno").await;
    join(&mut awa, group).await;
    join(&mut bruno, group).await;

    // Awa writes on the train, without network.
    awa.set_online(false);
    write_post(&mut awa, group, "Dossier FDVA déposé").await;
    awa.settle().await;
    let view = awa.view();
    assert_eq!(count_in_feed(&view, "Dossier FDVA déposé"), 1);
    assert!(feed(&view).items[0].pending, "marked as not sent yet");
    assert!(!view.status.online);

    // The phone kills the app; Awa opens it again, still offline: the post is there.
    let storage = awa.kill();
    let mut awa = Device::start("Awa", &server.url(), &storage).await;
    awa.set_online(false);
    awa.settle().await;
    let view = awa.view();
    assert_eq!(count_in_feed(&view, "Dossier FDVA déposé"), 1, "kept on the phone across the kill");
    assert_eq!(view.status.not_sent_count, 1);

    // The network is back.
    awa.set_online(true);
    awa.send(Event::Foreground).await;
    awa.settle().await;
    let view = awa.view();
    assert_eq!(count_in_feed(&view, "Dossier FDVA déposé"), 1);
    assert!(!feed(&view).items[0].pending);
    assert_eq!(view.status.not_sent_count, 0);

    // Bruno's phone is poked by the server and shows it, once.
    bruno.wait_until(Duration::from_secs(20), |v| count_in_feed(v, "Dossier FDVA déposé") > 0).await;
    bruno.settle().await;
    bruno.send(Event::Refresh).await;
    bruno.settle().await;
    assert_eq!(count_in_feed(&bruno.view(), "Dossier FDVA déposé"), 1, "exactly once");
}

#[tokio::test]
async fn a_member_removed_from_a_private_group_sees_it_vanish_never_to_return() {
    let mut server = Server::start().await;
    let group = server.create_group("Bureau", Visibility::Private).await;
    let (mut chloe, chloe_id) = new_member(&server, "Chloe").await;
    server.admin_does(Mutation::InviteToGroup { group_id: group, person_id: chloe_id }).await;
    chloe.send(Event::Refresh).await;
    chloe.settle().await;
    join(&mut chloe, group).await;
    server.admin_posts(group, "Budget confidentiel").await;
    chloe.send(Event::Refresh).await;
    chloe.settle().await;
    assert_eq!(count_in_feed(&chloe.view(), "Budget confidentiel"), 1, "a member reads the private group");

    server.admin_does(Mutation::RemoveMember { group_id: group, person_id: chloe_id }).await;
    chloe.send(Event::Refresh).await;
    chloe.settle().await;
    assert_eq!(count_in_feed(&chloe.view(), "Budget confidentiel"), 0, "gone at the next sync");
    chloe.send(Event::Navigate(Route::MyGroups)).await;
    let Screen::MyGroups(groups) = chloe.view().screen else { panic!("my groups") };
    assert!(groups.groups.iter().all(|g| g.name != "Bureau"));

    // Later posts never arrive, and nothing of the group is left on the phone.
    server.admin_posts(group, "Après le départ").await;
    chloe.send(Event::Navigate(Route::Feed)).await;
    chloe.send(Event::Refresh).await;
    chloe.settle().await;
    let view = chloe.view();
    assert_eq!(count_in_feed(&view, "Après le départ"), 0);
    assert_eq!(count_in_feed(&view, "Budget confidentiel"), 0);
    let storage = chloe.kill();
    for file in std::fs::read_dir(&storage).unwrap() {
        let bytes = std::fs::read(file.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Budget confidentiel") && !text.contains("Après le départ"),
            "nothing kept on the phone"
        );
    }
}

#[tokio::test]
async fn two_people_commenting_at_once_end_with_the_same_order_on_both_phones() {
    let mut server = Server::start().await;
    let group = server.create_group("Logistique", Visibility::Public).await;
    let (mut awa, _) = new_member(&server, "Awa").await;
    let (mut bruno, _) = new_member(&server, "Bruno").await;
    join(&mut awa, group).await;
    join(&mut bruno, group).await;
    write_post(&mut awa, group, "Qui vient samedi ?").await;
    awa.settle().await;
    bruno.send(Event::Refresh).await;
    bruno.settle().await;
    let post_id = feed(&bruno.view()).items[0].id.clone();

    for device in [&mut awa, &mut bruno] {
        device.send(Event::Navigate(Route::Post { id: post_id.clone() })).await;
        device
            .send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewComment { post_id: post_id.clone() })))
            .await;
    }
    awa.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Moi !".into() })).await;
    bruno.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Moi aussi".into() })).await;
    tokio::join!(awa.settle(), bruno.settle());
    for device in [&mut awa, &mut bruno] {
        device.send(Event::Refresh).await;
        device.settle().await;
    }

    let comments = |device: &Device| -> Vec<(String, bool)> {
        let Screen::Post(post) = device.view().screen else { panic!("the post's page") };
        post.comments.iter().map(|c| (c.id.clone(), c.pending)).collect()
    };
    let (on_awa, on_bruno) = (comments(&awa), comments(&bruno));
    assert_eq!(on_awa.len(), 2);
    assert_eq!(on_awa, on_bruno, "the same order on both phones, nothing pending");
    assert!(on_awa.iter().all(|(_, pending)| !pending));
}

#[tokio::test]
async fn posting_into_a_group_one_was_just_removed_from_is_shown_as_failed_and_leaves_the_outbox() {
    let mut server = Server::start().await;
    let group = server.create_group("Commission jeunesse", Visibility::Private).await;
    let (mut david, david_id) = new_member(&server, "David").await;
    server.admin_does(Mutation::InviteToGroup { group_id: group, person_id: david_id }).await;
    join(&mut david, group).await;

    david.set_online(false);
    write_post(&mut david, group, "Mon compte rendu").await;
    david.settle().await;
    server.admin_does(Mutation::RemoveMember { group_id: group, person_id: david_id }).await;
    david.set_online(true);
    david.send(Event::Refresh).await;
    david.settle().await;

    let view = david.view();
    assert_eq!(view.status.not_sent_count, 0, "it left the outbox");
    assert_eq!(view.status.failed.len(), 1, "shown as failed");
    assert_eq!(view.status.failed[0].text, "Mon compte rendu", "with what was written, to copy");
    assert!(view.status.failed[0].reason.contains("plus partie de ce groupe"));
    assert_eq!(count_in_feed(&view, "Mon compte rendu"), 0);

    // Restarted, the phone does not send it again.
    let storage = david.kill();
    let mut david = Device::start("David", &server.url(), &storage).await;
    david.settle().await;
    assert_eq!(david.view().status.not_sent_count, 0);
}

#[tokio::test]
async fn a_question_answered_once_is_suggested_to_the_next_person_who_asks_it_and_found_by_search() {
    use fabrique_core::questions::QuestionsEvent;
    use fabrique_core::search::SearchEvent;

    let mut server = Server::start().await;
    let group = server.create_group("Subventions nationales", Visibility::Public).await;
    let (mut awa, _) = new_member(&server, "Awa").await;
    let (mut bruno, _) = new_member(&server, "Bruno").await;
    let (mut chloe, _) = new_member(&server, "Chloe").await;
    join(&mut awa, group).await;
    join(&mut bruno, group).await;

    let ask = |title: &str| {
        Event::Questions(QuestionsEvent::AskChanged {
            group_ids: vec![group.to_string()],
            title: title.into(),
            details: "Pour notre association".into(),
            tags: vec!["subventions".into()],
        })
    };
    awa.send(Event::Questions(QuestionsEvent::StartAsk { group_id: group.to_string() })).await;
    awa.send(ask("Comment demander une subvention FDVA ?")).await;
    awa.send(Event::Questions(QuestionsEvent::SubmitAsk)).await;
    awa.settle().await;

    // Bruno's phone receives it in the group, and he answers.
    bruno.send(Event::Refresh).await;
    bruno.settle().await;
    bruno.send(Event::Navigate(Route::Group { id: group.to_string() })).await;
    bruno.settle().await;
    let Screen::Group(page) = bruno.view().screen else { panic!("the group") };
    let question_id = page.questions.first().expect("the question is in the group").id.clone();
    bruno.send(Event::Navigate(Route::Question { id: question_id.clone() })).await;
    bruno
        .send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewAnswer { question_id: question_id.clone() })))
        .await;
    bruno
        .send(Event::Composer(ComposerEvent::Submit {
            title: String::new(),
            body: "Sur le Compte Asso, avant mars.".into(),
        }))
        .await;
    bruno.settle().await;

    // Awa accepts it.
    awa.send(Event::Refresh).await;
    awa.settle().await;
    awa.send(Event::Navigate(Route::Question { id: question_id.clone() })).await;
    let Screen::Question(thread) = awa.view().screen else { panic!("the question") };
    assert!(thread.can_accept);
    let answer_id = thread.answers[0].id.clone();
    awa.send(Event::Questions(QuestionsEvent::Accept { question_id: question_id.clone(), answer_id })).await;
    awa.settle().await;
    let Screen::Question(thread) = awa.view().screen else { panic!("the question") };
    assert!(thread.answers[0].accepted && !thread.answers[0].pending);
    assert!(thread.question.unwrap().answered);

    // Chloé, not in the group, starts asking the same thing: the answered question is suggested.
    chloe.send(Event::Questions(QuestionsEvent::StartAsk { group_id: group.to_string() })).await;
    chloe.send(ask("subventions FDVA")).await;
    chloe.settle().await;
    let suggestions = chloe.view().ask.expect("the form").suggestions;
    assert_eq!(suggestions.len(), 1);
    assert_eq!(suggestions[0].id, question_id);
    chloe.send(Event::Questions(QuestionsEvent::CancelAsk)).await;

    // And search finds the answer, its words marked.
    chloe.send(Event::Navigate(Route::Search)).await;
    chloe.send(Event::Search(SearchEvent::Query { query: "compte asso".into(), kind: None })).await;
    chloe.settle().await;
    let Screen::Search(found) = chloe.view().screen else { panic!("search") };
    assert_eq!(found.results.len(), 1, "{found:?}");
    assert_eq!(found.results[0].snippet.marks.len(), 4, "two words marked");
}

#[tokio::test]
async fn a_question_in_a_group_reaches_a_members_phone_by_push_which_syncs_and_shows_it() {
    use fabrique_core::notifications::NotificationsEvent;
    use fabrique_core::questions::QuestionsEvent;

    let mut server = Server::start().await;
    let push = PushService::start().await;
    let group = server.create_group("Subventions nationales", Visibility::Public).await;
    let (mut awa, _) = new_member(&server, "Awa").await;
    let (mut bruno, _) = new_member_on(&server, "Bruno", Some(&push)).await;
    join(&mut awa, group).await;
    join(&mut bruno, group).await;
    // Bruno's phone is in his pocket: no live channel, only pushes.
    bruno.send(Event::Background).await;
    bruno.settle().await;
    assert_eq!(bruno.view().unread_notifications, 0);

    awa.send(Event::Questions(QuestionsEvent::StartAsk { group_id: group.to_string() })).await;
    awa.send(Event::Questions(QuestionsEvent::AskChanged {
        group_ids: vec![group.to_string()],
        title: "Qui connaît le dossier FDVA ?".into(),
        details: String::new(),
        tags: vec![],
    }))
    .await;
    awa.send(Event::Questions(QuestionsEvent::SubmitAsk)).await;
    awa.settle().await;

    // The push arrives, encrypted for Bruno's phone; the core syncs and the badge shows it.
    bruno.wait_until(Duration::from_secs(15), |view| view.unread_notifications == 1).await;
    let pushes = bruno.pushes();
    assert_eq!(pushes.len(), 1, "one push: {pushes:?}");
    assert_eq!(pushes[0]["kind"], "question_asked");
    assert!(push.refused().is_empty(), "valid Web Push: {:?}", push.refused());
    bruno.send(Event::Navigate(Route::Notifications)).await;
    let Screen::Notifications(list) = bruno.view().screen else { panic!("the notifications") };
    assert_eq!(list.items[0].text, "Awa pose une question : « Qui connaît le dossier FDVA ? »");
    bruno.send(Event::Notifications(NotificationsEvent::Open { id: list.items[0].id.clone() })).await;
    let Screen::Question(thread) = bruno.view().screen else { panic!("the question opens") };
    let question = thread.question.expect("held on the phone after the sync");
    assert_eq!(question.id, pushes[0]["subject_id"].as_str().unwrap());
    bruno.settle().await;
    assert_eq!(bruno.view().unread_notifications, 0);
    // Awa, who asked, was not told about her own question.
    awa.send(Event::Refresh).await;
    awa.settle().await;
    assert_eq!(awa.view().unread_notifications, 0);
}

#[tokio::test]
async fn a_member_answers_an_event_on_the_phone_and_the_organisers_message_to_attendees_opens_it() {
    use fabrique_core::events::{EventsEvent, Rsvp};
    use fabrique_core::notifications::NotificationsEvent;

    let mut server = Server::start().await;
    let push = PushService::start().await;
    let group = server.create_group("Subventions nationales", Visibility::Public).await;
    let (mut bruno, _) = new_member_on(&server, "Bruno", Some(&push)).await;
    join(&mut bruno, group).await;
    let event = Uuid::now_v7();
    let starts_at = chrono::Utc::now() + chrono::Duration::days(10);
    server
        .admin_does(Mutation::CreateEvent(NewEvent {
            id: event,
            group_id: group,
            title: "Atelier dossier FDVA".into(),
            description: "Apportez vos statuts.".into(),
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(2),
            time_zone: "Europe/Paris".into(),
            place: "Maison des associations".into(),
            online_url: String::new(),
            capacity: Some(12),
            attachments: vec![],
        }))
        .await;

    // The event reaches the phone (a push, then the sync), in the coming events.
    bruno.wait_until(Duration::from_secs(15), |view| view.unread_notifications == 1).await;
    bruno.send(Event::Navigate(Route::Events)).await;
    let Screen::Events(events) = bruno.view().screen else { panic!("the events") };
    assert_eq!(events.items.len(), 1);
    assert_eq!(events.items[0].label.as_deref(), Some("0 participant, 12 places restantes"));

    bruno.send(Event::Navigate(Route::Event { id: event.to_string() })).await;
    bruno.send(Event::Events(EventsEvent::Answer { id: event.to_string(), choice: Rsvp::Going })).await;
    bruno.settle().await;
    let Screen::Event(page) = bruno.view().screen else { panic!("the event") };
    assert!(!page.answer_pending, "confirmed by the server");
    assert_eq!(page.seats, "1 participant, 11 places restantes");
    bruno.send(Event::Navigate(Route::Calendar)).await;
    let Screen::Calendar(calendar) = bruno.view().screen else { panic!("my calendar") };
    assert_eq!(calendar.items[0].my_status.as_deref(), Some("Vous participez"));

    // In his pocket: the organiser's message to attendees arrives by push.
    bruno.send(Event::Background).await;
    bruno.settle().await;
    server
        .admin_does(Mutation::AnnounceToAttendees {
            id: Uuid::now_v7(),
            event_id: event,
            text: "Salle 2, au premier étage.".into(),
        })
        .await;
    bruno.wait_until(Duration::from_secs(15), |view| view.unread_notifications == 2).await;
    assert!(bruno.pushes().iter().any(|p| p["kind"] == "announcement"));
    bruno.send(Event::Navigate(Route::Notifications)).await;
    let Screen::Notifications(list) = bruno.view().screen else { panic!("the notifications") };
    assert_eq!(list.items[0].text, "Message de Ada Admin : Salle 2, au premier étage.");
    bruno.send(Event::Notifications(NotificationsEvent::Open { id: list.items[0].id.clone() })).await;
    let Screen::Event(page) = bruno.view().screen else { panic!("the event opens") };
    assert_eq!(page.event.expect("held").title, "Atelier dossier FDVA");
    assert!(push.refused().is_empty(), "{:?}", push.refused());
}

#[tokio::test]
async fn an_organiser_creates_an_event_on_the_phone_sees_the_reach_and_writes_to_the_people_going() {
    use fabrique_core::events::{EventsEvent, Rsvp};

    let mut server = Server::start().await;
    let group = server.create_group("Comité des fêtes", Visibility::Public).await;
    let (mut bruno, _) = new_member(&server, "Bruno").await;
    join(&mut bruno, group).await;
    // The administrator created the group, so runs it; they sign in on their phone.
    let storage = server.device_storage("Ada");
    let mut ada = Device::start("Ada", &server.url(), &storage).await;
    ada.settle().await;
    ada.send(Event::Accounts(AccountsEvent::SignIn {
        email: fabrique_tests::server::ADMIN_EMAIL.into(),
        password: PASSWORD.into(),
    }))
    .await;
    ada.settle().await;

    ada.send(Event::Navigate(Route::Group { id: group.to_string() })).await;
    let Screen::Group(page) = ada.view().screen else { panic!("the group") };
    assert!(page.can_organise);
    ada.send(Event::Events(EventsEvent::StartCreate { group_id: group.to_string() })).await;
    let starts = chrono::Utc::now() + chrono::Duration::days(20);
    ada.send(Event::Events(EventsEvent::FormChanged {
        title: "Repas de quartier".into(),
        description: "Chacun apporte un plat.".into(),
        starts_at: starts.to_rfc3339(),
        ends_at: (starts + chrono::Duration::hours(3)).to_rfc3339(),
        time_zone: "Europe/Paris".into(),
        place: "Place de la mairie".into(),
        online_url: String::new(),
        capacity: Some(50),
    }))
    .await;
    ada.send(Event::Events(EventsEvent::SubmitForm)).await;
    ada.settle().await;
    assert!(ada.view().event_form.is_none());
    assert_eq!(ada.view().status.not_sent_count, 0, "the event reached the server");

    bruno.send(Event::Refresh).await;
    bruno.settle().await;
    bruno.send(Event::Navigate(Route::Events)).await;
    let Screen::Events(events) = bruno.view().screen else { panic!("the events") };
    assert_eq!(events.items.len(), 1, "{events:?}");
    let event = events.items[0].id.clone();
    bruno.send(Event::Events(EventsEvent::Answer { id: event.clone(), choice: Rsvp::Going })).await;
    bruno.settle().await;

    ada.send(Event::Refresh).await;
    ada.settle().await;
    ada.send(Event::Navigate(Route::Event { id: event.clone() })).await;
    ada.settle().await;
    let Screen::Event(page) = ada.view().screen else { panic!("the event") };
    assert!(page.can_manage);
    assert_eq!(page.attendees.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Bruno"]);
    ada.send(Event::Events(EventsEvent::MessageAttendees { event_id: event.clone() })).await;
    ada.settle().await;
    let message = ada.view().message.expect("the message form");
    assert_eq!(
        message.reach_text.as_deref(),
        Some("Ce message atteindra 1 personne, dont 0 sur leur téléphone. Il vous reste 5 messages aujourd'hui.")
    );
    ada.send(Event::Events(EventsEvent::MessageChanged { text: "Pensez aux assiettes !".into() })).await;
    ada.send(Event::Events(EventsEvent::SendMessage)).await;
    ada.settle().await;
    assert_eq!(ada.view().status.not_sent_count, 0);

    bruno.send(Event::Refresh).await;
    bruno.settle().await;
    bruno.send(Event::Navigate(Route::Notifications)).await;
    let Screen::Notifications(list) = bruno.view().screen else { panic!("the notifications") };
    assert!(list.items.iter().any(|n| n.text == "Message de Ada Admin : Pensez aux assiettes !"), "{list:?}");
}

#[tokio::test]
async fn a_document_posted_from_a_phone_survives_a_cut_upload_and_reaches_the_groups_members_only() {
    use fabrique_core::attachments::AttachmentsEvent;

    let mut server = Server::start().await;
    let group = server.create_group("Bureau", Visibility::Private).await;
    let (mut awa, awa_id) = new_member(&server, "Awa").await;
    let (mut bruno, bruno_id) = new_member(&server, "Bruno").await;
    let (mut chloe, _) = new_member(&server, "Chloe").await;
    for (device, id) in [(&mut awa, awa_id), (&mut bruno, bruno_id)] {
        server.admin_does(Mutation::InviteToGroup { group_id: group, person_id: id }).await;
        device.send(Event::Refresh).await;
        device.settle().await;
        join(device, group).await;
    }

    // The file as the phone's picker copied it into the app's storage.
    let mut document = b"%PDF-1.4\n".to_vec();
    document.extend((0..300_000u32).map(|i| b'a' + (i % 26) as u8));
    let file = awa.storage().join("outgoing-compte-rendu.pdf");
    std::fs::write(&file, &document).unwrap();

    awa.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: group.to_string() }))).await;
    assert!(awa.view().can_attach);
    // The network drops a third of the way through.
    awa.cut_next_upload_after(100_000);
    awa.send(Event::Attachments(AttachmentsEvent::Add {
        file: file.display().to_string(),
        name: "Compte rendu AG.pdf".into(),
        size: document.len() as u64,
    }))
    .await;
    awa.wait_until(Duration::from_secs(20), |v| v.form_files.first().is_some_and(|f| f.progress > 0)).await;
    // Cut off: it waits for the network, then goes again by itself a moment later.
    awa.wait_until(Duration::from_secs(20), |v| {
        v.form_files.first().is_some_and(|f| f.status.starts_with("En attente"))
    })
    .await;
    awa.wait_until(Duration::from_secs(20), |v| v.form_files.first().is_some_and(|f| f.progress == 100)).await;
    assert_eq!(awa.view().form_files[0].status, "Prêt");
    awa.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Le compte rendu de l'AG".into() }))
        .await;
    awa.settle().await;
    assert!(!file.exists(), "the phone's copy goes once the server has the file");
    assert_eq!(awa.view().status.not_sent_count, 0);

    // Bruno, a member, sees it on the post and opens it.
    bruno.send(Event::Refresh).await;
    bruno.settle().await;
    let view = bruno.view();
    let post =
        feed(&view).items.into_iter().find(|p| p.body == "Le compte rendu de l'AG").expect("Bruno sees the post");
    assert_eq!(post.attachments.len(), 1);
    let attachment = &post.attachments[0];
    assert_eq!((attachment.name.as_str(), attachment.is_image), ("Compte rendu AG.pdf", false));
    // A tap: fetched with the session into the phone's cache, then handed to the system's viewer.
    bruno
        .send(Event::Attachments(AttachmentsEvent::Open { id: attachment.id.clone(), name: attachment.name.clone() }))
        .await;
    bruno.settle().await;
    let opened = bruno.view().open_file.expect("the file to open");
    assert!(opened.path.ends_with("Compte rendu AG.pdf") && !opened.is_image, "{opened:?}");
    assert_eq!(std::fs::read(&opened.path).unwrap(), document, "the file arrives whole");
    bruno.send(Event::Attachments(AttachmentsEvent::Opened)).await;
    assert!(bruno.view().open_file.is_none());

    // Chloé, not in the group, cannot reach it even with its address.
    let chloe_authorization = chloe.view().media_authorization.expect("signed in");
    let response =
        server.client().get(&attachment.url).header("authorization", chloe_authorization).send().await.unwrap();
    assert_eq!(response.status(), 404);
    chloe.settle().await;
    // Nor by the app: the tap says why, nothing opens.
    chloe
        .send(Event::Attachments(AttachmentsEvent::Open { id: attachment.id.clone(), name: attachment.name.clone() }))
        .await;
    chloe.settle().await;
    assert!(chloe.view().open_file.is_none());

    // The cut upload and its retry stored one file.
    let stored: Vec<_> = walk(&server.files_dir()).into_iter().filter(|p| !p.ends_with(".part")).collect();
    assert_eq!(stored.len(), 1, "{stored:?}");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path.display().to_string());
        }
    }
    files
}

fn group_page(view: &ViewModel) -> Option<fabrique_core::groups::GroupView> {
    match &view.screen {
        Screen::Group(group) => Some(group.clone()),
        _ => None,
    }
}

fn picker(view: &ViewModel) -> Option<fabrique_core::people::types::PickPeopleView> {
    match &view.screen {
        Screen::PickPeople(picker) => Some(picker.clone()),
        _ => None,
    }
}

/// Choose people by name in the picker open on `device`, then confirm.
async fn pick(device: &mut Device, names: &[&str], title: &str) {
    device.wait_until(Duration::from_secs(10), |v| picker(v).is_some_and(|p| !p.loading && !p.people.is_empty())).await;
    for name in names {
        device
            .send(Event::People(PeopleEvent::Directory {
                query: (*name).into(),
                skill: String::new(),
                organisation_id: None,
            }))
            .await;
        device.settle().await;
        let view = picker(&device.view()).expect("the picker stays open");
        let person = view.people.iter().find(|p| p.display_name == *name).unwrap_or_else(|| panic!("{name} is listed"));
        assert!(person.unavailable.is_none(), "{name} can be chosen: {person:?}");
        device
            .send(Event::People(PeopleEvent::PickToggle {
                person_id: person.id.clone(),
                display_name: person.display_name.clone(),
            }))
            .await;
    }
    let view = picker(&device.view()).expect("the picker stays open");
    assert_eq!(view.chosen, names.iter().map(|n| n.to_string()).collect::<Vec<_>>());
    assert!(view.can_confirm);
    device.send(Event::People(PeopleEvent::PickConfirm { title: title.into() })).await;
    device.settle().await;
}

#[tokio::test]
async fn an_organiser_accepts_a_request_to_join_on_the_phone_and_the_new_member_reads_the_group() {
    let mut server = Server::start().await;
    let group = server.create_group("Commission finances", Visibility::Private).await;
    server.admin_posts(group, "Budget prévisionnel 2027 en pièce jointe").await;
    let (mut awa, _) = new_member(&server, "Awa").await;

    // Awa finds the private group and asks to join it.
    awa.send(Event::Navigate(Route::Group { id: group.to_string() })).await;
    awa.settle().await;
    let page = group_page(&awa.view()).expect("the group's page");
    assert!(page.can_ask_to_join && !page.can_join, "{page:?}");
    awa.send(Event::Groups(GroupsEvent::AskToJoin { id: group.to_string(), message: "Je suis trésorière".into() }))
        .await;
    awa.settle().await;

    // The organiser (the administrator, who created it) sees the request on the group's page.
    let mut ada = Device::start("Ada", &server.url(), &server.device_storage("Ada")).await;
    ada.send(Event::Accounts(AccountsEvent::SignIn { email: ADMIN_EMAIL.into(), password: PASSWORD.into() })).await;
    ada.settle().await;
    ada.send(Event::Navigate(Route::Group { id: group.to_string() })).await;
    ada.wait_until(Duration::from_secs(10), |v| group_page(v).is_some_and(|g| !g.join_requests.is_empty())).await;
    let page = group_page(&ada.view()).unwrap();
    assert!(page.can_invite);
    assert!(page.join_requests_hint.is_some());
    let request = &page.join_requests[0];
    assert_eq!((request.display_name.as_str(), request.message.as_str()), ("Awa", "Je suis trésorière"));
    assert!(!request.when_text.is_empty());
    ada.send(Event::Groups(GroupsEvent::DecideJoinRequest {
        group_id: group.to_string(),
        person_id: request.person_id.clone(),
        accept: true,
    }))
    .await;
    assert!(group_page(&ada.view()).unwrap().join_requests.is_empty(), "gone from the list at once");
    ada.settle().await;

    // Awa's phone is poked: the group is hers, with what was written before she came.
    awa.send(Event::Navigate(Route::MyGroups)).await;
    awa.wait_until(Duration::from_secs(20), |v| match &v.screen {
        Screen::MyGroups(mine) => mine.groups.iter().any(|g| g.name == "Commission finances"),
        _ => false,
    })
    .await;
    awa.send(Event::Navigate(Route::Group { id: group.to_string() })).await;
    awa.settle().await;
    let page = group_page(&awa.view()).unwrap();
    assert!(page.can_post && !page.can_ask_to_join, "{page:?}");
    assert!(page.posts.iter().any(|p| p.body == "Budget prévisionnel 2027 en pièce jointe"), "{:?}", page.posts);
}

#[tokio::test]
async fn an_organiser_invites_from_the_phone_and_the_invited_member_joins_in_one_tap() {
    let mut server = Server::start().await;
    let group = server.create_group("Bureau", Visibility::Private).await;
    let (mut bruno, _) = new_member(&server, "Bruno").await;
    let mut ada = Device::start("Ada", &server.url(), &server.device_storage("Ada")).await;
    ada.send(Event::Accounts(AccountsEvent::SignIn { email: ADMIN_EMAIL.into(), password: PASSWORD.into() })).await;
    ada.settle().await;

    ada.send(Event::Navigate(Route::Group { id: group.to_string() })).await;
    ada.settle().await;
    assert!(group_page(&ada.view()).unwrap().can_invite);
    let purpose = PickPurpose::InviteToGroup { group_id: group.to_string() };
    ada.send(Event::Navigate(Route::PickPeople { purpose })).await;
    pick(&mut ada, &["Bruno"], "").await;
    assert!(group_page(&ada.view()).is_some(), "back on the group's page");
    assert!(ada.view().notice.unwrap().starts_with("Invitations envoyées"));

    // Already invited: said in the picker, and not chosen twice.
    let purpose = PickPurpose::InviteToGroup { group_id: group.to_string() };
    ada.send(Event::Navigate(Route::PickPeople { purpose })).await;
    ada.settle().await;
    let listed = picker(&ada.view()).unwrap();
    let bruno_listed = listed.people.iter().find(|p| p.display_name == "Bruno").expect("listed");
    assert_eq!(bruno_listed.unavailable.as_deref(), Some("déjà invité·e"));
    assert!(listed.people.iter().any(|p| p.unavailable.as_deref() == Some("c'est vous")));

    // Bruno's "My groups" shows the invitation; one tap and he is in.
    bruno.send(Event::Navigate(Route::MyGroups)).await;
    bruno
        .wait_until(Duration::from_secs(20), |v| match &v.screen {
            Screen::MyGroups(mine) => {
                mine.groups.iter().any(|g| g.name == "Bureau" && g.relation == GroupRelation::Invited)
            }
            _ => false,
        })
        .await;
    bruno.send(Event::Navigate(Route::Group { id: group.to_string() })).await;
    bruno.settle().await;
    let page = group_page(&bruno.view()).unwrap();
    assert!(page.invited_text.is_some() && page.can_join, "{page:?}");
    bruno.send(Event::Groups(GroupsEvent::Join { id: group.to_string() })).await;
    bruno.settle().await;
    let page = group_page(&bruno.view()).unwrap();
    assert!(page.can_post && page.invited_text.is_none(), "{page:?}");
    assert!(bruno.view().status.failed.is_empty(), "{:?}", bruno.view().status.failed);
}

#[tokio::test]
async fn three_people_start_a_conversation_and_a_fourth_is_added_who_reads_it() {
    let server = Server::start().await;
    let (mut awa, _) = new_member(&server, "Awa").await;
    let (mut bruno, _) = new_member(&server, "Bruno").await;
    let (mut chloe, _) = new_member(&server, "Chloé").await;
    let (mut david, _) = new_member(&server, "David").await;

    // From the conversations list: a new conversation with Bruno and Chloé, titled.
    awa.send(Event::Navigate(Route::Conversations)).await;
    awa.send(Event::Navigate(Route::PickPeople { purpose: PickPurpose::StartConversation })).await;
    pick(&mut awa, &["Bruno", "Chloé"], "Préparation de l'AG").await;
    let Screen::Conversation(conversation) = awa.view().screen else { panic!("the new conversation opens") };
    assert_eq!(conversation.title, "Préparation de l'AG");
    assert!(conversation.can_add_people);
    let id = conversation.id.clone();
    awa.send(Event::Conversations(ConversationsEvent::Send {
        conversation_id: id.clone(),
        body: "On se retrouve jeudi ?".into(),
    }))
    .await;
    awa.settle().await;

    for phone in [&mut bruno, &mut chloe] {
        phone.send(Event::Navigate(Route::Conversation { id: id.clone() })).await;
        phone
            .wait_until(Duration::from_secs(20), |v| match &v.screen {
                Screen::Conversation(c) => c.messages.iter().any(|m| m.body == "On se retrouve jeudi ?"),
                _ => false,
            })
            .await;
    }

    // David is added: those already in it cannot be chosen again.
    awa.send(Event::Navigate(Route::PickPeople {
        purpose: PickPurpose::AddToConversation { conversation_id: id.clone() },
    }))
    .await;
    awa.settle().await;
    let listed = picker(&awa.view()).unwrap();
    let bruno_listed = listed.people.iter().find(|p| p.display_name == "Bruno").expect("listed");
    assert_eq!(bruno_listed.unavailable.as_deref(), Some("déjà dans la conversation"));
    pick(&mut awa, &["David"], "").await;
    assert!(awa.view().status.failed.is_empty(), "{:?}", awa.view().status.failed);

    david.send(Event::Navigate(Route::Conversation { id: id.clone() })).await;
    david
        .wait_until(Duration::from_secs(20), |v| match &v.screen {
            Screen::Conversation(c) => c.participants.len() == 4 && c.found,
            _ => false,
        })
        .await;
    let Screen::Conversation(seen) = david.view().screen else { unreachable!() };
    assert_eq!(seen.title, "Préparation de l'AG");
}

#[tokio::test]
async fn a_new_member_is_offered_the_federations_groups_and_joins_one_in_a_tap() {
    let mut server = Server::start().await;
    let group = server.create_group("Entraide fédérale", Visibility::Public).await;
    server.admin_posts(group, "Bienvenue à toutes et à tous").await;
    let (mut awa, _) = new_member(&server, "Awa").await;

    awa.send(Event::Navigate(Route::MyGroups)).await;
    awa.settle().await;
    let Screen::MyGroups(mine) = awa.view().screen else { panic!("my groups") };
    assert!(mine.groups.is_empty());
    assert!(mine.suggestions_title.is_some() && mine.empty_text.is_none(), "{mine:?}");
    let offered = mine.suggestions.iter().find(|g| g.name == "Entraide fédérale").expect("offered");
    awa.send(Event::Groups(GroupsEvent::Join { id: offered.id.clone() })).await;
    let Screen::MyGroups(mine) = awa.view().screen else { panic!("my groups") };
    assert!(mine.suggestions.iter().all(|g| g.name != "Entraide fédérale"), "leaves the suggestions at once");
    assert!(mine.groups.iter().any(|g| g.name == "Entraide fédérale" && g.relation == GroupRelation::Member));
    awa.settle().await;
    awa.send(Event::Navigate(Route::Feed)).await;
    awa.wait_until(Duration::from_secs(20), |v| count_in_feed(v, "Bienvenue à toutes et à tous") == 1).await;
}

/// What a French screen must never show a person: a raw id or an ISO date. Every text of the
/// view model is read, except the fields that carry ids, addresses and times for the app
/// itself (never drawn as they are).
fn raw_texts(view: &ViewModel) -> Vec<String> {
    fn machine(key: &str) -> bool {
        key == "id"
            || key.ends_with("_id")
            || key.ends_with("_ids")
            || key.ends_with("url")
            || key.ends_with("_at")
            || key == "media_authorization"
            || key == "path"
            || key == "invitation_code"
    }
    fn walk(key: &str, value: &serde_json::Value, found: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) if !machine(key) => {
                let iso = text
                    .as_bytes()
                    .windows(11)
                    .any(|w| w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-' && w[7] == b'-' && w[10] == b'T');
                let id = text
                    .split(|c: char| c.is_whitespace() || c == '/' || c == '«' || c == '»')
                    .any(|word| Uuid::parse_str(word).is_ok());
                if iso || id {
                    found.push(format!("{key}: {text}"));
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| walk(key, item, found)),
            serde_json::Value::Object(fields) => fields.iter().for_each(|(k, v)| walk(k, v, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk("", &serde_json::to_value(view).expect("the view model serialises"), &mut found);
    found
}

/// Every screen a member goes through on their first day, checked for raw ids and ISO dates.
fn readable(device: &Device) -> ViewModel {
    let view = device.view();
    let raw = raw_texts(&view);
    assert!(raw.is_empty(), "raw text on a French screen ({:?}): {raw:?}", std::mem::discriminant(&view.screen));
    view
}

/// The "done when", on a headless phone against the real server: a new member is
/// invited by link, opens the right federation, creates their account, reads dates as people
/// say them, is let into a private group by its organiser, opens a document there, and starts
/// a conversation with three people — no raw id nor ISO date on any French screen.
#[tokio::test]
async fn a_new_members_first_day_from_the_invitation_link_to_a_conversation_with_three_people() {
    use fabrique_core::attachments::AttachmentsEvent;

    let mut server = Server::start().await;
    let commission = server.create_group("Commission finances", Visibility::Private).await;
    let (_bruno, _) = new_member(&server, "Bruno").await;
    let (_chloe, _) = new_member(&server, "Chloé").await;

    // The organiser (the administrator) has put the budget in the commission's group.
    let mut ada = Device::start("Ada", &server.url(), &server.device_storage("Ada")).await;
    ada.send(Event::Accounts(AccountsEvent::SignIn { email: ADMIN_EMAIL.into(), password: PASSWORD.into() })).await;
    ada.settle().await;
    let budget = b"%PDF-1.4\nBudget 2027".to_vec();
    let file = ada.storage().join("budget.pdf");
    std::fs::write(&file, &budget).unwrap();
    ada.send(Event::Composer(ComposerEvent::Open(ComposerTarget::NewPost { group_id: commission.to_string() }))).await;
    ada.send(Event::Attachments(AttachmentsEvent::Add {
        file: file.display().to_string(),
        name: "Budget 2027.pdf".into(),
        size: budget.len() as u64,
    }))
    .await;
    ada.wait_until(Duration::from_secs(20), |v| v.form_files.first().is_some_and(|f| f.progress == 100)).await;
    ada.send(Event::Composer(ComposerEvent::Submit { title: String::new(), body: "Le budget à relire".into() })).await;
    ada.settle().await;

    // Awa taps the link of her invitation: the app opens on the federation, code filled in.
    let code = server.invite("awa@association.test").await;
    let link = format!("{}/join/{code}", server.url());
    let mut awa = Device::open_invitation("Awa", &link, &server.device_storage("Awa"), None).await;
    let Screen::SignIn(form) = readable(&awa).screen else { panic!("the form to create her account") };
    assert_eq!((form.federation.as_str(), form.invitation_code.as_deref()), ("Fédération test", Some(code.as_str())));
    awa.send(Event::Accounts(AccountsEvent::Redeem { code, display_name: "Awa".into(), password: PASSWORD.into() }))
        .await;
    awa.settle().await;
    assert!(matches!(readable(&awa).screen, Screen::Feed(_)));

    // She asks to join the commission; Ada lets her in from her phone.
    awa.send(Event::Navigate(Route::Group { id: commission.to_string() })).await;
    awa.settle().await;
    readable(&awa);
    awa.send(Event::Groups(GroupsEvent::AskToJoin {
        id: commission.to_string(),
        message: "Trésorière adjointe".into(),
    }))
    .await;
    awa.settle().await;
    ada.send(Event::Navigate(Route::Group { id: commission.to_string() })).await;
    ada.wait_until(Duration::from_secs(10), |v| group_page(v).is_some_and(|g| !g.join_requests.is_empty())).await;
    let request = group_page(&readable(&ada)).unwrap().join_requests[0].clone();
    ada.send(Event::Groups(GroupsEvent::DecideJoinRequest {
        group_id: commission.to_string(),
        person_id: request.person_id,
        accept: true,
    }))
    .await;
    ada.settle().await;

    // In the group: the post reads "il y a …", and the budget opens.
    awa.send(Event::Navigate(Route::Feed)).await;
    awa.wait_until(Duration::from_secs(20), |v| count_in_feed(v, "Le budget à relire") == 1).await;
    let view = readable(&awa);
    let post = feed(&view).items.into_iter().find(|p| p.body == "Le budget à relire").unwrap();
    assert!(post.when_text.starts_with("il y a") || post.when_text == "à l'instant", "{}", post.when_text);
    let document = post.attachments[0].clone();
    awa.send(Event::Attachments(AttachmentsEvent::Open { id: document.id, name: document.name })).await;
    awa.settle().await;
    let opened = readable(&awa).open_file.expect("the document to open");
    assert_eq!(std::fs::read(&opened.path).unwrap(), budget);
    awa.send(Event::Attachments(AttachmentsEvent::Opened)).await;

    // And a conversation with Bruno and Chloé.
    awa.send(Event::Navigate(Route::Conversations)).await;
    awa.send(Event::Navigate(Route::PickPeople { purpose: PickPurpose::StartConversation })).await;
    awa.settle().await;
    readable(&awa);
    pick(&mut awa, &["Bruno", "Chloé"], "Commission").await;
    awa.send(Event::Conversations(ConversationsEvent::Send {
        conversation_id: match readable(&awa).screen {
            Screen::Conversation(c) => c.id,
            other => panic!("the conversation: {other:?}"),
        },
        body: "Bonjour à tous les deux".into(),
    }))
    .await;
    awa.settle().await;
    let Screen::Conversation(conversation) = readable(&awa).screen else { panic!() };
    assert_eq!(conversation.participants.len(), 3);
    assert!(conversation.messages.iter().any(|m| m.body == "Bonjour à tous les deux" && !m.when_text.is_empty()));
}
