//! The audit log, searchable: who did what, on what, when. A manager sees the actions done
//! by the people of their associations.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::session::{Admin, Notice};
use super::{Frame, Lang, PageResult, render};
use crate::audit::Action;
use crate::auth::in_scope;
use crate::{AppState, on_tx};

const PAGE: i64 = 100;

pub fn router() -> Router<AppState> {
    Router::new().route("/admin/audit", get(log))
}

#[derive(Deserialize)]
struct LogQuery {
    /// Words in the action, the actor's name, or the details.
    #[serde(default)]
    q: String,
    #[serde(default, deserialize_with = "super::optional")]
    target: Option<Uuid>,
    #[serde(default, deserialize_with = "super::optional")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "super::optional")]
    to: Option<NaiveDate>,
    #[serde(default)]
    page: i64,
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    actor_name: Option<String>,
    action: String,
    target_kind: String,
    target_id: Option<Uuid>,
    /// The organisation's, person's or group's name, when the target is one.
    target_name: Option<String>,
    details: String,
    created_at: DateTime<Utc>,
}

/// One line of the log in words: who did what to what, and the details that say more.
pub struct AuditLine {
    pub actor_name: Option<String>,
    pub what: String,
    /// What it was done to: a name, or the kind of thing.
    pub target: String,
    /// The console page of the target, when it has one.
    pub target_link: Option<String>,
    pub details: Vec<(String, String)>,
    pub created_at: DateTime<Utc>,
}

/// Every action said in words, in the console's language.
fn said(action: Action, l: Lang) -> &'static str {
    let (fr, en) = match action {
        Action::AdminCreate => ("a créé un compte d'administration", "created an administrator account"),
        Action::AnnouncementGroup => ("a envoyé un message des organisateurs", "sent an organisers' message"),
        Action::MustReadSend => ("a envoyé un message à lire", "sent a must-read message"),
        Action::RetentionChange => ("a changé la durée de conservation des données", "changed how long data is kept"),
        Action::CharterPublish => ("a publié une version de la charte", "published a version of the charter"),
        Action::CommentDelete => ("a supprimé un commentaire", "deleted a comment"),
        Action::ConsoleSessionRevoke => ("a fermé une session de la console", "ended a console session"),
        Action::ConsoleSignIn => ("s'est connecté à la console", "signed in to the console"),
        Action::ConsoleSignOut => ("s'est déconnecté de la console", "signed out of the console"),
        Action::EventCancel => ("a annulé un événement", "cancelled an event"),
        Action::GroupCreate => ("a créé un groupe", "created a group"),
        Action::GroupInvite => ("a invité quelqu'un dans un groupe", "invited someone into a group"),
        Action::GroupMemberAdd => ("a ajouté quelqu'un à un groupe", "added someone to a group"),
        Action::GroupOnArrival => (
            "a changé ce que font les nouveaux membres à leur arrivée dans un groupe",
            "changed what new members do on arrival in a group",
        ),
        Action::GroupOwner => ("a changé l'organisation d'un groupe", "changed a group's organisation"),
        Action::GroupUpdate => ("a modifié un groupe", "changed a group"),
        Action::GroupVisibility => ("a changé la visibilité d'un groupe", "changed a group's visibility"),
        Action::GroupJoinRequestAccept => {
            ("a accepté une demande pour rejoindre un groupe", "accepted a request to join a group")
        }
        Action::GroupJoinRequestRefuse => {
            ("a refusé une demande pour rejoindre un groupe", "refused a request to join a group")
        }
        Action::GroupMemberRemove => ("a retiré quelqu'un d'un groupe", "removed someone from a group"),
        Action::GroupMemberRole => {
            ("a changé le rôle de quelqu'un dans un groupe", "changed someone's role in a group")
        }
        Action::InvitationCreate => ("a invité une personne", "invited a person"),
        Action::InvitationResend => ("a renvoyé une invitation", "sent an invitation again"),
        Action::InvitationWithdraw => ("a retiré une invitation", "withdrew an invitation"),
        Action::ModerationDecide => ("a tranché un signalement", "decided on a report"),
        Action::ModerationRelease => ("a rendu un signalement à la file", "released a report"),
        Action::ModerationTake => ("a pris en charge un signalement", "took a report"),
        Action::OrganisationArchive => ("a archivé une organisation", "archived an organisation"),
        Action::OrganisationCreate => ("a créé une organisation", "created an organisation"),
        Action::OrganisationMove => ("a déplacé une organisation", "moved an organisation"),
        Action::OrganisationRename => ("a renommé une organisation", "renamed an organisation"),
        Action::PersonDeactivate => ("a désactivé un compte", "deactivated an account"),
        Action::PersonErase => {
            ("a effacé un compte et les données de la personne", "erased an account and the person's data")
        }
        Action::PersonErasureCancel => ("a annulé l'effacement d'un compte", "cancelled the erasure of an account"),
        Action::PersonErasureRequest => ("a demandé l'effacement d'un compte", "asked for an account to be erased"),
        Action::PersonExport => {
            ("a préparé une copie des données d'une personne", "prepared a copy of a person's data")
        }
        Action::PersonMakeFederationAdmin => {
            ("a nommé un administrateur de la fédération", "made a federation administrator")
        }
        Action::PersonMakeManager => ("a nommé un responsable d'association", "made an association manager"),
        Action::PersonPasswordChange => ("a changé son mot de passe", "changed their password"),
        Action::PersonPasswordReset => {
            ("a choisi un nouveau mot de passe par un lien", "chose a new password through a link")
        }
        Action::PersonPasswordResetLink => {
            ("a envoyé un lien pour changer de mot de passe", "sent a link to change a password")
        }
        Action::PersonReactivate => ("a réactivé un compte", "reactivated an account"),
        Action::PersonRemoveFederationAdmin => {
            ("a retiré un administrateur de la fédération", "removed a federation administrator")
        }
        Action::PersonRemoveManager => ("a retiré un responsable d'association", "removed an association manager"),
        Action::PostDelete => ("a supprimé une publication", "deleted a post"),
        Action::QuestionDelete => ("a supprimé une question", "deleted a question"),
        Action::QuestionsEscalation => {
            ("a transmis des questions restées sans réponse", "passed on unanswered questions")
        }
    };
    l.tr(fr, en)
}

