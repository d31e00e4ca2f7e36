//! `/join/<code>`: the page an invitation's link opens (DESIGN.md §11). It says who invites
//! into what, and creates the account there (name and password) for people who start from a
//! computer or have no smartphone; then it says how to sign in from the app.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use chrono::{DateTime, Utc};
use fabrique_wire::accounts::RedeemInvitationRequest;
use serde::Deserialize;

use super::pages::{MessagePage, failed, passwords_differ, public_page, refusal};
use crate::auth::{ClientIp, hash_token};
use crate::error::{ApiError, ErrorCode};
use crate::lang::Lang;
use crate::{AppState, on_db};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/join/{code}", get(join_page).post(join_form))
        .route("/open/{kind}", get(open_page))
        .route("/open/{kind}/{id}", get(open_item_page))
        .route("/.well-known/assetlinks.json", get(asset_links))
        .route("/.well-known/apple-app-site-association", get(apple_app_site_association))
}

/// Android App Links: the published app (its package and signing certificates, from the
/// settings) may open this server's `/join/` links. 404 when no certificate is configured.
async fn asset_links(State(state): State<AppState>) -> Response {
    let apps = &state.settings.apps;
    if apps.android_cert_fingerprints.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let body = serde_json::json!([{
        "relation": ["delegate_permission/common.handle_all_urls"],
        "target": {
            "namespace": "android_app",
            "package_name": apps.android_package,
            "sha256_cert_fingerprints": apps.android_cert_fingerprints,
        }
    }]);
    ([(header::CACHE_CONTROL, "public, max-age=3600")], axum::Json(body)).into_response()
}

/// iOS Universal Links: the published app may open this server's `/join/` links (and only
/// those: everything else stays a web page). 404 when no app id is configured.
async fn apple_app_site_association(State(state): State<AppState>) -> Response {
    let apps = &state.settings.apps;
    if apps.ios_app_ids.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let body = serde_json::json!({
        "applinks": {
            "details": [{
                "appIDs": apps.ios_app_ids,
                "components": [
                    { "/": "/join/*", "comment": "An invitation opens the app on its federation." },
                    { "/": "/open/*", "comment": "A link of a mail opens the app at its item." }
                ]
            }]
        }
    });
    ([(header::CACHE_CONTROL, "public, max-age=3600")], axum::Json(body)).into_response()
}

/// What a mail's link may open in the app: `/open/<kind>/<id>`, or `/open/notifications`.
const OPENABLE: [&str; 5] = ["must-read", "question", "event", "post", "conversation"];

/// The address a mail gives for an item (`kind` one of [`OPENABLE`], or `notifications`
/// with no id): on a phone with the app (and App Links or Universal Links set up) it opens
/// the app there; elsewhere a page with a button that does, and nothing of the item itself.
pub fn item_link(public_url: &str, kind: &str, id: Option<uuid::Uuid>) -> String {
    match id {
        Some(id) => format!("{public_url}/open/{kind}/{id}"),
        None => format!("{public_url}/open/{kind}"),
    }
}

async fn open_page(State(state): State<AppState>, headers: HeaderMap, Path(kind): Path<String>) -> Response {
    open_in_app(&state, Lang::from_headers(&headers), &kind, None)
}

async fn open_item_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((kind, id)): Path<(String, String)>,
) -> Response {
    open_in_app(&state, Lang::from_headers(&headers), &kind, Some(id))
}

