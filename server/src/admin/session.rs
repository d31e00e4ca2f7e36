//! Signing in to the console, and what each page knows of who is signed in.
//!
//! A console session is a random token in an HttpOnly, SameSite=Strict cookie scoped to
//! `/admin` (Secure when the public address is https); the database keeps its SHA-256. It
//! ends after [`IDLE_MINUTES`] without use or [`SESSION_HOURS`] after signing in, at sign-out,
//! or when revoked from the sessions page. Only federation administrators and managers of
//! an organisation may sign in.
//!
//! CSRF: every form carries a token derived from the session's secret (a SHA-256 of it
//! under a label), which a page of another site can neither read nor compute;
//! [`AdminForm`] refuses a form without the right one and changes nothing. The sign-in form,
//! before any session, is protected the same way by a one-time cookie it must echo.

use askama::Template;
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Frame, Lang, PageError, PageResult, done, render};
use crate::accounts;
use crate::auth::{Actor, AdminScope, ClientIp, not_yours};
use crate::error::{ApiError, ErrorCode};
use crate::{AppState, audit, exec, on_db};

pub const SESSION_COOKIE: &str = "fabrique_admin";
const LOGIN_COOKIE: &str = "fabrique_admin_login";
/// A console session ends this long after signing in, whatever happens.
pub const SESSION_HOURS: i64 = 12;
/// ... and this long after its last page.
pub const IDLE_MINUTES: i64 = 120;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/sign-in", get(sign_in_page).post(sign_in))
        .route("/admin/sign-out", post(sign_out))
        .route("/admin/sessions", get(sessions_page))
        .route("/admin/sessions/revoke", post(revoke_session))
}

/// The signed-in administrator or manager behind a console request.
#[derive(Debug, Clone)]
pub struct Admin {
    pub person_id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub is_federation_admin: bool,
    /// The organisations they manage (all of them for a federation administrator).
    pub manages: Vec<Uuid>,
    pub lang: Lang,
    /// The federation's clock, which the console tells times by.
    pub tz: chrono_tz::Tz,
    pub csrf: String,
    session_id: Uuid,
}

impl Admin {
    /// The same person as the apps' access rules know them.
    pub fn actor(&self) -> Actor {
        Actor::acting_as(self.person_id, self.organisation_id, self.is_federation_admin)
    }

    pub fn scope(&self) -> AdminScope {
        if self.is_federation_admin { AdminScope::Everything } else { AdminScope::Organisations(self.manages.clone()) }
    }

    pub fn may_act_on(&self, organisation_id: Uuid) -> bool {
        self.is_federation_admin || self.manages.contains(&organisation_id)
    }

    /// The same refusal whether the thing exists elsewhere or not at all (ids tell nothing).
    pub fn require(&self, organisation_id: Uuid) -> Result<(), ApiError> {
        if self.may_act_on(organisation_id) { Ok(()) } else { Err(not_yours()) }
    }

    pub fn require_federation_admin(&self) -> Result<(), ApiError> {
        if self.is_federation_admin {
            Ok(())
        } else {
            Err(ApiError::forbidden(
                ErrorCode::FederationAdminsOnly,
                self.lang.tr(
                    "Seuls les administrateurs de la fédération peuvent faire cela.",
                    "Only federation administrators can do this.",
                ),
            ))
        }
    }

    pub fn frame(&self, section: &'static str, notice: Notice) -> Frame {
        Frame {
            l: self.lang,
            tz: self.tz,
            name: self.name.clone(),
            is_federation_admin: self.is_federation_admin,
            csrf: self.csrf.clone(),
            notice: notice.0.and_then(|key| super::notice_text(&key, self.lang)),
            section,
        }
    }
}

fn csrf_for(token: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"fabrique-admin-csrf:");
    hasher.update(token.as_bytes());
    URL_SAFE_NO_PAD.encode(hasher.finalize())
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: Uuid,
    person_id: Uuid,
    organisation_id: Uuid,
    display_name: String,
    platform_role: String,
    last_seen_at: DateTime<Utc>,
    /// The federation's clock, read with the session (one query a page).
    time_zone: Option<String>,
}

/// Not signed in (or no longer): to the sign-in page.
pub struct SignInFirst;

