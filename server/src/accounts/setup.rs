//! First run: while no federation administrator exists, `fabrique serve` prints a one-time
//! link to a small page (or the JSON endpoint `POST /v1/setup`) that creates the first one,
//! and the federation itself when the database is empty.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use chrono::Utc;
use fabrique_wire::accounts::{SessionResponse, SetupRequest};
use fabrique_wire::error::ErrorBody;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{hash_password, hash_token, open_session, random_secret};
use crate::db::{Db, Tx};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::{Json, Query};
use crate::people::{self, NewPerson};
use crate::sync::log::ChangeSet;
use crate::{AppState, audit, exec, fields, on_tx};

pub fn router() -> Router<AppState> {
    Router::new().route("/setup", get(setup_page).post(setup_form))
}

/// `POST /v1/setup`, part of the `/v1` API and its OpenAPI document.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(setup_json))
}

async fn admin_exists(tx: &mut Tx) -> ApiResult<bool> {
    let found: Option<i64> = on_tx!(tx, c => sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM people WHERE platform_role = 'federation_admin' AND deactivated_at IS NULL LIMIT 1")
        .fetch_optional(c).await)?;
    Ok(found.is_some())
}

/// With no administrator yet, makes a fresh one-time code (the previous one stops working)
/// and returns it; `None` once an administrator exists.
pub async fn ensure_setup_code(db: &Db) -> ApiResult<Option<String>> {
    let mut tx = db.begin_write().await?;
    if admin_exists(&mut tx).await? {
        return Ok(None);
    }
    let code = random_secret(24);
    exec!(&mut tx, sqlx::query("INSERT INTO setup_codes (id, code_hash, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at")
        .bind(hash_token(&code)).bind(Utc::now()))?;
    tx.commit().await?;
    Ok(Some(code))
}

/// Creates a federation administrator, and the federation when no organisation exists yet.
/// Used by the set-up page and by `fabrique admin create`.
pub async fn create_admin(
    tx: &mut Tx,
    email: &str,
    display_name: &str,
    password_hash: String,
    federation_name: &str,
) -> ApiResult<Uuid> {
    let email = fields::email(email)?;
    let display_name = fields::display_name(display_name)?;
    let federation_name = fields::text(
        "federation_name",
        federation_name,
        fabrique_wire::organisations::NAME_MAX,
        fields::Presence::Required,
        fields::Lines::One,
    )?;
    let federation: Option<Uuid> = on_tx!(tx, c => sqlx::query_scalar("SELECT id FROM organisations WHERE parent_id IS NULL AND kind = 'federation' ORDER BY created_at LIMIT 1")
        .fetch_optional(c).await)?;
    let federation = match federation {
        Some(id) => id,
        None => crate::organisations::insert(tx, None, "federation", &federation_name).await?,
    };
    let mut changes = ChangeSet::default();
    let person_id = people::insert_person(
        tx,
        NewPerson { organisation_id: federation, email, display_name, password_hash, federation_admin: true },
        &mut changes,
    )
    .await?;
    audit::record(tx, Some(person_id), audit::Action::AdminCreate, "person", Some(person_id), serde_json::json!({}))
        .await?;
    crate::sync::log::commit(tx, changes).await?;
    Ok(person_id)
}

async fn complete_setup(db: &Db, request: SetupRequest) -> ApiResult<SessionResponse> {
    let password = fields::new_password("password", &request.password, &[&request.email, &request.display_name])?;
    let password_hash = hash_password(password).await?;
    let mut tx = db.begin_write().await?;
    let stored: Option<Vec<u8>> = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT code_hash FROM setup_codes WHERE id = 1").fetch_optional(c).await)?;
    if admin_exists(&mut tx).await? || stored.as_deref() != Some(hash_token(request.code.trim()).as_slice()) {
        return Err(ApiError::not_found(
            ErrorCode::SetupCodeInvalid,
            "This set-up link is not valid: it was already used or replaced. Restart the server for a new one, or use `fabrique admin create`.",
        ));
    }
    let federation_name = request.federation_name.as_deref().unwrap_or("Ma fédération");
    let person_id =
        create_admin(&mut tx, &request.email, &request.display_name, password_hash, federation_name).await?;
    exec!(&mut tx, sqlx::query("DELETE FROM setup_codes"))?;
    let (token, expires_at) = open_session(&mut tx, person_id).await?;
    let me = people::load_me(&mut tx, person_id).await?;
    tx.commit().await?;
    Ok(SessionResponse { token, expires_at, me })
}

