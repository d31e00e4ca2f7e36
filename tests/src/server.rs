//! A real server for the stories, and the administrator's calls that set the scene.

use std::net::SocketAddr;
use std::path::PathBuf;

use fabrique_server::accounts::{self, setup};
use fabrique_server::config::Settings;
use fabrique_server::db::{Db, Tx};
use fabrique_server::mail::MailConfig;
use fabrique_server::mail::sender::{MailSender, MailSenderOptions};
use fabrique_server::sync::log::ChangeSet;
use fabrique_server::web_push::endpoints::EndpointRule;
use fabrique_server::web_push::sender::{Sender, SenderOptions};
use fabrique_server::{AppState, Application, on_db};
use fabrique_wire::accounts::{
    CreateInvitationRequest, Invitation, RedeemInvitationRequest, SessionResponse, SignInRequest,
};
use fabrique_wire::groups::NewGroup;
use fabrique_wire::groups::Visibility;
use fabrique_wire::posts::NewPost;
use fabrique_wire::sync::{ClientMutation, Mutation, MutationOutcome, PushRequest, PushResponse};
use uuid::Uuid;

use crate::mail_server::MailServer;

pub const ADMIN_EMAIL: &str = "admin@federation.test";
pub const PASSWORD: &str = "correct horse battery";

pub struct Server {
    pub address: SocketAddr,
    pub dir: PathBuf,
    pub admin: Admin,
    pub db: Db,
    client: reqwest::Client,
    /// The running server's state, for the writes a story makes through the library.
    state: AppState,
}

/// A member of the federation acting through the API (for stories told at the API level).
pub struct Member {
    pub id: Uuid,
    pub token: String,
    client_id: Uuid,
    next_mutation: u64,
}

