//! Profiles: mine (from the device, edited through the outbox) and other people's (online,
//! shown only as far as each person allows).

pub mod picker;
pub mod types;
pub use self::types::*;

use crux_core::{Command, render::render};
use fabrique_wire::exports::{DataExport, ExportState};
use fabrique_wire::people::{DirectoryVisibility, Me, Profile, ProfileUpdate};
use fabrique_wire::sync::Mutation;

use crate::i18n::{Language, Text};
use crate::ids::parse;
use crate::model::{Cmd, Form, Session};
use crate::pages::{Fetch, PersonPage};
use crate::sync::{self, overlay::Overlay};

use fabrique_wire::people::{BIO_MAX, DISPLAY_NAME_MAX as NAME_MAX, FUNCTION_MAX};

const TAGS_MAX: usize = 30;

pub fn update(event: PeopleEvent, session: &mut Session) -> Cmd {
    match event {
        PeopleEvent::EditProfile => {
            let overlay = Overlay::of(&session.outbox);
            if let Some(profile) = my_profile(session, &overlay) {
                let draft = ProfileEditorView {
                    display_name: profile.display_name,
                    function: profile.function,
                    bio: profile.bio,
                    skills: profile.skills,
                    interests: profile.interests,
                    federation_visible: profile.federation_visible,
                    error: None,
                };
                session.form = Some(Form::Profile(ProfileEditor { draft, error: None }));
            }
            render()
        }
        PeopleEvent::Directory { query, skill, organisation_id } => {
            let page = &mut session.pages.directory;
            page.query = query.trim().to_owned();
            page.skill = skill.trim().to_owned();
            page.organisation_id = organisation_id.as_deref().and_then(parse);
            load_directory(session, false).and(render())
        }
        PeopleEvent::DirectoryMore => load_directory(session, true).and(render()),
        PeopleEvent::PickToggle { person_id, display_name } => picker::toggle(session, &person_id, display_name),
        PeopleEvent::PickConfirm { title } => picker::confirm(session, title),
        PeopleEvent::AskDataCopy => ask_data_copy(session).and(render()),
        PeopleEvent::RefreshDataCopies => {
            session.pages.data_copies.refresh_planned = false;
            // Only while the profile is on screen: nobody watches otherwise.
            if session.route() == &crate::model::Route::MyProfile {
                read_data_copies(session).and(render())
            } else {
                render()
            }
        }
        PeopleEvent::CancelEdit => {
            session.close_profile_editor();
            render()
        }
        PeopleEvent::SaveProfile { display_name, function, bio, skills, interests, federation_visible } => {
            let draft = ProfileEditorView {
                display_name: display_name.clone(),
                function: function.clone(),
                bio: bio.clone(),
                skills: skills.clone(),
                interests: interests.clone(),
                federation_visible,
                error: None,
            };
            let display_name = display_name.trim().to_owned();
            let problem = if display_name.is_empty() {
                Some(Text::NameRequired)
            } else if display_name.chars().count() > NAME_MAX
                || function.trim().chars().count() > FUNCTION_MAX
                || bio.trim().chars().count() > BIO_MAX
                || skills.len() > TAGS_MAX
                || interests.len() > TAGS_MAX
            {
                Some(Text::TooLong)
            } else {
                None
            };
            if let Some(problem) = problem {
                session.form = Some(Form::Profile(ProfileEditor { draft, error: Some(problem) }));
                return render();
            }
            session.close_profile_editor();
            let clean = |tags: Vec<String>| -> Vec<String> {
                tags.into_iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect()
            };
            let update = ProfileUpdate {
                display_name: Some(display_name),
                function: Some(function.trim().to_owned()),
                bio: Some(bio.trim().to_owned()),
                skills: Some(clean(skills)),
                interests: Some(clean(interests)),
                directory_visibility: Some(if federation_visible {
                    DirectoryVisibility::Federation
                } else {
                    DirectoryVisibility::Association
                }),
                language: None,
            };
            sync::write(session, Mutation::UpdateProfile { update }).and(render())
        }
    }
}