/// Create the first federation administrator with the one-time set-up code.
#[utoipa::path(post, path = "/v1/setup", tag = "accounts", request_body = SetupRequest,
    responses((status = 201, body = SessionResponse), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
async fn setup_json(
    State(state): State<AppState>,
    Json(request): Json<SetupRequest>,
) -> ApiResult<(StatusCode, Json<SessionResponse>)> {
    Ok((StatusCode::CREATED, Json(complete_setup(&state.db, request).await?)))
}

#[derive(Deserialize)]
struct CodeQuery {
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
struct SetupForm {
    code: String,
    email: String,
    display_name: String,
    password: String,
    federation_name: String,
}

fn page(status: StatusCode, body: String) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Fabrique — installation</title><style>body{{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}\
         label{{display:block;margin-top:1rem;font-weight:600}}input{{width:100%;padding:.6rem;font-size:1rem;box-sizing:border-box}}\
         button{{margin-top:1.5rem;padding:.8rem 1.2rem;font-size:1rem}}.error{{color:#a00}}</style></head><body>{body}</body></html>"
    );
    let mut response = (status, Html(html)).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    response
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn form(code: &str, error: Option<&str>) -> String {
    let error = error.map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e))).unwrap_or_default();
    format!(
        "<h1>Bienvenue dans Fabrique</h1><p>Créez le premier compte d'administration de la fédération.<br><small>Create the federation's first administrator.</small></p>{error}\
         <form method=\"post\" action=\"/setup\"><input type=\"hidden\" name=\"code\" value=\"{code}\">\
         <label for=\"federation_name\">Nom de la fédération / Federation name</label><input id=\"federation_name\" name=\"federation_name\" required maxlength=\"120\" value=\"Ma fédération\">\
         <label for=\"display_name\">Votre nom / Your name</label><input id=\"display_name\" name=\"display_name\" required maxlength=\"80\" autocomplete=\"name\">\
         <label for=\"email\">Adresse e-mail / Email</label><input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\">\
         <label for=\"password\">Mot de passe (10 caractères au moins) / Password (at least 10 characters)</label><input id=\"password\" name=\"password\" type=\"password\" required minlength=\"10\" autocomplete=\"new-password\">\
         <button type=\"submit\">Créer le compte / Create the account</button></form>",
        code = escape(code)
    )
}

async fn setup_page(Query(query): Query<CodeQuery>) -> Response {
    if query.code.is_empty() {
        return page(StatusCode::NOT_FOUND, "<h1>Lien incomplet / Incomplete link</h1><p>Ouvrez le lien complet affiché au démarrage du serveur.<br><small>Open the whole link printed when the server started.</small></p>".into());
    }
    page(StatusCode::OK, form(&query.code, None))
}

async fn setup_form(State(state): State<AppState>, Form(input): Form<SetupForm>) -> Response {
    let request = SetupRequest {
        code: input.code.clone(),
        email: input.email,
        display_name: input.display_name,
        password: input.password,
        federation_name: Some(input.federation_name),
    };
    match complete_setup(&state.db, request).await {
        Ok(session) => page(
            StatusCode::CREATED,
            format!(
                "<h1>C'est prêt / All set</h1><p>Le compte de {} est créé. Connectez-vous depuis l'application avec votre adresse e-mail, ou ouvrez la console d'administration pour préparer la fédération.<br><small>The account is ready: sign in from the app with your email address, or open the administration console to prepare the federation.</small></p><p><a id=\"console\" href=\"/admin\">Ouvrir la console d'administration / Open the administration console</a></p>",
                escape(&session.me.profile.display_name)
            ),
        ),
        Err(error) => {
            let (status, message) = match &error {
                // This page speaks both languages.
                ApiError::Client { status, code: ErrorCode::WeakPassword, .. } => (
                    *status,
                    "Ce mot de passe est trop facile à deviner (un mot courant, une suite, votre nom) : choisissez quelques mots à vous, avec un chiffre ou un signe. / This password is too easy to guess (a common word, a sequence, your name): choose a few words of your own, with a number or a sign.".to_owned(),
                ),
                ApiError::Client { status, message, .. } => (*status, message.clone()),
                _ => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side; try again.".into()),
            };
            if status.is_server_error() {
                tracing::error!(%error, "set-up failed");
            }
            page(status, form(&input.code, Some(&message)))
        }
    }
}
