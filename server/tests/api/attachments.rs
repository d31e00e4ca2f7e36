//! Attachments: the type read from the content, the size bounded, photos stripped of their
//! location and turned upright with a thumbnail, one file per content however often an
//! interrupted upload is retried, and a file served only to people who may see its item
//! (matrix, ids swapped).

use std::io::Cursor;

use fabrique_wire::attachments::SIZE_MAX;
use fabrique_wire::conversations::direct_conversation_id;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

use crate::helpers::*;

/// A 40 × 20 JPEG whose EXIF says "turn 90° to show" and carries a GPS position.
fn photo_with_location() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(40, 20, |x, _| image::Rgb([(x * 6) as u8, 120, 200]));
    let mut jpeg = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(picture).write_to(&mut jpeg, image::ImageFormat::Jpeg).unwrap();
    let jpeg = jpeg.into_inner();
    // TIFF (big endian): IFD0 with Orientation = 6 and a GPS IFD pointer; the GPS IFD with
    // a latitude reference, and the latitude itself as text anyone could spot.
    let mut tiff: Vec<u8> = vec![0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8];
    tiff.extend([0, 2]);
    tiff.extend([0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
    tiff.extend([0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 38]);
    tiff.extend([0, 0, 0, 0]);
    tiff.extend([0, 2]);
    tiff.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend([0, 0x1B, 0, 2, 0, 0, 0, 8, 0, 0, 0, 64]);
    tiff.extend([0, 0, 0, 0]);
    tiff.extend(b"48.8566N");
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend(&tiff);
    let length = (segment.len() + 2) as u16;
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(length.to_be_bytes());
    out.extend(segment);
    out.extend(&jpeg[2..]);
    out
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

async fn upload(app: &TestApp, who: &Person, id: Uuid, name: &str, bytes: Vec<u8>) -> (u16, Value) {
    let response = app
        .client
        .put(app.url(&format!("/v1/attachments/{id}?name={name}")))
        .bearer_auth(&who.token)
        .header("content-type", "image/jpeg")
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn fetch(app: &TestApp, who: &Person, path: &str) -> (u16, Vec<u8>, String) {
    let response = app.get(path, Some(&who.token)).await;
    let status = response.status().as_u16();
    let content_type =
        response.headers().get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, response.bytes().await.unwrap().to_vec(), content_type)
}

/// Files stored, and temporary files left behind.
fn stored_files(app: &TestApp) -> (usize, usize) {
    let (mut kept, mut partial) = (0, 0);
    let Ok(dirs) = std::fs::read_dir(&app.files_dir) else { return (0, 0) };
    for dir in dirs {
        for file in std::fs::read_dir(dir.unwrap().path()).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".part") { partial += 1 } else { kept += 1 }
        }
    }
    (kept, partial)
}

struct World {
    app: TestApp,
    group: Uuid,
    awa: Person,
    member: Person,
    outsider: Person,
    other_association: Person,
}

/// A private group run by Awa with one other member; Oscar of the same association and
/// Béa of another are outside it.
async fn world() -> World {
    let app = spawn_app().await;
    let a = app.new_association("Amicale laïque").await;
    let b = app.new_association("Secours populaire").await;
    let awa = app.manager(a, "Awa").await;
    let member = app.member(a, "Bruno").await;
    let outsider = app.member(a, "Oscar").await;
    let other_association = app.member(b, "Béa").await;
    let group = app.group(&awa, "Bureau", "private").await;
    app.add_to_group(&awa, group, &member).await;
    World { app, group, awa, member, outsider, other_association }
}

