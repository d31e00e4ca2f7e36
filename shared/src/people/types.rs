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
}

#[derive(Debug, Default)]
pub struct DirectoryPage {
    pub query: String,
    pub skill: String,
    pub organisation_id: Option<uuid::Uuid>,
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
