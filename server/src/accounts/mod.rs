//! Accounts: invitations, sign-in with an opaque bearer token, sign-out, passwords. Who is
//! asking (the actor, the extractor, tokens) is [`crate::auth`], below every area.
//!
//! Tokens are 32 random bytes shown once; the server stores their SHA-256 only. Passwords
//! are hashed with Argon2id off the async threads. Sign-in is throttled per (account,
//! address) and per address ([`throttle`]), redemption rate-limited ([`rate_limit`]); neither
//! tells whether an account exists.

pub mod invitations;
pub mod join;
pub mod pages;
pub mod rate_limit;
pub mod reset;
pub mod setup;
pub mod throttle;

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use fabrique_wire::accounts::{
    AccountErasure, AccountErasureRequest, ChangePasswordRequest, CreateInvitationRequest, Invitation, InvitedRole,
    RedeemInvitationRequest, SessionResponse, SignInRequest,
};
use fabrique_wire::error::ErrorBody;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::auth::{Actor, AuthUser, ClientIp, hash_token, manages, random_secret};
use crate::config::Settings;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::extract::Json;
use crate::lang::Lang;
use crate::people::{self, NewPerson};
use crate::sync::log::ChangeSet;
use crate::{AppState, audit, exec, fields, on_db, on_tx};

/// How long a sign-in lasts.
pub const SESSION_DAYS: i64 = 30;
/// How long an invitation code can be redeemed.
pub const INVITATION_DAYS: i64 = 14;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_in))
        .routes(routes!(sign_out))
        .routes(routes!(change_password))
        .routes(routes!(request_erasure))
        .routes(routes!(create_invitation))
        .routes(routes!(redeem_invitation))
}

pub async fn hash_password(password: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()))
        .await
        .map_err(|e| ApiError::internal(e.to_string()))?
        .map_err(|e| ApiError::internal(format!("password hashing failed: {e}")))
}

/// Checks a password; with no stored hash it still spends the same time, so that the
/// answer's delay does not tell whether the account exists.
pub async fn verify_password(password: String, stored: Option<String>) -> ApiResult<bool> {
    tokio::task::spawn_blocking(move || {
        let stored = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && !stored.is_empty()
    })
    .await
    .map_err(|e| ApiError::internal(e.to_string()))
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        Argon2::default().hash_password(random_secret(16).as_bytes()).map(|h| h.to_string()).unwrap_or_default()
    })
}

fn invalid_credentials() -> ApiError {
    ApiError::client(
        StatusCode::UNAUTHORIZED,
        ErrorCode::InvalidCredentials,
        "The email address or the password is not right.",
    )
}

/// The language mails to the person are written in: the app's (or the browser's) at their
/// last sign-in.
async fn set_language(tx: &mut Tx, person_id: Uuid, l: Lang) -> ApiResult<()> {
    exec!(tx, sqlx::query("UPDATE people SET language = $1 WHERE id = $2").bind(l.code()).bind(person_id))?;
    Ok(())
}