/// The kind of thing an action was done to, in words.
fn kind_word(kind: &str, l: Lang) -> String {
    let (fr, en) = match kind {
        "organisation" => ("une organisation", "an organisation"),
        "person" => ("une personne", "a person"),
        "group" => ("un groupe", "a group"),
        "post" => ("une publication", "a post"),
        "comment" => ("un commentaire", "a comment"),
        "question" => ("une question", "a question"),
        "event" => ("un événement", "an event"),
        "report" | "case" => ("un signalement", "a report"),
        "charter" => ("la charte", "the charter"),
        "settings" => ("les réglages", "the settings"),
        "session" | "console_session" => ("une session", "a session"),
        _ => return kind.to_owned(),
    };
    l.tr(fr, en).to_owned()
}

/// A detail's name and value in words; ids (which say nothing to a person) are left out.
fn detail(key: &str, value: &serde_json::Value, l: Lang, tz: chrono_tz::Tz) -> Option<(String, String)> {
    let text = match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Number(number) => number.to_string(),
        serde_json::Value::Bool(yes) => {
            l.tr(if *yes { "oui" } else { "non" }, if *yes { "yes" } else { "no" }).to_owned()
        }
        _ => return None,
    };
    if text.parse::<Uuid>().is_ok() {
        return None;
    }
    let name = match key {
        "email" => l.tr("adresse", "address"),
        "role" => l.tr("rôle", "role"),
        "name" => l.tr("nom", "name"),
        "from" => l.tr("avant", "before"),
        "to" => l.tr("après", "after"),
        "visibility" => l.tr("visibilité", "visibility"),
        "reason" => l.tr("motif", "reason"),
        "decision" => l.tr("décision", "decision"),
        "version" => l.tr("version", "version"),
        "status" => l.tr("état", "status"),
        "kind" => l.tr("type", "kind"),
        "suspended_until" => l.tr("suspendu jusqu'au", "suspended until"),
        "ip" => l.tr("adresse IP", "IP address"),
        "reached" => l.tr("personnes touchées", "people reached"),
        "count" => l.tr("nombre", "count"),
        "title" => l.tr("titre", "title"),
        "due" => l.tr("effacé le", "erased on"),
        "time_zone" => l.tr("heure de", "clock of"),
        "asked_by" => l.tr("demandé par", "asked by"),
        "writings" => l.tr("ce que la personne a écrit", "what the person wrote"),
        other => other,
    };
    if key == "time_zone"
        && let Some((_, fr, en)) = crate::lang::TIME_ZONES.iter().find(|(zone, _, _)| *zone == text)
    {
        return Some((name.to_owned(), l.tr(fr, en).to_owned()));
    }
    if let Some(word) = value_in_words(&text, l) {
        return Some((name.to_owned(), word.to_owned()));
    }
    // A date and time reads as one.
    if let Ok(at) = text.parse::<DateTime<Utc>>() {
        return Some((name.to_owned(), l.when(&at, tz)));
    }
    Some((name.to_owned(), text))
}