/// The language the person chose in the app, for the mails the server writes them.
pub fn tell_language(session: &mut Session, language: crate::i18n::Language) -> Cmd {
    let language = match language {
        crate::i18n::Language::French => fabrique_wire::people::MailLanguage::French,
        crate::i18n::Language::English => fabrique_wire::people::MailLanguage::English,
    };
    let update = ProfileUpdate {
        display_name: None,
        function: None,
        bio: None,
        skills: None,
        interests: None,
        directory_visibility: None,
        language: Some(language),
    };
    sync::write(session, Mutation::UpdateProfile { update })
}

pub fn open_person(session: &mut Session, id: &str) -> Cmd {
    let Some(person_id) = parse(id) else {
        session.pages.person = None;
        return Command::done();
    };
    let (tag, cmd) = session.fetch(Fetch::Person, &format!("/v1/people/{person_id}"));
    session.pages.person = Some(PersonPage { id: person_id, profile: None, tag: Some(tag), error: None });
    cmd
}

/// The signed-in person as the device knows them.
pub fn me(session: &Session) -> Option<&Me> {
    session.store.me().or(session.me_at_sign_in.as_ref())
}

fn profile_view(profile: &Profile) -> ProfileView {
    ProfileView {
        id: profile.id.to_string(),
        display_name: profile.display_name.clone(),
        function: profile.function.clone(),
        organisation_name: profile.organisation_name.clone(),
        skills: profile.skills.clone(),
        interests: profile.interests.clone(),
        bio: profile.bio.clone(),
        federation_visible: profile.directory_visibility == DirectoryVisibility::Federation,
    }
}

/// My profile with my pending changes on top.
fn my_profile(session: &Session, overlay: &Overlay) -> Option<ProfileView> {
    let mut view = profile_view(&me(session)?.profile);
    for update in &overlay.profile {
        if let Some(v) = &update.display_name {
            view.display_name = v.clone();
        }
        if let Some(v) = &update.function {
            view.function = v.clone();
        }
        if let Some(v) = &update.bio {
            view.bio = v.clone();
        }
        if let Some(v) = &update.skills {
            view.skills = v.clone();
        }
        if let Some(v) = &update.interests {
            view.interests = v.clone();
        }
        if let Some(v) = &update.directory_visibility {
            view.federation_visible = *v == DirectoryVisibility::Federation;
        }
    }
    Some(view)
}

// ---------------------------------------------------------------------------------------
// My data: copies of one's data, asked for here, prepared by the server, opened in the
// browser (which downloads the ZIP file).

/// Reads where one's copies stand.
pub fn read_data_copies(session: &mut Session) -> Cmd {
    let (tag, cmd) = session.fetch(Fetch::DataCopies, "/v1/exports");
    session.pages.data_copies.tag = Some(tag);
    cmd
}

fn ask_data_copy(session: &mut Session) -> Cmd {
    let copies = &session.pages.data_copies;
    if copies.asking.is_some() || copies.items.iter().any(under_way) {
        return Command::done();
    }
    let tag = session.tag();
    let epoch = session.epoch;
    session.pages.data_copies.asking = Some(tag);
    session.pages.data_copies.error = None;
    let request = crate::api::post(
        Some(&session.credentials),
        &session.credentials.server_url,
        "/v1/exports",
        &serde_json::json!({}),
    );
    Command::request_from_shell(request).then_send(move |result| {
        crate::model::Event::Fetched(
            epoch,
            Box::new(crate::pages::Fetched { tag, fetch: Fetch::DataCopyAsked, result }),
        )
    })
}

fn under_way(copy: &DataExport) -> bool {
    matches!(copy.state, ExportState::Waiting | ExportState::Preparing)
}

pub fn data_copies_read(session: &mut Session, answer: Result<Vec<DataExport>, crate::api::Failure>) -> Cmd {
    let copies = &mut session.pages.data_copies;
    copies.tag = None;
    match answer {
        Ok(items) => {
            copies.items = items;
            copies.error = None;
        }
        Err(failure) => copies.error = Some(failure.text()),
    }
    plan_refresh(session)
}