/// Opens a session for a person and returns the token (shown once).
async fn open_session(tx: &mut Tx, person_id: Uuid) -> ApiResult<(String, DateTime<Utc>)> {
    let token = format!("fq_{}", random_secret(32));
    let now = Utc::now();
    let expires_at = now + Duration::days(SESSION_DAYS);
    exec!(
        tx,
        sqlx::query("INSERT INTO sessions (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(hash_token(&token))
            .bind(person_id)
            .bind(now)
            .bind(expires_at)
    )?;
    Ok((token, expires_at))
}

/// Sign in with email and password.
#[utoipa::path(post, path = "/v1/auth/sign-in", tag = "accounts", request_body = SignInRequest,
    responses((status = 200, body = SessionResponse), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
#[tracing::instrument(skip_all)]
async fn sign_in(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Json(body): Json<SignInRequest>,
) -> ApiResult<Json<SessionResponse>> {
    let email = body.email.trim().to_lowercase();
    throttle::check(&state.db, "sign-in", &email, &ip).await?;
    // An account its owner asked to erase opens again when they sign in before it is final.
    let row: Option<(Uuid, String, bool)> = on_db!(&state.db, c => sqlx::query_as(
        "SELECT id, password_hash, deactivated_at IS NOT NULL FROM people WHERE email = $1 \
            AND (deactivated_at IS NULL OR (erasure_asked_by = 'self' AND erased_at IS NULL))")
        .bind(&email).fetch_optional(c).await)?;
    let (person_id, stored, erasing) = match row {
        Some((id, stored, erasing)) => (Some(id), Some(stored), erasing),
        None => (None, None, false),
    };
    let matches = verify_password(body.password, stored).await?;
    let Some(person_id) = person_id.filter(|_| matches) else {
        throttle::failed(&state.db, "sign-in", &email, &ip).await?;
        return Err(invalid_credentials());
    };
    throttle::succeeded(&state.db, "sign-in", &email, &ip).await?;
    let mut tx = state.db.begin_write().await?;
    if erasing {
        people::erasure::cancel(&mut tx, person_id, person_id).await?;
    }
    let (token, expires_at) = open_session(&mut tx, person_id).await?;
    set_language(&mut tx, person_id, Lang::from_headers(&headers)).await?;
    let me = people::load_me(&mut tx, person_id).await?;
    tx.commit().await?;
    Ok(Json(SessionResponse { token, expires_at, me }))
}

/// Sign out: the token stops working at once.
#[utoipa::path(post, path = "/v1/auth/sign-out", tag = "accounts", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
async fn sign_out(State(state): State<AppState>, AuthUser(actor): AuthUser) -> ApiResult<StatusCode> {
    let mut tx = state.db.begin_write().await?;
    exec!(
        &mut tx,
        sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2")
            .bind(Utc::now())
            .bind(actor.session_hash())
    )?;
    crate::web_push::forget_session(&mut tx, actor.session_hash()).await?;
    sessions_ended(&state, tx, actor.person_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Commits `tx`, which ended sessions of `person_id`, and tells that person's live channels
/// to check theirs (they close at once if theirs ended).
pub async fn sessions_ended(state: &AppState, tx: Tx, person_id: Uuid) -> ApiResult<()> {
    let mut changes = ChangeSet::default();
    changes.poke(crate::pokes::sessions_changed(person_id));
    crate::sync::log::commit_and_poke(tx, changes, &state.pokes).await
}

/// Erase one's account: closed at once on every device, erased for good after the grace
/// period (`people::erasure`); signing in again before then cancels it.
#[utoipa::path(post, path = "/v1/auth/erasure", tag = "accounts", security(("bearer" = [])), request_body = AccountErasureRequest,
    responses((status = 202, body = AccountErasure), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn request_erasure(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Json(body): Json<AccountErasureRequest>,
) -> ApiResult<(StatusCode, Json<AccountErasure>)> {
    rate_limit::check(&state.db, &format!("password:account:{}", actor.person_id), 10, 900).await?;
    let stored: String = on_db!(&state.db, c => sqlx::query_scalar("SELECT password_hash FROM people WHERE id = $1")
        .bind(actor.person_id).fetch_one(c).await)?;
    if !verify_password(body.password, Some(stored)).await? {
        return Err(ApiError::client(
            StatusCode::UNAUTHORIZED,
            ErrorCode::InvalidCredentials,
            "The password is not right.",
        ));
    }
    let mut tx = state.db.begin_write().await?;
    let mut changes = ChangeSet::default();
    let due_at = people::erasure::request(
        &mut tx,
        &state.settings,
        actor.person_id,
        people::erasure::AskedBy::Themselves,
        Utc::now(),
        &mut changes,
    )
    .await?;
    crate::sync::log::commit_and_poke(tx, changes, &state.pokes).await?;
    Ok((StatusCode::ACCEPTED, Json(AccountErasure { due_at })))
}

/// Change one's password; every other session is signed out.
#[utoipa::path(post, path = "/v1/auth/password", tag = "accounts", security(("bearer" = [])), request_body = ChangePasswordRequest,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn change_password(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    Json(body): Json<ChangePasswordRequest>,
) -> ApiResult<StatusCode> {
    rate_limit::check(&state.db, &format!("password:account:{}", actor.person_id), 10, 900).await?;
    let (stored, email, name): (String, String, String) = on_db!(&state.db, c => sqlx::query_as("SELECT password_hash, email, display_name FROM people WHERE id = $1")
        .bind(actor.person_id).fetch_one(c).await)?;
    let new_password = fields::new_password("new_password", &body.new_password, &[&email, &name])?;
    if !verify_password(body.current_password, Some(stored)).await? {
        return Err(ApiError::client(
            StatusCode::UNAUTHORIZED,
            ErrorCode::InvalidCredentials,
            "The current password is not right.",
        ));
    }
    let hash = hash_password(new_password).await?;
    let mut tx = state.db.begin_write().await?;
    exec!(
        &mut tx,
        sqlx::query("UPDATE people SET password_hash = $1 WHERE id = $2").bind(&hash).bind(actor.person_id)
    )?;
    // Every other session ends: the apps', the console's, and their live channels.
    let now = Utc::now();
    exec!(
        &mut tx,
        sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE person_id = $2 AND token_hash <> $3 AND revoked_at IS NULL"
        )
        .bind(now)
        .bind(actor.person_id)
        .bind(actor.session_hash())
    )?;
    exec!(
        &mut tx,
        sqlx::query("UPDATE admin_sessions SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL")
            .bind(now)
            .bind(actor.person_id)
    )?;
    audit::record(
        &mut tx,
        Some(actor.person_id),
        audit::Action::PersonPasswordChange,
        "person",
        Some(actor.person_id),
        serde_json::json!({}),
    )
    .await?;
    sessions_ended(&state, tx, actor.person_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Invite an email into an organisation. Federation admins invite anywhere; association
/// managers into their own association. The code is shown once, to be passed on.
#[utoipa::path(post, path = "/v1/invitations", tag = "accounts", security(("bearer" = [])), request_body = CreateInvitationRequest,
    responses((status = 201, body = Invitation), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "`account_exists`: someone already has an account with this address", body = ErrorBody),
        (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(person = %actor.person_id))]
async fn create_invitation(
    State(state): State<AppState>,
    AuthUser(actor): AuthUser,
    headers: HeaderMap,
    Json(body): Json<CreateInvitationRequest>,
) -> ApiResult<(StatusCode, Json<Invitation>)> {
    let role = body.role.unwrap_or(InvitedRole::Member);
    rate_limit::check(&state.db, &format!("invite:account:{}", actor.person_id), 500, 3600).await?;
    let mut tx = state.db.begin_write().await?;
    let invitation =
        invite(&mut tx, &state.settings, &actor, &body.email, body.organisation_id, role, Lang::from_headers(&headers))
            .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(invitation)))
}

/// Invites an email into an organisation (the API's and the console's one way): the
/// organisation exists and is not archived, the actor manages it, no account has the email.
/// When the server sends mail, the invitation goes by mail too, in `l`, with its link.
pub async fn invite(
    tx: &mut Tx,
    settings: &Settings,
    actor: &Actor,
    email: &str,
    organisation_id: Uuid,
    role: InvitedRole,
    l: Lang,
) -> ApiResult<Invitation> {
    let email = fields::email(email)?;
    let archived: Option<Option<DateTime<Utc>>> = on_tx!(tx, c => sqlx::query_scalar("SELECT archived_at FROM organisations WHERE id = $1")
        .bind(organisation_id).fetch_optional(c).await)?;
    match archived {
        None => {
            return Err(ApiError::not_found(ErrorCode::OrganisationNotFound, "This organisation does not exist."));
        }
        Some(Some(_)) => {
            return Err(ApiError::invalid(ErrorCode::OrganisationArchived, "This organisation is archived."));
        }
        Some(None) => {}
    }
    if !manages(tx, actor, organisation_id).await? {
        return Err(ApiError::forbidden(
            ErrorCode::Forbidden,
            "Only the managers of this organisation and federation administrators can invite people into it.",
        ));
    }
    let existing: Option<i64> = on_tx!(tx, c => sqlx::query_scalar("SELECT CAST(1 AS BIGINT) FROM people WHERE email = $1")
        .bind(&email).fetch_optional(c).await)?;
    if existing.is_some() {
        return Err(ApiError::conflict(ErrorCode::AccountExists, "An account already exists for this email address."));
    }
    let code = random_secret(18);
    let id = Uuid::now_v7();
    let now = Utc::now();
    let expires_at = now + Duration::days(INVITATION_DAYS);
    let role_text = match role {
        InvitedRole::Member => "member",
        InvitedRole::Manager => "manager",
    };
    exec!(tx, sqlx::query("INSERT INTO invitations (id, code_hash, email, organisation_id, role, invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(id).bind(hash_token(&code)).bind(&email).bind(organisation_id).bind(role_text).bind(actor.person_id).bind(now).bind(expires_at))?;
    audit::record(
        tx,
        Some(actor.person_id),
        audit::Action::InvitationCreate,
        "organisation",
        Some(organisation_id),
        serde_json::json!({ "invitation": id, "role": role_text, "email": email }),
    )
    .await?;
    let mut invitation = Invitation {
        id,
        link: format!("{}/join/{code}", settings.public_url),
        email,
        organisation_id,
        role,
        code,
        mailed: false,
        expires_at,
    };
    invitation.mailed = invitations::mail(tx, settings, l, actor.person_id, &invitation, 1).await?;
    Ok(invitation)
}

fn invitation_invalid() -> ApiError {
    ApiError::not_found(
        ErrorCode::InvitationInvalid,
        "This invitation code is not valid or has expired. Ask the person who invited you for a new one.",
    )
}

/// Redeem an invitation code: creates the account and signs in.
#[utoipa::path(post, path = "/v1/invitations/redeem", tag = "accounts", request_body = RedeemInvitationRequest,
    responses((status = 201, body = SessionResponse), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
#[tracing::instrument(skip_all)]
async fn redeem_invitation(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Json(body): Json<RedeemInvitationRequest>,
) -> ApiResult<(StatusCode, Json<SessionResponse>)> {
    let session = redeem(&state, &ip, &body, Lang::from_headers(&headers)).await?;
    Ok((StatusCode::CREATED, Json(session)))
}

/// Redeems an invitation (the API's and the `/join` page's one way): creates the account
/// (its mails in `l`) and opens a session.
pub async fn redeem(state: &AppState, ip: &str, body: &RedeemInvitationRequest, l: Lang) -> ApiResult<SessionResponse> {
    rate_limit::check(&state.db, &format!("redeem:ip:{ip}"), 20, 900).await?;
    let display_name = fields::display_name(&body.display_name)?;
    let password = fields::new_password("password", &body.password, &[&display_name])?;
    let code_hash = hash_token(body.code.trim());
    rate_limit::check(&state.db, &format!("redeem:code:{}", URL_SAFE_NO_PAD.encode(&code_hash)), 10, 900).await?;
    let password_hash = hash_password(password).await?;
    let now = Utc::now();
    let mut tx = state.db.begin_write().await?;
    let row: Option<(Uuid, String, Uuid, String)> = on_tx!(&mut tx, c => sqlx::query_as("SELECT id, email, organisation_id, role FROM invitations WHERE code_hash = $1 AND redeemed_at IS NULL AND withdrawn_at IS NULL AND expires_at > $2")
        .bind(&code_hash).bind(now).fetch_optional(c).await)?;
    let Some((invitation_id, email, organisation_id, role)) = row else {
        return Err(invitation_invalid());
    };
    let mut changes = ChangeSet::default();
    let person_id = people::insert_person(
        &mut tx,
        NewPerson { organisation_id, email, display_name, password_hash, federation_admin: false },
        &mut changes,
    )
    .await?;
    if role == "manager" {
        exec!(
            &mut tx,
            sqlx::query("INSERT INTO organisation_managers (organisation_id, person_id) VALUES ($1, $2)")
                .bind(organisation_id)
                .bind(person_id)
        )?;
        people::put_me(&mut tx, person_id, &mut changes).await?;
    }
    exec!(&mut tx, sqlx::query("UPDATE invitations SET redeemed_at = $1 WHERE id = $2").bind(now).bind(invitation_id))?;
    crate::groups::welcome(&mut tx, person_id, organisation_id, &mut changes).await?;
    set_language(&mut tx, person_id, l).await?;
    let (token, expires_at) = open_session(&mut tx, person_id).await?;
    let me = people::load_me(&mut tx, person_id).await?;
    crate::sync::log::commit(&mut tx, changes).await?;
    tx.commit().await?;
    Ok(SessionResponse { token, expires_at, me })
}
