//! Digests: a daily or weekly e-mail (each person's choice; weekly by default) for people
//! who did not open the app in that period, with what their unread notifications of the
//! period say (questions for them, answers to theirs, events of their groups, organisers'
//! messages, new posts…): a line per kind of news, with a few titles from public groups
//! only (private groups are counted, never quoted). Nothing to say, no mail.
//!
//! A round ([`send_due`]) takes the people whose next digest is due (`digest_due_at`, an
//! index) a batch at a time: one who used the app in the period is looked at again a period
//! after that; one who did not gets a mail (cause `digest:<person>:<day>`, so never two the
//! same day) and is looked at again a period later. Each digest carries a one-click
//! unsubscribe link (RFC 8058) to `/unsubscribe/<token>`.

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, Duration, Utc};
use fabrique_wire::notifications::NotificationKind;
use uuid::Uuid;

use crate::accounts::pages::{MessagePage, failed, public_page};
use crate::auth::random_secret;
use crate::config::Settings;
use crate::db::{Db, Tx};
use crate::error::ApiResult;
use crate::lang::Lang;
use crate::mail::messages::{self, Digest, DigestLine};
use crate::{AppState, exec, mail, on_db, on_tx};

/// People looked at per round (one short transaction): the caller runs rounds until one
/// looks at fewer.
pub const PER_ROUND: i64 = 50;
/// Titles quoted per line.
const TITLES: usize = 3;

fn period(choice: &str) -> Duration {
    if choice == "daily" { Duration::days(1) } else { Duration::days(7) }
}

#[derive(sqlx::FromRow)]
struct Due {
    id: Uuid,
    email: String,
    display_name: String,
    language: String,
    digest: String,
    last_seen_at: Option<DateTime<Utc>>,
    digest_token: Option<String>,
}

#[derive(sqlx::FromRow)]
struct News {
    kind: String,
    text: String,
    count: i64,
    /// Whether its group is public (a title may then be quoted).
    public: bool,
}

/// What one round did: people looked at, digests queued.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub looked_at: usize,
    pub mailed: usize,
}

/// Queues the digests due at `now` (none when the server sends no mail).
pub async fn send_due(db: &Db, settings: &Settings, now: DateTime<Utc>) -> ApiResult<Round> {
    let Some(config) = &settings.mail else {
        return Ok(Round::default());
    };
    let mut tx = db.begin_write().await?;
    let due: Vec<Due> = on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT id, email, display_name, language, digest, last_seen_at, digest_token FROM people \
         WHERE (digest_due_at IS NULL OR digest_due_at <= $1) AND digest <> 'off' AND deactivated_at IS NULL \
         ORDER BY digest_due_at LIMIT $2")
        .bind(now).bind(PER_ROUND).fetch_all(c).await)?;
    let mut round = Round { looked_at: due.len(), mailed: 0 };
    let federation = messages::federation_name(&mut tx).await?;
    for person in due {
        let period = period(&person.digest);
        let since = now - period;
        if let Some(seen) = person.last_seen_at.filter(|seen| *seen > since) {
            // They use the app: nothing to mail; look again a period after their last visit.
            exec!(
                &mut tx,
                sqlx::query("UPDATE people SET digest_due_at = $1 WHERE id = $2").bind(seen + period).bind(person.id)
            )?;
            continue;
        }
        let l = if person.language == "en" { Lang::En } else { Lang::Fr };
        let lines = news(&mut tx, person.id, since, now, l).await?;
        exec!(
            &mut tx,
            sqlx::query("UPDATE people SET digest_due_at = $1 WHERE id = $2").bind(now + period).bind(person.id)
        )?;
        if lines.is_empty() {
            continue;
        }
        let token = match person.digest_token {
            Some(token) => token,
            None => {
                let token = random_secret(24);
                exec!(
                    &mut tx,
                    sqlx::query("UPDATE people SET digest_token = $1 WHERE id = $2").bind(&token).bind(person.id)
                )?;
                token
            }
        };
        let digest = Digest {
            l,
            federation: federation.clone(),
            name: person.display_name,
            weekly: person.digest != "daily",
            lines,
            unsubscribe: format!("{}/unsubscribe/{token}", settings.public_url),
            open: crate::accounts::join::item_link(&settings.public_url, "notifications", None),
        };
        let cause = format!("digest:{}:{}", person.id, now.format("%Y-%m-%d"));
        if mail::queue(&mut tx, config, &cause, "digest", digest.to(&person.email)?).await? {
            round.mailed += 1;
        }
    }
    tx.commit().await?;
    Ok(round)
}

