//! Password reset: a person who forgot their password gets back in alone.
//!
//! `POST /v1/auth/password-reset` (the apps, the console's "forgot your password" page)
//! answers the same whatever the address: 202, no body, in about the same time (the work for
//! a known address is done after answering). A known, active account gets a mail with a link
//! `<public-url>/reset/<token>`, valid one hour and used once; the page it opens (or
//! `POST /v1/auth/password-reset/confirm` from an app) sets the new password and ends every
//! session of the person. Managers and administrators send a link from the console
//! ([`send_link`]), which shows it to pass on when the server sends no mail. Rate-limited per
//! address, per client address and per person.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use chrono::{DateTime, Duration, Utc};
use fabrique_wire::accounts::{PasswordResetConfirm, PasswordResetRequest};
use fabrique_wire::error::ErrorBody;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::pages::{MessagePage, failed, passwords_differ, public_page, refusal};
use super::{hash_password, rate_limit, sessions_ended};
use crate::auth::{ClientIp, hash_token, random_secret};
use crate::config::Settings;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::Json;
use crate::lang::Lang;
use crate::mail::messages::{self, PasswordReset};
use crate::{AppState, audit, exec, fields, mail, on_db, on_tx};

/// How long a reset link works.
pub const VALID_FOR: Duration = Duration::hours(1);

/// `/password-reset`: "forgot your password" (from the console's sign-in page, for anyone);
/// `/reset/{token}`: the page a reset link opens.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/password-reset", get(forgot_page).post(forgot_form))
        .route("/reset/{token}", get(reset_page).post(reset_form))
}

/// The `/v1` endpoints, in the OpenAPI document.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(request_reset)).routes(routes!(confirm_reset))
}

fn link_invalid() -> ApiError {
    ApiError::not_found(
        ErrorCode::ResetLinkInvalid,
        "This link is not valid any more (it works once, for one hour). Ask for a new one.",
    )
}

