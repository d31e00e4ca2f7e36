//! The administrators' web console under `/admin` (DESIGN.md §9): server-rendered HTML
//! (askama templates in `server/templates/admin/`), plain forms, no script at all.
//!
//! Where to start: [`session`] signs people in with a cookie and gives every page an
//! [`session::Admin`] (who is signed in, which organisations they may act on) and every form
//! an [`session::AdminForm`] (the form, its CSRF token checked). Each area has its pages in
//! its own module, under the same names as elsewhere: [`organisations`], [`people`],
//! [`groups`], [`moderation`], [`charter`], [`activity`], [`audit`], [`web_push`]. Rules that
//! the apps share (reports, decisions, the charter) live in the areas' own server modules
//! ([`crate::moderation`]); the pages only call them.
//!
//! Every answer carries a strict Content-Security-Policy (no script, no inline style: one
//! stylesheet served from here), `X-Frame-Options: DENY` and `Referrer-Policy: no-referrer`.
//! An association manager sees and changes their own associations only: every page filters
//! by [`session::Admin::may_act_on`], and ids in forms are checked, never trusted.

pub mod activity;
pub mod audit;
pub mod charter;
pub mod groups;
pub mod invitations;
pub mod moderation;
pub mod must_reads;
pub mod organisations;
pub mod people;
pub mod retention;
pub mod session;
pub mod settings;
pub mod web_push;

use askama::Template;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;
use crate::error::{ApiError, ErrorCode};
pub use crate::lang::Lang;

/// Every page's stylesheet, served at `/admin/console.css` (the CSP allows nothing inline).
const STYLESHEET: &str = include_str!("../../templates/admin/console.css");

const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(dashboard))
        .route("/admin/", get(|| async { Redirect::to("/admin") }))
        .route("/admin/console.css", get(stylesheet))
        // An address of the console that does not exist is said on a page, not in JSON.
        .route("/admin/{*rest}", get(page_not_found))
        .merge(session::router())
        .merge(organisations::router())
        .merge(people::router())
        .merge(invitations::router())
        .merge(must_reads::router())
        .merge(retention::router())
        .merge(settings::router())
        .merge(groups::router())
        .merge(moderation::router())
        .merge(charter::router())
        .merge(activity::router())
        .merge(audit::router())
        .merge(web_push::router())
        .layer(axum::middleware::from_fn(in_console_language))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
}

async fn stylesheet() -> Response {
    let mut response = STYLESHEET.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    response
}

/// What every page's frame shows: who is signed in, the menu, the form token, a notice.
pub struct Frame {
    pub l: Lang,
    /// The federation's clock.
    pub tz: chrono_tz::Tz,
    pub name: String,
    pub is_federation_admin: bool,
    pub csrf: String,
    /// What the last action did ("Invitation sent"), shown once above the page.
    pub notice: Option<String>,
    /// The menu entry to show as the current one.
    pub section: &'static str,
}

impl Frame {
    /// A date and time on the federation's clock, in the console's language.
    pub fn when(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        self.l.when(at, self.tz)
    }

    /// A day on the federation's clock, in the console's language.
    pub fn day(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        self.l.day(at, self.tz)
    }
}

/// A link to pass on (the server sends no mail): what it is for, and the way back.
#[derive(Template)]
#[template(path = "admin/link.html")]
pub struct LinkPage {
    pub frame: Frame,
    pub heading: String,
    pub text: String,
    pub link: String,
    pub back_href: String,
    pub back_label: String,
}

/// Renders a page; a template that fails to render is an internal error (logged, generic page).
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(error) => {
            tracing::error!(%error, "a console page failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, Html(ERROR_PAGE)).into_response()
        }
    }
}

const ERROR_PAGE: &str = "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Fabrique</title>\
    <link rel=\"stylesheet\" href=\"/admin/console.css\"></head><body><main><h1>Une erreur de notre côté / Something went wrong on our side</h1>\
    <p>Rien n'a été perdu. Réessayez dans un instant. / Nothing was lost. Try again in a moment.</p>\
    <p><a href=\"/admin\">Retour à l'accueil / Back to the console</a></p></main></body></html>";

#[derive(Template)]
#[template(path = "admin/problem.html")]
struct ProblemPage<'a> {
    l: Lang,
    status: u16,
    message: &'a str,
}

tokio::task_local! {
    /// The language of the console request being answered (its browser's), for the pages
    /// written from an error, which no handler renders.
    static CONSOLE_LANGUAGE: Lang;
}

fn console_language() -> Lang {
    CONSOLE_LANGUAGE.try_with(|l| *l).unwrap_or(Lang::Fr)
}