pub fn data_copy_asked(session: &mut Session, answer: Result<DataExport, crate::api::Failure>) -> Cmd {
    let copies = &mut session.pages.data_copies;
    copies.asking = None;
    match answer {
        Ok(copy) => {
            copies.items.retain(|c| c.id != copy.id);
            copies.items.insert(0, copy);
        }
        Err(failure) => copies.error = Some(failure.text()),
    }
    plan_refresh(session)
}

/// While a copy is being prepared, where it stands is read again every two seconds.
fn plan_refresh(session: &mut Session) -> Cmd {
    let copies = &mut session.pages.data_copies;
    if copies.refresh_planned || !copies.items.iter().any(under_way) {
        return Command::done();
    }
    copies.refresh_planned = true;
    let id = crate::sync::timer_id(session);
    Command::request_from_shell(crux_time::TimeRequest::NotifyAfter {
        id,
        duration: crux_time::Duration::from_millis(2000),
    })
    .then_send(|_| crate::model::Event::People(PeopleEvent::RefreshDataCopies))
}

fn data_copies_view(session: &Session, language: Language) -> DataCopiesView {
    let copies = &session.pages.data_copies;
    let lines = copies
        .items
        .iter()
        .map(|copy| {
            let asked = match language {
                Language::French => format!("Demandée le {}", crate::i18n::day(copy.requested_at, language)),
                Language::English => format!("Asked on {}", crate::i18n::day(copy.requested_at, language)),
            };
            let state = match copy.state {
                ExportState::Waiting | ExportState::Preparing => {
                    format!("{} ({} %)", Text::DataCopyWaiting.in_language(language), copy.progress)
                }
                ExportState::Ready => match (copy.expires_at, language) {
                    (Some(until), Language::French) => {
                        format!("prête, à télécharger jusqu'au {}", crate::i18n::day(until, language))
                    }
                    (Some(until), Language::English) => {
                        format!("ready, to download until {}", crate::i18n::day(until, language))
                    }
                    (None, _) => String::new(),
                },
                ExportState::Failed => Text::DataCopyFailed.in_language(language).to_owned(),
                ExportState::Expired => Text::DataCopyExpired.in_language(language).to_owned(),
            };
            DataCopyView {
                id: copy.id.to_string(),
                text: match language {
                    Language::French => format!("{asked} : {state}"),
                    Language::English => format!("{asked}: {state}"),
                },
                progress: under_way(copy).then_some(copy.progress),
                download_url: copy.download_url.clone().filter(|_| copy.state == ExportState::Ready),
            }
        })
        .collect();
    DataCopiesView {
        explanation: Text::DataCopyExplained.in_language(language).to_owned(),
        copies: lines,
        busy: copies.asking.is_some() || copies.items.iter().any(under_way),
        error: copies.error.map(|t| t.in_language(language).to_owned()),
    }
}

pub fn my_profile_view(session: &Session, overlay: &Overlay, language: Language) -> MyProfileView {
    MyProfileView {
        profile: my_profile(session, overlay),
        email: me(session).map(|me| me.email.clone()).unwrap_or_default(),
        pending: !overlay.profile.is_empty(),
        editor: session.profile_editor().map(|editor| ProfileEditorView {
            error: editor.error.map(|t| t.in_language(language).to_owned()),
            ..editor.draft.clone()
        }),
        erasure: ErasureView {
            explanation: Text::ErasureExplained.in_language(language).to_owned(),
            busy: session.erasure.busy.is_some(),
            error: session.erasure.error.map(|t| t.in_language(language).to_owned()),
        },
        data: data_copies_view(session, language),
    }
}