/// How pushes leave in a story: sent by a running sender (as `fabrique serve` does), or
/// only when the story says so ([`Server::sender`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Pushes {
    Sent,
    Held,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mails {
    Sent,
    Held,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The administrator, acting through the API from a device of their own.
pub struct Admin {
    pub id: Uuid,
    pub token: String,
    pub organisation_id: Uuid,
    client_id: Uuid,
    next_mutation: u64,
}

impl Member {
    /// Someone already signed in (the administrator, say) acting from a new device; their id
    /// is not known here (nil).
    pub fn with_token(token: &str) -> Member {
        Member { id: Uuid::nil(), token: token.to_owned(), client_id: Uuid::now_v7(), next_mutation: 1 }
    }
}

impl Server {
    pub async fn start() -> Server {
        Server::start_with(Pushes::Sent).await
    }

    pub async fn start_with(pushes: Pushes) -> Server {
        Server::start_configured(pushes, None).await
    }

    /// A server that mails through `mail` (a sender running, as `fabrique serve --smtp-url`
    /// runs one); its links use the address it really listens on.
    pub async fn start_with_mail(mail: &MailServer) -> Server {
        Server::start_configured(Pushes::Sent, Some((mail, Mails::Sent))).await
    }

    /// A server configured to mail through `mail` whose mails leave only when the story says
    /// so ([`MailSender::send_due`]).
    pub async fn start_with_mail_held(mail: &MailServer) -> Server {
        Server::start_configured(Pushes::Sent, Some((mail, Mails::Held))).await
    }

    async fn start_configured(pushes: Pushes, mail: Option<(&MailServer, Mails)>) -> Server {
        let dir = std::env::temp_dir().join(format!("fabrique-story-{}", Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let url = match std::env::var("FABRIQUE_TEST_DATABASE_URL") {
            Ok(server) if server.starts_with("postgres") => {
                let name = format!("fabrique_test_{}", Uuid::new_v4().simple());
                let admin = Db::connect(&server).await.expect("the test PostgreSQL server is reachable");
                on_db!(&admin, c => sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(c).await.map(|_| ()))
                    .expect("a test database can be created");
                admin.close().await;
                let base = server.rsplit_once('/').map_or(server.as_str(), |(base, _)| base);
                format!("{base}/{name}")
            }
            _ => format!("sqlite:{}", dir.join("fabrique.db").display()),
        };
        let db = Db::connect(&url).await.expect("the database opens");
        db.migrate().await.expect("migrations run");
        let hash = accounts::hash_password(PASSWORD.to_owned()).await.expect("hashing works");
        let mut tx = db.begin_write().await.expect("a transaction");
        setup::create_admin(&mut tx, ADMIN_EMAIL, "Ada Admin", hash, "Fédération test").await.expect("admin created");
        tx.commit().await.expect("commit");

        if pushes == Pushes::Sent {
            let sender = Sender::new(db.clone(), sender_options()).await.expect("the push sender starts");
            tokio::spawn(sender.run(std::future::pending()));
        }
        // A port known before the server starts, so that its links name it.
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let public_url = format!("http://127.0.0.1:{port}");
        let sent = matches!(mail, Some((_, Mails::Sent)));
        let mail = mail.map(|(server, _)| {
            MailConfig::new(&server.url(), Some("Fédération test <noreply@federation.test>"), &public_url)
                .expect("the SMTP settings are valid")
        });
        if let Some(config) = mail.as_ref().filter(|_| sent) {
            let sender = MailSender::new(db.clone(), config.clone(), MailSenderOptions::default())
                .expect("the mail sender starts");
            tokio::spawn(sender.run(std::future::pending()));
        }
        // The local push service listens on 127.0.0.1 over plain HTTP.
        let settings = Settings {
            public_url,
            files_dir: dir.join("attachments"),
            push_endpoints: EndpointRule::AllowLoopback,
            mail,
            ..Settings::default()
        };
        let app = Application::build(db.clone(), settings, format!("127.0.0.1:{port}").parse().unwrap())
            .await
            .expect("the server binds");
        let address = app.local_addr();
        let state = app.state().clone();
        tokio::spawn(app.run_until_stopped(std::future::pending()));

        let client = reqwest::Client::new();
        let session: SessionResponse = client
            .post(format!("http://{address}/v1/auth/sign-in"))
            .json(&SignInRequest { email: ADMIN_EMAIL.into(), password: PASSWORD.into() })
            .send()
            .await
            .expect("sign-in answers")
            .json()
            .await
            .expect("a session");
        let admin = Admin {
            id: session.me.profile.id,
            token: session.token,
            organisation_id: session.me.profile.organisation_id,
            client_id: Uuid::now_v7(),
            next_mutation: 1,
        };
        Server { address, dir, admin, db, client, state }
    }

    /// Commits a write a story made through the library as the server commits its own: the
    /// change log, then the pokes after the commit (live channels, and the sessions the
    /// server remembers, which a closed account's must not outlive).
    pub async fn commit(&self, tx: Tx, changes: ChangeSet) {
        fabrique_server::admin::commit(&self.state, tx, changes).await.expect("committed");
    }

    /// The running server's pokes, for the server's background work a story runs itself
    /// (retention, erasure), which pokes as it commits.
    pub fn pokes(&self) -> &fabrique_server::pokes::Pokes {
        &self.state.pokes
    }

    /// Where the server keeps uploaded files.
    pub fn files_dir(&self) -> PathBuf {
        self.dir.join("attachments")
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// A new phone's storage directory.
    pub fn device_storage(&self, name: &str) -> PathBuf {
        self.dir.join(format!("device-{name}"))
    }

    /// An invitation code for a new member of the federation.
    pub async fn invite(&self, email: &str) -> String {
        let invitation: Invitation = self
            .client
            .post(format!("{}/v1/invitations", self.url()))
            .bearer_auth(&self.admin.token)
            .json(&CreateInvitationRequest {
                email: email.into(),
                organisation_id: self.admin.organisation_id,
                role: None,
            })
            .send()
            .await
            .expect("invitation answers")
            .json()
            .await
            .expect("an invitation");
        invitation.code
    }

    /// A push sender over this server's database, as another instance would run it.
    pub async fn sender(&self) -> Sender {
        Sender::new(self.db.clone(), sender_options()).await.expect("the push sender starts")
    }

    /// A new member of the federation, signed in through the API.
    pub async fn member(&self, name: &str) -> Member {
        let email = format!("{}@association.test", name.to_lowercase().replace(' ', "."));
        let code = self.invite(&email).await;
        self.redeem(code, name).await
    }

    /// A new person of `organisation_id` (a manager of it with `InvitedRole::Manager`),
    /// signed in through the API; their address is `<name>@association.test`.
    pub async fn member_of(
        &self,
        name: &str,
        organisation_id: Uuid,
        role: fabrique_wire::accounts::InvitedRole,
    ) -> Member {
        let email = format!("{}@association.test", name.to_lowercase().replace(' ', "."));
        let invitation: Invitation = self
            .client
            .post(format!("{}/v1/invitations", self.url()))
            .bearer_auth(&self.admin.token)
            .json(&CreateInvitationRequest { email, organisation_id, role: Some(role) })
            .send()
            .await
            .expect("invitation answers")
            .json()
            .await
            .expect("an invitation");
        self.redeem(invitation.code, name).await
    }

    /// An organisation under `parent_id`, created by the administrator.
    pub async fn create_organisation(
        &self,
        name: &str,
        kind: fabrique_wire::organisations::OrganisationKind,
        parent_id: Uuid,
    ) -> Uuid {
        let created: fabrique_wire::organisations::Organisation = self
            .client
            .post(format!("{}/v1/organisations", self.url()))
            .bearer_auth(&self.admin.token)
            .json(&fabrique_wire::organisations::CreateOrganisationRequest { name: name.into(), kind, parent_id })
            .send()
            .await
            .expect("the organisation answers")
            .json()
            .await
            .expect("an organisation");
        created.id
    }

    /// Everything `member`'s device would pull from scratch, every page.
    pub async fn pull_all(&self, member: &Member) -> Vec<fabrique_wire::sync::Change> {
        self.pull_from(member, None).await.0
    }

    /// What `member`'s device pulls from `cursor` (from scratch without one), every page, and
    /// the cursor it keeps.
    pub async fn pull_from(
        &self,
        member: &Member,
        mut cursor: Option<String>,
    ) -> (Vec<fabrique_wire::sync::Change>, String) {
        let mut changes = Vec::new();
        loop {
            let page: fabrique_wire::sync::PullResponse = self
                .client
                .post(format!("{}/v1/sync/pull", self.url()))
                .bearer_auth(&member.token)
                .json(&fabrique_wire::sync::PullRequest { client_id: None, cursor: cursor.clone(), limit: None })
                .send()
                .await
                .expect("pull answers")
                .json()
                .await
                .expect("a pull answer");
            assert!(!page.reset || cursor.is_none(), "a recent cursor is not reset");
            changes.extend(page.changes);
            if !page.has_more {
                return (changes, page.cursor);
            }
            cursor = Some(page.cursor);
        }
    }

    /// Signing in with an address and a password, as the apps do.
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.client
            .post(format!("{}/v1/auth/sign-in", self.url()))
            .json(&SignInRequest { email: email.into(), password: password.into() })
            .send()
            .await
            .expect("sign-in answers")
    }

    /// A file `member` uploads (not yet on any item): its id.
    pub async fn upload(&self, member: &Member, name: &str, bytes: &[u8]) -> Uuid {
        let id = Uuid::now_v7();
        let answer = self
            .client
            .put(format!("{}/v1/attachments/{id}?name={name}", self.url()))
            .bearer_auth(&member.token)
            .body(bytes.to_vec())
            .send()
            .await
            .expect("the upload answers");
        assert!(answer.status().is_success(), "the upload is taken: {}", answer.status());
        id
    }

    async fn redeem(&self, code: String, name: &str) -> Member {
        let session: SessionResponse = self
            .client
            .post(format!("{}/v1/invitations/redeem", self.url()))
            .json(&RedeemInvitationRequest { code, display_name: name.into(), password: PASSWORD.into() })
            .send()
            .await
            .expect("redeem answers")
            .json()
            .await
            .expect("a session");
        Member { id: session.me.profile.id, token: session.token, client_id: Uuid::now_v7(), next_mutation: 1 }
    }

    /// A member asks a question in one group; its id (the question is applied).
    pub async fn ask(&self, member: &mut Member, group: Uuid, title: &str) -> Uuid {
        let id = Uuid::now_v7();
        let question = Mutation::AskQuestion(fabrique_wire::questions::NewQuestion {
            id,
            group_ids: vec![group],
            title: title.into(),
            details: String::new(),
            tags: vec![],
            attachments: vec![],
        });
        assert_eq!(self.act(member, question).await, MutationOutcome::Applied);
        id
    }

    /// A member does something from their device; the outcome.
    pub async fn act(&self, member: &mut Member, mutation: Mutation) -> MutationOutcome {
        let id = member.next_mutation;
        member.next_mutation += 1;
        let request = PushRequest { client_id: member.client_id, mutations: vec![ClientMutation { id, mutation }] };
        let answer: PushResponse = self
            .client
            .post(format!("{}/v1/sync/push", self.url()))
            .bearer_auth(&member.token)
            .json(&request)
            .send()
            .await
            .expect("push answers")
            .json()
            .await
            .expect("a push answer");
        answer.results[0].outcome.clone()
    }

    /// The member's device registers for pushes.
    pub async fn subscribe(&self, member: &Member, device: &crate::push_service::Device) -> reqwest::Response {
        self.client
            .post(format!("{}/v1/push/subscriptions", self.url()))
            .bearer_auth(&member.token)
            .json(&serde_json::json!({ "endpoint": device.endpoint, "p256dh": device.p256dh, "auth": device.auth, "label": "Téléphone" }))
            .send()
            .await
            .expect("subscribe answers")
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// A GET of this server's `path` as the holder of `token`.
    pub async fn get(&self, path: &str, token: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.url())).bearer_auth(token).send().await.expect("the server answers")
    }

    /// The administrator does something, as from their own device; panics if refused.
    pub async fn admin_does(&mut self, mutation: Mutation) {
        let id = self.admin.next_mutation;
        self.admin.next_mutation += 1;
        let request = PushRequest { client_id: self.admin.client_id, mutations: vec![ClientMutation { id, mutation }] };
        let answer: PushResponse = self
            .client
            .post(format!("{}/v1/sync/push", self.url()))
            .bearer_auth(&self.admin.token)
            .json(&request)
            .send()
            .await
            .expect("push answers")
            .json()
            .await
            .expect("a push answer");
        assert_eq!(answer.results[0].outcome, MutationOutcome::Applied, "the administrator's action applies");
    }

    /// The administrator posts in a group.
    pub async fn admin_posts(&mut self, group_id: Uuid, body: &str) {
        let kind = fabrique_wire::posts::PostKind::News;
        let post = Mutation::CreatePost(NewPost {
            id: Uuid::now_v7(),
            group_id,
            kind,
            title: String::new(),
            body: body.into(),
            mentions: vec![],
            attachments: vec![],
        });
        self.admin_does(post).await;
    }

    /// A group the administrator creates (and so administers).
    pub async fn create_group(&mut self, name: &str, visibility: Visibility) -> Uuid {
        let id = Uuid::now_v7();
        self.admin_does(Mutation::CreateGroup(NewGroup {
            id,
            name: name.into(),
            description: format!("Le groupe « {name} »"),
            organisation_id: self.admin.organisation_id,
            visibility,
            tags: vec![],
        }))
        .await;
        id
    }
}

/// Quick to notice new deliveries, as a story needs.
fn sender_options() -> SenderOptions {
    SenderOptions {
        contact: "mailto:tests@fabrique.test".into(),
        idle: std::time::Duration::from_millis(20),
        endpoints: EndpointRule::AllowLoopback,
        ..SenderOptions::default()
    }
}
