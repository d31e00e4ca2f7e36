//! People: what a shell sends, the directory read online, the profile editor, and how people are shown.
//!
//! The area's types, below its logic (`mod.rs`) and below the core's model: what the
//! session holds and the shells draw is defined here, so that the model imports no logic.

use fabrique_wire::people::Profile;
use facet::Facet;
use serde::{Deserialize, Serialize};

use crate::i18n::Text;

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum PeopleEvent {
    EditProfile,
    SaveProfile {
        display_name: String,
        function: String,
        bio: String,
        skills: Vec<String>,
        interests: Vec<String>,
        federation_visible: bool,
    },
    CancelEdit,
    /// Filter the directory (empty values: no filter).
    Directory {
        query: String,
        skill: String,
        organisation_id: Option<String>,
    },
    DirectoryMore,
    /// "My data": ask for a copy of one's data (prepared by the server, then downloaded).
    AskDataCopy,
    /// Read again where one's copies stand (while one is being prepared).
    RefreshDataCopies,
    /// Choose, or no longer choose, a person in the people picker.
    PickToggle {
        person_id: String,
        display_name: String,
    },
    /// Do what the picker was opened for with the people chosen (`title`: a new
    /// conversation's, optional; ignored otherwise).
    PickConfirm {
        title: String,
    },
}

/// What the people picker is opened for.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[repr(C)]
pub enum PickPurpose {
    /// An organiser invites people into their group; each accepts by joining.
    InviteToGroup { group_id: String },
    /// A conversation with several people.
    StartConversation,
    /// More people in a conversation one is in.
    AddToConversation { conversation_id: String },
}

/// The people chosen so far, as the picker stands.
#[derive(Debug, Clone)]
pub struct Picking {
    pub purpose: PickPurpose,
    /// In the order chosen: ids and names.
    pub chosen: Vec<(uuid::Uuid, String)>,
}

/// Choosing people from the directory (the people one may see), for `purpose`.
#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PickPeopleView {
    pub purpose: PickPurpose,
    pub title: String,
    pub hint: String,
    pub query: String,
    pub people: Vec<PickCandidate>,
    /// The names chosen, in order.
    pub chosen: Vec<String>,
    /// A new conversation may be given a title.
    pub asks_title: bool,
    pub confirm_label: String,
    pub can_confirm: bool,
    pub loading: bool,
    pub has_more: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PickCandidate {
    pub id: String,
    pub display_name: String,
    /// Function and association, as one line.
    pub detail: String,
    pub chosen: bool,
    /// Why this person cannot be chosen ("already a member"); `None`: they can.
    pub unavailable: Option<String>,
}

/// One's copies of one's data, read online on one's profile.
#[derive(Debug, Default)]
pub struct DataCopies {
    pub items: Vec<fabrique_wire::exports::DataExport>,
    /// The latest read, and the asking, under way.
    pub tag: Option<u64>,
    pub asking: Option<u64>,
    /// A refresh is planned (one timer at a time).
    pub refresh_planned: bool,
    pub error: Option<Text>,
}

#[derive(Debug, Default)]
pub struct DirectoryPage {
    pub query: String,
    pub skill: String,
    pub organisation_id: Option<uuid::Uuid>,
    /// Open as the people picker (`Route::PickPeople`).
    pub picking: Option<Picking>,
    pub list: crate::paging::OnlineList<Profile>,
}

#[derive(Debug, Clone)]
pub struct ProfileEditor {
    pub draft: ProfileEditorView,
    pub error: Option<Text>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ProfileView {
    pub id: String,
    pub display_name: String,
    pub function: String,
    pub organisation_name: String,
    pub skills: Vec<String>,
    pub interests: Vec<String>,
    pub bio: String,
    /// Visible to the whole federation (otherwise to one's own association).
    pub federation_visible: bool,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MyProfileView {
    pub profile: Option<ProfileView>,
    pub email: String,
    pub pending: bool,
    /// The form stays open with what was typed when the core refused it.
    pub editor: Option<ProfileEditorView>,
    /// "Delete my account": what it does, said before the password is asked.
    pub erasure: ErasureView,
    /// "My data": copies of one's data to ask for and download.
    pub data: DataCopiesView,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DataCopiesView {
    pub explanation: String,
    /// The copies of the last 7 days, newest first.
    pub copies: Vec<DataCopyView>,
    /// A copy is being asked for, or prepared: the button waits.
    pub busy: bool,
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DataCopyView {
    pub id: String,
    /// "Asked on 5 December 2026: being prepared (40 %)", "ready until 12 December 2026".
    pub text: String,
    /// 0 to 100 while it is prepared.
    pub progress: Option<u8>,
    /// Opened in the browser, which downloads the ZIP file (the link carries its own key).
    pub download_url: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ErasureView {
    /// What deleting one's account does, and how to change one's mind.
    pub explanation: String,
    pub busy: bool,
    /// Why it was refused (a wrong password, no network); the dialog stays open.
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ProfileEditorView {
    pub display_name: String,
    pub function: String,
    pub bio: String,
    pub skills: Vec<String>,
    pub interests: Vec<String>,
    pub federation_visible: bool,
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PersonView {
    pub id: String,
    /// "Write" opens our conversation (`ConversationsEvent::WriteTo`).
    pub can_write: bool,
    /// Someone else: they may be blocked, or unblocked when `blocked`.
    pub can_block: bool,
    pub blocked: bool,
    pub profile: Option<ProfileView>,
    pub loading: bool,
    pub error: Option<String>,
}

#[derive(Facet, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DirectoryView {
    pub query: String,
    pub skill: String,
    pub organisation_id: Option<String>,
    pub people: Vec<ProfileView>,
    pub loading: bool,
    pub has_more: bool,
    pub error: Option<String>,
    pub empty_text: Option<String>,
}