/// Makes a reset link for `person_id` in `tx` and, when the server sends mail, queues it.
/// Returns the link (the console shows it when no mail leaves) and whether it was mailed.
/// Earlier links of the person stop working.
pub async fn send_link(
    tx: &mut Tx,
    settings: &Settings,
    person_id: Uuid,
    l: Lang,
    sent_by: Option<(Uuid, String)>,
) -> ApiResult<(String, bool)> {
    // One link made at a time per person, so that only the newest works.
    tx.lock_row("people", person_id).await?;
    let (email, name): (String, String) = on_tx!(tx, c => sqlx::query_as("SELECT email, display_name FROM people WHERE id = $1")
        .bind(person_id).fetch_one(c).await)?;
    let token = random_secret(32);
    let id = Uuid::now_v7();
    let now = Utc::now();
    exec!(
        tx,
        sqlx::query("UPDATE password_resets SET used_at = $1 WHERE person_id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(person_id)
    )?;
    exec!(tx, sqlx::query("INSERT INTO password_resets (id, token_hash, person_id, requested_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(id).bind(hash_token(&token)).bind(person_id).bind(sent_by.as_ref().map(|(by, _)| *by)).bind(now).bind(now + VALID_FOR))?;
    audit::record(
        tx,
        Some(sent_by.as_ref().map_or(person_id, |(by, _)| *by)),
        audit::Action::PersonPasswordResetLink,
        "person",
        Some(person_id),
        serde_json::json!({ "reset": id }),
    )
    .await?;
    let link = format!("{}/reset/{token}", settings.public_url);
    let Some(config) = &settings.mail else {
        return Ok((link, false));
    };
    let message = PasswordReset {
        l,
        federation: messages::federation_name(tx).await?,
        name,
        link: link.clone(),
        sent_by: sent_by.map(|(_, name)| name),
    };
    mail::queue(tx, config, &format!("reset:{id}"), "password_reset", message.to(&email)?).await?;
    Ok((link, true))
}

/// Ask for a link to choose a new password.
///
/// The answer is 202 whether an account has the address or not (and 429 past the limits,
/// the same for both). 503 `mail_unavailable` when this server sends no mail.
#[utoipa::path(post, path = "/v1/auth/password-reset", tag = "accounts", request_body = PasswordResetRequest,
    responses((status = 202, description = "If an account has this address, a link was mailed to it"),
        (status = 429, body = ErrorBody), (status = 503, description = "`mail_unavailable`", body = ErrorBody)))]
#[tracing::instrument(skip_all)]
async fn request_reset(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Json(body): Json<PasswordResetRequest>,
) -> ApiResult<StatusCode> {
    ask_for_link(&state, &ip, &body.email, Lang::from_headers(&headers)).await?;
    Ok(StatusCode::ACCEPTED)
}

/// What the API and the console's page share: checks, limits, and the link made and mailed
/// after answering (so the answer's time does not tell whether the account exists).
pub async fn ask_for_link(state: &AppState, ip: &str, email: &str, l: Lang) -> ApiResult<()> {
    if state.settings.mail.is_none() {
        return Err(ApiError::client(
            StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::MailUnavailable,
            "This server sends no e-mail: ask a manager of your association for a link to choose a new password.",
        ));
    }
    rate_limit::check(&state.db, &format!("reset:ip:{ip}"), 20, 900).await?;
    let email = fields::email(email)?;
    rate_limit::check(&state.db, &format!("reset:email:{email}"), 3, 3600).await?;
    let state = state.clone();
    tokio::spawn(async move {
        let work = async {
            let person: Option<Uuid> = on_db!(&state.db, c => sqlx::query_scalar("SELECT id FROM people WHERE email = $1 AND deactivated_at IS NULL")
                .bind(&email).fetch_optional(c).await)?;
            let Some(person_id) = person else {
                return Ok(());
            };
            let mut tx = state.db.begin_write().await?;
            send_link(&mut tx, &state.settings, person_id, l, None).await?;
            tx.commit().await?;
            Ok::<(), ApiError>(())
        };
        if let Err(error) = work.await {
            tracing::error!(%error, "a password-reset link could not be made");
        }
    });
    Ok(())
}

/// Set a new password with a reset link's token: every session of the person ends.
#[utoipa::path(post, path = "/v1/auth/password-reset/confirm", tag = "accounts", request_body = PasswordResetConfirm,
    responses((status = 204), (status = 404, description = "`reset_link_invalid`", body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
#[tracing::instrument(skip_all)]
async fn confirm_reset(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(body): Json<PasswordResetConfirm>,
) -> ApiResult<StatusCode> {
    set_password(&state, &ip, &body.token, &body.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A link's person, while it is valid: (reset id, person, email, name).
async fn valid_link(tx: &mut Tx, token: &str, now: DateTime<Utc>) -> ApiResult<Option<(Uuid, Uuid, String, String)>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT r.id, p.id, p.email, p.display_name FROM password_resets r JOIN people p ON p.id = r.person_id \
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND p.deactivated_at IS NULL")
        .bind(hash_token(token.trim())).bind(now).fetch_optional(c).await)?)
}

/// Sets the password of a valid link's person, uses the link up, ends every session.
async fn set_password(state: &AppState, ip: &str, token: &str, new_password: &str) -> ApiResult<Uuid> {
    rate_limit::check(&state.db, &format!("reset-confirm:ip:{ip}"), 30, 900).await?;
    let now = Utc::now();
    let mut tx = state.db.begin_read().await?;
    let found = valid_link(&mut tx, token, now).await?;
    tx.commit().await?;
    let Some((_, person_id, email, name)) = found else {
        return Err(link_invalid());
    };
    rate_limit::check(&state.db, &format!("password:account:{person_id}"), 10, 900).await?;
    let password = fields::new_password("new_password", new_password, &[&email, &name])?;
    let hash = hash_password(password).await?;
    let mut tx = state.db.begin_write().await?;
    // Used up in the same statement that checks it again: two tabs cannot both use it.
    let used = exec!(
        &mut tx,
        sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1"
        )
        .bind(now)
        .bind(hash_token(token.trim()))
    )?;
    if used == 0 {
        return Err(link_invalid());
    }
    exec!(&mut tx, sqlx::query("UPDATE people SET password_hash = $1 WHERE id = $2").bind(&hash).bind(person_id))?;
    exec!(
        &mut tx,
        sqlx::query("UPDATE password_resets SET used_at = $1 WHERE person_id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(person_id)
    )?;
    exec!(
        &mut tx,
        sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(person_id)
    )?;
    exec!(
        &mut tx,
        sqlx::query("UPDATE admin_sessions SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(person_id)
    )?;
    audit::record(
        &mut tx,
        Some(person_id),
        audit::Action::PersonPasswordReset,
        "person",
        Some(person_id),
        serde_json::json!({}),
    )
    .await?;
    sessions_ended(state, tx, person_id).await?;
    Ok(person_id)
}

// The pages: asking for a link, and the page a link opens.

#[derive(Template)]
#[template(path = "public/forgot.html")]
struct ForgotPage {
    l: Lang,
    email: String,
    error: Option<String>,
}

async fn forgot_page(headers: HeaderMap) -> Response {
    public_page(StatusCode::OK, &ForgotPage { l: Lang::from_headers(&headers), email: String::new(), error: None })
}

#[derive(Deserialize)]
struct ForgotForm {
    email: String,
}

async fn forgot_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<ForgotForm>,
) -> Response {
    let l = Lang::from_headers(&headers);
    match ask_for_link(&state, &ip, &form.email, l).await {
        Ok(()) => public_page(
            StatusCode::ACCEPTED,
            &MessagePage {
                l,
                title: l.tr("Regardez vos e-mails", "Check your e-mail").into(),
                text: l
                    .tr(
                        "Si un compte a cette adresse, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien fonctionne une heure. Rien reçu ? Regardez dans les indésirables, ou demandez à un responsable de votre association.",
                        "If an account has this address, an e-mail has just been sent to it with a link to choose a new password. The link works for one hour. Nothing arrived? Look in your spam folder, or ask a manager of your association.",
                    )
                    .into(),
                next: None,
            },
        ),
        Err(ApiError::Client { status, code, message, .. }) => {
            let error = match code {
                ErrorCode::InvalidField => {
                    l.tr("Cette adresse e-mail n'est pas valable.", "This email address is not valid.").to_owned()
                }
                _ => refusal(l, code, message),
            };
            public_page(status, &ForgotPage { l, email: form.email, error: Some(error) })
        }
        Err(error) => failed(error),
    }
}

#[derive(Template)]
#[template(path = "public/reset.html")]
struct ResetPage {
    l: Lang,
    token: String,
    name: String,
    error: Option<String>,
}

fn expired_page(l: Lang) -> Response {
    public_page(
        StatusCode::NOT_FOUND,
        &MessagePage {
            l,
            title: l.tr("Ce lien n'est plus valable", "This link is no longer valid").into(),
            text: l
                .tr(
                    "Un lien pour changer de mot de passe sert une fois, pendant une heure. Demandez-en un nouveau : dans l'application, « Mot de passe oublié ».",
                    "A link to change a password works once, for one hour. Ask for a new one: in the app, \"Forgot your password\".",
                )
                .into(),
            next: Some(("/password-reset".into(), l.tr("Demander un nouveau lien", "Ask for a new link").into())),
        },
    )
}

async fn reset_page(State(state): State<AppState>, headers: HeaderMap, Path(token): Path<String>) -> Response {
    let l = Lang::from_headers(&headers);
    let found = async {
        let mut tx = state.db.begin_read().await?;
        let found = valid_link(&mut tx, &token, Utc::now()).await?;
        tx.commit().await?;
        Ok::<_, ApiError>(found)
    }
    .await;
    match found {
        Ok(Some((_, _, _, name))) => public_page(StatusCode::OK, &ResetPage { l, token, name, error: None }),
        Ok(None) => expired_page(l),
        Err(error) => failed(error),
    }
}

#[derive(Deserialize)]
struct ResetForm {
    password: String,
    confirm: String,
}

async fn reset_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
    Form(form): Form<ResetForm>,
) -> Response {
    let l = Lang::from_headers(&headers);
    let again = |status: StatusCode, error: String, name: String| {
        public_page(status, &ResetPage { l, token: token.clone(), name, error: Some(error) })
    };
    if form.password != form.confirm {
        return again(StatusCode::UNPROCESSABLE_ENTITY, passwords_differ(l), String::new());
    }
    match set_password(&state, &ip, &token, &form.password).await {
        Ok(_) => public_page(
            StatusCode::OK,
            &MessagePage {
                l,
                title: l.tr("Votre mot de passe est changé", "Your password is changed").into(),
                text: l
                    .tr(
                        "Vous êtes déconnecté·e de tous vos appareils. Ouvrez l'application et connectez-vous avec votre adresse e-mail et ce nouveau mot de passe.",
                        "You are signed out of all your devices. Open the app and sign in with your email address and this new password.",
                    )
                    .into(),
                next: None,
            },
        ),
        Err(ApiError::Client { code: ErrorCode::ResetLinkInvalid, .. }) => expired_page(l),
        Err(ApiError::Client { status, code, message, .. }) => {
            let text = match code {
                ErrorCode::InvalidField if form.password.chars().count() < 10 => l
                    .tr("Le mot de passe doit compter au moins 10 caractères.", "The password must have at least 10 characters.")
                    .to_owned(),
                _ => refusal(l, code, message),
            };
            again(status, text, String::new())
        }
        Err(error) => failed(error),
    }
}