pub fn person_view(
    session: &Session,
    overlay: &crate::sync::overlay::Overlay,
    id: &str,
    language: Language,
) -> PersonView {
    let page = session.pages.person.as_ref().filter(|p| p.id.to_string() == id);
    let someone_else = page.is_some_and(|p| p.profile.is_some() && p.id != session.person_id);
    let blocked = page.is_some_and(|p| match overlay.blocks.get(&p.id) {
        Some(blocking) => *blocking,
        None => session.store.blocked(p.id),
    });
    PersonView {
        id: id.to_owned(),
        can_write: someone_else && !blocked,
        can_block: someone_else,
        blocked,
        profile: page.and_then(|p| p.profile.as_ref()).map(profile_view),
        loading: page.is_some_and(|p| p.tag.is_some()),
        error: match page {
            Some(page) => page.error.map(|t| t.in_language(language).to_owned()),
            None => Some(Text::NotFound.in_language(language).to_owned()),
        },
    }
}

pub fn open_directory(session: &mut Session) -> Cmd {
    if session.pages.directory.list.loaded || session.pages.directory.list.tag.is_some() {
        return Command::done();
    }
    load_directory(session, false)
}

fn load_directory(session: &mut Session, more: bool) -> Cmd {
    let page = &session.pages.directory;
    let mut query = Vec::new();
    if !page.query.is_empty() {
        query.push(format!("q={}", crate::api::query_value(&page.query)));
    }
    if !page.skill.is_empty() {
        query.push(format!("skill={}", crate::api::query_value(&page.skill.to_lowercase())));
    }
    if let Some(organisation) = page.organisation_id {
        query.push(format!("organisation_id={organisation}"));
    }
    if more {
        match &page.list.next_cursor {
            Some(cursor) => query.push(format!("cursor={}", crate::api::query_value(cursor))),
            None => return Command::done(),
        }
    }
    let path = format!("/v1/people?{}", query.join("&"));
    let (tag, cmd) = session.fetch(Fetch::Directory { append: more }, &path);
    session.pages.directory.list.tag = Some(tag);
    cmd
}