impl IntoResponse for SignInFirst {
    fn into_response(self) -> Response {
        Redirect::to("/admin/sign-in").into_response()
    }
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let jar = CookieJar::from_headers(&parts.headers);
        let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned()) else {
            return Err(SignInFirst.into_response());
        };
        let lang = Lang::from_headers(&parts.headers);
        load_admin(state, &token, lang)
            .await
            .map_err(|e| PageError(e).into_response())?
            .ok_or_else(|| SignInFirst.into_response())
    }
}

async fn load_admin(state: &AppState, token: &str, lang: Lang) -> Result<Option<Admin>, ApiError> {
    let hash = crate::auth::hash_token(token);
    let now = Utc::now();
    let row: Option<SessionRow> = on_db!(&state.db, c => sqlx::query_as(
        "SELECT s.id, p.id AS person_id, p.organisation_id, p.display_name, p.platform_role, s.last_seen_at, \
            (SELECT value FROM settings WHERE key = $4) AS time_zone \
         FROM admin_sessions s JOIN people p ON p.id = s.person_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3 AND p.deactivated_at IS NULL")
        .bind(&hash).bind(now).bind(now - Duration::minutes(IDLE_MINUTES)).bind(crate::lang::TIME_ZONE_KEY).fetch_optional(c).await)?;
    let Some(row) = row else { return Ok(None) };
    let manages: Vec<Uuid> = on_db!(&state.db, c => sqlx::query_scalar("SELECT organisation_id FROM organisation_managers WHERE person_id = $1")
        .bind(row.person_id).fetch_all(c).await)?;
    let is_federation_admin = row.platform_role == "federation_admin";
    if !is_federation_admin && manages.is_empty() {
        return Ok(None);
    }
    // One write a minute at most, not one per page.
    if now - row.last_seen_at > Duration::minutes(1) {
        let mut tx = state.db.begin_write().await?;
        exec!(
            &mut tx,
            sqlx::query("UPDATE admin_sessions SET last_seen_at = $1 WHERE id = $2").bind(now).bind(row.id)
        )?;
        tx.commit().await?;
    }
    Ok(Some(Admin {
        tz: crate::lang::chosen_time_zone(row.time_zone),
        person_id: row.person_id,
        organisation_id: row.organisation_id,
        name: row.display_name,
        is_federation_admin,
        manages,
        lang,
        csrf: csrf_for(token),
        session_id: row.id,
    }))
}

/// What the last action did, by its key in the address (`?notice=invited`): only known
/// keys show a text, so a link cannot make the console say something it did not.
pub struct Notice(pub Option<String>);

#[derive(Deserialize)]
struct NoticeQuery {
    notice: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Notice {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let parsed: NoticeQuery = serde_urlencoded::from_str(query).unwrap_or(NoticeQuery { notice: None });
        Ok(Notice(parsed.notice))
    }
}

/// A form posted by a signed-in console user, its CSRF token checked before anything else.
pub struct AdminForm<T> {
    pub admin: Admin,
    pub form: T,
}

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

fn form_expired(lang: Lang) -> Response {
    // A forged cross-site form or an expired page: worth a line in the log (no token in it).
    tracing::warn!("console form refused: its CSRF token does not match");
    PageError(ApiError::forbidden(
        ErrorCode::CsrfInvalid,
        lang.tr(
            "Ce formulaire a expiré ou ne vient pas de la console. Rien n'a été changé : ouvrez la page à nouveau et recommencez.",
            "This form has expired or did not come from the console. Nothing was changed: open the page again and start over.",
        ),
    ))
    .into_response()
}

/// A form with nothing but its CSRF token (a button).
#[derive(Deserialize)]
pub struct NoFields {}

/// Checks a form's CSRF token against the signed-in session (also for multipart forms).
pub fn check_csrf(admin: &Admin, sent: &str) -> Result<(), Box<Response>> {
    if same(sent, &admin.csrf) { Ok(()) } else { Err(Box::new(form_expired(admin.lang))) }
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for AdminForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let admin = Admin::from_request_parts(&mut parts, state).await?;
        let bytes = axum::body::to_bytes(body, crate::MAX_BODY_BYTES).await.map_err(|_| {
            PageError(ApiError::bad_request(ErrorCode::BodyTooLarge, "This form is too large.")).into_response()
        })?;
        let csrf: CsrfField = serde_urlencoded::from_bytes(&bytes).unwrap_or(CsrfField { csrf: String::new() });
        check_csrf(&admin, &csrf.csrf).map_err(|r| *r)?;
        let form: T = serde_urlencoded::from_bytes(&bytes).map_err(|e| {
            PageError(ApiError::invalid(
                ErrorCode::InvalidForm,
                format!(
                    "{} ({e})",
                    admin.lang.tr(
                        "Ce formulaire est incomplet ou mal rempli.",
                        "This form is incomplete or badly filled in."
                    )
                ),
            ))
            .into_response()
        })?;
        Ok(AdminForm { admin, form })
    }
}