#[tokio::test]
async fn a_photo_loses_its_location_is_turned_upright_and_gets_a_thumbnail() {
    let world = world().await;
    let original = photo_with_location();
    assert!(original.windows(4).any(|w| w == b"Exif"));
    let id = Uuid::now_v7();
    let (status, body) = upload(&world.app, &world.awa, id, "IMG_0042.jpg", original).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["kind"], "image");
    assert_eq!(body["content_type"], "image/jpeg");
    assert_eq!((body["width"].as_i64(), body["height"].as_i64()), (Some(20), Some(40)), "turned as its EXIF said");

    let (status, stored, content_type) = fetch(&world.app, &world.awa, &format!("/v1/attachments/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "image/jpeg");
    assert!(!stored.windows(4).any(|w| w == b"Exif"), "no EXIF left");
    assert!(!stored.windows(8).any(|w| w == b"48.8566N"), "no position left");
    let kept = image::load_from_memory(&stored).unwrap();
    assert_eq!((kept.width(), kept.height()), (20, 40));
    let (status, thumbnail, content_type) =
        fetch(&world.app, &world.awa, &format!("/v1/attachments/{id}/thumbnail")).await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "image/jpeg");
    assert!(image::load_from_memory(&thumbnail).is_ok());
}

#[tokio::test]
async fn the_type_is_read_from_the_content_and_a_refused_file_stores_nothing() {
    let world = world().await;
    let (status, body) = upload(&world.app, &world.awa, Uuid::now_v7(), "photo.jpg", b"juste du texte".to_vec()).await;
    assert_eq!(status, 415, "{body}");
    assert_eq!(body["error"]["code"], "unsupported_type");
    let program = [b"MZ".as_slice(), &[0x90; 200]].concat();
    let (status, _) = upload(&world.app, &world.awa, Uuid::now_v7(), "rapport.pdf", program).await;
    assert_eq!(status, 415);
    let (status, body) = upload(&world.app, &world.awa, Uuid::now_v7(), "gros.pdf", vec![b'%'; SIZE_MAX + 1]).await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["error"]["code"], "file_too_large");
    let (status, _) = upload(&world.app, &world.awa, Uuid::now_v7(), "vide.pdf", Vec::new()).await;
    assert_eq!(status, 422);
    assert_eq!(world.app.count("attachments").await, 0);
    assert_eq!(stored_files(&world.app), (0, 0));

    // A PDF named like a photo is a document.
    let (status, body) = upload(&world.app, &world.awa, Uuid::now_v7(), "scan.jpg", pdf()).await;
    assert_eq!(status, 201);
    assert_eq!(body["kind"], "document");
    assert_eq!(body["content_type"], "application/pdf");
}

#[tokio::test]
async fn an_upload_cut_off_then_retried_twice_stores_one_file() {
    let world = world().await;
    let id = Uuid::now_v7();
    let body = pdf();
    // The connection drops after a part of the bytes.
    let mut stream = tokio::net::TcpStream::connect(world.app.address).await.unwrap();
    let head = format!(
        "PUT /v1/attachments/{id}?name=ag.pdf HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {}\r\nContent-Length: {}\r\n\r\n",
        world.awa.token,
        body.len() + 1000
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body).await.unwrap();
    stream.shutdown().await.unwrap();
    drop(stream);

    let (first, _) = upload(&world.app, &world.awa, id, "ag.pdf", body.clone()).await;
    let (second, again) = upload(&world.app, &world.awa, id, "ag.pdf", body.clone()).await;
    assert_eq!((first, second), (201, 200), "the retry is answered as the same upload");
    assert_eq!(again["id"], id.to_string());
    assert_eq!(world.app.count("attachments").await, 1);
    assert_eq!(stored_files(&world.app), (1, 0), "one file, nothing half-written");

    // Another file under a taken id is refused; the same content under a new id shares the file.
    let (status, _) = upload(&world.app, &world.awa, id, "autre.pdf", [pdf(), b"%autre".to_vec()].concat()).await;
    assert_eq!(status, 409);
    let (status, _) = upload(&world.app, &world.member, id, "ag.pdf", body.clone()).await;
    assert_eq!(status, 409, "someone else's id");
    let (status, _) = upload(&world.app, &world.awa, Uuid::now_v7(), "copie.pdf", body).await;
    assert_eq!(status, 201);
    assert_eq!(stored_files(&world.app), (1, 0));
}