pub fn directory_view(session: &Session, language: Language) -> crate::people::types::DirectoryView {
    let page = &session.pages.directory;
    let people: Vec<ProfileView> = page.list.items.iter().map(profile_view).collect();
    crate::people::types::DirectoryView {
        query: page.query.clone(),
        skill: page.skill.clone(),
        organisation_id: page.organisation_id.map(|o| o.to_string()),
        empty_text: page.list.is_empty_result().then(|| Text::DirectoryEmpty.in_language(language).to_owned()),
        people,
        loading: page.list.tag.is_some(),
        has_more: page.list.next_cursor.is_some(),
        error: page.list.error.map(|t| t.in_language(language).to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::PeopleEvent;
    use crate::model::{Event, Route};
    use crate::testing::*;
    use crate::view::Screen;

    fn save(name: &str) -> Event {
        Event::People(PeopleEvent::SaveProfile {
            display_name: name.into(),
            function: "Présidente".into(),
            bio: String::new(),
            skills: vec!["subventions".into(), " ".into()],
            interests: vec![],
            federation_visible: true,
        })
    }

    #[test]
    fn my_data_is_asked_for_followed_as_it_is_prepared_and_opened_by_its_link() {
        let person = Uuid::now_v7();
        let mut shell = signed_in(person, &first_pull(person, Uuid::now_v7(), vec![]));
        shell.send(Event::SetLanguage(crate::i18n::Language::English));
        shell.send(Event::Navigate(Route::MyProfile));
        let read = shell.take_request("/v1/exports");
        assert_eq!(read.operation.method, "GET");
        shell.answer(read, ok(200, &Vec::<fabrique_wire::exports::DataExport>::new()));
        let Screen::MyProfile(profile) = shell.screen() else { panic!("expected my profile") };
        assert!(profile.data.copies.is_empty() && !profile.data.busy && profile.data.explanation.contains("7 days"));

        let copy = |state, progress, url: Option<&str>| fabrique_wire::exports::DataExport {
            id: Uuid::nil(),
            state,
            progress,
            requested_at: "2026-12-05T10:00:00Z".parse().unwrap(),
            ready_at: None,
            expires_at: url.map(|_| "2026-12-12T10:00:00Z".parse().unwrap()),
            size: None,
            download_url: url.map(str::to_owned),
        };
        use fabrique_wire::exports::ExportState;
        shell.send(Event::People(PeopleEvent::AskDataCopy));
        let asked = shell.take_request("/v1/exports");
        assert_eq!(asked.operation.method, "POST");
        shell.send(Event::People(PeopleEvent::AskDataCopy));
        assert!(!shell.waiting_paths().iter().any(|p| p == "/v1/exports"), "asked once while the first is under way");
        shell.answer(asked, ok(202, &copy(ExportState::Waiting, 0, None)));
        let Screen::MyProfile(profile) = shell.screen() else { panic!() };
        assert!(profile.data.busy);
        assert_eq!(profile.data.copies[0].text, "Asked on 5 December 2026: being prepared (0 %)");

        // Read again two seconds later, as long as it is prepared.
        shell.fire_timers();
        let read = shell.take_request("/v1/exports");
        shell.answer(read, ok(200, &vec![copy(ExportState::Preparing, 60, None)]));
        let Screen::MyProfile(profile) = shell.screen() else { panic!() };
        assert_eq!(profile.data.copies[0].progress, Some(60));
        shell.fire_timers();
        let read = shell.take_request("/v1/exports");
        shell.answer(read, ok(200, &vec![copy(ExportState::Ready, 100, Some("https://f.test/exports/k"))]));
        let Screen::MyProfile(profile) = shell.screen() else { panic!() };
        assert!(!profile.data.busy);
        assert_eq!(profile.data.copies[0].text, "Asked on 5 December 2026: ready, to download until 12 December 2026");
        assert_eq!(profile.data.copies[0].download_url.as_deref(), Some("https://f.test/exports/k"));
        shell.fire_timers();
        assert!(!shell.waiting_paths().iter().any(|p| p == "/v1/exports"), "nothing more to follow");
    }

    #[test]
    fn my_profile_change_shows_at_once_and_an_empty_name_is_refused() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        shell.send(Event::Navigate(Route::MyProfile));
        shell.send(Event::People(PeopleEvent::EditProfile));
        shell.send(save(""));
        let Screen::MyProfile(view) = shell.screen() else { panic!() };
        let editor = view.editor.expect("the form stays open");
        assert_eq!(editor.function, "Présidente");
        assert!(editor.error.is_some());

        shell.send(save("Awa D."));
        let Screen::MyProfile(view) = shell.screen() else { panic!() };
        assert!(view.editor.is_none());
        let profile = view.profile.unwrap();
        assert_eq!(profile.display_name, "Awa D.");
        assert_eq!(profile.skills, vec!["subventions"]);
        assert!(profile.federation_visible);
        assert!(view.pending);
    }

    #[test]
    fn a_hidden_profile_says_so() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        let other = Uuid::now_v7();
        shell.send(Event::Navigate(Route::Person { id: other.to_string() }));
        let request = shell.take_request(&format!("/v1/people/{other}"));
        shell.answer(request, refusal(404, "person_not_found"));
        let Screen::Person(view) = shell.screen() else { panic!() };
        assert!(view.profile.is_none());
        assert!(view.error.unwrap().contains("visible"));
    }

    #[test]
    fn someone_elses_profile_offers_to_write_to_them_until_one_blocks_them() {
        let (person, group) = (Uuid::now_v7(), Uuid::now_v7());
        let mut shell = signed_in(person, &first_pull(person, group, vec![]));
        let other = Uuid::now_v7();
        shell.send(Event::Navigate(Route::Person { id: other.to_string() }));
        let request = shell.take_request(&format!("/v1/people/{other}"));
        shell.answer(request, ok(200, &me(other).profile));
        let Screen::Person(view) = shell.screen() else { panic!() };
        assert!(view.can_write && view.can_block && !view.blocked);
        shell.send(Event::Conversations(crate::conversations::types::ConversationsEvent::Block {
            person_id: other.to_string(),
        }));
        let Screen::Person(view) = shell.screen() else { panic!() };
        assert!(view.blocked && !view.can_write, "blocked at once, before the server confirms");
    }
}
