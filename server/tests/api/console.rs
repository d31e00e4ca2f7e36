//! The console over plain HTTP: sign-in and CSRF, what an association manager may see and
//! change (a matrix, ids of another association swapped in), and the moderation and charter
//! rules the console and the apps share. The browser stories are in `tests/tests/console.rs`.

use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{PASSWORD, Person, TestApp, assert_applied, assert_rejected, spawn_app};

/// A browser without a browser: keeps the console's cookies, reads each form's token.
struct Console<'a> {
    app: &'a TestApp,
    client: reqwest::Client,
    cookies: Vec<(String, String)>,
    csrf: String,
}

fn hidden_csrf(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).map(|i| i + marker.len()).expect("a page with a form token");
    html[start..].split('"').next().unwrap_or_default().to_owned()
}

impl<'a> Console<'a> {
    fn new(app: &'a TestApp) -> Self {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Console { app, client, cookies: Vec::new(), csrf: String::new() }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn keep_cookies(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all(SET_COOKIE) {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(k, _)| k != name);
            if !value.is_empty() && !text.contains("Max-Age=0") {
                self.cookies.push((name.to_owned(), value.to_owned()));
            }
        }
    }

    async fn get(&mut self, path: &str) -> (StatusCode, String) {
        let response = self
            .client
            .get(self.app.url(path))
            .header(COOKIE, self.cookie_header())
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        self.keep_cookies(&response);
        let status = response.status();
        let body = response.text().await.unwrap();
        if body.contains("name=\"csrf\" value=\"") {
            self.csrf = hidden_csrf(&body);
        }
        (status, body)
    }

    /// Posts a form with the page's token (or another, or none); the status and where it leads.
    async fn post_with(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        csrf: Option<&str>,
    ) -> (StatusCode, String, String) {
        self.post_as(path, fields, csrf, "en").await
    }

    /// A form sent from a browser whose languages are `languages` (`Accept-Language`).
    async fn post_in(&mut self, path: &str, fields: &[(&str, &str)], languages: &str) -> (StatusCode, String, String) {
        let csrf = self.csrf.clone();
        self.post_as(path, fields, Some(&csrf), languages).await
    }

    async fn post_as(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        csrf: Option<&str>,
        languages: &str,
    ) -> (StatusCode, String, String) {
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        if let Some(csrf) = csrf {
            form.push(("csrf", csrf));
        }
        let response = self
            .client
            .post(self.app.url(path))
            .header(COOKIE, self.cookie_header())
            .header("accept-language", languages)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(&form).unwrap())
            .send()
            .await
            .unwrap();
        self.keep_cookies(&response);
        let status = response.status();
        let location = response.headers().get(LOCATION).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
        (status, location, response.text().await.unwrap())
    }

    async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String, String) {
        let csrf = self.csrf.clone();
        self.post_with(path, fields, Some(&csrf)).await
    }

    async fn sign_in(app: &'a TestApp, email: &str) -> Console<'a> {
        let mut console = Console::new(app);
        let (status, _) = console.get("/admin/sign-in").await;
        assert_eq!(status, StatusCode::OK);
        let (status, location, _) = console.post("/admin/sign-in", &[("email", email), ("password", PASSWORD)]).await;
        assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/admin"), "{email} signs in to the console");
        console.get("/admin").await;
        console
    }
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    fabrique_server::on_db!(&app.db, c => sqlx::query_scalar::<_, String>("SELECT action FROM audit_log ORDER BY created_at").fetch_all(c).await).unwrap()
}

#[tokio::test]
async fn the_console_answers_with_a_strict_content_security_policy_and_asks_to_sign_in() {
    let app = spawn_app().await;
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url("/admin/people"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], "/admin/sign-in");
    let page = reqwest::get(app.url("/admin/sign-in")).await.unwrap();
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe"),
        "{csp}"
    );
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    let cookie = page.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/admin"),
        "{cookie}"
    );
}

#[tokio::test]
async fn a_member_who_is_neither_admin_nor_manager_cannot_sign_in_to_the_console() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let member = app.member(association, "Léa Petit").await;
    let mut console = Console::new(&app);
    console.get("/admin/sign-in").await;
    let (status, _, body) = console.post("/admin/sign-in", &[("email", &member.email), ("password", PASSWORD)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("no access to the console"), "{body}");
    assert_eq!(app.count("admin_sessions").await, 0);
}