fn secure_cookies(state: &AppState) -> bool {
    state.settings.public_url.starts_with("https://")
}

/// A cookie for the browser's session only (the server decides when a sign-in ends).
fn cookie(state: &AppState, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/admin")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure_cookies(state))
        .build()
}

#[derive(Template)]
#[template(path = "admin/sign_in.html")]
struct SignInPage<'a> {
    l: Lang,
    csrf: &'a str,
    email: &'a str,
    error: Option<&'a str>,
}

async fn sign_in_page(State(state): State<AppState>, headers: HeaderMap, jar: CookieJar) -> Response {
    let l = Lang::from_headers(&headers);
    if let Some(token) = jar.get(SESSION_COOKIE).map(|c| c.value().to_owned())
        && let Ok(Some(_)) = load_admin(&state, &token, l).await
    {
        return Redirect::to("/admin").into_response();
    }
    let nonce = crate::auth::random_secret(24);
    let page = render(&SignInPage { l, csrf: &nonce, email: "", error: None });
    (jar.add(cookie(&state, LOGIN_COOKIE, nonce)), page).into_response()
}

#[derive(Deserialize)]
struct SignInForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<SignInForm>,
) -> Response {
    let l = Lang::from_headers(&headers);
    let expected = jar.get(LOGIN_COOKIE).map(|c| c.value().to_owned()).unwrap_or_default();
    if expected.is_empty() || !same(&expected, &form.csrf) {
        return form_expired(l);
    }
    let email = form.email.trim().to_lowercase();
    let again = |status: StatusCode, message: &str| {
        let mut response = render(&SignInPage { l, csrf: &expected, email: &email, error: Some(message) });
        *response.status_mut() = status;
        response
    };
    if let Err(error) = check_limits(&state, &ip, &email).await {
        return match error {
            ApiError::Client { status, .. } => again(
                status,
                l.tr(
                    "Trop de tentatives. Attendez quelques minutes avant de réessayer.",
                    "Too many attempts. Wait a few minutes before trying again.",
                ),
            ),
            other => PageError(other).into_response(),
        };
    }
    match open_session(&state, &email, form.password, &ip, &headers).await {
        Ok(Some(token)) => {
            let jar = jar
                .remove(Cookie::build(LOGIN_COOKIE).path("/admin"))
                .add(cookie(&state, SESSION_COOKIE, token));
            (jar, Redirect::to("/admin")).into_response()
        }
        Ok(None) => again(
            StatusCode::UNAUTHORIZED,
            l.tr(
                "L'adresse e-mail ou le mot de passe n'est pas bon, ou ce compte n'a pas accès à la console (réservée aux administrateurs de la fédération et aux responsables d'association).",
                "The email address or the password is not right, or this account has no access to the console (it is for federation administrators and association managers).",
            ),
        ),
        Err(error) => PageError(error).into_response(),
    }
}

async fn check_limits(state: &AppState, ip: &str, email: &str) -> Result<(), ApiError> {
    accounts::throttle::check(&state.db, "admin-sign-in", email, ip).await
}

