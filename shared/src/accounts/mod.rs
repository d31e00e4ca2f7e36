//! Starting the app, signing in (or redeeming an invitation), signing out, and deleting
//! one's account (closed at once, erased by the server after 14 days; signing in again
//! before then cancels it).
//!
//! The session token is kept in the device's storage so the person stays signed in across
//! restarts. Signing out forgets the token and the synced data, but keeps the person's
//! unsent writes for their next sign-in.

mod links;
pub mod types;
pub use self::types::*;

use crux_core::{Command, render::render};
use crux_http::protocol::HttpResult;
use crux_kv::KeyValueResult;
use fabrique_wire::accounts::{
    AccountErasure, AccountErasureRequest, PasswordResetRequest, RedeemInvitationRequest, SessionResponse,
    SignInRequest,
};
use serde::Serialize;

use crate::api::{self, Credentials, Failure};
use crate::i18n::{Language, Text};
use crate::model::{Cmd, Event, Model, Phase, Session};
use crate::realtime::RealtimeOperation;
use crate::storage::{self, SavedSession};
use crate::sync;

pub fn start(model: &mut Model, language: Language) -> Cmd {
    if !matches!(model.phase, Phase::Starting) || model.started {
        // Started twice (a shell recreated its UI): what is loaded stays.
        return render();
    }
    model.started = true;
    model.language = language;
    let settings = Command::request_from_shell(storage::get(storage::SETTINGS))
        .then_send(|r| answered(AccountsAnswer::SettingsLoaded(r)));
    // The federation first, then the session: the sign-in screen knows where it is.
    let federation = Command::request_from_shell(storage::get(storage::FEDERATION))
        .then_send(|r| answered(AccountsAnswer::FederationLoaded(r)));
    settings.and(federation).and(render())
}

fn federation_loaded(model: &mut Model, result: KeyValueResult) -> Cmd {
    if let Ok(Some(federation)) = storage::read::<Federation>(result) {
        model.federation = Some(federation);
    }
    Command::request_from_shell(storage::get(storage::SESSION))
        .then_send(|r| answered(AccountsAnswer::SessionLoaded(r)))
}

fn session_loaded(model: &mut Model, result: KeyValueResult) -> Cmd {
    if !matches!(model.phase, Phase::Starting) {
        return Command::done();
    }
    match storage::read::<SavedSession>(result) {
        Ok(Some(saved)) => resume(model, saved, Command::done()),
        // None in the protected storage: perhaps one an earlier version kept in a file.
        _ => Command::request_from_shell(storage::get(storage::OLD_SESSION))
            .then_send(|r| answered(AccountsAnswer::OldSessionLoaded(r))),
    }
}

/// A session kept in a plain file by an earlier version moves to the protected storage (and
/// the file goes), so the person stays signed in across the update.
fn old_session_loaded(model: &mut Model, result: KeyValueResult) -> Cmd {
    if !matches!(model.phase, Phase::Starting) {
        return Command::done();
    }
    match storage::read::<SavedSession>(result) {
        Ok(Some(saved)) => {
            let save = Command::request_from_shell(storage::set(storage::SESSION, &saved))
                .then_request(|_| Command::request_from_shell(storage::delete(storage::OLD_SESSION)))
                .build();
            resume(model, saved, save)
        }
        _ => {
            model.phase = Phase::SignedOut(SignIn::default());
            match model.pending_link.take() {
                Some(url) => render().and(open_link(model, url)),
                None => render(),
            }
        }
    }
}

/// Signed in already: straight to what the phone holds.
fn resume(model: &mut Model, saved: SavedSession, also: Cmd) -> Cmd {
    if model.federation.is_none() {
        // Signed in by an earlier version, which kept no federation: its address is the
        // session's, named after its host until the next check.
        let name = links::host(&saved.server_url).unwrap_or_else(|| saved.server_url.clone());
        model.federation = Some(Federation { address: saved.server_url.clone(), name });
    }
    let credentials = Credentials { server_url: saved.server_url, token: saved.token };
    let started = also.and(activate(model, credentials, saved.person_id, None));
    match model.pending_link.take() {
        Some(url) => started.and(open_link(model, url)),
        None => started,
    }
}