#[tokio::test]
async fn a_file_on_a_post_is_served_to_those_who_may_read_the_post_only() {
    let world = world().await;
    let app = &world.app;
    let file = Uuid::now_v7();
    assert_eq!(upload(app, &world.awa, file, "budget.pdf", pdf()).await.0, 201);
    let path = format!("/v1/attachments/{file}");
    assert_eq!(fetch(app, &world.member, &path).await.0, 404, "not published yet: its uploader's only");

    // Someone else cannot put Awa's upload on their own post (ids swapped).
    let posts = app.count("posts").await;
    let stolen = app
        .act(
            &world.member,
            json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": world.group, "kind": "news", "body": "Regardez", "attachments": [file] }),
        )
        .await;
    assert_rejected(&stolen, "attachment_not_found");
    let never = app
        .act(
            &world.awa,
            json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": world.group, "kind": "news", "body": "x", "attachments": [Uuid::now_v7()] }),
        )
        .await;
    assert_rejected(&never, "attachment_not_found");
    assert_eq!(app.count("posts").await, posts, "a refused post is not written");

    let post = Uuid::now_v7();
    assert_applied(
        &app.act(
            &world.awa,
            json!({ "type": "create_post", "id": post, "group_id": world.group, "kind": "news", "body": "Le budget 2027", "attachments": [file] }),
        )
        .await,
    );
    let mut device = app.device(&world.member);
    device.sync().await;
    let held = device.entities("attachment");
    assert_eq!(held.len(), 1);
    assert_eq!(held[0]["item_id"], post.to_string());
    assert_eq!(held[0]["name"], "budget.pdf");
    let (status, bytes, _) = fetch(app, &world.member, &path).await;
    assert_eq!((status, bytes), (200, pdf()));
    for (who, person) in [("outsider", &world.outsider), ("other association", &world.other_association)] {
        assert_eq!(fetch(app, person, &path).await.0, 404, "{who}");
        let mut device = app.device(person);
        device.sync().await;
        assert!(device.entities("attachment").is_empty(), "{who}");
    }
    assert_eq!(app.get(&path, None).await.status(), 401, "signed out");
    // Once on an item, it cannot be put on another.
    let again = app
        .act(
            &world.awa,
            json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": world.group, "kind": "news", "body": "Encore", "attachments": [file] }),
        )
        .await;
    assert_rejected(&again, "attachment_not_found");

    // Deleted with its post.
    assert_applied(&app.act(&world.awa, json!({ "type": "delete_post", "id": post })).await);
    assert_eq!(fetch(app, &world.member, &path).await.0, 404);
    device.sync().await;
    assert!(device.entities("attachment").is_empty());
}

#[tokio::test]
async fn a_photo_in_a_conversation_is_seen_by_its_participants_only() {
    let world = world().await;
    let app = &world.app;
    let conversation = direct_conversation_id(world.awa.id, world.member.id);
    assert_applied(
        &app.act(
            &world.awa,
            json!({ "type": "start_conversation", "id": conversation, "person_ids": [world.member.id] }),
        )
        .await,
    );
    let photo = Uuid::now_v7();
    assert_eq!(upload(app, &world.awa, photo, "salle.jpg", photo_with_location()).await.0, 201);
    // A photo alone is a message.
    assert_applied(
        &app.act(
            &world.awa,
            json!({ "type": "send_message", "id": Uuid::now_v7(), "conversation_id": conversation, "body": "", "attachments": [photo] }),
        )
        .await,
    );
    for path in [format!("/v1/attachments/{photo}"), format!("/v1/attachments/{photo}/thumbnail")] {
        assert_eq!(fetch(app, &world.member, &path).await.0, 200);
        for person in [&world.outsider, &world.other_association, &app.admin] {
            assert_eq!(fetch(app, person, &path).await.0, 404);
        }
    }
    let mut device = app.device(&world.member);
    device.sync().await;
    assert_eq!(device.entities_in(&format!("conversation:{conversation}"), "attachment").len(), 1);
    // Leaving the conversation ends access to its files.
    assert_applied(
        &app.act(&world.member, json!({ "type": "leave_conversation", "conversation_id": conversation })).await,
    );
    assert_eq!(fetch(app, &world.member, &format!("/v1/attachments/{photo}")).await.0, 404);
}

