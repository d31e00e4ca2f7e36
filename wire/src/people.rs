//! Profiles. What others see of a person follows that person's own choices (DESIGN.md §3).

use uuid::Uuid;

use crate::wire_type;

/// Longest name as others see it, in characters.
pub const DISPLAY_NAME_MAX: usize = 80;
/// Longest function ("trésorière").
pub const FUNCTION_MAX: usize = 80;
/// Longest short biography.
pub const BIO_MAX: usize = 2_000;
/// Longest words of a directory search.
pub const QUERY_MAX: usize = 100;

wire_type! {
    /// Who may find a person in the directory beyond the groups they share.
    #[derive(Copy, Eq)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum DirectoryVisibility {
        /// The people of one's own association only (the default, GDPR art. 25).
        Association,
        /// Everyone in the federation.
        Federation,
    }

    /// The language the server writes to the person in (mails), as they chose it in the app.
    #[derive(Copy, Eq)]
    #[repr(C)]
    pub enum MailLanguage {
        #[serde(rename = "fr")]
        French,
        #[serde(rename = "en")]
        English,
    }

    #[derive(Copy, Eq)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum PlatformRole {
        Member,
        FederationAdmin,
    }

    /// A person as others may see them.
    pub struct Profile {
        pub id: Uuid,
        pub display_name: String,
        pub function: String,
        pub organisation_id: Uuid,
        pub organisation_name: String,
        pub skills: Vec<String>,
        pub interests: Vec<String>,
        pub bio: String,
        pub directory_visibility: DirectoryVisibility,
    }

    /// The signed-in person: their profile plus what only they see.
    pub struct Me {
        pub profile: Profile,
        pub email: String,
        pub platform_role: PlatformRole,
        /// Organisations this person manages.
        pub manages: Vec<Uuid>,
    }

    /// Fields left out stay as they are.
    #[serde(deny_unknown_fields)]
    pub struct ProfileUpdate {
        #[serde(default)]
        pub display_name: Option<String>,
        #[serde(default)]
        pub function: Option<String>,
        #[serde(default)]
        pub bio: Option<String>,
        #[serde(default)]
        pub skills: Option<Vec<String>>,
        #[serde(default)]
        pub interests: Option<Vec<String>>,
        #[serde(default)]
        pub directory_visibility: Option<DirectoryVisibility>,
        /// The language of the mails the server writes (invitations it forwards, resets,
        /// digests, must-read messages).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub language: Option<MailLanguage>,
    }
}