/// The words for the stable names the log and the moderation cases keep (roles,
/// visibilities, report reasons, decisions, states); `None` for free text.
pub fn value_in_words(text: &str, l: Lang) -> Option<&'static str> {
    let (fr, en) = match text {
        "member" => ("membre", "member"),
        "manager" => ("responsable", "manager"),
        "admin" => ("administrateur", "administrator"),
        "organiser" => ("organisateur", "organiser"),
        "public" => ("public", "public"),
        "private" => ("privé", "private"),
        "dismiss" => ("sans suite", "dismissed"),
        "hide" => ("retiré du réseau", "hidden"),
        "delete" => ("supprimé", "deleted"),
        "warn" => ("avertissement", "warning"),
        "suspend" => ("suspension", "suspension"),
        "spam" => ("indésirable", "spam"),
        "harassment" => ("harcèlement", "harassment"),
        "hateful" => ("haineux", "hateful"),
        "false_information" => ("fausse information", "false information"),
        "private_information" => ("information privée", "private information"),
        "other" => ("autre", "other"),
        "reported" => ("signalé", "reported"),
        "open" => ("ouvert", "open"),
        "taken" => ("pris en charge", "taken"),
        "decided" => ("tranché", "decided"),
        "self" => ("la personne elle-même", "the person themselves"),
        "administrator" => ("un administrateur", "an administrator"),
        "kept" => ("gardé, signé « Ancien membre »", "kept, signed \"Ancien membre\""),
        "removed" => ("effacé", "erased"),
        _ => return None,
    };
    Some(l.tr(fr, en))
}

/// An action's stable name in words (the name itself when unknown).
pub fn action_in_words(code: &str, l: Lang) -> String {
    match Action::parse(code) {
        Some(action) => said(action, l).to_owned(),
        None => value_in_words(code, l).unwrap_or(code).to_owned(),
    }
}

/// A line's details (a JSON object) in words.
pub fn details_in_words(details: &str, l: Lang, tz: chrono_tz::Tz) -> Vec<(String, String)> {
    match serde_json::from_str::<serde_json::Value>(details) {
        Ok(serde_json::Value::Object(map)) => map.iter().filter_map(|(k, v)| detail(k, v, l, tz)).collect(),
        _ => Vec::new(),
    }
}

impl AuditRow {
    fn in_words(self, l: Lang, tz: chrono_tz::Tz) -> AuditLine {
        let what = action_in_words(&self.action, l);
        let target_link = self.target_id.and_then(|id| match self.target_kind.as_str() {
            "organisation" => Some(format!("/admin/organisations?parent={id}")),
            "person" => Some(format!("/admin/people/{id}")),
            "group" => Some(format!("/admin/groups/{id}")),
            _ => None,
        });
        let target = self.target_name.clone().unwrap_or_else(|| kind_word(&self.target_kind, l));
        let details = details_in_words(&self.details, l, tz);
        AuditLine {
            actor_name: self.actor_name,
            what,
            target,
            target_link: target_link.filter(|_| self.target_name.is_some()),
            details,
            created_at: self.created_at,
        }
    }
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    frame: Frame,
    q: String,
    from: String,
    to: String,
    lines: Vec<AuditLine>,
    page: i64,
    more: bool,
}