/// The token of a new session, or `None` when the credentials or the role do not allow it
/// (one answer for both, so that the page does not tell which accounts exist).
async fn open_session(
    state: &AppState,
    email: &str,
    password: String,
    ip: &str,
    headers: &HeaderMap,
) -> Result<Option<String>, ApiError> {
    let row: Option<(Uuid, String, String)> = on_db!(&state.db, c => sqlx::query_as(
        "SELECT id, password_hash, platform_role FROM people WHERE email = $1 AND deactivated_at IS NULL")
        .bind(email).fetch_optional(c).await)?;
    let stored = row.as_ref().map(|(_, hash, _)| hash.clone());
    if !accounts::verify_password(password, stored).await? {
        accounts::throttle::failed(&state.db, "admin-sign-in", email, ip).await?;
        return Ok(None);
    }
    accounts::throttle::succeeded(&state.db, "admin-sign-in", email, ip).await?;
    let Some((person_id, _, role)) = row else { return Ok(None) };
    let manages: i64 = on_db!(&state.db, c => sqlx::query_scalar("SELECT COUNT(*) FROM organisation_managers WHERE person_id = $1")
        .bind(person_id).fetch_one(c).await)?;
    if role != "federation_admin" && manages == 0 {
        return Ok(None);
    }
    let token = format!("fqa_{}", crate::auth::random_secret(32));
    let now = Utc::now();
    let user_agent: String =
        headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").chars().take(200).collect();
    let id = Uuid::now_v7();
    let mut tx = state.db.begin_write().await?;
    exec!(&mut tx, sqlx::query("INSERT INTO admin_sessions (id, token_hash, person_id, user_agent, ip, created_at, last_seen_at, expires_at) \
            VALUES ($1, $2, $3, $4, $5, $6, $6, $7)")
        .bind(id).bind(crate::auth::hash_token(&token)).bind(person_id).bind(&user_agent).bind(ip).bind(now).bind(now + Duration::hours(SESSION_HOURS)))?;
    audit::record(
        &mut tx,
        Some(person_id),
        audit::Action::ConsoleSignIn,
        "session",
        Some(id),
        serde_json::json!({ "ip": ip }),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(token))
}

#[derive(Deserialize)]
struct Nothing {}

async fn sign_out(State(state): State<AppState>, jar: CookieJar, form: AdminForm<Nothing>) -> PageResult {
    let admin = form.admin;
    let mut tx = state.db.begin_write().await?;
    exec!(
        &mut tx,
        sqlx::query("UPDATE admin_sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(Utc::now())
            .bind(admin.session_id)
    )?;
    audit::record(
        &mut tx,
        Some(admin.person_id),
        audit::Action::ConsoleSignOut,
        "session",
        Some(admin.session_id),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/admin"));
    Ok((jar, Redirect::to("/admin/sign-in")).into_response())
}

#[derive(sqlx::FromRow)]
pub struct SessionLine {
    pub id: Uuid,
    pub user_agent: String,
    pub ip: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

#[derive(Template)]
#[template(path = "admin/sessions.html")]
struct SessionsPage {
    frame: Frame,
    current: Uuid,
    sessions: Vec<SessionLine>,
}

async fn sessions_page(State(state): State<AppState>, admin: Admin, notice: super::session::Notice) -> PageResult {
    let now = Utc::now();
    let sessions: Vec<SessionLine> = on_db!(&state.db, c => sqlx::query_as(
        "SELECT id, user_agent, ip, created_at, last_seen_at FROM admin_sessions \
         WHERE person_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $3 ORDER BY last_seen_at DESC LIMIT 100")
        .bind(admin.person_id).bind(now).bind(now - Duration::minutes(IDLE_MINUTES)).fetch_all(c).await)?;
    Ok(render(&SessionsPage { current: admin.session_id, frame: admin.frame("sessions", notice), sessions }))
}

#[derive(Deserialize)]
struct RevokeForm {
    id: Uuid,
}

/// Ends one of one's own sessions (another browser, a lost computer).
async fn revoke_session(State(state): State<AppState>, form: AdminForm<RevokeForm>) -> PageResult {
    let AdminForm { admin, form } = form;
    let mut tx = state.db.begin_write().await?;
    let ended = exec!(
        &mut tx,
        sqlx::query(
            "UPDATE admin_sessions SET revoked_at = $1 WHERE id = $2 AND person_id = $3 AND revoked_at IS NULL"
        )
        .bind(Utc::now())
        .bind(form.id)
        .bind(admin.person_id)
    )?;
    if ended == 0 {
        return Err(not_yours().into());
    }
    audit::record(
        &mut tx,
        Some(admin.person_id),
        audit::Action::ConsoleSessionRevoke,
        "session",
        Some(form.id),
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    if form.id == admin.session_id {
        return Ok(Redirect::to("/admin/sign-in").into_response());
    }
    Ok(done("/admin/sessions", "session_revoked"))
}