/// Every console request is answered in its browser's language, its problem pages too.
async fn in_console_language(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let l = Lang::from_headers(request.headers());
    CONSOLE_LANGUAGE.scope(l, next.run(request)).await
}

/// A console page's error: a client mistake shows its sentence with a way back; anything
/// else is logged and shown as a generic page that leaks nothing.
pub struct PageError(pub ApiError);

impl From<ApiError> for PageError {
    fn from(error: ApiError) -> Self {
        PageError(error)
    }
}

impl From<sqlx::Error> for PageError {
    fn from(error: sqlx::Error) -> Self {
        PageError(error.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match &self.0 {
            ApiError::Client { status, code, message, details, .. } => {
                let l = console_language();
                let sentence = problem_in_words(*code, message, details.as_ref(), l);
                let page = ProblemPage { l, status: status.as_u16(), message: &sentence };
                let mut response = render(&page);
                *response.status_mut() = *status;
                response
            }
            other => {
                tracing::error!(error = %other, "a console request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, Html(ERROR_PAGE)).into_response()
            }
        }
    }
}

pub type PageResult = Result<Response, PageError>;

async fn page_not_found() -> PageResult {
    Err(ApiError::not_found(ErrorCode::NotFound, "There is nothing at this address.").into())
}

/// A refusal from the rules the console shares with the apps, said in both languages (as the
/// problem page is written): the API's own sentence only for codes the console never meets.
fn problem_in_words(code: ErrorCode, message: &str, details: Option<&serde_json::Value>, l: Lang) -> String {
    let field = details.and_then(|d| d.get("field")).and_then(|f| f.as_str()).unwrap_or_default();
    let (field_fr, field_en) = match field {
        "name" | "display_name" => ("le nom", "the name"),
        "title" => ("le titre", "the title"),
        "text" | "body" => ("le texte", "the text"),
        "reason" => ("la raison", "the reason"),
        "email" => ("l'adresse e-mail", "the email address"),
        "description" => ("la description", "the description"),
        _ => ("ce champ", "this field"),
    };
    let problem = details.and_then(|d| d.get("problem")).and_then(|p| p.as_str()).unwrap_or_default();
    let (fr, en) = match (code, problem) {
        (ErrorCode::InvalidField, "too_long") => {
            let max = details.and_then(|d| d.get("max")).and_then(|m| m.as_u64()).unwrap_or_default();
            return match l {
                Lang::Fr => format!("{} est trop long ({max} caractères au plus).", capitalised(field_fr)),
                Lang::En => format!("{} is too long (at most {max} characters).", capitalised(field_en)),
            };
        }
        (ErrorCode::InvalidField, "empty") => {
            return match l {
                Lang::Fr => format!("{} est vide : remplissez-le.", capitalised(field_fr)),
                Lang::En => format!("{} is empty: fill it in.", capitalised(field_en)),
            };
        }
        (ErrorCode::InvalidField, _) => {
            return match l {
                Lang::Fr => format!("{} n'est pas valable.", capitalised(field_fr)),
                Lang::En => format!("{} is not valid.", capitalised(field_en)),
            };
        }
        (ErrorCode::LastAdmin, _) => (
            "Il faut au moins un administrateur : nommez-en un autre d'abord.",
            "There must be at least one administrator: name another one first.",
        ),
        (ErrorCode::CannotDeactivateSelf, _) => (
            "Vous ne pouvez pas désactiver ni effacer votre propre compte depuis la console.",
            "You cannot deactivate nor erase your own account from the console.",
        ),
        (ErrorCode::ExportNotFound, _) => (
            "Cette copie n'est pas prête, ou ses 7 jours sont passés : préparez-en une autre.",
            "This copy is not ready, or its 7 days are over: prepare another.",
        ),
        (ErrorCode::CannotArchive, _) => {
            ("La fédération elle-même ne peut pas être archivée.", "The federation itself cannot be archived.")
        }
        (ErrorCode::CaseNotTaken, _) => (
            "Prenez d'abord ce signalement en charge : un seul responsable le traite à la fois.",
            "Take this report first: one person handles it at a time.",
        ),
        (ErrorCode::OrganisationArchived, _) => ("Cette organisation est archivée.", "This organisation is archived."),
        (ErrorCode::AccountExists, _) => {
            ("Un compte existe déjà avec cette adresse.", "An account already exists with this address.")
        }
        (ErrorCode::AlreadyMember, _) => ("Cette personne est déjà membre.", "This person is already a member."),
        (ErrorCode::RateLimited, _) => {
            ("Trop d'essais : attendez quelques minutes.", "Too many attempts: wait a few minutes.")
        }
        (ErrorCode::InvitationInvalid, _) => {
            ("Cette invitation a été acceptée ou retirée.", "This invitation was accepted or withdrawn.")
        }
        (ErrorCode::Forbidden | ErrorCode::FederationAdminsOnly, _) => {
            ("Vous n'avez pas le droit de faire ceci.", "You are not allowed to do this.")
        }
        (
            ErrorCode::NotFound
            | ErrorCode::PersonNotFound
            | ErrorCode::GroupNotFound
            | ErrorCode::OrganisationNotFound,
            _,
        ) => ("Ceci n'existe pas, ou pas dans votre périmètre.", "This does not exist, or not within your scope."),
        _ => return message.to_owned(),
    };
    l.tr(fr, en).to_owned()
}

/// A refusal's sentence, as the problem page says it (for a form shown again with it).
pub fn problem_sentence(error: &ApiError) -> String {
    match error {
        ApiError::Client { code, message, details, .. } => {
            problem_in_words(*code, message, details.as_ref(), console_language())
        }
        _ => String::new(),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The step before an action that cannot be taken back in one click: what it will do, the
/// button that does it (posting to `action`), and a way back.
#[derive(Template)]
#[template(path = "admin/confirm.html")]
pub struct Confirm {
    pub frame: Frame,
    pub title: String,
    pub text: String,
    pub action: String,
    pub button: String,
    pub back: String,
}

/// After a form: back to a page, with what was done said once (Post/Redirect/Get).
pub fn done(to: &str, notice: &str) -> Response {
    let separator = if to.contains('?') { '&' } else { '?' };
    let encoded: String = url_encode(notice);
    Redirect::to(&format!("{to}{separator}notice={encoded}")).into_response()
}

/// The sentence for a notice key, in the console's language; unknown keys show nothing.
pub fn notice_text(key: &str, l: Lang) -> Option<String> {
    let text = match key {
        "session_revoked" => l.tr("La session a été fermée.", "The session was ended."),
        "organisation_created" => l.tr("L'organisation a été créée.", "The organisation was created."),
        "organisation_changed" => l.tr("L'organisation a été modifiée.", "The organisation was changed."),
        "organisation_archived" => l.tr("L'organisation a été archivée.", "The organisation was archived."),
        "person_deactivated" => l.tr(
            "Le compte a été désactivé : la personne ne peut plus se connecter.",
            "The account was deactivated: the person can no longer sign in.",
        ),
        "person_reactivated" => l.tr("Le compte a été réactivé.", "The account was reactivated."),
        "erasure_requested" => l.tr(
            "Le compte est fermé et sera effacé pour de bon dans 14 jours ; la personne en est prévenue par e-mail. Vous pouvez annuler d'ici là.",
            "The account is closed and will be erased for good in 14 days; the person is told by e-mail. You can cancel until then.",
        ),
        "export_asked" => l.tr(
            "La copie de ses données est en préparation : elle apparaît ici dans un instant, à télécharger pendant 7 jours.",
            "The copy of their data is being prepared: it shows here in a moment, to download for 7 days.",
        ),
        "erasure_cancelled" => l.tr(
            "L'effacement est annulé : le compte est rouvert comme avant.",
            "The erasure is cancelled: the account is open again as before.",
        ),
        "settings_saved" => l.tr("Le réglage est enregistré.", "The setting is saved."),
        "writings_saved" => l.tr(
            "Enregistré : cela vaut pour les prochains effacements. Indiquez-le dans la charte.",
            "Saved: it applies to the next erasures. State it in the charter.",
        ),
        "invitation_resent" => l.tr(
            "L'invitation a été renvoyée par e-mail, avec un nouveau lien valable 14 jours.",
            "The invitation was sent again by e-mail, with a new link valid 14 days.",
        ),
        "invitation_withdrawn" => l.tr(
            "L'invitation a été retirée : son lien ne fonctionne plus.",
            "The invitation was withdrawn: its link no longer works.",
        ),
        "charter_draft_saved" => l.tr(
            "Le brouillon est gardé. Il n'est pas en vigueur : personne d'autre ne le voit.",
            "The draft is kept. It is not in force: nobody else sees it.",
        ),
        "reset_link_mailed" => l.tr(
            "Un lien pour choisir un nouveau mot de passe lui a été envoyé par e-mail (valable une heure).",
            "A link to choose a new password was mailed to them (valid one hour).",
        ),
        "role_changed" => l.tr("Le rôle a été modifié.", "The role was changed."),
        "retention_saved" => l.tr(
            "Les durées sont enregistrées : ce qui les dépasse sera effacé dans l'heure.",
            "The durations are saved: what is older will be erased within the hour.",
        ),
        "must_read_sent" => l.tr(
            "Le message est envoyé : chacun le voit en haut de son fil, et vous voyez ici qui l'a lu.",
            "The message is sent: everyone sees it at the top of their feed, and you see here who read it.",
        ),
        "group_created" => l.tr("Le groupe a été créé.", "The group was created."),
        "group_changed" => l.tr("Le groupe a été modifié.", "The group was changed."),
        "member_changed" => l.tr("Le membre a été modifié.", "The member was changed."),
        "members_added" => l.tr(
            "Les personnes ont été ajoutées : le groupe apparaît sur leur téléphone à la prochaine synchronisation.",
            "The people were added: the group shows on their phones at the next sync.",
        ),
        "case_taken" => l.tr("Vous traitez ce signalement.", "You are handling this report."),
        "case_released" => l.tr("Le signalement est de nouveau en attente.", "The report is waiting again."),
        "case_decided" => l.tr(
            "La décision est enregistrée ; l'auteur et les personnes qui ont signalé en sont informés.",
            "The decision is recorded; the author and the people who reported are told.",
        ),
        "charter_published" => l.tr(
            "La nouvelle version de la charte est en vigueur : chacun devra l'accepter avant de publier.",
            "The new version of the charter is in force: everyone will accept it before posting.",
        ),
        _ => return None,
    };
    Some(text.to_owned())
}

pub fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct Dashboard {
    frame: Frame,
    open_cases: i64,
    people: i64,
    pending_charter: bool,
    /// For a federation administrator while the network is being set up: each first step and
    /// whether it is done.
    first_steps: Vec<FirstStep>,
}

struct FirstStep {
    done: bool,
    href: &'static str,
    text: &'static str,
}

async fn dashboard(
    axum::extract::State(state): axum::extract::State<AppState>,
    admin: session::Admin,
    notice: session::Notice,
) -> PageResult {
    let mut tx = state.db.begin_read().await?;
    let open_cases = crate::moderation::open_case_count(&mut tx, &admin.scope()).await?;
    let people = people::count_in_scope(&mut tx, &admin).await?;
    let pending_charter = crate::moderation::charter::current(&mut tx).await?.is_none();
    let mut first_steps = Vec::new();
    if admin.is_federation_admin {
        let (associations, managers, groups): (i64, i64, i64) = crate::on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM organisations WHERE kind = 'association'), \
                    (SELECT COUNT(*) FROM organisation_managers) + (SELECT COUNT(*) FROM invitations WHERE role = 'manager'), \
                    (SELECT COUNT(*) FROM groups WHERE deleted_at IS NULL)")
            .fetch_one(c).await)?;
        let l = admin.lang;
        let steps = [
            (
                associations > 0,
                "/admin/organisations",
                l.tr("Créer les associations de la fédération", "Create the federation's associations"),
            ),
            (!pending_charter, "/admin/charter", l.tr("Écrire et publier la charte", "Write and publish the charter")),
            (
                managers > 0,
                "/admin/people/invite",
                l.tr("Inviter les responsables des associations", "Invite the associations' managers"),
            ),
            (
                groups > 0,
                "/admin/groups",
                l.tr(
                    "Créer les premiers groupes (commissions, entraide…)",
                    "Create the first groups (committees, mutual help…)",
                ),
            ),
            (
                state.settings.mail.is_some(),
                "/admin/push",
                l.tr(
                    "Envoyer les invitations par e-mail (réglage du serveur)",
                    "Send invitations by e-mail (a server setting)",
                ),
            ),
        ];
        if steps.iter().any(|(done, _, _)| !done) {
            first_steps = steps.into_iter().map(|(done, href, text)| FirstStep { done, href, text }).collect();
        }
    }
    tx.commit().await?;
    Ok(render(&Dashboard { frame: admin.frame("home", notice), open_cases, people, pending_charter, first_steps }))
}

/// Ends a console write: the change log, the commit, then the pokes to open apps
/// ([`crate::sync::log::commit_and_poke`]).
pub async fn commit(state: &AppState, tx: crate::db::Tx, changes: crate::sync::log::ChangeSet) -> Result<(), ApiError> {
    crate::sync::log::commit_and_poke(tx, changes, &state.pokes).await
}

/// A page of a long list: where the next one starts, if any.
pub struct Pager {
    pub next: Option<String>,
}

/// A LIKE pattern matching what was typed anywhere, lower-cased, its wildcards dropped
/// (`LOWER(column) LIKE pattern`).
pub fn contains(typed: &str) -> String {
    format!("%{}%", typed.trim().to_lowercase().replace(['%', '_', '\\'], ""))
}

/// For query fields a form sends empty ("All" in a select, a blank date): empty is absent.
pub fn optional<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let text: Option<String> = serde::Deserialize::deserialize(deserializer)?;
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => text.parse().map(Some).map_err(serde::de::Error::custom),
    }
}