async fn log(State(state): State<AppState>, admin: Admin, notice: Notice, Query(query): Query<LogQuery>) -> PageResult {
    let page = query.page.max(0);
    let start =
        query.from.map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()).unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let end = query
        .to
        .map(|d| (d + Duration::days(1)).and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
        .unwrap_or(Utc::now() + Duration::days(1));
    let pattern = super::contains(&query.q);
    // Words typed find actions by what they are called in the console's language too.
    let typed = query.q.trim().to_lowercase();
    let named: Vec<String> = Action::ALL
        .into_iter()
        .filter(|action| !typed.is_empty() && said(*action, admin.lang).to_lowercase().contains(&typed))
        .map(|action| format!("'{}'", action.as_str()))
        .collect();
    let named = if named.is_empty() { String::new() } else { format!("a.action IN ({}) OR ", named.join(", ")) };
    let mut tx = state.db.begin_read().await?;
    let sql = format!(
        "SELECT p.display_name AS actor_name, a.action, a.target_kind, a.target_id, \
            COALESCE(o.name, tp.display_name, g.name) AS target_name, a.details, a.created_at \
         FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id \
           LEFT JOIN organisations o ON a.target_kind = 'organisation' AND o.id = a.target_id \
           LEFT JOIN people tp ON a.target_kind = 'person' AND tp.id = a.target_id \
           LEFT JOIN groups g ON a.target_kind = 'group' AND g.id = a.target_id \
         WHERE {} AND a.created_at >= $2 AND a.created_at < $3 AND ($4 IS NULL OR a.target_id = $4) \
           AND ({named}LOWER(a.action) LIKE $5 OR LOWER(COALESCE(p.display_name, '')) LIKE $5 OR LOWER(a.details) LIKE $5) \
         ORDER BY a.created_at DESC, a.id DESC LIMIT $6 OFFSET $7",
        in_scope(&tx, "p.organisation_id", 1)
    );
    let scope = admin.scope().as_json();
    let mut lines: Vec<AuditRow> = on_tx!(&mut tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
        .bind(&scope).bind(start).bind(end).bind(query.target).bind(&pattern).bind(PAGE + 1).bind(page * PAGE).fetch_all(c).await)?;
    tx.commit().await?;
    let more = lines.len() as i64 > PAGE;
    lines.truncate(PAGE as usize);
    let lines = lines.into_iter().map(|row| row.in_words(admin.lang, admin.tz)).collect();
    Ok(render(&AuditPage {
        frame: admin.frame("audit", notice),
        q: query.q,
        from: query.from.map(|d| d.to_string()).unwrap_or_default(),
        to: query.to.map(|d| d.to_string()).unwrap_or_default(),
        lines,
        page,
        more,
    }))
}

#[cfg(test)]
mod tests {
    use super::{Action, Lang, action_in_words, said};

    #[test]
    fn every_action_the_log_can_hold_is_a_sentence_in_both_languages_never_its_code() {
        let mut codes = std::collections::HashSet::new();
        for action in Action::ALL {
            assert!(codes.insert(action.as_str()), "{} named twice", action.as_str());
            assert_eq!(Action::parse(action.as_str()), Some(action));
            let (fr, en) = (said(action, Lang::Fr), said(action, Lang::En));
            assert!(!fr.is_empty() && !en.is_empty() && fr != en, "{action:?}: {fr} / {en}");
            for sentence in [fr, en] {
                assert!(!sentence.contains('.') && !sentence.contains('_'), "{action:?} reads as code: {sentence}");
            }
            assert_eq!(action_in_words(action.as_str(), Lang::Fr), fr);
        }
    }
}