#[tokio::test]
async fn a_form_posted_without_its_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let invitations = app.count("invitations").await;
    let organisation = association.to_string();
    let fields = [("email", "nouvelle@example.org"), ("organisation_id", organisation.as_str()), ("role", "member")];
    for csrf in [None, Some(""), Some("forged-token")] {
        let (status, _, body) = console.post_with("/admin/people/invite", &fields, csrf).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "token {csrf:?}");
        assert!(body.contains("Nothing was changed"), "{body}");
    }
    // Nor may the sign-in form be posted from elsewhere (no one-time cookie echoed).
    let stranger = reqwest::Client::new();
    let response = stranger
        .post(app.url("/admin/sign-in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(
            serde_urlencoded::to_string([("email", app.admin.email.as_str()), ("password", PASSWORD), ("csrf", "x")])
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("invitations").await, invitations);
    // With the token, the same form works.
    let (status, _, body) = console.post("/admin/people/invite", &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(app.count("invitations").await, invitations + 1);
}

#[tokio::test]
async fn signing_out_and_revoking_a_session_end_it_at_once() {
    let app = spawn_app().await;
    let mut first = Console::sign_in(&app, &app.admin.email).await;
    let mut second = Console::sign_in(&app, &app.admin.email).await;
    let (_, sessions) = first.get("/admin/sessions").await;
    assert_eq!(sessions.matches("class=\"session\"").count(), 2);
    let second_id: Uuid = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT id FROM admin_sessions ORDER BY created_at DESC LIMIT 1").fetch_one(c).await).unwrap();
    let id = second_id.to_string();
    let (status, _, _) = first.post("/admin/sessions/revoke", &[("id", id.as_str())]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = second.get("/admin").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the revoked session is signed out");
    let (status, location, _) = first.post("/admin/sign-out", &[]).await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/admin/sign-in"));
    let (status, _) = first.get("/admin").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let actions = audit_actions(&app).await;
    assert!(
        actions.contains(&"console.session_revoke".to_owned()) && actions.contains(&"console.sign_out".to_owned()),
        "{actions:?}"
    );
}

/// Two associations, a manager of the first; everything of the second is out of their reach.
async fn two_associations(app: &TestApp) -> (Person, Person, Uuid, Uuid, Uuid) {
    let mine = app.new_association("Mon association").await;
    let theirs = app.new_association("Une autre association").await;
    let manager = app.manager(mine, "Marie Martin").await;
    let stranger = app.member(theirs, "Samir Haddad").await;
    let other_manager = app.manager(theirs, "Odile Roux").await;
    let their_group = app.group(&other_manager, "Leur groupe", "public").await;
    (manager, stranger, mine, theirs, their_group)
}

#[tokio::test]
async fn an_association_manager_neither_sees_nor_changes_another_association() {
    let app = spawn_app().await;
    let (manager, stranger, mine, theirs, their_group) = two_associations(&app).await;
    let mut console = Console::sign_in(&app, &manager.email).await;

    // Seeing: lists are filtered, pages of another association are "not found".
    let (_, people) = console.get("/admin/people?status=all").await;
    assert!(
        people.contains("Marie Martin") && !people.contains("Samir Haddad") && !people.contains("Odile Roux"),
        "{people}"
    );
    let reads = [
        format!("/admin/people/{}", stranger.id),
        format!("/admin/people?organisation={theirs}"),
        format!("/admin/groups/{their_group}"),
        format!("/admin/groups?organisation={theirs}"),
    ];
    for path in &reads {
        let (status, body) = console.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        assert!(!body.contains("Samir") && !body.contains("Leur groupe"), "{path} leaks: {body}");
    }
    let (_, groups) = console.get("/admin/groups").await;
    assert!(!groups.contains("Leur groupe"));
    let (_, organisations) = console.get("/admin/organisations").await;
    assert!(organisations.contains("Mon association") && !organisations.contains("Une autre association"));
    let (status, _) = console.get("/admin/push").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "push health is the whole server's");

    // Changing: every form with an id of the other association is refused, nothing changes.
    console.get("/admin").await;
    let audit_before = app.count("audit_log").await;
    let theirs_text = theirs.to_string();
    let stranger_text = stranger.id.to_string();
    let writes: Vec<(String, Vec<(&str, &str)>)> = vec![
        (format!("/admin/people/{}/deactivate", stranger.id), vec![]),
        (format!("/admin/people/{}/erase", stranger.id), vec![]),
        (format!("/admin/people/{}/erasure-cancel", stranger.id), vec![]),
        (format!("/admin/people/{}/exports", stranger.id), vec![]),
        (format!("/admin/people/{}/role", stranger.id), vec![("change", "manager")]),
        ("/admin/people/invite".into(), vec![("email", "x@example.org"), ("organisation_id", &theirs_text)]),
        (format!("/admin/organisations/{theirs}/rename"), vec![("name", "Renamed")]),
        (format!("/admin/organisations/{theirs}/archive"), vec![]),
        ("/admin/organisations".into(), vec![("parent_id", &theirs_text), ("kind", "association"), ("name", "X")]),
        ("/admin/groups".into(), vec![("name", "Intrus"), ("organisation_id", &theirs_text), ("visibility", "public")]),
        (format!("/admin/groups/{their_group}/visibility"), vec![("visibility", "private")]),
        (format!("/admin/groups/{their_group}/members"), vec![("person_id", &stranger_text), ("change", "remove")]),
        (format!("/admin/groups/{their_group}/members/add"), vec![("emails", &stranger.email)]),
        (format!("/admin/groups/{their_group}/on-arrival"), vec![("on_arrival", "join")]),
        ("/admin/charter".into(), vec![("text", "Ma charte")]),
    ];
    for (path, fields) in &writes {
        let (status, _, body) = console.post(path, fields).await;
        assert!(matches!(status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN), "{path} answered {status}: {body}");
    }
    assert_eq!(app.count("audit_log").await, audit_before, "nothing was done");
    assert_eq!(app.count("charter_versions").await, 0);
    let name: String = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1").bind(theirs).fetch_one(c).await).unwrap();
    assert_eq!(name, "Une autre association");

    // And within their own association, the same forms work.
    let (status, _, _) =
        console.post(&format!("/admin/organisations/{mine}/rename"), &[("name", "Notre association")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_report_from_the_app_becomes_a_case_decided_in_the_console_and_both_sides_are_told() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let author = app.member(association, "Bruno Lefèvre").await;
    let reporter = app.member(association, "Claire Dubois").await;
    let outsider = app.member(app.new_association("Ailleurs").await, "Omar").await;
    let group = app.group(&app.admin, "Entraide", "private").await;
    app.add_to_group(&app.admin, group, &author).await;
    app.add_to_group(&app.admin, group, &reporter).await;
    let post = app.post_in(&author, group, "Achetez mes montres pas chères").await;

    // Someone who cannot read the group cannot report into it (nor learn that it exists).
    let outcome = app
        .act(
            &outsider,
            json!({ "type": "report", "id": Uuid::now_v7(), "target": "post", "target_id": post, "reason": "spam" }),
        )
        .await;
    assert_rejected(&outcome, "report_target_not_found");
    let outcome = app
        .act(
            &author,
            json!({ "type": "report", "id": Uuid::now_v7(), "target": "post", "target_id": post, "reason": "spam" }),
        )
        .await;
    assert_rejected(&outcome, "cannot_report_yourself");
    let report = json!({ "type": "report", "id": Uuid::now_v7(), "target": "post", "target_id": post, "reason": "spam", "details": "Publicité" });
    assert_applied(&app.act(&reporter, report).await);
    assert_eq!(app.count("moderation_cases").await, 1);

    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let (_, queue) = console.get("/admin/moderation").await;
    assert!(queue.contains("Achetez mes montres"), "{queue}");
    let case: Uuid =
        fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT id FROM moderation_cases").fetch_one(c).await)
            .unwrap();
    // Deciding before taking is refused: nobody decides a case twice.
    console.get(&format!("/admin/moderation/cases/{case}")).await;
    let (status, _, _) = console
        .post(&format!("/admin/moderation/cases/{case}/decide"), &[("decision", "hide"), ("reason", "Publicité")])
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _, _) = console.post(&format!("/admin/moderation/cases/{case}/take"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, body) =
        console.post(&format!("/admin/moderation/cases/{case}/decide"), &[("decision", "hide"), ("reason", "")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a decision needs its reason: {body}");
    let (status, _, _) = console
        .post(
            &format!("/admin/moderation/cases/{case}/decide"),
            &[("decision", "hide"), ("reason", "Publicité, contraire à la charte")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // The post is gone for the group; the author and the reporter are told.
    let response = app.get(&format!("/v1/posts/{post}"), Some(&reporter.token)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let told: Vec<Uuid> = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT person_id FROM notifications WHERE kind = 'moderation' ORDER BY person_id").fetch_all(c).await).unwrap();
    let mut expected = vec![author.id, reporter.id];
    expected.sort();
    assert_eq!(told, expected);
    let (_, page) = console.get(&format!("/admin/moderation/cases/{case}")).await;
    assert!(
        page.contains("reported") && page.contains("taken") && page.contains("decided"),
        "the case keeps its history"
    );
    assert!(page.contains("<strong>hidden</strong>"), "the decision in words: {page}");
    let history = &page[page.find("id=\"history\"").expect("the history")..];
    assert!(!history.contains('{') && !history.contains("moderation."), "no code nor JSON in the history: {history}");
    let (_, report_page) = console.get("/admin/moderation/report").await;
    assert!(report_page.contains("1 case(s) opened in the period, 1 decided"), "{report_page}");
    let actions = audit_actions(&app).await;
    assert!(actions.contains(&"moderation.take".to_owned()) && actions.contains(&"moderation.decide".to_owned()));
}

#[tokio::test]
async fn a_suspended_person_reads_but_cannot_write_until_the_suspension_ends() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let author = app.member(association, "Bruno Lefèvre").await;
    let reporter = app.member(association, "Claire Dubois").await;
    let group = app.group(&app.admin, "Entraide", "public").await;
    app.add_to_group(&app.admin, group, &author).await;
    app.add_to_group(&app.admin, group, &reporter).await;
    let post = app.post_in(&author, group, "Message blessant").await;
    assert_applied(&app.act(&reporter, json!({ "type": "report", "id": Uuid::now_v7(), "target": "post", "target_id": post, "reason": "harassment" })).await);
    let case: Uuid =
        fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT id FROM moderation_cases").fetch_one(c).await)
            .unwrap();
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    console.get(&format!("/admin/moderation/cases/{case}")).await;
    console.post(&format!("/admin/moderation/cases/{case}/take"), &[]).await;
    let (status, _, _) = console
        .post(
            &format!("/admin/moderation/cases/{case}/decide"),
            &[("decision", "suspend"), ("reason", "Propos blessants"), ("suspend_days", "3")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let outcome = app
        .act(
            &author,
            json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": group, "kind": "news", "body": "Encore" }),
        )
        .await;
    assert_rejected(&outcome, "suspended");
    assert_eq!(
        app.get(&format!("/v1/groups/{group}"), Some(&author.token)).await.status(),
        StatusCode::OK,
        "reading still works"
    );
    // The suspension ends: writing works again.
    let mut tx = app.db.begin_write().await.unwrap();
    fabrique_server::on_tx!(&mut tx, c => sqlx::query("UPDATE people SET suspended_until = $1 WHERE id = $2").bind(chrono::Utc::now() - chrono::Duration::minutes(1)).bind(author.id).execute(c).await.map(|r| r.rows_affected())).unwrap();
    tx.commit().await.unwrap();
    app.post_in(&author, group, "Je m'excuse").await;
}

#[tokio::test]
async fn once_a_charter_is_published_a_person_accepts_it_before_posting_and_the_console_shows_who_did() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let member = app.member(association, "Claire Dubois").await;
    let group = app.group(&app.admin, "Entraide", "public").await;
    app.add_to_group(&app.admin, group, &member).await;
    assert_eq!(app.get("/v1/charter", Some(&member.token)).await.status(), StatusCode::NOT_FOUND);
    app.post_in(&member, group, "Sans charte, on publie librement").await;

    let mut console = Console::sign_in(&app, &app.admin.email).await;
    console.get("/admin/charter").await;
    let (status, _, _) = console.post("/admin/charter", &[("text", "1. On se respecte.\n2. Pas de publicité.")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    let charter: serde_json::Value = app.get("/v1/charter", Some(&member.token)).await.json().await.unwrap();
    assert_eq!((charter["version"].as_i64(), charter["accepted"].as_bool()), (Some(1), Some(false)));
    let post =
        json!({ "type": "create_post", "id": Uuid::now_v7(), "group_id": group, "kind": "news", "body": "Bonjour" });
    assert_rejected(&app.act(&member, post).await, "charter_not_accepted");
    assert_rejected(&app.act(&member, json!({ "type": "accept_charter", "version": 2 })).await, "charter_outdated");
    assert_applied(&app.act(&member, json!({ "type": "accept_charter", "version": 1 })).await);
    app.post_in(&member, group, "Charte acceptée").await;
    let charter: serde_json::Value = app.get("/v1/charter", Some(&member.token)).await.json().await.unwrap();
    assert_eq!(charter["accepted"], true);

    // Whether a person may publish is read for each mutation of a push, after the ones before
    // it: a post refused, the charter accepted, then a post applied.
    let newcomer = app.member(association, "Bruno Lefèvre").await;
    app.add_to_group(&app.admin, group, &newcomer).await;
    let post =
        |id: Uuid| json!({ "type": "create_post", "id": id, "group_id": group, "kind": "news", "body": "Enfin" });
    let (refused, applied) = (Uuid::now_v7(), Uuid::now_v7());
    let device = app.device(&newcomer);
    let response = device
        .push_raw(&json!({ "client_id": device.client_id, "mutations": [
            { "id": 1, "mutation": post(refused) },
            { "id": 2, "mutation": { "type": "accept_charter", "version": 1 } },
            { "id": 3, "mutation": post(applied) },
        ] }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let answer: serde_json::Value = response.json().await.unwrap();
    assert_rejected(&answer["results"][0]["outcome"], "charter_not_accepted");
    assert_applied(&answer["results"][1]["outcome"]);
    assert_applied(&answer["results"][2]["outcome"]);
    let kept = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar::<_, Uuid>("SELECT id FROM posts WHERE author_id = $1")
        .bind(newcomer.id).fetch_all(c).await).unwrap();
    assert_eq!(kept, vec![applied]);

    let (_, page) = console.get("/admin/charter/1").await;
    assert!(page.contains("Claire Dubois"), "{page}");
    assert!(audit_actions(&app).await.contains(&"charter.publish".to_owned()));
}

#[tokio::test]
async fn the_activity_overview_counts_each_association_over_thirty_days_from_its_counters() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let asker = app.member(association, "Claire Dubois").await;
    let helper = app.member(association, "Bruno Lefèvre").await;
    let group = app.group(&app.admin, "Entraide", "public").await;
    app.add_to_group(&app.admin, group, &asker).await;
    app.add_to_group(&app.admin, group, &helper).await;
    app.post_in(&asker, group, "Bonjour à tous").await;
    let answered = Uuid::now_v7();
    assert_applied(&app.act(&asker, json!({ "type": "ask_question", "id": answered, "group_ids": [group], "title": "Comment remplir le CERFA ?" })).await);
    assert_applied(
        &app.act(
            &asker,
            json!({ "type": "ask_question", "id": Uuid::now_v7(), "group_ids": [group], "title": "Qui a une salle ?" }),
        )
        .await,
    );
    assert_applied(
        &app.act(
            &helper,
            json!({ "type": "answer_question", "id": Uuid::now_v7(), "question_id": answered, "body": "Page 2" }),
        )
        .await,
    );

    // The counters, as the page reads them.
    let mut tx = app.db.begin_read().await.unwrap();
    let lines =
        fabrique_server::activity::overview(&mut tx, &[(association, "Les Jardins".into())], chrono::Utc::now())
            .await
            .unwrap();
    tx.commit().await.unwrap();
    let line = &lines[0];
    let counted = [line.active_people, line.posts, line.questions_asked, line.answers, line.unanswered];
    assert_eq!(counted, [2, 1, 2, 1, 1], "active people, posts, questions asked, answers, unanswered");
    assert!(line.median_first_answer_seconds.is_some());
    assert_eq!(app.count("activity_days").await, 1, "one counter row per association and day");

    // On the page, a count from 1 to 4 is not given: in a small association it points at people.
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let (_, page) = console.get("/admin/activity").await;
    let cells = activity_cells(&page, "Les Jardins");
    assert_eq!(cells, ["fewer than 5"; 5], "{page}");
}

/// The counts of one organisation's row on the activity page (the median time left out).
fn activity_cells(page: &str, name: &str) -> Vec<String> {
    let row = page.split("class=\"association\"").find(|r| r.contains(name)).expect("the organisation's row");
    let cells: Vec<&str> = row.split("<td>").skip(2).map(|c| c.split("</td>").next().unwrap()).collect();
    // active people, posts, questions asked, answers, median time, unanswered
    [cells[0], cells[1], cells[2], cells[3], cells[5]].iter().map(|c| (*c).to_owned()).collect()
}

#[tokio::test]
async fn the_activity_page_gives_counts_from_five_and_shows_the_federations_own_staff() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let group = app.group(&app.admin, "Entraide", "public").await;
    for name in ["Claire Dubois", "Bruno Lefèvre", "Awa Diallo", "Karim Haddad", "Léa Martin", "Paul Moreau"] {
        let member = app.member(association, name).await;
        app.add_to_group(&app.admin, group, &member).await;
        app.post_in(&member, group, &format!("Bonjour, je suis {name}")).await;
    }

    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let (_, page) = console.get("/admin/activity").await;

    assert_eq!(activity_cells(&page, "Les Jardins"), ["6", "6", "0", "0", "0"], "{page}");
    let federation: String = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar(
        "SELECT name FROM organisations WHERE kind = 'federation'").fetch_one(c).await)
    .unwrap();
    let first_row = page.split("class=\"association\"").nth(1).expect("a first row");
    assert!(first_row.contains(&federation), "the federation's staff come first: {first_row}");
}

#[tokio::test]
async fn the_audit_log_lists_administrative_actions_and_finds_them_by_words() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    app.member(association, "Claire Dubois").await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let (status, page) = console.get("/admin/audit").await;
    assert_eq!(status, StatusCode::OK);
    // In words, with the names of what was acted on, not codes nor ids.
    for said in ["signed in to the console", "invited a person", "created an organisation", "Les Jardins"] {
        assert!(page.contains(said), "{said} in {page}");
    }
    assert!(page.contains("address : claire.dubois@") || page.contains("address : claire"), "details in words: {page}");
    assert!(!page.contains("invitation.create") && !page.contains("{\""), "no code, no JSON: {page}");
    let (_, found) = console.get("/admin/audit?q=invited").await;
    assert!(found.contains("invited a person") && !found.contains("signed in to the console"), "{found}");
}

#[tokio::test]
async fn deactivating_a_person_asks_first_and_the_question_changes_nothing() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let member = app.member(association, "Claire Dubois").await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let (status, page) = console.get(&format!("/admin/people/{}/deactivate", member.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Deactivate the account of Claire Dubois ?") && page.contains("id=\"cancel\""), "{page}");
    assert_eq!(app.get("/v1/me", Some(&member.token)).await.status(), StatusCode::OK, "asking changed nothing");
    let (status, _, _) = console.post(&format!("/admin/people/{}/deactivate", member.id), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.get("/v1/me", Some(&member.token)).await.status(), StatusCode::UNAUTHORIZED, "their sessions ended");
    let response = app.post("/v1/auth/sign-in", None, &json!({ "email": member.email, "password": PASSWORD })).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = console.get(&format!("/admin/organisations/{association}/archive")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(fabrique_server::on_db!(&app.db, c => sqlx::query_scalar::<_, Option<chrono::DateTime<chrono::Utc>>>("SELECT archived_at FROM organisations WHERE id = $1").bind(association).fetch_one(c).await).unwrap().is_none());
}

#[tokio::test]
async fn a_person_who_asks_by_letter_is_erased_from_the_console_after_a_question_and_it_can_be_cancelled() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let member = app.member(association, "Claire Dubois").await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let (_, page) = console.get(&format!("/admin/people/{}", member.id)).await;
    assert!(page.contains("id=\"erase\""), "{page}");
    let (status, page) = console.get(&format!("/admin/people/{}/erase", member.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Erase the account and the data of Claire Dubois ?") && page.contains("14 days"), "{page}");
    assert!(page.contains("stays, signed"), "the federation's choice is said: {page}");
    assert_eq!(app.get("/v1/me", Some(&member.token)).await.status(), StatusCode::OK, "asking changed nothing");

    let (status, _, _) = console.post(&format!("/admin/people/{}/erase", member.id), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.get("/v1/me", Some(&member.token)).await.status(), StatusCode::UNAUTHORIZED, "closed at once");
    let (_, page) = console.get(&format!("/admin/people/{}", member.id)).await;
    assert!(page.contains("will be erased for good on") && page.contains("id=\"cancel-erasure\""), "{page}");
    assert!(!page.contains("id=\"reactivate\""), "cancelling is the way back: {page}");
    // Asked for her by an administrator: signing in does not reopen it.
    let signing_in = json!({ "email": member.email, "password": PASSWORD });
    assert_eq!(app.post("/v1/auth/sign-in", None, &signing_in).await.status(), StatusCode::UNAUTHORIZED);

    let (status, _, _) = console.post(&format!("/admin/people/{}/erasure-cancel", member.id), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.post("/v1/auth/sign-in", None, &signing_in).await.status(), StatusCode::OK, "open again");
    let (_, audit) = console.get("/admin/audit").await;
    assert!(
        audit.contains("asked for an account to be erased") && audit.contains("cancelled the erasure of an account"),
        "{audit}"
    );

    // The federation chooses that writings go; the page says so, and the audit log too.
    let (status, _, _) = console.post("/admin/retention/writings", &[("writings", "removed")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = console.get("/admin/retention").await;
    assert!(page.contains("id=\"writings-removed\" checked"), "{page}");
    let (status, _, _) = console.post("/admin/retention/writings", &[("writings", "everything")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, page) = console.get(&format!("/admin/people/{}/erase", member.id)).await;
    assert!(page.contains("What they wrote in groups is erased too."), "{page}");
}

#[tokio::test]
async fn a_copy_of_a_persons_data_is_prepared_from_the_console_and_downloaded_there() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let member = app.member(association, "Claire Dubois").await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let (_, page) = console.get(&format!("/admin/people/{}", member.id)).await;
    assert!(page.contains("id=\"ask-export\"") && !page.contains("id=\"exports\""), "{page}");
    let (status, _, _) = console.post(&format!("/admin/people/{}/exports", member.id), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // Prepared in the background: the page shows it ready within a few seconds (polled).
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    let link = loop {
        let (_, page) = console.get(&format!("/admin/people/{}", member.id)).await;
        if let Some(start) = page.find("class=\"download\"") {
            let before = &page[..start];
            let href = before.rfind("href=\"").map(|i| &before[i + 6..]).unwrap();
            break href[..href.find('"').unwrap()].to_owned();
        }
        assert!(tokio::time::Instant::now() < deadline, "ready in time: {page}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    let response = console.client.get(app.url(&link)).header(COOKIE, console.cookie_header()).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/zip");
    assert!(response.bytes().await.unwrap().starts_with(b"PK"), "a ZIP file");
    // Not without the console's session; the audit log says who prepared it.
    assert_eq!(app.client.get(app.url(&link)).send().await.unwrap().status(), StatusCode::SEE_OTHER);
    let (_, audit) = console.get("/admin/audit").await;
    assert!(audit.contains("prepared a copy of a person&#39;s data"), "{audit}");
    // The person was not told by the server: the administrator passes it on.
    let notified: i64 = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE person_id = $1")
        .bind(member.id).fetch_one(c).await).unwrap();
    assert_eq!(notified, 0);
}

#[tokio::test]
async fn the_federation_chooses_its_clock_and_where_unanswered_questions_go_from_the_console() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let staff = app.group(&app.admin, "Salariés de la fédération", "private").await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let (status, page) = console.get("/admin/settings").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<option value=\"Europe/Paris\" selected>") && page.contains("Salariés de la fédération"),
        "{page}"
    );

    // Réunion's clock: the audit log tells its times by it, and says the change in words.
    let (status, _, _) = console.post("/admin/settings/time-zone", &[("time_zone", "Indian/Reunion")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = console.post("/admin/settings/time-zone", &[("time_zone", "Mars/Olympus")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "only the clocks offered");
    let at: chrono::DateTime<chrono::Utc> = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar(
        "SELECT created_at FROM audit_log WHERE action = 'retention.change' ORDER BY created_at DESC LIMIT 1").fetch_one(c).await).unwrap();
    let (_, audit) = console.get("/admin/audit").await;
    let reunion = fabrique_server::lang::Lang::En.when(&at, chrono_tz::Indian::Reunion);
    assert!(audit.contains(&reunion) && audit.contains("Réunion"), "{reunion} in {audit}");

    // The staff group receives questions left unanswered; the log names it.
    let (status, _, _) = console.post("/admin/settings/escalation", &[("group", &staff.to_string())]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let chosen =
        app.get("/v1/questions/escalation", Some(&app.admin.token)).await.json::<serde_json::Value>().await.unwrap();
    assert_eq!(chosen["federation_group_id"], staff.to_string());
    let (_, audit) = console.get("/admin/audit").await;
    assert!(audit.contains("passed on unanswered questions") || audit.contains("Salariés de la fédération"), "{audit}");
    let (status, _, _) = console.post("/admin/settings/escalation", &[("group", "")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let chosen =
        app.get("/v1/questions/escalation", Some(&app.admin.token)).await.json::<serde_json::Value>().await.unwrap();
    assert!(chosen["federation_group_id"].is_null());

    // A manager cannot change the federation's settings.
    let manager = app.manager(association, "Claire Dubois").await;
    let mut theirs = Console::sign_in(&app, &manager.email).await;
    assert_eq!(theirs.get("/admin/settings").await.0, StatusCode::FORBIDDEN);
    let (status, _, _) = theirs.post("/admin/settings/time-zone", &[("time_zone", "Europe/Paris")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// Whether the channel ends within five seconds (keep-alive comments aside).
async fn ends_soon(mut live: reqwest::Response) -> bool {
    tokio::time::timeout(std::time::Duration::from_secs(5), async { while let Ok(Some(_)) = live.chunk().await {} })
        .await
        .is_ok()
}

#[tokio::test]
async fn a_password_change_ends_every_other_session_the_console_and_the_live_channels_at_once() {
    // Arrange: the administrator on the console, on a second phone with its live channel
    // open, and on the phone where they change their password.
    let app = spawn_app().await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let other_phone = app.sign_in(&app.admin.email, PASSWORD).await;
    let live = app.live_channel(&other_phone.token).await;

    // Act
    let response = app
        .post(
            "/v1/auth/password",
            Some(&app.admin.token),
            &json!({ "current_password": PASSWORD, "new_password": "une phrase de passe bien à moi 2026" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    // Assert
    assert!(ends_soon(live).await, "the other phone's live channel closed");
    assert_eq!(app.get("/v1/me", Some(&other_phone.token)).await.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = console.get("/admin").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "the console session ended");
    assert_eq!(app.get("/v1/me", Some(&app.admin.token)).await.status(), StatusCode::OK, "this phone stays in");
}

#[tokio::test]
async fn signing_out_closes_the_live_channel_at_once() {
    let app = spawn_app().await;
    let live = app.live_channel(&app.admin.token).await;

    let response = app.post("/v1/auth/sign-out", Some(&app.admin.token), &json!({})).await;

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(ends_soon(live).await, "the live channel closed with the session");
}

#[tokio::test]
async fn deactivating_a_person_closes_their_live_channel_at_once() {
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let person = app.member(association, "Bruno").await;
    let live = app.live_channel(&person.token).await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    console.get(&format!("/admin/people/{}/deactivate", person.id)).await;

    let (status, _, _) = console.post(&format!("/admin/people/{}/deactivate", person.id), &[]).await;

    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(ends_soon(live).await, "the deactivated person's live channel closed");
    // The server had just checked their session (opening the channel): it ended all the same.
    assert_eq!(app.get("/v1/me", Some(&person.token)).await.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_person_named_federation_administrator_or_no_longer_one_is_so_at_their_next_request() {
    // Arrange: a member whose session the server has just checked; /health tells the version
    // to federation administrators only.
    let app = spawn_app().await;
    let association = app.new_association("Amicale").await;
    let person = app.member(association, "Bruno").await;
    let told_the_version = || async {
        let body: serde_json::Value = app.get("/health", Some(&person.token)).await.json().await.unwrap();
        body["version"].is_string()
    };
    assert!(!told_the_version().await);
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let role = format!("/admin/people/{}/role", person.id);

    // Act
    let (named, _, _) = console.post(&role, &[("change", "federation_admin")]).await;
    let now_admin = told_the_version().await;
    let (unnamed, _, _) = console.post(&role, &[("change", "not_federation_admin")]).await;
    let still_admin = told_the_version().await;

    // Assert
    assert_eq!((named, unnamed), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
    assert!(now_admin, "an administrator from their next request");
    assert!(!still_admin, "no longer one from their next request");
}

/// The code at the end of an invitation link shown on a page.
fn shown_link(page: &str) -> String {
    let start = page.find("<code id=\"link\">").map(|i| i + "<code id=\"link\">".len()).expect("a link on the page");
    page[start..].split('<').next().unwrap().to_owned()
}

async fn redeem_status(app: &TestApp, code: &str, name: &str) -> StatusCode {
    app.post("/v1/invitations/redeem", None, &json!({ "code": code, "display_name": name, "password": PASSWORD }))
        .await
        .status()
}

#[tokio::test]
async fn invitations_are_listed_sent_again_with_a_new_link_or_withdrawn_by_their_association_only() {
    let app = spawn_app().await;
    let (manager, _, mine, theirs, _) = two_associations(&app).await;
    let invite = |email: &'static str, organisation: Uuid, by: &Person| {
        let app = &app;
        let token = by.token.clone();
        async move {
            let answer = app
                .post("/v1/invitations", Some(&token), &json!({ "email": email, "organisation_id": organisation }))
                .await;
            assert_eq!(answer.status(), StatusCode::CREATED);
            let body: serde_json::Value = answer.json().await.unwrap();
            assert_eq!(body["mailed"], false, "this server sends no mail");
            (body["id"].as_str().unwrap().parse::<Uuid>().unwrap(), body["code"].as_str().unwrap().to_owned())
        }
    };
    let (late, late_code) = invite("tardif@mon-asso.test", mine, &manager).await;
    let (mistake, mistake_code) = invite("erreur@mon-asso.test", mine, &manager).await;
    let (_, accepted_code) = invite("accepte@mon-asso.test", mine, &manager).await;
    let (theirs_id, _) = invite("ailleurs@autre-asso.test", theirs, &app.admin).await;
    assert_eq!(redeem_status(&app, &accepted_code, "Alice Accepte").await, StatusCode::CREATED);

    let mut console = Console::sign_in(&app, &manager.email).await;
    let (status, page) = console.get("/admin/people/invitations").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("tardif@mon-asso.test") && page.contains("erreur@mon-asso.test"), "{page}");
    assert!(page.contains("Waiting until") && page.contains("Marie Martin"), "who invited, until when: {page}");
    assert!(!page.contains("accepte@mon-asso.test"), "waiting ones by default: {page}");
    assert!(!page.contains("ailleurs@autre-asso.test"), "another association's stay hidden");
    let (_, accepted) = console.get("/admin/people/invitations?state=accepted").await;
    assert!(accepted.contains("accepte@mon-asso.test") && accepted.contains("Accepted on"), "{accepted}");
    let (_, all) = console.get("/admin/people/invitations?state=all").await;
    assert!(!all.contains("ailleurs@autre-asso.test"));

    // Sent again: a new link to pass on; the old code no longer opens an account.
    let (status, _, page) = console.post(&format!("/admin/people/invitations/{late}/resend"), &[]).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let link = shown_link(&page);
    let new_code = link.rsplit('/').next().unwrap();
    assert!(link.starts_with(&format!("{}/join/", "http://localhost")), "{link}");
    assert_eq!(redeem_status(&app, &late_code, "Théo Tardif").await, StatusCode::NOT_FOUND);
    assert_eq!(redeem_status(&app, new_code, "Théo Tardif").await, StatusCode::CREATED);

    // Withdrawn: its code stops working, and it cannot be sent again.
    console.get("/admin/people/invitations").await;
    let (status, location, _) = console.post(&format!("/admin/people/invitations/{mistake}/withdraw"), &[]).await;
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, "/admin/people/invitations?notice=invitation_withdrawn")
    );
    assert_eq!(redeem_status(&app, &mistake_code, "Eve Erreur").await, StatusCode::NOT_FOUND);
    let (_, withdrawn) = console.get("/admin/people/invitations?state=withdrawn").await;
    assert!(withdrawn.contains("erreur@mon-asso.test") && withdrawn.contains("Withdrawn on"), "{withdrawn}");
    let (status, _, _) = console.post(&format!("/admin/people/invitations/{mistake}/resend"), &[]).await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Another association's invitation: not found, unchanged.
    let audit_before = app.count("audit_log").await;
    for action in ["resend", "withdraw"] {
        let (status, _, body) = console.post(&format!("/admin/people/invitations/{theirs_id}/{action}"), &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{action}: {body}");
    }
    assert_eq!(app.count("audit_log").await, audit_before);
}

#[tokio::test]
async fn a_new_federation_sees_its_first_steps_and_pages_that_speak_plainly() {
    let app = spawn_app().await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let (_, home) = console.get("/admin").await;
    let steps = &home[home.find("id=\"first-steps\"").expect("first steps on an empty server")..];
    for step in [
        "Create the federation&#39;s associations",
        "Write and publish the charter",
        "Invite the associations&#39; managers",
        "Create the first groups",
        "Send invitations by e-mail",
    ] {
        assert!(steps.contains(step), "{step}: {steps}");
    }
    assert!(steps.contains("href=\"/admin/organisations\""), "each step leads to its page");

    let association = app.new_association("Les Jardins").await;
    let (_, home) = console.get("/admin").await;
    assert!(home.contains("✓ Create the federation&#39;s associations"), "a step done is ticked: {home}");

    // The organisation tree names places, not ids; choices start with the federation.
    let (_, tree) = console.get("/admin/organisations").await;
    assert!(!tree.contains("Id :") && !tree.contains(&format!(": {association}")), "{tree}");
    let (_, invite) = console.get("/admin/people/invite").await;
    let first = invite.split("<option value=\"").nth(1).unwrap();
    assert!(first.starts_with(&app.federation_id.to_string()), "the federation first: {invite}");

    // Push health says what to do when no phone is subscribed, and that mail is off.
    let (_, health) = console.get("/admin/push").await;
    assert!(health.contains("id=\"no-devices\"") && health.contains("installs the app"), "{health}");
    assert!(health.contains("id=\"mail-off\"") && health.contains("--smtp-url"), "{health}");
}

#[tokio::test]
async fn a_refusal_from_the_shared_rules_is_said_in_the_consoles_language_not_in_the_apis_words() {
    let app = spawn_app().await;
    let association = app.new_association("Les Jardins").await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    console.get("/admin/organisations").await;
    let long = "x".repeat(200);
    let (status, _, page) =
        console.post(&format!("/admin/organisations/{association}/rename"), &[("name", long.as_str())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("The name is too long (at most 120 characters)."), "{page}");
    assert!(page.contains("Nothing was changed.") && !page.contains("trop long"), "in English only: {page}");
    assert!(!page.contains('`'), "not the API's sentence: {page}");
    // A French browser reads it in French.
    let (status, _, page) = console
        .post_in(&format!("/admin/organisations/{association}/rename"), &[("name", long.as_str())], "fr-FR,fr")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Le nom est trop long (120 caractères au plus).") && page.contains("été changé."), "{page}");
    assert!(!page.contains("too long"), "in French only: {page}");
}

#[tokio::test]
async fn the_charter_is_drafted_and_previewed_before_it_is_published() {
    let app = spawn_app().await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    console.get("/admin/charter").await;
    let text = "1. On se respecte.\n\n2. Pas de publicité.";
    let (status, location, _) = console.post("/admin/charter", &[("text", text), ("step", "draft")]).await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/admin/charter?notice=charter_draft_saved"));
    assert_eq!(app.count("charter_versions").await, 0, "a draft is not in force");
    let (_, page) = console.get("/admin/charter").await;
    assert!(
        page.contains("id=\"draft-kept\"") && page.contains("2. Pas de publicité."),
        "the editor holds the draft: {page}"
    );

    let (status, _, preview) = console.post("/admin/charter", &[("text", text), ("step", "preview")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(preview.contains("Preview of version 1"), "{preview}");
    assert!(
        preview.contains("<p>1. On se respecte.</p><p>2. Pas de publicité.</p>"),
        "paragraphs as members read them: {preview}"
    );
    assert_eq!(app.count("charter_versions").await, 0, "a preview publishes nothing");

    let (status, location, _) = console.post("/admin/charter", &[("text", text), ("step", "publish")]).await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/admin/charter?notice=charter_published"));
    assert_eq!(app.count("charter_versions").await, 1);
    let (_, page) = console.get("/admin/charter").await;
    assert!(!page.contains("id=\"draft-kept\""), "the draft is done once published");
}

#[tokio::test]
async fn the_federation_chooses_how_long_notifications_and_audit_lines_are_kept_and_older_ones_go() {
    use chrono::{Duration, Utc};
    let app = spawn_app().await;
    let association = app.new_association("Club").await;
    let manager = app.manager(association, "Karim Haddad").await;
    let mut console = Console::sign_in(&app, &app.admin.email).await;
    let (status, page) = console.get("/admin/retention").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("value=\"90\"") && page.contains("value=\"24\"") && page.contains("value=\"0\""),
        "the defaults: {page}"
    );

    // Out of bounds: refused, nothing changes.
    for (days, months, unused) in [("3", "24", "0"), ("90", "24", "2")] {
        let fields = [("notification_days", days), ("audit_months", months), ("inactive_months", unused)];
        let (status, _, _) = console.post("/admin/retention", &fields).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        console.get("/admin/retention").await;
    }
    let (status, location, _) = console
        .post("/admin/retention", &[("notification_days", "30"), ("audit_months", "6"), ("inactive_months", "0")])
        .await;
    assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/admin/retention?notice=retention_saved"));
    assert!(audit_actions(&app).await.contains(&"retention.change".to_owned()));
    // A manager neither sees nor changes it.
    let mut theirs = Console::sign_in(&app, &manager.email).await;
    assert_eq!(theirs.get("/admin/retention").await.0, StatusCode::FORBIDDEN);

    // Lines older than the choice go at the next round; newer ones stay.
    let now = Utc::now();
    let mut tx = app.db.begin_write().await.unwrap();
    for (age, kind) in [(Duration::days(40), "old"), (Duration::days(10), "recent")] {
        fabrique_server::exec!(&mut tx, sqlx::query("INSERT INTO notifications (id, person_id, kind, subject_id, actor_id, text, created_at) VALUES ($1, $2, 'mention', $3, $2, $4, $5)")
            .bind(Uuid::now_v7()).bind(manager.id).bind(Uuid::now_v7()).bind(kind).bind(now - age)).unwrap();
        fabrique_server::exec!(&mut tx, sqlx::query("INSERT INTO audit_log (id, actor_id, action, target_kind, details, created_at) VALUES ($1, NULL, 'post.delete', 'post', $2, $3)")
            .bind(Uuid::now_v7()).bind(format!("{{\"kind\":\"{kind}\"}}")).bind(now - age * 6)).unwrap();
    }
    tx.commit().await.unwrap();
    let pokes = fabrique_server::pokes::Pokes::start(&app.db).await.unwrap();
    let mut poked = pokes.subscribe();
    let forgotten = fabrique_server::retention::apply(&app.db, &pokes, &Default::default(), now).await.unwrap();
    assert_eq!((forgotten.notifications, forgotten.audit_lines), (1, 1), "{forgotten:?}");
    let texts: Vec<String> =
        fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT text FROM notifications").fetch_all(c).await)
            .unwrap();
    assert_eq!(texts, vec!["recent"]);
    let details: Vec<String> = fabrique_server::on_db!(&app.db, c => sqlx::query_scalar("SELECT details FROM audit_log WHERE action = 'post.delete'").fetch_all(c).await).unwrap();
    assert_eq!(details, vec!["{\"kind\":\"recent\"}"]);
    let scopes = tokio::time::timeout(std::time::Duration::from_secs(10), poked.recv()).await.unwrap().unwrap();
    assert!(scopes.contains(&format!("person:{}", manager.id)), "the phones are told: {scopes:?}");
}

#[tokio::test]
async fn the_group_page_adds_people_by_address_all_or_none_and_marks_groups_new_members_join() {
    let app = spawn_app().await;
    let (manager, stranger, mine, _theirs, _their_group) = two_associations(&app).await;
    let (awa, bruno) = (app.member(mine, "Awa Diallo").await, app.member(mine, "Bruno Petit").await);
    let group = app.group(&manager, "Commission finances", "private").await;
    let mut console = Console::sign_in(&app, &manager.email).await;
    let (_, page) = console.get(&format!("/admin/groups/{group}")).await;
    assert!(page.contains("id=\"add-members\""), "{page}");
    assert!(!page.contains("on-arrival"), "only federation administrators mark groups for newcomers");

    // An address of someone outside the manager's association: named, and nobody added.
    let emails = format!("{}\n{}", awa.email, stranger.email);
    let (status, _, page) = console.post(&format!("/admin/groups/{group}/members/add"), &[("emails", &emails)]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains(&stranger.email) && page.contains("role=\"alert\""), "{page}");
    assert!(page.contains(&awa.email), "what was typed stays in the field");
    let members = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            fabrique_server::on_db!(&db, c => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM group_members WHERE group_id = $1").bind(group).fetch_one(c).await).unwrap()
        }
    };
    assert_eq!(members(&app).await, 1, "only its creator");
    let (status, _, _) = console.post(&format!("/admin/groups/{group}/members/add"), &[("emails", "  ")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Both of the association, in any case and with commas: added, and their phones told.
    let emails = format!("{}, {}", awa.email.to_uppercase(), bruno.email);
    let (status, location, _) =
        console.post(&format!("/admin/groups/{group}/members/add"), &[("emails", &emails)]).await;
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, format!("/admin/groups/{group}?notice=members_added").as_str())
    );
    assert_eq!(members(&app).await, 3);
    let mut awas = app.device(&awa);
    awas.sync().await;
    assert!(awas.has("group", group), "on her phone at the next sync");
    assert!(audit_actions(&app).await.iter().filter(|a| *a == "group.member.add").count() == 2);

    // The federation marks the group: every new member of the association joins it.
    let mut federation = Console::sign_in(&app, "admin@federation.test").await;
    let (_, page) = federation.get(&format!("/admin/groups/{group}")).await;
    assert!(
        page.contains("on-arrival") && !page.contains("value=\"follow\""),
        "a private group is joined, not followed"
    );
    let (status, _, _) =
        federation.post(&format!("/admin/groups/{group}/on-arrival"), &[("on_arrival", "follow")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, _) = federation.post(&format!("/admin/groups/{group}/on-arrival"), &[("on_arrival", "join")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let newcomer = app.member(mine, "Chloé Nouvelle").await;
    let elsewhere = app.member(_theirs, "Dan Ailleurs").await;
    assert_eq!(members(&app).await, 4, "the newcomer of the association joined on arrival");
    let mut phone = app.device(&newcomer);
    phone.sync().await;
    assert!(phone.has("group", group), "on the first sync");
    let mut theirs_phone = app.device(&elsewhere);
    theirs_phone.sync().await;
    assert!(!theirs_phone.has("group", group), "not another association's");
}