/// An invitation link: on the sign-in screen, its federation is checked and kept and the
/// form that creates the account opens with its code; signed in, the person is told the
/// invitation is for a new account.
fn open_link(model: &mut Model, url: String) -> Cmd {
    match &mut model.phase {
        Phase::Starting => {
            model.pending_link = Some(url);
            Command::done()
        }
        Phase::Active(session) => match links::item(&url) {
            Some((address, route)) if address == session.credentials.server_url => {
                Command::event(crate::model::Event::Navigate(route))
            }
            Some(_) => {
                session.notice = Some(Text::LinkOtherFederation);
                render()
            }
            None => {
                session.notice = Some(Text::InvitationWhileSignedIn);
                render()
            }
        },
        Phase::SignedOut(state) => match links::item(&url) {
            // A mail's link before signing in: its place waits for the sign-in.
            Some((address, route)) if model.federation.as_ref().is_none_or(|f| f.address == address) => {
                model.after_sign_in = Some(route);
                if model.federation.is_none() {
                    return check_federation(model, address, None);
                }
                state.notice = Some(Text::SignInToOpen);
                render()
            }
            Some(_) => {
                state.error = Some(Text::LinkOtherFederation);
                render()
            }
            None => open_invitation(model, links::invitation(&url)),
        },
    }
}

fn open_invitation(model: &mut Model, link: Option<(String, String)>) -> Cmd {
    let Phase::SignedOut(state) = &mut model.phase else { return render() };
    match link {
        Some((address, code)) if model.federation.as_ref().is_some_and(|f| f.address == address) => {
            state.invitation_code = Some(code);
            state.error = None;
            render()
        }
        Some((address, code)) => check_federation(model, address, Some(code)),
        None => {
            state.error = Some(Text::InvitationLinkInvalid);
            render()
        }
    }
}

/// Ask the address's server who it is before keeping it.
fn check_federation(model: &mut Model, address: String, code: Option<String>) -> Cmd {
    let tag = model.tag();
    let Phase::SignedOut(state) = &mut model.phase else { return render() };
    state.busy = Some(tag);
    state.error = None;
    state.notice = None;
    state.address = address.clone();
    let request = api::public_get(&address, "/health");
    Command::request_from_shell(request)
        .then_send(move |result| answered(AccountsAnswer::FederationChecked { tag, address, code, result }))
        .and(render())
}

fn federation_checked(model: &mut Model, tag: u64, address: String, code: Option<String>, result: HttpResult) -> Cmd {
    let Phase::SignedOut(state) = &mut model.phase else { return Command::done() };
    if state.busy != Some(tag) {
        return Command::done();
    }
    state.busy = None;
    match api::decode::<fabrique_wire::accounts::Health>(result) {
        Ok(health) if health.service == "fabrique" => {
            let federation = Federation { address, name: health.federation };
            let save = Command::request_from_shell(storage::set(storage::FEDERATION, &federation)).build();
            state.invitation_code = code;
            model.federation = Some(federation);
            save.and(render())
        }
        Err(Failure::Unreachable) => {
            state.error = Some(Text::FederationUnreachable);
            render()
        }
        // Another site (no /health, or not ours), or a server in trouble.
        Ok(_) | Err(_) => {
            state.error = Some(Text::FederationNotFabrique);
            render()
        }
    }
}

fn answered(answer: AccountsAnswer) -> Event {
    Event::Accounts(AccountsEvent::Answered(Box::new(answer)))
}