/// The person's unread notifications since `since`, a line per kind of news.
async fn news(
    tx: &mut Tx,
    person_id: Uuid,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    l: Lang,
) -> ApiResult<Vec<DigestLine>> {
    let rows: Vec<News> = on_tx!(tx, c => sqlx::query_as(
        "SELECT n.kind, n.text, n.count, COALESCE(g.visibility = 'public', FALSE) AS public \
         FROM notifications n LEFT JOIN groups g ON g.id = n.group_id \
         WHERE n.person_id = $1 AND n.read_at IS NULL AND n.created_at > $2 ORDER BY n.created_at DESC LIMIT 200")
        .bind(person_id).bind(since).fetch_all(c).await)?;
    // Lines in a fixed order, the same news kinds together.
    let mut lines: BTreeMap<u8, (i64, Vec<String>)> = BTreeMap::new();
    for row in rows {
        let Some(kind) = NotificationKind::parse(&row.kind) else { continue };
        let line = lines.entry(order(kind)).or_default();
        line.0 += row.count.max(1);
        if row.public && line.1.len() < TITLES && !row.text.is_empty() && !line.1.contains(&row.text) {
            line.1.push(row.text);
        }
    }
    let mut all: Vec<DigestLine> = must_read_line(tx, person_id, now, l).await?.into_iter().collect();
    all.extend(
        lines.into_iter().map(|(order, (count, titles))| DigestLine { summary: summary(order, count, l), titles }),
    );
    Ok(all)
}

/// The must-read messages of the last 30 days the person has not read yet (still in the group
/// a message was sent to), first in the digest; titles quoted but those said in a private group.
async fn must_read_line(tx: &mut Tx, person_id: Uuid, now: DateTime<Utc>, l: Lang) -> ApiResult<Option<DigestLine>> {
    let unread: Vec<(String, bool)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT m.title, COALESCE(g.visibility = 'private', FALSE) AS private FROM must_read_recipients r \
         JOIN must_reads m ON m.id = r.must_read_id LEFT JOIN groups g ON g.id = m.group_id \
         WHERE r.person_id = $1 AND r.read_at IS NULL AND m.created_at > $2 \
            AND (m.group_id IS NULL OR EXISTS (SELECT 1 FROM group_members gm WHERE gm.group_id = m.group_id AND gm.person_id = r.person_id)) \
         ORDER BY m.created_at DESC LIMIT 50")
        .bind(person_id).bind(now - Duration::days(30)).fetch_all(c).await)?;
    if unread.is_empty() {
        return Ok(None);
    }
    let count = unread.len();
    let titles = unread.into_iter().filter(|(_, private)| !private).map(|(title, _)| title).take(TITLES).collect();
    let summary = match (count == 1, l) {
        (true, Lang::Fr) => "1 message important à lire".to_owned(),
        (true, Lang::En) => "1 important message to read".to_owned(),
        (false, Lang::Fr) => format!("{count} messages importants à lire"),
        (false, Lang::En) => format!("{count} important messages to read"),
    };
    Ok(Some(DigestLine { summary, titles }))
}

/// Which line a kind of news goes on (every kind named: a new kind does not compile until
/// it has its line).
fn order(kind: NotificationKind) -> u8 {
    match kind {
        NotificationKind::QuestionAsked => 0,
        NotificationKind::QuestionAnswered | NotificationKind::AnswerAccepted => 1,
        NotificationKind::Announcement => 2,
        NotificationKind::EventCreated
        | NotificationKind::EventChanged
        | NotificationKind::EventCancelled
        | NotificationKind::EventReminder => 3,
        NotificationKind::PollCreated => 4,
        NotificationKind::Mention => 5,
        NotificationKind::Message => 6,
        NotificationKind::JoinRequested => 7,
        NotificationKind::GroupActivity => 8,
        NotificationKind::Moderation => 9,
        // Must-read messages are not in the list of notifications: their line comes first,
        // from what the person has not read yet (see `must_read_line`).
        NotificationKind::MustRead => 10,
        NotificationKind::DataExportReady => 11,
    }
}

