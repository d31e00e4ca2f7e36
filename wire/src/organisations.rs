//! The organisation tree: the federation at the root, optional regional bodies, associations.

use uuid::Uuid;

use crate::wire_type;

/// Longest name of an organisation (the federation's included), in characters.
pub const NAME_MAX: usize = 120;

wire_type! {
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum OrganisationKind {
        Federation,
        Region,
        Association,
    }

    pub struct Organisation {
        pub id: Uuid,
        pub parent_id: Option<Uuid>,
        pub kind: OrganisationKind,
        pub name: String,
    }

    #[serde(deny_unknown_fields)]
    pub struct CreateOrganisationRequest {
        pub name: String,
        pub kind: OrganisationKind,
        pub parent_id: Uuid,
    }
}
