//! The public pages' frame (those an e-mail's link opens: `/join`, `/reset`, and asking for a
//! reset): askama templates in `server/templates/public/`, the console's stylesheet, a strict
//! policy, never cached, and never a referrer (their addresses carry one-time secrets).

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use crate::error::{ApiError, ErrorCode};
use crate::lang::Lang;

#[derive(Template)]
#[template(path = "public/message.html")]
pub struct MessagePage {
    pub l: Lang,
    pub title: String,
    pub text: String,
    /// A link onwards: (address, label).
    pub next: Option<(String, String)>,
}

/// A public page: strict policy, never cached, the link's token never sent on as a referrer.
pub fn public_page(status: StatusCode, template: &impl Template) -> Response {
    let html = match template.render() {
        Ok(html) => html,
        Err(error) => {
            tracing::error!(%error, "a public page failed to render");
            return (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side.").into_response();
        }
    };
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// The answer when the server failed (the error is logged, nothing of it is shown).
pub fn failed(error: ApiError) -> Response {
    tracing::error!(%error, "a public page failed");
    (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side; try again.").into_response()
}

/// A form whose two passwords differ.
pub fn passwords_differ(l: Lang) -> String {
    l.tr("Les deux mots de passe ne sont pas les mêmes.", "The two passwords are not the same.").into()
}

/// The sentence, in `l`, for a refusal a public page's form may meet; the API's own
/// message for the others.
pub fn refusal(l: Lang, code: ErrorCode, message: String) -> String {
    let text = match code {
        ErrorCode::WeakPassword => l.tr(
            "Ce mot de passe est trop facile à deviner (un mot courant, une suite, votre nom) : choisissez quelques mots à vous, avec un chiffre ou un signe.",
            "This password is too easy to guess (a common word, a sequence, your name): choose a few words of your own, with a number or a sign.",
        ),
        ErrorCode::RateLimited => l.tr(
            "Trop d'essais. Attendez quelques minutes avant de réessayer.",
            "Too many attempts. Wait a few minutes before trying again.",
        ),
        ErrorCode::AccountExists => l.tr(
            "Un compte existe déjà avec cette adresse : connectez-vous dans l'application.",
            "An account already exists with this address: sign in from the app.",
        ),
        ErrorCode::MailUnavailable => l.tr(
            "Ce serveur n'envoie pas d'e-mails : demandez à un responsable de votre association de vous donner un lien pour choisir un nouveau mot de passe.",
            "This server sends no e-mail: ask a manager of your association to give you a link to choose a new password.",
        ),
        _ => return message,
    };
    text.to_owned()
}
