//! Direct conversations: only participants ever read one (matrix, ids swapped), unread
//! counts and their notification, leaving and coming back, blocking, and the bounds.

use fabrique_wire::conversations::direct_conversation_id;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;

/// Awa and Bruno (association A), Chloé (A, not in the conversation), Driss (association
/// B, who sees nobody of A), a manager of A and the federation admin.
struct World {
    app: TestApp,
    awa: Person,
    bruno: Person,
    chloe: Person,
    driss: Person,
    manager: Person,
}

impl World {
    async fn new() -> World {
        let app = spawn_app().await;
        let a = app.new_association("Amicale laïque").await;
        let b = app.new_association("Secours populaire").await;
        let awa = app.member(a, "Awa").await;
        let bruno = app.member(a, "Bruno").await;
        let chloe = app.member(a, "Chloé").await;
        let driss = app.member(b, "Driss").await;
        let manager = app.manager(a, "Manon").await;
        World { app, awa, bruno, chloe, driss, manager }
    }

    fn direct(&self) -> Uuid {
        direct_conversation_id(self.awa.id, self.bruno.id)
    }

    async fn start_direct(&self) -> Uuid {
        let id = self.direct();
        assert_applied(
            &self
                .app
                .act(&self.awa, json!({ "type": "start_conversation", "id": id, "person_ids": [self.bruno.id] }))
                .await,
        );
        id
    }

    async fn say(&self, who: &Person, conversation: Uuid, body: &str) -> Value {
        self.app
            .act(
                who,
                json!({ "type": "send_message", "id": Uuid::now_v7(), "conversation_id": conversation, "body": body }),
            )
            .await
    }
}

async fn synced(app: &TestApp, who: &Person) -> Device {
    let mut device = app.device(who);
    device.sync().await;
    device
}

fn mine(device: &Device, conversation: Uuid) -> Option<Value> {
    device.entities("my_conversation").into_iter().find(|m| m["conversation_id"] == conversation.to_string()).cloned()
}

#[tokio::test]
async fn two_people_write_to_each_other_and_only_they_ever_hold_the_conversation() {
    let world = World::new().await;
    let id = world.start_direct().await;
    assert_applied(&world.say(&world.awa, id, "Bonjour Bruno, tu as les clés de la salle ?").await);

    let bruno = synced(&world.app, &world.bruno).await;
    let conversation = &bruno.entities("conversation")[0];
    assert_eq!(conversation["direct"], true);
    let names: Vec<&str> =
        conversation["participants"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Awa", "Bruno"]);
    let messages = bruno.entities("message");
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["author_name"], "Awa");
    assert_eq!(mine(&bruno, id).unwrap()["unread"], 1);
    let told: Vec<&Value> = bruno.entities("notification").into_iter().filter(|n| n["kind"] == "message").collect();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["subject_id"], id.to_string());

    // The author has nothing unread; a second message joins Bruno's notification.
    let awa = synced(&world.app, &world.awa).await;
    assert_eq!(mine(&awa, id).unwrap()["unread"], 0);
    assert!(awa.entities("notification").is_empty());
    assert_applied(&world.say(&world.awa, id, "Je passe à 18 h.").await);
    let bruno = synced(&world.app, &world.bruno).await;
    assert_eq!(mine(&bruno, id).unwrap()["unread"], 2);
    let told: Vec<&Value> = bruno.entities("notification").into_iter().filter(|n| n["kind"] == "message").collect();
    assert_eq!(told.len(), 1, "one notification per conversation while unread");
    assert_eq!(told[0]["count"], 2);

    // Reading it clears the count and the notification.
    assert_applied(
        &world.app.act(&world.bruno, json!({ "type": "mark_conversation_read", "conversation_id": id })).await,
    );
    let bruno = synced(&world.app, &world.bruno).await;
    assert_eq!(mine(&bruno, id).unwrap()["unread"], 0);
    assert_eq!(bruno.entities("notification")[0]["read"], true);

    for (who, person) in [
        ("someone of the same association", &world.chloe),
        ("someone of another association", &world.driss),
        ("a manager of their association", &world.manager),
        ("the federation admin", &world.app.admin),
    ] {
        let device = synced(&world.app, person).await;
        assert!(!device.holds_scope(&format!("conversation:{id}")), "{who} holds the conversation");
        assert!(device.entities("message").is_empty(), "{who} holds a message");
        assert!(device.entities("conversation").is_empty(), "{who} holds a conversation");
    }
}