fn summary(order: u8, count: i64, l: Lang) -> String {
    let one = count == 1;
    let (fr, en) = match (order, one) {
        (0, true) => ("nouvelle question dans vos groupes", "new question in your groups"),
        (0, false) => ("nouvelles questions dans vos groupes", "new questions in your groups"),
        (1, true) => ("réponse à vos questions", "answer to your questions"),
        (1, false) => ("réponses à vos questions", "answers to your questions"),
        (2, true) => ("message des organisateurs", "message from organisers"),
        (2, false) => ("messages des organisateurs", "messages from organisers"),
        (3, true) => ("nouvelle sur les événements de vos groupes", "update on your groups' events"),
        (3, false) => ("nouvelles sur les événements de vos groupes", "updates on your groups' events"),
        (4, true) => ("nouveau sondage", "new poll"),
        (4, false) => ("nouveaux sondages", "new polls"),
        (5, true) => ("mention de votre nom", "mention of your name"),
        (5, false) => ("mentions de votre nom", "mentions of your name"),
        (6, true) => ("message dans vos conversations", "message in your conversations"),
        (6, false) => ("messages dans vos conversations", "messages in your conversations"),
        (7, true) => ("demande pour rejoindre un de vos groupes", "request to join one of your groups"),
        (7, false) => ("demandes pour rejoindre vos groupes", "requests to join your groups"),
        (8, true) => ("nouvelle publication dans vos groupes", "new post in your groups"),
        (8, false) => ("nouvelles publications dans vos groupes", "new posts in your groups"),
        (11, true) => ("copie de vos données prête à télécharger", "copy of your data ready to download"),
        (11, false) => ("copies de vos données prêtes à télécharger", "copies of your data ready to download"),
        (_, true) => ("suite donnée à un signalement", "outcome of a report"),
        (_, false) => ("suites données à des signalements", "outcomes of reports"),
    };
    format!("{count} {}", l.tr(fr, en))
}

// One-click unsubscribe (RFC 8058): a page with a button for people (a link followed by a
// mail scanner changes nothing), and the POST that mail clients send at once.

pub fn router() -> Router<AppState> {
    Router::new().route("/unsubscribe/{token}", get(unsubscribe_page).post(unsubscribe))
}

#[derive(Template)]
#[template(path = "public/unsubscribe.html")]
struct UnsubscribePage {
    l: Lang,
    token: String,
}

async fn known(state: &AppState, token: &str) -> ApiResult<bool> {
    let found: Option<i64> = on_db!(&state.db, c => sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM people WHERE digest_token = $1")
        .bind(token).fetch_optional(c).await)?;
    Ok(found.is_some())
}

fn unknown_page(l: Lang) -> Response {
    public_page(
        StatusCode::NOT_FOUND,
        &MessagePage {
            l,
            title: l.tr("Ce lien n'est pas valable", "This link is not valid").into(),
            text: l
                .tr(
                    "Pour choisir les e-mails que vous recevez, ouvrez l'application : Profil, Notifications.",
                    "To choose the e-mails you get, open the app: Profile, Notifications.",
                )
                .into(),
            next: None,
        },
    )
}

async fn unsubscribe_page(State(state): State<AppState>, headers: HeaderMap, Path(token): Path<String>) -> Response {
    let l = Lang::from_headers(&headers);
    match known(&state, &token).await {
        Ok(true) => public_page(StatusCode::OK, &UnsubscribePage { l, token }),
        Ok(false) => unknown_page(l),
        Err(error) => failed(error),
    }
}

async fn unsubscribe(State(state): State<AppState>, headers: HeaderMap, Path(token): Path<String>) -> Response {
    let l = Lang::from_headers(&headers);
    let done = async {
        let mut tx = state.db.begin_write().await?;
        let changed =
            exec!(&mut tx, sqlx::query("UPDATE people SET digest = 'off' WHERE digest_token = $1").bind(&token))?;
        tx.commit().await?;
        Ok::<_, crate::error::ApiError>(changed)
    }
    .await;
    match done {
        Ok(0) => unknown_page(l),
        Ok(_) => public_page(
            StatusCode::OK,
            &MessagePage {
                l,
                title: l.tr("C'est noté", "Done").into(),
                text: l
                    .tr(
                        "Vous ne recevrez plus de résumé par e-mail. Pour le recevoir à nouveau : dans l'application, Profil, Notifications.",
                        "You will no longer get summaries by e-mail. To get them again: in the app, Profile, Notifications.",
                    )
                    .into(),
                next: None,
            },
        ),
        Err(error) => failed(error),
    }
}