pub fn update(event: AccountsEvent, model: &mut Model) -> Cmd {
    match event {
        AccountsEvent::Answered(answer) => match *answer {
            AccountsAnswer::SettingsLoaded(result) => {
                if let Ok(Some(settings)) = storage::read::<storage::Settings>(result) {
                    model.language = settings.language;
                }
                render()
            }
            AccountsAnswer::FederationLoaded(result) => federation_loaded(model, result),
            AccountsAnswer::FederationChecked { tag, address, code, result } => {
                federation_checked(model, tag, address, code, result)
            }
            AccountsAnswer::SessionLoaded(result) => session_loaded(model, result),
            AccountsAnswer::OldSessionLoaded(result) => old_session_loaded(model, result),
            AccountsAnswer::SignedIn { tag, result } => signed_in(model, tag, result),
            AccountsAnswer::ResetAsked { tag, result } => reset_asked(model, tag, result),
            AccountsAnswer::ErasureAsked { tag, result } => erasure_asked(model, tag, result),
        },
        AccountsEvent::ChooseFederation { address } => {
            let Phase::SignedOut(state) = &mut model.phase else { return render() };
            // An invitation link pasted, with or without its https://.
            let typed = address.trim();
            if let Some(link) = links::invitation(typed).or_else(|| links::invitation(&format!("https://{typed}"))) {
                return open_invitation(model, Some(link));
            }
            match links::federation_address(typed) {
                Some(address) => check_federation(model, address, None),
                None => {
                    state.address = address.trim().to_owned();
                    state.error = Some(Text::FederationAddressInvalid);
                    render()
                }
            }
        }
        AccountsEvent::ChangeFederation => {
            let Phase::SignedOut(state) = &mut model.phase else { return render() };
            if state.busy.is_some() {
                return render();
            }
            if let Some(federation) = model.federation.take() {
                state.address = federation.address;
            }
            state.invitation_code = None;
            state.error = None;
            state.notice = None;
            Command::request_from_shell(storage::delete(storage::FEDERATION)).build().and(render())
        }
        AccountsEvent::OpenLink { url } => open_link(model, url),
        AccountsEvent::EraseAccount { password } => {
            let Phase::Active(session) = &mut model.phase else { return render() };
            if password.is_empty() {
                session.erasure.error = Some(Text::PasswordWrong);
                return render();
            }
            let tag = session.tag();
            session.erasure = Erasure { busy: Some(tag), error: None };
            let request = api::post(
                Some(&session.credentials),
                &session.credentials.server_url,
                "/v1/auth/erasure",
                &AccountErasureRequest { password },
            );
            let request = api::in_language(request, model.language);
            Command::request_from_shell(request)
                .then_send(move |result| answered(AccountsAnswer::ErasureAsked { tag, result }))
                .and(render())
        }
        AccountsEvent::SignIn { email, password } => {
            let Phase::SignedOut(state) = &mut model.phase else { return render() };
            if model.federation.is_none() {
                return render();
            }
            let email = email.trim().to_lowercase();
            if !email.contains('@') || email.len() > 254 {
                state.error = Some(Text::EmailInvalid);
                return render();
            }
            if password.is_empty() {
                state.error = Some(Text::InvalidCredentials);
                return render();
            }
            let body = SignInRequest { email, password };
            send_sign_in(model, "/v1/auth/sign-in", &body)
        }
        AccountsEvent::Redeem { code, display_name, password } => {
            let Phase::SignedOut(state) = &mut model.phase else { return render() };
            if model.federation.is_none() {
                return render();
            }
            if display_name.trim().is_empty() {
                state.error = Some(Text::NameRequired);
                return render();
            }
            if password.chars().count() < 10 {
                state.error = Some(Text::PasswordTooShort);
                return render();
            }
            let body = RedeemInvitationRequest { code: code.trim().to_owned(), display_name, password };
            send_sign_in(model, "/v1/invitations/redeem", &body)
        }
        AccountsEvent::SignOut => sign_out(model, None),
        AccountsEvent::ForgotPassword { email } => {
            let Phase::SignedOut(state) = &mut model.phase else { return render() };
            if model.federation.is_none() {
                return render();
            }
            let email = email.trim().to_lowercase();
            if !email.contains('@') || email.len() > 254 {
                state.error = Some(Text::EmailInvalid);
                return render();
            }
            let tag = model.tag();
            if let Phase::SignedOut(state) = &mut model.phase {
                state.busy = Some(tag);
                state.error = None;
                state.notice = None;
            }
            let mut request =
                api::post(None, model.server_url(), "/v1/auth/password-reset", &PasswordResetRequest { email });
            // The mail is written in the language the person uses the app in.
            let language = match model.language {
                Language::French => "fr",
                Language::English => "en",
            };
            request
                .headers
                .push(crux_http::protocol::HttpHeader { name: "accept-language".into(), value: language.into() });
            Command::request_from_shell(request)
                .then_send(move |result| answered(AccountsAnswer::ResetAsked { tag, result }))
                .and(render())
        }
    }
}

/// The account is closed (the server erases it in 14 days): this phone forgets everything
/// of the person, unsent writes included (they asked for their data to go), and says how to
/// change one's mind. A wrong password keeps the dialog open.
fn erasure_asked(model: &mut Model, tag: u64, result: HttpResult) -> Cmd {
    let Phase::Active(session) = &mut model.phase else { return Command::done() };
    if session.erasure.busy != Some(tag) {
        return Command::done();
    }
    session.erasure.busy = None;
    match api::decode::<AccountErasure>(result) {
        Ok(_) => end_session(model, Some(Text::ErasureScheduled), Ending::Erased),
        Err(Failure::Unauthorized) => {
            session.erasure.error = Some(Text::PasswordWrong);
            render()
        }
        Err(failure) => {
            session.erasure.error = Some(failure.text());
            render()
        }
    }
}