#[tokio::test]
async fn nobody_outside_a_conversation_reaches_it_with_its_id_and_nothing_changes() {
    let world = World::new().await;
    let direct = world.start_direct().await;
    // A one-to-one always has the pair's id; a conversation of three any id.
    let association = world.awa.organisation_id;
    let eloi = world.app.member(association, "Éloi").await;
    assert_rejected(
        &world
            .app
            .act(
                &world.awa,
                json!({ "type": "start_conversation", "id": Uuid::now_v7(), "person_ids": [world.bruno.id] }),
            )
            .await,
        "not_the_direct_id",
    );
    let group = Uuid::now_v7();
    assert_applied(
        &world
            .app
            .act(&world.awa, json!({ "type": "start_conversation", "id": group, "person_ids": [world.bruno.id, eloi.id], "title": "Bureau" }))
            .await,
    );
    assert_applied(&world.say(&eloi, group, "Ordre du jour en pièce jointe").await);
    let messages = world.app.count("messages").await;
    let members = world.app.count("conversation_members").await;
    for (who, person) in [
        ("Chloé", &world.chloe),
        ("Driss", &world.driss),
        ("the manager", &world.manager),
        ("the admin", &world.app.admin),
    ] {
        for conversation in [direct, group] {
            assert_rejected(
                &world.say(person, conversation, "Je lis par-dessus votre épaule").await,
                "conversation_not_found",
            );
            for mutation in [
                json!({ "type": "add_to_conversation", "conversation_id": conversation, "person_ids": [person.id] }),
                json!({ "type": "leave_conversation", "conversation_id": conversation }),
                json!({ "type": "mark_conversation_read", "conversation_id": conversation }),
            ] {
                assert_rejected(&world.app.act(person, mutation.clone()).await, "conversation_not_found");
            }
        }
        // Starting "the same" conversation does not open it: a one-to-one's id is the pair's…
        let outcome = world
            .app
            .act(person, json!({ "type": "start_conversation", "id": direct, "person_ids": [world.awa.id] }))
            .await;
        assert_eq!(outcome["status"], "rejected", "{who}: {outcome}");
        // …and another conversation's id is taken.
        let outcome = world
            .app
            .act(
                person,
                json!({ "type": "start_conversation", "id": group, "person_ids": [world.awa.id, world.bruno.id] }),
            )
            .await;
        assert_eq!(outcome["status"], "rejected", "{who}: {outcome}");
    }
    assert_eq!(world.app.count("messages").await, messages);
    assert_eq!(world.app.count("conversation_members").await, members);
    let chloe = synced(&world.app, &world.chloe).await;
    assert!(chloe.entities("conversation").is_empty());
}

#[tokio::test]
async fn a_conversation_of_three_is_read_by_the_three_and_by_whoever_they_add() {
    let world = World::new().await;
    let id = Uuid::now_v7();
    assert_applied(
        &world
            .app
            .act(
                &world.awa,
                json!({ "type": "start_conversation", "id": id, "person_ids": [world.bruno.id, world.chloe.id], "title": "Kermesse" }),
            )
            .await,
    );
    assert_applied(&world.say(&world.chloe, id, "Je m'occupe des crêpes").await);
    for person in [&world.awa, &world.bruno] {
        let device = synced(&world.app, person).await;
        assert_eq!(device.entities("message").len(), 1);
        assert_eq!(device.entities("conversation")[0]["title"], "Kermesse");
    }
    let manager = synced(&world.app, &world.manager).await;
    assert!(manager.entities("message").is_empty());
    assert_applied(
        &world
            .app
            .act(
                &world.bruno,
                json!({ "type": "add_to_conversation", "conversation_id": id, "person_ids": [world.manager.id] }),
            )
            .await,
    );
    let manager = synced(&world.app, &world.manager).await;
    assert_eq!(manager.entities("message").len(), 1, "who is added reads what was said");
    assert_eq!(manager.entities("conversation")[0]["participants"].as_array().unwrap().len(), 4);

    // Nobody can add someone they cannot see (Driss is of another association).
    assert_rejected(
        &world
            .app
            .act(
                &world.bruno,
                json!({ "type": "add_to_conversation", "conversation_id": id, "person_ids": [world.driss.id] }),
            )
            .await,
        "person_not_found",
    );
    // A one-to-one stays between two.
    let direct = world.start_direct().await;
    assert_rejected(
        &world
            .app
            .act(
                &world.awa,
                json!({ "type": "add_to_conversation", "conversation_id": direct, "person_ids": [world.chloe.id] }),
            )
            .await,
        "direct_conversation",
    );
}

#[tokio::test]
async fn leaving_takes_the_conversation_off_ones_devices_and_a_new_message_in_a_one_to_one_brings_one_back() {
    let world = World::new().await;
    let id = world.start_direct().await;
    assert_applied(&world.say(&world.awa, id, "Réunion jeudi ?").await);
    let mut bruno = synced(&world.app, &world.bruno).await;
    assert!(bruno.holds_scope(&format!("conversation:{id}")));
    assert_applied(&world.app.act(&world.bruno, json!({ "type": "leave_conversation", "conversation_id": id })).await);
    bruno.sync().await;
    assert!(!bruno.holds_scope(&format!("conversation:{id}")), "purged from the device");
    assert!(mine(&bruno, id).is_none());
    let awa = synced(&world.app, &world.awa).await;
    assert_eq!(awa.entities("conversation")[0]["participants"].as_array().unwrap().len(), 1);
    assert_rejected(&world.say(&world.bruno, id, "Encore moi").await, "conversation_not_found");

    assert_applied(&world.say(&world.awa, id, "Tu es parti ? Jeudi 18 h finalement.").await);
    bruno.sync().await;
    assert!(bruno.holds_scope(&format!("conversation:{id}")), "back with the next message");
    assert_eq!(mine(&bruno, id).unwrap()["unread"], 1);
}