#[tokio::test]
async fn uploads_never_published_are_forgotten_with_their_files_but_a_shared_content_stays() {
    let world = world().await;
    let app = &world.app;
    let (kept, dropped, twin) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    assert_eq!(upload(app, &world.awa, kept, "ag.pdf", pdf()).await.0, 201);
    assert_eq!(upload(app, &world.awa, dropped, "photo.jpg", photo_with_location()).await.0, 201);
    assert_eq!(upload(app, &world.member, twin, "ag.pdf", pdf()).await.0, 201);
    let post = Uuid::now_v7();
    assert_applied(
        &app.act(
            &world.awa,
            json!({ "type": "create_post", "id": post, "group_id": world.group, "kind": "news", "body": "AG", "attachments": [kept] }),
        )
        .await,
    );
    assert_eq!(stored_files(app), (3, 0), "a PDF, a photo and its thumbnail");
    let later = chrono::Utc::now() + chrono::Duration::hours(25);
    let forgotten = fabrique_server::attachments::forget_unpublished(&app.db, &app.files_dir, later).await.unwrap();
    assert_eq!(forgotten, 2, "the photo and Bruno's copy of the PDF");
    assert_eq!(stored_files(app), (1, 0), "the published PDF's file stays");
    assert_eq!(fetch(app, &world.member, &format!("/v1/attachments/{kept}")).await.0, 200);
    assert_eq!(fetch(app, &world.awa, &format!("/v1/attachments/{dropped}")).await.0, 404);
}

#[tokio::test]
async fn a_document_on_a_question_is_read_in_its_groups_and_goes_with_the_question() {
    let world = world().await;
    let app = &world.app;
    let file = Uuid::now_v7();
    assert_eq!(upload(app, &world.member, file, "devis.pdf", pdf()).await.0, 201);
    let question = Uuid::now_v7();
    assert_applied(
        &app.act(
            &world.member,
            json!({ "type": "ask_question", "id": question, "group_ids": [world.group], "title": "Ce devis est-il correct ?", "attachments": [file] }),
        )
        .await,
    );
    let path = format!("/v1/attachments/{file}");
    assert_eq!(fetch(app, &world.awa, &path).await.0, 200, "a member of the question's group");
    assert_eq!(fetch(app, &world.outsider, &path).await.0, 404);
    let mut device = app.device(&world.awa);
    device.sync().await;
    assert_eq!(device.entities_in(&format!("group:{}", world.group), "attachment").len(), 1);
    assert_applied(&app.act(&world.member, json!({ "type": "delete_question", "id": question })).await);
    assert_eq!(fetch(app, &world.awa, &path).await.0, 404);
    device.sync().await;
    assert!(device.entities("attachment").is_empty());
}

/// A distinct small PDF each time (different bytes, different content).
fn another_pdf(n: usize) -> Vec<u8> {
    format!("%PDF-1.4\n% copy {n}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
        .into_bytes()
}

/// Files stored under the attachments directory (temporary ones included).
fn files_on_disk(dir: &std::path::Path) -> usize {
    let Ok(shards) = std::fs::read_dir(dir) else { return 0 };
    shards.flatten().map(|shard| std::fs::read_dir(shard.path()).map(|f| f.count()).unwrap_or(0)).sum()
}

#[tokio::test]
async fn uploads_refused_past_the_quota_leave_nothing_on_disk() {
    // Arrange: a person whose upload rate is not what is tested here.
    let per_hour = fabrique_server::limits::PerHour { uploads: 100_000, ..Default::default() };
    let app =
        spawn_app_with(true, fabrique_server::config::Settings { write_limits: Some(per_hour), ..local_push() }).await;
    let association = app.new_association("Amicale").await;
    let mallory = app.member(association, "Mallory").await;
    for n in 0..100 {
        assert_eq!(upload(&app, &mallory, Uuid::now_v7(), "f.pdf", another_pdf(n)).await.0, 201);
    }

    // Act: 30 more, each a new content.
    for n in 100..130 {
        let (status, body) = upload(&app, &mallory, Uuid::now_v7(), "f.pdf", another_pdf(n)).await;
        assert_eq!(status, 409);
        assert_eq!(body["error"]["code"], "too_many_uploads");
    }

    // Assert: the 100 files that have rows, and not one more.
    assert_eq!(app.count("attachments").await, 100);
    assert_eq!(files_on_disk(&app.files_dir), 100);
}

#[tokio::test]
async fn uploading_in_a_loop_is_stopped_before_the_body_is_read() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let mallory = app.member(association, "Mallory").await;
    let mut statuses = Vec::new();
    for n in 0..80 {
        statuses.push(upload(&app, &mallory, Uuid::now_v7(), "f.pdf", another_pdf(n)).await.0);
    }
    let stored = statuses.iter().filter(|&&s| s == 201).count();
    assert!((40..=60).contains(&stored), "a burst, then waits: {stored} stored");
    assert!(statuses[stored..].iter().all(|&s| s == 429), "{statuses:?}");
    assert_eq!(files_on_disk(&app.files_dir), stored);
}