/// The server took the request (whether an account has the address, it does not say): the
/// person is told to look at their mail; or why it could not.
fn reset_asked(model: &mut Model, tag: u64, result: HttpResult) -> Cmd {
    let Phase::SignedOut(state) = &mut model.phase else { return Command::done() };
    if state.busy != Some(tag) {
        return Command::done();
    }
    state.busy = None;
    match api::decode_empty(result) {
        Ok(()) => state.notice = Some(Text::ResetLinkSent),
        Err(Failure::Refused { status: 503, .. }) => state.error = Some(Text::MailUnavailable),
        Err(Failure::Refused { status: 422, .. }) => state.error = Some(Text::EmailInvalid),
        Err(failure) => state.error = Some(failure.text()),
    }
    render()
}

fn send_sign_in(model: &mut Model, path: &str, body: &impl Serialize) -> Cmd {
    let tag = model.tag();
    if let Phase::SignedOut(state) = &mut model.phase {
        state.busy = Some(tag);
        state.error = None;
    }
    // The server writes this person's mails in the app's language.
    let request = api::in_language(api::post(None, model.server_url(), path, body), model.language);
    Command::request_from_shell(request)
        .then_send(move |result| answered(AccountsAnswer::SignedIn { tag, result }))
        .and(render())
}

fn signed_in(model: &mut Model, tag: u64, result: HttpResult) -> Cmd {
    let Phase::SignedOut(state) = &mut model.phase else { return Command::done() };
    if state.busy != Some(tag) {
        return Command::done();
    }
    state.busy = None;
    match api::decode::<SessionResponse>(result) {
        Ok(answer) => {
            let credentials = Credentials { server_url: model.server_url().to_owned(), token: answer.token };
            let person_id = answer.me.profile.id;
            let saved = SavedSession {
                server_url: credentials.server_url.clone(),
                token: credentials.token.clone(),
                person_id,
            };
            let save = Command::request_from_shell(storage::set(storage::SESSION, &saved)).build();
            save.and(activate(model, credentials, person_id, Some(answer.me)))
        }
        Err(failure) => {
            state.error = Some(match failure {
                Failure::Unauthorized => Text::InvalidCredentials,
                Failure::Refused { status: 404 | 409 | 410, .. } => Text::InvitationInvalid,
                Failure::Refused { status: 422, ref code, .. } if code == "weak_password" => Text::PasswordWeak,
                Failure::Refused { status: 422, ref details, .. } if is_password_field(details) => {
                    Text::PasswordTooShort
                }
                other => other.text(),
            });
            render()
        }
    }
}

fn is_password_field(details: &Option<serde_json::Value>) -> bool {
    details.as_ref().and_then(|d| d.get("field")).and_then(|f| f.as_str()).is_some_and(|f| f.contains("password"))
}

/// Become active: load what the device holds for this person, then sync.
fn activate(
    model: &mut Model,
    credentials: Credentials,
    person_id: uuid::Uuid,
    me: Option<fabrique_wire::people::Me>,
) -> Cmd {
    model.epoch += 1;
    let mut session = Session::new(credentials, person_id, model.epoch, model.clock.clone());
    session.me_at_sign_in = me;
    let load = sync::load(&session).and(crate::moderation::refresh(&mut session));
    model.phase = Phase::Active(Box::new(session));
    // Signed in from a mail's link: there at once.
    let place = match model.after_sign_in.take() {
        Some(route) => Command::event(crate::model::Event::Navigate(route)),
        None => Command::done(),
    };
    load.and(render()).and(place)
}

/// The server no longer accepts the token: back to sign-in, keeping the person's writes.
pub fn expire(model: &mut Model) -> Cmd {
    end_session(model, Some(Text::SessionExpired), Ending::Expired)
}

/// How a session ends on this phone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// The person signed out: the server is told; unsent writes wait for the next sign-in.
    SignedOut,
    /// The server no longer accepts the token: unsent writes wait for the next sign-in.
    Expired,
    /// The person deleted their account: nothing of theirs stays, unsent writes neither.
    Erased,
}

fn sign_out(model: &mut Model, reason: Option<Text>) -> Cmd {
    end_session(model, reason, if reason.is_none() { Ending::SignedOut } else { Ending::Expired })
}