/// A page that only offers to open the app (the item stays behind the sign-in: the link
/// tells nothing to whoever else reads it).
fn open_in_app(state: &AppState, l: Lang, kind: &str, id: Option<String>) -> Response {
    let valid = match &id {
        Some(id) => OPENABLE.contains(&kind) && uuid::Uuid::parse_str(id).is_ok(),
        None => kind == "notifications",
    };
    if !valid {
        return public_page(
            StatusCode::NOT_FOUND,
            &MessagePage {
                l,
                title: l.tr("Ce lien ne mène nulle part", "This link leads nowhere").into(),
                text: l
                    .tr(
                        "Ouvrez l'application Fabrique pour retrouver ce que vous cherchiez.",
                        "Open the Fabrique app to find what you were looking for.",
                    )
                    .into(),
                next: None,
            },
        );
    }
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("server", &state.settings.public_url).append_pair("kind", kind);
    if let Some(id) = &id {
        query.append_pair("id", id);
    }
    let link = format!("fabrique://open?{}", query.finish());
    let install = match (&state.settings.apps.app_store_url, &state.settings.apps.android_store_url) {
        (None, None) => l.tr(
            " Pas encore installée ? Cherchez « Fabrique » dans la boutique d'applications de votre téléphone.",
            " Not installed yet? Look for “Fabrique” in your phone's app store.",
        ),
        _ => l.tr(
            " Pas encore installée ? Les liens vers les boutiques sont sur la page d'invitation que vous avez reçue.",
            " Not installed yet? The store links are on the invitation page you received.",
        ),
    };
    public_page(
        StatusCode::OK,
        &MessagePage {
            l,
            title: l.tr("À lire dans l'application Fabrique", "To read in the Fabrique app").into(),
            text: format!(
                "{}{install}",
                l.tr(
                    "Ce lien s'ouvre dans l'application Fabrique, sur votre téléphone, une fois connecté·e.",
                    "This link opens in the Fabrique app, on your phone, once you are signed in.",
                )
            ),
            next: Some((link, l.tr("Ouvrir dans l'application", "Open in the app").into())),
        },
    )
}

/// The link that opens the installed app on this federation with the code filled in, for
/// phones where the web link itself did not (no App Links or Universal Links configured,
/// or the person opened it in a browser): `fabrique://join?server=…&code=…`.
pub fn app_link(public_url: &str, code: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("server", public_url)
        .append_pair("code", code.trim())
        .finish();
    format!("fabrique://join?{query}")
}

#[derive(Template)]
#[template(path = "public/join.html")]
struct JoinPage {
    l: Lang,
    code: String,
    email: String,
    organisation: String,
    federation: String,
    until: String,
    name: String,
    error: Option<String>,
    /// The link as a QR code (inline SVG), for a phone's camera when the page is open on a
    /// computer.
    qr: String,
    /// Opens the installed app on this invitation ([`app_link`]).
    app_link: String,
    app_store_url: Option<String>,
    android_store_url: Option<String>,
}

/// The page's own address as a QR code, as inline SVG (no XML declaration).
fn qr_code(link: &str) -> String {
    match qrcode::QrCode::new(link.as_bytes()) {
        Ok(code) => {
            let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(180, 180).build();
            match svg.find("<svg") {
                Some(start) => svg[start..].to_owned(),
                None => String::new(),
            }
        }
        Err(_) => String::new(),
    }
}

/// What an invitation says, while it can be redeemed.
async fn open_invitation(state: &AppState, code: &str) -> Result<Option<(String, String, DateTime<Utc>)>, ApiError> {
    Ok(on_db!(&state.db, c => sqlx::query_as(
        "SELECT i.email, o.name, i.expires_at FROM invitations i JOIN organisations o ON o.id = i.organisation_id \
         WHERE i.code_hash = $1 AND i.redeemed_at IS NULL AND i.withdrawn_at IS NULL AND i.expires_at > $2 AND o.archived_at IS NULL")
        .bind(hash_token(code.trim())).bind(Utc::now()).fetch_optional(c).await)?)
}

async fn federation(state: &AppState) -> Result<String, ApiError> {
    let mut tx = state.db.begin_read().await?;
    let name = crate::mail::messages::federation_name(&mut tx).await?;
    tx.commit().await?;
    Ok(name)
}