#[tokio::test]
async fn a_person_one_blocked_can_no_longer_write_to_one_until_unblocked() {
    let world = World::new().await;
    let id = world.start_direct().await;
    assert_applied(&world.app.act(&world.bruno, json!({ "type": "block_person", "person_id": world.awa.id })).await);
    let bruno = synced(&world.app, &world.bruno).await;
    assert_eq!(bruno.entities("block")[0]["name"], "Awa");

    let messages = world.app.count("messages").await;
    assert_rejected(&world.say(&world.awa, id, "Pourquoi tu ne réponds pas ?").await, "blocked");
    assert_rejected(
        &world
            .app
            .act(&world.awa, json!({ "type": "start_conversation", "id": Uuid::now_v7(), "person_ids": [world.bruno.id, world.chloe.id] }))
            .await,
        "blocked",
    );
    assert_eq!(world.app.count("messages").await, messages, "nothing was written");
    // Bruno may still write (Awa did not block him), and blocking twice is the same.
    assert_applied(&world.app.act(&world.bruno, json!({ "type": "block_person", "person_id": world.awa.id })).await);
    assert_rejected(
        &world.app.act(&world.bruno, json!({ "type": "block_person", "person_id": world.bruno.id })).await,
        "cannot_block_yourself",
    );

    assert_applied(&world.app.act(&world.bruno, json!({ "type": "unblock_person", "person_id": world.awa.id })).await);
    assert_applied(&world.say(&world.awa, id, "Merci !").await);
    let bruno = synced(&world.app, &world.bruno).await;
    assert!(bruno.entities("block").is_empty());
    assert_eq!(bruno.entities("message").len(), 1);
}

#[tokio::test]
async fn a_conversation_needs_someone_one_may_see_at_most_fifty_people_and_a_message_with_words() {
    let world = World::new().await;
    let none: Vec<Uuid> = Vec::new();
    assert_rejected(
        &world
            .app
            .act(&world.awa, json!({ "type": "start_conversation", "id": Uuid::now_v7(), "person_ids": none }))
            .await,
        "invalid_field",
    );
    let crowd: Vec<Uuid> = (0..50).map(|_| Uuid::now_v7()).collect();
    assert_rejected(
        &world
            .app
            .act(&world.awa, json!({ "type": "start_conversation", "id": Uuid::now_v7(), "person_ids": crowd }))
            .await,
        "too_many_people",
    );
    let with_driss = direct_conversation_id(world.awa.id, world.driss.id);
    assert_rejected(
        &world
            .app
            .act(&world.awa, json!({ "type": "start_conversation", "id": with_driss, "person_ids": [world.driss.id] }))
            .await,
        "person_not_found",
    );
    let id = world.start_direct().await;
    assert_rejected(&world.say(&world.awa, id, "   ").await, "invalid_field");
    assert_rejected(&world.say(&world.awa, id, &"a".repeat(5001)).await, "invalid_field");
    // Starting the pair's conversation again is no error: it is the same one.
    assert_applied(
        &world
            .app
            .act(&world.bruno, json!({ "type": "start_conversation", "id": id, "person_ids": [world.awa.id] }))
            .await,
    );
    assert_eq!(world.app.count("conversations").await, 1);
}

#[tokio::test]
async fn blocking_someone_one_may_not_see_answers_not_found_and_learns_no_name() {
    let app = spawn_app().await;
    let mallory = app.member(app.new_association("Ailleurs").await, "Mallory").await;
    let hidden = app.member(app.new_association("Amicale").await, "Hélène Cachée").await;

    let outcome = app.act(&mallory, json!({ "type": "block_person", "person_id": hidden.id })).await;

    assert_rejected(&outcome, "person_not_found");
    let mut device = app.device(&mallory);
    device.sync().await;
    assert!(device.entities("block").is_empty());
    assert!(!serde_json::to_string(&device.store).unwrap_or_default().contains("Hélène"));
    // Someone who wrote to Mallory can be blocked, under the name she read in the conversation.
    let writer = app.member(app.new_association("Troisième").await, "Walid Writer").await;
    assert_applied(
        &app.act(&mallory, json!({ "type": "update_profile", "update": { "directory_visibility": "federation" } }))
            .await,
    );
    let conversation = direct_conversation_id(writer.id, mallory.id);
    assert_applied(
        &app.act(&writer, json!({ "type": "start_conversation", "id": conversation, "person_ids": [mallory.id] }))
            .await,
    );
    assert_applied(
        &app.act(&writer, json!({ "type": "update_profile", "update": { "directory_visibility": "association" } }))
            .await,
    );
    assert_applied(&app.act(&mallory, json!({ "type": "block_person", "person_id": writer.id })).await);
}