fn end_session(model: &mut Model, reason: Option<Text>, ending: Ending) -> Cmd {
    let Phase::Active(session) = std::mem::take(&mut model.phase) else {
        model.phase = Phase::SignedOut(SignIn::default());
        return render();
    };
    model.epoch += 1;
    let kept = ending != Ending::Erased && session.outbox.waiting() > 0;
    let notice = reason.or(kept.then_some(Text::PendingAfterSignOut));
    model.phase = Phase::SignedOut(SignIn { notice, ..SignIn::default() });

    // A store save under way stops here: nothing of this person is written after sign-out.
    if let Some(save) = &session.sync.store_save {
        save.abort();
    }
    // So does a file being sent: it goes again at the next sign-in (it is in the outbox).
    crate::attachments::stop(&session);
    let mut commands = vec![
        Command::notify_shell(RealtimeOperation::Disconnect).into(),
        Command::request_from_shell(crate::notifications::types::PushOperation::Unregister).build(),
        Command::request_from_shell(storage::delete(storage::SESSION)).build(),
        // A shared phone's next user gets no notice naming this person's groups.
        Command::request_from_shell(storage::delete(storage::NOTICE_NAMES)).build(),
        Command::request_from_shell(storage::delete(storage::store_key(session.person_id))).build(),
    ];
    commands.push(if ending == Ending::Erased {
        Command::request_from_shell(storage::delete(storage::outbox_key(session.person_id))).build()
    } else {
        // The outbox stays, with what it holds now (answers since the last save included).
        // (The scopes' keys are deleted below.)
        let key = storage::outbox_key(session.person_id);
        let format = crate::sync::outbox::OUTBOX_FORMAT;
        Command::request_from_shell(storage::set_versioned(key, format, &session.outbox)).build()
    });
    for scope in session.store.scopes() {
        let key = storage::scope_key(session.person_id, scope);
        commands.push(Command::request_from_shell(storage::delete(key)).build());
    }
    if ending == Ending::SignedOut {
        let request = api::post(
            Some(&session.credentials),
            &session.credentials.server_url,
            "/v1/auth/sign-out",
            &serde_json::json!({}),
        );
        commands.push(Command::request_from_shell(request).build());
    }
    commands.push(render());
    Command::all(commands)
}

#[cfg(test)]
mod tests {
    use fabrique_wire::posts::Post;
    use uuid::Uuid;

    use crate::model::Event;
    use crate::testing::*;
    use crate::view::Screen;

    use super::AccountsEvent;

    #[test]
    fn a_first_start_without_a_session_shows_sign_in() {
        let mut shell = Shell::default();
        shell.start();
        assert!(matches!(shell.screen(), Screen::SignIn(_)));
        assert!(shell.http.is_empty(), "nothing is asked of the server before signing in");
    }

    fn health(federation: &str) -> fabrique_wire::accounts::Health {
        fabrique_wire::accounts::Health {
            status: "ok".into(),
            service: "fabrique".into(),
            federation: federation.into(),
            database: "sqlite".into(),
            version: None,
        }
    }

    fn federation_view(shell: &Shell) -> crate::view::FederationView {
        match shell.screen() {
            Screen::Federation(view) => view,
            other => panic!("expected the federation's address, got {other:?}"),
        }
    }

    #[test]
    fn a_new_phone_asks_for_the_federation_checks_it_and_keeps_it() {
        let mut shell = Shell::default();
        shell.start_new();
        let first = federation_view(&shell);
        assert!(first.address.is_empty() && !first.busy && first.error.is_none());
        assert!(first.help.contains("fabrique.ma-federation.fr"), "{first:?}");
        assert!(shell.http.is_empty(), "nothing asked before an address is typed");

        // Not an address: said at once, nothing asked, what was typed stays.
        shell.send(Event::Accounts(AccountsEvent::ChooseFederation { address: "ma fédération".into() }));
        let view = federation_view(&shell);
        assert!(view.error.as_deref().unwrap().starts_with("Cette adresse ne se lit pas"), "{view:?}");
        assert_eq!(view.address, "ma fédération");
        assert!(shell.http.is_empty());

        // Unreachable, then another site: each said in words.
        shell.send(Event::Accounts(AccountsEvent::ChooseFederation { address: "http://fabrique.test/".into() }));
        assert!(federation_view(&shell).busy);
        shell.answer_unreachable("/health");
        let view = federation_view(&shell);
        assert!(view.error.as_deref().unwrap().starts_with("Impossible de joindre"), "{view:?}");
        assert_eq!(view.address, "http://fabrique.test", "the address as it will be kept");
        shell.send(Event::Accounts(AccountsEvent::ChooseFederation { address: "http://fabrique.test".into() }));
        let request = shell.take_request("/health");
        shell.answer(request, ok(404, &"<html>Not found</html>"));
        let view = federation_view(&shell);
        assert!(view.error.as_deref().unwrap().contains("n'est pas celle d'un espace Fabrique"), "{view:?}");
        assert!(!shell.kv.contains_key("federation"));

        // A Fabrique server: kept, and the sign-in screen names it.
        shell.send(Event::Accounts(AccountsEvent::ChooseFederation { address: "http://fabrique.test".into() }));
        shell.answer_json("/health", 200, &health("Fédération des centres sociaux"));
        let Screen::SignIn(form) = shell.screen() else { panic!("expected sign-in") };
        assert_eq!(form.federation, "Fédération des centres sociaux");
        assert_eq!(form.address, "http://fabrique.test");
        assert!(form.error.is_none() && form.invitation_code.is_none());

        // Started again: straight to sign-in, nothing asked.
        let mut again = Shell::with_storage(shell.kv.clone());
        again.start_new();
        let Screen::SignIn(form) = again.screen() else { panic!("expected sign-in") };
        assert_eq!(form.federation, "Fédération des centres sociaux");
        assert!(again.http.is_empty());

        // Another federation: back to the address, filled with the one kept until now.
        again.send(Event::Accounts(AccountsEvent::ChangeFederation));
        assert_eq!(federation_view(&again).address, "http://fabrique.test");
        assert!(!again.kv.contains_key("federation"));
    }