fn invalid_page(l: Lang) -> Response {
    public_page(
        StatusCode::NOT_FOUND,
        &MessagePage {
            l,
            title: l.tr("Cette invitation n'est plus valable", "This invitation is no longer valid").into(),
            text: l
                .tr(
                    "Elle a déjà servi, ou elle a expiré. Si vous avez déjà créé votre compte, connectez-vous dans l'application avec votre adresse e-mail. Sinon, demandez une nouvelle invitation à la personne qui vous a invité·e.",
                    "It was already used, or it has expired. If you already created your account, sign in from the app with your email address. Otherwise, ask the person who invited you for a new invitation.",
                )
                .into(),
            next: None,
        },
    )
}

async fn join_page(State(state): State<AppState>, headers: HeaderMap, Path(code): Path<String>) -> Response {
    let l = Lang::from_headers(&headers);
    match open_invitation(&state, &code).await {
        Ok(Some((email, organisation, expires_at))) => {
            let federation = match federation(&state).await {
                Ok(name) => name,
                Err(error) => return failed(error),
            };
            let until = l.day(&expires_at, crate::lang::time_zone_of(&state.db).await);
            let qr = qr_code(&format!("{}/join/{code}", state.settings.public_url));
            public_page(
                StatusCode::OK,
                &JoinPage {
                    l,
                    app_link: app_link(&state.settings.public_url, &code),
                    app_store_url: state.settings.apps.app_store_url.clone(),
                    android_store_url: state.settings.apps.android_store_url.clone(),
                    code,
                    email,
                    organisation,
                    federation,
                    until,
                    name: String::new(),
                    error: None,
                    qr,
                },
            )
        }
        Ok(None) => invalid_page(l),
        Err(error) => failed(error),
    }
}

#[derive(Deserialize)]
struct JoinForm {
    display_name: String,
    password: String,
    confirm: String,
}

async fn join_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Path(code): Path<String>,
    Form(form): Form<JoinForm>,
) -> Response {
    let l = Lang::from_headers(&headers);
    let Ok(Some((email, organisation, expires_at))) = open_invitation(&state, &code).await else {
        return invalid_page(l);
    };
    let federation = match federation(&state).await {
        Ok(name) => name,
        Err(error) => return failed(error),
    };
    let tz = crate::lang::time_zone_of(&state.db).await;
    let again = |status: StatusCode, error: String| {
        public_page(
            status,
            &JoinPage {
                l,
                code: code.clone(),
                email: email.clone(),
                organisation: organisation.clone(),
                federation: federation.clone(),
                until: l.day(&expires_at, tz),
                name: form.display_name.clone(),
                error: Some(error),
                qr: String::new(),
                app_link: app_link(&state.settings.public_url, &code),
                app_store_url: state.settings.apps.app_store_url.clone(),
                android_store_url: state.settings.apps.android_store_url.clone(),
            },
        )
    };
    if form.password != form.confirm {
        return again(StatusCode::UNPROCESSABLE_ENTITY, passwords_differ(l));
    }
    let request = RedeemInvitationRequest {
        code: code.clone(),
        display_name: form.display_name.clone(),
        password: form.password.clone(),
    };
    match super::redeem(&state, &ip, &request, l).await {
        Ok(_) => public_page(
            StatusCode::CREATED,
            &MessagePage {
                l,
                title: l.tr("Votre compte est créé", "Your account is ready").into(),
                text: match l {
                    Lang::Fr => format!(
                        "Installez l'application Fabrique sur votre téléphone (App Store ou Google Play), puis connectez-vous : adresse du serveur {}, adresse e-mail {email}, et le mot de passe que vous venez de choisir.",
                        state.settings.public_url
                    ),
                    Lang::En => format!(
                        "Install the Fabrique app on your phone (App Store or Google Play), then sign in: server address {}, email address {email}, and the password you have just chosen.",
                        state.settings.public_url
                    ),
                },
                next: None,
            },
        ),
        Err(ApiError::Client { code: ErrorCode::InvitationInvalid, .. }) => invalid_page(l),
        Err(ApiError::Client { status, code, message, .. }) => again(status, refusal(l, code, message)),
        Err(error) => failed(error),
    }
}
