//! Must-read messages: what a federation administrator says to the whole federation (or one
//! level of its tree), an association manager to their association, an organiser to their
//! group, and wants everyone to read. Shown pinned in the apps until the person says "J'ai
//! lu"; pushed at once; mailed after a delay the sender chooses to those who have not read
//! it. The sender watches the reach grow.
//!
//! A message is carried by the scope of its audience (`organisation:<id>`, which every
//! person of that organisation's subtree reads, or `group:<id>`): one line however many
//! people it reaches. That a person read it is a [`MustReadRead`] in their own scope.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::wire_type;

/// Longest title.
pub const TITLE_MAX: usize = 120;
/// Longest text.
pub const BODY_MAX: usize = 5_000;
/// Hours before it is mailed to those who have not read it, unless the sender chooses.
pub const DEFAULT_MAIL_AFTER_HOURS: u32 = 24;
/// The longest wait the sender may choose (two weeks).
pub const MAIL_AFTER_MAX_HOURS: u32 = 336;
/// People named per page of a reach.
pub const REACH_PAGE: u32 = 100;

wire_type! {
    /// Who a must-read message is for.
    #[derive(Copy, Eq, Hash)]
    #[serde(tag = "to", rename_all = "snake_case", deny_unknown_fields)]
    #[repr(C)]
    pub enum MustReadAudience {
        /// Every active person of the organisation and of the organisations under it.
        Organisation { organisation_id: Uuid },
        /// Every member of the group.
        Group { group_id: Uuid },
    }

    /// A must-read message as its sender writes it (`POST /v1/must-reads`, or the
    /// `send_must_read` mutation from an organiser's phone).
    #[serde(deny_unknown_fields)]
    pub struct NewMustRead {
        /// Chosen by the sender's device (UUIDv7): sending it again changes nothing.
        pub id: Uuid,
        pub audience: MustReadAudience,
        pub title: String,
        pub body: String,
        /// Mailed to those who have not read it after this many hours (default 24; 0: at
        /// the next round).
        #[serde(default)]
        pub mail_after_hours: Option<u32>,
    }

    /// A must-read message as each recipient's phone holds it.
    pub struct MustRead {
        pub id: Uuid,
        pub audience: MustReadAudience,
        /// The organisation's or the group's name.
        pub audience_name: String,
        pub author_id: Uuid,
        pub author_name: String,
        pub title: String,
        pub body: String,
        pub created_at: DateTime<Utc>,
        /// When it is mailed to those who have not read it.
        pub mail_after: DateTime<Utc>,
    }

    /// I have read this must-read message (in my own scope; its id is the message's).
    pub struct MustReadRead {
        pub must_read_id: Uuid,
        pub read_at: DateTime<Utc>,
    }

    /// How far a must-read message has reached, counted as it happens (never recounted):
    /// `read_in_app + mailed + not_reached == recipients`.
    pub struct MustReadReach {
        pub id: Uuid,
        pub title: String,
        pub audience_name: String,
        pub created_at: DateTime<Utc>,
        pub mail_after: DateTime<Utc>,
        /// The people it was sent to (the audience when it was sent).
        pub recipients: u64,
        /// Said "J'ai lu" in the app.
        pub read_in_app: u64,
        /// Not read in the app, but the e-mail left for them.
        pub mailed: u64,
        /// Neither (yet).
        pub not_reached: u64,
        /// The e-mails have been queued for everyone who had not read it.
        pub mailing_done: bool,
    }

    /// Where one recipient stands.
    #[derive(Copy, Eq, Hash)]
    #[serde(rename_all = "snake_case")]
    #[repr(C)]
    pub enum ReachState {
        ReadInApp,
        Mailed,
        NotReached,
    }

    /// One recipient, for the sender's list (`GET /v1/must-reads/{id}/people`).
    pub struct ReachPerson {
        pub person_id: Uuid,
        pub display_name: String,
        pub organisation_name: String,
        pub state: ReachState,
    }
}

impl ReachState {
    pub const ALL: [ReachState; 3] = [ReachState::ReadInApp, ReachState::Mailed, ReachState::NotReached];

    /// The stable name, as in JSON and in the `state` query parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            ReachState::ReadInApp => "read_in_app",
            ReachState::Mailed => "mailed",
            ReachState::NotReached => "not_reached",
        }
    }

    pub fn parse(text: &str) -> Option<ReachState> {
        ReachState::ALL.into_iter().find(|state| state.as_str() == text)
    }
}

impl MustReadReach {
    /// Reached in the app or by e-mail, in whole percent (100 when nobody was to be reached).
    pub fn percent_reached(&self) -> u64 {
        if self.recipients == 0 {
            return 100;
        }
        (self.read_in_app + self.mailed) * 100 / self.recipients
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_audience_reads_and_writes_with_its_tag() {
        let id = Uuid::now_v7();
        let json = serde_json::json!({ "to": "organisation", "organisation_id": id });
        let audience: MustReadAudience = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(audience, MustReadAudience::Organisation { organisation_id: id });
        assert_eq!(serde_json::to_value(audience).unwrap(), json);
        assert!(serde_json::from_value::<MustReadAudience>(serde_json::json!({ "to": "planet", "id": id })).is_err());
    }

    #[test]
    fn each_state_parses_back_from_its_name() {
        for state in ReachState::ALL {
            assert_eq!(serde_json::to_string(&state).unwrap(), format!("\"{}\"", state.as_str()));
            assert_eq!(ReachState::parse(state.as_str()), Some(state));
        }
    }
}