    #[test]
    fn an_invitation_link_opens_the_right_federation_with_its_code() {
        // A new phone opened by the link, even before it has read what it holds.
        let mut shell = Shell::default();
        shell.send(Event::Accounts(AccountsEvent::OpenLink {
            url: "http://fabrique.test/join/fh2s7bBe0-3G8XqfVkOD".into(),
        }));
        shell.start_new();
        assert!(federation_view(&shell).busy, "the link's federation is being checked");
        shell.answer_json("/health", 200, &health("Fédération test"));
        let Screen::SignIn(form) = shell.screen() else { panic!("expected sign-in") };
        assert_eq!(form.invitation_code.as_deref(), Some("fh2s7bBe0-3G8XqfVkOD"));
        assert_eq!(form.federation, "Fédération test");

        // The invitation page's button, on a phone that knows this federation: no check.
        let mut known = Shell::default();
        known.start();
        known.send(Event::Accounts(AccountsEvent::OpenLink {
            url: "fabrique://join?server=http%3A%2F%2Ffabrique.test&code=autre-code".into(),
        }));
        let Screen::SignIn(form) = known.screen() else { panic!("expected sign-in") };
        assert_eq!(form.invitation_code.as_deref(), Some("autre-code"));
        assert!(known.http.is_empty());

        // Pasted in the address field, without its https://.
        let mut pasted = Shell::default();
        pasted.start_new();
        pasted
            .send(Event::Accounts(AccountsEvent::ChooseFederation { address: "ailleurs.example.org/join/xyz".into() }));
        let request = pasted.http.pop_front().expect("a check");
        assert_eq!(request.operation.url, "https://ailleurs.example.org/health");
        pasted.answer(request, ok(200, &health("Ailleurs")));
        let Screen::SignIn(form) = pasted.screen() else { panic!("expected sign-in") };
        assert_eq!((form.federation.as_str(), form.invitation_code.as_deref()), ("Ailleurs", Some("xyz")));

        // A broken link says so.
        let mut broken = Shell::default();
        broken.start_new();
        broken.send(Event::Accounts(AccountsEvent::OpenLink { url: "https://fabrique.test/join/".into() }));
        assert!(federation_view(&broken).error.as_deref().unwrap().starts_with("Ce lien d'invitation ne se lit pas"));
    }

    #[test]
    fn a_mails_link_opens_the_app_at_its_item_after_signing_in_if_need_be() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let message = Uuid::now_v7();
        let link = format!("http://fabrique.test/open/must-read/{message}");