#[tokio::test]
async fn files_that_no_row_points_to_are_swept_once_old_enough() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let awa = app.member(association, "Awa").await;
    assert_eq!(upload(&app, &awa, Uuid::now_v7(), "cr.pdf", pdf()).await.0, 201);
    // A file a crash left without its row, and a temporary file cut off mid-write.
    let orphan = app.files_dir.join("ab").join(format!("ab{}", "0".repeat(62)));
    std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    std::fs::write(&orphan, b"left behind").unwrap();
    let partial = app.files_dir.join("ab").join(format!(".{}.part", Uuid::new_v4()));
    std::fs::write(&partial, b"half").unwrap();
    assert_eq!(files_on_disk(&app.files_dir), 3);

    // Too young: they may be about to get their row.
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let removed =
        fabrique_server::attachments::sweep_files_without_rows(&app.db, &app.files_dir, None, hour_ago).await.unwrap();
    assert_eq!(removed, 0);

    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(1);
    let removed =
        fabrique_server::attachments::sweep_files_without_rows(&app.db, &app.files_dir, None, later).await.unwrap();

    assert_eq!(removed, 2);
    assert!(!orphan.exists() && !partial.exists());
    assert_eq!(files_on_disk(&app.files_dir), 1, "the uploaded file stays");
}

/// A PNG of `side` × `side` transparent pixels: a few hundred kilobytes that decode to
/// `side² × 4` bytes.
fn decompression_bomb(side: u32) -> Vec<u8> {
    use image::ImageEncoder;
    let pixels = vec![0u8; (side * side * 4) as usize];
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::NoFilter,
    )
    .write_image(&pixels, side, side, image::ExtendedColorType::Rgba8)
    .unwrap();
    out
}

fn peak_memory_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test]
async fn hostile_photos_sent_in_parallel_are_decoded_within_a_bounded_memory() {
    // Arrange: the real server binary, whose peak memory the kernel keeps.
    let served = spawn_binary(&[]).await;
    let app = &served.app;
    let association = app.new_association("Amicale").await;
    let mallory = app.member(association, "Mallory").await;
    let bomb = decompression_bomb(6_000);
    assert!(bomb.len() < 1_000_000, "small on the wire: {} bytes", bomb.len());
    let before = peak_memory_kib(served.pid());

    // Act: six at once (144 MB each once decoded), and one over the pixel bound.
    let uploads = (0..6).map(|_| upload(app, &mallory, Uuid::now_v7(), "bombe.png", bomb.clone()));
    let answers = futures::future::join_all(uploads).await;
    let (too_many, refusal) = upload(app, &mallory, Uuid::now_v7(), "bombe.png", decompression_bomb(7_200)).await;

    // Assert: each accepted; decoded one after another, the server's peak stayed bounded.
    assert!(answers.iter().all(|(status, _)| *status == 201), "{answers:?}");
    assert_eq!(too_many, 413);
    assert_eq!(refusal["error"]["code"], "image_too_large");
    let peak = peak_memory_kib(served.pid());
    eprintln!(
        "server peak memory: {} MiB before, {} MiB after six 36-megapixel photos at once",
        before / 1024,
        peak / 1024
    );
    assert!(peak < 600 * 1024, "peak {} MiB", peak / 1024);
}