        // Signed in: there at once.
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Accounts(AccountsEvent::OpenLink { url: link.clone() }));
        assert!(matches!(shell.screen(), Screen::MustRead(_)), "{:?}", shell.screen());
        // Another federation's link: said, nothing opened.
        shell.send(Event::Navigate(crate::model::Route::Feed));
        shell.send(Event::Accounts(AccountsEvent::OpenLink {
            url: format!("https://ailleurs.example.org/open/must-read/{message}"),
        }));
        assert!(matches!(shell.screen(), Screen::Feed(_)));
        assert!(shell.view().notice.unwrap().contains("autre fédération"));

        // Signed out: it waits for the sign-in, then opens.
        let mut signed_out = Shell::default();
        signed_out.start();
        signed_out.send(Event::Accounts(AccountsEvent::OpenLink { url: link }));
        let Screen::SignIn(form) = signed_out.screen() else { panic!("sign in first") };
        assert_eq!(form.notice.as_deref(), Some("Connectez-vous : le lien s'ouvrira juste après."));
        signed_out
            .send(Event::Accounts(AccountsEvent::SignIn { email: "awa@example.org".into(), password: "x".into() }));
        signed_out.answer_json("/v1/auth/sign-in", 200, &session_response(person));
        assert!(matches!(signed_out.screen(), Screen::MustRead(_) | Screen::Loading), "{:?}", signed_out.screen());
        signed_out.answer_json("/v1/sync/pull", 200, &first_pull(person, group, vec![]));
        assert!(matches!(signed_out.screen(), Screen::MustRead(_)), "{:?}", signed_out.screen());
    }

    #[test]
    fn an_invitation_opened_while_signed_in_says_what_it_is_for() {
        let person = Uuid::now_v7();
        let group = Uuid::now_v7();
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Accounts(AccountsEvent::OpenLink { url: "http://fabrique.test/join/abc".into() }));
        let view = shell.view();
        assert!(view.notice.as_deref().unwrap().starts_with("Vous êtes déjà connecté·e"), "{:?}", view.notice);
        assert!(matches!(view.screen, Screen::Feed(_)), "still signed in");
    }

    #[test]
    fn a_session_an_earlier_version_kept_in_a_file_moves_to_the_protected_storage() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let signed = signed_in(person, &first_pull(person, group, vec![]));
        let mut kv = signed.kv.clone();
        let session = kv.remove("secret:session").expect("kept as a secret");
        kv.insert("session".into(), session.clone());
        let mut updated = Shell::with_storage(kv);
        updated.start();
        assert!(
            matches!(updated.screen(), Screen::Feed(_) | Screen::Loading),
            "still signed in: {:?}",
            updated.screen()
        );
        assert_eq!(updated.kv.get("secret:session"), Some(&session), "moved");
        assert!(!updated.kv.contains_key("session"), "the plain file is gone");
    }

    #[test]
    fn signing_in_keeps_the_session_and_shows_the_feed_after_the_first_pull() {
        let person = Uuid::now_v7();
        let group = Uuid::now_v7();
        let shell =
            signed_in(person, &first_pull(person, group, vec![post(Uuid::now_v7(), group, person, "Bonjour", 1)]));
        assert!(shell.kv.contains_key("secret:session"));
        assert!(shell.kv.contains_key(&format!("store:{person}")));
        let Screen::Feed(feed) = shell.screen() else { panic!("expected the feed") };
        assert_eq!(feed.items.len(), 1);
        assert_eq!(feed.items[0].group_name, "Trésorerie");
    }

    #[test]
    fn a_wrong_password_says_so_in_the_persons_language() {
        let mut shell = Shell::default();
        shell.start();
        shell.send(Event::SetLanguage(crate::i18n::Language::English));
        shell.send(Event::Accounts(AccountsEvent::SignIn { email: "a@b.org".into(), password: "nope".into() }));
        let Screen::SignIn(busy) = shell.screen() else { panic!() };
        assert!(busy.busy);
        let request = shell.take_request("/v1/auth/sign-in");
        shell.answer(request, refusal(401, "invalid_credentials"));
        let Screen::SignIn(form) = shell.screen() else { panic!() };
        assert!(!form.busy);
        assert_eq!(form.error.as_deref(), Some("Wrong email address or password."));
    }

    #[test]
    fn a_forgotten_password_asks_for_a_link_and_says_where_to_look() {
        let mut shell = Shell::default();
        shell.start();
        shell.send(Event::SetLanguage(crate::i18n::Language::English));
        shell.send(Event::Accounts(AccountsEvent::ForgotPassword { email: "pas une adresse".into() }));
        let Screen::SignIn(form) = shell.screen() else { panic!() };
        assert_eq!(form.error.as_deref(), Some("This email address is not valid."));
        assert!(shell.http.is_empty(), "nothing asked with a bad address");

        shell.send(Event::Accounts(AccountsEvent::ForgotPassword { email: " Nadia@Quartier.test ".into() }));
        let request = shell.take_request("/v1/auth/password-reset");
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&request.operation.body).unwrap(),
            serde_json::json!({ "email": "nadia@quartier.test" })
        );
        let Screen::SignIn(busy) = shell.screen() else { panic!() };
        assert!(busy.busy && busy.error.is_none());
        shell.answer(request, ok(202, &()));
        let Screen::SignIn(form) = shell.screen() else { panic!() };
        assert!(!form.busy);
        assert!(form.notice.as_deref().unwrap().starts_with("If an account has this address"), "{form:?}");

        // A server that sends no mail says who can help instead.
        shell.send(Event::Accounts(AccountsEvent::ForgotPassword { email: "nadia@quartier.test".into() }));
        let request = shell.take_request("/v1/auth/password-reset");
        shell.answer(request, refusal(503, "mail_unavailable"));
        let Screen::SignIn(form) = shell.screen() else { panic!() };
        assert!(form.error.as_deref().unwrap().contains("ask a manager of your association"), "{form:?}");
        assert!(form.notice.is_none());
    }

    #[test]
    fn deleting_ones_account_asks_the_password_then_forgets_everything_of_the_person_on_this_phone() {
        let person = Uuid::now_v7();
        let group = Uuid::now_v7();
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::SetLanguage(crate::i18n::Language::English));
        shell.send(Event::Navigate(crate::model::Route::MyProfile));
        let Screen::MyProfile(profile) = shell.screen() else { panic!("expected my profile") };
        assert!(profile.erasure.explanation.contains("14 days") && !profile.erasure.busy, "{profile:?}");

        // A write not yet sent, then a wrong password: the dialog says so, nothing changes.
        shell.send(Event::Composer(crate::composer::types::ComposerEvent::Open(
            crate::composer::types::ComposerTarget::NewPost { group_id: group.to_string() },
        )));
        shell.send(Event::Composer(crate::composer::types::ComposerEvent::Submit {
            title: String::new(),
            body: "Jamais envoyé".into(),
        }));
        shell.send(Event::Accounts(AccountsEvent::EraseAccount { password: "pas le bon".into() }));
        let request = shell.take_request("/v1/auth/erasure");
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&request.operation.body).unwrap(),
            serde_json::json!({ "password": "pas le bon" })
        );
        let Screen::MyProfile(profile) = shell.screen() else { panic!() };
        assert!(profile.erasure.busy);
        shell.answer(request, refusal(401, "invalid_credentials"));
        let Screen::MyProfile(profile) = shell.screen() else { panic!() };
        assert_eq!(profile.erasure.error.as_deref(), Some("This password is not the right one."));
        assert!(shell.kv.contains_key("secret:session"));

        // The right one: back to sign-in, told how to change one's mind; nothing of the
        // person stays on the phone, the unsent write neither.
        shell.send(Event::Accounts(AccountsEvent::EraseAccount { password: "le bon mot de passe".into() }));
        let request = shell.take_request("/v1/auth/erasure");
        shell.answer(request, ok(202, &serde_json::json!({ "due_at": "2027-01-01T10:00:00Z" })));
        let Screen::SignIn(form) = shell.screen() else { panic!("expected sign-in") };
        assert!(form.notice.as_deref().unwrap().contains("Sign in here before then"), "{form:?}");
        assert!(!shell.kv.contains_key("secret:session"));
        assert!(!shell.kv.contains_key(&format!("outbox:{person}")), "unsent writes go too");
        assert!(!shell.kv.contains_key(&format!("store:{person}")));
        assert!(
            !shell.waiting_paths().iter().any(|p| p == "/v1/auth/sign-out"),
            "the server already ended the sessions"
        );
    }

    #[test]
    fn the_device_data_is_shown_at_start_before_any_network_answer() {
        let person = Uuid::now_v7();
        let group = Uuid::now_v7();
        let posts: Vec<Post> = (0..3).map(|i| post(Uuid::now_v7(), group, person, "x", i)).collect();
        let first = signed_in(person, &first_pull(person, group, posts));

        let mut restarted = Shell::with_storage(first.kv.clone());
        restarted.start();
        let Screen::Feed(feed) = restarted.screen() else { panic!("expected the feed") };
        assert_eq!(feed.items.len(), 3);
        assert_eq!(
            restarted.waiting_paths(),
            vec!["/v1/sync/pull", "/v1/push/key"],
            "and a sync starts, and the device registers for pushes"
        );
    }

    #[test]
    fn an_expired_session_goes_back_to_sign_in_and_keeps_unsent_writes() {
        let person = Uuid::now_v7();
        let group = Uuid::now_v7();
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Composer(crate::composer::types::ComposerEvent::Open(
            crate::composer::types::ComposerTarget::NewPost { group_id: group.to_string() },
        )));
        shell.send(Event::Composer(crate::composer::types::ComposerEvent::Submit {
            title: String::new(),
            body: "Pas perdu".into(),
        }));
        shell.fire_timers();
        let request = shell.take_request("/v1/sync/push");
        shell.answer(request, refusal(401, "unauthorized"));

        let Screen::SignIn(form) = shell.screen() else { panic!("expected sign-in") };
        assert!(form.notice.is_some());
        assert!(!shell.kv.contains_key("secret:session"));
        let outbox = String::from_utf8(shell.kv[&format!("outbox:{person}")].clone()).unwrap();
        assert!(outbox.contains("Pas perdu"));
    }
}
